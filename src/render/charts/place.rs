//! Placing value labels where they overlap nothing: the marks and lines
//! drawn so far, and the labels already placed, are kept as rectangles;
//! each label takes the first of its candidate places that stays inside the
//! plot and touches none of them, or is left out.

use super::canvas::{Anchor, Canvas, Face};
use super::style::{INK, SMALL_SIZE};
use super::text::{shorten, width};

/// A rectangle taken by a mark or a label, to keep labels apart.
#[derive(Debug, Clone, Copy)]
pub(super) struct Area {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Area {
    /// The square of half-side `r` around `(x, y)`.
    pub(super) fn around((x, y): (f64, f64), r: f64) -> Area {
        Area {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    fn overlaps(&self, o: &Area) -> bool {
        self.x0 < o.x1 + 2.0 && o.x0 < self.x1 + 2.0 && self.y0 < o.y1 + 1.0 && o.y0 < self.y1 + 1.0
    }
}

/// A label waiting for a place: its text and the candidate baselines
/// (anchor x, baseline y), tried in order.
pub(super) struct Label {
    pub text: String,
    pub candidates: Vec<(f64, f64, Anchor)>,
}

/// Marks a line through `xy` as taken, sampled every few pixels, so that
/// labels do not sit on it either.
pub(super) fn take_line(taken: &mut Vec<Area>, xy: &[(f64, f64)]) {
    for pair in xy.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let steps = ((x1 - x0).hypot(y1 - y0) / 6.0).ceil().clamp(1.0, 200.0) as usize;
        for k in 1..steps {
            let t = k as f64 / steps as f64;
            let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            taken.push(Area::around((x, y), 1.5));
        }
    }
}

/// Draws `label` at its first candidate place that stays in `bounds` and
/// overlaps nothing taken; leaves it out when there is none.
pub(super) fn place(
    c: &mut Canvas,
    taken: &mut Vec<Area>,
    label: &Label,
    bounds: (f64, f64, f64, f64),
) {
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
