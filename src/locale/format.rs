//! Numbers and dates written the way each language reads them, by the CLDR
//! rules of the Unicode Consortium through ICU4X: Vietnamese `11,27%`,
//! `1.928.311`, `08/08/2022`; English `11.27%`, `1,928,311`, `8 Aug 2022`;
//! French `11,27 %`, `1 928 311` (a narrow no-break space between the
//! groups, a no-break space before `%`), `31 décembre 2030`. Every
//! language follows the rules of its locale's [`Formats`]; a language
//! without a locale follows CLDR's rules for its own code, found through
//! CLDR's locale fallback (`pt-br` → `pt`; a code CLDR does not know gets
//! its root rules), with dates in the long form. Data files never use
//! this: they keep dot decimals.
//!
//! On top of ICU's formatters, the site's own rules: at most a given number
//! of decimals, rounded as Rust rounds a float to that many, with trailing
//! zeros dropped (`36,9`, `100`); the true minus sign `−` where CLDR writes
//! the hyphen-minus `-`; no sign on a zero (a value too small to show at
//! those decimals is `0`, not `−0`); `–` for a value that is not a finite
//! number.
//!
//! The formatters of a language are made once in each thread, the first
//! time it writes in that language, and kept for the rest of the run.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Datelike;
use icu_calendar::cal::Gregorian;
use icu_datetime::fieldsets::YMD;
use icu_datetime::options::YearStyle;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::DecimalFormatterOptions;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_experimental::dimension::percent::options::PercentFormatterOptions;
use writeable::Writeable;

use super::{DateForm, Formats, Locale};
use crate::model::{Date, Qualifier, Unit};

/// The most decimals a number is ever shown with.
const MAX_DECIMALS: usize = 6;

/// What a value that is not a finite number is written as.
const NOT_A_NUMBER: &str = "–";

/// The formatters of one language.
struct Formatters {
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
}

impl Formatters {
    /// The formatters that follow `formats`: the CLDR rules of its locale,
    /// found through CLDR's locale fallback.
    fn new(formats: &Formats) -> Formatters {
        let form = formats.date;
        let locale = icu_locale_core::Locale::try_from_str(&formats.cldr)
            .unwrap_or(icu_locale_core::Locale::UNKNOWN);
        Formatters::for_locale(&locale, form).unwrap_or_else(|| {
            // Compiled data answers every locale through fallback, so this
            // only guards against a tag its formatters still refuse.
            match Formatters::for_locale(&icu_locale_core::Locale::UNKNOWN, form) {
                Some(root) => root,
                None => unreachable!("the compiled-in root number and date data failed to load"),
            }
        })
    }

    fn for_locale(locale: &icu_locale_core::Locale, form: DateForm) -> Option<Formatters> {
        let fields = match form {
            DateForm::Numeric => YMD::short(),
            DateForm::Abbreviated => YMD::medium(),
            DateForm::Long => YMD::long(),
        }
        .with_year_style(YearStyle::Full);
        Some(Formatters {
            decimal: DecimalFormatter::try_new(locale.into(), DecimalFormatterOptions::default())
                .ok()?,
            percent: PercentFormatter::try_new(locale.into(), PercentFormatterOptions::default())
                .ok()?,
            date: FixedCalendarDateTimeFormatter::try_new(locale.into(), fields).ok()?,
        })
    }
}

thread_local! {
    /// The formatters of each set of rules this thread has written by.
    static FORMATTERS: RefCell<Vec<(Formats, Rc<Formatters>)>> = const { RefCell::new(Vec::new()) };
}

/// The formatters of `locale`, made the first time this thread asks.
fn formatters(locale: &Locale) -> Rc<Formatters> {
    FORMATTERS.with(|cell| {
        let wanted = &locale.formats;
        if let Some((_, f)) = cell.borrow().iter().find(|(f, _)| f == wanted) {
            return Rc::clone(f);
        }
        let made = Rc::new(Formatters::new(wanted));
        cell.borrow_mut().push((wanted.clone(), Rc::clone(&made)));
        made
    })
}

/// `v` rounded to at most `max_decimals` decimals (at most six), with its
/// trailing zeros dropped and no sign when it is zero; `None` when `v` is
/// not a finite number.
fn rounded(v: f64, max_decimals: usize) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    // Rust prints the exact binary value rounded half to even, the rounding
    // the site has always shown, as plain digits that Decimal reads exactly.
    let fixed = format!("{:.*}", max_decimals.min(MAX_DECIMALS), v);
    let mut d = Decimal::try_from_str(&fixed).ok()?;
    d.absolute.trim_end();
    d.apply_sign_display(icu_decimal::input::SignDisplay::Negative);
    Some(d)
}

/// What a formatter wrote, with the true minus sign for CLDR's hyphen-minus.
fn typeset(w: impl Writeable) -> String {
    let s = w.write_to_string();
    if s.contains('-') {
        s.replace('-', "−")
    } else {
        s.into_owned()
    }
}

/// Formats `v` with at most `max_decimals` decimals (trailing zeros
/// dropped) and grouped digits, as `locale` writes it. Non-finite values
/// become "–".
pub fn number(v: f64, max_decimals: usize, locale: &Locale) -> String {
    match rounded(v, max_decimals) {
        Some(d) => typeset(formatters(locale).decimal.format(&d)),
        None => NOT_A_NUMBER.to_owned(),
    }
}

/// A number of percent (`v` is already multiplied by 100) with the
/// language's percent sign: `11,27%`, `11.27%`, `11,27 %`. Non-finite
/// values become "–".
pub fn percentage(v: f64, max_decimals: usize, locale: &Locale) -> String {
    match rounded(v, max_decimals) {
        Some(d) => typeset(formatters(locale).percent.format(&d)),
        None => NOT_A_NUMBER.to_owned(),
    }
}

/// A value with its unit: `11,27%`, `71,79 Mbps`, `53 tỷ USD`, or as a
/// site's unit writes it (`12.5 kg per person`).
pub fn value(v: f64, unit: &Unit, locale: &Locale) -> String {
    if unit.is_percent() {
        percentage(v, unit.max_decimals(), locale)
    } else {
        unit.write(&number(v, unit.max_decimals(), locale), locale)
    }
}

/// A tick label on a chart's value axis: the value with a built-in
/// unit's short sign (`50%`, `20 Mbps`); for a unit the site defines,
/// whose label can be of any length, the number alone, as the chart names
/// the unit in its own line.
pub fn axis_value(v: f64, unit: &Unit, locale: &Locale) -> String {
    match unit {
        Unit::BuiltIn(_) => value(v, unit, locale),
        Unit::Site(_) => number(v, unit.max_decimals(), locale),
    }
}

/// A value with its qualifier and, for "x out of y" figures, the y:
/// `khoảng 53 tỷ USD`, `477/832`.
pub fn figure(
    v: f64,
    unit: &Unit,
    qualifier: Option<Qualifier>,
    out_of: Option<f64>,
    locale: &Locale,
) -> String {
    let body = match out_of {
        Some(total) => format!(
            "{}/{}",
            number(v, unit.max_decimals(), locale),
            value(total, unit, locale)
        ),
        None => value(v, unit, locale),
    };
    match qualifier {
        Some(q) => format!("{} {body}", qualifier_word(q, locale)),
        None => body,
    }
}

/// The word a qualifier is written with.
pub fn qualifier_word(q: Qualifier, locale: &Locale) -> &str {
    let words = &locale.qualifiers;
    match q {
        Qualifier::About => &words.about,
        Qualifier::Nearly => &words.nearly,
        Qualifier::MoreThan => &words.more_than,
        Qualifier::LessThan => &words.less_than,
    }
}

/// A share as a whole percentage, for progress towards target: `66%`.
pub fn percent(share: f64, locale: &Locale) -> String {
    percentage(share * 100.0, 0, locale)
}

/// A date: `08/08/2022` in Vietnamese, `8 Aug 2022` in English,
/// `31 décembre 2030` in French. A date outside the years ICU's calendar
/// handles is written `YYYY-MM-DD`.
pub fn date(d: Date, locale: &Locale) -> String {
    let gregorian = u8::try_from(d.month())
        .ok()
        .zip(u8::try_from(d.day()).ok())
        .and_then(|(m, day)| icu_calendar::Date::try_new_gregorian(d.year(), m, day).ok());
    match gregorian {
        Some(g) => formatters(locale)
            .date
            .format(&g)
            .write_to_string()
            .into_owned(),
        None => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BuiltInUnit;

    use crate::model::Lang;

    fn vi() -> &'static Locale {
        Locale::built_in("vi").unwrap()
    }
    fn en() -> &'static Locale {
        Locale::built_in("en").unwrap()
    }
    fn fr() -> &'static Locale {
        Locale::built_in("fr").unwrap()
    }
    /// A language minhbach has no file for.
    fn other(code: &str) -> Locale {
        Locale::standard(&Lang::parse(code).unwrap(), en())
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(number(11.27, 2, vi()), "11,27");
        assert_eq!(number(11.27, 2, en()), "11.27");
        assert_eq!(number(11.27, 2, fr()), "11,27");
        assert_eq!(number(1_928_311.0, 0, vi()), "1.928.311");
        assert_eq!(number(1_928_311.0, 0, en()), "1,928,311");
        assert_eq!(number(1_928_311.0, 0, fr()), "1\u{202F}928\u{202F}311");
        assert_eq!(number(100.0, 2, vi()), "100");
        assert_eq!(number(36.9, 2, vi()), "36,9");
        assert_eq!(number(-1234.5, 1, en()), "−1,234.5");
        assert_eq!(number(-1234.5, 1, fr()), "−1\u{202F}234,5");
        assert_eq!(number(-0.001, 2, en()), "0");
        assert_eq!(number(f64::NAN, 2, en()), "–");
        assert_eq!(number(f64::INFINITY, 2, en()), "–");
        assert_eq!(number(1e20, 0, en()), "100,000,000,000,000,000,000");
    }

    #[test]
    fn percentages_per_language() {
        let percent_unit = Unit::BuiltIn(BuiltInUnit::Percent);
        assert_eq!(value(11.27, &percent_unit, vi()), "11,27%");
        assert_eq!(value(11.27, &percent_unit, en()), "11.27%");
        assert_eq!(value(11.27, &percent_unit, fr()), "11,27\u{A0}%");
        assert_eq!(percent(0.66, vi()), "66%");
        assert_eq!(percent(-0.001, fr()), "0\u{A0}%");
        assert_eq!(percentage(-2.5, 1, en()), "−2.5%");
        assert_eq!(percentage(f64::NAN, 2, vi()), "–");
    }

    #[test]
    fn languages_without_a_locale_follow_cldr() {
        let de = other("de");
        assert_eq!(number(1_928_311.25, 2, &de), "1.928.311,25");
        // Spanish groups four-digit numbers only from five digits on.
        let es = other("es");
        assert_eq!(number(1234.0, 0, &es), "1234");
        assert_eq!(number(12345.0, 0, &es), "12.345");
        // A region falls back to its language; an unknown code to the root.
        let pt_br = other("pt-br");
        assert_eq!(number(1234.5, 1, &pt_br), "1.234,5");
        let zz = other("zz");
        assert_eq!(number(1234.5, 1, &zz), "1,234.5");
        assert!(!date(Date::from_ymd_opt(2030, 12, 31).unwrap(), &zz).is_empty());
    }

    #[test]
    fn values_and_figures() {
        let unit = |u: BuiltInUnit| Unit::BuiltIn(u);
        assert_eq!(value(71.79, &unit(BuiltInUnit::Mbps), en()), "71.79 Mbps");
        assert_eq!(
            figure(
                53.0,
                &unit(BuiltInUnit::BillionUsd),
                Some(Qualifier::About),
                None,
                vi()
            ),
            "khoảng 53 tỷ USD"
        );
        assert_eq!(
            figure(477.0, &unit(BuiltInUnit::Count), None, Some(832.0), vi()),
            "477/832"
        );
        assert_eq!(
            figure(40.0, &unit(BuiltInUnit::Percent), None, Some(50.0), fr()),
            "40/50\u{A0}%"
        );
    }

    #[test]
    fn dates_per_language() {
        let d = Date::from_ymd_opt(2022, 8, 8).unwrap();
        assert_eq!(date(d, vi()), "08/08/2022");
        assert_eq!(date(d, en()), "8 Aug 2022");
        assert_eq!(date(d, fr()), "8 août 2022");
        let end = Date::from_ymd_opt(2030, 12, 31).unwrap();
        assert_eq!(date(end, vi()), "31/12/2030");
        assert_eq!(date(end, en()), "31 Dec 2030");
        assert_eq!(date(end, fr()), "31 décembre 2030");
        let pt_br = other("pt-br");
        assert_eq!(date(end, &pt_br), "31 de dezembro de 2030");
    }

    #[test]
    fn dates_far_from_now_are_still_written() {
        for d in [Date::MIN, Date::MAX, Date::from_ymd_opt(1, 1, 1).unwrap()] {
            for l in [vi(), en(), fr()] {
                assert!(!date(d, l).is_empty(), "{d} in {}", l.lang);
            }
        }
    }

    #[test]
    fn each_thread_makes_a_languages_formatters_once() {
        let first = formatters(fr());
        let again = formatters(fr());
        assert!(Rc::ptr_eq(&first, &again));
        assert!(!Rc::ptr_eq(&first, &formatters(vi())));
    }
}
