//! Every locale says everything: every built-in file has every key, with
//! the placeholders its English text has, and every string the templates
//! and renderers ask for is there.

use std::collections::BTreeSet;

use super::*;

#[test]
fn every_built_in_file_gives_every_key_once_and_translated() {
    let reference = Locale::fallback();
    for (code, text) in BUILT_IN {
        let entries: Entries = serde_yaml::from_str(text).unwrap();
        let l = Locale::built_in(code).unwrap();
        let mut given = 0;
        for (group, key) in Locale::keys() {
            let value = entries.get(group).and_then(|g| g.as_ref()?.get(key));
            let value = match value.unwrap_or_else(|| panic!("{code}.yaml lacks {group}.{key}")) {
                Text::Plain(text) => text,
                Text::Forms(_) => panic!("{code}.yaml gives forms for {group}.{key}"),
            };
            assert!(
                !value.trim().is_empty(),
                "{code}.yaml: {group}.{key} is empty"
            );
            assert_eq!(l.get(group, key), Some(value.as_str()));
            let mut wanted = placeholders(reference.get(group, key).unwrap());
            let mut have = placeholders(value);
            wanted.sort_unstable();
            have.sort_unstable();
            assert_eq!(
                have, wanted,
                "{code}.yaml: {group}.{key} fills other values"
            );
            given += 1;
        }
        for key in Locale::count_keys() {
            let forms = l
                .counts
                .get(*key)
                .unwrap_or_else(|| panic!("{code}.yaml lacks counts.{key}"));
            assert!(forms.contains_key(plural::OTHER), "{code}: counts.{key}");
            let mut wanted = placeholders(&reference.counts[*key][plural::OTHER]);
            wanted.sort_unstable();
            for (category, text) in forms {
                assert!(
                    plural::CATEGORIES.contains(&category.as_str()),
                    "{code}: counts.{key}.{category}"
                );
                assert!(!text.trim().is_empty(), "{code}: counts.{key}.{category}");
                let mut have = placeholders(text);
                have.sort_unstable();
                // The label form of a count names no number.
                if !have.is_empty() || !wanted.is_empty() {
                    assert_eq!(have, wanted, "{code}: counts.{key}.{category}");
                }
            }
            given += 1;
        }
        let listed: usize = entries.values().flatten().map(BTreeMap::len).sum();
        assert_eq!(listed, given, "{code}.yaml gives a key no locale reads");
        assert!(DateForm::parse(&l.language.date_form).is_some(), "{code}");
        assert!(icu_locale_core::Locale::try_from_str(&l.formats.cldr).is_ok());
    }
}

#[test]
fn codes_are_unique_and_parse_as_languages() {
    let codes: BTreeSet<&str> = BUILT_IN.iter().map(|(c, _)| *c).collect();
    assert_eq!(codes.len(), BUILT_IN.len());
    for (code, _) in BUILT_IN {
        let lang = Lang::parse(code).unwrap();
        assert_eq!(Locale::built_in(code).unwrap().lang, lang);
    }
    assert!(Locale::built_in(DEFAULT).is_some());
    assert!(Locale::built_in(FALLBACK).is_some());
}

#[test]
fn a_language_without_texts_takes_the_default_languages_with_its_own_rules() {
    let de = Lang::parse("de").unwrap();
    let vi = Lang::parse("vi").unwrap();
    let site = Locales::standard(&[vi.clone(), de.clone()]);
    let german = site.get(&de);
    assert_eq!(german.lang, de);
    assert_eq!(german.status.achieved, "Đã đạt");
    assert_eq!(german.formats.cldr, "de");
    assert_eq!(german.formats.date, DateForm::Long);
    assert_eq!(german.language.name, "de");
    // A site in German alone speaks English, not Vietnamese.
    let alone = Locales::standard(std::slice::from_ref(&de));
    assert_eq!(alone.get(&de).status.achieved, "Achieved");
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
    let have: BTreeSet<&str> = Locale::interface_keys().iter().copied().collect();
    let missing: Vec<_> = wanted.difference(&have).collect();
    assert!(missing.is_empty(), "no interface string for {missing:?}");
}
