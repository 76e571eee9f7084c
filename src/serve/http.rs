//! Answering the browser: files from the served folder with their content
//! types, `index.html` for folders, the site's 404 page, the reload script
//! and its long-poll endpoint, and the error page while the content is
//! broken. Nothing outside the served folder is ever read.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::State;
use crate::diagnostics::Language;

/// The reload script, requested by the tag added to every HTML page.
const SCRIPT_PATH: &str = "/__minhbach/livereload.js";
/// Long-polled by the script: answers when the site changed.
const EVENTS_PATH: &str = "/__minhbach/events";
const SCRIPT: &str = include_str!("livereload.js");
const OVERLAY: &str = include_str!("overlay.html");
/// How long a poll waits before answering "no change" (browsers and
/// proxies give up on requests idle much longer).
const POLL_WAIT: Duration = Duration::from_secs(25);
/// Polls waiting at once; more are told to come back, so a page opened in
/// many tabs cannot tie up unbounded threads.
pub(crate) const MAX_WAITING: usize = 64;

pub(crate) struct Handler {
    pub root: PathBuf,
    pub state: Arc<State>,
}

/// A response, whole in memory (the served files are a site's pages and
/// images).
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn new(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// Adds a header. Values are made here, of printable ASCII (a
    /// `Location` of a request target checked by [`super::conn`]); a line
    /// break could never reach the client, but is replaced all the same.
    pub(crate) fn with_header(mut self, name: &'static str, value: &str) -> Response {
        let value = value
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.headers.push((name, value));
        self
    }

    #[cfg(test)]
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The status line and headers, with the body's length, ending with
    /// the empty line. The connection ends after the response.
    pub(crate) fn head(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        head.into_bytes()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// What a URL path names in the served folder.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: the browser must
    /// come back with it, or the page's relative links would be wrong.
    Redirect(String),
    NotFound,
    /// Not a path this server will look up (`..`, encoded separators).
    Bad,
}

/// The path of a request URL, without query or fragment.
fn url_path(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

pub(crate) fn is_event_poll(target: &str) -> bool {
    url_path(target) == EVENTS_PATH
}

/// Answers a poll when the site changes, or after [`POLL_WAIT`].
pub(crate) fn answer_poll(target: &str, state: &State) -> Response {
    let since = target
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    let token = state.wait_change(&since, POLL_WAIT);
    text(200, token, "text/plain; charset=utf-8")
}

/// Too many pages are waiting: tell this one to poll again later.
pub(crate) fn busy() -> Response {
    text(503, "busy".to_owned(), "text/plain; charset=utf-8").with_header("Retry-After", "2")
}

impl Handler {
    /// The answer to `method` on `url`, a request target checked by
    /// [`super::conn`].
    pub(crate) fn answer(&self, method: &str, url: &str) -> Response {
        if !matches!(method, "GET" | "HEAD") {
            return text(
                405,
                "only GET and HEAD are served\n".to_owned(),
                "text/plain; charset=utf-8",
            )
            .with_header("Allow", "GET, HEAD");
        }
        let path = url_path(url);
        if path == SCRIPT_PATH {
            return text(200, SCRIPT.to_owned(), "text/javascript; charset=utf-8");
        }
        if path.starts_with("/__minhbach/") {
            return text(404, "not found\n".to_owned(), "text/plain; charset=utf-8");
        }
        let failure = self.state.failure();
        match resolve(&self.root, path) {
            Resolved::File(file) => {
                let is_html = file.extension().is_some_and(|e| e == "html");
                match (&failure, is_html) {
                    (Some((diags, lang)), true) => self.overlay(diags, *lang),
                    _ => self.file(&file, 200),
                }
            }
            Resolved::Redirect(to) => {
                let query = url.find('?').map(|i| &url[i..]).unwrap_or("");
                text(301, format!("moved to {to}\n"), "text/plain; charset=utf-8")
                    .with_header("Location", &format!("{to}{query}"))
            }
            Resolved::NotFound => match failure {
                Some((diags, lang)) if looks_like_page(path) => self.overlay(&diags, lang),
                _ => self.not_found(path),
            },
            Resolved::Bad => text(400, "bad path\n".to_owned(), "text/plain; charset=utf-8"),
        }
    }

    fn file(&self, file: &Path, status: u16) -> Response {
        let Ok(bytes) = std::fs::read(file) else {
            return self.not_found("");
        };
        let mime = mime_guess::from_path(file).first_or_octet_stream();
        let content_type = match mime.type_() {
            mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
            _ if mime.subtype() == "javascript"
                || mime.subtype() == "json"
                || mime.subtype() == "svg" =>
            {
                format!("{mime}; charset=utf-8")
            }
            _ => mime.to_string(),
        };
        let bytes = if mime.subtype() == "html" {
            inject(&String::from_utf8_lossy(&bytes), &self.script_tag()).into_bytes()
        } else {
            bytes
        };
        Response::new(status, bytes)
            .with_header("Content-Type", &content_type)
            .with_header("Cache-Control", "no-store")
            .with_header("X-Content-Type-Options", "nosniff")
    }

    /// The site's own 404 page (the language's, under `en/` and the like),
    /// or a plain one when the site has none yet.
    fn not_found(&self, path: &str) -> Response {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        let candidates = [
            self.root.join(first).join("404.html"),
            self.root.join("404.html"),
        ];
        let Some((page, dir)) = candidates
            .iter()
            .zip([format!("/{first}/"), "/".to_owned()])
            .find(|(p, _)| !first.contains("..") && p.is_file())
        else {
            return text(404, "not found\n".to_owned(), "text/plain; charset=utf-8");
        };
        let Ok(html) = std::fs::read_to_string(page) else {
            return text(404, "not found\n".to_owned(), "text/plain; charset=utf-8");
        };
        // The 404 page's links are relative to where it sits; a <base>
        // makes them work at any depth of missing path.
        let html = html.replacen("<head>", &format!("<head><base href=\"{dir}\">"), 1);
        let html = inject(&html, &self.script_tag());
        text(404, html, "text/html; charset=utf-8")
    }

    /// The page shown instead of every page while the content has errors:
    /// the report, and what to do, in `lang`.
    fn overlay(&self, diagnostics: &str, lang: Language) -> Response {
        // Decomposed, Vietnamese letters are a base letter and combining
        // marks, which monospaced fonts have even when they lack the
        // precomposed letters: the columns stay aligned under the caret.
        let diagnostics: String =
            unicode_normalization::UnicodeNormalization::nfd(diagnostics).collect();
        let mut escaped = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = tera::escape_html(&diagnostics, &mut escaped);
        let (title, heading, advice) = match lang {
            Language::En => (
                "The content has errors",
                "The content has errors, so the site was not rebuilt",
                "Fix them and save: this page reloads by itself. The server keeps running.",
            ),
            Language::Vi => (
                "Nội dung có lỗi",
                "Nội dung có lỗi, trang chưa được dựng lại",
                "Sửa các lỗi dưới đây và lưu tệp: trang này tự tải lại. Máy chủ vẫn chạy, không cần khởi động lại.",
            ),
        };
        let html = OVERLAY
            .replace("@LANG@", lang.code())
            .replace("@TITLE@", title)
            .replace("@HEADING@", heading)
            .replace("@ADVICE@", advice)
            .replace("@SCRIPT@", &self.script_tag())
            .replace("@DIAGNOSTICS@", &String::from_utf8_lossy(&escaped));
        text(500, html, "text/html; charset=utf-8")
    }

    fn script_tag(&self) -> String {
        format!(
            "<script src=\"{SCRIPT_PATH}\" data-token=\"{}\"></script>",
            self.state.token()
        )
    }
}

/// Adds the reload script before `</body>`, or at the end.
fn inject(html: &str, tag: &str) -> String {
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}\n{}", &html[..i], &html[i..]),
        None => format!("{html}\n{tag}\n"),
    }
}

/// A request for a page rather than a file: shown the error page while the
/// content is broken.
fn looks_like_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

/// Maps a URL path to a file in `root`, refusing anything that could leave
/// it: `..` segments (also percent-encoded), backslashes, NUL, and
/// symbolic links that point outside.
fn resolve(root: &Path, path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::Bad;
    };
    if !decoded.starts_with('/') {
        return Resolved::Bad;
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Resolved::Bad,
            s if s.contains(['\\', '\0']) || s.contains(':') => return Resolved::Bad,
            s => rel.push(s),
        }
    }
    let mut full = root.join(&rel);
    if full.is_dir() {
        if !decoded.ends_with('/') {
            // A path, on this server: `//host/` would be another server's
            // address (a protocol-relative URL).
            return Resolved::Redirect(format!("/{}/", path.trim_start_matches('/')));
        }
        full.push("index.html");
    }
    if !full.is_file() {
        return Resolved::NotFound;
    }
    match (full.canonicalize(), root.canonicalize()) {
        (Ok(f), Ok(r)) if f.starts_with(&r) => Resolved::File(full),
        _ => Resolved::NotFound,
    }
}

pub(crate) fn text(status: u16, body: String, content_type: &str) -> Response {
    Response::new(status, body.into_bytes())
        .with_header("Content-Type", content_type)
        .with_header("Cache-Control", "no-store")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("site/sessions/a")).unwrap();
        std::fs::write(
            d.path().join("site/index.html"),
            "<html><body>home</body></html>",
        )
        .unwrap();
        std::fs::write(d.path().join("site/sessions/a/index.html"), "<p>a</p>").unwrap();
        std::fs::write(d.path().join("secret.txt"), "no").unwrap();
        d
    }

    #[test]
    fn paths_resolve_inside_the_root_only() {
        let d = site();
        let root = d.path().join("site");
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/sessions/a/"),
            Resolved::File(root.join("sessions/a/index.html"))
        );
        assert_eq!(
            resolve(&root, "/sessions/a"),
            Resolved::Redirect("/sessions/a/".to_owned())
        );
        assert_eq!(resolve(&root, "/nope.html"), Resolved::NotFound);
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/sessions/..%2F..%2Fsecret.txt",
            "/a\\b",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(resolve(&root, bad), Resolved::Bad, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_are_not_followed() {
        let d = site();
        let root = d.path().join("site");
        std::os::unix::fs::symlink(d.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        assert_eq!(resolve(&root, "/leak.txt"), Resolved::NotFound);
    }

    #[test]
    fn redirects_stay_on_this_server() {
        let d = site();
        let handler = Handler {
            root: d.path().join("site"),
            state: Arc::new(State::new()),
        };
        for (asked, to) in [
            ("/sessions", "/sessions/"),
            ("//sessions", "/sessions/"),
            ("///sessions?x=1", "/sessions/?x=1"),
            ("/%2Fsessions", "/%2Fsessions/"),
        ] {
            let r = handler.answer("GET", asked);
            assert_eq!(r.status, 301, "{asked}");
            assert_eq!(r.header("Location"), Some(to), "{asked}");
        }
        let head = String::from_utf8(
            Response::new(301, vec![])
                .with_header("Location", "/a\r\nSet-Cookie: x")
                .head(),
        )
        .unwrap();
        assert_eq!(head.matches("\r\n").count(), 5, "{head}");
    }

    #[test]
    fn the_error_page_speaks_the_language_of_its_diagnostics() {
        let d = site();
        let handler = Handler {
            root: d.path().join("site"),
            state: Arc::new(State::new()),
        };
        for (lang, heading, not) in [
            (
                Language::Vi,
                "Nội dung có lỗi, trang chưa được dựng lại",
                "The content",
            ),
            (
                Language::En,
                "The content has errors, so the site was not rebuilt",
                "Nội dung",
            ),
        ] {
            handler
                .state
                .publish(Some(("x.yaml: <report>".to_owned(), lang)));
            let r = handler.answer("GET", "/");
            assert_eq!(r.status, 500);
            let body = String::from_utf8(r.body).unwrap();
            let body: String =
                unicode_normalization::UnicodeNormalization::nfc(body.as_str()).collect();
            assert!(
                body.contains(&format!("<html lang=\"{}\">", lang.code())),
                "{body}"
            );
            assert!(body.contains(&format!("<h1>{heading}</h1>")), "{body}");
            assert!(!body.contains(not) && !body.contains('@'), "{body}");
            assert!(body.contains("x.yaml: &lt;report&gt;"), "{body}");
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_body() {
        assert_eq!(
            inject("<body>x</body></html>", "<s>"),
            "<body>x<s>\n</body></html>"
        );
        assert_eq!(inject("x", "<s>"), "x\n<s>\n");
    }

    #[test]
    fn pages_and_files_are_told_apart() {
        assert!(looks_like_page("/sessions/"));
        assert!(looks_like_page("/sessions/x/index.html"));
        assert!(looks_like_page("/sessions/x"));
        assert!(!looks_like_page("/style.css"));
        assert!(!looks_like_page("/sessions/x/chart.svg"));
    }
}
