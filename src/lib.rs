//! minhbach turns YAML indicator data and Markdown notes into a static,
//! bilingual site with SVG charts of targets versus actuals for each session
//! of a committee.
//!
//! The modules follow the data as it flows:
//! [`load`] reads files → [`validate`] checks them into the [`model`] →
//! [`compute`] derives status and progress → [`render`] makes charts, pages
//! and data files → [`output`] writes them atomically.

pub mod collate;
pub mod compute;
pub mod diagnostics;
pub mod format;
pub mod i18n;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod validate;

use std::path::{Path, PathBuf};

use diagnostics::{Diagnostic, Diagnostics};

/// Where to read and write, and what to override.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    /// The source register; `None` looks for `seeds/` beside the content.
    pub seeds: Option<PathBuf>,
    pub templates: Option<PathBuf>,
    pub out: PathBuf,
    /// Replaces `base_url` from site.yaml.
    pub base_url: Option<String>,
    pub limits: load::Limits,
}

impl Options {
    pub fn new(content: impl Into<PathBuf>) -> Self {
        Options {
            content: content.into(),
            seeds: None,
            templates: None,
            out: PathBuf::from("site"),
            base_url: None,
            limits: load::Limits::default(),
        }
    }

    /// The source register folder: `--seeds`, or `seeds/` beside the content.
    pub fn seeds_dir(&self) -> PathBuf {
        self.seeds.clone().unwrap_or_else(|| {
            let parent = self
                .content
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            parent.join("seeds")
        })
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the content or templates, for the author to fix.
    Content(Diagnostics),
    /// Something outside the content went wrong (disk full, permissions).
    Io(String),
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    pub files: usize,
    pub warnings: Diagnostics,
}

/// Loads and validates the content. Returns the site (when there is no
/// error) and every diagnostic found.
pub fn check(opts: &Options) -> (Option<model::Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let seeds = opts.seeds_dir();
    let loaded = load::load(&opts.content, Some(&seeds), &opts.limits, &mut diags);
    let mut site = validate::validate(loaded, &mut diags);
    if let (Some(site), Some(url)) = (site.as_mut(), &opts.base_url) {
        match validate::check_base_url(url) {
            Ok(u) => site.settings.base_url = u,
            Err(why) => {
                diags.push(Diagnostic::error(
                    "bad-base-url",
                    "--base-url",
                    format!("`{url}` is not a usable base URL: {why}"),
                ));
            }
        }
    }
    if diags.has_errors() {
        return (None, diags);
    }
    (site, diags)
}

/// Builds the site into `opts.out`, atomically: on any failure the previous
/// output is left as it was.
pub fn build(opts: &Options) -> Result<Built, Failure> {
    let (site, templates, diags) = prepare(opts)?;
    let staging = output::Staging::new(&opts.out).map_err(|e| {
        Failure::Io(format!(
            "cannot create a folder beside {}: {e}",
            opts.out.display()
        ))
    })?;
    let files = render_into(opts, &site, &templates, &staging)?;
    staging
        .commit()
        .map_err(|e| Failure::Io(format!("cannot replace {}: {e}", opts.out.display())))?;
    Ok(Built {
        files,
        warnings: diags,
    })
}

/// Rebuilds the site into `opts.out` in place, for previews: a file is
/// replaced only when its bytes change, files the build no longer makes are
/// removed, and every other file is left alone, modification time and all,
/// so that what watches the folder sees only real changes. `previous` is
/// the manifest the last refresh of the same folder returned. Unlike
/// [`build`], a failure while writing can leave the folder half updated.
pub fn refresh(
    opts: &Options,
    previous: Option<output::Manifest>,
) -> Result<(Built, output::Refreshed), Failure> {
    let (site, templates, diags) = prepare(opts)?;
    let out = output::Refresh::new(&opts.out, previous)
        .map_err(|e| Failure::Io(format!("cannot create {}: {e}", opts.out.display())))?;
    let files = render_into(opts, &site, &templates, &out)?;
    let refreshed = out
        .finish()
        .map_err(|e| Failure::Io(format!("cannot update {}: {e}", opts.out.display())))?;
    Ok((
        Built {
            files,
            warnings: diags,
        },
        refreshed,
    ))
}

/// The validated site and the templates, or every problem found.
fn prepare(
    opts: &Options,
) -> Result<(model::Site, render::templates::Templates, Diagnostics), Failure> {
    let (site, mut diags) = check(opts);
    let templates = render::templates::load(opts.templates.as_deref(), &mut diags);
    let (Some(site), Some(templates)) = (site, templates) else {
        return Err(Failure::Content(diags));
    };
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    Ok((site, templates, diags))
}

/// Renders every file into `out`; returns how many.
fn render_into(
    opts: &Options,
    site: &model::Site,
    templates: &render::templates::Templates,
    out: &dyn output::Sink,
) -> Result<usize, Failure> {
    render::render_site(site, templates, out).map_err(|e| match e {
        render::RenderError::Template { page, message } => {
            let mut d = Diagnostics::default();
            d.push(Diagnostic::error(
                "template",
                opts.templates.clone().unwrap_or_else(|| "templates".into()),
                format!("rendering {page} failed: {message}"),
            ));
            Failure::Content(d)
        }
        render::RenderError::Io(e) => Failure::Io(e.to_string()),
    })
}
