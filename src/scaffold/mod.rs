//! `minhbach new`: a starter project, and new session, indicator and
//! translation files from commented templates. The starter is a small real example (the
//! third session's e-commerce figure, with its source), so that it builds
//! and checks cleanly and shows every part of the content format.
//!
//! Nothing is ever overwritten: a file or folder that exists is an error.

mod from_report;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{say, Text};
use crate::model::{parse_id, BuiltInUnit, Date, Lang};

const SITE: &str = include_str!("starter/site.yaml");
const INDICATOR: &str = include_str!("starter/indicator.yaml");
const SESSION: &str = include_str!("starter/session.yaml");
const SOURCE: &str = include_str!("starter/source.yaml");
const NOTES_VI: &str = include_str!("starter/notes.md");
const NOTES_EN: &str = include_str!("starter/notes.en.md");
const TEMPLATES_README: &str = include_str!("starter/templates-README.md");
const NEW_SESSION: &str = include_str!("new-session.yaml");
const NEW_INDICATOR: &str = include_str!("new-indicator.yaml");
const NEW_SOURCE: &str = include_str!("new-source.yaml");

/// The starter's session and indicator, as named in its files.
const STARTER_SESSION: &str = "2022-08-08-phien-hop-thu-3";
const STARTER_INDICATOR: &str = "ecommerce-retail-share";
const STARTER_SOURCE: &str = "ninhbinh-2022-08-09";

/// Why nothing was created, in English and Vietnamese like every
/// problem reported to a publisher.
#[derive(Debug, PartialEq, Eq)]
pub struct ScaffoldError {
    pub message: Text,
    pub hint: Option<Text>,
}

impl ScaffoldError {
    fn new(message: Text) -> Self {
        ScaffoldError {
            message,
            hint: None,
        }
    }
    fn hint(mut self, h: Text) -> Self {
        self.hint = Some(h);
        self
    }
    fn io(path: &Path, e: io::Error) -> Self {
        let path = path.display();
        ScaffoldError::new(say!(en: "cannot write {path}: {e}", vi: "không ghi được {path}: {e}"))
    }
    /// "… already exists; nothing is overwritten".
    fn exists(path: &Path, what_to_do: Text) -> Self {
        let path = path.display();
        ScaffoldError::new(say!(en: "{path} already exists", vi: "{path} đã có")).hint(what_to_do)
    }
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message.en())?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {})", h.en())?;
        }
        Ok(())
    }
}

impl std::error::Error for ScaffoldError {}

/// Creates a starter project in `dir`, which must not exist or be empty.
/// Returns the files written.
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        let dir = dir.display();
        return Err(ScaffoldError::new(say!(
            en: "{dir} already exists and is not empty",
            vi: "{dir} đã có và không trống"
        ))
        .hint(say!(
            en: "choose a new folder name; nothing is overwritten",
            vi: "hãy chọn tên thư mục khác; không tệp nào bị ghi đè"
        )));
    }
    let session_dir = Path::new("content/sessions").join(STARTER_SESSION);
    let files: Vec<(PathBuf, String)> = vec![
        ("content/site.yaml".into(), SITE.to_owned()),
        (
            format!("content/indicators/{STARTER_INDICATOR}.yaml").into(),
            fill_units(INDICATOR),
        ),
        (session_dir.join("session.yaml"), SESSION.to_owned()),
        (session_dir.join("notes.md"), NOTES_VI.to_owned()),
        (session_dir.join("notes.en.md"), NOTES_EN.to_owned()),
        (
            format!("seeds/{STARTER_SOURCE}.yaml").into(),
            SOURCE.to_owned(),
        ),
        ("templates/README.md".into(), templates_readme()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Adds `sessions/<date>-<slug>/session.yaml` to the content folder.
pub fn new_session(content: &Path, date: &str, slug: &str) -> Result<PathBuf, ScaffoldError> {
    check_content(content)?;
    let Some(day) = crate::validate::parse_date(date) else {
        return Err(ScaffoldError::new(say!(
            en: "`{date}` is not a date",
            vi: "`{date}` không phải là một ngày"
        ))
        .hint(say!(
            en: "dates are YYYY-MM-DD, such as 2022-08-08",
            vi: "ngày viết theo dạng YYYY-MM-DD, ví dụ 2022-08-08"
        )));
    };
    let slug = checked_id(slug, say!(en: "session slug", vi: "tên phiên họp"))?;
    let id = format!("{}-{slug}", day.format("%Y-%m-%d"));
    // The folder name is the session id: it must pass the same rules.
    parse_id(&id).map_err(|e| {
        let why = e.said();
        ScaffoldError::new(say!(
            en: "the session id: {why_en}",
            vi: "mã phiên họp: {why_vi}",
            why_en = why.en(),
            why_vi = why.vi()
        ))
        .hint(say!(en: "use a shorter slug", vi: "hãy dùng tên ngắn hơn"))
    })?;
    let path = content.join("sessions").join(&id).join("session.yaml");
    if path.parent().is_some_and(Path::exists) {
        return Err(ScaffoldError::exists(
            path.parent().unwrap_or(&path),
            say!(
                en: "edit its session.yaml, or choose another slug; nothing is overwritten",
                vi: "hãy sửa tệp session.yaml trong đó, hoặc chọn tên khác; không tệp nào bị ghi đè"
            ),
        ));
    }
    write_new(&path, &session_text(day, &site_languages(content)))?;
    Ok(path)
}

/// Adds `indicators/<id>.yaml` to the content folder.
pub fn new_indicator(content: &Path, id: &str) -> Result<PathBuf, ScaffoldError> {
    check_content(content)?;
    let id = checked_id(id, say!(en: "indicator id", vi: "mã chỉ tiêu"))?;
    let path = content.join("indicators").join(format!("{id}.yaml"));
    refuse_existing(&path)?;
    let text = fill_units(NEW_INDICATOR)
        .replace("@ID@", &id)
        .replace("@NAME@", &id);
    write_new(&path, &text)?;
    Ok(path)
}

/// Adds `<id>.yaml` to the source register folder `seeds`: with `from`, a
/// report's text, every figure it prints, labelled with the words around
/// it, for the author to prune and correct (see `from_report`); without,
/// a commented entry to fill in.
pub fn new_source(seeds: &Path, id: &str, from: Option<&Path>) -> Result<PathBuf, ScaffoldError> {
    let id = checked_id(id, say!(en: "source id", vi: "mã nguồn"))?;
    let path = seeds.join(format!("{id}.yaml"));
    refuse_existing(&path)?;
    let text = match from {
        Some(report) => {
            let name = report.display().to_string();
            from_report::entry_text(&read_report(report)?, &name)
        }
        None => NEW_SOURCE.to_owned(),
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// A report's text: a regular file of UTF-8 text (a byte-order mark is
/// dropped), at most [`crate::safe_read::DEFAULT_MAX_FILE_BYTES`].
fn read_report(path: &Path) -> Result<String, ScaffoldError> {
    use crate::safe_read::{read_regular, NotRead, DEFAULT_MAX_FILE_BYTES};
    let shown = path.display();
    let bytes = read_regular(path, DEFAULT_MAX_FILE_BYTES).map_err(|e| match e {
        NotRead::Io(e) => ScaffoldError::io(path, e),
        NotRead::Link => ScaffoldError::new(say!(
            en: "{shown} is a symbolic link; give the file it points to",
            vi: "{shown} là liên kết tượng trưng; hãy chỉ thẳng tới tệp mà nó trỏ đến"
        )),
        NotRead::NotAFile => ScaffoldError::new(say!(
            en: "{shown} is not a regular file",
            vi: "{shown} không phải là một tệp thông thường"
        )),
        NotRead::TooLarge(len) => ScaffoldError::new(say!(
            en: "{shown} is {len} bytes, more than a report's text can be ({DEFAULT_MAX_FILE_BYTES} bytes)",
            vi: "{shown} dài {len} byte, quá giới hạn cho văn bản một bản tin ({DEFAULT_MAX_FILE_BYTES} byte)"
        )),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ScaffoldError::new(say!(
            en: "{shown}: byte {at} is not UTF-8 text",
            vi: "{shown}: byte thứ {at} không phải văn bản UTF-8"
        ))
        .hint(say!(
            en: "save the report as plain text in UTF-8 (in most editors: Save as, Encoding: UTF-8)",
            vi: "hãy lưu bản tin dưới dạng văn bản thuần, mã hóa UTF-8 (trong hầu hết trình soạn thảo: Lưu thành, Mã hóa: UTF-8)"
        ))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// Adds `i18n/<lang>.yaml` to the templates folder: a language's texts to
/// translate (or, for a built-in language, to change), every one commented
/// out, so that `check` lists what is left to translate and the built-in
/// text stays until a line is given. For a language minhbach has no texts
/// for, the lines that name its rules (CLDR locale, date form, Open Graph
/// locale) are given, from its code.
pub fn new_translation(templates: &Path, lang: &str) -> Result<PathBuf, ScaffoldError> {
    let lang = Lang::parse(lang).map_err(|_| {
        ScaffoldError::new(say!(
            en: "`{lang}` is not a language code",
            vi: "`{lang}` không phải là mã ngôn ngữ"
        ))
        .hint(say!(
            en: "use the code listed in `languages` in site.yaml, such as `fr` or `pt-br`",
            vi: "hãy dùng mã ghi trong `languages` của site.yaml, ví dụ `fr` hoặc `pt-br`"
        ))
    })?;
    let path = crate::load::translation_path(templates, &lang);
    write_new(&path, &translation_text(&lang))?;
    Ok(path)
}

/// The text of a new translation file for `lang` (see [`new_translation`]).
fn translation_text(lang: &Lang) -> String {
    let built_in = crate::locale::BUILT_IN
        .iter()
        .find(|(code, _)| *code == lang.as_str());
    let from = built_in
        .or_else(|| {
            crate::locale::BUILT_IN
                .iter()
                .find(|(code, _)| *code == crate::locale::FALLBACK)
        })
        .map_or("", |(_, text)| text);
    let mut out = format!(
        "# minhbach's texts in `{lang}`, for this site's pages. Each line is commented out:\n\
         # remove the `# ` before a text and write it in `{lang}` (keep each {{name}}\n\
         # in braces as it is). `minhbach check` lists the texts still to translate.\n"
    );
    let body = from.lines().skip_while(|l| l.starts_with('#'));
    for line in body {
        let key = line.trim_start().split(':').next().unwrap_or("");
        let group_line = !line.starts_with(' ');
        if group_line {
            out.push_str(line);
        } else if built_in.is_none() && matches!(key, "cldr" | "open_graph" | "date_form") {
            let value = match key {
                "cldr" => lang.to_string(),
                "open_graph" => lang.as_str().replace('-', "_"),
                _ => "long".to_owned(),
            };
            out.push_str(&format!("  {key}: \"{value}\""));
        } else {
            out.push_str("# ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn check_content(content: &Path) -> Result<(), ScaffoldError> {
    if content.join("site.yaml").is_file() {
        return Ok(());
    }
    let content = content.display();
    Err(ScaffoldError::new(say!(
        en: "{content} is not a content folder (it has no site.yaml)",
        vi: "{content} không phải là thư mục nội dung (không có site.yaml)"
    ))
    .hint(say!(
        en: "run this inside a project made by `minhbach new site DIR`, or pass --content DIR",
        vi: "hãy chạy lệnh trong một dự án tạo bằng `minhbach new site DIR`, hoặc thêm --content DIR"
    )))
}

/// Checks an id with the content format's rules, suggesting a valid one
/// (so `Phiên họp thứ 5` gives `phien-hop-thu-5`).
fn checked_id(s: &str, what: Text) -> Result<String, ScaffoldError> {
    parse_id(s).map_err(|e| {
        let why = e.said();
        let err = ScaffoldError::new(say!(
            en: "the {what_en}: {why_en}",
            vi: "{what_vi}: {why_vi}",
            what_en = what.en(),
            what_vi = what.vi(),
            why_en = why.en(),
            why_vi = why.vi()
        ));
        match &e.suggestion {
            Some(s) => err.hint(say!(en: "use `{s}`", vi: "hãy dùng `{s}`")),
            None => err.hint(say!(
                en: "use lowercase ASCII letters, digits and single hyphens",
                vi: "hãy dùng chữ thường không dấu, chữ số và dấu gạch nối đơn"
            )),
        }
    })
}

/// The languages `content/site.yaml` lists, as far as it can be read;
/// the default language when it lists none or cannot be read (`check`
/// reports why).
fn site_languages(content: &Path) -> Vec<Lang> {
    let listed =
        crate::load::site_languages(content, &crate::load::Limits::default()).unwrap_or_default();
    let mut langs: Vec<Lang> = listed.iter().filter_map(|l| Lang::parse(l).ok()).collect();
    if langs.is_empty() {
        langs.push(Lang::parse(crate::locale::DEFAULT).expect("a language code"));
    }
    langs
}

/// The new session's text: the template with its date, and a title naming
/// the date in each of the site's languages, to be replaced by the real one.
fn session_text(day: Date, languages: &[Lang]) -> String {
    let titles: Vec<String> = crate::locale::Locales::standard(languages)
        .iter()
        .map(|l| {
            let date = crate::locale::format::date(day, l);
            let title = l.language.session_title.replace("{date}", &date);
            format!("{}: \"{title}\"", l.lang)
        })
        .collect();
    NEW_SESSION
        .replace("@DATE@", &day.format("%Y-%m-%d").to_string())
        .replace("@TITLE@", &format!("{{{}}}", titles.join(", ")))
}

fn fill_units(template: &str) -> String {
    let names: Vec<&str> = BuiltInUnit::ALL.iter().map(|(n, _)| *n).collect();
    template.replace("@UNITS@", &names.join(", "))
}

fn templates_readme() -> String {
    let rows: Vec<String> = crate::render::templates::BUILTIN
        .iter()
        .map(|(name, _)| format!("| `{name}` | {} |", describe_template(name)))
        .collect();
    TEMPLATES_README.replace("@TEMPLATES@", &rows.join("\n"))
}

fn describe_template(name: &str) -> &'static str {
    match name {
        "base.html" => "the frame of every page: head, header, language switch, footer",
        "home.html" => "the home page: how the targets are going, then the sessions",
        "target.html" => {
            "one target's card (figure, target, status, movement, silence), included by the home and indicator pages"
        }
        "sessions.html" => "the list of sessions",
        "session_list.html" => {
            "the session list, included by the home page and the list of sessions"
        }
        "session.html" => "one session: its results, charts, notes and sources",
        "indicators.html" => "the list of indicators",
        "indicator.html" => "one indicator across sessions",
        "methodology.html" => "how the status of each result is worked out",
        "404.html" => "the page for a missing address",
        "style.css" => "the stylesheet",
        _ => "a page or part of one",
    }
}

/// An error when a file named by an id exists already: it is the author's.
fn refuse_existing(path: &Path) -> Result<(), ScaffoldError> {
    if !path.exists() {
        return Ok(());
    }
    Err(ScaffoldError::exists(
        path,
        say!(
            en: "edit it, or choose another id; nothing is overwritten",
            vi: "hãy sửa tệp đó, hoặc chọn mã khác; không tệp nào bị ghi đè"
        ),
    ))
}

/// Writes a file that must not exist yet, creating its folders.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| ScaffoldError::io(parent, e))?;
    }
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => ScaffoldError::exists(
                path,
                say!(en: "nothing is overwritten", vi: "không tệp nào bị ghi đè"),
            ),
            _ => ScaffoldError::io(path, e),
        })?;
    io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| ScaffoldError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_dates_follow_the_content_rules() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("p");
        new_site(&root).unwrap();
        let content = root.join("content");
        let e = new_session(&content, "2022-8-8", "x").unwrap_err();
        assert!(e.hint.unwrap().en().contains("YYYY-MM-DD"));
        let e = new_session(&content, "2022-09-01", "Phiên họp thứ 5").unwrap_err();
        assert_eq!(e.hint.as_ref().map(Text::en), Some("use `phien-hop-thu-5`"));
        let p = new_session(&content, "2022-09-01", "phien-hop-thu-5").unwrap();
        assert!(p.ends_with("sessions/2022-09-01-phien-hop-thu-5/session.yaml"));
        let text = fs::read_to_string(&p).unwrap();
        assert!(
            text.contains("Phiên họp ngày 01/09/2022") && text.contains("Session of 1 Sept 2022"),
            "{text}"
        );
        assert!(new_session(&content, "2022-09-01", "phien-hop-thu-5").is_err());
        let e = new_indicator(&content, "E-Invoice").unwrap_err();
        assert_eq!(e.hint.as_ref().map(Text::en), Some("use `e-invoice`"));
        assert!(new_indicator(&content, STARTER_INDICATOR).is_err());
        assert!(new_site(&root).is_err());
        assert!(new_indicator(&root, "x").is_err(), "not a content folder");
    }
}
