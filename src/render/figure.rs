//! A chart as journalists use it: a figure with a stable id on its page,
//! the files beside it (SVG, CSV and JSON of exactly its figures, PNG where
//! one is rendered), an embed page, copy-able embed codes and a citation.
//!
//! Every chart goes through [`Figure`], so every chart gets all of these
//! in the same way; templates only lay out what [`Figure::view`] gives.

use serde::Serialize;

use crate::compute::Facts;
use crate::model::{Lang, ResultEntry, Session, Site};
use crate::render::charts::ChartText;
use crate::render::cite::{self, Citation, Report};
use crate::render::data::{self, Record};
use crate::render::embed;
use crate::render::made::Made;
use crate::render::paths;
use crate::render::png::Raster;
use crate::render::vocab::{File, Localizer};

/// A chart as drawn: the SVG document in each form and the texts it was
/// drawn with (title, source line), which the page, embed and citation
/// repeat.
pub struct Drawn {
    /// The wide form, also the SVG download and the PNG's source.
    pub svg: String,
    /// The narrow form, shown on narrow screens and frames.
    pub narrow: String,
    pub text: ChartText,
}

/// A chart's size in its own units, in both its forms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    pub wide: (f64, f64),
    pub narrow: (f64, f64),
}

/// What a template shows of a figure (see [`Figure::view`]).
#[derive(Serialize)]
pub struct FigureView {
    id: String,
    src: String,
    alt: String,
    width: u32,
    height: u32,
    /// The narrow form, for a `<source>` of the media query
    /// `narrow_media`, and its size in whole pixels.
    narrow_src: String,
    narrow_width: u32,
    narrow_height: u32,
    narrow_media: String,
    title: String,
    permalink: String,
    downloads: Vec<Download>,
    share: Option<Share>,
}

impl FigureView {
    /// Offers, beside the live embed codes, those of `frozen`: the same
    /// chart as it stood at a session, `label` saying which. The view is
    /// of the page at `from`.
    pub fn offer_frozen(&mut self, lx: &Localizer, from: &str, frozen: &Figure, label: String) {
        if let Some(share) = &mut self.share {
            share.frozen = Some(Frozen {
                label,
                iframe: embed::iframe_code(lx, &frozen.embedded()),
                img: embed::img_code(lx, &frozen.embedded()),
                preview: paths::relative(from, &frozen.embed_path()),
            });
        }
    }
}

/// One file of a figure to download.
#[derive(Serialize)]
struct Download {
    label: &'static str,
    href: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The embed codes and citation of a figure on its own page.
#[derive(Serialize)]
struct Share {
    cite: String,
    /// The citation as a BibTeX entry and a RIS record, to copy.
    bibtex: String,
    ris: String,
    iframe: String,
    img: String,
    preview: String,
    /// The codes of a copy frozen at a session, beside the live ones.
    frozen: Option<Frozen>,
}

/// The embed codes of a chart frozen at a session.
#[derive(Serialize)]
struct Frozen {
    /// Which session, and that the copy never changes.
    label: String,
    iframe: String,
    img: String,
    preview: String,
}

/// One chart on one page.
pub struct Figure {
    /// Site path of the SVG; the other files are named after it.
    pub svg_path: String,
    pub drawn: Drawn,
    /// Site path of the page the chart belongs to (its permalink).
    pub page: String,
    /// The figure's `id` on that page.
    pub id: String,
    /// The chart in words, for `alt`.
    pub alt: String,
    /// The date a citation gives: the session's date, or the span of a
    /// history.
    pub cite_date: String,
    /// Exactly the results the chart draws (empty for a chart a rebuild
    /// leaves undrawn: its data files are kept).
    pub records: Vec<Record>,
    /// What a citation names of those results, drawn or not.
    pub cited: Cited,
    /// Whether a 2x PNG is rendered for download (overview and history
    /// charts; per-result charts stay SVG only to keep builds fast).
    pub png: bool,
    /// The same chart's SVG in each language, for the embed page's
    /// alternates.
    pub svg_alternates: Vec<(Lang, String)>,
    /// Set when the chart was not drawn, because a rebuild keeps every
    /// file of it as it is: its sizes, remembered from when it was drawn.
    /// The page still lists the figure; `drawn.svg` is empty and
    /// [`Figure::outputs`] must not be asked for.
    pub undrawn: Option<Sizes>,
    /// For a copy frozen at a session, what its embed page says of it
    /// ("as of the session of 8 Aug 2022").
    pub as_of: Option<String>,
}

/// What a citation of a chart names of the results it draws: their
/// sessions in order, the reports they were taken from, and the date of the
/// newest session (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default)]
pub struct Cited {
    sessions: Vec<String>,
    reports: Vec<Report>,
    date: String,
}

/// What a citation names of `items` (see [`Cited`]), in the language of
/// `lx`.
pub fn cited(lx: &Localizer, items: &[(&Session, &ResultEntry)]) -> Cited {
    let default = lx.site.settings.default_lang();
    let mut sessions: Vec<String> = items.iter().map(|(s, _)| s.id.to_string()).collect();
    sessions.dedup();
    let mut reports: Vec<Report> = Vec::new();
    for (s, r) in items {
        let Some(source) = r.source.as_ref().and_then(|id| s.source(id)) else {
            continue;
        };
        let report = Report {
            title: source.title.get(lx.lang, default).to_owned(),
            publisher: source.publisher.get(lx.lang, default).to_owned(),
            date_text: source.date.map(|d| lx.date(d)).unwrap_or_default(),
            date: source.date.map(|d| d.to_string()).unwrap_or_default(),
            url: source.url.clone().unwrap_or_default(),
        };
        if !reports.contains(&report) {
            reports.push(report);
        }
    }
    let date = items
        .iter()
        .map(|(s, _)| s.date)
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default();
    Cited {
        sessions,
        reports,
        date,
    }
}

/// The records of some results, in the order given, as the data files of
/// `lang` have them.
pub fn records(
    site: &Site,
    lang: &Lang,
    facts: &Facts,
    items: &[(&Session, &ResultEntry)],
) -> Vec<Record> {
    items
        .iter()
        .filter_map(|(s, r)| {
            Some(Record::new(
                site,
                lang,
                s,
                site.indicators.get(&r.indicator)?,
                r,
                facts,
            ))
        })
        .collect()
}

/// The chart's width and height in its own units, from the root `viewBox`.
/// Every chart this crate draws has one; `None` for a document that has no
/// root `<svg>` start tag with a usable `viewBox`. Only the root's start tag
/// is read: a session overview runs to hundreds of kilobytes, and its size
/// is asked for by every page and embed that shows it.
pub fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let vb = tag.split_once("viewBox=\"")?.1.split_once('"')?.0;
    let n: Vec<f64> = vb
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match n[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
        _ => None,
    }
}

/// The narrow form of the chart at `svg_path`: `chart.narrow.svg` beside
/// `chart.svg`.
pub fn narrow_of(svg_path: &str) -> String {
    paths::beside(svg_path, "narrow.svg")
}

/// The files [`Figure::outputs`] writes for the chart at `svg_path` (without
/// its PNG): SVG in both forms, CSV, JSON and the embed page.
pub fn files_of(svg_path: &str) -> [String; 5] {
    [
        svg_path.to_owned(),
        narrow_of(svg_path),
        paths::beside(svg_path, "csv"),
        paths::beside(svg_path, "json"),
        paths::embed(svg_path),
    ]
}

impl Figure {
    /// The chart's size, with the width every chart is drawn at as a
    /// fallback so that layout arithmetic never divides by zero.
    pub fn size(&self) -> (f64, f64) {
        self.undrawn
            .map(|s| s.wide)
            .or_else(|| svg_size(&self.drawn.svg))
            .unwrap_or((760.0, 480.0))
    }

    /// The narrow form's size, with the same kind of fallback.
    pub fn narrow_size(&self) -> (f64, f64) {
        self.undrawn
            .map(|s| s.narrow)
            .or_else(|| svg_size(&self.drawn.narrow))
            .unwrap_or((320.0, 480.0))
    }

    /// Both sizes, as a rebuild remembers them.
    pub fn sizes(&self) -> Sizes {
        Sizes {
            wide: self.size(),
            narrow: self.narrow_size(),
        }
    }

    /// The files of the chart that [`Figure::outputs`] writes (without its
    /// PNG, which is made apart): SVG in both forms, CSV, JSON and the
    /// embed page.
    pub fn files(&self) -> [String; 5] {
        files_of(&self.svg_path)
    }

    /// The size in whole pixels, for `width` and `height` attributes.
    pub fn pixels(&self) -> (u32, u32) {
        let (w, h) = self.size();
        (w.round() as u32, h.round() as u32)
    }

    /// The public URL of the figure on its page.
    pub fn permalink(&self, base_url: &str) -> String {
        format!("{}#{}", paths::absolute(base_url, &self.page), self.id)
    }

    pub fn narrow_path(&self) -> String {
        narrow_of(&self.svg_path)
    }
    pub fn csv_path(&self) -> String {
        paths::beside(&self.svg_path, "csv")
    }
    pub fn json_path(&self) -> String {
        paths::beside(&self.svg_path, "json")
    }
    pub fn png_path(&self) -> String {
        paths::beside(&self.svg_path, "png")
    }
    pub fn embed_path(&self) -> String {
        paths::embed(&self.svg_path)
    }

    /// What a citation of the chart names: the site's publisher, the
    /// chart, the session (or the span of a history), the reports its
    /// figures were taken from, and its permalink.
    pub fn citation(&self, lx: &Localizer) -> Citation {
        let site = lx.site;
        let when = match &self.cited.sessions[..] {
            [one] => match site.sessions().find(|s| s.id.as_str() == one) {
                // An overview is titled with its session: named once.
                Some(s) if lx.text(&s.title) == self.drawn.text.title => lx.date(s.date),
                Some(s) => format!("{}, {}", lx.text(&s.title), lx.date(s.date)),
                None => self.cite_date.clone(),
            },
            _ => self.cite_date.clone(),
        };
        let reports = self.cited.reports.clone();
        let key: String = format!(
            "{}-{}",
            self.page.strip_suffix("index.html").unwrap_or(&self.page),
            self.id
        )
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
        Citation {
            publisher: lx.text(&site.settings.publisher),
            site: lx.text(&site.settings.title),
            chart: self.drawn.text.title.clone(),
            when,
            date: self.cited.date.clone(),
            reports,
            url: self.permalink(&site.settings.base_url),
            lang: lx.lang.to_string(),
            key: key.replace("--", "-").trim_matches('-').to_owned(),
        }
    }

    /// What a template needs to show the figure on the page at `from`.
    /// `share` adds the embed codes and the citation: only on the chart's
    /// own page, not where a chart is repeated (the home page).
    pub fn view(&self, lx: &Localizer, from: &str, share: bool) -> FigureView {
        let rel = |to: &str| paths::relative(from, to);
        let permalink = if from == self.page {
            format!("#{}", self.id)
        } else {
            format!("{}#{}", rel(&self.page), self.id)
        };
        let download = |label, href: String, kind| Download { label, href, kind };
        let mut downloads = vec![download("SVG", rel(&self.svg_path), "image/svg+xml")];
        if self.png {
            downloads.push(download("PNG", rel(&self.png_path()), "image/png"));
        }
        downloads.push(download("CSV", rel(&self.csv_path()), "text/csv"));
        downloads.push(download("JSON", rel(&self.json_path()), "application/json"));
        let (width, height) = self.pixels();
        let (narrow_width, narrow_height) = self.narrow_size();
        FigureView {
            id: self.id.clone(),
            src: rel(&self.svg_path),
            alt: self.alt.clone(),
            width,
            height,
            narrow_src: rel(&self.narrow_path()),
            narrow_width: narrow_width.round() as u32,
            narrow_height: narrow_height.round() as u32,
            narrow_media: embed::narrow_media(),
            title: self.drawn.text.title.clone(),
            permalink,
            downloads,
            share: share.then(|| {
                let c = self.citation(lx);
                let quote = |t: &str| lx.quoted(t);
                let words = cite::Words {
                    quote: &quote,
                    based_on: lx.t("cite_based_on"),
                    accessed: lx.t("cite_accessed"),
                };
                Share {
                    cite: c.text(&words),
                    bibtex: c.bibtex(&words),
                    ris: c.ris(&words),
                    iframe: embed::iframe_code(lx, &self.embedded()),
                    img: embed::img_code(lx, &self.embedded()),
                    preview: rel(&self.embed_path()),
                    frozen: None,
                }
            }),
        }
    }

    /// What the embed page and codes show of the chart.
    fn embedded(&self) -> embed::Chart<'_> {
        embed::Chart {
            svg_path: &self.svg_path,
            page: &self.page,
            id: &self.id,
            title: &self.drawn.text.title,
            source_line: &self.drawn.text.source_line,
            alt: &self.alt,
            size: self.size(),
            narrow_path: self.narrow_path(),
            narrow_size: self.narrow_size(),
            svg_alternates: &self.svg_alternates,
            as_of: self.as_of.as_deref(),
        }
    }

    /// Every file of the chart but its PNG, the embed page, and the PNG
    /// to render (when there is one).
    pub fn outputs(&self, lx: &Localizer, made: &mut Made) {
        debug_assert!(self.undrawn.is_none(), "{} was not drawn", self.svg_path);
        made.files.push(File {
            path: self.svg_path.clone(),
            bytes: self.drawn.svg.clone().into_bytes(),
        });
        made.files.push(File {
            path: self.narrow_path(),
            bytes: self.drawn.narrow.clone().into_bytes(),
        });
        made.files.push(File {
            path: self.csv_path(),
            bytes: data::to_csv(&self.records),
        });
        made.files.push(File {
            path: self.json_path(),
            bytes: data::to_json(&self.records),
        });
        if self.png {
            made.rasters.push(Raster::Chart {
                path: self.png_path(),
                svg: self.drawn.svg.clone(),
            });
        }
        made.pages.push(embed::job(lx, &self.embedded()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_comes_from_the_view_box() {
        assert_eq!(
            svg_size(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 476"/>"#),
            Some((760.0, 476.0))
        );
        assert_eq!(
            svg_size(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,10,0"/>"#),
            None
        );
        assert_eq!(svg_size("<svg"), None);
        // Only the root's own viewBox counts.
        assert_eq!(
            svg_size(
                r#"<svg xmlns="http://www.w3.org/2000/svg"><symbol viewBox="0 0 1 1"/></svg>"#
            ),
            None
        );
    }
}
