//! Kubernetes release cycles (`1.24`) and the version numbers that name them: `1.24`,
//! `v1.24`, `release-1.24`, `1.24.0-alpha.1`, `1.29rc2`; and patch releases (`1.23.4`).

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A minor release and the cycle that develops it: `1.24`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReleaseCycle {
    pub major: u16,
    pub minor: u16,
}

impl ReleaseCycle {
    pub fn new(major: u16, minor: u16) -> Self {
        ReleaseCycle { major, minor }
    }

    /// The cycle after; the last minor a `u16` holds (a kep.yaml may say `v1.65535`) is its
    /// own next rather than an overflow.
    pub fn next(self) -> Self {
        ReleaseCycle {
            major: self.major,
            minor: self.minor.saturating_add(1),
        }
    }
}

impl fmt::Display for ReleaseCycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The cycle that ships a release kep.yaml names.
impl From<lwkd_upstream::Minor> for ReleaseCycle {
    fn from(m: lwkd_upstream::Minor) -> Self {
        ReleaseCycle::new(m.major, m.minor)
    }
}

/// `1.24` as data, the way the contract's JSON writes versions.
impl Serialize for ReleaseCycle {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReleaseCycle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Text that names no release cycle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a release cycle like 1.24")]
pub struct NotACycle(String);

impl FromStr for ReleaseCycle {
    type Err = NotACycle;

    /// `1.24`, `v1.24`, `release-1.24`.
    fn from_str(s: &str) -> Result<Self, NotACycle> {
        // The form caches and data files hold (`1.24`), read without the regex: a warm build
        // decodes thousands and would otherwise compile it for them alone.
        let bare = s
            .strip_prefix('v')
            .or_else(|| s.strip_prefix("release-"))
            .unwrap_or(s);
        let minor = bare
            .strip_prefix("1.")
            .filter(|m| (1..=4).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_digit()));
        if let Some(Ok(minor)) = minor.map(str::parse) {
            return Ok(ReleaseCycle::new(1, minor));
        }
        match versions(s).as_slice() {
            [Version::Minor(cycle)] => Ok(*cycle),
            _ => Err(NotACycle(s.into())),
        }
    }
}

/// A version number written in an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// The minor release or its cycle: `1.24`, `1.24.0`, `1.24.0-beta.0`.
    Minor(ReleaseCycle),
    /// A patch release of a released minor: `1.23.4`.
    Patch(ReleaseCycle, u16),
}

/// Kubernetes versions only: major 1, preceded by nothing word-like (so `go1.22` is not one).
/// Minors have up to four digits: the archive's have two, but 1.100 comes about 2047, and a
/// synthetic archive a hundred times this one counts to 1.2422; an archive that outlives a
/// width must not file every later edition under its last cycle (1.99). Only the letters
/// ignore case: `(?i)` over the whole pattern folds Unicode `\w` too, and took 1-2 ms to
/// compile, in every build.
static VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\w.])(?i:v|release-)?1\.(\d{1,4})(?:\.(\d{1,2}))?(-?\.?(?i:alpha|beta|rc)\.?\d*)?",
    )
    .expect("valid regex")
});

pub fn versions(text: &str) -> Vec<Version> {
    let mut out = Vec::new();
    // Every version has `1.`: most items have none, and this scan costs far less than the regex.
    if !text.contains("1.") {
        return out;
    }
    for caps in VERSION.captures_iter(text) {
        let end = caps.get(0).expect("match").end();
        let rest = &text.as_bytes()[end..];
        // `1.2.3.4` or `1.24500` are something else.
        if rest.first().is_some_and(u8::is_ascii_digit)
            || (rest.first() == Some(&b'.') && rest.get(1).is_some_and(u8::is_ascii_digit))
        {
            continue;
        }
        let Ok(minor) = caps[1].parse() else { continue };
        let cycle = ReleaseCycle::new(1, minor);
        let patch = caps
            .get(2)
            .and_then(|p| p.as_str().parse::<u16>().ok())
            .unwrap_or(0);
        out.push(if patch > 0 && caps.get(3).is_none() {
            Version::Patch(cycle, patch)
        } else {
            Version::Minor(cycle)
        });
    }
    out
}

/// `Kubernetes 1.25 has been released`, `v1.31 is out`, `1.12 is released`: a minor that
/// shipped (pre-releases and patch releases do not count).
static SHIPPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\w.])(?:v|kubernetes\s+)?1\.(\d{1,4})(?:\.0)?\s+(?:(?:has\s+been\s+|was\s+|is\s+(?:now\s+)?)?(?:released|shipped)|(?:is|was)\s+(?:now\s+)?out)\b")
        .expect("valid regex")
});

/// The newest minor `text` says has shipped.
pub fn shipped_cycle(text: &str) -> Option<ReleaseCycle> {
    SHIPPED
        .captures_iter(text)
        .filter(|c| {
            // `until 1.26 is released` is still to come; `the call for v1.31 is out` is not a release.
            let before = text[..c.get(0).expect("match").start()]
                .split_whitespace()
                .next_back()
                .unwrap_or("");
            ![
                "until", "till", "before", "when", "once", "after", "if", "for", "of",
            ]
            .contains(&before.to_lowercase().as_str())
        })
        .filter_map(|c| Some(ReleaseCycle::new(1, c[1].parse().ok()?)))
        .max()
}

/// `We have begun the 1.15 release cycle!`, `The 1.19 release cycle has officially started`,
/// `We are now officially in the 1.28 cycle`, `Kubernetes 1.35 release cycle kicks off on Sept 15`.
static BEGUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:begun|started|entered|officially\s+in)\s+the\s+v?1\.(\d{1,4})\s+(?:release\s+)?cycle\b",
        r"|\bv?1\.(\d{1,4})\s+(?:release\s+)?cycle\s+(?:has\s+(?:officially\s+)?(?:begun|started|kicked\s+off)|began|kicks\s+off|is\s+(?:now\s+)?underway)",
        r"|\brelease\s+cycle\s+for\s+v?1\.(\d{1,4})\s+has\s+(?:officially\s+)?(?:begun|started)",
    ))
    .expect("valid regex")
});

/// The newest cycle `text` says has begun (or begins with it, for a heading such as
/// `v1.37 Release Cycle Kicks Off`).
pub fn begun_cycle(text: &str) -> Option<ReleaseCycle> {
    BEGUN
        .captures_iter(text)
        .filter_map(|c| (1..=3).find_map(|i| c.get(i))?.as_str().parse().ok())
        .map(|minor| ReleaseCycle::new(1, minor))
        .max()
}

/// The newest cycle `text` names as a minor (patch releases of older minors do not count).
pub fn newest_cycle(text: &str) -> Option<ReleaseCycle> {
    versions(text)
        .into_iter()
        .filter_map(|v| {
            if let Version::Minor(c) = v {
                Some(c)
            } else {
                None
            }
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(minor: u16) -> ReleaseCycle {
        ReleaseCycle::new(1, minor)
    }

    #[test]
    fn cycle_spellings() {
        for s in ["1.24", "v1.24", "release-1.24"] {
            assert_eq!(s.parse::<ReleaseCycle>(), Ok(c(24)), "{s}");
        }
        assert!("go1.24".parse::<ReleaseCycle>().is_err());
        assert!(c(9) < c(10), "cycles order numerically");
        assert_eq!(c(24).to_string(), "1.24");
    }

    /// The short way `from_str` reads the usual spellings gives what the version scan gives.
    #[test]
    fn cycles_read_without_the_scan_as_with_it() {
        let scanned = |s: &str| match versions(s).as_slice() {
            [Version::Minor(cycle)] => Some(*cycle),
            _ => None,
        };
        for minor in [
            "0", "7", "24", "024", "100", "9999", "65535", "99999", "", "2a",
        ] {
            for prefix in ["", "v", "release-", "V", "x"] {
                let s = format!("{prefix}1.{minor}");
                assert_eq!(s.parse::<ReleaseCycle>().ok(), scanned(&s), "{s}");
            }
        }
    }

    #[test]
    fn versions_in_text() {
        assert_eq!(
            versions("1.10 has been released. Patches 1.9.6, 1.8.10; 1.12.0-alpha.1, 1.17.beta0, 1.29rc2, v1.31.0 and [x](.../release-1.14#freeze)"),
            [
                Version::Minor(c(10)),
                Version::Patch(c(9), 6),
                Version::Patch(c(8), 10),
                Version::Minor(c(12)),
                Version::Minor(c(17)),
                Version::Minor(c(29)),
                Version::Minor(c(31)),
                Version::Minor(c(14)),
            ]
        );
        assert!(versions("Go 1.22 is go1.22.3; etcd 3.5.1; 1.2.3.4")
            .iter()
            .all(|v| *v == Version::Minor(c(22))));
        assert_eq!(
            versions("1.99 then v1.100, 1.101.2 and 1.2422; not 1.24500"),
            [
                Version::Minor(c(99)),
                Version::Minor(c(100)),
                Version::Patch(c(101), 2),
                Version::Minor(c(2422))
            ]
        );
        assert_eq!(
            newest_cycle("downgrade from 1.10 to 1.9; 1.11.2 patch; Release 1.11"),
            Some(c(11))
        );
    }

    #[test]
    fn begun_cycles() {
        // Real lines of the archive's Release Schedule sections.
        assert_eq!(
            begun_cycle("We have begun the 1.15 release cycle!  Thanks to Test-Infra improvements"),
            Some(c(15))
        );
        assert_eq!(
            begun_cycle("The 1.19 release cycle has officially started, and has a schedule."),
            Some(c(19))
        );
        assert_eq!(
            begun_cycle("We are now officially in the 1.28 cycle, and Release Lead Grace Nguyen"),
            Some(c(28))
        );
        assert_eq!(
            begun_cycle("The Release Cycle for 1.34 has started, and the release team"),
            Some(c(34))
        );
        assert_eq!(begun_cycle("Kubernetes 1.35 release cycle kicks off on Sept 15, targeting final release on Dec 17, 2025"), Some(c(35)));
        assert_eq!(
            begun_cycle("v1.37 Release Cycle Kicks Off, 18th May"),
            Some(c(37))
        );
        assert_eq!(
            begun_cycle(
                "The 1.14 cycle has not begun yet, and the 1.14 team is still being selected."
            ),
            None
        );
        assert_eq!(begun_cycle("We're in the final week of the v1.32 cycle and are one week away from the release date."), None);
    }

    #[test]
    fn shipped_minors() {
        assert_eq!(
            shipped_cycle("Kubernetes 1.25 has been released! 1.9 was released too"),
            Some(c(25))
        );
        assert_eq!(
            shipped_cycle("v1.31 is out, 1.12 is released, 1.14 is now out"),
            Some(c(31))
        );
        assert_eq!(
            shipped_cycle("Kubernetes 1.100 has been released"),
            Some(c(100))
        );
        assert_eq!(
            shipped_cycle(
                "v1.19.0-rc.1 is out; 1.19.1 released; wait for 1.20; get 1.27 out the door"
            ),
            None
        );
        assert_eq!(
            shipped_cycle("urgent until 1.26 is released. The call for v1.31 is out!"),
            None
        );
    }
}
