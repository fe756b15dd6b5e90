use std::path::PathBuf;

/// Why the output folder could not be written; the previous output is as it was.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A file system call failed on `path`.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An output path (from an edition or a theme) that would leave the output folder.
    #[error("{}: the output path {output:?} would lie outside the output folder; nothing was written there", root.display())]
    OutsideOutput { root: PathBuf, output: String },
    /// An output folder a build must not replace (it holds the sources, it is not lwkd's).
    #[error("{}: {why}; pass another --out (such as public) or set output_dir in site.toml", path.display())]
    Refused { path: PathBuf, why: String },
}
