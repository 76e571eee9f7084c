//! Knowing when to rebuild: a file watcher on the content, the source
//! register and the templates, and a fingerprint of every input file so
//! that events which change nothing (a save without edits, an editor's
//! swap or backup file) do not rebuild.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};

use crate::Options;

/// How long the watcher waits for a burst of events to end. Short, so the
/// page follows the typing; long enough for an editor's save (write a
/// temporary file, rename it over the old one) to arrive as one change.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// The folders a build reads: the content, the register (if present) and
/// the template overrides (if present).
pub(crate) fn roots(opts: &Options) -> Vec<PathBuf> {
    let mut roots = vec![opts.content.clone(), opts.seeds_dir()];
    roots.extend(opts.templates.clone());
    roots.retain(|r| r.is_dir());
    roots.dedup();
    roots
}

/// Starts watching `roots`; debounced batches of events go to `tx`. The
/// watcher stops when the returned value is dropped.
pub(crate) fn start(
    roots: &[PathBuf],
    tx: Sender<DebounceEventResult>,
) -> notify_debouncer_mini::notify::Result<
    Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>,
> {
    let mut debouncer = new_debouncer(DEBOUNCE, tx)?;
    for root in roots {
        debouncer.watcher().watch(root, RecursiveMode::Recursive)?;
    }
    Ok(debouncer)
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

/// A hash of each input file, by path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    files: BTreeMap<PathBuf, u64>,
}

impl Fingerprint {
    /// Reads every file under `roots`. The content is small (text files of
    /// a few kilobytes), so this costs far less than the build it avoids.
    pub(crate) fn of(roots: &[PathBuf]) -> Fingerprint {
        let mut files = BTreeMap::new();
        for root in roots {
            let walk = walkdir::WalkDir::new(root)
                .min_depth(1)
                .into_iter()
                .filter_entry(|e| !ignored_name(&e.file_name().to_string_lossy()));
            for entry in walk.flatten() {
                if !entry.file_type().is_file() {
                    continue;
                }
                // An unreadable file hashes as empty; the build reports it.
                let bytes = std::fs::read(entry.path()).unwrap_or_default();
                let mut h = std::collections::hash_map::DefaultHasher::new();
                bytes.hash(&mut h);
                files.insert(entry.path().to_owned(), h.finish());
            }
        }
        Fingerprint { files }
    }

    /// The files added, removed or changed from `self` to `now`.
    pub(crate) fn compare(&self, now: &Fingerprint) -> Change {
        let mut paths: Vec<PathBuf> = now
            .files
            .iter()
            .filter(|(p, h)| self.files.get(*p) != Some(h))
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

    #[test]
    fn only_real_changes_count() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().to_owned();
        std::fs::write(root.join("a.yaml"), "a: 1").unwrap();
        let before = Fingerprint::of(std::slice::from_ref(&root));
        // Rewritten with the same bytes, plus an editor's swap file.
        std::fs::write(root.join("a.yaml"), "a: 1").unwrap();
        std::fs::write(root.join(".a.yaml.swp"), "x").unwrap();
        std::fs::write(root.join("a.yaml~"), "x").unwrap();
        let same = Fingerprint::of(std::slice::from_ref(&root));
        assert!(before.compare(&same).is_empty());
        std::fs::write(root.join("a.yaml"), "a: 2").unwrap();
        std::fs::write(root.join("b.yaml"), "b: 1").unwrap();
        let after = Fingerprint::of(std::slice::from_ref(&root));
        let change = before.compare(&after);
        assert_eq!(
            change.paths().cloned().collect::<Vec<_>>(),
            [root.join("a.yaml"), root.join("b.yaml")]
        );
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
