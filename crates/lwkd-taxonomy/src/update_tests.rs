//! [`Taxonomy::update`] against the real archive: after edits that keep every edition's
//! cycle (only the records of the keys named are assembled again) and one that moves
//! cycles (everything is), the index equals a full [`Taxonomy::index`].

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lwkd_content::{BodyError, Edition, EditionBody};

use crate::archive_tests::{EDITIONS, UPSTREAM};
use crate::Taxonomy;

/// An edition's Markdown, read from its file.
fn from_file(edition: &Edition) -> Result<Arc<EditionBody>, BodyError> {
    edition.read_body().map(Arc::new)
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
        taxonomy
            .update(&editions, &BTreeSet::from([i]), &UPSTREAM, from_file)
            .unwrap();
        let full = Taxonomy::index(&editions, &UPSTREAM).unwrap();
        assert!(
            parts(&taxonomy) == parts(&full),
            "{case}: the index equals a full one"
        );
        assert!(
            parts(&before) != parts(&taxonomy),
            "{case}: a case that changes the index"
        );
    }
}

/// Other upstream facts read every edition again: updating with the real kep.yaml and
/// sigs.yaml, nothing edited, gives what a full index with them gives (groups' owned KEPs
/// follow kep.yaml's owning-sig).
#[test]
fn other_upstream_facts_read_everything_again() {
    let dir = lwkd_testdata::upstream();
    let upstream = lwkd_upstream::read(&lwkd_upstream::UpstreamDirs::under(&dir), None);
    let editions = EDITIONS.clone();
    let mut taxonomy = Taxonomy::index(&editions, &lwkd_upstream::Upstream::default()).unwrap();
    let before = taxonomy.clone();
    taxonomy
        .update(&editions, &BTreeSet::new(), &upstream, from_file)
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
}

/// An edited edition whose file is gone by the time it is read fails the update and leaves
/// the index as it was, with the same facts or others.
#[test]
fn an_edition_that_cannot_be_read_leaves_the_index_as_it_was() {
    let mut editions = EDITIONS.clone();
    let mut taxonomy = Taxonomy::index(&editions, &UPSTREAM).unwrap();
    let before = parts(&taxonomy);
    let i = editions
        .iter()
        .position(|e| e.source.ends_with("2022-02-06-update.md"))
        .unwrap();
    let edited = tempfile::tempdir().unwrap();
    let source = edited.path().join("2022-02-06-update.md");
    let text = std::fs::read_to_string(&editions[i].source).unwrap();
    editions[i] = edition_file(&source, &text.replacen("KEP-3136", "KEP-3137", 1));
    std::fs::remove_file(&source).unwrap();
    let other_facts = lwkd_upstream::Upstream::default();
    for upstream in [&*UPSTREAM, &other_facts] {
        assert!(taxonomy
            .update(&editions, &BTreeSet::from([i]), upstream, from_file)
            .is_err());
        assert!(parts(&taxonomy) == before, "the index is as it was");
        assert!(taxonomy.facts().are_of(&UPSTREAM));
    }
}
