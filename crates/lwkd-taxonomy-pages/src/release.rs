//! `/releases/` and a page per release cycle: its official schedule, the deadlines
//! editions announced, and the KEPs that reached a stage in it.

use chrono::NaiveDate;
use lwkd_render::paths::release_path;
use lwkd_render::view::{long_date, DeadlineChart, EditionLink};
use lwkd_render::BuildError;
use lwkd_taxonomy::{KepRef, MilestoneKind, PatchNews, Release};
use serde::Serialize;

use super::{
    reached, release_day, release_link, DeadlineView, FactsLink, KepLink, MentionView, Pages,
    ReleaseLink, Var, INDEX_PAGES, STAGES,
};

/// A row of a cycle's official schedule.
#[derive(Serialize)]
struct MilestoneView<'a> {
    name: &'a str,
    date: NaiveDate,
    date_long: String,
    /// A milestone the release team announces (freezes, release), not a meeting or a cut.
    major: bool,
}

impl<'a> Pages<'a> {
    pub(super) fn release_index(&self) -> Result<(), BuildError> {
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

    pub(super) fn release_page(&self, release: &'a Release) -> Result<(), BuildError> {
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
}
