//! What can stop a build that is not a problem in the content: the
//! output folder refused, or an error from the system while writing. A
//! content problem is a [`Diagnostics`] report instead.

use std::path::{Path, PathBuf};

use crate::diagnostics::{say, Diagnostics, Language, Text};
use crate::output;

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the content or templates, for the author to fix.
    Content(Diagnostics),
    /// The output folder may not be written into (it is an input folder,
    /// or holds files minhbach did not make); nothing was touched.
    Refused(output::Refusal),
    /// Writing the site went wrong (disk full, permissions).
    Write(WriteError),
}

/// The output folder could not be written: what was being done, to which
/// folder, and the error the system gave, kept as the [`source`] so that a
/// caller can tell a full disk from a permission.
///
/// [`source`]: std::error::Error::source
#[derive(Debug)]
pub struct WriteError {
    /// What was being done, as in "cannot {what} {path}"; `None` when the
    /// error comes from writing one of the site's files, which it names.
    pub what: Option<Doing>,
    /// The output folder.
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// What was being done to the output folder when writing failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doing {
    /// Creating the staging folder beside it.
    CreateBeside,
    Create,
    Replace,
    Update,
}

/// The [`Failure::Write`] for an error while doing `what` to `path`.
pub(crate) fn cannot(what: Doing, path: &Path) -> impl FnOnce(std::io::Error) -> Failure {
    let path = path.to_path_buf();
    move |source| {
        Failure::Write(WriteError {
            what: Some(what),
            path,
            source,
        })
    }
}

impl WriteError {
    /// "cannot update site: …", in every language. The system's own words
    /// for the error stay as the system gives them.
    pub fn said(&self) -> Text {
        let path = self.path.display();
        let error = &self.source;
        match self.what {
            Some(Doing::CreateBeside) => say!(
                en: "cannot create a folder beside {path}: {error}",
                vi: "không tạo được thư mục bên cạnh {path}: {error}"
            ),
            Some(Doing::Create) => say!(
                en: "cannot create {path}: {error}",
                vi: "không tạo được {path}: {error}"
            ),
            Some(Doing::Replace) => say!(
                en: "cannot replace {path}: {error}",
                vi: "không thay thế được {path}: {error}"
            ),
            Some(Doing::Update) => say!(
                en: "cannot update {path}: {error}",
                vi: "không cập nhật được {path}: {error}"
            ),
            None => say!(en: "{error}", vi: "{error}"),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.said().en())
    }
}

impl Failure {
    /// What a person is told when a build fails for a reason other than
    /// the content (for which the diagnostics are printed instead), with
    /// what was left as it was, in `lang`. `out` is the output folder.
    pub fn told(&self, lang: Language, out: &Path) -> String {
        let out = crate::diagnostics::escaped(&out.display().to_string()).into_owned();
        let said = match self {
            Failure::Content(diags) => say!(
                en: "build failed: {summary_en}; {out} was not changed",
                vi: "dựng trang không thành công: {summary_vi}; {out} không bị thay đổi",
                summary_en = diags.summary(Language::En),
                summary_vi = diags.summary(Language::Vi)
            ),
            Failure::Refused(why) => {
                let why = why.said();
                say!(
                    en: "error: {why_en}; nothing was changed",
                    vi: "lỗi: {why_vi}; không có gì bị thay đổi",
                    why_en = why.en(),
                    why_vi = why.vi()
                )
            }
            Failure::Write(e) => {
                let e = e.said();
                say!(
                    en: "error: {e_en}; {out} was not changed",
                    vi: "lỗi: {e_vi}; {out} không bị thay đổi",
                    e_en = e.en(),
                    e_vi = e.vi()
                )
            }
        };
        crate::diagnostics::escaped(said.get(lang)).into_owned()
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
