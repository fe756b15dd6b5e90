//! What an incremental rebuild changed, in the terms the outputs that do not key every
//! page ask about: which KEP, SIG and release-cycle pages, and whether the index and the
//! lists of editions may read differently now. Taken from the edited editions and from
//! comparing the index before and after (lwkd-serve's `changes.rs`), so that an output
//! re-renders only those pages and still equals a full build (tests/incremental.rs). Pages
//! made through `Site::keyed_file` (edition, year and home pages) and the feeds need none of it.

use std::collections::BTreeSet;

use lwkd_taxonomy::{KepRef, ReleaseCycle, SigSlug};

/// Which editions an incremental rebuild touched (indices into the updated
/// `site.content.editions`), and the pages that depend on them.
#[derive(Debug, Clone, Default)]
pub struct EditionChanges {
    /// Added or edited editions.
    pub edited: BTreeSet<usize>,
    /// KEPs, SIGs and release cycles whose pages may differ.
    pub keps: BTreeSet<KepRef>,
    pub sigs: BTreeSet<SigSlug>,
    pub releases: BTreeSet<ReleaseCycle>,
    /// Whether the index reads differently on a page: a record or deadline changed in
    /// more than the source lines of its mentions (the calendar and index pages follow it).
    pub index: bool,
    /// Whether the index changed at all: the data files also carry the source lines.
    pub data: bool,
    /// Whether an edition came or went, or was relinked (changed its title, date, time or
    /// URL): every list of editions may read differently.
    pub listed: bool,
}
