//! The benchmark corpus is valid content, and the same seed gives the same
//! files: benchmarks compare like with like.

use crate::generator as corpus;

use std::collections::BTreeMap;
use std::path::Path;

fn files_of(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn presets_check_clean_and_are_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let mut spec = corpus::Spec::preset("small").unwrap();
    let sum = corpus::generate(&spec, tmp.path()).unwrap();
    assert_eq!(sum.sessions, 4);
    assert_eq!(sum.indicators, 60);
    assert!((80..=130).contains(&sum.results), "{} results", sum.results);

    // The generated site.yaml has a placeholder address; the corpus is
    // checked as a site published at a real one.
    let mut opts = minhbach::Options::new(tmp.path().join("content"));
    opts.base_url = Some("https://minhbach.github.io/corpus/".to_owned());
    let (site, diags) = minhbach::check(&opts);
    assert!(
        diags.is_empty(),
        "{}",
        diags.render(&tmp.path().join("content"), false)
    );
    let site = site.expect("valid");
    assert_eq!(
        site.sessions.iter().map(|s| s.results.len()).sum::<usize>(),
        sum.results
    );
    // Every status of the linear rule, both directions and all eight units
    // occur.
    let facts = minhbach::internals::compute::Facts::new(&site);
    let statuses: std::collections::BTreeSet<_> = site
        .sessions
        .iter()
        .flat_map(|s| s.results.iter().map(|r| facts.status(r)))
        .collect();
    assert_eq!(statuses.len(), 6, "{statuses:?}");
    let units: std::collections::BTreeSet<&str> =
        site.indicators.values().map(|i| i.unit.as_str()).collect();
    assert_eq!(units.len(), 8, "{units:?}");
    let text = std::fs::read_to_string(
        tmp.path()
            .join("content/sessions")
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path()
            .join("notes.md"),
    )
    .unwrap();
    assert!(text.contains("| :--- |") && text.contains("ệ"), "{text}");

    // Same seed, same bytes; another seed, other bytes.
    let again = tempfile::tempdir().unwrap();
    corpus::generate(&spec, again.path()).unwrap();
    assert_eq!(files_of(tmp.path()), files_of(again.path()));
    spec.seed += 1;
    corpus::generate(&spec, again.path()).unwrap();
    assert_ne!(files_of(tmp.path()), files_of(again.path()));

    // Without a register, sources are inline: they check clean but for
    // saying that their figures are not checked against a register.
    spec.register = false;
    let inline = tempfile::tempdir().unwrap();
    corpus::generate(&spec, inline.path()).unwrap();
    assert!(!inline.path().join("seeds").exists());
    let (_, diags) = minhbach::check(&minhbach::Options::new(inline.path().join("content")));
    assert!(
        diags
            .iter()
            .all(|d| { ["unchecked-source", "placeholder-base-url"].contains(&d.code.as_str()) }),
        "{}",
        diags.render(&inline.path().join("content"), false)
    );
    assert!(!diags.is_empty());
}

#[test]
fn printed_numbers_read_back() {
    assert_eq!(corpus::vi_number(1928311.0), "1.928.311");
    assert_eq!(corpus::vi_number(11.27), "11,27");
    assert_eq!(corpus::vi_number(1234.5), "1.234,5");
    for v in [0.5, 7.0, 11.27, 1234.5, 78_000_000.0, 999.99] {
        assert_eq!(
            minhbach::internals::validate::provenance::parse_printed(&corpus::vi_number(v)),
            vec![v]
        );
    }
}
