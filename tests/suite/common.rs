//! Helpers shared by the integration tests: running the real binary, putting
//! fixture content folders together, and reading back what a build wrote.
//!
//! Not every test uses every helper.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use minhbach::internals::Locale;
use minhbach::model::Lang;

/// The repository root (where `content/`, `seeds/` and `tests/` are).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(name)
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when the process was killed by a signal
    /// (a panic aborts with code 101, which is a `Some`).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Everything printed, for assertion messages and text searches.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// The `--format json` diagnostics on stdout, one object per line.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("not a JSON diagnostic ({e}): {l}"))
            })
            .collect()
    }
}

/// `args` with `--lang en` after a `check`, `build`, `serve` or `new` that does
/// not name a language: the fixtures are Vietnamese sites, which report in
/// Vietnamese by default, and the tests read the English words unless
/// they ask for a language.
pub fn english<I, S>(args: I) -> Vec<std::ffi::OsString>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut args: Vec<std::ffi::OsString> =
        args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let reports = args
        .first()
        .is_some_and(|c| c == "check" || c == "build" || c == "serve" || c == "new");
    if reports && !args.iter().any(|a| a == "--lang") {
        args.splice(1..1, ["--lang".into(), "en".into()]);
    }
    args
}

/// Runs `minhbach` with `args` from `cwd`, without colour or a terminal,
/// in English unless `args` ask for a language (see [`english`]).
pub fn run_in<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(english(args))
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the minhbach binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `minhbach` with `args` from the repository root.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_in(&repo(), args)
}

/// `minhbach build --content <content> --out <out>` (plus `extra`), which
/// must succeed.
pub fn build_ok(content: &Path, out: &Path, extra: &[&str]) -> Run {
    let r = build(content, out, extra);
    assert_eq!(
        r.code,
        Some(0),
        "build of {} failed:\n{}",
        content.display(),
        r.output()
    );
    r
}

/// `minhbach build --content <content> --out <out>` (plus `extra`), run
/// from the output's parent folder, where there is no `templates/`, so the
/// built-in templates are used.
pub fn build(content: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("build"),
        OsStr::new("--content"),
        content.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    let cwd = out.parent().expect("the output has a parent folder");
    fs::create_dir_all(cwd).expect("create the output's parent");
    run_in(cwd, args)
}

/// The site built from `content`, once per test binary, however many tests
/// ask for it: the tests that only read a site share one build. The folder
/// is under Cargo's temporary directory for integration tests, named after
/// the test binary and `name`, and rebuilt on every run. Tests must not
/// change it; they copy it first (see [`copy_tree`]) when they need to.
pub fn shared_build(name: &str, content: &Path) -> PathBuf {
    static BUILT: Mutex<BTreeMap<String, PathBuf>> = Mutex::new(BTreeMap::new());
    // A test that failed while holding the lock does not poison the others.
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(site) = built.get(name) {
        return site.clone();
    }
    let site = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(env!("CARGO_CRATE_NAME"))
        .join(name)
        .join("site");
    build_ok(content, &site, &[]);
    built.insert(name.to_owned(), site.clone());
    site
}

/// The bundled content (`content/`), built once per test binary.
pub fn bundled_site() -> PathBuf {
    shared_build("bundled", &repo().join("content"))
}

/// The `basic` fixture, built once per test binary.
pub fn basic_site() -> PathBuf {
    shared_build("basic", &fixture("basic").join("content"))
}

/// Copies the folder `from` into `to` (created), recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("fixture is readable");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("create folder");
        } else {
            fs::copy(entry.path(), &dest).expect("copy file");
        }
    }
}

/// A content folder in `dir`: the `basic` fixture with the files of the
/// fixture `overlay` (if any) written over it. Returns the content folder;
/// the register is its sibling `seeds/`, found by default.
pub fn content_with(dir: &Path, overlay: Option<&str>) -> PathBuf {
    copy_tree(&fixture("basic"), dir);
    if let Some(name) = overlay {
        copy_tree(&fixture(name), dir);
    }
    dir.join("content")
}

/// Every file under `root`, by `/`-separated relative path, with its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("output is readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                rel_path(root, e.path()),
                fs::read(e.path()).expect("read output file"),
            )
        })
        .collect()
}

/// The `/`-separated path of `path` inside `root`.
pub fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("inside the root")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The relative paths of the files under `root` whose name ends with `ext`.
pub fn files_with(root: &Path, ext: &str) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("output is readable"))
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(ext))
        .map(|e| rel_path(root, e.path()))
        .collect()
}

/// The names in folder `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("folder is readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `data/results.csv` of a built site as header-keyed rows.
pub fn read_results_csv(site: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    read_csv(&site.join("data/results.csv"))
}

/// A CSV file with a header row as header-keyed rows.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("{} does not open: {e}", path.display()));
    let header: Vec<String> = r
        .headers()
        .expect("header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.expect("a CSV record");
            assert_eq!(rec.len(), header.len(), "every row has every column");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}

/// A CSV number cell: empty is absent; anything else must be a plain number
/// with a dot decimal.
pub fn csv_number(cell: &str) -> Option<f64> {
    if cell.is_empty() {
        return None;
    }
    assert!(
        cell.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-'),
        "`{cell}` is not a plain dot-decimal number"
    );
    Some(
        cell.parse()
            .unwrap_or_else(|e| panic!("`{cell}` does not parse: {e}")),
    )
}

/// Parses an HTML file of the site.
pub fn html(site: &Path, rel: &str) -> scraper::Html {
    let text = fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    scraper::Html::parse_document(&text)
}

/// A CSS selector (the tests only use valid ones).
pub fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

/// The text of an element with runs of white space collapsed, as HTML
/// collapses them: no-break spaces stay.
pub fn text_of(e: scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How minhbach writes in `lang` without a site's translation file.
pub fn locale(lang: &Lang) -> Locale {
    Locale::standard(lang, Locale::fallback())
}

/// `diags` but the `unchecked-source` warnings, which a fixture whose
/// sources are inline (not in a register) rightly gets, and the
/// `placeholder-base-url` warning, which a fixture published nowhere
/// (`https://example.org/…`) rightly gets: the problems it should not have.
pub fn besides_unchecked(diags: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    diags
        .into_iter()
        .filter(|d| d["code"] != "unchecked-source" && d["code"] != "placeholder-base-url")
        .collect()
}

/// Every `href` and `src` in every page of `site`, resolved against the
/// page's own location, as a browser does from disk or from a sub-path.
/// For a 404 page (`404.html`, `<lang>/404.html`), the path its links
/// start from: the site's root on the host, the path of `base_url`, read off
/// its canonical link. A host shows that page for missing addresses at any
/// depth, so its links cannot be relative. `None` for every other page.
pub fn root_of_404(rel: &str, page: &scraper::Html) -> Option<String> {
    if !(rel == "404.html"
        || rel
            .strip_suffix("/404.html")
            .is_some_and(|l| !l.contains('/')))
    {
        return None;
    }
    let canonical = page
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .expect("the 404 page's canonical link");
    let path = url::Url::parse(canonical)
        .expect("canonical URL")
        .path()
        .to_owned();
    Some(
        path.strip_suffix(rel)
            .expect("canonical ends with the page")
            .to_owned(),
    )
}

pub fn check_links(site: &Path) -> usize {
    let mut checked = 0;
    let selector = scraper::Selector::parse("[href], [src]").expect("selector");
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry.expect("file");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).expect("page");
        let page = scraper::Html::parse_document(&html);
        let mut dir = entry.path().parent().expect("folder").to_owned();
        // The 404 page is shown by hosts for missing addresses at any depth:
        // its links start from the site's root on the host (the path of
        // `base_url`, read off its canonical link), and resolve from there.
        let root = root_of_404(&rel_path(site, entry.path()), &page);
        if root.is_some() {
            dir = site.to_owned();
        }
        for el in page.select(&selector) {
            for attr in ["href", "src"] {
                let Some(link) = el.value().attr(attr) else {
                    continue;
                };
                if link.starts_with('#')
                    || link.contains("://")
                    || link.starts_with("mailto:")
                    || link.starts_with("data:")
                {
                    continue;
                }
                let here = entry
                    .path()
                    .strip_prefix(site)
                    .unwrap_or(entry.path())
                    .display()
                    .to_string();
                // A link from the root of the host breaks under a sub-path
                // and on file://; the 404 page's start from the site's root.
                let link = match &root {
                    Some(root) => link.strip_prefix(root.as_str()).unwrap_or_else(|| {
                        panic!("{here}: `{link}` does not start from the site's root {root}")
                    }),
                    None => link,
                };
                assert!(!link.starts_with('/'), "{here}: `{link}` is not relative");
                let target = link.split(['#', '?']).next().unwrap_or(link);
                if target.is_empty() {
                    continue;
                }
                // A folder link would show a file listing on file://.
                assert!(
                    !target.ends_with('/'),
                    "{here}: `{link}` names a folder, not index.html"
                );
                let resolved = normalize(&dir.join(target));
                assert!(
                    root.is_none() || !target.starts_with(".."),
                    "{here}: `{link}` leaves the site"
                );
                assert!(
                    resolved.starts_with(site),
                    "{here}: `{link}` leaves the site"
                );
                assert!(resolved.is_file(), "{here}: `{link}` does not exist");
                checked += 1;
            }
        }
    }
    checked
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
