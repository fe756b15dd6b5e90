//! `lwkd-yaml` owns one check made before any YAML is parsed: how deep its flow
//! collections (`[`, `{`) nest. The parser's own limit (128) is met only after work that
//! grows with the square of the depth: a minute for 100,000, from a 200 KB front matter or
//! `kep.yaml`. One linear pass finds it first, so that an edition or an upstream file
//! nested that deep is an error at its line, at once.

/// How deep `[` and `{` may nest: far beyond any real front matter or `kep.yaml`.
pub const MAX_DEPTH: usize = 64;

/// The 0-based line of `yaml` on which flow collections (`[`, `{`) nest deeper than
/// [`MAX_DEPTH`], found in one pass; quoted text and comments are skipped.
pub fn too_deep(yaml: &str) -> Option<usize> {
    scan_flow(yaml).1
}

/// The 0-based line of the first `[` or `{` of `yaml` that is never closed.
pub fn unclosed(yaml: &str) -> Option<usize> {
    scan_flow(yaml).0
}

/// One pass over `yaml`'s flow collections: the line of the first opener left unclosed,
/// and the line on which they nest deeper than [`MAX_DEPTH`] (where the pass stops).
fn scan_flow(yaml: &str) -> (Option<usize>, Option<usize>) {
    let mut open_lines: Vec<usize> = Vec::new();
    let mut line = 0;
    let mut quote = None;
    let mut previous = ' ';
    let mut chars = yaml.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                quote = None;
            }
            (Some('"'), '\\') => drop(chars.next()),
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => {
                // A comment runs to the end of the line.
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            (None, '[' | '{') => {
                open_lines.push(line);
                if open_lines.len() > MAX_DEPTH {
                    return (open_lines.first().copied(), Some(line));
                }
            }
            (None, ']' | '}') => drop(open_lines.pop()),
            _ => {}
        }
        previous = c;
    }
    (open_lines.first().copied(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_found_at_its_line_and_quotes_and_comments_do_not_count() {
        let deep = format!("a: 1\nb: {}\n", "[".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&deep), Some(1));
        let shallow = format!("b: {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!((too_deep(&shallow), unclosed(&shallow)), (None, None));
        let quoted = format!("b: \"{}\" # {}\n", "[".repeat(100), "{".repeat(100));
        assert_eq!((too_deep(&quoted), unclosed(&quoted)), (None, None));
        assert_eq!(unclosed("a: 1\nb: [1, 2\nc: 3\n"), Some(1));
    }
}
