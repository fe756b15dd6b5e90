//! What templates see: small serializable views over the site's data, so a template
//! context never carries more than the page needs.

use chrono::{Datelike, Month, NaiveDate};
use lwkd_config::SiteConfig;
use lwkd_content::{Edition, Heading};
use lwkd_taxonomy::Deadline;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub base_path: String,
    pub credit: Option<String>,
    /// The base URL as a `webcal://` URL, for calendar subscribe links; `None` when the
    /// base URL names no host (a site built for a path alone).
    pub webcal_base: Option<String>,
}

impl SiteView {
    pub fn new(config: &SiteConfig) -> Self {
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_string(),
            credit: config.credit.clone(),
            webcal_base: webcal_base(&config.base_url),
        }
    }

    /// A template context with what every page has: the site and the page's title.
    pub fn context(&self, title: &str) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", self);
        context.insert("page_title", title);
        context
    }
}

/// `https://lwkd.info/` as `webcal://lwkd.info/`: calendar apps subscribe to a `webcal:` link
/// (and fetch it over HTTPS) where an `https:` one would only download the file once.
fn webcal_base(base_url: &str) -> Option<String> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))?;
    Some(format!("webcal://{rest}"))
}

/// An edition in a list: enough to link to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditionLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date: NaiveDate,
    /// The year of its publication, and of its URL.
    pub year: i32,
    pub date_long: String,
    /// `Feb 9`, for compact lists under a year heading.
    pub date_short: String,
    /// The last day of the week the edition covers, as its title gives it (`Week Ending
    /// February 6, 2022`, published on the 9th): [`lwkd_content::week_ending`].
    pub week_ending: NaiveDate,
    /// `Feb 6`: what a list of titles that say "Week Ending" shows beside them.
    pub week_short: String,
}

impl<'a> EditionLink<'a> {
    pub fn new(e: &'a Edition) -> Self {
        let week_ending = lwkd_content::week_ending(&e.title, e.date);
        EditionLink {
            title: &e.title,
            url: &e.url,
            date: e.date,
            year: e.year(),
            date_long: long_date(e.date),
            date_short: short_date(e.date),
            week_ending,
            week_short: short_date(week_ending),
        }
    }
}

/// An edition page's own content.
#[derive(Debug, Clone, Serialize)]
pub struct EditionView<'a> {
    #[serde(flatten)]
    pub link: EditionLink<'a>,
    /// The Markdown file, relative to the content directory (`_posts/2018-02-04-update.md`):
    /// `lwkd check` reads it to tell on which line a broken link was written.
    pub source: String,
    pub html: &'a str,
    pub headings: &'a [Heading],
    /// The top-level headings, for the page's "In this edition" list.
    pub contents: Vec<&'a Heading>,
    pub front_matter: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

impl<'a> EditionView<'a> {
    /// The view without its HTML, which the page sets as it shows it (site paths under the
    /// base path); `source` is its Markdown file, relative to the content directory.
    pub fn new(e: &'a Edition, source: String) -> Self {
        EditionView {
            link: EditionLink::new(e),
            source,
            html: "",
            headings: &e.headings,
            contents: e
                .sections
                .iter()
                .filter_map(|s| s.heading.as_ref())
                .collect(),
            front_matter: &e.front_matter,
        }
    }
}

/// How an edition opens, for the home and year pages: its first section's first items as
/// plain text, shortened, and the headings of all its sections. Equal summaries show the
/// same, which is how `lwkd serve` tells that these pages need no new render.
#[derive(Debug, PartialEq, Serialize)]
pub struct EditionSummary<'a> {
    #[serde(flatten)]
    pub link: EditionLink<'a>,
    /// The heading the lead items sit under (`Developer News` in most editions).
    pub lead_heading: Option<HeadingLink<'a>>,
    pub lead: Vec<String>,
    pub contents: Vec<HeadingLink<'a>>,
}

/// A heading to link to. Not its source line: an edit above it moves that, and the pages
/// that list it stay the same.
#[derive(Debug, PartialEq, Serialize)]
pub struct HeadingLink<'a> {
    pub level: u8,
    pub text: &'a str,
    pub id: &'a str,
}

impl<'a> HeadingLink<'a> {
    fn new(h: &'a Heading) -> Self {
        HeadingLink {
            level: h.level,
            text: &h.text,
            id: &h.id,
        }
    }
}

impl<'a> EditionSummary<'a> {
    /// The summary with at most `items` lead items, each at most `chars` characters long.
    pub fn new(e: &'a Edition, items: usize, chars: usize) -> Self {
        let first = e.sections.iter().find(|s| !s.items.is_empty());
        EditionSummary {
            link: EditionLink::new(e),
            lead_heading: first.and_then(|s| s.heading.as_ref()).map(HeadingLink::new),
            lead: first
                .map(|s| {
                    s.items
                        .iter()
                        .filter(|i| !i.text.is_empty())
                        .take(items)
                        .map(|i| shorten(&i.text, chars))
                        .collect()
                })
                .unwrap_or_default(),
            contents: e
                .sections
                .iter()
                .filter_map(|s| s.heading.as_ref())
                .map(HeadingLink::new)
                .collect(),
        }
    }
}

/// A release cycle's dated deadlines on one time axis, for a chart drawn in CSS: each
/// deadline once (editions repeat "Next Deadline" lines for weeks), placed by its date, or
/// drawn across the week it was given as.
#[derive(Debug, Serialize)]
pub struct DeadlineChart {
    pub rows: Vec<ChartRow>,
    /// The first of each month in the range, for the axis.
    pub months: Vec<ChartTick>,
    /// Where the build day falls, when it is inside the range.
    pub today: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct ChartRow {
    pub name: String,
    /// Its day, or its week's Monday.
    pub date: NaiveDate,
    /// For a week: its Sunday.
    pub last: Option<NaiveDate>,
    pub date_long: String,
    /// `Mar 29`, or a week's `Apr 19–25`.
    pub date_short: String,
    /// Position on the axis, in percent of its width.
    pub at: f64,
    /// For a week: how much of the axis it covers, in percent.
    pub width: Option<f64>,
    pub past: bool,
    /// Where it was first announced.
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct ChartTick {
    pub label: String,
    pub at: f64,
}

/// The most month ticks a deadline chart's axis has before it ticks every few months.
const MAX_TICKS: u32 = 24;

impl DeadlineChart {
    /// The chart of `deadlines` seen on `today`; `None` when none of them has a day or a
    /// week.
    pub fn new(deadlines: &[Deadline], today: NaiveDate) -> Option<DeadlineChart> {
        let mut dated: Vec<((NaiveDate, NaiveDate), &Deadline)> = deadlines
            .iter()
            .filter_map(|d| Some((d.days()?, d)))
            .collect();
        // Stable: the first announcement of each deadline stays first.
        dated.sort_by_key(|(days, _)| *days);
        dated.dedup_by(|b, a| a.0 == b.0 && a.1.name.eq_ignore_ascii_case(&b.1.name));
        let first = dated.first()?.0 .0;
        let last = dated.iter().map(|((_, last), _)| *last).max()?;
        // A week either side keeps a lone deadline, and the ends, off the edges.
        let week = chrono::Days::new(7);
        let start = first.checked_sub_days(week).unwrap_or(first);
        let end = last.checked_add_days(week).unwrap_or(last);
        let span = ((end - start).num_days() as f64).max(1.0);
        let at =
            |date: NaiveDate| ((date - start).num_days() as f64 / span * 1000.0).round() / 10.0;
        // A cycle spans months, and has a tick each; a date typed years off (an edition dated
        // in the year 262142) must not give the page a tick for every month in between.
        let months_spanned = (end.year() - start.year()) as u32 * 12 + end.month() - start.month();
        let step = (months_spanned / MAX_TICKS).max(1);
        let label = if step == 1 { "%b" } else { "%b %Y" };
        let months = std::iter::successors(first.with_day(1), |m| {
            m.checked_add_months(chrono::Months::new(step))
        })
        .skip_while(|m| *m < start)
        .take_while(|m| *m <= end)
        .map(|m| ChartTick {
            label: m.format(label).to_string(),
            at: at(m),
        })
        .collect();
        Some(DeadlineChart {
            rows: dated
                .into_iter()
                .map(|((date, last), d)| {
                    let sunday = (last != date).then_some(last);
                    ChartRow {
                        name: d.name.clone(),
                        date,
                        last: sunday,
                        date_long: match sunday {
                            Some(_) => week_of(date),
                            None => long_date(date),
                        },
                        date_short: match sunday {
                            Some(last) if last.month() == date.month() => {
                                format!("{}–{}", short_date(date), last.day())
                            }
                            Some(last) => format!("{}–{}", short_date(date), short_date(last)),
                            None => short_date(date),
                        },
                        at: at(date),
                        width: sunday.map(|last| ((at(last) - at(date)) * 10.0).round() / 10.0),
                        past: last < today,
                        href: d.mention.href(),
                    }
                })
                .collect(),
            months,
            today: (start..=end).contains(&today).then(|| at(today)),
        })
    }
}

/// The day of the build, which decides what is past and what is next: today, or the day of
/// `SOURCE_DATE_EPOCH` (seconds since 1970) for a reproducible build.
pub fn build_day() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now)
        .date_naive()
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let Some((end, next)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let cut = &text[..end];
    let at_word = if next.is_whitespace() {
        cut
    } else {
        cut.rfind(char::is_whitespace)
            .filter(|&i| i > end / 2)
            .map_or(cut, |i| &cut[..i])
    };
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_whitespace() || ",:;".contains(c))
    )
}

/// `Week of April 19, 2021`: a week given instead of a day, by its Monday.
pub fn week_of(monday: NaiveDate) -> String {
    format!("Week of {}", long_date(monday))
}

/// `February 9, 2022`, as LWKD titles write dates: chrono's `%B %-d, %Y` without parsing
/// the pattern again for each of the thousands of dates pages show (`lwkd serve` keys every
/// page at each save).
pub fn long_date(date: NaiveDate) -> String {
    let year = date.year();
    // `%Y`: four digits at least, and a sign outside years 0 to 9999.
    let year = match year {
        0..=9999 => format!("{year:04}"),
        _ => format!("{year:+05}"),
    };
    format!("{} {}, {year}", month_name(date), date.day())
}

/// `Feb 9`: chrono's `%b %-d`, as [`long_date`].
pub fn short_date(date: NaiveDate) -> String {
    format!("{} {}", &month_name(date)[..3], date.day())
}

/// `February`.
fn month_name(date: NaiveDate) -> &'static str {
    let month = u8::try_from(date.month()).ok();
    let month = month.and_then(|m| Month::try_from(m).ok());
    month.expect("a date's month is 1 to 12").name()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lwkd_content::SectionKind;
    use lwkd_taxonomy::Mention;

    /// The dates as chrono writes them, every day of a few years and at the ends of the
    /// calendar (an edition can be dated in the year 262142).
    #[test]
    fn dates_read_as_chrono_writes_them() {
        let days = [-1, 0, 1, 800, 2018, 2024, 9999, 10000, 262142]
            .into_iter()
            .flat_map(|year| NaiveDate::from_ymd_opt(year, 1, 1))
            .flat_map(|first| first.iter_days().take(366));
        for day in days.chain([NaiveDate::MIN, NaiveDate::MAX]) {
            assert_eq!(long_date(day), day.format("%B %-d, %Y").to_string());
            assert_eq!(short_date(day), day.format("%b %-d").to_string());
        }
    }

    fn deadline(name: &str, date: &str, edition: &str) -> Deadline {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        let mention = Mention {
            edition: edition.into(),
            edition_date: NaiveDate::from_ymd_opt(2022, 2, 9).unwrap(),
            section: SectionKind::ReleaseSchedule,
            anchor: Some("release-schedule".into()),
            line: 12,
            text: format!("Next Deadline: {name}").into(),
        };
        Deadline {
            release: None,
            ..Deadline::announced(name.to_string(), date, mention)
        }
    }

    #[test]
    fn the_deadline_chart_places_each_deadline_once_by_date() {
        let deadlines = [
            deadline("Exceptions due", "2022-03-21", "/2022/20220209.html"),
            deadline("Exceptions due", "2022-03-21", "/2022/20220223.html"),
            deadline("Code Freeze", "2022-03-29", "/2022/20220322.html"),
            deadline("Release", "2022-04-19", "/2022/20220412.html"),
            deadline("Docs", "", "/2022/20220412.html"),
        ];
        let today = NaiveDate::from_ymd_opt(2022, 3, 25).unwrap();
        let chart = DeadlineChart::new(&deadlines, today).unwrap();
        let names: Vec<&str> = chart.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["Exceptions due", "Code Freeze", "Release"],
            "repeated and undated deadlines drop out"
        );
        assert_eq!(
            chart.rows[0].href, "/2022/20220209.html#release-schedule",
            "the first announcement"
        );
        // 2022-03-14 .. 2022-04-26 is 43 days: a week in is 7/43 of the axis.
        let at: Vec<f64> = chart.rows.iter().map(|r| r.at).collect();
        assert_eq!(at, [16.3, 34.9, 83.7]);
        assert_eq!(
            chart.rows.iter().map(|r| r.past).collect::<Vec<_>>(),
            [true, false, false]
        );
        assert_eq!(
            chart
                .months
                .iter()
                .map(|m| (m.label.as_str(), m.at))
                .collect::<Vec<_>>(),
            [("Apr", 41.9)]
        );
        assert_eq!(chart.today, Some(25.6));
        assert!(
            DeadlineChart::new(&deadlines[4..], today).is_none(),
            "nothing to chart without dates"
        );
    }

    /// A deadline given as `this week` in an edition of Wednesday 9th February 2022: drawn
    /// from Monday the 7th to Sunday the 13th, and past only after the Sunday.
    #[test]
    fn the_deadline_chart_draws_a_week_across_its_days() {
        let deadlines = [
            deadline("Enhancements Freeze", "2022-02-21", "/2022/20220209.html"),
            deadline("Docs this week", "", "/2022/20220209.html"),
        ];
        let on = |day| NaiveDate::from_ymd_opt(2022, 2, day).unwrap();
        let chart = DeadlineChart::new(&deadlines, on(13)).unwrap();
        let week = &chart.rows[0];
        assert_eq!(
            (week.name.as_str(), week.date, week.last),
            ("Docs this week", on(7), Some(on(13)))
        );
        assert_eq!(
            (week.date_short.as_str(), week.date_long.as_str()),
            ("Feb 7–13", "Week of February 7, 2022")
        );
        // 2022-01-31 .. 2022-02-28 is 28 days: the week starts a quarter in and covers 6/28.
        assert_eq!((week.at, week.width), (25.0, Some(21.4)));
        assert!(!week.past, "its Sunday is the chart's day");
        assert_eq!(chart.rows[1].width, None, "a day is a dot");
        assert!(DeadlineChart::new(&deadlines, on(14)).unwrap().rows[0].past);
    }

    #[test]
    fn a_deadline_years_off_gives_the_chart_few_ticks() {
        let deadlines = [
            deadline("Code Freeze", "2022-03-29", "/2022/20220322.html"),
            deadline("Release", "+262142-12-20", "/2022/20220412.html"),
        ];
        let today = NaiveDate::from_ymd_opt(2022, 3, 25).unwrap();
        let chart = DeadlineChart::new(&deadlines, today).unwrap();
        assert!(
            (20..=MAX_TICKS as usize + 1).contains(&chart.months.len()),
            "{} ticks",
            chart.months.len()
        );
        assert!(
            chart.months.iter().all(|m| m.label.contains(' ')),
            "ticks months apart name the year too"
        );
        assert_eq!(chart.rows.len(), 2);
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(
            shorten("SIG Node graduated the sidecar containers, finally", 30),
            "SIG Node graduated the sidecar…"
        );
        assert_eq!(
            shorten("SIG Node graduated the sidecar containers, finally", 34),
            "SIG Node graduated the sidecar…"
        );
        assert_eq!(
            shorten("überlange Wörter äöü überall hier", 12),
            "überlange…"
        );
    }
}
