//! `lwkd-upstream` reads the Kubernetes project's own records of what the archive talks
//! about, from checkouts (full or sparse) of three repositories:
//!
//! - `enhancements/`: every `keps/<sig>/<number>-<name>/kep.yaml` ([`KepFacts`]);
//! - `community/`: `sigs.yaml`, every SIG, working group, committee and user group ([`GroupFacts`]);
//! - `sig-release/`: `releases/release-1.N/README.md`, each cycle's official schedule ([`Schedule`]).
//!
//! It owns reading and nothing else: the taxonomy decides what an edition's text says about
//! these facts. A file that does not parse is a [`Warning`] at its `path:line`, and the rest
//! is still read; nothing here is ever fatal to a build.

mod schedule;

use std::path::PathBuf;

pub use schedule::{parse_schedule, read_schedules};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A Kubernetes minor release, `1.24`: what a cycle ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Minor {
    pub major: u16,
    pub minor: u16,
}

impl std::fmt::Display for Minor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Where the three checkouts are; any may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpstreamDirs {
    pub enhancements: Option<PathBuf>,
    pub community: Option<PathBuf>,
    pub sig_release: Option<PathBuf>,
}

/// One KEP as its `kep.yaml` records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KepFacts {
    /// `kep-number` (else the number its folder starts with): its tracking issue in
    /// kubernetes/enhancements.
    pub number: u32,
    pub title: String,
    /// `owning-sig`, as written there (`sig-node`).
    pub owning_sig: String,
    pub participating_sigs: Vec<String>,
    /// `provisional`, `implementable`, `implemented`, `deferred`, `rejected`, `withdrawn`, `replaced`.
    pub status: Option<String>,
    /// `alpha`, `beta` or `stable`: the stage targeted in `latest_milestone`.
    pub stage: Option<String>,
    pub latest_milestone: Option<Minor>,
    /// The release each stage was (or is to be) reached in.
    pub alpha: Option<Minor>,
    pub beta: Option<Minor>,
    pub stable: Option<Minor>,
    /// Feature gate names (`SidecarContainers`).
    pub feature_gates: Vec<String>,
    /// GitHub handles without the `@`.
    pub authors: Vec<String>,
    pub creation_date: Option<NaiveDate>,
    /// Its folder within the enhancements checkout: `keps/sig-node/753-sidecar-containers`.
    pub folder: String,
}

/// What a group of the community is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupKind {
    Sig,
    WorkingGroup,
    Committee,
    UserGroup,
}

/// A person as `sigs.yaml` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub github: String,
    pub name: Option<String>,
}

/// A standing meeting of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub description: String,
    /// `Tuesday 9:00 PT (Pacific Time), biweekly`, as the fields give it.
    pub when: String,
    pub url: Option<String>,
}

/// One SIG, WG, committee or user group as `sigs.yaml` records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFacts {
    /// `dir`: the canonical slug (`sig-node`, `wg-device-management`).
    pub dir: String,
    /// `name` as written (`Node`, `Device Management`).
    pub name: String,
    pub kind: GroupKind,
    pub mission: Option<String>,
    pub chairs: Vec<Person>,
    pub tech_leads: Vec<Person>,
    /// Slack channel, without `#`.
    pub slack: Option<String>,
    pub mailing_list: Option<String>,
    pub meetings: Vec<Meeting>,
    pub subprojects: Vec<String>,
}

/// A milestone of a release cycle's official schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneKind {
    CycleStart,
    /// Production Readiness review freeze: a week before enhancements freeze since 1.21.
    ProductionReadinessFreeze,
    EnhancementsFreeze,
    CodeFreeze,
    TestFreeze,
    DocsFreeze,
    ReleaseCandidate,
    /// Code freeze lifts (`Code Thaw`, `Thaw`, `End of code freeze`).
    CodeThaw,
    Release,
    /// Everything else the table lists (exception deadlines, beta releases, retros...).
    Other,
}

/// One dated row of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub kind: MilestoneKind,
    /// The milestone as the table names it, Markdown and links removed (`Begin Code Freeze`).
    pub name: String,
    pub date: NaiveDate,
}

/// A release cycle's official schedule, from `releases/release-1.N/README.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub cycle: Minor,
    /// Dated rows, by date.
    pub milestones: Vec<Milestone>,
    /// Patch releases listed for the cycle, when the file lists them (`1.24.1`, date).
    pub patches: Vec<(String, NaiveDate)>,
}

/// A file that could not be read or parsed, as `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// Everything read from the checkouts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upstream {
    /// By number.
    pub keps: Vec<KepFacts>,
    /// By `dir`.
    pub groups: Vec<GroupFacts>,
    /// By cycle.
    pub schedules: Vec<Schedule>,
    pub warnings: Vec<Warning>,
}
