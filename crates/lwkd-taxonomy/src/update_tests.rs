//! [`Taxonomy::update`] against the real archive: after edits that keep every edition's
//! cycle (only the records of the keys named are assembled again) and one that moves
//! cycles (everything is), the index equals a full [`Taxonomy::index`], and what it
//! reports replaced covers every record that changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lwkd_content::Edition;

use crate::archive_tests::{EDITIONS, UPSTREAM};
use crate::{Record, Replaced, Taxonomy};

/// Keys whose record differs between `before` and `after` that `replaced` does not report
/// with the record before.
fn unreported<K: Ord + Clone, V: PartialEq>(
    replaced: &BTreeMap<K, Option<V>>,
    before: &BTreeMap<K, V>,
    after: &BTreeMap<K, V>,
) -> Vec<K> {
    let reported = |k: &K| {
        replaced
            .get(k)
            .is_some_and(|old| old.as_ref() == before.get(k))
    };
    let keys: BTreeSet<&K> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k) && !reported(k))
        .cloned()
        .collect()
}

fn assert_covers(replaced: &Replaced, before: &Taxonomy, after: &Taxonomy, case: &str) {
    let keps = unreported(&replaced.keps, &before.keps, &after.keps);
    assert!(keps.is_empty(), "{case}: KEPs {keps:?}");
    let sigs = unreported(&replaced.sigs, &before.sigs, &after.sigs);
    assert!(sigs.is_empty(), "{case}: SIGs {sigs:?}");
    let releases = unreported(&replaced.releases, &before.releases, &after.releases);
    assert!(releases.is_empty(), "{case}: cycles {releases:?}");
    assert_eq!(
        replaced.deadlines.is_some(),
        before.deadlines != after.deadlines,
        "{case}: deadlines"
    );
}

/// What an index holds, to compare two.
fn parts(t: &Taxonomy) -> impl PartialEq + use<> {
    let (editions, by_url, keps) = (t.editions.clone(), t.by_url.clone(), t.keps.clone());
    let rest = (t.sigs.clone(), t.releases.clone(), t.deadlines.clone());
    (editions, by_url, keps, rest)
}

/// The edition `text` written at `path`, parsed.
fn edition_file(path: &Path, text: &str) -> Edition {
    std::fs::write(path, text).unwrap();
    Edition::parse(path, text, "/:year/:year:month:day")
        .edition
        .unwrap()
}

#[test]
fn updates_equal_a_full_index() {
    let mut editions = EDITIONS.clone();
    let mut taxonomy = Taxonomy::index(&editions, &UPSTREAM).unwrap();
    // The files' text as edited so far, each in a file of its own (an edition's Markdown is
    // read from its file).
    let edited = tempfile::tempdir().unwrap();
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    let cases = [
        // A KEP and a working group no edition named before.
        ("2021-06-13-update.md", "## Release Schedule", "## Release Schedule\n\nA sentence on KEP-4999 from WG Serving.\n"),
        // Lines move under every mention below.
        ("2021-06-13-update.md", "## Release Schedule", "\n## Release Schedule"),
        // A KEP's title, from a heading.
        ("2022-02-06-update.md", "KEP-3136: beta apis off by default", "KEP-3136: beta APIs off by default"),
        // A pull request about a KEP.
        ("2022-02-06-update.md", "enhancements#3137", "enhancements#3138"),
        // A KEP's folder under another SIG, in an older edition than the one that gives its SIG.
        (
            "2022-02-06-update.md",
            "## Release Schedule",
            "## Release Schedule\n\nSee [KEP-3141](https://github.com/kubernetes/enhancements/tree/master/keps/sig-apps/3141-prevent-volume-mode-conversion).\n",
        ),
        // The KEP moves to another SIG's folder.
        ("2024-04-14-update.md", "keps/sig-storage/3141", "keps/sig-node/3141"),
        // No folder there any more: the older edition's SIG, which this one does not name, owns it.
        ("2024-04-14-update.md", "tree/master/keps/sig-node/3141-prevent-volume-mode-conversion", "issues/3141"),
        // A deadline moves within its cycle.
        ("2022-02-27-update.md", "Exceptions due, March 21st", "Exceptions due, March 23rd"),
        // A deadline names a later cycle: this edition and the ones after it move.
        ("2022-02-27-update.md", "Exceptions due, March 23rd", "1.40 Cycle Starts, March 23rd"),
        // Everything back.
        ("2022-02-27-update.md", "1.40 Cycle Starts, March 23rd", "Exceptions due, March 21st"),
    ];
    for (name, from, to) in cases {
        let case = format!("{name}: {from:?} -> {to:?}");
        let i = editions
            .iter()
            .position(|e| e.source.ends_with(name))
            .unwrap();
        let original = editions[i].source.clone();
        let source = edited.path().join(name);
        let text = texts
            .entry(source.clone())
            .or_insert_with(|| std::fs::read_to_string(&original).unwrap());
        assert!(text.contains(from), "{case}: no such text");
        *text = text.replacen(from, to, 1);
        editions[i] = edition_file(&source, text);
        let before = taxonomy.clone();
        let replaced = taxonomy
            .update(&editions, &BTreeSet::from([i]), &UPSTREAM)
            .unwrap();
        let full = Taxonomy::index(&editions, &UPSTREAM).unwrap();
        assert!(
            parts(&taxonomy) == parts(&full),
            "{case}: the index equals a full one"
        );
        assert_covers(&replaced, &before, &taxonomy, &case);
        assert!(
            parts(&before) != parts(&taxonomy),
            "{case}: a case that changes the index"
        );
    }
}

/// Lines added above every mention of an edition move their lines and nothing else: each
/// record the update replaced differs, yet reads the same ([`Record::reads_same`]), so
/// `lwkd serve` renders none of their pages again. A changed word does not read the same.
#[test]
fn moved_lines_read_the_same() {
    let mut editions = EDITIONS.clone();
    let mut taxonomy = Taxonomy::index(&editions, &UPSTREAM).unwrap();
    let i = editions
        .iter()
        .position(|e| e.source.ends_with("2022-02-06-update.md"))
        .unwrap();
    let original = std::fs::read_to_string(&editions[i].source).unwrap();
    let edited = tempfile::tempdir().unwrap();
    let source = edited.path().join("2022-02-06-update.md");
    let mut update = |taxonomy: &mut Taxonomy, text: &str| {
        editions[i] = edition_file(&source, text);
        taxonomy
            .update(&editions, &BTreeSet::from([i]), &UPSTREAM)
            .unwrap()
    };

    let replaced = update(
        &mut taxonomy,
        &original.replacen("## Developer News", "\n\n## Developer News", 1),
    );
    assert!(
        !replaced.keps.is_empty() && !replaced.sigs.is_empty() && !replaced.releases.is_empty(),
        "the edition names KEPs, SIGs and a cycle"
    );
    for (k, old) in &replaced.keps {
        let (old, now) = (old.as_ref().unwrap(), &taxonomy.keps[k]);
        assert!(
            old != now && old.reads_same(now),
            "KEP {k:?}: only lines moved"
        );
    }
    for (s, old) in &replaced.sigs {
        assert!(
            old.as_ref().unwrap().reads_same(&taxonomy.sigs[s]),
            "SIG {s:?}: only lines moved"
        );
    }
    for (r, old) in &replaced.releases {
        assert!(
            old.as_ref().unwrap().reads_same(&taxonomy.releases[r]),
            "cycle {r:?}: only lines moved"
        );
    }
    let deadlines = replaced.deadlines.expect("the deadline line moved");
    assert!(
        deadlines != taxonomy.deadlines && deadlines.reads_same(&taxonomy.deadlines),
        "deadlines: only lines moved"
    );

    let replaced = update(
        &mut taxonomy,
        &original.replacen(
            "Exceptions due, March 21st",
            "Exceptions due, March 22nd",
            1,
        ),
    );
    let deadlines = replaced.deadlines.expect("the deadline changed");
    assert!(
        !deadlines.reads_same(&taxonomy.deadlines),
        "a new date reads differently"
    );
    assert!(
        replaced
            .releases
            .iter()
            .any(|(r, old)| !old.as_ref().unwrap().reads_same(&taxonomy.releases[r])),
        "its cycle reads differently"
    );
}

/// Other upstream facts read every edition again: updating with the real kep.yaml and
/// sigs.yaml, nothing edited, gives what a full index with them gives, and reports the groups
/// whose records changed (their owned KEPs follow kep.yaml's owning-sig).
#[test]
fn other_upstream_facts_read_everything_again() {
    let dir = lwkd_testdata::upstream();
    let upstream = lwkd_upstream::read(&lwkd_upstream::UpstreamDirs::under(&dir), None);
    let editions = EDITIONS.clone();
    let mut taxonomy = Taxonomy::index(&editions, &lwkd_upstream::Upstream::default()).unwrap();
    let before = taxonomy.clone();
    let replaced = taxonomy
        .update(&editions, &BTreeSet::new(), &upstream)
        .unwrap();
    let full = Taxonomy::index(&editions, &upstream).unwrap();
    assert!(
        parts(&taxonomy) == parts(&full),
        "the index equals a full one with the new facts"
    );
    assert!(taxonomy.facts().are_of(&upstream) && taxonomy.facts().kep(753).is_some());
    assert!(
        parts(&before) != parts(&taxonomy),
        "kep.yaml moves KEPs between groups"
    );
    assert_covers(&replaced, &before, &taxonomy, "new upstream facts");
}
