//! Writing the site atomically. A build writes into a fresh staging folder
//! beside the output (same file system, so renames are atomic) and swaps it
//! in only when everything succeeded. A failed or killed build leaves the
//! previous site untouched; its leftovers are removed by the next build.
//!
//! Nothing is written, replaced or removed before the output folder is
//! claimed ([`ownership`]): a folder minhbach did not make is never touched.

pub mod hosts;
pub mod ownership;
mod refresh;

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub use ownership::{claim, Claim, Refusal, MARKER};
pub use refresh::{Manifest, Refresh, Refreshed};

/// The files of a part of the site, as the renderer records them from one
/// rebuild to the next (see [`Sink::keep_all`]).
pub type FileList = std::sync::Arc<[String]>;

/// Where a build writes its files: a fresh [`Staging`] folder for a full
/// build, or an existing folder updated in place by [`Refresh`].
pub trait Sink: Sync {
    /// Writes `bytes` at `rel`, a `/`-separated path inside the site.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// For outputs that are slow to make (PNG images): whether `rel`
    /// already holds what was made from inputs that hash to `key`, in which
    /// case the file is kept as it is and need not be made again. A fresh
    /// build has nothing to keep.
    fn keep(&self, _rel: &str, _key: u64) -> bool {
        false
    }

    /// Writes `bytes`, made from inputs that hash to `key`, at `rel`.
    fn write_keyed(&self, rel: &str, _key: u64, bytes: &[u8]) -> io::Result<()> {
        self.write(rel, bytes)
    }

    /// For files the renderer knows to be right if they are still there
    /// (a whole part of the site it made last time from the same inputs):
    /// whether the last build left every one of `files` in the folder, as
    /// far as this output can vouch. Then they are kept as they are and
    /// need not be made again. A fresh build has nothing to keep. The
    /// renderer hands over the same list (the same allocation) for as long
    /// as the part is kept, so that an output can know it again without
    /// looking at each file.
    fn keep_all(&self, _files: &FileList) -> bool {
        false
    }

    /// Whether this output keeps files from one build to the next (see
    /// [`Sink::keep_all`]), so that the renderer records what it makes for
    /// a later rebuild; a full build does not, and so spends no time
    /// computing what parts are made from.
    fn reuses(&self) -> bool {
        false
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }
}

/// The prefix of staging and retired folders beside the output.
fn temp_prefix(out: &Path) -> String {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".to_owned());
    format!(".{name}.minhbach-")
}

/// A staging folder that becomes the output on [`Staging::commit`].
pub struct Staging {
    claim: Claim,
    out: PathBuf,
    dir: PathBuf,
    /// Every file written, for the marker.
    written: Mutex<Vec<String>>,
    /// How many files and bytes were written, for the hosts' limits.
    size: Mutex<hosts::SiteSize>,
    /// The marker file, open and locked (on Linux) for as long as the build
    /// runs: another build removes a staging folder only once this lock is
    /// free, so a process id used again by the system is not taken for a
    /// build still running.
    _lock: Option<fs::File>,
    /// Whether dropping removes `dir` (false once it became the output).
    armed: bool,
}

/// Why a staging folder could not be made or swapped in.
#[derive(Debug)]
pub enum CommitError {
    /// The output folder holds files minhbach did not make.
    Refused(Refusal),
    Io(io::Error),
}

impl std::fmt::Display for CommitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommitError::Refused(r) => r.fmt(f),
            CommitError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CommitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CommitError::Refused(r) => Some(r),
            CommitError::Io(e) => Some(e),
        }
    }
}

impl From<io::Error> for CommitError {
    fn from(e: io::Error) -> Self {
        CommitError::Io(e)
    }
}

impl Staging {
    /// Creates the staging folder beside the claimed output, after removing
    /// leftovers of builds that were killed before they could clean up.
    pub fn new(claim: Claim) -> io::Result<Staging> {
        let out = absolute(claim.path())?;
        let parent = out
            .parent()
            .map(Path::to_owned)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent)?;
        clean_leftovers(&out);
        let dir = parent.join(format!(
            "{}{}-staging",
            temp_prefix(&out),
            std::process::id()
        ));
        // A leftover of a killed build whose process id this one now has;
        // a folder of that name without the marker is not minhbach's, and
        // `create_dir` then fails rather than touch it.
        if ownership::is_marked(&dir) {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        // Marked and locked at once, so that if this build is killed, the
        // next one knows the folder for its own leftover.
        let lock = mark_and_lock(&dir)?;
        Ok(Staging {
            claim,
            out,
            dir,
            written: Mutex::new(Vec::new()),
            size: Mutex::default(),
            _lock: Some(lock),
            armed: true,
        })
    }

    /// Writes `bytes` at `rel` (a `/`-separated path inside the site).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path_of(rel)?;
        if rel == MARKER {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{MARKER} is the site's own marker"),
            ));
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(rel.to_owned());
        self.size
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .add(rel, bytes.len() as u64);
        Ok(())
    }

    /// The files written so far and their bytes (the site's marker, a few
    /// hundred bytes written on commit, left out).
    pub fn size(&self) -> hosts::SiteSize {
        self.size.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The absolute path of `rel`, refusing anything that would leave the
    /// staging folder or is not plain ASCII.
    pub fn path_of(&self, rel: &str) -> io::Result<PathBuf> {
        safe_rel(rel).map(|r| self.dir.join(r))
    }

    /// Replaces the output with the staging folder.
    ///
    /// On Linux the two folders are exchanged in one `renameat2` call with
    /// `RENAME_EXCHANGE`, so at every instant the output path holds either
    /// the complete previous site or the complete new one, whatever moment
    /// the process is killed at. Elsewhere (or on a file system that cannot
    /// exchange) the previous site is first renamed aside and the staging
    /// folder renamed in: a build killed between those two renames leaves no
    /// output for a moment, and the next build puts the previous site back
    /// (see [`clean_leftovers`]).
    ///
    /// Before anything is replaced, the output is checked again, file by
    /// file ([`Claim::verify`]): a file put there by hand is never removed,
    /// and the build is refused instead.
    pub fn commit(self) -> Result<(), CommitError> {
        {
            let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            let mut files: Vec<&str> = written.iter().map(String::as_str).collect();
            fs::write(self.dir.join(MARKER), ownership::marker(&mut files))?;
        }
        self.claim.verify().map_err(CommitError::Refused)?;
        match fs::symlink_metadata(&self.out) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(CommitError::Io(io::Error::other(format!(
                    "{} exists and is not a folder; refusing to replace it",
                    self.out.display()
                ))))
            }
            // The first build: one rename, atomic by itself.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::rename(&self.dir, &self.out)?;
                let mut done = self;
                done.armed = false;
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        }
        if exchange(&self.dir, &self.out)? {
            // The staging path now holds the previous site, checked above;
            // dropping the staging removes it.
            return Ok(());
        }
        Ok(self.commit_by_two_renames()?)
    }

    /// The portable swap: previous site aside, new site in, previous removed.
    fn commit_by_two_renames(mut self) -> io::Result<()> {
        let retired = self.out.with_file_name(format!(
            "{}{}-old",
            temp_prefix(&self.out),
            std::process::id()
        ));
        fs::rename(&self.out, &retired)?;
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&retired, &self.out);
            return Err(e);
        }
        self.armed = false;
        let _ = remove_marked(&retired);
        Ok(())
    }
}

/// Exchanges two folders atomically. `Ok(false)` when the platform or the
/// file system cannot, so that the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Kernels before 3.15 and file systems without the flag.
        Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

impl Drop for Staging {
    /// A build that failed removes its staging folder.
    fn drop(&mut self) {
        if self.armed {
            let _ = remove_marked(&self.dir);
        }
    }
}

/// Removes staging and retired folders left by killed builds (they are
/// named `.<out>.minhbach-<pid>-staging` and `-old`, beside the output).
/// A retired folder while the output is missing is the previous site of a
/// build killed between its two renames: it is put back. Folders of a build
/// still running (its process is alive) are left alone.
fn clean_leftovers(out: &Path) {
    let Some(parent) = out.parent() else { return };
    let prefix = temp_prefix(out);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let staging = rest.ends_with("-staging");
        let mine = pid == std::process::id();
        if !mine && process_alive(pid) {
            // The process id may have been given to another program since
            // the build was killed: a staging folder whose marker nobody
            // holds locked is a leftover all the same.
            if !(staging && ownership::is_marked(&e.path()) && !locked(&e.path().join(MARKER))) {
                continue; // another build is running right now
            }
        }
        if !ownership::is_marked(&e.path()) {
            // A build killed between making its staging folder and marking
            // it leaves the folder empty; anything else is not minhbach's,
            // whatever its name.
            if staging && !mine {
                let _ = fs::remove_dir(e.path()); // only if empty
            }
            continue;
        }
        if rest.ends_with("-old") && fs::symlink_metadata(out).is_err() {
            let _ = fs::rename(e.path(), out);
        } else {
            let _ = remove_marked(&e.path());
        }
    }
}

/// Removes a folder minhbach made, its marker last: a build killed while
/// removing it (the previous site, after the swap) leaves a folder that
/// the next build still knows for its own and removes, where removing it
/// in any order could take the marker first and leave the rest for good.
fn remove_marked(dir: &Path) -> io::Result<()> {
    remove_all_but_the_marker(dir)?;
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// The first step of [`remove_marked`]: everything in `dir` but its marker.
fn remove_all_but_the_marker(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        // Never through a link: a link is removed, not what it points to.
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Creates the marker of an empty staging folder and, on Linux, holds it
/// locked (`flock`, released by the system when the process ends, however
/// it ends).
fn mark_and_lock(dir: &Path) -> io::Result<fs::File> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(dir.join(MARKER))?;
    #[cfg(target_os = "linux")]
    rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive)?;
    file.write_all(&ownership::marker(&mut []))?;
    Ok(file)
}

/// Whether another process holds the marker `path` locked (a build still
/// running). Where locks cannot be tested, every marker is taken to be
/// held, so nothing of another build is removed.
fn locked(path: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{flock, FlockOperation};
        let Ok(file) = fs::File::open(path) else {
            return true;
        };
        // Taken and let go at once when free; closing the file releases it.
        flock(&file, FlockOperation::NonBlockingLockExclusive).is_err()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        true
    }
}

/// Whether a process with this id is running (on Linux; elsewhere every
/// process is taken to be, so nothing of another is removed).
pub(crate) fn process_alive(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new(&format!("/proc/{pid}")).exists()
}

fn absolute(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_owned())
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}

/// Checks that a site path is relative, stays inside, and is ASCII.
pub fn safe_rel(rel: &str) -> io::Result<&Path> {
    let path = Path::new(rel);
    let ok = !rel.is_empty()
        && rel.is_ascii()
        && !rel.contains('\0')
        && !rel.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(path)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the site: {rel:?}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escaping_paths() {
        assert!(safe_rel("a/b.html").is_ok());
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../x",
            "",
            "a\0b",
            "é.html",
            "a\\b",
        ] {
            assert!(safe_rel(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn commit_replaces_and_failure_keeps() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let s = Staging::new(claim(&out, &[]).unwrap()).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        {
            let s = Staging::new(claim(&out, &[]).unwrap()).unwrap();
            s.write("a/index.html", b"two").unwrap();
            // dropped without commit: a failed build
        }
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        let leftovers = fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(leftovers, 1);
        let s = Staging::new(claim(&out, &[]).unwrap()).unwrap();
        s.write("b.html", b"three").unwrap();
        s.commit().unwrap();
        assert!(
            !out.join("a").exists(),
            "the new site replaces the old one whole"
        );
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"three");
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "the previous site is removed"
        );
    }

    #[test]
    fn portable_swap_replaces_too() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("old.html"), b"old").unwrap();
        fs::write(out.join(MARKER), ownership::marker(&mut ["old.html"])).unwrap();
        let s = Staging::new(claim(&out, &[]).unwrap()).unwrap();
        s.write("new.html", b"new").unwrap();
        s.commit_by_two_renames().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read(out.join("new.html")).unwrap(), b"new");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    /// A build killed between the two renames of the portable swap leaves
    /// the previous site renamed aside and the new one in staging; the next
    /// build puts the previous one back before doing anything else.
    #[test]
    fn a_kill_between_the_two_renames_is_repaired() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        // A pid that cannot be alive: above the kernel's pid_max limit.
        let dead = 4_194_400u32;
        let retired = tmp.path().join(format!(".site.minhbach-{dead}-old"));
        let staging = tmp.path().join(format!(".site.minhbach-{dead}-staging"));
        fs::create_dir_all(&retired).unwrap();
        fs::write(retired.join("index.html"), b"previous").unwrap();
        fs::write(retired.join(MARKER), ownership::marker(&mut ["index.html"])).unwrap();
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("index.html"), b"half").unwrap();
        fs::write(staging.join(MARKER), ownership::marker(&mut [])).unwrap();
        // A folder that only has a leftover's name is not minhbach's.
        let lookalike = tmp.path().join(format!(".site.minhbach-{dead}-staging2"));
        fs::create_dir_all(&lookalike).unwrap();
        fs::write(lookalike.join("notes.txt"), b"mine").unwrap();
        let s = Staging::new(claim(&out, &[]).unwrap()).unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"previous");
        assert!(!retired.exists() && !staging.exists());
        assert_eq!(fs::read(lookalike.join("notes.txt")).unwrap(), b"mine");
        drop(s);
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 2);
    }

    /// The process id of a killed build may be given to another program
    /// before the next build runs: a staging folder whose marker nobody
    /// holds locked is removed even so, and one still locked is left. A
    /// folder left empty by a build killed before it marked it is removed;
    /// one with a file in it is not minhbach's and stays.
    #[test]
    #[cfg(target_os = "linux")]
    fn leftovers_of_a_reused_process_id_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        // Process 1 is always running, as a reused id would be.
        let reused = tmp.path().join(".site.minhbach-1-staging");
        fs::create_dir_all(&reused).unwrap();
        fs::write(reused.join(MARKER), ownership::marker(&mut [])).unwrap();
        let running = tmp.path().join(format!(
            ".site.minhbach-{}-staging",
            std::os::unix::process::parent_id()
        ));
        fs::create_dir_all(&running).unwrap();
        let held = mark_and_lock(&running).unwrap();
        let dead = 4_194_400u32;
        let empty = tmp.path().join(format!(".site.minhbach-{dead}-staging"));
        fs::create_dir_all(&empty).unwrap();
        let unmarked = tmp
            .path()
            .join(format!(".site.minhbach-{}-staging", dead + 1));
        fs::create_dir_all(&unmarked).unwrap();
        fs::write(unmarked.join("notes.txt"), b"mine").unwrap();
        let s = Staging::new(claim(&out, &[]).unwrap()).unwrap();
        assert!(!reused.exists(), "an unlocked leftover is removed");
        assert!(!empty.exists(), "an empty leftover is removed");
        assert!(running.join(MARKER).exists(), "a running build is left");
        assert_eq!(fs::read(unmarked.join("notes.txt")).unwrap(), b"mine");
        drop((s, held));
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// A build killed while it removes the previous site (after the swap)
    /// leaves part of it, still marked: the marker goes last.
    #[test]
    fn the_marker_is_removed_last() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("x");
        fs::create_dir_all(dir.join("a/b")).unwrap();
        for f in ["a/b/c.html", "z.html", "0.html"] {
            fs::write(dir.join(f), b"x").unwrap();
        }
        fs::write(dir.join(MARKER), b"marker").unwrap();
        // Killed after the first step, the folder is still marked.
        remove_all_but_the_marker(&dir).unwrap();
        assert_eq!(names(&dir), [MARKER]);
        assert!(ownership::is_marked(&dir));
        remove_marked(&dir).unwrap();
        assert!(!dir.exists());
    }

    #[test]
    fn refuses_to_replace_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        fs::write(&out, b"not a folder").unwrap();
        assert!(matches!(claim(&out, &[]), Err(Refusal::NotAFolder { .. })));
        assert_eq!(fs::read(&out).unwrap(), b"not a folder");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
