use super::*;

/// Bytes, given out in pieces of at most `step`.
struct Bytes<'a> {
    data: &'a [u8],
    step: usize,
    read: usize,
}

impl Source for Bytes<'_> {
    fn read_within(&mut self, buf: &mut [u8], _: Duration) -> io::Result<usize> {
        let n = self.data.len().min(self.step).min(buf.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.read += n;
        Ok(n)
    }
}

fn read(data: &[u8]) -> Result<Request, Refusal> {
    read_head(&mut Bytes {
        data,
        step: 7,
        read: 0,
    })
}

fn status(data: &[u8]) -> u16 {
    match read(data) {
        Ok(_) => 200,
        Err(Refusal::Status(s, _)) => s,
        Err(Refusal::Gone) => 0,
    }
}

#[test]
fn a_plain_request_is_read() {
    let r = read(b"GET /en/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nAccept: */*\r\n\r\n").unwrap();
    assert_eq!(
        r,
        Request {
            method: "GET".into(),
            target: "/en/?x=1".into(),
            host: Some("127.0.0.1:1111".into()),
        }
    );
    assert_eq!(read(b"GET / HTTP/1.0\r\n\r\n").unwrap().host, None);
}

#[test]
fn malformed_heads_are_refused() {
    for bad in [
        &b"GET /a\nb HTTP/1.1\r\nHost: x\r\n\r\n"[..],
        b"GET /a\rb HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /a%0d%0aSet-Cookie:x HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /a%0A HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /a%7f HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /a\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /  HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\nX: y\r\n\r\n",
        b"G(T / HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        assert_eq!(status(bad), 400, "{}", String::from_utf8_lossy(bad));
    }
    assert_eq!(status(b"GET / HTTP/1.1\r\nHost: x"), 0, "cut short");
}

#[test]
fn heads_are_bounded() {
    // A request line without an end is read no further than its limit.
    let endless = vec![b'a'; 1 << 20];
    let mut src = Bytes {
        data: &endless,
        step: 4096,
        read: 0,
    };
    assert_eq!(
        read_head(&mut src),
        Err(Refusal::Status(400, "the request line is too long\n"))
    );
    assert!(src.read <= MAX_LINE + 2 * 4096, "read {}", src.read);

    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(MAX_LINE));
    assert_eq!(status(long_line.as_bytes()), 400);
    let big = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX: {}\r\n",
        "a".repeat(MAX_HEAD)
    );
    let mut src = Bytes {
        data: big.as_bytes(),
        step: 4096,
        read: 0,
    };
    assert_eq!(
        read_head(&mut src),
        Err(Refusal::Status(431, "the request headers are too large\n"))
    );
    let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(
        status(format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes()),
        431
    );
}

#[test]
fn hosts_are_those_served() {
    let local = Hosts::new("127.0.0.1:1111".parse().unwrap(), &[]);
    for ok in [
        "127.0.0.1:1111",
        "localhost:1111",
        "LOCALHOST:1111",
        "[::1]:1111",
    ] {
        assert!(local.allows(ok), "{ok}");
    }
    for no in [
        "evil.example:1111",
        "127.0.0.1:2222",
        "evil.example",
        "192.168.1.2:1111",
        "localhost.:1111",
        "a.localhost:1111",
        "127.0.0.1:1111:1111",
        "[::1:1111",
        ":1111",
        "127.0.0.1:+1111",
        "",
    ] {
        assert!(!local.allows(no), "{no}");
    }
    let every = Hosts::new("0.0.0.0:80".parse().unwrap(), &["Preview.Lan".to_owned()]);
    for ok in [
        "192.168.1.2",
        "10.0.0.1:80",
        "[fe80::1]",
        "localhost",
        "preview.lan",
    ] {
        assert!(every.allows(ok), "{ok}");
    }
    for no in ["evil.example", "preview.lan:81", "192.168.1.2:81"] {
        assert!(!every.allows(no), "{no}");
    }
}
