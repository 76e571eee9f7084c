//! Sessions to and from spreadsheets: `minhbach import` reads a session's
//! results from an `.xlsx`, `.ods` or `.csv` file, one row a result, and
//! `minhbach export` writes the `.xlsx` workbook to fill in. This module
//! owns the columns of that spreadsheet (the fields of a result, by the
//! names of the content format), reading cells (`sheet.rs`), turning rows
//! into the `results:` block of `session.yaml` and checking it with the
//! site's own loader and validator before anything is written
//! (`import.rs`, `splice.rs`), and the workbook (`export.rs`).
//!
//! The spreadsheet is only another way of typing `session.yaml`: every
//! problem is found by the same checks as `minhbach check`, then named by
//! sheet, row and column instead of line.

mod export;
mod import;
mod sheet;
mod splice;

pub use export::{export, Exported};
pub use import::{import, Imported, NewSession};

use crate::diagnostics::{Diagnostics, Text};

/// What a column holds, which decides how its cells become YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An id or a word from a closed list (`indicator`, `scope`, `qualifier`).
    Word,
    Number,
    Date,
    /// `true` or `false`.
    Flag,
    /// Free text (a note).
    Text,
    /// Shown for reference, not imported (the indicator's name).
    Reference,
}

/// One column of the results sheet.
pub(crate) struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub en: &'static str,
    pub vi: &'static str,
}

/// The columns, in the order of the fields of a result in `session.yaml`.
/// The notes, one column per language (`note_vi`, `note_en`) or `note` for
/// every language, are added by [`note_column`].
pub(crate) const COLUMNS: &[Column] = &[
    Column {
        name: "indicator",
        kind: Kind::Word,
        en: "The indicator's id, the name of its file in indicators/ (required). See the sheet \"indicators\".",
        vi: "Mã chỉ tiêu, tên tệp của nó trong indicators/ (bắt buộc). Xem trang \"indicators\".",
    },
    Column {
        name: "name",
        kind: Kind::Reference,
        en: "The indicator's name, for reference only: it is not imported.",
        vi: "Tên chỉ tiêu, chỉ để tham khảo: cột này không được nhập.",
    },
    Column {
        name: "actual",
        kind: Kind::Number,
        en: "The figure reported, as a number with no unit: 11.27 for \"11,27%\". Leave it empty if the figure was not reported.",
        vi: "Số liệu được báo cáo, là một số không kèm đơn vị: 11,27 cho \"11,27%\". Để trống nếu số liệu không được báo cáo.",
    },
    Column {
        name: "qualifier",
        kind: Kind::Word,
        en: "If the figure was printed as approximate: about (\"khoảng\"), nearly (\"gần\"), more-than (\"trên\"), less-than (\"dưới\").",
        vi: "Nếu số liệu được in là ước chừng: about (\"khoảng\"), nearly (\"gần\"), more-than (\"trên\"), less-than (\"dưới\").",
    },
    Column {
        name: "out_of",
        kind: Kind::Number,
        en: "For a figure printed \"x out of y\" (477/832): the y.",
        vi: "Với số liệu in dạng \"x trên tổng y\" (477/832): số y.",
    },
    Column {
        name: "as_of",
        kind: Kind::Date,
        en: "The date the figure refers to, YYYY-MM-DD (default: the session's date).",
        vi: "Ngày mà số liệu phản ánh, dạng YYYY-MM-DD (mặc định: ngày của phiên họp).",
    },
    Column {
        name: "target",
        kind: Kind::Number,
        en: "The value to reach, a number with no unit.",
        vi: "Giá trị cần đạt, là một số không kèm đơn vị.",
    },
    Column {
        name: "target_date",
        kind: Kind::Date,
        en: "When the target is due, YYYY-MM-DD.",
        vi: "Hạn đạt mục tiêu, dạng YYYY-MM-DD.",
    },
    Column {
        name: "baseline",
        kind: Kind::Number,
        en: "The starting value progress is measured from.",
        vi: "Giá trị xuất phát để đo tiến độ.",
    },
    Column {
        name: "baseline_date",
        kind: Kind::Date,
        en: "The date of the baseline, YYYY-MM-DD; give it with the baseline.",
        vi: "Ngày của giá trị xuất phát, dạng YYYY-MM-DD; ghi cùng với giá trị xuất phát.",
    },
    Column {
        name: "scope",
        kind: Kind::Word,
        en: "The place the figure is about: national (the default, when empty) or a scope of site.yaml.",
        vi: "Địa bàn mà số liệu nói đến: national (mặc định, khi để trống) hoặc một địa bàn trong site.yaml.",
    },
    Column {
        name: "source",
        kind: Kind::Word,
        en: "The id of the document the figure comes from, one of the session's sources (see the sheet \"sources\").",
        vi: "Mã của tài liệu chứa số liệu, một trong các nguồn của phiên họp (xem trang \"sources\").",
    },
    Column {
        name: "note",
        kind: Kind::Text,
        en: "A remark shown under the indicator's name, the same in every language. note_vi, note_en… give it per language instead.",
        vi: "Ghi chú hiện dưới tên chỉ tiêu, giống nhau ở mọi ngôn ngữ. Các cột note_vi, note_en… ghi chú theo từng ngôn ngữ.",
    },
    Column {
        name: "pace_from_earlier",
        kind: Kind::Flag,
        en: "FALSE when this figure is not measured the same way as the earlier ones of its indicator (empty means TRUE).",
        vi: "FALSE khi số liệu này không được đo cùng cách với các số liệu trước của chỉ tiêu (để trống nghĩa là TRUE).",
    },
];

/// The column named `name` (`note_fr` is a note in French), if the results
/// sheet has such a column.
pub(crate) fn column(name: &str) -> Option<(&'static Column, Option<String>)> {
    if let Some(lang) = name.strip_prefix("note_") {
        let note = COLUMNS.iter().find(|c| c.name == "note")?;
        return crate::model::Lang::parse(lang)
            .ok()
            .map(|l| (note, Some(l.as_str().to_owned())));
    }
    COLUMNS.iter().find(|c| c.name == name).map(|c| (c, None))
}

/// The spreadsheet name of the column at `index` (0-based): A, B, …, Z, AA.
pub(crate) fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Why an import or an export did nothing: problems in the spreadsheet or
/// in the content it would make (every one, each by its cell or line), or
/// one reason that is not about the content.
#[derive(Debug)]
pub enum Refused {
    Content(Diagnostics),
    Other { message: Text, hint: Option<Text> },
}

impl Refused {
    pub(crate) fn other(message: Text) -> Self {
        Refused::Other {
            message,
            hint: None,
        }
    }

    pub(crate) fn with_hint(message: Text, hint: Text) -> Self {
        Refused::Other {
            message,
            hint: Some(hint),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn note_columns_name_a_language() {
        assert_eq!(column("note_en").map(|c| c.1), Some(Some("en".into())));
        assert_eq!(
            column("note").map(|c| (c.0.name, c.1)),
            Some(("note", None))
        );
        assert!(column("note_").is_none());
        assert!(column("actul").is_none());
    }
}
