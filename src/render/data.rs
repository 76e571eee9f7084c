//! Machine-readable data: every result as CSV and JSON, one row each.
//! Numbers keep a dot decimal and are empty (CSV) or null (JSON) when
//! absent; they never carry the page's language formatting.
//! The columns themselves are defined in [`columns`].

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::compute::Facts;
use crate::model::{Lang, Site};
use crate::render::columns::{self, Cell, COLUMNS};

pub use crate::render::columns::Record;

/// Every result of the site, in session order then file order, in `lang`.
pub fn records(site: &Site, lang: &Lang, facts: &Facts) -> Vec<Record> {
    site.sessions
        .iter()
        .flat_map(|s| {
            s.results.iter().filter_map(move |r| {
                let ind = site.indicators.get(&r.indicator)?;
                Some(Record::new(site, lang, s, ind, r, facts))
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

/// One indicator as a flat record, its texts in one language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IndicatorRecord {
    pub indicator: String,
    pub name: String,
    pub short_name: Option<String>,
    pub unit: String,
    pub unit_label: String,
    pub direction: &'static str,
    pub group: Option<String>,
    pub description: Option<String>,
}

/// The columns of `indicators.csv` (the keys of `indicators.json`, in
/// order); what each holds is in the translation files (see
/// [`crate::render::columns::indicator_description`]).
pub const INDICATOR_COLUMNS: [&str; 8] = [
    "indicator",
    "name",
    "short_name",
    "unit",
    "unit_label",
    "direction",
    "group",
    "description",
];

/// Every indicator of the site, by id, its texts in `lang`.
pub fn indicator_records(site: &Site, lang: &Lang) -> Vec<IndicatorRecord> {
    let default = site.settings.default_lang();
    let locale = site.locales.get(lang);
    let text = |t: &Option<crate::model::LocalizedText>| {
        t.as_ref()
            .map(|t| t.get(lang, default).to_owned())
            .filter(|t| !t.is_empty())
    };
    site.indicators
        .values()
        .map(|ind| IndicatorRecord {
            indicator: ind.id.to_string(),
            name: ind.name.get(lang, default).to_owned(),
            short_name: text(&ind.short_name),
            unit: ind.unit.as_str().to_owned(),
            unit_label: ind.unit.label(locale).to_owned(),
            direction: ind.direction.as_str(),
            group: text(&ind.group),
            description: text(&ind.description),
        })
        .collect()
}

impl IndicatorRecord {
    /// The cells, in the order of [`INDICATOR_COLUMNS`].
    pub fn cells(&self) -> [Option<&str>; INDICATOR_COLUMNS.len()] {
        [
            Some(&self.indicator),
            Some(&self.name),
            self.short_name.as_deref(),
            Some(&self.unit),
            Some(&self.unit_label),
            Some(self.direction),
            self.group.as_deref(),
            self.description.as_deref(),
        ]
    }
}

/// The indicators as CSV, as [`to_csv`] writes results.
pub fn indicators_csv(records: &[IndicatorRecord]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(INDICATOR_COLUMNS);
    for r in records {
        let _ = w.write_record(r.cells().map(|c| c.map(neutralise).unwrap_or_default()));
    }
    w.into_inner().unwrap_or_default()
}

/// The indicators as a JSON array, as [`to_json`] writes results.
pub fn indicators_json(records: &[IndicatorRecord]) -> Vec<u8> {
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
