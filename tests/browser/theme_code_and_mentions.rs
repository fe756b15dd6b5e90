//! Issue 20, in headless Chromium on the built real archive: highlighted code is coloured by
//! the theme (light and dark), and the KEP/SIG links lwkd adds look unlike the editors' links.

use crate::common::browser::evaluate_json;
use crate::common::*;
use serde_json::json;

/// The first edition page of the built archive with both highlighted code and mention links.
fn page_with_code_and_mentions(out: &std::path::Path) -> String {
    let mut pages: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            e.file_type().is_file() && name.starts_with("20") && name.ends_with(".html")
        })
        .map(|e| e.into_path())
        .collect();
    pages.sort();
    let page = pages
        .into_iter()
        .find(|p| {
            let html = read(p);
            html.contains("<pre class=\"highlight\">") && html.contains("class=\"mention mention-")
        })
        .expect("an edition with highlighted code and mention links");
    format!("/{}", page.strip_prefix(out).unwrap().display())
}

/// Computed styles of the page's first code keyword/string, its `<pre>`, its first mention
/// link and its first link written by the editors, inside the edition's text.
const STYLES: &str = r#"(() => {
  const style = (el) => { if (!el) return null; const s = getComputedStyle(el); return { color: s.color, decoration: s.textDecorationStyle }; };
  const pre = document.querySelector('.prose pre.highlight');
  return {
    pre: style(pre),
    coloured: [...pre.querySelectorAll('span[class*="hl-"]')].filter(s => getComputedStyle(s).color !== getComputedStyle(pre).color).length,
    mention: style(document.querySelector('.prose a.mention')),
    editors: style(document.querySelector('.prose a:not(.mention)')),
  };
})()"#;

#[test]
fn code_is_coloured_and_mentions_stand_apart_in_light_and_dark() {
    let out = built_archive();
    let page = page_with_code_and_mentions(out);
    let (_server, base) = serve_dir(out);
    let tab = browser::new_tab();
    for scheme in ["light", "dark"] {
        browser::prefer_color_scheme(&tab, scheme).unwrap();
        browser::open(&tab, &format!("{base}{page}"));
        let styles = evaluate_json(&tab, STYLES);
        assert!(
            styles["coloured"].as_u64().unwrap_or(0) > 0,
            "{page} ({scheme}): no highlighted span has a colour of its own: {styles}"
        );
        let (mention, editors) = (&styles["mention"], &styles["editors"]);
        assert_eq!(
            mention["decoration"],
            json!("dotted"),
            "{page} ({scheme}): {styles}"
        );
        assert_eq!(
            editors["decoration"],
            json!("solid"),
            "{page} ({scheme}): {styles}"
        );
        assert_ne!(
            mention["color"], editors["color"],
            "{page} ({scheme}): {styles}"
        );
    }
}
