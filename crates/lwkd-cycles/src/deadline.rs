//! Release deadlines: the "Next Deadline" line of an edition's Release Schedule section, in
//! all the ways it has been written (`**Next Deadline: Code Freeze, March 29th**`,
//! `*Next Milestone: June 11th, documentation complete*`, `The next deadline is Code Slush
//! on February 20th.`), read into a name and a date resolved against the edition's date.

use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::Regex;
use serde::{Deserialize, Serialize};

use lwkd_upstream::MilestoneKind;

use crate::dates::{dates, resolve, Found, Written, MONTH};
use crate::mention::Mention;
use crate::release::{newest_cycle, ReleaseCycle};

/// One announced deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The cycle it belongs to: the one its name gives (`1.25 Cycle Starts`), else the
    /// edition's.
    pub release: Option<ReleaseCycle>,
    /// The official schedule's name for the milestone once the index is assembled (`Code
    /// Freeze`), else the name as written.
    pub name: String,
    /// The name as the edition wrote it (`Feature Freeze`, `Code Freeze comes`).
    pub written_name: String,
    /// `None` when the line gives no day (`this week`, `September`).
    pub date: Option<NaiveDate>,
    /// For a line that gives no day but `this week`: the Monday of the week the edition
    /// came out in, which is the week it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week: Option<NaiveDate>,
    /// Where it was announced; `text` is the line as written.
    #[serde(flatten)]
    pub mention: Mention,
    /// The official schedule's milestone it announces, with its cycle's schedule read
    /// (set when the index is assembled).
    #[serde(default)]
    pub official: Option<OfficialDate>,
    /// Other days given for this one milestone: by its own edition (`March 20/21` and
    /// `Friday, March 21`, read as repeats) and, once the index is assembled, by earlier
    /// editions of its cycle (`March 30` where it was last announced as March 29).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_dates: Vec<NaiveDate>,
}

impl Deadline {
    /// A deadline as an edition announced it, in the cycle its name gives if any.
    pub fn announced(name: String, date: Option<NaiveDate>, mention: Mention) -> Deadline {
        let week = (date.is_none() && THIS_WEEK.is_match(&mention.text))
            .then(|| mention.edition_date.week(Weekday::Mon).checked_first_day())
            .flatten();
        Deadline {
            release: named_cycle(&name),
            written_name: name.clone(),
            name,
            date,
            week,
            mention,
            official: None,
            other_dates: Vec::new(),
        }
    }

    /// The first and last of the days it was given: its day, or the week's Monday and
    /// Sunday. What lists, calendars and the official schedule place it by.
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        match (self.date, self.week) {
            (Some(day), _) => Some((day, day)),
            (None, Some(monday)) => Some((monday, monday.checked_add_days(Days::new(6))?)),
            (None, None) => None,
        }
    }
}

/// The official milestone an announced deadline is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialDate {
    pub milestone: MilestoneKind,
    /// The schedule row as named there (`Begin Code Freeze`).
    pub name: String,
    /// The row's day; of a row written in two time zones, the one nearer the announcement.
    pub date: NaiveDate,
    /// The announced date less the official one, in days (0: the same day); of a week, its
    /// nearer end's (0: a day of that week). `None` for an announcement given neither.
    pub days_apart: Option<i64>,
}

/// How a deadline line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineForm {
    /// `Next Deadline:` / `Next Deadlines:` / `Next Milestone:`, the line made for it.
    Labelled,
    /// `The next deadline is ...`: prose, which later editions also use to repeat the label.
    Prose,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[-*+]\s+)?[*_]*\s*(?:(?P<label>next\s+(?:deadlines?|milestone)\s*[*_]*\s*:[*_]*)|the\s+next\s+deadline\s+is\b)\s*")
        .expect("valid regex")
});
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid regex"));

/// A week a line gives instead of a day.
static THIS_WEEK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bthis\s+week\b").expect("valid regex"));
/// Where an undatable line's time starts: `this week`, `soon`, `September`, `January 2024`.
static VAGUE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\bthis\s+week|\bsoon\b|\b{MONTH}(?:\s+(?:20\d\d|\?+))?\s*$)"
    ))
    .expect("valid regex")
});
/// Words between a name and its date: `Release of 1.20.0 on Dec 8th`, `Docs ready by`,
/// `Enhancement Freeze Tuesday Oct. 23`, `publish schedule, week of July 10th`.
static TRAILING_GLUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:[\s,:;(–—-]+|,\s*due|\b(?:on|by|is|at|which|of|week|this|next|to|and|or|until|from|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?))$").expect("valid regex")
});
static LEADING_GLUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\s,.:;()/–—-]+|(?:is|the|and|then|also|as such|so|note that)\b)")
        .expect("valid regex")
});
/// A time of day or a time zone, which a name does not need (`02:00 UTC`, `19:00 PDT`,
/// `(AoE)`): a date given in two zones is one deadline, its second date's words only these.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}:\d{2}\b|\b(?:utc|gmt|aoe|pdt|pst|pt|edt|est|cet|cest|ist)\b|\(\s*\)")
        .expect("valid regex")
});

/// If `line` is a deadline line, its form and what follows the label.
pub fn deadline_line(line: &str) -> Option<(LineForm, &str)> {
    let caps = LABEL.captures(line)?;
    let form = if caps.name("label").is_some() {
        LineForm::Labelled
    } else {
        LineForm::Prose
    };
    let mut rest = &line[caps.get(0).expect("match").end()..];
    // `Next Deadline: Next Deadline: Production Readiness Sept. 29th` happened once.
    while let Some(again) = LABEL.captures(rest).filter(|c| c.name("label").is_some()) {
        rest = &rest[again.get(0).expect("match").end()..];
    }
    Some((form, rest))
}

/// Reads what follows a deadline label into its deadlines, each date its own (`Code
/// Freeze July 9th, Test Freeze July 16th` is two), resolved against the edition's date.
/// A line with no day gives one undated deadline.
pub fn read_deadlines(rest: &str, edition_date: NaiveDate) -> Vec<(String, Option<NaiveDate>)> {
    let text = plain(rest);
    let text = text.trim().trim_end_matches(['.', '!']);
    let found = dates(text);
    if found.is_empty() {
        let cut = VAGUE_TIME.find(text).map_or(text.len(), |m| m.start());
        let name = strip_glue(&text[..cut]);
        return vec![(
            if name.is_empty() {
                text.to_string()
            } else {
                name.to_string()
            },
            None,
        )];
    }
    named_dates(text, &found)
        .into_iter()
        .zip(&found)
        .flat_map(|((name, written), f)| {
            // A year written that puts the day further than a year from the edition (`March 1
            // 2018` in a 2024 edition) is no deadline of it: the line is kept, undated.
            let first = resolve(written, edition_date)
                .filter(|d| (*d - edition_date).num_days().abs() <= DEADLINE_REACH_DAYS);
            // `March 20/21`: the day in two time zones, both given (a later day of the month).
            let second = SECOND_DAY
                .captures(&text[f.start..f.end])
                .and_then(|c| c[1].parse().ok())
                .and_then(|day| first.filter(|d| d.day() < day)?.with_day(day));
            let also = second.map(|day| (name.clone(), Some(day)));
            std::iter::once((name, first)).chain(also)
        })
        .collect()
}

/// The second day of `March 20/21`.
static SECOND_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/\s*(\d{1,2})").expect("valid regex"));

/// Names each date of `text`: the words before it, or (a line that starts with its date:
/// `May 25th, placeholder Doc PRs are due`) the words after it.
fn named_dates(text: &str, found: &[Found]) -> Vec<(String, Written)> {
    let lead = strip_glue(&text[..found[0].start]);
    let date_first = lead.is_empty() || lead.eq_ignore_ascii_case("today");
    let mut out: Vec<(String, Written)> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let name = if date_first {
            let until = found.get(i + 1).map_or(text.len(), |next| next.start);
            let clause = first_clause(strip_leading_glue(&text[f.end..until]));
            // `Tomorrow is Code Freeze for 1.23, and it's time to decide ...`.
            clause.split(", ").next().unwrap_or(clause).to_string()
        } else {
            let from = if i == 0 { 0 } else { found[i - 1].end };
            strip_glue(strip_leading_glue(&text[from..f.start])).to_string()
        };
        let name = without_clock(&name);
        // `Code Freeze, March 29th/30th`-like second dates with no words of their own, and
        // the second zone's date of `02:00 UTC Wednesday 24th July / 19:00 PDT Tuesday`.
        let name = if name.is_empty() {
            out.last().map(|(n, _)| n.clone()).unwrap_or_default()
        } else {
            tidy_name(&name)
        };
        out.push((name, f.written));
    }
    out
}

/// A sentence of a Release Schedule section that announces deadlines of the cycle:
/// `Code Freeze follows on Thursday, Nov. 12`, `* July 30th: Enhancements Freeze`,
/// `Final release is still targeted for April 8th.`
pub struct Announced {
    /// Byte offset of the sentence in the paragraph.
    pub offset: usize,
    pub sentence: String,
    pub deadlines: Vec<(String, NaiveDate)>,
}

/// Words of a sentence about the cycle's milestones.
static MILESTONE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)freeze|thaw|slush|deadline|\bdue\b|\breleas|\bcycle\b|\bbeta|\balpha|\brc\.?\d|\bbranch|\bdocs?\b|documentation|exception|enhancement|\bkeps?\b|tracking|placeholder|burndown|production readiness|\bprr\b|blog|themes|kicks? off|\bbegins?\b|\bstarts?\b|\bcomes out\b")
        .expect("valid regex")
});
/// What is not a deadline of the cycle: patch releases, the release team's own business,
/// and what already happened.
static NOT_A_MILESTONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)shadow|applica|retro|kubecon|meeting|survey|\b(?:was|were|came out|has been|have been|had been|went out|has passed|last week|ago)\b").expect("valid regex")
});
/// A sentence about patch releases is about them throughout (`The next set of patch releases
/// has a cherry-pick deadline this Friday, and should be released the following Tuesday`).
static PATCH_RELEASES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)patch|cherry|update release|updates|\bv?1\.\d+\.[1-9]").expect("valid regex")
});

/// The deadlines a paragraph of the Release Schedule section announces outside a `Next
/// Deadline` line: each sentence that speaks of the cycle's milestones and not of patch
/// releases or the past, each of its dates from a few days before the edition on.
pub fn announced_deadlines(paragraph: &str, edition_date: NaiveDate) -> Vec<Announced> {
    let mut out = Vec::new();
    for (offset, sentence) in sentences(paragraph) {
        let text = plain(sentence);
        if PATCH_RELEASES.is_match(&text) {
            continue;
        }
        // Clause by clause: `Selected applicants will be notified by Sept 22, and the release
        // cycle is expected to run from Sept 15 to Dec 17, 2025.`
        let deadlines: Vec<(String, NaiveDate)> = CLAUSE
            .split(&text)
            .filter(|clause| MILESTONE_WORDS.is_match(clause) && !NOT_A_MILESTONE.is_match(clause))
            .flat_map(|clause| {
                let found = dates(clause);
                if found.is_empty() {
                    Vec::new()
                } else {
                    named_from_context(clause, &found)
                }
            })
            .filter_map(|(name, written)| {
                Some((short_name(&name), resolve(written, edition_date)?))
            })
            .filter(|(_, date)| (-3..=200).contains(&(*date - edition_date).num_days()))
            .collect();
        if !deadlines.is_empty() {
            out.push(Announced {
                offset,
                sentence: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                deadlines,
            });
        }
    }
    out
}

/// Where a sentence's clauses part: `, and`, `, but`, `, while`, `, so`.
static CLAUSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s+(?:and|but|while|so)\s+").expect("valid regex"));

/// A prose clause's dates named as [`named_dates`] does, except that a name without a word of
/// the cycle's milestones (`you have until February 3rd to finish your KEP`) takes the words
/// after its date instead, when they have one.
fn named_from_context(clause: &str, found: &[Found]) -> Vec<(String, Written)> {
    named_dates(clause, found)
        .into_iter()
        .zip(found)
        .map(|((name, written), f)| {
            let until = found
                .iter()
                .find(|next| next.start >= f.end)
                .map_or(clause.len(), |next| next.start);
            let after = first_clause(strip_leading_glue(&clause[f.end..until]));
            if !MILESTONE_WORDS.is_match(&name) && MILESTONE_WORDS.is_match(after) {
                (after.to_string(), written)
            } else {
                (name, written)
            }
        })
        .collect()
}

/// The sentences of a paragraph, with their byte offsets: split after `.`, `!` or `?` and
/// a space, at `;`, and at line breaks that start a list item.
fn sentences(paragraph: &str) -> Vec<(usize, &str)> {
    static END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[.!?]\s+[A-Z\[*]|;\s|\n\s*[-*+]\s").expect("valid regex"));
    let mut out = Vec::new();
    let mut start = 0;
    for m in END.find_iter(paragraph) {
        // Keep `Sept. 3` and `Nov. 12` whole: a month's dot is no sentence end.
        let before = &paragraph[start..m.start() + 1];
        if MONTH_ABBREVIATION.is_match(before) {
            continue;
        }
        let end = m.start() + 1;
        out.push((start, &paragraph[start..end]));
        start = end;
    }
    out.push((start, &paragraph[start..]));
    out.into_iter()
        .filter(|(_, s)| !s.trim().is_empty())
        .collect()
}

static MONTH_ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.$").expect("valid regex")
});

/// A name fit for a list: of a long one, the last clause that names a milestone (`Enhancements
/// freeze is right around the corner, scheduled for`), else its last clause.
fn short_name(name: &str) -> String {
    let name = name.trim().trim_start_matches(['*', '-', '+', ' ']);
    let clause = if name.len() > 60 {
        let mut clauses = name.rsplit([',', ';', '(']).map(str::trim);
        let last = clauses.clone().next().unwrap_or(name);
        clauses
            .find(|c| MILESTONE_WORDS.is_match(c))
            .unwrap_or(last)
    } else {
        name
    };
    let words: Vec<&str> = clause.split_whitespace().collect();
    let keep = words.len().min(10);
    tidy_name(&words[words.len() - keep..].join(" "))
}

/// A prose name cut to the words that name the deadline: its last sentence (`to those test
/// failure alerts ASAP! 1.20-RC-0 will be released`), no parenthesis left open (`your docs
/// PR (as`), no connective before it (`with final release`; `there's the usual release
/// countdown: submit documentation PRs`) nor verb left hanging after it (`Final release is
/// still slated for`), and a capital first, as lists and calendars show it.
fn tidy_name(name: &str) -> String {
    static SENTENCE_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[.!?]\s+").expect("valid regex"));
    static CONNECTIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:if|since|so(?: that)?|with|to|called for|there(?:'|’)s)\s+")
            .expect("valid regex")
    });
    static READY_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:by|until|before)\s+(?:the\s+)?(\S+(?:\s+\S+){0,3})$")
            .expect("valid regex")
    });
    static HANGING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(?:(?:is|are|will|should|must)\s+)?(?:(?:now|still)\s+)?(?:be|(?:planned|slated|targeted|scheduled|expected)\s+for|in effect as)$")
            .expect("valid regex")
    });
    let mut name = name.trim();
    // The last sentence, where a month's dot (`Sept. 3`) is none.
    if let Some(end) = SENTENCE_END
        .find_iter(name)
        .filter(|m| !MONTH_ABBREVIATION.is_match(&name[..m.start() + 1]))
        .last()
        .filter(|m| m.end() < name.len())
    {
        name = &name[end.end()..];
    }
    if let Some(open) = name.rfind('(').filter(|&at| !name[at..].contains(')')) {
        name = name[..open].trim_end();
    }
    if let Some(connective) = CONNECTIVE.find(name) {
        name = match name.rfind([':', ',']) {
            Some(at) => name[at + 1..].trim_start(),
            None => &name[connective.end()..],
        };
    }
    // A long clause that is ready for a milestone (`the Docs team knows that you'll be ready
    // by Docs deadline`) is named by the milestone.
    if name.split_whitespace().count() >= 6 {
        if let Some(ready_by) = READY_BY
            .captures(name)
            .and_then(|c| c.get(1))
            .filter(|m| MILESTONE_WORDS.is_match(m.as_str()))
        {
            name = ready_by.as_str();
        }
    }
    let name = strip_glue(&HANGING.replace(name, "")).to_string();
    // A word, not a version (`v1.19.0-beta.1`), takes the capital.
    let first_word = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches(|c: char| c.is_ascii_punctuation());
    let mut chars = name.chars();
    match chars.next() {
        Some(first)
            if first.is_lowercase()
                && first_word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’')) =>
        {
            first.to_uppercase().chain(chars).collect()
        }
        _ => name,
    }
}

/// Text without links' URLs, emphasis or backticks.
fn plain(text: &str) -> String {
    LINK.replace_all(text, "$1").replace(['*', '`', '_'], "")
}

/// An edition's deadlines with its repeats merged: one per date (the first said: a `Next
/// Deadline` line comes before the prose that repeats it), and one per name of the undated.
/// The same milestone said again a day or two apart (`Code and Test Freeze, March 20/21`,
/// then `starts at 0200 UTC on Friday, March 21`) is a repeat too, its day kept among the
/// first's `other_dates`.
pub fn merge_repeats(deadlines: Vec<Deadline>) -> Vec<Deadline> {
    let mut kept: Vec<Deadline> = Vec::new();
    for d in deadlines {
        let repeat = kept.iter().position(|k| match (k.date, d.date) {
            (Some(a), Some(b)) => {
                a == b
                    || ((a - b).num_days().abs() <= 2
                        && milestone(&k.name).is_some()
                        && milestone(&k.name) == milestone(&d.name))
            }
            (None, None) => k.name.eq_ignore_ascii_case(&d.name),
            _ => false,
        });
        match repeat {
            Some(i) => {
                let first = &mut kept[i];
                if let Some(day) = d.date.filter(|&day| Some(day) != first.date) {
                    if !first.other_dates.contains(&day) {
                        first.other_dates.push(day);
                    }
                }
            }
            None => kept.push(d),
        }
    }
    kept
}

/// The milestone a deadline's name speaks of, to tell repeats: `Code and Test Freeze` and
/// `Code Freeze for 1.23` are both code freeze.
fn milestone(name: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    let kinds = [
        ("code freeze", "code freeze"),
        ("code and test freeze", "code freeze"),
        ("test freeze", "test freeze"),
        ("enhancements freeze", "enhancements freeze"),
        ("enhancement freeze", "enhancements freeze"),
        ("exception", "exceptions"),
        ("thaw", "thaw"),
        ("docs", "docs"),
        ("release", "release"),
        ("production readiness", "prr"),
        ("prr", "prr"),
        ("blog", "blog"),
    ];
    kinds
        .iter()
        .find(|(words, _)| name.contains(words))
        .map(|&(_, kind)| kind)
}

/// Words that make a deadline named "release" something other than the release itself.
static NOT_RELEASE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)alpha|beta|\brc|candidate|notes?\b|blog|highlight|team|schedule|cycle|cherry|branch|begin|start").expect("valid regex")
});
static RELEASE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\breleased?\b").expect("valid regex"));

/// Whether a deadline is the release of a minor: `1.12 Release`, `Release Day`,
/// `1.29 Released`, `Release of 1.20.0`; not `Beta0 Release` or `Release Notes Complete`.
pub fn is_release_day(name: &str) -> bool {
    RELEASE_WORD.is_match(name) && !NOT_RELEASE_DAY.is_match(name)
}

/// The cycle a deadline's name is about (`1.25 Cycle Starts`, `Release of 1.20.0`).
pub fn named_cycle(name: &str) -> Option<ReleaseCycle> {
    newest_cycle(name)
}

/// How far from its edition a deadline read from a `Next Deadline` line may fall: a year.
const DEADLINE_REACH_DAYS: i64 = 366;

/// A name without its times of day and time zones, and the glue they leave.
fn without_clock(name: &str) -> String {
    if !CLOCK.is_match(name) {
        return name.to_string();
    }
    let name = CLOCK.replace_all(name, " ");
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    strip_glue(strip_leading_glue(&name)).to_string()
}

fn strip_leading_glue(mut text: &str) -> &str {
    while let Some(m) = LEADING_GLUE.find(text).filter(|m| !m.is_empty()) {
        text = text[m.end()..].trim_start();
    }
    text
}

fn strip_glue(mut text: &str) -> &str {
    loop {
        let trimmed = match TRAILING_GLUE.find(text) {
            Some(m) if !m.is_empty() => &text[..m.start()],
            _ => text.trim(),
        };
        if trimmed == text {
            return text;
        }
        text = trimmed;
    }
}

/// Up to the first `;`, `. ` or ` - `: a date-first line's name ends there.
fn first_clause(text: &str) -> &str {
    let end = [text.find(';'), text.find(". "), text.find(" - ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(text.len());
    text[..end].trim().trim_end_matches(['.', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// (line, edition date) -> (name, date) of its first deadline.
    fn read(line: &str, edition: NaiveDate) -> (String, Option<NaiveDate>) {
        read_all(line, edition).swap_remove(0)
    }

    fn read_all(line: &str, edition: NaiveDate) -> Vec<(String, Option<NaiveDate>)> {
        let (_, rest) =
            deadline_line(line).unwrap_or_else(|| panic!("not a deadline line: {line}"));
        read_deadlines(rest, edition)
    }

    /// The 2025-03-16 edition: `**Next Deadline: Code and Test Freeze, March 20/21**`, then
    /// "Code and Test Freeze starts at 0200 UTC on Friday, March 21", then an unrelated
    /// deadline. One Code and Test Freeze with the 21st among its other dates, the other
    /// deadline kept apart.
    #[test]
    fn a_milestone_given_two_days_is_one_deadline_with_both() {
        let edition = d(2025, 3, 16);
        let mention = |line: usize| Mention {
            edition: "/2025/20250316.html".into(),
            edition_date: edition,
            section: lwkd_content::SectionKind::ReleaseSchedule,
            anchor: None,
            line,
            text: "".into(),
        };
        let mut deadlines: Vec<Deadline> = read_all(
            "**Next Deadline: Code and Test Freeze, March 20/21**",
            edition,
        )
        .into_iter()
        .map(|(name, date)| Deadline::announced(name, date, mention(17)))
        .collect();
        deadlines.push(Deadline::announced(
            "Code and Test Freeze".into(),
            Some(d(2025, 3, 21)),
            mention(19),
        ));
        deadlines.push(Deadline::announced(
            "Docs Freeze".into(),
            Some(d(2025, 3, 21)),
            mention(20),
        ));
        let merged = merge_repeats(deadlines);
        let got: Vec<(&str, Option<NaiveDate>, &[NaiveDate])> = merged
            .iter()
            .map(|d| (d.name.as_str(), d.date, d.other_dates.as_slice()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Code and Test Freeze",
                    Some(d(2025, 3, 20)),
                    &[d(2025, 3, 21)][..]
                ),
                ("Docs Freeze", Some(d(2025, 3, 21)), &[][..]),
            ]
        );
    }

    #[test]
    fn labels() {
        assert_eq!(
            deadline_line("**Next Deadline: Code Freeze, March 29th**").map(|r| r.0),
            Some(LineForm::Labelled)
        );
        assert_eq!(
            deadline_line("**Next Deadline:** Release day, 17 December").map(|r| r.1),
            Some("Release day, 17 December")
        );
        assert_eq!(
            deadline_line("*Next Milestone: June 11th, documentation complete*").map(|r| r.0),
            Some(LineForm::Labelled)
        );
        assert_eq!(
            deadline_line("**NEXT DEADLINE: Docs complete March 18th.**").map(|r| r.0),
            Some(LineForm::Labelled)
        );
        assert_eq!(
            deadline_line("The next deadline is Code Slush on February 20th.").map(|r| r.0),
            Some(LineForm::Prose)
        );
        assert_eq!(
            deadline_line("**Next Deadline: Next Deadline: Production Readiness Sept. 29th**")
                .map(|r| r.1),
            Some("Production Readiness Sept. 29th**")
        );
        assert_eq!(
            deadline_line("The deadline for the next release is near"),
            None
        );
        assert_eq!(deadline_line("Code Freeze is the next deadline"), None);
    }

    #[test]
    fn phrasings() {
        let e = d(2022, 2, 9);
        let cases: &[(&str, NaiveDate, &str, Option<NaiveDate>)] = &[
            ("**Next Deadline: Exceptions due, March 21st**", e, "Exceptions due", Some(d(2022, 3, 21))),
            ("*Next Deadline: Beta0 Release, May 15th*", d(2018, 5, 1), "Beta0 Release", Some(d(2018, 5, 15))),
            ("The next deadline is Code Slush on February 20th.  The release lead warns", d(2018, 2, 11), "Code Slush", Some(d(2018, 2, 20))),
            ("**Next Deadline: 1.12 Release on Sept. 27th**", d(2018, 9, 24), "1.12 Release", Some(d(2018, 9, 27))),
            ("**Next Deadline: Enhancement Freeze Tuesday Oct. 23**", d(2018, 10, 15), "Enhancement Freeze", Some(d(2018, 10, 23))),
            ("*Next Deadline: publish schedule, week of July 10th.*", d(2018, 7, 2), "Publish schedule", Some(d(2018, 7, 10))),
            ("*Next Deadline: Begin collecting feature information from SIGs, this week*", e, "Begin collecting feature information from SIGs", None),
            ("**Next Deadline: Release day, 27 August**", d(2025, 8, 10), "Release day", Some(d(2025, 8, 27))),
            ("**Next Deadline: Code Freeze, 7th November**", d(2024, 10, 20), "Code Freeze", Some(d(2024, 11, 7))),
            ("*Next Deadline: May 25th, placeholder Doc PRs are due for all new features.*", d(2018, 5, 22), "Placeholder Doc PRs are due for all new features", Some(d(2018, 5, 25))),
            ("**Next Deadline: Nov 2: Final feature exceptions**", d(2020, 10, 20), "Final feature exceptions", Some(d(2020, 11, 2))),
            ("**Next Deadline: August 15th - Cherry-pick deadline for next update release; August 13th - 1.16 beta0**", d(2019, 8, 12), "Cherry-pick deadline for next update release", Some(d(2019, 8, 15))),
            ("**Next Deadline: Release of 1.20.0 on Dec 8th**", d(2020, 12, 7), "Release of 1.20.0", Some(d(2020, 12, 8))),
            ("**Next Deadline: Kubernetes 1.18 cycle begins, January 2**", d(2019, 12, 9), "Kubernetes 1.18 cycle begins", Some(d(2020, 1, 2))),
            ("**Next Deadline: 1.27 Release Cycle begins, January 9, 2023**", d(2022, 12, 12), "1.27 Release Cycle begins", Some(d(2023, 1, 9))),
            ("**Next Deadline: Code and Test Freeze, March 20/21**", d(2025, 3, 19), "Code and Test Freeze", Some(d(2025, 3, 20))),
            ("**Next Deadline: 1.15 final release, due June 17th but postponed**", d(2019, 6, 18), "1.15 final release", Some(d(2019, 6, 17))),
            ("**NEXT DEADLINE: Docs complete March 18th.  Code Thaw March 19th**", d(2019, 3, 19), "Docs complete", Some(d(2019, 3, 18))),
            ("**Next Deadline: All enhancements should have Docs patches ready to review today, June 4th.  Beta.2 comes out June 5.**", d(2019, 6, 5), "All enhancements should have Docs patches ready to review today", Some(d(2019, 6, 4))),
            ("**Next Deadline: Today, June 10th is the Docs Deadline. June 11th is Code Thaw and RC1**", d(2019, 6, 10), "Docs Deadline", Some(d(2019, 6, 10))),
            ("**Next Deadline: Docs Complete *today*, Release Notes complete August 19th**", d(2019, 8, 19), "Docs Complete", Some(d(2019, 8, 19))),
            ("**Next Deadline: Enhancements Tracking starts today**", d(2021, 4, 26), "Enhancements Tracking starts", Some(d(2021, 4, 26))),
            ("**Next Deadline: KEPs must be [Implementable](https://github.com/x#enhancements-freeze) Feb. 4th**", d(2019, 1, 28), "KEPs must be Implementable", Some(d(2019, 2, 4))),
            ("**Next Deadline: 1.35 Release Cycle Starts, September**", d(2025, 9, 4), "1.35 Release Cycle Starts", None),
            ("**Next Deadline: 1.30 Cycle Begins, January 2024**", d(2023, 12, 13), "1.30 Cycle Begins", None),
            ("**Next Deadline: 1.33 Cycle Begins, January ??**", d(2024, 12, 10), "1.33 Cycle Begins", None),
            ("**Next Deadline: 1.34 Release Cycle Begins -- soon**", d(2025, 4, 30), "1.34 Release Cycle Begins", None),
            ("**Next Deadline: Code Thaw (postponed)**", d(2019, 3, 25), "Code Thaw (postponed)", None),
            ("**Next Deadline: Production Readiness Freeze, June 6th, 2024**", d(2024, 5, 20), "Production Readiness Freeze", Some(d(2024, 6, 6))),
            ("**Next Deadline: Code Freeze, Nov. 16th 23:59 UTC**", d(2021, 11, 16), "Code Freeze", Some(d(2021, 11, 16))),
        ];
        for (line, edition, name, date) in cases {
            assert_eq!(read(line, *edition), (name.to_string(), *date), "{line}");
        }
    }

    /// A real line, its edition's date, and each (name, date) it gives.
    type Case<'a> = (&'a str, NaiveDate, &'a [(&'a str, NaiveDate)]);

    #[test]
    fn each_date_of_a_line_is_its_own_deadline() {
        let cases: &[Case<'_>] = &[
            ("**NEXT DEADLINE: Docs complete March 18th.  Code Thaw March 19th**", d(2019, 3, 19), &[("Docs complete", d(2019, 3, 18)), ("Code Thaw", d(2019, 3, 19))]),
            ("**Next Deadline: Docs complete July 6, Code Freeze July 9**", d(2020, 6, 28), &[("Docs complete", d(2020, 7, 6)), ("Code Freeze", d(2020, 7, 9))]),
            ("**Next Deadline: August 15th - Cherry-pick deadline for next update release; August 13th - 1.16 beta0**", d(2019, 8, 12), &[("Cherry-pick deadline for next update release", d(2019, 8, 15)), ("1.16 beta0", d(2019, 8, 13))]),
            ("**Next Deadline: Today, June 10th is the Docs Deadline. June 11th is Code Thaw and RC1**", d(2019, 6, 10), &[("Docs Deadline", d(2019, 6, 10)), ("Code Thaw and RC1", d(2019, 6, 11))]),
            ("**Next Deadline: Draft Docs Sept. 3; final, complete docs Sept. 9th**", d(2019, 9, 1), &[("Draft Docs", d(2019, 9, 3)), ("Final, complete docs", d(2019, 9, 9))]),
            ("**Next Deadline: Feature Blogs, Nov. 2 (Code Freeze, Nov. 16)**", d(2021, 10, 31), &[("Feature Blogs", d(2021, 11, 2)), ("Code Freeze", d(2021, 11, 16))]),
            ("**Next Deadline: 1.14 Beta, branch on Feb. 19th.  Exceptions close Feb. 25th**", d(2019, 2, 17), &[("1.14 Beta, branch", d(2019, 2, 19)), ("Exceptions close", d(2019, 2, 25))]),
            ("**Next Deadline: Docs Complete *today*, Release Notes complete August 19th**", d(2019, 8, 19), &[("Docs Complete", d(2019, 8, 19)), ("Release Notes complete", d(2019, 8, 19))]),
            ("**Next Deadline: PRR Freeze, June 8th (this Thursday)**", d(2023, 6, 4), &[("PRR Freeze", d(2023, 6, 8)), ("PRR Freeze", d(2023, 6, 8))]),
            ("**Next Deadline: Docs Due, March 21st; Test Freeze, March 22nd**", d(2023, 3, 21), &[("Docs Due", d(2023, 3, 21)), ("Test Freeze", d(2023, 3, 22))]),
        ];
        for (line, edition, expected) in cases {
            let expected: Vec<(String, Option<NaiveDate>)> = expected
                .iter()
                .map(|(n, date)| (n.to_string(), Some(*date)))
                .collect();
            assert_eq!(read_all(line, *edition), expected, "{line}");
        }
    }

    /// (paragraph, edition date) -> every (name, date) it announces.
    fn announced(paragraph: &str, edition: NaiveDate) -> Vec<(String, NaiveDate)> {
        announced_deadlines(paragraph, edition)
            .into_iter()
            .flat_map(|a| a.deadlines)
            .collect()
    }

    #[test]
    fn deadlines_announced_in_prose() {
        let cases: &[Case<'_>] = &[
            ("On Tuesday 1.18 becomes its own versioned branch for you to target.  Code Freeze is March 5.", d(2020, 2, 16), &[("1.18 becomes its own versioned branch for you to target", d(2020, 2, 18)), ("Code Freeze", d(2020, 3, 5))]),
            ("* Feature freeze: July 31st\n* Code slush: August 28th", d(2018, 7, 15), &[("Feature freeze", d(2018, 7, 31)), ("Code slush", d(2018, 8, 28))]),
            ("* July 30th: Enhancements Freeze", d(2019, 6, 30), &[("Enhancements Freeze", d(2019, 7, 30))]),
            ("We'll freeze test changes on the 24th, as well as needing complete docs on any new features.  Final release is still targeted for April 8th.", d(2021, 3, 21), &[("We'll freeze test changes", d(2021, 3, 24)), ("Final release", d(2021, 4, 8))]),
            ("Initial Docs PRs for all tracked features are due this Friday; Code Freeze follows on Thursday, Nov. 12.", d(2020, 11, 1), &[("Initial Docs PRs for all tracked features are due", d(2020, 11, 6)), ("Code Freeze follows", d(2020, 11, 12))]),
            ("Find out more, and download and try, when Kubernetes 1.32 comes out tommorrow.", d(2024, 12, 10), &[("Download and try, when Kubernetes 1.32 comes out", d(2024, 12, 11))]),
            ("Selected applicants will be notified by Sept 22, and the release cycle is expected to run from Sept 15 to Dec 17, 2025.", d(2025, 9, 11), &[("Release cycle is expected to run", d(2025, 9, 15)), ("Release cycle is expected to run", d(2025, 12, 17))]),
            ("We're all set for the release, which is scheduled for next Tuesday.", d(2024, 8, 7), &[("We're all set for the release", d(2024, 8, 13))]),
            ("That means that the call for enhancements is open, and you have until February 3rd to finish your KEP and register it.", d(2022, 1, 25), &[("Finish your KEP and register it", d(2022, 2, 3))]),
            ("Make sure to opt-in well before the Production Readiness Review Freeze on June 6th so that there is enough time", d(2024, 5, 20), &[("Production Readiness Review Freeze", d(2024, 6, 6))]),
            // One moment in two time zones: the second date's words are only a zone.
            ("Code freeze is happening this week, at 02:00 UTC Wednesday 24th July 2024 / 19:00 PDT Tuesday 23rd July 2024.", d(2024, 7, 23), &[("Code freeze is happening", d(2024, 7, 24)), ("Code freeze is happening", d(2024, 7, 23))]),
            ("Enhancements freeze is right around the corner, scheduled for 02:00 UTC Friday 14th February 2025 / 18:00 PST Thursday 13th February 2025.", d(2025, 2, 12), &[("Enhancements freeze is right around the corner", d(2025, 2, 14)), ("Enhancements freeze is right around the corner", d(2025, 2, 13))]),
            ("Also: Code Freeze is July 9th.", d(2020, 6, 23), &[("Code Freeze", d(2020, 7, 9))]),
            ("As such, RC 0 will be released next Monday.", d(2022, 4, 5), &[("RC 0 will be released", d(2022, 4, 11))]),
            // 2020-10-11: the date is the exception's, in the clause after ", so", not the
            // freeze's that is in effect.
            ("Enhancements Freeze is now in effect, so if you're still working on a feature to add, you have until Nov. 2 to file an exception and see if you can still get it accepted.", d(2020, 10, 13), &[("Exception and see if you can still get it accepted", d(2020, 11, 2))]),
        ];
        for (paragraph, edition, expected) in cases {
            let expected: Vec<(String, NaiveDate)> = expected
                .iter()
                .map(|(n, date)| (n.to_string(), *date))
                .collect();
            assert_eq!(announced(paragraph, *edition), expected, "{paragraph}");
        }
        // Patch releases, the past, and dates that are no deadline of the cycle.
        for (paragraph, edition) in [
            ("Cherry-pick PRs for all supported versions are due June 12th for a June 17th update release.", d(2020, 6, 7)),
            ("1.11.0 beta0 was released on May 16th.", d(2018, 5, 20)),
            ("Update releases 1.15.3, 1.14.6, 1.13.10 are scheduled for Aug. 19th, which means that you need to cherry-pick in any changes by this Friday.", d(2019, 8, 11)),
            ("The release retrospective is planned for April 16th.", d(2020, 3, 22)),
            ("This form will close on Friday, September 06, 2024. Selected applicants will be notified by the end of the day, Friday, September 13, 2024.", d(2024, 8, 18)),
            ("1.16 Release Team shadow applications are open until Friday", d(2019, 6, 16)),
            ("This is the 2nd week of the 1.24 release cycle, and everyone should be at work on your KEPs.", d(2022, 1, 25)),
        ] {
            assert_eq!(announced(paragraph, edition), [], "{paragraph}");
        }
    }

    /// Names the archive's prose gave before they were tidied, and what a list shows of them.
    #[test]
    fn prose_names_are_tidied() {
        let cases = [
            (
                "to those test failure alerts ASAP! 1.20-RC-0 will be released",
                "1.20-RC-0 will be released",
            ),
            (
                "called for exceptions to Enhancements Freeze. v1.19.0-beta.1 should be released",
                "v1.19.0-beta.1 should be released",
            ),
            (
                "corrections to the Release Team. 1.25 release is planned for",
                "1.25 release",
            ),
            (
                "you should already have your docs PR (as",
                "You should already have your docs PR",
            ),
            (
                "if that weren't enough, your docs are due",
                "Your docs are due",
            ),
            (
                "there's the usual release countdown: submit documentation PRs",
                "Submit documentation PRs",
            ),
            (
                "Final Feature Freeze deadline will now be",
                "Final Feature Freeze deadline",
            ),
            ("Docs freeze is in effect as", "Docs freeze"),
            ("with Code and Test Freeze on", "Code and Test Freeze"),
            ("Final release is still slated for", "Final release"),
            ("Code Thaw (postponed)", "Code Thaw (postponed)"),
            ("Draft Docs Sept. 3", "Draft Docs Sept. 3"),
            (
                "don't forget that any Feature Blog articles are due",
                "Don't forget that any Feature Blog articles are due",
            ),
            // A long clause about being ready for a milestone is named by the milestone
            // (2025-06-22, 2019-08-25, 2023-10-01).
            (
                "Docs team knows that you'll be ready by Docs deadline",
                "Docs deadline",
            ),
            (
                "Figure out what you're going to complete before Code Freeze",
                "Code Freeze",
            ),
            (
                "Please opt-in your KEP(s) before the Enhancements Freeze",
                "Enhancements Freeze",
            ),
            // Short, it stays whole; and what follows `by` must name a milestone.
            ("Followed by code thaw", "Followed by code thaw"),
            (
                "The release team asks everyone to be patient and reachable by Slack",
                "The release team asks everyone to be patient and reachable by Slack",
            ),
        ];
        for (written, tidied) in cases {
            assert_eq!(tidy_name(written), tidied, "{written}");
        }
    }

    #[test]
    fn release_days() {
        for name in [
            "1.12 Release",
            "1.15 final release",
            "Release Day",
            "1.29 Released",
            "Release of 1.20.0",
            "v1.31.0 release day",
            "Release",
            "v1.18.0 released",
        ] {
            assert!(is_release_day(name), "{name}");
        }
        for name in [
            "1.12.0-alpha.1 release",
            "Beta0 Release",
            "RC1 released",
            "Release Candidate and Branch",
            "Release Notes Complete",
            "Release Highlights Complete",
            "Release schedule published",
            "1.22 Release Cycle Begins",
            "Code Freeze",
            "Beta-0 released",
        ] {
            assert!(!is_release_day(name), "{name}");
        }
    }

    #[test]
    fn cycles_named_by_deadlines() {
        assert_eq!(
            named_cycle("1.25 Cycle Starts"),
            Some(ReleaseCycle::new(1, 25))
        );
        assert_eq!(
            named_cycle("Release of 1.20.0"),
            Some(ReleaseCycle::new(1, 20))
        );
        assert_eq!(named_cycle("Cherry-pick for 1.19.1"), None);
        assert_eq!(named_cycle("Code Freeze"), None);
    }
}
