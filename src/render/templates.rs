//! The Tera templates. The built-in ones are compiled into the binary, so
//! it works anywhere; a file of the same name in the templates folder
//! replaces one. Autoescaping stays on for every `.html` and `.xml`.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{say, Code, Diagnostic, Diagnostics};

/// `(name, source)` of every built-in template.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "session_list.html",
        include_str!("../../templates/session_list.html"),
    ),
    ("target.html", include_str!("../../templates/target.html")),
    (
        "status_cell.html",
        include_str!("../../templates/status_cell.html"),
    ),
    ("home.html", include_str!("../../templates/home.html")),
    (
        "sessions.html",
        include_str!("../../templates/sessions.html"),
    ),
    ("session.html", include_str!("../../templates/session.html")),
    (
        "session_charts.html",
        include_str!("../../templates/session_charts.html"),
    ),
    (
        "indicators.html",
        include_str!("../../templates/indicators.html"),
    ),
    (
        "indicator.html",
        include_str!("../../templates/indicator.html"),
    ),
    (
        "methodology.html",
        include_str!("../../templates/methodology.html"),
    ),
    (
        "target_changes.html",
        include_str!("../../templates/target_changes.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("sources.html", include_str!("../../templates/sources.html")),
    ("source.html", include_str!("../../templates/source.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("figure.html", include_str!("../../templates/figure.html")),
    (
        "correction.html",
        include_str!("../../templates/correction.html"),
    ),
    (
        "corrections.html",
        include_str!("../../templates/corrections.html"),
    ),
    ("scopes.html", include_str!("../../templates/scopes.html")),
    ("scope.html", include_str!("../../templates/scope.html")),
    (
        "share_meta.html",
        include_str!("../../templates/share_meta.html"),
    ),
    ("embed.html", include_str!("../../templates/embed.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// The template engine and the stylesheet, with overrides applied.
pub struct Templates {
    pub tera: tera::Tera,
    pub stylesheet: String,
    /// A hash of every template's text, built-in or override: a rebuild
    /// reuses no part of the site made with other templates.
    pub fingerprint: u64,
}

/// Builds the engine. Override files that do not parse are reported as
/// diagnostics against their path. Override files are read as content
/// files are, up to `max_bytes` (see [`crate::load::read_override`]). A rebuild keeps
/// the compiled set in `cache` and compiles the templates again only when
/// their texts changed; `build` passes an empty one.
pub fn load(
    overrides: Option<&Path>,
    max_bytes: u64,
    diags: &mut Diagnostics,
    cache: &mut Option<Arc<Templates>>,
) -> Option<Arc<Templates>> {
    let mut sources: Vec<(String, String, Option<String>)> = BUILTIN
        .iter()
        .map(|(n, s)| ((*n).to_owned(), (*s).to_owned(), None))
        .collect();
    if let Some(dir) = overrides.filter(|d| d.is_dir()) {
        for (name, slot) in sources.iter_mut().map(|(n, s, o)| (n.clone(), (s, o))) {
            let path = dir.join(&name);
            if let Some(text) = crate::load::read_override(&path, max_bytes, diags) {
                *slot.0 = text;
                *slot.1 = Some(path.display().to_string());
            }
        }
    }
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (name, text, _) in &sources {
            (name, text).hash(&mut h);
        }
        h.finish()
    };
    if let Some(kept) = cache.as_ref().filter(|t| t.fingerprint == fingerprint) {
        return Some(kept.clone());
    }
    let stylesheet = sources
        .iter()
        .find(|(n, ..)| n == "style.css")
        .map(|(_, s, _)| s.clone())
        .unwrap_or_default();
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(super::escape::html_to);
    let html: Vec<(&str, &str)> = sources
        .iter()
        .filter(|(n, ..)| n.ends_with(".html") || n.ends_with(".xml"))
        .map(|(n, s, _)| (n.as_str(), s.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(html) {
        // Name the override file when one is involved.
        let msg = format!("{e}");
        let file = sources
            .iter()
            .find(|(n, _, o)| o.is_some() && msg.contains(n.as_str()))
            .and_then(|(_, _, o)| o.clone())
            .unwrap_or_else(|| "templates".to_owned());
        diags.push(Diagnostic::error(
            Code::Template,
            file,
            say!(
                en: "the templates do not compile: {chain}",
                vi: "không biên dịch được các mẫu giao diện: {chain}",
                chain = error_chain(&e)
            ),
        ));
        return None;
    }
    let templates = Arc::new(Templates {
        tera,
        stylesheet,
        fingerprint,
    });
    *cache = Some(templates.clone());
    Some(templates)
}

/// A Tera error with its causes, on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}
