//! `/deadlines.ics`: every dated release deadline as an all-day iCalendar event, written
//! with the `icalendar` crate; and `/releases/1.N/deadlines.ics`, one cycle's, for a reader
//! who follows only the release in flight. A deadline without a cycle has no place in them;
//! the index gives every deadline one as soon as the archive names any cycle.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};
use lwkd_taxonomy::{Deadline, Milestone, MilestoneKind, ReleaseCycle};

use lwkd_output::OutputFile;
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

fn event(site: &Site, deadline: &Deadline, date: NaiveDate, host: &str) -> icalendar::Event {
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
    icalendar::Event::new()
        .uid(&uid(deadline, date, host))
        .timestamp(stamp)
        .summary(&summary)
        .description(&plain_text(&deadline.mention.text))
        .url(
            &site
                .config
                .absolute_url(&canonical_url(&deadline.mention.href())),
        )
        .starts(date)
        .ends(date.succ_opt().unwrap_or(date))
        .done()
}

impl Renderer for DeadlineCalendar {
    fn name(&self) -> &'static str {
        "calendar"
    }

    /// It follows the index only: under [`Scope::Changed`], nothing to do when the index
    /// did not change.
    fn render(&self, site: &Site, scope: &Scope<'_>, sink: &dyn Sink) -> Result<(), BuildError> {
        if scope.changes().is_some_and(|c| !c.index) {
            return Ok(());
        }
        let base = &site.config.base_url;
        let host = base
            .split("://")
            .nth(1)
            .unwrap_or(base)
            .split('/')
            .next()
            .unwrap_or("lwkd");
        let releases = site.taxonomy.releases.values();
        let mut files = vec![OutputFile::bytes(
            "deadlines.ics",
            calendar_text(
                site,
                &format!("{}: Kubernetes release deadlines", site.config.title),
                releases.clone().flat_map(|r| &r.deadlines),
                &[],
                host,
            ),
        )];
        for release in releases.filter(|r| r.deadlines.iter().any(|d| d.date.is_some())) {
            let name = format!(
                "{}: Kubernetes {} release deadlines",
                site.config.title, release.version
            );
            let path = cycle_calendar_path(release.version);
            // The official schedule's milestones too (freezes, release; not meetings or cuts).
            let official: Vec<(ReleaseCycle, &Milestone)> = release
                .official
                .iter()
                .flat_map(|s| &s.milestones)
                .filter(|m| m.kind != MilestoneKind::Other)
                .map(|m| (release.version, m))
                .collect();
            files.push(OutputFile::bytes(
                path.trim_start_matches('/'),
                calendar_text(site, &name, &release.deadlines, &official, host),
            ));
        }
        sink.files(files)
    }
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

/// A calendar named `name` holding each dated deadline, and each `official` milestone, as an event.
fn calendar_text<'d>(
    site: &Site,
    name: &str,
    deadlines: impl IntoIterator<Item = &'d Deadline>,
    official: &[(ReleaseCycle, &Milestone)],
    host: &str,
) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    // The events are written into the calendar's text as each is made, not pushed into
    // it: an event object is over a KB, tens of MB at a hundred times the archive.
    let empty = calendar.done().to_string();
    let mut text = empty
        .strip_suffix(CALENDAR_END)
        .expect("a calendar's text ends with its END line")
        .to_string();
    for d in deadlines {
        if let Some(date) = d.date {
            event(site, d, date, host)
                .fmt_write(&mut text)
                .expect("writing to a String never fails");
        }
    }
    for (cycle, m) in official {
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
