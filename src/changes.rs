//! Whether an input file changed since it was last seen: the one place
//! that decides it, for the loader's cache (`src/load/cache.rs`, which
//! skips reading a file not written since the last load) and the preview's
//! watcher (`src/serve/watch.rs`, which rebuilds only when some input's
//! bytes changed). A file is seen through its metadata, a [`Stamp`], and,
//! where the watcher must know its bytes, through a bounded hash of them,
//! [`Seen`]. What a changed file becomes is each caller's business. A leaf:
//! it imports only `safe_read`.

use std::fs::Metadata;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// When and where a file was last written, from its metadata: its length
/// and modification time and, where the system gives them, its change
/// time, which every write moves forward to the clock's time and which no
/// program can set back, and its inode.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    written: Option<Written>,
}

/// The part of a [`Stamp`] only some systems give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    changed: (i64, i64),
    file: (u64, u64),
}

/// How long before a load a file's change time must be for the load to
/// trust it unchanged: longer than the coarsest clock of a file system in
/// use (FAT keeps two seconds).
const SETTLED: Duration = Duration::from_secs(3);

/// The largest file the watcher reads to see whether its bytes changed:
/// above it (no content file is that large by default, the loader refuses
/// it), its length and modification time stand for its bytes, so that a
/// huge file in the watched folders is never read whole into memory.
const HASHED_BYTES: u64 = 64 * 1024 * 1024;

impl Stamp {
    /// The stamp of a file with metadata `meta`; without metadata, a stamp
    /// that never vouches for the file.
    pub(crate) fn of(meta: Option<&Metadata>) -> Stamp {
        let Some(meta) = meta else {
            return Stamp::default();
        };
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            written: Written::of(meta),
        }
    }

    /// Whether a file stamped `self` when a load that started at `read_at`
    /// read it, and stamped `now` now, was not written since, so that its
    /// bytes need not be read again. Only where the system gives a change
    /// time, and only if that time was already a while before the read
    /// started, so that a write in the same tick of a coarse clock cannot
    /// hide behind it: the rule git uses to trust its index without reading
    /// files. A file written too recently may be half written and is read.
    pub(crate) fn unwritten_since(&self, now: &Stamp, read_at: SystemTime) -> bool {
        *self == *now && now.written.is_some_and(|w| w.settled_before(read_at))
    }

    /// Whether the length and modification time are known and the same:
    /// the watcher's cheap test before it trusts a hash it already has.
    fn same_length_and_time(&self, other: &Stamp) -> bool {
        self.len == other.len && self.modified == other.modified && self.modified.is_some()
    }
}

impl Written {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Option<Written> {
        use std::os::unix::fs::MetadataExt;
        Some(Written {
            changed: (meta.ctime(), meta.ctime_nsec()),
            file: (meta.dev(), meta.ino()),
        })
    }

    #[cfg(not(unix))]
    fn of(_meta: &Metadata) -> Option<Written> {
        None
    }

    /// Whether this file's last write was well before `read_at`.
    fn settled_before(&self, read_at: SystemTime) -> bool {
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

/// A file as the watcher last saw it: its stamp and a hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    stamp: Stamp,
    hash: u64,
}

impl Seen {
    /// Looks at the file at `path`, with metadata `meta`. A file whose
    /// length and modification time are those `previous` saw, and that no
    /// event named since (`evented`), keeps its hash unread: a file system
    /// with a coarse clock (FAT keeps two seconds) can hide an edit from
    /// the time, never from the event. An unreadable file hashes as empty
    /// (the build reports it); one too large to be content is not read
    /// whole: its length and time stand for it.
    pub(crate) fn look(
        path: &Path,
        meta: Option<&Metadata>,
        previous: Option<&Seen>,
        evented: bool,
    ) -> Seen {
        let stamp = Stamp::of(meta);
        let known = previous
            .filter(|s| s.stamp.same_length_and_time(&stamp))
            .filter(|_| !evented);
        let hash = match known {
            Some(seen) => seen.hash,
            None => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                if stamp.len > HASHED_BYTES {
                    (stamp.len, stamp.modified).hash(&mut h);
                } else {
                    let bytes =
                        crate::safe_read::read_regular(path, HASHED_BYTES).unwrap_or_default();
                    bytes.hash(&mut h);
                }
                h.finish()
            }
        };
        Seen { stamp, hash }
    }

    /// Whether the file's bytes changed from `self` to `now`.
    pub(crate) fn changed_to(&self, now: &Seen) -> bool {
        self.hash != now.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(path: &Path) -> Stamp {
        Stamp::of(std::fs::metadata(path).ok().as_ref())
    }

    #[cfg(unix)]
    #[test]
    fn a_file_written_just_before_a_load_is_read_again() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.yaml");
        std::fs::write(&a, "a: 1").unwrap();
        let seen = stamp(&a);
        let now = SystemTime::now();
        assert!(!seen.unwritten_since(&seen, now));
        assert!(seen.unwritten_since(&seen, now + SETTLED * 2));
        std::fs::write(&a, "a: 22").unwrap();
        assert!(!seen.unwritten_since(&stamp(&a), now + SETTLED * 2));
    }

    #[test]
    fn a_file_without_metadata_is_never_trusted() {
        let none = Stamp::of(None);
        assert!(!none.unwritten_since(&none, SystemTime::now() + SETTLED * 2));
    }

    #[test]
    fn a_file_too_large_to_be_content_is_not_read() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.yaml");
        // Sparse: no disk is filled.
        let file = std::fs::File::create(&a).unwrap();
        file.set_len(HASHED_BYTES + 1).unwrap();
        let meta = std::fs::metadata(&a).unwrap();
        let seen = Seen::look(&a, Some(&meta), None, true);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (HASHED_BYTES + 1, meta.modified().ok()).hash(&mut h);
        assert_eq!(seen.hash, h.finish());
    }
}
