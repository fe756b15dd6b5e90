//! The upstream cache: what reading the checkouts gave, kept in `<cache dir>/upstream.bin`
//! with the files and folders it came from. A build uses it while none of them changed:
//! their stamps (size and modification time; a folder's changes when a file is added to it
//! or removed) hash to the key stored with it. Stamps, not contents: hashing the bytes means
//! finding and reading every `kep.yaml` (~20 ms of a warm build's ~150), stamps are ~700
//! `stat` calls on the paths the cache lists (a few ms). A file that does not read back, or
//! another program's, is a miss; one whose bytes changed after they were written (its
//! checksum says so) is a miss and a warning.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Upstream, UpstreamDirs, Warning};

const FILE: &str = "upstream.bin";
/// First bytes of the file; a new layout gets a new one. The blake3 hash of the body
/// follows, then the body: the entry in MessagePack, zstd-compressed (455 KB is 88 KB with
/// the real upstream data, a fifth of the Markdown's size less in what a build leaves).
const MAGIC: &[u8] = b"lwkd upstream cache 4\n";

pub(crate) type Key = [u8; 32];

#[derive(Serialize, Deserialize)]
struct Entry {
    /// Every file read and every folder searched, in the order they are hashed.
    watched: Vec<PathBuf>,
    key: Key,
    upstream: Upstream,
}

/// What the cache in `dir` holds for the checkouts `dirs`, when none of its files changed;
/// else a warning if the cache file was damaged, or nothing for an ordinary miss.
pub(crate) fn load(dir: &Path, dirs: &UpstreamDirs) -> Result<Upstream, Option<Warning>> {
    let path = dir.join(FILE);
    let bytes = std::fs::read(&path).map_err(|_| None)?;
    let rest = bytes.strip_prefix(MAGIC).ok_or(None)?;
    let intact = rest
        .split_at_checked(blake3::OUT_LEN)
        .filter(|(hash, body)| blake3::hash(body).as_bytes() == *hash);
    let Some((_, body)) = intact else {
        return Err(Some(Warning {
            path,
            line: 0,
            message: "the upstream cache is damaged (its checksum does not match); the checkouts were read again and the cache replaced".into(),
        }));
    };
    let body = zstd::decode_all(body).map_err(|_| None)?;
    let entry: Entry = rmp_serde::from_slice(&body).map_err(|_| None)?;
    if key(dirs, &entry.watched) == entry.key {
        Ok(entry.upstream)
    } else {
        Err(None)
    }
}

/// Keeps `upstream`, read from the `watched` files and folders whose [`key`] was `key` before
/// they were read, replacing what was kept. A cache that cannot be written only costs the
/// next build the reading.
pub(crate) fn store(dir: &Path, watched: &[PathBuf], key: Key, upstream: &Upstream) {
    let Ok(entry) = rmp_serde::to_vec_named(&EntryRef {
        watched,
        key,
        upstream,
    }) else {
        return;
    };
    let Ok(body) = zstd::encode_all(&entry[..], 1) else {
        return;
    };
    let path = dir.join(FILE);
    let partial = dir.join(format!("{FILE}.{}", std::process::id()));
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        std::fs::write(
            &partial,
            [MAGIC, blake3::hash(&body).as_bytes(), &body].concat(),
        )
    });
    if written
        .and_then(|()| std::fs::rename(&partial, &path))
        .is_err()
    {
        let _ = std::fs::remove_file(&partial);
    }
}

/// [`Entry`] as it is written, without copying what was read.
#[derive(Serialize)]
struct EntryRef<'a> {
    watched: &'a [PathBuf],
    key: Key,
    upstream: &'a Upstream,
}

/// The key of this program reading `dirs`, whose files and folders are `watched` as they
/// are now (one that is missing counts as such).
pub(crate) fn key(dirs: &UpstreamDirs, watched: &[PathBuf]) -> Key {
    let stamps: Vec<Option<(u64, u128)>> = watched
        .par_iter()
        .map(|path| {
            let meta = std::fs::metadata(path).ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some((meta.len(), modified.as_nanos()))
        })
        .collect();
    let mut hasher = program_hasher();
    for dir in [&dirs.enhancements, &dirs.community, &dirs.sig_release] {
        part(
            &mut hasher,
            dir.as_ref()
                .map_or(&[][..], |d| d.as_os_str().as_encoded_bytes()),
        );
    }
    for (path, stamp) in watched.iter().zip(stamps) {
        part(&mut hasher, path.as_os_str().as_encoded_bytes());
        match stamp {
            Some((len, modified)) => part(
                &mut hasher,
                &[&len.to_le_bytes()[..], &modified.to_le_bytes()].concat(),
            ),
            None => part(&mut hasher, b"missing"),
        }
    }
    *hasher.finalize().as_bytes()
}

/// A hasher that has taken in this program (its version and the binary), so that a rebuilt
/// `lwkd` never trusts what an older one read.
fn program_hasher() -> blake3::Hasher {
    let mut hasher = blake3::Hasher::new();
    part(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
    match std::env::current_exe().and_then(|exe| Ok((exe.metadata()?, exe))) {
        Ok((meta, exe)) => {
            part(&mut hasher, exe.as_os_str().as_encoded_bytes());
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default();
            part(
                &mut hasher,
                &[
                    meta.len().to_le_bytes(),
                    (modified.as_nanos() as u64).to_le_bytes(),
                ]
                .concat(),
            );
        }
        // Nothing tells this program from another: a key no file holds.
        Err(_) => part(
            &mut hasher,
            format!("{}{:?}", std::process::id(), std::time::SystemTime::now()).as_bytes(),
        ),
    }
    hasher
}

/// Adds `bytes` with its length first, so that parts cannot run into each other.
fn part(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}
