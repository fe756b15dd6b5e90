//! `lwkd-cycles` owns what LWKD editions say about the release calendar: release cycles and
//! the version numbers that name them ([`ReleaseCycle`], [`versions`]), the deadlines an
//! edition's Release Schedule section announces ([`Deadline`], read from a line or a
//! paragraph and resolved against the edition's date), and how each compares with the
//! official schedule kubernetes/sig-release publishes ([`OfficialDate`],
//! [`OfficialSchedule`]). A [`Mention`] says where in an edition something was said.
//!
//! It reads text and writes nothing; `lwkd-taxonomy` runs it over every edition and files
//! the deadlines under their cycles.

mod blog;
mod dates;
mod deadline;
mod mention;
mod official;
mod patch;
mod release;

pub use blog::{release_announcements, ReleaseAnnouncement};
pub use deadline::{
    announced_deadlines, deadline_line, is_release_day, merge_repeats, named_cycle, read_deadlines,
    Announced, Deadline, LineForm, OfficialDate,
};
pub use mention::Mention;
pub use official::{
    deadline_name, milestone_kind, milestone_name, next_official_deadline, official_date,
    schedule_of, OfficialSchedule,
};
pub use patch::{patch_news, PatchNews};
pub use release::{
    begun_cycle, newest_cycle, shipped_cycle, versions, NotACycle, ReleaseCycle, Version,
};
