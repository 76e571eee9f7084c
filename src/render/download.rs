//! The data of one language for spreadsheets and in one file:
//! `<p>data/results.xlsx` (results, indicators and sources, each on a
//! sheet, and a sheet to read first with the licence, the citation and
//! what each column holds) and `<p>data/<site>-data.zip` (every data file
//! of the language with a README). Both carry fixed times, the date of
//! the newest session, so that two builds of the same content are the
//! same bytes.

use std::io::Write;

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::model::{Date, Lang, Site};
use crate::render::columns::{indicator_description, Cell, Kind, Record, COLUMNS};
use crate::render::data::{IndicatorRecord, INDICATOR_COLUMNS};
use crate::render::paths;

/// What the files of one language are made from.
pub struct Download<'a> {
    pub site: &'a Site,
    pub lang: &'a Lang,
    pub records: &'a [Record],
    pub indicators: &'a [IndicatorRecord],
}

/// One source as the sources sheet lists it.
struct SourceRow {
    id: String,
    title: String,
    publisher: String,
    date: Option<String>,
    url: Option<String>,
}

/// The date of the newest content: the latest session's, or the newest
/// source document's when there is no session.
pub fn newest(site: &Site) -> Option<Date> {
    site.sessions
        .iter()
        .map(|s| s.date)
        .chain(site.register.values().map(|s| s.published))
        .max()
}

fn excel_date(d: Date) -> Option<ExcelDateTime> {
    let (y, m, d) = (d.year(), d.month(), d.day());
    ExcelDateTime::from_ymd(u16::try_from(y).ok()?, m as u8, d as u8).ok()
}

fn parse_date(s: &str) -> Option<ExcelDateTime> {
    excel_date(Date::parse_from_str(s, "%Y-%m-%d").ok()?)
}

impl Download<'_> {
    fn t(&self, key: &str) -> &str {
        self.site.locales.get(self.lang).t(key)
    }

    fn text(&self, t: &crate::model::LocalizedText) -> String {
        t.get(self.lang, self.site.settings.default_lang())
            .to_owned()
    }

    /// The register's documents, then the sources the sessions cite that
    /// are not in it, each once, in the order first cited.
    fn sources(&self) -> Vec<SourceRow> {
        let mut rows: Vec<SourceRow> = self
            .site
            .register
            .values()
            .map(|s| SourceRow {
                id: s.id.to_string(),
                title: self.text(&s.title),
                publisher: self.text(&s.publisher),
                date: Some(s.published.to_string()),
                url: s.url.clone(),
            })
            .collect();
        for r in self.records {
            let Some(id) = &r.source else { continue };
            let same = |s: &SourceRow| {
                &s.id == id
                    && Some(&s.title) == r.source_title.as_ref()
                    && Some(&s.publisher) == r.source_publisher.as_ref()
                    && s.date == r.source_date
                    && s.url == r.source_url
            };
            if !rows.iter().any(same) {
                rows.push(SourceRow {
                    id: id.clone(),
                    title: r.source_title.clone().unwrap_or_default(),
                    publisher: r.source_publisher.clone().unwrap_or_default(),
                    date: r.source_date.clone(),
                    url: r.source_url.clone(),
                });
            }
        }
        rows
    }

    /// The address of the data folder of this language.
    fn data_url(&self) -> String {
        let base = self.site.settings.base_url.trim_end_matches('/');
        let folder = paths::Paths::new(&self.site.settings, self.lang).data("");
        format!("{base}/{folder}")
    }

    /// "Publisher, “Site”, data as of …, address (accessed …)."
    pub fn citation(&self) -> String {
        let settings = &self.site.settings;
        let locale = self.site.locales.get(self.lang);
        let date = newest(self.site)
            .map(|d| crate::locale::format::date(d, locale))
            .unwrap_or_default();
        self.t("data_citation")
            .replace("{publisher}", &self.text(&settings.publisher))
            .replace("{site}", &self.text(&settings.title))
            .replace("{date}", &date)
            .replace("{url}", &self.data_url())
            .replace("{accessed}", self.t("cite_accessed"))
    }

    fn intro(&self) -> String {
        let settings = &self.site.settings;
        self.t("data_read_me_intro")
            .replace("{site}", &self.text(&settings.title))
            .replace("{publisher}", &self.text(&settings.publisher))
    }

    fn as_of(&self) -> Option<String> {
        let locale = self.site.locales.get(self.lang);
        newest(self.site).map(|d| {
            self.t("data_as_of")
                .replace("{date}", &crate::locale::format::date(d, locale))
        })
    }

    /// The files of the zip, each with what it holds, in this language.
    fn files(&self) -> [(&'static str, &str); 6] {
        [
            ("results.csv", self.t("all_results_csv")),
            ("results.json", self.t("all_results_json")),
            (paths::RESULTS_XLSX, self.t("all_results_xlsx")),
            (paths::INDICATORS_CSV, self.t("indicators_csv")),
            (paths::INDICATORS_JSON, self.t("indicators_json")),
            ("datapackage.json", self.t("data_package")),
        ]
    }

    /// The workbook, as bytes.
    pub fn xlsx(&self) -> Vec<u8> {
        self.try_xlsx().unwrap_or_default()
    }

    fn try_xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let settings = &self.site.settings;
        let mut properties = DocProperties::new()
            .set_title(self.text(&settings.title))
            .set_author(self.text(&settings.publisher));
        let created = newest(self.site)
            .and_then(excel_date)
            .unwrap_or(ExcelDateTime::from_ymd(1980, 1, 1)?);
        properties = properties.set_creation_datetime(&created);
        book.set_properties(&properties);
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("yyyy-mm-dd");

        // Results: one row each, the columns of results.csv.
        let sheet = book.add_worksheet();
        sheet.set_name(self.t("sheet_results"))?;
        for (c, column) in COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, column.name, &bold)?;
        }
        for (i, r) in self.records.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, column) in COLUMNS.iter().enumerate() {
                let c = c as u16;
                let text = match (column.value)(r) {
                    Cell::Number(Some(v)) if v.is_finite() => {
                        sheet.write_number(row, c, v)?;
                        continue;
                    }
                    Cell::Number(_) => continue,
                    Cell::Text(s) => s,
                    Cell::Maybe(Some(s)) | Cell::Quoted(Some(s)) => s,
                    Cell::Maybe(None) | Cell::Quoted(None) => continue,
                };
                match (column.kind, parse_date(text)) {
                    (Kind::Date, Some(d)) => sheet.write_datetime_with_format(row, c, d, &date)?,
                    _ => sheet.write_string(row, c, text)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        widths(sheet, COLUMNS.len())?;

        // Indicators.
        let sheet = book.add_worksheet();
        sheet.set_name(self.t("sheet_indicators"))?;
        for (c, name) in INDICATOR_COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *name, &bold)?;
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            for (c, cell) in ind.cells().iter().enumerate() {
                if let Some(s) = cell {
                    sheet.write_string(i as u32 + 1, c as u16, *s)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        widths(sheet, INDICATOR_COLUMNS.len())?;

        // Sources.
        let sheet = book.add_worksheet();
        sheet.set_name(self.t("sheet_sources"))?;
        let heads = [
            "source_id",
            "source_title",
            "source_publisher",
            "source_date",
            "source_url",
        ];
        for (c, key) in heads.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, self.t(key), &bold)?;
        }
        for (i, s) in self.sources().iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &s.id)?;
            sheet.write_string(row, 1, &s.title)?;
            sheet.write_string(row, 2, &s.publisher)?;
            match s.date.as_deref().map(|d| (d, parse_date(d))) {
                Some((_, Some(d))) => {
                    sheet.write_datetime_with_format(row, 3, d, &date)?;
                }
                Some((d, None)) => {
                    sheet.write_string(row, 3, d)?;
                }
                None => {}
            }
            if let Some(u) = &s.url {
                sheet.write_string(row, 4, u)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        widths(sheet, heads.len())?;

        // Read me: what the data is, its licence, how to cite it, and
        // what each column holds.
        let sheet = book.add_worksheet();
        sheet.set_name(self.t("sheet_read_me"))?;
        let mut row = 0;
        let mut line = |sheet: &mut Worksheet, a: &str, b: &str, f: Option<&Format>| {
            match f {
                Some(f) => sheet.write_string_with_format(row, 0, a, f)?,
                None => sheet.write_string(row, 0, a)?,
            };
            if !b.is_empty() {
                sheet.write_string(row, 1, b)?;
            }
            row += 1;
            Ok::<(), XlsxError>(())
        };
        line(sheet, &self.text(&settings.title), "", Some(&bold))?;
        line(sheet, &self.intro(), "", None)?;
        if let Some(as_of) = self.as_of() {
            line(sheet, &as_of, "", None)?;
        }
        if let Some(l) = settings.license.as_deref().filter(|l| !l.trim().is_empty()) {
            line(sheet, self.t("license"), l.trim(), Some(&bold))?;
        }
        line(sheet, self.t("data_cite_as"), &self.citation(), Some(&bold))?;
        line(sheet, "", self.t("data_credit_sources"), None)?;
        line(sheet, "Excel", self.t("data_excel"), Some(&bold))?;
        line(sheet, "", "", None)?;
        line(sheet, self.t("data_columns"), "", Some(&bold))?;
        line(
            sheet,
            self.t("data_column"),
            self.t("data_meaning"),
            Some(&bold),
        )?;
        let locale = self.site.locales.get(self.lang);
        for c in &COLUMNS {
            line(sheet, c.name, c.description(locale), None)?;
        }
        line(sheet, "", "", None)?;
        line(sheet, self.t("sheet_indicators"), "", Some(&bold))?;
        for name in INDICATOR_COLUMNS {
            line(sheet, name, indicator_description(name, locale), None)?;
        }
        sheet.set_column_width(0, 24)?;
        sheet.set_column_width(1, 100)?;
        book.save_to_buffer()
    }

    /// The README of the zip: what the data is, its licence and citation,
    /// the files it holds, and how to open them in Excel.
    pub fn readme(&self) -> String {
        let settings = &self.site.settings;
        let mut out = String::new();
        let title = self.text(&settings.title);
        out.push_str(&format!(
            "{title}\n{}\n\n",
            "=".repeat(title.chars().count())
        ));
        out.push_str(&format!("{}\n", self.intro()));
        if let Some(as_of) = self.as_of() {
            out.push_str(&format!("{as_of}\n"));
        }
        out.push('\n');
        if let Some(l) = settings.license.as_deref().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!(
                "{}{} {}\n\n",
                self.t("license"),
                self.t("colon"),
                l.trim()
            ));
        }
        out.push_str(&format!(
            "{}{}\n{}\n{}\n\n",
            self.t("data_cite_as"),
            self.t("colon"),
            self.citation(),
            self.t("data_credit_sources")
        ));
        out.push_str(&format!("{}{}\n", self.t("data_files"), self.t("colon")));
        for (file, what) in self.files() {
            out.push_str(&format!("- {file}: {what}\n"));
        }
        out.push_str(&format!("\n{}\n", self.t("data_excel")));
        // What each column holds, so that the files explain themselves
        // without the site.
        let locale = self.site.locales.get(self.lang);
        let csv = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
        let dictionaries = [
            (
                csv(paths::RESULTS_CSV),
                COLUMNS
                    .iter()
                    .map(|c| (c.name, c.description(locale)))
                    .collect::<Vec<_>>(),
            ),
            (
                csv(paths::INDICATORS_CSV),
                INDICATOR_COLUMNS
                    .iter()
                    .map(|n| (*n, indicator_description(n, locale)))
                    .collect(),
            ),
        ];
        for (file, columns) in dictionaries {
            out.push_str(&format!(
                "\n{} ({file}){}\n",
                self.t("data_columns"),
                self.t("colon")
            ));
            // Indented, not listed with "- " as the files are.
            for (name, what) in columns {
                out.push_str(&format!("  {name}: {what}\n"));
            }
        }
        out
    }

    /// The zip of `files` (name and bytes) and the README, in that order.
    pub fn zip(&self, files: &[(&str, &[u8])]) -> Vec<u8> {
        self.try_zip(files).unwrap_or_default()
    }

    fn try_zip(&self, files: &[(&str, &[u8])]) -> zip::result::ZipResult<Vec<u8>> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let time = newest(self.site)
            .and_then(|d| {
                let (y, m, d) = (d.year(), d.month(), d.day());
                zip::DateTime::from_date_and_time(u16::try_from(y).ok()?, m as u8, d as u8, 0, 0, 0)
                    .ok()
            })
            .unwrap_or_default();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(time)
            .unix_permissions(0o644);
        let readme = self.readme();
        for (name, bytes) in files
            .iter()
            .copied()
            .chain([("README.txt", readme.as_bytes())])
        {
            w.start_file(name, options)?;
            w.write_all(bytes)?;
        }
        Ok(w.finish()?.into_inner())
    }
}

/// Columns wide enough to read, the same every build.
fn widths(sheet: &mut Worksheet, n: usize) -> Result<(), XlsxError> {
    for c in 0..n {
        sheet.set_column_width(c as u16, 18)?;
    }
    Ok(())
}
