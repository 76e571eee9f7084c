//! The list of sessions, newest first.

use serde_json::json;

use super::views::{session_summary, SessionSummary};
use super::Making;
use crate::render::vocab::{alternates, Page};

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let from = lx.paths.sessions();
    let list: Vec<SessionSummary> = lx
        .site
        .sessions()
        .rev()
        .map(|s| session_summary(lx, &from, s))
        .collect();
    m.made.pages.push(Page {
        template: "sessions.html",
        title: lx.t("sessions").to_owned(),
        context: json!({ "sessions": list }),
        alternates: alternates(lx.site, |p| p.sessions()),
        path: from,
    });
}
