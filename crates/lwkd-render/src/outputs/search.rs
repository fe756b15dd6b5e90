//! Full-text search: the editions go to pagefind as records straight from the loaded content
//! (no built HTML is read back), and the search page queries the static index in the browser.
//!
//! Indexing is the costly stage of a build, so the bundle pagefind writes is kept in the cache
//! directory under the hash of everything that went into it: a build whose editions did not
//! change copies it instead of indexing again.
//!
//! One bundle holds every edition. Splitting it (one bundle a year, merged in the browser with
//! `mergeIndex`) would re-index only the year that changed, but pagefind answers a word that a
//! bundle lacks with the longest prefix it has (`nft`, even `n`), so every year without the
//! word would add unrelated results.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use lwkd_content::Edition;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::error::BuildError;
use crate::output::{output_path, OutputFile};
use crate::renderer::{Job, Renderer};
use crate::site::Site;
use crate::theme::escape_html;
use crate::view::long_date;

/// The pagefind release that writes the bundles; it is pinned with `=` in Cargo.toml and
/// is part of every cache key, so an upgrade re-indexes everything.
const PAGEFIND: &str = "pagefind 1.6.0";

/// Where the bundles live in the output.
const BUNDLE_DIR: &str = "pagefind";

/// How many bundles the cache keeps, the most recently used ones: a few MiB each, and
/// editing in `serve` leaves a stale one at every save.
const CACHE_ENTRIES: usize = 4;

/// The search index under `/pagefind/` and the search page at `/search/index.html`.
pub struct SearchIndex;

impl Renderer for SearchIndex {
    fn name(&self) -> &'static str {
        "search"
    }

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        indexing(site)?()
    }

    /// Indexing takes a second or more: in `serve` the new edition is live at once and
    /// search catches up (a search page reloads when it does).
    fn render_later(&self, site: &Site) -> Option<Result<Job, BuildError>> {
        Some(indexing(site))
    }
}

/// The work of this output, owning what it needs of `site`: the search page, made now, and
/// the bundle, found in the cache or indexed when the job runs.
fn indexing(site: &Site) -> Result<Job, BuildError> {
    let page = search_page(site)?;
    let editions: Vec<SearchEntry> = site.content.editions.iter().map(SearchEntry::new).collect();
    let cache = site.cache_dir();
    Ok(Box::new(move || {
        let mut files = bundle(&cache, &editions)?;
        files.push(page);
        Ok(files)
    }))
}

/// What the index reads of an edition; it shares the edition's HTML, so that `serve` can
/// hand every edition to a later job at each save.
struct SearchEntry {
    url: String,
    title: String,
    date: NaiveDate,
    html: Arc<str>,
}

impl SearchEntry {
    fn new(e: &Edition) -> Self {
        SearchEntry { url: e.url.clone(), title: e.title.clone(), date: e.date, html: Arc::clone(&e.html) }
    }

    /// What pagefind reads: a small page with the title as the result's title, the dates
    /// as metadata for the result list, and the edition's rendered body.
    fn record(&self) -> String {
        format!(
            concat!(
                r#"<html lang="en"><body>"#,
                r#"<h1 data-pagefind-meta="title">{title}</h1>"#,
                r#"<span data-pagefind-meta="date:{date}"></span>"#,
                r#"<span data-pagefind-meta="datetime:{datetime}"></span>"#,
                "{html}</body></html>"
            ),
            title = escape_html(&self.title),
            date = long_date(self.date),
            datetime = self.date,
            html = self.html,
        )
    }
}

/// The bundle's files for `editions`, from the cache under `cache_dir` or indexed.
fn bundle(cache_dir: &Path, editions: &[SearchEntry]) -> Result<Vec<OutputFile>, BuildError> {
    let cache = BundleCache::new(cache_dir.join("search"));
    let bundle = cache.bundle(editions)?;
    cache.evict_unused(&bundle);
    bundle_files(&bundle)
}

fn search_page(site: &Site) -> Result<OutputFile, BuildError> {
    let context = site.context(&format!("Search {}", site.config.title));
    Ok(OutputFile::bytes("search/index.html", site.theme.render("search.html", &context)?))
}

/// Bundles on disk, one directory per hash of a shard's records.
struct BundleCache {
    dir: PathBuf,
}

impl BundleCache {
    fn new(dir: PathBuf) -> Self {
        BundleCache { dir }
    }

    /// The directory holding the bundle of `editions`, indexing them only when no bundle
    /// for exactly these records is cached.
    fn bundle(&self, editions: &[SearchEntry]) -> Result<PathBuf, BuildError> {
        let mut hasher = blake3::Hasher::new();
        hasher.update(PAGEFIND.as_bytes());
        for e in editions {
            for part in [e.url.as_bytes(), e.title.as_bytes(), e.date.to_string().as_bytes(), e.html.as_bytes()] {
                hasher.update(&(part.len() as u64).to_le_bytes());
                hasher.update(part);
            }
        }
        let dir = self.dir.join(hasher.finalize().to_hex().as_str());
        if dir.is_dir() {
            touch(&dir);
            return Ok(dir);
        }
        let files = index(editions).map_err(|e| BuildError::Output {
            path: dir.clone(),
            message: format!("pagefind could not index the editions: {e:#}"),
        })?;
        self.store(&dir, &files)?;
        Ok(dir)
    }

    /// Writes a bundle aside and renames it into place, so a cached bundle is always whole.
    fn store(&self, dir: &Path, files: &[pagefind::api::SyntheticFile]) -> Result<(), BuildError> {
        let err = |path: &Path, e: std::io::Error| BuildError::Output {
            path: path.to_path_buf(),
            message: format!("cannot write the search index cache: {e}"),
        };
        let staging = dir.with_extension(format!("new-{}", std::process::id()));
        for file in files {
            let target = staging.join(&file.filename);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
            }
            std::fs::write(&target, &file.contents).map_err(|e| err(&target, e))?;
        }
        if let Err(e) = std::fs::rename(&staging, dir) {
            let _ = std::fs::remove_dir_all(&staging);
            // Another build stored the same bundle first; theirs is as good as ours.
            if !dir.is_dir() {
                return Err(err(dir, e));
            }
        }
        Ok(())
    }

    /// Keeps the bundle in use and the most recently used others, up to [`CACHE_ENTRIES`].
    fn evict_unused(&self, in_use: &Path) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let mut others: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p != in_use)
            .filter_map(|p| Some((p.metadata().and_then(|m| m.modified()).ok()?, p)))
            .collect();
        let keep = CACHE_ENTRIES - 1;
        if others.len() > keep {
            others.sort();
            for (_, path) in &others[..others.len() - keep] {
                let _ = std::fs::remove_dir_all(path);
            }
        }
    }
}

/// Marks a cache entry as just used, for eviction.
fn touch(dir: &Path) {
    let now = std::time::SystemTime::now();
    let _ = std::fs::File::open(dir).and_then(|f| f.set_modified(now));
}

/// Runs pagefind over `editions` and returns the bundle's files. Records are made one at a
/// time: at a hundred times this archive, all of them at once would be gigabytes.
fn index(editions: &[SearchEntry]) -> anyhow::Result<Vec<pagefind::api::SyntheticFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder().keep_index_url(true).force_language("en".into()).build();
        let mut index = PagefindIndex::new(Some(options))?;
        for e in editions {
            index.add_html_file(None, Some(e.url.clone()), e.record()).await?;
        }
        index.get_files().await
    })
}

/// The output files of a cached bundle, under `/pagefind/`.
fn bundle_files(bundle: &Path) -> Result<Vec<OutputFile>, BuildError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(bundle).min_depth(1) {
        let entry = entry.map_err(|e| BuildError::Output { path: bundle.to_path_buf(), message: e.to_string() })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(bundle).expect("walked below the bundle");
        let rel = output_path(rel);
        files.push(OutputFile::copy(format!("{BUNDLE_DIR}/{rel}"), entry.path()));
    }
    Ok(files)
}
