//! The edition cache: what reading and indexing made of each edition file, kept between full
//! builds in the cache folder and found again by a hash of the file's bytes, its path, the
//! load options and the running program. Parsing Markdown and finding KEPs, SIGs and
//! deadlines is half of a build's CPU on the real archive; an unchanged edition is decoded
//! instead, in parallel, and a changed one is read afresh.
//!
//! The file is a list of frames, each a key, a length and the entry as JSON. Anything that
//! does not read back (another version's file, a torn write) is a miss, never an error.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use lwkd_content::{parse_edition, read_edition, LoadOptions, ParsedEdition};
use lwkd_taxonomy::EditionTags;
use serde::{Deserialize, Serialize};

/// First bytes of the file; a new layout gets a new one.
const MAGIC: &[u8] = b"lwkd edition cache 1\n";

type Key = [u8; 32];

/// One edition file, read and indexed: markdown dropped, as only the indexer reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ReadEdition {
    pub parsed: ParsedEdition,
    /// `None` when the file gave no edition.
    pub tags: Option<EditionTags>,
}

impl ReadEdition {
    /// Parses and indexes `bytes`, the contents of the edition file at `path`.
    fn from_bytes(path: &Path, bytes: &[u8], options: &LoadOptions) -> ReadEdition {
        ReadEdition::indexed(parse_edition(path, bytes, options))
    }

    /// Reads, parses and indexes the edition file at `path`, keeping its Markdown.
    pub fn from_file(path: &Path, options: &LoadOptions) -> ReadEdition {
        ReadEdition::indexed(read_edition(path, options))
    }

    fn indexed(parsed: ParsedEdition) -> ReadEdition {
        let tags = parsed.edition.as_ref().map(EditionTags::extract);
        ReadEdition { parsed, tags }
    }
}

pub(crate) struct EditionCache {
    file: PathBuf,
    /// The program and the options: part of every key.
    identity: blake3::Hash,
    /// The file as read, and where each entry's JSON is in it.
    stored: Vec<u8>,
    frames: HashMap<Key, Range<usize>>,
    /// The entries of this build: they make the next file.
    used: Mutex<Used>,
}

#[derive(Default)]
struct Used {
    /// Key and JSON of every edition read, in no order.
    entries: Vec<(Key, Json)>,
    /// How many editions were not in the file.
    misses: usize,
}

/// An entry's JSON: where it is in the file read, or made by this build.
enum Json {
    Stored(Range<usize>),
    Fresh(Vec<u8>),
}

impl EditionCache {
    /// The cache in `cache_dir`, empty when there is none or it does not read.
    pub fn open(cache_dir: &Path, options: &LoadOptions) -> EditionCache {
        let file = cache_dir.join("editions.bin");
        let stored = std::fs::read(&file).unwrap_or_default();
        let frames = frames(&stored);
        EditionCache { file, identity: identity(options), stored, frames, used: Mutex::default() }
    }

    /// The edition file at `path`, read and indexed, from the cache when its bytes are
    /// those of a cached one. An unreadable file is read as [`read_edition`] reads it.
    pub fn read(&self, path: &Path, options: &LoadOptions) -> ReadEdition {
        let Ok(bytes) = std::fs::read(path) else { return ReadEdition::from_file(path, options) };
        let key = self.key(path, &bytes);
        let cached = self.frames.get(&key).and_then(|range| {
            serde_json::from_slice::<ReadEdition>(&self.stored[range.clone()]).ok().map(|read| (read, Json::Stored(range.clone())))
        });
        let (read, json, missed) = match cached {
            Some((read, json)) => (read, json, 0),
            None => {
                let mut read = ReadEdition::from_bytes(path, &bytes, options);
                if let Some(edition) = &mut read.parsed.edition {
                    edition.drop_markdown();
                }
                let json = serde_json::to_vec(&read).expect("editions serialize to JSON");
                (read, Json::Fresh(json), 1)
            }
        };
        let mut used = self.used.lock().expect("no reader panicked");
        used.misses += missed;
        used.entries.push((key, json));
        read
    }

    /// Writes the entries of this build for the next one, when they differ from the file's.
    /// The cache only saves time: a file that cannot be written is left as it was.
    pub fn save(self) {
        let used = self.used.into_inner().expect("no reader panicked");
        if used.misses == 0 && used.entries.len() == self.frames.len() {
            return;
        }
        let entries: Vec<(&Key, &[u8])> = used
            .entries
            .iter()
            .map(|(key, json)| match json {
                Json::Stored(range) => (key, &self.stored[range.clone()]),
                Json::Fresh(json) => (key, json.as_slice()),
            })
            .collect();
        let mut out = Vec::with_capacity(MAGIC.len() + entries.iter().map(|(_, json)| json.len() + 36).sum::<usize>());
        out.extend_from_slice(MAGIC);
        for (key, json) in entries {
            out.extend_from_slice(key);
            out.extend_from_slice(&(json.len() as u32).to_le_bytes());
            out.extend_from_slice(json);
        }
        let Some(dir) = self.file.parent() else { return };
        let temp = self.file.with_extension(format!("new-{}", std::process::id()));
        let written = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&temp, &out)).and_then(|()| std::fs::rename(&temp, &self.file));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    fn key(&self, path: &Path, bytes: &[u8]) -> Key {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.identity.as_bytes());
        let path = path.as_os_str().as_encoded_bytes();
        hasher.update(&(path.len() as u64).to_le_bytes());
        hasher.update(path);
        hasher.update(bytes);
        *hasher.finalize().as_bytes()
    }
}

/// Where each entry's JSON is in a cache file; a torn or foreign file gives what reads.
fn frames(stored: &[u8]) -> HashMap<Key, Range<usize>> {
    let mut frames = HashMap::new();
    let Some(mut rest) = stored.strip_prefix(MAGIC) else { return frames };
    while rest.len() >= 36 {
        let key: Key = rest[..32].try_into().expect("32 bytes");
        let len = u32::from_le_bytes(rest[32..36].try_into().expect("4 bytes")) as usize;
        let start = stored.len() - rest.len() + 36;
        if rest.len() - 36 < len {
            break;
        }
        frames.insert(key, start..start + len);
        rest = &rest[36 + len..];
    }
    frames
}

/// What, besides a file's path and bytes, decides what reading it gives: this program (its
/// version, and the binary itself, so a rebuilt `lwkd` never trusts an older one's entries)
/// and the permalink pattern.
fn identity(options: &LoadOptions) -> blake3::Hash {
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
        // Nothing to tell this program from another: a key no file holds.
        Err(_) => {
            hasher.update(&std::process::id().to_le_bytes());
            hasher.update(&format!("{:?}", std::time::SystemTime::now()).into_bytes());
        }
    }
    hasher.update(options.permalink.as_bytes());
    hasher.finalize()
}

#[cfg(test)]
mod tests {
    use rayon::prelude::*;

    use super::*;

    /// A copy of the real archive's editions, to edit.
    fn archive_copy(dir: &Path) -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let posts = root.ancestors().map(|a| a.join("shared/lwkd-archive/_posts")).find(|d| d.is_dir());
        let posts = posts.expect("the real archive in shared/lwkd-archive beside the project");
        let mut files = Vec::new();
        for entry in std::fs::read_dir(posts).unwrap() {
            let from = entry.unwrap().path();
            let to = dir.join(from.file_name().unwrap());
            std::fs::copy(&from, &to).unwrap();
            files.push(to);
        }
        files.sort();
        files
    }

    fn options() -> LoadOptions {
        LoadOptions { permalink: lwkd_config::DEFAULT_PERMALINK.into(), drafts: false }
    }

    /// What reading `path` without a cache gives, as the cache keeps it.
    fn parsed(path: &Path) -> ReadEdition {
        let mut read = ReadEdition::from_file(path, &options());
        if let Some(edition) = &mut read.parsed.edition {
            edition.drop_markdown();
        }
        read
    }

    /// Reads every file through the cache in `dir`; the editions and the number of misses.
    fn read_through(dir: &Path, files: &[PathBuf]) -> (Vec<ReadEdition>, usize) {
        let cache = EditionCache::open(dir, &options());
        let read: Vec<ReadEdition> = files.par_iter().map(|f| cache.read(f, &options())).collect();
        let misses = cache.used.lock().unwrap().misses;
        cache.save();
        (read, misses)
    }

    #[test]
    fn the_real_archive_reads_back_from_the_cache_as_parsed() {
        let tmp = tempfile::tempdir().unwrap();
        let (posts, cache_dir) = (tmp.path().join("posts"), tmp.path().join("cache"));
        std::fs::create_dir(&posts).unwrap();
        let files = archive_copy(&posts);
        let mut expected: Vec<ReadEdition> = files.par_iter().map(|f| parsed(f)).collect();
        assert!(expected.iter().filter(|r| !r.parsed.diagnostics.is_empty()).count() >= 2, "the archive's broken dates are in the entries");

        let (cold, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, files.len(), "an empty cache misses every edition");
        assert!(cold == expected, "editions read into the cache are the parsed ones");
        let (warm, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, 0, "every unchanged edition comes from the cache");
        assert!(warm == expected, "editions decoded from the cache equal the parsed ones");

        // An edited edition is read again, and only it.
        let edited = files.iter().position(|f| f.ends_with("2022-02-06-update.md")).unwrap();
        let mut text = std::fs::read_to_string(&files[edited]).unwrap();
        text.push_str("\n## Feature Work\n\n[KEP-4242](https://github.com/kubernetes/enhancements/issues/4242) moves to beta, says SIG Node.\n");
        std::fs::write(&files[edited], text).unwrap();
        expected[edited] = parsed(&files[edited]);
        assert!(expected[edited].tags.as_ref().unwrap().keps.iter().any(|k| k.kep.0 == 4242), "the edit names a new KEP");
        let (read, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, 1);
        assert!(read == expected, "the edited edition reads as its new text");

        // A torn cache file loses entries, never correctness.
        let file = cache_dir.join("editions.bin");
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        let (read, misses) = read_through(&cache_dir, &files);
        assert!(misses > 0 && misses < files.len(), "half a file keeps about half the entries: {misses} misses");
        assert!(read == expected);
        std::fs::write(&file, b"not a cache").unwrap();
        let (read, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, files.len());
        assert!(read == expected);
    }
}
