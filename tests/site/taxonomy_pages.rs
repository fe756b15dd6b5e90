//! Issue 4: the taxonomy's pages, data files and calendar, built from the real archive.

use std::collections::BTreeSet;
use std::io::BufReader;

use crate::common::*;
use serde_json::Value;

fn data(name: &str) -> Vec<Value> {
    let text = read(built_archive().join("data").join(name));
    match serde_json::from_str(&text) {
        Ok(Value::Array(items)) => items,
        other => panic!("{name} is not a JSON array: {other:?}"),
    }
}

#[test]
fn the_pages_exist() {
    let out = built_archive();
    for page in [
        "keps/index.html",
        "sigs/index.html",
        "releases/index.html",
        "deadlines/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    for kep in data("keps.json") {
        let n = kep["number"].as_u64().unwrap();
        assert!(
            out.join(format!("keps/{n}/index.html")).is_file(),
            "KEP {n} has a page"
        );
    }
    for sig in data("sigs.json") {
        let slug = sig["slug"].as_str().unwrap();
        assert!(
            out.join(format!("sigs/{slug}/index.html")).is_file(),
            "{slug} has a page"
        );
    }
    let releases = data("releases.json");
    let versions: Vec<&str> = releases
        .iter()
        .map(|r| r["version"].as_str().unwrap())
        .collect();
    for v in &versions {
        assert!(
            out.join(format!("releases/{v}/index.html")).is_file(),
            "release {v} has a page"
        );
    }
    // Every cycle from the archive's first (1.10, January 2018) to its last.
    for minor in 10..=35 {
        assert!(
            versions.contains(&format!("1.{minor}").as_str()),
            "1.{minor} in {versions:?}"
        );
    }
}

#[test]
fn data_files_follow_the_contract() {
    let keps = data("keps.json");
    assert!(keps.len() > 100, "{} KEPs", keps.len());
    for k in &keps {
        assert!(
            k["number"].is_u64() && (k["title"].is_string() || k["title"].is_null()),
            "{k}"
        );
        assert!(k["sig"].is_string() || k["sig"].is_null(), "{k}");
        assert!(
            k["editions"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e.as_str().unwrap().ends_with(".html")),
            "{k}"
        );
        assert!(k["releases"].is_array(), "{k}");
    }
    let kep = keps.iter().find(|k| k["number"] == 3136).expect("KEP 3136");
    assert!(
        kep["editions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "/2022/20220209.html"),
        "{kep}"
    );
    assert_eq!(kep["releases"][0], "1.24", "{kep}");
    for n in [3137, 2800, 1990] {
        assert!(
            keps.iter().all(|k| k["number"] != n),
            "{n} is a pull request, not a KEP"
        );
    }

    let sigs = data("sigs.json");
    for s in &sigs {
        assert!(
            ["sig-", "wg-", "committee-"]
                .iter()
                .any(|kind| s["slug"].as_str().unwrap().starts_with(kind)),
            "{s}"
        );
        assert!(
            s["name"].is_string() && s["editions"].is_array() && s["keps"].is_array(),
            "{s}"
        );
    }
    let node = sigs
        .iter()
        .find(|s| s["slug"] == "sig-node")
        .expect("SIG Node");
    assert_eq!(node["name"], "SIG Node");
    assert!(
        !node["keps"].as_array().unwrap().is_empty(),
        "SIG Node owns KEPs"
    );
    assert!(sigs
        .iter()
        .all(|s| s["slug"] != "sig-release-master-blocking"));

    for r in data("releases.json") {
        assert!(
            r["version"].is_string()
                && r["editions"].is_array()
                && r["deadlines"].is_array()
                && r["keps"].is_array(),
            "{r}"
        );
    }

    let deadlines = data("deadlines.json");
    for d in &deadlines {
        assert!(d["release"].is_string() || d["release"].is_null(), "{d}");
        assert!(
            d["name"].is_string() && d["text"].is_string() && d["edition"].is_string(),
            "{d}"
        );
        assert!(
            d["date"].is_null()
                || chrono::NaiveDate::parse_from_str(d["date"].as_str().unwrap(), "%Y-%m-%d")
                    .is_ok(),
            "{d}"
        );
    }
    let seed = deadlines
        .iter()
        .find(|d| d["edition"] == "/2022/20220209.html")
        .expect("the seed edition's deadline");
    assert_eq!(
        (&seed["name"], &seed["date"], &seed["release"]),
        (
            &Value::from("Exceptions due"),
            &Value::from("2022-03-21"),
            &Value::from("1.24")
        )
    );
    assert_eq!(
        seed["text"],
        "**Next Deadline: Exceptions due, March 21st**"
    );
}

#[test]
fn the_calendar_parses_with_one_event_per_deadline_given_a_day_or_a_week() {
    let file = std::fs::File::open(built_archive().join("deadlines.ics")).unwrap();
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(file))
        .collect::<Result<_, _>>()
        .expect("valid iCalendar");
    let [calendar] = calendars.as_slice() else {
        panic!("one calendar, got {}", calendars.len())
    };
    // A deadline repeated by several editions is one deadline: same cycle, date and name.
    // One given a week instead of a day starts on the week's Monday.
    let dated: BTreeSet<(String, String, String)> = data("deadlines.json")
        .iter()
        .filter_map(|d| {
            Some((
                d["release"].as_str().unwrap().to_string(),
                d["date"].as_str().or(d["week"].as_str())?.to_string(),
                d["name"].as_str().unwrap().to_lowercase(),
            ))
        })
        .collect();
    assert_eq!(calendar.events.len(), dated.len());
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("event without {name}"))
    };
    let uids: BTreeSet<String> = calendar.events.iter().map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), calendar.events.len(), "UIDs are unique");
    let seed = calendar
        .events
        .iter()
        .find(|e| prop(e, "DTSTART") == "20220321")
        .expect("an event on 2022-03-21");
    // Four editions wrote `Exceptions due, March 21st`, the last (2022-03-13) `Exceptions Due`:
    // a cycle lists a deadline as last announced.
    assert_eq!(prop(seed, "SUMMARY"), "Kubernetes 1.24: Exceptions Due");
    assert_eq!(
        prop(seed, "DTEND"),
        "20220322",
        "all-day: the end is exclusive"
    );
    assert!(
        prop(seed, "URL").starts_with("https://"),
        "absolute link to the edition"
    );
    let week = calendar
        .events
        .iter()
        .find(|e| prop(e, "SUMMARY") == "Kubernetes 1.22: 1.22 Release Cycle Begins")
        .expect("2021-04-20's deadline given as `this week`");
    assert_eq!(
        (prop(week, "DTSTART"), prop(week, "DTEND")),
        ("20210419".into(), "20210426".into()),
        "all week, Monday to Sunday"
    );
}

#[test]
fn each_cycle_has_a_calendar_of_its_own_in_plain_text() {
    let out = built_archive();
    let file = std::fs::File::open(out.join("releases/1.24/deadlines.ics"))
        .expect("the 1.24 cycle's calendar");
    let calendars: Vec<_> = ical::IcalParser::new(BufReader::new(file))
        .collect::<Result<_, _>>()
        .expect("valid iCalendar");
    let [calendar] = calendars.as_slice() else {
        panic!("one calendar, got {}", calendars.len())
    };
    let value = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    let summaries: Vec<String> = calendar
        .events
        .iter()
        .filter_map(|e| value(e, "SUMMARY"))
        .collect();
    assert!(
        !summaries.is_empty() && summaries.iter().all(|s| s.starts_with("Kubernetes 1.24: ")),
        "only 1.24's deadlines: {summaries:?}"
    );
    let seed = calendar
        .events
        .iter()
        .find(|e| value(e, "DTSTART").as_deref() == Some("20220321"))
        .expect("Exceptions due, 2022-03-21");
    // The line last announcing it was `**Next Deadline: Exceptions Due, March 21st**`
    // (2022-03-13): its words, no Markdown.
    assert_eq!(
        value(seed, "DESCRIPTION").as_deref(),
        Some("Next Deadline: Exceptions Due\\, March 21st")
    );
    let release = read(out.join("releases/1.24/index.html"));
    assert!(
        release.contains(r#"href="/releases/1.24/deadlines.ics""#),
        "the release page links its calendar"
    );
    assert!(release.contains("webcal:"), "and a subscribe link");
    assert!(
        read(out.join("deadlines/index.html")).contains("webcal:"),
        "the site-wide calendar has a subscribe link too"
    );
}

#[test]
fn the_404_page_offers_search_and_the_footer_credits_once() {
    let out = built_archive();
    let not_found = read(out.join("404.html"));
    assert!(
        not_found.contains(r#"action="/search/""#) && not_found.contains(r#"name="q""#),
        "a search box on the 404 page"
    );
    let home = read(out.join("index.html"));
    let footer = &home[home.find("<footer").expect("a footer")..];
    assert_eq!(
        footer.matches("CC BY 4.0").count() + footer.matches("CC-BY 4.0").count(),
        1,
        "one licence credit: {footer}"
    );
}

#[test]
fn pages_show_what_the_taxonomy_knows() {
    let out = built_archive();
    let kep = read(out.join("keps/3136/index.html"));
    assert!(
        kep.contains("KEP-3136: beta apis off by default"),
        "best title"
    );
    assert!(
        kep.contains("https://github.com/kubernetes/enhancements/issues/3136"),
        "tracking issue"
    );
    assert!(
        kep.contains("/2022/20220209#enhancements3137-kep-3136-beta-apis-off-by-default"),
        "mention with its anchor"
    );
    assert!(kep.contains("/releases/1.24/\""), "cycle");
    let kep = read(out.join("keps/4191/index.html"));
    assert!(kep.contains("https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/4191-split-image-filesystem"), "README link");
    assert!(kep.contains("/sigs/sig-node/\""), "owning SIG");

    let sig = read(out.join("sigs/sig-api-machinery/index.html"));
    assert!(
        sig.contains("SIG API Machinery") && sig.contains("/2022/20220209\""),
        "mentions by edition"
    );
    let release = read(out.join("releases/1.24/index.html"));
    assert!(
        release.contains("Exceptions Due") && release.contains("2022-03-21"),
        "deadline timeline"
    );
    assert!(release.contains("/keps/3136/\""), "KEPs of the cycle");
    assert_eq!(
        release.matches("<strong>Exceptions Due</strong>").count(),
        1,
        "a repeated deadline shows once"
    );
    let deadlines = read(out.join("deadlines/index.html"));
    assert!(deadlines.contains("/deadlines.ics") && deadlines.contains("Code Slush"));
    // 2021-04-20's `Next Deadline: 1.22 Release Cycle Begins this week`, on both pages that
    // list it.
    let week = r#"<time datetime="2021-W16">Week of April 19, 2021</time>
<strong>1.22 Release Cycle Begins</strong>"#;
    assert!(deadlines.contains(week), "a week given for a day");
    let release = read(out.join("releases/1.22/index.html"));
    assert!(release.contains(week), "a week given for a day");
    assert!(
        release.contains(r#"<li class="chart-row past" data-last="2021-04-25">"#)
            && release.contains(
                r#"<time datetime="2021-04-19" title="Week of April 19, 2021">Apr 19–25</time>"#
            ),
        "the cycle's chart draws the week"
    );
}

#[test]
fn editions_link_their_keps_sigs_and_cycle() {
    let page = read(built_archive().join("2022/20220209.html"));
    assert!(
        page.contains(r#"class="chip chip-kep" href="/keps/3136/""#),
        "KEP chip"
    );
    assert!(
        page.contains(r#"class="chip chip-kep" href="/keps/2799/""#),
        "KEP chip"
    );
    assert!(
        page.contains(r#"class="chip chip-sig" href="/sigs/sig-api-machinery/""#),
        "SIG chip"
    );
    assert!(
        page.contains(r#"class="chip chip-release" href="/releases/1.24/""#),
        "cycle chip"
    );
    assert!(!page.contains("/keps/3137/"), "a PR number is no KEP");
    // `SIG-API-Machinery is planning ...` in the text links to its page.
    assert!(page.contains(r#"<a class="mention mention-sig" href="/sigs/sig-api-machinery/">SIG-API-Machinery</a>"#), "in-text link");
}
