//! The content files as written, before validation. Unknown fields are
//! rejected here (a typo such as `actul` must not pass silently), but values
//! that people often get subtly wrong (numbers with a decimal comma, dates,
//! ids) are taken loosely so that the validator can explain each one, with
//! its position, and report all of them in one run.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A text field: one string, or a map from language code to string.
#[derive(Debug, Clone, PartialEq)]
pub enum RawText {
    One(String),
    ByLang(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: a string, or a map from language code to string such as {vi: \"…\", en: \"…\"}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::One(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawText, A::Error> {
                BTreeMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawText::ByLang)
            }
        }
        d.deserialize_any(V)
    }
}

/// A number as written: a YAML number, or a string that the validator
/// rejects with a hint ("write 11.27, not \"11,27\"").
#[derive(Debug, Clone, PartialEq)]
pub enum RawNumber {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for RawNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number with a dot decimal, such as 11.27")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNumber, E> {
                Ok(RawNumber::Text(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A scalar kept as text (dates, ids): YAML may read `2022` or `2022-08-08`
/// as something other than a string, and the validator wants the text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScalar(pub String);

impl<'de> Deserialize<'de> for RawScalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawScalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a single value (text, a date or an id)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawScalar, E> {
                Ok(RawScalar(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawScalar, E> {
                Ok(RawScalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawScalar, E> {
                Ok(RawScalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawScalar, E> {
                Ok(RawScalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawScalar, E> {
                Ok(RawScalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: RawText,
    pub description: Option<RawText>,
    pub base_url: String,
    pub languages: Option<Vec<RawScalar>>,
    pub publisher: Option<RawText>,
    pub license: Option<String>,
    pub scopes: Option<BTreeMap<String, RawText>>,
    pub progress: Option<RawScalar>,
    pub units: Option<BTreeMap<String, RawUnit>>,
    pub result_files: Option<bool>,
    pub frozen_embeds: Option<bool>,
    /// Abbreviations the content uses, each with what it stands for.
    pub abbreviations: Option<BTreeMap<String, RawText>>,
}

/// A unit the site defines, under `units` in `site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    /// With `{}` where the number goes.
    pub label: RawText,
    pub decimals: Option<RawNumber>,
}

/// `indicators/<id>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub name: RawText,
    pub short_name: Option<RawText>,
    pub unit: RawScalar,
    pub direction: Option<RawScalar>,
    pub group: Option<RawText>,
    pub description: Option<RawText>,
    pub replaces: Option<RawScalar>,
}

/// An inline source in a session.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: RawScalar,
    pub title: RawText,
    pub publisher: Option<RawText>,
    pub date: Option<RawScalar>,
    pub url: Option<String>,
}

/// An entry of a session's `sources`: a register id, or an inline source.
#[derive(Debug)]
pub enum RawSourceEntry {
    Register(String),
    Inline(RawSource),
}

impl<'de> Deserialize<'de> for RawSourceEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawSourceEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a source: the id of a register entry in seeds/, or a map with id, title, publisher, date and url")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawSourceEntry, E> {
                Ok(RawSourceEntry::Register(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSourceEntry, A::Error> {
                RawSource::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawSourceEntry::Inline)
            }
        }
        d.deserialize_any(V)
    }
}

/// One result of a session.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResult {
    pub indicator: RawScalar,
    pub actual: Option<RawNumber>,
    pub qualifier: Option<RawScalar>,
    pub out_of: Option<RawNumber>,
    pub as_of: Option<RawScalar>,
    pub target: Option<RawNumber>,
    pub target_date: Option<RawScalar>,
    pub baseline: Option<RawNumber>,
    pub baseline_date: Option<RawScalar>,
    pub scope: Option<RawScalar>,
    pub source: Option<RawScalar>,
    pub note: Option<RawText>,
    pub pace_from_earlier: Option<bool>,
    /// The earlier published figure this result corrects.
    pub corrects: Option<RawCorrection>,
}

/// `corrects:` on a result: the figure first published, when, and why it
/// was corrected.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    pub value: RawNumber,
    pub published: RawScalar,
    pub reason: RawText,
    pub source: Option<RawScalar>,
}

/// `sessions/<id>/session.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    pub title: RawText,
    pub date: RawScalar,
    pub chair: Option<RawText>,
    pub summary: Option<RawText>,
    /// `sources:` with every entry commented out is an empty list.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub sources: Vec<RawSourceEntry>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub results: Vec<RawResult>,
}

/// A list that may be written with nothing after its key (`results:` above
/// commented examples), read as empty.
fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A figure as printed, in a register entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub label: String,
    pub value: RawScalar,
}

/// `seeds/<source-id>.yaml`: a document in the source register.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegisterSource {
    pub title: RawText,
    pub publisher: RawText,
    pub published: RawScalar,
    pub language: RawScalar,
    pub url: Option<String>,
    pub about: Option<RawText>,
    #[serde(default)]
    pub figures: Vec<RawFigure>,
}
