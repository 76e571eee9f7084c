//! `site.yaml`: languages, scopes, base URL and the site's texts.

use std::collections::BTreeMap;

use super::fields::{check_base_url, id_error};
use super::{Ctx, Validator};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::raw::RawSite;
use crate::load::Parsed;
use crate::model::*;
use crate::yaml_path;

impl Validator {
    pub(super) fn site(
        &mut self,
        parsed: Option<&Parsed<RawSite>>,
        broken: bool,
    ) -> Option<Settings> {
        let Some(p) = parsed else {
            if broken {
                return None;
            }
            self.diags.push(
                Diagnostic::error(
                    Code::MissingSite,
                    "site.yaml",
                    "the content folder has no `site.yaml`",
                )
                .hint(
                    "create it with at least `title:` and `base_url:`; see docs/content-format.md",
                ),
            );
            return None;
        };
        let cx = Ctx::new(p);
        let raw = &p.value;
        let languages = self.languages(raw, &cx);
        let base_url = self.base_url(&raw.base_url, &cx);
        let mut scopes = BTreeMap::new();
        for (k, t) in raw.scopes.iter().flatten() {
            let path = yaml_path!["scopes", k.as_str()];
            match ScopeId::parse(k) {
                Ok(id) if id.is_national() => self.diags.push(cx.error(
                    Code::ReservedScope,
                    &path,
                    "`national` is the built-in default scope and needs no entry",
                )),
                Ok(id) => {
                    scopes.insert(id, self.text(t, &cx, &path, &languages));
                }
                Err(e) => self.diags.push(id_error(&cx, &path, "scope", &e)),
            }
        }
        let method = raw.progress.as_ref().map_or(Method::Linear, |m| {
            Method::parse(&m.0).unwrap_or_else(|| {
                self.diags.push(
                    cx.error(
                        Code::BadMethod,
                        &yaml_path!["progress"],
                        format!("unknown progress method `{}`", m.0),
                    )
                    .expected("`linear` (the default) or `growth-rate`"),
                );
                Method::Linear
            })
        });
        Some(Settings {
            title: self.text(&raw.title, &cx, &yaml_path!["title"], &languages),
            description: raw
                .description
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["description"], &languages))
                .unwrap_or_default(),
            base_url: base_url.unwrap_or_else(|| "https://example.invalid/".to_owned()),
            publisher: raw
                .publisher
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["publisher"], &languages))
                .unwrap_or_default(),
            license: raw.license.clone(),
            languages,
            scopes,
            method,
        })
    }

    /// `languages`: the site's languages, the first the default (`vi` when
    /// none is given or none is valid).
    fn languages(&mut self, raw: &RawSite, cx: &Ctx) -> Vec<Lang> {
        let mut languages: Vec<Lang> = Vec::new();
        for (i, l) in raw.languages.iter().flatten().enumerate() {
            match Lang::parse(&l.0) {
                Ok(lang) if languages.contains(&lang) => self.diags.push(cx.error(
                    Code::DuplicateLanguage,
                    &yaml_path!["languages", i],
                    format!("language `{lang}` is listed twice"),
                )),
                Ok(lang) => languages.push(lang),
                Err(msg) => {
                    self.diags
                        .push(cx.error(Code::BadLanguage, &yaml_path!["languages", i], msg))
                }
            }
        }
        if languages.is_empty() {
            if raw.languages.as_ref().is_some_and(|l| l.is_empty()) {
                self.diags.push(
                    cx.error(
                        Code::NoLanguage,
                        &yaml_path!["languages"],
                        "`languages` is empty",
                    )
                    .hint(
                        "list at least one language code; the first is the default, e.g. [vi, en]",
                    ),
                );
            }
            languages.push(Lang::parse(crate::locale::DEFAULT).expect("valid"));
        }
        languages
    }

    /// An absolute http(s) URL, normalised to end with `/`.
    pub(super) fn base_url(&mut self, raw: &str, cx: &Ctx) -> Option<String> {
        match check_base_url(raw) {
            Ok(u) => Some(u),
            Err(why) => {
                self.diags.push(
                    cx.error(Code::BadBaseUrl, &yaml_path!["base_url"], format!("`{raw}` is not a usable base_url: {why}"))
                        .expected("an absolute http or https URL such as https://example.org/ or https://user.github.io/project/"),
                );
                None
            }
        }
    }
}
