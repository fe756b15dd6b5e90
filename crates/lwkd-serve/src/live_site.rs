//! Incremental rebuilds for `lwkd serve`: a [`LiveSite`] keeps the loaded site and the
//! bytes it wrote between rebuilds, with the key of each page (a hash of what it is made
//! of). After edits to editions it re-reads only those files, brings the index up to date
//! (`Taxonomy::update`), makes again only the pages whose key changed (outputs without
//! keys are made whole) and writes only files whose bytes changed. The search index,
//! which reads every edition, is left for [`LiveSite::finish_later`], once edits pause.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use lwkd_config::SiteConfig;
use lwkd_content::{is_edition_file, read_edition_with_body, Diagnostic, Edition, EditionBody};
use rayon::prelude::*;

use lwkd_output::{
    cache_dir_for, check_output_dir, holding, join_below, write_atomically, Body, OutputError,
    OutputFile,
};
use lwkd_outputs::{sitemap, SearchIndex};
use lwkd_render::{
    build_day, load_options, read_upstream, BuildError, BuildReport, Gathered, Renderer, Scope,
    Site, Timings,
};

/// One output's files, as a rebuild made them.
struct Part {
    /// The renderer's name, or [`SITEMAP`].
    name: &'static str,
    /// The paths of all its files, when `files` is only part of them.
    all: Option<Vec<String>>,
    files: Vec<OutputFile>,
    /// The keys of the files made from keyed inputs (lwkd-render's `Site::keyed_file`).
    keys: Vec<(String, blake3::Hash)>,
}

/// Who makes `sitemap.xml` in [`LiveSite::written`]: the step after the renderers.
const SITEMAP: &str = "sitemap";

/// A built site kept in memory, ready to rebuild what changed. A `site.toml` change needs
/// a new [`LiveSite::build`]: the configuration decides everything else.
pub struct LiveSite {
    site: Site,
    renderers: Vec<Box<dyn Renderer>>,
    /// What the output directory holds: each file and the output that made it.
    written: BTreeMap<String, (&'static str, Body)>,
    /// The key of each file in `written` made from keyed inputs: a rebuild makes such a
    /// file again only when its key changed.
    keys: HashMap<String, blake3::Hash>,
    /// The editions folder, canonical, to tell edition files from other changes.
    posts_dir: PathBuf,
    /// A rebuild failed after the content changed: the next one renders everything.
    stale: bool,
    /// A rebuild left the search index out: [`LiveSite::finish_later`] renders it.
    search_due: bool,
    /// An edition that stops reading keeps its last good page (see [`LiveSite::keep_last_good_pages`]).
    keep_last_good: bool,
}

/// Whether `renderer` is the search index, which a rebuild after edits leaves for later:
/// the edited edition is live at once and search follows, as indexing reads every
/// edition and a rebuild's critical path only the edited one.
fn is_search(renderer: &dyn Renderer) -> bool {
    renderer.name() == SearchIndex.name()
}

impl LiveSite {
    /// A full build, written atomically as [`lwkd_outputs::build`] writes it.
    pub fn build(config: SiteConfig) -> Result<(LiveSite, BuildReport), BuildError> {
        check_output_dir(&config)?;
        let mut timings = Timings::default();
        let start = Instant::now();
        // Read once: a rebuild reloads the content, never the upstream facts.
        let (upstream, upstream_notes) =
            read_upstream(&config, Some(&cache_dir_for(&config.output_dir)));
        timings.load = start.elapsed();
        let mut site = Site::load(config, upstream, &mut timings)?;
        site.digest_editions(None)?;
        let posts = site.config.content_dir.join("_posts");
        let posts_dir = if posts.is_dir() {
            posts
        } else {
            site.config.content_dir.clone()
        };
        let posts_dir = posts_dir.canonicalize().map_err(|source| OutputError::Io {
            path: posts_dir.clone(),
            source,
        })?;
        let mut live = LiveSite {
            site,
            renderers: lwkd_outputs::all(),
            written: BTreeMap::new(),
            keys: HashMap::new(),
            posts_dir,
            stale: false,
            search_due: false,
            keep_last_good: false,
        };
        let report = live.render_all(timings, true)?;
        Ok((
            live,
            BuildReport {
                upstream_notes,
                ..report
            },
        ))
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// From now on an edition edited into one that does not read (broken front matter)
    /// keeps its last good page, with its error reported, until it is fixed or removed,
    /// instead of losing its page as a full build would: what `lwkd serve` wants while
    /// someone types.
    pub fn keep_last_good_pages(&mut self) {
        self.keep_last_good = true;
    }

    /// Rebuilds after the files at `changed` were edited, added or removed. When all of
    /// them are editions, only they are re-read; anything else (a template, a static file,
    /// a copied content file), or a new build day, reloads the theme and the content and
    /// re-renders everything.
    /// Either way only files whose bytes changed are written; the report's `files` counts
    /// the files written or deleted.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<BuildReport, BuildError> {
        let stale = std::mem::replace(&mut self.stale, true);
        // On a worker of the thread pool, so that each parallel step starts without a
        // hand-over to the pool and back.
        let report = rayon::scope(|_| self.rebuild_changed(changed, stale));
        self.stale = report.is_err();
        report
    }

    /// Whether the search index waits for [`LiveSite::finish_later`].
    pub fn has_later(&self) -> bool {
        self.search_due
    }

    /// Renders the search index when a rebuild left it out, and writes what changed;
    /// `None` when it was not due. `lwkd serve` calls it once edits pause.
    pub fn finish_later(&mut self) -> Result<Option<BuildReport>, BuildError> {
        if !std::mem::take(&mut self.search_due) {
            return Ok(None);
        }
        let start = Instant::now();
        let search = self
            .renderers
            .iter()
            .find(|r| is_search(r.as_ref()))
            .expect("the outputs hold the search index");
        let gathered = Gathered::default();
        search.render(&self.site, Scope::All, &gathered)?;
        let part = Part {
            name: search.name(),
            all: None,
            files: gathered.into_parts().files,
            keys: Vec::new(),
        };
        let render = start.elapsed();
        let start = Instant::now();
        let files = self.apply(vec![part], false)?;
        let timings = Timings {
            render,
            write: start.elapsed(),
            ..Timings::default()
        };
        Ok(Some(self.report(files, timings)))
    }

    fn rebuild_changed(
        &mut self,
        changed: &[PathBuf],
        stale: bool,
    ) -> Result<BuildReport, BuildError> {
        let mut timings = Timings::default();
        let sources: Option<Vec<PathBuf>> =
            changed.iter().map(|p| self.edition_source(p)).collect();
        let start = Instant::now();
        let edited = match sources {
            Some(sources)
                if !stale
                    && !self.site.content.has_url_collisions()
                    // Pages show what is past and what is next: on another day the
                    // site is loaded again, with that day.
                    && build_day() == self.site.build_day =>
            {
                self.reread(&sources)
            }
            _ => None,
        };
        let Some(edited) = edited else {
            self.reload(&mut timings)?;
            return self.render_all(timings, false);
        };
        timings.load = start.elapsed();
        let start = Instant::now();
        // The index reads the edited editions from the Markdown just read and held, not
        // from their files again. It is taken out of the site for that, and put back
        // whatever the update gives: a failed one leaves it as it was.
        let mut taxonomy = std::mem::take(&mut self.site.taxonomy);
        let site = &self.site;
        let updated = taxonomy.update(&site.content.editions, &edited, &site.upstream, |e| {
            site.body(e)
        });
        self.site.taxonomy = taxonomy;
        updated?;
        timings.index = start.elapsed();

        let start = Instant::now();
        let parts = self.render_parts(Scope::Changed)?;
        timings.render = start.elapsed();
        let start = Instant::now();
        let files = self.apply(parts, false)?;
        timings.write = start.elapsed();
        Ok(self.report(files, timings))
    }

    /// The path an edition at `changed` has in `Edition::source`, or `None` when `changed`
    /// is not an edition file.
    fn edition_source(&self, changed: &Path) -> Option<PathBuf> {
        // Hidden files and links are for a full load to judge (it skips or confines them).
        let hidden = changed.file_name()?.to_string_lossy().starts_with('.');
        if !is_edition_file(changed)
            || hidden
            || std::fs::symlink_metadata(changed).is_ok_and(|m| m.file_type().is_symlink())
        {
            return None;
        }
        // A removed file cannot be canonicalized; its folder can.
        let dir = changed.parent()?.canonicalize().ok()?;
        let rel = dir
            .strip_prefix(&self.posts_dir)
            .ok()?
            .join(changed.file_name()?);
        let posts = self.site.config.content_dir.join("_posts");
        let root = if posts.is_dir() {
            posts
        } else {
            self.site.config.content_dir.clone()
        };
        Some(root.join(rel))
    }

    /// Re-reads the editions at `sources` into the content, as a full load would have
    /// read them, and gives the indices of those read again; `None` when the change makes
    /// two editions claim one URL.
    fn reread(&mut self, sources: &[PathBuf]) -> Option<BTreeSet<usize>> {
        let editions = &mut self.site.content.editions;
        let changed: BTreeSet<&PathBuf> = sources.iter().collect();
        let options = load_options(&self.site.config);
        let parsed: Vec<_> = sources
            .par_iter()
            .filter(|p| p.is_file())
            .map(|p| (p.clone(), read_edition_with_body(p, &options)))
            .collect();
        // The Markdown read of each source that still gives an edition.
        let mut bodies: HashMap<PathBuf, EditionBody> = HashMap::new();
        let (old, kept): (Vec<Edition>, Vec<Edition>) = std::mem::take(editions)
            .into_iter()
            .partition(|e| changed.contains(&e.source));
        *editions = kept;
        let diagnostics = &mut self.site.content.diagnostics;
        diagnostics.retain(|d| !changed.contains(&d.path));
        // Editions kept as they were: their file no longer holds them, so nothing is made
        // of them again (their pages and digests stay).
        let mut kept_as_were = Vec::new();
        for (source, (p, body)) in parsed {
            // An edition that no longer reads keeps its last good page (the error is shown
            // over it) until it is fixed or removed.
            let broken = self.keep_last_good
                && p.edition.is_none()
                && p.diagnostics.iter().any(Diagnostic::is_error);
            let last_good = broken
                .then(|| p.diagnostics.first())
                .flatten()
                .and_then(|d| old.iter().find(|e| e.source == d.path).cloned());
            if last_good.is_some() {
                kept_as_were.push(source);
            } else if let Some(body) = body {
                bodies.insert(source, body);
            }
            diagnostics.extend(p.diagnostics);
            editions.extend(
                p.edition
                    .or(last_good)
                    .filter(|e| options.drafts || !e.draft),
            );
        }
        // The order a full load gives: diagnostics by file, editions by date then file.
        diagnostics.sort_by(|a: &Diagnostic, b: &Diagnostic| a.path.cmp(&b.path));
        editions.sort_by(|a, b| (a.published, &a.source).cmp(&(b.published, &b.source)));
        let mut urls = BTreeSet::new();
        if !editions.iter().all(|e| urls.insert(&e.url)) {
            return None;
        }

        let sources: Vec<PathBuf> = sources
            .iter()
            .filter(|s| !kept_as_were.contains(s))
            .cloned()
            .collect();
        let edited = editions
            .iter()
            .enumerate()
            .filter(|(_, e)| sources.contains(&e.source))
            .map(|(i, _)| i)
            .collect();
        for source in &sources {
            self.site.hold_body(source, bodies.remove(source));
        }
        // An edition that cannot be read again now is reloaded with the rest, and told of.
        self.site.digest_editions(Some(&sources)).ok()?;
        Some(edited)
    }

    /// Reloads the theme and all content, for changes an edition-by-edition update cannot follow.
    fn reload(&mut self, timings: &mut Timings) -> Result<(), BuildError> {
        self.site = Site::load(
            self.site.config.clone(),
            Arc::clone(&self.site.upstream),
            timings,
        )?;
        self.site.digest_editions(None)
    }

    /// Renders every output whole and writes what changed (everything on the first build).
    fn render_all(&mut self, mut timings: Timings, first: bool) -> Result<BuildReport, BuildError> {
        let start = Instant::now();
        let parts = self.render_parts(Scope::All)?;
        timings.render = start.elapsed();
        let start = Instant::now();
        let files = if first {
            let mut all: Vec<OutputFile> = parts
                .iter()
                .flat_map(|part| part.files.iter().cloned())
                .collect();
            all.sort_by(|a, b| a.path.cmp(&b.path));
            write_atomically(&self.site.config.output_dir, &all)?;
            for part in parts {
                let name = part.name;
                self.written
                    .extend(part.files.into_iter().map(|f| (f.path, (name, f.body))));
                self.keys.extend(part.keys);
            }
            all.len()
        } else {
            self.apply(parts, true)?
        };
        timings.write = start.elapsed();
        Ok(self.report(files, timings))
    }

    /// Every renderer's output, then the sitemap. Under [`Scope::Changed`], the files held
    /// from the same inputs are not made again, and the search index is left for
    /// [`LiveSite::finish_later`], its previous files kept meanwhile.
    fn render_parts(&mut self, scope: Scope) -> Result<Vec<Part>, BuildError> {
        let changed = scope == Scope::Changed;
        let site = &self.site;
        let written = &self.written;
        let previous = |name: &str| {
            written
                .iter()
                .filter(|(_, (owner, _))| *owner == name)
                .map(|(path, _)| path.clone())
                .collect::<Vec<_>>()
        };
        // After edits, the files the output holds from unchanged inputs are not made again.
        let held = changed.then_some(&self.keys);
        let mut parts: Vec<Part> = self
            .renderers
            .par_iter()
            .map(|r| {
                let name = r.name();
                if changed && is_search(r.as_ref()) {
                    return Ok(Part {
                        name,
                        all: Some(previous(name)),
                        files: Vec::new(),
                        keys: Vec::new(),
                    });
                }
                let gathered = Gathered::keeping(held);
                r.render(site, scope, &gathered)?;
                let gathered = gathered.into_parts();
                // An output that made nothing of the changes keeps its files.
                let all = match gathered.paths {
                    None if gathered.files.is_empty() && changed => Some(previous(name)),
                    paths => paths,
                };
                Ok(Part {
                    name,
                    all,
                    files: gathered.files,
                    keys: gathered.keys,
                })
            })
            .collect::<Result<_, BuildError>>()?;
        self.search_due = changed;
        let paths: Vec<&str> = parts
            .iter()
            .flat_map(|part| match &part.all {
                Some(all) => all.iter().map(String::as_str).collect::<Vec<_>>(),
                None => part.files.iter().map(|f| f.path.as_str()).collect(),
            })
            .collect();
        let sitemap = sitemap(&self.site, &paths)?;
        parts.push(Part {
            name: SITEMAP,
            all: None,
            files: vec![sitemap],
            keys: Vec::new(),
        });
        Ok(parts)
    }

    /// Brings `written` and the output directory up to date with rendered `parts`: each is
    /// one renderer's files, with the paths of all its files when the files are only part
    /// of them. A copied file is compared with what the output holds when its source
    /// is another file, or, with `recopy`, may have changed.
    /// Returns how many files were written or deleted.
    fn apply(&mut self, parts: Vec<Part>, recopy: bool) -> Result<usize, BuildError> {
        let out = &self.site.config.output_dir;
        let mut rendered: BTreeSet<&str> = BTreeSet::new();
        let mut current: BTreeSet<String> = BTreeSet::new();
        let mut files: Vec<(&'static str, OutputFile)> = Vec::new();
        for part in parts {
            let name = part.name;
            rendered.insert(name);
            current.extend(
                part.all
                    .unwrap_or_else(|| part.files.iter().map(|f| f.path.clone()).collect()),
            );
            // A file made again has the key it was made with now, or none.
            for f in &part.files {
                self.keys.remove(&f.path);
            }
            self.keys.extend(part.keys);
            files.extend(part.files.into_iter().map(|f| (name, f)));
        }
        let changed = |f: &OutputFile| match (self.written.get(&f.path), &f.body) {
            (None, _) => true,
            (Some((_, body)), Body::Copy(_)) if recopy || *body != f.body => {
                !join_below(out, &f.path).is_ok_and(|live| holding(&live, &f.body).is_some())
            }
            (Some((_, body)), _) => *body != f.body,
        };
        let changed: Vec<bool> = files.par_iter().map(|(_, f)| changed(f)).collect();
        let (fresh, same): (Vec<_>, Vec<_>) = files
            .into_iter()
            .zip(changed)
            .partition(|(_, changed)| *changed);
        let fresh: Vec<(&str, OutputFile)> = fresh.into_iter().map(|(file, _)| file).collect();
        self.written
            .extend(same.into_iter().map(|((n, f), _)| (f.path, (n, f.body))));
        let gone: Vec<String> = self
            .written
            .iter()
            .filter(|(path, (name, _))| rendered.contains(name) && !current.contains(*path))
            .map(|(path, _)| path.clone())
            .collect();
        for path in &gone {
            remove_file(out, path)?;
            self.written.remove(path);
            self.keys.remove(path);
        }
        fresh
            .par_iter()
            .try_for_each(|(_, f)| replace_file(out, f))?;
        let count = fresh.len() + gone.len();
        self.written
            .extend(fresh.into_iter().map(|(n, f)| (f.path, (n, f.body))));
        Ok(count)
    }

    fn report(&self, files: usize, timings: Timings) -> BuildReport {
        let content = &self.site.content;
        BuildReport {
            editions: content.editions.len(),
            files,
            diagnostics: content.diagnostics.clone(),
            upstream_notes: Vec::new(),
            timings,
        }
    }
}

/// Writes one file in place, through a temporary file and a rename, so that the server
/// never sends half a page.
fn replace_file(out: &Path, file: &OutputFile) -> Result<(), BuildError> {
    let target = join_below(out, &file.path)?;
    let err = |source: std::io::Error| OutputError::Io {
        path: target.clone(),
        source,
    };
    let dir = target.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(err)?;
    let temp = dir.join(format!(
        ".{}.lwkd-{}",
        target
            .file_name()
            .map_or("file".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    match &file.body {
        Body::Bytes(bytes) => std::fs::write(&temp, bytes).map_err(err)?,
        Body::Copy(source) => drop(std::fs::copy(source, &temp).map_err(err)?),
        // The file there holds it already (serve opens no page cache, which gives these).
        Body::Kept(_) => return Ok(()),
    }
    std::fs::rename(&temp, &target).map_err(err)?;
    Ok(())
}

/// Deletes one output file and the folders it leaves empty.
fn remove_file(out: &Path, path: &str) -> Result<(), BuildError> {
    let target = join_below(out, path)?;
    match std::fs::remove_file(&target) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(OutputError::Io {
                path: target,
                source: e,
            }
            .into());
        }
        _ => {}
    }
    let mut dir = target.parent();
    while let Some(d) = dir.filter(|d| *d != out) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}
