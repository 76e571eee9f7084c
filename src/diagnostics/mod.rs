//! Problems found in the content, designed to be read by the people who
//! typed it: the file (relative to the content folder), line and column,
//! what was expected, and a hint that says how to fix it.
//!
//! Every problem in one run is collected, not just the first, and printed
//! sorted by file and line, like a compiler. Rendering is either the rustc
//! style (a snippet of the offending line with a caret under the span) or
//! JSON lines for editors and bots.

pub mod yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::load::yaml::Location;

/// How serious a problem is. Errors stop the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short, stable name for the kind of problem (`unknown-indicator`).
    pub code: &'static str,
    /// The file, relative to the content folder where possible.
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What would have been accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
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

    pub fn expected(mut self, e: impl Into<String>) -> Self {
        self.expected = Some(e.into());
        self
    }

    pub fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
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
    /// The one-line form: `error: file:line:col: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: {}", self.code, self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(e) = &self.expected {
            write!(f, "; expected {e}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
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

    /// JSON lines, one diagnostic per line.
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            // Serializing plain strings and numbers cannot fail.
            out.push_str(&serde_json::to_string(d).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    /// The rustc-style report. `root` is the content folder the paths are
    /// relative to; the files are read again to show the offending lines.
    pub fn render(&self, root: &Path, color: bool) -> String {
        use codespan_reporting::diagnostic::{Diagnostic as CsDiag, Label};
        use codespan_reporting::files::SimpleFiles;
        use codespan_reporting::term;

        let mut files = SimpleFiles::new();
        let mut ids: BTreeMap<&Path, Option<(usize, String)>> = BTreeMap::new();
        let mut out = Vec::<u8>::new();
        let config = term::Config::default();
        let mut buffer = if color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        for d in self.sorted() {
            let entry = ids.entry(&d.file).or_insert_with(|| {
                let path = root.join(&d.file);
                let text = std::fs::read(&path).ok()?;
                let text = String::from_utf8_lossy(&text).into_owned();
                Some((files.add(d.file.display().to_string(), text.clone()), text))
            });
            let severity = match d.severity {
                Severity::Error => codespan_reporting::diagnostic::Severity::Error,
                Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
            };
            let mut notes = Vec::new();
            if let Some(e) = &d.expected {
                notes.push(format!("expected: {e}"));
            }
            if let Some(h) = &d.hint {
                notes.push(format!("hint: {h}"));
            }
            let mut cs = CsDiag::new(severity)
                .with_code(d.code)
                .with_message(&d.message)
                .with_notes(notes.clone());
            let span = entry
                .as_ref()
                .and_then(|(id, text)| Some((*id, byte_span(text, d.line?, d.column)?)));
            if let Some((id, range)) = span {
                cs = cs.with_labels(vec![Label::primary(id, range)]);
                let _ = term::emit_to_write_style(&mut buffer, &config, &files, &cs);
            } else {
                // No position: name the file in the message instead.
                let mut plain = format!("{}: {}", d.file.display(), d.message);
                if let Some(l) = d.line {
                    plain = format!("{}:{l}: {}", d.file.display(), d.message);
                }
                let cs = CsDiag::new(severity)
                    .with_code(d.code)
                    .with_message(plain)
                    .with_notes(notes);
                let _ = term::emit_to_write_style(&mut buffer, &config, &files, &cs);
            }
        }
        out.extend_from_slice(buffer.as_slice());
        String::from_utf8_lossy(&out).into_owned()
    }

    /// "2 errors, 1 warning", for the last line of a report.
    pub fn summary(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning")
        )
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// The byte range of the token at `line`:`column` (1-based, column in
/// characters): from the column to the end of the word or quoted value.
fn byte_span(text: &str, line: usize, column: Option<usize>) -> Option<std::ops::Range<usize>> {
    let before: Vec<&str> = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .collect();
    if before.len() + 1 < line || (before.is_empty() && text.is_empty()) {
        return None;
    }
    let start_of_line: usize = before.iter().map(|l| l.len()).sum();
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
        let end = rest.find(['#', ',', ']', '}']).unwrap_or(rest.len());
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
        let text = "a: 1\n  actual: \"11,27\"  # x\n";
        let r = byte_span(text, 2, Some(11)).unwrap();
        assert_eq!(&text[r], "\"11,27\"");
        let r = byte_span(text, 1, Some(4)).unwrap();
        assert_eq!(&text[r], "1");
        assert!(byte_span(text, 0, Some(1)).is_none());
        assert_eq!(byte_span("", 5, Some(1)), None);
    }
}
