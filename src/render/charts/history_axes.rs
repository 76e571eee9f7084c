//! The axes of a history: the value axis (its ticks, grid and the scales
//! of the plot) and the time axis (session dates or years).

use chrono::{Datelike, NaiveDate};

use super::canvas::{Anchor, Canvas, Face};
use super::frame::{nice_ticks, usable, Scale};
use super::style::{AXIS, GRID, HAIRLINE, MUTED_INK, SMALL_SIZE};
use super::text::{clean, shorten, width};
use super::Form;
use super::HistoryPoint;

/// Height of the plot area, and of the narrow form's.
const PLOT_HEIGHT: f64 = 260.0;
const NARROW_PLOT_HEIGHT: f64 = 220.0;

/// Days since the common era, as the time coordinate.
pub(super) fn day(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// Where the plot is, and how values and dates map onto it.
pub(super) struct Plot {
    /// Left and right of the plot area.
    pub x0: f64,
    pub top: f64,
    pub bottom: f64,
    /// Dates (in [`day`]s) to x.
    pub xs: Scale,
    /// Values to y.
    pub ys: Scale,
    /// The span of the marks' dates, in days.
    pub span_days: f64,
}

impl Plot {
    /// Lays out the plot below `legend_bottom` for the marks (date and
    /// finite value of each actual and target), and draws the value axis:
    /// a grid line and a label per tick.
    pub(super) fn draw(
        c: &mut Canvas,
        marks: &[(NaiveDate, f64)],
        value_axis_format: &dyn Fn(f64) -> String,
        legend_bottom: f64,
    ) -> Plot {
        let values = marks.iter().map(|&(_, v)| v);
        let (lo, hi) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        // Headroom above the highest mark, for its label.
        let (lo, hi, ticks) = nice_ticks(lo, hi + (hi - lo) * 0.08, 5);
        let tick_labels: Vec<String> = ticks
            .iter()
            .map(|&t| clean(&value_axis_format(t)))
            .collect();
        let label_width = tick_labels
            .iter()
            .map(|l| width(l, SMALL_SIZE, false))
            .fold(0.0, f64::max)
            .min(if c.form == Form::Narrow { 72.0 } else { 120.0 });
        let x0 = c.margin() + label_width + 10.0;
        let x1 = c.right() - 8.0;
        let top = legend_bottom + 14.0;
        let bottom = top
            + match c.form {
                Form::Wide => PLOT_HEIGHT,
                Form::Narrow => NARROW_PLOT_HEIGHT,
            };
        let ys = Scale {
            lo,
            hi,
            from: bottom,
            to: top,
        };
        let (xs, span_days) = time_scale(marks, x0, x1);
        for (&t, label) in ticks.iter().zip(&tick_labels) {
            let y = ys.at(t);
            let colour = if t == 0.0 { AXIS } else { GRID };
            c.line(&[(x0, y), (x1, y)], colour, HAIRLINE);
            c.text(
                x0 - 8.0,
                y + 4.0,
                &shorten(label, label_width + 4.0, SMALL_SIZE, false),
                SMALL_SIZE,
                MUTED_INK,
                Face::Regular,
                Anchor::End,
            );
        }
        if lo != 0.0 {
            // The zero line is not in view: draw the plot's bottom edge instead.
            c.line(&[(x0, bottom), (x1, bottom)], AXIS, HAIRLINE);
        }
        Plot {
            x0,
            top,
            bottom,
            xs,
            ys,
            span_days,
        }
    }

    /// Where a mark of `value` on `date` goes.
    pub(super) fn at(&self, date: NaiveDate, value: f64) -> (f64, f64) {
        (self.xs.at(day(date)), self.ys.at(value))
    }
}

/// The time scale between `x0` and `x1`, padded so that the first and last
/// marks are not on the edge, and the span of the marks' dates.
fn time_scale(marks: &[(NaiveDate, f64)], x0: f64, x1: f64) -> (Scale, f64) {
    let dates = marks.iter().map(|&(d, _)| day(d));
    let (d0, d1) = dates.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), d| {
        (a.min(d), b.max(d))
    });
    let pad = ((d1 - d0) * 0.06).max(45.0);
    let xs = Scale {
        lo: d0 - pad,
        hi: d1 + pad,
        from: x0 + 10.0,
        to: x1 - 10.0,
    };
    (xs, d1 - d0)
}

/// Ticks and labels of the time axis: years when the history spans two
/// years or more, else the session dates as the caller wrote them. Labels
/// that would overlap are left out.
pub(super) fn time_axis(
    c: &mut Canvas,
    points: &[HistoryPoint],
    due: &[(NaiveDate, String)],
    xs: &Scale,
    bottom: f64,
    span_days: f64,
) {
    let mut ticks: Vec<(f64, String)> = Vec::new();
    if span_days < 730.0 {
        let mut dated: Vec<&HistoryPoint> = points
            .iter()
            .filter(|p| usable(p.actual).is_some())
            .collect();
        dated.sort_by_key(|p| p.date);
        dated.dedup_by_key(|p| p.date);
        ticks = dated
            .iter()
            .map(|p| (day(p.date), clean(&p.date_label)))
            .chain(due.iter().map(|(d, l)| (day(*d), clean(l))))
            .filter(|(_, l)| !l.is_empty())
            .collect();
        ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
        ticks.dedup_by(|a, b| a.0 == b.0);
    }
    if ticks.is_empty() {
        ticks = year_ticks(xs);
    }
    let mut last_end = f64::NEG_INFINITY;
    for (d, label) in ticks {
        let x = xs.at(d);
        let label = shorten(&label, 120.0, SMALL_SIZE, false);
        let w = width(&label, SMALL_SIZE, false);
        c.line(&[(x, bottom), (x, bottom + 5.0)], AXIS, HAIRLINE);
        if x - w / 2.0 > last_end + 10.0 && x + w / 2.0 <= c.width() - 4.0 {
            c.text(
                x,
                bottom + 19.0,
                &label,
                SMALL_SIZE,
                MUTED_INK,
                Face::Regular,
                Anchor::Middle,
            );
            last_end = x + w / 2.0;
        }
    }
}

/// January 1 of the years in view, at most about eight of them.
fn year_ticks(xs: &Scale) -> Vec<(f64, String)> {
    let year_of = |d: f64| NaiveDate::from_num_days_from_ce_opt(d as i32).map(|d| d.year());
    let (Some(first), Some(last)) = (year_of(xs.lo.ceil()), year_of(xs.hi.floor())) else {
        return Vec::new();
    };
    let years = (last - first).max(0) + 1;
    let step = ((years as f64 / 8.0).ceil() as i32).max(1);
    let mut ticks = Vec::new();
    let mut year = first;
    while year <= last && ticks.len() < 12 {
        if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
            if day(d) >= xs.lo && day(d) <= xs.hi {
                ticks.push((day(d), year.to_string()));
            }
        }
        year = year.saturating_add(step);
    }
    ticks
}
