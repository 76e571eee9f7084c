//! No mistake published in silence: content that is valid but probably not
//! what its author means is a warning at its line (an indicator whose name
//! is still its id, a unit its figures disagree with, figures whose source
//! is not in the register).

use std::fs;

use crate::common::*;

/// `check --format json --lang en` of `content`.
fn check(content: &std::path::Path) -> Run {
    run([
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "--content",
        content.to_str().unwrap(),
    ])
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).expect(needle) as u64 + 1
}

#[test]
fn a_name_left_as_the_id_and_a_unit_the_figures_disagree_with_are_warned() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    // A count of computers written as a percentage, its name left as the
    // id; a share written as a count.
    let computers = "name: computers-handed-over\nunit: percent\n";
    fs::write(
        content.join("indicators/computers-handed-over.yaml"),
        computers,
    )
    .unwrap();
    let share = content.join("indicators/ecommerce-retail-share.yaml");
    let text = fs::read_to_string(&share)
        .unwrap()
        .replace("unit: percent", "unit: count");
    fs::write(&share, &text).unwrap();

    let r = check(&content);
    assert_eq!(r.code, Some(0), "{}", r.output());
    let of = |code: &str, file: &str| -> Vec<serde_json::Value> {
        r.diagnostics()
            .into_iter()
            .filter(|d| d["code"] == code && d["file"].as_str().unwrap().ends_with(file))
            .collect()
    };
    let name = of("name-is-id", "computers-handed-over.yaml");
    assert_eq!(name.len(), 1, "{}", r.stdout);
    assert_eq!(name[0]["severity"], "warning");
    assert_eq!(name[0]["line"].as_u64(), Some(1), "{}", name[0]);
    let percent = of("unit-mismatch", "computers-handed-over.yaml");
    assert_eq!(percent.len(), 1, "{}", r.stdout);
    assert_eq!(percent[0]["line"].as_u64(), Some(2), "{}", percent[0]);
    assert!(percent[0]["hint"].as_str().unwrap().contains("unit: count"));
    let count = of("unit-mismatch", "ecommerce-retail-share.yaml");
    assert_eq!(count.len(), 1, "{}", r.stdout);
    assert_eq!(
        count[0]["line"].as_u64(),
        Some(line_of(&text, "unit: count"))
    );
    // Nothing else is said of the indicators that are fine.
    assert!(of("unit-mismatch", "smartphone-adults.yaml").is_empty());
    assert!(of("name-is-id", "smartphone-adults.yaml").is_empty());
}

#[test]
fn a_new_indicator_left_as_written_is_warned() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let made = run([
        "new",
        "--lang",
        "en",
        "indicator",
        "new-data-centres",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert_eq!(made.code, Some(0), "{}", made.output());
    let r = check(&content);
    let codes: Vec<String> = r
        .diagnostics()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().contains("new-data-centres"))
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(codes.contains(&"name-is-id".to_owned()), "{}", r.stdout);
}

#[test]
fn each_source_outside_the_register_that_figures_cite_is_warned_at_its_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let file = content.join("sessions/2022-08-08-phien-hop-thu-3/session.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let r = check(&content);
    let unchecked: Vec<serde_json::Value> = r
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "unchecked-source")
        .collect();
    let here: Vec<&serde_json::Value> = unchecked
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .unwrap()
                .ends_with("2022-08-08-phien-hop-thu-3/session.yaml")
        })
        .collect();
    assert_eq!(here.len(), 1, "{}", r.stdout);
    assert_eq!(
        here[0]["line"].as_u64(),
        Some(line_of(&text, "- id: bdk-2022-08-08")),
        "{}",
        here[0]
    );
    let message = here[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`bdk-2022-08-08`") && message.contains("(1)"),
        "{message}"
    );
    // The register entry the session also cites is not warned about.
    assert!(!r
        .stdout
        .contains("`ninhbinh-2022-08-09` is not in the source register"));
    // In Vietnamese, with the same code and place.
    let vi = run([
        "check",
        "--format",
        "json",
        "--lang",
        "vi",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert!(
        vi.stdout.contains("chưa được đối chiếu với bản in"),
        "{}",
        vi.stdout
    );
}

#[test]
fn hints_say_what_to_write() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let file = content.join("sessions/2022-08-08-phien-hop-thu-3/session.yaml");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replacen(
            "    actual: 11.27\n",
            "    actual: 11.27\n    qualifier: khoảng\n",
            1,
        )
        .replacen("    as_of: 2022-06-30\n", "    as_of: 15/07/2022\n", 1)
        .replacen(
            "indicator: smartphone-adults",
            "indicator: smartphone-adult",
            1,
        );
    fs::write(&file, &text).unwrap();
    let ind = content.join("indicators/fixed-broadband-speed.yaml");
    let mut written = fs::read_to_string(&ind).unwrap();
    written.push_str("direction: upp\n");
    fs::write(&ind, written).unwrap();
    let seeds = tmp.path().join("seeds");
    let register = fs::read_dir(&seeds)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let entry = fs::read_to_string(&register)
        .unwrap()
        .replace("language: vi", "language: VI");
    fs::write(&register, entry).unwrap();
    let r = check(&content);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let hint = |code: &str| -> String {
        r.diagnostics()
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {}", r.stdout))["hint"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(hint("bad-qualifier"), "did you mean `about`?");
    assert_eq!(hint("bad-date"), "write 2022-07-15");
    assert_eq!(hint("bad-direction"), "did you mean `up`?");
    let language = r
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == "bad-language")
        .expect("the upper-case language code");
    assert!(
        language["message"].as_str().unwrap().contains("write `vi`"),
        "{language}"
    );
    let unknown = hint("unknown-indicator");
    assert!(
        unknown.contains("`smartphone-adults`")
            && unknown.contains("minhbach new indicator smartphone-adult"),
        "{unknown}"
    );
}

#[test]
fn a_new_session_has_no_empty_list_trap_and_the_trap_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content_with(tmp.path(), None);
    let made = run([
        "new",
        "--lang",
        "en",
        "session",
        "2022-09-01",
        "thu",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert_eq!(made.code, Some(0), "{}", made.output());
    let file = content.join("sessions/2022-09-01-thu/session.yaml");
    let template = fs::read_to_string(&file).unwrap();
    assert!(!template.contains("[]"), "{template}");
    // Uncommenting an example result gives a session that reads.
    let filled = template
        .replacen(
            "#  - indicator: ecommerce-retail-share",
            "  - indicator: ecommerce-retail-share",
            1,
        )
        .replacen("#    actual: 11.27", "    actual: 11.27", 1);
    fs::write(&file, &filled).unwrap();
    let r = check(&content);
    assert_eq!(r.code, Some(0), "{}", r.output());
    // The old template's `results: []` above entries says what to do.
    fs::write(&file, filled.replacen("results:\n", "results: []\n", 1)).unwrap();
    let r = check(&content);
    assert_eq!(r.code, Some(1), "{}", r.output());
    let yaml = r
        .diagnostics()
        .into_iter()
        .find(|d| d["code"] == "yaml")
        .expect("a YAML error");
    assert!(
        yaml["hint"]
            .as_str()
            .unwrap()
            .contains("write `results:` without `[]`"),
        "{yaml}"
    );
}
