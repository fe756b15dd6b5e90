//! Issue 5: `lwkd-synth` writes archives that `lwkd build` reads without a single warning.

use std::process::Command;

use crate::common::*;

fn synth(out: &std::path::Path, editions: usize, seed: u64) {
    let o = Command::new(env!("CARGO_BIN_EXE_lwkd-synth"))
        .args([
            "--editions",
            &editions.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .expect("lwkd-synth runs");
    assert!(o.status.success(), "lwkd-synth failed: {}", stderr(&o));
}

#[test]
fn a_synthetic_archive_builds_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("archive"), tmp.path().join("site"));
    synth(&content, 420, 3);
    let o = build_content(&project_root(), &content, &out, &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        !err.contains("warning") && !err.contains("error"),
        "diagnostics on synthetic editions:\n{err}"
    );
    assert!(err.contains("built 420 editions"), "{err}");
    // One year of the real archive's span and the years after it.
    assert!(out.join("2018/index.html").is_file() && out.join("2025/index.html").is_file());
}

#[test]
fn the_same_seed_writes_the_same_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    synth(&a, 30, 11);
    synth(&b, 30, 11);
    synth(&c, 30, 12);
    let files = |dir: &std::path::Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("_posts"))
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&a).len(), 30);
    assert_eq!(files(&a), files(&b));
    assert_ne!(files(&a), files(&c));
}

/// Issue 21: a synthetic archive ten times the real one's size leaves at most five times its
/// Markdown too (its made-up editions name KEPs as the archive does; see lwkd-synth). Built
/// from a folder without a `site.toml`, with the theme as it is built in.
#[test]
fn ten_times_the_archive_leaves_at_most_five_times_its_markdown() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("archive"), tmp.path().join("site"));
    synth(&content, 10 * edition_count(), 1);
    let o = build_content(tmp.path(), &content, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ratio = bytes_left_per_markdown_byte(&content, &out);
    println!("the 10x synthetic archive's build leaves {ratio:.3}x its Markdown");
    assert!(ratio <= 5.0, "{ratio:.3}x the Markdown");
}
