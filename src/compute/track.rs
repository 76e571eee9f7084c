//! How each target is going across sessions: for one indicator and scope
//! with a target, the target in force (that of the newest result that sets
//! one), the newest figure reported, how it moved since the figure before,
//! and whether the reports fell silent.
//!
//! Silence is a fact of its own, never a status: a target whose due date
//! has passed with no figure dated on or after it is *overdue*; a target
//! not yet due that the newest session no longer reports was *dropped*.
//! Either is counted in days from the last figure reported (or, with none,
//! from the due date or the last session that reported it) to the date of
//! the site's newest session, not to the day of the build, so that a build
//! is the same whenever it runs. A target achieved is not silent: nothing
//! is outstanding.

use crate::model::{Date, Direction};

/// What one result of a series says, for following its target: in the
/// order of the sessions, oldest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Report {
    /// The date of the session that reported it.
    pub session: Date,
    /// The date its figure refers to.
    pub as_of: Date,
    /// Its figure, when it has a finite one.
    pub actual: Option<f64>,
    /// Whether it sets a target.
    pub target: bool,
    /// The target's due date.
    pub due: Option<Date>,
    /// Whether its figure is not comparable with the earlier ones
    /// (`pace_from_earlier: false`).
    pub breaks: bool,
}

/// Which way a figure moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Way {
    Up,
    Down,
    Same,
}

/// How the newest figure moved since the one before it (by their dates).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Movement {
    /// The figure before, and its date.
    pub from: f64,
    pub since: Date,
    /// The newest figure less the one before.
    pub change: f64,
    pub way: Way,
    /// Whether it moved towards the target's side (the indicator's
    /// direction); `None` when it did not move.
    pub better: Option<bool>,
}

/// Why a target's reports count as silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quiet {
    /// The due date has passed with no figure dated on or after it.
    Overdue,
    /// Not yet due, and the newest session did not report it.
    Dropped,
}

/// A target whose reports fell silent (see the module's docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Silence {
    pub quiet: Quiet,
    /// The date of the last figure reported, if any was.
    pub since: Option<Date>,
    /// Days from `since` (or the due date, or the last report) to the
    /// newest session.
    pub days: i64,
}

/// What following one series finds: positions in the reports given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Followed {
    /// The newest report that sets a target.
    pub current: usize,
    /// The newest figure: the latest dated, the later session's on a tie.
    pub latest: Option<usize>,
    pub movement: Option<Movement>,
    /// Whether the newest figure has earlier ones it is not comparable
    /// with (a break in the series), and so no movement.
    pub apart: bool,
    pub silence: Option<Silence>,
}

/// Follows a series of reports (see the module's docs), given the date of
/// the site's newest session; whether the target in force is achieved;
/// and which way the indicator should go. `None` when no report sets a
/// target.
pub fn follow(
    reports: &[Report],
    newest: Date,
    achieved: bool,
    direction: Direction,
) -> Option<Followed> {
    let current = reports.iter().rposition(|r| r.target)?;
    let figures = || {
        reports
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.actual.map(|a| (i, r.as_of, a)))
    };
    // The newest by date; of one date, the later session's.
    let latest = figures().max_by_key(|&(i, d, _)| (d, i));
    // A figure is compared only with those since the latest break in the
    // series dated on or before it (the break's own figure included).
    let start = latest.and_then(|(i, date, _)| {
        reports
            .iter()
            .enumerate()
            .filter(|&(j, r)| r.breaks && (r.as_of < date || j == i))
            .map(|(_, r)| r.as_of)
            .max()
    });
    let earlier = |date: Date| figures().filter(move |&(_, d, _)| d < date);
    let apart = latest
        .is_some_and(|(_, date, _)| earlier(date).any(|(_, d, _)| start.is_some_and(|s| d < s)));
    let movement = latest.and_then(|(_, date, to)| {
        let (_, since, from) = earlier(date)
            .filter(|&(_, d, _)| start.is_none_or(|s| d >= s))
            .max_by_key(|&(i, d, _)| (d, i))?;
        let change = to - from;
        let way = if change > 0.0 {
            Way::Up
        } else if change < 0.0 {
            Way::Down
        } else {
            Way::Same
        };
        let better = match (way, direction) {
            (Way::Same, _) => None,
            (Way::Up, Direction::Up) | (Way::Down, Direction::Down) => Some(true),
            _ => Some(false),
        };
        Some(Movement {
            from,
            since,
            change,
            way,
            better,
        })
    });
    let last_figure = latest.map(|(_, d, _)| d);
    let last_report = reports.iter().map(|r| r.session).max()?;
    let due = reports[current].due;
    let silence = if achieved {
        None
    } else if let Some(due) = due.filter(|&d| d < newest && last_figure.is_none_or(|f| f < d)) {
        let from = last_figure.unwrap_or(due);
        Some(Silence {
            quiet: Quiet::Overdue,
            since: last_figure,
            days: (newest - from).num_days(),
        })
    } else if last_report < newest {
        let from = last_figure.unwrap_or(last_report);
        Some(Silence {
            quiet: Quiet::Dropped,
            since: last_figure,
            days: (newest - from).num_days(),
        })
    } else {
        None
    };
    Some(Followed {
        current,
        latest: latest.map(|(i, _, _)| i),
        movement,
        apart: apart && movement.is_none(),
        silence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn report(session: &str, as_of: &str, actual: Option<f64>, due: Option<&str>) -> Report {
        Report {
            session: d(session),
            as_of: d(as_of),
            actual,
            target: due.is_some(),
            due: due.map(d),
            breaks: false,
        }
    }

    #[test]
    fn no_target_is_not_followed() {
        let r = [report("2022-08-08", "2022-06-30", Some(1.0), None)];
        assert_eq!(follow(&r, d("2024-07-10"), false, Direction::Up), None);
    }

    #[test]
    fn overdue_counts_days_to_the_newest_session() {
        let r = [report(
            "2022-08-08",
            "2022-06-30",
            Some(36.91),
            Some("2022-12-31"),
        )];
        let f = follow(&r, d("2024-07-10"), false, Direction::Up).unwrap();
        assert_eq!(f.current, 0);
        assert_eq!(f.latest, Some(0));
        assert_eq!(f.movement, None);
        assert_eq!(
            f.silence,
            Some(Silence {
                quiet: Quiet::Overdue,
                since: Some(d("2022-06-30")),
                days: 741,
            })
        );
        // Achieved: nothing is outstanding.
        assert_eq!(
            follow(&r, d("2024-07-10"), true, Direction::Up)
                .unwrap()
                .silence,
            None
        );
        // Not yet due at the newest session: not overdue, but the newest
        // session stopped reporting it.
        let f = follow(&r, d("2022-12-25"), false, Direction::Up).unwrap();
        assert_eq!(f.silence.map(|s| s.quiet), Some(Quiet::Dropped));
        assert_eq!(f.silence.map(|s| s.days), Some(178));
        // Reported by the newest session: not silent.
        let f = follow(&r, d("2022-08-08"), false, Direction::Up).unwrap();
        assert_eq!(f.silence, None);
    }

    #[test]
    fn never_reported_counts_from_the_due_date() {
        let r = [report("2022-08-08", "2022-06-30", None, Some("2022-12-31"))];
        let f = follow(&r, d("2023-01-10"), false, Direction::Up).unwrap();
        assert_eq!(f.latest, None);
        assert_eq!(
            f.silence,
            Some(Silence {
                quiet: Quiet::Overdue,
                since: None,
                days: 10,
            })
        );
    }

    #[test]
    fn a_figure_after_the_due_date_is_not_silence() {
        let r = [
            report("2022-08-08", "2022-06-30", Some(40.0), Some("2022-12-31")),
            report("2023-02-01", "2022-12-31", Some(45.0), None),
        ];
        let f = follow(&r, d("2023-02-01"), false, Direction::Up).unwrap();
        assert_eq!(f.current, 0);
        assert_eq!(f.latest, Some(1));
        assert_eq!(f.silence, None);
        let m = f.movement.unwrap();
        assert_eq!((m.from, m.since, m.change), (40.0, d("2022-06-30"), 5.0));
        assert_eq!((m.way, m.better), (Way::Up, Some(true)));
    }

    #[test]
    fn movement_follows_dates_and_direction() {
        // Reported out of order: the newest figure is the latest dated.
        let r = [
            report("2024-07-15", "2024-06-30", Some(70.0), Some("2025-12-31")),
            report("2024-07-20", "2022-06-30", Some(65.0), Some("2025-12-31")),
        ];
        let f = follow(&r, d("2024-07-20"), false, Direction::Down).unwrap();
        assert_eq!(f.current, 1);
        assert_eq!(f.latest, Some(0));
        let m = f.movement.unwrap();
        assert_eq!((m.way, m.better, m.change), (Way::Up, Some(false), 5.0));
        // The same figure again: no movement either way.
        let r = [
            report("2022-01-01", "2021-12-31", Some(5.0), Some("2030-01-01")),
            report("2023-01-01", "2022-12-31", Some(5.0), Some("2030-01-01")),
        ];
        let m = follow(&r, d("2023-01-01"), false, Direction::Up)
            .unwrap()
            .movement
            .unwrap();
        assert_eq!((m.way, m.better), (Way::Same, None));
    }

    #[test]
    fn no_movement_across_a_break() {
        let mut r = [
            report("2022-04-27", "2022-04-27", Some(9.4), Some("2022-12-31")),
            report("2022-08-08", "2022-06-30", Some(36.91), Some("2022-12-31")),
        ];
        r[1].breaks = true;
        let f = follow(&r, d("2022-08-08"), false, Direction::Up).unwrap();
        assert_eq!((f.movement, f.apart), (None, true));
        // A later figure moves from the break's figure, not from before it.
        let mut later = r.to_vec();
        later.push(report("2023-01-10", "2022-12-31", Some(40.0), None));
        let f = follow(&later, d("2023-01-10"), false, Direction::Up).unwrap();
        assert!(!f.apart);
        assert_eq!(f.movement.map(|m| m.since), Some(d("2022-06-30")));
    }

    #[test]
    fn follows_every_series_the_same_way() {
        // Whatever the series: the current report sets a target, the latest
        // figure is the latest dated, silence is counted in days that are
        // never negative, and an overdue target has no figure on or after
        // its due date.
        let dates = ["2021-01-01", "2022-01-01", "2022-07-01", "2023-01-01"];
        for mask in 0u32..4096 {
            let r: Vec<Report> = (0..4)
                .map(|i| {
                    let bits = mask >> (3 * i);
                    Report {
                        session: d(dates[i]),
                        as_of: d(dates[(i + (bits as usize & 1)) % 4]),
                        actual: (bits & 2 != 0).then_some(i as f64),
                        target: bits & 4 != 0,
                        due: (bits & 4 != 0).then(|| d(dates[(i + 1) % 4])),
                        breaks: bits & 1 != 0 && i == 2,
                    }
                })
                .collect();
            let Some(f) = follow(&r, d("2023-01-01"), false, Direction::Up) else {
                assert!(r.iter().all(|x| !x.target));
                continue;
            };
            assert!(r[f.current].target);
            assert!(r[f.current + 1..].iter().all(|x| !x.target));
            if let Some(l) = f.latest {
                assert!(r
                    .iter()
                    .filter(|x| x.actual.is_some())
                    .all(|x| x.as_of <= r[l].as_of));
            }
            assert!(!(f.apart && f.movement.is_some()));
            if let Some(m) = f.movement {
                let l = r[f.latest.unwrap()];
                assert!(m.since < l.as_of);
                assert_eq!(m.change, l.actual.unwrap() - m.from);
            }
            if let Some(s) = f.silence {
                assert!(s.days >= 0);
                if s.quiet == Quiet::Overdue {
                    let due = r[f.current].due.unwrap();
                    assert!(r.iter().all(|x| x.actual.is_none() || x.as_of < due));
                }
            }
        }
    }
}
