//! `lwkd-render` turns a loaded, indexed site into files: it owns the [`Site`] (the
//! configuration, the theme's compiled tera templates, the editions and their index), the
//! view models templates see ([`view`]), where pages are ([`paths`]), links put into an
//! edition's text ([`crosslinks`], [`site_paths`]) and the [`Renderer`] seam every kind of
//! output goes through.
//!
//! What it does not own: the outputs themselves and the full build (lwkd-outputs), the
//! output folder and its atomic swap (lwkd-output), the caches (lwkd-cache), `lwkd serve`'s
//! incremental rebuilds (lwkd-serve), `lwkd new` (lwkd-cli).

pub mod crosslinks;
mod error;
pub mod paths;
mod renderer;
mod site;
pub mod site_paths;
mod template_loops;
mod theme;
pub mod view;

pub use error::{describe_tera, BuildError, TemplateError};
pub use renderer::{Gathered, GatheredParts, Renderer, Scope, Sink};
pub use site::{load_options, read_upstream, BuildReport, Site, Timings};
pub use theme::Theme;
pub use view::{build_day, long_date};
