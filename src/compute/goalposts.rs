//! Whether the Committee kept to its word: a target whose value or due
//! date a later session changed (moving goalposts), and the pace a target
//! still needs against the pace its figures kept.
//!
//! A change is found between two successive results of one indicator and
//! scope that set a target, in the order of their sessions (by date, then
//! id): the value is changed when the two differ; the due date is moved
//! when both give one and they differ (a session that restates a target
//! without its date moves nothing). Both sessions are kept, so that the
//! pages and data files show the target before and after.
//!
//! The pace needed is the way still to go from the newest figure to the
//! target, over the days from that figure's date to the due date, counted
//! in months of 365.25 / 12 days. The recent pace is the newest figure's
//! movement since the comparable figure before it, over the days between
//! them; none is given when the newest figure is not comparable with the
//! earlier ones (`pace_from_earlier: false`).

use crate::model::{Date, Direction};

/// The days of an average month.
pub const MONTH_DAYS: f64 = 365.25 / 12.0;

/// A target as one result sets it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Set {
    pub value: f64,
    pub due: Option<Date>,
}

/// One change of a target between two results that set one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shift {
    /// The positions, in the series given, of the result before and of
    /// the one that changed it.
    pub before: usize,
    pub after: usize,
    /// The value before and after, when it changed.
    pub value: Option<(f64, f64)>,
    /// The due date before and after, when it moved.
    pub due: Option<(Date, Date)>,
}

impl Shift {
    /// Whether the new value asks for less than the old one, by the
    /// indicator's direction: a lower target for an indicator that
    /// should go up. `None` when the value did not change.
    pub fn eased(&self, direction: Direction) -> Option<bool> {
        self.value.map(|(from, to)| match direction {
            Direction::Up => to < from,
            Direction::Down => to > from,
        })
    }
}

/// The changes in one series of results, oldest session first: for each
/// result its target, if it sets one (see the module's docs).
pub fn shifts(series: &[Option<Set>]) -> Vec<Shift> {
    let mut out = Vec::new();
    let mut last: Option<(usize, Set)> = None;
    for (i, set) in series.iter().enumerate() {
        let Some(set) = *set else { continue };
        if let Some((before, old)) = last {
            // Bitwise: a target restated is the same number to the bit.
            let value = (old.value.to_bits() != set.value.to_bits() && old.value != set.value)
                .then_some((old.value, set.value));
            let due = match (old.due, set.due) {
                (Some(a), Some(b)) if a != b => Some((a, b)),
                _ => None,
            };
            if value.is_some() || due.is_some() {
                out.push(Shift {
                    before,
                    after: i,
                    value,
                    due,
                });
            }
        }
        // A target restated without its date keeps the date it had.
        let due = set.due.or(last.and_then(|(_, o)| o.due));
        last = Some((i, Set { due, ..set }));
    }
    out
}

/// The pace a target still needs, and the pace its figures kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// The way still to go, always positive, in the indicator's unit.
    pub remaining: f64,
    /// Days from the newest figure to the due date.
    pub days: i64,
    /// The way still to go per month.
    pub needed: f64,
    pub recent: Option<Recent>,
}

/// How fast the newest figure moved since the comparable one before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recent {
    pub from: Date,
    pub to: Date,
    /// The change per month: positive when the figure rose.
    pub per_month: f64,
}

/// The pace a target of `value` due `due` needs from the newest figure
/// `latest` dated `at`, for an indicator going `direction`; `since`, the
/// comparable figure before the newest and its date. `None` when the
/// target is reached, the due date is not after the figure's date, or a
/// number is not finite.
pub fn pace(
    latest: f64,
    at: Date,
    value: f64,
    due: Date,
    direction: Direction,
    since: Option<(f64, Date)>,
) -> Option<Pace> {
    if !latest.is_finite() || !value.is_finite() {
        return None;
    }
    let remaining = match direction {
        Direction::Up => value - latest,
        Direction::Down => latest - value,
    };
    let days = (due - at).num_days();
    // Both numbers are finite, so `remaining` is a number.
    if remaining <= 0.0 || days <= 0 {
        return None;
    }
    let needed = remaining / (days as f64 / MONTH_DAYS);
    let recent = since.and_then(|(from_value, from)| {
        let gone = (at - from).num_days();
        let per_month = (latest - from_value) / (gone as f64 / MONTH_DAYS);
        (gone > 0 && from_value.is_finite() && per_month.is_finite()).then_some(Recent {
            from,
            to: at,
            per_month,
        })
    });
    Some(Pace {
        remaining,
        days,
        needed,
        recent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn set(value: f64, due: &str) -> Option<Set> {
        Some(Set {
            value,
            due: Some(d(due)),
        })
    }

    #[test]
    fn a_lowered_target_and_a_moved_deadline_are_changes() {
        let series = [
            set(80.0, "2022-12-31"),
            None,
            set(80.0, "2022-12-31"),
            set(50.0, "2022-12-31"),
            set(50.0, "2025-12-31"),
        ];
        let found = shifts(&series);
        assert_eq!(
            found,
            vec![
                Shift {
                    before: 2,
                    after: 3,
                    value: Some((80.0, 50.0)),
                    due: None
                },
                Shift {
                    before: 3,
                    after: 4,
                    value: None,
                    due: Some((d("2022-12-31"), d("2025-12-31")))
                },
            ]
        );
        assert_eq!(found[0].eased(Direction::Up), Some(true));
        assert_eq!(found[0].eased(Direction::Down), Some(false));
        assert_eq!(found[1].eased(Direction::Up), None);
    }

    #[test]
    fn a_target_restated_without_its_date_moves_nothing() {
        let series = [
            set(80.0, "2022-12-31"),
            Some(Set {
                value: 80.0,
                due: None,
            }),
            set(80.0, "2022-12-31"),
        ];
        assert!(shifts(&series).is_empty());
        // The date it had is still the one a later date is held against.
        let series = [
            set(80.0, "2022-12-31"),
            Some(Set {
                value: 80.0,
                due: None,
            }),
            set(80.0, "2023-12-31"),
        ];
        let found = shifts(&series);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].due, Some((d("2022-12-31"), d("2023-12-31"))));
    }

    #[test]
    fn zero_and_minus_zero_are_one_target() {
        assert!(shifts(&[set(0.0, "2022-12-31"), set(-0.0, "2022-12-31")]).is_empty());
    }

    #[test]
    fn the_pace_needed_and_kept() {
        // 13.09 points in 184 days; 12.9 points a month from April to June.
        let p = pace(
            66.91,
            d("2022-06-30"),
            80.0,
            d("2022-12-31"),
            Direction::Up,
            Some((39.8, d("2022-04-27"))),
        )
        .unwrap();
        assert!((p.remaining - 13.09).abs() < 1e-9);
        assert_eq!(p.days, 184);
        assert!((p.needed - 2.16).abs() < 0.01, "{}", p.needed);
        let r = p.recent.unwrap();
        assert_eq!((r.from, r.to), (d("2022-04-27"), d("2022-06-30")));
        assert!((r.per_month - 12.9).abs() < 0.05, "{}", r.per_month);
    }

    #[test]
    fn no_pace_when_reached_due_or_down_the_wrong_way() {
        let at = d("2022-06-30");
        assert!(pace(80.0, at, 80.0, d("2022-12-31"), Direction::Up, None).is_none());
        assert!(pace(70.0, at, 80.0, at, Direction::Up, None).is_none());
        assert!(pace(70.0, at, 80.0, d("2022-01-01"), Direction::Up, None).is_none());
        assert!(pace(5.0, at, 10.0, d("2022-12-31"), Direction::Down, None).is_none());
        let p = pace(15.0, at, 10.0, d("2022-12-31"), Direction::Down, None).unwrap();
        assert!((p.remaining - 5.0).abs() < 1e-9);
        assert!(p.recent.is_none());
        assert!(pace(f64::NAN, at, 10.0, d("2022-12-31"), Direction::Up, None).is_none());
    }
}
