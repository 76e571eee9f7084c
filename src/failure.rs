//! What can stop a build that is not a problem in the content: the
//! output folder refused, or an error from the system while writing. A
//! content problem is a [`Diagnostics`] report instead.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
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
    pub what: Option<&'static str>,
    /// The output folder.
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// The [`Failure::Write`] for an error while doing `what` to `path`.
pub(crate) fn cannot(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Failure {
    let path = path.to_path_buf();
    move |source| {
        Failure::Write(WriteError {
            what: Some(what),
            path,
            source,
        })
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.what {
            Some(what) => write!(f, "cannot {what} {}: {}", self.path.display(), self.source),
            None => self.source.fmt(f),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
