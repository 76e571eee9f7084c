//! The HTTP layer of the preview: a small HTTP/1.1 server on `std::net`,
//! for what the preview needs and no more (GET and HEAD, one request per
//! connection).
//!
//! It replaces a general HTTP library whose guarantees did not hold for a
//! server anyone on the machine (or a web page, through the browser) can
//! talk to: that library read a request line until its line end without a
//! limit, kept bare CR and LF inside it, and left the writing of responses
//! to the caller's thread. What this layer guarantees instead:
//!
//! - **No client delays another.** The accepting thread only accepts; each
//!   connection is read and answered on a thread of its own, at most
//!   [`MAX_CONNECTIONS`] at once (one more is told 503, without a wait).
//!   A request head must arrive within [`READ_DEADLINE`], and a response
//!   is abandoned when the client takes more than [`WRITE_STALL`] to make
//!   room for its next part or [`WRITE_DEADLINE`] for all of it.
//! - **Bounded memory per connection.** The request line may be
//!   [`MAX_LINE`] bytes (400 beyond), the whole head [`MAX_HEAD`] bytes and
//!   [`MAX_HEADERS`] lines (431 beyond); a body is never read.
//! - **A strict request head.** Lines end with CR LF; a bare CR or LF, any
//!   other control byte, or a folded header line is a 400, as is a target
//!   that is not a path starting with `/`, or that holds a control
//!   character (raw or percent-encoded) or a byte outside ASCII. So nothing
//!   a client sends can end a header line of a response.
//! - **Only the names it serves.** The `Host` header must name this server
//!   ([`Hosts`]): a web page that points a name of its own at this machine
//!   (DNS rebinding) gets a 403, not the drafts.
//!
//! Every response says `Connection: close` and the connection ends after
//! it: no pipelining or reuse to get wrong. Previews are read on this
//! machine, where a new connection costs next to nothing.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown as Half, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::http::{self, Handler, Response};
use super::Reporter;

/// The longest request line (method, target, version).
pub(crate) const MAX_LINE: usize = 8 * 1024;
/// The longest request head (request line and headers).
pub(crate) const MAX_HEAD: usize = 32 * 1024;
/// The most header lines in a request.
pub(crate) const MAX_HEADERS: usize = 100;
/// Connections served at once (waiting polls included).
pub(crate) const MAX_CONNECTIONS: usize = 256;
/// How long a client has to send its whole request head.
pub(crate) const READ_DEADLINE: Duration = Duration::from_secs(10);
/// How long a client may leave a response's next part unread.
pub(crate) const WRITE_STALL: Duration = Duration::from_secs(10);
/// How long a whole response may take to be read.
pub(crate) const WRITE_DEADLINE: Duration = Duration::from_secs(60);
/// After answering, what is read and thrown away (the rest of a refused
/// request) before closing, so that the client reads the answer instead of
/// a reset connection.
const DRAIN_BYTES: usize = 4 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(2);

/// The `Host` values this server answers to.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    /// The address it is bound to.
    bound: IpAddr,
    port: u16,
    /// Names allowed besides `localhost` (`--allow-host`), lower case.
    names: Vec<String>,
}

impl Hosts {
    pub(crate) fn new(addr: SocketAddr, names: &[String]) -> Hosts {
        Hosts {
            bound: addr.ip(),
            port: addr.port(),
            names: names.iter().map(|n| n.to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a request with this `Host` header is for this server: the
    /// right port (if it says one; a name is what DNS rebinding turns
    /// against a server, not a missing port), and `localhost`, a name allowed with `--allow-host`, or
    /// an IP address (one of the loopback addresses or the bound one; any,
    /// when bound to every interface). An IP address cannot be made to
    /// point elsewhere, a name can: that is what DNS rebinding does.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port.is_some_and(|p| p != self.port) {
            return false;
        }
        let name = name.to_ascii_lowercase();
        if name == "localhost" || self.names.contains(&name) {
            return true;
        }
        match parse_ip(&name) {
            Some(ip) => self.bound.is_unspecified() || ip == self.bound || ip.is_loopback(),
            None => false,
        }
    }
}

/// `name[:port]` or `[v6]:port`, as the `Host` header has it.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let name = &host[..inside.len() + 2];
        match after {
            "" => (name, None),
            p => (name, Some(p.strip_prefix(':')?)),
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (host, None),
        }
    };
    if name.is_empty() {
        return None;
    }
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
    };
    Some((name, port))
}

/// An IPv4 address, or an IPv6 one in brackets.
fn parse_ip(name: &str) -> Option<IpAddr> {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

/// A request as far as the preview looks at it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub method: String,
    /// The path and query, checked: printable ASCII starting with `/`.
    pub target: String,
    pub host: Option<String>,
}

/// Why a request head is not answered as asked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Answered with this status and message.
    Status(u16, &'static str),
    /// The client went away, or sent nothing in time: nothing to answer.
    Gone,
}

fn bad(why: &'static str) -> Refusal {
    Refusal::Status(400, why)
}

/// Where the head ends (after its empty line), if it has.
fn head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

/// Reads a request head from `stream`, within the limits.
pub(crate) fn read_head(stream: &mut impl Source) -> Result<Request, Refusal> {
    let started = Instant::now();
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = head_end(&buf) {
            return parse_head(&buf[..end]);
        }
        // The request line, or what came of it so far, within its limit.
        let line = buf
            .windows(2)
            .position(|w| w == b"\r\n")
            .unwrap_or(buf.len());
        if line > MAX_LINE {
            return Err(bad("the request line is too long\n"));
        }
        if buf.len() > MAX_HEAD {
            return Err(Refusal::Status(431, "the request headers are too large\n"));
        }
        let Some(left) = READ_DEADLINE.checked_sub(started.elapsed()) else {
            return Err(Refusal::Gone);
        };
        match stream.read_within(&mut chunk, left) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Refusal::Gone),
        }
    }
}

/// What a request is read from: a TCP stream, or bytes in a test.
pub(crate) trait Source {
    fn read_within(&mut self, buf: &mut [u8], limit: Duration) -> io::Result<usize>;
}

impl Source for TcpStream {
    fn read_within(&mut self, buf: &mut [u8], limit: Duration) -> io::Result<usize> {
        self.set_read_timeout(Some(limit.max(Duration::from_millis(1))))?;
        self.read(buf)
    }
}

/// Parses a complete head (ending with the empty line).
fn parse_head(head: &[u8]) -> Result<Request, Refusal> {
    // Every CR starts a line end, every LF ends one; no other control
    // byte anywhere (a tab only inside header values).
    for (i, &b) in head.iter().enumerate() {
        let ok = match b {
            b'\r' => head.get(i + 1) == Some(&b'\n'),
            b'\n' => i > 0 && head[i - 1] == b'\r',
            b'\t' => true,
            0..=0x1f | 0x7f => false,
            _ => true,
        };
        if !ok {
            return Err(bad(
                "a request may not hold control characters or bare line ends\n",
            ));
        }
    }
    // Checked above: the head is CR LF separated lines, and ends with an
    // empty one.
    let text = &head[..head.len() - 4];
    let mut lines = text
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let first = lines.next().unwrap_or_default();
    if first.len() > MAX_LINE {
        return Err(bad("the request line is too long\n"));
    }
    if !first.is_ascii() || first.contains(&b'\t') {
        return Err(bad("the request line is not plain ASCII\n"));
    }
    // Checked ASCII just above.
    let first = std::str::from_utf8(first).map_err(|_| bad("the request line is not ASCII\n"))?;
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("a request line is METHOD TARGET HTTP/1.1\n"));
    };
    if method.is_empty() || !method.bytes().all(is_token) {
        return Err(bad("the method is not a name\n"));
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(bad("only HTTP/1.1 and HTTP/1.0 are served\n"));
    }
    check_target(target)?;
    let mut host = None;
    let mut count = 0;
    for line in lines {
        count += 1;
        if count > MAX_HEADERS {
            return Err(Refusal::Status(431, "too many request headers\n"));
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err(bad("a header line is NAME: VALUE\n"));
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        // No space before the colon, and no folded lines (which start
        // with a space): both were ways to smuggle requests.
        if name.is_empty() || !name.iter().all(|&b| is_token(b)) {
            return Err(bad("a header's name is not a name\n"));
        }
        if name.eq_ignore_ascii_case(b"host") {
            if host.is_some() {
                return Err(bad("a request has one Host header\n"));
            }
            let value = String::from_utf8_lossy(value.trim_ascii()).into_owned();
            host = Some(value);
        }
    }
    if version == "HTTP/1.1" && host.is_none() {
        return Err(bad("an HTTP/1.1 request needs a Host header\n"));
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        host,
    })
}

/// A character of a token (a method or header name).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A target the preview answers: a path from `/` (with a query), in
/// printable ASCII, without control characters also when percent-decoded.
fn check_target(target: &str) -> Result<(), Refusal> {
    if !target.starts_with('/') {
        return Err(bad("the request target must be a path starting with /\n"));
    }
    if !target.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err(bad("the request target is not printable ASCII\n"));
    }
    let decoded = percent_encoding::percent_decode_str(target);
    if decoded.into_iter().any(|b| b < 0x20 || b == 0x7f) {
        return Err(bad("the request target holds a control character\n"));
    }
    Ok(())
}

/// What every connection thread shares.
pub(crate) struct Shared {
    pub handler: Handler,
    pub hosts: Hosts,
    /// Polls waiting now.
    pub waiting: AtomicUsize,
    /// Connections open now.
    pub open: AtomicUsize,
}

/// Accepts connections until `stop` says so (checked after each one; see
/// [`wake`]), each answered on its own thread.
pub(crate) fn accept(
    listener: &TcpListener,
    shared: &Arc<Shared>,
    stop: &dyn Fn() -> bool,
    reporter: &dyn Reporter,
) {
    loop {
        let accepted = listener.accept();
        if stop() {
            return;
        }
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, most likely: let some close.
                reporter.problem(&crate::diagnostics::say!(
                    en: "accepting a connection: {e}",
                    vi: "khi nhận kết nối: {e}"
                ));
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if shared.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.open.fetch_sub(1, Ordering::SeqCst);
            refuse_busy(stream);
            continue;
        }
        let mine = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("minhbach-http".to_owned())
            .spawn(move || {
                serve_connection(stream, &mine);
                mine.open.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            shared.open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Wakes [`accept`] (blocked in `accept`) so it sees that it must stop.
pub(crate) fn wake(addr: SocketAddr) {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let _ = TcpStream::connect_timeout(&SocketAddr::new(ip, addr.port()), Duration::from_secs(1));
}

/// Too many connections: a short 503, written without waiting (it fits in
/// an empty socket buffer; if not, the client gets nothing).
fn refuse_busy(stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let r = http::text(503, "busy\n".to_owned(), "text/plain; charset=utf-8")
        .with_header("Retry-After", "2");
    let _ = (&stream).write_all(&r.head());
    let _ = (&stream).write_all(&r.body);
}

fn serve_connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    let (response, head_only) = match read_head(&mut stream) {
        Ok(request) => {
            let head_only = request.method == "HEAD";
            (answer(&request, shared), head_only)
        }
        Err(Refusal::Status(code, why)) => (
            http::text(code, why.to_owned(), "text/plain; charset=utf-8"),
            false,
        ),
        Err(Refusal::Gone) => return,
    };
    if send(&mut stream, &response, head_only).is_ok() {
        linger(&mut stream);
    }
}

fn answer(request: &Request, shared: &Shared) -> Response {
    let host = request.host.as_deref().unwrap_or("localhost");
    if !shared.hosts.allows(host) {
        return http::text(
            403,
            "this preview answers only to localhost and IP addresses; \
             start it with --allow-host NAME to be reached as NAME\n"
                .to_owned(),
            "text/plain; charset=utf-8",
        );
    }
    if http::is_event_poll(&request.target) && matches!(request.method.as_str(), "GET" | "HEAD") {
        // Waiting polls are bounded apart from the other connections, so
        // that pages left open cannot take every connection.
        if shared.waiting.fetch_add(1, Ordering::SeqCst) >= http::MAX_WAITING {
            shared.waiting.fetch_sub(1, Ordering::SeqCst);
            return http::busy();
        }
        let r = http::answer_poll(&request.target, &shared.handler.state);
        shared.waiting.fetch_sub(1, Ordering::SeqCst);
        return r;
    }
    shared.handler.answer(&request.method, &request.target)
}

/// Writes the response within [`WRITE_STALL`] per part and
/// [`WRITE_DEADLINE`] in all.
fn send(stream: &mut TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    let deadline = Instant::now() + WRITE_DEADLINE;
    let head = response.head();
    let body: &[u8] = if head_only { &[] } else { &response.body };
    for part in std::iter::once(head.as_slice()).chain(body.chunks(64 * 1024)) {
        let left = deadline
            .checked_duration_since(Instant::now())
            .ok_or(io::ErrorKind::TimedOut)?;
        stream.set_write_timeout(Some(left.min(WRITE_STALL).max(Duration::from_millis(1))))?;
        stream.write_all(part)?;
    }
    stream.flush()
}

/// Ends the connection after the answer: no more writing, and what the
/// client still sends (the rest of a refused request) read and dropped,
/// within bounds, so that closing does not reset the connection before
/// the client has read the answer.
fn linger(stream: &mut TcpStream) {
    let _ = stream.shutdown(Half::Write);
    let started = Instant::now();
    let mut drained = 0;
    let mut chunk = [0u8; 16 * 1024];
    while drained < DRAIN_BYTES {
        let Some(left) = DRAIN_TIME.checked_sub(started.elapsed()) else {
            break;
        };
        match stream.read_within(&mut chunk, left) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests;
