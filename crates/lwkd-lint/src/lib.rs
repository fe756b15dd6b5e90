//! `lwkd-lint` owns `lwkd lint`: the rules of LWKD's `STYLESHEET.md` that a program can check
//! in one edition's Markdown, each a pure function of the text. It reports where (line and
//! column in the file, front matter counted), which rule and what to write instead; it reads
//! no files and prints nothing (the CLI does both).
//!
//! The rules, by their names in `site.toml`'s `[lint]` table:
//!
//! | rule | default | what the stylesheet says |
//! | --- | --- | --- |
//! | `pr-link` | error | a kubernetes/kubernetes PR link is `https://github.com/kubernetes/kubernetes/pull/N`, and a link written as a number (`#N`, `PR N`) goes to that number |
//! | `bullet-period` | warning | "Bullet-point entries should not have periods" (the paragraph sections, Developer News, KEP of the Week, Featured PR, Release Schedule and Shoutouts, excepted) |
//! | `here-link` | warning | "Links should be inline in the natural text", not on a separate "here" |
//! | `term-case` | warning | the "common terms and their capitalization" (Kubernetes, kubeadm, CSI, etcd, gRPC, kubectl, kubelet, KEP, Prow) |
//! | `sig-name` | warning | SIG names in their canonical form, `SIG Node` (not `SIG-Node`, `sig-node`, `Sig Node`) |
//! | `kep-number` | warning | a KEP number that kubernetes/enhancements does not have (only with upstream data) |
//! | `next-deadline` | warning | a "Next Deadline" whose date is two or more days from the official schedule's (only with upstream data; see [`next_deadline_findings`]) |
//! | `week-ending` | warning | a title's `Week Ending` date that is not in the week before the edition's date (see [`week_ending_findings`]) |
//!
//! Each can be set to `"error"`, `"warning"` or `"off"`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use lwkd_taxonomy::Facts;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use regex::Regex;

/// How much a finding matters: errors make `lwkd lint` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One rule of the stylesheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    PrLink,
    BulletPeriod,
    HereLink,
    TermCase,
    SigName,
    KepNumber,
    NextDeadline,
    WeekEnding,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::PrLink,
        Rule::BulletPeriod,
        Rule::HereLink,
        Rule::TermCase,
        Rule::SigName,
        Rule::KepNumber,
        Rule::NextDeadline,
        Rule::WeekEnding,
    ];

    /// Its name in output and in `[lint]`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::PrLink => "pr-link",
            Rule::BulletPeriod => "bullet-period",
            Rule::HereLink => "here-link",
            Rule::TermCase => "term-case",
            Rule::SigName => "sig-name",
            Rule::KepNumber => "kep-number",
            Rule::NextDeadline => "next-deadline",
            Rule::WeekEnding => "week-ending",
        }
    }

    fn default_severity(self) -> Severity {
        match self {
            // A malformed PR link is a broken link; the others are matters of style.
            Rule::PrLink => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// Which rules run, and how much each matters (`None`: off).
#[derive(Debug, Clone)]
pub struct Rules {
    levels: BTreeMap<Rule, Option<Severity>>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            levels: Rule::ALL
                .iter()
                .map(|&r| (r, Some(r.default_severity())))
                .collect(),
        }
    }
}

/// What is wrong in `site.toml`'s `[lint]` table.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("[lint] {0}: no such rule; the rules are {rules}", rules = Rule::ALL.map(Rule::name).join(", "))]
    NoSuchRule(String),
    #[error("[lint] {rule} = {level:?}: write \"error\", \"warning\" or \"off\"")]
    NoSuchLevel { rule: String, level: String },
}

impl Rules {
    /// The defaults with `site.toml`'s `[lint]` table (`rule = "error" | "warning" | "off"`)
    /// applied; an unknown rule or level is an error that lists the known ones.
    pub fn configured(table: &BTreeMap<String, String>) -> Result<Rules, RulesError> {
        let mut rules = Rules::default();
        for (name, level) in table {
            let rule = Rule::ALL
                .iter()
                .copied()
                .find(|r| r.name() == name)
                .ok_or_else(|| RulesError::NoSuchRule(name.clone()))?;
            let level = match level.as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "off" => None,
                other => {
                    return Err(RulesError::NoSuchLevel {
                        rule: name.clone(),
                        level: other.into(),
                    })
                }
            };
            rules.levels.insert(rule, level);
        }
        Ok(rules)
    }

    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.levels.get(&rule).copied().flatten()
    }
}

/// One place where an edition breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based, in the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
}

/// Checks one edition's file text (front matter and all) against `rules`, with the facts of
/// the Kubernetes project's repositories (`Facts::default()` without them: then KEP numbers
/// are not checked); the findings come in the order of the text.
pub fn lint(text: &str, rules: &Rules, facts: &Facts) -> Vec<Finding> {
    let body_start = front_matter_end(text);
    let body = &text[body_start..];
    let mut raw: Vec<(usize, Rule, String)> = Vec::new();
    let mut linter = Linter {
        body,
        facts,
        found: &mut raw,
        section: String::new(),
        heading: None,
        items: Vec::new(),
        link: None,
        in_code_block: false,
    };
    for (event, range) in Parser::new(body).into_offset_iter() {
        linter.event(event, range);
    }
    let mut findings: Vec<Finding> = raw
        .into_iter()
        .filter_map(|(offset, rule, message)| {
            let severity = rules.severity(rule)?;
            let (line, col) = line_col(text, body_start + offset);
            Some(Finding {
                line,
                col,
                rule,
                severity,
                message,
            })
        })
        .collect();
    findings.sort_by_key(|f| (f.line, f.col, f.rule));
    findings.dedup();
    findings
}

/// `next-deadline`: the "Next Deadline" lines of the edition at `url` (its site path, as the
/// taxonomy names it) whose date is two or more days from the official milestone they
/// announce; `text` is the edition's file, for the column. The taxonomy must have been made
/// with upstream data and the whole content folder, so the edition's cycle is the one the
/// build gives it.
///
/// What is left out, each a false alarm on the real archive: a day either way (the schedule
/// is in UTC or AoE, the editors write the Pacific day), undated lines (`soon`, `week of`),
/// and the start of a cycle, which LWKD announces before the release team has set it.
pub fn next_deadline_findings(
    taxonomy: &lwkd_taxonomy::Taxonomy,
    url: &str,
    text: &str,
    rules: &Rules,
) -> Vec<Finding> {
    let Some(severity) = rules.severity(Rule::NextDeadline) else {
        return Vec::new();
    };
    let lines: Vec<&str> = text.lines().collect();
    taxonomy
        .deadlines
        .iter()
        .filter(|d| &*d.mention.edition == url && NEXT_DEADLINE.is_match(&d.mention.text))
        .filter_map(|d| {
            let official = d.official.as_ref()?;
            let (date, days) = (d.date?, official.days_apart?);
            if days.abs() < 2 || official.milestone == lwkd_taxonomy::MilestoneKind::CycleStart {
                return None;
            }
            let cycle = d.release.map(|c| c.to_string()).unwrap_or_default();
            let line_text = lines.get(d.mention.line.saturating_sub(1)).copied().unwrap_or("");
            let col = line_text
                .to_ascii_lowercase()
                .find("next")
                .map_or(1, |i| line_text[..i].chars().count() + 1);
            Some(Finding {
                line: d.mention.line,
                col,
                rule: Rule::NextDeadline,
                severity,
                message: format!(
                    "{:?} on {date} is {} days {} than the official {cycle} schedule's {:?} ({}); check kubernetes/sig-release releases/release-{cycle}/README.md",
                    d.written_name,
                    days.abs(),
                    if days < 0 { "earlier" } else { "later" },
                    official.name,
                    official.date
                ),
            })
        })
        .collect()
}

/// `week-ending`: the title of the edition whose front matter is `head` (read from `text`,
/// its file) when its `Week Ending` date is after the edition's date or more than a week
/// before it: a slip in the title (2019-01-08's "Week Ending January 6, 2018"), which puts
/// the edition in the wrong week wherever the title is read. The finding is on the title's
/// line.
pub fn week_ending_findings(
    head: &lwkd_content::EditionHead,
    text: &str,
    rules: &Rules,
) -> Vec<Finding> {
    let (Some(severity), Some(written)) = (
        rules.severity(Rule::WeekEnding),
        lwkd_content::title_week_ending(&head.title),
    ) else {
        return Vec::new();
    };
    let date = head.date();
    let days = (date - written).num_days();
    if (0..=7).contains(&days) {
        return Vec::new();
    }
    let when = match days {
        -1 => "1 day after".to_string(),
        ..0 => format!("{} days after", -days),
        _ => format!("{days} days before"),
    };
    let nearest = lwkd_content::week_ending(&head.title, date);
    let instead = if nearest != written && (0..=7).contains(&(date - nearest).num_days()) {
        format!(": Week Ending {}?", nearest.format("%B %-d, %Y"))
    } else {
        String::new()
    };
    let front_matter = &text[..front_matter_end(text)];
    let (line, col) = front_matter
        .lines()
        .enumerate()
        .find_map(|(i, l)| Some((i + 1, l.find("Week Ending")? + 1)))
        .unwrap_or((1, 1));
    vec![Finding {
        line,
        col,
        rule: Rule::WeekEnding,
        severity,
        message: format!(
            "the title's week ends on {written}, {when} the edition's date ({date}); a title names the last day of the week before it{instead}",
        ),
    }]
}

/// The line made for the next deadline, as the editors label it.
static NEXT_DEADLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)next\s+(?:deadlines?|milestone)").expect("valid"));

/// Where the Markdown starts: after YAML (`---`) or TOML (`+++`) front matter.
fn front_matter_end(text: &str) -> usize {
    for fence in ["---", "+++"] {
        if text.lines().next().map(str::trim_end) != Some(fence) {
            continue;
        }
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            offset += line.len();
            if i > 0 && line.trim_end() == fence {
                return offset;
            }
        }
    }
    0
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// A list item being read: its last piece of inline content, for `bullet-period`.
struct Item {
    last: Option<Inline>,
}

enum Inline {
    /// Text with its end offset in the body.
    Text(String, usize),
    Other,
}

struct OpenLink {
    url: String,
    start: usize,
    text: String,
}

struct Linter<'a> {
    body: &'a str,
    facts: &'a Facts,
    found: &'a mut Vec<(usize, Rule, String)>,
    /// The current level-2 section's title, lowercased.
    section: String,
    /// The heading being read: its level and text.
    heading: Option<(HeadingLevel, String)>,
    items: Vec<Item>,
    link: Option<OpenLink>,
    in_code_block: bool,
}

impl Linter<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title)) = self.heading.take() {
                    if level <= HeadingLevel::H2 {
                        self.section = title.to_lowercase();
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Item) => self.items.push(Item { last: None }),
            Event::End(TagEnd::Item) => {
                if let Some(item) = self.items.pop() {
                    self.end_of_item(item);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some(OpenLink {
                    url: dest_url.into_string(),
                    start: range.start,
                    text: String::new(),
                })
            }
            Event::End(TagEnd::Link) => {
                if let Some(link) = self.link.take() {
                    self.check_link(&link);
                }
            }
            Event::Text(text) if !self.in_code_block => {
                if let Some((_, title)) = &mut self.heading {
                    title.push_str(&text);
                }
                if let Some(link) = &mut self.link {
                    link.text.push_str(&text);
                }
                self.check_prose(&text, range.clone());
                self.set_last(Inline::Text(text.into_string(), range.end));
            }
            Event::Code(code) => {
                if let Some(link) = &mut self.link {
                    link.text.push_str(&code);
                }
                self.set_last(Inline::Other);
            }
            Event::Html(_) | Event::InlineHtml(_) => self.set_last(Inline::Other),
            _ => {}
        }
    }

    fn set_last(&mut self, inline: Inline) {
        if let Some(item) = self.items.last_mut() {
            item.last = Some(inline);
        }
    }

    fn report(&mut self, offset: usize, rule: Rule, message: String) {
        self.found.push((offset, rule, message));
    }

    fn end_of_item(&mut self, item: Item) {
        if PARAGRAPH_SECTIONS.iter().any(|s| self.section.contains(s)) {
            return;
        }
        let Some(Inline::Text(text, end)) = item.last else {
            return;
        };
        let trimmed = text.trim_end();
        if !trimmed.ends_with('.')
            || trimmed.ends_with("..")
            || ABBREVIATIONS.iter().any(|a| ends_with_word(trimmed, a))
        {
            return;
        }
        // The period's place in the source: the last '.' before the text's end.
        let at = self.body[..end].rfind('.').unwrap_or(end.saturating_sub(1));
        self.report(at, Rule::BulletPeriod, "a bullet ends with a period; list entries have none (use a semicolon between two statements)".into());
    }

    fn check_link(&mut self, link: &OpenLink) {
        let text = link.text.trim();
        let bare = text
            .trim_end_matches(['.', ',', ':', ';', '!'])
            .to_lowercase();
        if HERE_WORDS.contains(&bare.as_str()) {
            self.report(
                link.start,
                Rule::HereLink,
                format!("link text {text:?}: put the link on the words that say what it is"),
            );
        }
        if let Some(problem) = pr_link_problem(&link.url, text) {
            self.report(link.start, Rule::PrLink, problem);
        }
    }

    /// `term-case` and `sig-name` in one text event at `range` of the body.
    fn check_prose(&mut self, text: &str, range: Range<usize>) {
        // Offsets in `text` are the source's only when the parser did not unescape anything.
        let exact = self.body.get(range.clone()) == Some(text);
        let at = |i: usize| if exact { range.start + i } else { range.start };
        // A PR's or KEP's title is quoted as its author wrote it.
        let titled = (self.heading.is_some() && self.quotes_a_title(range.start))
            || self
                .link
                .as_ref()
                .is_some_and(|l| QUOTED_LINK_TITLE.is_match(&l.text));
        for word in WORD.find_iter(text).filter(|_| !titled) {
            let token = word.as_str();
            // `#prow` is a Slack channel, `@kubernetes` a handle; `grpc v1.66.2` a release's name.
            let named = text[..word.start()].ends_with(['#', '@', '/', '-', '.'])
                || RELEASE_AFTER.is_match(&text[word.end()..]);
            if named {
                continue;
            }
            let stem = token
                .strip_suffix("'s")
                .or_else(|| token.strip_suffix('\''))
                .unwrap_or(token);
            if let Some(canonical) = miscased_term(stem, || {
                self.sentence_start(at(word.start()), &text[..word.start()])
            }) {
                self.report(
                    at(word.start()),
                    Rule::TermCase,
                    format!("{stem:?}: write {canonical:?}"),
                );
            }
        }
        if !self.facts.upstream().keps.is_empty() {
            for (span, kep) in lwkd_taxonomy::kep_spans(text) {
                if self.facts.kep(kep.0).is_none() {
                    self.report(at(span.start), Rule::KepNumber, format!("KEP {}: kubernetes/enhancements has no KEP of that number (no keps/*/{}-*/kep.yaml)", kep.0, kep.0));
                }
            }
        }
        if self.heading.is_some() {
            // KEP of the Week's heading is `KEP-0000: SIG-Name: Title` in the stylesheet's own template.
            return;
        }
        for (span, slug) in ALIAS_TABLE.sig_spans(text) {
            let written = &text[span.clone()];
            let before = text[..span.start].chars().next_back();
            if slug.is_working_group()
                || !written
                    .get(..3)
                    .is_some_and(|w| w.eq_ignore_ascii_case("sig"))
                || matches!(before, Some('#' | '@' | '-' | '.'))
            {
                continue;
            }
            // Only the form is checked: `SIG-Node` and `sig node` are wrong, `SIG Arch` is a short name.
            let canonical = ALIAS_TABLE.group_name(&slug);
            let same_words = written
                .replace(['-', '_'], " ")
                .eq_ignore_ascii_case(canonical);
            if written != canonical
                && (same_words || written.contains(['-', '_']) || !written.starts_with("SIG "))
            {
                let message = if same_words {
                    format!("{written:?}: write {canonical:?}")
                } else {
                    format!("{written:?}: write SIG names as \"SIG Name\" ({canonical:?})")
                };
                self.report(at(span.start), Rule::SigName, message);
            }
        }
    }

    /// Whether the heading on the line of `offset` quotes a title as it was written elsewhere:
    /// a Featured PR's (`### [#79983: persistent and ephemeral csi volumes](...)`) or a KEP's.
    fn quotes_a_title(&self, offset: usize) -> bool {
        let line_start = self.body[..offset].rfind('\n').map_or(0, |i| i + 1);
        QUOTED_TITLE.is_match(&self.body[line_start..])
    }

    /// Whether a word begins a sentence: first in its block, or after `.`, `!`, `?` or `:`.
    fn sentence_start(&self, offset: usize, before_in_text: &str) -> bool {
        let prefix = if before_in_text.trim().is_empty() {
            let line_start = self.body[..offset].rfind('\n').map_or(0, |i| i + 1);
            &self.body[line_start..offset]
        } else {
            before_in_text
        };
        let prefix = prefix
            .trim_end()
            .trim_end_matches(['[', '*', '_', '"', '(', '\'', '“'])
            .trim_end();
        prefix.is_empty() || prefix.ends_with(['.', '!', '?', ':']) || LIST_MARKER.is_match(prefix)
    }
}

/// Sections written in paragraphs, where a bullet may be a sentence with its period.
const PARAGRAPH_SECTIONS: &[&str] = &[
    "developer news",
    "kep of the week",
    "featured pr",
    "release schedule",
    "shoutout",
];

const ABBREVIATIONS: &[&str] = &["etc.", "e.g.", "i.e.", "vs.", "Inc.", "Jr.", "al."];

/// Link texts that say nothing of where the link goes.
const HERE_WORDS: &[&str] = &[
    "here",
    "click here",
    "this link",
    "link",
    "see here",
    "on our website",
    "this page",
];

fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word)
        .is_some_and(|before| before.is_empty() || !before.ends_with(|c: char| c.is_alphanumeric()))
}

/// A word of prose: letters, with an apostrophe's possessive. Words joined to others by `-`,
/// `/`, `.`, `_` or `@` are names of other things (`kubernetes/kubernetes`, `sig-windows`,
/// `kubernetes.io`) and are left out by the look-arounds in [`miscased_term`]'s caller.
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z][A-Za-z0-9./_@-]*[A-Za-z0-9]'?s?|[A-Za-z]").expect("valid")
});

/// The group names of lwkd's alias table (the archive's spellings; no upstream data).
static ALIAS_TABLE: LazyLock<Facts> = LazyLock::new(Facts::default);

static QUOTED_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#+\s*\[?(?:#?[0-9]+:|KEP[- ]?[0-9]+)").expect("valid"));

static QUOTED_LINK_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#?[0-9]+:|KEP[- ]?[0-9]+:)").expect("valid"));

static RELEASE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\]?\s+v?[0-9]").expect("valid"));

static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[*+-]|\d+[.)]|#+)$").expect("valid"));

/// The stylesheet's terms, as written, and those of them that begin a sentence capitalized
/// (`Kubeadm: add ...` is the stylesheet's own example).
const TERMS: &[(&str, bool)] = &[
    ("Kubernetes", false),
    ("kubeadm", true),
    ("CSI", false),
    ("etcd", true),
    ("gRPC", true),
    ("kubectl", true),
    ("KEP", false),
    ("KEPs", false),
    ("Prow", false),
];

/// The term `word` miscases, if any: `Kubectl` mid-sentence, `ETCD`, `grpc`. Compound tokens
/// (`kubernetes/kubernetes`, `kubernetes.io`, `sig-windows`) are never terms. `kubelet` is
/// written either way (the stylesheet's `K/kubelet`), and `Kubelet` starts sentences.
fn miscased_term(word: &str, sentence_start: impl Fn() -> bool) -> Option<&'static str> {
    if word.contains(['.', '/', '_', '@', '-']) {
        return None;
    }
    if word.eq_ignore_ascii_case("kubelet") {
        return (word != "kubelet" && word != "Kubelet").then_some("kubelet");
    }
    let &(canonical, may_capitalize) = TERMS.iter().find(|(t, _)| t.eq_ignore_ascii_case(word))?;
    if word == canonical {
        return None;
    }
    let capitalized = canonical[..1].to_uppercase() + &canonical[1..];
    if may_capitalize && word == capitalized && sentence_start() {
        return None;
    }
    Some(canonical)
}

static PR_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:https?://)?(?:www\.)?github\.com/kubernetes/kubernetes/pulls?(?:/|$|\?|#)")
        .expect("valid")
});
static GOOD_PR_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https://github\.com/kubernetes/kubernetes/pull/([1-9][0-9]*)(?:/(?:files|commits|changes)(?:/[0-9a-f]{7,40})?)?/?(?:\?[^#\s]*)?(?:#[\w.-]*)?$").expect("valid")
});
static SEARCH_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https://github\.com/kubernetes/kubernetes/pulls(?:/[\w-]+)?\?[^\s]*q=")
        .expect("valid")
});
static NUMBER_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:(?:PR\s*#?|#)([0-9]{3,})|([0-9]{5,}))$").expect("valid"));

/// What is wrong with a kubernetes/kubernetes PR link, if it is one and something is.
fn pr_link_problem(url: &str, text: &str) -> Option<String> {
    if !PR_URL.is_match(url) {
        return None;
    }
    // A search of pull requests (`/pulls?q=...`) is a list, not one that is misspelt.
    if SEARCH_URL.is_match(url) {
        return None;
    }
    let Some(good) = GOOD_PR_URL.captures(url) else {
        return Some(format!("{url:?} is not a pull request's URL; write https://github.com/kubernetes/kubernetes/pull/NUMBER"));
    };
    let number = &good[1];
    match NUMBER_TEXT.captures(text) {
        Some(written)
            if written
                .get(1)
                .or(written.get(2))
                .is_some_and(|n| n.as_str() != number) =>
        {
            Some(format!(
                "the link says {text:?} but goes to pull request {number}"
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_of(text: &str) -> Vec<(usize, &'static str)> {
        lint(text, &Rules::default(), &Facts::default())
            .into_iter()
            .map(|f| (f.line, f.rule.name()))
            .collect()
    }

    #[test]
    fn bullets_in_list_sections_have_no_period() {
        let text = "---\ntitle: x\n---\n## Other Merges\n\n* Kubelet gains a flag.\n* Prevent a race; this is fine\n* Uses [a link](https://example.com/x).\n* etc.\n\n## Developer News\n\n* This is a sentence.\n";
        assert_eq!(rules_of(text), [(6, "bullet-period"), (8, "bullet-period")]);
        let f = &lint(text, &Rules::default(), &Facts::default())[0];
        assert_eq!(f.col, 23, "at the period");
    }

    #[test]
    fn here_links_and_pr_links() {
        let text = "## Other Merges\n\n* Read it [here](https://x.io)\n* [Faster](https://github.com/kubernetes/kubernetes/pulls/123)\n* [#124](https://github.com/kubernetes/kubernetes/pull/125)\n* [ok](https://github.com/kubernetes/kubernetes/pull/126/files#diff-1)\n";
        assert_eq!(
            rules_of(text),
            [(3, "here-link"), (4, "pr-link"), (5, "pr-link")]
        );
        let fine = "* [merged PRs](https://github.com/kubernetes/kubernetes/pulls?q=is%3Apr+merged) and [2019](https://github.com/kubernetes/kubernetes/pull/82090)\n* [PR 125](https://github.com/kubernetes/kubernetes/pull/126)\n";
        assert_eq!(rules_of(fine), [(2, "pr-link")]);
    }

    #[test]
    fn terms_are_cased_as_the_stylesheet_lists_them() {
        let text = "## Other Merges\n\n* Kubeadm: add a flag\n* update the Kubeadm config and ETCD\n* `kubernetes` in code, kubernetes/kubernetes, sig-windows, kubernetes.io\n* use grpc in kubernetes\n* [grpc v1.66.2](https://github.com/grpc/grpc) and #prow\n\n[132838: Drop Deprecated Etcd Flags](https://github.com/kubernetes/kubernetes/pull/132838)\n\n### [#79983: persistent csi volumes](https://github.com/kubernetes/kubernetes/pull/79983)\n\n```\nkubernetes grpc\n```\n";
        let found: Vec<Finding> = lint(text, &Rules::default(), &Facts::default())
            .into_iter()
            .filter(|f| f.rule == Rule::TermCase)
            .collect();
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.message.split('"').nth(1).unwrap())
            .collect();
        assert_eq!(
            words,
            ["Kubeadm", "ETCD", "grpc", "kubernetes"],
            "{found:#?}"
        );
        assert_eq!((found[0].line, found[0].col), (4, 14));
    }

    #[test]
    fn sig_names_in_canonical_form() {
        let text = "## Developer News\n\nSIG-Node and sig-api-machinery met SIG Node, #sig-node and kubernetes/sig-release.\n";
        let found: Vec<String> = lint(text, &Rules::default(), &Facts::default())
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            found,
            [
                "\"SIG-Node\": write \"SIG Node\"",
                "\"sig-api-machinery\": write \"SIG API Machinery\""
            ]
        );
    }

    #[test]
    fn rules_are_configured_or_refused() {
        let table: BTreeMap<String, String> = [
            ("term-case".to_string(), "off".to_string()),
            ("bullet-period".to_string(), "error".to_string()),
        ]
        .into();
        let rules = Rules::configured(&table).unwrap();
        assert_eq!(rules.severity(Rule::TermCase), None);
        assert_eq!(rules.severity(Rule::BulletPeriod), Some(Severity::Error));
        assert_eq!(rules.severity(Rule::PrLink), Some(Severity::Error));
        let bad: BTreeMap<String, String> = [("periods".to_string(), "off".to_string())].into();
        assert!(Rules::configured(&bad)
            .unwrap_err()
            .to_string()
            .contains("bullet-period"));
        let bad: BTreeMap<String, String> = [("here-link".to_string(), "loud".to_string())].into();
        assert!(Rules::configured(&bad).is_err());
    }

    /// The archive's two title slips, and a title that is right, as the build reads them.
    #[test]
    fn week_ending_titles_are_in_the_week_before_the_edition() {
        let found = |file: &str| {
            let path = lwkd_testdata::posts().join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            let head = lwkd_content::EditionHead::read(&path, &text).unwrap();
            week_ending_findings(&head, &text, &Rules::default())
                .into_iter()
                .map(|f| (f.line, f.col, f.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("2019-01-06-update.md"),
            [(3, 8, "the title's week ends on 2018-01-06, 367 days before the edition's date (2019-01-08); a title names the last day of the week before it: Week Ending January 6, 2019?".to_string())]
        );
        assert_eq!(
            found("2018-02-11-update.md"),
            [(3, 8, "the title's week ends on 2018-02-12, 1 day after the edition's date (2018-02-11); a title names the last day of the week before it".to_string())]
        );
        assert_eq!(found("2022-02-06-update.md"), []);
    }

    #[test]
    fn front_matter_counts_in_line_numbers() {
        assert_eq!(front_matter_end("---\na: 1\n---\nbody"), 13);
        assert_eq!(front_matter_end("+++\na = 1\n+++\nbody"), 14);
        assert_eq!(front_matter_end("no front matter\n---\n"), 0);
    }
}

/// No text makes the linter panic, and every finding is on a line and column of the text.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of Markdown the rules react to, mixed with anything.
    fn markdownish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\n".to_string()),
            Just("## Other Merges\n".to_string()),
            Just("### [#12: KEP-3136: x](u)".to_string()),
            Just("* ".to_string()),
            Just("[here](https://github.com/kubernetes/kubernetes/pull/12)".to_string()),
            Just("[#1](https://github.com/kubernetes/kubernetes/pulls/)".to_string()),
            Just("SIG-Node sig node Kubectl ETCD. ".to_string()),
            Just("`code` ```\n".to_string()),
            Just("---\n".to_string()),
            Just("**Next Deadline: Code Freeze, March 29th**".to_string()),
            "\\PC{0,12}",
            "[\\[\\]()*_#`.'\"\\\\ \n-]{0,8}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn any_text_lints_without_a_panic(text in markdownish()) {
            let lines = text.split('\n').count();
            for f in lint(&text, &Rules::default(), &Facts::default()) {
                prop_assert!((1..=lines).contains(&f.line), "{f:?}");
                let line = text.split('\n').nth(f.line - 1).unwrap_or("");
                prop_assert!(f.col <= line.chars().count() + 1, "{f:?} on {line:?}");
            }
        }
    }
}
