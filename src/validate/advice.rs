//! Warnings about content that is valid but probably not what its author
//! means, so that no such mistake is published in silence: an indicator no
//! result uses, a name that is still the indicator's id, a unit its
//! figures disagree with, and figures whose source is not in the register
//! (they are published as not checked against a printed document).
//!
//! They are said only when the content has no error: a file that failed
//! would make them up (every indicator of a broken session looks unused).

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use super::Validator;
use crate::diagnostics::{say, Code, Diagnostic};
use crate::load::yaml::{Located, Location};
use crate::load::Loaded;
use crate::model::*;
use crate::yaml_path;

/// Every warning of this module, for `indicators` and `sessions` as
/// validated from `loaded`.
pub(super) fn advise(
    v: &mut Validator,
    loaded: &Loaded,
    indicators: &BTreeMap<IndicatorId, Indicator>,
    sessions: &[Arc<Session>],
) {
    unused_indicators(v, indicators, sessions);
    names_still_ids(v, loaded, indicators);
    units_the_figures_disagree_with(v, loaded, indicators, sessions);
    unchecked_sources(v, loaded, sessions);
}

/// Where `path` is in the indicator file of `id`.
fn in_indicator(loaded: &Loaded, id: &IndicatorId, path: &str) -> Option<Location> {
    let parsed = loaded.indicators.iter().find(|p| p.stem == id.as_str())?;
    Located::new(&parsed.file.text, &parsed.spans).locate(&yaml_path![path])
}

/// Indicators that no result uses are probably a typo somewhere.
fn unused_indicators(
    v: &mut Validator,
    indicators: &BTreeMap<IndicatorId, Indicator>,
    sessions: &[Arc<Session>],
) {
    let used: HashSet<&IndicatorId> = sessions
        .iter()
        .flat_map(|s| s.results.iter().map(|r| &r.indicator))
        .collect();
    for ind in indicators.values() {
        if !used.contains(&ind.id) {
            v.diags.push(
                Diagnostic::warning(
                    Code::UnusedIndicator,
                    &ind.file,
                    say!(
                        en: "indicator `{id}` is not used by any session",
                        vi: "chỉ tiêu `{id}` không được phiên họp nào sử dụng",
                        id = ind.id
                    ),
                )
                .hint(say!(
                    en: "add a result for it, or remove the file",
                    vi: "thêm một kết quả cho chỉ tiêu này, hoặc xóa tệp"
                )),
            );
        }
    }
}

/// An indicator whose name is still its id, as `minhbach new indicator`
/// writes it: every page would show the id as its name.
fn names_still_ids(
    v: &mut Validator,
    loaded: &Loaded,
    indicators: &BTreeMap<IndicatorId, Indicator>,
) {
    for ind in indicators.values() {
        let id = ind.id.as_str();
        if !ind.name.strings().any(|n| n.trim() == id) {
            continue;
        }
        v.diags.push(
            Diagnostic::warning(
                Code::NameIsId,
                &ind.file,
                say!(
                    en: "the name of `{id}` is still its id: the pages would call the indicator “{id}”",
                    vi: "tên của `{id}` vẫn là mã của nó: các trang sẽ gọi chỉ tiêu này là “{id}”"
                ),
            )
            .at(in_indicator(loaded, &ind.id, "name"))
            .expected(say!(
                en: "the name readers see, in each of the site's languages",
                vi: "tên mà người đọc thấy, bằng từng ngôn ngữ của trang"
            ))
            .hint(say!(
                en: "write it as the report does: `name: {{vi: \"…\", en: \"…\"}}`",
                vi: "ghi tên như bản tin đã viết: `name: {{vi: \"…\", en: \"…\"}}`"
            )),
        );
    }
}

/// A unit the figures disagree with: a percentage whose every figure is a
/// whole number above 100 (a count, most likely), or a count with a
/// fraction.
fn units_the_figures_disagree_with(
    v: &mut Validator,
    loaded: &Loaded,
    indicators: &BTreeMap<IndicatorId, Indicator>,
    sessions: &[Arc<Session>],
) {
    let mut figures: BTreeMap<&IndicatorId, Vec<f64>> = BTreeMap::new();
    for r in sessions.iter().flat_map(|s| &s.results) {
        let of = figures.entry(&r.indicator).or_default();
        of.extend([r.actual, r.target, r.baseline].into_iter().flatten());
    }
    for (id, values) in figures {
        let Some(ind) = indicators.get(id) else {
            continue;
        };
        let whole = |x: &f64| x.fract() == 0.0;
        let unit = ind.unit.as_str();
        let mismatch = match ind.unit {
            Unit::BuiltIn(BuiltInUnit::Percent) => {
                !values.is_empty() && values.iter().all(|x| whole(x) && *x > 100.0)
            }
            Unit::BuiltIn(BuiltInUnit::Count) => !values.iter().all(whole),
            _ => false,
        };
        if !mismatch {
            continue;
        }
        let (said, hint) = if unit == "percent" {
            (
                say!(
                    en: "every figure of `{id}` is a whole number above 100, which a percentage rarely is",
                    vi: "mọi số liệu của `{id}` đều là số nguyên lớn hơn 100, điều hiếm gặp ở một tỉ lệ phần trăm"
                ),
                say!(
                    en: "if the figures count things, write `unit: count`; pages now show them with “%”",
                    vi: "nếu số liệu là số lượng, hãy ghi `unit: count`; hiện các trang đang ghi kèm “%”"
                ),
            )
        } else {
            (
                say!(
                    en: "`{id}` counts things (`unit: count`), but one of its figures has a fraction",
                    vi: "`{id}` là số lượng (`unit: count`), nhưng có số liệu mang phần thập phân"
                ),
                say!(
                    en: "choose the unit the report uses (`percent`, `times`, or one of site.yaml's `units`), or correct the figure",
                    vi: "hãy chọn đơn vị bản tin dùng (`percent`, `times`, hoặc một đơn vị trong `units` của site.yaml), hoặc sửa số liệu"
                ),
            )
        };
        v.diags.push(
            Diagnostic::warning(Code::UnitMismatch, &ind.file, said)
                .at(in_indicator(loaded, id, "unit"))
                .hint(hint),
        );
    }
}

/// Each source of a session that is not a register entry but that results
/// cite: their figures skip the provenance check, and the pages say so.
fn unchecked_sources(v: &mut Validator, loaded: &Loaded, sessions: &[Arc<Session>]) {
    for s in sessions {
        let parsed = loaded
            .sessions
            .iter()
            .find(|l| l.folder == s.id.as_str())
            .and_then(|l| l.session.as_deref());
        for (i, src) in s.sources.iter().enumerate().filter(|(_, x)| !x.register) {
            let count = s
                .results
                .iter()
                .filter(|r| r.source.as_ref() == Some(&src.id))
                .count();
            if count == 0 {
                continue;
            }
            let id = &src.id;
            let at = parsed.and_then(|p| {
                Located::new(&p.file.text, &p.spans).locate(&yaml_path!["sources", i])
            });
            v.diags.push(
                Diagnostic::warning(
                    Code::UncheckedSource,
                    &s.file,
                    say!(
                        en: "`{id}` is not in the source register: the figures citing it ({count}) are not checked against what it printed, and the pages mark them “not checked against the printed source”",
                        vi: "`{id}` không có trong sổ nguồn: các số liệu dẫn nguồn này ({count}) chưa được đối chiếu với bản in, và các trang ghi rõ “chưa đối chiếu với bản in”"
                    ),
                )
                .at(at)
                .hint(say!(
                    en: "add seeds/{id}.yaml with the document's title, publisher, date, language and every figure it printed, and list `{id}` here instead",
                    vi: "thêm tệp seeds/{id}.yaml ghi tiêu đề, cơ quan đăng, ngày, ngôn ngữ và mọi con số tài liệu đã in, rồi chỉ ghi `{id}` ở đây"
                )),
            );
        }
    }
}
