//! Dates as the editions write them (`March 29th`, `27 August`, `9/29`, `the 24th`, `this
//! Friday`, `tomorrow`): found in a text, and resolved against the edition's date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

pub(crate) const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const DAY: &str = r"(\d{1,2})(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:,?\s+(20\d\d))?";

/// `March 29th`, `Sept. 27th`, `March 20/21`, `January 9, 2023`.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\s+{DAY}\b(?:\s*/\s*\d{{1,2}}(?:st|nd|rd|th)?)?{YEAR}"
    ))
    .expect("valid regex")
});
/// `27 August`, `7th November`.
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{DAY}\s+{MONTH}\b{YEAR}")).expect("valid regex"));
static TODAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btoday\b").expect("valid regex"));

/// A date as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// `March 29th`, `27 August`, `9/29`, maybe with a year.
    Day {
        month: u32,
        day: u32,
        year: Option<i32>,
    },
    /// `the 24th`: of the edition's month, or the next.
    DayOfMonth(u32),
    /// `this Friday`, `on Tuesday`: that day of the week after the edition's Sunday.
    Weekday(Weekday),
    /// `next Tuesday`: the first after the edition's date.
    NextWeekday(Weekday),
    Today,
    Tomorrow,
}

/// A date found in a text: its byte range and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) written: Written,
}

const WEEKDAY: &str = r"(mon|tues|wednes|thurs|fri|satur|sun)day";
/// `this Friday`, `on Tuesday`, `EOD Thursday`.
static WEEKDAY_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(next\s+)?{WEEKDAY}\b")).expect("valid regex"));
/// A weekday written with its date (`Thursday, Nov. 12`, `Friday the 13th`): the date says it.
static WEEKDAY_WITH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:[\s,/]|$)|^[\s,]*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)").expect("valid regex")
});
/// `the 24th`.
static DAY_OF_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b").expect("valid regex"));
/// `9/29`, `(8/12)`: month and day.
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})\b").expect("valid regex"));
static NUMERIC_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:on|by|due|until|before)\s+|\()$").expect("valid regex")
});
static TOMORROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btomm?orr?ow\b").expect("valid regex"));

/// Every date in `text`, in order, none overlapping another. `today` right before a
/// written date (`today, June 4th`) is that date.
pub(crate) fn dates(text: &str) -> Vec<Found> {
    let month = |m: &str| -> u32 {
        let m = m.to_ascii_lowercase();
        [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .position(|p| m.starts_with(p))
        .map_or(0, |i| i as u32 + 1)
    };
    let year = |y: Option<regex::Match<'_>>| y.and_then(|y| y.as_str().parse().ok());
    let mut found: Vec<Found> = Vec::new();
    let overlaps = |found: &[Found], start: usize, end: usize| {
        found.iter().any(|f| f.start < end && start < f.end)
    };
    for c in MONTH_DAY.captures_iter(text) {
        let m = c.get(0).expect("match");
        found.push(Found {
            start: m.start(),
            end: m.end(),
            written: Written::Day {
                month: month(&c[1]),
                day: c[2].parse().unwrap_or(0),
                year: year(c.get(3)),
            },
        });
    }
    for c in DAY_MONTH.captures_iter(text) {
        let m = c.get(0).expect("match");
        // `Alpha.1 July 16th` is July 16th, not the 1st of July.
        let after_dot = text[..m.start()].ends_with(|ch: char| ch == '.' || ch.is_alphanumeric());
        if !after_dot && !overlaps(&found, m.start(), m.end()) {
            found.push(Found {
                start: m.start(),
                end: m.end(),
                written: Written::Day {
                    month: month(&c[2]),
                    day: c[1].parse().unwrap_or(0),
                    year: year(c.get(3)),
                },
            });
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let m = c.get(0).expect("match");
        let (month, day): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        // Not `1.18/1.19`, `20/21` after a month, or a path.
        let glued =
            text[..m.start()].ends_with(['.', '/']) || text[m.end()..].starts_with(['.', '/']);
        // `2/3 done` is a fraction; `on 4/4` and `by 9/29` are dates.
        let dated = day > 4 || NUMERIC_LEAD.is_match(&text[..m.start()]);
        if (1..=12).contains(&month)
            && (1..=31).contains(&day)
            && dated
            && !glued
            && !overlaps(&found, m.start(), m.end())
        {
            found.push(Found {
                start: m.start(),
                end: m.end(),
                written: Written::Day {
                    month,
                    day,
                    year: None,
                },
            });
        }
    }
    for c in DAY_OF_MONTH.captures_iter(text) {
        let m = c.get(0).expect("match");
        // `the 24th, as well as ...` is a day; `the 2nd week of the cycle` is not.
        let next_word = text[m.end()..].split_whitespace().next().unwrap_or("");
        let counts = next_word.starts_with(|ch: char| ch.is_alphabetic())
            && ![
                "at", "and", "or", "to", "for", "when", "with", "but", "as", "so", "then", "in",
            ]
            .contains(&next_word);
        if !counts && !overlaps(&found, m.start(), m.end()) {
            found.push(Found {
                start: m.start(),
                end: m.end(),
                written: Written::DayOfMonth(c[1].parse().unwrap_or(0)),
            });
        }
    }
    for c in WEEKDAY_WORD.captures_iter(text) {
        let m = c.get(0).expect("match");
        let with_date = WEEKDAY_WITH_DATE.is_match(&text[m.end()..])
            || found.iter().any(|f| {
                f.end <= m.start()
                    && text[f.end..m.start()]
                        .trim_matches([' ', ',', '('])
                        .is_empty()
            });
        if !with_date && !overlaps(&found, m.start(), m.end()) {
            let day = weekday(&c[2]);
            found.push(Found {
                start: m.start(),
                end: m.end(),
                written: if c.get(1).is_some() {
                    Written::NextWeekday(day)
                } else {
                    Written::Weekday(day)
                },
            });
        }
    }
    let written: Vec<usize> = found.iter().map(|f| f.start).collect();
    for m in TODAY.find_iter(text) {
        let glued = written
            .iter()
            .any(|&s| s >= m.end() && text[m.end()..s].trim_matches([' ', ',']).is_empty());
        if !glued {
            found.push(Found {
                start: m.start(),
                end: m.end(),
                written: Written::Today,
            });
        }
    }
    for m in TOMORROW.find_iter(text) {
        found.push(Found {
            start: m.start(),
            end: m.end(),
            written: Written::Tomorrow,
        });
    }
    found.sort_by_key(|f| f.start);
    found
}

fn weekday(name: &str) -> Weekday {
    match &name.to_ascii_lowercase()[..3] {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Every date `text` writes with its day of the month (`July 18th`, `7/8`, `the 27th`), in
/// order, month and year from the edition's date when not written. Weekdays and "tomorrow"
/// are left out: they are read forward from the edition, as deadlines are, which is wrong
/// for what already happened ("came out Monday").
pub(crate) fn calendar_dates(text: &str, edition_date: NaiveDate) -> Vec<NaiveDate> {
    dates(text)
        .into_iter()
        .filter(|f| matches!(f.written, Written::Day { .. } | Written::DayOfMonth(_)))
        .filter_map(|f| resolve(f.written, edition_date))
        .collect()
}
/// A date without a year is the one nearest after the edition: a January deadline in a
/// December edition is next year's. A few days before the edition still counts (editions
/// are often published days after their week ends). `None` past the ends of the calendar
/// (an edition dated 262142-12-31 whose deadline is tomorrow).
pub(crate) fn resolve(written: Written, edition_date: NaiveDate) -> Option<NaiveDate> {
    let after = |days: i64| edition_date.checked_add_signed(Duration::days(days));
    let (month, day, year) = match written {
        Written::Today => return Some(edition_date),
        Written::Tomorrow => return after(1),
        Written::Weekday(w) => {
            // The week the edition covers ends on a Sunday, and a weekday is of the week
            // after: an edition dated Tuesday that says "due on Monday" was written Sunday.
            let since_sunday = i64::from(edition_date.weekday().num_days_from_sunday());
            let from_sunday = if w == Weekday::Sun {
                7
            } else {
                w.num_days_from_sunday().into()
            };
            return after(from_sunday - since_sunday);
        }
        Written::NextWeekday(w) => {
            let ahead =
                (w.num_days_from_monday() + 6 - edition_date.weekday().num_days_from_monday()) % 7
                    + 1;
            return after(ahead.into());
        }
        Written::DayOfMonth(day) => {
            let this_month = edition_date.with_day(day);
            return match this_month {
                Some(d) if after(-7).is_none_or(|week_before| d >= week_before) => Some(d),
                _ => {
                    let next = if edition_date.month() == 12 {
                        NaiveDate::from_ymd_opt(edition_date.year().checked_add(1)?, 1, 1)?
                    } else {
                        NaiveDate::from_ymd_opt(edition_date.year(), edition_date.month() + 1, 1)?
                    };
                    next.with_day(day)
                }
            };
        }
        Written::Day { month, day, year } => (month, day, year),
    };
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(edition_date.year(), month, day)?;
    // Past an end of the calendar nothing is later (or earlier) than this year's day.
    if after(-60).is_some_and(|earliest| this_year < earliest) {
        NaiveDate::from_ymd_opt(edition_date.year().checked_add(1)?, month, day)
    } else if after(300).is_some_and(|latest| this_year > latest) {
        NaiveDate::from_ymd_opt(edition_date.year().checked_sub(1)?, month, day)
    } else {
        Some(this_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn years_resolve_around_the_edition() {
        let december = d(2019, 12, 9);
        let w = |month, day| Written::Day {
            month,
            day,
            year: None,
        };
        assert_eq!(
            resolve(Written::Weekday(Weekday::Fri), december),
            Some(d(2019, 12, 13)),
            "this Friday"
        );
        assert_eq!(
            resolve(Written::Weekday(Weekday::Mon), december),
            Some(d(2019, 12, 9)),
            "Monday in a Monday edition"
        );
        assert_eq!(
            resolve(Written::DayOfMonth(24), d(2021, 3, 21)),
            Some(d(2021, 3, 24)),
            "the 24th"
        );
        assert_eq!(
            resolve(Written::DayOfMonth(2), d(2021, 3, 21)),
            Some(d(2021, 4, 2)),
            "the 2nd, next month"
        );
        assert_eq!(
            resolve(Written::Tomorrow, d(2024, 12, 10)),
            Some(d(2024, 12, 11))
        );
        assert_eq!(
            resolve(Written::NextWeekday(Weekday::Tue), d(2024, 8, 7)),
            Some(d(2024, 8, 13)),
            "next Tuesday, said on a Wednesday"
        );
        assert_eq!(
            resolve(Written::NextWeekday(Weekday::Wed), d(2024, 8, 7)),
            Some(d(2024, 8, 14)),
            "next Wednesday, said on a Wednesday"
        );
        assert_eq!(resolve(w(1, 2), december), Some(d(2020, 1, 2)));
        assert_eq!(
            resolve(w(12, 5), december),
            Some(d(2019, 12, 5)),
            "days before the edition stay in its year"
        );
        assert_eq!(
            resolve(w(12, 20), d(2020, 1, 3)),
            Some(d(2019, 12, 20)),
            "a December date read in January"
        );
        assert_eq!(resolve(w(2, 30), december), None, "no such day");
    }
}
