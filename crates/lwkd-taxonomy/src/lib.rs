//! `lwkd-taxonomy` indexes the loader's editions by what Kubernetes contributors look for:
//! KEPs, SIGs (working groups and committees too), release cycles and deadlines. It reads editions and
//! writes nothing; the renderer turns a [`Taxonomy`] into pages and data files. What it
//! reads with comes from crates of one job each: `lwkd-cycles` (cycles, deadlines, official
//! schedules), `lwkd-kep-refs` (KEPs named by number or link), `lwkd-kep-names` (KEPs named
//! by gate or name) and `lwkd-groups` (SIGs, working groups, committees); it re-exports
//! their types.
//!
//! Indexing is two steps: [`EditionTags::extract`] reads one edition on its own, and
//! [`Taxonomy::assemble`] joins every edition's tags (release cycles need the editions
//! before, KEP pages need all of them). [`Taxonomy::index`] does both, extracting in
//! parallel; [`Taxonomy::update`] re-reads only the changed editions and, when no cycle
//! moves, builds again only the records of the KEPs, SIGs and cycles they name.

#[cfg(test)]
mod archive_tests;
#[cfg(test)]
mod catalog_tests;
mod extract;
mod facts;
#[cfg(test)]
mod update_tests;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use lwkd_content::{BodyError, Edition, EditionBody};
use lwkd_upstream::{Schedule, Upstream};
use rayon::prelude::*;
use serde::Serialize;

pub use extract::{EditionTags, KepMention, PatchRelease, PrMention, SigMention, TitleSource};
pub use facts::Facts;
pub use lwkd_cycles::{Deadline, Mention, OfficialDate, OfficialSchedule, PatchNews, ReleaseCycle};
pub use lwkd_groups::SigSlug;
pub use lwkd_kep_names::{FoundBy, KepCatalog, KepRef};
pub use lwkd_kep_refs::kep_spans;
pub use lwkd_upstream::{KepFacts, Milestone, MilestoneKind};

/// Everything the archive says about one KEP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kep {
    pub number: KepRef,
    /// Its `kep.yaml` title, else the latest `KEP-N: Title` heading of an edition, else the
    /// text of a link to its issue (`[544: Custom Resource Definition Versioning](...)`),
    /// else its folder's name.
    pub title: Option<String>,
    /// Its `kep.yaml` owning SIG, else the SIG folder an edition links it under.
    pub sig: Option<SigSlug>,
    /// Its folder under `keps/<sig>/`, when an edition links it.
    pub folder: Option<String>,
    /// Every mention, oldest first, each with how it was found.
    pub mentions: Vec<KepSighting>,
    /// Indices of the editions that mention it, oldest first.
    pub editions: Vec<usize>,
    pub releases: BTreeSet<ReleaseCycle>,
    /// Pull requests in kubernetes/enhancements named alongside it.
    pub prs: BTreeSet<u32>,
    /// What its `kep.yaml` records, with upstream data.
    pub facts: Option<Arc<KepFacts>>,
}

/// One mention of a KEP, and how the item names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KepSighting {
    pub how: FoundBy,
    #[serde(flatten)]
    pub mention: Mention,
}

impl Kep {
    /// Its README in kubernetes/enhancements: its folder there, from `kep.yaml` or a link.
    pub fn readme_url(&self) -> Option<String> {
        if let Some(facts) = &self.facts {
            return Some(format!(
                "https://github.com/kubernetes/enhancements/tree/master/{}",
                facts.folder
            ));
        }
        let sig = self.sig.as_ref()?;
        let folder = self.folder.as_ref()?;
        Some(format!(
            "https://github.com/kubernetes/enhancements/tree/master/keps/{sig}/{folder}"
        ))
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
    /// Its patch releases (`1.23.4`), each at its first announcement, or the first that
    /// says it is out.
    pub patch_releases: Vec<PatchRelease>,
    /// The blog post announcing it, as an edition first links it.
    pub announcement: Option<String>,
    /// Its official schedule, when the upstream facts hold it.
    pub official: Option<OfficialSchedule>,
}

impl Release {
    /// The official milestones a calendar of the cycle shows: the freezes and the release,
    /// not meetings or branch cuts; each row of the schedule once.
    pub fn calendar_milestones(&self) -> Vec<&Milestone> {
        (self.official.iter().flat_map(|s| s.rows()))
            .filter(|m| m.kind != MilestoneKind::Other)
            .collect()
    }

    /// Whether the cycle has a calendar (`/releases/1.N/deadlines.ics`): a deadline with a
    /// day or a week, announced by an edition, or one on the official schedule. A cycle the
    /// schedules know before any edition speaks of it has one, which is when a reader
    /// wants it.
    pub fn has_calendar(&self) -> bool {
        self.deadlines.iter().any(|d| d.days().is_some()) || !self.calendar_milestones().is_empty()
    }
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
    /// The upstream facts the editions were read with.
    #[serde(skip)]
    facts: Arc<Facts>,
}

impl Taxonomy {
    /// Indexes `editions` (oldest first, as the loader returns them) with the facts of
    /// `upstream` (empty for the archive alone): extracts each in parallel, its Markdown
    /// read again from its file, then assembles.
    pub fn index(editions: &[Edition], upstream: &Upstream) -> Result<Taxonomy, BodyError> {
        let facts = Arc::new(Facts::new(Arc::new(upstream.clone())));
        let tags = editions
            .par_iter()
            .map(|e| EditionTags::read(e, &facts))
            .collect::<Result<_, _>>()?;
        Ok(Taxonomy::assemble(tags, facts))
    }

    /// The upstream facts this index was made with.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// Brings the index up to date after editions were edited, added or removed:
    /// `editions` is the whole updated list (oldest first) and `changed` the indices in it
    /// of the editions to read again; the others keep the tags this index holds (found by
    /// URL, which an unchanged file keeps). The result equals [`Taxonomy::index`]'s. When no
    /// edition came, went or moved and the changed ones tell the same of their release
    /// cycle, only the records of the keys they name (before or after) are made again (what
    /// keeps `lwkd serve`'s rebuild short); else the index is assembled again from every
    /// edition's tags. Other `upstream` facts than the index's read every edition again.
    /// An edition read again is read from the Markdown `body` gives of it (`lwkd serve`
    /// holds what it has just read).
    pub fn update(
        &mut self,
        editions: &[Edition],
        changed: &BTreeSet<usize>,
        upstream: &Upstream,
        body: impl Fn(&Edition) -> Result<Arc<EditionBody>, BodyError> + Sync,
    ) -> Result<(), BodyError> {
        let same_facts = self.facts.are_of(upstream);
        let facts = match same_facts {
            true => Arc::clone(&self.facts),
            false => Arc::new(Facts::new(Arc::new(upstream.clone()))),
        };
        // Read again: the changed editions, those this index holds no tags of (or the tags
        // of other facts), and the second of two that claim one URL.
        let mut urls = HashSet::new();
        let read: Vec<usize> = (0..editions.len())
            .filter(|&i| {
                let url = &editions[i].url;
                !urls.insert(url)
                    || !same_facts
                    || changed.contains(&i)
                    || !self.by_url.contains_key(url)
            })
            .collect();
        // Before the index changes: an edition that cannot be read leaves it as it was.
        let mut fresh: BTreeMap<usize, EditionTags> = read
            .into_par_iter()
            .map(|i| {
                let edition = &editions[i];
                Ok((i, EditionTags::extract(edition, &*body(edition)?, &facts)))
            })
            .collect::<Result<_, _>>()?;
        let same_list = same_facts
            && editions.len() == self.editions.len()
            && editions
                .iter()
                .zip(&self.editions)
                .all(|(e, t)| e.url == t.url);
        // Cycles follow the editions' dates and cycle evidence, one edition after the other.
        let same_cycles = same_list
            && fresh.iter().all(|(i, t)| {
                (t.date, t.cycle_evidence)
                    == (self.editions[*i].date, self.editions[*i].cycle_evidence)
            });
        if same_cycles {
            self.update_records(fresh.into_iter().collect());
            return Ok(());
        }
        let old = std::mem::take(self);
        let mut old_tags: Vec<Option<EditionTags>> = old.editions.into_iter().map(Some).collect();
        let tags = editions
            .iter()
            .enumerate()
            .map(|(i, e)| match fresh.remove(&i) {
                Some(tags) => tags,
                None => old_tags[old.by_url[&e.url]].take().expect("each URL once"),
            })
            .collect();
        *self = Taxonomy::assemble(tags, facts);
        Ok(())
    }

    /// [`Taxonomy::update`] when every edition keeps its place and cycle: the changed
    /// editions' tags replace theirs, then the records of the keys either names are built
    /// again from every edition.
    fn update_records(&mut self, fresh: Vec<(usize, EditionTags)>) {
        let mut keps: BTreeSet<KepRef> = BTreeSet::new();
        let mut sigs: BTreeSet<SigSlug> = BTreeSet::new();
        let mut releases: BTreeSet<ReleaseCycle> = BTreeSet::new();
        let mut deadlines_changed = false;
        let facts = Arc::clone(&self.facts);
        let schedules = &facts.upstream().schedules;
        for (i, mut tags) in fresh {
            let old = &self.editions[i];
            tags.cycle = old.cycle;
            set_deadline_cycles(&mut tags, schedules);
            if tags == *old {
                continue;
            }
            for t in [old, &tags] {
                keps.extend(
                    t.keps
                        .iter()
                        .map(|k| k.kep)
                        .chain(t.kep_prs.iter().flat_map(|pr| pr.keps.iter().copied())),
                );
                sigs.extend(t.sigs.iter().map(|s| s.sig.clone()));
                releases.extend(record_cycles(t));
            }
            deadlines_changed |= old.deadlines != tags.deadlines;
            self.editions[i] = tags;
        }
        let all = 0..self.editions.len();
        for k in keps {
            let record = kep_record(k, &self.editions, all.clone(), &self.facts);
            // A KEP that changed its SIG moves from one group's KEPs to the other's.
            sigs.extend(
                replace(&mut self.keps, k, record)
                    .iter()
                    .chain(self.keps.get(&k))
                    .filter_map(|kep| owner(kep, &self.facts)),
            );
        }
        for slug in sigs {
            let owned = self
                .keps
                .values()
                .filter(|k| owner(k, &self.facts).as_ref() == Some(&slug))
                .map(|k| k.number)
                .collect();
            let record = group_record(&slug, &self.facts, &self.editions, all.clone(), owned);
            replace(&mut self.sigs, slug, record);
        }
        for cycle in releases {
            let record = release_record(cycle, &self.editions, all.clone(), schedules);
            replace(&mut self.releases, cycle, record);
        }
        if deadlines_changed {
            self.deadlines = all_deadlines(&self.editions);
        }
    }

    /// Joins per-edition tags (in edition order, oldest first, each extracted with `facts`)
    /// into the index: gives each edition its release cycle, then builds the record of every
    /// KEP, SIG and cycle from the editions that name it, and of every cycle the official
    /// schedules know.
    pub fn assemble(mut editions: Vec<EditionTags>, facts: Arc<Facts>) -> Taxonomy {
        let schedules = &facts.upstream().schedules;
        assign_cycles(&mut editions, schedules);
        let mut kep_in: BTreeMap<KepRef, Vec<usize>> = BTreeMap::new();
        let mut sig_in: BTreeMap<SigSlug, Vec<usize>> = BTreeMap::new();
        let mut release_in: BTreeMap<ReleaseCycle, Vec<usize>> = BTreeMap::new();
        for (i, tags) in editions.iter_mut().enumerate() {
            set_deadline_cycles(tags, schedules);
            for k in tags
                .keps
                .iter()
                .map(|k| k.kep)
                .chain(tags.kep_prs.iter().flat_map(|pr| pr.keps.iter().copied()))
            {
                push_once(kep_in.entry(k).or_default(), i);
            }
            for s in &tags.sigs {
                match sig_in.get_mut(&s.sig) {
                    Some(list) => push_once(list, i),
                    None => drop(sig_in.insert(s.sig.clone(), vec![i])),
                }
            }
            for cycle in record_cycles(tags) {
                push_once(release_in.entry(cycle).or_default(), i);
            }
        }
        // A cycle the official schedules know has a record though no edition is in it yet
        // (1.36 and 1.37 after the archive's last edition): its schedule and what it ships.
        for schedule in schedules {
            release_in.entry(schedule.cycle.into()).or_default();
        }
        let keps: BTreeMap<KepRef, Kep> = kep_in
            .into_par_iter()
            .filter_map(|(k, within)| {
                Some((k, kep_record(k, &editions, within.into_iter(), &facts)?))
            })
            .collect();
        let mut owned: HashMap<SigSlug, BTreeSet<KepRef>> = HashMap::new();
        for kep in keps.values() {
            if let Some(sig) = owner(kep, &facts) {
                owned.entry(sig).or_default().insert(kep.number);
            }
        }
        // Every group and cycle listed here has a record (the update path relies on it, and
        // tests/incremental.rs compares it with this); one that had none would lose its page,
        // not the build.
        let sigs: BTreeMap<SigSlug, Group> = sig_in
            .into_iter()
            .filter_map(|(slug, within)| {
                let group = group_record(
                    &slug,
                    &facts,
                    &editions,
                    within.into_iter(),
                    owned.remove(&slug).unwrap_or_default(),
                )?;
                Some((slug, group))
            })
            .collect();
        let releases = release_in
            .into_iter()
            .filter_map(|(cycle, within)| {
                let release = release_record(cycle, &editions, within.into_iter(), schedules)?;
                Some((cycle, release))
            })
            .collect();
        let deadlines = all_deadlines(&editions);
        let by_url = editions
            .iter()
            .enumerate()
            .map(|(i, t)| (t.url.clone(), i))
            .collect();
        Taxonomy {
            editions,
            by_url,
            keps,
            sigs,
            releases,
            deadlines,
            facts,
        }
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

/// Puts `record` at `key` (removes the key for `None`) and returns what was there.
fn replace<K: Ord, V>(map: &mut BTreeMap<K, V>, key: K, record: Option<V>) -> Option<V> {
    match record {
        Some(record) => map.insert(key, record),
        None => map.remove(&key),
    }
}

/// A deadline's cycle: the one its name as written gives, else its edition's; the official
/// milestone it announces; and the name lists show it by.
fn set_deadline_cycles(tags: &mut EditionTags, schedules: &[Schedule]) {
    for d in &mut tags.deadlines {
        d.release = lwkd_cycles::named_cycle(&d.written_name).or(tags.cycle);
        d.official = lwkd_cycles::official_date(d, schedules);
        // Each list then names a milestone one way, and an edition's repeat of it is one.
        if let Some(name) = lwkd_cycles::milestone_name(d) {
            d.name = name;
        }
    }
}

/// The cycles whose records read an edition: its own, and those its patch releases, release
/// announcements and deadlines belong to.
fn record_cycles(tags: &EditionTags) -> impl Iterator<Item = ReleaseCycle> + '_ {
    tags.cycle
        .into_iter()
        .chain(tags.patch_releases.iter().map(|p| p.cycle))
        .chain(tags.release_announcements.iter().map(|a| a.cycle))
        .chain(tags.deadlines.iter().filter_map(|d| d.release))
}

/// Every deadline line of every edition, in edition order.
fn all_deadlines(editions: &[EditionTags]) -> Vec<Deadline> {
    editions
        .iter()
        .flat_map(|t| t.deadlines.iter().cloned())
        .collect()
}

/// The record of KEP `k` from the editions at `within` (in order; at least those that
/// name it or a pull request about it) and its upstream facts; `None` when none names it.
fn kep_record(
    k: KepRef,
    editions: &[EditionTags],
    within: impl Iterator<Item = usize>,
    facts: &Facts,
) -> Option<Kep> {
    let catalog = facts.kep_catalog();
    let mut kep: Option<Kep> = None;
    let mut title_from: Option<TitleSource> = None;
    for i in within {
        let tags = &editions[i];
        for m in tags.keps.iter().filter(|m| m.kep == k) {
            let kep = kep.get_or_insert_with(|| Kep {
                number: k,
                title: None,
                sig: None,
                folder: None,
                mentions: Vec::new(),
                editions: Vec::new(),
                releases: BTreeSet::new(),
                prs: BTreeSet::new(),
                facts: None,
            });
            kep.mentions.push(KepSighting {
                how: m.how,
                mention: m.mention.clone(),
            });
            push_once(&mut kep.editions, i);
            kep.releases.extend(tags.cycle);
            if m.sig.is_some() {
                kep.sig.clone_from(&m.sig);
            }
            if m.folder.is_some() {
                kep.folder.clone_from(&m.folder);
            }
            // A better source wins, and a later title over an earlier one from as good a source.
            if let Some((from, title)) = &m.title {
                if title_from.is_none_or(|best| *from >= best) {
                    kep.title = Some(title.clone());
                    title_from = Some(*from);
                }
            }
        }
        // Pull requests count from the KEP's first mention on.
        if let Some(kep) = &mut kep {
            kep.prs.extend(
                tags.kep_prs
                    .iter()
                    .filter(|pr| pr.keps.contains(&k))
                    .map(|pr| pr.number),
            );
        }
    }
    // Its own kep.yaml knows better than any edition.
    if let (Some(kep), Some(kep_yaml)) = (&mut kep, catalog.facts(k)) {
        if let Some(title) = catalog.title(k) {
            kep.title = Some(title.to_string());
        } else if kep.title.is_none() {
            kep.title = catalog.folder_title(k);
        }
        if let Some(sig) = SigSlug::parse(&kep_yaml.owning_sig) {
            kep.sig = Some(sig);
        }
        kep.facts = Some(Arc::clone(kep_yaml));
    }
    kep
}

/// The group that owns `kep`: its kep.yaml's `owning-sig` when upstream data has it, else
/// the SIG folder an edition links it under.
fn owner(kep: &Kep, facts: &Facts) -> Option<SigSlug> {
    facts
        .kep(kep.number.0)
        .and_then(|k| facts.group_slug(&k.owning_sig))
        .or_else(|| kep.sig.clone())
}

/// The record of group `slug` from the editions at `within` (in order; at least those
/// that name it), with the KEPs it `owns`; `None` when none names it.
fn group_record(
    slug: &SigSlug,
    facts: &Facts,
    editions: &[EditionTags],
    within: impl Iterator<Item = usize>,
    owns: BTreeSet<KepRef>,
) -> Option<Group> {
    let mut group: Option<Group> = None;
    for i in within {
        for s in editions[i].sigs.iter().filter(|s| s.sig == *slug) {
            let group = group.get_or_insert_with(|| Group {
                name: facts.group_name(slug).to_string(),
                slug: slug.clone(),
                mentions: Vec::new(),
                editions: Vec::new(),
                keps: BTreeSet::new(),
            });
            group.mentions.push(s.mention.clone());
            push_once(&mut group.editions, i);
        }
    }
    group.map(|g| Group { keps: owns, ..g })
}

/// The record of `cycle` from the editions at `within` (in order; at least those in it or
/// announcing its patch releases or deadlines); `None` when none does.
fn release_record(
    cycle: ReleaseCycle,
    editions: &[EditionTags],
    within: impl Iterator<Item = usize>,
    schedules: &[Schedule],
) -> Option<Release> {
    let schedule = lwkd_cycles::schedule_of(schedules, cycle);
    let official = schedule.map(OfficialSchedule::new);
    let mut r = Release {
        version: cycle,
        editions: Vec::new(),
        deadlines: Vec::new(),
        keps: BTreeSet::new(),
        patch_releases: Vec::new(),
        announcement: None,
        official,
    };
    let mut named = false;
    // What is listed already, to find in one step: a long cycle repeats hundreds.
    let mut patches: HashMap<&str, usize> = HashMap::new();
    let mut deadlines: HashMap<(Option<chrono::NaiveDate>, String), usize> = HashMap::new();
    // A milestone is one, however each edition names it, and on either side of midnight
    // (`Code Freeze, March 29th/30th` is two dates for the schedule's one): it is known by
    // its row's first day, whichever of a time-zone pair's days an edition matched.
    let row_day = |o: &OfficialDate| {
        schedule
            .and_then(|s| {
                s.milestones.iter().find(|m| {
                    m.kind == o.milestone && m.name == o.name && m.dates().any(|d| d == o.date)
                })
            })
            .map_or(o.date, |m| m.date)
    };
    // A row of no milestone kind (`Cherry Pick Deadline`) is told from others by its name.
    let row = |o: &OfficialDate| match o.milestone {
        MilestoneKind::Other => format!("{:?} {}", o.milestone, o.name),
        kind => format!("{kind:?}"),
    };
    let key = |d: &Deadline| match &d.official {
        Some(o) if d.date.is_some() && o.days_apart.is_some_and(|n| n.abs() <= 1) => {
            (Some(row_day(o)), row(o))
        }
        Some(o) if d.date.is_some() => (d.date, row(o)),
        _ => (d.date, d.name.to_ascii_lowercase()),
    };
    for i in within {
        let tags = &editions[i];
        if tags.cycle == Some(cycle) {
            named = true;
            r.editions.push(i);
            r.keps.extend(tags.keps.iter().map(|k| k.kep));
        }
        for p in tags.patch_releases.iter().filter(|p| p.cycle == cycle) {
            named = true;
            // One row per version: its first mention, until an edition says it is out.
            match patches.entry(&p.version) {
                Entry::Vacant(at) => {
                    at.insert(r.patch_releases.len());
                    r.patch_releases.push(p.clone());
                }
                Entry::Occupied(at) => {
                    let row = &mut r.patch_releases[*at.get()];
                    let is_out = |p: &PatchRelease| matches!(p.news, PatchNews::Out { .. });
                    if is_out(p) && !is_out(row) {
                        *row = p.clone();
                    }
                }
            }
        }
        if let Some(a) = tags.release_announcements.iter().find(|a| a.cycle == cycle) {
            named = true;
            r.announcement.get_or_insert_with(|| a.url.clone());
        }
        for d in tags.deadlines.iter().filter(|d| d.release == Some(cycle)) {
            named = true;
            // Editions repeat the next deadline until it passes: list it once, as last
            // announced (`Code Freeze, March 29th/30th` after "Code Freeze comes on March 29th").
            match deadlines.entry(key(d)) {
                Entry::Occupied(at) => {
                    let before = &r.deadlines[*at.get()];
                    // Within an edition, the first said stands: its Next Deadline line
                    // comes before the prose that repeats it.
                    let (kept, repeat) = if before.mention.edition == d.mention.edition {
                        (before, d)
                    } else {
                        (d, before)
                    };
                    let mut other_dates = kept.other_dates.clone();
                    other_dates.extend(&repeat.other_dates);
                    other_dates.extend(repeat.date);
                    other_dates.retain(|&day| Some(day) != kept.date);
                    other_dates.sort();
                    other_dates.dedup();
                    r.deadlines[*at.get()] = Deadline {
                        other_dates,
                        ..kept.clone()
                    };
                }
                Entry::Vacant(at) => {
                    at.insert(r.deadlines.len());
                    r.deadlines.push(d.clone());
                }
            }
        }
    }
    // An undated announcement ("1.35 Release Cycle Starts, September") of a milestone that
    // an edition dated is that milestone: listed once, with its day.
    let dated: HashSet<String> = r
        .deadlines
        .iter()
        .filter(|d| d.date.is_some())
        .map(milestone_of)
        .collect();
    r.deadlines
        .retain(|d| d.date.is_some() || !dated.contains(&milestone_of(d)));
    // By day (a week given instead, by its first day). Stable: deadlines given neither keep
    // their edition order, after the others.
    let first_day = |d: &Deadline| d.days().map(|(first, _)| first);
    r.deadlines
        .sort_by_key(|d| (first_day(d).is_none(), first_day(d)));
    r.patch_releases.sort_by_key(|p| {
        p.version
            .split('.')
            .map(|n| n.parse::<u32>().unwrap_or(0))
            .collect::<Vec<_>>()
    });
    (named || r.official.is_some()).then_some(r)
}

/// Which of a cycle's milestones a deadline is, day or not: the official one its name says
/// when a cycle has one such (a freeze, the start, the release), else its name.
fn milestone_of(d: &Deadline) -> String {
    use MilestoneKind::*;
    match &d.official {
        Some(o)
            if matches!(
                o.milestone,
                CycleStart
                    | ProductionReadinessFreeze
                    | EnhancementsFreeze
                    | CodeFreeze
                    | TestFreeze
                    | DocsFreeze
                    | CodeThaw
                    | Release
            ) =>
        {
            format!("{:?}", o.milestone)
        }
        _ => d.name.to_ascii_lowercase(),
    }
}

fn push_once(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

/// Each edition's cycle. Cycles only move forward, one at a time: to the next when a
/// deadline names a later cycle (`1.25 Cycle Starts`) or the Release Schedule section says a
/// later one has begun (`We have begun the 1.15 release cycle!`), or once the current one has shipped
/// (the edition says so, covers a week after the official release day, or comes out after
/// the announced one) and the edition
/// talks of a later one. A later release mentioned in passing before that ("or wait for
/// 1.20") does not move it. The first edition starts from the newest cycle it names;
/// editions before any evidence get the first edition's cycle that has one.
fn assign_cycles(editions: &mut [EditionTags], schedules: &[Schedule]) {
    let official_release =
        |c: ReleaseCycle| lwkd_cycles::schedule_of(schedules, c).and_then(Schedule::release);
    let mut current: Option<ReleaseCycle> = None;
    let mut release_day: Option<chrono::NaiveDate> = None;
    let mut shipped = false;
    for tags in editions.iter_mut() {
        let evidence = tags.cycle_evidence;
        let before = current;
        current = match current {
            None => evidence.deadline_named.or(evidence.newest_named),
            Some(c) => {
                // The official release day, when known, says when the cycle shipped: before the
                // week the edition covers ended (it is published a few days later; 1.15 was due
                // the Monday after the week of 2019-06-16, and slipped).
                let week_end = tags.date
                    - chrono::Duration::days(
                        chrono::Datelike::weekday(&tags.date)
                            .num_days_from_sunday()
                            .into(),
                    );
                shipped |= evidence.shipped.is_some_and(|s| s >= c)
                    || official_release(c).is_some_and(|day| week_end > day)
                    || release_day.is_some_and(|day| tags.date > day);
                let later = |named: Option<ReleaseCycle>| named.is_some_and(|n| n > c);
                if later(evidence.deadline_named)
                    || later(evidence.begun)
                    || (shipped && later(evidence.newest_named))
                {
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
