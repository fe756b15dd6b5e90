//! Issue 7: `lwkd check` on the real archive reports exactly the links broken in the
//! editions themselves (with their Markdown file and line), on a normal build and on one for
//! a project page under `/lwkd/`; passes once those are ignored; names precisely the links
//! a test breaks on purpose; and checks external links against a local HTTP server.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

/// The links broken in the archive's Markdown, found by reading it (see the fixture's
/// site.toml): (page, link as written, Markdown file, line).
const BROKEN_IN_THE_ARCHIVE: [(&str, &str, &str, usize); 5] = [
    (
        "2019/20191029.html",
        "apiserver_request_error_total",
        "2019-10-27-update.md",
        30,
    ),
    (
        "2019/20191029.html",
        "apiserver_request_error_total",
        "2019-10-27-update.md",
        40,
    ),
    (
        "2020/20200504.html",
        "apiregistration.k8s.io/v1beta1",
        "2020-05-03-update.md",
        57,
    ),
    (
        "2020/20200512.html",
        "cloud.google.com/network-tier",
        "2020-05-10-update.md",
        48,
    ),
    (
        "2025/20251002.html",
        "(https://github.com/kubernetes/kubernetes/pull/134265)",
        "2025-09-28-update.md",
        45,
    ),
];

type Reported = BTreeSet<(String, String, String, usize)>;

/// Reads `page: link (problem; file:line)` lines back.
fn reported(o: &Output) -> Reported {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|line| {
            let (page, rest) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("not `page: link`: {line}"));
            let (link, detail) = rest
                .rsplit_once(" (")
                .unwrap_or_else(|| panic!("no detail: {line}"));
            let (file, number) = detail
                .rsplit_once("; ")
                .and_then(|(_, source)| source.trim_end_matches(')').rsplit_once(':'))
                .map_or((String::new(), 0), |(f, n)| {
                    (
                        Path::new(f)
                            .file_name()
                            .unwrap()
                            .to_string_lossy()
                            .into_owned(),
                        n.parse().unwrap(),
                    )
                });
            (page.to_string(), link.to_string(), file, number)
        })
        .collect()
}

fn expected(set: &[(&str, &str, &str, usize)]) -> Reported {
    set.iter()
        .map(|(p, l, f, n)| (p.to_string(), l.to_string(), f.to_string(), *n))
        .collect()
}

fn build(content: &Path, out: &Path, base_url: Option<&str>) {
    let base_url: Vec<&str> = base_url
        .map(|u| ["--base-url", u])
        .into_iter()
        .flatten()
        .collect();
    let o = build_content(&project_root(), content, out, &base_url);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
}

fn check(root: &Path, out: &Path, content: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--content",
        content.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&project_root(), &args)
}

fn fixture() -> PathBuf {
    project_root().join("tests/fixtures/archive-check")
}

#[test]
fn the_archive_has_exactly_its_own_broken_links() {
    let o = check(&project_root(), built_archive(), &archive(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        reported(&o),
        expected(&BROKEN_IN_THE_ARCHIVE),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn under_a_subpath_too() {
    let o = check(
        &project_root(),
        built_under_subpath(),
        &archive(),
        &["--base-url", SUBPATH_URL],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        reported(&o),
        expected(&BROKEN_IN_THE_ARCHIVE),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn a_subpath_site_checked_at_the_root_is_all_broken() {
    // The same output checked as if served at `/`: its `/lwkd/...` links go nowhere, which
    // shows the check really follows the base path.
    let o = check(
        &project_root(),
        built_under_subpath(),
        &archive(),
        &["--base-url", "https://example.github.io/"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        reported(&o)
            .iter()
            .any(|(_, link, _, _)| link == "/lwkd/style.css"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn ignoring_them_passes() {
    for (out, base) in [
        (built_archive(), None),
        (built_under_subpath(), Some(SUBPATH_URL)),
    ] {
        let extra: Vec<&str> = base.map(|b| vec!["--base-url", b]).unwrap_or_default();
        let o = check(&fixture(), out, &archive(), &extra);
        assert_eq!(
            reported(&o),
            Reported::new(),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert!(stderr(&o).contains(" broken, 5 ignored"), "{}", stderr(&o));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}

/// A scratch site with four real editions, three of them broken on purpose.
fn broken_on_purpose() -> tempfile::TempDir {
    let site = scratch_site();
    let content = site.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    copy_tree(&archive().join("2018/images"), &content.join("2018/images"));
    std::fs::remove_file(content.join("2018/images/issue_tracking.png")).unwrap();
    let posts = archive().join("_posts");
    for name in [
        "2018-02-05-update.md",
        "2018-02-11-update.md",
        "2022-02-06-update.md",
        "2022-03-06-update.md",
    ] {
        let text = read(posts.join(name));
        let text = match name {
            // Line 11's link to last week's issue now names a day with no edition; line 13's
            // stays good. The image on line 62 was removed above.
            "2018-02-11-update.md" => text.replacen(
                "[last week's issue](/2018/20180205)",
                "[last week's issue](/2018/20180206)",
                1,
            ),
            // Line 20: the heading id is misspelt.
            "2022-03-06-update.md" => text.replace(
                "#enhancements2800-kep-2799-reduction",
                "#enhancements2800-kep-2799-reducton",
            ),
            _ => text,
        };
        std::fs::write(content.join(name), text).unwrap();
    }
    site
}

#[test]
fn links_broken_on_purpose_are_listed_precisely() {
    let site = broken_on_purpose();
    let out = site.path().join("public");
    let content = site.path().join("content");
    let o = run(site.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = check(site.path(), &out, &content, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let anchor =
        "/2022/20220209#enhancements2800-kep-2799-reducton-of-secret-based-service-account-tokens";
    let want = expected(&[
        (
            "2018/20180211.html",
            "/2018/20180206",
            "2018-02-11-update.md",
            11,
        ),
        (
            "2018/20180211.html",
            "/2018/images/issue_tracking.png",
            "2018-02-11-update.md",
            62,
        ),
        ("2022/20220309.html", anchor, "2022-03-06-update.md", 20),
    ]);
    assert_eq!(reported(&o), want, "{}", String::from_utf8_lossy(&o.stdout));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("no id \"enhancements2800-kep-2799-reducton-of-secret-based-service-account-tokens\" on 2022/20220209.html"), "{text}");
}

#[test]
fn a_page_removed_from_the_output_is_reported_where_linked() {
    let site = broken_on_purpose();
    let out = site.path().join("public");
    assert!(run(site.path(), &["build"]).status.success());
    std::fs::remove_file(out.join("style.css")).unwrap();
    let o = check(site.path(), &out, &site.path().join("content"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let pages_with_style: BTreeSet<String> = reported(&o)
        .into_iter()
        .filter(|r| r.1 == "/style.css")
        .map(|r| r.0)
        .collect();
    let html_pages: BTreeSet<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        pages_with_style, html_pages,
        "every page links the stylesheet"
    );
}

/// A local server for `--external`: `/ok` answers 200, anything else 404. Counts requests.
struct LocalServer {
    url: String,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    server: std::sync::Arc<tiny_http::Server>,
}

impl LocalServer {
    fn start() -> LocalServer {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (s, n) = (server.clone(), requests.clone());
        std::thread::spawn(move || {
            for request in s.incoming_requests() {
                n.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let status = if request.url() == "/ok" { 200 } else { 404 };
                let _ =
                    request.respond(tiny_http::Response::from_string("x").with_status_code(status));
            }
        });
        LocalServer {
            url,
            requests,
            server,
        }
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// This machine reaches no other host: the theme's own links to other sites (the licence,
/// lwkd.info) are ignored, so `--external` asks the local server only.
fn only_local_links(site: &Path) {
    let config = site.join("site.toml");
    let text = read(&config);
    std::fs::write(
        &config,
        format!("{text}\n[check]\nignore = [\"https://*\"]\n"),
    )
    .unwrap();
}

#[test]
fn external_links_are_checked_and_cached() {
    let server = LocalServer::start();
    let site = scratch_site();
    let content = site.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let edition = format!(
        "---\ntitle: Week Ending March 15, 2026\n---\n\n## News\n\nA [good link]({0}/ok) and\na [dead one]({0}/gone), and [the good one again]({0}/ok#x).\n",
        server.url
    );
    std::fs::write(content.join("2026-03-15-update.md"), edition).unwrap();
    only_local_links(site.path());
    let out = site.path().join("public");
    assert!(run(site.path(), &["build"]).status.success());

    let without = check(site.path(), &out, &content, &[]);
    assert_eq!(
        reported(&without),
        Reported::new(),
        "external links are not fetched without --external"
    );
    assert_eq!(server.requests.load(std::sync::atomic::Ordering::SeqCst), 0);

    let o = check(
        site.path(),
        &out,
        &content,
        &["--external", "--timeout", "5"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let gone = format!("{}/gone", server.url);
    assert_eq!(
        reported(&o),
        expected(&[("2026/20260315.html", &gone, "2026-03-15-update.md", 8)]),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("HTTP 404"));
    assert_eq!(
        server.requests.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "two distinct URLs, each fetched once"
    );

    // Second run: the good answer comes from the cache; the failure is asked again.
    let again = check(site.path(), &out, &content, &["--external"]);
    assert_eq!(reported(&again), reported(&o));
    assert_eq!(
        server.requests.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "only the broken URL asked again"
    );
    assert!(site
        .path()
        .join(".lwkd-cache/external-links.json")
        .is_file());
}

#[test]
fn external_timeouts_are_reported() {
    // A listener that never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/slow", listener.local_addr().unwrap());
    let site = scratch_site();
    let content = site.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("2026-03-15-update.md"),
        format!("---\ntitle: T\n---\n\n[slow]({url})\n"),
    )
    .unwrap();
    only_local_links(site.path());
    let out = site.path().join("public");
    assert!(run(site.path(), &["build"]).status.success());
    let start = std::time::Instant::now();
    let o = check(
        site.path(),
        &out,
        &content,
        &["--external", "--timeout", "1"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains(&url));
    assert!(
        start.elapsed() < std::time::Duration::from_secs(30),
        "the timeout holds"
    );
    drop(listener);
}

/// The README's move of lwkd.info to lwkd, steps 1, 2 and 5, on a copy of the archive:
/// lwkd's files in `_lwkd/`, built and checked from there, and the next edition written
/// into `_posts/`.
#[test]
fn the_readme_migration_builds_and_checks_the_lwkd_repository() {
    let repo = tempfile::tempdir().unwrap();
    copy_tree(&archive(), repo.path());
    let lwkd_dir = repo.path().join("_lwkd");
    copy_tree(&project_root().join("themes"), &lwkd_dir.join("themes"));
    copy_tree(&project_root().join("static"), &lwkd_dir.join("static"));
    let ignore = read(fixture().join("site.toml"));
    let check_section = &ignore[ignore.find("[check]").unwrap()..];
    std::fs::write(
        lwkd_dir.join("site.toml"),
        format!("content_dir = \"..\"\noutput_dir = \"../_site\"\nbase_url = \"https://lwkd.info/\"\ncname = \"lwkd.info\"\n\n{check_section}"),
    )
    .unwrap();
    let o = run(repo.path(), &["build", "--root", "_lwkd"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = repo.path().join("_site");
    assert!(site.join("2022/20220209.html").is_file() && site.join("feed.xml").is_file());
    assert!(
        !site.join("_lwkd").exists() && !site.join("themes").exists(),
        "lwkd's own files stay out of the site"
    );
    assert_eq!(read(site.join("CNAME")), "lwkd.info\n");
    let o = run(repo.path(), &["check", "--root", "_lwkd"]);
    assert_eq!(
        reported(&o),
        Reported::new(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = lwkd()
        .current_dir(repo.path())
        .env("LWKD_TODAY", "2026-12-30")
        .args(["new", "--root", "_lwkd"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(repo.path().join("_posts/2027-01-03-update.md").is_file());
}

/// Issue 19: broken links are traced to their lines with one read and one index of the file,
/// not a scan of it per link: an edition with 20,000 distinct broken links, each on its own
/// line, has each reported at its line (a scan per link read 20,000 times its 0.6 MB).
#[test]
fn twenty_thousand_broken_links_are_each_traced_to_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let mut md = String::from(
        "---\ntitle: Week Ending May 5, 2024\ndate: 2024-05-08\n---\n## Other Merges\n\n",
    );
    const LINKS: usize = 20_000;
    for i in 0..LINKS {
        md.push_str(&format!("* merged [change {i}](/nowhere/{i}) today\n"));
    }
    std::fs::write(content.join("2024-05-05-update.md"), &md).unwrap();
    let out = tmp.path().join("out");
    build(&content, &out, None);
    let o = check(tmp.path(), &out, &content, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let found = reported(&o);
    let traced: Vec<(String, usize)> = found
        .iter()
        .filter(|(_, link, _, _)| link.starts_with("/nowhere/"))
        .map(|(_, link, file, line)| (format!("{link} {file}"), *line))
        .collect();
    assert_eq!(traced.len(), LINKS);
    for (link, line) in traced {
        let i: usize = link["/nowhere/".len()..link.find(' ').unwrap()]
            .parse()
            .unwrap();
        assert_eq!(
            (link.as_str(), line),
            (format!("/nowhere/{i} 2024-05-05-update.md").as_str(), 7 + i)
        );
    }
}
