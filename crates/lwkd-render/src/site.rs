//! The [`Site`]: one build's configuration, theme, content and index, and the steps that
//! load them (the build itself is lwkd-outputs' `build`).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use lwkd_config::SiteConfig;
use lwkd_content::{BodyError, Content, Diagnostic, Edition, EditionBody, LoadOptions};
use lwkd_taxonomy::{EditionTags, Facts, KepRef, Taxonomy};
use lwkd_upstream::Upstream;
use rayon::prelude::*;
use serde::Serialize;

use lwkd_cache::{hash_part, hash_serialized, EditionCache, OutputLive, PageCache, ReadEdition};
use lwkd_output::{cache_dir_for, Body, OutputFile};

use crate::crosslinks::kep_numbers;
use crate::error::BuildError;
use crate::renderer::Sink;
use crate::theme::Theme;
use crate::view::{build_day, SiteView};

pub struct Site {
    pub config: SiteConfig,
    pub theme: Theme,
    pub content: Content,
    /// The Kubernetes project's facts, read once from the checkouts `site.toml` or
    /// `--upstream` names (empty without them); the taxonomy was made with them.
    pub upstream: Arc<Upstream>,
    pub taxonomy: Taxonomy,
    /// The day of the build ([`build_day`]), read once at load: pages show what is past
    /// and what is next from it.
    pub build_day: NaiveDate,
    /// What page keys know of each edition, by the file it was read from: made when the
    /// page cache opens, and dropped with it, or for `lwkd serve`'s page keys.
    edition_digests: HashMap<PathBuf, Digested>,
    /// Editions' Markdown `lwkd serve` holds, by file, so that an edition whose file stops
    /// parsing keeps its pages and feeds as they were; a build holds none.
    held_bodies: HashMap<PathBuf, Arc<EditionBody>>,
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
    /// Reads the theme and loads and indexes the content with the `upstream` facts
    /// ([`read_upstream`]). An unreadable theme and a missing content directory are fatal
    /// (templates that do not compile fail the first page rendered); bad editions are
    /// diagnostics in `content`. Each edition's Markdown is held ([`Site::body`]), for
    /// [`Taxonomy::update`] and the pages `lwkd serve` makes again: each file is read once.
    pub fn load(
        config: SiteConfig,
        upstream: Arc<Upstream>,
        timings: &mut Timings,
    ) -> Result<Site, BuildError> {
        Site::load_from(config, upstream, timings, |paths, options, facts| {
            (paths.par_iter())
                .map(|path| ReadEdition::from_file(path, options, facts))
                .collect()
        })
    }

    /// [`Site::load`] for a build: unchanged editions read from `cache`, and no Markdown
    /// held (a page reads its edition's file again): at a hundred times the archive it
    /// would be 200 MB more.
    pub fn load_with(
        config: SiteConfig,
        upstream: Arc<Upstream>,
        timings: &mut Timings,
        cache: &EditionCache,
    ) -> Result<Site, BuildError> {
        Site::load_from(config, upstream, timings, |paths, options, facts| {
            let read = cache.read_all(paths, options, facts);
            read.into_iter().map(|read| (read, None)).collect()
        })
    }

    /// [`Site::load`], the edition files read by `read` (in parallel), which gives each
    /// one's Markdown to hold.
    fn load_from(
        config: SiteConfig,
        upstream: Arc<Upstream>,
        timings: &mut Timings,
        read: impl FnOnce(&[PathBuf], &LoadOptions, &Facts) -> Vec<(ReadEdition, Option<EditionBody>)>
            + Send,
    ) -> Result<Site, BuildError> {
        let start = Instant::now();
        let options = load_options(&config);
        let facts = Arc::new(Facts::new(Arc::clone(&upstream)));
        // Reading the theme's files is serial work; it runs beside the parallel content load.
        let (theme, read) = rayon::join(
            || Theme::load(&config.theme_dir, config.base_path()),
            || -> Result<_, BuildError> {
                let files = lwkd_content::discover(&config.content_dir).map_err(|source| {
                    BuildError::ContentDir {
                        dir: config.content_dir.clone(),
                        source,
                    }
                })?;
                let read = read(&files.editions, &options, &facts);
                Ok((files.passthrough, files.pages, files.diagnostics, read))
            },
        );
        let (theme, (passthrough, pages, found, read)) = (theme?, read?);
        timings.load += start.elapsed();
        let start = Instant::now();
        let mut tags: HashMap<PathBuf, EditionTags> = HashMap::with_capacity(read.len());
        let mut held_bodies = HashMap::new();
        let parsed = read
            .into_iter()
            .map(|(r, body)| {
                if let Some(edition) = &r.parsed.edition {
                    if let Some(t) = r.tags {
                        tags.insert(edition.source.clone(), t);
                    }
                    if let Some(body) = body {
                        held_bodies.insert(edition.source.clone(), Arc::new(body));
                    }
                }
                r.parsed
            })
            .collect();
        let mut content = Content::assemble(passthrough, parsed, &options);
        content.read_pages(&pages);
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
            build_day: build_day(),
            edition_digests: HashMap::new(),
            held_bodies,
            view,
            page_cache: None,
        })
    }

    /// A hash of what `edition` was read from (its Markdown and front matter: the parser
    /// makes the rest of them), made once when the page cache opens (or
    /// `lwkd serve` asks, [`Site::digest_editions`]): page and feed keys name an edition by
    /// it instead of hashing its text again for each.
    pub fn edition_digest(&self, edition: &Edition) -> blake3::Hash {
        self.edition_digests
            .get(&edition.source)
            .map_or_else(|| digest(edition), |d| d.digest)
    }

    /// `edition`'s Markdown: held, or read again from its file.
    pub fn body(&self, edition: &Edition) -> Result<Arc<EditionBody>, BodyError> {
        match self.held_bodies.get(&edition.source) {
            Some(body) => Ok(Arc::clone(body)),
            None => Ok(Arc::new(edition.read_body()?)),
        }
    }

    /// Holds `body` as the Markdown of the edition read from `source`, or, with `None`, no
    /// longer holds one: [`Site::body`] reads it from the file then.
    pub fn hold_body(&mut self, source: &Path, body: Option<EditionBody>) {
        match body {
            Some(body) => self
                .held_bodies
                .insert(source.to_path_buf(), Arc::new(body)),
            None => self.held_bodies.remove(source),
        };
    }

    /// The KEPs `edition`'s Markdown writes ([`kep_numbers`]), made with its digest: those of
    /// them with a page are linked on its page.
    pub fn edition_keps(&self, edition: &Edition) -> Result<Cow<'_, BTreeSet<KepRef>>, BodyError> {
        Ok(match self.edition_digests.get(&edition.source) {
            Some(d) => Cow::Borrowed(&d.keps),
            None => Cow::Owned(kep_numbers(&self.body(edition)?.markdown)),
        })
    }

    /// Makes every edition's digest, for the keys of the pages made from here on; the
    /// editions read from `sources` alone when given (the others are unchanged), and the
    /// digests of editions gone dropped.
    pub fn digest_editions(&mut self, sources: Option<&[PathBuf]>) -> Result<(), BuildError> {
        let editions = &self.content.editions;
        match sources {
            None => {
                self.edition_digests = editions
                    .par_iter()
                    .map(|e| Ok((e.source.clone(), self.digested(e)?)))
                    .collect::<Result<_, BuildError>>()?;
            }
            Some(sources) => {
                let digested: Vec<_> = editions
                    .iter()
                    .filter(|e| sources.contains(&e.source))
                    .map(|e| Ok((e.source.clone(), self.digested(e)?)))
                    .collect::<Result<_, BuildError>>()?;
                for source in sources {
                    self.edition_digests.remove(source);
                }
                self.edition_digests.extend(digested);
            }
        }
        Ok(())
    }

    /// What page keys know of `edition`: its digest, and the KEPs its Markdown writes,
    /// which are a function of what the digest is of, so kept in the page cache under it
    /// (finding them reads the edition's file again).
    fn digested(&self, edition: &Edition) -> Result<Digested, BuildError> {
        let digest = digest(edition);
        let numbers = self.cached_page(
            "kep numbers",
            |key| {
                key.update(digest.as_bytes());
            },
            || {
                let numbers: Vec<String> = kep_numbers(&self.body(edition)?.markdown)
                    .iter()
                    .map(|k| k.0.to_string())
                    .collect();
                Ok(numbers.join(" "))
            },
        )?;
        let keps = numbers
            .split_whitespace()
            .filter_map(|n| n.parse().ok().map(KepRef))
            .collect();
        Ok(Digested { digest, keps })
    }

    /// Takes pages from the last full build's page cache from now on (not when a template
    /// reads the environment, which no key can see).
    pub fn open_page_cache(&mut self) -> Result<(), BuildError> {
        self.page_cache = self.theme.context_only.then(|| {
            PageCache::open(
                &self.cache_dir(),
                &self.config.output_dir,
                self.theme.fingerprint.as_bytes(),
                self.config.base_path(),
            )
        });
        if self.page_cache.is_some() {
            self.digest_editions(None)?;
        }
        Ok(())
    }

    /// Keeps this build's pages for the next one; a damaged cache is a warning. Gives the
    /// mark to record once the output is live ([`OutputLive::record`]).
    pub fn save_page_cache(&mut self) -> Option<OutputLive> {
        self.edition_digests.clear();
        let (warning, live) = self.page_cache.take()?.save();
        self.content.diagnostics.extend(warning);
        live
    }

    /// Where costly, reusable build work is kept between builds: see [`cache_dir_for`].
    pub fn cache_dir(&self) -> std::path::PathBuf {
        cache_dir_for(&self.config.output_dir)
    }

    /// What every page shows of the site.
    pub fn view(&self) -> &SiteView {
        &self.view
    }

    /// A template context with what every page has: the site and the page's title.
    pub fn context(&self, title: &str) -> tera::Context {
        self.view.context(title)
    }

    /// The value `make` makes of the inputs alone that `inputs` writes into its key (a value
    /// of the `kind`), for values that are no file of the output: in a full build, from the
    /// page cache when the last one made it from the same inputs. `inputs` is only called
    /// when there is a cache.
    pub fn cached_page(
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

    /// The output file at `path` that `make` renders from the inputs alone that `inputs`
    /// writes into its key (a page of the `kind`, a template's name): in a full build, the
    /// live output's file when the last build made it from the same inputs and it is
    /// unchanged since. `inputs` is only called when there is a cache.
    pub fn cached_file(
        &self,
        path: &str,
        kind: &str,
        inputs: impl FnOnce(&mut blake3::Hasher),
        make: impl FnOnce() -> Result<Vec<u8>, BuildError>,
    ) -> Result<OutputFile, BuildError> {
        let body = match &self.page_cache {
            Some(cache) => cache.page_or_make(path, kind, inputs, make)?,
            None => Body::Bytes(make()?),
        };
        Ok(OutputFile {
            path: path.into(),
            body,
        })
    }

    /// Hands `sink` the output file at `path` that `make` makes from the inputs alone that
    /// `inputs` writes into its key (a file of the `kind`: a template's name, `feed`), unless
    /// the sink holds it from the same inputs (`lwkd serve`'s last build): made through
    /// [`Site::cached_file`]. `inputs` is only called when there is a cache or the sink keeps
    /// keys.
    pub fn keyed_file(
        &self,
        sink: &dyn Sink,
        path: &str,
        kind: &str,
        inputs: impl FnOnce(&mut blake3::Hasher),
        make: impl FnOnce() -> Result<Vec<u8>, BuildError>,
    ) -> Result<(), BuildError> {
        if !sink.keeps_keys() {
            return sink.files(vec![self.cached_file(path, kind, inputs, make)?]);
        }
        let mut key = blake3::Hasher::new();
        hash_part(&mut key, kind.as_bytes());
        hash_part(&mut key, path.as_bytes());
        inputs(&mut key);
        let key = key.finalize();
        if sink.holds(path, &key) {
            return Ok(());
        }
        let inputs = |cache_key: &mut blake3::Hasher| {
            cache_key.update(key.as_bytes());
        };
        sink.keyed(self.cached_file(path, kind, inputs, make)?, key)
    }

    /// [`Site::keyed_file`] for a page `make` renders with the theme's `template`: never
    /// held when a template reads the environment, which makes pages no key can tell apart.
    pub fn keyed_page(
        &self,
        sink: &dyn Sink,
        path: &str,
        template: &str,
        inputs: impl FnOnce(&mut blake3::Hasher),
        make: impl FnOnce() -> Result<Vec<u8>, BuildError>,
    ) -> Result<(), BuildError> {
        if !self.theme.context_only {
            return sink.files(vec![self.cached_file(path, template, inputs, make)?]);
        }
        self.keyed_file(sink, path, template, inputs, make)
    }

    /// Hands `sink` the output file at `path`: `template` rendered with `context`, through
    /// [`Site::keyed_page`]: a template sees nothing but its context (and the theme and
    /// base path, which the cache keys on and whose change reloads a served site).
    pub fn render_page(
        &self,
        sink: &dyn Sink,
        path: &str,
        template: &str,
        context: tera::Context,
    ) -> Result<(), BuildError> {
        let keyed = self.page_cache.is_some() || sink.keeps_keys();
        let (inputs, make) = self.templated(template, context, keyed);
        self.keyed_page(sink, path, template, inputs, make)
    }

    /// The output file at `path`: `template` rendered with `context`, through
    /// [`Site::cached_file`], for an output that hands over all its files at once.
    pub fn rendered_file(
        &self,
        path: &str,
        template: &str,
        context: tera::Context,
    ) -> Result<OutputFile, BuildError> {
        let (inputs, make) = self.templated(template, context, self.page_cache.is_some());
        self.cached_file(path, template, inputs, make)
    }

    /// The key inputs and the maker of `template` rendered with `context`; `keyed` when the
    /// inputs will be asked for.
    fn templated<'a>(
        &'a self,
        template: &'a str,
        context: tera::Context,
        keyed: bool,
    ) -> (
        impl FnOnce(&mut blake3::Hasher) + 'a,
        impl FnOnce() -> Result<Vec<u8>, BuildError> + 'a,
    ) {
        // The context is taken apart to JSON values for the key and put back, never copied:
        // an index page's context is hundreds of MB at a hundred times this archive.
        let json = context.into_json();
        // Hashed apart first: `make` takes the JSON.
        let hash = keyed.then(|| {
            let mut hash = blake3::Hasher::new();
            hash_serialized(&mut hash, &json);
            hash.finalize()
        });
        let inputs = move |key: &mut blake3::Hasher| {
            key.update(
                hash.expect("inputs are only asked for with a cache or keys")
                    .as_bytes(),
            );
        };
        let make = move || {
            let context = tera::Context::from_value(json).expect("a context's JSON is an object");
            self.theme
                .render(template, &context)
                .map(String::into_bytes)
        };
        (inputs, make)
    }

    /// Hands `sink` the output file at `path`: `template` rendered with the context `page`
    /// serializes to (an object: the page's variables, `site` and `page_title` among them),
    /// through [`Site::keyed_page`]. Its key hashes `page` as it serializes, without the
    /// JSON values a context holds: cheaper than [`Site::render_page`] for a page that is
    /// mostly held, whose context is only made on a miss.
    pub fn render_view(
        &self,
        sink: &dyn Sink,
        path: &str,
        template: &str,
        page: &impl Serialize,
    ) -> Result<(), BuildError> {
        self.keyed_page(
            sink,
            path,
            template,
            |key| hash_serialized(key, page),
            || {
                let context =
                    tera::Context::from_serialize(page).expect("a page's view is an object");
                self.theme
                    .render(template, &context)
                    .map(String::into_bytes)
            },
        )
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

/// What page keys know of an edition without reading it again.
struct Digested {
    digest: blake3::Hash,
    keps: BTreeSet<KepRef>,
}

/// [`Site::edition_digest`], made: of every field but those the parser makes of the
/// Markdown and the line it starts on alone (the headings and sections: hashing them
/// in JSON was a tenth of a warm build). Listed whole, so that a new field is a compile
/// error here until it is hashed or said to be made.
fn digest(edition: &Edition) -> blake3::Hash {
    let Edition {
        source,
        title,
        date,
        published,
        slug,
        url,
        draft,
        front_matter,
        body,
        punctuation,
        headings: _,
        sections: _,
    } = edition;
    let mut hash = blake3::Hasher::new();
    hash_serialized(
        &mut hash,
        &(
            source,
            title,
            date,
            published,
            slug,
            url,
            draft,
            front_matter,
            body,
            punctuation,
        ),
    );
    hash.finalize()
}

/// How the site's configuration says editions are read.
pub fn load_options(config: &SiteConfig) -> LoadOptions {
    LoadOptions {
        permalink: config.permalink.clone(),
        drafts: config.drafts,
    }
}
