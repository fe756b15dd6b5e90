//! `/deadlines.ics`: every dated release deadline as an all-day iCalendar event, written
//! with the `icalendar` crate. A deadline without a cycle has no place in it; the index
//! gives every deadline one as soon as the archive names any cycle.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};
use lwkd_taxonomy::Deadline;

use crate::error::BuildError;
use crate::output::OutputFile;
use crate::renderer::{EditionChanges, Partial, Renderer};
use crate::site::Site;

pub struct DeadlineCalendar;

/// The last line of a calendar's text.
const CALENDAR_END: &str = "END:VCALENDAR\r\n";

/// A UID that stays the same from build to build, so calendar apps update events instead
/// of duplicating them: cycle, date and name (a deadline repeated by several editions is
/// one event), and the site's host.
fn uid(deadline: &Deadline, date: NaiveDate, host: &str) -> String {
    let name: String = deadline
        .name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let cycle = deadline.release.map_or("none".to_string(), |c| c.to_string());
    format!("{cycle}-{date}-{name}@{host}")
}

fn event(site: &Site, deadline: &Deadline, date: NaiveDate, host: &str) -> icalendar::Event {
    let summary = match deadline.release {
        Some(cycle) => format!("Kubernetes {cycle}: {}", deadline.name),
        None => deadline.name.clone(),
    };
    // Stamped with the announcing edition's date, not the build time: the file changes
    // only when the deadlines do.
    let stamp = Utc.from_utc_datetime(&deadline.mention.edition_date.and_time(chrono::NaiveTime::MIN));
    icalendar::Event::new()
        .uid(&uid(deadline, date, host))
        .timestamp(stamp)
        .summary(&summary)
        .description(&deadline.mention.text)
        .url(&site.config.absolute_url(&deadline.mention.href()))
        .starts(date)
        .ends(date.succ_opt().unwrap_or(date))
        .done()
}

impl Renderer for DeadlineCalendar {
    fn name(&self) -> &'static str {
        "calendar"
    }

    /// It follows the index only: nothing to do when the index did not change.
    fn render_changed(&self, _site: &Site, changes: &EditionChanges) -> Option<Result<Partial, BuildError>> {
        (!changes.index).then(|| Ok(Partial { files: Vec::new(), paths: None }))
    }

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        let base = &site.config.base_url;
        let host = base.split("://").nth(1).unwrap_or(base).split('/').next().unwrap_or("lwkd");
        let mut calendar = Calendar::new();
        calendar.name(&format!("{}: Kubernetes release deadlines", site.config.title));
        // The events are written into the calendar's text as each is made, not pushed into
        // it: an event object is over a KB, tens of MB at a hundred times the archive.
        let empty = calendar.done().to_string();
        let mut text = empty.strip_suffix(CALENDAR_END).expect("a calendar's text ends with its END line").to_string();
        // Each cycle lists a deadline once, however many editions repeated it.
        for d in site.taxonomy.releases.values().flat_map(|r| &r.deadlines) {
            if let Some(date) = d.date {
                event(site, d, date, host).fmt_write(&mut text).expect("writing to a String never fails");
            }
        }
        text.push_str(CALENDAR_END);
        Ok(vec![OutputFile::bytes("deadlines.ics", text)])
    }
}
