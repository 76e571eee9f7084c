//! The integration tests: one binary, so that the crate is linked once and
//! the sites the tests read are built once for all of them
//! ([`common::shared_build`]). Each module is one area of the product, and
//! runs the real `minhbach` binary on fixture content (`tests/fixtures/`)
//! or calls the library, then parses what was written.
//!
//! `cargo test --test suite MODULE::` runs one area, for example
//! `cargo test --test suite serve::`.

mod common;
// The benchmark corpus generator, shared with the example and the
// benchmarks; not every part of it is used here.
#[allow(dead_code)]
#[path = "../../examples/corpus/mod.rs"]
mod generator;

mod advice;
mod bad_input;
mod bundled;
mod catalogue;
mod charts;
mod citizens;
mod content;
mod corpus;
mod corrections;
mod dashboard;
mod diagnostics;
mod docs;
mod downloads;
mod embeds;
mod french;
mod goalposts;
mod hosting;
mod incremental;
mod journalists;
mod plurals;
mod properties;
mod reliability;
mod scaffold;
mod scopes;
mod search;
mod security;
mod serve;
mod site;
mod sources;
mod spreadsheets;
mod status;
mod translations;
mod units;
