//! Writing the site atomically. A build writes into a fresh staging folder
//! beside the output (same file system, so renames are atomic) and swaps it
//! in only when everything succeeded. A failed or killed build leaves the
//! previous site untouched; its leftovers are removed by the next build.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The prefix of staging and retired folders beside the output.
fn temp_prefix(out: &Path) -> String {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".to_owned());
    format!(".{name}.minhbach-")
}

/// A staging folder that becomes the output on [`Staging::commit`].
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

impl Staging {
    /// Creates the staging folder, after removing leftovers of builds that
    /// were killed before they could clean up.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let out = absolute(out)?;
        let parent = out.parent().map(Path::to_owned).unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent)?;
        let prefix = temp_prefix(&out);
        clean_leftovers(&parent, &prefix);
        let dir = parent.join(format!("{prefix}{}-staging", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        Ok(Staging { out, dir })
    }

    /// The folder files are written into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at `rel` (a `/`-separated path inside the site).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    }

    /// The absolute path of `rel`, refusing anything that would leave the
    /// staging folder or is not plain ASCII.
    pub fn path_of(&self, rel: &str) -> io::Result<PathBuf> {
        safe_rel(rel).map(|r| self.dir.join(r))
    }

    /// Replaces the output with the staging folder.
    pub fn commit(self) -> io::Result<()> {
        let parent = self.out.parent().map(Path::to_owned).unwrap_or_else(|| PathBuf::from("."));
        let retired = parent.join(format!("{}{}-old", temp_prefix(&self.out), std::process::id()));
        let had_old = match fs::symlink_metadata(&self.out) {
            Ok(m) if m.is_dir() => {
                fs::rename(&self.out, &retired)?;
                true
            }
            Ok(_) => {
                return Err(io::Error::other(format!(
                    "{} exists and is not a folder; refusing to replace it",
                    self.out.display()
                )))
            }
            Err(_) => false,
        };
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            // Put the previous site back before reporting.
            if had_old {
                let _ = fs::rename(&retired, &self.out);
            }
            return Err(e);
        }
        if had_old {
            let _ = fs::remove_dir_all(&retired);
        }
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that failed removes its staging folder.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Removes staging and retired folders left by killed builds. A retired
/// folder whose output is missing is the previous site: it is restored.
fn clean_leftovers(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(prefix) {
            let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
                continue;
            };
            if pid != std::process::id() && process_alive(pid) {
                continue; // another build is running right now
            }
            let out_name = prefix.trim_start_matches('.').trim_end_matches(".minhbach-");
            let out = parent.join(out_name);
            if rest.ends_with("-old") && !out.exists() {
                let _ = fs::rename(e.path(), &out);
            } else {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
}

fn process_alive(pid: u32) -> bool {
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
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to write outside the site: {rel:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escaping_paths() {
        assert!(safe_rel("a/b.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\0b", "é.html", "a\\b"] {
            assert!(safe_rel(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn commit_replaces_and_failure_keeps() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        {
            let s = Staging::new(&out).unwrap();
            s.write("a/index.html", b"two").unwrap();
            // dropped without commit: a failed build
        }
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        let leftovers = fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(leftovers, 1);
    }
}
