//! Status of a result against its target. The rules are the public
//! methodology (docs/content-format.md, and the Methodology page):
//!
//! - `no-data`: no actual was reported.
//! - `no-target`: an actual, but no target to measure it against.
//! - `achieved`: the actual reaches the target in the indicator's direction.
//! - `on-track`: not reached yet, but baseline, baseline date and target date
//!   are known, the actual is dated before the target date, and the share of
//!   the way covered, (actual − baseline) / (target − baseline), is at least
//!   the share of time elapsed, (as_of − baseline_date) / (target_date −
//!   baseline_date).
//! - `behind`: everything else.

use crate::model::{Direction, ResultEntry};

/// The status of one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Achieved,
    OnTrack,
    Behind,
    NoData,
    NoTarget,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::NoData,
        Status::NoTarget,
    ];

    /// The name used in data files and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::NoData => "no-data",
            Status::NoTarget => "no-target",
        }
    }

    /// A symbol that tells the statuses apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "✓",
            Status::OnTrack => "↗",
            Status::Behind => "✗",
            Status::NoData => "–",
            Status::NoTarget => "○",
        }
    }
}

/// Whether `actual` reaches `target` for an indicator going `direction`.
fn reaches(actual: f64, target: f64, direction: Direction) -> bool {
    match direction {
        Direction::Up => actual >= target,
        Direction::Down => actual <= target,
    }
}

/// Computes the status of `r` for an indicator going `direction`.
pub fn status(r: &ResultEntry, direction: Direction) -> Status {
    let Some(actual) = r.actual.filter(|a| a.is_finite()) else {
        return Status::NoData;
    };
    let Some(target) = r.target.filter(|t| t.is_finite()) else {
        return Status::NoTarget;
    };
    if reaches(actual, target, direction) {
        return Status::Achieved;
    }
    let (Some(baseline), Some(baseline_date), Some(target_date)) = (
        r.baseline.filter(|b| b.is_finite()),
        r.baseline_date,
        r.target_date,
    ) else {
        return Status::Behind;
    };
    if r.as_of >= target_date || target_date <= baseline_date || target == baseline {
        return Status::Behind;
    }
    let covered = (actual - baseline) / (target - baseline);
    let elapsed = (r.as_of - baseline_date).num_days() as f64
        / (target_date - baseline_date).num_days() as f64;
    if covered >= elapsed {
        Status::OnTrack
    } else {
        Status::Behind
    }
}

/// Progress as a share of the target (1.0 = target reached), for charts that
/// put indicators with different units side by side. For a `down` indicator
/// the share is inverted (target / actual), so that 1.0 still means "reached"
/// and more is better. `None` when there is no actual or no usable target.
pub fn progress(r: &ResultEntry, direction: Direction) -> Option<f64> {
    let actual = r.actual.filter(|a| a.is_finite())?;
    let target = r.target.filter(|t| t.is_finite())?;
    let p = match direction {
        Direction::Up if target != 0.0 => actual / target,
        Direction::Up => {
            if actual >= 0.0 {
                1.0
            } else {
                0.0
            }
        }
        Direction::Down if actual > 0.0 => target / actual,
        Direction::Down => 1.0,
    };
    // `+ 0.0` makes a negative zero (0 / -5) plain zero: `max` may keep its sign.
    p.is_finite().then_some(p.max(0.0) + 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, ScopeId};

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn result(actual: Option<f64>, target: Option<f64>) -> ResultEntry {
        ResultEntry {
            indicator: crate::model::IndicatorId::parse("x").unwrap(),
            actual,
            qualifier: None,
            out_of: None,
            as_of: d("2022-06-30"),
            target,
            target_date: Some(d("2022-12-31")),
            baseline: None,
            baseline_date: None,
            scope: ScopeId::national(),
            source: None,
            note: None,
            line: None,
        }
    }

    #[test]
    fn basic_statuses() {
        assert_eq!(
            status(&result(None, Some(1.0)), Direction::Up),
            Status::NoData
        );
        assert_eq!(
            status(&result(Some(1.0), None), Direction::Up),
            Status::NoTarget
        );
        assert_eq!(
            status(&result(Some(11.27), Some(7.0)), Direction::Up),
            Status::Achieved
        );
        assert_eq!(
            status(&result(Some(100.0), Some(100.0)), Direction::Up),
            Status::Achieved
        );
        assert_eq!(
            status(&result(Some(36.91), Some(50.0)), Direction::Up),
            Status::Behind
        );
        assert_eq!(
            status(&result(Some(3.0), Some(5.0)), Direction::Down),
            Status::Achieved
        );
        assert_eq!(
            status(&result(Some(7.0), Some(5.0)), Direction::Down),
            Status::Behind
        );
    }

    #[test]
    fn on_track_compares_progress_with_time() {
        let mut r = result(Some(60.0), Some(100.0));
        r.baseline = Some(20.0);
        r.baseline_date = Some(d("2021-12-31"));
        // Half the year has passed; (60-20)/(100-20) = 0.5 of the way covered.
        assert_eq!(status(&r, Direction::Up), Status::OnTrack);
        r.actual = Some(50.0);
        assert_eq!(status(&r, Direction::Up), Status::Behind);
        // Past the due date, not reached: behind, whatever the pace.
        r.actual = Some(99.0);
        r.as_of = d("2023-01-01");
        assert_eq!(status(&r, Direction::Up), Status::Behind);
    }

    #[test]
    fn progress_of_nothing_has_no_sign() {
        let p = progress(&result(Some(0.0), Some(-5.0)), Direction::Up).unwrap();
        assert!(p == 0.0 && p.is_sign_positive());
    }

    #[test]
    fn progress_is_share_of_target() {
        assert_eq!(
            progress(&result(Some(33.0), Some(50.0)), Direction::Up),
            Some(0.66)
        );
        assert_eq!(progress(&result(None, Some(50.0)), Direction::Up), None);
        assert_eq!(
            progress(&result(Some(10.0), Some(5.0)), Direction::Down),
            Some(0.5)
        );
        assert_eq!(
            progress(&result(Some(f64::NAN), Some(5.0)), Direction::Up),
            None
        );
    }
}
