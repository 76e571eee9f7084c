//! The 404 page.

use serde_json::json;

use super::Making;
use crate::render::vocab::{alternates, Page};

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    m.made.pages.push(Page {
        template: "404.html",
        title: lx.t("page_not_found").to_owned(),
        context: json!({}),
        alternates: alternates(lx.site, |p| p.not_found()),
        path: lx.paths.not_found(),
    });
}
