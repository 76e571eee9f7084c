//! Pages for one language, by family: each file below makes the pages
//! of one [`Part`] of the site (a session, an indicator, the home page…),
//! and [`part_jobs_keyed`] is their table of contents. The model is turned
//! into plain view data here: every number and date already formatted for
//! the language, every link already relative. Templates then only lay
//! things out.
//!
//! Page families ask the [`FigureStore`] for their figures and never see
//! what a rebuild keeps. Adding a page is one [`Part`] variant and one
//! family file here.

mod corrections;
mod home;
mod indicator;
mod indicators;
mod methodology;
mod not_found;
mod register;
mod scopes;
mod search;
mod session;
mod sessions;
mod target_changes;
mod views;

use std::collections::HashMap;

use crate::compute::Facts;
use crate::i18n;
use crate::model::{Indicator, IndicatorId, Lang, ResultEntry, ScopeId, Session, Site, SourceId};
use crate::output::Sink;
use crate::render::feeds;
use crate::render::figure_store::{FigureStore, Kept, Keyed};
use crate::render::made::Made;
use crate::render::memo;
use crate::render::paths;
use crate::render::png::Raster;
use crate::render::vocab::{File, Localizer, Page, Part};

pub use crate::render::drawing::{indicator_chart, result_chart, session_chart};

/// Every result for one indicator, across sessions: `(session, result)`.
/// Scans every session: for one indicator. Pages use [`Index`]..
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
    by_scope: HashMap<&'a ScopeId, Vec<(&'a Session, &'a ResultEntry)>>,
}

impl<'a> Index<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut by_indicator: HashMap<_, Vec<_>> = HashMap::with_capacity(site.indicators.len());
        let mut by_source: HashMap<_, Vec<_>> = HashMap::new();
        let mut by_scope: HashMap<_, Vec<_>> = HashMap::new();
        for s in site.sessions() {
            for r in &s.results {
                by_indicator.entry(&r.indicator).or_default().push((s, r));
                by_scope.entry(&r.scope).or_default().push((s, r));
                if let Some(src) = &r.source {
                    by_source.entry(src).or_default().push((s, r));
                }
            }
        }
        Index {
            by_indicator,
            by_source,
            by_scope,
        }
    }

    /// Every result for an indicator: its history.
    pub fn history(&self, id: &IndicatorId) -> &[(&'a Session, &'a ResultEntry)] {
        self.by_indicator
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Every result about a scope, in session order.
    pub fn in_scope(&self, id: &ScopeId) -> &[(&'a Session, &'a ResultEntry)] {
        self.by_scope.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// Every result that cites a source.
    pub fn citing(&self, id: &SourceId) -> &[(&'a Session, &'a ResultEntry)] {
        self.by_source
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}
/// What a page family is given to make the pages of one part: the
/// language, the build's index, the figures, and where to put what it
/// makes.
struct Making<'a> {
    lx: Localizer<'a>,
    index: &'a Index<'a>,
    store: FigureStore<'a>,
    made: Made,
}

/// Every page of one language, with the charts they show and the PNG
/// images to render from them.
pub fn jobs(site: &Site, lang: &Lang) -> (Vec<Page>, Vec<File>, Vec<Raster>) {
    let index = Index::new(site);
    let facts = Facts::new(site);
    let (mut pages, mut files, mut rasters) = (Vec::new(), Vec::new(), Vec::new());
    for part in parts(site, &facts) {
        let (p, f, r) = part_jobs(site, lang, &facts, &index, part);
        pages.extend(p);
        files.extend(f);
        rasters.extend(r);
    }
    (pages, files, rasters)
}

/// Every part of a language's site, in page order.
pub fn parts<'a>(site: &'a Site, facts: &Facts<'a>) -> Vec<Part<'a>> {
    let mut parts = vec![Part::Home, Part::Sessions];
    parts.extend(site.sessions().map(Part::Session));
    parts.push(Part::Indicators);
    parts.extend(site.indicators.values().map(Part::Indicator));
    parts.push(Part::Register);
    parts.extend(site.register.values().map(Part::Source));
    parts.push(Part::Corrections);
    if !facts.scopes().is_empty() {
        parts.push(Part::Scopes);
        parts.extend(facts.scopes().iter().map(|s| Part::Scope(s)));
    }
    parts.extend([
        Part::Methodology,
        Part::TargetChanges,
        Part::Search,
        Part::NotFound,
    ]);
    parts
}

/// The pages of one part, with the charts they show and the PNG images to
/// render from them.
pub fn part_jobs(
    site: &Site,
    lang: &Lang,
    facts: &Facts,
    index: &Index,
    part: Part,
) -> (Vec<Page>, Vec<File>, Vec<Raster>) {
    let made = part_jobs_keyed(site, lang, facts, index, part, None);
    (made.pages, made.files, made.rasters)
}

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
    pub listed_kept: Vec<crate::render::vocab::SitemapEntry>,
}

/// [`part_jobs`], for a rebuild that keeps what it can: given the keys of
/// the model and the output, each result's chart, data and embed page in
/// a session whose other texts changed are kept on their own while their
/// inputs stay, and not even drawn (see `Figure::undrawn`).
pub fn part_jobs_keyed<'a>(
    site: &'a Site,
    lang: &'a Lang,
    facts: &'a Facts<'a>,
    index: &'a Index<'a>,
    part: Part,
    reuse: Option<(&'a memo::Keys, &'a dyn Sink)>,
) -> PartJobs {
    let mut m = Making {
        lx: Localizer::new(site, lang, facts),
        index,
        store: FigureStore::new(lang, reuse),
        made: Made::default(),
    };
    match part {
        Part::Home => home::make(&mut m),
        Part::Sessions => sessions::make(&mut m),
        Part::Session(s) => session::make(&mut m, s),
        Part::Indicators => indicators::make(&mut m),
        Part::Indicator(ind) => indicator::make(&mut m, ind),
        Part::Register => register::make_list(&mut m),
        Part::Source(reg) => register::make_source(&mut m, reg),
        Part::Methodology => methodology::make(&mut m),
        Part::TargetChanges => target_changes::make(&mut m),
        Part::Corrections => corrections::make(&mut m),
        Part::Scopes => scopes::make_list(&mut m),
        Part::Scope(id) => scopes::make_scope(&mut m, id),
        Part::Search => search::make(&mut m),
        Part::NotFound => not_found::make(&mut m),
    }
    let Made {
        pages,
        files,
        rasters,
    } = m.made;
    let Kept {
        keyed,
        files: kept,
        listed,
    } = m.store.finish();
    PartJobs {
        pages,
        files,
        rasters,
        keyed,
        kept,
        listed_kept: listed,
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
    /// The site's abbreviations, with what they stand for in this language.
    abbreviations: crate::render::abbr::Marks,
    /// Whether the site has scope pages (see `Facts::scopes`).
    has_scopes: bool,
}

impl Shared {
    pub fn new(site: &Site, lang: &Lang, facts: &Facts) -> Result<Shared, tera::Error> {
        let default = site.settings.default_lang();
        let text = |t: &crate::model::LocalizedText| t.get(lang, default).to_owned();
        Ok(Shared {
            lang: lang.clone(),
            t: tera::Value::try_from_serializable(&i18n::strings(site.locales.get(lang)))?,
            site: tera::Value::try_from_serializable(&SiteView {
                title: text(&site.settings.title),
                description: text(&site.settings.description),
                publisher: text(&site.settings.publisher),
                license: site.settings.license.as_deref(),
            })?,
            abbreviations: crate::render::abbr::Marks::new(
                site.settings
                    .abbreviations
                    .iter()
                    .map(|(a, t)| (a.as_str(), t.get(lang, default))),
            ),
            has_scopes: !facts.scopes().is_empty(),
        })
    }

    /// A rendered page with the first use of each of the site's
    /// abbreviations marked (see [`crate::render::abbr`]).
    pub fn mark_abbreviations(&self, html: String) -> String {
        if self.abbreviations.is_empty() {
            html
        } else {
            self.abbreviations.mark(&html)
        }
    }
}

/// The site's own texts, as every template sees them under `site`.
#[derive(serde::Serialize)]
struct SiteView<'a> {
    title: String,
    description: String,
    publisher: String,
    license: Option<&'a str>,
}

/// The same page in one language, for the language switcher and the
/// `hreflang` links (`alternates`).
#[derive(serde::Serialize)]
struct Alternate<'a> {
    lang: &'a str,
    name: String,
    href: String,
    absolute: String,
    current: bool,
}

/// The links of the navigation and the footer (`nav`), relative to the
/// page; `sources` only when the site has a register.
#[derive(serde::Serialize)]
struct Nav {
    home: String,
    sessions: String,
    indicators: String,
    methodology: String,
    target_changes: String,
    search: String,
    sources: Option<String>,
    corrections: String,
    /// The list of scopes, when the site has scope pages.
    scopes: Option<String>,
    results_csv: String,
    results_json: String,
    results_xlsx: String,
    indicators_csv: String,
    bundle: String,
}

/// The context of one page: what its language shares ([`Shared`]), its
/// navigation and alternates, and its own data under `page`.
pub fn common_context(
    site: &Site,
    shared: &Shared,
    job: &Page,
) -> Result<tera::Context, tera::Error> {
    let lang = &shared.lang;
    let own = paths::Paths::new(&site.settings, lang);
    let from = &job.path;
    let rel = |to: &str| paths::link(&site.settings.base_url, from, to);
    let alternates: Vec<Alternate> = job
        .alternates
        .iter()
        .map(|(l, p)| Alternate {
            lang: l.as_str(),
            name: site.locales.get(l).language.name.clone(),
            href: rel(p),
            absolute: paths::absolute(&site.settings.base_url, p),
            current: l == lang,
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
        value(&Nav {
            home: rel(&own.home()),
            sessions: rel(&own.sessions()),
            indicators: rel(&own.indicators()),
            methodology: rel(&own.methodology()),
            target_changes: rel(&own.target_changes()),
            search: rel(&own.search()),
            sources: (!site.register.is_empty()).then(|| rel(&own.sources())),
            corrections: rel(&own.corrections()),
            scopes: shared.has_scopes.then(|| rel(&own.scopes())),
            results_csv: rel(&own.data("results.csv")),
            results_json: rel(&own.data("results.json")),
            results_xlsx: rel(&own.data(paths::RESULTS_XLSX)),
            indicators_csv: rel(&own.data(paths::INDICATORS_CSV)),
            bundle: rel(&own.data(&paths::bundle(&site.settings))),
        })?,
    );
    ctx.insert_value("current", value(job.template.trim_end_matches(".html"))?);
    ctx.insert_value("alternates", value(&alternates)?);
    ctx.insert_value("social", value(&feeds::social(site, lang, job))?);
    ctx.insert_value("page", value(&job.context)?);
    if let Some(d) = job.updated {
        let text = crate::locale::format::date(d, site.locales.get(lang));
        ctx.insert_value(
            "updated",
            value(&serde_json::json!({ "iso": d.to_string(), "text": text }))?,
        );
    }
    Ok(ctx)
}
