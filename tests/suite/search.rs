//! The search page's script and the index agree: `search.js` folds what the
//! reader types exactly as `search::fold` folded the index, checked by
//! running the script's own function in Node.js on real names and on the
//! spellings readers mix up.

use std::io::Write;
use std::process::{Command, Stdio};

use minhbach::internals::render::search;
use unicode_normalization::UnicodeNormalization;

/// The `fold` function of `templates/search.js`, as written there.
fn script_fold() -> String {
    let js = std::fs::read_to_string(crate::common::repo().join("templates/search.js"))
        .expect("search.js");
    let start = js.find("function fold(text)").expect("search.js folds");
    let len = js[start..].find("\n  }\n").expect("the end of fold") + 4;
    js[start..start + len].to_owned()
}

/// `texts` folded by the script, in Node.js.
fn folded_by_script(texts: &[String]) -> Vec<String> {
    let program = format!(
        "{}\nlet input = '';\nprocess.stdin.on('data', (d) => (input += d));\n\
         process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(fold))));\n",
        script_fold()
    );
    let mut child = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Node.js runs the page's script (it is installed with the browser checks)");
    let json = serde_json::to_vec(texts).unwrap();
    child.stdin.take().unwrap().write_all(&json).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the folded texts")
}

#[test]
fn the_script_folds_what_readers_type_as_the_index_was_folded() {
    let content = crate::common::repo().join("content/indicators");
    let mut texts: Vec<String> = [
        "Tỷ lệ",
        "tỉ lệ",
        "TỶ LỆ",
        "lý do kỹ thuật",
        "quý ngày y tế",
        "Hy vọng",
        "HÓA ĐƠN ĐIỆN TỬ",
        "hoa don dien tu",
        "e-invoice",
        "  Tỉ lệ (%) — doanh nghiệp,  ",
        "Người dân",
        "country",
        "TMĐT",
        "",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    // Every name of the bundled indicators, and each decomposed as some
    // keyboards type it.
    for entry in std::fs::read_dir(content).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        for lang in ["vi", "en"] {
            if let Some(name) = yaml["name"][lang].as_str() {
                texts.push(name.to_owned());
                texts.push(name.nfd().collect());
            }
        }
    }
    assert!(texts.len() > 100, "the bundled names are read");
    let by_script = folded_by_script(&texts);
    for (text, script) in texts.iter().zip(&by_script) {
        assert_eq!(&search::fold(text), script, "{text:?} folds differently");
    }
    // The spellings readers mix up fold the same.
    assert_eq!(by_script[0], by_script[1]);
    assert_eq!(by_script[0], by_script[2]);
}

/// The bundled site's abbreviations (`abbreviations` in `site.yaml`): the
/// first use on a page is marked `<abbr>` with what it stands for in the
/// page's language, once; search finds an indicator typed either way.
#[test]
fn abbreviations_are_explained_where_first_used_and_found_in_either_form() {
    let opts = minhbach::Options::new(crate::common::repo().join("content"));
    let (site, diags) = minhbach::check(&opts);
    let site = site.unwrap_or_else(|| panic!("the bundled content checks: {diags:?}"));
    let entries = search::entries(&site);
    // Written out in full only; abbreviated only.
    let full = "i-online-dossiers-fully-online";
    let short = "i-dossier-digitisation-ministry-province";
    assert!(search::find(&entries, "TTHC").contains(&full));
    assert!(search::find(&entries, "thu tuc hanh chinh").contains(&short));
    assert!(search::find(&entries, "thủ tục hành chính").contains(&full));

    let out = crate::common::bundled_site();
    let abbr = crate::common::sel("abbr");
    let mut marked = 0;
    for rel in crate::common::files_with(&out, ".html") {
        let doc = crate::common::html(&out, &rel);
        let english = rel.starts_with("en/");
        let mut seen = std::collections::BTreeSet::new();
        for a in doc.select(&abbr) {
            let word = a.text().collect::<String>();
            assert!(seen.insert(word.clone()), "{rel}: {word} is marked twice");
            let title = a.value().attr("title").unwrap_or_default();
            let want = match (word.as_str(), english) {
                ("TTHC", false) => "thủ tục hành chính",
                ("TTHC", true) => "administrative procedures",
                ("DVC", false) => "dịch vụ công",
                ("DVC", true) => "public services",
                _ => title,
            };
            assert_eq!(title, want, "{rel}: {word}");
            assert!(!title.is_empty(), "{rel}: {word} has no title");
            marked += 1;
        }
    }
    assert!(
        marked > 20,
        "abbreviations are marked on the pages ({marked})"
    );
    let page = crate::common::html(&out, "indicators/procedures-offered-online/index.html");
    let first = page.select(&abbr).next().expect("TTHC is marked");
    assert_eq!(first.text().collect::<String>(), "TTHC");
}

/// An abbreviation that is not one word is refused where it is written.
#[test]
fn an_abbreviation_must_be_one_word() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    crate::common::copy_tree(&crate::common::fixture("basic"), tmp.path());
    let site = content.join("site.yaml");
    let mut text = std::fs::read_to_string(&site).unwrap();
    text.push_str("abbreviations:\n  \"TP HCM\": \"Thành phố Hồ Chí Minh\"\n");
    let line = text.lines().count();
    std::fs::write(&site, text).unwrap();
    let run = crate::common::run(["check", "--content", content.to_str().unwrap()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("error[bad-abbreviation]")
            && run.stderr.contains(&format!("site.yaml:{line}:")),
        "{}",
        run.stderr
    );
}
