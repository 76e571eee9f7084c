//! Snapshots of the diagnostics for each kind of bad input, as an author
//! sees them in the terminal (rustc style: file:line:column, the line, a
//! caret, what was expected, a hint) and as editors read them (JSON lines).
//!
//! Each folder in tests/fixtures/diagnostics/ other than `base` is one
//! kind of mistake: the files in it replace or add to a copy of `base`
//! (a valid content folder and source register), and an optional `REMOVE`
//! file lists paths to delete from the copy. The snapshots are in
//! tests/fixtures/diagnostics/snapshots/.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.expect("readable fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        if rel == Path::new("REMOVE") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The base content with the kind's changes, in a temporary folder.
fn content_for(kind: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixtures().join("base"), tmp.path());
    let dir = fixtures().join(kind);
    copy_tree(&dir, tmp.path());
    if let Ok(list) = fs::read_to_string(dir.join("REMOVE")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(tmp.path().join(rel.trim())).expect("a file to remove");
        }
    }
    tmp
}

struct Checked {
    ok: bool,
    human: String,
    json: String,
}

fn check(root: &Path) -> Checked {
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(["check", "--content", "content", "--format", format])
            .current_dir(root)
            .env_remove("NO_COLOR")
            .output()
            .expect("run minhbach")
    };
    let human = run("human");
    let json = run("json");
    assert_eq!(human.status.code(), json.status.code());
    Checked {
        ok: human.status.success(),
        human: String::from_utf8(human.stderr).expect("utf-8"),
        json: String::from_utf8(json.stdout).expect("utf-8"),
    }
}

fn kinds() -> Vec<String> {
    let mut kinds: Vec<String> = fs::read_dir(fixtures())
        .expect("fixtures")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|k| k != "base" && k != "snapshots")
        .collect();
    kinds.sort();
    kinds
}

/// Warnings do not fail a check; everything else here is an error.
const WARNINGS: &[&str] = &[
    "missing-translation",
    "missing-notes-translation",
    "no-source",
    "target-date-before-session",
    "unused-indicator",
    "percent-over-100",
];

#[test]
fn the_base_is_clean() {
    let tmp = content_for("base");
    let c = check(tmp.path());
    assert!(c.ok, "{}", c.human);
    assert_eq!(c.human.trim(), "check passed: 0 errors, 0 warnings");
    assert_eq!(c.json, "");
}

#[test]
fn each_kind_of_bad_input() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(fixtures().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let kinds = kinds();
    assert!(kinds.len() >= 20, "{kinds:?}");
    settings.bind(|| {
        for kind in &kinds {
            let tmp = content_for(kind);
            let c = check(tmp.path());
            let warning_only = WARNINGS.contains(&kind.as_str());
            assert_eq!(c.ok, warning_only, "{kind}: exit status\n{}", c.human);
            let diags: Vec<serde_json::Value> = c
                .json
                .lines()
                .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{kind}: {e}: {l}")))
                .collect();
            assert!(!diags.is_empty(), "{kind}: nothing reported");
            for d in &diags {
                // Every diagnostic names a file inside the content (or the
                // register beside it), never an absolute temporary path.
                let file = d["file"].as_str().expect("file");
                assert!(
                    !file.starts_with('/') && !file.contains("tmp"),
                    "{kind}: {file}"
                );
                assert!(
                    d["hint"].is_string() || d["expected"].is_string(),
                    "{kind}: no help in {d}"
                );
                if warning_only {
                    assert_eq!(d["severity"], "warning", "{kind}: {d}");
                }
            }
            assert!(
                !c.human.contains('\u{1b}'),
                "{kind}: colours when not on a terminal"
            );
            insta::assert_snapshot!(
                kind.clone(),
                format!("{}\n--- json ---\n{}", c.human, c.json)
            );
        }
    });
}

/// Several mistakes in several files are all reported in one run, sorted
/// by file, then line.
#[test]
fn all_errors_in_one_run_sorted() {
    let tmp = content_for("several-files");
    let c = check(tmp.path());
    let positions: Vec<(String, u64)> = c
        .json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(positions.len() >= 4, "{positions:?}");
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
    let files: std::collections::BTreeSet<&String> = positions.iter().map(|(f, _)| f).collect();
    assert_eq!(files.len(), 2, "{positions:?}");
}

/// The issue's own examples, word for word.
#[test]
fn the_hints_authors_need() {
    for (kind, hint) in [
        ("unknown-indicator", "did you mean `e-invoice-enterprises`?"),
        ("number-as-text", "write 11.27, not \\\"11,27\\\""),
        ("bad-date", "dates are YYYY-MM-DD"),
        ("unknown-field", "did you mean `target`?"),
        ("tab-indentation", "tab"),
        ("yaml-syntax", "quote text that contains `: `"),
    ] {
        let tmp = content_for(kind);
        let c = check(tmp.path());
        assert!(c.json.contains(hint), "{kind}: `{hint}` not in {}", c.json);
    }
}

/// `NO_COLOR` and a pipe both mean no colour; colour needs a terminal, so
/// here it is only checked that nothing forces it on.
#[test]
fn no_colour_when_asked() {
    let tmp = content_for("bad-date");
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["check", "--content", "content"])
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[bad-date]") && !stderr.contains('\u{1b}'),
        "{stderr}"
    );
}
