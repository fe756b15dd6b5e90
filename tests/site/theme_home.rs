//! Issue 8: the home page of the real archive: the latest edition's summary, the deadline
//! that matters on the day of the build, the current cycle's most mentioned KEPs.

use crate::common::*;

/// Builds the real archive as if on `day` (via `SOURCE_DATE_EPOCH`) and returns its home page.
fn home_on(day: &str, upstream: bool) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let noon = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let epoch = noon.and_utc().timestamp();
    let o = lwkd()
        .current_dir(project_root())
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .args([
            "build",
            "--content",
            archive().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(
            upstream
                .then(|| ["--upstream".into(), crate::common::upstream()])
                .into_iter()
                .flatten(),
        )
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    read(out.join("index.html"))
}

#[test]
fn the_next_deadline_is_the_nearest_one_ahead_of_the_build() {
    // By hand from the archive: on 2022-02-10 the editions of 2022-02-06 (published 02-09)
    // to 2022-03-06 all announce "Next Deadline: Exceptions due, March 21st".
    let home = home_on("2022-02-10", false);
    let panel = &home[home
        .find("class=\"card highlights")
        .expect("the home page has its highlights panel")..];
    assert!(
        panel.contains(
            r#"Next deadline</span> <span class="deadline-name">Exceptions due</span></h2>"#
        ),
        "{panel:.600}"
    );
    assert!(
        panel.contains("<time datetime=\"2022-03-21\">March 21, 2022</time>"),
        "{panel:.600}"
    );
    assert!(panel.contains("in 39 days"), "{panel:.600}");
    assert!(
        panel.contains("href=\"/2022/20220209#release-schedule\">February 9, 2022</a>"),
        "first announced: {panel:.800}"
    );
}

#[test]
fn after_the_last_deadline_the_home_page_shows_it_as_past() {
    // The archive's last deadline line, 2025-12-07-update.md: "Release day, 17 December".
    let home = home_on("2026-03-01", false);
    let panel = &home[home.find("class=\"card highlights").unwrap()..];
    assert!(
        panel.contains(
            r#"Last deadline, now past</span> <span class="deadline-name">Release day</span></h2>"#
        ),
        "{panel:.600}"
    );
    assert!(
        panel.contains("<time datetime=\"2025-12-17\">December 17, 2025</time>"),
        "{panel:.600}"
    );
    assert!(panel.contains("74 days ago"), "{panel:.600}");
}

/// With the official schedules, the last deadline is 1.37's: its schedule's rows of
/// Wednesday 26th August 2026 are `v1.37.0 released`, then `Thaw`.
#[test]
fn after_the_last_official_deadline_the_home_page_shows_the_release() {
    let home = home_on("2026-12-01", true);
    let panel = &home[home.find("class=\"card highlights").unwrap()..];
    assert!(
        panel.contains(
            r#"Last deadline, now past</span> <span class="deadline-name">v1.37.0 released</span></h2>"#
        ),
        "{panel:.600}"
    );
    assert!(panel.contains("97 days ago"), "{panel:.600}");
    assert!(
        panel.contains("from the official schedule; no edition announced it"),
        "{panel:.900}"
    );
}

#[test]
fn the_home_page_opens_with_the_latest_edition() {
    let home = read(built_archive().join("index.html"));
    let latest = &home[home
        .find("class=\"card latest")
        .expect("a latest-edition card")..];
    // 2025-12-14-update.md, published 2025-12-18, opens with Developer News about etcd.
    assert!(
        latest.contains("href=\"/2025/20251218\">Week Ending December 14, 2025</a>"),
        "{latest:.600}"
    );
    assert!(latest.contains("<h3>Developer News</h3>"), "{latest:.800}");
    assert!(
        latest.contains("SIG-etcd has warned users to update to etcd v3.5.26"),
        "{latest:.800}"
    );
    // The cycle's KEPs are listed most mentioned first.
    let keps = &home[home
        .find("class=\"top-keps\"")
        .expect("the current cycle's KEPs")..];
    let keps = &keps[..keps.find("</ol>").unwrap()];
    let counts: Vec<u32> = keps
        .split("<span class=\"count\">")
        .skip(1)
        .map(|s| s[..s.find('&').unwrap()].parse().unwrap())
        .collect();
    assert!(
        !counts.is_empty() && counts.windows(2).all(|w| w[0] >= w[1]),
        "{counts:?}"
    );
    // The list of every edition shows the week each covers, as its title does: "Week
    // Ending February 6, 2022" came out on the 9th and is listed as Feb 6.
    let seed = r#"<a href="/2022/20220209" title="Week Ending February 6, 2022"><time datetime="2022-02-06">Feb 6</time>"#;
    assert!(home.contains(seed), "the seed edition by its week");
}
