//! Issue 6, end to end in headless Chromium: an open page follows edits to its edition
//! without any action, shows an overlay while the front matter is broken, comes back when it
//! is fixed, and swaps its stylesheet without reloading when only CSS changed.

#[path = "common/browser.rs"]
mod browser;
mod common;
#[path = "common/serve.rs"]
mod serve;

use std::time::Duration;

use common::*;
use headless_chrome::Tab;
use serve::Served;

const WAIT: Duration = Duration::from_secs(20);

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .unwrap_or_else(|e| panic!("{js}: {e}"))
        .value
        .unwrap_or_default()
}

fn page_has(tab: &Tab, text: &str) -> bool {
    eval(tab, &format!("document.body.innerText.includes({text:?})")) == serde_json::json!(true)
}

fn overlay(tab: &Tab) -> Option<String> {
    eval(
        tab,
        "document.getElementById('lwkd-errors')?.innerText ?? null",
    )
    .as_str()
    .map(str::to_string)
}

#[test]
fn an_open_edition_follows_edits_errors_and_fixes() {
    let site = scratch_site_with(&[
        "2022-02-06-update.md",
        "2018-01-14-update.md",
        "2024-04-14-update.md",
    ]);
    let served = Served::start(site.path(), &[]);
    let edition = site.path().join("content/2024-04-14-update.md");
    let original = read(&edition);
    let browser = browser::launch();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{}2024/20240417", served.url))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    assert!(tab
        .get_title()
        .unwrap()
        .contains("Week Ending April 14, 2024"));

    let paragraph = "Appended while the page was open: SIG Docs wants reviewers.";
    let edited = format!("{original}\n{paragraph}\n");
    std::fs::write(&edition, &edited).unwrap();
    assert!(
        browser::wait_until(WAIT, || page_has(&tab, paragraph)),
        "the page shows the new paragraph by itself"
    );

    let broken = edited.replacen(
        "title: Week Ending April 14, 2024",
        "title: [Week Ending April 14, 2024",
        1,
    );
    std::fs::write(&edition, &broken).unwrap();
    let shown = browser::wait_until(WAIT, || {
        overlay(&tab).is_some_and(|text| text.contains("2024-04-14-update.md:"))
    });
    assert!(shown, "overlay with path:line; log:\n{}", served.log());
    assert!(overlay(&tab).unwrap().contains("error:"));
    assert!(
        page_has(&tab, paragraph),
        "the last good page stays under the overlay"
    );

    // A page opened while the error persists shows it from the start.
    let other = browser.new_tab().unwrap();
    other
        .navigate_to(&served.url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    assert!(
        browser::wait_until(WAIT, || overlay(&other).is_some()),
        "overlay on a freshly opened page"
    );

    std::fs::write(&edition, &edited).unwrap();
    let back = browser::wait_until(WAIT, || {
        overlay(&tab).is_none() && page_has(&tab, paragraph)
    });
    assert!(back, "fixed: the page is back without the overlay");
    assert!(browser::wait_until(WAIT, || overlay(&other).is_none()));

    // Only CSS changes: the stylesheet is swapped in place, the page is not reloaded.
    eval(&tab, "window.lwkdSamePage = true");
    let css = site.path().join("static/style.css");
    std::fs::write(&css, read(&css) + "\nhtml { --lwkd-test: 42px; }\n").unwrap();
    let styled = browser::wait_until(WAIT, || {
        eval(
            &tab,
            "getComputedStyle(document.documentElement).getPropertyValue('--lwkd-test').trim()",
        ) == serde_json::json!("42px")
    });
    assert!(styled, "the new stylesheet applies");
    assert_eq!(
        eval(&tab, "window.lwkdSamePage === true"),
        serde_json::json!(true),
        "no reload for CSS"
    );
}
