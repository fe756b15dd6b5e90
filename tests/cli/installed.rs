//! Issue 20: `lwkd` as a user installs it, away from this repository. The built binary is
//! copied alone into a temp folder (as `cargo install` puts it in `~/.cargo/bin`) and run from
//! another, empty temp folder: it must build the real archive styled, write a new edition,
//! serve over real HTTP and eject its theme with nothing but itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::serve::Served;
use crate::common::*;

/// The binary copied alone into its own folder, and an empty folder to run it in.
struct Installed {
    _bin: tempfile::TempDir,
    program: PathBuf,
    cwd: tempfile::TempDir,
}

impl Installed {
    fn new() -> Installed {
        let bin = tempfile::tempdir().unwrap();
        let program = bin.path().join("lwkd");
        std::fs::copy(env!("CARGO_BIN_EXE_lwkd"), &program).unwrap();
        Installed {
            _bin: bin,
            program,
            cwd: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        // Nothing may come from the repository: not its folder, nor a variable naming it.
        command
            .current_dir(self.cwd.path())
            .env_remove("CARGO_MANIFEST_DIR");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        // The copy was just written: a test thread forking at that moment holds its file
        // open for a while, and exec fails with ETXTBSY until it lets go.
        for _ in 0..50 {
            match self.command().args(args).output() {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                result => return result.expect("the installed lwkd runs"),
            }
        }
        panic!("the installed lwkd stayed busy (ETXTBSY) for a second")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.cwd.path().join(rel)
    }
}

fn built_in(rel: &str) -> Vec<u8> {
    std::fs::read(project_root().join(rel)).unwrap()
}

fn assert_ok(o: &Output, what: &str) {
    assert!(
        o.status.success(),
        "{what}: exit {:?}\n{}",
        o.status.code(),
        stderr(o)
    );
}

/// A folder of the latest `n` editions of `archive` (copied to a temp folder, never into the
/// project).
fn editions_of(archive: &Path, dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let posts = archive.join("_posts");
    let mut names: Vec<_> = std::fs::read_dir(&posts)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(
        names.len() >= n,
        "{} has {} editions",
        posts.display(),
        names.len()
    );
    for name in names.iter().rev().take(n) {
        std::fs::copy(posts.join(name), dir.join(name)).unwrap();
    }
}

#[test]
fn builds_the_real_archive_styled_from_an_empty_folder() {
    let lwkd = Installed::new();
    let o = lwkd.run(&[
        "build",
        "--content",
        archive().to_str().unwrap(),
        "--out",
        "out",
    ]);
    assert_ok(&o, "build");
    assert_eq!(
        std::fs::read(lwkd.path("out/style.css")).unwrap(),
        built_in("static/style.css"),
        "the built-in stylesheet"
    );
    assert_eq!(
        std::fs::read(lwkd.path("out/favicon.svg")).unwrap(),
        built_in("static/favicon.svg")
    );
    let home = std::fs::read_to_string(lwkd.path("out/index.html")).unwrap();
    assert!(
        home.contains(r#"<link rel="stylesheet" href="/style.css">"#),
        "{}",
        &home[..home.len().min(800)]
    );
    // The archive's _config.yml titles the site (it is LWKD's own title).
    assert!(
        home.contains("<title>Last Week in Kubernetes Development"),
        "{}",
        &home[..home.len().min(400)]
    );
    let editions = walkdir::WalkDir::new(lwkd.path("out/2022"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_name() != "index.html")
        .count()
        - 1;
    assert!(
        editions >= 40,
        "2022 has about fifty editions, found {editions}"
    );
    let mut entries: Vec<_> = std::fs::read_dir(lwkd.cwd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    entries.sort();
    assert_eq!(
        entries,
        [".lwkd-cache", "out"],
        "nothing else is written in the working folder"
    );
}

#[test]
fn without_content_the_error_names_the_flags_that_fix_it() {
    let lwkd = Installed::new();
    let o = lwkd.run(&["build"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("--content DIR") && err.contains("--root DIR"),
        "{err}"
    );
    assert!(!err.contains("theme"), "the theme is built in: {err}");
}

#[test]
fn new_writes_an_edition_from_the_built_in_template() {
    let lwkd = Installed::new();
    let o = lwkd
        .command()
        .env("LWKD_TODAY", "2026-03-18")
        .arg("new")
        .output()
        .unwrap();
    assert_ok(&o, "new");
    let text = std::fs::read_to_string(lwkd.path("content/2026-03-22-update.md")).unwrap();
    assert!(text.contains("title: Week Ending March 22, 2026"), "{text}");
    assert!(text.contains("## Release Schedule"), "{text}");
}

/// In a Jekyll site root with no site.toml, `lwkd build` and `lwkd new` need no flags.
#[test]
fn a_jekyll_root_builds_as_it_is() {
    let lwkd = Installed::new();
    std::fs::copy(archive().join("_config.yml"), lwkd.path("_config.yml")).unwrap();
    editions_of(&fixture_archive(), &lwkd.path("_posts"), 3);
    assert_ok(&lwkd.run(&["build"]), "build");
    assert!(lwkd.path("_site/style.css").is_file() && lwkd.path("_site/index.html").is_file());
    assert!(
        !lwkd.path("_site/_config.yml").exists() && !lwkd.path("_site/_posts").exists(),
        "Jekyll's own files stay out"
    );
    let o = lwkd
        .command()
        .env("LWKD_TODAY", "2026-03-18")
        .arg("new")
        .output()
        .unwrap();
    assert_ok(&o, "new");
    assert!(
        lwkd.path("_posts/2026-03-22-update.md").is_file(),
        "into _posts/"
    );
}

#[test]
fn serves_styled_pages_over_http() {
    let lwkd = Installed::new();
    editions_of(&fixture_archive(), &lwkd.path("editions"), 3);
    let served = Served::start_program(
        lwkd.command(),
        lwkd.cwd.path(),
        &["--content", "editions", "--out", "out"],
    );
    let home = served.get("/");
    assert_eq!(home.status, 200, "{}", served.log());
    assert!(home.text().contains("/style.css"), "{}", home.text());
    let css = served.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.header("content-type")
            .is_some_and(|t| t.starts_with("text/css")),
        "{:?}",
        css.header("content-type")
    );
    assert_eq!(css.body, built_in("static/style.css"));
}

/// The ejected theme is the built-in one; a change to one ejected file shows in the next build,
/// and the files deleted stay built in.
#[test]
fn eject_then_change_one_template() {
    let lwkd = Installed::new();
    let o = lwkd.run(&["theme", "eject"]);
    assert_ok(&o, "eject");
    let theme = lwkd.path("themes/default");
    for rel in [
        "templates/base.html",
        "templates/edition.html",
        "edition.md",
        "static/style.css",
    ] {
        assert!(theme.join(rel).is_file(), "{rel}");
    }
    assert_eq!(
        std::fs::read(theme.join("templates/base.html")).unwrap(),
        built_in("themes/default/templates/base.html")
    );
    assert_eq!(
        lwkd.run(&["theme", "eject"]).status.code(),
        Some(1),
        "never overwrites"
    );

    let base = std::fs::read_to_string(theme.join("templates/base.html")).unwrap();
    std::fs::write(
        theme.join("templates/base.html"),
        base.replacen("<body>", "<body data-mine=\"yes\">", 1),
    )
    .unwrap();
    std::fs::remove_dir_all(theme.join("static")).unwrap();
    editions_of(&fixture_archive(), &lwkd.path("editions"), 2);
    assert_ok(
        &lwkd.run(&["build", "--content", "editions", "--out", "out"]),
        "build",
    );
    assert!(std::fs::read_to_string(lwkd.path("out/index.html"))
        .unwrap()
        .contains("<body data-mine=\"yes\">"));
    assert_eq!(
        std::fs::read(lwkd.path("out/style.css")).unwrap(),
        built_in("static/style.css"),
        "deleted from the theme, still built in"
    );
}

/// `lwkd lint` needs nothing but the binary: on a real edition copied into an empty folder,
/// with a "here" link planted at its end, the slip is reported at its line, as a warning.
#[test]
fn lints_a_real_edition_from_an_empty_folder() {
    let lwkd = Installed::new();
    editions_of(&archive(), &lwkd.path("_posts"), 1);
    let name = std::fs::read_dir(lwkd.path("_posts"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    let file = lwkd.path("_posts").join(&name);
    let mut text = std::fs::read_to_string(&file).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let planted = text.lines().count() + 2;
    text.push_str("\nRead the details [here](https://example.com/details).\n");
    std::fs::write(&file, text).unwrap();

    let rel = format!("_posts/{}", name.to_str().unwrap());
    let o = lwkd.run(&["lint", &rel]);
    let out = String::from_utf8_lossy(&o.stdout);
    let line = format!("{rel}:{planted}:");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&line) && l.contains(": here-link: ")),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "findings, not a failure to run: {o:?}"
    );
}
