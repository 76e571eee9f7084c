//! The look of every image the site draws: the palette, the type sizes,
//! the stroke widths and the spacing shared by the SVG charts and the PNG
//! social cards.
//!
//! A leaf: this module uses nothing else of the crate, so that the chart
//! drawing, its SVG backend and the PNG cards can all take from it without
//! taking from each other. Changing a value here changes the built site.

use plotters::style::RGBColor;

// Chart geometry.

/// Width of every chart in SVG pixels. It scales with the page, so this
/// only sets the proportions and the text size relative to the chart.
pub(crate) const WIDTH: f64 = 760.0;

/// Outer margin of a chart.
pub(crate) const MARGIN: f64 = 24.0;

/// Width of the narrow form of every chart, for phones, narrow frames and
/// columns: shown about as wide as it is drawn, its type keeps the sizes
/// below in CSS pixels (a 360 px screen leaves 326 px for a chart).
pub(crate) const NARROW_WIDTH: f64 = 320.0;

/// Outer margin of the narrow form.
pub(crate) const NARROW_MARGIN: f64 = 16.0;

/// The narrowest screen or frame, in CSS pixels, that shows the wide form:
/// below it the wide form would be scaled under the sizes below, and the
/// narrow form is shown instead.
pub(crate) const WIDE_FROM_PX: f64 = 800.0;

// Chart type.

/// A font stack that has Vietnamese letters on every common system.
pub(crate) const FONT_FAMILY: &str =
    "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif";

/// Default font size of a chart, set once on the root.
pub(crate) const BODY_SIZE: f64 = 13.0;

/// Chart titles.
pub(crate) const TITLE_SIZE: f64 = 20.0;

/// Chart subtitles and the status line of a per-result chart.
pub(crate) const SUBTITLE_SIZE: f64 = 14.0;

/// Axis labels, legends, value labels and the source line.
pub(crate) const SMALL_SIZE: f64 = 12.0;

// Chart strokes.

/// Grid lines, axes and reference lines.
pub(crate) const HAIRLINE: u32 = 1;

/// Data lines, rings and hollow markers.
pub(crate) const MARK_STROKE: u32 = 2;

/// The dash pattern of reference lines such as the target.
pub(crate) const DASH: &str = "4 3";

/// Width of the white outline drawn under labels that cross lines.
pub(crate) const HALO_WIDTH: u32 = 4;

// Chart palette.

/// Default text colour, set once on the root.
pub(crate) const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// Titles.
pub(crate) const TITLE_INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);

/// Secondary text (subtitle, notes, axis labels): 6.9:1 on white.
pub(crate) const MUTED_INK: RGBColor = RGBColor(0x5B, 0x5B, 0x5B);

/// Neutral grey for "no data" and "no target", the lightest grey that still
/// has 4.5:1 contrast on white, so it works for text too.
pub(crate) const NEUTRAL: RGBColor = RGBColor(0x76, 0x76, 0x76);

/// Grid lines: light, but visible.
pub(crate) const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);

/// Axis base lines.
pub(crate) const AXIS: RGBColor = RGBColor(0xA0, 0xA0, 0xA0);

/// Target markers and the target reference line.
pub(crate) const TARGET_INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// The background of charts and cards, also used for halos that separate
/// marks.
pub(crate) const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Okabe-Ito bluish green: achieved.
pub(crate) const ACHIEVED_FILL: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe-Ito blue: on track.
pub(crate) const ON_TRACK_FILL: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe-Ito vermilion: behind.
pub(crate) const BEHIND_FILL: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// A lighter blue than on track: progress made, acceleration needed
/// (growth-rate method), 3.5:1 on white.
pub(crate) const ACCELERATION_FILL: RGBColor = RGBColor(0x3D, 0x8F, 0xC6);
/// A dark amber: limited progress (growth-rate method), 3.8:1 on white.
pub(crate) const LIMITED_FILL: RGBColor = RGBColor(0xB0, 0x78, 0x00);
/// Darker shades of the fills for text, which needs 4.5:1 contrast on white
/// (the bright fills only reach 3:1, enough for bars but not for words).
pub(crate) const ACHIEVED_INK: RGBColor = RGBColor(0x00, 0x7D, 0x5E);
pub(crate) const BEHIND_INK: RGBColor = RGBColor(0xB8, 0x52, 0x00);
pub(crate) const LIMITED_INK: RGBColor = RGBColor(0x8A, 0x5F, 0x00);

/// Series colours of a history, Okabe-Ito, in order of first appearance;
/// all have at least 3:1 contrast on white, as lines and marks need.
pub(crate) const SERIES: [RGBColor; 5] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x00, 0x00, 0x00),
];

// PNG images.

/// The one font family the PNG images are drawn with (compiled in); the
/// charts ask for it among others in [`FONT_FAMILY`].
pub(crate) const IMAGE_FAMILY: &str = "DejaVu Sans";

// Social cards: sizes in card pixels.

/// The card's title and key number.
pub(crate) const CARD_INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// The card's subtitle and key label.
pub(crate) const CARD_MUTED: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
/// The band at the top of the card and the site name.
pub(crate) const CARD_ACCENT: RGBColor = RGBColor(0x0B, 0x57, 0xA4);
/// The frame around the card's chart.
pub(crate) const CARD_RULE: RGBColor = RGBColor(0xD0, 0xD0, 0xD0);

/// Left and right margin of the card's texts.
pub(crate) const CARD_MARGIN: f32 = 64.0;
/// Height of the accent band at the top.
pub(crate) const CARD_BAND: f32 = 12.0;
/// The site name, and the smaller size it takes rather than be cut.
pub(crate) const CARD_SITE_SIZE: f32 = 24.0;
pub(crate) const CARD_SITE_SMALL_SIZE: f32 = 19.0;
/// The page title and its line height.
pub(crate) const CARD_TITLE_SIZE: f32 = 40.0;
pub(crate) const CARD_TITLE_LINE: f32 = 50.0;
/// The subtitle and its line height.
pub(crate) const CARD_SUBTITLE_SIZE: f32 = 24.0;
pub(crate) const CARD_SUBTITLE_LINE: f32 = 32.0;
/// The key number, and the smaller size it takes rather than be cut.
pub(crate) const CARD_KEY_SIZE: f32 = 88.0;
pub(crate) const CARD_KEY_SMALL_SIZE: f32 = 56.0;
/// What the key number is, and its line height.
pub(crate) const CARD_LABEL_SIZE: f32 = 26.0;
pub(crate) const CARD_LABEL_LINE: f32 = 34.0;
