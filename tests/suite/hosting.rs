//! What a publisher needs to put the site on a static host: the build says
//! how many files and bytes it wrote, warns when a host's limit is exceeded
//! (the limits themselves are compared by unit tests of
//! `output::hosts`), and `result_files: false` leaves out each result's own
//! files without leaving a link to them. Every PNG decodes at the size its
//! header says.

use std::fs;
use std::path::Path;

use crate::common::{basic_site, build_ok, check_links, content_with, files_with, html, sel};

/// The files of `site`, and their bytes, without the site's marker.
fn counted(site: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.expect("readable"))
        .filter(|e| e.file_type().is_file() && e.file_name() != minhbach::MARKER)
        .fold((0, 0), |(n, b), e| {
            (n + 1, b + e.metadata().expect("metadata").len())
        })
}

/// `built N files, X MB, into …`: N and X.
fn summary(output: &str) -> (usize, f64) {
    let line = output
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no summary line in:\n{output}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!((words[2], words[4]), ("files,", "MB,"), "{line}");
    let files = words[1].parse().expect("a file count");
    let mb = words[3].parse().expect("megabytes");
    (files, mb)
}

#[test]
fn the_build_says_how_many_files_and_bytes_it_wrote() {
    let dir = tempfile::tempdir().expect("temp");
    let content = content_with(dir.path(), None);
    let out = dir.path().join("site");
    let run = build_ok(&content, &out, &[]);
    let (files, mb) = summary(&run.output());
    let (on_disk, bytes) = counted(&out);
    assert_eq!(files, on_disk, "{}", run.output());
    assert!(
        (mb - bytes as f64 / 1e6).abs() <= 0.05,
        "{mb} MB, {bytes} bytes"
    );
    // A small site fits every host: no warning about one (its only
    // warnings are its inline sources, unchecked).
    assert!(!run.output().contains("host-limit"), "{}", run.output());
    assert!(run.output().contains("0 errors"), "{}", run.output());
}

#[test]
fn the_summary_line_is_in_vietnamese_too() {
    let dir = tempfile::tempdir().expect("temp");
    let content = content_with(dir.path(), None);
    let out = dir.path().join("site");
    let run = build_ok(&content, &out, &["--lang", "vi"]);
    let line = run
        .output()
        .lines()
        .find(|l| l.starts_with("đã dựng "))
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no summary line:\n{}", run.output()));
    assert!(
        line.contains(" tệp, ") && line.contains(" MB, vào "),
        "{line}"
    );
}

#[test]
fn every_png_decodes_at_the_size_of_its_header() {
    let site = basic_site();
    let pngs = files_with(&site, "png");
    assert!(pngs.len() >= 8, "{pngs:?}");
    for rel in &pngs {
        let bytes = fs::read(site.join(rel)).expect("png");
        let header = minhbach::internals::render::png::png_size(&bytes).expect("a PNG");
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().expect("PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let frame = reader.next_frame(&mut pixels).expect("PNG pixels");
        assert_eq!((frame.width, frame.height), header, "{rel}");
        if rel.ends_with("card.png") {
            assert_eq!(header, (1200, 630), "{rel}");
        } else {
            // Chart downloads are drawn at twice the SVG's width.
            assert!(header.0 >= 1000 && header.1 > 100, "{rel}: {header:?}");
        }
        // Not blank: a chart has ink on its white.
        let (width, height) = (frame.width as usize, frame.height as usize);
        let info = reader.info();
        let dark = match info.color_type {
            png::ColorType::Indexed => {
                let palette = info.palette.as_ref().expect("a palette");
                pixels[..width * height]
                    .iter()
                    .filter(|&&i| palette[i as usize * 3] < 128)
                    .count()
            }
            png::ColorType::Rgb => pixels[..width * height * 3]
                .chunks_exact(3)
                .filter(|p| p[0] < 128)
                .count(),
            other => panic!("{rel}: unexpected colour type {other:?}"),
        };
        assert!(dark > width, "{rel}: only {dark} dark pixels");
    }
}

#[test]
fn result_files_false_leaves_out_each_results_files_and_every_link_to_them() {
    let dir = tempfile::tempdir().expect("temp");
    let content = content_with(dir.path(), None);
    let mut site_yaml = fs::read_to_string(content.join("site.yaml")).expect("site.yaml");
    site_yaml.push_str("result_files: false\n");
    fs::write(content.join("site.yaml"), site_yaml).expect("write site.yaml");
    let out = dir.path().join("site");
    let run = build_ok(&content, &out, &[]);
    let full = basic_site();
    let session = "sessions/2022-08-08-phien-hop-thu-3";
    // The default output has the results' files; this one has none.
    assert!(full.join(session).join("charts/index.html").is_file());
    assert!(!files_with(&full.join(session).join("charts"), "svg").is_empty());
    for lang in ["", "en/"] {
        let s = format!("{lang}{session}");
        assert!(!out.join(&s).join("charts").exists(), "{s}/charts");
        assert!(!out.join("embed").join(&s).join("charts").exists());
        // The session's own chart, data and card, and its page, stay.
        for kept in [
            "index.html",
            "chart.svg",
            "chart.png",
            "results.csv",
            "results.json",
            "card.png",
        ] {
            assert!(out.join(&s).join(kept).is_file(), "{s}/{kept}");
        }
        assert!(out
            .join("embed")
            .join(&s)
            .join("chart/index.html")
            .is_file());
        let page = html(&out, &format!("{s}/index.html"));
        assert!(page.select(&sel("#chart-overview")).next().is_some());
        assert!(page.select(&sel("a[href*='charts/']")).next().is_none());
    }
    // Indicator pages and their charts stay too.
    let indicators = files_with(&out, "html")
        .into_iter()
        .filter(|p| p.starts_with("indicators/") && p.ends_with("/index.html"))
        .count();
    assert!(indicators > 3);
    assert!(check_links(&out) > 50);
    let (files, _) = summary(&run.output());
    let (full_files, _) = counted(&full);
    assert!(files < full_files, "{files} of {full_files}");
    assert_eq!(files, counted(&out).0);
}

#[test]
fn frozen_embeds_false_leaves_out_the_frozen_charts_and_only_them() {
    let dir = tempfile::tempdir().expect("temp");
    let content = content_with(dir.path(), None);
    let mut site_yaml = fs::read_to_string(content.join("site.yaml")).expect("site.yaml");
    site_yaml.push_str("frozen_embeds: false\n");
    fs::write(content.join("site.yaml"), site_yaml).expect("write site.yaml");
    let out = dir.path().join("site");
    build_ok(&content, &out, &[]);
    let full = basic_site();
    let (with, without) = (
        crate::common::snapshot(&full),
        crate::common::snapshot(&out),
    );
    // Exactly the frozen copies and their embed pages are left out.
    let frozen: Vec<&String> = with.keys().filter(|k| k.contains("/as-of/")).collect();
    assert!(frozen.len() >= 10, "{frozen:?}");
    let kept: Vec<&String> = with.keys().filter(|k| !k.contains("/as-of/")).collect();
    assert_eq!(kept, without.keys().collect::<Vec<_>>());
    // Only the indicator pages change: their embed dialog offers the live
    // code alone. (The marker lists what minhbach wrote.)
    for (path, bytes) in &without {
        if with[path] != *bytes && path != ".minhbach-site" {
            assert!(
                path.contains("indicators/") && path.ends_with("/index.html"),
                "{path} changed"
            );
        }
    }
    let page = html(&out, "en/indicators/online-dossier-processing/index.html");
    assert!(page
        .select(&sel("#chart-history details.share"))
        .next()
        .is_some());
    assert!(!page.html().contains("/as-of/"));
    let live = html(&full, "en/indicators/online-dossier-processing/index.html");
    assert!(live.html().contains("/as-of/"));
    assert!(check_links(&out) > 50);
}

#[test]
fn result_files_must_be_true_or_false() {
    let dir = tempfile::tempdir().expect("temp");
    let content = content_with(dir.path(), None);
    let mut site_yaml = fs::read_to_string(content.join("site.yaml")).expect("site.yaml");
    site_yaml.push_str("result_files: sometimes\n");
    fs::write(content.join("site.yaml"), site_yaml).expect("write site.yaml");
    let run = crate::common::build(&content, &dir.path().join("site"), &[]);
    assert_eq!(run.code, Some(1), "{}", run.output());
    assert!(run.output().contains("site.yaml"), "{}", run.output());
}

/// A host serves `404.html` for a missing address at any depth (GitHub
/// Pages and Netlify the root one, Cloudflare Pages the nearest): its links
/// start from the site's root on the host, the path of `base_url`, so that
/// its stylesheet and navigation work from `/sessions/x/missing/` too.
#[test]
fn the_404_page_works_at_any_depth_under_the_sites_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let content = crate::common::fixture("basic").join("content");
    build_ok(
        &content,
        &out,
        &["--base-url", "https://example.gov.vn/bao-cao/"],
    );
    for (page, home) in [
        ("404.html", "/bao-cao/index.html"),
        ("en/404.html", "/bao-cao/en/index.html"),
    ] {
        let doc = html(&out, page);
        let stylesheet = doc.select(&sel("link[rel=stylesheet]")).next().unwrap();
        assert_eq!(
            stylesheet.value().attr("href"),
            Some("/bao-cao/style.css"),
            "{page}"
        );
        let title = doc.select(&sel("a.site-title")).next().unwrap();
        assert_eq!(title.value().attr("href"), Some(home), "{page}");
        for a in doc.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap();
            assert!(
                href.starts_with("/bao-cao/") || href.starts_with('#') || href.contains("://"),
                "{page}: `{href}` would be resolved from the missing address"
            );
        }
    }
    // Every other page keeps relative links; the checker follows the 404
    // page's from the site's root.
    assert!(check_links(&out) > 100);
}
