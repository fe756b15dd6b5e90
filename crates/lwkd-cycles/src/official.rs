//! The archive's announcements beside the official release schedules (kubernetes/sig-release,
//! read by `lwkd-upstream`): which official milestone an announced deadline is, and how many
//! days apart the two dates are; and each cycle's schedule as its page and data show it.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, RwLock};

use chrono::NaiveDate;
use lwkd_upstream::{Milestone, MilestoneKind, Schedule};
use lwkd_words::stem;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::deadline::{is_release_day, Deadline, OfficialDate};
use crate::release::ReleaseCycle;

/// A cycle's official schedule, as its page and `releases.json` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialSchedule {
    pub start: Option<NaiveDate>,
    pub release: Option<NaiveDate>,
    /// Every dated row, by date.
    pub milestones: Vec<Milestone>,
}

impl OfficialSchedule {
    pub fn new(schedule: &Schedule) -> OfficialSchedule {
        OfficialSchedule {
            start: schedule.start(),
            release: schedule.release(),
            milestones: schedule.milestones.clone(),
        }
    }

    /// Each row of the schedule once, by date: a row that is two milestones (`Begin Code
    /// Freeze and Test Freeze`, a code freeze and a test freeze) is one, as a page lists it
    /// and a calendar holds it.
    pub fn rows(&self) -> Vec<&Milestone> {
        let mut rows: Vec<&Milestone> = self.milestones.iter().collect();
        rows.dedup_by(|a, b| a.name == b.name && a.date == b.date);
        rows
    }
}

/// The official schedule of `cycle`, if read.
pub fn schedule_of(schedules: &[Schedule], cycle: ReleaseCycle) -> Option<&Schedule> {
    schedules
        .iter()
        .find(|s| (s.cycle.major, s.cycle.minor) == (cycle.major, cycle.minor))
}

/// `1.18 cycle begins`, `Release Cycle Starts`, `v1.37 Release Cycle Kicks Off`.
static CYCLE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcycle\s+(?:begins|starts|kicks\s+off)|\bstart\s+of\s+(?:the\s+)?release\s+cycle|\bdev\s+cycle\s+begins").expect("valid regex")
});

/// Which official milestone an announced deadline's name is, if any: `Code Freeze`, `CODE
/// FREEZE`, `Code and Test Freeze` (code freeze), `Enhancements Due`, `PRR Freeze`, `Docs
/// complete`, `Code Thaw`, `1.26 Release`, `Release Day`, `1.25 Cycle Starts`.
pub fn milestone_kind(name: &str) -> Option<MilestoneKind> {
    let lower = name.to_ascii_lowercase();
    let has = |words: &str| lower.contains(words);
    if [
        "exception",
        "coming",
        "blog",
        "shadow",
        "countdown",
        "shorten",
        "remains",
        "currently in",
    ]
    .iter()
    .any(|w| has(w))
    {
        return None;
    }
    let kind = if CYCLE_START.is_match(name) {
        MilestoneKind::CycleStart
    } else if is_release_day(name) {
        MilestoneKind::Release
    } else if has("thaw")
        || has("end of code freeze")
        || has("freeze will end")
        || has("freeze lifts")
    {
        MilestoneKind::CodeThaw
    } else if has("code freeze") || has("code and test freeze") || has("code & test freeze") {
        MilestoneKind::CodeFreeze
    } else if has("test freeze") {
        MilestoneKind::TestFreeze
    } else if has("enhancements freeze")
        || has("enhancement freeze")
        || has("feature freeze")
        || has("enhancements due")
    {
        MilestoneKind::EnhancementsFreeze
    } else if has("production readiness") || has("prr freeze") {
        MilestoneKind::ProductionReadinessFreeze
    } else if has("docs freeze") || has("docs complete") {
        MilestoneKind::DocsFreeze
    } else {
        return None;
    };
    Some(kind)
}

/// The official milestone that `deadline` announces, from its cycle's schedule: of the rows of
/// its kind, the one nearest its date.
pub fn official_date(deadline: &Deadline, schedules: &[Schedule]) -> Option<OfficialDate> {
    let schedule = schedule_of(schedules, deadline.release?)?;
    let announced = deadline.days();
    // A row written in two time zones is as near as the nearer of its days.
    let nearest_day = |m: &Milestone| {
        announced
            .and_then(|days| m.dates().min_by_key(|&day| days_apart(days, day).abs()))
            .unwrap_or(m.date)
    };
    let distance =
        |m: &Milestone| announced.map_or(0, |days| days_apart(days, nearest_day(m)).abs());
    let row = match milestone_kind(&deadline.written_name) {
        Some(kind) => schedule
            .milestones
            .iter()
            .filter(|m| m.kind == kind)
            .min_by_key(|m| distance(m))?,
        // A name that says no milestone is the schedule's row of that name (2019-11-24's
        // "Cherry Pick Deadline"; 2021-07-18's "the release notes final drafting starts" is
        // 1.22's "Start final draft of Release Notes"). Else it is a row on its day, or a
        // day either side (time zones): the one whose name shares most of its words
        // (2022-04-03's "Doc PRs ready for review", not that day's Test Freeze), or with
        // none shared ("to finish your KEP and register it") a milestone's.
        None => {
            announced?;
            let words = name_words(&deadline.written_name);
            // Words many of a schedule's rows have ("Begin work on 1.13" is the cycle's
            // start, not `Begin weekly release team meetings`; a link to
            // `https://github.com/kubernetes/kubernetes`) and numbers tell no row.
            let telling = |w: &&String| {
                ![
                    "releas", "begin", "start", "due", "deadlin", "kubernet", "https", "github",
                ]
                .contains(&w.as_str())
                    && !w.bytes().all(|b| b.is_ascii_digit())
            };
            let shared = |m: &Milestone| {
                let row = row_words(&m.name);
                row.intersection(&words).filter(telling).count()
            };
            let named = (schedule.milestones.iter())
                .filter(|m| *row_words(&m.name) == words)
                .min_by_key(|m| distance(m));
            // A week has many rows: of a week, one in it that shares a word.
            let week = deadline.date.is_none();
            named.or_else(|| {
                (schedule.milestones.iter())
                    .filter(|m| distance(m) <= if week { 0 } else { 1 })
                    .map(|m| (m, shared(m), m.kind == MilestoneKind::Other))
                    .filter(|&(_, shared, other)| shared > 0 || !other && !week)
                    .min_by_key(|&(m, shared, other)| {
                        (std::cmp::Reverse(shared), other, distance(m))
                    })
                    .map(|(m, ..)| m)
            })?
        }
    };
    let date = nearest_day(row);
    Some(OfficialDate {
        milestone: row.kind,
        name: row.name.clone(),
        date,
        days_apart: announced.map(|days| days_apart(days, date)),
    })
}

/// The announced `days` (first and last) less the official `day`: 0 when it is among them.
fn days_apart((first, last): (NaiveDate, NaiveDate), day: NaiveDate) -> i64 {
    if day < first {
        (first - day).num_days()
    } else {
        (last - day).num_days().min(0)
    }
}

/// [`name_words`] of a schedule row's name, made once a process: each deadline that names
/// no milestone reads every row of its cycle's schedule, in every build.
fn row_words(name: &str) -> Arc<BTreeSet<String>> {
    type Made = HashMap<String, Arc<BTreeSet<String>>>;
    static MADE: LazyLock<RwLock<Made>> = LazyLock::new(RwLock::default);
    let made = MADE.read().ok().and_then(|made| made.get(name).cloned());
    made.unwrap_or_else(|| {
        let words = Arc::new(name_words(name));
        if let Ok(mut made) = MADE.write() {
            made.insert(name.to_string(), Arc::clone(&words));
        }
        words
    })
}

/// The words of a milestone's name that tell which it is, stemmed, in any order: `Start
/// final draft of Release Notes` and "the release notes final drafting starts" are one, as
/// are `Start Enhancements Tracking` and "we start tracking enhancements".
fn name_words(name: &str) -> BTreeSet<String> {
    const FUNCTION_WORDS: [&str; 14] = [
        "the", "a", "an", "of", "to", "for", "is", "are", "be", "will", "should", "we", "our",
        "your",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w).into_owned())
        .collect()
}

/// The schedule's name for the milestone a dated deadline announces, as lists show it:
/// `Code Freeze` for "Code Freeze comes", `Enhancements Freeze` for "to finish your KEP and
/// register it", `1.24 Release` for "we should release 1.24". `None` for an undated deadline, one of no official
/// milestone, and a release candidate (its number is in the name as written).
pub fn milestone_name(deadline: &Deadline) -> Option<String> {
    deadline.date?;
    let official = deadline.official.as_ref()?;
    if official.milestone == MilestoneKind::CodeFreeze
        && deadline.written_name.to_ascii_lowercase().contains("test")
    {
        return Some("Code and Test Freeze".into());
    }
    deadline_name(
        official.milestone,
        crate::named_cycle(&deadline.written_name),
    )
}

/// How a Next Deadline line names an official milestone (`Code Freeze`, `PRR Freeze`), with
/// `cycle` before a cycle's start and its release (`1.36 Release Cycle Starts`, `1.35
/// Release`). `None` for a release candidate and the schedule's other rows.
pub fn deadline_name(kind: MilestoneKind, cycle: Option<ReleaseCycle>) -> Option<String> {
    let with_cycle = |what: &str| match cycle {
        Some(c) => format!("{c} {what}"),
        None => what.to_string(),
    };
    Some(match kind {
        MilestoneKind::CycleStart => with_cycle("Release Cycle Starts"),
        MilestoneKind::ProductionReadinessFreeze => "PRR Freeze".into(),
        MilestoneKind::EnhancementsFreeze => "Enhancements Freeze".into(),
        MilestoneKind::CodeFreeze => "Code Freeze".into(),
        MilestoneKind::TestFreeze => "Test Freeze".into(),
        MilestoneKind::DocsFreeze => "Docs Freeze".into(),
        MilestoneKind::CodeThaw => "Code Thaw".into(),
        MilestoneKind::Release => with_cycle("Release"),
        MilestoneKind::ReleaseCandidate | MilestoneKind::Other => return None,
    })
}

/// The first official deadline after `day` in any schedule (rows a Next Deadline line names,
/// see [`deadline_name`]), with the cycle whose schedule lists it. Between two cycles that is
/// the next one's start.
pub fn next_official_deadline(
    schedules: &[Schedule],
    day: NaiveDate,
) -> Option<(ReleaseCycle, &Milestone)> {
    schedules
        .iter()
        .flat_map(|s| {
            let cycle = ReleaseCycle::new(s.cycle.major, s.cycle.minor);
            s.milestones.iter().map(move |m| (cycle, m))
        })
        .filter(|(_, m)| m.date > day && deadline_name(m.kind, None).is_some())
        // The first of a day's rows as the table lists them (`v1.36.0 released` before
        // `Thaw`), the first of a row's two milestones (`Begin Code Freeze and Test Freeze`).
        .min_by_key(|(_, m)| m.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lwkd_upstream::Minor;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A deadline `name` on `date`, of cycle 1.`cycle`, as a Release Schedule line says it.
    fn announced_in(name: &str, cycle: u16, date: Option<NaiveDate>) -> Deadline {
        let mut deadline = Deadline::announced(
            name.into(),
            date,
            crate::Mention {
                edition: "/2022/20220109.html".into(),
                edition_date: d(2022, 1, 9),
                section: lwkd_content::SectionKind::ReleaseSchedule,
                anchor: None,
                line: 24,
                text: "".into(),
            },
        );
        deadline.release = Some(ReleaseCycle::new(1, cycle));
        deadline
    }

    #[test]
    fn kinds_of_announced_names() {
        use MilestoneKind::*;
        // Names as the archive's deadline lines give them.
        let cases = [
            ("Code Freeze", Some(CodeFreeze)),
            ("CODE FREEZE", Some(CodeFreeze)),
            ("Code and Test Freeze", Some(CodeFreeze)),
            ("Test Freeze", Some(TestFreeze)),
            ("1.17 Enhancements Freeze", Some(EnhancementsFreeze)),
            ("Enhancements Due", Some(EnhancementsFreeze)),
            (
                "Production Readiness Freeze",
                Some(ProductionReadinessFreeze),
            ),
            ("PRR Freeze", Some(ProductionReadinessFreeze)),
            ("Docs Complete", Some(DocsFreeze)),
            ("Code Thaw", Some(CodeThaw)),
            ("1.26 Release", Some(Release)),
            ("Release Day", Some(Release)),
            ("Kubernetes 1.18 cycle begins", Some(CycleStart)),
            ("v1.31 cycle starts", Some(CycleStart)),
            ("Exception Requests Due", None),
            ("Feature Blog Freeze", None),
            ("Beta0 Release", None),
            ("Docs Deadline for placeholder PRs", None),
            ("End of code freeze", Some(CodeThaw)),
            ("As such, Code Freeze will end later", Some(CodeThaw)),
            ("We are currently in Code Freeze, which lifts", None),
            (
                "is followed by the regular release countdown: open docs PRs",
                None,
            ),
        ];
        for (name, kind) in cases {
            assert_eq!(milestone_kind(name), kind, "{name}");
        }
    }

    /// sig-release's real schedules, read by hand: 1.35's rows after October 26, 2025 are
    /// "Brace Yourself, Code Freeze is Coming", the feature blog freeze, the call for
    /// exceptions and alpha.3 before `Begin Code Freeze and Test Freeze` on Thursday 6th
    /// November (AoE); 1.36 starts on Monday 12th January 2026 and ships on Wednesday 22nd
    /// April, the day of its Thaw; 1.37, the last schedule, ships on 26th August 2026.
    #[test]
    fn next_official_deadline_in_real_schedules() {
        let (schedules, _) =
            lwkd_upstream::read_schedules(&lwkd_testdata::upstream().join("sig-release"));
        let next = |day: NaiveDate| {
            next_official_deadline(&schedules, day).map(|(cycle, m)| {
                (
                    cycle.to_string(),
                    deadline_name(m.kind, Some(cycle)),
                    m.date,
                )
            })
        };
        let named = |cycle: &str, name: &str, date| Some((cycle.into(), Some(name.into()), date));
        assert_eq!(
            next(d(2025, 10, 26)),
            named("1.35", "Code Freeze", d(2025, 11, 6))
        );
        assert_eq!(
            next(d(2025, 12, 21)),
            named("1.36", "1.36 Release Cycle Starts", d(2026, 1, 12)),
            "between two cycles, the next one's start"
        );
        assert_eq!(
            next(d(2026, 4, 19)),
            named("1.36", "1.36 Release", d(2026, 4, 22)),
            "the release, not the thaw listed after it"
        );
        assert_eq!(
            next(d(2026, 1, 11)),
            named("1.36", "1.36 Release Cycle Starts", d(2026, 1, 12))
        );
        assert_eq!(next(d(2026, 8, 30)), None, "past the last schedule");
    }

    /// Real deadline names from prose (2022-01-09: "you have until February 3rd to finish
    /// your KEP and register it"; 2022-03-13: "Code Freeze comes on March 29th") beside
    /// sig-release's real 1.24 schedule.
    #[test]
    fn prose_names_become_the_schedules_milestone_names() {
        let dir = lwkd_testdata::upstream().join("sig-release");
        let (schedules, _) = lwkd_upstream::read_schedules(&dir);
        let named = |name: &str, date| {
            let mut deadline = announced_in(name, 24, date);
            deadline.official = official_date(&deadline, &schedules);
            milestone_name(&deadline)
        };
        let cases = [
            (
                "to finish your KEP and register it",
                Some(d(2022, 2, 3)),
                Some("Enhancements Freeze"),
            ),
            (
                "Code Freeze comes",
                Some(d(2022, 3, 29)),
                Some("Code Freeze"),
            ),
            ("CODE FREEZE", Some(d(2022, 3, 30)), Some("Code Freeze")),
            (
                "Code & Test Freeze",
                Some(d(2022, 3, 30)),
                Some("Code and Test Freeze"),
            ),
            (
                "we should release 1.24",
                Some(d(2022, 5, 3)),
                Some("1.24 Release"),
            ),
            ("Release Day", Some(d(2022, 5, 3)), Some("Release")),
            // No milestone that day, or no day: as written.
            (
                "to finish your KEP and register it",
                Some(d(2022, 2, 14)),
                None,
            ),
            ("Code Freeze", None, None),
        ];
        for (name, date, expected) in cases {
            assert_eq!(named(name, date).as_deref(), expected, "{name} {date:?}");
        }
    }

    /// A deadline whose name says no milestone is the real schedule's row of that name, or
    /// of its words, not the milestone a day from it: 2019-11-24's "Cherry Pick Deadline
    /// Dec. 2nd" was read as 1.17's `1.17.0-rc.2 released` (December 3), "1 day earlier".
    #[test]
    fn a_deadline_of_no_milestone_is_the_row_of_its_words() {
        let dir = lwkd_testdata::upstream().join("sig-release");
        let (schedules, _) = lwkd_upstream::read_schedules(&dir);
        let cases = [
            (
                "Cherry Pick Deadline",
                17,
                d(2019, 12, 2),
                "Cherry Pick Deadline",
                0,
            ),
            // 2021-07-18: "Tuesday and Wednesday this week, 1.22 will branch, the release
            // notes final drafting starts".
            (
                "the release notes final drafting starts",
                22,
                d(2021, 7, 21),
                "Start final draft of Release Notes",
                1,
            ),
            // 2020-04-12 (1.19): "Start Enhancements Tracking, April 14", and a line below
            // "We start tracking enhancements tommorrow", the 15th from its publication.
            (
                "We start tracking enhancements",
                19,
                d(2020, 4, 15),
                "Start Enhancements Tracking",
                1,
            ),
            // Else the row on its day whose name shares most words with it: 2022-04-03's
            // "Doc PRs ready for review, April 5th", not that day's Test Freeze; 2019-06-09's
            // "Today, June 10th is the Docs Deadline", not the next day's Code Thaw.
            (
                "Doc PRs ready for review",
                24,
                d(2022, 4, 5),
                "Docs deadline — PRs ready for review",
                0,
            ),
            ("Docs Deadline", 15, d(2019, 6, 10), "Docs Last Call", 0),
            // Words many rows have tell none: 2018-10-01's "Begin work on 1.13" is the
            // cycle's start, not `Begin weekly release team meetings`; 2023-08-08's "We are
            // in the final countdown to releasing Kubernetes 1.28" its release, not `Release
            // Notes complete — reviewed & merged to https://github.com/kubernetes/kubernetes`.
            (
                "Begin work on 1.13",
                13,
                d(2018, 10, 1),
                "Start of Release Cycle",
                0,
            ),
            (
                "We are in the final countdown to releasing Kubernetes 1.28",
                28,
                d(2023, 8, 15),
                "v1.28.0 released",
                0,
            ),
            // A name of no row is still the milestone on its day.
            (
                "to finish your KEP",
                17,
                d(2019, 12, 9),
                "v1.17.0 released",
                0,
            ),
        ];
        for (name, cycle, date, row, days_apart) in cases {
            let official = official_date(&announced_in(name, cycle, Some(date)), &schedules);
            assert_eq!(
                official.map(|o| (o.name, o.days_apart)),
                Some((row.to_string(), Some(days_apart))),
                "{name}"
            );
        }
    }

    #[test]
    fn days_apart_from_the_nearest_row_of_the_kind() {
        let row = |kind, name: &str, date| Milestone {
            kind,
            name: name.into(),
            date,
            also: None,
        };
        let schedule = Schedule {
            cycle: Minor {
                major: 1,
                minor: 24,
            },
            milestones: vec![
                row(
                    MilestoneKind::CodeFreeze,
                    "Begin Code Freeze",
                    d(2022, 3, 30),
                ),
                row(
                    MilestoneKind::ReleaseCandidate,
                    "1.24.0-rc.0 released",
                    d(2022, 4, 19),
                ),
                row(MilestoneKind::Release, "v1.24.0 released", d(2022, 5, 3)),
            ],
            patches: Vec::new(),
        };
        let deadline = |name: &str, date| Deadline {
            release: Some(ReleaseCycle::new(1, 24)),
            ..Deadline::announced(
                name.into(),
                date,
                crate::Mention {
                    edition: "/2022/20220320.html".into(),
                    edition_date: d(2022, 3, 20),
                    section: lwkd_content::SectionKind::ReleaseSchedule,
                    anchor: None,
                    line: 1,
                    text: "".into(),
                },
            )
        };
        let code_freeze = official_date(
            &deadline("Code Freeze", Some(d(2022, 3, 29))),
            std::slice::from_ref(&schedule),
        )
        .unwrap();
        assert_eq!(
            (
                code_freeze.date,
                code_freeze.days_apart,
                code_freeze.name.as_str()
            ),
            (d(2022, 3, 30), Some(-1), "Begin Code Freeze")
        );
        let release = official_date(
            &deadline("Release", Some(d(2022, 5, 3))),
            std::slice::from_ref(&schedule),
        )
        .unwrap();
        assert_eq!(release.days_apart, Some(0));
        assert_eq!(
            official_date(
                &deadline("Exceptions due", Some(d(2022, 3, 21))),
                std::slice::from_ref(&schedule)
            ),
            None
        );
        let other_cycle = Deadline {
            release: Some(ReleaseCycle::new(1, 25)),
            ..deadline("Code Freeze", Some(d(2022, 8, 2)))
        };
        assert_eq!(
            official_date(&other_cycle, std::slice::from_ref(&schedule)),
            None,
            "no schedule read for 1.25"
        );
    }
}
