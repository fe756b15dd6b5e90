//! The stages of a build, each on its own, on the real archive and on a synthetic archive
//! ten times its size; and the rebuild `lwkd serve` does after one edited edition.
//! Run: `cargo bench -p lwkd-outputs` (the speed goals live here, not in tests).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use lwkd_config::SiteConfig;
use lwkd_content::LoadOptions;
use lwkd_output::write_atomically;
use lwkd_outputs::{build, render_all};
use lwkd_render::{Gathered, Renderer, Scope, Site, Timings};
use lwkd_serve::LiveSite;
use lwkd_taxonomy::Taxonomy;

const CORPORA: &[&str] = &["archive", "synth-10x"];

fn main() {
    divan::main();
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The content directory of a corpus; the synthetic one is written once per machine.
fn content(corpus: &str) -> PathBuf {
    static SYNTH: OnceLock<PathBuf> = OnceLock::new();
    match corpus {
        // Beside the project, or beside a folder above it (a git worktree).
        "archive" => lwkd_testdata::archive(),
        _ => SYNTH
            .get_or_init(|| {
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("synth-10x");
                if !dir.join("_posts").is_dir() {
                    lwkd_synth::write_site(&dir, 3860, 1).unwrap();
                }
                dir
            })
            .clone(),
    }
}

fn config(corpus: &str, out: &Path) -> SiteConfig {
    let mut config = SiteConfig::load(&project_root()).unwrap();
    config.content_dir = content(corpus);
    config.output_dir = out.to_path_buf();
    config
}

/// A loaded site whose output dir is never written; its cache (the search index, kept
/// warm between runs) lives beside that dir, under the build's scratch space.
fn loaded(corpus: &str) -> Site {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-site/out");
    Site::load(
        config(corpus, &out),
        Default::default(),
        &mut Timings::default(),
    )
    .unwrap()
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn load(bencher: Bencher, corpus: &str) {
    let options = LoadOptions {
        permalink: lwkd_config::DEFAULT_PERMALINK.into(),
        drafts: false,
    };
    let dir = content(corpus);
    bencher.bench(|| lwkd_content::load(&dir, &options).unwrap());
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn index(bencher: Bencher, corpus: &str) {
    let site = loaded(corpus);
    bencher.bench(|| Taxonomy::index(&site.content.editions, &site.upstream).unwrap());
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn render(bencher: Bencher, corpus: &str) {
    let site = loaded(corpus);
    bencher.bench(|| render_all(&site).unwrap());
}

/// The search stage on its own: every edition's terms counted, the index's files made.
#[divan::bench(args = CORPORA, sample_count = 10)]
fn search(bencher: Bencher, corpus: &str) {
    let site = loaded(corpus);
    bencher.bench(|| {
        let gathered = Gathered::default();
        lwkd_outputs::SearchIndex
            .render(&site, Scope::All, &gathered)
            .unwrap();
        gathered
    });
}

/// Writing into a fresh output directory, as a first build or CI does.
#[divan::bench(args = CORPORA, sample_count = 10)]
fn write_fresh(bencher: Bencher, corpus: &str) {
    let files = render_all(&loaded(corpus)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut n = 0;
    bencher
        .with_inputs(|| {
            n += 1;
            tmp.path().join(format!("out-{n}"))
        })
        .bench_local_values(|out| write_atomically(&out, &files).unwrap());
}

/// Writing over the previous build's output, as a repeated `lwkd build` does.
#[divan::bench(args = CORPORA, sample_count = 10)]
fn write_again(bencher: Bencher, corpus: &str) {
    let files = render_all(&loaded(corpus)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write_atomically(&out, &files).unwrap();
    bencher.bench_local(|| write_atomically(&out, &files).unwrap());
}

/// A whole build, as `lwkd build` runs it (minus process start).
#[divan::bench(args = CORPORA, sample_count = 10)]
fn full_build(bencher: Bencher, corpus: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let config = config(corpus, &tmp.path().join("out"));
    bencher.bench_local(|| build(config.clone()).unwrap());
}

/// What `lwkd serve` does after one edition is saved: re-read it, re-render what depends
/// on it, write what changed. Each run changes a sentence of a mid-archive edition. The
/// archive also with the upstream facts, as the editors' site is built.
#[divan::bench(args = ["archive", "archive-upstream", "synth-10x"], sample_count = 20)]
fn rebuild_one_edition(bencher: Bencher, corpus: &str) {
    let (corpus, upstream) = match corpus.strip_suffix("-upstream") {
        Some(corpus) => (corpus, true),
        None => (corpus, false),
    };
    let tmp = tempfile::tempdir().unwrap();
    let posts = tmp.path().join("content/_posts");
    std::fs::create_dir_all(&posts).unwrap();
    let mut names: Vec<PathBuf> = std::fs::read_dir(content(corpus).join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in &names {
        std::fs::copy(p, posts.join(p.file_name().unwrap())).unwrap();
    }
    let mut config = config(corpus, &tmp.path().join("out"));
    config.content_dir = tmp.path().join("content");
    if upstream {
        config.upstream = lwkd_upstream::UpstreamDirs::under(&lwkd_testdata::upstream());
    }
    let (mut live, _) = LiveSite::build(config).unwrap();
    let edited = posts.join(names[names.len() / 2].file_name().unwrap());
    let original = std::fs::read_to_string(&edited).unwrap();
    let mut n = 0;
    bencher
        .with_inputs(|| {
            n += 1;
            std::fs::write(&edited, format!("{original}\nEdit number {n}.\n")).unwrap();
            vec![edited.clone()]
        })
        .bench_local_values(|changed| live.rebuild(&changed).unwrap());
}

/// What `lwkd serve` pays after an edit to tell that the pages of an output with per-page
/// keys are unchanged: the output rendered when the sink holds every page it makes.
#[divan::bench(args = ["editions", "archive", "feed", "taxonomy", "calendar", "data"], sample_count = 20)]
fn keys_of_unchanged_pages(bencher: Bencher, output: &str) {
    let mut site = loaded("archive");
    site.digest_editions(None).unwrap();
    let renderer = lwkd_outputs::all()
        .into_iter()
        .find(|r| r.name() == output)
        .unwrap();
    let first = Gathered::keeping(None);
    renderer.render(&site, Scope::All, &first).unwrap();
    let held: HashMap<String, blake3::Hash> = first.into_parts().keys.into_iter().collect();
    bencher.bench(|| {
        let sink = Gathered::keeping(Some(&held));
        renderer.render(&site, Scope::Changed, &sink).unwrap();
        assert!(sink.into_parts().files.is_empty(), "every page is held");
    });
}
