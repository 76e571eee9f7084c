//! The search page and its index script (see [`crate::render::search`]).

use super::Making;

pub(super) fn make(m: &mut Making) {
    let (page, index) = crate::render::search::job(&m.lx);
    m.made.pages.push(page);
    m.made.files.push(index);
}
