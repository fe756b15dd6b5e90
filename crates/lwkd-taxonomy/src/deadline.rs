//! Release deadlines: the "Next Deadline" line of an edition's Release Schedule section, in
//! all the ways it has been written (`**Next Deadline: Code Freeze, March 29th**`,
//! `*Next Milestone: June 11th, documentation complete*`, `The next deadline is Code Slush
//! on February 20th.`), read into a name and a date resolved against the edition's date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::extract::Mention;
use crate::release::{newest_cycle, ReleaseCycle};

/// One announced deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The cycle it belongs to: the one its name gives (`1.25 Cycle Starts`), else the
    /// edition's.
    pub release: Option<ReleaseCycle>,
    pub name: String,
    /// `None` when the line gives no day (`this week`, `September`).
    pub date: Option<NaiveDate>,
    /// Where it was announced; `text` is the line as written.
    #[serde(flatten)]
    pub mention: Mention,
}

/// How a deadline line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineForm {
    /// `Next Deadline:` / `Next Deadlines:` / `Next Milestone:`, the line made for it.
    Labelled,
    /// `The next deadline is ...`: prose, which later editions also use to repeat the label.
    Prose,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[-*+]\s+)?[*_]*\s*(?:(?P<label>next\s+(?:deadlines?|milestone)\s*[*_]*\s*:[*_]*)|the\s+next\s+deadline\s+is\b)\s*")
        .expect("valid regex")
});
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid regex"));

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const DAY: &str = r"(\d{1,2})(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:,?\s+(20\d\d))?";

/// `March 29th`, `Sept. 27th`, `March 20/21`, `January 9, 2023`.
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{MONTH}\s+{DAY}\b(?:\s*/\s*\d{{1,2}}(?:st|nd|rd|th)?)?{YEAR}")).expect("valid regex"));
/// `27 August`, `7th November`.
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(?i)\b{DAY}\s+{MONTH}\b{YEAR}")).expect("valid regex"));
static TODAY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\btoday\b").expect("valid regex"));
/// Where an undatable line's time starts: `this week`, `soon`, `September`, `January 2024`.
static VAGUE_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)(?:\bthis\s+week|\bsoon\b|\b{MONTH}(?:\s+(?:20\d\d|\?+))?\s*$)")).expect("valid regex"));
/// Words between a name and its date: `Release of 1.20.0 on Dec 8th`, `Docs ready by`,
/// `Enhancement Freeze Tuesday Oct. 23`, `publish schedule, week of July 10th`.
static TRAILING_GLUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:[\s,:;(–—-]+|,\s*due|\b(?:on|by|is|at|which|of|week|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?))$").expect("valid regex")
});
static LEADING_GLUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:[\s,:;)–—-]+|(?:is|the)\b)").expect("valid regex"));

/// A date as written: month, day and maybe a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Day { month: u32, day: u32, year: Option<i32> },
    Today,
}

/// If `line` is a deadline line, its form and what follows the label.
pub(crate) fn deadline_line(line: &str) -> Option<(LineForm, &str)> {
    let caps = LABEL.captures(line)?;
    let form = if caps.name("label").is_some() { LineForm::Labelled } else { LineForm::Prose };
    let mut rest = &line[caps.get(0).expect("match").end()..];
    // `Next Deadline: Next Deadline: Production Readiness Sept. 29th` happened once.
    while let Some(again) = LABEL.captures(rest).filter(|c| c.name("label").is_some()) {
        rest = &rest[again.get(0).expect("match").end()..];
    }
    Some((form, rest))
}

/// Reads what follows a deadline label into a name and a date, resolved against the
/// edition's date. Lines naming two deadlines give the first.
pub(crate) fn read_deadline(rest: &str, edition_date: NaiveDate) -> (String, Option<NaiveDate>) {
    let text = LINK.replace_all(rest, "$1").replace(['*', '`'], "");
    let text = text.trim().trim_end_matches(['.', '!']);
    match first_date(text) {
        Some((start, end, written)) => {
            let before = strip_glue(&text[..start]);
            let name = if before.is_empty() || before.eq_ignore_ascii_case("today") {
                // Date first: `May 25th, placeholder Doc PRs are due ...`.
                first_clause(strip_leading_glue(&text[end..])).to_string()
            } else {
                before.to_string()
            };
            (name, resolve(written, edition_date))
        }
        None => {
            let cut = VAGUE_TIME.find(text).map_or(text.len(), |m| m.start());
            let name = strip_glue(&text[..cut]);
            (if name.is_empty() { text.to_string() } else { name.to_string() }, None)
        }
    }
}

/// Words that make a deadline named "release" something other than the release itself.
static NOT_RELEASE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)alpha|beta|\brc|candidate|notes?\b|blog|highlight|team|schedule|cycle|cherry|branch|begin|start").expect("valid regex")
});
static RELEASE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\breleased?\b").expect("valid regex"));

/// Whether a deadline is the release of a minor: `1.12 Release`, `Release Day`,
/// `1.29 Released`, `Release of 1.20.0`; not `Beta0 Release` or `Release Notes Complete`.
pub(crate) fn is_release_day(name: &str) -> bool {
    RELEASE_WORD.is_match(name) && !NOT_RELEASE_DAY.is_match(name)
}

/// The cycle a deadline's name is about (`1.25 Cycle Starts`, `Release of 1.20.0`).
pub(crate) fn named_cycle(name: &str) -> Option<ReleaseCycle> {
    newest_cycle(name)
}

/// The earliest date in `text`: (start, end, date). `today` right before a written date
/// (`today, June 4th`) is that date.
fn first_date(text: &str) -> Option<(usize, usize, Written)> {
    let month = |m: &str| -> u32 {
        let m = m.to_ascii_lowercase();
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            .iter()
            .position(|p| m.starts_with(p))
            .map_or(0, |i| i as u32 + 1)
    };
    let year = |y: Option<regex::Match<'_>>| y.and_then(|y| y.as_str().parse().ok());
    let mut found: Vec<(usize, usize, Written)> = Vec::new();
    for c in MONTH_DAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        found.push((m.start(), m.end(), Written::Day { month: month(&c[1]), day: c[2].parse().unwrap_or(0), year: year(c.get(3)) }));
    }
    let month_days: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
    for c in DAY_MONTH.captures_iter(text) {
        let m = c.get(0).expect("match");
        // `Alpha.1 July 16th` is July 16th, not the 1st of July.
        let after_dot = text[..m.start()].ends_with(|ch: char| ch == '.' || ch.is_alphanumeric());
        if after_dot || month_days.iter().any(|&(s, e)| s < m.end() && m.start() < e) {
            continue;
        }
        found.push((m.start(), m.end(), Written::Day { month: month(&c[2]), day: c[1].parse().unwrap_or(0), year: year(c.get(3)) }));
    }
    let written: Vec<usize> = found.iter().map(|f| f.0).collect();
    for m in TODAY.find_iter(text) {
        let glued = written.iter().any(|&s| s >= m.end() && text[m.end()..s].trim_matches([' ', ',']).is_empty());
        if !glued {
            found.push((m.start(), m.end(), Written::Today));
        }
    }
    found.into_iter().min_by_key(|f| f.0)
}

/// A date without a year is the one nearest after the edition: a January deadline in a
/// December edition is next year's. A few days before the edition still counts (editions
/// are often published days after their week ends).
fn resolve(written: Written, edition_date: NaiveDate) -> Option<NaiveDate> {
    let Written::Day { month, day, year } = written else { return Some(edition_date) };
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(edition_date.year(), month, day)?;
    if this_year < edition_date - Duration::days(60) {
        NaiveDate::from_ymd_opt(edition_date.year() + 1, month, day)
    } else if this_year > edition_date + Duration::days(300) {
        NaiveDate::from_ymd_opt(edition_date.year() - 1, month, day)
    } else {
        Some(this_year)
    }
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

/// Up to the first `;`, `. ` or ` - `: the first deadline of a line that names two.
fn first_clause(text: &str) -> &str {
    let end = [text.find(';'), text.find(". "), text.find(" - ")].into_iter().flatten().min().unwrap_or(text.len());
    text[..end].trim().trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// (line, edition date) -> (name, date).
    fn read(line: &str, edition: NaiveDate) -> (String, Option<NaiveDate>) {
        let (_, rest) = deadline_line(line).unwrap_or_else(|| panic!("not a deadline line: {line}"));
        read_deadline(rest, edition)
    }

    #[test]
    fn labels() {
        assert_eq!(deadline_line("**Next Deadline: Code Freeze, March 29th**").map(|r| r.0), Some(LineForm::Labelled));
        assert_eq!(deadline_line("**Next Deadline:** Release day, 17 December").map(|r| r.1), Some("Release day, 17 December"));
        assert_eq!(deadline_line("*Next Milestone: June 11th, documentation complete*").map(|r| r.0), Some(LineForm::Labelled));
        assert_eq!(deadline_line("**NEXT DEADLINE: Docs complete March 18th.**").map(|r| r.0), Some(LineForm::Labelled));
        assert_eq!(deadline_line("The next deadline is Code Slush on February 20th.").map(|r| r.0), Some(LineForm::Prose));
        assert_eq!(deadline_line("**Next Deadline: Next Deadline: Production Readiness Sept. 29th**").map(|r| r.1), Some("Production Readiness Sept. 29th**"));
        assert_eq!(deadline_line("The deadline for the next release is near"), None);
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
            ("*Next Deadline: publish schedule, week of July 10th.*", d(2018, 7, 2), "publish schedule", Some(d(2018, 7, 10))),
            ("*Next Deadline: Begin collecting feature information from SIGs, this week*", e, "Begin collecting feature information from SIGs", None),
            ("**Next Deadline: Release day, 27 August**", d(2025, 8, 10), "Release day", Some(d(2025, 8, 27))),
            ("**Next Deadline: Code Freeze, 7th November**", d(2024, 10, 20), "Code Freeze", Some(d(2024, 11, 7))),
            ("*Next Deadline: May 25th, placeholder Doc PRs are due for all new features.*", d(2018, 5, 22), "placeholder Doc PRs are due for all new features", Some(d(2018, 5, 25))),
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

    #[test]
    fn years_resolve_around_the_edition() {
        let december = d(2019, 12, 9);
        let w = |month, day| Written::Day { month, day, year: None };
        assert_eq!(resolve(w(1, 2), december), Some(d(2020, 1, 2)));
        assert_eq!(resolve(w(12, 5), december), Some(d(2019, 12, 5)), "days before the edition stay in its year");
        assert_eq!(resolve(w(12, 20), d(2020, 1, 3)), Some(d(2019, 12, 20)), "a December date read in January");
        assert_eq!(resolve(w(2, 30), december), None, "no such day");
    }

    #[test]
    fn release_days() {
        for name in ["1.12 Release", "1.15 final release", "Release Day", "1.29 Released", "Release of 1.20.0", "v1.31.0 release day", "Release", "v1.18.0 released"] {
            assert!(is_release_day(name), "{name}");
        }
        for name in ["1.12.0-alpha.1 release", "Beta0 Release", "RC1 released", "Release Candidate and Branch", "Release Notes Complete", "Release Highlights Complete", "Release schedule published", "1.22 Release Cycle Begins", "Code Freeze", "Beta-0 released"] {
            assert!(!is_release_day(name), "{name}");
        }
    }

    #[test]
    fn cycles_named_by_deadlines() {
        assert_eq!(named_cycle("1.25 Cycle Starts"), Some(ReleaseCycle::new(1, 25)));
        assert_eq!(named_cycle("Release of 1.20.0"), Some(ReleaseCycle::new(1, 20)));
        assert_eq!(named_cycle("Cherry-pick for 1.19.1"), None);
        assert_eq!(named_cycle("Code Freeze"), None);
    }
}
