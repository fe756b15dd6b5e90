//! A cache file in `.lwkd-cache`: entries found by a 32-byte key that hashes everything the
//! entry was made from, so an entry is never stale, only unused. The file is a magic line, a
//! format line and a list of frames (key, length, checksum, bytes); anything that does not
//! read back (another layout, a torn write, a changed byte) is a miss, never an error: a
//! damaged entry is made again, and the build says once that the file was damaged. Each build writes the entries it used,
//! when they differ from the ones it read: the entries it makes go to the next file as they
//! come, so that a build without a cache does not hold every page it made a second time.
//! A small file is read whole when opened, in one read; a large one an entry at a time, as
//! they are asked for: the cache of a large site is gigabytes, more than the build itself
//! needs in memory.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use lwkd_content::Diagnostic;

pub type Key = [u8; 32];

/// The layout of the frames, after the cache's own magic line: a new layout gets a new one.
const FORMAT: &[u8] = b"frames 2: key, u32 length, 8 bytes of blake3, bytes\n";

/// A frame's header: key, length, checksum.
const HEADER: usize = 32 + 4 + 8;

/// The largest file read whole when opened: reading the archive's page cache an entry at a
/// time took two thousand system calls of every warm build.
const READ_WHOLE: u64 = 32 << 20;

/// What a frame's checksum is of its bytes.
fn checksum(bytes: &[u8]) -> [u8; 8] {
    let hash = blake3::hash(bytes);
    let mut check = [0; 8];
    check.copy_from_slice(&hash.as_bytes()[..8]);
    check
}

/// Where a stored entry is, and the checksum its bytes must have.
#[derive(Clone)]
struct Frame {
    range: Range<u64>,
    check: [u8; 8],
}

pub struct CacheFile {
    path: PathBuf,
    magic: &'static [u8],
    /// The file as it was when opened (a save renames another over its path, which this
    /// handle does not see), and where each entry is in it.
    stored: Option<Stored>,
    frames: HashMap<Key, Frame>,
    used: Mutex<Used>,
}

#[derive(Default)]
struct Used {
    /// The entries read from the file, by where they are in it.
    hits: Vec<(Key, Frame)>,
    /// How many stored entries did not match their checksum.
    damaged: usize,
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
        let stored = File::open(&path).ok().and_then(Stored::new);
        let frames = stored
            .as_ref()
            .map(|stored| frames(stored, magic))
            .unwrap_or_default();
        CacheFile {
            path,
            magic,
            stored,
            frames,
            used: Mutex::default(),
        }
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
        if let Some(frame) = self.frames.get(&key) {
            match read_entry(self.stored.as_ref(), frame) {
                Ok(bytes) => {
                    if let Some(value) = decode(bytes) {
                        self.used
                            .lock()
                            .expect("no cache user panicked")
                            .hits
                            .push((key, frame.clone()));
                        return Ok(value);
                    }
                }
                Err(Damaged::Checksum) => {
                    self.used.lock().expect("no cache user panicked").damaged += 1
                }
                Err(Damaged::Unread) => {}
            }
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
    /// Returns a warning when stored entries were damaged (and made again).
    pub fn save(self) -> Option<Diagnostic> {
        let mut used = self.used.into_inner().expect("no cache user panicked");
        let warning = (used.damaged > 0).then(|| {
            let message = format!("{} cache entries were damaged (changed since they were written); they were made again and replaced", used.damaged);
            Diagnostic::warning(&self.path, None, message)
        });
        if used.misses == 0 && used.hits.len() == self.frames.len() {
            return warning;
        }
        for (key, frame) in std::mem::take(&mut used.hits) {
            match read_entry(self.stored.as_ref(), &frame) {
                Ok(bytes) => used.write(&self.path, self.magic, &key, &bytes),
                Err(_) => used.failed = true,
            }
        }
        if let Some(next) = used.next.take().filter(|_| !used.failed) {
            let _ = next.finish(&self.path);
        }
        warning
    }
}

/// Why a stored entry gave no bytes.
enum Damaged {
    /// It no longer reads (the file shrank).
    Unread,
    /// Its bytes are not those written.
    Checksum,
}

/// A cache file as it was when opened.
enum Stored {
    /// Read whole: a small file.
    Whole(Vec<u8>),
    /// Read where asked: a large one.
    Open { file: File, size: u64 },
}

impl Stored {
    fn new(mut file: File) -> Option<Stored> {
        let size = file.metadata().ok()?.len();
        if size > READ_WHOLE {
            return Some(Stored::Open { file, size });
        }
        let mut whole = Vec::with_capacity(size as usize);
        file.read_to_end(&mut whole).ok()?;
        Some(Stored::Whole(whole))
    }

    fn size(&self) -> u64 {
        match self {
            Stored::Whole(whole) => whole.len() as u64,
            Stored::Open { size, .. } => *size,
        }
    }

    /// Fills `bytes` from `offset`.
    fn read_at(&self, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
        match self {
            Stored::Whole(whole) => {
                let part = usize::try_from(offset)
                    .ok()
                    .and_then(|start| whole.get(start..start.checked_add(bytes.len())?))
                    .ok_or(std::io::ErrorKind::UnexpectedEof)?;
                bytes.copy_from_slice(part);
                Ok(())
            }
            Stored::Open { file, .. } => read_exact_at(file, bytes, offset),
        }
    }
}

/// The bytes of the stored entry in `frame`, when they read and match its checksum.
fn read_entry(stored: Option<&Stored>, frame: &Frame) -> Result<Vec<u8>, Damaged> {
    let mut bytes = vec![0; (frame.range.end - frame.range.start) as usize];
    stored
        .ok_or(Damaged::Unread)?
        .read_at(&mut bytes, frame.range.start)
        .map_err(|_| Damaged::Unread)?;
    if checksum(&bytes) != frame.check {
        return Err(Damaged::Checksum);
    }
    Ok(bytes)
}

/// Fills `bytes` from `file` at `offset`, without moving a cursor other readers share:
/// entries are read from several threads at once.
#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

/// Fills `bytes` from `file` at `offset`: a handle of its own per read, where the OS has
/// no positioned read that leaves the shared cursor alone.
#[cfg(not(unix))]
fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut own = file.try_clone()?;
    own.seek(SeekFrom::Start(offset))?;
    own.read_exact(bytes)
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
        out.write_all(FORMAT)?;
        Ok(NextFile { temp, out })
    }

    fn push(&mut self, key: &Key, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(key)?;
        let len = u32::try_from(bytes.len())
            .map_err(|_| std::io::Error::other("a cache entry over 4 GiB"))?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&checksum(bytes))?;
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
fn frames(stored: &Stored, magic: &[u8]) -> HashMap<Key, Frame> {
    let mut frames = HashMap::new();
    let size = stored.size();
    let mut head = vec![0; magic.len() + FORMAT.len()];
    if stored.read_at(&mut head, 0).is_err()
        || head[..magic.len()] != *magic
        || head[magic.len()..] != *FORMAT
    {
        return frames;
    }
    let mut at = head.len() as u64;
    let mut header = [0; HEADER];
    while stored.read_at(&mut header, at).is_ok() {
        let (key, rest) = header.split_at(32);
        let (len, check) = rest.split_at(4);
        let (Ok(key), Ok(len), Ok(check)) = (
            Key::try_from(key),
            <[u8; 4]>::try_from(len),
            <[u8; 8]>::try_from(check),
        ) else {
            break;
        };
        let len = u64::from(u32::from_le_bytes(len));
        let start = at + HEADER as u64;
        if size.saturating_sub(start) < len {
            break;
        }
        frames.insert(
            key,
            Frame {
                range: start..start + len,
                check,
            },
        );
        at = start + len;
    }
    frames
}

/// A hasher that has taken in this program: its version and the binary itself, so a
/// rebuilt `lwkd` never trusts entries an older one made.
pub fn program_hasher() -> blake3::Hasher {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    let exe = std::env::current_exe().and_then(|exe| Ok((exe.metadata()?, exe)));
    match exe {
        Ok((meta, exe)) => {
            hasher.update(exe.as_os_str().as_encoded_bytes());
            hasher.update(&meta.len().to_le_bytes());
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default();
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
pub fn hash_part(hasher: &mut blake3::Hasher, part: &[u8]) {
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
        cache
            .get_or_make(
                [key; 32],
                read,
                || Ok::<_, ()>((value.to_string(), false)),
                |(made, _)| Cow::Borrowed(made.as_bytes()),
            )
            .unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
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
        assert_eq!(
            names(tmp.path()).len(),
            2,
            "the entry made goes to the next file at once"
        );
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
        assert_eq!(
            entry(&cache, 2, "two"),
            ("two".into(), false),
            "never saved"
        );
        cache.save();
        assert_eq!(names(tmp.path()), ["entries.bin"]);
    }

    /// A large file, read an entry at a time, gives what the same file read whole gives.
    #[test]
    fn a_file_read_whole_or_where_asked_reads_the_same() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("entries.bin");
        let cache = CacheFile::open(path.clone(), MAGIC);
        for key in 1..=20 {
            entry(&cache, key, &"entry ".repeat(usize::from(key) * 50));
        }
        cache.save();
        let whole = Stored::Whole(std::fs::read(&path).unwrap());
        let file = File::open(&path).unwrap();
        let size = file.metadata().unwrap().len();
        let open = Stored::Open { file, size };
        let (in_whole, in_open) = (frames(&whole, MAGIC), frames(&open, MAGIC));
        assert_eq!(in_whole.len(), 20);
        for (key, frame) in &in_whole {
            assert_eq!(in_open[key].range, frame.range);
            let read = |stored| read_entry(Some(stored), frame).ok();
            assert_eq!(read(&whole), read(&open));
            assert!(read(&whole).is_some());
        }
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

        // One changed byte in an entry: that entry is made again, and saving says so once.
        let cache = CacheFile::open(path.clone(), MAGIC);
        entry(&cache, 1, "one");
        entry(&cache, 2, "two");
        assert!(cache.save().is_none());
        let mut changed = std::fs::read(&path).unwrap();
        *changed.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &changed).unwrap();
        let cache = CacheFile::open(path.clone(), MAGIC);
        let read = [entry(&cache, 1, "one"), entry(&cache, 2, "two")];
        // Made entries go to the next file first, read ones at saving: "one" is last.
        assert_eq!(read, [("one".into(), false), ("two".into(), true)]);
        assert!(cache.save().is_some_and(
            |w| !w.is_error() && w.message.starts_with("1 cache entries were damaged")
        ));
        let cache = CacheFile::open(path.clone(), MAGIC);
        assert_eq!(
            entry(&cache, 1, "-"),
            ("one".into(), true),
            "replaced by the save"
        );
        drop(cache);
        std::fs::write(&path, &whole).unwrap();

        // Another layout (another magic line): nothing reads.
        std::fs::write(
            &path,
            [b"lwkd test cache 2\n".as_slice(), &whole[MAGIC.len()..]].concat(),
        )
        .unwrap();
        let cache = CacheFile::open(path.clone(), MAGIC);
        assert_eq!(entry(&cache, 1, "made"), ("made".into(), false));
    }
}
