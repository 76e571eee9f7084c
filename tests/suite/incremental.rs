//! Rebuilding in place after one content file changes: the result is the
//! same site a full build makes, and every file whose bytes did not change
//! keeps its modification time.

use crate::generator as corpus;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn files_of(root: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            let m = fs::metadata(e.path()).unwrap().modified().unwrap();
            (rel, (fs::read(e.path()).unwrap(), m))
        })
        .collect()
}

/// A generated content of `sessions` sessions and 12 indicators in `tmp`,
/// with the options of a preview into `tmp/site`, and nothing built yet. A
/// few sessions and indicators are enough, and keep the builds (with their
/// PNG images) quick in a debug build.
fn generated(
    tmp: &Path,
    sessions: usize,
    register: bool,
) -> (PathBuf, minhbach::Options, minhbach::Incremental) {
    let spec = corpus::Spec {
        sessions,
        indicators: 12,
        scopes: 1,
        register,
        ..corpus::Spec::preset("small").unwrap()
    };
    corpus::generate(&spec, tmp).unwrap();
    let content = tmp.join("content");
    let mut opts = minhbach::Options::new(&content);
    opts.out = tmp.join("site");
    (content, opts, minhbach::Incremental::default())
}

#[test]
fn editing_one_session_rewrites_only_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    // Inline sources, so that a figure can change without the register.
    let (content, mut opts, mut memory) = generated(tmp.path(), 3, false);
    let (built, first) = minhbach::refresh(&opts, &mut memory).unwrap();
    assert_eq!(first.written, built.files);
    assert_eq!(memory.manifest().unwrap().len(), built.files);
    // Age every file, so that a rewrite shows whatever the clock's grain.
    let past = SystemTime::now() - Duration::from_secs(3600);
    for e in walkdir::WalkDir::new(&opts.out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        fs::File::options()
            .write(true)
            .open(e.path())
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
    let before = files_of(&opts.out);

    // Change one figure of the first session.
    let sessions = content.join("sessions");
    let mut folders: Vec<_> = fs::read_dir(&sessions)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    folders.sort();
    let file = sessions.join(&folders[0]).join("session.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let at = text.find("    actual: ").expect("a result with an actual");
    let end = at + text[at..].find('\n').unwrap();
    let edited = format!("{}    actual: 4242.5{}", &text[..at], &text[end..]);
    fs::write(&file, edited).unwrap();

    let (_, second) = minhbach::refresh(&opts, &mut memory).unwrap();
    let after = files_of(&opts.out);
    assert!(second.written > 0 && second.removed == 0);
    // The other sessions, in each language, and the indicators the edited
    // result is not about were not made again.
    assert!(second.reused >= 2 * 2, "{} parts reused", second.reused);
    // Every file, and the folder's marker, which lists them.
    assert!(after.contains_key(minhbach::MARKER));
    assert_eq!(second.written + second.unchanged + 1, after.len());

    let session = folders[0].to_string_lossy().into_owned();
    let mut rewritten = Vec::new();
    for (rel, (bytes, mtime)) in &after {
        let (old_bytes, old_mtime) = &before[rel];
        if bytes == old_bytes {
            assert_eq!(mtime, old_mtime, "{rel} did not change but was rewritten");
        } else {
            assert_ne!(mtime, old_mtime, "{rel} changed but kept its time");
            rewritten.push(rel.clone());
        }
    }
    assert_eq!(rewritten.len(), second.written, "{rewritten:?}");
    assert!(
        rewritten.contains(&format!("sessions/{session}/index.html")),
        "{rewritten:?}"
    );
    assert!(rewritten.contains(&"data/results.csv".to_owned()));
    // Most of the site is untouched: other sessions' pages and charts.
    assert!(
        second.written * 4 < after.len(),
        "{} of {} files rewritten",
        second.written,
        after.len()
    );
    for rel in after.keys() {
        if rel.starts_with("sessions/")
            && !rel.starts_with(&format!("sessions/{session}/"))
            && rel.ends_with(".svg")
        {
            assert!(!rewritten.contains(rel), "{rel}");
        }
    }

    // The same bytes as a full build of the edited content.
    assert_same_as_full_build(&opts, &tmp.path().join("full"), "a figure");

    // Edits that reach into other parts of the site than the file's own:
    // each refresh, reusing the parts it can, still equals a full build.
    let indicator = fs::read_dir(content.join("indicators"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    // Each edit puts a few words at the start of a text: after the first
    // quote that follows `anchor` in the file, or at the start of the file.
    let edits: [(&str, &Path, &str); 4] = [
        // An indicator's name shows on every session page that has it.
        ("an indicator's name", &indicator, "name:"),
        // A session's title shows in its indicators' history rows.
        ("a session's title", &file, "title:"),
        // The site's title is on every page.
        ("the site's title", &content.join("site.yaml"), "title:"),
        // Notes show on one session page only.
        (
            "a session's notes",
            &sessions.join(&folders[1]).join("notes.md"),
            "",
        ),
    ];
    for (i, (what, path, anchor)) in edits.into_iter().enumerate() {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let at = if anchor.is_empty() {
            0
        } else {
            let key = text
                .find(anchor)
                .unwrap_or_else(|| panic!("{}: no `{anchor}`", path.display()));
            key + text[key..].find('"').expect("a quoted text") + 1
        };
        let edited = format!("{}Đổi tên · {}", &text[..at], &text[at..]);
        fs::write(path, edited).unwrap();
        opts.out = tmp.path().join("site");
        let (_, refreshed) = minhbach::refresh(&opts, &mut memory).unwrap();
        assert!(refreshed.written > 0, "{what}: nothing rewritten");
        // Parts the edit cannot reach are kept without being made again;
        // the site's title reaches every one.
        if what == "the site's title" {
            assert_eq!(refreshed.reused, 0, "{what}");
        } else {
            assert!(refreshed.reused > 0, "{what}: every part made again");
        }
        assert_same_as_full_build(&opts, &tmp.path().join(format!("full-{i}")), what);
    }
}

#[test]
fn register_pages_are_kept_unless_what_they_list_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, opts, mut memory) = generated(tmp.path(), 3, true);
    minhbach::refresh(&opts, &mut memory).unwrap();
    let sources = fs::read_dir(opts.out.join("sources"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .count();
    assert!(sources > 1, "{sources} source pages");

    // One session's title shows on the pages of the sources its results
    // cite, and on no other source's page.
    let mut sessions: Vec<_> = fs::read_dir(content.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path().join("session.yaml"))
        .collect();
    sessions.sort();
    let file = &sessions[0];
    let text = fs::read_to_string(file).unwrap();
    let at = text.find("title:").unwrap();
    let at = at + text[at..].find('"').unwrap() + 1;
    fs::write(file, format!("{}Đổi tên · {}", &text[..at], &text[at..])).unwrap();
    let (_, refreshed) = minhbach::refresh(&opts, &mut memory).unwrap();
    assert!(refreshed.written > 0);
    // Kept: the other two sessions and the twelve indicators in each
    // language could make 28 at most; the rest are source pages.
    assert!(
        refreshed.reused > 2 * (2 + 12),
        "{} parts kept: no source page was kept",
        refreshed.reused
    );
    assert_same_as_full_build(&opts, &tmp.path().join("full"), "a session's title");

    // A record of the register shows on its own page and in every result
    // that cites it.
    let record = fs::read_dir(tmp.path().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = fs::read_to_string(&record).unwrap();
    fs::write(
        &record,
        text.replacen("title: \"", "title: \"Đổi tên · ", 1),
    )
    .unwrap();
    minhbach::refresh(&opts, &mut memory).unwrap();
    assert_same_as_full_build(&opts, &tmp.path().join("full-record"), "a record's title");

    // A session that stops parsing fails the refresh and leaves the folder
    // as it was; fixed, the next refresh picks up from where it was.
    let good = fs::read_to_string(&sessions[1]).unwrap();
    fs::write(&sessions[1], format!("{good}\n  - [unclosed")).unwrap();
    let before = files_of(&opts.out);
    assert!(matches!(
        minhbach::refresh(&opts, &mut memory),
        Err(minhbach::Failure::Content(_))
    ));
    assert!(
        before == files_of(&opts.out),
        "a failed refresh changed the folder"
    );
    fs::write(&sessions[1], &good).unwrap();
    minhbach::refresh(&opts, &mut memory).unwrap();
    assert_same_as_full_build(&opts, &tmp.path().join("full-fixed"), "a fixed session");

    // A session removed takes its pages with it, and their folders.
    fs::remove_dir_all(sessions[2].parent().unwrap()).unwrap();
    let (_, refreshed) = minhbach::refresh(&opts, &mut memory).unwrap();
    assert!(refreshed.removed > 0);
    assert_same_as_full_build(&opts, &tmp.path().join("full-removed"), "a removed session");
}

/// The folder `opts.out` holds the same files, byte for byte, as a full
/// build of the same content into `full`.
fn assert_same_as_full_build(opts: &minhbach::Options, full: &Path, what: &str) {
    let mut full_opts = opts.clone();
    full_opts.out = full.to_owned();
    minhbach::build(&full_opts).unwrap();
    let read = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        files_of(root)
            .into_iter()
            .map(|(k, (b, _))| (k, b))
            .collect()
    };
    let (full_files, refreshed) = (read(full), read(&opts.out));
    assert_eq!(
        full_files.keys().collect::<Vec<_>>(),
        refreshed.keys().collect::<Vec<_>>(),
        "after {what}: not the same files"
    );
    let differ: Vec<&String> = full_files
        .iter()
        .filter(|(k, v)| refreshed.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        differ.is_empty(),
        "after {what}, a refresh and a full build differ: {differ:?}"
    );
}

/// A result's status may be measured from an earlier session's figure:
/// editing that figure changes the later session's pages, and a refresh
/// remakes them as a full build would.
#[test]
fn an_earlier_figure_reaches_the_status_of_later_sessions() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    crate::common::copy_tree(
        &crate::common::fixture("worsening").join("content"),
        &content,
    );
    let mut opts = minhbach::Options::new(&content);
    opts.out = tmp.path().join("site");
    let mut memory = minhbach::Incremental::default();
    minhbach::refresh(&opts, &mut memory).unwrap();
    let later = opts
        .out
        .join("sessions/2024-07-15-second-review/index.html");
    let before = fs::read_to_string(&later).unwrap();
    assert!(before.contains("from the earlier figure of 20%"));

    // The 2022 share of renewables was 15%, not 20%: by 2024 (18%) it grew.
    let first = content.join("sessions/2022-07-10-first-review/session.yaml");
    let text = fs::read_to_string(&first).unwrap();
    let edited = text.replacen(
        "  - indicator: renewable-share\n    actual: 20\n",
        "  - indicator: renewable-share\n    actual: 15\n",
        1,
    );
    assert_ne!(text, edited);
    fs::write(&first, edited).unwrap();
    let (_, refreshed) = minhbach::refresh(&opts, &mut memory).unwrap();
    assert!(refreshed.reused > 0, "every part made again");
    let after = fs::read_to_string(&later).unwrap();
    assert!(
        after.contains("from the earlier figure of 15%"),
        "the later page was kept"
    );
    assert_same_as_full_build(&opts, &tmp.path().join("full"), "an earlier figure");
}

/// Silence is counted to the newest session: a new session that does not
/// report a target makes its indicator page count more days, and a
/// preview's rebuild says so as a full build does.
#[test]
fn a_new_session_lengthens_the_silence_in_a_rebuild_as_in_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    crate::common::copy_tree(&crate::common::fixture("overdue").join("content"), &content);
    let mut opts = minhbach::Options::new(&content);
    opts.out = tmp.path().join("site");
    let mut memory = minhbach::Incremental::default();
    minhbach::refresh(&opts, &mut memory).unwrap();
    let page = opts.out.join("en/indicators/fibre-households/index.html");
    assert!(fs::read_to_string(&page).unwrap().contains("721 days"));

    let later = content.join("sessions/2024-12-30-fourth");
    fs::create_dir_all(&later).unwrap();
    fs::write(
        later.join("session.yaml"),
        "title: {vi: \"Phiên họp cuối năm 2024\", en: \"Review of December 2024\"}\n\
         date: 2024-12-30\n\
         results:\n  - indicator: villages\n    actual: 900\n    as_of: 2024-12-15\n",
    )
    .unwrap();
    minhbach::refresh(&opts, &mut memory).unwrap();
    // 721 days to 20 Jun 2024, and 193 more to 30 Dec 2024.
    let text = fs::read_to_string(&page).unwrap();
    assert!(text.contains("914 days"), "the indicator page was kept");
    assert_same_as_full_build(&opts, &tmp.path().join("full"), "a new session");
}

/// Changing a word in a site's translation file redraws what shows it, the
/// charts too: the rebuild gives the site a full build gives.
#[test]
fn a_changed_translation_file_rebuilds_like_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let content = crate::common::fixture("bilingual-fr").join("content");
    let templates = tmp.path().join("templates");
    fs::create_dir_all(templates.join("i18n")).unwrap();
    let words = templates.join("i18n/fr.yaml");
    fs::write(&words, "chart:\n  target: \"objectif\"\n").unwrap();
    let mut opts = minhbach::Options::new(&content);
    opts.seeds = Some(crate::common::fixture("bilingual-fr").join("seeds"));
    opts.templates = Some(templates.clone());
    opts.out = tmp.path().join("site");
    let mut memory = minhbach::Incremental::default();
    minhbach::refresh(&opts, &mut memory).unwrap();
    let chart = opts
        .out
        .join("fr/sessions/2024-06-20-second-review/chart.svg");
    assert!(fs::read_to_string(&chart).unwrap().contains("objectif"));

    fs::write(
        &words,
        "chart:\n  target: \"but\"\nstatus:\n  behind: \"Hors trajectoire\"\n",
    )
    .unwrap();
    let (_, second) = minhbach::refresh(&opts, &mut memory).unwrap();
    assert!(second.written > 0);
    let svg = fs::read_to_string(&chart).unwrap();
    assert!(svg.contains("but") && !svg.contains("objectif"), "{svg}");

    let mut full = opts.clone();
    full.out = tmp.path().join("full");
    minhbach::build(&full).unwrap();
    let (rebuilt, built) = (files_of(&opts.out), files_of(&full.out));
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    for (path, (bytes, _)) in &built {
        assert!(
            rebuilt[path].0 == *bytes,
            "{path} differs from a full build"
        );
    }
}

/// A rebuild looks only at what it makes again: from the second edit on,
/// the parts it keeps are known to the folder's manifest as groups, kept
/// with one look-up each, and the files it may have to remove are only
/// those of the parts made again and the site's own few; the folder is
/// still the one a full build makes.
#[test]
fn kept_parts_are_kept_as_groups_and_the_site_stays_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, opts, mut memory) = generated(tmp.path(), 5, true);
    minhbach::refresh(&opts, &mut memory).unwrap();
    let (groups, loose) = memory.manifest().unwrap().grouped();
    assert_eq!(groups, 0, "nothing kept yet");
    let files = memory.manifest().unwrap().len();
    assert_eq!(loose, files);

    let mut notes: Vec<_> = fs::read_dir(content.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path().join("notes.md"))
        .collect();
    notes.sort();
    // The first session, another, the first again (its group goes).
    for (i, note) in [&notes[0], &notes[1], &notes[0]].into_iter().enumerate() {
        let text = fs::read_to_string(note).unwrap_or_default();
        fs::write(note, format!("Sửa {i}.\n\n{text}")).unwrap();
        let (_, refreshed) = minhbach::refresh(&opts, &mut memory).unwrap();
        assert!(refreshed.written > 0 && refreshed.reused > 0, "edit {i}");
        let manifest = memory.manifest().unwrap();
        let (groups, loose) = manifest.grouped();
        // Every part kept is a group from now on; the edited session's
        // pages, made again, are in none until they are kept.
        assert!(groups >= refreshed.reused, "edit {i}: {groups} groups");
        assert!(
            loose > 0 && loose * 3 < manifest.len(),
            "edit {i}: {loose} of {} files in no group",
            manifest.len()
        );
        assert_same_as_full_build(&opts, &tmp.path().join(format!("full-{i}")), "notes");
    }
}
