//! `minhbach new`, as a new user runs it, and what publishers rely on: the
//! built site works from any sub-path and from disk (every link is
//! relative and names a file that exists), and `--base-url` replaces the
//! address from site.yaml.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::common::check_links;
use std::process::{Command, Output};

/// `minhbach` with `args`, in English (see [`crate::common::english`]).
fn minhbach(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(crate::common::english(args))
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run minhbach")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn new_site_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let made = minhbach(tmp.path(), &["new", "site", "demo"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let demo = tmp.path().join("demo");
    for f in [
        "content/site.yaml",
        "templates/README.md",
        "seeds/ninhbinh-2022-08-09.yaml",
    ] {
        assert!(demo.join(f).is_file(), "{f}");
    }
    assert_eq!(
        fs::read_dir(demo.join("content/indicators"))
            .expect("indicators")
            .count(),
        1
    );
    assert_eq!(
        fs::read_dir(demo.join("content/sessions"))
            .expect("sessions")
            .count(),
        1
    );
    assert!(fs::read_to_string(demo.join("templates/README.md"))
        .expect("readme")
        .contains("| `session.html` |"));

    let built = minhbach(&demo, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    // Its one warning: the starter's address is a placeholder, to be set
    // before publishing.
    assert!(
        stderr(&built).contains("(0 errors, 1 warning)")
            && stderr(&built).contains("warning[placeholder-base-url]"),
        "{}",
        stderr(&built)
    );
    let checked = minhbach(&demo, &["check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(
        stderr(&checked)
            .trim()
            .ends_with("check passed: 0 errors, 1 warning"),
        "{}",
        stderr(&checked)
    );
    let json = minhbach(&demo, &["check", "--format", "json"]);
    let out = String::from_utf8_lossy(&json.stdout).into_owned();
    assert!(
        json.status.success()
            && out.lines().count() == 1
            && out.contains("\"code\":\"placeholder-base-url\""),
        "{out}"
    );

    let site = demo.join("site");
    let home = fs::read_to_string(site.join("index.html")).expect("home page");
    assert!(home.contains("Theo dõi chuyển đổi số"));
    assert!(
        !home.contains("__minhbach"),
        "a build never has the preview's script"
    );

    // Nothing is overwritten.
    let again = minhbach(tmp.path(), &["new", "site", "demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn new_session_and_indicator_check_clean() {
    let tmp = tempfile::tempdir().expect("tempdir");
    assert!(minhbach(tmp.path(), &["new", "site", "demo"])
        .status
        .success());
    let demo = tmp.path().join("demo");

    let s = minhbach(
        &demo,
        &["new", "session", "2022-12-25", "tong-ket-nam-2022"],
    );
    assert!(s.status.success(), "{}", stderr(&s));
    let path = demo.join("content/sessions/2022-12-25-tong-ket-nam-2022/session.yaml");
    let text = fs::read_to_string(&path).expect("new session");
    assert!(
        text.contains("date: 2022-12-25") && text.contains("Phiên họp ngày 25/12/2022"),
        "{text}"
    );

    let i = minhbach(&demo, &["new", "indicator", "open-data-agencies"]);
    assert!(i.status.success(), "{}", stderr(&i));
    assert!(demo
        .join("content/indicators/open-data-agencies.yaml")
        .is_file());

    // Both are valid; the indicator is not used yet and its name is still
    // its id, the two warnings, with their hints, besides the starter's
    // placeholder address.
    let checked = minhbach(&demo, &["check", "--format", "json"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    let out = String::from_utf8_lossy(&checked.stdout).into_owned();
    let codes: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let mut names: Vec<&str> = codes.iter().map(|c| c["code"].as_str().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["name-is-id", "placeholder-base-url", "unused-indicator"],
        "{out}"
    );

    // Refusals: overwriting, bad dates and ids (with the id rules' hint),
    // and a folder that is not content.
    for (args, says) in [
        (
            vec!["new", "session", "2022-12-25", "tong-ket-nam-2022"],
            "already exists",
        ),
        (vec!["new", "session", "25/12/2022", "x"], "YYYY-MM-DD"),
        (
            vec!["new", "session", "2022-12-25", "Tổng kết năm"],
            "use `tong-ket-nam`",
        ),
        (
            vec!["new", "indicator", "open-data-agencies"],
            "already exists",
        ),
        (vec!["new", "indicator", "Open Data"], "use `open-data`"),
        (
            vec!["new", "indicator", "x", "--content", "seeds"],
            "no site.yaml",
        ),
    ] {
        let r = minhbach(&demo, &args);
        assert_eq!(r.status.code(), Some(1), "{args:?}");
        assert!(stderr(&r).contains(says), "{args:?}: {}", stderr(&r));
    }
    assert_eq!(fs::read_to_string(&path).expect("kept"), text);
}

#[test]
fn the_output_works_from_a_sub_path_and_from_disk() {
    let tmp = tempfile::tempdir().expect("tempdir");
    assert!(minhbach(tmp.path(), &["new", "site", "demo"])
        .status
        .success());
    let demo = tmp.path().join("demo");
    let url = "https://user.github.io/project/";
    let built = minhbach(&demo, &["build", "--base-url", url, "--out", "public"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let site = demo.join("public");
    assert!(check_links(&site) > 20);

    // The absolute addresses (canonical, alternates, share links) use the
    // base URL from the command line, not site.yaml's.
    let page = fs::read_to_string(site.join("sessions/2022-08-08-phien-hop-thu-3/index.html"))
        .expect("page");
    assert!(
        page.contains("https://user.github.io/project/sessions/2022-08-08-phien-hop-thu-3/"),
        "no canonical URL under the base URL"
    );
    let mut hosts = BTreeSet::new();
    for word in page.split('"').filter(|w| w.starts_with("https://")) {
        hosts.insert(word.split('/').take(3).collect::<Vec<_>>().join("/"));
    }
    assert!(
        !hosts.contains("https://example.org"),
        "site.yaml's base_url is still used: {hosts:?}"
    );

    let bad = minhbach(
        &demo,
        &[
            "build",
            "--base-url",
            "user.github.io/project",
            "--out",
            "public",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--base-url"), "{}", stderr(&bad));
}

/// The report texts of the bundled register entries: each entry's first
/// line names the text it was made from (`# Seed file: shared/seeds/…`),
/// kept beside the project.
fn register_and_reports() -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    let repo = crate::common::repo();
    let mut out = Vec::new();
    for entry in fs::read_dir(repo.join("seeds")).expect("seeds") {
        let yaml = entry.expect("entry").path();
        let text = fs::read_to_string(&yaml).expect("register entry");
        let first = text.lines().next().unwrap_or_default();
        let report = first
            .strip_prefix("# Seed file: ")
            .unwrap_or_else(|| panic!("{} does not name its report", yaml.display()));
        let report = repo.join("..").join(report);
        assert!(
            report.is_file(),
            "{} is missing: clone the project beside `shared/`",
            report.display()
        );
        out.push((yaml, report));
    }
    assert_eq!(out.len(), 5);
    out.sort();
    out
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&fs::read_to_string(path).expect("read")).expect("yaml")
}

/// `new source --from` on each report the bundled register was made from
/// proposes every figure that the register holds for it, as printed, and
/// the publication date where the text prints one.
#[test]
fn new_source_from_a_report_proposes_every_figure_the_register_holds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (entry, report) in register_and_reports() {
        let id = entry.file_stem().unwrap().to_string_lossy().into_owned();
        let seeds = tmp.path().join("seeds");
        let made = minhbach(
            tmp.path(),
            &[
                "new",
                "source",
                &id,
                "--from",
                &report.to_string_lossy(),
                "--seeds",
                &seeds.to_string_lossy(),
            ],
        );
        assert!(made.status.success(), "{}", stderr(&made));
        let proposed = yaml(&seeds.join(format!("{id}.yaml")));
        let values: BTreeSet<&str> = proposed["figures"]
            .as_sequence()
            .expect("figures")
            .iter()
            .map(|f| f["value"].as_str().expect("value"))
            .collect();
        let register = yaml(&entry);
        for figure in register["figures"].as_sequence().expect("figures") {
            let value = figure["value"].as_str().expect("value");
            if value.is_empty() || value == "-" {
                continue; // printed as a blank or a dash: no figure to find
            }
            assert!(
                values.contains(value),
                "{id}: `{value}` ({}) is not proposed",
                figure["label"].as_str().unwrap_or_default()
            );
        }
        if let Some(date) = proposed["published"].as_str() {
            assert_eq!(Some(date), register["published"].as_str(), "{id}");
        }
        let title = proposed["title"].as_str().expect("title");
        assert!(
            fs::read_to_string(&report).unwrap().contains(title),
            "{id}: the title is the report's first line"
        );
    }
}

/// The proposal is a draft: `check` stops at the publisher left for the
/// author to write, at its line and column, and passes once it is written;
/// a second `new source` with the same id changes nothing.
#[test]
fn a_proposed_source_is_checked_and_never_overwritten() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = crate::common::repo();
    crate::common::copy_tree(&repo.join("content"), &tmp.path().join("content"));
    crate::common::copy_tree(&repo.join("seeds"), &tmp.path().join("seeds"));
    // The first report, which prints its date.
    let (_, report) = register_and_reports().remove(0);
    let args = [
        "new",
        "source",
        "proposed",
        "--from",
        &report.to_string_lossy(),
    ];
    let made = minhbach(tmp.path(), &args);
    assert!(made.status.success(), "{}", stderr(&made));
    let path = tmp.path().join("seeds/proposed.yaml");
    let before = fs::read(&path).unwrap();

    let checked = minhbach(tmp.path(), &["check"]);
    assert!(!checked.status.success());
    let line = 1 + String::from_utf8_lossy(&before)
        .lines()
        .position(|l| l.starts_with("publisher:"))
        .expect("publisher line");
    let err = stderr(&checked);
    assert!(err.contains("error[empty-text]"), "{err}");
    assert!(
        err.contains(&format!("seeds/proposed.yaml:{line}:12")),
        "{err}"
    );

    let again = minhbach(tmp.path(), &args);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("nothing is overwritten"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read(&path).unwrap(), before);

    let text = String::from_utf8(before)
        .unwrap()
        .replace("publisher: \"\"", "publisher: \"Báo Đồng Khởi\"");
    fs::write(&path, text).unwrap();
    let checked = minhbach(tmp.path(), &["check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
}
