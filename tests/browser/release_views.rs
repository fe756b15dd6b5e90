//! Issue 22: the release cycle views a contributor comes back for, read in headless Chromium
//! over HTTP on the real archive built with the real upstream data (kep.yaml milestones,
//! sig-release schedules), as of a day in 2024 (`SOURCE_DATE_EPOCH`) and read later.

use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;

/// 2024-06-01 00:00 UTC: the day the site below is built on.
const BUILT_ON: &str = "1717200000";

/// The real archive built with `--upstream` on [`BUILT_ON`], once per test binary.
fn built_in_2024() -> &'static Path {
    static OUT: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let o = lwkd()
            .current_dir(project_root())
            .env("SOURCE_DATE_EPOCH", BUILT_ON)
            .args(["build", "--content"])
            .arg(archive())
            .arg("--upstream")
            .arg(upstream())
            .arg("--out")
            .arg(&out)
            .output()
            .expect("lwkd runs");
        assert!(o.status.success(), "archive build failed: {}", stderr(&o));
        (tmp, out)
    })
    .1
}

/// Opens `page` of the built site in a fresh tab and returns what `expression` evaluates to.
fn read_page(page: &str, expression: &str) -> Value {
    let (_server, base) = serve_dir(built_in_2024());
    let tab = browser::new_tab();
    browser::open(&tab, &format!("{base}{page}"));
    browser::evaluate_json(&tab, expression)
}

/// kubernetes/enhancements' keps/sig-architecture/3136-beta-apis-off-by-default/kep.yaml
/// reads `milestone: stable: "v1.24"`, and sig-release's release-1.24/README.md schedules
/// `v1.24.0 released` on Tuesday 3rd May 2022 after a cycle starting Monday 10th January 2022.
#[test]
fn the_1_24_page_shows_what_shipped_in_1_24() {
    let page = read_page(
        "/releases/1.24/index.html",
        r#"(() => {
            const stage = id => [...document.querySelectorAll(`#shipped-${id} + ul li`)]
                .map(li => ({ text: li.innerText, href: li.querySelector('a').getAttribute('href') }));
            return {
                stable: stage('stable'),
                beta: stage('beta'),
                alpha: stage('alpha'),
                header: [...document.querySelectorAll('.page-head time')].map(t => t.getAttribute('datetime')),
                links: [...document.querySelectorAll('.page-head a')].map(a => a.href),
            };
        })()"#,
    );
    let kep_3136 = |stage: &str| {
        page[stage]
            .as_array()
            .unwrap()
            .iter()
            .find(|li| li["text"].as_str().unwrap().contains("KEP-3136"))
            .cloned()
    };
    let stable = kep_3136("stable").unwrap_or_else(|| panic!("KEP-3136 is stable in 1.24: {page}"));
    assert!(
        stable["text"]
            .as_str()
            .unwrap()
            .contains("Beta APIs Are Off by Default"),
        "{stable}"
    );
    assert_eq!(stable["href"], "/keps/3136/", "LWKD covered it");
    assert!(kep_3136("beta").is_none() && kep_3136("alpha").is_none());
    // A KEP no edition mentions leads to its folder in kubernetes/enhancements.
    let stages = ["stable", "beta", "alpha"].map(|s| page[s].as_array().unwrap().clone());
    assert!(
        stages
            .iter()
            .flatten()
            .any(|li| li["text"].as_str().unwrap().contains("not covered")
                && li["href"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://github.com/kubernetes/enhancements/tree/master/keps/")),
        "{page}"
    );
    let header = &page["header"];
    assert_eq!(header[0], "2022-05-03", "the release date first: {header}");
    assert_eq!(header[1], "2022-01-10", "then the cycle's start: {header}");
    let links = page["links"].to_string();
    assert!(
        links.contains(
            "https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.24.md"
        ),
        "{links}"
    );
    // The announcement the 2022-05-08 edition links, not a search.
    assert!(
        links.contains(
            "https://kubernetes.io/blog/2022/05/03/kubernetes-1-24-release-announcement/"
        ),
        "{links}"
    );
}

/// `/releases/` dates each cycle by its official schedule (1.24: from Monday 10th January to
/// Tuesday 3rd May 2022) and lists the cycles editions cover, and after them those only the
/// schedules give (1.36 and 1.37 follow the archive's last edition); not the ones before it
/// whose patch releases the archive names (1.7, 1.8 and 1.9).
#[test]
fn the_release_index_dates_cycles_and_leaves_out_empty_ones() {
    let rows = read_page(
        "/releases/index.html",
        r#"[...document.querySelectorAll('.release-table tbody tr')].map(tr =>
            [...tr.cells].map(td => td.querySelector('time')?.getAttribute('datetime') ?? td.innerText.trim()))"#,
    );
    let rows = rows.as_array().unwrap();
    let row = |version: &str| {
        rows.iter()
            .find(|r| r[0] == format!("Kubernetes {version}"))
            .cloned()
    };
    let r124 = row("1.24").expect("a row for 1.24");
    assert_eq!(
        (&r124[1], &r124[2]),
        (&"2022-01-10".into(), &"2022-05-03".into()),
        "{r124}"
    );
    for empty in ["1.7", "1.8", "1.9"] {
        assert!(row(empty).is_none(), "no row for {empty}: {rows:?}");
    }
    let empty: Vec<&Value> = rows.iter().filter(|r| r[3] == "0").collect();
    let versions: Vec<&str> = empty.iter().map(|r| r[0].as_str().unwrap()).collect();
    assert_eq!(versions, ["Kubernetes 1.37", "Kubernetes 1.36"], "{rows:?}");
    assert!(
        empty.iter().all(|r| r[2] != ""),
        "dated by their schedules: {empty:?}"
    );
    assert!(rows.len() >= 28, "1.10 to 1.37: {}", rows.len());
}

/// The day the test runs, as the browser (same machine, same clock) reads it.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Built on 2024-06-01, the home page's next deadline is June 6, 2024 (PRR Freeze): that
/// stays for readers without JavaScript, and a reader today sees the deadline of today's
/// schedule instead. sig-release's last schedule (1.37) ends with `v1.37.0 released` on
/// Wednesday 26th August 2026: after that day the page shows the last deadline as past.
#[test]
fn the_next_deadline_is_the_one_after_the_day_it_is_read() {
    let html = read(built_in_2024().join("index.html"));
    assert!(
        html.contains(r#"<span class="eyebrow">Next deadline</span>"#)
            && html.contains(r#"<time datetime="2024-06-06">"#),
        "the build's own pick, for readers without JavaScript"
    );
    let shown = read_page(
        "/index.html",
        r#"(() => {
            const box = document.querySelector('.highlights .deadline');
            return {
                eyebrow: box.querySelector('.eyebrow').textContent,
                name: box.querySelector('.deadline-name').textContent,
                source: box.querySelector('.deadline-source').textContent,
                date: box.querySelector('time').getAttribute('datetime'),
                relative: box.querySelector('.relative').textContent,
                past: box.classList.contains('past'),
                links: [...box.querySelectorAll('a')].map(a => a.getAttribute('href')),
            };
        })()"#,
    );
    let date: chrono::NaiveDate = shown["date"].as_str().unwrap().parse().unwrap();
    let today = today();
    let days = (date - today).num_days();
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    if date >= today {
        assert_eq!(shown["eyebrow"], "Next deadline", "{shown}");
        let relative = match days {
            0 => "today".to_string(),
            n => format!("in {n} day{}", plural(n)),
        };
        assert_eq!(shown["relative"], relative, "{shown}");
    } else {
        assert!(
            date >= "2026-08-26".parse().unwrap(),
            "nothing ahead only after the last schedule's release: {shown}"
        );
        assert_eq!(shown["eyebrow"], "Last deadline, now past", "{shown}");
        assert_eq!(shown["past"], true);
        // That day's schedule rows are `v1.37.0 released`, then `Thaw`, which ends the code
        // freeze and is no deadline; no edition announced the release (the archive ends in
        // December 2025).
        assert_eq!(shown["name"], "v1.37.0 released", "{shown}");
        assert_eq!(
            shown["source"],
            "Kubernetes 1.37 · from the official schedule; no edition announced it",
            "{shown}"
        );
        assert_eq!(
            shown["relative"],
            format!("{} day{} ago", -days, plural(-days)),
            "{shown}"
        );
    }
    assert!(
        shown["links"].to_string().contains("/deadlines/"),
        "{shown}"
    );
    // Links as the build writes them: canonical, no `.html` even before an anchor.
    assert!(!shown["links"].to_string().contains(".html"), "{shown}");
}

/// The 1.31 cycle (May to August 2024) was under way on the day of the build: its chart
/// marked that day and the deadlines still ahead. Read today, every deadline has passed and
/// the "today" mark is gone from the axis.
#[test]
fn a_cycle_chart_marks_what_has_passed_on_the_day_it_is_read() {
    let html = read(built_in_2024().join("releases/1.31/index.html"));
    assert!(
        html.contains(r#"<li class="chart-row">"#) && html.contains(r#"class="tick today""#),
        "the build's own day"
    );
    let chart = read_page(
        "/releases/1.31/index.html",
        r#"(() => {
            const rows = [...document.querySelectorAll('.deadline-chart li.chart-row')];
            return {
                rows: rows.length,
                ahead: rows.filter(li => !li.classList.contains('past'))
                    .map(li => li.querySelector('time').getAttribute('datetime')),
                today: document.querySelectorAll('.deadline-chart .tick.today').length,
            };
        })()"#,
    );
    assert!(chart["rows"].as_u64().unwrap() > 5, "{chart}");
    let ahead: Vec<chrono::NaiveDate> = chart["ahead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().parse().unwrap())
        .collect();
    assert!(ahead.iter().all(|&d| d >= today()), "{chart}");
    if ahead.is_empty() {
        assert_eq!(chart["today"], 0, "{chart}");
    }
}

/// 2021-04-20's `Next Deadline: 1.22 Release Cycle Begins this week` on 1.22's chart: a
/// bar across its week, after its dot, past on a reader's day as on the build's.
#[test]
fn a_week_on_a_cycle_chart_is_a_bar_across_it() {
    let row = read_page(
        "/releases/1.22/index.html",
        r#"(() => {
            const li = document.querySelector('.deadline-chart li.chart-row[data-last]');
            const [dot, week] = ['.dot', '.week'].map(s => li.querySelector(s).getBoundingClientRect());
            return {
                name: li.querySelector('.name').textContent,
                past: li.classList.contains('past'),
                width: week.width,
                from_dot: Math.round(week.left - (dot.left + dot.width / 2)),
                date: li.querySelector('time').textContent,
            };
        })()"#,
    );
    assert_eq!(row["name"], "1.22 Release Cycle Begins", "{row}");
    assert_eq!(row["date"], "Apr 19–25", "{row}");
    assert_eq!(row["past"], true, "{row}");
    assert!(row["width"].as_f64().unwrap() > 2.0, "{row}");
    assert_eq!(
        row["from_dot"], 0,
        "the bar starts at the dot's centre: {row}"
    );
}

/// A KEP's and a SIG's own feed is a link on the page, not only in its head, and leads to
/// an Atom feed of the items that name it.
#[test]
fn kep_and_sig_pages_offer_their_feeds_in_sight() {
    for (page, feed) in [
        ("/keps/3136/index.html", "/keps/3136/feed.xml"),
        ("/sigs/sig-node/index.html", "/sigs/sig-node/feed.xml"),
    ] {
        let link = read_page(
            page,
            r#"(() => {
                const a = document.querySelector('main .follow a[type="application/atom+xml"]');
                const r = a?.getBoundingClientRect();
                return a && { href: a.getAttribute('href'), text: a.innerText, shown: r.width > 0 && r.height > 0 };
            })()"#,
        );
        assert_eq!(link["href"], feed, "{page}: {link}");
        assert_eq!(link["shown"], true, "{page}: {link}");
        let atom = read(built_in_2024().join(feed.trim_start_matches('/')));
        assert!(
            atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
            "{feed}"
        );
    }
}

/// In 2022-02-06-update.md the heading `[enhancements#3137: KEP-3136: beta apis off by
/// default](pull)` is a link already: KEP-3136 gets its own link after it, never one inside
/// it; and `**Next Deadline: Exceptions due, March 21st**` leads to the 1.24 cycle.
#[test]
fn edition_headings_link_their_keps_and_the_next_deadline_its_cycle() {
    let page = read_page(
        "/2022/20220209.html",
        r#"(() => {
            const h = document.getElementById('enhancements3137-kep-3136-beta-apis-off-by-default');
            const deadline = [...document.querySelectorAll('main a')].find(a => a.textContent === 'Next Deadline');
            return {
                heading: [...h.querySelectorAll('a')].map(a => a.getAttribute('href')),
                nested: document.querySelectorAll('a a').length,
                deadline: deadline?.getAttribute('href'),
            };
        })()"#,
    );
    assert_eq!(
        page["heading"],
        serde_json::json!([
            "https://github.com/kubernetes/enhancements/pull/3137",
            "/keps/3136/"
        ]),
        "{page}"
    );
    assert_eq!(page["nested"], 0, "{page}");
    assert_eq!(page["deadline"], "/releases/1.24/", "{page}");
}

/// 2022-03-20-update.md announces "Code Freeze, March 30th", 2022-03-27-update.md "Code
/// Freeze, March 29th/30th" (read as the 29th): one milestone (the schedule's 01:00 UTC
/// Wednesday 30th March, 18:00 PDT the 29th), so one row, as last announced, with the other day.
#[test]
fn one_milestone_announced_on_two_days_is_one_row_with_both() {
    let rows = read_page(
        "/releases/1.24/index.html",
        r#"[...document.querySelectorAll('.announcements li')].map(li => li.textContent.replace(/\s+/g, ' ').trim())
            .filter(text => /code freeze/i.test(text))"#,
    );
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = rows[0].as_str().unwrap();
    assert!(row.starts_with("March 29, 2022 Code Freeze"), "{row}");
    assert!(row.contains("also given: March 30, 2022"), "{row}");
}

/// The upstream data has no patch releases and no blog URLs: a release page reads both
/// from the editions. Expected values from the archive's own lines: 2019-09-22 "Patch
/// release 1.16.1 is expected to be out on the 27th", 2019-09-29 "expected release date of
/// Oct 15th: 1.16.2, ...", 2020-06-28 "1.18.5, 1.17.8, and 1.16.12 were released June 26",
/// and the 1.16 announcement an edition links.
#[test]
fn a_release_page_dates_its_patch_releases_and_links_its_announcement() {
    let page = read_page(
        "/releases/1.16/index.html",
        r#"({
            patches: Object.fromEntries([...document.querySelectorAll('.patch-releases li')].map(li =>
                [li.querySelector('strong').innerText, li.innerText.replace(/\s+/g, ' ')
                    + ' @' + li.querySelector('time')?.getAttribute('datetime')])),
            announcement: [...document.querySelectorAll('.release-links a')]
                .find(a => a.innerText === 'Release announcement')?.href ?? null,
        })"#,
    );
    let patch = |v: &str| page["patches"][v].as_str().unwrap_or("").to_string();
    assert!(
        patch("1.16.1").contains("expected") && patch("1.16.1").ends_with("@2019-09-27"),
        "{page}"
    );
    assert!(
        patch("1.16.2").contains("expected") && patch("1.16.2").ends_with("@2019-10-15"),
        "{page}"
    );
    assert!(
        patch("1.16.12").contains("released") && patch("1.16.12").ends_with("@2020-06-26"),
        "{page}"
    );
    assert_eq!(
        page["announcement"],
        "https://kubernetes.io/blog/2019/09/18/kubernetes-1-16-release-announcement/",
        "{page}"
    );
}
