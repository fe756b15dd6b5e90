//! The Kubernetes project's own facts ([`Upstream`]: kep.yaml, sigs.yaml, release schedules)
//! as the index looks them up: made once per build from what `lwkd-upstream` read, and
//! shared by every edition's extraction and by the assembly. Without upstream data it is
//! empty, and the index works from the archive alone.

use std::collections::HashMap;
use std::sync::Arc;

use lwkd_upstream::{GroupFacts, KepFacts, Upstream};

use lwkd_groups::{GroupTable, SigSlug};
use lwkd_kep_names::KepCatalog;

#[derive(Default)]
pub struct Facts {
    upstream: Arc<Upstream>,
    /// Index in `upstream.keps` by number.
    keps: HashMap<u32, usize>,
    /// Index in `upstream.groups` by `dir`.
    groups: HashMap<String, usize>,
    /// The alias table with the groups of `sigs.yaml`; `None` for the alias table alone.
    group_table: Option<GroupTable>,
    /// Indices in `upstream.keps` by the group their `owning-sig` names.
    owned: HashMap<SigSlug, Vec<usize>>,
    /// The KEPs' gates and names, made once for every edition's extraction.
    kep_catalog: KepCatalog,
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Facts")
            .field("upstream", &self.upstream)
            .finish_non_exhaustive()
    }
}

impl Facts {
    pub fn new(upstream: Arc<Upstream>) -> Facts {
        let keps = upstream
            .keps
            .iter()
            .enumerate()
            .map(|(i, k)| (k.number, i))
            .collect();
        let groups = upstream
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.dir.clone(), i))
            .collect();
        // A sigs.yaml group the alias table cannot take (it never fails on the real one) leaves the table alone.
        let group_table = (!upstream.groups.is_empty())
            .then(|| GroupTable::with_upstream(&upstream.groups).ok())
            .flatten();
        let kep_catalog = KepCatalog::new(&upstream.keps, &upstream.schedules);
        let mut facts = Facts {
            upstream,
            keps,
            groups,
            group_table,
            owned: HashMap::new(),
            kep_catalog,
        };
        for (i, kep) in facts.upstream.keps.iter().enumerate() {
            if let Some(slug) = facts.group_slug(&kep.owning_sig) {
                facts.owned.entry(slug).or_default().push(i);
            }
        }
        facts
    }

    /// The upstream KEPs' facts by number, and the matchers of their gates and names.
    pub fn kep_catalog(&self) -> &KepCatalog {
        &self.kep_catalog
    }

    pub fn upstream(&self) -> &Upstream {
        &self.upstream
    }

    /// Whether these are the facts of `upstream` (the same value, or an equal one).
    pub fn are_of(&self, upstream: &Upstream) -> bool {
        std::ptr::eq(self.upstream.as_ref(), upstream) || *self.upstream == *upstream
    }

    /// KEP `number` as its kep.yaml records it.
    pub fn kep(&self, number: u32) -> Option<&KepFacts> {
        self.keps.get(&number).map(|&i| &self.upstream.keps[i])
    }

    /// The group whose `sigs.yaml` `dir` is `dir` (`sig-node`).
    pub fn group(&self, dir: &str) -> Option<&GroupFacts> {
        self.groups.get(dir).map(|&i| &self.upstream.groups[i])
    }
}

impl Facts {
    /// The groups recognised in editions: the alias table, and the SIGs and working groups of
    /// `sigs.yaml` it does not list.
    pub(crate) fn group_table(&self) -> &GroupTable {
        self.group_table
            .as_ref()
            .unwrap_or_else(|| GroupTable::get())
    }

    /// The group a slug or name spells (`sig-node`, `SIG Node`), as the editions' groups are
    /// recognised.
    pub fn group_slug(&self, text: &str) -> Option<SigSlug> {
        self.group_table().parse_slug(text)
    }

    /// SIG and working-group names written in plain text, with their spans, as editions'
    /// groups are recognised: the renderer links these.
    pub fn sig_spans(&self, text: &str) -> Vec<(std::ops::Range<usize>, SigSlug)> {
        self.group_table().find_in_prose(text)
    }

    /// The KEPs whose kep.yaml names `slug` as the owning SIG, by number.
    pub fn owned_keps(&self, slug: &SigSlug) -> impl Iterator<Item = &KepFacts> {
        self.owned
            .get(slug)
            .into_iter()
            .flatten()
            .map(|&i| &self.upstream.keps[i])
    }

    /// A group's display name (`SIG Node`, `WG Workload-aware Scheduling`); the slug for
    /// one neither the alias table nor `sigs.yaml` knows.
    pub fn group_name<'a>(&'a self, slug: &'a SigSlug) -> &'a str {
        self.group_table().name(slug).unwrap_or(slug.as_str())
    }
}

#[cfg(test)]
mod tests {
    use lwkd_upstream::{read_groups, Upstream};

    use super::*;
    use crate::archive_tests::edition_tags;

    /// The real sigs.yaml, with the working groups `extra` (YAML list items) added.
    fn facts_with(extra: &str) -> Facts {
        let text =
            std::fs::read_to_string(lwkd_testdata::upstream().join("community/sigs.yaml")).unwrap();
        let text = text.replace("\nusergroups:", &format!("\n{extra}usergroups:"));
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("sigs.yaml"), text).unwrap();
        let (groups, warnings) = read_groups(tmp.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        Facts::new(Arc::new(Upstream {
            groups,
            ..Upstream::default()
        }))
    }

    /// The groups the 2025-09-28 edition of the archive names, with `from` renamed `to` in it.
    fn groups_in_edition(facts: &Facts, from: &str, to: &str) -> Vec<(String, String)> {
        edition_tags("2025-09-28-update.md", from, to, facts)
            .sig_slugs()
            .into_iter()
            .map(|s| (s.as_str().to_string(), facts.group_name(&s).to_string()))
            .collect()
    }

    /// A group sigs.yaml lists is recognised with no code change: WG Node Identity (not in
    /// the alias table, not in this sigs.yaml snapshot) once sigs.yaml has it.
    #[test]
    fn a_group_in_sigs_yaml_is_recognised() {
        let node_identity = "  - dir: wg-node-identity\n    name: Node Identity\n    mission_statement: >\n      Node identity.\n";
        let with = facts_with(node_identity);
        let found = groups_in_edition(&with, "WG AI Gateway", "WG Node Identity");
        assert!(
            found.contains(&("wg-node-identity".into(), "WG Node Identity".into())),
            "{found:?}"
        );
        let without = groups_in_edition(&Facts::default(), "WG AI Gateway", "WG Node Identity");
        assert!(
            !found.is_empty() && !without.iter().any(|(s, _)| s == "wg-node-identity"),
            "{without:?}"
        );
        // In sigs.yaml today, not in the alias table: by its name, in each form.
        let real = facts_with("");
        for text in [
            "the Workload-aware Scheduling WG",
            "WG Workload-Aware Scheduling",
            "wg-workload-aware-scheduling",
        ] {
            let found = groups_in_edition(&real, "WG AI Gateway", text);
            assert!(
                found.contains(&(
                    "wg-workload-aware-scheduling".into(),
                    "WG Workload-aware Scheduling".into()
                )),
                "{text}: {found:?}"
            );
        }
        // The alias table still gives the archive's spellings and the retired groups.
        assert!(
            groups_in_edition(&real, "WG AI Gateway", "SIG-APIMachinery and SIG PM")
                .iter()
                .any(|(s, _)| s == "sig-pm")
        );
    }
}
