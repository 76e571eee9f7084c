//! Pages and charts for one language. The model is turned into plain view
//! data here: every number and date already formatted for the language,
//! every link already relative. Templates then only lay things out.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::compute::{self, Status};
use crate::format;
use crate::i18n;
use crate::model::{Indicator, Lang, ResultEntry, Session, Site, Source};
use crate::render::charts::{self, ChartText, ChartWords, HistoryPoint, OverviewRow, ValueChart};
use crate::render::markdown;
use crate::render::paths::{self, Paths};

/// One file to write: its site path and its contents.
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page to render: its template, site path and page-specific context.
pub struct PageJob {
    pub template: &'static str,
    pub path: String,
    pub title: String,
    pub context: Value,
    /// The same page in each language, for the switcher and hreflang.
    pub alternates: Vec<(Lang, String)>,
}

/// Text in the page's language, with the site's default as fallback.
pub struct Lx<'a> {
    pub site: &'a Site,
    pub lang: &'a Lang,
    pub paths: Paths,
}

impl<'a> Lx<'a> {
    pub fn new(site: &'a Site, lang: &'a Lang) -> Self {
        Lx { site, lang, paths: Paths::new(&site.settings, lang) }
    }
    pub fn text(&self, t: &crate::model::LocalizedText) -> String {
        t.get(self.lang, self.site.settings.default_lang()).to_owned()
    }
    pub fn opt(&self, t: &Option<crate::model::LocalizedText>) -> Option<String> {
        t.as_ref().map(|t| self.text(t)).filter(|s| !s.is_empty())
    }
    pub fn date(&self, d: crate::model::Date) -> String {
        format::date(d, self.lang)
    }
    pub fn t(&self, key: &str) -> &'static str {
        i18n::t(self.lang, key)
    }
    pub fn scope_name(&self, scope: &crate::model::ScopeId) -> String {
        if scope.is_national() {
            self.t("national").to_owned()
        } else {
            self.site.settings.scopes.get(scope).map(|t| self.text(t)).unwrap_or_else(|| scope.to_string())
        }
    }
    /// A figure with its qualifier, or the "not reported" words.
    pub fn actual(&self, ind: &Indicator, r: &ResultEntry) -> String {
        match r.actual {
            Some(a) => format::figure(a, ind.unit, r.qualifier, r.out_of, self.lang),
            None => self.t("not_reported").to_owned(),
        }
    }
    pub fn value(&self, ind: &Indicator, v: Option<f64>) -> Option<String> {
        v.map(|v| format::value(v, ind.unit, self.lang))
    }
    /// "Nguồn: Báo Đồng Khởi, 08/08/2022"
    pub fn source_line(&self, sources: &[&Source]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for s in sources {
            let mut p = self.text(&s.publisher);
            if p.is_empty() {
                p = self.text(&s.title);
            }
            if let Some(d) = s.date {
                p = format!("{p}, {}", self.date(d));
            }
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
        let site_pub = self.text(&self.site.settings.publisher);
        let mut line = format!("{}: {}", self.t("source"), if parts.is_empty() { site_pub.clone() } else { parts.join("; ") });
        if !parts.is_empty() && !site_pub.is_empty() {
            line.push_str(&format!(" · {site_pub}"));
        }
        line
    }
}

/// Status word, symbol and CSS class for templates.
fn status_view(s: Status, lang: &Lang) -> Value {
    json!({ "key": s.as_str(), "label": i18n::status(s, lang), "symbol": s.symbol() })
}

/// Counts of each status among `results`.
fn tally(site: &Site, results: &[ResultEntry]) -> BTreeMap<&'static str, usize> {
    let mut t: BTreeMap<&'static str, usize> = Status::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for r in results {
        if let Some(ind) = site.indicators.get(&r.indicator) {
            *t.entry(compute::status(r, ind.direction).as_str()).or_default() += 1;
        }
    }
    t
}

#[derive(Serialize)]
struct SessionSummary {
    title: String,
    date: String,
    iso_date: String,
    href: String,
    summary: Option<String>,
    results: usize,
    with_target: usize,
    achieved: usize,
}

fn session_summary(lx: &Lx, from: &str, s: &Session) -> SessionSummary {
    let t = tally(lx.site, &s.results);
    SessionSummary {
        title: lx.text(&s.title),
        date: lx.date(s.date),
        iso_date: s.date.to_string(),
        href: paths::relative(from, &lx.paths.session(&s.id)),
        summary: lx.opt(&s.summary),
        results: s.results.len(),
        with_target: s.results.len() - t["no-target"] - t["no-data"],
        achieved: t["achieved"],
    }
}

/// The chart text common to a session's charts.
fn chart_text(lx: &Lx, id_prefix: String, title: String, subtitle: String, unit_note: String, sources: &[&Source], desc: String) -> ChartText {
    ChartText {
        id_prefix,
        lang: lx.lang.to_string(),
        title,
        subtitle,
        unit_note,
        source_line: lx.source_line(sources),
        desc,
        words: ChartWords::for_lang(lx.lang.as_str()),
    }
}

/// "Thực hiện 11,27%, mục tiêu 7%: đã đạt."
fn describe(lx: &Lx, ind: &Indicator, r: &ResultEntry) -> String {
    let status = compute::status(r, ind.direction);
    let mut s = format!("{} {}", lx.t("actual"), lx.actual(ind, r));
    if let Some(t) = lx.value(ind, r.target) {
        s.push_str(&format!(", {} {}", lx.t("target").to_lowercase(), t));
    }
    s.push_str(&format!(": {}", i18n::status(status, lx.lang).to_lowercase()));
    s
}

/// The session overview chart.
pub fn session_chart(lx: &Lx, s: &Session) -> String {
    let rows: Vec<OverviewRow> = s
        .results
        .iter()
        .filter_map(|r| {
            let ind = lx.site.indicators.get(&r.indicator)?;
            let status = compute::status(r, ind.direction);
            let mut label = lx.text(ind.label());
            if !r.scope.is_national() {
                label = format!("{label} ({})", lx.scope_name(&r.scope));
            }
            Some(OverviewRow {
                label,
                progress: compute::progress(r, ind.direction),
                actual_label: r.actual.map(|_| lx.actual(ind, r)).unwrap_or_default(),
                target_label: lx.value(ind, r.target),
                status,
                status_label: i18n::status(status, lx.lang).to_owned(),
            })
        })
        .collect();
    let descs: Vec<String> = s
        .results
        .iter()
        .filter_map(|r| {
            let ind = lx.site.indicators.get(&r.indicator)?;
            Some(format!("{}: {}", lx.text(ind.label()), describe(lx, ind, r)))
        })
        .collect();
    let sources: Vec<&Source> = s.sources.iter().collect();
    let text = chart_text(
        lx,
        format!("ov-{}", s.id),
        lx.text(&s.title),
        lx.date(s.date),
        lx.t("progress").to_owned(),
        &sources,
        descs.join(". "),
    );
    charts::overview(&text, &rows)
}

/// One result's chart on its indicator's own scale.
pub fn result_chart(lx: &Lx, s: &Session, ind: &Indicator, r: &ResultEntry) -> String {
    let status = compute::status(r, ind.direction);
    let sources: Vec<&Source> = r.source.as_ref().and_then(|id| s.source(id)).into_iter().collect();
    let mut title = lx.text(ind.label());
    if !r.scope.is_national() {
        title = format!("{title} ({})", lx.scope_name(&r.scope));
    }
    let text = chart_text(
        lx,
        format!("r-{}-{}", ind.id, r.scope),
        title,
        format!("{}, {}", lx.text(&s.title), lx.date(s.date)),
        format!("{}: {}", lx.t("unit"), ind.unit.label(lx.lang)),
        &sources,
        describe(lx, ind, r),
    );
    let spec = ValueChart {
        actual: r.actual,
        actual_label: lx.actual(ind, r),
        target: r.target,
        target_label: lx.value(ind, r.target).unwrap_or_default(),
        baseline: r.baseline,
        baseline_label: lx.value(ind, r.baseline).unwrap_or_default(),
        status,
        status_label: i18n::status(status, lx.lang).to_owned(),
        axis_max: r.out_of,
    };
    let unit = ind.unit;
    let lang = lx.lang.clone();
    let axis = move |v: f64| format::value(v, unit, &lang);
    charts::indicator_value(&text, &spec, &axis)
}

/// Every result for one indicator, across sessions: `(session, result)`.
pub fn history_of<'a>(site: &'a Site, ind: &Indicator) -> Vec<(&'a Session, &'a ResultEntry)> {
    site.sessions
        .iter()
        .flat_map(|s| s.results.iter().filter(|r| r.indicator == ind.id).map(move |r| (s, r)))
        .collect()
}

/// The indicator's history chart.
pub fn indicator_chart(lx: &Lx, ind: &Indicator, history: &[(&Session, &ResultEntry)]) -> String {
    let points: Vec<HistoryPoint> = history
        .iter()
        .map(|(_, r)| HistoryPoint {
            date: r.as_of,
            date_label: lx.date(r.as_of),
            actual: r.actual,
            actual_label: lx.actual(ind, r),
            target: r.target,
            target_date: r.target_date,
            // The time axis may not label the due date, so the label carries it.
            target_label: lx.value(ind, r.target).map(|t| match r.target_date {
                Some(d) => format!("{t} ({})", lx.date(d)),
                None => t,
            }),
            series: lx.scope_name(&r.scope),
        })
        .collect();
    let mut sources: Vec<&Source> = Vec::new();
    for (s, r) in history {
        if let Some(src) = r.source.as_ref().and_then(|id| s.source(id)) {
            if !sources.contains(&src) {
                sources.push(src);
            }
        }
    }
    let subtitle = match (history.first(), history.last()) {
        (Some(a), Some(b)) if a.0.id != b.0.id => format!("{} – {}", lx.date(a.0.date), lx.date(b.0.date)),
        (Some(a), _) => lx.date(a.0.date),
        _ => lx.t("no_data_yet").to_owned(),
    };
    let desc = if history.is_empty() {
        lx.t("no_data_yet").to_owned()
    } else {
        history
            .iter()
            .map(|(s, r)| format!("{} ({}): {}", lx.date(s.date), lx.scope_name(&r.scope), describe(lx, ind, r)))
            .collect::<Vec<_>>()
            .join(". ")
    };
    let text = chart_text(
        lx,
        format!("h-{}", ind.id),
        lx.text(ind.label()),
        subtitle,
        format!("{}: {}", lx.t("unit"), ind.unit.label(lx.lang)),
        &sources,
        desc,
    );
    let unit = ind.unit;
    let lang = lx.lang.clone();
    let axis = move |v: f64| format::value(v, unit, &lang);
    charts::history(&text, &points, &axis)
}

/// The table rows for results, as templates see them.
fn result_rows(lx: &Lx, from: &str, items: &[(&Session, &ResultEntry)], chart_links: bool) -> Vec<Value> {
    items
        .iter()
        .filter_map(|(s, r)| {
            let ind = lx.site.indicators.get(&r.indicator)?;
            let status = compute::status(r, ind.direction);
            let source = r.source.as_ref().and_then(|id| s.source(id));
            Some(json!({
                "session": lx.text(&s.title),
                "session_href": paths::relative(from, &lx.paths.session(&s.id)),
                "session_date": lx.date(s.date),
                "indicator": lx.text(&ind.name),
                "indicator_id": ind.id.as_str(),
                "indicator_href": paths::relative(from, &lx.paths.indicator(&ind.id)),
                "scope": lx.scope_name(&r.scope),
                "national": r.scope.is_national(),
                "actual": lx.actual(ind, r),
                "has_actual": r.actual.is_some(),
                "as_of": lx.date(r.as_of),
                "target": lx.value(ind, r.target),
                "baseline": lx.value(ind, r.baseline),
                "baseline_date": r.baseline_date.map(|d| lx.date(d)),
                "due": r.target_date.map(|d| lx.date(d)),
                "status": status_view(status, lx.lang),
                "status_href": format!("{}#{}", paths::relative(from, &lx.paths.methodology()), status.as_str()),
                "note": lx.opt(&r.note),
                "source": source.map(|src| json!({
                    "id": src.id.as_str(),
                    "label": source_label(lx, src),
                    "href": source_href(lx, from, s, src),
                })),
                "chart": chart_links.then(|| json!({
                    "id": format!("chart-{}{}", ind.id, if r.scope.is_national() { String::new() } else { format!("-{}", r.scope) }),
                    "src": paths::relative(from, &lx.paths.result_chart(&s.id, &ind.id, &r.scope)),
                    "alt": format!("{}: {}", lx.text(ind.label()), describe(lx, ind, r)),
                })),
            }))
        })
        .collect()
}

/// "Báo Đồng Khởi, 08/08/2022": who published a figure, and when.
fn source_label(lx: &Lx, src: &Source) -> String {
    let mut label = lx.text(&src.publisher);
    if label.is_empty() {
        label = lx.text(&src.title);
    }
    if let Some(d) = src.date {
        label = format!("{label}, {}", lx.date(d));
    }
    label
}

/// Where a figure's source is described: the register page that lists every
/// figure the document printed, or the session's list of inline sources.
fn source_href(lx: &Lx, from: &str, session: &Session, src: &Source) -> String {
    if src.register {
        paths::relative(from, &lx.paths.source(&src.id))
    } else {
        format!("{}#source-{}", paths::relative(from, &lx.paths.session(&session.id)), src.id)
    }
}

fn source_views(lx: &Lx, from: &str, sources: &[Source]) -> Vec<Value> {
    sources
        .iter()
        .map(|s| {
            json!({
                "href": s.register.then(|| paths::relative(from, &lx.paths.source(&s.id))),
                "id": s.id.as_str(),
                "title": lx.text(&s.title),
                "publisher": lx.text(&s.publisher),
                "date": s.date.map(|d| lx.date(d)),
                "url": s.url,
                "register": s.register,
            })
        })
        .collect()
}

fn alternates(site: &Site, path_of: impl Fn(&Paths) -> String) -> Vec<(Lang, String)> {
    site.settings
        .languages
        .iter()
        .map(|l| (l.clone(), path_of(&Paths::new(&site.settings, l))))
        .collect()
}

/// Every page of one language, with the charts they show.
pub fn jobs(site: &Site, lang: &Lang) -> (Vec<PageJob>, Vec<Output>) {
    let lx = Lx::new(site, lang);
    let mut pages = Vec::new();
    let mut files = Vec::new();

    // Sessions, newest first for lists.
    let newest: Vec<&Session> = site.sessions.iter().rev().collect();

    // Home.
    {
        let from = lx.paths.home();
        let latest = newest.first().map(|s| {
            let t = tally(site, &s.results);
            json!({
                "session": session_summary(&lx, &from, s),
                "tally": t,
                "chart": {
                    "id": "chart-overview",
                    "src": paths::relative(&from, &lx.paths.session_chart(&s.id)),
                    "alt": format!("{}: {} {}/{}", lx.text(&s.title), lx.t("targets_achieved"), t["achieved"], s.results.len() - t["no-target"] - t["no-data"]),
                },
                "statuses": Status::ALL.iter().map(|st| json!({"status": status_view(*st, lang), "count": t[st.as_str()], "href": format!("{}#{}", paths::relative(&from, &lx.paths.methodology()), st.as_str())})).collect::<Vec<_>>(),
            })
        });
        let list: Vec<SessionSummary> = newest.iter().map(|s| session_summary(&lx, &from, s)).collect();
        pages.push(PageJob {
            template: "home.html",
            title: lx.text(&site.settings.title),
            context: json!({ "latest": latest, "sessions": list, "description": lx.text(&site.settings.description) }),
            alternates: alternates(site, |p| p.home()),
            path: from,
        });
    }

    // Sessions index.
    {
        let from = lx.paths.sessions();
        let list: Vec<SessionSummary> = newest.iter().map(|s| session_summary(&lx, &from, s)).collect();
        pages.push(PageJob {
            template: "sessions.html",
            title: lx.t("sessions").to_owned(),
            context: json!({ "sessions": list }),
            alternates: alternates(site, |p| p.sessions()),
            path: from,
        });
    }

    // Each session, with its charts.
    for s in &site.sessions {
        let from = lx.paths.session(&s.id);
        let items: Vec<(&Session, &ResultEntry)> = s.results.iter().map(|r| (s, r)).collect();
        let rows = result_rows(&lx, &from, &items, true);
        files.push(Output { path: lx.paths.session_chart(&s.id), bytes: session_chart(&lx, s).into_bytes() });
        for r in &s.results {
            if let Some(ind) = site.indicators.get(&r.indicator) {
                files.push(Output {
                    path: lx.paths.result_chart(&s.id, &ind.id, &r.scope),
                    bytes: result_chart(&lx, s, ind, r).into_bytes(),
                });
            }
        }
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
        let t = tally(site, &s.results);
        pages.push(PageJob {
            template: "session.html",
            title: lx.text(&s.title),
            context: json!({
                "session": session_summary(&lx, &from, s),
                "chair": lx.opt(&s.chair),
                "notes_html": notes.map(|n| markdown::to_html(n, 2)),
                "notes_lang": notes_lang.filter(|l| *l != lang).map(|l| l.as_str()),
                "rows": rows,
                "tally": t,
                "chart": {
                    "id": "chart-overview",
                    "src": paths::relative(&from, &lx.paths.session_chart(&s.id)),
                    "alt": format!("{}. {} {}/{}", lx.text(&s.title), lx.t("targets_achieved"), t["achieved"], s.results.len() - t["no-target"] - t["no-data"]),
                },
                "sources": source_views(&lx, &from, &s.sources),
            }),
            alternates: alternates(site, |p| p.session(&s.id)),
            path: from,
        });
    }

    // Indicators index, grouped.
    {
        let from = lx.paths.indicators();
        let mut groups: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for ind in site.indicators.values() {
            let history = history_of(site, ind);
            let latest = history.last().map(|(s, r)| {
                json!({
                    "actual": lx.actual(ind, r),
                    "date": lx.date(s.date),
                    "status": status_view(compute::status(r, ind.direction), lang),
                })
            });
            let group = lx.opt(&ind.group).unwrap_or_else(|| lx.t("other_group").to_owned());
            groups.entry(group).or_default().push(json!({
                "name": lx.text(&ind.name),
                "id": ind.id.as_str(),
                "href": paths::relative(&from, &lx.paths.indicator(&ind.id)),
                "unit": ind.unit.label(lang),
                "latest": latest,
                "count": history.len(),
            }));
        }
        let groups: Vec<Value> = groups.into_iter().map(|(name, items)| json!({ "name": name, "indicators": items })).collect();
        pages.push(PageJob {
            template: "indicators.html",
            title: lx.t("indicators").to_owned(),
            context: json!({ "groups": groups }),
            alternates: alternates(site, |p| p.indicators()),
            path: from,
        });
    }

    // Each indicator, with its history chart.
    for ind in site.indicators.values() {
        let from = lx.paths.indicator(&ind.id);
        let history = history_of(site, ind);
        files.push(Output { path: lx.paths.indicator_chart(&ind.id), bytes: indicator_chart(&lx, ind, &history).into_bytes() });
        let rows = result_rows(&lx, &from, &history, false);
        pages.push(PageJob {
            template: "indicator.html",
            title: lx.text(&ind.name),
            context: json!({
                "indicator": {
                    "id": ind.id.as_str(),
                    "name": lx.text(&ind.name),
                    "unit": ind.unit.label(lang),
                    "direction": lx.t(if ind.direction == crate::model::Direction::Up { "direction_up" } else { "direction_down" }),
                    "group": lx.opt(&ind.group),
                    "description_html": lx.opt(&ind.description).map(|d| markdown::to_html(&d, 2)),
                },
                "rows": rows,
                "chart": {
                    "id": "chart-history",
                    "src": paths::relative(&from, &lx.paths.indicator_chart(&ind.id)),
                    "alt": format!("{}. {}", lx.text(&ind.name), if history.is_empty() { lx.t("no_data_yet").to_owned() } else { history.iter().map(|(s, r)| format!("{}: {}", lx.date(s.date), describe(&lx, ind, r))).collect::<Vec<_>>().join(". ") }),
                },
            }),
            alternates: alternates(site, |p| p.indicator(&ind.id)),
            path: from,
        });
    }

    // The source register: one page per document, listing every figure it
    // printed and the results that cite it, so any figure can be traced.
    if !site.register.is_empty() {
        let from = lx.paths.sources();
        let list: Vec<Value> = site
            .register
            .values()
            .map(|r| {
                json!({
                    "id": r.id.as_str(),
                    "title": r.title,
                    "publisher": r.publisher,
                    "published": lx.date(r.published),
                    "href": paths::relative(&from, &lx.paths.source(&r.id)),
                    "figures": r.figures.len(),
                })
            })
            .collect();
        pages.push(PageJob {
            template: "sources.html",
            title: lx.t("sources").to_owned(),
            context: json!({ "sources": list }),
            alternates: alternates(site, |p| p.sources()),
            path: from,
        });
        for reg in site.register.values() {
            let from = lx.paths.source(&reg.id);
            let citing: Vec<(&Session, &ResultEntry)> = site
                .sessions
                .iter()
                .flat_map(|s| s.results.iter().filter(|r| r.source.as_ref() == Some(&reg.id)).map(move |r| (s, r)))
                .collect();
            pages.push(PageJob {
                template: "source.html",
                title: reg.title.clone(),
                context: json!({
                    "source": {
                        "id": reg.id.as_str(),
                        "title": reg.title,
                        "publisher": reg.publisher,
                        "published": lx.date(reg.published),
                        "iso_published": reg.published.to_string(),
                        "language": reg.language.as_str(),
                        "url": reg.url,
                        "about": reg.about,
                        "figures": reg.figures.iter().map(|f| json!({ "label": f.label, "value": f.value })).collect::<Vec<_>>(),
                    },
                    "rows": result_rows(&lx, &from, &citing, false),
                }),
                alternates: alternates(site, |p| p.source(&reg.id)),
                path: from,
            });
        }
    }

    // Methodology, with real examples of each status where the data has one.
    {
        let from = lx.paths.methodology();
        let mut examples: BTreeMap<&'static str, Value> = BTreeMap::new();
        for s in &site.sessions {
            for r in &s.results {
                let Some(ind) = site.indicators.get(&r.indicator) else { continue };
                let st = compute::status(r, ind.direction);
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
                        "progress": compute::progress(r, ind.direction).map(|p| format::percent(p, lang)),
                    })
                });
            }
        }
        let statuses: Vec<Value> = Status::ALL.iter().map(|s| json!({ "status": status_view(*s, lang), "example": examples.get(s.as_str()) })).collect();
        pages.push(PageJob {
            template: "methodology.html",
            title: lx.t("methodology").to_owned(),
            context: json!({ "statuses": statuses }),
            alternates: alternates(site, |p| p.methodology()),
            path: from,
        });
    }

    // 404.
    pages.push(PageJob {
        template: "404.html",
        title: lx.t("page_not_found").to_owned(),
        context: json!({}),
        alternates: alternates(site, |p| p.not_found()),
        path: lx.paths.not_found(),
    });

    (pages, files)
}

/// The context every page shares: site, language, navigation, strings.
pub fn common_context(site: &Site, lang: &Lang, job: &PageJob) -> Value {
    let lx = Lx::new(site, lang);
    let from = &job.path;
    let rel = |to: &str| paths::relative(from, to);
    let alternates: Vec<Value> = job
        .alternates
        .iter()
        .map(|(l, p)| {
            json!({
                "lang": l.as_str(),
                "name": i18n::language_name(l),
                "href": rel(p),
                "absolute": paths::absolute(&site.settings.base_url, p),
                "current": l == lang,
            })
        })
        .collect();
    json!({
        "lang": lang.as_str(),
        "t": i18n::strings(lang),
        "page_title": job.title,
        "site": {
            "title": lx.text(&site.settings.title),
            "description": lx.text(&site.settings.description),
            "publisher": lx.text(&site.settings.publisher),
            "license": site.settings.license,
        },
        "canonical": paths::absolute(&site.settings.base_url, from),
        "stylesheet": rel(paths::STYLESHEET),
        "nav": {
            "home": rel(&lx.paths.home()),
            "sessions": rel(&lx.paths.sessions()),
            "indicators": rel(&lx.paths.indicators()),
            "methodology": rel(&lx.paths.methodology()),
            "sources": (!site.register.is_empty()).then(|| rel(&lx.paths.sources())),
            "results_csv": rel(paths::RESULTS_CSV),
            "results_json": rel(paths::RESULTS_JSON),
        },
        "current": job.template.trim_end_matches(".html"),
        "alternates": alternates,
        "page": job.context,
    })
}
