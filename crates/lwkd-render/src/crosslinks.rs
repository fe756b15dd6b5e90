//! Links from an edition's text to the taxonomy's pages: `KEP-3136` to `/keps/3136/`,
//! `SIG Node` to `/sigs/sig-node/`. Done on the rendered HTML, so the Markdown stays as
//! written; text already inside a link, code or a preformatted block is left alone. A KEP
//! named inside a heading's link (`[enhancements#3137: KEP-3136: ...](pull)`) gets its own
//! link after it, before the heading closes: HTML allows no link inside a link.

use std::collections::BTreeSet;
use std::ops::Range;

use lwkd_taxonomy::{kep_spans, Facts, KepRef, SigSlug, Taxonomy};
use serde::Serialize;

use crate::paths::{canonical_url, kep_path, sig_path};

/// Elements whose text is never linked.
const SKIP: [&str; 5] = ["a", "code", "pre", "script", "style"];

/// What [`link_mentions`] links an edition's text to: the KEPs with pages it may name
/// (those of [`kep_numbers`] that have a page, for one edition), and the SIGs with pages.
pub struct LinkTargets<'a> {
    pub keps: BTreeSet<KepRef>,
    pub sigs: &'a SigTargets<'a>,
}

/// The SIGs that have pages, and the groups of `sigs.yaml`, whose names find SIGs in
/// prose: all [`link_mentions`] reads for SIGs, so that a page's key can hold it (as JSON).
#[derive(Serialize)]
pub struct SigTargets<'a> {
    sigs: BTreeSet<&'a SigSlug>,
    /// `sigs.yaml`'s groups (folder and name): what `finder` knows besides the program's
    /// own alias table.
    groups: Vec<(&'a str, &'a str)>,
    #[serde(skip)]
    finder: &'a Facts,
}

impl<'a> SigTargets<'a> {
    pub fn new(taxonomy: &'a Taxonomy) -> Self {
        let finder = taxonomy.facts();
        SigTargets {
            sigs: taxonomy.sigs.keys().collect(),
            groups: finder
                .upstream()
                .groups
                .iter()
                .map(|g| (g.dir.as_str(), g.name.as_str()))
                .collect(),
            finder,
        }
    }
}

/// Every KEP number an edition's Markdown writes (in its text, links and code, and in a
/// URL too): what [`link_mentions`] may link in its HTML, once the KEP has a page. The
/// HTML's text is the Markdown's as written, so this holds every number it names, read
/// without rendering the page a second time for its key; the one kind it misses, a number
/// written with an escape or entity (`KEP\-3136`), is left unlinked.
pub fn kep_numbers(markdown: &str) -> BTreeSet<KepRef> {
    kep_spans(markdown).into_iter().map(|(_, k)| k).collect()
}

/// `html` cut into runs of text, each with the tag after it (empty after the last).
fn text_and_tags(html: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = html;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let text_end = rest.find('<').unwrap_or(rest.len());
        let tag_end = rest[text_end..]
            .find('>')
            .map_or(rest.len(), |i| text_end + i + 1);
        let (text, tag) = (&rest[..text_end], &rest[text_end..tag_end]);
        rest = &rest[tag_end..];
        Some((text, tag))
    })
}

/// `html` with every KEP and SIG of `links` linked to its page. `base` is the site's base
/// path (`/` or `/lwkd/`).
pub fn link_mentions(html: &str, links: &LinkTargets<'_>, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let targets = |text: &str| -> Vec<(Range<usize>, &'static str, String)> {
        let keps = kep_spans(text)
            .into_iter()
            .filter(|(_, k)| links.keps.contains(k))
            .map(|(r, k)| (r, "kep", canonical_url(&kep_path(k))));
        let sigs = links
            .sigs
            .finder
            .sig_spans(text)
            .into_iter()
            .filter(|(_, s)| links.sigs.sigs.contains(s))
            .map(|(r, s)| (r, "sig", canonical_url(&sig_path(&s))));
        let mut all: Vec<_> = keps.chain(sigs).collect();
        all.sort_by_key(|(r, _, _)| r.start);
        all
    };
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut skip_depth = 0usize;
    // Inside a heading: the KEPs with pages its links name, to link after them.
    let mut heading: Option<Vec<KepRef>> = None;
    for (text, tag) in text_and_tags(html) {
        if let (Some(keps), true) = (heading.as_mut(), skip_depth > 0) {
            keps.extend(
                kep_spans(text)
                    .into_iter()
                    .map(|(_, k)| k)
                    .filter(|k| links.keps.contains(k) && !keps.contains(k))
                    .collect::<Vec<_>>(),
            );
        }
        if skip_depth == 0 {
            let mut done = 0;
            for (range, kind, path) in targets(text) {
                if range.start < done {
                    continue;
                }
                out.push_str(&text[done..range.start]);
                out.push_str(&format!(
                    "<a class=\"mention mention-{kind}\" href=\"{base}{path}\">{}</a>",
                    &text[range.clone()]
                ));
                done = range.end;
            }
            out.push_str(&text[done..]);
        } else {
            out.push_str(text);
        }
        if let Some((name, closing)) = tag_name(tag) {
            if is_heading(&name) {
                if closing {
                    for kep in heading.take().unwrap_or_default() {
                        out.push_str(&format!(
                            " <a class=\"mention mention-kep heading-kep\" href=\"{base}{}\">{kep} page</a>",
                            canonical_url(&kep_path(kep))
                        ));
                    }
                } else {
                    heading = Some(Vec::new());
                }
            }
            if SKIP.contains(&name.as_str()) && !tag.ends_with("/>") {
                if closing {
                    skip_depth = skip_depth.saturating_sub(1);
                } else {
                    skip_depth += 1;
                }
            }
        }
        out.push_str(tag);
    }
    out
}

/// `html` with its first "Next Deadline" (the release schedule's line, in any case) linked to
/// `href`, the page of the cycle the deadline belongs to; left as it is inside a link.
pub fn link_next_deadline(html: &str, href: &str) -> String {
    const WORDS: &str = "next deadline";
    let Some(at) = html.to_ascii_lowercase().find(WORDS) else {
        return html.to_string();
    };
    let (before, words, after) = (
        &html[..at],
        &html[at..at + WORDS.len()],
        &html[at + WORDS.len()..],
    );
    if before.matches("<a ").count() > before.matches("</a>").count() {
        return html.to_string();
    }
    format!("{before}<a class=\"mention mention-release\" href=\"{href}\">{words}</a>{after}")
}

/// `h1` to `h6`.
fn is_heading(name: &str) -> bool {
    matches!(name.as_bytes(), [b'h', b'1'..=b'6'])
}

/// The lowercase element name of a tag and whether it closes: `<a href=..>` is ("a", false).
fn tag_name(tag: &str) -> Option<(String, bool)> {
    let inner = tag.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (!name.is_empty()).then_some((name, closing))
}

#[cfg(test)]
mod tests {

    use lwkd_content::{Edition, EditionBody};

    use super::*;

    /// `html` linked to what `taxonomy` has pages for, as an edition page links it.
    fn linked(edition: &EditionBody, taxonomy: &Taxonomy, base: &str) -> String {
        let sigs = SigTargets::new(taxonomy);
        let links = LinkTargets {
            keps: kep_numbers(&edition.markdown)
                .into_iter()
                .filter(|k| taxonomy.keps.contains_key(k))
                .collect(),
            sigs: &sigs,
        };
        link_mentions(&edition.html(), &links, base)
    }

    /// An edition file of `markdown`, its Markdown and its index.
    fn taxonomy(markdown: &str) -> (EditionBody, Taxonomy) {
        let text = format!("---\ntitle: T\n---\n{markdown}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2022-02-06-update.md");
        std::fs::write(&path, &text).unwrap();
        let edition = Edition::parse(&path, &text, "/:year/:year:month:day")
            .edition
            .unwrap();
        let upstream = lwkd_upstream::Upstream::default();
        let taxonomy = Taxonomy::index(std::slice::from_ref(&edition), &upstream).unwrap();
        (edition.body_in(&text).unwrap(), taxonomy)
    }

    #[test]
    fn links_mentions_outside_links_and_code() {
        let (edition, t) = taxonomy(
            "## News\n\nSIG Node wants KEP-3136 reviewed; see [KEP-3136](https://x.io) and `KEP-3136` and sig-release-master-blocking.\n",
        );
        let html = linked(&edition, &t, "/lwkd/");
        assert!(html.contains(r#"<a class="mention mention-sig" href="/lwkd/sigs/sig-node/">SIG Node</a> wants <a class="mention mention-kep" href="/lwkd/keps/3136/">KEP-3136</a> reviewed"#), "{html}");
        assert!(
            html.contains(r#"<a href="https://x.io">KEP-3136</a>"#),
            "links stay as they are: {html}"
        );
        assert!(
            html.contains("<code>KEP-3136</code>"),
            "code stays as it is: {html}"
        );
        assert!(html.contains("sig-release-master-blocking."), "{html}");
        assert_eq!(html.matches("<a ").count(), 3, "{html}");
    }

    #[test]
    fn a_kep_in_a_linked_heading_is_linked_after_the_link() {
        let (edition, t) = taxonomy(
            "### [enhancements#3137: KEP-3136: beta apis off by default](https://github.com/kubernetes/enhancements/pull/3137)\n\n### KEP-3136 again\n\nText.\n",
        );
        let html = linked(&edition, &t, "/");
        assert!(
            html.contains(r#"beta apis off by default</a> <a class="mention mention-kep heading-kep" href="/keps/3136/">KEP-3136 page</a></h"#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<a class="mention mention-kep" href="/keps/3136/">KEP-3136</a> again</h"#
            ),
            "a heading's own text is linked in place: {html}"
        );
        assert_eq!(html.matches("<a ").count(), 3, "{html}");
        assert!(
            !html.contains("</a></a>")
                && html.matches("<a ").count() == html.matches("</a>").count(),
            "no link inside a link: {html}"
        );
    }

    #[test]
    fn the_next_deadline_line_links_its_cycle() {
        let html = "<p><strong>Next Deadline: Code Freeze, March 29th</strong></p>";
        assert_eq!(
            link_next_deadline(html, "/releases/1.24/index.html"),
            r#"<p><strong><a class="mention mention-release" href="/releases/1.24/index.html">Next Deadline</a>: Code Freeze, March 29th</strong></p>"#
        );
        let linked = r#"<p><a href="https://x.io">Next Deadline</a></p>"#;
        assert_eq!(
            link_next_deadline(linked, "/releases/1.24/index.html"),
            linked
        );
    }

    #[test]
    fn kep_numbers_are_read_from_text_links_code_and_urls() {
        let markdown = "KEP-3136, [KEP-753](/keps/2000/) and `KEP 4222`\n\n![x](KEP-1287.png)";
        let found: Vec<u32> = kep_numbers(markdown).into_iter().map(|k| k.0).collect();
        assert_eq!(found, [753, 1287, 3136, 4222]);
    }

    #[test]
    fn only_what_has_a_page_is_linked() {
        let (edition, _) = taxonomy("## News\n\nKEP-3136 and SIG Node.\n");
        let html = linked(&edition, &Taxonomy::default(), "/");
        assert_eq!(html, edition.html());
    }
}
