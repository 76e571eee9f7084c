//! Benchmarks of the hot functions, on the generated `national` corpus
//! (and `small` for whole renders): `cargo bench --bench hot`.
//!
//! Whole builds, with the comparison against Hugo, are in `benches/build.sh`.

// The generator is shared with the example and the tests; not every part of
// it is used here.
#[allow(dead_code)]
#[path = "../examples/corpus/mod.rs"]
mod corpus;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::OnceLock;

use minhbach::internals::render::{pages, templates};
use minhbach::internals::{compute, output, render};
use minhbach::model::{Lang, Site};

/// The address a chart prints under its source line, as long as a real one.
const ADDRESS: &str =
    "minhbach.example.org/en/indicators/share-of-enterprises-using-e-invoices/#chart-history";

fn main() {
    divan::main();
}

/// A generated corpus, checked, kept for the whole run.
struct Corpus {
    _dir: tempfile::TempDir,
    content: PathBuf,
    site: Site,
}

fn corpus(preset: &str) -> &'static Corpus {
    static SMALL: OnceLock<Corpus> = OnceLock::new();
    static NATIONAL: OnceLock<Corpus> = OnceLock::new();
    let cell = if preset == "small" { &SMALL } else { &NATIONAL };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let spec = corpus::Spec::preset(preset).expect("a preset");
        corpus::generate(&spec, dir.path()).expect("the corpus is written");
        let content = dir.path().join("content");
        let (site, diags) = minhbach::check(&minhbach::Options::new(&content));
        assert!(!diags.has_errors(), "{}", diags.render(&content, false));
        Corpus {
            site: site.expect("valid"),
            content,
            _dir: dir,
        }
    })
}

fn vi() -> Lang {
    Lang::parse("vi").expect("valid")
}

/// Reading, parsing and validating every file of the national corpus.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_and_validate_national(b: divan::Bencher) {
    let c = corpus("national");
    b.bench(|| minhbach::check(&minhbach::Options::new(&c.content)));
}

/// The status of every result of the national corpus.
#[divan::bench]
fn status_all_results(b: divan::Bencher) {
    let site = &corpus("national").site;
    b.bench(|| {
        let mut n = 0usize;
        for s in &site.sessions {
            for r in &s.results {
                n += compute::status(r, site.indicators[&r.indicator].direction) as usize;
            }
        }
        n
    });
}

/// Every indicator's history: the lookup pages do for each indicator.
#[divan::bench(sample_count = 10)]
fn history_of_every_indicator(b: divan::Bencher) {
    let site = &corpus("national").site;
    b.bench(|| {
        site.indicators
            .values()
            .map(|i| pages::history_of(site, i).len())
            .sum::<usize>()
    });
}

/// A session's overview chart (a few hundred rows).
#[divan::bench(sample_count = 20)]
fn chart_session_overview(b: divan::Bencher) {
    let site = &corpus("national").site;
    let lang = vi();
    let facts = compute::Facts::new(site);
    let lx = render::vocab::Localizer::new(site, &lang, &facts);
    let s = site.sessions.last().expect("a session");
    b.bench(|| pages::session_chart(&lx, s, ADDRESS.to_owned()).svg.len());
}

/// One result's chart.
#[divan::bench]
fn chart_one_result(b: divan::Bencher) {
    let site = &corpus("national").site;
    let lang = vi();
    let facts = compute::Facts::new(site);
    let lx = render::vocab::Localizer::new(site, &lang, &facts);
    let s = site.sessions.last().expect("a session");
    let r = &s.results[0];
    let ind = &site.indicators[&r.indicator];
    b.bench(|| {
        pages::result_chart(&lx, s, ind, r, ADDRESS.to_owned())
            .svg
            .len()
    });
}

/// One indicator's history chart (forty sessions).
#[divan::bench]
fn chart_indicator_history(b: divan::Bencher) {
    let site = &corpus("national").site;
    let lang = vi();
    let facts = compute::Facts::new(site);
    let lx = render::vocab::Localizer::new(site, &lang, &facts);
    let ind = site.indicators.values().next().expect("an indicator");
    let history = pages::history_of(site, ind);
    b.bench(|| {
        pages::indicator_chart(&lx, ind, &history, ADDRESS.to_owned())
            .svg
            .len()
    });
}

/// A session's notes, Markdown to sanitized HTML.
#[divan::bench]
fn markdown_session_notes(b: divan::Bencher) {
    let site = &corpus("national").site;
    let notes = site.sessions[0].notes.values().next().expect("notes");
    b.bench(|| render::markdown::to_html(black_box(notes), 1).len());
}

/// Rendering the pages of one language of the small corpus through the
/// templates (contexts built, templates compiled once, no disk).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn pages_small_one_language(b: divan::Bencher) {
    let site = &corpus("small").site;
    let lang = vi();
    let mut diags = minhbach::diagnostics::Diagnostics::default();
    let t = templates::load(
        None,
        minhbach::Limits::default().max_file_bytes,
        &mut diags,
        &mut None,
    )
    .expect("the built-in templates compile");
    let (jobs, _, _) = pages::jobs(site, &lang);
    let facts = compute::Facts::new(site);
    let shared = pages::Shared::new(site, &lang, &facts).expect("the shared context converts");
    b.bench(|| {
        jobs.iter()
            .map(|job| {
                let ctx = pages::common_context(site, &shared, job).expect("a context");
                t.tera
                    .render(job.template, &ctx)
                    .expect("the page renders")
                    .len()
            })
            .sum::<usize>()
    });
}

/// Writes nothing: measures rendering without the disk.
struct Discard;

impl output::Sink for Discard {
    fn write(&self, _rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        black_box(bytes.len());
        Ok(())
    }
}

/// The whole render of the small corpus, both languages, every file, in
/// parallel, without the disk.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn render_site_small(b: divan::Bencher) {
    let site = &corpus("small").site;
    let mut diags = minhbach::diagnostics::Diagnostics::default();
    let t = templates::load(
        None,
        minhbach::Limits::default().max_file_bytes,
        &mut diags,
        &mut None,
    )
    .expect("the built-in templates compile");
    b.bench(|| render::render_site(site, &t, &Discard, None).expect("renders"));
}

/// Every indicator's history through the index pages use: one pass over
/// the results instead of one per indicator (compare with
/// `history_of_every_indicator`).
#[divan::bench(sample_count = 10)]
fn history_index_every_indicator(b: divan::Bencher) {
    let site = &corpus("national").site;
    b.bench(|| {
        let index = pages::Index::new(site);
        site.indicators
            .keys()
            .map(|id| index.history(id).len())
            .sum::<usize>()
    });
}
