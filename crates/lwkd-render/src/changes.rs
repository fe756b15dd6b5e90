//! What an incremental rebuild changed, in the terms outputs ask about: which editions'
//! pages, which year, KEP, SIG and release-cycle pages may read differently now. Taken from
//! the edited editions and from comparing the index before and after (lwkd-serve's
//! `changes.rs`), so that an output re-renders only those pages and still equals a full
//! build (tests/incremental.rs).

use std::collections::{BTreeMap, BTreeSet};

use lwkd_content::Edition;
use lwkd_taxonomy::{KepRef, ReleaseCycle, SigSlug};

/// Which editions an incremental rebuild touched (indices into the updated
/// `site.content.editions`), and the pages that depend on them.
#[derive(Debug, Clone, Default)]
pub struct EditionChanges {
    /// Added or edited editions.
    pub edited: BTreeSet<usize>,
    /// The edited editions as they read before the edit, by index (added ones have none),
    /// so that an output can tell whether what it shows of them changed.
    pub before: BTreeMap<usize, Edition>,
    /// Editions next to an added, removed or relinked one (see `listed`): their
    /// previous/next links may have changed.
    pub neighbours: BTreeSet<usize>,
    /// Other editions whose page may read differently: their release cycle moved, or a KEP
    /// or SIG their text names gained or lost its page (and with it the in-text link).
    pub retagged: BTreeSet<usize>,
    /// Years whose list of editions may differ: an edition in it came, went or was
    /// relinked, or the list of years changed.
    pub years: BTreeSet<i32>,
    /// KEPs, SIGs and release cycles whose pages may differ.
    pub keps: BTreeSet<KepRef>,
    pub sigs: BTreeSet<SigSlug>,
    pub releases: BTreeSet<ReleaseCycle>,
    /// KEPs and SIGs whose feeds may differ: those whose pages may, and those an edited
    /// edition names (a feed carries its editions' whole text).
    pub kep_feeds: BTreeSet<KepRef>,
    pub sig_feeds: BTreeSet<SigSlug>,
    /// Whether the index reads differently on a page: a record or deadline changed in
    /// more than the source lines of its mentions (the calendar and index pages follow it).
    pub index: bool,
    /// Whether the index changed at all: the data files also carry the source lines.
    pub data: bool,
    /// Whether an edition came or went, or was relinked (changed its title, date, time or
    /// URL): every list of editions may read differently.
    pub listed: bool,
}

impl EditionChanges {
    /// Every edition whose own page may differ.
    pub fn pages(&self) -> impl Iterator<Item = usize> + '_ {
        let mut pages: BTreeSet<usize> = self.edited.union(&self.neighbours).copied().collect();
        pages.extend(&self.retagged);
        pages.into_iter()
    }
}
