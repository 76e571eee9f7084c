//! Abbreviations explained where a reader meets them: the first time a
//! page's text uses one of the site's abbreviations (`abbreviations` in
//! `site.yaml`), it is marked `<abbr title="thủ tục hành chính">TTHC</abbr>`
//! (WCAG 2.2, technique H28), so that a screen reader can expand it and a
//! pointer shows what it stands for. A leaf: it reads rendered HTML and
//! plain strings only.
//!
//! Only text between tags is read, never a tag or an attribute, and never
//! the text of `head`, `script`, `style`, `textarea`, `svg`, `title`,
//! `option` or an `abbr` already there. An abbreviation is found as a whole
//! word: letters or digits on either side make another word.

use super::escape;

/// Elements whose text is never marked.
const SKIPPED: [&str; 8] = [
    "head", "script", "style", "textarea", "svg", "title", "option", "abbr",
];

/// The abbreviations of one language: each word, and the `<abbr>` tag that
/// opens it (its title escaped).
pub struct Marks {
    words: Vec<(String, String)>,
}

impl Marks {
    /// `pairs` of an abbreviation and what it stands for in the page's
    /// language.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Marks {
        let words = pairs
            .into_iter()
            .map(|(word, title)| {
                let open = format!("<abbr title=\"{}\">", escape::html(title));
                (word.to_owned(), open)
            })
            .collect();
        Marks { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// `html` with the first use of each abbreviation in its text marked.
    pub fn mark(&self, html: &str) -> String {
        if self.words.is_empty() {
            return html.to_owned();
        }
        let mut left: Vec<&(String, String)> = self.words.iter().collect();
        let mut out = String::with_capacity(html.len() + 64 * left.len());
        let mut skip: Option<&str> = None;
        let mut rest = html;
        while !rest.is_empty() {
            // A tag (or comment), copied as it is.
            if rest.starts_with('<') {
                let end = if rest.starts_with("<!--") {
                    rest.find("-->").map_or(rest.len(), |e| e + 3)
                } else {
                    rest.find('>').map_or(rest.len(), |e| e + 1)
                };
                let tag = &rest[..end];
                match skip {
                    Some(name) => {
                        if closes(tag, name) {
                            skip = None;
                        }
                    }
                    None => skip = SKIPPED.into_iter().find(|n| opens(tag, n)),
                }
                out.push_str(tag);
                rest = &rest[end..];
                continue;
            }
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            if skip.is_some() || left.is_empty() {
                out.push_str(text);
            } else {
                mark_text(text, &mut left, &mut out);
            }
            rest = &rest[end..];
        }
        out
    }
}

/// Copies `text` to `out`, marking the first use of each word of `left`
/// (and taking it off the list). A text that gets a mark is wrapped in a
/// `<span>`: in a flex container (a link laid out to be 44 px high), the
/// text and the `<abbr>` would otherwise become separate items, laid side
/// by side as columns.
fn mark_text(text: &str, left: &mut Vec<&(String, String)>, out: &mut String) {
    let before = left.len();
    let start = out.len();
    mark_words(text, left, out);
    // Most runs have nothing to mark: they are copied once, and only a
    // marked one is moved over for its opening `<span>`.
    if left.len() != before {
        out.insert_str(start, "<span>");
        out.push_str("</span>");
    }
}

/// [`mark_text`] without the wrapping.
fn mark_words(text: &str, left: &mut Vec<&(String, String)>, out: &mut String) {
    let mut copied = 0;
    let mut word_start: Option<usize> = None;
    let bytes_end = text.len();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let in_word = c.is_alphanumeric();
        if in_word && word_start.is_none() {
            word_start = Some(i);
        }
        let next_in_word = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if let (Some(start), false) = (word_start, in_word && next_in_word) {
            let end = if in_word { i + c.len_utf8() } else { i };
            let word = &text[start..end];
            if let Some(at) = left.iter().position(|(w, _)| w == word) {
                let (w, open) = left.remove(at);
                out.push_str(&text[copied..start]);
                out.push_str(open);
                out.push_str(w);
                out.push_str("</abbr>");
                copied = end;
            }
            word_start = None;
        }
    }
    out.push_str(&text[copied..bytes_end]);
}

/// Whether `tag` opens the element `name` (`<svg`, `<svg class=…>`).
fn opens(tag: &str, name: &str) -> bool {
    tag.strip_prefix('<')
        .and_then(|t| {
            t.get(..name.len())
                .filter(|n| n.eq_ignore_ascii_case(name))
                .map(|_| &t[name.len()..])
        })
        .is_some_and(|after| after.starts_with(['>', ' ', '\n', '\t', '/']))
        && !tag.ends_with("/>")
}

/// Whether `tag` closes the element `name`.
fn closes(tag: &str, name: &str) -> bool {
    tag.strip_prefix("</")
        .and_then(|t| t.get(..name.len()))
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks() -> Marks {
        Marks::new([("TTHC", "thủ tục hành chính"), ("DVC", "dịch vụ \"công\"")])
    }

    #[test]
    fn the_first_use_in_the_text_is_marked_once() {
        let html = "<head><title>TTHC</title></head><body><p class=\"TTHC\">Hồ sơ TTHC, TTHC và DVC</p></body>";
        assert_eq!(
            marks().mark(html),
            "<head><title>TTHC</title></head><body><p class=\"TTHC\"><span>Hồ sơ <abbr title=\"thủ tục hành chính\">TTHC</abbr>, TTHC và <abbr title=\"dịch vụ &quot;công&quot;\">DVC</abbr></span></p></body>"
        );
    }

    #[test]
    fn only_whole_words_outside_skipped_elements() {
        let html =
            "<svg><text>DVC</text></svg><p>DVCTT xDVC TTHCs</p><script>DVC</script><p>(DVC)</p>";
        assert_eq!(
            marks().mark(html),
            "<svg><text>DVC</text></svg><p>DVCTT xDVC TTHCs</p><script>DVC</script><p><span>(<abbr title=\"dịch vụ &quot;công&quot;\">DVC</abbr>)</span></p>"
        );
        let already = "<abbr title=\"x\">TTHC</abbr> <!-- TTHC --> TTHC";
        assert_eq!(
            marks().mark(already),
            "<abbr title=\"x\">TTHC</abbr> <!-- TTHC --><span> <abbr title=\"thủ tục hành chính\">TTHC</abbr></span>"
        );
    }
}
