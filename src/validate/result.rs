//! One result of a session: its indicator, figures, dates, scope and
//! source, the warnings on its figures, and the provenance check against
//! the register.

use std::collections::BTreeMap;
use std::path::Path;

use super::fields::{id_error, IdOf};
use super::provenance;
use super::{with, Ctx, Validator};
use crate::diagnostics::{say, Code};
use crate::load::raw::{RawCorrection, RawResult};
use crate::load::yaml::Seg;
use crate::model::*;
use crate::suggest::{closest, did_you_mean};

/// What each result of a session is checked against: the session's file
/// (for positions), date and sources, and what the site defines.
pub(super) struct InSession<'a> {
    pub(super) cx: &'a Ctx<'a>,
    /// The session's date: a result's `as_of` unless it gives its own.
    pub(super) date: Option<Date>,
    pub(super) langs: &'a [Lang],
    pub(super) indicators: &'a BTreeMap<IndicatorId, Indicator>,
    pub(super) scopes: &'a BTreeMap<ScopeId, LocalizedText>,
    pub(super) sources: &'a [Source],
    pub(super) register: &'a BTreeMap<SourceId, RegisterSource>,
}

/// A result's figures and dates as read, for the checks between them.
struct Figures<'a> {
    indicator: Option<&'a Indicator>,
    actual: Option<f64>,
    out_of: Option<f64>,
    target: Option<f64>,
    baseline: Option<f64>,
    as_of: Option<Date>,
    target_date: Option<Date>,
    baseline_date: Option<Date>,
}

impl Validator {
    pub(super) fn result(
        &mut self,
        r: &RawResult,
        session: &InSession,
        path: &[Seg],
    ) -> Option<ResultEntry> {
        let cx = session.cx;
        let errors_before = self.diags.count(crate::diagnostics::Severity::Error);
        let figures = Figures {
            indicator: self.result_indicator(r, session, path),
            actual: self.number(&r.actual, cx, &with(path, "actual")),
            out_of: self.number(&r.out_of, cx, &with(path, "out_of")),
            target: self.number(&r.target, cx, &with(path, "target")),
            baseline: self.number(&r.baseline, cx, &with(path, "baseline")),
            as_of: match &r.as_of {
                Some(d) => self.date(d, cx, &with(path, "as_of")),
                None => session.date,
            },
            target_date: r
                .target_date
                .as_ref()
                .and_then(|d| self.date(d, cx, &with(path, "target_date"))),
            baseline_date: r
                .baseline_date
                .as_ref()
                .and_then(|d| self.date(d, cx, &with(path, "baseline_date"))),
        };
        let qualifier = r.qualifier.as_ref().and_then(|q| {
            let parsed = Qualifier::parse(&q.0);
            if parsed.is_none() {
                self.diags.push(
                    cx.error(
                        Code::BadQualifier,
                        &with(path, "qualifier"),
                        say!(
                            en: "unknown qualifier `{q}`",
                            vi: "không nhận ra từ chỉ mức độ `{q}`",
                            q = q.0
                        ),
                    )
                    .expected(say!(
                        en: "one of about, nearly, more-than, less-than",
                        vi: "một trong các từ about (khoảng), nearly (gần), more-than (hơn), less-than (dưới)"
                    ))
                    .hint_opt(qualifier_meant(&q.0).map(did_you_mean)),
                );
            }
            parsed
        });
        let scope = self.result_scope(r, session, path);
        let source = self.result_source(r, session, path);
        let note = r
            .note
            .as_ref()
            .map(|t| self.text(t, cx, &with(path, "note"), session.langs));
        let corrects = r
            .corrects
            .as_ref()
            .and_then(|c| self.correction(c, session, &with(path, "corrects"), figures.actual));
        self.figure_warnings(r, session, path, &figures);
        if let Some(reg) = source.as_ref().and_then(|s| session.register.get(s)) {
            self.provenance(reg, cx, path, &figures);
        }

        if self.diags.count(crate::diagnostics::Severity::Error) > errors_before {
            return None;
        }
        Some(ResultEntry {
            indicator: figures.indicator?.id.clone(),
            actual: figures.actual,
            qualifier,
            out_of: figures.out_of,
            as_of: figures.as_of?,
            target: figures.target,
            target_date: figures.target_date,
            baseline: figures.baseline,
            baseline_date: figures.baseline_date,
            scope: scope?,
            source,
            note,
            pace_from_earlier: r.pace_from_earlier.unwrap_or(true),
            corrects,
            line: cx.at.locate(path).map(|l| l.line),
        })
    }

    /// The indicator a result names; `None` (reported) if there is none, and
    /// `None` unreported if its file is broken (reported already).
    fn result_indicator<'a>(
        &mut self,
        r: &RawResult,
        session: &InSession<'a>,
        path: &[Seg],
    ) -> Option<&'a Indicator> {
        let cx = session.cx;
        let indicators = session.indicators;
        let ind_path = with(path, "indicator");
        match IndicatorId::parse(&r.indicator.0) {
            Ok(id) => match indicators.get(&id) {
                Some(ind) => Some(ind),
                None if self
                    .broken
                    .contains(&Path::new("indicators").join(format!("{id}.yaml"))) =>
                {
                    None
                }
                None => {
                    let mut d = cx
                        .error(
                            Code::UnknownIndicator,
                            &ind_path,
                            say!(
                                en: "unknown indicator `{id}`",
                                vi: "không tìm thấy chỉ tiêu `{id}`"
                            ),
                        )
                        .expected(say!(
                            en: "the id of a file in indicators/",
                            vi: "mã của một tệp trong thư mục indicators/"
                        ));
                    d = d.hint(match closest(id.as_str(), indicators.keys().map(IndicatorId::as_str)) {
                        Some(s) => say!(
                            en: "did you mean `{s}`? If it is a new indicator, run `minhbach new indicator {id}`",
                            vi: "có phải ý bạn là `{s}`? Nếu đây là chỉ tiêu mới, hãy chạy `minhbach new indicator {id}`"
                        ),
                        None => say!(
                            en: "run `minhbach new indicator {id}` to create indicators/{id}.yaml",
                            vi: "hãy chạy `minhbach new indicator {id}` để tạo tệp indicators/{id}.yaml"
                        ),
                    });
                    self.diags.push(d);
                    None
                }
            },
            Err(e) => {
                self.diags
                    .push(id_error(cx, &ind_path, IdOf::Indicator, &e));
                None
            }
        }
    }

    /// A result's `scope`: `national` unless it names one of the site's.
    fn result_scope(
        &mut self,
        r: &RawResult,
        session: &InSession,
        path: &[Seg],
    ) -> Option<ScopeId> {
        let cx = session.cx;
        let scopes = session.scopes;
        match &r.scope {
            None => Some(ScopeId::national()),
            Some(s) => match ScopeId::parse(&s.0) {
                Ok(id) if id.is_national() || scopes.contains_key(&id) => Some(id),
                Ok(id) => {
                    let mut d = cx
                        .error(
                            Code::UnknownScope,
                            &with(path, "scope"),
                            say!(
                                en: "unknown scope `{id}`",
                                vi: "không tìm thấy phạm vi `{id}`"
                            ),
                        )
                        .expected(say!(
                            en: "`national` or a scope listed under `scopes:` in site.yaml",
                            vi: "`national` hoặc một phạm vi được liệt kê trong `scopes:` của site.yaml"
                        ));
                    if let Some(s) = closest(id.as_str(), scopes.keys().map(ScopeId::as_str)) {
                        d = d.hint(did_you_mean(s));
                    } else {
                        d = d.hint(say!(
                            en: "add `{id}: {{vi: \"…\", en: \"…\"}}` under `scopes:` in site.yaml",
                            vi: "thêm `{id}: {{vi: \"…\", en: \"…\"}}` vào mục `scopes:` của site.yaml"
                        ));
                    }
                    self.diags.push(d);
                    None
                }
                Err(e) => {
                    self.diags
                        .push(id_error(cx, &with(path, "scope"), IdOf::Scope, &e));
                    None
                }
            },
        }
    }

    /// A result's `source`: one of the session's sources.
    fn result_source(
        &mut self,
        r: &RawResult,
        session: &InSession,
        path: &[Seg],
    ) -> Option<SourceId> {
        let cx = session.cx;
        let sources = session.sources;
        match &r.source {
            None => {
                self.diags.push(
                    cx.warning(
                        Code::NoSource,
                        path,
                        say!(
                            en: "this result names no `source`",
                            vi: "kết quả này không ghi `source` (nguồn)"
                        ),
                    )
                    .hint(say!(
                        en: "add `source: <id>` naming one of the session's sources, so readers can check the figure",
                        vi: "thêm `source: <mã>` với mã của một trong các nguồn của phiên họp, để người đọc có thể đối chiếu số liệu"
                    )),
                );
                None
            }
            Some(s) => {
                let found = SourceId::parse(&s.0)
                    .ok()
                    .filter(|id| sources.iter().any(|x| &x.id == id));
                if found.is_none() {
                    let mut d = cx
                        .error(
                            Code::UnknownSource,
                            &with(path, "source"),
                            say!(
                                en: "`{s}` is not one of this session's sources",
                                vi: "`{s}` không thuộc các nguồn của phiên họp này",
                                s = s.0
                            ),
                        )
                        .expected(say!(
                            en: "the id of an entry in this session's `sources:`",
                            vi: "mã của một mục trong `sources:` của phiên họp này"
                        ));
                    if session.register.contains_key(s.0.as_str()) {
                        d = d.hint(say!(
                            en: "add `- {s}` to the session's `sources:`",
                            vi: "thêm `- {s}` vào `sources:` của phiên họp",
                            s = s.0
                        ));
                    } else if let Some(c) = closest(&s.0, sources.iter().map(|x| x.id.as_str())) {
                        d = d.hint(did_you_mean(c));
                    }
                    self.diags.push(d);
                }
                found
            }
        }
    }

    /// A result's `corrects`: the old figure, when it was published (on or
    /// before the session that corrects it), why, and where. `actual` is
    /// the result's own figure, which the old one must differ from.
    fn correction(
        &mut self,
        c: &RawCorrection,
        session: &InSession,
        path: &[Seg],
        actual: Option<f64>,
    ) -> Option<Correction> {
        let cx = session.cx;
        let value = self.number(&Some(c.value.clone()), cx, &with(path, "value"));
        let published = self.date(&c.published, cx, &with(path, "published"));
        let reason = self.text(&c.reason, cx, &with(path, "reason"), session.langs);
        let mut ok = true;
        if let (Some(p), Some(sd)) = (published, session.date) {
            if p > sd {
                ok = false;
                self.diags.push(
                    cx.error(
                        Code::CorrectionAfterSession,
                        &with(path, "published"),
                        say!(
                            en: "the corrected figure was published on {p}, after this session ({sd})",
                            vi: "số liệu được đính chính công bố ngày {p}, sau phiên họp này ({sd})"
                        ),
                    )
                    .expected(say!(
                        en: "the date the old figure was first published, on or before {sd}",
                        vi: "ngày số liệu cũ được công bố lần đầu, không muộn hơn ngày {sd}"
                    ))
                    .hint(say!(
                        en: "check the year of `published`; a correction belongs to the session that reports the new figure, after the old one",
                        vi: "kiểm tra năm của `published`; việc đính chính thuộc về phiên họp báo cáo số liệu mới, sau số liệu cũ"
                    )),
                );
            }
        }
        if let (Some(old), Some(new)) = (value, actual) {
            if old == new {
                ok = false;
                self.diags.push(
                    cx.error(
                        Code::CorrectionUnchanged,
                        &with(path, "value"),
                        say!(
                            en: "the corrected figure {old} is the same as this result's `actual`",
                            vi: "số liệu được đính chính {old} trùng với `actual` của kết quả này"
                        ),
                    )
                    .expected(say!(
                        en: "the figure as first published, which this result changes",
                        vi: "số liệu như được công bố lần đầu, khác với số liệu của kết quả này"
                    ))
                    .hint(say!(
                        en: "write the old figure in `corrects.value` and the new one in `actual`, or remove `corrects` if nothing changed",
                        vi: "ghi số liệu cũ vào `corrects.value` và số liệu mới vào `actual`, hoặc bỏ `corrects` nếu không có gì thay đổi"
                    )),
                );
            }
        }
        let source = match &c.source {
            None => None,
            Some(s) => {
                let found = SourceId::parse(&s.0).ok().filter(|id| {
                    session.sources.iter().any(|x| &x.id == id) || session.register.contains_key(id)
                });
                if found.is_none() {
                    ok = false;
                    let mut d = cx
                        .error(
                            Code::UnknownSource,
                            &with(path, "source"),
                            say!(
                                en: "`{s}` is neither one of this session's sources nor a document of the register",
                                vi: "`{s}` không thuộc các nguồn của phiên họp này, cũng không phải tài liệu trong danh mục nguồn",
                                s = s.0
                            ),
                        )
                        .expected(say!(
                            en: "the id of an entry in this session's `sources:` or of a file in seeds/",
                            vi: "mã của một mục trong `sources:` của phiên họp này hoặc của một tệp trong seeds/"
                        ));
                    let known = session
                        .sources
                        .iter()
                        .map(|x| x.id.as_str())
                        .chain(session.register.keys().map(SourceId::as_str));
                    if let Some(c) = closest(&s.0, known) {
                        d = d.hint(did_you_mean(c));
                    }
                    self.diags.push(d);
                }
                found
            }
        };
        if !ok {
            return None;
        }
        Some(Correction {
            value: value?,
            published: published?,
            reason,
            source,
        })
    }

    /// Warnings on figures that are valid but probably mistyped.
    fn figure_warnings(&mut self, r: &RawResult, session: &InSession, path: &[Seg], f: &Figures) {
        let cx = session.cx;
        // A target due before the session is either a typo in the year or
        // a review of a period that has ended (a year-end review held in
        // January). The second says so with `as_of` on or before the due
        // date: the figure was measured for the period the target was set
        // for. So the warning is for a target due before the figure's date,
        // which is the session's date unless `as_of` gives another.
        if let (Some(td), Some(sd), Some(measured)) = (f.target_date, session.date, f.as_of) {
            if td < sd && td < measured {
                let d = cx.warning(
                    Code::TargetDateBeforeSession,
                    &with(path, "target_date"),
                    say!(
                        en: "the target was due on {td}, before the session ({sd})",
                        vi: "hạn của mục tiêu là ngày {td}, trước phiên họp ({sd})"
                    ),
                );
                self.diags.push(if r.as_of.is_some() {
                    d.hint(say!(
                        en: "check the year of `target_date`; the figure is as of {measured}, after the target was due",
                        vi: "kiểm tra năm của `target_date`; số liệu tính đến ngày {measured}, sau hạn của mục tiêu"
                    ))
                } else {
                    d.hint(say!(
                        en: "check the year of `target_date`; if this session reviews the period that ended on {td}, add `as_of: {td}` (or the date the figure was measured)",
                        vi: "kiểm tra năm của `target_date`; nếu phiên họp này đánh giá giai đoạn kết thúc ngày {td}, hãy thêm `as_of: {td}` (hoặc ngày đo số liệu)"
                    ))
                });
            }
        }
        for (field, value) in [
            ("actual", f.actual),
            ("target", f.target),
            ("baseline", f.baseline),
        ] {
            if let (Some(ind), Some(v)) = (f.indicator, value) {
                if ind.unit.is_percent() && v > 100.0 {
                    self.diags.push(
                        cx.warning(
                            Code::PercentOver100,
                            &with(path, field),
                            say!(
                                en: "{field} {v}% is more than 100% for a share",
                                vi: "{field} {v}% vượt quá 100% đối với một tỉ lệ"
                            ),
                        )
                        .hint(say!(
                            en: "check the figure; some shares can exceed 100 (growth, a multiple), most cannot",
                            vi: "kiểm tra số liệu; một số tỉ lệ có thể vượt 100 (mức tăng trưởng, số lần), còn phần lớn thì không"
                        )),
                    );
                }
            }
        }
        if f.baseline.is_some() != f.baseline_date.is_some()
            && r.baseline.is_some() != r.baseline_date.is_some()
        {
            self.diags.push(
                cx.warning(
                    Code::BaselineWithoutDate,
                    path,
                    say!(
                        en: "`baseline` and `baseline_date` go together",
                        vi: "`baseline` và `baseline_date` phải đi cùng nhau"
                    ),
                )
                .hint(say!(
                    en: "give both, so the on-track status can be computed",
                    vi: "hãy ghi cả hai, để tính được trạng thái đúng tiến độ"
                )),
            );
        }
    }

    /// Provenance: a figure that cites the register must be one of the
    /// figures the document printed.
    fn provenance(&mut self, reg: &RegisterSource, cx: &Ctx, path: &[Seg], f: &Figures) {
        let printed: &[f64] = self
            .printed
            .get(&reg.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (field, value) in [
            ("actual", f.actual),
            ("target", f.target),
            ("baseline", f.baseline),
            ("out_of", f.out_of),
        ] {
            let Some(v) = value else { continue };
            if provenance::matches(v, printed) {
                continue;
            }
            let mut nearest: Vec<(f64, &PrintedFigure)> = reg
                .figures
                .iter()
                .flat_map(|f| {
                    provenance::parse_printed(&f.value)
                        .into_iter()
                        .map(move |n| (n, f))
                })
                .collect();
            nearest.sort_by(|a, b| (a.0 - v).abs().total_cmp(&(b.0 - v).abs()));
            let mut d = cx.error(
                Code::Provenance,
                &with(path, field),
                say!(
                    en: "{field} {v} is not among the figures printed by `{id}`",
                    vi: "{field} {v} không có trong các số liệu do `{id}` công bố",
                    id = reg.id
                ),
            );
            if let Some((n, f)) = nearest.first() {
                d = d.hint(say!(
                    en: "the closest printed figure is {n} (\"{value}\", {label})",
                    vi: "số liệu được công bố gần nhất là {n} (\"{value}\", {label})",
                    value = f.value,
                    label = f.label
                ));
            }
            self.diags.push(d);
        }
    }
}

/// The qualifier a mistyped one probably means: the Vietnamese word for it
/// with or without its marks (`khoang`, `gần`, as reports print them), or
/// the closest of the format's names.
fn qualifier_meant(written: &str) -> Option<&'static str> {
    let plain = deunicode::deunicode(written).to_lowercase();
    let by_word = match plain.trim() {
        "khoang" | "xap xi" | "uoc" | "uoc tinh" => Some("about"),
        "gan" | "gan nhu" => Some("nearly"),
        "tren" | "hon" | "vuot" => Some("more-than"),
        "duoi" | "chua den" => Some("less-than"),
        _ => None,
    };
    by_word.or_else(|| crate::suggest::closest(&plain, Qualifier::ALL.iter().map(|(n, _)| *n)))
}
