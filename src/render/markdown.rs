//! Markdown notes and descriptions to safe HTML. Authors may write raw HTML
//! in notes; it is sanitized (ammonia) so that no script, event handler or
//! `javascript:` link from content reaches a page.

use pulldown_cmark::{html, Options, Parser};

/// Renders Markdown (tables, footnotes, strikethrough) to sanitized HTML.
/// Headings are shifted down by `heading_offset` levels so that a note's
/// `#` sits under the page's own headings.
pub fn to_html(markdown: &str, heading_offset: u8) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
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
                .attribute_filter(|element, attribute, value| {
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

/// Escapes text for HTML where it is not going through a template.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
    fn headings_are_shifted() {
        assert!(to_html("# T", 1).starts_with("<h2>"));
        assert!(to_html("###### T", 3).starts_with("<h6>"));
    }
}
