//! Views driven in headless Chromium: one test binary, so the tests share one Chromium
//! (`common::browser::shared`) and one build of the real archive per set of build flags.

#[path = "../common/mod.rs"]
mod common;

mod browser_smoke;
mod release_views;
mod search;
mod search_quality;
mod serve_browser;
mod theme_accessibility;
mod theme_code_and_mentions;
mod theme_navigation;
