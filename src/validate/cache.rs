//! What a validation keeps for the next one of the same content (a preview
//! rebuild): the sessions and the register, each with the parsed files it
//! was made from, compared by identity.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::load::raw::{RawIndicator, RawRegisterSource, RawSession, RawSite};
use crate::load::{Loaded, LoadedSession, Parsed, TextFile};
use crate::model::*;

/// What one validation made of each session, for the next validation of
/// the same content (a preview rebuild) to keep the sessions whose files
/// are the same ones, while everything a session is checked against
/// (site.yaml, the indicators, the register, the files that failed) is the
/// same too. "The same" is the same parsed file from the
/// [`load::Cache`](crate::load::Cache): this cache holds those files, so
/// one cannot be freed and another parsed in its place unnoticed.
#[derive(Default)]
pub struct Cache {
    pub(super) against: Option<Against>,
    pub(super) sessions: HashMap<String, Kept>,
    pub(super) register: Option<KeptRegister>,
}

/// The register's files, the site's languages it was read in, and what
/// they gave.
pub(super) struct KeptRegister {
    pub(super) files: Vec<Arc<Parsed<RawRegisterSource>>>,
    pub(super) langs: Vec<Lang>,
    pub(super) register: Arc<BTreeMap<SourceId, RegisterSource>>,
    pub(super) printed: Printed,
    pub(super) diags: Diagnostics,
}

/// The numbers each register entry printed, for the provenance check.
pub(super) type Printed = Arc<HashMap<SourceId, Vec<f64>>>;

/// What sessions are checked against.
pub(super) struct Against {
    pub(super) site: Option<Arc<Parsed<RawSite>>>,
    pub(super) indicators: Vec<Arc<Parsed<RawIndicator>>>,
    pub(super) register: Vec<Arc<Parsed<RawRegisterSource>>>,
    pub(super) unreadable: BTreeSet<PathBuf>,
}

impl Against {
    pub(super) fn of(loaded: &Loaded) -> Against {
        Against {
            site: loaded.site.clone(),
            indicators: loaded.indicators.clone(),
            register: loaded.register.clone(),
            unreadable: loaded.unreadable.clone(),
        }
    }

    pub(super) fn same(&self, other: &Against) -> bool {
        same_opt(&self.site, &other.site)
            && same_all(&self.indicators, &other.indicators)
            && same_all(&self.register, &other.register)
            && self.unreadable == other.unreadable
    }
}

/// One session folder's files and what validating them gave.
pub(super) struct Kept {
    pub(super) session: Option<Arc<Parsed<RawSession>>>,
    pub(super) notes: Vec<(Option<String>, Arc<TextFile>)>,
    pub(super) validated: Option<Arc<Session>>,
    pub(super) diags: Diagnostics,
}

impl Kept {
    pub(super) fn matches(&self, s: &LoadedSession) -> bool {
        same_opt(&self.session, &s.session)
            && self.notes.len() == s.notes.len()
            && self
                .notes
                .iter()
                .zip(&s.notes)
                .all(|((la, a), (lb, b))| la == lb && Arc::ptr_eq(a, b))
    }
}

pub(super) fn same_opt<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

pub(super) fn same_all<T>(a: &[Arc<T>], b: &[Arc<T>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
}
