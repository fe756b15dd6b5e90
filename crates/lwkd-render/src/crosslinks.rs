//! Links from an edition's text to the taxonomy's pages: `KEP-3136` to `/keps/3136/`,
//! `SIG Node` to `/sigs/sig-node/`. Done on the rendered HTML, so the Markdown stays as
//! written; text already inside a link, code or a preformatted block is left alone.

use std::ops::Range;

use lwkd_taxonomy::{kep_spans, Taxonomy};

use crate::paths::{canonical_url, kep_path, sig_path};

/// Elements whose text is never linked.
const SKIP: [&str; 5] = ["a", "code", "pre", "script", "style"];

/// `html` with every KEP and SIG the taxonomy has a page for linked to that page.
/// `base` is the site's base path (`/` or `/lwkd/`).
pub fn link_mentions(html: &str, taxonomy: &Taxonomy, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let targets = |text: &str| -> Vec<(Range<usize>, &'static str, String)> {
        let keps = kep_spans(text)
            .into_iter()
            .filter(|(_, k)| taxonomy.keps.contains_key(k))
            .map(|(r, k)| (r, "kep", canonical_url(&kep_path(k))));
        let sigs = taxonomy
            .facts()
            .sig_spans(text)
            .into_iter()
            .filter(|(_, s)| taxonomy.sigs.contains_key(s))
            .map(|(r, s)| (r, "sig", canonical_url(&sig_path(&s))));
        let mut all: Vec<_> = keps.chain(sigs).collect();
        all.sort_by_key(|(r, _, _)| r.start);
        all
    };
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut skip_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..text_end];
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
        rest = &rest[text_end..];
        if rest.is_empty() {
            break;
        }
        let tag_end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..tag_end];
        if let Some((name, closing)) = tag_name(tag) {
            if SKIP.contains(&name.as_str()) && !tag.ends_with("/>") {
                if closing {
                    skip_depth = skip_depth.saturating_sub(1);
                } else {
                    skip_depth += 1;
                }
            }
        }
        out.push_str(tag);
        rest = &rest[tag_end..];
    }
    out
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
    use std::path::Path;

    use lwkd_content::Edition;

    use super::*;

    fn taxonomy(markdown: &str) -> (Edition, Taxonomy) {
        let text = format!("---\ntitle: T\n---\n{markdown}");
        let edition = Edition::parse(
            Path::new("2022-02-06-update.md"),
            &text,
            "/:year/:year:month:day",
        )
        .edition
        .unwrap();
        let taxonomy = Taxonomy::index(
            std::slice::from_ref(&edition),
            &lwkd_upstream::Upstream::default(),
        );
        (edition, taxonomy)
    }

    #[test]
    fn links_mentions_outside_links_and_code() {
        let (edition, t) = taxonomy(
            "## News\n\nSIG Node wants KEP-3136 reviewed; see [KEP-3136](https://x.io) and `KEP-3136` and sig-release-master-blocking.\n",
        );
        let html = link_mentions(&edition.html, &t, "/lwkd/");
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
    fn only_what_has_a_page_is_linked() {
        let (edition, _) = taxonomy("## News\n\nKEP-3136 and SIG Node.\n");
        let html = link_mentions(&edition.html, &Taxonomy::default(), "/");
        assert_eq!(html, edition.html);
    }
}
