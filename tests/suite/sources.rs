//! Sources in every language: the `sources` fixture has a register entry
//! whose title, publisher and about are translated, one written in one
//! string per field, an inline source translated and one in Vietnamese
//! only. Each page shows a source's texts in its own language, marks any
//! text in another language (a fallback, or one string of a Vietnamese
//! document) with `lang`, and marks the printed labels, which are never
//! translated, with the document's language. A bad language key in these
//! fields is reported where it is written.

use std::fs;
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html};

use crate::common::*;

fn sources_site() -> PathBuf {
    shared_build("sources", &fixture("sources").join("content"))
}

const SESSION: &str = "2022-08-08-phien-hop";
const TRANSLATED: &str = "dich-2022-08-08";
const ONE_STRING: &str = "mot-chuoi-2022-08-09";

/// The language an element is read in: its own `lang`, or its nearest
/// ancestor's (the page's, on `<html>`).
fn lang_at(e: ElementRef) -> String {
    std::iter::once(e)
        .chain(e.ancestors().filter_map(ElementRef::wrap))
        .find_map(|a| a.value().attr("lang"))
        .unwrap_or_else(|| panic!("no lang above {}", e.html()))
        .to_owned()
}

/// The first element matching `css`, with its text and the language it
/// is read in.
fn first(doc: &Html, css: &str) -> (String, String) {
    let e = doc
        .select(&sel(css))
        .next()
        .unwrap_or_else(|| panic!("no `{css}`"));
    (text_of(e), lang_at(e))
}

/// Every element matching `css`, with its text and language.
fn all(doc: &Html, css: &str) -> Vec<(String, String)> {
    doc.select(&sel(css))
        .map(|e| (text_of(e), lang_at(e)))
        .collect()
}

/// The prefix of a language's pages: the default language at the root.
fn prefix(lang: &str) -> &'static str {
    if lang == "vi" {
        ""
    } else {
        "en/"
    }
}

#[test]
fn a_translated_register_entry_is_shown_in_the_pages_language() {
    let site = sources_site();
    let cases = [
        (
            "vi",
            "Đẩy nhanh chuyển đổi số",
            "Không rõ (bản tin không ghi tên cơ quan đăng)",
            "Phiên họp thứ ba, 08/08/2022",
        ),
        (
            "en",
            "Speeding up digital transformation",
            "Unknown (the bulletin does not name its publisher)",
            "The third session, 8 August 2022",
        ),
    ];
    for (lang, title, publisher, about) in cases {
        let page = format!("{}sources/{TRANSLATED}/index.html", prefix(lang));
        let doc = html(&site, &page);
        assert_eq!(
            first(&doc, "main h1"),
            (title.into(), lang.into()),
            "{page}"
        );
        let facts = all(&doc, "dl.facts dd");
        assert!(
            facts.contains(&(publisher.into(), lang.into())),
            "{page}: publisher in {facts:?}"
        );
        assert!(
            facts.contains(&(about.into(), lang.into())),
            "{page}: about in {facts:?}"
        );
        let head = first(&doc, "head title").0;
        assert!(head.contains(title), "{page}: <title> {head}");

        let list = format!("{}sources/index.html", prefix(lang));
        let doc = html(&site, &list);
        let link = format!("ul.source-list a[href*=\"{TRANSLATED}\"]");
        assert_eq!(first(&doc, &link), (format!("«{title}»"), lang.into()));
        let item = doc
            .select(&sel(&link))
            .next()
            .and_then(|a| a.parent().and_then(ElementRef::wrap))
            .expect("the link's list item");
        assert!(
            text_of(item).contains(publisher),
            "{list}: {}",
            text_of(item)
        );
    }
}

#[test]
fn printed_labels_carry_the_documents_language_on_every_page() {
    let site = sources_site();
    let seed = fs::read_to_string(fixture("sources").join("seeds/dich-2022-08-08.yaml"))
        .expect("the fixture's register entry");
    for lang in ["vi", "en"] {
        let page = format!("{}sources/{TRANSLATED}/index.html", prefix(lang));
        let doc = html(&site, &page);
        let labels: Vec<(String, String)> = doc
            .select(&sel("table.results"))
            .next()
            .expect("the table of printed figures")
            .select(&sel("tbody th"))
            .map(|e| (text_of(e), lang_at(e)))
            .collect();
        assert_eq!(
            labels,
            vec![(
                "Tỷ lệ DN sử dụng hóa đơn điện tử, 6 tháng".to_owned(),
                "vi".to_owned()
            )],
            "{page}"
        );
        assert!(
            seed.contains(&labels[0].0),
            "the label is quoted as printed"
        );
    }
}

#[test]
fn one_string_stays_valid_and_is_marked_with_the_documents_language() {
    let site = sources_site();
    let title = "Phiên họp thứ 3 của Ủy ban quốc gia về chuyển đổi số";
    let publisher = "Cổng TTĐT tỉnh (Ninh Bình)";
    for lang in ["vi", "en"] {
        let page = format!("{}sources/{ONE_STRING}/index.html", prefix(lang));
        let doc = html(&site, &page);
        // Vietnamese on every page, and read as Vietnamese.
        assert_eq!(
            first(&doc, "main h1"),
            (title.into(), "vi".into()),
            "{page}"
        );
        let facts = all(&doc, "dl.facts dd");
        assert!(
            facts.contains(&(publisher.into(), "vi".into())),
            "{page}: {facts:?}"
        );

        let list = format!("{}sources/index.html", prefix(lang));
        let doc = html(&site, &list);
        let link = format!("ul.source-list a[href*=\"{ONE_STRING}\"]");
        assert_eq!(
            first(&doc, &link),
            (format!("«{title}»"), "vi".into()),
            "{list}"
        );
        let spans = all(&doc, "ul.source-list .meta span[lang]");
        // Only a text in another language than the page's is marked.
        let expected = if lang == "vi" {
            vec![]
        } else {
            vec![(publisher.to_owned(), "vi".to_owned())]
        };
        assert_eq!(spans, expected, "{list}");
    }
}

#[test]
fn session_pages_show_each_source_in_the_pages_language() {
    let site = sources_site();
    // (source, Vietnamese page, English page): (publisher, its lang) and
    // (title, its lang). A Vietnamese-only inline source falls back.
    let cases = [
        (
            TRANSLATED,
            [
                ("Không rõ (bản tin không ghi tên cơ quan đăng)", "vi"),
                ("«Đẩy nhanh chuyển đổi số»", "vi"),
            ],
            [
                ("Unknown (the bulletin does not name its publisher)", "en"),
                ("«Speeding up digital transformation»", "en"),
            ],
        ),
        (
            ONE_STRING,
            [
                ("Cổng TTĐT tỉnh (Ninh Bình)", "vi"),
                (
                    "«Phiên họp thứ 3 của Ủy ban quốc gia về chuyển đổi số»",
                    "vi",
                ),
            ],
            [
                ("Cổng TTĐT tỉnh (Ninh Bình)", "vi"),
                (
                    "«Phiên họp thứ 3 của Ủy ban quốc gia về chuyển đổi số»",
                    "vi",
                ),
            ],
        ),
        (
            "ban-tin-dich",
            [
                ("Cổng thông tin tỉnh", "vi"),
                ("«Bản tin phiên họp thứ ba»", "vi"),
            ],
            [
                ("Provincial web portal", "en"),
                ("«Bulletin of the third session»", "en"),
            ],
        ),
        (
            "ban-tin-viet",
            [
                ("Báo địa phương", "vi"),
                ("«Bản tin chỉ có tiếng Việt»", "vi"),
            ],
            [
                ("Báo địa phương", "vi"),
                ("«Bản tin chỉ có tiếng Việt»", "vi"),
            ],
        ),
    ];
    for (id, vi, en) in cases {
        for (lang, [publisher, title]) in [("vi", vi), ("en", en)] {
            let page = format!("{}sessions/{SESSION}/index.html", prefix(lang));
            let doc = html(&site, &page);
            let item = format!("li#source-{id}");
            let shown = (
                first(&doc, &format!("{item} > span")),
                first(&doc, &format!("{item} cite, {item} a[rel]")),
            );
            let want = (
                (publisher.0.to_owned(), publisher.1.to_owned()),
                (title.0.to_owned(), title.1.to_owned()),
            );
            assert_eq!(shown, want, "{page}: {id}");
            // The results table names the publisher the same way.
            let cell = format!("td.source a[href*=\"{id}\"] span");
            assert_eq!(first(&doc, &cell), want.0, "{page}: the row citing {id}");
        }
    }
}

/// Every text of the English SVG charts, joined.
fn english_chart_texts(site: &Path) -> String {
    files_with(site, "svg")
        .into_iter()
        .filter(|p| p.starts_with("en/"))
        .map(|p| fs::read_to_string(site.join(&p)).unwrap_or_else(|e| panic!("{p}: {e}")))
        .collect()
}

#[test]
fn charts_and_data_files_name_the_source_in_their_language() {
    let site = sources_site();
    let charts = english_chart_texts(&site);
    assert!(
        charts.contains("Unknown (the bulletin does not name its publisher)"),
        "the English charts' source line"
    );
    assert!(
        !charts.contains("Không rõ (bản tin"),
        "no English chart names the translated publisher in Vietnamese"
    );
    // Data files are in the default language.
    let (_, rows) = read_results_csv(&site);
    let row = rows
        .iter()
        .find(|r| r["source"] == TRANSLATED)
        .expect("the row citing the translated entry");
    assert_eq!(row["source_title"], "Đẩy nhanh chuyển đổi số");
    assert_eq!(
        row["source_publisher"],
        "Không rõ (bản tin không ghi tên cơ quan đăng)"
    );
}

/// A copy of the fixture with the line of the translated register entry
/// that starts with `field:` replaced by `with`; returns the work folder,
/// the content folder and the number of the line replaced.
fn with_register_line(field: &str, with: &str) -> (tempfile::TempDir, PathBuf, usize) {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture("sources"), tmp.path());
    let file = tmp.path().join("seeds").join(format!("{TRANSLATED}.yaml"));
    let text = fs::read_to_string(&file).expect("the register entry");
    let at = text
        .lines()
        .position(|l| l.starts_with(&format!("{field}:")))
        .unwrap_or_else(|| panic!("the fixture has `{field}`"));
    let lines: Vec<&str> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == at { with } else { l })
        .collect();
    fs::write(&file, lines.join("\n") + "\n").expect("write the register entry");
    let content = tmp.path().join("content");
    (tmp, content, at + 1)
}

/// `check --format json` on `content`.
fn check_json(content: &Path) -> Run {
    let content = content.to_str().expect("utf-8 path");
    run(["check", "--format", "json", "--content", content])
}

#[test]
fn a_bad_language_key_in_a_register_entry_is_reported_where_it_is() {
    let file = format!("../seeds/{TRANSLATED}.yaml");
    // (field, what is written, the key, code, severity, exit code)
    let cases = [
        (
            "title",
            "title: {vi: \"Đẩy nhanh chuyển đổi số\", EN: \"Speeding up\"}",
            "EN",
            "bad-language",
            "error",
            1,
        ),
        (
            "publisher",
            "publisher: {vi: \"Không rõ\", en: \"Unknown\", vi-VN: \"Không rõ\"}",
            "vi-VN",
            "bad-language",
            "error",
            1,
        ),
        (
            "about",
            "about: {vi: \"Phiên họp thứ ba\", en: \"Third session\", fr: \"Troisième séance\"}",
            "fr",
            "unknown-language",
            "warning",
            0,
        ),
    ];
    for (field, written, key, code, severity, exit) in cases {
        let (_tmp, content, line) = with_register_line(field, written);
        let r = check_json(&content);
        let diags = r.diagnostics();
        let d = diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{field}: no `{code}` in\n{}", r.output()));
        assert_eq!(d["severity"], severity, "{d}");
        assert_eq!(d["file"], file.as_str(), "{d}");
        // The text under the bad key, counted in characters.
        let value = format!("{key}: ");
        let column = written[..written.find(&value).expect("the key")]
            .chars()
            .count()
            + value.chars().count()
            + 1;
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(line as u64), Some(column as u64)),
            "{field}: {d}"
        );
        assert!(
            d["message"].as_str().is_some_and(|m| m.contains(key)),
            "{d}"
        );
        assert_eq!(r.code, Some(exit), "{}", r.output());
    }
}

/// The register vouches only for what it checked: a figure whose source is
/// not a register entry is marked as not checked on every page that shows
/// it, and the register page counts such figures instead of claiming that
/// every figure is checked. (`bilingual-fr`: nine results cite inline
/// sources, one a register entry.)
#[test]
fn figures_not_checked_against_a_register_entry_are_marked_and_counted() {
    let site = shared_build("bilingual-fr", &fixture("bilingual-fr").join("content"));
    for (lang, marker) in [
        ("", "not checked against the printed source"),
        ("fr/", "non vérifié par rapport au document imprimé"),
    ] {
        let page = format!("{lang}sessions/2024-06-20-second-review/index.html");
        let doc = html(&site, &page);
        let mut rows = 0;
        for row in doc.select(&sel("table.results tbody tr")) {
            let text = text_of(row);
            let checked = text.contains("Electricity") || text.contains("Électricité");
            let marked = row.select(&sel(".unchecked")).any(|m| text_of(m) == marker);
            assert_eq!(marked, !checked, "{page}: {text}");
            rows += 1;
        }
        assert_eq!(rows, 6, "{page}");
        let register = text_of(html(&site, &format!("{lang}sources/index.html")).root_element());
        assert!(register.contains("9 "), "{register}");
        assert!(register.contains(marker), "{register}");
        for claim in [
            "Every figure on this site is checked",
            "Chaque chiffre de ce site est vérifié",
        ] {
            assert!(
                !register.contains(claim),
                "{lang}: the register claims “{claim}”"
            );
        }
    }
    // Where every figure cites the register, the claim stays, and no row
    // is marked.
    let bundled = bundled_site();
    let register = text_of(html(&bundled, "en/sources/index.html").root_element());
    assert!(
        register.contains("Every figure on this site is checked"),
        "{register}"
    );
    for page in files_with(&bundled, "html") {
        assert!(
            !std::fs::read_to_string(bundled.join(&page))
                .unwrap()
                .contains("class=\"unchecked\""),
            "{page} marks a checked figure"
        );
    }
}
