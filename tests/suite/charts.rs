//! Charts a citizen can read on a phone: every chart has a narrow form,
//! drawn about as wide as a 360 px screen shows it, so that its text keeps
//! its size; both forms stay self-contained, accessible images with the
//! same words; pages and embeds offer the narrow form on narrow screens.
//! (The sizes as rendered are measured in a real browser by
//! `tests/browser/check.mjs`.)

use crate::common;

use std::path::Path;

/// The smallest chart text, in SVG units of the narrow form, which a
/// 360 px screen shows at least as wide as it is drawn.
const MIN_TEXT: f64 = 12.0;
/// The width a 360 px screen gives a chart on a page: 360 less the page's
/// padding and the chart's border.
const PHONE_CHART_PX: f64 = 326.0;

/// The font size of a text element: its own, or the nearest ancestor's.
fn font_size(n: roxmltree::Node) -> Option<f64> {
    n.ancestors()
        .find_map(|a| a.attribute("font-size"))
        .and_then(|s| s.parse().ok())
}

fn view_box_width(doc: &roxmltree::Document) -> f64 {
    let vb = doc.root_element().attribute("viewBox").expect("a viewBox");
    vb.split(' ').nth(2).unwrap().parse().unwrap()
}

/// Checks one narrow chart and its wide counterpart; returns the smallest
/// text size as shown on a phone.
fn check_pair(site: &Path, narrow: &str) -> f64 {
    let narrow_text = std::fs::read_to_string(site.join(narrow)).unwrap();
    let wide_path = narrow.replace(".narrow.svg", ".svg");
    let wide_text = std::fs::read_to_string(site.join(&wide_path))
        .unwrap_or_else(|e| panic!("{narrow} has no wide form {wide_path}: {e}"));
    let doc = roxmltree::Document::parse(&narrow_text).unwrap_or_else(|e| panic!("{narrow}: {e}"));
    let wide = roxmltree::Document::parse(&wide_text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"), "{narrow}");
    let first = |d: &roxmltree::Document, tag: &str| -> String {
        d.root_element()
            .children()
            .find(|n| n.tag_name().name() == tag)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned()
    };
    // The same accessible name and figures in words, diacritics and all.
    assert!(!first(&doc, "title").is_empty(), "{narrow}: no title");
    assert!(!first(&doc, "desc").is_empty(), "{narrow}: no desc");
    assert_eq!(first(&doc, "title"), first(&wide, "title"), "{narrow}");
    assert_eq!(first(&doc, "desc"), first(&wide, "desc"), "{narrow}");
    assert!(!doc
        .descendants()
        .any(|n| n.tag_name().name() == "image" || n.tag_name().name() == "script"));
    let width = view_box_width(&doc);
    assert!(width <= PHONE_CHART_PX, "{narrow}: {width} units wide");
    assert!(view_box_width(&wide) > width);
    let mut smallest = f64::INFINITY;
    for t in doc.descendants().filter(|n| n.tag_name().name() == "text") {
        let size = font_size(t).unwrap_or_else(|| panic!("{narrow}: a text without a size"));
        assert!(
            size >= MIN_TEXT,
            "{narrow}: \"{}\" at {size}",
            t.text().unwrap_or("")
        );
        smallest = smallest.min(size * PHONE_CHART_PX / width);
    }
    smallest
}

#[test]
fn every_chart_has_a_narrow_form_with_text_of_twelve_px_on_a_phone() {
    let site = common::bundled_site();
    let svgs = common::files_with(&site, "svg");
    let narrow: Vec<&String> = svgs.iter().filter(|p| p.ends_with(".narrow.svg")).collect();
    let wide = svgs.len() - narrow.len();
    assert_eq!(narrow.len(), wide, "one narrow form per chart");
    let mut smallest = f64::INFINITY;
    for p in &narrow {
        smallest = smallest.min(check_pair(&site, p));
    }
    assert!(smallest >= MIN_TEXT, "{smallest}");
    // Vietnamese at the root, English under en/: both have narrow forms.
    assert!(narrow.iter().any(|p| p.starts_with("en/")));
    assert!(narrow.iter().any(|p| p.starts_with("sessions/")));
}

#[test]
fn pages_and_embeds_offer_the_narrow_form_on_narrow_screens() {
    let site = common::bundled_site();
    let sessions = common::files_with(&site, "html");
    let session = sessions
        .iter()
        .find(|p| {
            p.starts_with("sessions/") && p.ends_with("/index.html") && p.matches('/').count() == 2
        })
        .unwrap();
    let page = common::html(&site, session);
    let source = page
        .select(&common::sel("figure#chart-overview picture source"))
        .next()
        .expect("the overview chart is a picture with a narrow source");
    assert_eq!(source.value().attr("media"), Some("(max-width: 799.98px)"));
    assert!(source
        .value()
        .attr("srcset")
        .unwrap()
        .ends_with("chart.narrow.svg"));
    // The charts page shows the narrow form of each result.
    let charts = session.replace("/index.html", "/charts/index.html");
    let page = common::html(&site, &charts);
    let imgs: Vec<_> = page.select(&common::sel("figure.chart img")).collect();
    assert!(!imgs.is_empty());
    assert!(imgs
        .iter()
        .all(|i| i.value().attr("src").unwrap().ends_with(".narrow.svg")));
    // Embed pages too, and the iframe code reserves the narrow height below
    // the wide form's width.
    let embeds = sessions.iter().filter(|p| p.starts_with("embed/")).count();
    assert!(embeds > 0);
    let code = common::html(&site, session);
    let textarea = code
        .select(&common::sel("textarea[id$='-iframe']"))
        .next()
        .unwrap();
    let iframe = common::text_of(textarea);
    assert!(iframe.contains("padding-top:max("), "{iframe}");
}

/// The address a chart at `svg` (a site path in the folder `p`) prints:
/// its figure's page and anchor, or for a chart frozen at a session, its
/// own embed page.
fn printed_address(p: &str, svg: &str) -> String {
    let host = "minhbach.example.org/";
    let rest = svg.strip_prefix(p).unwrap();
    let parts: Vec<&str> = rest.split('/').collect();
    let file = parts[parts.len() - 1].trim_end_matches(".narrow.svg");
    let file = file.trim_end_matches(".svg");
    match parts[..] {
        ["sessions", s, "chart.svg" | "chart.narrow.svg"] => {
            format!("{host}{p}sessions/{s}/#chart-overview")
        }
        ["sessions", s, "charts", _] => format!("{host}{p}sessions/{s}/charts/#chart-{file}"),
        ["indicators", i, "chart.svg" | "chart.narrow.svg"] => {
            format!("{host}{p}indicators/{i}/#chart-history")
        }
        ["indicators", i, "as-of", s, _] => {
            format!("{host}embed/{p}indicators/{i}/as-of/{s}/chart/")
        }
        _ => panic!("a chart where none is expected: {svg}"),
    }
}

#[test]
fn every_chart_file_prints_its_address_and_licence() {
    let site = common::bundled_site();
    let mut seen = 0;
    for (p, licence) in [("", "Giấy phép: CC BY 4.0"), ("en/", "Licence: CC BY 4.0")] {
        for svg in common::files_with(&site, "svg") {
            if !svg.starts_with(p) || (p.is_empty() && svg.starts_with("en/")) {
                continue;
            }
            if svg.starts_with("embed/") || svg.starts_with("en/embed/") {
                continue;
            }
            let text = std::fs::read_to_string(site.join(&svg)).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap();
            // The footer's last lines, read in order.
            let lines: String = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect();
            let address = printed_address(p, &svg);
            // Lines break between words and after slashes, so spaces and
            // the dot between address and licence may fall at a break.
            let bare = |s: &str| s.replace([' ', '·'], "");
            assert!(
                bare(&lines).ends_with(&bare(&format!("{address}{licence}"))),
                "{svg}: does not end with its address and licence: …{}",
                &lines[lines.len().saturating_sub(200)..]
            );
            // The address is a page of the site, and the anchor is on it.
            let (page, anchor) = address
                .strip_prefix("minhbach.example.org/")
                .unwrap()
                .split_once('#')
                .unwrap_or((&address["minhbach.example.org/".len()..], ""));
            let html = std::fs::read_to_string(site.join(page).join("index.html"))
                .unwrap_or_else(|e| panic!("{svg} prints {address}, which is no page: {e}"));
            if !anchor.is_empty() {
                assert!(
                    html.contains(&format!("id=\"{anchor}\"")),
                    "{svg}: {address}"
                );
            }
            seen += 1;
        }
    }
    assert!(seen > 500, "{seen}");
}
