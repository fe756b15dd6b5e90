//! Pages: Markdown files with front matter outside `_posts/` of a Jekyll site root (the LWKD
//! repository's `template.md`). Jekyll renders each with the site's layout at its own path,
//! `template.md` as `/template.html`, served at `/template`; a file without front matter is
//! copied as it is.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::front_matter;
use crate::markdown::{self, Punctuation};

/// A page read and rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub source: PathBuf,
    /// Path below the output root, with `/` separators: `template.html`.
    pub output_path: String,
    /// The front matter's `title`, else the file's name without its extension.
    pub title: String,
    pub html: String,
}

/// Whether Jekyll renders the file at `path` as a page: Markdown that opens with front matter.
pub fn is_page_file(path: &Path) -> bool {
    use std::io::Read;
    if !crate::is_edition_file(path) {
        return false;
    }
    let mut start = [0u8; 4];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut start))
        .unwrap_or(0);
    start[..read].starts_with(b"---") && matches!(start.get(3), Some(b'\n' | b'\r'))
}

/// Where Jekyll writes the page whose source is `rel` (below the site root, `/`-separated):
/// its extension becomes `.html`.
pub fn page_output_path(rel: &str) -> String {
    let stem = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
    format!("{stem}.html")
}

/// Reads the page at `path`, published at `output_path`. `Ok(None)` for a page marked
/// `published: false`, which Jekyll leaves out.
pub fn read_page(path: &Path, output_path: String) -> Result<Option<Page>, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(
            path,
            None,
            format!("cannot read this page ({e}); it was not published: save it as UTF-8 or fix its permissions"),
        )
    })?;
    let split = front_matter::split(&text).map_err(|e| {
        Diagnostic::error(
            path,
            Some(e.line),
            format!("{}; this page was not published", e.message),
        )
    })?;
    let fm = split.front_matter;
    if fm.fields.get("published") == Some(&serde_json::Value::Bool(false)) {
        return Ok(None);
    }
    let title = fm.text("title").unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let html = markdown::render_with(split.body, split.body_line, Punctuation::Smart).html;
    Ok(Some(Page {
        source: path.to_path_buf(),
        output_path,
        title,
        html,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_written_as_html_beside_their_source() {
        assert_eq!(page_output_path("template.md"), "template.html");
        assert_eq!(page_output_path("docs/how.markdown"), "docs/how.html");
    }

    #[test]
    fn a_page_has_front_matter_and_published_false_is_left_out() {
        let tmp = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = tmp.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let page = write(
            "about.md",
            "---\ntitle: About LWKD\n---\n\nWe write it \"weekly\".\n",
        );
        let plain = write("README.md", "# Read me\n");
        let hidden = write(
            "draft.md",
            "---\ntitle: Draft\npublished: false\n---\ntext\n",
        );
        let broken = write("broken.md", "---\ntitle: [x\n---\ntext\n");
        assert!(is_page_file(&page) && is_page_file(&hidden));
        assert!(!is_page_file(&plain), "no front matter: copied as it is");
        let read = read_page(&page, "about.html".into()).unwrap().unwrap();
        assert_eq!(read.title, "About LWKD");
        assert!(
            read.html.contains("We write it \u{201c}weekly\u{201d}."),
            "{}",
            read.html
        );
        assert_eq!(read_page(&hidden, "draft.html".into()).unwrap(), None);
        let error = read_page(&broken, "broken.html".into()).unwrap_err();
        assert_eq!(error.line, Some(2), "{error}");
    }
}
