//! Every heading id of the real archive equals the one Jekyll gives it (kramdown with the GFM
//! parser, run here by `kramdown_ids.rb`), so deep links into lwkd.info keep working.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use lwkd_content::{read_edition, LoadOptions};

/// The real archive, in `shared/` beside a folder above this crate (as tests/common finds it).
fn archive() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/lwkd-archive"))
        .find(|d| d.join("_posts").is_dir())
        .expect("the real archive must be at ../shared/lwkd-archive beside the project")
}

fn posts() -> Vec<PathBuf> {
    let mut posts: Vec<PathBuf> = std::fs::read_dir(archive().join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    posts.sort();
    posts
}

/// Each file's heading ids as kramdown gives them. Needs ruby with kramdown and
/// kramdown-parser-gfm (Debian: jekyll); .ci/run installs them.
fn kramdown_ids(posts: &[PathBuf]) -> BTreeMap<String, Vec<String>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kramdown_ids.rb");
    let out = Command::new("ruby")
        .arg(script)
        .args(posts)
        .output()
        .expect("ruby runs (apt install jekyll: ruby, kramdown, kramdown-parser-gfm)");
    assert!(
        out.status.success(),
        "kramdown_ids.rb failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let (file, id) = line.split_once('\t').expect("file<TAB>id");
        ids.entry(file.to_string())
            .or_default()
            .push(id.to_string());
    }
    ids
}

#[test]
fn every_heading_id_of_the_archive_is_jekylls() {
    let posts = posts();
    let reference = kramdown_ids(&posts);
    let options = LoadOptions {
        permalink: "/:year/:year:month:day".into(),
        drafts: true,
    };
    let (mut total, mut same) = (0, 0);
    let mut differ = Vec::new();
    for path in &posts {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let edition = read_edition(path, &options)
            .edition
            .unwrap_or_else(|| panic!("{name} loads"));
        let ours: Vec<&str> = edition.headings.iter().map(|h| h.id.as_str()).collect();
        let theirs: Vec<&str> = reference
            .get(&name)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        total += theirs.len();
        for i in 0..theirs.len().max(ours.len()) {
            match (ours.get(i), theirs.get(i)) {
                (Some(o), Some(t)) if o == t => same += 1,
                (o, t) => differ.push(format!(
                    "{name}: heading {}: lwkd {o:?}, Jekyll {t:?}",
                    i + 1
                )),
            }
        }
    }
    println!("heading ids equal to Jekyll's: {same} of {total}");
    assert!(total > 2500, "kramdown gave only {total} ids");
    assert!(
        differ.is_empty(),
        "{same} of {total} equal; {} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
