//! The texts of the PNG images, taken out of their SVG documents to be
//! drawn from cached glyph images (by [`super::paint`]).
//!
//! usvg lays out every `<text>` on its own, building a new shaper for the
//! font each time, and resvg then fills (and, for a halo, strokes) the
//! letters' outlines one by one. A session overview of a national site has
//! about 1,400 texts, all in one font at a few sizes, and that was most of
//! the cost of every image. Here each text is shaped with a shaper built
//! once per face, and each glyph is rasterized once per size, subpixel
//! position and halo, then copied to where it stands.
//!
//! Only the texts that the charts and the cards write are taken this way: a
//! line of plain text with a position, a size, a weight or a slant, an
//! anchor, a solid fill and perhaps a halo (a round-joined stroke painted
//! under the letters). Any other text stays in the SVG, and usvg draws it.

use super::fonts::Face;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// A colour, straight (not premultiplied) RGBA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Rgba(pub(super) [u8; 4]);

impl Rgba {
    /// `#rgb` or `#rrggbb`; anything else is left to usvg.
    fn parse(s: &str) -> Option<Rgba> {
        let hex = s.trim().strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            3 => {
                let (r, g, b) = (digit(0, 1)?, digit(1, 1)?, digit(2, 1)?);
                Some(Rgba([r * 17, g * 17, b * 17, 255]))
            }
            6 => Some(Rgba([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?, 255])),
            _ => None,
        }
    }
}

/// One line of text taken out of an SVG document, in its units.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Text {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) face: Face,
    pub(super) anchor: Anchor,
    pub(super) fill: Rgba,
    /// Colour and width of the halo.
    pub(super) halo: Option<(Rgba, f32)>,
    pub(super) content: String,
}

/// What the root element lets its texts inherit.
struct Inherited {
    size: f32,
    fill: Rgba,
}

/// Takes the plain texts out of `svg`: the document without them, for
/// usvg, and the texts, to draw over what usvg draws. They are drawn
/// after every other shape, which is where the charts put them: no shape of
/// theirs is drawn over a text. A document this does not understand comes
/// back whole, with no texts taken.
pub(super) fn split(svg: &str) -> (String, Vec<Text>) {
    let whole = || (svg.to_owned(), Vec::new());
    let Ok(doc) = roxmltree::Document::parse(svg) else {
        return whole();
    };
    let root = doc.root_element();
    let mut inherited = Inherited {
        size: 12.0,
        fill: Rgba([0, 0, 0, 255]),
    };
    for a in root.attributes() {
        match a.name() {
            "font-size" => match number(a.value()) {
                Some(size) => inherited.size = size,
                None => return whole(),
            },
            "fill" => match Rgba::parse(a.value()) {
                Some(fill) => inherited.fill = fill,
                None => return whole(),
            },
            // Anything else a text could inherit would change how it looks.
            "font-weight" | "font-style" | "text-anchor" | "stroke" | "stroke-width"
            | "stroke-linejoin" | "paint-order" | "letter-spacing" | "word-spacing"
            | "font-variant" | "font-stretch" | "opacity" | "fill-opacity" | "transform"
            | "style" | "direction" | "writing-mode" | "dominant-baseline"
            | "alignment-baseline" | "baseline-shift" | "text-decoration" | "font" => {
                return whole();
            }
            _ => {}
        }
    }
    let mut kept = String::with_capacity(svg.len());
    let mut texts = Vec::new();
    let mut from = 0;
    for node in root.children().filter(|n| n.has_tag_name("text")) {
        let Some(text) = plain_text(node, &inherited) else {
            continue;
        };
        let range = node.range();
        kept.push_str(&svg[from..range.start]);
        from = range.end;
        texts.push(text);
    }
    kept.push_str(&svg[from..]);
    (kept, texts)
}

fn number(s: &str) -> Option<f32> {
    let n: f32 = s
        .trim()
        .strip_suffix("px")
        .unwrap_or(s.trim())
        .parse()
        .ok()?;
    n.is_finite().then_some(n)
}

/// The presentation attributes of a `<text>`, as far as they are read.
struct Style {
    x: f32,
    y: f32,
    size: f32,
    fill: Rgba,
    bold: bool,
    slanted: bool,
    anchor: Anchor,
    stroke: Option<Rgba>,
    stroke_width: f32,
    /// `stroke-linejoin="round"`.
    round: bool,
    /// `paint-order="stroke"`: the stroke under the letters.
    under: bool,
}

impl Style {
    fn new(inherited: &Inherited) -> Style {
        Style {
            x: 0.0,
            y: 0.0,
            size: inherited.size,
            fill: inherited.fill,
            bold: false,
            slanted: false,
            anchor: Anchor::Start,
            stroke: None,
            stroke_width: 1.0,
            round: false,
            under: false,
        }
    }

    /// Takes one attribute; `None` for one this module does not draw.
    fn set(&mut self, name: &str, v: &str) -> Option<()> {
        match name {
            "x" => self.x = number(v)?,
            "y" => self.y = number(v)?,
            "font-size" => self.size = number(v)?,
            "fill" => self.fill = Rgba::parse(v)?,
            "font-weight" => {
                self.bold = match v {
                    "bold" | "700" | "bolder" => true,
                    "normal" | "400" => false,
                    _ => return None,
                }
            }
            "font-style" => {
                self.slanted = match v {
                    "italic" | "oblique" => true,
                    "normal" => false,
                    _ => return None,
                }
            }
            "text-anchor" => {
                self.anchor = match v {
                    "start" => Anchor::Start,
                    "middle" => Anchor::Middle,
                    "end" => Anchor::End,
                    _ => return None,
                }
            }
            "stroke" => self.stroke = Some(Rgba::parse(v)?),
            "stroke-width" => self.stroke_width = number(v)?,
            "stroke-linejoin" => self.round = v == "round",
            "paint-order" => self.under = v == "stroke",
            // The charts name a font stack; the images have one font.
            "font-family" | "class" | "id" => {}
            _ => return None,
        }
        Some(())
    }
}

/// A `<text>` element this module can draw, or `None` to leave it to usvg.
fn plain_text(node: roxmltree::Node<'_, '_>, inherited: &Inherited) -> Option<Text> {
    // One text child, no <tspan>, no comment.
    let mut children = node.children();
    let child = children.next()?;
    if !child.is_text() || children.next().is_some() {
        return None;
    }
    let mut style = Style::new(inherited);
    for a in node.attributes() {
        style.set(a.name(), a.value().trim())?;
    }
    // A halo is a round-joined stroke under the letters; any other stroke
    // is usvg's to draw.
    let halo = match style.stroke {
        Some(color) if style.round && style.under && style.stroke_width > 0.0 => {
            Some((color, style.stroke_width))
        }
        Some(_) => return None,
        None => None,
    };
    // XML whitespace handling of SVG: runs collapse to one space, and the
    // ends are trimmed.
    let content = child
        .text()?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if style.size <= 0.0 {
        return None;
    }
    Some(Text {
        x: style.x,
        y: style.y,
        size: style.size,
        face: Face::new(style.bold, style.slanted),
        anchor: style.anchor,
        fill: style.fill,
        halo,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_texts_are_taken_out_and_others_left() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" font-size="13" fill="#333333"><rect width="10" height="10"/><text x="5" y="20" text-anchor="middle" font-weight="bold">Đã  đạt
 &amp; hơn</text><text x="1" y="2" dx="3">lệch</text><text x="1" y="40" fill="#fff" stroke="#FFFFFF" stroke-width="4" stroke-linejoin="round" paint-order="stroke">✓</text></svg>"##;
        let (kept, texts) = split(svg);
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0].content, "Đã đạt & hơn");
        assert_eq!(texts[0].face, Face::Bold);
        assert_eq!(texts[0].anchor, Anchor::Middle);
        assert_eq!(texts[0].size, 13.0);
        assert_eq!(texts[0].fill, Rgba([0x33, 0x33, 0x33, 255]));
        assert_eq!(texts[1].halo, Some((Rgba([255, 255, 255, 255]), 4.0)));
        assert_eq!(texts[1].fill, Rgba([255, 255, 255, 255]));
        // The text with an offset stays for usvg, and so does the rest.
        assert!(kept.contains(r#"dx="3""#) && kept.contains("<rect"));
        assert!(!kept.contains("Đã") && !kept.contains('✓'));
        assert!(roxmltree::Document::parse(&kept).is_ok());
    }

    #[test]
    fn a_root_that_styles_its_texts_is_left_whole() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" font-weight="bold"><text x="1" y="2">a</text></svg>"#;
        let (kept, texts) = split(svg);
        assert!(texts.is_empty());
        assert_eq!(kept, svg);
        assert!(split("<svg").1.is_empty());
    }

    #[test]
    fn colours_are_read_in_both_hex_forms() {
        assert_eq!(Rgba::parse("#fff"), Some(Rgba([255, 255, 255, 255])));
        assert_eq!(Rgba::parse("#0b57A4"), Some(Rgba([0x0b, 0x57, 0xa4, 255])));
        assert_eq!(Rgba::parse("red"), None);
        assert_eq!(Rgba::parse("#12345"), None);
    }
}
