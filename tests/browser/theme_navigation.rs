//! Issue 8: a reader follows a KEP chip from an edition to the KEP's page and comes back, in
//! headless Chromium over HTTP, on the built real archive.

use std::time::Duration;

use crate::common::*;

#[test]
fn a_kep_chip_leads_to_the_kep_page_and_back() {
    let (_server, base) = serve_dir(built_archive());
    let tab = browser::new_tab();
    let edition = format!("{base}/2022/20220209.html");
    browser::open(&tab, &edition);

    let chip = tab
        .find_element(".chip-kep[href*='/keps/3136/']")
        .expect("the edition has a chip for KEP-3136");
    assert!(
        chip.get_inner_text().unwrap().contains("3136"),
        "the chip names its KEP"
    );
    chip.click().unwrap();
    let on_kep_page = browser::wait_until(Duration::from_secs(10), || {
        tab.get_url().contains("/keps/3136/")
    });
    assert!(
        on_kep_page,
        "clicking the chip opens the KEP page, not {}",
        tab.get_url()
    );
    browser::wait_for_load(&tab);
    let h1 = tab.find_element("h1").unwrap().get_inner_text().unwrap();
    assert!(h1.contains("3136"), "the KEP page's title names it: {h1}");
    // The KEP's page lists the edition we came from, and breadcrumbs lead back to all KEPs.
    tab.find_element("main a[href*='/2022/20220209#']")
        .expect("the KEP page links back to the edition");
    tab.find_element(".breadcrumbs a[href$='/keps/']")
        .expect("breadcrumbs lead to every KEP");

    // Going back once the evaluation has answered: a navigation during it can close the
    // context the answer comes from ("Inspected target navigated or closed").
    tab.evaluate("setTimeout(() => history.back(), 0)", false)
        .unwrap();
    let back = browser::wait_until(Duration::from_secs(10), || tab.get_url() == edition);
    assert!(back, "Back returns to the edition, not {}", tab.get_url());
}

/// One page of each kind, and the header link that marks where the reader is: the section's
/// own index is the current page (`aria-current="page"`), a page inside the section is part
/// of it (`"true"`; editions and years belong to Home, which lists them all), and a missing
/// page belongs to no section.
const SECTIONS: &[(&str, Option<(&str, &str)>)] = &[
    // At their canonical URLs, as the site links them (issue 20).
    ("/", Some(("Home", "page"))),
    ("/2022/", Some(("Home", "true"))),
    ("/2022/20220209", Some(("Home", "true"))),
    ("/keps/", Some(("KEPs", "page"))),
    ("/keps/3136/", Some(("KEPs", "true"))),
    ("/sigs/", Some(("SIGs", "page"))),
    ("/sigs/sig-node/", Some(("SIGs", "true"))),
    ("/releases/", Some(("Releases", "page"))),
    ("/releases/1.24/", Some(("Releases", "true"))),
    ("/deadlines/", Some(("Deadlines", "page"))),
    ("/search/", Some(("Search", "page"))),
    ("/404.html", None),
];

#[test]
fn every_page_has_the_same_header_and_marks_its_section() {
    let (_server, base) = serve_dir(built_archive());
    let tab = browser::new_tab();
    let header = r#"JSON.stringify([...document.querySelectorAll('header .site-nav a')].map(a => ({
        text: a.textContent.trim(),
        current: a.getAttribute('aria-current'),
        here: a.href === location.href,
        inside: location.pathname.startsWith(a.pathname.replace(/index\.html$/, '')),
    })))"#;
    let mut problems = Vec::new();
    for (page, expected) in SECTIONS {
        browser::open(&tab, &format!("{base}{page}"));
        let json = tab.evaluate(header, false).unwrap().value.unwrap();
        let links: Vec<serde_json::Value> = serde_json::from_str(json.as_str().unwrap()).unwrap();
        let texts: Vec<&str> = links.iter().map(|l| l["text"].as_str().unwrap()).collect();
        if texts != ["Home", "KEPs", "SIGs", "Releases", "Deadlines", "Search"] {
            problems.push(format!("{page}: header links {texts:?}"));
        }
        let marked: Vec<(&str, &str)> = links
            .iter()
            .filter_map(|l| Some((l["text"].as_str().unwrap(), l["current"].as_str()?)))
            .collect();
        if marked != expected.iter().copied().collect::<Vec<_>>() {
            problems.push(format!(
                "{page}: aria-current on {marked:?}, expected {expected:?}"
            ));
        }
        // "page" only where the link leads to this very page, "true" only inside its section.
        for link in links.iter().filter(|l| l["current"].is_string()) {
            let fits = match link["current"].as_str().unwrap() {
                "page" => link["here"] == true,
                _ => link["here"] == false && link["inside"] == true,
            };
            if !fits {
                problems.push(format!("{page}: {link} does not fit where the page is"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "header navigation:\n{}",
        problems.join("\n")
    );
}

/// Issue 22: the KEP index narrows to one SIG in the browser, and says how many it shows.
#[test]
fn the_kep_index_filters_by_sig() {
    let (_server, base) = serve_dir(built_archive());
    let tab = browser::new_tab();
    browser::open(&tab, &format!("{base}/keps/index.html"));
    let ready = browser::wait_until(Duration::from_secs(10), || {
        tab.find_element("form.table-filters select[name=sig]")
            .is_ok()
    });
    assert!(ready, "the script adds the filters");
    let count = |js: &str| {
        tab.evaluate(js, false)
            .unwrap()
            .value
            .and_then(|v| v.as_u64())
            .unwrap()
    };
    let all = count("document.querySelectorAll('table.kep-table tbody tr').length");
    let node = count(
        "document.querySelectorAll('table.kep-table tbody tr[data-sig=\"sig-node\"]').length",
    );
    assert!(
        node > 5 && node < all,
        "SIG Node owns some of the {all} KEPs: {node}"
    );
    tab.evaluate("const s = document.querySelector('select[name=sig]'); s.value = 'sig-node'; s.dispatchEvent(new Event('input', { bubbles: true }))", false).unwrap();
    let shown = count(
        "[...document.querySelectorAll('table.kep-table tbody tr')].filter(r => !r.hidden).length",
    );
    let others = count("[...document.querySelectorAll('table.kep-table tbody tr')].filter(r => !r.hidden && r.dataset.sig !== 'sig-node').length");
    assert_eq!((shown, others), (node, 0), "only SIG Node's KEPs are shown");
    let status = tab
        .find_element(".table-count")
        .unwrap()
        .get_inner_text()
        .unwrap();
    assert_eq!(status, format!("{node} of {all} KEPs"));
    assert!(
        tab.get_url().ends_with("?sig=sig-node"),
        "the filter is in the address: {}",
        tab.get_url()
    );
}
