//! Corrections: a result that corrects a figure published earlier says so
//! on the session and indicator pages, the result it corrects says it was
//! corrected later, every correction is listed on the corrections page and
//! in an Atom feed per language (valid with none, on the bundled content),
//! and a wrong correction is refused with its position.

use crate::common::{self, fixture, sel, text_of};

use std::path::{Path, PathBuf};

use scraper::Html;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const BASE: &str = "https://example.org/corrections/";
const YEAR_END: &str = "2023-12-20-year-end";
const MID_YEAR: &str = "2023-07-10-mid-year";

fn site() -> PathBuf {
    common::shared_build("corrections", &fixture("corrections").join("content"))
}

/// The words a page in `prefix`'s language shows for the fixture's two
/// corrections: the national one's "was" line and reason, and Ben Tre's.
struct Words {
    prefix: &'static str,
    was: &'static str,
    reason: &'static str,
    later: &'static str,
    none: &'static str,
}

const LANGS: [Words; 2] = [
    Words {
        prefix: "",
        was: "Đã đính chính: trước là 45,7% (công bố ngày 10/07/2023)",
        reason: "Bộ đã rà soát lại số hồ sơ nộp trực tuyến.",
        later: "Sau đó được đính chính thành 47,2% (Tổng kết năm 2023, 20/12/2023)",
        none: "Chưa có số liệu đã công bố nào được đính chính.",
    },
    Words {
        prefix: "en/",
        was: "Corrected: was 45.7% (published 10 Jul 2023)",
        reason: "The ministry recounted the applications filed online.",
        later: "Corrected later to 47.2% (Year-end review 2023, 20 Dec 2023)",
        none: "No published figure has been corrected.",
    },
];

/// The site path a relative link on the page at `from` points at.
pub(crate) fn resolve(from: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in href.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector)).map(text_of).collect()
}

#[test]
fn corrections_page_lists_every_correction_newest_first() {
    let site = site();
    for w in &LANGS {
        let rel = format!("{}corrections/index.html", w.prefix);
        let doc = common::html(&site, &rel);
        let ids: Vec<String> = doc
            .select(&sel("li.correction-item"))
            .map(|li| li.value().attr("id").unwrap().to_owned())
            .collect();
        assert_eq!(
            ids,
            [
                format!("{YEAR_END}.online-services.national"),
                format!("{YEAR_END}.fibre-households.ben-tre"),
            ],
            "{rel}"
        );
        let first = doc.select(&sel("li.correction-item")).next().unwrap();
        let text = text_of(first);
        assert!(text.contains(w.reason), "{rel}: {text}");
        let old = text_of(first.select(&sel("s")).next().unwrap());
        assert_eq!(
            old,
            if w.prefix.is_empty() {
                "45,7%"
            } else {
                "45.7%"
            }
        );
        let now = text_of(first.select(&sel("strong.num")).next().unwrap());
        assert_eq!(
            now,
            if w.prefix.is_empty() {
                "47,2%"
            } else {
                "47.2%"
            }
        );
        // Where the old figure was published, and the session that
        // corrected it, are links to their pages.
        let links: Vec<String> = first
            .select(&sel("a[href]"))
            .map(|a| resolve(&rel, a.value().attr("href").unwrap()))
            .collect();
        for page in [
            format!("{}indicators/online-services/index.html", w.prefix),
            format!("{}sessions/{YEAR_END}/index.html", w.prefix),
        ] {
            assert!(
                links.contains(&page),
                "{rel}: no link to {page} in {links:?}"
            );
        }
        // The report that printed the old figure, as the session lists it.
        assert!(
            first.select(&sel("a[href]")).any(|a| a
                .value()
                .attr("href")
                .unwrap()
                .ends_with("#source-report-2023-07")),
            "{rel}: no link to the old figure's source"
        );
        for l in &links {
            assert!(site.join(l).is_file(), "{rel}: {l} is not a page");
        }
        // The province's correction links its scope's page.
        let second = doc.select(&sel("li.correction-item")).nth(1).unwrap();
        let scope = second
            .select(&sel(".scope a"))
            .next()
            .expect("a scope link");
        assert_eq!(
            resolve(&rel, scope.value().attr("href").unwrap()),
            format!("{}scopes/ben-tre/index.html", w.prefix)
        );
        // The feed is named for readers' feed readers to find.
        let feed = doc
            .select(&sel("link[rel='alternate'][type='application/atom+xml']"))
            .filter_map(|l| l.value().attr("href"))
            .map(|h| resolve(&rel, h))
            .find(|h| h.ends_with("corrections.xml"))
            .unwrap_or_else(|| panic!("{rel}: no alternate link to the corrections feed"));
        assert_eq!(feed, format!("{}corrections.xml", w.prefix));
        assert!(texts(&doc, "p.none").is_empty(), "{rel}");
        // Every page's footer leads here.
        let home = common::html(&site, &format!("{}index.html", w.prefix));
        assert!(
            home.select(&sel("footer a[href]")).any(|a| resolve(
                &format!("{}index.html", w.prefix),
                a.value().attr("href").unwrap()
            ) == rel),
            "{}index.html: no footer link to {rel}",
            w.prefix
        );
    }
}

#[test]
fn the_result_says_what_it_corrects_and_the_old_one_says_it_was_corrected() {
    let site = site();
    for w in &LANGS {
        // The session that reports the correction.
        let rel = format!("{}sessions/{YEAR_END}/index.html", w.prefix);
        let doc = common::html(&site, &rel);
        let shown = texts(&doc, ".correction");
        assert!(
            shown
                .iter()
                .any(|t| t.contains(w.was) && t.contains(w.reason)),
            "{rel}: {shown:?}"
        );
        assert_eq!(shown.len(), 2, "{rel}: one line per correction: {shown:?}");
        // The indicator's history.
        let rel = format!("{}indicators/online-services/index.html", w.prefix);
        let doc = common::html(&site, &rel);
        let shown = texts(&doc, ".correction");
        assert!(shown.iter().any(|t| t.contains(w.was)), "{rel}: {shown:?}");
        assert!(
            shown.iter().any(|t| t.contains(w.later)),
            "{rel}: {shown:?}"
        );
        // Its history chart draws the figures as corrected.
        let (_, charted) = common::read_csv(
            &site.join(format!("{}indicators/online-services/chart.csv", w.prefix)),
        );
        let actuals: Vec<&str> = charted.iter().map(|r| r["actual"].as_str()).collect();
        assert_eq!(actuals, ["47.2"], "{}: the chart's figures", w.prefix);
        // The data says what each result corrects, in the file's language.
        let (_, rows) = common::read_csv(&site.join(format!("{}data/results.csv", w.prefix)));
        let corrected: Vec<[&str; 4]> = rows
            .iter()
            .filter(|r| !r["corrects_value"].is_empty())
            .map(|r| {
                [
                    r["indicator"].as_str(),
                    r["corrects_value"].as_str(),
                    r["corrects_published"].as_str(),
                    r["corrects_reason"].as_str(),
                ]
            })
            .collect();
        assert_eq!(
            corrected,
            [
                ["online-services", "45.7", "2023-07-10", w.reason],
                [
                    "fibre-households",
                    "61",
                    "2023-07-10",
                    "Số hộ được đếm hai lần ở một huyện."
                ],
            ]
        );
        // The session of the old figure: a reader who used it finds out.
        let rel = format!("{}sessions/{MID_YEAR}/index.html", w.prefix);
        let doc = common::html(&site, &rel);
        let later: Vec<_> = doc.select(&sel(".corrected-later a")).collect();
        assert_eq!(later.len(), 2, "{rel}: both old figures are flagged");
        assert_eq!(text_of(later[0]), w.later, "{rel}");
        let href = later[0].value().attr("href").unwrap();
        assert_eq!(
            href.split_once('#').map(|(_, a)| a),
            Some(format!("{YEAR_END}.online-services.national").as_str()),
            "{rel}: {href}"
        );
        assert_eq!(
            resolve(&rel, href),
            format!("{}corrections/index.html", w.prefix)
        );
        // The third figure of the old session was not corrected.
        assert!(!texts(&doc, ".correction").iter().any(|t| t.contains("55")));
    }
}

/// The entries of an Atom feed, each as (id, link, updated, title), after
/// checking what every Atom feed must have.
fn atom_entries(site: &Path, rel: &str, lang: &str) -> (String, Vec<[String; 4]>) {
    let xml = std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let root = doc.root_element();
    assert!(root.has_tag_name((ATOM, "feed")), "{rel}");
    assert_eq!(
        root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some(lang),
        "{rel}"
    );
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_owned()
    };
    for required in ["id", "title", "updated"] {
        assert!(!child(root, required).is_empty(), "{rel}: no <{required}>");
    }
    let own = root
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .and_then(|l| l.attribute("href"));
    assert_eq!(own, Some(format!("{BASE}{rel}").as_str()), "{rel}");
    let entries = root
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            for required in ["id", "title", "updated", "published", "summary"] {
                assert!(
                    !child(e, required).is_empty(),
                    "{rel}: an entry without <{required}>"
                );
            }
            let link = e
                .children()
                .find(|c| c.has_tag_name((ATOM, "link")))
                .and_then(|l| l.attribute("href"))
                .unwrap_or_else(|| panic!("{rel}: an entry without a link"))
                .to_owned();
            [child(e, "id"), link, child(e, "updated"), child(e, "title")]
        })
        .collect();
    (child(root, "updated"), entries)
}

#[test]
fn corrections_feed_is_atom_with_stable_ids() {
    let site = site();
    for (w, lang) in LANGS.iter().zip(["vi", "en"]) {
        let rel = format!("{}corrections.xml", w.prefix);
        let (updated, entries) = atom_entries(&site, &rel, lang);
        assert_eq!(
            updated, "2023-12-20T00:00:00Z",
            "{rel}: the newest correction's date"
        );
        let page = format!("{BASE}{}corrections/", w.prefix);
        let ids: Vec<&str> = entries.iter().map(|e| e[0].as_str()).collect();
        assert_eq!(
            ids,
            [
                format!("{page}#{YEAR_END}.online-services.national"),
                format!("{page}#{YEAR_END}.fibre-households.ben-tre"),
            ],
            "{rel}"
        );
        for [_, link, updated, title] in &entries {
            assert_eq!(link, &format!("{BASE}{}sessions/{YEAR_END}/", w.prefix));
            assert!(site
                .join(format!("{}index.html", &link[BASE.len()..]))
                .is_file());
            assert_eq!(updated, "2023-12-20T00:00:00Z");
            assert!(!title.is_empty());
        }
        assert!(entries[0][3].contains(if lang == "vi" { "45,7%" } else { "45.7%" }));
    }
    // The same content gives the same feed, byte for byte.
    let tmp = tempfile::tempdir().unwrap();
    let again = tmp.path().join("site");
    common::build_ok(&fixture("corrections").join("content"), &again, &[]);
    for rel in ["corrections.xml", "en/corrections.xml"] {
        assert_eq!(
            std::fs::read(site.join(rel)).unwrap(),
            std::fs::read(again.join(rel)).unwrap(),
            "{rel}"
        );
    }
}

#[test]
fn bundled_content_has_no_correction_and_says_so() {
    let site = common::bundled_site();
    for (w, lang) in LANGS.iter().zip(["vi", "en"]) {
        let rel = format!("{}corrections/index.html", w.prefix);
        let doc = common::html(&site, &rel);
        assert_eq!(texts(&doc, "p.none"), [w.none], "{rel}");
        assert_eq!(doc.select(&sel("li.correction-item")).count(), 0);
        let (updated, entries) = {
            // The bundled site has its own address.
            let xml =
                std::fs::read_to_string(site.join(format!("{}corrections.xml", w.prefix))).unwrap();
            let doc = roxmltree::Document::parse(&xml).unwrap();
            let root = doc.root_element();
            assert!(root.has_tag_name((ATOM, "feed")));
            assert_eq!(
                root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
                Some(lang)
            );
            let updated = root
                .children()
                .find(|c| c.has_tag_name((ATOM, "updated")))
                .and_then(|c| c.text())
                .unwrap()
                .to_owned();
            let n = root
                .children()
                .filter(|c| c.has_tag_name((ATOM, "entry")))
                .count();
            (updated, n)
        };
        assert_eq!(updated, "1970-01-01T00:00:00Z");
        assert_eq!(entries, 0);
    }
}

/// The `--format json` errors of `check` on the fixture with the year-end
/// session's first correction replaced by `corrects`.
fn check_with(corrects: &str) -> Vec<serde_json::Value> {
    check_with_lang(corrects, "en")
}

/// The one error of `diags`: its code, line and column.
fn one_error(diags: &[serde_json::Value]) -> (String, u64, u64) {
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["file"], format!("sessions/{YEAR_END}/session.yaml"));
    assert!(!d["message"].as_str().unwrap().is_empty());
    (
        d["code"].as_str().unwrap().to_owned(),
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
    )
}

#[test]
fn a_wrong_correction_is_refused_with_its_position() {
    // The result's `corrects:` is on line 19 of the session file.
    let fields = |value: &str, published: &str, extra: &str| {
        format!(
            "    corrects:\n      value: {value}\n      published: {published}\n      reason: \"Recounted.\"\n{extra}"
        )
    };
    let after = check_with(&fields("45.7", "2024-01-05", ""));
    assert_eq!(
        one_error(&after),
        ("correction-after-session".into(), 21, 18)
    );
    assert!(after[0]["message"].as_str().unwrap().contains("2024-01-05"));
    let same = check_with(&fields("47.2", "2023-07-10", ""));
    assert_eq!(one_error(&same), ("correction-unchanged".into(), 20, 14));
    let text = check_with(&fields("\"45,7\"", "2023-07-10", ""));
    assert_eq!(one_error(&text), ("number-as-text".into(), 20, 14));
    assert!(text[0]["hint"].as_str().unwrap().contains("45.7"));
    let date = check_with(&fields("45.7", "10/07/2023", ""));
    assert_eq!(one_error(&date), ("bad-date".into(), 21, 18));
    let source = check_with(&fields(
        "45.7",
        "2023-07-10",
        "      source: report-2023-7\n",
    ));
    assert_eq!(one_error(&source).0, "unknown-source");
    assert!(source[0]["hint"]
        .as_str()
        .unwrap()
        .contains("report-2023-07"));
    let missing = check_with("    corrects:\n      value: 45.7\n      published: 2023-07-10\n");
    assert_eq!(one_error(&missing).0, "yaml");
    assert!(
        missing[0]["message"].as_str().unwrap().contains("reason"),
        "{missing:#?}"
    );
    let typo = check_with(&fields("45.7", "2023-07-10", "      reasons: \"x\"\n"));
    assert_eq!(one_error(&typo).0, "yaml");
    // The Vietnamese words for the same problem.
    let vi = check_with_lang(&fields("45.7", "2024-01-05", ""), "vi");
    assert!(
        vi[0]["message"].as_str().unwrap().contains("sau phiên họp"),
        "{vi:#?}"
    );
}

/// [`check_with`], with the words in `lang`.
fn check_with_lang(corrects: &str, lang: &str) -> Vec<serde_json::Value> {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&fixture("corrections"), tmp.path());
    let file = tmp
        .path()
        .join(format!("content/sessions/{YEAR_END}/session.yaml"));
    let yaml = std::fs::read_to_string(&file).unwrap();
    let start = yaml.find("    corrects:\n").unwrap();
    let end = start + yaml[start..].find("  - indicator:").unwrap();
    std::fs::write(
        &file,
        format!("{}{corrects}{}", &yaml[..start], &yaml[end..]),
    )
    .unwrap();
    common::run([
        "check".as_ref(),
        "--lang".as_ref(),
        lang.as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--content".as_ref(),
        tmp.path().join("content").as_os_str(),
    ] as [&std::ffi::OsStr; 7])
    .diagnostics()
    .into_iter()
    .filter(|d| d["severity"] == "error")
    .collect()
}
