//! Deadline lines as the archive writes them, read through the crate's public API.

use chrono::NaiveDate;
use lwkd_cycles::{deadline_line, read_deadlines, Deadline, Mention};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The deadline `line` announces in an edition of `edition`, when it announces one.
fn announced(line: &str, edition: NaiveDate) -> Option<Deadline> {
    let mention = Mention {
        edition: "/edition.html".into(),
        edition_date: edition,
        section: lwkd_content::SectionKind::ReleaseSchedule,
        anchor: None,
        line: 1,
        text: line.into(),
    };
    let (_, rest) = deadline_line(line).expect("a deadline line");
    let mut deadlines = (read_deadlines(rest, edition).into_iter())
        .map(|(name, date)| Deadline::announced(name, date, mention.clone()));
    let deadline = deadlines.next();
    assert!(deadlines.next().is_none(), "one deadline in {line}");
    deadline
}

/// The archive's three lines that give a week and no day, and two that do not: one that
/// gives its day as well, one that says `soon`.
#[test]
fn a_line_that_says_this_week_gives_the_week_the_edition_came_out_in() {
    let week_of = |line: &str, edition: NaiveDate| {
        let deadline = announced(line, edition).expect("a deadline");
        (deadline.week, deadline.days())
    };
    // Published on a Monday: its own week.
    let line = "*Next Deadline: Begin collecting feature information from SIGs, this week*";
    let week = (d(2018, 7, 9), d(2018, 7, 15));
    assert_eq!(week_of(line, d(2018, 7, 9)), (Some(week.0), Some(week)));
    let line = "**Next Deadline: Release schedule published, this week**";
    let week = (d(2020, 4, 6), d(2020, 4, 12));
    assert_eq!(week_of(line, d(2020, 4, 6)), (Some(week.0), Some(week)));
    // Published on a Tuesday: the week from the day before.
    let line = "**Next Deadline: 1.22 Release Cycle Begins this week**";
    let week = (d(2021, 4, 19), d(2021, 4, 25));
    assert_eq!(week_of(line, d(2021, 4, 20)), (Some(week.0), Some(week)));
    let line = "**Next Deadline: Code Freeze this week, July 9th**";
    let day = d(2024, 7, 9);
    assert_eq!(week_of(line, d(2024, 7, 2)), (None, Some((day, day))));
    let line = "**Next Deadline: 1.34 Release Cycle Begins -- soon**";
    assert_eq!(week_of(line, d(2025, 4, 30)), (None, None));
}

/// Editions dated at the ends of chrono's calendar: the week, or none where it runs off the
/// calendar (the first day's Monday is before it, and asking for it panicked).
#[test]
fn a_week_off_the_calendar_is_no_week() {
    for edition in [NaiveDate::MAX, NaiveDate::MIN] {
        let deadline = announced("**Next Deadline: Code Freeze this week**", edition).unwrap();
        assert!(
            (deadline.days()).is_none_or(|(first, last)| first <= edition && edition <= last),
            "{edition}: {:?}",
            deadline.days()
        );
    }
}
