//! Takes the README's screenshots: each page below of a served site, 1280 and 390 px wide, in
//! light and dark mode. Chromium is driven over the DevTools protocol rather than with its
//! `--screenshot` flag because the search page renders its results with JavaScript after
//! the search index has loaded: each capture waits until the page shows what it is meant to.
//!
//! `cargo run -p lwkd-cli --example screenshots -- BASE_URL OUT_DIR [PAGE...]` (take.sh runs it).

#[path = "../../tests/common/browser.rs"]
mod browser;

use std::time::Duration;

use headless_chrome::protocol::cdp::{Emulation, Page as Cdp};

/// A page to capture, and a CSS selector that matches once it shows its content.
struct Shot {
    name: &'static str,
    path: &'static str,
    ready: &'static str,
}

const SHOTS: &[Shot] = &[
    Shot {
        name: "home",
        path: "/index.html",
        ready: "main h1",
    },
    Shot {
        name: "edition",
        path: "/2022/20220209.html",
        ready: ".chip-kep",
    },
    Shot {
        name: "kep",
        path: "/keps/3136/index.html",
        ready: "main h1",
    },
    Shot {
        name: "cycle",
        path: "/releases/1.24/index.html",
        ready: "main h1",
    },
    // A result counts once its excerpt marks the word searched for.
    Shot {
        name: "search",
        path: "/search/index.html?q=nftables",
        ready: "#search-results li .excerpt mark",
    },
];

/// Width in CSS pixels; every capture is the top 1500 px of the page.
const WIDTHS: [u32; 2] = [1280, 390];
const HEIGHT: u32 = 1500;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, out, only @ ..] = args.as_slice() else {
        eprintln!("usage: screenshots BASE_URL OUT_DIR [PAGE...]   (pages: home edition kep cycle search)");
        std::process::exit(2);
    };
    let base = base.trim_end_matches('/');
    if let Some(unknown) = only
        .iter()
        .find(|name| !SHOTS.iter().any(|s| &s.name == name))
    {
        eprintln!("no page called {unknown:?}; pages: home edition kep cycle search");
        std::process::exit(2);
    }
    let browser = browser::launch();
    let tab = browser.new_tab().expect("a tab");
    let mut failed = false;
    for shot in SHOTS
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o == s.name))
    {
        for width in WIDTHS {
            for scheme in ["light", "dark"] {
                let file = format!("{out}/{}-{width}-{scheme}.png", shot.name);
                match capture(
                    &tab,
                    &format!("{base}{}", shot.path),
                    shot.ready,
                    width,
                    scheme,
                ) {
                    Ok((png, overflow)) => {
                        std::fs::write(&file, png).unwrap_or_else(|e| panic!("{file}: {e}"));
                        println!("{file}");
                        // A page wider than the screen scrolls sideways on a phone.
                        if overflow > 0 {
                            eprintln!("{file}: the page is {overflow} px wider than the {width} px screen");
                            failed = true;
                        }
                    }
                    Err(e) => {
                        eprintln!("{file}: {e}");
                        failed = true;
                    }
                }
            }
        }
    }
    std::process::exit(i32::from(failed));
}

/// The PNG of `url` at `width` in `scheme`, and by how many pixels the page overflows it.
fn capture(
    tab: &headless_chrome::Tab,
    url: &str,
    ready: &str,
    width: u32,
    scheme: &str,
) -> anyhow::Result<(Vec<u8>, i64)> {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height: HEIGHT,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })?;
    // As on a phone, and as the README shows them: no scrollbar taking width from the page.
    tab.call_method(Emulation::SetScrollbarsHidden { hidden: true })?;
    browser::prefer_color_scheme(tab, scheme)?;
    tab.navigate_to(url)?.wait_until_navigated()?;
    let status = tab
        .evaluate(
            "performance.getEntriesByType('navigation')[0].responseStatus",
            false,
        )?
        .value;
    anyhow::ensure!(
        status == Some(200.into()),
        "HTTP status {status:?}, not 200"
    );
    tab.wait_for_element_with_custom_timeout(ready, Duration::from_secs(20))
        .map_err(|e| anyhow::anyhow!("nothing matched {ready:?} within 20 s: {e}"))?;
    let loaded = browser::wait_until(Duration::from_secs(10), || {
        let js =
            "document.readyState === 'complete' && [...document.images].every(i => i.complete)";
        tab.evaluate(js, false)
            .ok()
            .and_then(|r| r.value)
            .and_then(|v| v.as_bool())
            == Some(true)
    });
    anyhow::ensure!(
        loaded,
        "the page or its images did not finish loading within 10 s"
    );
    let overflow = tab
        .evaluate(
            "document.documentElement.scrollWidth - window.innerWidth",
            false,
        )?
        .value
        .and_then(|v| v.as_i64())
        .unwrap_or_default();
    let png = tab.capture_screenshot(Cdp::CaptureScreenshotFormatOption::Png, None, None, true)?;
    Ok((png, overflow))
}
