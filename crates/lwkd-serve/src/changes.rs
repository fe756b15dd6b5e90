//! What an incremental rebuild changed, found by comparing the index before and after an
//! edit: the pages of [`EditionChanges`] that follow from the index (KEP, SIG and cycle
//! pages, calendars, data files). A rebuild from them equals a full build (tests/incremental.rs).

use std::collections::{BTreeMap, BTreeSet};

use lwkd_render::EditionChanges;
use lwkd_taxonomy::{EditionTags, Kep, KepRef, Record, ReleaseCycle, Replaced, Taxonomy};

/// Adds the pages that follow from the index changing to `after` (the index of the
/// editions, with `changes.edited` already set); `replaced` holds what it replaced.
pub fn follow_index(changes: &mut EditionChanges, replaced: &Replaced, after: &Taxonomy) {
    let edited: Vec<&EditionTags> = changes
        .edited
        .iter()
        .filter_map(|&i| after.edition(i))
        .collect();
    changes.keps = changed_keys(&replaced.keps, &after.keps);
    changes.sigs = changed_keys(&replaced.sigs, &after.sigs);
    changes.releases = changed_keys(&replaced.releases, &after.releases);
    let deadlines_read_same = replaced
        .deadlines
        .as_ref()
        .is_none_or(|before| before.reads_same(&after.deadlines));
    changes.index = !changes.keps.is_empty()
        || !changes.sigs.is_empty()
        || !changes.releases.is_empty()
        || !deadlines_read_same;
    changes.data = changes.index
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
    if changes.listed {
        changes.keps.extend(named_keps);
        changes.sigs.extend(named_sigs);
        for t in &edited {
            changes.releases.extend(t.cycle);
            changes
                .releases
                .extend(t.deadlines.iter().filter_map(|d| d.release));
            changes
                .releases
                .extend(t.patch_releases.iter().map(|p| p.cycle));
            changes
                .releases
                .extend(t.release_announcements.iter().map(|a| a.cycle));
        }
    }
    // A cycle page lists the KEPs kep.yaml names for it, each with its editions.
    let facts = after.facts();
    let shipped_in = changes
        .keps
        .iter()
        .filter_map(|k| facts.kep(k.0))
        .flat_map(|f| f.milestones())
        .filter_map(|(_, release)| release.map(ReleaseCycle::from))
        .filter(|cycle| after.releases.contains_key(cycle))
        .collect::<Vec<_>>();
    changes.releases.extend(shipped_in);
    // Each cycle page links the one before and after it.
    if added_or_removed(&replaced.releases, &after.releases)
        .next()
        .is_some()
    {
        changes.releases.extend(after.releases.keys());
    }
    // SIG and cycle pages list their KEPs by title.
    let mut retitled: BTreeSet<KepRef> = BTreeSet::new();
    for (k, before) in &replaced.keps {
        let now = after.keps.get(k);
        let title = |kep: &Kep| (kep.title.clone(), kep.sig.clone());
        if before.as_ref().map(title) != now.map(title) {
            retitled.insert(*k);
            changes
                .sigs
                .extend(before.iter().chain(now).filter_map(|kep| kep.sig.clone()));
        }
    }
    changes.releases.extend(
        after
            .releases
            .values()
            .filter(|r| !r.keps.is_disjoint(&retitled))
            .map(|r| r.version),
    );
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
