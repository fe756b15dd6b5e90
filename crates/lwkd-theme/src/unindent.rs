//! Templates are indented for the people who read and override them, not for the pages:
//! a template's indentation, repeated on every page of a 3,550-edition archive, was 5% of
//! its HTML. [`unindented`] drops it when templates are compiled, at no cost per page.

/// Elements whose text is shown (or run) as written: their lines keep their indentation.
const KEPT: [(&str, &str); 3] = [
    ("<pre", "</pre"),
    ("<textarea", "</textarea"),
    ("<script", "</script"),
];

/// `template` with the spaces and tabs that begin its lines removed, except inside `<pre>`,
/// `<textarea>` and `<script>`. Lines stay lines, so an error's line number still names
/// the line of the file.
pub fn unindented(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    // The closing tag that ends the kept element the text is inside.
    let mut inside: Option<&str> = None;
    for line in template.split_inclusive('\n') {
        let line = match inside {
            Some(_) => line,
            None => line.trim_start_matches([' ', '\t']),
        };
        inside = kept_after(line, inside);
        out.push_str(line);
    }
    out
}

/// Whether the text after `line` is inside a kept element (and which), given whether the
/// text before it was.
fn kept_after<'a>(line: &str, mut inside: Option<&'a str>) -> Option<&'a str> {
    let lower = line.to_ascii_lowercase();
    let mut rest = lower.as_str();
    loop {
        match inside {
            Some(close) => match rest.find(close) {
                Some(at) => {
                    rest = &rest[at + close.len()..];
                    inside = None;
                }
                None => return inside,
            },
            None => {
                let opening = KEPT
                    .iter()
                    .filter_map(|(open, close)| Some((opening_at(rest, open)?, open, close)))
                    .min_by_key(|(at, ..)| *at);
                match opening {
                    Some((at, open, close)) => {
                        rest = &rest[at + open.len()..];
                        inside = Some(close);
                    }
                    None => return None,
                }
            }
        }
    }
}

/// Where the tag `open` (`<pre`) begins in `text`: followed by `>`, `/` or a space, so that
/// `<prefix-list>` is not a `<pre>`.
fn opening_at(text: &str, open: &str) -> Option<usize> {
    text.match_indices(open)
        .find(|(at, _)| {
            matches!(
                text.as_bytes().get(at + open.len()),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
            )
        })
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::unindented;

    #[test]
    fn indentation_goes_and_lines_stay() {
        let template = "<ul>\n  <li>{{ a }}</li>\n\t\t<li>b</li>\n</ul>\n";
        assert_eq!(
            unindented(template),
            "<ul>\n<li>{{ a }}</li>\n<li>b</li>\n</ul>\n"
        );
    }

    #[test]
    fn preformatted_text_and_scripts_keep_theirs() {
        let template = "  <pre class=\"x\">\n    one\n      two\n  </pre>\n  <p>\n<SCRIPT>\n  f();\n</script>  <i>\n    <b>\n";
        assert_eq!(
            unindented(template),
            "<pre class=\"x\">\n    one\n      two\n  </pre>\n<p>\n<SCRIPT>\n  f();\n</script>  <i>\n<b>\n"
        );
    }

    #[test]
    fn a_tag_that_only_begins_like_pre_is_indented_text() {
        let template = "<prefix-list>\n    <li>x</li>\n<pre>a</pre>\n    <li>y</li>\n";
        assert_eq!(
            unindented(template),
            "<prefix-list>\n<li>x</li>\n<pre>a</pre>\n<li>y</li>\n"
        );
    }

    #[test]
    fn the_built_in_templates_lose_only_leading_blanks() {
        let theme = crate::ThemeFiles::built_in();
        let (mut before, mut after) = (0, 0);
        for (name, file) in theme.under(crate::TEMPLATES) {
            let text = file.read_to_string().unwrap();
            let short = unindented(&text);
            (before, after) = (before + text.len(), after + short.len());
            assert_eq!(short.lines().count(), text.lines().count(), "{name}");
            for (was, is) in text.lines().zip(short.lines()) {
                assert!(was.ends_with(is), "{name}: {was:?} became {is:?}");
            }
        }
        assert!(
            after + 1000 < before,
            "{before} bytes of templates became {after}"
        );
    }
}
