//! The week an edition covers, as its title gives it: `Week Ending February 6, 2022`.

use chrono::{Datelike, NaiveDate};

/// The last day of the week a title gives, as written (`Week Ending February 6, 2022`,
/// also with an ordinal, `July 8th, 2018`, or a misspelt month, `Feburary`, which the archive
/// has thrice); `None` when the title gives no real date.
pub fn title_week_ending(title: &str) -> Option<NaiveDate> {
    let (month, day, year) = written_week(title)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The last day of the week an edition titled `title`, published on `published`, covers:
/// the title's month and day in the year nearest its publication, as a title's year can be
/// a slip of the new year ("Week Ending January 6, 2018", published on 2019-01-08); its
/// publication date when the title gives none.
pub fn week_ending(title: &str, published: NaiveDate) -> NaiveDate {
    nearest_week_ending(title, published).unwrap_or(published)
}

/// The title's month, day and year after `Week Ending`.
fn written_week(title: &str) -> Option<(u32, u32, i32)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let (_, date) = title.split_once("Week Ending ")?;
    let mut words = date
        .split(|c: char| c.is_whitespace() || c == ',' || c == '"')
        .filter(|w| !w.is_empty());
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? as u32 + 1;
    let day = words
        .next()?
        .trim_end_matches(char::is_alphabetic)
        .parse()
        .ok()?;
    Some((month, day, words.next()?.parse().ok()?))
}

/// The title's week ending in the year nearest `published` (see [`week_ending`]).
fn nearest_week_ending(title: &str, published: NaiveDate) -> Option<NaiveDate> {
    let (month, day, written) = written_week(title)?;
    let near = published.year() - 1..=published.year() + 1;
    [written]
        .into_iter()
        .chain(near)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|d| (*d - published).num_days().abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_give_the_week_they_cover() {
        let date = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d);
        // Titles as the archive writes them, each with its file's publication date.
        let cases = [
            (
                "Week Ending February 6, 2022",
                (2022, 2, 9),
                Some((2022, 2, 6)),
            ),
            (
                "Week Ending July 8th, 2018",
                (2018, 7, 9),
                Some((2018, 7, 8)),
            ),
            (
                "Week Ending June 22nd, 2018",
                (2018, 6, 25),
                Some((2018, 6, 22)),
            ),
            (
                "Week Ending Feburary 18, 2024",
                (2024, 2, 20),
                Some((2024, 2, 18)),
            ),
            (
                "Special Edition: Week Ending February 2, 2020",
                (2020, 2, 3),
                Some((2020, 2, 2)),
            ),
            // The new year's slip: `_posts/2019-01-06-update.md`, published on the 8th.
            (
                "Week Ending January 6, 2018",
                (2019, 1, 8),
                Some((2019, 1, 6)),
            ),
            // A week ending in December, published in January.
            (
                "Week Ending December 30, 2085",
                (2086, 1, 2),
                Some((2085, 12, 30)),
            ),
            ("Kubernetes 1.30 is out", (2024, 4, 17), None),
            ("Week Ending February 30, 2022", (2022, 3, 2), None),
        ];
        for (title, published, week) in cases {
            assert_eq!(
                nearest_week_ending(title, date(published).unwrap()),
                week.and_then(date),
                "{title}"
            );
        }
        assert_eq!(
            written_week("Week Ending January 6, 2018"),
            Some((1, 6, 2018))
        );
    }
}
