//! The home page: a dashboard of how the site's targets are going (every
//! target with its newest figure, status, movement and silence, by the
//! indicators' groups, and the count of each status, each linked to the
//! list of its targets), then the latest session and the list of
//! sessions, and the site's social card with the count of targets met.

use serde::Serialize;

use super::views::{card_meta, session_summary, status_view, target_view};
use super::views::{CardMeta, SessionSummary, StatusView, TargetView};
use super::Making;
use crate::compute::Status;
use crate::locale::format;
use crate::render::catalog;
use crate::render::figure::FigureView;
use crate::render::png::Card;
use crate::render::vocab::{self, alternates, Localizer, Page};

/// What the home page shows.
#[derive(Serialize)]
struct HomePage {
    description: String,
    /// How the targets are going, when any is set.
    targets: Option<Dashboard>,
    latest: Option<Latest>,
    sessions: Vec<SessionSummary>,
    card: CardMeta,
    /// The site's data as a schema.org `Dataset`, for a
    /// `<script type="application/ld+json">`.
    json_ld: String,
}

/// The latest session, with its overview chart (`#chart-overview`).
#[derive(Serialize)]
struct Latest {
    session: SessionSummary,
    chart: FigureView,
}

/// Every target, its counts and its lists.
#[derive(Serialize)]
struct Dashboard {
    achieved: usize,
    total: usize,
    /// "3 of 13 targets achieved", each number in `<strong>`, as HTML.
    achieved_html: String,
    /// "2 overdue or no longer reported", the number in `<strong>`.
    silent_html: String,
    /// The date of the newest session, which figures are shown up to.
    as_of: String,
    iso_as_of: String,
    statuses: Vec<StatusCount>,
    silent: usize,
    /// How many targets a later session changed.
    changes: usize,
    groups: Vec<Group>,
    /// The targets of each status with any, and the silent ones: the
    /// lists the counts link to.
    lists: Vec<StatusList>,
    silent_list: Vec<Link>,
}

/// How many targets have one status, linked to their list.
#[derive(Serialize)]
struct StatusCount {
    status: StatusView,
    count: usize,
    href: Option<String>,
}

/// The targets of one group of indicators.
#[derive(Serialize)]
struct Group {
    name: String,
    targets: Vec<TargetView>,
}

/// The targets with one status.
#[derive(Serialize)]
struct StatusList {
    status: StatusView,
    id: String,
    targets: Vec<Link>,
}

/// A target in a list: a link to its card.
#[derive(Serialize)]
struct Link {
    name: String,
    href: String,
}

fn link(t: &TargetView) -> Link {
    Link {
        name: match &t.scope {
            Some(scope) => format!("{} ({scope})", t.indicator),
            None => t.indicator.clone(),
        },
        href: format!("#{}", t.anchor),
    }
}

/// The dashboard, `None` when no result sets a target.
fn dashboard(lx: &Localizer, from: &str) -> Option<Dashboard> {
    let facts = lx.facts;
    let newest = facts.newest()?;
    let views: Vec<TargetView> = facts
        .tracks()
        .iter()
        .map(|t| target_view(lx, from, t))
        .collect();
    if views.is_empty() {
        return None;
    }
    let tally = facts.targets();
    let statuses: Vec<Status> = Status::of_method(lx.site.settings.method)
        .iter()
        .copied()
        .filter(|s| *s != Status::NoTarget)
        .collect();
    let lists: Vec<StatusList> = statuses
        .iter()
        .filter(|s| tally.count(**s) > 0)
        .map(|s| StatusList {
            status: status_view(*s, lx.locale),
            id: format!("status-{}", s.as_str()),
            targets: views
                .iter()
                .filter(|v| v.status.key == s.as_str())
                .map(link)
                .collect(),
        })
        .collect();
    let silent_list: Vec<Link> = views
        .iter()
        .filter(|v| v.silence.is_some())
        .map(link)
        .collect();
    // Groups in the order of their indicators' first target; indicators
    // without a group last.
    let mut groups: Vec<Group> = Vec::new();
    let mut ungrouped = Vec::new();
    for (t, view) in facts.tracks().iter().zip(views) {
        match lx.opt(&t.indicator.group) {
            Some(name) => match groups.iter_mut().find(|g| g.name == name) {
                Some(g) => g.targets.push(view),
                None => groups.push(Group {
                    name,
                    targets: vec![view],
                }),
            },
            None => ungrouped.push(view),
        }
    }
    if !ungrouped.is_empty() {
        groups.push(Group {
            name: lx.t("other_indicators").to_owned(),
            targets: ungrouped,
        });
    }
    Some(Dashboard {
        achieved: tally.achieved,
        total: tally.results,
        achieved_html: lx.count_html(
            "targets_achieved",
            tally.results,
            &[("n", tally.achieved), ("total", tally.results)],
        ),
        silent_html: lx.count_html(
            "targets_silent",
            silent_list.len(),
            &[("n", silent_list.len())],
        ),
        as_of: lx.date(newest),
        iso_as_of: newest.to_string(),
        statuses: statuses
            .iter()
            .map(|s| StatusCount {
                status: status_view(*s, lx.locale),
                count: tally.count(*s),
                href: (tally.count(*s) > 0).then(|| format!("#status-{}", s.as_str())),
            })
            .collect(),
        silent: silent_list.len(),
        changes: lx.facts.changes().len(),
        groups,
        lists,
        silent_list,
    })
}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let site = lx.site;
    let from = lx.paths.home();
    let targets = dashboard(lx, &from);
    let sessions: Vec<SessionSummary> = site
        .sessions()
        .rev()
        .map(|s| session_summary(lx, &from, s))
        .collect();
    // The latest session's overview, below the targets: the figure its
    // link and `#chart-overview` have always pointed at.
    let latest = site.sessions().next_back().map(|s| Latest {
        session: session_summary(lx, &from, s),
        chart: m.store.overview_shown(lx, s).view(lx, &from, false),
    });
    let description = lx.text(&site.settings.description);
    // The card: how many targets are met, or only the site's name and
    // description before any is set.
    let (card, card_text) = match &targets {
        Some(d) => {
            let number = |n: usize| format::number(n as f64, 0, lx.locale);
            let text = lx
                .count_with(
                    "home_card_text",
                    d.total,
                    &[
                        ("achieved", d.achieved),
                        ("total", d.total),
                        ("silent", d.silent),
                    ],
                )
                .replace("{date}", &d.as_of);
            let card = Card {
                site: lx.text(&site.settings.title),
                title: lx.t("how_targets_going").to_owned(),
                subtitle: match d.silent {
                    0 => lx.labelled(lx.t("figures_up_to"), &d.as_of),
                    n => format!(
                        "{} · {}",
                        lx.labelled(lx.t("figures_up_to"), &d.as_of),
                        lx.count("targets_silent", n)
                    ),
                },
                key: format!("{}/{}", number(d.achieved), number(d.total)),
                key_label: lx.count("targets_achieved_label", d.total),
                chart: None,
            };
            (card, text)
        }
        None => (
            Card {
                site: lx.text(&site.settings.title),
                title: description.clone(),
                ..Card::default()
            },
            description.clone(),
        ),
    };
    let card_path = lx.paths.home_card();
    let card_view = card_meta(&card, &card_path, card_text);
    m.store.card(&mut m.made, card_path, Some(card));
    m.made.pages.push(Page {
        template: "home.html",
        title: lx.text(&site.settings.title),
        context: vocab::view(&HomePage {
            description,
            targets,
            latest,
            sessions,
            card: card_view,
            json_ld: catalog::script(&catalog::page_dataset(site, lx.lang, catalog::About::Site)),
        }),
        alternates: alternates(site, |p| p.home()),
        updated: lx.facts.updated(),
        path: from,
    });
}
