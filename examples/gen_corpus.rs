//! Writes a synthetic content folder for benchmarks:
//!
//! ```text
//! cargo run --release --example gen_corpus -- --preset national --out /tmp/national
//! cargo run --release --example gen_corpus -- --sessions 8 --indicators 100 --scopes 2 --seed 3 --out /tmp/c
//! minhbach build --content /tmp/national/content --out /tmp/national/site
//! ```
//!
//! The folder gets `content/` and, unless `--no-register`, `seeds/` beside
//! it, where `minhbach` looks for the source register by default.

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use corpus::Spec;

#[derive(Parser)]
#[command(about = "Write a synthetic, valid minhbach content folder of any size")]
struct Args {
    /// A named size: small (about the bundled content), national, huge.
    #[arg(long, value_parser = ["small", "national", "huge"])]
    preset: Option<String>,
    /// Number of sessions (one a quarter from 2021).
    #[arg(long)]
    sessions: Option<usize>,
    /// Number of indicators.
    #[arg(long)]
    indicators: Option<usize>,
    /// Number of provincial scopes besides national (at most 63).
    #[arg(long)]
    scopes: Option<usize>,
    /// Share of indicators each session reports nationally, 0 to 1.
    #[arg(long)]
    coverage: Option<f64>,
    /// Share of indicators each session reports per provincial scope, 0 to 1.
    #[arg(long)]
    scope_coverage: Option<f64>,
    /// Use inline sources instead of a seeds/ register.
    #[arg(long)]
    no_register: bool,
    /// Seed of the generator: the same seed and sizes give the same files.
    #[arg(long)]
    seed: Option<u64>,
    /// Folder to write `content/` (and `seeds/`) into; both are replaced.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let mut spec = Spec::preset(a.preset.as_deref().unwrap_or("small"))
        .expect("the parser only accepts known presets");
    spec.sessions = a.sessions.unwrap_or(spec.sessions);
    spec.indicators = a.indicators.unwrap_or(spec.indicators);
    spec.scopes = a.scopes.unwrap_or(spec.scopes);
    spec.coverage = a.coverage.unwrap_or(spec.coverage);
    spec.scope_coverage = a.scope_coverage.unwrap_or(spec.scope_coverage);
    spec.seed = a.seed.unwrap_or(spec.seed);
    spec.register &= !a.no_register;
    if spec.sessions == 0 || spec.indicators == 0 {
        eprintln!("error: --sessions and --indicators must be at least 1");
        return ExitCode::from(2);
    }
    if !(0.0..=1.0).contains(&spec.coverage) || !(0.0..=1.0).contains(&spec.scope_coverage) {
        eprintln!("error: --coverage and --scope-coverage are shares, between 0 and 1");
        return ExitCode::from(2);
    }
    match corpus::generate(&spec, &a.out) {
        Ok(s) => {
            eprintln!(
                "wrote {} files ({:.1} MB) into {}: {} sessions, {} indicators, {} results, {} register entries",
                s.files,
                s.bytes as f64 / 1e6,
                a.out.display(),
                s.sessions,
                s.indicators,
                s.results,
                s.register_entries
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", a.out.display());
            ExitCode::from(1)
        }
    }
}
