//! Units of measure and the direction in which an indicator improves.

use std::fmt;
use std::sync::Arc;

use crate::locale::Locale;
use crate::model::{Lang, LocalizedText, UnitId};

/// The unit an indicator is measured in: one of minhbach's own, or one
/// the site defines under `units` in `site.yaml`. Each unit knows its
/// labels and how many decimals its values carry; the formatting itself
/// lives in [`crate::format`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    BuiltIn(BuiltInUnit),
    /// Shared by every indicator measured in it.
    Site(Arc<SiteUnit>),
}

impl Unit {
    /// The name used in the content format and in data files.
    pub fn as_str(&self) -> &str {
        match self {
            Unit::BuiltIn(u) => u.as_str(),
            Unit::Site(u) => u.id.as_str(),
        }
    }

    /// The unit's label in `locale`'s language, as shown in tables and
    /// chart notes ("%", "tỷ đồng", "kg per person").
    pub fn label<'a>(&'a self, locale: &'a Locale) -> &'a str {
        match self {
            Unit::BuiltIn(u) => u.label(locale),
            Unit::Site(u) => u.name.get(&locale.lang, &u.fallback),
        }
    }

    /// `number`, already formatted, written in this unit in `locale`'s
    /// language: "11,27%", "71,79 Mbps", "12.5 kg per person".
    pub fn write(&self, number: &str, locale: &Locale) -> String {
        match self {
            Unit::BuiltIn(u) => format!("{number}{}", u.suffix(locale)),
            Unit::Site(u) => {
                let template = u.label.get(&locale.lang, &u.fallback);
                // Every template holds one `{}` (see `SiteUnit::new`).
                match template.split_once(PLACE) {
                    Some((before, after)) => format!("{before}{number}{after}"),
                    None => format!("{number} {template}"),
                }
            }
        }
    }

    /// The most decimals a value in this unit is shown with.
    pub fn max_decimals(&self) -> usize {
        match self {
            Unit::BuiltIn(u) => u.max_decimals(),
            Unit::Site(u) => usize::from(u.decimals.0),
        }
    }

    /// Whether values are shares of 100 (and over 100 is suspicious).
    pub fn is_percent(&self) -> bool {
        matches!(self, Unit::BuiltIn(BuiltInUnit::Percent))
    }
}

impl From<BuiltInUnit> for Unit {
    fn from(u: BuiltInUnit) -> Unit {
        Unit::BuiltIn(u)
    }
}

/// Where the number goes in a site unit's label.
pub const PLACE: &str = "{}";

/// How many decimals a site unit's values are shown with, at most: a
/// whole number from 0 to [`Decimals::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimals(u8);

impl Decimals {
    /// The most a site unit may ask for.
    pub const MAX: u8 = 6;
    /// For a site unit that gives none.
    pub const DEFAULT: Decimals = Decimals(2);

    /// `n` as decimals, if it is a whole number from 0 to [`Decimals::MAX`].
    pub fn from_number(n: f64) -> Option<Decimals> {
        (n.fract() == 0.0 && (0.0..=f64::from(Self::MAX)).contains(&n)).then_some(Decimals(n as u8))
    }
}

/// A unit defined by the site (`units` in `site.yaml`): its id, its label
/// in each language with [`PLACE`] where the number goes, and its decimals.
/// Made only by [`SiteUnit::new`], which checks the id and the labels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SiteUnit {
    id: UnitId,
    /// With one [`PLACE`] in every string.
    label: LocalizedText,
    /// The label without its number, for tables and chart notes.
    name: LocalizedText,
    decimals: Decimals,
    /// The language whose label is shown in a language that has none
    /// (the site's default).
    fallback: Lang,
}

/// Why a site unit cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteUnitError {
    /// Its id is one of the built-in units'.
    BuiltIn,
    /// The label in `lang` (in every language when `None`) does not hold
    /// exactly one [`PLACE`].
    Label {
        lang: Option<Lang>,
        error: LabelError,
    },
}

/// What is wrong with a label: how many [`PLACE`]s it holds instead of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelError {
    pub places: usize,
}

impl fmt::Display for LabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.said().en())
    }
}

impl LabelError {
    /// What is wrong with the label, in every language.
    pub fn said(&self) -> crate::diagnostics::Text {
        use crate::diagnostics::say;
        match self.places {
            0 => say!(
                en: "the label has no `{PLACE}` where the number goes",
                vi: "nhãn không có `{PLACE}` ở chỗ đặt số"
            ),
            n => say!(
                en: "the label has {n} `{PLACE}`; it needs exactly one, where the number goes",
                vi: "nhãn có {n} `{PLACE}`; nhãn cần đúng một `{PLACE}`, ở chỗ đặt số"
            ),
        }
    }
}

impl SiteUnit {
    /// A site unit, if its id is not a built-in unit's and every string
    /// of its label holds one [`PLACE`]; otherwise every problem found.
    /// `fallback` is the site's default language.
    pub fn new(
        id: UnitId,
        label: LocalizedText,
        decimals: Decimals,
        fallback: Lang,
    ) -> Result<SiteUnit, Vec<SiteUnitError>> {
        let mut problems = Vec::new();
        if BuiltInUnit::parse(id.as_str()).is_some() {
            problems.push(SiteUnitError::BuiltIn);
        }
        for (lang, s) in label.entries() {
            let places = s.matches(PLACE).count();
            if places != 1 {
                problems.push(SiteUnitError::Label {
                    lang: lang.cloned(),
                    error: LabelError { places },
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let name = label.map(|s| match s.split_once(PLACE) {
            Some((before, after)) => {
                let (before, after) = (before.trim_end(), after.trim_start());
                if before.is_empty() || after.is_empty() {
                    format!("{before}{after}")
                } else {
                    format!("{before} {after}")
                }
            }
            None => s.to_owned(),
        });
        Ok(SiteUnit {
            id,
            label,
            name,
            decimals,
            fallback,
        })
    }

    pub fn id(&self) -> &UnitId {
        &self.id
    }
}

/// The units minhbach knows without being told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltInUnit {
    /// A share, 0 to 100 (values above 100 are allowed but warned about).
    Percent,
    /// A plain count of things (enterprises, records, villages, tasks).
    Count,
    /// Megabits per second.
    Mbps,
    /// Megawatts (data centre capacity).
    Mw,
    /// Billions of Vietnamese đồng (tỷ đồng).
    BillionVnd,
    /// Billions of US dollars (tỷ USD).
    BillionUsd,
    /// A multiple ("1.6 times").
    Times,
    /// Days (processing time).
    Days,
}

impl BuiltInUnit {
    /// Every built-in unit with its name in the content format.
    pub const ALL: [(&'static str, BuiltInUnit); 8] = [
        ("percent", BuiltInUnit::Percent),
        ("count", BuiltInUnit::Count),
        ("mbps", BuiltInUnit::Mbps),
        ("mw", BuiltInUnit::Mw),
        ("billion-vnd", BuiltInUnit::BillionVnd),
        ("billion-usd", BuiltInUnit::BillionUsd),
        ("times", BuiltInUnit::Times),
        ("days", BuiltInUnit::Days),
    ];

    pub fn parse(s: &str) -> Option<BuiltInUnit> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, u)| *u)
    }

    /// The name used in the content format and in data files.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, u)| *u == self)
            .map(|(n, _)| *n)
            .unwrap_or("count")
    }

    /// The unit's label in `locale`'s language, as shown in tables and on
    /// chart axes.
    pub fn label(self, locale: &Locale) -> &str {
        let words = &locale.units;
        match self {
            BuiltInUnit::Percent => "%",
            BuiltInUnit::Count => &words.count,
            BuiltInUnit::Mbps => "Mbps",
            BuiltInUnit::Mw => "MW",
            BuiltInUnit::BillionVnd => &words.billion_vnd,
            BuiltInUnit::BillionUsd => &words.billion_usd,
            BuiltInUnit::Times => &words.times,
            BuiltInUnit::Days => &words.days,
        }
    }

    /// The suffix written after a formatted value ("11,27%", "71,79 Mbps").
    /// Counts carry no suffix: the indicator's name says what is counted.
    pub fn suffix(self, locale: &Locale) -> &str {
        let words = &locale.unit_suffixes;
        match self {
            BuiltInUnit::Percent => "%",
            BuiltInUnit::Count => "",
            BuiltInUnit::Mbps => " Mbps",
            BuiltInUnit::Mw => " MW",
            BuiltInUnit::BillionVnd => &words.billion_vnd,
            BuiltInUnit::BillionUsd => &words.billion_usd,
            BuiltInUnit::Times => &words.times,
            BuiltInUnit::Days => &words.days,
        }
    }

    /// The most decimals a value in this unit is shown with.
    pub fn max_decimals(self) -> usize {
        match self {
            BuiltInUnit::Count | BuiltInUnit::Days => 0,
            _ => 2,
        }
    }
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Higher is better (the default).
    #[default]
    Up,
    /// Lower is better (for example processing time, villages without signal).
    Down,
}

impl Direction {
    /// +1 when higher is better, −1 when lower is: a change times the sign
    /// is positive when it goes the good way.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Up => 1.0,
            Direction::Down => -1.0,
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn loc(code: &str) -> crate::locale::Locale {
        crate::locale::Locale::standard(&lang(code), crate::locale::Locale::fallback())
    }

    fn lang(code: &str) -> Lang {
        Lang::parse(code).unwrap()
    }

    fn unit(label: LocalizedText, decimals: u8) -> Result<SiteUnit, Vec<SiteUnitError>> {
        let decimals = Decimals::from_number(f64::from(decimals)).unwrap();
        SiteUnit::new(UnitId::parse("u").unwrap(), label, decimals, lang("en"))
    }

    #[test]
    fn a_site_unit_writes_its_label_around_the_number() {
        let by_lang = LocalizedText::by_lang(BTreeMap::from([
            (lang("en"), "{} kg per person".to_owned()),
            (lang("fr"), "{} kg par habitant".to_owned()),
        ]));
        let u = Unit::Site(Arc::new(unit(by_lang, 1).unwrap()));
        assert_eq!(u.write("12.5", &loc("en")), "12.5 kg per person");
        assert_eq!(u.write("12,5", &loc("fr")), "12,5 kg par habitant");
        // A language without a label of its own: the default language's.
        assert_eq!(u.write("12,5", &loc("vi")), "12,5 kg per person");
        assert_eq!(u.label(&loc("fr")), "kg par habitant");
        assert_eq!(u.label(&loc("vi")), "kg per person");
        assert_eq!(u.max_decimals(), 1);
        assert_eq!(u.as_str(), "u");
        assert!(!u.is_percent());

        let before = Unit::Site(Arc::new(unit(LocalizedText::same("US$ {}"), 0).unwrap()));
        assert_eq!(before.write("5", &loc("en")), "US$ 5");
        assert_eq!(before.label(&loc("en")), "US$");
        let inside = Unit::Site(Arc::new(unit(LocalizedText::same("CO₂ {} Mt"), 0).unwrap()));
        assert_eq!(inside.label(&loc("en")), "CO₂ Mt");
        let percent = Unit::Site(Arc::new(unit(LocalizedText::same("{}%"), 0).unwrap()));
        assert_eq!(percent.write("7", &loc("en")), "7%");
        assert_eq!(percent.label(&loc("en")), "%");
    }

    #[test]
    fn a_site_unit_is_refused_for_each_problem() {
        let by_lang = LocalizedText::by_lang(BTreeMap::from([
            (lang("en"), "kg per person".to_owned()),
            (lang("fr"), "{} kg par {}".to_owned()),
        ]));
        assert_eq!(
            unit(by_lang, 1).unwrap_err(),
            [
                SiteUnitError::Label {
                    lang: Some(lang("en")),
                    error: LabelError { places: 0 }
                },
                SiteUnitError::Label {
                    lang: Some(lang("fr")),
                    error: LabelError { places: 2 }
                },
            ]
        );
        let percent = SiteUnit::new(
            UnitId::parse("percent").unwrap(),
            LocalizedText::same("{} %"),
            Decimals::DEFAULT,
            lang("en"),
        );
        assert_eq!(percent.unwrap_err(), [SiteUnitError::BuiltIn]);
    }

    #[test]
    fn decimals_are_whole_and_at_most_six() {
        for n in [0.0, 1.0, 6.0] {
            assert!(Decimals::from_number(n).is_some(), "{n}");
        }
        for n in [-1.0, 1.5, 7.0, 255.0, f64::NAN, f64::INFINITY] {
            assert!(Decimals::from_number(n).is_none(), "{n}");
        }
    }

    #[test]
    fn built_in_units_write_as_before() {
        let vi = loc("vi");
        let days = Unit::BuiltIn(BuiltInUnit::Days);
        assert_eq!(
            days.write("5", &vi),
            format!("5{}", BuiltInUnit::Days.suffix(&vi))
        );
        assert_eq!(days.max_decimals(), 0);
        assert!(Unit::from(BuiltInUnit::Percent).is_percent());
        for (name, u) in BuiltInUnit::ALL {
            assert_eq!(Unit::BuiltIn(u).as_str(), name);
        }
    }
}
