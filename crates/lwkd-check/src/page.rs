//! Reading one built page: the links it makes, the ids it offers as `#anchor` targets, and
//! the Markdown it was rendered from.

use std::cell::RefCell;
use std::collections::HashSet;

use lol_html::errors::RewritingError;
use lol_html::{element, HtmlRewriter, Settings};

/// The `<meta>` an lwkd edition page carries: its Markdown file, relative to the content
/// directory, so a broken link can be traced to the line it was written on.
pub const SOURCE_META: &str = "lwkd-source";

/// What a page links to and what it can be linked to.
#[derive(Debug, Default, Clone)]
pub struct Page {
    /// `href`, `src`, `srcset` and `action` values, entities decoded, in page order.
    pub links: Vec<String>,
    /// Element ids and `<a name>`s: the fragments that land somewhere on this page, as a
    /// set: each `#` link is looked up once (a page may have 100,000 of each).
    pub anchors: HashSet<String>,
    pub source: Option<String>,
}

impl Page {
    /// Scans `html` with lol_html's streaming tokenizer: no DOM is built, so checking a
    /// large site stays fast and small.
    pub fn scan(html: &[u8]) -> Result<Page, RewritingError> {
        let page = RefCell::new(Page::default());
        let link_attributes = ["href", "src", "action"];
        let mut rewriter = HtmlRewriter::new(
            Settings::new()
                .append_element_content_handler(element!(
                    "[href], [src], [action], [srcset]",
                    |el| {
                        let mut page = page.borrow_mut();
                        if el.tag_name() == "base" {
                            return Ok(());
                        }
                        for attribute in link_attributes {
                            if let Some(value) = el.get_attribute(attribute) {
                                page.links.push(decode(&value));
                            }
                        }
                        if let Some(srcset) = el.get_attribute("srcset") {
                            // `a.png 1x, b.png 2x`: each candidate's URL is its first word.
                            let srcset = decode(&srcset);
                            page.links.extend(
                                srcset
                                    .split(',')
                                    .filter_map(|c| c.split_whitespace().next())
                                    .map(str::to_string),
                            );
                        }
                        Ok(())
                    }
                ))
                .append_element_content_handler(element!("[id], a[name]", |el| {
                    let mut page = page.borrow_mut();
                    page.anchors
                        .extend(el.get_attribute("id").map(|v| decode(&v)));
                    if el.tag_name() == "a" {
                        page.anchors
                            .extend(el.get_attribute("name").map(|v| decode(&v)));
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("meta[name]", |el| {
                    if el.get_attribute("name").as_deref() == Some(SOURCE_META) {
                        page.borrow_mut().source = el.get_attribute("content").map(|v| decode(&v));
                    }
                    Ok(())
                })),
            |_: &[u8]| {},
        );
        rewriter.write(html)?;
        rewriter.end()?;
        Ok(page.into_inner())
    }
}

/// lol_html gives attribute values as written; `&amp;` in an href is `&` to a browser.
fn decode(value: &str) -> String {
    html_escape::decode_html_entities(value).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_anchors_and_source() {
        let html = br##"<html><head><meta name="lwkd-source" content="_posts/2018-01-14-update.md">
<link rel="stylesheet" href="/style.css"></head><body>
<h2 id="other-merges">x</h2><a name="old"></a>
<a href="/feed.xml?a=1&amp;b=2">f</a><img src="i.png" srcset="s.png 1x, t.png 2x">
<form action="/search/"></form><base href="/ignored/">
<pre><code>&lt;a href="/not-a-link"&gt;</code></pre></body></html>"##;
        let page = Page::scan(html).unwrap();
        assert_eq!(
            page.links,
            [
                "/style.css",
                "/feed.xml?a=1&b=2",
                "i.png",
                "s.png",
                "t.png",
                "/search/"
            ]
        );
        assert_eq!(
            page.anchors,
            HashSet::from(["other-merges".to_string(), "old".to_string()])
        );
        assert_eq!(page.source.as_deref(), Some("_posts/2018-01-14-update.md"));
    }
}
