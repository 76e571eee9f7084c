//! Counts in words: "1 result", "2 results", in every language by its CLDR
//! plural rules (through ICU4X's `icu_plurals`). A count is one text of the
//! `counts` group of a translation file, given in the forms of the
//! language's plural categories:
//!
//! ```yaml
//! counts:
//!   results: {one: "{n} result", other: "{n} results"}
//! ```
//!
//! `other` is always needed; the other categories (`zero`, `one`, `two`,
//! `few`, `many`) are used where the language's rules have them and the
//! file gives them. English has `one` and `other`, French counts 0 and 1
//! as `one`; Vietnamese words do not change with the number, and its file
//! gives `other` alone (the CLDR data compiled in names a `one` for 0 and
//! 1, which a form left out falls back from). Each count is chosen by the
//! number its key's docs name (most by `{n}`), and filled with the numbers
//! written by the language's rules.

use std::collections::BTreeMap;

use icu_plurals::{PluralCategory, PluralRules};

use super::{Formats, Locale};

/// The plural forms of one count, by CLDR category name.
pub type Forms = BTreeMap<String, String>;

/// The CLDR plural categories, as translation files name them.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The category every count must have, and which stands in for any other
/// the file does not give.
pub const OTHER: &str = "other";

fn name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => OTHER,
    }
}

thread_local! {
    /// The cardinal rules of each CLDR locale this thread has counted in.
    static RULES: std::cell::RefCell<Vec<(String, std::rc::Rc<PluralRules>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn rules(formats: &Formats) -> std::rc::Rc<PluralRules> {
    RULES.with(|cell| {
        if let Some((_, r)) = cell.borrow().iter().find(|(c, _)| *c == formats.cldr) {
            return std::rc::Rc::clone(r);
        }
        let locale = icu_locale_core::Locale::try_from_str(&formats.cldr)
            .unwrap_or(icu_locale_core::Locale::UNKNOWN);
        // Compiled data answers every locale through fallback; the root's
        // rules (everything `other`) guard against one it still refuses.
        let made = std::rc::Rc::new(
            PluralRules::try_new_cardinal((&locale).into())
                .or_else(|_| {
                    PluralRules::try_new_cardinal((&icu_locale_core::Locale::UNKNOWN).into())
                })
                .unwrap_or_else(|_| {
                    unreachable!("the compiled-in root plural rules failed to load")
                }),
        );
        cell.borrow_mut()
            .push((formats.cldr.clone(), std::rc::Rc::clone(&made)));
        made
    })
}

/// The CLDR plural category of the count `n` in `locale`'s language:
/// `one` or `other` in English, `other` alone in Vietnamese.
pub fn category(n: usize, locale: &Locale) -> &'static str {
    name(rules(&locale.formats).category_for(n as u64))
}

impl Locale {
    /// The form of the count `key` for `n` (see the module's docs), not
    /// yet filled; empty for a key no locale has.
    pub fn count_form(&self, key: &str, n: usize) -> &str {
        let Some(forms) = self.counts.get(key) else {
            return "";
        };
        forms
            .get(category(n, self))
            .or_else(|| forms.get(OTHER))
            .map_or("", String::as_str)
    }

    /// The count `key` for `n`, with `{n}` filled with `n` as the language
    /// writes numbers: "1 result", "1 234 résultats".
    pub fn count(&self, key: &str, n: usize) -> String {
        self.count_with(key, n, &[("n", n)])
    }

    /// The count `key`, its form chosen by `n`, with each `{name}` of
    /// `numbers` filled with its number as the language writes numbers.
    pub fn count_with(&self, key: &str, n: usize, numbers: &[(&str, usize)]) -> String {
        let mut text = self.count_form(key, n).to_owned();
        for (name, value) in numbers {
            text = text.replace(
                &format!("{{{name}}}"),
                &super::format::number(*value as f64, 0, self),
            );
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in(code: &str) -> &'static Locale {
        Locale::built_in(code).unwrap()
    }

    #[test]
    fn english_french_and_vietnamese_follow_cldr() {
        let (en, fr, vi) = (built_in("en"), built_in("fr"), built_in("vi"));
        assert_eq!(category(0, en), "other");
        assert_eq!(category(1, en), "one");
        assert_eq!(category(2, en), "other");
        assert_eq!(category(0, fr), "one");
        assert_eq!(category(1, fr), "one");
        assert_eq!(category(2, fr), "other");
        // Vietnamese words do not change with the number: the built-in
        // file gives `other` alone, whatever category CLDR's data names
        // (ICU4X's names `one` for 0 and 1 since CLDR-14273).
        for key in vi.counts.keys() {
            assert_eq!(vi.counts[key].keys().collect::<Vec<_>>(), ["other"]);
        }
    }

    #[test]
    fn counts_take_the_form_of_their_number() {
        let (en, fr, vi) = (built_in("en"), built_in("fr"), built_in("vi"));
        assert_eq!(en.count("results", 1), "1 result");
        assert_eq!(en.count("results", 0), "0 results");
        assert_eq!(en.count("results", 1234), "1,234 results");
        assert_eq!(fr.count("results", 0), "0 résultat");
        assert_eq!(fr.count("results", 1), "1 résultat");
        assert_eq!(fr.count("results", 2), "2 résultats");
        assert_eq!(vi.count("results", 1), "1 kết quả");
        assert_eq!(
            en.count_with("targets_achieved", 1, &[("n", 1), ("total", 1)]),
            "1 of 1 target achieved"
        );
        assert_eq!(
            en.count_with("targets_achieved", 13, &[("n", 1), ("total", 13)]),
            "1 of 13 targets achieved"
        );
        assert_eq!(en.count("no_such_count", 1), "");
    }

    /// The form CLDR gives the count `n` in English and French, and the
    /// one form of Vietnamese.
    fn wanted(code: &str, n: u64) -> &'static str {
        match code {
            "en" if n == 1 => "one",
            "fr" if n <= 1 => "one",
            _ => "other",
        }
    }

    proptest::proptest! {
        #[test]
        fn a_count_prints_its_number_in_the_cldr_form(n in 0usize..2_000_000) {
            for code in ["en", "fr", "vi"] {
                let l = built_in(code);
                if code != "vi" {
                    proptest::prop_assert_eq!(category(n, l), wanted(code, n as u64));
                }
                for key in l.counts.keys() {
                    let form = l.count_form(key, n);
                    let want = l.counts[key]
                        .get(wanted(code, n as u64))
                        .unwrap_or(&l.counts[key][OTHER]);
                    proptest::prop_assert_eq!(form, want.as_str());
                    if form.contains("{n}") {
                        let printed = l.count(key, n);
                        let number = super::super::format::number(n as f64, 0, l);
                        proptest::prop_assert!(
                            printed.contains(&number),
                            "{code} {key}: {printed} lacks {number}"
                        );
                    }
                }
            }
        }
    }
}
