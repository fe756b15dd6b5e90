//! Issue 3: the real archive builds, every edition at its lwkd.info URL, with Jekyll's ids.

use std::collections::BTreeSet;

use crate::common::*;

/// The URL lwkd.info serves for a post, worked out here independently of the loader:
/// the first `date:` line's YYYY-MM-DD, else the file name's; the two broken dates as the
/// archive's README says Jekyll serves them.
fn expected_url(file_name: &str, text: &str) -> String {
    let ymd = match file_name {
        "2022-02-27-update.md" => "2022-03-01".to_string(),
        _ => text
            .lines()
            .skip(1)
            .take_while(|l| l.trim() != "---")
            .find_map(|l| l.strip_prefix("date:").map(|d| d.trim()[..10].to_string()))
            .unwrap_or_else(|| file_name[..10].to_string()),
    };
    format!("{}/{}.html", &ymd[..4], ymd.replace('-', ""))
}

#[test]
fn every_edition_is_at_its_lwkd_info_url() {
    let out = built_archive();
    let mut expected = BTreeSet::new();
    for entry in std::fs::read_dir(archive().join("_posts")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        expected.insert(expected_url(&name, &read(&path)));
    }
    let editions = edition_count();
    assert_eq!(
        expected.len(),
        editions,
        "{editions} posts, as many distinct URLs"
    );
    let missing: Vec<_> = expected.iter().filter(|u| !out.join(u).is_file()).collect();
    assert!(
        missing.is_empty(),
        "editions missing at their URLs: {missing:?}"
    );
    // The cases the README calls out.
    assert!(
        out.join("2022/20220209.html").is_file(),
        "2022-02-06-update.md has date 2022-02-09"
    );
    assert!(
        out.join("2018/20180114.html").is_file(),
        "2018-01-14-update.md has no date"
    );
    assert!(
        out.join("2024/20240417.html").is_file(),
        "broken time keeps its date"
    );
    assert!(
        out.join("2022/20220301.html").is_file(),
        "2022-02-29 rolls over"
    );
    assert!(!out.join("2022/20220229.html").exists());
    let page = read(out.join("2022/20220209.html"));
    assert!(
        page.contains("Week Ending February 6, 2022"),
        "title rendered"
    );
}

#[test]
fn images_and_root_files_are_copied_as_jekyll_does() {
    let out = built_archive();
    for dir in ["2018/images", "2020/images", "images", "favicons"] {
        let src = archive().join(dir);
        let n = walkdir::WalkDir::new(&src)
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count();
        assert!(n > 0, "{dir} has files in the archive");
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(archive()).unwrap();
                assert!(out.join(rel).is_file(), "{} copied", rel.display());
            }
        }
    }
    assert!(out.join("CNAME").is_file());
    assert!(
        !out.join("_config.yml").exists() && !out.join("_posts").exists(),
        "underscore files stay out"
    );
}

#[test]
fn the_two_broken_dates_are_one_warning_each() {
    let err = &built_archive_with_log().stderr;
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("2024-04-14-update.md:4:") && w.contains("14:4g5")),
        "{err}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("2022-02-27-update.md:4:") && w.contains("2022-03-01")),
        "{err}"
    );
    let built = format!("built {} editions", edition_count());
    assert!(err.contains(&built), "{built}: {err}");
}

#[test]
fn heading_ids_are_jekylls() {
    let out = built_archive();
    // (page, id): ids as lwkd.info (Jekyll, kramdown GFM) serves them. The first is the
    // target of a real deep link inside the archive (2022-03-06 links to it).
    let cases = [
        (
            "2022/20220209.html",
            "enhancements2800-kep-2799-reduction-of-secret-based-service-account-tokens",
        ),
        (
            "2022/20220209.html",
            "enhancements3137-kep-3136-beta-apis-off-by-default",
        ),
        ("2022/20220209.html", "release-schedule"),
        ("2018/20180114.html", "community-meeting-summary"),
        ("2018/20180114.html", "feature-work"),
        ("2018/20180114.html", "other-merges"),
    ];
    for (page, id) in cases {
        let html = read(out.join(page));
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "{page} lacks id {id}"
        );
    }
}

/// The templates lose their indentation when compiled; an edition's code keeps its own.
#[test]
fn code_in_an_edition_keeps_its_indentation_and_templates_lose_theirs() {
    let html = read(built_archive().join("2022/20220118.html"));
    assert!(
        html.contains("<pre><code>if klog.V(5).Enabled() {\n    klog.Info(\"hello world\")\n}"),
        "the code block of #106978, as written"
    );
    assert!(!html.contains("\n  <"), "no indented template line");
}

#[test]
fn home_and_year_pages_list_every_edition() {
    let out = built_archive();
    let home = read(out.join("index.html"));
    assert_eq!(
        home.matches("<li><a href=\"/20").count(),
        edition_count(),
        "home lists all editions"
    );
    let latest = home.find("/2025/").unwrap();
    let oldest = home.find("/2018/20180114\"").unwrap();
    assert!(latest < oldest, "latest first");
    for year in 2018..=2025 {
        assert!(
            out.join(format!("{year}/index.html")).is_file(),
            "year page {year}"
        );
    }
    let y2018 = read(out.join("2018/index.html"));
    assert!(
        y2018.contains("/2018/20180114\"") && !y2018.contains("/2019/2019"),
        "only 2018 editions"
    );
}

/// Issue 20: pages are linked at the URLs lwkd.info serves them at, as Jekyll links them
/// (`https://lwkd.info/2022/20220209`, `/keps/3136/`): every internal link of every page,
/// every `<link rel="canonical">`, the sitemap and the feed's entries; the files stay where
/// the contract puts them (`/2022/20220209.html`).
#[test]
fn links_sitemap_and_feed_use_extensionless_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build_archive(&out, &["--base-url", "https://lwkd.info/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out.join("2022/20220209.html").is_file(),
        "files where they were"
    );

    let link = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let mut pages = 0;
    let mut internal = 0;
    for (path, bytes) in files_below(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        for target in link.captures_iter(&html).map(|c| c[1].to_string()) {
            let site_path = match target.strip_prefix("https://lwkd.info") {
                Some(rest) => rest.to_string(),
                None if target.starts_with('/') && !target.starts_with("//") => target.clone(),
                None => continue,
            };
            internal += 1;
            let file = site_path.split(['#', '?']).next().unwrap();
            assert!(
                !file.ends_with(".html"),
                "{path} links {target}, not its extension-less URL"
            );
        }
        if path != "404.html" {
            let canonical = html
                .split("<link rel=\"canonical\" href=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("{path} has no <link rel=canonical>"));
            let want = match path.strip_suffix("index.html") {
                Some(dir) => format!("https://lwkd.info/{dir}"),
                None => format!("https://lwkd.info/{}", path.trim_end_matches(".html")),
            };
            assert_eq!(canonical, want, "{path}");
        }
    }
    assert!(
        pages > 600 && internal > 10_000,
        "{pages} pages, {internal} links"
    );
    let edition = read(out.join("2022/20220209.html"));
    assert!(
        edition.contains(r#"href="https://lwkd.info/keps/3136/""#)
            || edition.contains(r#"href="/keps/3136/""#)
    );

    // The sitemap, read by an XML parser: every page at its extension-less URL.
    let sitemap = read(out.join("sitemap.xml"));
    let mut reader = quick_xml::Reader::from_str(&sitemap);
    let (mut locs, mut in_loc) = (Vec::new(), false);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) => in_loc = e.name().as_ref() == b"loc",
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(t.decode().unwrap().into_owned())
            }
            quick_xml::events::Event::End(_) => in_loc = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(locs.contains(&"https://lwkd.info/2022/20220209".to_string()));
    assert!(locs.contains(&"https://lwkd.info/keps/3136/".to_string()));
    assert!(locs.contains(&"https://lwkd.info/".to_string()));
    assert!(locs.len() > 600, "{}", locs.len());
    assert!(locs.iter().all(|l| !l.ends_with(".html")), "{locs:?}");

    // The feed, read by feed-rs: entries link lwkd.info's URLs.
    let feed = feed_rs::parser::parse(read(out.join("feed.xml")).as_bytes()).unwrap();
    let links: Vec<&str> = feed
        .entries
        .iter()
        .flat_map(|e| e.links.iter().map(|l| l.href.as_str()))
        .collect();
    assert!(
        links.contains(&"https://lwkd.info/2025/20251218"),
        "{links:?}"
    );
    assert!(
        !links.is_empty() && links.iter().all(|l| !l.ends_with(".html")),
        "{links:?}"
    );
}

/// Issue 20: the archive's `template.md` has front matter, so Jekyll renders it with the
/// site's layout as `/template.html` (served at `/template`, as lwkd.info does); `README.md`
/// and `STYLESHEET.md` have none and are copied as they are. (`_config.yml` excludes nothing.)
#[test]
fn front_matter_markdown_at_the_root_is_a_page_at_its_jekyll_url() {
    let out = built_archive();
    assert!(!out.join("template.md").exists(), "rendered, not copied");
    let page = read(out.join("template.html"));
    assert!(
        page.contains("<h1>Week Ending Month DD, YYYY</h1>"),
        "its front matter's title"
    );
    assert!(
        page.contains(r#"<h2 id="release-schedule">Release Schedule</h2>"#),
        "its Markdown, with kramdown's ids"
    );
    assert!(page.contains("<strong>Next Deadline:</strong>"), "{page}");
    assert!(page.contains(r#"class="site-nav""#), "in the theme");
    assert!(page.contains(r#"<link rel="canonical" href="https://lwkd.info/template">"#));
    assert_eq!(
        std::fs::read(out.join("README.md")).unwrap(),
        std::fs::read(archive().join("README.md")).unwrap()
    );
    assert_eq!(
        std::fs::read(out.join("STYLESHEET.md")).unwrap(),
        std::fs::read(archive().join("STYLESHEET.md")).unwrap()
    );
    let (_server, origin) = serve_dir(out);
    let served = serve::request(origin.trim_start_matches("http://"), "GET", "/template").unwrap();
    assert_eq!(served.status, 200);
    assert!(served.text().contains("Week Ending Month DD, YYYY"));
}

/// Issue 21: a cold build leaves at most five bytes (its output and its cache) for each byte
/// of the editions' Markdown, the files it copies as they are aside.
#[test]
fn a_build_leaves_at_most_five_times_its_markdown() {
    let ratio = bytes_left_per_markdown_byte(&archive(), built_archive());
    println!("the archive's build leaves {ratio:.2}x its Markdown");
    assert!(ratio <= 5.0, "{ratio:.2}x the Markdown");
}
