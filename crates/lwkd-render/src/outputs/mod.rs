//! One module per kind of output.

mod archive;
mod assets;
mod editions;

pub use archive::ArchivePages;
pub use assets::Assets;
pub use editions::EditionPages;
