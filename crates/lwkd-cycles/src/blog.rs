//! Release announcements on the Kubernetes blog, as editions link them: the upstream data
//! has no blog URLs, and guessing one from a version fails (1.19's is
//! `kubernetes-release-1.19-accentuate-the-paw-sitive`, 1.25's `kubernetes-v1-25-release`).

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::ReleaseCycle;

/// An edition's link to the blog post announcing a minor release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseAnnouncement {
    pub cycle: ReleaseCycle,
    pub url: String,
}

/// `[text](url)` in Markdown.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\]]*)\]\((https?://(?:blog\.)?kubernetes\.io/[^)\s]+)\)")
        .expect("valid regex")
});

/// A blog post's path: `/blog/2024/04/17/<slug>/`, or 2018's `blog.kubernetes.io/2018/03/<slug>.html`.
static POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^https?://(?:blog\.kubernetes\.io|kubernetes\.io/blog)/20\d\d/\d\d/(?:\d\d/)?([^/?#]+)",
    )
    .expect("valid regex")
});

/// The slugs of release announcements: `kubernetes-v1-30-release`, `kubernetes-1-24-release-announcement`,
/// `kubernetes-release-1.19-...`; or any `kubernetes-1.10-...` post linked as "released".
static ANNOUNCEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^kubernetes-(?:v?1[-.](\d{1,3})-release\b|release-1[-.](\d{1,3})\b)")
        .expect("valid regex")
});
static VERSIONED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^kubernetes-v?1[-.](\d{1,3})-").expect("valid regex"));

/// The release announcements `markdown` links to, with the minor each announces.
pub fn release_announcements(markdown: &str) -> Vec<ReleaseAnnouncement> {
    LINK.captures_iter(markdown)
        .filter_map(|link| {
            let text = link.get(1)?.as_str();
            let url = link.get(2)?.as_str();
            let slug = POST.captures(url)?.get(1)?.as_str();
            let minor = match ANNOUNCEMENT.captures(slug) {
                Some(caps) => caps.get(1).or(caps.get(2))?.as_str(),
                None if text.to_lowercase().contains("released") => {
                    VERSIONED.captures(slug)?.get(1)?.as_str()
                }
                None => return None,
            };
            Some(ReleaseAnnouncement {
                cycle: ReleaseCycle::new(1, minor.parse().ok()?),
                url: url.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Links as the archive writes them, read by hand.
    #[test]
    fn archive_links() {
        let cases: &[(&str, Option<(u16, &str)>)] = &[
            (
                "1.10 [has been released](https://blog.kubernetes.io/2018/03/kubernetes-1.10-stabilizing-storage-security-networking.html).",
                Some((10, "https://blog.kubernetes.io/2018/03/kubernetes-1.10-stabilizing-storage-security-networking.html")),
            ),
            (
                "[Kubernetes 1.19](https://kubernetes.io/blog/2020/08/26/kubernetes-release-1.19-accentuate-the-paw-sitive/) is out",
                Some((19, "https://kubernetes.io/blog/2020/08/26/kubernetes-release-1.19-accentuate-the-paw-sitive/")),
            ),
            (
                "read the [release announcement](https://kubernetes.io/blog/2022/05/03/kubernetes-1-24-release-announcement/)",
                Some((24, "https://kubernetes.io/blog/2022/05/03/kubernetes-1-24-release-announcement/")),
            ),
            (
                "[v1.30](https://kubernetes.io/blog/2024/04/17/kubernetes-v1-30-release/)",
                Some((30, "https://kubernetes.io/blog/2024/04/17/kubernetes-v1-30-release/")),
            ),
            ("[upcoming changes](https://kubernetes.io/blog/2024/03/12/kubernetes-1-30-upcoming-changes/)", None),
            ("[deprecations](https://kubernetes.io/blog/2022/11/18/upcoming-changes-in-kubernetes-1-26/)", None),
            ("[release notes](https://github.com/kubernetes/kubernetes/releases/tag/v1.30.0)", None),
        ];
        for (markdown, want) in cases {
            let got: Vec<(u16, String)> = release_announcements(markdown)
                .into_iter()
                .map(|a| (a.cycle.minor, a.url))
                .collect();
            let want: Vec<(u16, String)> = want.iter().map(|&(m, u)| (m, u.to_string())).collect();
            assert_eq!(got, want, "{markdown}");
        }
    }
}
