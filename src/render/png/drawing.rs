//! An SVG document ready to draw onto an image: usvg's tree of everything
//! but the plain texts, which [`super::paint`] draws from the glyph cache.

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

use super::fonts::FONTS;
use super::{paint, text};
use crate::render::charts::style::IMAGE_FAMILY;

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: IMAGE_FAMILY.to_owned(),
        fontdb: FONTS.clone(),
        ..usvg::Options::default()
    }
}

fn tree(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &options()).map_err(|e| format!("the SVG does not parse: {e}"))
}

/// An SVG document ready to draw: usvg's tree of everything but the plain
/// texts, which [`paint`] draws from its glyph cache.
pub(super) struct Drawing {
    tree: usvg::Tree,
    texts: Vec<text::Text>,
}

impl Drawing {
    pub(super) fn new(svg: &str) -> Result<Drawing, String> {
        let (rest, texts) = text::split(svg);
        Ok(Drawing {
            tree: tree(&rest)?,
            texts,
        })
    }

    pub(super) fn size(&self) -> usvg::Size {
        self.tree.size()
    }

    /// Draws at `scale`, moved down by `top` pixels.
    pub(super) fn draw(&self, pixmap: &mut Pixmap, scale: f32, top: f32) {
        resvg::render(
            &self.tree,
            Transform::from_scale(scale, scale).post_translate(0.0, top),
            &mut pixmap.as_mut(),
        );
        paint::draw(pixmap, &self.texts, scale, top);
    }
}
