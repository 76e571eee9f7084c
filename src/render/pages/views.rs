//! The views several page families show: a session in a list, a table of
//! results, a list of sources, a status, a social card. Every number and
//! date in them is formatted for the page's language, every link is
//! relative to the page.

use std::collections::HashMap;

use serde::Serialize;

use crate::compute::goalposts::Pace;
use crate::compute::track::{Movement, Quiet, Silence, Way};
use crate::compute::{Change, Status, Track};
use crate::i18n;
use crate::locale::{format, Locale};
use crate::model::{Indicator, LocalizedText, ResultEntry, ScopeId, Session, Source};
use crate::render::figure::{Figure, FigureView};
use crate::render::paths;
use crate::render::png::Card;
use crate::render::vocab::Localizer;

/// Status word, symbol and CSS class, as templates see a status.
#[derive(Serialize)]
pub(super) struct StatusView {
    pub(super) key: &'static str,
    label: String,
    symbol: &'static str,
}

/// How templates see the status `s`.
pub(super) fn status_view(s: Status, locale: &Locale) -> StatusView {
    StatusView {
        key: s.as_str(),
        label: i18n::status(s, locale).to_owned(),
        symbol: s.symbol(),
    }
}

#[derive(Serialize)]
pub(super) struct SessionSummary {
    pub(super) title: String,
    pub(super) date: String,
    pub(super) iso_date: String,
    pub(super) href: String,
    pub(super) summary: Option<String>,
    pub(super) results: usize,
    pub(super) with_target: usize,
    pub(super) achieved: usize,
    /// "12 results".
    pub(super) results_text: String,
    /// "3 of 13 targets achieved", when any result has a target.
    pub(super) achieved_text: Option<String>,
    /// The same, each number in `<strong>`, as HTML.
    pub(super) achieved_html: Option<String>,
}

pub(super) fn session_summary(lx: &Localizer, from: &str, s: &Session) -> SessionSummary {
    let t = lx.tally(s);
    SessionSummary {
        title: lx.text(&s.title),
        date: lx.date(s.date),
        iso_date: s.date.to_string(),
        href: paths::relative(from, &lx.paths.session(&s.id)),
        summary: lx.opt(&s.summary),
        results: s.results.len(),
        with_target: t.with_target(),
        achieved: t.achieved,
        results_text: lx.count("results", s.results.len()),
        achieved_text: (t.with_target() > 0).then(|| lx.achieved(t.achieved, t.with_target())),
        achieved_html: (t.with_target() > 0).then(|| {
            lx.count_html(
                "targets_achieved",
                t.with_target(),
                &[("n", t.achieved), ("total", t.with_target())],
            )
        }),
    }
}

/// A session's social card: the share of targets achieved, or the number
/// of results when none has a target.
pub(super) fn session_card(lx: &Localizer, s: &Session) -> Card {
    let t = lx.tally(s);
    let with_target = t.with_target();
    let (key, key_label) = if with_target > 0 {
        (
            format!("{}/{with_target}", t.achieved),
            lx.count("targets_achieved_label", with_target),
        )
    } else {
        let n = s.results.len();
        (n.to_string(), lx.count("results_label", n))
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

/// What the page's social meta tags say about its card (see
/// `feeds::social`, which reads these fields).
#[derive(Serialize)]
pub(super) struct CardMeta {
    path: String,
    alt: String,
    description: String,
}

/// What the page's social meta tags say about its card at `path`.
pub(super) fn card_meta(card: &Card, path: &str, description: String) -> CardMeta {
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
    CardMeta {
        path: path.to_owned(),
        alt,
        description,
    }
}

/// One row of a table of results.
#[derive(Serialize)]
pub(super) struct ResultRow {
    session: String,
    session_href: String,
    session_date: String,
    indicator: String,
    indicator_id: String,
    indicator_href: String,
    scope: String,
    /// The scope's own page, when it has one.
    scope_href: Option<String>,
    national: bool,
    actual: String,
    has_actual: bool,
    as_of: String,
    target: Option<String>,
    baseline: Option<String>,
    baseline_date: Option<String>,
    due: Option<String>,
    status: StatusView,
    /// Why the result has its status, in words.
    reason: String,
    status_href: String,
    note: Option<String>,
    source: Option<RowSource>,
    /// Whether the figure is checked against a document of the register.
    checked: bool,
    chart: Option<FigureView>,
    /// The earlier figure this one corrects.
    correction: Option<CorrectionView>,
    /// The later figure that corrects this one.
    corrected_later: Option<CorrectedLater>,
}

/// The later result that corrects a row's figure.
#[derive(Serialize)]
pub(super) struct CorrectedLater {
    /// "Corrected later to 47.2% (Year-end review 2023, 20/12/2023)".
    text: String,
    /// The correction on the corrections page.
    href: String,
}

impl ResultRow {
    /// The status of the row's result (its key, `achieved`…).
    pub(super) fn status_key(&self) -> &'static str {
        self.status.key
    }

    /// The id of the source of the row's figure, if it names one.
    pub(super) fn source_id(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.id.as_str())
    }
}

/// The source a row's figure comes from.
#[derive(Serialize)]
pub(super) struct RowSource {
    id: String,
    lang: Option<String>,
    label: String,
    name: String,
    date: Option<String>,
    href: String,
}

/// The table rows for results, as templates see them.
/// `charts` are the figures of the page, matched to rows by their SVG.
pub(super) fn result_rows(
    lx: &Localizer,
    from: &str,
    items: &[(&Session, &ResultEntry)],
    charts: &[Figure],
) -> Vec<ResultRow> {
    // Found by path, not by a scan of every chart for every row, which made
    // a session page quadratic in its results.
    let charts: HashMap<&str, &Figure> = charts.iter().map(|f| (f.svg_path.as_str(), f)).collect();
    items
        .iter()
        .filter_map(|(s, r)| {
            let ind = lx.site.indicators.get(&r.indicator)?;
            let status = lx.facts.status(r);
            let source = r.source.as_ref().and_then(|id| s.source(id));
            Some(ResultRow {
                session: lx.text(&s.title),
                session_href: paths::relative(from, &lx.paths.session(&s.id)),
                session_date: lx.date(s.date),
                indicator: lx.text(&ind.name),
                indicator_id: ind.id.as_str().to_owned(),
                indicator_href: paths::relative(from, &lx.paths.indicator(&ind.id)),
                scope: lx.scope_name(&r.scope),
                scope_href: scope_href(lx, from, &r.scope),
                national: r.scope.is_national(),
                actual: lx.actual(ind, r),
                has_actual: r.actual.is_some(),
                as_of: lx.date(r.as_of),
                target: lx.value(ind, r.target),
                baseline: lx.value(ind, r.baseline),
                baseline_date: r.baseline_date.map(|d| lx.date(d)),
                due: r.target_date.map(|d| lx.date(d)),
                status: status_view(status, lx.locale),
                reason: lx.reason(ind, r),
                status_href: format!(
                    "{}#{}",
                    paths::relative(from, &lx.paths.methodology()),
                    status.as_str()
                ),
                note: lx.opt(&r.note),
                checked: lx.facts.of(r).checked,
                source: source.map(|src| RowSource {
                    id: src.id.as_str().to_owned(),
                    lang: source_lang(lx, src, source_named(lx, src)),
                    label: source_label(lx, src),
                    name: source_name(lx, src),
                    date: src.date.map(|d| lx.date(d)),
                    href: source_href(lx, from, s, src),
                }),
                // The row links to the chart on its own page, which has
                // the embed codes and the citation.
                chart: charts
                    .get(lx.paths.result_chart(&s.id, &ind.id, &r.scope).as_str())
                    .map(|f| f.view(lx, from, false)),
                correction: correction_view(lx, from, s, ind, r),
                corrected_later: lx.facts.corrected_by(r).map(|(cs, cr)| CorrectedLater {
                    text: lx
                        .t("corrected_later")
                        .replace("{new}", &lx.actual(ind, cr))
                        .replace("{session}", &lx.text(&cs.title))
                        .replace("{date}", &lx.date(cs.date)),
                    href: format!(
                        "{}#{}",
                        paths::relative(from, &lx.paths.corrections()),
                        paths::correction_anchor(&cs.id, cr)
                    ),
                }),
            })
        })
        .collect()
}

/// The link from `from` to the page of `scope`, if it has one.
pub(super) fn scope_href(lx: &Localizer, from: &str, scope: &ScopeId) -> Option<String> {
    lx.facts
        .has_scope_page(scope)
        .then(|| paths::relative(from, &lx.paths.scope(scope)))
}

/// An earlier published figure that a result corrects, as pages show it.
#[derive(Serialize)]
pub(super) struct CorrectionView {
    /// "Corrected: was 45.7% (published 15/07/2023)".
    pub(super) text: String,
    /// The old figure, formatted.
    pub(super) old: String,
    pub(super) published: String,
    pub(super) published_iso: String,
    pub(super) reason: String,
    /// The language of the reason, when it is not the page's.
    pub(super) reason_lang: Option<String>,
    /// Where the old figure was published, when the content says.
    pub(super) source: Option<RowSource>,
}

/// How pages show the correction `r` makes, if it makes one.
pub(super) fn correction_view(
    lx: &Localizer,
    from: &str,
    s: &Session,
    ind: &Indicator,
    r: &ResultEntry,
) -> Option<CorrectionView> {
    let c = r.corrects.as_ref()?;
    let old = format::value(c.value, &ind.unit, lx.locale);
    let published = lx.date(c.published);
    let register;
    let source = match &c.source {
        None => None,
        Some(id) => match s.source(id) {
            Some(src) => Some(src),
            None => {
                register = lx.site.register.get(id).map(|reg| reg.as_source());
                register.as_ref()
            }
        },
    };
    Some(CorrectionView {
        text: lx
            .t("corrected_was")
            .replace("{old}", &old)
            .replace("{date}", &published),
        old,
        published,
        published_iso: c.published.to_string(),
        reason: lx.text(&c.reason),
        reason_lang: lx.lang_of(&c.reason),
        source: source.map(|src| RowSource {
            id: src.id.as_str().to_owned(),
            lang: source_lang(lx, src, source_named(lx, src)),
            label: source_label(lx, src),
            name: source_name(lx, src),
            date: src.date.map(|d| lx.date(d)),
            href: source_href(lx, from, s, src),
        }),
    })
}

/// "Báo Đồng Khởi, 08/08/2022": who published a figure, and when.
pub(super) fn source_label(lx: &Localizer, src: &Source) -> String {
    let label = source_name(lx, src);
    match src.date {
        Some(d) => format!("{label}, {}", lx.date(d)),
        None => label,
    }
}

/// Who published a source (its title when the publisher is unknown): the
/// part of [`source_label`] in the source's own language.
pub(super) fn source_name(lx: &Localizer, src: &Source) -> String {
    lx.text(source_named(lx, src))
}

/// The text [`source_name`] shows: the publisher, or the title when the
/// publisher is unknown.
fn source_named<'s>(lx: &Localizer, src: &'s Source) -> &'s LocalizedText {
    if lx.text(&src.publisher).is_empty() {
        &src.title
    } else {
        &src.publisher
    }
}

/// Where a figure's source is described: the register page that lists every
/// figure the document printed, or the session's list of inline sources.
pub(super) fn source_href(lx: &Localizer, from: &str, session: &Session, src: &Source) -> String {
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

/// The language `t`, the title or publisher of source `s`, is shown in,
/// when it is not the page's: the language of the text read (the page's
/// or a fallback), and for one string of a register document, the
/// document's language. Marked with `lang` so screen readers switch voice.
pub(super) fn source_lang(lx: &Localizer, s: &Source, t: &LocalizedText) -> Option<String> {
    let document = s
        .register
        .then(|| lx.site.register.get(&s.id).map(|r| &r.language))
        .flatten();
    lx.foreign_lang(t, document)
}

/// One source in a session's list of sources.
#[derive(Serialize)]
pub(super) struct SourceView {
    href: Option<String>,
    id: String,
    /// The language of the title, when it is not the page's.
    lang: Option<String>,
    title: String,
    publisher: String,
    /// The language of the publisher, when it is not the page's.
    publisher_lang: Option<String>,
    date: Option<String>,
    url: Option<String>,
    register: bool,
}

/// A session's sources, as its page lists them.
pub(super) fn source_views(lx: &Localizer, from: &str, sources: &[Source]) -> Vec<SourceView> {
    sources
        .iter()
        .map(|s| SourceView {
            href: s
                .register
                .then(|| paths::relative(from, &lx.paths.source(&s.id))),
            id: s.id.as_str().to_owned(),
            lang: source_lang(lx, s, &s.title),
            title: lx.text(&s.title),
            publisher: lx.text(&s.publisher),
            publisher_lang: source_lang(lx, s, &s.publisher),
            date: s.date.map(|d| lx.date(d)),
            url: s.url.clone(),
            register: s.register,
        })
        .collect()
}

/// How one target is going (a [`Track`]), as the home page and the
/// indicator's page show it.
#[derive(Serialize)]
pub(super) struct TargetView {
    /// The anchor of its card on the home page.
    pub(super) anchor: String,
    pub(super) indicator: String,
    pub(super) indicator_href: String,
    /// The scope, when it is not the national one.
    pub(super) scope: Option<String>,
    /// The newest figure and its date.
    latest: Option<String>,
    latest_date: Option<String>,
    target: Option<String>,
    due: Option<String>,
    pub(super) status: StatusView,
    status_href: String,
    reason: String,
    /// The session that set the target in force.
    session: String,
    session_href: String,
    movement: Option<MovementView>,
    /// Whether its reports fell silent, and how, in words.
    pub(super) silence: Option<SilenceView>,
    /// The pace still needed, and the pace kept, in words.
    pace: Option<String>,
}

/// How the newest figure moved, as an arrow, a class and words.
#[derive(Serialize)]
struct MovementView {
    way: Way,
    symbol: &'static str,
    /// `better`, `worse` or `same`: towards the target's side or away.
    tone: &'static str,
    text: String,
}

/// A silent target, in words.
#[derive(Serialize)]
pub(super) struct SilenceView {
    key: Quiet,
    label: String,
    text: String,
}

/// How templates see the track `t`, from the page at `from`.
pub(super) fn target_view(lx: &Localizer, from: &str, t: &Track) -> TargetView {
    let ind = t.indicator;
    let (session, current) = t.current;
    let methodology = paths::relative(from, &lx.paths.methodology());
    let latest = t.latest.map(|(_, r)| r);
    TargetView {
        anchor: format!("target-{}-{}", ind.id, t.scope),
        indicator: lx.text(&ind.name),
        indicator_href: paths::relative(from, &lx.paths.indicator(&ind.id)),
        scope: (!t.scope.is_national()).then(|| lx.scope_name(t.scope)),
        latest: latest.map(|r| lx.actual(ind, r)),
        latest_date: latest.map(|r| lx.date(r.as_of)),
        target: lx.value(ind, current.target),
        due: current.target_date.map(|d| lx.date(d)),
        status: status_view(t.status, lx.locale),
        status_href: format!("{methodology}#{}", t.status.as_str()),
        reason: lx.reason(ind, current),
        session: lx.text(&session.title),
        session_href: paths::relative(from, &lx.paths.session(&session.id)),
        movement: match (t.movement, latest) {
            (Some(m), _) => Some(movement_view(lx, ind, &m)),
            (None, Some(_)) => Some(MovementView {
                way: Way::Same,
                symbol: "•",
                tone: "same",
                text: lx
                    .t(if t.apart {
                        "not_comparable"
                    } else {
                        "first_figure"
                    })
                    .to_owned(),
            }),
            (None, None) => None,
        },
        silence: t.silence.map(|s| silence_view(lx, current, &s)),
        pace: t.pace.map(|p| pace_words(lx, ind, &p)),
    }
}

/// An amount of the indicator's unit in words: "13.09 points" for a
/// percentage (a difference of two is in points), the unit's own form
/// for any other; with `decimals` at most for a percentage.
fn amount(lx: &Localizer, ind: &Indicator, v: f64, decimals: usize) -> String {
    if ind.unit.is_percent() {
        lx.t("change_points")
            .replace("{value}", &format::number(v, decimals, lx.locale))
    } else {
        format::value(v, &ind.unit, lx.locale)
    }
}

/// "13.09 points still to go in 184 days: about 2.1 points a month
/// needed; from 27/04/2022 to 30/06/2022 it rose about 12.9 points a
/// month".
pub(super) fn pace_words(lx: &Localizer, ind: &Indicator, p: &Pace) -> String {
    let mut text = lx
        .t("pace_needed")
        .replace("{remaining}", &amount(lx, ind, p.remaining, 2))
        .replace("{days}", &format::number(p.days as f64, 0, lx.locale))
        .replace("{needed}", &amount(lx, ind, p.needed, 1));
    if let Some(r) = &p.recent {
        let rate = amount(lx, ind, r.per_month.abs(), 1);
        let key = if rate == amount(lx, ind, 0.0, 1) {
            "pace_flat"
        } else if r.per_month > 0.0 {
            "pace_rose"
        } else {
            "pace_fell"
        };
        text.push_str("; ");
        text.push_str(
            &lx.t(key)
                .replace("{from}", &lx.date(r.from))
                .replace("{to}", &lx.date(r.to))
                .replace("{rate}", &rate),
        );
    }
    text
}

/// A session a change of target was made at or before, linked.
#[derive(Serialize)]
pub(super) struct SessionLink {
    title: String,
    date: String,
    href: String,
}

/// One change of a target, as the indicator's page and the list of every
/// change show it.
#[derive(Serialize)]
pub(super) struct ChangeView {
    pub(super) indicator: String,
    pub(super) indicator_href: String,
    pub(super) scope: String,
    /// Whether the scope is the national one, which the indicator's page
    /// does not name.
    pub(super) national: bool,
    /// "target lowered from 80% to 50%", "deadline moved from … to …".
    pub(super) texts: Vec<String>,
    /// `eased` (asks for less), `tightened` (asks for more), or `moved`
    /// when only the due date changed.
    pub(super) tone: &'static str,
    pub(super) before: SessionLink,
    pub(super) after: SessionLink,
}

/// How templates see a change of target.
pub(super) fn change_view(lx: &Localizer, from: &str, c: &Change) -> ChangeView {
    let ind = c.indicator;
    let link = |s: &Session| SessionLink {
        title: lx.text(&s.title),
        date: lx.date(s.date),
        href: paths::relative(from, &lx.paths.session(&s.id)),
    };
    let mut texts = Vec::new();
    if let Some((old, new)) = c.shift.value {
        let key = if new > old {
            "target_raised"
        } else {
            "target_lowered"
        };
        let mut text = lx
            .t(key)
            .replace("{from}", &format::value(old, &ind.unit, lx.locale))
            .replace("{to}", &format::value(new, &ind.unit, lx.locale));
        if let Some(eased) = c.shift.eased(ind.direction) {
            text.push_str(&format!(
                " ({})",
                lx.t(if eased {
                    "target_eased"
                } else {
                    "target_tightened"
                })
            ));
        }
        texts.push(text);
    }
    if let Some((old, new)) = c.shift.due {
        texts.push(
            lx.t("deadline_moved")
                .replace("{from}", &lx.date(old))
                .replace("{to}", &lx.date(new)),
        );
    }
    ChangeView {
        indicator: lx.text(&ind.name),
        indicator_href: paths::relative(from, &lx.paths.indicator(&ind.id)),
        scope: lx.scope_name(c.scope),
        national: c.scope.is_national(),
        texts,
        tone: match c.shift.eased(ind.direction) {
            Some(true) => "eased",
            Some(false) => "tightened",
            None => "moved",
        },
        before: link(c.before.0),
        after: link(c.after.0),
    }
}

/// "↑ up 3.2 points since 30/06/2023, towards the target".
fn movement_view(lx: &Localizer, ind: &Indicator, m: &Movement) -> MovementView {
    let size = m.change.abs();
    let change = if ind.unit.is_percent() {
        lx.t("change_points")
            .replace("{value}", &format::number(size, 2, lx.locale))
    } else {
        format::value(size, &ind.unit, lx.locale)
    };
    let (symbol, key) = match m.way {
        Way::Up => ("↑", "moved_up"),
        Way::Down => ("↓", "moved_down"),
        Way::Same => ("→", "moved_same"),
    };
    let mut text = lx
        .t(key)
        .replace("{change}", &change)
        .replace("{date}", &lx.date(m.since));
    let tone = match m.better {
        Some(true) => "better",
        Some(false) => "worse",
        None => "same",
    };
    if let Some(better) = m.better {
        text.push_str(", ");
        text.push_str(lx.t(if better {
            "toward_target"
        } else {
            "away_from_target"
        }));
    }
    MovementView {
        way: m.way,
        symbol,
        tone,
        text,
    }
}

/// "Overdue: not reported since 31/12/2022, 340 days".
fn silence_view(lx: &Localizer, current: &ResultEntry, s: &Silence) -> SilenceView {
    let (label, since, never) = match s.quiet {
        Quiet::Overdue => ("overdue", "overdue_since", "overdue_never"),
        Quiet::Dropped => ("dropped", "dropped_since", "dropped_never"),
    };
    // Days are counted forwards: a negative count would be no silence.
    let days = usize::try_from(s.days.max(0)).unwrap_or(usize::MAX);
    let text = match s.since {
        Some(d) => lx.count(since, days).replace("{date}", &lx.date(d)),
        None => lx.count(never, days),
    }
    .replace(
        "{due}",
        &current.target_date.map(|d| lx.date(d)).unwrap_or_default(),
    );
    SilenceView {
        key: s.quiet,
        label: lx.t(label).to_owned(),
        text,
    }
}
