//! Issue 7: what GitHub Pages publishes besides the pages: the Atom feed (read back with the
//! feed-rs parser), the sitemap, 404.html, .nojekyll, CNAME, robots.txt, and a base URL
//! with a subpath carried by every link, the ones written in Markdown included.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// An edition as its file says, read here with plain string handling, independently of
/// the loader: title, the publication time (front matter `date`, else the file name's day).
struct Post {
    title: String,
    published: NaiveDateTime,
}

fn posts() -> Vec<Post> {
    let mut posts = Vec::new();
    for entry in std::fs::read_dir(archive().join("_posts")).unwrap() {
        let path = entry.unwrap().path();
        let text = read(&path);
        let field = |key: &str| {
            text.lines()
                .skip(1)
                .take_while(|l| l.trim() != "---")
                .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
        };
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let day = NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").unwrap();
        let published = field("date:")
            .and_then(|d| {
                NaiveDateTime::parse_from_str(&d[..19.min(d.len())], "%Y-%m-%d %H:%M:%S").ok()
            })
            .unwrap_or_else(|| day.and_hms_opt(0, 0, 0).unwrap());
        posts.push(Post {
            title: field("title:").unwrap(),
            published,
        });
    }
    posts.sort_by_key(|p| std::cmp::Reverse(p.published));
    posts
}

fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    feed_rs::parser::parse(bytes.as_slice())
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

fn check_feed_against_archive(out: &Path, base_url: &str) {
    let feed = parse_feed(&out.join("feed.xml"));
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(
        feed.title.as_ref().unwrap().content,
        "Last Week in Kubernetes Development"
    );
    let expected: Vec<Post> = posts().into_iter().take(10).collect();
    assert_eq!(feed.entries.len(), 10, "feed_limit defaults to 10");
    for (entry, post) in feed.entries.iter().zip(&expected) {
        let title = &entry.title.as_ref().unwrap().content;
        assert_eq!(title, &post.title);
        let published: DateTime<Utc> = post.published.and_utc();
        assert_eq!(entry.published, Some(published), "{title}");
        let date = post.published.format("%Y/%Y%m%d");
        let link = &entry.links[0].href;
        // lwkd.info's URL, extension-less (issue 20).
        assert_eq!(link, &format!("{base_url}{date}"), "{title}");
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_ref())
            .unwrap();
        assert!(
            content.contains("<h2 id=\"developer-news\">") || content.contains("<h2"),
            "full content in {title}"
        );
        assert!(
            content.len() > 1000,
            "full content, not a summary, in {title}"
        );
        assert!(
            !content.contains("href=\"/"),
            "no site-relative links left in {title}"
        );
    }
    let self_link = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("self"))
        .unwrap();
    assert_eq!(self_link.href, format!("{base_url}feed.xml"));
}

#[test]
fn feed_has_the_latest_editions_in_full_with_absolute_links() {
    check_feed_against_archive(built_archive(), "https://lwkd.info/");
}

/// Built where there is no `site.toml`, as in the LWKD repository, the archive's
/// `_config.yml` sets no `url` and its `CNAME` names lwkd.info: the feed links lwkd.info, as
/// GitHub Pages' Jekyll links it.
#[test]
fn feed_without_site_toml_links_the_archives_cname_domain() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build_archive_from(tmp.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    check_feed_against_archive(&out, "https://lwkd.info/");
}

/// An entry's HTML is a CDATA section, as jekyll-feed writes it; HTML that holds the
/// section's end (`]]>`, here in a raw HTML comment) still reads back whole.
#[test]
fn feed_entries_keep_html_that_ends_a_cdata_section() {
    let site = scratch_site_with(&["2025-12-14-update.md"]);
    let edition = site.path().join("content/2025-12-14-update.md");
    let mut text = read(&edition);
    text.push_str("\n<!-- a comment holding ]]> and <b>tags</b> -->\n\nThe line after it.\n");
    std::fs::write(&edition, text).unwrap();
    let o = run(site.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = site.path().join("public/feed.xml");
    assert!(read(&path).contains("<![CDATA[<h2"), "{}", read(&path));
    let feed = parse_feed(&path);
    let content = feed.entries[0].content.as_ref().unwrap();
    let body = content.body.as_deref().unwrap();
    assert!(
        body.contains("<!-- a comment holding ]]> and <b>tags</b> -->"),
        "{body}"
    );
    assert!(
        body.trim_end().ends_with("<p>The line after it.</p>"),
        "{body}"
    );
}

#[test]
fn feed_under_a_subpath_links_under_the_subpath() {
    check_feed_against_archive(built_under_subpath(), SUBPATH_URL);
}

#[test]
fn feed_ids_are_stable_across_builds_and_match_jekyll_feed() {
    let first = read(built_archive().join("feed.xml"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("again");
    let o = build_archive(&out, &[]);
    assert!(o.status.success());
    assert_eq!(
        read(out.join("feed.xml")),
        first,
        "a rebuild writes the same feed"
    );
    let feed = parse_feed(&out.join("feed.xml"));
    // jekyll-feed's id on lwkd.info: the permalink's folder, then the front matter slug.
    assert_eq!(
        feed.entries[0].id,
        "https://lwkd.info/2025/2025-12-14-update"
    );
    let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 10, "ids are distinct");
}

/// Every `.html` file in `out`, as the URL the sitemap should give it: GitHub Pages serves
/// `2022/20220209.html` at `2022/20220209` and `keps/index.html` at `keps/` (issue 20).
fn html_pages(out: &Path, base_url: &str) -> BTreeSet<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .filter(|p| p != "404.html")
        .map(|p| {
            let url = p
                .strip_suffix("index.html")
                .or_else(|| p.strip_suffix(".html"))
                .unwrap();
            format!("{base_url}{url}")
        })
        .collect()
}

fn sitemap_locs(out: &Path) -> BTreeSet<String> {
    let xml = read(out.join("sitemap.xml"));
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut locs = BTreeSet::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) => in_loc = e.name().as_ref() == b"loc",
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.insert(t.decode().unwrap().into_owned());
            }
            quick_xml::events::Event::End(_) => in_loc = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    locs
}

#[test]
fn sitemap_lists_every_page() {
    for (out, base) in [
        (built_archive(), "https://lwkd.info/"),
        (built_under_subpath(), SUBPATH_URL),
    ] {
        let pages = html_pages(out, base);
        assert!(
            pages.len() > edition_count(),
            "editions, home and year pages: {}",
            pages.len()
        );
        assert_eq!(sitemap_locs(out), pages);
        assert!(read(out.join("robots.txt")).contains(&format!("Sitemap: {base}sitemap.xml")));
    }
}

#[test]
fn github_pages_files() {
    let out = built_archive();
    assert!(out.join(".nojekyll").is_file());
    let not_found = read(out.join("404.html"));
    assert!(
        not_found.contains("Page not found") && not_found.contains("href=\"/style.css\""),
        "themed 404"
    );
    // The archive's own CNAME is copied; no `cname` in the project's site.toml.
    assert_eq!(read(out.join("CNAME")).trim(), "lwkd.info");
    let sub = read(built_under_subpath().join("404.html"));
    assert!(
        sub.contains("href=\"/lwkd/style.css\"") && sub.contains("href=\"/lwkd/\""),
        "404 links carry the subpath"
    );
}

#[test]
fn cname_from_site_toml_wins() {
    let site = scratch_site();
    let config = site.path().join("site.toml");
    let text = read(&config);
    std::fs::write(&config, format!("cname = \"lwkd.example.org\"\n{text}")).unwrap();
    let out = site.path().join("public");
    // Which editions are built is beside the point: the small fixture archive will do.
    let o = run(
        site.path(),
        &["build", "--content", fixture_archive().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read(out.join("CNAME")), "lwkd.example.org\n");
    let without = scratch_site();
    let o = run(
        without.path(),
        &[
            "build",
            "--content",
            project_root().join("content").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !without.path().join("public/CNAME").exists(),
        "no cname, no CNAME"
    );
}

#[test]
fn markdown_site_paths_carry_the_subpath() {
    let out = built_under_subpath();
    // 2018-02-05-update.md: `![developer summary chart](/2018/images/dev_sum_chart.png)`.
    let page = read(out.join("2018/20180205.html"));
    assert!(
        page.contains("src=\"/lwkd/2018/images/dev_sum_chart.png\""),
        "image rewritten"
    );
    assert!(out.join("2018/images/dev_sum_chart.png").is_file());
    // 2022-03-06 links to an anchor of /2022/20220209.
    let linking = walkdir::WalkDir::new(out.join("2022"))
        .into_iter()
        .map(|e| e.unwrap())
        .find(|e| {
            e.file_type().is_file()
                && read(e.path()).contains("/lwkd/2022/20220209#enhancements2800-kep-2799")
        });
    assert!(
        linking.is_some(),
        "the deep link in March 2022 carries the subpath"
    );
    for page in ["index.html", "2018/20180205.html", "2022/index.html"] {
        let html = read(out.join(page));
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                assert!(
                    rest.starts_with("lwkd/") || rest.starts_with('/'),
                    "{page}: {}",
                    &html[i..(i + 60).min(html.len())]
                );
            }
        }
    }
}

#[test]
fn a_kep_feed_has_the_sections_that_mention_it() {
    // KEP-3136 (beta APIs off by default) is named in one edition only, found by grep:
    // 2022-02-06-update.md:28, published 2022-02-09, in the heading
    // `### [enhancements#3137: KEP-3136: beta apis off by default](...)`, whose id kramdown
    // makes by dropping what is not a letter, digit, space or hyphen and hyphenating spaces.
    // (Other "3136"s in the archive are PR and image numbers.)
    let out = built_archive();
    let feed = parse_feed(&out.join("keps/3136/feed.xml"));
    assert!(
        feed.title.as_ref().unwrap().content.starts_with("KEP-3136"),
        "{:?}",
        feed.title
    );
    // Feed readers show what it carries under its title, not the site's motto.
    let subtitle = &feed.description.as_ref().unwrap().content;
    assert!(
        subtitle.starts_with("The items of ") && subtitle.contains(" that mention KEP-3136"),
        "{subtitle}"
    );
    let anchor = "enhancements3137-kep-3136-beta-apis-off-by-default";
    let links: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.links[0].href.as_str())
        .collect();
    assert_eq!(links, [format!("https://lwkd.info/2022/20220209#{anchor}")]);
    assert_eq!(
        feed.entries[0].id,
        format!("https://lwkd.info/2022/2022-02-06-update#{anchor}"),
        "the main feed's id of the edition, with the section"
    );
    // The heading and the paragraph under it (lines 28-30), not the rest of the edition:
    // the next heading (line 32) is KEP-2799's, and Developer News opens the edition.
    let content = feed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .as_deref()
        .unwrap();
    assert!(content.contains("beta apis off by default"), "{content}");
    assert!(
        content.contains("has always been very clear about the meaning"),
        "{content}"
    );
    assert!(!content.contains("KEP-2799"), "{content}");
    assert!(
        !content.contains("Forensic Container Checkpointing"),
        "{content}"
    );
    let alternate = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("alternate"))
        .unwrap();
    assert_eq!(alternate.href, "https://lwkd.info/keps/3136/");
    // Feed readers find the feeds from the pages they belong to.
    for (page, feed) in [
        ("keps/3136/index.html", "/keps/3136/feed.xml"),
        ("sigs/sig-node/index.html", "/sigs/sig-node/feed.xml"),
    ] {
        let html = read(out.join(page));
        let tag = "<link rel=\"alternate\" type=\"application/atom+xml\"";
        let links: Vec<&str> = html
            .match_indices(tag)
            .map(|(at, _)| html[at..].split('>').next().unwrap())
            .collect();
        assert!(
            links
                .iter()
                .any(|l| l.contains(&format!("href=\"{feed}\""))),
            "{page} links {feed}: {links:?}"
        );
        assert!(
            out.join(feed.trim_start_matches('/')).is_file(),
            "{feed} exists"
        );
    }
}

#[test]
fn a_sig_feed_has_its_latest_sections() {
    let out = built_archive();
    let feed = parse_feed(&out.join("sigs/sig-node/feed.xml"));
    let subtitle = &feed.description.as_ref().unwrap().content;
    assert!(subtitle.ends_with(" that mention SIG Node"), "{subtitle}");
    assert_eq!(
        feed.entries.len(),
        10,
        "SIG Node is in far more than 10 sections"
    );
    let published: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let ids: std::collections::BTreeSet<&str> =
        feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), feed.entries.len(), "one entry per section");
    for entry in &feed.entries {
        let (page, anchor) = entry.links[0]
            .href
            .strip_prefix("https://lwkd.info/")
            .unwrap()
            .split_once('#')
            .expect("a section's link has its anchor");
        let html = read(out.join(format!("{page}.html")));
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "{page} has the section #{anchor}"
        );
        let lower = html.to_lowercase();
        assert!(
            lower.contains("sig node") || lower.contains("sig-node") || lower.contains("sig/node"),
            "{page} mentions SIG Node"
        );
        // A section, not the edition: the entry is smaller than the edition's page.
        let content = entry.content.as_ref().unwrap().body.as_deref().unwrap();
        assert!(
            !content.is_empty() && content.len() < html.len() / 2,
            "{page}#{anchor}"
        );
    }
}
