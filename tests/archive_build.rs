//! Issue 3: the real archive builds, every edition at its lwkd.info URL, with Jekyll's ids.

mod common;

use std::collections::BTreeSet;

use common::*;

/// The URL lwkd.info serves for a post, worked out here independently of the loader:
/// the first `date:` line's YYYY-MM-DD, else the file name's; the two broken dates as the
/// archive's README says Jekyll serves them.
fn expected_url(file_name: &str, text: &str) -> String {
    let ymd = match file_name {
        "2022-02-27-update.md" => "2022-03-01".to_string(),
        _ => text
            .lines()
            .skip(1)
            .take_while(|l| l.trim() != "---")
            .find_map(|l| l.strip_prefix("date:").map(|d| d.trim()[..10].to_string()))
            .unwrap_or_else(|| file_name[..10].to_string()),
    };
    format!("{}/{}.html", &ymd[..4], ymd.replace('-', ""))
}

#[test]
fn every_edition_is_at_its_lwkd_info_url() {
    let out = built_archive();
    let mut expected = BTreeSet::new();
    for entry in std::fs::read_dir(archive().join("_posts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        expected.insert(expected_url(&name, &read(&path)));
    }
    assert_eq!(expected.len(), 355, "355 posts, 355 distinct URLs");
    let missing: Vec<_> = expected.iter().filter(|u| !out.join(u).is_file()).collect();
    assert!(
        missing.is_empty(),
        "editions missing at their URLs: {missing:?}"
    );
    // The cases the README calls out.
    assert!(
        out.join("2022/20220209.html").is_file(),
        "2022-02-06-update.md has date 2022-02-09"
    );
    assert!(
        out.join("2018/20180114.html").is_file(),
        "2018-01-14-update.md has no date"
    );
    assert!(
        out.join("2024/20240417.html").is_file(),
        "broken time keeps its date"
    );
    assert!(
        out.join("2022/20220301.html").is_file(),
        "2022-02-29 rolls over"
    );
    assert!(!out.join("2022/20220229.html").exists());
    let page = read(out.join("2022/20220209.html"));
    assert!(
        page.contains("Week Ending February 6, 2022"),
        "title rendered"
    );
}

#[test]
fn images_and_root_files_are_copied_as_jekyll_does() {
    let out = built_archive();
    for dir in ["2018/images", "2020/images", "images", "favicons"] {
        let src = archive().join(dir);
        let n = walkdir::WalkDir::new(&src)
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count();
        assert!(n > 0, "{dir} has files in the archive");
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(archive()).unwrap();
                assert!(out.join(rel).is_file(), "{} copied", rel.display());
            }
        }
    }
    assert!(out.join("CNAME").is_file());
    assert!(
        !out.join("_config.yml").exists() && !out.join("_posts").exists(),
        "underscore files stay out"
    );
}

#[test]
fn the_two_broken_dates_are_one_warning_each() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(
        &project_root(),
        &[
            "build",
            "--content",
            archive().to_str().unwrap(),
            "--out",
            tmp.path().join("s").to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let err = stderr(&o);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("2024-04-14-update.md:4:") && w.contains("14:4g5")),
        "{err}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("2022-02-27-update.md:4:") && w.contains("2022-03-01")),
        "{err}"
    );
    assert!(err.contains("built 355 editions"), "{err}");
}

#[test]
fn heading_ids_are_jekylls() {
    let out = built_archive();
    // (page, id): ids as lwkd.info (Jekyll, kramdown GFM) serves them. The first is the
    // target of a real deep link inside the archive (2022-03-06 links to it).
    let cases = [
        (
            "2022/20220209.html",
            "enhancements2800-kep-2799-reduction-of-secret-based-service-account-tokens",
        ),
        (
            "2022/20220209.html",
            "enhancements3137-kep-3136-beta-apis-off-by-default",
        ),
        ("2022/20220209.html", "release-schedule"),
        ("2018/20180114.html", "community-meeting-summary"),
        ("2018/20180114.html", "feature-work"),
        ("2018/20180114.html", "other-merges"),
    ];
    for (page, id) in cases {
        let html = read(out.join(page));
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "{page} lacks id {id}"
        );
    }
}

#[test]
fn home_and_year_pages_list_every_edition() {
    let out = built_archive();
    let home = read(out.join("index.html"));
    assert_eq!(
        home.matches("<li><a href=\"/20").count(),
        355,
        "home lists all editions"
    );
    let latest = home.find("/2025/").unwrap();
    let oldest = home.find("/2018/20180114.html").unwrap();
    assert!(latest < oldest, "latest first");
    for year in 2018..=2025 {
        assert!(
            out.join(format!("{year}/index.html")).is_file(),
            "year page {year}"
        );
    }
    let y2018 = read(out.join("2018/index.html"));
    assert!(
        y2018.contains("/2018/20180114.html") && !y2018.contains("/2019/2019"),
        "only 2018 editions"
    );
}
