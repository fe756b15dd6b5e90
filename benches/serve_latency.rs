//! Edit-to-visible latency of `lwkd serve` on the real archive: the time from an edition's
//! file being written to its new text being served over HTTP. Runs the release `lwkd serve`
//! on a temporary copy of ../shared/lwkd-archive (the shared copy is never touched).
//!
//! `cargo bench --bench serve_latency` (set `LWKD_LATENCY_RUNS` to change the 25 runs).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::serve::Served;
use common::*;

/// The watcher's debounce in lwkd-serve (`rebuild::DEBOUNCE`), subtracted in the report.
const DEBOUNCE_MS: f64 = 50.0;

fn main() {
    let runs: usize = std::env::var("LWKD_LATENCY_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25);
    let site = scratch_site();
    let archive_copy = site.path().join("archive");
    copy_tree(&archive(), &archive_copy);
    let served = Served::start(site.path(), &["--content", archive_copy.to_str().unwrap()]);
    eprintln!("{}", served.log().lines().last().unwrap_or_default());

    // The latest edition, the one an editor works on.
    let edition = archive_copy.join("_posts/2025-12-14-update.md");
    let page = "/2025/20251218";
    let original = read(&edition);
    assert_eq!(served.get(page).status, 200, "{page} is the edition's URL");

    let mut samples = Vec::with_capacity(runs);
    for run in 0..runs {
        let marker = format!("Latency marker number {run}.");
        std::fs::write(&edition, format!("{original}\n{marker}\n")).unwrap();
        let written = Instant::now();
        let deadline = written + Duration::from_secs(30);
        while !served.get(page).text().contains(&marker) {
            assert!(
                Instant::now() < deadline,
                "run {run}: not visible after 30 s; log:\n{}",
                served.log()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        samples.push(written.elapsed().as_secs_f64() * 1000.0);
        // Let the watcher go quiet so that runs do not merge.
        std::thread::sleep(Duration::from_millis(300));
    }
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    let log = served.log();
    let builds: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("built ") || l.starts_with("rebuilt "))
        .filter_map(|l| l.split(" in ").nth(1))
        .collect();
    println!(
        "edit-to-visible on the real archive, {runs} edits of {}:",
        edition.file_name().unwrap().to_string_lossy()
    );
    println!(
        "  median {:.0} ms, p90 {:.0} ms, min {:.0} ms, max {:.0} ms",
        at(0.5),
        at(0.9),
        samples[0],
        samples[samples.len() - 1]
    );
    println!(
        "  beyond the {DEBOUNCE_MS:.0} ms debounce: median {:.0} ms, p90 {:.0} ms",
        at(0.5) - DEBOUNCE_MS,
        at(0.9) - DEBOUNCE_MS
    );
    println!(
        "  server build times (first is the initial build): {}",
        builds.join(", ")
    );
}
