//! Replacing the `results:` block of a `session.yaml` by text, so that
//! every other byte of the file (its other fields, comments, blank lines)
//! stays as it was, and a result that is the same as before keeps its own
//! text, comments included.

/// One result as it will be written: its lines, each with the column it
/// came from when known.
pub(crate) struct Item {
    /// The spreadsheet row (0-based in the grid) it came from.
    pub row: usize,
    /// Its YAML lines, without the list's indentation, the first starting
    /// with `- `.
    pub lines: Vec<String>,
}

/// The file with its `results:` block replaced by `items`, and for each
/// line of the new file, the row of the result it belongs to.
pub(crate) struct Spliced {
    pub text: String,
    pub rows: Vec<Option<usize>>,
}

/// `old` with its top-level `results:` block replaced by `items` (appended
/// when there is none). A new item equal (as YAML) to an old one keeps
/// the old one's text.
pub(crate) fn splice(old: &str, items: &[Item]) -> Spliced {
    let block = Block::of(old);
    let pad = " ".repeat(block.indent);
    let mut used = vec![false; block.items.len()];
    // A result's `corrects` is not a column of the spreadsheet: a row equal
    // to a result but for it keeps the result's text, correction included.
    let old_values: Vec<Option<Norm>> = block
        .items
        .iter()
        .map(|t| value_of(t, block.indent).map(without_correction))
        .collect();
    let mut out = Spliced {
        text: String::new(),
        rows: Vec::new(),
    };
    for l in block
        .before
        .iter()
        .chain([&block.header])
        .chain(&block.head)
    {
        out.push(l, None);
    }
    for item in items {
        let new: String = item.lines.iter().map(|l| format!("{pad}{l}\n")).collect();
        let value = value_of(&new, block.indent);
        let same = value.as_ref().and_then(|v| {
            (0..block.items.len()).find(|&i| !used[i] && old_values[i].as_ref() == Some(v))
        });
        match same {
            Some(i) => {
                used[i] = true;
                out.push(&block.items[i], Some(item.row));
            }
            None => out.push(&new, Some(item.row)),
        }
    }
    for l in &block.after {
        out.push(l, None);
    }
    // Nothing changed: the file stays byte for byte (its last line may
    // lack a line end).
    if out.text.trim_end_matches('\n') == old.trim_end_matches('\n') {
        out.text = old.to_owned();
    }
    out
}

impl Spliced {
    /// Appends `s`, each of its lines from `row`, ending it with a line end.
    fn push(&mut self, s: &str, row: Option<usize>) {
        for l in s.split_inclusive('\n') {
            self.text.push_str(l);
            self.rows.push(row);
        }
        if !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }
}

/// A `session.yaml` cut around its `results:` block: the lines before it,
/// the key's own line, the lines of the block before its first item
/// (comments), its items (each with its lines), the lines after it, and
/// the items' indentation.
struct Block {
    before: Vec<String>,
    header: String,
    head: Vec<String>,
    items: Vec<String>,
    after: Vec<String>,
    indent: usize,
}

impl Block {
    fn of(old: &str) -> Block {
        let lines: Vec<&str> = old.split_inclusive('\n').collect();
        let owned = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let Some(r) = lines.iter().position(|l| is_results_key(l)) else {
            let mut before = owned(&lines);
            if let Some(last) = before.last_mut() {
                if !last.ends_with('\n') {
                    last.push('\n');
                }
            }
            return Block {
                before,
                header: "results:\n".to_owned(),
                head: Vec::new(),
                items: Vec::new(),
                after: Vec::new(),
                indent: 2,
            };
        };
        let mut end = lines[r + 1..]
            .iter()
            .position(|l| ends_block(l))
            .map_or(lines.len(), |i| r + 1 + i);
        // Comments and blank lines at the margin just before the next
        // field belong to it.
        while end > r + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].starts_with('#')) {
            end -= 1;
        }
        let body = &lines[r + 1..end];
        let first_item = body.iter().position(|l| l.trim_start().starts_with('-'));
        let indent = first_item.map_or(2, |i| body[i].len() - body[i].trim_start().len());
        let head_end = first_item.unwrap_or(body.len());
        let mut items: Vec<String> = Vec::new();
        for l in &body[head_end..] {
            let starts =
                l.len() - l.trim_start().len() == indent && l.trim_start().starts_with('-');
            match items.last_mut() {
                Some(item) if !starts => item.push_str(l),
                _ => items.push(l.to_string()),
            }
        }
        let key = lines[r];
        let rest = key["results:".len()..].trim_start();
        let header = if rest.is_empty() || rest.starts_with('#') {
            let mut h = key.to_owned();
            if !h.ends_with('\n') {
                h.push('\n');
            }
            h
        } else {
            "results:\n".to_owned()
        };
        Block {
            before: owned(&lines[..r]),
            header,
            head: owned(&body[..head_end]),
            items,
            after: owned(&lines[end..]),
            indent,
        }
    }
}

/// The top-level key `results:` (with nothing, a comment or a flow list
/// after it).
fn is_results_key(line: &str) -> bool {
    line.strip_prefix("results:")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n', '#', '[']))
}

/// A line that is no longer part of a block at the margin: another
/// top-level key or a document marker.
fn ends_block(line: &str) -> bool {
    match line.chars().next() {
        None => false,
        Some(c) => !(c.is_whitespace() || c == '#' || c == '-') || line.starts_with("---"),
    }
}

/// A YAML value compared by meaning: numbers by value, maps whatever the
/// order of their keys.
#[derive(Debug, PartialEq)]
enum Norm {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Norm>),
    Map(std::collections::BTreeMap<String, Norm>),
}

fn norm(v: &serde_yaml::Value) -> Norm {
    use serde_yaml::Value;
    match v {
        Value::Null => Norm::Null,
        Value::Bool(b) => Norm::Bool(*b),
        Value::Number(n) => Norm::Number(n.as_f64().map_or(f64::NAN, |f| f + 0.0)),
        Value::String(s) => Norm::Text(s.clone()),
        Value::Sequence(s) => Norm::List(s.iter().map(norm).collect()),
        Value::Mapping(m) => Norm::Map(
            m.iter()
                .map(|(k, v)| (serde_yaml::to_string(k).unwrap_or_default(), norm(v)))
                .collect(),
        ),
        Value::Tagged(t) => norm(&t.value),
    }
}

/// A list item's value without the `corrects` of the result it holds.
fn without_correction(v: Norm) -> Norm {
    match v {
        Norm::List(items) => Norm::List(
            items
                .into_iter()
                .map(|i| match i {
                    Norm::Map(mut m) => {
                        m.remove("corrects\n");
                        Norm::Map(m)
                    }
                    other => other,
                })
                .collect(),
        ),
        other => other,
    }
}

/// The value of one list item's text, indented by `indent`.
fn value_of(item: &str, indent: usize) -> Option<Norm> {
    let dedented: String = item
        .split_inclusive('\n')
        .map(|l| {
            let spaces = l.len() - l.trim_start_matches(' ').len();
            &l[spaces.min(indent)..]
        })
        .collect();
    let v: serde_yaml::Value = serde_yaml::from_str(&dedented).ok()?;
    Some(norm(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(row: usize, lines: &[&str]) -> Item {
        Item {
            row,
            lines: lines.iter().map(|l| l.to_string()).collect(),
        }
    }

    const OLD: &str = "title: x   # the title\ndate: 2022-08-08\nresults:   # the figures\n  # first the national ones\n  - indicator: a\n    actual: 11.27    # printed \"11,27%\"\n  - indicator: b\n    actual: 3\n\n# the end\nsources:\n  - s\n";

    #[test]
    fn a_result_equal_but_for_its_correction_keeps_it() {
        let old = "results:\n  - indicator: a\n    actual: 12\n    corrects:\n      value: 11\n      published: 2022-01-01\n      reason: \"recounted\"\n  - indicator: b\n    actual: 3\n";
        let items = [
            item(1, &["- indicator: a", "  actual: 12"]),
            item(2, &["- indicator: b", "  actual: 4"]),
        ];
        let s = splice(old, &items);
        assert_eq!(
            s.text,
            "results:\n  - indicator: a\n    actual: 12\n    corrects:\n      value: 11\n      published: 2022-01-01\n      reason: \"recounted\"\n  - indicator: b\n    actual: 4\n"
        );
        // A changed figure is a new result, without the old correction.
        let changed = splice(old, &[item(1, &["- indicator: a", "  actual: 13"])]);
        assert!(!changed.text.contains("corrects"), "{}", changed.text);
    }

    #[test]
    fn an_unchanged_block_leaves_the_file_as_it_was() {
        let items = [
            item(1, &["- indicator: a", "  actual: 11.270"]),
            item(2, &["- indicator: b", "  actual: 3"]),
        ];
        assert_eq!(splice(OLD, &items).text, OLD);
    }

    #[test]
    fn only_the_results_change_and_unchanged_results_keep_their_comments() {
        let items = [
            item(1, &["- indicator: a", "  actual: 11.27"]),
            item(2, &["- indicator: c", "  actual: 4"]),
        ];
        let s = splice(OLD, &items);
        assert_eq!(
            s.text,
            "title: x   # the title\ndate: 2022-08-08\nresults:   # the figures\n  # first the national ones\n  - indicator: a\n    actual: 11.27    # printed \"11,27%\"\n  - indicator: c\n    actual: 4\n\n# the end\nsources:\n  - s\n"
        );
        assert_eq!(s.rows[6], Some(2));
        assert_eq!(s.rows[4], Some(1));
        assert_eq!(s.rows[2], None);
    }

    #[test]
    fn a_file_without_results_gets_them_at_its_end() {
        let s = splice(
            "title: x\ndate: 2022-08-08",
            &[item(1, &["- indicator: a"])],
        );
        assert_eq!(
            s.text,
            "title: x\ndate: 2022-08-08\nresults:\n  - indicator: a\n"
        );
    }

    #[test]
    fn an_empty_flow_list_and_the_commented_examples_after_it() {
        let old = "title: x\nresults: []\n#  - indicator: example\n";
        let s = splice(old, &[item(1, &["- indicator: a"])]);
        assert_eq!(
            s.text,
            "title: x\nresults:\n  - indicator: a\n#  - indicator: example\n"
        );
    }

    #[test]
    fn items_at_the_margin_stay_at_the_margin() {
        let old = "results:\n- indicator: a\n  actual: 1\ntitle: x\n";
        let s = splice(
            old,
            &[
                item(1, &["- indicator: b"]),
                item(2, &["- indicator: a", "  actual: 1"]),
            ],
        );
        assert_eq!(
            s.text,
            "results:\n- indicator: b\n- indicator: a\n  actual: 1\ntitle: x\n"
        );
    }
}
