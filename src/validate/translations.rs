//! A site's translation files, `templates/i18n/<lang>.yaml`, checked and
//! applied to the built-in words: the site's [`Locales`].
//!
//! Each of the site's languages starts from its built-in file or, for a
//! language minhbach has none for, from the site's default language's
//! texts (English when that has none either); the site's file then
//! replaces what it gives. For a language without a built-in file, every
//! text the site's file leaves out is a `missing-translation` warning: its
//! pages would show it in another language. A key no locale reads is an
//! `unknown-translation-key` warning, with the closest key; a text that
//! names a `{value}` it is not filled with, a date form or CLDR locale
//! that does not exist, or an empty text is a `bad-translation` error.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::yaml::Located;
use crate::load::Parsed;
use crate::locale::{placeholders, DateForm, Entries, Locale, Locales, INTERFACE};
use crate::model::Lang;
use crate::suggest::closest;
use crate::yaml_path;

/// The site's locales: each of `languages` (the default first) with the
/// site's translation `files` applied. `templates` is the folder the files
/// are in, for naming a file that is not there.
pub fn translations(
    templates: &Path,
    languages: &[Lang],
    files: &[(Lang, Parsed<Entries>)],
    diags: &mut Diagnostics,
) -> Locales {
    let mut resolved: Vec<Locale> = Vec::with_capacity(languages.len());
    for lang in languages {
        let texts_from = resolved
            .first()
            .or_else(|| Locale::built_in(lang.as_str()))
            .unwrap_or_else(|| Locale::fallback());
        let mut locale = Locale::standard(lang, texts_from);
        let file = files.iter().find(|(l, _)| l == lang).map(|(_, f)| f);
        let built_in = Locale::built_in(lang.as_str()).is_some();
        match file {
            Some(file) => apply(&mut locale, file, built_in, texts_from, diags),
            None if !built_in => diags.push(no_file(templates, lang, texts_from)),
            None => {}
        }
        resolved.push(locale);
    }
    Locales::new(resolved)
}

/// The warning for a language that has neither a built-in nor a site's
/// translation file.
fn no_file(templates: &Path, lang: &Lang, texts_from: &Locale) -> Diagnostic {
    let path = crate::load::translation_path(templates, lang);
    Diagnostic::warning(
        Code::MissingTranslation,
        &path,
        format!(
            "minhbach has no texts in `{lang}`, and there is no translation file: the `{lang}` pages show the interface in {}",
            texts_from.language.name
        ),
    )
    .hint(format!(
        "run `minhbach new translation {lang}` to write {} and translate its texts",
        path.display()
    ))
}

/// Applies one translation file to `locale`, reporting what it gets
/// wrong and, for a language without a built-in file, what it leaves out.
fn apply(
    locale: &mut Locale,
    file: &Parsed<Entries>,
    built_in: bool,
    texts_from: &Locale,
    diags: &mut Diagnostics,
) {
    let rel: &PathBuf = &file.file.rel;
    let at = Located::new(&file.file.text, &file.spans);
    let reference = Locale::fallback();
    for (group, texts) in &file.value {
        let Some(keys) = keys_of(group) else {
            let groups = Locale::GROUPS.iter().map(|(g, _)| *g).chain([INTERFACE]);
            let mut d = Diagnostic::warning(
                Code::UnknownTranslationKey,
                rel,
                format!("`{group}` is not a group of texts minhbach reads; it is ignored"),
            )
            .at(at.locate(&yaml_path![group.as_str()]))
            .expected(format!("one of {}", list(groups.clone())));
            if let Some(near) = closest(group, groups) {
                d = d.hint(format!("did you mean `{near}`?"));
            }
            diags.push(d);
            continue;
        };
        for (key, text) in texts.iter().flatten() {
            let where_ = at.locate(&yaml_path![group.as_str(), key.as_str()]);
            let Some(english) = reference.get(group, key) else {
                let mut d = Diagnostic::warning(
                    Code::UnknownTranslationKey,
                    rel,
                    format!("`{group}.{key}` is not a text minhbach reads; it is ignored"),
                )
                .at(where_);
                if let Some(near) = closest(key, keys.iter().copied()) {
                    d = d.hint(format!("did you mean `{group}.{near}`?"));
                }
                diags.push(d);
                continue;
            };
            if let Err(problem) = check(group, key, text, english) {
                diags.push(problem.into_diagnostic(rel, group, key).at(where_));
                continue;
            }
            if let Some(slot) = locale.slot(group, key) {
                slot.clone_from(text);
            }
        }
    }
    locale.settle_formats();
    if built_in {
        return;
    }
    for (group, key) in Locale::keys() {
        let given = file
            .value
            .get(group)
            .is_some_and(|g| g.as_ref().is_some_and(|g| g.contains_key(key)));
        // The rules have defaults of the language's own: its code's CLDR
        // rules, long dates, its code as the Open Graph locale.
        let ruled = group == "language" && matches!(key, "cldr" | "date_form" | "open_graph");
        if !given && !ruled {
            // At the group, when the file has it.
            let group_at = file
                .value
                .contains_key(group)
                .then(|| at.locate(&yaml_path![group]))
                .flatten();
            diags.push(missing(rel, group, key, texts_from).at(group_at));
        }
    }
}

/// The keys of a group of texts.
fn keys_of(group: &str) -> Option<&'static [&'static str]> {
    if group == INTERFACE {
        return Some(Locale::interface_keys());
    }
    Locale::GROUPS
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, keys)| *keys)
}

/// The warning for a text a translation file leaves out.
fn missing(rel: &Path, group: &str, key: &str, texts_from: &Locale) -> Diagnostic {
    let shown = texts_from.get(group, key).unwrap_or_default();
    Diagnostic::warning(
        Code::MissingTranslation,
        rel,
        format!(
            "`{group}.{key}` is not translated: the pages show it in {}, \"{shown}\"",
            texts_from.language.name
        ),
    )
    .hint(format!("add `{key}: \"…\"` under `{group}:`"))
}

/// What is wrong with one text.
enum Problem {
    Empty,
    /// A `{name}` the text is not filled with, and those it is.
    Placeholder(String, Vec<String>),
    DateForm,
    Cldr,
}

impl Problem {
    fn into_diagnostic(self, rel: &Path, group: &str, key: &str) -> Diagnostic {
        let error = |message: String| Diagnostic::error(Code::BadTranslation, rel, message);
        match self {
            Problem::Empty => error(format!("`{group}.{key}` is empty"))
                .expected("the text in this language")
                .hint("write the text, or leave the key out to keep the built-in one"),
            Problem::Placeholder(name, filled) => error(format!(
                "`{group}.{key}` names `{{{name}}}`, which this text is not filled with"
            ))
            .expected(if filled.is_empty() {
                "a text without `{…}`".to_owned()
            } else {
                format!(
                    "only {}",
                    list(
                        filled
                            .iter()
                            .map(|f| format!("{{{f}}}"))
                            .collect::<Vec<_>>()
                            .iter()
                            .map(String::as_str)
                    )
                )
            })
            .hint("copy the `{…}` names from the built-in text exactly; they are not translated"),
            Problem::DateForm => error(format!("`{group}.{key}` is not a date form"))
                .expected("`numeric`, `abbreviated` or `long`"),
            Problem::Cldr => error(format!("`{group}.{key}` is not a locale tag"))
                .expected("a BCP 47 tag such as `fr`, `en-001` or `pt-BR`"),
        }
    }
}

/// Checks one text against the built-in English text of the same key.
fn check(group: &str, key: &str, text: &str, english: &str) -> Result<(), Problem> {
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    if group == "language" && key == "date_form" && DateForm::parse(text).is_none() {
        return Err(Problem::DateForm);
    }
    if group == "language" && key == "cldr" && icu_locale_core::Locale::try_from_str(text).is_err()
    {
        return Err(Problem::Cldr);
    }
    let filled = placeholders(english);
    match placeholders(text).into_iter().find(|p| !filled.contains(p)) {
        Some(unknown) => Err(Problem::Placeholder(
            unknown.to_owned(),
            filled.iter().map(|f| (*f).to_owned()).collect(),
        )),
        None => Ok(()),
    }
}

/// `a`, `b` and `c`.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|i| format!("`{i}`")).collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
