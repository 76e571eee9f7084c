//! A publisher's own units and a default scope named by the site: the
//! `units` fixture (English, three units of `site.yaml` and none of the
//! built-in ones, the default scope named "Canada", figures that get
//! worse) builds without a problem, and its pages, charts, cards and data
//! files write every value with its unit's label and decimals and call the
//! default scope by its name. Mistakes in a unit's definition, and a unit
//! that does not exist, are reported where they are.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

fn units_site() -> PathBuf {
    shared_build("units", &fixture("units").join("content"))
}

const FIRST: &str = "2023-06-15-first-review";
const SECOND: &str = "2024-06-20-second-review";

/// Every text of an SVG file, parsed as XML, in document order.
fn svg_texts(site: &Path, rel: &str) -> Vec<String> {
    let text = fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    doc.descendants()
        .filter(|n| n.is_element() && (n.has_tag_name("text") || n.has_tag_name("desc")))
        .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>())
        .collect()
}

/// The text of an HTML page of the site, white space collapsed.
fn page_text(site: &Path, rel: &str) -> String {
    let doc = html(site, rel);
    let body = doc.select(&sel("main")).next().expect("a main element");
    text_of(body)
}

#[test]
fn the_fixture_builds_without_errors_or_warnings() {
    let r = run(["check", "--format", "json", "--content"]
        .into_iter()
        .map(str::to_owned)
        .chain([fixture("units").join("content").display().to_string()]));
    assert_eq!(r.code, Some(0), "{}", r.output());
    // Its sources are inline, and said to be unchecked; nothing else.
    assert!(
        besides_unchecked(r.diagnostics()).is_empty(),
        "{}",
        r.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    let built = build_ok(
        &fixture("units").join("content"),
        &dir.path().join("site"),
        &[],
    );
    // Its two inline sources, and its address, a placeholder.
    assert!(
        built.stderr.contains("0 errors, 3 warnings")
            && built.stderr.contains("warning[placeholder-base-url]"),
        "{}",
        built.stderr
    );
}

#[test]
fn tables_write_values_with_the_units_labels_and_decimals() {
    let site = units_site();
    let text = page_text(&site, &format!("sessions/{SECOND}/index.html"));
    for shown in [
        // 712.38 with one decimal.
        "712.4 kg per person",
        "490 kg per person",
        // 745.6 with none.
        "746 Mt CO₂ eq.",
        "443 Mt CO₂ eq.",
        // 5.364 with the default two.
        "5.36 deaths per 100,000",
        "3.5 deaths per 100,000",
    ] {
        assert!(
            text.contains(shown),
            "the session page lacks {shown}: {text}"
        );
    }
    for raw in ["712.38", "745.6 ", "5.364"] {
        assert!(!text.contains(raw), "{raw} is shown with too many decimals");
    }

    let list = page_text(&site, "indicators/index.html");
    for label in ["kg per person", "Mt CO₂ eq.", "deaths per 100,000"] {
        assert!(
            list.contains(label),
            "the indicator list lacks {label}: {list}"
        );
    }
    assert!(list.contains("712.4 kg per person"), "{list}");

    let about = page_text(&site, "indicators/household-waste/index.html");
    assert!(about.contains("kg per person"), "{about}");
    assert!(about.contains("699 kg per person"), "{about}");
}

#[test]
fn charts_label_values_axes_and_units() {
    let site = units_site();
    let chart = svg_texts(
        &site,
        &format!("sessions/{SECOND}/charts/household-waste.svg"),
    );
    let all = chart.join("\n");
    assert!(all.contains("712.4 kg per person"), "{all}");
    assert!(all.contains("Unit: kg per person"), "{all}");
    // The axis: at least two ticks, plain numbers (the unit has its own
    // line), never a label cut short.
    let ticks = chart
        .iter()
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ','))
        .count();
    assert!(ticks >= 2, "axis labels are not plain numbers: {all}");
    assert!(!all.contains('…'), "a label cut short: {all}");

    let desc = &chart
        .iter()
        .find(|t| t.contains("target"))
        .unwrap_or_else(|| panic!("no description: {all}"));
    assert!(desc.contains("712.4 kg per person"), "{desc}");
    assert!(desc.contains("490 kg per person"), "{desc}");

    let overview = svg_texts(&site, &format!("sessions/{SECOND}/chart.svg")).join("\n");
    for shown in [
        "712.4 kg per person",
        "746 Mt CO₂ eq.",
        "5.36 deaths per 100,000",
    ] {
        assert!(
            overview.contains(shown),
            "the overview lacks {shown}: {overview}"
        );
    }

    let history = svg_texts(&site, "indicators/road-deaths/chart.svg").join("\n");
    assert!(history.contains("4.87 deaths per 100,000"), "{history}");
    assert!(history.contains("5.36 deaths per 100,000"), "{history}");
    assert!(history.contains("Unit: deaths per 100,000"), "{history}");
}

#[test]
fn images_and_cards_carry_the_labels() {
    let site = units_site();
    for png in [
        format!("sessions/{SECOND}/chart.png"),
        "indicators/household-waste/chart.png".to_owned(),
        "indicators/household-waste/card.png".to_owned(),
    ] {
        let bytes = fs::read(site.join(&png)).unwrap_or_else(|e| panic!("{png}: {e}"));
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{png} is not a PNG"
        );
    }
    let page = html(&site, "indicators/household-waste/index.html");
    let meta = |property: &str| -> String {
        page.select(&sel(&format!("meta[property=\"{property}\"]")))
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_else(|| panic!("no {property}"))
            .to_owned()
    };
    // The card's key number is the latest figure, written in its unit.
    assert!(
        meta("og:image:alt").contains("712.4 kg per person"),
        "{}",
        meta("og:image:alt")
    );
    assert!(
        meta("og:description").contains("712.4 kg per person"),
        "{}",
        meta("og:description")
    );
}

#[test]
fn data_files_keep_the_unit_ids_and_plain_numbers() {
    let site = units_site();
    let (_, rows) = read_results_csv(&site);
    assert_eq!(rows.len(), 8);
    let waste = rows
        .iter()
        .find(|r| r["session"] == SECOND && r["indicator"] == "household-waste")
        .expect("the 2024 waste figure");
    assert_eq!(waste["unit"], "kg-per-person");
    assert_eq!(csv_number(&waste["actual"]), Some(712.38));
    assert!(
        waste["status_reason"].contains("712.4 kg per person"),
        "{}",
        waste["status_reason"]
    );
    let mut units: Vec<&str> = rows.iter().map(|r| r["unit"].as_str()).collect();
    units.sort_unstable();
    units.dedup();
    assert_eq!(units, ["deaths-per-100k", "kg-per-person", "mt-co2e"]);

    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(site.join("data/results.json")).unwrap()).unwrap();
    let first = &json.as_array().expect("an array of records")[0];
    assert_eq!(first["unit"], "kg-per-person");

    let package: serde_json::Value =
        serde_json::from_slice(&fs::read(site.join("data/datapackage.json")).unwrap()).unwrap();
    let fields = &package["resources"][0]["schema"]["fields"];
    let unit = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "unit")
        .expect("a unit field");
    let allowed: Vec<&str> = unit["constraints"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    for id in ["percent", "kg-per-person", "mt-co2e", "deaths-per-100k"] {
        assert!(allowed.contains(&id), "{id} not allowed: {allowed:?}");
    }
}

#[test]
fn the_default_scope_has_the_sites_name() {
    let site = units_site();
    let history = svg_texts(&site, "indicators/ghg-emissions/chart.svg").join("\n");
    assert!(history.contains("Canada"), "{history}");
    assert!(history.contains("Ontario"), "{history}");
    let page = page_text(&site, "indicators/ghg-emissions/index.html");
    assert!(page.contains("Canada"), "{page}");
    // The id stays `national` in the data.
    let (_, rows) = read_results_csv(&site);
    assert!(rows.iter().any(|r| r["scope"] == "national"));
    // Nowhere is it called by the interface's word.
    for rel in files_with(&site, ".html")
        .into_iter()
        .chain(files_with(&site, ".svg"))
    {
        let text = fs::read_to_string(site.join(&rel)).unwrap();
        assert!(!text.contains("National"), "{rel} says National");
    }
    let first = page_text(&site, &format!("sessions/{FIRST}/index.html"));
    assert!(first.contains("Ontario"), "{first}");
}

/// The fixture's content in a temporary folder, with `edit` applied to
/// the text of `file`, checked; the diagnostics as JSON.
fn check_edited(file: &str, edit: impl Fn(&str) -> String) -> (Run, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture("units").join("content"), &content);
    let path = content.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changes {file}");
    fs::write(&path, edited).unwrap();
    let r = run_in(
        dir.path(),
        ["check", "--format", "json", "--content", "content"],
    );
    let diags = r.diagnostics();
    (r, diags)
}

/// (code, file, line, column) of a diagnostic.
fn place(d: &serde_json::Value) -> (String, String, u64, u64) {
    (
        d["code"].as_str().unwrap_or("").to_owned(),
        d["file"].as_str().unwrap_or("").to_owned(),
        d["line"].as_u64().unwrap_or(0),
        d["column"].as_u64().unwrap_or(0),
    )
}

#[test]
fn a_label_needs_one_place_for_the_number() {
    let (r, diags) = check_edited("site.yaml", |t| {
        t.replace("\"{} kg per person\"", "\"kg per person\"")
            .replace("\"{} deaths per 100,000\"", "\"{} deaths per {}\"")
    });
    assert_eq!(r.code, Some(1), "{}", r.output());
    let places: Vec<_> = diags.iter().map(place).collect();
    assert_eq!(
        places,
        [
            ("bad-unit-label".to_owned(), "site.yaml".to_owned(), 15, 12),
            ("bad-unit-label".to_owned(), "site.yaml".to_owned(), 21, 12),
        ],
        "{}",
        r.stdout
    );
    assert!(
        diags[0]["message"].as_str().unwrap().contains("no `{}`"),
        "{}",
        r.stdout
    );
    assert!(
        diags[1]["message"].as_str().unwrap().contains("2 `{}`"),
        "{}",
        r.stdout
    );
    // The indicators that use these units are not reported again.
    assert!(!r.stdout.contains("bad-unit\""), "{}", r.stdout);
}

#[test]
fn a_label_per_language_is_checked_per_language() {
    let (r, diags) = check_edited("site.yaml", |t| {
        t.replace(
            "label: \"{} Mt CO₂ eq.\"",
            "label: {en: \"{} Mt CO₂ eq.\", fr: \"Mt éq. CO₂\"}",
        )
        .replace("languages: [en]", "languages: [en, fr]")
    });
    assert_eq!(r.code, Some(1), "{}", r.output());
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(place)
        .collect();
    assert_eq!(
        errors,
        [("bad-unit-label".to_owned(), "site.yaml".to_owned(), 18, 38)],
        "{}",
        r.stdout
    );
}

#[test]
fn a_site_unit_cannot_take_a_built_in_id() {
    let (r, diags) = check_edited("site.yaml", |t| t.replace("  mt-co2e:\n", "  percent:\n"));
    assert_eq!(r.code, Some(1), "{}", r.output());
    let d = diags
        .iter()
        .find(|d| d["code"] == "reserved-unit")
        .unwrap_or_else(|| panic!("no reserved-unit: {}", r.stdout));
    assert_eq!(place(d).1, "site.yaml");
    assert_eq!(place(d).2, 18, "{}", r.stdout);
    assert!(d["message"].as_str().unwrap().contains("`percent`"), "{d}");
    assert!(
        d["hint"].as_str().unwrap().contains("`unit: percent`"),
        "{d}"
    );
}

#[test]
fn decimals_are_a_whole_number_from_zero_to_six() {
    for bad in ["7", "1.5", "-1"] {
        let (r, diags) = check_edited("site.yaml", |t| {
            t.replace("decimals: 0", &format!("decimals: {bad}"))
        });
        assert_eq!(r.code, Some(1), "{}", r.output());
        let places: Vec<_> = diags.iter().map(place).collect();
        assert_eq!(
            places,
            [(
                "bad-unit-decimals".to_owned(),
                "site.yaml".to_owned(),
                19,
                15
            )],
            "{bad}: {}",
            r.stdout
        );
    }
}

#[test]
fn an_unknown_unit_suggests_the_sites_units() {
    let (r, diags) = check_edited("indicators/household-waste.yaml", |t| {
        t.replace("unit: kg-per-person", "unit: kg-per-persn")
    });
    assert_eq!(r.code, Some(1), "{}", r.output());
    let d = diags
        .iter()
        .find(|d| d["code"] == "bad-unit")
        .unwrap_or_else(|| panic!("no bad-unit: {}", r.stdout));
    assert_eq!(
        place(d),
        (
            "bad-unit".to_owned(),
            "indicators/household-waste.yaml".to_owned(),
            2,
            7
        )
    );
    assert_eq!(d["hint"], "did you mean `kg-per-person`?");
    let expected = d["expected"].as_str().unwrap();
    assert!(
        expected.contains("percent") && expected.contains("deaths-per-100k"),
        "{expected}"
    );
}

/// On a phone, a long unit label is read whole: the narrow overview wraps
/// figures that do not fit their lane onto a second line instead of
/// cutting them ("490 kg per…").
#[test]
fn the_narrow_overview_writes_long_units_whole() {
    let site = units_site();
    let texts = svg_texts(&site, &format!("sessions/{SECOND}/chart.narrow.svg"));
    let drawn: Vec<&String> = texts.iter().filter(|t| t.len() < 120).collect();
    assert!(
        drawn.iter().all(|t| !t.contains('…')),
        "a figure cut short: {drawn:?}"
    );
    let all = texts.join("\n");
    for whole in ["target 490 kg per", "deaths per 100,000"] {
        assert!(all.contains(whole), "{whole}: {all}");
    }
}
