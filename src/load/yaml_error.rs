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
use crate::diagnostics::{say, Code, Diagnostic, Text};

/// The diagnostic for a file that serde_yaml could not deserialize.
/// `message` is serde_yaml's message without its " at line …" suffix, and
/// `text` the file's content (used to place and explain syntax errors).
pub fn yaml_error(rel: &Path, text: &str, message: &str, location: Option<Location>) -> Diagnostic {
    if text.trim().is_empty() {
        return Diagnostic::error(
            Code::Yaml,
            rel,
            say!(en: "the file is empty", vi: "tệp trống"),
        )
        .hint(say!(
            en: "start from a file made by `minhbach new`, or see docs/authoring.md for the fields",
            vi: "hãy bắt đầu từ một tệp do `minhbach new` tạo ra, hoặc xem các trường trong docs/authoring.md"
        ));
    }
    let (path, rest) = split_path(message);
    let at = Where {
        rel,
        path,
        location,
    };
    if let Some(r) = rest.strip_prefix("unknown field `") {
        return unknown_field(&at, r);
    }
    if let Some(r) = rest.strip_prefix("missing field `") {
        return missing_field(&at, r);
    }
    if let Some(r) = rest.strip_prefix("duplicate field `") {
        return duplicate_field(&at, text, r);
    }
    if let Some(r) = rest.strip_prefix("invalid type: ") {
        return invalid_type(&at, r);
    }
    if let Some(r) = rest.strip_prefix("invalid value: ") {
        return invalid_value(&at, r);
    }
    syntax_error(rel, text, rest, location)
}

/// Where serde_yaml found a problem: the file, the path of the field in
/// it (`results[2].actual`), when it names one, and the position.
struct Where<'a> {
    rel: &'a Path,
    path: Option<&'a str>,
    location: Option<Location>,
}

impl Where<'_> {
    /// `what`, followed by the field's path when there is one.
    fn said(&self, what: Text) -> Text {
        match self.path {
            Some(p) => say!(
                en: "{what_en} in `{p}`",
                vi: "{what_vi} tại `{p}`",
                what_en = what.en(),
                what_vi = what.vi()
            ),
            None => what,
        }
    }
}

/// `unknown field `x`, expected one of …`: the allowed fields, and the
/// closest one.
fn unknown_field(at: &Where, r: &str) -> Diagnostic {
    let (field, after) = r.split_once('`').unwrap_or((r, ""));
    let allowed = backticked(after);
    let mut d = Diagnostic::error(
        Code::Yaml,
        at.rel,
        at.said(say!(
            en: "unknown field `{field}`",
            vi: "không nhận ra trường `{field}`"
        )),
    )
    .at(at.location);
    d = match allowed.len() {
        0 => d.expected(say!(en: "no fields here", vi: "không có trường nào ở đây")),
        1 => d.expected(say!(
            en: "the field `{f}`",
            vi: "trường `{f}`",
            f = allowed[0]
        )),
        _ => d.expected(say!(
            en: "one of {all}",
            vi: "một trong các trường {all}",
            all = allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    match crate::suggest::closest(field, allowed.iter().copied()) {
        Some(s) => d.hint(say!(
            en: "did you mean `{s}`? check the spelling of the field name",
            vi: "có phải ý bạn là `{s}`? hãy kiểm tra chính tả của tên trường"
        )),
        None => d.hint(say!(
            en: "check the spelling of the field name; names are lowercase English words joined by `_`",
            vi: "hãy kiểm tra chính tả của tên trường; tên trường là các từ tiếng Anh viết thường, nối với nhau bằng `_`"
        )),
    }
}

/// `missing field `x``.
fn missing_field(at: &Where, r: &str) -> Diagnostic {
    let field = r.split('`').next().unwrap_or(r);
    // At the top level the position is the file's first line, which
    // is not where anything is missing: name the file only.
    let location = at.location.filter(|_| at.path.is_some());
    Diagnostic::error(
        Code::Yaml,
        at.rel,
        at.said(say!(
            en: "missing field `{field}`",
            vi: "thiếu trường `{field}`"
        )),
    )
    .at(location)
    .hint(say!(
        en: "add a line `{field}: …`; see docs/authoring.md for what it holds",
        vi: "thêm dòng `{field}: …`; xem nội dung của trường này trong docs/authoring.md"
    ))
}

/// `duplicate field `x``, pointed at the second one.
fn duplicate_field(at: &Where, text: &str, r: &str) -> Diagnostic {
    let field = r.split('`').next().unwrap_or(r);
    // serde_yaml points at the map holding the field, or nowhere:
    // point at the second `field:` from there.
    let location = second_key(text, field, at.location.map_or(1, |l| l.line)).or(at.location);
    Diagnostic::error(
        Code::Yaml,
        at.rel,
        at.said(say!(
            en: "the field `{field}` is given twice",
            vi: "trường `{field}` được ghi hai lần"
        )),
    )
    .at(location)
    .hint(say!(
        en: "keep one of them: a field can appear only once in the same place",
        vi: "chỉ giữ lại một: mỗi trường chỉ được xuất hiện một lần ở cùng một chỗ"
    ))
}

/// `invalid type: <found>, expected <what>`, with what was expected in
/// words and a hint for the usual slips.
fn invalid_type(at: &Where, r: &str) -> Diagnostic {
    let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
    let (short, full) = expectation(expected);
    let found_vi = found_in_vietnamese(found);
    let what = match at.path {
        Some(p) => say!(
            en: "invalid type in `{p}`: {found_en}, expected {short_en}",
            vi: "sai kiểu dữ liệu tại `{p}`: {found_vi}, cần {short_vi}",
            found_en = found,
            short_en = short.en(),
            short_vi = short.vi()
        ),
        None => say!(
            en: "invalid type: {found_en}, expected {short_en}",
            vi: "sai kiểu dữ liệu: {found_vi}, cần {short_vi}",
            found_en = found,
            short_en = short.en(),
            short_vi = short.vi()
        ),
    };
    let mut d = Diagnostic::error(Code::Yaml, at.rel, what).at(at.location);
    if let Some(h) = type_hint(full.en(), found) {
        d = d.hint(h);
    }
    d.expected(full)
}

/// `invalid value: <found>, expected <what>`.
fn invalid_value(at: &Where, r: &str) -> Diagnostic {
    let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
    let found_vi = found_in_vietnamese(found);
    let d = Diagnostic::error(
        Code::Yaml,
        at.rel,
        at.said(say!(
            en: "invalid value: {found_en}",
            vi: "giá trị không hợp lệ: {found_vi}",
            found_en = found
        )),
    )
    .at(at.location);
    if expected.is_empty() {
        d
    } else {
        d.expected(expectation(expected).1)
    }
}

/// The closest line above `location` that gives a field an empty list
/// (`results: []`) with entries indented under it, the trap of a template
/// whose examples are uncommented: its line and key.
fn empty_list_before(text: &str, location: Option<Location>) -> Option<(usize, String)> {
    let upto = location?.line.min(text.lines().count());
    let lines: Vec<&str> = text.lines().take(upto).collect();
    for (i, line) in lines.iter().enumerate().rev() {
        let code = line.split(" #").next().unwrap_or("").trim_end();
        if let Some(key) = code.trim_start().strip_suffix(": []") {
            let under = lines[i + 1..]
                .iter()
                .any(|l| l.starts_with(' ') && !l.trim_start().starts_with('#'));
            return under.then(|| (i + 1, key.to_owned()));
        }
        // Another field at the margin ends the search.
        if i + 1 < upto && !line.starts_with([' ', '#']) && !line.trim().is_empty() {
            return None;
        }
    }
    None
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
    // The parser's own words stay as they are: they are its, not ours.
    let d = Diagnostic::error(
        Code::Yaml,
        rel,
        say!(
            en: "this is not valid YAML: {message}",
            vi: "đây không phải là YAML hợp lệ: {message}"
        ),
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
        return d.hint(say!(
            en: "the quotation mark opened on line {line} is not closed: end the text with `\"` on that line",
            vi: "dấu ngoặc kép mở ở dòng {line} chưa được đóng: hãy kết thúc đoạn văn bản bằng `\"` trên dòng đó"
        ));
    }
    let at_char = location.and_then(|l| {
        text.lines()
            .nth(l.line.checked_sub(1)?)?
            .chars()
            .nth(l.column.checked_sub(1)?)
    });
    let indent_with_spaces = || {
        say!(
            en: "indent with spaces: YAML does not allow tab characters for indentation",
            vi: "hãy thụt lề bằng dấu cách: YAML không cho phép dùng ký tự tab để thụt lề"
        )
    };
    if message.contains("tab character") {
        return d.hint(indent_with_spaces());
    }
    if message.contains("cannot start any token") {
        return match at_char {
            Some('\t') => d.hint(indent_with_spaces()),
            Some(c @ ('@' | '`')) => d.hint(say!(
                en: "put the value in quotes: YAML values cannot start with `{c}`",
                vi: "hãy đặt giá trị trong dấu ngoặc kép: giá trị YAML không được bắt đầu bằng `{c}`"
            )),
            _ => d.hint(say!(
                en: "put the value in quotes",
                vi: "hãy đặt giá trị trong dấu ngoặc kép"
            )),
        };
    }
    if message.contains("mapping values are not allowed") {
        return d.hint(say!(
            en: "quote text that contains `: `, e.g. title: \"Phiên họp thứ 3: kết quả\"",
            vi: "hãy đặt văn bản có chứa `: ` trong dấu ngoặc kép, ví dụ title: \"Phiên họp thứ 3: kết quả\""
        ));
    }
    if message.contains("did not find expected '-' indicator")
        || message.contains("did not find expected key")
    {
        if let Some((line, key)) = empty_list_before(text, location) {
            return d.hint(say!(
                en: "`{key}: []` on line {line} says the list is empty, so the entries under it cannot be read: write `{key}:` without `[]`",
                vi: "`{key}: []` ở dòng {line} nghĩa là danh sách trống, nên các mục bên dưới không đọc được: hãy viết `{key}:` không có `[]`"
            ));
        }
        return d.hint(say!(
            en: "check the indentation: the keys of one result (or one map) start in the same column, and every list item starts with `- ` at the same column",
            vi: "kiểm tra thụt lề: các khóa của một kết quả (hoặc một bảng) bắt đầu ở cùng một cột, và mọi mục của danh sách bắt đầu bằng `- ` ở cùng một cột"
        ));
    }
    if message.contains("could not find expected ':'") {
        return d.hint(say!(
            en: "every field is written `key: value`, with a space after the colon",
            vi: "mỗi trường được viết `key: value`, có một dấu cách sau dấu hai chấm"
        ));
    }
    if message.contains("end of stream") {
        return d.hint(say!(
            en: "a quotation mark or bracket is opened and never closed; check the quotes and brackets above this line",
            vi: "có dấu ngoặc kép hoặc dấu ngoặc được mở mà không được đóng; hãy kiểm tra các dấu ngoặc phía trên dòng này"
        ));
    }
    if message.contains("did not find expected ',' or ']'")
        || message.contains("did not find expected ',' or '}'")
    {
        return d.hint(say!(
            en: "a bracket is not closed: a list is written [a, b] and a map {{vi: \"…\", en: \"…\"}} on one line",
            vi: "một dấu ngoặc chưa được đóng: trên một dòng, danh sách được viết [a, b] và bảng được viết {{vi: \"…\", en: \"…\"}}"
        ));
    }
    if message.contains("found unknown escape character") {
        return d.hint(say!(
            en: "inside double quotes a backslash starts an escape; write \\\\ for a backslash, or use single quotes",
            vi: "trong dấu ngoặc kép, dấu gạch chéo ngược bắt đầu một chuỗi thoát; hãy viết \\\\ cho một dấu gạch chéo ngược, hoặc dùng dấu ngoặc đơn"
        ));
    }
    d.hint(say!(
        en: "compare with a file that works, or with docs/authoring.md; check the indentation and quotes around this line",
        vi: "hãy so sánh với một tệp dùng được, hoặc với docs/authoring.md; kiểm tra thụt lề và dấu ngoặc quanh dòng này"
    ))
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

/// serde's expectation in the words of the content format: short, for
/// the message, and in full.
fn expectation(expected: &str) -> (Text, Text) {
    let map = || {
        say!(
            en: "a map of `key: value` fields",
            vi: "một bảng gồm các trường `key: value`"
        )
    };
    if expected.starts_with("struct ") {
        return (map(), map());
    }
    match expected {
        "f64" | "f32" => (
            say!(en: "a number", vi: "một số"),
            say!(en: "a number, such as 11.27", vi: "một số, ví dụ 11.27"),
        ),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => {
            let whole = || say!(en: "a whole number", vi: "một số nguyên");
            (whole(), whole())
        }
        "a sequence" => (
            say!(en: "a sequence", vi: "một danh sách"),
            say!(
                en: "a list (one `- item` per line, or [a, b] on one line)",
                vi: "một danh sách (mỗi dòng một `- mục`, hoặc [a, b] trên một dòng)"
            ),
        ),
        "a map" => (say!(en: "a map", vi: "một bảng"), map()),
        "a string" => (
            say!(en: "a string", vi: "một chuỗi"),
            say!(en: "text", vi: "văn bản"),
        ),
        "a boolean" => {
            let boolean = || say!(en: "a boolean", vi: "giá trị true hoặc false");
            (boolean(), boolean())
        }
        // The expectations of the content's own types (src/load/raw.rs).
        e if e.starts_with("a text:") => (
            say!(en: "a text", vi: "một văn bản"),
            say!(
                en: "a text: a string, or a map from language code to string such as {{vi: \"…\", en: \"…\"}}",
                vi: "một văn bản: một chuỗi, hoặc một bảng từ mã ngôn ngữ đến chuỗi, ví dụ {{vi: \"…\", en: \"…\"}}"
            ),
        ),
        e if e.starts_with("a number with a dot decimal") => (
            say!(en: "a number with a dot decimal", vi: "một số dùng dấu chấm thập phân"),
            say!(
                en: "a number with a dot decimal, such as 11.27",
                vi: "một số dùng dấu chấm thập phân, ví dụ 11.27"
            ),
        ),
        e if e.starts_with("a single value") => (
            say!(en: "a single value", vi: "một giá trị đơn"),
            say!(
                en: "a single value (text, a date or an id)",
                vi: "một giá trị đơn (văn bản, ngày hoặc mã)"
            ),
        ),
        e if e.starts_with("a source:") => (
            say!(en: "a source", vi: "một nguồn"),
            say!(
                en: "a source: the id of a register entry in seeds/, or a map with id, title, publisher, date and url",
                vi: "một nguồn: mã của một mục trong sổ nguồn seeds/, hoặc một bảng gồm id, title, publisher, date và url"
            ),
        ),
        // serde's own words, which have no translation here.
        other => {
            let short = other
                .split([':', '(', ','])
                .next()
                .unwrap_or(other)
                .trim_end();
            (
                say!(en: "{short}", vi: "{short}"),
                say!(en: "{other}", vi: "{other}"),
            )
        }
    }
}

/// serde's description of the value found (`sequence`, `string "x"`,
/// `integer `5``), in Vietnamese.
fn found_in_vietnamese(found: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        ("sequence", "danh sách"),
        ("map", "bảng"),
        ("unit value", "giá trị rỗng"),
        ("string", "chuỗi"),
        ("integer", "số nguyên"),
        ("floating point", "số thực"),
        ("boolean", "giá trị logic"),
        ("char", "ký tự"),
        ("enum", "giá trị liệt kê"),
    ];
    for (en, vi) in WORDS {
        if let Some(rest) = found.strip_prefix(en) {
            if rest.is_empty() || rest.starts_with(' ') {
                return format!("{vi}{rest}");
            }
        }
    }
    found.to_owned()
}

/// The usual fix for a value of the wrong kind. `expected` is the full
/// expectation in English.
fn type_hint(expected: &str, found: &str) -> Option<Text> {
    let found_list_or_map = found == "sequence" || found == "map";
    if expected.starts_with("a number") {
        return Some(if found_list_or_map {
            say!(
                en: "write a single number, such as 11.27",
                vi: "hãy viết một số duy nhất, ví dụ 11.27"
            )
        } else {
            say!(
                en: "write the number alone, with a dot for decimals and no unit",
                vi: "chỉ viết số, dùng dấu chấm cho phần thập phân và không kèm đơn vị"
            )
        });
    }
    if expected.starts_with("a text") || expected == "text" {
        return Some(if found_list_or_map && expected == "text" {
            say!(
                en: "write the text on one line, in quotes if it contains `:`, `[` or `{{`",
                vi: "viết văn bản trên một dòng, đặt trong dấu ngoặc kép nếu có `:`, `[` hoặc `{{`"
            )
        } else if found_list_or_map {
            say!(
                en: "write the text in quotes, or as {{vi: \"…\", en: \"…\"}}; a `[` or `{{` at the start makes it a list or a map",
                vi: "viết văn bản trong dấu ngoặc kép, hoặc theo dạng {{vi: \"…\", en: \"…\"}}; dấu `[` hoặc `{{` ở đầu sẽ biến giá trị thành danh sách hoặc bảng"
            )
        } else {
            say!(
                en: "put the text in quotes, e.g. \"2022\"",
                vi: "hãy đặt văn bản trong dấu ngoặc kép, ví dụ \"2022\""
            )
        });
    }
    if expected.starts_with("a single value") {
        return Some(say!(
            en: "write one value after the colon; put it in quotes if it starts with `[` or `{{`",
            vi: "viết một giá trị sau dấu hai chấm; đặt giá trị trong dấu ngoặc kép nếu giá trị bắt đầu bằng `[` hoặc `{{`"
        ));
    }
    if expected.starts_with("a list") {
        return Some(say!(
            en: "write the items under the field, each on its own line starting with `- `",
            vi: "viết các mục bên dưới trường, mỗi mục một dòng, bắt đầu bằng `- `"
        ));
    }
    if expected.starts_with("a map") {
        return Some(say!(
            en: "write the fields indented under it, one `key: value` per line",
            vi: "viết các trường thụt lề bên dưới, mỗi dòng một `key: value`"
        ));
    }
    if expected.starts_with("a source") {
        return Some(say!(
            en: "write the id of a file in seeds/, or an inline source with `id:` and `title:`",
            vi: "viết mã của một tệp trong seeds/, hoặc một nguồn viết trực tiếp có `id:` và `title:`"
        ));
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
        assert_eq!(d.message.en(), "unknown field `actul` in `results[0]`");
        assert_eq!(
            d.expected.as_ref().map(Text::en),
            Some("one of `indicator`, `actual`, `target`")
        );
        assert!(d.hint.unwrap().en().starts_with("did you mean `actual`?"));
    }

    #[test]
    fn type_errors_speak_the_content_format() {
        let d = diag(
            "a",
            "results[0].actual: invalid type: sequence, expected f64",
        );
        assert_eq!(
            d.message.en(),
            "invalid type in `results[0].actual`: sequence, expected a number"
        );
        assert_eq!(
            d.expected.as_ref().map(Text::en),
            Some("a number, such as 11.27")
        );
        assert_eq!(
            d.message.vi(),
            "sai kiểu dữ liệu tại `results[0].actual`: danh sách, cần một số"
        );
        let d = diag("a", "invalid type: sequence, expected struct RawSite");
        assert_eq!(
            d.expected.as_ref().map(Text::en),
            Some("a map of `key: value` fields")
        );
        assert!(!d.message.en().contains("Raw") && !d.message.vi().contains("Raw"));
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
        assert!(d.hint.unwrap().en().contains("tab"));
    }

    #[test]
    fn an_unclosed_quote_is_found_above_the_error() {
        let text = "title: x\nsummary:\n  vi: \"abc\n  en: \"def\"\n";
        let at = Some(Location { line: 4, column: 8 });
        let d = yaml_error(Path::new("x.yaml"), text, "did not find expected key", at);
        assert!(d.hint.unwrap().en().contains("opened on line 3"));
    }

    #[test]
    fn control_characters_are_placed() {
        let text = "title: x\nsummary: \"a\u{1}b\"\n";
        let e = crate::load::yaml::parse::<serde_yaml::Value>(text).unwrap_err();
        assert!(e.message.contains("control characters"), "{}", e.message);
        let d = yaml_error(Path::new("x.yaml"), text, &e.message, e.location);
        assert_eq!(d.code, Code::ControlCharacter);
        assert_eq!((d.line, d.column), (Some(2), Some(12)));
        assert!(d.message.vi().contains("U+0001"), "{}", d.message.vi());
    }

    #[test]
    fn empty_files_say_so() {
        let d = diag("\n", "missing field `title`");
        assert_eq!(d.message.en(), "the file is empty");
    }
}
