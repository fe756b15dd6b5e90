//! A full build: every output rendered in parallel, written as it comes into the staging
//! folder, then the sitemap of what they wrote, then the swap.

use std::sync::Mutex;
use std::time::Instant;

use lwkd_cache::EditionCache;
use lwkd_config::SiteConfig;
use lwkd_output::{cache_dir_for, check_output_dir, OutputFile, Staging};
use rayon::prelude::*;

use lwkd_render::{load_options, read_upstream, BuildReport, Site, Timings};
use lwkd_render::{BuildError, Gathered, Scope, Sink};

use crate::sitemap;

/// Runs every renderer on `site` in parallel, then the sitemap; the files come back sorted
/// by path.
pub fn render_all(site: &Site) -> Result<Vec<OutputFile>, BuildError> {
    let gathered = Gathered::default();
    crate::all()
        .par_iter()
        .try_for_each(|r| r.render(site, Scope::All, &gathered))?;
    let mut files = gathered.into_parts().files;
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let sitemap = sitemap(site, &paths)?;
    let at = files.partition_point(|f| f.path < sitemap.path);
    files.insert(at, sitemap);
    Ok(files)
}

/// Writes each file into the staging folder as it comes; only their paths stay, for the
/// sitemap.
struct StagingSink<'a> {
    staging: &'a Staging,
    paths: Mutex<Vec<String>>,
}

impl Sink for StagingSink<'_> {
    fn files(&self, files: Vec<OutputFile>) -> Result<(), BuildError> {
        self.staging.write(&files)?;
        self.paths
            .lock()
            .expect("no writer panicked")
            .extend(files.into_iter().map(|f| f.path));
        Ok(())
    }
}

/// A full build: load, index, render, then write aside and swap into the output dir.
pub fn build(config: SiteConfig) -> Result<BuildReport, BuildError> {
    check_output_dir(&config)?;
    let mut timings = Timings::default();
    let options = load_options(&config);
    let cache_dir = cache_dir_for(&config.output_dir);
    let start = Instant::now();
    let (upstream, upstream_notes) = read_upstream(&config, Some(&cache_dir));
    let cache = EditionCache::open(&cache_dir, &options, &upstream);
    timings.load = start.elapsed();
    let mut site = Site::load_with(config, upstream, &mut timings, &cache)?;
    site.content.diagnostics.extend(cache.save());
    let start = Instant::now();
    site.open_page_cache()?;
    let staging = Staging::new(&site.config.output_dir)?;
    let sink = StagingSink {
        staging: &staging,
        paths: Mutex::new(Vec::new()),
    };
    crate::all()
        .par_iter()
        .try_for_each(|r| r.render(&site, Scope::All, &sink))?;
    let mut paths = sink.paths.into_inner().expect("no writer panicked");
    let sitemap = {
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        sitemap(&site, &paths)?
    };
    staging.write(std::slice::from_ref(&sitemap))?;
    paths.push(sitemap.path);
    let live = site.save_page_cache();
    timings.render = start.elapsed();
    let start = Instant::now();
    staging.finish()?;
    if let Some(live) = live {
        live.record();
    }
    timings.write = start.elapsed();
    let report = BuildReport {
        editions: site.content.editions.len(),
        files: paths.len(),
        diagnostics: std::mem::take(&mut site.content.diagnostics),
        upstream_notes,
        timings,
    };
    // Freeing a large site's millions of strings keeps a core busy for a while (~0.4 s
    // at a hundred times the archive), and nothing needs to wait for it.
    std::thread::spawn(move || drop(site));
    Ok(report)
}
