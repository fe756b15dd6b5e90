//! `lwkd-taxonomy-pages` owns the pages a reader finds the archive by: every KEP, SIG (and
//! working group), release cycle and deadline, each index page (`/keps/`, `/sigs/`,
//! `/releases/`, `/deadlines/`) and one page per KEP, SIG and cycle, made from
//! lwkd-taxonomy's index as one [`Renderer`], [`TaxonomyPages`], which lwkd-outputs lists
//! with the site's other outputs. A module a kind of page (`kep`, `sig`, `release`,
//! `deadline`); here is what they share: `Pages`, the lookups and the render every page
//! uses, and the views of a mention, a link and a deadline.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use lwkd_content::SectionKind;
use lwkd_taxonomy::{
    Deadline, KepFacts, KepRef, Mention, OfficialDate, Release, ReleaseCycle, SigSlug,
};
use rayon::prelude::*;
use serde::Serialize;

use lwkd_render::paths::{kep_path, release_path, sig_path};
use lwkd_render::view::{long_date, week_of, EditionLink, SiteView};
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

mod deadline;
mod kep;
mod release;
mod sig;

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
    /// A week given instead of a day, as HTML's `<time>` writes one (`2021-W16`), and as
    /// read (`Week of April 19, 2021`).
    week: Option<String>,
    week_long: Option<String>,
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
    /// The official row of a deadline announced for a day, or for a week when `week`.
    fn new(official: &'a OfficialDate, week: bool) -> Self {
        let comparison = official.days_apart.map(|days| {
            let n = format!(
                "{} day{}",
                days.abs(),
                if days.abs() == 1 { "" } else { "s" }
            );
            match (days, week) {
                (0, false) => "same day as the official schedule".to_string(),
                (0, true) => "the official day is in that week".to_string(),
                (..0, false) => format!("{n} earlier than the official schedule"),
                (_, false) => format!("{n} later than the official schedule"),
                (..0, true) => format!("that week ends {n} before the official day"),
                (_, true) => format!("that week starts {n} after the official day"),
            }
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
            week: d.week.map(|monday| monday.format("%G-W%V").to_string()),
            week_long: d.week.map(week_of),
            text: &d.mention.text,
            release: d.release.map(release_link),
            href: d.mention.href(),
            edition_title: self.title(&d.mention.edition),
            official: (d.official.as_ref()).map(|o| OfficialView::new(o, d.date.is_none())),
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
