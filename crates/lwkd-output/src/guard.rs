//! Which folder a build may replace. A build swaps its output folder out whole, so it only
//! ever replaces one that `lwkd` made (it holds [`MARKER`]), a new one or an empty one; an
//! output that is or holds the site's sources, or lies inside one, is refused before
//! anything is written.

use std::path::{Component, Path, PathBuf};

use lwkd_config::SiteConfig;

use crate::error::OutputError;

/// The file every output folder `lwkd` makes holds, so that a later build knows it may
/// replace that folder.
pub const MARKER: &str = ".lwkd-output";

/// What [`MARKER`] says to whoever opens it.
pub(crate) const MARKER_TEXT: &str =
    "This folder was made by lwkd build, which replaces it whole at each build.\n";

/// Whether `config.output_dir` may be replaced by a build; else why not and what to do.
pub fn check_output_dir(config: &SiteConfig) -> Result<(), OutputError> {
    let out = resolved(&config.output_dir);
    let refuse = |why: String| {
        Err(OutputError::Refused {
            path: config.output_dir.clone(),
            why,
        })
    };
    let sources = [
        ("site root", &config.root),
        ("content folder", &config.content_dir),
        ("theme folder", &config.theme_dir),
        ("static folder", &config.static_dir),
    ];
    for (name, dir) in sources {
        let dir = resolved(dir);
        if dir.starts_with(&out) {
            let how = if dir == out { "is" } else { "holds" };
            return refuse(format!(
                "the output folder {how} the {name} ({}), which a build would replace",
                dir.display()
            ));
        }
        if name != "site root"
            && out.starts_with(&dir)
            && !(name == "content folder" && skipped_by_jekyll(&dir, &out))
        {
            return refuse(format!("the output folder lies inside the {name} ({}), which would read it back as a source", dir.display()));
        }
    }
    match std::fs::symlink_metadata(&config.output_dir) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => refuse("this is a file, not a folder, and a build would replace it".into()),
        Ok(_) if made_by_lwkd(&config.output_dir) => Ok(()),
        Ok(_) => refuse(format!("this folder was not made by lwkd and is not empty, and a build replaces its output folder whole (lwkd's own have a {MARKER} file)")),
    }
}

/// Whether the loader leaves `out` out of the content folder `content`: it is a Jekyll site
/// root (it has `_posts/`) and `out` is in one of its `_` or `.` folders (`_site`).
fn skipped_by_jekyll(content: &Path, out: &Path) -> bool {
    let first = out
        .strip_prefix(content)
        .ok()
        .and_then(|rel| rel.components().next());
    content.join("_posts").is_dir()
        && first.is_some_and(|part| part.as_os_str().to_string_lossy().starts_with(['_', '.']))
}

/// Whether `dir`, an existing folder, is one a build may replace: it holds the marker, it
/// is empty, or it is the output of an older `lwkd` (which kept the tree it replaced in
/// `.lwkd-cache` beside it, under the folder's name).
fn made_by_lwkd(dir: &Path) -> bool {
    let name = dir
        .file_name()
        .map(|n| format!("{}.previous", n.to_string_lossy()));
    dir.join(MARKER).is_file()
        || std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
        || name.is_some_and(|name| crate::staging::cache_dir_for(dir).join(name).is_dir())
}

/// `path` made absolute with links resolved as far as it exists, and `.` and `..` taken
/// out of the rest, so that two names of one folder compare equal.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let mut base = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    for part in rest.into_iter().rev() {
        match part {
            Component::ParentDir => drop(base.pop()),
            Component::Normal(name) => base.push(name),
            _ => {}
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_one_folder_resolve_alike() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("a")).unwrap();
        assert_eq!(resolved(&real.join("a/../a/./b/../c")), real.join("a/c"));
        assert_eq!(resolved(&real.join("new/x/..")), real.join("new"));
    }
}
