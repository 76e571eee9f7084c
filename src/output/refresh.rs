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
//! without walking the folder. A national site has over a hundred and fifty
//! thousand files, and looking at each one would cost a rebuild most of its
//! time.
//!
//! Nor does a rebuild look each kept file up in the manifest. The manifest
//! remembers each list of files kept whole ([`FileList`], a part's files,
//! the same shared list from one rebuild to the next) as a *group*, once
//! every file of it was found listed; a later refresh handed the same list
//! (the same allocation, which the manifest holds, so that its address
//! cannot be another list's) keeps the group with one look-up. Groups never
//! share a file, so the files that may have to go are only those of the
//! groups not kept this time and those in no group: what a rebuild costs
//! grows with what it makes again, not with the size of the site. Looking
//! up every kept file was, with the narrow charts, an eighth of the
//! instructions of a one-file rebuild of a national site, and more of its
//! time (a hundred and fifty thousand look-ups, each missing the
//! processor's caches). The
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
use std::sync::{Arc, Mutex};

use super::{safe_rel, FileList, Sink, MARKER};
use disk::{identity, make_folder, on_disk, remove_files, remove_unlisted, replace};

/// The length and hash of every file a refresh left in the folder, by site
/// path, and the groups of them it vouches for whole.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    files: HashMap<String, Listed>,
    /// The lists of files the manifest vouches for whole, by the address
    /// of the list (see the module's documentation).
    groups: HashMap<usize, Group>,
    /// The files in no group: with the files of the groups a refresh does
    /// not keep, the only ones it may have to remove.
    loose: HashSet<String>,
    /// The number of the last group made (0 is no group's).
    last_group: u64,
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
    /// How many lists of files it vouches for whole, and how many of its
    /// files are in none of them.
    pub fn grouped(&self) -> (usize, usize) {
        (self.groups.len(), self.loose.len())
    }
}

/// A file a manifest lists, and the group it is in.
#[derive(Debug, Clone, Copy)]
struct Listed {
    stamp: Stamp,
    /// The number of the group that holds it; 0, or the number of a group
    /// no longer in the manifest, for none.
    group: u64,
}

/// A list of files a manifest vouches for whole, and whether the refresh
/// that started from the manifest kept it.
#[derive(Debug)]
struct Group {
    number: u64,
    files: FileList,
    kept: AtomicBool,
}

impl Clone for Group {
    fn clone(&self) -> Group {
        Group {
            number: self.number,
            files: self.files.clone(),
            kept: AtomicBool::new(self.kept.load(Ordering::Relaxed)),
        }
    }
}

/// The key of a list of files among a manifest's groups: the address of
/// its shared allocation, which the manifest holds while the group is in
/// it, so that no other list can have it meanwhile.
fn address(files: &FileList) -> usize {
    Arc::as_ptr(files) as *const String as usize
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
    /// The lists of files kept whole that the previous manifest did not
    /// know as groups, each found listed file by file: groups from now on.
    verified: Mutex<Vec<FileList>>,
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
            verified: Mutex::new(Vec::new()),
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
    /// documentation). A list the manifest knows as a group is kept with
    /// one look-up; another is looked up file by file, and becomes a group.
    pub fn keep_all(&self, files: &FileList) -> bool {
        let Some(previous) = self.previous.as_ref() else {
            return false;
        };
        match previous.groups.get(&address(files)) {
            Some(group) if Arc::ptr_eq(&group.files, files) => {
                group.kept.store(true, Ordering::Relaxed);
            }
            _ => {
                if !files.iter().all(|rel| previous.files.contains_key(rel)) {
                    return false;
                }
                self.verified
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(files.clone());
            }
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
        let verified = self
            .verified
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let (removed, mut manifest) = match self.previous {
            // The previous manifest becomes the new one, less the files
            // this build neither made nor kept, which are removed.
            Some(previous) => {
                let (gone, manifest) = carry_over(previous, &now, &verified);
                (remove_files(&self.dir, &gone)?, manifest)
            }
            None => (remove_unlisted(&self.dir, &now)?, Manifest::default()),
        };
        manifest.files.reserve(now.len());
        for (rel, stamp) in now {
            match manifest.files.get_mut(&rel) {
                Some(listed) => listed.stamp = stamp,
                None => {
                    manifest.loose.insert(rel.clone());
                    manifest.files.insert(rel, Listed { stamp, group: 0 });
                }
            }
        }
        manifest.group(verified);
        let files = &manifest.files;
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
        // Files behind a replaced link are not in the folder, whatever the
        // manifest says: the next refresh looks at everything.
        manifest.folder = identity(&self.dir).filter(|_| done.unlinked == 0);
        Ok((done, manifest))
    }
}

/// The previous manifest, less the files this refresh neither made (`now`)
/// nor kept (in a group kept, or in a list `verified` file by file), which
/// it returns to be removed. Only the files of the groups not kept and
/// those in no group are looked at.
fn carry_over(
    previous: Manifest,
    now: &HashMap<String, Stamp>,
    verified: &[FileList],
) -> (Vec<String>, Manifest) {
    let Manifest {
        mut files,
        groups,
        loose,
        last_group,
        folder,
    } = previous;
    let mut kept = HashMap::with_capacity(groups.len());
    let mut live = HashSet::with_capacity(groups.len());
    let mut maybe_gone: Vec<String> = loose.into_iter().collect();
    for (at, mut group) in groups {
        if std::mem::take(group.kept.get_mut()) {
            live.insert(group.number);
            kept.insert(at, group);
        } else {
            maybe_gone.extend(group.files.iter().cloned());
        }
    }
    let verified: HashSet<&str> = verified
        .iter()
        .flat_map(|list| list.iter().map(String::as_str))
        .collect();
    let mut loose = HashSet::new();
    let mut gone = Vec::new();
    for rel in maybe_gone {
        let Some(listed) = files.get(&rel) else {
            continue;
        };
        if live.contains(&listed.group) {
            // In a group kept: stays, and is in a group.
            continue;
        }
        if now.contains_key(&rel) || verified.contains(rel.as_str()) {
            loose.insert(rel);
        } else {
            files.remove(&rel);
            gone.push(rel);
        }
    }
    let manifest = Manifest {
        files,
        groups: kept,
        loose,
        last_group,
        folder,
    };
    (gone, manifest)
}

impl Manifest {
    /// Makes groups of the lists of files kept whole that were checked
    /// file by file, each unless it shares a file with a group: groups
    /// share no file, so that keeping one keeps only its own files.
    fn group(&mut self, verified: Vec<FileList>) {
        let mut live: HashSet<u64> = self.groups.values().map(|g| g.number).collect();
        for files in verified {
            let at = address(&files);
            let free = !self.groups.contains_key(&at)
                && files.iter().all(|rel| {
                    self.files
                        .get(rel)
                        .is_some_and(|listed| !live.contains(&listed.group))
                });
            if !free {
                continue;
            }
            self.last_group += 1;
            let number = self.last_group;
            for rel in files.iter() {
                if let Some(listed) = self.files.get_mut(rel) {
                    listed.group = number;
                }
                self.loose.remove(rel);
            }
            live.insert(number);
            self.groups.insert(
                at,
                Group {
                    number,
                    files,
                    kept: AtomicBool::new(false),
                },
            );
        }
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
    fn keep_all(&self, files: &FileList) -> bool {
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
