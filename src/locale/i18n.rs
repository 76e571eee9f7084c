//! The interface strings and status names of a language, as templates and
//! renderers ask for them. Templates get the strings as `t.<key>`.

use std::collections::BTreeMap;

use super::Locale;
use crate::compute::Status;

/// The interface strings of `locale`, by key.
pub fn strings(locale: &Locale) -> BTreeMap<&str, &str> {
    locale
        .interface
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The name of a status.
pub fn status(s: Status, locale: &Locale) -> &str {
    let words = &locale.status;
    match s {
        Status::Achieved => &words.achieved,
        Status::OnTrack => &words.on_track,
        Status::Behind => &words.behind,
        Status::NoData => &words.no_data,
        Status::NoTarget => &words.no_target,
        Status::Pending => &words.pending,
        Status::NeedsAcceleration => &words.needs_acceleration,
        Status::LimitedProgress => &words.limited_progress,
        Status::Deterioration => &words.deterioration,
    }
}
