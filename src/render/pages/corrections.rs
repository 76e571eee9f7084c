//! The corrections page: every figure the site published and a later
//! session corrected, newest first, with the figure first published, when,
//! the figure that replaces it and why. Its Atom feed is made from the
//! same list (`feeds::corrections_context`).

use serde::Serialize;

use super::views::{correction_view, scope_href, CorrectionView};
use super::Making;
use crate::render::paths;
use crate::render::vocab::{self, alternates, Page};

/// What `corrections.html` shows.
#[derive(Serialize)]
struct CorrectionsPage {
    corrections: Vec<CorrectionItem>,
    /// The Atom feed of corrections, for `<link rel="alternate">`.
    feed: String,
}

/// One corrected figure.
#[derive(Serialize)]
struct CorrectionItem {
    /// Its anchor on this page, which is also the end of its feed entry's id.
    anchor: String,
    indicator: String,
    indicator_href: String,
    scope: String,
    scope_href: Option<String>,
    national: bool,
    session: String,
    session_href: String,
    session_date: String,
    session_iso: String,
    /// The figure the session reported in place of the old one.
    now: String,
    correction: CorrectionView,
}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let from = lx.paths.corrections();
    let corrections = lx
        .facts
        .corrections()
        .iter()
        .filter_map(|(s, r)| {
            let ind = lx.site.indicators.get(&r.indicator)?;
            Some(CorrectionItem {
                anchor: paths::correction_anchor(&s.id, r),
                indicator: lx.text(&ind.name),
                indicator_href: paths::relative(&from, &lx.paths.indicator(&ind.id)),
                scope: lx.scope_name(&r.scope),
                scope_href: scope_href(lx, &from, &r.scope),
                national: r.scope.is_national(),
                session: lx.text(&s.title),
                session_href: paths::relative(&from, &lx.paths.session(&s.id)),
                session_date: lx.date(s.date),
                session_iso: s.date.to_string(),
                now: lx.actual(ind, r),
                correction: correction_view(lx, &from, s, ind, r)?,
            })
        })
        .collect();
    m.made.pages.push(Page {
        template: "corrections.html",
        title: lx.t("corrections").to_owned(),
        context: vocab::view(&CorrectionsPage {
            corrections,
            feed: paths::relative(&from, &lx.paths.corrections_feed()),
        }),
        alternates: alternates(lx.site, |p| p.corrections()),
        path: from,
        updated: lx.facts.updated(),
    });
}
