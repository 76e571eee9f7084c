//! How to cite a chart: a sentence in the page's language, a BibTeX entry
//! and a RIS record, each naming the publisher, the chart, the session,
//! the original reports behind its figures, the address and, in the
//! sentence, "accessed on" for the reader to fill in. BibTeX and RIS keep
//! diacritics as UTF-8 and escape only what their syntax needs.

/// A document the chart's figures were taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub publisher: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    /// The date as the page's language writes it, or empty.
    pub date_text: String,
    pub url: String,
}

/// Everything a citation of one chart names.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The site's publisher, or empty.
    pub publisher: String,
    pub site: String,
    pub chart: String,
    /// The session ("Third session…, 8 Aug 2022") or the span of a history.
    pub when: String,
    /// The date of the newest figure, `YYYY-MM-DD`, or empty.
    pub date: String,
    pub reports: Vec<Report>,
    pub url: String,
    pub lang: String,
    /// An ASCII key for BibTeX.
    pub key: String,
}

/// The words a citation is written with, in the page's language.
pub struct Words<'a> {
    /// “{text}”, as the language quotes a title.
    pub quote: &'a dyn Fn(&str) -> String,
    /// "Based on".
    pub based_on: &'a str,
    /// "accessed [day month year]".
    pub accessed: &'a str,
}

impl Report {
    /// "Publisher, “Title”, 8 Aug 2022, https://…".
    fn text(&self, words: &Words) -> String {
        let mut parts = Vec::new();
        if !self.publisher.is_empty() {
            parts.push(self.publisher.clone());
        }
        parts.push((words.quote)(&self.title));
        if !self.date_text.is_empty() {
            parts.push(self.date_text.clone());
        }
        if !self.url.is_empty() {
            parts.push(self.url.clone());
        }
        parts.join(", ")
    }
}

impl Citation {
    /// "Publisher, “Chart”, Site, session. Based on: reports. URL
    /// (accessed [day month year])."
    pub fn text(&self, words: &Words) -> String {
        let mut head = Vec::new();
        if !self.publisher.is_empty() && self.publisher != self.site {
            head.push(self.publisher.clone());
        }
        head.push((words.quote)(&self.chart));
        head.push(self.site.clone());
        if !self.when.is_empty() {
            head.push(self.when.clone());
        }
        let mut s = format!("{}.", head.join(", "));
        if !self.reports.is_empty() {
            let reports: Vec<String> = self.reports.iter().map(|r| r.text(words)).collect();
            s.push_str(&format!(" {}: {}.", words.based_on, reports.join("; ")));
        }
        s.push_str(&format!(" {} ({}).", self.url, words.accessed));
        s
    }

    /// The reports in one line, for a note.
    fn reports_note(&self, words: &Words) -> String {
        let reports: Vec<String> = self.reports.iter().map(|r| r.text(words)).collect();
        format!("{}: {}", words.based_on, reports.join("; "))
    }

    /// A BibTeX `@misc` entry (the type every BibTeX style knows), the
    /// publisher as a corporate author in double braces.
    pub fn bibtex(&self, words: &Words) -> String {
        let mut fields: Vec<(&str, String)> = Vec::new();
        let author = if self.publisher.is_empty() {
            &self.site
        } else {
            &self.publisher
        };
        fields.push(("author", format!("{{{}}}", bibtex_escape(author))));
        fields.push(("title", format!("{{{}}}", bibtex_escape(&self.chart))));
        fields.push(("howpublished", bibtex_escape(&self.site)));
        if let Some(year) = self
            .date
            .get(..4)
            .filter(|y| y.chars().all(|c| c.is_ascii_digit()))
        {
            fields.push(("year", year.to_owned()));
            fields.push(("date", bibtex_escape(&self.date)));
        }
        if !self.when.is_empty() {
            fields.push(("addendum", bibtex_escape(&self.when)));
        }
        if !self.reports.is_empty() {
            fields.push(("note", bibtex_escape(&self.reports_note(words))));
        }
        fields.push(("url", bibtex_url(&self.url)));
        fields.push(("language", bibtex_escape(&self.lang)));
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("  {k} = {{{v}}}"))
            .collect();
        format!("@misc{{{},\n{}\n}}", self.key, body.join(",\n"))
    }

    /// A RIS record of type `DATA`.
    pub fn ris(&self, words: &Words) -> String {
        let mut lines = vec![("TY", "DATA".to_owned())];
        if !self.publisher.is_empty() {
            lines.push(("AU", self.publisher.clone()));
        }
        lines.push(("TI", self.chart.clone()));
        lines.push(("T2", self.site.clone()));
        if self.date.len() == 10 {
            lines.push(("PY", self.date[..4].to_owned()));
            lines.push(("DA", self.date.replace('-', "/")));
        }
        if !self.publisher.is_empty() {
            lines.push(("PB", self.publisher.clone()));
        }
        if !self.when.is_empty() {
            lines.push(("N1", self.when.clone()));
        }
        if !self.reports.is_empty() {
            lines.push(("N1", self.reports_note(words)));
        }
        lines.push(("UR", self.url.clone()));
        lines.push(("LA", self.lang.clone()));
        let mut out: String = lines
            .into_iter()
            .map(|(tag, v)| format!("{tag}  - {}\n", ris_value(&v)))
            .collect();
        out.push_str("ER  - ");
        out
    }
}

/// Text for a BibTeX field in braces: the characters BibTeX and LaTeX
/// read as syntax escaped, every other character (diacritics included)
/// kept as it is, line breaks made spaces. The result never has an
/// unbalanced brace.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL for BibTeX's `url` field, read verbatim by `\url`: only braces
/// and `%` (a comment) need care; braces are percent-encoded.
fn bibtex_url(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '{' => "%7B".to_owned(),
            '}' => "%7D".to_owned(),
            '%' => "\\%".to_owned(),
            '\\' => "%5C".to_owned(),
            c if c.is_whitespace() || c.is_control() => String::new(),
            c => c.to_string(),
        })
        .collect()
}

/// A RIS value: one line, without line breaks or control characters.
fn ris_value(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Whether every brace of a BibTeX text is balanced, not counting escaped
/// ones.
#[cfg(test)]
fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn quote(s: &str) -> String {
        format!("“{s}”")
    }

    fn words() -> Words<'static> {
        Words {
            quote: &quote,
            based_on: "Based on",
            accessed: "accessed [day month year]",
        }
    }

    fn citation(text: &str) -> Citation {
        Citation {
            publisher: format!("Văn phòng {text}"),
            site: "Theo dõi chuyển đổi số".to_owned(),
            chart: text.to_owned(),
            when: "Phiên họp thứ 3, 08/08/2022".to_owned(),
            date: "2022-08-08".to_owned(),
            reports: vec![Report {
                title: text.to_owned(),
                publisher: "Báo Đồng Khởi".to_owned(),
                date: "2022-08-08".to_owned(),
                date_text: "08/08/2022".to_owned(),
                url: "https://baodongkhoi.vn/a{b}%20".to_owned(),
            }],
            url: "https://example.org/sessions/x/#chart-overview".to_owned(),
            lang: "vi".to_owned(),
            key: "sessions-x-chart-overview".to_owned(),
        }
    }

    #[test]
    fn bibtex_escapes_its_syntax_and_keeps_diacritics() {
        assert_eq!(
            bibtex_escape("Tỷ lệ 50% & {mục} #1 a_b $ ~ ^ \\"),
            "Tỷ lệ 50\\% \\& \\{mục\\} \\#1 a\\_b \\$ \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
        );
        let b = citation("Số hồ sơ {trực tuyến} 100%").bibtex(&words());
        assert!(b.starts_with("@misc{sessions-x-chart-overview,\n"), "{b}");
        assert!(
            b.contains("title = {{Số hồ sơ \\{trực tuyến\\} 100\\%}}"),
            "{b}"
        );
        assert!(b.contains("year = {2022}"), "{b}");
        assert!(
            b.contains("url = {https://example.org/sessions/x/#chart-overview}"),
            "{b}"
        );
        assert!(b.contains("https://baodongkhoi.vn/a\\{b\\}\\%20"), "{b}");
        assert_eq!(bibtex_url("https://a/{b}%20 c"), "https://a/%7Bb%7D\\%20c");
        assert!(balanced(&b), "{b}");
    }

    #[test]
    fn ris_is_one_tag_a_line_and_ends_with_er() {
        let r = citation("Tên\nhai dòng").ris(&words());
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(lines[0], "TY  - DATA");
        assert_eq!(*lines.last().unwrap(), "ER  - ");
        assert!(lines.contains(&"TI  - Tên hai dòng"), "{r}");
        assert!(lines.contains(&"DA  - 2022/08/08"), "{r}");
        assert!(lines.contains(&"PY  - 2022"), "{r}");
        for l in &lines {
            assert!(l.len() >= 6 && &l[2..6] == "  - ", "{l:?}");
        }
    }

    #[test]
    fn the_sentence_names_everything() {
        let s = citation("Biểu đồ").text(&words());
        assert_eq!(
            s,
            "Văn phòng Biểu đồ, “Biểu đồ”, Theo dõi chuyển đổi số, Phiên họp thứ 3, 08/08/2022. Based on: Báo Đồng Khởi, “Biểu đồ”, 08/08/2022, https://baodongkhoi.vn/a{b}%20. https://example.org/sessions/x/#chart-overview (accessed [day month year])."
        );
    }

    proptest! {
        #[test]
        fn bibtex_braces_always_balance(text in ".{0,40}", publisher in ".{0,20}") {
            let mut c = citation(&text);
            c.publisher = publisher;
            let b = c.bibtex(&words());
            prop_assert!(balanced(&b), "{}", b);
            prop_assert!(balanced(&bibtex_escape(&text)));
            for l in c.ris(&words()).lines() {
                prop_assert!(l.len() >= 6 && &l[2..6] == "  - ", "{:?}", l);
            }
        }
    }
}
