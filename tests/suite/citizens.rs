//! What a citizen on a cheap phone depends on, checked on the bundled
//! content: light pages, search that forgives missing diacritics, the
//! history of an indicator across sessions, status badges that explain
//! themselves, and a language switcher that keeps the reader in place.
//! (Accessibility, HTML validity and layout are checked in a real browser
//! by `tests/browser/`.)

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{repo, sel};
use minhbach::internals::render::search;
use minhbach::model::Site;
use scraper::Html;

/// The uncompressed weight allowed for a session page with everything it
/// loads (HTML, CSS, scripts, images).
const SESSION_PAGE_BUDGET: u64 = 100 * 1000;
/// "One small CSS file": with the dark, high-contrast and forced-colour
/// looks it is about 16 KB (4.5 KB compressed).
const STYLESHEET_BUDGET: u64 = 20 * 1000;

/// The bundled content, built once for every test in this file.
fn built() -> &'static (tempfile::TempDir, PathBuf, Site) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf, Site)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let out = tmp.path().join("site");
        let mut opts = minhbach::Options::new(repo().join("content"));
        opts.out = out.clone();
        if let Err(e) = minhbach::build(&opts) {
            panic!("the bundled content does not build: {e:?}");
        }
        let (site, diags) = minhbach::check(&opts);
        let site = site.unwrap_or_else(|| panic!("the bundled content does not check: {diags:?}"));
        (tmp, out, site)
    })
}

fn site_dir() -> &'static Path {
    &built().1
}

fn model() -> &'static Site {
    &built().2
}

fn page(rel: &str) -> Html {
    common::html(site_dir(), rel)
}

/// Every `.html` file of the built site, relative to it.
fn html_pages() -> Vec<String> {
    common::files_with(site_dir(), ".html")
}

/// The `lang` of a page's `<html>`.
fn html_lang(doc: &Html) -> String {
    doc.select(&sel("html"))
        .next()
        .and_then(|h| h.value().attr("lang"))
        .unwrap_or_default()
        .to_owned()
}

/// Resolves a relative link from the page at `from` (a site path) to a
/// site path, dropping any query and fragment. `None` for links that leave
/// the site.
fn resolve(from: &str, href: &str) -> Option<String> {
    if href.contains("://")
        || href.starts_with("//")
        || href.starts_with("mailto:")
        || href.starts_with("data:")
    {
        return None;
    }
    let href = href.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    // The 404 pages' links start from the site's root on the host: the
    // path of the bundled `base_url`, `/`. No other page's may.
    let href = match href.strip_prefix('/') {
        Some(from_root) if from.ends_with("404.html") => {
            parts.clear();
            from_root
        }
        Some(_) => return None,
        None => href,
    };
    if href.is_empty() {
        return Some(from.to_owned());
    }
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// What the page at `rel` makes a browser download: the page itself and
/// every stylesheet, script and image it loads (each file once).
fn page_weight(rel: &str) -> (u64, Vec<(String, u64)>) {
    let doc = page(rel);
    let mut files: BTreeSet<String> = BTreeSet::new();
    files.insert(rel.to_owned());
    for (selector, attr) in [
        ("link[rel~=stylesheet]", "href"),
        ("link[rel~=icon]", "href"),
        ("link[rel~=preload]", "href"),
        ("script[src]", "src"),
        ("img[src]", "src"),
        ("source[src]", "src"),
        ("iframe[src]", "src"),
        ("object[data]", "data"),
        ("embed[src]", "src"),
    ] {
        for e in doc.select(&sel(selector)) {
            let href = e.value().attr(attr).unwrap_or_default();
            let target = resolve(rel, href)
                .unwrap_or_else(|| panic!("{rel} loads {href} from outside the site"));
            files.insert(target);
        }
    }
    let mut total = 0;
    let mut list = Vec::new();
    for f in files {
        let size = std::fs::metadata(site_dir().join(&f))
            .unwrap_or_else(|e| panic!("{rel} loads {f}, which is missing: {e}"))
            .len();
        total += size;
        list.push((f, size));
    }
    (total, list)
}

#[test]
fn every_session_page_fits_the_weight_budget() {
    let sessions: Vec<String> = html_pages()
        .into_iter()
        .filter(|p| is_session_page(p))
        .collect();
    assert!(
        sessions.len() >= 2 * model().sessions.len(),
        "a session page per session and language: {sessions:?}"
    );
    let mut report = Vec::new();
    for rel in &sessions {
        let (total, files) = page_weight(rel);
        report.push(format!("{rel}: {total} bytes in {} files", files.len()));
        assert!(
            total < SESSION_PAGE_BUDGET,
            "{rel} weighs {total} bytes with what it loads, over the {SESSION_PAGE_BUDGET} byte budget:\n{}",
            files.iter().map(|(f, s)| format!("  {s:>7} {f}")).collect::<Vec<_>>().join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
}

fn is_session_page(rel: &str) -> bool {
    let rel = rel.strip_prefix("en/").unwrap_or(rel);
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() == 3 && parts[0] == "sessions" && parts[2] == "index.html"
}

#[test]
fn pages_load_nothing_from_outside_and_share_one_small_stylesheet() {
    let css = std::fs::metadata(site_dir().join("style.css"))
        .expect("style.css")
        .len();
    assert!(
        css < STYLESHEET_BUDGET,
        "style.css is {css} bytes, over {STYLESHEET_BUDGET}"
    );
    for rel in html_pages() {
        let doc = page(&rel);
        if rel.starts_with("embed/") {
            continue; // an embed page carries its own minimal stylesheet
        }
        let sheets: Vec<String> = doc
            .select(&sel("link[rel~=stylesheet]"))
            .filter_map(|e| e.value().attr("href"))
            .map(|h| {
                resolve(&rel, h).unwrap_or_else(|| {
                    panic!("{rel} loads the stylesheet {h} from outside the site")
                })
            })
            .collect();
        assert!(
            sheets.iter().all(|s| s == "style.css"),
            "{rel} loads {sheets:?}; the site has one stylesheet"
        );
        // Every loaded resource resolves inside the site (page_weight panics
        // otherwise), and no inline style block or script sneaks in.
        page_weight(&rel);
        assert_eq!(
            doc.select(&sel("style")).count(),
            0,
            "{rel} has an inline <style>"
        );
        // A JSON-LD data block describes the page's data set; it runs
        // nothing.
        assert_eq!(
            doc.select(&sel(
                "script:not([src]):not([type=\"application/ld+json\"])"
            ))
            .count(),
            0,
            "{rel} has an inline <script>"
        );
    }
}

#[test]
fn folding_matches_every_real_name_typed_without_diacritics() {
    let site = model();
    assert!(
        site.indicators.len() >= 10,
        "the bundled content has its indicators"
    );
    let entries = search::entries(site);
    for ind in site.indicators.values() {
        let key = format!("i-{}", ind.id);
        for name in ind.name.strings() {
            let folded = search::fold(name);
            assert!(
                folded.chars().all(|c| !c.is_uppercase()
                    && c != 'đ'
                    && !unicode_normalization::char::is_combining_mark(c)),
                "fold({name:?}) = {folded:?} keeps a capital, a đ or a mark"
            );
            assert_eq!(
                search::fold(&folded),
                folded,
                "folding twice changes nothing"
            );
            // As typed on a keyboard without Vietnamese input (no tones, no
            // vowel marks, d for đ), in capitals, and as written: the full
            // name always finds its indicator.
            let plain = deunicode::deunicode(name);
            for typed in [
                plain.clone(),
                plain.to_uppercase(),
                name.to_owned(),
                name.to_lowercase(),
            ] {
                let found = search::find(&entries, &typed);
                assert!(
                    found.contains(&key.as_str()),
                    "{} is not found by typing {typed:?} (found {found:?})",
                    ind.id
                );
            }
        }
        let vi = ind.name.strings().next().unwrap_or_default();
        assert!(
            search::fold(vi).is_ascii(),
            "{vi:?} does not fold to ASCII: {}",
            search::fold(vi)
        );
    }
}

#[test]
fn typing_hoa_don_finds_the_e_invoice_indicator_and_only_invoices() {
    let site = model();
    let entries = search::entries(site);
    for query in [
        "hoa don",
        "hoa don dien tu",
        "HÓA ĐƠN",
        "hóa đơn điện tử",
        "hoá đơn",
        "Hoa Đon",
        "hoa don d",
    ] {
        let found = search::find(&entries, query);
        assert!(
            found.contains(&"i-e-invoice-enterprises"),
            "{query:?} finds {found:?}"
        );
        for id in &found {
            let (_, texts) = entries.iter().find(|(k, _)| k == id).unwrap();
            assert!(
                texts.iter().any(|t| t.contains("hoa don")),
                "{query:?} also finds {id}, which is not about invoices: {texts:?}"
            );
        }
    }
}

#[test]
fn the_search_index_and_page_cover_every_indicator_and_session() {
    let site = model();
    for (prefix, lang) in [("", "vi"), ("en/", "en")] {
        let js =
            std::fs::read_to_string(site_dir().join(format!("{prefix}search/search-index.js")))
                .expect("the search index");
        let json = js
            .split_once('=')
            .and_then(|(_, rest)| rest.trim().strip_suffix(';'))
            .unwrap_or_else(|| panic!("the index is `window.minhbachSearch = {{...}};`: {js:.80}"));
        let index: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).expect("the index is JSON");
        let doc = page(&format!("{prefix}search/index.html"));
        assert_eq!(
            doc.select(&sel("html"))
                .next()
                .unwrap()
                .value()
                .attr("lang"),
            Some(lang)
        );
        let listed: BTreeSet<&str> = doc
            .select(&sel("[data-search-id]"))
            .filter_map(|e| e.value().attr("data-search-id"))
            .collect();
        for ind in site.indicators.values() {
            let key = format!("i-{}", ind.id);
            assert!(index.contains_key(&key), "{key} is not in the {lang} index");
            assert!(
                listed.contains(key.as_str()),
                "{key} is not listed on the {lang} search page"
            );
        }
        for s in &site.sessions {
            assert!(
                listed.contains(format!("s-{}", s.id).as_str()),
                "session {} is not on the {lang} search page",
                s.id
            );
        }
        assert!(
            index.values().all(|v| v.as_array().is_some_and(|a| a
                .iter()
                .all(|t| t.as_str().is_some_and(|k| k == search::fold(k))))),
            "the index holds folded texts"
        );
        let page_path = format!("{prefix}search/index.html");
        let scripts: Vec<String> = doc
            .select(&sel("script[src]"))
            .filter_map(|e| resolve(&page_path, e.value().attr("src")?))
            .collect();
        assert_eq!(
            scripts,
            [
                format!("{prefix}search/search-index.js"),
                "search.js".to_owned()
            ],
            "the search page loads its index, then the script"
        );
    }
    let script = std::fs::read_to_string(site_dir().join("search.js")).expect("search.js");
    assert!(
        script.contains("normalize('NFD')") && script.contains("đ/g, 'd'"),
        "search.js folds like the index"
    );
}

#[test]
fn every_page_has_a_search_box_that_works_without_javascript() {
    for rel in html_pages() {
        if rel.starts_with("embed/") || rel.contains("/embed/") {
            continue; // embeds show one chart and nothing else
        }
        let doc = page(&rel);
        let lang = html_lang(&doc);
        let forms: Vec<_> = doc.select(&sel("form[role=search]")).collect();
        assert_eq!(forms.len(), 1, "{rel} has {} search forms", forms.len());
        let form = forms[0].value();
        assert_eq!(
            form.attr("method"),
            Some("get"),
            "{rel}: the search form is a plain GET"
        );
        let target =
            resolve(&rel, form.attr("action").unwrap_or_default()).expect("a local action");
        let expected = if lang == "vi" {
            "search/index.html".to_owned()
        } else {
            format!("{lang}/search/index.html")
        };
        assert_eq!(
            target, expected,
            "{rel}: the search box leads to the search page of its language"
        );
        assert_eq!(
            forms[0].select(&sel("input[name=q]")).count(),
            1,
            "{rel}: the query is `q`"
        );
        let input_id = forms[0]
            .select(&sel("input[name=q]"))
            .next()
            .unwrap()
            .value()
            .id()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(
            doc.select(&sel(&format!("label[for={input_id}]"))).count(),
            1,
            "{rel}: the search box has a label"
        );
    }
}

#[test]
fn an_indicator_page_shows_every_result_across_sessions_and_scopes() {
    let site = model();
    let mut checked = 0;
    for ind in site.indicators.values() {
        let results: Vec<(&minhbach::model::Session, &minhbach::model::ResultEntry)> = site
            .sessions()
            .flat_map(|s| {
                s.results
                    .iter()
                    .filter(|r| r.indicator == ind.id)
                    .map(move |r| (s, r))
            })
            .collect();
        let sessions: BTreeSet<&str> = results.iter().map(|(s, _)| s.id.as_str()).collect();
        if sessions.len() < 2 {
            continue;
        }
        for prefix in ["", "en/"] {
            let rel = format!("{prefix}indicators/{}/index.html", ind.id);
            let doc = page(&rel);
            let rows: Vec<_> = doc.select(&sel("table.results tbody tr")).collect();
            assert_eq!(
                rows.len(),
                results.len(),
                "{rel}: one row per result ({} results in {} sessions)",
                results.len(),
                sessions.len()
            );
            let linked: BTreeSet<String> = rows
                .iter()
                .filter_map(|r| r.select(&sel("th a")).next())
                .filter_map(|a| resolve(&rel, a.value().attr("href")?))
                .collect();
            for s in &sessions {
                assert!(
                    linked.contains(&format!("{prefix}sessions/{s}/index.html")),
                    "{rel} has no row linking to session {s}: {linked:?}"
                );
            }
            let scopes: BTreeSet<String> = rows
                .iter()
                .filter_map(|r| r.select(&sel("td")).next())
                .map(|td| td.text().collect::<String>())
                .collect();
            let expected_scopes: BTreeSet<&str> =
                results.iter().map(|(_, r)| r.scope.as_str()).collect();
            assert_eq!(
                scopes.len(),
                expected_scopes.len(),
                "{rel}: every scope has its rows ({scopes:?})"
            );
            assert_eq!(
                doc.select(&sel("figure.chart img[alt]")).count(),
                1,
                "{rel} shows the history chart with a text alternative"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 2,
        "the bundled content has indicators measured in two sessions or more ({checked})"
    );
}

#[test]
fn every_status_badge_links_to_its_explanation() {
    let statuses: Vec<String> = {
        let doc = page("methodology/index.html");
        doc.select(&sel("main section[id]"))
            .filter_map(|s| s.value().id().map(str::to_owned))
            .collect()
    };
    for key in ["achieved", "on-track", "behind", "no-data", "no-target"] {
        assert!(
            statuses.iter().any(|s| s == key),
            "the methodology page explains {key}: {statuses:?}"
        );
    }
    for rel in html_pages() {
        let doc = page(&rel);
        for badge in doc.select(&sel("main .badge")) {
            if badge
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|a| a.value().name() == "h2")
            {
                continue; // the methodology page's own headings
            }
            let link = if badge.value().name() == "a" {
                Some(badge)
            } else {
                badge
                    .ancestors()
                    .filter_map(scraper::ElementRef::wrap)
                    .find(|a| a.value().name() == "a")
            };
            let href = link
                .and_then(|a| a.value().attr("href"))
                .unwrap_or_else(|| {
                    panic!("{rel}: a status badge that is not a link: {}", badge.html())
                });
            let (path, fragment) = href
                .split_once('#')
                .unwrap_or_else(|| panic!("{rel}: badge link {href} has no section"));
            let target = resolve(&rel, path).expect("local");
            assert!(
                target.ends_with("methodology/index.html"),
                "{rel}: badge links to {target}"
            );
            assert!(
                statuses.iter().any(|s| s == fragment),
                "{rel}: badge links to an unknown section #{fragment}"
            );
        }
    }
}

/// The home page counts the site's targets, not the latest session's
/// results (which may set none): one tile per status a target can have,
/// adding up to every indicator and scope with a target (see
/// `dashboard.rs` for the lists they link to).
#[test]
fn the_home_page_counts_every_target_by_status() {
    let site = model();
    let targets: BTreeSet<(String, String)> = site
        .sessions()
        .flat_map(|s| s.results.iter())
        .filter(|r| r.target.is_some())
        .map(|r| (r.indicator.to_string(), r.scope.to_string()))
        .collect();
    for prefix in ["", "en/"] {
        let doc = page(&format!("{prefix}index.html"));
        let tiles: Vec<_> = doc.select(&sel(".dashboard .tiles .tile")).collect();
        // The bundled site judges pace by the linear rule: six statuses,
        // of which a target cannot have `no-target`.
        assert_eq!(tiles.len(), 5, "{prefix}index.html: a tile per status");
        let total: usize = tiles
            .iter()
            .map(|t| {
                t.select(&sel(".tile-count"))
                    .next()
                    .map(|c| c.text().collect::<String>())
                    .unwrap_or_default()
            })
            .map(|c| {
                c.trim()
                    .parse::<usize>()
                    .unwrap_or_else(|_| panic!("tile count {c:?}"))
            })
            .sum();
        assert_eq!(
            total,
            targets.len(),
            "{prefix}index.html: the tiles count every target of the site"
        );
        let headline = doc
            .select(&sel(".dashboard .headline-number"))
            .next()
            .map(|h| h.text().collect::<String>())
            .unwrap_or_default();
        // "N of M targets achieved", M being every target.
        assert!(
            headline.contains(&targets.len().to_string()),
            "{prefix}index.html: headline {headline:?} for {} targets",
            targets.len()
        );
    }
}

#[test]
fn the_language_switcher_keeps_the_reader_on_the_same_page() {
    for rel in html_pages() {
        if rel.contains("embed/") {
            continue;
        }
        let doc = page(&rel);
        let lang = html_lang(&doc);
        let other: Vec<_> = doc.select(&sel(".lang-switch a[hreflang]")).collect();
        assert_eq!(other.len(), 1, "{rel}: a link to the other language");
        let a = other[0].value();
        assert_eq!(
            a.attr("lang"),
            a.attr("hreflang"),
            "{rel}: the switcher link is marked with its language"
        );
        let target = resolve(&rel, a.attr("href").unwrap_or_default()).expect("local");
        assert!(
            site_dir().join(&target).is_file(),
            "{rel}: the switcher leads to {target}, which is missing"
        );
        let expected = if lang == "vi" {
            format!("en/{rel}")
        } else {
            rel.strip_prefix("en/").unwrap_or(&rel).to_owned()
        };
        assert_eq!(target, expected, "{rel}: the switcher keeps the page");
    }
}

#[test]
fn text_in_another_language_is_marked() {
    // The register's sources are Vietnamese documents whose title and
    // publisher are translated: English pages name them in English, with
    // nothing marked as Vietnamese, while the figures they printed stay as
    // printed and carry lang="vi" so that a screen reader switches voice.
    let doc = page("en/sessions/2022-08-08-phien-hop-thu-3/index.html");
    let sources: Vec<_> = doc.select(&sel(".sources li")).collect();
    assert!(!sources.is_empty(), "the session lists its sources");
    for li in &sources {
        assert_eq!(
            li.select(&sel("[lang]")).count(),
            0,
            "a translated source marked as another language: {}",
            li.html()
        );
    }
    let listed: String = sources.iter().flat_map(|li| li.text()).collect();
    assert!(
        listed.contains("Dong Khoi Newspaper (BDK.VN)"),
        "English publisher names: {listed}"
    );
    let doc = page("en/sources/ninhbinh-2022-08-09/index.html");
    let labels = doc.select(&sel("tbody[lang=vi] th")).count();
    assert!(labels > 0, "the printed labels are marked lang=\"vi\"");
    for rel in html_pages() {
        let doc = page(&rel);
        let page_lang = html_lang(&doc);
        assert!(
            page_lang == "vi" || page_lang == "en",
            "{rel} has lang {page_lang:?}"
        );
    }
}

#[test]
fn numbers_and_dates_follow_the_page_language() {
    let vi = page("sessions/2022-08-08-phien-hop-thu-3/index.html");
    let en = page("en/sessions/2022-08-08-phien-hop-thu-3/index.html");
    let text = |d: &Html| {
        d.select(&sel("main"))
            .next()
            .map(|m| m.text().collect::<String>())
            .unwrap_or_default()
    };
    let (vi, en) = (text(&vi), text(&en));
    assert!(
        vi.contains("11,27%") && vi.contains("08/08/2022"),
        "Vietnamese decimal comma and dd/mm/yyyy"
    );
    assert!(
        en.contains("11.27%") && en.contains("8 Aug 2022"),
        "English decimal point and dates"
    );
}
