//! One result of a session: its indicator, figures, dates, scope and
//! source, the warnings on its figures, and the provenance check against
//! the register.

use std::collections::BTreeMap;
use std::path::Path;

use super::fields::id_error;
use super::provenance;
use super::{with, Ctx, Validator};
use crate::diagnostics::Code;
use crate::load::raw::RawResult;
use crate::load::yaml::Seg;
use crate::model::*;
use crate::suggest::closest;

impl Validator {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn result(
        &mut self,
        r: &RawResult,
        cx: &Ctx,
        path: &[Seg],
        session_date: Option<Date>,
        langs: &[Lang],
        indicators: &BTreeMap<IndicatorId, Indicator>,
        scopes: &BTreeMap<ScopeId, LocalizedText>,
        sources: &[Source],
        register: &BTreeMap<SourceId, RegisterSource>,
    ) -> Option<ResultEntry> {
        let errors_before = self.diags.count(crate::diagnostics::Severity::Error);
        let ind_path = with(path, "indicator");
        let indicator = match IndicatorId::parse(&r.indicator.0) {
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
                            format!("unknown indicator `{id}`"),
                        )
                        .expected("the id of a file in indicators/");
                    if let Some(s) =
                        closest(id.as_str(), indicators.keys().map(IndicatorId::as_str))
                    {
                        d = d.hint(format!("did you mean `{s}`?"));
                    } else {
                        d = d.hint(format!("create indicators/{id}.yaml"));
                    }
                    self.diags.push(d);
                    None
                }
            },
            Err(e) => {
                self.diags.push(id_error(cx, &ind_path, "indicator", &e));
                None
            }
        };
        let actual = self.number(&r.actual, cx, &with(path, "actual"));
        let out_of = self.number(&r.out_of, cx, &with(path, "out_of"));
        let target = self.number(&r.target, cx, &with(path, "target"));
        let baseline = self.number(&r.baseline, cx, &with(path, "baseline"));
        let as_of = match &r.as_of {
            Some(d) => self.date(d, cx, &with(path, "as_of")),
            None => session_date,
        };
        let target_date = r
            .target_date
            .as_ref()
            .and_then(|d| self.date(d, cx, &with(path, "target_date")));
        let baseline_date = r
            .baseline_date
            .as_ref()
            .and_then(|d| self.date(d, cx, &with(path, "baseline_date")));
        let qualifier = r.qualifier.as_ref().and_then(|q| {
            let parsed = Qualifier::parse(&q.0);
            if parsed.is_none() {
                self.diags.push(
                    cx.error(
                        Code::BadQualifier,
                        &with(path, "qualifier"),
                        format!("unknown qualifier `{}`", q.0),
                    )
                    .expected("one of about, nearly, more-than, less-than"),
                );
            }
            parsed
        });
        let scope = match &r.scope {
            None => Some(ScopeId::national()),
            Some(s) => match ScopeId::parse(&s.0) {
                Ok(id) if id.is_national() || scopes.contains_key(&id) => Some(id),
                Ok(id) => {
                    let mut d = cx
                        .error(
                            Code::UnknownScope,
                            &with(path, "scope"),
                            format!("unknown scope `{id}`"),
                        )
                        .expected("`national` or a scope listed under `scopes:` in site.yaml");
                    if let Some(s) = closest(id.as_str(), scopes.keys().map(ScopeId::as_str)) {
                        d = d.hint(format!("did you mean `{s}`?"));
                    } else {
                        d = d.hint(format!(
                            "add `{id}: {{vi: \"…\", en: \"…\"}}` under `scopes:` in site.yaml"
                        ));
                    }
                    self.diags.push(d);
                    None
                }
                Err(e) => {
                    self.diags
                        .push(id_error(cx, &with(path, "scope"), "scope", &e));
                    None
                }
            },
        };
        let source = match &r.source {
            None => {
                self.diags.push(
                    cx.warning(Code::NoSource, path, "this result names no `source`")
                        .hint("add `source: <id>` naming one of the session's sources, so readers can check the figure"),
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
                            format!("`{}` is not one of this session's sources", s.0),
                        )
                        .expected("the id of an entry in this session's `sources:`");
                    if register.contains_key(s.0.as_str()) {
                        d = d.hint(format!("add `- {}` to the session's `sources:`", s.0));
                    } else if let Some(c) = closest(&s.0, sources.iter().map(|x| x.id.as_str())) {
                        d = d.hint(format!("did you mean `{c}`?"));
                    }
                    self.diags.push(d);
                }
                found
            }
        };
        let note = r
            .note
            .as_ref()
            .map(|t| self.text(t, cx, &with(path, "note"), langs));

        // A target due before the session is either a typo in the year or
        // a review of a period that has ended (a year-end review held in
        // January). The second says so with `as_of` on or before the due
        // date: the figure was measured for the period the target was set
        // for. So the warning is for a target due before the figure's date,
        // which is the session's date unless `as_of` gives another.
        if let (Some(td), Some(sd), Some(measured)) = (target_date, session_date, as_of) {
            if td < sd && td < measured {
                let d = cx.warning(
                    Code::TargetDateBeforeSession,
                    &with(path, "target_date"),
                    format!("the target was due on {td}, before the session ({sd})"),
                );
                self.diags.push(if r.as_of.is_some() {
                    d.hint(format!("check the year of `target_date`; the figure is as of {measured}, after the target was due"))
                } else {
                    d.hint(format!(
                        "check the year of `target_date`; if this session reviews the period that ended on {td}, add `as_of: {td}` (or the date the figure was measured)"
                    ))
                });
            }
        }
        for (field, value) in [
            ("actual", actual),
            ("target", target),
            ("baseline", baseline),
        ] {
            if let (Some(ind), Some(v)) = (indicator, value) {
                if ind.unit == Unit::Percent && v > 100.0 {
                    self.diags.push(
                        cx.warning(Code::PercentOver100, &with(path, field), format!("{field} {v}% is more than 100% for a share"))
                            .hint("check the figure; some shares can exceed 100 (growth, a multiple), most cannot"),
                    );
                }
            }
        }
        if baseline.is_some() != baseline_date.is_some()
            && r.baseline.is_some() != r.baseline_date.is_some()
        {
            self.diags.push(
                cx.warning(
                    Code::BaselineWithoutDate,
                    path,
                    "`baseline` and `baseline_date` go together",
                )
                .hint("give both, so the on-track status can be computed"),
            );
        }

        // Provenance: a figure that cites the register must be one of the
        // figures the document printed.
        if let Some(reg) = source.as_ref().and_then(|s| register.get(s)) {
            let printed: &[f64] = self
                .printed
                .get(&reg.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for (field, value) in [
                ("actual", actual),
                ("target", target),
                ("baseline", baseline),
                ("out_of", out_of),
            ] {
                if let Some(v) = value {
                    if !provenance::matches(v, printed) {
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
                            format!(
                                "{field} {v} is not among the figures printed by `{}`",
                                reg.id
                            ),
                        );
                        if let Some((n, f)) = nearest.first() {
                            d = d.hint(format!(
                                "the closest printed figure is {n} (\"{}\", {})",
                                f.value, f.label
                            ));
                        }
                        self.diags.push(d);
                    }
                }
            }
        }

        if self.diags.count(crate::diagnostics::Severity::Error) > errors_before {
            return None;
        }
        Some(ResultEntry {
            indicator: indicator?.id.clone(),
            actual,
            qualifier,
            out_of,
            as_of: as_of?,
            target,
            target_date,
            baseline,
            baseline_date,
            scope: scope?,
            source,
            note,
            line: cx.at.locate(path).map(|l| l.line),
        })
    }
}
