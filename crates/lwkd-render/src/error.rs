use std::path::PathBuf;

/// A build that could not finish. Each of these leaves the previous output untouched and
/// makes the CLI exit 2; problems in single editions are diagnostics instead.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] lwkd_config::ConfigError),
    #[error("{0}")]
    Content(String),
    #[error("{0}")]
    Template(String),
    #[error("{path}: {message}")]
    Output { path: PathBuf, message: String },
}

/// Folds a tera error and its causes into one line; tera puts the template's name in the
/// outer error and the line and column (`--> 3:5`) in the inner one.
pub(crate) fn describe_tera(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(cause.to_string().trim());
        source = cause.source();
    }
    text
}
