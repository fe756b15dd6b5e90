//! Issue 19: no edition, flag or cache entry can write outside the site, lose a source,
//! publish a secret or crash a build. Each module reproduces one break the issue lists,
//! on a scratch copy of the sample site and the real `lwkd` binary.

mod common;
#[path = "common/serve.rs"]
mod serve;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use serve::{Events, Served};

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

/// Breaks 3 and 4: links were followed out of the content folder (publishing the build's
/// environment, or a whole folder), and one bad entry stopped the build.
mod walking {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_content_are_not_followed_and_bad_entries_are_errors_for_themselves() {
        let site = sample_site();
        let root = site.path();
        let content = root.join("content");
        let secret = root.join("secret");
        std::fs::create_dir(&secret).unwrap();
        std::fs::write(secret.join("key.txt"), "SECRET-KEY-BYTES").unwrap();
        std::fs::write(root.join("secret.md"), "---\ntitle: SECRET-TITLE\n---\n\nSECRET-BODY\n").unwrap();
        symlink("/proc/self/environ", content.join("2024-05-05-e.md")).unwrap();
        symlink(root.join("secret.md"), content.join("2024-05-12-f.md")).unwrap();
        symlink(&secret, content.join("keys")).unwrap();
        // An editor's lock file: hidden, and a dangling link.
        symlink("user@host.1234:1700000000", content.join(".#2024-04-14-update.md")).unwrap();
        symlink(root.join("nowhere"), content.join("broken.png")).unwrap();
        // Links within the content are followed.
        std::fs::create_dir(content.join("pics")).unwrap();
        std::fs::write(content.join("pics/chart.png"), "png").unwrap();
        symlink(content.join("pics"), content.join("pics-too")).unwrap();
        symlink(content.join("2024-04-14-update.md"), content.join("2024-06-30-update.md")).unwrap();
        let o = lwkd().current_dir(root).env("LWKD_TEST_SECRET", "ENV-SECRET-VALUE").arg("build").output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        for name in ["2024-05-05-e.md", "2024-05-12-f.md", "keys", "broken.png"] {
            assert!(err.lines().any(|l| l.contains(&format!("content/{name}")) && l.contains("error")), "{name} reported: {err}");
        }
        assert!(!err.contains(".#2024-04-14-update.md"), "hidden entries are skipped: {err}");
        let out = root.join("public");
        for (path, bytes) in files_below(&out) {
            let text = String::from_utf8_lossy(&bytes);
            for secret in ["SECRET-", "ENV-SECRET-VALUE", "LWKD_TEST_SECRET"] {
                assert!(!text.contains(secret), "{path} publishes {secret}");
            }
        }
        assert!(!out.join("keys").exists());
        assert!(out.join("2022/20220209.html").is_file(), "the other editions built");
        assert_eq!(read(out.join("pics-too/chart.png")), "png", "a link within the content is followed");
    }

    #[test]
    fn a_jekyll_roots_hidden_underscored_and_excluded_entries_are_skipped() {
        let site = scratch_site();
        let root = site.path();
        let jekyll = root.join("jekyll");
        std::fs::create_dir_all(jekyll.join("_posts")).unwrap();
        std::fs::copy(archive().join("_posts/2022-02-06-update.md"), jekyll.join("_posts/2022-02-06-update.md")).unwrap();
        std::fs::create_dir_all(jekyll.join("vendor/bundle")).unwrap();
        symlink("/x", jekyll.join("vendor/bundle/g")).unwrap();
        std::fs::create_dir_all(jekyll.join("node_modules/m")).unwrap();
        symlink("/x", jekyll.join("node_modules/m/dangling")).unwrap();
        symlink("/x", jekyll.join("_drafts")).unwrap();
        std::fs::write(jekyll.join("Gemfile"), "source 'https://rubygems.org'\n").unwrap();
        std::fs::write(jekyll.join("CNAME"), "example.org\n").unwrap();
        let o = run(root, &["build", "--content", "jekyll"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = root.join("public");
        assert!(out.join("2022/20220209.html").is_file() && out.join("CNAME").is_file());
        assert!(!out.join("Gemfile").exists() && !out.join("vendor").exists() && !out.join("node_modules").exists());
    }
}

/// Break 5: one changed byte in `.lwkd-cache/editions.bin` panicked every build; one in
/// `pages.bin` silently changed a page.
mod cache {
    use super::*;

    fn flip_last_byte(path: &Path) {
        let mut bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        *bytes.last_mut().unwrap() ^= 0x20;
        std::fs::write(path, bytes).unwrap();
    }

    #[test]
    fn a_damaged_entry_is_made_again_with_one_warning() {
        for file in ["editions.bin", "pages.bin"] {
            let site = sample_site();
            let root = site.path();
            let o = run(root, &["build"]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let built = files_below(&root.join("public"));
            flip_last_byte(&root.join(".lwkd-cache").join(file));
            let o = run(root, &["build"]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(0), "{file}: {err}");
            let warnings: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
            assert!(warnings.len() == 1 && warnings[0].contains("warning"), "{file}: one warning: {err}");
            assert!(files_below(&root.join("public")) == built, "{file}: the output is the one a sound cache gives");
            let o = run(root, &["build"]);
            assert!(!stderr(&o).contains(file), "the damaged entry was replaced: {}", stderr(&o));
        }
    }
}

/// Break 7: a self-including template overflowed the stack (exit 134), and `serve` died.
mod template_recursion {
    use super::*;

    /// Every edition page includes a partial that includes itself, without end.
    fn include_itself(root: &Path) {
        let templates = root.join("themes/default/templates");
        std::fs::write(templates.join("note.html"), "<p>note</p>{% include \"note.html\" %}\n").unwrap();
        let path = templates.join("edition.html");
        std::fs::write(&path, read(&path).replacen("{% block main %}", "{% block main %}{% include \"note.html\" %}", 1)).unwrap();
    }

    #[test]
    fn a_template_that_includes_itself_is_a_template_error() {
        let site = sample_site();
        let root = site.path();
        assert_eq!(run(root, &["build"]).status.code(), Some(0));
        let before = files_below(&root.join("public"));
        include_itself(root);
        let o = run(root, &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("note.html: ") && err.contains("note.html -> note.html"), "{err}");
        assert!(files_below(&root.join("public")) == before, "the previous output stays");
    }

    #[test]
    fn serve_survives_it_and_builds_again_once_it_is_fixed() {
        let site = sample_site();
        let root = site.path();
        let served = Served::start(root, &[]);
        let mut events = Events::open(&served.addr);
        events.next();
        let template = root.join("themes/default/templates/edition.html");
        let good = read(&template);
        include_itself(root);
        let e = events.next();
        assert!(e["errors"].to_string().contains("note.html -> note.html"), "{e}");
        assert_eq!(served.get("/2022/20220209").status, 200, "still serving the last good build");
        std::fs::write(&template, &good).unwrap();
        std::fs::remove_file(root.join("themes/default/templates/note.html")).unwrap();
        let e = events.next();
        assert_eq!(e["errors"], serde_json::json!([]), "{e}");
        assert_eq!(served.get("/2022/20220209").status, 200);
    }
}
