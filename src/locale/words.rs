//! The words of a language, as a translation file lists them: groups of
//! named texts (`status.achieved`, `chart.target`, `interface.home`). One
//! declaration below gives each group its struct, for the code that reads a
//! word by name (`locale.status.achieved`), and its list of keys, for the
//! code that reads and checks translation files by key.

use std::collections::BTreeMap;

use super::{DateForm, Formats};
use crate::model::Lang;

/// Declares each group of fixed keys as a struct of texts, and
/// [`Locale`] as the language with one field per group, its interface
/// strings and the rules derived from its `language` group.
macro_rules! groups {
    ($($(#[$gm:meta])* $group:ident: $ty:ident { $($(#[$fm:meta])* $field:ident,)* })*) => {
        $(
            $(#[$gm])*
            #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
            pub struct $ty {
                $($(#[$fm])* pub $field: String,)*
            }

            impl $ty {
                const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

                fn slot(&mut self, key: &str) -> Option<&mut String> {
                    match key {
                        $(stringify!($field) => Some(&mut self.$field),)*
                        _ => None,
                    }
                }

                fn get(&self, key: &str) -> Option<&str> {
                    match key {
                        $(stringify!($field) => Some(&self.$field),)*
                        _ => None,
                    }
                }
            }
        )*

        /// How one language writes, with a site's own translations
        /// applied: every text minhbach puts on a page in it, and the
        /// rules its numbers and dates follow.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct Locale {
            /// The language, as the site lists it.
            pub lang: Lang,
            /// Whose CLDR rules its numbers and dates follow, and which
            /// date form: from `language.cldr` and `language.date_form`.
            pub formats: Formats,
            /// The interface strings, by key; templates read them as
            /// `t.<key>`. Every locale has the keys of [`Locale::interface_keys`].
            pub interface: BTreeMap<String, String>,
            /// The counts, by key, each in its plural forms (see
            /// [`super::plural`]). Every locale has the keys of
            /// [`Locale::count_keys`].
            pub counts: BTreeMap<String, super::plural::Forms>,
            $(pub $group: $ty,)*
        }

        impl Locale {
            /// The groups of fixed keys, by name, each with its keys (the
            /// `interface` group's keys are [`Locale::interface_keys`]).
            pub const GROUPS: &'static [(&'static str, &'static [&'static str])] =
                &[$((stringify!($group), $ty::KEYS)),*];

            /// A language with every text empty.
            pub(super) fn empty(lang: Lang) -> Locale {
                Locale {
                    lang,
                    formats: Formats::default(),
                    interface: BTreeMap::new(),
                    counts: BTreeMap::new(),
                    $($group: $ty::default(),)*
                }
            }

            /// The text at `group.key`, for setting; `None` for a key no
            /// translation file may give.
            pub(crate) fn slot(&mut self, group: &str, key: &str) -> Option<&mut String> {
                match group {
                    $(stringify!($group) => self.$group.slot(key),)*
                    INTERFACE => self.interface.get_mut(key),
                    _ => None,
                }
            }

            /// The text at `group.key`.
            pub fn get(&self, group: &str, key: &str) -> Option<&str> {
                match group {
                    $(stringify!($group) => self.$group.get(key),)*
                    INTERFACE => self.interface.get(key).map(String::as_str),
                    _ => None,
                }
            }
        }
    };
}

/// The group of the interface strings.
pub const INTERFACE: &str = "interface";

/// The group of the counts, each in its plural forms.
pub const COUNTS: &str = "counts";

groups! {
    /// What the language is called and how it writes numbers and dates.
    language: LanguageWords {
        /// Its name in itself, for the language switcher (`Français`).
        name,
        /// The Open Graph locale of its pages (`fr_FR`).
        open_graph,
        /// The CLDR locale whose rules its numbers and dates follow, as a
        /// BCP 47 tag: usually the language's own code; a regional
        /// variant where its conventions suit the readers better
        /// (`en-001`, international English, writes the day first).
        cldr,
        /// `numeric` (`08/08/2022`), `abbreviated` (`8 Aug 2022`) or
        /// `long` (`31 décembre 2030`).
        date_form,
        /// The placeholder title of a new session, around `{date}`.
        session_title,
    }

    /// The name of each status.
    status: StatusWords {
        achieved,
        on_track,
        behind,
        no_data,
        no_target,
        pending,
        needs_acceleration,
        limited_progress,
        deterioration,
    }

    /// The sentences that give a status its reason (see
    /// [`super::explain`]), with `{name}` for the values filled in:
    /// `{actual}` and `{as_of}` (the figure and its date), `{target}` and
    /// `{due}`, `{start}` (one of the `start_*` phrases, filled with
    /// `{value}` and `{date}`), `{covered}` and `{elapsed}` (shares of the
    /// way and of the time), `{observed}`, `{needed}` and `{ratio}` (yearly
    /// rates and their ratio).
    reasons: ReasonWords {
        no_actual,
        no_target,
        reached,
        due_passed,
        no_due_date,
        no_start,
        /// As `no_start`, for a figure not comparable with the earlier ones.
        no_start_apart,
        lost_ground,
        pace,
        growth,
        start_baseline,
        start_earlier,
        /// A compound rate: `{rate}` is a percentage.
        per_year_share,
        /// A change in the figure's unit: `{rate}` is a value.
        per_year_change,
    }

    /// The word each qualifier is written with, before the value.
    qualifiers: QualifierWords {
        about,
        nearly,
        more_than,
        less_than,
    }

    /// The labels of the built-in units whose name is a word (`%`, `Mbps`
    /// and `MW` are the same everywhere), for tables and chart axes.
    units: UnitWords {
        count,
        billion_vnd,
        billion_usd,
        times,
        days,
    }

    /// What follows a value in a built-in unit whose suffix is a word,
    /// with the space before it when there is one (" tỷ đồng" in
    /// `53 tỷ đồng`). Counts carry none in any language.
    unit_suffixes: UnitSuffixes {
        billion_vnd,
        billion_usd,
        times,
        days,
    }

    /// What each column of the results data holds, by column name, for
    /// the descriptions of the data package, the CSV on the Web metadata
    /// and the spreadsheet's read-me sheet.
    columns: ColumnWords {
        session,
        date,
        indicator,
        scope,
        actual,
        target,
        target_date,
        baseline,
        baseline_date,
        unit,
        status,
        as_of,
        out_of,
        qualifier,
        direction,
        source,
        source_title,
        source_publisher,
        source_date,
        source_url,
        status_reason,
        indicator_name,
        unit_label,
        scope_label,
        status_label,
        note,
        license,
        target_changed_from,
        target_date_changed_from,
        target_set_at,
        corrects_value,
        corrects_published,
        corrects_reason,
    }

    /// What each column of the indicators data holds, by column name.
    indicator_columns: IndicatorColumnWords {
        indicator,
        name,
        short_name,
        unit,
        unit_label,
        direction,
        group,
        description,
    }

    /// The words the charts draw themselves, in running-text case.
    chart: ChartTerms {
        actual,
        target,
        baseline,
        /// For a result without an actual.
        no_data,
        /// For a history without any point.
        no_data_yet,
        /// The mark where a later session changed a target.
        target_changed,
        /// The mark where an indicator replacing another begins.
        definition_changed,
        /// The heading of the results a session overview lists apart from
        /// its bars, because they have no target.
        without_target,
    }
}

/// The `{name}`s a text is filled with: `{actual}` and `{as_of}` in
/// "{actual} on {as_of}".
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                found.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

impl DateForm {
    /// The form named in a translation file's `language.date_form`.
    pub fn parse(s: &str) -> Option<DateForm> {
        match s {
            "numeric" => Some(DateForm::Numeric),
            "abbreviated" => Some(DateForm::Abbreviated),
            "long" => Some(DateForm::Long),
            _ => None,
        }
    }
}

impl Locale {
    /// Sets the rules its numbers and dates follow from its `language`
    /// group: its own code where no CLDR locale is named, the long date
    /// form where none is.
    pub(crate) fn settle_formats(&mut self) {
        if self.language.cldr.is_empty() {
            self.language.cldr = self.lang.as_str().to_owned();
        }
        self.formats = Formats {
            cldr: self.language.cldr.clone(),
            date: DateForm::parse(&self.language.date_form).unwrap_or(DateForm::Long),
        };
    }

    /// Every key of a text a translation file may give, as `(group,
    /// key)`, the interface strings last. The counts, given in plural
    /// forms, are [`Locale::count_keys`].
    pub fn keys() -> impl Iterator<Item = (&'static str, &'static str)> {
        Locale::GROUPS
            .iter()
            .flat_map(|(group, keys)| keys.iter().map(move |k| (*group, *k)))
            .chain(Locale::interface_keys().iter().map(|k| (INTERFACE, *k)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_the_braced_names() {
        assert_eq!(
            placeholders("{actual} on {as_of}, {x} {Bad} { } {"),
            ["actual", "as_of", "x"]
        );
        assert!(placeholders("no braces").is_empty());
    }
}
