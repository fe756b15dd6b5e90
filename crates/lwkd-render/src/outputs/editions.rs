use rayon::prelude::*;

use crate::error::BuildError;
use crate::output::OutputFile;
use crate::renderer::Renderer;
use crate::site::Site;
use crate::view::{EditionLink, EditionView};

/// One page per edition, at its permalink.
pub struct EditionPages;

impl Renderer for EditionPages {
    fn name(&self) -> &'static str {
        "editions"
    }

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        let editions = &site.content.editions;
        (0..editions.len())
            .into_par_iter()
            .map(|i| {
                let edition = &editions[i];
                let mut context = site.context(&edition.title);
                context.insert("edition", &EditionView::new(edition));
                context.insert("previous", &i.checked_sub(1).map(|p| EditionLink::new(&editions[p])));
                context.insert("next", &editions.get(i + 1).map(EditionLink::new));
                let html = site.theme.render("edition.html", &context)?;
                Ok(OutputFile::bytes(edition.url.trim_start_matches('/'), html))
            })
            .collect()
    }
}
