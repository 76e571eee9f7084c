//! What a load keeps for the next one of the same folders (a preview
//! rebuild): each file's bytes, what it became, and its [`Stamp`], so that
//! an unchanged file is neither parsed nor even read (whether it changed
//! is `crate::changes`'s to say).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use super::Item;
use crate::changes::Stamp;
use crate::diagnostics::Diagnostics;

/// The files one load read, by path, with their bytes and what they became
/// (diagnostics included), so that the next load of the same folders (a
/// preview rebuild) decodes and parses only the files whose bytes changed.
/// A file whose metadata shows it was not written since it was read is not
/// even read again (see [`Stamp::unwritten_since`]).
#[derive(Default)]
pub struct Cache {
    pub(super) files: HashMap<PathBuf, Cached>,
    /// When the last load started.
    pub(super) read_at: Option<SystemTime>,
}

/// One file as the last load read it.
pub(super) struct Cached {
    pub(super) bytes: Arc<[u8]>,
    pub(super) item: Item,
    pub(super) diags: Diagnostics,
    pub(super) written: Stamp,
}

impl Cached {
    /// What a load makes of a file the last load read and that has not
    /// changed: the same item and diagnostics, and the cache entry with the
    /// metadata seen now.
    pub(super) fn again(
        &self,
        rel: PathBuf,
        written: Stamp,
    ) -> (Item, Diagnostics, Option<(PathBuf, Cached)>) {
        let kept = Cached {
            bytes: self.bytes.clone(),
            item: self.item.clone(),
            diags: self.diags.clone(),
            written,
        };
        (self.item.clone(), self.diags.clone(), Some((rel, kept)))
    }
}
