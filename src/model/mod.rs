//! The validated content model. Everything here has been checked by
//! [`crate::validate`]: ids are well formed, references resolve, dates are
//! real dates. Code downstream trusts these types and never re-checks.

mod id;
mod text;
mod unit;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use chrono::NaiveDate as Date;
pub use id::{
    parse_id, suggest_id, IdError, IndicatorId, ScopeId, SessionId, SourceId, UnitId, MAX_ID_LEN,
};
pub use text::{Lang, LocalizedText};
pub use unit::{
    BuiltInUnit, Decimals, Direction, LabelError, SiteUnit, SiteUnitError, Unit, PLACE,
};

/// Everything the content folder describes.
#[derive(Debug, Clone)]
pub struct Site {
    pub settings: Settings,
    /// Indicators by id.
    pub indicators: BTreeMap<IndicatorId, Indicator>,
    /// Sessions, oldest first (by date, then id).
    /// Shared with the cache of a preview rebuild, which keeps the
    /// sessions whose files did not change (see `validate::Cache`).
    pub sessions: Vec<std::sync::Arc<Session>>,
    /// The source register (`seeds/`), by id.
    /// Shared, like the sessions, with a preview rebuild's cache.
    pub register: std::sync::Arc<BTreeMap<SourceId, RegisterSource>>,
    /// How each of the site's languages writes, with the site's own
    /// translation files (`templates/i18n/<lang>.yaml`) applied.
    pub locales: std::sync::Arc<crate::locale::Locales>,
}

impl Site {
    /// The sessions, oldest first, as plain references.
    pub fn sessions(&self) -> impl DoubleEndedIterator<Item = &Session> + ExactSizeIterator {
        self.sessions.iter().map(|s| &**s)
    }
}

/// `site.yaml`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub title: LocalizedText,
    pub description: LocalizedText,
    /// Absolute, always ending with `/`.
    pub base_url: String,
    /// At least one; the first is the default language, built at the root.
    pub languages: Vec<Lang>,
    pub publisher: LocalizedText,
    pub license: Option<String>,
    /// Display names of scopes. `national`, the default scope, is here
    /// only when the site names it; otherwise it is called by the
    /// interface's word for it ("Toàn quốc", "National").
    pub scopes: BTreeMap<ScopeId, LocalizedText>,
    /// The units the site defines, besides the built-in ones.
    pub units: BTreeMap<UnitId, std::sync::Arc<SiteUnit>>,
    /// How the pace of a result not yet reached is judged.
    pub method: Method,
    /// Whether each result gets its own files: its chart (SVG, narrow
    /// SVG), its data (CSV, JSON), its embed page, and the session's page
    /// of those charts (`result_files` in `site.yaml`, default true). A
    /// very large site turns them off to fit a static host's file limit.
    pub result_files: bool,
    /// Whether each indicator's history chart is also written as it stood
    /// at each session with a result of it, to embed frozen
    /// (`frozen_embeds` in `site.yaml`, default true; nothing is frozen
    /// without `result_files`). Each copy holds the history up to its
    /// session, so their bytes grow with the square of an indicator's
    /// sessions: a site with many sessions turns them off to fit its host.
    pub frozen_embeds: bool,
    /// Abbreviations the content uses (`TTHC`), each with what it stands
    /// for in each language (`abbreviations` in `site.yaml`): pages mark
    /// them with `<abbr>` and search finds either form.
    pub abbreviations: BTreeMap<Abbreviation, LocalizedText>,
}

/// An abbreviation as the content writes it: one word of letters and
/// digits, with at least one letter (`TTHC`, `TMĐT`, `4G`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Abbreviation(String);

impl Abbreviation {
    /// The word in NFC, or `None` when it is not one word of letters and
    /// digits with a letter, or is longer than 20 characters.
    pub fn parse(s: &str) -> Option<Abbreviation> {
        use unicode_normalization::UnicodeNormalization;
        let s: String = s.nfc().collect();
        let ok = !s.is_empty()
            && s.chars().count() <= 20
            && s.chars().all(char::is_alphanumeric)
            && s.chars().any(char::is_alphabetic);
        ok.then_some(Abbreviation(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The method that judges pace (`progress` in `site.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// The share of the way covered against the share of the time gone.
    #[default]
    Linear,
    /// The observed yearly growth rate against the one needed.
    GrowthRate,
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "linear" => Some(Method::Linear),
            "growth-rate" => Some(Method::GrowthRate),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Linear => "linear",
            Method::GrowthRate => "growth-rate",
        }
    }
}

impl Settings {
    pub fn default_lang(&self) -> &Lang {
        &self.languages[0]
    }
}

/// `indicators/<id>.yaml`.
#[derive(Debug, Clone, Hash)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: LocalizedText,
    /// Shorter label for charts; falls back to `name`.
    pub short_name: Option<LocalizedText>,
    pub unit: Unit,
    pub direction: Direction,
    pub group: Option<LocalizedText>,
    /// Markdown.
    pub description: Option<LocalizedText>,
    /// The indicator this one replaces, with a changed definition
    /// (`replaces`): an id of the site's other indicators.
    pub replaces: Option<IndicatorId>,
    /// The file it came from, relative to the content folder.
    pub file: PathBuf,
}

impl Indicator {
    pub fn label(&self) -> &LocalizedText {
        self.short_name.as_ref().unwrap_or(&self.name)
    }
}

/// A source a figure was published in.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub title: LocalizedText,
    pub publisher: LocalizedText,
    pub date: Option<Date>,
    pub url: Option<String>,
    /// Set when the source comes from the `seeds/` register.
    pub register: bool,
}

/// `sessions/<id>/`.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: SessionId,
    pub title: LocalizedText,
    pub date: Date,
    pub chair: Option<LocalizedText>,
    pub summary: Option<LocalizedText>,
    pub sources: Vec<Source>,
    pub results: Vec<ResultEntry>,
    /// Markdown notes by language (from `notes.md` and `notes.<lang>.md`).
    pub notes: BTreeMap<Lang, String>,
    /// `session.yaml`, relative to the content folder.
    pub file: PathBuf,
}

impl Session {
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }
}

/// How exact a printed figure is ("khoảng", "gần", "trên").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    About,
    Nearly,
    MoreThan,
    LessThan,
}

impl Qualifier {
    pub const ALL: [(&'static str, Qualifier); 4] = [
        ("about", Qualifier::About),
        ("nearly", Qualifier::Nearly),
        ("more-than", Qualifier::MoreThan),
        ("less-than", Qualifier::LessThan),
    ];
    pub fn parse(s: &str) -> Option<Qualifier> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, q)| *q)
    }
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, q)| *q == self)
            .map(|(n, _)| *n)
            .unwrap_or("about")
    }
}

/// One figure reviewed at a session.
#[derive(Debug, Clone)]
pub struct ResultEntry {
    pub indicator: IndicatorId,
    pub actual: Option<f64>,
    /// Set when the figure was printed as approximate.
    pub qualifier: Option<Qualifier>,
    /// For figures given as "x out of y": the y.
    pub out_of: Option<f64>,
    /// The date the actual refers to (defaults to the session date).
    pub as_of: Date,
    pub target: Option<f64>,
    pub target_date: Option<Date>,
    pub baseline: Option<f64>,
    pub baseline_date: Option<Date>,
    pub scope: ScopeId,
    pub source: Option<SourceId>,
    pub note: Option<LocalizedText>,
    /// False when the figure is not comparable with the earlier figures of
    /// its indicator and scope (`pace_from_earlier: false`): neither its
    /// pace nor that of later figures is measured from them.
    pub pace_from_earlier: bool,
    /// Set when this figure corrects one published earlier (`corrects:`).
    pub corrects: Option<Correction>,
    /// 1-based line of the result in `session.yaml`, when known.
    pub line: Option<usize>,
}

/// An earlier published figure that a result corrects: what was published,
/// when, why it changed, and where it was published if the content says.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// The figure as first published, in the indicator's unit.
    pub value: f64,
    /// When the old figure was published: on or before the session that
    /// corrects it.
    pub published: Date,
    pub reason: LocalizedText,
    /// A source of the correcting session, or a document of the register,
    /// that printed the old figure.
    pub source: Option<SourceId>,
}

/// A document in the source register, `seeds/<id>.yaml`.
#[derive(Debug, Clone)]
pub struct RegisterSource {
    pub id: SourceId,
    /// The document's title, publisher and what it is about, each in one
    /// string or by language. One string is taken to be in `language`.
    pub title: LocalizedText,
    pub publisher: LocalizedText,
    pub published: Date,
    /// The language the document is written in, and so its printed labels.
    pub language: Lang,
    pub url: Option<String>,
    pub about: Option<LocalizedText>,
    pub figures: Vec<PrintedFigure>,
}

impl RegisterSource {
    /// The register entry as a source a session can cite.
    pub fn as_source(&self) -> Source {
        Source {
            id: self.id.clone(),
            title: self.title.clone(),
            publisher: self.publisher.clone(),
            date: Some(self.published),
            url: self.url.clone(),
            register: true,
        }
    }
}

/// A figure exactly as a source printed it, in the document's language
/// (a quotation, never translated).
#[derive(Debug, Clone)]
pub struct PrintedFigure {
    pub label: String,
    /// As printed: `"11,27%"`, `"1.928.311 tỷ đồng"`, `"477/832"`.
    pub value: String,
}
