//! The made-up text of one edition, section by section.

use chrono::{Datelike, NaiveDate};
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Edition sizes in bytes of the real archive, at every tenth percentile (0 to 100).
const SIZE_DECILES: [f64; 11] = [
    721.0, 2811.0, 3528.0, 4103.0, 4737.0, 5145.0, 5642.0, 6173.0, 6944.0, 8099.0, 13144.0,
];

/// SIGs as the archive names them: display name, short name used in `SIG Arch`-style
/// mentions, and the folder slug of `sig-node`-style links.
const SIGS: &[(&str, &str, &str)] = &[
    ("Node", "Node", "sig-node"),
    ("API Machinery", "APIMachinery", "sig-api-machinery"),
    ("Architecture", "Arch", "sig-architecture"),
    ("Apps", "Apps", "sig-apps"),
    ("Auth", "Auth", "sig-auth"),
    ("Autoscaling", "Autoscaling", "sig-autoscaling"),
    ("CLI", "CLI", "sig-cli"),
    ("Cloud Provider", "Cloud-Provider", "sig-cloud-provider"),
    (
        "Cluster Lifecycle",
        "Cluster-Lifecycle",
        "sig-cluster-lifecycle",
    ),
    (
        "Contributor Experience",
        "ContribEx",
        "sig-contributor-experience",
    ),
    ("Docs", "Docs", "sig-docs"),
    ("Instrumentation", "Instrumentation", "sig-instrumentation"),
    ("Multicluster", "Multicluster", "sig-multicluster"),
    ("Network", "Network", "sig-network"),
    ("Release", "Release", "sig-release"),
    ("Scalability", "Scalability", "sig-scalability"),
    ("Scheduling", "Scheduling", "sig-scheduling"),
    ("Security", "Security", "sig-security"),
    ("Storage", "Storage", "sig-storage"),
    ("Testing", "Testing", "sig-testing"),
    ("Windows", "Windows", "sig-windows"),
];

const NOUNS: &[&str] = &[
    "kubelet",
    "scheduler",
    "controller",
    "API server",
    "webhook",
    "volume",
    "Pod",
    "node",
    "cluster",
    "Service",
    "endpoint",
    "feature gate",
    "CRD",
    "admission plugin",
    "watch cache",
    "informer",
    "lease",
    "Job",
    "CronJob",
    "DaemonSet",
    "StatefulSet",
    "Deployment",
    "ReplicaSet",
    "container runtime",
    "image",
    "secret",
    "ConfigMap",
    "token",
    "certificate",
    "label selector",
    "field selector",
    "metric",
    "probe",
    "init container",
    "init container",
    "quota",
    "limit range",
    "priority class",
    "taint",
    "toleration",
    "topology",
    "conformance test",
    "e2e job",
    "release branch",
    "changelog",
    "cherry-pick",
    "dashboard",
    "proxy",
    "iptables rule",
    "load balancer",
    "CSI driver",
    "storage class",
    "snapshot",
    "resource claim",
    "device plugin",
    "cgroup",
    "swap",
    "namespace",
    "audit log",
];
const VERBS: &[&str] = &[
    "now supports",
    "no longer needs",
    "can configure",
    "will validate",
    "correctly handles",
    "reports",
    "exposes",
    "moves",
    "deprecates",
    "replaces",
    "speeds up",
    "caches",
    "retries",
    "tracks",
    "restores",
    "simplifies",
    "graduates",
    "adds",
    "removes",
    "fixes",
    "documents",
    "rewrites",
    "measures",
    "limits",
    "protects",
];
const ADJECTIVES: &[&str] = &[
    "structured",
    "in-tree",
    "out-of-tree",
    "alpha",
    "beta",
    "stable",
    "dynamic",
    "static",
    "legacy",
    "new",
    "per-node",
    "cluster-wide",
    "ephemeral",
    "persistent",
    "default",
    "optional",
    "experimental",
    "faster",
    "smaller",
    "safer",
    "consistent",
    "graceful",
    "parallel",
    "server-side",
    "client-side",
];
const TAILS: &[&str] = &[
    "during upgrades",
    "without a restart",
    "for Windows nodes",
    "behind a feature gate",
    "in large clusters",
    "when the node is under pressure",
    "for all supported versions",
    "in kubeadm",
    "in kubectl",
    "on startup",
    "across releases",
    "for the next release",
    "by default",
    "with less memory",
    "in the e2e suite",
];
const PEOPLE: &[&str] = &[
    "Ada Quill",
    "Bo Marsh",
    "Cy Ortega",
    "Dee Patel",
    "Eli Stone",
    "Fay Lin",
    "Gus Moreau",
    "Hana Ito",
    "Ivo Brandt",
    "Jun Park",
    "Kai Novak",
    "Lea Duarte",
    "Mo Haddad",
    "Nia Okafor",
    "Oli Berg",
    "Pia Rossi",
    "Quin Adair",
];
const DEADLINES: &[&str] = &[
    "Enhancements Freeze",
    "Exceptions due",
    "Production Readiness Freeze",
    "Code Freeze",
    "Docs PRs ready for review",
    "Test Freeze",
    "Docs Freeze",
    "Release Candidate",
    "Beta0 Release",
    "Code Slush",
    "Feature blog freeze",
    "Placeholder PRs for Docs",
    "Release Team shadow applications due",
];

/// Picks one element; the lists above are never empty.
fn pick<'a, T>(rng: &mut ChaCha8Rng, list: &'a [T]) -> &'a T {
    list.choose(rng).expect("non-empty list")
}

fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// Writes the body of one edition.
pub(crate) struct Writer {
    pub(crate) rng: ChaCha8Rng,
    index: usize,
}

impl Writer {
    pub(crate) fn new(rng: ChaCha8Rng, index: usize) -> Self {
        Writer { rng, index }
    }

    /// The release being worked on: a new minor version every 16 weeks, from 1.10.
    fn release(&self) -> u32 {
        10 + (self.index / 16) as u32
    }

    /// A target size drawn from the archive's size distribution.
    fn target_size(&mut self) -> usize {
        let at: f64 = self.rng.random_range(0.0..10.0);
        let (i, frac) = (at.floor() as usize, at.fract());
        (SIZE_DECILES[i] + (SIZE_DECILES[i + 1] - SIZE_DECILES[i]) * frac) as usize
    }

    fn sentence(&mut self) -> String {
        let r = &mut self.rng;
        let s = format!(
            "The {} {} {} {}s {}.",
            pick(r, ADJECTIVES),
            pick(r, NOUNS),
            pick(r, VERBS),
            pick(r, NOUNS),
            pick(r, TAILS)
        );
        s.replacen(
            "The ",
            ["The ", "A ", "Every ", "Each "][r.random_range(0..4)],
            1,
        )
    }

    fn pr(&mut self) -> u32 {
        self.rng.random_range(50_000..140_000)
    }

    fn pr_link(&mut self, words: &str) -> String {
        let n = self.pr();
        format!("[{words}](https://github.com/kubernetes/kubernetes/pull/{n})")
    }

    /// A KEP named as the archive names them: one of this release's or the three before
    /// (a KEP goes alpha, beta, stable over releases), most often one of the 16 KEPs each
    /// release keeps returning to, a few the first of the more that are named once. With
    /// upstream data the archive names 405 KEPs in 355 editions, 3.9 editions each, a quarter
    /// of them once (`tests/site/upstream_build.rs` holds the synthetic archive to that).
    fn kep(&mut self) -> u32 {
        // Never before the first release the archive starts in, 1.10.
        let release = (self.release().saturating_sub(self.rng.random_range(0..4))).max(10);
        let base = 1000 + release * 200;
        if self.rng.random_bool(0.97) {
            base + (16.0 * self.rng.random::<f64>().powi(2)) as u32
        } else {
            base + self.rng.random_range(50..200)
        }
    }

    fn kep_mention(&mut self) -> String {
        let n = self.kep();
        match self.rng.random_range(0..5) {
            0 => format!("KEP-{n}"),
            1 => format!("KEP {n}"),
            2 => {
                format!("[enhancements#{n}](https://github.com/kubernetes/enhancements/issues/{n})")
            }
            3 => format!("[the KEP](https://github.com/kubernetes/enhancements/issues/{n})"),
            _ => {
                let (_, _, slug) = *pick(&mut self.rng, SIGS);
                let noun = pick(&mut self.rng, NOUNS).replace(' ', "-").to_lowercase();
                format!("[KEP {n}](https://github.com/kubernetes/enhancements/blob/master/keps/{slug}/{n}-{noun}/README.md)")
            }
        }
    }

    fn sig_mention(&mut self) -> String {
        let (name, short, slug) = *pick(&mut self.rng, SIGS);
        match self.rng.random_range(0..5) {
            0 => format!("SIG {name}"),
            1 => format!("SIG-{short}"),
            2 => format!("[{slug}](https://github.com/kubernetes/community/tree/master/{slug})"),
            3 => format!("SIG {short}"),
            _ => format!("[SIG {name}](https://github.com/kubernetes/community/blob/master/{slug}/README.md)"),
        }
    }

    fn paragraph(&mut self) -> String {
        let n = self.rng.random_range(2..6);
        let mut p: Vec<String> = (0..n).map(|_| self.sentence()).collect();
        if self.rng.random_bool(0.5) {
            let who = pick(&mut self.rng, PEOPLE).to_string();
            let sig = self.sig_mention();
            p.push(format!(
                "{who} of {sig} asks for reviewers on {}.",
                self.pr_link("the change")
            ));
        }
        if self.rng.random_bool(0.3) {
            let kep = self.kep_mention();
            p.push(format!("This work is tracked in {kep}."));
        }
        p.join("  ")
    }

    fn bullet(&mut self) -> String {
        let r = &mut self.rng;
        let what = format!("{} {} {}", pick(r, NOUNS), pick(r, VERBS), pick(r, NOUNS));
        let tail = *pick(r, TAILS);
        let mut line = format!("* {} {tail}", self.pr_link(&what));
        if self.rng.random_bool(0.1) {
            line.push_str(&format!(", see {}", self.kep_mention()));
        }
        line
    }

    fn deadline(&mut self, week: NaiveDate) -> String {
        let name = *pick(&mut self.rng, DEADLINES);
        let day = week + chrono::Duration::days(self.rng.random_range(2..12));
        let (month, month_short, nth) = (day.format("%B"), day.format("%b"), ordinal(day.day()));
        let version = format!("1.{}", self.release());
        match self.rng.random_range(0..8) {
            0..=2 => format!("**Next Deadline: {name}, {month} {nth}**"),
            3 => format!("*Next Deadline: {name}, {month} {nth}*"),
            4 => format!("The next deadline is {name} on {month} {nth}."),
            5 => format!("Next Deadline: {version} Release on {month_short}. {nth}"),
            6 => format!(
                "**Next Deadline: {name} {} {month_short}. {}**",
                day.format("%A"),
                day.day()
            ),
            _ => format!("*Next Deadline: {name}, week of {month} {nth}.*"),
        }
    }

    fn heading(&self, title: &str, setext: bool) -> String {
        if setext {
            format!("{title}\n{}\n\n", "-".repeat(title.len()))
        } else {
            format!("## {title}\n\n")
        }
    }

    /// The whole body: sections in the archive's order, each about as often as there,
    /// then more merges or news until the drawn size is reached.
    pub(crate) fn body(&mut self, week: NaiveDate) -> String {
        let target = self.target_size();
        let setext = week.year() == 2018 && self.rng.random_bool(0.25);
        let early = week.year() < 2020;
        let release = self.release();
        let mut sections: Vec<(String, String)> = Vec::new();

        if early && self.rng.random_bool(0.5) {
            let text = (0..self.rng.random_range(1..4))
                .map(|_| self.paragraph())
                .collect::<Vec<_>>()
                .join("\n\n");
            sections.push(("Community Meeting Summary".into(), text));
        } else if self.rng.random_bool(0.85) {
            let text = (0..self.rng.random_range(1..3))
                .map(|_| self.paragraph())
                .collect::<Vec<_>>()
                .join("\n\n");
            sections.push(("Developer News".into(), text));
        }
        if self.rng.random_bool(0.98) {
            let line = self.deadline(week);
            let text = format!(
                "{line}\n\nWe are in week {} of the 1.{release} cycle.  {}",
                self.index % 16 + 1,
                self.paragraph()
            );
            sections.push(("Release Schedule".into(), text));
        }
        if self.rng.random_bool(0.57) {
            let mut text = Vec::new();
            for _ in 0..self.rng.random_range(1..3) {
                let (n, what) = (self.pr(), self.sentence());
                text.push(format!(
                    "### [#{n}: {}](https://github.com/kubernetes/kubernetes/pull/{n})\n\n{}",
                    what.trim_end_matches('.'),
                    self.paragraph()
                ));
                if self.rng.random_bool(0.2) {
                    text.push(format!(
                        "```yaml\napiVersion: v1\nkind: Pod\nspec:\n  {}: true\n```",
                        pick(&mut self.rng, NOUNS).replace(' ', "")
                    ));
                }
            }
            sections.push(("Featured PRs".into(), text.join("\n\n")));
        }
        if self.rng.random_bool(0.27) {
            let n = self.kep();
            let (_, _, slug) = *pick(&mut self.rng, SIGS);
            let title = self.sentence();
            let title = title.trim_end_matches('.');
            let link = if self.rng.random_bool(0.5) {
                format!("[KEP {n} - {title}](https://github.com/kubernetes/enhancements/blob/master/keps/{slug}/{n}-synthetic/README.md)")
            } else {
                format!("[KEP-{n}: {title}](https://github.com/kubernetes/enhancements/issues/{n})")
            };
            let text = format!(
                "### {link}\n\n{}\n\nThis KEP is tracked for beta in v1.{release}.",
                self.paragraph()
            );
            sections.push(("KEP of the Week".into(), text));
        }
        let merges_at = sections.len();
        if self.rng.random_bool(0.82) {
            let text = (0..self.rng.random_range(3..8))
                .map(|_| self.bullet())
                .collect::<Vec<_>>()
                .join("\n");
            sections.push(("Other Merges".into(), text));
        }
        for (title, p, most) in [
            ("Promotions", 0.42, 5),
            ("Deprecated", 0.6, 4),
            ("Version Updates", 0.75, 4),
            ("Subprojects and Dependency Updates", 0.2, 4),
        ] {
            if self.rng.random_bool(p) {
                let text = (0..self.rng.random_range(1..=most))
                    .map(|_| self.bullet())
                    .collect::<Vec<_>>()
                    .join("\n");
                sections.push((title.into(), text));
            }
        }
        if self.rng.random_bool(0.09) {
            let who = pick(&mut self.rng, PEOPLE).to_string();
            sections.push((
                "Shoutouts".into(),
                format!("* To {who} for {}", self.sentence().to_lowercase()),
            ));
        }

        // Top up to the drawn size: more merges when there is such a section, else news.
        let size = |s: &[(String, String)]| {
            s.iter().map(|(t, b)| t.len() + b.len() + 8).sum::<usize>() + 100
        };
        while size(&sections) < target {
            let merges = sections
                .get(merges_at)
                .is_some_and(|(t, _)| t == "Other Merges");
            let (at, extra) = if merges {
                (merges_at, self.bullet())
            } else {
                (0, self.paragraph())
            };
            if sections.is_empty() {
                sections.push(("Developer News".into(), String::new()));
            }
            let body = &mut sections[at].1;
            body.push_str(if merges { "\n" } else { "\n\n" });
            body.push_str(&extra);
        }
        sections
            .iter()
            .map(|(title, text)| {
                format!("{}{}\n\n", self.heading(title, setext), text.trim_start())
            })
            .collect()
    }
}
