//! Units of measure and the direction in which an indicator improves.

use crate::locale::Locale;
use crate::model::Lang;

/// The unit an indicator is measured in. Each unit knows its labels and how
/// many decimals its values usually carry; the words of each language are
/// its [`Locale`]'s, and the formatting itself lives in [`crate::format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
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

impl Unit {
    /// Every unit with its name in the content format.
    pub const ALL: [(&'static str, Unit); 8] = [
        ("percent", Unit::Percent),
        ("count", Unit::Count),
        ("mbps", Unit::Mbps),
        ("mw", Unit::Mw),
        ("billion-vnd", Unit::BillionVnd),
        ("billion-usd", Unit::BillionUsd),
        ("times", Unit::Times),
        ("days", Unit::Days),
    ];

    pub fn parse(s: &str) -> Option<Unit> {
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

    /// The unit's label in `lang`, as shown in tables and on chart axes.
    pub fn label(self, lang: &Lang) -> &'static str {
        let words = &Locale::of(lang).units;
        match self {
            Unit::Percent => "%",
            Unit::Count => words.count,
            Unit::Mbps => "Mbps",
            Unit::Mw => "MW",
            Unit::BillionVnd => words.billion_vnd,
            Unit::BillionUsd => words.billion_usd,
            Unit::Times => words.times,
            Unit::Days => words.days,
        }
    }

    /// The suffix written after a formatted value ("11,27%", "71,79 Mbps").
    /// Counts carry no suffix: the indicator's name says what is counted.
    pub fn suffix(self, lang: &Lang) -> &'static str {
        let words = &Locale::of(lang).unit_suffixes;
        match self {
            Unit::Percent => "%",
            Unit::Count => "",
            Unit::Mbps => " Mbps",
            Unit::Mw => " MW",
            Unit::BillionVnd => words.billion_vnd,
            Unit::BillionUsd => words.billion_usd,
            Unit::Times => words.times,
            Unit::Days => words.days,
        }
    }

    /// The most decimals a value in this unit is shown with.
    pub fn max_decimals(self) -> usize {
        match self {
            Unit::Count | Unit::Days => 0,
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
