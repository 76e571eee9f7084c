//! The `minhbach` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use minhbach::diagnostics::Diagnostics;
use minhbach::{Failure, Options};

#[derive(Parser)]
#[command(name = "minhbach", version, about = "Build a static transparency site from YAML indicators and Markdown notes")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build keeps the previous site).
    Build {
        #[command(flatten)]
        content: ContentArgs,
        /// Folder of template overrides.
        #[arg(long, value_name = "DIR", default_value = "templates")]
        templates: PathBuf,
        /// Output folder.
        #[arg(long, value_name = "DIR", default_value = "site")]
        out: PathBuf,
        /// Absolute URL the site is published at; replaces `base_url` from site.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check the content without writing anything; exits 1 if anything is wrong.
    Check {
        #[command(flatten)]
        content: ContentArgs,
    },
}

#[derive(Args)]
struct ContentArgs {
    /// Content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Source register folder (default: `seeds` beside the content folder).
    #[arg(long, value_name = "DIR")]
    seeds: Option<PathBuf>,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Largest content file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    max_file_size: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Compiler-style messages with the offending line.
    Human,
    /// One JSON object per line.
    Json,
}

impl ContentArgs {
    fn options(&self) -> Options {
        let mut o = Options::new(&self.content);
        o.seeds = self.seeds.clone();
        o.limits.max_file_bytes = self.max_file_size;
        o
    }

    /// Prints diagnostics to stderr in the chosen format.
    fn report(&self, diags: &Diagnostics) {
        if diags.is_empty() {
            return;
        }
        match self.format {
            Format::Json => print!("{}", diags.to_json_lines()),
            Format::Human => {
                let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                eprint!("{}", diags.render(&self.content, color));
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { content } => {
            let (_, diags) = minhbach::check(&content.options());
            content.report(&diags);
            if diags.has_errors() {
                eprintln!("check failed: {}", diags.summary());
                ExitCode::from(1)
            } else {
                if matches!(content.format, Format::Human) {
                    eprintln!("check passed: {}", diags.summary());
                }
                ExitCode::SUCCESS
            }
        }
        Command::Build { content, templates, out, base_url } => {
            let mut opts = content.options();
            opts.templates = Some(templates);
            opts.out = out;
            opts.base_url = base_url;
            match minhbach::build(&opts) {
                Ok(built) => {
                    content.report(&built.warnings);
                    if matches!(content.format, Format::Human) {
                        eprintln!("built {} files into {} ({})", built.files, opts.out.display(), built.warnings.summary());
                    }
                    ExitCode::SUCCESS
                }
                Err(Failure::Content(diags)) => {
                    content.report(&diags);
                    eprintln!("build failed: {}; {} was not changed", diags.summary(), opts.out.display());
                    ExitCode::from(1)
                }
                Err(Failure::Io(msg)) => {
                    eprintln!("error: {msg}; {} was not changed", opts.out.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}
