//! A cache file in `.lwkd-cache`: entries found by a 32-byte key that hashes everything the
//! entry was made from, so an entry is never stale, only unused. The file is a magic line and
//! a list of frames (key, length, bytes); anything that does not read back (another
//! layout, a torn write) is a miss, never an error. Each build writes the entries it used,
//! when they differ from the ones it read.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Mutex;

pub(crate) type Key = [u8; 32];

pub(crate) struct CacheFile {
    path: PathBuf,
    magic: &'static [u8],
    /// The file as read, and where each entry is in it.
    stored: Vec<u8>,
    frames: HashMap<Key, Range<usize>>,
    used: Mutex<Used>,
}

#[derive(Default)]
struct Used {
    /// Every entry asked for, hit or made, in no order.
    entries: Vec<(Key, Bytes)>,
    misses: usize,
}

/// An entry's bytes: where they are in the file read, or made by this build.
enum Bytes {
    Stored(Range<usize>),
    Fresh(Vec<u8>),
}

impl CacheFile {
    /// The cache file at `path`; empty when there is none or it does not start with `magic`.
    pub fn open(path: PathBuf, magic: &'static [u8]) -> CacheFile {
        let stored = std::fs::read(&path).unwrap_or_default();
        let frames = frames(&stored, magic);
        CacheFile { path, magic, stored, frames, used: Mutex::default() }
    }

    /// The entry at `key`, read by `decode`; else `make`'s value and the bytes to keep for it.
    pub fn get_or_make<T, E>(
        &self,
        key: Key,
        decode: impl FnOnce(&[u8]) -> Option<T>,
        make: impl FnOnce() -> Result<(T, Vec<u8>), E>,
    ) -> Result<T, E> {
        let hit = self.frames.get(&key).and_then(|range| decode(&self.stored[range.clone()]).map(|value| (value, range.clone())));
        let (value, bytes, missed) = match hit {
            Some((value, range)) => (value, Bytes::Stored(range), 0),
            None => {
                let (value, bytes) = make()?;
                (value, Bytes::Fresh(bytes), 1)
            }
        };
        let mut used = self.used.lock().expect("no cache user panicked");
        used.misses += missed;
        used.entries.push((key, bytes));
        Ok(value)
    }

    /// How many entries were made rather than read so far.
    #[cfg(test)]
    pub fn misses(&self) -> usize {
        self.used.lock().expect("no cache user panicked").misses
    }

    /// Writes the entries used for the next build, when they differ from the ones read. The
    /// cache only saves time: a file that cannot be written is left as it was.
    pub fn save(self) {
        let used = self.used.into_inner().expect("no cache user panicked");
        if used.misses == 0 && used.entries.len() == self.frames.len() {
            return;
        }
        let entries: Vec<(&Key, &[u8])> = used
            .entries
            .iter()
            .map(|(key, bytes)| match bytes {
                Bytes::Stored(range) => (key, &self.stored[range.clone()]),
                Bytes::Fresh(bytes) => (key, bytes.as_slice()),
            })
            .collect();
        let mut out = Vec::with_capacity(self.magic.len() + entries.iter().map(|(_, bytes)| bytes.len() + 36).sum::<usize>());
        out.extend_from_slice(self.magic);
        for (key, bytes) in entries {
            out.extend_from_slice(key);
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(bytes);
        }
        let Some(dir) = self.path.parent() else { return };
        let temp = self.path.with_extension(format!("new-{}", std::process::id()));
        let written = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&temp, &out)).and_then(|()| std::fs::rename(&temp, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}

/// Where each entry is in a cache file; a torn or foreign file gives what reads.
fn frames(stored: &[u8], magic: &[u8]) -> HashMap<Key, Range<usize>> {
    let mut frames = HashMap::new();
    let Some(mut rest) = stored.strip_prefix(magic) else { return frames };
    while rest.len() >= 36 {
        let key: Key = rest[..32].try_into().expect("32 bytes");
        let len = u32::from_le_bytes(rest[32..36].try_into().expect("4 bytes")) as usize;
        if rest.len() - 36 < len {
            break;
        }
        let start = stored.len() - rest.len() + 36;
        frames.insert(key, start..start + len);
        rest = &rest[36 + len..];
    }
    frames
}

/// A hasher that has taken in this program: its version and the binary itself, so a
/// rebuilt `lwkd` never trusts entries an older one made.
pub(crate) fn program_hasher() -> blake3::Hasher {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    let exe = std::env::current_exe().and_then(|exe| Ok((exe.metadata()?, exe)));
    match exe {
        Ok((meta, exe)) => {
            hasher.update(exe.as_os_str().as_encoded_bytes());
            hasher.update(&meta.len().to_le_bytes());
            let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
            hasher.update(&modified.as_nanos().to_le_bytes());
        }
        // Nothing tells this program from another: keys no file holds.
        Err(_) => {
            hasher.update(&std::process::id().to_le_bytes());
            hasher.update(format!("{:?}", std::time::SystemTime::now()).as_bytes());
        }
    }
    hasher
}

/// Adds `part` to `hasher` with its length first, so that parts cannot run into each other.
pub(crate) fn hash_part(hasher: &mut blake3::Hasher, part: &[u8]) {
    hasher.update(&(part.len() as u64).to_le_bytes());
    hasher.update(part);
}
