//! Markdown notes and descriptions to safe HTML. Authors may write raw HTML
//! in notes; it is sanitized (ammonia) so that no script, event handler or
//! `javascript:` link from content reaches a page.

use pulldown_cmark::{html, Options, Parser};

/// The Markdown extensions notes and descriptions use.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);

/// The deepest nesting of elements a note may hold, Markdown blocks and
/// raw HTML together. The HTML tree builder under the sanitizer looks
/// through every open element for each tag it reads, so time grows with
/// the number of tags times their depth: 100,000 unclosed `<div>` (half a
/// megabyte) took a minute, a file at the size limit hours. Real notes nest
/// a few levels.
pub const MAX_DEPTH: usize = 100;

/// The most footnote references and definitions one note may hold: each
/// becomes several elements in the sanitizer's tree, and a megabyte of
/// `[^1]` took over half a gigabyte.
pub const MAX_FOOTNOTES: usize = 2_000;

/// Why a note is refused before it is rendered: a diagnostic code, the byte
/// offset in the Markdown, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverLimit {
    pub code: crate::diagnostics::Code,
    pub offset: usize,
    pub message: crate::diagnostics::Text,
}

/// Elements whose end tag may be left out: the tree builder closes an open
/// one when the next begins, so they do not nest without another element
/// between them, and that one is counted.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "tr", "td", "th",
    "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "isindex",
];

/// Checks, in time linear in its length, that `markdown` nests no deeper
/// than [`MAX_DEPTH`] and holds no more than [`MAX_FOOTNOTES`] footnotes,
/// the limits that keep rendering it linear too. Markdown blocks and inline
/// spans count one level each, and so does every start tag of raw HTML
/// that is not closed (elements without content and those whose end tag is
/// optional excepted); an end tag closes one.
pub fn check_limits(markdown: &str) -> Result<(), OverLimit> {
    use pulldown_cmark::{Event, Tag};
    let (mut blocks, mut html, mut footnotes) = (0usize, 0usize, 0usize);
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        let mut at = range.start;
        match &event {
            Event::Start(tag) => {
                blocks += 1;
                if matches!(tag, Tag::FootnoteDefinition(_)) {
                    footnotes += 1;
                }
            }
            Event::End(_) => blocks = blocks.saturating_sub(1),
            Event::FootnoteReference(_) => footnotes += 1,
            Event::Html(text) | Event::InlineHtml(text) => {
                // The event's text is the source's, from the range's start.
                let bytes = text.as_bytes();
                let mut i = 0;
                while let Some(lt) = memchr(b'<', &bytes[i..]) {
                    i += lt + 1;
                    if bytes[i..].starts_with(b"!--") {
                        i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |e| e + 3);
                        continue;
                    }
                    let closing = bytes.get(i) == Some(&b'/');
                    let name_at = i + usize::from(closing);
                    let len = bytes[name_at..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                        .count();
                    if len == 0 || !bytes[name_at].is_ascii_alphabetic() {
                        continue;
                    }
                    let name = text[name_at..name_at + len].to_ascii_lowercase();
                    let end = memchr(b'>', &bytes[name_at..]).map(|e| name_at + e);
                    let self_closing = end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
                    if closing {
                        if !OPTIONAL_END.contains(&name.as_str()) && !VOID.contains(&name.as_str())
                        {
                            html = html.saturating_sub(1);
                        }
                    } else if !self_closing
                        && !VOID.contains(&name.as_str())
                        && !OPTIONAL_END.contains(&name.as_str())
                    {
                        html += 1;
                        at = range.start + i - 1;
                    }
                    i = name_at + len;
                    if blocks + html > MAX_DEPTH {
                        break;
                    }
                }
            }
            _ => {}
        }
        if blocks + html > MAX_DEPTH {
            return Err(OverLimit {
                code: crate::diagnostics::Code::HtmlTooDeep,
                offset: at,
                message: crate::diagnostics::say!(
                    en: "the notes nest more than {MAX_DEPTH} elements deep here (Markdown blocks and unclosed HTML tags together)",
                    vi: "ghi chú lồng nhau quá {MAX_DEPTH} tầng tại đây (tính cả các khối Markdown và các thẻ HTML chưa đóng)"
                ),
            });
        }
        if footnotes > MAX_FOOTNOTES {
            return Err(OverLimit {
                code: crate::diagnostics::Code::TooManyFootnotes,
                offset: range.start,
                message: crate::diagnostics::say!(
                    en: "the notes hold more than {MAX_FOOTNOTES} footnote references and definitions",
                    vi: "ghi chú có quá {MAX_FOOTNOTES} tham chiếu và định nghĩa chú thích cuối trang"
                ),
            });
        }
    }
    Ok(())
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Renders Markdown (tables, footnotes, strikethrough) to sanitized HTML.
/// Headings are shifted down by `heading_offset` levels so that a note's
/// `#` sits under the page's own headings. Markdown over the limits of
/// [`check_limits`] (refused in notes by the validator; a description
/// could still hold it) is shown as its text, escaped, in linear time.
pub fn to_html(markdown: &str, heading_offset: u8) -> String {
    if check_limits(markdown).is_err() {
        return format!("<pre>{}</pre>", super::escape::html(markdown));
    }
    let options = OPTIONS;
    let parser =
        Parser::new_ext(markdown, options).map(|event| shift_heading(event, heading_offset));
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    sanitize(&unsafe_html)
}

fn shift_heading(event: pulldown_cmark::Event<'_>, offset: u8) -> pulldown_cmark::Event<'_> {
    use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
    let shift = |level: HeadingLevel| {
        let n = (level as u8 + offset).min(6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    };
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        other => other,
    }
}

/// What every id in author HTML starts with. The underscore is in no id
/// the templates write.
pub const ID_PREFIX: &str = "note_";

/// The allow-list sanitizer used for every piece of author HTML.
fn sanitize(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.url_schemes(["http", "https", "mailto"].into_iter().collect())
                .link_rel(Some("noopener noreferrer"))
                .add_generic_attributes(["id", "lang"])
                .add_tag_attributes("td", ["style"])
                .add_tag_attributes("th", ["style"])
                .add_tag_attributes("sup", ["class"])
                .add_tag_attributes("div", ["class"])
                .add_tags(["sup", "section"])
                // A note's ids (raw HTML, footnotes) get a prefix that no
                // id of the page has (they are made of ids: lowercase
                // letters, digits and hyphens), so that `id="main"` cannot
                // take the page's own; links to them within the note follow.
                .id_prefix(Some(ID_PREFIX))
                .attribute_filter(|element, attribute, value| {
                    if attribute == "href" {
                        if let Some(fragment) = value.strip_prefix('#') {
                            if !fragment.starts_with(ID_PREFIX) {
                                return Some(format!("#{ID_PREFIX}{fragment}").into());
                            }
                        }
                    }
                    // Table alignment from Markdown is the only style kept.
                    if attribute == "style" {
                        let ok = matches!(element, "td" | "th")
                            && matches!(
                                value,
                                "text-align: left" | "text-align: center" | "text-align: right"
                            );
                        return ok.then(|| value.into());
                    }
                    Some(value.into())
                });
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_footnotes_strikethrough() {
        let h = to_html(
            "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~x~~ y[^1]\n\n[^1]: z\n",
            1,
        );
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("<del>x</del>"), "{h}");
        assert!(h.contains("text-align: right"), "{h}");
        assert!(h.contains("footnote"), "{h}");
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let h = to_html(
            // The Markdown link in a paragraph of its own: inside the HTML
            // block above it, it would stay text and prove nothing.
            "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) <a href=\"javascript:x\">b</a>",
            0,
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
    }

    #[test]
    fn nesting_and_footnotes_are_bounded() {
        let ok = [
            "<div>".repeat(90),
            "<p>a".repeat(10_000),
            "<br>".repeat(10_000),
            "<div><b>x</b></div>".repeat(10_000),
            "<img src=x/>".repeat(10_000),
            "<!-- <div> -->".repeat(10_000),
            "a[^1] ".repeat(1_000) + "\n\n[^1]: b\n",
        ];
        for text in &ok {
            assert_eq!(check_limits(text), Ok(()), "{}", &text[..40]);
        }
        let e = check_limits(&format!("x\n\n{}", "<div>".repeat(100_000))).unwrap_err();
        assert_eq!(e.code, "html-too-deep");
        // The HTML block counts one level: the 100th tag goes over.
        assert_eq!(e.offset, 3 + 5 * (MAX_DEPTH - 1), "the tag that went over");
        let e = check_limits(&"> ".repeat(200)).unwrap_err();
        assert_eq!(e.code, "html-too-deep");
        let e = check_limits(&("a[^1] ".repeat(3_000) + "\n\n[^1]: b\n")).unwrap_err();
        assert_eq!(e.code, "too-many-footnotes");
        // Rendering refuses it too, in linear time, as text.
        let h = to_html(&"<div>".repeat(100_000), 0);
        assert!(h.starts_with("<pre>&lt;div&gt;"), "{}", &h[..40]);
    }

    #[test]
    fn ids_are_prefixed_and_footnote_links_follow() {
        let h = to_html("<div id=\"main\">a</div>\n\nb[^x]\n\n[^x]: c\n", 0);
        assert!(h.contains("id=\"note_main\""), "{h}");
        assert!(!h.contains("id=\"main\""), "{h}");
        assert!(
            h.contains("href=\"#note_x\"") && h.contains("id=\"note_x\""),
            "{h}"
        );
    }

    #[test]
    fn headings_are_shifted() {
        assert!(to_html("# T", 1).starts_with("<h2>"));
        assert!(to_html("###### T", 3).starts_with("<h6>"));
    }
}
