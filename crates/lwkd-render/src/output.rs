//! Output files and the atomic write: a build goes to a fresh directory beside the output
//! and replaces it only once every file is written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::BuildError;

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
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), body: Body::Bytes(bytes.into()) }
    }

    pub fn copy(path: impl Into<String>, source: impl Into<PathBuf>) -> Self {
        OutputFile { path: path.into(), body: Body::Copy(source.into()) }
    }
}

/// A relative file system path as an output path: `/`-separated, on every platform.
pub(crate) fn output_path(relative: &Path) -> String {
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Writes `files` into a new directory beside `out_dir`, then swaps it in. On error the
/// new directory is removed and `out_dir` is as it was.
pub fn write_atomically(out_dir: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
    let staging = Staging::new(out_dir)?;
    staging.write(files)?;
    staging.finish()
}

/// A build's output being written beside `out_dir`, files as they come (so a large site
/// never holds all its pages at once). [`Staging::finish`] swaps it in; dropped unfinished,
/// it is removed and `out_dir` is as it was.
pub struct Staging {
    root: PathBuf,
    out_dir: PathBuf,
    finished: bool,
}

impl Staging {
    pub fn new(out_dir: &Path) -> Result<Staging, BuildError> {
        let root = sibling(out_dir, "new");
        if root.exists() {
            std::fs::remove_dir_all(&root).map_err(|e| io_error(&root, e))?;
        }
        std::fs::create_dir_all(&root).map_err(|e| io_error(&root, e))?;
        Ok(Staging { root, out_dir: out_dir.to_path_buf(), finished: false })
    }

    /// Writes `files`, in parallel. A file whose bytes equal those at the same path in the
    /// output being replaced is hard-linked from there instead: on ext4, creating hundreds
    /// of fresh inodes right after deleting as many is most of a build's write time, and a
    /// link also keeps the file's mtime for HTTP caches.
    pub fn write(&self, files: &[OutputFile]) -> Result<(), BuildError> {
        let dirs: BTreeSet<PathBuf> = files.iter().filter_map(|f| Path::new(&f.path).parent().map(|p| self.root.join(p))).collect();
        for dir in &dirs {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        files.par_iter().try_for_each(|file| {
            let target = self.root.join(&file.path);
            let old = self.out_dir.join(&file.path);
            if unchanged(&old, &file.body) && std::fs::hard_link(&old, &target).is_ok() {
                return Ok(());
            }
            match &file.body {
                Body::Bytes(bytes) => std::fs::write(&target, bytes).map_err(|e| io_error(&target, e)),
                Body::Copy(source) => std::fs::copy(source, &target).map(drop).map_err(|e| io_error(source, e)),
            }
        })
    }

    /// Replaces `out_dir` with what was written.
    pub fn finish(mut self) -> Result<(), BuildError> {
        swap_in(&self.root, &self.out_dir)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> BuildError {
    BuildError::Output { path: path.to_path_buf(), message: e.to_string() }
}

fn sibling(out_dir: &Path, what: &str) -> PathBuf {
    let name = out_dir.file_name().map_or("site".into(), |n| n.to_string_lossy().into_owned());
    out_dir.with_file_name(format!(".{name}.lwkd-{what}-{}", std::process::id()))
}

/// Whether the file at `old` already holds `body`; a size check first spares most reads.
fn unchanged(old: &Path, body: &Body) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(old) else { return false };
    if !meta.is_file() {
        return false;
    }
    match body {
        Body::Bytes(bytes) => meta.len() == bytes.len() as u64 && std::fs::read(old).is_ok_and(|b| b == *bytes),
        Body::Copy(source) => std::fs::metadata(source).is_ok_and(|s| s.len() == meta.len())
            && matches!((std::fs::read(old), std::fs::read(source)), (Ok(a), Ok(b)) if a == b),
    }
}

fn swap_in(staging: &Path, out_dir: &Path) -> Result<(), BuildError> {
    let err = |path: &Path, e: std::io::Error| BuildError::Output { path: path.to_path_buf(), message: e.to_string() };
    if !out_dir.exists() {
        if let Some(parent) = out_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        }
        return std::fs::rename(staging, out_dir).map_err(|e| err(out_dir, e));
    }
    // One step where the OS has it, so a reader (`lwkd serve`) never finds the output missing.
    if exchange(staging, out_dir).is_ok() {
        // `staging` now holds the previous site.
        return std::fs::remove_dir_all(staging).map_err(|e| err(staging, e));
    }
    let old = sibling(out_dir, "old");
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(out_dir, &old).map_err(|e| err(out_dir, e))?;
    if let Err(e) = std::fs::rename(staging, out_dir) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, out_dir);
        return Err(err(out_dir, e));
    }
    std::fs::remove_dir_all(&old).map_err(|e| err(&old, e))
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
    use super::*;

    #[test]
    fn swaps_a_finished_build_in() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, &[OutputFile::bytes("a/b.html", "one")]).unwrap();
        write_atomically(&out, &[OutputFile::bytes("c.html", "two")]).unwrap();
        assert!(!out.join("a/b.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("c.html")).unwrap(), "two");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "no staging dirs left behind");
    }

    #[test]
    fn unchanged_files_are_linked_from_the_previous_output() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, &[OutputFile::bytes("same.html", "kept"), OutputFile::bytes("changed.html", "one")]).unwrap();
        let inode = |name: &str| std::fs::metadata(out.join(name)).unwrap().ino();
        let (same, changed) = (inode("same.html"), inode("changed.html"));
        write_atomically(&out, &[OutputFile::bytes("same.html", "kept"), OutputFile::bytes("changed.html", "two")]).unwrap();
        assert_eq!(inode("same.html"), same, "unchanged file kept its inode");
        assert_ne!(inode("changed.html"), changed);
        assert_eq!(std::fs::read_to_string(out.join("changed.html")).unwrap(), "two");
        assert_eq!(std::fs::metadata(out.join("same.html")).unwrap().nlink(), 1, "the old tree is gone");
    }

    #[test]
    fn a_failed_write_leaves_the_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_atomically(&out, &[OutputFile::bytes("index.html", "good")]).unwrap();
        let missing = tmp.path().join("no-such-image.png");
        let result = write_atomically(&out, &[OutputFile::bytes("index.html", "new"), OutputFile::copy("img.png", missing)]);
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "staging dir removed");
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
