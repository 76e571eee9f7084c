//! One indicator across sessions, on a time axis.
//!
//! Actuals are filled dots joined by a line, one line per series (scope);
//! targets are hollow diamonds at their due dates, so that a reader sees
//! both where the indicator went and where it was meant to go. Value labels
//! are placed where they do not overlap; the latest value of each series
//! and the targets get a label first.

use chrono::{Datelike, NaiveDate};
use plotters::style::RGBColor;

use super::canvas::{Anchor, Canvas, Face};
use super::frame::{finish, footer, header, nice_ticks, usable, Scale};
use super::style::{
    AXIS, BODY_SIZE, GRID, HAIRLINE, INK, MARGIN, MARK_STROKE, MUTED_INK, NEUTRAL, SERIES,
    SMALL_SIZE, TARGET_INK, WIDTH,
};
use super::text::{capitalize, clean, shorten, width};
use super::{ChartText, HistoryPoint};

/// Height of the plot area.
const PLOT_HEIGHT: f64 = 260.0;

fn series_colour(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// Days since the common era, as the time coordinate.
fn day(d: NaiveDate) -> f64 {
    d.num_days_from_ce() as f64
}

/// A rectangle taken by a mark or a label, to keep labels apart.
#[derive(Debug, Clone, Copy)]
struct Area {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Area {
    fn overlaps(&self, o: &Area) -> bool {
        self.x0 < o.x1 + 2.0 && o.x0 < self.x1 + 2.0 && self.y0 < o.y1 + 1.0 && o.y0 < self.y1 + 1.0
    }
}

/// A label waiting for a place: its text and the candidate baselines
/// (anchor x, baseline y), tried in order.
struct Label {
    text: String,
    candidates: Vec<(f64, f64, Anchor)>,
}

/// One target marker, drawn once however many sessions repeat it.
struct TargetMark {
    series: usize,
    date: NaiveDate,
    value: f64,
    label: String,
}

/// Renders the history of one indicator. `value_axis_format` writes the
/// value axis ticks (e.g. `|v| format!("{v}%")` with the locale's decimal
/// comma). Zero points draw the "no data yet" chart.
pub fn history(
    text: &ChartText,
    points: &[HistoryPoint],
    value_axis_format: &dyn Fn(f64) -> String,
) -> String {
    let mut c = Canvas::new();
    let y = header(&mut c, text);
    let words = &text.words;

    // Series in order of first appearance.
    let mut series: Vec<String> = Vec::new();
    for p in points {
        let name = clean(&p.series);
        if !series.contains(&name) {
            series.push(name);
        }
    }
    let series_of = |p: &HistoryPoint| {
        let name = clean(&p.series);
        series.iter().position(|s| *s == name).unwrap_or(0)
    };

    // Targets, each (series, due date, value) once.
    let mut targets: Vec<TargetMark> = Vec::new();
    for p in points {
        let Some(value) = usable(p.target) else {
            continue;
        };
        let s = series_of(p);
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
    let actuals: Vec<&HistoryPoint> = points
        .iter()
        .filter(|p| usable(p.actual).is_some())
        .collect();

    if actuals.is_empty() && targets.is_empty() {
        let top = y + 4.0;
        let bottom = top + 140.0;
        let (x0, x1) = (MARGIN, WIDTH - MARGIN);
        c.dashed(
            &[(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)],
            AXIS,
            HAIRLINE,
        );
        c.text(
            WIDTH / 2.0,
            (top + bottom) / 2.0 + 5.0,
            &capitalize(&clean(&words.no_data_yet)),
            BODY_SIZE + 2.0,
            NEUTRAL,
            Face::Italic,
            Anchor::Middle,
        );
        let height = footer(&mut c, text, bottom);
        return finish(c, height, text);
    }

    let legend_bottom = legend(
        &mut c,
        text,
        &series,
        !targets.is_empty(),
        !actuals.is_empty(),
        y,
    );

    // Value axis.
    let values = actuals
        .iter()
        .filter_map(|p| usable(p.actual))
        .chain(targets.iter().map(|t| t.value));
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
        .min(120.0);
    let plot_x0 = MARGIN + label_width + 10.0;
    let plot_x1 = WIDTH - MARGIN - 8.0;
    let top = legend_bottom + 14.0;
    let bottom = top + PLOT_HEIGHT;
    let ys = Scale {
        lo,
        hi,
        from: bottom,
        to: top,
    };

    // Time axis, padded so that the first and last marks are not on the edge.
    let dates = actuals
        .iter()
        .map(|p| day(p.date))
        .chain(targets.iter().map(|t| day(t.date)));
    let (d0, d1) = dates.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), d| {
        (a.min(d), b.max(d))
    });
    let pad = ((d1 - d0) * 0.06).max(45.0);
    let xs = Scale {
        lo: d0 - pad,
        hi: d1 + pad,
        from: plot_x0 + 10.0,
        to: plot_x1 - 10.0,
    };

    for (&t, label) in ticks.iter().zip(&tick_labels) {
        let y = ys.at(t);
        let colour = if t == 0.0 { AXIS } else { GRID };
        c.line(&[(plot_x0, y), (plot_x1, y)], colour, HAIRLINE);
        c.text(
            plot_x0 - 8.0,
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
        c.line(&[(plot_x0, bottom), (plot_x1, bottom)], AXIS, HAIRLINE);
    }
    time_axis(&mut c, points, &xs, bottom, d1 - d0);

    // Marks: lines, then dots, then targets on top.
    let mut taken: Vec<Area> = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    let mut latest: Vec<Label> = Vec::new();
    for (s, _) in series.iter().enumerate() {
        let mut pts: Vec<&HistoryPoint> = actuals
            .iter()
            .copied()
            .filter(|p| series_of(p) == s)
            .collect();
        pts.sort_by_key(|p| p.date);
        let xy: Vec<(f64, f64)> = pts
            .iter()
            .map(|p| (xs.at(day(p.date)), ys.at(p.actual.unwrap_or(0.0))))
            .collect();
        c.line(&xy, series_colour(s), MARK_STROKE);
        // The line is an obstacle for labels too: sample it every few pixels.
        for pair in xy.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let steps = ((x1 - x0).hypot(y1 - y0) / 6.0).ceil().clamp(1.0, 200.0) as usize;
            for k in 1..steps {
                let t = k as f64 / steps as f64;
                let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                taken.push(Area {
                    x0: x - 1.5,
                    y0: y - 1.5,
                    x1: x + 1.5,
                    y1: y + 1.5,
                });
            }
        }
        for (i, (p, &(x, y))) in pts.iter().zip(&xy).enumerate() {
            c.dot((x, y), 4.5, series_colour(s));
            taken.push(Area {
                x0: x - 5.0,
                y0: y - 5.0,
                x1: x + 5.0,
                y1: y + 5.0,
            });
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
    let target_word = clean(&words.target);
    let mut target_labels = Vec::new();
    for t in &targets {
        let (x, y) = (xs.at(day(t.date)), ys.at(t.value));
        c.hollow_diamond((x, y), 6.0, series_colour(t.series), MARK_STROKE);
        taken.push(Area {
            x0: x - 7.0,
            y0: y - 7.0,
            x1: x + 7.0,
            y1: y + 7.0,
        });
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

    // Latest values first, then targets, then the rest from the newest back.
    labels.reverse();
    let bounds = (plot_x0, top - 4.0, WIDTH - MARGIN, bottom - 2.0);
    for label in latest.into_iter().chain(target_labels).chain(labels) {
        place(&mut c, &mut taken, &label, bounds);
    }

    let height = footer(&mut c, text, bottom + 30.0);
    finish(c, height, text)
}

/// Draws `label` at its first candidate place that stays in `bounds` and
/// overlaps nothing taken; leaves it out when there is none.
fn place(c: &mut Canvas, taken: &mut Vec<Area>, label: &Label, bounds: (f64, f64, f64, f64)) {
    if label.text.is_empty() {
        return;
    }
    let text = shorten(&label.text, 200.0, SMALL_SIZE, false);
    let w = width(&text, SMALL_SIZE, false);
    for &(x, y, anchor) in &label.candidates {
        let x0 = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        // Slide a centred label sideways rather than let it leave the plot.
        let shift = match anchor {
            Anchor::Middle => (bounds.0 - x0).max(0.0) - (x0 + w - bounds.2).max(0.0),
            _ => 0.0,
        };
        let area = Area {
            x0: x0 + shift,
            y0: y - SMALL_SIZE * 0.8,
            x1: x0 + shift + w,
            y1: y + SMALL_SIZE * 0.2,
        };
        let inside = area.x0 >= bounds.0 - 0.5
            && area.x1 <= bounds.2 + 0.5
            && area.y0 >= bounds.1
            && area.y1 <= bounds.3;
        if inside && !taken.iter().any(|t| t.overlaps(&area)) {
            c.halo_text(x + shift, y, &text, SMALL_SIZE, INK, Face::Regular, anchor);
            taken.push(area);
            return;
        }
    }
}

/// The legend: one entry per named series, or one for the actuals, and one
/// for the targets. Returns the y below it.
fn legend(
    c: &mut Canvas,
    text: &ChartText,
    series: &[String],
    has_targets: bool,
    has_actuals: bool,
    y: f64,
) -> f64 {
    let words = &text.words;
    let mid = y + 6.0;
    let baseline = mid + 4.0;
    let mut x = MARGIN;
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
    let right = WIDTH - MARGIN;
    let mut row_mid = mid;
    let mut row_base = baseline;
    let advance = |x: &mut f64, w: f64, row_mid: &mut f64, row_base: &mut f64| {
        if *x + w > right && *x > MARGIN {
            *x = MARGIN;
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
    }
    row_mid + 10.0
}

/// Ticks and labels of the time axis: years when the history spans two
/// years or more, else the session dates as the caller wrote them. Labels
/// that would overlap are left out.
fn time_axis(c: &mut Canvas, points: &[HistoryPoint], xs: &Scale, bottom: f64, span_days: f64) {
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
            .filter(|(_, l)| !l.is_empty())
            .collect();
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
        if x - w / 2.0 > last_end + 10.0 && x + w / 2.0 <= WIDTH - 4.0 {
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
