//! Rendering: charts, pages and data files, from the validated model.

pub mod charts;
pub mod data;
pub mod markdown;
pub mod pages;
pub mod paths;
pub mod templates;

use rayon::prelude::*;

use crate::model::Site;
use crate::output::Sink;
use templates::Templates;

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
/// of files written.
pub fn render_site(site: &Site, templates: &Templates, out: &dyn Sink) -> Result<usize, RenderError> {
    let per_lang: Vec<usize> = site
        .settings
        .languages
        .par_iter()
        .map(|lang| -> Result<usize, RenderError> {
            let (jobs, files) = pages::jobs(site, lang);
            let n = jobs.len() + files.len();
            files.par_iter().try_for_each(|f| out.write(&f.path, &f.bytes))?;
            jobs.par_iter().try_for_each(|job| -> Result<(), RenderError> {
                let value = pages::common_context(site, lang, job);
                let ctx = tera::Context::from_serialize(&value).map_err(|e| RenderError::Template {
                    page: job.path.clone(),
                    message: templates::error_chain(&e),
                })?;
                let html = templates.tera.render(job.template, &ctx).map_err(|e| RenderError::Template {
                    page: job.path.clone(),
                    message: templates::error_chain(&e),
                })?;
                out.write(&job.path, html.as_bytes())?;
                Ok(())
            })?;
            Ok(n)
        })
        .collect::<Result<_, _>>()?;

    let records = data::records(site);
    out.write(paths::RESULTS_CSV, &data::to_csv(&records))?;
    out.write(paths::RESULTS_JSON, &data::to_json(&records))?;
    out.write(paths::STYLESHEET, templates.stylesheet.as_bytes())?;
    Ok(per_lang.iter().sum::<usize>() + 3)
}
