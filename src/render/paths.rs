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
    /// One indicator in one session; scopes other than national get a suffix.
    pub fn result_chart(&self, session: &SessionId, indicator: &IndicatorId, scope: &ScopeId) -> String {
        if scope.is_national() {
            format!("{}sessions/{session}/charts/{indicator}.svg", self.prefix)
        } else {
            format!("{}sessions/{session}/charts/{indicator}.{scope}.svg", self.prefix)
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
    /// The register's list of source documents.
    pub fn sources(&self) -> String {
        format!("{}sources/index.html", self.prefix)
    }
    /// One document of the source register, with every figure it printed.
    pub fn source(&self, id: &SourceId) -> String {
        format!("{}sources/{id}/index.html", self.prefix)
    }
    pub fn not_found(&self) -> String {
        format!("{}404.html", self.prefix)
    }
    pub fn methodology(&self) -> String {
        format!("{}methodology/index.html", self.prefix)
    }
}

/// Language-independent files.
pub const STYLESHEET: &str = "style.css";
pub const RESULTS_CSV: &str = "data/results.csv";
pub const RESULTS_JSON: &str = "data/results.json";

/// The relative URL from the page at `from` to the file at `to` (both site
/// paths such as `en/sessions/x/index.html`).
pub fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(to);
    out
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
        assert_eq!(relative("en/sessions/x/index.html", "style.css"), "../../../style.css");
        assert_eq!(relative("sessions/x/index.html", "sessions/x/chart.svg"), "../../sessions/x/chart.svg");
    }

    #[test]
    fn absolute_urls_drop_index() {
        assert_eq!(absolute("https://a.org/p/", "sessions/x/index.html"), "https://a.org/p/sessions/x/");
        assert_eq!(absolute("https://a.org/", "index.html"), "https://a.org/");
        assert_eq!(absolute("https://a.org/", "sessions/x/chart.svg"), "https://a.org/sessions/x/chart.svg");
    }
}
