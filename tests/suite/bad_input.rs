//! Bad input: each `tests/fixtures/bad-*` folder writes one mistake over
//! the `basic` fixture. Every mistake must be reported with exit code 1,
//! the file, line and column, and what was expected or how to fix it; and
//! a site built before into the same output folder must stay byte for byte
//! as it was, with no staging folder left beside it. Bad command lines
//! exit with 2.

use crate::common;

use std::path::Path;

use common::*;

/// What one bad fixture must produce.
struct Case {
    fixture: &'static str,
    /// The diagnostic code.
    code: &'static str,
    /// The file it names, relative to the content folder.
    file: &'static str,
    /// The line it points at, and the text found there.
    line: usize,
    line_text: &'static str,
    /// Phrases the message, expectation or hint must contain.
    says: &'static [&'static str],
}

const SESSION_2: &str = "sessions/2022-04-27-phien-hop-thu-2/session.yaml";
const SESSION_3: &str = "sessions/2022-08-08-phien-hop-thu-3/session.yaml";

const CASES: &[Case] = &[
    Case {
        fixture: "bad-yaml-syntax",
        code: "yaml",
        file: "indicators/fixed-broadband-speed.yaml",
        line: 2,
        line_text: "short_name: Tốc độ: băng rộng cố định",
        says: &[
            "mapping values are not allowed",
            "quote text that contains `: `",
        ],
    },
    Case {
        fixture: "bad-wrong-type",
        code: "yaml",
        file: "site.yaml",
        line: 8,
        line_text: "languages: vi",
        says: &["languages", "invalid type", "expected a sequence"],
    },
    Case {
        fixture: "bad-unknown-field",
        code: "yaml",
        file: SESSION_2,
        line: 12,
        line_text: "qualifer: about",
        says: &[
            "unknown field `qualifer`",
            "`qualifier`",
            "check the spelling",
        ],
    },
    Case {
        fixture: "bad-unknown-indicator",
        code: "unknown-indicator",
        file: SESSION_2,
        line: 10,
        line_text: "- indicator: online-dossiers-processing",
        says: &[
            "unknown indicator `online-dossiers-processing`",
            "did you mean `online-dossier-processing`?",
        ],
    },
    Case {
        fixture: "bad-duplicate-result",
        code: "duplicate-result",
        file: SESSION_2,
        line: 14,
        line_text: "- indicator: online-dossier-processing",
        says: &[
            "`online-dossier-processing`",
            "already has a result",
            "results[0]",
        ],
    },
    Case {
        fixture: "bad-duplicate-source",
        code: "duplicate-source",
        file: SESSION_2,
        line: 9,
        line_text: "- id: ban-tin-2022-04-27",
        says: &["`ban-tin-2022-04-27` is listed twice"],
    },
    Case {
        fixture: "bad-date",
        code: "bad-date",
        file: SESSION_2,
        line: 2,
        line_text: "date: 27/04/2022",
        says: &["`27/04/2022` is not a date", "YYYY-MM-DD"],
    },
    Case {
        fixture: "bad-number-string",
        code: "number-as-text",
        file: SESSION_3,
        line: 16,
        line_text: "actual: \"11,27\"",
        says: &["is text, not a number", "dot decimal", "write 11.27"],
    },
    Case {
        fixture: "bad-id",
        code: "bad-id",
        file: SESSION_2,
        line: 5,
        line_text: "- id: Phiên-họp-thứ-2",
        says: &[
            "`Phiên-họp-thứ-2` is not a valid id",
            "lowercase ASCII letters",
            "use `phien-hop-thu-2`",
        ],
    },
];

/// A place to work in: the content in `work/`, the output in `out/site`,
/// so that `out/` shows anything a build leaves beside the site.
struct Bench {
    _tmp: tempfile::TempDir,
    content: std::path::PathBuf,
    out_parent: std::path::PathBuf,
    site: std::path::PathBuf,
}

impl Bench {
    fn new(overlay: Option<&str>) -> Bench {
        let tmp = tempfile::tempdir().expect("temp dir");
        let content = content_with(&tmp.path().join("work"), overlay);
        let out_parent = tmp.path().join("out");
        let site = out_parent.join("site");
        std::fs::create_dir_all(&out_parent).expect("create the output's parent");
        Bench {
            _tmp: tmp,
            content,
            out_parent,
            site,
        }
    }
    /// `minhbach check` on this content, with `extra` arguments.
    fn check(&self, extra: &[&str]) -> Run {
        let content = self.content.to_str().expect("utf-8 path");
        let mut args = vec!["check", "--content", content];
        args.extend_from_slice(extra);
        // From the output's parent, to see that check writes nothing there.
        run_in(&self.out_parent, args)
    }
}

/// The one error `case` must produce, checked in JSON (for the fields) and
/// in the human report (for the file:line:column header and the snippet).
fn check_case(case: &Case, r: &Run, content: &Path) {
    let what = case.fixture;
    assert_eq!(r.code, Some(1), "{what}: exit code\n{}", r.output());
    let diags = r.diagnostics();
    let d = diags
        .iter()
        .find(|d| d["code"] == case.code && d["severity"] == "error")
        .unwrap_or_else(|| panic!("{what}: no `{}` error in\n{}", case.code, r.stdout));
    assert_eq!(d["file"], case.file, "{what}: file");
    assert_eq!(d["line"], case.line, "{what}: line");
    let column = d["column"]
        .as_u64()
        .unwrap_or_else(|| panic!("{what}: no column in {d}")) as usize;
    let line = std::fs::read_to_string(content.join(case.file))
        .expect("bad file")
        .lines()
        .nth(case.line - 1)
        .expect("line")
        .to_owned();
    assert_eq!(line.trim(), case.line_text, "{what}: the fixture line");
    assert!(
        column >= 1 && column <= line.chars().count() + 1,
        "{what}: column {column} outside `{line}`"
    );
    let said = ["message", "expected", "hint"]
        .iter()
        .filter_map(|k| d[*k].as_str())
        .collect::<Vec<_>>()
        .join(" | ");
    for phrase in case.says {
        assert!(said.contains(phrase), "{what}: `{phrase}` not in `{said}`");
    }
    // Only errors that follow from this one mistake; nothing unrelated.
    for other in &diags {
        assert_eq!(
            other["file"], case.file,
            "{what}: a diagnostic about another file: {other}"
        );
    }
}

#[test]
fn each_bad_fixture_is_reported_and_leaves_the_previous_site_alone() {
    for case in CASES {
        let bench = Bench::new(Some(case.fixture));
        // The site built from good content, before the mistake was made.
        // (A copy of one build, which is the same as building it here.)
        copy_tree(&basic_site(), &bench.site);
        let before = snapshot(&bench.site);
        assert!(before.contains_key("index.html"));

        let r = build(&bench.content, &bench.site, &["--format", "json"]);
        check_case(case, &r, &bench.content);
        assert!(
            r.stderr.contains("was not changed"),
            "{}: {}",
            case.fixture,
            r.stderr
        );
        assert!(
            before == snapshot(&bench.site),
            "{}: the previous site changed",
            case.fixture
        );
        assert_eq!(
            names_in(&bench.out_parent),
            ["site"],
            "{}: something was left beside the site",
            case.fixture
        );

        // The human report names the file, line and column, and shows the line.
        let human = build(&bench.content, &bench.site, &[]);
        assert_eq!(human.code, Some(1));
        let column = r
            .diagnostics()
            .iter()
            .find(|d| d["code"] == case.code)
            .and_then(|d| d["column"].as_u64())
            .expect("column");
        let at = format!("{}:{}:{column}", case.file, case.line);
        assert!(
            human.stderr.contains(&at),
            "{}: `{at}` not in\n{}",
            case.fixture,
            human.stderr
        );
        assert!(
            human.stderr.contains(case.line_text),
            "{}: the offending line is not shown\n{}",
            case.fixture,
            human.stderr
        );
        assert!(
            human.stderr.contains(&format!("error[{}]", case.code)),
            "{}",
            human.stderr
        );
        assert!(
            before == snapshot(&bench.site),
            "{}: the previous site changed",
            case.fixture
        );

        // `check` finds the same problem, and writes nothing.
        let checked = bench.check(&["--format", "json"]);
        check_case(case, &checked, &bench.content);
        assert_eq!(names_in(&bench.out_parent), ["site"]);
    }
}

/// A failed first build creates no output folder at all.
#[test]
fn a_failed_first_build_writes_nothing() {
    let bench = Bench::new(Some("bad-number-string"));
    let r = build(&bench.content, &bench.site, &[]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(
        !bench.site.exists(),
        "a failed build created the output folder"
    );
    let left: Vec<String> = if bench.out_parent.exists() {
        names_in(&bench.out_parent)
    } else {
        vec![]
    };
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Every problem of a file is reported, not just the first.
#[test]
fn every_problem_in_a_file_is_reported() {
    let bench = Bench::new(Some("bad-number-string"));
    let r = bench.check(&["--format", "json"]);
    assert_eq!(r.code, Some(1));
    let hints: Vec<String> = r
        .diagnostics()
        .iter()
        .map(|d| d["hint"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        hints,
        ["write 11.27, not \"11,27\"", "write 70.91, not \"70.91%\""],
        "{}",
        r.stdout
    );
}

/// Mistakes in several files are all reported in one run, sorted by file
/// and line, and nothing is made up on top of them (no "unknown indicator"
/// for an indicator whose own file has the mistake).
#[test]
fn problems_in_several_files_are_reported_together_sorted_by_file() {
    let bench = Bench::new(Some("bad-several-files"));
    let r = bench.check(&["--format", "json"]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let found: Vec<(String, u64, String)> = r
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("indicators/fixed-broadband-speed.yaml", 2, "bad-unit"),
        (SESSION_2, 2, "bad-date"),
        ("site.yaml", 7, "bad-base-url"),
    ];
    let expected: Vec<(String, u64, String)> = expected
        .iter()
        .map(|(f, l, c)| ((*f).to_owned(), *l, (*c).to_owned()))
        .collect();
    assert_eq!(found, expected, "{}", r.stdout);
    let unit = &r.diagnostics()[0];
    assert_eq!(unit["hint"], "did you mean `mbps`?");

    // The human report lists them in the same order and counts them.
    let human = bench.check(&[]);
    let positions: Vec<usize> = expected
        .iter()
        .map(|(f, l, _)| {
            human
                .stderr
                .find(&format!("{f}:{l}:"))
                .unwrap_or_else(|| panic!("{f}:{l} not in\n{}", human.stderr))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "not sorted by file:\n{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("3 errors, 0 warnings"),
        "{}",
        human.stderr
    );
}

/// A broken site.yaml is one error, not a flood: the defaults used in its
/// place (one language, no scopes) must not produce warnings of their own,
/// and "no site.yaml" must not be claimed for a file that is there.
#[test]
fn a_broken_site_yaml_is_one_error() {
    let bench = Bench::new(Some("bad-wrong-type"));
    let r = bench.check(&["--format", "json"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.diagnostics().len(), 1, "{}", r.stdout);
}

/// Bad command lines are usage errors: exit code 2, with a message, and
/// nothing written.
#[test]
fn usage_errors_exit_with_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let cases: &[&[&str]] = &[
        &[],
        &["publish"],
        &["build", "--no-such-flag"],
        &["build", "--format", "xml"],
        &["check", "--max-file-size", "lots"],
        &["build", "--out"],
    ];
    for args in cases {
        let r = run_in(tmp.path(), *args);
        assert_eq!(r.code, Some(2), "minhbach {args:?}\n{}", r.output());
        assert!(
            !r.stderr.trim().is_empty(),
            "minhbach {args:?} says nothing"
        );
        assert!(
            names_in(tmp.path()).is_empty(),
            "minhbach {args:?} wrote something"
        );
    }
    let help = run_in(tmp.path(), ["--help"]);
    assert_eq!(help.code, Some(0));
    assert!(help.stdout.contains("build") && help.stdout.contains("check"));
}

/// A content folder that does not exist is a content error (1), not a
/// usage error, and says which folder.
#[test]
fn a_missing_content_folder_exits_with_1() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let r = run_in(tmp.path(), ["check", "--content", "nowhere"]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(r.stderr.contains("nowhere"), "{}", r.stderr);
    let r = run_in(tmp.path(), ["build", "--content", "nowhere"]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(
        names_in(tmp.path()).is_empty(),
        "a failed build wrote {:?}",
        names_in(tmp.path())
    );
}

/// The first session folder of a content folder.
fn first_session(content: &Path) -> std::path::PathBuf {
    let mut sessions: Vec<_> = std::fs::read_dir(content.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sessions.sort();
    sessions.remove(0)
}

/// 100,000 unclosed `<div>` in notes (half a megabyte) took a minute to
/// build, its time growing with the square of the count, while `check`
/// passed at once. Both now refuse it with `html-too-deep` at the tag that
/// goes over.
#[test]
fn deep_html_in_notes_is_refused_by_check_and_build() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let notes = first_session(&content).join("notes.md");
    std::fs::write(&notes, format!("x\n\n{}\n", "<div>".repeat(100_000))).unwrap();
    for r in [
        run([
            "check",
            "--format",
            "json",
            "--content",
            content.to_str().unwrap(),
        ]),
        build(&content, &tmp.path().join("site"), &["--format", "json"]),
    ] {
        assert_eq!(r.code, Some(1), "{}", r.output());
        let d = r.diagnostics();
        let deep = d
            .iter()
            .find(|d| d["code"] == "html-too-deep")
            .unwrap_or_else(|| panic!("{}", r.output()));
        assert!(
            deep["file"].as_str().unwrap().ends_with("notes.md"),
            "{deep}"
        );
        assert_eq!(deep["line"], 3, "{deep}");
        assert_eq!(deep["column"], 5 * 99 + 1, "{deep}");
    }
}

/// A megabyte of footnote references took over half a gigabyte to build;
/// a note with more than 2,000 is refused by `check`.
#[test]
fn too_many_footnotes_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let notes = first_session(&content).join("notes.md");
    let text = format!("x{}\n\n[^1]: z\n", " a[^1]".repeat(200_000));
    std::fs::write(&notes, text).unwrap();
    let r = run([
        "check",
        "--format",
        "json",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let d = r.diagnostics();
    let many = d
        .iter()
        .find(|d| d["code"] == "too-many-footnotes")
        .unwrap_or_else(|| panic!("{}", r.output()));
    assert_eq!(many["line"], 1, "{many}");
}

/// `--max-results` is enforced while loading: once the sessions parsed
/// hold more, the rest are not read (all 800 results were parsed, and
/// the default let 60 MB of content ask for 60 GB of output).
#[test]
fn max_results_stops_loading_sessions() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let session = first_session(&content);
    let text = std::fs::read_to_string(session.join("session.yaml")).unwrap();
    let per_session = text.matches("- indicator:").count();
    assert!(per_session >= 2);
    for i in 0..400 {
        let dir = content.join(format!("sessions/2023-01-01-copy-{i:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("session.yaml"), &text).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args([
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--max-results",
            "3",
            "--content",
        ])
        .arg(&content)
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let d: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|d: &serde_json::Value| d["code"] == "too-many-results")
        .collect();
    assert_eq!(d.len(), 1, "{stdout}");
    assert!(d[0]["file"].as_str().unwrap().ends_with("session.yaml"));
    let message = d[0]["message"].as_str().unwrap();
    let read: usize = message
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("{message}"));
    // Two threads stop after a few sessions each, of 402.
    assert!(read > 3 && read <= 20 * per_session, "{message}");
}

/// The default limit keeps a site within a few gigabytes of output.
#[test]
fn the_default_result_limit_is_documented() {
    let r = run(["check", "--help"]);
    assert!(r.stdout.contains("25000"), "{}", r.stdout);
}

/// The report of 40,000 problems in one file names every one with its
/// line. Each problem's line was once found by walking the file from its
/// start (40,000 problems took 15 s in a release build, minutes in a debug
/// one); the report's time is measured by benchmarks, not asserted here.
#[test]
fn forty_thousand_problems_are_all_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let file = first_session(&content).join("session.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut text = format!("{}results:\n", text.split("results:").next().unwrap());
    for i in 0..40_000 {
        text.push_str(&format!("  - {{indicator: nope-{i}, actual: 1}}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let r = run([
        "check",
        "--max-results",
        "100000",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(1), "{}", &r.stderr[..2000.min(r.stderr.len())]);
    assert_eq!(r.stderr.matches("error[unknown-indicator]").count(), 40_000);
    assert!(
        r.stderr
            .contains("│   - {indicator: nope-39999, actual: 1}"),
        "{}",
        &r.stderr[r.stderr.len() - 2000..]
    );
}

/// Writes `insert` into the file `rel` of `root` right after the first
/// occurrence of `after`, and returns the 1-based line and column (in
/// characters) where it starts.
fn insert_after(root: &Path, rel: &str, after: &str, insert: &str) -> (usize, usize) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).expect("fixture file");
    let at = text
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` in {rel}"))
        + after.len();
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1;
    std::fs::write(&path, format!("{}{insert}{}", &text[..at], &text[at..])).expect("write");
    (line, column)
}

/// Control characters written as escapes in quoted YAML text (and raw, in
/// a notes file) are refused, each at the file, line and column where it is
/// written, naming the character. Before, `check` passed and `feed.xml`
/// held a character XML forbids.
#[test]
fn control_characters_are_refused_where_they_are_written() {
    let bench = Bench::new(None);
    let root = bench.content.parent().expect("work folder").to_owned();
    let cases: [(&str, &str, &str, &str); 8] = [
        // (file, after, inserted, named)
        ("content/site.yaml", "title: {vi: \"Theo", "\\x1b", "U+001B"),
        (
            "content/indicators/smartphone-adults.yaml",
            "name: {vi: \"Tỉ lệ",
            "\\f",
            "U+000C",
        ),
        (
            "content/sessions/2022-08-08-phien-hop-thu-3/session.yaml",
            "title: {vi: \"Phiên",
            "\\v",
            "U+000B",
        ),
        (
            "content/sessions/2022-08-08-phien-hop-thu-3/session.yaml",
            "summary:\n  vi: \"",
            "\\x01",
            "U+0001",
        ),
        (
            "content/sessions/2022-04-27-phien-hop-thu-2/session.yaml",
            "publisher: {vi: \"Bản",
            "\\x7f",
            "U+007F",
        ),
        (
            "content/sessions/2022-08-08-phien-hop-thu-3/session.yaml",
            "    title: \"Đẩy nhanh",
            "\\u0007",
            "U+0007",
        ),
        (
            "seeds/ninhbinh-2022-08-09.yaml",
            "title: \"Phiên họp",
            "\\e",
            "U+001B",
        ),
        (
            "content/sessions/2022-08-08-phien-hop-thu-3/notes.md",
            "sáu tháng đầu",
            "\u{2}",
            "U+0002",
        ),
    ];
    let mut expected: Vec<(String, usize, usize, &str)> = cases
        .iter()
        .map(|(file, after, insert, named)| {
            let (line, column) = insert_after(&root, file, after, insert);
            let file = file.strip_prefix("content/").unwrap_or(file);
            let file = if file.starts_with("seeds/") {
                format!("../{file}")
            } else {
                file.to_owned()
            };
            (file, line, column, *named)
        })
        .collect();
    let r = bench.check(&["--format", "json"]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let mut found: Vec<(String, usize, usize, String)> = r
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "control-character")
        .map(|d| {
            assert!(d["hint"].is_string() && d["expected"].is_string(), "{d}");
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0) as usize,
                d["column"].as_u64().unwrap_or(0) as usize,
                d["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found.len(), expected.len(), "{}", r.stdout);
    for (f, e) in found.iter().zip(&expected) {
        assert_eq!((&f.0, f.1, f.2), (&e.0, e.1, e.2), "{}", r.stdout);
        assert!(f.3.contains(e.3), "{} does not name {}", f.3, e.3);
    }
}

/// A raw control character in a YAML file: before, serde_yaml's "control
/// characters are not allowed" was placed at line 1, column 1.
#[test]
fn a_raw_control_character_is_placed() {
    let bench = Bench::new(None);
    let root = bench.content.parent().expect("work folder").to_owned();
    let (line, column) = insert_after(
        &root,
        "content/indicators/fixed-broadband-speed.yaml",
        "group: {vi: \"Hạ",
        "\u{1}",
    );
    let r = bench.check(&["--format", "json"]);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let diags = r.diagnostics();
    assert_eq!(diags.len(), 1, "{}", r.stdout);
    assert_eq!(diags[0]["code"], "control-character");
    assert_eq!(diags[0]["file"], "indicators/fixed-broadband-speed.yaml");
    assert_eq!(
        (diags[0]["line"].as_u64(), diags[0]["column"].as_u64()),
        (Some(line as u64), Some(column as u64))
    );
    assert!(line > 1);
}

/// Whatever content is accepted, every XML file written (the feeds, the
/// sitemap, the SVG charts) parses as XML: here with the unusual
/// characters that content may hold (tab, no-break space, line and
/// paragraph separators, a noncharacter XML allows, an emoji, markup).
#[test]
fn every_xml_file_of_accepted_content_parses() {
    let bench = Bench::new(None);
    let root = bench.content.parent().expect("work folder").to_owned();
    let odd = "\\t\\_\\L\\P\\uFDD0\\U0001F600 <&]]>";
    insert_after(&root, "content/site.yaml", "title: {vi: \"Theo", odd);
    insert_after(&root, "content/site.yaml", "en: \"Digital", odd);
    let s3 = "content/sessions/2022-08-08-phien-hop-thu-3/session.yaml";
    insert_after(&root, s3, "title: {vi: \"Phiên", odd);
    insert_after(&root, s3, "summary:\n  vi: \"", odd);
    insert_after(&root, s3, "    title: \"Đẩy nhanh", odd);
    insert_after(
        &root,
        "content/indicators/smartphone-adults.yaml",
        "name: {vi: \"Tỉ lệ",
        odd,
    );
    insert_after(
        &root,
        "content/sessions/2022-08-08-phien-hop-thu-3/notes.md",
        "sáu tháng đầu",
        "\u{2028}\u{FDD0}",
    );
    build_ok(&bench.content, &bench.site, &[]);
    let mut xml = files_with(&bench.site, ".xml");
    xml.extend(files_with(&bench.site, ".svg"));
    assert!(xml.iter().any(|f| f.ends_with("feed.xml")), "{xml:?}");
    for rel in &xml {
        let text = std::fs::read_to_string(bench.site.join(rel)).expect("read");
        if let Err(e) = roxmltree::Document::parse_with_options(
            &text,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        ) {
            panic!("{rel} is not well-formed XML: {e}");
        }
    }
    let feed = std::fs::read_to_string(bench.site.join("feed.xml")).expect("feed");
    assert!(feed.contains('\u{1F600}'), "the odd title reached the feed");
}

/// Numbers out of the range of `f64` and the symbolic infinities are
/// refused as not finite, with a hint that fits. Before, `1e309` (which
/// serde_yaml hands over as text) got "write 1, not \"1e309\"".
#[test]
fn numbers_out_of_range_are_named_so() {
    let cases = [
        ("1e309", "out of range"),
        ("-1e309", "out of range"),
        ("\"1e309\"", "out of range"),
        (".inf", "not a finite number"),
        ("-.inf", "not a finite number"),
        (".nan", "not a finite number"),
        ("\"inf\"", "not a finite number"),
    ];
    for (written, says) in cases {
        let bench = Bench::new(None);
        let session = bench
            .content
            .join("sessions/2022-08-08-phien-hop-thu-3/session.yaml");
        let text = std::fs::read_to_string(&session).expect("session");
        std::fs::write(
            &session,
            text.replacen("actual: 11.27", &format!("actual: {written}"), 1),
        )
        .expect("write");
        let r = bench.check(&["--format", "json"]);
        assert_eq!(r.code, Some(1), "{written}: {}", r.output());
        let diags = r.diagnostics();
        let d = diags
            .iter()
            .find(|d| d["line"] == 16)
            .unwrap_or_else(|| panic!("{written}: nothing at line 16 in {}", r.stdout));
        assert_eq!(d["code"], "bad-number", "{written}: {d}");
        assert!(
            d["message"].as_str().unwrap_or_default().contains(says),
            "{written}: {d}"
        );
        assert!(!r.stdout.contains("write 1"), "{written}: {}", r.stdout);
        assert!(d["hint"].is_string(), "{written}: {d}");
    }
}

/// An actual of `-0.0` is zero: `0` in the data files and `0%` on the
/// page, never `-0`. Before, results.csv said `-0` and results.json `-0.0`.
#[test]
fn negative_zero_is_written_zero() {
    let bench = Bench::new(None);
    let session = bench
        .content
        .join("sessions/2022-08-08-phien-hop-thu-3/session.yaml");
    let text = std::fs::read_to_string(&session).expect("session");
    std::fs::write(
        &session,
        text.replacen("actual: 100\n", "actual: -0.0\n", 1),
    )
    .expect("write");
    build_ok(&bench.content, &bench.site, &[]);
    let (_, rows) = read_results_csv(&bench.site);
    let row = rows
        .iter()
        .find(|r| r["indicator"] == "online-teaching-platform-schools")
        .expect("the row");
    assert_eq!(row["actual"], "0");
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(bench.site.join("data/results.json")).expect("results.json"),
    )
    .expect("JSON");
    let rec = json
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|r| r["indicator"] == "online-teaching-platform-schools")
        })
        .expect("the record");
    assert_eq!(
        serde_json::to_string(&rec["actual"]).unwrap_or_default(),
        "0.0"
    );
    for (rel, bytes) in snapshot(&bench.site) {
        if rel.ends_with(".png") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for bad in [
            "-0%",
            "−0%",
            "\"actual\":-0",
            "\"actual\": -0",
            ",-0,",
            "−0 ",
        ] {
            assert!(!text.contains(bad), "{rel} holds `{bad}`");
        }
    }
    let page = html(
        &bench.site,
        "indicators/online-teaching-platform-schools/index.html",
    );
    let words = text_of(page.root_element());
    assert!(words.contains(" 0%"), "{words}");
}
