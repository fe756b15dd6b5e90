//! `lwkd new`: the next edition's file, from the theme's `edition.md`, as the LWKD editors'
//! script writes it from `template.md`.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};
use lwkd_config::SiteConfig;
use lwkd_theme::{ThemeFiles, EDITION_TEMPLATE};

use lwkd_render::{describe_tera, long_date};

/// Why no edition was written.
#[derive(Debug, thiserror::Error)]
pub enum NewEditionError {
    #[error(
        "{0}: an edition for this week already exists; edit it, or pass --date for another week"
    )]
    Exists(PathBuf),
    #[error("{}: cannot read the theme: {source}", theme_dir.display())]
    Theme {
        theme_dir: PathBuf,
        source: std::io::Error,
    },
    #[error("{location}: cannot read the theme's edition template: {source}")]
    TemplateRead {
        location: String,
        source: std::io::Error,
    },
    #[error("{location}: {}", describe_tera(source))]
    Template {
        location: String,
        source: tera::Error,
    },
    #[error("{path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The Sunday the week of `day` ends on, the date LWKD names an edition for: `day` itself
/// on a Sunday. `None` past the last Sunday a date can hold (year 262142).
pub fn week_ending(day: NaiveDate) -> Option<NaiveDate> {
    day.checked_add_days(Days::new(u64::from(
        6 - day.weekday().num_days_from_monday(),
    )))
}

/// What `lwkd new` wrote.
pub struct NewEdition {
    pub path: PathBuf,
    /// Why the Release Schedule names no deadline, when it does not.
    pub no_deadline: Option<NoDeadline>,
}

/// Why `lwkd new` names no deadline.
#[derive(Debug, thiserror::Error)]
pub enum NoDeadline {
    #[error("no release schedules to read; pass --upstream DIR (holding sig-release/) or set [upstream] in site.toml")]
    NoSchedules,
    #[error("{}: no release schedules found", .0.display())]
    NoneFound(PathBuf),
    #[error("{0}")]
    Unreadable(lwkd_upstream::Warning),
    #[error("{}: no official deadline after {after} in the schedules read; update the checkout", dir.display())]
    NoneAfter { dir: PathBuf, after: NaiveDate },
}

/// The Release Schedule as the edition template shows it: `**Next Deadline: Code Freeze,
/// November 6**` and the cycle whose schedule lists it.
#[derive(serde::Serialize)]
struct NextDeadline {
    cycle: String,
    name: String,
    /// `November 6`, as the editors write it.
    date: String,
}

/// The first official deadline after the week ends, from sig-release's schedules, or why
/// there is none to name.
fn next_deadline(config: &SiteConfig, sunday: NaiveDate) -> Result<NextDeadline, NoDeadline> {
    let Some(dir) = &config.upstream.sig_release else {
        return Err(NoDeadline::NoSchedules);
    };
    let (schedules, warnings) = lwkd_upstream::read_schedules(dir);
    if schedules.is_empty() {
        return Err(match warnings.into_iter().next() {
            Some(warning) => NoDeadline::Unreadable(warning),
            None => NoDeadline::NoneFound(dir.clone()),
        });
    }
    let (cycle, milestone) =
        lwkd_cycles::next_official_deadline(&schedules, sunday).ok_or_else(|| {
            NoDeadline::NoneAfter {
                dir: dir.clone(),
                after: sunday,
            }
        })?;
    Ok(NextDeadline {
        cycle: cycle.to_string(),
        name: lwkd_cycles::deadline_name(milestone.kind, Some(cycle))
            .expect("next_official_deadline picks named milestones"),
        date: milestone.date.format("%B %-d").to_string(),
    })
}

/// Writes the edition for the week ending `sunday` into the content directory (its
/// `_posts/` when it is a Jekyll site root), its Release Schedule naming the next official
/// deadline when the release schedules are at hand. Never overwrites.
pub fn write_new_edition(
    config: &SiteConfig,
    sunday: NaiveDate,
) -> Result<NewEdition, NewEditionError> {
    let theme =
        ThemeFiles::overlaid(&config.theme_dir).map_err(|source| NewEditionError::Theme {
            theme_dir: config.theme_dir.clone(),
            source,
        })?;
    let file = theme
        .get(EDITION_TEMPLATE)
        .expect("the built-in theme has an edition template");
    let template = file
        .read_to_string()
        .map_err(|source| NewEditionError::TemplateRead {
            location: file.location(),
            source,
        })?;
    let slug = format!("{}-update", sunday.format("%Y-%m-%d"));
    let mut context = tera::Context::new();
    context.insert("title", &format!("Week Ending {}", long_date(sunday)));
    context.insert("date", &sunday.format("%Y-%m-%d").to_string());
    context.insert("slug", &slug);
    let next_deadline = next_deadline(config, sunday);
    if let Ok(next) = &next_deadline {
        context.insert("next_deadline", next);
    }
    let text = tera::Tera::one_off(&template, &context, false).map_err(|source| {
        NewEditionError::Template {
            location: file.location(),
            source,
        }
    })?;

    let dir = posts_dir(&config.content_dir);
    let path = dir.join(format!("{slug}.md"));
    let write_err = |source| NewEditionError::Write {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(write_err)?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewEditionError::Exists(path))
        }
        Err(e) => return Err(write_err(e)),
    };
    file.write_all(text.as_bytes()).map_err(write_err)?;
    Ok(NewEdition {
        path,
        no_deadline: next_deadline.err(),
    })
}

fn posts_dir(content_dir: &Path) -> PathBuf {
    let posts = content_dir.join("_posts");
    if posts.is_dir() {
        posts
    } else {
        content_dir.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_end_on_sunday() {
        assert_eq!(
            week_ending(day("2026-03-15")),
            Some(day("2026-03-15")),
            "a Sunday is its own week's end"
        );
        assert_eq!(
            week_ending(day("2026-03-16")),
            Some(day("2026-03-22")),
            "Monday"
        );
        assert_eq!(
            week_ending(day("2026-03-18")),
            Some(day("2026-03-22")),
            "Wednesday"
        );
        assert_eq!(
            week_ending(day("2026-12-30")),
            Some(day("2027-01-03")),
            "over the year's end"
        );
        assert_eq!(
            week_ending(NaiveDate::MAX),
            None,
            "no Sunday after the last date"
        );
    }
}
