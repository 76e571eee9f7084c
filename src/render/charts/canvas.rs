//! The drawing surface shared by all charts.
//!
//! A chart lays itself out into a [`Canvas`], a list of shapes in pixel
//! coordinates. Only when the layout is done (and so the height known) are
//! the shapes drawn with plotters, through [`WebSvg`], a backend that
//! writes a document fit for the web: a responsive root with `viewBox`, an
//! accessible name and description, one font declaration instead of one
//! per text, and no attributes that only repeat defaults.

use std::fmt::Write;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{BACKGROUND, BODY_SIZE, DASH, FONT_FAMILY, HALO_WIDTH, INK, WIDTH};
use super::text::{clean, escape};
use super::web::{font_size, Extra, WebSvg};

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
enum Shape {
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
#[derive(Debug, Default)]
pub(super) struct Canvas {
    shapes: Vec<Shape>,
    extras: Vec<Extra>,
}

impl Canvas {
    pub(super) fn new() -> Self {
        Self::default()
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
            ("stroke", hex(BACKGROUND)),
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

    /// Draws the shapes with plotters on a `WIDTH` × `height` surface and
    /// returns the finished, web-ready SVG document.
    pub(super) fn finish(self, height: f64, meta: &Meta<'_>) -> String {
        let w = WIDTH as u32;
        let h = px(height).clamp(1, 100_000) as u32;
        let mut out = String::with_capacity(256 + 120 * self.shapes.len());
        root(&mut out, w, h, meta);
        self.draw(&mut out, w, h);
        out.push_str("</svg>\n");
        out
    }

    fn draw(&self, out: &mut String, w: u32, h: u32) {
        let root = WebSvg::new(out, (w, h), &self.extras).into_drawing_area();
        // The backend cannot fail, so the results of the drawing calls
        // below carry no information and are ignored.
        let _ = root.fill(&BACKGROUND);
        for shape in &self.shapes {
            let _ = match shape {
                Shape::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    fill,
                } => root.draw(&Rectangle::new([(*x0, *y0), (*x1, *y1)], fill.filled())),
                Shape::Path {
                    points,
                    color,
                    width,
                } => root.draw(&PathElement::new(
                    points.clone(),
                    color.stroke_width(*width),
                )),
                Shape::Circle {
                    center,
                    radius,
                    color,
                    filled,
                    width,
                } => {
                    let style = if *filled {
                        color.filled()
                    } else {
                        color.stroke_width(*width)
                    };
                    root.draw(&Circle::new(*center, *radius, style))
                }
                Shape::Polygon { points, color } => {
                    root.draw(&Polygon::new(points.clone(), color.filled()))
                }
                Shape::Text {
                    at,
                    text,
                    size,
                    color,
                    face,
                    anchor,
                } => {
                    let style = match face {
                        Face::Regular => FontStyle::Normal,
                        Face::Bold => FontStyle::Bold,
                        Face::Italic => FontStyle::Italic,
                    };
                    let h_pos = match anchor {
                        Anchor::Start => HPos::Left,
                        Anchor::Middle => HPos::Center,
                        Anchor::End => HPos::Right,
                    };
                    let font = FontDesc::new(FontFamily::SansSerif, *size, style);
                    let text_style = TextStyle::from(font)
                        .color(color)
                        .pos(Pos::new(h_pos, VPos::Center));
                    root.draw(&Text::new(text.as_str(), *at, text_style))
                }
            };
        }
        let _ = root.present();
    }
}

/// `#RRGGBB`, as the SVG backend writes colours.
fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn diamond_points((x, y): (f64, f64), r: f64) -> [(f64, f64); 4] {
    [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
}

/// What the root element says about the chart.
pub(super) struct Meta<'a> {
    pub id_prefix: &'a str,
    pub lang: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

/// An id prefix that is a valid XML name: letters, digits, '-', '_' and
/// '.', starting with a letter or '_'; "chart" when nothing is left.
fn id_prefix(p: &str) -> String {
    let mut out: String = p
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if out.is_empty() {
        out.push_str("chart");
    } else if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, 'c');
    }
    out
}

/// A BCP 47 language tag, or nothing when the given one is not plausible.
fn lang_tag(lang: &str) -> Option<&str> {
    let ok = !lang.is_empty()
        && lang.len() <= 35
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then_some(lang)
}

/// Opens the document: the root element with its size, language and
/// defaults, then the accessible name and description.
fn root(out: &mut String, w: u32, h: u32, meta: &Meta<'_>) {
    let id = id_prefix(meta.id_prefix);
    // Writing into a String cannot fail.
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\""
    );
    if let Some(lang) = lang_tag(meta.lang) {
        let _ = write!(out, " lang=\"{lang}\" xml:lang=\"{lang}\"");
    }
    let _ = writeln!(
        out,
        " font-family=\"{FONT_FAMILY}\" font-size=\"{}\" fill=\"{}\">",
        font_size(BODY_SIZE),
        hex(INK)
    );
    let _ = writeln!(
        out,
        "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
        escape(&clean(meta.title)),
        escape(&clean(meta.desc))
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::style::{MUTED_INK, NEUTRAL};

    #[test]
    fn ids_are_xml_names() {
        assert_eq!(id_prefix(""), "chart");
        assert_eq!(id_prefix("1a b"), "c1a-b");
        assert_eq!(id_prefix("ov-2022"), "ov-2022");
        assert_eq!(id_prefix("\"><x"), "c---x");
    }

    #[test]
    fn lang_is_checked() {
        assert_eq!(lang_tag("vi"), Some("vi"));
        assert_eq!(lang_tag("en\" onload=\"x"), None);
    }

    #[test]
    fn rounding() {
        assert_eq!(font_size(13.000000000000002), "13");
        assert_eq!(font_size(12.45), "12.5");
        assert_eq!(font_size(f64::NAN), "13");
    }

    #[test]
    fn one_element_per_shape() {
        let mut c = Canvas::new();
        c.rect(0.0, 0.0, 10.0, 10.0, NEUTRAL);
        c.dashed(&[(0.0, 0.0), (0.0, 10.0)], NEUTRAL, 1);
        c.text(5.0, 5.0, "a\nb", 12.0, MUTED_INK, Face::Bold, Anchor::End);
        c.hollow_diamond((20.0, 20.0), 5.0, NEUTRAL, 2);
        let svg = c.finish(
            40.0,
            &Meta {
                id_prefix: "t",
                lang: "vi",
                title: "T",
                desc: "D",
            },
        );
        assert!(svg.contains("stroke-dasharray=\"4 3\""), "{svg}");
        assert!(svg.contains(">a b</text>"), "{svg}");
        assert!(svg.contains("font-size=\"12\""), "{svg}");
        assert!(svg.contains("stroke-linejoin=\"miter\""), "{svg}");
        assert!(!svg.contains("font-family=\"sans-serif\""), "{svg}");
        assert!(!svg.contains(" dy="), "{svg}");
    }
}
