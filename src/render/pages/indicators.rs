//! The list of indicators, grouped, with each one's latest figure.

use serde_json::{json, Value};

use super::views::status_view;
use super::Making;
use crate::render::paths;
use crate::render::vocab::{alternates, Page};

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let (site, lang) = (lx.site, lx.lang);
    let from = lx.paths.indicators();
    // Groups and names in the alphabetical order of the page's language.
    let collation = crate::collate::Collation::for_lang(lang);
    let mut groups: Vec<(String, Vec<(String, Value)>)> = Vec::new();
    for ind in site.indicators.values() {
        let history = m.index.history(&ind.id);
        let latest = history.last().map(|(s, r)| {
            json!({
                "actual": lx.actual(ind, r),
                "date": lx.date(s.date),
                "status": status_view(lx.facts.status(r), lang),
                "status_href": format!("{}#{}", paths::relative(&from, &lx.paths.methodology()), lx.facts.status(r).as_str()),
            })
        });
        let group = lx
            .opt(&ind.group)
            .unwrap_or_else(|| lx.t("other_group").to_owned());
        let at = match groups.iter().position(|(g, _)| *g == group) {
            Some(i) => i,
            None => {
                groups.push((group, Vec::new()));
                groups.len() - 1
            }
        };
        groups[at].1.push((
            lx.text(&ind.name),
            json!({
                "name": lx.text(&ind.name),
                "id": ind.id.as_str(),
                "href": paths::relative(&from, &lx.paths.indicator(&ind.id)),
                "unit": ind.unit.label(lang),
                "latest": latest,
                "count": history.len(),
            }),
        ));
    }
    collation.sort_by_text(&mut groups, |(g, _)| g);
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(name, mut items)| {
            collation.sort_by_text(&mut items, |(n, _)| n);
            let items: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
            json!({ "name": name, "indicators": items })
        })
        .collect();
    m.made.pages.push(Page {
        template: "indicators.html",
        title: lx.t("indicators").to_owned(),
        context: json!({ "groups": groups }),
        alternates: alternates(site, |p| p.indicators()),
        path: from,
    });
}
