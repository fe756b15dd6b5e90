//! `lwkd-cache` owns what a build keeps in `.lwkd-cache` to be faster the next time: the
//! cache file format (entries found by a hash of what they were made from,
//! each with a checksum, so an entry is never stale and a damaged one is made again), the
//! edition cache (editions read and indexed, by the file's bytes) and the page cache
//! (what was written at each page's path, by the page's inputs; the pages are the output's).
//!
//! A cache only saves time: whatever it holds, a build gives the same output as without it.

mod cache_file;
mod compressed;
mod edition_cache;
mod page_cache;

pub use cache_file::hash_part;
pub use edition_cache::{EditionCache, ReadEdition};
pub use page_cache::{hash_serialized, OutputLive, PageCache};
