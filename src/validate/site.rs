//! `site.yaml`: languages, scopes, base URL and the site's texts.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::fields::{bad_language, check_base_url, id_error, IdOf};
use super::{with, Ctx, Validator};
use crate::diagnostics::{say, Code, Diagnostic};
use crate::load::raw::{RawSite, RawUnit};
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
                    say!(
                        en: "the content folder has no `site.yaml`",
                        vi: "thư mục nội dung không có tệp `site.yaml`"
                    ),
                )
                .hint(say!(
                    en: "create it with at least `title:` and `base_url:`; see docs/content-format.md",
                    vi: "hãy tạo tệp này, có ít nhất `title:` và `base_url:`; xem docs/content-format.md"
                )),
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
            // `national` listed here names the default scope.
            match ScopeId::parse(k) {
                Ok(id) => {
                    scopes.insert(id, self.text(t, &cx, &path, &languages));
                }
                Err(e) => self.diags.push(id_error(&cx, &path, IdOf::Scope, &e)),
            }
        }
        let units = self.units(raw, &cx, &languages);
        let abbreviations = self.abbreviations(raw, &cx, &languages);
        let method = raw.progress.as_ref().map_or(Method::Linear, |m| {
            Method::parse(&m.0).unwrap_or_else(|| {
                self.diags.push(
                    cx.error(
                        Code::BadMethod,
                        &yaml_path!["progress"],
                        say!(
                            en: "unknown progress method `{m}`",
                            vi: "không nhận ra phương pháp tính tiến độ `{m}`",
                            m = m.0
                        ),
                    )
                    .expected(say!(
                        en: "`linear` (the default) or `growth-rate`",
                        vi: "`linear` (mặc định) hoặc `growth-rate`"
                    )),
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
            units,
            method,
            result_files: raw.result_files.unwrap_or(true),
            frozen_embeds: raw.frozen_embeds.unwrap_or(true),
            abbreviations,
        })
    }

    /// `abbreviations`: each one word, with what it stands for.
    fn abbreviations(
        &mut self,
        raw: &RawSite,
        cx: &Ctx,
        languages: &[Lang],
    ) -> BTreeMap<Abbreviation, LocalizedText> {
        let mut out = BTreeMap::new();
        for (k, t) in raw.abbreviations.iter().flatten() {
            let path = yaml_path!["abbreviations", k.as_str()];
            match Abbreviation::parse(k) {
                Some(a) => {
                    out.insert(a, self.text(t, cx, &path, languages));
                }
                None => self.diags.push(
                    cx.error(
                        Code::BadAbbreviation,
                        &path,
                        say!(
                            en: "`{k}` is not an abbreviation minhbach can find in a text",
                            vi: "`{k}` không phải là một chữ viết tắt mà minhbach tìm được trong văn bản"
                        ),
                    )
                    .expected(say!(
                        en: "one word of letters and digits, with a letter, at most 20 characters, such as `TTHC`",
                        vi: "một từ gồm chữ cái và chữ số, có ít nhất một chữ cái, tối đa 20 ký tự, ví dụ `TTHC`"
                    )),
                ),
            }
        }
        out
    }

    /// `units`: the units the site defines. A unit with a problem is left
    /// out, and reported once: the indicators that use it are not (see
    /// `validate::Units`).
    fn units(
        &mut self,
        raw: &RawSite,
        cx: &Ctx,
        languages: &[Lang],
    ) -> BTreeMap<UnitId, Arc<SiteUnit>> {
        let mut units = BTreeMap::new();
        for (k, u) in raw.units.iter().flatten() {
            let path = yaml_path!["units", k.as_str()];
            match UnitId::parse(k) {
                Ok(id) => {
                    if let Some(unit) = self.unit_of_site(id, u, cx, &path, languages) {
                        units.insert(unit.id().clone(), Arc::new(unit));
                    }
                }
                Err(e) => self.diags.push(id_error(cx, &path, IdOf::Unit, &e)),
            }
        }
        units
    }

    /// One unit of `units`, at `path`.
    fn unit_of_site(
        &mut self,
        id: UnitId,
        raw: &RawUnit,
        cx: &Ctx,
        path: &[crate::load::yaml::Seg],
        languages: &[Lang],
    ) -> Option<SiteUnit> {
        let label_path = with(path, "label");
        let label = self.text(&raw.label, cx, &label_path, languages);
        let decimals_path = with(path, "decimals");
        let decimals = match &raw.decimals {
            None => Some(Decimals::DEFAULT),
            Some(_) => self
                .number(&raw.decimals, cx, &decimals_path)
                .and_then(|n| {
                    let d = Decimals::from_number(n);
                    if d.is_none() {
                        self.diags.push(
                            cx.error(
                                Code::BadUnitDecimals,
                                &decimals_path,
                                say!(
                                    en: "`decimals: {n}` is not a number of decimals",
                                    vi: "`decimals: {n}` không phải là số chữ số thập phân"
                                ),
                            )
                            .expected(say!(
                                en: "a whole number from 0 to {max}",
                                vi: "một số nguyên từ 0 đến {max}",
                                max = Decimals::MAX
                            )),
                        );
                    }
                    d
                }),
        };
        let written = id.to_string();
        // Checked even when `decimals` was refused, so that every problem
        // of the unit is said in one run.
        let checked = SiteUnit::new(
            id,
            label,
            decimals.unwrap_or(Decimals::DEFAULT),
            languages[0].clone(),
        );
        let problems = match checked {
            Ok(unit) => return decimals.map(|_| unit),
            Err(problems) => problems,
        };
        for p in problems {
            self.diags.push(match p {
                SiteUnitError::BuiltIn => cx
                    .error(
                        Code::ReservedUnit,
                        path,
                        say!(
                            en: "`{written}` is a built-in unit and cannot be defined again",
                            vi: "`{written}` là đơn vị có sẵn, không được định nghĩa lại"
                        ),
                    )
                    .hint(say!(
                        en: "indicators use `unit: {written}` without defining it; a unit written another way needs an id of its own",
                        vi: "chỉ tiêu dùng `unit: {written}` mà không cần định nghĩa; đơn vị muốn viết theo cách khác cần có mã riêng"
                    )),
                SiteUnitError::Label { lang, error } => {
                    let at = match &lang {
                        Some(l) => with(&label_path, l.as_str()),
                        None => label_path.clone(),
                    };
                    cx.error(Code::BadUnitLabel, &at, error.said()).expected(say!(
                        en: "a label with one `{PLACE}` where the number goes, such as \"{PLACE} kg per person\"",
                        vi: "một nhãn có đúng một `{PLACE}` ở chỗ đặt số, ví dụ \"{PLACE} kg/người\""
                    ))
                }
            });
        }
        None
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
                    say!(
                        en: "language `{lang}` is listed twice",
                        vi: "ngôn ngữ `{lang}` được liệt kê hai lần"
                    ),
                )),
                Ok(lang) => languages.push(lang),
                Err(_) => self.diags.push(cx.error(
                    Code::BadLanguage,
                    &yaml_path!["languages", i],
                    bad_language(&l.0),
                )),
            }
        }
        if languages.is_empty() {
            if raw.languages.as_ref().is_some_and(|l| l.is_empty()) {
                self.diags.push(
                    cx.error(
                        Code::NoLanguage,
                        &yaml_path!["languages"],
                        say!(
                            en: "`languages` is empty",
                            vi: "`languages` đang để trống"
                        ),
                    )
                    .hint(say!(
                        en: "list at least one language code; the first is the default, e.g. [vi, en]",
                        vi: "liệt kê ít nhất một mã ngôn ngữ; mã đầu tiên là ngôn ngữ mặc định, ví dụ [vi, en]"
                    )),
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
                    cx.error(
                        Code::BadBaseUrl,
                        &yaml_path!["base_url"],
                        say!(
                            en: "`{raw}` is not a usable base_url: {why_en}",
                            vi: "`{raw}` không dùng được làm base_url: {why_vi}",
                            why_en = why.en(),
                            why_vi = why.vi()
                        ),
                    )
                    .expected(say!(
                        en: "an absolute http or https URL such as https://example.org/ or https://user.github.io/project/",
                        vi: "một địa chỉ URL đầy đủ bắt đầu bằng http hoặc https, ví dụ https://example.org/ hoặc https://user.github.io/project/"
                    )),
                );
                None
            }
        }
    }
}
