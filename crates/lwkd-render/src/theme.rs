//! The theme: tera templates compiled once per build, with the filters every template uses.

use std::collections::HashMap;
use std::path::Path;

use tera::{Tera, Value};

use crate::cache_file::hash_part;
use crate::error::{describe_tera, parse_error_location, render_error_location, BuildError};

pub struct Theme {
    pub(crate) tera: Tera,
    /// A hash of every file under the templates folder: pages cached by their context are
    /// made anew when it changes.
    pub(crate) fingerprint: blake3::Hash,
    /// Whether a page is made of its context alone: not when a template reads the
    /// environment (tera's `get_env`), which no cache key can see.
    pub(crate) context_only: bool,
}

impl Theme {
    /// Compiles every `*.html` (and `*.xml`) template under `theme_dir/templates`.
    /// `base_path` is what the `url` filter puts in front of site paths (`/` or `/lwkd/`).
    pub fn load(theme_dir: &Path, base_path: &str) -> Result<Theme, BuildError> {
        let dir = theme_dir.join("templates");
        if !dir.is_dir() {
            return Err(BuildError::Template(format!(
                "{}: theme has no templates directory; set `theme` in site.toml to a folder under themes/",
                dir.display()
            )));
        }
        let glob = format!("{}/**/*.{{html,xml}}", dir.display());
        let mut tera = Tera::new(&glob).map_err(|e| {
            BuildError::Template(parse_error_location(&e).unwrap_or_else(|| format!("{}: {}", dir.display(), describe_tera(&e))))
        })?;
        crate::template_loops::check_template_loops(&tera)?;
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_filter("url", SitePath { base: base_path.trim_end_matches('/').to_string() });
        let (fingerprint, context_only) = fingerprint(&dir);
        Ok(Theme { tera, fingerprint, context_only })
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, BuildError> {
        self.tera.render(template, context).map_err(|e| BuildError::Template(render_error_location(&self.tera, &e)))
    }
}

/// A hash of the relative path and bytes of every file below `dir`, and whether none of
/// them calls `get_env`.
fn fingerprint(dir: &Path) -> (blake3::Hash, bool) {
    let mut hasher = blake3::Hasher::new();
    let mut context_only = true;
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            hash_part(&mut hasher, rel.as_os_str().as_encoded_bytes());
            // Tera read it a moment ago; gone since, it counts as empty.
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            context_only &= !bytes.windows(7).any(|w| w == b"get_env");
            hash_part(&mut hasher, &bytes);
        }
    }
    (hasher.finalize(), context_only)
}

/// `{{ "/2022/20220209.html" | url }}`: a site path as a link under the base URL's path.
struct SitePath {
    base: String,
}

impl tera::Filter for SitePath {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = value.as_str().ok_or_else(|| tera::Error::msg("the `url` filter takes a site path string"))?;
        Ok(Value::String(escape_html(&format!("{}/{}", self.base, path.trim_start_matches('/')))))
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
