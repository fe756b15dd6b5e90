//! Where pages are in the site: the site path of each KEP, SIG and release-cycle page,
//! for the pages themselves and for every link to them (chips, in-text links, lists), and
//! the canonical URL a page's file is linked at.

use lwkd_taxonomy::{KepRef, ReleaseCycle, SigSlug};

pub fn kep_path(kep: KepRef) -> String {
    format!("/keps/{}/index.html", kep.0)
}

pub fn sig_path(sig: &SigSlug) -> String {
    format!("/sigs/{sig}/index.html")
}

pub fn release_path(cycle: ReleaseCycle) -> String {
    format!("/releases/{cycle}/index.html")
}

/// The URL GitHub Pages serves a page's file at, and the one every link, the sitemap, the
/// feeds and `<link rel="canonical">` use (as lwkd.info's Jekyll does): `/2022/20220209` for
/// `/2022/20220209.html`, `/keps/3136/` for `/keps/3136/index.html`, `/` for
/// `/index.html`. A `?query` or `#fragment` stays; other files are their own URL.
pub fn canonical_url(path: &str) -> String {
    let (file, rest) = path.split_at(path.find(['?', '#']).unwrap_or(path.len()));
    let file = match file.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir,
        _ => file.strip_suffix(".html").unwrap_or(file),
    };
    format!("{file}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_urls_drop_html_and_index() {
        for (path, url) in [
            ("/2022/20220209.html", "/2022/20220209"),
            (
                "/2022/20220209.html#enhancements",
                "/2022/20220209#enhancements",
            ),
            ("/keps/3136/index.html", "/keps/3136/"),
            ("/index.html", "/"),
            ("/search/index.html?q=kubelet", "/search/?q=kubelet"),
            ("/2022/index.html", "/2022/"),
            ("/feed.xml", "/feed.xml"),
            ("/2018/images/ui_usage.png", "/2018/images/ui_usage.png"),
            ("/2018/20180205", "/2018/20180205"),
            ("/notindex.html", "/notindex"),
            ("/a.html/b.png", "/a.html/b.png"),
            (
                "https://lwkd.info/2022/20220209.html",
                "https://lwkd.info/2022/20220209",
            ),
        ] {
            assert_eq!(canonical_url(path), url, "{path}");
        }
    }
}
