//! Escaping text for the documents the site is made of: HTML (through the
//! templates, in embed codes, in a note that is not Markdown) and XML 1.0
//! (feeds, the sitemap, the charts). Every escaper of the render modules
//! is here, so that they cannot drift apart.

use std::io::Write;

/// The entity HTML escaping writes for `b`, if it is one of the five
/// characters escaped: Tera's own five, with its entities.
fn entity(b: u8) -> Option<&'static [u8]> {
    match b {
        b'&' => Some(b"&amp;"),
        b'<' => Some(b"&lt;"),
        b'>' => Some(b"&gt;"),
        b'"' => Some(b"&quot;"),
        b'\'' => Some(b"&#39;"),
        _ => None,
    }
}

/// Escapes text for HTML exactly as Tera's own escaping does (the same
/// five characters, the same entities), but writes the runs of text
/// between them whole: Tera's writes each byte on its own, through a
/// dynamic writer, and that was a twelfth of a rebuild of a national
/// session's pages. This is the templates' escape function.
pub fn html_to(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let Some(entity) = entity(*b) else {
            continue;
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// [`html_to`], as a string: for HTML made outside a template (an
/// attribute of an embed code, a note shown as it was written).
pub fn html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing to memory cannot fail.
    let _ = html_to(text, &mut out);
    // Only whole ASCII characters were replaced, by ASCII: still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Whether XML 1.0 allows `c` in a document: not the C0 controls but tab,
/// line feed and carriage return, nor U+FFFE and U+FFFF (Rust strings hold
/// no surrogates).
pub fn xml_char(c: char) -> bool {
    !((c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// `s` with every character XML 1.0 forbids made a space. The loader
/// refuses such characters in content; this keeps a feed, the sitemap and
/// the charts well-formed whatever reaches them.
pub fn xml_text(s: String) -> String {
    if s.chars().all(xml_char) {
        return s;
    }
    s.chars()
        .map(|c| if xml_char(c) { c } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_teras_own() {
        for text in [
            "",
            "plain",
            "Tỷ lệ \"hồ sơ\" <trực tuyến> & 'đúng hạn'",
            "&&<<>>\"\"''",
            "cuối &",
            "& đầu",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            html_to(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            let teras = String::from_utf8(teras).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), teras);
            assert_eq!(html(text), teras);
        }
    }

    #[test]
    fn xml_text_keeps_only_what_xml_allows() {
        let s = "a\u{B}b\u{C}c\u{1}\u{1B}\u{FFFE}\u{FFFF}\t\n\r\u{85}\u{FDD0}😀".to_owned();
        let clean = xml_text(s);
        assert_eq!(clean, "a b c    \t\n\r\u{85}\u{FDD0}😀");
        let doc = format!("<a>{clean}</a>");
        assert!(roxmltree::Document::parse(&doc).is_ok());
    }
}
