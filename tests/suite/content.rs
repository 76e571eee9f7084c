//! The bundled content against its source register: every figure that
//! cites a register document must be one that the document printed, read
//! back from the built `data/results.csv` (not from a copy in this test).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use minhbach::internals::validate::provenance::{matches, parse_printed};

/// The printed numbers of every register document, read from seeds/.
fn register() -> BTreeMap<String, Vec<f64>> {
    #[derive(serde::Deserialize)]
    struct Figure {
        value: serde_yaml::Value,
    }
    #[derive(serde::Deserialize)]
    struct Doc {
        figures: Vec<Figure>,
    }
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir("seeds").expect("seeds/ exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let doc: Doc = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let numbers = doc
                .figures
                .iter()
                .flat_map(|f| match &f.value {
                    serde_yaml::Value::String(s) => parse_printed(s),
                    serde_yaml::Value::Number(n) => n.as_f64().into_iter().collect(),
                    _ => Vec::new(),
                })
                .collect();
            out.insert(
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                numbers,
            );
        }
    }
    out
}

#[test]
fn every_published_figure_is_one_its_source_printed() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--out"])
        .arg(&site)
        .status()
        .unwrap();
    assert!(status.success());
    let register = register();
    assert_eq!(register.len(), 5, "one register entry per seed report");

    let mut reader = csv::Reader::from_path(site.join("data/results.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (source, session) = (col("source"), col("session"));
    let mut checked = 0;
    let mut sessions = std::collections::BTreeSet::new();
    for row in reader.records() {
        let row = row.unwrap();
        sessions.insert(row[session].to_owned());
        let cited = &row[source];
        assert!(
            !cited.is_empty(),
            "every bundled result names a source: {row:?}"
        );
        let printed = register
            .get(cited)
            .unwrap_or_else(|| panic!("{cited} is not a register entry"));
        for field in ["actual", "target", "baseline", "out_of"] {
            let cell = &row[col(field)];
            if cell.is_empty() {
                continue;
            }
            let value: f64 = cell.parse().unwrap();
            assert!(
                matches(value, printed),
                "{}/{}: {field} {value} is not printed in {cited}",
                &row[session],
                &row[col("indicator")]
            );
            checked += 1;
        }
    }
    // 94 results today, 89 numbers among their actuals, targets, baselines and totals.
    assert!(checked >= 89, "only {checked} figures checked");
    let expected: Vec<&str> = vec![
        "2022-04-27-phien-hop-thu-2",
        "2022-08-08-phien-hop-thu-3",
        "2022-12-25-tong-ket-nam-2022",
        "2024-07-10-so-ket-6-thang-2024",
    ];
    assert_eq!(
        sessions.iter().map(String::as_str).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn each_register_document_has_a_page_listing_its_figures() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--out"])
        .arg(&site)
        .status()
        .unwrap();
    assert!(status.success());
    for id in register().keys() {
        for prefix in ["", "en/"] {
            let page = site.join(format!("{prefix}sources/{id}/index.html"));
            let html = scraper::Html::parse_document(&std::fs::read_to_string(&page).unwrap());
            let rows = scraper::Selector::parse("#figures-heading ~ div table tbody tr").unwrap();
            assert!(
                html.select(&rows).count() > 0,
                "{} lists no figures",
                page.display()
            );
        }
    }
    assert!(Path::new("seeds").is_dir());
}
