//! What journalists rely on: stable chart URLs, embeds, downloads whose
//! numbers are the chart's numbers, link previews, feeds and the data
//! package. Built from the bundled content once, then checked file by file.
//!
//! The full list of output files is pinned in `tests/expected/urls.txt`:
//! published URLs must never change by accident. After a deliberate change
//! (a new page or file), regenerate it with
//! `UPDATE_EXPECTED=1 cargo test --test suite journalists::` and review the diff.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common;
use minhbach::internals::format;
use minhbach::internals::render::png::png_size;
use minhbach::model::{BuiltInUnit, Lang, Qualifier, Unit};
use minhbach::{build, Failure, Options};
use scraper::{Html, Selector};

const BASE: &str = "https://minhbach.example.org/";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled content, built once for every test of this file.
fn site() -> PathBuf {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut opts = Options::new(repo().join("content"));
        opts.seeds = Some(repo().join("seeds"));
        opts.out = dir.path().join("site");
        opts.base_url = Some(BASE.to_owned());
        if let Err(e) = build(&opts) {
            panic!("the bundled content does not build: {e:?}");
        }
        dir
    })
    .path()
    .join("site")
}

/// Every file under `dir`, as sorted site paths with `/`.
fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The site path a link on the page at `from` leads to, without its
/// fragment; `None` for links off the site. Absolute links under the base
/// URL are on the site too.
fn target(from: &str, link: &str, base: &str) -> Option<String> {
    let link = link.split('#').next().unwrap_or("");
    let mut path = if let Some(rest) = link.strip_prefix(base) {
        rest.to_owned()
    } else if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
        return None;
    } else if link.is_empty() {
        from.to_owned()
    } else {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for seg in link.split('/') {
            match seg {
                ".." => {
                    parts.pop()?;
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        let mut p = parts.join("/");
        if link.ends_with('/') {
            p.push('/');
        }
        p
    };
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    Some(path)
}

fn lang_of(path: &str) -> Lang {
    Lang::parse(
        if path.starts_with("en/") || path.starts_with("embed/en/") {
            "en"
        } else {
            "vi"
        },
    )
    .unwrap()
}

#[test]
fn output_files_are_pinned() {
    let site = site();
    let actual = files(&site).join("\n") + "\n";
    let expected_path = repo().join("tests/expected/urls.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if actual != expected {
        let a: BTreeSet<&str> = actual.lines().collect();
        let e: BTreeSet<&str> = expected.lines().collect();
        let added: Vec<&&str> = a.difference(&e).collect();
        let removed: Vec<&&str> = e.difference(&a).collect();
        panic!(
            "the output files changed. Published URLs may only be added, never renamed or removed.\n\
             removed ({}): {removed:#?}\nadded ({}): {added:#?}\n\
             If the change is deliberate, run `UPDATE_EXPECTED=1 cargo test --test suite journalists::` and commit tests/expected/urls.txt.",
            removed.len(),
            added.len()
        );
    }
}

#[test]
fn every_page_has_a_social_card_of_1200_by_630() {
    let site = site();
    let pages: Vec<String> = files(&site)
        .into_iter()
        .filter(|p| p.ends_with(".html") && !p.starts_with("embed/"))
        .collect();
    assert!(pages.len() > 100);
    let meta = |doc: &Html, attr: &str, name: &str| -> String {
        doc.select(&sel(&format!("meta[{attr}=\"{name}\"]")))
            .next()
            .and_then(|m| m.value().attr("content"))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let mut cards = BTreeSet::new();
    for page in &pages {
        let doc = Html::parse_document(&read(&site, page));
        let image = meta(&doc, "property", "og:image");
        let path = image
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{page}: og:image `{image}` is not absolute under {BASE}"));
        let bytes = std::fs::read(site.join(path))
            .unwrap_or_else(|_| panic!("{page}: og:image {path} is not in the output"));
        assert_eq!(
            png_size(&bytes),
            Some((1200, 630)),
            "{page}: {path} is not a 1200×630 PNG"
        );
        cards.insert(path.to_owned());
        assert_eq!(
            meta(&doc, "name", "twitter:card"),
            "summary_large_image",
            "{page}"
        );
        assert!(!meta(&doc, "property", "og:title").is_empty(), "{page}");
        assert!(
            !meta(&doc, "property", "og:description").is_empty(),
            "{page}"
        );
        assert!(!meta(&doc, "property", "og:image:alt").is_empty(), "{page}");
        let url = meta(&doc, "property", "og:url");
        let canonical = doc
            .select(&sel("link[rel=canonical]"))
            .next()
            .and_then(|l| l.value().attr("href"))
            .unwrap_or_default()
            .to_owned();
        assert_eq!(url, canonical, "{page}: og:url and canonical differ");
        assert_eq!(
            target("", &url, BASE).as_deref(),
            Some(page.as_str()),
            "{page}: og:url `{url}` is another page"
        );
        // Session and indicator pages have a card of their own.
        let own = page.trim_start_matches("en/");
        if (own.starts_with("sessions/") || own.starts_with("indicators/"))
            && own.matches('/').count() == 2
        {
            assert_eq!(
                path,
                page.replace("index.html", "card.png"),
                "{page} should show its own card"
            );
        }
    }
    // Every card rendered is used by a page.
    let rendered: BTreeSet<String> = files(&site)
        .into_iter()
        .filter(|p| p.ends_with("card.png"))
        .collect();
    assert_eq!(rendered, cards);
}

/// The chart SVGs of the site: session overviews, per-result charts and
/// indicator histories, in every language. The narrow form drawn for
/// phones (`chart.narrow.svg`) is the same chart, not another one: it
/// shares the chart's data, embed page and link.
fn charts(site: &Path) -> Vec<String> {
    files(site)
        .into_iter()
        .filter(|p| p.ends_with(".svg") && !p.ends_with(".narrow.svg") && !p.starts_with("embed/"))
        .filter(|p| {
            let p = p.trim_start_matches("en/");
            p.starts_with("sessions/") || p.starts_with("indicators/")
        })
        .collect()
}

#[test]
fn every_chart_has_an_embed_page_that_shows_it() {
    let site = site();
    let charts = charts(&site);
    assert!(charts.len() > 200, "{} charts", charts.len());
    let embeds: BTreeSet<String> = files(&site)
        .into_iter()
        .filter(|p| p.starts_with("embed/"))
        .collect();
    let wanted: BTreeSet<String> = charts
        .iter()
        .map(|c| minhbach::internals::render::paths::embed(c))
        .collect();
    assert_eq!(
        embeds, wanted,
        "one embed page per chart, nothing else under embed/"
    );
    for chart in &charts {
        let page = minhbach::internals::render::paths::embed(chart);
        let html = read(&site, &page);
        let doc = Html::parse_document(&html);
        assert!(
            doc.errors.is_empty(),
            "{page} is not valid HTML: {:?}",
            doc.errors
        );
        assert!(html.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(
            doc.select(&sel("script")).next().is_none(),
            "{page} must need no script"
        );
        let img = doc
            .select(&sel("img"))
            .next()
            .unwrap_or_else(|| panic!("{page} has no image"));
        let src = img.value().attr("src").unwrap();
        assert_eq!(
            target(&page, src, BASE).as_deref(),
            Some(chart.as_str()),
            "{page} shows another chart"
        );
        assert!(
            img.value().attr("alt").is_some_and(|a| a.trim().len() > 10),
            "{page}: the chart needs an accessible name"
        );
        assert!(doc.select(&sel("title")).next().is_some_and(|t| !t
            .text()
            .collect::<String>()
            .trim()
            .is_empty()));
        let caption: String = doc
            .select(&sel("figcaption"))
            .next()
            .expect("caption")
            .text()
            .collect();
        let source_word = if lang_of(chart).as_str() == "en" {
            "Source"
        } else {
            "Nguồn"
        };
        assert!(
            caption.contains(source_word),
            "{page}: no source line in `{caption}`"
        );
        let view = doc
            .select(&sel("figcaption a[target=_top]"))
            .next()
            .unwrap_or_else(|| panic!("{page}: no link back to the site"));
        let back = target(&page, view.value().attr("href").unwrap(), BASE).unwrap();
        assert!(
            site.join(&back).is_file(),
            "{page}: the link back leads to {back}, which is missing"
        );
        let css = doc
            .select(&sel("link[rel=stylesheet]"))
            .next()
            .and_then(|l| l.value().attr("href"))
            .unwrap();
        assert!(
            site.join(target(&page, css, BASE).unwrap()).is_file(),
            "{page}: stylesheet missing"
        );
    }
}

#[test]
fn every_download_and_embed_code_resolves() {
    let site = site();
    let pages: Vec<String> = files(&site)
        .into_iter()
        .filter(|p| p.ends_with(".html") && !p.starts_with("embed/"))
        .collect();
    let mut downloads = 0;
    let mut codes = 0;
    for page in &pages {
        let doc = Html::parse_document(&read(&site, page));
        // Links with `download`, and every link and image inside a figure.
        for a in doc.select(&sel("a[download], figure a[href], figure img[src]")) {
            let link = a.value().attr("href").or(a.value().attr("src")).unwrap();
            let Some(to) = target(page, link, BASE) else {
                continue;
            };
            assert!(
                site.join(&to).is_file(),
                "{page}: `{link}` leads to {to}, which is not in the output"
            );
            downloads += 1;
        }
        // Every figure has a visible link to itself.
        for fig in doc.select(&sel("figure.chart")) {
            let id = fig
                .value()
                .attr("id")
                .unwrap_or_else(|| panic!("{page}: a chart figure without id"));
            let permalink = fig
                .select(&sel("a.permalink"))
                .next()
                .unwrap_or_else(|| panic!("{page}#{id}: no link"));
            let href = permalink.value().attr("href").unwrap();
            assert!(
                href.ends_with(&format!("#{id}")),
                "{page}#{id}: the link is `{href}`"
            );
            let labels: Vec<String> = fig
                .select(&sel("a[download]"))
                .map(|a| a.text().collect())
                .collect();
            for want in ["SVG", "CSV", "JSON"] {
                assert!(
                    labels.iter().any(|l| l == want),
                    "{page}#{id}: no {want} download in {labels:?}"
                );
            }
        }
        // The embed codes are absolute, and point at files of the site.
        for code in doc.select(&sel("textarea[readonly]")) {
            let snippet = Html::parse_fragment(&code.text().collect::<String>());
            for el in snippet.select(&sel("iframe, img, a")) {
                let link = el.value().attr("src").or(el.value().attr("href")).unwrap();
                assert!(
                    link.starts_with(BASE),
                    "{page}: embed code link `{link}` is not absolute"
                );
                let to = target("", link, BASE).unwrap();
                assert!(
                    site.join(&to).is_file(),
                    "{page}: embed code `{link}` leads to {to}, which is missing"
                );
                if el.value().name() == "img" {
                    assert!(
                        el.value().attr("alt").is_some_and(|a| !a.is_empty()),
                        "{page}: <img> code without alt"
                    );
                }
                if el.value().name() == "iframe" {
                    assert!(
                        el.value().attr("title").is_some_and(|a| !a.is_empty()),
                        "{page}: <iframe> code without title"
                    );
                }
                codes += 1;
            }
        }
    }
    assert!(downloads > 1000, "only {downloads} downloads checked");
    assert!(codes > 500, "only {codes} embed code links checked");
}

/// The numbers a chart draws: every text of the SVG, `<desc>` included.
fn drawn_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

fn number(cell: &str) -> Option<f64> {
    (!cell.is_empty()).then(|| {
        cell.parse()
            .unwrap_or_else(|_| panic!("`{cell}` is not a number"))
    })
}

#[test]
fn chart_data_are_the_numbers_drawn() {
    let site = site();
    // The rows of each language's results.csv (the default language's at
    // the root, English under en/), by (session, indicator, scope): a
    // chart's data are in the language of its tree.
    type Rows = BTreeMap<(String, String, String), csv::StringRecord>;
    let mut by_lang: BTreeMap<&str, Rows> = BTreeMap::new();
    let mut header = csv::StringRecord::new();
    for (lang, path) in [("vi", "data/results.csv"), ("en", "en/data/results.csv")] {
        let mut reader = csv::Reader::from_path(site.join(path)).unwrap();
        header = reader.headers().unwrap().clone();
        let all = by_lang.entry(lang).or_default();
        for row in reader.records() {
            let row = row.unwrap();
            all.insert(
                (row[0].to_owned(), row[2].to_owned(), row[3].to_owned()),
                row,
            );
        }
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut checked = 0;
    for chart in charts(&site) {
        let lang = lang_of(&chart);
        let all = &by_lang[lang.as_str()];
        let text = drawn_text(&read(&site, &chart));
        let csv_path = chart.replace(".svg", ".csv");
        let mut reader = csv::Reader::from_path(site.join(&csv_path))
            .unwrap_or_else(|e| panic!("{csv_path}: {e}"));
        assert_eq!(
            reader.headers().unwrap(),
            &header,
            "{csv_path}: not the columns of results.csv"
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let json: serde_json::Value =
            serde_json::from_str(&read(&site, &chart.replace(".svg", ".json"))).unwrap();
        assert_eq!(
            json.as_array().map(Vec::len),
            Some(rows.len()),
            "{chart}: the JSON and CSV hold different rows"
        );
        if chart.contains("/charts/") {
            assert_eq!(
                rows.len(),
                1,
                "{csv_path}: a per-result chart draws one result"
            );
        }
        for (i, row) in rows.iter().enumerate() {
            let key = (row[0].to_owned(), row[2].to_owned(), row[3].to_owned());
            assert_eq!(
                all.get(&key),
                Some(row),
                "{csv_path}: row {key:?} differs from results.csv"
            );
            assert_eq!(json[i]["indicator"], row[2], "{chart}: JSON row {i}");
            let unit = BuiltInUnit::ALL
                .iter()
                .find(|(n, _)| *n == &row[col("unit")])
                .map(|(_, u)| Unit::BuiltIn(*u))
                .unwrap();
            let qualifier = Qualifier::parse(&row[col("qualifier")]);
            let out_of = number(&row[col("out_of")]);
            if let Some(actual) = number(&row[col("actual")]) {
                assert_eq!(
                    json[i]["actual"].as_f64(),
                    Some(actual),
                    "{chart}: JSON actual"
                );
                let drawn =
                    format::figure(actual, &unit, qualifier, out_of, &common::locale(&lang));
                assert!(
                    text.contains(&drawn),
                    "{chart}: the CSV says {actual}, but `{drawn}` is not drawn"
                );
                checked += 1;
            }
            if let Some(t) = number(&row[col("target")]) {
                let drawn = format::value(t, &unit, &common::locale(&lang));
                assert!(
                    text.contains(&drawn),
                    "{chart}: the CSV target {t} is not drawn as `{drawn}`"
                );
            }
        }
    }
    assert!(checked > 300, "only {checked} numbers compared");
    // A session's results file is its overview chart's data.
    for f in files(&site)
        .into_iter()
        .filter(|p| p.ends_with("/results.csv") && p.contains("sessions/"))
    {
        assert_eq!(
            read(&site, &f),
            read(&site, &f.replace("results.csv", "chart.csv")),
            "{f}"
        );
        assert!(site.join(f.replace(".csv", ".json")).is_file());
    }
}

#[test]
fn pngs_are_rendered_at_twice_the_chart_size() {
    let site = site();
    let mut n = 0;
    for png in files(&site)
        .into_iter()
        .filter(|p| p.ends_with("chart.png"))
    {
        let svg = read(&site, &png.replace(".png", ".svg"));
        let (w, h) = minhbach::internals::render::figure::svg_size(&svg).unwrap();
        let size = png_size(&std::fs::read(site.join(&png)).unwrap());
        assert_eq!(
            size,
            Some(((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32)),
            "{png}"
        );
        n += 1;
    }
    // Overviews and histories only: per-result charts stay SVG.
    assert!(files(&site)
        .iter()
        .all(|p| !(p.contains("/charts/") && p.ends_with(".png"))));
    assert!(n > 100);
}

#[test]
fn feeds_are_atom() {
    let site = site();
    let sessions = std::fs::read_dir(repo().join("content/sessions"))
        .unwrap()
        .count();
    for (feed, lang) in [("feed.xml", "vi"), ("en/feed.xml", "en")] {
        let xml = read(&site, feed);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let atom = "http://www.w3.org/2005/Atom";
        let root = doc.root_element();
        assert_eq!(
            (root.tag_name().namespace(), root.tag_name().name()),
            (Some(atom), "feed"),
            "{feed}"
        );
        assert_eq!(
            root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        let child = |n: roxmltree::Node, name: &str| {
            n.children()
                .find(|c| c.has_tag_name((atom, name)))
                .map(|c| c.text().unwrap_or("").to_owned())
        };
        for required in ["id", "title", "updated"] {
            assert!(
                child(root, required).is_some_and(|t| !t.is_empty()),
                "{feed}: no <{required}>"
            );
        }
        let entries: Vec<_> = root
            .children()
            .filter(|c| c.has_tag_name((atom, "entry")))
            .collect();
        assert_eq!(entries.len(), sessions, "{feed}: one entry per session");
        for e in entries {
            for required in ["id", "title", "updated", "summary"] {
                assert!(
                    child(e, required).is_some_and(|t| !t.is_empty()),
                    "{feed}: an entry without <{required}>"
                );
            }
            let updated = child(e, "updated").unwrap();
            assert!(
                chrono::DateTime::parse_from_rfc3339(&updated).is_ok(),
                "{feed}: `{updated}` is not RFC 3339"
            );
            let link = e
                .children()
                .find(|c| c.has_tag_name((atom, "link")))
                .and_then(|l| l.attribute("href"))
                .unwrap();
            assert!(
                site.join(target("", link, BASE).unwrap()).is_file(),
                "{feed}: {link} is not a page"
            );
        }
    }
}

#[test]
fn sitemap_and_robots() {
    let site = site();
    let xml = read(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((sm, "url")))
        .collect();
    let pages = files(&site)
        .into_iter()
        .filter(|p| p.ends_with(".html") && !p.starts_with("embed/") && !p.ends_with("404.html"))
        .count();
    assert_eq!(
        urls.len(),
        pages,
        "every page but 404 and embeds is in the sitemap"
    );
    for u in urls {
        let loc = u
            .children()
            .find(|c| c.has_tag_name((sm, "loc")))
            .and_then(|c| c.text())
            .unwrap();
        assert!(site.join(target("", loc, BASE).unwrap()).is_file(), "{loc}");
        let langs: BTreeSet<&str> = u
            .children()
            .filter_map(|c| c.attribute("hreflang"))
            .collect();
        assert_eq!(langs, BTreeSet::from(["en", "vi", "x-default"]), "{loc}");
    }
    assert!(read(&site, "robots.txt").contains(&format!("Sitemap: {BASE}sitemap.xml")));
}

#[test]
fn datapackage_describes_the_data() {
    let site = site();
    let pkg: serde_json::Value =
        serde_json::from_str(&read(&site, "data/datapackage.json")).unwrap();
    for r in pkg["resources"].as_array().unwrap() {
        let path = r["path"].as_str().unwrap();
        assert!(site.join("data").join(path).is_file(), "{path}");
        // A JSON resource has the columns of the CSV of the same name.
        let csv = path.replace(".json", ".csv");
        let header: Vec<String> = csv::Reader::from_path(site.join("data").join(&csv))
            .unwrap()
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(fields, header, "{path}: schema fields");
    }
    assert_eq!(pkg["licenses"][0]["name"], "CC-BY-4.0");
    let seeds = std::fs::read_dir(repo().join("seeds")).unwrap().count();
    assert_eq!(pkg["sources"].as_array().map(Vec::len), Some(seeds));
}

#[test]
fn citations_name_the_site_chart_date_and_url() {
    let site = site();
    let html = read(&site, "en/sessions/2022-08-08-phien-hop-thu-3/index.html");
    let doc = Html::parse_document(&html);
    let cite: String = doc
        .select(&sel("#chart-overview .cite"))
        .next()
        .expect("citation")
        .text()
        .collect();
    assert!(
        cite.contains("Tracking Vietnam's digital transformation"),
        "{cite}"
    );
    assert!(
        cite.contains("Third session of the National Committee on Digital Transformation"),
        "{cite}"
    );
    assert!(
        cite.contains(&format::date(
            chrono::NaiveDate::from_ymd_opt(2022, 8, 8).unwrap(),
            &common::locale(&Lang::parse("en").unwrap())
        )),
        "{cite}"
    );
    assert!(
        cite.contains(&format!(
            "{BASE}en/sessions/2022-08-08-phien-hop-thu-3/#chart-overview"
        )),
        "{cite}"
    );
    assert!(cite.contains("accessed"), "{cite}");
    let vi = read(&site, "sessions/2022-08-08-phien-hop-thu-3/index.html");
    assert!(vi.contains("truy cập ngày"));

    // A result's chart names its session and the report behind its figure,
    // with its publisher, date and address.
    let html = read(
        &site,
        "en/sessions/2022-08-08-phien-hop-thu-3/charts/index.html",
    );
    let doc = Html::parse_document(&html);
    let id = "chart-ecommerce-retail-share";
    let cite: String = doc
        .select(&sel(&format!("#{id} .cite")))
        .next()
        .expect("citation")
        .text()
        .collect();
    assert!(
        cite.contains("Third session of the National Committee"),
        "{cite}"
    );
    assert!(cite.contains("Based on: "), "{cite}");
    let area = |kind: &str| -> String {
        doc.select(&sel(&format!("#{id}-{kind}")))
            .next()
            .unwrap_or_else(|| panic!("no {kind}"))
            .text()
            .collect()
    };
    let bibtex = area("bibtex");
    assert!(
        bibtex.starts_with(
            "@misc{en-sessions-2022-08-08-phien-hop-thu-3-charts-chart-ecommerce-retail-share,"
        ),
        "{bibtex}"
    );
    assert!(bibtex.contains("  year = {2022},"), "{bibtex}");
    assert!(
        bibtex.contains(&format!(
            "  url = {{{BASE}en/sessions/2022-08-08-phien-hop-thu-3/charts/#{id}}}"
        )),
        "{bibtex}"
    );
    assert_eq!(
        bibtex.matches('{').count(),
        bibtex.matches('}').count(),
        "{bibtex}"
    );
    let ris = area("ris");
    let lines: Vec<&str> = ris.lines().collect();
    assert_eq!(lines.first(), Some(&"TY  - DATA"), "{ris}");
    assert_eq!(lines.last(), Some(&"ER  - "), "{ris}");
    assert!(
        lines.iter().any(|l| l.starts_with("N1  - Based on: ")),
        "{ris}"
    );
    assert!(lines.contains(&"DA  - 2022/08/08"), "{ris}");
    // The report named in the citation is the one the result cites.
    let (_, rows) = common::read_results_csv(&site.join("en"));
    let row = rows
        .iter()
        .find(|r| {
            r["session"] == "2022-08-08-phien-hop-thu-3"
                && r["indicator"] == "ecommerce-retail-share"
        })
        .unwrap();
    assert!(cite.contains(&row["source_title"]), "{cite}");
    assert!(
        bibtex.contains(&row["source_publisher"].replace('&', "\\&")),
        "{bibtex}"
    );
}

// --- Bad input -----------------------------------------------------------

/// A small content folder written for one test: one indicator with data,
/// one without any, and a session without results.
fn small_content(dir: &Path, base_url: &str) -> PathBuf {
    let content = dir.join("content");
    std::fs::create_dir_all(content.join("indicators")).unwrap();
    std::fs::create_dir_all(content.join("sessions/2024-01-02-phien-trong")).unwrap();
    std::fs::create_dir_all(content.join("sessions/2024-03-04-phien-co-so")).unwrap();
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        format!("title: {{vi: \"Thử nghiệm\", en: \"Trial\"}}\nbase_url: \"{base_url}\"\nlanguages: [vi, en]\nlicense: \"CC BY 4.0\"\n"),
    )
    .unwrap();
    std::fs::write(
        content.join("indicators/online-share.yaml"),
        "name: {vi: \"Tỉ lệ trực tuyến\", en: \"Online share\"}\nunit: percent\n",
    )
    .unwrap();
    std::fs::write(
        content.join("indicators/never-reported.yaml"),
        "name: {vi: \"Chưa từng báo cáo\", en: \"Never reported\"}\nunit: count\n",
    )
    .unwrap();
    std::fs::write(
        content.join("sessions/2024-01-02-phien-trong/session.yaml"),
        "title: {vi: \"Phiên trống\", en: \"Empty session\"}\ndate: 2024-01-02\n",
    )
    .unwrap();
    std::fs::write(
        content.join("sessions/2024-03-04-phien-co-so/session.yaml"),
        "title: {vi: \"Phiên có số\", en: \"Session with figures\"}\ndate: 2024-03-04\nresults:\n  - indicator: online-share\n    actual: 42.5\n    target: 50\n",
    )
    .unwrap();
    content
}

fn build_small(dir: &Path, base_url: &str) -> Result<PathBuf, Failure> {
    let content = small_content(dir, base_url);
    let mut opts = Options::new(&content);
    opts.seeds = Some(dir.join("seeds"));
    opts.out = dir.join("site");
    build(&opts).map(|_| dir.join("site"))
}

#[test]
fn empty_session_and_indicator_without_data_get_no_data_charts() {
    let dir = tempfile::tempdir().unwrap();
    let site = match build_small(dir.path(), "https://example.org/") {
        Ok(s) => s,
        Err(e) => panic!("{e:?}"),
    };
    for (chart, words) in [
        ("sessions/2024-01-02-phien-trong/chart.svg", "Phiên trống"),
        ("indicators/never-reported/chart.svg", "chưa có số liệu"),
        ("en/indicators/never-reported/chart.svg", "no data yet"),
    ] {
        let svg = read(&site, chart);
        assert!(
            drawn_text(&svg)
                .to_lowercase()
                .contains(&words.to_lowercase()),
            "{chart} should say `{words}`"
        );
        // Its data files exist and are not empty: a header, no rows.
        let csv = read(&site, &chart.replace(".svg", ".csv"));
        assert!(csv.starts_with("session,date,indicator"), "{chart}: {csv}");
        assert_eq!(csv.lines().count(), 1);
        assert_eq!(read(&site, &chart.replace(".svg", ".json")).trim(), "[]");
        let png = std::fs::read(site.join(chart.replace(".svg", ".png"))).unwrap();
        assert!(png_size(&png).is_some());
        assert!(site
            .join(minhbach::internals::render::paths::embed(chart))
            .is_file());
    }
    for card in [
        "sessions/2024-01-02-phien-trong/card.png",
        "indicators/never-reported/card.png",
        "card.png",
    ] {
        assert_eq!(
            png_size(&std::fs::read(site.join(card)).unwrap()),
            Some((1200, 630)),
            "{card}"
        );
    }
}

#[test]
fn base_url_without_slash_or_with_a_path_works() {
    for (given, base) in [
        ("https://example.org", "https://example.org/"),
        (
            "https://example.org/bao/du-lieu",
            "https://example.org/bao/du-lieu/",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let site = match build_small(dir.path(), given) {
            Ok(s) => s,
            Err(e) => panic!("{given}: {e:?}"),
        };
        let html = read(&site, "sessions/2024-03-04-phien-co-so/index.html");
        let doc = Html::parse_document(&html);
        let og = doc
            .select(&sel("meta[property=\"og:image\"]"))
            .next()
            .unwrap()
            .value()
            .attr("content")
            .unwrap()
            .to_owned();
        assert_eq!(
            og,
            format!("{base}sessions/2024-03-04-phien-co-so/card.png"),
            "{given}"
        );
        // The live chart's embed code (the citation's boxes come first).
        let code: String = doc
            .select(&sel("textarea[id$=\"-iframe\"]"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(
            code.contains(&format!(
                "src=\"{base}embed/sessions/2024-03-04-phien-co-so/chart/\""
            )),
            "{given}: {code}"
        );
        assert!(
            read(&site, "feed.xml")
                .contains(&format!("<id>{base}sessions/2024-03-04-phien-co-so/</id>")),
            "{given}"
        );
        assert!(
            read(&site, "robots.txt").contains(&format!("Sitemap: {base}sitemap.xml")),
            "{given}"
        );
        // Links between pages stay relative, so the site works from disk.
        assert!(!html.contains(&format!("href=\"{base}style.css")));
    }
}

#[test]
fn invalid_base_url_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    match build_small(dir.path(), "minhbach.example.org/khong-co-giao-thuc") {
        Err(Failure::Content(diags)) => {
            let all: Vec<String> = diags
                .iter()
                .map(|d| format!("{} {} {}", d.code, d.file.display(), d.message.en()))
                .collect();
            let d = diags
                .iter()
                .find(|d| d.code == "bad-base-url")
                .unwrap_or_else(|| panic!("no bad-base-url error: {all:?}"));
            assert!(d.file.ends_with("site.yaml"), "{all:?}");
            assert!(
                d.line.is_some(),
                "the error should point at the line: {all:?}"
            );
            assert!(
                d.message
                    .en()
                    .contains("minhbach.example.org/khong-co-giao-thuc"),
                "{all:?}"
            );
        }
        Ok(_) => panic!("a base_url without a scheme must not build"),
        Err(e) => panic!("expected a content error, got {e:?}"),
    }
    // The same from the command line option.
    let dir = tempfile::tempdir().unwrap();
    let content = small_content(dir.path(), "https://example.org/");
    let mut opts = Options::new(&content);
    opts.seeds = Some(dir.path().join("seeds"));
    opts.out = dir.path().join("site");
    opts.base_url = Some("ftp://example.org/".to_owned());
    match build(&opts) {
        Err(Failure::Content(diags)) => {
            assert!(diags.iter().any(|d| d.code == "bad-base-url"), "{diags:?}")
        }
        other => panic!("expected a content error, got {other:?}"),
    }
    assert!(
        !dir.path().join("site").exists(),
        "nothing is written on error"
    );
}
