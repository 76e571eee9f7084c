//! What each part of the site is made from, so that a preview rebuild can
//! skip the parts an edit did not touch.
//!
//! A part (one session's pages and charts, one indicator's…) is a pure
//! function of a few pieces of the model, the site settings, the source
//! register and the templates. [`Keys`] hashes each piece once per build;
//! [`Keys::part`] combines the hashes of exactly the pieces a part reads.
//! When the result is the one the last rebuild recorded, the part's files
//! are already right and are kept as they are (see `output::Sink::reuse`).
//!
//! Only the parts that most of the site's files or most of the work belong
//! to are keyed: sessions, indicators and the register's source pages
//! (each lists every result that cites it). The others (home, indexes,
//! the register's list, search…) read a little of everything, are few and
//! cheap, and are always made again. A full build never reuses anything
//! and computes no keys.
//!
//! The pieces are hashed through their `Debug` form, which every model type
//! derives and which shows every field, so a field added to the model later
//! is covered without touching this file.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::pages::Part;
use super::templates::Templates;
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
}

/// A session and its hashes: whole, header, and each result in order.
#[derive(Clone)]
struct Hashed {
    session: Arc<Session>,
    whole: u64,
    header: u64,
    results: Vec<u64>,
}

impl Hashed {
    fn of(session: &Arc<Session>) -> Hashed {
        let s = &**session;
        Hashed {
            session: session.clone(),
            whole: hash_debug(s),
            header: hash_debug(&(&s.id, &s.title, &s.date, &s.sources)),
            results: s.results.iter().map(hash_debug).collect(),
        }
    }
}

/// The hash of every piece of the model a part can read, made once.
pub struct Keys {
    /// What every page reads: the settings (title, languages, scopes, base
    /// URL…), the register (pages link to its records) and the templates.
    global: u64,
    /// Each session, whole: results, sources, notes.
    sessions: HashMap<SessionId, u64>,
    /// What an indicator's rows show of a session: id, title, date and
    /// sources.
    headers: HashMap<SessionId, u64>,
    /// Each result, by its address in the model (which does not move
    /// while the keys are in use).
    results: HashMap<usize, u64>,
    indicators: HashMap<IndicatorId, u64>,
}

impl Keys {
    pub fn new(site: &Site, templates: &Templates, cache: &mut Cache) -> Keys {
        let mut h = DefaultHasher::new();
        hash_debug(&site.settings).hash(&mut h);
        let register = match cache.register.take() {
            Some((r, hash)) if Arc::ptr_eq(&r, &site.register) => hash,
            _ => hash_debug(&site.register),
        };
        cache.register = Some((site.register.clone(), register));
        register.hash(&mut h);
        templates.fingerprint.hash(&mut h);
        let previous = &cache.sessions;
        let hashed: Vec<Hashed> = site
            .sessions
            .par_iter()
            .map(|s| match previous.get(&s.id) {
                Some(old) if Arc::ptr_eq(&old.session, s) => old.clone(),
                _ => Hashed::of(s),
            })
            .collect();
        let mut keys = Keys {
            global: h.finish(),
            sessions: HashMap::with_capacity(hashed.len()),
            headers: HashMap::with_capacity(hashed.len()),
            results: HashMap::new(),
            indicators: site
                .indicators
                .par_iter()
                .map(|(id, ind)| (id.clone(), hash_debug(ind)))
                .collect(),
        };
        for one in &hashed {
            let s = &*one.session;
            keys.results.extend(
                s.results
                    .iter()
                    .map(address)
                    .zip(one.results.iter().copied()),
            );
            keys.sessions.insert(s.id.clone(), one.whole);
            keys.headers.insert(s.id.clone(), one.header);
        }
        cache.sessions = hashed
            .into_iter()
            .map(|one| (one.session.id.clone(), one))
            .collect();
        keys
    }

    /// The hash of what the site-wide data files hold: every result, with
    /// what its record shows of its session and indicator.
    pub fn data(&self, site: &Site) -> u64 {
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        for s in site.sessions() {
            for r in &s.results {
                self.row(s, r, &mut h);
            }
        }
        h.finish()
    }

    /// The hash of what one result's own chart, data files and embed page
    /// in one language are made from: the result, its indicator, and what
    /// the chart shows of its session (id, title, date, sources).
    pub fn figure(&self, lang: &Lang, s: &Session, r: &ResultEntry) -> u64 {
        let mut h = self.in_language(lang);
        self.row(s, r, &mut h);
        h.finish()
    }

    /// What every page in `lang` is made from, to add a page's own pieces to.
    fn in_language(&self, lang: &Lang) -> DefaultHasher {
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        lang.as_str().hash(&mut h);
        h
    }

    /// Adds what a row (or a record, or a chart) of one result shows: the
    /// result, its indicator and its session's header.
    fn row(&self, s: &Session, r: &ResultEntry, h: &mut DefaultHasher) {
        self.headers.get(&s.id).hash(h);
        self.results.get(&address(r)).hash(h);
        self.indicators.get(&r.indicator).hash(h);
    }

    /// The name of a part in one language and the hash of everything it is
    /// made from; `None` for the parts that are always made again.
    /// `listed` is the results the part lists: an indicator's history, or
    /// the results that cite a source.
    pub fn part(
        &self,
        lang: &Lang,
        part: &Part,
        listed: &[(&Session, &ResultEntry)],
    ) -> Option<(String, u64)> {
        let mut h = self.in_language(lang);
        let name = match part {
            // A session's pages: the session itself and the indicators its
            // results are about.
            Part::Session(s) => {
                self.sessions.get(&s.id).hash(&mut h);
                for r in &s.results {
                    self.indicators.get(&r.indicator).hash(&mut h);
                }
                format!("{}/session/{}", lang.as_str(), s.id)
            }
            // An indicator's pages: the indicator and every result of it,
            // with what its rows show of each result's session.
            Part::Indicator(ind) => {
                self.indicators.get(&ind.id).hash(&mut h);
                for (s, r) in listed {
                    self.headers.get(&s.id).hash(&mut h);
                    self.results.get(&address(r)).hash(&mut h);
                }
                format!("{}/indicator/{}", lang.as_str(), ind.id)
            }
            // A source's page: its record (in `global`, with the whole
            // register) and every result that cites it, with what its row
            // shows of the result's session and indicator.
            Part::Source(source) => {
                for (s, r) in listed {
                    self.row(s, r, &mut h);
                }
                format!("{}/source/{}", lang.as_str(), source.id)
            }
            _ => return None,
        };
        Some((name, h.finish()))
    }
}
