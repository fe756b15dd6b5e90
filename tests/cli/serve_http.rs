//! Issue 6: `lwkd serve` over real HTTP on 127.0.0.1: GitHub Pages' resolution, 404s,
//! content types, methods, path traversal, live-reload events, shutdown, and load while
//! the site is being rebuilt.

use std::time::Duration;

use crate::common::serve::{request, Events, Served};
use crate::common::*;

const EDITIONS: [&str; 3] = [
    "2022-02-06-update.md",
    "2018-01-14-update.md",
    "2024-04-14-update.md",
];
/// Where `2024-04-14-update.md` is published: its front matter dates it 2024-04-17.
const EDITION: &str = "/2024/20240417";

fn served() -> (tempfile::TempDir, Served) {
    let site = scratch_site_with(&EDITIONS);
    let served = Served::start(site.path(), &[]);
    (site, served)
}

#[test]
fn github_pages_resolution_and_content_types() {
    let (site, served) = served();
    let out = site.path().join("public");
    let on_disk = read(out.join("2024/20240417.html"));
    assert!(
        !on_disk.contains("__lwkd"),
        "built files carry no live-reload script"
    );

    let page = served.get(EDITION);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let body = page.text();
    assert!(body.contains("<title>Week Ending April 14, 2024"), "{body}");
    assert!(
        body.contains("/__lwkd/events"),
        "served HTML has the live-reload script"
    );
    assert_eq!(
        body.replace(
            &body[body.find("<script data-generation").unwrap()
                ..body.find("</script>\n").unwrap() + 10],
            ""
        ),
        on_disk
    );
    assert_eq!(served.get(&format!("{EDITION}.html")).text(), body);
    assert_eq!(served.get(&format!("{EDITION}?utm_source=x")).text(), body);

    let home = served.get("/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("href=\"/2024/20240417\""));
    assert_eq!(served.get("/2024/").status, 200);
    let redirect = served.get("/2024");
    assert_eq!(
        (redirect.status, redirect.header("location")),
        (301, Some("/2024/"))
    );

    for (path, content_type) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml; charset=utf-8"),
    ] {
        let r = served.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(content_type)),
            "{path}"
        );
        assert_eq!(
            r.body,
            std::fs::read(out.join(&path[1..])).unwrap(),
            "{path} served as built"
        );
    }
    assert_eq!(
        served.get("/2024/20240417.html").header("cache-control"),
        Some("no-store")
    );
}

#[test]
fn head_and_only_head_and_get() {
    let (_site, served) = served();
    let get = served.get(EDITION);
    let head = request(&served.addr, "HEAD", EDITION).unwrap();
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length").map(str::to_string),
        Some(get.body.len().to_string())
    );
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = request(&served.addr, method, EDITION).unwrap();
        assert_eq!(
            (r.status, r.header("allow")),
            (405, Some("GET, HEAD")),
            "{method}"
        );
    }
}

#[test]
fn not_found_is_the_sites_404_page_with_status_404() {
    let (site, served) = served();
    let missing = served.get("/2099/20990101");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("/__lwkd/events"),
        "404 pages follow rebuilds too"
    );
    std::fs::write(
        site.path().join("public/404.html"),
        "<html><body><h1>Lost in the archive</h1></body></html>",
    )
    .unwrap();
    for path in ["/2099/20990101", "/keps/99999/", "/nope.css"] {
        let r = served.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (404, Some("text/html; charset=utf-8")),
            "{path}"
        );
        assert!(
            r.text().contains("Lost in the archive"),
            "{path}: {}",
            r.text()
        );
    }
}

#[test]
fn no_directory_listings() {
    let site = scratch_site_with(&EDITIONS);
    std::fs::create_dir_all(site.path().join("static/img")).unwrap();
    std::fs::copy(
        project_root().join("content/images/sample-freeze.svg"),
        site.path().join("static/img/freeze.svg"),
    )
    .unwrap();
    let served = Served::start(site.path(), &[]);
    assert_eq!(served.get("/img/freeze.svg").status, 200);
    for path in ["/img/", "/img"] {
        let r = served.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.text().contains("freeze.svg"),
            "{path} lists the directory"
        );
    }
}

#[test]
fn no_request_reaches_outside_the_output_directory() {
    let (site, served) = served();
    let root = site.path();
    std::fs::write(root.join("secret.txt"), "TOP-SECRET").unwrap();
    std::fs::create_dir(root.join("private")).unwrap();
    std::fs::write(root.join("private/index.html"), "TOP-SECRET").unwrap();
    let out = root.join("public");
    std::os::unix::fs::symlink(root.join("secret.txt"), out.join("leak.html")).unwrap();
    std::os::unix::fs::symlink(root.join("private"), out.join("private")).unwrap();
    let attempts = [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/2024/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/2024/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/2024\\..\\..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/.%2e/secret.txt",
        "/leak.html",
        "/leak",
        "/private/",
        "/private/index.html",
        "/private",
        "//../secret.txt",
        "http://127.0.0.1/../secret.txt",
        "../secret.txt",
    ];
    for target in attempts {
        let r = request(&served.addr, "GET", target).unwrap();
        assert!(matches!(r.status, 400 | 404), "{target}: {}", r.status);
        assert!(
            !r.text().contains("TOP-SECRET") && !r.text().contains("root:x:0"),
            "{target} leaked"
        );
    }
    assert_eq!(served.get(EDITION).status, 200, "the server still serves");
}

/// Edits one file of `site` and waits (bounded) for the rebuild event.
fn next_build(events: &mut Events, edit: impl FnOnce()) -> serde_json::Value {
    edit();
    events.next()
}

#[test]
fn live_reload_events_follow_builds_and_errors() {
    let (site, served) = served();
    let edition = site.path().join("content/2024-04-14-update.md");
    let good = read(&edition);
    let mut events = Events::open(&served.addr);
    let first = events.next();
    assert_eq!(first["errors"], serde_json::json!([]));
    let generation = first["generation"].as_u64().unwrap();

    let appended = format!("{good}\nA paragraph written while serving.\n");
    let e = next_build(&mut events, || std::fs::write(&edition, &appended).unwrap());
    assert_eq!(
        (e["generation"].as_u64(), e["css_only"].as_bool()),
        (Some(generation + 1), Some(false)),
        "{e}"
    );
    assert!(served
        .get(EDITION)
        .text()
        .contains("A paragraph written while serving."));

    // Bad front matter: an error with path:line in the event and the terminal; the edition's
    // last good page stays in open browsers.
    let broken = appended.replacen(
        "title: Week Ending April 14, 2024",
        "title: [Week Ending April 14, 2024",
        1,
    );
    let e = next_build(&mut events, || std::fs::write(&edition, &broken).unwrap());
    let error = e["errors"][0].as_str().unwrap_or_else(|| panic!("{e}"));
    let at = error
        .split("2024-04-14-update.md:")
        .nth(1)
        .unwrap_or_else(|| panic!("{error}"));
    let line: usize = at
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{error}"));
    assert!(
        (3..=5).contains(&line) && at.contains(": error: "),
        "points into the front matter: {error}"
    );
    assert!(
        served.wait_for_log(
            &format!("2024-04-14-update.md:{line}: error:"),
            1,
            Duration::from_secs(5)
        ),
        "{}",
        served.log()
    );

    // A new tab while the error persists sees it at once.
    assert_eq!(Events::open(&served.addr).next()["errors"], e["errors"]);

    let e = next_build(&mut events, || std::fs::write(&edition, &appended).unwrap());
    assert_eq!(e["errors"], serde_json::json!([]), "fixed");
    assert_eq!(served.get(EDITION).status, 200);

    // A template error: nothing is written, the last good site is served.
    let template = site.path().join("themes/default/templates/edition.html");
    let good_template = read(&template);
    let e = next_build(&mut events, || {
        std::fs::write(
            &template,
            good_template.replacen("{% block main %}", "{% block main %}\n{% if %}", 1),
        )
        .unwrap()
    });
    let error = e["errors"][0].as_str().unwrap_or_else(|| panic!("{e}"));
    assert!(error.contains("edition.html"), "{error}");
    let generation = e["generation"].as_u64().unwrap();
    assert!(
        served
            .get(EDITION)
            .text()
            .contains("A paragraph written while serving."),
        "last good site still served"
    );
    let e = next_build(&mut events, || {
        std::fs::write(&template, &good_template).unwrap()
    });
    assert_eq!(
        (e["generation"].as_u64(), e["errors"].clone()),
        (Some(generation + 1), serde_json::json!([]))
    );

    // Only CSS changed: pages swap stylesheets instead of reloading.
    let css = site.path().join("static/style.css");
    let e = next_build(&mut events, || {
        std::fs::write(&css, read(&css) + "\nbody { color: #123; }\n").unwrap()
    });
    assert_eq!(e["css_only"].as_bool(), Some(true), "{e}");
    assert!(served.get("/style.css").text().contains("color: #123"));
}

#[test]
fn site_toml_errors_name_the_line_and_keep_the_site() {
    let (site, served) = served();
    let mut events = Events::open(&served.addr);
    events.next();
    let config = site.path().join("site.toml");
    let good = read(&config);
    let e = next_build(&mut events, || {
        std::fs::write(&config, format!("{good}feed_limit = = 3\n")).unwrap()
    });
    let lines = good.lines().count() + 1;
    assert!(
        e["errors"][0]
            .as_str()
            .unwrap()
            .contains(&format!("site.toml:{lines}:")),
        "{e}"
    );
    assert!(served.wait_for_log(&format!("site.toml:{lines}:"), 1, Duration::from_secs(5)));
    assert_eq!(served.get(EDITION).status, 200);
    let e = next_build(&mut events, || std::fs::write(&config, &good).unwrap());
    assert_eq!(e["errors"], serde_json::json!([]));
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let site = scratch_site_with(&EDITIONS);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = run(site.path(), &["serve", "--port", &port]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("127.0.0.1:{port}: the port is already in use")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ctrl_c_stops_cleanly_with_pages_open() {
    let (site, served) = served();
    let mut events = Events::open(&served.addr);
    events.next();
    let status = served
        .interrupt()
        .expect("lwkd serve exits within 20 s of Ctrl-C");
    assert!(status.success(), "{status}");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".lwkd-") && n != ".lwkd-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// 40 clients, 2,000 requests, zero errors, while an edition is rewritten in a loop and the
/// site is rebuilt and swapped under them.
#[test]
fn load_while_rebuilding() {
    let posts: Vec<String> = std::fs::read_dir(archive().join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2024-") || n.starts_with("2022-02"))
        .collect();
    let site = scratch_site_with(&posts.iter().map(String::as_str).collect::<Vec<_>>());
    let served = Served::start(site.path(), &[]);
    let edition = site.path().join("content/2024-04-14-update.md");
    let text = read(&edition);
    let done = std::sync::atomic::AtomicBool::new(false);
    // (path, status, text the body must hold: a truncated page would miss it)
    let targets = [
        (EDITION, 200, "</html>"),
        ("/2024/20240417.html", 200, "</html>"),
        ("/", 200, "</html>"),
        ("/2024/", 200, "</html>"),
        ("/2022/20220209", 200, "</html>"),
        ("/style.css", 200, "}"),
        ("/no/such/page", 404, "</script>"),
    ];
    let errors: Vec<String> = std::thread::scope(|s| {
        s.spawn(|| {
            // As editors save: write aside, rename over. Bounded: at most 30 s of rewrites.
            let aside = site.path().join("rewrite.tmp");
            for i in 0..600 {
                if done.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                std::fs::write(&aside, format!("{text}\nRewrite number {i}.\n")).unwrap();
                std::fs::rename(&aside, &edition).unwrap();
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let clients: Vec<_> = (0..40)
            .map(|client| {
                let (served, targets) = (&served, &targets);
                s.spawn(move || {
                    let mut errors = Vec::new();
                    let start = std::time::Instant::now();
                    // 50 requests each (2,000 in all), and on until the site has been rebuilt
                    // 3 times under load: a rebuild's length varies with the machine. Bounded.
                    for i in 0.. {
                        let rebuilt = || served.log().matches("changed: ").count() >= 3;
                        if i >= 50 && (rebuilt() || start.elapsed() > Duration::from_secs(90)) {
                            break;
                        }
                        let (target, status, holds) = targets[(client + i) % targets.len()];
                        match request(&served.addr, "GET", target) {
                            Ok(r) if r.status == status && r.text().contains(holds) => {}
                            Ok(r) => errors.push(format!(
                                "{target}: status {} ({} bytes)",
                                r.status,
                                r.body.len()
                            )),
                            Err(e) => errors.push(format!("{target}: {e}")),
                        }
                        // Spread the load over several rebuilds.
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    errors
                })
            })
            .collect();
        let errors = clients
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        errors
    });
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
    let rebuilds = served.log().matches("changed: ").count();
    assert!(
        rebuilds >= 3,
        "the site was rebuilt during the load ({rebuilds} times):\n{}",
        served.log()
    );
}

/// Issue 19: under `lwkd serve`, a template error (one found only when a page is rendered)
/// and a broken `site.toml` (bad TOML; good TOML naming a content folder that is not there)
/// each leave every page byte for byte as the last good build wrote it, the overlay's
/// script included, while every tab, a new one too, is told the error; the next good save
/// builds again. Issue 20: the page's links, extension-less as the build writes them,
/// resolve over HTTP as on GitHub Pages.
#[test]
fn last_good_pages_survive_template_and_site_toml_breaks() {
    let (site, served) = served();
    let mut events = Events::open(&served.addr);
    assert_eq!(events.next()["errors"], serde_json::json!([]));
    // The page as built: the live-reload script carries the build's generation.
    let generation = regex::Regex::new(r#"data-generation="\d+""#).unwrap();
    let built = |text: String| generation.replace(&text, "").into_owned();
    let page = served.get(EDITION);
    assert_eq!(page.status, 200);
    let good = built(page.text());
    assert!(good.contains("data-events"), "the overlay's script: {good}");

    let href = regex::Regex::new(r##"href="(/[^"#]*)"##).unwrap();
    let links: std::collections::BTreeSet<&str> = href
        .captures_iter(&good)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(
        links.contains("/2024/") && links.iter().any(|l| l.starts_with("/2022/2022")),
        "the year and the previous edition: {links:?}"
    );
    for link in &links {
        assert!(!link.ends_with(".html"), "{link}");
        assert_eq!(served.get(link).status, 200, "{link}");
    }

    let template = site.path().join("themes/default/templates/edition.html");
    let config = site.path().join("site.toml");
    let good_template = read(&template);
    let good_config = read(&config);
    let breaks = [
        (
            &template,
            good_template.replacen(
                "{% block main %}",
                "{% block main %}{{ edition.title | no_such_filter }}",
                1,
            ),
            &good_template,
            "edition.html",
        ),
        (
            &config,
            format!("{good_config}feed_limit = = 3\n"),
            &good_config,
            "site.toml",
        ),
        (
            &config,
            good_config.replacen("content_dir = \"content\"", "content_dir = \"nowhere\"", 1),
            &good_config,
            "nowhere",
        ),
    ];
    for (file, broken, restored, named) in breaks {
        assert_ne!(&broken, restored, "the break changes {named}");
        let e = next_build(&mut events, || std::fs::write(file, &broken).unwrap());
        let error = e["errors"][0].as_str().unwrap_or_else(|| panic!("{e}"));
        assert!(error.contains(named), "{error}");
        let page = served.get(EDITION);
        assert_eq!(page.status, 200, "{named}");
        assert!(
            built(page.text()) == good,
            "the last good page while {named} is broken"
        );
        assert_eq!(
            Events::open(&served.addr).next()["errors"],
            e["errors"],
            "a new tab sees the error at once"
        );
        let e = next_build(&mut events, || std::fs::write(file, restored).unwrap());
        assert_eq!(e["errors"], serde_json::json!([]), "{named} fixed");
        assert!(built(served.get(EDITION).text()) == good, "{named} fixed");
    }
}
