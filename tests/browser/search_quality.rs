//! Issue 18's measure: lwkd-search against pagefind, side by side, on the real archive.
//!
//! The queries and the editions relevant to each are `tests/search_queries.json`, written
//! by reading the archive before either engine ran. Each query is submitted on the real
//! `/search/` page in headless Chromium (kept open from query to query, as a reader's is;
//! a first query's bytes come from a fresh `/search/?q=`), and goes through pagefind 1.6
//! (the npm package in `tests/pagefind/`, which `.ci/run` installs) run on the same edition
//! pages and queried with its own browser API in the same Chromium. The test prints the
//! table and holds lwkd to: at least as many relevant editions among its first 30 as
//! pagefind's for most queries, precise first three, and fewer bytes for a first query.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::*;

/// Share of queries where lwkd shows at least as many relevant editions in its first 30 as
/// pagefind does: what the issue asks.
const AT_OR_ABOVE: f64 = 0.90;
/// Relevant editions among lwkd's first three, over all queries: what the issue asks.
const TOP3_PRECISION: f64 = 0.95;
/// lwkd's bytes for a first query over pagefind's: what the issue asks (0.46 measured).
const BYTES_RATIO: f64 = 0.5;
const SHOWN: usize = 30;
/// Chromium tabs asking the queries: the first `LWKD_TABS` lwkd's, the others pagefind's.
const TABS: usize = 4;
const LWKD_TABS: usize = 2;

struct Query {
    query: String,
    relevant: BTreeSet<String>,
}

/// The query set, its editions as site paths (`/2024/20240317.html`, from each file's
/// front matter date, as the loader names pages): `pages` has each `_posts` file's.
fn queries(pages: &BTreeMap<String, String>) -> Vec<Query> {
    let set: serde_json::Value =
        serde_json::from_str(&read(project_root().join("tests/search_queries.json"))).unwrap();
    set["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| Query {
            query: q["query"].as_str().unwrap().to_string(),
            relevant: q["relevant"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let file = p.as_str().unwrap();
                    pages
                        .get(file)
                        .unwrap_or_else(|| panic!("{file} is no edition of the archive"))
                        .clone()
                })
                .collect(),
        })
        .collect()
}

/// Every `_posts` file of the archive (by name) with its edition's site path, as the
/// loader names it (site.toml's permalink).
fn edition_pages() -> BTreeMap<String, String> {
    std::fs::read_dir(archive().join("_posts"))
        .unwrap()
        .map(|entry| {
            let post = entry.unwrap().path();
            let parsed =
                lwkd_content::Edition::parse(&post, &read(&post), "/:year/:year:month:day");
            let url = parsed
                .edition
                .unwrap_or_else(|| panic!("{} is an edition", post.display()))
                .url;
            (
                post.file_name().unwrap().to_string_lossy().into_owned(),
                url,
            )
        })
        .collect()
}

/// The real archive's shared build copied into a temp folder and indexed there by
/// pagefind, with a page to run pagefind's API in: pagefind writes its index and that page
/// into the copy, which the other tests, reading the shared build meanwhile, must not see.
fn indexed_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let site = copy.path();
    copy_tree(built_archive(), site);
    index_with_pagefind(site);
    std::fs::write(
        site.join("pagefind-harness.html"),
        "<!doctype html><title>pagefind</title><main id=out></main>",
    )
    .unwrap();
    copy
}

/// Asks each query of `queries` in one of `tabs` (each tab a share of them, in order, all
/// at once) and returns what was shown, in the order of `queries`.
fn ask_in(
    tabs: &[browser::SharedTab],
    queries: &[Query],
    ask: fn(&headless_chrome::Tab, &str) -> Shown,
) -> Vec<Shown> {
    std::thread::scope(|scope| {
        let shares: Vec<_> = queries
            .chunks(queries.len().div_ceil(tabs.len()))
            .zip(tabs)
            .map(|(share, tab)| {
                scope.spawn(move || share.iter().map(|q| ask(tab, &q.query)).collect::<Vec<_>>())
            })
            .collect();
        shares
            .into_iter()
            .flat_map(|share| share.join().unwrap())
            .collect()
    })
}

/// Pagefind's index of the built site's edition pages (their `<main>`), beside them in
/// `pagefind/`.
fn index_with_pagefind(site: &Path) {
    let dir = project_root().join("tests/pagefind");
    let cli = dir.join("node_modules/pagefind/lib/runner/bin.cjs");
    assert!(
        cli.is_file(),
        "pagefind is not installed: run `npm ci --prefix tests/pagefind` (.ci/run does)"
    );
    let out = Command::new("node")
        .arg(&cli)
        .args([
            "--site",
            site.to_str().unwrap(),
            "--glob",
            "[0-9][0-9][0-9][0-9]/[0-9]*.html",
            "--root-selector",
            "main",
        ])
        .output()
        .expect("node runs pagefind");
    assert!(
        out.status.success(),
        "pagefind: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("{} page", edition_count())),
        "pagefind indexed every edition: {said}"
    );
}

/// What one engine showed for a query: the editions (site paths, best first) and, for
/// lwkd, the pages answering it.
#[derive(Default)]
struct Shown {
    editions: Vec<String>,
    answers: Vec<String>,
}

fn page_path(href: &str) -> String {
    let path = href.split('#').next().unwrap();
    let path = path
        .strip_prefix("http://")
        .map_or(path, |p| &p[p.find('/').unwrap()..]);
    // lwkd links an edition by its canonical URL (`/2024/20240317`), pagefind by its file.
    if path.ends_with('/') || path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{path}.html")
    }
}

/// Runs `query` through the search page open in `tab`, as a reader submits it, and reads
/// what it lists. The page stays open from one query to the next, as a reader's does: its
/// index and shards are loaded once. The status line, emptied first, is what the page fills
/// once a query's results are listed.
fn lwkd_search(tab: &headless_chrome::Tab, query: &str) -> Shown {
    let js = format!(
        r#"(async () => {{
            const status = document.getElementById('search-status');
            status.textContent = '';
            document.getElementById('search-input').value = {query};
            await new Promise((done, fail) => {{
                const said = new MutationObserver(() => {{
                    if (status.textContent !== '') {{ said.disconnect(); done(); }}
                }});
                said.observe(status, {{ childList: true, characterData: true, subtree: true }});
                setTimeout(() => fail('the search page never said what it found'), 120000);
                document.querySelector('.search-form').requestSubmit();
            }});
            return JSON.stringify({{
                editions: [...document.querySelectorAll('#search-results li:not(.answer) h2 a')].map(a => a.getAttribute('href')),
                answers: [...document.querySelectorAll('#search-results li.answer h2 a')].map(a => a.getAttribute('href')),
            }});
        }})().catch(error => "error: " + error)"#,
        query = serde_json::to_string(query).unwrap()
    );
    let value: serde_json::Value = serde_json::from_str(&answer(tab, &js, "lwkd", query)).unwrap();
    let list = |key: &str| {
        value[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| page_path(h.as_str().unwrap()))
            .collect()
    };
    Shown {
        editions: list("editions"),
        answers: list("answers"),
    }
}

/// What a search script returned: the JSON text it made, or a failure naming the engine
/// and the query (the scripts catch their own errors as "error: ...").
fn answer(tab: &headless_chrome::Tab, js: &str, engine: &str, query: &str) -> String {
    let text = tab
        .evaluate(js, true)
        .unwrap_or_else(|e| panic!("{engine} on {query:?}: {e}"))
        .value
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    assert!(
        !text.is_empty() && !text.starts_with("error"),
        "{engine} on {query:?}: {text}"
    );
    text
}

fn encode(query: &str) -> String {
    query
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Runs `query` through pagefind's browser API, in a page of the same site: the first 30
/// results' URLs. The evaluation returns when pagefind's promise settles.
fn pagefind_search(tab: &headless_chrome::Tab, query: &str) -> Shown {
    let js = format!(
        r#"(async () => {{
            const pagefind = await import("/pagefind/pagefind.js");
            const search = await pagefind.search({query});
            const data = await Promise.all(search.results.slice(0, {SHOWN}).map(r => r.data()));
            return JSON.stringify(data.map(d => d.url));
        }})().catch(error => "error: " + error)"#,
        query = serde_json::to_string(query).unwrap()
    );
    let urls: Vec<String> = serde_json::from_str(&answer(tab, &js, "pagefind", query)).unwrap();
    Shown {
        editions: urls.iter().map(|u| page_path(u)).collect(),
        answers: Vec::new(),
    }
}

/// Bytes a fresh browser fetches from the engine's folder (`/search/` or `/pagefind/`)
/// between opening `page` and `ready` holding: a first query with what it shows on screen.
fn first_query_bytes(page: &str, folder: &str, ready: &str) -> u64 {
    let tab = browser::new_tab();
    browser::open(&tab, page);
    let done = browser::wait_until(Duration::from_secs(30), || {
        tab.evaluate(ready, true)
            .ok()
            .and_then(|v| v.value)
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    });
    assert!(done, "{page}: never ready ({ready})");
    let js = format!(
        "performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith({folder:?})).reduce((n, e) => n + e.encodedBodySize, 0)"
    );
    tab.evaluate(&js, false)
        .unwrap()
        .value
        .unwrap()
        .as_u64()
        .unwrap()
}

#[test]
fn lwkd_finds_what_pagefind_finds_more_precisely_for_fewer_bytes() {
    // The build, its copy and pagefind's index are made while the editions are read and
    // Chromium opens its tabs.
    let (copy, pages, tabs) = std::thread::scope(|scope| {
        let copy = scope.spawn(indexed_copy);
        let pages = edition_pages();
        // Each tab a browser context of its own: a background tab in a shared one is
        // throttled. Pagefind takes longer a query than lwkd: it gets more of them.
        let tabs: Vec<_> = (0..TABS).map(|_| browser::new_tab()).collect();
        (copy.join().unwrap(), pages, tabs)
    });
    let site = copy.path();
    let queries = queries(&pages);
    assert!(
        queries.len() >= 40,
        "at least 40 queries: {}",
        queries.len()
    );
    let known: BTreeSet<String> = pages.into_values().collect();
    assert!(
        known
            .iter()
            .all(|page| site.join(page.trim_start_matches('/')).is_file()),
        "every edition is a page"
    );
    let (_server, origin) = serve_dir(site);

    // The engines answer the queries side by side: lwkd on its search page, pagefind
    // through its API on a page of the same site.
    let (lwkd_tabs, pagefind_tabs) = tabs.split_at(LWKD_TABS);
    for tab in lwkd_tabs {
        browser::open(tab, &format!("{origin}/search/"));
    }
    for tab in pagefind_tabs {
        browser::open(tab, &format!("{origin}/pagefind-harness.html"));
    }
    // Meanwhile each engine's bytes for a first query, each in a fresh browser context.
    let first = &queries[0].query;
    let (lwkd_shown, pagefind_shown, lwkd_bytes, pagefind_bytes) = std::thread::scope(|scope| {
        let pagefind = scope.spawn(|| ask_in(pagefind_tabs, &queries, pagefind_search));
        let lwkd_bytes = scope.spawn(|| {
            first_query_bytes(
                &format!("{origin}/search/?q={}", encode(first)),
                "/search/",
                // As the search page shows a first query: every result within 100 px of the
                // screen (what its IntersectionObserver loads) with its excerpt.
                "document.getElementById('search-status').textContent !== '' && document.querySelector('#search-results li') !== null && ![...document.querySelectorAll('#search-results li[data-pending]')].some(li => li.getBoundingClientRect().top < innerHeight + 100)",
            )
        });
        let pagefind_bytes = scope.spawn(|| {
            first_query_bytes(
                &format!("{origin}/pagefind-harness.html"),
                "/pagefind/",
                // As pagefind's own UI shows a first query: its first five results with excerpts.
                &format!(
                    r#"(async () => {{ const p = await import("/pagefind/pagefind.js"); const s = await p.search({q}); await Promise.all(s.results.slice(0, 5).map(r => r.data())); return true; }})()"#,
                    q = serde_json::to_string(first).unwrap()
                ),
            )
        });
        let lwkd = ask_in(lwkd_tabs, &queries, lwkd_search);
        (
            lwkd,
            pagefind.join().unwrap(),
            lwkd_bytes.join().unwrap(),
            pagefind_bytes.join().unwrap(),
        )
    });

    let mut rows = Vec::new();
    let (
        mut at_or_above,
        mut top3_relevant,
        mut top3_shown,
        mut pf_top3_relevant,
        mut pf_top3_shown,
    ) = (0, 0, 0, 0, 0);
    println!(
        "{:<30} {:>5} {:>9} {:>9} {:>7} {:>7}  answers",
        "query", "relev", "lwkd@30", "pf@30", "lwkd@3", "pf@3"
    );
    for (q, (lwkd, pagefind)) in queries.iter().zip(lwkd_shown.iter().zip(&pagefind_shown)) {
        let unknown: Vec<_> = q.relevant.difference(&known).collect();
        assert!(
            unknown.is_empty(),
            "{}: relevant editions that are no page: {unknown:?}",
            q.query
        );
        let relevant_in = |list: &[String], n: usize| {
            list.iter()
                .take(n)
                .filter(|e| q.relevant.contains(*e))
                .count()
        };
        let (l30, p30) = (
            relevant_in(&lwkd.editions, SHOWN),
            relevant_in(&pagefind.editions, SHOWN),
        );
        let (l3, p3) = (
            relevant_in(&lwkd.editions, 3),
            relevant_in(&pagefind.editions, 3),
        );
        let (l3n, p3n) = (lwkd.editions.len().min(3), pagefind.editions.len().min(3));
        at_or_above += usize::from(l30 >= p30);
        (top3_relevant, top3_shown, pf_top3_relevant, pf_top3_shown) = (
            top3_relevant + l3,
            top3_shown + l3n,
            pf_top3_relevant + p3,
            pf_top3_shown + p3n,
        );
        println!(
            "{:<30} {:>5} {:>9} {:>9} {:>7} {:>7}  {}{}",
            q.query,
            q.relevant.len(),
            l30,
            p30,
            format!("{l3}/{l3n}"),
            format!("{p3}/{p3n}"),
            lwkd.answers.join(" "),
            if l30 < p30 { "  <- below" } else { "" }
        );
        rows.push((q.query.clone(), l30, p30));
    }
    let share = at_or_above as f64 / queries.len() as f64;
    let precision = top3_relevant as f64 / top3_shown.max(1) as f64;
    let pf_precision = pf_top3_relevant as f64 / pf_top3_shown.max(1) as f64;

    let ratio = lwkd_bytes as f64 / pagefind_bytes as f64;
    println!(
        "\nlwkd at or above pagefind on {at_or_above} of {} queries ({share:.2}); top-3 precision lwkd {precision:.3}, pagefind {pf_precision:.3}; \
         first query ({:?}) bytes lwkd {lwkd_bytes}, pagefind {pagefind_bytes} ({ratio:.2}x)",
        queries.len(),
        queries[0].query
    );
    let below: Vec<_> = rows.iter().filter(|(_, l, p)| l < p).collect();
    assert!(share >= AT_OR_ABOVE, "lwkd below pagefind on {below:?}");
    assert!(
        precision >= TOP3_PRECISION,
        "top-3 precision {precision:.3}"
    );
    assert!(
        ratio <= BYTES_RATIO,
        "bytes for a first query: lwkd {lwkd_bytes}, pagefind {pagefind_bytes}"
    );
}
