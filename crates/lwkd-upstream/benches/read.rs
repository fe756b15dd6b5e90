//! What reading the upstream data costs a build: `cargo bench -p lwkd-upstream`, on
//! `../shared/upstream` (found beside an ancestor of this crate).

use divan::Bencher;
use lwkd_upstream::{read, UpstreamDirs};

fn main() {
    divan::main();
}

fn dirs() -> UpstreamDirs {
    UpstreamDirs::under(&lwkd_testdata::upstream())
}

/// Every file read and parsed: a first build, or one after a `git pull` of the checkouts.
#[divan::bench(sample_count = 10)]
fn uncached(bencher: Bencher) {
    let dirs = dirs();
    bencher.bench(|| read(&dirs, None));
}

/// Files unchanged since the last build: hashed, and the facts read back from the cache.
#[divan::bench(sample_count = 20)]
fn cached(bencher: Bencher) {
    let dirs = dirs();
    let cache = tempfile::tempdir().unwrap();
    read(&dirs, Some(cache.path()));
    bencher.bench(|| read(&dirs, Some(cache.path())));
}
