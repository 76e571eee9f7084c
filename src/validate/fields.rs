//! Fields shared by every content file: texts by language, numbers,
//! dates, ids, URLs, and the diagnostics for each.

use std::collections::BTreeMap;
use std::path::Path;

use super::provenance;
use super::{with, Ctx, Validator};
use crate::diagnostics::{say, Code, Diagnostic, Text};
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
        let mut empty = |at: &[Seg]| {
            self.diags.push(
                cx.error(
                    Code::EmptyText,
                    at,
                    say!(
                        en: "this text is empty, so the pages would show nothing here",
                        vi: "nội dung này đang để trống, nên trang sẽ không hiển thị gì ở đây"
                    ),
                )
                .hint(say!(
                    en: "write the text between the quotes, or leave the field out if it is optional",
                    vi: "hãy viết nội dung vào giữa hai dấu ngoặc kép, hoặc bỏ trường này đi nếu nó không bắt buộc"
                )),
            )
        };
        match raw {
            RawText::One(s) if s.trim().is_empty() => {
                empty(path);
                LocalizedText::same("")
            }
            RawText::ByLang(map) => {
                for (k, s) in map {
                    if s.trim().is_empty() {
                        empty(&with(path, k.as_str()));
                    }
                }
                self.text_by_lang(map, cx, path, langs)
            }
            RawText::One(s) => LocalizedText::same(s.trim()),
        }
    }

    /// A text given per language: every language of the site given once.
    fn text_by_lang(
        &mut self,
        map: &BTreeMap<String, String>,
        cx: &Ctx,
        path: &[Seg],
        langs: &[Lang],
    ) -> LocalizedText {
        let mut out = BTreeMap::new();
        for (k, s) in map {
            match Lang::parse(k) {
                        Ok(l) if langs.contains(&l) => {
                            out.insert(l, s.trim().to_owned());
                        }
                        Ok(l) => self.diags.push(
                            cx.warning(
                                Code::UnknownLanguage,
                                &with(path, k.as_str()),
                                say!(
                                    en: "`{l}` is not one of the site's languages, so this text is never shown",
                                    vi: "`{l}` không thuộc các ngôn ngữ của trang, nên nội dung này không bao giờ được hiển thị"
                                ),
                            )
                            .hint(say!(
                                en: "the site's languages are {all}; add it to `languages` in site.yaml",
                                vi: "các ngôn ngữ của trang là {all}; hãy thêm ngôn ngữ này vào `languages` trong site.yaml",
                                all = list(langs)
                            )),
                        ),
                        Err(_) => self.diags.push(cx.error(
                            Code::BadLanguage,
                            &with(path, k.as_str()),
                            bad_language(k),
                        )),
                    }
        }
        for l in langs {
            if !out.contains_key(l) {
                self.diags.push(
                    cx.warning(
                        Code::MissingTranslation,
                        path,
                        say!(
                            en: "no `{l}` text; the {first} text is shown instead",
                            vi: "chưa có nội dung `{l}`; nội dung `{first}` được hiển thị thay thế",
                            first = langs[0]
                        ),
                    )
                    .hint(say!(
                        en: "add `{l}: \"…\"` to this field",
                        vi: "thêm `{l}: \"…\"` vào trường này"
                    )),
                );
            }
        }
        LocalizedText::by_lang(out)
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
                        say!(
                            en: "`\"{s}\"` is text, not a number",
                            vi: "`\"{s}\"` là văn bản, không phải là số"
                        ),
                    )
                    .expected(say!(
                        en: "a YAML number with a dot decimal and no unit, such as 11.27",
                        vi: "một số YAML, dùng dấu chấm trước phần thập phân và không kèm đơn vị, ví dụ 11.27"
                    ));
                d = match suggestion {
                    Some(n) => d.hint(say!(
                        en: "write {n}, not \"{s}\"",
                        vi: "hãy viết {n}, không viết \"{s}\""
                    )),
                    None => d.hint(say!(
                        en: "write the number without quotes, or leave the field out if it was not reported",
                        vi: "viết số không có dấu ngoặc kép, hoặc bỏ trường này nếu số liệu chưa được báo cáo"
                    )),
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
                    cx.error(
                        Code::BadDate,
                        path,
                        say!(en: "`{d}` is not a date", vi: "`{d}` không phải là ngày hợp lệ", d = raw.0),
                    )
                    .expected(say!(
                        en: "a date written YYYY-MM-DD, such as 2022-08-08",
                        vi: "ngày viết theo dạng YYYY-MM-DD, ví dụ 2022-08-08"
                    ))
                    .hint(match day_month_year(&raw.0) {
                        Some(d) => say!(en: "write {d}", vi: "hãy viết {d}"),
                        None => say!(
                            en: "dates are YYYY-MM-DD",
                            vi: "ngày được viết theo dạng YYYY-MM-DD (năm-tháng-ngày)"
                        ),
                    }),
                );
                None
            }
        }
    }
}

/// What an id names, for the messages about it.
#[derive(Debug, Clone, Copy)]
pub(super) enum IdOf {
    Indicator,
    Session,
    Source,
    Scope,
    Unit,
}

impl IdOf {
    /// "indicator", "session" …
    fn en(self) -> &'static str {
        match self {
            IdOf::Indicator => "indicator",
            IdOf::Session => "session",
            IdOf::Source => "source",
            IdOf::Scope => "scope",
            IdOf::Unit => "unit",
        }
    }

    fn vi(self) -> &'static str {
        match self {
            IdOf::Indicator => "chỉ tiêu",
            IdOf::Session => "phiên họp",
            IdOf::Source => "nguồn",
            IdOf::Scope => "phạm vi",
            IdOf::Unit => "đơn vị",
        }
    }

    /// What a good id of this is.
    fn expected(self) -> Text {
        say!(
            en: "{article_en} {what_en} id: lowercase ASCII letters, digits and single hyphens, 1 to 80 characters",
            vi: "mã {what_vi}: chữ cái ASCII viết thường, chữ số và dấu gạch nối đơn, dài từ 1 đến 80 ký tự",
            article_en = if matches!(self, IdOf::Indicator) { "an" } else { "a" },
            what_en = self.en(),
            what_vi = self.vi()
        )
    }
}

pub(super) fn id_error(cx: &Ctx, path: &[Seg], what: IdOf, e: &IdError) -> Diagnostic {
    let mut d = cx
        .error(Code::BadId, path, e.said())
        .expected(what.expected());
    if let Some(s) = &e.suggestion {
        d = d.hint(say!(en: "use `{s}`", vi: "hãy dùng `{s}`"));
    }
    d
}

pub(super) fn file_id_error(rel: &Path, what: IdOf, e: &IdError) -> Diagnostic {
    let said = e.said();
    let mut d = Diagnostic::error(
        Code::BadId,
        rel,
        say!(
            en: "the {what_en} id comes from this name, and {e_en}",
            vi: "mã {what_vi} được lấy từ tên này, nhưng {e_vi}",
            what_en = what.en(),
            e_en = said.en(),
            what_vi = what.vi(),
            e_vi = said.vi()
        ),
    )
    .expected(what.expected());
    if let Some(s) = &e.suggestion {
        d = d.hint(say!(en: "rename it to `{s}`", vi: "hãy đổi tên thành `{s}`"));
    }
    d
}

/// The error for a language code that is not one.
pub(super) fn bad_language(code: &str) -> Text {
    let lower = code.trim().to_ascii_lowercase().replace('_', "-");
    if Lang::parse(&lower).is_ok() {
        return say!(
            en: "`{code}` is not a language code as the format writes them: write `{lower}`",
            vi: "`{code}` không phải là mã ngôn ngữ đúng cách viết: hãy viết `{lower}`"
        );
    }
    say!(
        en: "`{code}` is not a language code; use a lowercase code such as `vi` or `en`",
        vi: "`{code}` không phải là mã ngôn ngữ; hãy dùng mã viết thường như `vi` hoặc `en`"
    )
}

/// A date written day first, the Vietnamese way (`15/07/2023`,
/// `15-7-2023`, `15.07.2023`), as the format writes it: `2023-07-15`.
/// `None` unless it is a real date read that way.
fn day_month_year(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts[..] else {
        return None;
    };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let date = Date::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    Date::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Checks a base URL and returns it normalised to end with `/`, or says
/// why it cannot be used.
pub fn check_base_url(raw: &str) -> Result<String, Text> {
    let u = url::Url::parse(raw.trim()).map_err(|_| not_a_url())?;
    if u.scheme() != "http" && u.scheme() != "https" {
        return Err(say!(
            en: "it must start with http:// or https://",
            vi: "địa chỉ phải bắt đầu bằng http:// hoặc https://"
        ));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(say!(en: "it has no host name", vi: "địa chỉ không có tên máy chủ"));
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err(say!(
            en: "it cannot have a query (?…) or a fragment (#…)",
            vi: "địa chỉ không được có phần truy vấn (?…) hay phân đoạn (#…)"
        ));
    }
    let mut s = u.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

/// Whether a usable base URL is a placeholder rather than an address a
/// site is published at: a host of the reserved `example` names
/// (`example.org`, `minhbach.example.org`, `…​.example`), of the test,
/// invalid or local names, `localhost`, or an IP address. Links built from
/// it (embed, share, feed) lead nowhere for a reader.
pub fn is_placeholder_base_url(base_url: &str) -> bool {
    let Ok(u) = url::Url::parse(base_url) else {
        return false;
    };
    match u.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            let labels: Vec<&str> = d.split('.').collect();
            labels.contains(&"example")
                || labels.contains(&"localhost")
                || matches!(labels.last(), Some(&("test" | "invalid" | "local")))
        }
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
        None => false,
    }
}

/// Checks a link to a source document: only http(s), so no `javascript:`.
pub fn check_link(raw: &str) -> Result<(), Text> {
    let u = url::Url::parse(raw.trim()).map_err(|_| not_a_url())?;
    match u.scheme() {
        "http" | "https" => Ok(()),
        _ => Err(say!(
            en: "only http:// and https:// links are allowed",
            vi: "chỉ cho phép liên kết http:// và https://"
        )),
    }
}

/// The error for a source's `url` that [`check_link`] refused.
pub(super) fn unusable_link(url: &str, why: &Text) -> Text {
    say!(
        en: "`{url}` is not a usable link: {why_en}",
        vi: "`{url}` không dùng được làm liên kết: {why_vi}",
        why_en = why.en(),
        why_vi = why.vi()
    )
}

fn not_a_url() -> Text {
    say!(
        en: "it does not parse as a URL",
        vi: "đây không phải là một địa chỉ URL đọc được"
    )
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
    let (message, hint) = if symbolic {
        (
            say!(
                en: "`{written}` is not a finite number",
                vi: "`{written}` không phải là một số hữu hạn"
            ),
            say!(
                en: "write the figure reported, such as 11.27, or leave the field out if none was reported",
                vi: "viết số liệu được báo cáo, ví dụ 11.27, hoặc bỏ trường này nếu không có số liệu"
            ),
        )
    } else {
        (
            say!(
                en: "`{written}` is out of range: numbers go up to about 1.8e308",
                vi: "`{written}` vượt quá giới hạn: số chỉ lớn đến khoảng 1.8e308"
            ),
            say!(
                en: "check the exponent: a figure of a report is written out, such as 11.27 or 1500000",
                vi: "kiểm tra số mũ: số liệu báo cáo được viết đầy đủ, ví dụ 11.27 hoặc 1500000"
            ),
        )
    };
    cx.error(Code::BadNumber, path, message)
        .expected(say!(en: "a finite number, such as 11.27", vi: "một số hữu hạn, ví dụ 11.27"))
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
    pub(super) fn placeholder_base_urls() {
        for u in [
            "https://minhbach.example.org/",
            "https://example.com/x/",
            "http://localhost:8000/",
            "http://127.0.0.1/",
            "http://[::1]:8080/",
            "https://site.example/",
            "https://demo.test/",
        ] {
            assert!(is_placeholder_base_url(u), "{u}");
        }
        for u in [
            "https://user.github.io/project/",
            "https://chuyendoiso.gov.vn/",
            "https://examples.org/",
        ] {
            assert!(!is_placeholder_base_url(u), "{u}");
        }
    }

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
