//! `indicators/<id>.yaml`: name, unit and direction of each indicator.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::fields::{file_id_error, IdOf};
use super::{Ctx, Units, Validator};
use crate::diagnostics::{say, Code};
use crate::load::raw::RawIndicator;
use crate::load::Parsed;
use crate::model::*;
use crate::suggest::{closest, did_you_mean};
use crate::yaml_path;

impl Validator {
    pub(super) fn indicators(
        &mut self,
        parsed: &[Arc<Parsed<RawIndicator>>],
        langs: &[Lang],
        units: &Units,
    ) -> BTreeMap<IndicatorId, Indicator> {
        let mut out = BTreeMap::new();
        // Every indicator's id, for `replaces` to name one of them.
        let ids: Vec<&str> = parsed.iter().map(|p| p.stem.as_str()).collect();
        for p in parsed {
            let cx = Ctx::new(p);
            let id = match IndicatorId::parse(&p.stem) {
                Ok(id) => id,
                Err(e) => {
                    self.diags
                        .push(file_id_error(&p.file.rel, IdOf::Indicator, &e));
                    continue;
                }
            };
            let raw = &p.value;
            let unit = self.unit(&raw.unit.0, &cx, units);
            let direction = match &raw.direction {
                None => Some(Direction::Up),
                Some(d) => {
                    let parsed = Direction::parse(&d.0);
                    if parsed.is_none() {
                        self.diags.push(
                            cx.error(
                                Code::BadDirection,
                                &yaml_path!["direction"],
                                say!(
                                    en: "unknown direction `{d}`",
                                    vi: "không nhận ra chiều `{d}`",
                                    d = d.0
                                ),
                            )
                            .expected(say!(
                                en: "`up` (higher is better) or `down` (lower is better)",
                                vi: "`up` (càng cao càng tốt) hoặc `down` (càng thấp càng tốt)"
                            ))
                            .hint_opt(
                                closest(&d.0.to_lowercase(), ["up", "down"].into_iter())
                                    .map(did_you_mean),
                            ),
                        );
                    }
                    parsed
                }
            };
            let name = self.text(&raw.name, &cx, &yaml_path!["name"], langs);
            let short_name = raw
                .short_name
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["short_name"], langs));
            let group = raw
                .group
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["group"], langs));
            let description = raw
                .description
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["description"], langs));
            let replaces = raw
                .replaces
                .as_ref()
                .and_then(|r| self.replaces(&r.0, &id, &ids, &cx));
            if let (Some(unit), Some(direction)) = (unit, direction) {
                out.insert(
                    id.clone(),
                    Indicator {
                        id,
                        name,
                        short_name,
                        unit,
                        direction,
                        group,
                        description,
                        replaces,
                        file: p.file.rel.clone(),
                    },
                );
            } else {
                self.broken.insert(p.file.rel.clone());
            }
        }
        out
    }

    /// An indicator's `replaces`: the id of another of the site's
    /// indicators, with the closest as a hint if unknown.
    fn replaces(
        &mut self,
        written: &str,
        own: &IndicatorId,
        ids: &[&str],
        cx: &Ctx,
    ) -> Option<IndicatorId> {
        let path = yaml_path!["replaces"];
        let problem = if written == own.as_str() {
            Some((
                say!(
                    en: "indicator `{written}` cannot replace itself",
                    vi: "chỉ tiêu `{written}` không thể thay thế chính nó"
                ),
                None,
            ))
        } else if ids.contains(&written) {
            None
        } else {
            let others = ids.iter().copied().filter(|i| *i != own.as_str());
            Some((
                say!(
                    en: "unknown indicator `{written}`",
                    vi: "không tìm thấy chỉ tiêu `{written}`"
                ),
                closest(written, others).map(did_you_mean),
            ))
        };
        match problem {
            None => IndicatorId::parse(written).ok(),
            Some((message, hint)) => {
                self.diags.push(
                    cx.error(Code::BadReplaces, &path, message)
                        .expected(say!(
                            en: "the id of another file in indicators/, whose definition this indicator changes",
                            vi: "mã của một tệp khác trong thư mục indicators/, chỉ tiêu mà chỉ tiêu này thay đổi định nghĩa"
                        ))
                        .hint_opt(hint),
                );
                None
            }
        }
    }

    /// An indicator's `unit`: a built-in unit or one of the site's, with
    /// the closest of them as a hint if unknown.
    fn unit(&mut self, written: &str, cx: &Ctx, units: &Units) -> Option<Unit> {
        if let Some(u) = BuiltInUnit::parse(written) {
            return Some(Unit::BuiltIn(u));
        }
        if let Some(u) = units.defined.get(written) {
            return Some(Unit::Site(u.clone()));
        }
        if units.listed.contains(written) {
            // Its definition in site.yaml was refused, and said so.
            return None;
        }
        let built_in: Vec<&str> = BuiltInUnit::ALL.iter().map(|(n, _)| *n).collect();
        let of_site: Vec<&str> = units.defined.keys().map(UnitId::as_str).collect();
        let expected = if of_site.is_empty() {
            say!(en: "one of {b}", vi: "một trong các đơn vị {b}", b = built_in.join(", "))
        } else {
            say!(
                en: "one of {b}, or one of the site's units: {s}",
                vi: "một trong các đơn vị {b}, hoặc một đơn vị của trang: {s}",
                b = built_in.join(", "),
                s = of_site.join(", ")
            )
        };
        let mut d = cx
            .error(
                Code::BadUnit,
                &yaml_path!["unit"],
                say!(
                    en: "unknown unit `{written}`",
                    vi: "không nhận ra đơn vị `{written}`"
                ),
            )
            .expected(expected);
        if let Some(s) = closest(written, built_in.iter().chain(&of_site).copied()) {
            d = d.hint(did_you_mean(s));
        } else if of_site.is_empty() {
            d = d.hint(say!(
                en: "a unit of your own can be defined under `units` in site.yaml",
                vi: "có thể tự định nghĩa đơn vị riêng trong mục `units` của site.yaml"
            ));
        }
        self.diags.push(d);
        None
    }
}
