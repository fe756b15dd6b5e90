//! `lwkd-search` is the site's full-text search: an index written as static files at build
//! time, and `search.js`, which queries them in the reader's browser. It knows documents
//! (a URL, a title, dates, passages of text under headings) and pages that answer a query
//! by name (a KEP's, a SIG's, a release's), not editions or KEPs; the renderer hands them over.
//!
//! The files, below the index's folder:
//! - `editions.json`: every document as `[YYYY-MM-DD, length in terms]`, and its URL and
//!   title after those when they are not the default (`/2024/20240317.html`, `Week Ending
//!   March 17, 2024`; a title naming another day as days from the date): every query
//!   fetches the list. Documents are numbered by their place in it. Also how many pages
//!   there are, and the first key of each `terms/` and `pairs/` file.
//! - `terms/<name>.json.gz`: a run of neighbouring terms in sorted order ([`shards`] cuts them
//!   by content and size; `editions.json` lists where each run begins, the shortest
//!   beginning of its first term after the run before, and the file is named by it,
//!   [`shard_name`]), each term mapped to a flat list `[document, weight,
//!   document, weight, ...]`, each document number after the first written as its distance
//!   from the one before: a term's count in the document, an occurrence in its title or a
//!   heading counting [`TITLE_WEIGHT`] or [`HEADING_WEIGHT`]. Pages are numbered after the
//!   documents. A query fetches one small file a term instead of the whole index.
//! - `pairs/<name>.json.gz`: the same for pairs of words side by side, `"<first> <second>"`
//!   (each word by its last term, the word whole), found in at least
//!   [`PAIR_MIN_DOCUMENTS`] documents: a query of several words ranks first the documents
//!   that hold them together (`feature gates`).
//! - `pages/<n>.json`: pages `n * PAGE_CHUNK ..` as `[kind, url, title]`; a query fetches
//!   the chunks of the pages it matched.
//! - `text/<page>.json.gz`: each document's passages `[anchor, heading, text]`, for the
//!   excerpts under the results, phrases and deep links.
//!
//! The `terms/`, `pairs/` and `text/` files are gzipped, as pagefind does its index and its
//! fragments, for the browser's `DecompressionStream`: they are most of a query's bytes, and
//! two thirds of the index's, which gzip cuts to a third.
//! - `search.js`: the reader of all this, an ES module, and `stem.js`, the stemmer it imports,
//!   served without their whole-line comments and indentation ([`served_script`]).
//!
//! Indexing is one pass over each document's words, a run of documents a thread: a run
//! numbers terms as it meets them, remembers each word's terms as numbers, and keeps a
//! postings list a term number; then the runs' numbers are mapped to one vocabulary, and
//! pairs of words are numbered and counted the same way, by their terms' numbers.
//! On the archive that is 75-85 ms of CPU (maps from each term's string to its postings,
//! filled per thread and joined, took 180-250 ms, most of it in malloc and rehashing;
//! pairs counted by one sort after the runs took 10 ms less and twice the memory).
//! Pagefind, used at first, took longer on its own than Hugo's whole build of the archive:
//! its API indexes one page at a time, under one lock, and gzips every file at the highest
//! level.

mod postings;
mod shards;
mod terms;

use std::borrow::Cow;
use std::collections::hash_map;
use std::io::{Read, Write};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use postings::Postings;
pub use shards::{shard_name, shard_of};
pub use terms::terms;
use terms::Analyser;

/// The client, served as `search.js` beside the index it reads.
const SCRIPT: &str = include_str!("search.js");
/// The Snowball English stemmer in JavaScript, which `search.js` imports.
const STEMMER: &str = include_str!("stem.js");

/// What one occurrence of a term in a document's title counts (BM25F's field weight); one
/// in a heading; one in the text counts 1. LWKD's headings name the subject of what
/// follows (`KEP 4639: ...`, `Feature Deprecations`).
pub const TITLE_WEIGHT: u32 = 3;
pub const HEADING_WEIGHT: u32 = 3;

/// A pair of words side by side is kept when this many documents hold it: a pair in one
/// document alone was two thirds of the pairs' bytes, and ranks one document it already
/// holds every word of.
pub const PAIR_MIN_DOCUMENTS: usize = 2;

/// Pages a `pages/<n>.json` file lists: a query fetches the files of the pages its words
/// name, most of which it does not show (a title naming "deprecations" for `deprecations`),
/// so they are small (of 50, a first query fetched 6.5 KB of them).
pub const PAGE_CHUNK: usize = 10;

/// One searchable page.
pub struct Document<'a> {
    /// Site path, e.g. `/2022/20220209.html`.
    pub url: Cow<'a, str>,
    pub title: Cow<'a, str>,
    /// `YYYY-MM-DD`.
    pub datetime: String,
    /// What is searched and quoted, in order.
    pub passages: Vec<Passage<'a>>,
    /// Names of what the document mentions however it is written (`sig-node` for "SIG
    /// Node", "#sig-node" or a link; `KEP-3136`), each indexed as its whole term once a
    /// mention: a query `SIG Node` finds them as the pair `sig-node`.
    pub tags: Vec<String>,
}

/// The text under one heading of a document.
pub struct Passage<'a> {
    /// The heading's id in the page, for deep links; `None` before the first heading.
    pub anchor: Option<Cow<'a, str>>,
    pub heading: Cow<'a, str>,
    pub text: String,
}

impl Document<'_> {
    /// For work that outlives the pages it indexes.
    pub fn into_owned(self) -> Document<'static> {
        let Document {
            url,
            title,
            datetime,
            passages,
            tags,
        } = self;
        let passages = passages
            .into_iter()
            .map(|p| Passage {
                anchor: p.anchor.map(|a| Cow::Owned(a.into_owned())),
                heading: Cow::Owned(p.heading.into_owned()),
                text: p.text,
            })
            .collect();
        Document {
            url: Cow::Owned(url.into_owned()),
            title: Cow::Owned(title.into_owned()),
            datetime,
            passages,
            tags,
        }
    }
}

/// A page that answers a query by name: shown before the documents when every word of the
/// query is among its `names`.
#[derive(Clone, Serialize)]
pub struct Page {
    /// `kep`, `sig` or `release`.
    pub kind: &'static str,
    pub url: String,
    pub title: String,
    /// What it is called: `KEP-3136 3136 <its title> <its feature gates>`.
    pub names: String,
}

/// A file of the index: its path below the index's folder, and its bytes.
pub struct SearchFile {
    pub path: String,
    pub contents: Vec<u8>,
}

impl SearchFile {
    /// A document's passages, which excerpts are cut from.
    pub fn text(document: &Document<'_>) -> SearchFile {
        let rows: Vec<(Option<&str>, &str, &str)> = document
            .passages
            .iter()
            .map(|p| (p.anchor.as_deref(), &*p.heading, p.text.as_str()))
            .collect();
        SearchFile {
            path: text_path(&document.url),
            contents: gzip(&serde_json::to_vec(&rows).expect("strings serialise")),
        }
    }
}

/// `bytes` gzipped at level 4: 30% smaller than level 1 (480 KB less on the archive, to
/// store and for readers to fetch), and 1% larger than the default level 6 for two thirds of
/// its time (at a hundred times the archive, 2.8 s of CPU against 4.1, measured on the
/// index's own files). A warm build takes the files it made before from the page cache.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gzip = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(4),
    );
    gzip.write_all(bytes).expect("writing to memory");
    gzip.finish().expect("writing to memory")
}

/// A gzipped file of the index (`.json.gz`), as the browser's `DecompressionStream` reads it.
pub fn gunzip(contents: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(contents.len() * 3);
    flate2::read::GzDecoder::new(contents).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The passages `[anchor, heading, text]` of a document's text file, as written by
/// [`SearchFile::text`].
pub fn read_text(contents: &[u8]) -> std::io::Result<Vec<(Option<String>, String, String)>> {
    Ok(serde_json::from_slice(&gunzip(contents)?)?)
}

/// A script as served: without its whole-line comments and its lines' indentation, a third
/// of `search.js` that every reader's first query would fetch. (Neither script has a string
/// or template spanning lines, which this would change.)
pub fn served_script(source: &str) -> String {
    let mut served = String::with_capacity(source.len());
    for line in source.lines().map(str::trim_start) {
        if !line.is_empty() && !line.starts_with("//") {
            served.push_str(line);
            served.push('\n');
        }
    }
    served
}

/// What `editions.json` says of a document: `[datetime, words, url, title]`, the date as the
/// number of days after the document before's (`7`; the first, and any date that is none,
/// as written), the last two
/// `null` or left out when they are the default, and the title as a number of days when it
/// is the default title of the date so many days off (`-3` for `Week Ending March 14,
/// 2024` on `2024-03-17`: LWKD publishes an edition days after the Sunday it names). A list,
/// not an object: every query fetches it.
struct Entry {
    url: String,
    title: String,
    datetime: String,
    words: u32,
}

/// Days a title may name away from its edition's date.
const TITLE_DAYS: i64 = 7;

/// An [`Entry`] as listed, after the document before's, whose date it is written from.
struct Listed<'a> {
    entry: &'a Entry,
    before: Option<&'a Entry>,
}

fn parse_date(datetime: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(datetime, "%Y-%m-%d").ok()
}

impl Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let entry = self.entry;
        let url = (entry.url != default_url(&entry.datetime)).then_some(&entry.url);
        let date = parse_date(&entry.datetime);
        let after = self.before.and_then(|before| parse_date(&before.datetime));
        let when = match (date, after) {
            (Some(date), Some(after)) => serde_json::Value::from((date - after).num_days()),
            _ => serde_json::Value::from(entry.datetime.as_str()),
        };
        let days = date.and_then(|date| {
            (-TITLE_DAYS..=TITLE_DAYS).find(|&days| {
                // Near the end of chrono's calendar there is no such day to compare.
                date.checked_add_signed(chrono::Duration::days(days))
                    .is_some_and(|day| default_title(day) == entry.title)
            })
        });
        let title = match days {
            Some(0) => None,
            Some(days) => Some(serde_json::Value::from(days)),
            None => Some(serde_json::Value::from(entry.title.as_str())),
        };
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&when)?;
        seq.serialize_element(&entry.words)?;
        if url.is_some() || title.is_some() {
            seq.serialize_element(&url)?;
        }
        if let Some(title) = title {
            seq.serialize_element(&title)?;
        }
        seq.end()
    }
}

/// `/2024/20240317.html` for `2024-03-17`: lwkd.info's permalink, which `search.js` assumes.
fn default_url(datetime: &str) -> String {
    format!(
        "/{}/{}.html",
        datetime.get(..4).unwrap_or_default(),
        datetime.replace('-', "")
    )
}

/// `Week Ending March 17, 2024` for 2024-03-17, as LWKD titles its editions.
fn default_title(date: chrono::NaiveDate) -> String {
    date.format("Week Ending %B %-d, %Y").to_string()
}

#[derive(Serialize)]
struct Editions<'a> {
    editions: Vec<Listed<'a>>,
    pages: usize,
    page_chunk: usize,
    /// The first term of each `terms/` file, in order.
    terms: Vec<String>,
    /// The first pair of each `pairs/` file, in order.
    pairs: Vec<String>,
}

/// Two words side by side, by the numbers of their whole terms.
type Pair = (u32, u32);

/// The index of a list of documents.
pub struct Index {
    entries: Vec<Entry>,
    pages: Vec<Page>,
    /// Every term, by number.
    terms: Vec<String>,
    /// Each term's postings, by its number.
    postings: Vec<Postings>,
    /// The pairs kept, with their postings.
    pairs: Vec<(Pair, Postings)>,
}

/// The documents of a run, indexed with terms numbered as the run met them.
struct Run {
    entries: Vec<Entry>,
    analyser: Analyser,
    /// Each term's postings, by its number in the run.
    postings: Vec<Postings>,
    /// Each pair of words met (its terms' numbers in the run), by its number in the run.
    pairs: Vec<Pair>,
    /// The number of each pair in `pairs`, by its terms' numbers as one (hashed once a pair
    /// of words met, one number hashes faster than two: the archive's index in 84 ms
    /// against 91, medians).
    pair_numbers: FxHashMap<u64, u32>,
    /// Each pair's postings, by its number. (A list of every occurrence, counted by one
    /// sort once all runs were in, held 16 bytes an occurrence, twice while the runs were
    /// joined: 0.5 GB at a hundred times the archive, synthetic.)
    pair_postings: Vec<Postings>,
}

impl Run {
    fn new() -> Run {
        Run {
            entries: Vec::new(),
            analyser: Analyser::new(),
            postings: Vec::new(),
            pairs: Vec::new(),
            pair_numbers: FxHashMap::default(),
            pair_postings: Vec::new(),
        }
    }

    /// Counts the terms of `doc` and its pairs of words, as document `n`.
    fn add(&mut self, n: u32, doc: Document<'_>) {
        let Run {
            analyser,
            postings,
            pairs,
            pair_numbers,
            pair_postings,
            ..
        } = self;
        let mut words = 0;
        let mut field = |text: &str, weight: u32| {
            let mut previous: Option<u32> = None;
            analyser.for_each_word(text, |terms| {
                for &term in terms {
                    words += 1;
                    postings_of(postings, term).add(n, weight);
                }
                let whole = terms.last().copied();
                if let (Some(first), Some(second)) = (previous, whole) {
                    let number = *pair_numbers
                        .entry(u64::from(first) << 32 | u64::from(second))
                        .or_insert_with(|| {
                            pairs.push((first, second));
                            pairs.len() as u32 - 1
                        });
                    postings_of(pair_postings, number).add(n, weight);
                }
                previous = whole;
            })
        };
        field(&doc.title, TITLE_WEIGHT);
        for passage in &doc.passages {
            field(&passage.heading, HEADING_WEIGHT);
            field(&passage.text, 1);
        }
        for tag in &doc.tags {
            if let Some(whole) = analyser.whole_term(tag) {
                postings_of(postings, whole).add(n, 1);
            }
        }
        self.entries.push(Entry {
            url: doc.url.into_owned(),
            title: doc.title.into_owned(),
            datetime: doc.datetime,
            words,
        });
    }
}

/// The postings of term number `term`, which may be new.
fn postings_of(postings: &mut Vec<Postings>, term: u32) -> &mut Postings {
    let term = term as usize;
    if postings.len() <= term {
        postings.resize_with(term + 1, Postings::default);
    }
    &mut postings[term]
}

impl Index {
    /// Indexes `documents`, in parallel, numbered in their order, then `pages`.
    pub fn build<'a>(
        documents: impl IndexedParallelIterator<Item = Document<'a>>,
        pages: Vec<Page>,
    ) -> Index {
        let first_page = documents.len() as u32;
        // A run a thread, each with its own numbers for terms: a run stems again the words
        // the others met (four runs on two threads took a fifth longer), and renumbering a
        // run's terms is cheap.
        let run = documents
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(1);
        let mut runs: Vec<Run> = documents
            .enumerate()
            .with_min_len(run)
            .fold(Run::new, |mut run, (n, doc)| {
                run.add(n as u32, doc);
                run
            })
            .collect();
        let mut names = Run::new();
        for (n, page) in pages.iter().enumerate() {
            let Run {
                analyser, postings, ..
            } = &mut names;
            analyser.for_each_word(&page.names, |terms| {
                for &term in terms {
                    postings_of(postings, term).add(first_page + n as u32, 1);
                }
            });
        }
        runs.push(names);
        let mut index = Index {
            entries: Vec::new(),
            pages,
            terms: Vec::new(),
            postings: Vec::new(),
            pairs: Vec::new(),
        };
        let mut vocabulary = terms::Vocabulary::default();
        // Where each pair is in `index.pairs`.
        let mut pair_places: FxHashMap<Pair, usize> = FxHashMap::default();
        // In document order, so that each term's postings are too.
        for run in runs {
            index.entries.extend(run.entries);
            let numbers: Vec<u32> = run
                .analyser
                .vocabulary
                .terms
                .into_iter()
                .map(|term| vocabulary.number(term))
                .collect();
            index
                .postings
                .resize_with(vocabulary.terms.len(), Postings::default);
            for (term, list) in run.postings.into_iter().enumerate() {
                index.postings[numbers[term] as usize].append(list);
            }
            for ((first, second), list) in run.pairs.into_iter().zip(run.pair_postings) {
                let pair = (numbers[first as usize], numbers[second as usize]);
                match pair_places.entry(pair) {
                    hash_map::Entry::Occupied(place) => index.pairs[*place.get()].1.append(list),
                    hash_map::Entry::Vacant(place) => {
                        place.insert(index.pairs.len());
                        index.pairs.push((pair, list));
                    }
                }
            }
        }
        index.terms = vocabulary.terms;
        index
            .pairs
            .retain(|(_, postings)| postings.len() >= PAIR_MIN_DOCUMENTS);
        index
    }

    /// `editions.json`, the `terms/` and `pairs/` files, `pages/<n>.json`, `search.js` and
    /// `stem.js`.
    pub fn files(self) -> Vec<SearchFile> {
        let terms = &self.terms;
        let pairs: Vec<(String, Postings)> = self
            .pairs
            .into_iter()
            .map(|((first, second), postings)| {
                let key = format!("{} {}", terms[first as usize], terms[second as usize]);
                (key, postings)
            })
            .collect();
        let (pairs, pair_files) = shard_files("pairs", pairs, &shards::PAIRS);
        let (terms, mut files) = shard_files(
            "terms",
            self.terms.into_iter().zip(self.postings),
            &shards::TERMS,
        );
        files.extend(pair_files);
        let editions = Editions {
            editions: (0..self.entries.len())
                .map(|n| Listed {
                    entry: &self.entries[n],
                    before: n.checked_sub(1).map(|b| &self.entries[b]),
                })
                .collect(),
            pages: self.pages.len(),
            page_chunk: PAGE_CHUNK,
            terms,
            pairs,
        };
        files.push(SearchFile {
            path: "editions.json".into(),
            contents: serde_json::to_vec(&editions).expect("strings and numbers serialise"),
        });
        for (n, chunk) in self.pages.chunks(PAGE_CHUNK).enumerate() {
            let rows: Vec<[&str; 3]> = chunk.iter().map(|p| [p.kind, &p.url, &p.title]).collect();
            files.push(SearchFile {
                path: format!("pages/{n}.json"),
                contents: serde_json::to_vec(&rows).expect("strings serialise"),
            });
        }
        for (path, source) in [("search.js", SCRIPT), ("stem.js", STEMMER)] {
            files.push(SearchFile {
                path: path.into(),
                contents: served_script(source).into_bytes(),
            });
        }
        files
    }
}

/// The files of `folder` for `postings`, cut as `layout` says, and the first key of each.
fn shard_files(
    folder: &str,
    postings: impl IntoIterator<Item = (String, Postings)>,
    layout: &shards::Layout,
) -> (Vec<String>, Vec<SearchFile>) {
    let mut entries: Vec<(String, String)> = postings
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(key, list)| {
            let json = entry_json(&key, &list);
            (key, json)
        })
        .collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    let sizes: Vec<usize> = entries.iter().map(|(_, json)| json.len() + 1).collect();
    let mut starts = shards::cut(&keys, &sizes, layout);
    // Each file by the shortest beginning of its first key that sorts after the last key
    // of the file before: what a lookup needs, in a third fewer bytes.
    let firsts: Vec<String> = starts
        .iter()
        .map(|&n| match n.checked_sub(1) {
            Some(last) => shards::separator(keys[last], keys[n]).to_string(),
            None => keys[n].to_string(),
        })
        .collect();
    starts.push(entries.len());
    let runs: Vec<(&[usize], &String)> = starts.windows(2).zip(&firsts).collect();
    let files = runs
        .into_par_iter()
        .map(|(run, first)| {
            let run = &entries[run[0]..run[1]];
            let mut json = String::with_capacity(run.iter().map(|(_, j)| j.len() + 1).sum());
            json.push('{');
            for (n, (_, entry)) in run.iter().enumerate() {
                if n > 0 {
                    json.push(',');
                }
                json.push_str(entry);
            }
            json.push_str("}\n");
            SearchFile {
                path: format!("{folder}/{}.json.gz", shard_name(first)),
                contents: gzip(json.as_bytes()),
            }
        })
        .collect();
    (firsts, files)
}

/// `"term":[document,weight,...]`, each document after the first as its distance from the
/// one before.
fn entry_json(term: &str, postings: &Postings) -> String {
    let mut json = String::with_capacity(term.len() + 6 * postings.len() + 6);
    let mut number = itoa::Buffer::new();
    // Letters, digits, dots, dashes and a pair's space: nothing needs escaping.
    json.push('"');
    json.push_str(term);
    json.push_str("\":[");
    for (m, (gap, weight)) in postings.gaps().enumerate() {
        if m > 0 {
            json.push(',');
        }
        json.push_str(number.format(gap));
        json.push(',');
        json.push_str(number.format(weight));
    }
    json.push(']');
    json
}

/// Where a page's text goes: `/2022/20220209.html` has `text/2022/20220209.json.gz`.
pub fn text_path(url: &str) -> String {
    let page = url.trim_start_matches('/');
    let page = page.strip_suffix(".html").unwrap_or(page);
    format!("text/{page}.json.gz")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn document(url: &'static str, heading: &'static str, text: &str) -> Document<'static> {
        let passages = vec![Passage {
            anchor: Some(Cow::Borrowed("h")),
            heading: Cow::Borrowed(heading),
            text: text.into(),
        }];
        Document {
            url: Cow::Borrowed(url),
            title: Cow::Borrowed("Week"),
            datetime: "2024-01-01".into(),
            passages,
            tags: vec!["sig-node".into()],
        }
    }

    #[test]
    fn entries_leave_out_what_is_the_default() {
        let entry = |url: &str, title: &str| {
            serde_json::to_string(&Listed {
                entry: &Entry {
                    url: url.into(),
                    title: title.into(),
                    datetime: "2024-03-07".into(),
                    words: 9,
                },
                before: None,
            })
            .unwrap()
        };
        assert_eq!(
            entry("/2024/20240307.html", "Week Ending March 7, 2024"),
            r#"["2024-03-07",9]"#
        );
        assert_eq!(
            entry("/2024/20240307.html", "Week Ending March 3, 2024"),
            r#"["2024-03-07",9,null,-4]"#
        );
        assert_eq!(
            entry("/2024/20240307.html", "Week Ending March 3rd, 2024"),
            r#"["2024-03-07",9,null,"Week Ending March 3rd, 2024"]"#
        );
        assert_eq!(
            entry("/2024/20240307.html", "Week Ending March 17, 2024"),
            r#"["2024-03-07",9,null,"Week Ending March 17, 2024"]"#,
            "ten days off is another week"
        );
        assert_eq!(
            entry("/x.html", "Week Ending March 7, 2024"),
            r#"["2024-03-07",9,"/x.html"]"#
        );
        let after = |datetime: &str, before: &str| {
            let entry = |datetime: &str| Entry {
                url: "/x.html".into(),
                title: "Title".into(),
                datetime: datetime.into(),
                words: 9,
            };
            let (entry, before) = (entry(datetime), entry(before));
            let listed = Listed {
                entry: &entry,
                before: Some(&before),
            };
            serde_json::to_value(&listed).unwrap()[0].clone()
        };
        assert_eq!(
            after("2024-03-07", "2024-02-28"),
            8,
            "days after the one before"
        );
        assert_eq!(after("2024-02-28", "2024-03-07"), -8);
        assert_eq!(after("2024-03-07", "someday"), "2024-03-07");
        assert_eq!(after("someday", "2024-03-07"), "someday");
    }

    #[test]
    fn scripts_are_served_without_comments_and_indentation() {
        assert_eq!(
            served_script("// Why.\nfunction f() {\n  // Because.\n  return \"//\";\n}\n\n"),
            "function f() {\nreturn \"//\";\n}\n"
        );
        let served = served_script(SCRIPT);
        assert!(
            served.len() * 4 < SCRIPT.len() * 3,
            "{} of {}",
            served.len(),
            SCRIPT.len()
        );
        assert!(served.contains("export class SearchIndex"));
    }

    #[test]
    fn text_files_read_back() {
        let doc = document("/2024/1.html", "Gate news", "Gates gate");
        let file = SearchFile::text(&doc);
        assert_eq!(file.path, "text/2024/1.json.gz");
        assert_eq!(
            read_text(&file.contents).unwrap(),
            [(
                Some("h".to_string()),
                "Gate news".to_string(),
                "Gates gate".to_string()
            )]
        );
    }

    #[test]
    fn files_of_an_index() {
        // Enough documents for rayon to split them into runs, joined in any order.
        let texts: Vec<String> = (0..200)
            .map(|n| {
                format!(
                    "Gates gate {} nftables",
                    if n % 2 == 0 { "even" } else { "odd odd" }
                )
            })
            .collect();
        let urls: Vec<&'static str> = (0..200)
            .map(|n| &*Box::leak(format!("/2024/{n}.html").into_boxed_str()))
            .collect();
        let pages = vec![Page {
            kind: "kep",
            url: "/keps/3136/".into(),
            title: "Odd gates".into(),
            names: "KEP-3136 Odd gates".into(),
        }];
        let index = Index::build(
            (0..200)
                .into_par_iter()
                .map(|n| document(urls[n], "Gate news", &texts[n])),
            pages,
        );
        let files: BTreeMap<String, Vec<u8>> = index
            .files()
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect();
        let editions: serde_json::Value = serde_json::from_slice(&files["editions.json"]).unwrap();
        assert_eq!(editions["pages"], 1);
        // A term's postings, from the file `editions.json` says holds it, numbers in full.
        let postings = |folder: &str, key: &str| -> Option<Vec<u32>> {
            let firsts: Vec<String> = serde_json::from_value(editions[folder].clone()).unwrap();
            let first = shard_of(&firsts, key)?;
            let file = &files[&format!("{folder}/{}.json.gz", shard_name(first))];
            let shard: BTreeMap<String, Vec<u32>> =
                serde_json::from_slice(&gunzip(file).unwrap()).unwrap();
            let mut list = shard.get(key)?.clone();
            for i in (2..list.len()).step_by(2) {
                list[i] += list[i - 2];
            }
            Some(list)
        };
        let names: Vec<&String> = files.keys().filter(|k| !k.contains('/')).collect();
        assert_eq!(names, ["editions.json", "search.js", "stem.js"]);
        assert_eq!(
            files.keys().filter(|k| k.starts_with("terms/")).count(),
            editions["terms"].as_array().unwrap().len()
        );
        let editions = editions["editions"].as_array().unwrap();
        assert_eq!(editions.len(), 200);
        for (n, e) in editions.iter().enumerate() {
            assert_eq!(e[2], urls[n], "numbered in order");
            let date = if n == 0 {
                "2024-01-01".into()
            } else {
                serde_json::json!(0)
            };
            assert_eq!((&e[0], &e[3]), (&date, &serde_json::json!("Week")));
            // Title, heading (2) and text.
            assert_eq!(e[1], if n % 2 == 0 { 7 } else { 8 });
        }
        // Twice in the text, once in the heading: 2 + HEADING_WEIGHT; then the page.
        let mut expected: Vec<u32> = (0..200).flat_map(|n| [n, 2 + HEADING_WEIGHT]).collect();
        expected.extend([200, 1]);
        assert_eq!(
            postings("terms", "gate").unwrap(),
            expected,
            "both gates, every document, in order"
        );
        let odd = postings("terms", "odd").unwrap();
        assert_eq!(odd.len(), 202, "100 documents, twice each, and the page");
        assert_eq!(odd[..2], [1, 2]);
        assert_eq!(postings("terms", "kep-3136").unwrap(), [200, 1]);
        assert_eq!(
            postings("terms", "sig-node").unwrap().len(),
            400,
            "a tag, in every document"
        );
        assert!(
            postings("terms", "sig").is_none(),
            "a tag is its whole term only"
        );
        assert_eq!(
            files["pages/0.json"],
            br#"[["kep","/keps/3136/","Odd gates"]]"#
        );
        assert_eq!(postings("pairs", "gate gate").unwrap()[..4], [0, 1, 1, 1]);
        assert_eq!(
            postings("pairs", "gate news").unwrap()[..2],
            [0, HEADING_WEIGHT]
        );
        assert_eq!(postings("pairs", "gate odd").unwrap()[..2], [1, 1]);
        assert_eq!(postings("pairs", "gate even").unwrap().len(), 200);
        assert_eq!(postings("terms", "week").unwrap()[1], TITLE_WEIGHT);
    }
}
