//! Fenced code with a language in the real archive is highlighted with classes the theme's
//! stylesheet colours, and every highlight rule of the stylesheet colours something there.
//! (That lwkd-content sends such blocks here is its own markdown tests' concern.)

use std::path::Path;

use lwkd_highlight::highlight;

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
    let (mut fences, mut highlighted) = (0, 0);
    let mut classes_used = String::new();
    for entry in std::fs::read_dir(lwkd_testdata::archive().join("_posts")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (language, code) in fenced_blocks(&text) {
            fences += 1;
            let Some(html) = highlight(&code, language) else {
                continue;
            };
            highlighted += 1;
            assert!(
                !html.contains("style="),
                "{}: colours are classes: {html}",
                path.display()
            );
            assert!(
                html.contains("<span class=\"hl-"),
                "{}: {html}",
                path.display()
            );
            classes_used.push_str(&html);
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

/// The fenced blocks of a Markdown file that name their language (```` ```yaml ````, also
/// indented inside a list item): the language and the code.
fn fenced_blocks(markdown: &str) -> Vec<(&str, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(&str, String)> = None;
    for line in markdown.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (Some(_), Some(rest)) if rest.trim().is_empty() => blocks.extend(open.take()),
            (Some((_, code)), _) => {
                code.push_str(line.trim_start());
                code.push('\n');
            }
            (None, Some(rest)) if rest.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                open = Some((rest.trim(), String::new()));
            }
            (None, _) => {}
        }
    }
    blocks
}
