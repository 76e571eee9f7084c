//! The columns of the results data, in one table: each column's name,
//! Table Schema type, constraints and how its value is read from a
//! [`Record`] (one result as a flat record, defined here with its
//! columns); what each holds, in words, is in every language's
//! translation file (`columns`, see [`Column::description`]). The CSV
//! header and rows, the JSON records and the fields of
//! `datapackage.json` are all made from [`COLUMNS`], so that a column is
//! defined once.
//!
//! The order is part of the output contract: columns may be added at the
//! end, never renamed or removed.

use crate::compute::{Facts, Status};
use crate::locale::Locale;
use crate::model::{
    BuiltInUnit, Indicator, Lang, Qualifier, ResultEntry, ScopeId, Session, Site, UnitId,
};

/// One result as a flat record. Its columns, their order and how each is
/// written are in [`COLUMNS`].
#[derive(Debug, Clone)]
pub struct Record {
    pub session: String,
    pub date: String,
    pub indicator: String,
    pub scope: String,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub target_date: Option<String>,
    pub baseline: Option<f64>,
    pub baseline_date: Option<String>,
    /// The unit's id.
    pub unit: String,
    pub status: &'static str,
    pub as_of: String,
    pub out_of: Option<f64>,
    pub qualifier: Option<&'static str>,
    pub direction: &'static str,
    pub source: Option<String>,
    pub source_title: Option<String>,
    pub source_publisher: Option<String>,
    pub source_date: Option<String>,
    pub source_url: Option<String>,
    /// Why the result has its status, in the record's language.
    pub status_reason: String,
    /// The indicator's name, the unit's, the scope's and the status's
    /// words, as the pages of the record's language show them.
    pub indicator_name: String,
    pub unit_label: String,
    pub scope_label: String,
    pub status_label: String,
    /// The result's note, in the record's language.
    pub note: Option<String>,
    /// The site's licence, from `site.yaml`.
    pub license: Option<String>,
    /// When this result changed the target of an earlier session: the
    /// target before, its due date before (when moved), and that session.
    pub target_changed_from: Option<f64>,
    pub target_date_changed_from: Option<String>,
    pub target_set_at: Option<String>,
    /// The figure first published, which this result corrects.
    pub corrects_value: Option<f64>,
    /// When it was published, `YYYY-MM-DD`.
    pub corrects_published: Option<String>,
    /// Why it was corrected, in the record's language.
    pub corrects_reason: Option<String>,
}

impl Record {
    /// The record of `r` in `lang`: its texts (names, words, the reason
    /// for its status, the note and the source's title) in that language,
    /// as its pages show them.
    pub fn new(
        site: &Site,
        lang: &Lang,
        session: &Session,
        indicator: &Indicator,
        r: &ResultEntry,
        facts: &Facts,
    ) -> Record {
        let derived = &facts.of(r);
        let change = facts.change_at(r);
        let default = site.settings.default_lang();
        let locale = site.locales.get(lang);
        let source = r.source.as_ref().and_then(|s| session.source(s));
        Record {
            session: session.id.to_string(),
            date: session.date.to_string(),
            indicator: r.indicator.to_string(),
            scope: r.scope.to_string(),
            actual: r.actual,
            target: r.target,
            target_date: r.target_date.map(|d| d.to_string()),
            baseline: r.baseline,
            baseline_date: r.baseline_date.map(|d| d.to_string()),
            unit: indicator.unit.as_str().to_owned(),
            status: derived.status.as_str(),
            as_of: r.as_of.to_string(),
            out_of: r.out_of,
            qualifier: r.qualifier.map(|q| q.as_str()),
            direction: indicator.direction.as_str(),
            source: r.source.as_ref().map(|s| s.to_string()),
            source_title: source.map(|s| s.title.get(lang, default).to_owned()),
            source_publisher: source.map(|s| s.publisher.get(lang, default).to_owned()),
            source_date: source.and_then(|s| s.date).map(|d| d.to_string()),
            source_url: source.and_then(|s| s.url.clone()),
            status_reason: crate::locale::explain::reason(
                r,
                &derived.reason,
                &indicator.unit,
                locale,
            ),
            indicator_name: indicator.name.get(lang, default).to_owned(),
            unit_label: indicator.unit.label(locale).to_owned(),
            scope_label: scope_label(site, lang, &r.scope),
            status_label: crate::locale::i18n::status(derived.status, locale).to_owned(),
            note: r
                .note
                .as_ref()
                .map(|n| n.get(lang, default).to_owned())
                .filter(|n| !n.is_empty()),
            license: site
                .settings
                .license
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned),
            target_changed_from: change.and_then(|c| c.shift.value).map(|(from, _)| from),
            target_date_changed_from: change
                .and_then(|c| c.shift.due)
                .map(|(from, _)| from.to_string()),
            target_set_at: change.map(|c| c.before.0.id.to_string()),
            corrects_value: r.corrects.as_ref().map(|c| c.value),
            corrects_published: r.corrects.as_ref().map(|c| c.published.to_string()),
            corrects_reason: r
                .corrects
                .as_ref()
                .map(|c| c.reason.get(lang, default).to_owned()),
        }
    }

    pub fn status(&self) -> Status {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == self.status)
            .unwrap_or(Status::NoData)
    }
}

/// A scope's name in `lang`, as the pages show it.
pub fn scope_label(site: &Site, lang: &Lang, scope: &ScopeId) -> String {
    match site.settings.scopes.get(scope) {
        Some(t) => t.get(lang, site.settings.default_lang()).to_owned(),
        None if scope.is_national() => site.locales.get(lang).t("national").to_owned(),
        None => scope.to_string(),
    }
}

/// A column's Table Schema type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Number,
    Date,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Number => "number",
            Kind::Date => "date",
        }
    }
}

/// One record's value in one column.
pub enum Cell<'a> {
    /// Text that is always there.
    Text(&'a str),
    /// Text that may be absent: empty in CSV, null in JSON.
    Maybe(Option<&'a str>),
    /// Free text from a source document, which may be absent: as
    /// [`Cell::Maybe`], and guarded against spreadsheet formulas in CSV.
    Quoted(Option<&'a str>),
    /// A number that may be absent: empty in CSV, null in JSON.
    Number(Option<f64>),
}

/// What a column must hold, beyond its type.
#[derive(Clone, Copy)]
pub enum Constraint {
    None,
    /// Every record has a value.
    Required,
    /// One of a fixed set of words.
    Words(fn() -> Vec<&'static str>),
    /// One of the units: the built-in ones and the site's (see [`units`]).
    Units,
}

/// One column of the results.
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub constraint: Constraint,
    pub value: for<'a> fn(&'a Record) -> Cell<'a>,
}

impl Column {
    /// What the column holds, in the language of `locale`: its text in
    /// the `columns` group of the translation files.
    pub fn description<'l>(&self, locale: &'l Locale) -> &'l str {
        locale.get("columns", self.name).unwrap_or_default()
    }
}

/// What the column `name` of the indicators data holds, in the language
/// of `locale` (the `indicator_columns` group of the translation files).
pub fn indicator_description<'l>(name: &str, locale: &'l Locale) -> &'l str {
    locale.get("indicator_columns", name).unwrap_or_default()
}

/// The units' ids: the built-in ones, then the site's.
pub fn units(site: &Site) -> Vec<&str> {
    BuiltInUnit::ALL
        .iter()
        .map(|(n, _)| *n)
        .chain(site.settings.units.keys().map(UnitId::as_str))
        .collect()
}
fn statuses() -> Vec<&'static str> {
    Status::ALL.iter().map(|s| s.as_str()).collect()
}
fn qualifiers() -> Vec<&'static str> {
    Qualifier::ALL.iter().map(|(n, _)| *n).collect()
}
fn directions() -> Vec<&'static str> {
    vec!["up", "down"]
}

use Cell::{Maybe, Number, Quoted, Text};
use Constraint::{Required, Words};
use Kind::{Date, String as Str};

/// Every column, in order.
#[rustfmt::skip]
pub const COLUMNS: [Column; 33] = [
    Column { name: "session", kind: Str, constraint: Required, value: |r| Text(&r.session) },
    Column { name: "date", kind: Date, constraint: Required, value: |r| Text(&r.date) },
    Column { name: "indicator", kind: Str, constraint: Required, value: |r| Text(&r.indicator) },
    Column { name: "scope", kind: Str, constraint: Required, value: |r| Text(&r.scope) },
    Column { name: "actual", kind: Kind::Number, constraint: Constraint::None, value: |r| Number(r.actual) },
    Column { name: "target", kind: Kind::Number, constraint: Constraint::None, value: |r| Number(r.target) },
    Column { name: "target_date", kind: Date, constraint: Constraint::None, value: |r| Maybe(r.target_date.as_deref()) },
    Column { name: "baseline", kind: Kind::Number, constraint: Constraint::None, value: |r| Number(r.baseline) },
    Column { name: "baseline_date", kind: Date, constraint: Constraint::None, value: |r| Maybe(r.baseline_date.as_deref()) },
    Column { name: "unit", kind: Str, constraint: Constraint::Units, value: |r| Text(&r.unit) },
    Column { name: "status", kind: Str, constraint: Words(statuses), value: |r| Text(r.status) },
    Column { name: "as_of", kind: Date, constraint: Required, value: |r| Text(&r.as_of) },
    Column { name: "out_of", kind: Kind::Number, constraint: Constraint::None, value: |r| Number(r.out_of) },
    Column { name: "qualifier", kind: Str, constraint: Words(qualifiers), value: |r| Maybe(r.qualifier) },
    Column { name: "direction", kind: Str, constraint: Words(directions), value: |r| Text(r.direction) },
    Column { name: "source", kind: Str, constraint: Constraint::None, value: |r| Quoted(r.source.as_deref()) },
    Column { name: "source_title", kind: Str, constraint: Constraint::None, value: |r| Quoted(r.source_title.as_deref()) },
    Column { name: "source_publisher", kind: Str, constraint: Constraint::None, value: |r| Quoted(r.source_publisher.as_deref()) },
    Column { name: "source_date", kind: Date, constraint: Constraint::None, value: |r| Quoted(r.source_date.as_deref()) },
    Column { name: "source_url", kind: Str, constraint: Constraint::None, value: |r| Quoted(r.source_url.as_deref()) },
    Column { name: "status_reason", kind: Str, constraint: Required, value: |r| Text(&r.status_reason) },
    Column { name: "indicator_name", kind: Str, constraint: Required, value: |r| Quoted(Some(&r.indicator_name)) },
    Column { name: "unit_label", kind: Str, constraint: Constraint::None, value: |r| Quoted(Some(&r.unit_label)) },
    Column { name: "scope_label", kind: Str, constraint: Required, value: |r| Quoted(Some(&r.scope_label)) },
    Column { name: "status_label", kind: Str, constraint: Required, value: |r| Text(&r.status_label) },
    Column { name: "note", kind: Str, constraint: Constraint::None, value: |r| Quoted(r.note.as_deref()) },
    Column { name: "license", kind: Str, constraint: Constraint::None, value: |r| Maybe(r.license.as_deref()) },
    Column { name: "target_changed_from", kind: Kind::Number, constraint: Constraint::None, value: |r| Number(r.target_changed_from) },
    Column { name: "target_date_changed_from", kind: Date, constraint: Constraint::None, value: |r| Maybe(r.target_date_changed_from.as_deref()) },
    Column { name: "target_set_at", kind: Str, constraint: Constraint::None, value: |r| Maybe(r.target_set_at.as_deref()) },
    Column { name: "corrects_value", kind: Kind::Number, constraint: Constraint::None, value: |r| Number(r.corrects_value) },
    Column { name: "corrects_published", kind: Date, constraint: Constraint::None, value: |r| Maybe(r.corrects_published.as_deref()) },
    Column { name: "corrects_reason", kind: Str, constraint: Constraint::None, value: |r| Quoted(r.corrects_reason.as_deref()) },
];

/// The column names, in order: the CSV header.
pub const NAMES: [&str; COLUMNS.len()] = {
    let mut names = [""; COLUMNS.len()];
    let mut i = 0;
    while i < COLUMNS.len() {
        names[i] = COLUMNS[i].name;
        i += 1;
    }
    names
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::INDICATOR_COLUMNS;

    /// A column added to the table without its words in the translation
    /// files would be described by nothing.
    #[test]
    fn every_column_is_described_in_every_built_in_language() {
        for locale in Locale::all_built_in() {
            let lang = locale.lang.as_str();
            for c in &COLUMNS {
                assert!(
                    !c.description(locale).is_empty(),
                    "{lang}: columns.{}",
                    c.name
                );
            }
            for name in INDICATOR_COLUMNS {
                assert!(
                    !indicator_description(name, locale).is_empty(),
                    "{lang}: indicator_columns.{name}"
                );
            }
        }
    }
}
