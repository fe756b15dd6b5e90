//! The upstream cache: what reading the checkouts gave, kept in `<cache dir>/upstream.bin`
//! and found again by a hash of every file read (its path and bytes) and of this program.
//! An entry is never stale, only unused; a file that does not read back is a miss.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Upstream;

const FILE: &str = "upstream.bin";
/// First bytes of the file; a new layout gets a new one.
const MAGIC: &[u8] = b"lwkd upstream cache 1\n";

pub(crate) type Key = [u8; 32];

/// The key of `sources` (files that cannot be read count as absent) as this program reads them.
pub(crate) fn key(sources: &[PathBuf]) -> Key {
    let digests: Vec<Option<blake3::Hash>> = sources.par_iter().map(|path| std::fs::read(path).ok().map(|bytes| blake3::hash(&bytes))).collect();
    let mut hasher = program_hasher();
    for (path, digest) in sources.iter().zip(digests) {
        part(&mut hasher, path.as_os_str().as_encoded_bytes());
        part(&mut hasher, digest.as_ref().map_or(&[][..], |d| d.as_bytes()));
    }
    *hasher.finalize().as_bytes()
}

/// What the cache in `dir` holds for `key`.
pub(crate) fn load(dir: &Path, key: &Key) -> Option<Upstream> {
    let bytes = std::fs::read(dir.join(FILE)).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?.strip_prefix(&key[..])?;
    rmp_serde::from_slice(rest).ok()
}

/// Keeps `upstream` as what `key` gives, replacing what was kept. A cache that cannot be
/// written only costs the next build the reading.
pub(crate) fn store(dir: &Path, key: &Key, upstream: &Upstream) {
    let Ok(body) = rmp_serde::to_vec_named(upstream) else { return };
    let path = dir.join(FILE);
    let partial = dir.join(format!("{FILE}.{}", std::process::id()));
    let written = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&partial, [MAGIC, &key[..], &body].concat()));
    if written.and_then(|()| std::fs::rename(&partial, &path)).is_err() {
        let _ = std::fs::remove_file(&partial);
    }
}

/// A hasher that has taken in this program (its version and the binary), so that a rebuilt
/// `lwkd` never trusts what an older one read.
fn program_hasher() -> blake3::Hasher {
    let mut hasher = blake3::Hasher::new();
    part(&mut hasher, MAGIC);
    part(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
    match std::env::current_exe().and_then(|exe| Ok((exe.metadata()?, exe))) {
        Ok((meta, exe)) => {
            part(&mut hasher, exe.as_os_str().as_encoded_bytes());
            let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
            part(&mut hasher, &[meta.len().to_le_bytes(), (modified.as_nanos() as u64).to_le_bytes()].concat());
        }
        // Nothing tells this program from another: a key no file holds.
        Err(_) => part(&mut hasher, format!("{}{:?}", std::process::id(), std::time::SystemTime::now()).as_bytes()),
    }
    hasher
}

/// Adds `bytes` with its length first, so that parts cannot run into each other.
fn part(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}
