//! `lwkd-groups` recognises Kubernetes SIGs, working groups and committees: the alias table (`data/sigs.toml`, read once),
//! joined by every SIG, working group and committee `sigs.yaml` lists when upstream data is
//! there, and the finders that turn `SIG Node`, `SIG-API-Machinery`, `the api-machinery SIG`,
//! `#ContribEx`, `WG-LTS`, `SIGs Node, Apps and Storage`, `the Steering Committee`, `CoCC` or a
//! `community/tree/master/sig-node` link into canonical [`SigSlug`]s. The alias table keeps
//! the archive's own spellings and the retired groups.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use lwkd_upstream::{GroupFacts, GroupKind};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// A SIG's, working group's or committee's canonical slug, as kubernetes/community names
/// its folder: `sig-node`, `sig-api-machinery`, `wg-lts`, `committee-steering`. Only slugs of the alias table, or of
/// `sigs.yaml` when upstream data is there, exist.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SigSlug(String);

impl SigSlug {
    /// The slug for a canonical slug or any alias spelling (`sig-apimachinery`, `SIG Arch`).
    pub fn parse(text: &str) -> Option<SigSlug> {
        GroupTable::get().parse_slug(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_working_group(&self) -> bool {
        self.0.starts_with("wg-")
    }

    pub fn is_committee(&self) -> bool {
        self.0.starts_with("committee-")
    }
}

impl fmt::Display for SigSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Deserialize)]
struct TableFile {
    group: Vec<GroupEntry>,
}

impl TableFile {
    /// Whether a group of `kind` (by its slug's prefix) has `alias`, or the slug `slug`.
    fn has(&self, slug: &str, kind: &str, alias: &str) -> bool {
        let alias = normalize(alias);
        self.group.iter().any(|g| {
            g.slug == slug
                || g.slug.strip_prefix(kind).is_some_and(|own| {
                    normalize(own) == alias || g.aliases.iter().any(|a| normalize(a) == alias)
                })
        })
    }
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
    /// Named only before the word: `Steering Committee`, `the CoC committee`.
    Committee,
}

/// The alias table compiled into finders.
pub struct GroupTable {
    groups: Vec<GroupEntry>,
    by_slug: HashMap<String, usize>,
    /// (kind, normalized alias) to group.
    aliases: HashMap<(Kind, String), usize>,
    bare: HashMap<String, usize>,
    /// The regexes of [`Finders`], written out; compiled on first use into `finders`.
    patterns: FinderPatterns,
    finders: OnceLock<Finders>,
    /// [`KIND_WORDS`], then each bare word's first, in any ASCII case: every match of the
    /// finders has one, most prose has none, and this scan costs far less than the
    /// finders' alternations of every alias.
    kind_words: AhoCorasick,
}

/// The regexes that find groups in prose, by what they match. They are large alternations of
/// every alias, case-insensitive: about 10 ms to compile, which a build whose editions all
/// come from the cache (it looks groups up by slug only) need not pay.
struct FinderSet<R> {
    /// `SIG Node`, `sig-node`, `WG-LTS`: the kind word, then an alias.
    prefixed: R,
    /// `SIGs Node, Apps and Storage`: `SIGs`, then a list of aliases.
    listed: R,
    /// An alias of a SIG, alone: an item of a `listed` match.
    sig_alias: R,
    /// `the api-machinery SIG`, `Data Protection WG`, `LTS Working Group`, `Steering Committee`.
    suffixed: R,
    /// A word that names a group alone (the table's `bare` words).
    bare_words: R,
}

type FinderPatterns = FinderSet<String>;
type Finders = FinderSet<Regex>;

impl FinderPatterns {
    fn compile(&self) -> Result<Finders, regex::Error> {
        Ok(Finders {
            prefixed: Regex::new(&self.prefixed)?,
            listed: Regex::new(&self.listed)?,
            sig_alias: Regex::new(&self.sig_alias)?,
            suffixed: Regex::new(&self.suffixed)?,
            bare_words: Regex::new(&self.bare_words)?,
        })
    }
}

/// Where a link names a group: a KEP folder, a community-repo folder, a mailing list, a
/// Slack channel. Other URLs (testgrid dashboards, the kubernetes/sig-release repository,
/// kubernetes-sigs projects) do not name a group.
pub static GROUP_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        /keps/(?P<kep>[a-z0-9-]+)/
        | github\.com/kubernetes/community/(?:tree|blob)/[^/]+/(?P<community>(?:sig|wg|committee)-[a-z0-9-]+)(?:[/\#?]|$)
        | groups\.google\.com/.*?kubernetes-(?P<list>(?:sig|wg)-[a-z0-9-]+)
        | slack\.com/(?:messages|archives|channels)/(?P<slack>(?:sig|wg)-[a-z0-9-]+)",
    )
    .expect("valid regex")
});

/// A match in the searched text, read from the prose.
struct Match<'p> {
    range: Range<usize>,
    text: &'p str,
}

/// `prose` with each non-ASCII character replaced by ASCII ones of its byte length that the
/// finders treat alike: white space by spaces, word characters (to `\b`, and alphanumeric
/// to the checks around a match) by `_`, others by `!`. `None` when a character has no
/// such stand-in: `ſ` and `K` (Kelvin) are letters to `(?i)`, and a few characters are
/// word characters and not alphanumeric, or the reverse (`²`).
fn ascii_stand_in(prose: &str) -> Option<String> {
    let mut ascii = String::with_capacity(prose.len());
    for c in prose.chars() {
        let stand_in = match c {
            _ if c.is_ascii() => c,
            'ſ' | '\u{212A}' => return None,
            _ if c.is_whitespace() => ' ',
            _ => match (regex_syntax::is_word_character(c), c.is_alphanumeric()) {
                (true, true) => '_',
                (false, false) => '!',
                _ => return None,
            },
        };
        ascii.extend(std::iter::repeat_n(stand_in, c.len_utf8()));
    }
    Some(ascii)
}

/// The words that mark a group in prose, before the bare words in [`GroupTable::kind_words`].
const KIND_WORDS: [&str; 5] = ["sig", "wg", "working", "workgroup", "committee"];

/// The alias table: the archive's spellings of every group, retired ones included.
const ALIAS_TABLE: &str = include_str!("../data/sigs.toml");

static TABLE: LazyLock<GroupTable> =
    LazyLock::new(|| GroupTable::parse(ALIAS_TABLE).expect("data/sigs.toml is valid"));

/// `api machinery`, `API-Machinery`, `api/machinery` all become `api machinery`.
fn normalize(alias: &str) -> String {
    alias
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A regex alternation of `words`, longest first (the regex crate takes the first that matches).
fn alternation<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
        .iter()
        .map(|w| {
            w.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"[-\s/]+")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Why a table of groups does not compile.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("the table does not parse: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("{0}: a slug starts with sig-, wg- or committee-")]
    Slug(String),
    #[error("{0}: listed twice")]
    Twice(String),
    #[error("{slug}: alias {alias:?} also belongs to {other}")]
    SharedAlias {
        slug: String,
        alias: String,
        other: String,
    },
    #[error("the words that name a kind of group do not compile: {0}")]
    KindWords(#[from] aho_corasick::BuildError),
}

impl GroupTable {
    /// The alias table alone.
    pub fn get() -> &'static GroupTable {
        &TABLE
    }

    /// The alias table and every SIG, working group and committee of `upstream`
    /// (`sigs.yaml`) it does not list, named as there (`WG Workload-aware Scheduling`, alias
    /// `workload-aware scheduling`). User groups are not recognised in prose.
    pub fn with_upstream(upstream: &[GroupFacts]) -> Result<GroupTable, TableError> {
        let mut file: TableFile = toml::from_str(ALIAS_TABLE)?;
        for g in upstream {
            let (prefix, kind) = match g.kind {
                GroupKind::Sig => ("SIG ", "sig-"),
                GroupKind::WorkingGroup => ("WG ", "wg-"),
                GroupKind::Committee => ("", "committee-"),
                GroupKind::UserGroup => continue,
            };
            // A slug whose own part another group has as an alias (`sig-apimachinery`) would
            // name two groups: that one group is left out, not the whole of sigs.yaml.
            let Some(own) = g.dir.strip_prefix(kind) else {
                continue;
            };
            if file.has(&g.dir, kind, own) {
                continue;
            }
            // Its name is an alias unless the table gives that name to another group.
            let aliases = if file.has(&g.dir, kind, &g.name) {
                Vec::new()
            } else {
                vec![g.name.clone()]
            };
            file.group.push(GroupEntry {
                slug: g.dir.clone(),
                name: match g.kind {
                    GroupKind::Committee => format!("{} Committee", g.name),
                    _ => format!("{prefix}{}", g.name),
                },
                aliases,
                bare: Vec::new(),
            });
        }
        GroupTable::compile(file)
    }

    fn parse(text: &str) -> Result<GroupTable, TableError> {
        GroupTable::compile(toml::from_str(text)?)
    }

    fn compile(file: TableFile) -> Result<GroupTable, TableError> {
        let mut by_slug = HashMap::new();
        let mut aliases = HashMap::new();
        let mut bare = HashMap::new();
        for (i, g) in file.group.iter().enumerate() {
            let (kind, own) = if let Some(own) = g.slug.strip_prefix("sig-") {
                (Kind::Sig, own)
            } else if let Some(own) = g.slug.strip_prefix("wg-") {
                (Kind::Wg, own)
            } else if let Some(own) = g.slug.strip_prefix("committee-") {
                (Kind::Committee, own)
            } else {
                return Err(TableError::Slug(g.slug.clone()));
            };
            if by_slug.insert(g.slug.clone(), i).is_some() {
                return Err(TableError::Twice(g.slug.clone()));
            }
            for alias in std::iter::once(own).chain(g.aliases.iter().map(String::as_str)) {
                if let Some(other) = aliases.insert((kind, normalize(alias)), i) {
                    if other != i {
                        return Err(TableError::SharedAlias {
                            slug: g.slug.clone(),
                            alias: alias.into(),
                            other: file.group[other].slug.clone(),
                        });
                    }
                }
            }
            for word in &g.bare {
                bare.insert(normalize(word), i);
            }
        }
        let alias_pattern =
            |kind: Kind| alternation(aliases.keys().filter(|(k, _)| *k == kind).map(|(_, a)| a));
        let (sig, wg, committee) = (
            alias_pattern(Kind::Sig),
            alias_pattern(Kind::Wg),
            alias_pattern(Kind::Committee),
        );
        let prefixed = format!(r"(?i)\b(?:sig[-\s]+(?:{sig})|wg[-\s]+(?:{wg}))");
        // Items may be quoted (`SIGs 'Node' and 'Apps'`); a curly quote is `!!!` in the ASCII stand-in.
        let item = format!(r"[^\w\s,&]{{0,3}}\b(?:{sig})\b[^\w\s,&]{{0,3}}");
        let listed = format!(r"(?i)\bsigs\s+{item}(?:(?:\s*,\s*|,?\s+(?:and|&)\s+){item})+");
        let sig_alias = format!(r"(?i)\b(?:{sig})\b");
        let suffixed = format!(
            r"(?i)\b(?:(?:{sig})[-\s]+sig|(?:{wg})[-\s]+(?:wg|working[-\s]+group|workgroup)|(?:{committee})[-\s]+committee)\b"
        );
        let bare_words = format!(r"(?i)\b(?:{})\b", alternation(bare.keys()));
        let kind_words = KIND_WORDS
            .into_iter()
            .chain(bare.keys().filter_map(|w| w.split(' ').next()));
        Ok(GroupTable {
            patterns: FinderPatterns {
                prefixed,
                listed,
                sig_alias,
                suffixed,
                bare_words,
            },
            finders: OnceLock::new(),
            kind_words: AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .build(kind_words)?,
            groups: file.group,
            by_slug,
            aliases,
            bare,
        })
    }

    fn slug(&self, index: usize) -> SigSlug {
        SigSlug(self.groups[index].slug.clone())
    }

    /// The slug for a canonical slug or any alias spelling (`sig-apimachinery`, `SIG Arch`).
    pub fn parse_slug(&self, text: &str) -> Option<SigSlug> {
        self.resolve(text).map(|i| self.slug(i))
    }

    /// A group's display name: `SIG Node`, `WG LTS`.
    pub fn name(&self, slug: &SigSlug) -> Option<&str> {
        self.by_slug
            .get(&slug.0)
            .map(|&i| self.groups[i].name.as_str())
    }

    /// A slug, `SIG`/`WG` plus alias, or alias plus `Committee`, in any spelling.
    fn resolve(&self, text: &str) -> Option<usize> {
        let key = normalize(text);
        if let Some(&i) = self.by_slug.get(&key.replace(' ', "-")) {
            return Some(i);
        }
        let (kind, alias) = match key.split_once(' ') {
            Some(("sig", rest)) => (Kind::Sig, rest),
            Some(("wg", rest)) => (Kind::Wg, rest),
            _ => match key.strip_suffix(" committee") {
                Some(alias) => (Kind::Committee, alias),
                None => return self.bare.get(&key).copied(),
            },
        };
        self.aliases.get(&(kind, alias.to_string())).copied()
    }

    /// The group a prefixed (`sig <alias>`, `wg <alias>`) or suffixed (`<alias> sig`,
    /// `<alias> wg`, `working group`, `workgroup`) match names, given it normalized. The
    /// kind goes by the word's first letter or by the WG words: `(?i)` also matches `ſig`.
    fn resolve_match(&self, key: &str, prefixed: bool) -> Option<usize> {
        let (kind, alias) = if prefixed {
            let (word, alias) = key.split_once(' ')?;
            (
                if word.starts_with('w') {
                    Kind::Wg
                } else {
                    Kind::Sig
                },
                alias,
            )
        } else if let Some(alias) = [" wg", " working group", " workgroup"]
            .iter()
            .find_map(|w| key.strip_suffix(w))
        {
            (Kind::Wg, alias)
        } else if let Some(alias) = key.strip_suffix(" committee") {
            (Kind::Committee, alias)
        } else {
            (Kind::Sig, key.rsplit_once(' ')?.0)
        };
        self.aliases.get(&(kind, alias.to_string())).copied()
    }

    /// Which of the prefixed, suffixed, bare and listed finders can match ASCII `prose`:
    /// those whose kind word it has where they need it (`sig` or `wg` starting a word and
    /// followed by a separator; `sig`, `wg`, `workgroup` or `working group` after a
    /// separator, ending a word; a bare word starting a word; `sigs` starting a word and
    /// followed by a space). Most prose has none.
    fn finders_needed(&self, prose: &str) -> [bool; 4] {
        let bytes = prose.as_bytes();
        let word = |at: usize| {
            bytes
                .get(at)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
        };
        // `\s` on ASCII, with the vertical tab `is_ascii_whitespace` leaves out.
        let separator = |at: usize| {
            bytes
                .get(at)
                .is_some_and(|&c| c == b'-' || c == 0x0b || c.is_ascii_whitespace())
        };
        let mut needed = [false; 4];
        for m in self.kind_words.find_iter(prose) {
            let (start, end) = (m.start(), m.end());
            let starts_word = start == 0 || !word(start - 1);
            let after_separator = start > 0 && separator(start - 1);
            match KIND_WORDS.get(m.pattern().as_usize()).copied() {
                Some(kind @ ("sig" | "wg")) => {
                    needed[0] |= starts_word && separator(end);
                    needed[1] |= after_separator && !word(end);
                    needed[3] |= kind == "sig"
                        && starts_word
                        && bytes
                            .get(end)
                            .is_some_and(|c| c.eq_ignore_ascii_case(&b's'))
                        && separator(end + 1);
                }
                Some("workgroup" | "committee") => needed[1] |= after_separator && !word(end),
                Some(_) => {
                    let group = (end..bytes.len())
                        .find(|&at| !separator(at))
                        .filter(|&at| at > end);
                    needed[1] |= after_separator
                        && group.is_some_and(|at| {
                            bytes[at..]
                                .get(..5)
                                .is_some_and(|g| g.eq_ignore_ascii_case(b"group"))
                        });
                }
                None => needed[2] |= starts_word,
            }
        }
        needed
    }

    /// The finders, compiled on first use. Should this table's not compile (a `sigs.yaml`
    /// far larger than today's past the regex size limit), the alias table's find the groups
    /// it knows, which this table resolves as before.
    fn finders(&self) -> &Finders {
        self.finders.get_or_init(|| match self.patterns.compile() {
            Ok(finders) => finders,
            Err(_) => TABLE
                .patterns
                .compile()
                .expect("the alias table's finders compile (a unit test builds them)"),
        })
    }

    /// Every group named in `prose` (Markdown with URLs blanked), with the matched span.
    /// Spans never overlap; the earliest and then longest match wins.
    pub fn find_in_prose(&self, prose: &str) -> Vec<(Range<usize>, SigSlug)> {
        // Searched as ASCII (same offsets), the finders' `\b` lets regex use its fast engine
        // and the kind words tell which finders can match at all.
        let searched = if prose.is_ascii() {
            Cow::Borrowed(prose)
        } else {
            ascii_stand_in(prose).map_or(Cow::Borrowed(prose), Cow::Owned)
        };
        let [prefixed, suffixed, bare, listed] = if searched.is_ascii() {
            self.finders_needed(&searched)
        } else {
            [true; 4]
        };
        let finders = self.finders();
        let mut found: Vec<(Range<usize>, usize)> = Vec::new();
        for (re, is_prefixed, needed) in [
            (&finders.prefixed, true, prefixed),
            (&finders.suffixed, false, suffixed),
        ] {
            if !needed {
                continue;
            }
            // Matches only (no capture groups, which would run a slower engine on each):
            // the normalized match is the alias with its kind word before or after it.
            for whole in re.find_iter(&searched) {
                // An alias ending in a stand-in character (`Foo!` from sigs.yaml) can end a
                // match inside a character of the prose: no group is named there.
                let Some(text) = prose.get(whole.range()) else {
                    continue;
                };
                let whole = Match {
                    range: whole.range(),
                    text,
                };
                // `sig-release-master-blocking` is a testgrid dashboard, `kubernetes/sig-release` a repository.
                let after = prose[whole.range.end..].chars().next();
                let before = prose[..whole.range.start].chars().next_back();
                if after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
                    || before == Some('/')
                {
                    continue;
                }
                if let Some(i) = self.resolve_match(&normalize(whole.text), is_prefixed) {
                    found.push((whole.range, i));
                }
            }
        }
        if listed {
            // Each SIG of the list on its own span: `Node`, `Apps`, `Storage`.
            for list in finders.listed.find_iter(&searched) {
                for item in finders.sig_alias.find_iter(&searched[list.range()]) {
                    let range = list.start() + item.start()..list.start() + item.end();
                    let Some(text) = prose.get(range.clone()) else {
                        continue;
                    };
                    if let Some(&i) = self.aliases.get(&(Kind::Sig, normalize(text))) {
                        found.push((range, i));
                    }
                }
            }
        }
        if bare {
            for m in finders.bare_words.find_iter(&searched) {
                let Some(text) = prose.get(m.range()) else {
                    continue;
                };
                if let Some(&i) = self.bare.get(&normalize(text)) {
                    found.push((m.range(), i));
                }
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

    /// Whether `url` has what each form of [`GROUP_URL`] has (case-sensitive): most URLs
    /// have none, and this check costs far less than the regex.
    pub fn may_name_group(url: &str) -> bool {
        [
            "/keps/",
            "kubernetes/community/",
            "groups.google.com/",
            "slack.com/",
        ]
        .iter()
        .any(|p| url.contains(p))
    }

    /// The group a URL names, if it is one of the forms in [`GROUP_URL`].
    pub fn find_in_url(&self, url: &str) -> Option<SigSlug> {
        if !GroupTable::may_name_group(url) {
            return None;
        }
        let caps = GROUP_URL.captures(url)?;
        let name = ["kep", "community", "list", "slack"]
            .iter()
            .find_map(|n| caps.name(n))?;
        self.resolve(name.as_str()).map(|i| self.slug(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<String> {
        GroupTable::get()
            .find_in_prose(text)
            .into_iter()
            .map(|(_, s)| s.0)
            .collect()
    }

    #[test]
    fn finders_that_do_not_compile_give_way_to_the_alias_tables() {
        let mut table = GroupTable::parse(ALIAS_TABLE).unwrap();
        table.patterns.prefixed = "(unclosed".into();
        let found: Vec<SigSlug> = table
            .find_in_prose("SIG Node and the Steering Committee")
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(
            found,
            [
                SigSlug("sig-node".into()),
                SigSlug("committee-steering".into())
            ]
        );
    }

    #[test]
    fn the_table_parses_and_names_every_canonical_sig() {
        for slug in [
            "sig-api-machinery",
            "sig-apps",
            "sig-architecture",
            "sig-auth",
            "sig-autoscaling",
            "sig-cli",
            "sig-cloud-provider",
            "sig-cluster-lifecycle",
            "sig-contributor-experience",
            "sig-docs",
            "sig-etcd",
            "sig-instrumentation",
            "sig-k8s-infra",
            "sig-multicluster",
            "sig-network",
            "sig-node",
            "sig-release",
            "sig-scalability",
            "sig-scheduling",
            "sig-security",
            "sig-storage",
            "sig-testing",
            "sig-ui",
            "sig-usability",
            "sig-windows",
            "sig-aws",
            "sig-azure",
            "sig-gcp",
            "sig-ibmcloud",
            "sig-openstack",
            "sig-vmware",
            "sig-cluster-ops",
            "sig-big-data",
            "sig-pm",
            "sig-service-catalog",
            "sig-on-premise",
        ] {
            let s = SigSlug::parse(slug).unwrap_or_else(|| panic!("{slug} missing"));
            assert_eq!(s.as_str(), slug);
            assert!(GroupTable::get().name(&s).unwrap().starts_with("SIG "));
        }
        assert_eq!(
            GroupTable::get().name(&SigSlug::parse("wg-lts").unwrap()),
            Some("WG LTS")
        );
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
            assert_eq!(
                SigSlug::parse(text).map(|s| s.0),
                Some(slug.to_string()),
                "{text}"
            );
        }
        assert_eq!(SigSlug::parse("SIG Leads"), None);
    }

    #[test]
    fn prose_forms() {
        assert_eq!(
            prose("SIG Azure and SIG-Node made reports; sig-cluster-lifecycle is deprecating"),
            ["sig-azure", "sig-node", "sig-cluster-lifecycle"]
        );
        assert_eq!(
            prose("the api-machinery SIG met; the Contributor Experience SIG too"),
            ["sig-api-machinery", "sig-contributor-experience"]
        );
        assert_eq!(
            prose("SIG-API-Machinery is planning"),
            ["sig-api-machinery"]
        );
        assert_eq!(
            prose("ask on #ContribEx in slack, or #sig-release"),
            ["sig-contributor-experience", "sig-release"]
        );
        assert_eq!(
            prose("mail kubernetes-sig-release@googlegroups.com"),
            ["sig-release"]
        );
        assert_eq!(prose("The LTS Working Group, WG-ML, Data Protection WG, Resource Mangement Workgroup, the new Etcd Operator WG"), ["wg-lts", "wg-machine-learning", "wg-data-protection", "wg-resource-management", "wg-etcd-operator"]);
        assert_eq!(
            prose("SIG Node,\nSIG\nStorage"),
            ["sig-node", "sig-storage"]
        );
    }

    /// What each alias names, in each form a match can take (the kind word read from the
    /// match, not from a capture group): `ſ` is an `s` to `(?i)`.
    #[test]
    fn every_alias_in_every_form() {
        let t = GroupTable::get();
        for ((kind, alias), &i) in &t.aliases {
            let hyphenated = alias.replace(' ', "-");
            let forms = match kind {
                Kind::Sig => [
                    format!("SIG {alias}"),
                    format!("sig-{hyphenated}"),
                    format!("the {hyphenated} SIG."),
                    format!("ſig {alias}"),
                ],
                Kind::Wg => [
                    format!("WG-{hyphenated}"),
                    format!("the {alias} Working  Group"),
                    format!("{alias} workgroup"),
                    format!("{alias} wg"),
                ],
                Kind::Committee => [
                    format!("{alias} Committee"),
                    format!("the {hyphenated} committee."),
                    format!("The {alias}  committee"),
                    format!("{alias}-committee"),
                ],
            };
            for text in forms {
                assert_eq!(prose(&text), [t.groups[i].slug.as_str()], "{text}");
            }
        }
    }

    #[test]
    fn a_list_of_sigs_names_each() {
        assert_eq!(
            prose("SIGs Node, Apps and Storage"),
            ["sig-node", "sig-apps", "sig-storage"]
        );
        // Real sentences of the archive (2018, 2019, 2020).
        assert_eq!(
            prose("SIGs Cluster Ops, Autoscaling, Architecture, Testing, and Docs"),
            [
                "sig-cluster-ops",
                "sig-autoscaling",
                "sig-architecture",
                "sig-testing",
                "sig-docs"
            ]
        );
        assert_eq!(
            prose("SIGs Windows, Auth, and Multicluster are speaking"),
            ["sig-windows", "sig-auth", "sig-multicluster"]
        );
        assert_eq!(
            prose("SIGs Autoscaling, Scheduling, Scalability, and the new Naming WG"),
            [
                "sig-autoscaling",
                "sig-scheduling",
                "sig-scalability",
                "wg-naming"
            ]
        );
        assert_eq!(
            prose("SIGs ’Cluster Ops’, \"Autoscaling\" and 'Docs'"),
            ["sig-cluster-ops", "sig-autoscaling", "sig-docs"]
        );
        assert_eq!(
            prose("SIGs API Machinery & CLI"),
            ["sig-api-machinery", "sig-cli"]
        );
        assert!(prose("SIGs and WGs; SIGs other than your own; SIGs Node").is_empty());
    }

    /// Real sentences: 2021-11-21, 2023-07-30, 2024-12-01, 2025-06-15 (links blanked).
    #[test]
    fn committees() {
        assert_eq!(
            prose("he has stepped down from the Code of Conduct Committee and Carlos Panato has taken his place. Steering Liaisons for SIGs are also changing"),
            ["committee-code-of-conduct", "committee-steering"]
        );
        assert_eq!(
            prose("Nominations are open for the Kubernetes Code of Conduct Committee.  If it is your time to serve the project on the CoCC, submit"),
            ["committee-code-of-conduct", "committee-code-of-conduct"]
        );
        assert_eq!(
            prose("The Kubernetes Security Response Committee confirmed this vulnerability"),
            ["committee-security-response"]
        );
        assert_eq!(
            prose("the Product Security Committee; the SRC team; The Steering Committee election"),
            [
                "committee-security-response",
                "committee-security-response",
                "committee-steering"
            ]
        );
        let t = GroupTable::get();
        assert_eq!(
            t.name(&SigSlug::parse("committee-steering").unwrap()),
            Some("Steering Committee")
        );
        assert_eq!(
            t.find_in_url("https://github.com/kubernetes/community/tree/master/committee-steering")
                .map(|s| s.0)
                .as_deref(),
            Some("committee-steering")
        );
        assert!(
            prose("steering the ship this release; a committee of three; the steering wheel")
                .is_empty()
        );
    }

    #[test]
    fn not_groups() {
        assert!(prose("see sig-release-master-blocking and sig-release-1.24-informing").is_empty());
        assert!(
            prose("SIG leads, SIG meetings, SIG updates, Several SIGs, your SIG or WG").is_empty()
        );
        assert!(prose("the [kubernetes/sig-release](x) repo, kubernetes-sigs/kind").is_empty());
        assert!(prose("storage SIGs").is_empty());
    }

    #[test]
    fn url_forms() {
        let t = GroupTable::get();
        let url = |u: &str| t.find_in_url(u).map(|s| s.0);
        assert_eq!(url("https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/3136-x/README.md").as_deref(), Some("sig-node"));
        assert_eq!(url("https://github.com/kubernetes/enhancements/blob/master/keps/sig-scheduling/20180409-scheduling-framework.md").as_deref(), Some("sig-scheduling"));
        assert_eq!(
            url("https://github.com/kubernetes/community/tree/master/sig-scalability").as_deref(),
            Some("sig-scalability")
        );
        assert_eq!(
            url("https://github.com/kubernetes/community/blob/master/wg-lts/README.md").as_deref(),
            Some("wg-lts")
        );
        assert_eq!(
            url("https://groups.google.com/g/kubernetes-sig-release").as_deref(),
            Some("sig-release")
        );
        assert_eq!(
            url("https://groups.google.com/forum/#!forum/kubernetes-sig-api-machinery").as_deref(),
            Some("sig-api-machinery")
        );
        assert_eq!(
            url("https://kubernetes.slack.com/messages/sig-release").as_deref(),
            Some("sig-release")
        );
        assert_eq!(
            url("https://testgrid.k8s.io/sig-release-master-blocking"),
            None
        );
        assert_eq!(
            url("https://github.com/kubernetes/sig-release/tree/master/releases"),
            None
        );
        assert_eq!(url("https://github.com/kubernetes/community/blob/master/contributors/devel/sig-testing/flaky-tests.md"), None);
        assert_eq!(url("https://github.com/kubernetes-sigs/kind"), None);
    }
}
