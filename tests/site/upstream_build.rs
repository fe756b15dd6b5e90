//! Issue 17: building with the Kubernetes project's own facts (`--upstream`, `[upstream]`),
//! from the real archive and the real upstream data, and with upstream data missing or broken.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;
use serde_json::Value;

fn sigs_json(out: &Path) -> Vec<Value> {
    serde_json::from_str(&read(out.join("data/sigs.json"))).unwrap()
}

#[test]
fn the_sig_page_and_data_show_sigs_yaml() {
    let BuiltArchive {
        out, stderr: err, ..
    } = built_with_upstream();
    assert!(!err.contains("no upstream data"), "{err}");
    // kep.yaml and sigs.yaml read cleanly; the only warnings are schedule rows and files of
    // sig-release the reader cannot date (1.3-1.9 have no timeline table; a `TBD`; a weekday
    // that does not match its date), each at its line.
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning: /"))
        .collect();
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("/sig-release/releases/release-1.")),
        "{err}"
    );
    let sigs = sigs_json(out);
    let node = sigs.iter().find(|s| s["slug"] == "sig-node").unwrap();
    // The contract's fields, then sigs.yaml's.
    assert_eq!(node["name"], "SIG Node");
    assert!(node["editions"].as_array().unwrap().len() > 50);
    assert!(
        node["mission"]
            .as_str()
            .unwrap()
            .starts_with("SIG Node is responsible for"),
        "{node}"
    );
    assert_eq!(node["chairs"][0]["github"], "SergeyKanzhelev");
    assert_eq!(node["slack"], "sig-node");
    assert_eq!(
        node["mailing_list"],
        "https://groups.google.com/a/kubernetes.io/g/sig-node"
    );
    assert_eq!(node["meetings"][0]["description"], "Main SIG Meeting");
    assert!(node["subprojects"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "cri-tools"));
    // KEPs by kep.yaml's owning-sig: 753 (sidecars) is sig-node's, 3136 sig-architecture's.
    let keps = |s: &Value| {
        s["keps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(keps(node).contains(&753), "{:?}", keps(node));
    let arch = sigs
        .iter()
        .find(|s| s["slug"] == "sig-architecture")
        .unwrap();
    assert!(keps(arch).contains(&3136) && !keps(node).contains(&3136));
    let owned = node["owned_keps"].as_array().unwrap();
    assert_eq!(owned.len(), 126, "every kep.yaml with owning-sig: sig-node");
    // Retired groups keep their pages, without sigs.yaml's fields.
    let retired = sigs
        .iter()
        .find(|s| s["slug"] == "sig-cluster-ops")
        .unwrap();
    assert!(retired.get("mission").is_none(), "{retired}");

    // Tera writes `/` in text as `&#x2F;`.
    let page = read(out.join("sigs/sig-node/index.html")).replace("&#x2F;", "/");
    for shown in [
        "SIG Node is responsible for",
        "Chairs",
        "Sergey Kanzhelev",
        "Tech leads",
        "#sig-node",
        "groups.google.com/a/kubernetes.io/g/sig-node",
        "Main SIG Meeting",
        "Tuesday 10:00 PT (Pacific Time), weekly",
        "cri-tools",
        // Its KEPs that editions name, each by number and title.
        r#"<a href="/keps/753/"><span class="kep-number">KEP-753</span> Sidecar Containers</a> · implemented (stable)</li>"#,
    ] {
        assert!(page.contains(shown), "the SIG Node page shows {shown:?}");
    }
    assert!(
        page.contains("more KEPs it owns in kubernetes/enhancements"),
        "KEPs no edition names are listed apart"
    );

    // Committees are groups too: sigs.yaml's `committees` list, named in prose as the
    // archive writes them ("the Steering Committee", "the CoCC").
    for (slug, name) in [
        ("committee-steering", "Steering Committee"),
        ("committee-code-of-conduct", "Code of Conduct Committee"),
        ("committee-security-response", "Security Response Committee"),
    ] {
        let group = sigs
            .iter()
            .find(|s| s["slug"] == slug)
            .unwrap_or_else(|| panic!("{slug}"));
        assert_eq!(group["name"], name);
        assert!(!group["editions"].as_array().unwrap().is_empty(), "{slug}");
        assert!(group["mission"].is_string(), "{slug}: sigs.yaml's mission");
        let page = read(out.join(format!("sigs/{slug}/index.html")));
        assert!(page.contains(name), "{slug}");
    }
    let index = read(out.join("sigs/index.html"));
    assert!(index.contains("<h2>Committees</h2>") && index.contains("/sigs/committee-steering/"));
}

/// A KEP page links the groups its kep.yaml lists as participating, as it does the owning
/// one, spelled as the editions' groups are recognised (KEP-753's `sig-scheduler` is SIG
/// Scheduling, KEP-3521's `sig-machinery` SIG API Machinery); a retired group the site has no
/// page for is named (KEP-1040's `wg-multitenancy`). The data file gives their slugs.
#[test]
fn kep_pages_link_their_participating_sigs() {
    let out = &built_with_upstream().out;
    let chip = |slug: &str, name: &str| {
        format!(r#"<li><a class="chip chip-sig" href="/sigs/{slug}/">{name}</a></li>"#)
    };
    for (kep, slug, name, unlinked) in [
        (1435, "sig-cloud-provider", "SIG Cloud Provider", None),
        (753, "sig-scheduling", "SIG Scheduling", None),
        (3521, "sig-api-machinery", "SIG API Machinery", None),
        (
            1040,
            "sig-scheduling",
            "SIG Scheduling",
            Some("<li>WG Multitenancy</li>"),
        ),
    ] {
        let page = read(out.join(format!("keps/{kep}/index.html")));
        let participating = page
            .split_once("<dt>Participating SIGs</dt>")
            .and_then(|(_, rest)| rest.split_once("<dt>Status</dt>"))
            .map(|(list, _)| list)
            .unwrap_or_else(|| panic!("KEP-{kep} lists participating SIGs"));
        assert!(
            participating.contains(&chip(slug, name)),
            "KEP-{kep}'s participating {slug}: {participating}"
        );
        assert!(
            unlinked.is_none_or(|text| participating.contains(text)),
            "KEP-{kep}: {participating}"
        );
    }
    // data/keps.json gives them as `sig` is given: slugs (kep.yaml writes `sig-scheduler`,
    // `sig-contribex`), and a name no group has as written.
    let keps: Vec<Value> = serde_json::from_str(&read(out.join("data/keps.json"))).unwrap();
    let participating = |number: u64| {
        let kep = keps.iter().find(|k| k["number"] == number).unwrap();
        serde_json::to_string(&kep["participating_sigs"]).unwrap()
    };
    assert_eq!(participating(753), r#"["sig-scheduling","sig-apps"]"#);
    assert!(participating(2853).ends_with(r#""sig-contributor-experience"]"#));
}

/// A release page lists the KEPs that reach a stage in the release under that stage, and
/// the other KEPs its cycle's editions name apart, by title: each KEP of the cycle once.
#[test]
fn a_release_page_lists_each_kep_of_its_cycle_once() {
    let out = &built_with_upstream().out;
    let releases: Vec<Value> = serde_json::from_str(&read(out.join("data/releases.json"))).unwrap();
    let cycle = releases.iter().find(|r| r["version"] == "1.24").unwrap();
    let named: BTreeSet<u64> = (cycle["keps"].as_array().unwrap().iter())
        .map(|k| k.as_u64().unwrap())
        .collect();
    let page = read(out.join("releases/1.24/index.html"));
    let section = |class: &str| {
        let start = page.find(&format!(r#"<section class="{class}""#)).unwrap();
        let end = start + page[start..].find("</section>").unwrap();
        page[start..end].to_string()
    };
    let linked = |html: &str| -> Vec<u64> {
        (html.split(r#"href="/keps/"#).skip(1))
            .map(|rest| rest[..rest.find('/').unwrap()].parse().unwrap())
            .collect()
    };
    let (shipped, apart) = (
        linked(&section("shipped")),
        linked(&section("release-keps")),
    );
    assert!(apart.len() >= 10, "{apart:?}");
    let all: Vec<u64> = shipped.iter().chain(&apart).copied().collect();
    let once: BTreeSet<u64> = all.iter().copied().collect();
    assert_eq!(once.len(), all.len(), "no KEP twice: {all:?}");
    assert!(
        named.is_subset(&once),
        "every KEP the cycle names: {named:?}"
    );
    // Each apart by its number and title (kep.yaml's, as keps.json gives it).
    let keps: Vec<Value> = serde_json::from_str(&read(out.join("data/keps.json"))).unwrap();
    let title = |n: u64| keps.iter().find(|k| k["number"] == n).unwrap()["title"].clone();
    let first = apart[0];
    let line = format!(
        r#"<span class="kep-number">KEP-{first}</span> {}</a>"#,
        title(first).as_str().unwrap()
    );
    assert!(section("release-keps").contains(&line), "{line}");
}

/// A SIG page tells what the group landed, release by release, newest first, by its KEPs'
/// kep.yaml; targets for releases not out yet are apart. The facts are kep.yaml's as
/// `../shared/upstream` holds them: KEP-753 Sidecar Containers alpha 1.28, beta 1.29,
/// stable 1.33; KEP-1287 In-place Update of Pod Resources beta 1.33, stable 1.35; KEP-5855
/// (bind mount options) stable in 1.40, a release with no schedule.
#[test]
fn a_sig_page_lists_what_its_keps_reached_release_by_release() {
    let page = read(built_with_upstream().out.join("sigs/sig-node/index.html"));
    let start = page
        .find(r#"<section class="landed""#)
        .expect("a By release section");
    let section = &page[start..start + page[start..].find("</section>").unwrap()];
    let (planned, released) = section.split_at(section.find("</details>").unwrap());
    // Each release: its heading, then the list under it.
    let release = |html: &str, version: &str| -> String {
        let heading = format!("Kubernetes {version}</");
        let at = html
            .find(&heading)
            .unwrap_or_else(|| panic!("{version}: {html}"));
        let list = &html[at..];
        list[..list.find("</ul>").unwrap()].to_string()
    };
    let line = |number: u32, title: &str, stage: &str| {
        format!(
            r#"<a href="/keps/{number}/"><span class="kep-number">KEP-{number}</span> {title}</a> <span class="meta">{stage}</span>"#
        )
    };
    let r133 = release(released, "1.33");
    assert!(r133.contains("released April 23, 2025"), "{r133}");
    assert!(
        r133.contains(&line(753, "Sidecar Containers", "stable")),
        "{r133}"
    );
    assert!(r133.contains(&line(1287, "In-place Update of Pod Resources", "beta")));
    assert!(release(released, "1.35").contains(&line(
        1287,
        "In-place Update of Pod Resources",
        "stable"
    )));
    assert!(release(released, "1.29").contains(&line(753, "Sidecar Containers", "beta")));
    // Newest first, and a KEP once a release.
    let order: Vec<usize> = ["1.35", "1.34", "1.33", "1.29", "1.28"]
        .iter()
        .map(|v| released.find(&format!("Kubernetes {v}</")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    for version in ["1.33", "1.29"] {
        let list = release(released, version);
        let numbers: Vec<&str> = (list.split("KEP-").skip(1))
            .map(|rest| &rest[..rest.find('<').unwrap()])
            .collect();
        let once: BTreeSet<&&str> = numbers.iter().collect();
        assert_eq!(once.len(), numbers.len(), "{version}: {numbers:?}");
    }
    // A release no schedule gives a day to is a plan, not something landed.
    assert!(planned.contains("Kubernetes 1.40</"), "{planned}");
    assert!(release(planned, "1.40").contains("KEP-5855</span>"));
    assert!(!released.contains("Kubernetes 1.40</"));
}

/// A cycle the official schedules know has its page though no edition is in it: the archive
/// ends in December 2025, and `../shared/upstream` holds the 1.37 schedule (released
/// Wednesday 26th August 2026) and KEP-2837's kep.yaml (stable in v1.37).
#[test]
fn a_cycle_no_edition_is_in_has_its_page_from_the_schedule() {
    let out = &built_with_upstream().out;
    let page = read(out.join("releases/1.37/index.html"));
    assert!(page.contains("August 26, 2026"), "the official release day");
    assert!(page.contains("No edition of Last Week in Kubernetes Development is in this cycle."));
    let shipped = &page[page.find(r#"<section class="shipped""#).unwrap()..];
    let stable = &shipped[..shipped.find("</ul>").unwrap()];
    assert!(stable.contains("Graduated to stable"), "{stable}");
    assert!(
        stable.contains(r#"<span class="kep-number">KEP-2837</span>"#),
        "{stable}"
    );
    let releases: Vec<Value> = serde_json::from_str(&read(out.join("data/releases.json"))).unwrap();
    let r137 = releases.iter().find(|r| r["version"] == "1.37").unwrap();
    assert_eq!(r137["editions"].as_array().unwrap().len(), 0);
    // The release index and the SIG pages link it.
    let index = read(out.join("releases/index.html"));
    assert!(index.contains(r#"<a href="/releases/1.37/">Kubernetes 1.37</a>"#));
    let node = read(out.join("sigs/sig-node/index.html"));
    assert!(node.contains(r#"<a href="/releases/1.37/">Kubernetes 1.37</a>"#));
}

/// A cycle the schedules know before any edition speaks of it has its calendar, from the
/// official schedule: 1.37's README in `../shared/upstream` gives `Begin [Code Freeze] and
/// [Test Freeze]` on `Wednesday 22nd July 2026 (AoE)` and `v1.37.0 released` on `Wednesday
/// 26th August 2026`.
#[test]
fn a_cycle_no_edition_is_in_has_its_calendar_from_the_schedule() {
    let out = &built_with_upstream().out;
    let file = std::fs::File::open(out.join("releases/1.37/deadlines.ics"))
        .expect("the 1.37 cycle's calendar");
    let calendars: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(file))
        .collect::<Result<_, _>>()
        .expect("valid iCalendar");
    let [calendar] = calendars.as_slice() else {
        panic!("one calendar, got {}", calendars.len())
    };
    let mut uids = BTreeSet::new();
    let events: Vec<(String, String)> = (calendar.events.iter())
        .map(|e| {
            let value = |name: &str| {
                (e.properties.iter())
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            uids.insert(value("UID"));
            (value("DTSTART"), value("SUMMARY"))
        })
        .collect();
    // The code and test freezes begin on one row of the schedule: one event, not two with
    // one UID, which a calendar app would refuse.
    assert_eq!(uids.len(), events.len(), "one event a UID: {events:?}");
    assert!(
        events
            .iter()
            .all(|(_, summary)| summary.starts_with("Kubernetes 1.37 (official schedule): ")),
        "only the official schedule's milestones of 1.37: {events:?}"
    );
    let on = |day: &str, words: &str| events.iter().any(|(d, s)| d == day && s.contains(words));
    assert!(on("20260722", "Code Freeze"), "{events:?}");
    assert!(on("20260826", "released"), "{events:?}");
    let page = read(out.join("releases/1.37/index.html"));
    assert!(
        page.contains(r#"href="/releases/1.37/deadlines.ics""#),
        "the release page links its calendar"
    );
    // And its list of the schedule's rows has that row once.
    let rows = &page[page.find(r#"<section class="official-schedule">"#).unwrap()..];
    assert_eq!(
        rows.matches("Begin Code Freeze and Test Freeze").count(),
        1,
        "{rows:.3000}"
    );
}

/// A KEP page's graduation path marks a stage for a release not out as planned: KEP-5598's
/// kep.yaml gives beta 1.35 and stable 1.38, and no schedule in `../shared/upstream` gives
/// 1.38 a day.
#[test]
fn a_kep_page_marks_a_stage_in_a_release_not_out_as_planned() {
    let out = &built_with_upstream().out;
    let path = |n: u32| {
        let page = read(out.join(format!("keps/{n}/index.html")));
        let start = page.find(r#"<ol class="chips graduation">"#).unwrap();
        page[start..start + page[start..].find("</ol>").unwrap()].to_string()
    };
    let planned = path(5598);
    assert!(
        planned.contains(r#"<span class="chip">beta 1.35</span>"#),
        "{planned}"
    );
    assert!(
        planned.contains(r#"<span class="chip">stable 1.38 (planned)</span>"#),
        "{planned}"
    );
    assert!(!path(753).contains("planned"), "{}", path(753));
}

/// How many KEPs a built site names, in how many (edition, KEP) pairs, and the share of
/// them named in one edition only.
fn kep_counts(out: &Path) -> KepCounts {
    let keps: Vec<Value> = serde_json::from_str(&read(out.join("data/keps.json"))).unwrap();
    let editions = |k: &Value| k["editions"].as_array().unwrap().len();
    let once = keps.iter().filter(|k| editions(k) == 1).count();
    KepCounts {
        keps: keps.len(),
        pairs: keps.iter().map(editions).sum(),
        named_once: once as f64 / keps.len() as f64,
        most_named: keps.iter().map(editions).max().unwrap_or(0),
    }
}

/// How an archive names KEPs: how many, in how many (edition, KEP) pairs, the share named
/// in one edition only, and the most editions one KEP is named in.
#[derive(Debug)]
struct KepCounts {
    keps: usize,
    pairs: usize,
    named_once: f64,
    most_named: usize,
}

/// `lwkd-synth`, which the scale benchmarks build at 10x and 100x, names KEPs as the real
/// archive does, both built with upstream data: as many editions make about as many KEPs,
/// each named in about as many editions, none in far more than the archive's most named.
/// An archive naming three times the KEPs (as it did) weighs the KEP pages and feeds three
/// times what the archive would at that size; one whose made-up sentences say "user
/// namespace" names KEP-127 in three editions of four (as it did), which no KEP is.
#[test]
fn a_synthetic_archive_names_keps_as_the_archive_does() {
    let real = kep_counts(&built_with_upstream().out);
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("archive"), tmp.path().join("site"));
    lwkd_synth::write_site(&content, edition_count(), 1).unwrap();
    let upstream = upstream();
    let o = build_content(
        &project_root(),
        &content,
        &out,
        &["--upstream", upstream.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let synthetic = kep_counts(&out);
    let near = |a: usize, b: usize| (a as f64 / b as f64 - 1.0).abs() < 0.15;
    assert!(
        near(synthetic.keps, real.keps) && near(synthetic.pairs, real.pairs),
        "KEPs and pairs: synthetic {synthetic:?}, archive {real:?}"
    );
    assert!(
        (synthetic.named_once - real.named_once).abs() < 0.08,
        "named once: synthetic {synthetic:?}, archive {real:?}"
    );
    assert!(
        synthetic.most_named * 2 <= real.most_named * 3,
        "most named: synthetic {synthetic:?}, archive {real:?}"
    );
}

/// Without upstream data the build works as before and says so once; a missing or broken
/// upstream folder is a warning (`path:line:`), never an error.
#[test]
fn missing_or_broken_upstream_data_only_warns() {
    let site = scratch_site_with(&["2023-07-09-update.md", "2024-10-13-update.md"]);
    let root = site.path();
    let without = run(root, &["build"]);
    assert!(without.status.success(), "{}", stderr(&without));
    assert_eq!(
        stderr(&without).matches("no upstream data").count(),
        1,
        "{}",
        stderr(&without)
    );
    assert!(stderr(&without).contains("--upstream DIR"));

    let missing = run(root, &["build", "--upstream", "no-such-folder"]);
    assert!(missing.status.success(), "{}", stderr(&missing));
    let err = stderr(&missing);
    assert!(
        err.contains("warning: no-such-folder/enhancements: no such folder"),
        "{err}"
    );
    assert!(!err.contains("no upstream data"), "{err}");

    // A copy of sig-node's KEPs with one kep.yaml broken, and sigs.yaml, named in site.toml.
    let upstream = root.join("up");
    copy_tree(
        &crate::common::upstream().join("enhancements/keps/sig-node"),
        &upstream.join("enhancements/keps/sig-node"),
    );
    copy_tree(
        &crate::common::upstream().join("community"),
        &upstream.join("community"),
    );
    let broken = upstream.join("enhancements/keps/sig-node/753-sidecar-containers/kep.yaml");
    let text = read(&broken).replacen("status: implemented", "status: implemented: yes", 1);
    std::fs::write(&broken, text).unwrap();
    let config = read(root.join("site.toml"))
        + "\n[upstream]\nenhancements = \"up/enhancements\"\ncommunity = \"up/community\"\n";
    std::fs::write(root.join("site.toml"), config).unwrap();
    let o = run(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let line = read(&broken)
        .lines()
        .position(|l| l.starts_with("status:"))
        .unwrap()
        + 1;
    // The path as site.toml names it, relative to the site root.
    let shown = "up/enhancements/keps/sig-node/753-sidecar-containers/kep.yaml";
    assert!(
        err.contains(&format!("{shown}:{line}: kep.yaml does not parse")),
        "{err}"
    );
    assert_eq!(err.matches("kep.yaml does not parse").count(), 1, "{err}");
    // The other groups' facts are there: sigs.yaml read, the rest built.
    let node = sigs_json(&root.join("public"))
        .into_iter()
        .find(|s| s["slug"] == "sig-node")
        .unwrap();
    assert_eq!(node["slack"], "sig-node");
    // A second build reads the warning back from the cache and says it again.
    let again = run(root, &["build"]);
    assert!(
        stderr(&again).contains(&format!("{shown}:{line}:")),
        "{}",
        stderr(&again)
    );
}

/// A KEP page has one entry a section of an edition, as the KEP's feed does: KEP-753's
/// featured PR of 2023-07-11 names it by gate (its heading), link and name, and is one
/// entry with those three ways and its items' text, not three entries. The heading counts
/// the editions, which `keps.json` lists.
#[test]
fn a_kep_page_has_one_entry_a_section_of_an_edition() {
    let out = &built_with_upstream().out;
    let keps: Vec<Value> = serde_json::from_str(&read(out.join("data/keps.json"))).unwrap();
    let kep = keps.iter().find(|k| k["number"] == 753).unwrap();
    let sections: std::collections::BTreeSet<(String, String)> = kep["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["edition"].to_string(), m["anchor"].to_string()))
        .collect();
    let editions = kep["editions"].as_array().unwrap().len();
    let page = read(out.join("keps/753/index.html"));
    assert!(page.contains(&format!("<h2>Mentioned in {editions} editions</h2>")));
    let entries: Vec<&str> = page.split("<li>\n<time").skip(1).collect();
    assert_eq!(entries.len(), sections.len(), "{page}");
    assert!(sections.len() < kep["mentions"].as_array().unwrap().len());
    // Two items of a section that name a KEP the same way are one mention in the data
    // file (two of 2023-11-01's Other Merges items name KEP-753 by name).
    for k in &keps {
        let mentions = k["mentions"].as_array().unwrap();
        let distinct: std::collections::BTreeSet<String> =
            mentions.iter().map(Value::to_string).collect();
        assert_eq!(distinct.len(), mentions.len(), "KEP-{}", k["number"]);
    }
    let featured: Vec<&&str> = entries
        .iter()
        .filter(|e| e.contains("/2023/20230711#116429-add-sidecarcontainers-feature"))
        .collect();
    assert_eq!(featured.len(), 1);
    assert!(
        featured[0].contains("by gate, link, name"),
        "{}",
        featured[0]
    );
    assert_eq!(featured[0].matches("<p>").count(), 3, "{}", featured[0]);
}

/// The archive's three deadlines given as `this week`, each against its cycle's official
/// schedule in `../shared/upstream`: 1.12's README has "Begin collecting planned work from
/// SIGs" on Monday 9th July 2018, the week 2018-07-09's edition gives; 1.22's starts on
/// Monday 26th April 2021, the day after the week 2021-04-20's edition gives; and no row of
/// 1.19's in the week of 6th April 2020 is a release schedule being published.
#[test]
fn a_deadline_given_as_this_week_is_compared_with_the_official_day() {
    let out = &built_with_upstream().out;
    let deadlines: Vec<Value> =
        serde_json::from_str(&read(out.join("data/deadlines.json"))).unwrap();
    let week_of = |edition: &str| {
        let found = deadlines
            .iter()
            .find(|d| d["edition"] == edition && d["week"].is_string());
        found.unwrap_or_else(|| panic!("a deadline given as a week in {edition}"))
    };
    let official = |d: &Value| {
        (
            d["official"]["name"].clone(),
            d["official"]["days_apart"].clone(),
        )
    };
    let sigs = week_of("/2018/20180709.html");
    assert_eq!(sigs["week"], "2018-07-09");
    assert_eq!(
        official(sigs),
        ("Begin collecting planned work from SIGs".into(), 0.into())
    );
    let start = week_of("/2021/20210420.html");
    assert_eq!(start["week"], "2021-04-19");
    assert_eq!(
        official(start),
        ("Start of Release Cycle".into(), (-1).into())
    );
    let schedule = week_of("/2020/20200406.html");
    assert_eq!(schedule["official"], Value::Null, "{schedule}");
    let page = read(out.join("releases/1.22/index.html"));
    assert!(
        page.contains("(that week ends 1 day before the official day)"),
        "the cycle page compares them"
    );
    let check = run(
        &project_root(),
        &[
            "check",
            "--out",
            out.to_str().unwrap(),
            "--content",
            archive().to_str().unwrap(),
        ],
    );
    let warning = "2021-04-18-update.md:29: warning: \"1.22 Release Cycle Begins\" announced for the week of 2021-04-19 is 1 day earlier than the official 1.22 schedule's \"Start of Release Cycle\" (2021-04-26)";
    assert!(stderr(&check).contains(warning), "{}", stderr(&check));
}
