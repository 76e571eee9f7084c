//! SVG charts.
//!
//! Pure functions from a chart *spec* to an SVG document. A spec is plain
//! data: every label arrives already formatted and localized by the caller
//! ("11,27%", "mục tiêu"), and numbers only place the marks. This module
//! knows nothing of YAML, pages or files, so the same spec always gives the
//! same bytes, and the charts can be tested on their own.
//!
//! Three charts:
//! - [`overview`]: every result of one session, as progress towards target;
//! - [`indicator_value`]: one indicator in one session, on its own scale;
//! - [`history`]: one indicator across sessions, on a time axis.
//!
//! Every document is meant to be inlined in a page or served as a file: it
//! scales with its container (`viewBox`, no fixed size), names itself for
//! screen readers (`role="img"`, `<title>`, `<desc>`), needs no external
//! CSS or fonts, carries its title, subtitle, unit note and source inside
//! the image, shows status by symbol and word as well as colour (Okabe-Ito
//! palette), and never panics, whatever the numbers or labels.
//!
//! The modules: the spec types below are the whole input; `frame`
//! draws what every chart shares (header, footer, status colours, scales)
//! onto a `canvas`, which `document` turns into the SVG document
//! through plotters and the `web` backend. `overview` (with
//! `overview_row`), `value` and `history` (with `history_axes` and
//! the label placement of `place`) lay out one chart each; `text`
//! cleans, measures and wraps labels; `style` holds the palette and type
//! sizes, shared with the PNG images.

mod canvas;
mod document;
mod frame;
mod history;
mod history_axes;
mod overview;
mod overview_row;
mod place;
pub(in crate::render) mod style;
mod text;
mod value;
mod web;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::compute::Status;

#[cfg(test)]
pub use history::history;
pub use history::history_marked;
pub use overview::{measures_progress, overview};
pub use value::indicator_value;

/// The two forms every chart is drawn in: the same figures and words, laid
/// out for a wide column or for a phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// [`style::WIDTH`] units wide, for a page column of at least
    /// [`style::WIDE_FROM_PX`]; also the PNG download.
    Wide,
    /// [`style::NARROW_WIDTH`] units wide, with labels above the bars.
    Narrow,
}

impl Form {
    /// The width the chart is drawn at, in SVG units.
    pub fn width(self) -> f64 {
        match self {
            Form::Wide => style::WIDTH,
            Form::Narrow => style::NARROW_WIDTH,
        }
    }

    /// The outer margin.
    pub(crate) fn margin(self) -> f64 {
        match self {
            Form::Wide => style::MARGIN,
            Form::Narrow => style::NARROW_MARGIN,
        }
    }
}

/// The texts around a chart, in the chart's language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartText {
    /// Prefix of the ids inside the SVG (e.g. "ov-2022-08"), so that several
    /// charts inlined in one page do not collide. Characters that are not
    /// valid in an XML id are replaced by '-'.
    pub id_prefix: String,
    /// Language of the texts, a BCP 47 tag: "vi" or "en".
    pub lang: String,
    /// The chart title, drawn at the top and used as the accessible name.
    pub title: String,
    /// Session and date, e.g. "Kỳ họp thứ 5, 08/08/2022".
    pub subtitle: String,
    /// What the numbers measure, e.g. "Thanh: mức thực hiện so với mục tiêu".
    pub unit_note: String,
    /// Drawn at the bottom, e.g. "Nguồn: Báo Đồng Khởi, 08/08/2022".
    pub source_line: String,
    /// The chart's own address on the site, drawn under the source line so
    /// that a downloaded or shared image says where it comes from, e.g.
    /// "minhbach.example.org/chi-so/x/#chart-history". It breaks only
    /// after a `/`, `#`, `?` or `&`, never losing a character. Empty draws
    /// nothing.
    pub address: String,
    /// The licence, drawn after the address, e.g. "Giấy phép: CC BY 4.0".
    pub license: String,
    /// The numbers in words, for screen readers (`<desc>`), e.g.
    /// "Thực hiện 11,27%, mục tiêu 7%: đã đạt".
    pub desc: String,
    /// The few words the charts draw themselves.
    pub words: ChartWords,
}

/// Words the charts draw themselves (legends, row names, empty states), in
/// running-text case: the charts capitalize them where they start a label.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartWords {
    /// "thực hiện" / "actual".
    pub actual: String,
    /// "mục tiêu" / "target".
    pub target: String,
    /// "mức cơ sở" / "baseline".
    pub baseline: String,
    /// For a result without an actual: "không có số liệu" / "no data".
    pub no_data: String,
    /// For a history without any point: "chưa có số liệu" / "no data yet".
    pub no_data_yet: String,
    /// Where a later session changed a target: "mục tiêu thay đổi".
    pub target_changed: String,
    /// Where an indicator replacing another begins: "đổi định nghĩa".
    pub definition_changed: String,
    /// The heading of the results an overview lists apart, under its bars:
    /// "số liệu không có mục tiêu" / "figures without a target".
    pub without_target: String,
}

/// One result in the session [`overview`].
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    /// The indicator's name; long names wrap to two lines and end in "…".
    pub label: String,
    /// Progress towards the target, as from [`crate::compute::progress`]:
    /// 1.0 = reached. `None` when there is no actual or no target; then no
    /// bar is drawn.
    pub progress: Option<f64>,
    /// The actual as formatted for readers, e.g. "11,27%".
    pub actual_label: String,
    /// The target as formatted for readers, e.g. "7%"; `None` without one.
    pub target_label: Option<String>,
    /// The baseline as formatted for readers, e.g. "17% (31/12/2023)";
    /// written beside an actual that has no target to be measured against.
    pub baseline_label: Option<String>,
    /// The status, which sets the bar colour and the symbol.
    pub status: Status,
    /// The status in words, e.g. "đã đạt".
    pub status_label: String,
}

/// One indicator in one session, for [`indicator_value`]. Values are on the
/// indicator's own scale; `None` (or a non-finite value) leaves the mark out.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueChart {
    /// The actual; `None` draws the "no data" text instead of a bar.
    pub actual: Option<f64>,
    /// The actual as formatted for readers, e.g. "11,27%".
    pub actual_label: String,
    /// The target, drawn as a diamond and a dashed line.
    pub target: Option<f64>,
    /// The target as formatted for readers, e.g. "7% (2025)".
    pub target_label: String,
    /// The baseline, drawn as a hollow circle.
    pub baseline: Option<f64>,
    /// The baseline as formatted for readers, e.g. "5,2% (2020)".
    pub baseline_label: String,
    /// The status, which sets the bar colour and the symbol.
    pub status: Status,
    /// The status in words, e.g. "đã đạt".
    pub status_label: String,
    /// A value the axis must reach even if no mark does, e.g. 100 for a
    /// percentage, so that 11% does not look like a full bar.
    pub axis_max: Option<f64>,
}

/// What an indicator's history chart draws besides its points (see
/// [`history_marked`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryMarks {
    /// The baselines the results give, each drawn once as a hollow ring.
    pub baselines: Vec<BaselineMark>,
    /// Where a later session changed a target.
    pub changes: Vec<ChangeMark>,
    /// Where the figures of an indicator replacing another begin.
    pub definitions: Vec<NaiveDate>,
    /// Due dates to label on a time axis of session dates, each with its
    /// label.
    pub due_ticks: Vec<(NaiveDate, String)>,
}

/// A baseline, for [`HistoryMarks`].
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineMark {
    pub date: NaiveDate,
    pub value: f64,
    /// "17%", written beside it with the word for a baseline.
    pub label: String,
    /// The scope it belongs to, as in [`HistoryPoint::series`].
    pub series: String,
}

/// A change of target, for [`HistoryMarks`]: drawn as a line at the date
/// of the session that made it, and an arrow from the target before to
/// the target after.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeMark {
    /// The date of the session that changed it.
    pub date: NaiveDate,
    /// The target before and after: its due date and value.
    pub from: (NaiveDate, f64),
    pub to: (NaiveDate, f64),
}

/// One session's result for one indicator (and one scope), for [`history`].
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPoint {
    /// The date the actual refers to (the session date).
    pub date: NaiveDate,
    /// The date as formatted for readers, e.g. "08/2022"; used for the time
    /// axis when the history spans less than two years.
    pub date_label: String,
    /// The actual; `None` leaves the point out of the line.
    pub actual: Option<f64>,
    /// The actual as formatted for readers, written next to the point.
    pub actual_label: String,
    /// The target in force at this session.
    pub target: Option<f64>,
    /// When the target is due; the target marker is drawn there (or at
    /// `date` without one). Equal targets of several sessions are drawn once.
    pub target_date: Option<NaiveDate>,
    /// The target as formatted for readers, e.g. "7% (2025)": best with
    /// its due date, which the time axis may not label.
    pub target_label: Option<String>,
    /// The scope the point belongs to (one line per scope), e.g. "Toàn tỉnh";
    /// may be empty when there is only one.
    pub series: String,
}
