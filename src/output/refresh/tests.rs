use super::*;
use std::time::{Duration, SystemTime};

fn mtime(p: &Path) -> SystemTime {
    fs::metadata(p).unwrap().modified().unwrap()
}

/// Sets a file's modification time into the past, so that a rewrite
/// would show even on file systems with coarse timestamps.
fn age(p: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(p)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

#[test]
fn only_changed_files_are_touched_and_stale_ones_go() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    for previous in [false, true] {
        let _ = fs::remove_dir_all(&out);
        let r = Refresh::new(&out, None).unwrap();
        r.write("a/index.html", b"one").unwrap();
        r.write("b/index.html", b"two").unwrap();
        r.write("style.css", b"css").unwrap();
        let (first, first_m) = r.finish().unwrap();
        assert_eq!((first.written, first.unchanged, first.removed), (3, 0, 0));
        for f in ["a/index.html", "b/index.html", "style.css"] {
            age(&out.join(f));
        }
        let before = mtime(&out.join("b/index.html"));
        fs::write(out.join(".hidden.minhbach-tmp"), "left by a killed rebuild").unwrap();

        let r = Refresh::new(&out, previous.then(|| first_m.clone())).unwrap();
        r.write("a/index.html", b"ONE").unwrap();
        r.write("b/index.html", b"two").unwrap();
        r.write("c/chart.svg", b"<svg/>").unwrap();
        let (second, second_m) = r.finish().unwrap();
        assert_eq!(
            (second.written, second.unchanged, second.removed),
            (2, 1, if previous { 1 } else { 2 }),
            "with manifest: {previous}"
        );
        assert!(second.changed());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"ONE");
        assert_eq!(
            mtime(&out.join("b/index.html")),
            before,
            "an unchanged file keeps its time"
        );
        assert!(!out.join("style.css").exists());
        // A file no build made is found by looking, without a
        // manifest; with one, the manifest is trusted.
        assert_eq!(out.join(".hidden.minhbach-tmp").exists(), previous);
        assert_eq!(second_m.len(), 3);
        assert!(second_m.contains("c/chart.svg") && !second_m.contains("style.css"));
    }
}

#[test]
fn a_file_changed_behind_its_back_is_rewritten() {
    let d = tempfile::tempdir().unwrap();
    let r = Refresh::new(d.path(), None).unwrap();
    r.write("x.html", b"same").unwrap();
    let m = r.finish().unwrap().1;
    fs::write(d.path().join("x.html"), b"edited by hand").unwrap();
    let r = Refresh::new(d.path(), Some(m)).unwrap();
    r.write("x.html", b"same").unwrap();
    assert_eq!(r.finish().unwrap().0.written, 1);
    assert_eq!(fs::read(d.path().join("x.html")).unwrap(), b"same");
}

#[test]
fn slow_outputs_are_kept_while_their_inputs_stay() {
    let d = tempfile::tempdir().unwrap();
    let r = Refresh::new(d.path(), None).unwrap();
    assert!(!r.keep("a.png", 1), "nothing to keep in a first build");
    Sink::write_keyed(&r, "a.png", 1, b"png one").unwrap();
    Sink::write_keyed(&r, "b.png", 2, b"png two").unwrap();
    let m = r.finish().unwrap().1;

    let r = Refresh::new(d.path(), Some(m)).unwrap();
    assert!(r.keep("a.png", 1));
    assert!(!r.keep("b.png", 3), "other inputs: made again");
    Sink::write_keyed(&r, "b.png", 3, b"png three").unwrap();
    let (done, done_m) = r.finish().unwrap();
    assert_eq!((done.written, done.unchanged, done.removed), (1, 1, 0));
    assert_eq!(fs::read(d.path().join("a.png")).unwrap(), b"png one");

    // A kept file stays kept. The folder is not looked at: one removed
    // by hand is kept too, until what it is made from changes.
    let r = Refresh::new(d.path(), Some(done_m.clone())).unwrap();
    assert!(r.keep("a.png", 1));
    fs::remove_file(d.path().join("b.png")).unwrap();
    assert!(r.keep("b.png", 3));
    assert!(!r.keep("b.png", 4));
}

#[test]
fn files_kept_whole_are_not_made_again() {
    let d = tempfile::tempdir().unwrap();
    let part: FileList = vec!["a/index.html".to_owned(), "a/chart.svg".to_owned()].into();
    let r = Refresh::new(d.path(), None).unwrap();
    assert!(!r.keep_all(&part), "nothing to keep yet");
    r.write("a/index.html", b"page").unwrap();
    r.write("a/chart.svg", b"<svg/>").unwrap();
    let m = r.finish().unwrap().1;

    // Kept: both files stay, nothing removed.
    let r = Refresh::new(d.path(), Some(m.clone())).unwrap();
    assert!(r.keep_all(&part));
    let (done, done_m) = r.finish().unwrap();
    assert_eq!((done.written, done.unchanged, done.removed), (0, 2, 0));
    assert_eq!(done.reused, 1);
    assert!(done_m.contains("a/chart.svg"));

    // A file the last refresh did not leave: none is kept.
    let r = Refresh::new(d.path(), Some(done_m.clone())).unwrap();
    let other: FileList = vec![part[0].clone(), "a/other.svg".to_owned()].into();
    assert!(!r.keep_all(&other));
    let (done, _) = r.finish().unwrap();
    assert_eq!((done.unchanged, done.removed), (0, 2));
}

#[test]
fn files_the_last_refresh_made_and_this_one_does_not_are_removed() {
    let d = tempfile::tempdir().unwrap();
    let r = Refresh::new(d.path(), None).unwrap();
    r.write("a/b/index.html", b"page").unwrap();
    r.write("a/chart.svg", b"<svg/>").unwrap();
    r.write("index.html", b"home").unwrap();
    let m = r.finish().unwrap().1;
    let r = Refresh::new(d.path(), Some(m)).unwrap();
    r.write("index.html", b"home").unwrap();
    let (done, _) = r.finish().unwrap();
    assert_eq!((done.written, done.unchanged, done.removed), (0, 1, 2));
    assert!(!d.path().join("a").exists(), "emptied folders go too");
    assert!(d.path().join("index.html").exists());
}

#[test]
fn a_folder_swapped_in_at_the_same_path_is_checked_whole() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    let r = Refresh::new(&out, None).unwrap();
    r.write("a/index.html", b"page").unwrap();
    let m = r.finish().unwrap().1;
    // Another build replaces the folder, as `minhbach build` does.
    fs::rename(&out, d.path().join("old")).unwrap();
    fs::create_dir_all(out.join("a")).unwrap();
    fs::write(out.join("a/index.html"), b"another page").unwrap();
    fs::write(out.join("stray.html"), b"x").unwrap();
    let r = Refresh::new(&out, Some(m)).unwrap();
    assert!(
        !r.keep_all(&vec!["a/index.html".to_owned()].into()),
        "not the same folder"
    );
    r.write("a/index.html", b"page").unwrap();
    let (done, _) = r.finish().unwrap();
    assert_eq!((done.written, done.removed), (1, 1));
    assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"page");
}

#[cfg(unix)]
#[test]
fn links_in_the_folder_are_replaced_never_written_through() {
    use std::os::unix::fs::symlink;
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("site");
    let outside = d.path().join("outside");
    fs::create_dir_all(outside.join("sub")).unwrap();
    fs::write(outside.join("page.html"), b"theirs").unwrap();
    fs::write(outside.join("sub/index.html"), b"theirs").unwrap();
    for previous in [false, true] {
        let _ = fs::remove_dir_all(&out);
        let r = Refresh::new(&out, None).unwrap();
        r.write("en/index.html", b"one").unwrap();
        r.write("en/sub/index.html", b"one").unwrap();
        r.write("page.html", b"one").unwrap();
        r.write("gone/x.html", b"one").unwrap();
        let m = r.finish().unwrap().1;
        // Links put in the folder: a folder, a file, the temporary
        // name beside a file, and a folder holding a file to remove.
        fs::remove_dir_all(out.join("en")).unwrap();
        symlink(&outside, out.join("en")).unwrap();
        fs::remove_file(out.join("page.html")).unwrap();
        symlink(outside.join("page.html"), out.join("page.html")).unwrap();
        symlink(
            outside.join("page.html"),
            out.join(".index.html.minhbach-tmp"),
        )
        .unwrap();
        fs::remove_dir_all(out.join("gone")).unwrap();
        fs::create_dir_all(outside.join("gone")).unwrap();
        fs::write(outside.join("gone/x.html"), b"theirs").unwrap();
        symlink(outside.join("gone"), out.join("gone")).unwrap();

        let r = Refresh::new(&out, previous.then(|| m.clone())).unwrap();
        r.write("en/sub/index.html", b"two").unwrap();
        r.write("page.html", b"two").unwrap();
        r.write("index.html", b"two").unwrap();
        let (done, m) = r.finish().unwrap();
        assert!(done.unlinked >= 2, "{done:?}");
        for f in ["page.html", "sub/index.html", "gone/x.html"] {
            assert_eq!(fs::read(outside.join(f)).unwrap(), b"theirs", "{f}");
        }
        for (f, bytes) in [("en/sub/index.html", b"two"), ("page.html", b"two")] {
            assert!(!fs::symlink_metadata(out.join(f))
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(fs::read(out.join(f)).unwrap(), bytes, "{f}");
        }
        assert!(fs::symlink_metadata(out.join("en")).unwrap().is_dir());
        // What the manifest said was behind the link is checked next.
        let r = Refresh::new(&out, Some(m)).unwrap();
        assert!(!r.keep_all(&vec!["en/index.html".to_owned()].into()));
    }
}

#[test]
fn refuses_paths_outside() {
    let d = tempfile::tempdir().unwrap();
    let r = Refresh::new(d.path(), None).unwrap();
    assert!(r.write("../x", b"no").is_err());
}

#[test]
fn a_list_kept_again_is_known_without_its_files_and_stale_ones_still_go() {
    let d = tempfile::tempdir().unwrap();
    let list = |files: &[&str]| -> FileList { files.iter().map(|f| f.to_string()).collect() };
    let a = list(&["a/index.html", "a/chart.svg"]);
    let b = list(&["b/index.html", "b/old.svg"]);
    let r = Refresh::new(d.path(), None).unwrap();
    for f in a
        .iter()
        .chain(b.iter())
        .chain(["style.css".to_owned()].iter())
    {
        r.write(f, f.as_bytes()).unwrap();
    }
    let m = r.finish().unwrap().1;
    assert_eq!(m.grouped(), (0, 5), "no list kept yet");

    // Both lists checked file by file, and remembered.
    let r = Refresh::new(d.path(), Some(m)).unwrap();
    assert!(r.keep_all(&a) && r.keep_all(&b));
    r.write("style.css", b"style.css").unwrap();
    let (done, m) = r.finish().unwrap();
    assert_eq!((done.unchanged, done.removed, done.reused), (5, 0, 2));
    assert_eq!(m.grouped(), (2, 1));

    // `a` kept as a group; `b` made again without one of its files, which
    // goes; a list sharing a file with a group kept stays no group.
    let r = Refresh::new(d.path(), Some(m)).unwrap();
    assert!(r.keep_all(&a));
    let shared = list(&["a/index.html"]);
    assert!(r.keep_all(&shared));
    r.write("b/index.html", b"b/index.html").unwrap();
    r.write("style.css", b"style.css").unwrap();
    let (done, m) = r.finish().unwrap();
    assert_eq!((done.written, done.removed, done.reused), (0, 1, 2));
    assert!(!d.path().join("b/old.svg").exists());
    assert!(m.contains("a/chart.svg") && !m.contains("b/old.svg"));
    assert_eq!(m.grouped(), (1, 2), "`a`; b/index.html and style.css");

    // `a` not kept, the list sharing its file kept: only the other goes.
    let r = Refresh::new(d.path(), Some(m)).unwrap();
    assert!(r.keep_all(&shared));
    r.write("b/index.html", b"b/index.html").unwrap();
    r.write("style.css", b"style.css").unwrap();
    let (done, m) = r.finish().unwrap();
    assert_eq!(done.removed, 1);
    assert!(d.path().join("a/index.html").exists());
    assert!(!d.path().join("a/chart.svg").exists());
    assert_eq!(m.len(), 3);
    assert_eq!(
        m.grouped(),
        (1, 2),
        "`shared` now; b/index.html and style.css"
    );

    // Nothing kept: every file of the group goes with it.
    let r = Refresh::new(d.path(), Some(m)).unwrap();
    r.write("style.css", b"style.css").unwrap();
    let (done, m) = r.finish().unwrap();
    assert_eq!(done.removed, 2);
    assert!(!d.path().join("a").exists() && !d.path().join("b").exists());
    assert_eq!((m.len(), m.grouped()), (1, (0, 1)));
}
