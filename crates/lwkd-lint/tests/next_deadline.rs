//! `next-deadline` on the real archive with the real upstream schedules: every warning it
//! gives is listed below with what reading the edition and the schedule found, and a date
//! planted wrong in a real edition is reported at its line.

use lwkd_content::{Edition, LoadOptions};
use lwkd_lint::{next_deadline_findings, Rules};
use lwkd_taxonomy::Taxonomy;

fn archive() -> Vec<Edition> {
    let options = LoadOptions {
        permalink: "/:year/:year:month:day".into(),
        drafts: false,
    };
    lwkd_content::load(&lwkd_testdata::archive(), &options)
        .unwrap()
        .editions
}

fn upstream() -> lwkd_upstream::Upstream {
    lwkd_upstream::read(
        &lwkd_upstream::UpstreamDirs::under(&lwkd_testdata::upstream()),
        None,
    )
}

/// (edition file, what reading it beside the schedule found). `slip`: the edition's date is
/// wrong (checked in the README); `upstream`: lwkd-upstream read a struck-out date
/// (`~~25~~ moved to **27**`), the edition is right; `moved?`: the README has only the final
/// dates, and these are days or a week or two before them, in cycles that were stretched
/// (1.19 during COVID-19, 1.25) or early in a cycle (1.12, 1.16): not a slip as far as could
/// be told, but not proven either.
const READ: &[(&str, &str)] = &[
    (
        "2018-04-16-update.md",
        "slip: Feature Freeze was April 24 (1.11 README), not May 24",
    ),
    (
        "2018-04-23-update.md",
        "slip: the same line repeated a week later",
    ),
    (
        "2018-07-15-update.md",
        "moved?: 1.12.0-alpha.1 on July 18 against the README's 31 (its Next Milestone line)",
    ),
    (
        "2018-09-23-update.md",
        "upstream: 1.12's release moved from Sept. 25 to 27, struck out in the README",
    ),
    (
        "2019-07-07-update.md",
        "moved?: 1.16 Enhancement tracking starts July 12 against Tue 16",
    ),
    (
        "2020-04-19-update.md",
        "moved?: 1.19 Enhancements Freeze May 5 against the README's May 19",
    ),
    (
        "2020-06-28-update.md",
        "moved?: 1.19 Docs complete July 6 against July 16",
    ),
    (
        "2022-05-29-update.md",
        "moved?: 1.25 Enhancements Due June 16 against June 24",
    ),
    (
        "2022-06-05-update.md",
        "moved?: 1.25 Enhancements Freeze June 17 against June 24",
    ),
];

#[test]
fn every_warning_on_the_archive_is_one_read_by_hand() {
    let editions = archive();
    let taxonomy = Taxonomy::index(&editions, &upstream()).unwrap();
    let rules = Rules::default();
    let mut found = Vec::new();
    for e in &editions {
        let text = std::fs::read_to_string(&e.source).unwrap();
        for f in next_deadline_findings(&taxonomy, &e.url, &text, &rules) {
            let name = e.source.file_name().unwrap().to_string_lossy().into_owned();
            println!("{name}:{}:{}: {}", f.line, f.col, f.message);
            found.push(name);
        }
    }
    let labelled = taxonomy
        .deadlines
        .iter()
        .filter(|d| d.mention.text.to_lowercase().contains("next deadline"))
        .count();
    let slips = READ.iter().filter(|r| r.1.starts_with("slip")).count();
    println!(
        "next-deadline: {} warnings on {labelled} Next Deadline lines of {} editions; {slips} slips, {} not",
        found.len(),
        editions.len(),
        found.len() - slips
    );
    let read: Vec<String> = READ.iter().map(|r| r.0.to_string()).collect();
    assert_eq!(found, read);
}

#[test]
fn a_planted_wrong_date_is_reported_at_its_line() {
    let mut editions = archive();
    let i = editions
        .iter()
        .position(|e| e.source.ends_with("2022-03-20-update.md"))
        .unwrap();
    let source = editions[i].source.clone();
    let text = std::fs::read_to_string(&source).unwrap();
    let line = "**Next Deadline: Code Freeze, March 30th**";
    assert_eq!(text.lines().nth(23), Some(line), "line 24 of the edition");
    let planted = text.replace(line, "**Next Deadline: Code Freeze, April 13th**");
    // The planted edition is a file of its own: an edition's Markdown is read from its file.
    let tmp = tempfile::tempdir().unwrap();
    let planted_file = tmp.path().join("2022-03-20-update.md");
    std::fs::write(&planted_file, &planted).unwrap();
    editions[i] = Edition::parse(&planted_file, &planted, "/:year/:year:month:day")
        .edition
        .unwrap();
    let taxonomy = Taxonomy::index(&editions, &upstream()).unwrap();
    let url = editions[i].url.clone();
    let unchanged =
        next_deadline_findings(&taxonomy, &editions[i - 1].url, &text, &Rules::default());
    assert!(unchanged.is_empty(), "{unchanged:?}");
    let found = next_deadline_findings(&taxonomy, &url, &planted, &Rules::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].line, found[0].col), (24, 3));
    assert!(
        found[0].message.contains(
            "\"Code Freeze\" on 2022-04-13 is 14 days later than the official 1.24 schedule's"
        ),
        "{}",
        found[0].message
    );
    let off: std::collections::BTreeMap<String, String> =
        [("next-deadline".to_string(), "off".to_string())].into();
    let rules = Rules::configured(&off).unwrap();
    assert!(next_deadline_findings(&taxonomy, &url, &planted, &rules).is_empty());
}
