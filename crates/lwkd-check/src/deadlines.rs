//! Announced deadlines whose date is not the official schedule's: read from the built site's
//! `data/deadlines.json`, which gives each deadline the official milestone it announces when
//! the site was built with upstream data. They are warnings, never errors: an edition may
//! repeat a date the schedule later moved, or give the other time zone's day.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::page::Page;
use crate::source::below;

/// One announced deadline whose date differs from the official schedule's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineWarning {
    /// The Markdown file it was announced in, or the edition's page when that file is not
    /// in the content folder given.
    pub source: PathBuf,
    /// Its line in the Markdown file; `None` when `source` is the page.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for DeadlineWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": warning: {}", self.message)
    }
}

/// What `deadlines.json` says of a deadline (the fields read here).
#[derive(Deserialize)]
struct Announced {
    release: Option<String>,
    name: String,
    date: Option<String>,
    /// The Monday of the week given instead of a day.
    week: Option<String>,
    edition: String,
    line: usize,
    #[serde(default)]
    official: Option<Official>,
}

#[derive(Deserialize)]
struct Official {
    name: String,
    date: String,
    days_apart: Option<i64>,
}

/// A `data/deadlines.json` that does not read as lwkd writes it.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct DeadlinesError {
    path: PathBuf,
    source: serde_json::Error,
}

/// Every announced deadline of the site in `out_dir` whose date is not its official
/// milestone's, once (where it was first announced). A site without `data/deadlines.json`,
/// or built without upstream data, has none.
pub fn deadline_warnings(
    out_dir: &Path,
    content_dir: Option<&Path>,
) -> Result<Vec<DeadlineWarning>, DeadlinesError> {
    let path = out_dir.join("data/deadlines.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    let announced: Vec<Announced> =
        serde_json::from_str(&text).map_err(|source| DeadlinesError { path, source })?;
    let mut seen = HashSet::new();
    let mut warnings = Vec::new();
    for d in announced {
        let when = match (&d.date, &d.week) {
            (Some(date), _) => date.clone(),
            (None, Some(monday)) => format!("the week of {monday}"),
            (None, None) => continue,
        };
        let Some(official) = &d.official else {
            continue;
        };
        let Some(days) = official.days_apart.filter(|&days| days != 0) else {
            continue;
        };
        if !seen.insert((d.release.clone(), d.name.to_lowercase(), when.clone())) {
            continue;
        }
        let cycle = d.release.as_deref().unwrap_or("?");
        let message = format!(
            "{:?} announced for {when} is {} day{} {} than the official {cycle} schedule's {:?} ({}); check the date against kubernetes/sig-release releases/release-{cycle}, or leave it if the schedule moved",
            d.name,
            days.abs(),
            if days.abs() == 1 { "" } else { "s" },
            if days < 0 { "earlier" } else { "later" },
            official.name,
            official.date,
        );
        warnings.push(announced_where(
            out_dir,
            content_dir,
            &d.edition,
            d.line,
            message,
        ));
    }
    Ok(warnings)
}

/// The warning `message` at `line` of the Markdown file the edition page was built from
/// (its `lwkd-source` meta), when that file is in `content_dir`; else on the page, saying
/// which file and line, and that `check` wants the content folder the site was built from.
fn announced_where(
    out_dir: &Path,
    content_dir: Option<&Path>,
    edition: &str,
    line: usize,
    message: String,
) -> DeadlineWarning {
    let page = out_dir.join(edition.trim_start_matches('/'));
    let source = std::fs::read(&page)
        .ok()
        .and_then(|html| Page::scan(&html).ok())
        .and_then(|p| p.source);
    let Some(source) = source else {
        return DeadlineWarning {
            source: page,
            line: None,
            message,
        };
    };
    match content_dir.and_then(|dir| below(dir, &source)) {
        Some(file) => DeadlineWarning {
            source: file,
            line: Some(line),
            message,
        },
        None => {
            let missing = content_dir
                .map(|d| format!(", which is not in {}", d.display()))
                .unwrap_or_default();
            DeadlineWarning {
                source: page,
                line: None,
                message: format!("{message} (line {line} of {source}{missing}: give `check` the --content the site was built from)"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_dates_warn_once_where_first_announced() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("data")).unwrap();
        std::fs::create_dir_all(out.path().join("2022")).unwrap();
        std::fs::write(
            out.path().join("2022/20220320.html"),
            r#"<html><head><meta name="lwkd-source" content="2022-03-20-update.md"></head></html>"#,
        )
        .unwrap();
        let deadline = |edition: &str, name: &str, date: &str, official: &str| {
            format!(
                r#"{{"release": "1.24", "name": "{name}", "date": "{date}", "text": "", "edition": "{edition}", "line": 16, "official": {official}}}"#
            )
        };
        let code_freeze = r#"{"milestone": "code-freeze", "name": "Begin Code Freeze", "date": "2022-03-30", "days_apart": -1}"#;
        let release = r#"{"milestone": "release", "name": "v1.24.0 released", "date": "2022-05-03", "days_apart": 0}"#;
        let json = format!(
            "[{}, {}, {}, {}]",
            deadline(
                "/2022/20220320.html",
                "Code Freeze",
                "2022-03-29",
                code_freeze
            ),
            deadline(
                "/2022/20220327.html",
                "Code Freeze",
                "2022-03-29",
                code_freeze
            ),
            deadline("/2022/20220424.html", "Release", "2022-05-03", release),
            deadline(
                "/2022/20220206.html",
                "Exceptions due",
                "2022-03-21",
                "null"
            ),
        );
        std::fs::write(out.path().join("data/deadlines.json"), json).unwrap();
        let content = tempfile::tempdir().unwrap();
        std::fs::write(content.path().join("2022-03-20-update.md"), "").unwrap();
        let warnings = deadline_warnings(out.path(), Some(content.path())).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let text = warnings[0].to_string();
        let file = content.path().join("2022-03-20-update.md");
        assert!(text.starts_with(&format!("{}:16: warning: \"Code Freeze\" announced for 2022-03-29 is 1 day earlier than the official 1.24 schedule's \"Begin Code Freeze\" (2022-03-30)", file.display())), "{text}");
        // Checked with another content folder than the build's: the page is named, and
        // the file and line it was announced on, not a file that is not there.
        let elsewhere = tempfile::tempdir().unwrap();
        let text = deadline_warnings(out.path(), Some(elsewhere.path())).unwrap()[0].to_string();
        let page = out.path().join("2022/20220320.html");
        assert!(
            text.starts_with(&format!("{}: warning: \"Code Freeze\"", page.display())),
            "{text}"
        );
        assert!(
            text.contains("(line 16 of 2022-03-20-update.md, which is not in "),
            "{text}"
        );
        // With no content folder at all, the same, without a folder to name.
        let text = deadline_warnings(out.path(), None).unwrap()[0].to_string();
        assert!(
            text.starts_with(&format!("{}: warning: ", page.display())),
            "{text}"
        );
        assert!(
            text.contains("(line 16 of 2022-03-20-update.md: give `check` the --content"),
            "{text}"
        );
        assert!(
            deadline_warnings(Path::new("/nonexistent"), None).is_ok_and(|w| w.is_empty()),
            "no data files, no warnings"
        );
    }
}
