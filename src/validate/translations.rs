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
//!
//! A count (`counts.results`) is given in plural forms by CLDR category
//! (see `crate::locale::plural`): forms that are not a map, a category CLDR
//! does not have, or no `other` form is a `bad-translation` error. A site
//! that changed one of the texts counts were written with before they had
//! plural forms (`interface.results_count`: "results") and gives no forms
//! for the count keeps its text: the count is made from it, in one form.

use std::path::{Path, PathBuf};

use crate::diagnostics::{say, Code, Diagnostic, Diagnostics, Text};
use crate::load::yaml::Located;
use crate::load::Parsed;
use crate::locale::plural::{Forms, CATEGORIES, OTHER};
use crate::locale::{
    placeholders, DateForm, Entries, Locale, Locales, Text as Given, COUNTS, INTERFACE,
};
use crate::model::Lang;
use crate::suggest::{closest, did_you_mean};
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
    let shown = &texts_from.language.name;
    let file = path.display();
    Diagnostic::warning(
        Code::MissingTranslation,
        &path,
        say!(
            en: "minhbach has no texts in `{lang}`, and there is no translation file: the `{lang}` pages show the interface in {shown}",
            vi: "minhbach chưa có câu chữ bằng `{lang}` và chưa có tệp dịch: các trang `{lang}` hiện giao diện bằng {shown}"
        ),
    )
    .hint(say!(
        en: "run `minhbach new translation {lang}` to write {file} and translate its texts",
        vi: "chạy `minhbach new translation {lang}` để tạo {file} rồi dịch các câu trong đó"
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
            let groups = Locale::GROUPS
                .iter()
                .map(|(g, _)| *g)
                .chain([COUNTS, INTERFACE]);
            let listed = list(groups.clone());
            let mut d = Diagnostic::warning(
                Code::UnknownTranslationKey,
                rel,
                say!(
                    en: "`{group}` is not a group of texts minhbach reads; it is ignored",
                    vi: "`{group}` không phải là nhóm câu chữ mà minhbach đọc; nhóm này bị bỏ qua"
                ),
            )
            .at(at.locate(&yaml_path![group.as_str()]))
            .expected(say!(en: "one of {listed}", vi: "một trong các nhóm {listed}"));
            if let Some(near) = closest(group, groups) {
                d = d.hint(did_you_mean(near));
            }
            diags.push(d);
            continue;
        };
        for (key, given) in texts.iter().flatten() {
            let where_ = at.locate(&yaml_path![group.as_str(), key.as_str()]);
            let english = if group == COUNTS {
                reference.counts.get(key).map(|f| f[OTHER].as_str())
            } else {
                reference.get(group, key)
            };
            let Some(english) = english else {
                let mut d = Diagnostic::warning(
                    Code::UnknownTranslationKey,
                    rel,
                    say!(
                        en: "`{group}.{key}` is not a text minhbach reads; it is ignored",
                        vi: "`{group}.{key}` không phải là câu chữ mà minhbach đọc; khóa này bị bỏ qua"
                    ),
                )
                .at(where_);
                if let Some(near) = closest(key, keys.iter().copied()) {
                    d = d.hint(did_you_mean(&format!("{group}.{near}")));
                }
                diags.push(d);
                continue;
            };
            match (group == COUNTS, given) {
                (true, Given::Forms(forms)) => match check_forms(key, forms, english) {
                    Ok(()) => {
                        locale.counts.insert(key.clone(), forms.clone());
                    }
                    Err(problem) => {
                        diags.push(problem.into_diagnostic(rel, group, key).at(where_));
                    }
                },
                (false, Given::Plain(text)) => {
                    if let Err(problem) = check(group, key, text, english) {
                        diags.push(problem.into_diagnostic(rel, group, key).at(where_));
                        continue;
                    }
                    if let Some(slot) = locale.slot(group, key) {
                        slot.clone_from(text);
                    }
                }
                (true, Given::Plain(_)) => diags.push(
                    Problem::NotForms
                        .into_diagnostic(rel, group, key)
                        .at(where_),
                ),
                (false, Given::Forms(_)) => {
                    diags.push(Problem::NotText.into_diagnostic(rel, group, key).at(where_))
                }
            }
        }
    }
    locale.settle_formats();
    keep_earlier_texts(locale, file);
    if built_in {
        return;
    }
    let gives = |group: &str, key: &str| {
        file.value
            .get(group)
            .is_some_and(|g| g.as_ref().is_some_and(|g| g.contains_key(key)))
    };
    for key in Locale::count_keys() {
        if !gives(COUNTS, key) {
            let group_at = file
                .value
                .contains_key(COUNTS)
                .then(|| at.locate(&yaml_path![COUNTS]))
                .flatten();
            diags.push(missing(rel, COUNTS, key, texts_from).at(group_at));
        }
    }
    for (group, key) in Locale::keys() {
        let given = gives(group, key);
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

/// The texts counts were written with before they had plural forms, and
/// how each count is made from them: `(count, interface keys, form)`,
/// `{0}`, `{1}` for the texts in order.
const EARLIER: &[(&str, &[&str], &str)] = &[
    ("results", &["results_count"], "{n} {0}"),
    ("results_label", &["results_count"], "{0}"),
    ("figures", &["figures_count"], "{n} {0}"),
    (
        "targets_achieved",
        &["of", "targets_achieved"],
        "{n} {0} {total} {1}",
    ),
    ("targets_achieved_label", &["targets_achieved"], "{0}"),
    ("targets_silent", &["targets_silent"], "{n} {0}"),
    ("unchecked", &["unchecked_count"], "{0}"),
    ("search_found", &["search_found"], "{0}"),
    ("overdue_since", &["overdue_since"], "{0}"),
    ("overdue_never", &["overdue_never"], "{0}"),
    ("dropped_since", &["dropped_since"], "{0}"),
    ("dropped_never", &["dropped_never"], "{0}"),
    ("home_card_text", &["home_card_text"], "{0}"),
];

/// Keeps the site's own text of a count it changed before counts had
/// plural forms (see the module's docs): a count the file gives no forms
/// for, and one of whose earlier texts it gives, is made from them in the
/// one form `other`.
fn keep_earlier_texts(locale: &mut Locale, file: &Parsed<Entries>) {
    let group = |name: &str| file.value.get(name).and_then(Option::as_ref);
    for (count, keys, form) in EARLIER {
        if group(COUNTS).is_some_and(|g| g.contains_key(*count)) {
            continue;
        }
        let changed = group(INTERFACE).is_some_and(|g| {
            keys.iter()
                .any(|k| matches!(g.get(*k), Some(Given::Plain(_))))
        });
        if !changed {
            continue;
        }
        let mut text = (*form).to_owned();
        for (i, k) in keys.iter().enumerate() {
            text = text.replace(&format!("{{{i}}}"), locale.t(k));
        }
        let text = text.replace("{days}", "{n}");
        locale
            .counts
            .insert((*count).to_owned(), Forms::from([(OTHER.to_owned(), text)]));
    }
}

/// Checks the forms of one count against the built-in English `other`
/// form of the same key.
fn check_forms(key: &str, forms: &Forms, english: &str) -> Result<(), Problem> {
    if let Some(unknown) = forms.keys().find(|c| !CATEGORIES.contains(&c.as_str())) {
        return Err(Problem::Category(unknown.clone()));
    }
    if !forms.contains_key(OTHER) {
        return Err(Problem::NoOther);
    }
    forms
        .values()
        .try_for_each(|text| check(COUNTS, key, text, english))
}

/// The keys of a group of texts.
fn keys_of(group: &str) -> Option<&'static [&'static str]> {
    if group == INTERFACE {
        return Some(Locale::interface_keys());
    }
    if group == COUNTS {
        return Some(Locale::count_keys());
    }
    Locale::GROUPS
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, keys)| *keys)
}

/// The warning for a text a translation file leaves out.
fn missing(rel: &Path, group: &str, key: &str, texts_from: &Locale) -> Diagnostic {
    let shown = texts_from.get(group, key).unwrap_or_default();
    let language = &texts_from.language.name;
    Diagnostic::warning(
        Code::MissingTranslation,
        rel,
        say!(
            en: "`{group}.{key}` is not translated: the pages show it in {language}, \"{shown}\"",
            vi: "`{group}.{key}` chưa được dịch: các trang hiện câu này bằng {language}, \"{shown}\""
        ),
    )
    .hint(if group == COUNTS {
        say!(
            en: "add `{key}: {{one: \"…\", other: \"…\"}}` under `{group}:`, with the forms of the language's plural categories",
            vi: "thêm `{key}: {{one: \"…\", other: \"…\"}}` vào dưới `{group}:`, với các dạng số nhiều của ngôn ngữ"
        )
    } else {
        say!(
            en: "add `{key}: \"…\"` under `{group}:`",
            vi: "thêm `{key}: \"…\"` vào dưới `{group}:`"
        )
    })
}

/// What is wrong with one text.
enum Problem {
    Empty,
    /// A `{name}` the text is not filled with, and those it is.
    Placeholder(String, Vec<String>),
    DateForm,
    Cldr,
    /// One text where a count's plural forms are wanted.
    NotForms,
    /// Plural forms where one text is wanted.
    NotText,
    /// A plural category CLDR does not have.
    Category(String),
    /// Forms without `other`.
    NoOther,
}

impl Problem {
    fn into_diagnostic(self, rel: &Path, group: &str, key: &str) -> Diagnostic {
        let error = |message: Text| Diagnostic::error(Code::BadTranslation, rel, message);
        match self {
            Problem::Empty => {
                error(say!(en: "`{group}.{key}` is empty", vi: "`{group}.{key}` đang để trống"))
                    .expected(
                        say!(en: "the text in this language", vi: "câu chữ bằng ngôn ngữ này"),
                    )
                    .hint(say!(
                        en: "write the text, or leave the key out to keep the built-in one",
                        vi: "hãy viết câu chữ, hoặc bỏ khóa này đi để giữ câu có sẵn"
                    ))
            }
            Problem::Placeholder(name, filled) => {
                let listed = list(
                    filled
                        .iter()
                        .map(|f| format!("{{{f}}}"))
                        .collect::<Vec<_>>()
                        .iter()
                        .map(String::as_str),
                );
                let expected = if filled.is_empty() {
                    say!(en: "a text without `{{…}}`", vi: "câu chữ không có `{{…}}`")
                } else {
                    say!(en: "only {listed}", vi: "chỉ {listed}")
                };
                error(say!(
                    en: "`{group}.{key}` names `{{{name}}}`, which this text is not filled with",
                    vi: "`{group}.{key}` ghi `{{{name}}}`, nhưng câu này không được điền giá trị đó"
                ))
                .expected(expected)
                .hint(say!(
                    en: "copy the `{{…}}` names from the built-in text exactly; they are not translated",
                    vi: "chép nguyên các tên trong `{{…}}` từ câu có sẵn; các tên này không được dịch"
                ))
            }
            Problem::DateForm => error(say!(
                en: "`{group}.{key}` is not a date form",
                vi: "`{group}.{key}` không phải là một kiểu ngày tháng"
            ))
            .expected(say!(
                en: "`numeric`, `abbreviated` or `long`",
                vi: "`numeric`, `abbreviated` hoặc `long`"
            )),
            Problem::NotForms => error(say!(
                en: "`{group}.{key}` is a count, given in the forms of the language's plural categories",
                vi: "`{group}.{key}` là câu đếm, ghi theo các dạng số nhiều của ngôn ngữ"
            ))
            .expected(say!(
                en: "forms by category, such as `{{one: \"{{n}} result\", other: \"{{n}} results\"}}`",
                vi: "các dạng theo loại, ví dụ `{{other: \"{{n}} kết quả\"}}`"
            )),
            Problem::NotText => error(say!(
                en: "`{group}.{key}` is one text, not forms by plural category",
                vi: "`{group}.{key}` là một câu chữ, không chia theo dạng số nhiều"
            ))
            .expected(say!(en: "a text in quotes", vi: "một câu chữ trong ngoặc kép")),
            Problem::Category(name) => error(say!(
                en: "`{group}.{key}` has a form `{name}`, which is not a CLDR plural category",
                vi: "`{group}.{key}` có dạng `{name}`, không phải loại số nhiều của CLDR"
            ))
            .expected(say!(
                en: "`zero`, `one`, `two`, `few`, `many` or `other`",
                vi: "`zero`, `one`, `two`, `few`, `many` hoặc `other`"
            )),
            Problem::NoOther => error(say!(
                en: "`{group}.{key}` has no `other` form",
                vi: "`{group}.{key}` thiếu dạng `other`"
            ))
            .expected(say!(
                en: "an `other` form, used for every number the other forms do not cover",
                vi: "dạng `other`, dùng cho mọi số mà các dạng khác không áp dụng"
            )),
            Problem::Cldr => error(say!(
                en: "`{group}.{key}` is not a locale tag",
                vi: "`{group}.{key}` không phải là mã ngôn ngữ - vùng hợp lệ"
            ))
            .expected(say!(
                en: "a BCP 47 tag such as `fr`, `en-001` or `pt-BR`",
                vi: "một mã BCP 47 như `fr`, `en-001` hoặc `pt-BR`"
            )),
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

/// `a`, `b`, `c`: names, the same in every language.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
