//! The workspace's own rule for its code: small crates, each with one job. A crate that
//! grows past the limit is split by job (as lwkd-render was into lwkd-cache, lwkd-output
//! and lwkd-outputs), not left to grow.

use std::path::Path;

/// The most lines of Rust a crate's `src/` may hold, tests in it included.
const MOST_LINES: usize = 2_500;

/// The lines of every `.rs` file under `dir`.
fn rust_lines(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| std::fs::read_to_string(path).unwrap().lines().count())
        .sum()
}

#[test]
fn no_crate_holds_more_than_2500_lines_of_rust() {
    let crates = crate::common::project_root().join("crates");
    let mut sizes: Vec<(usize, String)> = std::fs::read_dir(&crates)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("src").is_dir())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (rust_lines(&path.join("src")), name)
        })
        .collect();
    sizes.sort();
    assert!(sizes.len() > 10, "the workspace's crates: {sizes:?}");
    let over: Vec<_> = sizes
        .iter()
        .filter(|(lines, _)| *lines > MOST_LINES)
        .collect();
    assert!(over.is_empty(), "over {MOST_LINES} lines of Rust: {over:?}");
}
