//! Reading YAML leniently, field by field: upstream files are written by hand, and one odd
//! field must not lose the rest of a record.

use serde_yaml_ng::Value;

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
