//! The seam every output goes through: a new kind of output (a feed, search, data files)
//! is one new [`Renderer`] in lwkd-outputs and one line in its `all`.

use std::sync::Mutex;

use rayon::prelude::*;

pub use crate::changes::EditionChanges;
use crate::error::BuildError;
use crate::site::Site;
use lwkd_output::OutputFile;

pub trait Renderer: Send + Sync {
    /// Short name for timings and errors.
    fn name(&self) -> &'static str;
    /// Every file this output contributes to the site.
    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError>;
    /// Hands every file to `sink` as it is made; outputs with many files override it so
    /// that a full build writes pages as it goes instead of holding them all.
    fn render_to(&self, site: &Site, sink: &Sink<'_>) -> Result<(), BuildError> {
        sink(self.render(site)?)
    }
    /// For `lwkd serve`: the part of this output that depends on `changes`, when this
    /// output can tell; `None` (the default) re-renders all of it. The incremental test
    /// checks that a rebuild from these parts equals a full build, byte for byte.
    fn render_changed(
        &self,
        _site: &Site,
        _changes: &EditionChanges,
    ) -> Option<Result<Partial, BuildError>> {
        None
    }
    /// For `lwkd serve`: an output too slow for a rebuild's critical path (the search
    /// index) hands its work over here, to run on a thread of its own once edits pause;
    /// until the job's files replace them, its previous files are served. `None` (the
    /// default) renders with the others.
    fn render_later(&self, _site: &Site) -> Option<Result<Job, BuildError>> {
        None
    }
    /// Files describing the others (the sitemap): called once every `render` (or
    /// `render_changed`) is done, with the path of every file the output will hold. In
    /// `lwkd serve` it is called again only when those paths or the list of editions
    /// ([`EditionChanges::listed`]) changed: it must read nothing else an edit can change.
    fn render_after(&self, _site: &Site, _paths: &[&str]) -> Result<Vec<OutputFile>, BuildError> {
        Ok(Vec::new())
    }
}

/// Work [`Renderer::render_later`] hands over: it owns what it needs from the site.
pub type Job = Box<dyn FnOnce() -> Result<Vec<OutputFile>, BuildError> + Send>;

/// Where [`Renderer::render_to`] puts files; called from many threads at once.
pub type Sink<'a> = dyn Fn(Vec<OutputFile>) -> Result<(), BuildError> + Sync + 'a;

/// Part of an output, re-rendered.
pub struct Partial {
    /// The files that may have changed.
    pub files: Vec<OutputFile>,
    /// The path of every file a full `render` would return now, so that the files of
    /// removed editions can be deleted; `None` when that is the same files as before.
    pub paths: Option<Vec<String>>,
}

impl Partial {
    /// Nothing changed: no file, and the same paths as before.
    pub fn unchanged() -> Partial {
        Partial {
            files: Vec::new(),
            paths: None,
        }
    }
}

/// The files `render_to` hands its sink, gathered, with what it returns: for an output that
/// streams its pages in a full build and returns them in `render` and `render_changed`.
/// Sorted by path, as the order they came in is the threads'.
pub fn gather<T>(
    render_to: impl FnOnce(&Sink<'_>) -> Result<T, BuildError>,
) -> Result<(Vec<OutputFile>, T), BuildError> {
    let files = Mutex::new(Vec::new());
    let value = render_to(&|batch| {
        files.lock().expect("no sink panicked").extend(batch);
        Ok(())
    })?;
    let mut files = files.into_inner().expect("no sink panicked");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, value))
}

/// Runs every renderer's [`Renderer::render_after`] on `paths`: the files each adds, by the
/// renderer's position in `renderers`.
pub fn render_after(
    renderers: &[Box<dyn Renderer>],
    site: &Site,
    paths: &[&str],
) -> Result<Vec<(usize, Vec<OutputFile>)>, BuildError> {
    renderers
        .par_iter()
        .enumerate()
        .map(|(n, r)| r.render_after(site, paths).map(|files| (n, files)))
        .collect()
}
