//! "Last updated" on every page: the date of the newest content the page
//! shows, read from the content (sessions' and documents' dates), never
//! from the clock, so that two builds of the same content are the same.
//! A session's pages show its date; an indicator's, that of the latest
//! session with a result of it; a register document's, the latest of its
//! own date and those of the sessions that cite it; the pages that list a
//! little of everything, the newest date of the site. The "page not
//! found" shows no content, and no date.

use std::collections::HashMap;

use crate::model::{Date, Lang, Site};

/// The dates, made once for every page of a language.
pub struct Updated {
    sessions: HashMap<String, Date>,
    indicators: HashMap<String, Date>,
    sources: HashMap<String, Date>,
    newest: Option<Date>,
    /// `<lang>/` for a language other than the default, else empty.
    prefix: String,
}

fn later(map: &mut HashMap<String, Date>, key: String, d: Date) {
    let e = map.entry(key).or_insert(d);
    if d > *e {
        *e = d;
    }
}

impl Updated {
    pub fn new(site: &Site, lang: &Lang) -> Updated {
        let mut sessions = HashMap::new();
        let mut indicators = HashMap::new();
        let mut sources: HashMap<String, Date> = site
            .register
            .values()
            .map(|s| (s.id.to_string(), s.published))
            .collect();
        for s in &site.sessions {
            sessions.insert(s.id.to_string(), s.date);
            for r in &s.results {
                later(&mut indicators, r.indicator.to_string(), s.date);
                if let Some(id) = &r.source {
                    if site.register.contains_key(id) {
                        later(&mut sources, id.to_string(), s.date);
                    }
                }
            }
        }
        let prefix = if lang == site.settings.default_lang() {
            String::new()
        } else {
            format!("{lang}/")
        };
        Updated {
            sessions,
            indicators,
            sources,
            newest: crate::render::download::newest(site),
            prefix,
        }
    }

    /// The date to show on the page at `path` (a site path), if any.
    pub fn of(&self, path: &str) -> Option<Date> {
        let path = path.strip_prefix(&self.prefix).unwrap_or(path);
        let parts: Vec<&str> = path.split('/').collect();
        match parts[..] {
            ["404.html"] => None,
            ["sessions", id, ..] if parts.len() > 2 => self.sessions.get(id).copied(),
            ["indicators", id, ..] if parts.len() > 2 => self.indicators.get(id).copied(),
            ["sources", id, ..] if parts.len() > 2 => self.sources.get(id).copied(),
            _ => self.newest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_one_thing_and_lists() {
        let d = |s: &str| Date::parse_from_str(s, "%Y-%m-%d").unwrap();
        let u = Updated {
            sessions: HashMap::from([("s1".to_owned(), d("2022-08-08"))]),
            indicators: HashMap::from([("i".to_owned(), d("2023-01-01"))]),
            sources: HashMap::new(),
            newest: Some(d("2024-07-10")),
            prefix: "en/".to_owned(),
        };
        assert_eq!(u.of("en/sessions/s1/index.html"), Some(d("2022-08-08")));
        assert_eq!(
            u.of("en/sessions/s1/charts/index.html"),
            Some(d("2022-08-08"))
        );
        assert_eq!(u.of("en/indicators/i/index.html"), Some(d("2023-01-01")));
        assert_eq!(u.of("en/indicators/index.html"), Some(d("2024-07-10")));
        assert_eq!(u.of("en/index.html"), Some(d("2024-07-10")));
        assert_eq!(u.of("en/sources/x/index.html"), None);
        assert_eq!(u.of("en/404.html"), None);
    }
}
