//! An indicator's page: its history chart, every result of it, and its
//! social card with the latest figure.

use serde::Serialize;

use super::views::{card_meta, result_rows, target_view, CardMeta, ResultRow, TargetView};
use super::Making;
use crate::i18n;
use crate::model::{Direction, Indicator, ResultEntry, Session};
use crate::render::catalog;
use crate::render::drawing;
use crate::render::figure::FigureView;
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
    rows: Vec<ResultRow>,
    chart: FigureView,
    copy_script: String,
    card: CardMeta,
    /// The indicator's data as a schema.org `Dataset`, for a
    /// `<script type="application/ld+json">`.
    json_ld: String,
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
    let chart = drawing::history_figure(lx, ind, history);
    chart.outputs(lx, &mut m.made);
    let rows = result_rows(lx, &from, history, &[]);
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
            rows,
            chart: chart.view(lx, &from, true),
            copy_script: paths::relative(&from, paths::COPY_SCRIPT),
            card: card_view,
            json_ld: catalog::script(&catalog::page_dataset(
                site,
                lx.lang,
                catalog::About::Indicator(ind, history),
            )),
        }),
        alternates: alternates(site, |p| p.indicator(&ind.id)),
        path: from,
    });
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
