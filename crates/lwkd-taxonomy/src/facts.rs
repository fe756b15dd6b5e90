//! The Kubernetes project's own facts ([`Upstream`]: kep.yaml, sigs.yaml, release schedules)
//! as the index looks them up: made once per build from what `lwkd-upstream` read, and
//! shared by every edition's extraction and by the assembly. Without upstream data it is
//! empty, and the index works from the archive alone.

use std::collections::HashMap;
use std::sync::Arc;

use lwkd_upstream::{GroupFacts, KepFacts, Upstream};

use crate::kep_names::KepCatalog;

#[derive(Debug, Default)]
pub struct Facts {
    upstream: Arc<Upstream>,
    /// Index in `upstream.keps` by number.
    keps: HashMap<u32, usize>,
    /// Index in `upstream.groups` by `dir`.
    groups: HashMap<String, usize>,
    /// The KEPs' gates and names, made once for every edition's extraction.
    kep_catalog: KepCatalog,
}

impl Facts {
    pub fn new(upstream: Arc<Upstream>) -> Facts {
        let keps = upstream.keps.iter().enumerate().map(|(i, k)| (k.number, i)).collect();
        let groups = upstream.groups.iter().enumerate().map(|(i, g)| (g.dir.clone(), i)).collect();
        let kep_catalog = KepCatalog::new(&upstream.keps);
        Facts { upstream, keps, groups, kep_catalog }
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
