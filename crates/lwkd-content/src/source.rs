//! Finding what a content directory holds: editions, and files copied as they are.
//!
//! Two layouts are accepted. A plain directory: every `.md` file below it is an edition,
//! every other file is copied. A Jekyll site root (it has `_posts/`): the editions are in
//! `_posts/`; of the other files and folders that do not start with `_` or `.`, Markdown
//! with front matter is a page (rendered with the theme, see [`crate::page`]) and the rest
//! is copied, as Jekyll does.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::page::{is_page_file, page_output_path};

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
    /// Pages of a Jekyll root, at the path their HTML is written to.
    pub pages: Vec<PassthroughFile>,
    /// Entries that could not be read or lead out of the folder: errors for those files alone.
    pub diagnostics: Vec<Diagnostic>,
}

/// Files Jekyll leaves out of a site by default, besides `_*` and `.*`.
const JEKYLL_EXCLUDES: &[&str] = &["Gemfile", "Gemfile.lock", "node_modules", "vendor"];

pub fn is_edition_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    )
}

/// Lists the content of `dir`; only a missing or unreadable `dir` is an `Err`, a bad entry
/// below it is a diagnostic.
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
        // `_posts` lies within the site root: links from it may go anywhere in the root.
        let (editions, problems) = walk_within(&posts, dir, |name, _| name.starts_with('.'))?;
        files
            .editions
            .extend(editions.into_iter().filter(|p| is_edition_file(p)));
        files.diagnostics.extend(problems);
        let jekyll_skips = |name: &str, top: bool| {
            name.starts_with('.')
                || (top && (name.starts_with('_') || JEKYLL_EXCLUDES.contains(&name)))
        };
        let (other, problems) = walk_within(dir, dir, jekyll_skips)?;
        for path in other {
            let file = passthrough(&path, dir);
            if is_page_file(&path) {
                files.pages.push(PassthroughFile {
                    output_path: page_output_path(&file.output_path),
                    ..file
                });
            } else {
                files.passthrough.push(file);
            }
        }
        files.diagnostics.extend(problems);
    } else {
        let (all, problems) = walk_within(dir, dir, |name, _| name.starts_with('.'))?;
        for path in all {
            if is_edition_file(&path) {
                files.editions.push(path);
            } else {
                files.passthrough.push(passthrough(&path, dir));
            }
        }
        files.diagnostics.extend(problems);
    }
    files.editions.sort();
    // A file copied as it is is read only when the output is written, too late to leave it
    // out: one that cannot be opened now is an error for that file, and the rest is built.
    // (Editions are read here anyway, and report their own read errors.)
    files
        .passthrough
        .retain(|p| match std::fs::File::open(&p.source) {
            Ok(_) => true,
            Err(e) => {
                let why = format!(
                    "cannot be read ({e}); it was not copied: fix its permissions or remove it"
                );
                files
                    .diagnostics
                    .push(Diagnostic::error(&p.source, None, why));
                false
            }
        });
    files
        .passthrough
        .sort_by(|a, b| a.output_path.cmp(&b.output_path));
    Ok(files)
}

fn passthrough(path: &Path, dir: &Path) -> PassthroughFile {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let output_path = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    PassthroughFile {
        source: path.to_path_buf(),
        output_path,
    }
}

/// The regular files below `dir`, and an error for each entry that cannot be read or is a
/// link leading out of `root` (a folder holding `dir`): a link to `/proc/self/environ` or
/// `/etc` would publish it. Entries whose names `skip` (given whether they are right below
/// `dir`) are left out unread: a dangling editor's lock file (`.#name.md`) or a broken link
/// in Jekyll's `vendor/` is nobody's content.
pub fn walk_within(
    dir: &Path,
    root: &Path,
    skip: impl Fn(&str, bool) -> bool,
) -> std::io::Result<(Vec<PathBuf>, Vec<Diagnostic>)> {
    // Resolving a path needs every folder above it searchable, not only the site's own.
    let real_root = root.canonicalize().map_err(|err| {
        std::io::Error::new(
            err.kind(),
            format!(
                "{}: cannot resolve its real path ({err}); lwkd needs to search every folder above it: fix their permissions or build from a folder it can reach",
                root.display()
            ),
        )
    })?;
    let left_out = |path: &Path| {
        let Ok(rel) = path.strip_prefix(dir) else {
            return false;
        };
        rel.components()
            .enumerate()
            .any(|(i, part)| skip(&part.as_os_str().to_string_lossy(), i == 0))
    };
    let mut problems = Vec::new();
    let mut outside = Vec::new();
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() == 0 || left_out(e.path()) {
            return e.depth() == 0;
        }
        if !e.path_is_symlink() {
            return true;
        }
        match e.path().canonicalize() {
            Ok(target) if target.starts_with(&real_root) => true,
            Ok(target) => {
                let message = format!("is a link to {}, outside {}; lwkd follows links only within it: copy the file in or remove the link", target.display(), root.display());
                outside.push(Diagnostic::error(e.path(), None, message));
                false
            }
            Err(err) => {
                outside.push(Diagnostic::error(e.path(), None, format!("cannot be read ({err}); fix or remove it")));
                false
            }
        }
    });
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => found.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                if !left_out(&path) {
                    let why = err
                        .io_error()
                        .map_or_else(|| err.to_string(), ToString::to_string);
                    problems.push(Diagnostic::error(
                        path,
                        None,
                        format!("cannot be read ({why}); fix or remove it"),
                    ));
                }
            }
        }
    }
    problems.extend(outside);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((found, problems))
}

#[cfg(test)]
mod tests {
    /// A root whose real path cannot be found (a folder above it not searchable, here gone)
    /// is named in the error: a bare "Permission denied" left the user guessing.
    #[test]
    fn an_unresolvable_root_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("gone");
        let err = super::walk_within(tmp.path(), &root, |_, _| false).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("{}: cannot resolve", root.display())),
            "{err}"
        );
    }
}
