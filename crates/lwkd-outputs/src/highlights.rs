//! The home page's side panel ([`Highlights`]): the deadline that matters on the day it is
//! read (announced by the archive, else the official schedule's), and the KEPs the current
//! release cycle talks about most.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lwkd_render::paths::{canonical_url, kep_path, release_path};
use lwkd_render::view::long_date;
use lwkd_taxonomy::{KepRef, Mention, MilestoneKind, ReleaseCycle, Taxonomy};
use serde::Serialize;

/// The home page's side panel: the deadline that matters on the day of the build, and the
/// KEPs the current release cycle talks about most.
#[derive(Debug, Serialize)]
pub struct Highlights {
    pub deadline: Option<DeadlineView>,
    /// The deadlines a reader may see as next, on the day of the build or later: the last
    /// one before the build and every one after, by date (`deadline.js` picks from them).
    pub schedule: Vec<DeadlineView>,
    pub cycle: Option<CycleKeps>,
}

/// A dated deadline as the home page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView {
    pub name: String,
    pub release: Option<String>,
    /// Whether the site has a page for its cycle (the archive covers it).
    pub release_page: bool,
    pub date: NaiveDate,
    pub date_long: String,
    /// Whether it had passed when the site was built (no deadline was still ahead).
    pub past: bool,
    /// Days between the build and the deadline, either way.
    pub days: i64,
    /// Where it was announced, as a canonical URL with the anchor of its section
    /// (`/2022/20220209#code-freeze`), and that edition's date;
    /// `None` for a milestone of the official schedule the archive has not announced yet.
    pub announced: Option<String>,
    pub announced_on: Option<String>,
}

/// The current cycle and its most mentioned KEPs.
#[derive(Debug, Serialize)]
pub struct CycleKeps {
    pub version: String,
    pub url: String,
    pub keps: Vec<KepCount>,
}

#[derive(Debug, Serialize)]
pub struct KepCount {
    pub number: u32,
    pub title: Option<String>,
    pub url: String,
    /// Mentions in the cycle's editions.
    pub mentions: usize,
}

impl Highlights {
    /// What to highlight on `today`: the nearest deadline still ahead (an official milestone
    /// when it comes before any the archive announced; else the latest one, marked past),
    /// and the `top` KEPs mentioned most in the newest edition's cycle.
    pub fn new(taxonomy: &Taxonomy, today: NaiveDate, top: usize) -> Self {
        let view = |date: NaiveDate,
                    name: &str,
                    release: Option<ReleaseCycle>,
                    announced: Option<&Mention>| DeadlineView {
            name: name.to_string(),
            release: release.map(|r| r.to_string()),
            release_page: release.is_some_and(|r| taxonomy.releases.contains_key(&r)),
            date,
            date_long: long_date(date),
            past: date < today,
            days: (date - today).num_days().abs(),
            announced: announced.map(|m| canonical_url(&m.href())),
            announced_on: announced.map(|m| long_date(m.edition_date)),
        };
        let announced = taxonomy.deadlines.iter().filter_map(|d| {
            let date = d.date?;
            Some(view(date, &d.name, d.release, Some(&d.mention)))
        });
        // Every cycle's official schedule, of cycles the archive has not reached too (each
        // has its record): the milestones its calendar holds.
        let official = taxonomy.releases.values().flat_map(|r| {
            (r.calendar_milestones().into_iter())
                // A thaw ends the code freeze on release day: no deadline to meet.
                .filter(|m| m.kind != MilestoneKind::CodeThaw)
                .map(move |m| view(m.date, &m.name, Some(r.version), None))
        });
        // By date; on one day the archive's announcement before the schedule's row.
        let mut dated: Vec<DeadlineView> = announced.chain(official).collect();
        dated.sort_by_key(|d| (d.date, d.announced.is_none()));
        let ahead = dated.partition_point(|d| d.date < today);
        // The next one, else the last one (past); and for the reader's day, those from the
        // last one before the build on.
        let schedule = dated.split_off(ahead.saturating_sub(1));
        let deadline = schedule
            .iter()
            .find(|d| !d.past)
            .or(schedule.last())
            .cloned();
        let cycle = taxonomy
            .editions
            .iter()
            .rev()
            .find_map(|e| e.cycle)
            .map(|cycle| {
                let mut counts: BTreeMap<KepRef, usize> = BTreeMap::new();
                for tags in taxonomy.editions.iter().filter(|e| e.cycle == Some(cycle)) {
                    for k in &tags.keps {
                        *counts.entry(k.kep).or_default() += 1;
                    }
                }
                let mut ranked: Vec<(KepRef, usize)> = counts.into_iter().collect();
                // Most mentioned first; among equals, the newer (higher-numbered) KEP.
                ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
                CycleKeps {
                    version: cycle.to_string(),
                    url: release_path(cycle),
                    keps: ranked
                        .into_iter()
                        .take(top)
                        .map(|(kep, mentions)| KepCount {
                            number: kep.0,
                            title: taxonomy.keps.get(&kep).and_then(|k| k.title.clone()),
                            url: kep_path(kep),
                            mentions,
                        })
                        .collect(),
                }
            });
        Highlights {
            deadline,
            schedule,
            cycle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 1.24 cycle's official schedule, read from `../shared/upstream`.
    fn schedule_1_24() -> lwkd_upstream::Schedule {
        let sig_release = lwkd_testdata::upstream().join("sig-release");
        let (schedules, _) = lwkd_upstream::read_schedules(&sig_release);
        schedules
            .into_iter()
            .find(|s| s.cycle.minor == 24)
            .expect("1.24's schedule")
    }

    #[test]
    fn the_next_deadline_is_official_when_the_archive_has_not_announced_it() {
        // Real lines of February 2022 (2022-02-06 and 2022-02-27): the next deadline announced
        // is March 21st, in the 1.24 cycle.
        let text = "---\ntitle: T\ndate: 2022-02-08\n---\n## Release Schedule\n\n**Next Deadline: Exceptions due, March 21st**\n\nFolks are still head-down on features, although quite a few features have been [postponed from 1.24](https://bit.ly/k8s124-enhancements).\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2022-02-06-update.md");
        std::fs::write(&path, text).unwrap();
        let edition = lwkd_content::Edition::parse(&path, text, "/:year/:year:month:day")
            .edition
            .unwrap();
        let upstream = lwkd_upstream::Upstream {
            schedules: vec![schedule_1_24()],
            ..Default::default()
        };
        let taxonomy = Taxonomy::index(std::slice::from_ref(&edition), &upstream).unwrap();
        // On March 1st the announced one is next (the schedule has nothing before it but
        // rows that are no freeze: alphas, meetings).
        let march_1 = Highlights::new(&taxonomy, NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(), 5)
            .deadline
            .unwrap();
        assert_eq!(
            (
                march_1.name.as_str(),
                march_1.date.to_string(),
                march_1.announced.is_some()
            ),
            ("Exceptions due", "2022-03-21".into(), true)
        );
        // On March 22nd the archive has announced nothing ahead: 1.24's code freeze, official.
        let march_22 = Highlights::new(&taxonomy, NaiveDate::from_ymd_opt(2022, 3, 22).unwrap(), 5)
            .deadline
            .unwrap();
        assert_eq!(
            (
                march_22.name.as_str(),
                march_22.date.to_string(),
                march_22.announced
            ),
            ("Begin Code Freeze", "2022-03-30".into(), None)
        );
        assert_eq!(march_22.release.as_deref(), Some("1.24"));
        // After the cycle, its last deadline, past: on 2022-05-03 the schedule lists
        // `v1.24.0 released`, then `Thaw`, which ends the code freeze and is no deadline.
        let june = Highlights::new(&taxonomy, NaiveDate::from_ymd_opt(2022, 6, 1).unwrap(), 5);
        let last = june.deadline.unwrap();
        assert_eq!(
            (last.name.as_str(), last.date.to_string(), last.past),
            ("v1.24.0 released", "2022-05-03".into(), true)
        );
        assert_eq!(
            june.schedule.len(),
            1,
            "nothing after it: {:?}",
            june.schedule
        );
    }
}
