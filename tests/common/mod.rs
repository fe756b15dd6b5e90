//! What the integration tests share: where the project and the real archive are, and how to
//! run the built `lwkd` binary on a scratch copy of a site.
#![allow(dead_code)] // each test binary uses its own subset

pub mod browser;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root (this workspace).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The real LWKD archive (see `lwkd_testdata`).
pub fn archive() -> PathBuf {
    lwkd_testdata::archive()
}

/// A small Jekyll root written for the tests (`tests/fixtures/archive`: `_config.yml` and
/// four editions), for tests that need some editions and none of the real archive's facts.
pub fn fixture_archive() -> PathBuf {
    project_root().join("tests/fixtures/archive")
}

/// How many editions the real archive holds (see `lwkd_testdata`).
pub fn edition_count() -> usize {
    lwkd_testdata::edition_count()
}

/// The upstream checkouts: kubernetes/enhancements, community and sig-release.
pub fn upstream() -> PathBuf {
    lwkd_testdata::upstream()
}

pub use lwkd_testdata::copy_tree;

/// The bytes of the files under `dir`.
fn bytes_under(dir: &Path) -> u64 {
    let files = walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap);
    (files.filter(|e| e.file_type().is_file()))
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

/// How many bytes a build of the Jekyll root `content` into `out` leaves (its output, and
/// its `.lwkd-cache` beside it) for each byte of the editions' Markdown, as the README
/// measures it: the files it copies from `content` as they are (images, favicons, ...) are
/// left out, as any generator publishing the archive leaves them too.
pub fn bytes_left_per_markdown_byte(content: &Path, out: &Path) -> f64 {
    let cache = out.parent().unwrap().join(".lwkd-cache");
    assert!(cache.is_dir(), "{}: the build's cache", cache.display());
    let hidden = |e: &walkdir::DirEntry| e.file_name().to_string_lossy().starts_with(['_', '.']);
    let own = walkdir::WalkDir::new(content).min_depth(1).into_iter();
    let copied: u64 = (own.filter_entry(|e| e.depth() > 1 || !hidden(e)))
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.metadata().unwrap().len(),
                out.join(e.path().strip_prefix(content).unwrap()),
            )
        })
        .filter(|(len, copy)| copy.metadata().is_ok_and(|m| m.len() == *len))
        .map(|(len, _)| len)
        .sum();
    let left = bytes_under(out) - copied + bytes_under(&cache);
    left as f64 / bytes_under(&content.join("_posts")) as f64
}

pub fn lwkd() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lwkd"))
}

/// Runs `lwkd` with `args` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    lwkd()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("lwkd runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch site root with the project's theme, static files and site.toml.
pub fn scratch_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = project_root();
    copy_tree(&root.join("themes"), &tmp.path().join("themes"));
    copy_tree(&root.join("static"), &tmp.path().join("static"));
    std::fs::copy(root.join("site.toml"), tmp.path().join("site.toml")).unwrap();
    tmp
}

/// A scratch site whose content/ holds these editions of the real archive (`_posts` names).
pub fn scratch_site_with(editions: &[&str]) -> tempfile::TempDir {
    let site = scratch_site();
    let content = site.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    for name in editions {
        std::fs::copy(archive().join("_posts").join(name), content.join(name)).unwrap();
    }
    site
}

/// A scratch site whose content/ holds the editions of the fixture archive.
pub fn scratch_site_with_fixture() -> tempfile::TempDir {
    let site = scratch_site();
    copy_tree(
        &fixture_archive().join("_posts"),
        &site.path().join("content"),
    );
    site
}

/// `lwkd build` of the real archive into `out`, from the project root, with `extra` flags.
pub fn build_archive(out: &Path, extra: &[&str]) -> Output {
    build_archive_from(&project_root(), out, extra)
}

/// [`build_archive`] run from `dir`: its `site.toml`, if it has one, is the one read.
pub fn build_archive_from(dir: &Path, out: &Path, extra: &[&str]) -> Output {
    build_content(dir, &archive(), out, extra)
}

/// `lwkd build` of `content` into `out`, run from `dir`, with `extra` flags.
pub fn build_content(dir: &Path, content: &Path, out: &Path, extra: &[&str]) -> Output {
    let (content, out) = (content.to_str().unwrap(), out.to_str().unwrap());
    let mut args = vec!["build", "--content", content, "--out", out];
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// The real archive built into `site/` of a temp folder it keeps, and the build's stderr.
pub struct BuiltArchive {
    _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub stderr: String,
}

/// Builds the real archive with `extra` flags into a new temp folder; a failed build fails
/// the test. A test binary keeps each build it shares in a `OnceLock`.
pub fn build_archive_in_temp(extra: &[&str]) -> BuiltArchive {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = build_archive(&out, extra);
    assert!(o.status.success(), "archive build failed: {}", stderr(&o));
    BuiltArchive {
        _dir: dir,
        out,
        stderr: stderr(&o),
    }
}

/// The real archive built once per test binary into a temp dir, with its build's stderr.
pub fn built_archive_with_log() -> &'static BuiltArchive {
    static OUT: std::sync::OnceLock<BuiltArchive> = std::sync::OnceLock::new();
    OUT.get_or_init(|| build_archive_in_temp(&[]))
}

/// The output dir of [`built_archive_with_log`].
pub fn built_archive() -> &'static Path {
    &built_archive_with_log().out
}

/// A project site's URL on GitHub Pages: the site lives under a subpath.
pub const SUBPATH_URL: &str = "https://example.github.io/lwkd/";

/// The real archive built for [`SUBPATH_URL`], once per test binary.
pub fn built_under_subpath() -> &'static Path {
    static OUT: std::sync::OnceLock<BuiltArchive> = std::sync::OnceLock::new();
    &OUT.get_or_init(|| build_archive_in_temp(&["--base-url", SUBPATH_URL]))
        .out
}

/// The real archive built with `--upstream` the real upstream data, as the publishing
/// workflow builds it, once per test binary.
pub fn built_with_upstream() -> &'static BuiltArchive {
    static OUT: std::sync::OnceLock<BuiltArchive> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let upstream = upstream();
        build_archive_in_temp(&["--upstream", upstream.to_str().unwrap()])
    })
}

/// `dir`, a built site, served over HTTP on 127.0.0.1 by lwkd-serve (what `lwkd serve` runs,
/// without building or live reload), so root-absolute links and `fetch` work as on GitHub
/// Pages and not as over `file://`. Returns the server, which stops when dropped, and its
/// origin `http://127.0.0.1:N`.
pub fn serve_dir(dir: &Path) -> (lwkd_serve::FileServer, String) {
    let options = lwkd_serve::ServeOptions {
        bind: std::net::Ipv4Addr::LOCALHOST.into(),
        port: 0,
    };
    let server =
        lwkd_serve::FileServer::start(dir.to_path_buf(), "/", options).expect("serve on 127.0.0.1");
    let origin = server.url().trim_end_matches('/').to_string();
    (server, origin)
}

/// Every file below `dir`, by its path relative to `dir`, with its bytes: two builds'
/// outputs compare equal when they are byte for byte the same.
pub fn files_below(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
