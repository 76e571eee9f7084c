//! Embedding a chart in someone else's page.
//!
//! Each chart has a minimal page of its own, `embed/<chart path>/index.html`
//! (see [`paths::embed`]): the chart, its title, its source line and a link
//! back to the chart on the site, with its own small stylesheet and no
//! script, so that it can sit in an `<iframe>` on a news site. The chart's
//! page offers two codes to copy, both with absolute URLs from `base_url`:
//! the `<iframe>`, in a box that keeps the chart's aspect ratio at any
//! column width, and a plain `<img>` of the SVG for sites that strip
//! iframes.

use serde_json::json;

use crate::model::Lang;
use crate::render::paths;
use crate::render::vocab::{Localizer, Page};

/// The embed page's stylesheet.
pub const STYLESHEET: &str = include_str!("../../templates/embed.css");

/// The script behind the optional "copy" buttons; the codes can be selected
/// and copied by hand without it.
pub const COPY_SCRIPT: &str = include_str!("../../templates/copy.js");

/// The height of the caption under the chart on an embed page, in the
/// units of a chart drawn 760 wide. `embed.css` sizes the caption in `vw`
/// from the same two numbers, so the caption scales with the chart and the
/// page keeps one aspect ratio at any width: the one the `<iframe>` code
/// reserves.
pub const CAPTION_UNITS: f64 = 32.0;
/// The width `embed.css` assumes for [`CAPTION_UNITS`].
const CAPTION_BASE_WIDTH: f64 = 760.0;
/// The width `embed.css` assumes for [`CAPTION_UNITS`] in a frame that
/// shows the narrow form: the caption keeps the same height relative to
/// the narrow chart.
const NARROW_CAPTION_BASE_WIDTH: f64 = crate::render::charts::style::NARROW_WIDTH;

/// What embedding needs to know of a chart (a figure, see
/// `figure::Figure::embedded`): this module does not know figures, so
/// that a figure can ask it for its codes and page.
pub struct Chart<'a> {
    /// Site path of the SVG.
    pub svg_path: &'a str,
    /// Site path of the page the chart belongs to, and its figure id there.
    pub page: &'a str,
    pub id: &'a str,
    pub title: &'a str,
    pub source_line: &'a str,
    pub alt: &'a str,
    /// The chart's size in its own units.
    pub size: (f64, f64),
    /// Site path of the narrow form, and its size when it was drawn.
    pub narrow_path: String,
    pub narrow_size: (f64, f64),
    /// The same chart's SVG in each language.
    pub svg_alternates: &'a [(Lang, String)],
    /// For a copy frozen at a session, which: shown first in the caption.
    pub as_of: Option<&'a str>,
}

impl Chart<'_> {
    fn embed_path(&self) -> String {
        paths::embed(self.svg_path)
    }
    fn pixels(&self) -> (u32, u32) {
        let (w, h) = self.size;
        (w.round() as u32, h.round() as u32)
    }
    fn permalink(&self, base_url: &str) -> String {
        format!("{}#{}", paths::absolute(base_url, self.page), self.id)
    }
}

/// The media query under which pages and embed pages show a chart's
/// narrow form: a screen or frame narrower than
/// [`crate::render::charts::style::WIDE_FROM_PX`].
pub fn narrow_media() -> String {
    format!(
        "(max-width: {}px)",
        crate::render::charts::style::WIDE_FROM_PX - 0.02
    )
}

/// Escapes text for an HTML attribute value in a code snippet.
fn attr(s: &str) -> String {
    crate::render::escape::html(s)
}

/// The embed page's height over its width, in percent: the chart plus the
/// caption.
fn height_percent(fig: &Chart) -> f64 {
    let (w, h) = fig.size;
    let caption = CAPTION_UNITS * w / CAPTION_BASE_WIDTH;
    ((h + caption) / w * 10000.0).round() / 100.0
}

/// The embed page's height over its width, in percent, in a frame that
/// shows the narrow form: the narrow chart plus the caption.
fn narrow_height_percent((w, h): (f64, f64)) -> f64 {
    let caption = CAPTION_UNITS * w / NARROW_CAPTION_BASE_WIDTH;
    ((h + caption) / w * 10000.0).round() / 100.0
}

/// The `<iframe>` code. The wrapper's `padding-top` (a percentage of the
/// column width) fixes the aspect ratio, which works in every browser and
/// needs no script on either side. A frame narrower than
/// [`WIDE_FROM_PX`] shows the narrow form, which is taller: a second
/// `padding-top`, for browsers with `min()` and `max()`, takes the narrow
/// form's ratio below that width (the `min()` term falls below zero from
/// it on) and the wide form's from it.
///
/// [`WIDE_FROM_PX`]: crate::render::charts::style::WIDE_FROM_PX
pub fn iframe_code(lx: &Localizer, fig: &Chart) -> String {
    let src = paths::absolute(&lx.site.settings.base_url, &fig.embed_path());
    let wide = height_percent(fig);
    let padding = format!(
        "padding-top:{wide}%;padding-top:max({wide}%, min({}%, ({}px - 100%) * 1000))",
        narrow_height_percent(fig.narrow_size),
        crate::render::charts::style::WIDE_FROM_PX,
    );
    format!(
        "<div style=\"position:relative;width:100%;{padding}\"><iframe src=\"{}\" title=\"{}\" loading=\"lazy\" style=\"position:absolute;top:0;left:0;width:100%;height:100%;border:0\"></iframe></div>",
        attr(&src),
        attr(fig.title),
    )
}

/// The `<img>` code: the SVG itself (title and source line are drawn in
/// it), linked to the chart on the site.
pub fn img_code(lx: &Localizer, fig: &Chart) -> String {
    let base = &lx.site.settings.base_url;
    let (w, h) = fig.pixels();
    format!(
        "<a href=\"{}\"><img src=\"{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\" style=\"max-width:100%;height:auto\"></a>",
        attr(&fig.permalink(base)),
        attr(&paths::absolute(base, fig.svg_path)),
        attr(fig.alt),
    )
}

/// The chart's embed page.
pub fn job(lx: &Localizer, fig: &Chart) -> Page {
    let from = fig.embed_path();
    let rel = |to: &str| paths::relative(&from, to);
    let (w, h) = fig.pixels();
    Page {
        template: "embed.html",
        title: fig.title.to_owned(),
        context: json!({
            "src": rel(fig.svg_path),
            "narrow_src": rel(&fig.narrow_path),
            "narrow_width": fig.narrow_size.0.round() as u32,
            "narrow_height": fig.narrow_size.1.round() as u32,
            "narrow_media": narrow_media(),
            "alt": fig.alt,
            "width": w,
            "height": h,
            "source_line": fig.source_line,
            "as_of": fig.as_of,
            "view_href": format!("{}#{}", rel(fig.page), fig.id),
            "canonical": paths::absolute(&lx.site.settings.base_url, fig.page),
            "embed_stylesheet": rel(paths::EMBED_STYLESHEET),
        }),
        alternates: fig
            .svg_alternates
            .iter()
            .map(|(l, p)| (l.clone(), paths::embed(p)))
            .collect(),
        updated: None,
        path: from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(
            attr(r#"Máy tính "Sóng" & <em>"#),
            "Máy tính &quot;Sóng&quot; &amp; &lt;em&gt;"
        );
    }

    #[test]
    fn stylesheet_matches_the_caption_height() {
        // embed.css writes the caption height as calc(100vw * 32 / 760).
        let expected = format!("100vw * {} / {}", CAPTION_UNITS, CAPTION_BASE_WIDTH);
        assert!(
            STYLESHEET.contains(&expected),
            "embed.css must size the caption as {expected}"
        );
        // And as calc(100vw * 32 / 320) where the narrow form is shown.
        let narrow = format!("100vw * {} / {}", CAPTION_UNITS, NARROW_CAPTION_BASE_WIDTH);
        assert!(
            STYLESHEET.contains(&narrow),
            "embed.css must size the narrow caption as {narrow}"
        );
    }
}
