//! The [`Site`]: one build's configuration, theme, content and index, and the steps that
//! turn them into files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lwkd_config::SiteConfig;
use lwkd_content::{Content, Diagnostic, Edition, LoadOptions};
use lwkd_taxonomy::{EditionTags, Facts, Taxonomy};
use lwkd_upstream::Upstream;
use rayon::prelude::*;

use crate::edition_cache::{EditionCache, ReadEdition};
use crate::error::BuildError;
use crate::out_guard::check_output_dir;
use crate::output::{cache_dir_for, OutputFile, Staging};
use crate::page_cache::{hash_json, PageCache};
use crate::renderer::{render_after, renderers};
use crate::theme::Theme;
use crate::view::SiteView;

pub struct Site {
    pub config: SiteConfig,
    pub theme: Theme,
    pub content: Content,
    /// The Kubernetes project's facts, read once from the checkouts `site.toml` or
    /// `--upstream` names (empty without them); the taxonomy was made with them.
    pub upstream: Arc<Upstream>,
    pub taxonomy: Taxonomy,
    view: SiteView,
    /// Pages made in the last full build, for a full build to take unchanged ones from.
    page_cache: Option<PageCache>,
}

/// Time spent in each stage of a build, for the summary line and benchmarks. The stages
/// follow each other, so they add up to the build's time.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading, parsing and indexing each edition (or decoding it from the edition cache).
    pub load: Duration,
    /// Joining the editions' tags into the index.
    pub index: Duration,
    /// Rendering; a full build also writes each page into the staging folder as it is made.
    pub render: Duration,
    /// Writing what rendering left to write: in a full build, swapping the staging folder in.
    pub write: Duration,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub editions: usize,
    pub files: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// What reading the upstream data said (its warnings, or that there is none), as
    /// `path:line: message`: only builds that read it have any.
    pub upstream_notes: Vec<String>,
    pub timings: Timings,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Site {
    /// Compiles the theme and loads and indexes the content with the `upstream` facts
    /// ([`read_upstream`]). Template errors and a missing content directory are fatal; bad
    /// editions are diagnostics in `content`. The editions keep their Markdown, for
    /// [`Taxonomy::update`].
    pub fn load(
        config: SiteConfig,
        upstream: Arc<Upstream>,
        timings: &mut Timings,
    ) -> Result<Site, BuildError> {
        Site::load_with(config, upstream, timings, None)
    }

    /// [`Site::load`], reading unchanged editions from `cache`, without their Markdown.
    fn load_with(
        config: SiteConfig,
        upstream: Arc<Upstream>,
        timings: &mut Timings,
        cache: Option<&EditionCache>,
    ) -> Result<Site, BuildError> {
        let start = Instant::now();
        let options = load_options(&config);
        let facts = Arc::new(Facts::new(Arc::clone(&upstream)));
        // Compiling the templates is serial work; it runs beside the parallel content load.
        let (theme, read) = rayon::join(
            || Theme::load(&config.theme_dir, config.base_path()),
            || -> Result<_, BuildError> {
                let files = lwkd_content::discover(&config.content_dir)
                    .map_err(|e| BuildError::Content(e.to_string()))?;
                let read: Vec<ReadEdition> = files
                    .editions
                    .par_iter()
                    .map(|path| match cache {
                        Some(cache) => cache.read(path, &options, &facts),
                        None => ReadEdition::from_file(path, &options, &facts),
                    })
                    .collect();
                Ok((files.passthrough, files.diagnostics, read))
            },
        );
        let (theme, (passthrough, found, read)) = (theme?, read?);
        timings.load += start.elapsed();
        let start = Instant::now();
        let mut tags: HashMap<PathBuf, EditionTags> = HashMap::with_capacity(read.len());
        let parsed = read
            .into_iter()
            .map(|r| {
                if let (Some(edition), Some(t)) = (&r.parsed.edition, r.tags) {
                    tags.insert(edition.source.clone(), t);
                }
                r.parsed
            })
            .collect();
        let mut content = Content::assemble(passthrough, parsed, &options);
        content.diagnostics.extend(found);
        let tags = content
            .editions
            .iter()
            .map(|e| {
                tags.remove(&e.source)
                    .expect("every edition read was indexed")
            })
            .collect();
        let taxonomy = Taxonomy::assemble(tags, facts);
        timings.index = start.elapsed();
        let view = SiteView::new(&config);
        Ok(Site {
            config,
            theme,
            content,
            upstream,
            taxonomy,
            view,
            page_cache: None,
        })
    }

    /// Where costly, reusable build work is kept between builds: see [`cache_dir_for`].
    pub fn cache_dir(&self) -> std::path::PathBuf {
        cache_dir_for(&self.config.output_dir)
    }

    /// A template context with what every page has: the site and the page's title.
    pub fn context(&self, title: &str) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", &self.view);
        context.insert("page_title", title);
        context
    }

    /// The page `make` renders from the inputs alone that `inputs` writes into its key (a
    /// page of the `kind`, a template's name): in a full build, from the page cache when the
    /// last one made it from the same inputs. `inputs` is only called when there is a cache.
    pub(crate) fn cached_page(
        &self,
        kind: &str,
        inputs: impl FnOnce(&mut blake3::Hasher),
        make: impl FnOnce() -> Result<String, BuildError>,
    ) -> Result<String, BuildError> {
        match &self.page_cache {
            Some(cache) => cache.get_or_make(kind, inputs, make),
            None => make(),
        }
    }

    /// `template` rendered with `context`, through [`Site::cached_page`]: a template sees
    /// nothing but its context (and the theme and base path, which the cache keys on).
    pub fn render_template(
        &self,
        template: &str,
        context: tera::Context,
    ) -> Result<String, BuildError> {
        // The context is taken apart to JSON for the key and put back, never copied: an index
        // page's context is hundreds of MB at a hundred times this archive.
        let json = context.into_json();
        // Hashed apart first: `make` takes the JSON.
        let hash = self.page_cache.as_ref().map(|_| {
            let mut hash = blake3::Hasher::new();
            hash_json(&mut hash, &json);
            hash.finalize()
        });
        let inputs = |key: &mut blake3::Hasher| {
            key.update(
                hash.expect("inputs are only asked for with a cache")
                    .as_bytes(),
            );
        };
        self.cached_page(template, inputs, || {
            let context = tera::Context::from_value(json).expect("a context's JSON is an object");
            self.theme.render(template, &context)
        })
    }

    /// Where `edition` was read from, relative to the content directory, `/`-separated.
    pub fn source_path(&self, edition: &Edition) -> String {
        let rel = edition
            .source
            .strip_prefix(&self.config.content_dir)
            .unwrap_or(&edition.source);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Runs every renderer in parallel; the files come back sorted by path.
    pub fn render(&self) -> Result<Vec<OutputFile>, BuildError> {
        let renderers = renderers();
        let parts: Vec<Vec<OutputFile>> = renderers
            .par_iter()
            .map(|r| r.render(self))
            .collect::<Result<_, _>>()?;
        let mut files: Vec<OutputFile> = parts.into_iter().flatten().collect();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let after = render_after(&renderers, self, &paths)?;
        files.extend(after.into_iter().flat_map(|(_, files)| files));
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// A full build: load, index, render, then write aside and swap into the output dir.
    pub fn build(config: SiteConfig) -> Result<BuildReport, BuildError> {
        check_output_dir(&config)?;
        let mut timings = Timings::default();
        let options = load_options(&config);
        let cache_dir = cache_dir_for(&config.output_dir);
        let start = Instant::now();
        let (upstream, upstream_notes) = read_upstream(&config, Some(&cache_dir));
        let cache = EditionCache::open(&cache_dir, &options, &upstream);
        timings.load = start.elapsed();
        let mut site = Site::load_with(config, upstream, &mut timings, Some(&cache))?;
        site.content.diagnostics.extend(cache.save());
        let start = Instant::now();
        site.page_cache = site
            .theme
            .context_only
            .then(|| PageCache::open(&site.cache_dir(), &site.theme, site.config.base_path()));
        let staging = Staging::new(&site.config.output_dir)?;
        // Pages go to disk as they come; only their paths stay, for the sitemap.
        let paths: Mutex<Vec<String>> = Mutex::new(Vec::new());
        let sink = |batch: Vec<OutputFile>| {
            staging.write(&batch)?;
            paths
                .lock()
                .expect("no writer panicked")
                .extend(batch.into_iter().map(|f| f.path));
            Ok(())
        };
        let renderers = renderers();
        renderers
            .par_iter()
            .try_for_each(|r| r.render_to(&site, &sink))?;
        let mut paths = paths.into_inner().expect("no writer panicked");
        let after: Vec<OutputFile> = {
            let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
            render_after(&renderers, &site, &paths)?
                .into_iter()
                .flat_map(|(_, files)| files)
                .collect()
        };
        staging.write(&after)?;
        paths.extend(after.into_iter().map(|f| f.path));
        if let Some(cache) = site.page_cache.take() {
            site.content.diagnostics.extend(cache.save());
        }
        timings.render = start.elapsed();
        let start = Instant::now();
        staging.finish()?;
        timings.write = start.elapsed();
        let report = BuildReport {
            editions: site.content.editions.len(),
            files: paths.len(),
            diagnostics: std::mem::take(&mut site.content.diagnostics),
            upstream_notes,
            timings,
        };
        // Freeing a large site's millions of strings keeps a core busy for a while (~0.4 s
        // at a hundred times the archive), and nothing needs to wait for it.
        std::thread::spawn(move || drop(site));
        Ok(report)
    }
}

/// The upstream facts of the checkouts `config` names, read through the cache in
/// `cache_dir`, and what to tell about them: each warning, or, without any checkout, that
/// the archive alone gives KEP titles and how to pass them.
pub fn read_upstream(
    config: &SiteConfig,
    cache_dir: Option<&Path>,
) -> (Arc<Upstream>, Vec<String>) {
    if !config.upstream.is_set() {
        let note = "note: no upstream data: KEP titles, SIGs and release schedules come from the archive alone; pass --upstream DIR \
                    (a folder with checkouts of kubernetes/enhancements, community and sig-release) or set [upstream] in site.toml";
        return (Arc::default(), vec![note.to_string()]);
    }
    let upstream = lwkd_upstream::read(&config.upstream, cache_dir);
    let notes = upstream
        .warnings
        .iter()
        .map(|w| format!("warning: {w}"))
        .collect();
    (Arc::new(upstream), notes)
}

/// How the site's configuration says editions are read.
pub(crate) fn load_options(config: &SiteConfig) -> LoadOptions {
    LoadOptions {
        permalink: config.permalink.clone(),
        drafts: config.drafts,
    }
}
