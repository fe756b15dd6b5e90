//! Gates and names written with a letter wrong. Editions are typed fast: `TopologyManger`
//! (2022-11-06), `LegacyServiceAccountTokenTracing` (2023-01-22), `ValiatingAdmissionPolicy`
//! (2024-08-25), `ScheduleAsyncAPICalls` (2025-11-16). An identifier of [`MIN_LENGTH`]
//! letters or more, written as one (a capital letter after its first), that is one letter
//! missing, added or changed from a gate or a name written as one identifier, is read as that
//! gate or name; never when the letter is its last, where identifiers of their own differ
//! (`ComponentStatus` is an API kind, `ComponentStatusz` a gate; plurals are read apart).

use std::borrow::Cow;
use std::collections::HashMap;

/// The fewest letters of an identifier read with a letter wrong: shorter ones are often
/// other words one letter apart.
const MIN_LENGTH: usize = 12;

/// The identifiers items are compared with, by length.
#[derive(Default)]
pub(crate) struct Spellings {
    /// Each identifier in lower case, with how to write it so that the matchers read it.
    by_length: HashMap<usize, HashMap<String, String>>,
}

impl Spellings {
    /// The spellings of `identifiers`, each as the matchers read it (a gate as written,
    /// a name's words each capitalised and joined: `ValidatingAdmissionPolicy`).
    pub(crate) fn new(identifiers: impl IntoIterator<Item = String>) -> Spellings {
        let mut spellings = Spellings::default();
        for written in identifiers {
            let lower = written.to_ascii_lowercase();
            if lower.len() + 1 >= MIN_LENGTH {
                let same = spellings.by_length.entry(lower.len()).or_default();
                same.entry(lower).or_insert(written);
            }
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

    /// `prose` with each identifier a letter from one known written as that one; borrowed
    /// when there is none.
    pub(crate) fn correct<'p>(&self, prose: &'p str) -> Cow<'p, str> {
        let mut corrected = Cow::Borrowed(prose);
        let mut shift = 0isize;
        for (start, word) in identifiers(prose) {
            let Some(written) = self.one_letter_from(word) else {
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
            ]
            .map(String::from)
            .into_iter()
            .chain(Spellings::joined("validating admission policy")),
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
        ] {
            assert!(
                matches!(spellings.correct(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
    }
}
