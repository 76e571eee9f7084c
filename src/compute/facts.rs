//! The derived facts of a whole validated site, computed once: each
//! result's status and progress, and the tally of statuses of each
//! session and each indicator. Rendering reads them here rather than
//! deriving them again on every page that shows them.

use std::collections::HashMap;

use serde::Serialize;

use super::status::{progress, status, Status};
use crate::model::{IndicatorId, ResultEntry, SessionId, Site};

/// What is derived from one result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Derived {
    pub status: Status,
    /// Progress towards the target (see [`super::progress`]).
    pub progress: Option<f64>,
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
}

fn address(r: &ResultEntry) -> usize {
    r as *const ResultEntry as usize
}

impl<'a> Facts<'a> {
    /// Derives every fact of `site`. A result whose indicator is unknown
    /// (validation refuses it) has none, and counts only in
    /// [`Tally::results`].
    pub fn new(site: &'a Site) -> Self {
        let mut results = HashMap::new();
        let mut sessions = HashMap::with_capacity(site.sessions.len());
        let mut indicators: HashMap<&IndicatorId, Tally> = site
            .indicators
            .keys()
            .map(|id| (id, Tally::default()))
            .collect();
        for s in site.sessions() {
            let mut tally = Tally {
                results: s.results.len(),
                ..Tally::default()
            };
            for r in &s.results {
                let Some(ind) = site.indicators.get(&r.indicator) else {
                    continue;
                };
                let derived = Derived {
                    status: status(r, ind.direction),
                    progress: progress(r, ind.direction),
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
        Facts {
            results,
            sessions,
            indicators,
        }
    }

    /// What is derived from `r`, a result of the site whose indicator is
    /// known.
    pub fn of(&self, r: &ResultEntry) -> Derived {
        self.results
            .get(&address(r))
            .copied()
            .expect("facts are asked only of the site's results with a known indicator")
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
