//! The download of a chart: its SVG drawn at [`CHART_SCALE`], or less for
//! a very tall one.

use super::drawing::Drawing;
use super::encode::draw_png;

/// Chart downloads are rendered at this multiple of their drawn size.
pub const CHART_SCALE: f32 = 2.0;

/// A chart at [`CHART_SCALE`].
pub(super) fn chart_png(svg: &str) -> Result<Vec<u8>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::png::png_size;

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
    fn a_chart_is_rendered_at_twice_its_size() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 476"><text x="10" y="40">Số hóa</text></svg>"#;
        assert_eq!(png_size(&chart_png(svg).unwrap()), Some((1520, 952)));
        assert!(chart_png("<svg").is_err());
    }
}
