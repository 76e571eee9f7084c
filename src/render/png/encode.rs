//! Encoding an image as PNG while it is drawn, band by band, so that a
//! tall chart never needs all its pixels in memory at once.

use std::collections::HashMap;

use resvg::tiny_skia::Pixmap;

/// Most pixels drawn at once: a tall chart is drawn in bands of about this
/// many pixels, each written to the PNG before the next is drawn, so that
/// an image never needs all its pixels in memory at once (a session
/// overview of a national site is 760 × 18,000 pixels: 56 MB).
const BAND_PIXELS: u32 = 1 << 20;

/// Most colours an indexed PNG has.
const PALETTE: usize = 256;

/// The largest share of an image's pixels, in thousandths, whose colours
/// may be replaced by the nearest of its 256 most used ones to make it
/// indexed: a social card with a few more colours than 256 has them in a
/// few anti-aliased edge pixels, invisible when moved to the nearest
/// shade; an image that would change more is kept in full colour.
const MOST_MOVED_PER_MILLE: usize = 5;

thread_local! {
    /// The buffer this thread draws bands in (see [`draw_png`]).
    static BAND: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Draws an image on white band by band, top to bottom, with `band(top,
/// pixmap)` drawing the rows from `top` down into `pixmap`, and encodes
/// it.
///
/// Everything is drawn on white, so every pixel is opaque (a transparent
/// PNG turns black in some viewers). The charts and cards have a few flat
/// colours and the shades of their anti-aliased edges: a few hundred
/// colours at most, so the image is written as an indexed PNG, one byte
/// a pixel instead of three, a quarter to a fifth of the bytes of the
/// same image in full colour, with the same pixels (see
/// [`MOST_MOVED_PER_MILLE`] for the few with a little more than 256). While
/// it is drawn, the image is kept as one index per pixel (two bytes once
/// it has more than 256 colours), not as the four bytes of a drawn pixel.
///
/// See [`encode`] for the deflate settings.
pub(super) fn draw_png(
    width: u32,
    height: u32,
    mut band: impl FnMut(u32, &mut Pixmap),
) -> Result<Vec<u8>, String> {
    let (width, height) = (width.max(1), height.max(1));
    let rows = (BAND_PIXELS / width).clamp(1, height);
    let mut colours = Colours::default();
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
        colours.add(pixmap.data());
        buffer = pixmap.take();
        top += rows;
    }
    BAND.with(|b| b.set(buffer));
    colours.encode(width, height)
}

/// The pixels of an image as indices into its table of colours, in the
/// order they first appear (so that the same image gives the same bytes).
struct Colours {
    table: Vec<[u8; 3]>,
    index: HashMap<[u8; 3], u16>,
    /// The colours last looked up, by a hash of their own: a chart has a
    /// few hundred colours, nearly all found here without hashing them
    /// for the map, which took most of the time of indexing.
    recent: Box<[([u8; 3], u16); RECENT]>,
    /// One byte a pixel while there are at most 256 colours.
    narrow: Vec<u8>,
    /// Two bytes a pixel after that.
    wide: Vec<u16>,
    /// Three bytes a pixel, the colours themselves, past 65,536 colours (a
    /// photograph, never a chart).
    full: Vec<u8>,
}

/// Entries of [`Colours::recent`].
const RECENT: usize = 1024;

/// The slot of `rgb` in [`Colours::recent`].
fn slot(rgb: [u8; 3]) -> usize {
    let v = u32::from(rgb[0]) | u32::from(rgb[1]) << 8 | u32::from(rgb[2]) << 16;
    (v.wrapping_mul(0x9E37_79B1) >> 22) as usize % RECENT
}

impl Default for Colours {
    fn default() -> Self {
        // Index `u16::MAX` marks an empty entry (no colour is given it).
        Colours {
            table: Vec::new(),
            index: HashMap::new(),
            recent: Box::new([([0; 3], u16::MAX); RECENT]),
            narrow: Vec::new(),
            wide: Vec::new(),
            full: Vec::new(),
        }
    }
}

impl Colours {
    /// Adds the pixels of `rgba` (opaque, so premultiplied is plain).
    fn add(&mut self, rgba: &[u8]) {
        // Most neighbours share a colour: the last one is looked up once.
        let mut last: Option<([u8; 3], u16)> = None;
        for p in rgba.chunks_exact(4) {
            let rgb = [p[0], p[1], p[2]];
            let i = match last {
                Some((c, i)) if c == rgb => i,
                _ => match self.index_of(rgb) {
                    Some(i) => {
                        last = Some((rgb, i));
                        i
                    }
                    None => {
                        self.full.extend_from_slice(&rgb);
                        continue;
                    }
                },
            };
            if !self.full.is_empty() {
                self.full.extend_from_slice(&rgb);
            } else if self.wide.is_empty() && self.table.len() <= PALETTE {
                self.narrow.push(i as u8);
            } else {
                self.wide.push(i);
            }
        }
    }

    /// The index of `rgb`, added to the table if it is new; `None` once
    /// the image is kept in full colour.
    fn index_of(&mut self, rgb: [u8; 3]) -> Option<u16> {
        if !self.full.is_empty() {
            return None;
        }
        let slot = slot(rgb);
        let (c, i) = self.recent[slot];
        if c == rgb && i != u16::MAX {
            return Some(i);
        }
        if let Some(&i) = self.index.get(&rgb) {
            self.recent[slot] = (rgb, i);
            return Some(i);
        }
        if self.table.len() > u16::MAX as usize {
            // Every index is taken: from now on, the colours themselves.
            let (table, wide) = (&self.table, std::mem::take(&mut self.wide));
            self.full = wide.iter().flat_map(|&i| table[i as usize]).collect();
            return None;
        }
        let i = self.table.len() as u16;
        self.table.push(rgb);
        self.index.insert(rgb, i);
        self.recent[slot] = (rgb, i);
        if self.table.len() == PALETTE + 1 {
            self.wide = self.narrow.iter().map(|&i| u16::from(i)).collect();
            self.narrow = Vec::new();
        }
        Some(i)
    }

    /// The image as PNG: indexed when its colours fit in a palette, or
    /// nearly (see [`MOST_MOVED_PER_MILLE`]); in full colour otherwise.
    fn encode(self, width: u32, height: u32) -> Result<Vec<u8>, String> {
        if self.table.len() <= PALETTE {
            return indexed(width, height, &self.table, &self.narrow);
        }
        if !self.full.is_empty() {
            return encode(width, height, png::ColorType::Rgb, None, &self.full);
        }
        if let Some((palette, indices)) = self.nearly() {
            return indexed(width, height, &palette, &indices);
        }
        let rgb: Vec<u8> = self
            .wide
            .iter()
            .flat_map(|&i| self.table[i as usize])
            .collect();
        encode(width, height, png::ColorType::Rgb, None, &rgb)
    }

    /// The 256 most used colours and the image's pixels in them, each of
    /// the others replaced by the nearest; `None` if that would change more
    /// than [`MOST_MOVED_PER_MILLE`] of the pixels.
    fn nearly(&self) -> Option<(Vec<[u8; 3]>, Vec<u8>)> {
        let mut uses = vec![0usize; self.table.len()];
        for &i in &self.wide {
            uses[i as usize] += 1;
        }
        let mut order: Vec<usize> = (0..self.table.len()).collect();
        // Most used first; ties in the order of appearance.
        order.sort_by_key(|&i| (std::cmp::Reverse(uses[i]), i));
        let moved: usize = order[PALETTE..].iter().map(|&i| uses[i]).sum();
        if moved * 1000 > self.wide.len() * MOST_MOVED_PER_MILLE {
            return None;
        }
        let palette: Vec<[u8; 3]> = order[..PALETTE].iter().map(|&i| self.table[i]).collect();
        let mut to = vec![0u8; self.table.len()];
        for (p, &i) in order[..PALETTE].iter().enumerate() {
            to[i] = p as u8;
        }
        for &i in &order[PALETTE..] {
            to[i] = nearest(&palette, self.table[i]);
        }
        Some((palette, self.wide.iter().map(|&i| to[i as usize]).collect()))
    }
}

/// The index of the colour of `palette` nearest to `rgb`.
fn nearest(palette: &[[u8; 3]], rgb: [u8; 3]) -> u8 {
    let distance = |c: &[u8; 3]| -> i32 {
        (0..3)
            .map(|k| (i32::from(c[k]) - i32::from(rgb[k])).pow(2))
            .sum()
    };
    (0..palette.len())
        .min_by_key(|&i| distance(&palette[i]))
        .unwrap_or(0) as u8
}

/// An indexed PNG of `indices` into `palette`.
fn indexed(
    width: u32,
    height: u32,
    palette: &[[u8; 3]],
    indices: &[u8],
) -> Result<Vec<u8>, String> {
    let palette: Vec<u8> = palette.concat();
    encode(
        width,
        height,
        png::ColorType::Indexed,
        Some(palette),
        indices,
    )
}

/// Encodes `data`, rows of `width` pixels of `color`, top to bottom.
fn encode(
    width: u32,
    height: u32,
    color: png::ColorType,
    palette: Option<Vec<u8>>,
    data: &[u8],
) -> Result<Vec<u8>, String> {
    let fail = |e: png::EncodingError| format!("cannot encode the PNG: {e}");
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    // Indexed and full-colour images alike: the fast deflate with Paeth.
    // On the indexed charts zlib level 3, unfiltered, gives a third fewer
    // bytes again, but made a national build half as slow again; the fast
    // deflate already writes a third of the full-colour bytes there.
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Paeth);
    if let Some(p) = palette {
        encoder.set_palette(p);
    }
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(data).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `png` into RGB.
    fn decode(png: &[u8]) -> (png::ColorType, u32, u32, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let color = reader.info().color_type;
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        pixels.truncate(frame.buffer_size());
        (color, frame.width, frame.height, pixels)
    }

    /// An image of `width` × `height` whose pixel `n` is `colour(n)`.
    fn image(width: u32, height: u32, colour: impl Fn(usize) -> [u8; 3]) -> Vec<u8> {
        draw_png(width, height, |top, band| {
            let w = band.width() as usize;
            for (k, p) in band.data_mut().chunks_exact_mut(4).enumerate() {
                let [r, g, b] = colour(top as usize * w + k);
                p.copy_from_slice(&[r, g, b, 255]);
            }
        })
        .unwrap()
    }

    fn expected(n: usize, colour: impl Fn(usize) -> [u8; 3]) -> Vec<u8> {
        (0..n).flat_map(colour).collect()
    }

    #[test]
    fn an_image_of_few_colours_is_indexed_with_the_same_pixels() {
        // Tall enough for several bands.
        let (w, h) = (700, 3_000);
        // 200 colours, in a pattern that differs from row to row.
        let colour = |n: usize| [(n % 200) as u8, (n % 200 / 100) as u8, 9];
        let (color, width, height, rgb) = decode(&image(w, h, colour));
        assert_eq!((color, width, height), (png::ColorType::Indexed, w, h));
        assert_eq!(rgb, expected((w * h) as usize, colour));
    }

    #[test]
    fn a_few_rare_colours_past_256_move_to_the_nearest() {
        let (w, h) = (400, 300);
        // 256 colours, and 20 more in one pixel each.
        let colour = |n: usize| match n {
            n if n % 1000 == 0 && n / 1000 < 20 => [0, 255, (n / 1000) as u8 * 2 + 1],
            n => [(n % 256) as u8, 0, 0],
        };
        let (color, .., rgb) = decode(&image(w, h, colour));
        assert_eq!(color, png::ColorType::Indexed);
        let want = expected((w * h) as usize, colour);
        let differ = rgb
            .chunks(3)
            .zip(want.chunks(3))
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(differ, 20);
    }

    #[test]
    fn an_image_of_more_colours_than_indices_keeps_every_pixel() {
        let (w, h) = (400, 400);
        let colour = |n: usize| [(n % 256) as u8, (n / 256 % 256) as u8, (n / 65_536) as u8];
        let (color, .., rgb) = decode(&image(w, h, colour));
        assert_eq!(color, png::ColorType::Rgb);
        assert_eq!(rgb, expected((w * h) as usize, colour));
    }

    #[test]
    fn an_image_of_many_colours_stays_in_full_colour() {
        let (w, h) = (300, 200);
        let colour = |n: usize| [(n % 251) as u8, (n % 241) as u8, (n / 300) as u8];
        let (color, .., rgb) = decode(&image(w, h, colour));
        assert_eq!(color, png::ColorType::Rgb);
        assert_eq!(rgb, expected((w * h) as usize, colour));
    }
}
