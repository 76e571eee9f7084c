//! The data described for machines that find and load data sets, beside
//! the data package (`datapackage.rs`):
//!
//! - `data/catalog.jsonld`, a DCAT 3 catalogue (JSON-LD) of the data of
//!   one language: the results and the indicators as `dcat:Dataset`s, each
//!   file of them a `dcat:Distribution` with its download URL, media type
//!   and licence, and one data set per indicator (the files of its history
//!   chart), as data portals harvest them;
//! - `data/results.csv-metadata.json`, CSV on the Web metadata of
//!   `results.csv`, made from the one column table ([`COLUMNS`]) so that it
//!   cannot drift from the file it describes;
//! - the schema.org `Dataset` (with its `DataDownload`s) that the home page
//!   and each indicator's page carry as JSON-LD, the way dataset search
//!   engines read it ([`page_dataset`], [`script`]).
//!
//! Every URL is absolute, from `base_url`.

use serde_json::{json, Value};

use crate::model::{Date, Indicator, Lang, ResultEntry, Session, Site, Source};
use crate::render::columns::{self, Constraint, Kind, COLUMNS};
use crate::render::datapackage;
use crate::render::paths::{self, Paths};

/// The file name of the DCAT catalogue in each data folder.
pub const CATALOG: &str = "catalog.jsonld";
/// The file name of the CSVW metadata of `results.csv` (the name CSVW
/// processors look for beside it).
pub const RESULTS_CSVW: &str = "results.csv-metadata.json";

/// Pretty JSON with a final line end.
fn bytes(v: &Value) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).unwrap_or_default();
    b.push(b'\n');
    b
}

/// The site's licence: its address when it has one (a Creative Commons
/// name or a URL), else its wording.
fn licence(site: &Site) -> Option<Value> {
    let text = site.settings.license.as_deref()?.trim();
    if text.is_empty() {
        return None;
    }
    let l = datapackage::license(text);
    Some(match l["path"].as_str() {
        Some(p) => json!(p),
        None => json!(text),
    })
}

/// A CSVW datatype for a column: its base type and, for a column of a
/// fixed set of words, a pattern that admits only those words.
fn csvw_datatype(kind: Kind, words: Option<Vec<&str>>) -> Value {
    let base = match kind {
        Kind::String => "string",
        Kind::Number => "number",
        Kind::Date => "date",
    };
    match words {
        Some(w) if !w.is_empty() => {
            let alternatives: Vec<String> = w.iter().map(|w| regex_escape(w)).collect();
            json!({ "base": base, "format": format!("^(?:{})$", alternatives.join("|")) })
        }
        _ => json!(base),
    }
}

/// `s` with every character a regular expression treats specially
/// escaped.
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The CSV on the Web metadata of `results.csv` in `lang`: one table, its
/// dialect, and a column for each of [`COLUMNS`], in order, with its
/// datatype, whether it is required and its description.
pub fn results_csvw(site: &Site, lang: &Lang) -> Vec<u8> {
    let default = site.settings.default_lang();
    let at = Paths::new(&site.settings, lang);
    let base = &site.settings.base_url;
    let units = columns::units(site);
    let locale = site.locales.get(lang);
    let columns: Vec<Value> = COLUMNS
        .iter()
        .map(|c| {
            let words = match c.constraint {
                Constraint::Words(w) => Some(w()),
                Constraint::Units => Some(units.clone()),
                _ => None,
            };
            let mut col = json!({
                "name": c.name,
                "titles": c.name,
                "datatype": csvw_datatype(c.kind, words),
                "dc:description": c.description(locale),
            });
            if matches!(c.constraint, Constraint::Required) {
                col["required"] = json!(true);
            }
            col
        })
        .collect();
    let mut table = json!({
        "@context": ["http://www.w3.org/ns/csvw", { "@language": lang.as_str() }],
        "url": "results.csv",
        "@id": paths::absolute(base, &at.data("results.csv")),
        "dc:title": site.settings.title.get(lang, default),
        "dc:description": site.settings.description.get(lang, default),
        "dc:publisher": site.settings.publisher.get(lang, default),
        "dc:language": lang.as_str(),
        "dialect": {
            "encoding": "utf-8",
            "lineTerminators": ["\r\n"],
            "header": true,
            "doubleQuote": true,
            "trim": false,
        },
        "null": "",
        "tableSchema": {
            "columns": columns,
            "primaryKey": ["session", "indicator", "scope"],
        },
    });
    if let Some(l) = licence(site) {
        table["dc:license"] = match l.as_str() {
            Some(u) if u.starts_with("http") => json!({ "@id": u }),
            _ => l,
        };
    }
    if let Some(d) = crate::render::download::newest(site) {
        table["dc:modified"] = json!({ "@value": d.to_string(), "@type": "xsd:date" });
    }
    bytes(&table)
}

/// The DCAT catalogue of the data of `lang`.
pub fn catalog(site: &Site, lang: &Lang) -> Vec<u8> {
    let default = site.settings.default_lang();
    let at = Paths::new(&site.settings, lang);
    let base = &site.settings.base_url;
    let abs = |p: &str| paths::absolute(base, p);
    let locale = site.locales.get(lang);
    let title = site.settings.title.get(lang, default);
    let publisher = site.settings.publisher.get(lang, default);
    let licence = licence(site).map(|l| match l.as_str() {
        Some(u) if u.starts_with("http") => json!({ "@id": u }),
        _ => json!({ "@type": "dct:LicenseDocument", "rdfs:label": l }),
    });
    let modified = crate::render::download::newest(site);
    let distribution = |path: String, media: &str, format: &str| {
        let mut d = json!({
            "@id": format!("{}#distribution", abs(&path)),
            "@type": "dcat:Distribution",
            "dct:title": path.rsplit('/').next().unwrap_or(&path),
            "dcat:downloadURL": { "@id": abs(&path) },
            "dcat:accessURL": { "@id": abs(&path) },
            "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{media}") },
            "dct:format": format,
        });
        if let Some(l) = &licence {
            d["dct:license"] = l.clone();
        }
        d
    };
    let dataset = |id: String, name: String, description: String, dists: Vec<Value>| {
        let mut d = json!({
            "@id": id,
            "@type": "dcat:Dataset",
            "dct:title": name,
            "dct:description": description,
            "dct:language": { "@id": format!("http://id.loc.gov/vocabulary/iso639-1/{}", lang.as_str().split('-').next().unwrap_or("")) },
            "dct:publisher": { "@type": "foaf:Agent", "foaf:name": publisher },
            "dcat:landingPage": { "@id": abs(&at.home()) },
            "dcat:distribution": dists,
        });
        if let Some(l) = &licence {
            d["dct:license"] = l.clone();
        }
        if let Some(m) = modified {
            d["dct:modified"] = json!({ "@value": m.to_string(), "@type": "xsd:date" });
        }
        d
    };
    let mut datasets = vec![
        dataset(
            format!("{}#results", abs(&at.data(""))),
            locale.t("catalog_results").replace("{site}", title),
            site.settings.description.get(lang, default).to_owned(),
            vec![
                distribution(at.data("results.csv"), "text/csv", "CSV"),
                distribution(at.data("results.json"), "application/json", "JSON"),
                distribution(
                    at.data(paths::RESULTS_XLSX),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "XLSX",
                ),
                distribution(
                    at.data(&paths::bundle(&site.settings)),
                    "application/zip",
                    "ZIP",
                ),
            ],
        ),
        dataset(
            format!("{}#indicators", abs(&at.data(""))),
            locale.t("catalog_indicators").replace("{site}", title),
            locale
                .t("catalog_indicators_description")
                .replace("{site}", title),
            vec![
                distribution(at.data(paths::INDICATORS_CSV), "text/csv", "CSV"),
                distribution(at.data(paths::INDICATORS_JSON), "application/json", "JSON"),
            ],
        ),
    ];
    // Each indicator: the files of its history chart.
    for ind in site.indicators.values() {
        let chart = at.indicator_chart(&ind.id);
        let name = ind.name.get(lang, default);
        let mut d = dataset(
            format!("{}#dataset", abs(&at.indicator(&ind.id))),
            name.to_owned(),
            indicator_description(site, lang, ind),
            vec![
                distribution(paths::beside(&chart, "csv"), "text/csv", "CSV"),
                distribution(paths::beside(&chart, "json"), "application/json", "JSON"),
            ],
        );
        d["dcat:landingPage"] = json!({ "@id": abs(&at.indicator(&ind.id)) });
        datasets.push(d);
    }
    let mut catalog = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "@language": lang.as_str(),
        },
        "@id": abs(&at.data(CATALOG)),
        "@type": "dcat:Catalog",
        "dct:title": title,
        "dct:description": site.settings.description.get(lang, default),
        "dct:publisher": { "@type": "foaf:Agent", "foaf:name": publisher },
        "foaf:homepage": { "@id": abs(&at.home()) },
        "dcat:dataset": datasets,
    });
    if let Some(l) = &licence {
        catalog["dct:license"] = l.clone();
    }
    if let Some(m) = modified {
        catalog["dct:modified"] = json!({ "@value": m.to_string(), "@type": "xsd:date" });
    }
    bytes(&catalog)
}

/// What an indicator's data set holds, in words: its description when it
/// has one, and always what the files give.
fn indicator_description(site: &Site, lang: &Lang, ind: &Indicator) -> String {
    let default = site.settings.default_lang();
    let locale = site.locales.get(lang);
    let what = locale
        .t("catalog_indicator_description")
        .replace("{name}", ind.name.get(lang, default))
        .replace("{site}", site.settings.title.get(lang, default));
    match ind
        .description
        .as_ref()
        .map(|d| d.get(lang, default).trim())
    {
        Some(d) if !d.is_empty() => format!("{what} {d}"),
        _ => what,
    }
}

/// A document figures were taken from, as schema.org has it.
fn creative_work(site: &Site, lang: &Lang, s: &Source) -> Value {
    let default = site.settings.default_lang();
    let mut w = json!({
        "@type": "CreativeWork",
        "name": s.title.get(lang, default),
    });
    let publisher = s.publisher.get(lang, default);
    if !publisher.is_empty() {
        w["publisher"] = json!({ "@type": "Organization", "name": publisher });
    }
    if let Some(d) = s.date {
        w["datePublished"] = json!(d.to_string());
    }
    if let Some(u) = &s.url {
        w["url"] = json!(u);
    }
    w
}

/// A file to download, as schema.org has it.
fn data_download(base: &str, path: &str, media: &str) -> Value {
    json!({
        "@type": "DataDownload",
        "encodingFormat": media,
        "contentUrl": paths::absolute(base, path),
        "name": path.rsplit('/').next().unwrap_or(path),
    })
}

/// What a page's schema.org `Dataset` is about.
pub enum About<'a> {
    /// The site's whole data, on the home page.
    Site,
    /// One indicator and its results, oldest first, on its page.
    Indicator(&'a Indicator, &'a [(&'a Session, &'a ResultEntry)]),
}

/// The schema.org `Dataset` a page describes, with its `DataDownload`s.
pub fn page_dataset(site: &Site, lang: &Lang, about: About) -> Value {
    let default = site.settings.default_lang();
    let at = Paths::new(&site.settings, lang);
    let base = &site.settings.base_url;
    let title = site.settings.title.get(lang, default);
    let publisher = json!({
        "@type": "Organization",
        "name": site.settings.publisher.get(lang, default),
        "url": paths::absolute(base, &at.home()),
    });
    let mut d = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "inLanguage": lang.as_str(),
        "isAccessibleForFree": true,
        "creator": publisher,
        "publisher": publisher,
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": title,
            "url": paths::absolute(base, &at.data(CATALOG)),
        },
    });
    let mut sources: Vec<&Source> = Vec::new();
    let mut dates: Vec<Date> = Vec::new();
    match about {
        About::Site => {
            let page = paths::absolute(base, &at.home());
            d["@id"] = json!(format!("{page}#dataset"));
            d["name"] = json!(site
                .locales
                .get(lang)
                .t("catalog_results")
                .replace("{site}", title));
            d["description"] = json!(format!(
                "{} {}",
                site.settings.description.get(lang, default),
                site.locales
                    .get(lang)
                    .t("catalog_results_description")
                    .replace("{site}", title)
            ));
            d["url"] = json!(page);
            d["distribution"] = json!([
                data_download(base, &at.data("results.csv"), "text/csv"),
                data_download(base, &at.data("results.json"), "application/json"),
                data_download(
                    base,
                    &at.data(paths::RESULTS_XLSX),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                ),
                data_download(
                    base,
                    &at.data(&paths::bundle(&site.settings)),
                    "application/zip"
                ),
                data_download(base, &at.data(paths::INDICATORS_CSV), "text/csv"),
            ]);
            d["variableMeasured"] = json!(site
                .indicators
                .values()
                .map(|i| variable(site, lang, i))
                .collect::<Vec<_>>());
            for s in &site.sessions {
                dates.push(s.date);
                for r in &s.results {
                    dates.push(r.as_of);
                    if let Some(src) = r.source.as_ref().and_then(|id| s.source(id)) {
                        sources.push(src);
                    }
                }
            }
        }
        About::Indicator(ind, history) => {
            let page = paths::absolute(base, &at.indicator(&ind.id));
            let chart = at.indicator_chart(&ind.id);
            d["@id"] = json!(format!("{page}#dataset"));
            d["name"] = json!(ind.name.get(lang, default));
            d["description"] = json!(indicator_description(site, lang, ind));
            d["url"] = json!(page);
            d["distribution"] = json!([
                data_download(base, &paths::beside(&chart, "csv"), "text/csv"),
                data_download(base, &paths::beside(&chart, "json"), "application/json"),
                data_download(base, &at.data("results.csv"), "text/csv"),
            ]);
            d["variableMeasured"] = variable(site, lang, ind);
            for (s, r) in history {
                dates.push(s.date);
                dates.push(r.as_of);
                if let Some(src) = r.source.as_ref().and_then(|id| s.source(id)) {
                    sources.push(src);
                }
            }
        }
    }
    if let Some(l) = licence(site) {
        d["license"] = l;
    }
    if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
        d["temporalCoverage"] = json!(format!("{first}/{last}"));
        d["dateModified"] = json!(last.to_string());
    }
    let mut seen = std::collections::BTreeSet::new();
    let works: Vec<Value> = sources
        .into_iter()
        .filter(|s| seen.insert(s.id.to_string()))
        .map(|s| creative_work(site, lang, s))
        .collect();
    if !works.is_empty() {
        d["isBasedOn"] = json!(works);
    }
    d
}

/// An indicator as a measured variable.
fn variable(site: &Site, lang: &Lang, ind: &Indicator) -> Value {
    let default = site.settings.default_lang();
    json!({
        "@type": "PropertyValue",
        "name": ind.name.get(lang, default),
        "propertyID": ind.id.as_str(),
        "unitText": ind.unit.label(site.locales.get(lang)),
    })
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>`
/// and `&` written as JSON escapes, so that no text in it can close the
/// element or open a comment, whatever the content holds; the line and
/// paragraph separators too, for old script parsers.
pub fn script(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_its_element() {
        let v = json!({ "name": "</script><script>alert(1)</script> <!-- & \u{2028}" });
        let s = script(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn word_patterns_admit_only_their_words() {
        let d = csvw_datatype(Kind::String, Some(vec!["on-track", "a.b"]));
        assert_eq!(d["format"], "^(?:on-track|a\\.b)$");
        assert_eq!(csvw_datatype(Kind::Number, None), json!("number"));
    }
}
