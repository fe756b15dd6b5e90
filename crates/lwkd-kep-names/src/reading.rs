//! Reading one item for the KEPs it names without a number: its gates, then its phrases
//! (in what the gates leave), then its sentences' words ([`KepCatalog::find`]).

use lwkd_content::SectionKind;
use lwkd_kep_scores::ScoredMatcher;
use lwkd_upstream::Minor;
use lwkd_words::FoldedWords;

use crate::{
    clauses, is_gate_name, minors_named, names_a_feature_gate, on_word_boundaries, says_any,
    sentences, speaks_of_removal, stages_named, FoundBy, ItemText, KepCatalog, KepRef, Matchers,
    NamedKep, PhraseUse, GATE_SETTLES_AFTER, NAME_SETTLES_AFTER,
};

/// An item being read, and the KEPs found in it so far.
pub(crate) struct Reading<'c, 'i> {
    catalog: &'c KepCatalog,
    matchers: &'c Matchers,
    item: ItemText<'i>,
    /// The release in development on the item's date, by the official schedules.
    cycle: Option<Minor>,
    pub(crate) found: Vec<NamedKep>,
}

impl<'c, 'i> Reading<'c, 'i> {
    pub(crate) fn new(catalog: &'c KepCatalog, item: ItemText<'i>) -> Reading<'c, 'i> {
        Reading {
            catalog,
            matchers: catalog.matchers(),
            cycle: catalog.released.cycle_on(item.dated),
            item,
            found: Vec::new(),
        }
    }

    /// Whether the item is dated half a year before `kep` was started, and its alpha had not
    /// shipped by then nor was in development: the words are an older idea's (2021-12's
    /// "kubectl apply --prune" is not KEP-3659, written in 2022-11 to redesign it). A kep.yaml
    /// written years after its alpha still names it in that cycle (KEP-5100, written in 2025
    /// for Windows kube-proxy's overlay support, alpha in 1.14, is 2019-02-24's "Adding
    /// Windows Overlay support to Kube Proxy").
    fn too_early(&self, kep: KepRef) -> bool {
        let dated = self.item.dated;
        let created = self.catalog.started.get(&kep);
        let alpha = self.catalog.facts(kep).and_then(|f| f.alpha);
        created.is_some_and(|&c| dated < c - chrono::Days::new(182))
            && !self.catalog.alpha_released_by(kep, dated)
            && !(alpha.is_some() && alpha == self.cycle)
    }

    /// An item about feature gates names a gate's KEP however late: removing the gate is
    /// the KEP's last step ("`CPUManager` feature gate removed", 1.33; stable in 1.26).
    /// Read only for an item with a gate, not for every item.
    fn about_gates(&self) -> bool {
        names_a_feature_gate(self.item.prose)
    }

    /// An API kind's gate (`EndpointSlice`) names the KEP while it moves; once stable,
    /// every change to the kind does, unless the item is about the gate ("Remove v1alpha1
    /// RuntimeClass and feature gate").
    fn kind_settled(&self, kep: KepRef) -> bool {
        self.catalog.released_after_stable(kep, 0, self.item.dated) && !self.about_gates()
    }

    /// After its last milestone, a KEP that has ended is news only when it is taken out
    /// ("#115843: Remove/Withdraw NetworkPolicy Status", KEP-2943); otherwise its words
    /// are its successors' (2025's "Dynamic Resource Allocation" is not KEP-3063,
    /// withdrawn in 1.32).
    fn too_late(&self, kep: KepRef, how: FoundBy) -> bool {
        let dated = self.item.dated;
        let after = match how {
            FoundBy::Gate if self.about_gates() => return false,
            FoundBy::Gate => GATE_SETTLES_AFTER,
            _ if self.catalog.ended_by(kep, dated) => return !speaks_of_removal(self.item.prose),
            _ if self.catalog.settled_undated(kep, dated) => return true,
            _ => NAME_SETTLES_AFTER,
        };
        self.catalog.released_after_stable(kep, after, dated)
    }

    /// Whether `kep`, found by `how`, is news of the KEP on the item's date.
    fn in_time(&self, kep: KepRef, how: FoundBy) -> bool {
        !self.too_early(kep) && !self.too_late(kep, how)
    }

    /// `kep` found by `how` in `words`, unless the item numbers it, has it already, or it
    /// is not news then.
    fn add(&mut self, kep: KepRef, how: FoundBy, words: &str) {
        if !self.item.known.contains(&kep)
            && !self.found.iter().any(|f| f.kep == kep)
            && self.in_time(kep, how)
        {
            self.found.push(NamedKep {
                kep,
                how,
                words: words.to_string(),
            });
        }
    }

    /// The KEPs the item's gates name; returns its prose with the gates blanked. A gate's
    /// words are the gate's to resolve, not a name's (`DynamicResourceAllocation` is not
    /// KEP-3063 "Dynamic resource allocation" when the gate names another KEP).
    pub(crate) fn gates(&mut self) -> String {
        let (prose, matchers) = (self.item.prose, self.matchers);
        let mut unnamed = prose.to_string();
        let Some(gates) = &matchers.gates else {
            return unnamed;
        };
        for m in gates.find_iter(prose) {
            // Any gate is read in the plural too, as API kinds' gates are written
            // (`EndpointSlices`).
            let range = if prose[m.end()..].starts_with('s') {
                m.start()..m.end() + 1
            } else {
                m.range()
            };
            let range = if on_word_boundaries(prose, range.clone()) {
                range
            } else {
                m.range()
            };
            // Written as an identifier still: `endpointslice` in a path is no gate.
            if !on_word_boundaries(prose, range.clone()) || !is_gate_name(&prose[m.range()]) {
                continue;
            }
            unnamed.replace_range(range.clone(), &" ".repeat(range.len()));
            let owners = &matchers.gate_keps[m.pattern().as_usize()];
            let gate = &prose[m.range()];
            let (known, dated) = (self.item.known, self.item.dated);
            if let Some(kep) = self.catalog.gate_owner(owners, gate, prose, known, dated) {
                if !(matchers.kind_gates[m.pattern().as_usize()] && self.kind_settled(kep)) {
                    self.add(kep, FoundBy::Gate, &prose[range]);
                }
            }
        }
        unnamed
    }

    /// The KEPs the phrases of `unnamed` (the prose without its gates) name.
    pub(crate) fn names(&mut self, unnamed: &str) {
        let (prose, matchers) = (self.item.prose, self.matchers);
        let Some(names) = &matchers.names else {
            return;
        };
        let words = FoldedWords::new(unnamed, true);
        for m in names.find_iter(&words.text) {
            // The pattern starts at a word; it must end at one too, and neither may be
            // half of a hyphened word (`non-graceful node shutdown`).
            if words.text[m.end()..].starts_with(|c: char| c != ' ')
                || words.splits_hyphened_word(m.range())
            {
                continue;
            }
            let source = words.source_range(m.range());
            // In a path, the words name a package or a folder
            // (`k8s.io/dynamic-resource-allocation`, 2025-07-27); a path of one word is
            // an endpoint, as named (`/statusz`).
            let in_path = prose[..source.start]
                .strip_suffix('/')
                .is_some_and(|before| before.ends_with(|c: char| c.is_ascii_alphanumeric()))
                || prose[source.end..].starts_with('/');
            if in_path {
                continue;
            }
            let (kep, phrase_use) = matchers.name_keps[m.pattern().as_usize()];
            let catalog = self.catalog;
            let names = match phrase_use {
                PhraseUse::Always => true,
                PhraseUse::Staged => {
                    // While its KEP is built, the topic is the KEP's, unless the item names
                    // another (by a gate, or a phrase before this one), whose topic it brushes.
                    catalog.moves_to_stage_named(kep, prose, self.cycle)
                        || (self.found.is_empty()
                            && self.item.known.is_empty()
                            && self.item.heading_named.is_empty()
                            && catalog.builds_alpha(kep, self.cycle))
                }
                PhraseUse::UntilStable => {
                    !self.kind_settled(kep) || catalog.moves_to_stage_named(kep, prose, self.cycle)
                }
                PhraseUse::WhileMoving => catalog.moves_around(kep, self.cycle),
                PhraseUse::Until(later) => catalog
                    .started
                    .get(&later)
                    .is_some_and(|&started| self.item.dated < started),
            };
            if names {
                self.add(kep, FoundBy::Name, &prose[source]);
            }
        }
    }

    /// The KEPs the words of the item's short sentences name (see `lwkd-kep-scores`), and
    /// the phrases found before that are another KEP's topic dropped. A schedule's words
    /// are deadlines.
    pub(crate) fn words(&mut self) {
        let matchers = self.matchers;
        let scored = (matchers.scored.as_ref())
            .filter(|_| self.item.section != SectionKind::ReleaseSchedule);
        if let Some(scored) = scored {
            for text in sentences(self.item.prose) {
                self.sentence_words(scored, text);
            }
            // A release's announcement lists what shipped in it, a clause each: "note that
            // cgroups v1 is going into maintenance, ..., better watch cache initialization".
            if let Some(released) = self.release_announced() {
                for clause in sentences(self.item.prose).flat_map(clauses) {
                    self.shipped_in(scored, clause, released);
                }
            }
        }
    }

    /// The release the item announces ("Kubernetes 1.31 is released", "1.19 has been
    /// released!", "Kubernetes 1.22 is out!"), the one minor it names, in the cycle that
    /// release ends or the next.
    fn release_announced(&self) -> Option<Minor> {
        if !says_any(self.item.prose, &["released", " is out"]) {
            return None;
        }
        let mut minors = minors_named(self.item.prose);
        minors.sort_unstable();
        minors.dedup();
        let (&[released], Some(cycle)) = (minors.as_slice(), self.cycle) else {
            return None;
        };
        let ends = cycle.major == released.major
            && (released.minor..=released.minor + 1).contains(&cycle.minor);
        ends.then_some(released)
    }

    /// The KEP a `clause` of an announcement of the release `released` names: scored
    /// against the KEPs that reached a stage in it, told by the announcement.
    fn shipped_in(&mut self, scored: &ScoredMatcher, clause: &str, released: Minor) {
        let sentence = scored.sentence(clause);
        let mut others: Vec<KepRef> = self.item.known.to_vec();
        others.extend(self.found.iter().map(|f| f.kep));
        let stages = ["alpha", "beta", "stable"];
        let Some(best) = scored.best(&sentence, Some(released), &others, &stages, false) else {
            return;
        };
        let shipped = (self.catalog.facts(best.kep))
            .is_some_and(|f| [f.alpha, f.beta, f.stable].contains(&Some(released)));
        if best.told && shipped && !others.contains(&best.kep) {
            self.found.push(NamedKep {
                kep: best.kep,
                how: FoundBy::Name,
                words: best.words,
            });
        }
    }

    fn sentence_words(&mut self, scored: &ScoredMatcher, text: &str) {
        let sentence = scored.sentence(text);
        let ItemText {
            known,
            about_known,
            heading_named,
            ..
        } = self.item;
        let mut others: Vec<KepRef> = known.to_vec();
        others.extend_from_slice(heading_named);
        others.extend(self.found.iter().map(|f| f.kep));
        let stages = stages_named(text);
        let best = scored.best(&sentence, self.cycle, &others, &stages, !known.is_empty());
        // A sentence with every word of a title names its KEP, told or not; in an item
        // about a numbered KEP, they are that KEP's words.
        let untold = !about_known && !best.as_ref().is_some_and(|b| b.told);
        let titled = (self.cycle)
            .filter(|_| untold)
            .and_then(|cycle| scored.whole_title(&sentence, cycle, &others))
            .filter(|titled| self.in_time(titled.kep, FoundBy::Name));
        if let Some(titled) = titled {
            // A gate or phrase of another KEP that is a part of this title is its topic:
            // "`kubectl explain` defaults to OpenAPIv3" is KEP-3515 "Kubectl Explain
            // OpenAPIv3", not KEP-2896's gate `OpenAPIv3`.
            let title = (self.catalog.title(titled.kep).unwrap_or_default()).to_lowercase();
            self.found
                .retain(|f| !text.contains(&f.words) || !title.contains(&f.words.to_lowercase()));
            self.found.push(NamedKep {
                kep: titled.kep,
                how: FoundBy::Name,
                words: titled.words,
            });
            return;
        }
        let Some(best) = best.filter(|best| !others.contains(&best.kep)) else {
            return;
        };
        // A phrase of a KEP whose words the sentence has clearly fewer of than another's,
        // and which is in the other's vocabulary too, is the other's topic ("kubectl debug"
        // in an item about KEP-4292's custom debug profiles is not KEP-1441; "/statusz" in
        // a kube-proxy item is still KEP-4827).
        self.found.retain(|f| {
            f.how != FoundBy::Name
                || !text.contains(&f.words)
                || !scored.has_words_of(best.kep, &f.words)
        });
        if best.told && self.in_time(best.kep, FoundBy::Name) {
            self.found.push(NamedKep {
                kep: best.kep,
                how: FoundBy::Name,
                words: best.words,
            });
        }
    }
}
