//! The stable name of each kind of problem. The kebab-case names are part
//! of the interface (`--format json`, editors and bots match on them) and
//! are documented, each one, in docs/content-format.md; a test holds the
//! two lists equal.

use std::fmt;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A kind of problem in the content; see [`Code::as_str`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the documentation.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case name (`unknown-indicator`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    /// The content folder does not exist.
    NoContent = "no-content",
    /// There is no `site.yaml`.
    MissingSite = "missing-site",
    /// A session folder has notes but no `session.yaml`.
    MissingSession = "missing-session",
    /// A file or folder cannot be read.
    Unreadable = "unreadable",
    /// A file is over the size limit.
    FileTooLarge = "file-too-large",
    /// The sessions hold more results than the limit.
    TooManyResults = "too-many-results",
    /// A notes file nests elements too deep.
    HtmlTooDeep = "html-too-deep",
    /// A notes file holds too many footnotes.
    TooManyFootnotes = "too-many-footnotes",
    /// A file is not UTF-8.
    InvalidUtf8 = "invalid-utf8",
    /// YAML syntax, a value of the wrong type, an unknown or missing field.
    Yaml = "yaml",
    /// A YAML file nests too deep or expands too many aliases.
    YamlLimit = "yaml-limit",
    /// A control character in a file.
    ControlCharacter = "control-character",
    /// An id breaks the id rules.
    BadId = "bad-id",
    /// Not a language code.
    BadLanguage = "bad-language",
    /// A language listed twice.
    DuplicateLanguage = "duplicate-language",
    /// `languages` is empty.
    NoLanguage = "no-language",
    /// `base_url` is not an absolute http(s) URL.
    BadBaseUrl = "bad-base-url",
    /// A source `url` is not an http(s) address.
    BadUrl = "bad-url",
    /// No longer given: `national` listed under `scopes` names the
    /// default scope. Kept so that the name stays taken.
    ReservedScope = "reserved-scope",
    /// An unknown `unit`.
    BadUnit = "bad-unit",
    /// A unit of `site.yaml` with the id of a built-in unit.
    ReservedUnit = "reserved-unit",
    /// A site unit's `label` without `{}`, or with more than one.
    BadUnitLabel = "bad-unit-label",
    /// A site unit's `decimals` that is not a whole number from 0 to 6.
    BadUnitDecimals = "bad-unit-decimals",
    /// `direction` other than `up` or `down`.
    BadDirection = "bad-direction",
    /// `progress` in `site.yaml` other than `linear` or `growth-rate`.
    BadMethod = "bad-progress-method",
    /// Not a `YYYY-MM-DD` date that exists.
    BadDate = "bad-date",
    /// A number that is not finite or out of range.
    BadNumber = "bad-number",
    /// A number written as text.
    NumberAsText = "number-as-text",
    /// A `qualifier` not in the list.
    BadQualifier = "bad-qualifier",
    /// A result names an indicator without a file.
    UnknownIndicator = "unknown-indicator",
    /// An indicator's `replaces` names itself or no indicator.
    BadReplaces = "bad-replaces",
    /// A result's `scope` is not known.
    UnknownScope = "unknown-scope",
    /// A source id that does not exist or is not listed.
    UnknownSource = "unknown-source",
    /// A source id listed twice in a session.
    DuplicateSource = "duplicate-source",
    /// Two results for the same indicator and scope.
    DuplicateResult = "duplicate-result",
    /// Two notes files for the same language.
    DuplicateNotes = "duplicate-notes",
    /// A figure citing a register entry is not among those it printed.
    Provenance = "provenance",
    /// A correction's old figure was published after the session that
    /// corrects it.
    CorrectionAfterSession = "correction-after-session",
    /// A correction whose old figure is the figure it corrects.
    CorrectionUnchanged = "correction-unchanged",
    /// A template override does not compile or render.
    Template = "template",
    /// A spreadsheet column `minhbach import` does not know.
    UnknownColumn = "unknown-column",
    /// A spreadsheet column twice, or a note for every language beside
    /// notes per language in one row.
    DuplicateColumn = "duplicate-column",
    /// A spreadsheet without an `indicator` column.
    MissingColumn = "missing-column",
    /// A text or the notes lack one of the site's languages, or a
    /// language's interface texts are not all translated.
    MissingTranslation = "missing-translation",
    /// A translation file gives a text minhbach does not read.
    UnknownTranslationKey = "unknown-translation-key",
    /// A translation file's text is empty, names a `{value}` it is not
    /// filled with, or sets a date form or locale that does not exist.
    BadTranslation = "bad-translation",
    /// A text or notes file in a language the site does not have.
    UnknownLanguage = "unknown-language",
    /// A text field given as an empty string (or only spaces).
    EmptyText = "empty-text",
    /// An abbreviation under `abbreviations` that is not one word.
    BadAbbreviation = "bad-abbreviation",
    /// A result names no `source`.
    NoSource = "no-source",
    /// An indicator no result uses.
    UnusedIndicator = "unused-indicator",
    /// An indicator whose name is still its id.
    NameIsId = "name-is-id",
    /// A unit the indicator's figures disagree with.
    UnitMismatch = "unit-mismatch",
    /// Results cite a source that is not in the register: their figures
    /// are not checked against a printed document.
    UncheckedSource = "unchecked-source",
    /// A `percent` figure above 100.
    PercentOver100 = "percent-over-100",
    /// `baseline` without `baseline_date`, or the reverse.
    BaselineWithoutDate = "baseline-without-date",
    /// A target due before the figure's date.
    TargetDateBeforeSession = "target-date-before-session",
    /// A file outside the layout, ignored.
    UnexpectedFile = "unexpected-file",
    /// A symbolic link, not followed.
    SymlinkIgnored = "symlink-ignored",
    /// Not a regular file, ignored.
    NotAFile = "not-a-file",
    /// The built site is larger than a static host publishes.
    HostLimit = "host-limit",
    /// `base_url` is a placeholder (an `example` domain, `localhost`, an IP
    /// address): embed, share and feed links will not work.
    PlaceholderBaseUrl = "placeholder-base-url",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The codes in the tables of the "Diagnostics" section of the content
    /// format: rows that start with a backticked code.
    fn documented() -> BTreeSet<&'static str> {
        let doc = include_str!("../../docs/content-format.md");
        let section = doc
            .split("\n## Diagnostics\n")
            .nth(1)
            .expect("a Diagnostics section");
        let section = section.split("\n## ").next().unwrap_or(section);
        section
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect()
    }

    #[test]
    fn every_code_is_documented_and_every_documented_code_exists() {
        let documented = documented();
        let codes: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(codes.len(), Code::ALL.len(), "a name used twice");
        let undocumented: Vec<_> = codes.difference(&documented).collect();
        let unknown: Vec<_> = documented.difference(&codes).collect();
        assert!(
            undocumented.is_empty() && unknown.is_empty(),
            "not documented: {undocumented:?}; documented but not a code: {unknown:?}"
        );
    }

    #[test]
    fn codes_serialize_as_their_names() {
        assert_eq!(
            serde_json::to_string(&Code::SymlinkIgnored).unwrap(),
            "\"symlink-ignored\""
        );
        assert_eq!(Code::BadBaseUrl.to_string(), "bad-base-url");
    }
}
