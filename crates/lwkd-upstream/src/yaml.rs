//! Reading YAML leniently, field by field: upstream files are written by hand, and one odd
//! field must not lose the rest of a record.

use std::path::Path;

use lwkd_yaml::{too_deep, MAX_DEPTH};
use serde_yaml_ng::Value;

use crate::Warning;

/// The YAML document of the file at `path`, or a warning at its line that ends with what is
/// `left_out` because of it. Nesting too deep is found before the parser is asked, which
/// would take a minute to say so (see `lwkd-yaml`).
pub(crate) fn parse(path: &Path, bytes: &[u8], left_out: &str) -> Result<Value, Warning> {
    let name = path
        .file_name()
        .map_or(path.as_os_str(), |n| n)
        .to_string_lossy();
    let deep = std::str::from_utf8(bytes).ok().and_then(too_deep);
    if let Some(line) = deep {
        return Err(Warning {
            path: path.to_path_buf(),
            line: line + 1,
            message: format!(
                "{name} is nested more than {MAX_DEPTH} lists or maps deep; {left_out}"
            ),
        });
    }
    serde_yaml_ng::from_slice(bytes).map_err(|e| Warning {
        path: path.to_path_buf(),
        line: e.location().map_or(1, |l| l.line()),
        message: format!("{name} does not parse ({e}); {left_out}"),
    })
}

/// A scalar as trimmed text; `None` when absent, empty or not a scalar.
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A sequence of scalars (or one scalar) as texts.
pub(crate) fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Sequence(items)) => items.iter().filter_map(|v| text(Some(v))).collect(),
        other => text(other).into_iter().collect(),
    }
}
