//! Fenced code with a language in the real archive is highlighted with classes the theme's
//! stylesheet colours, and every highlight rule of the stylesheet colours something there.

use std::path::Path;

use lwkd_content::{read_edition, LoadOptions};

/// The `hl-*` classes the stylesheet gives a rule of its own.
fn styled_classes() -> Vec<String> {
    let css = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/style.css");
    let css = std::fs::read_to_string(css).unwrap();
    let mut classes: Vec<String> = css
        .split(".hl-")
        .skip(1)
        .map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            format!("hl-{name}")
        })
        .collect();
    classes.sort();
    classes.dedup();
    classes
}

#[test]
fn the_archives_fenced_code_is_highlighted_with_styled_classes() {
    let options = LoadOptions {
        permalink: "/:year/:year:month:day".into(),
        drafts: true,
    };
    let (mut fences, mut highlighted) = (0, 0);
    let mut classes_used = String::new();
    for entry in std::fs::read_dir(lwkd_testdata::archive().join("_posts")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // A fence naming its language: ```yaml, ```go, ...
        fences += text
            .lines()
            .filter(|l| {
                l.trim_start()
                    .strip_prefix("```")
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
            })
            .count();
        let html = read_edition(&path, &options)
            .edition
            .unwrap()
            .html()
            .to_string();
        for block in html.split("<pre class=\"highlight\">").skip(1) {
            highlighted += 1;
            let block = &block[..block.find("</pre>").unwrap()];
            assert!(
                !block.contains("style="),
                "{}: colours are classes: {block}",
                path.display()
            );
            assert!(
                block.contains("<span class=\"hl-"),
                "{}: {block}",
                path.display()
            );
            classes_used.push_str(block);
        }
    }
    println!("fenced blocks with a language: {fences}, highlighted: {highlighted}");
    assert!(
        fences >= 14,
        "the archive has 14 such blocks; found {fences}"
    );
    assert_eq!(
        highlighted, fences,
        "every fenced block with a language is highlighted"
    );
    let styled = styled_classes();
    assert!(styled.len() >= 8, "{styled:?}");
    for class in &styled {
        let used = classes_used.contains(&format!("\"{class} "))
            || classes_used.contains(&format!(" {class} "))
            || classes_used.contains(&format!(" {class}\""));
        assert!(
            used,
            "style.css styles .{class}, which no highlighted block of the archive uses"
        );
    }
}
