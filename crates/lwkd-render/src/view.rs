//! What templates see: small serializable views over the site's data, so a template
//! context never carries more than the page needs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lwkd_config::SiteConfig;
use lwkd_content::{Edition, Heading};
use lwkd_taxonomy::{KepRef, Taxonomy};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub base_path: String,
    pub credit: Option<String>,
}

impl SiteView {
    pub fn new(config: &SiteConfig) -> Self {
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_string(),
            credit: config.credit.clone(),
        }
    }
}

/// An edition in a list: enough to link to it.
#[derive(Debug, Clone, Serialize)]
pub struct EditionLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date: NaiveDate,
    pub year: i32,
    pub date_long: String,
    /// `Feb 9`, for compact lists under a year heading.
    pub date_short: String,
}

impl<'a> EditionLink<'a> {
    pub fn new(e: &'a Edition) -> Self {
        EditionLink {
            title: &e.title,
            url: &e.url,
            date: e.date,
            year: e.year(),
            date_long: long_date(e.date),
            date_short: e.date.format("%b %-d").to_string(),
        }
    }
}

/// An edition page's own content.
#[derive(Debug, Serialize)]
pub struct EditionView<'a> {
    #[serde(flatten)]
    pub link: EditionLink<'a>,
    /// The Markdown file, relative to the content directory (`_posts/2018-02-04-update.md`):
    /// `lwkd check` reads it to tell on which line a broken link was written.
    pub source: String,
    pub html: &'a str,
    pub headings: &'a [Heading],
    /// The top-level headings, for the page's "In this edition" list.
    pub contents: Vec<&'a Heading>,
    pub front_matter: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

impl<'a> EditionView<'a> {
    /// `html` is the edition's HTML as this page shows it (site paths under the base path);
    /// `source` its Markdown file, relative to the content directory.
    pub fn new(e: &'a Edition, html: &'a str, source: String) -> Self {
        EditionView {
            link: EditionLink::new(e),
            source,
            html,
            headings: &e.headings,
            contents: e.sections.iter().filter_map(|s| s.heading.as_ref()).collect(),
            front_matter: &e.front_matter,
        }
    }
}

/// How an edition opens, for the home and year pages: its first section's first items as
/// plain text, shortened, and the headings of all its sections.
#[derive(Debug, Serialize)]
pub struct EditionSummary<'a> {
    #[serde(flatten)]
    pub link: EditionLink<'a>,
    /// The heading the lead items sit under (`Developer News` in most editions).
    pub lead_heading: Option<&'a Heading>,
    pub lead: Vec<String>,
    pub contents: Vec<&'a Heading>,
}

impl<'a> EditionSummary<'a> {
    /// The summary with at most `items` lead items, each at most `chars` characters long.
    pub fn new(e: &'a Edition, items: usize, chars: usize) -> Self {
        let first = e.sections.iter().find(|s| !s.items.is_empty());
        EditionSummary {
            link: EditionLink::new(e),
            lead_heading: first.and_then(|s| s.heading.as_ref()),
            lead: first
                .map(|s| s.items.iter().filter(|i| !i.text.is_empty()).take(items).map(|i| shorten(&i.text, chars)).collect())
                .unwrap_or_default(),
            contents: e.sections.iter().filter_map(|s| s.heading.as_ref()).collect(),
        }
    }
}

/// The home page's side panel: the deadline that matters on the day of the build, and the
/// KEPs the current release cycle talks about most.
#[derive(Debug, Serialize)]
pub struct Highlights {
    pub deadline: Option<DeadlineView>,
    pub cycle: Option<CycleKeps>,
}

/// A dated deadline as the home page shows it.
#[derive(Debug, Serialize)]
pub struct DeadlineView {
    pub name: String,
    pub release: Option<String>,
    pub date: NaiveDate,
    pub date_long: String,
    /// Whether it had passed when the site was built (no deadline was still ahead).
    pub past: bool,
    /// Days between the build and the deadline, either way.
    pub days: i64,
    /// Where it was announced (with the anchor of its section), and that edition's date.
    pub announced: String,
    pub announced_on: String,
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
    /// What to highlight on `today`: the nearest deadline still ahead (else the latest one,
    /// marked past), and the `top` KEPs mentioned most in the newest edition's cycle.
    pub fn new(taxonomy: &Taxonomy, today: NaiveDate, top: usize) -> Self {
        let dated = || taxonomy.deadlines.iter().filter_map(|d| Some((d.date?, d)));
        let deadline = dated()
            .filter(|(date, _)| *date >= today)
            .min_by_key(|(date, _)| *date)
            .or_else(|| dated().max_by_key(|(date, _)| *date))
            .map(|(date, d)| DeadlineView {
                name: d.name.clone(),
                release: d.release.map(|r| r.to_string()),
                date,
                date_long: long_date(date),
                past: date < today,
                days: (date - today).num_days().abs(),
                announced: d.mention.href(),
                announced_on: long_date(d.mention.edition_date),
            });
        let cycle = taxonomy.editions.iter().rev().find_map(|e| e.cycle).map(|cycle| {
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
                url: format!("/releases/{cycle}/index.html"),
                keps: ranked
                    .into_iter()
                    .take(top)
                    .map(|(kep, mentions)| KepCount {
                        number: kep.0,
                        title: taxonomy.keps.get(&kep).and_then(|k| k.title.clone()),
                        url: format!("/keps/{}/index.html", kep.0),
                        mentions,
                    })
                    .collect(),
            }
        });
        Highlights { deadline, cycle }
    }
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let Some((end, next)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let cut = &text[..end];
    let at_word = if next.is_whitespace() { cut } else { cut.rfind(char::is_whitespace).filter(|&i| i > end / 2).map_or(cut, |i| &cut[..i]) };
    format!("{}…", at_word.trim_end_matches(|c: char| c.is_whitespace() || ",:;".contains(c)))
}

/// `February 9, 2022`, as LWKD titles write dates.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("SIG Node graduated the sidecar containers, finally", 30), "SIG Node graduated the sidecar…");
        assert_eq!(shorten("SIG Node graduated the sidecar containers, finally", 34), "SIG Node graduated the sidecar…");
        assert_eq!(shorten("überlange Wörter äöü überall hier", 12), "überlange…");
    }
}
