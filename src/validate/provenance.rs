//! Reading numbers the way Vietnamese reports print them, so that a figure
//! in the content can be checked against the register entry it cites.

/// The numbers a printed figure states: `"11,27%"` → `[11.27]`,
/// `"1.928.311 tỷ đồng"` → `[1928311]`, `"477/832"` → `[477, 832]`,
/// `"gần 78 triệu"` → `[78000000]`. Vietnamese style is assumed: the comma
/// is the decimal separator and dots group thousands. "tỷ" is read as part
/// of a unit (billion-vnd, billion-usd), not as a multiplier.
pub fn parse_printed(printed: &str) -> Vec<f64> {
    numbers_in(printed).into_iter().map(|n| n.value).collect()
}

/// One number as a text prints it, with where it stands in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintedNumber {
    /// Byte range of its digits and separators (`11,27` of `11,27%`).
    pub digits: std::ops::Range<usize>,
    /// Byte range of the whole figure: the digits and a multiplier word
    /// that follows them (`78 triệu`).
    pub whole: std::ops::Range<usize>,
    /// The value, the multiplier applied.
    pub value: f64,
}

/// Every number in `text` as [`parse_printed`] reads it, in order, with
/// its place: the one reader of printed figures, used by the provenance
/// check and by `minhbach new source --from`.
pub fn numbers_in(text: &str) -> Vec<PrintedNumber> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let digit = |i: usize| chars.get(i).is_some_and(|&(_, c)| c.is_ascii_digit());
    let mut i = 0;
    while i < chars.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (digit(i) || (matches!(chars[i].1, '.' | ',') && digit(i + 1))) {
            i += 1;
        }
        let digits = byte_at(start)..byte_at(i);
        let Some(mut value) = parse_vi_number(&text[digits.clone()]) else {
            continue;
        };
        let rest = &text[digits.end..];
        let trimmed = rest.trim_start();
        let gap = rest.len() - trimmed.len();
        let lower = trimmed.to_lowercase();
        let mut end = digits.end;
        for (word, factor) in [("triệu", 1e6), ("nghìn", 1e3), ("ngàn", 1e3)] {
            if lower.starts_with(word) {
                value *= factor;
                // The same word in the text's own case, for its length.
                let len = trimmed
                    .char_indices()
                    .nth(word.chars().count())
                    .map_or(trimmed.len(), |(b, _)| b);
                end = digits.end + gap + len;
                break;
            }
        }
        // `1e303 triệu` is more than a float holds.
        if !value.is_finite() {
            continue;
        }
        out.push(PrintedNumber {
            whole: digits.start..end,
            digits,
            value,
        });
    }
    out
}

/// Parses one Vietnamese-formatted number: `1.928.311`, `11,27`, `71,79`.
fn parse_vi_number(token: &str) -> Option<f64> {
    let groups: Vec<&str> = token.split('.').collect();
    // Dots group thousands only when every group after the first has three
    // digits; otherwise a dot is read as a decimal point (some reports mix).
    let integer_dots = groups.len() > 1
        && groups[1..]
            .iter()
            .all(|g| g.split(',').next().is_some_and(|d| d.len() == 3));
    let normalized = if integer_dots || groups.len() == 1 {
        token.replace('.', "").replace(',', ".")
    } else {
        token.replace(',', "")
    };
    normalized.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether `value` equals one of the printed numbers (to a relative
/// precision that absorbs float rounding, not a different figure).
pub fn matches(value: f64, printed: &[f64]) -> bool {
    printed
        .iter()
        .any(|p| (p - value).abs() <= 1e-9 * p.abs().max(value.abs()).max(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_printed_figures() {
        assert_eq!(parse_printed("11,27%"), vec![11.27]);
        assert_eq!(parse_printed("1.928.311 tỷ đồng"), vec![1_928_311.0]);
        assert_eq!(parse_printed("477/832"), vec![477.0, 832.0]);
        assert_eq!(parse_printed("gần 78 triệu"), vec![78_000_000.0]);
        assert_eq!(parse_printed("khoảng 53 tỷ USD"), vec![53.0]);
        assert_eq!(parse_printed("457.249 máy tính"), vec![457_249.0]);
        assert_eq!(parse_printed("-"), Vec::<f64>::new());
        assert_eq!(parse_printed("trên 570.000"), vec![570_000.0]);
        assert_eq!(parse_printed("71,79 Mbps, tăng 32,7%"), vec![71.79, 32.7]);
        assert_eq!(parse_printed("5,5 nghìn"), vec![5500.0]);
        // A multiplier that takes a number past what a float holds.
        let huge = format!("{} triệu và 7", "9".repeat(303));
        assert_eq!(parse_printed(&huge), vec![7.0]);
    }

    #[test]
    fn matching_tolerates_float_noise_only() {
        assert!(matches(11.27, &parse_printed("11,27%")));
        assert!(!matches(11.2, &parse_printed("11,27%")));
        assert!(matches(0.1 + 0.2, &[0.3]));
    }
}
