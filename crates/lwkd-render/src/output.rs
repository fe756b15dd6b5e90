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

/// Writes `files` into a new directory beside `out_dir`, then swaps it in. On error the
/// new directory is removed and `out_dir` is as it was.
pub fn write_atomically(out_dir: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
    let staging = sibling(out_dir, "new");
    let result = write_tree(&staging, files).and_then(|()| swap_in(&staging, out_dir));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn sibling(out_dir: &Path, what: &str) -> PathBuf {
    let name = out_dir.file_name().map_or("site".into(), |n| n.to_string_lossy().into_owned());
    out_dir.with_file_name(format!(".{name}.lwkd-{what}-{}", std::process::id()))
}

fn write_tree(root: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
    let err = |path: &Path, e: std::io::Error| BuildError::Output { path: path.to_path_buf(), message: e.to_string() };
    if root.exists() {
        std::fs::remove_dir_all(root).map_err(|e| err(root, e))?;
    }
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| root.join(p)))
        .chain(std::iter::once(root.to_path_buf()))
        .collect();
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = root.join(&file.path);
        match &file.body {
            Body::Bytes(bytes) => std::fs::write(&target, bytes).map_err(|e| err(&target, e)),
            Body::Copy(source) => std::fs::copy(source, &target).map(drop).map_err(|e| err(source, e)),
        }
    })
}

fn swap_in(staging: &Path, out_dir: &Path) -> Result<(), BuildError> {
    let err = |path: &Path, e: std::io::Error| BuildError::Output { path: path.to_path_buf(), message: e.to_string() };
    if out_dir.exists() {
        let old = sibling(out_dir, "old");
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(out_dir, &old).map_err(|e| err(out_dir, e))?;
        if let Err(e) = std::fs::rename(staging, out_dir) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, out_dir);
            return Err(err(out_dir, e));
        }
        std::fs::remove_dir_all(&old).map_err(|e| err(&old, e))
    } else {
        if let Some(parent) = out_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        }
        std::fs::rename(staging, out_dir).map_err(|e| err(out_dir, e))
    }
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
}
