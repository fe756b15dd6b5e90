//! One module per kind of output.

mod archive;
mod assets;
mod calendar;
mod data;
mod editions;
mod feed;
mod github_pages;
mod search;
mod sitemap;
mod taxonomy;

pub use archive::ArchivePages;
pub use assets::Assets;
pub use calendar::DeadlineCalendar;
pub use data::DataFiles;
pub use editions::EditionPages;
pub use feed::AtomFeed;
pub use github_pages::GithubPages;
pub use search::SearchIndex;
pub use sitemap::Sitemap;
pub use taxonomy::{kep_path, release_path, sig_path, TaxonomyPages};
