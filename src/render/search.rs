//! Search that works on any static host and straight from disk.
//!
//! Browsers refuse `fetch()` of a local JSON file from `file://`, and a
//! search engine that loads its index or a WebAssembly module that way
//! would break the offline copy of the site. So the index is built here,
//! at build time, as a small script that assigns one global
//! (`search/search-index.js`, one per language), and the search page loads
//! it with a plain `<script src>`, together with `search.js`, which filters
//! the page's own list. Without JavaScript the same page lists every
//! indicator and session, so the search box on every page still leads
//! somewhere useful.
//!
//! Vietnamese is typed with or without diacritics, and `đ` often as `d`.
//! [`fold`] removes that difference on the index side; `search.js` applies
//! the same folding to what the reader types.

use serde_json::{json, Value};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::{LocalizedText, Site};
use crate::render::paths;
use crate::render::vocab::{File, Localizer, Page};

/// The script that filters the search page. It folds the query exactly as
/// [`fold`] does.
pub const SCRIPT: &str = include_str!("../../templates/search.js");

/// The global the index script assigns; `search.js` reads it.
const GLOBAL: &str = "minhbachSearch";

/// Folds text for matching: lowercase, canonical decomposition (NFD),
/// every combining mark dropped (Vietnamese tones and vowel marks), `đ` to
/// `d`, and every run of characters that are neither letters nor digits to
/// one space. "Hóa đơn ĐIỆN TỬ" and "hoa don dien tu" fold to the same.
/// Last, a word's final `y` after a consonant is read as `i`: Vietnamese
/// writes those syllables both ways (tỉ/tỷ, lí/lý, kĩ/kỹ, sĩ/sỹ), and a
/// reader types either.
/// `search.js` does the same steps in the same order, so the two agree.
pub fn fold(text: &str) -> String {
    let folded = fold_marks(text);
    if !folded.contains('y') {
        return folded;
    }
    let words: Vec<String> = folded.split(' ').map(final_y_as_i).collect();
    words.join(" ")
}

/// `ty` → `ti`, `ly` → `li`; `quy`, `ngay` and `y` stay.
fn final_y_as_i(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n >= 2 && chars[n - 1] == 'y' && "bcdghklmnpqrstvx".contains(chars[n - 2]) {
        chars[n - 1] = 'i';
    }
    chars.into_iter().collect()
}

/// The first steps of [`fold`]: case, marks, `đ`, separators.
fn fold_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.to_lowercase().nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = if c == 'đ' { 'd' } else { c };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// The folded texts of an entry, each once, in order. Word order is kept
/// so that a phrase ("hoa don") can rank above scattered words.
fn keys<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        let f = fold(t);
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// Folded texts with the other form of each of the site's abbreviations
/// they use: "TTHC" where a text says "thủ tục hành chính", and the words
/// where it says "TTHC", so that a reader finds the entry typing either.
fn with_abbreviations(mut keys: Vec<String>, site: &Site) -> Vec<String> {
    let padded: Vec<String> = keys.iter().map(|k| format!(" {k} ")).collect();
    let has = |phrase: &str| {
        let phrase = format!(" {phrase} ");
        padded.iter().any(|k| k.contains(&phrase))
    };
    let mut extra = Vec::new();
    for (abbreviation, words) in &site.settings.abbreviations {
        let short = fold(abbreviation.as_str());
        let long: Vec<String> = words.strings().map(fold).collect();
        if has(&short) {
            extra.extend(long.iter().cloned());
        }
        if long.iter().any(|l| !l.is_empty() && has(l)) {
            extra.push(short);
        }
    }
    for e in extra {
        if !e.is_empty() && !keys.contains(&e) {
            keys.push(e);
        }
    }
    keys
}

/// How well an entry matches a folded query, 0 for not at all:
/// 3 when one of its texts contains the query as a phrase (the last word
/// may be unfinished), 2 when every query word is a whole word of the
/// entry, 1 when every query word begins a word of the entry. The search
/// shows only the best tier that has any entry, so "hoa don" lists the
/// e-invoice indicator and not every "kế hoạch" with a "done" somewhere.
/// `search.js` implements the same rule.
pub fn rank(entry: &[String], folded_query: &str) -> u8 {
    if folded_query.is_empty() {
        return 0;
    }
    let padded_query = format!(" {folded_query}");
    if entry
        .iter()
        .any(|t| format!(" {t}").contains(&padded_query))
    {
        return 3;
    }
    let words: Vec<&str> = entry.iter().flat_map(|t| t.split(' ')).collect();
    let query: Vec<&str> = folded_query.split(' ').collect();
    if query.iter().all(|q| words.contains(q)) {
        2
    } else if query.iter().all(|q| words.iter().any(|w| w.starts_with(q))) {
        1
    } else {
        0
    }
}

/// The ids of the entries a query finds: those of the best tier (see
/// [`rank`]), in the order given.
pub fn find<'a>(entries: &'a [(String, Vec<String>)], query: &str) -> Vec<&'a str> {
    let q = fold(query);
    let ranked: Vec<(&str, u8)> = entries
        .iter()
        .map(|(id, e)| (id.as_str(), rank(e, &q)))
        .collect();
    let best = ranked.iter().map(|(_, r)| *r).max().unwrap_or(0);
    if best == 0 {
        return Vec::new();
    }
    ranked
        .into_iter()
        .filter(|(_, r)| *r == best)
        .map(|(id, _)| id)
        .collect()
}

/// Every entry of the index, as `(key, folded texts)`: indicators
/// (`i-<id>`: names and short names in every language, group, id) and
/// sessions (`s-<id>`: titles, dates as each language writes them).
pub fn entries(site: &Site) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for ind in site.indicators.values() {
        let id_words = ind.id.as_str().replace('-', " ");
        let texts = ind
            .name
            .strings()
            .chain(ind.short_name.iter().flat_map(LocalizedText::strings))
            .chain(ind.group.iter().flat_map(LocalizedText::strings))
            .chain([id_words.as_str()]);
        out.push((
            format!("i-{}", ind.id),
            with_abbreviations(keys(texts), site),
        ));
    }
    for s in &site.sessions {
        let mut dates: Vec<String> = site
            .settings
            .languages
            .iter()
            .map(|l| crate::format::date(s.date, site.locales.get(l)))
            .collect();
        dates.push(s.date.to_string());
        let texts = s.title.strings().chain(dates.iter().map(String::as_str));
        out.push((format!("s-{}", s.id), with_abbreviations(keys(texts), site)));
    }
    out
}

/// The search page of one language and its index script.
pub fn job(lx: &Localizer) -> (Page, File) {
    let site = lx.site;
    let from = lx.paths.search();
    let index: serde_json::Map<String, Value> = entries(site)
        .into_iter()
        .map(|(k, v)| (k, json!(v)))
        .collect();

    let mut indicators: Vec<(String, Value)> = Vec::new();
    for ind in site.indicators.values() {
        let key = format!("i-{}", ind.id);
        let name = lx.text(&ind.name);
        indicators.push((
            fold(&name),
            json!({
                "key": key,
                "name": name,
                "name_lang": lx.lang_of(&ind.name),
                "group": lx.opt(&ind.group),
                "href": paths::relative(&from, &lx.paths.indicator(&ind.id)),
            }),
        ));
    }
    // Alphabetical by the folded name: close to how a reader scans a list.
    indicators.sort_by(|a, b| a.0.cmp(&b.0));

    let sessions: Vec<Value> = site
        .sessions
        .iter()
        .rev()
        .map(|s| {
            let key = format!("s-{}", s.id);
            json!({
                "key": key,
                "title": lx.text(&s.title),
                "title_lang": lx.lang_of(&s.title),
                "date": lx.date(s.date),
                "iso_date": s.date.to_string(),
                "href": paths::relative(&from, &lx.paths.session(&s.id)),
            })
        })
        .collect();

    let index_path = lx.paths.search_index();
    let script = format!(
        "// Search index: folded words of every indicator and session (see search.js).\nwindow.{GLOBAL} = {};\n",
        Value::Object(index)
    );
    let page = Page {
        template: "search.html",
        title: lx.t("search").to_owned(),
        context: json!({
            "indicators": indicators.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
            "sessions": sessions,
            "index_src": paths::relative(&from, &index_path),
            "script_src": paths::relative(&from, paths::SEARCH_SCRIPT),
            "found_forms": serde_json::to_string(&lx.locale.counts.get("search_found")).unwrap_or_default(),
            "plural_locale": lx.locale.formats.cldr,
        }),
        alternates: site
            .settings
            .languages
            .iter()
            .map(|l| (l.clone(), paths::Paths::new(&site.settings, l).search()))
            .collect(),
        updated: lx.facts.updated(),
        path: from,
    };
    (
        page,
        File {
            path: index_path,
            bytes: script.into_bytes(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_d_and_case() {
        assert_eq!(fold("Hóa đơn điện tử"), "hoa don dien tu");
        assert_eq!(fold("HÓA ĐƠN ĐIỆN TỬ"), "hoa don dien tu");
        assert_eq!(fold("hoa don dien tu"), "hoa don dien tu");
        assert_eq!(fold("  Tỉ lệ (%) — doanh nghiệp,  "), "ti le doanh nghiep");
        assert_eq!(fold("Người dân"), "nguoi dan");
        assert_eq!(fold("e-invoice"), "e invoice");
        // i and y at a syllable's end are one letter to a reader.
        assert_eq!(fold("Tỷ lệ"), fold("tỉ lệ"));
        assert_eq!(fold("lý do kỹ thuật"), "li do ki thuat");
        assert_eq!(fold("quý ngày y tế"), "quy ngay y te");
        // Decomposed input (typed on some keyboards) folds the same.
        let nfd: String = "hóa đơn".nfd().collect();
        assert_eq!(fold(&nfd), "hoa don");
    }

    fn entry(texts: &[&str]) -> Vec<String> {
        keys(texts.iter().copied())
    }

    #[test]
    fn a_phrase_ranks_above_scattered_words_and_word_starts() {
        let invoice = entry(&[
            "Tỉ lệ doanh nghiệp sử dụng hóa đơn điện tử",
            "Share of enterprises using e-invoices",
        ]);
        let plan = entry(&[
            "Số chỉ tiêu của Kế hoạch năm 2022 đã hoàn thành",
            "Plan targets done",
        ]);
        assert_eq!(rank(&invoice, &fold("hoa don")), 3);
        assert_eq!(rank(&invoice, &fold("HÓA ĐƠN điện")), 3);
        assert_eq!(
            rank(&invoice, &fold("hoa don d")),
            3,
            "the last word may be unfinished"
        );
        assert_eq!(
            rank(&invoice, &fold("dien tu hoa don")),
            2,
            "whole words in another order"
        );
        assert_eq!(rank(&invoice, &fold("doanh ngh")), 3);
        assert_eq!(rank(&invoice, &fold("invoice dien")), 1);
        assert_eq!(
            rank(&plan, &fold("hoa don")),
            1,
            "hoạch and done only begin with the words"
        );
        assert_eq!(
            rank(&invoice, &fold("oa don")),
            0,
            "words match from their start"
        );
        assert_eq!(rank(&invoice, &fold("hoa don giay")), 0);
        assert_eq!(
            rank(&invoice, &fold("  ")),
            0,
            "an empty query matches nothing"
        );
        let all = vec![
            ("i-invoice".to_owned(), invoice),
            ("i-plan".to_owned(), plan),
        ];
        assert_eq!(find(&all, "hoa don"), ["i-invoice"]);
        assert_eq!(find(&all, "hoa"), ["i-invoice", "i-plan"]);
        assert!(find(&all, "xyz").is_empty());
    }

    #[test]
    fn keys_keep_each_text_once() {
        assert_eq!(
            entry(&["Hóa đơn", "hoa don", "Điện tử"]),
            ["hoa don", "dien tu"]
        );
    }
}
