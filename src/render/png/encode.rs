//! Encoding an image as PNG while it is drawn, band by band, so that a
//! tall chart never needs all its pixels in memory at once.

use resvg::tiny_skia::Pixmap;

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
pub(super) fn draw_png(
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
