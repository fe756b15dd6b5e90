//! `lwkd-highlight` highlights fenced code with a language (```` ```yaml ````), with
//! syntect and the Sublime Text grammars it embeds. The HTML carries classes, not colours (`<span class="hl-keyword
//! hl-control hl-go">`: one class per part of the grammar's scope), so the theme's CSS decides
//! the colours, light and dark alike.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Every class the highlighter writes starts with this.
pub const CLASS_PREFIX: &str = "hl-";

/// The grammars, read once per process, when the first block with a language is met:
/// a build of editions without one never pays for them.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Whether a grammar knows the language a fence names.
pub fn knows(language: &str) -> bool {
    is_token(language) && syntaxes().find_syntax_by_token(language).is_some()
}

/// A name a grammar could have, and safe in an attribute.
fn is_token(language: &str) -> bool {
    !language.is_empty()
        && language
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'.'))
}

/// The `<pre>` block for `code` in the language the fence names, or `None` when no grammar
/// knows it (the block is then written plain, as Markdown renders it).
pub fn highlight(code: &str, language: &str) -> Option<String> {
    if !is_token(language) {
        return None;
    }
    let syntaxes = syntaxes();
    let syntax = syntaxes.find_syntax_by_token(language)?;
    let style = ClassStyle::SpacedPrefixed {
        prefix: CLASS_PREFIX,
    };
    let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, style);
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(format!(
        "<pre class=\"highlight\"><code class=\"language-{language}\">{}</code></pre>\n",
        html.finalize()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_not_styles() {
        let html = highlight("func main() {\n\treturn \"<x>\"\n}\n", "go").unwrap();
        assert!(html.starts_with("<pre class=\"highlight\"><code class=\"language-go\">"));
        assert!(
            html.contains("class=\"hl-keyword hl-control hl-go\">return</span>"),
            "{html}"
        );
        assert!(html.contains("&lt;x&gt;"), "code is escaped: {html}");
        assert!(!html.contains("style="), "{html}");
        for (language, code) in [
            ("yaml", "a: 1\n"),
            ("diff", "-a\n+b\n"),
            ("bash", "echo hi\n"),
        ] {
            let html = highlight(code, language).unwrap();
            assert!(html.contains("<span class=\"hl-"), "{language}: {html}");
        }
    }

    #[test]
    fn unknown_or_odd_languages_are_left_plain() {
        assert_eq!(highlight("x\n", "no-such-language"), None);
        assert_eq!(highlight("x\n", "go\" onload=\"x"), None);
        assert_eq!(highlight("x\n", ""), None);
    }
}
