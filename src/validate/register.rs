//! The source register (`seeds/<id>.yaml`): each document with what it
//! printed, which results citing it are checked against.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::cache::{same_all, Cache, KeptRegister, Printed};
use super::fields::{bad_language, check_link, file_id_error, unusable_link, IdOf};
use super::provenance;
use super::{Ctx, Validator};
use crate::diagnostics::{Code, Diagnostics};
use crate::load::raw::RawRegisterSource;
use crate::load::{Loaded, Parsed};
use crate::model::*;
use crate::yaml_path;

/// The register, validated or kept from `cache`, with its printed numbers.
/// Its texts may be given in each of the site's `langs`.
pub(super) fn checked(
    v: &mut Validator,
    loaded: &Loaded,
    langs: &[Lang],
    cache: Option<&mut Cache>,
) -> (Arc<BTreeMap<SourceId, RegisterSource>>, Printed) {
    let same = |k: &&KeptRegister| same_all(&k.files, &loaded.register) && k.langs == langs;
    if let Some(k) = cache
        .as_ref()
        .and_then(|c| c.register.as_ref())
        .filter(same)
    {
        v.diags.extend(k.diags.clone());
        return (k.register.clone(), k.printed.clone());
    }
    let mut rv = Validator {
        diags: Diagnostics::default(),
        broken: v.broken.clone(),
        printed: Arc::default(),
    };
    let register = Arc::new(rv.register(&loaded.register, langs));
    // Each register entry's printed numbers are read once, not once per
    // result that cites it (a national register prints thousands).
    let printed: Printed = Arc::new(
        register
            .iter()
            .map(|(id, r)| {
                (
                    id.clone(),
                    r.figures
                        .iter()
                        .flat_map(|f| provenance::parse_printed(&f.value))
                        .collect(),
                )
            })
            .collect(),
    );
    if let Some(cache) = cache {
        cache.register = Some(KeptRegister {
            files: loaded.register.clone(),
            langs: langs.to_vec(),
            register: register.clone(),
            printed: printed.clone(),
            diags: rv.diags.clone(),
        });
    }
    v.diags.extend(rv.diags);
    (register, printed)
}

impl Validator {
    pub(super) fn register(
        &mut self,
        parsed: &[Arc<Parsed<RawRegisterSource>>],
        langs: &[Lang],
    ) -> BTreeMap<SourceId, RegisterSource> {
        let mut out = BTreeMap::new();
        for p in parsed {
            let cx = Ctx::new(p);
            let id = match SourceId::parse(&p.stem) {
                Ok(id) => id,
                Err(e) => {
                    self.diags
                        .push(file_id_error(&p.file.rel, IdOf::Source, &e));
                    continue;
                }
            };
            let raw = &p.value;
            let published = self.date(&raw.published, &cx, &yaml_path!["published"]);
            let language = match Lang::parse(&raw.language.0) {
                Ok(l) => l,
                Err(_) => {
                    self.diags.push(cx.error(
                        Code::BadLanguage,
                        &yaml_path!["language"],
                        bad_language(&raw.language.0),
                    ));
                    langs[0].clone()
                }
            };
            if let Some(url) = &raw.url {
                if let Err(why) = check_link(url) {
                    self.diags.push(cx.error(
                        Code::BadUrl,
                        &yaml_path!["url"],
                        unusable_link(url, &why),
                    ));
                }
            }
            let title = self.text(&raw.title, &cx, &yaml_path!["title"], langs);
            let publisher = self.text(&raw.publisher, &cx, &yaml_path!["publisher"], langs);
            let about = raw
                .about
                .as_ref()
                .map(|a| self.text(a, &cx, &yaml_path!["about"], langs));
            let figures = raw
                .figures
                .iter()
                .map(|f| PrintedFigure {
                    label: f.label.trim().to_owned(),
                    value: f.value.0.trim().to_owned(),
                })
                .collect();
            if let Some(published) = published {
                out.insert(
                    id.clone(),
                    RegisterSource {
                        id,
                        title,
                        publisher,
                        published,
                        language,
                        url: raw.url.clone(),
                        about,
                        figures,
                    },
                );
            }
        }
        out
    }
}
