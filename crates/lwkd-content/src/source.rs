//! Finding what a content directory holds: editions, and files copied as they are.
//!
//! Two layouts are accepted. A plain directory: every `.md` file below it is an edition,
//! every other file is copied. A Jekyll site root (it has `_posts/`): the editions are in
//! `_posts/`, and the other files and folders that do not start with `_` or `.` are copied,
//! as Jekyll copies them.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A file copied to the output unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassthroughFile {
    pub source: PathBuf,
    /// Path below the output root, with `/` separators.
    pub output_path: String,
}

#[derive(Debug, Default)]
pub struct ContentFiles {
    pub editions: Vec<PathBuf>,
    pub passthrough: Vec<PassthroughFile>,
}

/// Files Jekyll leaves out of a site by default, besides `_*` and `.*`.
const JEKYLL_EXCLUDES: &[&str] = &["Gemfile", "Gemfile.lock", "node_modules", "vendor"];

pub fn is_edition_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "markdown"))
}

/// Lists the content of `dir`; an I/O error here (the directory is missing) is fatal.
pub fn discover(dir: &Path) -> std::io::Result<ContentFiles> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("content directory {} does not exist; pass --content DIR (a folder of editions or a Jekyll site root), or --root DIR for the site folder whose site.toml sets content_dir", dir.display()),
        ));
    }
    let posts = dir.join("_posts");
    let mut files = ContentFiles::default();
    if posts.is_dir() {
        for path in walk(&posts)? {
            if is_edition_file(&path) {
                files.editions.push(path);
            }
        }
        for path in walk(dir)? {
            let rel = path.strip_prefix(dir).expect("walked below dir");
            let first = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("");
            if first.starts_with(['_', '.']) || JEKYLL_EXCLUDES.contains(&first) {
                continue;
            }
            files.passthrough.push(passthrough(&path, rel));
        }
    } else {
        for path in walk(dir)? {
            let rel = path.strip_prefix(dir).expect("walked below dir");
            if is_edition_file(&path) {
                files.editions.push(path);
            } else {
                files.passthrough.push(passthrough(&path, rel));
            }
        }
    }
    files.editions.sort();
    files.passthrough.sort_by(|a, b| a.output_path.cmp(&b.output_path));
    Ok(files)
}

fn passthrough(path: &Path, rel: &Path) -> PassthroughFile {
    let output_path = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    PassthroughFile { source: path.to_path_buf(), output_path }
}

/// Regular files below `dir`, hidden files and folders left out.
fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let walker = WalkDir::new(dir).follow_links(true).into_iter().filter_entry(|e| {
        e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
    });
    for entry in walker {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}
