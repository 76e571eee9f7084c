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

/// 1-based line and column (in characters) within a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// A YAML file that could not be deserialized.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub location: Option<Location>,
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

/// A file's text with its span index, built on first use.
pub struct Located<'a> {
    text: &'a str,
    index: OnceLock<SpanIndex>,
}

impl<'a> Located<'a> {
    pub fn new(text: &'a str) -> Self {
        Located {
            text,
            index: OnceLock::new(),
        }
    }

    pub fn locate(&self, path: &[Seg]) -> Option<Location> {
        self.index
            .get_or_init(|| SpanIndex::build(self.text))
            .locate(path)
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
            Some(Location { line: 6, column: 13 })
        );
        assert_eq!(
            ix.locate(&yaml_path!["results", 0, "indicator"]),
            Some(Location { line: 3, column: 16 })
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
}
