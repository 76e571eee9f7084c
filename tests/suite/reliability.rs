//! A failed build loses nothing, and no input crashes or hangs the build:
//! builds killed at random moments leave the previous site whole; text in
//! any Unicode form, with a BOM or Windows line ends, builds the same site;
//! oversized, deeply nested, alias-bombed and over-long content is refused
//! with a clear error in bounded time; symbolic links and ids cannot reach
//! outside their folders.

use crate::common;

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;

/// A hash of every file path and its bytes under `root` (deterministic:
/// SipHash with fixed keys over sorted paths).
fn tree_hash(root: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    for (path, bytes) in common::snapshot(root) {
        path.hash(&mut h);
        bytes.hash(&mut h);
    }
    h.finish()
}

/// Folders beside `out` left by builds (`.site.minhbach-<pid>-…`).
fn leftovers(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let prefix = format!(".{name}.minhbach-");
    common::names_in(out.parent().unwrap())
        .into_iter()
        .filter(|n| n.starts_with(&prefix))
        .collect()
}

/// Writes a content folder with `sessions` sessions of five results each;
/// `variant` changes the site title, so two variants build different sites.
fn big_content(dir: &Path, sessions: usize, variant: &str) -> PathBuf {
    let content = dir.join("content");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("indicators")).unwrap();
    fs::write(
        content.join("site.yaml"),
        format!(
            "title: {{vi: \"Theo dõi {variant}\", en: \"Tracking {variant}\"}}\n\
             base_url: \"https://example.org/\"\nlanguages: [vi, en]\n"
        ),
    )
    .unwrap();
    for i in 0..10 {
        let (unit, direction) = if i % 2 == 0 {
            ("percent", "up")
        } else {
            ("days", "down")
        };
        fs::write(
            content.join(format!("indicators/chi-tieu-{i}.yaml")),
            format!(
                "name: {{vi: \"Chỉ tiêu số {i} về chuyển đổi số\", en: \"Indicator {i}\"}}\n\
                 unit: {unit}\ndirection: {direction}\n"
            ),
        )
        .unwrap();
    }
    for s in 0..sessions {
        let date = chrono_like_date(s);
        let folder = content.join(format!("sessions/{date}-phien-{s}"));
        fs::create_dir_all(&folder).unwrap();
        let mut yaml = format!(
            "title: {{vi: \"Phiên họp thứ {s}\", en: \"Session {s}\"}}\ndate: {date}\nresults:\n"
        );
        for i in (0..10).filter(|i| (i + s) % 2 == 0) {
            let actual = (s * 7 + i * 13) % 100;
            let _ = write!(
                yaml,
                "  - indicator: chi-tieu-{i}\n    actual: {actual}\n    target: 50\n"
            );
        }
        fs::write(folder.join("session.yaml"), yaml).unwrap();
        fs::write(
            folder.join("notes.md"),
            format!("## Nội dung\n\nPhiên họp thứ {s} xem xét **mười** chỉ tiêu.\n"),
        )
        .unwrap();
    }
    content
}

/// Distinct, valid dates: one a day from 2020-01-01 (28-day months keep
/// it simple).
fn chrono_like_date(n: usize) -> String {
    let year = 2020 + n / (12 * 28);
    let month = (n / 28) % 12 + 1;
    let day = n % 28 + 1;
    format!("{year:04}-{month:02}-{day:02}")
}

/// A small pseudo-random generator (xorshift), seeded from the clock and
/// printed, so that a failing run can be repeated with `MINHBACH_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("MINHBACH_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
                    | 1
            });
        eprintln!("kill points seeded with MINHBACH_KILL_SEED={seed}");
        Rng(seed)
    }
    /// Uniform in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn build_command(content: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_minhbach"));
    c.args(["build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .current_dir(out.parent().unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Builds killed (SIGKILL) at random moments, spread over the whole length
/// of a build, never damage the site in place: after each kill the output
/// is exactly the previous site or exactly the new one, and the next
/// successful build removes what the killed ones left.
#[test]
fn killed_builds_leave_the_previous_site_whole() {
    const KILLS: usize = 10;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    // Each result becomes charts, images and pages in two languages: 24
    // sessions make a build of about a thousand files.
    let a = big_content(&tmp.path().join("a"), 24, "A");
    let b = big_content(&tmp.path().join("b"), 24, "B");

    // The two sites, and how long one build takes.
    let started = Instant::now();
    assert!(build_command(&a, &out).status().unwrap().success());
    let duration = started.elapsed();
    let hash_a = tree_hash(&out);
    assert!(build_command(&b, &out).status().unwrap().success());
    let hash_b = tree_hash(&out);
    assert_ne!(hash_a, hash_b);
    assert!(
        common::snapshot(&out).len() > 500,
        "the build is too small to kill in the middle"
    );

    let mut rng = Rng::new();
    let mut report = String::new();
    let mut current = hash_b;
    let (mut kept, mut replaced, mut left_behind) = (0, 0, 0);
    for i in 0..KILLS {
        // One kill in each tenth of the build (and a little past its end),
        // at a random moment within it.
        let fraction = (i as f64 + rng.next()) / KILLS as f64 * 1.1;
        let delay = duration.mul_f64(fraction);
        let (content, next) = if current == hash_a {
            (&b, hash_b)
        } else {
            (&a, hash_a)
        };
        let mut child = build_command(content, &out).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no destructor or handler runs.
        let status = child.wait().unwrap();
        let after = tree_hash(&out);
        let outcome = if after == current {
            kept += 1;
            "previous site kept"
        } else if after == next {
            replaced += 1;
            "new site complete"
        } else {
            panic!(
                "kill {i} after {delay:?} ({status}) left a site that is neither the previous nor the new one"
            );
        };
        let stray = leftovers(&out).len();
        left_behind += stray;
        let _ = writeln!(
            report,
            "kill {i}: after {:>5} ms ({:.0}% of a build), {status}: {outcome}, {stray} temporary folders",
            delay.as_millis(),
            fraction * 100.0
        );
        current = after;
    }
    eprintln!("one build: {} ms\n{report}", duration.as_millis());
    assert_eq!(kept + replaced, KILLS);
    assert!(kept > 0, "no kill landed before the swap:\n{report}");
    assert!(
        left_behind > 0,
        "no kill landed while a build was writing:\n{report}"
    );

    // The next successful build cleans up after the killed ones.
    let content = if current == hash_a { &b } else { &a };
    assert!(build_command(content, &out).status().unwrap().success());
    let left: Vec<String> = leftovers(&out)
        .into_iter()
        .map(|name| {
            let dir = out.with_file_name(&name);
            let entries = common::names_in(&dir);
            let marked = entries.iter().any(|e| e == minhbach::MARKER);
            format!("{name} ({} entries, marked: {marked})", entries.len())
        })
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}\n{report}");
    assert_eq!(common::names_in(tmp.path()), vec!["a", "b", "site"]);
}

/// Runs the binary with a time limit: a hang is a failure, not a stuck CI.
fn run_bounded(args: &[&std::ffi::OsStr], limit: Duration) -> common::Run {
    run_bounded_in(&common::repo(), args, limit)
}

/// [`run_bounded`] from the folder `cwd`.
fn run_bounded_in(cwd: &Path, args: &[&std::ffi::OsStr], limit: Duration) -> common::Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(common::english(args))
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("minhbach {args:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    common::Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `minhbach check --format json --content <content>` (plus `extra`), in
/// at most a minute (a hang, not a slow machine); returns the diagnostics.
fn check(content: &Path, extra: &[&str]) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--content".as_ref(),
        content.as_os_str(),
    ];
    args.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
    let r = run_bounded(&args, Duration::from_secs(60));
    assert_ne!(r.code, Some(101), "minhbach panicked:\n{}", r.output());
    assert!(
        r.code.is_some(),
        "minhbach was killed by a signal:\n{}",
        r.output()
    );
    let output = r.output();
    (r.code, r.diagnostics(), output)
}

/// The diagnostics with `code`.
fn with_code<'a>(diags: &'a [serde_json::Value], code: &str) -> Vec<&'a serde_json::Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

/// A copy of the `basic` fixture to change.
fn basic(dir: &Path) -> PathBuf {
    common::content_with(dir, None)
}

fn first_session(content: &Path) -> PathBuf {
    let sessions = content.join("sessions");
    sessions
        .join(&common::names_in(&sessions)[0])
        .join("session.yaml")
}

#[test]
fn files_over_the_size_limit_are_refused_without_being_read() {
    let tmp = tempfile::tempdir().unwrap();
    let content = basic(tmp.path());
    // The default limit is 10 MB.
    let notes = first_session(&content).with_file_name("notes.md");
    let big = "Đoạn văn dài. ".repeat(11 * 1024 * 1024 / 14 + 1);
    fs::write(&notes, big).unwrap();
    let (code, diags, out) = check(&content, &[]);
    assert_eq!(code, Some(1), "{out}");
    let d = with_code(&diags, "file-too-large");
    assert_eq!(d.len(), 1, "{out}");
    assert!(
        d[0]["file"].as_str().unwrap().ends_with("notes.md"),
        "{out}"
    );
    assert!(
        d[0]["message"].as_str().unwrap().contains("10485760"),
        "{out}"
    );
    // And the limit is configurable.
    let (code, diags, out) = check(&content, &["--max-file-size", "500"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(with_code(&diags, "file-too-large").len() > 2, "{out}");
}

#[test]
fn deep_nesting_is_refused_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    let content = basic(tmp.path());
    let session = first_session(&content);
    // 100 levels: over the limit of 64.
    let text = fs::read_to_string(&session).unwrap();
    let deep = format!("{text}\nextra: {}1{}\n", "[".repeat(100), "]".repeat(100));
    fs::write(&session, &deep).unwrap();
    let (code, diags, out) = check(&content, &[]);
    assert_eq!(code, Some(1), "{out}");
    let d = with_code(&diags, "yaml-limit");
    assert_eq!(d.len(), 1, "{out}");
    assert!(
        d[0]["message"].as_str().unwrap().contains("deeper than 64"),
        "{out}"
    );
    assert_eq!(d[0]["line"], text.lines().count() + 2, "{out}");
    // Two million levels in a 4 MB file: refused as quickly, no stack overflow.
    let deeper = format!("a: {}1{}\n", "[".repeat(2_000_000), "]".repeat(2_000_000));
    fs::write(&session, deeper).unwrap();
    let (code, diags, out) = check(&content, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(with_code(&diags, "yaml-limit").len(), 1, "{out}");
}

/// The "billion laughs": ten levels of nine aliases each, 9^10 (3.5
/// billion) values once expanded, in a file of a few hundred bytes.
#[test]
fn alias_bombs_are_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let content = basic(tmp.path());
    let mut bomb = String::from("lol0: &lol0 \"lol\"\n");
    for level in 1..=10 {
        let refs = vec![format!("*lol{}", level - 1); 9].join(", ");
        let _ = writeln!(bomb, "lol{level}: &lol{level} [{refs}]");
    }
    for file in [
        content.join("site.yaml"),
        first_session(&content),
        content
            .join("indicators")
            .join(&common::names_in(&content.join("indicators"))[0]),
    ] {
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, format!("{text}\n{bomb}")).unwrap();
    }
    let (code, diags, out) = check(&content, &[]);
    assert_eq!(code, Some(1), "{out}");
    let d = with_code(&diags, "yaml-limit");
    assert_eq!(d.len(), 3, "{out}");
    assert!(
        d.iter()
            .all(|d| d["message"].as_str().unwrap().contains("aliases")),
        "{out}"
    );
}

#[test]
fn more_results_than_the_limit_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let content = basic(tmp.path());
    let (code, _, out) = check(&content, &[]);
    assert_eq!(code, Some(0), "{out}");
    let (code, diags, out) = check(&content, &["--max-results", "3"]);
    assert_eq!(code, Some(1), "{out}");
    let d = with_code(&diags, "too-many-results");
    assert_eq!(d.len(), 1, "{out}");
    assert!(
        d[0]["file"].as_str().unwrap().ends_with("session.yaml"),
        "{out}"
    );
    assert!(
        d[0]["hint"].as_str().unwrap().contains("--max-results"),
        "{out}"
    );
}

/// Every text file of a folder, rewritten by `f`.
fn rewrite_texts(dir: &Path, f: impl Fn(&str) -> Vec<u8>) {
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        let p = e.path();
        if e.file_type().is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "md") {
            let text = fs::read_to_string(p).unwrap();
            fs::write(p, f(&text)).unwrap();
        }
    }
}

/// Builds the `basic` fixture after `change`, and returns the site.
fn build_changed(
    dir: &Path,
    change: impl Fn(&str) -> Vec<u8>,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let content = basic(dir);
    rewrite_texts(&content, &change);
    rewrite_texts(&dir.join("seeds"), &change);
    let out = dir.join("site");
    common::build_ok(&content, &out, &[]);
    common::snapshot(&out)
}

/// Vietnamese typed on different keyboards arrives composed (NFC) or
/// decomposed (NFD); saved on Windows it may have a BOM and CRLF line ends.
/// Each builds exactly the same site.
#[test]
fn unicode_forms_bom_and_line_ends_build_the_same_site() {
    let tmp = tempfile::tempdir().unwrap();
    let reference = build_changed(&tmp.path().join("nfc"), |t| {
        t.nfc().collect::<String>().into_bytes()
    });
    let nfd = build_changed(&tmp.path().join("nfd"), |t| {
        t.nfd().collect::<String>().into_bytes()
    });
    let windows = build_changed(&tmp.path().join("crlf"), |t| {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend(t.replace('\n', "\r\n").into_bytes());
        b
    });
    for (name, site) in [("NFD", &nfd), ("BOM and CRLF", &windows)] {
        assert_eq!(
            site.len(),
            reference.len(),
            "{name}: a different set of files"
        );
        for (path, bytes) in &reference {
            assert!(site.get(path) == Some(bytes), "{name}: {path} differs");
        }
    }
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let tmp = tempfile::tempdir().unwrap();
    let content = basic(tmp.path());
    let indicators = content.join("indicators");
    let file = indicators.join(&common::names_in(&indicators)[0]);
    let mut bytes = fs::read(&file).unwrap();
    let offset = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.insert(offset + 6, 0xFF);
    fs::write(&file, &bytes).unwrap();
    let (code, diags, out) = check(&content, &[]);
    assert_eq!(code, Some(1), "{out}");
    let d = with_code(&diags, "invalid-utf8");
    assert_eq!(d.len(), 1, "{out}");
    let name = file.file_name().unwrap().to_str().unwrap();
    assert!(d[0]["file"].as_str().unwrap().ends_with(name), "{out}");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("byte offset {}", offset + 6)),
        "{out}"
    );
    assert_eq!(d[0]["line"], 2, "{out}");
}

/// Symbolic links inside the content folder, to files and folders outside
/// it, are reported and not followed: nothing from outside is published.
#[test]
fn symbolic_links_are_not_followed_out_of_the_content() {
    let tmp = tempfile::tempdir().unwrap();
    let content = basic(&tmp.path().join("site-src"));
    let outside = tmp.path().join("outside");
    fs::create_dir_all(outside.join("sessions/2030-01-01-secret")).unwrap();
    let indicator = "name: \"OUTSIDE-SECRET indicator\"\nunit: count\n";
    fs::write(outside.join("secret.yaml"), indicator).unwrap();
    fs::write(
        outside.join("sessions/2030-01-01-secret/session.yaml"),
        "title: \"OUTSIDE-SECRET session\"\ndate: 2030-01-01\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.join("secret.yaml"),
        content.join("indicators/secret.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.join("sessions/2030-01-01-secret"),
        content.join("sessions/2030-01-01-secret"),
    )
    .unwrap();
    let session = first_session(&content);
    std::os::unix::fs::symlink("/etc/passwd", session.with_file_name("notes.fr.md")).unwrap();
    let out = tmp.path().join("site-src/site");
    let r = common::build_ok(&content, &out, &["--format", "json"]);
    let ignored = r
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "symlink-ignored")
        .count();
    assert!(ignored >= 2, "{}", r.output());
    for (path, bytes) in common::snapshot(&out) {
        assert!(!path.contains("secret"), "{path}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("OUTSIDE-SECRET") && !text.contains("root:x:0"),
            "{path}"
        );
    }
}

/// Ids become folder names: reserved device names are refused with a
/// suggestion, as are names that are not ids at all.
#[test]
fn ids_that_cannot_be_folder_names_everywhere_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let content = basic(tmp.path());
    let sessions = content.join("sessions");
    let first = sessions.join(&common::names_in(&sessions)[0]);
    fs::rename(&first, sessions.join("con")).unwrap();
    let indicators = content.join("indicators");
    let ind = indicators.join(&common::names_in(&indicators)[0]);
    fs::copy(&ind, indicators.join("lpt1.yaml")).unwrap();
    fs::copy(&ind, indicators.join("Tỷ lệ.yaml")).unwrap();
    let (code, diags, out) = check(&content, &[]);
    assert_eq!(code, Some(1), "{out}");
    let reserved: Vec<_> = diags
        .iter()
        .filter(|d| d["message"].as_str().unwrap_or("").contains("Windows"))
        .collect();
    assert_eq!(reserved.len(), 2, "{out}");
    assert!(out.contains("con-1") && out.contains("lpt1-1"), "{out}");
    assert!(out.contains("ty-le"), "{out}");
}

/// Every file and folder under `root`, with the bytes of each file and the
/// target of each link: what "nothing was touched" is checked against.
fn everything(root: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = common::rel_path(root, e.path());
            let t = e.file_type();
            let bytes = if t.is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
                    .into_bytes()
            } else if t.is_file() {
                fs::read(e.path()).unwrap()
            } else {
                b"folder".to_vec()
            };
            (rel, bytes)
        })
        .collect()
}

/// A publisher's project beside other folders of theirs: content, register
/// and templates, hand-written files, and a documents folder next door.
fn a_project(tmp: &Path) -> PathBuf {
    let project = tmp.join("proj");
    common::copy_tree(&common::fixture("basic"), &project);
    fs::create_dir_all(project.join("templates")).unwrap();
    fs::write(project.join("templates/README.txt"), b"our overrides").unwrap();
    fs::write(project.join("index.html"), b"<p>our own home page</p>").unwrap();
    fs::create_dir_all(project.join("docs")).unwrap();
    fs::write(project.join("docs/index.html"), b"<p>handbook</p>").unwrap();
    fs::write(project.join("notes.txt"), b"minutes").unwrap();
    fs::create_dir_all(tmp.join("Documents/reports")).unwrap();
    fs::write(tmp.join("Documents/reports/2022.txt"), b"report").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("docs", project.join("published")).unwrap();
    project
}

/// `build --out` pointed at the content, the register, the templates, the
/// project, a folder of the publisher's or a file: each is refused with an
/// error naming the folder, exit 1, and not one byte changes anywhere.
/// (Before the output was claimed, each of these replaced the folder with
/// the site and exited 0.)
#[test]
fn build_never_replaces_a_folder_it_did_not_make() {
    let tmp = tempfile::tempdir().unwrap();
    let project = a_project(tmp.path());
    let before = everything(tmp.path());
    for (out, says) in [
        ("content", "that is the content folder"),
        ("content/.", "that is the content folder"),
        ("content/site", "it is inside the content folder"),
        ("seeds", "that is the source register folder"),
        ("templates", "that is the templates folder"),
        (".", "it holds the content folder"),
        ("../proj", "it holds the content folder"),
        ("..", "it holds the content folder"),
        ("docs", "that minhbach did not make (index.html)"),
        ("../Documents", "that minhbach did not make (reports)"),
        ("notes.txt", "it is a file, not a folder"),
        ("published", "it is a symbolic link, not a folder"),
    ] {
        let r = common::run_in(
            &project,
            [
                "build",
                "--content",
                "content",
                "--templates",
                "templates",
                "--out",
                out,
            ],
        );
        assert_eq!(r.code, Some(1), "--out {out}: {}", r.output());
        assert!(
            r.stderr.contains(&format!("`{out}`")) && r.stderr.contains(says),
            "--out {out}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
        assert!(
            everything(tmp.path()) == before,
            "--out {out} changed files"
        );
    }
    // An absolute path to the project is the project too.
    let r = common::run_in(
        &project,
        [
            std::ffi::OsStr::new("build"),
            std::ffi::OsStr::new("--out"),
            project.as_os_str(),
        ],
    );
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(everything(tmp.path()) == before);
}

/// A site minhbach built is replaced; one where the publisher has put a
/// file of their own is refused before and after the build, naming it, and
/// the file stays. (Before, the build removed it.)
#[test]
fn a_file_put_into_a_built_site_is_never_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let project = a_project(tmp.path());
    let site = project.join("site");
    let build = || common::run_in(&project, ["build", "--content", "content"]);
    let r = build();
    assert_eq!(r.code, Some(0), "{}", r.output());
    let marker = fs::read_to_string(site.join(minhbach::MARKER)).unwrap();
    assert!(marker.starts_with("minhbach site\n"), "{marker}");
    // The marker lists exactly the site's files, by the hashes of their paths.
    let listed: Vec<u64> = marker
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#'))
        .map(|l| u64::from_str_radix(l, 16).unwrap())
        .collect();
    let mut files: Vec<u64> = common::snapshot(&site)
        .into_keys()
        .filter(|f| f != minhbach::MARKER)
        .map(|f| minhbach::internals::output::ownership::path_hash(&f))
        .collect();
    files.sort_unstable();
    assert_eq!(listed, files);
    // Rebuilding a site it made is fine.
    assert_eq!(build().code, Some(0));
    fs::write(site.join("CNAME"), b"data.example.gov.vn").unwrap();
    fs::create_dir_all(site.join("sessions/extra")).unwrap();
    fs::write(site.join("sessions/extra/minutes.pdf"), b"%PDF").unwrap();
    let before = everything(tmp.path());
    let r = build();
    assert_eq!(r.code, Some(1), "{}", r.output());
    assert!(
        r.stderr.contains(
            "2 files or folders that minhbach did not make (CNAME, sessions/extra/minutes.pdf)"
        ),
        "{}",
        r.stderr
    );
    assert!(everything(tmp.path()) == before, "the build touched files");
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// `serve --out` is refused likewise, before it serves: a project root with
/// a hand-written `index.html` keeps its content and register. (Before, a
/// folder with an `index.html` was taken for a built site, and the first
/// refresh removed every other file in it.)
#[test]
fn serve_never_writes_into_a_folder_it_did_not_make() {
    let tmp = tempfile::tempdir().unwrap();
    let project = a_project(tmp.path());
    let before = everything(tmp.path());
    for out in [".", "docs", "content", "../Documents"] {
        let args = ["serve", "--port", "0", "--out", out].map(std::ffi::OsStr::new);
        // A server that started instead of refusing is stopped at the limit.
        let r = run_bounded_in(&project, &args, Duration::from_secs(30));
        assert_eq!(r.code, Some(1), "--out {out}: {}", r.output());
        assert!(r.stderr.contains("refusing"), "--out {out}: {}", r.stderr);
        assert!(
            everything(tmp.path()) == before,
            "serve --out {out} changed files"
        );
    }
}
