//! The seam every output goes through: a new kind of output (a feed, search, data files)
//! is one new [`Renderer`] in lwkd-outputs and one line in its `all`.

use std::sync::Mutex;

pub use crate::changes::EditionChanges;
use crate::error::BuildError;
use crate::site::Site;
use lwkd_output::OutputFile;

pub trait Renderer: Send + Sync {
    /// Short name for timings and errors.
    fn name(&self) -> &'static str;
    /// Hands `sink` the files of this output that `scope` asks for, as they are made.
    fn render(&self, site: &Site, scope: &Scope<'_>, sink: &dyn Sink) -> Result<(), BuildError>;
}

/// Which files a render makes.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    /// Every file of the output: a full build.
    All,
    /// `lwkd serve` after edits to editions: the files that may read differently after
    /// `changes`. An output that cannot tell makes all of them; one that makes none is
    /// unchanged. tests/incremental.rs checks that a rebuild equals a full build, byte
    /// for byte.
    Changed(&'a EditionChanges),
}

impl<'a> Scope<'a> {
    /// The changes, when only what they change is asked for.
    pub fn changes(&self) -> Option<&'a EditionChanges> {
        match self {
            Scope::All => None,
            Scope::Changed(changes) => Some(changes),
        }
    }
}

/// Where a render puts its files; called from many threads at once.
pub trait Sink: Sync {
    fn files(&self, files: Vec<OutputFile>) -> Result<(), BuildError>;
    /// Under [`Scope::Changed`], from an output that makes only part of its files: the
    /// path of every file it holds now, made or not, so that the files of removed
    /// editions are deleted. Without it the files made are all of the output's, or, when
    /// none is made, its files are those it had.
    fn paths(&self, _paths: Vec<String>) {}
}

/// A [`Sink`] that keeps what it is handed.
#[derive(Default)]
pub struct Gathered {
    files: Mutex<Vec<OutputFile>>,
    paths: Mutex<Option<Vec<String>>>,
}

impl Gathered {
    /// The files handed, sorted by path (the order they came in is the threads'), and
    /// the paths of all the output's files when it gave them.
    pub fn into_parts(self) -> (Vec<OutputFile>, Option<Vec<String>>) {
        let mut files = self.files.into_inner().expect("no sink panicked");
        files.sort_by(|a, b| a.path.cmp(&b.path));
        (files, self.paths.into_inner().expect("no sink panicked"))
    }
}

impl Sink for Gathered {
    fn files(&self, files: Vec<OutputFile>) -> Result<(), BuildError> {
        self.files.lock().expect("no sink panicked").extend(files);
        Ok(())
    }

    fn paths(&self, paths: Vec<String>) {
        *self.paths.lock().expect("no sink panicked") = Some(paths);
    }
}
