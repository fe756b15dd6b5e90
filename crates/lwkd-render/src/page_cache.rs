//! The page cache: in a full build, a page (or feed entry) whose inputs are those it had in
//! the last full build is taken from `.lwkd-cache/pages.bin` (a [`CacheFile`]) instead of
//! rendered again. A page's key hashes its inputs (for a template, its whole context) with
//! what every page depends on: the program, the theme's files and the base path its `url`
//! filter adds. Most pages of a build in which a few editions changed come from here. A
//! theme whose templates read the environment gets no page cache (see [`Theme`]).

use std::borrow::Cow;
use std::path::Path;

use crate::cache_file::{hash_part, program_hasher, CacheFile};
use crate::error::BuildError;
use crate::theme::Theme;

/// First bytes of the file; a new layout gets a new one.
const MAGIC: &[u8] = b"lwkd pages 1\n";

pub(crate) struct PageCache {
    file: CacheFile,
    identity: blake3::Hash,
}

impl PageCache {
    pub fn open(cache_dir: &Path, theme: &Theme, base_path: &str) -> PageCache {
        let mut identity = program_hasher();
        hash_part(&mut identity, theme.fingerprint.as_bytes());
        hash_part(&mut identity, base_path.as_bytes());
        PageCache { file: CacheFile::open(cache_dir.join("pages.bin"), MAGIC), identity: identity.finalize() }
    }

    /// What `make` makes of `inputs`, taken from the cache when a page of this `kind` (a
    /// template's name) was made of the same inputs before.
    pub fn get_or_make(&self, kind: &str, inputs: &[u8], make: impl FnOnce() -> Result<String, BuildError>) -> Result<String, BuildError> {
        let mut key = blake3::Hasher::new();
        key.update(self.identity.as_bytes());
        hash_part(&mut key, kind.as_bytes());
        key.update(inputs);
        self.file.get_or_make(
            *key.finalize().as_bytes(),
            |bytes| String::from_utf8(bytes).ok(),
            make,
            |page| Cow::Borrowed(page.as_bytes()),
        )
    }

    /// Keeps the pages of this build for the next one.
    pub fn save(self) {
        self.file.save();
    }
}
