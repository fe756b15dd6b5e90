//! Issue 20: `lwkd lint` on a fixture with slips planted at known lines (written by hand from
//! STYLESHEET.md's rules, before the linter ran on it), in both output formats, with the exit
//! status and `[lint]` of site.toml; and over the whole real archive, where it must finish
//! and find no malformed PR link it cannot explain.

use crate::common::*;

fn fixture() -> String {
    project_root()
        .join("tests/fixtures/lint/2026-03-22-update.md")
        .to_string_lossy()
        .into_owned()
}

/// (line, rule) of each planted slip, in file order.
const PLANTED: &[(usize, &str)] = &[
    (10, "sig-name"),      // SIG-Node
    (10, "here-link"),     // [here]
    (21, "bullet-period"), // ends with a period in Other Merges
    (22, "pr-link"),       // /pulls/130002
    (23, "pr-link"),       // [#130003] goes to 130004
    (23, "term-case"),     // ETCD
    (25, "sig-name"),      // sig-cli (but not #sig-cli)
];

fn findings(stdout: &[u8]) -> Vec<(usize, String)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let rest = l
                .strip_prefix(&format!("{}:", fixture()))
                .unwrap_or_else(|| panic!("{l}"));
            let mut parts = rest.splitn(4, ':');
            let line = parts.next().unwrap().parse().unwrap();
            let _col = parts.next();
            (line, parts.next().unwrap().trim().to_string())
        })
        .collect()
}

#[test]
fn planted_slips_are_reported_at_their_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["lint", &fixture()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "two pr-link errors: {}",
        stderr(&o)
    );
    let mut found = findings(&o.stdout);
    found.sort();
    let mut planted: Vec<(usize, String)> =
        PLANTED.iter().map(|(l, r)| (*l, r.to_string())).collect();
    planted.sort();
    assert_eq!(found, planted, "{}", String::from_utf8_lossy(&o.stdout));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let line21 = std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .nth(20)
        .unwrap()
        .chars()
        .count();
    assert!(
        text.contains(&format!(":21:{line21}: bullet-period: ")),
        "at the period, the line's last character: {text}"
    );
}

#[test]
fn github_format_is_workflow_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["lint", "--format", "github", &fixture()]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")),
        "{text}"
    );
    assert!(
        text.contains(",line=22,col=") && text.contains("title=pr-link::"),
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::error")).count(),
        2,
        "{text}"
    );
}

#[test]
fn lint_table_in_site_toml_turns_rules_off_and_warnings_exit_0() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("site.toml"),
        "[lint]\npr-link = \"warning\"\nterm-case = \"off\"\n",
    )
    .unwrap();
    let o = run(tmp.path(), &["lint", &fixture()]);
    assert_eq!(o.status.code(), Some(0), "only warnings: {}", stderr(&o));
    assert!(!findings(&o.stdout).iter().any(|(_, r)| r == "term-case"));
    std::fs::write(tmp.path().join("site.toml"), "[lint]\nperiods = \"off\"\n").unwrap();
    let o = run(tmp.path(), &["lint", &fixture()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("site.toml: [lint] periods: no such rule")
            && stderr(&o).contains("bullet-period"),
        "{}",
        stderr(&o)
    );
}

/// Without editions to lint, `lwkd lint` stops at once and names the folder it looked in.
#[test]
fn a_missing_content_folder_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-folder");
    let o = run(
        tmp.path(),
        &["lint", "--content", missing.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "content directory {} does not exist",
            missing.display()
        )),
        "{}",
        stderr(&o)
    );
}

/// Every edition of the real archive: the two malformed PR links it has are the only errors,
/// and two titles name another week.
#[test]
fn the_real_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(
        tmp.path(),
        &["lint", "--content", archive().to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(": pr-link: ")).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("2021-05-30-update.md:53:3:") && errors[0].contains("/pull/102377deb"),
        "{errors:#?}"
    );
    assert!(
        errors[1].contains("2024-03-03-update.md:59:12:") && errors[1].contains("/pull/123561]"),
        "{errors:#?}"
    );
    assert!(
        stderr(&o).contains(&format!("linted {} editions: 2 errors", edition_count())),
        "{}",
        stderr(&o)
    );
    // The two titles whose week is not the one before their edition's date.
    let weeks: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": week-ending: "))
        .collect();
    assert_eq!(weeks.len(), 2, "{weeks:#?}");
    assert!(
        weeks[0].contains("2018-02-11-update.md:3:8:")
            && weeks[1].contains("2019-01-06-update.md:3:8:")
            && weeks[1].ends_with("Week Ending January 6, 2019?"),
        "{weeks:#?}"
    );
}

/// With the real kubernetes/enhancements checkout, a KEP number it does not have is reported
/// (and one it has is not); without upstream data KEP numbers are not checked (above).
#[test]
fn kep_numbers_are_checked_against_upstream() {
    let upstream = crate::common::upstream();
    let tmp = tempfile::tempdir().unwrap();
    let o = run(
        tmp.path(),
        &["lint", "--upstream", upstream.to_str().unwrap(), &fixture()],
    );
    let keps: Vec<(usize, String)> = findings(&o.stdout)
        .into_iter()
        .filter(|(_, r)| r == "kep-number")
        .collect();
    assert_eq!(
        keps,
        [(37, "kep-number".to_string())],
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains(":37:1: kep-number: KEP 99999"));
}

/// `next-deadline` through the command, on the whole archive with the real schedules: the
/// nine warnings crates/lwkd-lint/tests/next_deadline.rs lists as read, each at `path:line:col`,
/// and a warning never fails the run.
#[test]
fn next_deadlines_are_checked_against_the_official_schedules() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(
        tmp.path(),
        &[
            "lint",
            "--content",
            archive().to_str().unwrap(),
            "--upstream",
            upstream().to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let found: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": next-deadline: "))
        .collect();
    assert_eq!(found.len(), 9, "{found:#?}");
    assert!(
        found[0].ends_with("_posts/2018-04-16-update.md:18:2: next-deadline: \"Feature Freeze\" on 2018-05-24 is 30 days later than the official 1.11 schedule's \"\\\"Feature Freeze\\\" begins\" (2018-04-24); check kubernetes/sig-release releases/release-1.11/README.md"),
        "{found:#?}"
    );
    let one = run(
        tmp.path(),
        &[
            "lint",
            "--content",
            archive().to_str().unwrap(),
            "--upstream",
            upstream().to_str().unwrap(),
            archive()
                .join("_posts/2018-09-23-update.md")
                .to_str()
                .unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&one.stdout).into_owned();
    assert!(
        text.contains("2018-09-23-update.md:22:3: next-deadline: \"1.12 Release\""),
        "one file linted alone still has its cycle from the editions before it: {text}"
    );
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
}
