//! Which folders minhbach may write into, replace and remove files from.
//!
//! A build replaces its output folder whole, and a preview rebuild removes
//! the files it no longer makes; pointed at the wrong folder, either would
//! destroy the author's own work. So both first [`claim`] the folder, and
//! the claim holds only for a folder that is missing, empty, or a site that
//! minhbach made: one that holds the [`MARKER`] file, every other file in
//! it being one the marker lists. The output may also never be, contain or
//! lie inside the content, the source register or the templates.
//!
//! The marker is written into every site, last, with a list of the files
//! the build wrote (each as a 64-bit hash of its path, so that the list of a
//! national site's 125,000 files takes 2 MB, not 14): it is what lets the
//! next build tell its own files from a file the publisher put there by
//! hand (a `CNAME`, a copy of a report), which is never removed: the build
//! is refused instead, naming it.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{say, Text};

/// The file at the root of every site minhbach makes.
pub const MARKER: &str = ".minhbach-site";

/// The marker's first line.
const MAGIC: &str = "minhbach site";

/// How many names a refusal lists before it only counts.
const NAMED: usize = 5;

/// The largest marker read: a list of paths, so this allows sites of
/// millions of files, and nothing read grows without bound.
const MARKER_LIMIT: u64 = 512 << 20;

/// Why a folder may not be written into. Nothing was touched.
#[derive(Debug)]
pub enum Refusal {
    /// The output would be, hold, or sit inside an input folder.
    Input {
        out: PathBuf,
        /// "content", "source register" or "templates".
        role: &'static str,
        input: PathBuf,
        how: Overlap,
    },
    /// The output exists and is not a folder (a file, or a link).
    NotAFolder { out: PathBuf, what: &'static str },
    /// The output is a folder with files but no marker.
    Foreign {
        out: PathBuf,
        names: Vec<String>,
        count: usize,
    },
    /// The output is a site minhbach made, but holds files the marker does
    /// not list: put there by someone else.
    Unlisted {
        out: PathBuf,
        names: Vec<String>,
        count: usize,
    },
    /// The marker exists but is not one minhbach wrote.
    BadMarker { out: PathBuf, why: Text },
    /// The folder could not be looked at.
    Io { out: PathBuf, error: io::Error },
}

/// How the output and an input folder overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    Same,
    /// The output is a parent of the input.
    Holds,
    /// The output is inside the input.
    Inside,
}

impl Refusal {
    /// Why the folder may not be written into, in every language.
    pub fn said(&self) -> Text {
        match self {
            Refusal::Input {
                out,
                role,
                input,
                how,
            } => {
                let (how_en, how_vi) = match how {
                    Overlap::Same => ("that is", "đó chính là"),
                    Overlap::Holds => ("it holds", "thư mục này chứa"),
                    Overlap::Inside => ("it is inside", "thư mục này nằm trong"),
                };
                let role_vi = match *role {
                    "content" => "nội dung",
                    "source register" => "sổ nguồn",
                    "templates" => "mẫu giao diện",
                    other => other,
                };
                say!(
                    en: "refusing to write the site into `{out}`: {how_en} the {role_en} folder `{input}`; the output folder is replaced whole, so it must be a folder of its own (for example --out site)",
                    vi: "không ghi trang vào `{out}`: {how_vi} thư mục {role_vi} `{input}`; thư mục đầu ra được thay thế toàn bộ, nên phải là một thư mục riêng (ví dụ --out site)",
                    out = out.display(),
                    role_en = role,
                    input = input.display()
                )
            }
            Refusal::NotAFolder { out, what } => {
                let what_vi = match *what {
                    "a symbolic link" => "một liên kết tượng trưng (symbolic link)",
                    "a file" => "một tệp",
                    other => other,
                };
                say!(
                    en: "refusing to write the site into `{out}`: it is {what_en}, not a folder; remove it or choose another --out",
                    vi: "không ghi trang vào `{out}`: đây là {what_vi}, không phải thư mục; hãy xóa nó hoặc chọn --out khác",
                    out = out.display(),
                    what_en = what
                )
            }
            Refusal::Foreign { out, names, count } => say!(
                en: "refusing to write the site into `{out}`: it holds {n_en} that minhbach did not make ({listing_en}); the output folder is replaced whole, so minhbach writes only into a folder that is empty, missing, or a site it built (with a {MARKER} file). Choose another --out, or, if this is a site from an older minhbach, remove the folder yourself",
                vi: "không ghi trang vào `{out}`: thư mục này chứa {count_vi} tệp hoặc thư mục không do minhbach tạo ra ({listing_vi}); thư mục đầu ra được thay thế toàn bộ, nên minhbach chỉ ghi vào thư mục trống, chưa có, hoặc là trang do minhbach dựng (có tệp {MARKER}). Hãy chọn --out khác, hoặc nếu đây là trang do phiên bản minhbach cũ dựng, hãy tự xóa thư mục này",
                out = out.display(),
                n_en = plural(*count),
                count_vi = count,
                listing_en = listing(names, *count, "and {} more"),
                listing_vi = listing(names, *count, "và {} mục khác")
            ),
            Refusal::Unlisted { out, names, count } => say!(
                en: "refusing to replace `{out}`: it holds {n_en} that minhbach did not make ({listing_en}), which the build would remove; move {them_en} out of the folder and build again (the folder is replaced whole on every build: copy files to publish beside the site into it after the build)",
                vi: "không thay thế `{out}`: thư mục này chứa {count_vi} tệp hoặc thư mục không do minhbach tạo ra ({listing_vi}), sẽ bị xóa khi dựng trang; hãy chuyển chúng ra khỏi thư mục rồi dựng lại (thư mục được thay thế toàn bộ mỗi lần dựng: các tệp cần đăng kèm trang hãy sao chép vào sau khi dựng xong)",
                out = out.display(),
                n_en = plural(*count),
                count_vi = count,
                listing_en = listing(names, *count, "and {} more"),
                listing_vi = listing(names, *count, "và {} mục khác"),
                them_en = if *count == 1 { "it" } else { "them" }
            ),
            Refusal::BadMarker { out, why } => say!(
                en: "refusing to write the site into `{out}`: its {MARKER} file {why_en}; remove the folder yourself if it is a site minhbach built",
                vi: "không ghi trang vào `{out}`: tệp {MARKER} của thư mục {why_vi}; nếu đây là trang do minhbach dựng, hãy tự xóa thư mục này",
                out = out.display(),
                why_en = why.en(),
                why_vi = why.vi()
            ),
            Refusal::Io { out, error } => say!(
                en: "cannot look at the folder {out}: {error}",
                vi: "không xem được thư mục {out}: {error}",
                out = out.display()
            ),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.said().en())
    }
}

impl std::error::Error for Refusal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Refusal::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 file or folder".to_owned()
    } else {
        format!("{n} files or folders")
    }
}

/// The names, and how many more there are in words such as "and {} more".
fn listing(names: &[String], count: usize, more: &str) -> String {
    let mut s = names.join(", ");
    if count > names.len() {
        s.push(' ');
        s.push_str(&more.replace("{}", &(count - names.len()).to_string()));
    }
    s
}

/// A folder that may be written into: what it holds now.
#[derive(Debug)]
pub struct Claim {
    out: PathBuf,
    held: Held,
}

#[derive(Debug)]
enum Held {
    /// Missing, or empty.
    Nothing,
    /// A site minhbach made, with the hashes of the paths its marker lists.
    Site(HashSet<u64>),
}

/// The input folders an output must stay clear of, each with its role
/// ("content", "source register", "templates").
pub type Inputs = [(&'static str, PathBuf)];

/// Claims `out` as the output folder, or says why it may not be: it is, holds
/// or sits inside one of `inputs`, or it is neither missing, nor empty, nor
/// a site minhbach made. Reads only the folder's first entry and its marker,
/// so it is quick whatever the folder holds; [`Claim::verify`] then looks at
/// every file, just before any is replaced or removed.
pub fn claim(out: &Path, inputs: &Inputs) -> Result<Claim, Refusal> {
    let io = |error| Refusal::Io {
        out: out.to_owned(),
        error,
    };
    refuse_overlap(out, &resolve(out).map_err(io)?, inputs)?;
    let claim = |held| Claim {
        out: out.to_owned(),
        held,
    };
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(claim(Held::Nothing)),
        Err(e) => return Err(io(e)),
    };
    if !meta.is_dir() {
        let what = if meta.file_type().is_symlink() {
            "a symbolic link"
        } else {
            "a file"
        };
        return Err(Refusal::NotAFolder {
            out: out.to_owned(),
            what,
        });
    }
    let marker = out.join(MARKER);
    match fs::symlink_metadata(&marker) {
        Ok(m) if m.is_file() => {
            let files = read_marker(&marker).map_err(|why| Refusal::BadMarker {
                out: out.to_owned(),
                why,
            })?;
            Ok(claim(Held::Site(files)))
        }
        Ok(_) => Err(Refusal::BadMarker {
            out: out.to_owned(),
            why: say!(
                en: "is not a regular file",
                vi: "không phải là tệp thông thường"
            ),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            refuse_foreign(out)?;
            Ok(claim(Held::Nothing))
        }
        Err(e) => Err(io(e)),
    }
}

/// Refuses an output folder (resolved to `resolved`) that is an input,
/// holds one or is inside one.
fn refuse_overlap(out: &Path, resolved: &Path, inputs: &Inputs) -> Result<(), Refusal> {
    for (role, input) in inputs {
        let Ok(input_resolved) = resolve(input) else {
            continue;
        };
        let how = if resolved == input_resolved {
            Overlap::Same
        } else if input_resolved.starts_with(resolved) {
            Overlap::Holds
        } else if resolved.starts_with(&input_resolved) {
            Overlap::Inside
        } else {
            continue;
        };
        return Err(Refusal::Input {
            out: out.to_owned(),
            role,
            input: input.clone(),
            how,
        });
    }
    Ok(())
}

/// Refuses a folder without minhbach's marker that holds anything: its
/// files are someone else's. Names the first few of them.
fn refuse_foreign(out: &Path) -> Result<(), Refusal> {
    let io = |error| Refusal::Io {
        out: out.to_owned(),
        error,
    };
    let mut names = Vec::new();
    let mut count = 0;
    for entry in fs::read_dir(out).map_err(io)? {
        let entry = entry.map_err(io)?;
        count += 1;
        if names.len() < NAMED {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    if count == 0 {
        return Ok(());
    }
    names.sort();
    Err(Refusal::Foreign {
        out: out.to_owned(),
        names,
        count,
    })
}

impl Claim {
    /// Checks that the folder still holds only what minhbach made: nothing,
    /// or the files its marker lists (some may be gone) and the folders
    /// they are in. Called just before the folder is replaced or files in
    /// it are removed.
    pub fn verify(&self) -> Result<(), Refusal> {
        let io = |error| Refusal::Io {
            out: self.out.clone(),
            error,
        };
        let listed = match &self.held {
            Held::Nothing => {
                return match fs::read_dir(&self.out) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                    Err(e) => Err(io(e)),
                    // Claimed empty: anything in it now came since.
                    Ok(entries) => self.refuse_unlisted(
                        entries
                            .flatten()
                            .map(|e| e.file_name().to_string_lossy().into_owned()),
                    ),
                };
            }
            Held::Site(listed) => listed,
        };
        let mut strangers = Vec::new();
        // Contents first, so that a folder is known empty when it is reached.
        let walk = walkdir::WalkDir::new(&self.out)
            .min_depth(1)
            .contents_first(true);
        for entry in walk {
            let entry = entry.map_err(|e| io(io::Error::other(e)))?;
            let rel = entry
                .path()
                .strip_prefix(&self.out)
                .map_err(|e| io(io::Error::other(e)))?
                .to_string_lossy()
                .replace(std::path::MAIN_SEPARATOR, "/");
            let t = entry.file_type();
            let ours = if t.is_dir() {
                // A build makes no empty folder.
                fs::read_dir(entry.path()).map_err(io)?.next().is_some()
            } else if t.is_file() {
                rel == MARKER || listed.contains(&path_hash(&rel))
            } else {
                false // links, pipes, devices: never written by a build
            };
            if !ours {
                strangers.push(rel);
            }
        }
        self.refuse_unlisted(strangers.into_iter())
    }

    fn refuse_unlisted(&self, found: impl Iterator<Item = String>) -> Result<(), Refusal> {
        let mut names: Vec<String> = found.collect();
        if names.is_empty() {
            return Ok(());
        }
        names.sort();
        let count = names.len();
        names.truncate(NAMED);
        Err(Refusal::Unlisted {
            out: self.out.clone(),
            names,
            count,
        })
    }

    /// The folder claimed.
    pub fn path(&self) -> &Path {
        &self.out
    }

    /// Whether the folder already holds a site minhbach made.
    #[cfg(test)]
    pub fn holds_a_site(&self) -> bool {
        matches!(self.held, Held::Site(_))
    }
}

/// Whether `dir` is a folder minhbach made: it holds a marker. Used before
/// removing leftovers of killed builds, so that a folder that only happens
/// to have a leftover's name is never removed.
pub fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// The hash by which the marker lists a file: 64-bit FNV-1a of its
/// `/`-separated site path in UTF-8, a function fixed for good, so that any
/// version of minhbach reads any version's marker.
pub fn path_hash(rel: &str) -> u64 {
    rel.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The marker's bytes for a site of `files` (site paths, in any order).
pub fn marker(files: &mut [&str]) -> Vec<u8> {
    let mut hashes: Vec<u64> = files.iter().map(|f| path_hash(f)).collect();
    hashes.sort_unstable();
    hashes.dedup();
    let mut out = String::with_capacity(hashes.len() * 17 + 400);
    out.push_str(MAGIC);
    out.push_str(
        "\n# This folder is a site built by minhbach. `minhbach build` replaces it whole\n\
         # and `minhbach serve` updates it; both refuse a folder that holds files not\n\
         # listed here, so that they never remove a file they did not make.\n\
         # The files of the site, one a line, each as the 64-bit FNV-1a hash (in hex)\n\
         # of its /-separated path in UTF-8:\n",
    );
    for h in hashes {
        use std::fmt::Write as _;
        let _ = writeln!(out, "{h:016x}");
    }
    out.into_bytes()
}

/// The hashes of the files a marker lists, or why it is not a marker.
fn read_marker(path: &Path) -> Result<HashSet<u64>, Text> {
    let unread = |e: io::Error| say!(en: "cannot be read ({e})", vi: "không đọc được ({e})");
    let file = fs::File::open(path).map_err(unread)?;
    let mut text = String::new();
    file.take(MARKER_LIMIT + 1)
        .read_to_string(&mut text)
        .map_err(unread)?;
    if text.len() as u64 > MARKER_LIMIT {
        return Err(say!(
            en: "is larger than {MARKER_LIMIT} bytes",
            vi: "lớn hơn {MARKER_LIMIT} byte"
        ));
    }
    let mut lines = text.lines();
    if lines.next() != Some(MAGIC) {
        return Err(say!(
            en: "does not start with the line `{MAGIC}`",
            vi: "không bắt đầu bằng dòng `{MAGIC}`"
        ));
    }
    lines
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            u64::from_str_radix(l, 16).map_err(|_| {
                say!(
                    en: "has `{text}` on line {line}, not a hash",
                    vi: "có `{text}` ở dòng {line}, không phải là mã băm",
                    text = l.escape_debug(),
                    line = i + 2
                )
            })
        })
        .collect()
}

/// `path` made absolute, with links resolved as far as it exists and `.`
/// and `..` folded in the rest, so that two names of one folder compare
/// equal.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()?.join(path)
    };
    // The longest part that exists, resolved by the file system.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        match fs::canonicalize(existing) {
            Ok(p) => break p,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => break existing.to_owned(),
            },
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        for c in Path::new(part).components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
