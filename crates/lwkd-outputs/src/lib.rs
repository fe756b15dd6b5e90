//! `lwkd-outputs` holds every kind of output an lwkd site has, one module each, each a
//! [`Renderer`] (lwkd-render's seam): edition pages, a Jekyll root's own pages, the archive
//! and home pages, the data files, the search index, static assets and GitHub Pages' files,
//! with the feeds and calendars of `lwkd-feeds` and the KEP, SIG, release and deadline pages
//! of `lwkd-taxonomy-pages`; [`all`] lists them. [`build`] is the full build that renders
//! them in parallel into lwkd-output's staging folder, then the [`sitemap`] of what they
//! made. A new kind of output is a new module here and one line in [`all`].

mod archive;
mod assets;
mod build;
mod data;
mod editions;
mod github_pages;
mod highlights;
mod pages;
mod search;
mod sitemap;

pub use archive::ArchivePages;
pub use assets::Assets;
pub use data::DataFiles;
pub use editions::EditionPages;
pub use github_pages::GithubPages;
pub use pages::JekyllPages;
pub use search::SearchIndex;
pub use sitemap::sitemap;

pub use build::{build, render_all};
pub use lwkd_feeds::{AtomFeed, DeadlineCalendar};
use lwkd_render::Renderer;
pub use lwkd_taxonomy_pages::TaxonomyPages;

/// The outputs of a full build. They run in parallel, each half of the list on a thread
/// to begin with, so an output that renders on one thread (the calendar, the data files)
/// starts a half, and one of many pages ends it: the other thread can help with those,
/// and no thread is left waiting on a lone file at the end.
pub fn all() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(DeadlineCalendar),
        Box::new(GithubPages),
        Box::new(Assets),
        Box::new(EditionPages),
        Box::new(JekyllPages),
        Box::new(DataFiles),
        Box::new(SearchIndex),
        Box::new(ArchivePages),
        Box::new(AtomFeed),
        Box::new(TaxonomyPages),
    ]
}
