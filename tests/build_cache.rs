//! Issue 5: a full build reuses what the previous one left in `.lwkd-cache` (each edition's
//! parse and index results, the edition pages) and still writes exactly what a build with no
//! cache writes, byte for byte, after edits to an edition, a template and `site.toml`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// Builds `content` with the site at `root` into `out`; the output's files.
fn build(root: &Path, content: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let o = build_content(root, content, out, &[]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    files_below(out)
}

/// The same build with nothing cached: into a new folder, whose cache starts empty.
fn build_uncached(root: &Path, content: &Path) -> BTreeMap<String, Vec<u8>> {
    let fresh = tempfile::tempdir().unwrap();
    build(root, content, &fresh.path().join("site"))
}

fn assert_same(
    cached: &BTreeMap<String, Vec<u8>>,
    uncached: &BTreeMap<String, Vec<u8>>,
    after: &str,
) {
    let differing: Vec<&String> = uncached
        .keys()
        .filter(|path| cached.get(*path) != uncached.get(*path))
        .collect();
    let extra: Vec<&String> = cached
        .keys()
        .filter(|path| !uncached.contains_key(*path))
        .collect();
    assert!(
        differing.is_empty() && extra.is_empty(),
        "after {after}: cached build differs in {differing:?}, has extra {extra:?}"
    );
}

fn page<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    std::str::from_utf8(&files[path]).unwrap()
}

#[test]
fn cached_builds_write_what_uncached_builds_write() {
    let site = scratch_site();
    let root = site.path();
    let content = root.join("archive");
    copy_tree(&archive(), &content);
    let out = root.join("out/site");

    let cold = build(root, &content, &out);
    let cache = root.join("out/.lwkd-cache");
    assert!(
        cache.join("editions.bin").is_file() && cache.join("pages.bin").is_file(),
        "the build kept its work in {}",
        cache.display()
    );
    assert_same(&build(root, &content, &out), &cold, "a second build");

    // An edited edition: a new title shows on its page and in its neighbours' pagers.
    let edition = content.join("_posts/2022-02-06-update.md");
    let text = read(&edition).replace(
        "title: Week Ending February 6, 2022",
        "title: Week Ending February 6, 2022 (corrected)",
    );
    assert!(
        text.contains("(corrected)"),
        "the edition's title line is as expected"
    );
    std::fs::write(&edition, text).unwrap();
    let cached = build(root, &content, &out);
    assert_same(
        &cached,
        &build_uncached(root, &content),
        "an edited edition",
    );
    assert!(page(&cached, "2022/20220209.html").contains("February 6, 2022 (corrected)"));
    assert!(
        page(&cached, "2022/20220223.html").contains("February 6, 2022 (corrected)"),
        "the next edition's pager has the new title"
    );

    // A template edit: every edition page is made again.
    let template = root.join("themes/default/templates/edition.html");
    let text = read(&template).replace(
        r#"<div class="prose">"#,
        r#"<div class="prose" data-theme-edit="1">"#,
    );
    std::fs::write(&template, text).unwrap();
    let cached = build(root, &content, &out);
    assert_same(&cached, &build_uncached(root, &content), "a template edit");
    let editions: Vec<&String> = cached
        .keys()
        .filter(|p| {
            p.len() == "2022/20220209.html".len()
                && p.ends_with(".html")
                && !p.ends_with("index.html")
        })
        .collect();
    assert_eq!(editions.len(), edition_count());
    assert!(
        editions
            .iter()
            .all(|p| page(&cached, p).contains("data-theme-edit")),
        "every edition page shows the edited template"
    );

    // A site.toml edit: the title is on every page.
    let config = root.join("site.toml");
    std::fs::write(
        &config,
        read(&config).replace(
            "title = \"Last Week in Kubernetes Development\"",
            "title = \"LWKD Archive\"",
        ),
    )
    .unwrap();
    let cached = build(root, &content, &out);
    assert_same(&cached, &build_uncached(root, &content), "a site.toml edit");
    assert!(page(&cached, "2018/20180114.html").contains("LWKD Archive"));
}

/// Tera's `get_env` reads what no cache key sees: a theme that calls it gets no page cache.
#[test]
fn a_theme_that_reads_the_environment_is_rendered_every_time() {
    let site = scratch_site_with(&["2022-02-06-update.md", "2022-02-20-update.md"]);
    let root = site.path();
    let template = root.join("themes/default/templates/edition.html");
    let text = read(&template).replace(
        r#"<div class="prose">"#,
        r#"<div class="prose" data-mark="{{ get_env(name="LWKD_TEST_MARK", default="none") }}">"#,
    );
    std::fs::write(&template, text).unwrap();
    let out = root.join("out/site");
    for mark in ["first", "second"] {
        let o = lwkd()
            .current_dir(root)
            .env("LWKD_TEST_MARK", mark)
            .args(["build", "--out", out.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let page = read(out.join("2022/20220209.html"));
        assert!(
            page.contains(&format!("data-mark=\"{mark}\"")),
            "the page shows this build's environment ({mark})"
        );
    }
}

/// The page cache keeps no page, only what was written where: a page changed in the output
/// by hand (the same length or not) is made again, never taken from the changed file. Built
/// three times first, so that the pages' inodes last changed (written, then linked into
/// the second build's tree) before the last build began, and untouched ones are taken
/// unread (`lwkd-cache`'s page cache): the edits, in place, must still be seen.
#[test]
fn a_page_changed_in_the_output_is_made_again() {
    let site = scratch_site_with(&["2022-02-06-update.md", "2022-02-20-update.md"]);
    let root = site.path();
    let content = root.join("content");
    let out = root.join("out/site");
    let built = build(root, &content, &out);
    for again in ["a second build", "a third build"] {
        assert_same(&build(root, &content, &out), &built, again);
    }
    let edition = out.join("2022/20220209.html");
    let home = out.join("index.html");
    // The same number of bytes, one of them changed; and a page cut short.
    std::fs::write(&edition, read(&edition).replacen("February", "Fabruary", 1)).unwrap();
    std::fs::write(&home, &read(&home)[..100]).unwrap();
    assert_same(
        &build(root, &content, &out),
        &built,
        "pages changed by hand",
    );
}

/// What a page reads is in its cache key, the inputs made at load too: a build on another
/// day (the home page's highlights, the cycles' deadline charts) and a build with upstream
/// data (KEP titles, owners, schedules), each after a build without them, write what they
/// write with no cache.
#[test]
fn a_new_day_and_new_upstream_facts_reach_cached_pages() {
    let site = scratch_site();
    let root = site.path();
    let archive = archive();
    let upstream = upstream();
    let build_on = |day: &str, with_upstream: bool, out: &Path| {
        let mut args = vec![
            "build",
            "--content",
            archive.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if with_upstream {
            args.extend(["--upstream", upstream.to_str().unwrap()]);
        }
        let o = lwkd()
            .current_dir(root)
            .env("SOURCE_DATE_EPOCH", day)
            .args(&args)
            .output()
            .unwrap();
        assert!(o.status.success(), "build failed: {}", stderr(&o));
        files_below(out)
    };
    let uncached = |day: &str, with_upstream: bool| {
        let fresh = tempfile::tempdir().unwrap();
        build_on(day, with_upstream, &fresh.path().join("site"))
    };
    // 2025-07-22 and 2025-08-20: before and after 1.34's code freeze.
    let (july, august) = ("1753142400", "1755648000");
    let out = root.join("out/site");

    let first = build_on(july, false, &out);
    let cached = build_on(august, false, &out);
    assert_same(&cached, &uncached(august, false), "a new build day");
    assert_ne!(
        page(&first, "index.html"),
        page(&cached, "index.html"),
        "the home page reads the day"
    );

    let cached = build_on(august, true, &out);
    assert_same(&cached, &uncached(august, true), "upstream data added");
    assert_ne!(
        page(&first, "keps/index.html"),
        page(&cached, "keps/index.html"),
        "upstream data names the KEPs"
    );
}
