//! Edition dates, read as leniently as Jekyll reads them, because the URL lwkd.info serves
//! today is the contract: a front matter `date` wins over the file name, an impossible day
//! rolls over (`2022-02-29` is served at `/2022/20220301`), a broken time keeps its date.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

/// A date read from front matter, and what was wrong with it, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadDate {
    pub datetime: NaiveDateTime,
    /// Set when the value was not taken as written; the loader turns it into a warning.
    pub repaired: Option<String>,
}

/// Reads a front matter date such as `2022-02-09 05:20:00 -0000`, `2024-03-10T22:00:00Z` or
/// `2018-03-05`. `None` when it has no usable `YYYY-MM-DD` part.
pub fn read_front_matter_date(value: &str) -> Option<ReadDate> {
    let value = value.trim();
    let (date_part, rest) = value.split_at(value.find([' ', 'T', 't']).unwrap_or(value.len()));
    let (date, rolled) = calendar_date(date_part)?;
    let time_text = rest
        .trim_start_matches([' ', 'T', 't'])
        .split_whitespace()
        .next()
        .unwrap_or("");
    let time_text = time_text
        .trim_end_matches('Z')
        .split(['+', '-'])
        .next()
        .unwrap_or("");
    let (time, bad_time) = if time_text.is_empty() {
        (NaiveTime::MIN, false)
    } else {
        match parse_time(time_text) {
            Some(t) => (t, false),
            None => (NaiveTime::MIN, true),
        }
    };
    let repaired = match (rolled, bad_time) {
        (false, false) => None,
        (true, _) => Some(format!(
            "date {value:?} names a day that does not exist; rolled over to {date} as Jekyll does (fix the date to silence this)"
        )),
        (false, true) => Some(format!(
            "time in date {value:?} does not parse; using the date {date} alone (write HH:MM:SS)"
        )),
    };
    Some(ReadDate {
        datetime: date.and_time(time),
        repaired,
    })
}

/// `YYYY-MM-DD`, rolling an out-of-range day over into the next month as Ruby's `Time` does.
/// The flag says whether it rolled.
fn calendar_date(text: &str) -> Option<(NaiveDate, bool)> {
    let mut parts = text.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => Some((d, false)),
        None => {
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            Some((first.checked_add_days(Days::new(u64::from(day - 1)))?, true))
        }
    }
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .ok()
}

/// The date in a Jekyll post file name, `2022-02-06-update.md`.
pub fn file_name_date(file_name: &str) -> Option<NaiveDate> {
    let prefix = file_name.get(..10)?;
    let (date, rolled) = calendar_date(prefix)?;
    (!rolled).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn jekyll_date_with_offset() {
        let d = read_front_matter_date("2022-02-09 05:20:00 -0000").unwrap();
        assert_eq!(d.datetime, ymd(2022, 2, 9).and_hms_opt(5, 20, 0).unwrap());
        assert_eq!(d.repaired, None);
    }

    #[test]
    fn plain_and_toml_dates() {
        assert_eq!(
            read_front_matter_date("2018-03-05")
                .unwrap()
                .datetime
                .date(),
            ymd(2018, 3, 5)
        );
        let t = read_front_matter_date("2024-03-10T22:00:00Z").unwrap();
        assert_eq!(t.datetime, ymd(2024, 3, 10).and_hms_opt(22, 0, 0).unwrap());
    }

    #[test]
    fn broken_time_keeps_the_date() {
        // The real value in 2024-04-14-update.md.
        let d = read_front_matter_date("2024-04-17 14:4g5:00 -0000").unwrap();
        assert_eq!(d.datetime.date(), ymd(2024, 4, 17));
        assert!(d.repaired.unwrap().contains("does not parse"));
    }

    #[test]
    fn impossible_day_rolls_over_like_jekyll() {
        // The real value in 2022-02-27-update.md.
        let d = read_front_matter_date("2022-02-29 07:10:00 -0000").unwrap();
        assert_eq!(d.datetime.date(), ymd(2022, 3, 1));
        assert!(d.repaired.unwrap().contains("rolled over"));
        assert_eq!(
            read_front_matter_date("2023-04-31")
                .unwrap()
                .datetime
                .date(),
            ymd(2023, 5, 1)
        );
    }

    #[test]
    fn no_date_part() {
        assert_eq!(read_front_matter_date("next tuesday"), None);
        assert_eq!(read_front_matter_date("2022-13-01"), None);
        assert_eq!(read_front_matter_date(""), None);
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name_date("2018-01-14-update.md"),
            Some(ymd(2018, 1, 14))
        );
        assert_eq!(file_name_date("update.md"), None);
    }
}
