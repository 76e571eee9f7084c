//! The charts of the model: a session's overview, one result on its
//! indicator's scale and an indicator's history, drawn with their texts
//! (title, source line, description) in one language, and made into the
//! figures the pages show ([`Figure`]).
//!
//! Which of them a rebuild may leave undrawn is decided by
//! `figure_store`; this module only draws what it is asked to.

use crate::compute::Basis;
use crate::format;
use crate::i18n;
use crate::locale::ChartTerms;
use crate::model::{Indicator, ResultEntry, Session, Source};
use crate::render::charts::{
    self, BaselineMark, ChangeMark, ChartText, ChartWords, Form, HistoryMarks, HistoryPoint,
    OverviewRow, ValueChart,
};
use crate::render::figure::{self, Drawn, Figure, Sizes};
use crate::render::paths;
use crate::render::vocab::{alternates, Localizer};

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
        address: String::new(),
        license: lx
            .site
            .settings
            .license
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| lx.labelled(lx.t("license"), l))
            .unwrap_or_default(),
        desc,
        words: chart_words(&lx.locale.chart),
    }
}

/// Where a chart lives on the site, as its image prints it: the public
/// address of the page and figure `#id` (or of an embed page), without
/// `https://`, which a reader need not type.
pub fn printed_address(lx: &Localizer, page: &str, id: Option<&str>) -> String {
    let url = paths::absolute(&lx.site.settings.base_url, page);
    let url = match id {
        Some(id) => format!("{url}#{id}"),
        None => url,
    };
    match url.strip_prefix("https://") {
        Some(rest) => rest.to_owned(),
        None => url,
    }
}

/// The words the charts draw, in the page's language.
pub(super) fn chart_words(w: &ChartTerms) -> ChartWords {
    ChartWords {
        actual: w.actual.clone(),
        target: w.target.clone(),
        baseline: w.baseline.clone(),
        no_data: w.no_data.clone(),
        no_data_yet: w.no_data_yet.clone(),
        target_changed: w.target_changed.clone(),
        definition_changed: w.definition_changed.clone(),
        without_target: w.without_target.clone(),
    }
}

/// "Đã đạt: 11,27% tại ngày 08/08/2022, đạt mục tiêu 7%": the status and
/// the reason for it, with the figures in words.
pub fn describe(lx: &Localizer, ind: &Indicator, r: &ResultEntry) -> String {
    let status = lx.facts.status(r);
    lx.labelled(i18n::status(status, lx.locale), &lx.reason(ind, r))
}

/// The interface string that says what the session's progress bars
/// measure: the way from the baseline, the share of the target, or each
/// where it applies.
fn bar_basis(lx: &Localizer, s: &Session) -> &'static str {
    let (mut from_baseline, mut share) = (false, false);
    for r in &s.results {
        if let Some(d) = lx.facts.get(r).filter(|d| d.progress.is_some()) {
            match d.basis {
                Basis::FromBaseline => from_baseline = true,
                Basis::ShareOfTarget => share = true,
            }
        }
    }
    match (from_baseline, share) {
        (true, true) => "bar_mixed",
        (true, false) => "bar_from_baseline",
        _ => "bar_share_of_target",
    }
}

/// The texts of the session overview chart.
fn session_chart_text(lx: &Localizer, s: &Session, rows: &[OverviewRow]) -> ChartText {
    // A session that set no targets is shown as the figures it reported,
    // not as progress towards targets it does not have.
    let subtitle = if charts::measures_progress(rows) {
        lx.labelled(lx.t("progress"), lx.t(bar_basis(lx, s)))
    } else {
        lx.t("reported_figures").to_owned()
    };
    let descs: Vec<String> = s
        .results
        .iter()
        .filter_map(|r| {
            let ind = lx.site.indicators.get(&r.indicator)?;
            Some(lx.labelled(&lx.text(ind.label()), &describe(lx, ind, r)))
        })
        .collect();
    let sources: Vec<&Source> = s.sources.iter().collect();
    chart_text(
        lx,
        format!("ov-{}", s.id),
        lx.text(&s.title),
        lx.date(s.date),
        subtitle,
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
            let status = lx.facts.status(r);
            let mut label = lx.text(ind.label());
            if !r.scope.is_national() {
                label = format!("{label} ({})", lx.scope_name(&r.scope));
            }
            Some(OverviewRow {
                label,
                progress: lx.facts.of(r).progress,
                actual_label: r.actual.map(|_| lx.actual(ind, r)).unwrap_or_default(),
                target_label: lx.value(ind, r.target),
                baseline_label: lx.dated_value(ind, r.baseline, r.baseline_date),
                status,
                status_label: i18n::status(status, lx.locale).to_owned(),
            })
        })
        .collect()
}

/// The session overview chart, printing `address` (see
/// [`printed_address`]).
pub fn session_chart(lx: &Localizer, s: &Session, address: String) -> Drawn {
    let rows = overview_rows(lx, s);
    let text = ChartText {
        address,
        ..session_chart_text(lx, s, &rows)
    };
    Drawn {
        svg: charts::overview(&text, &rows, Form::Wide),
        narrow: charts::overview(&text, &rows, Form::Narrow),
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
        lx.labelled(lx.t("unit"), ind.unit.label(lx.locale)),
        &result_sources(s, r),
        describe(lx, ind, r),
    )
}

/// One result's chart on its indicator's own scale, printing `address`.
pub fn result_chart(
    lx: &Localizer,
    s: &Session,
    ind: &Indicator,
    r: &ResultEntry,
    address: String,
) -> Drawn {
    let status = lx.facts.status(r);
    let text = ChartText {
        address,
        ..result_chart_text(lx, s, ind, r)
    };
    let spec = ValueChart {
        actual: r.actual,
        actual_label: lx.actual(ind, r),
        target: r.target,
        target_label: lx.value(ind, r.target).unwrap_or_default(),
        baseline: r.baseline,
        baseline_label: lx.value(ind, r.baseline).unwrap_or_default(),
        status,
        status_label: i18n::status(status, lx.locale).to_owned(),
        axis_max: r.out_of,
    };
    let unit = ind.unit.clone();
    let locale = lx.locale;
    let axis = move |v: f64| format::axis_value(v, &unit, locale);
    Drawn {
        svg: charts::indicator_value(&text, &spec, &axis, Form::Wide),
        narrow: charts::indicator_value(&text, &spec, &axis, Form::Narrow),
        text,
    }
}

/// The indicator's history chart, printing `address`.
pub fn indicator_chart(
    lx: &Localizer,
    ind: &Indicator,
    history: &[(&Session, &ResultEntry)],
    address: String,
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
    let text = ChartText {
        address,
        ..chart_text(
            lx,
            format!("h-{}", ind.id),
            lx.text(ind.label()),
            subtitle,
            lx.labelled(lx.t("unit"), ind.unit.label(lx.locale)),
            &sources,
            desc,
        )
    };
    let extra = history_marks(lx, ind, history);
    let unit = ind.unit.clone();
    let locale = lx.locale;
    let axis = move |v: f64| format::axis_value(v, &unit, locale);
    Drawn {
        svg: charts::history_marked(&text, &points, &extra, &axis, Form::Wide),
        narrow: charts::history_marked(&text, &points, &extra, &axis, Form::Narrow),
        text,
    }
}

/// What an indicator's history chart marks besides its figures: every
/// dated baseline its results give, each change of its targets, where a
/// definition changes, and the due dates of its targets.
fn history_marks(
    lx: &Localizer,
    ind: &Indicator,
    history: &[(&Session, &ResultEntry)],
) -> HistoryMarks {
    let baselines = history
        .iter()
        .filter_map(|(_, r)| {
            Some(BaselineMark {
                date: r.baseline_date?,
                value: r.baseline?,
                label: lx.dated_value(ind, r.baseline, r.baseline_date)?,
                series: lx.scope_name(&r.scope),
            })
        })
        .collect();
    let changes = lx
        .facts
        .changes_of(&ind.id)
        .filter_map(|c| {
            let (b, a) = (c.before.1, c.after.1);
            Some(ChangeMark {
                date: c.after.0.date,
                from: (b.target_date.unwrap_or(b.as_of), b.target?),
                to: (a.target_date.unwrap_or(a.as_of), a.target?),
            })
        })
        .collect();
    let mut due_ticks: Vec<(crate::model::Date, String)> = history
        .iter()
        .filter(|(_, r)| r.target.is_some())
        .filter_map(|(_, r)| r.target_date.map(|d| (d, lx.date(d))))
        .collect();
    due_ticks.sort();
    due_ticks.dedup();
    HistoryMarks {
        baselines,
        changes,
        definitions: lx.facts.definition_changes(ind),
        due_ticks,
    }
}

/// The session's overview chart, as the figure of its session page.
pub fn overview_figure(lx: &Localizer, s: &Session, kept: Option<Sizes>) -> Figure {
    let t = lx.tally(s);
    let items: Vec<(&Session, &ResultEntry)> = s.results.iter().map(|r| (s, r)).collect();
    let (page, id) = (lx.paths.session(&s.id), "chart-overview");
    let drawn = match kept {
        Some(_) => Drawn {
            svg: String::new(),
            narrow: String::new(),
            text: undrawn_text(lx, lx.text(&s.title), &s.sources.iter().collect::<Vec<_>>()),
        },
        None => session_chart(lx, s, printed_address(lx, &page, Some(id))),
    };
    // The records are for the chart's data files, which an undrawn
    // chart's rebuild keeps.
    let records = match kept {
        Some(_) => Vec::new(),
        None => figure::records(lx.site, lx.lang, lx.facts, &items),
    };
    Figure {
        svg_path: lx.paths.session_chart(&s.id),
        drawn,
        page,
        id: id.to_owned(),
        alt: format!(
            "{}. {}",
            lx.text(&s.title),
            lx.achieved(t.achieved, t.with_target())
        ),
        cite_date: lx.date(s.date),
        cited: figure::cited(lx, &items),
        records,
        png: true,
        svg_alternates: alternates(lx.site, |p| p.session_chart(&s.id)),
        undrawn: kept,
        as_of: None,
    }
}

/// One result's chart. Its figure id is `chart-<indicator>`, with
/// `.<scope>` for scopes other than national, as in its file name: ids
/// cannot contain dots, so two results never share one. Given `kept`, the
/// size of a chart whose files a rebuild keeps, the chart is not drawn
/// (see [`Figure::undrawn`]).
pub fn result_figure(
    lx: &Localizer,
    s: &Session,
    ind: &Indicator,
    r: &ResultEntry,
    kept: Option<Sizes>,
) -> Figure {
    let page = lx.paths.session_charts(&s.id);
    let id = if r.scope.is_national() {
        format!("chart-{}", ind.id)
    } else {
        format!("chart-{}.{}", ind.id, r.scope)
    };
    let drawn = match kept {
        Some(_) => Drawn {
            svg: String::new(),
            narrow: String::new(),
            text: undrawn_text(lx, result_title(lx, ind, r), &result_sources(s, r)),
        },
        None => result_chart(lx, s, ind, r, printed_address(lx, &page, Some(&id))),
    };
    // An undrawn chart's texts leave out its description (`desc`), which
    // only the SVG holds.
    let said = match kept {
        Some(_) => describe(lx, ind, r),
        None => drawn.text.desc.clone(),
    };
    Figure {
        svg_path: lx.paths.result_chart(&s.id, &ind.id, &r.scope),
        page,
        id,
        alt: format!("{}: {said}", drawn.text.title),
        drawn,
        cite_date: lx.date(s.date),
        records: match kept {
            Some(_) => Vec::new(),
            None => figure::records(lx.site, lx.lang, lx.facts, &[(s, r)]),
        },
        cited: figure::cited(lx, &[(s, r)]),
        png: false,
        svg_alternates: alternates(lx.site, |p| p.result_chart(&s.id, &ind.id, &r.scope)),
        undrawn: kept,
        as_of: None,
    }
}

/// The indicator's history chart, as the figure of its page, printing
/// `address` (see [`printed_address`]), or that of the figure on its page
/// when `None`.
pub fn history_figure(
    lx: &Localizer,
    ind: &Indicator,
    history: &[(&Session, &ResultEntry)],
    address: Option<String>,
) -> Figure {
    let (page, id) = (lx.paths.indicator(&ind.id), "chart-history");
    let address = address.unwrap_or_else(|| printed_address(lx, &page, Some(id)));
    let drawn = indicator_chart(lx, ind, history, address);
    let said = if history.is_empty() {
        lx.t("no_data_yet").to_owned()
    } else {
        history
            .iter()
            .map(|(s, r)| lx.labelled(&lx.date(s.date), &describe(lx, ind, r)))
            .collect::<Vec<_>>()
            .join(". ")
    };
    Figure {
        svg_path: lx.paths.indicator_chart(&ind.id),
        page,
        id: id.to_owned(),
        alt: format!("{}. {said}", lx.text(&ind.name)),
        cite_date: if history.is_empty() {
            String::new()
        } else {
            drawn.text.subtitle.clone()
        },
        drawn,
        records: figure::records(lx.site, lx.lang, lx.facts, history),
        cited: figure::cited(lx, history),
        png: true,
        svg_alternates: alternates(lx.site, |p| p.indicator_chart(&ind.id)),
        undrawn: None,
        as_of: None,
    }
}
