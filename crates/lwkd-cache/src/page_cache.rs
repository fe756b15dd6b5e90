//! The page cache: in a full build, a page whose inputs are those it had in the last full
//! build is taken from the live output instead of rendered again. `.lwkd-cache/pages.bin` (a
//! [`CacheFile`]) holds no page: under a key that hashes the page's path and inputs (for a
//! template, its whole context) with what every page depends on (the program, the theme's
//! files and the base path its `url` filter adds), it holds the length and blake3 hash of
//! the bytes written; the file at that path in the output is used when it still has them,
//! else the page is made again. Most pages of a build in which a few editions changed come
//! from here. A theme whose templates read the environment gets no page cache
//! (lwkd-render's `Theme`). Values that are no file of the output (the list of the search
//! index's files) are kept whole.

use std::borrow::Cow;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use lwkd_content::Diagnostic;
use lwkd_output::Body;
use serde::Serialize;

use crate::cache_file::{hash_part, program_hasher, CacheFile};

/// First bytes of the file; a new layout gets a new one.
const MAGIC: &[u8] = b"lwkd pages 4\n";

pub struct PageCache {
    file: CacheFile,
    identity: blake3::Hash,
    /// The live output, which holds the pages.
    out_dir: PathBuf,
}

impl PageCache {
    /// The page cache in `cache_dir` for the output `out_dir`.
    pub fn open(
        cache_dir: &Path,
        out_dir: &Path,
        theme_fingerprint: &[u8],
        base_path: &str,
    ) -> PageCache {
        let mut identity = program_hasher();
        hash_part(&mut identity, theme_fingerprint);
        hash_part(&mut identity, base_path.as_bytes());
        PageCache {
            file: CacheFile::open(cache_dir.join("pages.bin"), MAGIC),
            identity: identity.finalize(),
            out_dir: out_dir.to_path_buf(),
        }
    }

    /// The page at `path` (an output path), made by `make` of the inputs `inputs` writes into
    /// the key: [`Body::Kept`] when the last build made a page of this `kind` (a template's
    /// name) there of the same inputs, and the live output's file still holds what was
    /// written (its length and blake3 hash; it is read through a small buffer, not kept).
    pub fn page_or_make<E>(
        &self,
        path: &str,
        kind: &str,
        inputs: impl FnOnce(&mut blake3::Hasher),
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Body, E> {
        let inputs = |key: &mut blake3::Hasher| {
            hash_part(key, kind.as_bytes());
            hash_part(key, path.as_bytes());
            inputs(key);
        };
        self.file.get_or_make(
            self.key("output file", inputs),
            |written| {
                let written = Written::decode(&written)?;
                let live = lwkd_output::join_below(&self.out_dir, path).ok()?;
                let file = lwkd_output::open_regular(&live, written.len)?;
                let mut hasher = blake3::Hasher::new();
                let read = std::io::copy(&mut file.take(written.len + 1), &mut hasher).ok()?;
                (read == written.len && hasher.finalize() == written.hash).then_some(Body::Kept)
            },
            || make().map(Body::Bytes),
            |page| match page {
                Body::Bytes(bytes) => Cow::Owned(Written::of(bytes).encode()),
                _ => unreachable!("made pages are bytes"),
            },
        )
    }

    /// What `make` makes of the inputs that `inputs` writes into the key, taken from the
    /// cache when a value of this `kind` was made of the same inputs before: for values that
    /// are not files of the output (those are [`PageCache::page_or_make`]'s).
    pub fn get_or_make<E>(
        &self,
        kind: &str,
        inputs: impl FnOnce(&mut blake3::Hasher),
        make: impl FnOnce() -> Result<String, E>,
    ) -> Result<String, E> {
        self.file.get_or_make(
            self.key(kind, inputs),
            |bytes| String::from_utf8(bytes).ok(),
            make,
            |value| Cow::Borrowed(value.as_bytes()),
        )
    }

    fn key(&self, kind: &str, inputs: impl FnOnce(&mut blake3::Hasher)) -> [u8; 32] {
        let mut key = blake3::Hasher::new();
        key.update(self.identity.as_bytes());
        hash_part(&mut key, kind.as_bytes());
        inputs(&mut key);
        *key.finalize().as_bytes()
    }

    /// Keeps the pages of this build for the next one; a warning when some were damaged.
    pub fn save(self) -> Option<Diagnostic> {
        self.file.save()
    }
}

/// What a page's entry keeps of the bytes written: enough to tell whether a file holds them.
struct Written {
    len: u64,
    hash: blake3::Hash,
}

impl Written {
    fn of(bytes: &[u8]) -> Written {
        Written {
            len: bytes.len() as u64,
            hash: blake3::hash(bytes),
        }
    }

    fn encode(&self) -> Vec<u8> {
        [&self.len.to_le_bytes()[..], self.hash.as_bytes()].concat()
    }

    fn decode(entry: &[u8]) -> Option<Written> {
        let (len, hash) = entry.split_first_chunk::<8>()?;
        Some(Written {
            len: u64::from_le_bytes(*len),
            hash: blake3::Hash::from_bytes(<[u8; 32]>::try_from(hash).ok()?),
        })
    }
}

/// Writes `value`'s JSON into `key`, through a buffer (serde writes a token at a time):
/// hashed as it is written, a large page's inputs are never held whole.
pub fn hash_json(key: &mut blake3::Hasher, value: &impl Serialize) {
    let mut writer = BufWriter::with_capacity(16 * 1024, key);
    serde_json::to_writer(&mut writer, value).expect("page inputs serialize to JSON");
    writer.flush().expect("hashing never fails");
}
