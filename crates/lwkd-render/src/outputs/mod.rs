//! One module per kind of output.

mod archive;
mod assets;
mod editions;
mod feed;
mod github_pages;
mod sitemap;
mod search;

pub use archive::ArchivePages;
pub use assets::Assets;
pub use editions::EditionPages;
pub use feed::AtomFeed;
pub use github_pages::GithubPages;
pub use sitemap::Sitemap;
pub use search::SearchIndex;
