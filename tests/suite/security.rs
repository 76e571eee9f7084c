//! Nothing published can run a script. The `hostile` fixture puts script
//! tags, event handlers, quotes, template syntax (`{{ 7*7 }}`, `{% raw %}`),
//! `javascript:` links and spreadsheet formulas into every text field, and
//! raw HTML attacks into the Markdown notes and descriptions. The site is
//! built from it and every file written is read back with a real parser for
//! its type (HTML with scraper, SVG and feeds with roxmltree, JSON, CSV) and
//! searched for anything that could execute: script elements, `on*`
//! attributes, `javascript:` URLs, frames and objects, formulas, and
//! evaluated template syntax. Embed codes (HTML shown in a text box for
//! others to paste) are parsed again as the HTML they become.

use crate::common;

use std::fs;
use std::path::Path;

use scraper::{ElementRef, Html, Node};

/// Content text is marked `ZZ<field>…` in the fixture; every text that
/// carries the marker must keep the template syntax as written.
const MARKER: &str = "ZZ";
/// What `{{ 7*7 }}` and `{{ 8*8 }}` would become if evaluated.
const EVALUATED: [&str; 2] = ["49", "64"];
/// The template syntax of the fixture, as it must appear on a page.
const VERBATIM: &str = "{{ 7*7 }} {% raw %}{{ 8*8 }}{% endraw %} {# c #}";
/// The base URL of the fixture; embed codes may frame pages under it.
const BASE_URL: &str = "https://example.org/hostile/";

/// Builds the hostile fixture into a temporary folder.
fn build_hostile() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let fixture = common::fixture("hostile");
    let seeds = fixture.join("seeds");
    common::build_ok(
        &fixture.join("content"),
        &out,
        &["--seeds", seeds.to_str().unwrap()],
    );
    (tmp, out)
}

/// Problems found, by file.
#[derive(Default)]
struct Findings {
    problems: Vec<String>,
    /// Texts seen that carry the content marker (decoded, not raw bytes).
    marked_texts: usize,
    /// Whether the template syntax was seen verbatim in pages and charts.
    verbatim_in_html: bool,
    verbatim_in_svg: bool,
    embed_codes: usize,
    csv_cells_neutralised: usize,
    /// JSON-LD blocks of pages that carry content.
    json_ld_with_content: usize,
}

impl Findings {
    fn add(&mut self, file: &str, what: String) {
        self.problems.push(format!("{file}: {what}"));
    }

    /// A decoded text (text node, attribute value, JSON string, CSV cell).
    fn text(&mut self, file: &str, text: &str) {
        if !text.contains(MARKER) {
            return;
        }
        self.marked_texts += 1;
        // A description in the data files is the author's Markdown as
        // written, whose `data:…;base64,` links hold a 64 of their own.
        let text_without_base64 = text.replace("base64", "");
        for e in EVALUATED {
            if text_without_base64.contains(e) {
                self.add(
                    file,
                    format!("template syntax from content was evaluated ({e}): {text:?}"),
                );
            }
        }
    }
}

/// A URL that would run code when followed or loaded: `javascript:` and
/// `vbscript:` in any case, with the whitespace and control characters that
/// browsers skip, and HTML documents as `data:` URLs.
fn is_dangerous_url(value: &str) -> bool {
    let folded: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    folded.starts_with("javascript:")
        || folded.starts_with("vbscript:")
        || folded.starts_with("data:text/html")
        || folded.starts_with("data:image/svg")
        || folded.starts_with("data:application")
}

/// Attributes whose value is loaded or followed as a URL.
const URL_ATTRIBUTES: [&str; 12] = [
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "srcset",
    "longdesc",
    "ping",
];

/// Elements that must never come from content (or be in the site at all).
const FORBIDDEN_HTML: [&str; 8] = [
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "noembed",
];

/// Checks one HTML element's name and attributes.
fn check_html_element(f: &mut Findings, file: &str, el: ElementRef, in_embed_code: bool) {
    let name = el.value().name();
    for (attr, value) in el.value().attrs() {
        let attr = attr.to_ascii_lowercase();
        if attr.starts_with("on") {
            f.add(
                file,
                format!("<{name}> has an event handler attribute {attr}={value:?}"),
            );
        }
        if URL_ATTRIBUTES.contains(&attr.as_str()) && is_dangerous_url(value) {
            f.add(file, format!("<{name} {attr}={value:?}> runs code"));
        }
        if attr == "srcdoc" {
            f.add(file, format!("<{name}> has srcdoc"));
        }
        if attr == "style"
            && (value.to_ascii_lowercase().contains("javascript:")
                || value.to_ascii_lowercase().contains("expression("))
        {
            f.add(
                file,
                format!("<{name}> has a style that runs code: {value:?}"),
            );
        }
        f.text(file, value);
    }
    match name {
        "script" => check_script(f, file, el),
        "meta" => {
            let equiv = el.value().attr("http-equiv").unwrap_or("");
            if equiv.eq_ignore_ascii_case("refresh") {
                f.add(file, "a <meta http-equiv=refresh>".to_owned());
            }
        }
        // An embed code frames the site's own embed page, nothing else.
        "iframe"
            if in_embed_code
                && el
                    .value()
                    .attr("src")
                    .is_some_and(|s| s.starts_with(BASE_URL)) => {}
        n if FORBIDDEN_HTML.contains(&n) => f.add(file, format!("a <{n}> element")),
        _ => {}
    }
}

/// Scripts: only files the site ships, by relative `src`; an inline
/// `<script>` is allowed only as a JSON data block that parses whole (so
/// that content cannot have closed it early).
fn check_script(f: &mut Findings, file: &str, el: ElementRef) {
    let body: String = el.text().collect();
    match el.value().attr("src") {
        Some(src) => {
            let ok = src.ends_with(".js")
                && !src.contains(':')
                && !src.starts_with("//")
                && !src.contains(MARKER);
            if !ok || !body.trim().is_empty() {
                f.add(
                    file,
                    format!("<script src={src:?}> is not a file of the site"),
                );
            }
        }
        None => {
            let ty = el.value().attr("type").unwrap_or("").to_ascii_lowercase();
            let data = ty == "application/ld+json" || ty == "application/json";
            if !data {
                f.add(
                    file,
                    format!("an inline script (type {ty:?}): {}", short(&body)),
                );
            } else {
                match serde_json::from_str::<serde_json::Value>(&body) {
                    Err(e) => f.add(
                        file,
                        format!(
                            "a JSON script block that does not parse ({e}): {}",
                            short(&body)
                        ),
                    ),
                    Ok(v) => {
                        // Content reaches the block only as JSON escapes:
                        // nothing in it can end the element.
                        if body.contains('<') {
                            f.add(
                                file,
                                format!("a `<` in a JSON script block: {}", short(&body)),
                            );
                        }
                        let before = f.marked_texts;
                        check_json(f, file, &v, "");
                        if f.marked_texts > before && ty == "application/ld+json" {
                            f.json_ld_with_content += 1;
                        }
                    }
                }
            }
        }
    }
}

fn short(s: &str) -> String {
    s.chars().take(120).collect()
}

/// Every element and text of an HTML document or fragment. Text boxes
/// holding embed codes are parsed as the HTML a reader would paste.
fn check_html_tree(f: &mut Findings, file: &str, html: &Html, in_embed_code: bool) {
    for node in html.tree.nodes() {
        match node.value() {
            Node::Element(_) => {
                let el = ElementRef::wrap(node).expect("an element node");
                check_html_element(f, file, el, in_embed_code);
                // A citation's BibTeX and RIS are plain text for a
                // reference manager, not HTML: their text is checked as
                // text.
                let citation = el
                    .value()
                    .id()
                    .is_some_and(|id| id.ends_with("-bibtex") || id.ends_with("-ris"));
                if el.value().name() == "textarea" && !citation {
                    let code: String = el.text().collect();
                    if code.contains('<') {
                        f.embed_codes += 1;
                        check_html_tree(f, file, &Html::parse_fragment(&code), true);
                    }
                }
            }
            Node::Text(t) => {
                f.text(file, t);
                if !in_embed_code && t.contains(VERBATIM) {
                    f.verbatim_in_html = true;
                }
            }
            Node::Comment(c) if c.contains(MARKER) => {
                f.add(
                    file,
                    format!("content inside an HTML comment: {:?}", short(c)),
                );
            }
            _ => {}
        }
    }
}

/// The Content-Security-Policy of a page: present, before anything it must
/// govern, and forbidding inline scripts, plugins and `<base>`.
fn check_csp(f: &mut Findings, file: &str, html: &Html) {
    let metas = scraper::Selector::parse("head > meta[http-equiv]").unwrap();
    let Some(meta) = html.select(&metas).find(|m| {
        m.value()
            .attr("http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
    }) else {
        f.add(
            file,
            "no Content-Security-Policy meta tag in <head>".to_owned(),
        );
        return;
    };
    let policy = meta.value().attr("content").unwrap_or("");
    let directive = |name: &str| -> Option<Vec<String>> {
        policy.split(';').map(str::trim).find_map(|d| {
            let mut words = d.split_ascii_whitespace();
            (words.next()? == name).then(|| words.map(str::to_owned).collect())
        })
    };
    let expect = |f: &mut Findings, name: &str, want: &[&str]| match directive(name) {
        Some(v) if v == want => {}
        other => f.add(file, format!("CSP {name} is {other:?}, expected {want:?}")),
    };
    expect(f, "default-src", &["'self'"]);
    expect(f, "script-src", &["'self'"]);
    expect(f, "object-src", &["'none'"]);
    expect(f, "base-uri", &["'none'"]);
    expect(f, "style-src", &["'self'"]);
    expect(f, "img-src", &["'self'", "data:"]);
    // A policy applies to what follows it: it must come before every
    // script, stylesheet and image.
    let head = scraper::Selector::parse("head > *").unwrap();
    for el in html.select(&head) {
        if el == meta {
            break;
        }
        let n = el.value().name();
        if matches!(n, "script" | "link" | "style" | "img") {
            f.add(file, format!("<{n}> comes before the CSP meta tag"));
        }
    }
}

/// SVG charts and XML feeds, with roxmltree (which refuses DTDs, so no
/// entity tricks). A feed's HTML payloads are parsed as HTML.
fn check_xml(f: &mut Findings, file: &str, text: &str) {
    let doc = match roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            f.add(file, format!("not well-formed XML: {e}"));
            return;
        }
    };
    let svg = file.ends_with(".svg");
    for node in doc.descendants() {
        if node.is_text() {
            let t = node.text().unwrap_or("");
            f.text(file, t);
            if svg && t.contains(VERBATIM) {
                f.verbatim_in_svg = true;
            }
            let parent = node.parent_element();
            let html_payload = parent.is_some_and(|p| {
                p.attribute("type") == Some("html")
                    || matches!(p.tag_name().name(), "description" | "encoded")
            });
            if html_payload && t.contains('<') {
                check_html_tree(f, file, &Html::parse_fragment(t), false);
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name();
        if matches!(
            name,
            "script" | "foreignObject" | "iframe" | "embed" | "object" | "handler" | "listener"
        ) {
            f.add(file, format!("a <{name}> element"));
        }
        if matches!(
            name,
            "set" | "animate" | "animateTransform" | "animateMotion"
        ) {
            let target = node.attribute("attributeName").unwrap_or("");
            if target.starts_with("on") || target.contains("href") {
                f.add(file, format!("<{name} attributeName={target:?}>"));
            }
        }
        for a in node.attributes() {
            let an = a.name();
            if an.to_ascii_lowercase().starts_with("on") {
                f.add(
                    file,
                    format!("<{name}> has an event handler {an}={:?}", a.value()),
                );
            }
            if is_dangerous_url(a.value()) {
                f.add(file, format!("<{name} {an}={:?}> runs code", a.value()));
            }
            f.text(file, a.value());
        }
    }
}

/// Every string in a JSON document; strings under a key ending in `html`
/// are parsed as HTML.
fn check_json(f: &mut Findings, file: &str, v: &serde_json::Value, key: &str) {
    match v {
        serde_json::Value::String(s) => {
            f.text(file, s);
            if key.ends_with("html") {
                check_html_tree(f, file, &Html::parse_fragment(s), false);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| check_json(f, file, x, key)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| check_json(f, file, x, k)),
        _ => {}
    }
}

/// A CSV cell a spreadsheet would run as a formula: one that starts with
/// `=`, `+`, `-`, `@`, tab or carriage return and is not a plain number.
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.trim().parse::<f64>().is_err()
}

fn check_csv(f: &mut Findings, file: &str, bytes: &[u8]) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    for (i, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                f.add(file, format!("row {i} is not CSV: {e}"));
                return;
            }
        };
        for cell in row.iter() {
            f.text(file, cell);
            if is_formula(cell) {
                f.add(
                    file,
                    format!("row {i}: a cell a spreadsheet would run: {cell:?}"),
                );
            }
            if cell.starts_with('\'') && cell[1..].starts_with(['=', '+', '-', '@']) {
                f.csv_cells_neutralised += 1;
            }
        }
    }
}

/// A script file. The site's own scripts carry no content; a data script
/// (`name = {…};`) must hold its data as one JSON value, so that no content
/// string could have ended its literal and run.
fn check_js(f: &mut Findings, file: &str, text: &str) {
    if !text
        .to_ascii_lowercase()
        .contains(&MARKER.to_ascii_lowercase())
    {
        return;
    }
    let start = text.find(['{', '[']);
    let end = text.rfind(['}', ']']);
    let json = match (start, end) {
        (Some(s), Some(e)) if s < e => &text[s..=e],
        _ => {
            f.add(file, "content in a script that holds no JSON".to_owned());
            return;
        }
    };
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(v) => check_json(f, file, &v, ""),
        Err(e) => f.add(
            file,
            format!("content in a script, outside one JSON value ({e})"),
        ),
    }
    for line in text
        .lines()
        .filter(|l| l.to_ascii_lowercase().contains("zz"))
    {
        for e in EVALUATED {
            if line.contains(e) {
                f.add(file, format!("template syntax evaluated in a script ({e})"));
            }
        }
    }
}

/// Reads back every file of the site and checks it by its type.
fn check_site(site: &Path) -> Findings {
    let mut f = Findings::default();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = common::rel_path(site, entry.path());
        let bytes = fs::read(entry.path()).unwrap();
        let ext = rel.rsplit('.').next().unwrap_or("");
        let text = || String::from_utf8(bytes.clone()).unwrap_or_default();
        match ext {
            "html" => {
                let html = Html::parse_document(&text());
                check_html_tree(&mut f, &rel, &html, false);
                check_csp(&mut f, &rel, &html);
            }
            "svg" | "xml" => check_xml(&mut f, &rel, &text()),
            "json" | "jsonld" | "webmanifest" => {
                match serde_json::from_slice::<serde_json::Value>(&bytes) {
                    Ok(v) => check_json(&mut f, &rel, &v, ""),
                    Err(e) => f.add(&rel, format!("not JSON: {e}")),
                }
            }
            "csv" => check_csv(&mut f, &rel, &bytes),
            "js" => check_js(&mut f, &rel, &text()),
            // The folder's own marker: the hashes of the site's own files.
            "minhbach-site" => {
                let text = text();
                let mut lines = text.lines();
                if lines.next() != Some("minhbach site") {
                    f.add(&rel, "a marker without its first line".to_owned());
                }
                for line in lines.filter(|l| !l.starts_with('#')) {
                    if line.len() != 16 || u64::from_str_radix(line, 16).is_err() {
                        f.add(&rel, format!("lists {line:?}, not a hash"));
                    }
                }
            }
            "css" | "txt" => {
                if text().contains(MARKER) {
                    f.add(&rel, "content in a stylesheet or text file".to_owned());
                }
            }
            "png" => {
                if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
                    f.add(&rel, "not a PNG".to_owned());
                }
            }
            // The workbook and the zip hold the data files' texts,
            // compressed: their cells are checked as the CSV's are
            // (tests/suite/downloads.rs reads them back).
            "xlsx" | "zip" => {
                if !bytes.starts_with(b"PK\x03\x04") {
                    f.add(&rel, "not a zip archive".to_owned());
                }
            }
            other => f.add(
                &rel,
                format!("no check for `.{other}` files: add one to tests/suite/security.rs"),
            ),
        }
    }
    f
}

#[test]
fn nothing_from_hostile_content_can_run_anywhere_in_the_site() {
    let (_tmp, site) = build_hostile();
    let f = check_site(&site);
    assert!(
        f.problems.is_empty(),
        "{} problems:\n{}",
        f.problems.len(),
        f.problems.join("\n")
    );
    // The checks saw the content: it is shown (escaped), not dropped.
    assert!(
        f.marked_texts > 200,
        "only {} texts carried content",
        f.marked_texts
    );
    assert!(
        f.verbatim_in_html,
        "the template syntax is not shown as written on any page"
    );
    assert!(
        f.verbatim_in_svg,
        "the template syntax is not shown as written in any chart"
    );
    assert!(f.embed_codes > 0, "no embed code was checked");
    assert!(
        f.json_ld_with_content > 0,
        "no JSON-LD block with content was checked"
    );
    assert!(
        f.csv_cells_neutralised >= 4,
        "only {} formula-like text cells were neutralised",
        f.csv_cells_neutralised
    );
}

/// The checks above are only worth something if they catch what they look
/// for: each planted problem must be reported.
#[test]
fn the_checks_catch_what_they_look_for() {
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; img-src 'self' data:; style-src 'self'\"></head><body>{body}</body></html>"
        )
    };
    let found = |html: String| {
        let mut f = Findings::default();
        let doc = Html::parse_document(&html);
        check_html_tree(&mut f, "t.html", &doc, false);
        check_csp(&mut f, "t.html", &doc);
        f.problems
    };
    assert!(found(page("<p>ok</p>")).is_empty());
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" JaVa\tScRiPt:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<p>ZZ 49</p>",
        "<textarea>&lt;img src=x onerror=alert(1)&gt;</textarea>",
        "<script type=application/ld+json>{\"a\": \"</script><script>alert(1)</script>",
        "<meta http-equiv=refresh content=\"0;url=https://evil.example/\">",
    ] {
        assert!(!found(page(bad)).is_empty(), "not caught: {bad}");
    }
    let no_csp = "<!DOCTYPE html><html><head><meta charset=utf-8></head><body></body></html>";
    assert!(!found(no_csp.to_owned()).is_empty());

    let mut f = Findings::default();
    check_xml(
        &mut f,
        "c.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><g onload=\"x\"/></svg>",
    );
    assert_eq!(f.problems.len(), 2, "{:?}", f.problems);
    let mut f = Findings::default();
    check_csv(
        &mut f,
        "r.csv",
        b"a,b\r\n=HYPERLINK(1),-5\r\n'=ok,@SUM(1)\r\n",
    );
    assert_eq!(f.problems.len(), 2, "{:?}", f.problems);
    let mut f = Findings::default();
    check_js(
        &mut f,
        "i.js",
        "window.x = {\"a\": \"ZZ\" };alert(1);\"\"};",
    );
    assert_eq!(f.problems.len(), 1, "{:?}", f.problems);
}

/// A `javascript:` (or other non-web) link in a URL field is refused with
/// an error naming the field, so it can never be published.
#[test]
fn script_links_in_url_fields_fail_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixture("hostile"), tmp.path());
    let session = tmp
        .path()
        .join("content/sessions/2023-01-10-hostile/session.yaml");
    let text = fs::read_to_string(&session).unwrap();
    let first_url = text.find("url: ").unwrap();
    let line_end = first_url + text[first_url..].find('\n').unwrap();
    let bad = format!(
        "{}url: 'javascript:alert(1)'{}",
        &text[..first_url],
        &text[line_end..]
    );
    fs::write(&session, bad).unwrap();
    let register = tmp.path().join("seeds/hostile-register.yaml");
    let text = fs::read_to_string(&register).unwrap();
    let text = text
        .lines()
        .map(|l| {
            if l.starts_with("url:") {
                "url: ' JAVASCRIPT:alert(1)'"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&register, text).unwrap();
    let out = tmp.path().join("site");
    let r = common::build(&tmp.path().join("content"), &out, &["--format", "json"]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let bad_urls: Vec<_> = r
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "bad-url")
        .collect();
    assert_eq!(bad_urls.len(), 2, "{}", r.output());
    assert!(bad_urls.iter().all(|d| d["line"].is_number()));
    assert!(!out.exists());
}

/// Every page of the bundled site carries the policy and runs no inline
/// script; every output file name is plain ASCII.
#[test]
fn bundled_site_pages_have_the_policy_and_ascii_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    common::build_ok(&common::repo().join("content"), &out, &[]);
    let mut f = Findings::default();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let rel = common::rel_path(&out, entry.path());
        assert!(
            rel.is_ascii() && !rel.contains(['\\', ':', ' ']),
            "output name is not plain ASCII: {rel:?}"
        );
        if rel.ends_with(".html") {
            pages += 1;
            let html = Html::parse_document(&fs::read_to_string(entry.path()).unwrap());
            check_csp(&mut f, &rel, &html);
            let scripts = scraper::Selector::parse("script").unwrap();
            for s in html.select(&scripts) {
                check_script(&mut f, &rel, s);
            }
        }
    }
    assert!(pages > 100, "only {pages} pages");
    assert!(f.problems.is_empty(), "{}", f.problems.join("\n"));
}

/// Runs `minhbach` with `args` under an address-space limit of `mem_mb`
/// megabytes, killing it after `secs` seconds: a run that reads a device
/// without end, or waits on a pipe, fails the test instead of hanging it.
fn run_bounded(args: &[&std::ffi::OsStr], mem_mb: u64, secs: u64) -> common::Run {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new("prlimit")
        .arg(format!("--as={}", mem_mb * 1024 * 1024))
        .arg(env!("CARGO_BIN_EXE_minhbach"))
        .args(common::english(args))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prlimit runs the binary");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut o = Vec::new();
        let _ = out.read_to_end(&mut o);
        o
    });
    let errs = std::thread::spawn(move || {
        let mut e = Vec::new();
        let _ = err.read_to_end(&mut e);
        e
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("minhbach {args:?} did not finish in {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let (stdout, stderr) = (reader.join().unwrap(), errs.join().unwrap());
    common::Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

/// A committed link to `/dev/zero` and a pipe in the content: the loader
/// reads neither, and the report of their warnings must not either (it
/// read the link without end, and waited on the pipe for ever).
#[test]
fn the_report_reads_no_link_and_no_pipe() {
    let tmp = tempfile::tempdir().unwrap();
    let content = common::content_with(tmp.path(), None);
    std::os::unix::fs::symlink("/dev/zero", content.join("readme")).unwrap();
    let fifo = content.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let r = run_bounded(
        &[os("check"), os("--content"), content.as_os_str()],
        1024,
        30,
    );
    assert_eq!(r.code, Some(0), "{}", r.output());
    assert!(r.stderr.contains("symlink-ignored"), "{}", r.stderr);
    assert!(r.stderr.contains("readme"), "{}", r.stderr);
    assert!(r.stderr.contains("not-a-file"), "{}", r.stderr);
    assert!(r.stderr.contains("pipe"), "{}", r.stderr);
}

/// A file refused as too large is named in the report but not read for
/// it (it was read whole, at three times its size: 400 MB became 1.2 GB,
/// over the 1 GB the run is given).
#[test]
fn a_file_too_large_is_reported_without_being_read() {
    let tmp = tempfile::tempdir().unwrap();
    let content = common::content_with(tmp.path(), None);
    let session = fs::read_dir(content.join("sessions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // 400 MB that take no room on disk.
    let big = fs::File::create(session.join("notes.md")).unwrap();
    big.set_len(400 << 20).unwrap();
    drop(big);
    let r2 = run_bounded(
        &[os("check"), os("--content"), content.as_os_str()],
        1024,
        60,
    );
    assert_eq!(r2.code, Some(1), "{}", r2.output());
    assert!(r2.stderr.contains("file-too-large"), "{}", r2.stderr);
    assert!(r2.stderr.contains("notes.md"), "{}", r2.stderr);
}

/// Escape and bell characters in a file name and in a YAML line reach
/// neither stdout nor stderr as they are (a file name could retitle the
/// terminal and clear the screen); they are shown escaped.
#[test]
fn control_characters_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let content = common::content_with(tmp.path(), None);
    fs::write(content.join("\u{1b}]0;pwned\u{7}\u{1b}[2J.txt"), "x").unwrap();
    let site = content.join("site.yaml");
    let mut text = fs::read_to_string(&site).unwrap();
    text.push_str("titel: x \u{1b}[2J\u{1b}]0;owned\u{7} y\n");
    fs::write(&site, text).unwrap();
    for format in ["human", "json"] {
        let r = run_bounded(
            &[
                os("check"),
                os("--content"),
                content.as_os_str(),
                os("--format"),
                os(format),
            ],
            1024,
            30,
        );
        assert_eq!(r.code, Some(1), "{}", r.output());
        let all = r.output();
        assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
        assert!(all.contains("pwned") && all.contains("site.yaml"), "{all}");
        if format == "human" {
            assert!(all.contains("\\u{1b}]0;pwned\\u{7}"), "{all}");
        }
    }
}

/// Symbolic links in the templates folder are not followed: a
/// `style.css` or `404.html` linked to a secret file publishes nothing of
/// it (they published `/proc/self/environ` and `/etc/passwd`). The build
/// warns `symlink-ignored`, naming each, and uses the built-in templates.
#[test]
fn template_links_publish_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let content = common::content_with(&tmp.path().join("c"), None);
    let secret = tmp.path().join("secret.txt");
    fs::write(&secret, "SECRET_TOKEN=hunter2-ZQXJ\n").unwrap();
    let templates = tmp.path().join("templates");
    fs::create_dir(&templates).unwrap();
    for name in ["style.css", "404.html"] {
        std::os::unix::fs::symlink(&secret, templates.join(name)).unwrap();
    }
    let out = tmp.path().join("site");
    let r = common::build_ok(
        &content,
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    for name in ["style.css", "404.html"] {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.contains("symlink-ignored") && l.contains(name)),
            "{}",
            r.stderr
        );
    }
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("hunter2-ZQXJ"), "{}", entry.path().display());
        }
    }
    let css = fs::read_to_string(out.join("style.css")).unwrap();
    assert!(css.contains("--achieved"), "{css}");
    assert!(fs::read_to_string(out.join("404.html"))
        .unwrap()
        .contains("<html"));
}

/// A note's ids cannot take the page's own: notes holding `id="main"` and
/// every other id the templates write, and a footnote, build pages on
/// which every id is unique and every `#` link within the page has its
/// target.
#[test]
fn note_ids_never_duplicate_page_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let content = common::content_with(&tmp.path().join("c"), None);
    let mut ids: Vec<String> = Vec::new();
    for entry in fs::read_dir(common::repo().join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        for part in text.split("id=\"").skip(1) {
            let id = part.split('"').next().unwrap();
            if !id.contains("{{") && !ids.iter().any(|i| i == id) {
                ids.push(id.to_owned());
            }
        }
    }
    assert!(ids.iter().any(|i| i == "main"), "{ids:?}");
    let mut note = String::from("Xem[^1].\n\n");
    for id in &ids {
        note.push_str(&format!("<div id=\"{id}\">x</div>\n\n"));
    }
    note.push_str("[^1]: chú thích\n");
    for entry in fs::read_dir(content.join("sessions")).unwrap() {
        let dir = entry.unwrap().path();
        fs::write(dir.join("notes.md"), &note).unwrap();
        fs::write(dir.join("notes.en.md"), &note).unwrap();
    }
    let out = tmp.path().join("site");
    common::build_ok(&content, &out, &[]);
    let mut pages = 0;
    let mut with_notes = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = Html::parse_document(&fs::read_to_string(entry.path()).unwrap());
        let mut seen = std::collections::BTreeSet::new();
        for el in html.select(&scraper::Selector::parse("[id]").unwrap()) {
            let id = el.value().attr("id").unwrap();
            assert!(
                seen.insert(id.to_owned()),
                "{}: id `{id}` twice",
                entry.path().display()
            );
        }
        if seen.contains("note_main") {
            with_notes += 1;
            for a in html.select(&scraper::Selector::parse("a[href^='#']").unwrap()) {
                let target = &a.value().attr("href").unwrap()[1..];
                assert!(
                    seen.contains(target),
                    "{}: no `{target}`",
                    entry.path().display()
                );
            }
            assert!(seen.contains("note_1"), "{}", entry.path().display());
        }
    }
    assert!(
        pages > 10 && with_notes >= 2,
        "{pages} pages, {with_notes} with notes"
    );
}
