//! Issue 3: bad input gets a clear `path:line:` error, and nothing is lost: the other
//! editions still build, or the previous output stays exactly as it was.

use std::path::Path;

use crate::common::*;

/// A scratch site whose content is the fixture archive's editions plus `extra` files.
fn site_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let site = scratch_site_with_fixture();
    let content = site.path().join("content");
    for (name, text) in extra {
        std::fs::write(content.join(name), text).unwrap();
    }
    site
}

fn build(site: &Path) -> std::process::Output {
    run(site, &["build"])
}

#[test]
fn malformed_yaml_skips_that_edition_only() {
    let site = site_with(&[(
        "2023-05-07-update.md",
        "---\nlayout: post\ntitle: [Week Ending\ndate: 2023-05-07\n---\n\n## News\n",
    )]);
    let o = build(site.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.contains("2023-05-07-update.md:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("error:") && line.contains("not valid YAML"),
        "{line}"
    );
    let n: usize = line.split(':').nth(1).unwrap().parse().unwrap();
    assert!((3..=5).contains(&n), "points into the front matter: {line}");
    let out = site.path().join("public");
    assert!(out.join("2025/20250114.html").is_file() && out.join("2025/20250121.html").is_file());
    assert!(!out.join("2023/20230507.html").exists());
}

#[test]
fn unclosed_front_matter_names_line_1() {
    let site = site_with(&[(
        "2023-05-14-update.md",
        "---\ntitle: Week Ending May 14, 2023\n\n## News\n\nText.\n",
    )]);
    let o = build(site.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "2023-05-14-update.md:1: error: front matter opened with `---` is never closed"
        ),
        "{err}"
    );
    assert!(
        site.path().join("public/2025/20250204.html").is_file(),
        "others built"
    );
}

/// Builds once, then breaks something and builds again: the first output must survive.
fn assert_previous_output_kept(
    site: &Path,
    break_it: impl FnOnce(&Path),
    expect_in_error: &[&str],
) {
    assert!(build(site).status.success());
    let out = site.join("public");
    let before = files_below(&out);
    assert!(before.len() > 5, "a site was built: {:?}", before.keys());
    break_it(site);
    let o = build(site);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for needle in expect_in_error {
        assert!(
            err.contains(needle),
            "error should mention {needle:?}: {err}"
        );
    }
    assert!(files_below(&out) == before, "previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(site)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains(".lwkd-") && n != ".lwkd-cache")
        .collect();
    assert!(leftovers.is_empty(), "staging dirs left: {leftovers:?}");
}

#[test]
fn broken_site_toml_names_file_and_line_and_keeps_output() {
    let site = site_with(&[]);
    assert_previous_output_kept(
        site.path(),
        |root| {
            let mut text = read(root.join("site.toml"));
            text.push_str("feed_limit = = 3\n");
            std::fs::write(root.join("site.toml"), text).unwrap();
        },
        &["site.toml:", "nothing was written"],
    );
    let err = stderr(&build(site.path()));
    let lines = read(site.path().join("site.toml")).lines().count();
    assert!(
        err.contains(&format!("site.toml:{lines}:")),
        "names the broken last line {lines}: {err}"
    );
}

#[test]
fn broken_template_names_template_and_line_and_keeps_output() {
    let site = site_with(&[]);
    let path = site.path().join("themes/default/templates/edition.html");
    let text = read(&path);
    // The broken tag goes on the line after `{% block main %}`, indented; the error must name
    // that line, and the column in the file as written (templates are compiled unindented).
    let line = text
        .lines()
        .position(|l| l.contains("{% block main %}"))
        .expect("edition.html has a main block")
        + 2;
    assert_previous_output_kept(
        site.path(),
        |_| {
            std::fs::write(
                &path,
                text.replacen("{% block main %}", "{% block main %}\n    {% if %}", 1),
            )
            .unwrap()
        },
        &[&format!(
            "templates/edition.html:{line}:11: expected a value"
        )],
    );
}

#[test]
fn missing_content_dir_is_a_usage_error() {
    let site = scratch_site();
    let o = run(site.path(), &["build", "--content", "no-such-dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-dir"), "{}", stderr(&o));
}

/// Issue 19: a file of the content that cannot be read (not an edition: an image) is an error
/// for that file, `path: cannot be read`, exit 1, and everything else is built. Root reads
/// any file, so as root the build runs as `nobody` (util-linux's setpriv).
#[test]
fn an_unreadable_image_is_an_error_for_it_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let site = site_with(&[("diagram.png", "not really a PNG")]);
    let image = site.path().join("content/diagram.png");
    std::fs::set_permissions(&image, std::fs::Permissions::from_mode(0o000)).unwrap();
    // What the test made is owned by whoever runs it.
    let as_root = std::fs::metadata(&image).unwrap().uid() == 0;
    let o = if as_root {
        // nobody must reach the site (a temp dir below /tmp) and write its output.
        for entry in walkdir::WalkDir::new(site.path()) {
            let entry = entry.unwrap();
            if entry.path() != image {
                let mode = if entry.file_type().is_dir() {
                    0o777
                } else {
                    0o666
                };
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                    .unwrap();
            }
        }
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_lwkd"))
            .arg("build")
            .current_dir(site.path())
            .output()
            .expect("setpriv runs (util-linux)")
    } else {
        build(site.path())
    };
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("diagram.png: error: cannot be read")
                || (l.contains("diagram.png") && l.contains("cannot be read"))),
        "{err}"
    );
    let out = site.path().join("public");
    assert!(out.join("2025/20250114.html").is_file(), "{err}");
    assert!(out.join("2025/20250121.html").is_file(), "{err}");
    assert!(!out.join("diagram.png").exists());
}
