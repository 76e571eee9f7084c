//! The built site as a whole: every path of the output contract exists,
//! every page and chart is well formed and accessible, every relative link
//! resolves, the data files carry the contract columns, and two builds of
//! the same input are identical byte for byte.
//!
//! Each check runs on the small `basic` fixture and on the bundled content.

use crate::common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path};

use common::*;

/// The CSV columns as published in docs/output.md. Columns may be added
/// after these, never renamed, removed or reordered.
const CONTRACT_COLUMNS: [&str; 20] = [
    "session",
    "date",
    "indicator",
    "scope",
    "actual",
    "target",
    "target_date",
    "baseline",
    "baseline_date",
    "unit",
    "status",
    "as_of",
    "out_of",
    "qualifier",
    "direction",
    "source",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
];

/// Columns that hold numbers: a dot decimal, or empty when absent.
const NUMBER_COLUMNS: [&str; 4] = ["actual", "target", "baseline", "out_of"];

/// The languages of a content folder, default first, read from site.yaml.
fn languages(content: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(content.join("site.yaml")).expect("site.yaml");
    let v: serde_yaml::Value = serde_yaml::from_str(&text).expect("site.yaml parses");
    match v.get("languages").and_then(|l| l.as_sequence()) {
        Some(seq) => seq
            .iter()
            .map(|l| l.as_str().expect("language code").to_owned())
            .collect(),
        None => vec!["vi".to_owned()],
    }
}

/// The ids of the entries of `content/<dir>`: folder names, or YAML file
/// stems.
fn ids_in(content: &Path, dir: &str) -> Vec<String> {
    names_in(&content.join(dir))
        .into_iter()
        .map(|n| n.strip_suffix(".yaml").map(str::to_owned).unwrap_or(n))
        .collect()
}

/// Builds `content` into a fresh folder and runs every check on it.
fn audit(content: &Path, site: &Path) {
    check_contract_paths(content, site);
    check_data_files(content, site);
    check_svgs(site);
    check_pages(content, site);
}

#[test]
fn fixture_site_meets_the_contract() {
    audit(&fixture("basic").join("content"), &basic_site());
}

#[test]
fn bundled_site_meets_the_contract() {
    audit(&repo().join("content"), &bundled_site());
}

/// Every path listed in the output contract exists, for every language.
fn check_contract_paths(content: &Path, site: &Path) {
    let langs = languages(content);
    let sessions = ids_in(content, "sessions");
    let indicators = ids_in(content, "indicators");
    assert!(!sessions.is_empty() && !indicators.is_empty());
    let (_, rows) = read_results_csv(site);
    let mut expected: Vec<String> = vec!["data/results.csv".into(), "data/results.json".into()];
    for (i, lang) in langs.iter().enumerate() {
        let p = if i == 0 {
            String::new()
        } else {
            format!("{lang}/")
        };
        for page in [
            "index.html",
            "404.html",
            "sessions/index.html",
            "indicators/index.html",
        ] {
            expected.push(format!("{p}{page}"));
        }
        for s in &sessions {
            expected.push(format!("{p}sessions/{s}/index.html"));
            expected.push(format!("{p}sessions/{s}/chart.svg"));
        }
        for ind in &indicators {
            expected.push(format!("{p}indicators/{ind}/index.html"));
            expected.push(format!("{p}indicators/{ind}/chart.svg"));
        }
        for r in &rows {
            let (s, ind, scope) = (&r["session"], &r["indicator"], &r["scope"]);
            expected.push(if scope == "national" {
                format!("{p}sessions/{s}/charts/{ind}.svg")
            } else {
                format!("{p}sessions/{s}/charts/{ind}.{scope}.svg")
            });
        }
    }
    // Every chart also has the narrow form drawn for phones beside it.
    let narrow: Vec<String> = expected
        .iter()
        .filter(|p| p.ends_with(".svg"))
        .map(|p| format!("{}.narrow.svg", p.trim_end_matches(".svg")))
        .collect();
    expected.extend(narrow);
    let missing: Vec<&String> = expected
        .iter()
        .filter(|p| !site.join(p).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "contract paths missing from the output: {missing:?}"
    );

    // The per-result charts are exactly the results: none missing (above),
    // none left over from something that is not a result.
    let charts: BTreeSet<String> = files_with(site, ".svg")
        .into_iter()
        .filter(|p| p.contains("/charts/"))
        .collect();
    let wanted: BTreeSet<String> = expected
        .into_iter()
        .filter(|p| p.contains("/charts/"))
        .collect();
    assert_eq!(charts, wanted, "per-result charts do not match the results");
}

/// `results.csv` starts with the contract columns, numbers use a dot
/// decimal, and `results.json` holds the same records.
fn check_data_files(content: &Path, site: &Path) {
    let (header, rows) = read_results_csv(site);
    assert!(
        header.len() >= CONTRACT_COLUMNS.len()
            && header[..CONTRACT_COLUMNS.len()] == CONTRACT_COLUMNS,
        "results.csv must start with the contract columns {CONTRACT_COLUMNS:?}, got {header:?}"
    );
    assert_eq!(
        header.iter().map(String::as_str).collect::<Vec<_>>(),
        minhbach::internals::render::data::CSV_COLUMNS,
        "the header is the library's column list"
    );
    assert!(!rows.is_empty());
    let sessions: BTreeSet<String> = ids_in(content, "sessions").into_iter().collect();
    let indicators: BTreeSet<String> = ids_in(content, "indicators").into_iter().collect();
    let statuses: Vec<&str> = minhbach::internals::compute::Status::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    for r in &rows {
        assert!(sessions.contains(&r["session"]), "unknown session in {r:?}");
        assert!(
            indicators.contains(&r["indicator"]),
            "unknown indicator in {r:?}"
        );
        assert!(
            statuses.contains(&r["status"].as_str()),
            "unknown status in {r:?}"
        );
        for col in ["date", "as_of"] {
            assert!(
                minhbach::internals::validate::parse_date(&r[col]).is_some(),
                "{col} is not an ISO date in {r:?}"
            );
        }
        for col in ["target_date", "baseline_date"] {
            assert!(
                r[col].is_empty() || minhbach::internals::validate::parse_date(&r[col]).is_some(),
                "{col} in {r:?}"
            );
        }
        for col in NUMBER_COLUMNS {
            csv_number(&r[col]);
        }
        // The status follows from the figures.
        let has_actual = !r["actual"].is_empty();
        let has_target = !r["target"].is_empty();
        match r["status"].as_str() {
            "no-data" => assert!(!has_actual, "{r:?}"),
            "no-target" => assert!(has_actual && !has_target, "{r:?}"),
            _ => assert!(has_actual && has_target, "{r:?}"),
        }
    }

    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.join("data/results.json")).expect("results.json"),
    )
    .expect("results.json parses");
    let records = json.as_array().expect("results.json is an array");
    assert_eq!(
        records.len(),
        rows.len(),
        "the JSON and CSV hold the same records"
    );
    for (rec, row) in records.iter().zip(&rows) {
        let obj = rec.as_object().expect("each record is an object");
        for col in CONTRACT_COLUMNS {
            let v = obj
                .get(col)
                .unwrap_or_else(|| panic!("JSON record lacks `{col}`: {rec}"));
            let cell = &row[col];
            if NUMBER_COLUMNS.contains(&col) {
                assert_eq!(
                    v.as_f64(),
                    csv_number(cell),
                    "`{col}` differs between JSON and CSV: {rec}"
                );
            } else if v.is_null() {
                assert!(
                    cell.is_empty(),
                    "`{col}` is null in JSON but `{cell}` in CSV"
                );
            } else {
                let s = v
                    .as_str()
                    .unwrap_or_else(|| panic!("`{col}` is a string or null: {rec}"));
                // The CSV neutralises spreadsheet formulas with a leading apostrophe.
                assert!(
                    cell == s || cell.strip_prefix('\'') == Some(s),
                    "`{col}`: JSON `{s}`, CSV `{cell}`"
                );
            }
        }
    }
}

/// Every SVG parses as XML and is a self-contained, accessible image.
fn check_svgs(site: &Path) {
    let svgs = files_with(site, ".svg");
    assert!(!svgs.is_empty());
    for rel in &svgs {
        let bytes = std::fs::read(site.join(rel)).expect("read svg");
        assert!(
            bytes.len() < 30_000,
            "{rel} is {} bytes; a chart should stay under 30 KB",
            bytes.len()
        );
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"));
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{rel} is not well-formed XML: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg", "{rel}");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg"),
            "{rel}"
        );
        assert_eq!(
            root.attribute("role"),
            Some("img"),
            "{rel} needs role=\"img\""
        );
        let view_box = root
            .attribute("viewBox")
            .unwrap_or_else(|| panic!("{rel} has no viewBox"));
        let nums: Vec<f64> = view_box
            .split_whitespace()
            .map(|n| n.parse().expect("viewBox number"))
            .collect();
        assert!(
            nums.len() == 4 && nums[2] > 0.0 && nums[3] > 0.0,
            "{rel}: viewBox `{view_box}`"
        );
        assert!(
            root.attribute("width").is_none_or(|w| w.ends_with('%')),
            "{rel}: a fixed width stops it scaling"
        );
        for tag in ["title", "desc"] {
            let el = root
                .children()
                .find(|n| n.has_tag_name(tag))
                .unwrap_or_else(|| panic!("{rel} has no <{tag}> child"));
            let t: String = el.descendants().filter_map(|n| n.text()).collect();
            assert!(!t.trim().is_empty(), "{rel}: <{tag}> is empty");
        }
        // Labelled by its own title and description.
        if let Some(ids) = root.attribute("aria-labelledby") {
            for id in ids.split_whitespace() {
                assert!(
                    doc.descendants().any(|n| n.attribute("id") == Some(id)),
                    "{rel}: aria-labelledby `{id}` is not in the file"
                );
            }
        }
        // Self-contained: nothing fetched from elsewhere.
        for n in doc.descendants().filter(|n| n.is_element()) {
            for a in n.attributes() {
                if a.name() == "href" {
                    assert!(
                        a.value().starts_with('#'),
                        "{rel}: external reference {}",
                        a.value()
                    );
                }
            }
        }
        assert!(
            !text.contains("@import") && !text.contains("url(http"),
            "{rel} loads external CSS"
        );
    }
}

/// The ids of each parsed page, cached for fragment checks.
type IdCache = HashMap<String, BTreeSet<String>>;

fn page_ids(site: &Path, rel: &str, cache: &mut IdCache) -> BTreeSet<String> {
    cache
        .entry(rel.to_owned())
        .or_insert_with(|| {
            html(site, rel)
                .select(&sel("[id]"))
                .filter_map(|e| e.value().id().map(str::to_owned))
                .collect()
        })
        .clone()
}

/// Resolves `link` (without fragment) against the folder of the page at
/// `from`; `None` when it leaves the site.
fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<String> = from.split('/').map(str::to_owned).collect();
    parts.pop();
    for c in Path::new(link).components() {
        match c {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Every page parses, declares its language, has one h1 and a skip link,
/// and every relative link or source in it resolves to a file of the site.
fn check_pages(content: &Path, site: &Path) {
    let langs = languages(content);
    let pages = files_with(site, ".html");
    let mut ids = IdCache::new();
    let mut broken: Vec<String> = Vec::new();
    for rel in &pages {
        let doc = html(site, rel);
        let lang = doc
            .select(&sel("html"))
            .next()
            .and_then(|h| h.value().attr("lang"))
            .unwrap_or_else(|| panic!("{rel}: <html> has no lang"));
        // Embed pages mirror the chart paths under `embed/`.
        let embed = rel.strip_prefix("embed/");
        let in_tree = embed.unwrap_or(rel);
        let expected_lang = langs[1..]
            .iter()
            .find(|l| in_tree.starts_with(&format!("{l}/")))
            .unwrap_or(&langs[0]);
        assert_eq!(lang, expected_lang, "{rel}: wrong lang");
        let h1 = doc.select(&sel("h1")).count();
        assert_eq!(h1, 1, "{rel} has {h1} h1 elements");
        assert!(
            !doc.select(&sel("title"))
                .next()
                .map(text_of)
                .unwrap_or_default()
                .is_empty(),
            "{rel}: empty <title>"
        );

        let own_ids: Vec<String> = doc
            .select(&sel("[id]"))
            .filter_map(|e| e.value().id().map(str::to_owned))
            .collect();
        let unique: BTreeSet<&String> = own_ids.iter().collect();
        assert_eq!(unique.len(), own_ids.len(), "{rel} repeats an id");

        // The skip link is the first link of the body and lands on an id.
        // An embed page is one figure for an iframe: nothing to skip.
        if embed.is_none() {
            let first = doc
                .select(&sel("body a[href]"))
                .next()
                .unwrap_or_else(|| panic!("{rel} has no links"));
            let href = first.value().attr("href").unwrap_or_default();
            let target = href
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{rel}: the first link `{href}` is not a skip link"));
            assert!(
                unique.contains(&target.to_owned()),
                "{rel}: skip link target #{target} is missing"
            );
        }

        for img in doc.select(&sel("img")) {
            assert!(
                img.value().attr("alt").is_some(),
                "{rel}: an <img> without alt"
            );
        }

        let root = crate::common::root_of_404(rel, &doc);
        for (selector, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
            ("iframe[src]", "src"),
            ("object[data]", "data"),
        ] {
            for el in doc.select(&sel(selector)) {
                let link = el.value().attr(attr).unwrap_or_default();
                // The 404 page's links start from the site's root.
                let (rel, link) = match &root {
                    Some(root) if link.starts_with('/') => match link.strip_prefix(root.as_str()) {
                        Some(from_root) => ("index.html", from_root),
                        None => {
                            broken
                                .push(format!("{rel}: {link} is not under the site's root {root}"));
                            continue;
                        }
                    },
                    _ => (rel.as_str(), link),
                };
                if let Some(frag) = link.strip_prefix('#') {
                    if !unique.contains(&frag.to_owned()) {
                        broken.push(format!("{rel}: {link}"));
                    }
                    continue;
                }
                if link.starts_with('/') {
                    broken.push(format!(
                        "{rel}: {link} is not relative (the site must work from any folder)"
                    ));
                    continue;
                }
                if let Some((scheme, _)) = link.split_once(':') {
                    if !scheme.contains('/') {
                        assert!(
                            ["http", "https", "mailto"].contains(&scheme),
                            "{rel}: link with scheme `{scheme}`"
                        );
                        continue;
                    }
                }
                let (path, frag) = link.split_once('#').unwrap_or((link, ""));
                let path = path.split('?').next().unwrap_or_default();
                let Some(to) = resolve(rel, path) else {
                    broken.push(format!("{rel}: {link} leaves the site"));
                    continue;
                };
                if !site.join(&to).is_file() {
                    broken.push(format!("{rel}: {link} → {to} does not exist"));
                } else if !frag.is_empty()
                    && to.ends_with(".html")
                    && !page_ids(site, &to, &mut ids).contains(frag)
                {
                    broken.push(format!("{rel}: {link} → {to} has no #{frag}"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// Two builds of the same input are the same, file for file and byte for
/// byte (no timestamps, no order that depends on threads or hashing).
fn assert_deterministic(content: &Path, a: &Path) {
    let tmp = tempfile::tempdir().expect("temp dir");
    // Another folder, under another name, from another working directory.
    let b = tmp.path().join("b").join("out");
    build_ok(content, &b, &[]);
    let (sa, sb) = (snapshot(a), snapshot(&b));
    assert!(sa.len() > 10);
    let names_a: Vec<&String> = sa.keys().collect();
    let names_b: Vec<&String> = sb.keys().collect();
    assert_eq!(names_a, names_b, "the two builds wrote different files");
    let differing: Vec<&String> = sa
        .iter()
        .filter(|(k, v)| sb.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        differing.is_empty(),
        "files differ between two builds: {differing:?}"
    );
}

#[test]
fn builds_are_deterministic() {
    assert_deterministic(&fixture("basic").join("content"), &basic_site());
    assert_deterministic(&repo().join("content"), &bundled_site());
}

/// Rebuilding over an existing site replaces it completely: a file that
/// the content no longer produces disappears, and nothing is left beside it.
#[test]
fn rebuild_replaces_the_previous_site() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = content_with(&tmp.path().join("work"), None);
    let out_parent = tmp.path().join("out");
    let site = out_parent.join("site");
    build_ok(&content, &site, &[]);
    let stale = site.join("sessions/2022-04-27-phien-hop-thu-2/index.html");
    assert!(stale.is_file());
    std::fs::remove_dir_all(content.join("sessions/2022-04-27-phien-hop-thu-2"))
        .expect("remove a session");
    // Its two indicators are now unused: a warning, not an error.
    let r = build_ok(&content, &site, &[]);
    assert!(r.stderr.contains("unused-indicator"), "{}", r.stderr);
    assert!(
        !stale.exists(),
        "a page of a removed session survived the rebuild"
    );
    assert_eq!(
        names_in(&out_parent),
        ["site"],
        "staging folders left beside the output"
    );
}

/// Each page of the site links to the same page in the other language.
#[test]
fn language_switcher_links_the_same_page() {
    let site = basic_site();
    let mut checked = 0;
    // Embed pages are shown inside other sites' pages, without navigation.
    for rel in files_with(&site, ".html")
        .into_iter()
        .filter(|r| !r.starts_with("embed/"))
    {
        let doc = html(&site, &rel);
        let other = if let Some(rest) = rel.strip_prefix("en/") {
            rest.to_owned()
        } else {
            format!("en/{rel}")
        };
        let root = crate::common::root_of_404(&rel, &doc);
        let hrefs: Vec<String> = doc
            .select(&sel("a[hreflang]"))
            .filter_map(|a| {
                let h = a.value().attr("href")?;
                let h = h.split('#').next().unwrap_or_default();
                match root.as_deref().and_then(|r| h.strip_prefix(r)) {
                    Some(from_root) => Some(from_root.to_owned()),
                    None => resolve(&rel, h),
                }
            })
            .collect();
        assert!(
            hrefs.contains(&other),
            "{rel}: no switcher link to {other} (found {hrefs:?})"
        );
        checked += 1;
    }
    assert!(checked > 20);
}

/// Links are relative to each page, so the site works from a sub-folder
/// and from disk; `--base-url` only changes absolute URLs.
#[test]
fn base_url_changes_only_absolute_urls() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let content = fixture("basic").join("content");
    let a = basic_site();
    let b = tmp.path().join("b").join("site");
    build_ok(
        &content,
        &b,
        &["--base-url", "https://journal.example.net/data/minhbach/"],
    );
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    let home = String::from_utf8(sb["index.html"].clone()).expect("utf-8");
    let doc = scraper::Html::parse_document(&home);
    let canonical = doc
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href"));
    assert_eq!(
        canonical,
        Some("https://journal.example.net/data/minhbach/")
    );
    // Outside absolute URLs, the pages are the same. Each chart prints
    // its own address, which may wrap to another line with a longer base
    // URL: the sizes the pages and embed codes give charts may differ, so
    // numbers are left out of the comparison (links have none of their
    // own: both sites have the same content).
    let strip = |bytes: &[u8], base: &str| {
        let page = String::from_utf8_lossy(bytes).replace(base, "BASE/");
        let mut out = String::with_capacity(page.len());
        for c in page.chars() {
            if !c.is_ascii_digit() {
                out.push(c);
            } else if !out.ends_with('#') {
                out.push('#');
            }
        }
        out
    };
    let mut differing = 0;
    for (k, va) in &sa {
        if k.ends_with(".html") {
            // The 404 pages' links start from the path of the base URL.
            let x = strip(va, "https://example.org/minhbach/").replace("\"/minhbach/", "\"ROOT/");
            let y = strip(&sb[k], "https://journal.example.net/data/minhbach/")
                .replace("\"/data/minhbach/", "\"ROOT/");
            assert_eq!(x, y, "{k} differs beyond its absolute URLs");
            differing += usize::from(va != &sb[k]);
        }
    }
    assert!(differing > 0, "the base URL appears nowhere");
}
