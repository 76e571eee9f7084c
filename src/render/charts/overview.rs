//! The session overview: one row per result, progress towards target.
//!
//! Indicators of one session have different units, so they are compared as
//! progress (actual / target, 1.0 = reached). Each row shows the indicator
//! name, a bar of progress coloured by status, the target as a diamond on a
//! dashed 100% line, the raw values as text, and the status as symbol and
//! word.

use super::canvas::{px, Anchor, Canvas, Face};
use super::frame::{
    finish, footer, header, paragraph, status_fill, status_ink, status_text, Scale,
};
use super::style::{
    AXIS, BACKGROUND, BODY_SIZE, GRID, HAIRLINE, INK, MARGIN, MARK_STROKE, MUTED_INK, NEUTRAL,
    SMALL_SIZE, TARGET_INK, WIDTH,
};
use super::text::{capitalize, clean, shorten, width, wrap};
use super::{ChartText, OverviewRow};
use crate::compute::Status;

/// Width of the indicator name column.
const LABEL_WIDTH: f64 = 270.0;
/// Height of one row: two lines of name, or value text over a bar.
const ROW_HEIGHT: f64 = 48.0;
/// Line height of the indicator names.
const LABEL_LINE: f64 = 17.0;
/// Thickness of a progress bar.
const BAR_HEIGHT: f64 = 14.0;
/// The progress axis always reaches 150%, so that "reached" sits at two
/// thirds and overshoot has room.
const MIN_AXIS: f64 = 1.5;
/// The axis stops at 300%: one runaway indicator must not flatten every
/// other bar. Longer bars are drawn with a break; their label has the value.
const MAX_AXIS: f64 = 3.0;
/// From this many rows on, the axis labels are repeated at the bottom.
const LONG_LIST: usize = 8;
/// Texts in the bar lane start a little right of the zero line, so that
/// their white outline does not cut it.
const TEXT_INSET: f64 = 5.0;
/// Half-diagonal of the target diamond.
const DIAMOND: f64 = 6.0;

/// What a row draws in its bar lane.
enum Mark {
    /// A bar of this progress.
    Bar(f64),
    /// The "no data" text: there is no actual.
    NoData,
    /// A neutral marker: an actual, but nothing to measure it against.
    Neutral,
}

fn mark(row: &OverviewRow) -> Mark {
    // Any finite progress makes a bar: the axis caps how long it is drawn.
    match row.progress.filter(|p| p.is_finite()) {
        Some(p) => Mark::Bar(p.max(0.0)),
        None if row.status == Status::NoData || clean(&row.actual_label).is_empty() => Mark::NoData,
        None => Mark::Neutral,
    }
}

/// A target label from the caller, if it has any text.
fn target_of(row: &OverviewRow) -> Option<String> {
    row.target_label
        .as_deref()
        .map(clean)
        .filter(|t| !t.is_empty())
}

/// Whether the rows have anything to show as progress towards a target:
/// without one, the overview draws no progress axis, 100% line or legend,
/// and its subtitle says the session set no targets.
pub fn measures_progress(rows: &[OverviewRow]) -> bool {
    rows.iter()
        .any(|r| matches!(mark(r), Mark::Bar(_)) || target_of(r).is_some())
}

/// Renders the overview of one session: every result of the session, one
/// row each, in the order given. Zero rows draw the "no data" text.
pub fn overview(text: &ChartText, rows: &[OverviewRow]) -> String {
    let mut c = Canvas::new();
    let mut y = header(&mut c, text);
    let words = &text.words;

    if rows.is_empty() {
        c.text(
            MARGIN,
            y + 20.0,
            &capitalize(&clean(&words.no_data)),
            BODY_SIZE + 1.0,
            NEUTRAL,
            Face::Italic,
            Anchor::Start,
        );
        let height = footer(&mut c, text, y + 30.0);
        return finish(c, height, text);
    }

    // Columns: name | bar lane | status.
    let status_texts: Vec<String> = rows
        .iter()
        .map(|r| status_text(r.status, &clean(&r.status_label)))
        .collect();
    let status_width = status_texts
        .iter()
        .map(|s| width(s, BODY_SIZE, false))
        .fold(60.0, f64::max)
        .min(170.0);
    let status_x = WIDTH - MARGIN - status_width;
    let lane_x0 = MARGIN + LABEL_WIDTH + 16.0;
    let lane_x1 = status_x - 24.0;

    let marks: Vec<Mark> = rows.iter().map(mark).collect();
    let largest = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Bar(p) => Some(*p),
            _ => None,
        })
        .fold(MIN_AXIS, f64::max)
        .min(MAX_AXIS);
    let axis_max = (largest / 0.5).ceil() * 0.5;
    let scale = Scale {
        lo: 0.0,
        hi: axis_max,
        from: lane_x0,
        to: lane_x1,
    };

    // Without a single target there is no progress to put on an axis, and
    // nothing for a legend to explain: the rows show the reported figures.
    let measured = measures_progress(rows);
    if measured {
        y = legend(&mut c, text, rows, &marks, y);
    }

    // Axis labels above the rows.
    let step = if axis_max <= 2.0 { 0.5 } else { 1.0 };
    let ticks: Vec<f64> = if measured {
        (0..=12)
            .map(|i| i as f64 * step)
            .take_while(|t| *t <= axis_max + 1e-9)
            .collect()
    } else {
        Vec::new()
    };
    let axis_y = if measured { y + SMALL_SIZE } else { y };
    for &t in &ticks {
        c.text(
            scale.at(t),
            axis_y,
            &format!("{}%", px(t * 100.0)),
            SMALL_SIZE,
            MUTED_INK,
            Face::Regular,
            Anchor::Middle,
        );
    }
    let rows_top = axis_y + 8.0;
    let rows_bottom = rows_top + rows.len() as f64 * ROW_HEIGHT;

    // Grid under the marks: light lines at the ticks, the zero line darker,
    // the 100% line dashed like the target it stands for.
    for &t in &ticks {
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

    for (i, ((row, mark), status)) in rows.iter().zip(&marks).zip(&status_texts).enumerate() {
        let top = rows_top + i as f64 * ROW_HEIGHT;
        draw_row(
            &mut c,
            text,
            row,
            mark,
            status,
            top,
            &scale,
            status_x,
            status_width,
        );
    }

    // Long lists repeat the axis labels at the bottom, where the eye is
    // after reading down.
    let mut body_bottom = rows_bottom;
    if measured && rows.len() > LONG_LIST {
        body_bottom += 18.0;
        for &t in &ticks {
            c.text(
                scale.at(t),
                body_bottom,
                &format!("{}%", px(t * 100.0)),
                SMALL_SIZE,
                MUTED_INK,
                Face::Regular,
                Anchor::Middle,
            );
        }
    }

    let height = footer(&mut c, text, body_bottom);
    finish(c, height, text)
}

/// The legend: what a bar and what a diamond mean.
fn legend(c: &mut Canvas, text: &ChartText, rows: &[OverviewRow], marks: &[Mark], y: f64) -> f64 {
    let words = &text.words;
    let mid = y + 8.0;
    let baseline = mid + 4.0;
    let mut x = MARGIN;
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

#[allow(clippy::too_many_arguments)]
fn draw_row(
    c: &mut Canvas,
    text: &ChartText,
    row: &OverviewRow,
    mark: &Mark,
    status: &str,
    top: f64,
    scale: &Scale,
    status_x: f64,
    status_width: f64,
) {
    let words = &text.words;
    let lane_x0 = scale.from;
    let lane_width = status_x - 12.0 - lane_x0;

    // The name, wrapped to two lines and centred on the row.
    let lines = wrap(&clean(&row.label), LABEL_WIDTH, BODY_SIZE, false, 2).len() as f64;
    let label_top = top + (ROW_HEIGHT - lines.max(1.0) * LABEL_LINE) / 2.0;
    paragraph(
        c,
        MARGIN,
        label_top,
        LABEL_WIDTH,
        &row.label,
        BODY_SIZE,
        LABEL_LINE,
        2,
        INK,
        Face::Regular,
    );

    let value_baseline = top + 16.0;
    let bar_top = top + 22.0;
    let bar_mid = bar_top + BAR_HEIGHT / 2.0;
    let target = target_of(row);
    let target_text = target
        .as_ref()
        .map(|t| format!("{} {t}", clean(&words.target)));
    let actual = clean(&row.actual_label);

    let value_text = match mark {
        Mark::Bar(_) => match &target_text {
            Some(t) if !actual.is_empty() => format!("{actual} / {t}"),
            Some(t) => t.clone(),
            None => actual.clone(),
        },
        Mark::NoData => target_text.clone().unwrap_or_default(),
        Mark::Neutral => String::new(),
    };
    c.halo_text(
        lane_x0 + TEXT_INSET,
        value_baseline,
        &shorten(&value_text, lane_width - TEXT_INSET, SMALL_SIZE, false),
        SMALL_SIZE,
        MUTED_INK,
        Face::Regular,
        Anchor::Start,
    );

    let x100 = scale.at(1.0);
    match mark {
        Mark::Bar(p) => {
            let end = scale.at(*p).max(lane_x0 + 2.0);
            c.bar(
                lane_x0,
                bar_top,
                end,
                bar_top + BAR_HEIGHT,
                status_fill(row.status),
                format!("bar {}", row.status.as_str()),
            );
            if *p > scale.hi {
                // A break near the end: the bar is longer than the axis.
                let x = end - 9.0;
                c.polygon(
                    &[
                        (x - 4.0, bar_top + BAR_HEIGHT + 1.0),
                        (x, bar_top + BAR_HEIGHT + 1.0),
                        (x + 4.0, bar_top - 1.0),
                        (x, bar_top - 1.0),
                    ],
                    BACKGROUND,
                );
            }
            if target.is_some() {
                c.diamond((x100, bar_mid), DIAMOND, TARGET_INK);
            }
        }
        Mark::NoData => {
            let no_data = clean(&words.no_data);
            let no_data = shorten(&no_data, lane_width - TEXT_INSET, SMALL_SIZE, false);
            c.halo_text(
                lane_x0 + TEXT_INSET,
                bar_mid + 4.0,
                &no_data,
                SMALL_SIZE,
                NEUTRAL,
                Face::Italic,
                Anchor::Start,
            );
            let text_end = lane_x0 + TEXT_INSET + width(&no_data, SMALL_SIZE, false);
            if target.is_some() && text_end + 8.0 < x100 - DIAMOND {
                c.diamond((x100, bar_mid), DIAMOND, TARGET_INK);
            }
        }
        Mark::Neutral => {
            // No bar without a target: a neutral ring and the value itself,
            // with the baseline it is compared with, if any.
            c.ring((lane_x0 + 6.0, bar_mid), 4.0, NEUTRAL, MARK_STROKE);
            let value = match row.baseline_label.as_deref().map(clean) {
                Some(b) if !b.is_empty() => {
                    format!("{actual} · {} {b}", clean(&words.baseline))
                }
                _ => actual.clone(),
            };
            c.halo_text(
                lane_x0 + 16.0,
                bar_mid + 4.0,
                &shorten(&value, lane_width - 16.0, SMALL_SIZE, false),
                SMALL_SIZE,
                INK,
                Face::Regular,
                Anchor::Start,
            );
        }
    }

    c.text(
        status_x,
        bar_mid + 4.0,
        &shorten(status, status_width, BODY_SIZE, false),
        BODY_SIZE,
        status_ink(row.status),
        Face::Regular,
        Anchor::Start,
    );
}
