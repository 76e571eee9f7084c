//! `sessions/<id>/`: the session's own fields, its sources, its results
//! (checked in parallel, then for duplicates) and its notes files.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::fields::{bad_language, check_link, file_id_error, id_error, list, unusable_link, IdOf};
use super::result::InSession;
use super::{with, Ctx, Defined, Validator};
use crate::diagnostics::{say, Code, Diagnostic, Diagnostics};
use crate::load::raw::{RawSession, RawSource, RawSourceEntry};
use crate::load::yaml::{Location, Seg};
use crate::load::TextFile;
use crate::model::*;
use crate::suggest::{closest, did_you_mean};
use crate::yaml_path;

impl Validator {
    pub(super) fn session(
        &mut self,
        loaded: &crate::load::LoadedSession,
        defined: &Defined,
    ) -> Option<Session> {
        let Some(p) = &loaded.session else {
            if !loaded.notes.is_empty()
                && !self.broken.contains(&loaded.rel_dir.join("session.yaml"))
            {
                self.diags.push(
                    Diagnostic::error(
                        Code::MissingSession,
                        loaded.rel_dir.join("session.yaml"),
                        say!(
                            en: "this session folder has notes but no `session.yaml`",
                            vi: "thư mục phiên họp này có ghi chú nhưng không có tệp `session.yaml`"
                        ),
                    )
                    .hint(say!(
                        en: "add session.yaml with at least `title:` and `date:`",
                        vi: "thêm tệp session.yaml, có ít nhất `title:` và `date:`"
                    )),
                );
            }
            return None;
        };
        let cx = Ctx::new(p);
        let (langs, register) = (defined.langs, defined.register);
        let id = match SessionId::parse(&loaded.folder) {
            Ok(id) => Some(id),
            Err(e) => {
                self.diags
                    .push(file_id_error(&loaded.rel_dir, IdOf::Session, &e));
                None
            }
        };
        let raw: &RawSession = &p.value;
        let date = self.date(&raw.date, &cx, &yaml_path!["date"]);
        let title = self.text(&raw.title, &cx, &yaml_path!["title"], langs);
        let chair = raw
            .chair
            .as_ref()
            .map(|t| self.text(t, &cx, &yaml_path!["chair"], langs));
        let summary = raw
            .summary
            .as_ref()
            .map(|t| self.text(t, &cx, &yaml_path!["summary"], langs));
        let sources = self.sources(raw, &cx, langs, register);
        let in_session = InSession {
            cx: &cx,
            date,
            langs,
            indicators: defined.indicators,
            scopes: defined.scopes,
            sources: &sources,
            register,
        };
        let results = self.results(raw, &in_session);
        let notes = self.notes(loaded, langs);

        Some(Session {
            id: id?,
            title,
            date: date?,
            chair,
            summary,
            sources,
            results,
            notes,
            file: p.file.rel.clone(),
        })
    }

    /// The session's `sources:`: register ids and inline sources.
    fn sources(
        &mut self,
        raw: &RawSession,
        cx: &Ctx,
        langs: &[Lang],
        register: &BTreeMap<SourceId, RegisterSource>,
    ) -> Vec<Source> {
        let mut sources: Vec<Source> = Vec::new();
        for (i, entry) in raw.sources.iter().enumerate() {
            let path = yaml_path!["sources", i];
            let source = match entry {
                RawSourceEntry::Register(rid) => self.register_source(rid, cx, &path, register),
                RawSourceEntry::Inline(s) => self.inline_source(s, cx, &path, langs),
            };
            if let Some(source) = source {
                if sources.iter().any(|s| s.id == source.id) {
                    self.diags.push(cx.error(
                        Code::DuplicateSource,
                        &path,
                        say!(
                            en: "source `{id}` is listed twice in this session",
                            vi: "nguồn `{id}` được liệt kê hai lần trong phiên họp này",
                            id = source.id
                        ),
                    ));
                } else {
                    sources.push(source);
                }
            }
        }
        sources
    }

    /// A `sources:` entry naming a register id.
    fn register_source(
        &mut self,
        rid: &str,
        cx: &Ctx,
        path: &[Seg],
        register: &BTreeMap<SourceId, RegisterSource>,
    ) -> Option<Source> {
        match SourceId::parse(rid) {
            Ok(sid) => match register.get(&sid) {
                Some(r) => Some(r.as_source()),
                None => {
                    let mut d = cx
                        .error(
                            Code::UnknownSource,
                            path,
                            say!(
                                en: "no source `{rid}` in the register (seeds/)",
                                vi: "không có nguồn `{rid}` trong sổ nguồn (seeds/)"
                            ),
                        )
                        .expected(say!(
                            en: "the id of a file seeds/<id>.yaml, or an inline source with id and title",
                            vi: "mã của một tệp seeds/<mã>.yaml, hoặc một nguồn viết trực tiếp có id và title"
                        ));
                    if let Some(s) = closest(rid, register.keys().map(SourceId::as_str)) {
                        d = d.hint(did_you_mean(s));
                    }
                    self.diags.push(d);
                    None
                }
            },
            Err(e) => {
                self.diags.push(id_error(cx, path, IdOf::Source, &e));
                None
            }
        }
    }

    /// A `sources:` entry written out in the session.
    fn inline_source(
        &mut self,
        s: &RawSource,
        cx: &Ctx,
        path: &[Seg],
        langs: &[Lang],
    ) -> Option<Source> {
        let sid = match SourceId::parse(&s.id.0) {
            Ok(sid) => Some(sid),
            Err(e) => {
                self.diags
                    .push(id_error(cx, &with(path, "id"), IdOf::Source, &e));
                None
            }
        };
        let sdate = s
            .date
            .as_ref()
            .and_then(|d| self.date(d, cx, &with(path, "date")));
        if let Some(url) = &s.url {
            if let Err(why) = check_link(url) {
                self.diags.push(cx.error(
                    Code::BadUrl,
                    &with(path, "url"),
                    unusable_link(url, &why),
                ));
            }
        }
        let title = self.text(&s.title, cx, &with(path, "title"), langs);
        let publisher = s
            .publisher
            .as_ref()
            .map(|t| self.text(t, cx, &with(path, "publisher"), langs))
            .unwrap_or_default();
        sid.map(|id| Source {
            id,
            title,
            publisher,
            date: sdate,
            url: s.url.clone().filter(|u| check_link(u).is_ok()),
            register: false,
        })
    }

    /// The session's results, checked each against the session and then
    /// for duplicates.
    fn results(&mut self, raw: &RawSession, session: &InSession) -> Vec<ResultEntry> {
        // Results are independent of each other but for duplicates: checked
        // in parallel (a national session has hundreds, and an edit
        // validates its session again), their diagnostics kept in order.
        let checked: Vec<(Option<ResultEntry>, Diagnostics)> = raw
            .results
            .par_iter()
            .enumerate()
            .map(|(i, r)| {
                let mut rv = Validator {
                    diags: Diagnostics::default(),
                    broken: self.broken.clone(),
                    printed: self.printed.clone(),
                };
                let path = yaml_path!["results", i];
                let entry = rv.result(r, session, &path);
                (entry, rv.diags)
            })
            .collect();
        let mut results = Vec::new();
        let mut seen: HashMap<(IndicatorId, ScopeId), usize> = HashMap::new();
        for (i, (entry, diags)) in checked.into_iter().enumerate() {
            self.diags.extend(diags);
            let path = yaml_path!["results", i];
            if let Some(entry) = entry {
                let key = (entry.indicator.clone(), entry.scope.clone());
                if let Some(first) = seen.get(&key) {
                    self.diags.push(
                        session.cx.error(
                            Code::DuplicateResult,
                            &with(&path, "indicator"),
                            say!(
                                en: "indicator `{ind}` (scope `{scope}`) already has a result in this session, at results[{first}]",
                                vi: "chỉ tiêu `{ind}` (phạm vi `{scope}`) đã có kết quả trong phiên họp này, tại results[{first}]",
                                ind = key.0,
                                scope = key.1
                            ),
                        )
                        .hint(say!(
                            en: "give each result its own `scope`, or remove the duplicate",
                            vi: "ghi `scope` riêng cho từng kết quả, hoặc xóa kết quả trùng"
                        )),
                    );
                    continue;
                }
                seen.insert(key, i);
                results.push(entry);
            }
        }
        results
    }

    /// The session's notes files, one per language.
    fn notes(
        &mut self,
        loaded: &crate::load::LoadedSession,
        langs: &[Lang],
    ) -> BTreeMap<Lang, String> {
        let mut notes = BTreeMap::new();
        for (lang, file) in &loaded.notes {
            let lang = match lang {
                None => langs[0].clone(),
                Some(code) => match Lang::parse(code) {
                    Ok(l) if langs.contains(&l) => l,
                    Ok(l) => {
                        self.diags.push(
                            Diagnostic::warning(
                                Code::UnknownLanguage,
                                &file.rel,
                                say!(
                                    en: "`{l}` is not one of the site's languages, so these notes are never shown",
                                    vi: "`{l}` không thuộc các ngôn ngữ của trang, nên ghi chú này không bao giờ được hiển thị"
                                ),
                            )
                            .hint(say!(
                                en: "the site's languages are {all}",
                                vi: "các ngôn ngữ của trang là {all}",
                                all = list(langs)
                            )),
                        );
                        continue;
                    }
                    Err(_) => {
                        self.diags.push(Diagnostic::error(
                            Code::BadLanguage,
                            &file.rel,
                            bad_language(code),
                        ));
                        continue;
                    }
                },
            };
            if let Err(over) = crate::render::markdown::check_limits(&file.text) {
                self.diags.push(over_limit(file, over));
                continue;
            }
            if notes.insert(lang.clone(), file.text.clone()).is_some() {
                self.diags.push(Diagnostic::error(
                    Code::DuplicateNotes,
                    &file.rel,
                    say!(
                        en: "two notes files for language `{lang}` (`notes.md` is the default language, {first})",
                        vi: "có hai tệp ghi chú cho ngôn ngữ `{lang}` (`notes.md` là ngôn ngữ mặc định, {first})",
                        first = langs[0]
                    ),
                ));
            }
        }
        if !notes.is_empty() {
            for l in langs {
                if !notes.contains_key(l) {
                    self.diags.push(
                        Diagnostic::warning(
                            Code::MissingTranslation,
                            loaded.rel_dir.join(if l == &langs[0] {
                                "notes.md".to_owned()
                            } else {
                                format!("notes.{l}.md")
                            }),
                            say!(
                                en: "this session has notes, but none in `{l}`",
                                vi: "phiên họp này có ghi chú, nhưng chưa có ghi chú bằng `{l}`"
                            ),
                        )
                        .hint(say!(
                            en: "add the file; readers of that language see the notes of another language until then",
                            vi: "hãy thêm tệp này; trong thời gian chưa có, người đọc ngôn ngữ đó sẽ thấy ghi chú bằng ngôn ngữ khác"
                        )),
                    );
                }
            }
        }
        notes
    }
}

/// The error for a notes file the renderer refuses (too deep, too many
/// footnotes), placed at the line and column of the byte it stopped at.
fn over_limit(file: &TextFile, over: crate::render::markdown::OverLimit) -> Diagnostic {
    let mut offset = over.offset.min(file.text.len());
    while !file.text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &file.text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let location = Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    };
    Diagnostic::error(over.code, &file.rel, over.message)
        .at(Some(location))
        .hint(if over.code == Code::HtmlTooDeep {
            say!(
                en: "close the HTML tags that are left open, or nest less",
                vi: "đóng các thẻ HTML còn mở, hoặc giảm bớt số tầng lồng nhau"
            )
        } else {
            say!(
                en: "split the notes, or write the sources as a list",
                vi: "tách ghi chú thành nhiều phần, hoặc viết các nguồn thành một danh sách"
            )
        })
}
