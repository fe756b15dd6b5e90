//! Issue 17: the extractor against the gold set in tests/gold (labelled by reading, with the
//! upstream facts at hand, before and without looking at what lwkd extracts: see
//! tests/gold/README.md), against other readers' KEP labels of other editions
//! (tests/gold-second to -fifth, each with a README), and its deadline figures
//! on the whole real archive.
//!
//! KEP mentions are scored per (edition, KEP), deadlines per (edition, date); recall is also
//! given for each way a KEP is named (`number`, `link`, `gate`, `name`), since the easy ways
//! alone once read 1.000 while readers saw a fifth of what the editions say.

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
    /// `release` and `sigs` are `None` in a set that labels KEPs alone (tests/gold-second, -third):
    /// its editions are scored for their KEPs only.
    release: Option<String>,
    sigs: Option<Vec<String>>,
    #[serde(default)]
    keps: Vec<GoldKep>,
    #[serde(default)]
    deadlines: Vec<GoldDeadline>,
}

#[derive(Debug, Deserialize)]
struct GoldKep {
    number: u32,
    how: How,
    #[allow(dead_code)] // read by people: the words that name the KEP
    evidence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
enum How {
    Number,
    Link,
    Gate,
    Name,
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
        let options = LoadOptions {
            permalink: "/:year/:year:month:day".into(),
            drafts: false,
        };
        let content = lwkd_content::load(&common::archive(), &options).expect("the archive loads");
        // With the upstream facts, as a site built with --upstream: KEPs are named by gate and
        // by name only with them, and sigs.yaml's groups must not cost precision.
        let upstream = lwkd_upstream::read(
            &lwkd_upstream::UpstreamDirs::under(&common::upstream()),
            None,
        );
        assert!(
            upstream.keps.len() > 600
                && !upstream.groups.is_empty()
                && !upstream.schedules.is_empty(),
            "the upstream facts are read"
        );
        let taxonomy = Taxonomy::index(&content.editions, &upstream).unwrap();
        (content, taxonomy)
    })
}

/// The label files of `dir` (below the project root), in file order.
fn labels(dir: &str) -> Vec<Gold> {
    let dir = common::project_root().join(dir);
    let mut gold: Vec<Gold> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            toml::from_str(&common::read(&p)).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect();
    gold.sort_by(|a, b| a.file.cmp(&b.file));
    gold
}

/// Names compare by their words, ignoring case and punctuation.
fn words(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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
    fn add<T: Ord + std::fmt::Debug>(
        &mut self,
        file: &str,
        found: &BTreeSet<T>,
        labelled: &BTreeSet<T>,
    ) {
        self.add_described(file, found, labelled, |extra| format!("{extra:?}"));
    }

    /// As `add`, each extra described by `describe`.
    fn add_described<T: Ord + std::fmt::Debug>(
        &mut self,
        file: &str,
        found: &BTreeSet<T>,
        labelled: &BTreeSet<T>,
        describe: impl Fn(&T) -> String,
    ) {
        self.hits += found.intersection(labelled).count();
        self.found += found.len();
        self.labelled += labelled.len();
        for extra in found.difference(labelled) {
            self.misses
                .push(format!("{file}: extra {}", describe(extra)));
        }
        for missed in labelled.difference(found) {
            self.misses.push(format!("{file}: missed {missed:?}"));
        }
    }

    /// Recall only: the labels of one kind found among everything found.
    fn add_recall<T: Ord + std::fmt::Debug>(
        &mut self,
        file: &str,
        found: &BTreeSet<T>,
        labelled: &BTreeSet<T>,
    ) {
        self.hits += found.intersection(labelled).count();
        self.labelled += labelled.len();
        for missed in labelled.difference(found) {
            self.misses.push(format!("{file}: missed {missed:?}"));
        }
    }

    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.hits as f64 / self.found as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.labelled == 0 {
            1.0
        } else {
            self.hits as f64 / self.labelled as f64
        }
    }
}

/// A precision (`None` where only recall is measured) and a recall.
type Bounds = (Option<f64>, f64);

/// Each measure: the floor this test enforces, (precision, recall), `None` where only recall is
/// measured; and issue 17's goal, printed beside it. The floors are what the extractor reached
/// when this set was first scored, blind (no one who wrote the extractor had seen the set),
/// raised since to what rules designed on the development half reach on the whole set: a
/// ratchet, to be raised as the goals are met. Names are far from theirs.
const MEASURES: &[(&str, Bounds, Bounds)] = &[
    ("keps", (Some(0.95), 0.83), (Some(0.95), 0.90)),
    ("keps by number", (None, 1.0), (None, 0.90)),
    ("keps by link", (None, 1.0), (None, 0.90)),
    ("keps by gate", (None, 0.99), (None, 0.80)),
    ("keps by name", (None, 0.71), (None, 0.80)),
    ("sigs", (Some(1.0), 0.98), (Some(0.95), 0.95)),
    ("release", (Some(1.0), 1.0), (Some(1.0), 1.0)),
    ("deadlines", (Some(0.96), 0.90), (Some(0.95), 0.90)),
];

/// Other readers' KEP labels of editions outside the gold set (each folder's README says
/// who and how), with the floors held under each: what the extractor reached on it when it
/// was first scored, blind.
const OTHER_READERS: &[(&str, &[(&str, Bounds)])] = &[
    (
        "tests/gold-second",
        &[
            ("keps", (Some(0.86), 0.82)),
            ("keps by number", (None, 1.0)),
            ("keps by link", (None, 1.0)),
            ("keps by gate", (None, 0.96)),
            ("keps by name", (None, 0.70)),
        ],
    ),
    (
        "tests/gold-third",
        &[
            ("keps", (Some(0.89), 0.77)),
            ("keps by number", (None, 0.80)),
            ("keps by link", (None, 1.0)),
            ("keps by gate", (None, 1.0)),
            ("keps by name", (None, 0.64)),
        ],
    ),
    (
        "tests/gold-fifth",
        &[
            ("keps", (Some(0.94), 0.82)),
            ("keps by number", (None, 1.0)),
            ("keps by link", (None, 0.5)),
            ("keps by gate", (None, 0.93)),
            ("keps by name", (None, 0.73)),
        ],
    ),
    (
        "tests/gold-sixth",
        &[
            ("keps", (Some(0.93), 0.77)),
            ("keps by number", (None, 1.0)),
            ("keps by link", (None, 1.0)),
            ("keps by gate", (None, 1.0)),
            ("keps by name", (None, 0.55)),
        ],
    ),
    (
        "tests/gold-seventh",
        &[
            ("keps", (Some(0.92), 0.78)),
            ("keps by number", (None, 1.0)),
            ("keps by link", (None, 1.0)),
            ("keps by gate", (None, 1.0)),
            ("keps by name", (None, 0.68)),
        ],
    ),
    (
        "tests/gold-eighth",
        &[
            ("keps", (Some(0.86), 0.82)),
            ("keps by number", (None, 1.0)),
            ("keps by link", (None, 1.0)),
            ("keps by gate", (None, 0.94)),
            ("keps by name", (None, 0.68)),
        ],
    ),
    (
        "tests/gold-ninth",
        &[
            ("keps", (Some(0.92), 0.81)),
            ("keps by number", (None, 1.0)),
            ("keps by link", (None, 1.0)),
            ("keps by gate", (None, 1.0)),
            ("keps by name", (None, 0.70)),
        ],
    ),
    (
        "tests/gold-fourth",
        &[
            ("keps", (Some(0.90), 0.77)),
            ("keps by number", (None, 1.0)),
            ("keps by link", (None, 1.0)),
            ("keps by gate", (None, 1.0)),
            ("keps by name", (None, 0.62)),
        ],
    ),
];

/// The sets of [`OTHER_READERS`] whose misses are printed: labelled to design rules on, as
/// the gold set's development half is.
const DEVELOPMENT_SETS: &[&str] = &[
    "tests/gold-fifth",
    "tests/gold-seventh",
    "tests/gold-eighth",
    "tests/gold-ninth",
];

/// The measures of `scores` below their floor.
fn below<'a>(
    scores: &BTreeMap<&str, Score>,
    floors: impl IntoIterator<Item = (&'a str, Bounds)>,
) -> Vec<&'a str> {
    floors
        .into_iter()
        .filter(|&(kind, (precision, recall))| {
            let s = &scores[kind];
            precision.is_some_and(|p| s.precision() < p) || s.recall() < recall
        })
        .map(|(kind, _)| kind)
        .collect()
}

#[test]
fn extractor_matches_the_gold_set() {
    let gold = labels("tests/gold");
    let years: BTreeSet<&str> = gold.iter().map(|g| &g.file[..4]).collect();
    assert!(
        gold.len() >= 60 && years.len() >= 8,
        "the gold set has {} editions over {} years",
        gold.len(),
        years.len()
    );
    assert!(
        gold.iter().all(|g| g.release.is_some() && g.sigs.is_some()),
        "every gold file labels its release cycle, SIGs and deadlines too"
    );
    // The set in two halves by position in file order: rules are designed by reading the
    // development half's misses only (printed below); the held-out half's figures, whose
    // misses are not printed, are the honest measure of how the rules generalise.
    let (dev, held_out): (Vec<_>, Vec<_>) = gold.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let dev = score(dev.into_iter().map(|(_, g)| g));
    print_table("development half (even positions)", &dev);
    print_table(
        "held-out half (odd positions)",
        &score(held_out.into_iter().map(|(_, g)| g)),
    );
    let scores = score(&gold);
    print_table("all", &scores);
    let failed = below(
        &scores,
        MEASURES.iter().map(|&(kind, floor, _)| (kind, floor)),
    );
    println!("misses and extras of the development half:");
    for (kind, s) in &dev {
        for m in &s.misses {
            println!("    {kind}: {m}");
        }
    }
    assert!(
        failed.is_empty(),
        "below the floor this test holds: {failed:?}"
    );
}

/// Other readers' labels of editions outside the gold set, KEPs only. Only their figures
/// are printed, but for the [`DEVELOPMENT_SETS`]: rules made from the others' misses would
/// make them development sets too.
#[test]
fn extractor_matches_other_readers_labels() {
    let mut seen: BTreeSet<String> = labels("tests/gold").into_iter().map(|g| g.file).collect();
    let mut failed = Vec::new();
    for &(dir, floors) in OTHER_READERS {
        let set = labels(dir);
        assert!(
            set.len() >= 18 && set.iter().all(|g| g.release.is_none() && g.sigs.is_none()),
            "{dir} labels KEPs alone, in 18 editions or more"
        );
        assert!(
            set.iter().all(|g| seen.insert(g.file.clone())),
            "{dir}'s editions are in no other labelled set"
        );
        let scores = score(&set);
        print_table(
            &format!("other readers' labels ({dir}, KEPs only)"),
            &scores,
        );
        if DEVELOPMENT_SETS.contains(&dir) {
            println!("misses and extras of {dir}, a development set:");
            for (kind, s) in &scores {
                for m in &s.misses {
                    println!("    {kind}: {m}");
                }
            }
        }
        failed.extend(
            below(&scores, floors.iter().copied())
                .into_iter()
                .map(|kind| format!("{dir}: {kind}")),
        );
    }
    assert!(
        failed.is_empty(),
        "below the floor this test holds: {failed:?}"
    );
}

/// Each measure of `scores`, with issue 17's goal beside it.
fn print_table(title: &str, scores: &BTreeMap<&str, Score>) {
    println!("{title}:");
    println!(
        "{:<16} {:>9} {:>7} {:>6} {:>6} {:>9}   goal (precision, recall)",
        "kind", "precision", "recall", "found", "gold", "correct"
    );
    for &(kind, (precision, _), (goal_precision, goal_recall)) in MEASURES {
        // A set that labels KEPs alone has no other measure.
        let Some(s) = scores.get(kind) else {
            continue;
        };
        let shown_precision = if precision.is_some() {
            format!("{:.3}", s.precision())
        } else {
            "-".into()
        };
        let goal = goal_precision.map_or(format!("-, {goal_recall}"), |p| {
            format!("{p}, {goal_recall}")
        });
        let met = goal_precision.is_none_or(|p| s.precision() >= p) && s.recall() >= goal_recall;
        println!(
            "{kind:<16} {shown_precision:>9} {:>7.3} {:>6} {:>6} {:>9}   {goal}{}",
            s.recall(),
            s.found,
            s.labelled,
            s.hits,
            if met { "" } else { " (not met)" }
        );
    }
}

/// The scores of the editions `gold` labels.
fn score<'g>(gold: impl IntoIterator<Item = &'g Gold>) -> BTreeMap<&'static str, Score> {
    let (content, taxonomy) = archive();
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    for g in gold {
        let index = content
            .editions
            .iter()
            .position(|e| e.source.file_name().is_some_and(|n| n == g.file.as_str()))
            .unwrap_or_else(|| panic!("{} is not in the archive", g.file));
        let tags = taxonomy.edition(index).unwrap();
        let found: BTreeSet<KepRef> = tags.kep_refs().into_iter().collect();
        // How a KEP was named is scored by recall alone: what is found is not split by how.
        // An extra KEP with how it was found and the sentence, to see the cause.
        let describe = |kep: &KepRef| {
            let m = tags.keps.iter().find(|m| m.kep == *kep).unwrap();
            format!("{kep} by {}: {}", m.how.as_str(), m.mention.text)
        };
        scores.entry("keps").or_default().add_described(
            &g.file,
            &found,
            &g.keps.iter().map(|k| KepRef(k.number)).collect(),
            describe,
        );
        for (how, kind) in [
            (How::Number, "keps by number"),
            (How::Link, "keps by link"),
            (How::Gate, "keps by gate"),
            (How::Name, "keps by name"),
        ] {
            let labelled = g
                .keps
                .iter()
                .filter(|k| k.how == how)
                .map(|k| KepRef(k.number))
                .collect();
            scores
                .entry(kind)
                .or_default()
                .add_recall(&g.file, &found, &labelled);
        }
        // A set that labels KEPs alone says nothing of the rest.
        let (Some(release), Some(sigs)) = (&g.release, &g.sigs) else {
            continue;
        };
        scores.entry("sigs").or_default().add(
            &g.file,
            &tags.sig_slugs().iter().map(|s| s.to_string()).collect(),
            &sigs.iter().cloned().collect(),
        );
        let release: ReleaseCycle = release.parse().unwrap();
        scores.entry("release").or_default().add(
            &g.file,
            &tags.cycle.into_iter().collect(),
            &BTreeSet::from([release]),
        );
        // A dated deadline is its date; an undated one its name.
        let key = |name: &str, date: Option<NaiveDate>| {
            date.map_or_else(|| words(name), |d| d.to_string())
        };
        scores.entry("deadlines").or_default().add(
            &g.file,
            // A milestone given two days (`March 20/21`) is one deadline with both.
            &tags
                .deadlines
                .iter()
                .flat_map(|d| {
                    let others = d.other_dates.iter().map(|&day| key(&d.name, Some(day)));
                    std::iter::once(key(&d.name, d.date)).chain(others)
                })
                .collect(),
            &g.deadlines.iter().map(|d| key(&d.name, d.date)).collect(),
        );
        // The labelled line is the line the extractor kept, as written.
        let texts: BTreeSet<&str> = tags.deadlines.iter().map(|d| &*d.mention.text).collect();
        for d in &g.deadlines {
            if !texts.contains(d.text.trim()) {
                scores
                    .get_mut("deadlines")
                    .unwrap()
                    .misses
                    .push(format!("{}: line not kept as written: {}", g.file, d.text));
            }
        }
    }
    scores
}

#[test]
fn deadlines_on_the_whole_archive() {
    let (content, taxonomy) = archive();
    // Every labelled line in the archive, counted here without the extractor.
    let lines: usize = content
        .editions
        .iter()
        .map(|e| {
            e.read_body()
                .unwrap()
                .markdown
                .lines()
                .filter(|l| {
                    let l = l.trim_start_matches(['*', '_', ' ']).to_lowercase();
                    l.starts_with("next deadline") || l.starts_with("next milestone")
                })
                .count()
        })
        .sum();
    let deadlines = &taxonomy.deadlines;
    let is_label = |text: &str| {
        let text = text.trim_start_matches(['*', '_', ' ']).to_lowercase();
        text.starts_with("next deadline") || text.starts_with("next milestone")
    };
    let labelled: BTreeSet<(&str, usize)> = deadlines
        .iter()
        .filter(|d| is_label(&d.mention.text))
        .map(|d| (&*d.mention.edition, d.mention.line))
        .collect();
    assert_eq!(
        labelled.len(),
        lines,
        "every Next Deadline/Milestone line gives deadlines"
    );
    let dated: Vec<_> = deadlines.iter().filter(|d| d.date.is_some()).collect();
    let share = dated.len() as f64 / deadlines.len() as f64;
    println!(
        "{} deadlines ({} labelled lines), {} dated ({:.1}%)",
        deadlines.len(),
        labelled.len(),
        dated.len(),
        share * 100.0
    );
    for d in deadlines.iter().filter(|d| d.date.is_none()) {
        println!("    undated: {} {}", d.mention.edition, d.mention.text);
    }
    assert!(share >= 0.95, "only {:.1}% dated", share * 100.0);
    let mut before = 0;
    for d in &dated {
        let days = (d.date.unwrap() - d.mention.edition_date).num_days();
        // Editions often come out a few days after the week they cover; the next deadline is
        // near, prose may look as far as the release ("postponed to August 4th").
        let window = if is_label(&d.mention.text) {
            -7..=90
        } else {
            -7..=200
        };
        assert!(
            window.contains(&days),
            "{} is {days} days from its edition {}: {}",
            d.date.unwrap(),
            d.mention.edition,
            d.mention.text
        );
        before += usize::from(days < 0);
    }
    println!("all dated deadlines within 90 days after their edition; {before} fall 1-7 days before its publication date");
    assert!(
        deadlines.iter().all(|d| d.release.is_some()),
        "every deadline has a release cycle"
    );
}

#[test]
fn the_seed_edition() {
    let (_, taxonomy) = archive();
    let tags = taxonomy
        .edition_by_url("/2022/20220209.html")
        .expect("the seed edition is indexed");
    let keps = tags.kep_refs();
    assert!(
        keps.contains(&KepRef(3136)) && keps.contains(&KepRef(2799)),
        "{keps:?}"
    );
    for not in [3137, 2800, 1990] {
        assert!(
            !keps.contains(&KepRef(not)),
            "{not} is a pull request, not a KEP"
        );
        assert!(
            tags.kep_prs.iter().any(|p| p.number == not),
            "PR {not} kept as a PR mention"
        );
    }
    assert_eq!(tags.cycle, Some("1.24".parse().unwrap()));
    let [deadline] = tags.deadlines.as_slice() else {
        panic!("{:?}", tags.deadlines)
    };
    assert_eq!(deadline.name, "Exceptions due");
    assert_eq!(deadline.date, NaiveDate::from_ymd_opt(2022, 3, 21));
    assert_eq!(deadline.release, Some("1.24".parse().unwrap()));
    let kep = &taxonomy.keps[&KepRef(3136)];
    // Its only heading is a pull request's title (`enhancements#3137: KEP-3136: beta apis off
    // by default`), which is never a KEP's title: kep.yaml's is.
    assert_eq!(kep.title.as_deref(), Some("Beta APIs Are Off by Default"));
    assert!(kep.mentions.iter().any(|m| m.mention.href()
        == "/2022/20220209.html#enhancements3137-kep-3136-beta-apis-off-by-default"));
}

#[test]
fn cycles_only_move_forward_one_at_a_time() {
    let (content, taxonomy) = archive();
    let cycles: Vec<ReleaseCycle> = taxonomy
        .editions
        .iter()
        .map(|t| t.cycle.expect("every edition has a cycle"))
        .collect();
    assert_eq!(
        cycles[0],
        "1.10".parse().unwrap(),
        "the archive starts in the 1.10 cycle"
    );
    for (i, w) in cycles.windows(2).enumerate() {
        assert!(
            w[1] == w[0] || w[1] == w[0].next(),
            "{} -> {} at {}",
            w[0],
            w[1],
            content.editions[i + 1].url
        );
    }
    assert_eq!(
        cycles.last().unwrap(),
        &"1.35".parse().unwrap(),
        "December 2025 is in the 1.35 cycle"
    );
}

#[test]
fn an_edition_that_says_a_cycle_has_begun_is_in_it() {
    let (_, taxonomy) = archive();
    // 2019-03-31 (published April 2nd): "We have begun the 1.15 release cycle!", a week after 1.14 shipped.
    let tags = taxonomy
        .edition_by_url("/2019/20190402.html")
        .or_else(|| taxonomy.edition_by_url("/2019/20190331.html"))
        .expect("the edition is indexed");
    assert_eq!(tags.cycle, Some("1.15".parse().unwrap()));
}

/// The archive indexed with the official release schedules of `../shared/upstream/sig-release`.
fn archive_with_schedules() -> &'static Taxonomy {
    static INDEX: OnceLock<Taxonomy> = OnceLock::new();
    INDEX.get_or_init(|| {
        let sig_release = common::upstream().join("sig-release");
        let (schedules, _) = lwkd_upstream::read_schedules(&sig_release);
        Taxonomy::index(
            &archive().0.editions,
            &lwkd_upstream::Upstream {
                schedules,
                ..Default::default()
            },
        )
        .unwrap()
    })
}

#[test]
fn with_the_official_schedules_every_gold_cycle_stays_right() {
    let (content, _) = archive();
    let taxonomy = archive_with_schedules();
    for g in labels("tests/gold") {
        let index = content
            .editions
            .iter()
            .position(|e| e.source.file_name().is_some_and(|n| n == g.file.as_str()))
            .unwrap();
        assert_eq!(
            taxonomy.edition(index).unwrap().cycle,
            g.release.map(|r| r.parse().unwrap()),
            "{}",
            g.file
        );
    }
    let begun = taxonomy
        .edition_by_url("/2019/20190402.html")
        .expect("2019-03-31 is indexed");
    assert_eq!(
        begun.cycle,
        Some("1.15".parse().unwrap()),
        "\"We have begun the 1.15 release cycle!\""
    );
}

/// 2025-09-07 announced "1.35 Release Cycle Starts, September" and 2025-09-14 gave its day:
/// the cycle lists that milestone once, with its day; an undated line of its own stays.
#[test]
fn a_milestone_announced_without_a_day_and_then_with_one_is_listed_once() {
    let taxonomy = archive_with_schedules();
    let named = |version: &str, words: &str| -> Vec<Option<String>> {
        taxonomy.releases[&version.parse().unwrap()]
            .deadlines
            .iter()
            .filter(|d| d.name.to_ascii_lowercase().contains(words))
            .map(|d| d.date.map(|day| day.to_string()))
            .collect()
    };
    assert_eq!(
        named("1.35", "cycle start"),
        [Some("2025-09-15".to_string())]
    );
    assert_eq!(named("1.19", "assemble 1.19 release team"), [None]);
}

#[test]
fn announced_deadlines_beside_the_official_schedule() {
    let taxonomy = archive_with_schedules();
    let compared: Vec<_> = taxonomy
        .releases
        .values()
        .flat_map(|r| &r.deadlines)
        .filter_map(|d| Some((d, d.official.as_ref()?)))
        .collect();
    let same_day = compared
        .iter()
        .filter(|(_, o)| o.days_apart == Some(0))
        .count();
    println!(
        "{} of the cycles' deadlines matched to an official milestone, {same_day} on the same day",
        compared.len()
    );
    for (d, o) in compared
        .iter()
        .filter(|(_, o)| o.days_apart.is_some_and(|days| days != 0))
    {
        println!(
            "    {} {:?} {:?} vs {} {:?}: {:?} days",
            d.mention.edition, d.name, d.date, o.name, o.date, o.days_apart
        );
    }
    // Real cases, read in the editions and the schedules: 1.24's code freeze was announced for
    // "March 29th/30th" (18:00 PDT the 29th, 01:00 UTC the 30th), and the schedule gives both
    // days: the same moment, the same day.
    let code_freeze_124 = compared
        .iter()
        .find(|(d, _)| d.mention.text.contains("Code Freeze, March 29th/30th"))
        .expect("1.24's code freeze line");
    assert_eq!(
        (
            code_freeze_124.1.date.to_string(),
            code_freeze_124.1.days_apart
        ),
        ("2022-03-29".to_string(), Some(0))
    );
    let release_124 = compared
        .iter()
        .find(|(d, o)| {
            d.release == Some("1.24".parse().unwrap())
                && o.milestone == lwkd_taxonomy::MilestoneKind::Release
        })
        .expect("1.24's release");
    assert_eq!(release_124.1.date.to_string(), "2022-05-03");
    assert!(
        same_day * 10 >= compared.len() * 7,
        "most announcements are the official day: {same_day} of {}",
        compared.len()
    );
    let r124 = &taxonomy.releases[&"1.24".parse().unwrap()];
    let official = r124
        .official
        .as_ref()
        .expect("1.24 has its official schedule");
    assert_eq!(
        (
            official.start.map(|d| d.to_string()),
            official.release.map(|d| d.to_string())
        ),
        (Some("2022-01-10".into()), Some("2022-05-03".into()))
    );
}
