//! Issue 6, end to end in headless Chromium: an open page follows edits to its edition
//! without any action, shows an overlay while the front matter is broken, comes back when it
//! is fixed, and swaps its stylesheet without reloading when only CSS changed.

use std::time::Duration;

use crate::common::serve::Served;
use crate::common::*;
use headless_chrome::Tab;

const WAIT: Duration = Duration::from_secs(20);

/// What `js` evaluates to in the page, or `None` while a live reload is replacing the page
/// (Chromium refuses to evaluate in a page being navigated away from).
fn eval(tab: &Tab, js: &str) -> Option<serde_json::Value> {
    match tab.evaluate(js, false) {
        Ok(result) => Some(result.value.unwrap_or_default()),
        Err(e) if e.to_string().contains("navigated or closed") => None,
        Err(e) => panic!("{js}: {e}"),
    }
}

fn page_has(tab: &Tab, text: &str) -> bool {
    eval(tab, &format!("document.body.innerText.includes({text:?})"))
        == Some(serde_json::json!(true))
}

/// The error overlay's text (`Some(None)`: no overlay), or `None` while the page is replaced.
fn overlay(tab: &Tab) -> Option<Option<String>> {
    eval(
        tab,
        "document.getElementById('lwkd-errors')?.innerText ?? null",
    )
    .map(|text| text.as_str().map(str::to_string))
}

#[test]
fn an_open_edition_follows_edits_errors_and_fixes() {
    let site = scratch_site_with_fixture();
    let served = Served::start(site.path(), &[]);
    let edition = site.path().join("content/2025-02-02-update.md");
    let original = read(&edition);
    let tab = browser::new_tab();
    browser::open(&tab, &format!("{}2025/20250204", served.url));
    assert!(tab
        .get_title()
        .unwrap()
        .contains("Week Ending February 2, 2025"));

    let paragraph = "Appended while the page was open: SIG Docs wants reviewers.";
    let edited = format!("{original}\n{paragraph}\n");
    std::fs::write(&edition, &edited).unwrap();
    assert!(
        browser::wait_until(WAIT, || page_has(&tab, paragraph)),
        "the page shows the new paragraph by itself"
    );

    let broken = edited.replacen(
        "title: Week Ending February 2, 2025",
        "title: [Week Ending February 2, 2025",
        1,
    );
    std::fs::write(&edition, &broken).unwrap();
    let shown = browser::wait_until(WAIT, || {
        overlay(&tab)
            .flatten()
            .is_some_and(|text| text.contains("2025-02-02-update.md:"))
    });
    assert!(shown, "overlay with path:line; log:\n{}", served.log());
    assert!(overlay(&tab)
        .flatten()
        .expect("the overlay")
        .contains("error:"));
    assert!(
        page_has(&tab, paragraph),
        "the last good page stays under the overlay"
    );

    // A page opened while the error persists shows it from the start.
    let other = browser::new_tab();
    browser::open(&other, &served.url);
    assert!(
        browser::wait_until(WAIT, || overlay(&other).flatten().is_some()),
        "overlay on a freshly opened page"
    );

    std::fs::write(&edition, &edited).unwrap();
    let back = browser::wait_until(WAIT, || {
        overlay(&tab) == Some(None) && page_has(&tab, paragraph)
    });
    assert!(back, "fixed: the page is back without the overlay");
    assert!(browser::wait_until(WAIT, || overlay(&other) == Some(None)));

    // Only CSS changes: the stylesheet is swapped in place, the page is not reloaded.
    eval(&tab, "window.lwkdSamePage = true").expect("the page answers");
    let css = site.path().join("static/style.css");
    std::fs::write(&css, read(&css) + "\nhtml { --lwkd-test: 42px; }\n").unwrap();
    let styled = browser::wait_until(WAIT, || {
        eval(
            &tab,
            "getComputedStyle(document.documentElement).getPropertyValue('--lwkd-test').trim()",
        ) == Some(serde_json::json!("42px"))
    });
    assert!(styled, "the new stylesheet applies");
    assert_eq!(
        eval(&tab, "window.lwkdSamePage === true"),
        Some(serde_json::json!(true)),
        "no reload for CSS"
    );
}
