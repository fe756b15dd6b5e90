//! Which file a request path means: GitHub Pages' rules (`/a/` is `/a/index.html`, `/a` is
//! `/a.html` when there is no such file or directory), and the guarantee that no path,
//! however encoded, reaches outside the output directory.

use std::path::PathBuf;

use percent_encoding::percent_decode_str;

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// A regular file inside the output directory (canonical path).
    File(PathBuf),
    /// A directory asked for without its trailing slash: send the browser to `location`.
    Redirect(String),
    NotFound,
    /// `..`, backslashes, NUL or undecodable bytes: refused before touching the disk.
    BadRequest,
}

/// The built site on disk and the URL path it is published under.
pub(crate) struct SiteFiles {
    root: PathBuf,
    /// `/` or `/lwkd/`: only paths below it are part of the site.
    base_path: String,
}

impl SiteFiles {
    pub(crate) fn new(root: PathBuf, base_path: String) -> Self {
        SiteFiles { root, base_path }
    }

    /// Resolves a raw request target such as `/2024/20240417?x=1`.
    pub(crate) fn resolve(&self, target: &str) -> Resolution {
        let path = target.split(['?', '#']).next().unwrap_or_default();
        if format!("{path}/") == self.base_path {
            return Resolution::Redirect(self.base_path.clone());
        }
        let Some(below_base) = path.strip_prefix(self.base_path.as_str()) else {
            return Resolution::NotFound;
        };
        let Ok(decoded) = percent_decode_str(below_base).decode_utf8() else {
            return Resolution::BadRequest;
        };
        if decoded.contains(['\\', '\0']) {
            return Resolution::BadRequest;
        }
        let mut relative = PathBuf::new();
        for segment in decoded.split('/').filter(|s| !s.is_empty()) {
            if segment == ".." || segment == "." {
                return Resolution::BadRequest;
            }
            relative.push(segment);
        }
        let candidate = self.root.join(&relative);
        if decoded.is_empty() || decoded.ends_with('/') {
            return self.file(candidate.join("index.html"));
        }
        match std::fs::metadata(&candidate) {
            Ok(meta) if meta.is_file() => self.file(candidate),
            Ok(meta) if meta.is_dir() => match self.file(candidate.join("index.html")) {
                Resolution::File(_) => Resolution::Redirect(format!("{path}/")),
                other => other,
            },
            _ => {
                let mut with_html = candidate.into_os_string();
                with_html.push(".html");
                self.file(with_html.into())
            }
        }
    }

    /// `candidate` if it is a regular file that is really inside the output directory once
    /// symlinks are followed.
    fn file(&self, candidate: PathBuf) -> Resolution {
        let (Ok(root), Ok(real)) = (self.root.canonicalize(), candidate.canonicalize()) else {
            return Resolution::NotFound;
        };
        if real.starts_with(&root) && real.is_file() {
            Resolution::File(real)
        } else {
            Resolution::NotFound
        }
    }

    /// The URL path the site is published under, `/` or `/lwkd/`.
    pub(crate) fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The site's own `404.html`, if it has one.
    pub(crate) fn not_found_page(&self) -> Option<PathBuf> {
        match self.file(self.root.join("404.html")) {
            Resolution::File(path) => Some(path),
            _ => None,
        }
    }

    #[cfg(test)]
    fn root(&self) -> &std::path::Path {
        &self.root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output directory with an edition, a year index, a bare directory and, beside it, a
    /// secret that must stay unreachable.
    fn site(base_path: &str) -> (tempfile::TempDir, SiteFiles) {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for (path, text) in [
            ("index.html", "home"),
            ("2024/index.html", "year"),
            ("2024/20240417.html", "edition"),
            ("images/a.png", "png"),
            ("style.css", "css"),
        ] {
            let path = out.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::write(tmp.path().join("secret.html"), "secret").unwrap();
        std::fs::create_dir(tmp.path().join("outside")).unwrap();
        std::fs::write(tmp.path().join("outside/index.html"), "secret").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.html"), out.join("leak.html")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("outside"), out.join("outside")).unwrap();
        (tmp, SiteFiles::new(out, base_path.into()))
    }

    fn file(site: &SiteFiles, path: &str) -> Resolution {
        Resolution::File(site.root().join(path).canonicalize().unwrap())
    }

    #[test]
    fn github_pages_rules() {
        let (_tmp, site) = site("/");
        assert_eq!(site.resolve("/"), file(&site, "index.html"));
        assert_eq!(
            site.resolve("/2024/20240417"),
            file(&site, "2024/20240417.html")
        );
        assert_eq!(
            site.resolve("/2024/20240417.html?utm=x#news"),
            file(&site, "2024/20240417.html")
        );
        assert_eq!(site.resolve("/2024/"), file(&site, "2024/index.html"));
        assert_eq!(site.resolve("/2024"), Resolution::Redirect("/2024/".into()));
        assert_eq!(site.resolve("/style.css"), file(&site, "style.css"));
        assert_eq!(
            site.resolve("/%32024/20240417"),
            file(&site, "2024/20240417.html")
        );
        assert_eq!(site.resolve("/%73tyle.css"), file(&site, "style.css"));
        assert_eq!(site.resolve("/2023/20230101"), Resolution::NotFound);
    }

    #[test]
    fn no_directory_listings() {
        let (_tmp, site) = site("/");
        assert_eq!(site.resolve("/images/"), Resolution::NotFound);
        assert_eq!(site.resolve("/images"), Resolution::NotFound);
        assert_eq!(site.resolve("/images/a.png"), file(&site, "images/a.png"));
    }

    #[test]
    fn nothing_outside_the_output_directory() {
        let (_tmp, site) = site("/");
        for target in [
            "/../secret.html",
            "/%2e%2e/secret.html",
            "/%2E%2E%2Fsecret.html",
            "/2024/..%2f..%2fsecret.html",
            "/..%5csecret.html",
            "/2024\\..\\..\\secret.html",
            "/./index.html",
            "/%00",
        ] {
            assert_eq!(site.resolve(target), Resolution::BadRequest, "{target}");
        }
        for target in [
            "/leak.html",
            "/leak",
            "/outside/",
            "/outside/index.html",
            "/outside",
            "http://example.com/index.html",
            "%2e%2e/secret.html",
        ] {
            assert_eq!(site.resolve(target), Resolution::NotFound, "{target}");
        }
        assert_eq!(site.resolve("/%ff"), Resolution::BadRequest);
    }

    #[test]
    fn a_base_path_is_stripped() {
        let (_tmp, site) = site("/lwkd/");
        assert_eq!(
            site.resolve("/lwkd/2024/20240417"),
            file(&site, "2024/20240417.html")
        );
        assert_eq!(site.resolve("/lwkd/"), file(&site, "index.html"));
        assert_eq!(site.resolve("/lwkd"), Resolution::Redirect("/lwkd/".into()));
        assert_eq!(site.resolve("/2024/20240417"), Resolution::NotFound);
        assert_eq!(site.resolve("/"), Resolution::NotFound);
    }

    #[test]
    fn the_sites_404_page() {
        let (tmp, site) = site("/");
        assert_eq!(site.not_found_page(), None);
        std::fs::write(tmp.path().join("public/404.html"), "gone").unwrap();
        assert_eq!(
            site.not_found_page(),
            Some(site.root().join("404.html").canonicalize().unwrap())
        );
    }
}
