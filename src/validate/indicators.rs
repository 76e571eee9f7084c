//! `indicators/<id>.yaml`: name, unit and direction of each indicator.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::fields::file_id_error;
use super::{Ctx, Units, Validator};
use crate::diagnostics::Code;
use crate::load::raw::RawIndicator;
use crate::load::Parsed;
use crate::model::*;
use crate::suggest::closest;
use crate::yaml_path;

impl Validator {
    pub(super) fn indicators(
        &mut self,
        parsed: &[Arc<Parsed<RawIndicator>>],
        langs: &[Lang],
        units: &Units,
    ) -> BTreeMap<IndicatorId, Indicator> {
        let mut out = BTreeMap::new();
        for p in parsed {
            let cx = Ctx::new(p);
            let id = match IndicatorId::parse(&p.stem) {
                Ok(id) => id,
                Err(e) => {
                    self.diags.push(file_id_error(&p.file.rel, "indicator", &e));
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
                                format!("unknown direction `{}`", d.0),
                            )
                            .expected("`up` (higher is better) or `down` (lower is better)"),
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
                        file: p.file.rel.clone(),
                    },
                );
            } else {
                self.broken.insert(p.file.rel.clone());
            }
        }
        out
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
            format!("one of {}", built_in.join(", "))
        } else {
            format!(
                "one of {}, or one of the site's units: {}",
                built_in.join(", "),
                of_site.join(", ")
            )
        };
        let mut d = cx
            .error(
                Code::BadUnit,
                &yaml_path!["unit"],
                format!("unknown unit `{written}`"),
            )
            .expected(expected);
        if let Some(s) = closest(written, built_in.iter().chain(&of_site).copied()) {
            d = d.hint(format!("did you mean `{s}`?"));
        } else if of_site.is_empty() {
            d = d.hint("a unit of your own can be defined under `units` in site.yaml");
        }
        self.diags.push(d);
        None
    }
}
