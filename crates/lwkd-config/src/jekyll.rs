//! A Jekyll site's `_config.yml`, read for the settings lwkd shares with Jekyll (title,
//! description, permalink, url and baseurl) when a site has no `site.toml`: the LWKD
//! repository then builds as it is. Every other key (theme, plugins, analytics) is Jekyll's
//! own and left alone. As on GitHub Pages, a site with a `CNAME` file and no `url` is
//! published at `https://` that domain: lwkd.info's repository sets no `url`, and its feed
//! links `https://lwkd.info/...`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::ConfigError;

/// Jekyll's configuration file at the root of a Jekyll site.
pub const JEKYLL_CONFIG_FILE: &str = "_config.yml";

/// The file naming a GitHub Pages site's custom domain.
const CNAME_FILE: &str = "CNAME";

/// The keys of `_config.yml` lwkd reads.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct JekyllConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub permalink: Option<String>,
    url: Option<String>,
    baseurl: Option<String>,
}

impl JekyllConfig {
    /// `dir/_config.yml`, or `None` when there is none; its `url`, when it sets none, from
    /// `dir/CNAME` (see the module's doc).
    pub fn read(dir: &Path) -> Result<Option<(PathBuf, JekyllConfig)>, ConfigError> {
        let path = dir.join(JEKYLL_CONFIG_FILE);
        let Some(text) = crate::read_text(&path)? else {
            return Ok(None);
        };
        // An empty file is an empty configuration, as in Jekyll.
        let parsed = if text.trim().is_empty() {
            Ok(JekyllConfig::default())
        } else {
            serde_yaml_ng::from_str::<JekyllConfig>(&text)
        };
        match parsed {
            Ok(mut config) => {
                if config.url.is_none() {
                    config.url = custom_domain(dir).map(|domain| format!("https://{domain}"));
                }
                Ok(Some((path, config)))
            }
            Err(e) => Err(ConfigError::Parse {
                line: e.location().map_or(1, |l| l.line()),
                message: e
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                path,
            }),
        }
    }

    /// Where Jekyll publishes the site: `url` and `baseurl` together (`https://x.github.io` and
    /// `/lwkd`), when `url` is set; a `baseurl` alone is a path on any host.
    pub fn base_url(&self) -> Option<String> {
        let base = self
            .baseurl
            .as_deref()
            .unwrap_or("")
            .trim()
            .trim_matches('/');
        let url = self
            .url
            .as_deref()
            .map(|u| u.trim().trim_end_matches('/'))
            .filter(|u| !u.is_empty());
        match (url, base.is_empty()) {
            (Some(url), true) => Some(format!("{url}/")),
            (Some(url), false) => Some(format!("{url}/{base}/")),
            (None, false) => Some(format!("/{base}/")),
            (None, true) => None,
        }
    }
}

/// The domain `dir/CNAME` names (its first line), if it names one. A `CNAME` that cannot be
/// read gives none: it only offers a default, and the build copies the file as it is.
fn custom_domain(dir: &Path) -> Option<String> {
    let text = crate::read_text(&dir.join(CNAME_FILE)).ok()??;
    let domain = text.lines().next().unwrap_or_default().trim();
    let is_domain = domain.contains('.')
        && (domain.chars()).all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    is_domain.then(|| domain.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> JekyllConfig {
        serde_yaml_ng::from_str(text).unwrap()
    }

    #[test]
    fn url_and_baseurl_make_the_base_url() {
        assert_eq!(
            parse("url: https://lwkd.info\n").base_url().as_deref(),
            Some("https://lwkd.info/")
        );
        assert_eq!(
            parse("url: https://x.github.io/\nbaseurl: /lwkd\n")
                .base_url()
                .as_deref(),
            Some("https://x.github.io/lwkd/")
        );
        assert_eq!(
            parse("baseurl: \"/lwkd/\"\n").base_url().as_deref(),
            Some("/lwkd/")
        );
        assert_eq!(parse("baseurl: \"\"\n").base_url(), None);
    }

    /// A `CNAME` file gives the domain when `url` is not set, as on GitHub Pages.
    #[test]
    fn a_cname_file_gives_the_url_that_is_not_set() {
        let dir = tempfile::tempdir().unwrap();
        let read = |config: &str, cname: &str| {
            std::fs::write(dir.path().join(JEKYLL_CONFIG_FILE), config).unwrap();
            std::fs::write(dir.path().join(CNAME_FILE), cname).unwrap();
            let (_, config) = JekyllConfig::read(dir.path()).unwrap().unwrap();
            config.base_url()
        };
        let url = |s: &str| Some(s.to_string());
        assert_eq!(
            read("title: T\n", "Example.org\n"),
            url("https://example.org/")
        );
        assert_eq!(read("", "example.org"), url("https://example.org/"));
        assert_eq!(
            read("baseurl: /x\n", "example.org\n"),
            url("https://example.org/x/")
        );
        assert_eq!(
            read("url: https://a.io\n", "example.org\n"),
            url("https://a.io/")
        );
        // Not a domain, or not readable: left alone.
        assert_eq!(read("title: T\n", "\n"), None);
        assert_eq!(read("title: T\n", "not a domain\n"), None);
        std::fs::remove_file(dir.path().join(CNAME_FILE)).unwrap();
        std::fs::create_dir(dir.path().join(CNAME_FILE)).unwrap();
        let (_, config) = JekyllConfig::read(dir.path()).unwrap().unwrap();
        assert_eq!(config.base_url(), None);
    }

    /// The real archive's `_config.yml`, with its Jekyll-only keys (theme, plugins, analytics).
    #[test]
    fn the_lwkd_repositorys_config() {
        let archive = lwkd_testdata::archive();
        let (path, config) = JekyllConfig::read(&archive).unwrap().unwrap();
        assert!(path.ends_with("_config.yml"));
        assert_eq!(
            config.title.as_deref(),
            Some("Last Week in Kubernetes Development")
        );
        assert_eq!(config.permalink.as_deref(), Some("/:year/:year:month:day"));
        assert_eq!(
            config.base_url().as_deref(),
            Some("https://lwkd.info/"),
            "it sets no url; its CNAME names lwkd.info"
        );
    }
}
