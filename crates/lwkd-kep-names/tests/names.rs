//! KEPs named by gate and by name, against the real kep.yaml files of `shared/upstream`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use lwkd_content::SectionKind;

use lwkd_kep_names::{FoundBy, ItemText, KepCatalog, KepRef};

/// The catalog of every kep.yaml in `shared/upstream/enhancements`.
static CATALOG: LazyLock<KepCatalog> = LazyLock::new(|| {
    let upstream = lwkd_testdata::upstream();
    let (keps, _) = lwkd_upstream::read_keps(&upstream.join("enhancements"));
    let (schedules, _) = lwkd_upstream::read_schedules(&upstream.join("sig-release"));
    KepCatalog::new(&keps, &schedules)
});

/// The KEPs `text` names by gate or name, as an item of Other Merges in 2025.
fn named(text: &str) -> Vec<(u32, FoundBy)> {
    named_on(text, (2025, 6, 1))
}

/// The KEPs `text` names by gate or name, as an item of Other Merges on a day.
fn named_on(text: &str, (y, m, d): (i32, u32, u32)) -> Vec<(u32, FoundBy)> {
    let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    CATALOG
        .find(&ItemText {
            prose: text,
            section: SectionKind::OtherMerges,
            known: &[],
            about_known: false,
            heading_named: &[],
            dated: date,
        })
        .into_iter()
        .map(|n| (n.kep.0, n.how))
        .collect()
}

/// Each of `lines`, on its day, names KEP `kep` or not, as it says.
fn assert_names_each(lines: &[(&str, (i32, u32, u32), bool)], kep: u32) {
    for &(line, day, named) in lines {
        assert_eq!(names(line, day, kep), named, "{line}");
    }
}

/// Whether `text`, on a day, names KEP `kep` by gate or name.
fn names(text: &str, day: (i32, u32, u32), kep: u32) -> bool {
    named_on(text, day).iter().any(|(k, _)| *k == kep)
}

#[test]
fn gates_name_their_kep_in_backticks_or_not() {
    assert_eq!(
        named("`SidecarContainers` graduates to beta"),
        [(753, FoundBy::Gate)]
    );
    assert_eq!(
        named("Bug fix for an issue with state un-marshalling in InPlacePodVerticalScaling"),
        [(1287, FoundBy::Gate)]
    );
    // Part of a longer identifier is not the gate.
    assert!(named("the SidecarContainersFoo field").is_empty());
    // Placeholders some kep.yaml files list (`NA` in KEP-5304, `None` in KEP-3314).
    assert!(named("NA for now; None of these").is_empty());
}

/// `DynamicResourceAllocation` is listed by KEP-3063 (alpha 1.26, withdrawn), KEP-3695
/// and KEP-4381 (alpha 1.30, beta 1.32, stable 1.34).
#[test]
fn a_shared_gate_names_the_kep_whose_stage_and_release_the_item_gives() {
    assert_eq!(
        named("DynamicResourceAllocation to GA in 1.34"),
        [(4381, FoundBy::Gate)]
    );
    assert_eq!(
        named("DynamicResourceAllocation graduates to beta for v1.32"),
        [(4381, FoundBy::Gate)]
    );
    // No stage or release: left out.
    assert!(named("Fix a race in DynamicResourceAllocation").is_empty());
    // Unless one owner alone had shipped its alpha (2025-07-27): KEP-2837, not the KEPs
    // that build on its gate for later releases.
    let hugepages = "PodLevelResources propagate Pod level hugepage cgroup to containers";
    assert_eq!(named_on(hugepages, (2025, 7, 30)), [(2837, FoundBy::Gate)]);
    // Named by number too: that KEP.
    let found = CATALOG.find(&ItemText {
        prose: "KEP-3063: DynamicResourceAllocation",
        section: SectionKind::OtherMerges,
        known: &[KepRef(3063)],
        about_known: true,
        heading_named: &[],
        dated: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
    });
    assert!(found.is_empty(), "the number already names it: {found:?}");
}

/// `PodSchedulingReadiness` is listed by KEP-3521 "Pod Scheduling Readiness" and KEP-3838
/// "Mutable Pod scheduling directives when gated", both beta 1.27 and stable 1.30: the KEP
/// named after it. Real lines: 2023-03-12, 2024-03-03.
#[test]
fn a_gate_shared_at_the_same_milestones_names_the_kep_named_after_it() {
    let on = (2024, 3, 3);
    assert_eq!(
        named_on("The new PodSchedulingReadiness feature gates pods", on),
        [(3521, FoundBy::Gate)]
    );
    assert_eq!(
        named_on("[PodSchedulingReadiness to GA]", on),
        [(3521, FoundBy::Gate)]
    );
    // KEP-3063 "Dynamic resource allocation" is named after its gate, but withdrawn.
    assert!(named("Fix a race in DynamicResourceAllocation").is_empty());
}

#[test]
fn names_from_titles_folders_and_aliases() {
    assert_eq!(
        named("Sidecar containers graduate to GA"),
        [(753, FoundBy::Name)]
    );
    assert_eq!(
        named("User namespaces support is on by default"),
        [(127, FoundBy::Name)]
    );
    assert_eq!(
        named("In-place pod resize: fix the allocated status"),
        [(1287, FoundBy::Name)]
    );
    // In 2021, when it was news (stable in 1.22).
    assert_eq!(
        named_on(
            "Server-side apply supports optional listMapKeys",
            (2021, 6, 1)
        ),
        [(555, FoundBy::Name)]
    );
    assert_eq!(
        named_on(
            "Priority and Fairness allows ConcurrencyShares to be zero",
            (2024, 2, 11)
        ),
        [(1040, FoundBy::Name)]
    );
    // 2025-01-26: kubeadm's gate for KEP-4471, which its kep.yaml does not list.
    assert_eq!(
        named_on(
            "[ControlPlaneKubeletLocalMode](          ) to beta",
            (2025, 1, 26)
        ),
        [(4471, FoundBy::Name)]
    );
    // 2021-11-07: KEP-1682's gate under its real name, which its kep.yaml does not give.
    assert_eq!(
        named_on("[CSIVolumeFSGroupPolicy is GA](          )", (2021, 11, 7)),
        [(1682, FoundBy::Name)]
    );
    // 2020-02-16: KEP-624 "Scheduling Framework" as the archive calls it.
    assert_eq!(
        named_on(
            "Scheduler Framework [removes `FilteredNodeStatuses`](          )",
            (2020, 2, 18)
        ),
        [(624, FoundBy::Name)]
    );
}

#[test]
fn generic_words_of_titles_name_nothing() {
    // Words of titles ("In-place Update of Pod Resources", "Support User Namespaces", ...) alone.
    assert!(named("Update pod resources for the container, support the API").is_empty());
    // 2020-12-15: "immutable field" is not KEP-1101 "Immutable Fields".
    assert!(named("Previously all pods would have to be recreated due to imagePullPolicy being an immutable field").is_empty());
    // 2022-08-31: non-graceful node shutdown is not KEP-2000 "Graceful Node Shutdown".
    assert!(
        !named("Testing Work: HPA scaling, non-graceful node shutdown, APF concurrency")
            .iter()
            .any(|(k, _)| *k == 2000)
    );
    // Phrases do not span sentences (2019-01-14: "... a plugin manager for kubectl.  Plugins for ...").
    assert!(
        named("a plugin manager for kubectl.  Plugins for kubectl have been stable")
            .iter()
            .all(|(k, _)| *k != 2379)
    );
    assert!(named("a mutating admission webhook fix").is_empty());
    // 2024-04-21, 2025-06-29: DRA's kubelet plugin API, not KEP-4188 "New kubelet gRPC API
    // with endpoint returning local pods information" (alpha 1.36).
    for (text, day) in [
        ("Remove deprecated v1alpha2 Kubelet gRPC API", (2024, 4, 23)),
        (
            "DRA: the v1alpha4 kubelet gRPC API is no longer supported",
            (2025, 7, 4),
        ),
    ] {
        assert!(!names(text, day, 4188), "{text}");
    }
}

/// The KEP files of the former numberings, as the archive links them (2018-2020), by the
/// name after their number.
#[test]
fn former_kep_files_are_the_keps_of_their_name() {
    let became = |name: &str| CATALOG.by_former_file(name).map(|k| k.0);
    // Folder names: `624-scheduling-framework`, `600-dynamic-audit-configuration`.
    assert_eq!(became("scheduling-framework"), Some(624));
    assert_eq!(became("dynamic-audit-configuration"), Some(600));
    // A title: KEP-1206 "Kubernetes Metrics Overhaul" (folder `1206-metrics-overhaul`).
    assert_eq!(became("kubernetes-metrics-overhaul"), Some(1206));
    // A one-word title: KEP-583 "Coscheduling" (`34-20180703-coscheduling.md`, 2019-01-13).
    assert_eq!(became("coscheduling"), Some(583));
    // A run of words of one KEP's name, before its first preposition: KEP-589 "Efficient
    // Node Heartbeat" (`0009-node-heartbeat.md`, 2018-07-02, 2018-08-26).
    assert_eq!(became("node-heartbeat"), Some(589));
    // Its words in another order: KEP-2342 "exposing hashed storage versions via the
    // discovery API" (`35-storage-version-hash.md`, 2019-02-03), not KEP-2343, whose
    // folder `automated-storage-version-migration-with-storage-version-hash` has them after
    // its preposition.
    assert_eq!(became("storage-version-hash"), Some(2342));
    // Written without a space: KEP-950's `liveness-probe-holdoff`
    // (`20190221-livenessprobe-holdoff.md`, 2019-09-01).
    assert_eq!(became("livenessprobe-holdoff"), Some(950));
    // Words no one KEP's name holds: `20200123-client-go-ctx.md` (KEP-1601's
    // `client-go-context`, 2020-03-08) is left unnamed.
    assert_eq!(became("client-go-ctx"), None);
}

/// `&` reads as "and": KEP-1040 "Priority and Fairness for API Server Requests" (real lines,
/// 2021-06-13 and 2022-10-30).
#[test]
fn an_ampersand_is_and() {
    assert_eq!(
        named_on(
            "Add current usage metric for Priority & Fairness",
            (2021, 6, 13)
        ),
        [(1040, FoundBy::Name)]
    );
    assert_eq!(
        named_on(
            "Priority & Fairness adds \"seat borrowing\"",
            (2022, 10, 30)
        ),
        [(1040, FoundBy::Name)]
    );
}

/// A phrase written as one word: "ephemeralcontainers" is KEP-277 "Ephemeral Containers"
/// (2021-04-25, outside the gold set).
#[test]
fn a_phrase_written_as_one_word() {
    assert_eq!(
        named_on(
            "#101034: Switch alpha Pod ephemeralcontainers API to use Pod kind",
            (2021, 4, 25)
        ),
        [(277, FoundBy::Name)]
    );
}

/// A KEP whose kep.yaml gives no milestone moves in the cycle it was written in: KEP-2360
/// "optional service environment variables" (created 2018), in 2018-09-30, outside the
/// gold set; not two years on.
#[test]
fn a_kep_without_milestones_moves_when_written() {
    let line = "#68754: Make service environment variables optional";
    assert_eq!(named_on(line, (2018, 9, 30)), [(2360, FoundBy::Name)]);
    assert!(named_on(line, (2020, 9, 30)).is_empty());
    // 2019-02-03 tells KEP-2342 "exposing hashed storage versions via the discovery API" by
    // `DiscoveryAPI`, which is two words of its title joined, not an identifier of the KEP:
    // not found since that rule.
    let line =
        "The DiscoveryAPI now offers a StorageVersionHash for appropriate objects, per the KEP";
    assert!(named_on(line, (2019, 2, 3)).is_empty());
}

/// "memory manager" names KEP-1769 "Memory Manager" and the CPUManager policy KEPs' component
/// alike: only an item that moves KEP-1769 (beta in 1.22) names it.
#[test]
fn a_generic_phrase_names_its_kep_as_it_moves() {
    // 2021-06-27, in the 1.22 cycle.
    let moving = "kubelet memory manager to beta and on by default, and extend pod resource API to support it";
    assert_eq!(named_on(moving, (2021, 6, 27)), [(1769, FoundBy::Name)]);
    // No stage, or not the cycle it moves in.
    assert!(named_on("Fix a memory manager panic", (2021, 6, 27)).is_empty());
    assert!(named_on(moving, (2023, 6, 27)).is_empty());
}

/// The week after a release, an item tells what moved in it: 2020-03-29, after 1.18 shipped
/// (KEP-693 "Topology Manager" went beta in 1.18), is in the 1.19 cycle.
#[test]
fn a_generic_phrase_names_its_kep_moving_in_the_release_named() {
    let shipped = "[Kubernetes 1.18](       ) is out!  This release, coming out just a day late due to [an unexpected XFS issue](        ),
focused mostly on advancing existing alpha features to beta or GA.  Advancing features include Topology Manager, Block Storage, Taint-Based Eviction, and Servside Apply.";
    assert!(named_on(shipped, (2020, 3, 31)).contains(&(693, FoundBy::Name)));
    // 1.19 is not the release it went beta in.
    let other = shipped.replace("1.18", "1.19");
    assert!(!named_on(&other, (2020, 3, 31)).contains(&(693, FoundBy::Name)));
}

/// In the cycle a KEP goes alpha in, its component is being built: 2019-07-21 (1.16's cycle,
/// KEP-693 "Node Topology Manager" alpha in 1.16) tells of the topology manager with no stage.
/// Not in an item that names another KEP, whose topic it brushes, nor in another cycle.
#[test]
fn a_generic_phrase_names_its_kep_in_the_cycle_it_goes_alpha() {
    let line = "cpumanager and topology manager error out on an invalid policy instead of silently reverting to default";
    assert!(named_on(line, (2019, 7, 21)).contains(&(693, FoundBy::Name)));
    assert!(!named_on(line, (2020, 7, 21)).contains(&(693, FoundBy::Name)));
    let other = format!("{line}, as `PodOverhead` does");
    assert!(!named_on(&other, (2019, 7, 21)).contains(&(693, FoundBy::Name)));
}

/// "DRA" alone is KEP-3063's (dynamic resource allocation) in 2023; from 2024, when KEP-4381
/// "DRA Structured Parameters" began the DRA KEPs, it names none of them.
#[test]
fn a_short_form_names_its_kep_until_a_family_of_keps_shares_it() {
    assert_names_each(
        &[
            ("DRA: Deallocate unused ResourceClaims", (2023, 7, 9), true),
            ("Reuse gRPC connections for DRA", (2023, 8, 20), true),
            ("DRA resource quotas implemented", (2024, 7, 28), false),
        ],
        3063,
    );
}

/// KEP-95 "Graduate CustomResourceDefinitions to GA" and KEP-492 "Graduate Admission Webhooks
/// to GA" record no milestone: their generic phrases name them in an item that gives the
/// stage their title does, up to three releases after the cycle they record last.
#[test]
fn a_graduation_without_milestones_is_named_with_its_stage() {
    let crd = "The CustomResourceDefinition has graduated from beta to GA!";
    assert!(names(crd, (2019, 8, 18), 95));
    assert!(!names(
        "CustomResourceDefinition gets a new field",
        (2019, 8, 18),
        95
    ));
    assert!(!names(crd, (2021, 8, 18), 95));
    let webhooks = "Big congrats to SIG-ApiMachinery and all the other groups that have worked on getting the admission webhook system to GA status!";
    assert!(names(webhooks, (2019, 8, 4), 492));
    assert!(!names(webhooks, (2023, 5, 3), 492));
}

/// A release's announcement lists what shipped in it, each clause scored against the KEPs
/// that reached a stage in that release (KEP-4569 "Move cgroup v1 in maintenance mode",
/// stable in 1.31; KEP-4568 "Resilient watchcache initialization", stable in 1.34).
#[test]
fn a_release_announcement_names_what_shipped_in_it() {
    let elli = "It's Release Week!  [Kubernetes 1.31 \"Elli\"](   ) is released, with many new features.  In addition to the list of features in the main blog post, note that [cgroups v1 is going into maintenance](   ), several things [have been removed](   ) (most notably Ceph in-tree driver)";
    assert!(names(elli, (2024, 8, 11), 4569));
    // Not a year on, nor a sentence that announces no release.
    assert!(!names(elli, (2025, 8, 11), 4569));
    assert!(!names(
        "note that cgroups v1 is going into maintenance",
        (2024, 8, 11),
        4569
    ));
    let wind = "[Kubernetes 1.34 is released](   )!  This version, named \"Of Wind & Will\", includes DRA GA, KYAML spec, structured authentication config, better watch cache initialization, and much more.";
    assert!(names(wind, (2025, 8, 24), 4568));
}

#[test]
fn without_upstream_data_no_kep_is_named_by_gate_or_name() {
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let empty = KepCatalog::new(&[], &[]);
    assert!(empty
        .find(&ItemText {
            prose: "In-place pod resize: `SidecarContainers` and nftables",
            section: SectionKind::OtherMerges,
            known: &[],
            about_known: false,
            heading_named: &[],
            dated: date
        })
        .is_empty());
}

#[test]
fn names_are_read_where_features_are_discussed_and_not_before_the_kep() {
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    assert!(CATALOG
        .find(&ItemText {
            prose: "sidecar containers",
            section: SectionKind::VersionUpdates,
            known: &[],
            about_known: false,
            heading_named: &[],
            dated: date
        })
        .is_empty());
    // 2018-11-05: "gang scheduling" seven years before KEP-4671 (created 2024).
    assert!(CATALOG
        .find(&ItemText {
            prose: "finalizing the design of gang scheduling",
            section: SectionKind::DeveloperNews,
            known: &[],
            about_known: false,
            heading_named: &[],
            dated: NaiveDate::from_ymd_opt(2018, 11, 5).unwrap()
        })
        .is_empty());
    // A KEP written for a feature already out is that feature from the release it went
    // alpha in: KEP-3573 "Device Plugins" (created 2022-10, alpha 1.8) on 2018-03-25, and
    // KEP-5100's gate `WinOverlay` (created 2025-01, alpha 1.14) on 2020-09-20.
    assert!(names(
        "for getting CPU pinning, hugepages, and device plugins into beta for 1.10.",
        (2018, 3, 27),
        3573
    ));
    assert!(names("WinOverlay to beta", (2020, 9, 21), 5100));
    // Before 1.10 shipped too, in its cycle (the schedules give 1.8 no release day):
    // 2018-02-25's "Promoted to Beta" list.
    assert!(names(
        "Promoted to Beta: DevicePlugins.",
        (2018, 2, 27),
        3573
    ));
    // 2018-07-22, of 1.11: KEP-548's kep.yaml was written in 2019-10, but its tracking
    // issue is older than KEP-555's (created 2018-03-28).
    assert_eq!(
        named_on(
            "moved Daemonset scheduling into the scheduler (alpha feature)",
            (2018, 7, 22)
        ),
        [(548, FoundBy::Name)]
    );
    // An item about a numbered KEP (KEP-4802) names no other by name.
    assert!(CATALOG
        .find(&ItemText {
            prose: "KEP-4802: Graceful Node Shutdown for Windows Node",
            section: SectionKind::KepOfTheWeek,
            known: &[KepRef(4802)],
            about_known: true,
            heading_named: &[],
            dated: date
        })
        .is_empty());
}

/// A title that is one identifier once its verb is dropped is named by it; short names the
/// archive uses are aliases. Real lines (links blanked): 2020-06-14 (SCTP), 2023-01-29
/// (KMSv2), 2023-03-12 (API streaming), 2021-03-07 (LoadBalancerClass), 2021-05-23
/// (HostProcess).
#[test]
fn identifier_titles_and_short_names() {
    let cases = [
        ("SCTP support graduates to GA", 614, (2020, 6, 14)),
        ("KMS2 cache expires", 3299, (2023, 1, 29)),
        ("Allow API streaming for lists", 3157, (2023, 3, 12)),
        ("Add LoadBalancerClass field in service", 1959, (2021, 3, 7)),
        ("Support HostProcess containers", 1981, (2021, 5, 23)),
    ];
    for (text, kep, day) in cases {
        assert_eq!(named_on(text, day), [(kep, FoundBy::Name)], "{text}");
    }
    // An acronym shared by several titles, or a plain word alone, names none.
    assert!(named("TLS certificates and the PVC controller").is_empty());
}

#[test]
fn identifiers_read_as_their_words() {
    // 2019-12-08 "better IPv6 and DualStack support": KEP-563 "Kubernetes Dual-stack Support".
    assert_eq!(
        named_on("better IPv6 and DualStack support", (2019, 12, 8)),
        [(563, FoundBy::Name)]
    );
    // A graduation's subject stays one word as written: `CoreDNS` is not KEP-427
    // "Graduate CoreDNS to GA".
    assert!(named("Revert CoreDNS to 1.3.1 in kube-up").is_empty());
    // A phrase never takes part of an identifier: `spec.minReadySeconds` is not KEP-2599
    // "minReadySeconds for StatefulSets" (whose head "min ready seconds" is one word).
    assert!(named("ReplicationController spec.minReadySeconds migrated").is_empty());
}

#[test]
fn config_and_app_are_configuration_and_application() {
    // The archive's lines: KEP-3726 "standard-application-protocols" (2023-03-26), KEP-3331
    // "Structured Authentication Configuration" (2023-09-03).
    assert!(names(
        "`kubernetes/grpc` is not a standard appProtocol and never was, so remove",
        (2023, 3, 29),
        3726
    ));
    assert!(names(
        "APIserver adds `--authentication-config` flag",
        (2023, 9, 5),
        3331
    ));
}

#[test]
fn gates_compare_with_case_aside_when_written_as_identifiers() {
    // 2023-10-29 "GA'd features removing featuregates: CSIMigrationVSphere" (KEP-1491 lists
    // `CSIMigrationvSphere`).
    assert_eq!(
        named_on("removing featuregates: CSIMigrationVSphere", (2023, 10, 29)),
        [(1491, FoundBy::Gate)]
    );
    // In one case it is no identifier: a path or a word.
    assert!(named("pkg/controller/endpointslice cleanup").is_empty());
}

/// A KEP whose kep.yaml gives no release for any stage is named for three years after it
/// was last revised: KEP-1513 "Certificates API" (folder `1513-certificate-signing-request`,
/// last revised 2020-09-14) in 2020, not in 2025 (2025-10-26: kubectl drops the v1beta1 API).
#[test]
fn a_kep_with_no_milestone_is_named_until_three_years_after_its_last_revision() {
    let text = "kubectl finally drops support for the long-deprecated \
                certificates.k8s.io/v1beta1 CertificateSigningRequest.";
    assert!(names(text, (2020, 11, 1), 1513));
    assert!(names(text, (2023, 9, 1), 1513));
    assert!(!names(text, (2023, 9, 15), 1513));
    assert!(!names(text, (2025, 10, 26), 1513));
}

#[test]
fn a_kep_long_stable_is_its_feature_no_longer_named_as_the_kep() {
    // KEP-555 went stable in 1.22; 2025-07-20 "Optional listMapKeys supported in server-side
    // apply" fixes the feature. Before 1.25 shipped, the name is still the KEP's; after it
    // (2022-10-30), an item using it is about other work.
    let text = "Optional listMapKeys supported in server-side apply";
    assert_eq!(named_on(text, (2025, 7, 20)), []);
    assert_eq!(named_on(text, (2021, 6, 1)), [(555, FoundBy::Name)]);
    // (It names KEP-3329 by its gate `PodDisruptionConditions` in words.)
    assert_eq!(
        named_on(
            "Pod Disruption Conditions get added via Server Side Apply to avoid race conditions",
            (2022, 10, 30)
        ),
        [(3329, FoundBy::Name)]
    );
    // KEP-585 (RuntimeClass, stable in 1.20): its gate's removal in 1.24's cycle is its news.
    assert_eq!(
        named_on(
            "Remove v1alpha1 RuntimeClass and feature gate",
            (2022, 2, 27)
        ),
        [(585, FoundBy::Gate)]
    );
    // However late (2025-03-23: KEP-3570 went stable in 1.26, KEP-3466 in 1.29).
    let removed = "CPUManager feature gate removed after graduating to GA";
    assert_eq!(named_on(removed, (2025, 3, 25)), [(3570, FoundBy::Gate)]);
    let removed = "Remove GA feature gate ComponentSLIs (now always on)";
    assert_eq!(named_on(removed, (2025, 9, 11)), [(3466, FoundBy::Gate)]);
    assert_eq!(named_on("ComponentSLIs fixed", (2025, 9, 11)), []);
}

#[test]
fn an_ended_kep_is_named_after_its_last_milestone_only_by_its_removal() {
    // KEP-3063 "dynamic resource allocation" was withdrawn in 1.32 (2024-12-11); 2025-03-23's
    // item is KEP-4815's, by its gate, and DRA's, not the withdrawn KEP's.
    let dra = "Dynamic Resource Allocation to support partitionable devices allocation with \
               DRAPartitionableDevices feature gate";
    assert_eq!(named_on(dra, (2025, 3, 25)), [(4815, FoundBy::Gate)]);
    // Before then, the words are KEP-3063's; after its last milestone, its removal is its
    // news (KEP-2943, withdrawn in 1.27, on 2023-04-30).
    let named = [
        (
            "Dynamic Resource Allocation gets a scheduler plugin",
            (2023, 3, 21),
            3063,
        ),
        (
            "#115843: Remove/Withdraw NetworkPolicy Status",
            (2023, 5, 3),
            2943,
        ),
    ];
    for (text, day, kep) in named {
        assert!(names(text, day, kep), "{text}");
    }
}

#[test]
fn a_phrase_shared_with_an_ended_kep_names_the_live_one() {
    // KEP-4153 "Declarative Validation" is superseded by KEP-5073 "Declarative Validation"
    // (2025-07-20 "CSR declarative validation enabled for /status and /approval").
    assert_eq!(
        named_on(
            "CSR declarative validation enabled for /status",
            (2025, 7, 20)
        ),
        [(5073, FoundBy::Name)]
    );
}

/// Real lines of the archive whose words, not one phrase, name a KEP moving in their cycle
/// (links blanked): 2023-10-29 (1.29's cycle), 2023-07-23 (1.28's).
#[test]
fn the_words_of_a_short_sentence_name_the_kep_moving_in_its_cycle() {
    let cases = [
        // The gate is `JobPodReplacementPolicy`, beta in 1.29.
        ("PodReplacementPolicy to Beta", 3939, (2023, 10, 29)),
        // KEP-1610 "Container Resource based Autoscaling", gate `HPAContainerMetrics`, beta
        // in 1.27 (2023-03-19); KEP-1748 shares "resource metrics".
        (
            "HPA container resource metrics to beta",
            1610,
            (2023, 3, 19),
        ),
        // The gate `LegacyServiceAccountTokenCleanUp`; the KEP goes stable in 1.30.
        ("ServiceAccount token cleanup to Beta", 2799, (2023, 10, 29)),
        // An identifier of its own: a run of the gate `PersistentVolumeLastPhaseTransitionTime`.
        (
            "Add LastPhaseTransitionTime field to PVs",
            3762,
            (2023, 7, 23),
        ),
        // Outside the gold set: KEP-1440 "kubectl events" (alpha in 1.23), KEP-177 "CSI
        // Snapshot" (alpha in 1.12).
        (
            "SIG-CLI is looking for feedback on the newly-merged `kubectl alpha events` command.",
            1440,
            (2021, 11, 7),
        ),
        (
            "Snapshot & restore support will be available in alpha, and CSI is going GA.",
            177,
            (2018, 8, 26),
        ),
    ];
    for (text, kep, day) in cases {
        assert_eq!(named_on(text, day), [(kep, FoundBy::Name)], "{text}");
    }
}

/// An identifier tells its KEP alone only when it is an identifier in the KEP's own words
/// (a gate, a CamelCase title word, a run of their parts), not two of its plain words
/// joined: 2023-10-29 (1.29's cycle, KEP-753's beta) writes `initContainers`, which an
/// alias of KEP-753 ("restartable init container") joins, about privileged containers.
#[test]
fn two_plain_words_joined_are_no_identifier_of_a_kep() {
    let day = (2023, 10, 29);
    assert!(!names(
        "Switch to force Privileged containers to run as initContainers",
        day,
        753
    ));
    // The gate's own run still tells it.
    assert!(names("SidecarContainers to Beta", day, 753));
}

/// In the cycle of a KEP's alpha, a sentence with much of its vocabulary and little of any
/// other's names it untold: its implementation merging (lines outside the gold set).
#[test]
fn words_name_a_kep_being_built() {
    // KEP-2727 "Add gRPC probe to Pod.Spec.Container.{Liveness,Readiness,Startup}Probe",
    // alpha in 1.23 (2021-11-21).
    let line =
        "Readiness and liveness probes support gRPC checks using the gRPC Health Checking Protocol";
    assert_eq!(named_on(line, (2021, 11, 21)), [(2727, FoundBy::Name)]);
    // Beta in 1.24: no stage told, no longer its alpha cycle.
    assert_eq!(named_on(line, (2022, 2, 20)), []);
    // In an item that numbers a KEP, the words are that KEP's topic (2024-09-15: KEP-3960's
    // sleep action, not KEP-4818's zero sleep).
    let found = CATALOG.find(&ItemText {
        prose: "KEP 3960: Introducing Sleep Action for PreStop Hook",
        section: SectionKind::OtherMerges,
        known: &[KepRef(3960)],
        about_known: true,
        heading_named: &[],
        dated: NaiveDate::from_ymd_opt(2024, 9, 15).unwrap(),
    });
    assert!(found.is_empty(), "{found:?}");
    // Another KEP's words close behind: 2024-01-28's sysadmin profile is KEP-1441's
    // (KEP-4292 scores 25.8, KEP-1441 20.7).
    assert_eq!(
        named_on(
            "[sysadmin debugging profile added to kubectl debug](     ).",
            (2024, 1, 28)
        ),
        []
    );
}

#[test]
fn words_name_no_kep_out_of_its_cycle_or_in_a_story() {
    // KEP-3939 moved in 1.28, 1.29 and 1.34: not in 2019.
    assert_eq!(named_on("PodReplacementPolicy to Beta", (2019, 6, 1)), []);
    // No stage and no identifier of its own: a topic brushed (2023-03-19, KEP-3720).
    assert!(named_on(
        "Deprecated registry k8s.gcr.io has been redirected to registry.k8s.io",
        (2023, 3, 19)
    )
    .is_empty());
    // A long sentence tells a story: the words it shares with a KEP by chance are not its
    // name (2020-05-04; KEP-1693 warns of deprecated APIs). One with the KEP's own
    // identifier, or far more of its words than of any other's, names it.
    assert_eq!(
        named_on(
            "Many old beta versions of APIs are going to be deprecated in 1.19, with planned \
             removal in 1.22.",
            (2020, 5, 4)
        ),
        []
    );
    assert_eq!(
        named_on(
            "In other news the PodReplacementPolicy work went to Beta after a long discussion \
             about pods, jobs, terminating states and the many controllers that create them",
            (2023, 10, 29)
        ),
        [(3939, FoundBy::Name)]
    );
    // A phrase ("kubectl debug", KEP-1441) in a sentence whose words are clearly another
    // KEP's (KEP-4292 "Custom profiling support in kubectl debug command", 2024-03-10) is
    // that KEP's topic; out of KEP-4292's alpha cycle (1.30) no stage names it.
    assert_eq!(
        named_on(
            "New custom flag to kubectl debug for adding custom debug profiles",
            (2024, 8, 10)
        ),
        []
    );
    // A phrase the other KEP's words do not have stays its own (2025-09-28).
    let statusz = "kube-proxy: list available endpoints in /statusz";
    assert_eq!(named_on(statusz, (2025, 10, 2)), [(4827, FoundBy::Name)]);
    // A KEP the item numbers competes: its own words name no other.
    let found = CATALOG.find(&ItemText {
        prose: "KEP-4008: CRD Validation Ratcheting to beta",
        section: SectionKind::OtherMerges,
        known: &[KepRef(4008)],
        about_known: true,
        heading_named: &[],
        dated: NaiveDate::from_ymd_opt(2023, 10, 29).unwrap(),
    });
    assert!(found.is_empty(), "{found:?}");
}

/// `EndpointSlice` is KEP-752's gate and the API kind it added (stable in 1.21): while the
/// KEP moves, the kind (in the plural too) names it; after, a change to the kind does not,
/// unless the item is about the gate. Lines of 2019-11-10, 2022-06-12 and 2022-05-08.
#[test]
fn an_api_kind_gate_names_its_kep_while_it_moves() {
    assert_eq!(
        named_on(
            "EndpointSlices gets metrics, now uses PublishNotReadyAddresses",
            (2019, 11, 10)
        ),
        [(752, FoundBy::Gate)]
    );
    assert_eq!(
        named_on(
            "EndpointSlice controller will ignore Slices being deleted",
            (2022, 6, 12)
        ),
        []
    );
    assert!(named_on(
        "Old beta feature gates that graduated to GA have been removed: EndpointSlice",
        (2022, 5, 8)
    )
    .contains(&(752, FoundBy::Gate)));
}

/// The same kind in words ("Endpoint Slices") names KEP-752 as its gate does: while it
/// moves, and in an item about the gate after; so does `CSIMigration`'s "CSI migration"
/// (KEP-625). Lines of 2019-09-08, 2020-03-08 and 2023-07-09; the first two's KEP is named
/// by a stage-less item, which a generic phrase alone never is.
#[test]
fn an_api_kinds_words_name_its_kep_as_its_gate_does() {
    let bug_fixes = "#82289: Fixing bugs related to Endpoint Slices";
    assert_eq!(named_on(bug_fixes, (2019, 9, 8)), [(752, FoundBy::Name)]);
    assert_eq!(named_on(bug_fixes, (2022, 9, 11)), []);
    assert_eq!(
        named_on(
            "Added endpoint slice batching to reduce traffic in large clusters",
            (2020, 3, 8)
        ),
        [(752, FoundBy::Name)]
    );
    assert_eq!(
        named_on(
            "CSI-migration feature gate is removed and the feature is enabled",
            (2023, 7, 9)
        ),
        [(625, FoundBy::Name)]
    );
}

/// A sentence with clearly more words of a KEP that is not moving names none that is: on
/// 2021-07-11 (1.22's cycle), the `DataSourceRef` field is KEP-1495's volume populators
/// (beta in 1.24), not KEP-1847's StatefulSet PVCs, which moved to alpha in 1.23.
#[test]
fn a_sentence_about_a_kep_not_moving_names_no_moving_one() {
    let pvcs = "PVCs have an alpha DataSourceRef field, helping support nonstandard data sources";
    assert_eq!(named_on(pvcs, (2021, 7, 11)), []);
}

/// A stage the best candidate reaches in the cycle and the runner-up does not is enough to
/// tell them apart, however close their words (2025-03-23, 1.33's cycle).
#[test]
fn a_stage_tells_close_candidates_apart() {
    assert_eq!(
        named_on("CPUManagerPolicyOptions to GA", (2025, 3, 23)),
        [(2625, FoundBy::Name)]
    );
}

/// The archive's own names for features, from `data/kep_names.toml` (lines of editions
/// outside the gold set).
#[test]
fn the_archives_names_for_features() {
    let cases = [
        (
            "QueueingHint implemented for TaintToleration plugin",
            4247,
            (2024, 5, 5),
        ),
        ("podFailurePolicy is beta", 3329, (2023, 6, 11)),
        (
            "kubectl describe service: Add Traffic Distribution",
            4444,
            (2025, 4, 27),
        ),
        ("You can modify schedulingGates", 3521, (2023, 2, 26)),
        ("Fix IPVS performance", 265, (2018, 11, 17)),
        (
            "SIG-Release will be closing discussion on the SLSA KEP",
            3027,
            (2021, 12, 12),
        ),
        ("kubelet OS and arch labels to GA", 793, (2019, 2, 17)),
        ("kubectl displays inline CSI volumes", 596, (2019, 3, 31)),
        (
            "Promote resourcequota scope selectors to GA",
            986,
            (2019, 6, 9),
        ),
        (
            "You can set the size of memory-backed volumes",
            1967,
            (2020, 11, 8),
        ),
        (
            "You can checkpoint containers for archival",
            2008,
            (2022, 7, 26),
        ),
        (
            "CBOR support for generated clients based on client-go feature gating",
            4222,
            (2024, 10, 30),
        ),
        (
            "Deprecated the RootlessControlPlane feature gate in Kubedam",
            2568,
            (2024, 5, 28),
        ),
        (
            "Remove feature gates for GA'd features MixedProtocolLBService",
            1435,
            (2023, 5, 3),
        ),
    ];
    for (text, kep, day) in cases {
        assert_eq!(named_on(text, day), [(kep, FoundBy::Name)], "{text}");
    }
    // "dockershim" alone is the runtime shim, fixed long before its removal (2019-09-29).
    assert_eq!(
        named_on("Make sure that dockershim wincat uses IPv4", (2019, 9, 29)),
        []
    );
}

/// A sentence with every word of a KEP's title, in any order and form, names it while it
/// lives (lines of editions outside the gold set).
#[test]
fn every_word_of_a_title_names_its_kep() {
    let cases = [
        // KEP-2340 "Consistent Reads from Cache" (alpha 1.28).
        (
            "Enable Consistent Reads from the Watch Cache",
            2340,
            (2023, 7, 16),
        ),
        // KEP-727 "Kubelet Resource Metrics Endpoint": its old endpoint removed.
        (
            "kubelet endpoint `metrics/resource/v1alpha1` removed",
            727,
            (2020, 8, 30),
        ),
        // KEP-5589 "Remove gogo protobuf dependency".
        (
            "Remove runtime gogo protobuf dependencies from Kubernetes API types",
            5589,
            (2025, 10, 12),
        ),
    ];
    for (text, kep, day) in cases {
        assert_eq!(named_on(text, day), [(kep, FoundBy::Name)], "{text}");
    }
}

/// A title whose words other KEPs' vocabularies have too names its KEP as it moves, when
/// none of the others lives: KEP-1855 "Service Account Token for CSI Driver" (alpha in
/// 1.20) on 2020-11-15, beside KEP-5538's "CSI driver opt-in for service account tokens"
/// (2025).
#[test]
fn a_shared_title_names_the_moving_kep_when_no_other_lives() {
    let line = "Get the ServiceAccount Tokens from the CSI driver";
    assert_eq!(named_on(line, (2020, 11, 15)), [(1855, FoundBy::Name)]);
    // 2023-07-16: KEP-693 "Node Topology Manager" (stable in 1.27) lives in 1.28 but does
    // not move; the policy option is KEP-3545's.
    let line = "[NUMA node policy](        ) to Beta for TopologyManager";
    assert!(!named_on(line, (2023, 7, 16)).contains(&(693, FoundBy::Name)));
}

/// A title whose words another KEP's vocabulary has too names neither by them; a long
/// sentence (a list, a story) has many titles' words by chance.
#[test]
fn shared_title_words_and_long_sentences_name_no_kep() {
    // KEP-1258 "Default Pod Topology Spread": `PodTopologySpread` is in KEP-3022's
    // and KEP-3094's gates too (2022-09-18).
    assert_eq!(
        named_on("More corrections to PodTopologySpread math", (2022, 9, 18)),
        []
    );
    // KEP-3488 "CEL for Admission Control", in a list of a week's metrics (2022-10-30).
    assert_eq!(
        named_on("Admission Control CEL gets metrics", (2022, 10, 30)),
        [(3488, FoundBy::Name)]
    );
    assert_eq!(
        named_on(
            "Metrics: [two new fields]( ) for existing metrics, [count default StorageClass \
             errors]( ), rename etcd metrics [to be generic]( ), [Admission Control CEL]( ) \
             gets metrics, as does [cpumanager pinning]( )",
            (2022, 10, 30)
        ),
        []
    );
    // KEP-2495 "Cluster Management API" (2018-09-09): its words, far apart in a story.
    assert_eq!(
        named_on(
            "This week's community meeting began with a demo of etcdproxy-controller, a GSoC \
             project aiming to allow mediated access to Etcd for things like aggregated API \
             servers or safely exposing the primary cluster Etcd instance for use by \
             user-managed services within the cluster.",
            (2018, 9, 9)
        ),
        []
    );
}

/// A KEP's words in an edition from before it was started name an older idea of them; a few
/// old features with new tracking issues (KEP-3570, created 2017) do not move every KEP's
/// start back. Real lines: 2020-04-12 and 2021-12-14 (KEP-3659 "kubectl apply prune",
/// written 2022-11-15), 2019-03-10 (KEP-2876's "CRD validation rules", 2021), 2019-02-24
/// (KEP-5100, written in 2025, alpha in 1.14).
#[test]
fn words_from_before_a_kep_was_started_do_not_name_it() {
    let restore = "Restore ability to use `kubectl apply --prune` without specifying a namespace";
    assert!(named_on(restore, (2020, 4, 12)).is_empty());
    let diff = "kubectl diff gets a prune command to mirror what kubectl apply --prune does";
    assert_eq!(named_on(diff, (2021, 12, 14)), [(491, FoundBy::Name)]);
    // Months before its kep.yaml, the words may be the KEP's being written.
    assert!(names(diff, (2022, 9, 1), 3659));
    let publish = "#71192: Publish CRD openapi, to allow kubectl to check and enforce CRD validation rules client side.";
    assert!(!names(publish, (2019, 3, 10), 2876));
    assert!(names("CRD validation rules to beta", (2022, 3, 20), 2876));
    // A kep.yaml written in 2025 for a feature that went alpha in 1.14 (KEP-5100) names it
    // in 1.14's cycle (2019-02-24), and not in 1.13's, though a stage it reaches the next
    // cycle is told.
    let overlay = "#70896: Adding Windows Overlay support to Kube Proxy";
    assert!(names(overlay, (2019, 2, 24), 5100));
    let told = "Windows Overlay support in Kube Proxy to alpha";
    assert!(names(told, (2019, 2, 24), 5100));
    assert!(!names(told, (2018, 10, 7), 5100));
}

/// A real line (2025-07-27): a package's path names the package.
#[test]
fn a_path_names_no_kep() {
    let bumped = "Bumped DRA API version to \"v1\" in \"deviceattribute\" package in `k8s.io/dynamic-resource-allocation`";
    assert!(!names(bumped, (2025, 7, 27), 3063));
    let dra = "DRA: dynamic resource allocation in kubelet";
    assert!(names(dra, (2023, 1, 1), 3063));
    // A path of one word is an endpoint (2025-03-02, 2025-02-16).
    let endpoints = [
        (
            "Added a /statusz endpoint for kube-scheduler",
            (2025, 3, 2),
            4827,
        ),
        ("apiserver /flagz endpoint fixed", (2025, 2, 16), 4828),
    ];
    for (line, day, kep) in endpoints {
        assert!(names(line, day, kep), "{line}");
    }
}

/// A real line (2025-07-27): KEP-2497's whole title is the project's name, and a security
/// advisory about the images it builds is not about the KEP.
#[test]
fn a_projects_name_in_an_advisory_is_not_its_kep() {
    let advisory = "Windows VMs built with Kubernetes Image Builder. Clusters using Image Builder version v0.1.44 or earlier are affected";
    assert!(!names(advisory, (2025, 7, 27), 2497));
}

/// A real line (2020-11-15): KEP-1001 "Supporting CRI-containerD on Windows" is not every
/// sentence with "CRI", "Windows" and "container": `containerD` is one word, containerd.
#[test]
fn a_stylised_name_is_one_word_of_a_title() {
    let line = "Add `WindowsContainerResources` to the CRI API";
    assert!(!names(line, (2020, 11, 17), 1001));
    assert!(names(
        "The CRI with containerd on Windows graduates",
        (2020, 11, 17),
        1001
    ));
}

/// An alias the newsletter also uses for other things names its KEP only while the KEP
/// moves: "sidecar" is KEP-753's (alpha 1.28, stable 1.33) from 1.27 to 1.34, not the
/// CSI project's sidecars or Kube-DNS's sidecar image (the archive's lines, shortened).
#[test]
fn a_word_alias_names_its_kep_only_while_the_kep_moves() {
    let lines = [
        ("Include sidecar resources", (2023, 8, 22), true),
        ("sidecars graduating", (2025, 4, 23), true),
        ("updates CSI sidecars", (2025, 10, 7), false),
        ("Sidecar and dnsmasq-nanny images", (2018, 7, 30), false),
    ];
    assert_names_each(&lines, 753);
    // "ephemeral volume" is KEP-1698's (alpha 1.19, stable 1.23) from 1.18 to 1.24; before,
    // CSI inline volumes' (KEP-596), and after, any ephemeral volume's.
    let lines = [
        (
            "Ephemeral volumes controller stops breaking RBAC",
            (2021, 4, 26),
            true,
        ),
        (
            "Allow more than one concurrent worker to sync ephemeral volumes",
            (2021, 8, 10),
            true,
        ),
        (
            "CSI drivers must declare that they support ephemeral volumes",
            (2019, 8, 27),
            false,
        ),
        (
            "CSI Ephemeral Volume reconstruction works a lot better now",
            (2022, 6, 7),
            false,
        ),
    ];
    assert_names_each(&lines, 1698);
}

#[test]
fn a_verbs_ed_and_ing_forms_are_its_stem() {
    // The archive's lines (2019-01-20, 2023-10-22, 2020-09-13). "suspended Jobs" (2021-10-17)
    // is KEP-2926's work on suspended Jobs: "suspend job" is generic, not KEP-2232's name.
    let lines = [
        (
            "APIserver metrics overhauled for new guidelines",
            (2019, 1, 22),
            1206,
            true,
        ),
        ("Fix bug in EventPLEG", (2023, 10, 24), 3386, true),
        (
            "PIDLimits to GA, so no more fork bombs for you!",
            (2020, 9, 15),
            757,
            true,
        ),
        (
            "Allow changing config on suspended Jobs",
            (2021, 10, 20),
            2232,
            false,
        ),
    ];
    for (line, day, kep, named) in lines {
        assert_eq!(names(line, day, kep), named, "{line}");
    }
}

/// A title's verb in `-ing` is as little its KEP's as the item's in `-ed`: the rest of
/// the title names it.
#[test]
fn a_titles_verb_in_ing_is_a_stop_word() {
    // KEP-2395 "Removing In-Tree Cloud Providers", beta in 1.29, stable in 1.31.
    assert!(names(
        "in-tree cloud provider for vsphere removed",
        (2024, 1, 28),
        2395
    ));
    // KEP-3720 "Freezing `k8s.gcr.io` image registry", stable in 1.27.
    assert!(names(
        "The old image registry, k8s.gcr.io, will stop taking updates on April 3.",
        (2023, 2, 5),
        3720
    ));
}

/// A gate written with a letter wrong names its KEP as the gate would: 2022-11-06's
/// "TopologyManger" is KEP-693's `TopologyManager` (stable in 1.27).
#[test]
fn a_gate_written_with_a_letter_wrong_names_its_kep() {
    let line = "Allow specifying NUMA strategies in TopologyManger";
    assert_eq!(named_on(line, (2022, 11, 6)), [(693, FoundBy::Gate)]);
    // Its last letter is another identifier's: `ComponentStatus` is the API kind, not
    // KEP-4827's gate `ComponentStatusz`.
    let line = "kubectl get ComponentStatus warns that it is deprecated";
    assert_eq!(named_on(line, (2025, 6, 1)), []);
    assert_eq!(
        named_on("kubectl get ComponentStatusz", (2025, 6, 1)),
        [(4827, FoundBy::Gate)]
    );
}

/// A gate written with its words in another order or form names its KEP as the gate
/// would: 2021-04-18's `MemoryBackedVolumeSizing` is KEP-1967's `SizeMemoryBackedVolumes`,
/// 2024-06-23's `SchedulingQueueHint` KEP-4247's `SchedulerQueueingHints`.
#[test]
fn a_gate_written_with_its_words_reordered_names_its_kep() {
    let line = "Promotion of the MemoryBackedVolumeSizing feature to beta (for setting quotas \
                on EmptyDir) was reverted and taken out of 1.21.";
    assert_eq!(named_on(line, (2021, 4, 20)), [(1967, FoundBy::Gate)]);
    let line = "Skip updating Pods which are in the scheduling cycle when SchedulingQueueHint \
                is enabled";
    assert_eq!(named_on(line, (2024, 6, 28)), [(4247, FoundBy::Gate)]);
    // Two words in another order are not read so, nor words no gate has all of.
    assert_eq!(
        named_on(
            "the ProxyKube and QueueSchedulingHintPlugin types",
            (2024, 6, 28)
        ),
        []
    );
}

/// KEP-576 "Dry-run" is the API server's: "dry run" alone is a flag of many client commands
/// (2018-05-27 `kubectl auth reconcile`, 2021-08-15 `kubeadm join`), the server's is written
/// so (the archive's lines).
#[test]
fn the_servers_dry_run_names_kep_576() {
    let lines = [
        (
            "Support server-side dry-run in cli-runtime REST Helper",
            (2020, 1, 21),
            true,
        ),
        (
            "kubectl supports `--dry-run=server` everywhere",
            (2020, 2, 17),
            true,
        ),
        (
            "No more `kubectl apply --server-dry-run` because Dry Run is now GA",
            (2020, 6, 1),
            true,
        ),
        (
            "`kubectl auth reconcile` now has a `--dry-run` flag",
            (2018, 5, 28),
            false,
        ),
        ("`kubeadm join --dry-run`", (2021, 8, 17), false),
    ];
    assert_names_each(&lines, 576);
}

/// A KEP that deprecates or removes something is named by a sentence that deprecates or
/// removes, with two more of its words, while it moves: 2022-09-25's klog flags are
/// KEP-2845's (stable in 1.26); 2021-11-21's kubectl flags are not.
#[test]
fn a_removal_tells_a_removing_keps_news() {
    let line = "Remove deprecated klog flags such as `--log-dir` and `--log-max-file-size`";
    assert_eq!(named_on(line, (2022, 9, 26)), [(2845, FoundBy::Name)]);
    let line = "Deprecated kubectl flags show as \"DEPRECATED\" in help";
    assert_eq!(named_on(line, (2021, 11, 23)), []);
}
