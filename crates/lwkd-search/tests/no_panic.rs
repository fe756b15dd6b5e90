//! Any text indexes without a panic, into files that read back, and any query looked up as
//! `search.js` looks it up (each term in the `terms/` file `editions.json` names for it)
//! finds every document that holds it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use lwkd_search::{gunzip, read_text, shard_name, shard_of, terms, Document, Index, Page, Passage};
use proptest::prelude::*;
use rayon::prelude::*;

/// Text of words, numbers, versions, punctuation, accents, other scripts and controls.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "(gate|gates|KEP-3136|sig-node|1\\.30|v1\\.30\\.0|feature_gate|don't|naïve|Ⅻ|ﬁle|日本語|Straße|İ|ǅ) ",
        "[ .,;:!?'\"()\\[\\]{}<>/\\\\#*_`~|-]{1,3}",
        "\\PC{1,8}",
        "\\p{Cc}{1,2}",
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|p| p.concat())
}

/// A date as editions give it, at either end of chrono's calendar, or not a date.
fn datetime() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2024-01-07".to_string()),
        Just("+262142-12-31".to_string()),
        Just("-262143-01-01".to_string()),
        "[0-9+-]{1,12}",
    ]
}

fn document(
    n: usize,
    datetime: String,
    title: String,
    heading: String,
    text: String,
) -> Document<'static> {
    Document {
        url: Cow::Owned(format!("/2024/2024010{}.html", n % 10)),
        title: Cow::Owned(title),
        datetime,
        passages: vec![Passage {
            anchor: Some(Cow::Owned(heading.clone())),
            heading: Cow::Owned(heading),
            text,
        }],
        tags: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_indexes_and_any_query_is_looked_up(
        docs in proptest::collection::vec((datetime(), text(), text(), text()), 0..6),
        page_names in text(),
        query in text(),
    ) {
        let documents: Vec<Document<'static>> = docs
            .iter()
            .cloned()
            .enumerate()
            .map(|(n, (datetime, title, heading, text))| document(n, datetime, title, heading, text))
            .collect();
        let pages = vec![Page { kind: "kep", url: "/keps/1/".into(), title: page_names.clone(), names: page_names }];
        let files: BTreeMap<String, Vec<u8>> = Index::build(documents.into_par_iter(), pages)
            .files()
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect();
        for (path, contents) in &files {
            if path.ends_with(".json") {
                prop_assert!(serde_json::from_slice::<serde_json::Value>(contents).is_ok(), "{path}");
            } else if path.starts_with("text/") {
                prop_assert!(read_text(contents).is_ok(), "{path}");
            } else if path.ends_with(".json.gz") {
                let json = gunzip(contents).map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
                prop_assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok(), "{path}");
            }
        }
        let editions: serde_json::Value = serde_json::from_slice(&files["editions.json"]).unwrap();
        let firsts: Vec<String> = serde_json::from_value(editions["terms"].clone()).unwrap();
        // The documents a term's postings list, by number (each after the first a distance).
        let documents_of = |term: &str| -> Vec<u64> {
            let Some(first) = shard_of(&firsts, term) else { return Vec::new() };
            let file = gunzip(&files[&format!("terms/{}.json.gz", shard_name(first))]).unwrap();
            let shard: BTreeMap<String, Vec<u64>> = serde_json::from_slice(&file).unwrap();
            let mut at = 0;
            shard.get(term).map_or(Vec::new(), |list| {
                list.iter().step_by(2).enumerate().map(|(i, d)| { at = if i == 0 { *d } else { at + d }; at }).collect()
            })
        };
        for term in terms(&query) {
            prop_assert!(documents_of(&term).iter().all(|&d| d <= docs.len() as u64), "{term}");
        }
        for (n, (_, title, heading, text)) in docs.iter().enumerate() {
            for term in terms(title).chain(terms(heading)).chain(terms(text)) {
                prop_assert!(documents_of(&term).contains(&(n as u64)), "{term:?} of document {n}");
            }
        }
    }

    #[test]
    fn any_text_has_terms(text in "\\PC{0,200}") {
        prop_assert!(terms(&text).all(|t| !t.is_empty()));
    }
}
