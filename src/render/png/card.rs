//! The social card of a page: 1200×630 (the size Facebook, Zalo and X use
//! for large previews) with the site name, the page title, the key number
//! and, on the right, the chart. The texts are laid out here as an SVG
//! document; the chart is drawn separately into its box and copied in.

use plotters::style::RGBColor;
use resvg::tiny_skia::{
    Color, GradientStop, LinearGradient, Paint, Pixmap, Point, Rect, SpreadMode, Transform,
};

use super::drawing::Drawing;
use super::encode::draw_png;
use super::measure::{shorten, text_width, wrap};
use crate::render::charts::style::{
    BACKGROUND, CARD_ACCENT, CARD_BAND, CARD_INK, CARD_KEY_SIZE, CARD_KEY_SMALL_SIZE,
    CARD_LABEL_LINE, CARD_LABEL_SIZE, CARD_MARGIN, CARD_MUTED, CARD_RULE, CARD_SITE_SIZE,
    CARD_SITE_SMALL_SIZE, CARD_SUBTITLE_LINE, CARD_SUBTITLE_SIZE, CARD_TITLE_LINE, CARD_TITLE_SIZE,
    IMAGE_FAMILY,
};

/// Social card size, in pixels.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;

/// What a social card shows, already formatted in the page's language.
#[derive(Debug, Clone, Default, Hash)]
pub struct Card {
    /// The site's title, small, at the top.
    pub site: String,
    /// The page's title, large.
    pub title: String,
    /// A date or period under the title.
    pub subtitle: String,
    /// The key number, very large: "7/15", "11,27%".
    pub key: String,
    /// What the key number is: "chỉ tiêu đã đạt", "Đã đạt, 08/08/2022".
    pub key_label: String,
    /// The chart, drawn on the right; `None` leaves the text the full width.
    pub chart: Option<String>,
}

/// Escapes text for SVG; a character XML 1.0 forbids becomes a space.
fn xml(s: &str) -> String {
    crate::render::xml_text(s.to_owned())
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Where the chart sits on the card: x, y, width, height.
const CHART_BOX: (f32, f32, f32, f32) = (592.0, 48.0, 560.0, 534.0);

/// Room kept between the texts and the chart box.
const CHART_GAP: f32 = 40.0;

/// `#rrggbb`, as the card's document writes colours.
fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The card's document as it is written.
struct CardSvg {
    out: String,
}

impl CardSvg {
    /// The root, the white ground and the accent band.
    fn new() -> CardSvg {
        let (ground, accent) = (hex(BACKGROUND), hex(CARD_ACCENT));
        CardSvg {
            out: format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" viewBox=\"0 0 {CARD_WIDTH} {CARD_HEIGHT}\" font-family=\"{IMAGE_FAMILY}\">\
                 <rect width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" fill=\"{ground}\"/>\
                 <rect width=\"{CARD_WIDTH}\" height=\"{CARD_BAND}\" fill=\"{accent}\"/>"
            ),
        }
    }

    /// One line of text at the left margin, its baseline at `y`.
    fn text(&mut self, y: f32, size: f32, bold: bool, fill: RGBColor, t: &str) {
        self.out.push_str(&format!(
            "<text x=\"{CARD_MARGIN}\" y=\"{y}\" font-size=\"{size}\"{} fill=\"{}\">{}</text>",
            if bold { " font-weight=\"bold\"" } else { "" },
            hex(fill),
            xml(t)
        ));
    }

    /// The frame around the chart box, just outside it.
    fn chart_frame(&mut self) {
        let (x, y, w, h) = CHART_BOX;
        self.out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
            x - 0.5,
            y - 0.5,
            w + 1.0,
            h + 1.0,
            hex(BACKGROUND),
            hex(CARD_RULE)
        ));
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// `large` if `text` fits `max` pixels at that size in bold, else `small`.
fn fitting_size(text: &str, max: f32, large: f32, small: f32) -> f32 {
    if text_width(text, large, true) <= max {
        large
    } else {
        small
    }
}

impl Card {
    /// The card's texts as an SVG document; the chart is drawn over it.
    fn svg(&self) -> String {
        let text_w = if self.chart.is_some() {
            CHART_BOX.0 - CARD_MARGIN - CHART_GAP
        } else {
            CARD_WIDTH as f32 - 2.0 * CARD_MARGIN
        };
        let mut s = CardSvg::new();
        self.heading(&mut s, text_w);
        self.key_block(&mut s, text_w);
        if self.chart.is_some() {
            s.chart_frame();
        }
        s.finish()
    }

    /// Site name, title and subtitle, from the top.
    fn heading(&self, s: &mut CardSvg, text_w: f32) {
        // The site's name in smaller letters rather than cut, if it can be.
        let site_size = fitting_size(&self.site, text_w, CARD_SITE_SIZE, CARD_SITE_SMALL_SIZE);
        let site = shorten(&self.site, text_w, site_size, true);
        s.text(84.0, site_size, true, CARD_ACCENT, &site);
        let mut y = 150.0;
        let title = wrap(&self.title, text_w, CARD_TITLE_SIZE, true, 4);
        for line in &title {
            s.text(y, CARD_TITLE_SIZE, true, CARD_INK, line);
            y += CARD_TITLE_LINE;
        }
        // A short title leaves room for a longer subtitle (the home card
        // names the latest session there).
        let subtitle_lines = if title.len() <= 2 { 3 } else { 1 };
        for line in wrap(
            &self.subtitle,
            text_w,
            CARD_SUBTITLE_SIZE,
            false,
            subtitle_lines,
        ) {
            s.text(y + 6.0, CARD_SUBTITLE_SIZE, false, CARD_MUTED, &line);
            y += CARD_SUBTITLE_LINE;
        }
    }

    /// The key number and what it is, from the bottom.
    fn key_block(&self, s: &mut CardSvg, text_w: f32) {
        let label = wrap(&self.key_label, text_w, CARD_LABEL_SIZE, false, 2);
        let mut y = CARD_HEIGHT as f32 - 56.0 - CARD_LABEL_LINE * (label.len().max(1) - 1) as f32;
        let key_size = fitting_size(&self.key, text_w, CARD_KEY_SIZE, CARD_KEY_SMALL_SIZE);
        let key = shorten(&self.key, text_w, key_size, true);
        s.text(y - 44.0, key_size, true, CARD_INK, &key);
        for line in &label {
            s.text(y, CARD_LABEL_SIZE, false, CARD_MUTED, line);
            y += CARD_LABEL_LINE;
        }
    }

    /// The card as PNG: the texts, then the chart scaled to the box's width
    /// and cut at its bottom (a tall overview shows its first rows, fading
    /// out).
    pub(super) fn png(&self) -> Result<Vec<u8>, String> {
        let text = Drawing::new(&self.svg())?;
        let chart = match &self.chart {
            Some(chart) => Some(self.chart_area(chart)?),
            None => None,
        };
        draw_png(CARD_WIDTH, CARD_HEIGHT, |top, band| {
            let top = top as f32;
            text.draw(band, 1.0, -top);
            if let Some(area) = &chart {
                copy_opaque(band, area, CHART_BOX.0 as i32, (CHART_BOX.1 - top) as i32);
            }
        })
    }

    /// The chart as the card shows it: scaled to the box's width, centred
    /// in its height, or cut at its bottom and faded out.
    fn chart_area(&self, chart: &str) -> Result<Pixmap, String> {
        let (_, _, w, h) = CHART_BOX;
        let drawing = Drawing::new(chart)?;
        let scale = w / drawing.size().width();
        let drawn_h = drawing.size().height() * scale;
        let mut area = Pixmap::new(w as u32, h as u32).ok_or("the chart box has no size")?;
        area.fill(Color::WHITE);
        let top = if drawn_h < h {
            ((h - drawn_h) / 2.0).floor()
        } else {
            0.0
        };
        drawing.draw(&mut area, scale, top);
        if drawn_h > h {
            fade_bottom(&mut area, 72.0);
        }
        Ok(area)
    }
}

/// Puts the opaque `src` on `dst` with its top left corner at `(x, y)`,
/// cut to `dst`. Drawing an opaque image over another only replaces the
/// pixels under it, so rows are copied: tiny-skia's general compositing
/// went through its slowest pipeline for every pixel of every card.
fn copy_opaque(dst: &mut Pixmap, src: &Pixmap, x: i32, y: i32) {
    let (dw, dh) = (dst.width() as i64, dst.height() as i64);
    let (sw, sh) = (src.width() as i64, src.height() as i64);
    let (x, y) = (i64::from(x), i64::from(y));
    let (from_x, to_x) = (x.max(0), (x + sw).min(dw));
    if from_x >= to_x {
        return;
    }
    let bytes = |px: i64| (px * 4) as usize;
    let data = dst.data_mut();
    for row in y.max(0)..(y + sh).min(dh) {
        let s = bytes((row - y) * sw + (from_x - x));
        let d = bytes(row * dw + from_x);
        let n = bytes(to_x - from_x);
        data[d..d + n].copy_from_slice(&src.data()[s..s + n]);
    }
}

/// Fades the last `height` pixels of `pixmap` to white, to show that the
/// picture goes on.
fn fade_bottom(pixmap: &mut Pixmap, height: f32) {
    let (w, h) = (pixmap.width() as f32, pixmap.height() as f32);
    let Some(shader) = LinearGradient::new(
        Point::from_xy(0.0, h - height),
        Point::from_xy(0.0, h),
        vec![
            GradientStop::new(0.0, Color::from_rgba8(255, 255, 255, 0)),
            GradientStop::new(1.0, Color::WHITE),
        ],
        SpreadMode::Pad,
        Transform::identity(),
    ) else {
        return;
    };
    let paint = Paint {
        shader,
        ..Paint::default()
    };
    if let Some(rect) = Rect::from_xywh(0.0, h - height, w, height) {
        pixmap.fill_rect(rect, &paint, Transform::identity(), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::png::png_size;

    #[test]
    fn a_card_is_1200_by_630_with_or_without_a_chart() {
        let chart = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 1660"><rect width="760" height="1660" fill="#0b57a4"/><text x="10" y="40" font-size="30">Đã đạt</text></svg>"##;
        for chart in [None, Some(chart.to_owned())] {
            let card = Card {
                site: "Theo dõi".into(),
                title: "Phiên họp thứ ba".into(),
                key: "7/15".into(),
                key_label: "chỉ tiêu đã đạt".into(),
                chart,
                ..Card::default()
            };
            let png = card.png().unwrap();
            assert_eq!(png_size(&png), Some((CARD_WIDTH, CARD_HEIGHT)));
        }
    }
}
