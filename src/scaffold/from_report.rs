//! `minhbach new source <id> --from report.txt`: a register entry proposed
//! from a report's text. Every figure the text prints, read by the same
//! reader as the provenance check ([`numbers_in`]), becomes a line of
//! `figures` with the words around it as its label, for the author to prune
//! and correct; the title and the date are taken from the text where it
//! gives them, the publisher is left for the author to write.
//!
//! What is proposed is a draft, never a check: nothing here decides that a
//! number is a result. Dates (`08/8/2022`, `sáng 08/8`) and years after
//! `năm` are left out because no session cites them.

use crate::validate::provenance::numbers_in;

/// Words that qualify a figure when they stand just before it, printed as
/// part of it (`trên 7 triệu`, `gấp 1,6 lần`).
const QUALIFIERS: [&str; 7] = ["trên", "khoảng", "gần", "hơn", "gấp", "dưới", "xấp xỉ"];

/// Unit words printed after a figure, longest first.
const UNITS: [&str; 16] = [
    "nghìn tỷ đồng",
    "tỷ đồng",
    "tỷ USD",
    "triệu đồng",
    "triệu USD",
    "tỷ",
    "USD",
    "đồng",
    "Mbps",
    "Gbps",
    "MW",
    "GW",
    "kWh",
    "lần",
    "km",
    "TB",
];

/// Words before a number that make it a date (`sáng 08/8`).
const DAY_WORDS: [&str; 7] = ["ngày", "sáng", "chiều", "tối", "trưa", "hôm", "đêm"];

/// Most words a label keeps (the ones nearest the figure).
const LABEL_WORDS: usize = 16;

/// One figure found in the report.
#[derive(Debug, PartialEq)]
pub struct Found {
    /// The figure as printed, with its qualifier and unit words.
    pub value: String,
    /// The words around it.
    pub label: String,
    /// The report's line it is on, from 1.
    pub line: usize,
}

/// The report's first line, read as its title.
pub fn title(report: &str) -> Option<&str> {
    report.lines().map(str::trim).find(|l| !l.is_empty())
}

/// The first full date the report prints (`09/08/2022`), as YYYY-MM-DD.
pub fn first_date(report: &str) -> Option<String> {
    let numbers = numbers_in(report);
    numbers.windows(3).find_map(|w| {
        let between =
            |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| &report[a.end..b.start] == "/";
        if !between(&w[0].digits, &w[1].digits) || !between(&w[1].digits, &w[2].digits) {
            return None;
        }
        let (d, m, y) = (w[0].value, w[1].value, w[2].value);
        let whole = |v: f64, lo: f64, hi: f64| v.fract() == 0.0 && (lo..=hi).contains(&v);
        (whole(d, 1.0, 31.0) && whole(m, 1.0, 12.0) && whole(y, 1900.0, 2100.0))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

/// Every figure the report prints, in order, each once per label.
pub fn figures(report: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut last_text_line = String::new();
    for (n, line) in report.lines().enumerate() {
        let line = line.trim();
        let found = figures_in_line(line);
        let rest_has_words = {
            let mut rest = line.to_owned();
            for f in found.iter().rev() {
                rest.replace_range(f.span.clone(), " ");
            }
            rest.chars().any(char::is_alphabetic)
        };
        for f in &found {
            // A line of figures only is a table's cell: its label is the
            // row's name, the last line of words above it.
            let label = if rest_has_words {
                label_around(line, &f.span)
            } else {
                last_text_line.clone()
            };
            let value = line[f.span.clone()].to_owned();
            if out.iter().any(|o| o.value == value && o.label == label) {
                continue;
            }
            out.push(Found {
                value,
                label,
                line: n + 1,
            });
        }
        if rest_has_words {
            last_text_line = clean(line);
        }
    }
    out
}

/// A figure's place in its line.
struct Span {
    span: std::ops::Range<usize>,
}

/// The figures of one line: numbers grown to their printed form (a
/// qualifier before, `/832`, `%` or a unit after), dates and years left out.
fn figures_in_line(line: &str) -> Vec<Span> {
    let numbers = numbers_in(line);
    let mut out = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let n = &numbers[i];
        let before = line[..n.digits.start].trim_end();
        let word_before = last_word(before).to_lowercase();
        // Dates: d/m/yyyy, d-m-yyyy, yyyy-mm(-dd), or d/m after a word for
        // a day (`sáng 08/8`, `chiều 10-7`).
        let between = |a: usize| {
            numbers
                .get(a + 1)
                .map(|m| &line[numbers[a].digits.end..m.digits.start])
        };
        let slash = |a: usize| between(a) == Some("/");
        let sep = |a: usize| matches!(between(a), Some("/" | "-"));
        let whole_in = |a: usize, lo: f64, hi: f64| {
            numbers
                .get(a)
                .is_some_and(|m| m.value.fract() == 0.0 && (lo..=hi).contains(&m.value))
        };
        if sep(i) && sep(i + 1) && whole_in(i, 1.0, 31.0) && whole_in(i + 2, 1900.0, 2100.0) {
            i += 3;
            continue;
        }
        if whole_in(i, 1900.0, 2100.0) && sep(i) && whole_in(i + 1, 1.0, 12.0) {
            i += if sep(i + 1) && whole_in(i + 2, 1.0, 31.0) {
                3
            } else {
                2
            };
            continue;
        }
        if sep(i) && DAY_WORDS.contains(&word_before.as_str()) && whole_in(i + 1, 1.0, 12.0) {
            i += 2;
            continue;
        }
        // A length of time (`6 tháng đầu năm`), not a figure.
        if line[n.whole.end..].trim_start().starts_with("tháng") {
            i += 1;
            continue;
        }
        let year = n.value.fract() == 0.0 && (1900.0..=2100.0).contains(&n.value);
        let day = n.value.fract() == 0.0 && (1.0..=31.0).contains(&n.value);
        if ((word_before == "năm" && year) || (word_before == "ngày" && day)) && !slash(i) {
            i += 1;
            continue;
        }
        let mut start = n.whole.start;
        if let Some(q) = QUALIFIERS
            .iter()
            .find(|q| before.to_lowercase().ends_with(*q) && before.len() == n.digits.start - 1)
        {
            let cut = before.len() - q.len();
            if cut == 0 || before[..cut].ends_with(|c: char| !c.is_alphanumeric()) {
                start = cut;
            }
        }
        let mut end = n.whole.end;
        if slash(i) {
            // A fraction: 477/832, 63/63.
            i += 1;
            end = numbers[i].whole.end;
        }
        let after = &line[end..];
        if let Some(p) = after.strip_prefix('%').or_else(|| after.strip_prefix(" %")) {
            end = line.len() - p.len();
        } else {
            let trimmed = after.trim_start();
            if let Some(u) = UNITS.iter().find(|u| {
                trimmed.starts_with(*u)
                    && !trimmed[u.len()..].starts_with(|c: char| c.is_alphanumeric())
            }) {
                end = line.len() - trimmed.len() + u.len();
            }
        }
        out.push(Span { span: start..end });
        i += 1;
    }
    out
}

/// The last word of `text` (letters and digits).
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(b, c)| b + c.len_utf8());
    &text[start..]
}

/// The words of the clause that holds the figure at `span`: before it back
/// to a sentence's or a list item's start, or after it when nothing stands
/// before it.
fn label_around(line: &str, span: &std::ops::Range<usize>) -> String {
    let before = clause_before(&line[..span.start]);
    if before.split_whitespace().count() >= 2 {
        return before;
    }
    let after = &line[span.end..];
    let end = after
        .find(['.', ';', ',', ':', '(', ')', '!', '?'])
        .unwrap_or(after.len());
    let after = clean(&after[..end]);
    match (before.is_empty(), after.is_empty()) {
        (true, _) => after,
        (false, true) => before,
        (false, false) => format!("{before} … {after}"),
    }
}

/// The clause that ends `text`: back to `.`, `;`, `:`, `!`, `?` or a comma
/// outside brackets.
fn clause_before(text: &str) -> String {
    let mut depth = 0i32;
    let mut start = 0;
    for (b, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '(' => {}
            '.' | ';' | ':' | '!' | '?' => {
                // A dot between digits is a number's, not a sentence's.
                let digit_after = text[b + 1..].starts_with(|c: char| c.is_ascii_digit());
                if !digit_after {
                    start = b + 1;
                    break;
                }
            }
            ',' if depth == 0 => {
                let digit_after = text[b + 1..].starts_with(|c: char| c.is_ascii_digit());
                if !digit_after {
                    start = b + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    clean(&text[start..])
}

/// Spaces collapsed, brackets and punctuation trimmed from both ends, and at
/// most [`LABEL_WORDS`] words, the last ones.
fn clean(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let words = &words[words.len().saturating_sub(LABEL_WORDS)..];
    let joined = words.join(" ");
    let trimmed = joined.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '%');
    // A closing bracket stays only when its opening one does.
    let trimmed = if trimmed.ends_with(')') && !trimmed.contains('(') {
        trimmed.trim_end_matches(')').trim_end()
    } else {
        trimmed
    };
    trimmed.to_owned()
}

/// The text in NFC, as the loader reads content, with every kind of space
/// within a line (a no-break space, a thin space) read as a plain one, as
/// an author types it in a value.
fn plain(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
        .map(|c| {
            if c.is_whitespace() && c != '\n' && c != '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The YAML of the proposed register entry for `report`, read from the
/// file named `from`.
pub fn entry_text(report: &str, from: &str) -> String {
    let report = &plain(report);
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    let mut out = String::new();
    out.push_str(&format!(
        "# Proposed by `minhbach new source` from {from}.\n\
         # Every figure the text prints is listed below, with the words around it\n\
         # as its label. Keep the figures sessions cite, correct each label to say\n\
         # what the figure is, write the publisher, give title and publisher in each\n\
         # language of the site if you wish (title: {{vi: \"…\", en: \"…\"}}), then run\n\
         # `minhbach check`. The values stay exactly as printed.\n\
         # Đề xuất bởi `minhbach new source` từ {from}: giữ lại các số liệu mà phiên\n\
         # họp trích dẫn, sửa nhãn cho đúng, ghi cơ quan đăng tin, rồi chạy `minhbach check`.\n"
    ));
    let title = title(report).unwrap_or_default();
    out.push_str(&format!("title: {}\n", quote(title)));
    out.push_str("# Who published the document (the newspaper, the portal).\n");
    out.push_str("# Cơ quan, tờ báo đăng tài liệu.\n");
    out.push_str("publisher: \"\"\n");
    match first_date(report) {
        Some(date) => out.push_str(&format!(
            "# The first date the text prints; check that it is the publication date.\n\
             published: {date}\n"
        )),
        None => out.push_str(
            "# The text prints no date: write the publication date as YYYY-MM-DD.\n\
             published: \n",
        ),
    }
    out.push_str("language: vi\n");
    out.push_str("figures:\n");
    for f in figures(report) {
        out.push_str(&format!(
            "  # line {}\n  - label: {}\n    value: {}\n",
            f.line,
            quote(&f.label),
            quote(&f.value)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        figures(text).into_iter().map(|f| f.value).collect()
    }

    #[test]
    fn figures_keep_their_qualifiers_units_and_fractions() {
        assert_eq!(
            values("Có trên 7 triệu tài khoản, gấp 1,6 lần; 477/832 hồ sơ đạt 45,78 % và khoảng 53 tỷ USD."),
            ["trên 7 triệu", "gấp 1,6 lần", "477/832", "45,78 %", "khoảng 53 tỷ USD"]
        );
        assert_eq!(values("tốc độ 71,79 Mbps"), ["71,79 Mbps"]);
    }

    #[test]
    fn dates_and_years_are_not_figures() {
        assert_eq!(
            values("Sáng 08/8, phiên họp năm 2022 ngày 09/08/2022 có 63 điểm cầu"),
            ["63"]
        );
        assert_eq!(
            values("Chiều 10-7, date 2022-04, ngày 8-8-2022: 6 tháng đầu năm, 3/12"),
            ["3/12"]
        );
        assert_eq!(
            first_date("Cập nhật: Thứ ba, 09/08/2022\n"),
            Some("2022-08-09".into())
        );
        assert_eq!(first_date("9/12 chỉ tiêu"), None);
    }

    #[test]
    fn labels_are_the_clause_or_the_row_name() {
        let f =
            figures("gồm: Tỷ lệ doanh nghiệp (DN) sử dụng hóa đơn điện tử (100%), tỷ lệ khác 3%");
        assert_eq!(
            f[0].label,
            "Tỷ lệ doanh nghiệp (DN) sử dụng hóa đơn điện tử"
        );
        assert_eq!(f[1].label, "tỷ lệ khác");
        let table = figures("Tỉ lệ người dân từ 15 tuổi có tài khoản\n\n66%\n\n65%\n");
        assert_eq!(table[0].value, "15");
        assert_eq!(table[1].label, "Tỉ lệ người dân từ 15 tuổi có tài khoản");
        assert_eq!((table[1].value.as_str(), table[1].line), ("66%", 3));
        assert_eq!(table[2].label, table[1].label);
    }

    #[test]
    fn the_entry_is_yaml_with_every_figure() {
        let text = entry_text("Tiêu đề \"A\"\nNgày 01/02/2023\nđạt 5%\n", "r.txt");
        let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(v["title"].as_str(), Some("Tiêu đề \"A\""));
        assert_eq!(v["figures"][0]["value"].as_str(), Some("5%"));
        assert!(text.contains("published: 2023-02-01"));
        // A no-break space is read as a space; a target's number after
        // `năm` is a figure, a year is not.
        let text = entry_text("mục tiêu cả năm 7%, tăng khoảng\u{a0}10% năm 2021", "r.txt");
        let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(v["figures"][0]["value"].as_str(), Some("7%"));
        assert_eq!(v["figures"][1]["value"].as_str(), Some("khoảng 10%"));
        assert!(v["figures"][2].is_null());
    }
}
