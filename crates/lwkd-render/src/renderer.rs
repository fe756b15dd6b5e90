//! The seam every output goes through: a new kind of output (a feed, search, data files)
//! is one new [`Renderer`] in `outputs/` and one line in [`renderers`].

use crate::error::BuildError;
use crate::output::OutputFile;
use crate::outputs;
use crate::site::Site;

pub trait Renderer: Sync {
    /// Short name for timings and errors.
    fn name(&self) -> &'static str;
    /// Every file this output contributes to the site.
    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError>;
}

/// The outputs of a full build, in no particular order: they run in parallel.
pub fn renderers() -> Vec<Box<dyn Renderer>> {
    vec![Box::new(outputs::EditionPages), Box::new(outputs::ArchivePages), Box::new(outputs::Assets)]
}
