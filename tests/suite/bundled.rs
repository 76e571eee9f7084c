//! The bundled content: the third session (8 August 2022) must show the
//! whole indicator table of the seed reports, with the figures exactly as
//! the source register records them, formatted per language on the pages
//! and with dot decimals in the data files; and `check` must find nothing
//! to complain about.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use minhbach::internals::compute::Status;
use minhbach::internals::i18n;
use minhbach::model::Lang;

const THIRD: &str = "2022-08-08-phien-hop-thu-3";

/// The prefix of the register labels of the 2022 targets in the table.
const TARGET_LABEL: &str = "Mục tiêu năm 2022: ";

/// A figure as the register prints it: `"11,27%"`, `"100%"`, or `"-"` and
/// `""` for a cell the table leaves without a figure.
#[derive(Debug, Clone, PartialEq)]
struct Printed(String);

impl Printed {
    /// The number, read the Vietnamese way (comma decimal). The table only
    /// prints percentages, so anything else is a surprise worth failing on.
    fn value(&self) -> Option<f64> {
        let s = self.0.trim();
        if s.is_empty() || s == "-" {
            return None;
        }
        let digits = s
            .strip_suffix('%')
            .unwrap_or_else(|| panic!("table figure `{s}` is not a percentage"));
        Some(
            digits
                .replace(',', ".")
                .parse()
                .unwrap_or_else(|e| panic!("table figure `{s}`: {e}")),
        )
    }

    /// The same figure as an English page writes it (dot decimal).
    fn english(&self) -> String {
        self.0.replace(',', ".")
    }
}

/// One row of the seed table: the six-month actual and the 2022 target, as
/// the register entry prints them.
#[derive(Debug)]
struct TableRow {
    label: String,
    actual: Printed,
    target: Printed,
}

/// Reads the indicator table out of a register file: each figure labelled
/// "Mục tiêu năm 2022: <name>" is a target, and its actual is the figure
/// whose label is "<name>, 6 tháng…". Rows come in the order printed.
fn register_table(register_file: &Path) -> Vec<TableRow> {
    let text = std::fs::read_to_string(register_file).expect("register file");
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("register file parses");
    let figures: Vec<(String, String)> = doc["figures"]
        .as_sequence()
        .expect("figures")
        .iter()
        .map(|f| {
            (
                f["label"].as_str().expect("label").to_owned(),
                f["value"].as_str().expect("value as text").to_owned(),
            )
        })
        .collect();
    figures
        .iter()
        .filter_map(|(label, value)| {
            let name = label.strip_prefix(TARGET_LABEL)?.to_lowercase();
            let (actual_label, actual) = figures
                .iter()
                .find(|(l, _)| l.to_lowercase().starts_with(&format!("{name}, 6 tháng")))
                .unwrap_or_else(|| panic!("no six-month figure for the target `{label}`"));
            Some(TableRow {
                label: actual_label.clone(),
                actual: Printed(actual.clone()),
                target: Printed(value.clone()),
            })
        })
        .collect()
}

/// The results of the third session that have a target: the seed table.
fn third_session_table_rows(site: &Path) -> Vec<BTreeMap<String, String>> {
    let (_, rows) = read_results_csv(site);
    rows.into_iter()
        .filter(|r| r["session"] == THIRD && !r["target"].is_empty())
        .collect()
}

#[test]
fn third_session_data_matches_the_register() {
    let site = bundled_site();
    let rows = third_session_table_rows(&site);
    // Twelve indicators, one of them (dossier digitisation) in two rows for
    // the ministry/province and district one-stop shops.
    assert_eq!(
        rows.len(),
        13,
        "the third session's table has 13 rows: {rows:#?}"
    );

    let source = &rows[0]["source"];
    assert!(
        rows.iter().all(|r| &r["source"] == source),
        "every table row cites the same report"
    );
    let table = register_table(&repo().join("seeds").join(format!("{source}.yaml")));
    assert_eq!(
        table.len(),
        rows.len(),
        "the register's table and the CSV have as many rows"
    );

    let mut missing = 0;
    for (row, printed) in rows.iter().zip(&table) {
        let what = format!("{} (register: {})", row["indicator"], printed.label);
        assert_eq!(
            csv_number(&row["actual"]),
            printed.actual.value(),
            "actual of {what}"
        );
        assert_eq!(
            csv_number(&row["target"]),
            printed.target.value(),
            "target of {what}"
        );
        assert_eq!(
            row["target_date"], "2022-12-31",
            "{what}: the targets are for 2022"
        );
        assert_eq!(
            row["as_of"], "2022-06-30",
            "{what}: the actuals are for the first half"
        );
        assert_eq!(row["date"], "2022-08-08");
        assert_eq!(row["scope"], "national");
        assert_eq!(row["unit"], "percent");
        let expected_status = match (printed.actual.value(), printed.target.value()) {
            (None, _) => "no-data",
            (Some(a), Some(t)) if row["direction"] == "up" && a >= t => "achieved",
            (Some(a), Some(t)) if row["direction"] == "down" && a <= t => "achieved",
            // No baseline in the table and no comparable earlier figure: a
            // June figure against a December target cannot be judged.
            _ => "pending",
        };
        assert_eq!(row["status"], expected_status, "status of {what}");
        missing += usize::from(printed.actual.value().is_none());
    }
    assert_eq!(
        missing, 3,
        "the table has two \"-\" cells and one blank cell"
    );
    let achieved = rows.iter().filter(|r| r["status"] == "achieved").count();
    assert_eq!(achieved, 3, "three targets were met early");
}

/// The cells of the results-table row for `indicator` (national scope):
/// `[actual, target, due, status]`, as displayed.
fn page_row(doc: &scraper::Html, indicator: &str) -> Vec<String> {
    let link_end = format!("indicators/{indicator}/index.html");
    let rows: Vec<scraper::ElementRef> = doc
        .select(&sel("table.results tbody tr"))
        .filter(|tr| {
            let link = tr
                .select(&sel("th a[href]"))
                .next()
                .and_then(|a| a.value().attr("href"));
            link.is_some_and(|h| h.ends_with(&link_end))
                && tr.select(&sel(".scope")).next().is_none()
        })
        .collect();
    assert_eq!(rows.len(), 1, "one table row for {indicator}");
    rows[0].select(&sel("td")).map(text_of).collect()
}

/// Checks the third session page in `lang` against the register table,
/// and returns the page's text.
fn check_third_session_page(
    site: &Path,
    lang: &str,
    page: &str,
    show: impl Fn(&Printed) -> String,
    due: &str,
) -> String {
    let l = Lang::parse(lang).expect("language");
    let doc = html(site, page);
    let html_lang = doc
        .select(&sel("html"))
        .next()
        .and_then(|h| h.value().attr("lang"));
    assert_eq!(html_lang, Some(lang), "{page}: lang");
    let rows = third_session_table_rows(site);
    let source = &rows[0]["source"];
    let table = register_table(&repo().join("seeds").join(format!("{source}.yaml")));
    for (row, printed) in rows.iter().zip(&table) {
        let id = &row["indicator"];
        let cells = page_row(&doc, id);
        assert!(cells.len() >= 4, "{page}: {id} row has cells {cells:?}");
        let expected_actual = match printed.actual.value() {
            Some(_) => show(&printed.actual),
            None => locale(&l).t("not_reported").to_owned(),
        };
        assert_eq!(cells[0], expected_actual, "{page}: actual of {id}");
        assert_eq!(cells[1], show(&printed.target), "{page}: target of {id}");
        assert_eq!(cells[2], due, "{page}: due date of {id}");
        let status = Status::ALL
            .into_iter()
            .find(|s| s.as_str() == row["status"])
            .expect("status");
        // The status in words and symbol, then the reason for it.
        let badge = format!("{} {}", status.symbol(), i18n::status(status, &locale(&l)));
        assert!(
            cells[3].starts_with(&badge) && cells[3].len() > badge.len() + 20,
            "{page}: status of {id} in words and symbol, with its reason: {}",
            cells[3]
        );
    }
    text_of(doc.root_element())
}

#[test]
fn third_session_page_shows_the_table_in_vietnamese() {
    let site = bundled_site();
    let page = format!("sessions/{THIRD}/index.html");
    let text = check_third_session_page(&site, "vi", &page, |p| p.0.clone(), "31/12/2022");
    for figure in ["11,27%", "70,91%", "36,91%", "45,78%", "71,75%"] {
        assert!(text.contains(figure), "{page} lacks {figure}");
    }
    assert!(
        text.contains("08/08/2022"),
        "the session date in Vietnamese style"
    );
    // Notes in Vietnamese, rendered from Markdown (the table in them).
    let doc = html(&site, &page);
    assert!(
        doc.select(&sel("section.notes table")).next().is_some(),
        "the notes' Markdown table is rendered"
    );
    // Larger numbers group thousands with dots.
    assert!(text.contains("457.249"), "{page} lacks 457.249");
}

#[test]
fn third_session_page_shows_the_table_in_english() {
    let site = bundled_site();
    let page = format!("en/sessions/{THIRD}/index.html");
    let text = check_third_session_page(&site, "en", &page, Printed::english, "31 Dec 2022");

    for figure in ["11.27%", "70.91%", "36.91%", "457,249", "8 Aug 2022"] {
        assert!(text.contains(figure), "{page} lacks {figure}");
    }
    assert!(
        !text.contains("11,27%"),
        "no Vietnamese decimal comma on the English page"
    );
}

/// The charts speak the page's language and state the figures in words.
#[test]
fn third_session_charts_describe_the_figures() {
    let site = bundled_site();
    let desc = |rel: &str| -> String {
        let text = std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let doc = roxmltree::Document::parse(&text).expect("svg parses");
        let root = doc.root_element();
        let d = root
            .children()
            .find(|n| n.has_tag_name("desc"))
            .expect("desc");
        d.descendants().filter_map(|n| n.text()).collect()
    };
    let vi = desc(&format!(
        "sessions/{THIRD}/charts/ecommerce-retail-share.svg"
    ));
    assert!(
        vi.contains("11,27%") && vi.contains("7%"),
        "Vietnamese chart description: {vi}"
    );
    let en = desc(&format!(
        "en/sessions/{THIRD}/charts/ecommerce-retail-share.svg"
    ));
    assert!(
        en.contains("11.27%") && en.contains("7%"),
        "English chart description: {en}"
    );
    let overview = desc(&format!("sessions/{THIRD}/chart.svg"));
    for figure in ["11,27%", "70,91%", "36,91%"] {
        assert!(
            overview.contains(figure),
            "overview chart description lacks {figure}"
        );
    }
}

/// The home page names the latest session's "N of M targets achieved" and
/// lists every session, newest first.
#[test]
fn home_lists_sessions_newest_first() {
    let site = bundled_site();
    let (_, rows) = read_results_csv(&site);
    let mut sessions: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r["date"].clone(), r["session"].clone()))
        .collect();
    sessions.sort();
    sessions.dedup();
    let on_disk = names_in(&repo().join("content/sessions"));
    assert_eq!(
        sessions.len(),
        on_disk.len(),
        "every bundled session has results"
    );

    let doc = html(&site, "index.html");
    let links: Vec<String> = doc
        .select(&sel("main a[href]"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    // The list of all sessions comes last on the page; take each session's
    // last link and compare their order.
    let mut last: Vec<(usize, &str)> = sessions
        .iter()
        .map(|(_, id)| {
            let pos = links
                .iter()
                .rposition(|h| h == &format!("sessions/{id}/index.html"))
                .unwrap_or_else(|| panic!("the home page does not link to {id}"));
            (pos, id.as_str())
        })
        .collect();
    last.sort();
    let newest_first: Vec<&str> = sessions.iter().rev().map(|(_, id)| id.as_str()).collect();
    assert_eq!(
        last.into_iter().map(|(_, id)| id).collect::<Vec<_>>(),
        newest_first
    );

    let (latest_date, latest) = sessions.last().expect("a session");
    let latest_rows: Vec<&BTreeMap<String, String>> = rows
        .iter()
        .filter(|r| &r["session"] == latest && &r["date"] == latest_date)
        .collect();
    // Measured against a target: the results that have both figures.
    let measured = latest_rows
        .iter()
        .filter(|r| ["achieved", "on-track", "behind"].contains(&r["status"].as_str()))
        .count();
    let achieved = latest_rows
        .iter()
        .filter(|r| r["status"] == "achieved")
        .count();
    let vi = Lang::parse("vi").expect("vi");
    let summary = if measured > 0 {
        format!(
            "{achieved} {} {measured} {}",
            locale(&vi).t("of"),
            locale(&vi).t("targets_achieved")
        )
    } else {
        // Nothing to count: the page says so instead of "0 of 0".
        locale(&vi).t("no_targets_latest").to_owned()
    };
    assert!(!summary.is_empty(), "no interface string for the summary");
    let text = text_of(doc.root_element());
    assert!(text.contains(&summary), "the home page lacks `{summary}`");
    assert!(
        !text.contains(&format!("0 {} 0", locale(&vi).t("of"))),
        "the home page says 0 of 0"
    );
}

#[test]
fn check_passes_on_the_bundled_content_with_only_the_address_warning() {
    // The bundled content is published nowhere: its address is a
    // placeholder, which is its one warning, and none with a real one.
    let r = run(["check", "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.output());
    let codes: Vec<_> = r.diagnostics().iter().map(|d| d["code"].clone()).collect();
    assert_eq!(codes, ["placeholder-base-url"], "{}", r.stdout);
    // At the address in site.yaml, line and column.
    let text = std::fs::read_to_string(repo().join("content/site.yaml")).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("base_url:"))
        .unwrap();
    let d = &r.diagnostics()[0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(11)),
        "{d}"
    );
    let human = run(["check"]);
    assert_eq!(human.code, Some(0), "{}", human.output());
    assert!(
        human.stderr.contains("0 errors, 1 warning"),
        "{}",
        human.stderr
    );
}

/// `check` writes nothing: not the output folder, not a staging folder.
#[test]
fn check_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_tree(&repo().join("content"), &tmp.path().join("content"));
    copy_tree(&repo().join("seeds"), &tmp.path().join("seeds"));
    let before = snapshot(tmp.path());
    let r = run_in(tmp.path(), ["check"]);
    assert_eq!(r.code, Some(0), "{}", r.output());
    assert_eq!(names_in(tmp.path()), ["content", "seeds"]);
    assert!(before == snapshot(tmp.path()), "check changed a file");
}
