//! Did-you-mean suggestions for mistyped names. A leaf: it depends on
//! nothing in the crate but the words of diagnostics.

use crate::diagnostics::{say, Text};

/// The closest candidate to a mistyped name, if one is close enough.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// The hint "did you mean `name`?".
pub fn did_you_mean(name: &str) -> Text {
    say!(en: "did you mean `{name}`?", vi: "có phải ý bạn là `{name}`?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_names() {
        let c = ["e-invoice-enterprises", "e-commerce-share"];
        assert_eq!(
            closest("e-invoice-enterprise", c.iter().copied()),
            Some("e-invoice-enterprises")
        );
        assert_eq!(closest("zzz", c.iter().copied()), None);
    }
}
