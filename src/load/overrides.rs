//! The files of the templates folder that replace built-in ones: the
//! templates themselves (read by `render::templates`) and the translation
//! files `i18n/<lang>.yaml` (checked by `validate::translations`). They are
//! read as content files are.

use std::path::{Path, PathBuf};

use super::read::{decode_text, parse};
use super::{Limits, NotRead, Parsed};
use crate::diagnostics::{say, Code, Diagnostic, Diagnostics, Text};
use crate::locale::Entries;
use crate::model::Lang;

/// The text of the override at `path` (a template or a translation
/// file), read as content files are: a
/// regular file of at most `max_bytes`. A symbolic link is not followed
/// (`templates/style.css -> /proc/self/environ` would publish the build's
/// environment) and a pipe or device is not read; both are reported and
/// the built-in one is used. `None` when there is no override.
pub fn read_override(path: &Path, max_bytes: u64, diags: &mut Diagnostics) -> Option<String> {
    let fail = |message: Text| Diagnostic::error(Code::Template, path, message);
    match crate::load::read_regular(path, max_bytes) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => return Some(text),
            Err(e) => diags.push(
                fail(say!(
                    en: "the file is not valid UTF-8 (at byte offset {offset})",
                    vi: "tệp không phải là UTF-8 hợp lệ (tại byte thứ {offset})",
                    offset = e.utf8_error().valid_up_to()
                ))
                .hint(crate::load::save_as_utf8()),
            ),
        },
        Err(NotRead::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(NotRead::Link) => diags.push(
            Diagnostic::warning(
                Code::SymlinkIgnored,
                path,
                say!(
                    en: "symbolic links are not followed; the built-in one is used",
                    vi: "liên kết tượng trưng (symbolic link) không được đọc theo; tệp có sẵn được dùng thay thế"
                ),
            )
            .hint(say!(
                en: "copy the file into the templates folder instead",
                vi: "hãy sao chép tệp vào thư mục mẫu giao diện"
            )),
        ),
        Err(NotRead::NotAFile) => diags.push(Diagnostic::warning(
            Code::NotAFile,
            path,
            say!(
                en: "this is not a regular file and is ignored; the built-in one is used",
                vi: "đây không phải là tệp thông thường nên được bỏ qua; tệp có sẵn được dùng thay thế"
            ),
        )),
        Err(NotRead::TooLarge(len)) => diags.push(
            Diagnostic::error(
                Code::FileTooLarge,
                path,
                crate::load::too_large_message(len, max_bytes),
            )
            .hint(crate::load::too_large_hint()),
        ),
        Err(NotRead::Io(e)) => diags.push(fail(say!(
            en: "cannot read the file: {e}",
            vi: "không đọc được tệp: {e}"
        ))),
    }
    None
}

/// Where a language's translation file is in the templates folder.
pub fn translation_path(templates: &Path, lang: &Lang) -> PathBuf {
    templates.join("i18n").join(format!("{lang}.yaml"))
}

/// The translation file of each of `languages` that the templates folder
/// holds, parsed (a file that does not parse is reported and left out).
pub fn translations(
    templates: &Path,
    languages: &[Lang],
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Vec<(Lang, Parsed<Entries>)> {
    let mut found = Vec::new();
    for lang in languages {
        let path = translation_path(templates, lang);
        let Some(text) = read_override(&path, limits.max_file_bytes, diags) else {
            continue;
        };
        let Some(file) = decode_text(text.as_bytes(), path, limits, diags) else {
            continue;
        };
        if let Some(parsed) = parse::<Entries>(file, lang.to_string(), diags) {
            found.push((lang.clone(), parsed));
        }
    }
    found
}
