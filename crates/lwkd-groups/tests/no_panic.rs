//! No prose, URL or `sigs.yaml` name makes the group finders panic, and every span they
//! give is a piece of the prose.

use lwkd_groups::GroupTable;
use lwkd_upstream::{GroupFacts, GroupKind};
use proptest::prelude::*;

fn group(dir: &str, name: &str, kind: GroupKind) -> GroupFacts {
    GroupFacts {
        dir: dir.into(),
        name: name.into(),
        kind,
        mission: None,
        chairs: Vec::new(),
        tech_leads: Vec::new(),
        slack: None,
        mailing_list: None,
        meetings: Vec::new(),
        subprojects: Vec::new(),
    }
}

/// Names ending in the characters the ASCII stand-in writes for non-ASCII prose (`!`, `_`,
/// space) panicked: `SIG Foo€` matched `SIG Foo!` and was cut inside the `€`.
#[test]
fn a_name_ending_in_a_stand_in_character_is_not_cut_inside_a_character() {
    let table = GroupTable::with_upstream(&[
        group("sig-foo", "Foo!", GroupKind::Sig),
        group("wg-bar", "Bar_", GroupKind::WorkingGroup),
    ])
    .unwrap();
    for prose in [
        "SIG Foo€ met",
        "the Bar_é WG",
        "SIGs Node, Foo€",
        "SIG Foo! met",
    ] {
        for (range, _) in table.find_in_prose(prose) {
            assert!(prose.get(range.clone()).is_some(), "{prose:?} {range:?}");
        }
    }
    let found = table.find_in_prose("SIG Foo! met");
    assert_eq!(found.len(), 1, "a name as written is still found");
}

/// A group whose slug's own part is another's alias (`sig-apimachinery`: `apimachinery` is
/// SIG API Machinery's) made the whole of sigs.yaml fail to compile into the table.
#[test]
fn a_group_that_would_name_another_is_left_out_alone() {
    let table = GroupTable::with_upstream(&[
        group("sig-apimachinery", "API Machinery Two", GroupKind::Sig),
        group("wg-new-thing", "New Thing", GroupKind::WorkingGroup),
    ])
    .expect("the other groups are taken");
    let slug = |text: &str| table.parse_slug(text).map(|s| s.as_str().to_string());
    assert_eq!(slug("WG New Thing").as_deref(), Some("wg-new-thing"));
    assert_eq!(
        slug("SIG apimachinery").as_deref(),
        Some("sig-api-machinery")
    );
}

/// Prose made of the finders' own words, ASCII look-alikes (`ſ`, Kelvin `K`) and multi-byte
/// characters, so that matches start and end next to them.
fn prose() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("SIG ".to_string()),
        Just("sigs ".to_string()),
        Just("WG ".to_string()),
        Just(" working group".to_string()),
        Just(" Committee".to_string()),
        Just("Node".to_string()),
        Just("api-machinery".to_string()),
        Just(", and ".to_string()),
        Just("ſ".to_string()),
        Just("\u{212A}".to_string()),
        Just("’".to_string()),
        Just("€".to_string()),
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|p| p.concat())
}

proptest! {
    // Each case compiles a table (the finders' alternations): fewer cases than the default.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_prose_and_names_give_spans_of_the_prose(
        name in "[A-Za-z!_ ]{0,4}[!_€ſ\u{212A}]?\\PC{0,3}",
        text in prose(),
        url in "(https://github.com/kubernetes/community/tree/m/|https://slack.com/messages/|/keps/)?\\PC{0,20}",
    ) {
        let tables = [
            GroupTable::with_upstream(&[group("sig-foo", &name, GroupKind::Sig)]).ok(),
            Some(GroupTable::with_upstream(&[]).unwrap()),
        ];
        for table in tables.iter().flatten() {
            for (range, _) in table.find_in_prose(&text) {
                prop_assert!(text.get(range.clone()).is_some(), "{text:?} {range:?}");
            }
            let _ = table.find_in_url(&url);
            let _ = table.parse_slug(&text);
        }
    }
}
