//! `lwkd-render` turns a loaded, indexed site into files: it owns the [`Site`] (the
//! configuration, the theme's compiled tera templates, the editions and their index), the
//! view models templates see, where pages are ([`paths`]), the [`Renderer`] seam every
//! kind of output goes through, one module per output in `outputs/`, and the full build
//! that renders them in parallel with rayon.
//!
//! What it does not own: the output folder and its atomic swap (lwkd-output), the caches
//! (lwkd-cache), `lwkd serve`'s incremental rebuilds (lwkd-serve), `lwkd new` (lwkd-cli).

mod build;
mod changes;
mod crosslinks;
mod error;
mod outputs;
pub mod paths;
mod renderer;
mod site;
mod site_paths;
mod template_loops;
mod theme;
mod view;

pub use error::{describe_tera, BuildError};
pub use outputs::all as renderers;
pub use renderer::{render_after, EditionChanges, Job, Partial, Renderer, Sink};
pub use site::{load_options, read_upstream, BuildReport, Site, Timings};
pub use theme::Theme;
pub use view::{build_day, long_date};
