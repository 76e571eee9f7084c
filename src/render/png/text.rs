//! The texts of the PNG images, drawn from cached glyph images.
//!
//! usvg lays out every `<text>` on its own, building a new shaper for the
//! font each time, and resvg then fills (and, for a halo, strokes) the
//! letters' outlines one by one. A session overview of a national site has
//! about 1,400 texts, all in one font at a few sizes, and that was most of
//! the cost of every image. Here each text is shaped with a shaper built
//! once per face, and each glyph is rasterized once per size, subpixel
//! position and halo, then copied to where it stands.
//!
//! Only the texts that the charts and the cards write are taken this way: a
//! line of plain text with a position, a size, a weight or a slant, an
//! anchor, a solid fill and perhaps a halo (a round-joined stroke painted
//! under the letters). Any other text stays in the SVG, and usvg draws it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use resvg::tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform,
};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{GlyphId, MetadataProvider};

/// One of the four DejaVu Sans faces the images are drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Face {
    Regular,
    Bold,
    Oblique,
    BoldOblique,
}

impl Face {
    fn new(bold: bool, slanted: bool) -> Face {
        match (bold, slanted) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Oblique,
            (true, true) => Face::BoldOblique,
        }
    }

    pub(super) fn data(self) -> &'static [u8] {
        match self {
            Face::Regular => dejavu::sans::regular(),
            Face::Bold => dejavu::sans::bold(),
            Face::Oblique => dejavu::sans::oblique(),
            Face::BoldOblique => dejavu::sans::bold_oblique(),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

pub(super) const FACES: [Face; 4] = [Face::Regular, Face::Bold, Face::Oblique, Face::BoldOblique];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// A colour, straight (not premultiplied) RGBA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Rgba([u8; 4]);

impl Rgba {
    /// `#rgb` or `#rrggbb`; anything else is left to usvg.
    fn parse(s: &str) -> Option<Rgba> {
        let hex = s.trim().strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            3 => {
                let (r, g, b) = (digit(0, 1)?, digit(1, 1)?, digit(2, 1)?);
                Some(Rgba([r * 17, g * 17, b * 17, 255]))
            }
            6 => Some(Rgba([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?, 255])),
            _ => None,
        }
    }
}

/// One line of text taken out of an SVG document, in its units.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Text {
    x: f32,
    y: f32,
    size: f32,
    face: Face,
    anchor: Anchor,
    fill: Rgba,
    /// Colour and width of the halo.
    halo: Option<(Rgba, f32)>,
    content: String,
}

/// What the root element lets its texts inherit.
struct Inherited {
    size: f32,
    fill: Rgba,
}

/// Takes the plain texts out of `svg`: the document without them, for
/// usvg, and the texts, to draw over what usvg draws. They are drawn
/// after every other shape, which is where the charts put them: no shape of
/// theirs is drawn over a text. A document this does not understand comes
/// back whole, with no texts taken.
pub(super) fn split(svg: &str) -> (String, Vec<Text>) {
    let whole = || (svg.to_owned(), Vec::new());
    let Ok(doc) = roxmltree::Document::parse(svg) else {
        return whole();
    };
    let root = doc.root_element();
    let mut inherited = Inherited {
        size: 12.0,
        fill: Rgba([0, 0, 0, 255]),
    };
    for a in root.attributes() {
        match a.name() {
            "font-size" => match number(a.value()) {
                Some(size) => inherited.size = size,
                None => return whole(),
            },
            "fill" => match Rgba::parse(a.value()) {
                Some(fill) => inherited.fill = fill,
                None => return whole(),
            },
            // Anything else a text could inherit would change how it looks.
            "font-weight" | "font-style" | "text-anchor" | "stroke" | "stroke-width"
            | "stroke-linejoin" | "paint-order" | "letter-spacing" | "word-spacing"
            | "font-variant" | "font-stretch" | "opacity" | "fill-opacity" | "transform"
            | "style" | "direction" | "writing-mode" | "dominant-baseline"
            | "alignment-baseline" | "baseline-shift" | "text-decoration" | "font" => {
                return whole();
            }
            _ => {}
        }
    }
    let mut kept = String::with_capacity(svg.len());
    let mut texts = Vec::new();
    let mut from = 0;
    for node in root.children().filter(|n| n.has_tag_name("text")) {
        let Some(text) = plain_text(node, &inherited) else {
            continue;
        };
        let range = node.range();
        kept.push_str(&svg[from..range.start]);
        from = range.end;
        texts.push(text);
    }
    kept.push_str(&svg[from..]);
    (kept, texts)
}

fn number(s: &str) -> Option<f32> {
    let n: f32 = s
        .trim()
        .strip_suffix("px")
        .unwrap_or(s.trim())
        .parse()
        .ok()?;
    n.is_finite().then_some(n)
}

/// A `<text>` element this module can draw, or `None` to leave it to usvg.
fn plain_text(node: roxmltree::Node<'_, '_>, inherited: &Inherited) -> Option<Text> {
    // One text child, no <tspan>, no comment.
    let mut children = node.children();
    let child = children.next()?;
    if !child.is_text() || children.next().is_some() {
        return None;
    }
    let (mut x, mut y) = (0.0, 0.0);
    let mut size = inherited.size;
    let mut fill = inherited.fill;
    let (mut bold, mut slanted) = (false, false);
    let mut anchor = Anchor::Start;
    let (mut stroke, mut stroke_width) = (None, 1.0);
    let (mut round, mut under) = (false, false);
    for a in node.attributes() {
        let v = a.value().trim();
        match a.name() {
            "x" => x = number(v)?,
            "y" => y = number(v)?,
            "font-size" => size = number(v)?,
            "fill" => fill = Rgba::parse(v)?,
            "font-weight" => {
                bold = match v {
                    "bold" | "700" | "bolder" => true,
                    "normal" | "400" => false,
                    _ => return None,
                }
            }
            "font-style" => {
                slanted = match v {
                    "italic" | "oblique" => true,
                    "normal" => false,
                    _ => return None,
                }
            }
            "text-anchor" => {
                anchor = match v {
                    "start" => Anchor::Start,
                    "middle" => Anchor::Middle,
                    "end" => Anchor::End,
                    _ => return None,
                }
            }
            "stroke" => stroke = Some(Rgba::parse(v)?),
            "stroke-width" => stroke_width = number(v)?,
            "stroke-linejoin" => round = v == "round",
            "paint-order" => under = v == "stroke",
            // The charts name a font stack; the images have one font.
            "font-family" | "class" | "id" => {}
            _ => return None,
        }
    }
    // A halo is a round-joined stroke under the letters; any other stroke
    // is usvg's to draw.
    let halo = match stroke {
        Some(color) if round && under && stroke_width > 0.0 => Some((color, stroke_width)),
        Some(_) => return None,
        None => None,
    };
    // XML whitespace handling of SVG: runs collapse to one space, and the
    // ends are trimmed.
    let content = child
        .text()?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if size <= 0.0 {
        return None;
    }
    Some(Text {
        x,
        y,
        size,
        face: Face::new(bold, slanted),
        anchor,
        fill,
        halo,
        content,
    })
}

/// A face ready to shape with.
struct Shaping {
    font: harfrust::FontRef<'static>,
    data: harfrust::ShaperData,
    units_per_em: f32,
}

static SHAPING: LazyLock<Vec<Option<Shaping>>> = LazyLock::new(|| {
    FACES
        .iter()
        .map(|face| {
            let font = harfrust::FontRef::new(face.data()).ok()?;
            let data = harfrust::ShaperData::new(&font);
            let units_per_em = skrifa::FontRef::new(face.data())
                .ok()?
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em as f32;
            Some(Shaping {
                font,
                data,
                units_per_em,
            })
        })
        .collect()
});

/// A shaped glyph, in font units.
#[derive(Debug, Clone, Copy)]
struct Placed {
    id: u32,
    advance: i32,
    dx: i32,
    dy: i32,
}

/// A glyph's coverage, rasterized at a size and a subpixel position.
struct GlyphImage {
    /// Offset of the image's top left from the integer pen position.
    left: i32,
    top: i32,
    width: usize,
    height: usize,
    alpha: Vec<u8>,
}

/// Subpixel positions per pixel, in each direction.
const PHASES: f32 = 4.0;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct GlyphKey {
    face: Face,
    id: u32,
    /// Size and halo width, as bits of their f32.
    size: u32,
    halo: u32,
    phase_x: u8,
    phase_y: u8,
}

/// Glyph images, per rendering thread: the images of one build draw the
/// same few hundred letters at a few sizes hundreds of thousands of times.
/// (Shaped texts are not kept: most are figures that appear once, and
/// shaping with a ready shaper is cheap.)
#[derive(Default)]
struct Cache {
    glyphs: HashMap<GlyphKey, Option<Rc<GlyphImage>>>,
    /// About how much memory `glyphs` holds.
    bytes: usize,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// About the most memory a thread's glyph images take before it starts
/// afresh: enough for every letter of a build's charts at their sizes,
/// while the large letters of the cards come and go.
const CACHE_BYTES: usize = 8 << 20;

impl Cache {
    fn glyph(&mut self, key: GlyphKey) -> Option<Rc<GlyphImage>> {
        if let Some(image) = self.glyphs.get(&key) {
            return image.clone();
        }
        let image = rasterize(key).map(Rc::new);
        let bytes = 64 + image.as_ref().map_or(0, |i| i.alpha.len());
        if self.bytes + bytes > CACHE_BYTES {
            self.glyphs.clear();
            self.bytes = 0;
        }
        self.bytes += bytes;
        self.glyphs.insert(key, image.clone());
        image
    }
}

fn shape(face: Face, content: &str) -> Vec<Placed> {
    let Some(Some(shaping)) = SHAPING.get(face.index()) else {
        return Vec::new();
    };
    let shaper = shaping.data.shaper(&shaping.font).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(content);
    buffer.guess_segment_properties();
    let out = shaper.shape(buffer, harfrust::ShapeOptions::new());
    out.glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| Placed {
            id: info.glyph_id,
            advance: pos.x_advance,
            dx: pos.x_offset,
            dy: pos.y_offset,
        })
        .collect()
}

/// Builds a tiny-skia path from a glyph outline, flipping y (fonts count
/// up, images down) and moving it by the subpixel phase.
struct Pen {
    path: PathBuilder,
    dx: f32,
    dy: f32,
}

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.path.move_to(x + self.dx, self.dy - y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.path.line_to(x + self.dx, self.dy - y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.path
            .quad_to(cx0 + self.dx, self.dy - cy0, x + self.dx, self.dy - y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.path.cubic_to(
            cx0 + self.dx,
            self.dy - cy0,
            cx1 + self.dx,
            self.dy - cy1,
            x + self.dx,
            self.dy - y,
        );
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// The glyph's coverage (its fill, or with a halo width its halo), or
/// `None` for a glyph with no ink, such as a space.
fn rasterize(key: GlyphKey) -> Option<GlyphImage> {
    let font = skrifa::FontRef::new(key.face.data()).ok()?;
    let glyph = font.outline_glyphs().get(GlyphId::new(key.id))?;
    let size = f32::from_bits(key.size);
    let halo = f32::from_bits(key.halo);
    let mut pen = Pen {
        path: PathBuilder::new(),
        dx: f32::from(key.phase_x) / PHASES,
        dy: f32::from(key.phase_y) / PHASES,
    };
    glyph
        .draw(
            DrawSettings::unhinted(Size::new(size), LocationRef::default()),
            &mut pen,
        )
        .ok()?;
    let path = pen.path.finish()?;
    let bounds = path.bounds();
    let margin = halo / 2.0 + 1.0;
    let left = (bounds.left() - margin).floor() as i32;
    let top = (bounds.top() - margin).floor() as i32;
    let right = (bounds.right() + margin).ceil() as i32;
    let bottom = (bounds.bottom() + margin).ceil() as i32;
    let (width, height) = ((right - left).max(1) as u32, (bottom - top).max(1) as u32);
    let mut pixmap = Pixmap::new(width, height)?;
    let paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    let at = Transform::from_translate(-left as f32, -top as f32);
    if halo > 0.0 {
        let stroke = Stroke {
            width: halo,
            line_join: LineJoin::Round,
            line_cap: LineCap::Butt,
            ..Stroke::default()
        };
        pixmap.stroke_path(&path, &paint, &stroke, at, None);
    } else {
        pixmap.fill_path(&path, &paint, FillRule::Winding, at, None);
    }
    let alpha = pixmap.pixels().iter().map(|p| p.alpha()).collect();
    Some(GlyphImage {
        left,
        top,
        width: width as usize,
        height: height as usize,
        alpha,
    })
}

/// Draws `texts` onto `pixmap`, after scaling by `scale` and moving down by
/// `top`: the transform the rest of the document was drawn with.
pub(super) fn draw(pixmap: &mut Pixmap, texts: &[Text], scale: f32, top: f32) {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        for text in texts {
            draw_one(&mut cache, pixmap, text, scale, top);
        }
    });
}

fn draw_one(cache: &mut Cache, pixmap: &mut Pixmap, text: &Text, scale: f32, top: f32) {
    let Some(Some(shaping)) = SHAPING.get(text.face.index()) else {
        return;
    };
    let size = text.size * scale;
    let baseline = text.y * scale + top;
    // Letters reach about an em above the baseline and a third below; a
    // text wholly outside the image (the rows a card leaves out) is not
    // even shaped.
    let reach = size * 1.5 + text.halo.map_or(0.0, |(_, w)| w * scale);
    if baseline + reach < 0.0 || baseline - reach > pixmap.height() as f32 {
        return;
    }
    let run = shape(text.face, &text.content);
    let k = size / shaping.units_per_em;
    let width: f32 = run.iter().map(|g| g.advance as f32 * k).sum();
    let start = text.x * scale
        - match text.anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => width / 2.0,
            Anchor::End => width,
        };
    // The halo first, under every letter, then the letters.
    let layers = text
        .halo
        .map(|(color, w)| (color, w * scale))
        .into_iter()
        .chain([(text.fill, 0.0)]);
    for (color, halo) in layers {
        let mut pen = start;
        for g in run.iter() {
            let x = pen + g.dx as f32 * k;
            let y = baseline - g.dy as f32 * k;
            pen += g.advance as f32 * k;
            let (ix, phase_x) = snap(x);
            let (iy, phase_y) = snap(y);
            let key = GlyphKey {
                face: text.face,
                id: g.id,
                size: size.to_bits(),
                halo: halo.to_bits(),
                phase_x,
                phase_y,
            };
            if let Some(image) = cache.glyph(key) {
                blend(pixmap, &image, ix, iy, color);
            }
        }
    }
}

/// The whole pixel and the nearest subpixel phase of a position; a
/// fraction that rounds up to a whole pixel is the next pixel's phase 0.
fn snap(v: f32) -> (i32, u8) {
    let quarters = (v * PHASES).round();
    let whole = (quarters / PHASES).floor();
    (whole as i32, (quarters - whole * PHASES) as u8)
}

/// Paints `color` through the glyph's coverage onto the premultiplied
/// pixels, source over.
fn blend(pixmap: &mut Pixmap, image: &GlyphImage, x: i32, y: i32, color: Rgba) {
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let (left, top) = (x + image.left, y + image.top);
    // The columns of the glyph that fall inside the image.
    let (from, to) = (left.max(0), (left + image.width as i32).min(pw));
    if from >= to {
        return;
    }
    let [r, g, b, a] = color.0.map(u32::from);
    let data = pixmap.data_mut();
    for row in 0..image.height as i32 {
        let py = top + row;
        if py < 0 || py >= ph {
            continue;
        }
        let start = row as usize * image.width;
        let src = &image.alpha[start + (from - left) as usize..start + (to - left) as usize];
        let dst = &mut data[((py * pw + from) * 4) as usize..((py * pw + to) * 4) as usize];
        for (&coverage, px) in src.iter().zip(dst.chunks_exact_mut(4)) {
            if coverage == 0 {
                continue;
            }
            let sa = div255(a * u32::from(coverage));
            let keep = 255 - sa;
            for (d, s) in px.iter_mut().zip([r, g, b]) {
                *d = (div255(s * sa) + div255(u32::from(*d) * keep)) as u8;
            }
            px[3] = (sa + div255(u32::from(px[3]) * keep)) as u8;
        }
    }
}

/// `v / 255`, rounded, for `v` up to 255².
fn div255(v: u32) -> u32 {
    (v + 128 + ((v + 128) >> 8)) >> 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_texts_are_taken_out_and_others_left() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" font-size="13" fill="#333333"><rect width="10" height="10"/><text x="5" y="20" text-anchor="middle" font-weight="bold">Đã  đạt
 &amp; hơn</text><text x="1" y="2" dx="3">lệch</text><text x="1" y="40" fill="#fff" stroke="#FFFFFF" stroke-width="4" stroke-linejoin="round" paint-order="stroke">✓</text></svg>"##;
        let (kept, texts) = split(svg);
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0].content, "Đã đạt & hơn");
        assert_eq!(texts[0].face, Face::Bold);
        assert_eq!(texts[0].anchor, Anchor::Middle);
        assert_eq!(texts[0].size, 13.0);
        assert_eq!(texts[0].fill, Rgba([0x33, 0x33, 0x33, 255]));
        assert_eq!(texts[1].halo, Some((Rgba([255, 255, 255, 255]), 4.0)));
        assert_eq!(texts[1].fill, Rgba([255, 255, 255, 255]));
        // The text with an offset stays for usvg, and so does the rest.
        assert!(kept.contains(r#"dx="3""#) && kept.contains("<rect"));
        assert!(!kept.contains("Đã") && !kept.contains('✓'));
        assert!(roxmltree::Document::parse(&kept).is_ok());
    }

    #[test]
    fn a_root_that_styles_its_texts_is_left_whole() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" font-weight="bold"><text x="1" y="2">a</text></svg>"#;
        let (kept, texts) = split(svg);
        assert!(texts.is_empty());
        assert_eq!(kept, svg);
        assert!(split("<svg").1.is_empty());
    }

    #[test]
    fn colours_are_read_in_both_hex_forms() {
        assert_eq!(Rgba::parse("#fff"), Some(Rgba([255, 255, 255, 255])));
        assert_eq!(Rgba::parse("#0b57A4"), Some(Rgba([0x0b, 0x57, 0xa4, 255])));
        assert_eq!(Rgba::parse("red"), None);
        assert_eq!(Rgba::parse("#12345"), None);
    }

    #[test]
    fn blending_is_source_over() {
        assert_eq!(div255(255 * 255), 255);
        assert_eq!(div255(0), 0);
        assert_eq!(div255(128 * 255), 128);
        let mut pixmap = Pixmap::new(2, 1).unwrap();
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        let image = GlyphImage {
            left: 0,
            top: 0,
            width: 2,
            height: 1,
            alpha: vec![255, 128],
        };
        blend(&mut pixmap, &image, 0, 0, Rgba([0, 0, 0, 255]));
        let px = pixmap.pixels();
        assert_eq!((px[0].red(), px[0].alpha()), (0, 255));
        assert_eq!((px[1].red(), px[1].alpha()), (127, 255));
        // A glyph partly or wholly off the image is cut, not wrapped.
        let mut pixmap = Pixmap::new(2, 2).unwrap();
        blend(&mut pixmap, &image, 1, 1, Rgba([0, 0, 0, 255]));
        blend(&mut pixmap, &image, -2, 0, Rgba([0, 0, 0, 255]));
        blend(&mut pixmap, &image, 0, 5, Rgba([0, 0, 0, 255]));
        let alpha: Vec<u8> = pixmap.pixels().iter().map(|p| p.alpha()).collect();
        assert_eq!(alpha, vec![0, 0, 0, 255]);
    }
}
