//! What a load keeps for the next one of the same folders (a preview
//! rebuild): each file's bytes, what it became, and when it was last
//! written, so that an unchanged file is neither parsed nor even read.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Item;
use crate::diagnostics::Diagnostics;

/// The files one load read, by path, with their bytes and what they became
/// (diagnostics included), so that the next load of the same folders (a
/// preview rebuild) decodes and parses only the files whose bytes changed.
/// A file whose metadata shows it was not written since it was read is not
/// even read again (see [`Written`]).
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
    pub(super) written: Option<Written>,
}

impl Cached {
    /// What a load makes of a file the last load read and that has not
    /// changed: the same item and diagnostics, and the cache entry with the
    /// metadata seen now.
    pub(super) fn again(
        &self,
        rel: PathBuf,
        written: Option<Written>,
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

/// When and where a file was last written, from its metadata: its change
/// time, which every write moves forward to the clock's time and which no
/// program can set back, its modification time, length and inode. A file
/// whose `Written` is the same as when it was read, and whose change time
/// was already a while before that read started (so that a write in the
/// same tick of a coarse clock cannot hide behind it), was not written
/// since: the rule git uses to trust its index without reading files.
/// `None` where the system gives no change time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written {
    pub(super) changed: (i64, i64),
    pub(super) modified: (i64, i64),
    pub(super) len: u64,
    pub(super) file: (u64, u64),
}

/// How long before a load a file's change time must be for the load to
/// trust it unchanged: longer than the coarsest clock of a file system in
/// use (FAT keeps two seconds).
pub(super) const SETTLED: Duration = Duration::from_secs(3);

impl Written {
    #[cfg(unix)]
    pub(super) fn of(meta: &std::fs::Metadata) -> Option<Written> {
        use std::os::unix::fs::MetadataExt;
        Some(Written {
            changed: (meta.ctime(), meta.ctime_nsec()),
            modified: (meta.mtime(), meta.mtime_nsec()),
            len: meta.len(),
            file: (meta.dev(), meta.ino()),
        })
    }

    #[cfg(not(unix))]
    pub(super) fn of(_meta: &std::fs::Metadata) -> Option<Written> {
        None
    }

    /// Whether this file's last write was well before `read_at`.
    pub(super) fn settled_before(&self, read_at: SystemTime) -> bool {
        let Ok(at) = read_at.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let (secs, nanos) = self.changed;
        let Ok(secs) = u64::try_from(secs) else {
            return true;
        };
        let changed = Duration::new(secs, u32::try_from(nanos).unwrap_or(0));
        changed + SETTLED < at
    }
}
