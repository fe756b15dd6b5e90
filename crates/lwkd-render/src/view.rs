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
    pub date_long: String,
}

impl<'a> EditionLink<'a> {
    pub fn new(e: &'a Edition) -> Self {
        EditionLink { title: &e.title, url: &e.url, date: e.date, date_long: long_date(e.date) }
    }
}

/// An edition page's own content.
#[derive(Debug, Serialize)]
pub struct EditionView<'a> {
    #[serde(flatten)]
    pub link: EditionLink<'a>,
    pub html: &'a str,
    pub headings: &'a [Heading],
    pub front_matter: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

/// `February 9, 2022`, as LWKD titles write dates.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}
