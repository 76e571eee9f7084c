//! The reason for a result's status, in words: the sentence on its row, in
//! its chart's description and in the data files' `status_reason` column,
//! made from the [`Reason`] that `compute` found and the language's
//! [`ReasonWords`](super::ReasonWords).

use super::format::{date, figure, percent, percentage, value};
use super::Locale;
use crate::compute::{Reason, Start, StartFrom};
use crate::model::{ResultEntry, Unit};

/// Fills each `{name}` of `template` with its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, v) in values {
        out = out.replace(&format!("{{{name}}}"), v);
    }
    out
}

/// "the baseline of 20% on 31/12/2021".
fn start_phrase(start: &Start, unit: &Unit, locale: &Locale) -> String {
    let words = &locale.reasons;
    let template = match start.from {
        StartFrom::Baseline => &words.start_baseline,
        StartFrom::Earlier => &words.start_earlier,
    };
    fill(
        template,
        &[
            ("value", &value(start.value, unit, locale)),
            ("date", &date(start.date, locale)),
        ],
    )
}

/// A yearly rate: a share for compound rates, a change in `unit` otherwise.
fn per_year(rate: f64, compound: bool, unit: &Unit, locale: &Locale) -> String {
    let words = &locale.reasons;
    if compound {
        let share = percentage(rate * 100.0, 2, locale);
        fill(&words.per_year_share, &[("rate", &share)])
    } else {
        fill(
            &words.per_year_change,
            &[("rate", &value(rate, unit, locale))],
        )
    }
}

/// The reason for `r`'s status, as a sentence in `locale`'s language (without a final
/// full stop).
pub fn reason(r: &ResultEntry, why: &Reason, unit: &Unit, locale: &Locale) -> String {
    let words = &locale.reasons;
    let actual = r
        .actual
        .map(|a| figure(a, unit, r.qualifier, r.out_of, locale))
        .unwrap_or_default();
    let target = r.target.map(|t| value(t, unit, locale)).unwrap_or_default();
    let as_of = date(r.as_of, locale);
    let mut values: Vec<(&str, String)> =
        vec![("actual", actual), ("as_of", as_of), ("target", target)];
    let template = match why {
        Reason::NoActual => &words.no_actual,
        Reason::NoTarget => &words.no_target,
        Reason::Reached => &words.reached,
        Reason::NoDueDate => &words.no_due_date,
        Reason::DuePassed { due } => {
            values.push(("due", date(*due, locale)));
            &words.due_passed
        }
        Reason::NoStart { due, apart } => {
            values.push(("due", date(*due, locale)));
            if *apart {
                &words.no_start_apart
            } else {
                &words.no_start
            }
        }
        Reason::LostGround { start } => {
            if let Some(due) = r.target_date {
                values.push(("due", date(due, locale)));
            }
            values.push(("start", start_phrase(start, unit, locale)));
            &words.lost_ground
        }
        Reason::Pace {
            start,
            due,
            covered,
            elapsed,
        } => {
            values.push(("due", date(*due, locale)));
            values.push(("start", start_phrase(start, unit, locale)));
            // A figure that went backwards covered a negative share: said
            // as it is, not as "0% of the way".
            values.push(("covered", percent(*covered, locale)));
            values.push(("elapsed", percent(*elapsed, locale)));
            &words.pace
        }
        Reason::Growth { start, due, rates } => {
            values.push(("due", date(*due, locale)));
            values.push(("start", start_phrase(start, unit, locale)));
            values.push((
                "observed",
                per_year(rates.observed, rates.compound, unit, locale),
            ));
            values.push((
                "needed",
                per_year(rates.needed, rates.compound, unit, locale),
            ));
            values.push(("ratio", percent(rates.ratio, locale)));
            &words.growth
        }
    };
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(template, &pairs)
}
