//! `lwkd-kep-refs` owns how an item of an edition refers to a KEP (Kubernetes Enhancement
//! Proposal) by number or link: `KEP-3136`, `KEP 3136`, `KEP #3136`,
//! `kubernetes/enhancements/issues/3136` (and the 2018 `kubernetes/features` repository, same
//! numbering), `keps/sig-node/3136-name` paths. `enhancements#3137` and
//! `enhancements/pull/3137` are pull requests *about* a KEP and never KEP 3137. It reads an
//! item's Markdown as its prose and its links apart ([`Markup`]): a number inside a URL is
//! no prose mention.
//!
//! Until 2020 KEPs had a numbering of their own (`KEP 14`, `keps/sig-auth/0014-dynamic-audit.md`
//! in kubernetes/community, then kubernetes/enhancements, and date-named files), not their
//! tracking issues': those numbers name no enhancements KEP and are not read, nor is the
//! `0000-` template folder. Their files' names are read ([`former_kep_files`]): upstream
//! tells which KEP each became.
//!
//! KEPs named without their number (by gate or by name) are `lwkd-kep-names`'.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use lwkd_kep_names::{FoundBy, KepRef};
use regex::Regex;

use lwkd_groups::{GroupTable, SigSlug};

mod markup;
pub use markup::{sentence_with, sentences, Markup};

/// `KEP-3136`, `KEP 3136`, `KEP #3136`, `[KEP-3751]` in prose. At most five digits: an
/// eight-digit number is a date-named KEP file, not a KEP.
static KEP_PROSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bKEP[-\s]?#?\d{1,5}\b").expect("valid regex"));
/// `enhancements#3137` in prose: a pull request in kubernetes/enhancements.
static PR_PROSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\benhancements#\d+\b").expect("valid regex"));
/// The word each match of [`KEP_PROSE`] (and of [`PR_PROSE`]) has, in any ASCII case: most
/// items have none, and this scan costs far less than a regex search.
static KEP_WORD: LazyLock<AhoCorasick> = LazyLock::new(|| ascii_case_insensitive("kep"));
static PR_WORD: LazyLock<AhoCorasick> = LazyLock::new(|| ascii_case_insensitive("enhancements#"));

fn ascii_case_insensitive(word: &str) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build([word])
        .expect("valid needle")
}

/// A KEP's tracking issue, also by the project's short links (`features.k8s.io/3850`,
/// `kep.k8s.io/4427`).
static ISSUE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:kubernetes/(?:enhancements|features)/issues|(?:features|kep)\.k8s\.io)/(\d+)\b",
    )
    .expect("valid regex")
});
static PR_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bkubernetes/enhancements/pull/(\d+)\b").expect("valid regex"));
/// `keps/sig-node/3136-beta-apis-off-by-default`: number, owning SIG and a title.
static KEP_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bkeps/([a-z0-9-]+)/(\d{1,5})-([A-Za-z0-9-]+)").expect("valid regex")
});
/// A KEP file of the former numberings, date-named, zero-padded or numbered and a file
/// (`keps/sig-scheduling/20180409-scheduling-framework.md`,
/// `keps/sig-auth/0014-dynamic-audit-configuration.md`,
/// `keps/sig-scheduling/34-20180703-coscheduling.md`, and one waiting for its number,
/// `keps/sig-auth/0000-20170814-bounding-self-labeling-kubelets.md`): its SIG and its name,
/// in the second group or the third. Not the `0000-` template, which has no date.
static FORMER_KEP_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bkeps/([a-z0-9-]+)/(?:(?:\d{8}|0\d{2}[1-9]|0\d[1-9]\d|0[1-9]\d\d)-([A-Za-z0-9-]+)|(?:[1-9]\d{0,3}-(?:\d{8}-)?|0000-\d{8}-)([A-Za-z0-9-]+)\.md\b)")
        .expect("valid regex")
});
/// A heading that is the edition's own `KEP-N: Title` (not a pull request's title that
/// names a KEP: `#96120: KEP 2258: add node log query`).
static TITLE_AFTER_KEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\[?KEP[-\s]?#?(\d{1,5})\\?\]?\s*[:\-–]?\s*(\S.*)$").expect("valid regex")
});
/// A link to a tracking issue with its text: `[544: Custom Resource Definition Versioning](...)`.
static ISSUE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\[\]]{2,200})\]\(\s*<?https://github\.com/kubernetes/(?:enhancements|features)/issues/(\d+)\b").expect("valid regex")
});

/// The title a link's text gives issue `number`: the issue's own (`544: Custom Resource
/// Definition Versioning`), or a capitalised name of two words or more (`Kubelet TLS
/// certificate bootstrap`); not words of a sentence (`be resized`, `the Cluster Autoscaler`)
/// nor a number (`KEP-3136`).
fn link_title(text: &str, number: &str) -> Option<String> {
    let text = text.trim();
    let (own, name) = match text.split_once(": ") {
        Some((n, title)) if n.trim_start_matches('#') == number => (true, title.trim()),
        _ => (false, text),
    };
    let words = name.split_whitespace().count();
    let capitalised = name.starts_with(|c: char| c.is_ascii_uppercase());
    let numbered = KEP_PROSE.is_match(name) || name.chars().all(|c| c.is_ascii_digit() || c == '#');
    (!numbered && (own || (capitalised && words >= 2))).then(|| name.to_string())
}

/// A number of the 2018-2019 KEP numbering: zero-padded (`0014-runtime-class.md`, `KEP 009`).
fn is_old_number(digits: &str) -> bool {
    digits.len() > 1 && digits.starts_with('0')
}

/// One KEP named in one item, with what the item tells about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KepFound {
    pub kep: KepRef,
    pub how: FoundBy,
    pub sig: Option<SigSlug>,
    /// Its folder, from a KEP path: `3136-beta-apis-off-by-default`.
    pub folder: Option<String>,
    /// A title from the text of a link to its tracking issue.
    pub link_title: Option<String>,
}

impl KepFound {
    /// A title from the folder name: `beta apis off by default`.
    pub fn folder_title(&self) -> Option<String> {
        let folder = self.folder.as_ref()?;
        Some(
            folder
                .split_once('-')
                .map_or(folder.as_str(), |(_, name)| name)
                .replace('-', " "),
        )
    }
}

/// KEPs in one item's Markdown, in order of first appearance, each once; a number written
/// in several forms merges what each form tells. `prose_numbers_are_issues` is false for
/// editions of the years when `KEP 14` was the old numbering's (before 2020): their prose
/// numbers count only when the item links that issue.
pub fn find_keps(markup: &Markup<'_>, prose_numbers_are_issues: bool) -> Vec<KepFound> {
    // Issue URLs and KEP paths show up in link targets and in code spans alike. Both
    // patterns are case-sensitive: a text without their literal has no match.
    let mut links: Vec<(&str, Option<SigSlug>, Option<String>)> = Vec::new();
    let mut links_old_kep = false;
    for text in markup
        .urls
        .iter()
        .copied()
        .chain(std::iter::once(markup.prose.as_str()))
    {
        if [
            "kubernetes/enhancements/issues/",
            "kubernetes/features/issues/",
            "features.k8s.io/",
            "kep.k8s.io/",
        ]
        .iter()
        .any(|u| text.contains(u))
        {
            links.extend(
                ISSUE_URL
                    .captures_iter(text)
                    .map(|caps| (caps.get(1).expect("group").as_str(), None, None)),
            );
        }
        if !text.contains("keps/") {
            continue;
        }
        for caps in KEP_PATH.captures_iter(text) {
            let number = caps.get(2).expect("group").as_str();
            // Today's KEPs are folders; a numbered file is the former numbering's.
            let file = text[caps.get(0).expect("match").end()..].starts_with(".md");
            if is_old_number(number) || file || text.contains("kubernetes/community/") {
                links_old_kep = true;
                continue;
            }
            let sig = GroupTable::get().find_in_url(&format!("/keps/{}/", &caps[1]));
            links.push((number, sig, Some(format!("{number}-{}", &caps[3]))));
        }
    }
    let mut found: Vec<KepFound> = Vec::new();
    let mut add = |n: &str, how: FoundBy, sig: Option<SigSlug>, folder: Option<String>| {
        let Ok(n) = n.parse::<u32>() else { return };
        let kep = KepRef(n);
        match found.iter_mut().find(|f| f.kep == kep) {
            Some(f) => {
                f.how = f.how.min(how);
                f.sig = f.sig.take().or(sig);
                f.folder = f.folder.take().or(folder);
            }
            None => found.push(KepFound {
                kep,
                how,
                sig,
                folder,
                link_title: None,
            }),
        }
    };
    for (_, number) in prose_numbers(&KEP_PROSE, &KEP_WORD, &markup.prose) {
        let old = is_old_number(number) || links_old_kep || !prose_numbers_are_issues;
        // An old-numbering year's `KEP 1287` still counts beside a link to issue 1287.
        if !old
            || links
                .iter()
                .any(|(linked, ..)| linked.parse::<u32>().ok() == number.parse().ok())
        {
            add(number, FoundBy::Number, None, None);
        }
    }
    for (number, sig, folder) in links {
        add(number, FoundBy::Link, sig, folder);
    }
    if markup.markdown.contains("/issues/") {
        for caps in ISSUE_LINK.captures_iter(markup.markdown) {
            let number = &caps[2];
            let kep = found.iter_mut().find(|f| number.parse() == Ok(f.kep.0));
            if let (Some(kep), Some(title)) = (kep, link_title(&caps[1], number)) {
                kep.link_title.get_or_insert(title);
            }
        }
    }
    found
}

/// The KEP files of the former numberings one item links (or writes as a path), each
/// with its SIG and the name after its number: `scheduling-framework`. Which KEP each
/// became is upstream's to tell (`KepCatalog::by_former_file`).
pub fn former_kep_files<'m>(markup: &'m Markup<'_>) -> Vec<(Option<SigSlug>, &'m str)> {
    let mut files = Vec::new();
    let texts = markup.urls.iter().copied();
    for text in texts.chain(std::iter::once(markup.prose.as_str())) {
        if !text.contains("keps/") {
            continue;
        }
        for caps in FORMER_KEP_PATH.captures_iter(text) {
            let sig = GroupTable::get().find_in_url(&format!("/keps/{}/", &caps[1]));
            let name = caps.get(2).or(caps.get(3)).expect("one name group");
            files.push((sig, name.as_str()));
        }
    }
    files
}

/// Pull requests in kubernetes/enhancements named in one item, each once. `enhancements#N`
/// is an issue, not a pull request, when the item links issue N (as the text of that link).
pub fn find_enhancement_prs(markup: &Markup<'_>) -> Vec<u32> {
    let issues: Vec<&str> = markup
        .urls
        .iter()
        .flat_map(|u| ISSUE_URL.captures_iter(u))
        .map(|c| c.get(1).expect("group").as_str())
        .collect();
    let prose = prose_numbers(&PR_PROSE, &PR_WORD, &markup.prose)
        .map(|(_, n)| n)
        .filter(|n| !issues.contains(n));
    let urls = markup
        .urls
        .iter()
        .filter(|u| u.contains("kubernetes/enhancements/pull/"))
        .flat_map(|u| {
            PR_URL
                .captures_iter(u)
                .map(|c| c.get(1).expect("group").as_str())
        });
    let mut prs: Vec<u32> = Vec::new();
    for n in prose.chain(urls).filter_map(|n| n.parse().ok()) {
        if !prs.contains(&n) {
            prs.push(n);
        }
    }
    prs
}

/// KEP numbers written in plain text, with their spans: the renderer links these.
pub fn kep_spans(text: &str) -> Vec<(Range<usize>, KepRef)> {
    prose_numbers(&KEP_PROSE, &KEP_WORD, text)
        .filter_map(|(range, n)| Some((range, KepRef(n.parse().ok()?))))
        .collect()
}

/// The matches of `KEP_PROSE` or `PR_PROSE` (each has `word`) in `text`, with the number
/// as written (the digits that end it: nothing before them is numeric). Matches only, no
/// capture groups: those would run a slower engine on every match.
fn prose_numbers<'t>(
    pattern: &'t Regex,
    word: &AhoCorasick,
    text: &'t str,
) -> impl Iterator<Item = (Range<usize>, &'t str)> {
    // Unicode case folding lets a few non-ASCII letters (`K`, `ſ`) spell the word.
    let may_match = !text.is_ascii() || word.is_match(text);
    may_match
        .then(|| pattern.find_iter(text))
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m.range(),
                m.as_str().trim_start_matches(|c: char| !c.is_numeric()),
            )
        })
}

/// The title a heading gives the KEP it names: the text after `KEP-N:`.
pub fn heading_title(heading: &str, kep: KepRef) -> Option<String> {
    let caps = TITLE_AFTER_KEP.captures(heading)?;
    let title = caps[2].trim().trim_end_matches(['.', ')']).trim();
    (caps[1].parse() == Ok(kep.0) && !title.is_empty()).then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keps(md: &str) -> Vec<u32> {
        find_keps(&Markup::new(md), true)
            .iter()
            .map(|f| f.kep.0)
            .collect()
    }

    #[test]
    fn every_written_form() {
        assert_eq!(
            keps("KEP-3136 and KEP 2799, KEP #1287, [KEP-3751] introduce"),
            [3136, 2799, 1287, 3751]
        );
        assert_eq!(
            keps("[IPv6](https://github.com/kubernetes/enhancements/issues/508)"),
            [508]
        );
        assert_eq!(
            keps("[x](https://github.com/kubernetes/features/issues/495)"),
            [495]
        );
        // 2023-08-13 and 2024-09-15 link KEPs by the project's short links.
        assert_eq!(keps("[KEP 3850 - Backoff Limits Per Index For Indexed Jobs](https://features.k8s.io/3850)"), [3850]);
        assert_eq!(
            keps("[relaxed DNS search validation](https://kep.k8s.io/4427)"),
            [4427]
        );
        assert_eq!(keps("[4402: go workspaces](https://github.com/kubernetes/enhancements/tree/master/keps/sig-architecture/4402-go-workspaces)"), [4402]);
        assert_eq!(
            keps("see `keps/sig-node/3136-beta-apis-off-by-default/README.md`"),
            [3136]
        );
    }

    #[test]
    fn kep_paths_give_the_owning_sig_and_a_title() {
        let f = find_keps(&Markup::new("[KEP 4191](https://github.com/kubernetes/enhancements/blob/master/keps/sig-node/4191-split-image-filesystem/README.md)"), true);
        let folder = Some("4191-split-image-filesystem".into());
        assert_eq!(
            f,
            [KepFound {
                kep: KepRef(4191),
                how: FoundBy::Number,
                sig: SigSlug::parse("sig-node"),
                folder,
                link_title: None
            }]
        );
        assert_eq!(
            f[0].folder_title().as_deref(),
            Some("split image filesystem")
        );
    }

    #[test]
    fn pull_requests_are_not_keps() {
        let md = "### [enhancements#3137: KEP-3136: beta apis off by default](https://github.com/kubernetes/enhancements/pull/3137)";
        assert_eq!(keps(md), [3136]);
        assert_eq!(find_enhancement_prs(&Markup::new(md)), [3137]);
        let md = "### [enhancements#1990: Add Forensic Container Checkpointing KEP](https://github.com/kubernetes/enhancements/pull/1990)";
        assert_eq!(keps(md), Vec::<u32>::new());
        assert_eq!(find_enhancement_prs(&Markup::new(md)), [1990]);
        let md = "This work is tracked in [enhancements#4001](https://github.com/kubernetes/enhancements/issues/4001).";
        assert_eq!(keps(md), [4001]);
        assert!(find_enhancement_prs(&Markup::new(md)).is_empty());
        assert!(keps("[#96120: KEP 2258: add node log query](https://github.com/kubernetes/kubernetes/pull/96120)") == [2258]);
        assert!(keps("[141375: fix](https://github.com/kubernetes/kubernetes/pull/141375), #2287: KEP for gc").is_empty());
    }

    #[test]
    fn date_named_kep_files_have_no_number() {
        assert!(keps("[framework](https://github.com/kubernetes/enhancements/blob/master/keps/sig-scheduling/20180409-scheduling-framework.md)").is_empty());
    }

    /// Real archive lines: the files of the former numberings, by their names.
    #[test]
    fn former_kep_files_by_name() {
        let files = |md: &str| {
            former_kep_files(&Markup::new(md))
                .into_iter()
                .map(|(sig, name)| (sig.map(|s| s.to_string()), name.to_string()))
                .collect::<Vec<_>>()
        };
        // 2019-07-14.
        assert_eq!(
            files("This implements part of the [scheduling framework](https://github.com/kubernetes/enhancements/blob/master/keps/sig-scheduling/20180409-scheduling-framework.md)"),
            [(Some("sig-scheduling".into()), "scheduling-framework".into())]
        );
        // 2018-10-21: kubernetes/community's numbering.
        assert_eq!(
            files("the [KEP 14 dynamic auditing system](https://github.com/kubernetes/community/blob/master/keps/sig-auth/0014-dynamic-audit-configuration.md)"),
            [(Some("sig-auth".into()), "dynamic-audit-configuration".into())]
        );
        // 2019-06-30: a file still waiting for its number, `0000-` and a date (KEP-279).
        assert_eq!(
            files("[prevent Nodes from changing labels](https://github.com/kubernetes/enhancements/blob/master/keps/sig-auth/0000-20170814-bounding-self-labeling-kubelets.md#implementation-timeline)"),
            [(Some("sig-auth".into()), "bounding-self-labeling-kubelets".into())]
        );
        // The template, and today's folders (read by number).
        assert!(files("[new template](https://github.com/kubernetes/community/blob/master/keps/0000-kep-template.md), keps/sig-node/0000-x/README.md").is_empty());
        assert!(files("[KEP](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/4191-split-image-filesystem)").is_empty());
        // 2019-01-13 and 2019-02-03: numbered files, not issues 34 and 35.
        let md = "his [Coscheduling](https://github.com/kubernetes/enhancements/blob/master/keps/sig-scheduling/34-20180703-coscheduling.md) KEP";
        assert_eq!(
            files(md),
            [(Some("sig-scheduling".into()), "coscheduling".into())]
        );
        assert!(keps(md).is_empty());
        let md = "per [the KEP](https://github.com/kubernetes/enhancements/blob/master/keps/sig-api-machinery/35-storage-version-hash.md)";
        assert_eq!(files(md)[0].1, "storage-version-hash");
        assert!(keps(md).is_empty());
    }

    #[test]
    fn titles_from_the_editions_own_kep_headings_only() {
        assert_eq!(
            heading_title("KEP-2876: CRD Validation Expression Language", KepRef(2876)).as_deref(),
            Some("CRD Validation Expression Language")
        );
        assert_eq!(
            heading_title("KEP 3488 - CEL for Admission Control", KepRef(3488)).as_deref(),
            Some("CEL for Admission Control")
        );
        assert_eq!(heading_title("KEP-3136: x", KepRef(1)), None);
        // Pull requests' titles, in kubernetes/enhancements and kubernetes/kubernetes (2022-2023 editions).
        assert_eq!(
            heading_title(
                "enhancements#3137: KEP-3136: beta apis off by default",
                KepRef(3136)
            ),
            None
        );
        assert_eq!(
            heading_title(
                "#121104: [KEP-3751] introduce the VolumeAttributesClass API",
                KepRef(3751)
            ),
            None
        );
        assert_eq!(
            heading_title("#96120: KEP 2258: add node log query", KepRef(2258)),
            None
        );
    }

    /// The 2018-2019 numbering, in real archive lines: none is an enhancements KEP.
    #[test]
    fn old_kep_numbers_are_not_keps() {
        let old = |md: &str, since_2020: bool| find_keps(&Markup::new(md), since_2020).is_empty();
        // 2018-10-21: a kubernetes/community KEP, by number and path.
        assert!(old("adds in the API scaffolding and types for the [KEP 14 dynamic auditing system](https://github.com/kubernetes/community/blob/master/keps/sig-auth/0014-dynamic-audit-configuration.md).", false));
        // 2018-08-26: zero-padded, even if read as issue numbers.
        assert!(old("Per [KEP 009](https://github.com/kubernetes/community/blob/master/keps/sig-node/0009-node-heartbeat.md), the SIG-Node folks", true));
        // 2019-01-13: an old-numbered KEP file in kubernetes/enhancements.
        assert!(old("You can find more information on this project in [KEP 32](https://github.com/kubernetes/enhancements/blob/master/keps/sig-cluster-lifecycle/0032-create-a-k8s-io-component-repo.md).", false));
        // 2019-01-06: a pull request heading, no link to tell by: the year does.
        assert!(old("### [enhancements#639: KEP 34 Coscheduling](https://github.com/kubernetes/enhancements/pull/639)", false));
        // 2019-02-10: the template folder.
        assert!(old("a beta spec, [new template](https://github.com/kubernetes/community/blob/master/keps/0000-kep-template.md), new labels", false));
        assert!(old(
            "see keps/NNNN-kep-template/README.md and keps/sig-node/0000-x/README.md",
            true
        ));
        // kubernetes/features issue N is KEP N, in any year (2018-01-14: features#19, CronJobs).
        assert_eq!(
            keps_in(
                "[CronJobs](https://github.com/kubernetes/features/issues/19) to GA",
                false
            ),
            [19]
        );
        assert_eq!(
            keps_in(
                "KEP 1287 ([issue](https://github.com/kubernetes/enhancements/issues/1287))",
                false
            ),
            [1287]
        );
    }

    /// 2018 editions name features by their issues' links (2018-03-25, 2018-01-14, 2018-02-11).
    #[test]
    fn titles_from_the_text_of_links_to_issues() {
        let title = |md: &str| {
            find_keps(&Markup::new(md), false)
                .into_iter()
                .next()
                .and_then(|f| f.link_title)
        };
        assert_eq!(title("* [544: Custom Resource Definition Versioning](https://github.com/kubernetes/features/issues/544)").as_deref(), Some("Custom Resource Definition Versioning"));
        assert_eq!(title("[Kubelet TLS certificate bootstrap](https://github.com/kubernetes/features/issues/43) is GA").as_deref(), Some("Kubelet TLS certificate bootstrap"));
        assert_eq!(title("FlexVolumes can now [be resized](https://github.com/kubernetes/features/issues/304)."), None);
        assert_eq!(title("support Azure in [the Cluster Autoscaler](https://github.com/kubernetes/features/issues/514)"), None);
        assert_eq!(
            title("[KEP-3136](https://github.com/kubernetes/enhancements/issues/3136)"),
            None
        );
    }

    fn keps_in(md: &str, since_2020: bool) -> Vec<u32> {
        find_keps(&Markup::new(md), since_2020)
            .iter()
            .map(|f| f.kep.0)
            .collect()
    }
}
