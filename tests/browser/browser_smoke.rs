//! Issue 3: the built archive opens cleanly in headless Chromium.

use crate::common::*;

#[test]
fn an_edition_and_the_home_page_open_in_chromium() {
    let out = built_archive();
    let tab = browser::new_tab();
    let url = format!("file://{}", out.join("2022/20220209.html").display());
    browser::open(&tab, &url);
    let title = tab.get_title().unwrap();
    assert!(title.contains("Week Ending February 6, 2022"), "{title}");
    let heading = tab
        .find_element("#enhancements2800-kep-2799-reduction-of-secret-based-service-account-tokens")
        .unwrap();
    assert!(heading.get_inner_text().unwrap().contains("KEP-2799"));
    browser::open(
        &tab,
        &format!("file://{}", out.join("index.html").display()),
    );
    let links = tab
        .evaluate("document.querySelectorAll('.edition-list a').length", false)
        .unwrap();
    assert_eq!(links.value, Some(serde_json::json!(edition_count())));
}
