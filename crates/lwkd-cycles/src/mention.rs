//! [`Mention`]: where in an edition something was said. KEP, SIG and deadline records all
//! point back to the archive through it.

use std::sync::Arc;

use chrono::NaiveDate;
use lwkd_content::SectionKind;
use serde::{Deserialize, Serialize};

/// Where something was said: the edition, the section and item, and what the item says.
/// Its text is shared: the records of KEPs, SIGs and cycles hold the mentions their
/// editions' tags hold, and the mentions of one edition (or item) share its URL (or anchor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The edition's site path, `/2022/20220209.html`.
    pub edition: Arc<str>,
    pub edition_date: NaiveDate,
    pub section: SectionKind,
    /// Id of the heading above the item, for a deep link.
    pub anchor: Option<Arc<str>>,
    /// 1-based line in the edition's file.
    pub line: usize,
    /// The sentence or heading that names it (a deadline's line as written).
    pub text: Arc<str>,
}

impl Mention {
    /// The edition's path with the item's anchor: `/2022/20220209.html#release-schedule`.
    pub fn href(&self) -> String {
        match &self.anchor {
            Some(anchor) => format!("{}#{anchor}", self.edition),
            None => self.edition.to_string(),
        }
    }
}
