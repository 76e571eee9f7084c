//! Reading the results sheet of a spreadsheet into plain cells: `.xlsx`,
//! `.xlsm` and `.ods` through calamine (the sheet named `results`, or the
//! first), `.csv` through the csv crate (every cell is text).

use std::path::Path;

use calamine::{Data, Reader};

use super::Refused;
use crate::diagnostics::{say, SheetCell};

/// One cell as typed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date cell, as `YYYY-MM-DD` (a date and time keeps only its day).
    Date(String),
    /// A formula's error (`#DIV/0!`), as shown.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The cells of the results sheet, with where they are.
#[derive(Debug)]
pub(crate) struct Grid {
    /// The sheet's name; `None` for a CSV file, which has one.
    pub sheet: Option<String>,
    /// The 1-based row number of the first row of `rows`.
    pub first_row: usize,
    /// The 0-based column of the first cell of each row.
    pub first_column: usize,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The cell at `row` and `column` (0-based within `rows`) with its
    /// sheet, as a diagnostic names it.
    pub fn cell(&self, row: usize, column: usize) -> SheetCell {
        SheetCell {
            sheet: self.sheet.clone(),
            cell: format!(
                "{}{}",
                super::column_letters(self.first_column + column),
                self.first_row + row
            ),
        }
    }

    /// `Sheet1!C7`, or `C7` in a CSV file: row and column 0-based within
    /// `rows`.
    pub fn cell_name(&self, row: usize, column: usize) -> String {
        let at = format!(
            "{}{}",
            super::column_letters(self.first_column + column),
            self.first_row + row
        );
        match &self.sheet {
            Some(s) if s.chars().all(|c| c.is_alphanumeric() || c == '_') => format!("{s}!{at}"),
            Some(s) => format!("'{}'!{at}", s.replace('\'', "''")),
            None => at,
        }
    }
}

/// The results sheet of the spreadsheet at `path`, read only if it is a
/// regular file of at most `max_bytes`.
pub(crate) fn read(path: &Path, max_bytes: u64) -> Result<Grid, Refused> {
    let shown = path.display();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let bytes = crate::safe_read::read_regular(path, max_bytes).map_err(|e| {
        use crate::safe_read::NotRead;
        let why = match e {
            NotRead::Link => {
                say!(en: "it is a symbolic link", vi: "đó là một liên kết tượng trưng")
            }
            NotRead::NotAFile => {
                say!(en: "it is not a regular file", vi: "đó không phải là một tệp thông thường")
            }
            NotRead::TooLarge(n) => say!(
                en: "it is {n} bytes, over the limit of {max_bytes} (--max-file-size)",
                vi: "tệp có {n} byte, quá giới hạn {max_bytes} (--max-file-size)"
            ),
            NotRead::Io(e) => say!(en: "{e}", vi: "lỗi hệ thống: {e}"),
        };
        Refused::other(say!(
            en: "cannot read {shown}: {why_en}",
            vi: "không đọc được {shown}: {why_vi}",
            why_en = why.en(),
            why_vi = why.vi()
        ))
    })?;
    match extension.as_str() {
        "csv" => read_csv(&bytes, path),
        "xlsx" | "xlsm" | "ods" => read_workbook(bytes, &extension, path),
        _ => Err(Refused::with_hint(
            say!(
                en: "{shown} is not a spreadsheet minhbach reads",
                vi: "{shown} không phải là bảng tính mà minhbach đọc được"
            ),
            say!(
                en: "save it as .xlsx, .ods or .csv (UTF-8)",
                vi: "hãy lưu tệp dưới dạng .xlsx, .ods hoặc .csv (UTF-8)"
            ),
        )),
    }
}

fn read_csv(bytes: &[u8], path: &Path) -> Result<Grid, Refused> {
    let shown = path.display();
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(
        |_| {
            Refused::with_hint(
                say!(en: "{shown} is not UTF-8 text", vi: "{shown} không phải là văn bản UTF-8"),
                say!(
                    en: "save it as \"CSV UTF-8\", or as .xlsx",
                    vi: "hãy lưu tệp dưới dạng \"CSV UTF-8\", hoặc .xlsx"
                ),
            )
        },
    )?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            Refused::other(say!(en: "{shown} is not valid CSV: {e}", vi: "{shown} không phải là CSV hợp lệ: {e}"))
        })?;
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        sheet: None,
        first_row: 1,
        first_column: 0,
        rows,
    })
}

/// The character between cells: a comma, or the semicolon (or tab) that
/// spreadsheets set to a language with a decimal comma, Vietnamese among
/// them, write instead; read from the header row, whose names hold none.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| header.matches(c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (count(d as char), d == b','))
        .unwrap_or(b',')
}

fn read_workbook(bytes: Vec<u8>, extension: &str, path: &Path) -> Result<Grid, Refused> {
    let shown = path.display();
    let cursor = std::io::Cursor::new(bytes);
    let unreadable = |e: String| {
        Refused::other(say!(
            en: "cannot read {shown} as a spreadsheet: {e}",
            vi: "không đọc được {shown} như một bảng tính: {e}"
        ))
    };
    let mut book: calamine::Sheets<_> = match extension {
        "ods" => calamine::Sheets::Ods(
            calamine::open_workbook_from_rs(cursor)
                .map_err(|e: calamine::OdsError| unreadable(e.to_string()))?,
        ),
        _ => calamine::Sheets::Xlsx(
            calamine::open_workbook_from_rs(cursor)
                .map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?,
        ),
    };
    let names = book.sheet_names();
    let name = names
        .iter()
        .find(|n| {
            let n = n.trim().to_lowercase();
            n == "results" || n == "kết quả"
        })
        .or(names.first())
        .cloned()
        .ok_or_else(|| unreadable("no sheet".to_owned()))?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| unreadable(e.to_string()))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|row| row.iter().map(cell).collect())
        .collect();
    Ok(Grid {
        sheet: Some(name),
        first_row: first_row as usize + 1,
        first_column: first_column as usize,
        rows,
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            Cell::Date(format!("{y:04}-{m:02}-{day:02}"))
        }
        // A duration typed as a number of days and hours: shown as typed.
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) => Cell::Date(s.get(..10).unwrap_or(s).to_owned()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_split_as_the_spreadsheet_wrote_them() {
        assert_eq!(delimiter("indicator,actual\nx,\"11,27\"\n"), b',');
        assert_eq!(delimiter("\nindicator;actual;as_of\nx;11,27;\n"), b';');
        assert_eq!(delimiter("indicator\tactual\n"), b'\t');
        assert_eq!(delimiter("indicator\n"), b',');
        let grid = read_csv("indicator;actual\nx;11,27\n".as_bytes(), Path::new("a.csv")).unwrap();
        assert_eq!(
            grid.rows[1],
            [Cell::Text("x".into()), Cell::Text("11,27".into())]
        );
    }
}
