//! What an incremental rebuild changed, in the terms outputs ask about: which editions'
//! pages, which year, KEP, SIG and release-cycle pages may read differently now. Taken from
//! the edited editions and from comparing the index before and after, so that an output
//! re-renders only those pages and still equals a full build (tests/incremental.rs).

use std::collections::{BTreeMap, BTreeSet};

use lwkd_content::Edition;
use lwkd_taxonomy::{EditionTags, Kep, KepRef, Record, ReleaseCycle, Replaced, SigSlug, Taxonomy};

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

    /// Adds the pages that follow from the index changing to `after` (the index of
    /// `editions`, with `self.edited` already set); `replaced` holds what it replaced.
    pub(crate) fn follow_index(
        &mut self,
        replaced: &Replaced,
        after: &Taxonomy,
        editions: &[Edition],
    ) {
        let edited: Vec<&EditionTags> = self
            .edited
            .iter()
            .filter_map(|&i| after.edition(i))
            .collect();
        self.keps = changed_keys(&replaced.keps, &after.keps);
        self.sigs = changed_keys(&replaced.sigs, &after.sigs);
        self.releases = changed_keys(&replaced.releases, &after.releases);
        let deadlines_read_same = replaced
            .deadlines
            .as_ref()
            .is_none_or(|before| before.reads_same(&after.deadlines));
        self.index = !self.keps.is_empty()
            || !self.sigs.is_empty()
            || !self.releases.is_empty()
            || !deadlines_read_same;
        self.data = self.index
            || replaced.deadlines.is_some()
            || any_changed(&replaced.keps, &after.keps)
            || any_changed(&replaced.sigs, &after.sigs)
            || any_changed(&replaced.releases, &after.releases);

        // Pages show edition titles and dates next to mentions: when those changed, an
        // edited edition's KEPs, SIGs and cycles, even when what it says of them is unchanged.
        let named_keps = edited.iter().flat_map(|t| t.keps.iter().map(|k| k.kep));
        let named_sigs = edited
            .iter()
            .flat_map(|t| t.sigs.iter().map(|s| s.sig.clone()));
        self.kep_feeds = self
            .keps
            .iter()
            .copied()
            .chain(named_keps.clone())
            .collect();
        self.sig_feeds = self
            .sigs
            .iter()
            .cloned()
            .chain(named_sigs.clone())
            .collect();
        if self.listed {
            self.keps.extend(named_keps);
            self.sigs.extend(named_sigs);
            for t in &edited {
                self.releases.extend(t.cycle);
                self.releases
                    .extend(t.deadlines.iter().filter_map(|d| d.release));
                self.releases
                    .extend(t.patch_releases.iter().map(|p| p.cycle));
            }
        }
        // Each cycle page links the one before and after it.
        if added_or_removed(&replaced.releases, &after.releases)
            .next()
            .is_some()
        {
            self.releases.extend(after.releases.keys());
        }
        // SIG and cycle pages list their KEPs by title.
        let mut retitled: BTreeSet<KepRef> = BTreeSet::new();
        for (k, before) in &replaced.keps {
            let now = after.keps.get(k);
            let title = |kep: &Kep| (kep.title.clone(), kep.sig.clone());
            if before.as_ref().map(title) != now.map(title) {
                retitled.insert(*k);
                self.sigs
                    .extend(before.iter().chain(now).filter_map(|kep| kep.sig.clone()));
            }
        }
        self.releases.extend(
            after
                .releases
                .values()
                .filter(|r| !r.keps.is_disjoint(&retitled))
                .map(|r| r.version),
        );
        // Edition pages name their KEPs by title in their chips.
        self.retagged.extend(
            retitled
                .iter()
                .filter_map(|k| after.keps.get(k))
                .flat_map(|kep| kep.editions.iter().copied()),
        );

        // Editions whose cycle chip moved.
        self.retagged.extend(&replaced.recycled);
        // Editions that may name a KEP or SIG that gained or lost its page: a KEP's number
        // is in the text of any page that links it; SIG names are many, so any page may.
        if added_or_removed(&replaced.sigs, &after.sigs)
            .next()
            .is_some()
        {
            self.retagged.extend(0..editions.len());
        } else {
            let numbers: Vec<String> = added_or_removed(&replaced.keps, &after.keps)
                .map(|k| k.0.to_string())
                .collect();
            if !numbers.is_empty() {
                let names = |e: &Edition| {
                    let html = e.html.text();
                    numbers.iter().any(|n| html.contains(n.as_str()))
                };
                self.retagged.extend(
                    editions
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| names(e))
                        .map(|(i, _)| i),
                );
            }
        }
    }
}

/// The keys `replaced` whose record reads differently now.
fn changed_keys<K: Ord + Clone, V: Record>(
    replaced: &BTreeMap<K, Option<V>>,
    after: &BTreeMap<K, V>,
) -> BTreeSet<K> {
    let reads_same = |before: Option<&V>, now: Option<&V>| match (before, now) {
        (Some(before), Some(now)) => before.reads_same(now),
        (before, now) => before.is_none() && now.is_none(),
    };
    replaced
        .iter()
        .filter(|(k, before)| !reads_same(before.as_ref(), after.get(*k)))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Whether any key `replaced` has a record that differs now, if only in a source line.
fn any_changed<K: Ord, V: PartialEq>(
    replaced: &BTreeMap<K, Option<V>>,
    after: &BTreeMap<K, V>,
) -> bool {
    replaced
        .iter()
        .any(|(k, before)| before.as_ref() != after.get(k))
}

/// The keys `replaced` that gained or lost their record.
fn added_or_removed<'a, K: Ord, V, W>(
    replaced: &'a BTreeMap<K, Option<V>>,
    after: &'a BTreeMap<K, W>,
) -> impl Iterator<Item = &'a K> {
    replaced
        .iter()
        .filter(|(k, before)| before.is_some() != after.contains_key(*k))
        .map(|(k, _)| k)
}
