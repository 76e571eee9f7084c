//! Reading, decoding and parsing one file: size limits, UTF-8, NFC, control
//! characters, YAML limits, and the diagnostics for each.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::cache::Cached;
use super::walk::{Input, Kind};
use super::{controls, yaml, yaml_error, Item, Limits, Parsed, TextFile};
use crate::changes::Stamp;
use crate::diagnostics::{say, Code, Diagnostic, Diagnostics};

/// What a file that could not be read or parsed becomes.
pub(super) fn failed(kind: Kind, rel: PathBuf) -> Item {
    let folder = match kind {
        Kind::Session(f) => Some(f),
        _ => None,
    };
    Item::Failed(rel, folder)
}

/// Reads a file's bytes, checking its size (`len`, from its metadata)
/// before reading, so a huge file is never loaded into memory.
pub(super) fn read_bytes(
    abs: &Path,
    len: u64,
    rel: &Path,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<Vec<u8>> {
    if too_large(len, rel, limits, diags) {
        return None;
    }
    // Read at most one byte past the limit, in case the file grew since.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(abs).and_then(|f| {
        use std::io::Read;
        f.take(limits.max_file_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        diags.push(Diagnostic::error(
            Code::Unreadable,
            rel,
            say!(
                en: "cannot read the file: {e}",
                vi: "không đọc được tệp: {e}"
            ),
        ));
        return None;
    }
    Some(bytes)
}

/// Reports a file over [`Limits::max_file_bytes`].
fn too_large(len: u64, rel: &Path, limits: &Limits, diags: &mut Diagnostics) -> bool {
    if len <= limits.max_file_bytes {
        return false;
    }
    diags.push(
        Diagnostic::error(
            Code::FileTooLarge,
            rel,
            too_large_message(len, limits.max_file_bytes),
        )
        .hint(too_large_hint()),
    );
    true
}

/// "the file is N bytes, over the limit of M bytes" (templates too).
pub(crate) fn too_large_message(len: u64, max: u64) -> crate::diagnostics::Text {
    say!(
        en: "the file is {len} bytes, over the limit of {max} bytes",
        vi: "tệp có {len} byte, vượt giới hạn {max} byte"
    )
}

pub(crate) fn too_large_hint() -> crate::diagnostics::Text {
    say!(
        en: "split it, or raise the limit with --max-file-size",
        vi: "hãy tách tệp, hoặc nâng giới hạn bằng --max-file-size"
    )
}

pub(crate) fn save_as_utf8() -> crate::diagnostics::Text {
    say!(
        en: "save the file as UTF-8 in your editor",
        vi: "hãy lưu tệp ở dạng mã hóa UTF-8 trong trình soạn thảo"
    )
}

/// Decodes a file's bytes as UTF-8, without BOM, with `\r\n` line ends
/// made `\n` (so that a file saved on Windows renders the same), and
/// normalised to NFC.
pub fn decode_text(
    bytes: &[u8],
    rel: PathBuf,
    limits: &Limits,
    diags: &mut Diagnostics,
) -> Option<TextFile> {
    if too_large(bytes.len() as u64, &rel, limits, diags) {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            // The bytes before the bad one are valid: count their characters.
            let line_start = bytes[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = std::str::from_utf8(&bytes[line_start..offset])
                .map_or(1, |s| s.chars().count() + 1);
            diags.push(
                Diagnostic::error(
                    Code::InvalidUtf8,
                    &rel,
                    say!(
                        en: "the file is not valid UTF-8 (at byte offset {offset})",
                        vi: "tệp không phải là UTF-8 hợp lệ (tại byte thứ {offset})"
                    ),
                )
                .at(Some(yaml::Location { line, column }))
                .hint(save_as_utf8()),
            );
            return None;
        }
    };
    let text = if text.contains("\r\n") {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into_owned()
    } else {
        text.nfc().collect()
    };
    Some(TextFile { rel, text })
}

/// Reports the raw control characters of `file` and the `escaped` ones
/// (see [`controls`]), each at its line and column. True when there was
/// any: a YAML file with one is not parsed (serde_yaml would refuse a raw
/// one without saying where).
pub(super) fn refuse_controls(
    file: &TextFile,
    escaped: Vec<controls::Found>,
    diags: &mut Diagnostics,
) -> bool {
    let mut found = controls::raw(&file.text);
    if found.is_empty() {
        found = escaped;
    }
    for f in &found {
        diags.push(
            Diagnostic::error(Code::ControlCharacter, &file.rel, f.message())
                .at(Some(f.location))
                .expected(f.expected())
                .hint(f.hint()),
        );
    }
    !found.is_empty()
}

pub(super) fn parse<T: serde::de::DeserializeOwned + Send>(
    file: TextFile,
    stem: String,
    diags: &mut Diagnostics,
) -> Option<Parsed<T>> {
    parse_located(file, stem, diags, false)
}

/// [`parse`], building the file's span index at the same time when
/// `located` (see [`yaml::Spans::parsed_with`]).
pub(super) fn parse_located<T: serde::de::DeserializeOwned + Send>(
    file: TextFile,
    stem: String,
    diags: &mut Diagnostics,
    located: bool,
) -> Option<Parsed<T>> {
    if refuse_controls(&file, controls::escaped(&file.text), diags) {
        return None;
    }
    if let Err(e) = yaml::check_limits(&file.text) {
        diags.push(
            Diagnostic::error(Code::YamlLimit, &file.rel, e.message)
                .at(Some(e.location))
                .hint(e.hint),
        );
        return None;
    }
    let (value, spans) = if located {
        yaml::Spans::parsed_with::<T>(&file.text)
    } else {
        (yaml::parse::<T>(&file.text), yaml::Spans::default())
    };
    match value {
        Ok(value) => Some(Parsed {
            file,
            stem,
            value,
            spans,
        }),
        Err(e) => {
            diags.push(yaml_error::yaml_error(
                &file.rel, &file.text, &e.message, e.location,
            ));
            None
        }
    }
}

/// What reading each file of one load needs: the files the last load read,
/// when it started, and whether this load keeps what it reads.
pub(super) struct Reading<'a> {
    pub(super) previous: &'a HashMap<PathBuf, Cached>,
    pub(super) read_at: Option<SystemTime>,
    pub(super) caching: bool,
    pub(super) limits: &'a Limits,
}

/// One file's item, its diagnostics and, for the cache, its entry.
pub(super) type Read = (Item, Diagnostics, Option<(PathBuf, Cached)>);

impl Reading<'_> {
    /// Reads, decodes and parses one file, or takes it from the last load
    /// when it was not written since or its bytes are the same.
    pub(super) fn one(&self, kind: Kind, input: Input, rel: PathBuf) -> Read {
        let mut d = Diagnostics::default();
        let (file, kept) = match input {
            Input::Disk(abs) => {
                let meta = std::fs::metadata(&abs).ok();
                let written = Stamp::of(meta.as_ref());
                let old = self.previous.get(&rel);
                // Not written since the last load read it: not read.
                if let (Some(old), Some(read_at)) = (old, self.read_at) {
                    if old.written.unwritten_since(&written, read_at) {
                        return old.again(rel, written);
                    }
                }
                let len = meta.map_or(0, |m| m.len());
                let Some(bytes) = read_bytes(&abs, len, &rel, self.limits, &mut d) else {
                    return (failed(kind, rel), d, None);
                };
                if let Some(old) = old.filter(|old| *old.bytes == *bytes) {
                    return old.again(rel, written);
                }
                let file = decode_text(&bytes, rel.clone(), self.limits, &mut d);
                // Bytes are kept only for a cache: a build drops them.
                (
                    file,
                    Some((Arc::from(bytes), written)).filter(|_| self.caching),
                )
            }
            Input::Memory(bytes) => (decode_text(&bytes, rel.clone(), self.limits, &mut d), None),
        };
        let Some(file) = file else {
            return (failed(kind, rel), d, None);
        };
        let item = match kind {
            Kind::Site => parse(file, "site".into(), &mut d).map(|p| Item::Site(Arc::new(p))),
            Kind::Indicator(stem) => {
                parse(file, stem, &mut d).map(|p| Item::Indicator(Arc::new(p)))
            }
            Kind::Session(folder) => {
                let r = parse_located(file, folder.clone(), &mut d, true)
                    .map(|p| Item::Session(Arc::new(p)));
                Some(r.unwrap_or_else(|| Item::Failed(rel.clone(), Some(folder))))
            }
            Kind::Notes(folder, lang) => {
                refuse_controls(&file, Vec::new(), &mut d);
                Some(Item::Notes(folder, lang, Arc::new(file)))
            }
            Kind::Register(stem) => parse(file, stem, &mut d).map(|p| Item::Register(Arc::new(p))),
        };
        let item = item.unwrap_or(Item::Failed(rel.clone(), None));
        let kept = kept.map(|(bytes, written)| {
            let cached = Cached {
                bytes,
                item: item.clone(),
                diags: d.clone(),
                written,
            };
            (rel, cached)
        });
        (item, d, kept)
    }
}
