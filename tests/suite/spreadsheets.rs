//! `minhbach import` and `minhbach export`: a session's results from a
//! spreadsheet (.xlsx, .ods, .csv) into `session.yaml`, every problem named
//! by its cell before anything is written, and the workbook to fill in,
//! which imports back without changing anything.

use std::fs;
use std::path::{Path, PathBuf};

use calamine::Reader;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{self, copy_tree, fixture, repo, run_in, snapshot, Run};

const THIRD: &str = "2022-08-08-phien-hop-thu-3";

/// Snapshots in tests/fixtures/spreadsheets/snapshots/.
fn snapshots() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(fixture("spreadsheets").join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// The bundled content and register, copied into `dir`.
fn bundled(dir: &Path) {
    copy_tree(&repo().join("content"), &dir.join("content"));
    copy_tree(&repo().join("seeds"), &dir.join("seeds"));
}

/// `minhbach <args> --lang en` in `dir`.
fn minhbach(dir: &Path, args: &[&str]) -> Run {
    let mut args = args.to_vec();
    if !args.contains(&"--lang") {
        args.extend(["--lang", "en"]);
    }
    run_in(dir, args)
}

fn session_file(dir: &Path, session: &str) -> PathBuf {
    dir.join("content/sessions")
        .join(session)
        .join("session.yaml")
}

fn check_passes(dir: &Path) {
    let r = minhbach(dir, &["check"]);
    assert_eq!(r.code, Some(0), "check fails:\n{}", r.output());
}

/// Exports every session of `content` and imports it back: no file of the
/// content changes.
fn round_trip(dir: &Path) {
    let before = snapshot(&dir.join("content"));
    let sessions = common::names_in(&dir.join("content/sessions"));
    assert!(!sessions.is_empty());
    for s in &sessions {
        let file = format!("{s}.xlsx");
        let r = minhbach(dir, &["export", &file, "--session", s]);
        assert_eq!(r.code, Some(0), "{}", r.output());
        let r = minhbach(dir, &["import", &file, "--session", s]);
        assert_eq!(r.code, Some(0), "{}", r.output());
        assert!(r.stderr.contains("nothing changed"), "{}", r.stderr);
    }
    assert!(
        before == snapshot(&dir.join("content")),
        "the content changed"
    );
}

#[test]
fn exporting_and_importing_back_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    bundled(temp.path());
    round_trip(temp.path());

    // A site in French and English, and one with units of its own.
    for name in ["bilingual-fr", "units"] {
        let other = tempfile::tempdir().unwrap();
        copy_tree(&fixture(name), other.path());
        round_trip(other.path());
    }
}

#[test]
fn an_xlsx_becomes_the_yaml_a_publisher_would_type() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    bundled(dir);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let header = [
        "indicator",
        "name",
        "actual",
        "qualifier",
        "out_of",
        "as_of",
        "target",
        "target_date",
        "source",
        "note_vi",
        "note_en",
    ];
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, *h).unwrap();
    }
    let june = ExcelDateTime::from_ymd(2022, 6, 30).unwrap();
    // Numbers as numbers, a date cell, a date typed as text.
    sheet.write_string(1, 0, "ecommerce-retail-share").unwrap();
    sheet.write_string(1, 1, "Tỉ trọng TMĐT").unwrap();
    sheet.write_number(1, 2, 11.27).unwrap();
    sheet
        .write_datetime_with_format(1, 5, &june, &date)
        .unwrap();
    sheet.write_number(1, 6, 7).unwrap();
    sheet.write_string(1, 7, "2022-12-31").unwrap();
    sheet.write_string(1, 8, "ninhbinh-2022-08-09").unwrap();
    sheet.write_string(1, 9, "Số in: \"11,27%\"").unwrap();
    sheet.write_string(1, 10, "Printed: \"11,27%\"").unwrap();
    // Row 3 is empty. A number typed in a text cell, the way YAML writes it.
    sheet
        .write_string(3, 0, " villages-without-signal-covered ")
        .unwrap();
    sheet.write_string(3, 2, "477").unwrap();
    sheet.write_number(3, 4, 832).unwrap();
    sheet
        .write_datetime_with_format(3, 5, &june, &date)
        .unwrap();
    sheet.write_string(3, 8, "ninhbinh-2022-08-09").unwrap();
    sheet
        .write_string(4, 0, "online-dossier-processing-change-yoy")
        .unwrap();
    sheet.write_number(4, 2, 10).unwrap();
    sheet.write_string(4, 3, "about").unwrap();
    sheet
        .write_datetime_with_format(4, 5, &june, &date)
        .unwrap();
    sheet.write_string(4, 8, "ninhbinh-2022-08-09").unwrap();
    // A row of the template not filled in.
    sheet.write_string(5, 0, "e-invoice-enterprises").unwrap();
    sheet
        .write_string(5, 1, "Doanh nghiệp dùng hóa đơn điện tử")
        .unwrap();
    book.save(dir.join("ketqua.xlsx")).unwrap();

    let session = "2022-09-01-thu-nghiem";
    let r = minhbach(dir, &["import", "ketqua.xlsx", "--session", session]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(
        r.stderr.contains("add --title \"…\" and --date YYYY-MM-DD"),
        "{}",
        r.stderr
    );
    assert!(!dir.join("content/sessions").join(session).exists());

    let r = minhbach(
        dir,
        &[
            "import",
            "ketqua.xlsx",
            "--session",
            session,
            "--title",
            "Thử nghiệm",
            "--date",
            "2022-09-01",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.output());
    assert!(r.stderr.contains("with 3 results"), "{}", r.stderr);
    let written = fs::read_to_string(session_file(dir, session)).unwrap();
    snapshots().bind(|| insta::assert_snapshot!("new-session-from-xlsx", written));
    check_passes(dir);
}

#[test]
fn a_csv_imports_into_an_existing_session_keeping_its_comments() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    bundled(dir);
    let path = session_file(dir, THIRD);
    let before = fs::read_to_string(&path).unwrap();
    let r = minhbach(dir, &["export", "third.xlsx", "--session", THIRD]);
    assert_eq!(r.code, Some(0), "{}", r.output());

    // The exported sheet as CSV, with one figure changed and one result
    // fewer: what a ministry sends back.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(dir.join("third.xlsx")).unwrap();
    let range = book.worksheet_range("results").unwrap();
    let mut csv = csv::Writer::from_path(dir.join("third.csv")).unwrap();
    for (i, row) in range.rows().enumerate() {
        if i == 4 {
            continue;
        }
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                calamine::Data::DateTime(d) => {
                    let (y, m, d, ..) = d.to_ymd_hms_milli();
                    format!("{y:04}-{m:02}-{d:02}")
                }
                calamine::Data::Float(f) if *f == 11.27 => "99.5".to_owned(),
                other => other.to_string(),
            })
            .collect();
        csv.write_record(&cells).unwrap();
    }
    csv.flush().unwrap();
    // 99.5 is not a figure the register's source printed.
    let r = minhbach(dir, &["import", "third.csv", "--session", THIRD]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(
        r.stderr.contains("third.csv: C3 (actual):") && r.stderr.contains("provenance"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before);

    let text = fs::read_to_string(dir.join("third.csv")).unwrap();
    fs::write(dir.join("third.csv"), text.replacen(",99.5,", ",11.27,", 1)).unwrap();
    let r = minhbach(dir, &["import", "third.csv", "--session", THIRD]);
    assert_eq!(r.code, Some(0), "{}", r.output());
    let after = fs::read_to_string(&path).unwrap();
    // Only the result left out is gone: every comment and other field stays.
    let removed: Vec<&str> = before
        .lines()
        .filter(|l| !after.lines().any(|a| a == *l))
        .collect();
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert!(added.is_empty(), "lines added: {added:?}");
    assert!(
        removed
            .iter()
            .all(|l| l.starts_with("    ") || l.starts_with("  - ")),
        "{removed:?}"
    );
    assert!(!removed.is_empty());
    assert!(after.starts_with(&before[..before.find("results:").unwrap()]));
    assert_eq!(
        before.lines().filter(|l| l.contains('#')).count(),
        after.lines().filter(|l| l.contains('#')).count()
            + removed.iter().filter(|l| l.contains('#')).count()
    );
    check_passes(dir);
}

/// Imports `file` (a fixture of tests/fixtures/spreadsheets, or one
/// written into `dir`) into the third session in `lang`, which must fail
/// and write nothing; the report.
fn refused(dir: &Path, file: &str, lang: &str) -> String {
    let before = snapshot(&dir.join("content"));
    let r = minhbach(dir, &["import", file, "--session", THIRD, "--lang", lang]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(
        before == snapshot(&dir.join("content")),
        "something was written"
    );
    r.stderr
}

#[test]
fn mistakes_are_reported_by_cell_and_nothing_is_written() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    bundled(dir);
    fs::copy(
        fixture("spreadsheets").join("mistakes.ods"),
        dir.join("mistakes.ods"),
    )
    .unwrap();
    fs::write(
        dir.join("mistakes.csv"),
        "indicator,actual,as_of,target,source,qualifer\n\
         ecommerce-retail-share,\"11,27\",15/07/2023,7,ninhbinh-2022-08-09,\n\
         ,,,,,\n\
         ecommerce-retail-shar,11.27,2022-06-30,,ninhbinh-2022-08-09,\n",
    )
    .unwrap();
    let settings = snapshots();
    for file in ["mistakes.ods", "mistakes.csv"] {
        for lang in ["en", "vi"] {
            let report = refused(dir, file, lang);
            settings.bind(|| insta::assert_snapshot!(format!("{file}.{lang}"), report));
        }
        // In JSON, each problem of a row names its sheet and cell as
        // fields, where a file of text has its line and column.
        let r = minhbach(
            dir,
            &["import", file, "--session", THIRD, "--format", "json"],
        );
        assert_eq!(r.code, Some(1), "{}", r.output());
        let diags = r.diagnostics();
        assert!(!diags.is_empty(), "{}", r.output());
        for d in &diags {
            let cell = d["cell"].as_str().unwrap_or_else(|| panic!("no cell: {d}"));
            let named = match d["sheet"].as_str() {
                Some(sheet) => format!("{sheet}!{cell}"),
                None => cell.to_owned(),
            };
            assert!(d["message"].as_str().unwrap().starts_with(&named), "{d}");
            assert_eq!(d["sheet"].is_null(), file.ends_with(".csv"), "{d}");
            assert!(d["line"].is_null(), "{d}");
        }
    }
}

#[test]
fn a_spreadsheet_that_is_not_one_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    bundled(dir);
    fs::write(dir.join("results.txt"), "indicator,actual\n").unwrap();
    let report = refused(dir, "results.txt", "en");
    assert!(
        report.contains("save it as .xlsx, .ods or .csv"),
        "{report}"
    );
    fs::write(dir.join("broken.xlsx"), "not a zip").unwrap();
    let report = refused(dir, "broken.xlsx", "en");
    assert!(
        report.contains("cannot read broken.xlsx as a spreadsheet"),
        "{report}"
    );
    fs::write(dir.join("empty.csv"), "\n\n").unwrap();
    let report = refused(dir, "empty.csv", "vi");
    assert!(report.contains("không có dòng nào"), "{report}");
    let report = refused(dir, "../x.csv", "en");
    assert!(report.contains("cannot read"), "{report}");
    let r = minhbach(dir, &["import", "empty.csv", "--session", "../../etc"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("is not a valid id"), "{}", r.stderr);
}

#[test]
fn export_writes_a_template_and_never_overwrites() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    bundled(dir);
    let r = minhbach(
        dir,
        &["export", "new.xlsx", "--session", "2030-01-01-chua-co"],
    );
    assert_eq!(r.code, Some(0), "{}", r.output());
    assert!(
        r.stderr.contains("a row for each indicator"),
        "{}",
        r.stderr
    );
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(dir.join("new.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "results",
            "indicators",
            "sources",
            "cách điền - how to fill in"
        ]
    );
    let range = book.worksheet_range("results").unwrap();
    let rows: Vec<_> = range.rows().collect();
    let indicators = common::names_in(&dir.join("content/indicators"));
    assert_eq!(rows.len(), indicators.len() + 1);
    assert_eq!(rows[0][0].to_string(), "indicator");
    assert_eq!(
        rows[1][0].to_string(),
        indicators[0].trim_end_matches(".yaml")
    );
    assert!(!rows[1][1].to_string().is_empty(), "the indicator's name");
    let help = book.worksheet_range("cách điền - how to fill in").unwrap();
    let help: Vec<String> = help.rows().map(|r| r[0].to_string()).collect();
    assert!(help.iter().any(|c| c == "target_date"), "{help:?}");

    // A session with results: its results and its sources.
    let r = minhbach(dir, &["export", "new.xlsx", "--session", THIRD]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("add --force"), "{}", r.stderr);
    let r = minhbach(dir, &["export", "new.xlsx", "--session", THIRD, "--force"]);
    assert_eq!(r.code, Some(0), "{}", r.output());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(dir.join("new.xlsx")).unwrap();
    let range = book.worksheet_range("results").unwrap();
    assert_eq!(range.rows().count(), 31);
    let sources = book.worksheet_range("sources").unwrap();
    assert_eq!(sources.rows().count(), 3);
    let leftovers: Vec<String> = common::names_in(dir)
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_semicolon_csv_creates_a_session_listing_the_sources_it_cites() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    bundled(dir);
    let session = "2023-01-01-moi";
    let new = [
        "--session",
        session,
        "--title",
        "Mới",
        "--date",
        "2023-01-01",
    ];
    fs::write(
        dir.join("moi.csv"),
        "indicator;actual;source\n\
         ecommerce-retail-share;11.27;ninhbinh-2022-08-09\n\
         villages-without-signal-covered;477;bao-moi\n",
    )
    .unwrap();
    let r = minhbach(dir, &[&["import", "moi.csv"][..], &new].concat());
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(
        r.stderr
            .contains("moi.csv: C3 (source): no source `bao-moi` in the register"),
        "{}",
        r.stderr
    );
    assert!(!dir.join("content/sessions").join(session).exists());

    let text = fs::read_to_string(dir.join("moi.csv")).unwrap();
    fs::write(
        dir.join("moi.csv"),
        text.replace("bao-moi", "ninhbinh-2022-08-09"),
    )
    .unwrap();
    let r = minhbach(dir, &[&["import", "moi.csv"][..], &new].concat());
    assert_eq!(r.code, Some(0), "{}", r.output());
    assert_eq!(
        fs::read_to_string(session_file(dir, session)).unwrap(),
        "title: \"Mới\"\ndate: 2023-01-01\nsources:\n  - ninhbinh-2022-08-09\nresults:\n  \
         - indicator: ecommerce-retail-share\n    actual: 11.27\n    source: ninhbinh-2022-08-09\n  \
         - indicator: villages-without-signal-covered\n    actual: 477\n    source: ninhbinh-2022-08-09\n"
    );
    check_passes(dir);
}
