//! Where a link lands when GitHub Pages serves the output folder at the base URL.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use url::Url;

/// The built site as GitHub Pages serves it: `out` at `base`.
pub struct Served {
    out: PathBuf,
    base: Url,
}

/// A link, once read against the page it is on.
#[derive(Debug, PartialEq, Eq)]
pub enum Link {
    /// `mailto:`, `javascript:`, an empty href: nothing to check.
    NotChecked,
    /// Another site, without its `#fragment`.
    External(String),
    /// A page or file of this site: its path below the output root (percent-decoded) and
    /// its fragment, if any.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// On this site's host but outside the base URL's path: a 404 on a project page.
    OutsideBase(String),
}

/// A base URL that is neither a URL nor a path.
#[derive(Debug, thiserror::Error)]
#[error("base URL {base_url:?}: {source}")]
pub struct BaseUrlError {
    base_url: String,
    source: url::ParseError,
}

impl Served {
    /// `base_url` is where the site is published (`https://user.github.io/lwkd/`); a bare
    /// path (`/`, `/lwkd/`) works too, for sites that set no host.
    pub fn new(out: &Path, base_url: &str) -> Result<Served, BaseUrlError> {
        let base_url = if base_url.ends_with('/') {
            base_url.to_string()
        } else {
            format!("{base_url}/")
        };
        let base = Url::parse(&base_url)
            .or_else(|_| {
                Url::parse("http://site.invalid/").and_then(|origin| origin.join(&base_url))
            })
            .map_err(|source| BaseUrlError { base_url, source })?;
        Ok(Served {
            out: out.to_path_buf(),
            base,
        })
    }

    pub fn base_path(&self) -> &str {
        self.base.path()
    }

    /// Reads `link` as written on the page at `page` (a path below the output root).
    pub fn read(&self, page: &str, link: &str) -> Link {
        if link.is_empty() {
            return Link::NotChecked;
        }
        let Ok(page_url) = self.base.join(page) else {
            return Link::NotChecked;
        };
        let Ok(mut target) = page_url.join(link) else {
            // Not even a URL: a browser would try it as a path on this site and fail.
            return Link::OutsideBase(link.to_string());
        };
        if !matches!(target.scheme(), "http" | "https") {
            return Link::NotChecked;
        }
        let fragment = target
            .fragment()
            .map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned());
        target.set_fragment(None);
        let same_site = target.origin() == self.base.origin();
        if !same_site {
            return Link::External(target.to_string());
        }
        match target.path().strip_prefix(self.base.path()) {
            Some(rest) => Link::Internal {
                path: percent_decode_str(rest).decode_utf8_lossy().into_owned(),
                fragment,
            },
            None => Link::OutsideBase(target.path().to_string()),
        }
    }

    /// The file GitHub Pages answers `path` with, as a path below the output root, if any:
    /// the file itself, a folder's `index.html` (`/2018` and `/2018/`), or `path.html`
    /// (extensionless URLs such as lwkd.info's `/2018/20180205`).
    pub fn file_for(&self, path: &str) -> Option<String> {
        if path.split('/').any(|part| part == "..") {
            return None;
        }
        let exists = |rel: String| self.out.join(&rel).is_file().then_some(rel);
        if path.is_empty() || path.ends_with('/') {
            return exists(format!("{path}index.html"));
        }
        exists(path.to_string())
            .or_else(|| exists(format!("{path}/index.html")))
            .or_else(|| exists(format!("{path}.html")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(path: &str, fragment: Option<&str>) -> Link {
        Link::Internal {
            path: path.into(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn links_under_the_base_path_map_to_the_output_root() {
        let served = Served::new(Path::new("/out"), "https://example.github.io/lwkd/").unwrap();
        assert_eq!(
            served.read("2018/20180114.html", "/lwkd/2018/20180205"),
            internal("2018/20180205", None)
        );
        assert_eq!(
            served.read("2018/20180114.html", "20180205.html#x%20y"),
            internal("2018/20180205.html", Some("x y"))
        );
        assert_eq!(
            served.read("2018/index.html", "../images/a%20b.png"),
            internal("images/a b.png", None)
        );
        assert_eq!(
            served.read("index.html", "#top"),
            internal("index.html", Some("top"))
        );
        assert_eq!(
            served.read("index.html", "https://example.github.io/lwkd/feed.xml"),
            internal("feed.xml", None)
        );
        assert_eq!(
            served.read("index.html", "/2018/20180205"),
            Link::OutsideBase("/2018/20180205".into())
        );
        assert_eq!(
            served.read("2018/x.html", "../../../etc"),
            Link::OutsideBase("/etc".into())
        );
        assert_eq!(
            served.read("index.html", "https://k8s.io/docs#x"),
            Link::External("https://k8s.io/docs".into())
        );
        assert_eq!(
            served.read("index.html", "//k8s.io/"),
            Link::External("https://k8s.io/".into())
        );
        assert_eq!(
            served.read("index.html", "mailto:lwkd@kubernetes.io"),
            Link::NotChecked
        );
    }

    #[test]
    fn a_bare_base_path_works() {
        let served = Served::new(Path::new("/out"), "/").unwrap();
        assert_eq!(
            served.read("2018/20180114.html", "/2018/20180205"),
            internal("2018/20180205", None)
        );
        assert_eq!(
            served.read("index.html", "https://lwkd.info/x"),
            Link::External("https://lwkd.info/x".into())
        );
    }

    #[test]
    fn github_pages_rules() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::create_dir_all(out.join("2018/images")).unwrap();
        std::fs::write(out.join("index.html"), "").unwrap();
        std::fs::write(out.join("2018/index.html"), "").unwrap();
        std::fs::write(out.join("2018/20180205.html"), "").unwrap();
        std::fs::write(out.join("2018/images/a.png"), "").unwrap();
        let served = Served::new(out, "/").unwrap();
        for (path, file) in [
            ("", "index.html"),
            ("2018", "2018/index.html"),
            ("2018/", "2018/index.html"),
            ("2018/20180205", "2018/20180205.html"),
            ("2018/20180205.html", "2018/20180205.html"),
            ("2018/images/a.png", "2018/images/a.png"),
        ] {
            assert_eq!(served.file_for(path).as_deref(), Some(file), "{path}");
        }
        for path in ["2018/20180206", "2018/images/", "2018/images/a", "2019/"] {
            assert_eq!(served.file_for(path), None, "{path}");
        }
    }
}
