//! The derived facts of a whole validated site, computed once: each
//! result's status, the reason for it and its progress, and the tally of
//! statuses of each session and each indicator. Rendering reads them here
//! rather than deriving them again on every page that shows them.
//!
//! Each page shows the date of the newest content it shows as "last
//! updated", read from the content, never from the clock: a session's, its
//! own date; an indicator's, that of the latest session with a result of
//! it; a register document's, the latest of its own date and those of the
//! sessions that cite it; a page that lists a little of everything, the
//! newest date of the site (see [`Facts::updated`]).
//!
//! A result without a baseline may have its pace measured from the earliest
//! comparable figure the site holds for the same indicator and scope: the
//! earliest dated before it, and not before the latest figure marked
//! `pace_from_earlier: false` (a break in the series) dated on or before
//! it. A result so marked is measured from no earlier figure.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::goalposts::{pace, shifts, Pace, Set, Shift};
use super::status::{judge, progress, Basis, Reason, Start, StartFrom, Status};
use super::track::{follow, Movement, Report, Silence};
use crate::model::{
    Date, Indicator, IndicatorId, ResultEntry, ScopeId, Session, SessionId, Site, SourceId,
};

/// What is derived from one result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Derived {
    pub status: Status,
    /// Why it has that status.
    pub reason: Reason,
    /// Progress towards the target (see [`super::progress`]).
    pub progress: Option<f64>,
    /// What `progress` measures.
    pub basis: Basis,
    /// Whether its figures are checked against what a document of the
    /// register printed: its source is a register entry. A figure with an
    /// inline source, or with none, is shown as not checked.
    pub checked: bool,
}

/// How many results have each status, among some results. Templates see
/// it as a map from each status's name (`achieved`, `on-track`…) to its
/// count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Tally {
    pub achieved: usize,
    pub on_track: usize,
    pub behind: usize,
    pub no_data: usize,
    pub no_target: usize,
    pub pending: usize,
    pub needs_acceleration: usize,
    pub limited_progress: usize,
    pub deterioration: usize,
    /// Every result counted from, with those of an unknown indicator,
    /// which have no status.
    #[serde(skip)]
    pub results: usize,
}

impl Tally {
    /// The count of results with status `s`.
    pub fn count(&self, s: Status) -> usize {
        match s {
            Status::Achieved => self.achieved,
            Status::OnTrack => self.on_track,
            Status::Behind => self.behind,
            Status::NoData => self.no_data,
            Status::NoTarget => self.no_target,
            Status::Pending => self.pending,
            Status::NeedsAcceleration => self.needs_acceleration,
            Status::LimitedProgress => self.limited_progress,
            Status::Deterioration => self.deterioration,
        }
    }

    /// The results that have a target and a figure to hold against it.
    pub fn with_target(&self) -> usize {
        self.results - self.no_target - self.no_data
    }

    fn add(&mut self, s: Status) {
        *match s {
            Status::Achieved => &mut self.achieved,
            Status::OnTrack => &mut self.on_track,
            Status::Behind => &mut self.behind,
            Status::NoData => &mut self.no_data,
            Status::NoTarget => &mut self.no_target,
            Status::Pending => &mut self.pending,
            Status::NeedsAcceleration => &mut self.needs_acceleration,
            Status::LimitedProgress => &mut self.limited_progress,
            Status::Deterioration => &mut self.deterioration,
        } += 1;
    }
}

/// The derived facts of one site (see the module's docs).
pub struct Facts<'a> {
    /// By the address of each result in the site, which stays put while
    /// the site is borrowed.
    results: HashMap<usize, Derived>,
    sessions: HashMap<&'a SessionId, Tally>,
    indicators: HashMap<&'a IndicatorId, Tally>,
    /// How many results are not checked against a register entry.
    unchecked: usize,
    /// How each target is going (see [`Track`]).
    tracks: Vec<Track<'a>>,
    /// The tally of the tracks' statuses.
    targets: Tally,
    /// The date of the newest session.
    newest: Option<Date>,
    /// Every change of a target (see [`Change`]).
    changes: Vec<Change<'a>>,
    /// The indicators each indicator is replaced by (the reverse of
    /// `replaces`), in id order.
    replaced_by: HashMap<&'a IndicatorId, Vec<&'a IndicatorId>>,
    /// The change each result made to its target, by the result's address:
    /// its position in `changes`.
    changed: HashMap<usize, usize>,
    /// The date of the earliest figure of each indicator that replaces
    /// another: where the new definition begins.
    begins: HashMap<&'a IndicatorId, Date>,
    /// Every result that corrects an earlier figure, with its session.
    corrections: Vec<(&'a Session, &'a ResultEntry)>,
    /// The scopes with a page of their own (see [`Facts::scopes`]).
    scopes: Vec<&'a ScopeId>,
    /// The result that corrects each corrected result, by the address of
    /// the corrected one (see [`Facts::corrected_by`]).
    corrected_by: HashMap<usize, (&'a Session, &'a ResultEntry)>,
    /// The newest date of the site's content: its sessions' and its
    /// register documents'.
    updated: Option<Date>,
    /// The date of the latest session with a result of each indicator.
    indicator_updated: HashMap<&'a IndicatorId, Date>,
    /// The latest of each register document's own date and those of the
    /// sessions that cite it.
    source_updated: HashMap<&'a SourceId, Date>,
}

/// A target that a later session changed: its value, its due date or both
/// (see `super::goalposts`), with the results before and after.
pub struct Change<'a> {
    pub indicator: &'a Indicator,
    pub scope: &'a ScopeId,
    pub before: (&'a Session, &'a ResultEntry),
    pub after: (&'a Session, &'a ResultEntry),
    pub shift: Shift,
}

/// Keeps the later of the date held for `key` and `d`.
fn later<'a, K: std::hash::Hash + Eq>(map: &mut HashMap<&'a K, Date>, key: &'a K, d: Date) {
    let e = map.entry(key).or_insert(d);
    if d > *e {
        *e = d;
    }
}

/// How one indicator's target in one scope is going across sessions (see
/// `super::track`): the target in force, the newest figure, how it moved
/// and whether its reports fell silent.
pub struct Track<'a> {
    pub indicator: &'a Indicator,
    pub scope: &'a ScopeId,
    /// The newest result that sets a target, with its session: the target
    /// and due date in force, and the status shown.
    pub current: (&'a Session, &'a ResultEntry),
    /// The status of `current`.
    pub status: Status,
    /// The newest figure reported, with its session.
    pub latest: Option<(&'a Session, &'a ResultEntry)>,
    pub movement: Option<Movement>,
    /// The newest figure is not comparable with the earlier ones.
    pub apart: bool,
    pub silence: Option<Silence>,
    /// The pace the target still needs from the newest figure, and the
    /// pace kept, when the target is due after it and not yet reached.
    pub pace: Option<Pace>,
}

fn address(r: &ResultEntry) -> usize {
    r as *const ResultEntry as usize
}

impl<'a> Facts<'a> {
    /// Derives every fact of `site`. A result whose indicator is unknown
    /// (validation refuses it) has none, and counts only in
    /// [`Tally::results`].
    pub fn new(site: &'a Site) -> Self {
        let series = Series::index(site);
        let method = site.settings.method;
        let mut results = HashMap::new();
        let mut sessions = HashMap::with_capacity(site.sessions.len());
        let mut unchecked = 0;
        let mut indicators: HashMap<&IndicatorId, Tally> = site
            .indicators
            .keys()
            .map(|id| (id, Tally::default()))
            .collect();
        let mut indicator_updated = HashMap::with_capacity(site.indicators.len());
        let mut source_updated: HashMap<&SourceId, Date> = site
            .register
            .iter()
            .map(|(id, doc)| (id, doc.published))
            .collect();
        for s in site.sessions() {
            for r in &s.results {
                if let Some((ind, _)) = site.indicators.get_key_value(&r.indicator) {
                    later(&mut indicator_updated, ind, s.date);
                }
                if let Some((id, _)) = r
                    .source
                    .as_ref()
                    .and_then(|id| site.register.get_key_value(id))
                {
                    later(&mut source_updated, id, s.date);
                }
            }
            let mut tally = Tally {
                results: s.results.len(),
                ..Tally::default()
            };
            for r in &s.results {
                let Some(ind) = site.indicators.get(&r.indicator) else {
                    continue;
                };
                let judged = judge(r, ind.direction, method, series.earliest_before(r));
                let (progress, basis) = match progress(r, ind.direction) {
                    Some((p, b)) => (Some(p), b),
                    None => (None, Basis::ShareOfTarget),
                };
                let checked = r
                    .source
                    .as_ref()
                    .and_then(|id| s.source(id))
                    .is_some_and(|src| src.register);
                unchecked += usize::from(!checked);
                let derived = Derived {
                    status: judged.status,
                    reason: judged.reason,
                    progress,
                    basis,
                    checked,
                };
                results.insert(address(r), derived);
                tally.add(derived.status);
                if let Some(t) = indicators.get_mut(&ind.id) {
                    t.results += 1;
                    t.add(derived.status);
                }
            }
            sessions.insert(&s.id, tally);
        }
        let newest = site.sessions().map(|s| s.date).max();
        let updated = newest.max(site.register.values().map(|doc| doc.published).max());
        let tracks = newest.map_or_else(Vec::new, |newest| tracks(site, &results, newest));
        let mut targets = Tally::default();
        for t in &tracks {
            targets.results += 1;
            targets.add(t.status);
        }
        let changes = changes(site);
        let mut replaced_by: HashMap<&IndicatorId, Vec<&IndicatorId>> = HashMap::new();
        let mut begins: HashMap<&IndicatorId, Date> = HashMap::new();
        for ind in site.indicators.values() {
            if let Some(old) = &ind.replaces {
                replaced_by.entry(old).or_default().push(&ind.id);
                begins.insert(&ind.id, Date::MAX);
            }
        }
        if !begins.is_empty() {
            for s in site.sessions() {
                for r in &s.results {
                    if let Some(d) = begins.get_mut(&r.indicator) {
                        *d = (*d).min(r.as_of);
                    }
                }
            }
            begins.retain(|_, d| *d != Date::MAX);
        }
        // Newest first: the sessions are oldest first, and a session's
        // results keep their order.
        let corrections: Vec<_> = site
            .sessions()
            .rev()
            .flat_map(|s| {
                s.results
                    .iter()
                    .filter(|r| r.corrects.is_some())
                    .map(move |r| (s, r))
            })
            .collect();
        let scopes = scopes(site);
        let corrected_by = corrected_by(site, &corrections);
        Facts {
            corrected_by,
            scopes,
            results,
            sessions,
            indicators,
            unchecked,
            tracks,
            targets,
            newest,
            changed: changes
                .iter()
                .enumerate()
                .map(|(i, c)| (address(c.after.1), i))
                .collect(),
            changes,
            replaced_by,
            begins,
            corrections,
            updated,
            indicator_updated,
            source_updated,
        }
    }

    /// How each target of the site is going: one track per indicator and
    /// scope with a target, by indicator, the national scope first.
    pub fn tracks(&self) -> &[Track<'a>] {
        &self.tracks
    }

    /// The tracks of one indicator.
    pub fn tracks_of<'f>(&'f self, id: &'f IndicatorId) -> impl Iterator<Item = &'f Track<'a>> {
        self.tracks.iter().filter(move |t| &t.indicator.id == id)
    }

    /// Every change of a target, by indicator (the national scope first),
    /// then by the session that made it.
    pub fn changes(&self) -> &[Change<'a>] {
        &self.changes
    }

    /// The changes of one indicator's targets.
    pub fn changes_of<'f>(&'f self, id: &'f IndicatorId) -> impl Iterator<Item = &'f Change<'a>> {
        self.changes.iter().filter(move |c| &c.indicator.id == id)
    }

    /// The change `r` made to its target, if it changed one.
    pub fn change_at(&self, r: &ResultEntry) -> Option<&Change<'a>> {
        self.changed.get(&address(r)).map(|&i| &self.changes[i])
    }

    /// The indicators that replace `id` (whose `replaces` names it).
    pub fn replaced_by(&self, id: &IndicatorId) -> &[&'a IndicatorId] {
        self.replaced_by
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Where a definition of `id` changes: the date of the earliest figure
    /// of `id` when it replaces another indicator, and of each indicator
    /// that replaces it; in date order.
    pub fn definition_changes(&self, ind: &Indicator) -> Vec<Date> {
        let mut out: Vec<Date> = ind
            .replaces
            .as_ref()
            .and(self.begins.get(&ind.id))
            .into_iter()
            .chain(
                self.replaced_by(&ind.id)
                    .iter()
                    .filter_map(|n| self.begins.get(n)),
            )
            .copied()
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The tally of the tracks' statuses: how the site's targets are going.
    pub fn targets(&self) -> &Tally {
        &self.targets
    }

    /// The date of the newest session, which silence is counted to.
    pub fn newest(&self) -> Option<Date> {
        self.newest
    }

    /// Every result that corrects a figure published earlier, with its
    /// session: newest session first, each session's in the order written.
    pub fn corrections(&self) -> &[(&'a Session, &'a ResultEntry)] {
        &self.corrections
    }

    /// The later result that corrects `r`, with its session: the newest
    /// correction whose old figure is `r`'s, for the same indicator and
    /// scope, reported at a later session than `r`'s.
    pub fn corrected_by(&self, r: &ResultEntry) -> Option<(&'a Session, &'a ResultEntry)> {
        self.corrected_by.get(&address(r)).copied()
    }

    /// The scopes that have a page of their own, national first, then the
    /// site's scopes in the order of their ids: every scope of `site.yaml`,
    /// and the national scope when some figure is about it. A site that
    /// names no scope has every figure national, and no scope pages: each
    /// would repeat the list of every figure.
    pub fn scopes(&self) -> &[&'a ScopeId] {
        &self.scopes
    }

    /// Whether `scope` has a page of its own (see [`Facts::scopes`]).
    pub fn has_scope_page(&self, scope: &ScopeId) -> bool {
        self.scopes.contains(&scope)
    }

    /// The newest date of the site's content, which a page that lists a
    /// little of everything shows as "last updated" (see the module's docs).
    pub fn updated(&self) -> Option<Date> {
        self.updated
    }

    /// The date an indicator's page shows as "last updated": that of the
    /// latest session with a result of it, `None` with none.
    pub fn indicator_updated(&self, id: &IndicatorId) -> Option<Date> {
        self.indicator_updated.get(id).copied()
    }

    /// The date a register document's page shows as "last updated": the
    /// latest of its own date and those of the sessions that cite it.
    pub fn source_updated(&self, id: &SourceId) -> Option<Date> {
        self.source_updated.get(id).copied()
    }

    /// How many results of the site are not checked against a document of
    /// the register (see [`Derived::checked`]).
    pub fn unchecked(&self) -> usize {
        self.unchecked
    }

    /// What is derived from `r`, a result of the site whose indicator is
    /// known.
    pub fn of(&self, r: &ResultEntry) -> Derived {
        self.results
            .get(&address(r))
            .copied()
            .expect("facts are asked only of the site's results with a known indicator")
    }

    /// What is derived from `r`, `None` for a result that is not the site's
    /// or whose indicator is unknown.
    pub fn get(&self, r: &ResultEntry) -> Option<Derived> {
        self.results.get(&address(r)).copied()
    }

    /// The status of `r` (see [`Facts::of`]).
    pub fn status(&self, r: &ResultEntry) -> Status {
        self.of(r).status
    }

    /// The tally of a session's results.
    pub fn session(&self, id: &SessionId) -> &Tally {
        &self.sessions[id]
    }

    /// The tally of an indicator's results, across sessions.
    pub fn indicator(&self, id: &IndicatorId) -> &Tally {
        &self.indicators[id]
    }
}

/// The results the site's corrections correct (see
/// [`Facts::corrected_by`]): for each correction, newest first, the latest
/// earlier result of its indicator and scope with the old figure. A result
/// corrected twice is shown corrected by the newest correction.
fn corrected_by<'a>(
    site: &'a Site,
    corrections: &[(&'a Session, &'a ResultEntry)],
) -> HashMap<usize, (&'a Session, &'a ResultEntry)> {
    let mut by = HashMap::new();
    if corrections.is_empty() {
        return by;
    }
    let order: HashMap<&SessionId, usize> = site
        .sessions()
        .enumerate()
        .map(|(i, s)| (&s.id, i))
        .collect();
    let mut series: HashMap<(&IndicatorId, &ScopeId), Vec<(usize, &ResultEntry)>> = HashMap::new();
    for (i, s) in site.sessions().enumerate() {
        for r in &s.results {
            series
                .entry((&r.indicator, &r.scope))
                .or_default()
                .push((i, r));
        }
    }
    for &(s, r) in corrections {
        let Some(c) = &r.corrects else { continue };
        let at = order[&s.id];
        let old = series.get(&(&r.indicator, &r.scope)).and_then(|rs| {
            rs.iter()
                .rev()
                .find(|(i, e)| *i < at && e.actual == Some(c.value))
        });
        if let Some((_, e)) = old {
            by.entry(address(e)).or_insert((s, r));
        }
    }
    by
}

/// The scopes with a page of their own (see [`Facts::scopes`]).
fn scopes(site: &Site) -> Vec<&ScopeId> {
    let named = &site.settings.scopes;
    if named.is_empty() {
        return Vec::new();
    }
    let national = named.keys().find(|s| s.is_national()).or_else(|| {
        site.sessions()
            .flat_map(|s| &s.results)
            .find(|r| r.scope.is_national())
            .map(|r| &r.scope)
    });
    national
        .into_iter()
        .chain(named.keys().filter(|s| !s.is_national()))
        .collect()
}

/// The tracks of a site (see [`Facts::tracks`]), given what is derived
/// from each result.
fn tracks<'a>(site: &'a Site, results: &HashMap<usize, Derived>, newest: Date) -> Vec<Track<'a>> {
    type Series<'a> = Vec<(&'a Session, &'a ResultEntry)>;
    let mut by: BTreeMap<(&IndicatorId, bool, &ScopeId), Series<'a>> = BTreeMap::new();
    for s in site.sessions() {
        for r in &s.results {
            by.entry((&r.indicator, !r.scope.is_national(), &r.scope))
                .or_default()
                .push((s, r));
        }
    }
    by.into_iter()
        .filter_map(|((id, _, scope), series)| {
            let indicator = site.indicators.get(id)?;
            let reports: Vec<Report> = series
                .iter()
                .map(|(s, r)| Report {
                    session: s.date,
                    as_of: r.as_of,
                    actual: r.actual.filter(|a| a.is_finite()),
                    target: r.target.is_some(),
                    due: r.target_date,
                    breaks: !r.pace_from_earlier,
                })
                .collect();
            let current = series[reports.iter().rposition(|r| r.target)?];
            let status = results.get(&address(current.1))?.status;
            let followed = follow(
                &reports,
                newest,
                status == Status::Achieved,
                indicator.direction,
            )?;
            let latest = followed.latest.map(|i| series[i]);
            // A pace is needed only while the due date is still ahead at
            // the newest session: a target already overdue needs no pace,
            // and one would read as time still left.
            let needs = match (latest, current.1.target, current.1.target_date) {
                (Some((_, l)), Some(value), Some(due)) if due > newest => l.actual.and_then(|a| {
                    pace(
                        a,
                        l.as_of,
                        value,
                        due,
                        indicator.direction,
                        followed.movement.map(|m| (m.from, m.since)),
                    )
                }),
                _ => None,
            };
            Some(Track {
                indicator,
                scope,
                current,
                status,
                latest,
                movement: followed.movement,
                apart: followed.apart,
                silence: followed.silence,
                pace: needs,
            })
        })
        .collect()
}

/// Every change of a target (see [`Facts::changes`]).
fn changes(site: &Site) -> Vec<Change<'_>> {
    type Series<'a> = Vec<(&'a Session, &'a ResultEntry)>;
    let mut by: BTreeMap<(&IndicatorId, bool, &ScopeId), Series<'_>> = BTreeMap::new();
    for s in site.sessions() {
        for r in &s.results {
            by.entry((&r.indicator, !r.scope.is_national(), &r.scope))
                .or_default()
                .push((s, r));
        }
    }
    let mut out = Vec::new();
    for ((id, _, scope), series) in by {
        let Some(indicator) = site.indicators.get(id) else {
            continue;
        };
        let sets: Vec<Option<Set>> = series
            .iter()
            .map(|(_, r)| {
                r.target.filter(|v| v.is_finite()).map(|value| Set {
                    value,
                    due: r.target_date,
                })
            })
            .collect();
        for shift in shifts(&sets) {
            out.push(Change {
                indicator,
                scope,
                before: series[shift.before],
                after: series[shift.after],
                shift,
            });
        }
    }
    out
}

/// The figures of each indicator and scope, by date, to find the start of
/// a result's pace in.
struct Series<'a> {
    by: HashMap<(&'a IndicatorId, &'a ScopeId), Vec<Point>>,
}

/// One result in its series: its date, its figure if it has a finite one,
/// and whether it breaks the series.
struct Point {
    date: Date,
    value: Option<f64>,
    breaks: bool,
}

impl<'a> Series<'a> {
    fn index(site: &'a Site) -> Self {
        let mut by: HashMap<_, Vec<Point>> = HashMap::new();
        for s in site.sessions() {
            for r in &s.results {
                by.entry((&r.indicator, &r.scope)).or_default().push(Point {
                    date: r.as_of,
                    value: r.actual.filter(|a| a.is_finite()),
                    breaks: !r.pace_from_earlier,
                });
            }
        }
        for points in by.values_mut() {
            // Stable: figures of one date keep the order of their sessions.
            points.sort_by_key(|p| p.date);
        }
        Series { by }
    }

    /// The start of `r`'s pace among the earlier figures (see the module's
    /// docs), or `None`.
    fn earliest_before(&self, r: &ResultEntry) -> Option<Start> {
        if !r.pace_from_earlier {
            return None;
        }
        let points = self.by.get(&(&r.indicator, &r.scope))?;
        // Points dated on or before `r`, and of them those before it.
        let upto = points.partition_point(|p| p.date <= r.as_of);
        let before = points.partition_point(|p| p.date < r.as_of);
        let from = points[..upto]
            .iter()
            .rposition(|p| p.breaks)
            .map_or(0, |i| i);
        points[from..before.max(from)].iter().find_map(|p| {
            Some(Start {
                value: p.value?,
                date: p.date,
                from: StartFrom::Earlier,
            })
        })
    }
}
