use rayon::prelude::*;

use crate::error::BuildError;
use crate::output::OutputFile;
use crate::renderer::{EditionChanges, Partial, Renderer, Sink};
use crate::site::Site;
use crate::site_paths::prefix_site_paths;
use crate::view::{EditionLink, EditionView};

/// One page per edition, at its permalink.
pub struct EditionPages;

impl EditionPages {
    /// The page of edition `i`: it shows the edition and links its neighbours.
    fn page(site: &Site, i: usize) -> Result<OutputFile, BuildError> {
        let editions = &site.content.editions;
        let edition = &editions[i];
        let mut context = site.context(&edition.title);
        let html = prefix_site_paths(&edition.html, site.config.base_path().trim_end_matches('/'))?;
        context.insert("edition", &EditionView::new(edition, &html, site.source_path(edition)));
        context.insert("previous", &i.checked_sub(1).map(|p| EditionLink::new(&editions[p])));
        context.insert("next", &editions.get(i + 1).map(EditionLink::new));
        let html = site.theme.render("edition.html", &context)?;
        Ok(OutputFile::bytes(edition.url.trim_start_matches('/'), html))
    }
}

impl Renderer for EditionPages {
    fn name(&self) -> &'static str {
        "editions"
    }

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        (0..site.content.editions.len()).into_par_iter().map(|i| Self::page(site, i)).collect()
    }

    fn render_to(&self, site: &Site, sink: &Sink<'_>) -> Result<(), BuildError> {
        (0..site.content.editions.len()).into_par_iter().try_for_each(|i| sink(vec![Self::page(site, i)?]))
    }

    fn render_changed(&self, site: &Site, changes: &EditionChanges) -> Option<Result<Partial, BuildError>> {
        let pages: Vec<usize> = changes.pages().collect();
        let files = pages.into_par_iter().map(|i| Self::page(site, i)).collect::<Result<_, _>>();
        let paths = site.content.editions.iter().map(|e| e.url.trim_start_matches('/').to_string()).collect();
        Some(files.map(|files| Partial { files, paths }))
    }
}
