//! Turning what was read into the trusted [`model`](crate::model): every
//! value is checked, every reference resolved, and every problem reported
//! with its position and a hint, all in one pass.
//!
//! One submodule per content file (`site`, `register`, `indicators`,
//! `session`, `result`), `fields` for what they share and `cache`
//! for what a rebuild keeps; this module runs them in order and holds the
//! `Validator` they report into.

mod advice;
mod cache;
mod fields;
mod indicators;
pub mod provenance;
mod register;
mod result;
mod session;
mod site;
mod translations;

pub use cache::Cache;
pub use fields::{check_base_url, is_placeholder_base_url, parse_date};
pub use translations::translations;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use cache::{Against, Kept, Printed};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Text};
use crate::load::yaml::{Located, Seg};
use crate::load::{Loaded, Parsed};
use crate::model::*;

/// Checks everything and returns the site when there is no error.
/// Warnings are added to `diags` either way. A rebuild passes the `cache`
/// the last validation left: sessions that need no new check are taken
/// from it, and what this validation made of each is left in it. `build`
/// passes `None`.
pub fn validate(
    loaded: Loaded,
    diags: &mut Diagnostics,
    mut cache: Option<&mut Cache>,
) -> Option<Site> {
    let mut v = Validator {
        diags: Diagnostics::default(),
        broken: loaded.unreadable.clone(),
        printed: Arc::default(),
    };
    let site_broken = v.broken.contains(Path::new("site.yaml"));
    let site = v.site(loaded.site.as_deref(), site_broken);
    let langs = site
        .as_ref()
        .map(|s| s.languages.clone())
        .unwrap_or_else(|| vec![Lang::parse(crate::locale::DEFAULT).expect("valid")]);

    let (register, printed) = register::checked(&mut v, &loaded, &langs, cache.as_deref_mut());
    v.printed = printed;
    let no_units = BTreeMap::new();
    let units = Units {
        defined: site.as_ref().map_or(&no_units, |s| &s.units),
        listed: loaded
            .site
            .iter()
            .flat_map(|p| p.value.units.iter().flatten())
            .map(|(id, _)| id.as_str())
            .collect(),
    };
    let indicators = v.indicators(&loaded.indicators, &langs, &units);
    let scopes = site.as_ref().map(|s| s.scopes.clone()).unwrap_or_default();
    let defined = Defined {
        langs: &langs,
        indicators: &indicators,
        scopes: &scopes,
        register: &register,
    };
    let sessions = sessions(&mut v, &loaded, cache, &defined);
    // Not said while other errors stand: a session that failed to load
    // would make every indicator it uses look unused.
    if !diags.has_errors() && !v.diags.has_errors() {
        advice::advise(&mut v, &loaded, &indicators, &sessions);
    }

    if site_broken {
        // The defaults used in place of a broken site.yaml (one language,
        // no scopes) would make these problems up.
        let mut kept = Diagnostics::default();
        for d in v.diags.iter().filter(|d| !SITE_DEPENDENT.contains(&d.code)) {
            kept.push(d.clone());
        }
        v.diags = kept;
    }
    let has_errors = v.diags.has_errors();
    diags.extend(v.diags);
    let settings = site?;
    if has_errors {
        return None;
    }
    // The built-in words of each language; `translations` applies a
    // site's own files.
    let locales = Arc::new(crate::locale::Locales::standard(&settings.languages));
    Some(Site {
        settings,
        indicators,
        sessions,
        register,
        locales,
    })
}

/// The units an indicator may name besides the built-in ones.
struct Units<'a> {
    /// The units of `site.yaml`.
    defined: &'a BTreeMap<UnitId, Arc<SiteUnit>>,
    /// Every id listed under `units`, defined or not: one that is not
    /// defined has been reported, and an indicator naming it is not
    /// reported again.
    listed: BTreeSet<&'a str>,
}

/// What the site defines, which every session is checked against.
struct Defined<'a> {
    langs: &'a [Lang],
    indicators: &'a BTreeMap<IndicatorId, Indicator>,
    scopes: &'a BTreeMap<ScopeId, LocalizedText>,
    register: &'a BTreeMap<SourceId, RegisterSource>,
}

/// Every session, validated or kept from `cache`, sorted by date and id.
fn sessions(
    v: &mut Validator,
    loaded: &Loaded,
    cache: Option<&mut Cache>,
    defined: &Defined,
) -> Vec<Arc<Session>> {
    // Sessions are independent of each other: validated in parallel, their
    // diagnostics kept in the order of the files.
    let against = cache.as_ref().map(|_| Against::of(loaded));
    let previous = match cache {
        Some(c) => {
            let same = matches!((&c.against, &against), (Some(a), Some(b)) if a.same(b));
            let kept = std::mem::take(&mut c.sessions);
            c.against = against;
            Some((c, if same { kept } else { HashMap::new() }))
        }
        None => None,
    };
    let kept = previous.as_ref().map(|(_, k)| k);
    let checked: Vec<(Option<Arc<Session>>, Diagnostics)> = loaded
        .sessions
        .par_iter()
        .map(|s| {
            if let Some(k) = kept.and_then(|k| k.get(&s.folder)).filter(|k| k.matches(s)) {
                return (k.validated.clone(), k.diags.clone());
            }
            let mut sv = Validator {
                diags: Diagnostics::default(),
                broken: v.broken.clone(),
                printed: v.printed.clone(),
            };
            let session = sv.session(s, defined);
            (session.map(Arc::new), sv.diags)
        })
        .collect();
    if let Some((cache, _)) = previous {
        cache.sessions = loaded
            .sessions
            .iter()
            .zip(&checked)
            .map(|(s, (validated, diags))| {
                let kept = Kept {
                    session: s.session.clone(),
                    notes: s.notes.clone(),
                    validated: validated.clone(),
                    diags: diags.clone(),
                };
                (s.folder.clone(), kept)
            })
            .collect();
    }
    let mut sessions = Vec::new();
    for (session, d) in checked {
        v.diags.extend(d);
        sessions.extend(session);
    }
    sessions.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    sessions
}

/// Diagnostics that depend on the languages, scopes and units of site.yaml.
const SITE_DEPENDENT: [Code; 4] = [
    Code::UnknownLanguage,
    Code::MissingTranslation,
    Code::UnknownScope,
    Code::BadUnit,
];

struct Validator {
    diags: Diagnostics,
    /// Files that exist but could not be used (already reported): references
    /// to them are not reported again as unknown.
    broken: BTreeSet<PathBuf>,
    /// The numbers each register entry printed, for the provenance check.
    printed: Printed,
}

/// The file being validated, for positions.
struct Ctx<'a> {
    rel: &'a Path,
    at: Located<'a>,
}

impl<'a> Ctx<'a> {
    fn new<T>(p: &'a Parsed<T>) -> Self {
        Ctx {
            rel: &p.file.rel,
            at: Located::new(&p.file.text, &p.spans),
        }
    }
    fn error(&self, code: Code, path: &[Seg], message: Text) -> Diagnostic {
        Diagnostic::error(code, self.rel, message).at(self.at.locate(path))
    }
    fn warning(&self, code: Code, path: &[Seg], message: Text) -> Diagnostic {
        Diagnostic::warning(code, self.rel, message).at(self.at.locate(path))
    }
}

fn with(path: &[Seg], seg: impl Into<Seg>) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg.into());
    p
}
