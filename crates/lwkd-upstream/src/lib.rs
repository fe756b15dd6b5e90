//! `lwkd-upstream` reads the Kubernetes project's own records of what the archive talks
//! about, from checkouts (full or sparse) of three repositories:
//!
//! - `enhancements/`: every `keps/<sig>/<number>-<name>/kep.yaml` ([`KepFacts`]);
//! - `community/`: `sigs.yaml`, every SIG, working group, committee and user group ([`GroupFacts`]);
//! - `sig-release/`: `releases/release-1.N/README.md`, each cycle's official schedule ([`Schedule`]),
//!   and from them each minor's release day ([`ReleaseDays`]: which cycle a date is in).
//!
//! It owns reading and nothing else: the taxonomy decides what an edition's text says about
//! these facts. A file that does not parse is a [`Warning`] at its `path:line`, and the rest
//! is still read; nothing here is ever fatal to a build. [`read`] reads all three, in
//! parallel, and keeps what it read in a cache folder (`.lwkd-cache`) by the files' content.

mod cache;
mod group;
mod kep;
mod schedule;
mod yaml;

use std::path::{Path, PathBuf};

pub use schedule::{parse_schedule, read_schedules, ReleaseDays};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use group::read_groups;
pub use kep::read_keps;

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

/// A KEP, by its number (the number of its tracking issue in kubernetes/enhancements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KepRef(pub u32);

impl KepRef {
    /// The KEP's tracking issue.
    pub fn issue_url(self) -> String {
        format!(
            "https://github.com/kubernetes/enhancements/issues/{}",
            self.0
        )
    }
}

impl std::fmt::Display for KepRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KEP-{}", self.0)
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
    /// `last-updated`: when the file was last revised.
    pub last_updated: Option<NaiveDate>,
    /// Its folder within the enhancements checkout: `keps/sig-node/753-sidecar-containers`.
    pub folder: String,
}

/// The title kep.yaml files keep from the template when their authors left it.
const TEMPLATE_TITLE: &str = "KEP Template";

impl KepFacts {
    /// Its title, unless the file left the template's ("KEP Template") or none.
    pub fn given_title(&self) -> Option<&str> {
        Some(self.title.trim()).filter(|t| !t.is_empty() && *t != TEMPLATE_TITLE)
    }

    /// Its folder's name after its number (`85-Graduate-PDB-to-Stable`:
    /// `Graduate-PDB-to-Stable`), empty when the folder has none.
    pub fn folder_name(&self) -> &str {
        let folder = self.folder.rsplit('/').next().unwrap_or_default();
        folder.split_once('-').map_or("", |(_, name)| name)
    }

    /// Its folder's name as words (`85-Graduate-PDB-to-Stable`: "Graduate PDB to Stable"),
    /// for a file that gives no title.
    pub fn folder_words(&self) -> Option<String> {
        let name = self.folder_name();
        (!name.is_empty()).then(|| name.replace('-', " "))
    }

    /// Its graduation path: each stage with the release kep.yaml's `milestone` gives for it.
    pub fn milestones(&self) -> [(&'static str, Option<Minor>); 3] {
        [
            ("alpha", self.alpha),
            ("beta", self.beta),
            ("stable", self.stable),
        ]
    }
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
    /// The same moment's day in the other time zone the row gives, when it is another day:
    /// `18:00 PDT Thursday 9th February 2023` beside `01:00 UTC Friday 10th February 2023`.
    /// Editions announce either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also: Option<NaiveDate>,
}

impl Milestone {
    /// Its days: `date`, and `also` when the row gives one.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> {
        std::iter::once(self.date).chain(self.also)
    }
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
    /// 1-based; 0 when the warning is about a whole folder (`path: message`).
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path.display(), self.message),
            line => write!(f, "{}:{line}: {}", self.path.display(), self.message),
        }
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

impl UpstreamDirs {
    /// The three checkouts in one folder laid out as `../shared/upstream` is.
    pub fn under(dir: &Path) -> UpstreamDirs {
        UpstreamDirs {
            enhancements: Some(dir.join("enhancements")),
            community: Some(dir.join("community")),
            sig_release: Some(dir.join("sig-release")),
        }
    }

    /// Whether any checkout is given.
    pub fn is_set(&self) -> bool {
        self.enhancements.is_some() || self.community.is_some() || self.sig_release.is_some()
    }

    /// Every file [`read`] reads and every folder it searches (the checkouts themselves
    /// too): what its cache entry is kept for.
    fn watched(&self) -> Vec<PathBuf> {
        let tree = |dir: PathBuf, file: fn(&std::ffi::OsStr) -> bool| {
            let entries = walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok);
            entries
                .filter(move |e| e.file_type().is_dir() || file(e.file_name()))
                .map(walkdir::DirEntry::into_path)
        };
        let mut watched = Vec::new();
        if let Some(dir) = &self.enhancements {
            watched.push(dir.clone());
            watched.extend(tree(dir.join("keps"), |name| name == "kep.yaml"));
        }
        if let Some(dir) = &self.community {
            watched.extend([dir.clone(), dir.join("sigs.yaml")]);
        }
        if let Some(dir) = &self.sig_release {
            watched.push(dir.clone());
            watched.extend(tree(dir.join("releases"), |_| true));
        }
        watched
    }
}

/// Reads the checkouts in `dirs`: every `kep.yaml`, then `sigs.yaml`, then the release
/// schedules. With a `cache` folder, what was read is kept there and read back while no file
/// read (or folder searched) changes. A checkout given but missing is a warning; nothing is
/// fatal.
pub fn read(dirs: &UpstreamDirs, cache: Option<&Path>) -> Upstream {
    let Some(cache) = cache else {
        return read_uncached(dirs);
    };
    let damaged = match cache::load(cache, dirs) {
        Ok(upstream) => return upstream,
        Err(damaged) => damaged,
    };
    let watched = dirs.watched();
    // Stamped before reading: a file changed meanwhile is read again next time.
    let key = cache::key(dirs, &watched);
    let mut upstream = read_uncached(dirs);
    cache::store(cache, &watched, key, &upstream);
    // Said once, by this build: the cache just stored is whole.
    upstream.warnings.extend(damaged);
    upstream
}

fn read_uncached(dirs: &UpstreamDirs) -> Upstream {
    let mut upstream = Upstream::default();
    let mut missing = |dir: &Path, what: &str| {
        let exists = dir.is_dir();
        if !exists {
            let message = format!("no such folder: {what} are not read; pass a checkout of it (--upstream DIR or [upstream] in site.toml)");
            upstream.warnings.push(Warning {
                path: dir.to_path_buf(),
                line: 0,
                message,
            });
        }
        exists
    };
    let enhancements = dirs
        .enhancements
        .as_deref()
        .filter(|d| missing(d, "KEPs (kep.yaml)"));
    let community = dirs
        .community
        .as_deref()
        .filter(|d| missing(d, "SIGs and groups (sigs.yaml)"));
    let sig_release = dirs
        .sig_release
        .as_deref()
        .filter(|d| missing(d, "release schedules"));
    let ((keps, kep_warnings), (groups, group_warnings)) = rayon::join(
        || enhancements.map(read_keps).unwrap_or_default(),
        || community.map(read_groups).unwrap_or_default(),
    );
    upstream.keps = keps;
    upstream.warnings.extend(kep_warnings);
    upstream.groups = groups;
    upstream.warnings.extend(group_warnings);
    if let Some(sig_release) = sig_release {
        let (schedules, warnings) = read_schedules(sig_release);
        upstream.schedules = schedules;
        upstream.warnings.extend(warnings);
    }
    upstream
}
