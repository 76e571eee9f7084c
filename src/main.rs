//! The `minhbach` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use minhbach::diagnostics::{escaped, Diagnostics, Language};
use minhbach::serve::{Reporter, ServeOptions, Shutdown};
use minhbach::{Failure, Options};

/// A build allocates and frees millions of small strings (page contexts,
/// chart texts, PNG rows) across threads; glibc's allocator spent a fifth of
/// a large build in its own bookkeeping, mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A sentence in the language chosen for problems, each a `format!`
/// string: `tell!(lang, en: "…{x}…", vi: "…{x}…")`. Like the library's
/// `say!`, it does not compile with a Vietnamese text left empty or
/// copied from the English.
macro_rules! tell {
    ($lang:expr, en: $en:literal, vi: $vi:literal $(,)?) => {{
        const _: () = assert!(
            minhbach::diagnostics::translated($en, $vi),
            "the Vietnamese text is empty, or a copy of the English one"
        );
        match $lang {
            Language::En => format!($en),
            Language::Vi => format!($vi),
        }
    }};
}

#[derive(Parser)]
#[command(
    name = "minhbach",
    version,
    about = "Build a static transparency site from YAML indicators and Markdown notes"
)]
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
        /// Folder of template overrides, whose translation files are checked too.
        #[arg(long, value_name = "DIR", default_value = "templates")]
        templates: PathBuf,
    },
    /// Build, serve the site on this computer, and rebuild and reload the pages on every change.
    Serve {
        #[command(flatten)]
        content: ContentArgs,
        /// Folder of template overrides.
        #[arg(long, value_name = "DIR", default_value = "templates")]
        templates: PathBuf,
        /// Folder to build into and serve from (default: a temporary folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Absolute URL for share links and canonical addresses (default: the preview's own address).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Only the default, 127.0.0.1, keeps the preview to this computer.
        #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
        bind: String,
        /// Also answer requests made to this host name (repeatable). Without it, only
        /// localhost and IP addresses are answered: a web page cannot point a name of
        /// its own at this computer to read the drafts (DNS rebinding).
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
    /// Read a session's results from a spreadsheet (.xlsx, .ods or .csv), one row a
    /// result, and write them into its session.yaml if the content then passes `check`.
    Import {
        /// The spreadsheet; its first row names the columns (those of `minhbach export`).
        file: PathBuf,
        /// The session's id: its folder in sessions/.
        #[arg(long, value_name = "ID")]
        session: String,
        /// The title of a session that does not exist yet (with --date).
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// The date of a session that does not exist yet, YYYY-MM-DD (with --title).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[command(flatten)]
        content: ContentArgs,
    },
    /// Write a session's results as an .xlsx workbook to fill in and import back (a
    /// session without results gets one row for each indicator).
    Export {
        /// The workbook to write, an .xlsx file.
        file: PathBuf,
        /// The session's id: its folder in sessions/.
        #[arg(long, value_name = "ID")]
        session: String,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        content: ContentArgs,
    },
    /// Start a project, or add a session or an indicator from a commented template.
    New {
        #[command(subcommand)]
        what: New,
        /// Language of the messages printed (default: the site's default
        /// language if it is Vietnamese or English, else the system's).
        #[arg(long, value_enum, value_name = "LANG", global = true)]
        lang: Option<Lang>,
    },
}

#[derive(Subcommand)]
enum New {
    /// A starter project in DIR that builds and checks cleanly.
    Site {
        /// The folder to create.
        dir: PathBuf,
    },
    /// sessions/<DATE>-<SLUG>/session.yaml in the content folder.
    Session {
        /// The session's date, YYYY-MM-DD.
        date: String,
        /// A short name: lowercase letters, digits and hyphens, e.g. phien-hop-thu-5.
        slug: String,
        /// Content folder.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
    /// indicators/<ID>.yaml in the content folder.
    Indicator {
        /// The indicator's id: lowercase letters, digits and hyphens.
        id: String,
        /// Content folder.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
    /// <ID>.yaml in the source register: with --from, every figure a
    /// report's text prints, for you to prune and label.
    Source {
        /// The source's id: lowercase letters, digits and hyphens, e.g. vnexpress-2024-07-10.
        id: String,
        /// A report's text (UTF-8): its figures are listed with the words around them.
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Content folder.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
        /// Source register folder (default: `seeds` beside the content folder).
        #[arg(long, value_name = "DIR")]
        seeds: Option<PathBuf>,
    },
    /// i18n/<LANG>.yaml in the templates folder: the texts minhbach writes on
    /// the pages, to translate into LANG or to change.
    Translation {
        /// The language's code, as listed in `languages` in site.yaml.
        #[arg(value_name = "LANG")]
        code: String,
        /// Folder of template overrides.
        #[arg(long, value_name = "DIR", default_value = "templates")]
        templates: PathBuf,
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
    /// Language of the problems and messages printed (default: the site's
    /// default language if it is Vietnamese or English, else English).
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<Lang>,
    /// Largest content file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    max_file_size: u64,
    /// Most results all sessions may hold together, checked while loading. Each
    /// becomes charts, a card, an embed and data per language, about 110 kB of
    /// output: the default of 25,000 keeps a site under about 3 GB.
    #[arg(long, value_name = "N", default_value_t = minhbach::DEFAULT_MAX_RESULTS)]
    max_results: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    /// Vietnamese (tiếng Việt).
    Vi,
    /// English.
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Vi => Language::Vi,
            Lang::En => Language::En,
        }
    }
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
        o.limits.max_results = self.max_results;
        o
    }

    /// The language `--lang` asks for, if any.
    fn asked(&self) -> Option<Language> {
        self.lang.map(Language::from)
    }

    /// The language to report in: `--lang`, or the site's.
    fn language(&self) -> Language {
        self.asked()
            .unwrap_or_else(|| minhbach::report_language(&self.options()))
    }

    /// Prints diagnostics to stderr in the chosen format and language (JSON
    /// to stdout).
    fn report(&self, diags: &Diagnostics, lang: Language) {
        if diags.is_empty() {
            return;
        }
        match self.format {
            Format::Json => print!("{}", diags.to_json_lines(lang)),
            Format::Human => {
                let color = std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                eprint!(
                    "{}",
                    diags.render_limited(&self.content, color, self.max_file_size, lang)
                );
            }
        }
    }
    /// [`ContentArgs::report`], one problem at a time in the order given (an
    /// import's: row by row, as the sheet is read) rather than by file and
    /// line.
    fn report_in_order(&self, diags: &Diagnostics, lang: Language) {
        for d in diags.iter() {
            let mut one = Diagnostics::default();
            one.push(d.clone());
            self.report(&one, lang);
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { content, templates } => check(&content, templates),
        Command::Build {
            content,
            templates,
            out,
            base_url,
        } => build(&content, templates, out, base_url),
        Command::Serve {
            content,
            templates,
            out,
            base_url,
            port,
            bind,
            allow_hosts,
        } => {
            let mut build = content.options();
            build.templates = Some(templates);
            build.base_url = base_url;
            let opts = ServeOptions {
                build,
                bind,
                port,
                out,
                allow_hosts,
                lang: content.asked(),
            };
            serve(&content, &opts)
        }
        Command::New { what, lang } => new(what, lang),
        Command::Import {
            file,
            session,
            title,
            date,
            content,
        } => import(&content, &file, &session, title, date),
        Command::Export {
            file,
            session,
            force,
            content,
        } => export(&content, &file, &session, force),
    }
}

/// `minhbach import`: the results written, or every problem by cell and
/// nothing written.
fn import(
    content: &ContentArgs,
    file: &std::path::Path,
    session: &str,
    title: Option<String>,
    date: Option<String>,
) -> ExitCode {
    let lang = content.language();
    let new = match (title, date) {
        (Some(title), Some(date)) => Some(minhbach::spreadsheet::NewSession { title, date }),
        (None, None) => None,
        _ => {
            eprintln!(
                "{}",
                tell!(lang,
                    en: "error: --title and --date go together: a new session needs both",
                    vi: "lỗi: --title và --date phải đi cùng nhau: phiên họp mới cần cả hai"
                )
            );
            return ExitCode::from(1);
        }
    };
    match minhbach::spreadsheet::import(&content.options(), file, session, new.as_ref()) {
        Ok(done) => {
            content.report_in_order(&done.warnings, lang);
            if new.is_some() && !done.created {
                eprintln!(
                    "{}",
                    tell!(lang,
                        en: "note: the session already exists: its title and date were kept, not --title and --date",
                        vi: "lưu ý: phiên họp đã có: giữ nguyên tiêu đề và ngày họp của nó, không dùng --title và --date"
                    )
                );
            }
            let (n, path) = (done.results, done.file.display());
            let said = if done.created {
                tell!(lang,
                    en: "created {path} with {n} results",
                    vi: "đã tạo {path} với {n} kết quả"
                )
            } else if done.changed {
                tell!(lang,
                    en: "wrote {n} results into {path}",
                    vi: "đã ghi {n} kết quả vào {path}"
                )
            } else {
                tell!(lang,
                    en: "{path} already holds these {n} results: nothing changed",
                    vi: "{path} đã có đúng {n} kết quả này: không có gì thay đổi"
                )
            };
            eprintln!("{said}");
            eprintln!(
                "{}",
                tell!(lang,
                    en: "next: `minhbach check`, then `minhbach build`",
                    vi: "tiếp theo: `minhbach check`, rồi `minhbach build`"
                )
            );
            ExitCode::SUCCESS
        }
        Err(refused) => refused_by(content, refused, lang),
    }
}

/// `minhbach export`: the workbook written.
fn export(content: &ContentArgs, file: &std::path::Path, session: &str, force: bool) -> ExitCode {
    let lang = content.language();
    match minhbach::spreadsheet::export(&content.options(), file, session, force) {
        Ok(done) => {
            let (n, path) = (done.results, done.file.display());
            let said = if done.template {
                tell!(lang,
                    en: "wrote {path}: a row for each indicator, to fill in",
                    vi: "đã ghi {path}: mỗi chỉ tiêu một dòng, để điền"
                )
            } else {
                tell!(lang,
                    en: "wrote {path} with {n} results",
                    vi: "đã ghi {path} với {n} kết quả"
                )
            };
            eprintln!("{said}");
            eprintln!(
                "{}",
                tell!(lang,
                    en: "next: fill it in, then `minhbach import {path} --session {session}`",
                    vi: "tiếp theo: điền bảng tính, rồi chạy `minhbach import {path} --session {session}`"
                )
            );
            ExitCode::SUCCESS
        }
        Err(refused) => refused_by(content, refused, lang),
    }
}

/// Why an import or export did nothing, printed; exit code 1.
fn refused_by(
    content: &ContentArgs,
    refused: minhbach::spreadsheet::Refused,
    lang: Language,
) -> ExitCode {
    match refused {
        minhbach::spreadsheet::Refused::Content(diags) => {
            content.report_in_order(&diags, lang);
            let summary = diags.summary(lang);
            eprintln!(
                "{}",
                tell!(lang,
                    en: "nothing was written: {summary}",
                    vi: "chưa ghi gì: {summary}"
                )
            );
        }
        minhbach::spreadsheet::Refused::Other { message, hint } => {
            let message = escaped(message.get(lang)).into_owned();
            eprintln!(
                "{}",
                tell!(lang, en: "error: {message}", vi: "lỗi: {message}")
            );
            if let Some(h) = hint {
                let h = escaped(h.get(lang)).into_owned();
                eprintln!("{}", tell!(lang, en: "  = hint: {h}", vi: "  = gợi ý: {h}"));
            }
        }
    }
    ExitCode::from(1)
}

/// `minhbach check`: the diagnostics, and whether any is an error.
fn check(content: &ContentArgs, templates: PathBuf) -> ExitCode {
    let mut opts = content.options();
    opts.templates = Some(templates);
    let (_, diags) = minhbach::check(&opts);
    let lang = content.language();
    content.report(&diags, lang);
    let summary = diags.summary(lang);
    if diags.has_errors() {
        eprintln!(
            "{}",
            tell!(lang, en: "check failed: {summary}", vi: "kiểm tra không đạt: {summary}")
        );
        ExitCode::from(1)
    } else {
        if matches!(content.format, Format::Human) {
            eprintln!(
                "{}",
                tell!(lang, en: "check passed: {summary}", vi: "kiểm tra đạt: {summary}")
            );
        }
        ExitCode::SUCCESS
    }
}

/// `minhbach build`: the site, or why the output folder was left as it was.
fn build(
    content: &ContentArgs,
    templates: PathBuf,
    out: PathBuf,
    base_url: Option<String>,
) -> ExitCode {
    let mut opts = content.options();
    opts.templates = Some(templates);
    opts.out = out;
    opts.base_url = base_url;
    let lang = content.language();
    match minhbach::build(&opts) {
        Ok(built) => {
            content.report(&built.warnings, lang);
            if matches!(content.format, Format::Human) {
                let (files, out) = (built.files, opts.out.display());
                let mb = built.size.as_ref().map_or(0, |s| s.bytes);
                let mb = minhbach::megabytes(mb);
                let summary = built.warnings.summary(lang);
                eprintln!(
                    "{}",
                    tell!(lang,
                        en: "built {files} files, {mb} MB, into {out} ({summary})",
                        vi: "đã dựng {files} tệp, {mb} MB, vào {out} ({summary})"
                    )
                );
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            if let Failure::Content(diags) = &failure {
                content.report(diags, lang);
            }
            eprintln!("{}", failure.told(lang, &opts.out));
            ExitCode::from(1)
        }
    }
}

/// `minhbach serve`: until Ctrl-C, or until the server cannot start.
fn serve(content: &ContentArgs, opts: &ServeOptions) -> ExitCode {
    let shutdown = Shutdown::new();
    let on_signal = shutdown.clone();
    // The language of the messages of the server itself; problems in the
    // content follow the site's language as it changes.
    let lang = content.language();
    if let Err(e) = ctrlc::set_handler(move || on_signal.request()) {
        eprintln!(
            "{}",
            tell!(lang,
                en: "warning: Ctrl-C will not stop the server cleanly: {e}",
                vi: "cảnh báo: Ctrl-C sẽ không dừng máy chủ một cách an toàn: {e}"
            )
        );
    }
    let printer = Printer { args: content };
    match minhbach::serve::serve(opts, &printer, &shutdown) {
        Ok(()) => {
            eprintln!("{}", tell!(lang, en: "stopped", vi: "đã dừng"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let e = escaped(e.said().get(lang)).into_owned();
            eprintln!("{}", tell!(lang, en: "error: {e}", vi: "lỗi: {e}"));
            ExitCode::from(1)
        }
    }
}

/// `minhbach new`: the files made, and what to do next, in the language
/// asked for, or the site's, or the system's.
fn new(what: New, asked: Option<Lang>) -> ExitCode {
    let content = match &what {
        New::Session { content, .. }
        | New::Indicator { content, .. }
        | New::Source { content, .. } => content.clone(),
        New::Site { .. } | New::Translation { .. } => PathBuf::from("content"),
    };
    let lang = asked
        .map(Language::from)
        .unwrap_or_else(|| minhbach::report_language(&Options::new(content)));
    let made = match &what {
        New::Site { dir } => minhbach::scaffold::new_site(dir),
        New::Session {
            date,
            slug,
            content,
        } => minhbach::scaffold::new_session(content, date, slug).map(|p| vec![p]),
        New::Indicator { id, content } => {
            minhbach::scaffold::new_indicator(content, id).map(|p| vec![p])
        }
        New::Translation { code, templates } => {
            minhbach::scaffold::new_translation(templates, code).map(|p| vec![p])
        }
        New::Source {
            id,
            from,
            content,
            seeds,
        } => {
            let mut opts = Options::new(content.clone());
            opts.seeds = seeds.clone();
            minhbach::scaffold::new_source(&opts.seeds_dir(), id, from.as_deref()).map(|p| vec![p])
        }
    };
    match made {
        Ok(files) => {
            for f in &files {
                let f = f.display();
                eprintln!("{}", tell!(lang, en: "created {f}", vi: "đã tạo {f}"));
            }
            let next = match what {
                New::Site { dir } => {
                    let dir = dir.display();
                    tell!(lang,
                        en: "next: cd {dir} && minhbach serve",
                        vi: "tiếp theo: cd {dir} && minhbach serve"
                    )
                }
                New::Session { .. } => tell!(lang,
                    en: "next: fill in the title, sources and results, then run `minhbach check`",
                    vi: "tiếp theo: điền tiêu đề, nguồn và kết quả, rồi chạy `minhbach check`"
                ),
                New::Indicator { id, .. } => tell!(lang,
                    en: "next: write its name and unit, then use it in a session's results as `- indicator: {id}`",
                    vi: "tiếp theo: ghi tên và đơn vị, rồi dùng nó trong kết quả của một phiên họp: `- indicator: {id}`"
                ),
                New::Source { from: Some(_), .. } => tell!(lang,
                    en: "next: keep the figures sessions cite, correct their labels, write the publisher, then run `minhbach check`",
                    vi: "tiếp theo: giữ lại các số liệu mà phiên họp trích dẫn, sửa nhãn, ghi cơ quan đăng tin, rồi chạy `minhbach check`"
                ),
                New::Source { from: None, .. } => tell!(lang,
                    en: "next: write its title, publisher, date and the figures it printed, then list it under a session's `sources`",
                    vi: "tiếp theo: ghi tiêu đề, cơ quan đăng tin, ngày đăng và các số liệu đã in, rồi liệt kê nó trong `sources` của phiên họp"
                ),
                New::Translation { .. } => tell!(lang,
                    en: "next: translate its texts line by line; `minhbach check` lists those left",
                    vi: "tiếp theo: dịch từng dòng; `minhbach check` liệt kê những câu còn lại"
                ),
            };
            eprintln!("{next}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let message = e.message.get(lang);
            eprintln!(
                "{}",
                tell!(lang, en: "error: {message}", vi: "lỗi: {message}")
            );
            if let Some(h) = &e.hint {
                let h = h.get(lang);
                eprintln!("{}", tell!(lang, en: "  = hint: {h}", vi: "  = gợi ý: {h}"));
            }
            ExitCode::from(1)
        }
    }
}

/// Prints what the preview server does, in the format chosen for
/// diagnostics.
struct Printer<'a> {
    args: &'a ContentArgs,
}

impl Reporter for Printer<'_> {
    fn ready(&self, url: &str) {
        let lang = self.args.language();
        eprintln!(
            "{}",
            tell!(lang,
                en: "serving {url} (press Ctrl-C to stop)",
                vi: "đang phục vụ tại {url} (nhấn Ctrl-C để dừng)"
            )
        );
    }
    fn built(&self, _ok: bool, diags: &Diagnostics, summary: &str, lang: Language) {
        self.args.report(diags, lang);
        eprintln!("{}", escaped(summary));
    }
    fn problem(&self, message: &minhbach::diagnostics::Text) {
        let lang = self.args.language();
        let message = escaped(message.get(lang));
        eprintln!(
            "{}",
            tell!(lang, en: "error: {message}", vi: "lỗi: {message}")
        );
    }
}
