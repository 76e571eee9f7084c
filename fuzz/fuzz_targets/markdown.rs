//! The Markdown renderer and its sanitizer on arbitrary text: no panic, and
//! nothing that can run in the HTML it returns (a failed assertion here is
//! a sanitizer bypass).
#![no_main]

use libfuzzer_sys::fuzz_target;
use scraper::{Html, Node};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(markdown) = std::str::from_utf8(rest) else {
        return;
    };
    let html = minhbach::internals::render::markdown::to_html(markdown, first % 7);
    let doc = Html::parse_fragment(&html);
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name();
        assert!(
            !matches!(
                name,
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "style"
                    | "base"
                    | "form"
                    | "svg"
                    | "math"
            ),
            "<{name}> survived sanitizing: {html}"
        );
        for (attr, value) in el.attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "{attr} survived: {html}"
            );
            // Only an attribute a browser follows as a URL can run a
            // scheme; a title or an alt that reads "data:…" is just text.
            if !matches!(
                attr.to_ascii_lowercase().as_str(),
                "href"
                    | "src"
                    | "srcset"
                    | "action"
                    | "formaction"
                    | "xlink:href"
                    | "poster"
                    | "cite"
                    | "background"
                    | "longdesc"
                    | "data"
                    | "codebase"
                    | "usemap"
                    | "manifest"
                    | "ping"
            ) {
                continue;
            }
            // As the URL standard reads a link: leading C0 controls and
            // spaces dropped, tabs and newlines removed anywhere. (Other
            // control characters inside the scheme make it no scheme: the
            // link is relative, as `java\x03script:` is.)
            let folded: String = value
                .trim_start_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            assert!(
                !(folded.starts_with("javascript:")
                    || folded.starts_with("vbscript:")
                    || folded.starts_with("data:")),
                "{attr}={value:?} survived: {html}"
            );
        }
    }
});
