//! Issue 8 (search) and issue 5 (its cache): the pagefind index of the real archive, queried
//! by typing into the search page in headless Chromium over `lwkd serve`, under a base path;
//! and the index cache that spares a build re-indexing editions that did not change.

mod common;
#[path = "common/browser.rs"]
mod browser;
#[path = "common/serve.rs"]
mod serve;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use common::*;

/// Titles of the archive's editions whose file mentions `word` anywhere (any case), and of
/// those where it stands as a word of its own (not inside `knftables`), which search must find.
fn editions_mentioning(word: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut anywhere, mut as_word) = (BTreeSet::new(), BTreeSet::new());
    for entry in std::fs::read_dir(archive().join("_posts")).unwrap() {
        let text = read(entry.unwrap().path()).to_lowercase();
        if !text.contains(word) {
            continue;
        }
        let title = text_title(&read_title_line(&text));
        let whole = text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if whole {
            as_word.insert(title.clone());
        }
        anywhere.insert(title);
    }
    (anywhere, as_word)
}

fn read_title_line(text: &str) -> String {
    text.lines().find_map(|l| l.strip_prefix("title:")).expect("every archive edition has a title").to_string()
}

/// Titles compared case-insensitively (the archive text was lowercased for the search).
fn text_title(title: &str) -> String {
    title.trim().trim_matches('"').to_lowercase()
}

#[derive(Debug)]
struct Shown {
    title: String,
    href: String,
    datetime: String,
    date: String,
    excerpt: String,
    marked: Vec<String>,
}

#[test]
fn typing_nftables_finds_the_editions_that_mention_it() {
    let site = scratch_site();
    let archive = archive();
    let served = serve::Served::start(
        site.path(),
        &["--content", archive.to_str().unwrap(), "--base-url", "https://example.github.io/lwkd/"],
    );
    assert!(served.url.ends_with("/lwkd/"), "{}", served.url);
    let browser = browser::launch();
    let tab = browser.new_tab().unwrap();
    // The reader types before the index has loaded, as on a slow line: pagefind.js is held
    // until the query is typed, and what was typed must still be searched.
    let release = hold_requests_ending(&tab, "/pagefind/pagefind.js");
    // No wait_until_navigated: the tab's event thread is the one holding the request.
    tab.navigate_to(&format!("{}search/index.html", served.url)).unwrap();
    tab.wait_for_element("#search-input").unwrap().click().unwrap();
    tab.type_str("nftables").unwrap();
    std::thread::sleep(Duration::from_millis(300)); // past the page's 120 ms typing pause
    release.send(()).unwrap();

    let (anywhere, as_word) = editions_mentioning("nftables");
    assert!(as_word.len() >= 10, "the archive mentions nftables in many editions: {as_word:?}");
    let read_results = || -> Vec<Shown> {
        let js = r#"JSON.stringify([...document.querySelectorAll('#search-results li')].map(li => ({
            title: li.querySelector('h2 a').textContent,
            href: li.querySelector('h2 a').getAttribute('href'),
            datetime: li.querySelector('time').getAttribute('datetime'),
            date: li.querySelector('time').textContent,
            excerpt: li.querySelector('.excerpt').textContent,
            marked: [...li.querySelectorAll('.excerpt mark')].map(m => m.textContent),
        })))"#;
        let value = tab.evaluate(js, false).unwrap().value.unwrap();
        let items: Vec<serde_json::Value> = serde_json::from_str(value.as_str().unwrap()).unwrap();
        let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
        items
            .iter()
            .map(|v| Shown {
                title: text(v, "title"),
                href: text(v, "href"),
                datetime: text(v, "datetime"),
                date: text(v, "date"),
                excerpt: text(v, "excerpt"),
                marked: v["marked"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect(),
            })
            .collect()
    };
    let mut results = Vec::new();
    let settled = browser::wait_until(Duration::from_secs(30), || {
        results = read_results();
        results.len() >= as_word.len()
    });
    let status = tab.find_element("#search-status").and_then(|e| e.get_inner_text()).unwrap_or_default();
    assert!(settled, "search showed {} results, expected at least {} ({status:?}): {results:#?}", results.len(), as_word.len());

    let found: BTreeSet<String> = results.iter().map(|r| text_title(&r.title)).collect();
    assert_eq!(found.len(), results.len(), "each edition once: {results:#?}");
    let missing: Vec<_> = as_word.difference(&found).collect();
    assert!(missing.is_empty(), "editions mentioning nftables not found: {missing:?}");
    let unrelated: Vec<_> = found.difference(&anywhere).collect();
    assert!(unrelated.is_empty(), "found editions that never mention nftables: {unrelated:?} in {results:#?}");

    for r in &results {
        assert!(r.href.starts_with("/lwkd/20") && r.href.ends_with(".html"), "link under the base path: {r:?}");
        assert!(chrono_like(&r.datetime), "machine-readable date: {r:?}");
        assert!(r.date.len() > 8 && r.date.contains(&r.datetime[..4]), "readable date with the year: {r:?}");
        assert!(r.excerpt.split_whitespace().count() >= 10, "an excerpt, not a stub: {r:?}");
        assert!(r.marked.iter().any(|m| m.to_lowercase().contains("nftables")), "the match is marked: {r:?}");
    }

    // Following the first result opens its edition, served under the base path.
    let first = &results[0];
    tab.find_element("#search-results li h2 a").unwrap().click().unwrap();
    let opened = browser::wait_until(Duration::from_secs(10), || tab.get_url().ends_with(&first.href));
    assert!(opened, "{} opened, not {}", tab.get_url(), first.href);
    tab.wait_until_navigated().unwrap();
    let title = tab.get_title().unwrap();
    assert!(title.contains(&first.title), "{title:?} is not {first:?}");
    let body = tab.find_element("main").unwrap().get_inner_text().unwrap().to_lowercase();
    assert!(body.contains("nftables"), "{} mentions nftables", first.href);
}

/// Holds the tab's requests for URLs ending in `suffix` until the returned sender is used (or
/// 60 s pass), then lets them through.
fn hold_requests_ending(tab: &headless_chrome::Tab, suffix: &'static str) -> std::sync::mpsc::Sender<()> {
    use headless_chrome::browser::tab::RequestPausedDecision;
    use headless_chrome::protocol::cdp::Fetch::{RequestPattern, RequestStage};
    let pattern = RequestPattern { url_pattern: Some(format!("*{suffix}")), resource_Type: None, request_stage: Some(RequestStage::Request) };
    tab.enable_fetch(Some(&[pattern]), None).unwrap();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let released = std::sync::Mutex::new(released);
    tab.enable_request_interception(std::sync::Arc::new(move |_, _, paused: headless_chrome::protocol::cdp::Fetch::events::RequestPausedEvent| {
        if paused.params.request.url.ends_with(suffix) {
            let _ = released.lock().unwrap().recv_timeout(Duration::from_secs(60));
        }
        RequestPausedDecision::Continue(None)
    }))
    .unwrap();
    release
}

/// `2024-08-18`
fn chrono_like(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && date.bytes().filter(u8::is_ascii_digit).count() == 8
}

#[test]
fn the_search_page_says_what_to_do_without_javascript() {
    let html = read(built_archive().join("search/index.html"));
    let noscript = &html[html.find("<noscript>").expect("a noscript message")..html.find("</noscript>").unwrap()];
    assert!(noscript.contains("needs JavaScript") && noscript.contains("href="), "{noscript}");
    assert!(html.contains(r#"type="search""#), "a search box");
}

fn cache_entries(site: &Path) -> BTreeSet<String> {
    std::fs::read_dir(site.join(".lwkd-cache/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn build(site: &Path) {
    let o = run(site, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_rebuild_reuses_the_cached_index_until_an_edition_changes() {
    let site = scratch_site_with(&["2023-11-05-update.md", "2024-01-21-update.md", "2024-08-18-update.md", "2025-09-21-update.md"]);
    let root = site.path();
    let pagefind = root.join("public/pagefind");
    build(root);
    let first = files_below(&pagefind);
    let entries = cache_entries(root);
    assert_eq!(entries.len(), 1, "one cached index: {entries:?}");
    assert!(first.contains_key("pagefind.js") && first.contains_key("pagefind-entry.json"), "{:?}", first.keys());
    assert_eq!(first.keys().filter(|k| k.starts_with("fragment/")).count(), 4, "one fragment an edition");

    build(root);
    assert_eq!(cache_entries(root), entries, "nothing re-indexed");
    assert!(files_below(&pagefind) == first, "identical /pagefind/ output");

    // The output really comes from the cache: a marker put into the cached index shows up.
    let cached = root.join(".lwkd-cache/search").join(entries.iter().next().unwrap()).join("pagefind-entry.json");
    let original = std::fs::read(&cached).unwrap();
    std::fs::write(&cached, b"{\"marker\":true}").unwrap();
    build(root);
    assert_eq!(std::fs::read(pagefind.join("pagefind-entry.json")).unwrap(), b"{\"marker\":true}", "copied from the cache");
    std::fs::write(&cached, &original).unwrap();

    // One edited edition: a new index, which knows the new word.
    let edition = root.join("content/2024-01-21-update.md");
    let text = read(&edition);
    std::fs::write(&edition, format!("{text}\n\nA zyzzyvaquux appeared in SIG Network.\n")).unwrap();
    build(root);
    let after = cache_entries(root);
    assert_eq!(after.difference(&entries).count(), 1, "re-indexed once: {after:?}");
    let now = files_below(&pagefind);
    assert_ne!(now.get("pagefind-entry.json"), first.get("pagefind-entry.json"), "the index changed");
    let fragments = |s: &BTreeMap<String, Vec<u8>>| -> BTreeSet<String> { s.keys().filter(|k| k.starts_with("fragment/")).cloned().collect() };
    assert_eq!(fragments(&now).difference(&fragments(&first)).count(), 1, "only the edited edition's fragment is new");
}
