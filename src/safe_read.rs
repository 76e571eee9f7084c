//! Reading one file safely: a regular file only (a symbolic link is never
//! followed; a pipe, device or folder is never read, as reading one can
//! block for ever), and never more than a size limit. Shared by the loader
//! and the diagnostics report, which shows a file's lines only as the
//! loader would read it. A leaf: it depends on nothing in the crate.

use std::path::Path;

/// The largest content file read by default, in bytes.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub enum NotRead {
    /// A symbolic link: never followed.
    Link,
    /// A pipe, device, socket or folder: reading one can block for ever or
    /// never end.
    NotAFile,
    /// Over the size limit; the length seen.
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads the regular file at `abs`, at most `max` bytes: a symbolic link
/// is not followed, and a pipe, device or file over `max` is not read. The
/// file is opened without following a link and without waiting for a
/// writer, and checked again once open, so that it cannot be swapped for a
/// link or a pipe between the check and the read.
pub fn read_regular(abs: &Path, max: u64) -> Result<Vec<u8>, NotRead> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(abs).map_err(NotRead::Io)?;
    if meta.file_type().is_symlink() {
        return Err(NotRead::Link);
    }
    if !meta.is_file() {
        return Err(NotRead::NotAFile);
    }
    if meta.len() > max {
        return Err(NotRead::TooLarge(meta.len()));
    }
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        open.custom_flags(flags.bits() as i32);
    }
    let file = open.open(abs).map_err(|e| {
        if std::fs::symlink_metadata(abs).is_ok_and(|m| m.file_type().is_symlink()) {
            NotRead::Link
        } else {
            NotRead::Io(e)
        }
    })?;
    let meta = file.metadata().map_err(NotRead::Io)?;
    if !meta.is_file() {
        return Err(NotRead::NotAFile);
    }
    if meta.len() > max {
        return Err(NotRead::TooLarge(meta.len()));
    }
    // At most one byte past the limit, in case the file grew since.
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(NotRead::Io)?;
    if bytes.len() as u64 > max {
        return Err(NotRead::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}
