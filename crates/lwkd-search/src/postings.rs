//! A term's (or a pair's) postings while the index is built: the documents that hold it,
//! in order, each with its weight there.
//!
//! They are held as the index files write them, each document as its distance from the
//! one before, in LEB128 bytes: about 2.5 bytes a document where a `(u32, u32)` took 8.
//! At a hundred times the archive (synthetic) the postings are 18 million documents: as
//! pairs of numbers they took about 0.2 GB, and held so the build's peak is 0.13 GB lower.

/// The documents holding one term or pair, in increasing order, with their weights.
#[derive(Default)]
pub(crate) struct Postings {
    /// Every document but the last: its distance from the one before (the first's from 0),
    /// then its weight, each an unsigned LEB128 number.
    bytes: Vec<u8>,
    /// The last document added, whose weight may still grow, and its weight.
    last: u32,
    weight: u32,
    /// The document before `last` (0 when `last` is the first).
    before: u32,
    /// How many documents.
    len: u32,
}

impl Postings {
    /// Adds an occurrence of weight `weight` in `document`, which is the last document
    /// added or one after it.
    pub(crate) fn add(&mut self, document: u32, weight: u32) {
        if self.len > 0 && document == self.last {
            self.weight += weight;
            return;
        }
        debug_assert!(self.len == 0 || document > self.last);
        if self.len > 0 {
            self.seal();
        }
        self.last = document;
        self.weight = weight;
        self.len += 1;
    }

    /// Writes the last document out, as the one before the next.
    fn seal(&mut self) {
        write_number(&mut self.bytes, self.last - self.before);
        write_number(&mut self.bytes, self.weight);
        self.before = self.last;
    }

    /// Adds `later`'s documents, which all come after this list's (moving `later` whole
    /// when this list is empty, as a term's first run does).
    pub(crate) fn append(&mut self, later: Postings) {
        if self.len == 0 {
            *self = later;
            return;
        }
        for (document, weight) in later.documents() {
            self.add(document, weight);
        }
    }

    /// How many documents hold the term.
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// Each document, as its distance from the one before (the first's from 0), with its
    /// weight: what the index files write.
    pub(crate) fn gaps(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut bytes = self.bytes.as_slice();
        let sealed = std::iter::from_fn(move || {
            let gap = read_number(&mut bytes)?;
            Some((gap, read_number(&mut bytes)?))
        });
        let last = (self.len > 0).then_some((self.last - self.before, self.weight));
        sealed.chain(last)
    }

    /// Each document, by its number, with its weight.
    pub(crate) fn documents(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.gaps().scan(0, |document, (gap, weight)| {
            *document += gap;
            Some((*document, weight))
        })
    }
}

fn write_number(bytes: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

/// The number at the start of `bytes`, which then begin after it; `None` at their end.
fn read_number(bytes: &mut &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Postings;
    use proptest::prelude::*;

    fn postings(occurrences: &[(u32, u32)]) -> Postings {
        let mut list = Postings::default();
        for &(document, weight) in occurrences {
            list.add(document, weight);
        }
        list
    }

    #[test]
    fn occurrences_in_one_document_add_up() {
        let list = postings(&[(3, 1), (3, 3), (200, 1), (70_000, 2), (70_000, 1)]);
        assert_eq!(list.len(), 3);
        assert_eq!(
            list.documents().collect::<Vec<_>>(),
            [(3, 4), (200, 1), (70_000, 3)]
        );
        assert_eq!(
            list.gaps().collect::<Vec<_>>(),
            [(3, 4), (197, 1), (69_800, 3)]
        );
    }

    #[test]
    fn an_empty_list_has_no_documents() {
        let list = Postings::default();
        assert_eq!(list.len(), 0);
        assert_eq!(list.gaps().count(), 0);
    }

    proptest! {
        /// Any documents in order, split anywhere into two lists joined again, read back as
        /// they went in.
        #[test]
        fn lists_read_back_and_join(
            steps in proptest::collection::vec((0u32..100_000, 1u32..1000), 0..60),
            cut in 0usize..60,
        ) {
            let mut occurrences = Vec::new();
            let mut document = 0u32;
            for (step, weight) in steps {
                document += step;
                occurrences.push((document, weight));
            }
            let mut expected: Vec<(u32, u32)> = Vec::new();
            for &(document, weight) in &occurrences {
                match expected.last_mut() {
                    Some((last, total)) if *last == document => *total += weight,
                    _ => expected.push((document, weight)),
                }
            }
            // The join is between documents, as the index's runs are.
            let cut = expected.get(cut.min(expected.len())).map_or(u32::MAX, |e| e.0);
            let (early, late): (Vec<_>, Vec<_>) =
                occurrences.iter().partition(|(document, _)| *document < cut);
            let mut joined = postings(&early);
            joined.append(postings(&late));
            prop_assert_eq!(joined.len(), expected.len());
            prop_assert_eq!(joined.documents().collect::<Vec<_>>(), expected.clone());
            prop_assert_eq!(postings(&occurrences).documents().collect::<Vec<_>>(), expected);
        }
    }
}
