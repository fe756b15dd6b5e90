//! The finders against the real archive (`shared/lwkd-archive` beside the project): the
//! shortcuts that skip a regex search on most text (ASCII-only text without the words a
//! match needs) and the match-only searches must find what the full searches find.

use std::sync::LazyLock;

use lwkd_content::{Edition, EditionBody, LoadOptions};
use lwkd_upstream::Upstream;
use regex::Regex;

use crate::{EditionTags, Facts, KepCatalog};
use lwkd_groups::{GroupTable, GROUP_URL};
use lwkd_kep_refs::{find_enhancement_prs, find_keps, kep_spans, Markup};

pub(crate) static EDITIONS: LazyLock<Vec<Edition>> = LazyLock::new(|| {
    let options = LoadOptions {
        permalink: "/:year/:year:month:day".into(),
        drafts: false,
    };
    let content = lwkd_content::load(&lwkd_testdata::posts(), &options).expect("the archive loads");
    assert!(content.editions.len() > 300, "the whole archive");
    content.editions
});

/// Each edition's Markdown, read once for all tests (an edition does not keep it).
static BODIES: LazyLock<Vec<EditionBody>> =
    LazyLock::new(|| EDITIONS.iter().map(|e| e.read_body().unwrap()).collect());

/// Each edition's HTML, rendered once for all tests.
static HTML: LazyLock<Vec<String>> =
    LazyLock::new(|| BODIES.iter().map(EditionBody::html).collect());

/// The upstream KEPs: every kep.yaml of `shared/upstream/enhancements` beside the project.
pub(crate) static UPSTREAM: LazyLock<Upstream> = LazyLock::new(|| {
    let (keps, _) = lwkd_upstream::read_keps(&lwkd_testdata::upstream().join("enhancements"));
    assert!(keps.len() > 500, "every kep.yaml: {}", keps.len());
    Upstream {
        keps,
        ..Upstream::default()
    }
});

/// What `facts` make of an edition of the archive, `file`, once `from` is replaced by `to`
/// in it.
pub(crate) fn edition_tags(file: &str, from: &str, to: &str, facts: &Facts) -> EditionTags {
    let path = lwkd_testdata::posts().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    let text = text.replace(from, to);
    let edition = Edition::parse(&path, &text, "/:year/:year:month:day")
        .edition
        .unwrap();
    EditionTags::extract(&edition, &edition.body_in(&text).unwrap(), facts)
}

/// Their gates and names.
pub(crate) static CATALOG: LazyLock<KepCatalog> =
    LazyLock::new(|| KepCatalog::new(&UPSTREAM.keps, &UPSTREAM.schedules));

/// Every item's Markdown.
fn markdowns() -> impl Iterator<Item = &'static str> {
    EDITIONS.iter().zip(BODIES.iter()).flat_map(|(e, body)| {
        e.sections
            .iter()
            .flat_map(|s| &s.items)
            .map(|i| body.markdown_of(i))
    })
}

/// Every plain text the finders read: items' text, and the text between the tags of each
/// edition's HTML (what the renderer links).
fn texts() -> impl Iterator<Item = &'static str> {
    let items = EDITIONS
        .iter()
        .flat_map(|e| e.sections.iter())
        .flat_map(|s| s.items.iter())
        .map(|i| &*i.text);
    items.chain(HTML.iter().flat_map(|html| html.split(['<', '>'])))
}

/// A tail that takes every finder the long way (no shortcut) and changes no match: the
/// Kelvin sign, a `k` to `(?i)`, has no ASCII stand-in.
fn long_way(text: &str) -> String {
    format!("{text} \u{212A}")
}

/// A non-ASCII tail that changes no match: group names are searched in an ASCII stand-in.
fn stand_in_way(text: &str) -> String {
    format!("{text} é")
}

#[test]
fn shortcuts_find_what_the_full_search_finds() {
    let mut named = 0;
    for text in texts().chain(markdowns()) {
        let sigs = GroupTable::get().find_in_prose(text);
        assert_eq!(
            sigs,
            GroupTable::get().find_in_prose(&long_way(text)),
            "{text}"
        );
        assert_eq!(
            sigs,
            GroupTable::get().find_in_prose(&stand_in_way(text)),
            "{text}"
        );
        assert_eq!(kep_spans(text), kep_spans(&long_way(text)), "{text}");
        named += sigs.len();
    }
    assert!(named > 1000, "the archive names groups: {named}");
    for md in markdowns() {
        let long_md = long_way(md);
        let (markup, long) = (Markup::new(md), Markup::new(&long_md));
        assert_eq!(find_keps(&markup, true), find_keps(&long, true), "{md}");
        assert_eq!(
            find_enhancement_prs(&markup),
            find_enhancement_prs(&long),
            "{md}"
        );
        assert_eq!(
            GroupTable::get().find_in_prose(&markup.prose),
            GroupTable::get().find_in_prose(&long.prose),
            "{md}"
        );
        for url in markup.urls {
            assert!(
                !GROUP_URL.is_match(url) || GroupTable::may_name_group(url),
                "{url}"
            );
        }
    }
}

#[test]
fn link_destinations_as_the_capturing_pattern_reads_them() {
    // The pattern with its groups, as Markup used it before it took matches alone.
    let groups =
        Regex::new(r#"\]\(\s*<?(?P<dest>[^)\s>]+)|(?P<bare>https?://[^\s<>()\[\]"'`*]+)"#).unwrap();
    let read = |md: &'static str| -> Vec<&'static str> {
        groups
            .captures_iter(md)
            .map(|c| c.name("dest").or_else(|| c.name("bare")).unwrap().as_str())
            .collect()
    };
    let mut links = 0;
    for md in markdowns() {
        let markup = Markup::new(md);
        assert_eq!(markup.urls, read(md), "{md}");
        links += markup.urls.len();
    }
    assert!(links > 5000, "the archive links: {links}");
}

/// A word character right before a name hides it (`\b`), any other character does not;
/// non-ASCII ones too: `’SIG Node` is SIG Node, `éSIG Node` is not.
#[test]
fn non_ascii_neighbours_of_names() {
    let mut checked = 0;
    for text in texts() {
        for (range, sig) in GroupTable::get().find_in_prose(text) {
            let around = |before: &str, after: &str| {
                format!(
                    "{}{before}{}{after}{}",
                    &text[..range.start],
                    &text[range.clone()],
                    &text[range.end..]
                )
            };
            let shifted = |s: &str| range.start + s.len();
            let quoted = around("’", "’");
            assert!(
                GroupTable::get()
                    .find_in_prose(&quoted)
                    .iter()
                    .any(|(r, s)| r.start == shifted("’") && *s == sig),
                "{quoted}"
            );
            let glued = around("é", "");
            assert!(
                !GroupTable::get()
                    .find_in_prose(&glued)
                    .iter()
                    .any(|(r, _)| r.start == shifted("é")),
                "{glued}"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000);
}
