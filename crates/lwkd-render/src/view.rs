//! What templates see: small serializable views over the site's data, so a template
//! context never carries more than the page needs.

use chrono::NaiveDate;
use lwkd_config::SiteConfig;
use lwkd_content::{Edition, Heading};
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
