//! No `kep.yaml`, `sigs.yaml`, release schedule or cache file, however broken, makes reading
//! the upstream checkouts panic: the real files, mutated, and arbitrary bytes are read into
//! facts or warnings at a line of the file.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use lwkd_upstream::{
    parse_schedule, read, read_groups, read_keps, read_schedules, Minor, UpstreamDirs, Warning,
};
use proptest::prelude::*;

fn upstream() -> PathBuf {
    lwkd_testdata::upstream()
}

/// Every real `kep.yaml` and release schedule, once.
fn real_files() -> &'static (Vec<PathBuf>, Vec<PathBuf>) {
    static FILES: OnceLock<(Vec<PathBuf>, Vec<PathBuf>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let named = |dir: PathBuf, name: &str| -> Vec<PathBuf> {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_name() == name)
                .map(walkdir::DirEntry::into_path)
                .collect();
            files.sort();
            files
        };
        let files = (
            named(upstream().join("enhancements/keps"), "kep.yaml"),
            named(upstream().join("sig-release/releases"), "README.md"),
        );
        assert!(files.0.len() > 600 && files.1.len() > 30);
        files
    })
}

/// An edit of a file: bytes removed at a place, then others put there.
#[derive(Debug, Clone)]
struct Edit {
    at: usize,
    remove: usize,
    insert: Vec<u8>,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let insert = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..8),
        "(\n|: |- |\\[|\\{|'|\"|&a |\\*a |!!binary |---\n|\\| |<tr>|</table>|0|-1|99999999999|v1\\.65535|2026|31st|February|Tue)"
            .prop_map(String::into_bytes),
    ];
    let edit = (any::<usize>(), 0..40usize, insert).prop_map(|(at, remove, insert)| Edit {
        at,
        remove,
        insert,
    });
    proptest::collection::vec(edit, 1..6)
}

fn edited(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let at = e.at % (bytes.len() + 1);
        let end = (at + e.remove).min(bytes.len());
        bytes.splice(at..end, e.insert.iter().copied());
    }
    bytes
}

/// A warning points at a line the file has (or at the file as a whole).
fn on_a_line(warnings: &[Warning], bytes: &[u8]) -> Result<(), TestCaseError> {
    let lines = bytes.split(|b| *b == b'\n').count();
    for w in warnings {
        prop_assert!(w.line <= lines + 1, "{w} (the file has {lines} lines)");
        prop_assert!(!w.message.is_empty());
    }
    Ok(())
}

/// `bytes` as the only `kep.yaml` of an enhancements checkout, read.
fn read_kep(bytes: &[u8]) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("keps/sig-node/753-sidecar-containers");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("kep.yaml"), bytes).unwrap();
    let (keps, warnings) = read_keps(tmp.path());
    // One KEP or one warning; nothing only for a file that says it is KEP 0, a template
    // (four real files are: `0000-kep-process`, ...).
    let says_kep_0 = String::from_utf8_lossy(bytes).lines().any(|line| {
        line.strip_prefix("kep-number:")
            .is_some_and(|n| n.trim().trim_matches(['"', '\'']).parse() == Ok(0u32))
    });
    let read = keps.len() + warnings.len();
    prop_assert!(
        read == 1 || (read == 0 && says_kep_0),
        "{keps:?} {warnings:?}"
    );
    prop_assert!(keps.iter().all(|k| k.number != 0));
    on_a_line(&warnings, bytes)
}

fn read_sigs(bytes: &[u8]) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("sigs.yaml"), bytes).unwrap();
    let (groups, warnings) = read_groups(tmp.path());
    prop_assert!(groups.windows(2).all(|g| g[0].dir <= g[1].dir));
    prop_assert!(groups.iter().all(|g| !g.dir.is_empty()));
    on_a_line(&warnings, bytes)
}

fn read_schedule(text: &str, minor: u16, previous: Option<NaiveDate>) -> Result<(), TestCaseError> {
    let (schedule, problems) = parse_schedule(text, Minor { major: 1, minor }, previous);
    let lines = text.lines().count();
    for (line, message) in &problems {
        prop_assert!((1..=lines + 1).contains(line), "{line}: {message}");
    }
    if let Some(s) = schedule {
        prop_assert!(s.milestones.windows(2).all(|m| m[0].date <= m[1].date));
    } else {
        prop_assert!(!problems.is_empty(), "no schedule and no word why");
    }
    Ok(())
}

/// Any date chrono has, its ends and LWKD's years drawn often.
fn any_date() -> impl Strategy<Value = Option<NaiveDate>> {
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    let day = |d: i32| NaiveDate::from_num_days_from_ce_opt(d);
    prop_oneof![
        Just(None),
        (min..=max).prop_map(day),
        (min..min + 60).prop_map(day),
        (max - 400..=max).prop_map(day),
        (736_695..740_000).prop_map(day),
    ]
}

/// A `release-1.65535` folder followed by `release-2.0` overflowed the minor that finds
/// the previous cycle (a panic in a debug build).
/// 100,000 `[` (100 KB) took the parser 12 s to refuse; the depth is found first.
#[test]
fn a_kep_yaml_nested_too_deep_is_a_warning_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("keps/sig-node/753-sidecar-containers");
    std::fs::create_dir_all(&folder).unwrap();
    let yaml = format!("title: Sidecars\nstage: {}\n", "[".repeat(100_000));
    std::fs::write(folder.join("kep.yaml"), yaml).unwrap();
    let (keps, warnings) = read_keps(tmp.path());
    assert!(keps.is_empty());
    let [warning] = warnings.as_slice() else {
        panic!("{warnings:?}")
    };
    assert_eq!(warning.line, 2);
    assert!(
        warning
            .message
            .contains("nested more than 64 lists or maps deep"),
        "{warning}"
    );
}

#[test]
fn the_last_minor_a_folder_can_name_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let real =
        std::fs::read(upstream().join("sig-release/releases/release-1.30/README.md")).unwrap();
    for folder in ["release-1.65535", "release-2.0"] {
        let dir = tmp.path().join("releases").join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("README.md"), &real).unwrap();
    }
    let (schedules, _) = read_schedules(tmp.path());
    assert_eq!(schedules.len(), 2);
    // No cycle to count from, nor a day before the first: the file's own years date it.
    let (schedule, _) = parse_schedule(
        std::str::from_utf8(&real).unwrap(),
        Minor {
            major: 1,
            minor: 30,
        },
        Some(NaiveDate::MIN),
    );
    assert_eq!(schedule.unwrap().release().map(|d| d.year()), Some(2024));
}

/// A cache file changed in place (a byte of its compressed entry, here) is a miss: what is
/// read is what the files say, never what the damaged cache says.
#[test]
fn a_damaged_cache_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let keps = tmp
        .path()
        .join("enhancements/keps/sig-node/753-sidecar-containers");
    std::fs::create_dir_all(&keps).unwrap();
    std::fs::copy(
        upstream().join("enhancements/keps/sig-node/753-sidecar-containers/kep.yaml"),
        keps.join("kep.yaml"),
    )
    .unwrap();
    let dirs = UpstreamDirs {
        enhancements: Some(tmp.path().join("enhancements")),
        ..UpstreamDirs::default()
    };
    let cache = tmp.path().join("cache");
    let fresh = read(&dirs, None);
    assert_eq!(read(&dirs, Some(&cache)), fresh);
    let file = cache.join("upstream.bin");
    let mut bytes = std::fs::read(&file).unwrap();
    let inside = bytes.len() - 8;
    bytes[inside] ^= 0x20;
    // Cut below its first line it is no cache of ours: a miss without a word.
    for (len, warned) in [(bytes.len(), true), (bytes.len() / 2, true), (10, false)] {
        std::fs::write(&file, &bytes[..len]).unwrap();
        let mut damaged = read(&dirs, Some(&cache));
        let warnings = std::mem::take(&mut damaged.warnings);
        assert_eq!(damaged, fresh, "cut at {len}");
        assert_eq!(
            warnings.len(),
            usize::from(warned),
            "cut at {len}: {warnings:?}"
        );
        if warned {
            assert!(warnings[0]
                .to_string()
                .contains("upstream.bin: the upstream cache is damaged"));
        }
        assert_eq!(
            read(&dirs, Some(&cache)),
            fresh,
            "replaced after cut at {len}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn real_kep_yaml_mutated_reads_without_a_panic(pick in any::<prop::sample::Index>(), edits in edits()) {
        let files = &real_files().0;
        let bytes = std::fs::read(pick.get(files)).unwrap();
        read_kep(&edited(bytes, &edits))?;
    }

    #[test]
    fn any_kep_yaml_reads_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        read_kep(&bytes)?;
    }

    #[test]
    fn real_sigs_yaml_mutated_reads_without_a_panic(edits in edits()) {
        let bytes = std::fs::read(upstream().join("community/sigs.yaml")).unwrap();
        read_sigs(&edited(bytes, &edits))?;
    }

    #[test]
    fn any_sigs_yaml_reads_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        read_sigs(&bytes)?;
    }

    #[test]
    fn real_schedules_mutated_read_without_a_panic(
        pick in any::<prop::sample::Index>(),
        edits in edits(),
        minor in any::<u16>(),
        previous in any_date(),
    ) {
        let bytes = std::fs::read(pick.get(&real_files().1)).unwrap();
        let text = String::from_utf8_lossy(&edited(bytes, &edits)).into_owned();
        read_schedule(&text, minor, previous)?;
    }

    #[test]
    fn any_schedule_reads_without_a_panic(
        rows in proptest::collection::vec("\\| (\\*\\*)?(What|When|Jan|Code Freeze|v1\\.[0-9]+\\.0 released|[a-z ]{0,6}) (\\*\\*)?\\| ((Mon|Tue|Weds)(day)?,? )?([0-9]{1,3}(st|th)? )?((Feb|March|Dec) ?)?([0-9]{1,3},? )?(20[0-9]{2}|262143)?\\PC{0,3} \\|", 0..8),
        minor in any::<u16>(),
        previous in any_date(),
    ) {
        let text = format!("| What | When |\n| --- | --- |\n{}\n", rows.join("\n"));
        read_schedule(&text, minor, previous)?;
    }
}
