//! A plotters drawing backend that writes the charts' SVG elements in
//! their final, web-ready form.
//!
//! plotters' own SVG backend writes every attribute of every element
//! (opacity, font family, a `dy` shift, default stroke widths), which the
//! charts then had to parse and rewrite, and it gives no way to add the
//! attributes the charts need (a `class` on data marks, dashes, halos).
//! This backend writes each element once, without what only repeats SVG's
//! defaults or the root's, and with the extra attributes of its shape:
//! drawing a per-result chart went from parse-and-rewrite to one pass.

use std::convert::Infallible;
use std::fmt::Write;

use plotters_backend::text_anchor::HPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};

use super::style::{BODY_SIZE, INK};
use super::text::escape;

/// Attributes plotters cannot express, added to one element.
pub(super) type Extra = Vec<(&'static str, String)>;

/// Writes the elements of one chart into a string. The `n`th element drawn
/// after the background gets `extras[n]`: every shape of a
/// [`super::canvas::Canvas`] is drawn as exactly one element.
pub(super) struct WebSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    extras: &'a [Extra],
    drawn: usize,
}

impl<'a> WebSvg<'a> {
    pub(super) fn new(out: &'a mut String, size: (u32, u32), extras: &'a [Extra]) -> Self {
        WebSvg {
            out,
            size,
            extras,
            drawn: 0,
        }
    }

    fn open(&mut self, tag: &str) {
        self.out.push('<');
        self.out.push_str(tag);
    }

    fn attr(&mut self, name: &str, value: impl std::fmt::Display) {
        // Writing into a String cannot fail.
        let _ = write!(self.out, " {name}=\"{value}\"");
    }

    fn color(&mut self, name: &str, c: BackendColor) {
        let (r, g, b) = c.rgb;
        let _ = write!(self.out, " {name}=\"#{r:02X}{g:02X}{b:02X}\"");
        if c.alpha != 1.0 {
            // Never drawn by the charts (their colours are opaque), but
            // kept so that a translucent colour is not drawn solid.
            let _ = write!(self.out, " opacity=\"{}\"", c.alpha);
        }
    }

    fn points(&mut self, points: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (i, (x, y)) in points.into_iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            let _ = write!(self.out, "{x},{y}");
        }
        self.out.push('"');
    }

    /// The shape's own attributes, then the end of the element.
    fn close(&mut self, content: Option<&str>) {
        // The background, drawn first, has none.
        if let Some(extra) = self.drawn.checked_sub(1).and_then(|k| self.extras.get(k)) {
            for (name, value) in extra {
                let _ = write!(self.out, " {name}=\"{}\"", escape(value));
            }
        }
        self.drawn += 1;
        match content {
            Some(text) => {
                self.out.push('>');
                self.out.push_str(&escape(text));
                self.out.push_str("</text>\n");
            }
            None => self.out.push_str("/>\n"),
        }
    }
}

impl DrawingBackend for WebSvg<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    /// The charts draw no single pixels; one is a 1 × 1 rectangle.
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.draw_rect(point, (point.0 + 1, point.1 + 1), &color, true)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.open("rect");
        self.attr("x", upper_left.0);
        self.attr("y", upper_left.1);
        self.attr("width", bottom_right.0 - upper_left.0);
        self.attr("height", bottom_right.1 - upper_left.1);
        self.paint(style, fill);
        self.close(None);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.open("polyline");
        self.attr("fill", "none");
        self.color("stroke", style.color());
        self.stroke_width(style.stroke_width());
        self.points(path);
        self.close(None);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.open("polygon");
        self.color("fill", style.color());
        self.points(vert);
        self.close(None);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.open("circle");
        self.attr("cx", center.0);
        self.attr("cy", center.1);
        self.attr("r", radius);
        self.paint(style, fill);
        self.close(None);
        Ok(())
    }

    /// A text at its baseline; the size is the one the chart asked for,
    /// and is left out when it is the root's.
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.open("text");
        self.attr("x", pos.0);
        self.attr("y", pos.1);
        match style.anchor().h_pos {
            HPos::Left => {}
            HPos::Center => self.attr("text-anchor", "middle"),
            HPos::Right => self.attr("text-anchor", "end"),
        }
        let size = font_size(style.size());
        if size != font_size(BODY_SIZE) {
            self.attr("font-size", size);
        }
        let c = style.color();
        if c.rgb != (INK.0, INK.1, INK.2) || c.alpha != 1.0 {
            self.color("fill", c);
        }
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.attr("font-weight", "bold"),
            other => self.attr("font-style", other.as_str()),
        }
        self.close(Some(text));
        Ok(())
    }
}

impl WebSvg<'_> {
    /// A filled shape, or an outline: "none" for the paint not used, and
    /// no `stroke-width` when it is SVG's default of 1.
    fn paint<S: BackendStyle>(&mut self, style: &S, fill: bool) {
        if fill {
            self.color("fill", style.color());
        } else {
            self.attr("fill", "none");
            self.color("stroke", style.color());
            self.stroke_width(style.stroke_width());
        }
    }

    fn stroke_width(&mut self, width: u32) {
        if width != 1 {
            self.attr("stroke-width", width);
        }
    }
}

/// A font size rounded to one decimal, without a trailing ".0".
pub(super) fn font_size(size: f64) -> String {
    if !size.is_finite() {
        return BODY_SIZE.to_string();
    }
    let r = (size * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// `#RRGGBB`, as this backend writes colours.
pub(super) fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}
