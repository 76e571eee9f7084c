//! Rendering: charts, pages and data files, from the validated model and
//! its derived facts (`compute::Facts`). [`render_site`] owns the order of
//! the work and the writing; what each file holds is below it, in layers
//! that import only downwards:
//!
//! - `pages` and its family files: what each page shows;
//! - `figure_store` (figures for pages, and what a rebuild keeps, with
//!   `memo`), `drawing` (the model's charts), `feeds`, `search`;
//! - `figure`, `embed`, `data`, `datapackage`, `catalog` (DCAT, CSVW and
//!   schema.org descriptions), `download` (the workbook and the zip),
//!   `columns`, `made`;
//! - the leaves: `vocab` (the shared names), `paths`, `escape`,
//!   `markdown`, `templates`, and the drawing helpers `charts` and `png`.

pub mod abbr;
pub mod catalog;
pub mod charts;
pub mod cite;
pub mod columns;
pub mod data;
pub mod datapackage;
pub mod download;
pub mod drawing;
pub mod embed;
pub mod escape;
pub mod feeds;
pub mod figure;
pub mod figure_store;
pub mod made;
pub mod markdown;
pub mod memo;
pub mod pages;
pub mod parts;
pub mod paths;
pub mod png;
pub mod search;
pub mod templates;
pub mod vocab;

use rayon::prelude::*;
use serde_json::json;

use crate::compute;
use crate::model::{Lang, Site};
use crate::output::Sink;
use templates::Templates;

// The charts and images name these here.
pub use escape::{xml_char, xml_text};

/// What went wrong while rendering (content problems are found earlier).
#[derive(Debug)]
pub enum RenderError {
    Template { page: String, message: String },
    Io(std::io::Error),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template { page, message } => write!(f, "rendering {page}: {message}"),
            RenderError::Io(e) => write!(f, "writing the site: {e}"),
        }
    }
}

impl From<std::io::Error> for RenderError {
    fn from(e: std::io::Error) -> Self {
        RenderError::Io(e)
    }
}

/// Renders every page, chart and data file into `out`. Returns the number
/// of files written. `memo` keeps the hashes of the model, and which part
/// was made from which (see [`parts`]), from one preview rebuild to the
/// next (see [`memo::Cache`]).
pub fn render_site(
    site: &Site,
    templates: &Templates,
    out: &dyn Sink,
    memo: Option<&mut memo::Cache>,
) -> Result<usize, RenderError> {
    // Part by part (a session, an indicator… in each language), each made,
    // written and dropped by one thread: memory holds one part per core,
    // not the whole site. Parts are not split further, so that a thread
    // waiting on a nested task cannot pick up another whole part.
    // The index, the facts derived from the results (once for the whole
    // build) and, for an output that can reuse parts, their keys, made at
    // once.
    let mut memo = memo;
    let recording = out
        .reuses()
        .then(|| parts::Recording::start(memo.as_deref_mut().map(|m| &mut m.parts)));
    // The keys hold each result's derived facts: a result's status may
    // change when another session's figure does.
    let facts = compute::Facts::new(site);
    let (index, keys) = rayon::join(
        || pages::Index::new(site),
        || {
            out.reuses().then(|| {
                let mut none = memo::Cache::default();
                memo::Keys::new(
                    site,
                    templates,
                    &facts,
                    memo.as_deref_mut().unwrap_or(&mut none),
                )
            })
        },
    );
    let parts = pages::parts(site, &facts);
    let shared = site
        .settings
        .languages
        .iter()
        .map(|l| pages::Shared::new(site, l, &facts))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| RenderError::Template {
            page: "every page".to_owned(),
            message: templates::error_chain(&e),
        })?;
    let work: Vec<(&Lang, &pages::Shared, vocab::Part)> = site
        .settings
        .languages
        .iter()
        .zip(&shared)
        .flat_map(|(l, s)| parts.iter().map(move |p| (l, s, *p)))
        .collect();
    let build = Build {
        site,
        templates,
        out,
        facts: &facts,
        index: &index,
        keys: keys.as_ref(),
        parts: recording.as_ref(),
    };
    let done: Vec<(usize, Vec<vocab::SitemapEntry>)> = work
        .into_par_iter()
        .with_max_len(1)
        .map(|(lang, shared, part)| build.part(lang, shared, part))
        .collect::<Result<_, _>>()?;
    let files: usize = done.iter().map(|(n, _)| n).sum();
    let listed: Vec<vocab::SitemapEntry> = done.into_iter().flat_map(|(_, l)| l).collect();
    let files = files + build.site_files(&listed)?;
    // Recorded only once every part is written: a rebuild that fails
    // leaves no record.
    if let (Some(recording), Some(memo)) = (recording, memo) {
        recording.finish(&mut memo.parts);
    }
    Ok(files)
}

/// What every part of one build is made and written with.
struct Build<'a> {
    site: &'a Site,
    templates: &'a Templates,
    out: &'a dyn Sink,
    facts: &'a compute::Facts<'a>,
    index: &'a pages::Index<'a>,
    /// For an output that can reuse parts, the keys of the model.
    keys: Option<&'a memo::Keys>,
    /// For an output that can reuse parts, what the last rebuild made and
    /// what this one makes.
    parts: Option<&'a parts::Recording>,
}

impl Build<'_> {
    /// Writes the files of the whole site (feeds, data, stylesheets and
    /// scripts, the sitemap of the `listed` pages, robots.txt). Returns
    /// their number.
    fn site_files(&self, listed: &[vocab::SitemapEntry]) -> Result<usize, RenderError> {
        let (site, templates, out) = (self.site, self.templates, self.out);
        let mut files = 0;
        for lang in &site.settings.languages {
            let feed = paths::Paths::new(&site.settings, lang).feed();
            let xml = render_data(
                templates,
                "feed.xml",
                &feed,
                json!({ "lang": lang.as_str(), "page": feeds::feed_context(site, lang, self.facts) }),
            )?;
            out.write(&feed, xml.as_bytes())?;
            let corrections = paths::Paths::new(&site.settings, lang).corrections_feed();
            let xml = render_data(
                templates,
                "feed.xml",
                &corrections,
                json!({ "lang": lang.as_str(), "page": feeds::corrections_context(site, lang, self.facts) }),
            )?;
            out.write(&corrections, xml.as_bytes())?;
            files += 2;
        }

        for lang in &site.settings.languages {
            files += self.data_files(lang)?;
        }
        out.write(paths::STYLESHEET, templates.stylesheet.as_bytes())?;
        out.write(paths::SEARCH_SCRIPT, search::SCRIPT.as_bytes())?;
        out.write(paths::EMBED_STYLESHEET, embed::STYLESHEET.as_bytes())?;
        out.write(paths::COPY_SCRIPT, embed::COPY_SCRIPT.as_bytes())?;
        // The sitemap lists every page: a rebuild keeps it while the pages and
        // their alternates are the same.
        let key = self.keys.map(|k| k.sitemap(listed));
        try_write_kept(out, key, paths::SITEMAP, || {
            render_data(
                templates,
                "sitemap.xml",
                paths::SITEMAP,
                json!({ "page": feeds::sitemap_context(site, listed) }),
            )
        })?;
        out.write(paths::ROBOTS, feeds::robots(site).as_bytes())?;
        Ok(files + 6)
    }

    /// Writes the data files of one language under `<p>data/` (results
    /// and indicators as CSV and JSON, their data package, the workbook
    /// and the zip of them all), in that language. They are kept while no
    /// result, indicator, setting or word changes. Returns their number.
    fn data_files(&self, lang: &Lang) -> Result<usize, RenderError> {
        let (site, out) = (self.site, self.out);
        let at = paths::Paths::new(&site.settings, lang);
        let key = self.keys.map(|k| k.data());
        let made = std::cell::OnceCell::new();
        let made = || {
            made.get_or_init(|| {
                let records = data::records(site, lang, self.facts);
                let indicators = data::indicator_records(site, lang);
                let dl = download::Download {
                    site,
                    lang,
                    records: &records,
                    indicators: &indicators,
                };
                let mut files: Vec<(&'static str, Vec<u8>)> = vec![
                    ("results.csv", data::to_csv(&records)),
                    ("results.json", data::to_json(&records)),
                    (paths::RESULTS_XLSX, dl.xlsx()),
                    (paths::INDICATORS_CSV, data::indicators_csv(&indicators)),
                    (paths::INDICATORS_JSON, data::indicators_json(&indicators)),
                    ("datapackage.json", datapackage::datapackage(site, lang)),
                ];
                let zipped: Vec<(&str, &[u8])> =
                    files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
                let zip = dl.zip(&zipped);
                files.push(("zip", zip));
                // Described for catalogues, outside the zip.
                files.push((catalog::CATALOG, catalog::catalog(site, lang)));
                files.push((catalog::RESULTS_CSVW, catalog::results_csvw(site, lang)));
                files
            })
        };
        let names = [
            "results.csv".to_owned(),
            "results.json".to_owned(),
            paths::RESULTS_XLSX.to_owned(),
            paths::INDICATORS_CSV.to_owned(),
            paths::INDICATORS_JSON.to_owned(),
            "datapackage.json".to_owned(),
            paths::bundle(&site.settings),
            catalog::CATALOG.to_owned(),
            catalog::RESULTS_CSVW.to_owned(),
        ];
        for (i, name) in names.iter().enumerate() {
            write_kept(out, key, &at.data(name), || made()[i].1.as_slice())?;
        }
        Ok(names.len())
    }

    /// Makes and writes one part in one language, unless a preview
    /// rebuild keeps it whole. Returns the number of files and the pages
    /// for the sitemap.
    fn part(
        &self,
        lang: &Lang,
        shared: &pages::Shared,
        part: vocab::Part,
    ) -> Result<(usize, Vec<vocab::SitemapEntry>), RenderError> {
        let (site, out) = (self.site, self.out);
        // A preview rebuild keeps a part whose inputs did not change.
        let memo = self.keys.and_then(|k| k.part(lang, &part));
        let memo = memo.zip(self.parts);
        if let Some(((name, key), parts)) = &memo {
            if let Some(kept) = parts.reuse(out, name, *key) {
                return Ok(kept);
            }
        }
        let pages::PartJobs {
            pages: jobs,
            files,
            rasters,
            keyed,
            kept,
            listed_kept,
        } = pages::part_jobs_keyed(
            site,
            lang,
            self.facts,
            self.index,
            part,
            self.keys.map(|k| (k, out)),
        );
        let n = jobs.len() + files.len() + rasters.len() + kept.len();
        // The files of a keyed part, for the next rebuild to keep.
        let made: Vec<String> = if memo.is_some() {
            let files = files.iter().map(|f| f.path.clone());
            let rasters = rasters.iter().map(|r| r.path().to_owned());
            let pages = jobs.iter().map(|j| j.path.clone());
            files.chain(rasters).chain(pages).chain(kept).collect()
        } else {
            Vec::new()
        };
        for f in &files {
            let key = keyed.get(&f.path).copied();
            write_kept(out, key, &f.path, || &f.bytes)?;
        }
        drop(files);
        self.write_rasters(&rasters, &keyed)?;
        drop(rasters);
        self.write_pages(shared, &jobs, &keyed)?;
        let mut listed = feeds::sitemap_entries(&jobs);
        listed.extend(listed_kept);
        if let Some(((name, key), parts)) = memo {
            parts.made(name, key, made, listed.clone());
        }
        Ok((n, listed))
    }

    /// Renders and writes the PNG images of a part, but those a rebuild
    /// keeps.
    fn write_rasters(
        &self,
        rasters: &[png::Raster],
        keyed: &figure_store::Keyed,
    ) -> Result<(), RenderError> {
        let out = self.out;
        for r in rasters {
            // A rebuild keeps the images whose drawing did not change.
            let key = keyed
                .get(r.path())
                .copied()
                .unwrap_or_else(|| raster_key(r));
            if out.keep(r.path(), key) {
                continue;
            }
            let png = r.render().map_err(|e| {
                RenderError::Io(std::io::Error::other(format!("{}: {e}", r.path())))
            })?;
            out.write_keyed(r.path(), key, &png)?;
        }
        Ok(())
    }

    /// Renders and writes the pages of a part, but those a rebuild keeps.
    fn write_pages(
        &self,
        shared: &pages::Shared,
        jobs: &[vocab::Page],
        keyed: &figure_store::Keyed,
    ) -> Result<(), RenderError> {
        let (site, out) = (self.site, self.out);
        for job in jobs {
            // A rebuild keeps a page whose inputs did not change.
            let key = keyed.get(&job.path).copied();
            if key.is_some_and(|k| out.keep(&job.path, k)) {
                continue;
            }
            let ctx =
                pages::common_context(site, shared, job).map_err(|e| RenderError::Template {
                    page: job.path.clone(),
                    message: templates::error_chain(&e),
                })?;
            let html = self
                .templates
                .tera
                .render(job.template, &ctx)
                .map(|html| shared.mark_abbreviations(html))
                .map_err(|e| RenderError::Template {
                    page: job.path.clone(),
                    message: templates::error_chain(&e),
                })?;
            match key {
                Some(k) => out.write_keyed(&job.path, k, html.as_bytes())?,
                None => out.write(&job.path, html.as_bytes())?,
            }
        }
        Ok(())
    }
}

/// Writes the file at `rel`, unless a rebuild keeps it because it was made
/// from inputs that hash to `key`.
fn write_kept<B: AsRef<[u8]>>(
    out: &dyn Sink,
    key: Option<u64>,
    rel: &str,
    make: impl FnOnce() -> B,
) -> std::io::Result<()> {
    try_write_kept(out, key, rel, || Ok::<_, std::io::Error>(make()))
}

/// [`write_kept`], for a file whose making can fail (a template).
fn try_write_kept<B: AsRef<[u8]>, E: From<std::io::Error>>(
    out: &dyn Sink,
    key: Option<u64>,
    rel: &str,
    make: impl FnOnce() -> Result<B, E>,
) -> Result<(), E> {
    match key {
        Some(key) if out.keep(rel, key) => Ok(()),
        Some(key) => Ok(out.write_keyed(rel, key, make()?.as_ref())?),
        None => Ok(out.write(rel, make()?.as_ref())?),
    }
}

/// A hash of everything a PNG image is drawn from: the chart's SVG, or
/// the card's texts and chart.
fn raster_key(r: &png::Raster) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match r {
        png::Raster::Chart { svg, .. } => svg.hash(&mut h),
        png::Raster::Card { card, .. } => card.hash(&mut h),
    }
    h.finish()
}

/// Renders a template that is not a page (the feed, the sitemap) from its
/// own data, keeping only characters XML allows.
fn render_data(
    templates: &Templates,
    name: &str,
    path: &str,
    data: serde_json::Value,
) -> Result<String, RenderError> {
    let fail = |e: &dyn std::error::Error| RenderError::Template {
        page: path.to_owned(),
        message: templates::error_chain(e),
    };
    let ctx = tera::Context::from_serialize(&data).map_err(|e| fail(&e))?;
    templates
        .tera
        .render(name, &ctx)
        .map(xml_text)
        .map_err(|e| fail(&e))
}
