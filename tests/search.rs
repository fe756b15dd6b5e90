//! Issue 8 (search) and issue 5 (its speed): the index of the real archive, queried by typing
//! into the search page in headless Chromium over `lwkd serve`, under a base path; the terms
//! the browser reads against those the index holds; and what an edit changes in the index.

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
    // The reader types before the index has loaded, as on a slow line: its script is held
    // until the query is typed, and what was typed must still be searched.
    let release = hold_requests_ending(&tab, "/search/search.js");
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

/// The terms of a text, as the index holds them, for each of the archive's editions: from
/// Rust (`lwkd_search::terms`, which built the index) and from the browser (`search.js`, which
/// splits queries and marks matches). If the two disagreed, a query would miss what the index
/// holds. The texts are the files the build wrote for excerpts.
#[test]
fn the_browser_reads_words_as_the_index_does() {
    let out = built_archive();
    let texts = files_below(&out.join("search/text"));
    assert_eq!(texts.len(), 355, "one text file an edition");
    let (_server, origin) = serve_dir(out);
    let browser = browser::launch();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{origin}/search/index.html")).unwrap().wait_until_navigated().unwrap();
    // Awkward cases beside the archive's own text: versions, hyphens, plurals that are not,
    // apostrophes, letters outside ASCII (some lowercase to two characters).
    let tricky = "KEP-3136's gates, 1.30.0. v1.x status this class İstanbul ǅemal naïve ÀB ﬁle 5.a.6 ..7";
    let names: Vec<&String> = texts.keys().collect();
    let text = |name: &String| String::from_utf8(texts[name].clone()).unwrap();
    // The terms of `tricky` and of the given texts, split by search.js in the page.
    let split_in_browser = |texts: &[String]| -> Vec<Vec<String>> {
        let js = format!(
            r#"import("/search/search.js").then(({{ terms }}) => JSON.stringify([{tricky}, ...{texts}].map(terms)))"#,
            texts = serde_json::to_string(texts).unwrap(),
            tricky = serde_json::to_string(tricky).unwrap(),
        );
        let value = tab.evaluate(&js, true).unwrap().value.expect("a value");
        serde_json::from_str(value.as_str().unwrap()).unwrap()
    };
    // A few editions a call: one call for all of them can outlast CDP's timeout on a busy machine.
    tab.set_default_timeout(Duration::from_secs(60));
    let mut in_browser = split_in_browser(&[]);
    for chunk in names.chunks(40) {
        let chunk: Vec<String> = chunk.iter().map(|name| text(name)).collect();
        in_browser.extend(split_in_browser(&chunk).into_iter().skip(1));
    }
    let in_rust: Vec<Vec<String>> = std::iter::once(tricky.to_string())
        .chain(names.iter().map(|name| text(name)))
        .map(|text| lwkd_search::terms(&text).collect())
        .collect();
    assert_eq!(in_browser[0], in_rust[0], "the awkward cases");
    assert!(in_rust[0].contains(&"1.30.0".to_string()) && in_rust[0].contains(&"gate".to_string()), "{:?}", in_rust[0]);
    for (n, name) in names.iter().enumerate() {
        assert!(in_rust[n + 1].len() > 50, "{name}: an edition's worth of words");
        assert!(in_browser[n + 1] == in_rust[n + 1], "{name}: the browser reads other terms than the index holds");
    }
}

/// The postings in `/search/terms/` of an output: term -> (document, count).
fn postings(out: &Path) -> BTreeMap<String, Vec<(u64, u64)>> {
    let mut all = BTreeMap::new();
    for (name, bytes) in files_below(&out.join("search/terms")) {
        let shard: BTreeMap<String, Vec<u64>> = serde_json::from_slice(&bytes).unwrap();
        for (term, flat) in shard {
            assert_eq!(name, format!("{}.json", lwkd_search::shard_key(&term)), "{term} is in its own shard");
            all.insert(term, flat.chunks(2).map(|p| (p[0], p[1])).collect());
        }
    }
    all
}

/// The index of the real archive holds each edition's terms, counted: checked against each
/// edition's text file, edition by edition, in the order `editions.json` numbers them.
#[test]
fn the_index_counts_every_term_of_every_edition() {
    let out = built_archive();
    let editions: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("search/editions.json")).unwrap()).unwrap();
    let editions = editions["editions"].as_array().unwrap();
    assert_eq!(editions.len(), 355);
    let mut expected: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    for (n, edition) in editions.iter().enumerate() {
        let url = edition["url"].as_str().unwrap();
        assert!(out.join(url.trim_start_matches('/')).is_file(), "{url} is a page");
        let text = read(out.join("search").join(edition["text"].as_str().unwrap()));
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for term in lwkd_search::terms(&text) {
            *counts.entry(term).or_default() += 1;
        }
        assert_eq!(edition["words"].as_u64().unwrap(), counts.values().sum::<u64>(), "{url}");
        for (term, count) in counts {
            expected.entry(term).or_default().push((n as u64, count));
        }
    }
    let index = postings(out);
    assert!(index.len() > 10_000, "the archive has many terms: {}", index.len());
    assert!(index == expected, "the shards hold other postings than the editions' text");
    // Search reads what an edition says, not its markup: no tag or URL parts among the terms.
    for absent in ["href", "https", "strong"] {
        assert!(!index.contains_key(absent) || index[absent].len() < 20, "{absent}: {:?}", index[absent].len());
    }
}

/// An edited edition changes its own text file and the postings of its terms; every other
/// edition's share of the index stays as it was, and two builds of one content agree.
#[test]
fn an_edit_changes_the_index_where_the_edition_is() {
    let site = scratch_site_with(&["2023-11-05-update.md", "2024-01-21-update.md", "2024-08-18-update.md", "2025-09-21-update.md"]);
    let root = site.path();
    let out = root.join("public");
    build(root);
    let first = files_below(&out.join("search"));
    assert_eq!(first.keys().filter(|k| k.starts_with("text/")).count(), 4, "one text file an edition");
    build(root);
    assert!(files_below(&out.join("search")) == first, "the same content, the same index");

    let edition = root.join("content/2024-01-21-update.md");
    let text = read(&edition);
    let added = "A zyzzyvaquux appeared in SIG Network.";
    std::fs::write(&edition, format!("{text}\n\n{added}\n")).unwrap();
    build(root);
    let now = files_below(&out.join("search"));
    let changed: Vec<&String> = now.keys().filter(|k| now.get(*k) != first.get(*k)).collect();
    let texts: Vec<&&String> = changed.iter().filter(|k| k.starts_with("text/")).collect();
    assert_eq!(texts.len(), 1, "only the edited edition's text: {changed:?}");
    let editions: serde_json::Value = serde_json::from_slice(&now["editions.json"]).unwrap();
    let edited = editions["editions"].as_array().unwrap().iter().position(|e| e["text"] == texts[0].as_str()).unwrap();
    assert!(String::from_utf8_lossy(&now[texts[0].as_str()]).contains(added), "{}", texts[0]);
    assert_eq!(postings(&out)["zyzzyvaquux"], [(edited as u64, 1)], "the new word, in the edited edition");
    // Every other shard keeps its bytes: those of the added words' terms change, and the
    // list of editions (the edited one has more words).
    let mut expected: BTreeSet<String> = lwkd_search::terms(added).map(|t| format!("terms/{}.json", lwkd_search::shard_key(&t))).collect();
    expected.extend(["editions.json".to_string(), texts[0].to_string()]);
    assert_eq!(changed.into_iter().cloned().collect::<BTreeSet<_>>(), expected);
}

fn build(site: &Path) {
    let o = run(site, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
