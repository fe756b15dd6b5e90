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
//!
//! Reading every live file to hash it was a sixth of a warm build. A file the last build
//! that went live saw whole, and that nothing has touched since, is not read again: its
//! inode's change time (which every write, link, rename or `touch` sets to the present)
//! is from before that build began. The moment is read from the same clock, the change
//! time of a file made in the cache folder as the page cache opens, and recorded in
//! `.lwkd-cache/<output>.since` once the output is swapped in ([`OutputLive::record`]). The
//! record is removed when the next build opens the cache, so a build that fails before its
//! swap leaves none, and the one after hashes every file again.

use std::borrow::Cow;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use lwkd_content::Diagnostic;
use lwkd_output::{Body, FileId};
use serde::Serialize;

use crate::cache_file::{hash_part, program_hasher, CacheFile};

/// First bytes of the file; a new layout gets a new one.
const MAGIC: &[u8] = b"lwkd pages 5\n";

/// The file holding when the last build whose output went live in `out_dir` began, in
/// nanoseconds: one per output folder, as outputs side by side share a cache folder.
fn since_file(cache_dir: &Path, out_dir: &Path) -> PathBuf {
    let name = out_dir.file_name().unwrap_or_default().to_string_lossy();
    cache_dir.join(format!("{name}.since"))
}

pub struct PageCache {
    file: CacheFile,
    identity: blake3::Hash,
    /// The live output, which holds the pages.
    out_dir: PathBuf,
    /// Files of the live output that last changed before this are as the last build saw
    /// them; `None` when that is not known (then every file is read).
    unchanged_before: Option<SystemTime>,
    /// The mark this build leaves once its output is live; `None` when the file system's
    /// clock could not be read.
    live: Option<OutputLive>,
}

/// When a build began, to record once its output is live: [`PageCache::save`] gives it.
#[must_use = "recorded after the swap, it spares the next build reading unchanged files"]
pub struct OutputLive {
    since: PathBuf,
    began: SystemTime,
}

impl OutputLive {
    /// Records that the output of the build is now live: call after the swap.
    pub fn record(self) {
        let Ok(nanos) = self.began.duration_since(SystemTime::UNIX_EPOCH) else {
            return;
        };
        // Written aside and renamed: a torn file must not read as another moment.
        let temp = self
            .since
            .with_extension(format!("new-{}", std::process::id()));
        if std::fs::write(&temp, nanos.as_nanos().to_string()).is_err()
            || std::fs::rename(&temp, &self.since).is_err()
        {
            let _ = std::fs::remove_file(&temp);
        }
    }
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
        // Taken away until this build's output goes live: see the module's doc.
        let since = since_file(cache_dir, out_dir);
        let recorded = std::fs::read_to_string(&since).ok();
        let _ = std::fs::remove_file(&since);
        let began = clock(cache_dir);
        let unchanged_before = recorded
            .and_then(|nanos| nanos.trim().parse::<u64>().ok())
            .map(|nanos| SystemTime::UNIX_EPOCH + Duration::from_nanos(nanos))
            // A clock set back since then would make new changes look old.
            .filter(|&mark| Some(mark) <= began);
        PageCache {
            file: CacheFile::open(cache_dir.join("pages.bin"), MAGIC),
            identity: identity.finalize(),
            out_dir: out_dir.to_path_buf(),
            unchanged_before,
            live: began.map(|began| OutputLive { since, began }),
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
                if let Some(file) = self.unchanged(&live, written.len) {
                    return Some(Body::Kept(file));
                }
                let (file, id) = lwkd_output::open_regular(&live, written.len)?;
                let mut hasher = blake3::Hasher::new();
                let read = std::io::copy(&mut file.take(written.len + 1), &mut hasher).ok()?;
                (read == written.len && half(hasher.finalize()) == written.hash)
                    .then_some(Body::Kept(id))
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

    /// The file at `live` when it is a regular file `len` long that has not changed since
    /// before the last build whose output went live began: that build saw it whole.
    fn unchanged(&self, live: &Path, len: u64) -> Option<FileId> {
        let before = self.unchanged_before?;
        let meta = std::fs::symlink_metadata(live).ok()?;
        (meta.is_file() && meta.len() == len && changed(&meta).is_some_and(|at| at < before))
            .then(|| FileId::of(&meta))
    }

    fn key(&self, kind: &str, inputs: impl FnOnce(&mut blake3::Hasher)) -> [u8; 32] {
        let mut key = blake3::Hasher::new();
        key.update(self.identity.as_bytes());
        hash_part(&mut key, kind.as_bytes());
        inputs(&mut key);
        *key.finalize().as_bytes()
    }

    /// Keeps the pages of this build for the next one; a warning when some were damaged.
    /// And gives the mark to record once the output is live.
    pub fn save(self) -> (Option<Diagnostic>, Option<OutputLive>) {
        (self.file.save(), self.live)
    }
}

/// The present by the clock that stamps files in `cache_dir` (and the output beside it): the
/// change time of a file made there now. `None` when none can be made.
fn clock(cache_dir: &Path) -> Option<SystemTime> {
    // Named as a file being written, which builds after a killed one remove.
    let probe = cache_dir.join(format!("clock.new-{}", std::process::id()));
    std::fs::create_dir_all(cache_dir).ok()?;
    std::fs::write(&probe, b"").ok()?;
    let now = std::fs::symlink_metadata(&probe)
        .ok()
        .and_then(|m| changed(&m));
    let _ = std::fs::remove_file(&probe);
    now
}

/// When the inode behind `meta` last changed (its content, links or name).
#[cfg(unix)]
fn changed(meta: &std::fs::Metadata) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let seconds = u64::try_from(meta.ctime()).ok()?;
    let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::new(seconds, nanos))
}

/// Unknown where there is no change time: every file is read.
#[cfg(not(unix))]
fn changed(_: &std::fs::Metadata) -> Option<SystemTime> {
    None
}

/// What a page's entry keeps of the bytes written: enough to tell whether a file holds them.
struct Written {
    len: u64,
    /// The first half of their blake3 hash: 128 bits tell a changed file as surely, in a
    /// tenth less of the cache.
    hash: [u8; 16],
}

impl Written {
    fn of(bytes: &[u8]) -> Written {
        Written {
            len: bytes.len() as u64,
            hash: half(blake3::hash(bytes)),
        }
    }

    fn encode(&self) -> Vec<u8> {
        [&self.len.to_le_bytes()[..], &self.hash].concat()
    }

    fn decode(entry: &[u8]) -> Option<Written> {
        let (len, hash) = entry.split_first_chunk::<8>()?;
        Some(Written {
            len: u64::from_le_bytes(*len),
            hash: <[u8; 16]>::try_from(hash).ok()?,
        })
    }
}

fn half(hash: blake3::Hash) -> [u8; 16] {
    let mut half = [0; 16];
    half.copy_from_slice(&hash.as_bytes()[..16]);
    half
}

/// Writes `value` into `key` as MessagePack, through a buffer (serde writes a token at a
/// time): hashed as it is written. Not JSON, whose string escaping was a seventh of the
/// serve rebuild's time. Structs are written with their field names, as JSON writes them:
/// as arrays, a field skipped when empty would make two values with the same fields in
/// other places write the same bytes. rmp-serde holds a map of unknown length (a struct
/// with a flattened field) whole, to write its length first; a page's view is one.
pub fn hash_serialized(key: &mut blake3::Hasher, value: &(impl Serialize + ?Sized)) {
    let mut writer = BufWriter::with_capacity(16 * 1024, key);
    value
        .serialize(&mut rmp_serde::Serializer::new(&mut writer).with_struct_map())
        .expect("page inputs serialize");
    writer.flush().expect("hashing never fails");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key tells apart values whose fields skipped when empty leave the same others
    /// (a KEP with a status and no stage, and one with that stage and no status).
    #[test]
    fn skipped_fields_do_not_make_two_values_one_key() {
        #[derive(Serialize)]
        struct Facts<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            status: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            stage: Option<&'a str>,
        }
        let key = |facts: &Facts<'_>| {
            let mut key = blake3::Hasher::new();
            hash_serialized(&mut key, facts);
            key.finalize()
        };
        let status = Facts {
            status: Some("beta"),
            stage: None,
        };
        let stage = Facts {
            status: None,
            stage: Some("beta"),
        };
        assert_ne!(key(&status), key(&stage));
    }

    fn cache(dir: &Path) -> PageCache {
        PageCache::open(&dir.join(".lwkd-cache"), &dir.join("out"), b"theme", "/")
    }

    /// The mark is read once and taken away: a build that stops before its swap leaves
    /// none, and the next one reads every file.
    #[test]
    fn the_mark_is_taken_until_the_output_goes_live() {
        let tmp = tempfile::tempdir().unwrap();
        let (cache_dir, out) = (tmp.path().join(".lwkd-cache"), tmp.path().join("out"));
        std::fs::create_dir_all(&cache_dir).unwrap();
        assert!(cache(tmp.path()).unchanged_before.is_none());
        let live = |out: &Path, began| {
            let since = since_file(&cache_dir, out);
            OutputLive { since, began }.record();
        };
        let began = SystemTime::now() - Duration::from_secs(60);
        live(&out, began);
        assert_eq!(cache(tmp.path()).unchanged_before, Some(began));
        assert!(cache(tmp.path()).unchanged_before.is_none(), "read once");
        // Another output beside it has a mark of its own; a mark from the future is none.
        live(&tmp.path().join("other"), began);
        live(&out, SystemTime::now() + Duration::from_secs(3600));
        assert!(cache(tmp.path()).unchanged_before.is_none());
        // What a build saves to record is the moment it opened the cache, for its output.
        let (_, mark) = cache(tmp.path()).save();
        let mark = mark.expect("the clock reads here");
        assert_eq!(mark.since, since_file(&cache_dir, &out));
        assert!(mark.began <= SystemTime::now());
    }

    /// Taken unread: a regular file of the length written whose inode last changed before
    /// the mark; not one changed since, of another length, or a link.
    #[test]
    fn only_files_unchanged_since_the_mark_are_taken_unread() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let page = out.join("page.html");
        std::fs::write(&page, "<p>page</p>").unwrap();
        let mut cache = cache(tmp.path());
        cache.unchanged_before = Some(SystemTime::now() + Duration::from_secs(3600));
        assert!(cache.unchanged(&page, 11).is_some());
        assert!(cache.unchanged(&page, 12).is_none());
        #[cfg(unix)]
        {
            let link = out.join("link.html");
            std::os::unix::fs::symlink(&page, &link).unwrap();
            assert!(cache.unchanged(&link, 11).is_none());
        }
        cache.unchanged_before = Some(SystemTime::now() - Duration::from_secs(3600));
        assert!(
            cache.unchanged(&page, 11).is_none(),
            "changed after the mark"
        );
        cache.unchanged_before = None;
        assert!(cache.unchanged(&page, 11).is_none());
    }
}
