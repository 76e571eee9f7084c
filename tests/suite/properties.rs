//! Properties that must hold for every input, checked on generated ones
//! (proptest): ids that pass validation are safe folder names, printed
//! figures parse back to the numbers formatted, formatting never panics on
//! any float (NaN, infinities, huge, negative), and the status of a result
//! is consistent with its target and monotonic in its actual value.

use minhbach::internals::compute::{
    judge, progress, status, Basis, Reason, Start, StartFrom, Status,
};
use minhbach::internals::output::safe_rel;
use minhbach::internals::validate::provenance::{matches, parse_printed};
use minhbach::internals::{format, Locale};
use minhbach::model::{
    parse_id, suggest_id, BuiltInUnit, Date, Direction, IndicatorId, Lang, Method, Qualifier,
    ResultEntry, ScopeId, Unit,
};
use proptest::prelude::*;

fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap()
}

/// How minhbach writes in `code` without a site's translation file.
fn loc(code: &str) -> Locale {
    Locale::standard(&lang(code), Locale::fallback())
}

/// Floats of every kind: ordinary, tiny, huge, negative, zero, NaN, ±∞.
fn any_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..1e6f64,
        any::<f64>(),
        Just(0.0),
        Just(-0.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
    ]
}

/// Finite floats of every magnitude and sign, subnormal and zero included.
fn finite_float() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    prop_oneof![
        -1e6..1e6f64,
        POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO,
        Just(f64::MAX),
        Just(f64::MIN)
    ]
}

/// A figure as content states it: zero, or between 1e-15 and 1e15 in size.
fn ordinary(v: f64) -> bool {
    v == 0.0 || (1e-15..1e15).contains(&v.abs())
}

fn any_unit() -> impl Strategy<Value = Unit> {
    proptest::sample::select(
        BuiltInUnit::ALL
            .iter()
            .map(|(_, u)| Unit::BuiltIn(*u))
            .collect::<Vec<_>>(),
    )
}

fn any_qualifier() -> impl Strategy<Value = Option<Qualifier>> {
    proptest::option::of(proptest::sample::select(
        Qualifier::ALL.iter().map(|(_, q)| *q).collect::<Vec<_>>(),
    ))
}

/// What `format::number` prints, as a plain Rust float string (`{:.d}`),
/// parsed: the value a reader of the page sees.
fn shown(v: f64, decimals: usize) -> f64 {
    format!("{:.*}", decimals.min(6), v.abs()).parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Validation never panics, and what it accepts is the id grammar and
    /// a safe path segment; a suggestion is always itself a valid id.
    #[test]
    fn ids_accepted_are_safe_path_segments(s in "\\PC{0,90}|[a-z0-9-]{0,12}|(con|prn|aux|nul|com[0-9]|lpt[0-9])") {
        match parse_id(&s) {
            Ok(id) => {
                prop_assert!(!id.is_empty() && id.len() <= 80);
                prop_assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert!(!id.starts_with('-') && !id.ends_with('-') && !id.contains("--"));
                let path = format!("sessions/{id}/charts/{id}.{id}.svg");
                prop_assert!(safe_rel(&path).is_ok(), "{path}");
                prop_assert!(!matches!(id.as_str(), "con" | "prn" | "aux" | "nul"));
            }
            Err(e) => {
                prop_assert_eq!(e.input, s.clone());
                if let Some(sug) = e.suggestion {
                    prop_assert!(parse_id(&sug).is_ok(), "suggestion {sug:?} for {s:?} is not an id");
                    prop_assert_ne!(sug, s);
                }
            }
        }
    }

    /// Well-formed ids are accepted, whatever their words.
    #[test]
    fn well_formed_ids_are_accepted(words in proptest::collection::vec("[a-z0-9]{1,8}", 1..6)) {
        let id = words.join("-");
        prop_assume!(id.len() <= 80);
        prop_assume!(!(id.len() == 4 && (id.starts_with("com") || id.starts_with("lpt")) && id.as_bytes()[3].is_ascii_digit()));
        prop_assume!(!matches!(id.as_str(), "con" | "prn" | "aux" | "nul"));
        prop_assert_eq!(parse_id(&id), Ok(id.clone()));
    }

    /// Any text: a suggestion, when there is one, is an id.
    #[test]
    fn suggestions_are_ids(s in "\\PC{0,200}") {
        if let Some(sug) = suggest_id(&s) {
            prop_assert!(parse_id(&sug).is_ok(), "{sug:?}");
        }
    }

    /// A printed figure never panics the parser, and every number it reads
    /// is finite and not negative.
    #[test]
    fn printed_figures_parse_without_panic(s in "\\PC{0,120}|[0-9.,% ]{0,40}|[0-9]{1,400}") {
        for n in parse_printed(&s) {
            prop_assert!(n.is_finite() && n >= 0.0, "{n} from {s:?}");
        }
    }

    /// What the site prints in Vietnamese reads back as the number shown,
    /// with or without its unit and qualifier.
    #[test]
    fn vietnamese_numbers_round_trip(v in finite_float(), decimals in 0usize..9, unit in any_unit(), q in any_qualifier()) {
        let vi = loc("vi");
        let printed = format::number(v, decimals, &vi);
        prop_assert_eq!(parse_printed(&printed), vec![shown(v, decimals)], "{}", printed);
        let figure = format::figure(v, &unit, q, None, &vi);
        let first = parse_printed(&figure).first().copied();
        prop_assert_eq!(first, Some(shown(v, unit.max_decimals())), "{}", figure);
        prop_assert!(matches(shown(v, decimals), &parse_printed(&printed)));
    }

    /// English numbers read back with the comma as thousands separator.
    #[test]
    fn english_numbers_round_trip(v in finite_float(), decimals in 0usize..9) {
        let printed = format::number(v, decimals, &loc("en"));
        let plain: String = printed.chars().filter(|c| *c != ',' && *c != '−').collect();
        prop_assert_eq!(plain.parse::<f64>().unwrap(), shown(v, decimals), "{}", printed);
        // Negative only when something non-zero is shown.
        prop_assert_eq!(printed.starts_with('−'), v < 0.0 && shown(v, decimals) != 0.0);
    }

    /// In Vietnamese, English and French, by CLDR's rules: a number reads
    /// back as the value rounded to its decimals once its digit groups are
    /// removed and its decimal mark read; it has no trailing zero after the
    /// mark, the minus sign `−` exactly when a non-zero value below zero is
    /// shown, groups of three digits after a first of one to three; as a
    /// percentage it is the same number with the language's percent sign.
    #[test]
    fn numbers_follow_each_languages_rules(v in finite_float(), decimals in 0usize..9, code in "vi|en|fr") {
        let (group, mark, percent_sign) = match code.as_str() {
            "vi" => ('.', ',', "%"),
            "en" => (',', '.', "%"),
            _ => ('\u{202F}', ',', "\u{A0}%"),
        };
        let l = loc(&code);
        let printed = format::number(v, decimals, &l);
        let expected = shown(v, decimals);
        let negative = printed.starts_with('−');
        prop_assert_eq!(negative, v < 0.0 && expected != 0.0, "{}", printed);
        let unsigned = printed.trim_start_matches('−');
        let (int_part, frac_part) = match unsigned.split_once(mark) {
            Some((i, f)) => (i, Some(f)),
            None => (unsigned, None),
        };
        if let Some(f) = frac_part {
            prop_assert!(!f.is_empty() && !f.ends_with('0'), "{}", printed);
            prop_assert!(f.len() <= decimals.min(6), "{}", printed);
            prop_assert!(f.bytes().all(|b| b.is_ascii_digit()), "{}", printed);
        }
        let groups: Vec<&str> = int_part.split(group).collect();
        prop_assert!((1..=3).contains(&groups[0].len()), "{}", printed);
        prop_assert!(groups[1..].iter().all(|g| g.len() == 3), "{}", printed);
        prop_assert!(groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())), "{}", printed);
        let plain = match frac_part {
            Some(f) => format!("{}.{f}", groups.concat()),
            None => groups.concat(),
        };
        prop_assert_eq!(plain.parse::<f64>().unwrap(), expected, "{}", printed);
        prop_assert_eq!(
            format::percentage(v, decimals, &l),
            format!("{printed}{percent_sign}")
        );
    }

    /// No float, unit, qualifier or language panics the formatter; values
    /// that are not numbers print as a dash.
    #[test]
    fn formatting_never_panics(v in any_float(), total in any_float(), decimals in 0usize..40, unit in any_unit(), q in any_qualifier(), code in "vi|en|fr|de|zh") {
        let l = loc(&code);
        let n = format::number(v, decimals, &l);
        prop_assert_eq!(n == "–", !v.is_finite());
        let _ = format::value(v, &unit, &l);
        let _ = format::figure(v, &unit, q, Some(total), &l);
        let _ = format::percent(v, &l);
    }

    /// Zero, negative zero and negatives too small to show at the given
    /// decimals print as `0`, with no minus sign, in every language, alone,
    /// with a unit (at the unit's decimals) and as a share.
    #[test]
    fn zero_has_no_sign(tiny in 0.0f64..0.49, decimals in 0usize..7, unit in any_unit(), code in "vi|en|fr|de") {
        let l = loc(&code);
        let v = -tiny / 10f64.powi(decimals as i32);
        for z in [-0.0, 0.0, v] {
            let n = format::number(z, decimals, &l);
            prop_assert_eq!(&n, "0", "{} at {} decimals", z, decimals);
        }
        for z in [-0.0, -tiny / 10f64.powi(unit.max_decimals() as i32)] {
            let with_unit = format::value(z, &unit, &l);
            prop_assert!(!with_unit.contains('−') && !with_unit.contains('-'), "{}", with_unit);
        }
        // Zero percent as the language writes it (French `0 %`), never signed.
        let zero = format::percent(-0.0, &l);
        prop_assert_eq!(&zero, &format::percent(0.0, &l));
        prop_assert!(zero.starts_with('0') && zero.ends_with('%'), "{}", zero);
    }

    #[test]
    fn dates_format_in_every_language(days in 0i32..200_000, code in "vi|en|fr") {
        let d = Date::from_num_days_from_ce_opt(days).unwrap();
        prop_assert!(!format::date(d, &loc(&code)).is_empty());
    }

    /// No data without a finite actual; no target without a finite target;
    /// achieved exactly when the actual reaches the target; each method
    /// gives only its own statuses; past the due date only reaching the
    /// target counts; "too early to judge" only where no pace can be
    /// measured.
    #[test]
    fn status_follows_the_rules(r in any_result(), earlier in any_start(), up in any::<bool>(), growth in any::<bool>()) {
        let dir = if up { Direction::Up } else { Direction::Down };
        let method = if growth { Method::GrowthRate } else { Method::Linear };
        let s = judge(&r, dir, method, earlier).status;
        prop_assert!(Status::of_method(method).contains(&s), "{:?}", s);
        let actual = r.actual.filter(|a| a.is_finite());
        let target = r.target.filter(|t| t.is_finite());
        match (actual, target) {
            (None, _) => prop_assert_eq!(s, Status::NoData),
            (Some(_), None) => prop_assert_eq!(s, Status::NoTarget),
            (Some(a), Some(t)) => {
                let reached = if up { a >= t } else { a <= t };
                prop_assert_eq!(s == Status::Achieved, reached, "{:?}", s);
                if !reached {
                    match r.target_date {
                        None => prop_assert_eq!(s, Status::Pending),
                        Some(due) if r.as_of >= due => prop_assert_eq!(s, Status::Behind),
                        Some(_) => {}
                    }
                }
            }
        }
        // Progress exists exactly when status compares with a target (for
        // figures of ordinary size: a ratio of extreme ones overflows, and
        // progress is then left out rather than drawn as infinite).
        let p = progress(&r, dir);
        if let Some((p, _)) = p {
            prop_assert!(p.is_finite() && p >= 0.0);
        }
        if [r.actual, r.target, r.baseline].into_iter().flatten().all(|v| !v.is_finite() || ordinary(v)) {
            prop_assert_eq!(p.is_some(), !matches!(s, Status::NoData | Status::NoTarget));
        }
    }

    /// A figure worse than its starting figure (its baseline, or else the
    /// earlier figure it is measured from) is never on track, nor rated as
    /// progress by the growth rate.
    #[test]
    fn a_figure_worse_than_its_start_is_never_on_track(r in paced_result(), earlier in any_start(), up in any::<bool>(), growth in any::<bool>()) {
        let dir = if up { Direction::Up } else { Direction::Down };
        let method = if growth { Method::GrowthRate } else { Method::Linear };
        let j = judge(&r, dir, method, earlier);
        let start = match j.reason {
            Reason::Pace { start, .. } | Reason::Growth { start, .. } | Reason::LostGround { start } => start,
            _ => return Ok(()),
        };
        let a = r.actual.unwrap();
        let worse = if up { a < start.value } else { a > start.value };
        if worse {
            prop_assert!(
                matches!(j.status, Status::Behind | Status::Deterioration),
                "{:?} from {:?}", j, start
            );
        }
        // The start used is the baseline when the result has one.
        if r.baseline.is_some() && r.baseline_date.is_some() {
            prop_assert_eq!(start.from, StartFrom::Baseline);
        }
    }

    /// Swapping the direction and negating every figure gives the same
    /// status: lower-is-better is higher-is-better seen in a mirror.
    #[test]
    fn mirrored_figures_mirror_the_status(r in paced_result(), earlier in any_start(), up in any::<bool>(), growth in any::<bool>()) {
        let dir = if up { Direction::Up } else { Direction::Down };
        let other = if up { Direction::Down } else { Direction::Up };
        // The growth rate of negated (negative) figures is the yearly
        // change: compare with the linear rule there.
        let method = if growth { Method::GrowthRate } else { Method::Linear };
        let neg = |v: Option<f64>| v.map(|x| -x);
        let mirrored = ResultEntry {
            actual: neg(r.actual),
            target: neg(r.target),
            baseline: neg(r.baseline),
            ..r.clone()
        };
        let earlier_mirrored = earlier.map(|s| Start { value: -s.value, ..s });
        let a = judge(&r, dir, Method::Linear, earlier).status;
        let b = judge(&mirrored, other, Method::Linear, earlier_mirrored).status;
        prop_assert_eq!(a, b);
        if method == Method::GrowthRate {
            // Reaching, lateness and the lack of a start are the same in
            // the mirror; only the rating of the rate may differ.
            let a = judge(&r, dir, method, earlier).status;
            let b = judge(&mirrored, other, method, earlier_mirrored).status;
            for s in [Status::Achieved, Status::Pending, Status::NoData, Status::NoTarget] {
                prop_assert_eq!(a == s, b == s, "{:?} against {:?}", a, b);
            }
        }
    }

    /// A better actual never gives a worse status, everything else equal:
    /// behind or getting worse < limited progress < needs acceleration <
    /// on track < achieved; "too early to judge" ranks only below achieved.
    #[test]
    fn status_is_monotonic_in_the_actual(r in paced_result(), earlier in any_start(), a in -1e9..1e9f64, b in -1e9..1e9f64, up in any::<bool>(), growth in any::<bool>()) {
        let dir = if up { Direction::Up } else { Direction::Down };
        let method = if growth { Method::GrowthRate } else { Method::Linear };
        let (worse, better) = if (a <= b) == up { (a, b) } else { (b, a) };
        let rank = |s: Status| match s {
            Status::Behind | Status::Deterioration => Some(0),
            Status::LimitedProgress => Some(1),
            Status::NeedsAcceleration => Some(2),
            Status::OnTrack => Some(3),
            Status::Achieved => Some(4),
            Status::Pending => None,
            other => panic!("{other:?} with an actual and a target"),
        };
        let with = |v: f64| ResultEntry { actual: Some(v), ..r.clone() };
        let (sw, sb) = (judge(&with(worse), dir, method, earlier).status, judge(&with(better), dir, method, earlier).status);
        match (rank(sw), rank(sb)) {
            (Some(x), Some(y)) => prop_assert!(x <= y, "{:?} for {} but {:?} for {}", sw, worse, sb, better),
            (Some(4), None) => prop_assert!(false, "achieved at {} but not at {}", worse, better),
            _ => {}
        }
    }

    /// With non-negative figures, progress says what status says: at least
    /// 1 when achieved, below 1 when not, with or without a baseline.
    #[test]
    fn progress_agrees_with_status(actual in 0.0..1e9f64, target in 0.0..1e9f64, baseline in proptest::option::of(0.0..1e9f64), up in any::<bool>()) {
        let dir = if up { Direction::Up } else { Direction::Down };
        let r = ResultEntry { baseline, ..result(Some(actual), Some(target)) };
        let (p, basis) = progress(&r, dir).unwrap();
        prop_assert_eq!(basis == Basis::FromBaseline, baseline.is_some());
        if status(&r, dir) == Status::Achieved {
            prop_assert!(p >= 1.0, "{p}");
        } else {
            prop_assert!(p < 1.0, "{p}");
        }
    }

    /// A figure that grew exactly at the rate needed is on track by the
    /// growth rate, and by the linear rule when it grew by the share of
    /// the way that matches the share of the time.
    #[test]
    fn the_pace_needed_is_on_track(start in 1.0..1e6f64, factor in 1.01..10.0f64, gone in 1i64..3000, more in 1i64..3000, up in any::<bool>()) {
        let dir = if up { Direction::Up } else { Direction::Down };
        let target = if up { start * factor } else { start / factor };
        let d0 = Date::from_ymd_opt(2020, 1, 1).unwrap();
        let as_of = d0 + chrono::Duration::days(gone);
        let due = as_of + chrono::Duration::days(more);
        let share = gone as f64 / (gone + more) as f64;
        let on_pace = start * (target / start).powf(share);
        let linear = start + (target - start) * share;
        let r = |actual: f64| ResultEntry {
            as_of,
            target_date: Some(due),
            baseline: Some(start),
            baseline_date: Some(d0),
            ..result(Some(actual), Some(target))
        };
        // A hair ahead of the pace, so that rounding cannot tip it.
        let ahead = |v: f64| if up { v * (1.0 + 1e-9) } else { v * (1.0 - 1e-9) };
        prop_assert_eq!(judge(&r(ahead(on_pace)), dir, Method::GrowthRate, None).status, Status::OnTrack);
        prop_assert_eq!(judge(&r(ahead(linear)), dir, Method::Linear, None).status, Status::OnTrack);
    }
}

fn result(actual: Option<f64>, target: Option<f64>) -> ResultEntry {
    ResultEntry {
        indicator: IndicatorId::parse("x").unwrap(),
        actual,
        qualifier: None,
        out_of: None,
        as_of: Date::from_ymd_opt(2022, 6, 30).unwrap(),
        target,
        target_date: None,
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

fn any_date() -> impl Strategy<Value = Date> {
    (730_000i32..740_000).prop_map(|d| Date::from_num_days_from_ce_opt(d).unwrap())
}

/// Results with any mix of present, absent and non-finite figures and dates.
fn any_result() -> impl Strategy<Value = ResultEntry> {
    (
        proptest::option::of(any_float()),
        proptest::option::of(any_float()),
        proptest::option::of(any_float()),
        any_date(),
        proptest::option::of(any_date()),
        proptest::option::of(any_date()),
    )
        .prop_map(
            |(actual, target, baseline, as_of, target_date, baseline_date)| ResultEntry {
                as_of,
                target_date,
                baseline,
                baseline_date,
                ..result(actual, target)
            },
        )
}

/// A possible earlier figure to measure pace from.
fn any_start() -> impl Strategy<Value = Option<Start>> {
    proptest::option::of((-1e6..1e6f64, any_date()).prop_map(|(value, date)| Start {
        value,
        date,
        from: StartFrom::Earlier,
    }))
}

/// Results with an ordinary actual and target, a due date and often a
/// baseline: those whose pace may be measured.
fn paced_result() -> impl Strategy<Value = ResultEntry> {
    (
        -1e6..1e6f64,
        -1e6..1e6f64,
        proptest::option::of((-1e6..1e6f64, any_date())),
        any_date(),
        any_date(),
    )
        .prop_map(|(actual, target, baseline, as_of, due)| ResultEntry {
            as_of,
            target_date: Some(due),
            baseline: baseline.map(|b| b.0),
            baseline_date: baseline.map(|b| b.1),
            ..result(Some(actual), Some(target))
        })
}
