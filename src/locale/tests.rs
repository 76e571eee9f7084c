//! Every locale says everything: the same interface strings in each, and
//! every string the templates and renderers ask for present.

use std::collections::BTreeSet;

use super::*;

fn keys(l: &Locale) -> BTreeSet<&'static str> {
    l.strings.iter().map(|(k, _)| *k).collect()
}

#[test]
fn every_locale_has_the_same_keys_each_once_and_translated() {
    let first = keys(ALL[0]);
    for l in ALL {
        assert_eq!(keys(l).len(), l.strings.len(), "{}: a key twice", l.code);
        assert_eq!(keys(l), first, "{} and {} differ", l.code, ALL[0].code);
        for (k, text) in l.strings {
            assert!(!text.is_empty(), "{}: `{k}` is empty", l.code);
        }
    }
}

#[test]
fn codes_are_unique_and_parse_as_languages() {
    let codes: BTreeSet<&str> = ALL.iter().map(|l| l.code).collect();
    assert_eq!(codes.len(), ALL.len());
    for l in ALL {
        let lang = Lang::parse(l.code).unwrap();
        assert!(std::ptr::eq(Locale::of(&lang), *l));
    }
    assert!(Locale::find(&Lang::parse(DEFAULT).unwrap()).is_some());
    assert!(ALL.iter().any(|l| std::ptr::eq(*l, FALLBACK)));
}

/// The keys named by `prefix` + key (`t.home`, `t("home")`) in `text`.
fn lookups<'a>(text: &'a str, prefix: &str, out: &mut BTreeSet<&'a str>) {
    for (at, _) in text.match_indices(prefix) {
        let before = text[..at].chars().next_back();
        // `lx.t("home")` is a lookup, `site.t.home` or `at.home` is not.
        let joined = |c: char| c.is_alphanumeric() || c == '_' || (c == '.' && prefix == "t.");
        if before.is_some_and(joined) {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(rest.len());
        if end > 0 {
            out.insert(&rest[..end]);
        }
    }
}

/// Every file under `dir` whose name ends in one of `exts`, read.
fn texts(dir: &std::path::Path, exts: &[&str], out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            texts(&path, exts, out);
        } else if exts
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
        {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_string_looked_up_exists_in_every_locale() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut templates = Vec::new();
    texts(
        &root.join("templates"),
        &["html", "xml", "js"],
        &mut templates,
    );
    let mut sources = Vec::new();
    texts(&root.join("src"), &["rs"], &mut sources);
    let mut wanted = BTreeSet::new();
    for text in &templates {
        lookups(text, "t.", &mut wanted);
    }
    for text in &sources {
        lookups(text, "t(\"", &mut wanted);
    }
    // Found in the templates and in the renderers respectively: the search
    // sees both kinds of lookup.
    assert!(wanted.contains("skip_to_content") && wanted.contains("cite_accessed"));
    for l in ALL {
        let have = keys(l);
        let missing: Vec<_> = wanted.difference(&have).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", l.code);
    }
}
