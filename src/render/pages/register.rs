//! The source register: a list of the documents, and one page per
//! document listing every figure it printed and the results that cite
//! it, so that any figure can be traced.

use serde::Serialize;

use super::views::{result_rows, ResultRow};
use super::Making;
use crate::model::RegisterSource;
use crate::render::paths;
use crate::render::vocab::{self, alternates, Page};

/// What `sources.html` shows.
#[derive(Serialize)]
struct SourcesPage<'a> {
    /// What the register vouches for: every figure of the site, or, when
    /// some cite no document of the register, those that do, and how many
    /// do not.
    intro: String,
    unchecked: Option<String>,
    sources: Vec<ListedSource<'a>>,
}

/// One document in the list.
#[derive(Serialize)]
struct ListedSource<'a> {
    id: &'a str,
    title: String,
    /// The language of the title, when it is not the page's.
    title_lang: Option<String>,
    publisher: String,
    /// The language of the publisher, when it is not the page's.
    publisher_lang: Option<String>,
    published: String,
    href: String,
    /// How many figures it printed.
    figures: usize,
    /// "12 figures".
    figures_text: String,
}

/// What `source.html` shows.
#[derive(Serialize)]
struct SourcePage<'a> {
    source: SourceView<'a>,
    rows: Vec<ResultRow>,
}

/// One document, with what it printed. Its texts carry the language they
/// are shown in (the page's, a fallback, or the document's for one
/// string); its printed labels are in the document's `language`.
#[derive(Serialize)]
struct SourceView<'a> {
    id: &'a str,
    title: String,
    title_lang: &'a str,
    publisher: String,
    publisher_lang: &'a str,
    published: String,
    iso_published: String,
    language: &'a str,
    url: Option<&'a str>,
    about: Option<String>,
    about_lang: Option<&'a str>,
    figures: Vec<PrintedView<'a>>,
}

/// A figure as the document printed it.
#[derive(Serialize)]
struct PrintedView<'a> {
    label: &'a str,
    value: &'a str,
}

/// The list of documents; nothing when the site has no register.
pub(super) fn make_list(m: &mut Making) {
    let lx = &m.lx;
    let site = lx.site;
    if site.register.is_empty() {
        return;
    }
    let from = lx.paths.sources();
    let unchecked = lx.facts.unchecked();
    let sources: Vec<ListedSource> = site
        .register
        .values()
        .map(|r| ListedSource {
            id: r.id.as_str(),
            title: lx.text(&r.title),
            title_lang: lx.foreign_lang(&r.title, Some(&r.language)),
            publisher: lx.text(&r.publisher),
            publisher_lang: lx.foreign_lang(&r.publisher, Some(&r.language)),
            published: lx.date(r.published),
            href: paths::relative(&from, &lx.paths.source(&r.id)),
            figures: r.figures.len(),
            figures_text: lx.count("figures", r.figures.len()),
        })
        .collect();
    m.made.pages.push(Page {
        template: "sources.html",
        title: lx.t("sources").to_owned(),
        context: vocab::view(&SourcesPage {
            intro: lx
                .t(if unchecked == 0 {
                    "source_register_intro"
                } else {
                    "source_register_intro_partial"
                })
                .to_owned(),
            unchecked: (unchecked > 0).then(|| lx.count("unchecked", unchecked)),
            sources,
        }),
        alternates: alternates(site, |p| p.sources()),
        updated: lx.facts.updated(),
        path: from,
    });
}

/// One document's page.
pub(super) fn make_source(m: &mut Making, reg: &RegisterSource) {
    let lx = &m.lx;
    let from = lx.paths.source(&reg.id);
    let citing = m.index.citing(&reg.id);
    // Each text is marked with the language it is shown in, whether or not
    // that is the page's, as the document's own texts always were.
    let shown = |t| {
        lx.shown_lang(t, Some(&reg.language))
            .unwrap_or(&reg.language)
            .as_str()
    };
    m.made.pages.push(Page {
        template: "source.html",
        title: lx.text(&reg.title),
        context: vocab::view(&SourcePage {
            source: SourceView {
                id: reg.id.as_str(),
                title: lx.text(&reg.title),
                title_lang: shown(&reg.title),
                publisher: lx.text(&reg.publisher),
                publisher_lang: shown(&reg.publisher),
                published: lx.date(reg.published),
                iso_published: reg.published.to_string(),
                language: reg.language.as_str(),
                url: reg.url.as_deref(),
                about: lx.opt(&reg.about),
                about_lang: reg.about.as_ref().map(shown),
                figures: reg
                    .figures
                    .iter()
                    .map(|f| PrintedView {
                        label: &f.label,
                        value: &f.value,
                    })
                    .collect(),
            },
            rows: result_rows(lx, &from, citing, &[]),
        }),
        alternates: alternates(lx.site, |p| p.source(&reg.id)),
        updated: lx.facts.source_updated(&reg.id),
        path: from,
    });
}
