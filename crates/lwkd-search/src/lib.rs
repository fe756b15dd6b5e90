//! `lwkd-search` is the site's full-text search: an index written as static files at build
//! time, and `search.js`, which queries them in the reader's browser. It knows documents
//! (a URL, a title, dates, plain text), not editions; the renderer hands them over.
//!
//! The files, below the index's folder:
//! - `editions.json`: every document, numbered by its place in the list, with its length
//!   in words (for ranking) and where its text is.
//! - `terms/<key>.json`: the terms starting with `key` ([`shard_key`]), each mapped to a
//!   flat list `[document, count, document, count, ...]`. A query fetches one small file
//!   a term instead of the whole index.
//! - `text/<page>.txt`: each document's text, for the excerpts under the results.
//! - `search.js`: the reader of all this, an ES module.
//!
//! Indexing is one pass over each document's words, in parallel. (Pagefind, used at first,
//! took longer on its own than Hugo's whole build of the archive: its API indexes one page
//! at a time, under one lock, and gzips every file at the highest level.)

mod terms;

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use terms::for_each_term;
pub use terms::{shard_key, terms};

/// The client, served as `search.js` beside the index it reads.
const SCRIPT: &str = include_str!("search.js");

/// One searchable page.
pub struct Document<'a> {
    /// Site path, e.g. `/2022/20220209.html`.
    pub url: Cow<'a, str>,
    pub title: Cow<'a, str>,
    /// The date as a reader sees it, and as `YYYY-MM-DD`.
    pub date: String,
    pub datetime: String,
    /// What is searched and quoted.
    pub text: String,
}

impl Document<'_> {
    /// For work that outlives the pages it indexes.
    pub fn into_owned(self) -> Document<'static> {
        let Document { url, title, date, datetime, text } = self;
        Document { url: Cow::Owned(url.into_owned()), title: Cow::Owned(title.into_owned()), date, datetime, text }
    }
}

/// A file of the index: its path below the index's folder, and its text.
pub struct SearchFile {
    pub path: String,
    pub contents: String,
}

impl SearchFile {
    /// A document's text file, which excerpts are cut from.
    pub fn text(document: &Document<'_>) -> SearchFile {
        SearchFile { path: text_path(&document.url), contents: document.text.clone() }
    }
}

/// What `editions.json` says of a document.
#[derive(Serialize)]
struct Entry {
    url: String,
    title: String,
    date: String,
    datetime: String,
    words: u32,
    text: String,
}

#[derive(Serialize)]
struct Editions<'a> {
    editions: Vec<&'a Entry>,
}

/// Every term's postings: `(document, count)`.
type Postings = FxHashMap<String, Vec<(u32, u32)>>;

/// One term's postings.
type TermPostings = (String, Vec<(u32, u32)>);

/// The index of a list of documents.
pub struct Index {
    /// With their document numbers: the parallel build hands them back in runs.
    entries: Vec<(u32, Entry)>,
    postings: Postings,
}

impl Index {
    /// Indexes `documents`, in parallel, numbered in their order.
    pub fn build<'a>(documents: impl IndexedParallelIterator<Item = Document<'a>>) -> Index {
        let (entries, postings) = documents
            .enumerate()
            .fold(
                || (Vec::new(), Postings::default()),
                |(mut entries, mut postings), (n, doc)| {
                    let n = n as u32;
                    let mut words = 0;
                    for_each_term(&doc.text, |term| {
                        words += 1;
                        // A term's postings end with this document's once it has been seen.
                        match postings.get_mut(term) {
                            Some(list) => match list.last_mut() {
                                Some((last, count)) if *last == n => *count += 1,
                                _ => list.push((n, 1)),
                            },
                            None => drop(postings.insert(term.to_string(), vec![(n, 1)])),
                        }
                    });
                    let text = text_path(&doc.url);
                    entries.push((n, Entry { url: doc.url.into_owned(), title: doc.title.into_owned(), date: doc.date, datetime: doc.datetime, words, text }));
                    (entries, postings)
                },
            )
            .reduce(|| (Vec::new(), Postings::default()), join);
        Index { entries, postings }
    }

    /// `editions.json`, every `terms/<key>.json` and `search.js`.
    pub fn files(mut self) -> Vec<SearchFile> {
        self.entries.sort_unstable_by_key(|(n, _)| *n);
        let mut shards: FxHashMap<String, Vec<TermPostings>> = FxHashMap::default();
        for (term, postings) in self.postings {
            shards.entry(shard_key(&term)).or_default().push((term, postings));
        }
        let mut files: Vec<SearchFile> = shards
            .into_par_iter()
            .map(|(key, mut terms)| {
                terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                for (_, postings) in &mut terms {
                    postings.sort_unstable();
                }
                SearchFile { path: format!("terms/{key}.json"), contents: shard_json(&terms) }
            })
            .collect();
        let editions = Editions { editions: self.entries.iter().map(|(_, entry)| entry).collect() };
        files.push(SearchFile { path: "editions.json".into(), contents: serde_json::to_string(&editions).expect("strings and numbers serialise") });
        files.push(SearchFile { path: "search.js".into(), contents: SCRIPT.into() });
        files
    }
}

/// Two runs of documents as one.
fn join((mut entries, mut postings): (Vec<(u32, Entry)>, Postings), (more, other): (Vec<(u32, Entry)>, Postings)) -> (Vec<(u32, Entry)>, Postings) {
    entries.extend(more);
    for (term, list) in other {
        postings.entry(term).or_default().extend(list);
    }
    (entries, postings)
}

/// `{"term":[document,count,...],...}`, terms in order.
fn shard_json(terms: &[TermPostings]) -> String {
    let mut json = String::with_capacity(terms.iter().map(|(t, p)| t.len() + 8 * p.len() + 8).sum());
    let mut number = itoa::Buffer::new();
    json.push('{');
    for (n, (term, postings)) in terms.iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        // Letters, digits and dots: nothing in a term needs escaping.
        json.push('"');
        json.push_str(term);
        json.push_str("\":[");
        for (m, (document, count)) in postings.iter().enumerate() {
            if m > 0 {
                json.push(',');
            }
            json.push_str(number.format(*document));
            json.push(',');
            json.push_str(number.format(*count));
        }
        json.push(']');
    }
    json.push_str("}\n");
    json
}

/// Where a page's text goes: `/2022/20220209.html` has `text/2022/20220209.txt`.
fn text_path(url: &str) -> String {
    let page = url.trim_start_matches('/');
    let page = page.strip_suffix(".html").unwrap_or(page);
    format!("text/{page}.txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(url: &'static str, text: &str) -> Document<'static> {
        Document { url: Cow::Borrowed(url), title: Cow::Borrowed("T"), date: "D".into(), datetime: "2024-01-01".into(), text: text.into() }
    }

    #[test]
    fn files_of_an_index() {
        // Enough documents for rayon to split them into runs, joined in any order.
        let texts: Vec<String> = (0..200).map(|n| format!("Gates gate {} nftables", if n % 2 == 0 { "even" } else { "odd odd" })).collect();
        let urls: Vec<&'static str> = (0..200).map(|n| &*Box::leak(format!("/2024/{n}.html").into_boxed_str())).collect();
        let index = Index::build((0..200).into_par_iter().map(|n| document(urls[n], &texts[n])));
        let files: std::collections::BTreeMap<String, String> = index.files().into_iter().map(|f| (f.path, f.contents)).collect();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["editions.json", "search.js", "terms/ev.json", "terms/ga.json", "terms/nf.json", "terms/od.json"]);
        let editions: serde_json::Value = serde_json::from_str(&files["editions.json"]).unwrap();
        let editions = editions["editions"].as_array().unwrap();
        assert_eq!(editions.len(), 200);
        for (n, e) in editions.iter().enumerate() {
            assert_eq!(e["url"], urls[n], "numbered in order");
            assert_eq!(e["text"], format!("text/2024/{n}.txt"));
            assert_eq!(e["words"], if n % 2 == 0 { 4 } else { 5 });
        }
        let gate: serde_json::Value = serde_json::from_str(&files["terms/ga.json"]).unwrap();
        let expected: Vec<u32> = (0..200).flat_map(|n| [n, 2]).collect();
        assert_eq!(gate["gate"], serde_json::json!(expected), "both gates, every document, in order");
        let odd: serde_json::Value = serde_json::from_str(&files["terms/od.json"]).unwrap();
        assert_eq!(odd["odd"].as_array().unwrap().len(), 200, "100 documents, twice each: {odd}");
        assert_eq!((&odd["odd"][0], &odd["odd"][1]), (&serde_json::json!(1), &serde_json::json!(2)));
    }
}
