//! The finished SVG document of a chart: the root element (responsive
//! `viewBox`, language, one font declaration for every text), the
//! accessible name and description, and the [`Canvas`]'s shapes drawn with
//! plotters through the [`WebSvg`] backend.

use std::fmt::Write;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{px, Anchor, Canvas, Face, Shape};
use super::style::{BACKGROUND, BODY_SIZE, FONT_FAMILY, INK};
use super::text::{clean, escape};
use super::web::{font_size, hex, WebSvg};

impl Canvas {
    /// Draws the shapes with plotters on a surface as wide as the canvas's
    /// form and `height` high, and returns the finished, web-ready SVG
    /// document.
    pub(super) fn finish(self, height: f64, meta: &Meta<'_>) -> String {
        let w = self.width() as u32;
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
                } => root.draw(&Text::new(
                    text.as_str(),
                    *at,
                    text_style(*size, color, *face, *anchor),
                )),
            };
        }
        let _ = root.present();
    }
}

/// plotters' style for a text of the canvas: its baseline at its point
/// (the backend writes no vertical shift), anchored as asked.
fn text_style<'a>(size: f64, color: &'a RGBColor, face: Face, anchor: Anchor) -> TextStyle<'a> {
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
    let font = FontDesc::new(FontFamily::SansSerif, size, style);
    TextStyle::from(font)
        .color(color)
        .pos(Pos::new(h_pos, VPos::Center))
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
        let mut c = Canvas::new(crate::render::charts::Form::Wide);
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
