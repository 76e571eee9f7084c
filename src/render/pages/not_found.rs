//! The 404 page.

use serde::Serialize;

use super::Making;
use crate::render::vocab::{self, alternates, Page};

/// What `404.html` shows beyond the shared context: nothing of its own.
#[derive(Serialize)]
struct NotFoundPage {}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    m.made.pages.push(Page {
        template: "404.html",
        title: lx.t("page_not_found").to_owned(),
        context: vocab::view(&NotFoundPage {}),
        alternates: alternates(lx.site, |p| p.not_found()),
        updated: None,
        path: lx.paths.not_found(),
    });
}
