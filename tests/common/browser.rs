//! Headless Chromium for end-to-end tests: Debian's `chromium`, started with the flags this
//! closed network needs. Missing Chromium fails the test: `.ci/run` installs it.
#![allow(dead_code)] // each test binary uses its own subset

use std::sync::{mpsc, Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Starts a fresh headless Chromium with its own empty profile.
pub fn launch() -> Browser {
    assert!(
        std::path::Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: install the Debian package `chromium` (.ci/run does)"
    );
    let args: Vec<&std::ffi::OsStr> = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(CHROMIUM.into()))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1280, 900)))
        .args(args)
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .expect("valid launch options");
    Browser::new(options).expect("headless chromium starts")
}

/// A tab of the Chromium the tests of one binary share, in a browser context of its own
/// (its own cache, cookies and storage, as in a fresh browser), closed when dropped. The first tab starts Chromium; the last one dropped stops it (a `static`
/// Chromium would never be dropped and would outlive the tests), so a binary whose tests
/// overlap starts it once.
pub struct SharedTab {
    tab: Arc<Tab>,
    _browser: Arc<Browser>,
}

/// Opens a tab in a fresh context of the shared Chromium, starting it if no test holds a tab.
pub fn new_tab() -> SharedTab {
    static SHARED: Mutex<Weak<Browser>> = Mutex::new(Weak::new());
    let browser = {
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        shared.upgrade().unwrap_or_else(|| {
            let browser = Arc::new(launch());
            *shared = Arc::downgrade(&browser);
            browser
        })
    };
    let context = browser
        .new_context()
        .expect("chromium opens a browser context");
    SharedTab {
        tab: context.new_tab().expect("chromium opens a tab"),
        _browser: browser,
    }
}

impl std::ops::Deref for SharedTab {
    type Target = Tab;
    fn deref(&self) -> &Tab {
        &self.tab
    }
}

impl Drop for SharedTab {
    fn drop(&mut self) {
        // A tab left open keeps its page running beside the next tests' pages.
        let _ = self.tab.close(false);
    }
}

/// Has the page read as if the system preferred `scheme` (`light` or `dark`).
pub fn prefer_color_scheme(tab: &headless_chrome::Tab, scheme: &str) -> anyhow::Result<()> {
    use headless_chrome::protocol::cdp::Emulation;
    let feature = Emulation::MediaFeature {
        name: "prefers-color-scheme".into(),
        value: scheme.into(),
    };
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![feature]),
    })?;
    Ok(())
}

/// Opens `url` in `tab` and returns once the page's `load` event has fired: its stylesheets,
/// scripts and images are in. (headless_chrome's `wait_until_navigated` waits for Chromium's
/// "network almost idle", which comes no sooner than 500 ms after the last request, and
/// polls for it every 100 ms: a second a page on this suite's pages.)
pub fn open(tab: &Tab, url: &str) {
    let (loaded, on_load) = mpsc::channel();
    // The listener is on before the navigation starts, so the event cannot be missed.
    let listener = tab
        .add_event_listener(Arc::new(move |event: &Event| {
            if matches!(event, Event::PageLoadEventFired(_)) {
                let _ = loaded.send(());
            }
        }))
        .unwrap();
    tab.navigate_to(url)
        .unwrap_or_else(|e| panic!("chromium cannot open {url}: {e}"));
    on_load
        .recv_timeout(LOAD_TIMEOUT)
        .unwrap_or_else(|_| panic!("{url} did not load in {LOAD_TIMEOUT:?}"));
    tab.remove_event_listener(&listener).unwrap();
}

/// Waits for the `load` event of the page `tab` shows now, one it navigated to on its own
/// (a click): call it once the new address is in `tab.get_url()`.
pub fn wait_for_load(tab: &Tab) {
    let loaded = tab
        .evaluate(
            "document.readyState === 'complete' || new Promise(done => addEventListener('load', () => done(true)))",
            true,
        )
        .unwrap();
    assert_eq!(
        loaded.value,
        Some(serde_json::json!(true)),
        "{} loads",
        tab.get_url()
    );
}

/// How long a page of the built site may take to load, on a loaded host.
const LOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// Polls `check` every 50 ms until it returns true or `timeout` passes.
pub fn wait_until(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + timeout;
    while std::time::Instant::now() < end {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    check()
}

/// Evaluates `expression` in the page and returns its value as JSON (objects and arrays
/// included, which Chromium otherwise hands back by reference).
pub fn evaluate_json(tab: &headless_chrome::Tab, expression: &str) -> serde_json::Value {
    let text = tab
        .evaluate(&format!("JSON.stringify({expression})"), false)
        .unwrap()
        .value;
    serde_json::from_str(
        text.as_ref()
            .and_then(serde_json::Value::as_str)
            .unwrap_or("null"),
    )
    .unwrap()
}
