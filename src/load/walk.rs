//! Finding the content's files: the layout of the content folder (what
//! each path is, what is ignored and said so), and the register folder.

use std::path::{Path, PathBuf};

use crate::diagnostics::{say, Code, Diagnostic, Diagnostics, Text};

/// What kind of file a path in the content folder is.
pub(super) enum Kind {
    Site,
    Indicator(String),
    Session(String),
    Notes(String, Option<String>),
    Register(String),
}

/// Where a file's bytes are: on disk, or already in memory.
pub(super) enum Input {
    Disk(PathBuf),
    Memory(Vec<u8>),
}

/// `path` relative to `base` when it is inside it, or with `..` steps when
/// they share a parent (so `../seeds/x.yaml` from `content/`).
pub(super) fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
    let (path, base) = (canon(path), canon(base));
    if let Ok(r) = path.strip_prefix(&base) {
        return r.to_owned();
    }
    if let Some(parent) = base.parent() {
        if let Ok(r) = path.strip_prefix(parent) {
            return Path::new("..").join(r);
        }
    }
    path
}

/// Walks the content folder and sorts each file into its kind.
pub(super) fn discover(
    root: &Path,
    found: &mut Vec<(Kind, Input, PathBuf)>,
    diags: &mut Diagnostics,
) {
    // Symbolic links are not followed: content cannot pull in files from
    // outside its folder.
    for entry in walkdir::WalkDir::new(root)
        .min_depth(1)
        .max_depth(3)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative_to(p, root)).unwrap_or_default();
                diags.push(Diagnostic::error(
                    Code::Unreadable,
                    path,
                    say!(en: "cannot read: {e}", vi: "không đọc được: {e}"),
                ));
                continue;
            }
        };
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_owned();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let name = parts.last().cloned().unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let ft = entry.file_type();
        if ft.is_symlink() {
            diags.push(
                Diagnostic::warning(
                    Code::SymlinkIgnored,
                    &rel,
                    say!(
                        en: "symbolic links are not followed",
                        vi: "liên kết tượng trưng (symbolic link) không được đọc theo"
                    ),
                )
                .hint(say!(
                    en: "copy the file into the content folder instead",
                    vi: "hãy sao chép tệp vào thư mục nội dung"
                )),
            );
            continue;
        }
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            // A pipe or device would block or never end when read.
            diags.push(Diagnostic::warning(
                Code::NotAFile,
                &rel,
                say!(
                    en: "this is not a regular file and is ignored",
                    vi: "đây không phải là tệp thông thường nên được bỏ qua"
                ),
            ));
            continue;
        }
        if let Some(kind) = classify(&parts, &rel, diags) {
            found.push((kind, Input::Disk(entry.path().to_owned()), rel));
        }
    }
}

/// What a file at `rel` (split into `parts`) is, by the content format's
/// layout; anything else is reported and ignored.
pub(super) fn classify(parts: &[String], rel: &Path, diags: &mut Diagnostics) -> Option<Kind> {
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["site.yaml"] => Some(Kind::Site),
        ["indicators", file] => match file.strip_suffix(".yaml") {
            Some(stem) => Some(Kind::Indicator(stem.to_owned())),
            None => {
                unexpected(
                    diags,
                    rel,
                    say!(
                        en: "indicator files are named `<indicator-id>.yaml`",
                        vi: "tệp chỉ tiêu được đặt tên `<indicator-id>.yaml`"
                    ),
                );
                None
            }
        },
        ["sessions", folder, "session.yaml"] => Some(Kind::Session((*folder).to_owned())),
        ["sessions", folder, "notes.md"] => Some(Kind::Notes((*folder).to_owned(), None)),
        ["sessions", folder, file] => match file
            .strip_prefix("notes.")
            .and_then(|f| f.strip_suffix(".md"))
        {
            Some(lang) => Some(Kind::Notes((*folder).to_owned(), Some(lang.to_owned()))),
            None => {
                unexpected(
                    diags,
                    rel,
                    say!(
                        en: "a session folder holds `session.yaml`, `notes.md` and `notes.<lang>.md`",
                        vi: "thư mục phiên họp chứa `session.yaml`, `notes.md` và `notes.<lang>.md`"
                    ),
                );
                None
            }
        },
        _ => {
            unexpected(
                diags,
                rel,
                say!(
                    en: "content holds `site.yaml`, `indicators/<id>.yaml` and `sessions/<id>/session.yaml` with notes",
                    vi: "thư mục nội dung chứa `site.yaml`, `indicators/<id>.yaml` và `sessions/<id>/session.yaml` kèm ghi chú"
                ),
            );
            None
        }
    }
}

fn unexpected(diags: &mut Diagnostics, rel: &Path, expected: Text) {
    diags.push(
        Diagnostic::warning(
            Code::UnexpectedFile,
            rel,
            say!(
                en: "this file is not part of the content format and is ignored",
                vi: "tệp này không thuộc định dạng nội dung nên được bỏ qua"
            ),
        )
        .expected(expected),
    );
}

/// The register's files (`<id>.yaml` directly in `seeds`), their paths
/// shown relative to the content folder.
pub(super) fn discover_register(
    seeds: &Path,
    content: &Path,
    found: &mut Vec<(Kind, Input, PathBuf)>,
) {
    // Register paths are shown relative to the content folder.
    let rel = relative_to(seeds, content);
    for entry in walkdir::WalkDir::new(seeds)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".yaml") {
            if entry.file_type().is_file() {
                found.push((
                    Kind::Register(stem.to_owned()),
                    Input::Disk(entry.path().to_owned()),
                    rel.join(&name),
                ));
            }
        }
    }
}
