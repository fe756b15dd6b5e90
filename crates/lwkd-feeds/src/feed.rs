use std::collections::HashMap;

use atom_syndication::{
    Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};
use chrono::NaiveDateTime;
use rayon::prelude::*;

use lwkd_cache::{hash_json, hash_part};
use lwkd_content::Edition;
use lwkd_render::paths::canonical_url;
use lwkd_render::site_paths::prefix_site_paths;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};
use lwkd_taxonomy::Mention;

/// The Atom feeds: `/feed.xml` (the latest editions, whole, at the URL lwkd.info's
/// subscribers already use), and one per KEP (`/keps/<n>/feed.xml`) and per SIG
/// (`/sigs/<slug>/feed.xml`) with the latest items that mention it, each linked to its
/// section of the edition. Every feed comes from [`atom_feed`].
pub struct AtomFeed;

/// What tells one feed from another: where it is, what it is called, and the page it is
/// the feed of.
pub struct FeedSpec {
    /// Site path of the feed, `/feed.xml` or `/keps/3136/feed.xml`.
    pub path: String,
    pub title: String,
    /// Site path of the HTML page the feed follows (its `alternate` link).
    pub page: String,
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
    let all: Vec<usize> = (0..site.content.editions.len()).collect();
    let site_feed = FeedSpec {
        path: "/feed.xml".into(),
        title: site.config.title.clone(),
        page: "/".into(),
    };
    let latest = latest(site, &all, limit);
    let inputs = |key: &mut blake3::Hasher| {
        for &i in &latest {
            key.update(site.edition_digest(&site.content.editions[i]).as_bytes());
        }
    };
    keyed_feed(site, sink, &site_feed, inputs, || {
        latest
            .iter()
            .map(|&i| edition_entry(site, i))
            .collect::<Result<Vec<_>, _>>()
    })?;

    let by_url: HashMap<&str, usize> = site
        .content
        .editions
        .iter()
        .enumerate()
        .map(|(i, e)| (e.url.as_str(), i))
        .collect();
    let mut feeds: Vec<(FeedSpec, Vec<&Mention>)> = Vec::new();
    for kep in site.taxonomy.keps.values() {
        let n = kep.number.0;
        let title = match &kep.title {
            Some(t) => format!("KEP-{n}: {t} · {}", site.config.title),
            None => format!("KEP-{n} · {}", site.config.title),
        };
        let spec = FeedSpec {
            path: format!("/keps/{n}/feed.xml"),
            title,
            page: format!("/keps/{n}/index.html"),
        };
        feeds.push((spec, kep.mentions.iter().map(|s| &s.mention).collect()));
    }
    for group in site.taxonomy.sigs.values() {
        let slug = group.slug.as_str();
        let spec = FeedSpec {
            path: format!("/sigs/{slug}/feed.xml"),
            title: format!("{} · {}", group.name, site.config.title),
            page: format!("/sigs/{slug}/index.html"),
        };
        feeds.push((spec, group.mentions.iter().collect()));
    }
    feeds.par_iter().try_for_each(|(spec, mentions)| {
        let sections = latest_sections(site, &by_url, mentions, limit);
        let inputs = |key: &mut blake3::Hasher| {
            for section in &sections {
                key.update(site.edition_digest(section.edition).as_bytes());
                hash_json(key, &(section.anchor, &section.lines));
            }
        };
        keyed_feed(site, sink, spec, inputs, || {
            sections
                .iter()
                .map(|section| section_entry(site, section))
                .collect::<Result<Vec<_>, _>>()
        })
    })?;
    Ok(std::iter::once(site_feed)
        .chain(feeds.into_iter().map(|(spec, _)| spec))
        .map(|spec| spec.path.trim_start_matches('/').to_string())
        .collect())
}

/// Hands `sink` the feed of `spec` with the entries `entries` makes of the inputs alone that
/// `inputs` writes into its key, with the spec and the site's settings, through
/// [`Site::keyed_file`] (the page cache keeps no entry: a feed changes as a whole).
fn keyed_feed(
    site: &Site,
    sink: &dyn Sink,
    spec: &FeedSpec,
    inputs: impl FnOnce(&mut blake3::Hasher),
    entries: impl FnOnce() -> Result<Vec<(FixedDateTime, String)>, BuildError>,
) -> Result<(), BuildError> {
    let config = &site.config;
    let inputs = |key: &mut blake3::Hasher| {
        for part in [
            &spec.title,
            &spec.page,
            &config.title,
            &config.description,
            &config.base_url,
            config.credit.as_deref().unwrap_or_default(),
        ] {
            hash_part(key, part.as_bytes());
        }
        hash_part(key, &[u8::from(config.credit.is_some())]);
        inputs(key);
    };
    site.keyed_file(
        sink,
        spec.path.trim_start_matches('/'),
        "feed",
        inputs,
        || atom_feed(site, spec, &entries()?),
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

/// The part of an edition a KEP's or SIG's feed carries: the items under one heading that
/// mention it (with everything under that heading when the mention is the heading itself).
struct SectionEntry<'a> {
    edition: &'a Edition,
    /// The heading's id; `None` before the edition's first heading.
    anchor: Option<&'a str>,
    /// Source lines of the items that mention it.
    lines: Vec<usize>,
}

/// The sections `mentions` fall in, the latest `limit` of them, newest edition first and
/// in reading order within one.
fn latest_sections<'a>(
    site: &'a Site,
    by_url: &HashMap<&str, usize>,
    mentions: &[&'a Mention],
    limit: usize,
) -> Vec<SectionEntry<'a>> {
    let editions = &site.content.editions;
    let mut found: Vec<(usize, &'a Mention)> = mentions
        .iter()
        .filter_map(|m| by_url.get(&*m.edition).map(|&i| (i, *m)))
        .collect();
    found.sort_by(|(a, ma), (b, mb)| {
        newer(&editions[*a], &editions[*b]).then(ma.line.cmp(&mb.line))
    });
    let mut sections: Vec<SectionEntry<'a>> = Vec::new();
    for (i, mention) in found {
        let anchor = mention.anchor.as_deref();
        let full = sections.len() == limit;
        match sections.last_mut() {
            Some(last) if std::ptr::eq(last.edition, &editions[i]) && last.anchor == anchor => {
                if !last.lines.contains(&mention.line) {
                    last.lines.push(mention.line);
                }
            }
            _ if full => break,
            _ => sections.push(SectionEntry {
                edition: &editions[i],
                anchor,
                lines: vec![mention.line],
            }),
        }
    }
    sections
}

/// An Atom entry as XML, standalone: it declares the Atom namespace its feed declares
/// again, the same namespace, so it reads as if it inherited it.
fn entry_xml(entry: &Entry, path: &str) -> Result<String, BuildError> {
    let config = WriteConfig {
        write_document_declaration: false,
        indent_size: None,
    };
    let xml = entry
        .write_with_config(Vec::new(), config)
        .map_err(|err| BuildError::Make {
            path: path.into(),
            source: err.into(),
        })?;
    Ok(String::from_utf8(xml).expect("quick-xml writes UTF-8"))
}

/// Edition `index`'s whole entry.
fn edition_entry(site: &Site, index: usize) -> Result<(FixedDateTime, String), BuildError> {
    let e = &site.content.editions[index];
    Ok((utc(e.published), entry_xml(&entry(site, index)?, &e.url)?))
}

/// One section of an edition as an Atom entry: the items that mention the feed's KEP or
/// SIG, linked to the section. Its id is the edition's (as in `/feed.xml`) with the anchor.
fn section_entry(
    site: &Site,
    section: &SectionEntry<'_>,
) -> Result<(FixedDateTime, String), BuildError> {
    Ok((utc(section.edition.published), section_xml(site, section)?))
}

/// [`section_entry`]'s XML: the items' Markdown rendered as on the edition's page.
fn section_xml(site: &Site, section: &SectionEntry<'_>) -> Result<String, BuildError> {
    let config = &site.config;
    let e = section.edition;
    let fragment = section.anchor.map(|a| format!("#{a}")).unwrap_or_default();
    let heading = section
        .anchor
        .and_then(|a| e.headings.iter().find(|h| h.id == a));
    let title = match heading {
        Some(h) => format!("{} · {}", h.text, e.title),
        None => e.title.clone(),
    };
    let body = site.body(e)?;
    let mut markdown = String::new();
    for item in e.sections.iter().flat_map(|s| &s.items) {
        let named = section.lines.contains(&(item.line as usize));
        // A mention in a heading carries what that heading holds.
        let under_named_heading = item.anchor.as_deref() == section.anchor
            && item.anchor.is_some()
            && heading.is_some_and(|h| section.lines.contains(&h.line));
        if named || under_named_heading {
            markdown.push_str(body.markdown_of(item));
            markdown.push_str("\n\n");
        }
    }
    // The edition page's renderer: the same punctuation and highlighting.
    let html = lwkd_content::markdown::render(&markdown, 1).html;
    let html = prefix_site_paths(&html, config.base_url.trim_end_matches('/'))?;
    let entry = atom_entry(site, e, title, &fragment, html);
    entry_xml(&entry, &e.url)
}

/// One edition as an Atom entry: its full content, every URL absolute.
///
/// The id is the one jekyll-feed gave it on lwkd.info (`<base>/2022/2022-02-06-update`: the
/// permalink's folder and the slug), so readers that switch over see no edition twice, and
/// it never changes from one build to the next.
fn entry(site: &Site, index: usize) -> Result<Entry, BuildError> {
    let e = &site.content.editions[index];
    let html = prefix_site_paths(
        &site.body(e)?.html(),
        site.config.base_url.trim_end_matches('/'),
    )?;
    Ok(atom_entry(site, e, e.title.clone(), "", html))
}

/// An Atom entry of `html` from edition `e` (all of it, or the section at `fragment`,
/// `#anchor` or empty): id and link are the edition's with the fragment.
fn atom_entry(site: &Site, e: &Edition, title: String, fragment: &str, html: String) -> Entry {
    let config = &site.config;
    let page = config.absolute_url(&canonical_url(&e.url));
    let id = format!("{}/{}{fragment}", parent_path(&e.url), e.slug);
    Entry {
        title: Text::plain(title),
        id: config.absolute_url(&id),
        updated: utc(e.published),
        published: Some(utc(e.published)),
        links: vec![link("alternate", format!("{page}{fragment}"), "text/html")],
        // Relative links in an edition resolve against its page, as on the site.
        content: Some(Content {
            base: Some(page),
            value: Some(html),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// One Atom feed of the entries of `editions` (newest first). `updated` is the newest
/// entry's date, not the build time, so an unchanged site writes an unchanged feed.
fn atom_feed(
    site: &Site,
    spec: &FeedSpec,
    entries: &[(FixedDateTime, String)],
) -> Result<Vec<u8>, BuildError> {
    let config = &site.config;
    let feed_url = config.absolute_url(&spec.path);
    let feed = Feed {
        title: Text::plain(spec.title.clone()),
        subtitle: Some(Text::plain(config.description.clone())),
        id: feed_url.clone(),
        updated: entries.first().map_or(
            chrono::DateTime::UNIX_EPOCH.fixed_offset(),
            |(updated, _)| *updated,
        ),
        // Atom wants an author for the feed when its entries name none.
        authors: vec![Person {
            name: config.title.clone(),
            ..Person::default()
        }],
        links: vec![
            link("self", feed_url, "application/atom+xml"),
            link(
                "alternate",
                config.absolute_url(&canonical_url(&spec.page)),
                "text/html",
            ),
        ],
        rights: config.credit.clone().map(Text::plain),
        generator: Some(Generator {
            value: "lwkd".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            ..Generator::default()
        }),
        ..Feed::default()
    };
    let head = feed.write_to(Vec::new()).map_err(|e| BuildError::Make {
        path: spec.path.clone().into(),
        source: e.into(),
    })?;
    // The entries come last in a feed: in before the closing tag.
    let head = head
        .strip_suffix(b"</feed>")
        .expect("a feed document ends with its closing tag");
    let size = head.len() + entries.iter().map(|(_, e)| e.len()).sum::<usize>() + 8;
    let mut xml = Vec::with_capacity(size);
    xml.extend_from_slice(head);
    for (_, entry) in entries {
        xml.extend_from_slice(entry.as_bytes());
    }
    xml.extend_from_slice(b"</feed>\n");
    Ok(xml)
}

fn link(rel: &str, href: String, mime_type: &str) -> Link {
    Link {
        rel: rel.into(),
        href,
        mime_type: Some(mime_type.into()),
        ..Link::default()
    }
}

/// Front matter dates are UTC (`-0000`); a date alone is midnight.
fn utc(at: NaiveDateTime) -> FixedDateTime {
    at.and_utc().fixed_offset()
}

/// `/2022` for `/2022/20220209.html`.
fn parent_path(url: &str) -> &str {
    url.rsplit_once('/').map_or("", |(dir, _)| dir)
}
