//! The source register: a list of the documents, and one page per
//! document listing every figure it printed and the results that cite
//! it, so that any figure can be traced.

use serde_json::{json, Value};

use super::views::result_rows;
use super::Making;
use crate::model::RegisterSource;
use crate::render::paths;
use crate::render::vocab::{alternates, Page};

/// The list of documents; nothing when the site has no register.
pub(super) fn make_list(m: &mut Making) {
    let lx = &m.lx;
    let site = lx.site;
    if site.register.is_empty() {
        return;
    }
    let from = lx.paths.sources();
    let list: Vec<Value> = site
        .register
        .values()
        .map(|r| {
            json!({
                "id": r.id.as_str(),
                "title": r.title,
                "publisher": r.publisher,
                "published": lx.date(r.published),
                "href": paths::relative(&from, &lx.paths.source(&r.id)),
                "figures": r.figures.len(),
            })
        })
        .collect();
    m.made.pages.push(Page {
        template: "sources.html",
        title: lx.t("sources").to_owned(),
        context: json!({ "sources": list }),
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
        context: json!({
            "source": {
                "id": reg.id.as_str(),
                "title": reg.title,
                "publisher": reg.publisher,
                "published": lx.date(reg.published),
                "iso_published": reg.published.to_string(),
                "language": reg.language.as_str(),
                "url": reg.url,
                "about": reg.about,
                "figures": reg.figures.iter().map(|f| json!({ "label": f.label, "value": f.value })).collect::<Vec<_>>(),
            },
            "rows": result_rows(lx, &from, citing, &[]),
        }),
        alternates: alternates(lx.site, |p| p.source(&reg.id)),
        path: from,
    });
}
