//! Release schedules: the timeline table of each `releases/release-1.N/README.md` in
//! kubernetes/sig-release, in every form it has taken:
//!
//! - 1.10: an HTML table with a column per month, the day alone in its month's cell (`2`);
//! - 1.11-1.14 and 1.16: a Markdown table with a column per month (`| Mon 25 |` under `Feb`);
//! - 1.15 and 1.17 on: a `When` column: `Monday, April 08,  2019`, `Tue March 24` (no year),
//!   `Tue 24` (no month: the row above's), `Tuesday 3rd May 2022`, time-zone pairs
//!   (`02:00 UTC Friday 21st March 2025 / 19:00 PDT Thursday 20th March 2025`) and
//!   `(AoE)` pairs (`Wednesday 18th March 2026 (AoE) / Thursday 19th March 2026, 12:00 UTC`),
//!   of which the first date is the deadline as announced.
//!
//! A date without a year is the first such day on or after the previous cycle's release
//! (less a few weeks: cycles overlap), so that `Tue March 24` in 1.18 is 2020's; the first
//! file read takes the first year it writes. A weekday that disagrees with the date read is
//! a warning (a typo in the file, or a year guessed wrong), and the date is kept.

use std::path::Path;
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use crate::{Milestone, MilestoneKind, Minor, Schedule, Warning};

/// Reads the schedule of every `releases/release-1.N/README.md` under `sig_release`, oldest
/// cycle first. A file or row that does not parse is a warning at its `path:line`.
pub fn read_schedules(sig_release: &Path) -> (Vec<Schedule>, Vec<Warning>) {
    let releases = sig_release.join("releases");
    let mut warnings = Vec::new();
    let mut cycles: Vec<(Minor, std::path::PathBuf)> = match std::fs::read_dir(&releases) {
        Ok(dir) => dir
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name();
                let (major, minor) = name.to_str()?.strip_prefix("release-")?.split_once('.')?;
                Some((
                    Minor {
                        major: major.parse().ok()?,
                        minor: minor.parse().ok()?,
                    },
                    entry.path().join("README.md"),
                ))
            })
            .collect(),
        Err(e) => {
            warnings.push(Warning {
                path: releases,
                line: 0,
                message: format!("cannot read the release folders ({e}); no official schedules"),
            });
            return (Vec::new(), warnings);
        }
    };
    cycles.sort();
    let mut schedules: Vec<Schedule> = Vec::new();
    let mut untabled: Vec<(Minor, std::path::PathBuf)> = Vec::new();
    for (cycle, path) in cycles {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                warnings.push(Warning {
                    path,
                    line: 0,
                    message: format!("cannot read the {cycle} schedule ({e})"),
                });
                continue;
            }
        };
        let previous = schedules
            .last()
            .filter(|s| s.cycle.minor.checked_add(1) == Some(cycle.minor))
            .and_then(Schedule::release);
        let (schedule, problems) = parse_schedule(&text, cycle, previous);
        if schedule.is_none() && problems.len() == 1 {
            untabled.push((cycle, path));
            continue;
        }
        warnings.extend(problems.into_iter().map(|(line, message)| Warning {
            path: path.clone(),
            line,
            message,
        }));
        schedules.extend(schedule);
    }
    // The early cycles (1.3-1.9) all lack a table: one warning for them, not one each on
    // every build.
    if let Some((first, path)) = untabled.first() {
        let cycles: Vec<String> = untabled.iter().map(|(c, _)| c.to_string()).collect();
        let message = match untabled.as_slice() {
            [_] => format!("{NO_TABLE}; {first} has no official schedule"),
            [.., (last, _)] => format!(
                "{NO_TABLE}, nor in the READMEs of release-{first} to release-{last}; {} have no official schedule",
                cycles.join(", ")
            ),
            [] => unreachable!("untabled has a first"),
        };
        warnings.push(Warning {
            path: path.clone(),
            line: 1,
            message,
        });
    }
    (schedules, warnings)
}

impl Schedule {
    /// The first dated milestone of `kind`.
    pub fn first(&self, kind: MilestoneKind) -> Option<NaiveDate> {
        self.milestones
            .iter()
            .find(|m| m.kind == kind)
            .map(|m| m.date)
    }

    /// When the cycle starts: its `Start of Release Cycle` row, else its first row.
    pub fn start(&self) -> Option<NaiveDate> {
        self.first(MilestoneKind::CycleStart)
            .or_else(|| self.milestones.first().map(|m| m.date))
    }

    /// The day the minor ships.
    pub fn release(&self) -> Option<NaiveDate> {
        self.first(MilestoneKind::Release)
    }
}

/// The day each minor shipped, by its official schedule: which release was in development
/// on a date, and whether one had shipped by then. Schedules that give no release day (those
/// before 1.10) are not in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseDays {
    /// By minor; releases ship in order, so by day too.
    days: Vec<(Minor, NaiveDate)>,
}

impl ReleaseDays {
    /// The release days `schedules` give.
    pub fn of(schedules: &[Schedule]) -> ReleaseDays {
        let mut days: Vec<_> = (schedules.iter())
            .filter_map(|s| Some((s.cycle, s.release()?)))
            .collect();
        days.sort();
        ReleaseDays { days }
    }

    /// Each minor with its release day, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Minor, NaiveDate)> + '_ {
        self.days.iter().copied()
    }

    /// Whether `minor` had shipped by `date`.
    pub fn shipped_by(&self, minor: Minor, date: NaiveDate) -> bool {
        self.days.iter().any(|&(m, day)| m == minor && day <= date)
    }

    /// The minor in development on `date`: the first released on it or after.
    pub fn cycle_on(&self, date: NaiveDate) -> Option<Minor> {
        self.iter()
            .find(|&(_, released)| released >= date)
            .map(|(minor, _)| minor)
    }
}

/// A table as written: its header cells and its rows, each with its line (1-based).
struct Table {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// Where a row's date is.
enum DateColumns {
    /// A `When` column holding the whole date.
    When(usize),
    /// One column per month (`JAN`, `Feb`), each holding days.
    Months(Vec<(usize, u32)>),
}

const NO_TABLE: &str = "no timeline table (a `What` column and a `When` or month columns) found";

/// One cycle's file: its schedule (`None` when it has no timeline table) and the problems
/// met, as (line, message). `previous_release` dates what the file writes without a year.
pub fn parse_schedule(
    text: &str,
    cycle: Minor,
    previous_release: Option<NaiveDate>,
) -> (Option<Schedule>, Vec<(usize, String)>) {
    let mut problems = Vec::new();
    let Some((table, columns)) = tables(text)
        .into_iter()
        .find_map(|t| Some((date_columns(&t.header)?, t)).map(|(c, t)| (t, c)))
    else {
        problems.push((1, format!("{NO_TABLE}; {cycle} has no official schedule")));
        return (None, problems);
    };
    let Some(not_before) = previous_release
        .and_then(|d| d.checked_sub_signed(Duration::days(45)))
        .or_else(|| first_year(text).and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)))
    else {
        problems.push((table.rows.first().map_or(1, |r| r.0), format!("no year written and no {}.{} release to count from; {cycle} has no official schedule", cycle.major, cycle.minor.saturating_sub(1))));
        return (None, problems);
    };
    let what = table
        .header
        .iter()
        .position(|h| clean_name(h).eq_ignore_ascii_case("what"))
        .unwrap_or(0);
    let mut milestones = Vec::new();
    let mut last_month = None;
    for (line, cells) in &table.rows {
        let name = clean_name(cells.get(what).map_or("", String::as_str));
        if name.is_empty() {
            continue;
        }
        let (written, other_zones) = match row_date(&columns, cells, &name, last_month) {
            Ok(found) => found,
            Err(message) => {
                problems.push((*line, format!("{message}; the row is left out")));
                continue;
            }
        };
        last_month = Some(written.month);
        let Some(date) = written.resolve(not_before) else {
            problems.push((
                *line,
                format!(
                    "{}/{} is no day of the calendar; the row is left out",
                    written.month, written.day
                ),
            ));
            continue;
        };
        if let Some(weekday) = written.weekday.filter(|w| *w != date.weekday()) {
            problems.push((
                *line,
                format!(
                    "{name:?}: {date} is a {:?}, the file says {weekday:?}; the date is kept",
                    date.weekday()
                ),
            ));
        }
        // A pair's other day is the day before or after; anything else is no time zone's.
        let also = other_zones
            .into_iter()
            .filter_map(|w| w.resolve(not_before))
            .find(|other| (*other - date).num_days().abs() == 1);
        for kind in kinds(&name, cycle) {
            milestones.push(Milestone {
                kind,
                name: name.clone(),
                date,
                also,
            });
        }
    }
    // Stable: rows of one day keep the file's order.
    milestones.sort_by_key(|m| m.date);
    (
        Some(Schedule {
            cycle,
            milestones,
            patches: Vec::new(),
        }),
        problems,
    )
}

/// The date a row named `name` gives in the table's date `columns` (`last_month`: the
/// month of the row above, for a cell that writes a day alone), and the same day written
/// in other time zones.
fn row_date(
    columns: &DateColumns,
    cells: &[String],
    name: &str,
    last_month: Option<u32>,
) -> Result<(Written, Vec<Written>), String> {
    match columns {
        DateColumns::When(i) => {
            let cell = cells.get(*i).map_or("", String::as_str);
            let written = written_date(cell, last_month)
                .ok_or_else(|| format!("no date read in {:?} for {name:?}", cell.trim()))?;
            Ok((written, other_zone_dates(cell)))
        }
        DateColumns::Months(months) => months
            .iter()
            .find_map(|&(i, month)| {
                month_cell_day(cells.get(i)?).map(|(day, weekday)| Written {
                    month,
                    day,
                    year: None,
                    weekday,
                })
            })
            .map(|written| (written, Vec::new()))
            .ok_or_else(|| format!("no day under any month column for {name:?}")),
    }
}

/// The first year (20xx) the file writes, for a file with no earlier cycle to count from.
fn first_year(text: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(20[1-9]\d)\b").expect("valid regex"));
    YEAR.captures(text).and_then(|c| c[1].parse().ok())
}

/// Every Markdown table (`|` lines under a `---` separator) and HTML `<table>` of a file.
fn tables(text: &str) -> Vec<Table> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.starts_with('|') && lines.get(i + 1).is_some_and(|l| is_separator(l)) {
            let header = markdown_cells(line);
            let mut rows = Vec::new();
            i += 2;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                rows.push((i + 1, markdown_cells(lines[i])));
                i += 1;
            }
            out.push(Table { header, rows });
        } else if line.starts_with("<table") {
            let start = i;
            while i < lines.len() && !lines[i].contains("</table>") {
                i += 1;
            }
            out.extend(html_table(&lines[start..i.min(lines.len())], start));
        } else {
            i += 1;
        }
    }
    out
}

fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|')
        && line.contains("---")
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn markdown_cells(line: &str) -> Vec<String> {
    let line = line.trim().trim_start_matches('|');
    let line = line.strip_suffix('|').unwrap_or(line);
    line.split('|').map(|c| c.trim().to_string()).collect()
}

/// An HTML table's rows (`<tr>`, each `<td>` a cell), the first as header; `first_line`
/// is the 0-based line of `<table>`.
fn html_table(lines: &[&str], first_line: usize) -> Option<Table> {
    static CELL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<t[dh][^>]*>(.*?)</t[dh]>").expect("valid regex"));
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (offset, line) in lines.iter().enumerate() {
        if line.contains("<tr") {
            rows.extend(current.take().map(|(l, t)| {
                (
                    l,
                    CELL.captures_iter(&t)
                        .map(|c| c[1].trim().to_string())
                        .collect(),
                )
            }));
            current = Some((first_line + offset + 1, String::new()));
        }
        if let Some((_, text)) = &mut current {
            text.push_str(line);
            text.push('\n');
        }
    }
    rows.extend(current.map(|(l, t)| {
        (
            l,
            CELL.captures_iter(&t)
                .map(|c| c[1].trim().to_string())
                .collect(),
        )
    }));
    let mut rows = rows.into_iter();
    let (_, header) = rows.next()?;
    Some(Table {
        header,
        rows: rows.collect(),
    })
}

/// Where a timeline table keeps its dates, if `header` is a timeline's: a `What` column and
/// a `When` column or month columns.
fn date_columns(header: &[String]) -> Option<DateColumns> {
    let names: Vec<String> = header
        .iter()
        .map(|h| clean_name(h).to_ascii_lowercase())
        .collect();
    if !names.iter().any(|n| n == "what") {
        return None;
    }
    if let Some(i) = names.iter().position(|n| n == "when") {
        return Some(DateColumns::When(i));
    }
    let months: Vec<(usize, u32)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((i, month_number(n).filter(|_| n.len() <= 9)?)))
        .collect();
    (!months.is_empty()).then_some(DateColumns::Months(months))
}

/// A date as a cell writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    month: u32,
    day: u32,
    year: Option<i32>,
    /// The weekday written with it, to check against.
    weekday: Option<Weekday>,
}

impl Written {
    /// The date, its year the first on or after `not_before` when none is written.
    fn resolve(self, not_before: NaiveDate) -> Option<NaiveDate> {
        if let Some(year) = self.year {
            return NaiveDate::from_ymd_opt(year, self.month, self.day);
        }
        let this_year = NaiveDate::from_ymd_opt(not_before.year(), self.month, self.day);
        match this_year {
            Some(d) if d >= not_before => Some(d),
            _ => NaiveDate::from_ymd_opt(not_before.year() + 1, self.month, self.day),
        }
    }
}

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY: &str = r"(mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?";

/// `April 08,  2019`, `June 11th. 2019`, `Tue March 24`.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:[,.]?\s*(20\d\d)\b)?"
    ))
    .expect("valid regex")
});
/// `3rd May 2022`; in a range (`23rd - Thursday 26th March 2026`) the first day.
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s*[-–]\s*(?:{WEEKDAY}\s+)?)?(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+(20\d\d)\b)?")).expect("valid regex")
});
/// `Tue 24`: a day whose month is the row above's.
static WEEKDAY_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^{WEEKDAY}\s+(\d{{1,2}})\b")).expect("valid regex"));
static WEEKDAY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{WEEKDAY}\s*$")).expect("valid regex"));
/// A month column's cell: `2`, `Mon 25`, `Tues 3`, `6?`, `13 - 15`.
static MONTH_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{WEEKDAY}\s+)?(\d{{1,2}})\b")).expect("valid regex")
});

/// The first date of a `When` cell; `last_month` is the month of the row above, for `Tue 24`.
fn written_date(cell: &str, last_month: Option<u32>) -> Option<Written> {
    let cell = plain(cell);
    let cell = cell.trim();
    let weekday_before = |start: usize| {
        WEEKDAY_BEFORE
            .captures(&cell[..start])
            .and_then(|c| weekday(&c[1]))
    };
    let month_day = MONTH_DAY.captures(cell).map(|c| {
        let start = c.get(0).expect("match").start();
        (
            start,
            Written {
                month: month_number(&c[1]).unwrap_or(0),
                day: c[2].parse().unwrap_or(0),
                year: c.get(3).and_then(|y| y.as_str().parse().ok()),
                weekday: weekday_before(start),
            },
        )
    });
    let day_month = DAY_MONTH.captures(cell).map(|c| {
        let start = c.get(0).expect("match").start();
        // In a range the weekday before the second day is that day's.
        let day = c.get(1).unwrap_or_else(|| c.get(3).expect("day")).as_str();
        let ranged = c.get(1).is_some();
        (
            start,
            Written {
                month: month_number(&c[4]).unwrap_or(0),
                day: day.parse().unwrap_or(0),
                year: c.get(5).and_then(|y| y.as_str().parse().ok()),
                weekday: if ranged { None } else { weekday_before(start) },
            },
        )
    });
    let found = [month_day, day_month]
        .into_iter()
        .flatten()
        .min_by_key(|(start, _)| *start)
        .map(|(_, w)| w);
    found.or_else(|| {
        let c = WEEKDAY_DAY.captures(cell)?;
        Some(Written {
            month: last_month?,
            day: c[2].parse().ok()?,
            year: None,
            weekday: weekday(&c[1]),
        })
    })
}

/// The dates after the first of a time-zone pair or triple (`02:00 UTC Friday 21st March 2025
/// / 19:00 PDT Thursday 20th March 2025`, `Wednesday 18th March 2026 (AoE) / Thursday 19th
/// March 2026, 12:00 UTC`), when the cell is one.
fn other_zone_dates(cell: &str) -> Vec<Written> {
    plain(cell)
        .split(" / ")
        .skip(1)
        .filter_map(|zone| written_date(zone, None))
        .collect()
}

/// The day of a month column's cell, and the weekday written with it.
fn month_cell_day(cell: &str) -> Option<(u32, Option<Weekday>)> {
    let cell = plain(cell);
    let c = MONTH_CELL.captures(cell.trim())?;
    Some((
        c[2].parse().ok()?,
        c.get(1).and_then(|w| weekday(w.as_str())),
    ))
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    let prefixes = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    (name.len() >= 3)
        .then(|| {
            prefixes
                .iter()
                .position(|p| name.starts_with(p))
                .map(|i| i as u32 + 1)
        })
        .flatten()
}

fn weekday(name: &str) -> Option<Weekday> {
    let name = name.to_ascii_lowercase();
    let prefixes = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    prefixes
        .iter()
        .find(|(p, _)| name.starts_with(p))
        .map(|&(_, w)| w)
}

/// A cell without Markdown emphasis and with links reduced to their text.
fn plain(cell: &str) -> String {
    // `[Enhancements Freeze][Enhancements Freeze**` (1.16): a reference left unclosed.
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]*]*\]?)?").expect("valid regex")
    });
    LINK.replace_all(cell, "$1")
        .replace(['*', '`', '[', ']'], "")
        .replace("~~", "")
}

/// A row's milestone name: Markdown, links and parenthesised notes (`(EOD PST)`) removed.
fn clean_name(cell: &str) -> String {
    static NOTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*\([^)]*\)").expect("valid regex"));
    let text = plain(cell);
    let text = NOTE.replace_all(&text, "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a row of `cycle`'s schedule is; `Begin Code Freeze and Test Freeze` is two.
fn kinds(name: &str, cycle: Minor) -> Vec<MilestoneKind> {
    static OWN_VERSION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b1\.(\d+)").expect("valid regex"));
    static RELEASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^v?1\.(\d+)\.0(?:\s+released)?$").expect("valid regex"));
    static RC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^v?1\.(\d+)\.0-rc\.\d+\s+released").expect("valid regex")
    });
    // Not `1st stability evaluation to shorten Code Freeze` (1.11).
    static CODE_FREEZE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:begin\s+)?code(?:\s+and\s+test)?\s+freeze").expect("valid regex")
    });
    let lower = name.to_ascii_lowercase();
    let own = |re: &Regex| {
        re.captures(name)
            .is_some_and(|c| c[1].parse() == Ok(cycle.minor))
    };
    // `1.14 Release Cycle Begins` in 1.13's table is the next cycle's.
    let other_cycle = OWN_VERSION
        .captures_iter(name)
        .any(|c| c[1].parse() != Ok(cycle.minor));
    let not_it = ["exception", "coming", "call for", "end of", "lift"]
        .iter()
        .any(|w| lower.contains(w));
    let mut out = Vec::new();
    if own(&RELEASE) {
        out.push(MilestoneKind::Release);
    } else if own(&RC) {
        out.push(MilestoneKind::ReleaseCandidate);
    } else if !not_it {
        if !other_cycle
            && (lower.contains("start of release cycle") || lower.contains("release cycle begins"))
        {
            out.push(MilestoneKind::CycleStart);
        }
        if lower.contains("enhancements freeze")
            || lower.contains("feature freeze") && !lower.contains("blog")
        {
            out.push(MilestoneKind::EnhancementsFreeze);
        }
        if lower.contains("production readiness") && lower.contains("freeze") {
            out.push(MilestoneKind::ProductionReadinessFreeze);
        }
        if CODE_FREEZE.is_match(&lower) {
            out.push(MilestoneKind::CodeFreeze);
        }
        if lower.contains("test freeze") {
            out.push(MilestoneKind::TestFreeze);
        }
        if lower.contains("docs freeze") || lower.starts_with("docs complete") {
            out.push(MilestoneKind::DocsFreeze);
        }
    }
    if lower == "thaw" || lower.contains("code thaw") || lower.starts_with("end of code freeze") {
        out.push(MilestoneKind::CodeThaw);
    }
    if out.is_empty() {
        out.push(MilestoneKind::Other);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// `../shared/upstream/sig-release`, found from an ancestor of this crate.
    fn sig_release() -> PathBuf {
        lwkd_testdata::upstream().join("sig-release")
    }

    fn all() -> &'static (Vec<Schedule>, Vec<Warning>) {
        static ALL: LazyLock<(Vec<Schedule>, Vec<Warning>)> =
            LazyLock::new(|| read_schedules(&sig_release()));
        &ALL
    }

    fn schedule(minor: u16) -> &'static Schedule {
        all()
            .0
            .iter()
            .find(|s| s.cycle.minor == minor)
            .unwrap_or_else(|| panic!("1.{minor} read"))
    }

    fn date_of(minor: u16, kind: MilestoneKind) -> Option<NaiveDate> {
        schedule(minor).first(kind)
    }

    use MilestoneKind::*;

    #[test]
    fn html_table_1_10() {
        // release-1.10: `<td>Start of Release Cycle</td>` ... `<td>2</td>` under JAN; the tl;dr
        // gives 2018. The table's `v1.10.0` is March 26 (the day it shipped), the tl;dr's March 21.
        assert_eq!(date_of(10, CycleStart), Some(d(2018, 1, 2)));
        assert_eq!(date_of(10, EnhancementsFreeze), Some(d(2018, 1, 22)));
        assert_eq!(date_of(10, CodeFreeze), Some(d(2018, 2, 26)));
        assert_eq!(date_of(10, Release), Some(d(2018, 3, 26)));
        // `<td>End of code freeze (EOD PST)</td>` ... `<td>19</td>` under MAR.
        assert_eq!(date_of(10, CodeThaw), Some(d(2018, 3, 19)));
    }

    #[test]
    fn month_columns_with_weekdays_1_14() {
        // `| Start of Release Cycle | Lead | Mon 7 |` under Jan; `| **v1.14.0 released** | ... | Mon 25 |` under Mar.
        assert_eq!(date_of(14, CycleStart), Some(d(2019, 1, 7)));
        assert_eq!(date_of(14, EnhancementsFreeze), Some(d(2019, 1, 29)));
        assert_eq!(date_of(14, CodeFreeze), Some(d(2019, 3, 7)));
        assert_eq!(date_of(14, DocsFreeze), Some(d(2019, 3, 18)));
        assert_eq!(date_of(14, CodeThaw), Some(d(2019, 3, 19)));
        assert_eq!(date_of(14, ReleaseCandidate), Some(d(2019, 3, 19)));
        assert_eq!(date_of(14, Release), Some(d(2019, 3, 25)));
    }

    #[test]
    fn month_columns_without_weekdays_1_13() {
        // `| v1.13.0 | Branch Manager | | | 3 |` under Dec; `1.14 Release Cycle Begins` is not 1.13's start.
        assert_eq!(date_of(13, CycleStart), Some(d(2018, 10, 1)));
        assert_eq!(date_of(13, Release), Some(d(2018, 12, 3)));
        assert_eq!(date_of(13, CodeFreeze), Some(d(2018, 11, 16)));
        assert_eq!(date_of(13, TestFreeze), Some(d(2018, 11, 16)));
    }

    #[test]
    fn full_dates_1_15() {
        // `Monday, April 08,  2019`, `Tuesday, June 11th. 2019`.
        assert_eq!(date_of(15, CycleStart), Some(d(2019, 4, 8)));
        assert_eq!(date_of(15, EnhancementsFreeze), Some(d(2019, 4, 30)));
        assert_eq!(date_of(15, CodeFreeze), Some(d(2019, 5, 30)));
        assert_eq!(date_of(15, CodeThaw), Some(d(2019, 6, 11)));
        assert_eq!(date_of(15, Release), Some(d(2019, 6, 17)));
    }

    #[test]
    fn no_year_1_18_and_no_month_1_17() {
        // 1.18: `Tue March 24`, the year from 1.17's release (Mon December 9, 2019).
        assert_eq!(date_of(18, CycleStart), Some(d(2020, 1, 6)));
        assert_eq!(date_of(18, CodeFreeze), Some(d(2020, 3, 5)));
        assert_eq!(date_of(18, Release), Some(d(2020, 3, 24)));
        // 1.17: `| Start Enhancements Tracking | Enhancements Lead | Tue 24  | |` after `Mon September 23`.
        assert!(schedule(17)
            .milestones
            .iter()
            .any(|m| m.name == "Start Enhancements Tracking" && m.date == d(2019, 9, 24)));
        assert_eq!(date_of(17, Release), Some(d(2019, 12, 9)));
        // 1.19: `Tue, April 14` and a Code Thaw of `TBD`.
        assert_eq!(date_of(19, EnhancementsFreeze), Some(d(2020, 5, 19)));
        assert_eq!(date_of(19, TestFreeze), Some(d(2020, 8, 6)));
        assert_eq!(date_of(19, Release), Some(d(2020, 8, 26)));
    }

    #[test]
    fn ordinal_dates_and_time_zone_pairs() {
        // 1.24: `Tuesday 3rd May 2022`; `02:00 UTC Friday 4th February 2022 / 18:00 PST Thursday 3rd February 2022`.
        assert_eq!(date_of(24, Release), Some(d(2022, 5, 3)));
        assert_eq!(date_of(24, EnhancementsFreeze), Some(d(2022, 2, 4)));
        assert_eq!(date_of(24, CodeFreeze), Some(d(2022, 3, 30)));
        // 1.26: `Thursday 8th December` without a year, a linked pair for Code Freeze.
        assert!(schedule(26)
            .milestones
            .iter()
            .any(|m| m.name.starts_with("Release Notes complete") && m.date == d(2022, 12, 8)));
        assert_eq!(date_of(26, CodeFreeze), Some(d(2022, 11, 9)));
    }

    #[test]
    fn time_zone_pairs_1_28() {
        let s = schedule(28);
        assert_eq!(s.start(), Some(d(2023, 5, 15)));
        assert_eq!(s.first(EnhancementsFreeze), Some(d(2023, 6, 16)));
        assert_eq!(s.first(CodeFreeze), Some(d(2023, 7, 19)));
        assert_eq!(s.release(), Some(d(2023, 8, 15)));
    }

    #[test]
    fn aoe_pairs_1_36() {
        // `| **Begin [Code Freeze] and [Test Freeze]** | Branch Manager | Wednesday 18th March 2026 (AoE) / Thursday 19th March 2026, 12:00 UTC |`
        assert_eq!(date_of(36, CodeFreeze), Some(d(2026, 3, 18)));
        assert_eq!(date_of(36, TestFreeze), Some(d(2026, 3, 18)));
        assert_eq!(date_of(36, DocsFreeze), Some(d(2026, 4, 8)));
        assert_eq!(date_of(36, Release), Some(d(2026, 4, 22)));
        // `Monday 23rd - Thursday 26th March 2026`: a range starts on its first day.
        assert!(schedule(36)
            .milestones
            .iter()
            .any(|m| m.name == "KubeCon EU" && m.date == d(2026, 3, 23)));
        assert_eq!(date_of(37, CycleStart), Some(d(2026, 5, 18)));
        assert_eq!(date_of(37, ProductionReadinessFreeze), Some(d(2026, 6, 9)));
        assert_eq!(date_of(37, EnhancementsFreeze), Some(d(2026, 6, 16)));
    }

    #[test]
    fn release_days_tell_the_cycle_of_a_date() {
        let (schedules, _) = read_schedules(&lwkd_testdata::upstream().join("sig-release"));
        let days = ReleaseDays::of(&schedules);
        let v = |minor| Minor { major: 1, minor };
        assert_eq!(days.iter().next(), Some((v(10), d(2018, 3, 26))));
        // 1.28 shipped on 2023-08-15: that day is still its cycle, the next is 1.29's.
        assert_eq!(days.cycle_on(d(2023, 8, 15)), Some(v(28)));
        assert_eq!(days.cycle_on(d(2023, 8, 16)), Some(v(29)));
        assert!(days.shipped_by(v(28), d(2023, 8, 15)));
        assert!(!days.shipped_by(v(29), d(2023, 8, 16)));
        // Before 1.10 the schedules give no release day; after the last, no cycle is known.
        assert!(!days.shipped_by(v(9), d(2020, 1, 1)));
        assert_eq!(days.cycle_on(d(2030, 1, 1)), None);
    }

    #[test]
    fn every_cycle_from_1_10_has_its_start_freezes_and_release_in_order() {
        for minor in 10..=37 {
            let s = schedule(minor);
            let start = s.start().unwrap_or_else(|| panic!("1.{minor} start"));
            let release = s.release().unwrap_or_else(|| panic!("1.{minor} release"));
            let code_freeze = s
                .first(CodeFreeze)
                .unwrap_or_else(|| panic!("1.{minor} code freeze"));
            let enhancements = s
                .first(EnhancementsFreeze)
                .unwrap_or_else(|| panic!("1.{minor} enhancements freeze"));
            assert!(
                start < enhancements && enhancements < code_freeze && code_freeze < release,
                "1.{minor}: {start} {enhancements} {code_freeze} {release}"
            );
            assert!(
                (release - start).num_days() < 200,
                "1.{minor}: {start} .. {release}"
            );
            if minor > 10 {
                let before = schedule(minor - 1).release().unwrap();
                assert!(
                    (start - before).num_days().abs() < 60,
                    "1.{minor} starts {start}, 1.{} released {before}",
                    minor - 1
                );
            }
        }
    }

    #[test]
    fn warnings_name_the_row() {
        let warnings = &all().1;
        let tbd = warnings
            .iter()
            .find(|w| w.path.ends_with("release-1.19/README.md") && w.line == 85)
            .expect("1.19's `TBD` Code Thaw");
        assert!(tbd.message.contains("TBD"), "{tbd}");
        // The lists before 1.10 have no timeline table: one warning says so for all seven.
        let untabled: Vec<_> = warnings
            .iter()
            .filter(|w| w.message.contains("no timeline table"))
            .collect();
        assert_eq!(untabled.len(), 1, "{untabled:?}");
        assert!(untabled[0].path.ends_with("release-1.3/README.md"));
        assert!(
            untabled[0]
                .message
                .ends_with("1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9 have no official schedule"),
            "{}",
            untabled[0]
        );
    }

    #[test]
    fn a_missing_folder_is_a_warning() {
        let (schedules, warnings) = read_schedules(Path::new("/nonexistent/sig-release"));
        assert!(schedules.is_empty());
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].path,
            Path::new("/nonexistent/sig-release/releases")
        );
        assert!(
            warnings[0]
                .message
                .starts_with("cannot read the release folders"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn cells() {
        let w =
            |cell: &str| written_date(cell, Some(9)).map(|w| (w.month, w.day, w.year, w.weekday));
        assert_eq!(
            w("Tuesday, June 11th. 2019"),
            Some((6, 11, Some(2019), Some(Weekday::Tue)))
        );
        assert_eq!(w("[17:00 UTC / 09:00 PDT Tuesday 13th December](https://everytimezone.com/s/5ec45da4)"), Some((12, 13, None, Some(Weekday::Tue))));
        assert_eq!(
            w("Wednesday 18th March 2026 (AoE) / Thursday 19th March 2026, 12:00 UTC"),
            Some((3, 18, Some(2026), Some(Weekday::Wed)))
        );
        assert_eq!(w("Tue 24"), Some((9, 24, None, Some(Weekday::Tue))));
        assert_eq!(w("May 3-7"), Some((5, 3, None, None)));
        assert_eq!(w("TBD"), None);
        assert_eq!(month_cell_day("Tues 3"), Some((3, Some(Weekday::Tue))));
        assert_eq!(month_cell_day("13 - 15"), Some((13, None)));
        assert_eq!(
            clean_name("**Begin [Enhancements Freeze][Enhancements Freeze** (EOD PST)"),
            "Begin Enhancements Freeze"
        );
    }
}
