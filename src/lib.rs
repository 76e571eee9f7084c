//! minhbach turns YAML indicator data and Markdown notes into a static,
//! bilingual site with SVG charts of targets versus actuals for each session
//! of a committee.
//!
//! The modules follow the data as it flows:
//! [`load`] reads files → [`validate`] checks them into the [`model`] →
//! [`compute`] derives status and progress → [`render`] makes charts, pages
//! and data files → [`output`] writes them atomically.

pub mod compute;
pub mod diagnostics;
pub mod format;
pub mod i18n;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod validate;
