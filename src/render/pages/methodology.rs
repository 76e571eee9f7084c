//! The methodology page: the site's method, where a pace starts from, what
//! the progress bars measure, and each status the method gives with its
//! rule and a worked example from the site's own results (the first result
//! with that status, and the reason it has it).

use std::collections::HashMap;

use serde::Serialize;

use super::views::{status_view, StatusView};
use super::Making;
use crate::compute::Status;
use crate::model::Method;
use crate::render::paths;
use crate::render::vocab::{self, alternates, Localizer, Page};

/// What `methodology.html` shows.
#[derive(Serialize)]
struct MethodologyPage {
    /// `linear` or `growth-rate`.
    method: &'static str,
    method_text: String,
    statuses: Vec<StatusRule>,
}

/// One status as the page explains it.
#[derive(Serialize)]
struct StatusRule {
    status: StatusView,
    rule: String,
    example: Option<Example>,
}

/// A result of the site that has the status, and why.
#[derive(Serialize)]
struct Example {
    indicator: String,
    href: String,
    session: String,
    reason: String,
}

/// The interface string that states the rule of `s` under `method`.
fn rule_key(s: Status, method: Method) -> &'static str {
    let growth = method == Method::GrowthRate;
    match s {
        Status::Achieved => "method_rule_achieved",
        Status::OnTrack if growth => "method_rule_on_track_growth",
        Status::OnTrack => "method_rule_on_track_linear",
        Status::NeedsAcceleration => "method_rule_needs_acceleration",
        Status::LimitedProgress => "method_rule_limited_progress",
        Status::Deterioration => "method_rule_deterioration",
        Status::Behind if growth => "method_rule_behind_growth",
        Status::Behind => "method_rule_behind_linear",
        Status::Pending => "method_rule_pending",
        Status::NoData => "method_rule_no_data",
        Status::NoTarget => "method_rule_no_target",
    }
}

/// The first result of the site with each status, as an example.
fn examples(lx: &Localizer, from: &str) -> HashMap<Status, Example> {
    let site = lx.site;
    let mut found = HashMap::new();
    for s in &site.sessions {
        for r in &s.results {
            let Some(ind) = site.indicators.get(&r.indicator) else {
                continue;
            };
            found.entry(lx.facts.status(r)).or_insert_with(|| Example {
                indicator: lx.text(&ind.name),
                href: paths::relative(from, &lx.paths.indicator(&ind.id)),
                session: lx.text(&s.title),
                reason: lx.reason(ind, r),
            });
        }
    }
    found
}

pub(super) fn make(m: &mut Making) {
    let lx = &m.lx;
    let site = lx.site;
    let from = lx.paths.methodology();
    let method = site.settings.method;
    let mut examples = examples(lx, &from);
    let statuses: Vec<StatusRule> = Status::of_method(method)
        .iter()
        .map(|s| StatusRule {
            status: status_view(*s, lx.locale),
            rule: lx.t(rule_key(*s, method)).to_owned(),
            example: examples.remove(s),
        })
        .collect();
    let method_key = match method {
        Method::Linear => "method_linear",
        Method::GrowthRate => "method_growth",
    };
    m.made.pages.push(Page {
        template: "methodology.html",
        title: lx.t("methodology").to_owned(),
        context: vocab::view(&MethodologyPage {
            method: method.as_str(),
            method_text: lx.t(method_key).to_owned(),
            statuses,
        }),
        alternates: alternates(site, |p| p.methodology()),
        updated: lx.facts.updated(),
        path: from,
    });
}
