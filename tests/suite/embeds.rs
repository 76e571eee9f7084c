//! Embeds that keep working: an indicator's chart embedded live shows the
//! latest figures, and embedded as of a session it is a frozen copy that
//! no later session changes.

use std::collections::BTreeMap;

use crate::common::*;

/// The files of frozen charts and their embed pages.
fn frozen(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&str, &[u8]> {
    site.iter()
        .filter(|(p, _)| p.contains("/as-of/"))
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect()
}

const LATER: &str = r#"title: {vi: "Phiên họp thứ tư", en: "Fourth session"}
date: 2023-01-10
sources:
  - id: later-2023
    title: "Báo cáo năm 2022"
    publisher: "Văn phòng Ủy ban"
    date: 2023-01-10
results:
  - indicator: online-dossier-processing
    actual: 48.2
    as_of: 2022-12-31
    target: 50
    target_date: 2022-12-31
    source: later-2023
"#;

#[test]
fn a_frozen_embed_never_changes_when_a_later_session_is_added() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(&tmp.path().join("a"), None);
    let before_dir = tmp.path().join("before");
    build_ok(&content, &before_dir, &[]);
    let before = snapshot(&before_dir);
    let frozen_before = frozen(&before);
    // Each session with a result of the indicator has its frozen chart,
    // both forms and an embed page, in every language.
    for p in ["", "en/"] {
        for s in ["2022-04-27-phien-hop-thu-2", "2022-08-08-phien-hop-thu-3"] {
            let dir = format!("{p}indicators/online-dossier-processing/as-of/{s}");
            for f in [
                format!("{dir}/chart.svg"),
                format!("{dir}/chart.narrow.svg"),
                format!("embed/{dir}/chart/index.html"),
            ] {
                assert!(frozen_before.contains_key(f.as_str()), "{f} missing");
            }
        }
    }

    let later = content.join("sessions/2023-01-10-phien-hop-thu-4");
    std::fs::create_dir_all(&later).unwrap();
    std::fs::write(later.join("session.yaml"), LATER).unwrap();
    let after_dir = tmp.path().join("after");
    build_ok(&content, &after_dir, &[]);
    let after = snapshot(&after_dir);
    let frozen_after = frozen(&after);
    for (path, bytes) in &frozen_before {
        assert!(
            frozen_after.get(path) == Some(bytes),
            "{path} changed when a later session was added"
        );
    }
    // The later session has frozen copies of its own, and the live chart
    // and embed did change.
    assert!(frozen_after.contains_key(
        "en/indicators/online-dossier-processing/as-of/2023-01-10-phien-hop-thu-4/chart.svg"
    ));
    for live in [
        "en/indicators/online-dossier-processing/chart.svg",
        "embed/en/indicators/online-dossier-processing/chart/index.html",
    ] {
        assert_ne!(before[live], after[live], "{live} did not change");
    }
    // The latest frozen copy is the live chart as it is now, but for the
    // address it prints: its own embed page, which never changes.
    let live = drawn(&after["en/indicators/online-dossier-processing/chart.svg"]);
    let latest = drawn(
        &after
            ["en/indicators/online-dossier-processing/as-of/2023-01-10-phien-hop-thu-4/chart.svg"],
    );
    assert_eq!(live.0, latest.0, "the marks differ");
    let host = "example.org/minhbach/";
    assert_eq!(
        live.1.replace(&format!("{host}en/indicators/online-dossier-processing/#chart-history"), "ADDRESS"),
        latest.1.replace(
            &format!("{host}embed/en/indicators/online-dossier-processing/as-of/2023-01-10-phien-hop-thu-4/chart/"),
            "ADDRESS"
        )
    );
}

/// What a chart draws: every element but its texts, with their attributes,
/// and its texts read in order (without the spaces at which lines break),
/// so that two charts whose footers wrap differently compare.
fn drawn(svg: &[u8]) -> (Vec<String>, String) {
    let text = std::str::from_utf8(svg).unwrap();
    let doc = roxmltree::Document::parse(text).unwrap();
    let marks = doc
        .descendants()
        .filter(|n| n.is_element() && !n.has_tag_name("text") && !n.has_tag_name("svg"))
        // The background, as high as the chart.
        .filter(|n| !(n.has_tag_name("rect") && n.attribute("y") == Some("0")))
        .map(|n| {
            format!(
                "{} {:?}",
                n.tag_name().name(),
                n.attributes()
                    .map(|a| (a.name(), a.value()))
                    .collect::<Vec<_>>()
            )
        })
        .collect();
    let words = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<String>()
        .replace([' ', '·'], "");
    (marks, words)
}

#[test]
fn the_embed_dialog_offers_live_and_frozen_and_says_which() {
    let site = basic_site();
    let page = html(&site, "en/indicators/online-dossier-processing/index.html");
    let dialog = page
        .select(&sel("#chart-history details.share"))
        .next()
        .unwrap();
    let kinds: Vec<String> = dialog.select(&sel(".embed-kind")).map(text_of).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(kinds[0].starts_with("Live"), "{kinds:?}");
    assert!(
        kinds[1].contains("never changes") && kinds[1].contains("Third session"),
        "{kinds:?}"
    );
    let codes: Vec<String> = ["#chart-history-iframe", "#chart-history-frozen-iframe"]
        .iter()
        .map(|id| text_of(dialog.select(&sel(id)).next().unwrap()))
        .collect();
    let base = "https://example.org/minhbach/";
    assert!(codes[0].contains(&format!(
        "{base}embed/en/indicators/online-dossier-processing/chart/\""
    )));
    let frozen =
        "embed/en/indicators/online-dossier-processing/as-of/2022-08-08-phien-hop-thu-3/chart/";
    assert!(
        codes
            .iter()
            .any(|c| c.contains(&format!("{base}{frozen}\""))),
        "{codes:?}"
    );
    assert!(site.join(frozen).join("index.html").is_file());
    // The frozen embed says which session it stands at.
    let embed = html(&site, &format!("{frozen}index.html"));
    let caption = text_of(embed.select(&sel("figcaption")).next().unwrap());
    assert!(
        caption.starts_with("As of the session of 8 Aug 2022"),
        "{caption}"
    );
    // In Vietnamese too.
    let page = html(&site, "indicators/online-dossier-processing/index.html");
    let kinds: Vec<String> = page.select(&sel(".embed-kind")).map(text_of).collect();
    assert!(
        kinds[0].starts_with("Trực tiếp") && kinds[1].contains("không bao giờ thay đổi"),
        "{kinds:?}"
    );
}
