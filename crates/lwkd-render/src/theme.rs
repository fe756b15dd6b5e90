//! The theme: tera templates compiled once per build, with the filters every template uses.
//! The files come from lwkd-theme: the built-in default theme with the site's theme folder
//! laid over it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use lwkd_theme::{ThemeFiles, TEMPLATES};
use tera::{Tera, Value};

use crate::error::{
    describe_tera, parse_error_location, render_error_location, BuildError, TemplateError,
};
use crate::paths::canonical_url;
use lwkd_cache::hash_part;

pub struct Theme {
    /// The templates compiled, on the first page rendered: a build whose pages all come
    /// from the page cache (which keys on `fingerprint`) compiles none. A compile error is
    /// every render's error, so whichever page fails first reports it.
    compiled: OnceLock<Result<Tera, Arc<TemplateError>>>,
    /// Each template's name and text, for compiling.
    sources: Vec<(String, String)>,
    /// The site's theme folder, named by errors that name no template.
    dir: PathBuf,
    /// What the `url` filter puts in front of site paths.
    base_path: String,
    /// Every file of the theme: the templates compiled here, the edition template and the
    /// static files.
    pub(crate) files: ThemeFiles,
    /// A hash of every template: pages cached by their context are made anew when it
    /// changes, so a changed theme is always compiled (and its errors reported).
    pub(crate) fingerprint: blake3::Hash,
    /// Whether a page is made of its context alone: not when a template reads the
    /// environment (tera's `get_env`), which no cache key can see.
    pub(crate) context_only: bool,
}

impl Theme {
    /// Reads every `*.html` (and `*.xml`) template of the theme in `theme_dir` laid over
    /// the built-in one; they are compiled when a page is first rendered. `base_path` is
    /// what the `url` filter puts in front of site paths (`/` or `/lwkd/`).
    pub fn load(theme_dir: &Path, base_path: &str) -> Result<Theme, BuildError> {
        let files = ThemeFiles::overlaid(theme_dir).map_err(|source| TemplateError::ThemeDir {
            dir: theme_dir.to_path_buf(),
            source,
        })?;
        let mut sources = Vec::new();
        let mut hasher = blake3::Hasher::new();
        let mut context_only = true;
        for (name, file) in files
            .under(TEMPLATES)
            .filter(|(name, _)| name.ends_with(".html") || name.ends_with(".xml"))
        {
            let text = file
                .read_to_string()
                .map_err(|source| TemplateError::Unreadable {
                    location: file.location(),
                    source,
                })?;
            hash_part(&mut hasher, name.as_bytes());
            hash_part(&mut hasher, text.as_bytes());
            context_only &= !text.contains("get_env");
            sources.push((name.to_string(), text));
        }
        Ok(Theme {
            compiled: OnceLock::new(),
            sources,
            dir: theme_dir.to_path_buf(),
            base_path: base_path.trim_end_matches('/').to_string(),
            files,
            fingerprint: hasher.finalize(),
            context_only,
        })
    }

    /// The compiled templates, compiled on the first call.
    fn tera(&self) -> Result<&Tera, TemplateError> {
        self.compiled
            .get_or_init(|| self.compile().map_err(Arc::new))
            .as_ref()
            .map_err(|e| TemplateError::Compile(Arc::clone(e)))
    }

    fn compile(&self) -> Result<Tera, TemplateError> {
        let mut tera = Tera::default();
        let unindented = (self.sources.iter()).map(|(n, t)| (n, lwkd_theme::unindented(t)));
        tera.add_raw_templates(unindented)
            .map_err(|unindented_error| {
                // Parsed again as written, so that the error's column is the file's.
                let e = Tera::default()
                    .add_raw_templates(self.sources.clone())
                    .err();
                let e = e.unwrap_or(unindented_error);
                let located = parse_error_location(&e).map(|at| match at.split_once(':') {
                    // Tera names the template; the message names the file to fix.
                    Some((name, rest)) => match self.files.get(&format!("{TEMPLATES}{name}")) {
                        Some(file) => format!("{}:{rest}", file.location()),
                        None => at,
                    },
                    None => at,
                });
                TemplateError::Parse {
                    located: located.unwrap_or_else(|| {
                        format!("{}: {}", self.dir.display(), describe_tera(&e))
                    }),
                    source: e,
                }
            })?;
        crate::template_loops::check_template_loops(&tera)?;
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_filter(
            "url",
            SitePath {
                base: self.base_path.clone(),
            },
        );
        tera.register_filter("canonical", CanonicalUrl);
        Ok(tera)
    }

    /// The theme's files, built-in and the site's.
    pub fn files(&self) -> &ThemeFiles {
        &self.files
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, BuildError> {
        self.tera()?.render(template, context).map_err(|e| {
            TemplateError::Render {
                located: render_error_location(&self.files, &e),
                source: e,
            }
            .into()
        })
    }
}

/// `{{ "/2022/20220209.html" | url }}`: a site path as a link under the base URL's path, at
/// its canonical URL (`/lwkd/2022/20220209`).
struct SitePath {
    base: String,
}

impl tera::Filter for SitePath {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("the `url` filter takes a site path string"))?;
        Ok(Value::String(escape_html(&format!(
            "{}/{}",
            self.base,
            canonical_url(path).trim_start_matches('/')
        ))))
    }

    // Escaped above, without tera's escaping of `/` (which would make every link `&#x2F;`).
    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ edition.url | canonical(base=site.base_url) }}`: a site path as its absolute canonical
/// URL (`https://lwkd.info/2022/20220209`). The base URL comes from the context, which the
/// page cache keys on.
struct CanonicalUrl;

impl tera::Filter for CanonicalUrl {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("the `canonical` filter takes a site path string"))?;
        let base = args.get("base").and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg(
                "the `canonical` filter takes the base URL: canonical(base=site.base_url)",
            )
        })?;
        Ok(Value::String(escape_html(&format!(
            "{}/{}",
            base.trim_end_matches('/'),
            canonical_url(path).trim_start_matches('/')
        ))))
    }

    // Escaped above, without tera's escaping of `/` (which would make every link `&#x2F;`).
    fn is_safe(&self) -> bool {
        true
    }
}

/// Escapes what could end an HTML attribute or start markup.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
