use std::path::PathBuf;

use lwkd_theme::{ThemeFiles, TEMPLATES};

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
    #[error(transparent)]
    Staging(#[from] lwkd_output::OutputError),
}

/// Folds a tera error and its causes into one line; tera puts the template's name in the
/// outer error and the line and column (`--> 3:5`) in the inner one.
pub fn describe_tera(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(cause.to_string().trim());
        source = cause.source();
    }
    text
}

/// `path:line:column: what is wrong` for a template that does not parse, from what tera's
/// parser prints (`Failed to parse "path"`, `--> 5:7`, `= message`).
pub(crate) fn parse_error_location(error: &tera::Error) -> Option<String> {
    let text = describe_tera(error);
    let path = text.split("Failed to parse \"").nth(1)?.split('"').next()?;
    let at = text.split("--> ").nth(1)?.split_whitespace().next()?;
    let what = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))?;
    Some(format!("{path}:{at}: {what}"))
}

/// `path:line: message` for a template that fails to render. Tera names the template the
/// error happened in (a parent such as `base.html`, not the page's own) but gives no line:
/// the line is the first of that template's file (the site's own, or the built-in theme's)
/// holding what the message quotes in backticks (the variable, filter or function).
pub(crate) fn render_error_location(files: &ThemeFiles, error: &tera::Error) -> String {
    let text = describe_tera(error);
    let name = text
        .split("error happened in '")
        .nth(1)
        .or_else(|| text.split("Failed to render '").nth(1))
        .and_then(|rest| rest.split('\'').next());
    let Some(file) = name.and_then(|name| files.get(&format!("{TEMPLATES}{name}"))) else {
        return text;
    };
    let quoted = text.split('`').nth(1).filter(|q| !q.is_empty());
    let line = quoted.and_then(|q| {
        file.read_to_string()
            .ok()?
            .lines()
            .position(|l| l.contains(q))
    });
    match line {
        Some(i) => format!("{}:{}: {text}", file.location(), i + 1),
        None => format!("{}: {text}", file.location()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_that_does_not_parse_is_named_with_line_and_column() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("edition.html");
        std::fs::write(&path, "<h1>{{ title }}</h1>\n\n{% if %}\n").unwrap();
        let error = tera::Tera::new(&format!("{}/*.html", tmp.path().display()))
            .err()
            .unwrap();
        let message = parse_error_location(&error).unwrap();
        assert!(
            message.ends_with("edition.html:3:7: expected a value that can be negated"),
            "{message}"
        );
        assert!(!message.contains('\n'));
    }
}
