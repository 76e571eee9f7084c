//! The data downloads as a journalist gets them: every CSV and JSON says
//! in its own language what each row is (names, unit, scope, status and
//! why, note, source, licence), the list of indicators, the Excel workbook
//! (read with calamine, as a spreadsheet program would) whose numbers are
//! the CSV's, and the zip, which holds what its README lists. All of it is
//! the same bytes from one build to the next.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use crate::common::*;

/// The columns added for self-describing data, after the first 21.
const NEW_COLUMNS: [&str; 6] = [
    "indicator_name",
    "unit_label",
    "scope_label",
    "status_label",
    "note",
    "license",
];

fn read_json(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The JSON value of a CSV cell: absent values are empty in CSV and null
/// in JSON; numbers are numbers.
fn same_cell(csv: &str, json: &serde_json::Value, column: &str) -> bool {
    match json {
        serde_json::Value::Null => csv.is_empty(),
        serde_json::Value::Number(n) => csv_number(csv) == n.as_f64(),
        // The CSV guards text that a spreadsheet would run as a formula.
        serde_json::Value::String(s) => csv == s || csv == format!("'{s}") || column.is_empty(),
        _ => false,
    }
}

/// Letters only Vietnamese writes (with its tone marks), which no English
/// word has.
fn vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
            .contains(c.to_lowercase().next().unwrap_or(c))
    })
}

fn text_at(site: &Path, page: &str, selector: &str) -> String {
    let doc = html(site, page);
    let found = doc.select(&sel(selector)).next();
    found
        .map(text_of)
        .unwrap_or_else(|| panic!("{page}: no {selector}"))
}

#[test]
fn data_files_describe_themselves_in_each_language() {
    let site = bundled_site();
    let (vi_header, vi) = read_csv(&site.join("data/results.csv"));
    let (en_header, en) = read_csv(&site.join("en/data/results.csv"));
    assert_eq!(
        vi_header, en_header,
        "the columns are the same in every language"
    );
    // Added together, in this order, after every older column (columns
    // added later come after them).
    let at = vi_header
        .iter()
        .position(|h| h == NEW_COLUMNS[0])
        .expect("the self-describing columns");
    assert_eq!(&vi_header[at..at + NEW_COLUMNS.len()], NEW_COLUMNS);
    assert_eq!(vi_header[at - 1], "status_reason");
    assert_eq!(
        &vi_header[..2],
        ["session", "date"],
        "the old columns come first"
    );
    assert_eq!(vi.len(), en.len());
    let mut notes = 0;
    for (v, e) in vi.iter().zip(&en) {
        // Ids, numbers and dates are the same; the words are translated.
        for c in [
            "session",
            "indicator",
            "scope",
            "actual",
            "target",
            "unit",
            "status",
        ] {
            assert_eq!(v[c], e[c], "{c}");
        }
        assert_eq!(v["license"], "CC BY 4.0");
        assert_eq!(e["license"], "CC BY 4.0");
        for c in [
            "indicator_name",
            "unit_label",
            "scope_label",
            "status_label",
            "status_reason",
        ] {
            assert!(!e[c].is_empty(), "{}: empty {c}", e["indicator"]);
            assert!(
                !vietnamese(&e[c]),
                "en/data/results.csv: {c} is not English: {}",
                e[c]
            );
        }
        assert!(
            vietnamese(&v["indicator_name"]) || vietnamese(&v["status_label"]),
            "data/results.csv: {} has no Vietnamese words",
            v["indicator"]
        );
        if !e["note"].is_empty() {
            notes += 1;
            assert!(!vietnamese(&e["note"]), "{}", e["note"]);
            assert!(!v["note"].is_empty());
        }
    }
    assert!(notes > 0, "the bundled notes are in the data");
    assert!(en
        .iter()
        .any(|r| r["note"] == "The table prints \"-\": no figure reported."));
    assert!(vi
        .iter()
        .any(|r| r["note"] == "Bảng in dấu \"-\": chưa có số liệu."));

    // The names and words are those of the pages.
    let session = "2022-08-08-phien-hop-thu-3";
    for (p, rows) in [("", &vi), ("en/", &en)] {
        for r in rows.iter().filter(|r| r["session"] == session).take(5) {
            let page = format!("{p}indicators/{}/index.html", r["indicator"]);
            assert_eq!(
                text_at(&site, &page, "main h1"),
                r["indicator_name"],
                "{page}"
            );
            let session_page =
                text_of(html(&site, &format!("{p}sessions/{session}/index.html")).root_element());
            for c in ["status_label", "indicator_name"] {
                assert!(session_page.contains(&r[c]), "{p}{session}: {c} {:?}", r[c]);
            }
        }
    }

    // The JSON holds the same records, with the same keys in order.
    for (p, rows) in [("", &vi), ("en/", &en)] {
        let json = read_json(&site.join(format!("{p}data/results.json")));
        assert_eq!(json.len(), rows.len());
        for (j, r) in json.iter().zip(rows.iter()) {
            let keys: Vec<&String> = j.as_object().unwrap().keys().collect();
            assert_eq!(keys.len(), vi_header.len());
            for c in NEW_COLUMNS
                .iter()
                .chain(&["status_reason", "actual", "source_title"])
            {
                assert!(
                    same_cell(&r[*c], &j[*c], c),
                    "{p}results.json: {c}: {} vs {:?}",
                    r[*c],
                    j[*c]
                );
            }
        }
    }

    // A session's and a chart's files are in the language of their tree.
    for (p, rows) in [("", &vi), ("en/", &en)] {
        let (_, session_rows) = read_csv(&site.join(format!("{p}sessions/{session}/results.csv")));
        let (_, chart_rows) = read_csv(&site.join(format!("{p}sessions/{session}/chart.csv")));
        let whole: Vec<_> = rows
            .iter()
            .filter(|r| r["session"] == session)
            .cloned()
            .collect();
        assert_eq!(session_rows, whole, "{p}sessions/{session}/results.csv");
        assert_eq!(chart_rows, whole, "{p}sessions/{session}/chart.csv");
        let first = &whole[0];
        let (_, history) =
            read_csv(&site.join(format!("{p}indicators/{}/chart.csv", first["indicator"])));
        assert!(history
            .iter()
            .all(|h| h["indicator_name"] == first["indicator_name"]));
    }

    // The list of indicators: every indicator once, named as in results.
    let count = std::fs::read_dir(repo().join("content/indicators"))
        .unwrap()
        .count();
    for (p, rows) in [("", &vi), ("en/", &en)] {
        let (header, inds) = read_csv(&site.join(format!("{p}data/indicators.csv")));
        assert_eq!(
            header,
            [
                "indicator",
                "name",
                "short_name",
                "unit",
                "unit_label",
                "direction",
                "group",
                "description"
            ]
        );
        assert_eq!(inds.len(), count, "{p}data/indicators.csv");
        let names: BTreeMap<&str, &str> = inds
            .iter()
            .map(|i| (i["indicator"].as_str(), i["name"].as_str()))
            .collect();
        for r in rows.iter() {
            assert_eq!(names[r["indicator"].as_str()], r["indicator_name"]);
        }
        assert!(inds
            .iter()
            .all(|i| ["up", "down"].contains(&i["direction"].as_str())));
        assert!(inds
            .iter()
            .all(|i| !i["group"].is_empty() && !i["description"].is_empty()));
        if p == "en/" {
            assert!(inds
                .iter()
                .all(|i| !vietnamese(&i["name"]) && !vietnamese(&i["group"])));
        }
        let json = read_json(&site.join(format!("{p}data/indicators.json")));
        assert_eq!(json.len(), inds.len());
        for (j, i) in json.iter().zip(&inds) {
            for c in &header {
                assert!(same_cell(&i[c], &j[c], c), "{p}data/indicators.json: {c}");
            }
        }
    }
}

/// The XLSX of a language, its sheets by name.
fn workbook(path: &Path) -> Vec<(String, calamine::Range<Data>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    book.worksheets()
}

/// Days from Excel's day 0 to a `YYYY-MM-DD` date.
fn serial(date: &str) -> f64 {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let zero = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (d - zero).num_days() as f64
}

/// A workbook's results sheet holds the CSV's rows: numbers as numbers
/// equal to the CSV's, dates as dates, text as text.
fn check_workbook(site: &Path, p: &str, sheet_names: [&str; 4], words: &[&str]) {
    let sheets = workbook(&site.join(format!("{p}data/results.xlsx")));
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, sheet_names, "{p}data/results.xlsx");
    let (header, rows) = read_csv(&site.join(format!("{p}data/results.csv")));
    let results = &sheets[0].1;
    let cells: Vec<&[Data]> = results.rows().collect();
    let head: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(head, header);
    assert_eq!(cells.len(), rows.len() + 1);
    let mut numbers = 0;
    for (row, csv) in cells[1..].iter().zip(&rows) {
        for (c, name) in header.iter().enumerate() {
            let want = &csv[name];
            let got = row.get(c).cloned().unwrap_or(Data::Empty);
            match got {
                Data::Float(v) => {
                    assert_eq!(Some(v), csv_number(want), "{p}: {name}");
                    numbers += 1;
                }
                Data::Int(v) => {
                    assert_eq!(Some(v as f64), csv_number(want), "{p}: {name}");
                    numbers += 1;
                }
                Data::DateTime(d) => assert_eq!(d.as_f64(), serial(want), "{p}: {name}"),
                Data::String(s) => {
                    assert!(
                        want == &s || want == &format!("'{s}"),
                        "{p}: {name}: {s} vs {want}"
                    );
                    assert!(
                        !["actual", "target", "baseline", "out_of"].contains(&name.as_str()),
                        "{p}: {name} is text in the workbook"
                    );
                }
                Data::Empty => assert!(want.is_empty(), "{p}: {name}: {want}"),
                other => panic!("{p}: {name}: {other:?}"),
            }
        }
    }
    assert!(numbers >= rows.iter().filter(|r| !r["actual"].is_empty()).count());
    // The indicators and the sources.
    let (_, inds) = read_csv(&site.join(format!("{p}data/indicators.csv")));
    assert_eq!(sheets[1].1.rows().count(), inds.len() + 1);
    let sources: BTreeSet<String> = sheets[2]
        .1
        .rows()
        .skip(1)
        .map(|r| r[0].to_string())
        .collect();
    for r in &rows {
        if !r["source"].is_empty() {
            assert!(
                sources.contains(r["source"].trim_start_matches('\'')),
                "{}",
                r["source"]
            );
        }
    }
    // The sheet to read first: the licence, the citation, every column.
    let read_me: Vec<String> = sheets[3]
        .1
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        .collect();
    let all = read_me.join("\n");
    for w in words {
        assert!(
            all.contains(w),
            "{p}data/results.xlsx read me: no {w}:\n{all}"
        );
    }
    for c in &header {
        assert!(read_me.contains(c), "{p}: column {c} is not in the read me");
    }
}

#[test]
fn workbooks_hold_the_numbers_of_the_csv() {
    let site = bundled_site();
    check_workbook(
        &site,
        "",
        ["Kết quả", "Chỉ tiêu", "Nguồn", "Đọc trước"],
        &["CC BY 4.0", "Cách trích dẫn", "/data/", "UTF-8"],
    );
    check_workbook(
        &site,
        "en/",
        ["Results", "Indicators", "Sources", "Read me"],
        &[
            "CC BY 4.0",
            "How to cite",
            "/en/data/",
            "accessed [day month year]",
            "UTF-8",
        ],
    );
    let fr = shared_build("bilingual-fr", &fixture("bilingual-fr").join("content"));
    check_workbook(
        &fr,
        "fr/",
        ["Résultats", "Indicateurs", "Sources", "À lire"],
        &["CC BY 4.0", "Comment citer", "Bureau du cadre"],
    );
}

/// The zip of a language: every file named in its README, byte for byte
/// the file beside it, and the README.
fn check_zip(site: &Path, p: &str, zip_name: &str) {
    let path = site.join(format!("{p}data/{zip_name}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(std::fs::read(&path).unwrap()))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut readme = String::new();
    zip.by_name("README.txt")
        .unwrap()
        .read_to_string(&mut readme)
        .unwrap();
    let listed: BTreeSet<String> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    let held: BTreeSet<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut expected = listed.clone();
    expected.insert("README.txt".to_owned());
    assert_eq!(held, expected, "{p}{zip_name}: README:\n{readme}");
    for name in [
        "results.csv",
        "results.xlsx",
        "indicators.csv",
        "datapackage.json",
    ] {
        assert!(listed.contains(name), "{p}{zip_name}: {name} not listed");
    }
    for name in &listed {
        let mut bytes = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        let beside = std::fs::read(site.join(format!("{p}data/{name}"))).unwrap();
        assert!(
            bytes == beside,
            "{p}{zip_name}: {name} is not the file beside it"
        );
    }
}

#[test]
fn zips_hold_what_their_readme_lists() {
    let site = bundled_site();
    let name = "theo-doi-chuyen-doi-so-quoc-gia-data.zip";
    check_zip(&site, "", name);
    check_zip(&site, "en/", name);
    // The English README is in English, and credits the sources.
    let mut zip = zip::ZipArchive::new(Cursor::new(
        std::fs::read(site.join(format!("en/data/{name}"))).unwrap(),
    ))
    .unwrap();
    let mut readme = String::new();
    zip.by_name("README.txt")
        .unwrap()
        .read_to_string(&mut readme)
        .unwrap();
    assert!(readme.contains("Licence: CC BY 4.0"), "{readme}");
    assert!(readme.contains("credit them too"), "{readme}");
    // Every page links to the downloads of its language.
    let footer = html(&site, "en/index.html");
    let links: Vec<&str> = footer
        .select(&sel("footer a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for want in [
        "data/results.xlsx",
        "data/indicators.csv",
        &format!("data/{name}"),
    ] {
        assert!(
            links.iter().any(|l| l.ends_with(&format!("en/{want}"))),
            "en/index.html: no link to en/{want}: {links:?}"
        );
    }
    let fr = shared_build("bilingual-fr", &fixture("bilingual-fr").join("content"));
    check_zip(&fr, "", "framework-targets-progress-data.zip");
    check_zip(&fr, "fr/", "framework-targets-progress-data.zip");
}

#[test]
fn other_languages_and_units_describe_themselves() {
    let fr = shared_build("bilingual-fr", &fixture("bilingual-fr").join("content"));
    let (_, en) = read_csv(&fr.join("data/results.csv"));
    let (_, fr_rows) = read_csv(&fr.join("fr/data/results.csv"));
    assert_eq!(en.len(), fr_rows.len());
    let french = locale(&minhbach::model::Lang::parse("fr").unwrap());
    for (e, f) in en.iter().zip(&fr_rows) {
        assert_eq!(e["unit"], f["unit"]);
        let status = minhbach::internals::compute::Status::ALL
            .into_iter()
            .find(|s| s.as_str() == f["status"])
            .unwrap();
        assert_eq!(
            f["status_label"],
            minhbach::internals::i18n::status(status, &french)
        );
        assert_eq!(f["scope_label"], e["scope_label"], "Canada in both");
        if e["unit"] == "kg-per-person" {
            assert_ne!(
                e["unit_label"], f["unit_label"],
                "a site unit's label is translated"
            );
        }
    }
    let units = shared_build("units", &fixture("units").join("content"));
    let (_, rows) = read_csv(&units.join("data/results.csv"));
    assert!(rows.iter().any(|r| r["scope_label"] == "Ontario"));
    assert!(rows
        .iter()
        .all(|r| !r["unit_label"].is_empty() && r["license"] == "CC BY 4.0"));
}

#[test]
fn downloads_are_the_same_bytes_every_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = fixture("bilingual-fr").join("content");
    let (a, b) = (dir.path().join("a/site"), dir.path().join("b/site"));
    build_ok(&content, &a, &[]);
    // A second build a second later: nothing in the files tells the time.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_ok(&content, &b, &[]);
    for p in ["data", "fr/data"] {
        let (x, y) = (snapshot(&a.join(p)), snapshot(&b.join(p)));
        assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
        assert!(x.len() >= 7, "{p}: {:?}", x.keys());
        for (name, bytes) in &x {
            assert!(bytes == &y[name], "{p}/{name} differs between two builds");
        }
    }
}

/// The `datetime` of a page's "last updated", if it has one.
fn updated(site: &Path, page: &str) -> Option<String> {
    let doc = html(site, page);
    let found = doc.select(&sel("footer time")).next();
    found.and_then(|t| t.value().attr("datetime").map(str::to_owned))
}

#[test]
fn pages_say_when_their_content_was_last_updated() {
    let site = bundled_site();
    let (_, rows) = read_csv(&site.join("en/data/results.csv"));
    let newest = rows.iter().map(|r| r["date"].clone()).max().unwrap();
    for p in ["", "en/"] {
        // A session's pages: its date.
        let session = "2022-08-08-phien-hop-thu-3";
        for page in ["index.html", "charts/index.html"] {
            let page = format!("{p}sessions/{session}/{page}");
            assert_eq!(
                updated(&site, &page).as_deref(),
                Some("2022-08-08"),
                "{page}"
            );
        }
        // An indicator's page: the latest session with a result of it.
        let indicator = &rows[0]["indicator"];
        let latest = rows
            .iter()
            .filter(|r| &r["indicator"] == indicator)
            .map(|r| r["date"].clone())
            .max();
        let page = format!("{p}indicators/{indicator}/index.html");
        assert_eq!(updated(&site, &page), latest, "{page}");
        // The lists: the newest session.
        for page in ["index.html", "sessions/index.html", "indicators/index.html"] {
            let page = format!("{p}{page}");
            assert_eq!(updated(&site, &page).as_ref(), Some(&newest), "{page}");
        }
        // A register document's page: the latest of its own date and
        // those of the sessions that cite it.
        for source in ["khongro-2022-04-27", "tuyenquang-2024-07-10"] {
            let cited = rows
                .iter()
                .filter(|r| r["source"] == source)
                .map(|r| r["date"].clone());
            let published = rows
                .iter()
                .find(|r| r["source"] == source)
                .map(|r| r["source_date"].clone());
            let page = format!("{p}sources/{source}/index.html");
            assert_eq!(
                updated(&site, &page),
                cited.chain(published).max(),
                "{page}"
            );
        }
        assert_eq!(updated(&site, &format!("{p}404.html")), None);
    }
    let text = text_at(&site, "en/index.html", "footer");
    assert!(text.contains("Last updated"), "{text}");
}

/// The README of the zip of `p` (a language's folder).
fn zip_readme(site: &Path, p: &str, zip_name: &str) -> String {
    let path = site.join(format!("{p}data/{zip_name}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(std::fs::read(&path).unwrap())).unwrap();
    let mut readme = String::new();
    zip.by_name("README.txt")
        .unwrap()
        .read_to_string(&mut readme)
        .unwrap();
    readme
}

#[test]
fn every_column_is_described_in_the_language_of_its_folder() {
    let site = bundled_site();
    let zip_name = "theo-doi-chuyen-doi-so-quoc-gia-data.zip";
    let mut said: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (p, in_vietnamese) in [("", true), ("en/", false)] {
        let (header, _) = read_results_csv(&site.join(p));
        let (indicator_header, _) = read_csv(&site.join(format!("{p}data/indicators.csv")));
        // The data package: one description per field, in the folder's
        // language.
        let package: serde_json::Value = serde_json::from_slice(
            &std::fs::read(site.join(format!("{p}data/datapackage.json"))).unwrap(),
        )
        .unwrap();
        for resource in package["resources"].as_array().unwrap() {
            let wanted = if resource["name"].as_str().unwrap().starts_with("results") {
                &header
            } else {
                &indicator_header
            };
            let fields = resource["schema"]["fields"].as_array().unwrap();
            let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(&names, wanted, "{p}datapackage.json");
            for f in fields {
                let d = f["description"].as_str().unwrap_or_default();
                assert!(
                    !d.is_empty(),
                    "{p}datapackage.json: {} undescribed",
                    f["name"]
                );
                said.entry(format!("{}.{}", resource["name"], f["name"]))
                    .or_default()
                    .push(d.to_owned());
                if in_vietnamese {
                    assert!(vietnamese(d), "{p}: {} {d}", f["name"]);
                }
            }
        }
        // The CSV on the Web metadata says the same.
        let csvw: serde_json::Value = serde_json::from_slice(
            &std::fs::read(site.join(format!("{p}data/results.csv-metadata.json"))).unwrap(),
        )
        .unwrap();
        let columns = csvw["tableSchema"]["columns"].as_array().unwrap();
        let field = |name: &str| {
            package["resources"][0]["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == name)
                .unwrap()["description"]
                .clone()
        };
        assert_eq!(columns.len(), header.len());
        for c in columns {
            assert_eq!(c["dc:description"], field(c["name"].as_str().unwrap()));
        }
        // The zip's README describes every column of both CSV files.
        let readme = zip_readme(&site, p, zip_name);
        for name in header.iter().chain(&indicator_header) {
            assert!(
                readme
                    .lines()
                    .any(|l| l.starts_with(&format!("  {name}: "))),
                "{p}README.txt: {name} undescribed\n{readme}"
            );
        }
    }
    // The English descriptions are not the Vietnamese ones.
    for (field, texts) in &said {
        assert_eq!(texts.len(), 2, "{field}");
        assert_ne!(texts[0], texts[1], "{field}");
        assert!(
            !vietnamese(&texts[1]) || texts[1].contains("tỷ đồng"),
            "{field}: {texts:?}"
        );
    }
}
