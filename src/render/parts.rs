//! Which part of the site (a session's pages and charts, an indicator's…)
//! the last preview rebuild made from which key, with the files it wrote
//! and the pages it listed for the sitemap, so that the next rebuild can
//! keep a part whole when its key (see `memo`) is the same. The record is
//! the renderer's; the output only says whether every one of the part's
//! files is still in the folder as it left them ([`Sink::keep_all`]),
//! which the record alone cannot know: a folder swapped in at the same
//! path, or a link replaced in it, makes every part be made again.

use std::collections::HashMap;
use std::sync::Mutex;

use super::vocab::SitemapEntry;
use crate::output::{FileList, Sink};

/// The parts the last rebuild made or kept, by name.
#[derive(Default)]
pub struct Parts {
    made: HashMap<String, Made>,
}

/// One part as a rebuild made it.
struct Made {
    /// The hash of the inputs it was made from.
    key: u64,
    /// The same shared list while the part is kept (see
    /// [`Sink::keep_all`]).
    files: FileList,
    listed: Vec<SitemapEntry>,
}

/// One rebuild's use of the record: what the last rebuild made, and what
/// this one makes or keeps, which becomes the record on
/// [`Recording::finish`]. Safe to use from many threads at once.
pub(super) struct Recording {
    last: Mutex<HashMap<String, Made>>,
    now: Mutex<HashMap<String, Made>>,
}

impl Recording {
    /// Starts from the record the last rebuild left (taken: a rebuild that
    /// fails leaves none, and the next one makes every part).
    pub(super) fn start(record: Option<&mut Parts>) -> Recording {
        let last = record.map(|r| std::mem::take(&mut r.made));
        Recording {
            last: Mutex::new(last.unwrap_or_default()),
            now: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the last rebuild made `part` from inputs that hash to `key`
    /// and `out` still has every one of its files: then they are kept as
    /// they are, and the count of them and the pages it listed come back.
    pub(super) fn reuse(
        &self,
        out: &dyn Sink,
        part: &str,
        key: u64,
    ) -> Option<(usize, Vec<SitemapEntry>)> {
        let last = {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            // Each part is made once a build: its entry is not needed again.
            last.remove(part).filter(|m| m.key == key)?
        };
        if !out.keep_all(&last.files) {
            return None;
        }
        let kept = (last.files.len(), last.listed.clone());
        self.now
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(part.to_owned(), last);
        Some(kept)
    }

    /// Notes that `part` was made from inputs that hash to `key`, wrote
    /// `files` and listed `listed`, for the next rebuild to keep.
    pub(super) fn made(
        &self,
        part: String,
        key: u64,
        files: Vec<String>,
        listed: Vec<SitemapEntry>,
    ) {
        self.now.lock().unwrap_or_else(|e| e.into_inner()).insert(
            part,
            Made {
                key,
                files: files.into(),
                listed,
            },
        );
    }

    /// Leaves in `record` what this rebuild made or kept.
    pub(super) fn finish(self, record: &mut Parts) {
        record.made = self.now.into_inner().unwrap_or_else(|e| e.into_inner());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output that vouches for the files it was told it holds.
    struct Holding(Vec<String>);

    impl Sink for Holding {
        fn write(&self, _rel: &str, _bytes: &[u8]) -> std::io::Result<()> {
            Ok(())
        }
        fn keep_all(&self, files: &FileList) -> bool {
            files.iter().all(|f| self.0.contains(f))
        }
        fn reuses(&self) -> bool {
            true
        }
    }

    #[test]
    fn a_part_is_kept_only_with_its_key_and_all_its_files() {
        let mut record = Parts::default();
        let first = Recording::start(Some(&mut record));
        let holding = Holding(vec!["a.html".into(), "b.svg".into()]);
        assert!(first.reuse(&holding, "a", 1).is_none(), "nothing made yet");
        first.made("a".into(), 1, vec!["a.html".into(), "b.svg".into()], vec![]);
        first.finish(&mut record);

        let again = Recording::start(Some(&mut record));
        assert!(again.reuse(&holding, "a", 2).is_none(), "other inputs");
        again.finish(&mut record);
        assert!(record.made.is_empty(), "a part not made is forgotten");

        let mut record = Parts::default();
        let first = Recording::start(Some(&mut record));
        first.made("a".into(), 1, vec!["a.html".into(), "b.svg".into()], vec![]);
        first.finish(&mut record);
        let gone = Holding(vec!["a.html".into()]);
        let again = Recording::start(Some(&mut record));
        assert!(again.reuse(&gone, "a", 1).is_none(), "a file is missing");
        let again = Recording::start(Some(&mut record));
        assert!(
            again.reuse(&holding, "a", 1).is_none(),
            "a failed rebuild leaves no record"
        );
        drop(again);

        let first = Recording::start(Some(&mut record));
        first.made("a".into(), 1, vec!["a.html".into()], vec![]);
        first.finish(&mut record);
        let again = Recording::start(Some(&mut record));
        assert_eq!(again.reuse(&holding, "a", 1).map(|(n, _)| n), Some(1));
        again.finish(&mut record);
        assert!(record.made.contains_key("a"), "kept, and kept on record");
    }
}
