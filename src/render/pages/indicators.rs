//! The list of indicators, grouped, with each one's latest figure.

use serde::Serialize;

use super::views::{status_view, StatusView};
use super::Making;
use crate::render::paths;
use crate::render::vocab::{self, alternates, Page};

/// What `indicators.html` shows: the groups in the alphabetical order of
/// the page's language.
#[derive(Serialize)]
struct IndicatorsPage {
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct Group {
    name: String,
    indicators: Vec<Item>,
}

/// One indicator in the list.
#[derive(Serialize)]
struct Item {
    name: String,
    id: String,
    href: String,
    unit: String,
    latest: Option<Latest>,
    /// How many results it has.
    count: usize,
}

/// An indicator's latest figure.
#[derive(Serialize)]
struct Latest {
    actual: String,
    date: String,
    status: StatusView,
    status_href: String,
}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let (site, lang) = (lx.site, lx.lang);
    let from = lx.paths.indicators();
    let methodology = paths::relative(&from, &lx.paths.methodology());
    let collation = crate::collate::Collation::for_lang(lang);
    let mut groups: Vec<Group> = Vec::new();
    for ind in site.indicators.values() {
        let history = m.index.history(&ind.id);
        let latest = history.last().map(|(s, r)| {
            let status = lx.facts.status(r);
            Latest {
                actual: lx.actual(ind, r),
                date: lx.date(s.date),
                status: status_view(status, lx.locale),
                status_href: format!("{methodology}#{}", status.as_str()),
            }
        });
        let group = lx
            .opt(&ind.group)
            .unwrap_or_else(|| lx.t("other_group").to_owned());
        let at = match groups.iter().position(|g| g.name == group) {
            Some(i) => i,
            None => {
                groups.push(Group {
                    name: group,
                    indicators: Vec::new(),
                });
                groups.len() - 1
            }
        };
        groups[at].indicators.push(Item {
            name: lx.text(&ind.name),
            id: ind.id.as_str().to_owned(),
            href: paths::relative(&from, &lx.paths.indicator(&ind.id)),
            unit: ind.unit.label(lx.locale).to_owned(),
            latest,
            count: history.len(),
        });
    }
    collation.sort_by_text(&mut groups, |g| &g.name);
    for g in &mut groups {
        collation.sort_by_text(&mut g.indicators, |i| &i.name);
    }
    m.made.pages.push(Page {
        template: "indicators.html",
        title: lx.t("indicators").to_owned(),
        context: vocab::view(&IndicatorsPage { groups }),
        alternates: alternates(site, |p| p.indicators()),
        updated: lx.facts.updated(),
        path: from,
    });
}
