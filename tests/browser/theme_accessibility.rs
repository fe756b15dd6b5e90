//! Issue 8: an accessibility smoke test of every kind of page of the built real archive in
//! headless Chromium: landmarks, one `<main>` and one `<h1>`, headings that do not skip a
//! level, images with `alt`, text that meets WCAG AA contrast in light and dark mode, and a
//! skip link that moves focus to the content. The archive is built with the upstream data,
//! as the publishing workflow builds it, so the pages carry everything they can show (a
//! cycle's "What's in", the official schedule, KEP facts).

use crate::common::browser::evaluate_json;
use crate::common::*;
use serde_json::json;

/// One page of each kind, plus editions whose Markdown has an `# h1` (2021-10-24) and an
/// `####` right under an `##` (2024-09-15).
const PAGES: &[&str] = &[
    "/index.html",
    "/2022/index.html",
    "/2022/20220209.html",
    "/2021/20211025.html",
    "/2024/20240918.html",
    "/keps/index.html",
    "/keps/3136/index.html",
    "/sigs/index.html",
    "/sigs/sig-node/index.html",
    "/releases/index.html",
    "/releases/1.24/index.html",
    "/deadlines/index.html",
    "/search/index.html",
    "/404.html",
];

/// What the page's structure looks like, gathered in the page.
const AUDIT: &str = r#"(() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  const skips = [];
  levels.forEach((l, i) => { const before = i ? levels[i - 1] : 0; if (l > before + 1) skips.push(`h${before} then h${l}`); });
  return {
    main: document.querySelectorAll('main').length,
    h1: document.querySelectorAll('h1').length,
    first_heading: levels[0] || 0,
    skips,
    banner: document.querySelectorAll('body > header').length,
    contentinfo: document.querySelectorAll('body > footer').length,
    nav_labelled: [...document.querySelectorAll('nav')].every(n => n.hasAttribute('aria-label')),
    img_without_alt: [...document.querySelectorAll('img:not([alt])')].map(i => i.getAttribute('src')),
    links_without_text: [...document.querySelectorAll('a[href]')].filter(a => !(a.textContent.trim() || a.getAttribute('aria-label') || a.querySelector('img[alt]:not([alt=""])'))).map(a => a.getAttribute('href')),
    lang: document.documentElement.lang,
  };
})()"#;

#[test]
fn every_kind_of_page_has_landmarks_one_h1_and_ordered_headings() {
    let (_server, base) = serve_dir(&built_with_upstream().out);
    let tab = browser::new_tab();
    let mut problems = Vec::new();
    for page in PAGES {
        browser::open(&tab, &format!("{base}{page}"));
        let report = evaluate_json(&tab, AUDIT);
        let expected = json!({
            "main": 1, "h1": 1, "first_heading": 1, "skips": [], "banner": 1, "contentinfo": 1,
            "nav_labelled": true, "img_without_alt": [], "links_without_text": [], "lang": "en",
        });
        if report != expected {
            problems.push(format!("{page}: {report}"));
        }
    }
    assert!(
        problems.is_empty(),
        "pages that fail the audit:\n{}",
        problems.join("\n")
    );
}

/// Text whose colour against its background is under WCAG AA (4.5:1, 3:1 for large text).
/// Backgrounds are the first opaque one up the tree, which is what this theme paints.
const LOW_CONTRAST: &str = r#"(() => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).map(parseFloat); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c; } return { r: 255, g: 255, b: 255 }; };
  const low = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const s = getComputedStyle(el), size = parseFloat(s.fontSize);
    const [hi, lo] = [lum(parse(s.color)), lum(background(el))].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const large = size >= 24 || (size >= 18.66 && +s.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) low.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}`);
  }
  return low.slice(0, 8);
})()"#;

#[test]
fn text_meets_aa_contrast_in_light_and_dark_mode() {
    let (_server, base) = serve_dir(&built_with_upstream().out);
    // Each scheme in a tab of its own, side by side.
    let problems: Vec<String> = std::thread::scope(|scope| {
        let schemes = ["light", "dark"].map(|scheme| {
            let base = &base;
            scope.spawn(move || {
                let tab = browser::new_tab();
                browser::prefer_color_scheme(&tab, scheme).unwrap();
                let mut problems = Vec::new();
                for page in PAGES {
                    browser::open(&tab, &format!("{base}{page}"));
                    let background =
                        evaluate_json(&tab, "getComputedStyle(document.body).backgroundColor");
                    let low = evaluate_json(&tab, LOW_CONTRAST);
                    if low != json!([]) {
                        problems.push(format!("{page} ({scheme}, body {background}): {low}"));
                    }
                }
                problems
            })
        });
        schemes
            .into_iter()
            .flat_map(|scheme| scheme.join().unwrap())
            .collect()
    });
    assert!(
        problems.is_empty(),
        "text under AA contrast:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_skip_link_is_the_first_stop_and_moves_focus_to_main() {
    let (_server, base) = serve_dir(&built_with_upstream().out);
    let tab = browser::new_tab();
    browser::open(&tab, &format!("{base}/2022/20220209.html"));
    let hidden = tab
        .evaluate(
            "document.querySelector('.skip-link').getBoundingClientRect().bottom <= 0",
            false,
        )
        .unwrap();
    assert_eq!(
        hidden.value,
        Some(json!(true)),
        "the skip link stays out of sight until focused"
    );
    tab.press_key("Tab").unwrap();
    let focused = evaluate_json(
        &tab,
        "(() => { const a = document.activeElement; const r = a.getBoundingClientRect(); return [a.textContent, a.getAttribute('href'), r.top >= 0 && r.bottom > 0]; })()",
    );
    assert_eq!(
        focused,
        json!(["Skip to content", "#main", true]),
        "the first Tab shows the skip link"
    );
    tab.press_key("Enter").unwrap();
    assert!(
        browser::wait_until(std::time::Duration::from_secs(5), || {
            tab.evaluate(
                "location.hash === '#main' && document.activeElement.id === 'main'",
                false,
            )
            .unwrap()
            .value
                == Some(json!(true))
        }),
        "Enter on the skip link moves focus into <main>"
    );
}
