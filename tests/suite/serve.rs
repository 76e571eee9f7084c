//! `minhbach serve`, for real: the binary on a free loopback port, a copy
//! of a fixture content folder, plain HTTP requests. Every wait has a
//! deadline, and the server is stopped at the end (or killed, if the test
//! fails half way).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long one change may take to show up. A rebuild of the fixture
/// takes well under a second; the margin is for a loaded CI machine.
const CHANGE_DEADLINE: Duration = Duration::from_secs(15);

struct Server {
    child: Child,
    lines: Receiver<String>,
    port: u16,
    log: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path, extra: &[&str]) -> Server {
        Server::start_with(root, extra, &[])
    }

    /// [`Server::start`], with these variables added to the environment.
    fn start_with(root: &Path, extra: &[&str], env: &[(&str, &Path)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(crate::common::english(
                [
                    "serve",
                    "--port",
                    "0",
                    "--content",
                    "content",
                    "--seeds",
                    "seeds",
                    "--templates",
                    "templates",
                ]
                .iter()
                .chain(extra),
            ))
            .envs(env.iter().copied())
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start minhbach serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            lines,
            port: 0,
            log: Vec::new(),
        };
        let line = server.wait_line(
            |l| l.starts_with("serving http://127.0.0.1:"),
            Duration::from_secs(60),
        );
        let port = line
            .trim_start_matches("serving http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"));
        server.port = port;
        server
    }

    /// Waits for a line of the server's output that matches.
    fn wait_line(&mut self, want: impl Fn(&str) -> bool, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if want(&line) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out; the server said:\n{}", self.log.join("\n"))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server ended; it said:\n{}", self.log.join("\n"))
                }
            }
        }
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    /// Fetches `path` until `ok` holds, within the deadline.
    fn poll(&self, path: &str, ok: impl Fn(&Response) -> bool) -> (Response, Duration) {
        let started = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return (r, started.elapsed());
            }
            assert!(
                started.elapsed() < CHANGE_DEADLINE,
                "no change within {CHANGE_DEADLINE:?}; last answer {} {}",
                r.status,
                r.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request over a fresh connection to the loopback address.
fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn fixture_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics/base");
    for entry in walkdir::WalkDir::new(&base).min_depth(1) {
        let entry = entry.expect("fixture");
        let target = tmp
            .path()
            .join(entry.path().strip_prefix(&base).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    std::fs::create_dir_all(tmp.path().join("templates")).expect("templates");
    tmp
}

const SESSION: &str = "content/sessions/2022-08-08-phien-hop-thu-3/session.yaml";
const PAGE: &str = "/sessions/2022-08-08-phien-hop-thu-3/index.html";

/// The token the page's reload script waits on.
fn token_of(page: &str) -> String {
    let at = page.find("data-token=\"").expect("the reload script") + "data-token=\"".len();
    page[at..].split('"').next().expect("token").to_owned()
}

#[test]
fn edit_break_fix_without_restart() {
    let root = fixture_copy();
    let served: PathBuf = root.path().join("served");
    let mut server = Server::start(root.path(), &["--out", "served"]);

    // The first build is served, with the reload script added.
    let page = server.get(PAGE);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
    assert!(
        page.body.contains("Ủy ban xem xét kết quả sáu tháng"),
        "{}",
        page.body
    );
    assert!(page.body.contains("/__minhbach/livereload.js"));
    let token = token_of(&page.body);

    // A page waiting for changes is answered when one happens.
    let port = server.port;
    let since = token.clone();
    let waiting =
        std::thread::spawn(move || get(port, &format!("/__minhbach/events?since={since}")));
    std::thread::sleep(Duration::from_millis(300));

    // Edit the content: the page changes, without a restart.
    let good = std::fs::read_to_string(root.path().join(SESSION)).expect("session");
    let edited = good.replace(
        "Ủy ban xem xét kết quả sáu tháng",
        "Ủy ban rà soát kết quả sáu tháng",
    );
    std::fs::write(root.path().join(SESSION), &edited).expect("edit");
    let (page, took) = server.poll(PAGE, |r| r.body.contains("Ủy ban rà soát"));
    assert_eq!(page.status, 200);
    eprintln!("an edit was served {} ms after saving", took.as_millis());
    let answer = waiting.join().expect("poll thread");
    assert_eq!(answer.status, 200);
    assert_ne!(answer.body, token, "the waiting page was told to reload");
    // The page is published before the token moves on; once the answer
    // came, pages carry the new token.
    assert_eq!(answer.body, token_of(&server.get(PAGE).body));
    server.wait_line(
        |l| l.contains("session.yaml changed; rebuilt"),
        CHANGE_DEADLINE,
    );

    // Break the YAML: the browser gets the diagnostics, escaped.
    let broken = edited.replace(
        "  vi: \"Ủy ban rà soát kết quả sáu tháng đầu năm 2022.\"",
        "  vi: Ủy ban <b>rà soát</b>: kết quả sáu tháng đầu năm 2022",
    );
    assert_ne!(broken, edited);
    std::fs::write(root.path().join(SESSION), &broken).expect("break");
    let (mut overlay, _) = server.poll(PAGE, |r| r.status == 500);
    // The error page decomposes letters for monospaced fonts.
    overlay.body =
        unicode_normalization::UnicodeNormalization::nfc(overlay.body.as_str()).collect();
    assert!(overlay.body.contains("error[yaml]"), "{}", overlay.body);
    assert!(
        overlay
            .body
            .contains("sessions/2022-08-08-phien-hop-thu-3/session.yaml:"),
        "{}",
        overlay.body
    );
    assert!(
        overlay.body.contains("&lt;b&gt;rà soát&lt;/b&gt;"),
        "the source line is escaped: {}",
        overlay.body
    );
    assert!(!overlay.body.contains("<b>rà soát"), "{}", overlay.body);
    assert!(
        overlay.body.contains("/__minhbach/livereload.js"),
        "the error page reloads too"
    );
    server.wait_line(|l| l.starts_with("build failed"), CHANGE_DEADLINE);
    // Other pages show the errors too; files keep the last good build.
    assert_eq!(server.get("/").status, 500);
    assert_eq!(server.get("/style.css").status, 200);

    // Fix it: the page is back.
    std::fs::write(root.path().join(SESSION), &edited).expect("fix");
    let (page, _) = server.poll(PAGE, |r| r.status == 200);
    assert!(page.body.contains("Ủy ban rà soát"));

    // Saving without a change does not rebuild.
    let before = token_of(&server.get(PAGE).body);
    std::fs::write(root.path().join(SESSION), &edited).expect("touch");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(
        token_of(&server.get(PAGE).body),
        before,
        "a save without changes reloaded the page"
    );

    // The served folder is exactly a build: no reload script in any file.
    for entry in walkdir::WalkDir::new(&served) {
        let entry = entry.expect("served file");
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            assert!(
                !String::from_utf8_lossy(&bytes).contains("__minhbach"),
                "{}",
                entry.path().display()
            );
        }
    }

    // Ctrl-C stops it cleanly.
    stop(&mut server);
}

#[test]
fn files_folders_and_refusals() {
    let root = fixture_copy();
    let mut server = Server::start(root.path(), &[]);

    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(
        !css.body.contains("__minhbach"),
        "only HTML gets the script"
    );
    let svg = server.get("/sessions/2022-08-08-phien-hop-thu-3/chart.svg");
    assert_eq!(svg.status, 200);
    assert!(svg
        .header("content-type")
        .is_some_and(|c| c.starts_with("image/svg+xml")));

    // A folder is its index.html; without the slash, a redirect to it.
    let folder = server.get("/sessions/");
    assert_eq!(folder.status, 200);
    assert!(folder.body.contains("phien-hop-thu-3"));
    let redirect = server.get("/sessions");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/sessions/"));
    let en = server.get("/en/");
    assert_eq!(en.status, 200);
    assert!(
        en.body.contains("lang=\"en\""),
        "{}",
        &en.body[..en.body.len().min(300)]
    );

    // Missing pages get the site's 404 page, with the status.
    let missing = server.get("/sessions/no-such-session/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<base href=\"/\">"));

    // Nothing outside the served folder.
    std::fs::write(root.path().join("secret.txt"), "secret").expect("write");
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/sessions/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
    ] {
        let r = server.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.body.contains("secret"), "{path}");
    }
    stop(&mut server);
}

/// Sends Ctrl-C (SIGINT) and waits for a clean exit.
fn stop(server: &mut Server) {
    let pid = server.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    server.wait_line(|l| l == "stopped", Duration::from_secs(10));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            assert!(status.success(), "exit status {status}");
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not exit after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Sends `bytes` as they are and reads the answer until the server closes
/// the connection. `None` when nothing came back in time.
fn raw(port: u16, bytes: &[u8]) -> Option<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(bytes).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    parse(&raw)
}

fn parse(raw: &[u8]) -> Option<Response> {
    let text = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Some(Response {
        status,
        headers,
        body: body.to_owned(),
    })
}

/// The largest file of a served folder, as a URL path.
fn largest_file(served: &Path) -> (String, u64) {
    walkdir::WalkDir::new(served)
        .into_iter()
        .map(|e| e.expect("served file"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(served).expect("inside");
            let url = format!("/{}", rel.to_string_lossy().replace('\\', "/"));
            (url, e.metadata().expect("metadata").len())
        })
        .max_by_key(|(_, len)| *len)
        .expect("a file")
}

/// The server's resident memory, in KiB.
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// Regression: the server wrote each response on the thread that accepts
/// connections, so one client that asked for files and never read them
/// stopped every other request for good.
#[test]
fn a_client_that_never_reads_delays_no_other() {
    let root = fixture_copy();
    let mut server = Server::start(root.path(), &["--out", "served"]);
    let (big, len) = largest_file(&root.path().join("served"));
    // Requests for far more than the socket buffers hold, sent at once
    // (pipelined), from clients that never read an answer.
    let count = (256 << 20) / len.max(1) + 1;
    let request = format!("GET {big} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").repeat(count as usize);
    let mut stuck = Vec::new();
    for _ in 0..4 {
        let stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        let mut writer = stream.try_clone().expect("clone");
        let request = request.clone();
        std::thread::spawn(move || {
            let _ = writer.set_write_timeout(Some(Duration::from_secs(30)));
            let _ = writer.write_all(request.as_bytes());
        });
        stuck.push(stream);
    }
    std::thread::sleep(Duration::from_millis(500));

    let port = server.port;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(get(port, "/style.css"));
    });
    let answer = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("another client was answered while one did not read");
    assert_eq!(answer.status, 200);
    drop(stuck);
    stop(&mut server);
}

/// Regression: a request line without a line end was buffered without a
/// limit (200 MB sent, 360 MB more memory), and never answered.
#[test]
fn an_endless_request_line_is_refused_in_bounded_memory() {
    let root = fixture_copy();
    let mut server = Server::start(root.path(), &[]);
    let port = server.port;

    // One megabyte without a line end: refused, and the connection closed.
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut writer = stream.try_clone().expect("clone");
    std::thread::spawn(move || {
        let _ = writer.write_all(b"GET /");
        let _ = writer.write_all(&vec![b'a'; 1 << 20]);
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = parse(&answer).expect("an answer before the connection closed");
    assert!(
        answer.status == 400 || answer.status == 431,
        "{}",
        answer.status
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "closed after {:?}",
        started.elapsed()
    );

    // Clients that keep sending one line, at once: the server's memory
    // does not follow what they send.
    let before = resident_kib(server.child.id());
    let per_client = 32usize << 20;
    let mut open = Vec::new();
    let mut writers = Vec::new();
    for _ in 0..4 {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        let mut writer = stream.try_clone().expect("clone");
        writers.push(std::thread::spawn(move || {
            let _ = writer.set_write_timeout(Some(Duration::from_secs(20)));
            let chunk = vec![b'a'; 1 << 20];
            let _ = writer.write_all(b"GET /");
            for _ in 0..per_client >> 20 {
                if writer.write_all(&chunk).is_err() {
                    break;
                }
            }
        }));
        open.push(stream);
    }
    for w in writers {
        w.join().expect("writer");
    }
    let grown = resident_kib(server.child.id()).saturating_sub(before);
    eprintln!(
        "resident memory grew by {grown} KiB while 4 clients sent {} MiB",
        (4 * per_client) >> 20
    );
    assert!(grown < 32 << 10, "grew by {grown} KiB");
    drop(open);
    stop(&mut server);
}

/// Regression: a bare LF in the request target went into the `Location`
/// header of a redirect, where it started a header of its own.
#[test]
fn line_ends_in_the_target_are_refused() {
    let root = fixture_copy();
    let mut server = Server::start(root.path(), &[]);
    for target in [
        &b"/sessions?a\nSet-Cookie:x=1"[..],
        b"/sessions?a\rSet-Cookie:x=1",
        b"/sessions?a%0d%0aSet-Cookie:x=1",
    ] {
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        request.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        let r = raw(server.port, &request).expect("an answer");
        let shown = String::from_utf8_lossy(target);
        assert_eq!(r.status, 400, "{shown:?}");
        assert!(r.header("set-cookie").is_none(), "{shown:?}");
        assert!(r.header("location").is_none(), "{shown:?}");
    }
    stop(&mut server);
}

/// Regression: `GET //en` was redirected to `//en/`, which a browser reads
/// as the address of another server (a protocol-relative URL).
#[test]
fn redirects_stay_on_the_preview() {
    let root = fixture_copy();
    let mut server = Server::start(root.path(), &[]);
    for (asked, to) in [("//en", "/en/"), ("///en?a=1", "/en/?a=1"), ("/en", "/en/")] {
        let r = server.get(asked);
        assert_eq!(r.status, 301, "{asked}");
        assert_eq!(r.header("location"), Some(to), "{asked}");
    }
    stop(&mut server);
}

/// `Host: NAME` asked of the server on `port`.
fn ask_as(port: u16, host: &str) -> Response {
    let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    raw(port, request.as_bytes()).expect("an answer")
}

/// Regression: any `Host` was answered, so a web page whose name was made
/// to point at this machine (DNS rebinding) could read the drafts.
#[test]
fn foreign_host_names_are_refused() {
    let root = fixture_copy();
    let mut server = Server::start(root.path(), &[]);
    let port = server.port;
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let r = ask_as(port, &host);
        assert_eq!(r.status, 403, "{host}");
        assert!(!r.body.contains("<html"), "{host}: {}", r.body);
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(ask_as(port, &host).status, 200, "{host}");
    }
    stop(&mut server);
}

/// `--allow-host NAME` lets the preview be reached by that name too.
#[test]
fn allowed_host_names_are_answered() {
    let root = fixture_copy();
    let mut server = Server::start(root.path(), &["--allow-host", "preview.test"]);
    let port = server.port;
    for host in [
        format!("preview.test:{port}"),
        format!("PREVIEW.TEST:{port}"),
    ] {
        assert_eq!(ask_as(port, &host).status, 200, "{host}");
    }
    assert_eq!(ask_as(port, &format!("other.test:{port}")).status, 403);
    stop(&mut server);
}

/// Regression: a server killed with SIGKILL left its temporary folder (the
/// served folder when no --out is given) for ever; the next one removes
/// it, and only the folders of servers no longer running.
#[test]
fn temporary_folders_of_dead_servers_are_removed() {
    let root = fixture_copy();
    let temp = root.path().join("tmp");
    // A pid that cannot be alive: above the kernel's pid_max limit.
    let dead = temp.join("minhbach-serve-4194400-aB3dE9");
    std::fs::create_dir_all(dead.join("public/en")).expect("mkdir");
    std::fs::write(dead.join("public/en/index.html"), "old").expect("write");
    let alive = temp.join(format!("minhbach-serve-{}-xY7", std::process::id()));
    std::fs::create_dir_all(&alive).expect("mkdir");
    let other = temp.join("minhbach-serve-notes");
    std::fs::create_dir_all(&other).expect("mkdir");
    let outside = root.path().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("keep.txt"), "keep").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, temp.join("minhbach-serve-4194401-link")).expect("link");

    let mut server = Server::start_with(root.path(), &[], &[("TMPDIR", &temp)]);
    assert!(!dead.exists(), "the dead server's folder is still there");
    assert!(alive.exists() && other.exists());
    assert_eq!(
        std::fs::read(outside.join("keep.txt")).expect("kept"),
        b"keep"
    );
    let own = format!("minhbach-serve-{}-", server.child.id());
    let names = || -> Vec<String> {
        std::fs::read_dir(&temp)
            .expect("tmp")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert!(names().iter().any(|n| n.starts_with(&own)), "{:?}", names());
    stop(&mut server);
    assert!(
        !names().iter().any(|n| n.starts_with(&own)),
        "{:?}",
        names()
    );
}

/// Regression: a rebuild wrote through a symbolic link inside the served
/// folder (a folder of the site replaced by a link to another folder got
/// the site's files there). Links are replaced by what the site has at
/// their place; what they point to stays byte for byte.
#[cfg(unix)]
#[test]
fn links_in_the_served_folder_are_not_written_through() {
    let root = fixture_copy();
    let served = root.path().join("served");
    let mut server = Server::start(root.path(), &["--out", "served"]);
    let outside = root.path().join("outside");
    std::fs::create_dir_all(outside.join("folder")).expect("mkdir");
    std::fs::write(outside.join("style.css"), "theirs").expect("write");
    std::fs::remove_dir_all(served.join("en")).expect("rm");
    std::os::unix::fs::symlink(outside.join("folder"), served.join("en")).expect("link");
    std::fs::remove_file(served.join("style.css")).expect("rm");
    std::os::unix::fs::symlink(outside.join("style.css"), served.join("style.css")).expect("link");

    let good = std::fs::read_to_string(root.path().join(SESSION)).expect("session");
    let edited = good.replace(
        "Ủy ban xem xét kết quả sáu tháng",
        "Ủy ban rà soát kết quả sáu tháng",
    );
    assert_ne!(good, edited);
    std::fs::write(root.path().join(SESSION), &edited).expect("edit");
    server.wait_line(|l| l.contains("changed; rebuilt"), CHANGE_DEADLINE);

    assert_eq!(
        std::fs::read_dir(outside.join("folder"))
            .expect("outside")
            .count(),
        0,
        "files were written through the link"
    );
    assert_eq!(
        std::fs::read(outside.join("style.css")).expect("outside"),
        b"theirs"
    );
    for link in ["en", "style.css"] {
        let meta = std::fs::symlink_metadata(served.join(link)).expect("there");
        assert!(!meta.file_type().is_symlink(), "{link} is still a link");
    }
    // The whole English site is back, not only what the edit changed.
    assert!(served.join("en/index.html").is_file());
    assert_eq!(server.get("/en/").status, 200);
    assert_eq!(server.get("/style.css").status, 200);
    assert!(server.log.iter().any(|l| l.contains("symbolic link")));
    stop(&mut server);
}
