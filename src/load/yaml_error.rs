//! Turning serde_yaml's messages into diagnostics an author can act on.
//!
//! serde_yaml says what went wrong in the terms of the Rust types
//! (`invalid type: sequence, expected f64`, `expected struct RawSite`) and
//! puts the field path in front (`results[3].actual: …`). Here the message
//! is split into what is wrong, what was expected (in the content format's
//! own words), and a hint for the usual cause; the position comes
//! separately from the parser.

use std::path::Path;

use super::yaml::Location;
use crate::diagnostics::{Code, Diagnostic};

/// The diagnostic for a file that serde_yaml could not deserialize.
/// `message` is serde_yaml's message without its " at line …" suffix, and
/// `text` the file's content (used to place and explain syntax errors).
pub fn yaml_error(rel: &Path, text: &str, message: &str, location: Option<Location>) -> Diagnostic {
    if text.trim().is_empty() {
        return Diagnostic::error(Code::Yaml, rel, "the file is empty").hint(
            "start from a file made by `minhbach new`, or see docs/authoring.md for the fields",
        );
    }
    let (path, rest) = split_path(message);
    let at = |what: String| match path {
        Some(p) => format!("{what} in `{p}`"),
        None => what,
    };

    if let Some(r) = rest.strip_prefix("unknown field `") {
        let (field, after) = r.split_once('`').unwrap_or((r, ""));
        let allowed = backticked(after);
        let mut d =
            Diagnostic::error(Code::Yaml, rel, at(format!("unknown field `{field}`"))).at(location);
        d = match allowed.len() {
            0 => d.expected("no fields here"),
            1 => d.expected(format!("the field `{}`", allowed[0])),
            _ => d.expected(format!(
                "one of {}",
                allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        return match crate::suggest::closest(field, allowed.iter().copied()) {
            Some(s) => d.hint(format!("did you mean `{s}`? check the spelling of the field name")),
            None => d.hint("check the spelling of the field name; names are lowercase English words joined by `_`"),
        };
    }
    if let Some(r) = rest.strip_prefix("missing field `") {
        let field = r.split('`').next().unwrap_or(r);
        // At the top level the position is the file's first line, which
        // is not where anything is missing: name the file only.
        let location = location.filter(|_| path.is_some());
        let d =
            Diagnostic::error(Code::Yaml, rel, at(format!("missing field `{field}`"))).at(location);
        return d.hint(format!(
            "add a line `{field}: …`; see docs/authoring.md for what it holds"
        ));
    }
    if let Some(r) = rest.strip_prefix("duplicate field `") {
        let field = r.split('`').next().unwrap_or(r);
        // serde_yaml points at the map holding the field, or nowhere:
        // point at the second `field:` from there.
        let location = second_key(text, field, location.map_or(1, |l| l.line)).or(location);
        return Diagnostic::error(
            Code::Yaml,
            rel,
            at(format!("the field `{field}` is given twice")),
        )
        .at(location)
        .hint("keep one of them: a field can appear only once in the same place");
    }
    if let Some(r) = rest.strip_prefix("invalid type: ") {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
        // serde's own phrasing, without Rust type names.
        let short = match expected {
            "f64" | "f32" => "a number",
            e if e.starts_with("struct ") => "a map of `key: value` fields",
            // The full expectation follows as a note; the message keeps its
            // first words.
            e => e.split([':', '(', ',']).next().unwrap_or(e).trim_end(),
        };
        let what = match path {
            Some(p) => format!("invalid type in `{p}`: {found}, expected {short}"),
            None => format!("invalid type: {found}, expected {short}"),
        };
        let mut d = Diagnostic::error(Code::Yaml, rel, what).at(location);
        let expected = expected_in_words(expected);
        if let Some(h) = type_hint(&expected, found) {
            d = d.hint(h);
        }
        return d.expected(expected);
    }
    if let Some(r) = rest.strip_prefix("invalid value: ") {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
        let mut d =
            Diagnostic::error(Code::Yaml, rel, at(format!("invalid value: {found}"))).at(location);
        if !expected.is_empty() {
            d = d.expected(expected_in_words(expected));
        }
        return d;
    }
    syntax_error(rel, text, rest, location)
}

/// Errors of the YAML syntax itself, before any field is looked at.
fn syntax_error(rel: &Path, text: &str, message: &str, location: Option<Location>) -> Diagnostic {
    // libyaml says where only as a position in its input ("at position
    // 283"), and serde_yaml then places the error at the start of the
    // file: find the character instead. (The loader refuses these
    // characters before parsing; this is for any other caller.)
    if message.contains("control characters are not allowed") {
        if let Some(f) = super::controls::first_refused_by_yaml(text) {
            return Diagnostic::error(Code::ControlCharacter, rel, f.message())
                .at(Some(f.location))
                .expected(f.expected())
                .hint(f.hint());
        }
    }
    let d = Diagnostic::error(
        Code::Yaml,
        rel,
        format!("this is not valid YAML: {message}"),
    )
    .at(location);
    let quote_trouble = [
        "did not find expected",
        "could not find expected",
        "end of stream",
        "mapping values",
    ]
    .iter()
    .any(|m| message.contains(m));
    if let Some(line) = unclosed_quote_before(text, location).filter(|_| quote_trouble) {
        return d.hint(format!("the quotation mark opened on line {line} is not closed: end the text with `\"` on that line"));
    }
    let at_char = location.and_then(|l| {
        text.lines()
            .nth(l.line.checked_sub(1)?)?
            .chars()
            .nth(l.column.checked_sub(1)?)
    });
    if message.contains("tab character") {
        return d.hint("indent with spaces: YAML does not allow tab characters for indentation");
    }
    if message.contains("cannot start any token") {
        return match at_char {
            Some('\t') => {
                d.hint("indent with spaces: YAML does not allow tab characters for indentation")
            }
            Some(c @ ('@' | '`')) => d.hint(format!(
                "put the value in quotes: YAML values cannot start with `{c}`"
            )),
            _ => d.hint("put the value in quotes"),
        };
    }
    if message.contains("mapping values are not allowed") {
        return d.hint("quote text that contains `: `, e.g. title: \"Phiên họp thứ 3: kết quả\"");
    }
    if message.contains("did not find expected '-' indicator")
        || message.contains("did not find expected key")
    {
        return d.hint(
            "check the indentation: the keys of one result (or one map) start in the same column, and every list item starts with `- ` at the same column",
        );
    }
    if message.contains("could not find expected ':'") {
        return d.hint("every field is written `key: value`, with a space after the colon");
    }
    if message.contains("end of stream") {
        return d.hint("a quotation mark or bracket is opened and never closed; check the quotes and brackets above this line");
    }
    if message.contains("did not find expected ',' or ']'")
        || message.contains("did not find expected ',' or '}'")
    {
        return d.hint("a bracket is not closed: a list is written [a, b] and a map {vi: \"…\", en: \"…\"} on one line");
    }
    if message.contains("found unknown escape character") {
        return d.hint("inside double quotes a backslash starts an escape; write \\\\ for a backslash, or use single quotes");
    }
    d.hint("compare with a file that works, or with docs/authoring.md; check the indentation and quotes around this line")
}

/// The line, at or above a syntax error, that opens a double-quoted text
/// without closing it: the parser only notices lines later.
fn unclosed_quote_before(text: &str, location: Option<Location>) -> Option<usize> {
    let upto = location?.line;
    let lines: Vec<&str> = text.lines().take(upto).collect();
    lines.iter().enumerate().rev().find_map(|(i, line)| {
        // Quotes in a comment do not count; an escaped quote does not close.
        let code = line.split(" #").next().unwrap_or(line);
        let quotes = code
            .replace("\\\\", "")
            .replace("\\\"", "")
            .matches('"')
            .count();
        (quotes % 2 == 1 && !code.trim_start().starts_with('#')).then_some(i + 1)
    })
}

/// Splits serde_yaml's `results[0].actual: message` into the path and the
/// message. A top-level problem has no path.
fn split_path(message: &str) -> (Option<&str>, &str) {
    if let Some((head, rest)) = message.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && head != "."
            && head
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
        if looks_like_path {
            return (Some(head), rest);
        }
        if head == "." {
            return (None, rest);
        }
    }
    (None, message)
}

/// The names in backticks, in order: the list serde gives after
/// `expected one of`.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// serde's expectation, in the words of the content format.
fn expected_in_words(expected: &str) -> String {
    if expected.starts_with("struct ") {
        return "a map of `key: value` fields".to_owned();
    }
    match expected {
        "f64" | "f32" => "a number, such as 11.27".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number".to_owned(),
        "a sequence" => "a list (one `- item` per line, or [a, b] on one line)".to_owned(),
        "a map" => "a map of `key: value` fields".to_owned(),
        "a string" => "text".to_owned(),
        other => other.to_owned(),
    }
}

/// The usual fix for a value of the wrong kind.
fn type_hint(expected: &str, found: &str) -> Option<String> {
    let found_list_or_map = found == "sequence" || found == "map";
    if expected.starts_with("a number") {
        return Some(if found_list_or_map {
            "write a single number, such as 11.27".to_owned()
        } else {
            "write the number alone, with a dot for decimals and no unit".to_owned()
        });
    }
    if expected.starts_with("a text") || expected == "text" {
        return Some(if found_list_or_map && expected == "text" {
            "write the text on one line, in quotes if it contains `:`, `[` or `{`".to_owned()
        } else if found_list_or_map {
            "write the text in quotes, or as {vi: \"…\", en: \"…\"}; a `[` or `{` at the start makes it a list or a map".to_owned()
        } else {
            "put the text in quotes, e.g. \"2022\"".to_owned()
        });
    }
    if expected.starts_with("a single value") {
        return Some(
            "write one value after the colon; put it in quotes if it starts with `[` or `{`"
                .to_owned(),
        );
    }
    if expected.starts_with("a list") {
        return Some(
            "write the items under the field, each on its own line starting with `- `".to_owned(),
        );
    }
    if expected.starts_with("a map") {
        return Some("write the fields indented under it, one `key: value` per line".to_owned());
    }
    if expected.starts_with("a source") {
        return Some(
            "write the id of a file in seeds/, or an inline source with `id:` and `title:`"
                .to_owned(),
        );
    }
    None
}

/// Where `key:` appears for the second time: serde_yaml does not give a
/// position for duplicate fields.
fn second_key(text: &str, key: &str, from_line: usize) -> Option<Location> {
    let mut seen = 0;
    for (i, line) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            seen += 1;
            if seen == 2 {
                let column = line.chars().count() - trimmed.chars().count() + 1;
                return Some(Location {
                    line: i + 1,
                    column,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(text: &str, message: &str) -> Diagnostic {
        yaml_error(
            Path::new("x.yaml"),
            text,
            message,
            Some(Location { line: 1, column: 1 }),
        )
    }

    #[test]
    fn unknown_fields_suggest_the_closest() {
        let d = diag(
            "a",
            "results[0]: unknown field `actul`, expected one of `indicator`, `actual`, `target`",
        );
        assert_eq!(d.message, "unknown field `actul` in `results[0]`");
        assert_eq!(
            d.expected.as_deref(),
            Some("one of `indicator`, `actual`, `target`")
        );
        assert!(d.hint.unwrap().starts_with("did you mean `actual`?"));
    }

    #[test]
    fn type_errors_speak_the_content_format() {
        let d = diag(
            "a",
            "results[0].actual: invalid type: sequence, expected f64",
        );
        assert_eq!(
            d.message,
            "invalid type in `results[0].actual`: sequence, expected a number"
        );
        assert_eq!(d.expected.as_deref(), Some("a number, such as 11.27"));
        let d = diag("a", "invalid type: sequence, expected struct RawSite");
        assert_eq!(d.expected.as_deref(), Some("a map of `key: value` fields"));
        assert!(!d.message.contains("Raw"));
    }

    #[test]
    fn duplicate_fields_are_placed() {
        let text = "title: a\nresults:\n  - indicator: x\ntitle: b\n";
        let d = yaml_error(Path::new("x.yaml"), text, "duplicate field `title`", None);
        assert_eq!((d.line, d.column), (Some(4), Some(1)));
        let text = "results:\n  - target: 1\n  - target: 2\n    target: 3\n";
        let at = Some(Location { line: 3, column: 5 });
        let d = yaml_error(
            Path::new("x.yaml"),
            text,
            "results[1]: duplicate field `target`",
            at,
        );
        assert_eq!((d.line, d.column), (Some(4), Some(5)));
    }

    #[test]
    fn tabs_get_their_own_hint() {
        let text = "title: x\n\t- a\n";
        let d = yaml_error(
            Path::new("x.yaml"),
            text,
            "found character that cannot start any token",
            Some(Location { line: 2, column: 1 }),
        );
        assert!(d.hint.unwrap().contains("tab"));
    }

    #[test]
    fn an_unclosed_quote_is_found_above_the_error() {
        let text = "title: x\nsummary:\n  vi: \"abc\n  en: \"def\"\n";
        let at = Some(Location { line: 4, column: 8 });
        let d = yaml_error(Path::new("x.yaml"), text, "did not find expected key", at);
        assert!(d.hint.unwrap().contains("opened on line 3"));
    }

    #[test]
    fn control_characters_are_placed() {
        let text = "title: x\nsummary: \"a\u{1}b\"\n";
        let e = crate::load::yaml::parse::<serde_yaml::Value>(text).unwrap_err();
        assert!(e.message.contains("control characters"), "{}", e.message);
        let d = yaml_error(Path::new("x.yaml"), text, &e.message, e.location);
        assert_eq!(d.code, Code::ControlCharacter);
        assert_eq!((d.line, d.column), (Some(2), Some(12)));
        assert!(d.message.contains("U+0001"), "{}", d.message);
    }

    #[test]
    fn empty_files_say_so() {
        let d = diag("\n", "missing field `title`");
        assert_eq!(d.message, "the file is empty");
    }
}
