//! Text measured with the compiled-in fonts' own advances, for laying out
//! the social cards: widths, shortening and wrapping to a pixel width.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::fonts::Face;

/// Width of `text` in pixels at `size`, from the font's own advances.
pub(super) fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let face = if bold { Face::Bold } else { Face::Regular };
    let data = face.data();
    let Ok(font) = FontRef::new(data) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// Cuts `text` to fit `max` pixels, ending in "…".
pub(super) fn shorten(text: &str, max: f32, size: f32, bold: bool) -> String {
    if text_width(text, size, bold) <= max {
        return text.to_owned();
    }
    let mut out: String = text.to_owned();
    while !out.is_empty() && text_width(&format!("{}…", out.trim_end()), size, bold) > max {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// Wraps `text` at spaces into at most `lines` lines of `max` pixels; the
/// last line ends in "…" when the text is longer.
pub(super) fn wrap(text: &str, max: f32, size: f32, bold: bool, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let candidate = if line.is_empty() {
            (*word).to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size, bold) <= max || line.is_empty() {
            line = candidate;
            continue;
        }
        out.push(std::mem::take(&mut line));
        if out.len() == lines {
            let last = out.pop().unwrap_or_default();
            let rest = words[i..].join(" ");
            out.push(shorten(&format!("{last} {rest}"), max, size, bold));
            return out;
        }
        line = (*word).to_owned();
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out.len() > lines {
        let rest = out.split_off(lines - 1).join(" ");
        out.push(shorten(&rest, max, size, bold));
    }
    out.into_iter()
        .map(|l| shorten(&l, max, size, bold))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_measured_with_the_font() {
        // Every letter of this line has a glyph: none falls back to the
        // estimate of 0.6 em.
        let font = FontRef::new(dejavu::sans::regular()).unwrap();
        let map = font.charmap();
        for c in "Ủy ban Quốc gia về chuyển đổi số: Đã đạt, ước tính ≥ 11,27% ✓ ↗ ✗ – ○ …".chars()
        {
            assert!(map.map(c).is_some(), "DejaVu Sans has no glyph for {c:?}");
        }
        assert!(text_width("Ủy ban", 20.0, false) > text_width("Uy ba", 20.0, false));
    }

    #[test]
    fn wrapping_keeps_to_the_width_and_line_count() {
        let title = "Phiên họp thứ ba của Ủy ban Quốc gia về chuyển đổi số và những việc cần làm trong sáu tháng cuối năm";
        let lines = wrap(title, 400.0, 40.0, true, 3);
        assert_eq!(lines.len(), 3);
        assert!(
            lines.iter().all(|l| text_width(l, 40.0, true) <= 400.0),
            "{lines:?}"
        );
        assert!(lines[2].ends_with('…'));
        assert_eq!(wrap("Ngắn", 400.0, 40.0, true, 3), vec!["Ngắn".to_owned()]);
        assert!(wrap("", 400.0, 40.0, true, 3).is_empty());
    }
}
