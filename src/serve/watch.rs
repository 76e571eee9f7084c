//! Knowing when to rebuild: a file watcher on the content, the source
//! register and the templates, and a fingerprint of every input file so
//! that events which change nothing (a save without edits, an editor's
//! swap or backup file) do not rebuild.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::changes::Seen;
use crate::Options;

/// How long the rebuild waits, after an event, for the burst it belongs to
/// to end. Short, so the page follows the typing; long enough for an
/// editor's save (write a temporary file, rename it over the old one) or a
/// `git checkout` to arrive as one change.
pub(crate) const SETTLE: Duration = Duration::from_millis(30);

/// The wait when every file of the burst so far was last seen finished
/// (closed after writing, renamed into place, removed): a save is then
/// whole, and only a burst of several files still needs the wait, which
/// is short between their events.
pub(crate) const SETTLE_FINISHED: Duration = Duration::from_millis(3);

/// The paths of one event, and whether it leaves them finished: closed
/// after writing, renamed into place, or removed. A file that was only
/// created or written to may still be half written.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) finished: bool,
}

/// What the watcher sends: one event's batch, or its error.
pub(crate) type Events = notify::Result<Batch>;

/// The folders a build reads: the content, the register (if present) and
/// the template overrides (if present).
pub(crate) fn roots(opts: &Options) -> Vec<PathBuf> {
    let mut roots = vec![opts.content.clone(), opts.seeds_dir()];
    roots.extend(opts.templates.clone());
    roots.retain(|r| r.is_dir());
    roots.dedup();
    roots
}

/// Starts watching `roots`; the paths of each event that can change a file
/// go to `tx`. The watcher stops when the returned value is dropped.
pub(crate) fn start(
    roots: &[PathBuf],
    tx: Sender<Events>,
) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let sent = match event {
            Ok(e) if !changes(&e.kind) => return,
            Ok(e) => tx.send(Ok(Batch {
                finished: finishes(&e.kind),
                paths: e.paths,
            })),
            Err(e) => tx.send(Err(e)),
        };
        // The receiver is gone only while the server stops.
        let _ = sent;
    })?;
    for root in roots {
        watcher.watch(root, RecursiveMode::Recursive)?;
    }
    Ok(watcher)
}

/// Whether an event can mean a file changed. Opening and reading do not,
/// and must not count: the build reads every input, and each read would
/// otherwise wake the watcher again.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether an event leaves its files whole: written and closed, renamed
/// into place (or away), or removed.
fn finishes(kind: &EventKind) -> bool {
    use notify::event::{ModifyKind, RenameMode};
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(
                RenameMode::To | RenameMode::From | RenameMode::Both
            ))
            | EventKind::Remove(_)
    )
}

/// Whether an event on `path` can matter to the build: not inside the
/// served folder (when it is placed inside a watched one), and not an
/// editor's temporary file.
pub(crate) fn is_relevant(path: &Path, served: &Path) -> bool {
    if path.starts_with(served) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !ignored_name(&name)
}

/// Hidden files (which the build ignores too), and the backup and swap
/// files editors write beside the one being saved.
fn ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Each input file as the watcher last saw it, by path: whether it
/// changed since is [`crate::changes`]'s to say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    /// By path, hashed: paths compare component by component, and a
    /// national site's lookups in an ordered map took milliseconds.
    files: HashMap<PathBuf, Seen>,
}

impl Fingerprint {
    /// Looks at every file under `roots`, each as [`Seen::look`] does: a
    /// file `previous` saw, with the same length and modification time and
    /// not among the `events`' paths, is not read again.
    pub(crate) fn of(roots: &[PathBuf], previous: &Fingerprint, events: &[PathBuf]) -> Fingerprint {
        let events: HashSet<&Path> = events.iter().map(PathBuf::as_path).collect();
        let mut files = HashMap::with_capacity(previous.files.len());
        for root in roots {
            let walk = walkdir::WalkDir::new(root)
                .min_depth(1)
                .into_iter()
                .filter_entry(|e| !ignored_name(&e.file_name().to_string_lossy()));
            for entry in walk.flatten() {
                if !entry.file_type().is_file() {
                    continue;
                }
                let path = entry.path();
                let meta = entry.metadata().ok();
                let seen = Seen::look(
                    path,
                    meta.as_ref(),
                    previous.files.get(path),
                    events.contains(path),
                );
                files.insert(path.to_owned(), seen);
            }
        }
        Fingerprint { files }
    }

    /// The files added, removed or changed from `self` to `now`.
    pub(crate) fn compare(&self, now: &Fingerprint) -> Change {
        let mut paths: Vec<PathBuf> = now
            .files
            .iter()
            .filter(|(p, h)| self.files.get(*p).is_none_or(|s| s.changed_to(h)))
            .map(|(p, _)| p.clone())
            .collect();
        paths.extend(
            self.files
                .keys()
                .filter(|p| !now.files.contains_key(*p))
                .cloned(),
        );
        paths.sort();
        Change { paths }
    }
}

/// The input files that changed between two builds.
#[derive(Debug, Default)]
pub struct Change {
    paths: Vec<PathBuf>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
    pub fn len(&self) -> usize {
        self.paths.len()
    }
    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.paths.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(root: &Path, previous: &Fingerprint, events: &[PathBuf]) -> Fingerprint {
        Fingerprint::of(&[root.to_owned()], previous, events)
    }

    #[test]
    fn only_real_changes_count() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().to_owned();
        let a = root.join("a.yaml");
        std::fs::write(&a, "a: 1").unwrap();
        let before = of(&root, &Fingerprint::default(), &[]);
        // Rewritten with the same bytes, plus an editor's swap file.
        std::fs::write(&a, "a: 1").unwrap();
        std::fs::write(root.join(".a.yaml.swp"), "x").unwrap();
        std::fs::write(root.join("a.yaml~"), "x").unwrap();
        let same = of(&root, &before, std::slice::from_ref(&a));
        assert!(before.compare(&same).is_empty());
        std::fs::write(&a, "a: 2").unwrap();
        std::fs::write(root.join("b.yaml"), "b: 1").unwrap();
        let after = of(&root, &same, &[]);
        let change = before.compare(&after);
        assert_eq!(
            change.paths().cloned().collect::<Vec<_>>(),
            [a, root.join("b.yaml")]
        );
    }

    #[test]
    fn an_edit_the_clock_hides_is_seen_through_its_event() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().to_owned();
        let a = root.join("a.yaml");
        std::fs::write(&a, "a: 1").unwrap();
        let stamp = std::fs::metadata(&a).unwrap().modified().unwrap();
        let before = of(&root, &Fingerprint::default(), &[]);
        // The same length and, as on a coarse clock, the same time.
        std::fs::write(&a, "a: 2").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&a)
            .unwrap()
            .set_modified(stamp)
            .unwrap();
        assert!(before.compare(&of(&root, &before, &[])).is_empty());
        assert_eq!(before.compare(&of(&root, &before, &[a])).len(), 1);
    }

    #[test]
    fn opening_and_reading_are_not_changes() {
        use notify::event::{CreateKind, ModifyKind, RemoveKind};
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
        ] {
            assert!(!changes(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Remove(RemoveKind::File),
            EventKind::Any,
        ] {
            assert!(changes(&kind), "{kind:?}");
        }
    }

    #[test]
    fn a_save_is_finished_when_closed_renamed_or_removed() {
        use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert!(finishes(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Any,
        ] {
            assert!(!finishes(&kind), "{kind:?}");
        }
    }

    #[test]
    fn editor_files_are_not_relevant() {
        let served = Path::new("/tmp/x/site");
        assert!(is_relevant(
            Path::new("content/sessions/a/session.yaml"),
            served
        ));
        for name in [".session.yaml.swp", "session.yaml~", "4913", "#notes.md#"] {
            assert!(
                !is_relevant(&Path::new("content").join(name), served),
                "{name}"
            );
        }
        assert!(!is_relevant(Path::new("/tmp/x/site/index.html"), served));
    }
}
