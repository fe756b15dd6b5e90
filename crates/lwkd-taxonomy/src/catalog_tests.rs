//! The KEP catalog over the whole archive: what the index makes of KEPs named by gate and
//! by name.

use crate::archive_tests::{CATALOG, EDITIONS, UPSTREAM};
use crate::{FoundBy, KepRef, Taxonomy};

/// Issue 17: a reader of /keps/753/ saw 3 of the editions that discuss sidecar containers.
#[test]
fn sidecar_containers_are_found_in_many_editions_each_with_how() {
    let taxonomy = Taxonomy::index(&EDITIONS, &UPSTREAM).unwrap();
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
