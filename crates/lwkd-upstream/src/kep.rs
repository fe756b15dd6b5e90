//! `kep.yaml`: every `keps/<sig>/[<area>/]<number>-<name>/kep.yaml` of a kubernetes/enhancements
//! checkout, read into [`KepFacts`]. Fields are read leniently, one by one (a KEP with an odd
//! `milestone` keeps its title); only a file that is not YAML at all is a [`Warning`].

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_yaml_ng::Value;

use crate::yaml::{list, text};
use crate::{KepFacts, Minor, Warning};

/// Every KEP under `enhancements/keps`, by number, and a warning for each file that does not
/// parse. The template folders (`NNNN-kep-template`, `0000-...`) and folders without a number
/// are not KEPs and are left out. A missing folder is no KEPs and no warning.
pub fn read_keps(enhancements: &Path) -> (Vec<KepFacts>, Vec<Warning>) {
    let read: Vec<Result<Option<KepFacts>, Warning>> = kep_files(enhancements)
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| Warning {
                path: path.clone(),
                line: 1,
                message: format!("cannot read: {e}"),
            })?;
            let folder = path
                .parent()
                .and_then(|p| p.strip_prefix(enhancements).ok())
                .unwrap_or(Path::new(""));
            parse_kep(path, &folder.to_string_lossy(), &bytes)
        })
        .collect();
    let mut keps = Vec::new();
    let mut warnings = Vec::new();
    for r in read {
        match r {
            Ok(Some(kep)) => keps.push(kep),
            Ok(None) => {}
            Err(w) => warnings.push(w),
        }
    }
    keps.sort_by(|a, b| {
        a.number
            .cmp(&b.number)
            .then_with(|| a.folder.cmp(&b.folder))
    });
    (keps, warnings)
}

/// Every `kep.yaml` under `enhancements/keps`, sorted.
fn kep_files(enhancements: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(enhancements.join("keps"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == "kep.yaml")
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

/// One `kep.yaml` (at `path`, in `folder`, `keps/sig-node/753-sidecar-containers`): `None` when
/// it is no KEP (a template, or no number in its `kep-number` or folder name).
pub(crate) fn parse_kep(
    path: &Path,
    folder: &str,
    bytes: &[u8],
) -> Result<Option<KepFacts>, Warning> {
    let yaml = crate::yaml::parse(path, bytes, "this KEP is left out until the file is fixed")?;
    let folder_name = folder.rsplit('/').next().unwrap_or(folder);
    let folder_number = folder_name
        .split_once('-')
        .and_then(|(n, _)| n.parse::<u32>().ok());
    let number = match yaml.get("kep-number") {
        Some(Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .or(folder_number);
    // `0000-` and `NNNN-` folders are templates; number 0 is no KEP.
    let Some(number) = number.filter(|&n| n != 0) else {
        return Ok(None);
    };
    let milestone = |stage: &str| {
        yaml.get("milestone")
            .and_then(|m| m.get(stage))
            .and_then(minor)
    };
    Ok(Some(KepFacts {
        number,
        title: text(yaml.get("title")).unwrap_or_default(),
        owning_sig: text(yaml.get("owning-sig")).unwrap_or_default(),
        participating_sigs: list(yaml.get("participating-sigs")),
        status: text(yaml.get("status")),
        stage: text(yaml.get("stage")),
        latest_milestone: yaml.get("latest-milestone").and_then(minor),
        alpha: milestone("alpha"),
        beta: milestone("beta"),
        stable: milestone("stable"),
        feature_gates: match yaml.get("feature-gates") {
            Some(Value::Sequence(gates)) => {
                gates.iter().filter_map(|g| text(g.get("name"))).collect()
            }
            _ => Vec::new(),
        },
        // An entry that is a note, not a handle ("with input from @bgrant0607, ..."), names
        // no author.
        authors: list(yaml.get("authors"))
            .into_iter()
            .map(|a| a.trim().trim_start_matches('@').to_string())
            .filter(|a| is_github_login(a))
            .collect(),
        creation_date: date(yaml.get("creation-date")),
        last_updated: date(yaml.get("last-updated")),
        folder: folder.to_string(),
    }))
}

/// A day as `kep.yaml` writes it: `2019-06-07`.
fn date(value: Option<&Value>) -> Option<NaiveDate> {
    text(value).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

/// Whether `name` is a GitHub login: letters, digits and hyphens.
fn is_github_login(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A release as `kep.yaml` writes it: `v1.24`, `"1.24"`, `v1.24.0`. `TBD`, `""` and `0.0` are none.
fn minor(value: &Value) -> Option<Minor> {
    let s = text(Some(value))?;
    let mut parts = s.trim_start_matches(['v', 'V']).split('.');
    let major = parts.next()?.trim().parse().ok()?;
    let minor = parts.next()?.trim().parse().ok()?;
    (major > 0).then_some(Minor { major, minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Six real KEPs keep the template's title ("KEP Template", as does the template
    /// folder, which is no KEP): they give none, and lists name them by their folder's
    /// words, as their pages do.
    #[test]
    fn a_template_title_is_no_title() {
        let (keps, _) = read_keps(&lwkd_testdata::upstream().join("enhancements"));
        let kep = |n| keps.iter().find(|k| k.number == n).unwrap();
        assert_eq!(kep(4940).title, "KEP Template");
        assert_eq!(kep(4940).given_title(), None);
        assert_eq!(
            kep(4940).folder_words().as_deref(),
            Some("psa block host field in probes")
        );
        assert_eq!(kep(753).given_title(), Some("Sidecar Containers"));
        // KEP-361's title is written with spaces around it.
        assert_eq!(
            kep(361).given_title(),
            Some("Local Ephemeral Storage Capacity Isolation")
        );
        let templated = keps.iter().filter(|k| k.given_title().is_none()).count();
        assert_eq!(templated, 6);
    }

    fn yaml_minor(s: &str) -> Option<Minor> {
        minor(&serde_yaml_ng::from_str(s).unwrap())
    }

    #[test]
    fn milestones_in_every_spelling() {
        let v1_24 = Some(Minor {
            major: 1,
            minor: 24,
        });
        assert_eq!(yaml_minor("v1.24"), v1_24);
        assert_eq!(yaml_minor("\"1.24\""), v1_24);
        assert_eq!(yaml_minor("v1.24.0"), v1_24);
        assert_eq!(
            yaml_minor("\"v1.30\""),
            Some(Minor {
                major: 1,
                minor: 30
            })
        );
        for none in ["TBD", "\"\"", "'0.0'", "~"] {
            assert_eq!(yaml_minor(none), None, "{none}");
        }
    }
}
