//! The KEP catalog over the whole archive: what the index makes of KEPs named by gate and
//! by name.

use std::sync::Arc;

use lwkd_content::Edition;

use crate::archive_tests::{CATALOG, EDITIONS, UPSTREAM};
use crate::facts::Facts;
use crate::{EditionTags, FoundBy, KepRef, Taxonomy};

/// Issue 17: a reader of /keps/753/ saw 3 of the editions that discuss sidecar containers.
#[test]
fn sidecar_containers_are_found_in_many_editions_each_with_how() {
    let taxonomy = Taxonomy::index(&EDITIONS, &UPSTREAM);
    let kep = &taxonomy.keps[&KepRef(753)];
    assert_eq!(kep.title.as_deref(), Some("Sidecar Containers"));
    assert_eq!(kep.sig.as_ref().map(|s| s.as_str()), Some("sig-node"));
    let hows: std::collections::BTreeSet<FoundBy> = kep.mentions.iter().map(|m| m.how).collect();
    assert!(
        kep.editions.len() >= 10,
        "editions naming sidecar containers: {}",
        kep.editions.len()
    );
    assert!(
        hows.contains(&FoundBy::Gate) && hows.contains(&FoundBy::Name),
        "{hows:?}"
    );
    // Every KEP page with a kep.yaml carries its title and owning SIG from it.
    for kep in taxonomy.keps.values() {
        if let Some(title) = CATALOG.title(kep.number) {
            assert_eq!(kep.title.as_deref(), Some(title), "{}", kep.number);
        }
    }
    assert!(
        !taxonomy.keps.contains_key(&KepRef(0)),
        "the template folder is no KEP"
    );
    let titled = taxonomy.keps.values().filter(|k| k.title.is_some()).count();
    eprintln!(
        "KEP pages: {}, with a title: {titled}; KEP-753 in {} editions",
        taxonomy.keps.len(),
        kep.editions.len()
    );
}

/// A SIG's update in a long paragraph (2018-03-25) links KEP-508 in one sentence and names
/// KEP-2411 "CRI Container Log Rotation" in another: the link keeps only its own sentence
/// from naming a KEP by a phrase (there, "IPVS support" is not read as KEP-265).
#[test]
fn a_link_in_a_long_paragraph_is_its_sentences_topic() {
    let path = lwkd_testdata::posts().join("2018-03-25-update.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let edition = Edition::parse(&path, &text, "/:year/:year:month:day")
        .edition
        .unwrap();
    let facts = Facts::new(Arc::new(UPSTREAM.clone()));
    let tags = EditionTags::extract(&edition, &facts);
    let how = |kep: u32| {
        tags.keps
            .iter()
            .find(|m| m.kep == KepRef(kep))
            .map(|m| m.how)
    };
    assert_eq!(how(508), Some(FoundBy::Link));
    assert_eq!(how(2411), Some(FoundBy::Name));
    assert_eq!(how(265), None);
}
