//! A page per scope (a province, a ministry, the national level): every
//! figure reported for it at any session, with its status; and the list
//! of scopes. Which scopes have a page is a fact of the site
//! (`Facts::scopes`).

use serde::Serialize;

use super::views::{result_rows, ResultRow};
use super::Making;
use crate::model::ScopeId;
use crate::render::paths;
use crate::render::vocab::{self, alternates, Page};

/// What `scopes.html` shows.
#[derive(Serialize)]
struct ScopesPage {
    scopes: Vec<ScopeItem>,
}

/// One scope in the list.
#[derive(Serialize)]
struct ScopeItem {
    national: bool,
    name: String,
    href: String,
    /// How many figures were reported for it.
    figures: usize,
    /// How many sessions reported them.
    sessions: usize,
}

/// What `scope.html` shows.
#[derive(Serialize)]
struct ScopePage {
    name: String,
    heading: String,
    rows: Vec<ResultRow>,
    sessions: usize,
}

pub(super) fn make_list(m: &mut Making) {
    let lx = &m.lx;
    let from = lx.paths.scopes();
    let mut scopes: Vec<ScopeItem> = lx
        .facts
        .scopes()
        .iter()
        .map(|id| {
            let rows = m.index.in_scope(id);
            ScopeItem {
                national: id.is_national(),
                name: lx.scope_name(id),
                href: paths::relative(&from, &lx.paths.scope(id)),
                figures: rows.len(),
                sessions: sessions_in(rows),
            }
        })
        .collect();
    // National first, then by name as the language sorts it.
    crate::collate::Collation::for_lang(lx.lang).sort_by_text(&mut scopes, |s| &s.name);
    scopes.sort_by_key(|s| !s.national);
    m.made.pages.push(Page {
        template: "scopes.html",
        title: lx.t("scopes").to_owned(),
        context: vocab::view(&ScopesPage { scopes }),
        alternates: alternates(lx.site, |p| p.scopes()),
        path: from,
        updated: lx.facts.updated(),
    });
}

pub(super) fn make_scope(m: &mut Making, id: &ScopeId) {
    let lx = &m.lx;
    let from = lx.paths.scope(id);
    let found = m.index.in_scope(id);
    // Newest session first, as a reader following a province wants the
    // latest figures at the top; a session's figures in its order.
    let mut items: Vec<_> = found.to_vec();
    items.sort_by_key(|(s, _)| std::cmp::Reverse((s.date, &s.id)));
    let name = lx.scope_name(id);
    // The newest session with a figure for the scope.
    let updated = items.first().map(|(s, _)| s.date);
    m.made.pages.push(Page {
        template: "scope.html",
        title: name.clone(),
        context: vocab::view(&ScopePage {
            heading: lx.t("scope_figures").replace("{scope}", &name),
            name: name.clone(),
            rows: result_rows(lx, &from, &items, &[]),
            sessions: sessions_in(found),
        }),
        alternates: alternates(lx.site, |p| p.scope(id)),
        path: from,
        updated,
    });
}

/// How many sessions the rows come from (they are in session order).
fn sessions_in(rows: &[(&crate::model::Session, &crate::model::ResultEntry)]) -> usize {
    let mut n = 0;
    let mut last = None;
    for (s, _) in rows {
        if last != Some(&s.id) {
            n += 1;
            last = Some(&s.id);
        }
    }
    n
}
