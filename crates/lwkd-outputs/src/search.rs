//! Full-text search: the search page at `/search/index.html`, and beside it the index of
//! every edition's text that [`lwkd_search`] writes and its script reads in the browser,
//! with the KEP, SIG and release pages as answers to a query that names one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use lwkd_content::Edition;
use lwkd_search::{text_path, Document, Index, Page, Passage, SearchFile};
use rayon::prelude::*;
use serde::Serialize;

use lwkd_cache::hash_serialized;
use lwkd_output::OutputFile;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

/// Where the index lives in the output, beside the page.
const INDEX_DIR: &str = "search";

pub struct SearchIndex;

impl Renderer for SearchIndex {
    fn name(&self) -> &'static str {
        "search"
    }

    /// The editions' text files go out as they are made, with a hash of what the index
    /// reads; the index comes from the page cache when that hash is the last build's.
    /// Every file, whatever the scope: indexing reads every edition (`lwkd serve` renders
    /// it once edits pause).
    fn render(&self, site: &Site, _scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        sink.files(vec![search_page(site)?])?;
        let editions = &site.content.editions;
        let documents: Vec<blake3::Hash> = editions
            .par_iter()
            .map(|e| {
                let hash = document_key(site, e);
                let path = format!("{INDEX_DIR}/{}", text_path(&e.url));
                // Compressing every text again took most of a warm build's search time.
                let text = site.cached_file(
                    &path,
                    "search text",
                    |k| {
                        k.update(hash.as_bytes());
                    },
                    || Ok(SearchFile::text(&document(site, e)).contents),
                )?;
                sink.files(vec![text])?;
                Ok(hash)
            })
            .collect::<Result<_, BuildError>>()?;
        let pages = pages(site);
        // What the index is made of: every document, by its key, and the pages.
        let mut key = blake3::Hasher::new();
        let documents: Vec<&[u8; 32]> = documents.iter().map(blake3::Hash::as_bytes).collect();
        hash_serialized(&mut key, &(documents, &pages));
        // On a miss the documents are made again rather than kept from the pass above: at
        // scale, every edition's text at once is hundreds of MB.
        sink.files(cached_index(site, key.finalize(), || {
            Index::build(
                editions.par_iter().map(|e| document(site, e)),
                pages.clone(),
            )
        })?)
    }
}

/// The index's files (but the editions' texts): in a full build, from the live output when
/// the last one indexed documents of the same `key` and the files are unchanged since. The
/// page cache holds the list of the files under the key, and where each was written.
fn cached_index(
    site: &Site,
    key: blake3::Hash,
    build: impl Fn() -> Index,
) -> Result<Vec<OutputFile>, BuildError> {
    let built: OnceLock<HashMap<String, Vec<u8>>> = OnceLock::new();
    let files = || {
        built.get_or_init(|| {
            build()
                .files()
                .into_iter()
                .map(|f| (f.path, f.contents))
                .collect()
        })
    };
    let list = site.cached_page(
        "search index",
        |k| {
            k.update(key.as_bytes());
        },
        || {
            Ok(files()
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("\n"))
        },
    )?;
    list.lines()
        .map(|path| {
            let file_key = |k: &mut blake3::Hasher| {
                k.update(key.as_bytes());
            };
            site.cached_file(
                &format!("{INDEX_DIR}/{path}"),
                "search index file",
                file_key,
                || Ok(files()[path].clone()),
            )
        })
        .collect()
}

/// What the index reads of an edition, without its document (making which is most of a
/// warm build's search time): the edition's digest, of its Markdown and front matter (the
/// parser makes its passages of them), and its tags.
#[derive(Serialize)]
struct DocumentInputs {
    /// [`Site::edition_digest`], hex.
    content: String,
    tags: Vec<String>,
}

/// The hash of `edition`'s [`DocumentInputs`].
fn document_key(site: &Site, edition: &Edition) -> blake3::Hash {
    let inputs = DocumentInputs {
        content: site.edition_digest(edition).to_hex().to_string(),
        tags: tags(site, edition),
    };
    let mut hasher = blake3::Hasher::new();
    hash_serialized(&mut hasher, &inputs);
    hasher.finalize()
}

fn document<'a>(site: &Site, edition: &'a Edition) -> Document<'a> {
    Document {
        url: Cow::Borrowed(&edition.url),
        title: Cow::Borrowed(&edition.title),
        datetime: edition.date.to_string(),
        passages: passages(edition),
        tags: tags(site, edition),
    }
}

/// The SIGs and KEPs the taxonomy found in the edition, a name a mention.
fn tags(site: &Site, edition: &Edition) -> Vec<String> {
    let Some(found) = site.taxonomy.edition_by_url(&edition.url) else {
        return Vec::new();
    };
    let sigs = found.sigs.iter().map(|m| m.sig.as_str().to_string());
    sigs.chain(found.keps.iter().map(|m| format!("KEP-{}", m.kep.0)))
        .collect()
}

/// The edition's text under each heading, sub-headings included: what a result links to.
fn passages(edition: &Edition) -> Vec<Passage<'_>> {
    let mut passages: Vec<Passage<'_>> = Vec::new();
    for section in &edition.sections {
        let heading = section.heading.as_ref();
        passages.push(Passage {
            anchor: heading.map(|h| Cow::Borrowed(h.id.as_str())),
            heading: Cow::Borrowed(heading.map_or("", |h| h.text.as_str())),
            text: String::new(),
        });
        for item in &section.items {
            if item.is_heading {
                passages.push(Passage {
                    anchor: item.anchor.as_deref().map(Cow::Borrowed),
                    heading: Cow::Borrowed(&item.text),
                    text: String::new(),
                });
                continue;
            }
            let text = &mut passages
                .last_mut()
                .expect("a passage for each section")
                .text;
            text.push_str(&item.text);
            text.push('\n');
        }
    }
    passages.retain(|p| !(p.heading.is_empty() && p.text.is_empty()));
    passages
}

/// The KEP, SIG and release pages, by what a reader would call them.
fn pages(site: &Site) -> Vec<Page> {
    let taxonomy = &site.taxonomy;
    let keps = taxonomy.keps.values().map(|kep| {
        let n = kep.number.0;
        let title = kep.title.clone().unwrap_or_default();
        let folder = kep.folder.as_deref().unwrap_or_default();
        let names = format!("KEP-{n} {title} {folder}");
        let title = if title.is_empty() {
            format!("KEP-{n}")
        } else {
            format!("KEP-{n}: {title}")
        };
        Page {
            kind: "kep",
            url: format!("/keps/{n}/"),
            title,
            names,
        }
    });
    let sigs = taxonomy.sigs.values().map(|group| Page {
        kind: "sig",
        url: format!("/sigs/{}/", group.slug),
        title: group.name.clone(),
        names: format!("{} {}", group.name, group.slug),
    });
    let releases = taxonomy.releases.keys().map(|cycle| Page {
        kind: "release",
        url: format!("/releases/{cycle}/"),
        title: format!("Kubernetes {cycle}"),
        names: format!("Kubernetes release {cycle}"),
    });
    keps.chain(sigs).chain(releases).collect()
}

/// The search page, from the page cache when its context is the last build's: a build
/// whose pages are all kept compiles no template. (Not through `Site::render_page`, whose
/// pages `lwkd serve` may hold unmade: this output hands over all its files.)
fn search_page(site: &Site) -> Result<OutputFile, BuildError> {
    let context = site.context(&format!("Search {}", site.config.title));
    site.rendered_file(&format!("{INDEX_DIR}/index.html"), "search.html", context)
}
