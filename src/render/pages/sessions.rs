//! The list of sessions, newest first.

use serde::Serialize;

use super::views::{session_summary, SessionSummary};
use super::Making;
use crate::render::vocab::{self, alternates, Page};

/// What `sessions.html` shows.
#[derive(Serialize)]
struct SessionsPage {
    sessions: Vec<SessionSummary>,
}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let from = lx.paths.sessions();
    let sessions: Vec<SessionSummary> = lx
        .site
        .sessions()
        .rev()
        .map(|s| session_summary(lx, &from, s))
        .collect();
    m.made.pages.push(Page {
        template: "sessions.html",
        title: lx.t("sessions").to_owned(),
        context: vocab::view(&SessionsPage { sessions }),
        alternates: alternates(lx.site, |p| p.sessions()),
        updated: lx.facts.updated(),
        path: from,
    });
}
