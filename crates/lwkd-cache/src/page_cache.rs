//! The page cache: in a full build, a page (or feed entry) whose inputs are those it had in
//! the last full build is taken from `.lwkd-cache/pages.bin` (a [`CacheFile`]) instead of
//! rendered again. A page's key hashes its inputs (for a template, its whole context) with
//! what every page depends on: the program, the theme's files and the base path its `url`
//! filter adds. Most pages of a build in which a few editions changed come from here. A
//! theme whose templates read the environment gets no page cache (lwkd-render's `Theme`).

use std::borrow::Cow;
use std::io::{BufWriter, Write};
use std::path::Path;

use lwkd_content::Diagnostic;
use serde::Serialize;

use crate::cache_file::{hash_part, program_hasher, CacheFile};

/// First bytes of the file; a new layout gets a new one.
const MAGIC: &[u8] = b"lwkd pages 1\n";

pub struct PageCache {
    file: CacheFile,
    identity: blake3::Hash,
}

impl PageCache {
    pub fn open(cache_dir: &Path, theme_fingerprint: &[u8], base_path: &str) -> PageCache {
        let mut identity = program_hasher();
        hash_part(&mut identity, theme_fingerprint);
        hash_part(&mut identity, base_path.as_bytes());
        PageCache {
            file: CacheFile::open(cache_dir.join("pages.bin"), MAGIC),
            identity: identity.finalize(),
        }
    }

    /// What `make` makes of the inputs that `inputs` writes into the key, taken from the
    /// cache when a page of this `kind` (a template's name) was made of the same inputs before.
    pub fn get_or_make<E>(
        &self,
        kind: &str,
        inputs: impl FnOnce(&mut blake3::Hasher),
        make: impl FnOnce() -> Result<String, E>,
    ) -> Result<String, E> {
        let mut key = blake3::Hasher::new();
        key.update(self.identity.as_bytes());
        hash_part(&mut key, kind.as_bytes());
        inputs(&mut key);
        self.file.get_or_make(
            *key.finalize().as_bytes(),
            |bytes| String::from_utf8(bytes).ok(),
            make,
            |page| Cow::Borrowed(page.as_bytes()),
        )
    }

    /// Keeps the pages of this build for the next one; a warning when some were damaged.
    pub fn save(self) -> Option<Diagnostic> {
        self.file.save()
    }
}

/// Writes `value`'s JSON into `key`, through a buffer (serde writes a token at a time):
/// hashed as it is written, a large page's inputs are never held whole.
pub fn hash_json(key: &mut blake3::Hasher, value: &impl Serialize) {
    let mut writer = BufWriter::with_capacity(16 * 1024, key);
    serde_json::to_writer(&mut writer, value).expect("page inputs serialize to JSON");
    writer.flush().expect("hashing never fails");
}

/// Writes the inputs of a page (or entry) made of `parts` and an edition's HTML into `key`:
/// `parts` as JSON, then the HTML's bytes as they are (not escaped as a JSON string).
pub fn hash_with_html(key: &mut blake3::Hasher, parts: &impl Serialize, html: &str) {
    hash_json(key, parts);
    key.update(html.as_bytes());
}
