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
    AXIS, BODY_SIZE, GRID, HAIRLINE, INK, MARK_STROKE, MUTED_INK, NEUTRAL, SMALL_SIZE,
    SUBTITLE_SIZE, TARGET_INK,
};
use super::text::{capitalize, clean, shorten, width};
use super::{ChartText, Form, ValueChart};

const ROW_HEIGHT: f64 = 40.0;
const BAR_HEIGHT: f64 = 20.0;

/// One row of the chart.
enum Row {
    Actual(Option<f64>),
    Target(f64),
    Baseline(f64),
}

/// One row with its name and value label, cleaned, as drawn.
struct Line {
    row: Row,
    name: String,
    label: String,
}

/// Where the rows and their plot are.
struct Layout {
    name_width: f64,
    /// Room right of the plot for the value labels.
    gutter: f64,
    plot_x0: f64,
    plot_x1: f64,
    scale: Scale,
    rows_top: f64,
    rows_bottom: f64,
}

/// Renders one indicator's actual, target and baseline in one session, in
/// `form`. `axis_format` writes the tick values of the indicator's axis
/// (e.g. `|v| format!("{v}%")` with the locale's decimal comma).
pub fn indicator_value(
    text: &ChartText,
    v: &ValueChart,
    axis_format: &dyn Fn(f64) -> String,
    form: Form,
) -> String {
    let mut c = Canvas::new(form);
    let y = header(&mut c, text);
    status_line(&mut c, v, y);
    let lines = lines(text, v);
    let (layout, ticks) = layout(&c, &lines, v, y + 34.0);
    value_axis(&mut c, &layout, &ticks, axis_format);
    if let Some(t) = usable(v.target) {
        let x = layout.scale.at(t);
        c.dashed(
            &[(x, layout.rows_top - 6.0), (x, layout.rows_bottom + 2.0)],
            TARGET_INK,
            HAIRLINE,
        );
    }
    let no_data = clean(&text.words.no_data);
    for (i, line) in lines.iter().enumerate() {
        let mid = layout.rows_top + i as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
        draw_line(&mut c, line, mid, &layout, v, &no_data);
    }
    let height = footer(&mut c, text, layout.rows_bottom + 22.0);
    finish(c, height, text)
}

/// The status, as symbol and word, under the header at `y`.
fn status_line(c: &mut Canvas, v: &ValueChart, y: f64) {
    let status = status_text(v.status, &capitalize(&clean(&v.status_label)));
    let (margin, inner) = (c.margin(), c.inner());
    c.text(
        margin,
        y + 12.0,
        &shorten(&status, inner, SUBTITLE_SIZE, true),
        SUBTITLE_SIZE + 1.0,
        status_ink(v.status),
        Face::Bold,
        Anchor::Start,
    );
}

/// The rows: the actual always, the target and baseline when usable.
fn lines(text: &ChartText, v: &ValueChart) -> Vec<Line> {
    let words = &text.words;
    let mut rows = vec![(
        Row::Actual(usable(v.actual)),
        &words.actual,
        &v.actual_label,
    )];
    if let Some(t) = usable(v.target) {
        rows.push((Row::Target(t), &words.target, &v.target_label));
    }
    if let Some(b) = usable(v.baseline) {
        rows.push((Row::Baseline(b), &words.baseline, &v.baseline_label));
    }
    rows.into_iter()
        .map(|(row, name, label)| Line {
            row,
            name: capitalize(&clean(name)),
            label: clean(label),
        })
        .collect()
}

/// Columns (row name | plot | room for the value labels) and the value
/// scale, for rows starting at `rows_top`; with the axis ticks. The narrow
/// form keeps at least half of its width for the plot.
fn layout(c: &Canvas, lines: &[Line], v: &ValueChart, rows_top: f64) -> (Layout, Vec<f64>) {
    let narrow = c.form == Form::Narrow;
    let name_width = lines
        .iter()
        .map(|l| width(&l.name, BODY_SIZE, false))
        .fold(if narrow { 40.0 } else { 60.0 }, f64::max)
        .min(if narrow { c.inner() * 0.25 } else { 160.0 });
    let gutter = lines
        .iter()
        .map(|l| width(&l.label, BODY_SIZE, true) + 16.0)
        .fold(40.0, f64::max)
        .min(if narrow { c.inner() * 0.4 } else { 260.0 });
    let plot_x0 = c.margin() + name_width + if narrow { 10.0 } else { 16.0 };
    let plot_x1 = c.right() - gutter;
    let values = [
        usable(v.actual),
        usable(v.target),
        usable(v.baseline),
        usable(v.axis_max),
    ];
    let lo = values.iter().flatten().fold(0.0, |a: f64, b| a.min(*b));
    let hi = values.iter().flatten().fold(0.0, |a: f64, b| a.max(*b));
    let (lo, hi, ticks) = nice_ticks(lo, hi, 5);
    let layout = Layout {
        name_width,
        gutter,
        plot_x0,
        plot_x1,
        scale: Scale {
            lo,
            hi,
            from: plot_x0,
            to: plot_x1,
        },
        rows_top,
        rows_bottom: rows_top + lines.len() as f64 * ROW_HEIGHT,
    };
    (layout, ticks)
}

/// Grid lines across the rows, and tick labels under them, left out where
/// they would overlap.
fn value_axis(c: &mut Canvas, l: &Layout, ticks: &[f64], axis_format: &dyn Fn(f64) -> String) {
    for &t in ticks {
        let colour = if t == 0.0 { AXIS } else { GRID };
        let x = l.scale.at(t);
        c.line(
            &[(x, l.rows_top - 6.0), (x, l.rows_bottom + 2.0)],
            colour,
            HAIRLINE,
        );
    }
    let mut last_end = f64::NEG_INFINITY;
    for &t in ticks {
        let label = shorten(&clean(&axis_format(t)), 110.0, SMALL_SIZE, false);
        let w = width(&label, SMALL_SIZE, false);
        // Keep the last label inside the chart.
        let x = l.scale.at(t).min(c.right() - w / 2.0);
        if x - w / 2.0 > last_end + 8.0 {
            c.text(
                x,
                l.rows_bottom + 18.0,
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

/// One row centred on `mid`: its name, then its mark and value label.
fn draw_line(c: &mut Canvas, line: &Line, mid: f64, l: &Layout, v: &ValueChart, no_data: &str) {
    let baseline_y = mid + 4.5;
    let margin = c.margin();
    c.text(
        margin,
        baseline_y,
        &shorten(&line.name, l.name_width, BODY_SIZE, false),
        BODY_SIZE,
        INK,
        Face::Regular,
        Anchor::Start,
    );
    let label = shorten(&line.label, l.gutter - 12.0, BODY_SIZE, true);
    // The mark, and where its label starts, in what colour and face.
    let (x, text, colour, face) = match line.row {
        Row::Actual(Some(a)) => {
            let zero = l.scale.at(0.0);
            let end = l.scale.at(a);
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
            (end.max(zero) + 6.0, label, INK, Face::Bold)
        }
        Row::Actual(None) => {
            let text = shorten(no_data, l.plot_x1 - l.plot_x0, BODY_SIZE, false);
            (l.plot_x0 + 4.0, text, NEUTRAL, Face::Italic)
        }
        Row::Target(t) => {
            let x = l.scale.at(t);
            c.diamond((x, mid), 7.0, TARGET_INK);
            (x + 12.0, label, INK, Face::Regular)
        }
        Row::Baseline(b) => {
            let x = l.scale.at(b);
            c.ring((x, mid), 6.0, NEUTRAL, MARK_STROKE);
            (x + 12.0, label, MUTED_INK, Face::Regular)
        }
    };
    c.halo_text(x, baseline_y, &text, BODY_SIZE, colour, face, Anchor::Start);
}
