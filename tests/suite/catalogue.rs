//! The data as catalogues and search engines find it: the DCAT catalogue,
//! the CSV on the Web metadata of `results.csv` and the schema.org
//! `Dataset` of the home and indicator pages. CI reads them with real
//! tools (`csvw`, `rdflib`: `.ci/run`); here they are read as JSON and held
//! to the files they describe.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

fn json_at(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The site file an absolute URL of the site names.
fn file_of(site: &Path, base: &str, url: &str) -> std::path::PathBuf {
    let rel = url
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} is not under {base}"));
    let rel = rel.split('#').next().unwrap();
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_owned()
    };
    site.join(rel)
}

#[test]
fn csvw_metadata_describes_every_column_of_results_csv() {
    let site = bundled_site();
    for p in ["", "en/"] {
        let meta = json_at(&site.join(format!("{p}data/results.csv-metadata.json")));
        assert_eq!(meta["url"], "results.csv");
        let (header, rows) = read_csv(&site.join(format!("{p}data/results.csv")));
        let columns = meta["tableSchema"]["columns"].as_array().unwrap();
        let names: Vec<&str> = columns
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, header, "{p}: the metadata's columns are the CSV's");
        for c in columns {
            let name = c["name"].as_str().unwrap();
            assert!(
                c["dc:description"].as_str().is_some_and(|d| !d.is_empty()),
                "{name}"
            );
            let base = c["datatype"]["base"]
                .as_str()
                .or(c["datatype"].as_str())
                .unwrap();
            for row in &rows {
                let cell = &row[name];
                if cell.is_empty() {
                    assert_ne!(c["required"], true, "{p}{name} is required but empty");
                    continue;
                }
                match base {
                    "number" => assert!(csv_number(cell).is_some(), "{name}: {cell}"),
                    "date" => assert!(
                        chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok(),
                        "{name}: {cell}"
                    ),
                    _ => {}
                }
                if let Some(pattern) = c["datatype"]["format"].as_str() {
                    let words = pattern.trim_start_matches("^(?:").trim_end_matches(")$");
                    assert!(
                        words.split('|').any(|w| w.replace('\\', "") == *cell),
                        "{name}: {cell} not in {pattern}"
                    );
                }
            }
        }
        assert_eq!(
            meta["tableSchema"]["primaryKey"],
            serde_json::json!(["session", "indicator", "scope"])
        );
    }
}

#[test]
fn the_catalogue_names_files_of_the_site() {
    let site = bundled_site();
    let base = "https://minhbach.example.org/";
    for p in ["", "en/"] {
        let cat = json_at(&site.join(format!("{p}data/catalog.jsonld")));
        assert_eq!(cat["@type"], "dcat:Catalog");
        assert_eq!(cat["@id"], format!("{base}{p}data/catalog.jsonld"));
        let datasets = cat["dcat:dataset"].as_array().unwrap();
        let indicators = names_in(&site.join(format!("{p}indicators")))
            .into_iter()
            .filter(|n| !n.contains('.'))
            .count();
        assert_eq!(datasets.len(), 2 + indicators);
        let mut csv = 0;
        for d in datasets {
            assert_eq!(d["@type"], "dcat:Dataset");
            assert!(d["dct:title"].as_str().is_some_and(|t| !t.is_empty()));
            for x in d["dcat:distribution"].as_array().unwrap() {
                assert_eq!(x["@type"], "dcat:Distribution");
                let url = x["dcat:downloadURL"]["@id"].as_str().unwrap();
                assert!(file_of(&site, base, url).is_file(), "{url}");
                assert_eq!(
                    x["dct:license"]["@id"],
                    "https://creativecommons.org/licenses/by/4.0/"
                );
                let media = x["dcat:mediaType"]["@id"].as_str().unwrap();
                csv += usize::from(media.ends_with("text/csv"));
            }
        }
        assert_eq!(csv, 2 + indicators, "results, indicators and each history");
    }
}

/// The one JSON-LD block of a page.
fn ld(site: &Path, page: &str) -> Value {
    let doc = html(site, page);
    let blocks: Vec<String> = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(blocks.len(), 1, "{page}");
    serde_json::from_str(&blocks[0]).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn home_and_indicator_pages_describe_their_dataset() {
    let site = bundled_site();
    let base = "https://minhbach.example.org/";
    let home = ld(&site, "en/index.html");
    assert_eq!(home["@type"], "Dataset");
    assert_eq!(home["inLanguage"], "en");
    assert!(home["description"].as_str().unwrap().len() >= 50);
    let urls: Vec<&str> = home["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["contentUrl"].as_str().unwrap())
        .collect();
    assert!(urls.contains(&"https://minhbach.example.org/en/data/results.csv"));
    let ind = ld(&site, "indicators/children-identity-numbers/index.html");
    assert_eq!(ind["@type"], "Dataset");
    assert_eq!(
        ind["url"],
        format!("{base}indicators/children-identity-numbers/")
    );
    for d in ind["distribution"].as_array().unwrap() {
        assert_eq!(d["@type"], "DataDownload");
        let url = d["contentUrl"].as_str().unwrap();
        assert!(file_of(&site, base, url).is_file(), "{url}");
    }
    assert!(
        ind["isBasedOn"].as_array().is_some_and(|w| !w.is_empty()),
        "the source documents behind its figures"
    );
    assert!(ind["temporalCoverage"].as_str().unwrap().contains('/'));
}
