//! The edition cache: what reading and indexing made of each edition file, kept between full
//! builds in `.lwkd-cache/editions.bin` (a [`CacheFile`]) and found again by a hash of the
//! file's bytes, its path, the load options and the running program. Parsing Markdown and
//! finding KEPs, SIGs and deadlines is half of a build's CPU on the real archive; an
//! unchanged edition is decoded from MessagePack instead, in parallel, and an edited one read afresh.
//!
//! An entry holds what reading made: not the Markdown, which the edition reads again from
//! its file when a page needs it ([`lwkd_content::Edition::read_body`]), nor the HTML. Entries
//! are zstd-compressed on disk, against a dictionary of a few entries that the file keeps
//! beside them: made, when the file has none, from editions spread over the archive, read
//! first. Every entry's key has the dictionary's hash, so an entry is never read with
//! another dictionary than its own.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lwkd_content::{
    parse_edition_with_body, read_edition_with_body, Diagnostic, EditionBody, LoadOptions,
    ParsedEdition,
};
use lwkd_taxonomy::{EditionTags, Facts};
use lwkd_upstream::Upstream;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache_file::{hash_part, program_hasher, CacheFile, Key};
use crate::compressed::{compress, decompress, Dictionary};

/// First bytes of the file; a new layout gets a new one.
const MAGIC: &[u8] = b"lwkd edition cache 10\n";

/// How many entries make the dictionary: 8 made the archive's cache smallest (4 and 16
/// left it 2-4% larger), about 60 KB of entries, 18 KB stored.
const DICTIONARY_ENTRIES: usize = 8;

/// One edition file, read and indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadEdition {
    pub parsed: ParsedEdition,
    /// `None` when the file gave no edition.
    pub tags: Option<EditionTags>,
}

impl ReadEdition {
    /// Reads, parses and indexes (with `facts`) the edition file at `path`; with its
    /// Markdown, when the file gave an edition.
    pub fn from_file(
        path: &Path,
        options: &LoadOptions,
        facts: &Facts,
    ) -> (ReadEdition, Option<EditionBody>) {
        ReadEdition::indexed(read_edition_with_body(path, options), facts)
    }

    /// The edition file at `path`, whose bytes are `bytes`, read and indexed.
    fn from_bytes(path: &Path, bytes: &[u8], options: &LoadOptions, facts: &Facts) -> ReadEdition {
        ReadEdition::indexed(parse_edition_with_body(path, bytes, options), facts).0
    }

    /// A parsed edition indexed with `facts`, and its Markdown.
    fn indexed(
        (parsed, body): (ParsedEdition, Option<EditionBody>),
        facts: &Facts,
    ) -> (ReadEdition, Option<EditionBody>) {
        let tags = (parsed.edition.as_ref())
            .zip(body.as_ref())
            .map(|(e, body)| EditionTags::extract(e, body, facts));
        (ReadEdition { parsed, tags }, body)
    }
}

pub struct EditionCache {
    file: CacheFile,
    /// The program, the options and the upstream facts: part of every key.
    identity: blake3::Hash,
}

impl EditionCache {
    /// The cache in `cache_dir` for editions indexed with the facts of `upstream`, empty
    /// when there is none or it does not read.
    pub fn open(cache_dir: &Path, options: &LoadOptions, upstream: &Upstream) -> EditionCache {
        let mut identity = program_hasher();
        hash_part(&mut identity, options.permalink.as_bytes());
        // Tags depend on the facts (group names, gates): other facts, other entries.
        hash_part(
            &mut identity,
            &rmp_serde::to_vec(upstream).expect("upstream facts serialize to MessagePack"),
        );
        EditionCache {
            file: CacheFile::open(cache_dir.join("editions.bin"), MAGIC),
            identity: identity.finalize(),
        }
    }

    /// Each edition file of `paths`, read and indexed, in parallel: from the cache when its
    /// bytes are those of a cached one. An unreadable file is read as
    /// [`read_edition_with_body`] reads it.
    pub fn read_all(
        &self,
        paths: &[PathBuf],
        options: &LoadOptions,
        facts: &Facts,
    ) -> Vec<ReadEdition> {
        let (dictionary, read_first) = self.dictionary(paths, options, facts);
        (paths.par_iter())
            .map(|path| self.read(path, &dictionary, read_first.get(path), options, facts))
            .collect()
    }

    /// The file's dictionary; when it has none, one made of the entries of editions spread
    /// over `paths`, with those editions as read.
    fn dictionary(
        &self,
        paths: &[PathBuf],
        options: &LoadOptions,
        facts: &Facts,
    ) -> (Dictionary, HashMap<PathBuf, ReadFirst>) {
        let mut key = blake3::Hasher::new();
        key.update(self.identity.as_bytes());
        hash_part(&mut key, b"dictionary");
        let made = self.file.get_or_make(
            *key.finalize().as_bytes(),
            |stored| {
                let content = decompress(&stored, None)?;
                Some((Dictionary::new(content), HashMap::new()))
            },
            || -> Result<_, std::convert::Infallible> {
                let step = paths.len().div_ceil(DICTIONARY_ENTRIES).max(1);
                let read: Vec<(PathBuf, ReadFirst)> = (paths.par_iter().step_by(step))
                    .filter_map(|path| {
                        let bytes = std::fs::read(path).ok()?;
                        let read = ReadEdition::from_bytes(path, &bytes, options, facts);
                        Some((path.clone(), ReadFirst { bytes, read }))
                    })
                    .collect();
                // In the order of `paths`: the same editions make the same dictionary.
                let content = read
                    .iter()
                    .flat_map(|(_, first)| encode(&first.read))
                    .collect();
                Ok((Dictionary::new(content), read.into_iter().collect()))
            },
            |(dictionary, _)| Cow::Owned(compress(&dictionary.content, None)),
        );
        let Ok(made) = made;
        made
    }

    /// The edition file at `path`, read and indexed, from the cache when its bytes are
    /// those of a cached one compressed with `dictionary`; else from `read_first` when it
    /// read the same bytes.
    fn read(
        &self,
        path: &Path,
        dictionary: &Dictionary,
        read_first: Option<&ReadFirst>,
        options: &LoadOptions,
        facts: &Facts,
    ) -> ReadEdition {
        let Ok(bytes) = std::fs::read(path) else {
            return ReadEdition::from_file(path, options, facts).0;
        };
        let Ok(read) = self.file.get_or_make(
            self.key(path, &bytes, &dictionary.hash),
            // An entry that reads but does not fit together (it names another file, or an
            // edition without its tags) is a miss: the build relies on all of it.
            |entry| {
                decompress(&entry, Some(dictionary))
                    .and_then(|entry| rmp_serde::from_slice::<ReadEdition>(&entry).ok())
                    .filter(|r| {
                        r.parsed.edition.as_ref().map(|e| &*e.source)
                            == r.tags.as_ref().map(|_| path)
                    })
            },
            || -> Result<_, std::convert::Infallible> {
                Ok(match read_first.filter(|first| first.bytes == bytes) {
                    Some(first) => first.read.clone(),
                    None => ReadEdition::from_bytes(path, &bytes, options, facts),
                })
            },
            |read| Cow::Owned(compress(&encode(read), Some(dictionary))),
        );
        read
    }

    /// Keeps the entries of this build for the next one; a warning when some were damaged.
    pub fn save(self) -> Option<Diagnostic> {
        self.file.save()
    }

    fn key(&self, path: &Path, bytes: &[u8], dictionary: &blake3::Hash) -> Key {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.identity.as_bytes());
        hasher.update(dictionary.as_bytes());
        hash_part(&mut hasher, path.as_os_str().as_encoded_bytes());
        hasher.update(bytes);
        *hasher.finalize().as_bytes()
    }
}

/// An entry's bytes: structs as arrays, without field names (12% less on disk). A
/// flattened mention is still a map with names, which is what `flatten` reads back.
fn encode(read: &ReadEdition) -> Vec<u8> {
    rmp_serde::to_vec(read).expect("editions serialize to MessagePack")
}

/// An edition read before the others, to make the dictionary of: the bytes it was read
/// from, and what reading made of them.
struct ReadFirst {
    bytes: Vec<u8>,
    read: ReadEdition,
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use rayon::prelude::*;

    use super::*;

    /// A temporary folder (removed when dropped) with a copy of the real archive's
    /// editions, to edit; the copies, and the cache folder beside them.
    fn archive_copy() -> (tempfile::TempDir, Vec<PathBuf>, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let (posts, cache_dir) = (tmp.path().join("posts"), tmp.path().join("cache"));
        std::fs::create_dir(&posts).unwrap();
        let mut files = Vec::new();
        for entry in std::fs::read_dir(lwkd_testdata::posts()).unwrap() {
            let from = entry.unwrap().path();
            let to = posts.join(from.file_name().unwrap());
            std::fs::copy(&from, &to).unwrap();
            files.push(to);
        }
        files.sort();
        (tmp, files, cache_dir)
    }

    fn options() -> LoadOptions {
        LoadOptions {
            permalink: lwkd_config::DEFAULT_PERMALINK.into(),
            drafts: false,
        }
    }

    /// What reading `path` without a cache gives: the cache keeps all of it.
    fn parsed(path: &Path) -> ReadEdition {
        ReadEdition::from_file(path, &options(), &Facts::default()).0
    }

    /// Reads every file through the cache in `dir`; the editions and the number of misses.
    fn read_through(dir: &Path, files: &[PathBuf]) -> (Vec<ReadEdition>, usize) {
        let cache = EditionCache::open(dir, &options(), &Upstream::default());
        let read = cache.read_all(files, &options(), &Facts::default());
        let misses = cache.file.misses();
        cache.save();
        (read, misses)
    }

    #[test]
    fn the_real_archive_reads_back_from_the_cache_as_parsed() {
        let (_tmp, files, cache_dir) = archive_copy();
        let mut expected: Vec<ReadEdition> = files.par_iter().map(|f| parsed(f)).collect();
        assert!(
            expected
                .iter()
                .filter(|r| !r.parsed.diagnostics.is_empty())
                .count()
                >= 2,
            "the archive's broken dates are in the entries"
        );

        // An empty cache misses every edition, and makes its dictionary.
        let (cold, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, files.len() + 1);
        assert!(
            cold == expected,
            "editions read into the cache are the parsed ones"
        );
        let (warm, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, 0, "every unchanged edition comes from the cache");
        assert!(
            warm == expected,
            "editions decoded from the cache equal the parsed ones"
        );
        // An entry keeps neither the Markdown nor the HTML: each edition reads its Markdown
        // again from its file, and renders the HTML the parser made.
        let has_heading = |bytes: &[u8]| bytes.windows(7).any(|w| w == b"<h2 id=");
        let entry = rmp_serde::to_vec_named(&expected[0]).unwrap();
        let edition = expected[0].parsed.edition.as_ref().unwrap();
        let body = edition.read_body().unwrap();
        assert!(has_heading(body.html().as_bytes()) && !has_heading(&entry));
        let line = body
            .markdown
            .lines()
            .find(|l| l.contains("](https:"))
            .unwrap();
        assert!(!String::from_utf8_lossy(&entry).contains(line), "{line}");
        for (warm, expected) in warm.iter().zip(&expected) {
            let html = |r: &ReadEdition| {
                r.parsed
                    .edition
                    .as_ref()
                    .map(|e| e.read_body().unwrap().html())
            };
            assert_eq!(html(warm), html(expected));
        }

        // An edited edition is read again, and only it.
        let edited = files
            .iter()
            .position(|f| f.ends_with("2022-02-06-update.md"))
            .unwrap();
        let mut text = std::fs::read_to_string(&files[edited]).unwrap();
        text.push_str("\n## Feature Work\n\n[KEP-4242](https://github.com/kubernetes/enhancements/issues/4242) moves to beta, says SIG Node.\n");
        std::fs::write(&files[edited], text).unwrap();
        expected[edited] = parsed(&files[edited]);
        assert!(
            expected[edited]
                .tags
                .as_ref()
                .unwrap()
                .keps
                .iter()
                .any(|k| k.kep.0 == 4242),
            "the edit names a new KEP"
        );
        let (read, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, 1);
        assert!(read == expected, "the edited edition reads as its new text");

        // A torn cache file loses entries, never correctness.
        let file = cache_dir.join("editions.bin");
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        let (read, misses) = read_through(&cache_dir, &files);
        assert!(
            misses > 0 && misses < files.len(),
            "half a file keeps about half the entries: {misses} misses"
        );
        assert!(read == expected);
        std::fs::write(&file, b"not a cache").unwrap();
        let (read, misses) = read_through(&cache_dir, &files);
        assert_eq!(misses, files.len() + 1);
        assert!(read == expected);
    }

    #[test]
    fn the_dictionary_makes_entries_smaller_and_is_made_again_the_same() {
        let (_tmp, files, cache_dir) = archive_copy();
        let (read, _) = read_through(&cache_dir, &files);
        let file = cache_dir.join("editions.bin");
        let stored = std::fs::read(&file).unwrap();
        let alone: usize = read.iter().map(|r| compress(&encode(r), None).len()).sum();
        assert!(
            stored.len() * 10 < alone * 9,
            "the file is {} bytes, dictionary included; the entries compressed alone, {alone}",
            stored.len()
        );

        // The dictionary is the first entry written. Damaged, it is made again from the
        // same editions, the same: the entries compressed with it still read.
        let frames = 1 + stored
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(1)
            .unwrap()
            .0;
        let mut damaged = stored.clone();
        damaged[frames + 32 + 4 + 8 + 10] ^= 0xff;
        std::fs::write(&file, damaged).unwrap();
        let cache = EditionCache::open(&cache_dir, &options(), &Upstream::default());
        assert!(cache.read_all(&files, &options(), &Facts::default()) == read);
        assert_eq!(cache.file.misses(), 1, "only the dictionary is made again");
        let warning = cache.save().expect("a damaged entry is reported");
        assert!(
            warning.message.contains("1 cache entries were damaged"),
            "{}",
            warning.message
        );
    }
}
