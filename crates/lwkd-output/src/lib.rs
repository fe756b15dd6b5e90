//! `lwkd-output` owns the output folder of a build: whether a folder may be replaced at
//! all ([`check_output_dir`]), the staging folder a build writes into beside it
//! ([`Staging`]), unchanged files kept as hard links to the live output, the atomic swap,
//! and the cache folder kept beside the output ([`cache_dir_for`]).
//!
//! It knows nothing of pages or templates: it is given [`OutputFile`]s, paths and bytes.

mod error;
mod guard;
mod staging;

pub use error::OutputError;
pub use guard::{check_output_dir, MARKER};
pub use staging::{
    cache_dir_for, holding, join_below, open_regular, output_path, write_atomically, Body, FileId,
    OutputFile, Staging,
};
