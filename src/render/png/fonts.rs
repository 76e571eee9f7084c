//! The four DejaVu Sans faces compiled into the binary, and usvg's font
//! database made of them. No system font is ever consulted, so every
//! machine draws the same letters.

use std::sync::{Arc, LazyLock};

use resvg::usvg::fontdb;

use crate::render::charts::style::IMAGE_FAMILY;

/// One of the four DejaVu Sans faces the images are drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Face {
    Regular,
    Bold,
    Oblique,
    BoldOblique,
}

impl Face {
    pub(super) fn new(bold: bool, slanted: bool) -> Face {
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

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

pub(super) const FACES: [Face; 4] = [Face::Regular, Face::Bold, Face::Oblique, Face::BoldOblique];

/// The database usvg draws the rest of a document with: the same four
/// faces the texts drawn from the glyph cache use, DejaVu Sans for every
/// generic family.
pub(super) static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    for face in FACES {
        db.load_font_source(fontdb::Source::Binary(Arc::new(face.data())));
    }
    db.set_sans_serif_family(IMAGE_FAMILY);
    Arc::new(db)
});
