//! The [`Site`]: one build's configuration, theme, content and index, and the steps that
//! turn them into files.

use std::time::{Duration, Instant};

use lwkd_config::SiteConfig;
use lwkd_content::{Content, Diagnostic, Edition, LoadOptions};
use lwkd_taxonomy::Taxonomy;
use rayon::prelude::*;

use crate::error::BuildError;
use crate::output::{write_atomically, OutputFile};
use crate::renderer::{render_after, renderers};
use crate::theme::Theme;
use crate::view::SiteView;

pub struct Site {
    pub config: SiteConfig,
    pub theme: Theme,
    pub content: Content,
    pub taxonomy: Taxonomy,
    view: SiteView,
}

/// Time spent in each stage of a build, for the summary line and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub load: Duration,
    pub index: Duration,
    pub render: Duration,
    pub write: Duration,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub editions: usize,
    pub files: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Site {
    /// Compiles the theme and loads and indexes the content. Template errors and a missing
    /// content directory are fatal; bad editions are diagnostics in `content`.
    pub fn load(config: SiteConfig, timings: &mut Timings) -> Result<Site, BuildError> {
        let start = Instant::now();
        let theme = Theme::load(&config.theme_dir, config.base_path())?;
        let options = LoadOptions { permalink: config.permalink.clone(), drafts: config.drafts };
        let content = lwkd_content::load(&config.content_dir, &options).map_err(|e| BuildError::Content(e.to_string()))?;
        timings.load = start.elapsed();
        let start = Instant::now();
        let taxonomy = Taxonomy::index(&content.editions);
        timings.index = start.elapsed();
        let view = SiteView::new(&config);
        Ok(Site { config, theme, content, taxonomy, view })
    }

    /// A template context with what every page has: the site and the page's title.
    pub fn context(&self, title: &str) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", &self.view);
        context.insert("page_title", title);
        context
    }

    /// Where `edition` was read from, relative to the content directory, `/`-separated.
    pub fn source_path(&self, edition: &Edition) -> String {
        let rel = edition.source.strip_prefix(&self.config.content_dir).unwrap_or(&edition.source);
        rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    /// Runs every renderer in parallel; the files come back sorted by path.
    pub fn render(&self) -> Result<Vec<OutputFile>, BuildError> {
        let renderers = renderers();
        let parts: Vec<Vec<OutputFile>> = renderers.par_iter().map(|r| r.render(self)).collect::<Result<_, _>>()?;
        let mut files: Vec<OutputFile> = parts.into_iter().flatten().collect();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let after = render_after(&renderers, self, &paths)?;
        files.extend(after.into_iter().flat_map(|(_, files)| files));
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// A full build: load, index, render, then write aside and swap into the output dir.
    pub fn build(config: SiteConfig) -> Result<BuildReport, BuildError> {
        let mut timings = Timings::default();
        let site = Site::load(config, &mut timings)?;
        let start = Instant::now();
        let files = site.render()?;
        timings.render = start.elapsed();
        let start = Instant::now();
        write_atomically(&site.config.output_dir, &files)?;
        timings.write = start.elapsed();
        Ok(BuildReport {
            editions: site.content.editions.len(),
            files: files.len(),
            diagnostics: site.content.diagnostics,
            timings,
        })
    }
}
