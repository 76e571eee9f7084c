//! `data/datapackage.json`: a Frictionless Data Package (v1, tabular) that
//! describes `results.csv`, `results.json`, `indicators.csv` and
//! `indicators.json` (one per language, beside them), so that the data can be
//! loaded with types and checked by standard tools (`frictionless
//! validate`), and carries its licence (from `site.yaml`) and its sources
//! (the source register).

use serde_json::{json, Value};

use crate::locale::Locale;
use crate::model::{suggest_id, Lang, Site};
use crate::render::columns::{self, Column, Constraint, Kind, COLUMNS};
#[cfg(test)]
use crate::render::data::CSV_COLUMNS;
use crate::render::data::INDICATOR_COLUMNS;
use crate::render::paths;

/// A column's Table Schema field: its type, description (in the language
/// of `locale`) and, where the column must be filled or takes one of a
/// set of words, that constraint. `units` are the words of the unit
/// column.
fn column_field(c: &Column, locale: &Locale, units: &[&str]) -> Value {
    let mut f = json!({ "name": c.name, "type": c.kind.as_str() });
    let description = c.description(locale);
    if !description.is_empty() {
        f["description"] = json!(description);
    }
    if c.kind == Kind::String && c.name == "source_url" {
        f["format"] = json!("uri");
    }
    match c.constraint {
        Constraint::None => {}
        Constraint::Required => f["constraints"] = json!({ "required": true }),
        Constraint::Words(words) => f["constraints"] = json!({ "enum": words() }),
        Constraint::Units => f["constraints"] = json!({ "enum": units }),
    }
    f
}

/// The field of the column named `name`; a plain string for a name that is
/// not a column.
#[cfg(test)]
fn field(name: &str) -> Value {
    match COLUMNS.iter().find(|c| c.name == name) {
        Some(c) => column_field(c, Locale::fallback(), &[]),
        None => json!({ "name": name, "type": "string" }),
    }
}

/// The Table Schema of the results, column for column as
/// [`COLUMNS`] has them, described in the language of `locale`.
fn schema(site: &Site, locale: &Locale) -> Value {
    let units = columns::units(site);
    json!({
        "fields": COLUMNS.iter().map(|c| column_field(c, locale, &units)).collect::<Vec<_>>(),
        "primaryKey": ["session", "indicator", "scope"],
        "missingValues": [""],
    })
}

/// A licence entry from the free-text `license` of site.yaml. Creative
/// Commons names ("CC BY 4.0", "CC-BY-SA-4.0", "CC0 1.0") get their SPDX
/// id and address; a URL is given as the path; anything else keeps its
/// wording as the title with an id made from it.
pub(crate) fn license(text: &str) -> Value {
    let text = text.trim();
    if text.starts_with("http://") || text.starts_with("https://") {
        return json!({ "path": text, "title": text });
    }
    let id = text.to_ascii_uppercase().replace([' ', '_'], "-");
    let parts: Vec<&str> = id.split('-').collect();
    let path = match parts[..] {
        ["CC0", v] => Some(format!(
            "https://creativecommons.org/publicdomain/zero/{v}/"
        )),
        ["CC", ref rest @ .., v]
            if !rest.is_empty()
                && rest.iter().all(|p| ["BY", "SA", "NC", "ND"].contains(p))
                && v.parse::<f32>().is_ok() =>
        {
            Some(format!(
                "https://creativecommons.org/licenses/{}/{v}/",
                rest.join("-").to_lowercase()
            ))
        }
        _ => None,
    };
    let mut l = json!({ "title": text });
    match path {
        Some(p) => {
            l["name"] = json!(id);
            l["path"] = json!(p);
        }
        None => {
            if let Some(name) = suggest_id(text) {
                l["name"] = json!(name);
            }
        }
    }
    l
}

/// The Table Schema of the indicators, described in the language of
/// `locale`.
fn indicators_schema(locale: &Locale) -> Value {
    let fields: Vec<Value> = INDICATOR_COLUMNS
        .iter()
        .map(|name| {
            let description = columns::indicator_description(name, locale);
            let mut f = json!({ "name": name, "type": "string", "description": description });
            match *name {
                "indicator" | "name" | "unit" => f["constraints"] = json!({ "required": true }),
                "direction" => f["constraints"] = json!({ "enum": ["up", "down"] }),
                _ => {}
            }
            f
        })
        .collect();
    json!({ "fields": fields, "primaryKey": ["indicator"], "missingValues": [""] })
}

/// The data package of the data files of `lang`, as JSON.
pub fn datapackage(site: &Site, lang: &Lang) -> Vec<u8> {
    let default = site.settings.default_lang();
    let title = site.settings.title.get(lang, default).to_owned();
    let file = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
    let locale = site.locales.get(lang);
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": suggest_id(&title).unwrap_or_else(|| "results".to_owned()),
        "title": title,
        "description": site.settings.description.get(lang, default),
        "homepage": site.settings.base_url,
        "resources": [
            {
                "name": "results",
                "path": file(paths::RESULTS_CSV),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
                "schema": schema(site, locale),
            },
            {
                "name": "results-json",
                "path": file(paths::RESULTS_JSON),
                "profile": "tabular-data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "schema": schema(site, locale),
            },
            {
                "name": "indicators",
                "path": paths::INDICATORS_CSV,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
                "schema": indicators_schema(locale),
            },
            {
                "name": "indicators-json",
                "path": paths::INDICATORS_JSON,
                "profile": "tabular-data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "schema": indicators_schema(locale),
            },
        ],
    });
    if let Some(l) = site
        .settings
        .license
        .as_deref()
        .filter(|l| !l.trim().is_empty())
    {
        package["licenses"] = json!([license(l)]);
    }
    let publisher = site.settings.publisher.get(lang, default);
    if !publisher.is_empty() {
        package["contributors"] = json!([{ "title": publisher, "role": "publisher" }]);
    }
    let sources: Vec<Value> = site
        .register
        .values()
        .map(|s| {
            let (publisher, title) = (s.publisher.get(lang, default), s.title.get(lang, default));
            let mut v = json!({ "title": format!("{publisher}: {title} ({})", s.published) });
            if let Some(u) = &s.url {
                v["path"] = json!(u);
            }
            v
        })
        .collect();
    if !sources.is_empty() {
        package["sources"] = json!(sources);
    }
    let mut bytes = serde_json::to_vec_pretty(&package).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_described_type() {
        for c in CSV_COLUMNS {
            let f = field(c);
            assert!(
                f["description"].as_str().is_some_and(|d| !d.is_empty()),
                "column {c} has no description"
            );
        }
        assert_eq!(field("actual")["type"], "number");
        assert_eq!(field("date")["type"], "date");
    }

    #[test]
    fn licences() {
        assert_eq!(
            license("CC BY 4.0"),
            json!({ "name": "CC-BY-4.0", "title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/" })
        );
        assert_eq!(
            license("CC-BY-SA-4.0")["path"],
            "https://creativecommons.org/licenses/by-sa/4.0/"
        );
        assert_eq!(
            license("CC0 1.0")["path"],
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
        assert_eq!(
            license("https://example.org/licence")["path"],
            "https://example.org/licence"
        );
        assert_eq!(
            license("Giấy phép riêng"),
            json!({ "name": "giay-phep-rieng", "title": "Giấy phép riêng" })
        );
    }
}
