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
    sources: Vec<ListedSource<'a>>,
}

/// One document in the list.
#[derive(Serialize)]
struct ListedSource<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    published: String,
    href: String,
    /// How many figures it printed.
    figures: usize,
}

/// What `source.html` shows.
#[derive(Serialize)]
struct SourcePage<'a> {
    source: SourceView<'a>,
    rows: Vec<ResultRow>,
}

/// One document, with what it printed.
#[derive(Serialize)]
struct SourceView<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    published: String,
    iso_published: String,
    language: &'a str,
    url: Option<&'a str>,
    about: Option<&'a str>,
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
    let sources: Vec<ListedSource> = site
        .register
        .values()
        .map(|r| ListedSource {
            id: r.id.as_str(),
            title: &r.title,
            publisher: &r.publisher,
            published: lx.date(r.published),
            href: paths::relative(&from, &lx.paths.source(&r.id)),
            figures: r.figures.len(),
        })
        .collect();
    m.made.pages.push(Page {
        template: "sources.html",
        title: lx.t("sources").to_owned(),
        context: vocab::view(&SourcesPage { sources }),
        alternates: alternates(site, |p| p.sources()),
        path: from,
    });
}

/// One document's page.
pub(super) fn make_source(m: &mut Making, reg: &RegisterSource) {
    let lx = &m.lx;
    let from = lx.paths.source(&reg.id);
    let citing = m.index.citing(&reg.id);
    m.made.pages.push(Page {
        template: "source.html",
        title: reg.title.clone(),
        context: vocab::view(&SourcePage {
            source: SourceView {
                id: reg.id.as_str(),
                title: &reg.title,
                publisher: &reg.publisher,
                published: lx.date(reg.published),
                iso_published: reg.published.to_string(),
                language: reg.language.as_str(),
                url: reg.url.as_deref(),
                about: reg.about.as_deref(),
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
        path: from,
    });
}
