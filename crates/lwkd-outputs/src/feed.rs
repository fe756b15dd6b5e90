use std::collections::BTreeSet;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use atom_syndication::{
    Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};
use chrono::NaiveDateTime;
use rayon::prelude::*;

use lwkd_cache::hash_with_html;
use lwkd_output::OutputFile;
use lwkd_render::site_paths::prefix_site_paths;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{gather, EditionChanges, Partial, Renderer, Sink};

/// The Atom feeds: `/feed.xml` (the latest editions, at the URL lwkd.info's subscribers
/// already use), and one per KEP (`/keps/<n>/feed.xml`) and per SIG (`/sigs/<slug>/feed.xml`)
/// with the latest editions that mention it. Every feed comes from [`atom_feed`].
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
        gather(|sink| render_feeds(site, None, sink)).map(|(files, _)| files)
    }

    /// A feed holds whole editions, and there is one for every KEP and SIG: at a hundred
    /// times this archive, all of them at once would be gigabytes.
    fn render_to(&self, site: &Site, sink: &Sink<'_>) -> Result<(), BuildError> {
        render_feeds(site, None, sink).map(drop)
    }

    /// `/feed.xml` always, and the feeds of the changed KEPs and SIGs.
    fn render_changed(
        &self,
        site: &Site,
        changes: &EditionChanges,
    ) -> Option<Result<Partial, BuildError>> {
        Some(
            gather(|sink| render_feeds(site, Some(changes), sink)).map(|(files, paths)| Partial {
                files,
                paths: Some(paths),
            }),
        )
    }
}

/// Hands `sink` the feeds that may differ after `changes` (all of them when `None`);
/// returns the paths of all.
fn render_feeds(
    site: &Site,
    changes: Option<&EditionChanges>,
    sink: &Sink<'_>,
) -> Result<Vec<String>, BuildError> {
    let limit = site.config.feed_limit;
    let all: Vec<usize> = (0..site.content.editions.len()).collect();
    let mut paths = vec!["/feed.xml".to_string()];
    let mut feeds = vec![(
        FeedSpec {
            path: paths[0].clone(),
            title: site.config.title.clone(),
            page: "/".into(),
        },
        latest(site, &all, limit),
    )];
    for kep in site.taxonomy.keps.values() {
        let n = kep.number.0;
        paths.push(format!("/keps/{n}/feed.xml"));
        if changes.is_some_and(|c| !c.kep_feeds.contains(&kep.number)) {
            continue;
        }
        let title = match &kep.title {
            Some(t) => format!("KEP-{n}: {t} · {}", site.config.title),
            None => format!("KEP-{n} · {}", site.config.title),
        };
        let spec = FeedSpec {
            path: format!("/keps/{n}/feed.xml"),
            title,
            page: format!("/keps/{n}/index.html"),
        };
        feeds.push((spec, latest(site, &kep.editions, limit)));
    }
    for group in site.taxonomy.sigs.values() {
        let slug = group.slug.as_str();
        paths.push(format!("/sigs/{slug}/feed.xml"));
        if changes.is_some_and(|c| !c.sig_feeds.contains(&group.slug)) {
            continue;
        }
        let spec = FeedSpec {
            path: format!("/sigs/{slug}/feed.xml"),
            title: format!("{} · {}", group.name, site.config.title),
            page: format!("/sigs/{slug}/index.html"),
        };
        feeds.push((spec, latest(site, &group.editions, limit)));
    }
    // An edition is in many feeds; its entry (its links made absolute, its HTML escaped as
    // XML) is made once.
    let needed: BTreeSet<usize> = feeds
        .iter()
        .flat_map(|(_, editions)| editions.iter().copied())
        .collect();
    let entries = EntryStore::new(site)?;
    needed
        .into_par_iter()
        .try_for_each(|i| entries.put(site, i))?;
    feeds
        .par_iter()
        .try_for_each(|(spec, editions)| sink(vec![atom_feed(site, spec, &entries, editions)?]))?;
    Ok(paths
        .into_iter()
        .map(|p| p.trim_start_matches('/').to_string())
        .collect())
}

/// The latest `limit` of `editions` (indices into the site's editions), newest first.
fn latest(site: &Site, editions: &[usize], limit: usize) -> Vec<usize> {
    let all = &site.content.editions;
    let mut latest: Vec<usize> = editions
        .iter()
        .copied()
        .filter(|&i| i < all.len())
        .collect();
    latest.sort_by(|&a, &b| (all[b].published, &all[b].url).cmp(&(all[a].published, &all[a].url)));
    latest.dedup();
    latest.truncate(limit);
    latest
}

/// Each edition's `<entry>` element, made once for every feed it is in and kept in an
/// unnamed file beside the output: a large archive's entries are whole editions, hundreds
/// of MB, and each feed reads only its own few back.
struct EntryStore {
    file: File,
    /// Where the next entry goes in `file`.
    end: AtomicU64,
    /// By edition: where its entry is, once made.
    entries: Vec<OnceLock<StoredEntry>>,
}

struct StoredEntry {
    updated: FixedDateTime,
    at: u64,
    len: usize,
}

impl EntryStore {
    fn new(site: &Site) -> Result<EntryStore, BuildError> {
        let dir = site.cache_dir();
        let file = std::fs::create_dir_all(&dir)
            .and_then(|()| tempfile::tempfile_in(&dir))
            .map_err(|e| store_error(&dir, e))?;
        let entries = site
            .content
            .editions
            .iter()
            .map(|_| OnceLock::new())
            .collect();
        Ok(EntryStore {
            file,
            end: AtomicU64::new(0),
            entries,
        })
    }

    /// Makes the entry of edition `index`, through the page cache: an entry is made of the
    /// edition and the base URL alone.
    fn put(&self, site: &Site, index: usize) -> Result<(), BuildError> {
        let e = &site.content.editions[index];
        let inputs = |key: &mut blake3::Hasher| {
            hash_with_html(
                key,
                &(
                    &site.config.base_url,
                    &e.title,
                    &e.url,
                    &e.slug,
                    e.published,
                ),
                &e.html,
            )
        };
        let xml = site.cached_page("feed entry", inputs, || {
            // Standalone, the element declares the Atom namespace its feed declares again:
            // the same namespace, so it reads as if it inherited it.
            let config = WriteConfig {
                write_document_declaration: false,
                indent_size: None,
            };
            let xml = entry(site, index)?
                .write_with_config(Vec::new(), config)
                .map_err(|err| BuildError::Make {
                    path: e.url.clone().into(),
                    source: err.into(),
                })?;
            Ok(String::from_utf8(xml).expect("quick-xml writes UTF-8"))
        })?;
        // Each entry claims its own part of the file, so entries are written side by side.
        let at = self.end.fetch_add(xml.len() as u64, Ordering::Relaxed);
        self.file
            .write_all_at(xml.as_bytes(), at)
            .map_err(|err| store_error(&site.cache_dir(), err))?;
        let stored = StoredEntry {
            updated: utc(e.published),
            at,
            len: xml.len(),
        };
        assert!(
            self.entries[index].set(stored).is_ok(),
            "edition {index}'s entry is made once"
        );
        Ok(())
    }

    fn get(&self, index: usize) -> &StoredEntry {
        self.entries[index]
            .get()
            .expect("every edition a feed lists has its entry made first")
    }

    /// Appends the entry `stored` to `xml`.
    fn read_into(&self, stored: &StoredEntry, xml: &mut Vec<u8>) -> std::io::Result<()> {
        let start = xml.len();
        xml.resize(start + stored.len, 0);
        self.file.read_exact_at(&mut xml[start..], stored.at)
    }
}

fn store_error(dir: &Path, err: std::io::Error) -> BuildError {
    BuildError::Make {
        path: dir.to_path_buf(),
        source: format!("feed entries cannot be kept aside: {err}").into(),
    }
}

/// One edition as an Atom entry: its full content, every URL absolute.
///
/// The id is the one jekyll-feed gave it on lwkd.info (`<base>/2022/2022-02-06-update`: the
/// permalink's folder and the slug), so readers that switch over see no edition twice, and
/// it never changes from one build to the next.
fn entry(site: &Site, index: usize) -> Result<Entry, BuildError> {
    let config = &site.config;
    let e = &site.content.editions[index];
    let url = config.absolute_url(&e.url);
    let html = prefix_site_paths(&e.html.text(), config.base_url.trim_end_matches('/'))?;
    Ok(Entry {
        title: Text::plain(e.title.clone()),
        id: config.absolute_url(&format!("{}/{}", parent_path(&e.url), e.slug)),
        updated: utc(e.published),
        published: Some(utc(e.published)),
        links: vec![link("alternate", url.clone(), "text/html")],
        // Relative links in an edition resolve against its page, as on the site.
        content: Some(Content {
            base: Some(url),
            value: Some(html),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..Entry::default()
    })
}

/// One Atom feed of the entries of `editions` (newest first). `updated` is the newest
/// entry's date, not the build time, so an unchanged site writes an unchanged feed.
fn atom_feed(
    site: &Site,
    spec: &FeedSpec,
    store: &EntryStore,
    editions: &[usize],
) -> Result<OutputFile, BuildError> {
    let config = &site.config;
    let entries: Vec<&StoredEntry> = editions.iter().map(|&i| store.get(i)).collect();
    let feed_url = config.absolute_url(&spec.path);
    let feed = Feed {
        title: Text::plain(spec.title.clone()),
        subtitle: Some(Text::plain(config.description.clone())),
        id: feed_url.clone(),
        updated: entries
            .first()
            .map_or(chrono::DateTime::UNIX_EPOCH.fixed_offset(), |e| e.updated),
        // Atom wants an author for the feed when its entries name none.
        authors: vec![Person {
            name: config.title.clone(),
            ..Person::default()
        }],
        links: vec![
            link("self", feed_url, "application/atom+xml"),
            link("alternate", config.absolute_url(&spec.page), "text/html"),
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
    let mut xml = Vec::with_capacity(head.len() + entries.iter().map(|e| e.len).sum::<usize>() + 8);
    xml.extend_from_slice(head);
    for entry in entries {
        store
            .read_into(entry, &mut xml)
            .map_err(|err| store_error(&site.cache_dir(), err))?;
    }
    xml.extend_from_slice(b"</feed>\n");
    Ok(OutputFile::bytes(spec.path.trim_start_matches('/'), xml))
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
