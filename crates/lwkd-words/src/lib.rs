//! `lwkd-words` owns the words KEP names are compared by: a text as [`FoldedWords`]
//! (lowercase, plurals and verb forms folded, identifiers read as their words) and a
//! title's core and head, without the words at its edges that name nothing; and [`stem`],
//! the one Snowball stemmer of the workspace (search terms are stemmed by it too).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Words a title starts or ends with that name nothing: articles, prepositions, and the verbs
/// of a proposal (`Support`, `Add`, `Graduate ... to GA`).
const EDGE_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "for",
    "in",
    "on",
    "to",
    "and",
    "or",
    "with",
    "by",
    "from",
    "via",
    "as",
    "at",
    "into",
    "is",
    "be",
    "are",
    "it",
    "its",
    "this",
    "that",
    "kep",
    "support",
    "supporting",
    "add",
    "adding",
    "allow",
    "allowing",
    "introduce",
    "introducing",
    "enable",
    "enabling",
    "new",
    "kubernetes",
    "k8s",
    "use",
    "using",
    "make",
    "making",
    "provide",
    "improve",
    "implement",
    "extend",
    "graduate",
    "promote",
    "ga",
    "beta",
    "alpha",
    "stable",
    "expose",
    "deprecate",
];

/// Words that end the head of a title: "priority and fairness" for API server requests.
const PREPOSITIONS: &[&str] = &[
    "for", "of", "in", "on", "to", "with", "via", "from", "by", "into", "at", "across", "during",
    "after", "when", "without",
];

/// The words of an identifier, split where its case changes: `InPlacePodVerticalScaling` is
/// `In Place Pod Vertical Scaling`, `CSIMigrationAWS` is `CSI Migration AWS`; a word in one
/// case is one word, and so is a word with one capital letter last (`containerD`,
/// `backoffQ`, the `QoS` of `MemoryQoS`): a stylised name, not two words.
pub fn camel_case_starts(word: &[u8]) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..word.len() {
        let last = i + 1 == word.len();
        let starts_word = word[i].is_ascii_uppercase()
            && (word[i - 1].is_ascii_lowercase() && !last
                || word.get(i + 1).is_some_and(u8::is_ascii_lowercase)
                    && word[i - 1].is_ascii_uppercase());
        if starts_word {
            parts.push(start..i);
            start = i;
        }
    }
    parts.push(start..word.len());
    parts
}

/// A text as the words names are compared by: lowercase ASCII letters and digits, plurals
/// folded (`containers`, `Namespaces`, `policies`), each word after one space; read with
/// `sentences`, a `.` between two words (and `,;:!?()`) keeps a phrase from spanning them.
pub struct FoldedWords<'t> {
    source: &'t str,
    /// ` sidecar container graduate to ga`.
    pub text: String,
    /// Each word: its range in `source`, its start in `text`, and whether a hyphen joins it
    /// to the next (`in-place`: such a word is never dropped from a title's edge).
    pub words: Vec<(Range<usize>, usize, bool)>,
}

impl<'t> FoldedWords<'t> {
    pub fn new(source: &'t str, sentences: bool) -> FoldedWords<'t> {
        let bytes = source.as_bytes();
        let mut text = String::with_capacity(source.len() + 1);
        let mut words = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            // "Priority & Fairness" is "priority and fairness".
            if bytes[i] == b'&' {
                text.push(' ');
                words.push((i..i + 1, text.len(), false));
                text.push_str("and");
                i += 1;
                continue;
            }
            if !bytes[i].is_ascii_alphanumeric() {
                if sentences
                    && b".,;:!?()".contains(&bytes[i])
                    && !text.ends_with(" |")
                    && !text.is_empty()
                {
                    text.push_str(" |");
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let hyphened = bytes.get(i) == Some(&b'-')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            // An identifier is read as its words (`PodTopologySpread`, `DualStack`), joined
            // as a hyphened word's are: a phrase takes it whole or not at all.
            let parts = camel_case_starts(&bytes[start..i]);
            for (n, range) in parts.iter().enumerate() {
                let range = start + range.start..start + range.end;
                let joined = n + 1 < parts.len() || hyphened;
                text.push(' ');
                words.push((range.clone(), text.len(), joined));
                text.push_str(&fold(&source[range].to_ascii_lowercase()));
            }
        }
        FoldedWords {
            source,
            text,
            words,
        }
    }

    /// The words without the leading and trailing ones that name nothing.
    pub fn core(&self, mut range: Range<usize>) -> Range<usize> {
        static EDGES: LazyLock<HashSet<String>> = LazyLock::new(|| folded(EDGE_WORDS));
        let edge = |i: usize, joined: bool| !joined && EDGES.contains(self.word(i));
        while range.start < range.end && edge(range.start, self.words[range.start].2) {
            range.start += 1;
        }
        while range.start < range.end
            && edge(range.end - 1, range.end >= 2 && self.words[range.end - 2].2)
        {
            range.end -= 1;
        }
        range
    }

    /// The words of `core` before its first preposition.
    pub fn head(&self, core: Range<usize>) -> Range<usize> {
        static ENDS: LazyLock<HashSet<String>> = LazyLock::new(|| folded(PREPOSITIONS));
        let joined = |i: usize| self.words[i].2 || (i > 0 && self.words[i - 1].2);
        let end = core
            .clone()
            .find(|&i| ENDS.contains(self.word(i)) && !joined(i))
            .unwrap_or(core.end);
        self.core(core.start..end)
    }

    /// The source text of the words at `range`.
    pub fn written(&self, range: Range<usize>) -> &str {
        match (
            self.words.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.words.get(e)),
        ) {
            (Some(first), Some(last)) if !range.is_empty() => {
                &self.source[first.0.start..last.0.end]
            }
            _ => "",
        }
    }

    /// How many words `range` is as written: `CoreDNS` is one, `dual-stack` two.
    pub fn written_words(&self, range: Range<usize>) -> usize {
        self.written(range)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
    }

    /// Whether the words at `range` as written are an identifier or acronym of four
    /// characters or more (`SCTP`, `AppArmor`, `HTTP3`), which no English word is.
    pub fn is_identifier(&self, range: Range<usize>) -> bool {
        let written = self.written(range);
        written.len() >= 4
            && written
                .chars()
                .skip(1)
                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    }

    pub fn word(&self, i: usize) -> &str {
        let start = self.words[i].1;
        let end = self.words.get(i + 1).map_or(self.text.len(), |w| w.1 - 1);
        &self.text[start..end]
    }

    /// The folded words at `range`, one space apart.
    pub fn phrase_of(&self, range: Range<usize>) -> String {
        range.map(|i| self.word(i)).collect::<Vec<_>>().join(" ")
    }

    pub fn phrase(&self) -> String {
        self.phrase_of(0..self.words.len())
    }

    /// Whether a match in `text` starts or ends inside a hyphened word.
    pub fn splits_hyphened_word(&self, matched: Range<usize>) -> bool {
        let first = self.words.partition_point(|w| w.1 <= matched.start);
        let last = self.words.partition_point(|w| w.1 < matched.end);
        (first > 0 && self.words[first - 1].2) || (last > 0 && self.words[last - 1].2)
    }

    /// The source text of a match in `text` (which starts at the space before a word).
    pub fn source_range(&self, matched: Range<usize>) -> Range<usize> {
        let first = self.words.partition_point(|w| w.1 <= matched.start);
        let last = self
            .words
            .partition_point(|w| w.1 < matched.end)
            .saturating_sub(1);
        match (self.words.get(first), self.words.get(last)) {
            (Some(a), Some(b)) if first <= last => a.0.start..b.0.end,
            _ => 0..self.source.len(),
        }
    }
}

/// A word (lowercase) folded so that its forms compare alike, in this order:
/// 1. the two short forms Kubernetes names fields and flags with are their long words:
///    `appProtocol` is KEP-3726's "application protocols", `--authentication-config`
///    KEP-3331's "authentication configuration";
/// 2. a word of three letters or fewer, or with a digit, is as written;
/// 3. a plural ending is dropped: `containers` and `container` compare alike;
/// 4. then a verb's `-ed` and `-ing` forms are its Snowball stem, so that "metrics
///    overhauled" says KEP-1206's "Metrics Overhaul" and `EventPLEG` KEP-3386's "Evented
///    PLEG" (`warnings` is `warning` by 3, then `warn` by 4). Every word stemmed, the verbs a
///    title is read without would change too, and "scheduler" be "scheduling".
pub fn fold(word: &str) -> String {
    match word {
        "configuration" | "configurations" => return "config".into(),
        "application" | "applications" => return "app".into(),
        _ => {}
    }
    if word.len() <= 3 || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    let singular = singular(word);
    if singular.ends_with("ed") || singular.ends_with("ing") {
        return stem(&singular).into_owned();
    }
    singular.to_string()
}

/// `word`'s Snowball (English) stem: `removing` and `removed` are `remov`.
pub fn stem(word: &str) -> Cow<'_, str> {
    static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
    STEMMER.stem(word)
}

/// `words` as [`FoldedWords`] holds them, made once: a title's edges are read for every KEP.
fn folded(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

/// A word of four letters or more without its plural ending.
fn singular(word: &str) -> Cow<'_, str> {
    for suffix in ["sses", "ches", "shes", "xes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].into();
        }
    }
    if word.len() > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]).into();
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..word.len() - 1].into();
    }
    word.into()
}

#[cfg(test)]
mod tests {
    use super::FoldedWords;

    fn words(text: &str) -> String {
        FoldedWords::new(text, false).phrase()
    }

    #[test]
    fn identifiers_are_read_as_their_words() {
        assert_eq!(words("CSIMigrationAWS"), "csi migration aws");
        assert_eq!(words("HPAScaleToZero"), "hpa scale to zero");
        // One capital letter last is part of the word: a stylised name.
        assert_eq!(words("CRI-containerD"), "cri containerd");
        assert_eq!(words("MemoryQoS"), words("Memory QoS"));
        assert_eq!(
            words("SchedulerPopFromBackoffQ"),
            "scheduler pop from backoffq"
        );
        assert_eq!(words("Priority & Fairness"), "priority and fairness");
    }

    #[test]
    fn plurals_verb_forms_and_short_forms_fold() {
        assert_eq!(
            words("Sidecar Containers policies"),
            "sidecar container policy"
        );
        assert_eq!(words("metrics overhauled"), words("Metrics Overhaul"));
        assert_eq!(words("EventPLEG"), words("Evented PLEG"));
        // The plural first, then the verb form: "warnings" is "warning" is "warn".
        assert_eq!(words("warnings"), words("Warning"));
        assert_eq!(
            words("InPlacePodVerticalScaling"),
            "in place pod vertical scale"
        );
        assert_eq!(words("KubeletConfiguration"), "kubelet config");
        assert_eq!(words("Application Protocols"), "app protocol");
        // Other words keep their endings.
        assert_eq!(
            words("configurable apply status"),
            "configurable apply status"
        );
    }

    #[test]
    fn a_titles_core_and_head_leave_out_the_words_that_name_nothing() {
        let title = FoldedWords::new("Support User Namespaces in pods", false);
        let core = title.core(0..title.words.len());
        assert_eq!(title.phrase_of(core.clone()), "user namespace in pod");
        assert_eq!(title.phrase_of(title.head(core)), "user namespace");
        // "during" folds to "dure", and is a preposition still (KEP-5229).
        let title = FoldedWords::new("Asynchronous API calls during scheduling", false);
        let head = title.head(0..title.words.len());
        assert_eq!(title.phrase_of(head), "asynchronous api call");
    }
}
