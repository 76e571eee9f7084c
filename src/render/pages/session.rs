//! A session's page (its results, overview chart, notes and sources), its
//! page of one chart per result, its data files and its social card.

use serde::Serialize;

use super::views::{card_meta, result_rows, session_card, session_summary, source_views};
use super::views::{status_view, CardMeta, ResultRow, SessionSummary, SourceView, StatusView};
use super::Making;
use crate::compute::{Status, Tally};
use crate::model::{Indicator, ResultEntry, Session};
use crate::render::figure::{Figure, FigureView};
use crate::render::markdown;
use crate::render::paths;
use crate::render::vocab::{self, alternates, Localizer, Page};

/// What the session's page shows.
#[derive(Serialize)]
struct SessionPage<'a> {
    session: SessionSummary,
    chair: Option<String>,
    notes_html: Option<String>,
    notes_lang: Option<&'a str>,
    /// How many results the session reviewed.
    count: usize,
    /// Its results' rows, by status, in the order of the method's statuses.
    groups: Vec<StatusGroup>,
    /// Whether every row names the same source, which the page then
    /// names once rather than on every row.
    one_source: bool,
    tally: &'a Tally,
    chart: FigureView,
    charts_page: Option<String>,
    data: DataLinks,
    copy_script: String,
    card: CardMeta,
    sources: Vec<SourceView>,
}

/// The results of a session with one status.
#[derive(Serialize)]
struct StatusGroup {
    status: StatusView,
    rows: Vec<ResultRow>,
}

/// `rows` by status, in the order the site's method lists statuses.
fn by_status(lx: &Localizer, rows: Vec<ResultRow>) -> Vec<StatusGroup> {
    let mut groups: Vec<StatusGroup> = Status::of_method(lx.site.settings.method)
        .iter()
        .map(|s| StatusGroup {
            status: status_view(*s, lx.locale),
            rows: Vec::new(),
        })
        .collect();
    for row in rows {
        if let Some(g) = groups.iter_mut().find(|g| g.status.key == row.status_key()) {
            g.rows.push(row);
        }
    }
    groups.retain(|g| !g.rows.is_empty());
    groups
}

/// The session's data files, relative to its page.
#[derive(Serialize)]
struct DataLinks {
    csv: String,
    json: String,
}

/// What the session's page of charts shows.
#[derive(Serialize)]
struct ChartsPage {
    session: SessionSummary,
    charts: Vec<FigureView>,
    copy_script: String,
}

pub(super) fn make(m: &mut Making, s: &Session) {
    let lx = &m.lx;
    let site = lx.site;
    let from = lx.paths.session(&s.id);
    let items: Vec<(&Session, &ResultEntry)> = s.results.iter().map(|r| (s, r)).collect();
    let card_path = lx.paths.session_card(&s.id);
    let card = session_card(lx, s);
    let (overview, card_to_draw) = m.store.overview(lx, s, card.clone(), &card_path, true);
    // The results that have a figure, and their figures, in order.
    let figured: Vec<(&ResultEntry, &Indicator)> = s
        .results
        .iter()
        .filter_map(|r| Some((r, site.indicators.get(&r.indicator)?)))
        .collect();
    // A site that leaves out the results' own files draws no chart per
    // result: no row links to one, and there is no page of them.
    let result_figures: Vec<Figure> = match site.settings.result_files {
        true => figured
            .iter()
            .map(|(r, ind)| m.store.result(lx, s, ind, r))
            .collect(),
        false => Vec::new(),
    };
    let rows = result_rows(lx, &from, &items, &result_figures);
    let one_source = rows.len() > 1
        && rows[0].source_id().is_some()
        && rows.iter().all(|r| r.source_id() == rows[0].source_id());
    let count = rows.len();
    let groups = by_status(lx, rows);
    if !result_figures.is_empty() {
        // The page of charts shows the session's header and its results'
        // charts, not its summary or notes: it is made from what the
        // overview is made from.
        let charts_page = lx.paths.session_charts(&s.id);
        let alternates = alternates(site, |p| p.session_charts(&s.id));
        let make = || charts_page_of(lx, s, &result_figures, &charts_page, &alternates);
        m.store
            .page_of(&mut m.made, &overview, &charts_page, &alternates, make);
    }
    m.store.write(lx, &overview, &mut m.made);
    for fig in &result_figures {
        m.store.write(lx, fig, &mut m.made);
    }
    // The session's data: the records the overview draws.
    let data = [
        lx.paths.session_results_csv(&s.id),
        lx.paths.session_results_json(&s.id),
    ];
    m.store.data_of(&mut m.made, lx, &overview, &items, data);
    let card_view = card_meta(
        &card,
        &card_path,
        lx.opt(&s.summary)
            .unwrap_or_else(|| format!("{} {}.", card.key, card.key_label)),
    );
    m.store.card(&mut m.made, card_path, card_to_draw);
    let lang = lx.lang;
    let notes = s
        .notes
        .get(lang)
        .or_else(|| s.notes.get(site.settings.default_lang()))
        .or_else(|| s.notes.values().next());
    let notes_lang = s
        .notes
        .keys()
        .find(|l| *l == lang)
        .or_else(|| s.notes.keys().find(|l| *l == site.settings.default_lang()))
        .or_else(|| s.notes.keys().next());
    let t = lx.tally(s);
    m.made.pages.push(Page {
        template: "session.html",
        title: lx.text(&s.title),
        context: vocab::view(&SessionPage {
            session: session_summary(lx, &from, s),
            chair: lx.opt(&s.chair),
            notes_html: notes.map(|n| markdown::to_html(n, 1)),
            notes_lang: notes_lang.filter(|l| *l != lang).map(|l| l.as_str()),
            count,
            groups,
            one_source,
            tally: t,
            chart: overview.view(lx, &from, true),
            charts_page: (!result_figures.is_empty())
                .then(|| paths::relative(&from, &lx.paths.session_charts(&s.id))),
            data: DataLinks {
                csv: paths::relative(&from, &lx.paths.session_results_csv(&s.id)),
                json: paths::relative(&from, &lx.paths.session_results_json(&s.id)),
            },
            copy_script: paths::relative(&from, paths::COPY_SCRIPT),
            card: card_view,
            sources: source_views(lx, &from, &s.sources),
        }),
        alternates: alternates(site, |p| p.session(&s.id)),
        updated: Some(s.date),
        path: from,
    });
}

/// The session's page of charts, one per result, each with its embed
/// codes and citation.
fn charts_page_of(
    lx: &crate::render::vocab::Localizer,
    s: &Session,
    figures: &[Figure],
    path: &str,
    alternates: &[(crate::model::Lang, String)],
) -> Page {
    let session = SessionSummary {
        summary: None,
        ..session_summary(lx, path, s)
    };
    Page {
        template: "session_charts.html",
        title: format!("{} · {}", lx.t("charts_by_indicator"), lx.text(&s.title)),
        context: vocab::view(&ChartsPage {
            session,
            charts: figures.iter().map(|f| f.view(lx, path, true)).collect(),
            copy_script: paths::relative(path, paths::COPY_SCRIPT),
        }),
        alternates: alternates.to_vec(),
        updated: Some(s.date),
        path: path.to_owned(),
    }
}
