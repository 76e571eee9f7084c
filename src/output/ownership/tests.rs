use super::*;

#[test]
fn a_missing_or_empty_folder_is_claimed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert!(!claim(&out, &[]).unwrap().holds_a_site());
    fs::create_dir(&out).unwrap();
    let c = claim(&out, &[]).unwrap();
    c.verify().unwrap();
    fs::write(out.join("late.txt"), b"x").unwrap();
    assert!(matches!(c.verify(), Err(Refusal::Unlisted { .. })));
}

#[test]
fn a_folder_without_a_marker_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("index.html"), b"mine").unwrap();
    let Err(Refusal::Foreign { names, count, .. }) = claim(tmp.path(), &[]) else {
        panic!("claimed")
    };
    assert_eq!((names, count), (vec!["index.html".to_owned()], 1));
}

#[test]
fn a_site_with_a_stranger_is_refused_only_on_verify() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    fs::create_dir_all(out.join("a/b")).unwrap();
    fs::write(out.join("a/b/x.html"), b"").unwrap();
    fs::write(out.join(MARKER), marker(&mut ["a/b/x.html"])).unwrap();
    let c = claim(out, &[]).unwrap();
    assert!(c.holds_a_site());
    c.verify().unwrap();
    fs::write(out.join("a/CNAME"), b"").unwrap();
    fs::create_dir_all(out.join("mine/deep")).unwrap();
    fs::write(out.join("mine/deep/f"), b"").unwrap();
    let Err(Refusal::Unlisted { names, count, .. }) = c.verify() else {
        panic!("verified")
    };
    assert_eq!(names, ["a/CNAME", "mine/deep/f"]);
    assert_eq!(count, 2);
    fs::remove_dir_all(out.join("mine")).unwrap();
    fs::remove_file(out.join("a/CNAME")).unwrap();
    fs::create_dir(out.join("a/empty")).unwrap();
    assert!(matches!(
        c.verify(),
        Err(Refusal::Unlisted { count: 1, .. })
    ));
}

#[test]
fn inputs_are_never_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("proj");
    let content = project.join("content");
    fs::create_dir_all(&content).unwrap();
    let inputs: &Inputs = &[("content", content.clone())];
    for (out, how) in [
        (content.clone(), Overlap::Same),
        (content.join("../content/."), Overlap::Same),
        (project.clone(), Overlap::Holds),
        (tmp.path().to_owned(), Overlap::Holds),
        (content.join("site"), Overlap::Inside),
    ] {
        match claim(&out, inputs) {
            Err(Refusal::Input { how: h, .. }) => assert_eq!(h, how, "{}", out.display()),
            other => panic!("{}: {other:?}", out.display()),
        }
    }
    claim(&project.join("site"), inputs).unwrap();
}

/// The hash is part of the output format: it may never change.
#[test]
fn the_path_hash_is_fnv_1a() {
    assert_eq!(path_hash(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(path_hash("a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(path_hash("index.html"), path_hash("index.html"));
    assert_ne!(path_hash("index.html"), path_hash("en/index.html"));
}

#[test]
fn a_marker_that_is_not_ours_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join(MARKER), b"hello\n").unwrap();
    assert!(matches!(
        claim(tmp.path(), &[]),
        Err(Refusal::BadMarker { .. })
    ));
}
