//! `minhbach export`: the `.xlsx` workbook a publisher fills in. Its first
//! sheet, `results`, holds the session's results as they are written in
//! `session.yaml` (so that importing it back changes nothing), or, for a
//! session without results, one row for each indicator of the site. The
//! other sheets are for reference: the indicators, the session's sources,
//! and how to fill the results in, in Vietnamese and English.

use std::path::{Path, PathBuf};

use chrono::Datelike;
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::import::write_atomically;
use super::{Kind, Refused, COLUMNS};
use crate::diagnostics::{say, Diagnostics, Severity};
use crate::load::raw::{RawNumber, RawResult, RawScalar, RawSession, RawText};
use crate::model::{Lang, Qualifier, Site};
use crate::Options;

/// What an export wrote.
#[derive(Debug)]
pub struct Exported {
    pub file: PathBuf,
    /// The results written; 0 for a template.
    pub results: usize,
    /// Whether it is a template: one row per indicator to fill in.
    pub template: bool,
}

/// Writes the workbook of `session` to `file` (an `.xlsx`), never over an
/// existing file unless `force`. A session that does not exist yet gets
/// the template, to import with `--title` and `--date`.
pub fn export(
    opts: &Options,
    file: &Path,
    session: &str,
    force: bool,
) -> Result<Exported, Refused> {
    let id = crate::model::parse_id(session).map_err(|e| Refused::other(e.said()))?;
    let shown = file.display();
    let xlsx = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx {
        return Err(Refused::with_hint(
            say!(en: "{shown}: the workbook is written as .xlsx", vi: "{shown}: bảng tính được ghi dưới dạng .xlsx"),
            say!(en: "name the file with .xlsx at the end", vi: "hãy đặt tên tệp có đuôi .xlsx"),
        ));
    }
    if std::fs::symlink_metadata(file).is_ok() && !force {
        return Err(Refused::with_hint(
            say!(en: "{shown} already exists", vi: "{shown} đã có"),
            say!(
                en: "choose another name, or add --force to replace it",
                vi: "hãy chọn tên khác, hoặc thêm --force để ghi đè"
            ),
        ));
    }
    let (site, diags) = crate::check(opts);
    let Some(site) = site else {
        let mut errors = Diagnostics::default();
        // Sorted by file and line, as `check` prints them.
        for d in diags
            .sorted()
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
        {
            errors.push(d.clone());
        }
        return Err(Refused::Content(errors));
    };
    let path = opts.content.join("sessions").join(&id).join("session.yaml");
    let raw = if std::fs::symlink_metadata(&path).is_ok() {
        let p = path.display();
        let bytes = crate::safe_read::read_regular(&path, opts.limits.max_file_bytes)
            .map_err(|_| Refused::other(say!(en: "cannot read {p}", vi: "không đọc được {p}")))?;
        let text = String::from_utf8_lossy(&bytes);
        let raw: RawSession = crate::load::yaml::parse(&text).map_err(|e| {
            let m = e.message;
            Refused::with_hint(
                say!(en: "cannot read {p}: {m}", vi: "không đọc được {p}: {m}"),
                say!(en: "run `minhbach check` and fix it first", vi: "hãy chạy `minhbach check` và sửa lỗi trước"),
            )
        })?;
        Some(raw)
    } else {
        None
    };
    let results: &[RawResult] = raw.as_ref().map_or(&[], |r| &r.results);
    let template = results.is_empty();
    let Some(default) = site.settings.languages.first() else {
        return Err(Refused::Content(diags));
    };
    let bytes = workbook(&site, default, &id, results).map_err(|e| {
        Refused::other(
            say!(en: "cannot make the workbook: {e}", vi: "không tạo được bảng tính: {e}"),
        )
    })?;
    write_atomically(file, &bytes)?;
    Ok(Exported {
        file: file.to_path_buf(),
        results: results.len(),
        template,
    })
}

/// The last row (0-based) the drop-down lists reach.
const LAST_ROW: u32 = 9_999;

/// The header of the results sheet: a column name and, for a note, its
/// language.
type Columns = Vec<(&'static str, Kind, Option<String>)>;

fn workbook(
    site: &Site,
    default: &Lang,
    session: &str,
    results: &[RawResult],
) -> Result<Vec<u8>, XlsxError> {
    let looks = Looks {
        bold: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        wrap: Format::new().set_text_wrap(),
    };
    let lists = Lists::of(site);
    let columns = columns_for(site, results);
    let mut book = Workbook::new();
    results_sheet(
        book.add_worksheet(),
        site,
        default,
        &columns,
        &lists,
        results,
        &looks,
    )?;
    indicators_sheet(book.add_worksheet(), site, default, &looks)?;
    sources_sheet(book.add_worksheet(), site, default, session, &looks)?;
    help_sheet(book.add_worksheet(), session, &lists, &looks)?;
    book.save_to_buffer()
}

/// The cell formats the workbook uses.
struct Looks {
    bold: Format,
    date: Format,
    wrap: Format,
}

/// The closed lists of values a column takes: the scopes of the site (the
/// default one first) and the qualifiers.
struct Lists<'a> {
    scopes: Vec<&'a str>,
    qualifiers: Vec<&'static str>,
}

impl<'a> Lists<'a> {
    fn of(site: &'a Site) -> Self {
        let scopes = std::iter::once("national")
            .chain(
                site.settings
                    .scopes
                    .keys()
                    .map(|s| s.as_str())
                    .filter(|s| *s != "national"),
            )
            .collect();
        let qualifiers = Qualifier::ALL.iter().map(|(q, _)| *q).collect();
        Lists { scopes, qualifiers }
    }
}

/// The columns of the results sheet: the content format's, with `note` if
/// a result has one for every language, and one note column per language
/// of the site or of a result.
fn columns_for(site: &Site, results: &[RawResult]) -> Columns {
    let mut note_langs: Vec<String> = site
        .settings
        .languages
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect();
    let mut one_note = false;
    for r in results {
        match &r.note {
            Some(RawText::One(_)) => one_note = true,
            Some(RawText::ByLang(m)) => {
                for l in m.keys() {
                    if !note_langs.contains(l) {
                        note_langs.push(l.clone());
                    }
                }
            }
            None => {}
        }
    }
    let mut columns: Columns = Vec::new();
    for c in COLUMNS {
        if c.name == "note" {
            if one_note {
                columns.push(("note", Kind::Text, None));
            }
            for l in &note_langs {
                columns.push(("note", Kind::Text, Some(l.clone())));
            }
        } else {
            columns.push((c.name, c.kind, None));
        }
    }
    columns
}

/// The sheet `results`: its header, drop-down lists and one row per
/// result, or one row per indicator (its id and name) to fill in.
fn results_sheet(
    sheet: &mut Worksheet,
    site: &Site,
    default: &Lang,
    columns: &Columns,
    lists: &Lists,
    results: &[RawResult],
    looks: &Looks,
) -> Result<(), XlsxError> {
    sheet.set_name("results")?;
    for (i, (name, _, lang)) in columns.iter().enumerate() {
        let title = match lang {
            Some(l) => format!("{name}_{l}"),
            None => (*name).to_owned(),
        };
        sheet.write_string_with_format(0, i as u16, title, &looks.bold)?;
        let width = match *name {
            "name" | "note" => 40.0,
            "indicator" | "source" => 30.0,
            _ => 14.0,
        };
        sheet.set_column_width(i as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    // Drop-down lists for the closed lists, when Excel can hold them (255
    // characters at most): another value is still reported by `import`.
    for (name, list) in [("qualifier", &lists.qualifiers), ("scope", &lists.scopes)] {
        let Some(c) = columns.iter().position(|(n, ..)| *n == name) else {
            continue;
        };
        if let Ok(list) = DataValidation::new().allow_list_strings(list) {
            sheet.add_data_validation(1, c as u16, LAST_ROW, c as u16, &list)?;
        }
    }
    let name_of = |id: &str| {
        site.indicators
            .iter()
            .find(|(k, _)| k.as_str() == id)
            .map(|(_, i)| i.name.get(default, default).to_owned())
    };
    if results.is_empty() {
        for (r, id) in site.indicators.keys().enumerate() {
            let row = r as u32 + 1;
            sheet.write_string(row, 0, id.as_str())?;
            if let Some(n) = name_of(id.as_str()) {
                sheet.write_string(row, 1, n)?;
            }
        }
    }
    for (r, result) in results.iter().enumerate() {
        let name = name_of(&result.indicator.0);
        result_row(sheet, r as u32 + 1, columns, result, name, &looks.date)?;
    }
    Ok(())
}

/// One result in row `row`, each field in its column as `session.yaml`
/// writes it, with the indicator's `name` beside its id.
fn result_row(
    sheet: &mut Worksheet,
    row: u32,
    columns: &Columns,
    result: &RawResult,
    name: Option<String>,
    date: &Format,
) -> Result<(), XlsxError> {
    for (c, (column, _, lang)) in columns.iter().enumerate() {
        let c = c as u16;
        match *column {
            "indicator" => scalar(sheet, row, c, Some(&result.indicator), date)?,
            "name" => {
                if let Some(n) = &name {
                    sheet.write_string(row, c, n)?;
                }
            }
            "actual" => number(sheet, row, c, result.actual.as_ref())?,
            "qualifier" => scalar(sheet, row, c, result.qualifier.as_ref(), date)?,
            "out_of" => number(sheet, row, c, result.out_of.as_ref())?,
            "as_of" => scalar(sheet, row, c, result.as_of.as_ref(), date)?,
            "target" => number(sheet, row, c, result.target.as_ref())?,
            "target_date" => scalar(sheet, row, c, result.target_date.as_ref(), date)?,
            "baseline" => number(sheet, row, c, result.baseline.as_ref())?,
            "baseline_date" => scalar(sheet, row, c, result.baseline_date.as_ref(), date)?,
            "scope" => scalar(sheet, row, c, result.scope.as_ref(), date)?,
            "source" => scalar(sheet, row, c, result.source.as_ref(), date)?,
            "note" => {
                let text = match (&result.note, lang) {
                    (Some(RawText::One(s)), None) => Some(s),
                    (Some(RawText::ByLang(m)), Some(l)) => m.get(l),
                    _ => None,
                };
                if let Some(t) = text {
                    sheet.write_string(row, c, t)?;
                }
            }
            "pace_from_earlier" => {
                if let Some(b) = result.pace_from_earlier {
                    sheet.write_boolean(row, c, b)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The sheet `indicators`: each indicator's id, name in every language of
/// the site, and unit.
fn indicators_sheet(
    sheet: &mut Worksheet,
    site: &Site,
    default: &Lang,
    looks: &Looks,
) -> Result<(), XlsxError> {
    let languages = &site.settings.languages;
    sheet.set_name("indicators")?;
    sheet.write_string_with_format(0, 0, "indicator", &looks.bold)?;
    for (i, l) in languages.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16 + 1, format!("name_{l}"), &looks.bold)?;
        sheet.set_column_width(i as u16 + 1, 50.0)?;
    }
    let unit_col = languages.len() as u16 + 1;
    sheet.write_string_with_format(0, unit_col, "unit", &looks.bold)?;
    sheet.set_column_width(0, 35.0)?;
    for (r, (id, ind)) in site.indicators.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, id.as_str())?;
        for (i, l) in languages.iter().enumerate() {
            sheet.write_string(row, i as u16 + 1, ind.name.get(l, default))?;
        }
        sheet.write_string(row, unit_col, ind.unit.as_str())?;
    }
    Ok(())
}

/// The sheet `sources`: the sources the session lists, with whether each
/// is in the register.
fn sources_sheet(
    sheet: &mut Worksheet,
    site: &Site,
    default: &Lang,
    session: &str,
    looks: &Looks,
) -> Result<(), XlsxError> {
    sheet.set_name("sources")?;
    for (i, h) in ["source", "title", "register"].iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, &looks.bold)?;
    }
    sheet.set_column_width(0, 35.0)?;
    sheet.set_column_width(1, 70.0)?;
    let listed = site.sessions.iter().find(|s| s.id.as_str() == session);
    for (r, s) in listed.iter().flat_map(|s| s.sources.iter()).enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, s.id.as_str())?;
        sheet.write_string(row, 1, s.title.get(default, default))?;
        sheet.write_boolean(row, 2, s.register)?;
    }
    Ok(())
}

/// The sheet that says how to fill the results in, in Vietnamese and
/// English: the rules, the allowed values, and every column.
fn help_sheet(
    help: &mut Worksheet,
    session: &str,
    lists: &Lists,
    looks: &Looks,
) -> Result<(), XlsxError> {
    let (bold, wrap) = (&looks.bold, &looks.wrap);
    help.set_name("cách điền - how to fill in")?;
    help.set_column_width(0, 22.0)?;
    help.set_column_width(1, 70.0)?;
    help.set_column_width(2, 70.0)?;
    help.write_string_with_format(0, 0, "", bold)?;
    help.write_string_with_format(0, 1, "Tiếng Việt", bold)?;
    help.write_string_with_format(0, 2, "English", bold)?;
    let scopes = lists.scopes.join(", ");
    let qualifiers = lists.qualifiers.join(", ");
    let intro: [(&str, String, String); 5] = [
        (
            "",
            "Mỗi dòng của trang \"results\" là một kết quả. Dòng đầu tiên ghi tên các cột; đừng đổi tên chúng. Dòng chỉ có mã và tên chỉ tiêu được bỏ qua.".to_owned(),
            "Each row of the sheet \"results\" is one result. The first row names the columns; do not rename them. A row with only the indicator's id and name is skipped.".to_owned(),
        ),
        (
            "",
            "Số: gõ như số trong bảng tính, không kèm đơn vị hay dấu %. Ngày: YYYY-MM-DD, ví dụ 2022-06-30, hoặc một ô ngày tháng.".to_owned(),
            "Numbers: typed as numbers in the spreadsheet, with no unit or % sign. Dates: YYYY-MM-DD, such as 2022-06-30, or a date cell.".to_owned(),
        ),
        (
            "",
            format!("Rồi chạy: minhbach import <tệp> --session {session}, sửa những gì lệnh báo (theo ô, ví dụ results!C7), rồi minhbach check và minhbach build."),
            format!("Then run: minhbach import <file> --session {session}, fix what it reports (by cell, such as results!C7), then minhbach check and minhbach build."),
        ),
        (
            "qualifier",
            format!("Giá trị được phép: {qualifiers}."),
            format!("Allowed values: {qualifiers}."),
        ),
        (
            "scope",
            format!("Giá trị được phép: {scopes}."),
            format!("Allowed values: {scopes}."),
        ),
    ];
    let mut row = 1u32;
    for (k, vi, en) in intro {
        help.write_string(row, 0, k)?;
        help.write_string_with_format(row, 1, vi, wrap)?;
        help.write_string_with_format(row, 2, en, wrap)?;
        row += 1;
    }
    row += 1;
    for c in COLUMNS {
        help.write_string_with_format(row, 0, c.name, bold)?;
        help.write_string_with_format(row, 1, c.vi, wrap)?;
        help.write_string_with_format(row, 2, c.en, wrap)?;
        row += 1;
    }
    help.write_string_with_format(row, 0, "note_<lang>", bold)?;
    help.write_string_with_format(
        row,
        1,
        "Ghi chú bằng một ngôn ngữ: note_vi tiếng Việt, note_en tiếng Anh…",
        wrap,
    )?;
    help.write_string_with_format(
        row,
        2,
        "A note in one language: note_vi in Vietnamese, note_en in English…",
        wrap,
    )?;
    Ok(())
}

fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<&RawNumber>,
) -> Result<(), XlsxError> {
    match value {
        Some(RawNumber::Number(n)) => {
            sheet.write_number(row, col, *n)?;
        }
        Some(RawNumber::Text(s)) => {
            sheet.write_string(row, col, s)?;
        }
        None => {}
    }
    Ok(())
}

/// An id, a word or a date: a date that exists (from 1900, as Excel
/// counts) as a date cell, anything else as text.
fn scalar(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<&RawScalar>,
    date: &Format,
) -> Result<(), XlsxError> {
    let Some(RawScalar(s)) = value else {
        return Ok(());
    };
    let day = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| s.len() == 10 && (1900..=9999).contains(&d.year()));
    match day
        .and_then(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok())
    {
        Some(d) => sheet.write_datetime_with_format(row, col, &d, date)?,
        None => sheet.write_string(row, col, s)?,
    };
    Ok(())
}
