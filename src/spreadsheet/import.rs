//! `minhbach import`: a session's results from a spreadsheet. Each row
//! becomes the YAML a publisher would have typed, the `results:` block of
//! `session.yaml` is replaced with them (`splice.rs`), and the would-be
//! content is loaded and validated by the site's own checks in a copy of
//! the content folder. Every problem is then named by the cell it comes
//! from, and nothing is written while one is an error.

use std::path::{Path, PathBuf};

use super::sheet::{self, Cell, Grid};
use super::splice::{splice, Item, Spliced};
use super::{column, Kind, Refused};
use crate::diagnostics::{say, Code, Diagnostic, Diagnostics, Severity, Text};
use crate::Options;

/// The title and date of a session that `import` creates.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub title: String,
    pub date: String,
}

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    /// The session file written (or left as it was).
    pub file: PathBuf,
    /// The results it now holds.
    pub results: usize,
    /// Whether the session did not exist before.
    pub created: bool,
    /// Whether the file changed.
    pub changed: bool,
    /// Warnings, by cell where they are about a result.
    pub warnings: Diagnostics,
}

/// The columns of the sheet: for each cell of the header row, the field
/// it fills (`note` with a language for `note_vi`), if any.
type Header = Vec<Option<(&'static super::Column, Option<String>)>>;

/// Reads the results of `session` from `spreadsheet` and writes them into
/// `sessions/<session>/session.yaml` in the content folder, only if the
/// content would then pass `minhbach check`. A session that does not exist
/// is created only with `new`.
pub fn import(
    opts: &Options,
    spreadsheet: &Path,
    session: &str,
    new: Option<&NewSession>,
) -> Result<Imported, Refused> {
    let id = crate::model::parse_id(session).map_err(|e| Refused::other(e.said()))?;
    let grid = sheet::read(spreadsheet, opts.limits.max_file_bytes)?;
    let mut diags = Found::default();
    let (header_row, header) = header(&grid, spreadsheet, &mut diags)?;
    let items = items(&grid, header_row, &header, spreadsheet, &mut diags);

    let rel = PathBuf::from("sessions").join(&id).join("session.yaml");
    let path = opts.content.join(&rel);
    let old = read_session(&path, opts.limits.max_file_bytes)?;
    let created = old.is_none();
    let old = match (old, new) {
        (Some(text), _) => text,
        (None, Some(new)) => new_session(new, &grid, header_row, &header),
        (None, None) => {
            let shown = path.display();
            return Err(Refused::with_hint(
                say!(
                    en: "there is no session `{id}` ({shown} does not exist)",
                    vi: "chưa có phiên họp `{id}` (không có {shown})"
                ),
                say!(
                    en: "to create it, add --title \"…\" and --date YYYY-MM-DD",
                    vi: "để tạo phiên họp này, hãy thêm --title \"…\" và --date YYYY-MM-DD"
                ),
            ));
        }
    };
    let mut spliced = splice(&old, &items);
    if created {
        cite_rows(&mut spliced, &grid, header_row, &header);
    }

    let checked = check_copy(opts, &rel, &spliced.text)?;
    for d in checked.iter() {
        if d.file == rel {
            match at_cell(d, &spliced, &grid, &header, spreadsheet) {
                (Some((row, col)), d) => diags.at(row, col, d),
                (None, d) => diags.elsewhere(d),
            }
        } else if d.severity == Severity::Error {
            diags.elsewhere(d.clone());
        }
    }
    let diags = diags.in_order(&grid);
    if diags.has_errors() {
        return Err(Refused::Content(diags));
    }
    let changed = created || spliced.text != old;
    if changed {
        write_atomically(&path, spliced.text.as_bytes())?;
    }
    Ok(Imported {
        file: path,
        results: items.len(),
        created,
        changed,
        warnings: diags,
    })
}

/// The problems found, each with the cell it is about (row and column in
/// the grid), so that they are reported row by row as a publisher reads the
/// sheet; problems elsewhere come last.
#[derive(Default)]
struct Found(Vec<((usize, usize), Diagnostic)>);

impl Found {
    fn at(&mut self, row: usize, column: usize, d: Diagnostic) {
        self.0.push(((row, column), d));
    }

    fn elsewhere(&mut self, d: Diagnostic) {
        self.0.push(((usize::MAX, usize::MAX), d));
    }

    /// Row by row, then column by column, each named by its cell of
    /// `grid`; the same problem once.
    fn in_order(mut self, grid: &Grid) -> Diagnostics {
        self.0.sort_by_key(|(place, _)| *place);
        self.0.dedup();
        let mut diags = Diagnostics::default();
        for ((row, column), mut d) in self.0 {
            if row != usize::MAX {
                d.cell = Some(grid.cell(row, column));
            }
            diags.push(d);
        }
        diags
    }
}

/// The first row with anything in it names the columns.
fn header(grid: &Grid, file: &Path, diags: &mut Found) -> Result<(usize, Header), Refused> {
    let Some(row) = grid
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.is_empty()))
    else {
        let shown = file.display();
        return Err(Refused::with_hint(
            say!(en: "{shown} has no rows", vi: "{shown} không có dòng nào"),
            say!(
                en: "its first row names the columns (indicator, actual, target…): `minhbach export` writes one to fill in",
                vi: "dòng đầu tiên ghi tên các cột (indicator, actual, target…): lệnh `minhbach export` tạo sẵn một bảng để điền"
            ),
        ));
    };
    let mut header: Header = Vec::new();
    for (i, c) in grid.rows[row].iter().enumerate() {
        let name = match c {
            Cell::Text(s) => s.trim().to_lowercase(),
            Cell::Empty => String::new(),
            Cell::Number(n) => number(*n),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) | Cell::Error(d) => d.clone(),
        };
        if name.is_empty() {
            header.push(None);
            continue;
        }
        let at = grid.cell_name(row, i);
        match column(&name) {
            Some(found) => {
                let twice = header
                    .iter()
                    .flatten()
                    .any(|(c, l)| c.name == found.0.name && *l == found.1);
                if twice {
                    diags.at(row, i, duplicate_column(file, &at, &name));
                    header.push(None);
                } else {
                    header.push(Some(found));
                }
            }
            None => {
                diags.at(row, i, unknown_column(file, &at, &name));
                header.push(None);
            }
        }
    }
    if !header.iter().flatten().any(|(c, _)| c.name == "indicator") {
        let at = grid.cell_name(row, 0);
        diags.at(row, 0, no_indicator_column(file, &at));
    }
    Ok((row, header))
}

/// A column named a second time, at cell `at`.
fn duplicate_column(file: &Path, at: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateColumn,
        file,
        say!(
            en: "{at}: the column `{name}` is there twice",
            vi: "{at}: cột `{name}` xuất hiện hai lần"
        ),
    )
    .hint(say!(
        en: "keep one of them: only the first is read",
        vi: "hãy giữ lại một cột: chỉ cột đầu tiên được đọc"
    ))
}

/// A column whose name is none of the content format's, at cell `at`,
/// with the closest name or the list of them.
fn unknown_column(file: &Path, at: &str, name: &str) -> Diagnostic {
    let names = super::COLUMNS.iter().map(|c| c.name);
    let hint = match crate::suggest::closest(name, names) {
        Some(n) => crate::suggest::did_you_mean(n),
        None => say!(
            en: "the columns are those of a result in session.yaml: indicator, actual, qualifier, out_of, as_of, target, target_date, baseline, baseline_date, scope, source, note (or note_vi, note_en…), pace_from_earlier",
            vi: "các cột là các trường của một kết quả trong session.yaml: indicator, actual, qualifier, out_of, as_of, target, target_date, baseline, baseline_date, scope, source, note (hoặc note_vi, note_en…), pace_from_earlier"
        ),
    };
    Diagnostic::error(
        Code::UnknownColumn,
        file,
        say!(
            en: "{at}: `{name}` is not a column minhbach knows",
            vi: "{at}: minhbach không biết cột `{name}`"
        ),
    )
    .hint(hint)
}

/// A header row without the `indicator` column, named by its first cell.
fn no_indicator_column(file: &Path, at: &str) -> Diagnostic {
    Diagnostic::error(
        Code::MissingColumn,
        file,
        say!(
            en: "{at}: no column is named `indicator`",
            vi: "{at}: không có cột nào tên là `indicator`"
        ),
    )
    .hint(say!(
        en: "the first row names the columns; the `indicator` column gives each row's indicator id",
        vi: "dòng đầu tiên ghi tên các cột; cột `indicator` ghi mã chỉ tiêu của từng dòng"
    ))
}

/// The results of the rows under the header, as YAML lines. A row with
/// nothing but an indicator (and its name) is skipped, like an empty one:
/// it is a line of the template not filled in.
fn items(
    grid: &Grid,
    header_row: usize,
    header: &Header,
    file: &Path,
    diags: &mut Found,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(header_row + 1) {
        let filled = |name: &str| {
            header
                .iter()
                .zip(row)
                .any(|(h, c)| h.as_ref().is_some_and(|(col, _)| col.name == name) && !c.is_empty())
        };
        let anything = header.iter().zip(row).any(|(h, c)| {
            h.as_ref()
                .is_some_and(|(col, _)| col.kind != Kind::Reference && col.name != "indicator")
                && !c.is_empty()
        });
        if !anything {
            continue;
        }
        let mut lines: Vec<String> = Vec::new();
        for col in super::COLUMNS {
            if col.kind == Kind::Reference {
                continue;
            }
            if col.name == "note" {
                if let Some(note) = note(grid, r, row, header, file, diags) {
                    lines.push(format!("note: {note}"));
                }
                continue;
            }
            let cell = header
                .iter()
                .zip(row)
                .find(|(h, _)| {
                    h.as_ref()
                        .is_some_and(|(c, l)| c.name == col.name && l.is_none())
                })
                .map(|(_, c)| c)
                .filter(|c| !c.is_empty());
            match cell {
                Some(c) => lines.push(format!("{}: {}", col.name, yaml(c, col.kind))),
                None if col.name == "indicator" && !filled("indicator") => {
                    lines.push("indicator: \"\"".to_owned());
                }
                None => {}
            }
        }
        if let Some(first) = lines.first_mut() {
            first.insert_str(0, "- ");
        }
        for l in lines.iter_mut().skip(1) {
            l.insert_str(0, "  ");
        }
        items.push(Item { row: r, lines });
    }
    items
}

/// The row's note: `note` for every language, or a map of the `note_<lang>`
/// columns filled.
fn note(
    grid: &Grid,
    r: usize,
    row: &[Cell],
    header: &Header,
    file: &Path,
    diags: &mut Found,
) -> Option<String> {
    let mut one = None;
    let mut by_lang = Vec::new();
    for (i, (h, c)) in header.iter().zip(row).enumerate() {
        let Some((col, lang)) = h else { continue };
        if col.name != "note" || c.is_empty() {
            continue;
        }
        let value = yaml(c, Kind::Text);
        match lang {
            None => one = Some((i, value)),
            Some(l) => by_lang.push(format!("{l}: {value}")),
        }
    }
    match (one, by_lang.is_empty()) {
        (Some((i, _)), false) => {
            let at = grid.cell_name(r, i);
            diags.at(
                r,
                i,
                Diagnostic::error(
                    Code::DuplicateColumn,
                    file,
                    say!(
                        en: "{at}: a note for every language and notes per language in the same row",
                        vi: "{at}: cùng một dòng có cả ghi chú chung cho mọi ngôn ngữ và ghi chú theo từng ngôn ngữ"
                    ),
                )
                .hint(say!(
                    en: "fill in either `note` or the `note_<language>` columns",
                    vi: "hãy điền hoặc cột `note`, hoặc các cột `note_<ngôn ngữ>`"
                )),
            );
            None
        }
        (Some((_, v)), true) => Some(v),
        (None, false) => Some(format!("{{{}}}", by_lang.join(", "))),
        (None, true) => None,
    }
}

/// A cell as the YAML value a publisher would type for a field of `kind`.
/// What the loader reads as text where a number or a date is wanted is
/// written as text, so that the checks explain it as they do in YAML.
fn yaml(cell: &Cell, kind: Kind) -> String {
    match (cell, kind) {
        (Cell::Empty, _) => "null".to_owned(),
        (Cell::Number(n), Kind::Word | Kind::Number | Kind::Flag | Kind::Reference) => number(*n),
        (Cell::Number(n), Kind::Date | Kind::Text) => quoted(&number(*n)),
        (Cell::Bool(b), Kind::Text) => quoted(if *b { "TRUE" } else { "FALSE" }),
        (Cell::Bool(b), _) => b.to_string(),
        (Cell::Date(d), Kind::Date | Kind::Word) if is_date(d) => d.clone(),
        (Cell::Date(d) | Cell::Error(d), _) => quoted(d),
        (Cell::Text(s), kind) => {
            let t = s.trim();
            match kind {
                Kind::Word if is_word(t) => t.to_owned(),
                Kind::Number if is_plain_number(t) => {
                    t.parse::<f64>().map_or_else(|_| quoted(t), number)
                }
                Kind::Date if is_date(t) => t.to_owned(),
                Kind::Flag if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") => {
                    t.to_ascii_lowercase()
                }
                _ => quoted(t),
            }
        }
    }
}

/// A number the way YAML reads it back to the same value, `-0` as `0`.
pub(crate) fn number(n: f64) -> String {
    if n == 0.0 {
        "0".to_owned()
    } else {
        format!("{n}")
    }
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// An id or word YAML reads as that text, unquoted.
fn is_word(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !matches!(
            s,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

/// `YYYY-MM-DD` in shape (whether the day exists is the checks' business).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A number written the way YAML writes one: digits, a dot decimal, an
/// exponent; never a decimal comma, a unit or a percent sign.
fn is_plain_number(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The session file's text, or `None` when there is none.
fn read_session(path: &Path, max: u64) -> Result<Option<String>, Refused> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let shown = path.display();
    let bytes = crate::safe_read::read_regular(path, max).map_err(|_| {
        Refused::other(say!(en: "cannot read {shown}", vi: "không đọc được {shown}"))
    })?;
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Refused::with_hint(
            say!(en: "{shown} is not UTF-8", vi: "{shown} không phải là UTF-8"),
            say!(en: "run `minhbach check` to see where", vi: "hãy chạy `minhbach check` để xem lỗi ở đâu"),
        )
    })
}

/// A new session's file: its title and date, and as its sources the
/// sources the rows cite (ids of the register).
fn new_session(new: &NewSession, grid: &Grid, header_row: usize, header: &Header) -> String {
    let mut text = format!(
        "title: {}\ndate: {}\n",
        quoted(new.title.trim()),
        if is_date(new.date.trim()) {
            new.date.trim().to_owned()
        } else {
            quoted(new.date.trim())
        }
    );
    let mut sources: Vec<String> = Vec::new();
    let Some(col) = header
        .iter()
        .position(|h| h.as_ref().is_some_and(|(c, _)| c.name == "source"))
    else {
        return text;
    };
    for row in grid.rows.iter().skip(header_row + 1) {
        if let Some(Cell::Text(s)) = row.get(col) {
            let s = s.trim().to_owned();
            if is_word(&s) && !sources.contains(&s) {
                sources.push(s);
            }
        }
    }
    if !sources.is_empty() {
        text.push_str("sources:\n");
        for s in sources {
            text.push_str(&format!("  - {s}\n"));
        }
    }
    text
}

/// Gives each source a new session lists the first row that cites it, so
/// that a problem with the source is named by that row's cell.
fn cite_rows(spliced: &mut Spliced, grid: &Grid, header_row: usize, header: &Header) {
    let Some(col) = header
        .iter()
        .position(|h| h.as_ref().is_some_and(|(c, _)| c.name == "source"))
    else {
        return;
    };
    let listed: Vec<(usize, String)> = spliced
        .text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| !l.starts_with("sources:"))
        .skip(1)
        .map_while(|(i, l)| l.strip_prefix("  - ").map(|id| (i, id.to_owned())))
        .collect();
    for (line, id) in listed {
        let row = grid
            .rows
            .iter()
            .enumerate()
            .skip(header_row + 1)
            .find(|(_, r)| matches!(r.get(col), Some(Cell::Text(s)) if s.trim() == id));
        if let (Some((row, _)), Some(slot)) = (row, spliced.rows.get_mut(line)) {
            *slot = Some(row);
        }
    }
}

/// Loads and validates the content as it would be with `text` at `rel`,
/// in a copy of the content folder: the diagnostics of `minhbach check`.
fn check_copy(opts: &Options, rel: &Path, text: &str) -> Result<Diagnostics, Refused> {
    let failed = |e: std::io::Error| {
        Refused::other(say!(
            en: "cannot make a copy of the content to check: {e}",
            vi: "không tạo được bản sao của nội dung để kiểm tra: {e}"
        ))
    };
    let temp = tempfile::tempdir().map_err(failed)?;
    let copy = temp.path().join("content");
    std::fs::create_dir_all(&copy).map_err(failed)?;
    if opts.content.is_dir() {
        for entry in walkdir::WalkDir::new(&opts.content).follow_links(false) {
            let Ok(entry) = entry else { continue };
            let Ok(sub) = entry.path().strip_prefix(&opts.content) else {
                continue;
            };
            let to = copy.join(sub);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).map_err(failed)?;
            } else if entry.file_type().is_file() {
                std::fs::copy(entry.path(), &to).map_err(failed)?;
            }
        }
    }
    let target = copy.join(rel);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    std::fs::write(&target, text).map_err(failed)?;
    let mut checked = opts.clone();
    checked.content = copy;
    checked.seeds = Some(opts.seeds_dir());
    // The built-in translations: the site's are not what is imported.
    checked.templates = Some(temp.path().join("no-templates"));
    let (_, diags) = crate::check(&checked);
    Ok(diags)
}

/// `d`, about the line of the would-be `session.yaml`, named by the cell
/// the line came from, with that cell's row and column.
fn at_cell(
    d: &Diagnostic,
    spliced: &Spliced,
    grid: &Grid,
    header: &Header,
    file: &Path,
) -> (Option<(usize, usize)>, Diagnostic) {
    let Some(line) = d.line else {
        return (None, d.clone());
    };
    let Some(Some(row)) = spliced.rows.get(line.saturating_sub(1)) else {
        return (None, d.clone());
    };
    let text = spliced.text.lines().nth(line - 1).unwrap_or("");
    let key = text
        .trim_start()
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    // In `note: {vi: "…", en: "…"}`, the language whose text the column is in.
    let lang = (key == "note")
        .then(|| {
            let upto: String = text.chars().take(d.column.unwrap_or(0)).collect();
            let langs = header.iter().flatten().filter_map(|(_, l)| l.clone());
            langs
                .filter_map(|l| upto.rfind(&format!("{l}: ")).map(|at| (at, l)))
                .max()
                .map(|(_, l)| l)
        })
        .flatten();
    // A line that is not a field (a source a new session lists): the
    // column of the row that holds that text.
    let key = if column(&key).is_some() {
        key
    } else {
        let cells = grid.rows.get(*row).map_or(&[][..], |r| &r[..]);
        header
            .iter()
            .zip(cells)
            .find(|(_, c)| matches!(c, Cell::Text(s) if s.trim() == key))
            .and_then(|(h, _)| h.as_ref().map(|(c, _)| c.name.to_owned()))
            .unwrap_or(key)
    };
    let position = |name: &str, lang: Option<&String>| {
        header.iter().position(|h| {
            h.as_ref()
                .is_some_and(|(c, l)| c.name == name && l.as_ref() == lang)
        })
    };
    let col = position(&key, lang.as_ref())
        .or_else(|| {
            (key == "note")
                .then(|| {
                    header
                        .iter()
                        .position(|h| h.as_ref().is_some_and(|(c, _)| c.name == "note"))
                })
                .flatten()
        })
        .or_else(|| position("indicator", None));
    let at = match col {
        Some(c) => format!("{} ({})", grid.cell_name(*row, c), column_title(header, c)),
        None => grid.cell_name(*row, 0),
    };
    // The check's own words, after the cell's name.
    let message = Text::both(
        format!("{at}: {}", d.message.en()),
        format!("{at}: {}", d.message.vi()),
    );
    let d = Diagnostic {
        file: file.to_path_buf(),
        line: None,
        column: None,
        message,
        ..d.clone()
    };
    (Some((*row, col.unwrap_or(0))), d)
}

/// The header of column `c`: `actual`, `note_en`.
fn column_title(header: &Header, c: usize) -> String {
    match &header[c] {
        Some((col, Some(lang))) => format!("{}_{lang}", col.name),
        Some((col, None)) => col.name.to_owned(),
        None => String::new(),
    }
}

/// Writes `text` to `path` through a temporary file in the same folder
/// and a rename: a reader sees the old file or the new one, never half.
pub(crate) fn write_atomically(path: &Path, text: &[u8]) -> Result<(), Refused> {
    let shown = path.display();
    let failed = |e: std::io::Error| {
        Refused::other(say!(en: "cannot write {shown}: {e}", vi: "không ghi được {shown}: {e}"))
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    std::io::Write::write_all(&mut temp, text).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    temp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_become_what_a_publisher_would_type() {
        let text = |s: &str| Cell::Text(s.to_owned());
        assert_eq!(yaml(&Cell::Number(11.27), Kind::Number), "11.27");
        assert_eq!(yaml(&Cell::Number(-0.0), Kind::Number), "0");
        assert_eq!(yaml(&Cell::Number(7.0), Kind::Number), "7");
        assert_eq!(yaml(&text(" 11.27 "), Kind::Number), "11.27");
        assert_eq!(yaml(&text("11,27"), Kind::Number), "\"11,27\"");
        assert_eq!(yaml(&text("70,91%"), Kind::Number), "\"70,91%\"");
        assert_eq!(yaml(&text("inf"), Kind::Number), "\"inf\"");
        assert_eq!(
            yaml(&Cell::Date("2022-06-30".into()), Kind::Date),
            "2022-06-30"
        );
        assert_eq!(yaml(&text("15/07/2023"), Kind::Date), "\"15/07/2023\"");
        assert_eq!(yaml(&text("about"), Kind::Word), "about");
        assert_eq!(yaml(&text("Khoảng"), Kind::Word), "\"Khoảng\"");
        assert_eq!(yaml(&text("no"), Kind::Word), "\"no\"");
        assert_eq!(yaml(&text("FALSE"), Kind::Flag), "false");
        assert_eq!(yaml(&Cell::Bool(false), Kind::Flag), "false");
        assert_eq!(
            yaml(&text("Bảng in \"-\""), Kind::Text),
            "\"Bảng in \\\"-\\\"\""
        );
    }
}
