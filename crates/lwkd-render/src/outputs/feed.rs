use atom_syndication::{Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use chrono::NaiveDateTime;
use lwkd_content::Edition;

use crate::error::BuildError;
use crate::output::OutputFile;
use crate::renderer::Renderer;
use crate::site::Site;
use crate::site_paths::prefix_site_paths;

/// `/feed.xml`, the Atom feed of the latest editions at the URL lwkd.info's subscribers
/// already use.
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

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        let main = FeedSpec { path: "/feed.xml".into(), title: site.config.title.clone(), page: "/".into() };
        let editions: Vec<&Edition> = site.content.editions.iter().collect();
        Ok(vec![atom_feed(site, &main, &editions)?])
    }
}

/// One Atom feed: the latest `feed_limit` of `editions` (in any order), newest first, each
/// with its full content and every URL absolute.
///
/// Entry ids are the ones jekyll-feed gave on lwkd.info (`<base>/2022/2022-02-06-update`:
/// the permalink's folder and the slug), so readers that switch over see no edition twice,
/// and they never change from one build to the next. `updated` is the newest edition's
/// date, not the build time, for the same reason.
pub fn atom_feed(site: &Site, spec: &FeedSpec, editions: &[&Edition]) -> Result<OutputFile, BuildError> {
    let config = &site.config;
    let mut latest = editions.to_vec();
    latest.sort_by(|a, b| (b.published, &b.url).cmp(&(a.published, &a.url)));
    latest.truncate(config.feed_limit);
    let absolute_prefix = config.base_url.trim_end_matches('/');
    let entries = latest
        .iter()
        .map(|e| {
            let url = config.absolute_url(&e.url);
            let html = prefix_site_paths(&e.html, absolute_prefix)?;
            Ok(Entry {
                title: Text::plain(e.title.clone()),
                id: config.absolute_url(&format!("{}/{}", parent_path(&e.url), e.slug)),
                updated: utc(e.published),
                published: Some(utc(e.published)),
                links: vec![link("alternate", url.clone(), "text/html")],
                // Relative links in an edition resolve against its page, as on the site.
                content: Some(Content { base: Some(url), value: Some(html), content_type: Some("html".into()), ..Content::default() }),
                ..Entry::default()
            })
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    let feed_url = config.absolute_url(&spec.path);
    let feed = Feed {
        title: Text::plain(spec.title.clone()),
        subtitle: Some(Text::plain(config.description.clone())),
        id: feed_url.clone(),
        updated: latest.first().map_or(chrono::DateTime::UNIX_EPOCH.fixed_offset(), |e| utc(e.published)),
        // Atom wants an author for the feed when its entries name none.
        authors: vec![Person { name: config.title.clone(), ..Person::default() }],
        links: vec![
            link("self", feed_url, "application/atom+xml"),
            link("alternate", config.absolute_url(&spec.page), "text/html"),
        ],
        rights: config.credit.clone().map(Text::plain),
        generator: Some(Generator { value: "lwkd".into(), version: Some(env!("CARGO_PKG_VERSION").into()), ..Generator::default() }),
        entries,
        ..Feed::default()
    };
    let mut xml = feed.write_to(Vec::new()).map_err(|e| BuildError::Output { path: spec.path.clone().into(), message: e.to_string() })?;
    xml.push(b'\n');
    Ok(OutputFile::bytes(spec.path.trim_start_matches('/'), xml))
}

fn link(rel: &str, href: String, mime_type: &str) -> Link {
    Link { rel: rel.into(), href, mime_type: Some(mime_type.into()), ..Link::default() }
}

/// Front matter dates are UTC (`-0000`); a date alone is midnight.
fn utc(at: NaiveDateTime) -> FixedDateTime {
    at.and_utc().fixed_offset()
}

/// `/2022` for `/2022/20220209.html`.
fn parent_path(url: &str) -> &str {
    url.rsplit_once('/').map_or("", |(dir, _)| dir)
}

