//! PNG images, rendered from SVG with resvg (pure Rust, no system
//! libraries) and the DejaVu Sans fonts compiled in through the `dejavu`
//! crate, which cover Vietnamese. No system font is ever consulted, so a
//! fresh machine needs nothing else and every build gives the same bytes.
//!
//! Two kinds of image:
//! - a download of the session overview and indicator history charts, at
//!   twice their size so that they stay sharp in print and on slides;
//! - a social card per session, per indicator and for the home page,
//!   1200×630 (the size Facebook, Zalo and X use for large previews): the
//!   site name, the page title, the key number and the chart.
//!
//! Rasterizing is the slow part of a build; callers render these in
//! parallel, and per-result charts get no PNG.

mod text;

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia::{
    Color, GradientStop, LinearGradient, Paint, Pixmap, Point, Rect, SpreadMode, Transform,
};
use resvg::usvg::{self, fontdb};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Social card size, in pixels.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;
/// Chart downloads are rendered at this multiple of their drawn size.
pub const CHART_SCALE: f32 = 2.0;

/// The one font family the images use; the charts ask for it among others.
const FAMILY: &str = "DejaVu Sans";

/// An image to render.
#[derive(Debug, Clone)]
pub enum Raster {
    /// A chart, at [`CHART_SCALE`].
    Chart { path: String, svg: String },
    /// A social card.
    Card { path: String, card: Card },
}

impl Raster {
    pub fn path(&self) -> &str {
        match self {
            Raster::Chart { path, .. } | Raster::Card { path, .. } => path,
        }
    }

    /// The PNG bytes. An error means one of our own SVG documents did not
    /// parse, which is a bug, reported rather than panicked on.
    pub fn render(&self) -> Result<Vec<u8>, String> {
        match self {
            Raster::Chart { svg, .. } => chart_png(svg),
            Raster::Card { card, .. } => card.png(),
        }
    }
}

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

static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    // The same four faces the texts drawn from the glyph cache use.
    for face in text::FACES {
        db.load_font_source(fontdb::Source::Binary(Arc::new(face.data())));
    }
    db.set_sans_serif_family(FAMILY);
    Arc::new(db)
});

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: FONTS.clone(),
        ..usvg::Options::default()
    }
}

fn tree(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &options()).map_err(|e| format!("the SVG does not parse: {e}"))
}

/// An SVG document ready to draw: usvg's tree of everything but the plain
/// texts, which [`text`] draws from its glyph cache.
struct Drawing {
    tree: usvg::Tree,
    texts: Vec<text::Text>,
}

impl Drawing {
    fn new(svg: &str) -> Result<Drawing, String> {
        let (rest, texts) = text::split(svg);
        Ok(Drawing {
            tree: tree(&rest)?,
            texts,
        })
    }

    fn size(&self) -> usvg::Size {
        self.tree.size()
    }

    /// Draws at `scale`, moved down by `top` pixels.
    fn draw(&self, pixmap: &mut Pixmap, scale: f32, top: f32) {
        resvg::render(
            &self.tree,
            Transform::from_scale(scale, scale).post_translate(0.0, top),
            &mut pixmap.as_mut(),
        );
        text::draw(pixmap, &self.texts, scale, top);
    }
}

/// Most pixels drawn at once: a tall chart is drawn in bands of about this
/// many pixels, each written to the PNG before the next is drawn, so that
/// an image never needs all its pixels in memory at once (a session
/// overview of a national site is 760 × 18,000 pixels: 56 MB).
const BAND_PIXELS: u32 = 1 << 20;

thread_local! {
    /// The buffer this thread draws bands in (see [`draw_png`]).
    static BAND: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Draws an image on white band by band, top to bottom, with `band(top,
/// pixmap)` drawing the rows from `top` down into `pixmap`, and encodes
/// it as it goes.
///
/// Everything is drawn on white, so every pixel is opaque and written as
/// RGB (a transparent PNG turns black in some viewers, and the alpha
/// channel would be a quarter of the data for nothing). The `png` crate's
/// fast deflate with the Paeth filter: a national site has more than a
/// thousand of these images, and the default compression made encoding
/// most of the build's time for files only a little smaller.
fn draw_png(
    width: u32,
    height: u32,
    mut band: impl FnMut(u32, &mut Pixmap),
) -> Result<Vec<u8>, String> {
    let fail = |e: png::EncodingError| format!("cannot encode the PNG: {e}");
    let (width, height) = (width.max(1), height.max(1));
    let rows = (BAND_PIXELS / width).clamp(1, height);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Paeth);
    let mut writer = encoder.write_header().map_err(fail)?;
    let mut stream = writer.stream_writer().map_err(fail)?;
    let mut line = vec![0; width as usize * 3];
    let mut top = 0;
    // Each thread draws its bands in one buffer, kept from image to image:
    // a new band of four megabytes for each image was zeroed, by the
    // allocator and by the kernel, only to be painted white.
    let mut buffer = BAND.with(|b| b.take());
    while top < height {
        let rows = rows.min(height - top);
        buffer.clear();
        // 255 in every byte is opaque white, premultiplied.
        buffer.resize(width as usize * rows as usize * 4, 255);
        let size =
            resvg::tiny_skia::IntSize::from_wh(width, rows).ok_or("the image has no size")?;
        let mut pixmap = Pixmap::from_vec(buffer, size).ok_or("the image has no size")?;
        band(top, &mut pixmap);
        for pixels in pixmap.data().chunks_exact(width as usize * 4) {
            // Byte by byte: a three-byte `copy_from_slice` is a call to
            // memcpy per pixel, which took a tenth of the encoding.
            for (rgb, rgba) in line.chunks_exact_mut(3).zip(pixels.chunks_exact(4)) {
                rgb[0] = rgba[0];
                rgb[1] = rgba[1];
                rgb[2] = rgba[2];
            }
            std::io::Write::write_all(&mut stream, &line)
                .map_err(|e| format!("cannot encode the PNG: {e}"))?;
        }
        buffer = pixmap.take();
        top += rows;
    }
    BAND.with(|b| b.set(buffer));
    stream.finish().map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// A chart at [`CHART_SCALE`].
fn chart_png(svg: &str) -> Result<Vec<u8>, String> {
    let drawing = Drawing::new(svg)?;
    let size = drawing.size();
    let scale = chart_scale(size.width(), size.height());
    let w = (size.width() * scale).ceil() as u32;
    let h = (size.height() * scale).ceil() as u32;
    draw_png(w, h, |top, band| drawing.draw(band, scale, -(top as f32)))
}

/// The most pixels a chart image is drawn at [`CHART_SCALE`] with.
const MAX_CHART_PIXELS: f32 = 8.0e6;

/// [`CHART_SCALE`], or less (down to 1) for a chart so tall that its image
/// would run to tens of megabytes and take seconds to draw: the overview of
/// a session with hundreds of results is thousands of pixels high.
fn chart_scale(width: f32, height: f32) -> f32 {
    let fit = (MAX_CHART_PIXELS / (width * height).max(1.0)).sqrt();
    fit.clamp(1.0, CHART_SCALE)
}

/// Width of `text` in pixels at `size`, from the font's own advances.
fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let face = if bold {
        text::Face::Bold
    } else {
        text::Face::Regular
    };
    let data = face.data();
    let Ok(font) = FontRef::new(data) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// Cuts `text` to fit `max` pixels, ending in "…".
fn shorten(text: &str, max: f32, size: f32, bold: bool) -> String {
    if text_width(text, size, bold) <= max {
        return text.to_owned();
    }
    let mut out: String = text.to_owned();
    while !out.is_empty() && text_width(&format!("{}…", out.trim_end()), size, bold) > max {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// Wraps `text` at spaces into at most `lines` lines of `max` pixels; the
/// last line ends in "…" when the text is longer.
fn wrap(text: &str, max: f32, size: f32, bold: bool, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let candidate = if line.is_empty() {
            (*word).to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size, bold) <= max || line.is_empty() {
            line = candidate;
            continue;
        }
        out.push(std::mem::take(&mut line));
        if out.len() == lines {
            let last = out.pop().unwrap_or_default();
            let rest = words[i..].join(" ");
            out.push(shorten(&format!("{last} {rest}"), max, size, bold));
            return out;
        }
        line = (*word).to_owned();
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out.len() > lines {
        let rest = out.split_off(lines - 1).join(" ");
        out.push(shorten(&rest, max, size, bold));
    }
    out.into_iter()
        .map(|l| shorten(&l, max, size, bold))
        .collect()
}

/// Escapes text for SVG; a character XML 1.0 forbids becomes a space.
fn xml(s: &str) -> String {
    crate::render::xml_text(s.to_owned())
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const INK: &str = "#1a1a1a";
const MUTED: &str = "#4d4d4d";
const ACCENT: &str = "#0b57a4";
const LINE: &str = "#d0d0d0";
const MARGIN: f32 = 64.0;
/// Where the chart sits on the card.
const CHART_BOX: (f32, f32, f32, f32) = (592.0, 48.0, 560.0, 534.0);

impl Card {
    /// The card's texts as an SVG document; the chart is drawn over it.
    fn svg(&self) -> String {
        let text_w = if self.chart.is_some() {
            CHART_BOX.0 - MARGIN - 40.0
        } else {
            CARD_WIDTH as f32 - 2.0 * MARGIN
        };
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" viewBox=\"0 0 {CARD_WIDTH} {CARD_HEIGHT}\" font-family=\"{FAMILY}\">\
             <rect width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" fill=\"#ffffff\"/>\
             <rect width=\"{CARD_WIDTH}\" height=\"12\" fill=\"{ACCENT}\"/>"
        );
        let mut text = |x: f32, y: f32, size: f32, bold: bool, fill: &str, t: &str| {
            s.push_str(&format!(
                "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\"{} fill=\"{fill}\">{}</text>",
                if bold { " font-weight=\"bold\"" } else { "" },
                xml(t)
            ));
        };
        // The site's name in smaller letters rather than cut, if it can be.
        let site_size = if text_width(&self.site, 24.0, true) <= text_w {
            24.0
        } else {
            19.0
        };
        text(
            MARGIN,
            84.0,
            site_size,
            true,
            ACCENT,
            &shorten(&self.site, text_w, site_size, true),
        );
        let mut y = 150.0;
        let title = wrap(&self.title, text_w, 40.0, true, 4);
        for line in &title {
            text(MARGIN, y, 40.0, true, INK, line);
            y += 50.0;
        }
        // A short title leaves room for a longer subtitle (the home card
        // names the latest session there).
        let subtitle_lines = if title.len() <= 2 { 3 } else { 1 };
        for line in wrap(&self.subtitle, text_w, 24.0, false, subtitle_lines) {
            text(MARGIN, y + 6.0, 24.0, false, MUTED, &line);
            y += 32.0;
        }
        let label = wrap(&self.key_label, text_w, 26.0, false, 2);
        let mut y = CARD_HEIGHT as f32 - 56.0 - 34.0 * (label.len().max(1) - 1) as f32;
        let key_size = if text_width(&self.key, 88.0, true) <= text_w {
            88.0
        } else {
            56.0
        };
        text(
            MARGIN,
            y - 44.0,
            key_size,
            true,
            INK,
            &shorten(&self.key, text_w, key_size, true),
        );
        for line in &label {
            text(MARGIN, y, 26.0, false, MUTED, line);
            y += 34.0;
        }
        if self.chart.is_some() {
            let (x, y, w, h) = CHART_BOX;
            s.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"{LINE}\" stroke-width=\"1\"/>",
                x - 0.5,
                y - 0.5,
                w + 1.0,
                h + 1.0
            ));
        }
        s.push_str("</svg>");
        s
    }

    /// The card as PNG: the texts, then the chart scaled to the box's width
    /// and cut at its bottom (a tall overview shows its first rows, fading
    /// out).
    fn png(&self) -> Result<Vec<u8>, String> {
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

/// The width and height of a PNG, from its header; `None` if `bytes` is
/// not a PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_measured_with_the_font() {
        // Every letter of this line has a glyph: none falls back to the
        // estimate of 0.6 em.
        let font = FontRef::new(dejavu::sans::regular()).unwrap();
        let map = font.charmap();
        for c in "Ủy ban Quốc gia về chuyển đổi số: Đã đạt, ước tính ≥ 11,27% ✓ ↗ ✗ – ○ …".chars()
        {
            assert!(map.map(c).is_some(), "DejaVu Sans has no glyph for {c:?}");
        }
        assert!(text_width("Ủy ban", 20.0, false) > text_width("Uy ba", 20.0, false));
    }

    #[test]
    fn very_tall_charts_are_drawn_at_a_smaller_scale() {
        assert_eq!(chart_scale(760.0, 476.0), CHART_SCALE);
        let tall = chart_scale(760.0, 15_000.0);
        assert_eq!(tall, 1.0);
        let mid = chart_scale(760.0, 4_000.0);
        assert!(
            mid > 1.0
                && mid < CHART_SCALE
                && 760.0 * 4_000.0 * mid * mid <= MAX_CHART_PIXELS * 1.001
        );
    }

    #[test]
    fn wrapping_keeps_to_the_width_and_line_count() {
        let title = "Phiên họp thứ ba của Ủy ban Quốc gia về chuyển đổi số và những việc cần làm trong sáu tháng cuối năm";
        let lines = wrap(title, 400.0, 40.0, true, 3);
        assert_eq!(lines.len(), 3);
        assert!(
            lines.iter().all(|l| text_width(l, 40.0, true) <= 400.0),
            "{lines:?}"
        );
        assert!(lines[2].ends_with('…'));
        assert_eq!(wrap("Ngắn", 400.0, 40.0, true, 3), vec!["Ngắn".to_owned()]);
        assert!(wrap("", 400.0, 40.0, true, 3).is_empty());
    }

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

    #[test]
    fn a_chart_is_rendered_at_twice_its_size() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 476"><text x="10" y="40">Số hóa</text></svg>"#;
        assert_eq!(png_size(&chart_png(svg).unwrap()), Some((1520, 952)));
        assert!(chart_png("<svg").is_err());
    }
}
