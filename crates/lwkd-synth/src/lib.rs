//! `lwkd-synth` writes synthetic LWKD archives of any size, for scale benchmarks.
//!
//! The editions look like the real archive to the loader and the indexer: the same front
//! matter, the same sections in the same order and about as often, setext headings in some
//! 2018 editions, KEPs written as `KEP-3136`, `KEP 3136`, `enhancements#3137`, issue links and
//! `keps/sig-node/3136-.../README.md` links, SIGs as `SIG Node`, `SIG-Node`, `sig-node`,
//! `SIG Arch`, and "Next Deadline" lines in each of the archive's wordings; their sizes
//! follow the archive's size distribution, and as many editions name about as many KEPs,
//! as often, as the archive does. The text is made up from a word list.
//!
//! Output is a pure function of the seed and the edition's number: edition `i` has its
//! own ChaCha8 stream, so an archive of 100x holds the archive of 10x as its first part,
//! and editions can be written in parallel.

mod text;

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use text::Writer;

/// One synthetic edition: its file name under `_posts/` and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthEdition {
    pub file_name: String,
    pub text: String,
}

/// The Sunday the real archive starts on; synthetic edition `i` ends the week `i` weeks later.
fn week_ending(index: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 1, 14).expect("valid date") + Duration::weeks(index as i64)
}

/// Edition `index` of the archive made from `seed`.
pub fn edition(seed: u64, index: usize) -> SynthEdition {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(index as u64);
    let week = week_ending(index);
    let mut w = Writer::new(rng, index);
    let body = w.body(week);

    let title = format!("Week Ending {}", week.format("%B %-d, %Y"));
    let slug = format!("{}-update", week.format("%Y-%m-%d"));
    let mut front = format!("---\nlayout: post\ntitle: {title}\n");
    // Six early 2018 editions of the real archive have no `date`: the file name's stands.
    if !(week.year() == 2018 && w.rng.random_bool(0.15)) {
        let published = week + Duration::days(w.rng.random_range(1..=3));
        let (hour, minute) = (w.rng.random_range(0..24), w.rng.random_range(0..60));
        front.push_str(&format!(
            "date: {} {hour:02}:{minute:02}:00 -0000\n",
            published.format("%Y-%m-%d")
        ));
    }
    front.push_str(&format!("slug: {slug}\n---\n\n"));
    SynthEdition {
        file_name: format!("{slug}.md"),
        text: front + &body,
    }
}

/// What [`write_site`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub posts_dir: PathBuf,
    pub editions: usize,
    pub bytes: u64,
}

/// Writes a Jekyll site root with `editions` synthetic editions in `dir/_posts` (replacing
/// what `_posts` held) and a `_config.yml` with the archive's permalink.
pub fn write_site(dir: &Path, editions: usize, seed: u64) -> std::io::Result<Written> {
    let posts_dir = dir.join("_posts");
    if posts_dir.exists() {
        std::fs::remove_dir_all(&posts_dir)?;
    }
    std::fs::create_dir_all(&posts_dir)?;
    std::fs::write(
        dir.join("_config.yml"),
        "title: LWKD (synthetic)\npermalink: /:year/:year:month:day\n",
    )?;
    let bytes = (0..editions)
        .into_par_iter()
        .map(|i| {
            let e = edition(seed, i);
            std::fs::write(posts_dir.join(&e.file_name), &e.text)?;
            Ok(e.text.len() as u64)
        })
        .sum::<std::io::Result<u64>>()?;
    Ok(Written {
        posts_dir,
        editions,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write_site(a.path(), 60, 7).unwrap();
        write_site(b.path(), 60, 7).unwrap();
        for e in std::fs::read_dir(a.path().join("_posts")).unwrap() {
            let e = e.unwrap();
            let other = std::fs::read(b.path().join("_posts").join(e.file_name())).unwrap();
            assert_eq!(
                std::fs::read(e.path()).unwrap(),
                other,
                "{:?}",
                e.file_name()
            );
        }
        assert_ne!(
            edition(7, 3),
            edition(8, 3),
            "another seed, another archive"
        );
    }

    #[test]
    fn a_larger_archive_starts_with_the_smaller_one() {
        assert_eq!(edition(1, 5), edition(1, 5));
        assert_eq!(edition(1, 0).file_name, "2018-01-14-update.md");
        assert_eq!(edition(1, 52).file_name, "2019-01-13-update.md");
    }

    #[test]
    fn editions_have_the_archive_s_shape() {
        let all: Vec<SynthEdition> = (0..400).map(|i| edition(42, i)).collect();
        let share = |needle: &str| {
            all.iter().filter(|e| e.text.contains(needle)).count() as f64 / all.len() as f64
        };
        assert!(share("## Release Schedule") > 0.9);
        assert!(share("## Other Merges") > 0.6);
        assert!((0.1..0.5).contains(&share("## KEP of the Week")));
        assert!(share("Next Deadline") + share("next deadline") > 0.9);
        for form in [
            "KEP-",
            "KEP ",
            "enhancements#",
            "kubernetes/enhancements/issues/",
            "/README.md",
            "SIG-",
            "sig-",
        ] {
            assert!(share(form) > 0.02, "{form} too rare");
        }
        let setext = all.iter().filter(|e| e.text.contains("\n-----")).count();
        assert!(
            setext > 0
                && all[..52]
                    .iter()
                    .filter(|e| e.text.contains("\n-----"))
                    .count()
                    == setext,
            "setext only in 2018"
        );
        let mut sizes: Vec<usize> = all.iter().map(|e| e.text.len()).collect();
        sizes.sort();
        let median = sizes[sizes.len() / 2];
        assert!((3500..7000).contains(&median), "median size {median}");
        assert!(
            sizes[0] < 2500 && sizes[sizes.len() - 1] > 8000,
            "{} .. {}",
            sizes[0],
            sizes[sizes.len() - 1]
        );
    }
}
