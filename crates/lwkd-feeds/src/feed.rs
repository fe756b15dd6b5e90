use std::collections::HashMap;

use std::io;

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use rayon::prelude::*;

use lwkd_cache::hash_serialized;
use lwkd_config::SiteConfig;
use lwkd_content::{Edition, EditionBody};
use lwkd_render::paths::canonical_url;
use lwkd_render::site_paths::prefix_site_paths;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};
use lwkd_taxonomy::Mention;
use serde::Serialize;

/// The Atom feeds: `/feed.xml` (the latest editions, whole, at the URL lwkd.info's
/// subscribers already use), and one per KEP (`/keps/<n>/feed.xml`) and per SIG
/// (`/sigs/<slug>/feed.xml`) with the latest items that mention it, each linked to its
/// section of the edition. Every feed comes from [`atom_feed`].
pub struct AtomFeed;

/// What tells one feed from another: where it is, what it is called, and the page it is
/// the feed of.
#[derive(Serialize)]
struct FeedSpec {
    /// Site path of the feed, `/feed.xml` or `/keps/3136/feed.xml`.
    path: String,
    title: String,
    /// What the feed carries, as feed readers show under its title.
    subtitle: String,
    /// Site path of the HTML page the feed follows (its `alternate` link).
    page: String,
}

/// The site's settings a feed shows.
#[derive(Serialize)]
struct FeedSettings<'a> {
    title: &'a str,
    base_url: &'a str,
    credit: Option<&'a str>,
}

impl<'a> FeedSettings<'a> {
    fn of(config: &'a SiteConfig) -> Self {
        FeedSettings {
            title: &config.title,
            base_url: &config.base_url,
            credit: config.credit.as_deref(),
        }
    }

    fn absolute_url(&self, site_path: &str) -> String {
        lwkd_config::absolute_url(self.base_url, site_path)
    }
}

/// What one feed is made of: [`FeedInputs::render`] reads nothing else (an entry's text
/// from its edition's file, which the edition's digest names), and the feed's key is these
/// inputs, serialized.
#[derive(Serialize)]
struct FeedInputs<'a> {
    spec: FeedSpec,
    settings: FeedSettings<'a>,
    /// Newest first.
    entries: Vec<EntryInputs<'a>>,
}

/// One entry of a feed: an edition, whole (in `/feed.xml`), or the items under one of its
/// headings that mention the feed's KEP or SIG.
#[derive(Serialize)]
struct EntryInputs<'a> {
    /// Named in the key by `content`.
    #[serde(skip)]
    edition: &'a Edition,
    /// The edition's digest ([`Site::edition_digest`]), hex.
    content: String,
    section: Option<SectionPart<'a>>,
}

/// The part of an edition a KEP's or SIG's feed carries: the items under one heading that
/// mention it (with everything under that heading when the mention is the heading itself).
#[derive(Serialize)]
struct SectionPart<'a> {
    /// The heading's id; `None` before the edition's first heading.
    anchor: Option<&'a str>,
    /// Source lines of the items that mention it.
    lines: Vec<usize>,
}

impl<'a> EntryInputs<'a> {
    fn new(site: &Site, edition: &'a Edition, section: Option<SectionPart<'a>>) -> Self {
        EntryInputs {
            edition,
            content: site.edition_digest(edition).to_hex().to_string(),
            section,
        }
    }
}

impl Renderer for AtomFeed {
    fn name(&self) -> &'static str {
        "feed"
    }

    /// There is a feed for every KEP and SIG: each goes to the sink as it is made. Under
    /// [`Scope::Changed`], the feeds whose entries or titles changed: a feed's key names
    /// each entry by its edition's digest and the section's lines.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        let paths = render_feeds(site, sink)?;
        if scope == Scope::Changed {
            sink.paths(paths);
        }
        Ok(())
    }
}

/// Hands `sink` the feeds it does not hold from the same inputs; returns the paths of all.
fn render_feeds(site: &Site, sink: &dyn Sink) -> Result<Vec<String>, BuildError> {
    let limit = site.config.feed_limit;
    let editions = &site.content.editions;
    let all: Vec<usize> = (0..editions.len()).collect();
    let site_feed = FeedInputs {
        spec: FeedSpec {
            path: "/feed.xml".into(),
            title: site.config.title.clone(),
            subtitle: site.config.description.clone(),
            page: "/".into(),
        },
        settings: FeedSettings::of(&site.config),
        entries: latest(site, &all, limit)
            .into_iter()
            .map(|i| EntryInputs::new(site, &editions[i], None))
            .collect(),
    };
    let mut paths = vec![site_feed.spec.path.clone()];
    keyed_feed(site, sink, &site_feed)?;

    let by_url: HashMap<&str, usize> = editions
        .iter()
        .enumerate()
        .map(|(i, e)| (e.url.as_str(), i))
        .collect();
    let mut feeds: Vec<(FeedSpec, Vec<&Mention>)> = Vec::new();
    for kep in site.taxonomy.keps.values() {
        let n = kep.number.0;
        let name = match &kep.title {
            Some(t) => format!("KEP-{n}: {t}"),
            None => format!("KEP-{n}"),
        };
        let spec = FeedSpec {
            path: format!("/keps/{n}/feed.xml"),
            title: format!("{name} · {}", site.config.title),
            subtitle: format!("The items of {} that mention {name}", site.config.title),
            page: format!("/keps/{n}/index.html"),
        };
        feeds.push((spec, kep.mentions.iter().map(|s| &s.mention).collect()));
    }
    for group in site.taxonomy.sigs.values() {
        let slug = group.slug.as_str();
        let spec = FeedSpec {
            path: format!("/sigs/{slug}/feed.xml"),
            title: format!("{} · {}", group.name, site.config.title),
            subtitle: format!(
                "The items of {} that mention {}",
                site.config.title, group.name
            ),
            page: format!("/sigs/{slug}/index.html"),
        };
        feeds.push((spec, group.mentions.iter().collect()));
    }
    paths.extend(feeds.iter().map(|(spec, _)| spec.path.clone()));
    feeds.into_par_iter().try_for_each(|(spec, mentions)| {
        let feed = FeedInputs {
            spec,
            settings: FeedSettings::of(&site.config),
            entries: latest_sections(site, &by_url, &mentions, limit),
        };
        keyed_feed(site, sink, &feed)
    })?;
    Ok(paths
        .into_iter()
        .map(|path| path.trim_start_matches('/').to_string())
        .collect())
}

/// Hands `sink` the feed `inputs` make, through [`Site::keyed_file`] keyed by them (the
/// page cache keeps no entry: a feed changes as a whole).
fn keyed_feed(site: &Site, sink: &dyn Sink, inputs: &FeedInputs<'_>) -> Result<(), BuildError> {
    site.keyed_file(
        sink,
        inputs.spec.path.trim_start_matches('/'),
        "feed",
        |key| hash_serialized(key, inputs),
        || inputs.render(site),
    )
}

/// The latest `limit` of `editions` (indices into the site's editions), newest first.
fn latest(site: &Site, editions: &[usize], limit: usize) -> Vec<usize> {
    let all = &site.content.editions;
    let mut latest: Vec<usize> = editions
        .iter()
        .copied()
        .filter(|&i| i < all.len())
        .collect();
    latest.sort_by(|&a, &b| newer(&all[a], &all[b]));
    latest.dedup();
    latest.truncate(limit);
    latest
}

/// Newest first: by publication, then URL.
fn newer(a: &Edition, b: &Edition) -> std::cmp::Ordering {
    (b.published, &b.url).cmp(&(a.published, &a.url))
}

/// The entries of the sections `mentions` fall in, the latest `limit` of them, newest
/// edition first and in reading order within one.
fn latest_sections<'a>(
    site: &'a Site,
    by_url: &HashMap<&str, usize>,
    mentions: &[&'a Mention],
    limit: usize,
) -> Vec<EntryInputs<'a>> {
    let editions = &site.content.editions;
    let mut found: Vec<(usize, &'a Mention)> = mentions
        .iter()
        .filter_map(|m| by_url.get(&*m.edition).map(|&i| (i, *m)))
        .collect();
    found.sort_by(|(a, ma), (b, mb)| {
        newer(&editions[*a], &editions[*b]).then(ma.line.cmp(&mb.line))
    });
    let mut sections: Vec<(usize, SectionPart<'a>)> = Vec::new();
    for (i, mention) in found {
        let anchor = mention.anchor.as_deref();
        let full = sections.len() == limit;
        match sections.last_mut() {
            Some((last, part)) if *last == i && part.anchor == anchor => {
                if !part.lines.contains(&mention.line) {
                    part.lines.push(mention.line);
                }
            }
            _ if full => break,
            _ => sections.push((
                i,
                SectionPart {
                    anchor,
                    lines: vec![mention.line],
                },
            )),
        }
    }
    sections
        .into_iter()
        .map(|(i, part)| EntryInputs::new(site, &editions[i], Some(part)))
        .collect()
}

impl FeedInputs<'_> {
    /// The feed's XML; `site` gives the editions' text.
    fn render(&self, site: &Site) -> Result<Vec<u8>, BuildError> {
        let entries = self
            .entries
            .iter()
            .map(|entry| entry.render(site, &self.settings))
            .collect::<Result<Vec<_>, _>>()?;
        atom_feed(&self.spec, &self.settings, entries)
    }
}

impl EntryInputs<'_> {
    /// The entry: the edition whole, or the items of its section that name the feed's KEP
    /// or SIG.
    fn render(&self, site: &Site, settings: &FeedSettings<'_>) -> Result<AtomEntry, BuildError> {
        let e = self.edition;
        let body = site.body(e)?;
        let (title, fragment, html) = match &self.section {
            None => (e.title.clone(), String::new(), body.html()),
            Some(section) => section.render(e, &body),
        };
        let html = prefix_site_paths(&html, settings.base_url.trim_end_matches('/'))?;
        Ok(atom_entry(settings, e, title, &fragment, html))
    }
}

impl SectionPart<'_> {
    /// The entry's title, its fragment (`#anchor`, or empty) and its HTML: the items'
    /// Markdown rendered as on the edition's page (the same punctuation and highlighting).
    fn render(&self, e: &Edition, body: &EditionBody) -> (String, String, String) {
        let fragment = self.anchor.map(|a| format!("#{a}")).unwrap_or_default();
        let heading = self
            .anchor
            .and_then(|a| e.headings.iter().find(|h| h.id == a));
        let title = match heading {
            Some(h) => format!("{} · {}", h.text, e.title),
            None => e.title.clone(),
        };
        let mut markdown = String::new();
        for item in e.sections.iter().flat_map(|s| &s.items) {
            let named = self.lines.contains(&(item.line as usize));
            // A mention in a heading carries what that heading holds.
            let under_named_heading = item.anchor.as_deref() == self.anchor
                && item.anchor.is_some()
                && heading.is_some_and(|h| self.lines.contains(&h.line));
            if named || under_named_heading {
                markdown.push_str(body.markdown_of(item));
                markdown.push_str("\n\n");
            }
        }
        let html = lwkd_content::markdown::render(&markdown, 1).html;
        (title, fragment, html)
    }
}

/// One entry of a feed, as [`atom_feed`] writes it.
struct AtomEntry {
    title: String,
    id: String,
    /// Publication, which is also its `updated`: an edition is not edited after.
    published: DateTime<FixedOffset>,
    /// The page and fragment the entry is.
    link: String,
    /// The page the HTML's relative links resolve against, as on the site.
    base: String,
    html: String,
}

/// An Atom entry of `html` from edition `e` (all of it, or the section at `fragment`,
/// `#anchor` or empty): id and link are the edition's with the fragment.
///
/// The id is the one jekyll-feed gave the edition on lwkd.info (`<base>/2022/2022-02-06-update`:
/// the permalink's folder and the slug), so readers that switch over see no edition twice,
/// and it never changes from one build to the next.
fn atom_entry(
    settings: &FeedSettings<'_>,
    e: &Edition,
    title: String,
    fragment: &str,
    html: String,
) -> AtomEntry {
    let page = settings.absolute_url(&canonical_url(&e.url));
    let id = format!("{}/{}{fragment}", parent_path(&e.url), e.slug);
    AtomEntry {
        title,
        id: settings.absolute_url(&id),
        published: utc(e.published),
        link: format!("{page}{fragment}"),
        base: page,
        html,
    }
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// One Atom feed of `entries` (newest first). `updated` is the newest entry's date, not the
/// build time, so an unchanged site writes an unchanged feed.
fn atom_feed(
    spec: &FeedSpec,
    settings: &FeedSettings<'_>,
    entries: Vec<AtomEntry>,
) -> Result<Vec<u8>, BuildError> {
    let mut xml = write_feed(spec, settings, &entries).map_err(|e| BuildError::Make {
        path: spec.path.clone().into(),
        source: e.into(),
    })?;
    xml.push(b'\n');
    Ok(xml)
}

/// The feed's XML, written with quick-xml as the sitemap is. An entry's HTML goes in a CDATA
/// section, as jekyll-feed writes it (lwkd.info's feed today); escaped, its tags and quotes
/// made the archive's feeds 6% larger.
fn write_feed(
    spec: &FeedSpec,
    settings: &FeedSettings<'_>,
    entries: &[AtomEntry],
) -> io::Result<Vec<u8>> {
    let feed_url = settings.absolute_url(&spec.path);
    let page = settings.absolute_url(&canonical_url(&spec.page));
    let updated = entries
        .first()
        .map_or(DateTime::UNIX_EPOCH.fixed_offset(), |entry| entry.published);
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", None, None)))?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", ATOM))
        .write_inner_content(|w| {
            text_element(w, "title", &spec.title)?;
            text_element(w, "subtitle", &spec.subtitle)?;
            text_element(w, "id", &feed_url)?;
            text_element(w, "updated", &updated.to_rfc3339())?;
            // Atom wants an author for the feed when its entries name none.
            w.create_element("author")
                .write_inner_content(|w| text_element(w, "name", settings.title))?;
            w.create_element("generator")
                .with_attribute(("version", env!("CARGO_PKG_VERSION")))
                .write_text_content(BytesText::new("lwkd"))?;
            link(w, "self", &feed_url, "application/atom+xml")?;
            link(w, "alternate", &page, "text/html")?;
            if let Some(credit) = settings.credit {
                text_element(w, "rights", credit)?;
            }
            for entry in entries {
                write_entry(w, entry)?;
            }
            Ok(())
        })?;
    Ok(writer.into_inner())
}

fn write_entry(w: &mut Writer<Vec<u8>>, entry: &AtomEntry) -> io::Result<()> {
    w.create_element("entry").write_inner_content(|w| {
        let date = entry.published.to_rfc3339();
        text_element(w, "title", &entry.title)?;
        text_element(w, "id", &entry.id)?;
        text_element(w, "published", &date)?;
        text_element(w, "updated", &date)?;
        link(w, "alternate", &entry.link, "text/html")?;
        w.write_event(Event::Start(BytesStart::new("content").with_attributes([
            ("type", "html"),
            ("xml:base", entry.base.as_str()),
        ])))?;
        // A CDATA section ends at `]]>`: HTML holding one is split around it.
        for part in BytesCData::escaped(&entry.html) {
            w.write_event(Event::CData(part))?;
        }
        w.write_event(Event::End(BytesEnd::new("content")))?;
        Ok(())
    })?;
    Ok(())
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, href: &str, mime_type: &str) -> io::Result<()> {
    w.create_element("link")
        .with_attributes([("href", href), ("rel", rel), ("type", mime_type)])
        .write_empty()?;
    Ok(())
}

/// Front matter dates are UTC (`-0000`); a date alone is midnight.
fn utc(at: NaiveDateTime) -> DateTime<FixedOffset> {
    at.and_utc().fixed_offset()
}

/// `/2022` for `/2022/20220209.html`.
fn parent_path(url: &str) -> &str {
    url.rsplit_once('/').map_or("", |(dir, _)| dir)
}
