//! Rebuilds on change: a debounced watcher on the site's sources feeds one builder thread,
//! which builds, reports to the terminal and tells open pages through [`LiveReload`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lwkd_config::{ConfigError, SiteConfig, CONFIG_FILE};
use lwkd_output::MARKER;
use lwkd_render::{BuildError, BuildReport};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::live::LiveReload;
use crate::live_site::LiveSite;
use crate::ServeError;

/// Why a build under `lwkd serve` failed; the last good site stays served.
#[derive(Debug, thiserror::Error)]
enum RebuildError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Build(#[from] BuildError),
    /// A panic in a build: a bug, not the input's fault.
    #[error("the build stopped on an internal error ({0}); please report it")]
    Panicked(String),
}

/// How long the watcher waits for a burst of writes (an editor's save) to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// Builds the site and publishes the outcome. After the first full build it keeps the
/// loaded site (lwkd-render's [`LiveSite`]) to rebuild only what changed.
pub(crate) struct Rebuilder {
    load_config: Box<dyn Fn() -> Result<SiteConfig, ConfigError> + Send>,
    /// Fixed for the server's life: it is what the server reads.
    output_dir: PathBuf,
    live: Arc<LiveReload>,
    /// `None` until a full build succeeds, and again after `site.toml` changes or a build
    /// fails (so that the next build finds every error, not only those in what changed).
    site: Option<LiveSite>,
}

impl Rebuilder {
    pub(crate) fn new(
        load_config: impl Fn() -> Result<SiteConfig, ConfigError> + Send + 'static,
        output_dir: PathBuf,
        live: Arc<LiveReload>,
    ) -> Self {
        Rebuilder {
            load_config: Box::new(load_config),
            output_dir,
            live,
            site: None,
        }
    }

    /// Builds everything when `changed` is empty, else what `changed` affects. On success
    /// the new site is live; on failure the last good one stays.
    pub(crate) fn rebuild(&mut self, changed: &[PathBuf]) {
        let start = Instant::now();
        let config_changed = changed
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == CONFIG_FILE));
        if changed.is_empty() || config_changed {
            self.site = None;
        }
        // A panic in a build (a bug, not the input's fault) fails that build like any error:
        // the server and its watcher stay up with the last good site.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.build(changed)))
            .unwrap_or_else(|panic| {
                let what = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("a panic");
                Err(RebuildError::Panicked(what.to_string()))
            });
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(report) => {
                let errors: Vec<String> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(ToString::to_string)
                    .collect();
                // Warnings once, at the first build; errors every time until fixed. Upstream
                // data is read again (and told about) only when site.toml may name other data.
                if changed.is_empty() || config_changed {
                    for note in &report.upstream_notes {
                        eprintln!("{note}");
                    }
                }
                for d in report
                    .diagnostics
                    .iter()
                    .filter(|d| changed.is_empty() || d.is_error())
                {
                    eprintln!("{d}");
                }
                let outcome = if changed.is_empty() {
                    format!(
                        "built {} editions, {} files in {ms:.0} ms",
                        report.editions, report.files
                    )
                } else {
                    let t = &report.timings;
                    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
                    format!(
                        "rebuilt in {:.0} ms (load {:.0}, index {:.0}, render {:.0}, write {:.0}): {} files written or removed",
                        start.elapsed().as_secs_f64() * 1000.0,
                        ms(t.load),
                        ms(t.index),
                        ms(t.render),
                        ms(t.write),
                        report.files
                    )
                };
                let broken = match errors.len() {
                    0 => String::new(),
                    n => format!("; {n} errors (above and in the browser), the rest is live"),
                };
                eprintln!("{outcome}{broken}");
                let css_only = !changed.is_empty()
                    && changed
                        .iter()
                        .all(|p| p.extension().is_some_and(|e| e == "css"));
                self.live.built(css_only, errors);
            }
            Err(e) => {
                self.site = None;
                eprintln!("error: {e}");
                eprintln!("still serving the last good build; fix the file and save to rebuild");
                self.live.failed(vec![e.to_string()]);
            }
        }
    }

    /// Whether a rebuild left the search index to be rendered once edits pause.
    fn has_later(&self) -> bool {
        self.site.as_ref().is_some_and(LiveSite::has_later)
    }

    /// Renders the search index a rebuild left out. Open search pages reload to use it;
    /// other pages do not change.
    fn finish_later(&mut self) {
        let Some(site) = &mut self.site else { return };
        match site.finish_later() {
            Ok(None) => {}
            Ok(Some(report)) => {
                let ms = |d: Duration| d.as_secs_f64() * 1000.0;
                eprintln!(
                    "search index updated in {:.0} ms (write {:.0}): {} files written or removed",
                    ms(report.timings.render),
                    ms(report.timings.write),
                    report.files
                );
                self.live.search_built();
            }
            Err(e) => eprintln!("error: {e}; search keeps its previous index"),
        }
    }

    fn build(&mut self, changed: &[PathBuf]) -> Result<BuildReport, RebuildError> {
        // An output deleted or replaced under the server is built again whole.
        if !self.output_dir.join(MARKER).is_file() {
            self.site = None;
        }
        if let Some(site) = &mut self.site {
            return Ok(site.rebuild(changed)?);
        }
        let mut config = (self.load_config)()?;
        config.output_dir = self.output_dir.clone();
        let (mut site, report) = LiveSite::build(config)?;
        site.keep_last_good_pages();
        self.site = Some(site);
        Ok(report)
    }
}

/// The watcher, shared with the builder thread (which watches a source folder again when
/// it is replaced); taking it out and stopping it ends the thread.
type SharedDebouncer = Arc<Mutex<Option<Debouncer<RecommendedWatcher, RecommendedCache>>>>;

/// The watcher and its builder thread.
pub(crate) struct Watch {
    debouncer: SharedDebouncer,
    builder: JoinHandle<()>,
}

impl Watch {
    /// Stops watching and waits for a build in progress to finish.
    pub(crate) fn stop(self) {
        let debouncer = self.debouncer.lock().ok().and_then(|mut d| d.take());
        if let Some(debouncer) = debouncer {
            debouncer.stop();
        }
        let _ = self.builder.join();
    }
}

/// Watches content, theme, static files and `site.toml`, rebuilding on each change.
pub(crate) fn watch(config: &SiteConfig, mut rebuilder: Rebuilder) -> Result<Watch, ServeError> {
    let sources = Sources::of(config);
    let (tx, rx) = channel();
    let watch_error = |path: &Path, e: &dyn std::fmt::Display| ServeError::Watch {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 5), tx)
        .map_err(|e| watch_error(&config.root, &e))?;
    for dir in &sources.dirs {
        debouncer
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| watch_error(dir, &e))?;
    }
    // The root itself only for site.toml: watching the file would lose it to an editor's
    // write-and-rename save.
    debouncer
        .watch(&sources.root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&sources.root, &e))?;
    let debouncer: SharedDebouncer = Arc::new(Mutex::new(Some(debouncer)));
    let shared = Arc::clone(&debouncer);
    let builder = std::thread::Builder::new()
        .name("lwkd-rebuild".into())
        .spawn(move || rebuild_on_change(&rx, &sources, &mut rebuilder, &shared))
        .expect("spawn the rebuild thread");
    Ok(Watch { debouncer, builder })
}

/// How long edits must pause before the search index is rendered: saves come in bursts
/// while someone writes, and indexing every edition would hold up the rebuilds of the next.
const PAUSE: Duration = Duration::from_millis(500);

fn rebuild_on_change(
    rx: &Receiver<DebounceEventResult>,
    sources: &Sources,
    rebuilder: &mut Rebuilder,
    debouncer: &SharedDebouncer,
) {
    loop {
        let first = if rebuilder.has_later() {
            match rx.recv_timeout(PAUSE) {
                Ok(first) => first,
                Err(RecvTimeoutError::Timeout) => {
                    rebuilder.finish_later();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(first) => first,
                Err(_) => return,
            }
        };
        // Whatever arrived meanwhile goes into the same build.
        let mut changed = BTreeSet::new();
        let mut output_touched = false;
        for result in std::iter::once(first).chain(rx.try_iter()) {
            match result {
                Ok(events) => {
                    let paths = events
                        .into_iter()
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.event.paths);
                    for path in paths {
                        output_touched |= path == sources.output_dir;
                        if sources.contains(&path) {
                            changed.insert(path);
                        }
                    }
                }
                Err(errors) => errors
                    .iter()
                    .for_each(|e| eprintln!("warning: watching for changes: {e}")),
            }
        }
        // A source folder replaced as a whole (moved away and back, checked out anew): the
        // old watch went with the old folder, so it is watched again and built whole.
        if changed.iter().any(|p| sources.dirs.contains(p)) {
            sources.watch_again(debouncer);
            eprintln!("changed: a source folder was replaced");
            rebuilder.rebuild(&[]);
            continue;
        }
        if output_touched && !sources.output_dir.join(MARKER).is_file() {
            eprintln!("changed: the output folder was removed; building it again");
            rebuilder.rebuild(&[]);
            continue;
        }
        if changed.is_empty() {
            continue;
        }
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        let names: Vec<String> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(&sources.root)
                    .unwrap_or(p)
                    .display()
                    .to_string()
            })
            .collect();
        eprintln!("changed: {}", names.join(", "));
        rebuilder.rebuild(&changed);
    }
}

/// What a build reads, as the watcher reports paths.
struct Sources {
    root: PathBuf,
    dirs: Vec<PathBuf>,
    config_file: PathBuf,
    output_dir: PathBuf,
}

impl Sources {
    fn of(config: &SiteConfig) -> Sources {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let root = real(&config.root);
        let dirs = [&config.content_dir, &config.theme_dir, &config.static_dir]
            .into_iter()
            .filter(|d| d.is_dir())
            .map(|d| real(d))
            .collect();
        Sources {
            config_file: root.join(CONFIG_FILE),
            root,
            dirs,
            output_dir: real(&config.output_dir),
        }
    }

    /// Watches the source folders again; one that is gone now is left to the next change.
    fn watch_again(&self, debouncer: &SharedDebouncer) {
        let Ok(mut guard) = debouncer.lock() else {
            return;
        };
        let Some(debouncer) = guard.as_mut() else {
            return;
        };
        for dir in &self.dirs {
            let _ = debouncer.unwatch(dir);
            if let Err(e) = debouncer.watch(dir, RecursiveMode::Recursive) {
                eprintln!("warning: cannot watch {} again: {e}", dir.display());
            }
        }
    }

    /// A source file, not output, a staging directory or an editor's hidden swap file.
    fn contains(&self, path: &Path) -> bool {
        if path == self.config_file {
            return true;
        }
        if path.starts_with(&self.output_dir) {
            return false;
        }
        self.dirs.iter().any(|dir| {
            path.strip_prefix(dir).is_ok_and(|rel| {
                !rel.components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                    && !path.to_string_lossy().ends_with('~')
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_content_theme_static_and_site_toml() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        for dir in ["content", "themes/default/templates", "static", "public"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        let config = SiteConfig::load(&root).unwrap();
        let sources = Sources::of(&config);
        for yes in [
            "site.toml",
            "content/2024-04-14-update.md",
            "themes/default/templates/base.html",
            "static/style.css",
        ] {
            assert!(sources.contains(&root.join(yes)), "{yes}");
        }
        for no in [
            "public/index.html",
            ".public.lwkd-new-1/index.html",
            "content/.2024-04-14-update.md.swp",
            "content/a.md~",
            "Cargo.toml",
            "content/.git/HEAD",
        ] {
            assert!(!sources.contains(&root.join(no)), "{no}");
        }
    }
}
