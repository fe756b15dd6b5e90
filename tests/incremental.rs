//! Issue 5: an incremental rebuild (what `lwkd serve` does after an edit) leaves the output
//! exactly as a full build of the same content would, byte for byte, through edits,
//! additions, deletions, moves, drafts, broken editions, URL clashes and template edits.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use lwkd_config::SiteConfig;
use lwkd_serve::LiveSite;
use lwkd_taxonomy::Taxonomy;

/// Real editions: the first setext one, the two broken dates, the date that overrides its
/// file name, and a spread over the years.
const EDITIONS: &[&str] = &[
    "2018-01-14-update.md",
    "2018-01-21-update.md",
    "2018-03-04-update.md",
    "2019-03-17-update.md",
    "2019-12-08-update.md",
    "2020-01-12-update.md",
    "2021-06-13-update.md",
    "2022-02-06-update.md",
    "2022-02-27-update.md",
    "2022-04-24-update.md",
    "2023-10-29-update.md",
    "2023-12-10-update.md",
    "2024-04-14-update.md",
    "2025-07-20-update.md",
];

struct Fixture {
    site: tempfile::TempDir,
    posts: PathBuf,
    live: LiveSite,
    /// Whether the site reads the real upstream data.
    upstream: bool,
}

impl Fixture {
    fn new(upstream: bool) -> Fixture {
        // Pages show what is past and what is next: the day is fixed, and moved below.
        std::env::set_var("SOURCE_DATE_EPOCH", epoch(2025, 7, 22).to_string());
        let site = scratch_site();
        let posts = site.path().join("content/_posts");
        std::fs::create_dir_all(&posts).unwrap();
        for name in EDITIONS {
            std::fs::copy(archive().join("_posts").join(name), posts.join(name)).unwrap();
        }
        std::fs::create_dir_all(site.path().join("content/images")).unwrap();
        std::fs::write(site.path().join("content/images/chart.svg"), "<svg/>").unwrap();
        let (live, report) = LiveSite::build(config(site.path(), "public", upstream)).unwrap();
        assert_eq!(report.editions, EDITIONS.len());
        Fixture {
            site,
            posts,
            live,
            upstream,
        }
    }

    fn post(&self, name: &str) -> PathBuf {
        self.posts.join(name)
    }

    /// Rebuilds after `changed`, then checks the output against a full build.
    fn rebuild(&mut self, changed: &[PathBuf]) -> usize {
        let report = self.live.rebuild(changed).unwrap();
        // The search index comes later in `serve`; it too must end up as a full build's.
        self.live.finish_later().unwrap();
        let site = self.live.site();
        let json = |t: &Taxonomy| serde_json::to_string(t).unwrap();
        assert!(
            json(&site.taxonomy)
                == json(&Taxonomy::index(&site.content.editions, &site.upstream).unwrap()),
            "after {changed:?}: the index equals a full one"
        );
        let full = lwkd_outputs::build(config(self.site.path(), "full", self.upstream)).unwrap();
        let (incremental, expected) = (
            files_below(&self.site.path().join("public")),
            files_below(&self.site.path().join("full")),
        );
        let names =
            |t: &std::collections::BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&incremental),
            names(&expected),
            "after {changed:?}: the same files"
        );
        for ((path, a), (_, b)) in incremental.iter().zip(&expected) {
            assert!(
                a == b,
                "after {changed:?}: {path} differs from a full build's"
            );
        }
        let text = |r: &lwkd_render::BuildReport| {
            r.diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            text(&report),
            text(&full),
            "after {changed:?}: the same diagnostics"
        );
        assert_eq!(report.editions, full.editions);
        std::fs::remove_dir_all(self.site.path().join("full")).unwrap();
        report.files
    }
}

fn config(root: &Path, out: &str, upstream: bool) -> SiteConfig {
    let mut config = SiteConfig::load(root).unwrap();
    config.content_dir = root.join("content");
    config.output_dir = root.join(out);
    if upstream {
        config.upstream = lwkd_upstream::UpstreamDirs::under(&common::upstream());
    }
    config
}

/// Seconds since 1970 at the start of a day, for `SOURCE_DATE_EPOCH`.
fn epoch(year: i32, month: u32, day: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(year, month, day)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let mut f = Fixture::new(false);
    let total = files_below(&f.site.path().join("public")).len();

    // Re-reading an unchanged edition writes nothing.
    assert_eq!(
        f.rebuild(&[f.post("2021-06-13-update.md")]),
        0,
        "nothing changed, nothing written"
    );

    // An edit of the text: far fewer files than a full build writes.
    let p = f.post("2021-06-13-update.md");
    edit(
        &p,
        "## Release Schedule",
        "## Release Schedule\n\nAn added sentence.\n",
    );
    let written = f.rebuild(&[p]);
    assert!(
        (1..total / 2).contains(&written),
        "{written} of {total} files written for one edited paragraph"
    );

    // Below the opening, no line moved: the home and year pages read the same, but the
    // feeds of the KEPs and SIGs it names carry the new text.
    let p = f.post("2022-02-06-update.md");
    std::fs::write(&p, read(&p) + "\nA closing sentence.\n").unwrap();
    f.rebuild(std::slice::from_ref(&p));
    // A heading renamed: the year page lists it.
    edit(&p, "## Deprecated", "## Deprecations");
    f.rebuild(&[p]);
    // Past the 200 characters of the latest edition's lead a year page shows, within the
    // 280 of the home page.
    let p = f.post("2025-07-20-update.md");
    edit(
        &p,
        "are merged by the deadline",
        "are merged before the deadline",
    );
    f.rebuild(std::slice::from_ref(&p));
    // Lines move, nothing shown does.
    edit(&p, "## Developer News", "\n\n## Developer News");
    // Only the data file that gives each deadline's line is written again: no page shows
    // a line.
    let before = files_below(&f.site.path().join("public"));
    assert_eq!(f.rebuild(&[p]), 1, "one file written after lines moved");
    let after = files_below(&f.site.path().join("public"));
    let written: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(written, ["data/deadlines.json"]);

    // The next day, re-reading an unchanged edition renders again what shows the day.
    std::env::set_var("SOURCE_DATE_EPOCH", epoch(2025, 7, 26).to_string());
    assert!(
        f.rebuild(&[f.post("2021-06-13-update.md")]) > 0,
        "the home page counts the days to the next deadline"
    );

    // A new title shows in the neighbours' links, the home page and the year page.
    let p = f.post("2023-10-29-update.md");
    edit(
        &p,
        "title: Week Ending October 29, 2023",
        "title: Week Ending October 29, 2023 (revised)",
    );
    f.rebuild(&[p]);

    // A new date moves an edition to another year and between other neighbours.
    let p = f.post("2019-03-17-update.md");
    edit(&p, "date: 2019-03-", "date: 2020-06-");
    f.rebuild(&[p]);

    // A KEP and a working group no other edition names: both gain pages (and feeds), then
    // lose them when the mention goes again.
    let p = f.post("2021-06-13-update.md");
    edit(
        &p,
        "An added sentence.",
        "An added sentence on KEP-4999 from WG Serving.",
    );
    f.rebuild(std::slice::from_ref(&p));
    for page in ["keps/4999/index.html", "sigs/wg-serving/index.html"] {
        assert!(
            f.site.path().join("public").join(page).is_file(),
            "{page} after the mention"
        );
    }
    edit(
        &p,
        "An added sentence on KEP-4999 from WG Serving.",
        "An added sentence.",
    );
    f.rebuild(&[p]);
    assert!(
        !f.site.path().join("public/keps/4999").exists(),
        "the KEP's page goes with its last mention"
    );

    // A deadline moves to another day; then it names a later cycle, which moves this
    // edition and the ones after it (cycles only move forward) into the next cycle.
    let cycle = |f: &Fixture, url: &str| {
        f.live
            .site()
            .taxonomy
            .edition_by_url(url)
            .and_then(|t| t.cycle)
    };
    let p = f.post("2022-02-27-update.md");
    edit(
        &p,
        "Exceptions due, March 21st",
        "Exceptions due, March 23rd",
    );
    f.rebuild(std::slice::from_ref(&p));
    let next_before = cycle(&f, "/2022/20220426.html");
    edit(
        &p,
        "Exceptions due, March 23rd",
        "1.40 Cycle Starts, March 23rd",
    );
    f.rebuild(&[p]);
    assert_ne!(
        cycle(&f, "/2022/20220426.html"),
        next_before,
        "the next edition moved with it"
    );

    // A new date moves an edition into an earlier release cycle.
    let p = f.post("2025-07-20-update.md");
    let before = cycle(&f, "/2025/20250723.html");
    edit(&p, "date: 2025-07-23", "date: 2023-07-23");
    f.rebuild(&[p]);
    assert_ne!(
        cycle(&f, "/2023/20230723.html"),
        before,
        "the moved edition is in another cycle"
    );

    // Additions, one of them the newest edition (the home page's latest).
    let added: Vec<PathBuf> = ["2020-05-10-update.md", "2025-12-14-update.md"]
        .iter()
        .map(|n| {
            std::fs::copy(archive().join("_posts").join(n), f.post(n)).unwrap();
            f.post(n)
        })
        .collect();
    f.rebuild(&added);

    // Deletions: the oldest edition and a whole year's only edition.
    let gone = [
        f.post("2018-01-14-update.md"),
        f.post("2024-04-14-update.md"),
    ];
    for p in &gone {
        std::fs::remove_file(p).unwrap();
    }
    f.rebuild(&gone);

    // A draft is left out; broken front matter skips that edition with an error.
    let p = f.post("2022-04-24-update.md");
    edit(&p, "---\n", "---\ndraft: true\n");
    let broken = f.post("2023-12-10-update.md");
    edit(&broken, "title:", "title: [unclosed");
    f.rebuild(&[p, broken.clone()]);
    edit(&broken, "title: [unclosed", "title:");
    f.rebuild(&[broken]);

    // Two editions at one URL, then apart again.
    let clash = f.post("2022-05-01-update.md");
    std::fs::write(
        &clash,
        "---\ntitle: Same day\ndate: 2022-02-09\n---\n\nText.\n",
    )
    .unwrap();
    f.rebuild(std::slice::from_ref(&clash));
    std::fs::remove_file(&clash).unwrap();
    f.rebuild(&[clash]);

    // Not an edition: a template and a copied file rebuild everything.
    let template = f.site.path().join("themes/default/templates/edition.html");
    std::fs::write(&template, read(&template) + "\n<!-- edited -->\n").unwrap();
    let image = f.site.path().join("content/images/chart.svg");
    std::fs::write(&image, "<svg><g/></svg>").unwrap();
    f.rebuild(&[template, image]);
}

/// With upstream data a cycle page lists the KEPs kep.yaml names for it, each linked to its
/// page when an edition mentions it, whichever cycle that edition is in.
#[test]
fn a_kep_first_mentioned_in_another_cycle_is_linked_from_the_cycle_it_shipped_in() {
    let mut f = Fixture::new(true);
    // kep.yaml of KEP-3325 (Review attributes of a current user): stable in 1.28. No edition
    // of the fixture names it, and the edited one is not in the 1.28 cycle.
    let page_path = f.site.path().join("public/releases/1.28/index.html");
    let page = || read(&page_path);
    let link = r#"href="/keps/3325/""#;
    assert!(page().contains("KEP-3325") && !page().contains(link));
    let p = f.post("2021-06-13-update.md");
    edit(
        &p,
        "## Release Schedule",
        "## Release Schedule\n\nAn added sentence on KEP-3325.\n",
    );
    f.rebuild(&[p]);
    assert!(page().contains(link));
}
