//! Feeds and discovery: an Atom feed (RFC 4287) of sessions per language
//! and one of corrections,
//! `sitemap.xml` with the other languages of each page as hreflang
//! alternates, and `robots.txt` pointing at the sitemap.
//!
//! The only dates written are content dates (session dates), never the time
//! of the build, so that building the same content twice gives the same
//! bytes.

use serde_json::{json, Value};

use crate::compute::Facts;
use crate::model::{Date, Lang, Session, Site};
use crate::render::paths;
use crate::render::vocab::{Localizer, Page, SitemapEntry};

/// The pages a search engine should know: not the 404 page, not the embed
/// pages (they are `noindex`, and the chart's own page is canonical).
pub fn sitemap_entries(jobs: &[Page]) -> Vec<SitemapEntry> {
    jobs.iter()
        .filter(|j| !matches!(j.template, "404.html" | "embed.html"))
        .map(|j| SitemapEntry {
            path: j.path.clone(),
            alternates: j.alternates.clone(),
        })
        .collect()
}

/// RFC 3339 timestamp of a content date: midnight UTC.
fn timestamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// One entry's summary: the session's own, or its tally in words.
fn session_summary(lx: &Localizer, s: &Session) -> String {
    if let Some(summary) = lx.opt(&s.summary) {
        return summary;
    }
    let t = lx.tally(s);
    let with_target = t.with_target();
    let achieved = t.achieved;
    let mut text = lx.count("results", s.results.len());
    if with_target > 0 {
        text.push_str(", ");
        text.push_str(&lx.achieved(achieved, with_target));
    }
    text.push('.');
    text
}

/// The context of `feed.xml` for one language: sessions newest first.
pub fn feed_context(site: &Site, lang: &Lang, facts: &Facts) -> Value {
    let lx = Localizer::new(site, lang, facts);
    let base = &site.settings.base_url;
    let entries: Vec<Value> = site
        .sessions
        .iter()
        .rev()
        .map(|s| {
            let url = paths::absolute(base, &lx.paths.session(&s.id));
            json!({
                "id": url,
                "url": url,
                "title": lx.text(&s.title),
                "updated": timestamp(s.date),
                "summary": session_summary(&lx, s),
            })
        })
        .collect();
    // A feed needs a date even with no session yet: the start of the Unix
    // epoch, a content-free constant rather than the build time.
    let updated = site
        .sessions
        .iter()
        .map(|s| s.date)
        .max()
        .map(timestamp)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
    let publisher = lx.text(&site.settings.publisher);
    json!({
        "lang": lang.as_str(),
        "title": lx.text(&site.settings.title),
        "subtitle": lx.text(&site.settings.description),
        "id": paths::absolute(base, &lx.paths.home()),
        "home": paths::absolute(base, &lx.paths.home()),
        "self": paths::absolute(base, &lx.paths.feed()),
        "updated": updated,
        "author": if publisher.is_empty() { lx.text(&site.settings.title) } else { publisher },
        "rights": site.settings.license,
        "entries": entries,
    })
}

/// The context of `feed.xml` for the corrections feed of one language:
/// every correction, newest first. An entry's id is the corrections page's
/// address with the correction's anchor, and its dates are the date of the
/// session that reported the correction.
pub fn corrections_context(site: &Site, lang: &Lang, facts: &Facts) -> Value {
    let lx = Localizer::new(site, lang, facts);
    let base = &site.settings.base_url;
    let page = paths::absolute(base, &lx.paths.corrections());
    let entries: Vec<Value> = facts
        .corrections()
        .iter()
        .filter_map(|(s, r)| {
            let ind = site.indicators.get(&r.indicator)?;
            let c = r.corrects.as_ref()?;
            let old = crate::locale::format::value(c.value, &ind.unit, lx.locale);
            let new = lx.actual(ind, r);
            let title = lx
                .t("correction_entry_title")
                .replace("{indicator}", &lx.text(&ind.name))
                .replace("{scope}", &lx.scope_name(&r.scope))
                .replace("{old}", &old)
                .replace("{new}", &new);
            let was = lx
                .t("corrected_was")
                .replace("{old}", &old)
                .replace("{date}", &lx.date(c.published));
            let summary = format!(
                "{was}. {}. {}. {}",
                lx.labelled(lx.t("correction_now"), &new),
                lx.labelled(
                    lx.t("session"),
                    &format!("{}, {}", lx.text(&s.title), lx.date(s.date))
                ),
                lx.labelled(lx.t("correction_reason"), &lx.text(&c.reason)),
            );
            Some(json!({
                "id": format!("{page}#{}", paths::correction_anchor(&s.id, r)),
                "url": paths::absolute(base, &lx.paths.session(&s.id)),
                "title": title,
                "updated": timestamp(s.date),
                "summary": summary,
            }))
        })
        .collect();
    // With no correction, the epoch, as for a feed with no session.
    let updated = facts
        .corrections()
        .first()
        .map(|(s, _)| timestamp(s.date))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
    let publisher = lx.text(&site.settings.publisher);
    let title = lx.text(&site.settings.title);
    json!({
        "lang": lang.as_str(),
        "title": lx.t("corrections_feed_title").replace("{site}", &title),
        "subtitle": lx.t("corrections_intro"),
        "id": page,
        "home": page,
        "self": paths::absolute(base, &lx.paths.corrections_feed()),
        "updated": updated,
        "author": if publisher.is_empty() { title } else { publisher },
        "rights": site.settings.license,
        "entries": entries,
    })
}

/// The context of `sitemap.xml`: every listed page with its alternates,
/// and `x-default` pointing at the default language.
pub fn sitemap_context(site: &Site, pages: &[SitemapEntry]) -> Value {
    let base = &site.settings.base_url;
    let default = site.settings.default_lang();
    let mut urls: Vec<Value> = pages
        .iter()
        .map(|p| {
            let alternates: Vec<Value> = p
                .alternates
                .iter()
                .map(|(l, path)| json!({ "lang": l.as_str(), "href": paths::absolute(base, path) }))
                .collect();
            let x_default = p.alternates.iter().find(|(l, _)| l == default).map(|(_, path)| paths::absolute(base, path));
            json!({ "loc": paths::absolute(base, &p.path), "alternates": alternates, "x_default": x_default })
        })
        .collect();
    urls.sort_by(|a, b| a["loc"].as_str().cmp(&b["loc"].as_str()));
    json!({ "urls": urls, "multilingual": site.settings.languages.len() > 1 })
}

/// `robots.txt`: everything may be crawled; the sitemap is named with its
/// absolute URL, as the format requires.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        paths::absolute(&site.settings.base_url, paths::SITEMAP)
    )
}

/// The page's social meta tags (Open Graph, X/Twitter) and feed link: its
/// own card when it has one (`card` in its context), else the home page's.
/// Image URLs are absolute, as link previews require.
pub fn social(site: &Site, lang: &Lang, job: &Page) -> Value {
    let own = paths::Paths::new(&site.settings, lang);
    let text =
        |t: &crate::model::LocalizedText| t.get(lang, site.settings.default_lang()).to_owned();
    let card = job.context.get("card");
    let field = |k: &str| {
        card.and_then(|c| c.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let path = field("path").unwrap_or_else(|| own.home_card());
    let locale = &site.locales.get(lang).language.open_graph;
    json!({
        "image": paths::absolute(&site.settings.base_url, &path),
        "image_alt": field("alt").unwrap_or_else(|| text(&site.settings.title)),
        "description": field("description").unwrap_or_else(|| text(&site.settings.description)),
        "locale": locale,
        "width": crate::render::png::CARD_WIDTH,
        "height": crate::render::png::CARD_HEIGHT,
        "feed": paths::link(&site.settings.base_url, &job.path, &own.feed()),
    })
}
