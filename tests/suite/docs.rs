//! The documents hold to the code: what the README says the project is made
//! of is what `Cargo.toml` says, and the paths `docs/architecture.md` names
//! are the tree's.

use std::collections::BTreeSet;
use std::fs;

use crate::common;

/// The crate names of `Cargo.toml`'s dependency tables: `(normal, dev)`.
fn cargo_dependencies() -> (BTreeSet<String>, BTreeSet<String>) {
    let toml = fs::read_to_string(common::repo().join("Cargo.toml")).unwrap();
    let (mut normal, mut dev) = (BTreeSet::new(), BTreeSet::new());
    let mut table = None;
    for line in toml.lines().map(str::trim) {
        if line.starts_with('[') {
            table = if line == "[dev-dependencies]" {
                Some(&mut dev)
            } else if line.ends_with("dependencies]") {
                Some(&mut normal)
            } else {
                None
            };
            continue;
        }
        let Some(names) = table.as_deref_mut() else {
            continue;
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((name, _)) = line.split_once('=') {
            names.insert(name.trim().to_string());
        }
    }
    (normal, dev)
}

/// Every `` `name` `` in `text`.
fn backticked(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn readme_lists_every_dependency() {
    let readme = fs::read_to_string(common::repo().join("README.md")).unwrap();
    let section = readme
        .split("\n## Dependencies\n")
        .nth(1)
        .expect("the README has a Dependencies section")
        .split("\n## ")
        .next()
        .unwrap();
    let (table, rest) = section
        .split_once("\nFor tests")
        .expect("the section ends with the crates for tests only");
    let listed: BTreeSet<String> = table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| backticked(l.split('|').nth(1).unwrap()))
        .collect();
    let for_tests = backticked(rest.split("\n\n").next().unwrap());
    let (normal, dev) = cargo_dependencies();
    assert!(
        normal.len() > 20 && !dev.is_empty(),
        "Cargo.toml was not read"
    );

    let missing: Vec<_> = normal.difference(&listed).collect();
    assert!(missing.is_empty(), "the README's table lacks {missing:?}");
    let gone: Vec<_> = listed.difference(&normal).collect();
    assert!(
        gone.is_empty(),
        "the README's table lists {gone:?}, which Cargo.toml does not"
    );
    let missing: Vec<_> = dev.difference(&for_tests).collect();
    assert!(
        missing.is_empty(),
        "the README's crates for tests lack {missing:?}"
    );
    let gone: Vec<_> = for_tests.difference(&dev).collect();
    assert!(
        gone.is_empty(),
        "the README's crates for tests list {gone:?}, which are not dev-dependencies"
    );
}

/// `docs/architecture.md` tells a newcomer where each kind of change goes:
/// every file and folder it names from the project's root must exist, and
/// every source folder must be named there, so that the map and the tree
/// move together.
#[test]
fn architecture_names_paths_that_exist() {
    let repo = common::repo();
    let doc = fs::read_to_string(repo.join("docs/architecture.md")).unwrap();
    let roots = ["src/", "tests/", "benches/", "fuzz/", "templates/", "docs/"];
    let named: BTreeSet<String> = backticked(&doc)
        .into_iter()
        .filter(|p| roots.iter().any(|r| p.starts_with(r)))
        .collect();
    assert!(named.len() > 20, "the paths were not read: {named:?}");
    let missing: Vec<_> = named.iter().filter(|p| !repo.join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md names {missing:?}, which do not exist"
    );

    let mut unnamed = Vec::new();
    for entry in fs::read_dir(repo.join("src")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name == "lib.rs" || name == "main.rs" {
            continue;
        }
        let path = if entry.file_type().unwrap().is_dir() {
            format!("src/{name}/")
        } else {
            format!("src/{name}")
        };
        if !named.iter().any(|n| n.starts_with(&path)) {
            unnamed.push(path);
        }
    }
    assert!(
        unnamed.is_empty(),
        "docs/architecture.md does not say what {unnamed:?} is for"
    );
}
