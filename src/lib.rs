//! minhbach turns YAML indicator data and Markdown notes into a static,
//! bilingual site with SVG charts of targets versus actuals for each session
//! of a committee.
//!
//! The modules follow the data as it flows: `load` reads files →
//! `validate` checks them into the [`model`] → `compute` derives status,
//! progress and tallies → `render` makes charts, pages and data files →
//! `output` writes them atomically. `docs/architecture.md` says where
//! each kind of change goes.
//!
//! The public interface is what the command line uses: [`check`],
//! [`build`], [`refresh`] and [`serve`], their [`Options`] and errors, the
//! [`model`] they return, [`diagnostics`] and [`scaffold`]. The stages are
//! private to the crate; the benchmarks, the fuzz targets and the
//! integration tests reach the few internals they exercise through
//! `internals`, which is not part of the interface.

pub mod diagnostics;
pub mod model;
pub mod scaffold;
pub mod serve;
pub mod spreadsheet;

mod changes;
mod compute;
mod failure;
mod load;
mod locale;
mod output;
mod render;
mod safe_read;
mod suggest;
mod validate;

// The language modules are reachable at the root too (`crate::i18n::t`,
// `crate::format::number`), the paths the rest of the crate uses.
use locale::{collate, format, i18n};

use failure::cannot;
pub use failure::{Doing, Failure, WriteError};
pub use load::{Limits, DEFAULT_MAX_RESULTS};
pub use output::hosts::{megabytes, SiteSize};
pub use output::{Manifest, Refreshed, Refusal, MARKER};

/// What the benchmarks, the fuzz targets and the integration tests
/// exercise below the public interface. Not a stable interface: it changes
/// with the code.
#[doc(hidden)]
pub mod internals {
    pub use crate::locale::{format, i18n, Locale};

    pub mod compute {
        pub use crate::compute::goalposts;
        pub use crate::compute::{
            judge, progress, status, Basis, Facts, Judgement, Reason, Start, StartFrom, Status,
        };
    }
    pub mod load {
        pub use crate::load::{load_files, Limits};
    }
    pub mod validate {
        pub use crate::validate::{parse_date, validate};
        pub mod provenance {
            pub use crate::validate::provenance::{matches, parse_printed};
        }
    }
    pub mod output {
        pub use crate::output::{safe_rel, Sink};
        pub mod ownership {
            pub use crate::output::ownership::path_hash;
        }
    }
    pub mod render {
        pub use crate::render::{markdown, pages, render_site, search, templates, vocab};
        pub mod paths {
            pub use crate::render::paths::embed;
        }
        pub mod png {
            pub use crate::render::png::png_size;
        }
        pub mod figure {
            pub use crate::render::figure::svg_size;
        }
        pub mod data {
            pub use crate::render::data::{records, to_csv, to_json, CSV_COLUMNS};
        }
    }
}

use std::path::{Path, PathBuf};

use diagnostics::{say, Code, Diagnostic, Diagnostics, Language};

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
    /// A preview on this computer (`serve`), whose base URL is its own
    /// local address: no `placeholder-base-url` warning for it.
    pub preview: bool,
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
            preview: false,
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

    /// The templates folder: `--templates`, or `templates/` (which may not
    /// exist: the built-in templates and translations are used).
    pub fn templates_dir(&self) -> PathBuf {
        self.templates
            .clone()
            .unwrap_or_else(|| PathBuf::from("templates"))
    }

    /// The folders the site is made from, which the output may never be,
    /// hold, or sit inside.
    pub fn inputs(&self) -> Vec<(&'static str, PathBuf)> {
        let mut inputs = vec![
            ("content", self.content.clone()),
            ("source register", self.seeds_dir()),
        ];
        if let Some(t) = &self.templates {
            inputs.push(("templates", t.clone()));
        }
        inputs
    }
}

/// The language problems are reported in when none is asked for
/// (`--lang`): the site's default language, the first of `languages` in
/// site.yaml, when problems can be reported in it, else English. When
/// site.yaml cannot be read, the language of the system (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`) when problems can be reported in it, else
/// English: whoever runs the command has chosen it, and the site's own
/// choice is not known.
pub fn report_language(opts: &Options) -> Language {
    match load::default_language(&opts.content, &opts.limits) {
        Some(code) => Language::of_code(&code).unwrap_or_default(),
        None => system_language().unwrap_or_default(),
    }
}

/// The language of the system's locale, as the C library chooses it for
/// messages, if problems can be reported in it.
fn system_language() -> Option<Language> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Language::of_code(&v))
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    pub files: usize,
    pub warnings: Diagnostics,
    /// What a full build wrote: files and bytes (a refresh leaves it
    /// empty: it writes only what changed).
    pub size: Option<output::hosts::SiteSize>,
}

/// Loads and validates the content. Returns the site (when there is no
/// error) and every diagnostic found.
pub fn check(opts: &Options) -> (Option<model::Site>, Diagnostics) {
    check_cached(opts, None)
}

/// [`check`], keeping in `memory` what the next check of the same content
/// can use again.
fn check_cached(
    opts: &Options,
    memory: Option<&mut Incremental>,
) -> (Option<model::Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let seeds = opts.seeds_dir();
    let (files, sessions) = match memory {
        Some(m) => (Some(&mut m.files), Some(&mut m.sessions)),
        None => (None, None),
    };
    let loaded = load::load(&opts.content, Some(&seeds), &opts.limits, &mut diags, files);
    // Where site.yaml gives `base_url`, for a warning about it once checked.
    let base_url_at = loaded.site.as_ref().and_then(|p| {
        load::yaml::Located::new(&p.file.text, &p.spans).locate(&yaml_path!["base_url"])
    });
    let mut site = validate::validate(loaded, &mut diags, sessions);
    if let Some(site) = site.as_mut() {
        let templates = opts.templates_dir();
        let languages = &site.settings.languages;
        let files = load::translations(&templates, languages, &opts.limits, &mut diags);
        let locales = validate::translations(&templates, languages, &files, &mut diags);
        site.locales = std::sync::Arc::new(locales);
    }
    if let (Some(site), Some(url)) = (site.as_mut(), &opts.base_url) {
        match validate::check_base_url(url) {
            Ok(u) => site.settings.base_url = u,
            Err(why) => {
                diags.push(Diagnostic::error(
                    Code::BadBaseUrl,
                    "--base-url",
                    say!(
                        en: "`{url}` is not a usable base URL: {why_en}",
                        vi: "`{url}` không dùng được làm địa chỉ gốc (base URL): {why_vi}",
                        why_en = why.en(),
                        why_vi = why.vi()
                    ),
                ));
            }
        }
    }
    if diags.has_errors() {
        return (None, diags);
    }
    // Only for content that would be published: with errors, nothing is.
    if let Some(site) = site.as_ref() {
        placeholder_base_url(opts, &site.settings.base_url, base_url_at, &mut diags);
    }
    (site, diags)
}

/// Warns when the base URL the site is built with (`site.yaml`'s, or
/// `--base-url`) is a placeholder: the absolute links readers copy would
/// lead nowhere.
fn placeholder_base_url(
    opts: &Options,
    base_url: &str,
    at: Option<diagnostics::Location>,
    diags: &mut Diagnostics,
) {
    if opts.preview || !validate::is_placeholder_base_url(base_url) {
        return;
    }
    let (file, at) = match opts.base_url {
        Some(_) => ("--base-url", None),
        None => ("site.yaml", at),
    };
    diags.push(
        Diagnostic::warning(
            Code::PlaceholderBaseUrl,
            file,
            say!(
                en: "`{base_url}` is a placeholder address: embed, share and feed links will not work until base_url is set to the address the site is published at",
                vi: "`{base_url}` là địa chỉ giữ chỗ: mã nhúng, liên kết chia sẻ và nguồn tin (feed) sẽ không dùng được cho đến khi base_url được đặt đúng địa chỉ nơi trang được đăng"
            ),
        )
        .at(at)
        .hint(say!(
            en: "set base_url in site.yaml, or build with --base-url https://your-host/path/ (see docs/publishing.md)",
            vi: "hãy đặt base_url trong site.yaml, hoặc dựng trang với --base-url https://ten-mien-cua-ban/duong-dan/ (xem docs/publishing.md)"
        )),
    );
}

/// Builds the site into `opts.out`, atomically: on any failure the previous
/// output is left as it was.
pub fn build(opts: &Options) -> Result<Built, Failure> {
    // Before anything else, so that a refused folder costs no build. The
    // folder's files are looked at while the content loads, and again by
    // the staging just before it replaces the folder.
    let claim = output::claim(&opts.out, &opts.inputs()).map_err(Failure::Refused)?;
    let (verified, prepared) = std::thread::scope(|s| {
        let verified = s.spawn(|| claim.verify());
        let prepared = prepare(opts, None);
        let verified = verified
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (verified, prepared)
    });
    verified.map_err(Failure::Refused)?;
    let (site, templates, diags) = prepared?;
    let staging = output::Staging::new(claim).map_err(cannot(Doing::CreateBeside, &opts.out))?;
    let files = render_into(opts, &site, &templates, &staging, None)?;
    let size = staging.size();
    let mut diags = diags;
    let limits = output::hosts::LIMITS;
    let optional = output::hosts::Optional {
        result_files: site.settings.result_files,
        frozen_embeds: site.settings.frozen_embeds,
    };
    for w in output::hosts::warnings(&size, limits, &opts.out, optional) {
        diags.push(w);
    }
    staging.commit().map_err(|e| match e {
        output::CommitError::Refused(r) => Failure::Refused(r),
        output::CommitError::Io(e) => cannot(Doing::Replace, &opts.out)(e),
    })?;
    Ok(Built {
        files,
        warnings: diags,
        size: Some(size),
    })
}

/// What a series of [`refresh`]es of one folder remembers, so that each
/// does again only what its inputs changed: the files read and what they
/// parsed into, the sessions validated, the hashes of the model and the
/// parts made from them, and the manifest of the folder. Start with `Incremental::default()`.
#[derive(Default)]
pub struct Incremental {
    files: load::Cache,
    sessions: validate::Cache,
    keys: render::memo::Cache,
    templates: Option<std::sync::Arc<render::templates::Templates>>,
    manifest: Option<output::Manifest>,
}

impl Incremental {
    /// What the folder held after the last refresh that succeeded.
    pub fn manifest(&self) -> Option<&output::Manifest> {
        self.manifest.as_ref()
    }
}

/// Rebuilds the site into `opts.out` in place, for previews: a file is
/// replaced only when its bytes change, files the build no longer makes are
/// removed, and every other file is left alone, modification time and all,
/// so that what watches the folder sees only real changes. `memory` is what
/// the last refresh of the same folder left (empty the first time). Unlike
/// [`build`], a failure while writing can leave the folder half updated;
/// the next refresh then looks at every file.
pub fn refresh(
    opts: &Options,
    memory: &mut Incremental,
) -> Result<(Built, output::Refreshed), Failure> {
    // Taken out: if writing fails, the folder no longer matches it.
    let previous = memory.manifest.take().filter(|m| m.is_of(&opts.out));
    if previous.is_none() {
        // Files are about to be replaced and removed that no manifest of
        // this server vouches for: the folder must be minhbach's, file by
        // file.
        output::claim(&opts.out, &opts.inputs())
            .and_then(|c| c.verify())
            .map_err(Failure::Refused)?;
    }
    let (site, templates, diags) = prepare(opts, Some(memory))?;
    let out =
        output::Refresh::new(&opts.out, previous).map_err(cannot(Doing::Create, &opts.out))?;
    let mut files = render_into(opts, &site, &templates, &out, Some(&mut memory.keys))?;
    let (mut refreshed, mut manifest) = out.finish().map_err(cannot(Doing::Update, &opts.out))?;
    if refreshed.unlinked > 0 {
        // Symbolic links in the folder were replaced by real folders, empty
        // but for what this refresh wrote: the files the manifest trusted
        // to be behind them are made again, checking every file.
        let again =
            output::Refresh::new(&opts.out, None).map_err(cannot(Doing::Update, &opts.out))?;
        files = render_into(opts, &site, &templates, &again, Some(&mut memory.keys))?;
        let (done, m) = again.finish().map_err(cannot(Doing::Update, &opts.out))?;
        refreshed = output::Refreshed {
            written: refreshed.written + done.written,
            unlinked: refreshed.unlinked + done.unlinked,
            ..done
        };
        manifest = m;
    }
    memory.manifest = Some(manifest);
    Ok((
        Built {
            files,
            warnings: diags,
            size: None,
        },
        refreshed,
    ))
}

/// The validated site and the templates, or every problem found.
/// `memory` is a rebuild's, for [`check_cached`].
fn prepare(
    opts: &Options,
    memory: Option<&mut Incremental>,
) -> Result<
    (
        model::Site,
        std::sync::Arc<render::templates::Templates>,
        Diagnostics,
    ),
    Failure,
> {
    let mut none = None;
    let (site, mut diags, compiled) = match memory {
        Some(m) => {
            let (site, diags) = check_cached(opts, Some(&mut *m));
            (site, diags, &mut m.templates)
        }
        None => {
            let (site, diags) = check_cached(opts, None);
            (site, diags, &mut none)
        }
    };
    let templates = render::templates::load(
        opts.templates.as_deref(),
        opts.limits.max_file_bytes,
        &mut diags,
        compiled,
    );
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
    memo: Option<&mut render::memo::Cache>,
) -> Result<usize, Failure> {
    render::render_site(site, templates, out, memo).map_err(|e| match e {
        render::RenderError::Template { page, message } => {
            let mut d = Diagnostics::default();
            d.push(Diagnostic::error(
                Code::Template,
                opts.templates.clone().unwrap_or_else(|| "templates".into()),
                say!(
                    en: "rendering {page} failed: {message}",
                    vi: "dựng trang {page} không thành công: {message}"
                ),
            ));
            Failure::Content(d)
        }
        render::RenderError::Io(source) => Failure::Write(WriteError {
            what: None,
            path: opts.out.clone(),
            source,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_error_says_what_and_keeps_its_cause() {
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let Failure::Write(e) = cannot(Doing::Update, Path::new("site"))(denied()) else {
            panic!("not a write failure");
        };
        assert_eq!(e.to_string(), format!("cannot update site: {}", denied()));
        let source = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>());
        assert_eq!(
            source.map(std::io::Error::kind),
            Some(std::io::ErrorKind::PermissionDenied)
        );
    }
}
