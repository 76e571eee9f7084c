//! Where every output file goes, and how pages link to each other. These
//! paths are a public contract (docs/output.md): journalists link to them,
//! so they can be added to but never renamed or removed.
//!
//! Links between pages are always relative, and point at `index.html`
//! explicitly, so that the site works from any sub-path and from disk.

use crate::model::{IndicatorId, Lang, ScopeId, SessionId, Settings, SourceId};

/// Paths for one language: the default language at the root, others under
/// `<lang>/` with the same tree.
#[derive(Debug, Clone)]
pub struct Paths {
    prefix: String,
}

impl Paths {
    pub fn new(settings: &Settings, lang: &Lang) -> Paths {
        let prefix = if lang == settings.default_lang() {
            String::new()
        } else {
            format!("{lang}/")
        };
        Paths { prefix }
    }

    pub fn home(&self) -> String {
        format!("{}index.html", self.prefix)
    }
    pub fn sessions(&self) -> String {
        format!("{}sessions/index.html", self.prefix)
    }
    pub fn session(&self, id: &SessionId) -> String {
        format!("{}sessions/{id}/index.html", self.prefix)
    }
    /// The session's overview chart.
    pub fn session_chart(&self, id: &SessionId) -> String {
        format!("{}sessions/{id}/chart.svg", self.prefix)
    }
    /// The page that shows a session's charts one by one, each with its
    /// downloads and embed code. They live beside the session page rather
    /// than on it, so that the session page stays light on a phone.
    pub fn session_charts(&self, id: &SessionId) -> String {
        format!("{}sessions/{id}/charts/index.html", self.prefix)
    }
    /// One indicator in one session; scopes other than national get a suffix.
    pub fn result_chart(
        &self,
        session: &SessionId,
        indicator: &IndicatorId,
        scope: &ScopeId,
    ) -> String {
        if scope.is_national() {
            format!("{}sessions/{session}/charts/{indicator}.svg", self.prefix)
        } else {
            format!(
                "{}sessions/{session}/charts/{indicator}.{scope}.svg",
                self.prefix
            )
        }
    }
    pub fn indicators(&self) -> String {
        format!("{}indicators/index.html", self.prefix)
    }
    pub fn indicator(&self, id: &IndicatorId) -> String {
        format!("{}indicators/{id}/index.html", self.prefix)
    }
    pub fn indicator_chart(&self, id: &IndicatorId) -> String {
        format!("{}indicators/{id}/chart.svg", self.prefix)
    }
    /// The indicator's history chart as it stood at a session, frozen:
    /// made from the results up to that session only, so that it never
    /// changes once that session is published.
    pub fn indicator_chart_as_of(&self, id: &IndicatorId, session: &SessionId) -> String {
        format!("{}indicators/{id}/as-of/{session}/chart.svg", self.prefix)
    }
    /// The register's list of source documents.
    pub fn sources(&self) -> String {
        format!("{}sources/index.html", self.prefix)
    }
    /// One document of the source register, with every figure it printed.
    pub fn source(&self, id: &SourceId) -> String {
        format!("{}sources/{id}/index.html", self.prefix)
    }
    /// Every figure corrected after it was published, newest first.
    pub fn corrections(&self) -> String {
        format!("{}corrections/index.html", self.prefix)
    }
    /// The Atom feed of corrections in this language.
    pub fn corrections_feed(&self) -> String {
        format!("{}corrections.xml", self.prefix)
    }
    /// The list of scopes (provinces, ministries) the content names.
    pub fn scopes(&self) -> String {
        format!("{}scopes/index.html", self.prefix)
    }
    /// One scope, with every figure reported for it.
    pub fn scope(&self, id: &ScopeId) -> String {
        format!("{}scopes/{id}/index.html", self.prefix)
    }
    pub fn not_found(&self) -> String {
        format!("{}{NOT_FOUND}", self.prefix)
    }
    /// Every change of a target, with the sessions before and after.
    pub fn target_changes(&self) -> String {
        format!("{}target-changes/index.html", self.prefix)
    }
    pub fn methodology(&self) -> String {
        format!("{}methodology/index.html", self.prefix)
    }
    /// The search page: every indicator and session, filtered by a script.
    pub fn search(&self) -> String {
        format!("{}search/index.html", self.prefix)
    }
    /// The search index, a script (not JSON) so that it loads from disk too.
    pub fn search_index(&self) -> String {
        format!("{}search/search-index.js", self.prefix)
    }
    /// A session's results, all of them, as CSV (same columns as
    /// [`RESULTS_CSV`]).
    pub fn session_results_csv(&self, id: &SessionId) -> String {
        format!("{}sessions/{id}/results.csv", self.prefix)
    }
    pub fn session_results_json(&self, id: &SessionId) -> String {
        format!("{}sessions/{id}/results.json", self.prefix)
    }
    /// The social card of a session page: 1200×630 PNG for link previews.
    pub fn session_card(&self, id: &SessionId) -> String {
        format!("{}sessions/{id}/card.png", self.prefix)
    }
    /// The social card of an indicator page.
    pub fn indicator_card(&self, id: &IndicatorId) -> String {
        format!("{}indicators/{id}/card.png", self.prefix)
    }
    /// The social card of the home page, also used by pages without their own.
    pub fn home_card(&self) -> String {
        format!("{}card.png", self.prefix)
    }
    /// The Atom feed of sessions in this language.
    pub fn feed(&self) -> String {
        format!("{}feed.xml", self.prefix)
    }
    /// A data file of this language: `data/<file>` for the default
    /// language (so [`RESULTS_CSV`] is the default language's), and
    /// `<lang>/data/<file>` for the others.
    pub fn data(&self, file: &str) -> String {
        format!("{}data/{file}", self.prefix)
    }
}

/// The anchor of a correction on the corrections page: the session, the
/// indicator and the scope of the result that makes it, which no other
/// result of the site shares (ids have no dot). The feed entry's id ends
/// with it, so it stays the same from one build to the next.
pub fn correction_anchor(session: &SessionId, r: &crate::model::ResultEntry) -> String {
    format!("{session}.{}.{}", r.indicator, r.scope)
}

/// Language-independent files.
pub const STYLESHEET: &str = "style.css";
/// The page a host shows for a missing address, in each language's folder.
pub const NOT_FOUND: &str = "404.html";
pub const RESULTS_CSV: &str = "data/results.csv";
pub const RESULTS_JSON: &str = "data/results.json";
/// The script of the search page, shared by every language.
pub const SEARCH_SCRIPT: &str = "search.js";
/// The stylesheet of embed pages: they do not load the site's.
pub const EMBED_STYLESHEET: &str = "embed.css";
/// The optional "copy" buttons beside embed codes.
pub const COPY_SCRIPT: &str = "copy.js";
pub const SITEMAP: &str = "sitemap.xml";

/// The names of the data files each language has under `<p>data/`, beside
/// `results.csv`, `results.json` and `datapackage.json` (see
/// [`Paths::data`]).
pub const INDICATORS_CSV: &str = "indicators.csv";
pub const INDICATORS_JSON: &str = "indicators.json";
pub const RESULTS_XLSX: &str = "results.xlsx";

/// The name of the zip of every data file of a language, named for the
/// site: `<site-slug>-data.zip`, the slug made from the site's title in the
/// default language (the same name in every language).
pub fn bundle(settings: &Settings) -> String {
    let lang = settings.default_lang();
    let slug = crate::model::suggest_id(settings.title.get(lang, lang));
    format!("{}-data.zip", slug.as_deref().unwrap_or("minhbach"))
}
pub const ROBOTS: &str = "robots.txt";

/// The files that go with a chart at `svg` (a site path ending in `.svg`),
/// named by swapping the extension: `chart.svg` → `chart.csv`, `chart.json`,
/// `chart.png`. The same rule serves every chart, so a reader who has one
/// URL can guess the others.
pub fn beside(svg: &str, ext: &str) -> String {
    let stem = svg.strip_suffix(".svg").unwrap_or(svg);
    format!("{stem}.{ext}")
}

/// The embed page of the chart at `svg`: `embed/` followed by the chart's
/// own path without `.svg`, e.g. `embed/en/sessions/x/chart/index.html` for
/// `en/sessions/x/chart.svg`.
pub fn embed(svg: &str) -> String {
    let stem = svg.strip_suffix(".svg").unwrap_or(svg);
    format!("embed/{stem}/index.html")
}

/// The relative URL from the page at `from` to the file at `to` (both site
/// paths such as `en/sessions/x/index.html`).
pub fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to);
    out
}

/// The link from the page at `from` to the file at `to`: relative (see
/// [`relative`]), except from a 404 page. A host serves that page for a
/// missing address at any depth (`/sessions/x/missing/`), where a relative
/// link would be resolved from that address, so its links start from the
/// path of `base_url` on the host (`/bao-cao/style.css`). Only a host shows
/// it, so it need not work from disk.
pub fn link(base_url: &str, from: &str, to: &str) -> String {
    let not_found = from == NOT_FOUND
        || from
            .strip_suffix(NOT_FOUND)
            .is_some_and(|lang| lang.ends_with('/') && lang.matches('/').count() == 1);
    if !not_found {
        return relative(from, to);
    }
    let root = url::Url::parse(base_url)
        .map(|u| u.path().to_owned())
        .unwrap_or_else(|_| "/".to_owned());
    format!("{root}{to}")
}

/// The public, absolute URL of a site path: `index.html` is dropped so that
/// shared links look like `https://host/sessions/x/`.
pub fn absolute(base_url: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base_url}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(relative("index.html", "style.css"), "style.css");
        assert_eq!(
            relative("en/sessions/x/index.html", "style.css"),
            "../../../style.css"
        );
        assert_eq!(
            relative("sessions/x/index.html", "sessions/x/chart.svg"),
            "../../sessions/x/chart.svg"
        );
    }

    #[test]
    fn files_beside_a_chart_and_its_embed() {
        assert_eq!(
            beside("sessions/x/chart.svg", "csv"),
            "sessions/x/chart.csv"
        );
        assert_eq!(
            beside("en/sessions/x/charts/a.ninh-binh.svg", "json"),
            "en/sessions/x/charts/a.ninh-binh.json"
        );
        assert_eq!(
            embed("sessions/x/chart.svg"),
            "embed/sessions/x/chart/index.html"
        );
        assert_eq!(
            embed("en/indicators/a/chart.svg"),
            "embed/en/indicators/a/chart/index.html"
        );
    }

    #[test]
    fn absolute_urls_drop_index() {
        assert_eq!(
            absolute("https://a.org/p/", "sessions/x/index.html"),
            "https://a.org/p/sessions/x/"
        );
        assert_eq!(absolute("https://a.org/", "index.html"), "https://a.org/");
        assert_eq!(
            absolute("https://a.org/", "sessions/x/chart.svg"),
            "https://a.org/sessions/x/chart.svg"
        );
    }
}
