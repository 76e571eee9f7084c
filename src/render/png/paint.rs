//! Draws the texts taken out of a document onto its image: each text is
//! shaped, placed by its anchor, and its glyph images (halo first, then the
//! letters) are blended source-over onto the premultiplied pixels.

use resvg::tiny_skia::Pixmap;

use super::glyphs::{shape, Cache, GlyphImage, GlyphKey, CACHE, PHASES, SHAPING};
use super::text::{Anchor, Rgba, Text};

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
