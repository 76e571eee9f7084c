//! One indicator in one session, on the indicator's own scale.
//!
//! Actual, target and baseline each get a row of their own, so that their
//! labels never collide however close the values are; a dashed line carries
//! the target across the rows so the bar can be compared with it.

use super::canvas::{Anchor, Canvas, Face};
use super::frame::{
    finish, footer, header, nice_ticks, status_fill, status_ink, status_text, usable, Scale,
};
use super::style::{
    AXIS, BODY_SIZE, GRID, HAIRLINE, INK, MARGIN, MARK_STROKE, MUTED_INK, NEUTRAL, SMALL_SIZE,
    SUBTITLE_SIZE, TARGET_INK, WIDTH,
};
use super::text::{capitalize, clean, shorten, width};
use super::{ChartText, ValueChart};

const ROW_HEIGHT: f64 = 40.0;
const BAR_HEIGHT: f64 = 20.0;

/// One row of the chart.
enum Row {
    Actual(Option<f64>),
    Target(f64),
    Baseline(f64),
}

/// Renders one indicator's actual, target and baseline in one session.
/// `axis_format` writes the tick values of the indicator's axis (e.g.
/// `|v| format!("{v}%")` with the locale's decimal comma).
pub fn indicator_value(
    text: &ChartText,
    v: &ValueChart,
    axis_format: &dyn Fn(f64) -> String,
) -> String {
    let mut c = Canvas::new();
    let mut y = header(&mut c, text);
    let words = &text.words;

    // The status, as symbol and word, under the header.
    let status = status_text(v.status, &capitalize(&clean(&v.status_label)));
    c.text(
        MARGIN,
        y + 12.0,
        &shorten(&status, WIDTH - 2.0 * MARGIN, SUBTITLE_SIZE, true),
        SUBTITLE_SIZE + 1.0,
        status_ink(v.status),
        Face::Bold,
        Anchor::Start,
    );
    y += 34.0;

    let actual = usable(v.actual);
    let target = usable(v.target);
    let baseline = usable(v.baseline);
    let mut rows = vec![(Row::Actual(actual), &words.actual, &v.actual_label)];
    if let Some(t) = target {
        rows.push((Row::Target(t), &words.target, &v.target_label));
    }
    if let Some(b) = baseline {
        rows.push((Row::Baseline(b), &words.baseline, &v.baseline_label));
    }

    // Columns: row name | plot | room for the value labels.
    let names: Vec<String> = rows.iter().map(|(_, n, _)| capitalize(&clean(n))).collect();
    let name_width = names
        .iter()
        .map(|n| width(n, BODY_SIZE, false))
        .fold(60.0, f64::max)
        .min(160.0);
    let labels: Vec<String> = rows.iter().map(|(_, _, l)| clean(l)).collect();
    let no_data = clean(&words.no_data);
    let gutter = labels
        .iter()
        .map(|l| width(l, BODY_SIZE, true) + 16.0)
        .fold(40.0, f64::max)
        .min(260.0);
    let plot_x0 = MARGIN + name_width + 16.0;
    let plot_x1 = WIDTH - MARGIN - gutter;

    let values = [actual, target, baseline, usable(v.axis_max)];
    let lo = values.iter().flatten().fold(0.0, |a: f64, b| a.min(*b));
    let hi = values.iter().flatten().fold(0.0, |a: f64, b| a.max(*b));
    let (lo, hi, ticks) = nice_ticks(lo, hi, 5);
    let scale = Scale {
        lo,
        hi,
        from: plot_x0,
        to: plot_x1,
    };
    let rows_top = y;
    let rows_bottom = rows_top + rows.len() as f64 * ROW_HEIGHT;
    let zero = scale.at(0.0);

    // Grid and axis.
    for &t in &ticks {
        let colour = if t == 0.0 { AXIS } else { GRID };
        let x = scale.at(t);
        c.line(
            &[(x, rows_top - 6.0), (x, rows_bottom + 2.0)],
            colour,
            HAIRLINE,
        );
    }
    let mut last_end = f64::NEG_INFINITY;
    for &t in &ticks {
        let label = shorten(&clean(&axis_format(t)), 110.0, SMALL_SIZE, false);
        let w = width(&label, SMALL_SIZE, false);
        // Keep the last label inside the chart.
        let x = scale.at(t).min(WIDTH - MARGIN - w / 2.0);
        if x - w / 2.0 > last_end + 8.0 {
            c.text(
                x,
                rows_bottom + 18.0,
                &label,
                SMALL_SIZE,
                MUTED_INK,
                Face::Regular,
                Anchor::Middle,
            );
            last_end = x + w / 2.0;
        }
    }
    if let Some(t) = target {
        let x = scale.at(t);
        c.dashed(
            &[(x, rows_top - 6.0), (x, rows_bottom + 2.0)],
            TARGET_INK,
            HAIRLINE,
        );
    }

    for (i, ((row, _, _), (name, label))) in rows.iter().zip(names.iter().zip(&labels)).enumerate()
    {
        let mid = rows_top + i as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
        let baseline_y = mid + 4.5;
        c.text(
            MARGIN,
            baseline_y,
            &shorten(name, name_width, BODY_SIZE, false),
            BODY_SIZE,
            INK,
            Face::Regular,
            Anchor::Start,
        );
        let label = shorten(label, gutter - 12.0, BODY_SIZE, true);
        match row {
            Row::Actual(Some(a)) => {
                let end = scale.at(*a);
                let end = if (end - zero).abs() < 2.0 {
                    zero + 2.0
                } else {
                    end
                };
                c.bar(
                    zero,
                    mid - BAR_HEIGHT / 2.0,
                    end,
                    mid + BAR_HEIGHT / 2.0,
                    status_fill(v.status),
                    format!("bar {}", v.status.as_str()),
                );
                let x = end.max(zero) + 6.0;
                c.halo_text(
                    x,
                    baseline_y,
                    &label,
                    BODY_SIZE,
                    INK,
                    Face::Bold,
                    Anchor::Start,
                );
            }
            Row::Actual(None) => {
                c.halo_text(
                    plot_x0 + 4.0,
                    baseline_y,
                    &shorten(&no_data, plot_x1 - plot_x0, BODY_SIZE, false),
                    BODY_SIZE,
                    NEUTRAL,
                    Face::Italic,
                    Anchor::Start,
                );
            }
            Row::Target(t) => {
                let x = scale.at(*t);
                c.diamond((x, mid), 7.0, TARGET_INK);
                c.halo_text(
                    x + 12.0,
                    baseline_y,
                    &label,
                    BODY_SIZE,
                    INK,
                    Face::Regular,
                    Anchor::Start,
                );
            }
            Row::Baseline(b) => {
                let x = scale.at(*b);
                c.ring((x, mid), 6.0, NEUTRAL, MARK_STROKE);
                c.halo_text(
                    x + 12.0,
                    baseline_y,
                    &label,
                    BODY_SIZE,
                    MUTED_INK,
                    Face::Regular,
                    Anchor::Start,
                );
            }
        }
    }

    let height = footer(&mut c, text, rows_bottom + 22.0);
    finish(c, height, text)
}
