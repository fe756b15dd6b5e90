//! A cache file in `.lwkd-cache`: entries found by a 32-byte key that hashes everything the
//! entry was made from, so an entry is never stale, only unused. The file is a magic line and
//! a list of frames (key, length, bytes); anything that does not read back (another
//! layout, a torn write) is a miss, never an error. Each build writes the entries it used,
//! when they differ from the ones it read: the entries it makes go to the next file as they
//! come, so that a build without a cache does not hold every page it made a second time.
//! Entries are read from the file one at a time, as they are asked for: the cache of a large
//! site is gigabytes, more than the build itself needs in memory.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub(crate) type Key = [u8; 32];

pub(crate) struct CacheFile {
    path: PathBuf,
    magic: &'static [u8],
    /// The file as it was when opened (a save renames another over its path, which this
    /// handle does not see), and where each entry is in it.
    stored: Option<File>,
    frames: HashMap<Key, Range<u64>>,
    used: Mutex<Used>,
}

#[derive(Default)]
struct Used {
    /// The entries read from the file, by where they are in it.
    hits: Vec<(Key, Range<u64>)>,
    /// How many entries were made rather than read.
    misses: usize,
    /// The next file, holding the entries made so far; `None` before the first is made.
    next: Option<NextFile>,
    /// Writing the next file failed: the old one stays.
    failed: bool,
}

impl Used {
    /// Adds an entry to the next file, which is begun when needed.
    fn write(&mut self, path: &Path, magic: &[u8], key: &Key, bytes: &[u8]) {
        if self.failed {
            return;
        }
        let next = match self.next.take() {
            Some(next) => Ok(next),
            None => NextFile::create(path, magic),
        };
        match next.and_then(|mut next| next.push(key, bytes).map(|()| next)) {
            Ok(next) => self.next = Some(next),
            Err(_) => self.failed = true,
        }
    }
}

impl CacheFile {
    /// The cache file at `path`; empty when there is none or it does not start with `magic`.
    pub fn open(path: PathBuf, magic: &'static [u8]) -> CacheFile {
        let stored = File::open(&path).ok();
        let frames = stored.as_ref().map(|file| frames(file, magic)).unwrap_or_default();
        CacheFile { path, magic, stored, frames, used: Mutex::default() }
    }

    /// The entry at `key`, read by `decode`; else `make`'s value, kept as `encode` gives it
    /// (borrowed when the value is its own bytes: it goes to the next file at once).
    pub fn get_or_make<T, E>(
        &self,
        key: Key,
        decode: impl FnOnce(Vec<u8>) -> Option<T>,
        make: impl FnOnce() -> Result<T, E>,
        encode: impl FnOnce(&T) -> Cow<'_, [u8]>,
    ) -> Result<T, E> {
        let hit = self.frames.get(&key).and_then(|range| decode(read_entry(self.stored.as_ref(), range)?).map(|value| (value, range.clone())));
        if let Some((value, range)) = hit {
            self.used.lock().expect("no cache user panicked").hits.push((key, range));
            return Ok(value);
        }
        let value = make()?;
        let bytes = encode(&value);
        let mut used = self.used.lock().expect("no cache user panicked");
        used.misses += 1;
        used.write(&self.path, self.magic, &key, &bytes);
        Ok(value)
    }

    /// How many entries were made rather than read so far.
    #[cfg(test)]
    pub fn misses(&self) -> usize {
        self.used.lock().expect("no cache user panicked").misses
    }

    /// Puts the entries used in place for the next build, when they differ from the ones
    /// read. The cache only saves time: a file that cannot be written is left as it was.
    pub fn save(self) {
        let mut used = self.used.into_inner().expect("no cache user panicked");
        if used.misses == 0 && used.hits.len() == self.frames.len() {
            return;
        }
        for (key, range) in std::mem::take(&mut used.hits) {
            match read_entry(self.stored.as_ref(), &range) {
                Some(bytes) => used.write(&self.path, self.magic, &key, &bytes),
                None => used.failed = true,
            }
        }
        if let Some(next) = used.next.take().filter(|_| !used.failed) {
            let _ = next.finish(&self.path);
        }
    }
}

/// The bytes of the stored entry at `range`; `None` when they no longer read.
fn read_entry(stored: Option<&File>, range: &Range<u64>) -> Option<Vec<u8>> {
    let mut bytes = vec![0; (range.end - range.start) as usize];
    stored?.read_exact_at(&mut bytes, range.start).ok()?;
    Some(bytes)
}

/// The next cache file, written aside and renamed over the old one when whole; deleted if
/// the build ends before.
struct NextFile {
    temp: PathBuf,
    out: BufWriter<File>,
}

impl NextFile {
    fn create(path: &Path, magic: &[u8]) -> std::io::Result<NextFile> {
        let temp = path.with_extension(format!("new-{}", std::process::id()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut out = BufWriter::new(File::create(&temp)?);
        out.write_all(magic)?;
        Ok(NextFile { temp, out })
    }

    fn push(&mut self, key: &Key, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(key)?;
        self.out.write_all(&(bytes.len() as u32).to_le_bytes())?;
        self.out.write_all(bytes)
    }

    fn finish(mut self, path: &Path) -> std::io::Result<()> {
        self.out.flush()?;
        std::fs::rename(&self.temp, path)
    }
}

impl Drop for NextFile {
    fn drop(&mut self) {
        // After `finish` it is gone already.
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// Where each entry is in a cache file, from its frame headers alone; a torn or foreign file
/// gives what reads.
fn frames(file: &File, magic: &[u8]) -> HashMap<Key, Range<u64>> {
    let mut frames = HashMap::new();
    let Ok(size) = file.metadata().map(|m| m.len()) else { return frames };
    let mut reader = BufReader::new(file);
    let mut head = vec![0; magic.len()];
    if reader.read_exact(&mut head).is_err() || head != magic {
        return frames;
    }
    let mut at = magic.len() as u64;
    let mut header = [0; 36];
    while reader.read_exact(&mut header).is_ok() {
        let key: Key = header[..32].try_into().expect("32 bytes");
        let len = u64::from(u32::from_le_bytes(header[32..].try_into().expect("4 bytes")));
        let start = at + 36;
        if size - start < len || reader.seek_relative(len as i64).is_err() {
            break;
        }
        frames.insert(key, start..start + len);
        at = start + len;
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

#[cfg(test)]
mod tests {
    use super::*;

    const MAGIC: &[u8] = b"lwkd test cache 1\n";

    /// The entry at `[key; 32]`, made as `value` when the file lacks it; whether it was read.
    fn entry(cache: &CacheFile, key: u8, value: &str) -> (String, bool) {
        let read = |bytes: Vec<u8>| String::from_utf8(bytes).ok().map(|s| (s, true));
        cache.get_or_make([key; 32], read, || Ok::<_, ()>((value.to_string(), false)), |(made, _)| Cow::Borrowed(made.as_bytes())).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn entries_made_are_written_aside_and_kept_only_when_saved() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("entries.bin");
        let cache = CacheFile::open(path.clone(), MAGIC);
        assert_eq!(entry(&cache, 1, "one"), ("one".into(), false));
        cache.save();
        assert_eq!(names(tmp.path()), ["entries.bin"]);
        let saved = std::fs::read(&path).unwrap();

        // A build that stops before saving: what it made is gone, the file is as it was.
        let cache = CacheFile::open(path.clone(), MAGIC);
        assert_eq!(entry(&cache, 1, "made again"), ("one".into(), true));
        entry(&cache, 2, "two");
        assert_eq!(names(tmp.path()).len(), 2, "the entry made goes to the next file at once");
        drop(cache);
        assert_eq!(names(tmp.path()), ["entries.bin"]);
        assert_eq!(std::fs::read(&path).unwrap(), saved);

        // A saved build keeps what it read and made, and drops what it did not use.
        let cache = CacheFile::open(path.clone(), MAGIC);
        entry(&cache, 1, "made again");
        entry(&cache, 3, "three");
        cache.save();
        let cache = CacheFile::open(path.clone(), MAGIC);
        assert_eq!(entry(&cache, 1, "-"), ("one".into(), true));
        assert_eq!(entry(&cache, 3, "-"), ("three".into(), true));
        assert_eq!(entry(&cache, 2, "two"), ("two".into(), false), "never saved");
        cache.save();
        assert_eq!(names(tmp.path()), ["entries.bin"]);
    }

    #[test]
    fn a_torn_or_foreign_file_gives_the_entries_that_read_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("entries.bin");
        let cache = CacheFile::open(path.clone(), MAGIC);
        entry(&cache, 1, "one");
        entry(&cache, 2, "two, which the tear cuts short");
        cache.save();
        let whole = std::fs::read(&path).unwrap();

        // A write torn inside the second entry: the first still reads, the second is made again.
        std::fs::write(&path, &whole[..whole.len() - 5]).unwrap();
        let cache = CacheFile::open(path.clone(), MAGIC);
        assert_eq!(entry(&cache, 1, "-"), ("one".into(), true));
        assert_eq!(entry(&cache, 2, "two again"), ("two again".into(), false));
        drop(cache);

        // Another layout (another magic line): nothing reads.
        std::fs::write(&path, [b"lwkd test cache 2\n".as_slice(), &whole[MAGIC.len()..]].concat()).unwrap();
        let cache = CacheFile::open(path.clone(), MAGIC);
        assert_eq!(entry(&cache, 1, "made"), ("made".into(), false));
    }
}
