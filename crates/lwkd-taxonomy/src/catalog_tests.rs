//! The KEP catalog over the whole archive: what the index makes of KEPs named by gate and
//! by name.

use std::sync::{Arc, LazyLock};

use crate::archive_tests::{edition_tags, CATALOG, EDITIONS, UPSTREAM};
use crate::{Facts, FoundBy, KepRef, Taxonomy};
use lwkd_upstream::Upstream;

/// The facts of the real upstream data, made once: their KEP catalog is most of the cost.
static FACTS: LazyLock<Facts> = LazyLock::new(|| Facts::new(Arc::new(UPSTREAM.clone())));

/// The same with the release schedules, which date the cycles the scored matcher reads by.
static SCHEDULED_FACTS: LazyLock<Facts> = LazyLock::new(|| {
    let sig_release = lwkd_testdata::upstream().join("sig-release");
    let (schedules, _) = lwkd_upstream::read_schedules(&sig_release);
    Facts::new(Arc::new(Upstream {
        schedules,
        ..UPSTREAM.clone()
    }))
});

/// The KEPs an edition of the archive names, and how, once `from` is replaced by `to` in it.
fn keps_in_edition(file: &str, from: &str, to: &str) -> Vec<(u32, FoundBy)> {
    keps_named(file, from, to, &FACTS)
}

fn keps_named(file: &str, from: &str, to: &str, facts: &Facts) -> Vec<(u32, FoundBy)> {
    let tags = edition_tags(file, from, to, facts);
    tags.keps.iter().map(|m| (m.kep.0, m.how)).collect()
}

/// 2018-03-25's community meeting summary is one paragraph: it links KEP-508 (IPv6) in one
/// sentence, and names others in the rest ("container log rotation", "IPVS support for
/// kube-proxy"). A short item that links a KEP is about it: its words name no other.
#[test]
fn a_paragraph_that_links_one_kep_names_others() {
    let found = keps_in_edition("2018-03-25-update.md", "", "");
    for kep in [2411, 265] {
        assert!(found.contains(&(kep, FoundBy::Name)), "{kep}: {found:?}");
    }
    assert!(found.contains(&(508, FoundBy::Link)), "{found:?}");
    // The paragraph cut to its linking sentence and one more: short, about KEP-508.
    let text = std::fs::read_to_string(lwkd_testdata::posts().join("2018-03-25-update.md"));
    let text = text.unwrap();
    let paragraph = text
        .lines()
        .find(|l| l.starts_with("[Cole Mickens]"))
        .unwrap();
    let cut = keps_in_edition(
        "2018-03-25-update.md",
        paragraph,
        "Casey Davenport explained their [efforts to convert to IPv6](https://github.com/kubernetes/features/issues/508).  SIG-Node's update included container log rotation.",
    );
    assert!(cut.contains(&(508, FoundBy::Link)), "{cut:?}");
    assert!(!cut.iter().any(|(k, _)| *k == 2411), "{cut:?}");
}

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

/// 2023-04-30's featured PR "#115843: Remove/Withdraw NetworkPolicy Status" names KEP-2943
/// by name; its paragraph's "the alpha `Status` field on NetworkPolicy objects" is that
/// KEP's news, not KEP-2681 "Field status.hostIPs added for Pod", alpha in the cycle.
#[test]
fn a_kep_its_heading_names_competes_with_the_words_under_it() {
    let file = "2023-04-30-update.md";
    let found = keps_named(file, "", "", &SCHEDULED_FACTS);
    assert!(found.contains(&(2943, FoundBy::Name)), "{found:?}");
    assert!(!found.iter().any(|(k, _)| *k == 2681), "{found:?}");
    // Under a heading that names no KEP, the words are still clearly KEP-2943's, which
    // is not moving in the cycle (withdrawn): they name no KEP that is.
    let heading = "### [#115843: Remove/Withdraw NetworkPolicy Status]";
    let plain = keps_named(
        file,
        heading,
        "### [#115843: A field withdrawn]",
        &SCHEDULED_FACTS,
    );
    assert!(!plain.iter().any(|(k, _)| *k == 2681), "{plain:?}");
}
