//! Tests that read the real archive's built output: one test binary, so the archive is
//! built once (per set of build flags) and the workspace is linked once for all of them.

#[path = "../common/mod.rs"]
mod common;

mod archive_build;
mod check;
mod publish;
mod search_terms;
mod taxonomy_pages;
mod theme_budget;
mod theme_home;
mod upstream_build;
