//! `/sigs/` and a page per SIG or working group: its sigs.yaml record, the editions that
//! name it, and what its KEPs reached release by release.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use lwkd_content::Edition;
use lwkd_render::paths::{release_path, sig_path};
use lwkd_render::view::{long_date, EditionLink};
use lwkd_render::BuildError;
use lwkd_taxonomy::{Group, KepFacts, KepRef, ReleaseCycle};
use lwkd_upstream::GroupFacts;
use serde::Serialize;

use super::{
    enhancements_url, listed_title, reached, release_day, FactsLink, KepLink, MentionView, Pages,
    SigLink, Var, INDEX_PAGES, STAGES,
};

/// A release and the KEPs of one group that reach a stage in it.
#[derive(Serialize)]
struct LandedRelease<'a> {
    version: String,
    /// Its page, when the site has one.
    page: Option<String>,
    /// The day it came out, by its official schedule.
    released_long: Option<String>,
    keps: Vec<LandedKep<'a>>,
}

/// A KEP and the stage its kep.yaml gives it in a release.
#[derive(Serialize)]
struct LandedKep<'a> {
    #[serde(flatten)]
    link: FactsLink<'a>,
    stage: &'static str,
}

impl<'a> Pages<'a> {
    pub(super) fn sig_index(&self) -> Result<(), BuildError> {
        #[derive(Serialize)]
        struct SigRow<'a> {
            #[serde(flatten)]
            link: SigLink<'a>,
            editions: usize,
            keps: usize,
            working_group: bool,
        }
        let rows: Vec<SigRow<'_>> = self
            .site
            .taxonomy
            .sigs
            .values()
            .map(|g| SigRow {
                link: self.sig_link(&g.slug),
                editions: g.editions.len(),
                keps: g.keps.len(),
                working_group: g.slug.is_working_group(),
            })
            .collect();
        self.render(
            INDEX_PAGES[1].into(),
            "sigs.html",
            "SIGs and working groups",
            Var("sigs", rows),
        )
    }

    pub(super) fn sig_page(&self, group: &'a Group) -> Result<(), BuildError> {
        /// An edition and the items of it that name the group.
        #[derive(Serialize)]
        struct EditionMentions<'a> {
            edition: EditionLink<'a>,
            mentions: Vec<MentionView<'a>>,
        }
        /// A KEP the group owns by its kep.yaml that no edition names: linked to its folder.
        #[derive(Serialize)]
        struct OwnedKep<'a> {
            number: u32,
            title: Cow<'a, str>,
            status: Option<&'a str>,
            stage: Option<&'a str>,
            url: String,
        }
        /// A KEP it owns that editions name, with its kep.yaml's status and stage.
        #[derive(Serialize)]
        struct CoveredKep<'a> {
            #[serde(flatten)]
            link: KepLink<'a>,
            status: Option<&'a str>,
            stage: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct SigView<'a> {
            #[serde(flatten)]
            link: SigLink<'a>,
            community: String,
            editions: Vec<EditionMentions<'a>>,
            /// KEPs it owns that editions name (by kep.yaml's `owning-sig` when upstream data has it).
            keps: Vec<CoveredKep<'a>>,
            /// Its `sigs.yaml` record, when upstream data is there.
            facts: Option<&'a GroupFacts>,
            slack_url: Option<String>,
            /// KEPs it owns that no edition names.
            other_keps: Vec<OwnedKep<'a>>,
            /// What its KEPs reached, release by release, newest first.
            releases: Vec<LandedRelease<'a>>,
            /// What kep.yaml plans for releases not out yet, soonest first.
            planned: Vec<LandedRelease<'a>>,
        }
        let editions_by_url: HashMap<&str, &Edition> = group
            .editions
            .iter()
            .filter_map(|&i| self.site.content.editions.get(i))
            .map(|e| (e.url.as_str(), e))
            .collect();
        let mut editions: Vec<EditionMentions<'_>> = Vec::new();
        // Newest first; mentions are in edition order.
        for m in group.mentions.iter().rev() {
            let Some(edition) = editions_by_url.get(&*m.edition) else {
                continue;
            };
            match editions.last_mut() {
                Some(last) if last.edition.url == &*m.edition => {
                    last.mentions.insert(0, self.mention(m))
                }
                _ => editions.push(EditionMentions {
                    edition: EditionLink::new(edition),
                    mentions: vec![self.mention(m)],
                }),
            }
        }
        let facts = self.site.taxonomy.facts();
        let group_facts = facts.group(group.slug.as_str());
        let (releases, planned) = self.by_release(facts.owned_keps(&group.slug));
        let view = SigView {
            link: self.sig_link(&group.slug),
            community: format!(
                "https://github.com/kubernetes/community/tree/master/{}",
                group.slug
            ),
            editions,
            keps: group
                .keps
                .iter()
                .map(|&k| {
                    let facts = self
                        .site
                        .taxonomy
                        .keps
                        .get(&k)
                        .and_then(|k| k.facts.as_deref());
                    CoveredKep {
                        link: self.kep_link(k),
                        status: facts.and_then(|f| f.status.as_deref()),
                        stage: facts.and_then(|f| f.stage.as_deref()),
                    }
                })
                .collect(),
            facts: group_facts,
            slack_url: group_facts
                .and_then(|g| g.slack.as_ref())
                .map(|channel| format!("https://kubernetes.slack.com/messages/{channel}")),
            other_keps: facts
                .owned_keps(&group.slug)
                .filter(|k| !group.keps.contains(&KepRef(k.number)))
                .map(|k| OwnedKep {
                    number: k.number,
                    title: listed_title(k),
                    status: k.status.as_deref(),
                    stage: k.stage.as_deref(),
                    url: enhancements_url(k),
                })
                .collect(),
            releases,
            planned,
        };
        self.render(
            sig_path(&group.slug),
            "sig.html",
            &group.name,
            Var("sig", view),
        )
    }

    /// The releases `keps` reach a stage in by their kep.yaml, each with its KEPs (stable,
    /// then beta, then alpha): what a group landed, newest release first, and apart what it
    /// plans for releases not out by the build day, soonest first (kep.yaml names targets
    /// too).
    fn by_release(
        &self,
        keps: impl Iterator<Item = &'a KepFacts>,
    ) -> (Vec<LandedRelease<'a>>, Vec<LandedRelease<'a>>) {
        let mut by_release: BTreeMap<ReleaseCycle, Vec<LandedKep<'a>>> = BTreeMap::new();
        for facts in keps {
            let releases: BTreeSet<ReleaseCycle> = (facts.milestones().into_iter())
                .filter_map(|(_, release)| release.map(ReleaseCycle::from))
                .collect();
            // Once a release, at the stage its page lists the KEP under.
            for release in releases {
                by_release
                    .entry(release)
                    .or_default()
                    .extend(reached(facts, release).map(|stage| LandedKep {
                        link: self.facts_link(facts),
                        stage,
                    }));
            }
        }
        let releases = &self.site.taxonomy.releases;
        let rank = |stage| STAGES.iter().position(|s| *s == stage);
        let (mut out, mut planned) = (Vec::new(), Vec::new());
        for (version, mut keps) in by_release {
            keps.sort_by_key(|k| (rank(k.stage), k.link.number));
            let record = releases.get(&version);
            let release = LandedRelease {
                version: version.to_string(),
                page: record.map(|_| release_path(version)),
                released_long: record.and_then(release_day).map(long_date),
                keps,
            };
            // Without schedules, nothing is known to be a plan.
            match self.latest_out {
                Some(latest) if version > latest => planned.push(release),
                _ => out.push(release),
            }
        }
        out.reverse();
        (out, planned)
    }
}
