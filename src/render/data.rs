//! Machine-readable data: every result as CSV and JSON, one row each.
//! Numbers keep a dot decimal and are empty (CSV) or null (JSON) when
//! absent; they never carry the page's language formatting.
//! The columns themselves are defined in [`columns`].

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::compute::Facts;
use crate::model::Site;
use crate::render::columns::{self, Cell, COLUMNS};

pub use crate::render::columns::Record;

/// Every result of the site, in session order then file order.
pub fn records(site: &Site, facts: &Facts) -> Vec<Record> {
    site.sessions
        .iter()
        .flat_map(|s| {
            s.results.iter().filter_map(move |r| {
                let ind = site.indicators.get(&r.indicator)?;
                Some(Record::new(site, s, ind, r, &facts.of(r)))
            })
        })
        .collect()
}

/// A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, tab, carriage return) gets a leading apostrophe.
fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn num(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        // `-0` is written `0`.
        .map(|v| if v == 0.0 { 0.0 } else { v }.to_string())
        .unwrap_or_default()
}

/// The CSV column names, in order.
pub use columns::NAMES as CSV_COLUMNS;

/// A record as JSON: an object of its columns, in order, absent values
/// null.
impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(COLUMNS.len()))?;
        for c in &COLUMNS {
            match (c.value)(self) {
                Cell::Text(s) => map.serialize_entry(c.name, s)?,
                Cell::Maybe(s) | Cell::Quoted(s) => map.serialize_entry(c.name, &s)?,
                Cell::Number(v) => map.serialize_entry(c.name, &v)?,
            }
        }
        map.end()
    }
}

/// A record's cell in CSV: absent values empty, numbers with a dot
/// decimal, source texts guarded against formulas.
fn csv_cell(cell: Cell) -> String {
    match cell {
        Cell::Text(s) => s.to_owned(),
        Cell::Maybe(s) => s.unwrap_or_default().to_owned(),
        Cell::Quoted(s) => s.map(neutralise).unwrap_or_default(),
        Cell::Number(v) => num(v),
    }
}

/// Records as CSV (RFC 4180, UTF-8, header row).
pub fn to_csv(records: &[Record]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(CSV_COLUMNS);
    for r in records {
        let row = COLUMNS.iter().map(|c| csv_cell((c.value)(r)));
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}

/// Records as a JSON array (pretty-printed, stable key order).
pub fn to_json(records: &[Record]) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(records).unwrap_or_default();
    v.push(b'\n');
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(neutralise("@x"), "'@x");
        assert_eq!(neutralise("Báo"), "Báo");
    }

    #[test]
    fn numbers_use_dot_decimal_without_trailing_zero() {
        assert_eq!(num(Some(100.0)), "100");
        assert_eq!(num(Some(11.27)), "11.27");
        assert_eq!(num(None), "");
        assert_eq!(num(Some(f64::NAN)), "");
        assert_eq!(num(Some(-0.0)), "0");
    }
}
