//! `lwkd-config` owns `site.toml`: what a site is called, where its content, theme and output
//! live, and the URL it is published under. Every other crate reads a [`SiteConfig`]; none of
//! them parses the file. Without one, a Jekyll site's `_config.yml` gives what the two share.

mod jekyll;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lwkd_upstream::UpstreamDirs;
use serde::Deserialize;

use jekyll::JekyllConfig;
pub use jekyll::JEKYLL_CONFIG_FILE;

/// The name of the configuration file at the root of a site.
pub const CONFIG_FILE: &str = "site.toml";

/// lwkd.info's Jekyll permalink: `/2022/20220209` for an edition dated 2022-02-09.
pub const DEFAULT_PERMALINK: &str = "/:year/:year:month:day";

/// A fatal configuration problem; the CLI turns it into exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the site configuration: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}; fix the setting or remove it to use the default")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// Settings of one site, with every path already resolved against the site root.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The directory holding `site.toml`; relative paths below are resolved against it.
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Absolute URL the site is published at, always ending in `/`.
    pub base_url: String,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    /// Directory of the active theme (`themes/<name>`).
    pub theme_dir: PathBuf,
    /// Files copied to the output as they are (CSS, favicon).
    pub static_dir: PathBuf,
    pub permalink: String,
    /// Written to `/CNAME` for GitHub Pages when set.
    pub cname: Option<String>,
    /// How many editions the Atom feed carries.
    pub feed_limit: usize,
    /// Build editions marked `draft: true`.
    pub drafts: bool,
    /// Footer credit line (LWKD's content is CC-BY 4.0 and must be credited).
    pub credit: Option<String>,
    /// Links `lwkd check` does not report (exact URLs or prefixes ending in `*`).
    pub check_ignore: Vec<String>,
    /// Checkouts of the Kubernetes repositories the facts about KEPs, SIGs and release
    /// schedules are read from; none set means the archive alone.
    pub upstream: UpstreamDirs,
    /// Which file the settings came from.
    pub settings_from: SettingsFrom,
    /// `[lint]`: a rule of `lwkd lint` by name, and "error", "warning" or "off" (lwkd-lint
    /// checks the names and levels).
    pub lint: BTreeMap<String, String>,
}

/// Where a site's settings were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsFrom {
    SiteToml(PathBuf),
    /// A Jekyll site's `_config.yml`, the site having no `site.toml`.
    JekyllConfig(PathBuf),
    /// Neither: lwkd's defaults.
    Defaults,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    content_dir: Option<PathBuf>,
    output_dir: Option<PathBuf>,
    theme: Option<String>,
    static_dir: Option<PathBuf>,
    permalink: Option<String>,
    cname: Option<String>,
    feed_limit: Option<usize>,
    drafts: Option<bool>,
    credit: Option<String>,
    #[serde(default)]
    check: RawCheck,
    #[serde(default)]
    lint: BTreeMap<String, String>,
    #[serde(default)]
    upstream: RawUpstream,
}

/// `[upstream]`: `dir` holding `enhancements/`, `community/` and `sig-release/`, or each
/// checkout on its own (which wins over `dir`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUpstream {
    dir: Option<PathBuf>,
    enhancements: Option<PathBuf>,
    community: Option<PathBuf>,
    sig_release: Option<PathBuf>,
}

impl RawUpstream {
    fn resolve(self, root: &Path) -> UpstreamDirs {
        let under = self
            .dir
            .map(|dir| UpstreamDirs::under(&root.join(dir)))
            .unwrap_or_default();
        let at_root = |p: Option<PathBuf>| p.map(|p| root.join(p));
        UpstreamDirs {
            enhancements: at_root(self.enhancements).or(under.enhancements),
            community: at_root(self.community).or(under.community),
            sig_release: at_root(self.sig_release).or(under.sig_release),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    ignore: Vec<String>,
}

impl SiteConfig {
    /// Reads `root/site.toml`, a broken one is an error naming the line. Without it, a
    /// Jekyll site root (`root/_config.yml`) is its own content, built into `_site` as Jekyll
    /// does; with neither, the defaults (so `lwkd build --content DIR` works in any directory).
    pub fn load(root: &Path) -> Result<SiteConfig, ConfigError> {
        let path = root.join(CONFIG_FILE);
        let (raw, settings_from) = match read_text(&path)? {
            Some(text) => (parse(&path, &text)?, SettingsFrom::SiteToml(path.clone())),
            None => match JekyllConfig::read(root)? {
                Some((jekyll_path, jekyll)) => (
                    RawConfig {
                        output_dir: Some("_site".into()),
                        ..RawConfig::from_jekyll(jekyll)
                    },
                    SettingsFrom::JekyllConfig(jekyll_path),
                ),
                None => (RawConfig::default(), SettingsFrom::Defaults),
            },
        };
        let theme_dir = root
            .join("themes")
            .join(raw.theme.as_deref().unwrap_or("default"));
        if raw.theme.as_ref().is_some_and(|name| name != "default") && !theme_dir.is_dir() {
            return Err(ConfigError::Invalid {
                path,
                message: format!(
                    "theme {:?}: no folder {}; the built-in theme is \"default\" (`lwkd theme eject` writes it out to change), and a site's themes/ folder is looked for in --root DIR",
                    raw.theme.unwrap_or_default(),
                    theme_dir.display()
                ),
            });
        }
        let mut config = SiteConfig::from_raw(root, raw);
        if let SettingsFrom::JekyllConfig(_) = settings_from {
            config.content_dir = root.to_path_buf();
        }
        // A bad setting is reported in the file it came from.
        let from = match &settings_from {
            SettingsFrom::JekyllConfig(jekyll) => jekyll.clone(),
            _ => path,
        };
        config.settings_from = settings_from;
        config.validate(&from)?;
        Ok(config)
    }

    /// Sets the content directory (the CLI's `--content`). A site without settings of its own
    /// takes the title, description, permalink and URL of a Jekyll site root given here.
    pub fn set_content_dir(&mut self, dir: PathBuf) -> Result<(), ConfigError> {
        if self.settings_from == SettingsFrom::Defaults {
            if let Some((path, jekyll)) = JekyllConfig::read(&dir)? {
                let from = SiteConfig::from_raw(&self.root, RawConfig::from_jekyll(jekyll));
                (self.title, self.description, self.permalink, self.base_url) =
                    (from.title, from.description, from.permalink, from.base_url);
                self.validate(&path)?;
                self.settings_from = SettingsFrom::JekyllConfig(path);
            }
        }
        self.content_dir = dir;
        Ok(())
    }

    fn from_raw(root: &Path, raw: RawConfig) -> SiteConfig {
        let at_root =
            |p: Option<PathBuf>, default: &str| root.join(p.unwrap_or_else(|| default.into()));
        let theme = raw.theme.unwrap_or_else(|| "default".into());
        SiteConfig {
            root: root.to_path_buf(),
            title: raw
                .title
                .unwrap_or_else(|| "Last Week in Kubernetes Development".into()),
            description: raw.description.unwrap_or_else(|| {
                "Stay up-to-date on Kubernetes development in 15 minutes a week.".into()
            }),
            base_url: normalize_base_url(raw.base_url.as_deref().unwrap_or("/")),
            content_dir: at_root(raw.content_dir, "content"),
            output_dir: at_root(raw.output_dir, "public"),
            theme_dir: root.join("themes").join(theme),
            static_dir: at_root(raw.static_dir, "static"),
            permalink: raw.permalink.unwrap_or_else(|| DEFAULT_PERMALINK.into()),
            cname: raw.cname.filter(|c| !c.trim().is_empty()),
            feed_limit: raw.feed_limit.unwrap_or(10),
            drafts: raw.drafts.unwrap_or(false),
            credit: raw.credit,
            check_ignore: raw.check.ignore,
            settings_from: SettingsFrom::Defaults,
            lint: raw.lint,
            upstream: raw.upstream.resolve(root),
        }
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        if !self.permalink.starts_with('/') {
            return Err(invalid(format!(
                "permalink {:?} must start with '/', like {DEFAULT_PERMALINK:?}",
                self.permalink
            )));
        }
        if self.feed_limit == 0 {
            return Err(invalid("feed_limit must be at least 1".into()));
        }
        Ok(())
    }

    /// Overrides the base URL (the CLI's `--base-url`).
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = normalize_base_url(url);
    }

    /// The path part of the base URL, `/` or `/lwkd/`: what every internal link starts with.
    pub fn base_path(&self) -> &str {
        match self.base_url.find("://") {
            Some(scheme_end) => {
                let after_host = &self.base_url[scheme_end + 3..];
                match after_host.find('/') {
                    Some(i) => &after_host[i..],
                    None => "/",
                }
            }
            None => &self.base_url,
        }
    }

    /// The absolute URL of a site path such as `/2022/20220209.html`, for feeds and sitemaps.
    pub fn absolute_url(&self, site_path: &str) -> String {
        absolute_url(&self.base_url, site_path)
    }
}

/// The absolute URL of a site path under `base_url` (which ends with `/`).
pub fn absolute_url(base_url: &str, site_path: &str) -> String {
    format!("{base_url}{}", site_path.trim_start_matches('/'))
}

impl RawConfig {
    fn from_jekyll(jekyll: JekyllConfig) -> RawConfig {
        let base_url = jekyll.base_url();
        RawConfig {
            title: jekyll.title,
            description: jekyll.description,
            permalink: jekyll.permalink,
            base_url,
            ..RawConfig::default()
        }
    }
}

fn parse(path: &Path, text: &str) -> Result<RawConfig, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        line: e
            .span()
            .map_or(1, |span| line_of(text.as_bytes(), span.start)),
        message: e.message().trim().to_string(),
    })
}

/// The text of a settings file; `None` when there is none. Bytes that are not UTF-8 are an
/// error at their line, not a guess.
fn read_text(path: &Path) -> Result<Option<String>, ConfigError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            line: line_of(e.as_bytes(), e.utf8_error().valid_up_to()),
            message: "this line is not UTF-8 text (save the file as UTF-8)".into(),
        })
}

/// 1-based line number of a byte offset (counted in bytes: a span is no promise of a
/// character boundary).
fn line_of(text: &[u8], offset: usize) -> usize {
    text[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads `text` as the site.toml of a scratch folder, removed when the load is done (a
    /// `SiteConfig` holds paths, not handles, so nothing reads the folder afterwards).
    fn config(text: &str) -> Result<SiteConfig, ConfigError> {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join(CONFIG_FILE), text).unwrap();
        SiteConfig::load(root.path())
    }

    #[test]
    fn defaults_follow_lwkd_info() {
        let c = config("title = \"T\"\n").unwrap();
        assert_eq!(c.permalink, "/:year/:year:month:day");
        assert_eq!(c.base_path(), "/");
        assert_eq!(c.feed_limit, 10);
        assert!(c.content_dir.ends_with("content"));
    }

    #[test]
    fn base_path_of_a_project_page() {
        let c = config("base_url = \"https://example.github.io/lwkd\"\n").unwrap();
        assert_eq!(c.base_url, "https://example.github.io/lwkd/");
        assert_eq!(c.base_path(), "/lwkd/");
        assert_eq!(
            c.absolute_url("/feed.xml"),
            "https://example.github.io/lwkd/feed.xml"
        );
    }

    #[test]
    fn broken_toml_names_its_line() {
        let err = config("title = \"ok\"\n\nfeed_limit = = 3\n").unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, ConfigError::Parse { line: 3, .. }), "{text}");
        assert!(text.contains("site.toml:3:"), "{text}");
    }

    #[test]
    fn upstream_from_one_folder_or_each_checkout() {
        let c =
            config("[upstream]\ndir = \"../up\"\ncommunity = \"/elsewhere/community\"\n").unwrap();
        assert_eq!(
            c.upstream.enhancements,
            Some(c.root.join("../up/enhancements"))
        );
        assert_eq!(
            c.upstream.sig_release,
            Some(c.root.join("../up/sig-release"))
        );
        assert_eq!(
            c.upstream.community,
            Some(PathBuf::from("/elsewhere/community"))
        );
        assert!(!config("title = \"T\"\n").unwrap().upstream.is_set());
        let err = config("[upstream]\nenhancement = \"x\"\n").unwrap_err();
        assert!(matches!(err, ConfigError::Parse { line: 2, .. }), "{err}");
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let err = config("title = \"ok\"\ntheem = \"x\"\n").unwrap_err();
        assert!(matches!(err, ConfigError::Parse { line: 2, .. }), "{err}");
        assert!(err.to_string().contains("theem"), "{err}");
    }

    const JEKYLL: &str = "theme: jekyll-theme-minimal\ntitle: Jekyll Title\ndescription: D\nurl: https://x.github.io\nbaseurl: /lwkd\npermalink: /:year/:slug\nplugins:\n  - jekyll-feed\n";

    #[test]
    fn a_jekyll_root_without_site_toml_is_its_own_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join(JEKYLL_CONFIG_FILE), JEKYLL).unwrap();
        let c = SiteConfig::load(&root).unwrap();
        assert_eq!(
            (c.title.as_str(), c.base_url.as_str(), c.permalink.as_str()),
            ("Jekyll Title", "https://x.github.io/lwkd/", "/:year/:slug")
        );
        assert_eq!(
            (c.content_dir.clone(), c.output_dir.clone()),
            (root.clone(), root.join("_site"))
        );
        assert!(
            c.theme_dir.ends_with("themes/default"),
            "Jekyll's theme key is not lwkd's"
        );
        std::fs::write(root.join(CONFIG_FILE), "title = \"Mine\"\n").unwrap();
        let c = SiteConfig::load(&root).unwrap();
        assert_eq!(
            (c.title.as_str(), c.base_url.as_str()),
            ("Mine", "/"),
            "site.toml wins, whole"
        );
    }

    #[test]
    fn content_given_on_the_command_line_brings_its_jekyll_settings() {
        let (root_dir, content_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (root, content) = (
            root_dir.path().to_path_buf(),
            content_dir.path().to_path_buf(),
        );
        std::fs::write(content.join(JEKYLL_CONFIG_FILE), JEKYLL).unwrap();
        let mut c = SiteConfig::load(&root).unwrap();
        c.set_content_dir(content.clone()).unwrap();
        assert_eq!(
            (c.title.as_str(), c.base_url.as_str(), c.content_dir.clone()),
            ("Jekyll Title", "https://x.github.io/lwkd/", content.clone())
        );
        assert!(
            c.output_dir.starts_with(&root),
            "the output stays in the working folder"
        );
        std::fs::write(root.join(CONFIG_FILE), "title = \"Mine\"\n").unwrap();
        let mut c = SiteConfig::load(&root).unwrap();
        c.set_content_dir(content).unwrap();
        assert_eq!(
            c.title, "Mine",
            "a site.toml is never overridden by the content's _config.yml"
        );
    }

    #[test]
    fn a_broken_config_yml_names_its_line() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        std::fs::write(
            root.join(JEKYLL_CONFIG_FILE),
            "title: ok\ndescription: [unclosed\n",
        )
        .unwrap();
        let err = SiteConfig::load(root).unwrap_err();
        assert!(err.to_string().contains("_config.yml:"), "{err}");
    }

    #[test]
    fn a_missing_theme_folder_names_the_root_flag() {
        let err = config("theme = \"mine\"\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("themes/mine") && text.contains("--root"),
            "{text}"
        );
        config("theme = \"default\"\n").expect("the default theme is built in");
    }
}
