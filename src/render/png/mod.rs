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
//!
//! How an image is made, module by module: `chart` and `card` decide
//! what is drawn where; `drawing` hands a document to usvg without its
//! plain texts, which `text` takes out and `paint` draws from the
//! glyph images of `glyphs`, all in the faces of `fonts`; `encode`
//! writes the pixels as PNG band by band. `measure` lays out the
//! card's texts with the same fonts. Colours and sizes come from
//! `charts/style.rs`, shared with the SVG charts.

mod card;
mod chart;
mod drawing;
mod encode;
mod fonts;
mod glyphs;
mod measure;
mod paint;
mod text;

pub use card::{Card, CARD_HEIGHT, CARD_WIDTH};

/// An image to render.
#[derive(Debug, Clone)]
pub enum Raster {
    /// A chart, at [`chart::CHART_SCALE`].
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
            Raster::Chart { svg, .. } => chart::chart_png(svg),
            Raster::Card { card, .. } => card.png(),
        }
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
