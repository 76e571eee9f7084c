//! The one place that parses YAML. Everything else sees typed values and
//! [`Location`]s, so the parser can be swapped without touching the rest.
//!
//! serde_yaml does the typed deserialization. It reports where a syntax or
//! type error is, but keeps no positions for values that deserialized fine,
//! and the validator needs those to point at, say, an unknown indicator id.
//! So, only when a diagnostic asks for one, a [`SpanIndex`] is built from a
//! second, event-level parse (saphyr-parser) that maps each value's path
//! (`results[3].actual`) to its line and column.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

pub use crate::diagnostics::Location;

use crate::diagnostics::say;

/// A YAML file that could not be deserialized.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub location: Option<Location>,
}

/// The deepest nesting of mappings and sequences accepted. Content files
/// nest four levels at most; the limit only keeps a hostile file from
/// costing stack or time.
pub const MAX_DEPTH: usize = 64;

/// The most values that aliases (`*name`) may add to a file by repeating
/// what an anchor (`&name`) holds. Content has no use for aliases beyond a
/// few repeated values; the limit stops the "billion laughs" file, where
/// nested aliases expand a few lines into billions of values.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

/// A file refused before deserializing because it is too deep or expands
/// too much.
#[derive(Debug, Clone)]
pub struct LimitError {
    pub message: crate::diagnostics::Text,
    pub hint: crate::diagnostics::Text,
    pub location: Location,
}

/// Checks the structure of `text` against [`MAX_DEPTH`] and
/// [`MAX_ALIAS_EXPANSION`] in one pass over the parser's events, without
/// building anything. A syntax error stops the check silently: [`parse`]
/// reports it with its own message.
pub fn check_limits(text: &str) -> Result<(), LimitError> {
    use saphyr_parser::{Event, Parser};
    let loc = |m: saphyr_parser::Marker| Location {
        line: m.line(),
        column: m.col() + 1,
    };
    // How many values each anchor stands for, once expanded.
    let mut anchored: HashMap<usize, usize> = HashMap::new();
    // Open collections: (anchor id, values counted when it opened).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut values = 0usize;
    let mut from_aliases = 0usize;
    let too_deep = |location| LimitError {
        message: say!(
            en: "the file nests mappings and lists deeper than {MAX_DEPTH} levels",
            vi: "tệp lồng các bảng khóa-giá trị và danh sách sâu quá {MAX_DEPTH} tầng"
        ),
        hint: say!(
            en: "content files nest a few levels at most; check the indentation and the brackets",
            vi: "tệp nội dung chỉ lồng nhau vài tầng; hãy kiểm tra thụt lề và các dấu ngoặc"
        ),
        location,
    };
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, span) = match parser.next_event() {
            Some(Ok(next)) => next,
            // The scanner looks ahead through `[[[[…` for a possible key
            // and gives up at 255 levels, before any event reaches the
            // depth check below. libyaml (under serde_yaml) would go on,
            // in time quadratic in the depth: stop here.
            Some(Err(e)) if e.info().contains("recursion limit") => {
                return Err(too_deep(loc(*e.marker())))
            }
            Some(Err(_)) | None => break,
        };
        match event {
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if open.len() >= MAX_DEPTH {
                    return Err(too_deep(loc(span.start)));
                }
                values += 1;
                open.push((anchor, values));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, start)) = open.pop() {
                    if anchor != 0 {
                        anchored.insert(anchor, values - start + 1);
                    }
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                values += 1;
                if anchor != 0 {
                    anchored.insert(anchor, 1);
                }
            }
            Event::Alias(anchor) => {
                let n = anchored.get(&anchor).copied().unwrap_or(1);
                values = values.saturating_add(n);
                from_aliases = from_aliases.saturating_add(n);
                if from_aliases > MAX_ALIAS_EXPANSION {
                    return Err(LimitError {
                        message: say!(
                            en: "aliases (`*name`) in this file repeat more than {MAX_ALIAS_EXPANSION} values",
                            vi: "các bí danh (`*name`) trong tệp này lặp lại hơn {MAX_ALIAS_EXPANSION} giá trị"
                        ),
                        hint: say!(
                            en: "write the values out instead of repeating anchors (`&name`) through aliases",
                            vi: "hãy viết đầy đủ các giá trị thay vì lặp lại điểm neo (`&name`) qua bí danh"
                        ),
                        location: loc(span.start),
                    });
                }
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
    Ok(())
}

/// Deserializes `text` into `T`, turning serde_yaml's error into a message
/// and a location.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location().map(|l| Location {
            line: l.line(),
            column: l.column(),
        });
        // serde_yaml appends " at line L column C"; the location is
        // reported separately, so drop it from the message.
        let mut message = e.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        YamlError { message, location }
    })
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(s: &str) -> Self {
        Seg::Key(s.to_owned())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// Builds a path from keys and indexes: `path!["results", 3, "actual"]`.
#[macro_export]
macro_rules! yaml_path {
    ($($seg:expr),* $(,)?) => {
        [$($crate::load::yaml::Seg::from($seg)),*]
    };
}

/// Where each value (and each mapping key) of a document starts.
#[derive(Debug, Default)]
pub struct SpanIndex {
    values: HashMap<Vec<Seg>, Location>,
}

impl SpanIndex {
    /// Parses `text` for positions only. A document that does not parse
    /// gives an empty index; its syntax error is reported by [`parse`].
    pub fn build(text: &str) -> SpanIndex {
        use saphyr_parser::{Event, Parser};

        enum Frame {
            Map { key: Option<String> },
            Seq { next: usize },
        }
        let mut index = SpanIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut path: Vec<Seg> = Vec::new();
        let loc = |m: saphyr_parser::Marker| Location {
            line: m.line(),
            column: m.col() + 1,
        };

        // Called when a node starts: works out the node's path, or records
        // a key when the node is a mapping key. Returns true for keys.
        fn begin_node(
            stack: &mut [Frame],
            path: &mut Vec<Seg>,
            scalar: Option<&str>,
        ) -> Option<bool> {
            match stack.last_mut() {
                None => Some(false),
                Some(Frame::Map { key }) => match key.take() {
                    None => {
                        // A key. Only scalar keys are addressable.
                        *key = Some(scalar.unwrap_or("").to_owned());
                        Some(true)
                    }
                    Some(k) => {
                        path.push(Seg::Key(k));
                        Some(false)
                    }
                },
                Some(Frame::Seq { next }) => {
                    path.push(Seg::Index(*next));
                    *next += 1;
                    Some(false)
                }
            }
        }

        let mut parser = Parser::new_from_str(text);
        let mut depth_pushed: Vec<bool> = Vec::new();
        while let Some(Ok((event, span))) = parser.next_event() {
            match event {
                Event::Scalar(value, ..) => {
                    let before = path.len();
                    if begin_node(&mut stack, &mut path, Some(&value)) == Some(true) {
                        // Record the key's own position too, under its path,
                        // so that a value that is absent can point at its key.
                        let mut key_path = path.clone();
                        key_path.push(Seg::Key(value.into_owned()));
                        index.values.entry(key_path).or_insert(loc(span.start));
                    } else {
                        index.values.insert(path.clone(), loc(span.start));
                        path.truncate(before);
                    }
                }
                Event::Alias(_) => {
                    let before = path.len();
                    if begin_node(&mut stack, &mut path, None) == Some(false) {
                        index.values.insert(path.clone(), loc(span.start));
                        path.truncate(before);
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let before = path.len();
                    let is_key = begin_node(&mut stack, &mut path, None) == Some(true);
                    if !is_key {
                        index.values.insert(path.clone(), loc(span.start));
                    }
                    depth_pushed.push(path.len() > before);
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map { key: None }
                    } else {
                        Frame::Seq { next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    if depth_pushed.pop() == Some(true) {
                        path.pop();
                    }
                }
                Event::StreamEnd => break,
                _ => {}
            }
        }
        index
    }

    /// Where the value at `path` starts, or the closest enclosing value.
    pub fn locate(&self, path: &[Seg]) -> Option<Location> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.values.get(&path[..n]).copied())
    }
}

/// A file's text with its span index, built on first use (or already
/// built, when the file was parsed with [`Spans::parsed_with`]).
pub struct Located<'a> {
    text: &'a str,
    index: &'a Spans,
}

impl<'a> Located<'a> {
    pub fn new(text: &'a str, index: &'a Spans) -> Self {
        Located { text, index }
    }

    pub fn locate(&self, path: &[Seg]) -> Option<Location> {
        self.index
            .0
            .get_or_init(|| SpanIndex::build(self.text))
            .locate(path)
    }
}

/// A file's span index, built once, when first asked for or while the file
/// is parsed.
#[derive(Debug, Default)]
pub struct Spans(OnceLock<SpanIndex>);

impl Spans {
    /// Parses `text` and builds its span index at the same time, on two
    /// threads: for a file whose every value will be located (a session's
    /// results each record their line), so that a rebuild after an edit
    /// does not wait for the two parses one after the other.
    pub fn parsed_with<T: DeserializeOwned + Send>(text: &str) -> (Result<T, YamlError>, Spans) {
        let (value, index) = rayon::join(|| parse::<T>(text), || SpanIndex::build(text));
        (value, Spans(OnceLock::from(index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "title: x\nresults:\n  - indicator: a\n    actual: 1\n  - indicator: b\n    actual: \"11,27\"\n";

    #[test]
    fn locates_nested_values() {
        let ix = SpanIndex::build(DOC);
        assert_eq!(
            ix.locate(&yaml_path!["results", 1, "actual"]),
            Some(Location {
                line: 6,
                column: 13
            })
        );
        assert_eq!(
            ix.locate(&yaml_path!["results", 0, "indicator"]),
            Some(Location {
                line: 3,
                column: 16
            })
        );
        // A missing field falls back to its parent.
        assert_eq!(
            ix.locate(&yaml_path!["results", 1, "target"]),
            Some(Location { line: 5, column: 5 })
        );
    }

    #[test]
    fn serde_errors_carry_locations() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let e = parse::<T>("a: 1\nb: 2\n").unwrap_err();
        assert!(e.message.contains("unknown field `b`"), "{}", e.message);
        assert_eq!(e.location, Some(Location { line: 2, column: 1 }));
        let e = parse::<T>("a: [1\n").unwrap_err();
        assert!(e.location.is_some());
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!(
            "a: {}1{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(check_limits(&ok).is_ok());
        let deep = format!("a: {}1{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let e = check_limits(&deep).unwrap_err();
        assert!(e.message.en().contains("deeper than 64"), "{:?}", e.message);
        assert_eq!(
            e.location,
            Location {
                line: 1,
                column: 4 + MAX_DEPTH - 1
            }
        );
        // Block style counts the same way.
        let mut block = String::new();
        for i in 0..=MAX_DEPTH {
            block.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert!(check_limits(&block).is_err());
        // Deeper than the parser's own look-ahead limit, and block lists
        // opened on one line: refused too, at once.
        let flow = format!("a: {}1{}\n", "{b: [".repeat(100_000), "]}".repeat(100_000));
        assert!(check_limits(&flow)
            .unwrap_err()
            .message
            .en()
            .contains("deeper"));
        let dashes = format!("{}1\n", "- ".repeat(1_000_000));
        assert!(check_limits(&dashes)
            .unwrap_err()
            .message
            .en()
            .contains("deeper"));
    }

    /// The "billion laughs": nine levels of ten aliases each would expand
    /// to 10^9 values.
    #[test]
    fn alias_bombs_are_refused() {
        let mut doc = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            let refs = vec![format!("*{prev}"); 9].join(",");
            doc.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let e = check_limits(&doc).unwrap_err();
        assert!(e.message.en().contains("aliases"), "{:?}", e.message);
        assert!(e.location.line > 1);
        // A few aliases are fine.
        assert!(check_limits("a: &x [1, 2]\nb: *x\nc: *x\n").is_ok());
    }
}
