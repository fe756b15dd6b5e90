//! Issue 8 (search) and issue 5 (its speed): the index of the real archive, queried by typing
//! into the search page in headless Chromium over `lwkd serve`, under a base path; the index
//! against the editions' text; and what an edit changes in the index. (Issue 18: the browser
//! reads terms as the index does in `search_terms.rs`; how well it finds in `search_quality.rs`.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use crate::common::*;

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
    text.lines()
        .find_map(|l| l.strip_prefix("title:"))
        .expect("every archive edition has a title")
        .to_string()
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
    section: String,
    excerpt: String,
    marked: Vec<String>,
}

#[test]
fn typing_nftables_finds_the_editions_that_mention_it() {
    let site = scratch_site();
    let archive = archive();
    let served = serve::Served::start(
        site.path(),
        &[
            "--content",
            archive.to_str().unwrap(),
            "--base-url",
            "https://example.github.io/lwkd/",
        ],
    );
    assert!(served.url.ends_with("/lwkd/"), "{}", served.url);
    let tab = browser::new_tab();
    // The reader types before the index has loaded, as on a slow line: its script is held
    // until the query is typed, and what was typed must still be searched.
    let release = hold_requests_ending(&tab, "/search/search.js");
    // No wait_until_navigated: the tab's event thread is the one holding the request.
    tab.navigate_to(&format!("{}search/index.html", served.url))
        .unwrap();
    tab.wait_for_element("#search-input")
        .unwrap()
        .click()
        .unwrap();
    tab.type_str("nftables").unwrap();
    // The page's typing pause has passed when its search puts the query in the address.
    let asked = browser::wait_until(Duration::from_secs(10), || {
        browser::evaluate_json(&tab, "new URLSearchParams(location.search).get('q')") == "nftables"
    });
    assert!(
        asked,
        "the page searched what was typed before its index loaded"
    );
    release.send(()).unwrap();

    let (anywhere, as_word) = editions_mentioning("nftables");
    assert!(
        as_word.len() >= 10,
        "the archive mentions nftables in many editions: {as_word:?}"
    );
    let read_results = || -> Vec<Shown> {
        let js = r#"JSON.stringify([...document.querySelectorAll('#search-results li:not(.answer)')].map(li => ({
            title: li.querySelector('h2 a').textContent,
            href: li.querySelector('h2 a').getAttribute('href'),
            datetime: li.querySelector('time').getAttribute('datetime'),
            date: li.querySelector('time').textContent,
            section: li.querySelector('.section').textContent,
            excerpt: li.querySelector('.excerpt').textContent,
            marked: [...li.querySelectorAll('.excerpt mark')].map(m => m.textContent),
        })))"#;
        let value = tab.evaluate(js, false).unwrap().value.unwrap();
        let items: Vec<serde_json::Value> = serde_json::from_str(value.as_str().unwrap()).unwrap();
        let text =
            |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
        items
            .iter()
            .map(|v| Shown {
                title: text(v, "title"),
                href: text(v, "href"),
                datetime: text(v, "datetime"),
                date: text(v, "date"),
                section: text(v, "section"),
                excerpt: text(v, "excerpt"),
                marked: v["marked"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap().to_string())
                    .collect(),
            })
            .collect()
    };
    let mut results = Vec::new();
    let settled = browser::wait_until(Duration::from_secs(30), || {
        results = read_results();
        results.len() >= as_word.len()
    });
    let status = tab
        .find_element("#search-status")
        .and_then(|e| e.get_inner_text())
        .unwrap_or_default();
    assert!(
        settled,
        "search showed {} results, expected at least {} ({status:?}): {results:#?}",
        results.len(),
        as_word.len()
    );

    let found: BTreeSet<String> = results.iter().map(|r| text_title(&r.title)).collect();
    assert_eq!(
        found.len(),
        results.len(),
        "each edition once: {results:#?}"
    );
    let missing: Vec<_> = as_word.difference(&found).collect();
    assert!(
        missing.is_empty(),
        "editions mentioning nftables not found: {missing:?}"
    );
    let unrelated: Vec<_> = found.difference(&anywhere).collect();
    assert!(
        unrelated.is_empty(),
        "found editions that never mention nftables: {unrelated:?} in {results:#?}"
    );

    for r in &results {
        let page = r.href.split('#').next().unwrap();
        assert!(
            page.starts_with("/lwkd/20") && !page.ends_with(".html"),
            "canonical link under the base path: {r:?}"
        );
        assert!(chrono_like(&r.datetime), "machine-readable date: {r:?}");
        assert!(
            r.date.len() > 8 && r.date.contains(&r.datetime[..4]),
            "readable date with the year: {r:?}"
        );
    }
    // Excerpts and sections come as results near the screen: the first few are there.
    let settled = browser::wait_until(Duration::from_secs(10), || {
        results = read_results();
        results.iter().take(3).all(|r| !r.excerpt.is_empty())
    });
    assert!(settled, "excerpts of the first results: {results:#?}");
    for r in results.iter().take(3) {
        // A short passage is its own excerpt: "NFTablesProxyMode to GA".
        assert!(
            r.excerpt.split_whitespace().count() >= 3,
            "an excerpt, not a stub: {r:?}"
        );
        assert!(
            r.marked
                .iter()
                .any(|m| m.to_lowercase().contains("nftables")),
            "the match is marked: {r:?}"
        );
        // Linked to the heading the match is under, which is named.
        let anchor = r
            .href
            .split_once('#')
            .map(|(_, a)| a)
            .unwrap_or_else(|| panic!("a deep link: {r:?}"));
        assert!(!anchor.is_empty() && r.section.len() > 3, "{r:?}");
    }

    // Following the first result opens its edition, served under the base path.
    let first = &results[0];
    tab.find_element("#search-results li h2 a")
        .unwrap()
        .click()
        .unwrap();
    let opened = browser::wait_until(Duration::from_secs(10), || {
        tab.get_url().ends_with(&first.href)
    });
    assert!(opened, "{} opened, not {}", tab.get_url(), first.href);
    browser::wait_for_load(&tab);
    let title = tab.get_title().unwrap();
    assert!(title.contains(&first.title), "{title:?} is not {first:?}");
    let body = tab
        .find_element("main")
        .unwrap()
        .get_inner_text()
        .unwrap()
        .to_lowercase();
    assert!(
        body.contains("nftables"),
        "{} mentions nftables",
        first.href
    );
    let anchor = first.href.split_once('#').unwrap().1;
    let target = tab
        .evaluate(
            // The heading as written: without the KEP page link lwkd adds beside a linked one.
            &format!(
                "(() => {{ const h = document.getElementById({:?})?.cloneNode(true); \
                 h?.querySelectorAll('.heading-kep').forEach((a) => a.remove()); \
                 return h?.textContent ?? ''; }})()",
                anchor
            ),
            false,
        )
        .unwrap()
        .value
        .unwrap();
    let section = first.section.trim_start_matches(" · ").trim();
    assert_eq!(
        target.as_str().unwrap().trim(),
        section,
        "the deep link opens the heading the result names"
    );
}

/// Holds the tab's requests for URLs ending in `suffix` until the returned sender is used (or
/// 60 s pass), then lets them through.
fn hold_requests_ending(
    tab: &headless_chrome::Tab,
    suffix: &'static str,
) -> std::sync::mpsc::Sender<()> {
    use headless_chrome::browser::tab::RequestPausedDecision;
    use headless_chrome::protocol::cdp::Fetch::{RequestPattern, RequestStage};
    let pattern = RequestPattern {
        url_pattern: Some(format!("*{suffix}")),
        resource_Type: None,
        request_stage: Some(RequestStage::Request),
    };
    tab.enable_fetch(Some(&[pattern]), None).unwrap();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let released = std::sync::Mutex::new(released);
    tab.enable_request_interception(std::sync::Arc::new(
        move |_, _, paused: headless_chrome::protocol::cdp::Fetch::events::RequestPausedEvent| {
            if paused.params.request.url.ends_with(suffix) {
                let _ = released
                    .lock()
                    .unwrap()
                    .recv_timeout(Duration::from_secs(60));
            }
            RequestPausedDecision::Continue(None)
        },
    ))
    .unwrap();
    release
}

/// `2024-08-18`
fn chrono_like(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && date.bytes().filter(u8::is_ascii_digit).count() == 8
}

#[test]
fn the_search_page_says_what_to_do_without_javascript() {
    let html = read(built_archive().join("search/index.html"));
    let noscript = &html
        [html.find("<noscript>").expect("a noscript message")..html.find("</noscript>").unwrap()];
    assert!(
        noscript.contains("needs JavaScript") && noscript.contains("href="),
        "{noscript}"
    );
    assert!(html.contains(r#"type="search""#), "a search box");
}

/// The entries of `editions.json` with their URLs and titles, which an entry leaves out when
/// they are the default (`/2024/20240317.html`, `Week Ending March 17, 2024`) and gives as a
/// number of days when the title names another day's week; its date is the number of days
/// after the entry before's, but the first's.
fn urls_and_titles(entries: &[serde_json::Value]) -> Vec<(String, String)> {
    let mut before: Option<chrono::NaiveDate> = None;
    entries
        .iter()
        .map(|entry| {
            let date = match (&entry[0], before) {
                (serde_json::Value::Number(days), Some(before)) => {
                    before + chrono::Duration::days(days.as_i64().unwrap())
                }
                (when, _) => {
                    chrono::NaiveDate::parse_from_str(when.as_str().unwrap(), "%Y-%m-%d").unwrap()
                }
            };
            before = Some(date);
            url_and_title(entry, date)
        })
        .collect()
}

fn url_and_title(entry: &serde_json::Value, date: chrono::NaiveDate) -> (String, String) {
    let datetime = date.format("%Y-%m-%d").to_string();
    let datetime = datetime.as_str();
    let url = entry[2].as_str().map_or_else(
        || format!("/{}/{}.html", &datetime[..4], datetime.replace('-', "")),
        str::to_string,
    );
    // A number of days: the default title of the date so many days off.
    let days = entry[3].as_i64().unwrap_or(0);
    let title = entry[3].as_str().map_or_else(
        || {
            let week = date + chrono::Duration::days(days);
            format!("Week Ending {}", week.format("%B %-d, %Y"))
        },
        str::to_string,
    );
    (url, title)
}

/// The postings in `/search/terms/` of an output: term -> (document, count), each file
/// holding the terms `editions.json` says it does.
fn postings(out: &Path) -> BTreeMap<String, Vec<(u64, u64)>> {
    let editions: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/editions.json")).unwrap()).unwrap();
    let firsts: Vec<String> = serde_json::from_value(editions["terms"].clone()).unwrap();
    let mut all = BTreeMap::new();
    let files = files_below(&out.join("search/terms"));
    assert_eq!(files.len(), firsts.len(), "a file for each first term");
    for (name, bytes) in files {
        let shard: BTreeMap<String, Vec<u64>> =
            serde_json::from_slice(&lwkd_search::gunzip(&bytes).unwrap()).unwrap();
        for (term, flat) in shard {
            let first = lwkd_search::shard_of(&firsts, &term).unwrap();
            assert_eq!(
                name,
                format!("{}.json.gz", lwkd_search::shard_name(first)),
                "{term} is in the file editions.json names"
            );
            // Each document number but the first is its distance from the one before.
            let mut document = 0;
            let list = flat
                .chunks(2)
                .map(|p| {
                    document += p[0];
                    (document, p[1])
                })
                .collect();
            all.insert(term, list);
        }
    }
    all
}

/// The index of the real archive holds each edition's terms, counted, those of its title and
/// headings weighed more: checked against each edition's text file, edition by edition, in
/// the order `editions.json` numbers them. The names of SIGs and KEPs (`sig-node`,
/// `kep-3136`) count once more for each mention the taxonomy found.
#[test]
fn the_index_counts_every_term_of_every_edition() {
    let out = built_archive();
    let editions: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/editions.json")).unwrap()).unwrap();
    let pages = editions["pages"].as_u64().unwrap();
    let editions = editions["editions"].as_array().unwrap();
    assert_eq!(editions.len(), edition_count());
    assert!(pages > 250, "KEP, SIG and release pages: {pages}");
    let mut expected: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    for (n, (edition, (url, title))) in editions.iter().zip(urls_and_titles(editions)).enumerate() {
        assert!(
            out.join(url.trim_start_matches('/')).is_file(),
            "{url} is a page"
        );
        let page = read(out.join(url.trim_start_matches('/')));
        assert!(
            page.contains(&format!("<title>{title}")),
            "{url} is titled {title}"
        );
        let text = out.join("search/text").join(format!(
            "{}.json.gz",
            url.trim_start_matches('/').trim_end_matches(".html")
        ));
        let passages = lwkd_search::read_text(&std::fs::read(text).unwrap()).unwrap();
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        let mut words = 0;
        let fields = std::iter::once((title.as_str(), lwkd_search::TITLE_WEIGHT)).chain(
            passages.iter().flat_map(|(_, heading, text)| {
                [
                    (heading.as_str(), lwkd_search::HEADING_WEIGHT),
                    (text.as_str(), 1),
                ]
            }),
        );
        for (field, weight) in fields {
            for term in lwkd_search::terms(field) {
                *counts.entry(term).or_default() += u64::from(weight);
                words += 1;
            }
        }
        assert_eq!(edition[1].as_u64().unwrap(), words, "{url}");
        for (term, count) in counts {
            expected.entry(term).or_default().push((n as u64, count));
        }
    }
    let mut index = postings(out);
    assert!(
        index.len() > 10_000,
        "the archive has many terms: {}",
        index.len()
    );
    // Pages are numbered after the editions.
    for list in index.values_mut() {
        list.retain(|(doc, _)| *doc < editions.len() as u64);
    }
    index.retain(|_, list| !list.is_empty());
    // As terms: stemmed (`committee-code-of-conduct` is `committe-code-of-conduct`).
    let name = |term: &str| {
        ["sig-", "wg-", "kep-", "committe-", "ug-"]
            .iter()
            .any(|p| term.starts_with(p))
    };
    for (term, list) in &index {
        let text = expected.get(term).cloned().unwrap_or_default();
        if name(term) {
            let more = list.iter().all(|(doc, count)| {
                text.iter()
                    .find(|(d, _)| d == doc)
                    .is_none_or(|(_, c)| count >= c)
            });
            assert!(
                more && list.len() >= text.len(),
                "{term}: the taxonomy's mentions add to the text's: {list:?} {text:?}"
            );
        } else {
            assert!(
                list == &text,
                "{term}: the shards hold {list:?}, the editions' text {text:?}"
            );
        }
    }
    assert!(
        expected.keys().all(|t| index.contains_key(t)),
        "every term of the text is in the index"
    );
    assert!(
        index["sig-node"].len() >= 55,
        "SIG Node, however written (grep finds 60 editions): {}",
        index["sig-node"].len()
    );
    // Search reads what an edition says, not its markup: no tag or URL parts among the terms.
    for absent in ["href", "https", "strong"] {
        assert!(
            !index.contains_key(absent) || index[absent].len() < 20,
            "{absent}: {:?}",
            index[absent].len()
        );
    }
}

/// An edited edition changes its own text file and the postings of its terms; every other
/// edition's share of the index stays as it was, and two builds of one content agree.
#[test]
fn an_edit_changes_the_index_where_the_edition_is() {
    let site = scratch_site_with(&[
        "2023-11-05-update.md",
        "2024-01-21-update.md",
        "2024-08-18-update.md",
        "2025-09-21-update.md",
    ]);
    let root = site.path();
    let out = root.join("public");
    build(root);
    let first = files_below(&out.join("search"));
    assert_eq!(
        first.keys().filter(|k| k.starts_with("text/")).count(),
        4,
        "one text file an edition"
    );
    build(root);
    assert!(
        files_below(&out.join("search")) == first,
        "the same content, the same index"
    );

    let edition = root.join("content/2024-01-21-update.md");
    let text = read(&edition);
    let added = "A zyzzyvaquux appeared in SIG Network.";
    std::fs::write(&edition, format!("{text}\n\n{added}\n")).unwrap();
    build(root);
    let now = files_below(&out.join("search"));
    let changed: Vec<&String> = now
        .keys()
        .filter(|k| now.get(*k) != first.get(*k))
        .collect();
    let texts: Vec<&&String> = changed.iter().filter(|k| k.starts_with("text/")).collect();
    assert_eq!(
        texts.len(),
        1,
        "only the edited edition's text: {changed:?}"
    );
    let editions: serde_json::Value = serde_json::from_slice(&now["editions.json"]).unwrap();
    let edited = urls_and_titles(editions["editions"].as_array().unwrap())
        .iter()
        .position(|(url, _)| texts[0].contains(url.trim_end_matches(".html")))
        .unwrap();
    let passages = lwkd_search::read_text(&now[texts[0].as_str()]).unwrap();
    assert!(
        passages.iter().any(|(_, _, text)| text.contains(added)),
        "{}",
        texts[0]
    );
    assert_eq!(
        postings(&out)["zyzzyvaquux"],
        [(edited as u64, 1)],
        "the new word, in the edited edition"
    );
    // Every other file keeps its bytes: those holding the added words' terms change, and
    // the list of editions (the edited one has more words); of the pairs' files, at most
    // those of the added pairs of words side by side (a pair in one edition is not kept).
    let firsts =
        |folder: &str| -> Vec<String> { serde_json::from_value(editions[folder].clone()).unwrap() };
    let file = |folder: &str, key: &str| {
        let firsts = firsts(folder);
        let first = lwkd_search::shard_of(&firsts, key).unwrap();
        format!("{folder}/{}.json.gz", lwkd_search::shard_name(first))
    };
    let mut must: BTreeSet<String> = lwkd_search::terms(added)
        .map(|t| file("terms", &t))
        .collect();
    must.extend(["editions.json".to_string(), texts[0].to_string()]);
    let wholes: Vec<Option<String>> = added
        .split(' ')
        .map(|w| lwkd_search::terms(w).last())
        .collect();
    let mut may = must.clone();
    for pair in wholes.windows(2) {
        if let [Some(a), Some(b)] = pair {
            may.insert(file("pairs", &format!("{a} {b}")));
        }
    }
    let changed: BTreeSet<String> = changed.into_iter().cloned().collect();
    assert!(
        must.is_subset(&changed) && changed.is_subset(&may),
        "changed {changed:?}, expected {must:?} and at most {may:?}"
    );
    assert_eq!(
        firsts("terms").len(),
        files_below(&out.join("search/terms")).len(),
        "no file of an earlier build left behind"
    );
}

fn build(site: &Path) {
    let o = run(site, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
