//! Issue 8: an edition page with its stylesheet stays under 60 KiB (images aside), measured
//! on the largest edition of the real archive.

use crate::common::*;

const BUDGET: u64 = 60 * 1024;

#[test]
fn the_largest_edition_with_its_css_fits_in_60_kib() {
    let out = built_archive();
    let css = std::fs::metadata(out.join("style.css"))
        .expect("the theme's style.css is in the output")
        .len();
    let mut editions: Vec<(u64, std::path::PathBuf)> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| {
            e.file_name().to_str().is_some_and(|n| {
                n.len() == "20220209.html".len() && n.starts_with("20") && n.ends_with(".html")
            })
        })
        .map(|e| (e.metadata().unwrap().len(), e.into_path()))
        .collect();
    assert_eq!(
        editions.len(),
        edition_count(),
        "every edition of the archive is measured"
    );
    editions.sort();
    let (largest, path) = editions.last().unwrap();
    let html = read(path);
    assert_eq!(
        html.matches("rel=\"stylesheet\"").count(),
        1,
        "{}: one stylesheet",
        path.display()
    );
    // Scripts the page loads count too: a reader downloads them with it.
    let scripts: u64 = html
        .split("<script src=\"")
        .skip(1)
        .map(|rest| {
            let src = &rest[..rest.find('"').unwrap()];
            std::fs::metadata(out.join(src.trim_start_matches('/'))).map_or(0, |m| m.len())
        })
        .sum();
    let total = largest + css + scripts;
    assert!(
        total < BUDGET,
        "{} ({largest} bytes) + style.css ({css} bytes) + scripts ({scripts} bytes) = {total} bytes, over the {BUDGET}-byte budget",
        path.display()
    );
}

/// Issue 22: the KEP index's filter script stays small (it is progressive enhancement: the
/// table is whole without it).
#[test]
fn the_kep_index_script_fits_in_10_kib() {
    let out = built_archive();
    let index = read(out.join("keps/index.html"));
    assert!(
        index.contains(r#"<script src="/kep-index.js" defer></script>"#),
        "the index loads its script"
    );
    let size = std::fs::metadata(out.join("kep-index.js"))
        .expect("the script is in the output")
        .len();
    assert!(
        size <= 10 * 1024,
        "kep-index.js is {size} bytes, over 10 KiB"
    );
}
