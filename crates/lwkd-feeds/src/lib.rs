//! `lwkd-feeds` holds the outputs readers subscribe to, each a [`lwkd_render::Renderer`]:
//! [`AtomFeed`], the site's Atom feed of whole editions and one per KEP and per SIG of the
//! sections that mention it; and [`DeadlineCalendar`], the release deadlines as iCalendar
//! files, site-wide and per cycle. `lwkd-outputs` lists them with the other outputs.

mod calendar;
mod feed;

pub use calendar::DeadlineCalendar;
pub use feed::AtomFeed;
