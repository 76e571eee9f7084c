//! A site's own translation files (`templates/i18n/<lang>.yaml`): a
//! language minhbach has no texts for (the `translated-de` fixture, German
//! with a partial file), a change to a built-in language's words, and the
//! mistakes a translator makes, each reported where it is.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

fn german() -> PathBuf {
    fixture("translated-de")
}

/// `check --format json` of `content` with the templates folder `templates`.
fn check_with(content: &Path, templates: &Path) -> Run {
    let arg = OsStr::new;
    run([
        arg("check"),
        arg("--format"),
        arg("json"),
        arg("--content"),
        content.as_os_str(),
        arg("--templates"),
        templates.as_os_str(),
    ])
}

/// The diagnostics of `r` with `code`.
fn with_code(r: &Run, code: &str) -> Vec<serde_json::Value> {
    r.diagnostics()
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

#[test]
fn a_language_without_texts_of_its_own_takes_the_sites_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let templates = german().join("templates");
    let r = build_ok(
        &german().join("content"),
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    // The German pages: the file's words, German dates and numbers, and
    // the language's own name in the switcher.
    let doc = html(&out, "sessions/2024-03-01-erste-sitzung/index.html");
    assert_eq!(doc.root_element().value().attr("lang"), Some("de"));
    let text = text_of(doc.root_element());
    for shown in [
        "Sitzungen",
        "Auf Kurs",
        "35,8\u{A0}%",
        "31. Dezember 2025",
        "seit dem Ausgangswert von 20\u{A0}% am 31. Dezember 2021",
        "Deutsch",
    ] {
        assert!(
            text.contains(shown),
            "the German page lacks “{shown}”: {text}"
        );
    }
    // A text the file leaves out is shown in English, and said so.
    assert!(text.contains("Skip to main content"), "{text}");
    assert!(
        r.stderr.contains("warning[missing-translation]"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("`interface.skip_to_content` is not translated"),
        "{}",
        r.stderr
    );
    // The English pages are untouched by the German file.
    let english =
        text_of(html(&out, "en/sessions/2024-03-01-erste-sitzung/index.html").root_element());
    assert!(
        english.contains("On track") && !english.contains("Auf Kurs"),
        "{english}"
    );
}

#[test]
fn every_text_left_out_is_one_warning_naming_the_file() {
    let r = check_with(&german().join("content"), &german().join("templates"));
    assert_eq!(r.code, Some(0), "{}", r.output());
    let missing = with_code(&r, "missing-translation");
    let file = german().join("templates/i18n/de.yaml");
    // Every key but the ones the file gives, and the rules that have
    // defaults of their own.
    let keys: usize = serde_yaml::from_str::<serde_yaml::Mapping>(
        &fs::read_to_string(repo().join("templates/i18n/en.yaml")).unwrap(),
    )
    .unwrap()
    .values()
    .map(|g| g.as_mapping().map_or(0, |m| m.len()))
    .sum();
    let given: usize =
        serde_yaml::from_str::<serde_yaml::Mapping>(&fs::read_to_string(&file).unwrap())
            .unwrap()
            .values()
            .map(|g| g.as_mapping().map_or(0, |m| m.len()))
            .sum();
    assert_eq!(missing.len(), keys - given, "{}", r.stdout);
    for d in &missing {
        assert_eq!(d["severity"], "warning");
        assert_eq!(d["file"].as_str(), Some(file.to_str().unwrap()), "{d}");
        assert!(
            d["message"].as_str().unwrap().contains("is not translated"),
            "{d}"
        );
    }
    // Where the file has the group, the warning points at it.
    let in_status = missing
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("`reasons.growth`"))
        .expect("reasons.growth is left out");
    assert!(in_status["line"].as_u64().is_some(), "{in_status}");
}

#[test]
fn a_language_with_no_file_at_all_is_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let r = check_with(&german().join("content"), dir.path());
    let missing = with_code(&r, "missing-translation");
    assert_eq!(missing.len(), 1, "{}", r.stdout);
    let message = missing[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`de`") && message.contains("English"),
        "{message}"
    );
    assert!(
        missing[0]["hint"]
            .as_str()
            .unwrap()
            .contains("minhbach new translation de"),
        "{}",
        missing[0]
    );
}

#[test]
fn a_site_changes_a_word_of_a_built_in_language() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("i18n")).unwrap();
    fs::write(
        templates.join("i18n/en.yaml"),
        "status:\n  behind: \"Off track\"\ninterface:\n  sessions: \"Meetings\"\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    let r = build_ok(
        &fixture("units").join("content"),
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    // The fixture's two inline sources and its placeholder address are
    // its only warnings.
    assert!(r.stderr.contains("0 errors, 3 warnings"), "{}", r.stderr);
    assert!(r.stderr.contains("placeholder-base-url"), "{}", r.stderr);
    assert!(!r.stderr.contains("translation"), "{}", r.stderr);
    let text = text_of(html(&out, "sessions/2024-06-20-second-review/index.html").root_element());
    assert!(
        text.contains("Off track") && !text.contains("Behind schedule"),
        "{text}"
    );
    assert!(text.contains("Meetings"), "{text}");
    // Everything else keeps its built-in text.
    assert!(text.contains("Skip to main content"), "{text}");
}

#[test]
fn a_translators_mistakes_are_reported_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("i18n")).unwrap();
    let mut file = fs::read_to_string(german().join("templates/i18n/de.yaml")).unwrap();
    file.push_str("statuses:\n  achieved: \"x\"\n");
    let file = file
        .replace("  achieved: \"Erreicht\"", "  achived: \"Erreicht\"")
        .replace(
            "{actual} am {as_of} erreicht",
            "{aktuell} am {as_of} erreicht",
        )
        .replace("date_form: long", "date_form: lang");
    fs::write(templates.join("i18n/de.yaml"), &file).unwrap();
    let r = check_with(&german().join("content"), &templates);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let line_of = |needle: &str| file.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let unknown = with_code(&r, "unknown-translation-key");
    let key = unknown
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("`status.achived`"))
        .expect("the misspelt key");
    assert_eq!(key["line"].as_u64(), Some(line_of("achived")), "{key}");
    assert!(
        key["hint"].as_str().unwrap().contains("`status.achieved`"),
        "{key}"
    );
    let group = unknown
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("`statuses`"))
        .expect("the misspelt group");
    assert!(
        group["hint"].as_str().unwrap().contains("`status`"),
        "{group}"
    );
    let bad = with_code(&r, "bad-translation");
    let placeholder = bad
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("{aktuell}"))
        .expect("the renamed placeholder");
    assert_eq!(placeholder["severity"], "error");
    assert_eq!(
        placeholder["line"].as_u64(),
        Some(line_of("{aktuell}")),
        "{placeholder}"
    );
    assert!(
        placeholder["expected"]
            .as_str()
            .unwrap()
            .contains("{actual}"),
        "{placeholder}"
    );
    let form = bad
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("date_form"))
        .expect("the date form");
    assert!(
        form["expected"].as_str().unwrap().contains("`long`"),
        "{form}"
    );
    // A build with the same file writes nothing.
    let out = dir.path().join("site");
    let b = build(
        &german().join("content"),
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    assert_eq!(b.code, Some(1), "{}", b.output());
    assert!(!out.exists());
}

#[test]
fn new_translation_writes_a_file_to_translate_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    let r = run_in(dir.path(), ["new", "translation", "de"]);
    assert_eq!(r.code, Some(0), "{}", r.output());
    let path = templates.join("i18n/de.yaml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("  cldr: \"de\""), "{text}");
    assert!(
        text.contains("# ") && text.contains("Skip to main content"),
        "{text}"
    );
    // Nothing translated yet: every text but the rules is listed, and the
    // file itself parses and passes.
    let c = check_with(&german().join("content"), &templates);
    assert_eq!(c.code, Some(0), "{}", c.output());
    assert!(
        with_code(&c, "missing-translation").len() > 150,
        "{}",
        c.stdout
    );
    assert!(with_code(&c, "bad-translation").is_empty());
    // Translating a line takes it off the list.
    let before = with_code(&c, "missing-translation").len();
    fs::write(
        &path,
        text.replace("#   achieved: \"Achieved\"", "  achieved: \"Erreicht\""),
    )
    .unwrap();
    let after = with_code(
        &check_with(&german().join("content"), &templates),
        "missing-translation",
    );
    assert_eq!(after.len(), before - 1);
    // Never overwritten.
    let again = run_in(dir.path(), ["new", "--lang", "en", "translation", "de"]);
    assert_eq!(again.code, Some(1), "{}", again.output());
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let bad = run_in(dir.path(), ["new", "translation", "Deutsch"]);
    assert_eq!(bad.code, Some(1), "{}", bad.output());
}

#[test]
fn a_complete_translation_of_another_language_builds_without_warnings() {
    // The French file, given as a site's file for a language minhbach
    // has none for, leaves nothing out.
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("i18n")).unwrap();
    let french = fs::read_to_string(repo().join("templates/i18n/fr.yaml")).unwrap();
    fs::write(templates.join("i18n/de.yaml"), french).unwrap();
    let r = check_with(&german().join("content"), &templates);
    assert_eq!(r.code, Some(0), "{}", r.output());
    assert!(
        besides_unchecked(r.diagnostics()).is_empty(),
        "{}",
        r.stdout
    );
}
