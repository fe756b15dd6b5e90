//! Issue 7: `lwkd new` writes the edition for the week ending on a Sunday from the theme's
//! edition template, and never overwrites one. "Today" is fixed with `LWKD_TODAY`.

use std::path::Path;
use std::process::Output;

use crate::common::*;

fn new_edition(site: &Path, today: &str, args: &[&str]) -> Output {
    lwkd()
        .current_dir(site)
        .env("LWKD_TODAY", today)
        .arg("new")
        .args(args)
        .output()
        .expect("lwkd runs")
}

/// A scratch site with an empty content folder.
fn empty_site() -> tempfile::TempDir {
    let site = scratch_site();
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    site
}

fn assert_edition(site: &Path, file: &str, title: &str, date: &str) {
    let path = site.join("content").join(file);
    let text = read(&path);
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains(&format!("\ntitle: {title}\n")), "{text}");
    assert!(text.contains(&format!("\ndate: {date} ")), "{text}");
    assert!(
        text.contains(&format!("\nslug: {}\n", file.trim_end_matches(".md"))),
        "{text}"
    );
    for section in [
        "## Developer News",
        "## Release Schedule",
        "## KEP of the Week",
        "## Other Merges",
        "## Shoutouts",
    ] {
        assert!(text.contains(section), "the template's {section}: {text}");
    }
}

#[test]
fn on_a_sunday_it_is_that_sundays_edition() {
    let site = empty_site();
    let o = new_edition(site.path(), "2026-03-15", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .ends_with("2026-03-15-update.md"),
        "prints the path"
    );
    assert_edition(
        site.path(),
        "2026-03-15-update.md",
        "Week Ending March 15, 2026",
        "2026-03-15",
    );
}

#[test]
fn on_a_wednesday_it_is_the_coming_sundays() {
    let site = empty_site();
    let o = new_edition(site.path(), "2026-03-18", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_edition(
        site.path(),
        "2026-03-22-update.md",
        "Week Ending March 22, 2026",
        "2026-03-22",
    );
}

#[test]
fn over_the_year_boundary() {
    let site = empty_site();
    let o = new_edition(site.path(), "2026-12-30", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_edition(
        site.path(),
        "2027-01-03-update.md",
        "Week Ending January 3, 2027",
        "2027-01-03",
    );
}

#[test]
fn date_flag_picks_the_week() {
    let site = empty_site();
    // "Today" is in June; --date wins.
    let o = new_edition(site.path(), "2026-06-01", &["--date", "2026-12-30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_edition(
        site.path(),
        "2027-01-03-update.md",
        "Week Ending January 3, 2027",
        "2027-01-03",
    );
    let o = new_edition(site.path(), "2026-06-01", &["--date", "2026-03-15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_edition(
        site.path(),
        "2026-03-15-update.md",
        "Week Ending March 15, 2026",
        "2026-03-15",
    );
    let o = new_edition(site.path(), "2026-06-01", &["--date", "15/03/2026"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a malformed date is a usage error: {}",
        stderr(&o)
    );
}

#[test]
fn refuses_to_overwrite() {
    let site = empty_site();
    assert!(new_edition(site.path(), "2026-03-18", &[]).status.success());
    let path = site.path().join("content/2026-03-22-update.md");
    std::fs::write(&path, "---\ntitle: Work in progress\n---\nmy notes\n").unwrap();
    let o = new_edition(site.path(), "2026-03-20", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("2026-03-22-update.md") && err.contains("already exists"),
        "{err}"
    );
    assert_eq!(
        read(&path),
        "---\ntitle: Work in progress\n---\nmy notes\n",
        "left as it was"
    );
}

#[test]
fn the_new_edition_builds_at_its_url() {
    let site = empty_site();
    assert!(new_edition(site.path(), "2026-12-30", &[]).status.success());
    let o = run(site.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(site.path().join("public/2027/20270103.html"));
    assert!(page.contains("Week Ending January 3, 2027"));
}

#[test]
fn a_jekyll_root_gets_it_in_posts() {
    let site = scratch_site();
    std::fs::create_dir_all(site.path().join("content/_posts")).unwrap();
    let o = new_edition(site.path(), "2026-03-18", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site
        .path()
        .join("content/_posts/2026-03-22-update.md")
        .is_file());
}

/// The Release Schedule section of an edition: from its heading to the next.
fn release_schedule(text: &str) -> &str {
    let start = text.find("## Release Schedule").expect("the section");
    let end = text[start + 2..]
        .find("\n## ")
        .map_or(text.len(), |e| start + 2 + e);
    &text[start..end]
}

/// With sig-release's real schedules (read by hand: 1.35's Code Freeze begins Thursday 6th
/// November 2025, AoE; the rows between October 26 and then are no deadline a Next Deadline
/// line names), the week ending October 26, 2025 gets that deadline and its cycle.
#[test]
fn release_schedule_names_the_next_official_deadline() {
    let site = empty_site();
    let upstream = upstream();
    let o = new_edition(
        site.path(),
        "2026-06-01",
        &[
            "--date",
            "2025-10-22",
            "--upstream",
            upstream.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    let text = read(site.path().join("content/2025-10-26-update.md"));
    let section = release_schedule(&text);
    assert!(
        section.contains("\n**Next Deadline: Code Freeze, November 6**\n"),
        "{section}"
    );
    assert!(section.contains("1.35 release cycle"), "{section}");
    assert!(!section.contains("**Next Deadline:**"), "{section}");
}

/// `[upstream] dir` in site.toml does what --upstream does; between two cycles (1.35 shipped
/// on 17th December 2025, 1.36 starts on Monday 12th January 2026) the next deadline is the
/// next cycle's start.
#[test]
fn release_schedule_from_site_toml_between_cycles() {
    let site = empty_site();
    let config = site.path().join("site.toml");
    let mut toml = read(&config);
    toml.push_str(&format!(
        "\n[upstream]\ndir = {:?}\n",
        upstream().to_str().unwrap()
    ));
    std::fs::write(&config, toml).unwrap();
    let o = new_edition(site.path(), "2025-12-17", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = read(site.path().join("content/2025-12-21-update.md"));
    let section = release_schedule(&text);
    assert!(
        section.contains("\n**Next Deadline: 1.36 Release Cycle Starts, January 12**\n"),
        "{section}"
    );
    assert!(section.contains("1.36 release cycle"), "{section}");
}

/// Without release schedules the placeholder stays, and lwkd says why and what to pass.
#[test]
fn release_schedule_placeholder_without_upstream() {
    let site = empty_site();
    let o = new_edition(site.path(), "2025-10-22", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("Next Deadline") && err.contains("--upstream"),
        "{err}"
    );
    let text = read(site.path().join("content/2025-10-26-update.md"));
    assert!(
        release_schedule(&text).contains("\n**Next Deadline:**\n"),
        "{text}"
    );

    // Past the last schedule read (1.37 ships on 26th August 2026): the placeholder, and why.
    let upstream = upstream();
    let o = new_edition(
        site.path(),
        "2026-09-02",
        &["--upstream", upstream.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("no official deadline after 2026-09-06"),
        "{err}"
    );
    let text = read(site.path().join("content/2026-09-06-update.md"));
    assert!(
        release_schedule(&text).contains("\n**Next Deadline:**\n"),
        "{text}"
    );
}
