//! The seam every output goes through: a new kind of output (a feed, search, data files)
//! is one new [`Renderer`] in lwkd-outputs and one line in its `all`.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::BuildError;
use crate::site::Site;
use lwkd_output::OutputFile;

pub trait Renderer: Send + Sync {
    /// Short name for timings and errors.
    fn name(&self) -> &'static str;
    /// Hands `sink` the files of this output that `scope` asks for, as they are made.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError>;
}

/// Which files a render makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every file of the output: a full build.
    All,
    /// `lwkd serve` after edits to editions: every file is made through a key of its
    /// inputs ([`Site::keyed_file`](crate::Site::keyed_file)) and the sink skips those it
    /// holds from the same inputs, so only pages whose inputs changed are made again; an
    /// output gives `sink.paths` the paths of all its files. No output tracks what depends
    /// on what: tests/incremental.rs checks that a rebuild equals a full build, byte for byte.
    Changed,
}

/// Where a render puts its files; called from many threads at once.
pub trait Sink: Sync {
    fn files(&self, files: Vec<OutputFile>) -> Result<(), BuildError>;
    /// Under [`Scope::Changed`], from an output whose sink skips files it holds: the path
    /// of every file it holds now, made or not, so that the files of removed editions are
    /// deleted. Without it the files made are all of the output's, or, when none is made,
    /// its files are those it had.
    fn paths(&self, _paths: Vec<String>) {}
    /// Whether the sink keeps each page's key (a digest of its path, kind and inputs), to
    /// tell at the next build which pages it holds already (`lwkd serve`).
    fn keeps_keys(&self) -> bool {
        false
    }
    /// Whether the output holds the file at `path` made from inputs of this `key`: then
    /// it need not be made again.
    fn holds(&self, _path: &str, _key: &blake3::Hash) -> bool {
        false
    }
    /// A file made from inputs of `key`.
    fn keyed(&self, file: OutputFile, _key: blake3::Hash) -> Result<(), BuildError> {
        self.files(vec![file])
    }
}

/// A [`Sink`] that keeps what it is handed.
#[derive(Default)]
pub struct Gathered<'a> {
    files: Mutex<Vec<OutputFile>>,
    paths: Mutex<Option<Vec<String>>>,
    /// With [`Gathered::keeping`]: the keys of the files handed.
    keys: Option<Mutex<Vec<(String, blake3::Hash)>>>,
    /// The keys of the files the output holds, by path.
    held: Option<&'a HashMap<String, blake3::Hash>>,
}

/// What a [`Gathered`] was handed.
pub struct GatheredParts {
    /// Sorted by path (the order they came in is the threads').
    pub files: Vec<OutputFile>,
    /// The paths of all the output's files, when it gave them.
    pub paths: Option<Vec<String>>,
    /// The key of each file made from keyed inputs.
    pub keys: Vec<(String, blake3::Hash)>,
}

impl<'a> Gathered<'a> {
    /// A sink that keeps the files' keys, and, given `held` (the keys of the files the
    /// output holds, by path), is not handed the files it holds from the same inputs.
    pub fn keeping(held: Option<&'a HashMap<String, blake3::Hash>>) -> Self {
        Gathered {
            keys: Some(Mutex::default()),
            held,
            ..Gathered::default()
        }
    }

    pub fn into_parts(self) -> GatheredParts {
        let mut files = self.files.into_inner().expect("no sink panicked");
        files.sort_by(|a, b| a.path.cmp(&b.path));
        GatheredParts {
            files,
            paths: self.paths.into_inner().expect("no sink panicked"),
            keys: self
                .keys
                .map(|k| k.into_inner().expect("no sink panicked"))
                .unwrap_or_default(),
        }
    }
}

impl Sink for Gathered<'_> {
    fn files(&self, files: Vec<OutputFile>) -> Result<(), BuildError> {
        self.files.lock().expect("no sink panicked").extend(files);
        Ok(())
    }

    fn paths(&self, paths: Vec<String>) {
        *self.paths.lock().expect("no sink panicked") = Some(paths);
    }

    fn keeps_keys(&self) -> bool {
        self.keys.is_some()
    }

    fn holds(&self, path: &str, key: &blake3::Hash) -> bool {
        self.held.and_then(|held| held.get(path)) == Some(key)
    }

    fn keyed(&self, file: OutputFile, key: blake3::Hash) -> Result<(), BuildError> {
        if let Some(keys) = &self.keys {
            keys.lock()
                .expect("no sink panicked")
                .push((file.path.clone(), key));
        }
        self.files(vec![file])
    }
}
