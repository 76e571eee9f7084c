//! The methodology page: what each status means, with a real example of
//! each where the data has one.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::views::status_view;
use super::Making;
use crate::compute::Status;
use crate::format;
use crate::render::paths;
use crate::render::vocab::{alternates, Page};

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let (site, lang) = (lx.site, lx.lang);
    let from = lx.paths.methodology();
    let mut examples: BTreeMap<&'static str, Value> = BTreeMap::new();
    for s in &site.sessions {
        for r in &s.results {
            let Some(ind) = site.indicators.get(&r.indicator) else {
                continue;
            };
            let st = lx.facts.status(r);
            examples.entry(st.as_str()).or_insert_with(|| {
                json!({
                    "indicator": lx.text(&ind.name),
                    "href": paths::relative(&from, &lx.paths.indicator(&ind.id)),
                    "session": lx.text(&s.title),
                    "actual": lx.actual(ind, r),
                    "target": lx.value(ind, r.target),
                    "baseline": lx.value(ind, r.baseline),
                    "baseline_date": r.baseline_date.map(|d| lx.date(d)),
                    "as_of": lx.date(r.as_of),
                    "due": r.target_date.map(|d| lx.date(d)),
                    "progress": lx.facts.of(r).progress.map(|p| format::percent(p, lang)),
                })
            });
        }
    }
    let statuses: Vec<Value> = Status::ALL
        .iter()
        .map(|s| json!({ "status": status_view(*s, lang), "example": examples.get(s.as_str()) }))
        .collect();
    m.made.pages.push(Page {
        template: "methodology.html",
        title: lx.t("methodology").to_owned(),
        context: json!({ "statuses": statuses }),
        alternates: alternates(site, |p| p.methodology()),
        path: from,
    });
}
