//! What every chart shares: the header (title, subtitle, unit note), the
//! footer (source line), the status colours, and the scale arithmetic.
//!
//! Every chart must be readable on its own, e.g. when shared as a file, so
//! the header and footer are drawn inside the image, not left to the page.

use plotters::style::RGBColor;

use super::canvas::{Anchor, Canvas, Face};
use super::document::Meta;
use super::style::{
    ACCELERATION_FILL, ACHIEVED_FILL, ACHIEVED_INK, BEHIND_FILL, BEHIND_INK, LIMITED_FILL,
    LIMITED_INK, MUTED_INK, NEUTRAL, ON_TRACK_FILL, SMALL_SIZE, SUBTITLE_SIZE, TITLE_INK,
    TITLE_SIZE,
};
use super::text::{wrap, wrap_address};
use super::{ChartText, Form};
use crate::compute::Status;

/// The colour of a bar or mark for `status`.
pub(super) fn status_fill(status: Status) -> RGBColor {
    match status {
        Status::Achieved => ACHIEVED_FILL,
        Status::OnTrack => ON_TRACK_FILL,
        Status::NeedsAcceleration => ACCELERATION_FILL,
        Status::LimitedProgress => LIMITED_FILL,
        Status::Behind | Status::Deterioration => BEHIND_FILL,
        Status::Pending | Status::NoData | Status::NoTarget => NEUTRAL,
    }
}

/// The colour of a text about `status`.
pub(super) fn status_ink(status: Status) -> RGBColor {
    match status {
        Status::Achieved => ACHIEVED_INK,
        Status::OnTrack => ON_TRACK_FILL,
        Status::NeedsAcceleration => ON_TRACK_FILL,
        Status::LimitedProgress => LIMITED_INK,
        Status::Behind | Status::Deterioration => BEHIND_INK,
        Status::Pending | Status::NoData | Status::NoTarget => NEUTRAL,
    }
}

/// "✓ đã đạt": the status as symbol and word, so that it never rests on
/// colour alone.
pub(super) fn status_text(status: Status, label: &str) -> String {
    let label = label.trim();
    if label.is_empty() {
        status.symbol().to_owned()
    } else {
        format!("{} {label}", status.symbol())
    }
}

/// Draws wrapped lines of text starting at `top` (top of the first line's
/// box) and returns the y below the last line. Nothing is drawn, and `top`
/// returned, for an empty text.
#[allow(clippy::too_many_arguments)]
pub(super) fn paragraph(
    canvas: &mut Canvas,
    x: f64,
    top: f64,
    max_width: f64,
    text: &str,
    size: f64,
    line_height: f64,
    max_lines: usize,
    color: RGBColor,
    face: Face,
) -> f64 {
    let lines = wrap(
        &super::text::clean(text),
        max_width,
        size,
        face == Face::Bold,
        max_lines,
    );
    let mut y = top;
    for line in &lines {
        // The baseline sits about 0.8 em below the top of the line box.
        let baseline = y + (line_height - size) / 2.0 + size * 0.8;
        canvas.text(x, baseline, line, size, color, face, Anchor::Start);
        y += line_height;
    }
    y
}

/// Draws title, subtitle and unit note; returns the y where the chart body
/// may start. The narrow form gives each a line more, as it fits fewer
/// words on one.
pub(super) fn header(canvas: &mut Canvas, text: &ChartText) -> f64 {
    let (margin, width) = (canvas.margin(), canvas.inner());
    let more = usize::from(canvas.form == Form::Narrow);
    let mut y = margin;
    y = paragraph(
        canvas,
        margin,
        y,
        width,
        &text.title,
        TITLE_SIZE,
        26.0,
        2 + more,
        TITLE_INK,
        Face::Bold,
    );
    y += 2.0;
    y = paragraph(
        canvas,
        margin,
        y,
        width,
        &text.subtitle,
        SUBTITLE_SIZE,
        20.0,
        2 + more,
        MUTED_INK,
        Face::Regular,
    );
    y = paragraph(
        canvas,
        margin,
        y,
        width,
        &text.unit_note,
        SMALL_SIZE + 1.0,
        18.0,
        3 + more,
        MUTED_INK,
        Face::Regular,
    );
    y + 14.0
}

/// The lines of the source line, then those of the chart's address and
/// licence.
fn footer_lines(canvas: &Canvas, text: &ChartText) -> Vec<String> {
    let lines = if canvas.form == Form::Narrow { 4 } else { 2 };
    let mut all = wrap(
        &super::text::clean(&text.source_line),
        canvas.inner(),
        SMALL_SIZE,
        false,
        lines,
    );
    all.extend(wrap_address(
        &super::text::clean(&text.address),
        &super::text::clean(&text.license),
        canvas.inner(),
        SMALL_SIZE,
    ));
    all
}

/// Draws the source line, the address and the licence below
/// `body_bottom` and returns the total height of the chart.
pub(super) fn footer(canvas: &mut Canvas, text: &ChartText, body_bottom: f64) -> f64 {
    let lines = footer_lines(canvas, text);
    let margin = canvas.margin();
    let mut y = body_bottom + 20.0;
    for line in &lines {
        canvas.text(
            margin,
            y + SMALL_SIZE * 0.8,
            line,
            SMALL_SIZE,
            MUTED_INK,
            Face::Regular,
            Anchor::Start,
        );
        y += 16.0;
    }
    y + margin - 8.0
}

/// Draws the canvas into the final SVG document of `height` pixels.
pub(super) fn finish(c: Canvas, height: f64, text: &ChartText) -> String {
    c.finish(
        height,
        &Meta {
            id_prefix: &text.id_prefix,
            lang: &text.lang,
            title: &text.title,
            desc: &text.desc,
        },
    )
}

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub from: f64,
    pub to: f64,
}

impl Scale {
    /// The pixel of `v`, clamped to the drawing range so that no mark ever
    /// leaves its area.
    pub(super) fn at(&self, v: f64) -> f64 {
        let span = self.hi - self.lo;
        let t = if span > 0.0 && span.is_finite() && v.is_finite() {
            ((v - self.lo) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.from + t * (self.to - self.from)
    }
}

/// Finite, and of a size the chart arithmetic handles without overflow.
pub(super) fn usable(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite() && v.abs() <= 1e100)
}

/// A "nice" axis over `[lo, hi]`: the extended bounds and the tick values,
/// on steps of 1, 2, 2.5 or 5 times a power of ten, aiming at about
/// `target_ticks` ticks. Always returns a non-empty span and at most a few
/// dozen ticks, whatever the input.
pub(super) fn nice_ticks(lo: f64, hi: f64, target_ticks: usize) -> (f64, f64, Vec<f64>) {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        // One value: show it in the middle of a span around it.
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.5 };
        if lo >= 0.0 {
            lo = 0.0_f64.min(lo);
            hi += pad;
        } else {
            lo -= pad;
            hi += pad;
        }
    }
    let raw_step = (hi - lo) / target_ticks.max(1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw_step)
        .unwrap_or(10.0 * magnitude);
    if !(step.is_finite() && step > 0.0) {
        return (lo, hi, vec![lo, hi]);
    }
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let count = (last - first).clamp(1.0, 40.0) as usize;
    let ticks: Vec<f64> = (0..=count)
        .map(|i| {
            let v = (first + i as f64) * step;
            // Avoid "-0" and binary noise such as 0.30000000000000004.
            let v = (v / step).round() * step;
            if v == 0.0 {
                0.0
            } else {
                v
            }
        })
        .collect();
    let lo = ticks.first().copied().unwrap_or(lo);
    let hi = ticks.last().copied().unwrap_or(hi);
    (lo, hi, ticks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: RGBColor) -> f64 {
        let lin = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    fn contrast_on_white(c: RGBColor) -> f64 {
        1.05 / (luminance(c) + 0.05)
    }

    #[test]
    fn text_colours_are_readable_on_white() {
        for s in Status::ALL {
            let c = contrast_on_white(status_ink(s));
            assert!(c >= 4.5, "{s:?}: {c}");
            let c = contrast_on_white(status_fill(s));
            assert!(c >= 3.0, "{s:?} fill: {c}");
        }
        for c in [MUTED_INK, NEUTRAL, TITLE_INK, super::super::style::INK] {
            assert!(contrast_on_white(c) >= 4.5);
        }
    }

    #[test]
    fn nice_ticks_cover_and_terminate() {
        let (lo, hi, t) = nice_ticks(0.0, 11.27, 5);
        assert_eq!(lo, 0.0);
        assert!(hi >= 11.27);
        assert!(t.len() >= 3 && t.len() <= 8, "{t:?}");
        for (a, b) in [
            (f64::NAN, 1.0),
            (0.0, f64::INFINITY),
            (5.0, 5.0),
            (0.0, 0.0),
            (-3.0, -3.0),
            (0.0, 1e15),
            (-1e100, 1e100),
            (1e-300, 2e-300),
        ] {
            let (lo, hi, t) = nice_ticks(a, b, 5);
            assert!(lo < hi, "{a} {b}");
            assert!(!t.is_empty() && t.len() <= 41, "{a} {b}");
        }
    }

    #[test]
    fn scale_clamps() {
        let s = Scale {
            lo: 0.0,
            hi: 10.0,
            from: 100.0,
            to: 200.0,
        };
        assert_eq!(s.at(5.0), 150.0);
        assert_eq!(s.at(50.0), 200.0);
        assert_eq!(s.at(f64::NAN), 100.0);
    }
}
