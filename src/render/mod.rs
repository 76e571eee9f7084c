//! Rendering: charts, pages and data files.

pub mod charts;
