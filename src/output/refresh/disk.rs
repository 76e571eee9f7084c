//! The steps a refresh takes on disk, none of which follows a symbolic
//! link: replacing a file atomically, making a real folder, removing files
//! and the folders they leave empty, and telling one folder from another.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

use super::Stamp;
use crate::output::{safe_rel, MARKER};

/// Removes the files at `rels` (those already gone are fine), and the
/// folders they leave empty. Returns how many files.
pub(super) fn remove_files(dir: &Path, rels: &[String]) -> io::Result<usize> {
    let mut removed = 0;
    for rel in rels {
        let rel = safe_rel(rel)?;
        if behind_link(dir, rel) {
            // Not in this folder: not to be removed.
            continue;
        }
        let path = dir.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        // Only succeeds while empty, which is what is wanted.
        let mut parent = path.parent();
        while let Some(p) = parent.filter(|p| *p != dir) {
            if fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
    }
    Ok(removed)
}

/// Whether a folder on the way to `rel` in `dir` is a symbolic link.
fn behind_link(dir: &Path, rel: &Path) -> bool {
    let mut at = dir.to_owned();
    let Some(parent) = rel.parent() else {
        return false;
    };
    parent.components().any(|part| {
        at.push(part);
        fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
    })
}

/// Makes a folder, also when another writer just made it.
pub(super) fn make_folder(at: &Path) -> io::Result<()> {
    match fs::create_dir(at) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && at.is_dir() => Ok(()),
        r => r,
    }
}

/// Removes every file in `dir` that is not in `now` (left by another
/// build, or by a rebuild killed half way), and the folders left empty.
/// Returns how many files.
pub(super) fn remove_unlisted(dir: &Path, now: &HashMap<String, Stamp>) -> io::Result<usize> {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            // Only succeeds when empty, which is what is wanted.
            let _ = fs::remove_dir(path);
            continue;
        }
        let rel = path.strip_prefix(dir).map_err(io::Error::other)?;
        let rel = rel
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        if !now.contains_key(rel.as_str()) && rel != MARKER {
            fs::remove_file(path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The folder's identity on disk (device and inode), which changes when
/// another folder is moved in at its path; `None` where it cannot be known,
/// and then every refresh checks the folder.
pub(super) fn identity(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Whether `path` is a file of `len` bytes: what a refresh trusts, with the
/// manifest's hash, to mean a file is still as it left it.
/// A symbolic link is not: it is replaced, never read through.
pub(super) fn on_disk(path: &Path, len: u64) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == len)
}

/// Replaces `path` atomically: a reader sees the old file or the new one,
/// never half of one. Its folder is real ([`Refresh::real_folders`]); a
/// symbolic link at `path` is replaced, not written through, and so is one
/// at the temporary name beside it.
pub(super) fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(path)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.minhbach-tmp"));
    match fs::remove_file(&tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    // A new file: never one that appeared at that name meanwhile, nor
    // what a link there points to.
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| io::Write::write_all(&mut f, bytes));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}
