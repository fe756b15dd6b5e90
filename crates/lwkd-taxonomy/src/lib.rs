//! `lwkd-taxonomy` indexes the loader's editions by what Kubernetes contributors look for:
//! KEPs, SIGs, release cycles and deadlines. It reads editions and writes nothing; the
//! renderer turns a [`Taxonomy`] into pages and data files.

use lwkd_content::Edition;
use serde::Serialize;

/// The index of a whole archive.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Taxonomy {}

impl Taxonomy {
    /// Indexes `editions` (oldest first, as the loader returns them).
    pub fn index(_editions: &[Edition]) -> Taxonomy {
        Taxonomy {}
    }
}
