//! Where pages get their figures, and the bookkeeping of a rebuild that
//! keeps what it can.
//!
//! A page asks the store for a figure (a session's overview with its card,
//! one result's chart) and hands it back to be written, with the files and
//! pages that show only what the figure is made from. In a full build the
//! store only draws. In a preview rebuild it also knows, through
//! [`memo::Keys`] and the output, which of those files are already right:
//! it then leaves a chart undrawn (see [`Figure::undrawn`]), keeps the
//! files, and records the key of each file it does write, for the next
//! rebuild. Pages never see keys, kept files or sizes; this module never
//! names a page.

use std::collections::HashMap;

use crate::model::{Indicator, Lang, ResultEntry, Session};
use crate::output::Sink;
use crate::render::data;
use crate::render::drawing;
use crate::render::figure::{self, Figure, Sizes};
use crate::render::made::Made;
use crate::render::memo;
use crate::render::paths;
use crate::render::png::{Card, Raster};
use crate::render::vocab::{File, Localizer, Page, SitemapEntry};

/// The site paths of files a rebuild may keep, with the hash of what each
/// is made from (see [`memo`]).
pub type Keyed = HashMap<String, u64>;

/// What a rebuild learnt of one part: which files it wrote from which
/// inputs, and which it kept without making them again.
#[derive(Default)]
pub struct Kept {
    /// The files that can be kept on their own while their inputs stay,
    /// with the hash of those inputs.
    pub keyed: Keyed,
    /// The files of the part that were kept without being made again.
    pub files: Vec<String>,
    /// The pages among them, for the sitemap.
    pub listed: Vec<SitemapEntry>,
}

/// The figures of one part in one language.
pub struct FigureStore<'a> {
    lang: &'a Lang,
    /// The keys of the model and the output, in a rebuild that can keep
    /// files.
    reuse: Option<(&'a memo::Keys, &'a dyn Sink)>,
    /// The key of what each figure is made from, by its SVG's path.
    figure_keys: HashMap<String, u64>,
    /// The key of each card drawn with a figure on it, by the card's path.
    card_keys: HashMap<String, u64>,
    kept: Kept,
}

impl<'a> FigureStore<'a> {
    pub fn new(lang: &'a Lang, reuse: Option<(&'a memo::Keys, &'a dyn Sink)>) -> Self {
        FigureStore {
            lang,
            reuse,
            figure_keys: HashMap::new(),
            card_keys: HashMap::new(),
            kept: Kept::default(),
        }
    }

    /// What the rebuild learnt; empty in a full build.
    pub fn finish(self) -> Kept {
        self.kept
    }

    /// The session's overview figure, and `card` with the chart drawn on
    /// it for the image at `card_path` (`None` when a rebuild keeps that
    /// image: hand it to [`FigureStore::card`] all the same). `written`
    /// says whether the page will [`FigureStore::write`] the figure's
    /// files; a rebuild that keeps the card and those files does not draw
    /// the chart: a national session's takes a tenth of the time its pages
    /// take.
    pub fn overview(
        &mut self,
        lx: &Localizer,
        s: &Session,
        mut card: Card,
        card_path: &str,
        written: bool,
    ) -> (Figure, Option<Card>) {
        let keys = self.reuse.map(|(keys, _)| {
            let key = keys.overview(lx.lang, s);
            (key, keys.card(key, &card))
        });
        let kept = self
            .reuse
            .zip(keys)
            .and_then(|((k, out), (key, card_key))| {
                let svg = lx.paths.session_chart(&s.id);
                let png = paths::beside(&svg, "png");
                let size = match written {
                    true => kept_size(k, out, &svg, key, Some(&png))?,
                    false => k.size(&svg, key)?,
                };
                out.keep(card_path, card_key).then_some(size)
            });
        let figure = drawing::overview_figure(lx, s, kept);
        if let (Some((k, _)), Some((key, card_key))) = (self.reuse, keys) {
            if kept.is_none() {
                k.note_size(&figure.svg_path, key, figure.sizes());
            }
            self.figure_keys.insert(figure.svg_path.clone(), key);
            self.card_keys.insert(card_path.to_owned(), card_key);
        }
        let card = kept.is_none().then(|| {
            card.chart = Some(figure.drawn.svg.clone());
            card
        });
        (figure, card)
    }

    /// The session's overview chart as another page shows it (the home
    /// page's latest session): its files are the session page's to write,
    /// so a rebuild draws it only when no size is remembered for what it
    /// is drawn from now.
    pub fn overview_shown(&self, lx: &Localizer, s: &Session) -> Figure {
        let kept = self
            .reuse
            .and_then(|(k, _)| k.size(&lx.paths.session_chart(&s.id), k.overview(lx.lang, s)));
        drawing::overview_figure(lx, s, kept)
    }

    /// One result's chart. A rebuild that keeps every file of it draws it
    /// only when no size is remembered for it.
    pub fn result(
        &mut self,
        lx: &Localizer,
        s: &Session,
        ind: &Indicator,
        r: &ResultEntry,
    ) -> Figure {
        let key = self.reuse.map(|(keys, _)| keys.figure(self.lang, r));
        let kept = self.reuse.zip(key).and_then(|((keys, out), key)| {
            let svg = lx.paths.result_chart(&s.id, &ind.id, &r.scope);
            kept_size(keys, out, &svg, key, None)
        });
        let figure = drawing::result_figure(lx, s, ind, r, kept);
        if let (Some((keys, _)), Some(key)) = (self.reuse, key) {
            if kept.is_none() {
                keys.note_size(&figure.svg_path, key, figure.sizes());
            }
            self.figure_keys.insert(figure.svg_path.clone(), key);
        }
        figure
    }

    /// Writes the files of `fig` and its embed page into `made`, or, for
    /// a figure a rebuild left undrawn, keeps them.
    pub fn write(&mut self, lx: &Localizer, fig: &Figure, made: &mut Made) {
        if fig.undrawn.is_some() {
            self.kept.files.extend(fig.files());
            if fig.png {
                self.kept.files.push(fig.png_path());
            }
            return;
        }
        let (had_pages, had_files) = (made.pages.len(), made.files.len());
        fig.outputs(lx, made);
        // A figure's own files are kept while what they are made from
        // stays, whatever else of the part changed.
        if let Some(&key) = self.figure_keys.get(&fig.svg_path) {
            let pages = made.pages[had_pages..].iter().map(|p| &p.path);
            let files = made.files[had_files..].iter().map(|f| &f.path);
            let keyed = &mut self.kept.keyed;
            keyed.extend(pages.chain(files).map(|path| (path.clone(), key)));
            if fig.png {
                keyed.insert(fig.png_path(), key);
            }
        }
    }

    /// A page that shows only what `of` is made from, at `path`: `make`
    /// makes it, unless a rebuild keeps it while those inputs stay.
    pub fn page_of(
        &mut self,
        made: &mut Made,
        of: &Figure,
        path: &str,
        alternates: &[(Lang, String)],
        make: impl FnOnce() -> Page,
    ) {
        let key = self.figure_keys.get(&of.svg_path).copied();
        if let (Some((_, out)), Some(key)) = (self.reuse, key) {
            if out.keep(path, key) {
                self.kept.listed.push(SitemapEntry {
                    path: path.to_owned(),
                    alternates: alternates.to_vec(),
                });
                self.kept.files.push(path.to_owned());
                return;
            }
            self.kept.keyed.insert(path.to_owned(), key);
        }
        made.pages.push(make());
    }

    /// The CSV and JSON files, at `csv` and `json`, of `items`: exactly
    /// what `of` draws. A rebuild keeps them while what `of` is made from
    /// stays.
    pub fn data_of(
        &mut self,
        made: &mut Made,
        lx: &Localizer,
        of: &Figure,
        items: &[(&Session, &ResultEntry)],
        [csv, json]: [String; 2],
    ) {
        let key = self.figure_keys.get(&of.svg_path).copied();
        if let (Some((_, out)), Some(key)) = (self.reuse, key) {
            if [&csv, &json].iter().all(|f| out.keep(f, key)) {
                self.kept.files.extend([csv, json]);
                return;
            }
            self.kept.keyed.insert(csv.clone(), key);
            self.kept.keyed.insert(json.clone(), key);
        }
        // An undrawn figure holds no records.
        let records = match of.undrawn {
            Some(_) => figure::records(lx.site, lx.lang, lx.facts, items),
            None => of.records.clone(),
        };
        made.files.push(File {
            path: csv,
            bytes: data::to_csv(&records),
        });
        made.files.push(File {
            path: json,
            bytes: data::to_json(&records),
        });
    }

    /// The social card image at `path`: `card` to draw, or `None` for one
    /// that [`FigureStore::overview`] found a rebuild keeps.
    pub fn card(&mut self, made: &mut Made, path: String, card: Option<Card>) {
        match card {
            Some(card) => {
                if let Some(&key) = self.card_keys.get(&path) {
                    self.kept.keyed.insert(path.clone(), key);
                }
                made.rasters.push(Raster::Card { path, card });
            }
            None => self.kept.files.push(path),
        }
    }
}

/// The size of the chart at `svg` when a rebuild keeps every file of it
/// made from inputs that hash to `key` (and its PNG at `png`, when it has
/// one), and knows the size it was drawn at; `None` when it must be drawn.
/// When it returns a size, the files are kept (see `Sink::keep`).
fn kept_size(
    keys: &memo::Keys,
    out: &dyn Sink,
    svg: &str,
    key: u64,
    png: Option<&str>,
) -> Option<Sizes> {
    let size = keys.size(svg, key)?;
    let files = figure::files_of(svg);
    let mut all = files.iter().map(String::as_str).chain(png);
    all.all(|f| out.keep(f, key)).then_some(size)
}
