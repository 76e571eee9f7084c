//! Number formatting on any float (NaN, infinities, subnormals, huge and
//! negative values), any decimals, unit, qualifier and language: no panic,
//! and what is printed in Vietnamese reads back as the number shown.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::internals::{format, Locale};
use minhbach::model::{BuiltInUnit, Lang, Qualifier, Unit};
use minhbach::internals::validate::provenance::parse_printed;

fuzz_target!(|input: (f64, f64, u8, u8, u8)| {
    let (v, total, decimals, pick, code) = input;
    let decimals = usize::from(decimals % 12);
    let unit = Unit::BuiltIn(BuiltInUnit::ALL[usize::from(pick) % BuiltInUnit::ALL.len()].1);
    let qualifier = [
        None,
        Some(Qualifier::About),
        Some(Qualifier::Nearly),
        Some(Qualifier::MoreThan),
        Some(Qualifier::LessThan),
    ][usize::from(pick / 8) % 5];
    let lang = Lang::parse(["vi", "en", "fr", "de"][usize::from(code) % 4])
        .expect("a valid language code");
    let locale = Locale::standard(&lang, Locale::fallback());
    let printed = format::number(v, decimals, &locale);
    let _ = format::value(v, &unit, &locale);
    let _ = format::figure(v, &unit, qualifier, Some(total), &locale);
    let _ = format::percent(v, &locale);
    if v.is_finite() && lang.as_str() == "vi" {
        let shown: f64 = format!("{:.*}", decimals.min(6), v.abs())
            .parse()
            .expect("a float prints as a float");
        assert_eq!(
            parse_printed(&printed),
            vec![shown],
            "{v} printed as {printed}"
        );
    } else if !v.is_finite() {
        assert_eq!(printed, "–");
    }
});
