use std::collections::BTreeMap;

use lwkd_content::Edition;
use rayon::prelude::*;
use serde::Serialize;

use lwkd_render::view::{EditionLink, EditionSummary, SiteView};

use crate::highlights::Highlights;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

/// The home page (the latest edition's summary, every edition by year) and one page per year.
pub struct ArchivePages;

#[derive(Serialize)]
struct Year<'a> {
    year: i32,
    url: String,
    editions: Vec<EditionLink<'a>>,
}

impl<'a> Year<'a> {
    fn new(year: i32, editions: &[&'a Edition]) -> Self {
        Year {
            year,
            url: format!("/{}", year_path(year)),
            editions: editions.iter().map(|e| EditionLink::new(e)).collect(),
        }
    }
}

/// How much of an edition's opening the home page shows of the latest one, and a year
/// page of each: items, characters an item.
const HOME_LEAD: (usize, usize) = (3, 280);
const YEAR_LEAD: (usize, usize) = (1, 200);

impl Renderer for ArchivePages {
    fn name(&self) -> &'static str {
        "archive"
    }

    /// Every page, through [`Site::render_page`]: under [`Scope::Changed`] the sink holds
    /// those whose context is unchanged. (A new build day loads the site again: see
    /// `LiveSite`.)
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        let mut by_year: BTreeMap<i32, Vec<&Edition>> = BTreeMap::new();
        for e in site.content.editions.iter().rev() {
            by_year.entry(e.year()).or_default().push(e);
        }
        // Newest first.
        let by_year: Vec<(i32, Vec<&Edition>)> = by_year.into_iter().rev().collect();
        if scope == Scope::Changed {
            let mut paths: Vec<String> = by_year.iter().map(|(y, _)| year_path(*y)).collect();
            paths.push(HOME.into());
            sink.paths(paths);
        }
        by_year
            .par_iter()
            .enumerate()
            .try_for_each(|(i, (y, editions))| {
                let (items, chars) = YEAR_LEAD;
                let page = YearPage {
                    site: site.view(),
                    page_title: format!("{} in {y}", site.config.title),
                    year: Year::new(*y, editions),
                    editions: editions
                        .iter()
                        .map(|e| EditionSummary::new(e, items, chars))
                        .collect(),
                    // Newest first: the newer year is before this one.
                    newer: i.checked_sub(1).map(|n| by_year[n].0),
                    older: by_year.get(i + 1).map(|o| o.0),
                };
                site.render_view(sink, &year_path(*y), "year.html", &page)
            })?;
        let (items, chars) = HOME_LEAD;
        let page = HomePage {
            site: site.view(),
            page_title: &site.config.title,
            years: by_year
                .iter()
                .map(|(y, editions)| Year::new(*y, editions))
                .collect(),
            latest: site
                .content
                .editions
                .last()
                .map(|e| EditionSummary::new(e, items, chars)),
            highlights: Highlights::new(&site.taxonomy, site.build_day, 5),
        };
        site.render_view(sink, HOME, "index.html", &page)
    }
}

/// What a year page shows: its editions, with how each opens.
#[derive(Serialize)]
struct YearPage<'a> {
    site: &'a SiteView,
    page_title: String,
    year: Year<'a>,
    editions: Vec<EditionSummary<'a>>,
    newer: Option<i32>,
    older: Option<i32>,
}

/// What the home page shows: every edition by year, how the latest opens, and the highlights.
#[derive(Serialize)]
struct HomePage<'a> {
    site: &'a SiteView,
    page_title: &'a str,
    years: Vec<Year<'a>>,
    latest: Option<EditionSummary<'a>>,
    highlights: Highlights,
}

const HOME: &str = "index.html";

fn year_path(year: i32) -> String {
    format!("{year}/index.html")
}
