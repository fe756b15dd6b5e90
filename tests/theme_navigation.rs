//! Issue 8: a reader follows a KEP chip from an edition to the KEP's page and comes back, in
//! headless Chromium over HTTP, on the built real archive.

mod common;
#[path = "common/browser.rs"]
mod browser;
#[path = "common/http.rs"]
mod http;

use std::time::Duration;

use common::*;

#[test]
fn a_kep_chip_leads_to_the_kep_page_and_back() {
    let base = http::serve_dir(built_archive());
    let browser = browser::launch();
    let tab = browser.new_tab().unwrap();
    let edition = format!("{base}/2022/20220209.html");
    tab.navigate_to(&edition).unwrap().wait_until_navigated().unwrap();

    let chip = tab.find_element(".chip-kep[href*='/keps/3136/']").expect("the edition has a chip for KEP-3136");
    assert!(chip.get_inner_text().unwrap().contains("3136"), "the chip names its KEP");
    chip.click().unwrap();
    let on_kep_page = browser::wait_until(Duration::from_secs(10), || tab.get_url().contains("/keps/3136/"));
    assert!(on_kep_page, "clicking the chip opens the KEP page, not {}", tab.get_url());
    tab.wait_until_navigated().unwrap();
    let h1 = tab.find_element("h1").unwrap().get_inner_text().unwrap();
    assert!(h1.contains("3136"), "the KEP page's title names it: {h1}");
    // The KEP's page lists the edition we came from, and breadcrumbs lead back to all KEPs.
    tab.find_element("main a[href*='/2022/20220209.html']").expect("the KEP page links back to the edition");
    tab.find_element(".breadcrumbs a[href$='/keps/index.html']").expect("breadcrumbs lead to every KEP");

    tab.evaluate("history.back()", false).unwrap();
    let back = browser::wait_until(Duration::from_secs(10), || tab.get_url() == edition);
    assert!(back, "Back returns to the edition, not {}", tab.get_url());
}
