//! Gates and names written with a letter wrong. Editions are typed fast: `TopologyManger`
//! (2022-11-06), `LegacyServiceAccountTokenTracing` (2023-01-22), `ValiatingAdmissionPolicy`
//! (2024-08-25), `ScheduleAsyncAPICalls` (2025-11-16). An identifier of [`MIN_LENGTH`]
//! letters or more, written as one (a capital letter after its first), that is one letter
//! missing, added or changed from a gate or a name written as one identifier, is read as that
//! gate or name; never when the letter is its last, where identifiers of their own differ
//! (`ComponentStatus` is an API kind, `ComponentStatusz` a gate; plurals are read apart).
//! An identifier of three words or more with the words of one known identifier, in another
//! order or form, is read as that one too: `MemoryBackedVolumeSizing` (2021-04-18) is
//! `SizeMemoryBackedVolumes`, `SchedulingQueueHint` (2024-06-23) `SchedulerQueueingHints`.

use std::borrow::Cow;
use std::collections::HashMap;

use lwkd_words::{camel_case_starts, stem};

/// The fewest letters of an identifier read with a letter wrong: shorter ones are often
/// other words one letter apart.
const MIN_LENGTH: usize = 12;

/// The fewest words of an identifier read by its words in another order or form: two
/// words in either order are often two things (`ProxyKube`, `KubeProxy`).
const MIN_WORDS: usize = 3;

/// The identifiers items are compared with, by length.
#[derive(Default)]
pub(crate) struct Spellings {
    /// Each identifier in lower case, with how to write it so that the matchers read it.
    by_length: HashMap<usize, HashMap<String, String>>,
    /// Each identifier of [`MIN_WORDS`] words or more by its words' stems, sorted: the one
    /// written so, `None` when several are.
    by_words: HashMap<Vec<String>, Option<String>>,
}

impl Spellings {
    /// The spellings of `gates` and `names` (a name's words each capitalised and joined:
    /// `ValidatingAdmissionPolicy`), each as the matchers read it. Only a gate is read by
    /// its words: a name is joined from the words as the matchers fold them
    /// (`SizeMemoryBackVolume`), not as anyone writes them.
    pub(crate) fn new(
        gates: impl IntoIterator<Item = String>,
        names: impl IntoIterator<Item = String>,
    ) -> Spellings {
        let mut spellings = Spellings::default();
        let gates = gates.into_iter().map(|g| (g, true));
        for (written, gate) in gates.chain(names.into_iter().map(|n| (n, false))) {
            let lower = written.to_ascii_lowercase();
            if lower.len() + 1 < MIN_LENGTH {
                continue;
            }
            if let Some(words) = stemmed_words(&written).filter(|_| gate) {
                let same = spellings.by_words.entry(words);
                let one = same.or_insert_with(|| Some(written.clone()));
                if one.as_ref().is_some_and(|w| !alike(w, &written)) {
                    *one = None;
                }
            }
            let same = spellings.by_length.entry(lower.len()).or_default();
            same.entry(lower).or_insert(written);
        }
        spellings
    }

    /// A name of two words or more as one identifier: "validating admission policy" is
    /// `ValidatingAdmissionPolicy`.
    pub(crate) fn joined(phrase: &str) -> Option<String> {
        let words: Vec<&str> = phrase.split(' ').collect();
        (words.len() >= 2).then(|| {
            let capitalised = words.iter().map(|w| {
                let mut chars = w.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            });
            capitalised.collect()
        })
    }

    /// `prose` with each identifier a letter from one known, or with its words, written as
    /// that one; borrowed when there is none.
    pub(crate) fn correct<'p>(&self, prose: &'p str) -> Cow<'p, str> {
        let mut corrected = Cow::Borrowed(prose);
        let mut shift = 0isize;
        for (start, word) in identifiers(prose) {
            let Some(written) = self
                .one_letter_from(word)
                .or_else(|| self.same_words_as(word))
            else {
                continue;
            };
            let at = start
                .checked_add_signed(shift)
                .expect("shifts stay in the text");
            corrected
                .to_mut()
                .replace_range(at..at + word.len(), written);
            shift += written.len() as isize - word.len() as isize;
        }
        corrected
    }

    /// The one known identifier `word` is a letter from, inside it; `None` when `word` is
    /// known as written (case aside), or is a letter from none or from several.
    fn one_letter_from(&self, word: &str) -> Option<&str> {
        let lower = word.to_ascii_lowercase();
        let near = |len: usize| self.by_length.get(&len).into_iter().flatten();
        if (self.by_length.get(&lower.len())).is_some_and(|same| same.contains_key(&lower)) {
            return None;
        }
        let mut found = (lower.len() - 1..=lower.len() + 1)
            .flat_map(near)
            .filter(|(known, _)| one_letter_inside(&lower, known));
        let (_, written) = found.next()?;
        found.next().is_none().then_some(written.as_str())
    }

    /// The one known identifier with `word`'s words in another order or form; `None` when
    /// `word` is known as written, or a plural or singular of it (read apart).
    fn same_words_as(&self, word: &str) -> Option<&str> {
        let known = self.by_words.get(&stemmed_words(word)?)?.as_deref()?;
        (!alike(word, known)).then_some(known)
    }
}

/// Whether two identifiers are one, case and a plural aside.
fn alike(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let plural = |a: &str, b: &str| a.strip_suffix('s') == Some(b);
    a == b || plural(&a, &b) || plural(&b, &a)
}

/// The stems of `identifier`'s words, sorted, if it has [`MIN_WORDS`] or more.
fn stemmed_words(identifier: &str) -> Option<Vec<String>> {
    let parts = camel_case_starts(identifier.as_bytes());
    let mut words: Vec<String> = parts
        .iter()
        .map(|part| stem(&identifier[part.clone()].to_ascii_lowercase()).into_owned())
        .collect();
    words.sort_unstable();
    (words.len() >= MIN_WORDS).then_some(words)
}

/// Each word of `prose` written as an identifier of [`MIN_LENGTH`] letters or more, with
/// where it starts.
fn identifiers(prose: &str) -> impl Iterator<Item = (usize, &str)> {
    prose
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(move |w| (w.as_ptr() as usize - prose.as_ptr() as usize, w))
        .filter(|(_, w)| {
            w.len() >= MIN_LENGTH
                && w.starts_with(|c: char| c.is_ascii_alphabetic())
                && w[1..].contains(|c: char| c.is_ascii_uppercase())
        })
}

/// Whether `a` and `b` (lower case) are one letter missing, added or changed apart, before
/// the last letter of the shorter.
fn one_letter_inside(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let same = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if same + 1 >= short.len() || long.len() - short.len() > 1 {
        return false;
    }
    let rest = if short.len() == long.len() {
        same + 1
    } else {
        same
    };
    short[rest..] == long[same + 1..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings() -> Spellings {
        Spellings::new(
            [
                "TopologyManager",
                "ComponentStatusz",
                "ExecProbeTimeouts",
                "LegacyServiceAccountTokenTracking",
                "SizeMemoryBackedVolumes",
            ]
            .map(String::from),
            Spellings::joined("validating admission policy"),
        )
    }

    #[test]
    fn a_letter_missing_added_or_changed_inside_is_read_as_the_known_identifier() {
        let spellings = spellings();
        let cases = [
            // Missing, added, changed; the case as written aside.
            (
                "Fix TopologyManger admission",
                "Fix TopologyManager admission",
            ),
            (
                "`LegacyServiceAccountTokenTracing` to beta",
                "`LegacyServiceAccountTokenTracking` to beta",
            ),
            (
                "gates removed: ValiatingAdmissionPolicy, TopologyManagger",
                "gates removed: ValidatingAdmissionPolicy, TopologyManager",
            ),
            ("TopologyMonager", "TopologyManager"),
            ("topologyManger", "TopologyManager"),
            // The words of one, in another order or form.
            (
                "MemoryBackedVolumeSizing to beta",
                "SizeMemoryBackedVolumes to beta",
            ),
            ("VolumesBackedMemorySize", "SizeMemoryBackedVolumes"),
        ];
        for (written, read) in cases {
            assert_eq!(spellings.correct(written), read);
        }
    }

    #[test]
    fn known_words_other_identifiers_and_last_letters_are_left_as_written() {
        let spellings = spellings();
        for text in [
            "TopologyManager and topologymanager",
            // The last letter: another identifier, or a plural.
            "ComponentStatus is deprecated",
            "ExecProbeTimeout",
            // Lower case is a word, not an identifier; short identifiers are left.
            "topologymanger",
            "TopoManger",
            // Two letters apart.
            "TopologyMangr",
            // A plural of a known one, read apart; a name's words are not read in another
            // order; nor two words.
            "SizeMemoryBackedVolume",
            "PolicyAdmissionValidating",
            "ManagerTopology",
        ] {
            assert!(
                matches!(spellings.correct(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
    }
}
