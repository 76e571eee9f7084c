//! Languages and text that may differ by language.

use std::collections::BTreeMap;
use std::fmt;

/// A language code such as `vi` or `en`: 2 to 3 lowercase ASCII letters,
/// optionally followed by a region (`pt-br`). Codes become folder names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = s.split('-');
        let main = parts.next().unwrap_or("");
        let ok_main = (2..=3).contains(&main.len()) && main.bytes().all(|b| b.is_ascii_lowercase());
        let ok_rest = parts.all(|p| {
            (2..=8).contains(&p.len())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if ok_main && ok_rest {
            Ok(Lang(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not a language code; use a lowercase code such as `vi` or `en`"
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Lang {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A text field: either one string for every language, or one per language.
/// Reading it in a language that has no entry falls back to the site's
/// default language, then to any entry at all, so a page is never blank.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct LocalizedText {
    /// The string that applies to every language, if the author gave one.
    all: Option<String>,
    by_lang: BTreeMap<Lang, String>,
}

impl LocalizedText {
    pub fn same(s: impl Into<String>) -> Self {
        LocalizedText {
            all: Some(s.into()),
            by_lang: BTreeMap::new(),
        }
    }

    pub fn by_lang(map: BTreeMap<Lang, String>) -> Self {
        LocalizedText {
            all: None,
            by_lang: map,
        }
    }

    /// The text in `lang`, falling back to `default`, then to anything.
    pub fn get<'a>(&'a self, lang: &Lang, default: &Lang) -> &'a str {
        self.get_with_lang(lang, default).0
    }

    /// The text in `lang` as [`get`](Self::get) finds it, with the
    /// language it is written in: `None` when one string serves every
    /// language (or there is no text), so that its language is not known.
    pub fn get_with_lang<'a>(&'a self, lang: &Lang, default: &Lang) -> (&'a str, Option<&'a Lang>) {
        if let Some(s) = &self.all {
            return (s, None);
        }
        self.by_lang
            .get_key_value(lang)
            .or_else(|| self.by_lang.get_key_value(default))
            .or_else(|| self.by_lang.iter().next())
            .map_or(("", None), |(l, s)| (s.as_str(), Some(l)))
    }

    /// Whether the author wrote this text for `lang` (or for all languages).
    pub fn has(&self, lang: &Lang) -> bool {
        self.all.is_some() || self.by_lang.contains_key(lang)
    }

    /// Languages given explicitly (empty when one string serves all).
    pub fn langs(&self) -> impl Iterator<Item = &Lang> {
        self.by_lang.keys()
    }

    /// Every string in this text, for checks that look at all of them.
    pub fn strings(&self) -> impl Iterator<Item = &str> {
        self.all
            .iter()
            .map(String::as_str)
            .chain(self.by_lang.values().map(String::as_str))
    }

    /// Every string with the language it is for (`None`: every language).
    pub fn entries(&self) -> impl Iterator<Item = (Option<&Lang>, &str)> {
        self.all
            .iter()
            .map(|s| (None, s.as_str()))
            .chain(self.by_lang.iter().map(|(l, s)| (Some(l), s.as_str())))
    }

    /// The same text with `f` applied to each of its strings.
    pub fn map(&self, f: impl Fn(&str) -> String) -> LocalizedText {
        LocalizedText {
            all: self.all.as_deref().map(&f),
            by_lang: self
                .by_lang
                .iter()
                .map(|(l, s)| (l.clone(), f(s)))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.strings().all(|s| s.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Lang {
        Lang::parse(s).expect("a language code")
    }

    #[test]
    fn the_language_read_is_known_only_for_texts_by_language() {
        let (vi, en, fr) = (lang("vi"), lang("en"), lang("fr"));
        let both = LocalizedText::by_lang(
            [
                (vi.clone(), "Nguồn".to_owned()),
                (en.clone(), "Source".to_owned()),
            ]
            .into(),
        );
        assert_eq!(both.get_with_lang(&en, &vi), ("Source", Some(&en)));
        // A language without a text falls back to the default, and says so.
        assert_eq!(both.get_with_lang(&fr, &vi), ("Nguồn", Some(&vi)));
        let only_en = LocalizedText::by_lang([(en.clone(), "Source".to_owned())].into());
        assert_eq!(only_en.get_with_lang(&vi, &vi), ("Source", Some(&en)));
        // One string serves every language: which one is not known.
        assert_eq!(
            LocalizedText::same("Nguồn").get_with_lang(&en, &vi),
            ("Nguồn", None)
        );
        assert_eq!(LocalizedText::default().get_with_lang(&en, &vi), ("", None));
    }
}
