//! A full build: every output rendered in parallel, written as it comes into the staging
//! folder, then swapped in.

use std::sync::Mutex;
use std::time::Instant;

use lwkd_cache::EditionCache;
use lwkd_config::SiteConfig;
use lwkd_output::{cache_dir_for, check_output_dir, OutputFile, Staging};
use rayon::prelude::*;

use lwkd_render::render_after;
use lwkd_render::BuildError;
use lwkd_render::{load_options, read_upstream, BuildReport, Site, Timings};

/// Runs every renderer on `site` in parallel; the files come back sorted by path.
pub fn render_all(site: &Site) -> Result<Vec<OutputFile>, BuildError> {
    let renderers = crate::all();
    let parts: Vec<Vec<OutputFile>> = renderers
        .par_iter()
        .map(|r| r.render(site))
        .collect::<Result<_, _>>()?;
    let mut files: Vec<OutputFile> = parts.into_iter().flatten().collect();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let after = render_after(&renderers, site, &paths)?;
    files.extend(after.into_iter().flat_map(|(_, files)| files));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
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
    let mut site = Site::load_with(config, upstream, &mut timings, Some(&cache))?;
    site.content.diagnostics.extend(cache.save());
    let start = Instant::now();
    site.open_page_cache();
    let staging = Staging::new(&site.config.output_dir)?;
    // Pages go to disk as they come; only their paths stay, for the sitemap.
    let paths: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let sink = |batch: Vec<OutputFile>| {
        staging.write(&batch)?;
        paths
            .lock()
            .expect("no writer panicked")
            .extend(batch.into_iter().map(|f| f.path));
        Ok(())
    };
    let renderers = crate::all();
    renderers
        .par_iter()
        .try_for_each(|r| r.render_to(&site, &sink))?;
    let mut paths = paths.into_inner().expect("no writer panicked");
    let after: Vec<OutputFile> = {
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        render_after(&renderers, &site, &paths)?
            .into_iter()
            .flat_map(|(_, files)| files)
            .collect()
    };
    staging.write(&after)?;
    paths.extend(after.into_iter().map(|f| f.path));
    site.save_page_cache();
    timings.render = start.elapsed();
    let start = Instant::now();
    staging.finish()?;
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
