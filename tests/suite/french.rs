//! A site in English and French, as a bilingual government publishes: the
//! `bilingual-fr` fixture (three units of its own with a label in each
//! language, a default scope named by the site, figures that get worse, a
//! percentage and a large count) builds without a problem, and its French
//! pages read as French: marked `lang="fr"`, no interface string left in
//! English, numbers, percentages and dates by French rules, the units'
//! and scopes' French labels, French words in the charts.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

fn french_site() -> PathBuf {
    shared_build("bilingual-fr", &fixture("bilingual-fr").join("content"))
}

const SECOND: &str = "2024-06-20-second-review";

/// A built-in translation file, group → key → text; each plural form of a
/// count as a text of its own, `key.category`.
fn built_in(lang: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Text {
        One(String),
        Forms(BTreeMap<String, String>),
    }
    let path = repo().join("templates/i18n").join(format!("{lang}.yaml"));
    let file: BTreeMap<String, BTreeMap<String, Text>> =
        serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    file.into_iter()
        .map(|(group, texts)| {
            let flat = texts
                .into_iter()
                .flat_map(|(key, text)| match text {
                    Text::One(t) => vec![(key, t)],
                    Text::Forms(forms) => forms
                        .into_iter()
                        .map(|(c, t)| (format!("{key}.{c}"), t))
                        .collect(),
                })
                .collect();
            (group, flat)
        })
        .collect()
}

/// Every French page of the site, by path.
fn french_pages(site: &Path) -> Vec<String> {
    files_with(site, "html")
        .into_iter()
        .filter(|p| p.starts_with("fr/") || p.starts_with("embed/fr/"))
        .collect()
}

#[test]
fn the_fixture_builds_without_errors_or_warnings() {
    let r = run(["check", "--format", "json", "--content"]
        .into_iter()
        .map(str::to_owned)
        .chain([fixture("bilingual-fr")
            .join("content")
            .display()
            .to_string()]));
    assert_eq!(r.code, Some(0), "{}", r.output());
    // Its sources are inline, and said to be unchecked; nothing else.
    assert!(
        besides_unchecked(r.diagnostics()).is_empty(),
        "{}",
        r.stdout
    );
    let site = french_site();
    assert!(site.join("fr/index.html").is_file());
}

#[test]
fn french_pages_are_marked_french_and_show_no_english_interface_string() {
    let site = french_site();
    let (en, fr) = (built_in("en"), built_in("fr"));
    // The English texts that French writes differently, long enough not to
    // be a word French shares ("Source", "Notes", "Date").
    let english: Vec<&str> = en
        .iter()
        .flat_map(|(group, texts)| {
            let fr = &fr[group];
            texts
                .iter()
                .filter(move |(k, v)| fr[k.as_str()] != **v)
                .map(|(_, v)| v.as_str())
        })
        .filter(|v| v.len() > 6 && !v.contains('{'))
        .collect();
    assert!(english.len() > 100, "only {} English texts", english.len());
    let pages = french_pages(&site);
    assert!(pages.len() >= 20, "{pages:?}");
    for page in &pages {
        let doc = html(&site, page);
        let root = doc.root_element();
        assert_eq!(root.value().attr("lang"), Some("fr"), "{page}");
        // The page without the language switcher, whose English entry
        // is English on purpose (and marked so).
        let mut text = text_of(root);
        for a in doc.select(&sel("[hreflang], [lang]:not(html)")) {
            text = text.replace(&text_of(a), " ");
        }
        for e in &english {
            assert!(!text.contains(e), "{page} shows the English “{e}”");
        }
    }
}

#[test]
fn the_switcher_names_each_language_in_itself() {
    let site = french_site();
    let doc = html(&site, "fr/index.html");
    let names: Vec<(String, Option<String>)> = doc
        .select(&sel(".lang-switch [lang]"))
        .map(|a| (text_of(a), a.value().attr("lang").map(str::to_owned)))
        .collect();
    let shown: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        shown.contains(&"English") && shown.contains(&"Français"),
        "{names:?}"
    );
    for (name, lang) in &names {
        let want = if name == "English" { "en" } else { "fr" };
        assert_eq!(lang.as_deref(), Some(want), "{name} is not marked {want}");
    }
}

#[test]
fn numbers_dates_units_and_scopes_are_written_the_french_way() {
    let site = french_site();
    let doc = html(&site, &format!("fr/sessions/{SECOND}/index.html"));
    let text = text_of(doc.select(&sel("main")).next().expect("main"));
    for shown in [
        // Decimal comma, the French unit labels, one decimal for kg.
        "712,4 kg par habitant",
        "490 kg par habitant",
        "746 Mt éq. CO₂",
        "5,36 décès pour 100 000",
        // A no-break space before %, narrow no-break spaces in groups.
        "67,92\u{A0}%",
        "90\u{A0}%",
        "1\u{202F}234\u{202F}567",
        // Dates in full, the month in French.
        "31 décembre 2030",
        "31 décembre 2023",
        // The status words and the reason, in French.
        "En retard",
        "depuis le chiffre précédent de 699 kg par habitant au 31 décembre 2022",
        "Ontario",
        "Deuxième examen",
    ] {
        assert!(
            text.contains(shown),
            "the French session page lacks “{shown}”: {text}"
        );
    }
    // French punctuation: a no-break space before the colon.
    assert!(text.contains("Télécharger\u{A0}:"), "{text}");
    for english in ["712.4", "kg per person", "Behind schedule", "Dec 2030"] {
        assert!(!text.contains(english), "“{english}” on a French page");
    }
    let home = text_of(html(&site, "fr/index.html").root_element());
    assert!(home.contains("Progrès vers les cibles du cadre"), "{home}");
}

#[test]
fn french_charts_draw_french_words_and_numbers() {
    let site = french_site();
    for rel in [
        format!("fr/sessions/{SECOND}/chart.svg"),
        format!("fr/sessions/{SECOND}/chart.narrow.svg"),
        "fr/indicators/household-waste/chart.svg".to_owned(),
    ] {
        let svg = fs::read_to_string(site.join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let texts: String = doc
            .descendants()
            .filter(|n| n.is_element() && (n.has_tag_name("text") || n.has_tag_name("desc")))
            .flat_map(|n| n.descendants().filter_map(|t| t.text()))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(texts.contains("kg par habitant"), "{rel}: {texts}");
        assert!(
            texts.contains("cible") || texts.contains("Cible"),
            "{rel}: {texts}"
        );
        assert!(
            !texts.contains("target") && !texts.contains("per person"),
            "{rel}: {texts}"
        );
    }
}

#[test]
fn the_english_pages_stay_english() {
    let site = french_site();
    let text = text_of(html(&site, &format!("sessions/{SECOND}/index.html")).root_element());
    for shown in [
        "712.4 kg per person",
        "67.92%",
        "1,234,567",
        "31 Dec 2030",
        "Behind schedule",
    ] {
        assert!(text.contains(shown), "the English page lacks {shown}");
    }
}

#[test]
fn a_register_entry_reads_in_each_language_and_its_printed_labels_stay_french() {
    let site = french_site();
    let rel = "sources/bilan-electricite-2024/index.html";
    for (page, title, publisher) in [
        (
            rel.to_owned(),
            "Electricity review 2024",
            "Electricity regulator",
        ),
        (
            format!("fr/{rel}"),
            "Bilan électrique 2024",
            "Régie de l’électricité",
        ),
    ] {
        let doc = html(&site, &page);
        let h1 = doc.select(&sel("h1")).next().expect("a heading");
        assert_eq!(text_of(h1), title, "{page}");
        assert!(text_of(doc.root_element()).contains(publisher), "{page}");
        // The printed figures are quotations, in the document's language.
        let printed = doc.select(&sel("tbody[lang=fr]")).next();
        let printed = printed.unwrap_or_else(|| panic!("{page}: printed labels not marked fr"));
        assert!(
            text_of(printed).contains("Part des sources renouvelables"),
            "{page}"
        );
    }
    // The result that cites it names it in the page's language.
    let session = |p: &str| text_of(html(&site, p).root_element());
    assert!(session(&format!("sessions/{SECOND}/index.html")).contains("Electricity regulator"));
    assert!(session(&format!("fr/sessions/{SECOND}/index.html")).contains("Régie de l’électricité"));
}
