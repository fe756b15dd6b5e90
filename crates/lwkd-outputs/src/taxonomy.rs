//! The taxonomy's pages: every KEP, SIG (and working group), release cycle and deadline,
//! each index page and one page per KEP, SIG and cycle.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use lwkd_content::{Edition, SectionKind};
use lwkd_taxonomy::{
    Deadline, Group, Kep, KepFacts, KepRef, Mention, MilestoneKind, OfficialDate, PatchNews,
    Release, ReleaseCycle, SigSlug,
};
use lwkd_upstream::GroupFacts;
use rayon::prelude::*;
use serde::Serialize;

use lwkd_render::paths::{kep_path, release_path, sig_path};
use lwkd_render::view::{long_date, DeadlineChart, EditionLink, SiteView};
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

/// `/keps/`, `/sigs/`, `/releases/`, `/deadlines/` and the pages under them.
pub struct TaxonomyPages;

/// A heading for a section kind, for mention lists.
fn section_label(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Preamble => "Introduction",
        SectionKind::DeveloperNews => "Developer News",
        SectionKind::ReleaseSchedule => "Release Schedule",
        SectionKind::FeaturedPrs => "Featured PRs",
        SectionKind::KepOfTheWeek => "KEP of the Week",
        SectionKind::FeaturedKeps => "Featured KEPs",
        SectionKind::OtherMerges => "Other Merges",
        SectionKind::Promotions => "Promotions",
        SectionKind::Deprecated => "Deprecated",
        SectionKind::VersionUpdates => "Version Updates",
        SectionKind::Subprojects => "Subprojects and Dependency Updates",
        SectionKind::Shoutouts => "Shoutouts",
        SectionKind::Other => "Other",
    }
}

/// What a template shows of one mention.
#[derive(Serialize)]
struct MentionView<'a> {
    date: NaiveDate,
    date_long: String,
    edition_title: &'a str,
    /// The edition with the item's anchor.
    href: String,
    section: &'static str,
    text: &'a str,
}

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

/// A KEP of the upstream facts, linked to its page when editions mention it.
#[derive(Serialize)]
struct FactsLink<'a> {
    number: u32,
    title: Cow<'a, str>,
    /// Its page, when editions mention it.
    page: Option<String>,
    /// Its folder in kubernetes/enhancements.
    folder: String,
}

#[derive(Serialize)]
struct KepLink<'a> {
    number: u32,
    title: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct SigLink<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
}

/// A group a `kep.yaml` names: a link to its page, else its name (as written, when no
/// group is known by it).
#[derive(Serialize)]
#[serde(untagged)]
enum GroupName<'a> {
    Page(SigLink<'a>),
    Unknown { name: Cow<'a, str> },
}

#[derive(Serialize)]
struct ReleaseLink {
    version: String,
    url: String,
}

#[derive(Serialize)]
struct DeadlineView<'a> {
    name: &'a str,
    date: Option<NaiveDate>,
    date_long: Option<String>,
    text: &'a str,
    release: Option<ReleaseLink>,
    href: String,
    edition_title: &'a str,
    official: Option<OfficialView<'a>>,
    /// Other days editions gave for it, when they disagreed.
    other_dates: Vec<String>,
}

/// The official schedule's row for an announced deadline, and how the two dates compare.
#[derive(Serialize)]
struct OfficialView<'a> {
    name: &'a str,
    date: NaiveDate,
    date_long: String,
    days_apart: Option<i64>,
    /// `same day`, `1 day earlier`, `3 days later`: the announcement against the schedule.
    comparison: Option<String>,
}

impl<'a> OfficialView<'a> {
    fn new(official: &'a OfficialDate) -> Self {
        let comparison = official.days_apart.map(|days| match days {
            0 => "same day as the official schedule".to_string(),
            d => format!(
                "{} day{} {} than the official schedule",
                d.abs(),
                if d.abs() == 1 { "" } else { "s" },
                if d < 0 { "earlier" } else { "later" }
            ),
        });
        OfficialView {
            name: &official.name,
            date: official.date,
            date_long: long_date(official.date),
            days_apart: official.days_apart,
            comparison,
        }
    }
}

/// A row of a cycle's official schedule.
#[derive(Serialize)]
struct MilestoneView<'a> {
    name: &'a str,
    date: NaiveDate,
    date_long: String,
    /// A milestone the release team announces (freezes, release), not a meeting or a cut.
    major: bool,
}

#[derive(Serialize)]
struct KepRow<'a> {
    #[serde(flatten)]
    link: KepLink<'a>,
    sig: Option<SigLink<'a>>,
    /// kep.yaml's `status` and `stage`, for the index's filters.
    status: Option<&'a str>,
    stage: Option<&'a str>,
    /// The release cycles of the editions that mention it, space-separated: `1.24 1.25`.
    cycles: String,
    editions: usize,
    last: Option<NaiveDate>,
    last_long: Option<String>,
}

/// Lookups every page needs (edition titles by URL), and where pages go.
struct Pages<'a> {
    site: &'a Site,
    titles: HashMap<&'a str, &'a str>,
    sink: &'a dyn Sink,
    /// The newest release out by the build day, when the schedules give one: a stage
    /// kep.yaml gives for a later release is a plan.
    latest_out: Option<ReleaseCycle>,
}

impl<'a> Pages<'a> {
    fn new(site: &'a Site, sink: &'a dyn Sink) -> Self {
        let titles = site
            .content
            .editions
            .iter()
            .map(|e| (e.url.as_str(), e.title.as_str()))
            .collect();
        let latest_out = (site.taxonomy.releases.values())
            .filter(|r| release_day(r).is_some_and(|day| day <= site.build_day))
            .map(|r| r.version)
            .max();
        Pages {
            site,
            titles,
            sink,
            latest_out,
        }
    }

    fn title(&self, url: &str) -> &'a str {
        self.titles.get(url).copied().unwrap_or("")
    }

    fn mention(&self, m: &'a Mention) -> MentionView<'a> {
        MentionView {
            date: m.edition_date,
            date_long: long_date(m.edition_date),
            edition_title: self.title(&m.edition),
            href: m.href(),
            section: section_label(m.section),
            text: &m.text,
        }
    }

    fn kep_link(&self, kep: KepRef) -> KepLink<'a> {
        let title = self
            .site
            .taxonomy
            .keps
            .get(&kep)
            .and_then(|k| k.title.as_deref());
        KepLink {
            number: kep.0,
            title,
            url: kep_path(kep),
        }
    }

    /// A group as `kep.yaml` writes it: by its name and linked when the site has its page.
    fn group_name(&self, written: &'a str) -> GroupName<'a> {
        let facts = self.site.taxonomy.facts();
        let Some(slug) = facts.group_slug(written) else {
            return GroupName::Unknown {
                name: Cow::Borrowed(written),
            };
        };
        match self.site.taxonomy.sigs.get_key_value(&slug) {
            Some((slug, _)) => GroupName::Page(self.sig_link(slug)),
            // A group no edition names and sigs.yaml no longer lists (WG Multitenancy).
            None => GroupName::Unknown {
                name: Cow::Owned(facts.group_name(&slug).to_string()),
            },
        }
    }

    fn facts_link(&self, facts: &'a KepFacts) -> FactsLink<'a> {
        FactsLink {
            number: facts.number,
            title: listed_title(facts),
            page: (self.site.taxonomy.keps.get(&KepRef(facts.number))).map(|k| kep_path(k.number)),
            folder: enhancements_url(facts),
        }
    }

    fn sig_link(&self, sig: &'a SigSlug) -> SigLink<'a> {
        SigLink {
            slug: sig.as_str(),
            name: self.site.taxonomy.facts().group_name(sig),
            url: sig_path(sig),
        }
    }

    fn deadline(&self, d: &'a Deadline) -> DeadlineView<'a> {
        DeadlineView {
            name: &d.name,
            date: d.date,
            date_long: d.date.map(long_date),
            text: &d.mention.text,
            release: d.release.map(release_link),
            href: d.mention.href(),
            edition_title: self.title(&d.mention.edition),
            official: d.official.as_ref().map(OfficialView::new),
            other_dates: d.other_dates.iter().map(|&day| long_date(day)).collect(),
        }
    }

    fn editions(&self, indices: &[usize]) -> Vec<EditionLink<'a>> {
        indices
            .iter()
            .filter_map(|&i| self.site.content.editions.get(i))
            .map(EditionLink::new)
            .collect()
    }

    /// The page at `path`: `template` rendered with `vars` (a struct: its fields are the
    /// template's variables) and what every page has, keyed by them.
    fn render(
        &self,
        path: String,
        template: &str,
        title: &str,
        vars: impl Serialize,
    ) -> Result<(), BuildError> {
        let page = PageView {
            site: self.site.view(),
            page_title: title,
            vars,
        };
        self.site
            .render_view(self.sink, path.trim_start_matches('/'), template, &page)
    }

    fn kep_index(&self) -> Result<(), BuildError> {
        let rows: Vec<KepRow<'_>> = self
            .site
            .taxonomy
            .keps
            .values()
            .map(|k| KepRow {
                link: self.kep_link(k.number),
                sig: k.sig.as_ref().map(|s| self.sig_link(s)),
                status: k.facts.as_deref().and_then(|f| f.status.as_deref()),
                stage: k.facts.as_deref().and_then(|f| f.stage.as_deref()),
                cycles: k
                    .releases
                    .iter()
                    .map(ReleaseCycle::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                editions: k.editions.len(),
                last: k.mentions.last().map(|m| m.mention.edition_date),
                last_long: k.mentions.last().map(|m| long_date(m.mention.edition_date)),
            })
            .collect();
        self.render(
            INDEX_PAGES[0].into(),
            "keps.html",
            "KEPs",
            Var("keps", rows),
        )
    }

    fn kep_page(&self, kep: &'a Kep) -> Result<(), BuildError> {
        /// The items of one section of an edition that mention the KEP: the first as the
        /// entry, each way they name it, and the other items' text.
        #[derive(Serialize)]
        struct FoundView<'a> {
            #[serde(flatten)]
            mention: MentionView<'a>,
            how: Vec<&'static str>,
            more: Vec<&'a str>,
        }
        /// A stage of its graduation path: `alpha`, `1.28`.
        #[derive(Serialize)]
        struct StageView {
            stage: &'static str,
            release: String,
            /// The release is not out by the build day: kep.yaml's target, not what happened.
            planned: bool,
        }
        #[derive(Serialize)]
        struct KepView<'a> {
            number: u32,
            title: Option<&'a str>,
            sig: Option<SigLink<'a>>,
            readme: Option<String>,
            issue: String,
            /// How many editions mention it.
            editions: usize,
            mentions: Vec<FoundView<'a>>,
            releases: Vec<ReleaseLink>,
            prs: Vec<u32>,
            status: Option<&'a str>,
            stage: Option<&'a str>,
            path: Vec<StageView>,
            participating_sigs: Vec<GroupName<'a>>,
            feature_gates: Vec<&'a str>,
            authors: Vec<&'a str>,
        }
        // One entry a section of an edition, as its feed has (a featured PR's heading,
        // gate and link are one entry, not three).
        let mut mentions: Vec<FoundView> = Vec::new();
        for m in &kep.mentions {
            let (view, how) = (self.mention(&m.mention), m.how.as_str());
            match mentions.last_mut() {
                Some(last) if last.mention.href == view.href => {
                    if !last.how.contains(&how) {
                        last.how.push(how);
                    }
                    if last.mention.text != view.text && !last.more.contains(&view.text) {
                        last.more.push(view.text);
                    }
                }
                _ => mentions.push(FoundView {
                    mention: view,
                    how: vec![how],
                    more: Vec::new(),
                }),
            }
        }
        let facts = kep.facts.as_deref();
        let path = facts.map(KepFacts::milestones).into_iter().flatten();
        let view = KepView {
            number: kep.number.0,
            title: kep.title.as_deref(),
            sig: kep.sig.as_ref().map(|s| self.sig_link(s)),
            readme: kep.readme_url(),
            issue: kep.number.issue_url(),
            editions: kep.editions.len(),
            mentions,
            releases: kep.releases.iter().copied().map(release_link).collect(),
            prs: kep.prs.iter().copied().collect(),
            status: facts.and_then(|f| f.status.as_deref()),
            stage: facts.and_then(|f| f.stage.as_deref()),
            path: path
                .filter_map(|(stage, release)| {
                    let release = ReleaseCycle::from(release?);
                    Some(StageView {
                        stage,
                        release: release.to_string(),
                        planned: self.latest_out.is_some_and(|latest| release > latest),
                    })
                })
                .collect(),
            participating_sigs: facts
                .map(|f| {
                    let sigs = f.participating_sigs.iter();
                    sigs.map(|written| self.group_name(written)).collect()
                })
                .unwrap_or_default(),
            feature_gates: facts
                .map(|f| f.feature_gates.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            authors: facts
                .map(|f| f.authors.iter().map(String::as_str).collect())
                .unwrap_or_default(),
        };
        let title = match &kep.title {
            Some(t) => format!("{}: {t}", kep.number),
            None => kep.number.to_string(),
        };
        self.render(kep_path(kep.number), "kep.html", &title, Var("kep", view))
    }

    fn sig_index(&self) -> Result<(), BuildError> {
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

    fn sig_page(&self, group: &'a Group) -> Result<(), BuildError> {
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

    fn release_index(&self) -> Result<(), BuildError> {
        /// A day of the official schedule.
        #[derive(Serialize)]
        struct Day {
            date: NaiveDate,
            date_long: String,
        }
        #[derive(Serialize)]
        struct ReleaseRow {
            #[serde(flatten)]
            link: ReleaseLink,
            /// The cycle's start and its release, by the official schedule.
            start: Option<Day>,
            release: Option<Day>,
            editions: usize,
            deadlines: usize,
            keps: usize,
        }
        let day = |date: NaiveDate| Day {
            date,
            date_long: long_date(date),
        };
        // A cycle no edition covers has a page, but a row only when the official schedules
        // know it (1.37, after the archive's last edition; not 1.9, whose patch releases
        // editions name).
        let rows: Vec<ReleaseRow> = self
            .site
            .taxonomy
            .releases
            .values()
            .rev()
            .filter(|r| !r.editions.is_empty() || r.official.is_some())
            .map(|r| ReleaseRow {
                link: release_link(r.version),
                start: r.official.as_ref().and_then(|s| s.start).map(day),
                release: release_day(r).map(day),
                editions: r.editions.len(),
                deadlines: r.deadlines.len(),
                keps: r.keps.len(),
            })
            .collect();
        self.render(
            INDEX_PAGES[2].into(),
            "releases.html",
            "Release cycles",
            Var("releases", rows),
        )
    }

    fn release_page(&self, release: &'a Release) -> Result<(), BuildError> {
        #[derive(Serialize)]
        struct PatchView<'a> {
            version: &'a str,
            /// "out", "expected" or "named", as the edition's sentence says.
            news: &'static str,
            /// The day it came out or is expected, when the sentence gives one.
            day: Option<NaiveDate>,
            day_long: Option<String>,
            announced: MentionView<'a>,
        }
        #[derive(Serialize)]
        struct ScheduleView<'a> {
            start: Option<NaiveDate>,
            start_long: Option<String>,
            release: Option<NaiveDate>,
            release_long: Option<String>,
            milestones: Vec<MilestoneView<'a>>,
        }
        /// The KEPs whose kep.yaml gives this release for one stage.
        #[derive(Serialize)]
        struct StageKeps<'a> {
            stage: &'static str,
            keps: Vec<ShippedKep<'a>>,
        }
        /// A KEP that reached a stage in this release, and how often the archive mentions it.
        #[derive(Serialize)]
        struct ShippedKep<'a> {
            #[serde(flatten)]
            link: FactsLink<'a>,
            owning_sig: &'a str,
            editions: usize,
        }
        #[derive(Serialize)]
        struct ReleaseView<'a> {
            version: String,
            official: Option<ScheduleView<'a>>,
            editions: Vec<EditionLink<'a>>,
            deadlines: Vec<DeadlineView<'a>>,
            /// The KEPs the cycle's editions name that reach no stage in it.
            keps: Vec<KepLink<'a>>,
            stages: Vec<StageKeps<'a>>,
            patch_releases: Vec<PatchView<'a>>,
            announcement: Option<&'a str>,
            previous: Option<ReleaseLink>,
            next: Option<ReleaseLink>,
        }
        let stages: Vec<StageKeps> = STAGES
            .into_iter()
            .map(|stage| StageKeps {
                stage,
                keps: self
                    .site
                    .taxonomy
                    .facts()
                    .upstream()
                    .keps
                    .iter()
                    .filter(|f| reached(f, release.version) == Some(stage))
                    .map(|f| ShippedKep {
                        link: self.facts_link(f),
                        owning_sig: &f.owning_sig,
                        editions: (self.site.taxonomy.keps.get(&KepRef(f.number)))
                            .map_or(0, |k| k.editions.len()),
                    })
                    .collect(),
            })
            .filter(|s| !s.keps.is_empty())
            .collect();
        // The KEPs that reach a stage in the cycle are listed under it; the others the
        // cycle's editions name, apart.
        let shipped: Vec<u32> = (stages.iter())
            .flat_map(|s| s.keps.iter().map(|k| k.link.number))
            .collect();
        let releases = &self.site.taxonomy.releases;
        let view = ReleaseView {
            version: release.version.to_string(),
            official: release.official.as_ref().map(|s| ScheduleView {
                start: s.start,
                start_long: s.start.map(long_date),
                release: s.release,
                release_long: s.release.map(long_date),
                milestones: (s.rows().into_iter())
                    .map(|m| MilestoneView {
                        name: &m.name,
                        date: m.date,
                        date_long: long_date(m.date),
                        major: m.kind != MilestoneKind::Other,
                    })
                    .collect(),
            }),
            editions: self.editions(&release.editions),
            deadlines: release.deadlines.iter().map(|d| self.deadline(d)).collect(),
            keps: (release.keps.iter())
                .filter(|k| !shipped.contains(&k.0))
                .map(|&k| self.kep_link(k))
                .collect(),
            stages,
            patch_releases: release
                .patch_releases
                .iter()
                .map(|p| {
                    let (news, day) = match p.news {
                        PatchNews::Out { day } => ("out", day),
                        PatchNews::Expected { day } => ("expected", day),
                        PatchNews::Named => ("named", None),
                    };
                    PatchView {
                        version: &p.version,
                        news,
                        day,
                        day_long: day.map(long_date),
                        announced: self.mention(&p.mention),
                    }
                })
                .collect(),
            announcement: release.announcement.as_deref(),
            previous: releases
                .range(..release.version)
                .next_back()
                .map(|(&v, _)| release_link(v)),
            next: releases
                .range(release.version.next()..)
                .next()
                .map(|(&v, _)| release_link(v)),
        };
        #[derive(Serialize)]
        struct ReleaseVars<'a> {
            release: ReleaseView<'a>,
            chart: Option<DeadlineChart>,
            /// Whether the cycle has its calendar file.
            calendar: bool,
        }
        let chart = DeadlineChart::new(&release.deadlines, self.site.build_day);
        self.render(
            release_path(release.version),
            "release.html",
            &format!("Kubernetes {}", release.version),
            ReleaseVars {
                release: view,
                chart,
                calendar: release.has_calendar(),
            },
        )
    }

    fn deadline_index(&self) -> Result<(), BuildError> {
        /// A cycle's deadlines, newest cycle first.
        #[derive(Serialize)]
        struct CycleDeadlines<'a> {
            release: Option<ReleaseLink>,
            deadlines: Vec<DeadlineView<'a>>,
        }
        let taxonomy = &self.site.taxonomy;
        let mut cycles: Vec<CycleDeadlines<'_>> = taxonomy
            .releases
            .values()
            .rev()
            .filter(|r| !r.deadlines.is_empty())
            .map(|r| CycleDeadlines {
                release: Some(release_link(r.version)),
                deadlines: r.deadlines.iter().map(|d| self.deadline(d)).collect(),
            })
            .collect();
        let unassigned: Vec<DeadlineView<'_>> = taxonomy
            .deadlines
            .iter()
            .filter(|d| d.release.is_none())
            .map(|d| self.deadline(d))
            .collect();
        if !unassigned.is_empty() {
            cycles.push(CycleDeadlines {
                release: None,
                deadlines: unassigned,
            });
        }
        self.render(
            INDEX_PAGES[3].into(),
            "deadlines.html",
            "Release deadlines",
            Var("cycles", cycles),
        )
    }
}

/// What a page's template sees: the site, the page's title and the page's own variables.
#[derive(Serialize)]
struct PageView<'a, T> {
    site: &'a SiteView,
    page_title: &'a str,
    #[serde(flatten)]
    vars: T,
}

/// A page's one variable, by name.
struct Var<T>(&'static str, T);

impl<T: Serialize> Serialize for Var<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, &self.1)?;
        map.end()
    }
}

/// The stages a release lists its KEPs under, highest first.
const STAGES: [&str; 3] = ["stable", "beta", "alpha"];

/// The day `release` came out, by its official schedule (every cycle the schedules know
/// has a record).
fn release_day(release: &Release) -> Option<NaiveDate> {
    release.official.as_ref()?.release
}

/// The stage KEP `facts` reached in `cycle` by its kep.yaml, the highest when it names the
/// release for more than one.
fn reached(facts: &KepFacts, cycle: ReleaseCycle) -> Option<&'static str> {
    facts
        .milestones()
        .into_iter()
        .rev()
        .find(|(_, release)| release.map(ReleaseCycle::from) == Some(cycle))
        .map(|(stage, _)| stage)
}

/// A KEP's folder in kubernetes/enhancements, where its README and kep.yaml are.
fn enhancements_url(facts: &KepFacts) -> String {
    format!(
        "https://github.com/kubernetes/enhancements/tree/master/{}",
        facts.folder
    )
}

fn release_link(cycle: ReleaseCycle) -> ReleaseLink {
    ReleaseLink {
        version: cycle.to_string(),
        url: release_path(cycle),
    }
}

impl Renderer for TaxonomyPages {
    fn name(&self) -> &'static str {
        "taxonomy"
    }

    /// A page for every KEP and SIG mentioned: tens of thousands in a large archive, so
    /// each goes to the sink as it is made, keyed by its context: under
    /// [`Scope::Changed`], the sink skips each page it holds from the same context.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        if scope == Scope::Changed {
            let t = &site.taxonomy;
            let mut paths: Vec<String> = t.keps.keys().map(|&k| kep_path(k)).collect();
            paths.extend(t.sigs.keys().map(sig_path));
            paths.extend(t.releases.keys().map(|&r| release_path(r)));
            paths.extend(INDEX_PAGES.map(String::from));
            sink.paths(
                paths
                    .into_iter()
                    .map(|p| p.trim_start_matches('/').to_string())
                    .collect(),
            );
        }
        render_pages(site, sink)
    }
}

/// Where [`Pages::kep_index`] and the other index pages go.
const INDEX_PAGES: [&str; 4] = [
    "/keps/index.html",
    "/sigs/index.html",
    "/releases/index.html",
    "/deadlines/index.html",
];

/// What makes one of the [`INDEX_PAGES`].
type IndexPage<'a> = fn(&Pages<'a>) -> Result<(), BuildError>;

/// Hands `sink` every page, each through [`Site::render_view`].
fn render_pages<'a>(site: &'a Site, sink: &'a dyn Sink) -> Result<(), BuildError> {
    let pages = Pages::new(site, sink);
    let taxonomy = &site.taxonomy;
    // The index pages show the index and the titles of editions. They are the largest
    // pages (MB at scale) and go first, so that none is left to render alone at the end.
    let index: [IndexPage<'a>; 4] = [
        Pages::kep_index,
        Pages::deadline_index,
        Pages::release_index,
        Pages::sig_index,
    ];
    let index = index.into_par_iter().map(|page| page(&pages));
    let keps = taxonomy.keps.par_iter().map(|(_, k)| pages.kep_page(k));
    let sigs = taxonomy.sigs.par_iter().map(|(_, g)| pages.sig_page(g));
    let releases = taxonomy
        .releases
        .par_iter()
        .map(|(_, r)| pages.release_page(r));
    index
        .chain(keps)
        .chain(sigs)
        .chain(releases)
        .try_for_each(|page| page)
}

/// The title of a KEP a list takes from its kep.yaml (a file of its own: two files may
/// share a number): the file's, or its folder's words when it left the template's ("KEP
/// Template").
fn listed_title(kep: &KepFacts) -> Cow<'_, str> {
    match kep.given_title() {
        Some(title) => Cow::Borrowed(title),
        None => kep
            .folder_words()
            .map_or(Cow::Borrowed(kep.title.as_str()), Cow::Owned),
    }
}
