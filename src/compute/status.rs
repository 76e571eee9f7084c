//! Status of a result against its target, and the reason for it. The rules
//! are the public methodology (docs/content-format.md, and the Methodology
//! page). Both methods share the first steps:
//!
//! - `no-data`: no actual was reported.
//! - `no-target`: an actual, but no target to measure it against.
//! - `achieved`: the actual reaches the target in the indicator's direction.
//! - `behind`: not reached, and the target's date has passed (or the
//!   figure is dated on it).
//! - `pending`: not reached, the target is not yet due, and the pace cannot
//!   be judged: no due date, or no starting figure (a baseline, or an
//!   earlier comparable figure of the same indicator and scope) dated
//!   before the figure and before the due date.
//!
//! Then, with a starting figure, the pace is measured. A start that
//! already reached the target, followed by a figure that no longer does,
//! lost ground: `behind` (linear) or `deterioration` (growth rate). Else:
//!
//! - linear (the default): `on-track` when the share of the way covered in
//!   the indicator's direction, (actual − start) / (target − start), is at
//!   least the share of the time gone, (as_of − start date) / (due − start
//!   date); `behind` otherwise. A figure worse than its start covered a
//!   negative share: never on track.
//! - growth rate ([`super::growth`]): the ratio of the observed yearly rate
//!   of change to the rate needed, rated `on-track`, `needs-acceleration`,
//!   `limited-progress` or `deterioration`.

use crate::model::{Date, Direction, Method, ResultEntry};

/// The status of one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Achieved,
    OnTrack,
    /// Growth rate only: progress made, but slower than needed.
    NeedsAcceleration,
    /// Growth rate only: little progress.
    LimitedProgress,
    /// Growth rate only: the figure moved away from its target.
    Deterioration,
    Behind,
    /// The target is not yet due and the pace cannot be judged.
    Pending,
    NoData,
    NoTarget,
}

impl Status {
    /// The status of a growth-rate rating.
    fn rated(rating: super::growth::Rating) -> Status {
        use super::growth::Rating;
        match rating {
            Rating::OnTrack => Status::OnTrack,
            Rating::NeedsAcceleration => Status::NeedsAcceleration,
            Rating::LimitedProgress => Status::LimitedProgress,
            Rating::Deterioration => Status::Deterioration,
        }
    }

    pub const ALL: [Status; 9] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::Behind,
        Status::Pending,
        Status::NoData,
        Status::NoTarget,
    ];

    /// The name used in data files and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::NeedsAcceleration => "needs-acceleration",
            Status::LimitedProgress => "limited-progress",
            Status::Deterioration => "deterioration",
            Status::Behind => "behind",
            Status::Pending => "pending",
            Status::NoData => "no-data",
            Status::NoTarget => "no-target",
        }
    }

    /// A symbol that tells the statuses apart without colour (each is in
    /// the fonts the PNG downloads are drawn with).
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "✓",
            Status::OnTrack => "↗",
            Status::NeedsAcceleration => "→",
            Status::LimitedProgress => "↘",
            Status::Deterioration => "↓",
            Status::Behind => "✗",
            Status::Pending => "…",
            Status::NoData => "–",
            Status::NoTarget => "○",
        }
    }

    /// The statuses a site's method can give, in the order legends and
    /// tallies list them.
    pub fn of_method(method: Method) -> &'static [Status] {
        match method {
            Method::Linear => &[
                Status::Achieved,
                Status::OnTrack,
                Status::Behind,
                Status::Pending,
                Status::NoData,
                Status::NoTarget,
            ],
            Method::GrowthRate => &Status::ALL,
        }
    }
}

/// Where a starting figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StartFrom {
    /// The result's own `baseline` and `baseline_date`.
    Baseline,
    /// The earliest comparable figure the site holds for the same
    /// indicator and scope.
    Earlier,
}

/// A figure pace is measured from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Start {
    pub value: f64,
    pub date: Date,
    pub from: StartFrom,
}

/// Why a result has its status: what the words on its row, in its chart's
/// description and in the data files' `status_reason` column say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// No actual was reported.
    NoActual,
    /// No target to hold the actual against.
    NoTarget,
    /// The actual reaches the target.
    Reached,
    /// Not reached, and the target's date has passed.
    DuePassed { due: Date },
    /// Not reached, and the target has no date: pace cannot be judged.
    NoDueDate,
    /// Not reached, not yet due, and no starting figure to measure pace
    /// from; `apart` when the figure is marked as not comparable with the
    /// earlier ones.
    NoStart { due: Date, apart: bool },
    /// The start had reached the target; the figure no longer does.
    LostGround { start: Start },
    /// The linear rule: the share of the way covered and of the time gone.
    Pace {
        start: Start,
        due: Date,
        covered: f64,
        elapsed: f64,
    },
    /// The growth-rate rule: observed and needed yearly rates and their
    /// ratio.
    Growth {
        start: Start,
        due: Date,
        rates: super::growth::Rates,
    },
}

/// A status with its reason.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    pub status: Status,
    pub reason: Reason,
}

impl Judgement {
    fn new(status: Status, reason: Reason) -> Self {
        Judgement { status, reason }
    }
}

/// Whether `actual` reaches `target` for an indicator going `direction`.
pub(super) fn reaches(actual: f64, target: f64, direction: Direction) -> bool {
    match direction {
        Direction::Up => actual >= target,
        Direction::Down => actual <= target,
    }
}

/// The result's own baseline as a start, when it has one.
fn baseline_start(r: &ResultEntry) -> Option<Start> {
    Some(Start {
        value: r.baseline.filter(|b| b.is_finite())?,
        date: r.baseline_date?,
        from: StartFrom::Baseline,
    })
}

/// Judges `r` for an indicator going `direction` by `method`. `earlier` is
/// the earliest comparable figure of the same indicator and scope, if the
/// site holds one; the result's own baseline comes first.
pub fn judge(
    r: &ResultEntry,
    direction: Direction,
    method: Method,
    earlier: Option<Start>,
) -> Judgement {
    let Some(actual) = r.actual.filter(|a| a.is_finite()) else {
        return Judgement::new(Status::NoData, Reason::NoActual);
    };
    let Some(target) = r.target.filter(|t| t.is_finite()) else {
        return Judgement::new(Status::NoTarget, Reason::NoTarget);
    };
    if reaches(actual, target, direction) {
        return Judgement::new(Status::Achieved, Reason::Reached);
    }
    let Some(due) = r.target_date else {
        return Judgement::new(Status::Pending, Reason::NoDueDate);
    };
    if r.as_of >= due {
        return Judgement::new(Status::Behind, Reason::DuePassed { due });
    }
    // A start counts only when it comes before both the figure and the
    // due date: otherwise no time has gone from it.
    let start = baseline_start(r)
        .or(earlier)
        .filter(|s| s.date < r.as_of && s.date < due);
    let Some(start) = start else {
        return Judgement::new(
            Status::Pending,
            Reason::NoStart {
                due,
                apart: !r.pace_from_earlier,
            },
        );
    };
    let s = direction.sign();
    let need = s * (target - start.value);
    if need.is_nan() || need <= 0.0 {
        let lost = match method {
            Method::Linear => Status::Behind,
            Method::GrowthRate => Status::Deterioration,
        };
        return Judgement::new(lost, Reason::LostGround { start });
    }
    let days = |from: Date, to: Date| (to - from).num_days() as f64;
    match method {
        Method::Linear => {
            let covered = s * (actual - start.value) / need;
            let elapsed = days(start.date, r.as_of) / days(start.date, due);
            if !covered.is_finite() {
                return Judgement::new(
                    Status::Pending,
                    Reason::NoStart {
                        due,
                        apart: !r.pace_from_earlier,
                    },
                );
            }
            let status = if covered >= elapsed {
                Status::OnTrack
            } else {
                Status::Behind
            };
            Judgement::new(
                status,
                Reason::Pace {
                    start,
                    due,
                    covered,
                    elapsed,
                },
            )
        }
        Method::GrowthRate => {
            let from = (start.date, start.value);
            match super::growth::rates(from, (r.as_of, actual), (due, target), direction) {
                Some(rates) => Judgement::new(
                    Status::rated(super::growth::rate(rates.ratio)),
                    Reason::Growth { start, due, rates },
                ),
                None => Judgement::new(
                    Status::Pending,
                    Reason::NoStart {
                        due,
                        apart: !r.pace_from_earlier,
                    },
                ),
            }
        }
    }
}

/// What a progress bar measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The share of the way from the result's baseline to its target,
    /// nothing for a figure that went backwards.
    FromBaseline,
    /// The actual as a share of the target (inverted where lower is
    /// better): no baseline is known.
    ShareOfTarget,
}

/// Progress towards the target (1.0 = target reached; more is better), for
/// charts that put indicators with different units side by side, and what
/// it measures. With a baseline, the share of the way from it to the target
/// in the indicator's direction, at least 0; without, the share of the
/// target (target / actual where lower is better). `None` when there is no
/// actual or no usable target.
pub fn progress(r: &ResultEntry, direction: Direction) -> Option<(f64, Basis)> {
    let actual = r.actual.filter(|a| a.is_finite())?;
    let target = r.target.filter(|t| t.is_finite())?;
    if let Some(baseline) = r.baseline.filter(|b| b.is_finite()) {
        let s = direction.sign();
        let need = s * (target - baseline);
        let p = if reaches(actual, target, direction) {
            // Reached: at least the whole way, whatever the start.
            let p = s * (actual - baseline) / need;
            if need > 0.0 && p.is_finite() {
                p.max(1.0)
            } else {
                1.0
            }
        } else if need > 0.0 {
            (s * (actual - baseline) / need).min(1.0 - f64::EPSILON)
        } else {
            0.0
        };
        return p
            .is_finite()
            .then_some(((p.max(0.0) + 0.0), Basis::FromBaseline));
    }
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
    p.is_finite()
        .then_some((p.max(0.0) + 0.0, Basis::ShareOfTarget))
}

/// The status of `r` judged on its own (linear rule, no earlier figures).
pub fn status(r: &ResultEntry, direction: Direction) -> Status {
    judge(r, direction, Method::Linear, None).status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScopeId;

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
            pace_from_earlier: true,
            corrects: None,
            line: None,
        }
    }

    #[test]
    fn basic_statuses() {
        let up = |a, t| status(&result(a, t), Direction::Up);
        let down = |a, t| status(&result(a, t), Direction::Down);
        assert_eq!(up(None, Some(1.0)), Status::NoData);
        assert_eq!(up(Some(1.0), None), Status::NoTarget);
        assert_eq!(up(Some(11.27), Some(7.0)), Status::Achieved);
        assert_eq!(up(Some(100.0), Some(100.0)), Status::Achieved);
        assert_eq!(down(Some(3.0), Some(5.0)), Status::Achieved);
        // A June figure against a December target, with nothing to measure
        // pace from: nobody can say it is behind.
        assert_eq!(up(Some(36.91), Some(50.0)), Status::Pending);
        assert_eq!(down(Some(7.0), Some(5.0)), Status::Pending);
        let mut r = result(Some(36.91), Some(50.0));
        r.target_date = None;
        let j = judge(&r, Direction::Up, Method::Linear, None);
        assert_eq!((j.status, j.reason), (Status::Pending, Reason::NoDueDate));
    }

    #[test]
    fn on_track_compares_progress_with_time() {
        let mut r = result(Some(60.0), Some(100.0));
        r.baseline = Some(20.0);
        r.baseline_date = Some(d("2021-12-31"));
        // 181 of 365 days gone; (60-20)/(100-20) = 0.5 of the way covered.
        assert_eq!(status(&r, Direction::Up), Status::OnTrack);
        r.actual = Some(55.0);
        assert_eq!(status(&r, Direction::Up), Status::Behind);
        // Past the due date, not reached: behind, whatever the pace.
        r.actual = Some(99.0);
        r.as_of = d("2023-01-01");
        assert_eq!(status(&r, Direction::Up), Status::Behind);
    }

    #[test]
    fn a_figure_that_moved_the_wrong_way_is_never_on_track() {
        // Lower is better; the baseline (30) was already below the target
        // (40), and the figure then doubled to 65.
        let mut r = result(Some(65.0), Some(40.0));
        r.baseline = Some(30.0);
        r.baseline_date = Some(d("2021-12-31"));
        let j = judge(&r, Direction::Down, Method::Linear, None);
        assert_eq!(j.status, Status::Behind);
        assert!(matches!(j.reason, Reason::LostGround { .. }));
        let j = judge(&r, Direction::Down, Method::GrowthRate, None);
        assert_eq!(j.status, Status::Deterioration);
        // Worse than a baseline on the far side of the target: behind.
        r.baseline = Some(50.0);
        r.actual = Some(60.0);
        assert_eq!(status(&r, Direction::Down), Status::Behind);
    }

    #[test]
    fn an_earlier_figure_measures_pace_when_there_is_no_baseline() {
        let r = result(Some(40.0), Some(50.0));
        let earlier = Start {
            value: 30.0,
            date: d("2021-12-31"),
            from: StartFrom::Earlier,
        };
        let j = judge(&r, Direction::Up, Method::Linear, Some(earlier));
        // 10 of 20 covered in 181 of 365 days.
        assert_eq!(j.status, Status::OnTrack);
        match j.reason {
            Reason::Pace { start, covered, .. } => {
                assert_eq!(start.from, StartFrom::Earlier);
                assert_eq!(covered, 0.5);
            }
            other => panic!("{other:?}"),
        }
        // A start dated after the figure measures nothing.
        let later = Start {
            date: d("2022-07-01"),
            ..earlier
        };
        let j = judge(&r, Direction::Up, Method::Linear, Some(later));
        assert_eq!(j.status, Status::Pending);
    }

    #[test]
    fn progress_of_nothing_has_no_sign() {
        let (p, _) = progress(&result(Some(0.0), Some(-5.0)), Direction::Up).unwrap();
        assert!(p == 0.0 && p.is_sign_positive());
    }

    #[test]
    fn progress_is_share_of_target_without_a_baseline() {
        let p = |a, t, dir| progress(&result(a, t), dir);
        assert_eq!(
            p(Some(33.0), Some(50.0), Direction::Up),
            Some((0.66, Basis::ShareOfTarget))
        );
        assert_eq!(p(None, Some(50.0), Direction::Up), None);
        assert_eq!(
            p(Some(10.0), Some(5.0), Direction::Down),
            Some((0.5, Basis::ShareOfTarget))
        );
        assert_eq!(p(Some(f64::NAN), Some(5.0), Direction::Up), None);
    }

    #[test]
    fn progress_is_the_way_from_the_baseline() {
        // Emissions 763 → 685 against a target of 457: a quarter of the way.
        let mut r = result(Some(685.0), Some(457.0));
        r.baseline = Some(763.0);
        let (p, basis) = progress(&r, Direction::Down).unwrap();
        assert_eq!(basis, Basis::FromBaseline);
        assert!((p - 78.0 / 306.0).abs() < 1e-12, "{p}");
        // Backwards: nothing.
        r.actual = Some(800.0);
        assert_eq!(
            progress(&r, Direction::Down),
            Some((0.0, Basis::FromBaseline))
        );
        // Reached: the whole way.
        r.actual = Some(400.0);
        assert!(progress(&r, Direction::Down).unwrap().0 >= 1.0);
    }
}
