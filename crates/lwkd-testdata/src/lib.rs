//! `lwkd-testdata` owns one fact: where the tests and benchmarks of every crate find the
//! real data they read. That is `shared/` beside the project, or beside a folder above it
//! (a git worktree such as `/work/wt/<name>`), holding the LWKD archive (`lwkd-archive/`)
//! and the Kubernetes project's checkouts (`upstream/`). Its absence fails loudly: the
//! tests are about that data, and must not pass without it. It also counts the archive's
//! editions, so no test writes down how many there were on the day it was written, and
//! copies a folder of it for a test that changes its copy.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The `shared/` folder: the first one above this crate that holds both the archive and
/// the upstream data.
pub fn shared() -> &'static Path {
    static SHARED: OnceLock<PathBuf> = OnceLock::new();
    SHARED.get_or_init(|| {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let found = here.ancestors().map(|a| a.join("shared")).find(|d| {
            d.join("lwkd-archive/_posts").is_dir() && d.join("upstream/community").is_dir()
        });
        let dir = found.unwrap_or_else(|| {
            panic!(
                "the real archive and upstream data must be in shared/lwkd-archive and \
                 shared/upstream beside the project (looked above {})",
                here.display()
            )
        });
        dir.canonicalize().expect("shared/ can be resolved")
    })
}

/// The real LWKD archive, a Jekyll site root (`_config.yml`, `_posts/`).
pub fn archive() -> PathBuf {
    shared().join("lwkd-archive")
}

/// The archive's editions: `_posts/`.
pub fn posts() -> PathBuf {
    archive().join("_posts")
}

/// How many editions the real archive holds: the Markdown files of `_posts/`. Tests
/// compare their counts with this, so the archive can grow without editing them.
pub fn edition_count() -> usize {
    let posts = posts();
    std::fs::read_dir(&posts)
        .unwrap_or_else(|e| panic!("{}: {e}", posts.display()))
        .map(|entry| entry.expect("a readable _posts entry").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|x| x == "md"))
        .count()
}

/// The upstream checkouts: kubernetes/enhancements, community and sig-release.
pub fn upstream() -> PathBuf {
    shared().join("upstream")
}

/// Copies every file under `from` into `to`, making its folders: a test's own copy of
/// real data (an archive to edit, an upstream folder to break) that it may change.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        let target = to.join(entry.path().strip_prefix(from).expect("under from"));
        let copied = if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
        } else {
            std::fs::copy(entry.path(), &target).map(drop)
        };
        copied.unwrap_or_else(|e| panic!("copying to {}: {e}", target.display()));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shared_data_is_found() {
        assert!(super::posts().join("2022-02-06-update.md").is_file());
        assert!(super::upstream().join("community/sigs.yaml").is_file());
        assert!(super::upstream().join("sig-release/releases").is_dir());
    }

    #[test]
    fn the_editions_are_counted_from_the_posts() {
        // Weekly since January 2018: well over 300 editions, one file each.
        let count = super::edition_count();
        assert!(count > 300, "{count} editions");
    }
}
