//! SIGs and working groups: the alias table (`data/sigs.toml`, read once) and the finders
//! that turn `SIG Node`, `SIG-API-Machinery`, `the api-machinery SIG`, `#ContribEx`,
//! `WG-LTS` or a `community/tree/master/sig-node` link into canonical [`SigSlug`]s.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A SIG's or working group's canonical slug, as kubernetes/community names its folder:
/// `sig-node`, `sig-api-machinery`, `wg-lts`. Only slugs of the alias table exist.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SigSlug(String);

impl SigSlug {
    /// The slug for a canonical slug or any alias spelling (`sig-apimachinery`, `SIG Arch`).
    pub fn parse(text: &str) -> Option<SigSlug> {
        GroupTable::get().resolve(text).map(|i| GroupTable::get().slug(i))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Display name: `SIG Node`, `WG LTS`.
    pub fn name(&self) -> &str {
        let table = GroupTable::get();
        &table.groups[table.by_slug[&self.0]].name
    }

    pub fn is_working_group(&self) -> bool {
        self.0.starts_with("wg-")
    }
}

impl fmt::Display for SigSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// SIG and working-group names written in plain text (`SIG Node`, `WG-LTS`), with their
/// spans: the renderer links these.
pub fn sig_spans(text: &str) -> Vec<(Range<usize>, SigSlug)> {
    GroupTable::get().find_in_prose(text)
}

#[derive(Debug, Deserialize)]
struct TableFile {
    group: Vec<GroupEntry>,
}

#[derive(Debug, Deserialize)]
struct GroupEntry {
    slug: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    bare: Vec<String>,
}

/// Which word marks a group in prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Sig,
    Wg,
}

/// The alias table compiled into finders.
pub(crate) struct GroupTable {
    groups: Vec<GroupEntry>,
    by_slug: HashMap<String, usize>,
    /// (kind, normalized alias) to group.
    aliases: HashMap<(Kind, String), usize>,
    bare: HashMap<String, usize>,
    /// `SIG Node`, `sig-node`, `WG-LTS`: the kind word, then an alias.
    prefixed: Regex,
    /// `the api-machinery SIG`, `Data Protection WG`, `LTS Working Group`.
    suffixed: Regex,
    bare_words: Regex,
}

/// Where a link names a group: a KEP folder, a community-repo folder, a mailing list, a
/// Slack channel. Other URLs (testgrid dashboards, the kubernetes/sig-release repository,
/// kubernetes-sigs projects) do not name a group.
static GROUP_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        /keps/(?P<kep>[a-z0-9-]+)/
        | github\.com/kubernetes/community/(?:tree|blob)/[^/]+/(?P<community>(?:sig|wg)-[a-z0-9-]+)(?:[/\#?]|$)
        | groups\.google\.com/.*?kubernetes-(?P<list>(?:sig|wg)-[a-z0-9-]+)
        | slack\.com/(?:messages|archives|channels)/(?P<slack>(?:sig|wg)-[a-z0-9-]+)",
    )
    .expect("valid regex")
});

static TABLE: LazyLock<GroupTable> =
    LazyLock::new(|| GroupTable::parse(include_str!("../data/sigs.toml")).expect("data/sigs.toml is valid"));

/// `api machinery`, `API-Machinery`, `api/machinery` all become `api machinery`.
fn normalize(alias: &str) -> String {
    alias.split(|c: char| c.is_whitespace() || c == '-' || c == '/').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A regex alternation of `words`, longest first (the regex crate takes the first that matches).
fn alternation<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.iter().map(|w| w.split(' ').map(regex::escape).collect::<Vec<_>>().join(r"[-\s/]+")).collect::<Vec<_>>().join("|")
}

impl GroupTable {
    pub fn get() -> &'static GroupTable {
        &TABLE
    }

    fn parse(text: &str) -> Result<GroupTable, String> {
        let file: TableFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_slug = HashMap::new();
        let mut aliases = HashMap::new();
        let mut bare = HashMap::new();
        for (i, g) in file.group.iter().enumerate() {
            let (kind, own) = if let Some(own) = g.slug.strip_prefix("sig-") {
                (Kind::Sig, own)
            } else if let Some(own) = g.slug.strip_prefix("wg-") {
                (Kind::Wg, own)
            } else {
                return Err(format!("{}: a slug starts with sig- or wg-", g.slug));
            };
            if by_slug.insert(g.slug.clone(), i).is_some() {
                return Err(format!("{}: listed twice", g.slug));
            }
            for alias in std::iter::once(own).chain(g.aliases.iter().map(String::as_str)) {
                if let Some(other) = aliases.insert((kind, normalize(alias)), i) {
                    if other != i {
                        return Err(format!("{}: alias {alias:?} also belongs to {}", g.slug, file.group[other].slug));
                    }
                }
            }
            for word in &g.bare {
                bare.insert(normalize(word), i);
            }
        }
        let alias_pattern = |kind: Kind| alternation(aliases.keys().filter(|(k, _)| *k == kind).map(|(_, a)| a));
        let (sig, wg) = (alias_pattern(Kind::Sig), alias_pattern(Kind::Wg));
        let prefixed = format!(r"(?i)\b(?:sig[-\s]+(?P<sig_alias>{sig})|wg[-\s]+(?P<wg_alias>{wg}))");
        let suffixed = format!(
            r"(?i)\b(?:(?P<sig_alias>{sig})[-\s]+sig|(?P<wg_alias>{wg})[-\s]+(?:wg|working[-\s]+group|workgroup))\b"
        );
        let bare_words = format!(r"(?i)\b(?:{})\b", alternation(bare.keys()));
        let compile = |p: &str| Regex::new(p).map_err(|e| e.to_string());
        Ok(GroupTable {
            prefixed: compile(&prefixed)?,
            suffixed: compile(&suffixed)?,
            bare_words: compile(&bare_words)?,
            groups: file.group,
            by_slug,
            aliases,
            bare,
        })
    }

    fn slug(&self, index: usize) -> SigSlug {
        SigSlug(self.groups[index].slug.clone())
    }

    /// A slug or `SIG`/`WG` plus alias, in any spelling.
    fn resolve(&self, text: &str) -> Option<usize> {
        let key = normalize(text);
        if let Some(&i) = self.by_slug.get(&key.replace(' ', "-")) {
            return Some(i);
        }
        let (kind, alias) = match key.split_once(' ') {
            Some(("sig", rest)) => (Kind::Sig, rest),
            Some(("wg", rest)) => (Kind::Wg, rest),
            _ => return self.bare.get(&key).copied(),
        };
        self.aliases.get(&(kind, alias.to_string())).copied()
    }

    /// Every group named in `prose` (Markdown with URLs blanked), with the matched span.
    /// Spans never overlap; the earliest and then longest match wins.
    pub fn find_in_prose(&self, prose: &str) -> Vec<(Range<usize>, SigSlug)> {
        let mut found: Vec<(Range<usize>, usize)> = Vec::new();
        for re in [&self.prefixed, &self.suffixed] {
            for caps in re.captures_iter(prose) {
                let whole = caps.get(0).expect("match");
                // `sig-release-master-blocking` is a testgrid dashboard, `kubernetes/sig-release` a repository.
                let after = prose[whole.end()..].chars().next();
                let before = prose[..whole.start()].chars().next_back();
                if after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') || before == Some('/') {
                    continue;
                }
                let (kind, alias) = match caps.name("sig_alias") {
                    Some(a) => (Kind::Sig, a.as_str()),
                    None => (Kind::Wg, caps.name("wg_alias").expect("one alternative matched").as_str()),
                };
                if let Some(&i) = self.aliases.get(&(kind, normalize(alias))) {
                    found.push((whole.range(), i));
                }
            }
        }
        for m in self.bare_words.find_iter(prose) {
            if let Some(&i) = self.bare.get(&normalize(m.as_str())) {
                found.push((m.range(), i));
            }
        }
        found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut end = 0;
        found.retain(|(r, _)| {
            let keep = r.start >= end;
            end = end.max(r.end);
            keep
        });
        found.into_iter().map(|(r, i)| (r, self.slug(i))).collect()
    }

    /// The group a URL names, if it is one of the forms in [`GROUP_URL`].
    pub fn find_in_url(&self, url: &str) -> Option<SigSlug> {
        let caps = GROUP_URL.captures(url)?;
        let name = ["kep", "community", "list", "slack"].iter().find_map(|n| caps.name(n))?;
        self.resolve(name.as_str()).map(|i| self.slug(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<String> {
        GroupTable::get().find_in_prose(text).into_iter().map(|(_, s)| s.0).collect()
    }

    #[test]
    fn the_table_parses_and_names_every_canonical_sig() {
        for slug in [
            "sig-api-machinery", "sig-apps", "sig-architecture", "sig-auth", "sig-autoscaling", "sig-cli",
            "sig-cloud-provider", "sig-cluster-lifecycle", "sig-contributor-experience", "sig-docs", "sig-etcd",
            "sig-instrumentation", "sig-k8s-infra", "sig-multicluster", "sig-network", "sig-node", "sig-release",
            "sig-scalability", "sig-scheduling", "sig-security", "sig-storage", "sig-testing", "sig-ui",
            "sig-usability", "sig-windows", "sig-aws", "sig-azure", "sig-gcp", "sig-ibmcloud", "sig-openstack",
            "sig-vmware", "sig-cluster-ops", "sig-big-data", "sig-pm", "sig-service-catalog", "sig-on-premise",
        ] {
            let s = SigSlug::parse(slug).unwrap_or_else(|| panic!("{slug} missing"));
            assert_eq!(s.as_str(), slug);
            assert!(s.name().starts_with("SIG "));
        }
        assert_eq!(SigSlug::parse("wg-lts").unwrap().name(), "WG LTS");
    }

    #[test]
    fn aliases_map_to_canonical_slugs() {
        let cases = [
            ("SIG Node", "sig-node"),
            ("SIG-Node", "sig-node"),
            ("sig-node", "sig-node"),
            ("SIG API Machinery", "sig-api-machinery"),
            ("sig-apimachinery", "sig-api-machinery"),
            ("SIG-APIMachinery", "sig-api-machinery"),
            ("SIG Arch", "sig-architecture"),
            ("SIG-Arch", "sig-architecture"),
            ("SIG Contributor Experience", "sig-contributor-experience"),
            ("sig-contribex", "sig-contributor-experience"),
            ("ContribEx", "sig-contributor-experience"),
            ("SIG-Cloud Provider", "sig-cloud-provider"),
            ("SIG K8s-infra", "sig-k8s-infra"),
            ("WG K8s Infra", "wg-k8s-infra"),
        ];
        for (text, slug) in cases {
            assert_eq!(SigSlug::parse(text).map(|s| s.0), Some(slug.to_string()), "{text}");
        }
        assert_eq!(SigSlug::parse("SIG Leads"), None);
    }

    #[test]
    fn prose_forms() {
        assert_eq!(prose("SIG Azure and SIG-Node made reports; sig-cluster-lifecycle is deprecating"), ["sig-azure", "sig-node", "sig-cluster-lifecycle"]);
        assert_eq!(prose("the api-machinery SIG met; the Contributor Experience SIG too"), ["sig-api-machinery", "sig-contributor-experience"]);
        assert_eq!(prose("SIG-API-Machinery is planning"), ["sig-api-machinery"]);
        assert_eq!(prose("ask on #ContribEx in slack, or #sig-release"), ["sig-contributor-experience", "sig-release"]);
        assert_eq!(prose("mail kubernetes-sig-release@googlegroups.com"), ["sig-release"]);
        assert_eq!(prose("The LTS Working Group, WG-ML, Data Protection WG, Resource Mangement Workgroup, the new Etcd Operator WG"), ["wg-lts", "wg-machine-learning", "wg-data-protection", "wg-resource-management", "wg-etcd-operator"]);
        assert_eq!(prose("SIG Node,\nSIG\nStorage"), ["sig-node", "sig-storage"]);
    }

    #[test]
    fn not_groups() {
        assert!(prose("see sig-release-master-blocking and sig-release-1.24-informing").is_empty());
        assert!(prose("SIG leads, SIG meetings, SIG updates, Several SIGs, your SIG or WG").is_empty());
        assert!(prose("the [kubernetes/sig-release](x) repo, kubernetes-sigs/kind").is_empty());
        assert!(prose("storage SIGs").is_empty());
    }

    #[test]
    fn url_forms() {
        let t = GroupTable::get();
        let url = |u: &str| t.find_in_url(u).map(|s| s.0);
        assert_eq!(url("https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/3136-x/README.md").as_deref(), Some("sig-node"));
        assert_eq!(url("https://github.com/kubernetes/enhancements/blob/master/keps/sig-scheduling/20180409-scheduling-framework.md").as_deref(), Some("sig-scheduling"));
        assert_eq!(url("https://github.com/kubernetes/community/tree/master/sig-scalability").as_deref(), Some("sig-scalability"));
        assert_eq!(url("https://github.com/kubernetes/community/blob/master/wg-lts/README.md").as_deref(), Some("wg-lts"));
        assert_eq!(url("https://groups.google.com/g/kubernetes-sig-release").as_deref(), Some("sig-release"));
        assert_eq!(url("https://groups.google.com/forum/#!forum/kubernetes-sig-api-machinery").as_deref(), Some("sig-api-machinery"));
        assert_eq!(url("https://kubernetes.slack.com/messages/sig-release").as_deref(), Some("sig-release"));
        assert_eq!(url("https://testgrid.k8s.io/sig-release-master-blocking"), None);
        assert_eq!(url("https://github.com/kubernetes/sig-release/tree/master/releases"), None);
        assert_eq!(url("https://github.com/kubernetes/community/blob/master/contributors/devel/sig-testing/flaky-tests.md"), None);
        assert_eq!(url("https://github.com/kubernetes-sigs/kind"), None);
    }
}
