//! `lwkd-render` turns loaded, indexed content into a site: it owns the theme (tera
//! templates compiled once), the [`Renderer`] seam through which every kind of output is
//! produced in parallel with rayon, and the atomic write of the output directory.

mod cache_file;
mod changes;
mod crosslinks;
mod edition_cache;
mod error;
mod live;
mod new_edition;
mod out_guard;
mod output;
mod outputs;
mod page_cache;
mod renderer;
mod site;
mod site_paths;
mod template_loops;
mod theme;
mod view;

pub use error::BuildError;
pub use live::LiveSite;
pub use new_edition::{week_ending, write_new_edition, NewEditionError};
pub use out_guard::{check_output_dir, MARKER};
pub use output::{join_below, write_atomically, Body, OutputFile, Staging};
pub use renderer::{renderers, EditionChanges, Job, Partial, Renderer, Sink};
pub use site::{read_upstream, BuildReport, Site, Timings};
pub use theme::Theme;
