//! The growth-rate method (`progress: growth-rate` in `site.yaml`), after
//! Statistics Canada's progress methodology as Open SDG uses it: the
//! observed compound annual growth rate from a starting figure to the
//! latest one, held against the rate needed to go from the start to the
//! target by its date. Their ratio rates the progress:
//!
//! | ratio              | status               |
//! |--------------------|----------------------|
//! | ≥ 95%              | `on-track`           |
//! | 60% to under 95%   | `needs-acceleration` |
//! | 0 to under 60%     | `limited-progress`   |
//! | under 0            | `deterioration`      |
//!
//! The rates need positive figures (a growth rate from or to zero or a
//! negative figure has no meaning); otherwise, or when the needed compound
//! rate is too small to divide by, the yearly change in the figure's own
//! unit is used, which makes the ratio the share of the way covered over
//! the share of the time gone. Years are 365.25 days.

use crate::model::{Date, Direction};

/// From this ratio of observed to needed rate, a figure is on track.
pub const ON_TRACK: f64 = 0.95;
/// From this ratio, progress was made but needs to speed up; under it,
/// progress is limited.
pub const ACCELERATION: f64 = 0.60;

/// How a ratio of observed to needed rate rates the progress; the status
/// of the same name (`compute::status`) follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    OnTrack,
    NeedsAcceleration,
    LimitedProgress,
    Deterioration,
}

/// The two yearly rates of change and their ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// The rate from the start to the figure.
    pub observed: f64,
    /// The rate from the start that reaches the target by its date.
    pub needed: f64,
    /// `observed / needed`: 1 is exactly the pace needed.
    pub ratio: f64,
    /// Compound rates (shares per year) when true; changes per year in the
    /// figure's unit when false.
    pub compound: bool,
}

fn years(from: Date, to: Date) -> f64 {
    (to - from).num_days() as f64 / 365.25
}

/// The rates from `start` (its date and value) to the figure `now` and to
/// the `target`, for a start dated before both, and a target further from the start than it in
/// the indicator's `direction`. `None` when no finite ratio exists.
pub(super) fn rates(
    start: (Date, f64),
    now: (Date, f64),
    target: (Date, f64),
    direction: Direction,
) -> Option<Rates> {
    let (t_now, t_target) = (years(start.0, now.0), years(start.0, target.0));
    if t_now <= 0.0 || t_target <= 0.0 || direction.sign() * (target.1 - start.1) <= 0.0 {
        return None;
    }
    if start.1 > 0.0 && now.1 > 0.0 && target.1 > 0.0 {
        let observed = (now.1 / start.1).powf(1.0 / t_now) - 1.0;
        let needed = (target.1 / start.1).powf(1.0 / t_target) - 1.0;
        let ratio = observed / needed;
        if ratio.is_finite() && needed != 0.0 {
            return Some(Rates {
                observed,
                needed,
                ratio,
                compound: true,
            });
        }
    }
    let observed = (now.1 - start.1) / t_now;
    let needed = (target.1 - start.1) / t_target;
    let ratio = observed / needed;
    (ratio.is_finite() && needed != 0.0).then_some(Rates {
        observed,
        needed,
        ratio,
        compound: false,
    })
}

/// How a ratio of observed to needed rate rates the progress.
pub(super) fn rate(ratio: f64) -> Rating {
    if ratio >= ON_TRACK {
        Rating::OnTrack
    } else if ratio >= ACCELERATION {
        Rating::NeedsAcceleration
    } else if ratio >= 0.0 {
        Rating::LimitedProgress
    } else {
        Rating::Deterioration
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn start(value: f64) -> (Date, f64) {
        (d("2020-01-01"), value)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    /// 100 in 2020 to a target of 200 in 2030 needs 2^(1/10) − 1 ≈ 7.18% a
    /// year (10.0014 years of 365.25 days). Two years on (2.0014 years):
    /// 121 is 1.21^(1/2) − 1 ≈ 10% a year, 139% of the pace: on track; 110
    /// is ≈ 4.88%, 68%: needs acceleration; 103 is ≈ 1.49%, 21%: limited
    /// progress; 95 is ≈ −2.53%: deterioration.
    #[test]
    fn worked_by_hand() {
        let due = (d("2030-01-01"), 200.0);
        let now = d("2022-01-01");
        let r = |v| rates(start(100.0), (now, v), due, Direction::Up).unwrap();
        let on = r(121.0);
        assert!(close(on.needed, 0.07177), "{on:?}");
        assert!(close(on.observed, 0.09995), "{on:?}");
        assert!(close(on.ratio, 1.3926), "{on:?}");
        assert!(on.compound);
        assert_eq!(rate(on.ratio), Rating::OnTrack);
        let acc = r(110.0);
        assert!(close(acc.ratio, 0.6800), "{acc:?}");
        assert_eq!(rate(acc.ratio), Rating::NeedsAcceleration);
        let limited = r(103.0);
        assert!(close(limited.ratio, 0.2074), "{limited:?}");
        assert_eq!(rate(limited.ratio), Rating::LimitedProgress);
        let worse = r(95.0);
        assert!(worse.ratio < 0.0);
        assert_eq!(rate(worse.ratio), Rating::Deterioration);
    }

    /// Lower is better: 200 to a target of 100 over ten years needs
    /// 0.5^(1/10) − 1 ≈ −6.70% a year; 180 after two is ≈ −5.13%, a ratio
    /// of ≈ 0.77: needs acceleration.
    #[test]
    fn lower_is_better() {
        let r = rates(
            start(200.0),
            (d("2022-01-01"), 180.0),
            (d("2030-01-01"), 100.0),
            Direction::Down,
        )
        .unwrap();
        assert!(close(r.observed, -0.05132), "{r:?}");
        assert!(close(r.needed, -0.06697), "{r:?}");
        assert!(close(r.ratio, 0.7663), "{r:?}");
        assert_eq!(rate(r.ratio), Rating::NeedsAcceleration);
    }

    /// From zero no growth rate exists: the yearly change is used, 20 in
    /// 2.0014 years (9.99 a year) against 100 in 10.0014 (10.00 a year).
    #[test]
    fn from_zero_uses_the_yearly_change() {
        let r = rates(
            start(0.0),
            (d("2022-01-01"), 20.0),
            (d("2030-01-01"), 100.0),
            Direction::Up,
        )
        .unwrap();
        assert!(!r.compound);
        assert!(close(r.ratio, 0.2 * 10.0014 / 2.0014), "{r:?}");
        assert_eq!(rate(r.ratio), Rating::OnTrack);
    }

    #[test]
    fn thresholds() {
        assert_eq!(rate(0.95), Rating::OnTrack);
        assert_eq!(rate(0.9499), Rating::NeedsAcceleration);
        assert_eq!(rate(0.60), Rating::NeedsAcceleration);
        assert_eq!(rate(0.5999), Rating::LimitedProgress);
        assert_eq!(rate(0.0), Rating::LimitedProgress);
        assert_eq!(rate(-0.0001), Rating::Deterioration);
    }

    #[test]
    fn a_start_past_the_target_gives_no_rate() {
        let none = rates(
            start(300.0),
            (d("2022-01-01"), 150.0),
            (d("2030-01-01"), 200.0),
            Direction::Up,
        );
        assert_eq!(none, None);
    }
}
