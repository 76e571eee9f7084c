//! Control characters in content text. No page, chart, feed or data file
//! can show them, and XML (feeds, sitemap, SVG) forbids most of them, so
//! they are refused when a file is read, at the line and column where they
//! are written: a raw character anywhere in a file, or a double-quoted
//! YAML escape (`"\v"`, `"\x01"`, `"\u0007"`, …) that stands for one.
//!
//! A tab and line breaks stay allowed. In YAML a raw carriage return is a
//! line break; only the escape `"\r"` puts one in a value, and is refused.

use super::yaml::Location;
use crate::diagnostics::{say, Text};

/// Whether `c` may not appear in a text value: the C0 controls but tab and
/// line feed, DEL, the C1 controls, and the noncharacters U+FFFE and
/// U+FFFF (which XML 1.0 forbids).
pub fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Whether `c` may not appear raw in a file: [`forbidden`] but the
/// carriage return, which YAML and Markdown read as a line break.
fn forbidden_raw(c: char) -> bool {
    forbidden(c) && c != '\r'
}

/// A control character found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The character.
    pub char: char,
    /// Where it is written: the character itself, or the `\` of its escape.
    pub location: Location,
    /// The escape it is written as (`\v`, `\x01`), when it is one.
    pub escape: Option<String>,
}

impl Found {
    /// What is wrong, naming the character: "the control character U+000B
    /// (vertical tab) is not allowed in text".
    pub fn message(&self) -> Text {
        let nonchar = matches!(self.char, '\u{FFFE}' | '\u{FFFF}');
        let (what_en, what_vi) = if nonchar {
            ("the noncharacter", "ký tự không hợp lệ")
        } else {
            ("the control character", "ký tự điều khiển")
        };
        let (name_en, name_vi) = match name(self.char) {
            Some((en, vi)) => (format!(" ({en})"), format!(" ({vi})")),
            None => (String::new(), String::new()),
        };
        let code = format!("U+{:04X}", self.char as u32);
        match &self.escape {
            Some(e) => say!(
                en: "`{e}` is {what_en} {code}{name_en}, which is not allowed in text",
                vi: "`{e}` là {what_vi} {code}{name_vi}, không được phép có trong văn bản"
            ),
            None => say!(
                en: "{what_en} {code}{name_en} is not allowed in text",
                vi: "{what_vi} {code}{name_vi} không được phép có trong văn bản"
            ),
        }
    }

    pub fn expected(&self) -> Text {
        say!(
            en: "text without control characters: a tab and line breaks are the only ones allowed",
            vi: "văn bản không có ký tự điều khiển: chỉ cho phép dấu tab và ngắt dòng"
        )
    }

    pub fn hint(&self) -> Text {
        match &self.escape {
            Some(e) => say!(
                en: "remove `{e}` from the quoted text: it stands for an invisible character that pages, feeds and charts cannot show",
                vi: "xóa `{e}` khỏi đoạn văn bản trong ngoặc kép: đây là một ký tự vô hình mà trang web, nguồn tin (feed) và biểu đồ không hiển thị được"
            ),
            None => say!(
                en: "delete the invisible character at this column (it often comes with text pasted from a PDF or a word processor)",
                vi: "xóa ký tự vô hình tại cột này (ký tự này thường đi kèm văn bản được dán từ tệp PDF hoặc trình soạn thảo văn bản)"
            ),
        }
    }
}

/// The usual name of a control character, for messages, in English and
/// Vietnamese.
fn name(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\0' => ("null", "null, ký tự rỗng"),
        '\u{7}' => ("bell", "bell, chuông"),
        '\u{8}' => ("backspace", "backspace, xóa lùi"),
        '\u{B}' => ("vertical tab", "tab dọc"),
        '\u{C}' => ("form feed", "form feed, sang trang"),
        '\r' => ("carriage return", "carriage return, về đầu dòng"),
        '\u{1B}' => ("escape", "escape, thoát"),
        '\u{7F}' => ("delete", "delete, xóa"),
        '\u{85}' => ("next line", "next line, xuống dòng"),
        _ => return None,
    })
}

/// The most characters reported per file: one is enough to fix, a few show
/// a pattern, thousands would drown the report.
pub const MAX_REPORTED: usize = 20;

/// The raw control characters of `text`, in order (at most
/// [`MAX_REPORTED`]), with 1-based lines and columns in characters.
pub fn raw(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    if !text.chars().any(forbidden_raw) {
        return found;
    }
    for (i, line) in text.split('\n').enumerate() {
        for (col, c) in line.chars().enumerate() {
            if forbidden_raw(c) {
                found.push(Found {
                    char: c,
                    location: Location {
                        line: i + 1,
                        column: col + 1,
                    },
                    escape: None,
                });
                if found.len() == MAX_REPORTED {
                    return found;
                }
            }
        }
    }
    found
}

/// The first raw character of `text` that YAML (libyaml, under serde_yaml)
/// refuses as "control characters are not allowed": [`raw`]'s, and a byte
/// order mark after the start of the file.
pub fn first_refused_by_yaml(text: &str) -> Option<Found> {
    if let Some(f) = raw(text).into_iter().next() {
        return Some(f);
    }
    for (i, line) in text.split('\n').enumerate() {
        if let Some(col) = line.chars().position(|c| c == '\u{FEFF}') {
            return Some(Found {
                char: '\u{FEFF}',
                location: Location {
                    line: i + 1,
                    column: col + 1,
                },
                escape: None,
            });
        }
    }
    None
}

/// The escapes in the double-quoted scalars of the YAML `text` that stand
/// for a [`forbidden`] character (at most [`MAX_REPORTED`]): one per
/// scalar, at its `\`. Raw control characters are [`raw`]'s; a file that
/// does not parse reports nothing here.
pub fn escaped(text: &str) -> Vec<Found> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    let mut found = Vec::new();
    // Escapes start with a backslash: most files have none.
    if !text.contains('\\') {
        return found;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        match event {
            Event::Scalar(value, ScalarStyle::DoubleQuoted, ..) if value.chars().any(forbidden) => {
                let start = Location {
                    line: span.start.line(),
                    column: span.start.col() + 1,
                };
                if let Some(f) = first_bad_escape(&lines, start) {
                    found.push(f);
                    if found.len() == MAX_REPORTED {
                        break;
                    }
                }
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
    found
}

/// Reads the double-quoted scalar that opens at `start` (its `"`) and
/// returns its first escape that stands for a [`forbidden`] character.
fn first_bad_escape(lines: &[&str], start: Location) -> Option<Found> {
    let mut line = start.line;
    let mut chars: Vec<char> = lines.get(line - 1)?.chars().collect();
    let mut col = start.column; // 1-based column of the opening quote
    if chars.get(col - 1) != Some(&'"') {
        return None;
    }
    loop {
        // `col` is the 1-based column of the last character read: the
        // next one is at index `col`.
        let Some(&c) = chars.get(col) else {
            // The scalar goes on on the next line.
            line += 1;
            chars = lines.get(line - 1)?.chars().collect();
            col = 0;
            continue;
        };
        match c {
            '"' => return None,
            '\\' => {
                let at = Location {
                    line,
                    column: col + 1,
                };
                let Some(&kind) = chars.get(col + 1) else {
                    // An escaped line break: the scalar goes on.
                    col += 1;
                    continue;
                };
                let digits = match kind {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                let decoded = if digits > 0 {
                    let hex: String = chars.iter().skip(col + 2).take(digits).collect();
                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                } else {
                    match kind {
                        '0' => Some('\0'),
                        'a' => Some('\u{7}'),
                        'b' => Some('\u{8}'),
                        'v' => Some('\u{B}'),
                        'f' => Some('\u{C}'),
                        'r' => Some('\r'),
                        'e' => Some('\u{1B}'),
                        'N' => Some('\u{85}'),
                        _ => None,
                    }
                };
                let width = 2 + digits;
                if let Some(d) = decoded.filter(|&d| forbidden(d)) {
                    return Some(Found {
                        char: d,
                        location: at,
                        escape: Some(chars.iter().skip(col).take(width).collect()),
                    });
                }
                col += width;
            }
            _ => col += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Location {
        Location { line, column }
    }

    #[test]
    fn escapes_are_found_where_they_are_written() {
        let text = "title: {vi: \"Phi\\vên\", en: \"a\\tb\"}\nname: \"x\\x01\"\nsummary:\n  vi: \"one\n    two \\u0007 \\\\e\"\nok: \"a\\\\b\\\"c\"\n";
        let f = escaped(text);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.char, f.location, f.escape.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            vec![
                ('\u{B}', at(1, 17), "\\v"),
                ('\u{1}', at(2, 9), "\\x01"),
                ('\u{7}', at(5, 9), "\\u0007"),
            ]
        );
        assert_eq!(
            f[0].message().en(),
            "`\\v` is the control character U+000B (vertical tab), which is not allowed in text"
        );
    }

    #[test]
    fn tabs_line_breaks_and_plain_text_pass() {
        assert!(escaped("a: \"x\\ty\\nz \\\\v \\u00e9\"\nb: 'c\\v'\n").is_empty());
        assert!(raw("a: \"x\ty\"\r\nb: |\n  c\n").is_empty());
    }

    #[test]
    fn raw_characters_are_placed() {
        let f = raw("a: b\nc: \"dé\u{C}\"\n# \u{FFFF}\n");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].char, f[0].location), ('\u{C}', at(2, 7)));
        assert_eq!((f[1].char, f[1].location), ('\u{FFFF}', at(3, 3)));
        assert!(f[1].message().en().starts_with("the noncharacter U+FFFF"));
        assert_eq!(
            first_refused_by_yaml("a: b\nc: x\u{FEFF}y\n").map(|f| f.location),
            Some(at(2, 5))
        );
    }
}
