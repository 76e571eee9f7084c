//! Counts in words take the plural form of their number in each language:
//! a session with exactly one result says "1 result", not "1 results", and
//! a site that changed the words a count was written with before counts had
//! plural forms keeps them.

use std::fs;

use crate::common::*;

const ONE_RESULT: &str = r#"title: {vi: "Phiên họp thứ hai", en: "Second session"}
date: 2022-04-27
sources:
  - id: ban-tin-2022-04-27
    title: "Phiên họp thứ 2"
    publisher: "Bản tin"
    date: 2022-04-27
results:
  - indicator: online-dossier-processing
    actual: 9.4
    target: 5
    target_date: 2022-12-31
    source: ban-tin-2022-04-27
"#;

const SESSION: &str = "2022-04-27-phien-hop-thu-2";

/// The basic fixture with its first session holding exactly one result,
/// achieved.
fn one_result(dir: &std::path::Path) -> std::path::PathBuf {
    let content = content_with(dir, None);
    fs::write(
        content.join("sessions").join(SESSION).join("session.yaml"),
        ONE_RESULT,
    )
    .unwrap();
    content
}

#[test]
fn one_result_is_singular_in_english_and_vietnamese_has_one_form() {
    let dir = tempfile::tempdir().unwrap();
    let content = one_result(dir.path());
    let out = dir.path().join("site");
    build_ok(&content, &out, &[]);

    let list = text_of(html(&out, "en/sessions/index.html").root_element());
    assert!(list.contains("1 result · 1 of 1 target achieved"), "{list}");
    assert!(
        !list.contains("1 results") && !list.contains("1 targets"),
        "{list}"
    );
    let page = text_of(html(&out, &format!("en/sessions/{SESSION}/index.html")).root_element());
    assert!(page.contains("1 of 1 target achieved"), "{page}");
    let feed = fs::read_to_string(out.join("en/feed.xml")).unwrap();
    assert!(feed.contains("1 result, 1 of 1 target achieved."), "{feed}");
    // The other session keeps the plural.
    assert!(list.contains(" results · "), "{list}");

    let vi = text_of(html(&out, "sessions/index.html").root_element());
    assert!(vi.contains("1 kết quả · 1 trên 1 chỉ tiêu đã đạt"), "{vi}");
}

#[test]
fn a_site_that_changed_a_counts_earlier_words_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let content = one_result(dir.path());
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("i18n")).unwrap();
    fs::write(
        templates.join("i18n/en.yaml"),
        "interface:\n  results_count: \"findings\"\ncounts:\n  figures: {one: \"{n} number\", other: \"{n} numbers\"}\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    build_ok(
        &content,
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    let list = text_of(html(&out, "en/sessions/index.html").root_element());
    assert!(list.contains("1 findings ·"), "{list}");
}

#[test]
fn counts_given_wrong_are_errors_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let content = one_result(dir.path());
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("i18n")).unwrap();
    fs::write(
        templates.join("i18n/en.yaml"),
        "counts:\n  results: \"{n} results\"\n  figures: {one: \"{n} figure\"}\n  search_found: {single: \"x\", other: \"{n} for {q}\"}\ninterface:\n  home: {one: \"Home\", other: \"Homes\"}\n",
    )
    .unwrap();
    let r = run(english([
        "check",
        "--format",
        "json",
        "--content",
        content.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]));
    let bad: Vec<_> = r
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "bad-translation")
        .map(|d| {
            (
                d["line"].as_u64(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(bad.len(), 4, "{bad:?}");
    assert_eq!(
        bad.iter().filter_map(|b| b.0).collect::<Vec<_>>(),
        [2, 3, 4, 6],
        "{bad:?}"
    );
    let all = format!("{bad:?}");
    for said in ["a count", "no `other` form", "`single`", "one text"] {
        assert!(all.contains(said), "{said}: {all}");
    }
}
