//! No line of an edition and no edition date, however near the ends of chrono's calendar,
//! makes reading deadlines and versions panic: a date that does not exist is no date.

use chrono::{Datelike, NaiveDate};
use lwkd_cycles::{
    announced_deadlines, begun_cycle, deadline_line, is_release_day, milestone_kind, named_cycle,
    newest_cycle, read_deadlines, shipped_cycle, versions,
};
use proptest::prelude::*;

/// Every deadline of `line` (a `Next Deadline` line or a Release Schedule paragraph).
fn deadlines(line: &str, edition: NaiveDate) -> Vec<Option<NaiveDate>> {
    let mut dates: Vec<Option<NaiveDate>> = match deadline_line(line) {
        Some((_, rest)) => read_deadlines(rest, edition)
            .into_iter()
            .map(|(_, d)| d)
            .collect(),
        None => Vec::new(),
    };
    for announced in announced_deadlines(line, edition) {
        dates.extend(announced.deadlines.iter().map(|(_, d)| Some(*d)));
    }
    dates
}

/// Editions dated on the last and first days of the calendar panicked (`NaiveDate +
/// TimeDelta overflowed`) when a deadline was `tomorrow`, a weekday, or a day of a month.
#[test]
fn deadlines_of_editions_at_the_ends_of_the_calendar_are_read_or_left_undated() {
    let lines = [
        "**Next Deadline: Code Freeze tomorrow**",
        "Next Deadline: Code Freeze on Friday",
        "Next Deadline: Test Freeze next Tuesday",
        "Next Deadline: Docs due the 3rd",
        "Next Deadline: Release, January 3rd",
        "Next Deadline: Release, December 30th",
        "Code Freeze is tomorrow, and the release is on January 3rd.",
    ];
    for edition in [NaiveDate::MAX, NaiveDate::MIN] {
        for line in lines {
            for date in deadlines(line, edition).into_iter().flatten() {
                assert!(
                    (date - edition).num_days().abs() < 400,
                    "{line} {edition}: {date}"
                );
            }
        }
    }
    let max = NaiveDate::MAX;
    let read = |rest: &str| read_deadlines(rest, max);
    assert_eq!(read("Code Freeze tomorrow"), [("Code Freeze".into(), None)]);
    assert_eq!(
        read("Code Freeze today"),
        [("Code Freeze".into(), Some(max))]
    );
}

/// A year written that puts a deadline further than a year from its edition is a slip or
/// history, not the next deadline: the line is read, undated.
#[test]
fn a_year_far_from_the_edition_leaves_the_deadline_undated() {
    let edition = NaiveDate::from_ymd_opt(2024, 2, 4).unwrap();
    let read = |line: &str| read_deadlines(deadline_line(line).unwrap().1, edition);
    assert_eq!(
        read("Next Deadline: Code Freeze, March 1 2018"),
        [("Code Freeze".into(), None)]
    );
    assert_eq!(
        read("Next Deadline: Code Freeze, March 1 2024"),
        [("Code Freeze".into(), NaiveDate::from_ymd_opt(2024, 3, 1))]
    );
}

#[test]
fn days_that_do_not_exist_are_no_dates() {
    let edition = NaiveDate::from_ymd_opt(2024, 2, 4).unwrap();
    for line in [
        "Next Deadline: Code Freeze, 31st February",
        "Next Deadline: Code Freeze, February 30th",
        "Next Deadline: Code Freeze, February 0",
        "Next Deadline: Code Freeze, 0 March",
        "Next Deadline: Code Freeze, February 29th, 2023",
    ] {
        let (_, rest) = deadline_line(line).unwrap();
        assert_eq!(
            read_deadlines(rest, edition),
            [("Code Freeze".into(), None)],
            "{line}"
        );
    }
}

/// Any date chrono has, with the ends of the calendar and LWKD's years drawn often.
fn edition_date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    let day = |d: i32| NaiveDate::from_num_days_from_ce_opt(d).unwrap();
    prop_oneof![
        (min..=max).prop_map(day),
        (min..min + 40).prop_map(day),
        (max - 40..=max).prop_map(day),
        (736_695..740_000).prop_map(day),
    ]
}

/// Lines made of the words deadlines are written in, with odd days, years and characters.
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Next Deadline: ".to_string()),
        Just("The next deadline is ".to_string()),
        Just("**".to_string()),
        Just("Code Freeze".to_string()),
        Just("1.24 release".to_string()),
        Just(" on ".to_string()),
        Just(", and ".to_string()),
        Just(". ".to_string()),
        Just("; ".to_string()),
        "(jan|Feb|march|Sept.|DEC|may) ",
        "(0|1|29|30|31|32|99)(st|nd|rd|th)? ",
        "(2018|2024|262143|0000), ",
        "(0|2|9|13)/(0|29|31|40)",
        "(today|tomorrow|tomorow|the [0-9]{1,2}(st|th)|next |this )?(mon|tues|wednes|thurs|fri|satur|ſun)day",
        "v?1\\.[0-9]{1,6}(\\.[0-9]{1,3})?(-rc\\.1)?",
        "\\PC{0,4}",
    ];
    proptest::collection::vec(piece, 0..14).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn any_line_on_any_date_reads_without_a_panic(line in line(), edition in edition_date()) {
        for date in deadlines(&line, edition).into_iter().flatten() {
            prop_assert!((date - edition).num_days().abs() < 400, "{line:?} {edition}: {date}");
        }
        let _ = (versions(&line), shipped_cycle(&line), begun_cycle(&line), newest_cycle(&line));
        let _ = (milestone_kind(&line), named_cycle(&line), is_release_day(&line));
    }

    #[test]
    fn any_text_reads_without_a_panic(text in "\\PC{0,80}", edition in edition_date()) {
        let _ = deadlines(&text, edition);
        let _ = (versions(&text), shipped_cycle(&text), begun_cycle(&text), newest_cycle(&text));
    }
}
