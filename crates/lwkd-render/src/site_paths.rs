//! Links that editions write as site paths (`/2018/20180205`, `/2018/images/x.png`) point at
//! the site's root; on a project page (`https://user.github.io/lwkd/`) or in a feed they
//! need the base URL in front. This is the one place that rewrites them, on the rendered
//! HTML, so Markdown links and raw `<a>`/`<img>` tags in editions are both covered.

use std::sync::LazyLock;

use lol_html::{element, rewrite_str, RewriteStrSettings};
use regex::Regex;

use crate::error::{BuildError, TemplateError};

/// Puts `prefix` (`/lwkd` for pages, `https://lwkd.info` for feeds; no trailing `/`) in
/// front of every `href` and `src` in `html` that is a site path: it starts with one `/`
/// (`//host/...` is another site). Other links are left as they are.
pub fn prefix_site_paths(html: &str, prefix: &str) -> Result<String, BuildError> {
    // Most editions link no site path; finding that out is far cheaper than parsing them.
    if prefix.is_empty() || !may_link_a_site_path(html) {
        return Ok(html.to_string());
    }
    let handler = element!("[href], [src]", |el| {
        for attribute in ["href", "src"] {
            if let Some(value) = el.get_attribute(attribute).filter(|v| is_site_path(v)) {
                el.set_attribute(attribute, &format!("{prefix}{value}"))?;
            }
        }
        Ok(())
    });
    let settings = RewriteStrSettings::new().append_element_content_handler(handler);
    rewrite_str(html, settings).map_err(|source| {
        TemplateError::BasePath {
            prefix: prefix.to_string(),
            source,
        }
        .into()
    })
}

/// Whether `html` has an `href` or `src` whose value may start with `/`: false only when
/// none does, however the attribute is written (any case, quoted or not).
fn may_link_a_site_path(html: &str) -> bool {
    static ATTRIBUTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)(?:href|src)\s*=\s*["']?/"#).expect("a valid pattern"));
    ATTRIBUTE.is_match(html)
}

fn is_site_path(link: &str) -> bool {
    link.starts_with('/') && !link.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_get_the_prefix_and_nothing_else_does() {
        let html = r##"<p><a href="/2018/20180205">a</a> <img src="/2018/images/ui_usage.png" alt="x"> <a href="https://k8s.io/x">b</a> <a href="//cdn.example/x">c</a> <a href="metric_name">d</a> <a href="#top">e</a> <a href="/feed.xml?a=1&amp;b=2">f</a></p>"##;
        let out = prefix_site_paths(html, "/lwkd").unwrap();
        assert!(out.contains(r#"href="/lwkd/2018/20180205""#), "{out}");
        assert!(
            out.contains(r#"src="/lwkd/2018/images/ui_usage.png""#),
            "{out}"
        );
        assert!(out.contains(r#"href="https://k8s.io/x""#));
        assert!(out.contains(r#"href="//cdn.example/x""#));
        assert!(out.contains(r#"href="metric_name""#));
        assert!(out.contains(r##"href="#top""##));
        assert!(
            out.contains(r#"href="/lwkd/feed.xml?a=1&amp;b=2""#),
            "entities kept as written: {out}"
        );
    }

    #[test]
    fn site_paths_are_found_however_the_attribute_is_written() {
        let html = "<IMG SRC = '/a.png'><a href=/b>b</a><a\nhref\n=\n\"/c\">c</a>";
        let out = prefix_site_paths(html, "/lwkd").unwrap();
        for link in ["/lwkd/a.png", "/lwkd/b", "/lwkd/c"] {
            assert!(out.contains(link), "{link} in {out}");
        }
        let none = r#"<a href="https://k8s.io/x">b</a> <img src="x.png"> <p>a / b</p>"#;
        assert!(!may_link_a_site_path(none));
        assert_eq!(prefix_site_paths(none, "/lwkd").unwrap(), none);
    }

    #[test]
    fn an_empty_prefix_changes_nothing() {
        let html = r#"<a href="/2018/20180205">a</a>"#;
        assert_eq!(prefix_site_paths(html, "").unwrap(), html);
    }
}
