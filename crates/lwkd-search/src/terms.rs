//! How text becomes terms. `search.js` splits a query by the same rules (its `WORD`,
//! `wordTerms` and `stem`); `tests/site/search_terms.rs` holds both to them on the whole archive.
//!
//! A word is a run of letters and digits, joined across a `-`, `_` or `.` between two of
//! them (`kube-proxy`, `v1.30.2`, `k8s.io`). Its parts are what the connectors separate, but
//! a dot between two digits, which belongs to a version. A word gives the terms of each part
//! and, when it has several, itself whole: the parts' terms joined by `-` (`kube-proxy` is
//! `kube`, `proxi` and `kube-proxi`). A part in CamelCase gives its pieces and itself whole
//! (`ValidatingAdmissionPolicy`: `valid`, `admiss`, `polici`, `validatingadmiss`,
//! `validatingadmissionpolici`), its beginnings included;
//! a version drops a leading `v` and gives its release too (`v1.30.2`: `1.30.2`, `1.30`).
//! A term is lowercased, stripped of accents (`Büringer` is `buringer`), stemmed by the
//! Snowball English stemmer when it is all ASCII letters, and at least two characters long.

use std::borrow::Cow;

use lwkd_words::stem;
use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The terms of `text`, in order, repeats included.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut buffer = Vec::new();
    words(text).flat_map(move |word| {
        buffer.clear();
        word_terms(word, &mut buffer);
        std::mem::take(&mut buffer)
    })
}

/// Splits text into words and words into terms, numbering each term as it is first met
/// and remembering each word's terms: an archive has a few tens of thousands of distinct
/// words in some hundreds of thousands, and some ten thousand terms.
pub(crate) struct Analyser {
    /// Each word met, and where its terms' numbers are in `known_terms`.
    known: FxHashMap<String, (u32, u32)>,
    known_terms: Vec<u32>,
    pub(crate) vocabulary: Vocabulary,
    /// One word's terms as they are made.
    buffer: Vec<String>,
}

/// Terms numbered in the order they are first met.
#[derive(Default)]
pub(crate) struct Vocabulary {
    numbers: FxHashMap<String, u32>,
    pub(crate) terms: Vec<String>,
}

impl Vocabulary {
    /// The number of `term`, given it when it is new.
    pub(crate) fn number(&mut self, term: String) -> u32 {
        if let Some(&n) = self.numbers.get(&term) {
            return n;
        }
        let n = self.terms.len() as u32;
        self.terms.push(term.clone());
        self.numbers.insert(term, n);
        n
    }
}

impl Analyser {
    pub(crate) fn new() -> Analyser {
        Analyser {
            known: FxHashMap::default(),
            known_terms: Vec::new(),
            vocabulary: Vocabulary::default(),
            buffer: Vec::new(),
        }
    }

    /// Calls `each` with the numbers of the terms of every word of `text` in turn (none for
    /// a word too short to be a term): what indexing runs on every word. A word's last term
    /// is it whole.
    pub(crate) fn for_each_word(&mut self, text: &str, mut each: impl FnMut(&[u32])) {
        for word in words(text) {
            let (start, end) = match self.known.get(word) {
                Some(&run) => run,
                None => {
                    let start = self.known_terms.len() as u32;
                    word_terms(word, &mut self.buffer);
                    for term in self.buffer.drain(..) {
                        self.known_terms.push(self.vocabulary.number(term));
                    }
                    let run = (start, self.known_terms.len() as u32);
                    self.known.insert(word.to_string(), run);
                    run
                }
            };
            each(&self.known_terms[start as usize..end as usize]);
        }
    }

    /// The number of the term a word stands for whole: its last (`sig-node` for `sig-node`).
    pub(crate) fn whole_term(&mut self, word: &str) -> Option<u32> {
        word_terms(word, &mut self.buffer);
        let whole = self.buffer.pop();
        self.buffer.clear();
        whole.map(|term| self.vocabulary.number(term))
    }
}

fn is_connector(c: char) -> bool {
    matches!(c, '-' | '_' | '.')
}

/// The words of `text` as slices of it.
fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.by_ref().find(|&(_, c)| c.is_alphanumeric())?;
        let mut end = start + first.len_utf8();
        while let Some(&(at, c)) = chars.peek() {
            let joins = is_connector(c) && text[at + 1..].starts_with(char::is_alphanumeric);
            if !(c.is_alphanumeric() || joins) {
                break;
            }
            chars.next();
            end = at + c.len_utf8();
        }
        Some(&text[start..end])
    })
}

/// The parts of a word: split at its connectors, but a dot between two digits.
fn parts(word: &str) -> Vec<&str> {
    let bytes = word.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, c) in word.char_indices() {
        let in_version = c == '.'
            && at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        if is_connector(c) && !in_version {
            parts.push(&word[start..at]);
            start = at + 1;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// `1.30`, `v1.30.2`: digits and dots, a `v` before them allowed.
fn version(part: &str) -> Option<&str> {
    let digits = part.strip_prefix(['v', 'V']).unwrap_or(part);
    let ok = digits.contains('.')
        && digits
            .split('.')
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(digits)
}

/// The pieces of a CamelCase part: a break before an upper-case letter after a lower-case
/// one, and before the last of a run of capitals when two lower-case letters follow
/// (`HTTPServer` is `HTTP` and `Server`; `IPv6` stays whole).
fn camel_pieces(part: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        let (prev, c) = (chars[i - 1].1, chars[i].1);
        let lower_then_upper = prev.is_lowercase() && c.is_uppercase();
        let capitals_then_word = prev.is_uppercase()
            && c.is_uppercase()
            && chars.get(i + 1).is_some_and(|n| n.1.is_lowercase())
            && chars.get(i + 2).is_some_and(|n| n.1.is_lowercase());
        if lower_then_upper || capitals_then_word {
            pieces.push(&part[start..chars[i].0]);
            start = chars[i].0;
        }
    }
    pieces.push(&part[start..]);
    pieces
}

/// Lowercased and stripped of accents, then stemmed when it is all ASCII letters.
fn normal(text: &str) -> String {
    let lower: Cow<str> = if text.is_ascii() {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        // Whole-word lowercasing: a final Σ lowercases unlike one inside a word.
        Cow::Owned(
            text.to_lowercase()
                .nfd()
                .filter(|c| !is_combining_mark(*c))
                .collect(),
        )
    };
    if lower.bytes().all(|b| b.is_ascii_lowercase()) {
        stem(&lower).into_owned()
    } else {
        lower.into_owned()
    }
}

/// Long enough to be a term.
fn keep(term: &str) -> bool {
    term.chars().nth(1).is_some()
}

/// The terms of one word, as the module's doc says, into `out`.
fn word_terms(word: &str, out: &mut Vec<String>) {
    let mut wholes = Vec::new();
    for part in parts(word) {
        let whole = if let Some(v) = version(part) {
            let mut numbers = v.split('.');
            if v.matches('.').count() >= 2 {
                let release = format!(
                    "{}.{}",
                    numbers.next().unwrap_or_default(),
                    numbers.next().unwrap_or_default()
                );
                out.push(v.to_string());
                out.push(release);
            } else {
                out.push(v.to_string());
            }
            v.to_string()
        } else {
            let pieces = if part.contains('.') {
                vec![part]
            } else {
                camel_pieces(part)
            };
            if pieces.len() > 1 {
                out.extend(pieces.iter().map(|p| normal(p)).filter(|t| keep(t)));
                // Its beginnings too, as a reader names it short (`NFTablesProxyMode` is
                // found as `nftables`, `SecCompDefault` as `seccomp`).
                for end in 2..pieces.len() {
                    let start = part.len() - pieces[end..].iter().map(|p| p.len()).sum::<usize>();
                    out.push(normal(&part[..start]));
                }
            }
            let whole = normal(part);
            if keep(&whole) {
                out.push(whole.clone());
            }
            whole
        };
        wholes.push(whole);
    }
    if wholes.len() > 1 {
        out.push(wholes.join("-"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        terms(text).collect()
    }

    #[test]
    fn stems_plurals_and_forms() {
        assert_eq!(
            all("deprecations deprecated deprecate Deprecating"),
            ["deprec"; 4]
        );
        assert_eq!(
            all("Feature gates; the gate's status, a class. A b"),
            ["featur", "gate", "the", "gate", "status", "class"]
        );
    }

    #[test]
    fn compounds_whole_and_in_parts() {
        assert_eq!(
            all("KEP-3136: kube-proxy in-place"),
            [
                "kep",
                "3136",
                "kep-3136",
                "kube",
                "proxi",
                "kube-proxi",
                "in",
                "place",
                "in-place"
            ]
        );
        assert_eq!(
            all("v1.30 1.30.0. go1.22 k8s.io"),
            ["1.30", "1.30.0", "1.30", "go1.22", "k8s", "io", "k8s-io"]
        );
        assert_eq!(all("..., --- 1. .5 a-"), Vec::<String>::new());
    }

    #[test]
    fn identifiers_in_pieces_and_whole() {
        assert_eq!(
            all("ValidatingAdmissionPolicy"),
            [
                "valid",
                "admiss",
                "polici",
                "validatingadmiss",
                "validatingadmissionpolici"
            ]
        );
        assert_eq!(
            all("HTTPServer IPv6 SidecarContainers"),
            [
                "http",
                "server",
                "httpserver",
                "ipv6",
                "sidecar",
                "contain",
                "sidecarcontain"
            ]
        );
        assert_eq!(
            all("NFTablesProxyMode SecCompDefault"),
            [
                "nf",
                "tabl",
                "proxi",
                "mode",
                "nftabl",
                "nftablesproxi",
                "nftablesproxymod",
                "sec",
                "comp",
                "default",
                "seccomp",
                "seccompdefault"
            ]
        );
    }

    #[test]
    fn accents_folded() {
        assert_eq!(all("Büringer naïve Straße"), ["buring", "naiv", "straße"]);
    }
}
