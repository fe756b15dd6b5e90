//! What indexing the real archive costs a cold build (no cache): `cargo bench -p
//! lwkd-search`, on `../shared/lwkd-archive` (found by `lwkd-testdata`).
//!
//! The documents are the loaded editions' sections, each a passage of its heading and its
//! items' text, as the search renderer hands them over (sub-headings, which it makes
//! passages of their own, are text here; the words, and so the work, are the same). The
//! taxonomy's names and pages are left out: a few hundred short entries.

use std::borrow::Cow;

use divan::Bencher;
use lwkd_content::{Edition, LoadOptions};
use lwkd_search::{Document, Index, Passage, SearchFile};
use rayon::prelude::*;

fn main() {
    divan::main();
}

fn editions() -> Vec<Edition> {
    let archive = lwkd_testdata::archive();
    let options = LoadOptions {
        permalink: "/:year/:year:month:day".into(),
        drafts: false,
    };
    let editions = lwkd_content::load(&archive, &options).unwrap().editions;
    assert!(editions.len() > 300, "the archive: {}", editions.len());
    editions
}

fn document(edition: &Edition) -> Document<'_> {
    let passages = edition
        .sections
        .iter()
        .map(|section| Passage {
            anchor: section
                .heading
                .as_ref()
                .map(|h| Cow::Borrowed(h.id.as_str())),
            heading: Cow::Borrowed(section.heading.as_ref().map_or("", |h| h.text.as_str())),
            text: section
                .items
                .iter()
                .map(|i| format!("{}\n", i.text))
                .collect(),
        })
        .collect();
    Document {
        url: Cow::Borrowed(&edition.url),
        title: Cow::Borrowed(&edition.title),
        datetime: edition.date.to_string(),
        passages,
        tags: Vec::new(),
    }
}

/// Every edition's terms and pairs counted, and the index's files made: `editions.json`,
/// the `terms/` and `pairs/` runs, the scripts.
#[divan::bench(sample_count = 20)]
fn index(bencher: Bencher) {
    let editions = editions();
    bencher
        .with_inputs(|| editions.iter().map(document).collect::<Vec<_>>())
        .bench_local_values(|documents| {
            Index::build(documents.into_par_iter(), Vec::new()).files()
        });
}

/// Every edition's passages gzipped for excerpts: the `text/` files.
#[divan::bench(sample_count = 20)]
fn texts(bencher: Bencher) {
    let editions = editions();
    let documents: Vec<Document<'_>> = editions.iter().map(document).collect();
    bencher.bench(|| {
        documents
            .par_iter()
            .map(SearchFile::text)
            .collect::<Vec<_>>()
    });
}
