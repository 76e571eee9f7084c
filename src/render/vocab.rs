//! The words the render modules share: a page to render ([`Page`]), a
//! file to write ([`File`]), a page as the sitemap lists it
//! ([`SitemapEntry`]), the part of a site that is made and written as one
//! unit ([`Part`]), and the page's language with its formatting and the
//! site's derived facts ([`Localizer`]).
//!
//! This module is a leaf: it uses the model, `compute`, the locale modules
//! and `paths` (itself a leaf), and no other render module, so that every
//! render module can use it without an import circle.

use serde_json::Value;

use crate::compute::{Facts, Tally};
use crate::format;
use crate::locale::Locale;
use crate::model::{Date, Indicator, Lang, RegisterSource, ResultEntry, Session, Site, Source};
use crate::render::paths::Paths;

/// One file to write: its site path and its contents.
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page to render: its template, site path and page-specific context.
pub struct Page {
    pub template: &'static str,
    pub path: String,
    pub title: String,
    pub context: Value,
    /// The same page in each language, for the switcher and hreflang.
    pub alternates: Vec<(Lang, String)>,
    /// The date of the newest content the page shows, which it shows as
    /// "last updated" (see `crate::compute::facts`); `None` for a page
    /// that shows no content.
    pub updated: Option<Date>,
}

/// Text in the page's language, with the site's default as fallback.
pub struct Localizer<'a> {
    pub site: &'a Site,
    pub lang: &'a Lang,
    /// How the page's language writes: its words and its rules.
    pub locale: &'a Locale,
    pub paths: Paths,
    /// What is derived from the site's results, counted once per build.
    pub facts: &'a Facts<'a>,
}

impl<'a> Localizer<'a> {
    pub fn new(site: &'a Site, lang: &'a Lang, facts: &'a Facts<'a>) -> Self {
        Localizer {
            site,
            lang,
            locale: site.locales.get(lang),
            paths: Paths::new(&site.settings, lang),
            facts,
        }
    }

    /// Counts of each status among a session's results.
    pub fn tally(&self, s: &Session) -> &'a Tally {
        self.facts.session(&s.id)
    }
    pub fn text(&self, t: &crate::model::LocalizedText) -> String {
        t.get(self.lang, self.site.settings.default_lang())
            .to_owned()
    }
    pub fn opt(&self, t: &Option<crate::model::LocalizedText>) -> Option<String> {
        t.as_ref().map(|t| self.text(t)).filter(|s| !s.is_empty())
    }
    /// The language a text is shown in on this page, when that is not the
    /// page's own language (a fallback), so that it can be marked with
    /// `lang` and read with the right voice.
    pub fn lang_of(&self, t: &crate::model::LocalizedText) -> Option<String> {
        self.foreign_lang(t, None)
    }
    /// The language `t` is shown in on this page: that of the entry read
    /// (the page's, or the one it fell back to), or `plain` when one string
    /// serves every language (`None`: not known).
    pub fn shown_lang<'t>(
        &self,
        t: &'t crate::model::LocalizedText,
        plain: Option<&'t Lang>,
    ) -> Option<&'t Lang> {
        t.get_with_lang(self.lang, self.site.settings.default_lang())
            .1
            .or(plain)
    }
    /// [`shown_lang`](Self::shown_lang), only when it is not the page's
    /// language: the value of the text's `lang` attribute, if it needs one.
    pub fn foreign_lang(
        &self,
        t: &crate::model::LocalizedText,
        plain: Option<&Lang>,
    ) -> Option<String> {
        self.shown_lang(t, plain)
            .filter(|l| *l != self.lang)
            .map(Lang::to_string)
    }
    pub fn date(&self, d: crate::model::Date) -> String {
        format::date(d, self.locale)
    }
    pub fn t(&self, key: &str) -> &'a str {
        self.locale.t(key)
    }
    /// The count `key` in the form for `n`, `{n}` filled: "1 result" (see
    /// [`crate::locale::plural`]).
    pub fn count(&self, key: &str, n: usize) -> String {
        self.locale.count(key, n)
    }
    /// The count `key` in the form for `n`, each of `numbers` filled.
    pub fn count_with(&self, key: &str, n: usize, numbers: &[(&str, usize)]) -> String {
        self.locale.count_with(key, n, numbers)
    }
    /// "3 of 13 targets achieved": the form chosen by the total.
    pub fn achieved(&self, achieved: usize, total: usize) -> String {
        self.count_with(
            "targets_achieved",
            total,
            &[("n", achieved), ("total", total)],
        )
    }
    /// [`Localizer::count_with`] as HTML, each number in `<strong>`, for a
    /// headline: "<strong>3</strong> of <strong>13</strong> targets
    /// achieved".
    pub fn count_html(&self, key: &str, n: usize, numbers: &[(&str, usize)]) -> String {
        let mut html = crate::render::escape::html(self.locale.count_form(key, n));
        for (name, value) in numbers {
            html = html.replace(
                &format!("{{{name}}}"),
                &format!(
                    "<strong>{}</strong>",
                    format::number(*value as f64, 0, self.locale)
                ),
            );
        }
        html
    }
    /// "Nguồn: …": a label and its value, with the colon as the language
    /// writes it ("Source : …" in French).
    pub fn labelled(&self, label: &str, value: &str) -> String {
        format!("{label}{} {value}", self.t("colon"))
    }
    /// A title in the language's quotation marks: “…”, « … ».
    pub fn quoted(&self, text: &str) -> String {
        self.t("quoted").replace("{text}", text)
    }
    pub fn scope_name(&self, scope: &crate::model::ScopeId) -> String {
        match self.site.settings.scopes.get(scope) {
            Some(t) => self.text(t),
            None if scope.is_national() => self.t("national").to_owned(),
            None => scope.to_string(),
        }
    }
    /// A figure with its qualifier, or the "not reported" words.
    pub fn actual(&self, ind: &Indicator, r: &ResultEntry) -> String {
        match r.actual {
            Some(a) => format::figure(a, &ind.unit, r.qualifier, r.out_of, self.locale),
            None => self.t("not_reported").to_owned(),
        }
    }
    /// Why `r` has its status, as a sentence (see `locale::explain`).
    pub fn reason(&self, ind: &Indicator, r: &ResultEntry) -> String {
        crate::locale::explain::reason(r, &self.facts.of(r).reason, &ind.unit, self.locale)
    }
    pub fn value(&self, ind: &Indicator, v: Option<f64>) -> Option<String> {
        v.map(|v| format::value(v, &ind.unit, self.locale))
    }
    /// A value with the date it belongs to, where known: "17% (31/12/2023)".
    pub fn dated_value(&self, ind: &Indicator, v: Option<f64>, d: Option<Date>) -> Option<String> {
        self.value(ind, v).map(|v| match d {
            Some(d) => format!("{v} ({})", self.date(d)),
            None => v,
        })
    }
    /// "Nguồn: Báo Đồng Khởi, 08/08/2022"
    pub fn source_line(&self, sources: &[&Source]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for s in sources {
            let mut p = self.text(&s.publisher);
            if p.is_empty() {
                p = self.text(&s.title);
            }
            if let Some(d) = s.date {
                p = format!("{p}, {}", self.date(d));
            }
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
        let site_pub = self.text(&self.site.settings.publisher);
        let listed = if parts.is_empty() {
            site_pub.clone()
        } else {
            parts.join("; ")
        };
        let mut line = self.labelled(self.t("source"), &listed);
        if !parts.is_empty() && !site_pub.is_empty() {
            line.push_str(&format!(" · {site_pub}"));
        }
        line
    }
}

/// The same page (or file) in each language of the site: `path_of` gives
/// its path from each language's paths.
pub fn alternates(site: &Site, path_of: impl Fn(&Paths) -> String) -> Vec<(Lang, String)> {
    site.settings
        .languages
        .iter()
        .map(|l| (l.clone(), path_of(&Paths::new(&site.settings, l))))
        .collect()
}

/// A page's own data (its context under `page`), from the typed view a
/// page family makes. Views are structs of strings, numbers, options and
/// lists, which always convert.
pub fn view(v: &impl serde::Serialize) -> Value {
    serde_json::to_value(v).expect("a page view converts to JSON")
}

/// A page listed in the sitemap: its path and the same page in each
/// language.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub path: String,
    pub alternates: Vec<(Lang, String)>,
}

/// A part of one language's site: the unit in which pages, charts and
/// images are made, written and dropped, so that a build holds a few parts
/// in memory at a time rather than the whole site.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    Home,
    Sessions,
    Session(&'a Session),
    Indicators,
    Indicator(&'a Indicator),
    /// The source register's list of sources.
    Register,
    /// One source's page in the register, with the results that cite it:
    /// a part of its own, as each holds a chart per citing result.
    Source(&'a RegisterSource),
    Methodology,
    /// Every change of a target, with both sessions.
    TargetChanges,
    /// Every figure corrected after it was published.
    Corrections,
    /// The list of scopes.
    Scopes,
    /// One scope's page: every figure reported for it.
    Scope(&'a crate::model::ScopeId),
    Search,
    NotFound,
}
