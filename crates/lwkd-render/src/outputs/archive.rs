use std::collections::{BTreeMap, BTreeSet};

use lwkd_content::Edition;
use rayon::prelude::*;
use serde::Serialize;

use crate::error::BuildError;
use crate::output::OutputFile;
use crate::renderer::{EditionChanges, Partial, Renderer};
use crate::site::Site;
use crate::view::{build_day, EditionLink, EditionSummary, Highlights};

/// The home page (the latest edition's summary, every edition by year) and one page per year.
pub struct ArchivePages;

#[derive(Serialize)]
struct Year<'a> {
    year: i32,
    url: String,
    editions: Vec<EditionLink<'a>>,
}

impl Renderer for ArchivePages {
    fn name(&self) -> &'static str {
        "archive"
    }

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        render_pages(site, None)
    }

    /// The home page always (it shows the latest edition and the highlights of the day),
    /// and the changed years.
    fn render_changed(&self, site: &Site, changes: &EditionChanges) -> Option<Result<Partial, BuildError>> {
        let mut paths: Vec<String> = site.content.editions.iter().map(|e| year_path(e.year())).collect();
        paths.dedup();
        paths.push("index.html".into());
        Some(render_pages(site, Some(&changes.years)).map(|files| Partial { files, paths: Some(paths) }))
    }
}

fn year_path(year: i32) -> String {
    format!("{year}/index.html")
}

/// The home page and the pages of `years` (all of them when `None`).
fn render_pages(site: &Site, years_changed: Option<&BTreeSet<i32>>) -> Result<Vec<OutputFile>, BuildError> {
    let mut by_year: BTreeMap<i32, Vec<&Edition>> = BTreeMap::new();
    for e in site.content.editions.iter().rev() {
        by_year.entry(e.year()).or_default().push(e);
    }
    let years: Vec<Year<'_>> = by_year
        .iter()
        .rev()
        .map(|(&year, editions)| Year { year, url: format!("/{}", year_path(year)), editions: editions.iter().map(|e| EditionLink::new(e)).collect() })
        .collect();

    let mut home = site.context(&site.config.title);
    home.insert("years", &years);
    home.insert("latest", &site.content.editions.last().map(|e| EditionSummary::new(e, 3, 280)));
    home.insert("highlights", &Highlights::new(&site.taxonomy, build_day(), 5));
    let home = OutputFile::bytes("index.html", site.render_template("index.html", &home)?);
    let mut files: Vec<OutputFile> = years
        .par_iter()
        .enumerate()
        .filter(|(_, year)| years_changed.is_none_or(|changed| changed.contains(&year.year)))
        .map(|(i, year)| {
            let summaries: Vec<EditionSummary<'_>> = by_year[&year.year].iter().map(|e| EditionSummary::new(e, 1, 200)).collect();
            let mut context = site.context(&format!("{} in {}", site.config.title, year.year));
            context.insert("year", year);
            context.insert("editions", &summaries);
            // `years` runs newest first: the newer year is before this one.
            context.insert("newer", &i.checked_sub(1).map(|n| years[n].year));
            context.insert("older", &years.get(i + 1).map(|o| o.year));
            Ok(OutputFile::bytes(year_path(year.year), site.render_template("year.html", &context)?))
        })
        .collect::<Result<_, BuildError>>()?;
    files.push(home);
    Ok(files)
}
