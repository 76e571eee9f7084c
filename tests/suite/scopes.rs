//! A page per scope: every figure reported for a province, a ministry or
//! the national level, at any session, with its status; the list of
//! scopes; and scope names in results tables linking to their page. On
//! the `corrections` fixture (two provinces with figures, one without, and
//! national figures) and on the bundled content, in both languages.

use crate::common::{self, fixture, sel, text_of};
use crate::corrections::resolve;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn site() -> PathBuf {
    common::shared_build("corrections", &fixture("corrections").join("content"))
}

/// The rows of a scope page: (indicator link, session link, figure,
/// status key), resolved to site paths.
fn rows(site: &Path, rel: &str) -> Vec<[String; 4]> {
    let doc = common::html(site, rel);
    doc.select(&sel("table.results tbody tr"))
        .map(|tr| {
            let link = |selector: &str| {
                let a = tr
                    .select(&sel(selector))
                    .next()
                    .unwrap_or_else(|| panic!("{rel}: a row without {selector}"));
                resolve(rel, a.value().attr("href").unwrap())
            };
            // The figure, before the date it is for.
            let cell = tr.select(&sel("td.num")).next().unwrap();
            let figure = cell.text().map(str::trim).collect::<Vec<_>>().join(" ");
            let status = tr
                .select(&sel("a.badge"))
                .next()
                .unwrap_or_else(|| panic!("{rel}: a row without a status"))
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("status-"))
                .unwrap()
                .to_owned();
            let reason = tr.select(&sel(".reason")).next().map(text_of);
            assert!(
                reason.is_some_and(|r| !r.is_empty()),
                "{rel}: a row without its reason"
            );
            [link("th a"), link("td a"), figure, status]
        })
        .collect()
}

#[test]
fn each_scope_page_lists_every_figure_reported_for_it() {
    let site = site();
    for (prefix, vi) in [("", true), ("en/", false)] {
        let ben_tre = format!("{prefix}scopes/ben-tre/index.html");
        let found = rows(&site, &ben_tre);
        let fibre = format!("{prefix}indicators/fibre-households/index.html");
        // Newest session first.
        assert_eq!(
            found,
            [
                [
                    fibre.clone(),
                    format!("{prefix}sessions/2023-12-20-year-end/index.html"),
                    format!("59% {}", if vi { "30/06/2023" } else { "30 Jun 2023" }),
                    "pending".to_owned(),
                ],
                [
                    fibre.clone(),
                    format!("{prefix}sessions/2023-07-10-mid-year/index.html"),
                    format!("61% {}", if vi { "30/06/2023" } else { "30 Jun 2023" }),
                    "pending".to_owned(),
                ],
            ],
            "{ben_tre}"
        );
        let doc = common::html(&site, &ben_tre);
        assert_eq!(
            text_of(doc.select(&sel("h1")).next().unwrap()),
            if vi { "Bến Tre" } else { "Ben Tre" }
        );
        // The corrected figure and the correction say so here too.
        assert_eq!(doc.select(&sel(".correction")).count(), 2, "{ben_tre}");
        // The target of every row.
        let targets: Vec<String> = doc
            .select(&sel("td.num"))
            .skip(1)
            .step_by(2)
            .map(text_of)
            .collect();
        assert_eq!(targets, ["80%", "80%"], "{ben_tre}");

        let national = rows(&site, &format!("{prefix}scopes/national/index.html"));
        assert_eq!(national.len(), 2);
        assert!(national
            .iter()
            .all(|r| r[0].ends_with("indicators/online-services/index.html")));
        let ninh_binh = rows(&site, &format!("{prefix}scopes/ninh-binh/index.html"));
        assert_eq!(ninh_binh.len(), 2);
        // A scope of site.yaml without figures has its page, which says so.
        let lao_cai = format!("{prefix}scopes/lao-cai/index.html");
        assert!(rows(&site, &lao_cai).is_empty());
        let none = if vi {
            "Chưa có số liệu"
        } else {
            "No data yet"
        };
        assert!(common::html(&site, &lao_cai)
            .select(&sel("main p"))
            .any(|p| text_of(p) == none));

        // The list of scopes: national first, each with its count.
        let list = format!("{prefix}scopes/index.html");
        let doc = common::html(&site, &list);
        let items: Vec<(String, String)> = doc
            .select(&sel("ul.scope-list li"))
            .map(|li| {
                let a = li.select(&sel("a")).next().unwrap();
                (resolve(&list, a.value().attr("href").unwrap()), text_of(li))
            })
            .collect();
        let pages: Vec<&str> = items.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            pages,
            ["national", "ben-tre", "lao-cai", "ninh-binh"]
                .map(|s| format!("{prefix}scopes/{s}/index.html")),
            "{list}"
        );
        let counted = if vi {
            "Số liệu được báo cáo: 2 · Phiên họp: 2"
        } else {
            "Figures reported: 2 · Sessions: 2"
        };
        assert!(items[1].1.ends_with(counted), "{list}: {:?}", items[1]);
        // Every page's footer leads to the list.
        let home = format!("{prefix}index.html");
        assert!(common::html(&site, &home)
            .select(&sel("footer a"))
            .any(|a| resolve(&home, a.value().attr("href").unwrap()) == list));
    }
}

#[test]
fn scope_names_in_results_tables_link_to_their_page() {
    let site = site();
    for prefix in ["", "en/"] {
        let session = format!("{prefix}sessions/2023-07-10-mid-year/index.html");
        let doc = common::html(&site, &session);
        let linked: Vec<String> = doc
            .select(&sel("table.results .scope a"))
            .map(|a| resolve(&session, a.value().attr("href").unwrap()))
            .collect();
        assert_eq!(
            linked,
            ["ben-tre", "ninh-binh"].map(|s| format!("{prefix}scopes/{s}/index.html")),
            "{session}"
        );
        let indicator = format!("{prefix}indicators/online-services/index.html");
        let doc = common::html(&site, &indicator);
        let linked: Vec<String> = doc
            .select(&sel("table.results td a.scope-link"))
            .map(|a| resolve(&indicator, a.value().attr("href").unwrap()))
            .collect();
        assert_eq!(
            linked,
            vec![format!("{prefix}scopes/national/index.html"); 2],
            "{indicator}"
        );
        for page in linked {
            assert!(site.join(page).is_file());
        }
    }
}

#[test]
fn every_bundled_figure_is_on_the_page_of_its_scope() {
    let site = common::bundled_site();
    let content = common::repo().join("content");
    let (checked, diags) = minhbach::check(&minhbach::Options::new(&content));
    let checked = checked.unwrap_or_else(|| panic!("{diags:?}"));
    let mut by_scope: BTreeMap<String, usize> = BTreeMap::new();
    for s in checked.sessions() {
        for r in &s.results {
            *by_scope.entry(r.scope.to_string()).or_default() += 1;
        }
    }
    for scope in checked.settings.scopes.keys() {
        by_scope.entry(scope.to_string()).or_default();
    }
    for prefix in ["", "en/"] {
        for (scope, count) in &by_scope {
            let rel = format!("{prefix}scopes/{scope}/index.html");
            assert_eq!(rows(&site, &rel).len(), *count, "{rel}");
        }
        let pages = std::fs::read_dir(site.join(format!("{prefix}scopes")))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_dir())
            .count();
        assert_eq!(pages, by_scope.len(), "{prefix}scopes/: one page per scope");
    }
}

#[test]
fn a_site_without_scopes_has_no_scope_pages() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&fixture("corrections"), tmp.path());
    let content = tmp.path().join("content");
    let yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    let start = yaml.find("scopes:\n").unwrap();
    std::fs::write(content.join("site.yaml"), &yaml[..start]).unwrap();
    for session in ["2023-07-10-mid-year", "2023-12-20-year-end"] {
        let file = content.join(format!("sessions/{session}/session.yaml"));
        let text = std::fs::read_to_string(&file).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("scope:"))
            .collect();
        // Without scopes, the two provinces' figures would be one
        // indicator twice: keep one of each.
        let mut out = kept.join("\n") + "\n";
        if let Some(i) = out.find("  - indicator: fibre-households\n    actual: 5") {
            let end = out[i + 3..]
                .find("  - indicator:")
                .map_or(out.len(), |e| i + 3 + e);
            out.replace_range(i..end, "");
        }
        std::fs::write(&file, out).unwrap();
    }
    let out = tmp.path().join("site");
    common::build_ok(&content, &out, &[]);
    assert!(!out.join("scopes").exists());
    assert!(!out.join("en/scopes").exists());
    let doc = common::html(&out, "en/index.html");
    assert!(!doc.select(&sel("footer a")).any(|a| a
        .value()
        .attr("href")
        .unwrap()
        .contains("scopes/")));
    // The corrections page is there, as on every site.
    assert!(out.join("en/corrections/index.html").is_file());
}
