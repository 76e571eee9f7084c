//! Everything minhbach says or writes differently from one language to
//! another. Each language it speaks is one [`Locale`], a value in its own
//! file (`vi.rs`, `en.rs`) holding the interface strings, the words for
//! statuses, qualifiers and units, the words the charts draw, which CLDR
//! rules its numbers and dates follow, the language's own name and its Open
//! Graph locale. The modules beside them hold the machinery that applies a
//! locale: [`i18n`] (interface strings for templates),
//! [`format`](mod@format) (numbers, values and dates, by CLDR rules through
//! ICU4X) and [`collate`] (alphabetical order, from CLDR rules rather than
//! from the locale).
//!
//! No code outside this module asks which language it is writing in: it
//! asks the language's [`Locale`] for the word or the rule instead.
//!
//! A language without a locale of its own is still allowed on a site: its
//! texts are in [`FALLBACK`] (English) while its collation, its numbers and
//! dates (CLDR's rules for its code, see [`format`](mod@format)), its name
//! and its Open Graph locale follow its code.
//!
//! # Adding a language
//!
//! Copy `en.rs` to a file named after the language's code (`fr.rs`),
//! translate every value in it, set its `formats` (its own code as `cldr`;
//! [`DateForm::Long`] unless its readers expect another form), and add the
//! code to the `locales!` list below: that one line declares the file and
//! puts it in [`ALL`]. The tests
//! check that every locale has the same interface strings and that every
//! string the templates and the renderers look up exists.

pub mod collate;
pub mod explain;
pub mod format;
pub mod i18n;

use crate::model::Lang;

/// Declares each locale's file, named after its code and holding its
/// `LOCALE`, and lists them all in [`ALL`].
macro_rules! locales {
    ($($code:ident),* $(,)?) => {
        $(mod $code;)*

        /// Every language minhbach speaks, in the order of `minhbach new
        /// session`'s titles.
        pub static ALL: &[&Locale] = &[$(&$code::LOCALE),*];
    };
}

locales!(vi, en);

/// The texts of a language that has no locale.
pub static FALLBACK: &Locale = &en::LOCALE;

/// The language of a site whose site.yaml lists none.
pub const DEFAULT: &str = "vi";

/// How one language writes.
#[derive(Debug)]
pub struct Locale {
    /// The language code it is for, as in site.yaml.
    pub code: &'static str,
    /// The language's name in itself, for the language switcher.
    pub name: &'static str,
    /// The Open Graph locale of pages in this language (`vi_VN`).
    pub open_graph: &'static str,
    /// The interface strings, `(key, text)`; templates read them as
    /// `t.<key>`. Every locale has the same keys.
    pub strings: &'static [(&'static str, &'static str)],
    pub status: StatusWords,
    pub reasons: ReasonWords,
    pub qualifiers: QualifierWords,
    /// Unit labels, for tables and chart axes.
    pub units: UnitWords,
    /// What follows a value in a unit: " tỷ đồng" in `53 tỷ đồng`.
    pub unit_suffixes: UnitSuffixes,
    pub chart: ChartTerms,
    /// Whose CLDR rules its numbers and dates follow, and which date form.
    pub formats: Formats,
    /// The placeholder title of a new session, around `{date}`.
    pub session_title: &'static str,
}

/// The name of each status.
#[derive(Debug)]
pub struct StatusWords {
    pub achieved: &'static str,
    pub on_track: &'static str,
    pub behind: &'static str,
    pub no_data: &'static str,
    pub no_target: &'static str,
    pub pending: &'static str,
    pub needs_acceleration: &'static str,
    pub limited_progress: &'static str,
    pub deterioration: &'static str,
}

/// The sentences that give a status its reason (see [`explain`]), with
/// `{name}` for the values filled in: `{actual}` and `{as_of}` (the
/// figure and its date), `{target}` and `{due}`, `{start}` (one of the
/// `start_*` phrases, filled with `{value}` and `{date}`), `{covered}` and
/// `{elapsed}` (shares of the way and of the time), `{observed}`,
/// `{needed}` and `{ratio}` (yearly rates and their ratio).
#[derive(Debug)]
pub struct ReasonWords {
    pub no_actual: &'static str,
    pub no_target: &'static str,
    pub reached: &'static str,
    pub due_passed: &'static str,
    pub no_due_date: &'static str,
    pub no_start: &'static str,
    /// As `no_start`, for a figure not comparable with the earlier ones.
    pub no_start_apart: &'static str,
    pub lost_ground: &'static str,
    pub pace: &'static str,
    pub growth: &'static str,
    pub start_baseline: &'static str,
    pub start_earlier: &'static str,
    /// A compound rate: `{rate}` is a percentage.
    pub per_year_share: &'static str,
    /// A change in the figure's unit: `{rate}` is a value.
    pub per_year_change: &'static str,
}

/// The word each qualifier is written with, before the value.
#[derive(Debug)]
pub struct QualifierWords {
    pub about: &'static str,
    pub nearly: &'static str,
    pub more_than: &'static str,
    pub less_than: &'static str,
}

/// The labels of the units whose name is a word (`%`, `Mbps` and `MW` are
/// the same everywhere).
#[derive(Debug)]
pub struct UnitWords {
    pub count: &'static str,
    pub billion_vnd: &'static str,
    pub billion_usd: &'static str,
    pub times: &'static str,
    pub days: &'static str,
}

/// The suffixes of the units whose suffix is a word, with the space before
/// it when there is one. Counts carry none in any language.
#[derive(Debug)]
pub struct UnitSuffixes {
    pub billion_vnd: &'static str,
    pub billion_usd: &'static str,
    pub times: &'static str,
    pub days: &'static str,
}

/// The words the charts draw themselves, in running-text case.
#[derive(Debug)]
pub struct ChartTerms {
    pub actual: &'static str,
    pub target: &'static str,
    pub baseline: &'static str,
    /// For a result without an actual.
    pub no_data: &'static str,
    /// For a history without any point.
    pub no_data_yet: &'static str,
    /// The heading of the results a session overview lists apart from its
    /// bars, because they have no target.
    pub without_target: &'static str,
}

/// How a language writes numbers and dates: by the CLDR rules of one
/// locale (its digits, separators, grouping, percent sign, month names and
/// date patterns), in one of CLDR's date forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The CLDR locale whose rules apply, as a BCP 47 tag: usually the
    /// language's own code; a regional variant where its conventions suit
    /// the site's readers better (`en-001`, international English, writes
    /// the day before the month).
    pub cldr: &'static str,
    /// The form of a date.
    pub date: DateForm,
}

/// One of CLDR's forms of a date (its `short`, `medium` and `long` date
/// lengths, with the year always in full).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// Digits only: `08/08/2022` in Vietnamese.
    Numeric,
    /// The month abbreviated: `8 Aug 2022` in international English.
    Abbreviated,
    /// The month in full: `31 décembre 2030` in French.
    Long,
}

impl Locale {
    /// The locale whose code is exactly `lang`'s, if minhbach has one.
    pub fn find(lang: &Lang) -> Option<&'static Locale> {
        ALL.iter().copied().find(|l| l.code == lang.as_str())
    }

    /// The locale of `lang`, or [`FALLBACK`] for a language without one.
    pub fn of(lang: &Lang) -> &'static Locale {
        Self::find(lang).unwrap_or(FALLBACK)
    }

    /// The locale of a BCP 47 tag in any case, matched by its beginning
    /// (`vi`, `vi-VN`, `VI`), or [`FALLBACK`]: for charts, which are given
    /// a tag rather than a [`Lang`].
    pub fn for_tag(tag: &str) -> &'static Locale {
        let tag = tag.to_ascii_lowercase();
        ALL.iter()
            .copied()
            .find(|l| tag.starts_with(l.code))
            .unwrap_or(FALLBACK)
    }

    /// The name of `lang` in itself; its code when minhbach has no locale
    /// for it.
    pub fn name_of(lang: &Lang) -> &str {
        Self::find(lang).map_or(lang.as_str(), |l| l.name)
    }

    /// The Open Graph locale of pages in `lang`; its code when minhbach has
    /// no locale for it.
    pub fn open_graph_of(lang: &Lang) -> &str {
        Self::find(lang).map_or(lang.as_str(), |l| l.open_graph)
    }

    /// One interface string; empty for a key no locale has.
    pub fn t(&self, key: &str) -> &'static str {
        self.strings
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, text)| text)
    }
}

#[cfg(test)]
mod tests;
