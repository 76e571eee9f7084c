//! Statuses a citizen can trust, on content they were not designed on: the
//! `worsening` fixture (English only, other units, baselines, figures that
//! get worse, a target without a date, a target whose date passed, a figure
//! not comparable with the earlier ones), built by growth rate as its
//! `site.yaml` says and by the linear rule; and on the bundled content, no
//! result whose pace cannot be judged is called behind.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// The status and reason of every result, by (session date, indicator).
fn statuses(site: &Path) -> BTreeMap<(String, String), (String, String)> {
    let (header, rows) = read_results_csv(site);
    // Columns are only added after the last: status_reason stays where it was.
    assert_eq!(header.get(20).map(String::as_str), Some("status_reason"));
    rows.into_iter()
        .map(|r| {
            (
                (r["date"].clone(), r["indicator"].clone()),
                (r["status"].clone(), r["status_reason"].clone()),
            )
        })
        .collect()
}

fn status_of<'a>(
    all: &'a BTreeMap<(String, String), (String, String)>,
    date: &str,
    indicator: &str,
) -> &'a (String, String) {
    all.get(&(date.to_owned(), indicator.to_owned()))
        .unwrap_or_else(|| panic!("no result {indicator} at {date}"))
}

/// The fixture with `progress:` set to `method`, built.
fn built_with(method: &str) -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep();
    let content = dir.join("content");
    copy_tree(&fixture("worsening").join("content"), &content);
    let site_yaml = content.join("site.yaml");
    let text = fs::read_to_string(&site_yaml).unwrap();
    fs::write(
        &site_yaml,
        text.replace("progress: growth-rate", &format!("progress: {method}")),
    )
    .unwrap();
    let out = dir.join("site");
    build_ok(&content, &out, &[]);
    out
}

#[test]
fn growth_rate_rates_each_result_as_worked_out_by_hand() {
    let site = built_with("growth-rate");
    let all = statuses(&site);
    let expect = [
        // 685 from 763 in 2.5 years: −4.23% a year of −4.55% needed.
        (
            "2022-07-10",
            "emissions",
            "needs-acceleration",
            "93% of the pace needed",
        ),
        // Lower is better, the baseline (30) was under the target (40),
        // and the figure then doubled: never on track.
        (
            "2022-07-10",
            "permit-days",
            "deterioration",
            "had reached the target",
        ),
        (
            "2022-07-10",
            "renewable-share",
            "pending",
            "no starting figure is known",
        ),
        (
            "2022-07-10",
            "solar-capacity",
            "on-track",
            "139% of the pace needed",
        ),
        ("2022-07-10", "online-filing", "pending", "with no date"),
        ("2022-07-10", "villages-connected", "no-target", "no target"),
        (
            "2024-07-15",
            "emissions",
            "limited-progress",
            "42% of the pace needed",
        ),
        (
            "2024-07-15",
            "permit-days",
            "deterioration",
            "had reached the target",
        ),
        // Measured from the 2022 figure, which it fell below.
        (
            "2024-07-15",
            "renewable-share",
            "deterioration",
            "from the earlier figure of 20% on 30 Jun 2022",
        ),
        (
            "2024-07-15",
            "solar-capacity",
            "needs-acceleration",
            "80% of the pace needed",
        ),
        (
            "2024-07-15",
            "villages-connected",
            "behind",
            "due by 31 Dec 2023",
        ),
        (
            "2024-07-15",
            "online-filing",
            "no-data",
            "No figure was reported",
        ),
        (
            "2025-07-20",
            "renewable-share",
            "pending",
            "not measured the same way as the earlier ones",
        ),
        (
            "2025-07-20",
            "villages-connected",
            "achieved",
            "reaches the target of 1,000",
        ),
    ];
    for (date, indicator, status, words) in expect {
        let (got, reason) = status_of(&all, date, indicator);
        assert_eq!(got, status, "{indicator} at {date}: {reason}");
        assert!(reason.contains(words), "{indicator} at {date}: {reason}");
    }
    assert_eq!(all.len(), expect.len());
}

#[test]
fn the_linear_rule_never_calls_a_worse_figure_on_track() {
    let site = built_with("linear");
    let all = statuses(&site);
    let expect = [
        // 25% of the way in 23% of the time.
        (
            "2022-07-10",
            "emissions",
            "on-track",
            "25% of the way is covered in 23% of the time",
        ),
        (
            "2022-07-10",
            "permit-days",
            "behind",
            "had reached the target",
        ),
        (
            "2022-07-10",
            "renewable-share",
            "pending",
            "no starting figure",
        ),
        (
            "2022-07-10",
            "solar-capacity",
            "on-track",
            "21% of the way is covered in 20% of the time",
        ),
        (
            "2024-07-15",
            "emissions",
            "behind",
            "21% of the way is covered in 41% of the time",
        ),
        ("2024-07-15", "renewable-share", "behind", "−10% of the way"),
        (
            "2024-07-15",
            "solar-capacity",
            "behind",
            "25% of the way is covered in 40% of the time",
        ),
        (
            "2024-07-15",
            "villages-connected",
            "behind",
            "due by 31 Dec 2023",
        ),
        (
            "2025-07-20",
            "renewable-share",
            "pending",
            "not measured the same way",
        ),
    ];
    for (date, indicator, status, words) in expect {
        let (got, reason) = status_of(&all, date, indicator);
        assert_eq!(got, status, "{indicator} at {date}: {reason}");
        assert!(reason.contains(words), "{indicator} at {date}: {reason}");
    }
    // The linear rule gives none of the growth-rate ratings.
    for (status, reason) in all.values() {
        assert!(
            !["needs-acceleration", "limited-progress", "deterioration"].contains(&status.as_str()),
            "{status}: {reason}"
        );
    }
}

#[test]
fn the_reason_is_on_the_row_in_the_chart_and_on_the_methodology_page() {
    let site = built_with("growth-rate");
    let page = html(&site, "sessions/2024-07-15-second-review/index.html");
    let reasons: Vec<String> = page
        .select(&sel("table.results .reason"))
        .map(text_of)
        .collect();
    assert_eq!(reasons.len(), 6, "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("from the earlier figure of 20% on 30 Jun 2022")),
        "{reasons:?}"
    );
    // Each result's chart says the status and its reason in its description.
    let svg = fs::read_to_string(
        site.join("sessions/2024-07-15-second-review/charts/renewable-share.svg"),
    )
    .unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_owned();
    assert!(desc.contains("Getting worse: 18% on 30 Jun 2024"), "{desc}");
    // The methodology page names the method and lists each of its
    // statuses with its rule and an example from the site.
    let method = html(&site, "methodology/index.html");
    let text = text_of(method.root_element());
    assert!(text.contains("growth rate"), "{text}");
    for id in [
        "achieved",
        "on-track",
        "needs-acceleration",
        "limited-progress",
        "deterioration",
        "behind",
        "pending",
        "no-data",
        "no-target",
    ] {
        let section = method
            .select(&sel(&format!("section#{id}")))
            .next()
            .unwrap_or_else(|| panic!("no section for {id}"));
        let example = section
            .select(&sel(".example"))
            .next()
            .map(text_of)
            .unwrap_or_default();
        assert!(
            example.starts_with("Example from this site"),
            "{id}: {example}"
        );
    }
}

#[test]
fn no_bundled_result_whose_pace_cannot_be_judged_is_behind() {
    let site = bundled_site();
    let (_, rows) = read_results_csv(&site);
    for r in &rows {
        if r["status"] == "behind" {
            let reason = &r["status_reason"];
            assert!(
                reason.contains("quá hạn") || reason.contains("chặng đường"),
                "{} {}: {reason}",
                r["session"],
                r["indicator"]
            );
        }
        assert!(!r["status_reason"].is_empty());
    }
    // The June 2022 figures against December targets, with nothing to
    // measure pace from, are "too early to judge", in both languages.
    let vi = html(&site, "sessions/2022-08-08-phien-hop-thu-3/index.html");
    let en = html(&site, "en/sessions/2022-08-08-phien-hop-thu-3/index.html");
    for (page, word) in [(&vi, "Chưa đánh giá được"), (&en, "Too early to judge")] {
        let badges: Vec<String> = page
            .select(&sel("table.results .badge"))
            .map(text_of)
            .collect();
        assert_eq!(
            badges.iter().filter(|b| b.contains(word)).count(),
            7,
            "{badges:?}"
        );
        let reasons = page.select(&sel("table.results .reason")).count();
        assert_eq!(reasons, badges.len());
    }
}
