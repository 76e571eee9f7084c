//! Everything minhbach says or writes differently from one language to
//! another. Each language a site speaks is one [`Locale`]: the interface
//! strings, the words for statuses, reasons, qualifiers and units, the
//! words the charts draw, its name and Open Graph locale, and which CLDR
//! rules its numbers and dates follow. The modules beside it apply a
//! locale: [`i18n`] (interface strings for templates, status names),
//! [`format`](mod@format) (numbers, values and dates, by CLDR rules through
//! ICU4X), [`plural`] (counts in the plural form of their number, by CLDR
//! rules through ICU4X), [`explain`] (the reason for a status, in words)
//! and [`collate`] (alphabetical order, from CLDR rules for the language's
//! code).
//!
//! The words are data: one translation file per language, in the same
//! YAML shape as the ones minhbach is built with,
//! `templates/i18n/{vi,en,fr}.yaml`, compiled in. A site's templates folder
//! may hold `i18n/<lang>.yaml` to change any of a built-in language's
//! texts, or to give a language minhbach does not have; what that file
//! leaves out is taken from the built-in file of its language or, for
//! another language, from the site's default language (see
//! `validate::translations`, which reads and checks the files and makes
//! the site's [`Locales`]).
//!
//! No code outside this module asks which language it is writing in: it
//! asks the language's [`Locale`] for the word or the rule instead.
//!
//! # Adding a built-in language
//!
//! Copy `templates/i18n/en.yaml` to a file named after the language's code,
//! translate every value, set its `language` group (its own code as
//! `cldr`; `long` dates unless its readers expect another form), and add
//! it to [`BUILT_IN`]. The tests check that every built-in file has every
//! key and that every string the templates and the renderers look up
//! exists.

pub mod collate;
pub mod explain;
pub mod format;
pub mod i18n;
pub mod plural;
mod words;

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use words::{placeholders, ChartTerms, LanguageWords, Locale, COUNTS, INTERFACE};

use crate::model::Lang;

/// The built-in translation files, `(code, text)`, in the order of
/// `minhbach new session`'s titles.
pub static BUILT_IN: &[(&str, &str)] = &[
    ("vi", include_str!("../../templates/i18n/vi.yaml")),
    ("en", include_str!("../../templates/i18n/en.yaml")),
    ("fr", include_str!("../../templates/i18n/fr.yaml")),
];

/// The language of a site whose site.yaml lists none.
pub const DEFAULT: &str = "vi";

/// The built-in language whose texts a language without any takes, when
/// the site's default language has none either.
pub const FALLBACK: &str = "en";

/// A translation file as YAML gives it: groups of texts by key. A group
/// whose every text is commented out is empty (`status:` alone).
pub type Entries = BTreeMap<String, Option<BTreeMap<String, Text>>>;

/// One text of a translation file: a plain text, or, in the `counts`
/// group, the plural forms of a count by CLDR category
/// (`{one: "{n} result", other: "{n} results"}`, see [`plural`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Forms(plural::Forms),
}

/// How a language writes numbers and dates: by the CLDR rules of one
/// locale (its digits, separators, grouping, percent sign, month names and
/// date patterns), in one of CLDR's date forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Formats {
    /// The CLDR locale whose rules apply, as a BCP 47 tag.
    pub cldr: String,
    /// The form of a date.
    pub date: DateForm,
}

/// One of CLDR's forms of a date (its `short`, `medium` and `long` date
/// lengths, with the year always in full).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// Digits only: `08/08/2022` in Vietnamese.
    Numeric,
    /// The month abbreviated: `8 Aug 2022` in international English.
    Abbreviated,
    /// The month in full: `31 décembre 2030` in French.
    #[default]
    Long,
}

/// Every built-in language, read from its file once per run.
fn built_ins() -> &'static [Locale] {
    static PARSED: OnceLock<Vec<Locale>> = OnceLock::new();
    PARSED.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|(code, text)| {
                let entries: Entries = serde_yaml::from_str(text)
                    .unwrap_or_else(|e| panic!("the built-in {code}.yaml does not parse: {e}"));
                let lang = Lang::parse(code).expect("a built-in language code");
                let mut l = Locale::empty(lang);
                for (group, texts) in entries {
                    for (key, text) in texts.into_iter().flatten() {
                        match text {
                            Text::Forms(forms) if group == COUNTS => {
                                l.counts.insert(key, forms);
                            }
                            Text::Plain(text) if group == INTERFACE => {
                                l.interface.insert(key, text);
                            }
                            Text::Plain(text) => {
                                if let Some(slot) = l.slot(&group, &key) {
                                    *slot = text;
                                }
                            }
                            Text::Forms(_) => {
                                panic!("the built-in {code}.yaml gives forms for {group}.{key}")
                            }
                        }
                    }
                }
                l.settle_formats();
                l
            })
            .collect()
    })
}

impl Locale {
    /// The built-in locale of `code`, if minhbach has one.
    pub fn built_in(code: &str) -> Option<&'static Locale> {
        built_ins().iter().find(|l| l.lang.as_str() == code)
    }

    /// The locale of [`FALLBACK`].
    pub fn fallback() -> &'static Locale {
        Locale::built_in(FALLBACK).expect("the fallback language is built in")
    }

    /// Every built-in locale, in the order of [`BUILT_IN`].
    pub fn all_built_in() -> &'static [Locale] {
        built_ins()
    }

    /// The keys of the interface strings: those of the [`FALLBACK`]
    /// language's file (a test holds every built-in file to them).
    pub fn interface_keys() -> &'static [&'static str] {
        static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
        KEYS.get_or_init(|| {
            Locale::fallback()
                .interface
                .keys()
                .map(String::as_str)
                .collect()
        })
    }

    /// The keys of the counts: those of the [`FALLBACK`] language's file
    /// (a test holds every built-in file to them).
    pub fn count_keys() -> &'static [&'static str] {
        static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
        KEYS.get_or_init(|| {
            Locale::fallback()
                .counts
                .keys()
                .map(String::as_str)
                .collect()
        })
    }

    /// `lang` as minhbach speaks it without a translation file of the
    /// site's: its built-in locale, or, for a language without one,
    /// `texts_from`'s texts with its own name (its code), its own Open
    /// Graph locale (its code) and CLDR's number and date rules for its
    /// code, with long dates.
    pub fn standard(lang: &Lang, texts_from: &Locale) -> Locale {
        if let Some(l) = Locale::built_in(lang.as_str()) {
            return l.clone();
        }
        let mut l = texts_from.clone();
        l.lang = lang.clone();
        l.language = LanguageWords {
            name: lang.as_str().to_owned(),
            open_graph: lang.as_str().to_owned(),
            session_title: texts_from.language.session_title.clone(),
            ..LanguageWords::default()
        };
        l.settle_formats();
        l
    }

    /// One interface string; empty for a key no locale has.
    pub fn t(&self, key: &str) -> &str {
        self.interface.get(key).map_or("", String::as_str)
    }
}

/// The locales of a site's languages, in the order of its `languages`,
/// with its own translation files applied. Shared by every page of a
/// build.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Locales {
    /// Never empty: the first is the default language's.
    each: Vec<Locale>,
}

impl Locales {
    /// The locales of a site's languages, in order (the first is the
    /// default); [`DEFAULT`]'s for none.
    pub fn new(mut each: Vec<Locale>) -> Locales {
        if each.is_empty() {
            each.push(
                Locale::built_in(DEFAULT)
                    .expect("the default language is built in")
                    .clone(),
            );
        }
        Locales { each }
    }

    /// `languages` as minhbach speaks them without any translation file of
    /// the site's: a language without a built-in locale takes the texts of
    /// the default language, or of [`FALLBACK`] when that has none either.
    pub fn standard(languages: &[Lang]) -> Locales {
        let texts_from = languages
            .first()
            .and_then(|l| Locale::built_in(l.as_str()))
            .unwrap_or_else(|| Locale::fallback());
        Locales::new(
            languages
                .iter()
                .map(|l| Locale::standard(l, texts_from))
                .collect(),
        )
    }

    /// The locale of `lang`, one of the site's languages (the default
    /// language's for any other: pages are only made in the site's).
    pub fn get(&self, lang: &Lang) -> &Locale {
        self.each
            .iter()
            .find(|l| l.lang == *lang)
            .unwrap_or(&self.each[0])
    }

    /// Every locale, the default language's first.
    pub fn iter(&self) -> impl Iterator<Item = &Locale> {
        self.each.iter()
    }
}

#[cfg(test)]
mod tests;
