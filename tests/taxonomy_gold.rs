//! Issue 4: the extractor against the hand-labelled gold set (tests/gold/*.toml, labelled by
//! reading the editions), and its deadline figures on the whole real archive.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::NaiveDate;
use lwkd_content::{Content, LoadOptions};
use lwkd_taxonomy::{KepRef, ReleaseCycle, Taxonomy};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Gold {
    file: String,
    keps: Vec<u32>,
    sigs: Vec<String>,
    release: String,
    #[serde(default)]
    deadlines: Vec<GoldDeadline>,
}

#[derive(Debug, Deserialize)]
struct GoldDeadline {
    name: String,
    date: Option<NaiveDate>,
    text: String,
}

fn archive() -> &'static (Content, Taxonomy) {
    static ARCHIVE: OnceLock<(Content, Taxonomy)> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let options = LoadOptions { permalink: "/:year/:year:month:day".into(), drafts: false };
        let content = lwkd_content::load(&common::archive(), &options).expect("the archive loads");
        // With the upstream facts, as a site built with --upstream: sigs.yaml's groups must not cost precision.
        let upstream = lwkd_upstream::read(&lwkd_upstream::UpstreamDirs::under(&common::upstream()), None);
        assert!(upstream.warnings.is_empty(), "{:?}", upstream.warnings);
        let taxonomy = Taxonomy::index(&content.editions, &upstream);
        (content, taxonomy)
    })
}

fn gold() -> Vec<Gold> {
    let dir = common::project_root().join("tests/gold");
    let mut gold: Vec<Gold> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| toml::from_str(&common::read(&p)).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    gold.sort_by(|a, b| a.file.cmp(&b.file));
    gold
}

/// Names compare by their words, ignoring case and punctuation.
fn words(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric() && c != '.').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Counts of one kind of label: true positives, found, labelled; and what differed.
#[derive(Default)]
struct Score {
    hits: usize,
    found: usize,
    labelled: usize,
    misses: Vec<String>,
}

impl Score {
    fn add<T: Ord + std::fmt::Debug>(&mut self, file: &str, found: BTreeSet<T>, labelled: BTreeSet<T>) {
        self.hits += found.intersection(&labelled).count();
        self.found += found.len();
        self.labelled += labelled.len();
        for extra in found.difference(&labelled) {
            self.misses.push(format!("{file}: extra {extra:?}"));
        }
        for missed in labelled.difference(&found) {
            self.misses.push(format!("{file}: missed {missed:?}"));
        }
    }

    fn precision(&self) -> f64 {
        if self.found == 0 { 1.0 } else { self.hits as f64 / self.found as f64 }
    }

    fn recall(&self) -> f64 {
        if self.labelled == 0 { 1.0 } else { self.hits as f64 / self.labelled as f64 }
    }
}

#[test]
fn extractor_matches_the_gold_set() {
    let (content, taxonomy) = archive();
    let gold = gold();
    assert!(gold.len() >= 40, "the gold set has {} editions", gold.len());
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    for g in &gold {
        let index = content
            .editions
            .iter()
            .position(|e| e.source.file_name().is_some_and(|n| n == g.file.as_str()))
            .unwrap_or_else(|| panic!("{} is not in the archive", g.file));
        let tags = taxonomy.edition(index).unwrap();
        scores.entry("keps").or_default().add(
            &g.file,
            tags.kep_refs().into_iter().collect(),
            g.keps.iter().map(|&n| KepRef(n)).collect(),
        );
        scores.entry("sigs").or_default().add(
            &g.file,
            tags.sig_slugs().iter().map(|s| s.to_string()).collect(),
            g.sigs.iter().cloned().collect(),
        );
        let release: ReleaseCycle = g.release.parse().unwrap();
        scores.entry("release").or_default().add(&g.file, tags.cycle.into_iter().collect(), BTreeSet::from([release]));
        scores.entry("deadlines").or_default().add(
            &g.file,
            tags.deadlines.iter().map(|d| (words(&d.name), d.date)).collect(),
            g.deadlines.iter().map(|d| (words(&d.name), d.date)).collect(),
        );
        // The labelled line is the line the extractor kept, as written.
        let texts: BTreeSet<&str> = tags.deadlines.iter().map(|d| &*d.mention.text).collect();
        for d in &g.deadlines {
            assert!(texts.contains(d.text.trim()), "{}: deadline line not kept as written: {}", g.file, d.text);
        }
    }
    let mut failed = Vec::new();
    println!("{:<10} {:>9} {:>7} {:>6} {:>6} {:>9}", "kind", "precision", "recall", "found", "gold", "correct");
    for (kind, s) in &scores {
        println!("{kind:<10} {:>9.3} {:>7.3} {:>6} {:>6} {:>9}", s.precision(), s.recall(), s.found, s.labelled, s.hits);
        for m in &s.misses {
            println!("    {m}");
        }
        if s.precision() < 0.95 || s.recall() < 0.95 {
            failed.push(*kind);
        }
    }
    assert!(failed.is_empty(), "below 0.95 precision or recall: {failed:?}");
}

#[test]
fn deadlines_on_the_whole_archive() {
    let (content, taxonomy) = archive();
    // Every labelled line in the archive, counted here without the extractor.
    let lines: usize = content
        .editions
        .iter()
        .map(|e| {
            e.markdown
                .lines()
                .filter(|l| {
                    let l = l.trim_start_matches(['*', '_', ' ']).to_lowercase();
                    l.starts_with("next deadline") || l.starts_with("next milestone")
                })
                .count()
        })
        .sum();
    let deadlines = &taxonomy.deadlines;
    let labelled = deadlines.iter().filter(|d| !d.mention.text.to_lowercase().starts_with("the next deadline")).count();
    assert_eq!(labelled, lines, "one deadline per Next Deadline/Milestone line");
    let dated: Vec<_> = deadlines.iter().filter(|d| d.date.is_some()).collect();
    let share = dated.len() as f64 / deadlines.len() as f64;
    println!("{} deadlines ({labelled} labelled lines), {} dated ({:.1}%)", deadlines.len(), dated.len(), share * 100.0);
    for d in deadlines.iter().filter(|d| d.date.is_none()) {
        println!("    undated: {} {}", d.mention.edition, d.mention.text);
    }
    assert!(share >= 0.95, "only {:.1}% dated", share * 100.0);
    let mut before = 0;
    for d in &dated {
        let days = (d.date.unwrap() - d.mention.edition_date).num_days();
        // Editions often come out a few days after the week they cover.
        assert!((-7..=90).contains(&days), "{} is {days} days from its edition {}: {}", d.date.unwrap(), d.mention.edition, d.mention.text);
        before += usize::from(days < 0);
    }
    println!("all dated deadlines within 90 days after their edition; {before} fall 1-7 days before its publication date");
    assert!(deadlines.iter().all(|d| d.release.is_some()), "every deadline has a release cycle");
}

#[test]
fn the_seed_edition() {
    let (_, taxonomy) = archive();
    let tags = taxonomy.edition_by_url("/2022/20220209.html").expect("the seed edition is indexed");
    let keps = tags.kep_refs();
    assert!(keps.contains(&KepRef(3136)) && keps.contains(&KepRef(2799)), "{keps:?}");
    for not in [3137, 2800, 1990] {
        assert!(!keps.contains(&KepRef(not)), "{not} is a pull request, not a KEP");
        assert!(tags.kep_prs.iter().any(|p| p.number == not), "PR {not} kept as a PR mention");
    }
    assert_eq!(tags.cycle, Some("1.24".parse().unwrap()));
    let [deadline] = tags.deadlines.as_slice() else { panic!("{:?}", tags.deadlines) };
    assert_eq!(deadline.name, "Exceptions due");
    assert_eq!(deadline.date, NaiveDate::from_ymd_opt(2022, 3, 21));
    assert_eq!(deadline.release, Some("1.24".parse().unwrap()));
    let kep = &taxonomy.keps[&KepRef(3136)];
    assert_eq!(kep.title.as_deref(), Some("beta apis off by default"));
    assert!(kep.mentions.iter().any(|m| m.href() == "/2022/20220209.html#enhancements3137-kep-3136-beta-apis-off-by-default"));
}

#[test]
fn cycles_only_move_forward_one_at_a_time() {
    let (content, taxonomy) = archive();
    let cycles: Vec<ReleaseCycle> = taxonomy.editions.iter().map(|t| t.cycle.expect("every edition has a cycle")).collect();
    assert_eq!(cycles[0], "1.10".parse().unwrap(), "the archive starts in the 1.10 cycle");
    for (i, w) in cycles.windows(2).enumerate() {
        assert!(w[1] == w[0] || w[1] == w[0].next(), "{} -> {} at {}", w[0], w[1], content.editions[i + 1].url);
    }
    assert_eq!(cycles.last().unwrap(), &"1.35".parse().unwrap(), "December 2025 is in the 1.35 cycle");
}
