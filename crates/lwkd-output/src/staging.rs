//! Output files and the atomic write: a build goes to a folder beside the output and
//! replaces it only once every file is written.
//!
//! The tree a swap replaces is kept in the cache folder and becomes the next build's
//! staging folder (double buffering). Creating and deleting a thousand inodes costs ext4
//! more than rendering the pages; a page whose bytes did not change needs no file system
//! change at all. Every decision compares bytes with the live output, so a kept tree in any
//! state (a crash halfway through an update, hand edits) still gives exactly the new build.

use std::collections::{BTreeSet, HashSet};
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::OutputError;
use crate::guard::{MARKER, MARKER_TEXT};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path below the output root, `/`-separated, no leading `/`: `2022/20220209.html`.
    pub path: String,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bytes(Vec<u8>),
    /// Copied from a source file (images, CSS) without reading it into memory.
    Copy(PathBuf),
    /// What the live output's file at the same path holds, as the page cache found it: the
    /// last build wrote it from the same inputs. Linked as it is, never read or looked up
    /// again: the page cache names the file it found.
    Kept(FileId),
}

/// Which file (inode) a path led to: a kept page's, as the page cache found it.
#[cfg(unix)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

/// Off Unix no file is told apart: every file is linked again.
#[cfg(not(unix))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId;

impl FileId {
    pub fn of(meta: &Metadata) -> FileId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileId {
                dev: meta.dev(),
                ino: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileId
        }
    }

    /// Whether `meta` is of this file.
    fn is(&self, meta: &Metadata) -> bool {
        cfg!(unix) && FileId::of(meta) == *self
    }
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            body: Body::Bytes(bytes.into()),
        }
    }

    pub fn copy(path: impl Into<String>, source: impl Into<PathBuf>) -> Self {
        OutputFile {
            path: path.into(),
            body: Body::Copy(source.into()),
        }
    }
}

/// A relative file system path as an output path: `/`-separated, on every platform.
pub fn output_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `path`, an output path, joined to `root`: only when every part of it names a file or
/// folder below `root` (no empty part, `.` or `..`; no `\` where it separates folders), so
/// that no output, whatever an edition or theme names it, is written outside the site.
pub fn join_below(root: &Path, path: &str) -> Result<PathBuf, OutputError> {
    let part_bad =
        |part: &str| matches!(part, "" | "." | "..") || (cfg!(windows) && part.contains('\\'));
    let joined = (!path.split('/').any(part_bad))
        .then(|| root.join(path))
        .filter(|joined| joined.starts_with(root));
    joined.ok_or_else(|| OutputError::OutsideOutput {
        root: root.to_path_buf(),
        output: path.to_string(),
    })
}

/// Writes `files` into a folder beside `out_dir`, then swaps it in. On error `out_dir` is
/// as it was.
pub fn write_atomically(out_dir: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let staging = Staging::new(out_dir)?;
    staging.write(files)?;
    staging.finish()
}

/// Where costly, reusable build work is kept between builds (parsed editions, pages, the
/// previous output): beside `out_dir`, so it stays with the output, out of the sources,
/// and on the output's file system.
pub fn cache_dir_for(out_dir: &Path) -> PathBuf {
    out_dir.parent().unwrap_or(out_dir).join(".lwkd-cache")
}

/// Where the output a swap replaced waits to be the next staging folder.
fn spare_dir(out_dir: &Path) -> PathBuf {
    cache_dir_for(out_dir).join(format!("{}.previous", out_name(out_dir)))
}

/// A build's output being written beside `out_dir`, files as they come (so a large site
/// never holds all its pages at once). [`Staging::finish`] swaps it in; dropped unfinished,
/// it is removed and `out_dir` is as it was.
pub struct Staging {
    root: PathBuf,
    out_dir: PathBuf,
    /// Whether `root` is an earlier output being updated rather than a new, empty folder.
    reused: bool,
    /// Whether there is a live output to compare files with: without one (a first build, a
    /// deploy from scratch) no file is looked for in it.
    live: bool,
    written: Mutex<Written>,
    finished: bool,
}

/// What this build put in the staging folder; whatever else a reused one holds goes.
#[derive(Default)]
struct Written {
    files: HashSet<String>,
    dirs: HashSet<String>,
}

impl Staging {
    pub fn new(out_dir: &Path) -> Result<Staging, OutputError> {
        remove_leftovers(out_dir);
        let root = sibling(out_dir, "new");
        if std::fs::symlink_metadata(&root).is_ok() {
            std::fs::remove_dir_all(&root).map_err(|e| io_error(&root, e))?;
        }
        let spare = spare_dir(out_dir);
        // Renaming claims the spare: of two builds started at once, one gets it.
        let reused = std::fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir())
            && std::fs::rename(&spare, &root).is_ok();
        if !reused {
            std::fs::create_dir_all(&root).map_err(|e| io_error(&root, e))?;
        }
        Ok(Staging {
            root,
            out_dir: out_dir.to_path_buf(),
            reused,
            live: out_dir.is_dir(),
            written: Mutex::default(),
            finished: false,
        })
    }

    /// Writes `files`, in parallel. A file whose bytes equal those at the same path in the
    /// live output becomes a hard link to it, if it is not one already: no new inode, and
    /// its mtime (for HTTP caches) changes only when its bytes do. Any other file is a new
    /// inode, never written through an old one, which may be linked into the live output.
    pub fn write(&self, files: &[OutputFile]) -> Result<(), OutputError> {
        self.make_dirs(files)?;
        files.par_iter().try_for_each(|file| self.put(file))?;
        self.written
            .lock()
            .expect("no writer panicked")
            .files
            .extend(files.iter().map(|f| f.path.clone()));
        Ok(())
    }

    /// Makes the folders `files` go in, parents first; in a reused tree, a file where a
    /// folder goes is removed.
    fn make_dirs(&self, files: &[OutputFile]) -> Result<(), OutputError> {
        let mut written = self.written.lock().expect("no writer panicked");
        let wanted: BTreeSet<&str> = files
            .iter()
            .flat_map(|f| f.path.match_indices('/').map(|(i, _)| &f.path[..i]))
            .collect();
        for dir in wanted {
            if written.dirs.contains(dir) {
                continue;
            }
            let path = join_below(&self.root, dir)?;
            let exists = self.reused
                && match std::fs::symlink_metadata(&path) {
                    Ok(meta) if meta.is_dir() => true,
                    Ok(_) => std::fs::remove_file(&path)
                        .map(|()| false)
                        .map_err(|e| io_error(&path, e))?,
                    Err(_) => false,
                };
            if !exists {
                std::fs::create_dir(&path).map_err(|e| io_error(&path, e))?;
            }
            written.dirs.insert(dir.to_string());
        }
        Ok(())
    }

    fn put(&self, file: &OutputFile) -> Result<(), OutputError> {
        let target = join_below(&self.root, &file.path)?;
        let live = join_below(&self.out_dir, &file.path)?;
        if let Some(live_file) = self.live.then(|| holding(&live, &file.body)).flatten() {
            if self.reused && std::fs::symlink_metadata(&target).is_ok_and(|m| live_file.is(&m)) {
                return Ok(());
            }
            self.clear(&target)?;
            if std::fs::hard_link(&live, &target).is_ok() {
                return Ok(());
            }
        } else {
            self.clear(&target)?;
        }
        match &file.body {
            Body::Bytes(bytes) => std::fs::write(&target, bytes).map_err(|e| io_error(&target, e)),
            Body::Copy(source) => std::fs::copy(source, &target)
                .map(drop)
                .map_err(|e| io_error(source, e)),
            // Gone since the page cache read it, or not to be linked: the build is to be
            // run again rather than an empty page written.
            Body::Kept(_) => std::fs::copy(&live, &target)
                .map(drop)
                .map_err(|e| io_error(&live, e)),
        }
    }

    /// Removes what a reused tree holds at `target`: a file, or a folder where a file goes.
    fn clear(&self, target: &Path) -> Result<(), OutputError> {
        if !self.reused {
            return Ok(());
        }
        match std::fs::remove_file(target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(_) => std::fs::remove_dir_all(target).map_err(|e| io_error(target, e)),
            Ok(()) => Ok(()),
        }
    }

    /// Removes from a reused tree every file and folder this build did not write.
    fn prune(&self) -> Result<(), OutputError> {
        let written = self.written.lock().expect("no writer panicked");
        let mut walk = WalkDir::new(&self.root).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|e| io_error(&self.root, e.into()))?;
            let path = output_path(
                entry
                    .path()
                    .strip_prefix(&self.root)
                    .expect("walked below the root"),
            );
            let removed = if entry.file_type().is_dir() {
                if written.dirs.contains(&path) {
                    continue;
                }
                walk.skip_current_dir();
                std::fs::remove_dir_all(entry.path())
            } else {
                if written.files.contains(&path) {
                    continue;
                }
                std::fs::remove_file(entry.path())
            };
            removed.map_err(|e| io_error(entry.path(), e))?;
        }
        Ok(())
    }

    /// Replaces `out_dir` with what was written; the replaced output is kept for the next build.
    pub fn finish(mut self) -> Result<(), OutputError> {
        self.write(&[OutputFile::bytes(MARKER, MARKER_TEXT)])?;
        if self.reused {
            self.prune()?;
        }
        let replaced = swap_in(&self.root, &self.out_dir)?;
        self.finished = true;
        replaced.map_or(Ok(()), |tree| keep_as_spare(&tree, &self.out_dir))
    }
}

impl Drop for Staging {
    /// A build that did not finish removes what it wrote: a partial tree (a disk that
    /// filled up) is no use to the next build and would keep the disk full.
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

/// Removes what builds that were killed left: staging folders beside the output and
/// half-written cache files, of processes that are gone (a running build's stay).
fn remove_leftovers(out_dir: &Path) {
    let of_dead_build = |name: &str, prefixes: &[String]| {
        prefixes.iter().any(|prefix| {
            name.strip_prefix(prefix.as_str())
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| pid != std::process::id() && !process_alive(pid))
        })
    };
    let name = out_name(out_dir);
    let beside = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staging = [format!(".{name}.lwkd-new-"), format!(".{name}.lwkd-old-")];
    for entry in std::fs::read_dir(beside).into_iter().flatten().flatten() {
        if of_dead_build(&entry.file_name().to_string_lossy(), &staging) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    for entry in std::fs::read_dir(cache_dir_for(out_dir))
        .into_iter()
        .flatten()
        .flatten()
    {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        // `editions.new-<pid>`: a cache file being written (cache_file.rs).
        let prefix = file_name
            .split_once(".new-")
            .map(|(stem, _)| vec![format!("{stem}.new-")])
            .unwrap_or_default();
        if of_dead_build(&file_name, &prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs; where that cannot be told, it is taken to.
fn process_alive(pid: u32) -> bool {
    !cfg!(target_os = "linux") || Path::new("/proc").join(pid.to_string()).exists()
}

/// Keeps `tree` for the next build to update; removes it when another build's is there.
fn keep_as_spare(tree: &Path, out_dir: &Path) -> Result<(), OutputError> {
    let spare = spare_dir(out_dir);
    let kept = spare
        .parent()
        .is_some_and(|cache| std::fs::create_dir_all(cache).is_ok())
        && std::fs::rename(tree, &spare).is_ok();
    if kept {
        return Ok(());
    }
    std::fs::remove_dir_all(tree).map_err(|e| io_error(tree, e))
}

fn io_error(path: &Path, source: std::io::Error) -> OutputError {
    OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn out_name(out_dir: &Path) -> String {
    out_dir
        .file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned())
}

fn sibling(out_dir: &Path, what: &str) -> PathBuf {
    out_dir.with_file_name(format!(
        ".{}.lwkd-{what}-{}",
        out_name(out_dir),
        std::process::id()
    ))
}

/// The regular file at `path` if it holds exactly `body`; it is read only when the sizes
/// match, and a [`Body::Kept`] one is the file the page cache found there (no system call).
pub fn holding(path: &Path, body: &Body) -> Option<FileId> {
    match body {
        Body::Kept(file) => Some(*file),
        Body::Bytes(bytes) => {
            let (mut file, meta) = open_file(path)?;
            (meta.len() == bytes.len() as u64 && reads_as(&mut file, bytes))
                .then(|| FileId::of(&meta))
        }
        Body::Copy(source) => {
            let (mut file, meta) = open_file(path)?;
            let same = std::fs::metadata(source).is_ok_and(|s| s.len() == meta.len())
                && std::fs::read(source).is_ok_and(|b| reads_as(&mut file, &b));
            same.then(|| FileId::of(&meta))
        }
    }
}

/// The regular file at `path` (not a link to one), opened for reading, with its metadata.
fn open_file(path: &Path) -> Option<(File, Metadata)> {
    let file = open_no_follow(path).ok()?;
    let meta = file.metadata().ok().filter(Metadata::is_file)?;
    Some((file, meta))
}

/// The regular file at `path` (not a link to one), opened for reading, when it is `len` long.
pub fn open_regular(path: &Path, len: u64) -> Option<(File, FileId)> {
    open_file(path).and_then(|(file, meta)| (meta.len() == len).then(|| (file, FileId::of(&meta))))
}

/// Whether the rest of `file`, known to be as long as `expected`, equals it.
fn reads_as(file: &mut File, expected: &[u8]) -> bool {
    // Read whole into a buffer of the right size, which `read_to_end` fills without zeroing
    // it first: pages are a few KiB to a few hundred.
    let mut read = Vec::with_capacity(expected.len() + 1);
    file.read_to_end(&mut read).is_ok() && read == expected
}

/// Opens a file for reading; a symbolic link is not followed (it is not a file we wrote).
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NOFOLLOW.bits() as i32,
    );
    options.open(path)
}

/// Puts `staging` at `out_dir`; returns where the output it replaced now is, if any.
fn swap_in(staging: &Path, out_dir: &Path) -> Result<Option<PathBuf>, OutputError> {
    if !out_dir.exists() {
        if let Some(parent) = out_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        return std::fs::rename(staging, out_dir)
            .map(|()| None)
            .map_err(|e| io_error(out_dir, e));
    }
    // One step where the OS has it, so a reader (`lwkd serve`) never finds the output missing.
    if exchange(staging, out_dir).is_ok() {
        return Ok(Some(staging.to_path_buf()));
    }
    let old = sibling(out_dir, "old");
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(out_dir, &old).map_err(|e| io_error(out_dir, e))?;
    if let Err(e) = std::fs::rename(staging, out_dir) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, out_dir);
        return Err(io_error(out_dir, e));
    }
    Ok(Some(old))
}

/// Swaps two directories atomically (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(Into::into)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;

    /// Staging folders left beside the output.
    fn leftovers(out: &Path) -> Vec<String> {
        let names = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
        names
            .filter(|n| n.contains(".lwkd-") && n != ".lwkd-cache")
            .collect()
    }

    /// Every file and folder below `dir`, with the files' bytes.
    fn tree(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
        let entries = WalkDir::new(dir)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name() != MARKER);
        let entry = |e: walkdir::DirEntry| {
            let bytes = (!e.file_type().is_dir()).then(|| std::fs::read(e.path()).unwrap());
            (output_path(e.path().strip_prefix(dir).unwrap()), bytes)
        };
        entries.map(entry).collect()
    }

    proptest::proptest! {
        /// Whatever an edition, a theme or a content file names an output, the path it is
        /// written to lies below the output root, without `..` in it.
        #[test]
        fn a_joined_output_path_never_leaves_the_root(path in "([a-z]|\\.|\\.\\.|/|\\\\|[\\x00-\\x1f]|\\PC){0,24}") {
            let root = Path::new("/srv/site");
            if let Ok(joined) = join_below(root, &path) {
                let below = joined.strip_prefix(root);
                proptest::prop_assert!(below.is_ok_and(|b| b.components().all(|c| matches!(c, std::path::Component::Normal(_)))), "{path:?} -> {joined:?}");
            }
        }

        /// A path of plain names is joined as it is.
        #[test]
        fn a_path_of_plain_names_is_joined(parts in proptest::collection::vec("[A-Za-z0-9_-][A-Za-z0-9._ -]{0,10}", 1..5)) {
            let path = parts.join("/");
            let root = Path::new("/srv/site");
            proptest::prop_assert_eq!(join_below(root, &path).ok(), Some(root.join(&path)));
        }
    }

    #[test]
    fn swaps_a_finished_build_in() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, &[OutputFile::bytes("a/b.html", "one")]).unwrap();
        write_atomically(&out, &[OutputFile::bytes("c.html", "two")]).unwrap();
        assert_eq!(tree(&out), [("c.html".to_string(), Some(b"two".to_vec()))]);
        assert_eq!(
            tree(&spare_dir(&out)),
            [
                ("a".to_string(), None),
                ("a/b.html".to_string(), Some(b"one".to_vec()))
            ],
            "the replaced output is kept"
        );
        write_atomically(&out, &[OutputFile::bytes("a/b.html", "three")]).unwrap();
        assert_eq!(
            tree(&out),
            [
                ("a".to_string(), None),
                ("a/b.html".to_string(), Some(b"three".to_vec()))
            ]
        );
        assert_eq!(leftovers(&out), Vec::<String>::new());
    }

    #[test]
    fn a_file_keeps_its_inode_and_mtime_until_its_bytes_change() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let build = |changed: &str| {
            write_atomically(
                &out,
                &[
                    OutputFile::bytes("same.html", "kept"),
                    OutputFile::bytes("changed.html", changed),
                ],
            )
            .unwrap()
        };
        let meta = |name: &str| std::fs::metadata(out.join(name)).unwrap();
        let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(946_684_800);
        let age = |name: &str| {
            File::options()
                .write(true)
                .open(out.join(name))
                .unwrap()
                .set_modified(long_ago)
                .unwrap()
        };
        build("one");
        age("same.html");
        build("two");
        age("changed.html");
        let (same, changed) = (
            FileId::of(&meta("same.html")),
            FileId::of(&meta("changed.html")),
        );
        // The next build updates the tree that still holds "one"; then the first one again.
        for _ in 0..3 {
            build("two");
            assert!(
                same.is(&meta("same.html")) && changed.is(&meta("changed.html")),
                "unchanged files kept their inodes"
            );
            assert_eq!(meta("same.html").modified().unwrap(), long_ago);
            assert_eq!(meta("changed.html").modified().unwrap(), long_ago);
        }
        build("one");
        assert_eq!(
            std::fs::read_to_string(out.join("changed.html")).unwrap(),
            "one"
        );
        assert!(
            meta("changed.html").modified().unwrap() > long_ago,
            "a page back to older bytes is new to its readers"
        );
        assert_eq!(meta("same.html").modified().unwrap(), long_ago);
    }

    #[test]
    fn a_kept_tree_in_any_state_gives_exactly_the_new_build() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let image = tmp.path().join("chart.png");
        std::fs::write(&image, "png bytes").unwrap();
        let files = [
            OutputFile::bytes("index.html", "home"),
            OutputFile::bytes("2022/a.html", "page a"),
            OutputFile::bytes("2022/b.html", "page b"),
            OutputFile::bytes("kep/1/index.html", "kep"),
            OutputFile::copy("images/chart.png", &image),
        ];
        write_atomically(&out, &files).unwrap();
        write_atomically(&out, &files).unwrap();
        // Mess the kept tree up as a crash or a hand could: stray files and folders, a
        // folder where a file goes and the reverse, same-sized other bytes, a link.
        let spare = spare_dir(&out);
        std::fs::write(spare.join("stray.html"), "x").unwrap();
        std::fs::create_dir_all(spare.join("old/deep")).unwrap();
        std::fs::write(spare.join("old/deep/page.html"), "x").unwrap();
        std::fs::remove_file(spare.join("2022/a.html")).unwrap();
        std::fs::create_dir(spare.join("2022/a.html")).unwrap();
        std::fs::remove_dir_all(spare.join("kep")).unwrap();
        std::fs::write(spare.join("kep"), "not a folder").unwrap();
        std::fs::remove_file(spare.join("2022/b.html")).unwrap();
        std::fs::write(spare.join("2022/b.html"), "page B").unwrap();
        std::fs::remove_file(spare.join("index.html")).unwrap();
        std::os::unix::fs::symlink(out.join("index.html"), spare.join("index.html")).unwrap();
        let expected = tree(&out);
        write_atomically(&out, &files).unwrap();
        assert_eq!(tree(&out), expected);
        assert!(!std::fs::symlink_metadata(out.join("index.html"))
            .unwrap()
            .is_symlink());
        assert_eq!(leftovers(&out), Vec::<String>::new());
    }

    #[test]
    fn a_failed_write_leaves_the_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, &[OutputFile::bytes("index.html", "good")]).unwrap();
        let missing = tmp.path().join("no-such-image.png");
        for _ in 0..2 {
            let result = write_atomically(
                &out,
                &[
                    OutputFile::bytes("index.html", "new"),
                    OutputFile::copy("img.png", &missing),
                ],
            );
            assert!(result.is_err());
            assert_eq!(
                tree(&out),
                [("index.html".to_string(), Some(b"good".to_vec()))]
            );
            assert_eq!(
                leftovers(&out),
                Vec::<String>::new(),
                "the failed staging folder is removed"
            );
        }
        write_atomically(&out, &[OutputFile::bytes("b.html", "b")]).unwrap();
        assert_eq!(tree(&out), [("b.html".to_string(), Some(b"b".to_vec()))]);
    }

    #[test]
    fn a_reader_never_finds_the_output_missing_during_a_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, &[OutputFile::bytes("index.html", "0")]).unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let reader = s.spawn(|| {
                let mut misses = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    misses += usize::from(std::fs::read(out.join("index.html")).is_err());
                }
                misses
            });
            for i in 1..200 {
                write_atomically(&out, &[OutputFile::bytes("index.html", i.to_string())]).unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            assert_eq!(reader.join().unwrap(), 0, "reads that found no index.html");
        });
    }
}
