//! Turning what was read into the trusted [`model`](crate::model): every
//! value is checked, every reference resolved, and every problem reported
//! with its position and a hint, all in one pass.

pub mod provenance;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::raw::{
    RawIndicator, RawNumber, RawRegisterSource, RawResult, RawScalar, RawSession, RawSite,
    RawSourceEntry, RawText,
};
use crate::load::yaml::{Located, Seg};
use crate::load::{Loaded, LoadedSession, Parsed, TextFile};
use crate::model::*;
use crate::suggest::closest;
use crate::yaml_path;

/// What one validation made of each session, for the next validation of
/// the same content (a preview rebuild) to keep the sessions whose files
/// are the same ones, while everything a session is checked against
/// (site.yaml, the indicators, the register, the files that failed) is the
/// same too. "The same" is the same parsed file from the
/// [`load::Cache`](crate::load::Cache): this cache holds those files, so
/// one cannot be freed and another parsed in its place unnoticed.
#[derive(Default)]
pub struct Cache {
    against: Option<Against>,
    sessions: HashMap<String, Kept>,
    register: Option<KeptRegister>,
}

/// The register's files, the language it was read in, and what they gave.
struct KeptRegister {
    files: Vec<Arc<Parsed<RawRegisterSource>>>,
    lang: Lang,
    register: Arc<BTreeMap<SourceId, RegisterSource>>,
    printed: Printed,
    diags: Diagnostics,
}

/// The numbers each register entry printed, for the provenance check.
type Printed = Arc<HashMap<SourceId, Vec<f64>>>;

/// The register, validated or kept from `cache`, with its printed numbers.
fn register(
    v: &mut Validator,
    loaded: &Loaded,
    lang: &Lang,
    cache: Option<&mut Cache>,
) -> (Arc<BTreeMap<SourceId, RegisterSource>>, Printed) {
    let same = |k: &&KeptRegister| same_all(&k.files, &loaded.register) && k.lang == *lang;
    if let Some(k) = cache
        .as_ref()
        .and_then(|c| c.register.as_ref())
        .filter(same)
    {
        v.diags.extend(k.diags.clone());
        return (k.register.clone(), k.printed.clone());
    }
    let mut rv = Validator {
        diags: Diagnostics::default(),
        broken: v.broken.clone(),
        printed: Arc::default(),
    };
    let register = Arc::new(rv.register(&loaded.register, lang));
    // Each register entry's printed numbers are read once, not once per
    // result that cites it (a national register prints thousands).
    let printed: Printed = Arc::new(
        register
            .iter()
            .map(|(id, r)| {
                (
                    id.clone(),
                    r.figures
                        .iter()
                        .flat_map(|f| provenance::parse_printed(&f.value))
                        .collect(),
                )
            })
            .collect(),
    );
    if let Some(cache) = cache {
        cache.register = Some(KeptRegister {
            files: loaded.register.clone(),
            lang: lang.clone(),
            register: register.clone(),
            printed: printed.clone(),
            diags: rv.diags.clone(),
        });
    }
    v.diags.extend(rv.diags);
    (register, printed)
}

/// What sessions are checked against.
struct Against {
    site: Option<Arc<Parsed<RawSite>>>,
    indicators: Vec<Arc<Parsed<RawIndicator>>>,
    register: Vec<Arc<Parsed<RawRegisterSource>>>,
    unreadable: BTreeSet<PathBuf>,
}

impl Against {
    fn of(loaded: &Loaded) -> Against {
        Against {
            site: loaded.site.clone(),
            indicators: loaded.indicators.clone(),
            register: loaded.register.clone(),
            unreadable: loaded.unreadable.clone(),
        }
    }

    fn same(&self, other: &Against) -> bool {
        same_opt(&self.site, &other.site)
            && same_all(&self.indicators, &other.indicators)
            && same_all(&self.register, &other.register)
            && self.unreadable == other.unreadable
    }
}

/// One session folder's files and what validating them gave.
struct Kept {
    session: Option<Arc<Parsed<RawSession>>>,
    notes: Vec<(Option<String>, Arc<TextFile>)>,
    validated: Option<Arc<Session>>,
    diags: Diagnostics,
}

impl Kept {
    fn matches(&self, s: &LoadedSession) -> bool {
        same_opt(&self.session, &s.session)
            && self.notes.len() == s.notes.len()
            && self
                .notes
                .iter()
                .zip(&s.notes)
                .all(|((la, a), (lb, b))| la == lb && Arc::ptr_eq(a, b))
    }
}

fn same_opt<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn same_all<T>(a: &[Arc<T>], b: &[Arc<T>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
}

/// Checks everything and returns the site when there is no error.
/// Warnings are added to `diags` either way.
pub fn validate(loaded: Loaded, diags: &mut Diagnostics) -> Option<Site> {
    validate_cached(loaded, diags, None)
}

/// [`validate`], keeping from `cache` the sessions that need no new check
/// and leaving in it what this validation made of each.
pub fn validate_cached(
    loaded: Loaded,
    diags: &mut Diagnostics,
    mut cache: Option<&mut Cache>,
) -> Option<Site> {
    let mut v = Validator {
        diags: Diagnostics::default(),
        broken: loaded.unreadable.clone(),
        printed: Arc::default(),
    };
    let site_broken = v.broken.contains(Path::new("site.yaml"));
    let site = v.site(loaded.site.as_deref(), site_broken);
    let langs = site
        .as_ref()
        .map(|s| s.languages.clone())
        .unwrap_or_else(|| vec![Lang::parse("vi").expect("valid")]);

    let (register, printed) = register(&mut v, &loaded, &langs[0], cache.as_deref_mut());
    v.printed = printed;
    let indicators = v.indicators(&loaded.indicators, &langs);
    let scopes = site.as_ref().map(|s| s.scopes.clone()).unwrap_or_default();
    // Sessions are independent of each other: validated in parallel, their
    // diagnostics kept in the order of the files.
    let against = cache.as_ref().map(|_| Against::of(&loaded));
    let previous = match cache {
        Some(c) => {
            let same = matches!((&c.against, &against), (Some(a), Some(b)) if a.same(b));
            let kept = std::mem::take(&mut c.sessions);
            c.against = against;
            Some((c, if same { kept } else { HashMap::new() }))
        }
        None => None,
    };
    let kept = previous.as_ref().map(|(_, k)| k);
    let checked: Vec<(Option<Arc<Session>>, Diagnostics)> = loaded
        .sessions
        .par_iter()
        .map(|s| {
            if let Some(k) = kept.and_then(|k| k.get(&s.folder)).filter(|k| k.matches(s)) {
                return (k.validated.clone(), k.diags.clone());
            }
            let mut sv = Validator {
                diags: Diagnostics::default(),
                broken: v.broken.clone(),
                printed: v.printed.clone(),
            };
            let session = sv.session(s, &langs, &indicators, &scopes, &register);
            (session.map(Arc::new), sv.diags)
        })
        .collect();
    if let Some((cache, _)) = previous {
        cache.sessions = loaded
            .sessions
            .iter()
            .zip(&checked)
            .map(|(s, (validated, diags))| {
                let kept = Kept {
                    session: s.session.clone(),
                    notes: s.notes.clone(),
                    validated: validated.clone(),
                    diags: diags.clone(),
                };
                (s.folder.clone(), kept)
            })
            .collect();
    }
    let mut sessions = Vec::new();
    for (session, d) in checked {
        v.diags.extend(d);
        sessions.extend(session);
    }
    sessions.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));

    // Indicators that no result uses are probably a typo somewhere. Not
    // said while other errors stand: a session that failed to load would
    // make every indicator it uses look unused.
    let load_failed = diags.has_errors() || v.diags.has_errors();
    let used: std::collections::HashSet<&IndicatorId> = sessions
        .iter()
        .flat_map(|s| s.results.iter().map(|r| &r.indicator))
        .collect();
    for ind in indicators.values() {
        if !load_failed && !used.contains(&ind.id) {
            v.diags.push(
                Diagnostic::warning(
                    Code::UnusedIndicator,
                    &ind.file,
                    format!("indicator `{}` is not used by any session", ind.id),
                )
                .hint("add a result for it, or remove the file"),
            );
        }
    }

    if site_broken {
        // The defaults used in place of a broken site.yaml (one language,
        // no scopes) would make these problems up.
        let mut kept = Diagnostics::default();
        for d in v.diags.iter().filter(|d| !SITE_DEPENDENT.contains(&d.code)) {
            kept.push(d.clone());
        }
        v.diags = kept;
    }
    let has_errors = v.diags.has_errors();
    diags.extend(v.diags);
    let settings = site?;
    if has_errors {
        return None;
    }
    Some(Site {
        settings,
        indicators,
        sessions,
        register,
    })
}

/// Diagnostics that depend on the languages and scopes of site.yaml.
const SITE_DEPENDENT: [Code; 3] = [
    Code::UnknownLanguage,
    Code::MissingTranslation,
    Code::UnknownScope,
];

struct Validator {
    diags: Diagnostics,
    /// Files that exist but could not be used (already reported): references
    /// to them are not reported again as unknown.
    broken: BTreeSet<PathBuf>,
    /// The numbers each register entry printed, for the provenance check.
    printed: Printed,
}

/// The file being validated, for positions.
struct Ctx<'a> {
    rel: &'a Path,
    at: Located<'a>,
}

impl<'a> Ctx<'a> {
    fn new<T>(p: &'a Parsed<T>) -> Self {
        Ctx {
            rel: &p.file.rel,
            at: Located::new(&p.file.text, &p.spans),
        }
    }
    fn error(&self, code: Code, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, self.rel, message).at(self.at.locate(path))
    }
    fn warning(&self, code: Code, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(code, self.rel, message).at(self.at.locate(path))
    }
}

fn with(path: &[Seg], seg: impl Into<Seg>) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg.into());
    p
}

impl Validator {
    fn site(&mut self, parsed: Option<&Parsed<RawSite>>, broken: bool) -> Option<Settings> {
        let Some(p) = parsed else {
            if broken {
                return None;
            }
            self.diags.push(
                Diagnostic::error(
                    Code::MissingSite,
                    "site.yaml",
                    "the content folder has no `site.yaml`",
                )
                .hint(
                    "create it with at least `title:` and `base_url:`; see docs/content-format.md",
                ),
            );
            return None;
        };
        let cx = Ctx::new(p);
        let raw = &p.value;
        let mut languages: Vec<Lang> = Vec::new();
        for (i, l) in raw.languages.iter().flatten().enumerate() {
            match Lang::parse(&l.0) {
                Ok(lang) if languages.contains(&lang) => self.diags.push(cx.error(
                    Code::DuplicateLanguage,
                    &yaml_path!["languages", i],
                    format!("language `{lang}` is listed twice"),
                )),
                Ok(lang) => languages.push(lang),
                Err(msg) => {
                    self.diags
                        .push(cx.error(Code::BadLanguage, &yaml_path!["languages", i], msg))
                }
            }
        }
        if languages.is_empty() {
            if raw.languages.as_ref().is_some_and(|l| l.is_empty()) {
                self.diags.push(
                    cx.error(
                        Code::NoLanguage,
                        &yaml_path!["languages"],
                        "`languages` is empty",
                    )
                    .hint(
                        "list at least one language code; the first is the default, e.g. [vi, en]",
                    ),
                );
            }
            languages.push(Lang::parse("vi").expect("valid"));
        }
        let base_url = self.base_url(&raw.base_url, &cx);
        let mut scopes = BTreeMap::new();
        for (k, t) in raw.scopes.iter().flatten() {
            let path = yaml_path!["scopes", k.as_str()];
            match ScopeId::parse(k) {
                Ok(id) if id.is_national() => self.diags.push(cx.error(
                    Code::ReservedScope,
                    &path,
                    "`national` is the built-in default scope and needs no entry",
                )),
                Ok(id) => {
                    scopes.insert(id, self.text(t, &cx, &path, &languages));
                }
                Err(e) => self.diags.push(id_error(&cx, &path, "scope", &e)),
            }
        }
        Some(Settings {
            title: self.text(&raw.title, &cx, &yaml_path!["title"], &languages),
            description: raw
                .description
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["description"], &languages))
                .unwrap_or_default(),
            base_url: base_url.unwrap_or_else(|| "https://example.invalid/".to_owned()),
            publisher: raw
                .publisher
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["publisher"], &languages))
                .unwrap_or_default(),
            license: raw.license.clone(),
            languages,
            scopes,
        })
    }

    /// An absolute http(s) URL, normalised to end with `/`.
    fn base_url(&mut self, raw: &str, cx: &Ctx) -> Option<String> {
        match check_base_url(raw) {
            Ok(u) => Some(u),
            Err(why) => {
                self.diags.push(
                    cx.error(Code::BadBaseUrl, &yaml_path!["base_url"], format!("`{raw}` is not a usable base_url: {why}"))
                        .expected("an absolute http or https URL such as https://example.org/ or https://user.github.io/project/"),
                );
                None
            }
        }
    }

    fn text(&mut self, raw: &RawText, cx: &Ctx, path: &[Seg], langs: &[Lang]) -> LocalizedText {
        match raw {
            RawText::One(s) => LocalizedText::same(s.trim()),
            RawText::ByLang(map) => {
                let mut out = BTreeMap::new();
                for (k, s) in map {
                    match Lang::parse(k) {
                        Ok(l) if langs.contains(&l) => {
                            out.insert(l, s.trim().to_owned());
                        }
                        Ok(l) => self.diags.push(
                            cx.warning(Code::UnknownLanguage, &with(path, k.as_str()), format!("`{l}` is not one of the site's languages, so this text is never shown"))
                                .hint(format!("the site's languages are {}; add it to `languages` in site.yaml", list(langs))),
                        ),
                        Err(msg) => self.diags.push(cx.error(Code::BadLanguage, &with(path, k.as_str()), msg)),
                    }
                }
                for l in langs {
                    if !out.contains_key(l) {
                        self.diags.push(
                            cx.warning(
                                Code::MissingTranslation,
                                path,
                                format!("no `{l}` text; the {} text is shown instead", langs[0]),
                            )
                            .hint(format!("add `{l}: \"…\"` to this field")),
                        );
                    }
                }
                LocalizedText::by_lang(out)
            }
        }
    }

    fn number(&mut self, raw: &Option<RawNumber>, cx: &Ctx, path: &[Seg]) -> Option<f64> {
        match raw.as_ref()? {
            // `-0.0` is zero: written `0` everywhere, never `-0`.
            RawNumber::Number(n) if n.is_finite() => Some(if *n == 0.0 { 0.0 } else { *n }),
            RawNumber::Number(n) => {
                let written = if n.is_nan() {
                    ".nan"
                } else if *n > 0.0 {
                    ".inf"
                } else {
                    "-.inf"
                };
                self.diags.push(not_finite(cx, path, written, true));
                None
            }
            RawNumber::Text(s) => {
                let plain = s.trim();
                // serde_yaml hands over a number out of the range of f64
                // (`1e309`) as text; Rust also reads `inf` and `NaN`.
                match plain.parse::<f64>() {
                    Ok(n) if !n.is_finite() => {
                        let digits = plain.bytes().any(|b| b.is_ascii_digit());
                        self.diags
                            .push(not_finite(cx, path, plain, n.is_nan() || !digits));
                        return None;
                    }
                    _ => {}
                }
                if matches!(
                    plain.to_ascii_lowercase().trim_start_matches(['+', '-']),
                    ".inf" | ".nan"
                ) {
                    self.diags.push(not_finite(cx, path, plain, true));
                    return None;
                }
                // A number in quotes is suggested as it is; otherwise the
                // figure read the way reports print it, unless the text
                // has an exponent that reading would cut (`1e5` is not 1).
                let suggestion = match plain.parse::<f64>() {
                    Ok(n) => Some(if n == 0.0 { 0.0 } else { n }),
                    Err(_) if has_exponent(plain) => None,
                    Err(_) => provenance::parse_printed(s).first().copied(),
                };
                let mut d = cx
                    .error(
                        Code::NumberAsText,
                        path,
                        format!("`\"{s}\"` is text, not a number"),
                    )
                    .expected("a YAML number with a dot decimal and no unit, such as 11.27");
                d = match suggestion {
                    Some(n) => d.hint(format!("write {n}, not \"{s}\"")),
                    None => d.hint("write the number without quotes, or leave the field out if it was not reported"),
                };
                self.diags.push(d);
                None
            }
        }
    }

    fn date(&mut self, raw: &RawScalar, cx: &Ctx, path: &[Seg]) -> Option<Date> {
        match parse_date(&raw.0) {
            Some(d) => Some(d),
            None => {
                self.diags.push(
                    cx.error(Code::BadDate, path, format!("`{}` is not a date", raw.0))
                        .expected("a date written YYYY-MM-DD, such as 2022-08-08")
                        .hint("dates are YYYY-MM-DD"),
                );
                None
            }
        }
    }

    fn register(
        &mut self,
        parsed: &[Arc<Parsed<RawRegisterSource>>],
        default: &Lang,
    ) -> BTreeMap<SourceId, RegisterSource> {
        let mut out = BTreeMap::new();
        for p in parsed {
            let cx = Ctx::new(p);
            let id = match SourceId::parse(&p.stem) {
                Ok(id) => id,
                Err(e) => {
                    self.diags.push(file_id_error(&p.file.rel, "source", &e));
                    continue;
                }
            };
            let raw = &p.value;
            let published = self.date(&raw.published, &cx, &yaml_path!["published"]);
            let language = match Lang::parse(&raw.language.0) {
                Ok(l) => l,
                Err(msg) => {
                    self.diags
                        .push(cx.error(Code::BadLanguage, &yaml_path!["language"], msg));
                    default.clone()
                }
            };
            if let Some(url) = &raw.url {
                if let Err(why) = check_link(url) {
                    self.diags.push(cx.error(
                        Code::BadUrl,
                        &yaml_path!["url"],
                        format!("`{url}` is not a usable link: {why}"),
                    ));
                }
            }
            let figures = raw
                .figures
                .iter()
                .map(|f| PrintedFigure {
                    label: f.label.trim().to_owned(),
                    value: f.value.0.trim().to_owned(),
                })
                .collect();
            if let Some(published) = published {
                out.insert(
                    id.clone(),
                    RegisterSource {
                        id,
                        title: raw.title.trim().to_owned(),
                        publisher: raw.publisher.trim().to_owned(),
                        published,
                        language,
                        url: raw.url.clone(),
                        about: raw.about.clone(),
                        figures,
                    },
                );
            }
        }
        out
    }

    fn indicators(
        &mut self,
        parsed: &[Arc<Parsed<RawIndicator>>],
        langs: &[Lang],
    ) -> BTreeMap<IndicatorId, Indicator> {
        let mut out = BTreeMap::new();
        for p in parsed {
            let cx = Ctx::new(p);
            let id = match IndicatorId::parse(&p.stem) {
                Ok(id) => id,
                Err(e) => {
                    self.diags.push(file_id_error(&p.file.rel, "indicator", &e));
                    continue;
                }
            };
            let raw = &p.value;
            let unit = Unit::parse(&raw.unit.0);
            if unit.is_none() {
                let names: Vec<&str> = Unit::ALL.iter().map(|(n, _)| *n).collect();
                let mut d = cx
                    .error(
                        Code::BadUnit,
                        &yaml_path!["unit"],
                        format!("unknown unit `{}`", raw.unit.0),
                    )
                    .expected(format!("one of {}", names.join(", ")));
                if let Some(s) = closest(&raw.unit.0, names.iter().copied()) {
                    d = d.hint(format!("did you mean `{s}`?"));
                }
                self.diags.push(d);
            }
            let direction = match &raw.direction {
                None => Some(Direction::Up),
                Some(d) => {
                    let parsed = Direction::parse(&d.0);
                    if parsed.is_none() {
                        self.diags.push(
                            cx.error(
                                Code::BadDirection,
                                &yaml_path!["direction"],
                                format!("unknown direction `{}`", d.0),
                            )
                            .expected("`up` (higher is better) or `down` (lower is better)"),
                        );
                    }
                    parsed
                }
            };
            let name = self.text(&raw.name, &cx, &yaml_path!["name"], langs);
            let short_name = raw
                .short_name
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["short_name"], langs));
            let group = raw
                .group
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["group"], langs));
            let description = raw
                .description
                .as_ref()
                .map(|t| self.text(t, &cx, &yaml_path!["description"], langs));
            if let (Some(unit), Some(direction)) = (unit, direction) {
                out.insert(
                    id.clone(),
                    Indicator {
                        id,
                        name,
                        short_name,
                        unit,
                        direction,
                        group,
                        description,
                        file: p.file.rel.clone(),
                    },
                );
            } else {
                self.broken.insert(p.file.rel.clone());
            }
        }
        out
    }

    fn session(
        &mut self,
        loaded: &crate::load::LoadedSession,
        langs: &[Lang],
        indicators: &BTreeMap<IndicatorId, Indicator>,
        scopes: &BTreeMap<ScopeId, LocalizedText>,
        register: &BTreeMap<SourceId, RegisterSource>,
    ) -> Option<Session> {
        let Some(p) = &loaded.session else {
            if !loaded.notes.is_empty()
                && !self.broken.contains(&loaded.rel_dir.join("session.yaml"))
            {
                self.diags.push(
                    Diagnostic::error(
                        Code::MissingSession,
                        loaded.rel_dir.join("session.yaml"),
                        "this session folder has notes but no `session.yaml`",
                    )
                    .hint("add session.yaml with at least `title:` and `date:`"),
                );
            }
            return None;
        };
        let cx = Ctx::new(p);
        let id = match SessionId::parse(&loaded.folder) {
            Ok(id) => Some(id),
            Err(e) => {
                self.diags
                    .push(file_id_error(&loaded.rel_dir, "session", &e));
                None
            }
        };
        let raw: &RawSession = &p.value;
        let date = self.date(&raw.date, &cx, &yaml_path!["date"]);
        let title = self.text(&raw.title, &cx, &yaml_path!["title"], langs);
        let chair = raw
            .chair
            .as_ref()
            .map(|t| self.text(t, &cx, &yaml_path!["chair"], langs));
        let summary = raw
            .summary
            .as_ref()
            .map(|t| self.text(t, &cx, &yaml_path!["summary"], langs));

        // Sources: inline ones, and register ids.
        let mut sources: Vec<Source> = Vec::new();
        for (i, entry) in raw.sources.iter().enumerate() {
            let path = yaml_path!["sources", i];
            let source = match entry {
                RawSourceEntry::Register(rid) => match SourceId::parse(rid) {
                    Ok(sid) => match register.get(&sid) {
                        Some(r) => Some(r.as_source()),
                        None => {
                            let mut d = cx
                                .error(Code::UnknownSource, &path, format!("no source `{rid}` in the register (seeds/)"))
                                .expected("the id of a file seeds/<id>.yaml, or an inline source with id and title");
                            if let Some(s) = closest(rid, register.keys().map(SourceId::as_str)) {
                                d = d.hint(format!("did you mean `{s}`?"));
                            }
                            self.diags.push(d);
                            None
                        }
                    },
                    Err(e) => {
                        self.diags.push(id_error(&cx, &path, "source", &e));
                        None
                    }
                },
                RawSourceEntry::Inline(s) => {
                    let sid = match SourceId::parse(&s.id.0) {
                        Ok(sid) => Some(sid),
                        Err(e) => {
                            self.diags
                                .push(id_error(&cx, &with(&path, "id"), "source", &e));
                            None
                        }
                    };
                    let sdate = s
                        .date
                        .as_ref()
                        .and_then(|d| self.date(d, &cx, &with(&path, "date")));
                    if let Some(url) = &s.url {
                        if let Err(why) = check_link(url) {
                            self.diags.push(cx.error(
                                Code::BadUrl,
                                &with(&path, "url"),
                                format!("`{url}` is not a usable link: {why}"),
                            ));
                        }
                    }
                    let title = self.text(&s.title, &cx, &with(&path, "title"), langs);
                    let publisher = s
                        .publisher
                        .as_ref()
                        .map(|t| self.text(t, &cx, &with(&path, "publisher"), langs))
                        .unwrap_or_default();
                    sid.map(|id| Source {
                        id,
                        title,
                        publisher,
                        date: sdate,
                        url: s.url.clone().filter(|u| check_link(u).is_ok()),
                        register: false,
                    })
                }
            };
            if let Some(source) = source {
                if sources.iter().any(|s| s.id == source.id) {
                    self.diags.push(cx.error(
                        Code::DuplicateSource,
                        &path,
                        format!("source `{}` is listed twice in this session", source.id),
                    ));
                } else {
                    sources.push(source);
                }
            }
        }

        // Results are independent of each other but for duplicates: checked
        // in parallel (a national session has hundreds, and an edit
        // validates its session again), their diagnostics kept in order.
        let checked: Vec<(Option<ResultEntry>, Diagnostics)> = raw
            .results
            .par_iter()
            .enumerate()
            .map(|(i, r)| {
                let mut rv = Validator {
                    diags: Diagnostics::default(),
                    broken: self.broken.clone(),
                    printed: self.printed.clone(),
                };
                let path = yaml_path!["results", i];
                let entry = rv.result(
                    r, &cx, &path, date, langs, indicators, scopes, &sources, register,
                );
                (entry, rv.diags)
            })
            .collect();
        let mut results = Vec::new();
        let mut seen: HashMap<(IndicatorId, ScopeId), usize> = HashMap::new();
        for (i, (entry, diags)) in checked.into_iter().enumerate() {
            self.diags.extend(diags);
            let path = yaml_path!["results", i];
            if let Some(entry) = entry {
                let key = (entry.indicator.clone(), entry.scope.clone());
                if let Some(first) = seen.get(&key) {
                    self.diags.push(
                        cx.error(
                            Code::DuplicateResult,
                            &with(&path, "indicator"),
                            format!("indicator `{}` (scope `{}`) already has a result in this session, at results[{first}]", key.0, key.1),
                        )
                        .hint("give each result its own `scope`, or remove the duplicate"),
                    );
                    continue;
                }
                seen.insert(key, i);
                results.push(entry);
            }
        }

        let mut notes = BTreeMap::new();
        for (lang, file) in &loaded.notes {
            let lang = match lang {
                None => langs[0].clone(),
                Some(code) => match Lang::parse(code) {
                    Ok(l) if langs.contains(&l) => l,
                    Ok(l) => {
                        self.diags.push(
                            Diagnostic::warning(Code::UnknownLanguage, &file.rel, format!("`{l}` is not one of the site's languages, so these notes are never shown"))
                                .hint(format!("the site's languages are {}", list(langs))),
                        );
                        continue;
                    }
                    Err(msg) => {
                        self.diags
                            .push(Diagnostic::error(Code::BadLanguage, &file.rel, msg));
                        continue;
                    }
                },
            };
            if let Err(over) = crate::render::markdown::check_limits(&file.text) {
                let mut offset = over.offset.min(file.text.len());
                while !file.text.is_char_boundary(offset) {
                    offset -= 1;
                }
                let before = &file.text[..offset];
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let location = crate::load::yaml::Location {
                    line: before.matches('\n').count() + 1,
                    column: before[line_start..].chars().count() + 1,
                };
                self.diags.push(
                    Diagnostic::error(over.code, &file.rel, over.message)
                        .at(Some(location))
                        .hint(if over.code == Code::HtmlTooDeep {
                            "close the HTML tags that are left open, or nest less"
                        } else {
                            "split the notes, or write the sources as a list"
                        }),
                );
                continue;
            }
            if notes.insert(lang.clone(), file.text.clone()).is_some() {
                self.diags.push(Diagnostic::error(
                    Code::DuplicateNotes,
                    &file.rel,
                    format!("two notes files for language `{lang}` (`notes.md` is the default language, {})", langs[0]),
                ));
            }
        }
        if !notes.is_empty() {
            for l in langs {
                if !notes.contains_key(l) {
                    self.diags.push(
                        Diagnostic::warning(Code::MissingTranslation, loaded.rel_dir.join(if l == &langs[0] { "notes.md".to_owned() } else { format!("notes.{l}.md") }), format!("this session has notes, but none in `{l}`"))
                            .hint("add the file; readers of that language see the notes of another language until then"),
                    );
                }
            }
        }

        Some(Session {
            id: id?,
            title,
            date: date?,
            chair,
            summary,
            sources,
            results,
            notes,
            file: p.file.rel.clone(),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn result(
        &mut self,
        r: &RawResult,
        cx: &Ctx,
        path: &[Seg],
        session_date: Option<Date>,
        langs: &[Lang],
        indicators: &BTreeMap<IndicatorId, Indicator>,
        scopes: &BTreeMap<ScopeId, LocalizedText>,
        sources: &[Source],
        register: &BTreeMap<SourceId, RegisterSource>,
    ) -> Option<ResultEntry> {
        let errors_before = self.diags.count(crate::diagnostics::Severity::Error);
        let ind_path = with(path, "indicator");
        let indicator = match IndicatorId::parse(&r.indicator.0) {
            Ok(id) => match indicators.get(&id) {
                Some(ind) => Some(ind),
                None if self
                    .broken
                    .contains(&Path::new("indicators").join(format!("{id}.yaml"))) =>
                {
                    None
                }
                None => {
                    let mut d = cx
                        .error(
                            Code::UnknownIndicator,
                            &ind_path,
                            format!("unknown indicator `{id}`"),
                        )
                        .expected("the id of a file in indicators/");
                    if let Some(s) =
                        closest(id.as_str(), indicators.keys().map(IndicatorId::as_str))
                    {
                        d = d.hint(format!("did you mean `{s}`?"));
                    } else {
                        d = d.hint(format!("create indicators/{id}.yaml"));
                    }
                    self.diags.push(d);
                    None
                }
            },
            Err(e) => {
                self.diags.push(id_error(cx, &ind_path, "indicator", &e));
                None
            }
        };
        let actual = self.number(&r.actual, cx, &with(path, "actual"));
        let out_of = self.number(&r.out_of, cx, &with(path, "out_of"));
        let target = self.number(&r.target, cx, &with(path, "target"));
        let baseline = self.number(&r.baseline, cx, &with(path, "baseline"));
        let as_of = match &r.as_of {
            Some(d) => self.date(d, cx, &with(path, "as_of")),
            None => session_date,
        };
        let target_date = r
            .target_date
            .as_ref()
            .and_then(|d| self.date(d, cx, &with(path, "target_date")));
        let baseline_date = r
            .baseline_date
            .as_ref()
            .and_then(|d| self.date(d, cx, &with(path, "baseline_date")));
        let qualifier = r.qualifier.as_ref().and_then(|q| {
            let parsed = Qualifier::parse(&q.0);
            if parsed.is_none() {
                self.diags.push(
                    cx.error(
                        Code::BadQualifier,
                        &with(path, "qualifier"),
                        format!("unknown qualifier `{}`", q.0),
                    )
                    .expected("one of about, nearly, more-than, less-than"),
                );
            }
            parsed
        });
        let scope = match &r.scope {
            None => Some(ScopeId::national()),
            Some(s) => match ScopeId::parse(&s.0) {
                Ok(id) if id.is_national() || scopes.contains_key(&id) => Some(id),
                Ok(id) => {
                    let mut d = cx
                        .error(
                            Code::UnknownScope,
                            &with(path, "scope"),
                            format!("unknown scope `{id}`"),
                        )
                        .expected("`national` or a scope listed under `scopes:` in site.yaml");
                    if let Some(s) = closest(id.as_str(), scopes.keys().map(ScopeId::as_str)) {
                        d = d.hint(format!("did you mean `{s}`?"));
                    } else {
                        d = d.hint(format!(
                            "add `{id}: {{vi: \"…\", en: \"…\"}}` under `scopes:` in site.yaml"
                        ));
                    }
                    self.diags.push(d);
                    None
                }
                Err(e) => {
                    self.diags
                        .push(id_error(cx, &with(path, "scope"), "scope", &e));
                    None
                }
            },
        };
        let source = match &r.source {
            None => {
                self.diags.push(
                    cx.warning(Code::NoSource, path, "this result names no `source`")
                        .hint("add `source: <id>` naming one of the session's sources, so readers can check the figure"),
                );
                None
            }
            Some(s) => {
                let found = SourceId::parse(&s.0)
                    .ok()
                    .filter(|id| sources.iter().any(|x| &x.id == id));
                if found.is_none() {
                    let mut d = cx
                        .error(
                            Code::UnknownSource,
                            &with(path, "source"),
                            format!("`{}` is not one of this session's sources", s.0),
                        )
                        .expected("the id of an entry in this session's `sources:`");
                    if register.contains_key(s.0.as_str()) {
                        d = d.hint(format!("add `- {}` to the session's `sources:`", s.0));
                    } else if let Some(c) = closest(&s.0, sources.iter().map(|x| x.id.as_str())) {
                        d = d.hint(format!("did you mean `{c}`?"));
                    }
                    self.diags.push(d);
                }
                found
            }
        };
        let note = r
            .note
            .as_ref()
            .map(|t| self.text(t, cx, &with(path, "note"), langs));

        // A target due before the session is either a typo in the year or
        // a review of a period that has ended (a year-end review held in
        // January). The second says so with `as_of` on or before the due
        // date: the figure was measured for the period the target was set
        // for. So the warning is for a target due before the figure's date,
        // which is the session's date unless `as_of` gives another.
        if let (Some(td), Some(sd), Some(measured)) = (target_date, session_date, as_of) {
            if td < sd && td < measured {
                let d = cx.warning(
                    Code::TargetDateBeforeSession,
                    &with(path, "target_date"),
                    format!("the target was due on {td}, before the session ({sd})"),
                );
                self.diags.push(if r.as_of.is_some() {
                    d.hint(format!("check the year of `target_date`; the figure is as of {measured}, after the target was due"))
                } else {
                    d.hint(format!(
                        "check the year of `target_date`; if this session reviews the period that ended on {td}, add `as_of: {td}` (or the date the figure was measured)"
                    ))
                });
            }
        }
        for (field, value) in [
            ("actual", actual),
            ("target", target),
            ("baseline", baseline),
        ] {
            if let (Some(ind), Some(v)) = (indicator, value) {
                if ind.unit == Unit::Percent && v > 100.0 {
                    self.diags.push(
                        cx.warning(Code::PercentOver100, &with(path, field), format!("{field} {v}% is more than 100% for a share"))
                            .hint("check the figure; some shares can exceed 100 (growth, a multiple), most cannot"),
                    );
                }
            }
        }
        if baseline.is_some() != baseline_date.is_some()
            && r.baseline.is_some() != r.baseline_date.is_some()
        {
            self.diags.push(
                cx.warning(
                    Code::BaselineWithoutDate,
                    path,
                    "`baseline` and `baseline_date` go together",
                )
                .hint("give both, so the on-track status can be computed"),
            );
        }

        // Provenance: a figure that cites the register must be one of the
        // figures the document printed.
        if let Some(reg) = source.as_ref().and_then(|s| register.get(s)) {
            let printed: &[f64] = self
                .printed
                .get(&reg.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for (field, value) in [
                ("actual", actual),
                ("target", target),
                ("baseline", baseline),
                ("out_of", out_of),
            ] {
                if let Some(v) = value {
                    if !provenance::matches(v, printed) {
                        let mut nearest: Vec<(f64, &PrintedFigure)> = reg
                            .figures
                            .iter()
                            .flat_map(|f| {
                                provenance::parse_printed(&f.value)
                                    .into_iter()
                                    .map(move |n| (n, f))
                            })
                            .collect();
                        nearest.sort_by(|a, b| (a.0 - v).abs().total_cmp(&(b.0 - v).abs()));
                        let mut d = cx.error(
                            Code::Provenance,
                            &with(path, field),
                            format!(
                                "{field} {v} is not among the figures printed by `{}`",
                                reg.id
                            ),
                        );
                        if let Some((n, f)) = nearest.first() {
                            d = d.hint(format!(
                                "the closest printed figure is {n} (\"{}\", {})",
                                f.value, f.label
                            ));
                        }
                        self.diags.push(d);
                    }
                }
            }
        }

        if self.diags.count(crate::diagnostics::Severity::Error) > errors_before {
            return None;
        }
        Some(ResultEntry {
            indicator: indicator?.id.clone(),
            actual,
            qualifier,
            out_of,
            as_of: as_of?,
            target,
            target_date,
            baseline,
            baseline_date,
            scope: scope?,
            source,
            note,
            line: cx.at.locate(path).map(|l| l.line),
        })
    }
}

fn id_error(cx: &Ctx, path: &[Seg], what: &str, e: &IdError) -> Diagnostic {
    let mut d = cx
        .error(Code::BadId, path, format!("{e}"))
        .expected(format!(
            "{} {what} id: lowercase ASCII letters, digits and single hyphens, 1 to 80 characters",
            article(what)
        ));
    if let Some(s) = &e.suggestion {
        d = d.hint(format!("use `{s}`"));
    }
    d
}

fn file_id_error(rel: &Path, what: &str, e: &IdError) -> Diagnostic {
    let mut d = Diagnostic::error(
        Code::BadId,
        rel,
        format!("the {what} id comes from this name, and {e}"),
    )
    .expected(format!(
        "{} {what} id: lowercase ASCII letters, digits and single hyphens, 1 to 80 characters",
        article(what)
    ));
    if let Some(s) = &e.suggestion {
        d = d.hint(format!("rename it to `{s}`"));
    }
    d
}

/// "an" before indicator, "a" before session, source and scope.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    Date::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Checks a base URL and returns it normalised to end with `/`.
pub fn check_base_url(raw: &str) -> Result<String, &'static str> {
    let u = url::Url::parse(raw.trim()).map_err(|_| "it does not parse as a URL")?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err("it must start with http:// or https://");
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err("it has no host name");
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err("it cannot have a query (?…) or a fragment (#…)");
    }
    let mut s = u.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

/// Checks a link to a source document: only http(s), so no `javascript:`.
pub fn check_link(raw: &str) -> Result<(), &'static str> {
    let u = url::Url::parse(raw.trim()).map_err(|_| "it does not parse as a URL")?;
    match u.scheme() {
        "http" | "https" => Ok(()),
        _ => Err("only http:// and https:// links are allowed"),
    }
}

fn list(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The error for a number that is not finite: too large for a number
/// (`1e309`), or no number at all (`.inf`, `.nan`, `infinity`:
/// `symbolic`).
fn not_finite(cx: &Ctx, path: &[Seg], written: &str, symbolic: bool) -> Diagnostic {
    let message = if symbolic {
        format!("`{written}` is not a finite number")
    } else {
        format!("`{written}` is out of range: numbers go up to about 1.8e308")
    };
    let hint = if symbolic {
        "write the figure reported, such as 11.27, or leave the field out if none was reported"
    } else {
        "check the exponent: a figure of a report is written out, such as 11.27 or 1500000"
    };
    cx.error(Code::BadNumber, path, message)
        .expected("a finite number, such as 11.27")
        .hint(hint)
}

/// Whether `s` holds a number with an exponent (`1e5`, `2.5E-3`), which
/// the reading of printed figures would cut at the `e`.
fn has_exponent(s: &str) -> bool {
    let b = s.as_bytes();
    (1..b.len()).any(|i| {
        matches!(b[i], b'e' | b'E')
            && b[i - 1].is_ascii_digit()
            && b[i + 1..]
                .iter()
                .find(|c| !matches!(c, b'+' | b'-'))
                .is_some_and(u8::is_ascii_digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(check_base_url("https://a.org").unwrap(), "https://a.org/");
        assert_eq!(
            check_base_url("https://a.github.io/p").unwrap(),
            "https://a.github.io/p/"
        );
        assert!(check_base_url("a.org").is_err());
        assert!(check_base_url("javascript:alert(1)").is_err());
        assert!(check_base_url("https://a.org/?x=1").is_err());
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2022-08-08").is_some());
        assert!(parse_date("2022-8-8").is_none());
        assert!(parse_date("08/08/2022").is_none());
        assert!(parse_date("2022-02-30").is_none());
    }
}
