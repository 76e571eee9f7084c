//! The words of a diagnostic, in every language problems are reported in
//! (English and Vietnamese), chosen only when the report is printed: the
//! checks stay free of languages, and `--format json` can say the one it
//! chose.
//!
//! A [`Text`] is made with [`say!`] at the place the problem is found, both
//! languages side by side:
//!
//! ```ignore
//! cx.error(Code::BadUnit, &path, say!(en: "unknown unit `{written}`", vi: "không nhận ra đơn vị `{written}`"))
//! ```
//!
//! There is deliberately no conversion from a plain string: a message
//! written in one language only does not compile.

use std::fmt;

/// A language diagnostics are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English, the default when nothing says otherwise.
    #[default]
    En,
    Vi,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Vi];

    /// The language code: `en` or `vi`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Vi => "vi",
        }
    }

    /// The language of a language code or tag (`vi`, `en-GB`,
    /// `vi_VN.UTF-8`), if it is one diagnostics are printed in.
    pub fn of_code(code: &str) -> Option<Language> {
        let main = code.split(['-', '_', '.', '@']).next().unwrap_or("");
        match main.to_ascii_lowercase().as_str() {
            "en" => Some(Language::En),
            "vi" => Some(Language::Vi),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A sentence in English and in Vietnamese. Made with [`say!`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    en: String,
    vi: String,
}

impl Text {
    /// Use [`say!`], which also checks the pair when it compiles.
    #[doc(hidden)]
    pub fn both(en: String, vi: String) -> Text {
        Text { en, vi }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Vi => &self.vi,
        }
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn vi(&self) -> &str {
        &self.vi
    }
}

/// A [`Text`] in English and Vietnamese, each a `format!` string that may
/// name the variables in scope (`{id}`) or values given after them
/// (`, id = ind.id`, taken by reference). Both show the same values, but
/// those named `…_en` or `…_vi`, for words of one language (a test checks
/// it):
///
/// ```ignore
/// say!(en: "unknown indicator `{id}`", vi: "không tìm thấy chỉ tiêu `{id}`", id = r.indicator)
/// ```
///
/// It does not compile when the Vietnamese text is empty, or the same as
/// the English one while that has words (a copy not yet translated).
macro_rules! say {
    (en: $en:literal, vi: $vi:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::diagnostics::translated($en, $vi),
            "the Vietnamese text is empty, or a copy of the English one"
        );
        $(let $name = &$value;)*
        $crate::diagnostics::Text::both(format!($en), format!($vi))
    }};
}
pub(crate) use say;

/// Whether `vi` is a translation of `en`: not empty, and not the same text
/// when the English one has a word outside its `{placeholders}`. Checked
/// by [`say!`] when the crate compiles.
#[doc(hidden)]
pub const fn translated(en: &str, vi: &str) -> bool {
    if vi.is_empty() {
        return false;
    }
    !(has_words(en.as_bytes()) && same(en.as_bytes(), vi.as_bytes()))
}

/// Whether `s` has a letter outside `{…}` and backticks (field names and
/// codes stay the same in every language).
const fn has_words(s: &[u8]) -> bool {
    let (mut i, mut braces, mut ticks) = (0, 0, false);
    while i < s.len() {
        match s[i] {
            b'{' => braces += 1,
            b'}' if braces > 0 => braces -= 1,
            b'`' => ticks = !ticks,
            b if braces == 0 && !ticks && b.is_ascii_alphabetic() => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn a_copy_is_not_a_translation() {
        assert!(translated("unknown unit `{u}`", "không có đơn vị `{u}`"));
        assert!(!translated("unknown unit `{u}`", "unknown unit `{u}`"));
        assert!(!translated("the file is empty", ""));
        // Nothing to translate: a value alone, or a code.
        assert!(translated("{found}", "{found}"));
        assert!(translated("`{a}` ({b})", "`{a}` ({b})"));
    }

    #[test]
    fn say_formats_both_and_takes_named_values() {
        struct Ind {
            id: String,
        }
        let ind = Ind { id: "x-1".into() };
        let n = 3;
        let t = say!(en: "{n} uses of `{id}`", vi: "`{id}` được dùng {n} lần", id = ind.id);
        assert_eq!(t.get(Language::En), "3 uses of `x-1`");
        assert_eq!(t.get(Language::Vi), "`x-1` được dùng 3 lần");
        assert_eq!(ind.id, "x-1");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Language::of_code("vi_VN.UTF-8"), Some(Language::Vi));
        assert_eq!(Language::of_code("en-GB"), Some(Language::En));
        assert_eq!(Language::of_code("fr"), None);
        assert_eq!(Language::of_code("C.UTF-8"), None);
    }

    /// Every `say!` in the crate, read from the sources: its English and
    /// Vietnamese texts (with the escapes of the string literals left as
    /// they are).
    fn every_say() -> Vec<(String, String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        assert!(root.join("main.rs").is_file());
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(entry.path()).unwrap();
            let name = entry
                .path()
                .strip_prefix(&root)
                .unwrap()
                .display()
                .to_string();
            // `say!(en: …)`, and the command line's `tell!(lang, en: …)`.
            let says = source.match_indices("say!(").map(|(i, _)| &source[i + 5..]);
            let tells = source
                .match_indices("tell!(")
                .filter_map(|(i, _)| source[i + 6..].split_once(',').map(|(_, r)| r));
            for rest in says.chain(tells) {
                let rest = rest.trim_start();
                // The macros' own definitions and documentation.
                let Some(rest) = rest.strip_prefix("en:").map(str::trim_start) else {
                    continue;
                };
                if !rest.starts_with('"') {
                    continue;
                }
                let (en, rest) = literal(rest)
                    .unwrap_or_else(|| panic!("{name}: say! without an English literal"));
                let rest = rest.trim_start().trim_start_matches(',').trim_start();
                let rest = rest
                    .strip_prefix("vi:")
                    .unwrap_or_else(|| panic!("{name}: say! without `vi:` after {en:?}"));
                let (vi, _) = literal(rest.trim_start())
                    .unwrap_or_else(|| panic!("{name}: say! without a Vietnamese literal"));
                found.push((name.clone(), en, vi));
            }
        }
        found
    }

    /// The string literal at the start of `s`, and what follows it.
    fn literal(s: &str) -> Option<(String, &str)> {
        let body = s.strip_prefix('"')?;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return Some((body[..i].to_owned(), &body[i + 1..])),
                _ => escaped = false,
            }
        }
        None
    }

    /// The names of the `{placeholders}` of a format string, but those
    /// of one language only, which end in `_en` or `_vi`.
    fn placeholders(s: &str) -> BTreeSet<String> {
        let s = s.replace("{{", "").replace("}}", "");
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .map(|p| p.split(':').next().unwrap_or(p).to_owned())
            .filter(|p| !p.ends_with("_en") && !p.ends_with("_vi"))
            .collect()
    }

    #[test]
    fn every_message_is_translated() {
        let all = every_say();
        assert!(all.len() > 150, "only {} messages found", all.len());
        assert!(all.iter().any(|(file, ..)| file == "main.rs"));
        for (file, en, vi) in &all {
            assert!(!vi.trim().is_empty(), "{file}: no Vietnamese for {en:?}");
            assert!(
                translated(en, vi),
                "{file}: the Vietnamese of {en:?} is a copy of the English"
            );
            assert_eq!(
                placeholders(en),
                placeholders(vi),
                "{file}: {en:?} and {vi:?} do not show the same values"
            );
            // Vietnamese text has the letters of Vietnamese: a text with
            // words but no diacritic at all is probably English.
            if has_words(vi.as_bytes()) && vi.split_whitespace().count() > 2 {
                assert!(!vi.is_ascii(), "{file}: {vi:?} does not look Vietnamese");
            }
        }
    }
}
