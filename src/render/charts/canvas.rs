//! The drawing surface shared by all charts.
//!
//! A chart lays itself out into a [`Canvas`], a list of shapes in pixel
//! coordinates, each with the few SVG attributes plotters cannot express.
//! Every label goes through [`clean`] here, and every coordinate through
//! [`px`], so no caller can put a control character or a runaway number
//! into a document. Only when the layout is done (and so the height known)
//! does [`super::document`] draw the shapes into the SVG document.

use plotters::style::RGBColor;

use super::style::{BACKGROUND, DASH, HALO_WIDTH};
use super::text::clean;
use super::web::Extra;
use super::Form;

/// How a text is anchored horizontally at its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// The weight or slant of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Face {
    Regular,
    Bold,
    Italic,
}

/// One thing to draw, in pixels.
#[derive(Debug, Clone)]
pub(super) enum Shape {
    Rect {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        fill: RGBColor,
    },
    Path {
        points: Vec<(i32, i32)>,
        color: RGBColor,
        width: u32,
    },
    Circle {
        center: (i32, i32),
        radius: u32,
        color: RGBColor,
        filled: bool,
        width: u32,
    },
    Polygon {
        points: Vec<(i32, i32)>,
        color: RGBColor,
    },
    Text {
        at: (i32, i32),
        text: String,
        size: f64,
        color: RGBColor,
        face: Face,
        anchor: Anchor,
    },
}

/// A pixel coordinate: rounded, and kept finite and within reason so that a
/// hostile number can neither panic nor blow up the file.
pub(super) fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-100_000.0, 100_000.0) as i32
    } else {
        0
    }
}

/// The shapes of one chart, in drawing order.
#[derive(Debug)]
pub(super) struct Canvas {
    pub(super) shapes: Vec<Shape>,
    /// The attributes plotters cannot express, one entry per shape.
    pub(super) extras: Vec<Extra>,
    /// The form the chart is drawn in, which sets its width and margin.
    pub(super) form: Form,
}

impl Canvas {
    pub(super) fn new(form: Form) -> Self {
        Canvas {
            shapes: Vec::new(),
            extras: Vec::new(),
            form,
        }
    }

    /// The width of the chart.
    pub(super) fn width(&self) -> f64 {
        self.form.width()
    }

    /// The outer margin of the chart.
    pub(super) fn margin(&self) -> f64 {
        self.form.margin()
    }

    /// The right edge of the chart's content, inside the margin.
    pub(super) fn right(&self) -> f64 {
        self.width() - self.margin()
    }

    /// The width of the chart inside its margins.
    pub(super) fn inner(&self) -> f64 {
        self.width() - 2.0 * self.margin()
    }

    fn push(&mut self, shape: Shape, extra: Extra) {
        self.shapes.push(shape);
        self.extras.push(extra);
    }

    /// A filled rectangle between two corners, in any order. Empty
    /// rectangles are left out: they would be invisible.
    pub(super) fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: RGBColor) {
        self.rect_with(x0, y0, x1, y1, fill, Vec::new());
    }

    /// A filled rectangle with a `class`, for the marks that carry data
    /// (bars), so that pages and tests can find them.
    pub(super) fn bar(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: RGBColor,
        class: String,
    ) {
        self.rect_with(x0, y0, x1, y1, fill, vec![("class", class)]);
    }

    fn rect_with(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: RGBColor, extra: Extra) {
        let (ax, bx) = (px(x0.min(x1)), px(x0.max(x1)));
        let (ay, by) = (px(y0.min(y1)), px(y0.max(y1)));
        if bx > ax && by > ay {
            self.push(
                Shape::Rect {
                    x0: ax,
                    y0: ay,
                    x1: bx,
                    y1: by,
                    fill,
                },
                extra,
            );
        }
    }

    fn path(&mut self, points: &[(f64, f64)], color: RGBColor, width: u32, extra: Extra) {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        if points.len() >= 2 && points.iter().any(|p| *p != points[0]) {
            self.push(
                Shape::Path {
                    points,
                    color,
                    width,
                },
                extra,
            );
        }
    }

    /// A solid line through `points`.
    pub(super) fn line(&mut self, points: &[(f64, f64)], color: RGBColor, width: u32) {
        self.path(
            points,
            color,
            width,
            vec![("stroke-linejoin", "round".into())],
        );
    }

    /// A dashed line through `points`, for reference lines such as the target.
    pub(super) fn dashed(&mut self, points: &[(f64, f64)], color: RGBColor, width: u32) {
        self.path(
            points,
            color,
            width,
            vec![("stroke-dasharray", DASH.into())],
        );
    }

    /// A filled disc.
    pub(super) fn dot(&mut self, center: (f64, f64), radius: f64, color: RGBColor) {
        self.circle(center, radius, color, true, 1);
    }

    /// A hollow ring.
    pub(super) fn ring(&mut self, center: (f64, f64), radius: f64, color: RGBColor, width: u32) {
        self.circle(center, radius, color, false, width);
    }

    fn circle(
        &mut self,
        center: (f64, f64),
        radius: f64,
        color: RGBColor,
        filled: bool,
        width: u32,
    ) {
        let radius = px(radius).max(1) as u32;
        self.push(
            Shape::Circle {
                center: (px(center.0), px(center.1)),
                radius,
                color,
                filled,
                width,
            },
            Vec::new(),
        );
    }

    /// A filled polygon.
    pub(super) fn polygon(&mut self, points: &[(f64, f64)], color: RGBColor) {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        if points.len() >= 3 {
            self.push(Shape::Polygon { points, color }, Vec::new());
        }
    }

    /// A filled diamond of half-diagonal `r` around `c`, with a white halo
    /// so that it stays visible on top of a bar of any colour.
    pub(super) fn diamond(&mut self, c: (f64, f64), r: f64, color: RGBColor) {
        self.polygon(&diamond_points(c, r + 2.0), BACKGROUND);
        self.polygon(&diamond_points(c, r), color);
    }

    /// A hollow diamond of half-diagonal `r` around `c`.
    pub(super) fn hollow_diamond(&mut self, c: (f64, f64), r: f64, color: RGBColor, width: u32) {
        let mut points = diamond_points(c, r).to_vec();
        points.push(points[0]);
        // A white fill first, so that lines behind the marker do not show
        // through and the marker reads as hollow.
        self.polygon(&diamond_points(c, r), BACKGROUND);
        self.path(
            &points,
            color,
            width,
            vec![("stroke-linejoin", "miter".into())],
        );
    }

    /// One line of text with its baseline at `y`. The text is cleaned here,
    /// so every label from the caller goes through the same filter; empty
    /// texts are left out.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        color: RGBColor,
        face: Face,
        anchor: Anchor,
    ) {
        self.text_with(x, y, text, size, color, face, anchor, Vec::new());
    }

    /// Like [`Canvas::text`], with a white outline drawn under the letters,
    /// for labels that may cross grid or reference lines: the lines stop
    /// short of the letters instead of striking through them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn halo_text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        color: RGBColor,
        face: Face,
        anchor: Anchor,
    ) {
        let halo = vec![
            ("stroke", super::web::hex(BACKGROUND)),
            ("stroke-width", HALO_WIDTH.to_string()),
            ("stroke-linejoin", "round".to_owned()),
            ("paint-order", "stroke".to_owned()),
        ];
        self.text_with(x, y, text, size, color, face, anchor, halo);
    }

    #[allow(clippy::too_many_arguments)]
    fn text_with(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        color: RGBColor,
        face: Face,
        anchor: Anchor,
        extra: Extra,
    ) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        self.push(
            Shape::Text {
                at: (px(x), px(y)),
                text,
                size,
                color,
                face,
                anchor,
            },
            extra,
        );
    }
}

fn diamond_points((x, y): (f64, f64), r: f64) -> [(f64, f64); 4] {
    [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
}
