//! Problems found in the content, designed to be read by the people who
//! typed it: the file (relative to the content folder), line and column,
//! what was expected, and a hint that says how to fix it.
//!
//! Every problem in one run is collected, not just the first, and printed
//! sorted by file and line, like a compiler. Rendering is either the rustc
//! style (a snippet of the offending line with a caret under the span) or
//! JSON lines for editors and bots.
//!
//! A leaf of the crate: it knows positions and files, not how the content
//! is loaded or validated (turning parser errors into diagnostics lives in
//! `load::yaml_error`).

mod code;
mod text;

pub use code::Code;
pub(crate) use text::say;
pub use text::{translated, Language, Text};

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// 1-based line and column (in characters) within a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// A cell of a spreadsheet a problem is about: its sheet (none in a CSV
/// file, which has one) and its name (`C7`). A spreadsheet has no lines
/// to show, so `import` names the cell instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetCell {
    pub sheet: Option<String>,
    pub cell: String,
}

/// How serious a problem is. Errors stop the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the content. Its words are in every language problems
/// are reported in, chosen when it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short, stable name for the kind of problem (`unknown-indicator`).
    pub code: Code,
    /// The file, relative to the content folder where possible.
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: Text,
    /// What would have been accepted.
    pub expected: Option<Text>,
    /// How to fix it.
    pub hint: Option<Text>,
    /// The spreadsheet's cell, for a problem `import` found in one.
    pub cell: Option<SheetCell>,
}

/// A diagnostic as `--format json` writes it: its words in one language,
/// named by `lang`.
#[derive(serde::Serialize)]
struct Said<'a> {
    severity: Severity,
    code: Code,
    file: &'a Path,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    lang: Language,
    /// For a problem in a spreadsheet: its sheet (none in a CSV file) and
    /// cell, where a file of text has its line and column.
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
}

impl Diagnostic {
    pub fn error(code: Code, file: impl Into<PathBuf>, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: None,
            column: None,
            message,
            expected: None,
            hint: None,
            cell: None,
        }
    }

    pub fn warning(code: Code, file: impl Into<PathBuf>, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, location: Option<Location>) -> Self {
        if let Some(l) = location {
            self.line = Some(l.line);
            self.column = Some(l.column);
        }
        self
    }

    pub fn expected(mut self, e: Text) -> Self {
        self.expected = Some(e);
        self
    }

    pub fn hint(mut self, h: Text) -> Self {
        self.hint = Some(h);
        self
    }

    /// [`Diagnostic::hint`], when there is one.
    pub fn hint_opt(mut self, h: Option<Text>) -> Self {
        if h.is_some() {
            self.hint = h;
        }
        self
    }

    /// The one-line form in `lang`: `error[code]: file:line:col: message`.
    pub fn line_in(&self, lang: Language) -> String {
        let words = Words::of(lang);
        let mut s = format!(
            "{}[{}]: {}",
            words.severity(self.severity),
            self.code,
            escaped(&self.file.display().to_string())
        );
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
            if let Some(c) = self.column {
                s.push_str(&format!(":{c}"));
            }
        }
        s.push_str(&format!(": {}", escaped(self.message.get(lang))));
        if let Some(e) = &self.expected {
            s.push_str(&format!("; {} {}", words.expected, escaped(e.get(lang))));
        }
        if let Some(h) = &self.hint {
            s.push_str(&format!(" ({}: {})", words.hint, escaped(h.get(lang))));
        }
        s
    }

    fn said(&self, lang: Language) -> Said<'_> {
        Said {
            severity: self.severity,
            code: self.code,
            file: &self.file,
            line: self.line,
            column: self.column,
            message: self.message.get(lang),
            expected: self.expected.as_ref().map(|t| t.get(lang)),
            hint: self.hint.as_ref().map(|t| t.get(lang)),
            lang,
            sheet: self.cell.as_ref().and_then(|c| c.sheet.as_deref()),
            cell: self.cell.as_ref().map(|c| c.cell.as_str()),
        }
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity) {
        (
            &self.file,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
        )
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form in English (see [`Diagnostic::line_in`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line_in(Language::En))
    }
}

/// The report's own words around the diagnostics, in one language.
struct Words {
    error: &'static str,
    warning: &'static str,
    expected: &'static str,
    hint: &'static str,
}

impl Words {
    fn of(lang: Language) -> Words {
        match lang {
            Language::En => Words {
                error: "error",
                warning: "warning",
                expected: "expected",
                hint: "hint",
            },
            Language::Vi => Words {
                error: "lỗi",
                warning: "cảnh báo",
                expected: "cần",
                hint: "gợi ý",
            },
        }
    }

    fn severity(&self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }

    /// One diagnostic as the report library printed it, with the English
    /// word of its first line (`error[code]`) in this language.
    fn header(&self, printed: &str, s: Severity) -> String {
        let english = Words::of(Language::En).severity(s);
        let mine = self.severity(s);
        printed.replacen(&format!("{english}["), &format!("{mine}["), 1)
    }
}

/// Every problem found in one run.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems sorted by file, line and column, duplicates removed.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.message.cmp(&b.message))
        });
        v.dedup();
        v
    }

    /// JSON lines, one diagnostic per line, their words in `lang`.
    pub fn to_json_lines(&self, lang: Language) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            // Serializing plain strings and numbers cannot fail.
            out.push_str(&serde_json::to_string(&d.said(lang)).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    /// The rustc-style report, in English. `root` is the content folder
    /// the paths are relative to; the files are read again, within the
    /// default size limit, to show the offending lines (see
    /// [`Diagnostics::render_limited`]).
    pub fn render(&self, root: &Path, color: bool) -> String {
        self.render_limited(
            root,
            color,
            crate::safe_read::DEFAULT_MAX_FILE_BYTES,
            Language::En,
        )
    }

    /// The rustc-style report, reading a file to show its lines only as the
    /// loader reads it: a regular file, not a link, pipe or device, of at
    /// most `max_bytes`, and not one the loader refused. Any other file is
    /// reported by name, line and column without its lines. Every control
    /// character but newline and tab, in names, messages and lines, is shown
    /// escaped (`\u{1b}`), never printed as it is. Time and memory are
    /// linear in the files shown and the number of problems. The words are
    /// in `lang`.
    pub fn render_limited(
        &self,
        root: &Path,
        color: bool,
        max_bytes: u64,
        lang: Language,
    ) -> String {
        use codespan_reporting::diagnostic::{Diagnostic as CsDiag, Label};
        use codespan_reporting::files::SimpleFiles;
        use codespan_reporting::term;

        // Files the loader did not read are not read here either.
        let refused: std::collections::BTreeSet<&Path> = self
            .items
            .iter()
            .filter(|d| NOT_READ.contains(&d.code))
            .map(|d| d.file.as_path())
            .collect();
        let mut files = SimpleFiles::new();
        let mut ids: BTreeMap<&Path, Option<(usize, Source)>> = BTreeMap::new();
        let words = Words::of(lang);
        let config = term::Config::default();
        let mut out = String::new();
        for d in self.sorted() {
            let entry = ids.entry(&d.file).or_insert_with(|| {
                if refused.contains(d.file.as_path()) || d.line.is_none() {
                    return None;
                }
                let bytes = crate::safe_read::read_regular(&root.join(&d.file), max_bytes).ok()?;
                let source = Source::new(&bytes);
                let id = files.add(
                    escaped(&d.file.display().to_string()).into_owned(),
                    source.shown.clone(),
                );
                Some((id, source))
            });
            let severity = match d.severity {
                Severity::Error => codespan_reporting::diagnostic::Severity::Error,
                Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
            };
            let mut notes = Vec::new();
            if let Some(e) = &d.expected {
                notes.push(format!("{}: {}", words.expected, escaped(e.get(lang))));
            }
            if let Some(h) = &d.hint {
                notes.push(format!("{}: {}", words.hint, escaped(h.get(lang))));
            }
            let span = entry
                .as_ref()
                .and_then(|(id, source)| Some((*id, source.span(d.line?, d.column)?)));
            let cs = if let Some((id, range)) = span {
                CsDiag::new(severity)
                    .with_code(d.code.as_str())
                    .with_message(escaped(d.message.get(lang)))
                    .with_notes(notes)
                    .with_labels(vec![Label::primary(id, range)])
            } else {
                // No lines to show: name the file and position in the message.
                let name = escaped(&d.file.display().to_string()).into_owned();
                let at = match (d.line, d.column) {
                    (Some(l), Some(c)) => format!("{name}:{l}:{c}"),
                    (Some(l), None) => format!("{name}:{l}"),
                    _ => name,
                };
                CsDiag::new(severity)
                    .with_code(d.code.as_str())
                    .with_message(format!("{at}: {}", escaped(d.message.get(lang))))
                    .with_notes(notes)
            };
            let mut buffer = if color {
                termcolor::Buffer::ansi()
            } else {
                termcolor::Buffer::no_color()
            };
            let _ = term::emit_to_write_style(&mut buffer, &config, &files, &cs);
            out.push_str(&words.header(&String::from_utf8_lossy(buffer.as_slice()), d.severity));
        }
        out
    }

    /// "2 errors, 1 warning" ("2 lỗi, 1 cảnh báo"), for the last line of
    /// a report.
    pub fn summary(&self, lang: Language) -> String {
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        match lang {
            Language::En => {
                let plural =
                    |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
                format!(
                    "{}, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                )
            }
            // Vietnamese nouns do not change with the number.
            Language::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// The codes of problems with a file that the loader did not read (a
/// link, pipe or device, a file too large or that could not be opened): the
/// report does not read it either.
const NOT_READ: &[Code] = &[
    Code::SymlinkIgnored,
    Code::NotAFile,
    Code::FileTooLarge,
    Code::Unreadable,
];

/// Whether `c` is shown escaped: every control character but newline and
/// tab (ESC, BEL, CR, NUL, DEL, the C1 controls, ...).
fn hidden(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` with every control character but newline and tab written as
/// `\u{..}`, so that a file name or a line cannot move the cursor, retitle
/// or clear a terminal.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A file as the report shows it: its text, where each line starts (found
/// once, so that each problem's span is found in time independent of the
/// file's length), and the text shown, with control characters escaped.
struct Source {
    text: String,
    line_starts: Vec<usize>,
    shown: String,
    /// The byte offset in `text` of each escaped character, and how many
    /// bytes longer the shown text is after it, in order.
    shifts: Vec<(usize, usize)>,
}

impl Source {
    fn new(bytes: &[u8]) -> Source {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = String::from_utf8_lossy(bytes);
        // As the loader reads it: line and column are counted in that text.
        let text = if text.contains("\r\n") {
            text.replace("\r\n", "\n")
        } else {
            text.into_owned()
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut shown = String::new();
        let mut shifts = Vec::new();
        if text.chars().any(hidden) {
            shown.reserve(text.len() + 8);
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                if hidden(c) {
                    let before = shown.len();
                    shown.extend(c.escape_unicode());
                    extra += shown.len() - before - c.len_utf8();
                    shifts.push((i, extra));
                } else {
                    shown.push(c);
                }
            }
        } else {
            shown.clone_from(&text);
        }
        Source {
            text,
            line_starts,
            shown,
            shifts,
        }
    }

    /// The range in the shown text of the token at `line`:`column`.
    fn span(&self, line: usize, column: Option<usize>) -> Option<std::ops::Range<usize>> {
        let r = byte_span(&self.text, &self.line_starts, line, column)?;
        Some(self.shown_offset(r.start)..self.shown_offset(r.end))
    }

    /// Where byte `at` of the text is in the shown text (an escaped
    /// character before it counts whole).
    fn shown_offset(&self, at: usize) -> usize {
        let n = self.shifts.partition_point(|&(i, _)| i < at);
        at + n.checked_sub(1).map_or(0, |k| self.shifts[k].1)
    }
}

/// The byte range of the token at `line`:`column` (1-based, column in
/// characters): from the column to the end of the word or quoted value.
/// `line_starts` holds the offset of each line's first byte.
fn byte_span(
    text: &str,
    line_starts: &[usize],
    line: usize,
    column: Option<usize>,
) -> Option<std::ops::Range<usize>> {
    let start_of_line = *line_starts.get(line.checked_sub(1)?)?;
    if text.is_empty() {
        return None;
    }
    let line_text = text[start_of_line..].split('\n').next()?;
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let col = column.unwrap_or(1).saturating_sub(1);
    let offset: usize = line_text.chars().take(col).map(char::len_utf8).sum();
    let rest = &line_text[offset.min(line_text.len())..];
    let len = if column.is_none() {
        // Whole line, without leading spaces.
        let trimmed = line_text.trim_start();
        return Some(
            start_of_line + (line_text.len() - trimmed.len())..start_of_line + line_text.len(),
        );
    } else if let Some(q @ ('"' | '\'')) = rest.chars().next() {
        rest[1..].find(q).map(|i| i + 2).unwrap_or(rest.len())
    } else {
        // Inside `{…}` or `[…]` a comma or a closing bracket ends a value;
        // in a block a comma is part of it (`actual: 41,5` underlines
        // `41,5`).
        let before = &line_text[..offset.min(line_text.len())];
        let depth = |open: char, close: char| {
            before.matches(open).count() as isize - before.matches(close).count() as isize
        };
        let in_flow = depth('{', '}') > 0 || depth('[', ']') > 0;
        let ends: &[char] = if in_flow {
            &['#', ',', ']', '}']
        } else {
            &['#']
        };
        let end = rest.find(ends).unwrap_or(rest.len());
        // A key ends at its colon: `directon: up` underlines `directon`.
        let end = rest[..end].find(": ").unwrap_or(end);
        rest[..end].trim_end().len().max(1).min(rest.len().max(1))
    };
    let start = start_of_line + offset.min(line_text.len());
    Some(
        start
            ..(start + len)
                .min(start_of_line + line_text.len())
                .max(start),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_token() {
        let s = Source::new(b"a: 1\n  actual: \"11,27\"  # x\n");
        let r = s.span(2, Some(11)).unwrap();
        assert_eq!(&s.shown[r], "\"11,27\"");
        let r = s.span(1, Some(4)).unwrap();
        assert_eq!(&s.shown[r], "1");
        assert!(s.span(0, Some(1)).is_none());
        assert_eq!(Source::new(b"").span(5, Some(1)), None);
        assert!(s.span(9, Some(1)).is_none());
        // A comma ends a value in a flow mapping, not in a block.
        let s = Source::new(b"actual: 41,5 # x\nname: {vi: a, en: b}\n");
        let r = s.span(1, Some(9)).unwrap();
        assert_eq!(&s.shown[r], "41,5");
        let r = s.span(2, Some(12)).unwrap();
        assert_eq!(&s.shown[r], "a");
    }

    #[test]
    fn the_report_shows_lines_escaped_and_reads_no_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "x: 1\ntitel: \"\x1b]0;t\x07\"\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("a.yaml"), dir.path().join("b.yaml")).unwrap();
        let mut diags = Diagnostics::default();
        for file in ["a.yaml", "b.yaml"] {
            diags.push(
                Diagnostic::error(
                    Code::Yaml,
                    file,
                    say!(
                        en: "unknown field `titel`\x1b[2J",
                        vi: "không nhận ra trường `titel`\x1b[2J"
                    ),
                )
                .at(Some(Location { line: 2, column: 1 })),
            );
        }
        let report = diags.render(dir.path(), false);
        assert!(
            !report.contains('\x1b') && !report.contains('\x07'),
            "{report:?}"
        );
        assert!(report.contains("titel: \"\\u{1b}]0;t\\u{7}\""), "{report}");
        assert!(report.contains("`titel`\\u{1b}[2J"), "{report}");
        // The link's target is not shown through it.
        #[cfg(unix)]
        assert!(report.contains("b.yaml:2:1: unknown field"), "{report}");
        assert_eq!(report.matches("\\u{1b}]0;t").count(), 1, "{report}");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let s = Source::new(b"a: \x1b]0;x\x07\n  b: \"\x1b[2J\"\n");
        assert!(!s.shown.contains('\x1b'), "{}", s.shown);
        let r = s.span(2, Some(6)).unwrap();
        assert_eq!(&s.shown[r], "\"\\u{1b}[2J\"");
        assert_eq!(escaped("x\u{9b}y\tz\n"), "x\\u{9b}y\tz\n");
    }
}
