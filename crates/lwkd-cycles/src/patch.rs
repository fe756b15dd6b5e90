//! What a sentence says of the patch releases it names: out (and when), expected (and
//! when), or only named. Editions report patch releases in their Release Schedule section
//! ("Patch releases 1.26.2, 1.25.7 ... are out", "Patch release 1.15.1 will come out on July
//! 18th"); the upstream data has no patch dates, so these are the dates a release page shows.

use std::sync::LazyLock;

use chrono::{Duration, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::dates::calendar_dates;

/// What a sentence tells of the patch releases it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "news", rename_all = "lowercase")]
pub enum PatchNews {
    /// Said to be out, on `day` when the sentence gives it ("came out July 18th").
    Out { day: Option<NaiveDate> },
    /// Said to be coming, on `day` when the sentence gives it.
    Expected { day: Option<NaiveDate> },
    /// Named without either: the version a fix went into, the last of a minor.
    Named,
}

static OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:came|come|went|are|is|were|was)\s+out\b|\b(?:were|was|been|got|are|is|now)\s+(?:released|available|live|published|cut)\b|\breleased\s+(?:on|last|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)|\bare\s+(?:now\s+)?(?:available|live)\b|\bhas\s+been\s+(?:released|published)|\bshipped\b|\bupdate\s+your")
        .expect("valid regex")
});

static COMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwill\b|\bexpected\b|\bexpect\b|\bdue\b|\bscheduled\b|\bplanned\b|\bupcoming\b|\bcoming\b|\bsoon\b|\bnext\s+(?:week|month|patch)|\btarget(?:ed|ing)?\b|\bgoing\s+out\b|\bshould\s+(?:be\s+)?(?:out|released)")
        .expect("valid regex")
});

/// What `sentence`, from an edition dated `edition_date`, says of the patch releases it
/// names. A date counts only on the side of the edition its news allows: a release said to
/// be out on a day after the edition, or expected on a day more than a day before it, is
/// not that release's day (another date of the sentence, a cherry-pick deadline). Only dates
/// written with their day of the month count.
pub fn patch_news(sentence: &str, edition_date: NaiveDate) -> PatchNews {
    let coming = COMING.is_match(sentence);
    let out = OUT.is_match(sentence);
    let dates = calendar_dates(sentence, edition_date);
    let last_within = |range: std::ops::RangeInclusive<NaiveDate>| {
        dates.iter().rev().copied().find(|d| range.contains(d))
    };
    if coming {
        PatchNews::Expected {
            day: last_within(edition_date - Duration::days(1)..=edition_date + Duration::days(60)),
        }
    } else if out {
        PatchNews::Out {
            day: last_within(edition_date - Duration::days(45)..=edition_date + Duration::days(1)),
        }
    } else {
        PatchNews::Named
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Sentences of the archive's Release Schedule sections, with the news read by hand.
    #[test]
    fn archive_sentences() {
        let cases: &[(&str, NaiveDate, PatchNews)] = &[
            (
                "Patch release 1.15.1 came out July 18th, so if you've been waiting for that, you can now upgrade to version 1.15.",
                d(2019, 7, 21),
                PatchNews::Out { day: Some(d(2019, 7, 18)) },
            ),
            (
                "Patch release 1.15.1 will come out on July 18th, following the patch releases for the other branches that came out July 8th.",
                d(2019, 7, 14),
                PatchNews::Expected { day: Some(d(2019, 7, 18)) },
            ),
            (
                "The following patch releases have a cherry-pick deadline of Oct. 11th and expected release date of Oct 15th:  1.16.2, 1.15.5, 1.14.8 and 1.13.12.",
                d(2019, 9, 29),
                PatchNews::Expected { day: Some(d(2019, 10, 15)) },
            ),
            (
                "Patch releases 1.26.2, 1.25.7, 1.24.11, and 1.23.17, are out, together with some changes to patch releases.",
                d(2023, 3, 5),
                PatchNews::Out { day: None },
            ),
            (
                "Patch releases 1.27.3(yes, already), 1.26.6, 1.25.11, 1.24.15 came out last week.",
                d(2023, 6, 18),
                PatchNews::Out { day: None },
            ),
            (
                "The 1.14.1 patch release came out Monday with an assortment of bug fixes for the new version.",
                d(2019, 4, 14),
                PatchNews::Out { day: None },
            ),
            (
                "Kubernetes 1.10.1 patch release came out on Friday.",
                d(2018, 4, 15),
                PatchNews::Out { day: None },
            ),
            (
                "Patch release 1.16.1 is expected to be out on the 27th, mostly to fix AddHealthChecks and TokenCleaner.",
                d(2019, 9, 22),
                PatchNews::Expected { day: Some(d(2019, 9, 27)) },
            ),
            (
                "The 1.12.3 patch release will go out Nov. 26th.",
                d(2018, 11, 18),
                PatchNews::Expected { day: Some(d(2018, 11, 26)) },
            ),
            (
                "Version 1.23 is now **EOL**, and 1.23.17 was the last patch release for that version.",
                d(2023, 3, 19),
                PatchNews::Named,
            ),
        ];
        for (sentence, edition, news) in cases {
            assert_eq!(patch_news(sentence, *edition), *news, "{sentence}");
        }
    }
}
