//! Reading the content folder: finds the files, reads them as UTF-8 (BOM
//! removed, text normalised to NFC so that Vietnamese typed on any keyboard
//! compares equal) and deserializes them into the raw, unvalidated structs
//! of [`raw`]. Problems become diagnostics; nothing here panics or stops at
//! the first bad file.

pub mod controls;
pub mod raw;
pub mod yaml;
pub mod yaml_error;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
/// The loader's reader, which templates and the watcher read with too.
pub use crate::safe_read::{read_regular, NotRead};
use raw::{RawIndicator, RawRegisterSource, RawSession, RawSite};

/// Limits that keep a hostile or mistaken input from exhausting memory or
/// time. YAML nesting and alias expansion have fixed limits of their own
/// ([`yaml::MAX_DEPTH`], [`yaml::MAX_ALIAS_EXPANSION`]).
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest content file read, in bytes.
    pub max_file_bytes: u64,
    /// The most results all sessions may hold together: each one becomes a
    /// chart per language, so this bounds the size of the build.
    pub max_results: usize,
}

/// The default of [`Limits::max_results`]. A result costs about 110 kB of
/// output (its chart in SVG and PNG per language, share card, embed, data
/// and its part of the pages: the national preset of `gen_corpus`, 15,075
/// results, writes 1.6 GB), so 25,000 results keep a site near 2.7 GB; the
/// old default of a million let 60 MB of content ask for 60 GB.
pub const DEFAULT_MAX_RESULTS: usize = 25_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: crate::safe_read::DEFAULT_MAX_FILE_BYTES,
            max_results: DEFAULT_MAX_RESULTS,
        }
    }
}

/// A file read from disk.
#[derive(Debug, Clone)]
pub struct TextFile {
    /// Path relative to the content folder (used in diagnostics).
    pub rel: PathBuf,
    pub text: String,
}

/// A YAML file and what it deserialized into.
#[derive(Debug)]
pub struct Parsed<T> {
    pub file: TextFile,
    /// The file's stem or, for sessions, the folder's name: the id to be.
    pub stem: String,
    pub value: T,
    /// Where each value is in the file, for diagnostics and results' lines.
    pub spans: yaml::Spans,
}

/// One session folder.
#[derive(Debug)]
pub struct LoadedSession {
    pub folder: String,
    pub rel_dir: PathBuf,
    pub session: Option<Arc<Parsed<RawSession>>>,
    /// `(language or None for the default, file)`.
    pub notes: Vec<(Option<String>, Arc<TextFile>)>,
}

/// Everything read from the content folder and the source register. The
/// parsed files are shared (`Arc`) with the [`Cache`] a rebuild keeps, so
/// that a file that did not change is neither parsed nor copied again.
#[derive(Debug, Default)]
pub struct Loaded {
    pub site: Option<Arc<Parsed<RawSite>>>,
    pub indicators: Vec<Arc<Parsed<RawIndicator>>>,
    pub sessions: Vec<LoadedSession>,
    pub register: Vec<Arc<Parsed<RawRegisterSource>>>,
    /// Files that exist but could not be read or parsed (relative to the
    /// content folder). Their problem is already reported; the validator
    /// uses this to avoid follow-on errors such as "no site.yaml" or
    /// "unknown indicator" for a file that is there but broken.
    pub unreadable: BTreeSet<PathBuf>,
}

/// What kind of file a path in the content folder is.
enum Kind {
    Site,
    Indicator(String),
    Session(String),
    Notes(String, Option<String>),
    Register(String),
}

/// Where a file's bytes are: on disk, or already in memory.
enum Input {
    Disk(PathBuf),
    Memory(Vec<u8>),
}

/// What one file became.
#[derive(Clone)]
enum Item {
    Site(Arc<Parsed<RawSite>>),
    Indicator(Arc<Parsed<RawIndicator>>),
    Session(Arc<Parsed<RawSession>>),
    Notes(String, Option<String>, Arc<TextFile>),
    Register(Arc<Parsed<RawRegisterSource>>),
    /// The file's relative path, and its session folder if any.
    Failed(PathBuf, Option<String>),
}

/// The files one load read, by path, with their bytes and what they became
/// (diagnostics included), so that the next load of the same folders (a
/// preview rebuild) decodes and parses only the files whose bytes changed.
/// A file whose metadata shows it was not written since it was read is not
/// even read again (see [`Written`]).
#[derive(Default)]
pub struct Cache {
    files: HashMap<PathBuf, Cached>,
    /// When the last load started.
    read_at: Option<SystemTime>,
}

/// One file as the last load read it.
struct Cached {
    bytes: Arc<[u8]>,
    item: Item,
    diags: Diagnostics,
    written: Option<Written>,
}

impl Cached {
    /// What a load makes of a file the last load read and that has not
    /// changed: the same item and diagnostics, and the cache entry with the
    /// metadata seen now.
    fn again(
        &self,
        rel: PathBuf,
        written: Option<Written>,
    ) -> (Item, Diagnostics, Option<(PathBuf, Cached)>) {
        let kept = Cached {
            bytes: self.bytes.clone(),
            item: self.item.clone(),
            diags: self.diags.clone(),
            written,
        };
        (self.item.clone(), self.diags.clone(), Some((rel, kept)))
    }
}

/// When and where a file was last written, from its metadata: its change
/// time, which every write moves forward to the clock's time and which no
/// program can set back, its modification time, length and inode. A file
/// whose `Written` is the same as when it was read, and whose change time
/// was already a while before that read started (so that a write in the
/// same tick of a coarse clock cannot hide behind it), was not written
/// since: the rule git uses to trust its index without reading files.
/// `None` where the system gives no change time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    changed: (i64, i64),
    modified: (i64, i64),
    len: u64,
    file: (u64, u64),
}

/// How long before a load a file's change time must be for the load to
/// trust it unchanged: longer than the coarsest clock of a file system in
/// use (FAT keeps two seconds).
const SETTLED: Duration = Duration::from_secs(3);

impl Written {
    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata) -> Option<Written> {
        use std::os::unix::fs::MetadataExt;
        Some(Written {
            changed: (meta.ctime(), meta.ctime_nsec()),
            modified: (meta.mtime(), meta.mtime_nsec()),
            len: meta.len(),
            file: (meta.dev(), meta.ino()),
        })
    }

    #[cfg(not(unix))]
    fn of(_meta: &std::fs::Metadata) -> Option<Written> {
        None
    }

    /// Whether this file's last write was well before `read_at`.
    fn settled_before(&self, read_at: SystemTime) -> bool {
        let Ok(at) = read_at.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let (secs, nanos) = self.changed;
        let Ok(secs) = u64::try_from(secs) else {
            return true;
        };
        let changed = Duration::new(secs, u32::try_from(nanos).unwrap_or(0));
        changed + SETTLED < at
    }
}

/// Reads `content` (and the register folder `seeds`, if given and present).
pub fn load(
    content: &Path,
    seeds: Option<&Path>,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Loaded {
    load_cached(content, seeds, limits, diags, None)
}

/// [`load`], taking from `cache` what the last load parsed of the files
/// whose bytes did not change, and leaving in it what this one read.
pub fn load_cached(
    content: &Path,
    seeds: Option<&Path>,
    limits: &Limits,
    diags: &mut Diagnostics,
    cache: Option<&mut Cache>,
) -> Loaded {
    let mut found: Vec<(Kind, Input, PathBuf)> = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(
                Code::NoContent,
                content,
                "the content folder does not exist",
            )
            .hint("run `minhbach new site DIR` to start one, or pass --content DIR"),
        );
        return Loaded::default();
    }
    discover(content, &mut found, diags);
    if let Some(seeds) = seeds.filter(|s| s.is_dir()) {
        // Register paths are shown relative to the content folder.
        let rel = relative_to(seeds, content);
        for entry in walkdir::WalkDir::new(seeds)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
        {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".yaml") {
                if entry.file_type().is_file() {
                    found.push((
                        Kind::Register(stem.to_owned()),
                        Input::Disk(entry.path().to_owned()),
                        rel.join(&name),
                    ));
                }
            }
        }
    }
    load_found(found, limits, diags, cache)
}

/// Loads content held in memory, as the same rules would find it on disk:
/// `content` holds `(path relative to the content folder, bytes)` pairs
/// (`site.yaml`, `indicators/<id>.yaml`, `sessions/<id>/session.yaml`,
/// notes) and `register` the source register's files (`seeds/<id>.yaml`,
/// the path only shown in diagnostics). Used where there is no folder to
/// read: tests, fuzzing, and programs that generate content.
pub fn load_files(
    content: Vec<(PathBuf, Vec<u8>)>,
    register: Vec<(PathBuf, Vec<u8>)>,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Loaded {
    let mut found: Vec<(Kind, Input, PathBuf)> = Vec::new();
    for (rel, bytes) in content {
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        if let Some(kind) = classify(&parts, &rel, diags) {
            found.push((kind, Input::Memory(bytes), rel));
        }
    }
    for (rel, bytes) in register {
        let stem = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(stem) = stem.strip_suffix(".yaml") {
            found.push((Kind::Register(stem.to_owned()), Input::Memory(bytes), rel));
        }
    }
    load_found(found, limits, diags, None)
}

/// Reads, decodes and parses the files found, then checks the limits that
/// span files.
fn load_found(
    found: Vec<(Kind, Input, PathBuf)>,
    limits: &Limits,
    diags: &mut Diagnostics,
    mut cache: Option<&mut Cache>,
) -> Loaded {
    let caching = cache.is_some();
    let started = SystemTime::now();
    let (previous, read_at) = cache
        .as_deref_mut()
        .map(|c| (std::mem::take(&mut c.files), c.read_at))
        .unwrap_or_default();
    // Read and parse in parallel; collect in the discovery order so that
    // output and diagnostics do not depend on scheduling.
    // Each file's item, diagnostics and, for the cache, path and bytes.
    type Read = (Item, Diagnostics, Option<(PathBuf, Cached)>);
    // The results of the sessions parsed so far: once over the limit, no
    // further session is read or parsed (each is reported at the end as
    // part of `too-many-results`), so that content far over the limit costs
    // no more than the sessions that reached it.
    let results_seen = std::sync::atomic::AtomicUsize::new(0);
    let over_limit =
        || results_seen.load(std::sync::atomic::Ordering::Relaxed) > limits.max_results;
    let results: Vec<Read> = found
        .into_par_iter()
        .map(|(kind, input, rel)| {
            let mut d = Diagnostics::default();
            if matches!(kind, Kind::Session(_)) && over_limit() {
                return (failed(kind, rel), d, None);
            }
            let (file, kept) = match input {
                Input::Disk(abs) => {
                    let meta = std::fs::metadata(&abs).ok();
                    let written = meta.as_ref().and_then(Written::of);
                    let old = previous.get(&rel);
                    // Not written since the last load read it: not read.
                    if let (Some(old), Some(now), Some(read_at)) = (old, written, read_at) {
                        if old.written == Some(now) && now.settled_before(read_at) {
                            return old.again(rel, written);
                        }
                    }
                    let len = meta.map_or(0, |m| m.len());
                    let Some(bytes) = read_bytes(&abs, len, &rel, limits, &mut d) else {
                        return (failed(kind, rel), d, None);
                    };
                    if let Some(old) = old.filter(|old| *old.bytes == *bytes) {
                        return old.again(rel, written);
                    }
                    let file = decode_text(&bytes, rel.clone(), limits, &mut d);
                    // Bytes are kept only for a cache: a build drops them.
                    (file, Some((Arc::from(bytes), written)).filter(|_| caching))
                }
                Input::Memory(bytes) => (decode_text(&bytes, rel.clone(), limits, &mut d), None),
            };
            let Some(file) = file else {
                return (failed(kind, rel), d, None);
            };
            let item = match kind {
                Kind::Site => parse(file, "site".into(), &mut d).map(|p| Item::Site(Arc::new(p))),
                Kind::Indicator(stem) => {
                    parse(file, stem, &mut d).map(|p| Item::Indicator(Arc::new(p)))
                }
                Kind::Session(folder) => {
                    let r = parse_located(file, folder.clone(), &mut d, true)
                        .map(|p| Item::Session(Arc::new(p)));
                    Some(r.unwrap_or_else(|| Item::Failed(rel.clone(), Some(folder))))
                }
                Kind::Notes(folder, lang) => {
                    refuse_controls(&file, Vec::new(), &mut d);
                    Some(Item::Notes(folder, lang, Arc::new(file)))
                }
                Kind::Register(stem) => {
                    parse(file, stem, &mut d).map(|p| Item::Register(Arc::new(p)))
                }
            };
            let item = item.unwrap_or(Item::Failed(rel.clone(), None));
            let kept = kept.map(|(bytes, written)| {
                let cached = Cached {
                    bytes,
                    item: item.clone(),
                    diags: d.clone(),
                    written,
                };
                (rel, cached)
            });
            (item, d, kept)
        })
        .inspect(|(item, ..)| {
            // Parsed now or taken from the cache.
            if let Item::Session(p) = item {
                results_seen.fetch_add(p.value.results.len(), std::sync::atomic::Ordering::Relaxed);
            }
        })
        .collect();
    drop(previous);

    let mut loaded = Loaded::default();
    let session_slot = |loaded: &mut Loaded, folder: &str| -> usize {
        if let Some(i) = loaded.sessions.iter().position(|s| s.folder == folder) {
            return i;
        }
        loaded.sessions.push(LoadedSession {
            folder: folder.to_owned(),
            rel_dir: PathBuf::from("sessions").join(folder),
            session: None,
            notes: Vec::new(),
        });
        loaded.sessions.len() - 1
    };
    let mut kept = HashMap::new();
    for (item, d, cached) in results {
        if let Some((rel, cached)) = cached.filter(|_| caching) {
            kept.insert(rel, cached);
        }
        diags.extend(d);
        match item {
            Item::Site(p) => loaded.site = Some(p),
            Item::Indicator(p) => loaded.indicators.push(p),
            Item::Session(p) => {
                let i = session_slot(&mut loaded, &p.stem);
                loaded.sessions[i].session = Some(p);
            }
            Item::Notes(folder, lang, file) => {
                let i = session_slot(&mut loaded, &folder);
                loaded.sessions[i].notes.push((lang, file));
            }
            Item::Register(p) => loaded.register.push(p),
            Item::Failed(rel, folder) => {
                if let Some(folder) = folder {
                    session_slot(&mut loaded, &folder);
                }
                loaded.unreadable.insert(rel);
            }
        }
    }
    if let Some(cache) = cache {
        cache.files = kept;
        cache.read_at = Some(started);
    }
    check_result_count(&loaded, limits, diags);
    loaded
}

/// What a file that could not be read or parsed becomes.
fn failed(kind: Kind, rel: PathBuf) -> Item {
    let folder = match kind {
        Kind::Session(f) => Some(f),
        _ => None,
    };
    Item::Failed(rel, folder)
}

/// Refuses content with more results than [`Limits::max_results`], naming
/// the session file at which the count went over. Loading stops reading
/// sessions once the count is over, so the total is of those read.
fn check_result_count(loaded: &Loaded, limits: &Limits, diags: &mut Diagnostics) {
    let mut total = 0usize;
    for parsed in loaded.sessions.iter().filter_map(|s| s.session.as_ref()) {
        total = total.saturating_add(parsed.value.results.len());
        if total > limits.max_results {
            let read: usize = loaded
                .sessions
                .iter()
                .filter_map(|s| s.session.as_ref())
                .map(|p| p.value.results.len())
                .sum();
            diags.push(
                Diagnostic::error(
                    Code::TooManyResults,
                    &parsed.file.rel,
                    format!("the sessions read hold {read} results, over the limit of {}; the count went over in this file, and sessions not read by then were not read", limits.max_results),
                )
                .hint("each result becomes a chart per language; split the site, or raise the limit with --max-results"),
            );
            return;
        }
    }
}

/// `path` relative to `base` when it is inside it, or with `..` steps when
/// they share a parent (so `../seeds/x.yaml` from `content/`).
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
    let (path, base) = (canon(path), canon(base));
    if let Ok(r) = path.strip_prefix(&base) {
        return r.to_owned();
    }
    if let Some(parent) = base.parent() {
        if let Ok(r) = path.strip_prefix(parent) {
            return Path::new("..").join(r);
        }
    }
    path
}

/// Walks the content folder and sorts each file into its kind.
fn discover(root: &Path, found: &mut Vec<(Kind, Input, PathBuf)>, diags: &mut Diagnostics) {
    // Symbolic links are not followed: content cannot pull in files from
    // outside its folder.
    for entry in walkdir::WalkDir::new(root)
        .min_depth(1)
        .max_depth(3)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| relative_to(p, root)).unwrap_or_default();
                diags.push(Diagnostic::error(
                    Code::Unreadable,
                    path,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_owned();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let name = parts.last().cloned().unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let ft = entry.file_type();
        if ft.is_symlink() {
            diags.push(
                Diagnostic::warning(
                    Code::SymlinkIgnored,
                    &rel,
                    "symbolic links are not followed",
                )
                .hint("copy the file into the content folder instead"),
            );
            continue;
        }
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            // A pipe or device would block or never end when read.
            diags.push(Diagnostic::warning(
                Code::NotAFile,
                &rel,
                "this is not a regular file and is ignored",
            ));
            continue;
        }
        if let Some(kind) = classify(&parts, &rel, diags) {
            found.push((kind, Input::Disk(entry.path().to_owned()), rel));
        }
    }
}

/// What a file at `rel` (split into `parts`) is, by the content format's
/// layout; anything else is reported and ignored.
fn classify(parts: &[String], rel: &Path, diags: &mut Diagnostics) -> Option<Kind> {
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["site.yaml"] => Some(Kind::Site),
        ["indicators", file] => match file.strip_suffix(".yaml") {
            Some(stem) => Some(Kind::Indicator(stem.to_owned())),
            None => {
                unexpected(
                    diags,
                    rel,
                    "indicator files are named `<indicator-id>.yaml`",
                );
                None
            }
        },
        ["sessions", folder, "session.yaml"] => Some(Kind::Session((*folder).to_owned())),
        ["sessions", folder, "notes.md"] => Some(Kind::Notes((*folder).to_owned(), None)),
        ["sessions", folder, file] => match file
            .strip_prefix("notes.")
            .and_then(|f| f.strip_suffix(".md"))
        {
            Some(lang) => Some(Kind::Notes((*folder).to_owned(), Some(lang.to_owned()))),
            None => {
                unexpected(
                    diags,
                    rel,
                    "a session folder holds `session.yaml`, `notes.md` and `notes.<lang>.md`",
                );
                None
            }
        },
        _ => {
            unexpected(
                    diags,
                    rel,
                    "content holds `site.yaml`, `indicators/<id>.yaml` and `sessions/<id>/session.yaml` with notes",
                );
            None
        }
    }
}

fn unexpected(diags: &mut Diagnostics, rel: &Path, expected: &str) {
    diags.push(
        Diagnostic::warning(
            Code::UnexpectedFile,
            rel,
            "this file is not part of the content format and is ignored",
        )
        .expected(expected.to_owned()),
    );
}

/// Reads a file as UTF-8, without BOM, normalised to NFC (see
/// [`decode_text`]). The size is checked before reading, so a huge file is
/// never loaded into memory.
pub fn read_text(
    abs: &Path,
    rel: PathBuf,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<TextFile> {
    let len = std::fs::metadata(abs).map(|m| m.len()).unwrap_or(0);
    let bytes = read_bytes(abs, len, &rel, limits, diags)?;
    decode_text(&bytes, rel, limits, diags)
}

/// Reads a file's bytes, checking its size (`len`, from its metadata)
/// before reading, so a huge file is never loaded into memory.
fn read_bytes(
    abs: &Path,
    len: u64,
    rel: &Path,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Vec<u8>> {
    if too_large(len, rel, limits, diags) {
        return None;
    }
    // Read at most one byte past the limit, in case the file grew since.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(abs).and_then(|f| {
        use std::io::Read;
        f.take(limits.max_file_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        diags.push(Diagnostic::error(
            Code::Unreadable,
            rel,
            format!("cannot read the file: {e}"),
        ));
        return None;
    }
    Some(bytes)
}

/// Reports a file over [`Limits::max_file_bytes`].
fn too_large(len: u64, rel: &Path, limits: &Limits, diags: &mut Diagnostics) -> bool {
    if len <= limits.max_file_bytes {
        return false;
    }
    diags.push(
        Diagnostic::error(
            Code::FileTooLarge,
            rel,
            format!(
                "the file is {len} bytes, over the limit of {} bytes",
                limits.max_file_bytes
            ),
        )
        .hint("split it, or raise the limit with --max-file-size"),
    );
    true
}

/// Decodes a file's bytes as UTF-8, without BOM, with `\r\n` line ends
/// made `\n` (so that a file saved on Windows renders the same), and
/// normalised to NFC.
pub fn decode_text(
    bytes: &[u8],
    rel: PathBuf,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<TextFile> {
    if too_large(bytes.len() as u64, &rel, limits, diags) {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            // The bytes before the bad one are valid: count their characters.
            let line_start = bytes[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = std::str::from_utf8(&bytes[line_start..offset])
                .map_or(1, |s| s.chars().count() + 1);
            diags.push(
                Diagnostic::error(
                    Code::InvalidUtf8,
                    &rel,
                    format!("the file is not valid UTF-8 (at byte offset {offset})"),
                )
                .at(Some(yaml::Location { line, column }))
                .hint("save the file as UTF-8 in your editor"),
            );
            return None;
        }
    };
    let text = if text.contains("\r\n") {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into_owned()
    } else {
        text.nfc().collect()
    };
    Some(TextFile { rel, text })
}

/// Reports the raw control characters of `file` and the `escaped` ones
/// (see [`controls`]), each at its line and column. True when there was
/// any: a YAML file with one is not parsed (serde_yaml would refuse a raw
/// one without saying where).
fn refuse_controls(
    file: &TextFile,
    escaped: Vec<controls::Found>,
    diags: &mut Diagnostics,
) -> bool {
    let mut found = controls::raw(&file.text);
    if found.is_empty() {
        found = escaped;
    }
    for f in &found {
        diags.push(
            Diagnostic::error(Code::ControlCharacter, &file.rel, f.message())
                .at(Some(f.location))
                .expected(f.expected())
                .hint(f.hint()),
        );
    }
    !found.is_empty()
}

fn parse<T: serde::de::DeserializeOwned + Send>(
    file: TextFile,
    stem: String,
    diags: &mut Diagnostics,
) -> Option<Parsed<T>> {
    parse_located(file, stem, diags, false)
}

/// [`parse`], building the file's span index at the same time when
/// `located` (see [`yaml::Spans::parsed_with`]).
fn parse_located<T: serde::de::DeserializeOwned + Send>(
    file: TextFile,
    stem: String,
    diags: &mut Diagnostics,
    located: bool,
) -> Option<Parsed<T>> {
    if refuse_controls(&file, controls::escaped(&file.text), diags) {
        return None;
    }
    if let Err(e) = yaml::check_limits(&file.text) {
        diags.push(
            Diagnostic::error(Code::YamlLimit, &file.rel, e.message)
                .at(Some(e.location))
                .hint(e.hint),
        );
        return None;
    }
    let (value, spans) = if located {
        yaml::Spans::parsed_with::<T>(&file.text)
    } else {
        (yaml::parse::<T>(&file.text), yaml::Spans::default())
    };
    match value {
        Ok(value) => Some(Parsed {
            file,
            stem,
            value,
            spans,
        }),
        Err(e) => {
            diags.push(yaml_error::yaml_error(
                &file.rel, &file.text, &e.message, e.location,
            ));
            None
        }
    }
}
