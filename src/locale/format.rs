//! Numbers and dates written the way each language reads them: Vietnamese
//! `11,27%`, `1.928.311`, `08/08/2022`; English `11.27%`, `1,928,311`,
//! `8 Aug 2022`. Data files never use this: they keep dot decimals. The
//! rules are each language's [`Locale`]'s; a language without one writes
//! its texts and dates as [`super::FALLBACK`] does, but groups digits the
//! way its readers do when this module knows how.

use super::{Locale, Separators};
use crate::model::{Date, Lang, Qualifier, Unit};

/// The separators of `lang`: its locale's, or for a language without one
/// the usual ones of its code.
fn separators(lang: &Lang) -> Separators {
    if let Some(locale) = Locale::find(lang) {
        return locale.separators;
    }
    let (thousands, decimal) = match lang.as_str() {
        "de" | "id" | "es" | "it" | "pt" | "nl" | "tr" => ('.', ','),
        "fr" | "ru" | "pl" | "cs" | "uk" => ('\u{202F}', ','),
        _ => (',', '.'),
    };
    Separators { thousands, decimal }
}

/// Formats `v` with at most `max_decimals` decimals (trailing zeros
/// dropped) and grouped thousands. Non-finite values become "–".
pub fn number(v: f64, max_decimals: usize, lang: &Lang) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    let Separators { thousands, decimal } = separators(lang);
    let max_decimals = max_decimals.min(6);
    let fixed = format!("{:.*}", max_decimals, v.abs());
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (fixed.as_str(), ""),
    };
    let mut out = String::with_capacity(fixed.len() + 8);
    let negative = v < 0.0 && (int_part.bytes().any(|b| b != b'0') || !frac_part.is_empty());
    if negative {
        out.push('−');
    }
    let digits = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(decimal);
        out.push_str(frac_part);
    }
    out
}

/// A value with its unit: `11,27%`, `71,79 Mbps`, `53 tỷ USD`, or as a
/// site's unit writes it (`12.5 kg per person`).
pub fn value(v: f64, unit: &Unit, lang: &Lang) -> String {
    unit.write(&number(v, unit.max_decimals(), lang), lang)
}

/// A value with its qualifier and, for "x out of y" figures, the y:
/// `khoảng 53 tỷ USD`, `477/832`.
pub fn figure(
    v: f64,
    unit: &Unit,
    qualifier: Option<Qualifier>,
    out_of: Option<f64>,
    lang: &Lang,
) -> String {
    let body = match out_of {
        Some(total) => unit.write(
            &format!(
                "{}/{}",
                number(v, unit.max_decimals(), lang),
                number(total, unit.max_decimals(), lang)
            ),
            lang,
        ),
        None => value(v, unit, lang),
    };
    match qualifier {
        Some(q) => format!("{} {body}", qualifier_word(q, lang)),
        None => body,
    }
}

/// The word a qualifier is written with.
pub fn qualifier_word(q: Qualifier, lang: &Lang) -> &'static str {
    let words = &Locale::of(lang).qualifiers;
    match q {
        Qualifier::About => words.about,
        Qualifier::Nearly => words.nearly,
        Qualifier::MoreThan => words.more_than,
        Qualifier::LessThan => words.less_than,
    }
}

/// A share as a percentage, for progress towards target: `66%`.
pub fn percent(share: f64, lang: &Lang) -> String {
    format!("{}%", number(share * 100.0, 0, lang))
}

/// A date: `08/08/2022` in Vietnamese, `8 Aug 2022` in English.
pub fn date(d: Date, lang: &Lang) -> String {
    (Locale::of(lang).date)(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BuiltInUnit;

    fn vi() -> Lang {
        Lang::parse("vi").unwrap()
    }
    fn en() -> Lang {
        Lang::parse("en").unwrap()
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(number(11.27, 2, &vi()), "11,27");
        assert_eq!(number(11.27, 2, &en()), "11.27");
        assert_eq!(number(1_928_311.0, 0, &vi()), "1.928.311");
        assert_eq!(number(1_928_311.0, 0, &en()), "1,928,311");
        assert_eq!(number(100.0, 2, &vi()), "100");
        assert_eq!(number(36.9, 2, &vi()), "36,9");
        assert_eq!(number(-1234.5, 1, &en()), "−1,234.5");
        assert_eq!(number(-0.001, 2, &en()), "0");
        assert_eq!(number(f64::NAN, 2, &en()), "–");
        assert_eq!(number(f64::INFINITY, 2, &en()), "–");
        assert_eq!(number(1e20, 0, &en()), "100,000,000,000,000,000,000");
    }

    #[test]
    fn values_and_figures() {
        let unit = |u: BuiltInUnit| Unit::BuiltIn(u);
        assert_eq!(value(11.27, &unit(BuiltInUnit::Percent), &vi()), "11,27%");
        assert_eq!(value(71.79, &unit(BuiltInUnit::Mbps), &en()), "71.79 Mbps");
        assert_eq!(
            figure(53.0, &unit(BuiltInUnit::BillionUsd), Some(Qualifier::About), None, &vi()),
            "khoảng 53 tỷ USD"
        );
        assert_eq!(
            figure(477.0, &unit(BuiltInUnit::Count), None, Some(832.0), &vi()),
            "477/832"
        );
    }

    #[test]
    fn dates_per_language() {
        let d = Date::from_ymd_opt(2022, 8, 8).unwrap();
        assert_eq!(date(d, &vi()), "08/08/2022");
        assert_eq!(date(d, &en()), "8 Aug 2022");
    }
}
