//! Shaping and glyph images: each face gets one shaper, built once, and
//! each glyph is rasterized once per size, subpixel position and halo
//! width, then kept in a per-thread cache for [`super::paint`] to copy.

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

use super::fonts::{Face, FACES};

/// A face ready to shape with.
pub(super) struct Shaping {
    font: harfrust::FontRef<'static>,
    data: harfrust::ShaperData,
    pub(super) units_per_em: f32,
}

pub(super) static SHAPING: LazyLock<Vec<Option<Shaping>>> = LazyLock::new(|| {
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
pub(super) struct Placed {
    pub(super) id: u32,
    pub(super) advance: i32,
    pub(super) dx: i32,
    pub(super) dy: i32,
}

/// A glyph's coverage, rasterized at a size and a subpixel position.
pub(super) struct GlyphImage {
    /// Offset of the image's top left from the integer pen position.
    pub(super) left: i32,
    pub(super) top: i32,
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) alpha: Vec<u8>,
}

/// Subpixel positions per pixel, in each direction.
pub(super) const PHASES: f32 = 4.0;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct GlyphKey {
    pub(super) face: Face,
    pub(super) id: u32,
    /// Size and halo width, as bits of their f32.
    pub(super) size: u32,
    pub(super) halo: u32,
    pub(super) phase_x: u8,
    pub(super) phase_y: u8,
}

/// Glyph images, per rendering thread: the images of one build draw the
/// same few hundred letters at a few sizes hundreds of thousands of times.
/// (Shaped texts are not kept: most are figures that appear once, and
/// shaping with a ready shaper is cheap.)
#[derive(Default)]
pub(super) struct Cache {
    glyphs: HashMap<GlyphKey, Option<Rc<GlyphImage>>>,
    /// About how much memory `glyphs` holds.
    bytes: usize,
}

thread_local! {
    pub(super) static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// About the most memory a thread's glyph images take before it starts
/// afresh: enough for every letter of a build's charts at their sizes,
/// while the large letters of the cards come and go.
const CACHE_BYTES: usize = 8 << 20;

impl Cache {
    pub(super) fn glyph(&mut self, key: GlyphKey) -> Option<Rc<GlyphImage>> {
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

pub(super) fn shape(face: Face, content: &str) -> Vec<Placed> {
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
