//! `minhbach serve`: a preview server for authors. It builds the site,
//! serves it on the loopback address, watches the content, the source
//! register and the templates, rebuilds when one of them changes, and
//! reloads the pages open in the browser.
//!
//! The served folder holds exactly what `minhbach build` writes: the
//! reload script is added to HTML responses by the server, never written
//! into the files. When the content has an error, HTML requests get a page
//! with the same diagnostics as the terminal until the file is fixed; the
//! previous good site stays on disk for everything else.
//!
//! Rebuilding does only the work that changed, at the edges of the build:
//! the inputs are fingerprinted file by file, so an event that leaves every
//! input as it was (a save without changes, an editor's swap file) does not
//! rebuild at all; and the site is rebuilt in place with
//! [`crate::refresh`], which replaces only the files whose bytes changed,
//! so open pages are reloaded only when something changed and the browser
//! never sees the folder missing. [`watch::Change`] names the input files
//! that changed, for a build that re-renders only the pages that depend on
//! them.

mod conn;
mod http;
mod watch;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostics::{say, Diagnostics, Language};
use crate::{Failure, Options};

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The build options. `build.out` is replaced: see `out`.
    pub build: Options,
    /// The address to listen on; `127.0.0.1` unless the author asks.
    pub bind: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The folder the site is built into and served from; a temporary
    /// folder, removed at the end, when `None`.
    pub out: Option<PathBuf>,
    /// Host names the server answers to besides `localhost` and IP
    /// addresses (the `Host` header of requests; see `conn::Hosts`).
    pub allow_hosts: Vec<String>,
    /// The language problems are reported in, in the terminal and the
    /// browser; `None` for the one [`crate::report_language`] chooses,
    /// looked at again on every build.
    pub lang: Option<Language>,
}

/// How the preview reports what it does. The command line prints; tests
/// and editors can collect.
pub trait Reporter: Send + Sync {
    /// The server listens at `url`.
    fn ready(&self, url: &str);
    /// A build finished. `diags` holds its warnings, or its errors when
    /// `ok` is false; `summary` is in `lang`, the language to report them in.
    fn built(&self, ok: bool, diags: &Diagnostics, summary: &str, lang: Language);
    /// A problem of the server itself (the watcher failed, a file could not
    /// be copied), in every language.
    fn problem(&self, message: &crate::diagnostics::Text);
}

/// Set to stop the server; [`serve`] returns soon after.
#[derive(Debug, Clone, Default)]
pub struct Shutdown(Arc<AtomicBool>);

impl Shutdown {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn request(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn requested(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What the browser is shown, shared between the rebuild thread and the
/// request handlers.
pub(crate) struct State {
    inner: Mutex<Status>,
    changed: Condvar,
    /// Distinguishes this run of the server from the previous one, so that
    /// a page left open across a restart reloads too.
    started: u128,
}

pub(crate) struct Status {
    /// Increases every time the served site or the error page changes.
    generation: u64,
    /// The diagnostics of the last failed build, as plain text, and their
    /// language; `None` when the last build succeeded.
    failure: Option<(String, Language)>,
    stopping: bool,
}

impl State {
    fn new() -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        State {
            inner: Mutex::new(Status {
                generation: 0,
                failure: None,
                stopping: false,
            }),
            changed: Condvar::new(),
            started,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Status> {
        // A handler that panicked cannot leave the status half-written
        // (every update is one assignment), so a poisoned lock is usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The version token that pages compare to know whether to reload.
    fn token_of(&self, status: &Status) -> String {
        format!("{:x}-{}", self.started, status.generation)
    }

    pub(crate) fn token(&self) -> String {
        self.token_of(&self.lock())
    }

    pub(crate) fn failure(&self) -> Option<(String, Language)> {
        self.lock().failure.clone()
    }

    /// Publishes a new state and wakes the waiting pages.
    fn publish(&self, failure: Option<(String, Language)>) {
        let mut s = self.lock();
        s.failure = failure;
        s.generation += 1;
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    /// Waits until the token differs from `since`, or `timeout` passes.
    /// Returns the current token.
    pub(crate) fn wait_change(&self, since: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut s = self.lock();
        loop {
            let now = Instant::now();
            if s.stopping || self.token_of(&s) != since || now >= deadline {
                return self.token_of(&s);
            }
            s = self
                .changed
                .wait_timeout(s, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

/// Why the server could not start. The error underneath is kept as the
/// [`source`](std::error::Error::source).
#[derive(Debug)]
pub enum ServeError {
    /// The address and port cannot be listened on (taken, or not allowed).
    Listen {
        bind: String,
        port: u16,
        source: std::io::Error,
    },
    /// The listener has no local address.
    Address(std::io::Error),
    /// The temporary folder for the preview cannot be made.
    Scratch(std::io::Error),
    /// A folder to serve cannot be made.
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The output folder asked for is not minhbach's to write into.
    Refused(crate::output::Refusal),
    /// The content cannot be watched for changes.
    Watch(notify::Error),
}

impl ServeError {
    /// Why the server could not start, in every language.
    pub fn said(&self) -> crate::diagnostics::Text {
        match self {
            ServeError::Listen { bind, port, source } => say!(
                en: "cannot listen on {bind}:{port}: {source}; pass another --port",
                vi: "không lắng nghe được tại {bind}:{port}: {source}; hãy chọn cổng khác bằng --port"
            ),
            ServeError::Address(e) => say!(
                en: "the server has no address: {e}",
                vi: "máy chủ không có địa chỉ: {e}"
            ),
            ServeError::Scratch(e) => say!(
                en: "cannot create a temporary folder: {e}",
                vi: "không tạo được thư mục tạm: {e}"
            ),
            ServeError::Folder { path, source } => say!(
                en: "cannot create {path}: {source}",
                vi: "không tạo được {path}: {source}",
                path = path.display()
            ),
            ServeError::Refused(r) => r.said(),
            ServeError::Watch(e) => say!(
                en: "cannot watch the content for changes: {e}",
                vi: "không theo dõi được các thay đổi của nội dung: {e}"
            ),
        }
    }
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.said().en())
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServeError::Listen { source, .. } | ServeError::Folder { source, .. } => Some(source),
            ServeError::Address(e) | ServeError::Scratch(e) => Some(e),
            ServeError::Refused(r) => Some(r),
            ServeError::Watch(e) => Some(e),
        }
    }
}

/// The [`ServeError::Folder`] for `path`.
fn folder(path: &Path) -> impl FnOnce(std::io::Error) -> ServeError {
    let path = path.to_path_buf();
    move |source| ServeError::Folder { path, source }
}

/// Builds, serves and rebuilds until `shutdown` is requested. Returns an
/// error only when the server cannot start (the port is taken, the
/// folders cannot be created); content errors are shown, not returned.
pub fn serve(
    opts: &ServeOptions,
    reporter: &dyn Reporter,
    shutdown: &Shutdown,
) -> Result<(), ServeError> {
    let listener = listen(&opts.bind, opts.port)?;
    let addr = listener.local_addr().map_err(ServeError::Address)?;
    let url = local_url(addr);
    let (scratch, served) = served_folder(opts)?;

    let mut build = opts.build.clone();
    build.out = served.clone();
    // Absolute links (share links, embed codes) point at the preview unless
    // the author gave a base URL.
    if build.base_url.is_none() {
        build.base_url = Some(url.clone());
    }
    build.preview = true;

    let state = Arc::new(State::new());
    let mut builder = Rebuilder {
        opts: build,
        lang: opts.lang,
        state: state.clone(),
        inputs: watch::Fingerprint::default(),
        memory: crate::Incremental::default(),
    };
    builder.rebuild(reporter, None, Instant::now());
    reporter.ready(&url);

    let watched = watch::roots(&builder.opts);
    let (tx, rx) = std::sync::mpsc::channel();
    let _watcher = watch::start(&watched, tx).map_err(ServeError::Watch)?;

    std::thread::scope(|scope| {
        let builder = &mut builder;
        let served = &served;
        scope.spawn(move || rebuild_on_changes(builder, &rx, served, reporter, shutdown));

        // Accepts connections, each answered on its own thread.
        let shared = Arc::new(conn::Shared {
            handler: http::Handler {
                root: served.clone(),
                state: state.clone(),
            },
            hosts: conn::Hosts::new(addr, &opts.allow_hosts),
            waiting: std::sync::atomic::AtomicUsize::new(0),
            open: std::sync::atomic::AtomicUsize::new(0),
        });
        let listener = &listener;
        scope.spawn(move || conn::accept(listener, &shared, &|| shutdown.requested(), reporter));
        while !shutdown.requested() {
            std::thread::sleep(Duration::from_millis(100));
        }
        state.stop();
        conn::wake(addr);
    });
    drop(scratch);
    Ok(())
}

/// The folder to serve: the one asked for (once it is known to be
/// minhbach's to write into), or one inside a temporary folder named with
/// this process's id, so that the next server can tell it was left by one
/// that was killed. The temporary folder is removed when dropped.
fn served_folder(opts: &ServeOptions) -> Result<(tempfile::TempDir, PathBuf), ServeError> {
    let temp = std::env::temp_dir();
    remove_stale_scratch(&temp);
    let scratch = tempfile::Builder::new()
        .prefix(&format!("{SCRATCH_PREFIX}{}-", std::process::id()))
        .tempdir_in(&temp)
        .map_err(ServeError::Scratch)?;
    let served = match &opts.out {
        Some(out) => {
            crate::output::claim(out, &opts.build.inputs())
                .and_then(|c| c.verify())
                .map_err(ServeError::Refused)?;
            std::fs::create_dir_all(out).map_err(folder(out))?;
            out.clone()
        }
        None => scratch.path().join("public"),
    };
    std::fs::create_dir_all(&served).map_err(folder(&served))?;
    Ok((scratch, served))
}

/// Rebuilds, one at a time, as changes arrive, until `shutdown` is
/// requested or the watcher goes away.
fn rebuild_on_changes(
    builder: &mut Rebuilder,
    rx: &std::sync::mpsc::Receiver<watch::Events>,
    served: &Path,
    reporter: &dyn Reporter,
    shutdown: &Shutdown,
) {
    use std::sync::mpsc::RecvTimeoutError;
    while !shutdown.requested() {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(Ok(first)) => {
                let heard = Instant::now();
                let paths = settle(first, rx, served, reporter);
                if !paths.is_empty() {
                    builder.rebuild(reporter, Some(&paths), heard);
                }
            }
            Ok(Err(e)) => reporter.problem(&watching(&e)),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
}

/// The problem of a watcher that failed.
fn watching(e: &impl std::fmt::Display) -> crate::diagnostics::Text {
    say!(
        en: "watching for changes: {e}",
        vi: "khi theo dõi các thay đổi: {e}"
    )
}

/// Lets a burst of saves (an editor writing several files, a `git
/// checkout`) settle into one rebuild: gathers the relevant paths of
/// `first` and of every batch that follows until none comes for a while,
/// a shorter while when every file was last seen finished.
fn settle(
    first: watch::Batch,
    rx: &std::sync::mpsc::Receiver<watch::Events>,
    served: &Path,
    reporter: &dyn Reporter,
) -> Vec<PathBuf> {
    let mut last: HashMap<PathBuf, bool> = HashMap::new();
    let mut batch = Some(first);
    while let Some(b) = batch.take() {
        for p in b.paths {
            if watch::is_relevant(&p, served) {
                last.insert(p, b.finished);
            }
        }
        let wait = if last.values().all(|done| *done) {
            watch::SETTLE_FINISHED
        } else {
            watch::SETTLE
        };
        match rx.recv_timeout(wait) {
            Ok(Ok(more)) => batch = Some(more),
            Ok(Err(e)) => {
                reporter.problem(&watching(&e));
                batch = Some(watch::Batch::default());
            }
            Err(_) => {}
        }
    }
    last.into_keys().collect()
}

/// The start of the name of a server's temporary folder, followed by its
/// process id and `-`.
const SCRATCH_PREFIX: &str = "minhbach-serve-";

/// Removes the temporary folders of servers that are no longer running (a
/// server killed with SIGKILL cannot remove its own). Only folders (never
/// a link) named by [`SCRATCH_PREFIX`], a process id and `-`, whose process
/// is gone; one that cannot be removed (another user's) is left.
fn remove_stale_scratch(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(SCRATCH_PREFIX)
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && !crate::output::process_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Listens on `bind` (an IP address, or a name such as `localhost`) and
/// `port`.
fn listen(bind: &str, port: u16) -> Result<std::net::TcpListener, ServeError> {
    let bound = match bind.parse::<std::net::IpAddr>() {
        Ok(ip) => std::net::TcpListener::bind(SocketAddr::new(ip, port)),
        Err(_) => std::net::TcpListener::bind((bind, port)),
    };
    bound.map_err(|source| ServeError::Listen {
        bind: bind.to_owned(),
        port,
        source,
    })
}

/// The address to print and to use as the preview's base URL. A server
/// bound to every interface is still opened on the loopback address.
fn local_url(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_owned(),
        ip if ip.is_unspecified() => "[::1]".to_owned(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        std::net::IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}/", addr.port())
}

/// Builds and publishes, remembering what the inputs were.
struct Rebuilder {
    /// The build options; `out` is the served folder.
    opts: Options,
    /// The language asked for, if any.
    lang: Option<Language>,
    state: Arc<State>,
    inputs: watch::Fingerprint,
    /// What the last refresh left for the next.
    memory: crate::Incremental,
}

impl Rebuilder {
    /// Rebuilds if an input changed since the last build. `events` are the
    /// paths the watcher reported (`None` for the first build), the first
    /// of them `heard` at that time: the time reported runs from it, and
    /// so counts the wait for the burst to settle.
    fn rebuild(&mut self, reporter: &dyn Reporter, events: Option<&[PathBuf]>, heard: Instant) {
        let now = watch::Fingerprint::of(
            &watch::roots(&self.opts),
            &self.inputs,
            events.unwrap_or_default(),
        );
        let change = self.inputs.compare(&now);
        if events.is_some() && change.is_empty() {
            return;
        }
        self.inputs = now;
        let lang = self
            .lang
            .unwrap_or_else(|| crate::report_language(&self.opts));
        match crate::refresh(&self.opts, &mut self.memory) {
            Ok((built, refreshed)) => {
                let elapsed = heard.elapsed();
                if refreshed.unlinked > 0 {
                    let said = say!(
                        en: "replaced {n} symbolic link(s) in {out} by the folders and files the site has there; what they pointed to was not touched",
                        vi: "đã thay {n} liên kết tượng trưng (symbolic link) trong {out} bằng các thư mục và tệp của trang ở đó; nơi chúng trỏ tới không bị động đến",
                        n = refreshed.unlinked,
                        out = self.opts.out.display()
                    );
                    reporter.problem(&said);
                }
                let recovered = self.state.failure().is_some();
                if refreshed.changed() || recovered || events.is_none() {
                    self.state.publish(None);
                }
                let what = describe(&change, events.is_none());
                let summary = say!(
                    en: "{what_en} in {ms} ms: {changed} of {files} files changed, {kept} unchanged parts kept ({warnings_en})",
                    vi: "{what_vi} trong {ms} ms: {changed} trên {files} tệp thay đổi, giữ nguyên {kept} phần không đổi ({warnings_vi})",
                    what_en = what.en(),
                    what_vi = what.vi(),
                    ms = elapsed.as_millis(),
                    changed = refreshed.written + refreshed.removed,
                    files = built.files,
                    kept = refreshed.reused,
                    warnings_en = built.warnings.summary(Language::En),
                    warnings_vi = built.warnings.summary(Language::Vi)
                );
                reporter.built(true, &built.warnings, summary.get(lang), lang);
            }
            Err(Failure::Content(diags)) => {
                let failed = match lang {
                    Language::En => "build failed",
                    Language::Vi => "dựng trang không thành công",
                };
                let text = format!(
                    "{}\n{failed}: {}",
                    diags.render_limited(
                        &self.opts.content,
                        false,
                        self.opts.limits.max_file_bytes,
                        lang
                    ),
                    diags.summary(lang)
                );
                // The served folder keeps the last good site for the
                // stylesheet and charts; pages show the errors.
                self.state.publish(Some((text, lang)));
                let summary = say!(
                    en: "build failed: {summary_en}; the browser shows the errors until they are fixed",
                    vi: "dựng trang không thành công: {summary_vi}; trình duyệt hiển thị các lỗi cho đến khi chúng được sửa",
                    summary_en = diags.summary(Language::En),
                    summary_vi = diags.summary(Language::Vi)
                );
                reporter.built(false, &diags, summary.get(lang), lang);
            }
            Err(Failure::Refused(why)) => {
                let said = why.said();
                reporter.problem(&said);
                self.state.publish(Some((said.get(lang).to_owned(), lang)));
            }
            Err(Failure::Write(e)) => {
                let said = e.said();
                // The folder may be half updated: the refresh dropped its
                // manifest, so the next one compares every file.
                reporter.problem(&said);
                // It can name a file: no control character reaches a page.
                let msg = crate::diagnostics::escaped(said.get(lang)).into_owned();
                self.state.publish(Some((msg, lang)));
            }
        }
    }
}

/// "built" for the first build, or "sessions/x/session.yaml changed;
/// rebuilt" after a change.
fn describe(change: &watch::Change, first: bool) -> crate::diagnostics::Text {
    if first {
        return say!(en: "built", vi: "đã dựng trang");
    }
    let names: Vec<String> = change
        .paths()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    let more = change.len().saturating_sub(names.len());
    let names = names.join(", ");
    if more > 0 {
        say!(
            en: "{names} and {more} more changed; rebuilt",
            vi: "{names} và {more} tệp khác đã thay đổi; đã dựng lại"
        )
    } else {
        say!(
            en: "{names} changed; rebuilt",
            vi: "{names} đã thay đổi; đã dựng lại"
        )
    }
}
