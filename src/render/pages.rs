//! Pages and charts for one language. The model is turned into plain view
//! data here: every number and date already formatted for the language,
//! every link already relative. Templates then only lay things out.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use crate::compute::{self, Status};
use crate::format;
use crate::i18n;
use crate::model::{Indicator, IndicatorId, Lang, ResultEntry, Session, Site, Source, SourceId};
use crate::render::charts::{self, ChartText, ChartWords, HistoryPoint, OverviewRow, ValueChart};
use crate::render::data;
use crate::render::feeds;
use crate::render::figure::{self, Drawn, Figure};
use crate::render::markdown;
use crate::render::paths::{self, Paths};
use crate::render::png::{Card, Raster};
use crate::render::vocab::{tally, File, Localizer, Page, Part, SitemapEntry, Tallies};

/// Status word, symbol and CSS class for templates.
fn status_view(s: Status, lang: &Lang) -> Value {
    json!({ "key": s.as_str(), "label": i18n::status(s, lang), "symbol": s.symbol() })
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

fn session_summary(lx: &Localizer, from: &str, s: &Session) -> SessionSummary {
    let t = lx.tally(s);
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
fn chart_text(
    lx: &Localizer,
    id_prefix: String,
    title: String,
    subtitle: String,
    unit_note: String,
    sources: &[&Source],
    desc: String,
) -> ChartText {
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
fn describe(lx: &Localizer, ind: &Indicator, r: &ResultEntry) -> String {
    let status = compute::status(r, ind.direction);
    let mut s = format!("{} {}", lx.t("actual"), lx.actual(ind, r));
    if let Some(t) = lx.value(ind, r.target) {
        s.push_str(&format!(", {} {}", lx.t("target").to_lowercase(), t));
    }
    s.push_str(&format!(
        ": {}",
        i18n::status(status, lx.lang).to_lowercase()
    ));
    s
}

/// The texts of the session overview chart.
fn session_chart_text(lx: &Localizer, s: &Session, rows: &[OverviewRow]) -> ChartText {
    // A session that set no targets is shown as the figures it reported,
    // not as progress towards targets it does not have.
    let subtitle_key = if charts::measures_progress(rows) {
        "progress"
    } else {
        "reported_figures"
    };
    let descs: Vec<String> = s
        .results
        .iter()
        .filter_map(|r| {
            let ind = lx.site.indicators.get(&r.indicator)?;
            Some(format!(
                "{}: {}",
                lx.text(ind.label()),
                describe(lx, ind, r)
            ))
        })
        .collect();
    let sources: Vec<&Source> = s.sources.iter().collect();
    chart_text(
        lx,
        format!("ov-{}", s.id),
        lx.text(&s.title),
        lx.date(s.date),
        lx.t(subtitle_key).to_owned(),
        &sources,
        descs.join(". "),
    )
}

/// The rows of the session overview chart.
fn overview_rows(lx: &Localizer, s: &Session) -> Vec<OverviewRow> {
    s.results
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
                baseline_label: lx.dated_value(ind, r.baseline, r.baseline_date),
                status,
                status_label: i18n::status(status, lx.lang).to_owned(),
            })
        })
        .collect()
}

/// The session overview chart.
pub fn session_chart(lx: &Localizer, s: &Session) -> Drawn {
    let rows = overview_rows(lx, s);
    let text = session_chart_text(lx, s, &rows);
    Drawn {
        svg: charts::overview(&text, &rows),
        text,
    }
}

/// The texts of a chart that is not drawn (see [`Figure::undrawn`]): only
/// those its pages show, the title and the source line.
fn undrawn_text(lx: &Localizer, title: String, sources: &[&Source]) -> ChartText {
    chart_text(
        lx,
        String::new(),
        title,
        String::new(),
        String::new(),
        sources,
        String::new(),
    )
}

/// The title of one result's chart: the indicator, and the scope when it
/// is not national.
fn result_title(lx: &Localizer, ind: &Indicator, r: &ResultEntry) -> String {
    let title = lx.text(ind.label());
    if r.scope.is_national() {
        title
    } else {
        format!("{title} ({})", lx.scope_name(&r.scope))
    }
}

/// The source one result cites, if the session lists it.
fn result_sources<'s>(s: &'s Session, r: &ResultEntry) -> Vec<&'s Source> {
    r.source
        .as_ref()
        .and_then(|id| s.source(id))
        .into_iter()
        .collect()
}

/// The texts of one result's chart: title, subtitle, unit, source line and
/// description.
fn result_chart_text(lx: &Localizer, s: &Session, ind: &Indicator, r: &ResultEntry) -> ChartText {
    chart_text(
        lx,
        format!("r-{}-{}", ind.id, r.scope),
        result_title(lx, ind, r),
        format!("{}, {}", lx.text(&s.title), lx.date(s.date)),
        format!("{}: {}", lx.t("unit"), ind.unit.label(lx.lang)),
        &result_sources(s, r),
        describe(lx, ind, r),
    )
}

/// One result's chart on its indicator's own scale.
pub fn result_chart(lx: &Localizer, s: &Session, ind: &Indicator, r: &ResultEntry) -> Drawn {
    let status = compute::status(r, ind.direction);
    let text = result_chart_text(lx, s, ind, r);
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
    Drawn {
        svg: charts::indicator_value(&text, &spec, &axis),
        text,
    }
}

/// Every result for one indicator, across sessions: `(session, result)`.
/// Scans every session: for one indicator. Pages use [`Index`].
pub fn history_of<'a>(site: &'a Site, ind: &Indicator) -> Vec<(&'a Session, &'a ResultEntry)> {
    site.sessions()
        .flat_map(|s| {
            s.results
                .iter()
                .filter(|r| r.indicator == ind.id)
                .map(move |r| (s, r))
        })
        .collect()
}

/// Results by indicator and by cited source, in session order, built in
/// one pass so that each indicator and source page finds its rows without
/// scanning every session (which made a build quadratic in the results).
pub struct Index<'a> {
    by_indicator: HashMap<&'a IndicatorId, Vec<(&'a Session, &'a ResultEntry)>>,
    by_source: HashMap<&'a SourceId, Vec<(&'a Session, &'a ResultEntry)>>,
    /// Each session's tally: the home page and the sessions' list show
    /// every session's, and counting them for each page was most of a
    /// rebuild's time outside the edited session.
    tallies: Tallies<'a>,
}

impl<'a> Index<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut by_indicator: HashMap<_, Vec<_>> = HashMap::with_capacity(site.indicators.len());
        let mut by_source: HashMap<_, Vec<_>> = HashMap::new();
        for s in site.sessions() {
            for r in &s.results {
                by_indicator.entry(&r.indicator).or_default().push((s, r));
                if let Some(src) = &r.source {
                    by_source.entry(src).or_default().push((s, r));
                }
            }
        }
        let tallies = site
            .sessions
            .par_iter()
            .map(|s| (&s.id, tally(site, &s.results)))
            .collect();
        Index {
            by_indicator,
            by_source,
            tallies,
        }
    }

    /// Every result for an indicator: its history.
    pub fn history(&self, id: &IndicatorId) -> &[(&'a Session, &'a ResultEntry)] {
        self.by_indicator
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Every result that cites a source.
    pub fn citing(&self, id: &SourceId) -> &[(&'a Session, &'a ResultEntry)] {
        self.by_source
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// The indicator's history chart.
pub fn indicator_chart(
    lx: &Localizer,
    ind: &Indicator,
    history: &[(&Session, &ResultEntry)],
) -> Drawn {
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
            target_label: lx.dated_value(ind, r.target, r.target_date),
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
        (Some(a), Some(b)) if a.0.id != b.0.id => {
            format!("{} – {}", lx.date(a.0.date), lx.date(b.0.date))
        }
        (Some(a), _) => lx.date(a.0.date),
        _ => lx.t("no_data_yet").to_owned(),
    };
    let desc = if history.is_empty() {
        lx.t("no_data_yet").to_owned()
    } else {
        history
            .iter()
            .map(|(s, r)| {
                format!(
                    "{} ({}): {}",
                    lx.date(s.date),
                    lx.scope_name(&r.scope),
                    describe(lx, ind, r)
                )
            })
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
    Drawn {
        svg: charts::history(&text, &points, &axis),
        text,
    }
}

/// The session's overview chart, as the figure of its session page.
fn overview_figure(lx: &Localizer, s: &Session, kept: Option<(f64, f64)>) -> Figure {
    let t = lx.tally(s);
    let items: Vec<(&Session, &ResultEntry)> = s.results.iter().map(|r| (s, r)).collect();
    let drawn = match kept {
        Some(_) => Drawn {
            svg: String::new(),
            text: undrawn_text(lx, lx.text(&s.title), &s.sources.iter().collect::<Vec<_>>()),
        },
        None => session_chart(lx, s),
    };
    // The records are for the chart's data files, which an undrawn
    // chart's rebuild keeps.
    let records = match kept {
        Some(_) => Vec::new(),
        None => figure::records(lx.site, &items),
    };
    Figure {
        svg_path: lx.paths.session_chart(&s.id),
        drawn,
        page: lx.paths.session(&s.id),
        id: "chart-overview".to_owned(),
        alt: format!(
            "{}. {} {}/{}",
            lx.text(&s.title),
            lx.t("targets_achieved"),
            t["achieved"],
            s.results.len() - t["no-target"] - t["no-data"]
        ),
        cite_date: lx.date(s.date),
        records,
        png: true,
        svg_alternates: alternates(lx.site, |p| p.session_chart(&s.id)),
        undrawn: kept,
    }
}

/// The size of the chart at `svg` when a rebuild keeps every file of it
/// made from inputs that hash to `key` (and its PNG at `png`, when it has
/// one), and knows the size it was drawn at; `None` when it must be drawn.
/// When it returns a size, the files are kept (see `Sink::keep`).
fn kept_size(
    keys: &super::memo::Keys,
    out: &dyn crate::output::Sink,
    svg: &str,
    key: u64,
    png: Option<&str>,
) -> Option<(f64, f64)> {
    let size = keys.size(svg, key)?;
    let files = figure::files_of(svg);
    let mut all = files.iter().map(String::as_str).chain(png);
    all.all(|f| out.keep(f, key)).then_some(size)
}

/// A session's overview figure, with a social card that shows it.
struct Overview {
    figure: Figure,
    /// The card, with the chart on it; `None` when a rebuild keeps its
    /// image.
    card: Option<Card>,
    /// In a rebuild, the keys of what the figure and the card are made
    /// from.
    keys: Option<(u64, u64)>,
}

/// The session's overview figure, and `card` (its texts) with the chart
/// drawn on it, for the image at `card_path`. A rebuild that keeps that
/// image and, when the part writes them (`files`), every file of the
/// figure does not draw the chart: a national session's takes a tenth of
/// the time its pages take (see [`Figure::undrawn`]).
fn overview_with_card(
    lx: &Localizer,
    s: &Session,
    mut card: Card,
    card_path: &str,
    files: bool,
    reuse: Option<(&super::memo::Keys, &dyn crate::output::Sink)>,
) -> Overview {
    let keys = reuse.map(|(keys, _)| {
        let key = keys.overview(lx.lang, s);
        (key, keys.card(key, &card))
    });
    let kept = reuse.zip(keys).and_then(|((k, out), (key, card_key))| {
        let svg = lx.paths.session_chart(&s.id);
        let png = paths::beside(&svg, "png");
        let size = match files {
            true => kept_size(k, out, &svg, key, Some(&png))?,
            false => k.size(&svg, key)?,
        };
        out.keep(card_path, card_key).then_some(size)
    });
    let figure = overview_figure(lx, s, kept);
    if let (Some((k, _)), Some((key, _))) = (reuse, keys) {
        if kept.is_none() {
            k.note_size(&figure.svg_path, key, figure.size());
        }
    }
    let card = kept.is_none().then(|| {
        card.chart = Some(figure.drawn.svg.clone());
        card
    });
    Overview { figure, card, keys }
}

/// One result's chart. Its figure id is `chart-<indicator>`, with
/// `.<scope>` for scopes other than national, as in its file name: ids
/// cannot contain dots, so two results never share one. Given `kept`, the
/// size of a chart whose files a rebuild keeps, the chart is not drawn
/// (see [`Figure::undrawn`]).
fn result_figure(
    lx: &Localizer,
    s: &Session,
    ind: &Indicator,
    r: &ResultEntry,
    kept: Option<(f64, f64)>,
) -> Figure {
    let drawn = match kept {
        Some(_) => Drawn {
            svg: String::new(),
            text: undrawn_text(lx, result_title(lx, ind, r), &result_sources(s, r)),
        },
        None => result_chart(lx, s, ind, r),
    };
    // An undrawn chart's texts leave out its description (`desc`), which
    // only the SVG holds.
    let said = match kept {
        Some(_) => describe(lx, ind, r),
        None => drawn.text.desc.clone(),
    };
    Figure {
        svg_path: lx.paths.result_chart(&s.id, &ind.id, &r.scope),
        page: lx.paths.session_charts(&s.id),
        id: if r.scope.is_national() {
            format!("chart-{}", ind.id)
        } else {
            format!("chart-{}.{}", ind.id, r.scope)
        },
        alt: format!("{}: {said}", drawn.text.title),
        drawn,
        cite_date: lx.date(s.date),
        records: match kept {
            Some(_) => Vec::new(),
            None => figure::records(lx.site, &[(s, r)]),
        },
        png: false,
        svg_alternates: alternates(lx.site, |p| p.result_chart(&s.id, &ind.id, &r.scope)),
        undrawn: kept,
    }
}

/// The indicator's history chart, as the figure of its page.
fn history_figure(lx: &Localizer, ind: &Indicator, history: &[(&Session, &ResultEntry)]) -> Figure {
    let drawn = indicator_chart(lx, ind, history);
    let said = if history.is_empty() {
        lx.t("no_data_yet").to_owned()
    } else {
        history
            .iter()
            .map(|(s, r)| format!("{}: {}", lx.date(s.date), describe(lx, ind, r)))
            .collect::<Vec<_>>()
            .join(". ")
    };
    Figure {
        svg_path: lx.paths.indicator_chart(&ind.id),
        page: lx.paths.indicator(&ind.id),
        id: "chart-history".to_owned(),
        alt: format!("{}. {said}", lx.text(&ind.name)),
        cite_date: if history.is_empty() {
            String::new()
        } else {
            drawn.text.subtitle.clone()
        },
        drawn,
        records: figure::records(lx.site, history),
        png: true,
        svg_alternates: alternates(lx.site, |p| p.indicator_chart(&ind.id)),
        undrawn: None,
    }
}

/// A session's social card: the share of targets achieved, or the number
/// of results when none has a target.
fn session_card(lx: &Localizer, s: &Session) -> Card {
    let t = lx.tally(s);
    let with_target = s.results.len() - t["no-target"] - t["no-data"];
    let (key, key_label) = if with_target > 0 {
        (
            format!("{}/{with_target}", t["achieved"]),
            lx.t("targets_achieved").to_owned(),
        )
    } else {
        (
            s.results.len().to_string(),
            lx.t("results_count").to_owned(),
        )
    };
    Card {
        site: lx.text(&lx.site.settings.title),
        title: lx.text(&s.title),
        subtitle: lx.date(s.date),
        key,
        key_label,
        chart: None,
    }
}

/// What the page's social meta tags say about its card at `path`.
fn card_meta(card: &Card, path: &str, description: String) -> Value {
    let alt = [
        card.title.as_str(),
        card.key.as_str(),
        card.key_label.as_str(),
    ]
    .iter()
    .filter(|t| !t.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" · ");
    json!({ "path": path, "alt": alt, "description": description })
}

/// The table rows for results, as templates see them.
/// `charts` are the figures of the page, matched to rows by their SVG.
fn result_rows(
    lx: &Localizer,
    from: &str,
    items: &[(&Session, &ResultEntry)],
    charts: &[Figure],
) -> Vec<Value> {
    // Found by path, not by a scan of every chart for every row, which made
    // a session page quadratic in its results.
    let charts: HashMap<&str, &Figure> = charts.iter().map(|f| (f.svg_path.as_str(), f)).collect();
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
                    "lang": source_lang(lx, src),
                    "label": source_label(lx, src),
                    "name": source_name(lx, src),
                    "date": src.date.map(|d| lx.date(d)),
                    "href": source_href(lx, from, s, src),
                })),
                // The row links to the chart on its own page, which has
                // the embed codes and the citation.
                "chart": charts
                    .get(lx.paths.result_chart(&s.id, &ind.id, &r.scope).as_str())
                    .map(|f| f.view(lx, from, false)),
            }))
        })
        .collect()
}

/// "Báo Đồng Khởi, 08/08/2022": who published a figure, and when.
fn source_label(lx: &Localizer, src: &Source) -> String {
    let label = source_name(lx, src);
    match src.date {
        Some(d) => format!("{label}, {}", lx.date(d)),
        None => label,
    }
}

/// Who published a source (its title when the publisher is unknown): the
/// part of [`source_label`] in the source's own language.
fn source_name(lx: &Localizer, src: &Source) -> String {
    let name = lx.text(&src.publisher);
    if name.is_empty() {
        lx.text(&src.title)
    } else {
        name
    }
}

/// Where a figure's source is described: the register page that lists every
/// figure the document printed, or the session's list of inline sources.
fn source_href(lx: &Localizer, from: &str, session: &Session, src: &Source) -> String {
    if src.register {
        paths::relative(from, &lx.paths.source(&src.id))
    } else {
        format!(
            "{}#source-{}",
            paths::relative(from, &lx.paths.session(&session.id)),
            src.id
        )
    }
}

/// The language of a source's title and publisher, when it is not the
/// page's: register documents carry their language, inline sources fall
/// back like any text. Marked with `lang` so screen readers switch voice.
fn source_lang(lx: &Localizer, s: &Source) -> Option<String> {
    if s.register {
        lx.site
            .register
            .get(&s.id)
            .map(|r| r.language.to_string())
            .filter(|l| l != lx.lang.as_str())
    } else {
        lx.lang_of(&s.title)
    }
}

fn source_views(lx: &Localizer, from: &str, sources: &[Source]) -> Vec<Value> {
    sources
        .iter()
        .map(|s| {
            json!({
                "href": s.register.then(|| paths::relative(from, &lx.paths.source(&s.id))),
                "id": s.id.as_str(),
                "lang": source_lang(lx, s),
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

/// Every page of one language, with the charts they show and the PNG
/// images to render from them.
pub fn jobs(site: &Site, lang: &Lang) -> (Vec<Page>, Vec<File>, Vec<Raster>) {
    let index = Index::new(site);
    let (mut pages, mut files, mut rasters) = (Vec::new(), Vec::new(), Vec::new());
    for part in parts(site) {
        let (p, f, r) = part_jobs(site, lang, &index, part);
        pages.extend(p);
        files.extend(f);
        rasters.extend(r);
    }
    (pages, files, rasters)
}

/// Every part of a language's site, in page order.
pub fn parts(site: &Site) -> Vec<Part<'_>> {
    let mut parts = vec![Part::Home, Part::Sessions];
    parts.extend(site.sessions().map(Part::Session));
    parts.push(Part::Indicators);
    parts.extend(site.indicators.values().map(Part::Indicator));
    parts.push(Part::Register);
    parts.extend(site.register.values().map(Part::Source));
    parts.extend([Part::Methodology, Part::Search, Part::NotFound]);
    parts
}

/// The pages of one part, with the charts they show and the PNG images to
/// render from them.
pub fn part_jobs(
    site: &Site,
    lang: &Lang,
    index: &Index,
    part: Part,
) -> (Vec<Page>, Vec<File>, Vec<Raster>) {
    let made = part_jobs_keyed(site, lang, index, part, None);
    (made.pages, made.files, made.rasters)
}

/// The site paths of files a rebuild may keep, with the hash of what each
/// is made from (see [`super::memo`]).
pub type Keyed = HashMap<String, u64>;

/// What a part makes, for a build that can keep files from the last one.
pub struct PartJobs {
    pub pages: Vec<Page>,
    pub files: Vec<File>,
    pub rasters: Vec<Raster>,
    /// The files among them that can be kept on their own while their
    /// inputs stay, with the hash of those inputs.
    pub keyed: Keyed,
    /// The files of the part that were kept without being made again.
    pub kept: Vec<String>,
    /// The pages among them, for the sitemap.
    pub listed_kept: Vec<SitemapEntry>,
}

/// [`part_jobs`], for a rebuild that keeps what it can: given the keys of
/// the model and the output, each result's chart, data and embed page in
/// a session whose other texts changed are kept on their own while their
/// inputs stay, and not even drawn (see [`Figure::undrawn`]).
pub fn part_jobs_keyed(
    site: &Site,
    lang: &Lang,
    index: &Index,
    part: Part,
    reuse: Option<(&super::memo::Keys, &dyn crate::output::Sink)>,
) -> PartJobs {
    let lx = Localizer::counted(site, lang, &index.tallies);
    let mut pages = Vec::new();
    let mut files = Vec::new();
    let mut rasters = Vec::new();
    let mut keyed = Keyed::new();
    let mut kept = Vec::new();
    let mut listed_kept = Vec::new();

    // Sessions, newest first for lists.
    let newest: Vec<&Session> = site.sessions().rev().collect();

    match part {
        // Home.
        Part::Home => {
            let from = lx.paths.home();
            // The home card: the latest session, or only the site's name and
            // description before there is one.
            let home_card = |s: &Session| {
                let card = session_card(&lx, s);
                Card {
                    title: lx.t("latest_session").to_owned(),
                    subtitle: format!("{}: {}", card.subtitle, card.title),
                    ..card
                }
            };
            let card_path = lx.paths.home_card();
            let latest_figure = newest.first().map(|s| {
                let overview = overview_with_card(&lx, s, home_card(s), &card_path, false, reuse);
                (*s, overview)
            });
            let latest = latest_figure.as_ref().map(|(s, fig)| {
                let t = lx.tally(s);
                json!({
                    "session": session_summary(&lx, &from, s),
                    "tally": t,
                    "chart": fig.figure.view(&lx, &from, false),
                    "statuses": Status::ALL.iter().map(|st| json!({"status": status_view(*st, lang), "count": t[st.as_str()], "href": format!("{}#{}", paths::relative(&from, &lx.paths.methodology()), st.as_str())})).collect::<Vec<_>>(),
                })
            });
            let list: Vec<SessionSummary> = newest
                .iter()
                .map(|s| session_summary(&lx, &from, s))
                .collect();
            let (card, card_to_draw) = match latest_figure {
                Some((s, overview)) => {
                    if let Some((_, card_key)) = overview.keys {
                        keyed.insert(card_path.clone(), card_key);
                    }
                    if overview.card.is_none() {
                        kept.push(card_path.clone());
                    }
                    (home_card(s), overview.card)
                }
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
            if let Some(card) = card_to_draw {
                rasters.push(Raster::Card {
                    path: card_path,
                    card,
                });
            }
            pages.push(Page {
                template: "home.html",
                title: lx.text(&site.settings.title),
                context: json!({ "latest": latest, "sessions": list, "description": lx.text(&site.settings.description), "card": home_card }),
                alternates: alternates(site, |p| p.home()),
                path: from,
            });
        }
        // Sessions index.
        Part::Sessions => {
            let from = lx.paths.sessions();
            let list: Vec<SessionSummary> = newest
                .iter()
                .map(|s| session_summary(&lx, &from, s))
                .collect();
            pages.push(Page {
                template: "sessions.html",
                title: lx.t("sessions").to_owned(),
                context: json!({ "sessions": list }),
                alternates: alternates(site, |p| p.sessions()),
                path: from,
            });
        }
        // Each session, with its charts.
        Part::Session(s) => {
            let from = lx.paths.session(&s.id);
            let items: Vec<(&Session, &ResultEntry)> = s.results.iter().map(|r| (s, r)).collect();
            let card_path = lx.paths.session_card(&s.id);
            let card = session_card(&lx, s);
            let Overview {
                figure: overview,
                card: card_to_draw,
                keys: overview_keys,
            } = overview_with_card(&lx, s, card.clone(), &card_path, true, reuse);
            // The results that have a figure, and their figures, in order.
            let figured: Vec<(&ResultEntry, &Indicator)> = s
                .results
                .iter()
                .filter_map(|r| Some((r, site.indicators.get(&r.indicator)?)))
                .collect();
            // A rebuild that keeps every file of a result's chart draws it
            // only when no size is remembered for it.
            let result_figures: Vec<Figure> = figured
                .iter()
                .map(|(r, ind)| {
                    let kept = reuse.and_then(|(keys, out)| {
                        let svg = lx.paths.result_chart(&s.id, &ind.id, &r.scope);
                        kept_size(keys, out, &svg, keys.figure(lang, r), None)
                    });
                    result_figure(&lx, s, ind, r, kept)
                })
                .collect();
            let rows = result_rows(&lx, &from, &items, &result_figures);
            let (overview_key, card_key) = overview_keys.unzip();
            if !result_figures.is_empty() {
                let charts_page = lx.paths.session_charts(&s.id);
                let alternates = alternates(site, |p| p.session_charts(&s.id));
                // The page of charts shows the session's header and its
                // results' charts, not its summary or notes: a rebuild
                // keeps it while what the overview is made from stays.
                let page_kept = match (reuse, overview_key) {
                    (Some((_, out)), Some(key)) => out.keep(&charts_page, key),
                    _ => false,
                };
                if page_kept {
                    listed_kept.push(SitemapEntry {
                        path: charts_page.clone(),
                        alternates,
                    });
                    kept.push(charts_page);
                } else {
                    if let Some(key) = overview_key {
                        keyed.insert(charts_page.clone(), key);
                    }
                    let session = SessionSummary {
                        summary: None,
                        ..session_summary(&lx, &charts_page, s)
                    };
                    pages.push(Page {
                        template: "session_charts.html",
                        title: format!("{} · {}", lx.t("charts_by_indicator"), lx.text(&s.title)),
                        context: json!({
                            "session": session,
                            "charts": result_figures.iter().map(|f| f.view(&lx, &charts_page, true)).collect::<Vec<_>>(),
                            "copy_script": paths::relative(&charts_page, paths::COPY_SCRIPT),
                        }),
                        alternates,
                        path: charts_page,
                    });
                }
            }
            // The overview's files, and the session's data (the same
            // records), are kept while what the overview is made from stays.
            let session_data = [
                lx.paths.session_results_csv(&s.id),
                lx.paths.session_results_json(&s.id),
            ];
            let data_kept = match (reuse, overview_key) {
                (Some((_, out)), Some(key)) => session_data.iter().all(|f| out.keep(f, key)),
                _ => false,
            };
            if overview.undrawn.is_some() {
                kept.extend(overview.files());
                kept.push(overview.png_path());
            } else {
                let (had_pages, had_files) = (pages.len(), files.len());
                overview.outputs(&lx, &mut pages, &mut files, &mut rasters);
                if let Some(key) = overview_key {
                    let made = pages[had_pages..].iter().map(|p| &p.path);
                    let made = made.chain(files[had_files..].iter().map(|f| &f.path));
                    keyed.extend(made.map(|path| (path.clone(), key)));
                    keyed.insert(overview.png_path(), key);
                }
            }
            for ((r, _), fig) in figured.iter().zip(&result_figures) {
                if fig.undrawn.is_some() {
                    kept.extend(fig.files());
                    continue;
                }
                let (had_pages, had_files) = (pages.len(), files.len());
                fig.outputs(&lx, &mut pages, &mut files, &mut rasters);
                // A result's own files are kept while what they are made
                // from stays, whatever else of the session changed.
                if let Some((keys, _)) = reuse {
                    let key = keys.figure(lang, r);
                    keys.note_size(&fig.svg_path, key, fig.size());
                    let made = pages[had_pages..].iter().map(|p| &p.path);
                    let made = made.chain(files[had_files..].iter().map(|f| &f.path));
                    keyed.extend(made.map(|path| (path.clone(), key)));
                }
            }
            let [csv_path, json_path] = session_data;
            if data_kept {
                kept.extend([csv_path, json_path]);
            } else {
                if let Some(key) = overview_key {
                    keyed.insert(csv_path.clone(), key);
                    keyed.insert(json_path.clone(), key);
                }
                let records = match overview.undrawn {
                    Some(_) => figure::records(site, &items),
                    None => overview.records.clone(),
                };
                files.push(File {
                    path: csv_path,
                    bytes: data::to_csv(&records),
                });
                files.push(File {
                    path: json_path,
                    bytes: data::to_json(&records),
                });
            }
            let card_view = card_meta(
                &card,
                &card_path,
                lx.opt(&s.summary)
                    .unwrap_or_else(|| format!("{} {}.", card.key, card.key_label)),
            );
            match card_to_draw {
                Some(card) => {
                    if let Some(key) = card_key {
                        keyed.insert(card_path.clone(), key);
                    }
                    rasters.push(Raster::Card {
                        path: card_path,
                        card,
                    });
                }
                None => kept.push(card_path),
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
            let t = lx.tally(s);
            pages.push(Page {
                template: "session.html",
                title: lx.text(&s.title),
                context: json!({
                    "session": session_summary(&lx, &from, s),
                    "chair": lx.opt(&s.chair),
                    "notes_html": notes.map(|n| markdown::to_html(n, 1)),
                    "notes_lang": notes_lang.filter(|l| *l != lang).map(|l| l.as_str()),
                    "rows": rows,
                    "tally": t,
                    "chart": overview.view(&lx, &from, true),
                    "charts_page": (!result_figures.is_empty()).then(|| paths::relative(&from, &lx.paths.session_charts(&s.id))),
                    "data": {
                        "csv": paths::relative(&from, &lx.paths.session_results_csv(&s.id)),
                        "json": paths::relative(&from, &lx.paths.session_results_json(&s.id)),
                    },
                    "copy_script": paths::relative(&from, paths::COPY_SCRIPT),
                    "card": card_view,
                    "sources": source_views(&lx, &from, &s.sources),
                }),
                alternates: alternates(site, |p| p.session(&s.id)),
                path: from,
            });
        }
        // Indicators index, grouped.
        Part::Indicators => {
            let from = lx.paths.indicators();
            // Groups and names in the alphabetical order of the page's language.
            let collation = crate::collate::Collation::for_lang(lang);
            let mut groups: Vec<(String, Vec<(String, Value)>)> = Vec::new();
            for ind in site.indicators.values() {
                let history = index.history(&ind.id);
                let latest = history.last().map(|(s, r)| {
                    json!({
                        "actual": lx.actual(ind, r),
                        "date": lx.date(s.date),
                        "status": status_view(compute::status(r, ind.direction), lang),
                        "status_href": format!("{}#{}", paths::relative(&from, &lx.paths.methodology()), compute::status(r, ind.direction).as_str()),
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
            pages.push(Page {
                template: "indicators.html",
                title: lx.t("indicators").to_owned(),
                context: json!({ "groups": groups }),
                alternates: alternates(site, |p| p.indicators()),
                path: from,
            });
        }
        // Each indicator, with its history chart.
        Part::Indicator(ind) => {
            let from = lx.paths.indicator(&ind.id);
            let history = index.history(&ind.id);
            let chart = history_figure(&lx, ind, history);
            chart.outputs(&lx, &mut pages, &mut files, &mut rasters);
            let rows = result_rows(&lx, &from, history, &[]);
            // The card's key number is the latest figure.
            let (key, key_label, description) = match history.last() {
                Some((s, r)) => {
                    let status = i18n::status(compute::status(r, ind.direction), lang);
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
                            describe(&lx, ind, r)
                        ),
                    )
                }
                None => (
                    lx.t("no_data_yet").to_owned(),
                    String::new(),
                    format!("{}: {}.", lx.text(&ind.name), lx.t("no_data_yet")),
                ),
            };
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
            rasters.push(Raster::Card {
                path: card_path,
                card,
            });
            pages.push(Page {
                template: "indicator.html",
                title: lx.text(&ind.name),
                context: json!({
                    "indicator": {
                        "id": ind.id.as_str(),
                        "name": lx.text(&ind.name),
                        "unit": ind.unit.label(lang),
                        "direction": lx.t(if ind.direction == crate::model::Direction::Up { "direction_up" } else { "direction_down" }),
                        "group": lx.opt(&ind.group),
                        "description_html": lx.opt(&ind.description).map(|d| markdown::to_html(&d, 1)),
                    },
                    "rows": rows,
                    "chart": chart.view(&lx, &from, true),
                    "copy_script": paths::relative(&from, paths::COPY_SCRIPT),
                    "card": card_view,
                }),
                alternates: alternates(site, |p| p.indicator(&ind.id)),
                path: from,
            });
        }
        // The source register: a list, and one page per document listing
        // every figure it printed and the results that cite it, so any figure
        // can be traced.
        Part::Register if site.register.is_empty() => {}
        Part::Register => {
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
            pages.push(Page {
                template: "sources.html",
                title: lx.t("sources").to_owned(),
                context: json!({ "sources": list }),
                alternates: alternates(site, |p| p.sources()),
                path: from,
            });
        }
        Part::Source(reg) => {
            let from = lx.paths.source(&reg.id);
            let citing = index.citing(&reg.id);
            pages.push(Page {
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
                    "rows": result_rows(&lx, &from, citing, &[]),
                }),
                alternates: alternates(site, |p| p.source(&reg.id)),
                path: from,
            });
        }
        // Methodology, with real examples of each status where the data has one.
        Part::Methodology => {
            let from = lx.paths.methodology();
            let mut examples: BTreeMap<&'static str, Value> = BTreeMap::new();
            for s in &site.sessions {
                for r in &s.results {
                    let Some(ind) = site.indicators.get(&r.indicator) else {
                        continue;
                    };
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
            pages.push(Page {
                template: "methodology.html",
                title: lx.t("methodology").to_owned(),
                context: json!({ "statuses": statuses }),
                alternates: alternates(site, |p| p.methodology()),
                path: from,
            });
        }
        // Search.
        Part::Search => {
            let (page, index) = crate::render::search::job(&lx);
            pages.push(page);
            files.push(index);
        }
        // 404.
        Part::NotFound => {
            pages.push(Page {
                template: "404.html",
                title: lx.t("page_not_found").to_owned(),
                context: json!({}),
                alternates: alternates(site, |p| p.not_found()),
                path: lx.paths.not_found(),
            });
        }
    }
    PartJobs {
        pages,
        files,
        rasters,
        keyed,
        kept,
        listed_kept,
    }
}

/// What every page of one language shows the same: the interface strings
/// and the site's own texts. They are converted for the templates once per
/// language, and each page's context shares them (tera's maps are counted
/// references): converting the 94 strings for each of 30,000 pages was a
/// twentieth of a national build.
pub struct Shared {
    lang: Lang,
    t: tera::Value,
    site: tera::Value,
}

impl Shared {
    pub fn new(site: &Site, lang: &Lang) -> Result<Shared, tera::Error> {
        let lx = Localizer::new(site, lang);
        Ok(Shared {
            lang: lang.clone(),
            t: tera::Value::try_from_serializable(&i18n::strings(lang))?,
            site: tera::Value::try_from_serializable(&json!({
                "title": lx.text(&site.settings.title),
                "description": lx.text(&site.settings.description),
                "publisher": lx.text(&site.settings.publisher),
                "license": site.settings.license,
            }))?,
        })
    }
}

/// The context of one page: what its language shares ([`Shared`]), its
/// navigation and alternates, and its own data under `page`.
pub fn common_context(
    site: &Site,
    shared: &Shared,
    job: &Page,
) -> Result<tera::Context, tera::Error> {
    let lang = &shared.lang;
    let lx = Localizer::new(site, lang);
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
    fn value<T: serde::Serialize + ?Sized>(v: &T) -> Result<tera::Value, tera::Error> {
        tera::Value::try_from_serializable(v)
    }
    let mut ctx = tera::Context::new();
    ctx.insert_value("lang", value(lang.as_str())?);
    ctx.insert_value("t", shared.t.clone());
    ctx.insert_value("page_title", value(&job.title)?);
    ctx.insert_value("site", shared.site.clone());
    ctx.insert_value(
        "canonical",
        value(&paths::absolute(&site.settings.base_url, from))?,
    );
    ctx.insert_value("stylesheet", value(&rel(paths::STYLESHEET))?);
    ctx.insert_value(
        "nav",
        value(&json!({
            "home": rel(&lx.paths.home()),
            "sessions": rel(&lx.paths.sessions()),
            "indicators": rel(&lx.paths.indicators()),
            "methodology": rel(&lx.paths.methodology()),
            "search": rel(&lx.paths.search()),
            "sources": (!site.register.is_empty()).then(|| rel(&lx.paths.sources())),
            "results_csv": rel(paths::RESULTS_CSV),
            "results_json": rel(paths::RESULTS_JSON),
        }))?,
    );
    ctx.insert_value("current", value(job.template.trim_end_matches(".html"))?);
    ctx.insert_value("alternates", value(&alternates)?);
    ctx.insert_value("social", value(&feeds::social(site, lang, job))?);
    ctx.insert_value("page", value(&job.context)?);
    Ok(ctx)
}
