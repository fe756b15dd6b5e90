//! Where pages are in the site: the site path of each KEP, SIG and release-cycle page,
//! for the pages themselves and for every link to them (chips, in-text links, lists).

use lwkd_taxonomy::{KepRef, ReleaseCycle, SigSlug};

pub fn kep_path(kep: KepRef) -> String {
    format!("/keps/{}/index.html", kep.0)
}

pub fn sig_path(sig: &SigSlug) -> String {
    format!("/sigs/{sig}/index.html")
}

pub fn release_path(cycle: ReleaseCycle) -> String {
    format!("/releases/{cycle}/index.html")
}
