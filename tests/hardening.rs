//! Issue 19: no edition, flag or cache entry can write outside the site, lose a source,
//! publish a secret or crash a build. Each module reproduces one break the issue lists,
//! on a scratch copy of the sample site and the real `lwkd` binary.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A scratch site with the sample's theme and a few real editions in `content/`.
fn sample_site() -> tempfile::TempDir {
    scratch_site_with(&["2022-02-06-update.md", "2018-01-14-update.md", "2024-04-14-update.md"])
}

fn set_in_site_toml(site: &Path, key: &str, value: &str) {
    let path = site.join("site.toml");
    let text: String = read(&path).lines().filter(|l| !l.starts_with(&format!("{key} ="))).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, format!("{key} = {value}\n{text}")).unwrap();
}

/// Every file and folder below `dir`, relative to it.
fn entries_below(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(dir).min_depth(1).into_iter().map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_path_buf()).collect();
    all.sort();
    all
}

/// Break 1: a `slug` with `..` (or `/`, `\`, an absolute form, a control character) wrote
/// outside the output folder and deleted what was there.
mod slug_traversal {
    use super::*;

    #[test]
    fn a_slug_that_leaves_its_folder_is_an_error_for_that_edition_only() {
        let site = sample_site();
        let root = site.path();
        set_in_site_toml(root, "permalink", "\"/:year/:slug\"");
        let victim = root.join("victim.d");
        std::fs::create_dir(&victim).unwrap();
        std::fs::write(victim.join("keep.txt"), "mine").unwrap();
        let slugs = [("2023-01-01-a.md", "../../victim.d"), ("2023-01-08-b.md", "/tmp/abs"), ("2023-01-15-c.md", "a\\\\..\\\\b"), ("2023-01-22-d.md", "x\\u0007y"), ("2023-01-29-e.md", "a/b")];
        for (name, slug) in slugs {
            std::fs::write(root.join("content").join(name), format!("---\ntitle: T\nslug: \"{slug}\"\n---\n\n## News\n\nText.\n")).unwrap();
        }
        let outside_before = entries_below(root).into_iter().filter(|p| !p.starts_with("public") && !p.starts_with(".lwkd-cache")).collect::<Vec<_>>();
        for _ in 0..2 {
            let o = run(root, &["build"]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{err}");
            for (name, _) in slugs {
                assert!(err.contains(&format!("{name}:3: error:")) && err.lines().any(|l| l.contains(name) && l.contains("slug")), "{name} named with its slug line: {err}");
            }
            assert_eq!(read(victim.join("keep.txt")), "mine");
            let outside = entries_below(root).into_iter().filter(|p| !p.starts_with("public") && !p.starts_with(".lwkd-cache")).collect::<Vec<_>>();
            assert_eq!(outside, outside_before, "nothing written or deleted outside the output");
            assert!(root.join("public/2022/2022-02-06-update.html").is_file(), "the other editions built: {:?}", entries_below(&root.join("public")));
        }
    }
}

/// Break 2: `--out` replaced whatever it was given: the content, the project, the config.
mod out_safety {
    use super::*;

    /// Builds with `--out out` in `root`; returns the exit code and stderr.
    fn build_into(root: &Path, out: &str) -> (Option<i32>, String) {
        let o = run(root, &["build", "--out", out]);
        (o.status.code(), stderr(&o))
    }

    #[test]
    fn an_output_that_is_or_holds_a_source_or_is_not_lwkds_is_refused() {
        let site = sample_site();
        let root = site.path();
        std::fs::create_dir(root.join("notes")).unwrap();
        std::fs::write(root.join("notes/todo.txt"), "mine").unwrap();
        let before = files_below(root);
        let absolute_root = root.to_str().unwrap().to_string();
        for out in ["content", ".", "..", "/", &absolute_root, "site.toml", "themes", "themes/default", "static", "content/public", "notes"] {
            for _ in 0..2 {
                let (code, err) = build_into(root, out);
                assert_eq!(code, Some(2), "--out {out}: {err}");
                assert!(err.contains("--out"), "--out {out}: says what to do: {err}");
            }
            assert!(files_below(root) == before, "--out {out} changed the site's files");
            assert!(!root.join(".lwkd-cache").exists(), "--out {out} left a cache");
        }
    }

    #[test]
    fn a_new_or_empty_folder_is_taken_and_then_rebuilt() {
        let site = sample_site();
        let root = site.path();
        std::fs::create_dir(root.join("empty")).unwrap();
        for out in ["public", "empty", "deeper/site"] {
            for _ in 0..2 {
                let (code, err) = build_into(root, out);
                assert_eq!(code, Some(0), "--out {out}: {err}");
                assert!(root.join(out).join("index.html").is_file());
            }
        }
    }
}
