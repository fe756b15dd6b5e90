//! `lwkd-taxonomy` indexes the loader's editions by what Kubernetes contributors look for:
//! KEPs, SIGs (and working groups), release cycles and deadlines. It reads editions and
//! writes nothing; the renderer turns a [`Taxonomy`] into pages and data files.
//!
//! Indexing is two steps: [`EditionTags::extract`] reads one edition on its own, and
//! [`Taxonomy::assemble`] joins every edition's tags (release cycles need the editions
//! before, KEP pages need all of them). [`Taxonomy::index`] does both, extracting in
//! parallel; [`Taxonomy::updated`] re-reads only the changed editions.

#[cfg(test)]
mod archive_tests;
mod deadline;
mod extract;
mod groups;
mod kep;
mod markup;
mod release;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use lwkd_content::Edition;
use rayon::prelude::*;
use serde::Serialize;

pub use deadline::Deadline;
pub use extract::{EditionTags, KepMention, Mention, PatchRelease, PrMention, SigMention};
pub use groups::{sig_spans, SigSlug};
pub use kep::{kep_spans, KepRef};
pub use release::ReleaseCycle;

/// Everything the archive says about one KEP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kep {
    pub number: KepRef,
    /// The latest heading title, else the most used folder name.
    pub title: Option<String>,
    pub sig: Option<SigSlug>,
    /// Its folder under `keps/<sig>/`, when an edition links it.
    pub folder: Option<String>,
    /// Every mention, oldest first.
    pub mentions: Vec<Mention>,
    /// Indices of the editions that mention it, oldest first.
    pub editions: Vec<usize>,
    pub releases: BTreeSet<ReleaseCycle>,
    /// Pull requests in kubernetes/enhancements named alongside it.
    pub prs: BTreeSet<u32>,
}

impl Kep {
    /// Its README in kubernetes/enhancements, when its folder is known.
    pub fn readme_url(&self) -> Option<String> {
        let sig = self.sig.as_ref()?;
        let folder = self.folder.as_ref()?;
        Some(format!("https://github.com/kubernetes/enhancements/tree/master/keps/{sig}/{folder}"))
    }
}

/// Everything the archive says about one SIG or working group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub slug: SigSlug,
    pub name: String,
    pub mentions: Vec<Mention>,
    pub editions: Vec<usize>,
    /// KEPs it owns (by their `keps/<slug>/` folder).
    pub keps: BTreeSet<KepRef>,
}

/// One release cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Release {
    pub version: ReleaseCycle,
    pub editions: Vec<usize>,
    /// Its deadlines, each once (as first announced when editions repeat one), by date;
    /// undated ones last, in edition order.
    pub deadlines: Vec<Deadline>,
    pub keps: BTreeSet<KepRef>,
    /// Its patch releases (`1.23.4`), each at its first announcement.
    pub patch_releases: Vec<PatchRelease>,
}

/// The index of a whole archive.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Taxonomy {
    /// One per edition, in the order of the editions indexed.
    pub editions: Vec<EditionTags>,
    #[serde(skip)]
    by_url: HashMap<String, usize>,
    pub keps: BTreeMap<KepRef, Kep>,
    pub sigs: BTreeMap<SigSlug, Group>,
    pub releases: BTreeMap<ReleaseCycle, Release>,
    /// Every deadline line of every edition, in edition order.
    pub deadlines: Vec<Deadline>,
}

impl Taxonomy {
    /// Indexes `editions` (oldest first, as the loader returns them): extracts each in
    /// parallel, then assembles.
    pub fn index(editions: &[Edition]) -> Taxonomy {
        Taxonomy::assemble(editions.par_iter().map(EditionTags::extract).collect())
    }

    /// The index after editions were edited, added or removed: `editions` is the whole
    /// updated list (oldest first) and `changed` the indices in it of the editions to read
    /// again. The others keep the tags this index holds (found by URL, which an unchanged
    /// file keeps); then all are assembled again, so the result equals [`Taxonomy::index`]'s.
    pub fn updated(&self, editions: &[Edition], changed: &BTreeSet<usize>) -> Taxonomy {
        let tags = editions
            .iter()
            .enumerate()
            .map(|(i, e)| match self.by_url.get(&e.url) {
                Some(&k) if !changed.contains(&i) => self.editions[k].clone(),
                _ => EditionTags::extract(e),
            })
            .collect();
        Taxonomy::assemble(tags)
    }

    /// Joins per-edition tags (in edition order, oldest first) into the index: gives each
    /// edition its release cycle, then groups mentions by KEP, SIG and cycle.
    pub fn assemble(mut editions: Vec<EditionTags>) -> Taxonomy {
        assign_cycles(&mut editions);
        let mut keps: BTreeMap<KepRef, Kep> = BTreeMap::new();
        let mut sigs: BTreeMap<SigSlug, Group> = BTreeMap::new();
        let mut releases: BTreeMap<ReleaseCycle, Release> = BTreeMap::new();
        let mut deadlines = Vec::new();
        let mut heading_titled: BTreeSet<KepRef> = BTreeSet::new();
        let mut by_url = HashMap::with_capacity(editions.len());

        for (i, tags) in editions.iter_mut().enumerate() {
            by_url.insert(tags.url.clone(), i);
            let cycle = tags.cycle;
            for d in &mut tags.deadlines {
                // From the name again: re-assembly must not take an earlier fill as named.
                d.release = deadline::named_cycle(&d.name).or(cycle);
            }
            for k in &tags.keps {
                let kep = keps.entry(k.kep).or_insert_with(|| Kep {
                    number: k.kep,
                    title: None,
                    sig: None,
                    folder: None,
                    mentions: Vec::new(),
                    editions: Vec::new(),
                    releases: BTreeSet::new(),
                    prs: BTreeSet::new(),
                });
                kep.mentions.push(k.mention.clone());
                push_once(&mut kep.editions, i);
                kep.releases.extend(cycle);
                if k.sig.is_some() {
                    kep.sig.clone_from(&k.sig);
                }
                if k.folder.is_some() {
                    kep.folder.clone_from(&k.folder);
                }
                // Later headings win over earlier ones; any heading wins over a folder name.
                if k.titled_by_heading || !heading_titled.contains(&k.kep) {
                    if k.title.is_some() {
                        kep.title.clone_from(&k.title);
                    }
                    if k.titled_by_heading {
                        heading_titled.insert(k.kep);
                    }
                }
            }
            for pr in &tags.kep_prs {
                for n in &pr.keps {
                    if let Some(kep) = keps.get_mut(n) {
                        kep.prs.insert(pr.number);
                    }
                }
            }
            for s in &tags.sigs {
                let group = sigs.entry(s.sig.clone()).or_insert_with(|| Group {
                    name: s.sig.name().to_string(),
                    slug: s.sig.clone(),
                    mentions: Vec::new(),
                    editions: Vec::new(),
                    keps: BTreeSet::new(),
                });
                group.mentions.push(s.mention.clone());
                push_once(&mut group.editions, i);
            }
            if let Some(cycle) = cycle {
                let r = releases.entry(cycle).or_insert_with(|| Release::new(cycle));
                r.editions.push(i);
                r.keps.extend(tags.keps.iter().map(|k| k.kep));
            }
            for p in &tags.patch_releases {
                let r = releases.entry(p.cycle).or_insert_with(|| Release::new(p.cycle));
                if !r.patch_releases.iter().any(|q| q.version == p.version) {
                    r.patch_releases.push(p.clone());
                }
            }
            for d in &tags.deadlines {
                if let Some(cycle) = d.release {
                    let listed = &mut releases.entry(cycle).or_insert_with(|| Release::new(cycle)).deadlines;
                    // Editions repeat the next deadline until it passes: list it once.
                    if !listed.iter().any(|l| l.date == d.date && l.name.eq_ignore_ascii_case(&d.name)) {
                        listed.push(d.clone());
                    }
                }
                deadlines.push(d.clone());
            }
        }
        for kep in keps.values() {
            if let Some(group) = kep.sig.as_ref().and_then(|s| sigs.get_mut(s)) {
                group.keps.insert(kep.number);
            }
        }
        for r in releases.values_mut() {
            // Stable: undated deadlines keep their edition order, after the dated ones.
            r.deadlines.sort_by_key(|d| (d.date.is_none(), d.date));
            r.patch_releases.sort_by_key(|p| p.version.split('.').map(|n| n.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>());
        }
        Taxonomy { editions, by_url, keps, sigs, releases, deadlines }
    }

    /// The tags of the edition at `index` (the loader's order).
    pub fn edition(&self, index: usize) -> Option<&EditionTags> {
        self.editions.get(index)
    }

    /// The tags of the edition at site path `url` (`/2022/20220209.html`).
    pub fn edition_by_url(&self, url: &str) -> Option<&EditionTags> {
        self.by_url.get(url).map(|&i| &self.editions[i])
    }
}

impl Release {
    fn new(version: ReleaseCycle) -> Release {
        Release { version, editions: Vec::new(), deadlines: Vec::new(), keps: BTreeSet::new(), patch_releases: Vec::new() }
    }
}

fn push_once(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

/// Each edition's cycle. Cycles only move forward, one at a time: to the next when a
/// deadline names a later cycle (`1.25 Cycle Starts`), or once the current one has shipped
/// (the edition says so, or comes out after its announced release day) and the edition
/// talks of a later one. A later release mentioned in passing before that ("or wait for
/// 1.20") does not move it. The first edition starts from the newest cycle it names;
/// editions before any evidence get the first edition's cycle that has one.
fn assign_cycles(editions: &mut [EditionTags]) {
    let mut current: Option<ReleaseCycle> = None;
    let mut release_day: Option<chrono::NaiveDate> = None;
    let mut shipped = false;
    for tags in editions.iter_mut() {
        let evidence = tags.cycle_evidence;
        let before = current;
        current = match current {
            None => evidence.deadline_named.or(evidence.newest_named),
            Some(c) => {
                shipped |= evidence.shipped.is_some_and(|s| s >= c) || release_day.is_some_and(|day| tags.date > day);
                let later = |named: Option<ReleaseCycle>| named.is_some_and(|n| n > c);
                if later(evidence.deadline_named) || (shipped && later(evidence.newest_named)) {
                    release_day = None;
                    shipped = false;
                    Some(c.next())
                } else {
                    Some(c)
                }
            }
        };
        if let Some((named, day)) = evidence.release_day {
            // An unnamed `Release Day` is the release of the cycle the edition was in.
            if named.or(before) == current {
                release_day = Some(day);
            }
        }
        tags.cycle = current;
    }
    let first = editions.iter().find_map(|t| t.cycle);
    for tags in editions.iter_mut().take_while(|t| t.cycle.is_none()) {
        tags.cycle = first;
    }
}
