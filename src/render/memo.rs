//! What each part of the site is made from, so that a preview rebuild can
//! skip the parts an edit did not touch.
//!
//! A part (one session's pages and charts, one indicator's…) is a pure
//! function of a few pieces of the model, the site settings, the source
//! register and the templates. [`Keys`] hashes each piece once per build;
//! [`Keys::part`] combines the hashes of exactly the pieces a part reads.
//! When the result is the one the last rebuild recorded, the part's files
//! are already right and are kept as they are (see `parts`).
//!
//! Every part is keyed: a session, an indicator and a register source by
//! their own pieces; the pages that list a little of everything (home,
//! indexes, methodology, search) by a hash of all the pieces they read,
//! so that an edit of one session's summary keeps the list of indicators
//! and the methodology. Inside a remade session, each result's chart,
//! data and embed page, and the overview chart, are keyed on their own
//! (see `figure_store`). A full build never reuses anything and
//! computes no keys.
//!
//! The pieces are hashed through their `Debug` form, which every model type
//! derives and which shows every field, or, for indicators, through their
//! derived `Hash`, which covers every field too: a field added to the model
//! later is covered without touching this file.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::figure;
use super::parts::Parts;
use super::templates::Templates;
use super::vocab::{Part, SitemapEntry};
use crate::compute::{Derived, Facts};
use crate::model::{
    IndicatorId, Lang, RegisterSource, ResultEntry, Session, SessionId, Site, SourceId,
};

fn address(r: &ResultEntry) -> usize {
    r as *const ResultEntry as usize
}

fn hash_debug(value: &impl std::fmt::Debug) -> u64 {
    let mut h = DefaultHasher::new();
    format!("{value:?}").hash(&mut h);
    h.finish()
}

/// The hashes of each session, kept from one rebuild to the next: a
/// session that is the same one (the same `Arc`, which the validation
/// cache hands back when the session's files did not change) is not
/// hashed again. The cache holds the sessions, so that one cannot be freed
/// and another made at its address unnoticed.
#[derive(Default)]
pub struct Cache {
    sessions: HashMap<SessionId, Hashed>,
    /// The register and its hash: a national register prints megabytes,
    /// and is the same one until a file of it changes.
    register: Option<(Arc<BTreeMap<SourceId, RegisterSource>>, u64)>,
    /// The size of each result chart drawn, by its path, with the key of
    /// what it was drawn from: a page lists a chart with its size, and a
    /// chart whose files are kept need not be drawn again to know it.
    sizes: Arc<Sizes>,
    /// Which part the last rebuild made from which key (see [`Parts`]).
    pub(super) parts: Parts,
}

/// Chart sizes by path, with the key of what each was drawn from.
type Sizes = Mutex<HashMap<String, (u64, figure::Sizes)>>;

/// A session and its hashes: whole, header, and each result in order.
#[derive(Clone)]
struct Hashed {
    session: Arc<Session>,
    whole: u64,
    header: u64,
    results: Vec<u64>,
    /// What was derived from each result in order when the keys were last
    /// made, and its hash (empty for a session not hashed before).
    derived: Vec<DerivedHash>,
}

/// What was derived from a result, if anything, with its hash.
type DerivedHash = Option<(Derived, u64)>;

impl Hashed {
    fn of(session: &Arc<Session>) -> Hashed {
        let s = &**session;
        // A session is hashed again after each edit of it: its whole and its
        // results on the two cores at once.
        let (whole, results) = rayon::join(
            || hash_debug(s),
            || s.results.par_iter().map(hash_debug).collect(),
        );
        Hashed {
            session: session.clone(),
            whole,
            header: hash_debug(&(&s.id, &s.title, &s.date, &s.sources)),
            results,
            derived: Vec::new(),
        }
    }
}

/// The hash of every piece of the model a part can read, made once.
pub struct Keys {
    /// What every page reads: the settings (title, languages, scopes, base
    /// URL…), the register (pages link to its records) and the templates.
    global: u64,
    /// Each session, whole: results, sources, notes, with the indicators
    /// its results are about.
    sessions: HashMap<SessionId, u64>,
    /// What a row (or a record, or a chart) of one result shows: the
    /// result, its indicator and its session's header (id, title, date,
    /// sources). By the result's address in the model, which does not move
    /// while the keys are in use.
    rows: HashMap<usize, u64>,
    /// Each indicator's part: the indicator and the rows of its history.
    indicator_parts: HashMap<IndicatorId, u64>,
    /// Each register source's part: the rows of the results that cite it
    /// (its record is in `global`, with the whole register).
    source_parts: HashMap<SourceId, u64>,
    /// The cache's chart sizes, which the parts read and add to.
    sizes: Arc<Sizes>,
    /// Every session, whole, in order: what the home page and the list of
    /// sessions show (titles, summaries, tallies, the latest overview).
    all_sessions: u64,
    /// Every row, in order: the site-wide data files and the
    /// methodology's examples.
    all_rows: u64,
    /// Every indicator with its history: the list of indicators.
    all_indicators: u64,
    /// The date of the newest session, which an indicator's page counts
    /// the days of a silent target to.
    newest: Option<crate::model::Date>,
    /// Every indicator and every session's header: the search page and
    /// its index.
    search: u64,
}

/// The hash of what every page reads: the settings, the register (whose
/// hash the cache keeps while it is the same one), the words of each
/// language and the templates.
fn global(site: &Site, templates: &Templates, cache: &mut Cache) -> u64 {
    let mut h = DefaultHasher::new();
    hash_debug(&site.settings).hash(&mut h);
    let register = match cache.register.take() {
        Some((r, hash)) if Arc::ptr_eq(&r, &site.register) => hash,
        _ => hash_debug(&site.register),
    };
    cache.register = Some((site.register.clone(), register));
    register.hash(&mut h);
    site.locales.hash(&mut h);
    templates.fingerprint.hash(&mut h);
    h.finish()
}

/// Each session's hashes, in order: kept from the cache for a session that
/// is the same one, made again (in parallel) for the others.
fn hash_sessions(site: &Site, cache: &Cache) -> Vec<Hashed> {
    let previous = &cache.sessions;
    site.sessions
        .par_iter()
        .map(|s| match previous.get(&s.id) {
            Some(old) if Arc::ptr_eq(&old.session, s) => old.clone(),
            _ => Hashed::of(s),
        })
        .collect()
}

/// Each indicator's hash. Indicators hash their fields directly: through
/// `Debug`, their descriptions made this a third of the keys' time.
fn hash_indicators(site: &Site) -> HashMap<&IndicatorId, u64> {
    site.indicators
        .par_iter()
        .map(|(id, ind)| {
            let mut h = DefaultHasher::new();
            ind.hash(&mut h);
            (id, h.finish())
        })
        .collect()
}

/// Each session's whole key (the session with the indicators its results
/// are about), the key of each of its rows (the result, its indicator and
/// the session's header) and what was derived from each result with its
/// hash, in parallel.
fn session_rows(
    hashed: &[Hashed],
    indicators: &HashMap<&IndicatorId, u64>,
    facts: &Facts,
) -> Vec<(u64, Vec<u64>, Vec<DerivedHash>)> {
    hashed
        .par_iter()
        .map(|one| {
            let mut whole = DefaultHasher::new();
            one.whole.hash(&mut whole);
            let (rows, derived) = one
                .session
                .results
                .iter()
                .zip(&one.results)
                .enumerate()
                .map(|(i, (r, result))| {
                    let indicator = indicators.get(&r.indicator);
                    indicator.hash(&mut whole);
                    // What is derived from the result also depends on the
                    // other figures of its series (its pace may be
                    // measured from an earlier one).
                    let derived = facts
                        .get(r)
                        .map(|d| (d, derived_hash(d, one.derived.get(i))));
                    let hash = derived.map(|(_, h)| h);
                    hash.hash(&mut whole);
                    let mut row = DefaultHasher::new();
                    (one.header, result, indicator, hash).hash(&mut row);
                    (row.finish(), derived)
                })
                .unzip();
            (whole.finish(), rows, derived)
        })
        .collect()
}

/// The hash of what was derived from a result: the one of the last keys
/// when it is equal to what they were made from (most results of a site,
/// after an edit), so that fifteen thousand results are not printed again
/// for each rebuild (a sixth of a national one). Equal derived facts print
/// the same, but for the sign of a zero, which no output shows.
fn derived_hash(now: Derived, last: Option<&DerivedHash>) -> u64 {
    match last {
        Some(Some((then, hash))) if *then == now => *hash,
        _ => hash_debug(&now),
    }
}

impl Keys {
    /// Hashes every piece once. Each part's key is made here too, not per
    /// language: a national site has a thousand parts that list fifteen
    /// thousand rows between them, and hashing them again for each
    /// language and each lookup was a tenth of a rebuild. Needs nothing of
    /// the pages' index, so that the two are made at once.
    pub fn new(site: &Site, templates: &Templates, facts: &Facts, cache: &mut Cache) -> Keys {
        let global = global(site, templates, cache);
        let hashed = hash_sessions(site, cache);
        let indicators = hash_indicators(site);
        let per_session = session_rows(&hashed, &indicators, facts);

        let mut search = DefaultHasher::new();
        for id in site.indicators.keys() {
            (id, indicators.get(id)).hash(&mut search);
        }
        // The parts of indicators and register sources list their rows in
        // session order, as the pages do.
        let mut indicator_rows: HashMap<&IndicatorId, DefaultHasher> = site
            .indicators
            .keys()
            .map(|id| {
                let mut h = DefaultHasher::new();
                indicators.get(id).hash(&mut h);
                (id, h)
            })
            .collect();
        let mut source_rows: HashMap<&SourceId, DefaultHasher> = site
            .register
            .keys()
            .map(|id| (id, DefaultHasher::new()))
            .collect();
        let mut sessions = HashMap::with_capacity(hashed.len());
        let mut rows = HashMap::with_capacity(hashed.iter().map(|s| s.results.len()).sum());
        let (mut all_sessions, mut all_rows) = (DefaultHasher::new(), DefaultHasher::new());
        for (one, (whole, session_rows, _)) in hashed.iter().zip(&per_session) {
            one.header.hash(&mut search);
            let s = &*one.session;
            for (r, row) in s.results.iter().zip(session_rows) {
                row.hash(&mut all_rows);
                rows.insert(address(r), *row);
                if let Some(h) = indicator_rows.get_mut(&r.indicator) {
                    Some(row).hash(h);
                }
                if let Some(h) = r.source.as_ref().and_then(|id| source_rows.get_mut(id)) {
                    Some(row).hash(h);
                }
            }
            whole.hash(&mut all_sessions);
            sessions.insert(s.id.clone(), *whole);
        }
        let mut all_indicators = DefaultHasher::new();
        let indicator_parts = site
            .indicators
            .keys()
            .filter_map(|id| {
                let part = indicator_rows.remove(id)?.finish();
                part.hash(&mut all_indicators);
                Some((id.clone(), part))
            })
            .collect();
        let source_parts = source_rows
            .into_iter()
            .map(|(id, h)| (id.clone(), h.finish()))
            .collect();
        cache.sessions = hashed
            .into_iter()
            .zip(per_session)
            .map(|(mut one, (_, _, derived))| {
                one.derived = derived;
                (one.session.id.clone(), one)
            })
            .collect();
        Keys {
            global,
            sessions,
            rows,
            indicator_parts,
            source_parts,
            sizes: cache.sizes.clone(),
            all_sessions: all_sessions.finish(),
            all_rows: all_rows.finish(),
            all_indicators: all_indicators.finish(),
            newest: site.sessions().map(|s| s.date).max(),
            search: search.finish(),
        }
    }

    /// The hash of what the site-wide data files hold: every result, with
    /// what its record shows of its session and indicator, and every
    /// indicator (the list of indicators has those without results too).
    /// The words of every language are in `global`.
    pub fn data(&self) -> u64 {
        let mut h = DefaultHasher::new();
        (self.global, self.all_rows, self.all_indicators).hash(&mut h);
        h.finish()
    }

    /// The hash of what the sitemap is made from: the settings (its
    /// addresses are absolute) and every page listed, with its alternates.
    pub fn sitemap(&self, listed: &[SitemapEntry]) -> u64 {
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        for page in listed {
            page.path.hash(&mut h);
            for (lang, path) in &page.alternates {
                (lang.as_str(), path).hash(&mut h);
            }
        }
        h.finish()
    }

    /// The hash of what one result's own chart, data files and embed page
    /// in one language are made from: the result, its indicator, and what
    /// the chart shows of its session (id, title, date, sources).
    pub fn figure(&self, lang: &Lang, r: &ResultEntry) -> u64 {
        let mut h = self.in_language(lang);
        self.rows.get(&address(r)).hash(&mut h);
        h.finish()
    }

    /// The size of the chart at `svg` when it was last drawn from inputs
    /// that hash to `key`.
    pub fn size(&self, svg: &str, key: u64) -> Option<figure::Sizes> {
        let sizes = self.sizes.lock().unwrap_or_else(|e| e.into_inner());
        sizes
            .get(svg)
            .filter(|(k, _)| *k == key)
            .map(|(_, size)| *size)
    }

    /// Remembers the size of the chart at `svg`, drawn from inputs that
    /// hash to `key`.
    pub fn note_size(&self, svg: &str, key: u64, size: figure::Sizes) {
        let mut sizes = self.sizes.lock().unwrap_or_else(|e| e.into_inner());
        match sizes.get_mut(svg) {
            Some(known) => *known = (key, size),
            None => {
                sizes.insert(svg.to_owned(), (key, size));
            }
        }
    }

    /// The hash of what a session's overview chart in one language is made
    /// from: every row of the session (each with its session's header).
    pub fn overview(&self, lang: &Lang, s: &Session) -> u64 {
        let mut h = self.in_language(lang);
        s.id.hash(&mut h);
        for r in &s.results {
            self.rows.get(&address(r)).hash(&mut h);
        }
        h.finish()
    }

    /// The hash of what a social card is made from: its texts and the
    /// key of the chart drawn on it.
    pub fn card(&self, chart: u64, card: &crate::render::png::Card) -> u64 {
        let mut h = DefaultHasher::new();
        (chart, card).hash(&mut h);
        h.finish()
    }

    /// What every page in `lang` is made from, to add a page's own pieces to.
    fn in_language(&self, lang: &Lang) -> DefaultHasher {
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        lang.as_str().hash(&mut h);
        h
    }

    /// The name of a part in one language and the hash of everything it is
    /// made from.
    pub fn part(&self, lang: &Lang, part: &Part) -> Option<(String, u64)> {
        let mut h = self.in_language(lang);
        let lang = lang.as_str();
        let name = match part {
            // A session's pages: the session itself and the indicators its
            // results are about.
            Part::Session(s) => {
                self.sessions.get(&s.id).hash(&mut h);
                format!("{lang}/session/{}", s.id)
            }
            // An indicator's pages: the indicator and every result of it,
            // with what its rows show of each result's session, and the
            // date of the newest session (how long its target is silent).
            Part::Indicator(ind) => {
                self.indicator_parts.get(&ind.id).hash(&mut h);
                self.newest.hash(&mut h);
                format!("{lang}/indicator/{}", ind.id)
            }
            // A source's page: its record and every result that cites it.
            Part::Source(source) => {
                self.source_parts.get(&source.id).hash(&mut h);
                format!("{lang}/source/{}", source.id)
            }
            // The pages that list a little of everything.
            // The home page also shows every indicator with a target.
            Part::Home => {
                self.all_sessions.hash(&mut h);
                self.all_indicators.hash(&mut h);
                format!("{lang}/home")
            }
            Part::Sessions => {
                self.all_sessions.hash(&mut h);
                format!("{lang}/sessions")
            }
            Part::Indicators => {
                self.all_indicators.hash(&mut h);
                format!("{lang}/indicators")
            }
            Part::Methodology => {
                self.all_rows.hash(&mut h);
                format!("{lang}/methodology")
            }
            // Every change of a target: every result (its target, its
            // session) and every indicator's name.
            Part::TargetChanges => {
                self.all_rows.hash(&mut h);
                self.all_indicators.hash(&mut h);
                format!("{lang}/target-changes")
            }
            // Each correction is a row of its result; the scope pages list
            // the rows of their scope, and link to the others.
            Part::Corrections => {
                self.all_rows.hash(&mut h);
                format!("{lang}/corrections")
            }
            Part::Scopes => {
                self.all_rows.hash(&mut h);
                format!("{lang}/scopes")
            }
            Part::Scope(id) => {
                self.all_rows.hash(&mut h);
                format!("{lang}/scope/{id}")
            }
            Part::Search => {
                self.search.hash(&mut h);
                format!("{lang}/search")
            }
            // The register's list is in `global`, with the whole register;
            // how many figures cite no document of it, in the sessions.
            Part::Register => {
                self.all_sessions.hash(&mut h);
                format!("{lang}/register")
            }
            Part::NotFound => format!("{lang}/not-found"),
        };
        Some((name, h.finish()))
    }
}
