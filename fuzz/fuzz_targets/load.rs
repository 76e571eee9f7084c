//! The content loader and validator on arbitrary files: no input may panic.
//!
//! The input is a set of files separated by NUL bytes; each starts with its
//! path relative to the content folder on the first line (`site.yaml`,
//! `indicators/x.yaml`, `sessions/s/session.yaml`, `sessions/s/notes.md`),
//! or `seeds/<id>.yaml` for the source register, and the rest is its bytes
//! (not necessarily UTF-8). `fuzz/make-corpus.sh` turns the bundled content
//! into seeds of this shape.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use minhbach::diagnostics::Diagnostics;
use minhbach::internals::load::{self, Limits};

fuzz_target!(|data: &[u8]| {
    let mut content = Vec::new();
    let mut register = Vec::new();
    for chunk in data.split(|&b| b == 0) {
        let (path, bytes) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], &chunk[i + 1..]),
            None => (chunk, &[][..]),
        };
        let path = PathBuf::from(String::from_utf8_lossy(path).into_owned());
        match path.strip_prefix("seeds") {
            Ok(_) => register.push((path, bytes.to_vec())),
            Err(_) => content.push((path, bytes.to_vec())),
        }
    }
    // Small limits keep each run fast; the code paths are the same.
    let limits = Limits {
        max_file_bytes: 64 * 1024,
        max_results: 200,
    };
    let mut diags = Diagnostics::default();
    let loaded = load::load_files(content, register, &limits, &mut diags);
    let site = minhbach::internals::validate::validate(loaded, &mut diags, None);
    // Diagnostics are printed to people: rendering them must not panic
    // either. (The human form reads the files again to quote them; there
    // are none on disk here, so it names them instead.)
    for lang in minhbach::diagnostics::Language::ALL {
        let _ = diags.to_json_lines(lang);
    }
    let _ = diags.render(std::path::Path::new("/nonexistent/minhbach-fuzz"), false);
    if let Some(site) = site {
        for s in &site.sessions {
            for notes in s.notes.values() {
                let _ = minhbach::internals::render::markdown::to_html(notes, 2);
            }
        }
        let facts = minhbach::internals::compute::Facts::new(&site);
        let records = minhbach::internals::render::data::records(&site, site.settings.default_lang(), &facts);
        let _ = minhbach::internals::render::data::to_csv(&records);
        let _ = minhbach::internals::render::data::to_json(&records);
    }
});
