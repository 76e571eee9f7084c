//! The home page as a dashboard of how the targets are going, and silence
//! as data: every target with its newest figure, status, reason and
//! movement, the counts by status linked to their lists, and the targets
//! that fell silent flagged with the days since their last figure (counted
//! to the newest session, not the clock), on the bundled content and on
//! the `overdue` fixture, in Vietnamese and English.

use crate::common::{self, fixture, sel, text_of};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html};

fn overdue_site() -> PathBuf {
    common::shared_build("overdue", &fixture("overdue").join("content"))
}

/// Every indicator and scope the content of `content` sets a target for,
/// as the anchors of their cards (`target-<indicator>-<scope>`).
fn targeted(content: &Path) -> BTreeSet<String> {
    let (site, diags) = minhbach::check(&minhbach::Options::new(content));
    let site = site.unwrap_or_else(|| panic!("{} does not check: {diags:?}", content.display()));
    site.sessions()
        .flat_map(|s| s.results.iter())
        .filter(|r| r.target.is_some())
        .map(|r| format!("target-{}-{}", r.indicator, r.scope))
        .collect()
}

/// The target cards of a page, by their anchor.
fn cards(doc: &Html) -> BTreeMap<String, ElementRef<'_>> {
    doc.select(&sel("li.target"))
        .map(|c| (c.value().attr("id").expect("a card's anchor").to_owned(), c))
        .collect()
}

fn text_in(card: ElementRef, selector: &str) -> String {
    card.select(&sel(selector))
        .map(text_of)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The status key of a card, from its badge's class.
fn status_of(card: ElementRef) -> String {
    let badge = card.select(&sel("a.badge")).next().expect("a status badge");
    badge
        .value()
        .classes()
        .find_map(|c| c.strip_prefix("status-"))
        .expect("a status class")
        .to_owned()
}

/// The anchors the links `selector` in `within` point at, on the page.
fn linked(within: ElementRef, selector: &str) -> BTreeSet<String> {
    within
        .select(&sel(selector))
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap()
                .trim_start_matches('#')
                .to_owned()
        })
        .collect()
}

/// The `content` of a page's `<meta property=…>`.
fn meta(doc: &Html, property: &str) -> String {
    doc.select(&sel(&format!("meta[property='{property}']")))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_else(|| panic!("no {property}"))
        .to_owned()
}

/// Checks the dashboard of the home page at `rel` against the targets of
/// the content: one card per target with each of its parts, counts that
/// add up and link to lists of exactly the cards of that status, and the
/// list of silent targets. Returns (achieved, total, silent).
fn check_dashboard(site: &Path, rel: &str, targets: &BTreeSet<String>) -> (usize, usize, usize) {
    let doc = common::html(site, rel);
    let cards = cards(&doc);
    assert_eq!(
        cards.keys().cloned().collect::<BTreeSet<_>>(),
        *targets,
        "{rel}: not one card per target"
    );
    for (id, card) in &cards {
        let link = card
            .select(&sel("h4 a"))
            .next()
            .expect("a link to the indicator");
        // The card of indicator `x` in scope `s` is `target-x-s`.
        let href = link.value().attr("href").unwrap();
        let indicator = href
            .split("indicators/")
            .nth(1)
            .and_then(|h| h.split('/').next())
            .unwrap_or_else(|| panic!("{rel} {id}: {href} is not an indicator's page"));
        assert!(
            id.starts_with(&format!("target-{indicator}-")),
            "{rel} {id}: {href}"
        );
        let facts = text_in(*card, ".target-facts dd");
        assert!(!facts.is_empty(), "{rel} {id}: no figure or target");
        assert!(
            card.select(&sel(".target-facts dd")).count() == 2,
            "{rel} {id}: the latest figure and the target with its due date"
        );
        assert!(
            !text_in(*card, ".reason").is_empty(),
            "{rel} {id}: no reason"
        );
        status_of(*card);
    }
    // The counts: each tile with targets links to a list of exactly the
    // cards with its status, and they add up to every target.
    let mut sum = 0;
    let mut achieved = 0;
    for tile in doc.select(&sel(".dashboard .tiles li")) {
        let count: usize = text_in(tile, ".tile-count").parse().unwrap();
        let key = tile
            .value()
            .classes()
            .find_map(|c| c.strip_prefix("status-"))
            .unwrap()
            .to_owned();
        let with_status: BTreeSet<&String> = cards
            .iter()
            .filter(|(_, c)| status_of(**c) == key)
            .map(|(id, _)| id)
            .collect();
        assert_eq!(count, with_status.len(), "{rel}: the count of {key}");
        sum += count;
        if key == "achieved" {
            achieved = count;
        }
        let Some(a) = tile.select(&sel("a")).next() else {
            assert_eq!(count, 0, "{rel}: a count of {key} links nowhere");
            continue;
        };
        let list_id = a.value().attr("href").unwrap().trim_start_matches('#');
        let list = doc
            .select(&sel(&format!("[id='{list_id}']")))
            .next()
            .unwrap_or_else(|| panic!("{rel}: no list #{list_id}"));
        assert_eq!(
            linked(list, "li a"),
            with_status.into_iter().cloned().collect(),
            "{rel}: the list of {key}"
        );
    }
    assert_eq!(sum, cards.len(), "{rel}: the counts do not add up");
    let silent: BTreeSet<String> = cards
        .iter()
        .filter(|(_, c)| c.select(&sel(".silence")).next().is_some())
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(
        silent,
        linked(doc.root_element(), "#silent li a"),
        "{rel}: the list of silent targets"
    );
    (achieved, cards.len(), silent.len())
}

#[test]
fn the_bundled_home_page_is_a_dashboard_of_every_target() {
    let site = common::bundled_site();
    let targets = targeted(&common::repo().join("content"));
    assert!(targets.len() >= 10, "the bundled content sets targets");
    for (rel, counted) in [
        ("index.html", "{a} trên {t} chỉ tiêu đã đạt"),
        ("en/index.html", "{a} of {t} targets achieved"),
    ] {
        let (achieved, total, silent) = check_dashboard(&site, rel, &targets);
        assert!(
            silent > 0,
            "{rel}: the bundled 2022 targets went unreported"
        );
        let doc = common::html(&site, rel);
        let headline = counted
            .replace("{a}", &achieved.to_string())
            .replace("{t}", &total.to_string());
        let head = text_in(doc.root_element(), ".dashboard .headline-number");
        assert!(head.contains(&headline), "{rel}: {head}");
        // The social card carries the count, in its text and its image's.
        let description = meta(&doc, "og:description");
        assert!(description.contains(&headline), "{rel}: {description}");
        assert!(
            meta(&doc, "og:image:alt").contains(&format!("{achieved}/{total}")),
            "{rel}: the card's image"
        );
        // The latest session is still there, after the targets.
        let main = doc.select(&sel("main")).next().unwrap().html();
        let (dash, latest) = (
            main.find("targets-heading").unwrap(),
            main.find("latest-heading").expect("the latest session"),
        );
        assert!(dash < latest, "{rel}: the latest session is the headline");
    }
    // A figure measured differently from the earlier ones moved nowhere.
    let doc = common::html(&site, "en/index.html");
    let card = cards(&doc)["target-online-dossier-processing-national"];
    assert!(text_in(card, ".movement").contains("not comparable"));
    assert!(text_in(card, ".silence").contains("Overdue: not reported since 30 Jun 2022, 741 days"));
}

/// The cards of the `overdue` fixture, in one language, with what each
/// must say.
fn assert_says(site: &Path, rel: &str, expected: &[(&str, &str, &str)]) {
    let doc = common::html(site, rel);
    let cards = cards(&doc);
    for (id, selector, words) in expected {
        let card = cards
            .get(*id)
            .unwrap_or_else(|| panic!("{rel}: no card {id}"));
        let text = text_in(*card, selector);
        assert!(
            text.contains(words),
            "{rel} {id} {selector}: {text:?} lacks {words:?}"
        );
    }
}

#[test]
fn silent_targets_and_movements_are_said_on_the_home_page_in_both_languages() {
    let site = overdue_site();
    let targets = targeted(&fixture("overdue").join("content"));
    assert_eq!(targets.len(), 6);
    assert!(!targets.iter().any(|t| t.contains("villages")));
    for rel in ["index.html", "en/index.html"] {
        assert_eq!(check_dashboard(&site, rel, &targets), (1, 6, 3), "{rel}");
    }
    assert_says(
        &site,
        "en/index.html",
        &[
            ("target-fibre-households-national", ".silence", "Overdue: not reported since 30 Jun 2022, 721 days"),
            ("target-fibre-households-national", ".target-facts", "60% (30 Jun 2022)"),
            ("target-fibre-households-national", ".target-facts", "75% · Due 31 Dec 2022"),
            ("target-open-data-national", ".silence", "Overdue: no figure reported; due 31 Dec 2023, 172 days ago"),
            ("target-online-services-national", ".silence", "No longer reported: the latest session did not report it; last figure 30 Jun 2023, 356 days"),
            ("target-online-services-national", ".movement.worse", "↓ down 5 points since 31 Dec 2022, away from the target"),
            ("target-online-services-national", "a.badge", "Behind schedule"),
            ("target-permit-days-national", ".movement.worse", "up 5 days since 30 Jun 2023, away from the target"),
            ("target-fibre-households-ben-tre", ".movement.better", "up 7 points since 30 Jun 2023, towards the target"),
            ("target-fibre-households-ben-tre", "h4", "(Ben Tre)"),
            ("target-e-invoices-national", "a.badge", "Achieved"),
        ],
    );
    assert_says(
        &site,
        "index.html",
        &[
            (
                "target-fibre-households-national",
                ".silence",
                "Quá hạn: không có số liệu từ ngày 30/06/2022, đã 721 ngày",
            ),
            (
                "target-open-data-national",
                ".silence",
                "hạn ngày 31/12/2023, đã quá 172 ngày",
            ),
            (
                "target-online-services-national",
                ".silence",
                "Không còn được báo cáo",
            ),
            (
                "target-online-services-national",
                ".movement.worse",
                "giảm 5 điểm phần trăm so với ngày 31/12/2022, xa mục tiêu hơn",
            ),
            (
                "target-permit-days-national",
                ".movement.worse",
                "tăng 5 ngày so với ngày 30/06/2023",
            ),
        ],
    );
    // Achieved and reported targets are not flagged.
    for rel in ["index.html", "en/index.html"] {
        let doc = common::html(&site, rel);
        let cards = cards(&doc);
        for id in [
            "target-e-invoices-national",
            "target-permit-days-national",
            "target-fibre-households-ben-tre",
        ] {
            assert!(
                cards[id].select(&sel(".silence")).next().is_none(),
                "{rel} {id}"
            );
        }
    }
    let en = common::html(&site, "en/index.html");
    assert_eq!(
        meta(&en, "og:description"),
        "1 of 6 targets achieved; 3 overdue or no longer reported. Figures reported up to 20 Jun 2024."
    );
    // Silence is explained as silence, never as a lack of progress.
    let silent = text_in(en.root_element(), "#silent");
    assert!(
        silent.contains("Not reported does not mean no progress"),
        "{silent}"
    );
}

#[test]
fn an_indicator_page_says_how_its_targets_are_going() {
    let site = overdue_site();
    for (rel, overdue, moved) in [
        (
            "en/indicators/fibre-households/index.html",
            "Overdue: not reported since 30 Jun 2022, 721 days",
            "up 7 points since 30 Jun 2023",
        ),
        (
            "indicators/fibre-households/index.html",
            "Quá hạn: không có số liệu từ ngày 30/06/2022, đã 721 ngày",
            "tăng 7 điểm phần trăm so với ngày 30/06/2023",
        ),
    ] {
        let doc = common::html(&site, rel);
        let cards = cards(&doc);
        assert_eq!(cards.len(), 2, "{rel}: one card per scope");
        let national = text_in(cards["target-fibre-households-national"], ".silence");
        assert!(national.contains(overdue), "{rel}: {national}");
        let province = text_in(cards["target-fibre-households-ben-tre"], ".movement");
        assert!(province.contains(moved), "{rel}: {province}");
    }
    // An indicator without a target shows none.
    let doc = common::html(&site, "en/indicators/villages/index.html");
    assert!(cards(&doc).is_empty());
    // The flag is documented on the methodology page.
    for rel in ["methodology/index.html", "en/methodology/index.html"] {
        let doc = common::html(&site, rel);
        let section = text_in(doc.root_element(), "#silence");
        assert!(
            section.len() > 200,
            "{rel}: the silence flag is not explained"
        );
    }
}

/// A session page tells the story first: its notes before its results,
/// the results grouped by status (achieved first), and a source that every
/// figure shares named once.
#[test]
fn a_session_page_puts_the_notes_first_and_groups_results_by_status() {
    let site = common::bundled_site();
    for (rel, first) in [
        (
            "sessions/2022-08-08-phien-hop-thu-3/index.html",
            "Đã đạt (3)",
        ),
        (
            "en/sessions/2022-08-08-phien-hop-thu-3/index.html",
            "Achieved (3)",
        ),
    ] {
        let doc = common::html(&site, rel);
        let main = doc.select(&sel("main")).next().unwrap().html();
        let notes = main.find("notes-heading").expect("notes");
        let results = main.find("results-heading").expect("results");
        assert!(notes < results, "{rel}: the notes come after the results");
        let headings: Vec<String> = doc
            .select(&sel("section[aria-labelledby=results-heading] h3"))
            .map(text_of)
            .collect();
        assert!(headings[0].ends_with(first), "{rel}: {headings:?}");
        // Each group's table holds exactly its status.
        for table in doc.select(&sel("table.results:not(.compact)")) {
            let statuses: BTreeSet<String> = table
                .select(&sel("tbody tr"))
                .map(|tr| status_of(tr))
                .collect();
            assert_eq!(statuses.len(), 1, "{rel}: a table of several statuses");
        }
        let rows = doc.select(&sel("table.results tbody tr")).count();
        let counted: usize = headings
            .iter()
            .map(|h| {
                h.rsplit_once('(')
                    .and_then(|(_, n)| n.trim_end_matches(')').parse::<usize>().ok())
                    .unwrap_or_else(|| panic!("{rel}: heading {h}"))
            })
            .sum();
        assert_eq!(rows, counted, "{rel}: the groups count every result");
    }
    // Figures without a target are listed compactly: no empty target,
    // due date or status columns.
    for rel in [
        "sessions/2024-07-10-so-ket-6-thang-2024/index.html",
        "en/sessions/2024-07-10-so-ket-6-thang-2024/index.html",
    ] {
        let doc = common::html(&site, rel);
        let compact = doc.select(&sel("table.results.compact")).next().expect(rel);
        assert!(compact.select(&sel("tbody tr")).count() > 0, "{rel}");
        let columns = compact.select(&sel("thead th")).count();
        assert!(columns <= 4, "{rel}: {columns} columns");
        assert!(compact.select(&sel(".badge")).next().is_none(), "{rel}");
    }
    // Every figure of each session of the fixture comes from one source:
    // it is named once, not on each row.
    let site = overdue_site();
    for rel in [
        "sessions/2023-01-10-first/index.html",
        "en/sessions/2023-01-10-first/index.html",
    ] {
        let doc = common::html(&site, rel);
        let once = text_in(doc.root_element(), ".one-source");
        assert!(once.contains("2023"), "{rel}: {once}");
        assert_eq!(
            doc.select(&sel("table.results td.source")).count(),
            0,
            "{rel}"
        );
    }
}
