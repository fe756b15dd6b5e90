//! Reading the real upstream data in `shared/upstream` (sparse checkouts of
//! kubernetes/enhancements, community and sig-release beside the project), and copies of it
//! broken on purpose.

use std::path::PathBuf;

use chrono::NaiveDate;
use lwkd_testdata::copy_tree;
use lwkd_upstream::{
    read, read_groups, read_keps, GroupKind, KepFacts, Meeting, Minor, Person, UpstreamDirs,
};

/// `shared/upstream` beside the project or a folder above it, as the workspace's tests find the archive.
fn upstream() -> PathBuf {
    lwkd_testdata::upstream()
}

fn v1(minor: u16) -> Option<Minor> {
    Some(Minor { major: 1, minor })
}

#[test]
fn kep_753_reads_as_its_kep_yaml_says() {
    let (keps, warnings) = read_keps(&upstream().join("enhancements"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let sidecars = keps.iter().find(|k| k.number == 753).expect("KEP-753");
    let expected = KepFacts {
        number: 753,
        title: "Sidecar Containers".into(),
        owning_sig: "sig-node".into(),
        participating_sigs: vec!["sig-scheduler".into(), "sig-apps".into()],
        status: Some("implemented".into()),
        stage: Some("stable".into()),
        latest_milestone: v1(33),
        alpha: v1(28),
        beta: v1(29),
        stable: v1(33),
        feature_gates: vec!["SidecarContainers".into()],
        authors: vec![
            "SergeyKanzhelev".into(),
            "matthyx".into(),
            "jpbetz".into(),
            "gjkim42".into(),
        ],
        creation_date: NaiveDate::from_ymd_opt(2018, 5, 14),
        last_updated: NaiveDate::from_ymd_opt(2025, 1, 23),
        folder: "keps/sig-node/753-sidecar-containers".into(),
    };
    assert_eq!(*sidecars, expected);
}

/// Every kep.yaml with a number is a KEP: `NNNN-kep-template` is not, nor the five `0000-`
/// folders (the cloud providers' template, and three early documents numbered `0000`: the
/// KEP process, the community forum, the anago-to-krel migration); nothing is numbered 0.
#[test]
fn every_kep_but_the_templates() {
    let enhancements = upstream().join("enhancements");
    let files = walkdir::WalkDir::new(enhancements.join("keps"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_name() == "kep.yaml")
        .count();
    assert_eq!(files, 656, "the snapshot's kep.yaml files");
    let (keps, warnings) = read_keps(&enhancements);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        keps.len(),
        656 - 1 - 4,
        "all but the template and the `0000-` folders"
    );
    assert!(!keps.iter().any(|k| k.folder.ends_with("0000-kep-process")));
    assert!(keps
        .iter()
        .all(|k| k.number != 0 && !k.folder.contains("/0000-") && !k.folder.contains("NNNN")));
    assert!(
        keps.windows(2).all(|w| w[0].number <= w[1].number),
        "by number"
    );
    // Nested under an area (`keps/sig-cluster-lifecycle/kubeadm/...`), with a quoted `kep-number`.
    let kubeadm = keps.iter().find(|k| k.number == 970).unwrap();
    assert_eq!(
        kubeadm.folder,
        "keps/sig-cluster-lifecycle/kubeadm/970-kubeadm-config"
    );
    // Every KEP of the snapshot has a title and an owning SIG.
    assert!(
        keps.iter()
            .all(|k| !k.title.is_empty() && k.owning_sig.starts_with("sig-")),
        "{:?}",
        keps.iter().find(|k| k.title.is_empty())
    );
    // Authors are GitHub handles: KEP-589's second entry, "with input from @bgrant0607,
    // @dchen1107, ...", is a note, not a handle.
    let is_handle =
        |a: &String| !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    assert!(
        keps.iter().all(|k| k.authors.iter().all(is_handle)),
        "{:?}",
        keps.iter().find(|k| !k.authors.iter().all(is_handle))
    );
    let heartbeat = keps.iter().find(|k| k.number == 589).unwrap();
    assert_eq!(heartbeat.authors, ["wojtek-t"]);
}

#[test]
fn a_broken_kep_yaml_is_a_warning_at_its_line_and_the_others_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let node = tmp.path().join("keps/sig-node");
    copy_tree(&upstream().join("enhancements/keps/sig-node"), &node);
    let broken = node.join("753-sidecar-containers/kep.yaml");
    let text = std::fs::read_to_string(&broken).unwrap();
    // The `status:` line gets a second colon, which YAML does not allow there.
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("status:") {
                "status: implemented: yes".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    let status_line = lines.iter().position(|l| l.starts_with("status:")).unwrap() + 1;
    std::fs::write(&broken, lines.join("\n")).unwrap();

    let (keps, warnings) = read_keps(tmp.path());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = warnings[0].to_string();
    assert!(
        warning.starts_with(&format!("{}:", broken.display())),
        "{warning}"
    );
    assert_eq!(
        warnings[0].line, status_line,
        "the line of the YAML error: {warning}"
    );
    assert!(
        warning.contains("does not parse") && warning.contains("left out"),
        "{warning}"
    );
    assert!(keps.iter().all(|k| k.number != 753));
    let (all, _) = read_keps(&upstream().join("enhancements"));
    assert_eq!(
        keps.len(),
        all.iter()
            .filter(|k| k.folder.starts_with("keps/sig-node/"))
            .count()
            - 1,
        "every other KEP of sig-node is read"
    );
}

#[test]
fn a_missing_upstream_folder_is_a_warning_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let nowhere = tmp.path().join("nowhere");
    let read = read(
        &UpstreamDirs::under(&nowhere),
        Some(&tmp.path().join("cache")),
    );
    assert!(read.keps.is_empty() && read.groups.is_empty() && read.schedules.is_empty());
    let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings[0].starts_with(&format!(
            "{}: no such folder",
            nowhere.join("enhancements").display()
        )),
        "{warnings:?}"
    );
    // A checkout that is there is read even when another is missing.
    let dirs = UpstreamDirs {
        community: None,
        ..UpstreamDirs::under(&upstream())
    };
    let dirs = UpstreamDirs {
        sig_release: Some(nowhere.clone()),
        ..dirs
    };
    let some = lwkd_upstream::read(&dirs, None);
    assert_eq!(some.keps.len(), 651);
    assert_eq!(some.warnings.len(), 1, "{:?}", some.warnings);
    // Without a sigs.yaml, a community folder gives no groups and no warning.
    assert_eq!(read_groups(tmp.path()), (Vec::new(), Vec::new()));
}

#[test]
fn sigs_yaml_groups_with_their_leaders_and_contacts() {
    let (groups, warnings) = read_groups(&upstream().join("community"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let dirs: Vec<&str> = groups.iter().map(|g| g.dir.as_str()).collect();
    for dir in [
        "sig-node",
        "sig-k8s-infra",
        "wg-workload-aware-scheduling",
        "wg-ai-gateway",
        "committee-steering",
    ] {
        assert!(dirs.contains(&dir), "{dir} in {dirs:?}");
    }
    assert_eq!(
        groups.len(),
        24 + 8 + 3,
        "24 SIGs, 8 working groups, 3 committees, no user groups"
    );
    let node = groups.iter().find(|g| g.dir == "sig-node").unwrap();
    assert_eq!((node.name.as_str(), node.kind), ("Node", GroupKind::Sig));
    assert!(
        node.mission.as_deref().is_some_and(|m| m.starts_with(
            "SIG Node is responsible for the components that support the controlled interactions"
        )),
        "{:?}",
        node.mission
    );
    assert_eq!(
        node.chairs[0],
        Person {
            github: "SergeyKanzhelev".into(),
            name: Some("Sergey Kanzhelev".into())
        }
    );
    assert_eq!(node.chairs.len(), 3);
    assert_eq!(
        node.tech_leads
            .iter()
            .map(|p| p.github.as_str())
            .collect::<Vec<_>>(),
        ["dchen1107", "derekwaynecarr", "mrunalp"]
    );
    assert_eq!(node.slack.as_deref(), Some("sig-node"));
    assert_eq!(
        node.mailing_list.as_deref(),
        Some("https://groups.google.com/a/kubernetes.io/g/sig-node")
    );
    assert_eq!(
        node.meetings[0],
        Meeting {
            description: "Main SIG Meeting".into(),
            when: "Tuesday 10:00 PT (Pacific Time), weekly".into(),
            url: Some("https://zoom.us/j/91437143016?pwd=pUErbBMFOiIAN3ZE9gpPR6skpHYeuo.1".into()),
        }
    );
    assert!(
        node.subprojects.iter().any(|s| s == "cri-tools")
            && node.subprojects.iter().any(|s| s == "kubelet"),
        "{:?}",
        node.subprojects
    );
    let was = groups
        .iter()
        .find(|g| g.dir == "wg-workload-aware-scheduling")
        .unwrap();
    assert_eq!(
        (was.name.as_str(), was.kind),
        ("Workload-aware Scheduling", GroupKind::WorkingGroup)
    );
    assert_eq!(
        groups
            .iter()
            .find(|g| g.dir == "committee-steering")
            .unwrap()
            .kind,
        GroupKind::Committee
    );
}

#[test]
fn a_broken_sigs_yaml_is_a_warning_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(upstream().join("community/sigs.yaml")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(3, "  name: [API Machinery");
    std::fs::write(tmp.path().join("sigs.yaml"), lines.join("\n")).unwrap();
    let (groups, warnings) = read_groups(tmp.path());
    assert!(groups.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .to_string()
            .starts_with(&format!("{}:", tmp.path().join("sigs.yaml").display())),
        "{}",
        warnings[0]
    );
    assert!((4..=6).contains(&warnings[0].line), "{}", warnings[0]);
}

/// The cache gives back what reading gives, and reads again when a file changes.
#[test]
fn the_cache_reads_back_what_was_read_until_a_file_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let enhancements = tmp.path().join("enhancements");
    copy_tree(
        &upstream().join("enhancements/keps/sig-node"),
        &enhancements.join("keps/sig-node"),
    );
    copy_tree(&upstream().join("community"), &tmp.path().join("community"));
    let dirs = UpstreamDirs {
        sig_release: None,
        ..UpstreamDirs::under(tmp.path())
    };
    let cache = tmp.path().join("cache");
    let fresh = read(&dirs, None);
    assert!(fresh.keps.len() > 100 && !fresh.groups.is_empty() && fresh.warnings.is_empty());
    assert_eq!(read(&dirs, Some(&cache)), fresh, "a cold read");
    assert!(cache.join("upstream.bin").is_file());
    assert_eq!(read(&dirs, Some(&cache)), fresh, "read back from the cache");

    let file = enhancements.join("keps/sig-node/753-sidecar-containers/kep.yaml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("title: Sidecar Containers", "title: Sidecars");
    std::fs::write(&file, text).unwrap();
    let edited = read(&dirs, Some(&cache));
    assert_eq!(
        edited.keps.iter().find(|k| k.number == 753).unwrap().title,
        "Sidecars"
    );
    assert_eq!(edited, read(&dirs, None));
}
