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
    /// The newest date of the site's content: its sessions' and its
    /// register documents'.
    updated: Option<Date>,
    /// The date of the latest session with a result of each indicator.
    indicator_updated: HashMap<&'a IndicatorId, Date>,
    /// The latest of each register document's own date and those of the
    /// sessions that cite it.
    source_updated: HashMap<&'a SourceId, Date>,
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
        Facts {
            results,
            sessions,
            indicators,
            unchecked,
            tracks,
            targets,
            newest,
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

    /// The tally of the tracks' statuses: how the site's targets are going.
    pub fn targets(&self) -> &Tally {
        &self.targets
    }

    /// The date of the newest session, which silence is counted to.
    pub fn newest(&self) -> Option<Date> {
        self.newest
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
            Some(Track {
                indicator,
                scope,
                current,
                status,
                latest: followed.latest.map(|i| series[i]),
                movement: followed.movement,
                apart: followed.apart,
                silence: followed.silence,
            })
        })
        .collect()
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
