//! Issue 18: the browser splits and stems a query as the index did. `search.js` (with its
//! `stem.js`, a JavaScript Snowball English stemmer) is run by `node` on every distinct word
//! of the real archive and on every passage of every edition, and must give the terms
//! `lwkd_search::terms` (the Rust crate `rust-stemmers`) gave when the index was built.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::*;

/// Runs `script` (an ES module, which may import `search.js` from `SEARCH`) under node with
/// `input` on its standard input, and returns its standard output as JSON.
fn node(script: &str, input: &str) -> serde_json::Value {
    let search = built_archive().join("search/search.js");
    let script = script.replace("SEARCH", &format!("file://{}", search.display()));
    let mut child = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (.ci/run installs nodejs)");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "node: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every heading and text of every edition's passages, as the build wrote them.
fn archive_texts() -> Vec<String> {
    let out = built_archive();
    let mut texts = Vec::new();
    for (name, bytes) in files_below(&out.join("search/text")) {
        let passages = lwkd_search::read_text(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (_, heading, text) in passages {
            texts.extend([heading, text]);
        }
    }
    texts
}

/// Awkward cases beside the archive's own words: versions, compounds, identifiers, plurals
/// that are not, apostrophes, letters outside ASCII (some lowercase to two characters).
const TRICKY: &str = "KEP-3136's gates, 1.30.0. v1.x status this class İstanbul ǅemal naïve ÀB ﬁle 5.a.6 ..7 \
    HTTPServer IPv6 ValidatingAdmissionPolicies Büringer kube-proxy's in-place_update e.g. k8s.io/api \
    generously skies dying hoping agreement ΣΊΣΥΦΟΣ yelling sayyy";

#[test]
fn node_stems_and_splits_every_word_of_the_archive_as_the_index_does() {
    let texts = archive_texts();
    assert!(
        texts.len() > 3000,
        "every passage of the archive: {}",
        texts.len()
    );
    let words: BTreeSet<&str> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| c.is_whitespace() || "()[],;:!?\"'`*/<>=|{}".contains(c)))
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<&str> = words.into_iter().chain(TRICKY.split(' ')).collect();
    assert!(
        words.len() > 15_000,
        "the archive's vocabulary: {}",
        words.len()
    );
    let in_node = node(
        r#"import { terms } from "SEARCH";
        let input = ""; for await (const chunk of process.stdin) input += chunk;
        process.stdout.write(JSON.stringify(JSON.parse(input).map(terms)));"#,
        &serde_json::to_string(&words).unwrap(),
    );
    let in_node: Vec<Vec<String>> = serde_json::from_value(in_node).unwrap();
    let mut differ = Vec::new();
    for (word, js) in words.iter().zip(&in_node) {
        let rust: Vec<String> = lwkd_search::terms(word).collect();
        if &rust != js {
            differ.push(format!("{word:?}: index {rust:?}, browser {js:?}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} words differ:\n{}",
        differ.len(),
        words.len(),
        differ.join("\n")
    );
    // The stemmer did stem: the archive's forms of one word meet.
    let stems: Vec<Vec<String>> = ["deprecations", "deprecated", "deprecate"]
        .iter()
        .map(|w| lwkd_search::terms(w).collect())
        .collect();
    assert!(stems.iter().all(|s| s == &["deprec"]), "{stems:?}");
}

#[test]
fn node_reads_every_passage_as_the_index_does() {
    let texts = archive_texts();
    let in_node = node(
        r#"import { terms } from "SEARCH";
        let input = ""; for await (const chunk of process.stdin) input += chunk;
        process.stdout.write(JSON.stringify(JSON.parse(input).map(terms)));"#,
        &serde_json::to_string(&texts).unwrap(),
    );
    let in_node: Vec<Vec<String>> = serde_json::from_value(in_node).unwrap();
    assert_eq!(in_node.len(), texts.len());
    for (text, js) in texts.iter().zip(&in_node) {
        let rust: Vec<String> = lwkd_search::terms(text).collect();
        assert!(
            &rust == js,
            "the browser reads other terms than the index holds in {text:?}"
        );
    }
}

/// The browser looks a term up in the file the index put it in: `search.js`'s `shardOf` and
/// `shardName` against every term and pair of the archive's index (each must name the file
/// holding it), and against `lwkd_search::shard_of` on keys the index lacks.
#[test]
fn node_finds_every_term_in_the_file_the_index_put_it_in() {
    let out = built_archive();
    let editions: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/editions.json")).unwrap()).unwrap();
    let mut cases = Vec::new();
    for folder in ["terms", "pairs"] {
        let firsts: Vec<String> = serde_json::from_value(editions[folder].clone()).unwrap();
        let files = files_below(&out.join("search").join(folder));
        assert_eq!(files.len(), firsts.len(), "{folder}: a file a first key");
        for (name, bytes) in files {
            let shard: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&lwkd_search::gunzip(&bytes).unwrap()).unwrap();
            for key in shard.keys() {
                cases.push((folder, key.clone(), Some(format!("{folder}/{name}"))));
            }
        }
        // Keys the index lacks, before, between and after its own, outside ASCII too.
        for key in [
            "",
            "0",
            "a",
            "zzzz",
            "kubernetes-zz",
            "ÿ",
            "ǅ",
            "中文",
            "\u{1F600}x",
        ] {
            cases.push((folder, key.to_string(), None));
        }
    }
    assert!(cases.len() > 30_000, "every term and pair: {}", cases.len());
    let in_node = node(
        r#"import { shardOf, shardName } from "SEARCH";
        let input = ""; for await (const chunk of process.stdin) input += chunk;
        const { firsts, keys } = JSON.parse(input);
        process.stdout.write(JSON.stringify(keys.map(([folder, key]) => `${folder}/${shardName(shardOf(firsts[folder], key))}.json.gz`)));"#,
        &serde_json::json!({
            "firsts": {"terms": editions["terms"], "pairs": editions["pairs"]},
            "keys": cases.iter().map(|(f, k, _)| [*f, k.as_str()]).collect::<Vec<_>>(),
        })
        .to_string(),
    );
    let in_node: Vec<String> = serde_json::from_value(in_node).unwrap();
    let mut differ = Vec::new();
    for ((folder, key, holder), js) in cases.iter().zip(&in_node) {
        let firsts: Vec<String> = serde_json::from_value(editions[*folder].clone()).unwrap();
        let rust = format!(
            "{folder}/{}.json.gz",
            lwkd_search::shard_name(lwkd_search::shard_of(&firsts, key).unwrap())
        );
        if holder.as_ref().is_some_and(|h| h != &rust) || &rust != js {
            differ.push(format!(
                "{key:?}: held by {holder:?}, Rust {rust}, node {js}"
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} keys:\n{}",
        differ.len(),
        cases.len(),
        differ.join("\n")
    );
}

/// "Did you mean" offers a word of the archive, not the stem the index keeps: a misspelt
/// word whose nearest term is a stem (`ephemerl` is nearest `ephemer`, `contaners` nearest
/// `contain`, across a file boundary) is offered a word
/// the editions use that stems to it.
#[test]
fn a_word_with_no_hits_is_offered_a_word_of_the_archive() {
    let out = built_archive();
    let misspelt = ["ephemerl", "contaners", "schedulr"];
    let found = node(
        &r#"import { readFile } from "node:fs/promises";
        globalThis.fetch = async (url) => {
            try { return new Response(await readFile(SITE + new URL(url).pathname), { status: 200 }); }
            catch { return new Response("", { status: 404 }); }
        };
        const { SearchIndex } = await import("SEARCH");
        let input = ""; for await (const chunk of process.stdin) input += chunk;
        const out = [];
        for (const word of JSON.parse(input)) out.push((await new SearchIndex("http://site/search/", "/").search(word + " ")).suggestions);
        process.stdout.write(JSON.stringify(out));"#
            .replace("SITE", &serde_json::to_string(&out.to_string_lossy()).unwrap()),
        &serde_json::to_string(&misspelt).unwrap(),
    );
    let vocabulary: BTreeSet<String> = archive_texts()
        .iter()
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    for (word, suggestions) in misspelt.iter().zip(found.as_array().unwrap()) {
        let instead = suggestions[0]["instead"]
            .as_str()
            .unwrap_or_else(|| panic!("{word}: no suggestion: {suggestions}"));
        assert!(
            vocabulary.contains(instead),
            "{word}: {instead:?} is not a word of the archive"
        );
        assert_ne!(
            lwkd_search::terms(instead).collect::<Vec<_>>(),
            [instead],
            "{word}: {instead:?} is a stem of its own (test a word the stemmer changes)"
        );
    }
}
