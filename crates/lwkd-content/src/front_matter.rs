//! Front matter: YAML between `---` lines or TOML between `+++` lines, as Jekyll, Hugo and
//! Zola write it.

use std::collections::BTreeMap;

use serde_json::Value;

use lwkd_yaml::{too_deep, unclosed, MAX_DEPTH};

/// The front matter of one file, split from its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Every key as written (`title`, `date`, `slug`, and whatever else the editors added).
    pub fields: BTreeMap<String, Value>,
    /// 1-based line of each top-level key, so problems with a value can name their line.
    pub key_lines: BTreeMap<String, usize>,
}

impl FrontMatter {
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.key_lines.get(key).copied()
    }

    /// A value as text: strings as they are, TOML datetimes by their text, numbers and
    /// booleans printed (YAML reads `date: 2022-02-09` as a string, TOML as a datetime).
    pub fn text(&self, key: &str) -> Option<String> {
        match self.fields.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Object(map) => map
                .get(TOML_DATETIME_KEY)
                .and_then(Value::as_str)
                .map(str::to_owned),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    pub fn bool(&self, key: &str) -> bool {
        match self.fields.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true",
            _ => false,
        }
    }
}

/// How the toml crate hands a datetime to a foreign deserializer.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// A file split into front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: FrontMatter,
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Why a front matter could not be read; `line` is 1-based in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

#[derive(Clone, Copy)]
enum Format {
    Yaml,
    Toml,
}

/// Splits `text` into front matter and body. A file without front matter is all body.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let (fence, format) = match first_line.trim_end() {
        "---" => ("---", Format::Yaml),
        "+++" => ("+++", Format::Toml),
        _ => {
            return Ok(Split {
                front_matter: FrontMatter::default(),
                body: text,
                body_line: 1,
            })
        }
    };
    let mut offset = first_line.len() + 1;
    let mut closing = None;
    for (index, line) in text[offset.min(text.len())..]
        .split_inclusive('\n')
        .enumerate()
    {
        if line.trim_end() == fence {
            closing = Some((index, offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((lines_inside, inner_end, body_start)) = closing else {
        return Err(FrontMatterError {
            line: 1,
            message: format!(
                "front matter opened with `{fence}` is never closed; add a `{fence}` line after the last key"
            ),
        });
    };
    let inner_start = (first_line.len() + 1).min(inner_end);
    let inner = &text[inner_start..inner_end];
    let fields = parse_fields(inner, format)?;
    let key_lines = key_lines(inner);
    Ok(Split {
        front_matter: FrontMatter { fields, key_lines },
        body: &text[body_start.min(text.len())..],
        body_line: lines_inside + 3,
    })
}

fn parse_fields(inner: &str, format: Format) -> Result<BTreeMap<String, Value>, FrontMatterError> {
    // Lines inside the fences start at file line 2.
    const FIRST_INNER_LINE: usize = 2;
    if inner.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    match format {
        Format::Yaml => {
            if let Some(line) = too_deep(inner) {
                return Err(FrontMatterError {
                    line: line + FIRST_INNER_LINE,
                    message: format!("front matter is nested more than {MAX_DEPTH} lists or maps deep; write it flatter"),
                });
            }
            let value: Value = serde_yaml_ng::from_str(inner).map_err(|e| FrontMatterError {
                // The parser notices an unclosed `[` or `{` only where it ends (often the
                // closing fence); the line that opened it is the one to fix.
                line: {
                    let reported = e.location().map_or(0, |l| l.line().saturating_sub(1));
                    unclosed(inner)
                        .filter(|&opened| opened < reported)
                        .unwrap_or(reported)
                        + FIRST_INNER_LINE
                },
                message: format!(
                    "front matter is not valid YAML ({}); quote values that contain `: `",
                    yaml_reason(&e)
                ),
            })?;
            match value {
                Value::Object(map) => Ok(map.into_iter().collect()),
                Value::Null => Ok(BTreeMap::new()),
                _ => Err(FrontMatterError {
                    line: FIRST_INNER_LINE,
                    message: "front matter must be a mapping of `key: value` lines".into(),
                }),
            }
        }
        Format::Toml => {
            let table: BTreeMap<String, Value> =
                toml::from_str(inner).map_err(|e| FrontMatterError {
                    line: e
                        .span()
                        .map_or(0, |s| inner[..s.start].matches('\n').count())
                        + FIRST_INNER_LINE,
                    message: format!(
                        "front matter is not valid TOML ({}); check the quoting",
                        e.message().trim()
                    ),
                })?;
            Ok(table)
        }
    }
}

/// The YAML error's message without its own "at line N column M" tail (we give the line).
fn yaml_reason(e: &serde_yaml_ng::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Lines of top-level keys (`key:` in YAML, `key =` in TOML), counted in the whole file.
fn key_lines(inner: &str) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    for (index, line) in inner.lines().enumerate() {
        if line.starts_with(|c: char| c.is_whitespace() || c == '#' || c == '-') {
            continue;
        }
        let Some(end) = line.find([':', '=']) else {
            continue;
        };
        let key = line[..end].trim().trim_matches('"');
        if !key.is_empty() {
            lines.entry(key.to_string()).or_insert(index + 2);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_and_body_line() {
        let s = split("---\nlayout: post\ntitle: Week Ending May 5, 2024\n\ndate: 2024-05-06 10:00:00 -0000\n---\n\n## News\n").unwrap();
        assert_eq!(s.front_matter.str("title"), Some("Week Ending May 5, 2024"));
        assert_eq!(
            s.front_matter.text("date").as_deref(),
            Some("2024-05-06 10:00:00 -0000")
        );
        assert_eq!(s.front_matter.line_of("date"), Some(5));
        assert_eq!(s.body_line, 7);
        assert_eq!(s.body, "\n## News\n");
    }

    #[test]
    fn toml_front_matter_with_a_datetime() {
        let s = split("+++\ntitle = \"T\"\ndate = 2024-03-10T22:00:00Z\ndraft = true\n+++\nbody")
            .unwrap();
        assert_eq!(
            s.front_matter.text("date").as_deref(),
            Some("2024-03-10T22:00:00Z")
        );
        assert!(s.front_matter.bool("draft"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Title\n").unwrap();
        assert!(s.front_matter.fields.is_empty());
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_1() {
        let e = split("---\ntitle: x\n\nbody\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"), "{}", e.message);
    }

    #[test]
    fn deep_yaml_is_refused_on_its_line_and_quoted_brackets_do_not_count() {
        let deep = format!("---\ntitle: T\nk: {}\n---\n", "[".repeat(100_000));
        let e = split(&deep).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("nested"), "{}", e.message);
        let quoted = format!(
            "---\ntitle: \"{}\"\nnote: '{}' # {}\nk: [[1], {{a: [2]}}]\n---\n",
            "[".repeat(100),
            "{".repeat(100),
            "[".repeat(100)
        );
        assert_eq!(
            split(&quoted).unwrap().front_matter.fields["k"],
            serde_json::json!([[1], {"a": [2]}])
        );
    }

    #[test]
    fn bad_yaml_names_the_file_line() {
        let e = split("---\nlayout: post\ntitle: [unclosed\nslug: x\n---\n").unwrap_err();
        assert_eq!(e.line, 3, "the line of the unclosed [");
        assert!(e.message.contains("not valid YAML"), "{}", e.message);
    }
}
