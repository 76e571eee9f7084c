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

/// `minhbach check` in English, in both formats.
fn check(root: &Path) -> Checked {
    check_in(root, &["--lang", "en"], &[])
}

/// `minhbach check` with `extra` arguments and `env` variables, in both
/// formats, with no locale of the system unless `env` sets one.
fn check_in(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Checked {
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(["check", "--content", "content", "--format", format])
            .args(extra)
            .current_dir(root)
            .env_remove("NO_COLOR")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .envs(env.iter().copied())
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

/// Snapshots in tests/fixtures/diagnostics/snapshots/, named by kind.
fn snapshots() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(fixtures().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

#[test]
fn each_kind_of_bad_input() {
    let settings = snapshots();
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
        ("bad-date", "write 2022-08-08"),
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
        .args(["check", "--lang", "en", "--content", "content"])
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

fn json_lines(json: &str) -> Vec<serde_json::Value> {
    json.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Where a diagnostic is and what kind it is: what does not depend on the
/// language.
fn place(d: &serde_json::Value) -> String {
    format!(
        "{} {} {} {} {}",
        d["severity"], d["code"], d["file"], d["line"], d["column"]
    )
}

/// `--lang vi` says every problem of every kind in Vietnamese, at the same
/// place and with the same code as in English, and the JSON names the
/// language of its words.
#[test]
fn vietnamese_on_request_with_the_same_codes_and_places() {
    let _bound = snapshots().bind_to_scope();
    for kind in kinds() {
        let tmp = content_for(&kind);
        let en = check_in(tmp.path(), &["--lang", "en"], &[]);
        let vi = check_in(tmp.path(), &["--lang", "vi"], &[]);
        assert_eq!(en.ok, vi.ok, "{kind}");
        let (en_json, vi_json) = (json_lines(&en.json), json_lines(&vi.json));
        assert_eq!(en_json.len(), vi_json.len(), "{kind}");
        for (e, v) in en_json.iter().zip(&vi_json) {
            assert_eq!(place(e), place(v), "{kind}");
            assert_eq!(
                (&e["lang"], &v["lang"]),
                (&"en".into(), &"vi".into()),
                "{kind}"
            );
            for field in ["message", "expected", "hint"] {
                assert_eq!(e[field].is_null(), v[field].is_null(), "{kind}: {field}");
                if let (Some(e), Some(v)) = (e[field].as_str(), v[field].as_str()) {
                    assert_ne!(e, v, "{kind}: {field} not translated");
                    // Vietnamese has letters English has not.
                    assert!(!v.is_ascii(), "{kind}: {field} {v:?}");
                }
            }
        }
        // The printer's own words too.
        assert!(
            !vi.human.contains("error[") && !vi.human.contains("warning["),
            "{kind}: {}",
            vi.human
        );
        assert!(
            !vi.human.contains("= hint:") && !vi.human.contains("= expected:"),
            "{kind}"
        );
        let errors = en_json.iter().filter(|d| d["severity"] == "error").count();
        let warnings = en_json.len() - errors;
        let (verdict, english) = if vi.ok {
            ("kiểm tra đạt", "check passed")
        } else {
            ("kiểm tra không đạt", "check failed")
        };
        assert!(
            vi.human
                .trim_end()
                .ends_with(&format!("{verdict}: {errors} lỗi, {warnings} cảnh báo")),
            "{kind}: {}",
            vi.human
        );
        assert!(en.human.contains(english), "{kind}");
        if errors > 0 {
            assert!(vi.human.contains("lỗi["), "{kind}");
        }
        if warnings > 0 {
            assert!(vi.human.contains("cảnh báo["), "{kind}");
        }
        assert!(
            vi.human.contains("= gợi ý: ") || vi.human.contains("= cần: "),
            "{kind}"
        );
        // For reading the Vietnamese as an author sees it.
        insta::assert_snapshot!(format!("{kind}.vi"), vi.human);
    }
}

/// A site whose default language is Vietnamese (the fixtures' `[vi, en]`)
/// is checked in Vietnamese without `--lang`; `--lang en` asks for English.
#[test]
fn the_sites_default_language_unless_asked() {
    let tmp = content_for("bad-date");
    let by_default = check_in(tmp.path(), &[], &[]);
    assert!(
        by_default
            .human
            .contains("lỗi[bad-date]: `08/08/2022` không phải là ngày hợp lệ"),
        "{}",
        by_default.human
    );
    assert!(by_default.human.contains("= gợi ý: hãy viết 2022-08-08"));
    assert!(by_default
        .human
        .contains("kiểm tra không đạt: 1 lỗi, 0 cảnh báo"));
    assert_eq!(json_lines(&by_default.json)[0]["lang"], "vi");

    let english = check_in(tmp.path(), &["--lang", "en"], &[]);
    assert!(
        english
            .human
            .contains("error[bad-date]: `08/08/2022` is not a date"),
        "{}",
        english.human
    );
    assert!(english.human.contains("= hint: write 2022-08-08"));
    assert!(english.human.contains("check failed: 1 error, 0 warnings"));
    assert_eq!(json_lines(&english.json)[0]["lang"], "en");
    assert_eq!(
        json_lines(&english.json)[0]["message"],
        "`08/08/2022` is not a date"
    );
}

/// A site whose default language is neither Vietnamese nor English is
/// checked in English, and so is one whose default is English, even on a
/// Vietnamese system.
#[test]
fn other_default_languages_get_english() {
    for languages in ["[fr, vi]", "[en, vi]"] {
        let tmp = content_for("bad-date");
        let site = tmp.path().join("content/site.yaml");
        let text = fs::read_to_string(&site).expect("site.yaml");
        assert!(text.contains("languages: [vi, en]"));
        fs::write(
            &site,
            text.replace("languages: [vi, en]", &format!("languages: {languages}")),
        )
        .expect("write");
        let c = check_in(tmp.path(), &[], &[("LANG", "vi_VN.UTF-8")]);
        assert!(
            c.human.contains("error[bad-date]"),
            "{languages}: {}",
            c.human
        );
        assert!(!c.human.contains("lỗi["), "{languages}: {}", c.human);
        assert!(
            json_lines(&c.json).iter().all(|d| d["lang"] == "en"),
            "{languages}"
        );
    }
}

/// When site.yaml cannot be read, the system's language decides: what the
/// person at the terminal reads, Vietnamese or else English.
#[test]
fn an_unreadable_site_yaml_leaves_it_to_the_system() {
    let tmp = content_for("base");
    fs::write(tmp.path().join("content/site.yaml"), "title: [không đóng\n").expect("write");
    let vi = check_in(tmp.path(), &[], &[("LC_ALL", "vi_VN.UTF-8")]);
    assert!(vi.human.contains("lỗi[yaml]"), "{}", vi.human);
    let vi = check_in(
        tmp.path(),
        &[],
        &[("LANG", "vi_VN.UTF-8"), ("LC_MESSAGES", "")],
    );
    assert!(vi.human.contains("lỗi[yaml]"), "{}", vi.human);
    for env in [
        vec![],
        vec![("LANG", "C.UTF-8")],
        vec![("LC_ALL", "fr_FR.UTF-8"), ("LANG", "vi_VN")],
    ] {
        let en = check_in(tmp.path(), &[], &env);
        assert!(en.human.contains("error[yaml]"), "{env:?}: {}", en.human);
    }
    // `--lang` still wins.
    let asked = check_in(tmp.path(), &["--lang", "vi"], &[("LANG", "C")]);
    assert!(asked.human.contains("lỗi[yaml]"), "{}", asked.human);
}

/// `build` reports in the site's language too, its own last line included.
#[test]
fn build_speaks_the_sites_language() {
    // `build --content content --out site` and `extra`: the exit code and
    // what is printed.
    let build = |root: &Path, extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(["build", "--content", "content", "--out", "site"])
            .args(extra)
            .current_dir(root)
            .output()
            .expect("run minhbach");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code(), stderr)
    };
    let tmp = content_for("bad-date");
    let (code, stderr) = build(tmp.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("lỗi[bad-date]"), "{stderr}");
    assert!(
        stderr.contains("dựng trang không thành công: 1 lỗi, 0 cảnh báo; site không bị thay đổi"),
        "{stderr}"
    );
    let (_, stderr) = build(tmp.path(), &["--lang", "en"]);
    assert!(
        stderr.contains("build failed: 1 error, 0 warnings; site was not changed"),
        "{stderr}"
    );

    let tmp = content_for("base");
    let (code, stderr) = build(tmp.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.starts_with("đã dựng ")
            && stderr.contains(" tệp, ")
            && stderr.contains(" MB, vào site (0 lỗi, 0 cảnh báo)"),
        "{stderr}"
    );
}
