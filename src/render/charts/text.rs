//! Text helpers: clean user text, estimate its width, wrap and shorten it.
//!
//! An SVG written on a server has no font metrics: the reader's browser picks
//! the font. Widths are therefore estimated from the number of characters,
//! which is close enough for layout as long as every label keeps some slack.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Average advance of one character of regular text, as a share of the font
/// size. Vietnamese is written in Latin letters, so one figure fits it well.
const CHAR_WIDTH: f64 = 0.55;

/// Bold letters are wider.
const BOLD_CHAR_WIDTH: f64 = 0.58;

/// The ellipsis that marks a shortened label.
const ELLIPSIS: char = '…';

/// The spaces that join what they stand between, kept as they are so that
/// a line never breaks there: the no-break space of French `11,27 %`, the
/// narrow one between its digit groups (`1 928 311`), the figure space.
fn joins(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Makes user text safe and uniform for drawing: NFC (so that a Vietnamese
/// letter with its marks is one character, for width and for fonts), with
/// control characters and characters XML 1.0 forbids turned into spaces, and
/// runs of whitespace collapsed, because SVG text is one line. No-break
/// spaces stay, so that wrapping keeps a number and its unit together.
pub(super) fn clean(s: &str) -> String {
    // Most labels are already NFC (content is normalised when loaded, and
    // numbers are ASCII); the quick check spares them a full recomposition.
    let nfc: std::borrow::Cow<'_, str> = match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.into(),
        _ => s.nfc().collect::<String>().into(),
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc
        .split(|c: char| {
            (c.is_whitespace() && !joins(c)) || c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'
        })
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The number of characters that take room on the line: combining marks
/// left after NFC sit on their base letter and add no width.
pub(super) fn units(s: &str) -> usize {
    s.chars().filter(|&c| !is_combining_mark(c)).count()
}

/// Estimated width in pixels of `s` at font size `size`.
pub(super) fn width(s: &str, size: f64, bold: bool) -> f64 {
    let per_char = if bold { BOLD_CHAR_WIDTH } else { CHAR_WIDTH };
    units(s) as f64 * size * per_char
}

/// How many characters fit in `max_width` pixels (at least one, so that
/// every label shows something).
fn capacity(max_width: f64, size: f64, bold: bool) -> usize {
    let per_char = if bold { BOLD_CHAR_WIDTH } else { CHAR_WIDTH } * size;
    let n = (max_width / per_char).floor();
    if n.is_finite() && n >= 1.0 {
        n.min(10_000.0) as usize
    } else {
        1
    }
}

/// Shortens `s` to `max` width units, ending with "…" when anything was cut.
fn shorten_units(s: &str, max: usize) -> String {
    if units(s) <= max {
        return s.to_owned();
    }
    let keep = max.saturating_sub(1);
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        if !is_combining_mark(c) {
            if n == keep {
                break;
            }
            n += 1;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push(ELLIPSIS);
    out
}

/// Shortens `s` so that it fits in `max_width` pixels.
pub(super) fn shorten(s: &str, max_width: f64, size: f64, bold: bool) -> String {
    shorten_units(s, capacity(max_width, size, bold))
}

/// Splits a word longer than a line into pieces of `max` units, keeping
/// combining marks with their base letter.
fn split_long_word(word: &str, max: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut n = 0;
    for c in word.chars() {
        if !is_combining_mark(c) {
            if n == max {
                pieces.push(String::new());
                n = 0;
            }
            n += 1;
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    pieces
}

/// Wraps `s` into at most `max_lines` lines that fit in `max_width` pixels;
/// the last line ends with "…" when the text does not fit. An empty text
/// gives no lines, so that callers draw nothing for it.
pub(super) fn wrap(
    s: &str,
    max_width: f64,
    size: f64,
    bold: bool,
    max_lines: usize,
) -> Vec<String> {
    let max = capacity(max_width, size, bold);
    let mut lines: Vec<String> = Vec::new();
    let mut overflow = false;
    'words: for word in s.split(' ').filter(|w| !w.is_empty()) {
        for piece in split_long_word(word, max) {
            match lines.last_mut() {
                Some(line) if units(line) + 1 + units(&piece) <= max => {
                    line.push(' ');
                    line.push_str(&piece);
                }
                _ => {
                    if lines.len() == max_lines.max(1) {
                        overflow = true;
                        break 'words;
                    }
                    lines.push(piece);
                }
            }
        }
    }
    if overflow {
        if let Some(last) = lines.last_mut() {
            // Make room for the ellipsis on the last line.
            let mut shortened = shorten_units(last, max.saturating_sub(1).max(1));
            if !shortened.ends_with(ELLIPSIS) {
                shortened.push(ELLIPSIS);
            }
            *last = shortened;
        }
    }
    lines
}

/// Wraps a web address, followed by the words of `after` (the licence),
/// into lines that fit in `max_width` pixels. The address breaks only after
/// a `/`, `#`, `?` or `&`, or inside a piece longer than a whole line, and
/// never gains a space or loses a character, so that it can be typed from
/// the image; `after` follows it after " · ", breaking between words.
/// Nothing is cut short: a chart's address is no use with an ellipsis.
pub(super) fn wrap_address(address: &str, after: &str, max_width: f64, size: f64) -> Vec<String> {
    let max = capacity(max_width, size, false);
    let mut lines: Vec<String> = Vec::new();
    // Adds `piece` to the last line after `glue`, or starts a new line
    // with it when it does not fit.
    let mut put = |glue: &str, piece: &str| match lines.last_mut() {
        Some(line) if units(line) + units(glue) + units(piece) <= max => {
            line.push_str(glue);
            line.push_str(piece);
        }
        _ => lines.push(piece.to_owned()),
    };
    for piece in address.split_inclusive(['/', '#', '?', '&']) {
        for part in split_long_word(piece, max) {
            put("", &part);
        }
    }
    let mut glue = if address.is_empty() { "" } else { " · " };
    for word in after.split(' ').filter(|w| !w.is_empty()) {
        for (i, part) in split_long_word(word, max).iter().enumerate() {
            put(if i == 0 { glue } else { "" }, part);
        }
        glue = " ";
    }
    lines
}

/// Escapes text for XML content and attribute values; a character XML
/// 1.0 forbids becomes a space.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if !crate::render::xml_char(c) => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The text with its first letter in upper case, for legend entries made
/// from words the caller gives in running-text case ("mục tiêu").
pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_collapses_controls_and_normalizes() {
        assert_eq!(clean(" a\n\tb\u{0}c  "), "a b c");
        // "ệ" written as e + dot below + circumflex becomes one character.
        assert_eq!(clean("e\u{323}\u{302}").chars().count(), 1);
        assert_eq!(clean("\u{FFFF}x"), "x");
    }

    #[test]
    fn no_break_spaces_hold_a_number_together() {
        let french = "1\u{202F}928\u{202F}311 et 11,27\u{A0}%";
        assert_eq!(clean(&format!(" {french}\n")), french);
        for line in wrap(french, 60.0, 10.0, false, 3) {
            assert!(
                line == "1\u{202F}928\u{202F}311" || line.starts_with("et"),
                "{line:?}"
            );
        }
    }

    #[test]
    fn wrap_fits_and_ellipsizes() {
        let lines = wrap(
            "Tỉ lệ doanh nghiệp sử dụng hóa đơn điện tử trên địa bàn tỉnh",
            100.0,
            10.0,
            false,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| units(l) <= 18), "{lines:?}");
        assert!(lines[1].ends_with('…'));
        assert!(wrap("", 100.0, 10.0, false, 2).is_empty());
        let long = "x".repeat(500);
        let lines = wrap(&long, 100.0, 10.0, false, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| units(l) <= 18));
        // Nothing fits: still one character and no panic.
        assert!(!wrap("abc", 0.0, 10.0, false, 1).is_empty());
        assert!(!wrap("abc", f64::NAN, 10.0, false, 1).is_empty());
    }

    #[test]
    fn shorten_counts_letters_not_marks() {
        assert_eq!(
            shorten("không có số liệu", 1000.0, 10.0, false),
            "không có số liệu"
        );
        assert_eq!(shorten_units("abcdef", 4), "abc…");
        assert_eq!(units("e\u{302}"), 1);
    }

    #[test]
    fn an_address_wraps_whole() {
        let address = "minhbach.example.org/en/indicators/share-of-enterprises-using-e-invoices/#chart-history";
        let lines = wrap_address(address, "Licence: CC BY 4.0", 288.0, 12.0);
        assert!(lines.len() > 1, "{lines:?}");
        let max = capacity(288.0, 12.0, false);
        assert!(lines.iter().all(|l| units(l) <= max), "{lines:?}");
        // The address, read line after line, is the address itself.
        let joined: String = lines.concat();
        assert!(joined.starts_with(address), "{joined}");
        assert!(joined.ends_with("Licence: CC BY 4.0"), "{joined}");
        // It breaks after a slash where it can.
        assert!(lines[0].ends_with('/'), "{lines:?}");
        assert_eq!(wrap_address("", "", 288.0, 12.0), Vec::<String>::new());
        assert_eq!(
            wrap_address("a.org/x/", "Licence: CC BY", 700.0, 12.0),
            vec!["a.org/x/ · Licence: CC BY".to_owned()]
        );
        assert_eq!(
            wrap_address("", "Licence: CC BY", 700.0, 12.0),
            vec!["Licence: CC BY".to_owned()]
        );
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(escape("a\u{B}b\u{FFFE}\u{1}"), "a b  ");
    }

    #[test]
    fn capitalize_vietnamese() {
        assert_eq!(capitalize("mục tiêu"), "Mục tiêu");
        assert_eq!(capitalize("đã đạt"), "Đã đạt");
        assert_eq!(capitalize(""), "");
    }
}
