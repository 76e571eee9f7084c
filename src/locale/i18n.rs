//! The interface strings and status names of a language, as templates and
//! renderers ask for them. Templates get the strings as `t.<key>`; a
//! language without a [`Locale`] gets [`super::FALLBACK`]'s.

use std::collections::BTreeMap;

use super::Locale;
use crate::compute::Status;
use crate::model::Lang;

/// The interface strings in `lang`, by key.
pub fn strings(lang: &Lang) -> BTreeMap<&'static str, &'static str> {
    Locale::of(lang).strings.iter().copied().collect()
}

/// One interface string; empty for an unknown key.
pub fn t(lang: &Lang, key: &str) -> &'static str {
    Locale::of(lang).t(key)
}

/// The name of a status in `lang`.
pub fn status(s: Status, lang: &Lang) -> &'static str {
    let words = &Locale::of(lang).status;
    match s {
        Status::Achieved => words.achieved,
        Status::OnTrack => words.on_track,
        Status::Behind => words.behind,
        Status::NoData => words.no_data,
        Status::NoTarget => words.no_target,
        Status::Pending => words.pending,
        Status::NeedsAcceleration => words.needs_acceleration,
        Status::LimitedProgress => words.limited_progress,
        Status::Deterioration => words.deterioration,
    }
}

/// The name of a language in that language, for the switcher.
pub fn language_name(lang: &Lang) -> String {
    Locale::name_of(lang).to_owned()
}
