//! The list of every change of a target on the site: a target that a
//! later session gave another value or due date, with the session that
//! set it and the one that changed it (see `compute::goalposts`).

use serde::Serialize;

use super::views::{change_view, ChangeView};
use super::Making;
use crate::render::vocab::{self, alternates, Page};

/// What `target_changes.html` shows.
#[derive(Serialize)]
struct TargetChangesPage {
    changes: Vec<ChangeView>,
}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let from = lx.paths.target_changes();
    let changes = lx
        .facts
        .changes()
        .iter()
        .map(|c| change_view(lx, &from, c))
        .collect();
    m.made.pages.push(Page {
        template: "target_changes.html",
        title: lx.t("target_changes").to_owned(),
        context: vocab::view(&TargetChangesPage { changes }),
        alternates: alternates(lx.site, |p| p.target_changes()),
        path: from,
        updated: lx.facts.updated(),
    });
}
