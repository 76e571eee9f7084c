//! What one part of the site makes ([`Made`]): the pages to render, the
//! files to write as they are and the PNG images to rasterize. Page
//! families and figures add to it; `render_site` writes it.

use crate::render::png::Raster;
use crate::render::vocab::{File, Page};

/// The pages, files and images of one part, in the order they were made.
#[derive(Default)]
pub struct Made {
    pub pages: Vec<Page>,
    pub files: Vec<File>,
    pub rasters: Vec<Raster>,
}
