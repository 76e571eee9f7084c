//! Reading the content folder: finds the files, reads them as UTF-8 (BOM
//! removed, text normalised to NFC so that Vietnamese typed on any keyboard
//! compares equal) and deserializes them into the raw, unvalidated structs
//! of [`raw`]. Problems become diagnostics; nothing here panics or stops at
//! the first bad file.
//!
//! `walk` finds the files, `read` reads and parses each one, `cache`
//! is what a rebuild keeps; this module gathers them into [`Loaded`].

pub mod controls;
pub mod raw;
pub mod yaml;
pub mod yaml_error;

mod cache;
mod overrides;
mod read;
mod walk;

pub use cache::Cache;
pub use overrides::{read_override, translation_path, translations};

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::diagnostics::{say, Code, Diagnostic, Diagnostics};
/// The loader's reader, which templates and the watcher read with too.
pub use crate::safe_read::{read_regular, NotRead};
use raw::{RawIndicator, RawRegisterSource, RawSession, RawSite};
use read::{failed, Read, Reading};
pub(crate) use read::{save_as_utf8, too_large_hint, too_large_message};
use walk::{classify, discover, discover_register, Input, Kind};

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

/// The codes `languages` lists in `content/site.yaml`, read on its own,
/// before and apart from the load, within the YAML limits: `None` when the
/// file cannot be read or is not YAML with `languages` as a list (an empty
/// list when it lists none).
pub fn site_languages(content: &Path, limits: &Limits) -> Option<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Languages {
        languages: Option<Vec<serde_yaml::Value>>,
    }
    let bytes = read_regular(&content.join("site.yaml"), limits.max_file_bytes).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    yaml::check_limits(text).ok()?;
    let listed = yaml::parse::<Languages>(text).ok()?.languages;
    Some(
        listed
            .iter()
            .flatten()
            .filter_map(|l| l.as_str().map(str::to_owned))
            .collect(),
    )
}

/// The code of the site's default language, the first of `languages` in
/// `content/site.yaml` (the built-in default when none is listed): `None`
/// when the file cannot be read (see [`site_languages`]).
pub fn default_language(content: &Path, limits: &Limits) -> Option<String> {
    let listed = site_languages(content, limits)?;
    Some(
        listed
            .into_iter()
            .next()
            .unwrap_or_else(|| crate::locale::DEFAULT.to_owned()),
    )
}

/// Reads `content` (and the register folder `seeds`, if given and
/// present). A rebuild passes the `cache` the last load left: what it
/// parsed of files whose bytes did not change is taken from it, and what
/// this load read is left in it. `build` passes `None`.
pub fn load(
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
                say!(
                    en: "the content folder does not exist",
                    vi: "thư mục nội dung không tồn tại"
                ),
            )
            .hint(say!(
                en: "run `minhbach new site DIR` to start one, or pass --content DIR",
                vi: "chạy `minhbach new site DIR` để tạo mới, hoặc chỉ định thư mục bằng --content DIR"
            )),
        );
        return Loaded::default();
    }
    discover(content, &mut found, diags);
    if let Some(seeds) = seeds.filter(|s| s.is_dir()) {
        discover_register(seeds, content, &mut found);
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
    let reading = Reading {
        previous: &previous,
        read_at,
        caching,
        limits,
    };
    // Read and parse in parallel; collect in the discovery order so that
    // output and diagnostics do not depend on scheduling.
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
            if matches!(kind, Kind::Session(_)) && over_limit() {
                return (failed(kind, rel), Diagnostics::default(), None);
            }
            reading.one(kind, input, rel)
        })
        .inspect(|(item, ..)| {
            // Parsed now or taken from the cache.
            if let Item::Session(p) = item {
                results_seen.fetch_add(p.value.results.len(), std::sync::atomic::Ordering::Relaxed);
            }
        })
        .collect();
    drop(previous);

    let (loaded, kept) = assemble(results, caching, diags);
    if let Some(cache) = cache {
        cache.files = kept;
        cache.read_at = Some(started);
    }
    check_result_count(&loaded, limits, diags);
    loaded
}

/// The files read, in discovery order, gathered into what was loaded (and
/// the diagnostics into `diags`), with the entries for the cache when
/// `caching`.
fn assemble(
    results: Vec<Read>,
    caching: bool,
    diags: &mut Diagnostics,
) -> (Loaded, HashMap<PathBuf, cache::Cached>) {
    let mut loaded = Loaded::default();
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
    (loaded, kept)
}

/// The index of session `folder` in `loaded`, added if not there yet.
fn session_slot(loaded: &mut Loaded, folder: &str) -> usize {
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
                    say!(
                        en: "the sessions read hold {read} results, over the limit of {max}; the count went over in this file, and sessions not read by then were not read",
                        vi: "các phiên họp đã đọc có {read} kết quả, vượt giới hạn {max}; số lượng vượt giới hạn ở tệp này, và các phiên họp chưa đọc đến thì không được đọc",
                        max = limits.max_results
                    ),
                )
                .hint(say!(
                    en: "each result becomes a chart per language; split the site, or raise the limit with --max-results",
                    vi: "mỗi kết quả tạo ra một biểu đồ cho mỗi ngôn ngữ; hãy tách trang, hoặc nâng giới hạn bằng --max-results"
                )),
            );
            return;
        }
    }
}
