//! Identifiers. Ids become folder and file names in the output, so they are
//! restricted to a portable, URL-safe alphabet: lowercase ASCII letters,
//! digits and single hyphens, 1 to 80 characters. That alphabet alone keeps
//! an id from leaving the output folder (no `/`, `\`, `.`, NUL or drive
//! letter can appear); the device names Windows reserves are refused too, so
//! that a site built here can be copied to, or served from, any machine.

use std::fmt;

use crate::diagnostics::{say, Text};

/// The longest id accepted, in bytes (all ASCII, so also in characters).
pub const MAX_ID_LEN: usize = 80;

/// Why a string is not a valid id, with a suggested replacement when one can
/// be derived (Vietnamese `đ` becomes `d`, diacritics are dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdError {
    pub input: String,
    pub reason: Text,
    pub suggestion: Option<String>,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.said().en())
    }
}

impl IdError {
    /// "`x` is not a valid id: {reason}", in every language.
    pub fn said(&self) -> Text {
        say!(
            en: "`{input}` is not a valid id: {reason_en}",
            vi: "`{input}` không phải là mã hợp lệ: {reason_vi}",
            input = self.input,
            reason_en = self.reason.en(),
            reason_vi = self.reason.vi()
        )
    }
}

/// Checks the id grammar and returns the reason it fails, if it does.
fn id_problem(s: &str) -> Option<Text> {
    if s.is_empty() {
        return Some(say!(en: "it is empty", vi: "mã đang để trống"));
    }
    if s.len() > MAX_ID_LEN {
        return Some(say!(
            en: "it is longer than 80 characters",
            vi: "mã dài quá 80 ký tự"
        ));
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Some(say!(
            en: "only lowercase ASCII letters, digits and hyphens are allowed",
            vi: "chỉ được dùng chữ cái ASCII viết thường, chữ số và dấu gạch nối"
        ));
    }
    if s.starts_with('-') || s.ends_with('-') {
        return Some(say!(
            en: "it cannot start or end with a hyphen",
            vi: "mã không được bắt đầu hoặc kết thúc bằng dấu gạch nối"
        ));
    }
    if s.contains("--") {
        return Some(say!(
            en: "hyphens cannot be doubled",
            vi: "không được viết hai dấu gạch nối liền nhau"
        ));
    }
    if is_reserved(s) {
        return Some(say!(
            en: "it is a device name that Windows reserves (con, prn, aux, nul, com0–com9, lpt0–lpt9), so no file or folder can have it there",
            vi: "đây là tên thiết bị mà Windows dành riêng (con, prn, aux, nul, com0–com9, lpt0–lpt9), nên trên Windows không tệp hay thư mục nào được đặt tên này"
        ));
    }
    None
}

/// The names Windows reserves for devices: a file or folder called `con`
/// (or `con.svg`: the extension does not matter) cannot be created or
/// copied there, so an output path built from such an id would break a
/// publisher's copy of the site.
fn is_reserved(s: &str) -> bool {
    const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];
    if DEVICES.contains(&s) {
        return true;
    }
    // com0–com9 and lpt0–lpt9 (0 is reserved too on current Windows).
    let b = s.as_bytes();
    b.len() == 4 && (s.starts_with("com") || s.starts_with("lpt")) && b[3].is_ascii_digit()
}

/// Turns arbitrary text into the closest valid id: transliterates to ASCII
/// (`đ` → `d`, `ờ` → `o`), lowercases, and joins words with single hyphens.
pub fn suggest_id(s: &str) -> Option<String> {
    let ascii = deunicode::deunicode(s).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(MAX_ID_LEN);
    while out.ends_with('-') {
        out.pop();
    }
    if is_reserved(&out) {
        // `Con` (a Vietnamese word too) becomes `con-1`, still readable.
        out.push_str("-1");
    }
    (!out.is_empty() && id_problem(&out).is_none()).then_some(out)
}

/// Validates `s` as an id.
pub fn parse_id(s: &str) -> Result<String, IdError> {
    match id_problem(s) {
        None => Ok(s.to_owned()),
        Some(reason) => Err(IdError {
            input: s.to_owned(),
            reason,
            suggestion: suggest_id(s).filter(|x| x != s),
        }),
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Parses and validates an id.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                parse_id(s).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// The id of an indicator: the stem of its file in `indicators/`.
    IndicatorId
);
id_type!(
    /// The id of a session: the name of its folder in `sessions/`.
    SessionId
);
id_type!(
    /// The id of a scope (the place a figure is about), `national` by default.
    ScopeId
);
id_type!(
    /// The id of a source, either inline in a session or in the `seeds/` register.
    SourceId
);

id_type!(
    /// The id of a unit the site defines under `units` in `site.yaml`.
    UnitId
);

impl ScopeId {
    /// The scope of a result that names none.
    pub fn national() -> Self {
        ScopeId("national".to_owned())
    }
    pub fn is_national(&self) -> bool {
        self.0 == "national"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_good_ids() {
        for s in ["a", "e-invoice-enterprises", "2022-08-08-phien-hop-thu-3"] {
            assert!(parse_id(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn rejects_bad_ids_with_suggestion() {
        let e = parse_id("Phiên họp thứ 3").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("phien-hop-thu-3"));
        let e = parse_id("đề-án-06").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("de-an-06"));
        assert!(parse_id("a--b").is_err());
        assert!(parse_id("-a").is_err());
        assert!(parse_id("").is_err());
        assert!(parse_id(&"a".repeat(81)).is_err());
        assert!(parse_id("../x").is_err());
    }

    #[test]
    fn rejects_windows_device_names_with_suggestion() {
        for s in ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt0"] {
            let e = parse_id(s).unwrap_err();
            assert!(e.reason.en().contains("Windows"), "{s}: {}", e.reason.en());
            assert_eq!(e.suggestion, Some(format!("{s}-1")), "{s}");
            assert!(parse_id(e.suggestion.as_deref().unwrap()).is_ok());
        }
        // Only the exact names: longer ids that start with them are fine.
        for s in ["console", "con-1", "com10", "nul-data", "auxiliary", "lpt"] {
            assert!(parse_id(s).is_ok(), "{s}");
        }
        assert_eq!(suggest_id("CON").as_deref(), Some("con-1"));
    }

    #[test]
    fn ids_cannot_name_a_path_outside_the_output() {
        for s in [
            "..", ".", "/etc", "a/b", "a\\b", "c:", "a\0b", "a.svg", " a", "a b",
        ] {
            assert!(parse_id(s).is_err(), "{s:?}");
        }
    }
}
