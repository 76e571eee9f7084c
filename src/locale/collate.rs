//! Alphabetical order as readers of each language expect it. Byte order
//! puts `Đ` after `Z` and `Ă`, `Â`, `Ơ`, `Ư` after every plain letter, and
//! sorts tones by code point; Vietnamese dictionaries order the alphabet
//! a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with the tone
//! of a syllable compared after its letters (none, huyền, hỏi, ngã, sắc,
//! nặng). The CLDR collation rules of the Unicode Consortium (through
//! ICU4X) encode exactly this for `vi` and the usual order for other
//! languages, so indexes are sorted with them rather than with a table of
//! our own.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::Locale;

use crate::model::Lang;

/// The collation of one language.
pub struct Collation(CollatorBorrowed<'static>);

impl Collation {
    /// The order of `lang`; the Unicode root order (good for English and
    /// most Latin-script languages) when CLDR has no rules for it.
    pub fn for_lang(lang: &Lang) -> Collation {
        let locale = Locale::try_from_str(lang.as_str()).unwrap_or(Locale::UNKNOWN);
        let collator = Collator::try_new((&locale).into(), CollatorOptions::default())
            .or_else(|_| Collator::try_new((&Locale::UNKNOWN).into(), CollatorOptions::default()));
        match collator {
            Ok(c) => Collation(c),
            // The root data is compiled in, so it cannot be missing.
            Err(e) => unreachable!("the compiled-in root collation failed to load: {e}"),
        }
    }

    /// Compares two texts; texts equal in this order fall back to their
    /// code points, so that the order is total and the same on every run.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.0.compare(a, b).then_with(|| a.cmp(b))
    }

    /// Sorts `items` by the text `key` gives for each.
    pub fn sort_by_text<T>(&self, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| self.compare(key(a), key(b)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: &str, words: &[&str]) -> Vec<String> {
        let c = Collation::for_lang(&Lang::parse(lang).unwrap());
        let mut v: Vec<String> = words.iter().map(|s| (*s).to_owned()).collect();
        c.sort_by_text(&mut v, |s| s);
        v
    }

    #[test]
    fn vietnamese_alphabet_order() {
        assert_eq!(
            sorted(
                "vi",
                &[
                    "Xã hội số",
                    "Ứng dụng",
                    "Đô thị",
                    "Em",
                    "Dân số",
                    "Ăn",
                    "Âm",
                    "An",
                    "Ơn",
                    "Ôn",
                    "On",
                    "Uy"
                ]
            ),
            [
                "An",
                "Ăn",
                "Âm",
                "Dân số",
                "Đô thị",
                "Em",
                "On",
                "Ôn",
                "Ơn",
                "Uy",
                "Ứng dụng",
                "Xã hội số"
            ]
        );
    }

    #[test]
    fn tones_come_after_letters_in_dictionary_order() {
        // ngang, huyền, hỏi, ngã, sắc, nặng
        assert_eq!(
            sorted("vi", &["bạ", "bá", "bã", "bả", "bà", "ba"]),
            ["ba", "bà", "bả", "bã", "bá", "bạ"]
        );
        // The letters decide first; tones only between equal letters.
        assert_eq!(sorted("vi", &["cb", "cá", "cà"]), ["cà", "cá", "cb"]);
    }

    #[test]
    fn decomposed_text_sorts_like_composed() {
        let c = Collation::for_lang(&Lang::parse("vi").unwrap());
        assert_eq!(
            c.0.compare("Đường", "Đu\u{031B}o\u{031B}\u{0300}ng"),
            Ordering::Equal
        );
    }

    #[test]
    fn english_ignores_case_first() {
        assert_eq!(
            sorted("en", &["banana", "Apple", "cherry"]),
            ["Apple", "banana", "cherry"]
        );
    }

    #[test]
    fn unknown_languages_use_the_root_order() {
        assert_eq!(sorted("zz", &["b", "a"]), ["a", "b"]);
    }
}
