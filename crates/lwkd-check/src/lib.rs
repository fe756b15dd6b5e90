//! `lwkd-check` checks a built site as GitHub Pages will serve it: every internal `href`,
//! `src`, `srcset` and form `action` must reach a file under GitHub Pages' rules
//! (extensionless URLs, a folder's `index.html`; links under the base URL's path map to the
//! output root), and every `#anchor` an id on the page it points to. It also warns of
//! announced deadlines whose date is not the official schedule's ([`deadline_warnings`]). A broken link is told
//! as `page: link`, with the Markdown file and line it was written on when the page is an
//! edition (edition pages name their source in `<meta name="lwkd-source">`). With
//! [`ExternalOptions`], links to other sites are fetched too.
//!
//! It reads only the output folder (and the Markdown, for lines): it does not depend on the
//! renderer, so it checks what was really written, whoever wrote it.

mod deadlines;
mod external;
mod github_pages;
mod page;
mod source;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use deadlines::{deadline_warnings, DeadlineWarning, DeadlinesError};
pub use external::ExternalOptions;

/// Whether this build can fetch external links (the `external` feature: ureq and rustls).
pub const EXTERNAL_LINKS: bool = cfg!(feature = "external");

/// Why external links cannot be checked by a build without the `external` feature.
pub const NO_EXTERNAL_LINKS: &str = "this lwkd was built without external link checking (cargo feature `external-links` of lwkd-cli, on by default); reinstall without --no-default-features";
pub use github_pages::{BaseUrlError, Link, Served};
pub use page::{Page, SOURCE_META};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The built site.
    pub out_dir: PathBuf,
    /// Where it is published, `https://user.github.io/lwkd/` or `/`.
    pub base_url: String,
    /// Where edition pages' `lwkd-source` paths are found; without it, no line numbers.
    pub content_dir: Option<PathBuf>,
    /// Links not to report: exact, or a prefix when ending in `*`. Matched against the link
    /// as written and, for links of this site, against its path from the site root
    /// (`/2018/20180205#x`), so one list serves every base URL.
    pub ignore: Vec<String>,
    /// Also fetch links to other sites.
    pub external: Option<ExternalOptions>,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub links: usize,
    /// External URLs fetched (those answered from the cache are not counted).
    pub external_fetched: usize,
    pub ignored: usize,
    /// Sorted by page, then in page order.
    pub broken: Vec<BrokenLink>,
}

/// One link that does not land.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, below the output root (`2019/20190310.html`).
    pub page: String,
    /// As written in the page.
    pub link: String,
    pub problem: String,
    /// The Markdown file and line it comes from, when known.
    pub source: Option<(PathBuf, usize)>,
}

impl fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({}", self.page, self.link, self.problem)?;
        if let Some((file, line)) = &self.source {
            write!(f, "; {}:{line}", file.display())?;
        }
        write!(f, ")")
    }
}

/// A fatal problem: no site to check, or a page that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{}: no built site here; run `lwkd build` first or pass --out DIR", .0.display())]
    NoSite(PathBuf),
    #[error(transparent)]
    BaseUrl(#[from] BaseUrlError),
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot read as HTML: {source}", path.display())]
    Html {
        path: PathBuf,
        source: lol_html::errors::RewritingError,
    },
}

/// Checks the site in `options.out_dir`.
pub fn check(options: &CheckOptions) -> Result<Report, CheckError> {
    let out = &options.out_dir;
    if !out.join("index.html").is_file() && !out.is_dir() {
        return Err(CheckError::NoSite(out.clone()));
    }
    let served = Served::new(out, &options.base_url)?;
    let pages = scan_pages(out)?;
    let mut report = Report {
        pages: pages.len(),
        ..Report::default()
    };
    let mut external: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();

    for (path, page) in &pages {
        for link in &page.links {
            report.links += 1;
            let read = served.read(path, link);
            if ignored(&options.ignore, link, &read) {
                report.ignored += 1;
                continue;
            }
            let problem = match read {
                Link::NotChecked => None,
                Link::External(url) => {
                    external
                        .entry(url)
                        .or_default()
                        .push((path.clone(), link.clone()));
                    None
                }
                Link::OutsideBase(target) => Some(format!(
                    "{target} is outside the base path {}",
                    served.base_path()
                )),
                Link::Internal {
                    path: target,
                    fragment,
                } => internal_problem(&served, &pages, &target, fragment.as_deref()),
            };
            if let Some(problem) = problem {
                report.broken.push(BrokenLink {
                    page: path.clone(),
                    link: link.clone(),
                    problem,
                    source: None,
                });
            }
        }
    }
    if let Some(options) = &options.external {
        let urls: Vec<String> = external.keys().cloned().collect();
        let (broken, fetched) = external::check(&urls, options);
        report.external_fetched = fetched;
        for (url, problem) in broken {
            for (page, link) in &external[&url] {
                report.broken.push(BrokenLink {
                    page: page.clone(),
                    link: link.clone(),
                    problem: problem.clone(),
                    source: None,
                });
            }
        }
    }
    report.broken.sort_by(|a, b| a.page.cmp(&b.page));
    if let Some(content) = &options.content_dir {
        source::locate(&mut report.broken, &pages, content, served.base_path());
    }
    Ok(report)
}

/// Why an internal link does not land, or `None` when it does.
fn internal_problem(
    served: &Served,
    pages: &BTreeMap<String, Page>,
    target: &str,
    fragment: Option<&str>,
) -> Option<String> {
    let Some(file) = served.file_for(target) else {
        return Some("no such page or file".into());
    };
    // `#top` is the top of any page, id or not; a fragment of an image is not checked.
    let fragment = fragment.filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top"))?;
    let page = pages.get(&file)?;
    if page.anchors.contains(fragment) {
        None
    } else {
        Some(format!("no id {fragment:?} on {file}"))
    }
}

fn ignored(patterns: &[String], link: &str, read: &Link) -> bool {
    let site_path = match read {
        Link::Internal { path, fragment } => Some(match fragment {
            Some(f) => format!("/{path}#{f}"),
            None => format!("/{path}"),
        }),
        _ => None,
    };
    patterns.iter().any(|pattern| {
        let matches = |candidate: &str| match pattern.strip_suffix('*') {
            Some(prefix) => candidate.starts_with(prefix),
            None => candidate == pattern,
        };
        matches(link) || site_path.as_deref().is_some_and(matches)
    })
}

/// Every HTML page below `out`, scanned in parallel, keyed by its path below `out`.
fn scan_pages(out: &Path) -> Result<BTreeMap<String, Page>, CheckError> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "html" || x == "htm")
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    files
        .par_iter()
        .map(|file| {
            let rel = file
                .strip_prefix(out)
                .expect("walked below out")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(file).map_err(|source| CheckError::Read {
                path: file.clone(),
                source,
            })?;
            let page = Page::scan(&bytes).map_err(|source| CheckError::Html {
                path: file.clone(),
                source,
            })?;
            Ok((rel, page))
        })
        .collect::<Result<Vec<_>, CheckError>>()
        .map(|pages| pages.into_iter().collect())
}
