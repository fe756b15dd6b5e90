use lwkd_taxonomy::EditionTags;
use rayon::prelude::*;
use serde::Serialize;

use crate::crosslinks::link_mentions;
use crate::error::BuildError;
use crate::output::OutputFile;
use crate::outputs::{kep_path, release_path, sig_path};
use crate::renderer::{EditionChanges, Partial, Renderer, Sink};
use crate::site::Site;
use crate::site_paths::prefix_site_paths;
use crate::view::{EditionLink, EditionView};

/// The chips at the top of an edition: its release cycle, KEPs and SIGs, each linking to
/// its page.
#[derive(Serialize)]
struct EditionChips {
    release: Option<Chip>,
    keps: Vec<Chip>,
    sigs: Vec<Chip>,
}

#[derive(Serialize)]
struct Chip {
    label: String,
    url: String,
}

impl EditionChips {
    fn new(tags: &EditionTags) -> Self {
        EditionChips {
            release: tags.cycle.map(|c| Chip { label: format!("Kubernetes {c}"), url: release_path(c) }),
            keps: tags.kep_refs().into_iter().map(|k| Chip { label: k.to_string(), url: kep_path(k) }).collect(),
            sigs: tags.sig_slugs().iter().map(|s| Chip { label: s.name().to_string(), url: sig_path(s) }).collect(),
        }
    }
}

/// One page per edition, at its permalink. Every page shows taxonomy chips and links, so
/// besides the edited editions and their neighbours a rebuild re-renders those whose cycle
/// moved or whose text names a KEP or SIG that gained or lost its page
/// ([`EditionChanges::pages`]).
pub struct EditionPages;

impl EditionPages {
    /// The page of edition `i`: it shows the edition and links its neighbours.
    fn page(site: &Site, i: usize) -> Result<OutputFile, BuildError> {
        let editions = &site.content.editions;
        let edition = &editions[i];
        let mut context = site.context(&edition.title);
        let html = prefix_site_paths(&edition.html, site.config.base_path().trim_end_matches('/'))?;
        // After the base path went in: the mention links carry it already.
        let html = link_mentions(&html, &site.taxonomy, site.config.base_path());
        context.insert("edition", &EditionView::new(edition, &html, site.source_path(edition)));
        context.insert("tags", &site.taxonomy.edition(i).map(EditionChips::new));
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
        Some(files.map(|files| Partial { files, paths: Some(paths) }))
    }
}
