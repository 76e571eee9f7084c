//! The home page: the latest session with its overview chart and tally,
//! the list of sessions, and the site's social card.

use serde::Serialize;

use super::views::{card_meta, session_card, session_summary, status_view};
use super::views::{CardMeta, SessionSummary, StatusView};
use super::Making;
use crate::compute::{Status, Tally};
use crate::model::Session;
use crate::render::figure::FigureView;
use crate::render::paths;
use crate::render::png::Card;
use crate::render::vocab::{self, alternates, Page};

/// What the home page shows.
#[derive(Serialize)]
struct HomePage<'a> {
    latest: Option<Latest<'a>>,
    sessions: Vec<SessionSummary>,
    description: String,
    card: CardMeta,
}

/// The latest session, with its chart and the count of each status.
#[derive(Serialize)]
struct Latest<'a> {
    session: SessionSummary,
    tally: &'a Tally,
    chart: FigureView,
    statuses: Vec<StatusCount>,
}

/// How many of the latest session's results have one status.
#[derive(Serialize)]
struct StatusCount {
    status: StatusView,
    count: usize,
    href: String,
}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let site = lx.site;
    let from = lx.paths.home();
    let newest: Vec<&Session> = site.sessions().rev().collect();
    // The home card: the latest session, or only the site's name and
    // description before there is one.
    let home_card = |s: &Session| {
        let card = session_card(lx, s);
        Card {
            title: lx.t("latest_session").to_owned(),
            subtitle: lx.labelled(&card.subtitle, &card.title),
            ..card
        }
    };
    let card_path = lx.paths.home_card();
    let latest_figure = newest.first().map(|s| {
        let (figure, card) = m.store.overview(lx, s, home_card(s), &card_path, false);
        (*s, figure, card)
    });
    let latest = latest_figure.as_ref().map(|(s, figure, _)| {
        let t = lx.tally(s);
        let methodology = paths::relative(&from, &lx.paths.methodology());
        let statuses = Status::of_method(lx.site.settings.method)
            .iter()
            .map(|st| StatusCount {
                status: status_view(*st, lx.locale),
                count: t.count(*st),
                href: format!("{methodology}#{}", st.as_str()),
            })
            .collect();
        Latest {
            session: session_summary(lx, &from, s),
            tally: t,
            chart: figure.view(lx, &from, false),
            statuses,
        }
    });
    let list: Vec<SessionSummary> = newest
        .iter()
        .map(|s| session_summary(lx, &from, s))
        .collect();
    let (card, card_to_draw) = match latest_figure {
        Some((s, _, card)) => (home_card(s), card),
        None => {
            let card = Card {
                site: lx.text(&site.settings.title),
                title: lx.text(&site.settings.description),
                ..Card::default()
            };
            (card.clone(), Some(card))
        }
    };
    let home_card = card_meta(&card, &card_path, lx.text(&site.settings.description));
    m.store.card(&mut m.made, card_path, card_to_draw);
    m.made.pages.push(Page {
        template: "home.html",
        title: lx.text(&site.settings.title),
        context: vocab::view(&HomePage {
            latest,
            sessions: list,
            description: lx.text(&site.settings.description),
            card: home_card,
        }),
        alternates: alternates(site, |p| p.home()),
        path: from,
    });
}
