//! An indicator's page: its history chart, every result of it, and its
//! social card with the latest figure.

use serde::Serialize;

use super::views::{
    card_meta, change_view, result_rows, target_view, CardMeta, ChangeView, ResultRow, TargetView,
};
use super::Making;
use crate::i18n;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::compute::Facts;
use crate::model::{Direction, Indicator, IndicatorId, ResultEntry, Session, Site};
use crate::render::catalog;
use crate::render::drawing;
use crate::render::figure::{Figure, FigureView};
use crate::render::markdown;
use crate::render::paths;
use crate::render::png::{Card, Raster};
use crate::render::vocab::{self, alternates, Localizer, Page};

/// What an indicator's page shows.
#[derive(Serialize)]
struct IndicatorPage<'a> {
    indicator: About<'a>,
    /// How each of its targets is going, by scope.
    targets: Vec<TargetView>,
    /// Every change of its targets by a later session.
    changes: Vec<ChangeView>,
    /// The page listing every change of the site's targets.
    changes_href: String,
    /// The indicator this one replaces, and those that replace it.
    replaces: Option<Link>,
    replaced_by: Vec<Link>,
    rows: Vec<ResultRow>,
    chart: FigureView,
    copy_script: String,
    card: CardMeta,
    /// The indicator's data as a schema.org `Dataset`, for a
    /// `<script type="application/ld+json">`.
    json_ld: String,
}

/// A link to another indicator.
#[derive(Serialize)]
struct Link {
    name: String,
    href: String,
}

/// The indicator itself.
#[derive(Serialize)]
struct About<'a> {
    id: &'a str,
    name: String,
    unit: &'a str,
    direction: String,
    group: Option<String>,
    description_html: Option<String>,
}

pub(super) fn make(m: &mut Making, ind: &Indicator) {
    let lx = &m.lx;
    let site = lx.site;
    let from = lx.paths.indicator(&ind.id);
    let history = m.index.history(&ind.id);
    // The chart draws the history as corrected: a figure a later session
    // corrected is left out of it (the table below still lists it, saying
    // so), so that two points of one date do not both stand as the figure.
    let charted: Vec<_> = history
        .iter()
        .filter(|(_, r)| lx.facts.corrected_by(r).is_none())
        .copied()
        .collect();
    let chart = drawing::history_figure(lx, ind, &charted, None);
    chart.outputs(lx, &mut m.made);
    let rows = result_rows(lx, &from, history, &[]);
    // The chart frozen at each session with a result of the indicator,
    // written beside the live one; the page offers the latest.
    let mut latest_frozen = None;
    if site.settings.result_files && site.settings.frozen_embeds {
        for (session, fig) in frozen_figures(lx, ind, history) {
            fig.outputs(lx, &mut m.made);
            latest_frozen = Some((session, fig));
        }
    }
    let (key, key_label, description) = card_words(lx, ind, history.last());
    let card = Card {
        site: lx.text(&site.settings.title),
        title: lx.text(&ind.name),
        subtitle: chart.cite_date.clone(),
        key,
        key_label,
        chart: Some(chart.drawn.svg.clone()),
    };
    let card_path = lx.paths.indicator_card(&ind.id);
    let card_view = card_meta(&card, &card_path, description);
    m.made.rasters.push(Raster::Card {
        path: card_path,
        card,
    });
    m.made.pages.push(Page {
        template: "indicator.html",
        title: lx.text(&ind.name),
        context: vocab::view(&IndicatorPage {
            indicator: About {
                id: ind.id.as_str(),
                name: lx.text(&ind.name),
                unit: ind.unit.label(lx.locale),
                direction: lx
                    .t(match ind.direction {
                        Direction::Up => "direction_up",
                        Direction::Down => "direction_down",
                    })
                    .to_owned(),
                group: lx.opt(&ind.group),
                description_html: lx.opt(&ind.description).map(|d| markdown::to_html(&d, 1)),
            },
            targets: lx
                .facts
                .tracks_of(&ind.id)
                .map(|t| target_view(lx, &from, t))
                .collect(),
            changes: lx
                .facts
                .changes_of(&ind.id)
                .map(|c| change_view(lx, &from, c))
                .collect(),
            changes_href: paths::relative(&from, &lx.paths.target_changes()),
            replaces: ind.replaces.as_ref().and_then(|id| link(lx, &from, id)),
            replaced_by: lx
                .facts
                .replaced_by(&ind.id)
                .iter()
                .filter_map(|id| link(lx, &from, id))
                .collect(),
            rows,
            chart: {
                let mut view = chart.view(lx, &from, true);
                if let Some((s, fig)) = &latest_frozen {
                    let label = lx
                        .t("embed_frozen")
                        .replace("{session}", &lx.text(&s.title))
                        .replace("{date}", &lx.date(s.date));
                    view.offer_frozen(lx, &from, fig, label);
                }
                view
            },
            copy_script: paths::relative(&from, paths::COPY_SCRIPT),
            card: card_view,
            json_ld: catalog::script(&catalog::page_dataset(
                site,
                lx.lang,
                catalog::About::Indicator(ind, history),
            )),
        }),
        alternates: alternates(site, |p| p.indicator(&ind.id)),
        updated: lx.facts.indicator_updated(&ind.id),
        path: from,
    });
}

/// A link to the page of indicator `id`, from `from`.
fn link(lx: &Localizer, from: &str, id: &IndicatorId) -> Option<Link> {
    let ind = lx.site.indicators.get(id)?;
    Some(Link {
        name: lx.text(&ind.name),
        href: paths::relative(from, &lx.paths.indicator(id)),
    })
}

/// The indicator's history chart as it stood at each session with a
/// result of it, oldest first: each drawn from a site cut at that
/// session (every session up to it, with only this indicator's results),
/// so that no later session can change it.
fn frozen_figures<'s>(
    lx: &Localizer,
    ind: &Indicator,
    history: &[(&'s Session, &ResultEntry)],
) -> Vec<(&'s Session, Figure)> {
    let site = lx.site;
    let mut sessions: Vec<&Session> = history.iter().map(|(s, _)| *s).collect();
    sessions.dedup_by(|a, b| a.id == b.id);
    // Every session of the site, with only this indicator's results.
    let cut: Vec<Arc<Session>> = site
        .sessions()
        .map(|s| {
            Arc::new(Session {
                id: s.id.clone(),
                title: s.title.clone(),
                date: s.date,
                chair: s.chair.clone(),
                summary: s.summary.clone(),
                sources: s.sources.clone(),
                results: s
                    .results
                    .iter()
                    .filter(|r| r.indicator == ind.id)
                    .cloned()
                    .collect(),
                notes: BTreeMap::new(),
                file: s.file.clone(),
            })
        })
        .collect();
    sessions
        .into_iter()
        .filter_map(|at| {
            let upto = site.sessions().position(|s| s.id == at.id)? + 1;
            let frozen = Site {
                settings: site.settings.clone(),
                indicators: BTreeMap::from([(ind.id.clone(), ind.clone())]),
                sessions: cut[..upto].to_vec(),
                register: site.register.clone(),
                locales: site.locales.clone(),
            };
            let facts = Facts::new(&frozen);
            let flx = Localizer::new(&frozen, lx.lang, &facts);
            // As corrected by then, as the live chart is.
            let history: Vec<(&Session, &ResultEntry)> = frozen
                .sessions()
                .flat_map(|s| s.results.iter().map(move |r| (s, r)))
                .filter(|(_, r)| facts.corrected_by(r).is_none())
                .collect();
            // The frozen image prints the address of its own embed page,
            // which never changes, not the live chart's.
            let svg_path = flx.paths.indicator_chart_as_of(&ind.id, &at.id);
            let address = drawing::printed_address(&flx, &paths::embed(&svg_path), None);
            let mut fig = drawing::history_figure(&flx, ind, &history, Some(address));
            fig.svg_path = svg_path;
            fig.svg_alternates = alternates(site, |p| p.indicator_chart_as_of(&ind.id, &at.id));
            // The session's own files hold its data; no PNG either.
            fig.png = false;
            fig.as_of = Some(lx.t("embed_as_of").replace("{date}", &lx.date(at.date)));
            Some((at, fig))
        })
        .collect()
}

/// The card's key number (the latest figure), its label and the page's
/// description.
fn card_words(
    lx: &Localizer,
    ind: &Indicator,
    latest: Option<&(&Session, &ResultEntry)>,
) -> (String, String, String) {
    match latest {
        Some((s, r)) => {
            let status = i18n::status(lx.facts.status(r), lx.locale);
            let mut label = match lx.value(ind, r.target) {
                Some(t) => format!("{status} ({} {t})", lx.t("target").to_lowercase()),
                None => status.to_owned(),
            };
            if !r.scope.is_national() {
                label = format!("{}: {label}", lx.scope_name(&r.scope));
            }
            (
                lx.actual(ind, r),
                format!("{label} · {}", lx.date(s.date)),
                format!(
                    "{} ({}): {}.",
                    lx.text(&ind.name),
                    lx.date(s.date),
                    drawing::describe(lx, ind, r)
                ),
            )
        }
        None => (
            lx.t("no_data_yet").to_owned(),
            String::new(),
            format!("{}.", lx.labelled(&lx.text(&ind.name), lx.t("no_data_yet"))),
        ),
    }
}
