//! The session overview: one row per result, progress towards target.
//!
//! Indicators of one session have different units, so they are compared as
//! progress (actual / target, 1.0 = reached). Each row shows the indicator
//! name, a bar of progress coloured by status, the target as a diamond on a
//! dashed 100% line, the raw values as text, and the status as symbol and
//! word. This module lays out the columns, the axis and the legend; one
//! row is drawn by [`super::overview_row`].

use super::canvas::{px, Anchor, Canvas, Face};
use super::frame::{finish, footer, header, status_fill, status_text, Scale};
use super::overview_row::{
    draw_row, figures_text, figures_width, mark, row_height, target_of, Columns, Mark, LABEL_WIDTH,
};
use super::style::{
    AXIS, BODY_SIZE, GRID, HAIRLINE, INK, MUTED_INK, NEUTRAL, SMALL_SIZE, TARGET_INK, TITLE_INK,
};
use super::text::{capitalize, clean, width};
use super::{ChartText, Form, OverviewRow};
use crate::compute::Status;

/// The progress axis always reaches 150%, so that "reached" sits at two
/// thirds and overshoot has room.
const MIN_AXIS: f64 = 1.5;
/// The axis stops at 300%: one runaway indicator must not flatten every
/// other bar. Longer bars are drawn with a break; their label has the value.
const MAX_AXIS: f64 = 3.0;
/// From this many rows on, the axis labels are repeated at the bottom.
const LONG_LIST: usize = 8;

/// Whether the rows have anything to show as progress towards a target:
/// without one, the overview draws no progress axis, 100% line or legend,
/// and its subtitle says the session set no targets.
pub fn measures_progress(rows: &[OverviewRow]) -> bool {
    rows.iter().any(|r| on_axis(r, &mark(r)))
}

/// Whether a row is measured against a target, and so drawn on the
/// progress axis; the others are listed apart, under the bars, rather than
/// as empty rows on its zero line.
fn on_axis(row: &OverviewRow, mark: &Mark) -> bool {
    matches!(mark, Mark::Bar(_)) || target_of(row).is_some()
}

/// Renders the overview of one session in `form`: the results measured
/// against a target as bars of progress, in the order given, then the
/// figures without a target, listed apart. Zero rows draw the "no data"
/// text.
pub fn overview(text: &ChartText, rows: &[OverviewRow], form: Form) -> String {
    let mut c = Canvas::new(form);
    let mut y = header(&mut c, text);
    if rows.is_empty() {
        return no_rows(c, text, y);
    }

    let status_texts: Vec<String> = rows
        .iter()
        .map(|r| status_text(r.status, &clean(&r.status_label)))
        .collect();
    let marks: Vec<Mark> = rows.iter().map(mark).collect();
    // Stacked rows share a line between the figures and the status: the
    // widest figures decide, with the widest status, whether they fit.
    let widest_figures = match c.form {
        Form::Narrow => rows
            .iter()
            .zip(&marks)
            .map(|(r, m)| figures_width(&figures_text(&text.words, r, m)))
            .fold(0.0, f64::max),
        Form::Wide => 0.0,
    };
    let cols = columns(&c, &status_texts, &marks, widest_figures);
    let (measured_rows, listed): (Vec<usize>, Vec<usize>) =
        (0..rows.len()).partition(|&i| on_axis(&rows[i], &marks[i]));

    // Without a single target there is no progress to put on an axis, and
    // nothing for a legend to explain: the rows show the reported figures.
    let measured = !measured_rows.is_empty();
    if measured {
        y = legend(&mut c, text, rows, &marks, y);
    }
    let ticks = if measured {
        ticks(cols.scale.hi)
    } else {
        Vec::new()
    };
    let axis_y = if measured { y + SMALL_SIZE } else { y };
    axis_labels(&mut c, &ticks, &cols.scale, axis_y);
    let rows_top = axis_y + 8.0;
    let height = |i: usize| row_height(&text.words, &rows[i], &marks[i], &cols);
    let heights = |list: &[usize]| -> f64 { list.iter().map(|&i| height(i)).sum() };
    let rows_bottom = rows_top + heights(&measured_rows);
    grid(
        &mut c,
        &ticks,
        &cols.scale,
        measured,
        (rows_top, rows_bottom),
    );
    let draw = |c: &mut Canvas, list: &[usize], mut top: f64| -> f64 {
        for &i in list {
            draw_row(
                c,
                &text.words,
                &rows[i],
                &marks[i],
                &status_texts[i],
                top,
                &cols,
            );
            top += height(i);
        }
        top
    };
    draw(&mut c, &measured_rows, rows_top);

    // Long lists repeat the axis labels at the bottom, where the eye is
    // after reading down.
    let mut body_bottom = rows_bottom;
    if measured && measured_rows.len() > LONG_LIST {
        body_bottom += 18.0;
        axis_labels(&mut c, &ticks, &cols.scale, body_bottom);
    }

    if !listed.is_empty() {
        if measured {
            body_bottom = listed_heading(&mut c, text, body_bottom);
        }
        body_bottom = draw(&mut c, &listed, body_bottom);
    }

    let height = footer(&mut c, text, body_bottom);
    finish(c, height, text)
}

/// The heading of the figures without a target, under the bars; returns
/// the y below it.
fn listed_heading(c: &mut Canvas, text: &ChartText, y: f64) -> f64 {
    let top = y + 18.0;
    let (x0, x1) = (c.margin(), c.right());
    c.line(&[(x0, top), (x1, top)], GRID, HAIRLINE);
    c.text(
        x0,
        top + 22.0,
        &capitalize(&clean(&text.words.without_target)),
        BODY_SIZE + 1.0,
        TITLE_INK,
        Face::Bold,
        Anchor::Start,
    );
    top + 30.0
}

/// The overview of a session without results: the "no data" text.
fn no_rows(mut c: Canvas, text: &ChartText, y: f64) -> String {
    let margin = c.margin();
    c.text(
        margin,
        y + 20.0,
        &capitalize(&clean(&text.words.no_data)),
        BODY_SIZE + 1.0,
        NEUTRAL,
        Face::Italic,
        Anchor::Start,
    );
    let height = footer(&mut c, text, y + 30.0);
    finish(c, height, text)
}

/// Columns: name | bar lane | status, the status column as wide as its
/// widest text within bounds, and the progress scale over the bar lane.
/// The narrow form stacks them: the name above, the figures and the status
/// on one line under it (the status on a line of its own when the two do
/// not fit on one), and the bar lane across the whole width.
fn columns(c: &Canvas, status_texts: &[String], marks: &[Mark], widest_figures: f64) -> Columns {
    let stacked = c.form == Form::Narrow;
    let widest = status_texts
        .iter()
        .map(|s| width(s, BODY_SIZE, false))
        .fold(60.0, f64::max);
    // Stacked, a status too long to share a line, or figures that would
    // not fit beside it, give the status a line of its own, under the
    // name, in every row: a citizen reads a status and its figures whole
    // or not at all.
    let status_apart =
        stacked && (widest > c.inner() * 0.45 || widest_figures > c.inner() - widest - 8.0);
    let status_width = match (stacked, status_apart) {
        (true, true) => c.inner(),
        (true, false) => widest,
        (false, _) => widest.min(170.0),
    };
    let status_x = match status_apart {
        true => c.margin(),
        false => c.right() - status_width,
    };
    let (lane_x0, lane_x1) = if stacked {
        (c.margin(), c.right() - 12.0)
    } else {
        (c.margin() + LABEL_WIDTH + 16.0, status_x - 24.0)
    };
    let largest = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Bar(p) => Some(*p),
            _ => None,
        })
        .fold(MIN_AXIS, f64::max)
        .min(MAX_AXIS);
    let axis_max = (largest / 0.5).ceil() * 0.5;
    Columns {
        scale: Scale {
            lo: 0.0,
            hi: axis_max,
            from: lane_x0,
            to: lane_x1,
        },
        status_x,
        status_width,
        name_x: c.margin(),
        name_width: if stacked { c.inner() } else { LABEL_WIDTH },
        stacked,
        status_apart,
    }
}

/// The progress ticks up to `axis_max`: every 50%, or every 100% on a
/// longer axis.
fn ticks(axis_max: f64) -> Vec<f64> {
    let step = if axis_max <= 2.0 { 0.5 } else { 1.0 };
    (0..=12)
        .map(|i| i as f64 * step)
        .take_while(|t| *t <= axis_max + 1e-9)
        .collect()
}

/// The tick labels ("0%", "50%", …) with their baseline at `y`.
fn axis_labels(c: &mut Canvas, ticks: &[f64], scale: &Scale, y: f64) {
    for &t in ticks {
        c.text(
            scale.at(t),
            y,
            &format!("{}%", px(t * 100.0)),
            SMALL_SIZE,
            MUTED_INK,
            Face::Regular,
            Anchor::Middle,
        );
    }
}

/// The grid under the marks, from `rows.0` down to `rows.1`: light lines
/// at the ticks, the zero line darker, the 100% line dashed like the target
/// it stands for.
fn grid(c: &mut Canvas, ticks: &[f64], scale: &Scale, measured: bool, rows: (f64, f64)) {
    let (rows_top, rows_bottom) = rows;
    for &t in ticks {
        let x = scale.at(t);
        if t == 0.0 {
            c.line(&[(x, rows_top), (x, rows_bottom)], AXIS, HAIRLINE);
        } else if (t - 1.0).abs() > 1e-9 {
            c.line(&[(x, rows_top), (x, rows_bottom)], GRID, HAIRLINE);
        }
    }
    if measured {
        let x100 = scale.at(1.0);
        c.dashed(
            &[(x100, rows_top), (x100, rows_bottom)],
            TARGET_INK,
            HAIRLINE,
        );
    }
}

/// The legend: what a bar and what a diamond mean.
fn legend(c: &mut Canvas, text: &ChartText, rows: &[OverviewRow], marks: &[Mark], y: f64) -> f64 {
    let words = &text.words;
    let mid = y + 8.0;
    let baseline = mid + 4.0;
    let mut x = c.margin();
    // One swatch segment per status that has a bar, in status order.
    let mut colours = Vec::new();
    for s in Status::ALL {
        let has_bar = rows
            .iter()
            .zip(marks)
            .any(|(r, m)| r.status == s && matches!(m, Mark::Bar(_)));
        let colour = status_fill(s);
        if has_bar && !colours.contains(&colour) {
            colours.push(colour);
        }
    }
    let actual = capitalize(&clean(&words.actual));
    if !colours.is_empty() && !actual.is_empty() {
        let seg = (24.0 / colours.len() as f64).floor();
        for colour in &colours {
            c.rect(x, mid - 6.0, x + seg, mid + 6.0, *colour);
            x += seg;
        }
        x += 6.0;
        c.text(
            x,
            baseline,
            &actual,
            SMALL_SIZE,
            INK,
            Face::Regular,
            Anchor::Start,
        );
        x += width(&actual, SMALL_SIZE, false) + 24.0;
    }
    let target = capitalize(&clean(&words.target));
    if rows.iter().any(|r| target_of(r).is_some()) && !target.is_empty() {
        c.dashed(
            &[(x + 6.0, mid - 9.0), (x + 6.0, mid + 9.0)],
            TARGET_INK,
            HAIRLINE,
        );
        c.diamond((x + 6.0, mid), 5.0, TARGET_INK);
        x += 18.0;
        c.text(
            x,
            baseline,
            &format!("{target} (100%)"),
            SMALL_SIZE,
            INK,
            Face::Regular,
            Anchor::Start,
        );
    }
    y + 26.0
}
