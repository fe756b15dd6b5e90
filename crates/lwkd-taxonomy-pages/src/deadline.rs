//! `/deadlines/`: every deadline editions announced, cycle by cycle.

use lwkd_render::BuildError;
use serde::Serialize;

use super::{release_link, DeadlineView, Pages, ReleaseLink, Var, INDEX_PAGES};

impl<'a> Pages<'a> {
    pub(super) fn deadline_index(&self) -> Result<(), BuildError> {
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
