//! Updating an output folder in place, for rebuilds while an author edits.
//!
//! A full build swaps in a fresh folder ([`super::Staging`]). A preview
//! rebuild must not: a browser reading the site would see it vanish for a
//! moment, and a watcher or a sync tool downstream would see every file
//! change. [`Refresh`] writes into the existing folder instead, replaces a
//! file only when its bytes differ (each replacement atomic: written beside,
//! renamed over), leaves every other file untouched so its modification time
//! stays, and on [`Refresh::finish`] removes the files this build no longer
//! makes.
//!
//! What the folder held is known from the [`Manifest`] of the previous
//! refresh (length and hash of each file), so an unchanged file costs a hash
//! of the new bytes, not a read of the old ones; without a manifest (the
//! first rebuild), the old bytes are read and compared.
//!
//! With a manifest, the folder is taken to hold what the manifest says: the
//! files kept whole ([`Refresh::keep_all`], a part of the site the renderer
//! did not make again) are not looked at, and the files to remove are the
//! ones the manifest lists and this build did not make or keep, found
//! without walking the folder. A national site has over a hundred thousand files,
//! and looking at each one would cost a rebuild most of its time. The
//! folder is known to be the same one by its identity on disk (device and
//! inode), so a build that swaps in a new folder at the same path (`minhbach
//! build` into the served folder) makes the next refresh check everything.
//! Only editing files inside the folder by hand goes unnoticed, until what
//! they are made from changes.
//!
//! A refresh never writes through a symbolic link in the folder, nor into a
//! folder reached through one: a link found where the site has a folder or
//! a file is removed (its target is left as it is) and replaced by the real
//! folder or file, and the refresh says how many it replaced
//! ([`Refreshed::unlinked`]). The files the manifest vouched for behind such
//! a link are not in the folder: the manifest it returns is then marked as
//! of another folder, so that the next refresh checks everything.

mod disk;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::{safe_rel, Sink, MARKER};
use disk::{identity, make_folder, on_disk, remove_files, remove_unlisted, replace};

/// The length and hash of every file a refresh left in the folder, by site
/// path.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    files: HashMap<String, Listed>,
    /// Which folder on disk the files are in (see [`identity`]).
    folder: Option<(u64, u64)>,
}

impl Manifest {
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }
    /// Whether this manifest is of the folder now at `dir` (not of one
    /// swapped out since).
    pub fn is_of(&self, dir: &Path) -> bool {
        self.folder.is_some() && self.folder == identity(dir)
    }
}

/// A file a manifest lists, and whether the refresh that started from the
/// manifest kept it whole ([`Refresh::keep_all`]): marked in place, so that
/// keeping a part of a hundred thousand files copies none of their paths.
#[derive(Debug)]
struct Listed {
    stamp: Stamp,
    kept: AtomicBool,
}

impl Listed {
    fn new(stamp: Stamp) -> Listed {
        Listed {
            stamp,
            kept: AtomicBool::new(false),
        }
    }
}

impl Clone for Listed {
    fn clone(&self) -> Listed {
        Listed {
            stamp: self.stamp,
            kept: AtomicBool::new(self.kept.load(Ordering::Relaxed)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    hash: u64,
    /// The hash of the inputs the file was made from, for outputs written
    /// with [`Sink::write_keyed`].
    key: Option<u64>,
}

impl Stamp {
    fn of(bytes: &[u8]) -> Stamp {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Stamp {
            len: bytes.len() as u64,
            hash: h.finish(),
            key: None,
        }
    }
}

/// What a refresh did.
#[derive(Debug, Default, Clone)]
pub struct Refreshed {
    /// Files created or replaced.
    pub written: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files removed because the build no longer makes them.
    pub removed: usize,
    /// Groups of files kept whole without being made again (the parts of
    /// the site, a session's pages, an indicator's…, whose inputs had not
    /// changed).
    pub reused: usize,
    /// Symbolic links in the folder replaced by the folders or files the
    /// site has at their place (their targets untouched).
    pub unlinked: usize,
}

impl Refreshed {
    /// Whether anything in the folder changed.
    pub fn changed(&self) -> bool {
        self.written + self.removed > 0
    }
}

/// An output folder being updated in place. Safe to write from many
/// threads at once.
pub struct Refresh {
    dir: PathBuf,
    previous: Option<Manifest>,
    /// Stamps of the files this build wrote, found unchanged or kept.
    now: Mutex<HashMap<String, Stamp>>,
    reused: AtomicUsize,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// Whether a file the previous manifest does not list was written, so
    /// that the marker must list it.
    grew: std::sync::atomic::AtomicBool,
    unlinked: AtomicUsize,
    /// The folders of the site this refresh found or made real (not
    /// links), each looked at once.
    real: Mutex<HashSet<PathBuf>>,
}

impl Refresh {
    /// Starts updating `dir` (created if missing). `previous` is the
    /// manifest the last refresh of the same folder returned, if the folder
    /// has not been touched by anything else since.
    pub fn new(dir: &Path, previous: Option<Manifest>) -> io::Result<Refresh> {
        fs::create_dir_all(dir)?;
        // A manifest of another folder (one swapped in at the same path) says
        // nothing about this one.
        let folder = identity(dir);
        let previous = previous.filter(|m| folder.is_some() && m.folder == folder);
        Ok(Refresh {
            dir: dir.to_owned(),
            previous,
            now: Mutex::new(HashMap::new()),
            reused: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            grew: std::sync::atomic::AtomicBool::new(false),
            unlinked: AtomicUsize::new(0),
            real: Mutex::new(HashSet::new()),
        })
    }

    /// Writes `bytes` at `rel` unless the file already holds them.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_stamped(rel, bytes, None)
    }

    /// Whether the last refresh left at `rel` a file made from inputs that
    /// hash to `key`: then it is kept, untouched. Like a reused part's
    /// files, the file is not looked at on disk: the manifest is trusted
    /// (see the module's documentation). A session remade for an edit keeps
    /// a thousand files this way, and a look at each was a tenth of the
    /// rebuild.
    pub fn keep(&self, rel: &str, key: u64) -> bool {
        let Some(old) = self.previous.as_ref().and_then(|m| m.files.get(rel)) else {
            return false;
        };
        let old = &old.stamp;
        if old.key != Some(key) {
            return false;
        }
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.now
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned(), *old);
        true
    }

    /// Whether the last refresh left every one of `files` in the folder:
    /// then they are kept, untouched, and count as one group reused. The
    /// files are not looked at: the manifest is trusted (see the module's
    /// documentation).
    pub fn keep_all(&self, files: &[String]) -> bool {
        let Some(previous) = self.previous.as_ref() else {
            return false;
        };
        let Some(listed) = files
            .iter()
            .map(|rel| previous.files.get(rel))
            .collect::<Option<Vec<&Listed>>>()
        else {
            return false;
        };
        // Marked, not copied: `finish` keeps them in the new manifest.
        for file in listed {
            file.kept.store(true, Ordering::Relaxed);
        }
        self.unchanged.fetch_add(files.len(), Ordering::Relaxed);
        self.reused.fetch_add(1, Ordering::Relaxed);
        true
    }

    fn write_stamped(&self, rel: &str, bytes: &[u8], key: Option<u64>) -> io::Result<()> {
        if rel == MARKER {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{MARKER} is the site's own marker"),
            ));
        }
        let safe = safe_rel(rel)?;
        self.real_folders(safe)?;
        let path = self.dir.join(safe);
        let stamp = Stamp {
            key,
            ..Stamp::of(bytes)
        };
        let same = match self.previous.as_ref().and_then(|m| m.files.get(rel)) {
            // Known from the last refresh: still there with those bytes?
            Some(Listed { stamp: old, .. }) => {
                (old.len, old.hash) == (stamp.len, stamp.hash) && on_disk(&path, stamp.len)
            }
            None => {
                self.grew.store(true, Ordering::Relaxed);
                on_disk(&path, stamp.len) && fs::read(&path)? == bytes
            }
        };
        if same {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        } else {
            if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                self.unlinked.fetch_add(1, Ordering::Relaxed);
            }
            replace(&path, bytes)?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.now
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned(), stamp);
        Ok(())
    }

    /// Makes sure every folder on the way to `rel` is a real folder inside
    /// this one: made when missing, and a symbolic link in the way removed
    /// (not what it points to) and replaced by a folder.
    fn real_folders(&self, rel: &Path) -> io::Result<()> {
        let mut at = self.dir.clone();
        let Some(parent) = rel.parent() else {
            return Ok(());
        };
        for part in parent.components() {
            at.push(part);
            let known = self
                .real
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(&at);
            if known {
                continue;
            }
            match fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.file_type().is_symlink() => {
                    match fs::remove_file(&at) {
                        Ok(()) => {
                            self.unlinked.fetch_add(1, Ordering::Relaxed);
                        }
                        // Another writer of this refresh removed it first.
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                    make_folder(&at)?;
                }
                Ok(_) => {
                    return Err(io::Error::other(format!(
                        "{} is a file where the site has a folder",
                        at.display()
                    )))
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => make_folder(&at)?,
                Err(e) => return Err(e),
            }
            self.real
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(at.clone());
        }
        Ok(())
    }

    /// Removes the files this build did not write, and the folders left
    /// empty, and returns what was done and what the folder holds now, for
    /// the next refresh.
    pub fn finish(self) -> io::Result<(Refreshed, Manifest)> {
        let now = self.now.into_inner().unwrap_or_else(|e| e.into_inner());
        let (removed, mut files) = match self.previous {
            // The previous manifest becomes the new one, less the files
            // this build neither made nor kept, which are removed.
            Some(previous) => {
                let mut files = previous.files;
                let mut gone = Vec::new();
                files.retain(|rel, file| {
                    let stays = std::mem::take(file.kept.get_mut()) || now.contains_key(rel);
                    if !stays {
                        gone.push(rel.clone());
                    }
                    stays
                });
                (remove_files(&self.dir, &gone)?, files)
            }
            None => (remove_unlisted(&self.dir, &now)?, HashMap::new()),
        };
        files.reserve(now.len());
        for (rel, stamp) in now {
            files.insert(rel, Listed::new(stamp));
        }
        // The marker lists the site's files; it is written again only when
        // they are not the ones it lists already (a rebuild for an edit
        // rarely adds or removes a file).
        if self.grew.into_inner() || removed > 0 || !super::ownership::is_marked(&self.dir) {
            let mut names: Vec<&str> = files.keys().map(String::as_str).collect();
            replace(
                &self.dir.join(MARKER),
                &super::ownership::marker(&mut names),
            )?;
        }
        let done = Refreshed {
            written: self.written.into_inner(),
            unchanged: self.unchanged.into_inner(),
            removed,
            reused: self.reused.into_inner(),
            unlinked: self.unlinked.into_inner(),
        };
        let manifest = Manifest {
            files,
            // Files behind a replaced link are not in the folder, whatever
            // the manifest says: the next refresh looks at everything.
            folder: identity(&self.dir).filter(|_| done.unlinked == 0),
        };
        Ok((done, manifest))
    }
}

impl Sink for Refresh {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Refresh::write(self, rel, bytes)
    }
    fn keep(&self, rel: &str, key: u64) -> bool {
        Refresh::keep(self, rel, key)
    }
    fn write_keyed(&self, rel: &str, key: u64, bytes: &[u8]) -> io::Result<()> {
        self.write_stamped(rel, bytes, Some(key))
    }
    fn keep_all(&self, files: &[String]) -> bool {
        Refresh::keep_all(self, files)
    }
    fn reuses(&self) -> bool {
        // Also without a previous manifest: the renderer records what it
        // makes, for the next refresh to keep.
        true
    }
}

#[cfg(test)]
mod tests;
