//! `/deadlines.ics`: every dated release deadline as an all-day iCalendar event (one given
//! as `this week`, all that week), written with the `icalendar` crate; and
//! `/releases/1.N/deadlines.ics`, one cycle's, for a reader who follows only the release in
//! flight. A deadline without a cycle has no place in them; the index gives every deadline
//! one as soon as the archive names any cycle.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};
use lwkd_cache::hash_serialized;
use lwkd_taxonomy::{Deadline, Milestone, ReleaseCycle};
use serde::Serialize;

use lwkd_render::paths::canonical_url;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

pub struct DeadlineCalendar;

/// The last line of a calendar's text.
const CALENDAR_END: &str = "END:VCALENDAR\r\n";

/// A name as a UID's part: its words, lower case, joined by hyphens.
fn uid_words(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A UID that stays the same from build to build, so calendar apps update events instead
/// of duplicating them: cycle, date and name (a deadline repeated by several editions is
/// one event), and the site's host.
fn uid(deadline: &Deadline, date: NaiveDate, host: &str) -> String {
    let name = uid_words(&deadline.name);
    let cycle = deadline
        .release
        .map_or("none".to_string(), |c| c.to_string());
    format!("{cycle}-{date}-{name}@{host}")
}

/// A deadline given a day or a week as an all-day event of those days.
fn event(site: &Site, deadline: &Deadline, host: &str) -> Option<icalendar::Event> {
    let (first, last) = deadline.days()?;
    let summary = match deadline.release {
        Some(cycle) => format!("Kubernetes {cycle}: {}", deadline.name),
        None => deadline.name.clone(),
    };
    // Stamped with the announcing edition's date, not the build time: the file changes
    // only when the deadlines do.
    let stamp = Utc.from_utc_datetime(
        &deadline
            .mention
            .edition_date
            .and_time(chrono::NaiveTime::MIN),
    );
    let event = icalendar::Event::new()
        .uid(&uid(deadline, first, host))
        .timestamp(stamp)
        .summary(&summary)
        .description(&plain_text(&deadline.mention.text))
        .url(
            &site
                .config
                .absolute_url(&canonical_url(&deadline.mention.href())),
        )
        .starts(first)
        // The end is exclusive.
        .ends(last.succ_opt().unwrap_or(last))
        .done();
    Some(event)
}

impl Renderer for DeadlineCalendar {
    fn name(&self) -> &'static str {
        "calendar"
    }

    /// Each calendar goes through [`Site::keyed_file`], keyed by its name, the site's URL
    /// and the deadlines and milestones it shows: a warm build whose deadlines did not
    /// change links the calendars of the last one, and `lwkd serve` makes them again only
    /// then.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        let base = &site.config.base_url;
        let host = base
            .split("://")
            .nth(1)
            .unwrap_or(base)
            .split('/')
            .next()
            .unwrap_or("lwkd");
        let releases = site.taxonomy.releases.values();
        let mut calendars = vec![CalendarSpec {
            path: "deadlines.ics".into(),
            name: format!("{}: Kubernetes release deadlines", site.config.title),
            deadlines: releases.clone().flat_map(|r| &r.deadlines).collect(),
            official: Vec::new(),
        }];
        for release in releases.filter(|r| r.has_calendar()) {
            calendars.push(CalendarSpec {
                path: cycle_calendar_path(release.version)
                    .trim_start_matches('/')
                    .into(),
                name: format!(
                    "{}: Kubernetes {} release deadlines",
                    site.config.title, release.version
                ),
                deadlines: release.deadlines.iter().collect(),
                official: (release.calendar_milestones().into_iter())
                    .map(|m| (release.version, m))
                    .collect(),
            });
        }
        for calendar in &calendars {
            site.keyed_file(
                sink,
                &calendar.path,
                "calendar",
                |key| hash_serialized(key, &(calendar, base)),
                || Ok(calendar_text(site, calendar, host).into_bytes()),
            )?;
        }
        if scope == Scope::Changed {
            sink.paths(calendars.into_iter().map(|c| c.path).collect());
        }
        Ok(())
    }
}

/// One calendar file: where it goes, its name, and what it shows. All of it (with the
/// site's URL, which gives the events' links and UIDs) is its key.
#[derive(Serialize)]
struct CalendarSpec<'t> {
    /// Output path, `deadlines.ics`.
    path: String,
    name: String,
    /// Its deadlines; those given no day or week are left out.
    deadlines: Vec<&'t Deadline>,
    /// The official schedule's milestones it shows, with their cycle.
    official: Vec<(ReleaseCycle, &'t Milestone)>,
}

/// A cycle's calendar: `/releases/1.24/deadlines.ics`.
fn cycle_calendar_path(cycle: ReleaseCycle) -> String {
    format!("/releases/{cycle}/deadlines.ics")
}

/// An official milestone as an event: `Kubernetes 1.24 (official): Begin Code Freeze`.
fn official_event(cycle: ReleaseCycle, milestone: &Milestone, host: &str) -> icalendar::Event {
    let slug = uid_words(&milestone.name);
    let stamp = Utc.from_utc_datetime(&milestone.date.and_time(chrono::NaiveTime::MIN));
    icalendar::Event::new()
        .uid(&format!(
            "{cycle}-{}-official-{slug}@{host}",
            milestone.date
        ))
        .timestamp(stamp)
        .summary(&format!(
            "Kubernetes {cycle} (official schedule): {}",
            milestone.name
        ))
        .url(&format!(
            "https://github.com/kubernetes/sig-release/tree/master/releases/release-{cycle}"
        ))
        .starts(milestone.date)
        .ends(milestone.date.succ_opt().unwrap_or(milestone.date))
        .done()
}

/// `calendar`'s text: each dated deadline, and each official milestone, as an event.
fn calendar_text(site: &Site, calendar: &CalendarSpec<'_>, host: &str) -> String {
    let mut ical = Calendar::new();
    ical.name(&calendar.name);
    // The events are written into the calendar's text as each is made, not pushed into
    // it: an event object is over a KB, tens of MB at a hundred times the archive.
    let empty = ical.done().to_string();
    let mut text = empty
        .strip_suffix(CALENDAR_END)
        .expect("a calendar's text ends with its END line")
        .to_string();
    for event in calendar
        .deadlines
        .iter()
        .filter_map(|d| event(site, d, host))
    {
        event
            .fmt_write(&mut text)
            .expect("writing to a String never fails");
    }
    for (cycle, m) in &calendar.official {
        official_event(*cycle, m, host)
            .fmt_write(&mut text)
            .expect("writing to a String never fails");
    }
    text.push_str(CALENDAR_END);
    text
}

/// A deadline's line as a calendar shows it: its words, without the Markdown around them
/// (`**Next Deadline: Code Freeze, March 29th**` reads `Next Deadline: Code Freeze, March 29th`).
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn descriptions_are_plain_text() {
        assert_eq!(
            plain_text("**Next Deadline: Code Freeze, March 29th**"),
            "Next Deadline: Code Freeze, March 29th"
        );
        assert_eq!(
            plain_text("*Next Deadline: [Beta0 Release](https://example.com), `May 15th`*"),
            "Next Deadline: Beta0 Release, May 15th"
        );
    }
}
