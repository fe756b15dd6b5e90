//! `/keps/` and a page per KEP: its facts from kep.yaml, its graduation path and the
//! editions that mention it.

use chrono::NaiveDate;
use serde::Serialize;

use lwkd_render::paths::kep_path;
use lwkd_render::view::long_date;
use lwkd_render::BuildError;
use lwkd_taxonomy::{Kep, KepFacts, ReleaseCycle};

use super::{
    release_link, GroupName, KepLink, MentionView, Pages, ReleaseLink, SigLink, Var, INDEX_PAGES,
};

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

impl<'a> Pages<'a> {
    pub(super) fn kep_index(&self) -> Result<(), BuildError> {
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

    pub(super) fn kep_page(&self, kep: &'a Kep) -> Result<(), BuildError> {
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
}
