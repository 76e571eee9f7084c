//! One indicator across sessions, on a time axis.
//!
//! Actuals are filled dots joined by a line, one line per series (scope);
//! targets are hollow diamonds at their due dates, so that a reader sees
//! both where the indicator went and where it was meant to go. Value labels
//! are placed where they do not overlap ([`super::place`]); the latest
//! value of each series and the targets get a label first. The axes are in
//! [`super::history_axes`].

use chrono::NaiveDate;
use plotters::style::RGBColor;

use super::canvas::{Anchor, Canvas, Face};
use super::frame::{finish, footer, header, usable};
use super::history_axes::{time_axis, Plot};
use super::place::{place, take_line, Area, Label};
use super::style::{
    AXIS, BODY_SIZE, HAIRLINE, INK, MARK_STROKE, NEUTRAL, SERIES, SMALL_SIZE, TARGET_INK,
};
use super::text::{capitalize, clean, shorten, width};
use super::{ChartText, Form, HistoryMarks, HistoryPoint};

fn series_colour(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// The series (scopes) of a history, by cleaned name, in order of first
/// appearance.
struct Series(Vec<String>);

impl Series {
    fn of(points: &[HistoryPoint]) -> Series {
        let mut names: Vec<String> = Vec::new();
        for p in points {
            let name = clean(&p.series);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        Series(names)
    }

    /// The index of the series `p` belongs to.
    fn index(&self, p: &HistoryPoint) -> usize {
        let name = clean(&p.series);
        self.0.iter().position(|s| *s == name).unwrap_or(0)
    }
}

/// One target marker, drawn once however many sessions repeat it.
struct TargetMark {
    series: usize,
    date: NaiveDate,
    value: f64,
    label: String,
}

/// The targets of the points, each (series, due date, value) once.
fn target_marks(points: &[HistoryPoint], series: &Series) -> Vec<TargetMark> {
    let mut targets: Vec<TargetMark> = Vec::new();
    for p in points {
        let Some(value) = usable(p.target) else {
            continue;
        };
        let s = series.index(p);
        let date = p.target_date.unwrap_or(p.date);
        let seen = targets
            .iter()
            .any(|t| t.series == s && t.date == date && t.value.to_bits() == value.to_bits());
        if !seen {
            let label = p.target_label.as_deref().map(clean).unwrap_or_default();
            targets.push(TargetMark {
                series: s,
                date,
                value,
                label,
            });
        }
    }
    targets
}

/// Renders the history of one indicator in `form`. `value_axis_format` writes the
/// value axis ticks (e.g. `|v| format!("{v}%")` with the locale's decimal
/// comma). Zero points draw the "no data yet" chart.
#[cfg(test)]
pub fn history(
    text: &ChartText,
    points: &[HistoryPoint],
    value_axis_format: &dyn Fn(f64) -> String,
    form: Form,
) -> String {
    history_marked(
        text,
        points,
        &HistoryMarks::default(),
        value_axis_format,
        form,
    )
}

/// [`history`], with the baselines, the changes of target and of
/// definition, and the due dates of `extra` marked.
pub fn history_marked(
    text: &ChartText,
    points: &[HistoryPoint],
    extra: &HistoryMarks,
    value_axis_format: &dyn Fn(f64) -> String,
    form: Form,
) -> String {
    let mut c = Canvas::new(form);
    let y = header(&mut c, text);
    let series = Series::of(points);
    let targets = target_marks(points, &series);
    let actuals: Vec<&HistoryPoint> = points
        .iter()
        .filter(|p| usable(p.actual).is_some())
        .collect();
    let baselines: Vec<(usize, NaiveDate, f64, String)> = extra
        .baselines
        .iter()
        .filter_map(|b| {
            let v = usable(Some(b.value))?;
            let s = series.0.iter().position(|n| *n == clean(&b.series))?;
            Some((s, b.date, v, clean(&b.label)))
        })
        .collect();
    if actuals.is_empty() && targets.is_empty() && baselines.is_empty() {
        return no_data_yet(c, text, y);
    }

    let legend_bottom = legend(
        &mut c,
        text,
        &series.0,
        !targets.is_empty(),
        !actuals.is_empty(),
        !baselines.is_empty(),
        y,
    );
    let mut marks: Vec<(NaiveDate, f64)> = actuals
        .iter()
        .filter_map(|p| Some((p.date, usable(p.actual)?)))
        .chain(targets.iter().map(|t| (t.date, t.value)))
        .chain(baselines.iter().map(|b| (b.1, b.2)))
        .collect();
    // The dates of the lines that mark a change are in view too, at the
    // height of a mark already there.
    if let Some(&(_, v)) = marks.first() {
        let dates = extra.changes.iter().map(|ch| ch.date);
        let dates = dates.chain(extra.definitions.iter().copied());
        let lines: Vec<(NaiveDate, f64)> = dates.map(|d| (d, v)).collect();
        marks.extend(lines);
    }
    let plot = Plot::draw(&mut c, &marks, value_axis_format, legend_bottom);
    time_axis(
        &mut c,
        points,
        &extra.due_ticks,
        &plot.xs,
        plot.bottom,
        plot.span_days,
    );

    // Marks: the lines of changes behind, then the series' lines, then
    // dots, then baselines and targets on top.
    let mut taken: Vec<Area> = Vec::new();
    let mut line_labels = draw_changes(&mut c, extra, &text.words, &plot);
    let (latest, mut labels) = draw_series(&mut c, &series, &actuals, &plot, &mut taken);
    labels.extend(draw_baselines(
        &mut c,
        &baselines,
        &clean(&text.words.baseline),
        &plot,
        &mut taken,
    ));
    let target_labels = draw_targets(
        &mut c,
        &targets,
        &clean(&text.words.target),
        &plot,
        &mut taken,
    );

    // Latest values first, then targets, then the rest from the newest back.
    labels.reverse();
    let bounds = (plot.x0, plot.top - 4.0, c.right(), plot.bottom - 2.0);
    line_labels.extend(latest);
    for label in line_labels.into_iter().chain(target_labels).chain(labels) {
        place(&mut c, &mut taken, &label, bounds);
    }

    let height = footer(&mut c, text, plot.bottom + 30.0);
    finish(c, height, text)
}

/// Draws the lines that mark a change of target (dashed, with an arrow
/// from the target before to the one after) and of definition (dotted);
/// returns their labels, to be placed first.
fn draw_changes(
    c: &mut Canvas,
    extra: &HistoryMarks,
    words: &super::ChartWords,
    plot: &Plot,
) -> Vec<Label> {
    let mut labels = Vec::new();
    let mut vertical = |c: &mut Canvas, date: NaiveDate, word: &str, colour: RGBColor| {
        let (x, _) = plot.at(date, 0.0);
        c.dashed(&[(x, plot.top), (x, plot.bottom)], colour, HAIRLINE);
        let word = capitalize(&clean(word));
        if !word.is_empty() {
            labels.push(Label {
                text: word,
                candidates: vec![
                    (x + 4.0, plot.top + 8.0, Anchor::Start),
                    (x - 4.0, plot.top + 8.0, Anchor::End),
                    (x + 4.0, plot.top + 24.0, Anchor::Start),
                    (x - 4.0, plot.top + 24.0, Anchor::End),
                ],
            });
        }
    };
    let mut seen: Vec<NaiveDate> = Vec::new();
    for ch in &extra.changes {
        if !seen.contains(&ch.date) {
            seen.push(ch.date);
            vertical(c, ch.date, &words.target_changed, TARGET_INK);
        }
    }
    for &d in &extra.definitions {
        vertical(c, d, &words.definition_changed, NEUTRAL);
    }
    for ch in &extra.changes {
        let (Some(a), Some(b)) = (usable(Some(ch.from.1)), usable(Some(ch.to.1))) else {
            continue;
        };
        let (x0, y0) = plot.at(ch.from.0, a);
        let (x1, y1) = plot.at(ch.to.0, b);
        c.dashed(&[(x0, y0), (x1, y1)], TARGET_INK, HAIRLINE);
        // The arrow's head, at the target after.
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt();
        if len > 14.0 {
            let (ux, uy) = (dx / len, dy / len);
            // The tip stops at the diamond after; the head is 8 long.
            let tip = (x1 - ux * 7.0, y1 - uy * 7.0);
            let base = (tip.0 - ux * 8.0, tip.1 - uy * 8.0);
            let side = (-uy * 4.0, ux * 4.0);
            c.polygon(
                &[
                    tip,
                    (base.0 + side.0, base.1 + side.1),
                    (base.0 - side.0, base.1 - side.1),
                ],
                TARGET_INK,
            );
        }
    }
    labels
}

/// Draws the baselines as hollow rings, marking them taken; returns their
/// labels ("mức cơ sở 17%").
fn draw_baselines(
    c: &mut Canvas,
    baselines: &[(usize, NaiveDate, f64, String)],
    word: &str,
    plot: &Plot,
    taken: &mut Vec<Area>,
) -> Vec<Label> {
    let mut labels = Vec::new();
    let mut seen: Vec<(usize, NaiveDate, u64)> = Vec::new();
    for (s, date, value, label) in baselines {
        let key = (*s, *date, value.to_bits());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let (x, y) = plot.at(*date, *value);
        c.ring((x, y), 5.0, series_colour(*s), MARK_STROKE);
        taken.push(Area::around((x, y), 6.0));
        labels.push(Label {
            text: format!("{word} {label}").trim().to_owned(),
            candidates: vec![
                (x, y + 19.0, Anchor::Middle),
                (x, y - 10.0, Anchor::Middle),
                (x + 9.0, y + 4.0, Anchor::Start),
                (x - 9.0, y + 4.0, Anchor::End),
            ],
        });
    }
    labels
}

/// The chart of a history without a single mark: a dashed empty box that
/// says so.
fn no_data_yet(mut c: Canvas, text: &ChartText, y: f64) -> String {
    let top = y + 4.0;
    let bottom = top + 140.0;
    let (x0, x1) = (c.margin(), c.right());
    c.dashed(
        &[(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)],
        AXIS,
        HAIRLINE,
    );
    c.text(
        c.width() / 2.0,
        (top + bottom) / 2.0 + 5.0,
        &capitalize(&clean(&text.words.no_data_yet)),
        BODY_SIZE + 2.0,
        NEUTRAL,
        Face::Italic,
        Anchor::Middle,
    );
    let height = footer(&mut c, text, bottom);
    finish(c, height, text)
}

/// Draws each series' line and dots, marking them taken; returns the labels
/// of the latest points, and of the others in date order.
fn draw_series(
    c: &mut Canvas,
    series: &Series,
    actuals: &[&HistoryPoint],
    plot: &Plot,
    taken: &mut Vec<Area>,
) -> (Vec<Label>, Vec<Label>) {
    let mut labels: Vec<Label> = Vec::new();
    let mut latest: Vec<Label> = Vec::new();
    for s in 0..series.0.len() {
        let mut pts: Vec<&HistoryPoint> = actuals
            .iter()
            .copied()
            .filter(|p| series.index(p) == s)
            .collect();
        pts.sort_by_key(|p| p.date);
        let xy: Vec<(f64, f64)> = pts
            .iter()
            .map(|p| plot.at(p.date, p.actual.unwrap_or(0.0)))
            .collect();
        c.line(&xy, series_colour(s), MARK_STROKE);
        // The line is an obstacle for labels too.
        take_line(taken, &xy);
        for (i, (p, &(x, y))) in pts.iter().zip(&xy).enumerate() {
            c.dot((x, y), 4.5, series_colour(s));
            taken.push(Area::around((x, y), 5.0));
            let label = Label {
                text: clean(&p.actual_label),
                candidates: vec![
                    (x, y - 10.0, Anchor::Middle),
                    (x, y + 19.0, Anchor::Middle),
                    (x + 9.0, y + 4.0, Anchor::Start),
                    (x - 9.0, y + 4.0, Anchor::End),
                ],
            };
            if i + 1 == pts.len() {
                latest.push(label);
            } else {
                labels.push(label);
            }
        }
    }
    (latest, labels)
}

/// Draws the target diamonds, marking them taken; returns their labels
/// ("mục tiêu 7% (2025)"), in the targets' order.
fn draw_targets(
    c: &mut Canvas,
    targets: &[TargetMark],
    target_word: &str,
    plot: &Plot,
    taken: &mut Vec<Area>,
) -> Vec<Label> {
    let mut target_labels = Vec::new();
    for t in targets {
        let (x, y) = plot.at(t.date, t.value);
        c.hollow_diamond((x, y), 6.0, series_colour(t.series), MARK_STROKE);
        taken.push(Area::around((x, y), 7.0));
        let text = if t.label.is_empty() {
            String::new()
        } else {
            format!("{target_word} {}", t.label).trim().to_owned()
        };
        target_labels.push(Label {
            text,
            candidates: vec![
                (x, y - 12.0, Anchor::Middle),
                (x, y + 21.0, Anchor::Middle),
                (x - 11.0, y + 4.0, Anchor::End),
                (x + 11.0, y + 4.0, Anchor::Start),
            ],
        });
    }
    target_labels
}

/// The legend: one entry per named series, or one for the actuals, and one
/// for the targets. Returns the y below it.
fn legend(
    c: &mut Canvas,
    text: &ChartText,
    series: &[String],
    has_targets: bool,
    has_actuals: bool,
    has_baselines: bool,
    y: f64,
) -> f64 {
    let words = &text.words;
    let mid = y + 6.0;
    let baseline = mid + 4.0;
    let margin = c.margin();
    let mut x = margin;
    let mut entries: Vec<(String, RGBColor)> = Vec::new();
    if has_actuals {
        let named = series.len() > 1 || series.iter().any(|s| !s.is_empty());
        if named {
            for (i, s) in series.iter().enumerate() {
                entries.push((s.clone(), series_colour(i)));
            }
        } else {
            entries.push((capitalize(&clean(&words.actual)), series_colour(0)));
        }
    }
    let right = c.right();
    let mut row_mid = mid;
    let mut row_base = baseline;
    let advance = |x: &mut f64, w: f64, row_mid: &mut f64, row_base: &mut f64| {
        if *x + w > right && *x > margin {
            *x = margin;
            *row_mid += 20.0;
            *row_base += 20.0;
        }
    };
    for (name, colour) in entries {
        let name = shorten(&name, 220.0, SMALL_SIZE, false);
        let w = 28.0 + width(&name, SMALL_SIZE, false);
        advance(&mut x, w, &mut row_mid, &mut row_base);
        c.line(&[(x, row_mid), (x + 18.0, row_mid)], colour, MARK_STROKE);
        c.dot((x + 9.0, row_mid), 4.0, colour);
        c.text(
            x + 24.0,
            row_base,
            &name,
            SMALL_SIZE,
            INK,
            Face::Regular,
            Anchor::Start,
        );
        x += w + 18.0;
    }
    let target = capitalize(&clean(&words.target));
    if has_targets && !target.is_empty() {
        let w = 20.0 + width(&target, SMALL_SIZE, false);
        advance(&mut x, w, &mut row_mid, &mut row_base);
        c.hollow_diamond((x + 6.0, row_mid), 5.0, TARGET_INK, MARK_STROKE);
        c.text(
            x + 18.0,
            row_base,
            &target,
            SMALL_SIZE,
            INK,
            Face::Regular,
            Anchor::Start,
        );
        x += w + 18.0;
    }
    let baseline = capitalize(&clean(&words.baseline));
    if has_baselines && !baseline.is_empty() {
        let w = 20.0 + width(&baseline, SMALL_SIZE, false);
        advance(&mut x, w, &mut row_mid, &mut row_base);
        c.ring((x + 6.0, row_mid), 4.0, TARGET_INK, MARK_STROKE);
        c.text(
            x + 18.0,
            row_base,
            &baseline,
            SMALL_SIZE,
            INK,
            Face::Regular,
            Anchor::Start,
        );
    }
    row_mid + 10.0
}
