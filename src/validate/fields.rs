//! Fields shared by every content file: texts by language, numbers,
//! dates, ids, URLs, and the diagnostics for each.

use std::collections::BTreeMap;
use std::path::Path;

use super::provenance;
use super::{with, Ctx, Validator};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::raw::{RawNumber, RawScalar, RawText};
use crate::load::yaml::Seg;
use crate::model::*;

impl Validator {
    pub(super) fn text(
        &mut self,
        raw: &RawText,
        cx: &Ctx,
        path: &[Seg],
        langs: &[Lang],
    ) -> LocalizedText {
        match raw {
            RawText::One(s) => LocalizedText::same(s.trim()),
            RawText::ByLang(map) => {
                let mut out = BTreeMap::new();
                for (k, s) in map {
                    match Lang::parse(k) {
                        Ok(l) if langs.contains(&l) => {
                            out.insert(l, s.trim().to_owned());
                        }
                        Ok(l) => self.diags.push(
                            cx.warning(Code::UnknownLanguage, &with(path, k.as_str()), format!("`{l}` is not one of the site's languages, so this text is never shown"))
                                .hint(format!("the site's languages are {}; add it to `languages` in site.yaml", list(langs))),
                        ),
                        Err(msg) => self.diags.push(cx.error(Code::BadLanguage, &with(path, k.as_str()), msg)),
                    }
                }
                for l in langs {
                    if !out.contains_key(l) {
                        self.diags.push(
                            cx.warning(
                                Code::MissingTranslation,
                                path,
                                format!("no `{l}` text; the {} text is shown instead", langs[0]),
                            )
                            .hint(format!("add `{l}: \"…\"` to this field")),
                        );
                    }
                }
                LocalizedText::by_lang(out)
            }
        }
    }

    pub(super) fn number(
        &mut self,
        raw: &Option<RawNumber>,
        cx: &Ctx,
        path: &[Seg],
    ) -> Option<f64> {
        match raw.as_ref()? {
            // `-0.0` is zero: written `0` everywhere, never `-0`.
            RawNumber::Number(n) if n.is_finite() => Some(if *n == 0.0 { 0.0 } else { *n }),
            RawNumber::Number(n) => {
                let written = if n.is_nan() {
                    ".nan"
                } else if *n > 0.0 {
                    ".inf"
                } else {
                    "-.inf"
                };
                self.diags.push(not_finite(cx, path, written, true));
                None
            }
            RawNumber::Text(s) => {
                let plain = s.trim();
                // serde_yaml hands over a number out of the range of f64
                // (`1e309`) as text; Rust also reads `inf` and `NaN`.
                match plain.parse::<f64>() {
                    Ok(n) if !n.is_finite() => {
                        let digits = plain.bytes().any(|b| b.is_ascii_digit());
                        self.diags
                            .push(not_finite(cx, path, plain, n.is_nan() || !digits));
                        return None;
                    }
                    _ => {}
                }
                if matches!(
                    plain.to_ascii_lowercase().trim_start_matches(['+', '-']),
                    ".inf" | ".nan"
                ) {
                    self.diags.push(not_finite(cx, path, plain, true));
                    return None;
                }
                // A number in quotes is suggested as it is; otherwise the
                // figure read the way reports print it, unless the text
                // has an exponent that reading would cut (`1e5` is not 1).
                let suggestion = match plain.parse::<f64>() {
                    Ok(n) => Some(if n == 0.0 { 0.0 } else { n }),
                    Err(_) if has_exponent(plain) => None,
                    Err(_) => provenance::parse_printed(s).first().copied(),
                };
                let mut d = cx
                    .error(
                        Code::NumberAsText,
                        path,
                        format!("`\"{s}\"` is text, not a number"),
                    )
                    .expected("a YAML number with a dot decimal and no unit, such as 11.27");
                d = match suggestion {
                    Some(n) => d.hint(format!("write {n}, not \"{s}\"")),
                    None => d.hint("write the number without quotes, or leave the field out if it was not reported"),
                };
                self.diags.push(d);
                None
            }
        }
    }

    pub(super) fn date(&mut self, raw: &RawScalar, cx: &Ctx, path: &[Seg]) -> Option<Date> {
        match parse_date(&raw.0) {
            Some(d) => Some(d),
            None => {
                self.diags.push(
                    cx.error(Code::BadDate, path, format!("`{}` is not a date", raw.0))
                        .expected("a date written YYYY-MM-DD, such as 2022-08-08")
                        .hint("dates are YYYY-MM-DD"),
                );
                None
            }
        }
    }
}

pub(super) fn id_error(cx: &Ctx, path: &[Seg], what: &str, e: &IdError) -> Diagnostic {
    let mut d = cx
        .error(Code::BadId, path, format!("{e}"))
        .expected(format!(
            "{} {what} id: lowercase ASCII letters, digits and single hyphens, 1 to 80 characters",
            article(what)
        ));
    if let Some(s) = &e.suggestion {
        d = d.hint(format!("use `{s}`"));
    }
    d
}

pub(super) fn file_id_error(rel: &Path, what: &str, e: &IdError) -> Diagnostic {
    let mut d = Diagnostic::error(
        Code::BadId,
        rel,
        format!("the {what} id comes from this name, and {e}"),
    )
    .expected(format!(
        "{} {what} id: lowercase ASCII letters, digits and single hyphens, 1 to 80 characters",
        article(what)
    ));
    if let Some(s) = &e.suggestion {
        d = d.hint(format!("rename it to `{s}`"));
    }
    d
}

/// "an" before indicator, "a" before session, source and scope.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    Date::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Checks a base URL and returns it normalised to end with `/`.
pub fn check_base_url(raw: &str) -> Result<String, &'static str> {
    let u = url::Url::parse(raw.trim()).map_err(|_| "it does not parse as a URL")?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err("it must start with http:// or https://");
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err("it has no host name");
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err("it cannot have a query (?…) or a fragment (#…)");
    }
    let mut s = u.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

/// Checks a link to a source document: only http(s), so no `javascript:`.
pub fn check_link(raw: &str) -> Result<(), &'static str> {
    let u = url::Url::parse(raw.trim()).map_err(|_| "it does not parse as a URL")?;
    match u.scheme() {
        "http" | "https" => Ok(()),
        _ => Err("only http:// and https:// links are allowed"),
    }
}

pub(super) fn list(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The error for a number that is not finite: too large for a number
/// (`1e309`), or no number at all (`.inf`, `.nan`, `infinity`:
/// `symbolic`).
pub(super) fn not_finite(cx: &Ctx, path: &[Seg], written: &str, symbolic: bool) -> Diagnostic {
    let message = if symbolic {
        format!("`{written}` is not a finite number")
    } else {
        format!("`{written}` is out of range: numbers go up to about 1.8e308")
    };
    let hint = if symbolic {
        "write the figure reported, such as 11.27, or leave the field out if none was reported"
    } else {
        "check the exponent: a figure of a report is written out, such as 11.27 or 1500000"
    };
    cx.error(Code::BadNumber, path, message)
        .expected("a finite number, such as 11.27")
        .hint(hint)
}

/// Whether `s` holds a number with an exponent (`1e5`, `2.5E-3`), which
/// the reading of printed figures would cut at the `e`.
pub(super) fn has_exponent(s: &str) -> bool {
    let b = s.as_bytes();
    (1..b.len()).any(|i| {
        matches!(b[i], b'e' | b'E')
            && b[i - 1].is_ascii_digit()
            && b[i + 1..]
                .iter()
                .find(|c| !matches!(c, b'+' | b'-'))
                .is_some_and(u8::is_ascii_digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn base_urls() {
        assert_eq!(check_base_url("https://a.org").unwrap(), "https://a.org/");
        assert_eq!(
            check_base_url("https://a.github.io/p").unwrap(),
            "https://a.github.io/p/"
        );
        assert!(check_base_url("a.org").is_err());
        assert!(check_base_url("javascript:alert(1)").is_err());
        assert!(check_base_url("https://a.org/?x=1").is_err());
    }

    #[test]
    pub(super) fn dates_are_strict() {
        assert!(parse_date("2022-08-08").is_some());
        assert!(parse_date("2022-8-8").is_none());
        assert!(parse_date("08/08/2022").is_none());
        assert!(parse_date("2022-02-30").is_none());
    }
}
