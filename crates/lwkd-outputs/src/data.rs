//! The taxonomy as data: `/data/keps.json`, `sigs.json`, `releases.json` and
//! `deadlines.json`, in the contract's schema (with a few more fields).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use lwkd_taxonomy::{
    Deadline, Kep, KepRef, OfficialDate, OfficialSchedule, ReleaseCycle, SigSlug, Taxonomy,
};
use lwkd_upstream::{GroupKind, Meeting, Person};
use serde::Serialize;

use lwkd_cache::hash_serialized;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

pub struct DataFiles;

const KEPS: &str = "data/keps.json";
const SIGS: &str = "data/sigs.json";
const RELEASES: &str = "data/releases.json";
const DEADLINES: &str = "data/deadlines.json";

#[derive(Serialize)]
struct KepData<'a> {
    number: KepRef,
    title: Option<&'a str>,
    sig: Option<&'a SigSlug>,
    editions: Vec<&'a str>,
    releases: Vec<ReleaseCycle>,
    issue: String,
    readme: Option<String>,
    /// Pull requests in kubernetes/enhancements named alongside it.
    prs: Vec<u32>,
    /// From its kep.yaml, with upstream data.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
    /// The release of each stage reached or planned: `{"alpha": "1.28", ...}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    milestones: Option<BTreeMap<&'static str, String>>,
    /// Its kep.yaml's `participating-sigs`, each the group's slug where it names one, as
    /// `sig` is (`sig-scheduler` is `sig-scheduling`), else as written there.
    #[serde(skip_serializing_if = "Option::is_none")]
    participating_sigs: Option<Vec<Cow<'a, str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feature_gates: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<&'a [String]>,
    /// Every mention: the edition, how it names the KEP (`number`, `link`, `gate`, `name`)
    /// and the heading it is under.
    mentions: Vec<KepMentionData<'a>>,
}

#[derive(Serialize)]
struct KepMentionData<'a> {
    edition: &'a str,
    how: &'static str,
    anchor: Option<&'a str>,
}

#[derive(Serialize)]
struct SigData<'a> {
    slug: &'a SigSlug,
    name: &'a str,
    editions: Vec<&'a str>,
    /// The KEPs it owns that editions name.
    keps: Vec<KepRef>,
    #[serde(flatten)]
    upstream: Option<SigFacts<'a>>,
}

/// What `sigs.yaml` and kep.yaml add to a group's record, when upstream data is there.
#[derive(Serialize)]
struct SigFacts<'a> {
    kind: GroupKind,
    mission: Option<&'a str>,
    chairs: &'a [Person],
    tech_leads: &'a [Person],
    slack: Option<&'a str>,
    mailing_list: Option<&'a str>,
    meetings: &'a [Meeting],
    subprojects: &'a [String],
    /// Every KEP its kep.yaml files say it owns, named by editions or not.
    owned_keps: Vec<u32>,
}

#[derive(Serialize)]
struct ReleaseData<'a> {
    version: ReleaseCycle,
    editions: Vec<&'a str>,
    deadlines: Vec<ReleaseDeadline<'a>>,
    keps: Vec<KepRef>,
    patch_releases: Vec<&'a str>,
    /// The official schedule (start, release, milestones), when upstream data was read.
    official: Option<&'a OfficialSchedule>,
}

/// A deadline of a cycle, as `releases.json` lists it: what and when, and where it was
/// announced. The whole record (the line as written, other dates given) is in
/// `deadlines.json`, once: a copy of it here made the file as large as that one.
#[derive(Serialize)]
struct ReleaseDeadline<'a> {
    name: &'a str,
    date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    week: Option<NaiveDate>,
    edition: &'a str,
    anchor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    official: Option<&'a OfficialDate>,
}

impl<'a> From<&'a Deadline> for ReleaseDeadline<'a> {
    fn from(d: &'a Deadline) -> Self {
        ReleaseDeadline {
            name: &d.name,
            date: d.date,
            week: d.week,
            edition: &d.mention.edition,
            anchor: d.mention.anchor.as_deref(),
            official: d.official.as_ref(),
        }
    }
}

fn urls<'a>(taxonomy: &'a Taxonomy, indices: &[usize]) -> Vec<&'a str> {
    indices
        .iter()
        .filter_map(|&i| taxonomy.edition(i))
        .map(|t| t.url.as_str())
        .collect()
}

/// A data file: a JSON array, one record a line. Compact, as data is served, yet a line
/// per KEP, SIG, release or deadline, so that it reads with `grep` and diffs by record
/// (indented, the files were twice the size). Keyed by its records: made again only when
/// one changed.
fn data_file<T: Serialize>(
    site: &Site,
    sink: &dyn Sink,
    path: &str,
    records: &[T],
) -> Result<(), BuildError> {
    site.keyed_file(
        sink,
        path,
        "data",
        |key| hash_serialized(key, records),
        || {
            let mut bytes = b"[".to_vec();
            for (n, record) in records.iter().enumerate() {
                bytes.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
                serde_json::to_writer(&mut bytes, record).map_err(|e| BuildError::Make {
                    path: path.into(),
                    source: e.into(),
                })?;
            }
            bytes.extend_from_slice(b"\n]\n");
            Ok(bytes)
        },
    )
}

impl Renderer for DataFiles {
    fn name(&self) -> &'static str {
        "data"
    }

    /// Each file goes out as soon as it is made: at a hundred times the archive they are
    /// tens of MB each.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        let t = &site.taxonomy;
        data_file(site, sink, KEPS, &keps(t))?;
        data_file(site, sink, SIGS, &sigs(t))?;
        data_file(site, sink, RELEASES, &releases(t))?;
        data_file(site, sink, DEADLINES, &t.deadlines)?;
        if scope == Scope::Changed {
            sink.paths([KEPS, SIGS, RELEASES, DEADLINES].map(String::from).to_vec());
        }
        Ok(())
    }
}

fn keps<'t>(t: &'t Taxonomy) -> Vec<KepData<'t>> {
    t.keps
        .values()
        .map(|k| KepData {
            number: k.number,
            title: k.title.as_deref(),
            sig: k.sig.as_ref(),
            editions: urls(t, &k.editions),
            releases: k.releases.iter().copied().collect(),
            issue: k.number.issue_url(),
            readme: k.readme_url(),
            prs: k.prs.iter().copied().collect(),
            status: k.facts.as_ref().and_then(|f| f.status.as_deref()),
            stage: k.facts.as_ref().and_then(|f| f.stage.as_deref()),
            milestones: k.facts.as_ref().map(|f| {
                (f.milestones().into_iter())
                    .filter_map(|(stage, release)| Some((stage, release?.to_string())))
                    .collect()
            }),
            participating_sigs: k.facts.as_ref().map(|f| {
                let slug = |written: &'t String| match t.facts().group_slug(written) {
                    Some(slug) => Cow::Owned(slug.as_str().to_string()),
                    None => Cow::Borrowed(written.as_str()),
                };
                f.participating_sigs.iter().map(slug).collect()
            }),
            feature_gates: k.facts.as_ref().map(|f| f.feature_gates.as_slice()),
            authors: k.facts.as_ref().map(|f| f.authors.as_slice()),
            mentions: mention_data(k),
        })
        .collect()
}

/// A KEP's mentions, each (edition, way, heading) once: two items of a section that name
/// the KEP the same way are one entry, as the KEP page shows them.
fn mention_data(k: &Kep) -> Vec<KepMentionData<'_>> {
    let mut seen = HashSet::new();
    (k.mentions.iter())
        .map(|m| KepMentionData {
            edition: &m.mention.edition,
            how: m.how.as_str(),
            anchor: m.mention.anchor.as_deref(),
        })
        .filter(|m| seen.insert((m.edition, m.how, m.anchor)))
        .collect()
}

fn sigs(t: &Taxonomy) -> Vec<SigData<'_>> {
    t.sigs
        .values()
        .map(|g| SigData {
            slug: &g.slug,
            name: &g.name,
            editions: urls(t, &g.editions),
            keps: g.keps.iter().copied().collect(),
            upstream: t.facts().group(g.slug.as_str()).map(|f| SigFacts {
                kind: f.kind,
                mission: f.mission.as_deref(),
                chairs: &f.chairs,
                tech_leads: &f.tech_leads,
                slack: f.slack.as_deref(),
                mailing_list: f.mailing_list.as_deref(),
                meetings: &f.meetings,
                subprojects: &f.subprojects,
                owned_keps: t.facts().owned_keps(&g.slug).map(|k| k.number).collect(),
            }),
        })
        .collect()
}

fn releases(t: &Taxonomy) -> Vec<ReleaseData<'_>> {
    t.releases
        .values()
        .map(|r| ReleaseData {
            version: r.version,
            editions: urls(t, &r.editions),
            deadlines: r.deadlines.iter().map(ReleaseDeadline::from).collect(),
            keps: r.keps.iter().copied().collect(),
            patch_releases: r
                .patch_releases
                .iter()
                .map(|p| p.version.as_str())
                .collect(),
            official: r.official.as_ref(),
        })
        .collect()
}
