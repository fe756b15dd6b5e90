use std::path::PathBuf;
use std::sync::Arc;

use lwkd_theme::{ThemeFiles, TEMPLATES};
use tera::ErrorKind;

/// A build that could not finish. Each of these leaves the previous output untouched and
/// makes the CLI exit 2; problems in single editions are diagnostics instead.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] lwkd_config::ConfigError),
    /// The content folder could not be listed (the message names it).
    #[error("{source}")]
    ContentDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Output(#[from] lwkd_output::OutputError),
    /// An edition's Markdown could not be read again for its pages.
    #[error(transparent)]
    Body(#[from] lwkd_content::BodyError),
    /// An output could not be made from what it was given (JSON, XML, a static file).
    #[error("{}: {source}", path.display())]
    Make {
        path: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A file of the site's static folder that may not be published.
    #[error("{}: {message}", path.display())]
    StaticFile { path: PathBuf, message: String },
}

/// A theme that cannot be used: each message starts with the file (and line) to fix.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{}: cannot read the theme: {source}", dir.display())]
    ThemeDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("{location}: {source}")]
    Unreadable {
        location: String,
        source: std::io::Error,
    },
    /// A template that does not parse; `located` is `path:line:column: message`.
    #[error("{located}")]
    Parse {
        located: String,
        source: tera::Error,
    },
    /// A template that fails to render; `located` is `path:line: message`.
    #[error("{located}")]
    Render {
        located: String,
        source: tera::Error,
    },
    /// The theme's templates did not compile: the same error for every page rendered.
    #[error(transparent)]
    Compile(Arc<TemplateError>),
    /// Includes or macro calls that reach themselves again.
    #[error("{file}: this template never finishes rendering: {cycle} reaches itself again, and rendering would recurse until the process dies; break the loop of includes or macro calls")]
    Loop { file: String, cycle: String },
    /// A page whose links could not be put under the base URL's path.
    #[error("rewriting links for base URL {prefix}: {source}")]
    BasePath {
        prefix: String,
        source: lol_html::errors::RewritingError,
    },
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
/// parser prints (`Failed to parse "path"` or `'name'`, `--> 5:7`, `= message`).
pub(crate) fn parse_error_location(error: &tera::Error) -> Option<String> {
    let text = describe_tera(error);
    let path = text
        .split("Failed to parse ")
        .nth(1)?
        .split(['"', '\''])
        .nth(1)?;
    let at = text.split("--> ").nth(1)?.split_whitespace().next()?;
    let what = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))?;
    Some(format!("{path}:{at}: {what}"))
}

/// The tera errors of `error`'s chain, outermost first: tera wraps the error where it
/// happened in one naming the template.
fn tera_chain(error: &tera::Error) -> impl Iterator<Item = &tera::Error> {
    std::iter::successors(Some(error), |e| {
        std::error::Error::source(*e)?.downcast_ref::<tera::Error>()
    })
}

/// The template a render error happened in: the one tera's outer message names (a parent
/// such as `base.html` when the error is there, else the page's own).
fn failing_template(error: &tera::Error) -> Option<&str> {
    tera_chain(error).find_map(|e| match &e.kind {
        ErrorKind::Msg(message) => message
            .split("error happened in '")
            .nth(1)
            .or_else(|| message.strip_prefix("Failed to render '"))
            .and_then(|rest| rest.split('\'').next()),
        _ => None,
    })
}

/// What a render error names that the template's text holds: the filter, function, test or
/// template tera did not find (from the error's kind), else what its message quotes in
/// backticks (a variable).
fn named_in_template(error: &tera::Error) -> Option<String> {
    tera_chain(error).find_map(|e| match &e.kind {
        ErrorKind::FilterNotFound(name)
        | ErrorKind::FunctionNotFound(name)
        | ErrorKind::TestNotFound(name)
        | ErrorKind::TemplateNotFound(name)
        | ErrorKind::MissingParent { parent: name, .. } => Some(name.clone()),
        ErrorKind::Msg(message) => message
            .split('`')
            .nth(1)
            .filter(|q| !q.is_empty())
            .map(str::to_string),
        _ => None,
    })
}

/// `path:line: message` for a template that fails to render. Tera gives the template but no
/// line: the line is the first of that template's file (the site's own, or the built-in
/// theme's) holding what the error names.
pub(crate) fn render_error_location(files: &ThemeFiles, error: &tera::Error) -> String {
    let text = describe_tera(error);
    let file = failing_template(error).and_then(|name| files.get(&format!("{TEMPLATES}{name}")));
    let Some(file) = file else {
        return text;
    };
    let line = named_in_template(error).and_then(|named| {
        file.read_to_string()
            .ok()?
            .lines()
            .position(|l| l.contains(&named))
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

    #[test]
    fn a_filter_that_does_not_exist_is_located_from_the_error_kind() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("templates");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("page.html"), "<p>\n{{ title | shout }}\n</p>\n").unwrap();
        let files = ThemeFiles::overlaid(tmp.path()).unwrap();
        let mut tera = tera::Tera::default();
        let text = files
            .get("templates/page.html")
            .unwrap()
            .read_to_string()
            .unwrap();
        tera.add_raw_template("page.html", &text).unwrap();
        let mut context = tera::Context::new();
        context.insert("title", "x");
        let error = tera.render("page.html", &context).unwrap_err();
        assert!(
            tera_chain(&error)
                .any(|e| matches!(&e.kind, ErrorKind::FilterNotFound(n) if n == "shout")),
            "{error:?}"
        );
        let message = render_error_location(&files, &error);
        assert!(message.contains("page.html:2: "), "{message}");
    }
}
