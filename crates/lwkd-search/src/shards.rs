//! How the postings are cut into files. Keys (terms, or pairs `"<first> <second>"`) are
//! sorted, and a run of neighbours is one file: a query looks up the run holding its key in
//! the list of where each run begins (`editions.json`'s `terms` and `pairs`: the first key,
//! or its shortest beginning after the run before, [`separator`]), as `search.js`'s
//! `shardOf` does. Runs are cut by content, not by position: a run ends before a key whose
//! hash is a multiple of [`Layout::one_in`] once it holds [`Layout::min`] bytes (or, at
//! [`Layout::max`], before any key), so a new word changes the file it falls in and not
//! every file after it. (Keys' first three letters, as before, made 5,200 files on the
//! archive, and a cold build on disk spent most of its time opening them.)

/// The sizes of one kind of file, in bytes of JSON.
pub(crate) struct Layout {
    pub(crate) min: usize,
    pub(crate) max: usize,
    /// A key ends a run with this chance in one, once the run is `min` bytes.
    pub(crate) one_in: u32,
}

/// Terms: a one-word query fetches one file, so they stay small (270 files on the
/// archive, 2.5 KB on average, as the three-letter files were; these sizes made 164 files
/// but a first query 5 KB heavier).
pub(crate) const TERMS: Layout = Layout {
    min: 1536,
    max: 4096,
    one_in: 20,
};

/// Pairs: only a query of several words fetches them (50 files on the archive).
pub(crate) const PAIRS: Layout = Layout {
    min: 8 * 1024,
    max: 32 * 1024,
    one_in: 180,
};

/// FNV-1a: a stable hash of a key, the same on every build and platform.
fn fnv(key: &str) -> u32 {
    key.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Where runs of `sizes` (each key's bytes, keys sorted) begin: indices, the first 0.
pub(crate) fn cut(keys: &[&str], sizes: &[usize], layout: &Layout) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut bytes = 0;
    for (n, (key, size)) in keys.iter().zip(sizes).enumerate() {
        let by_content = bytes >= layout.min && fnv(key).is_multiple_of(layout.one_in);
        if n == 0 || by_content || bytes + size > layout.max {
            starts.push(n);
            bytes = 0;
        }
        bytes += size;
    }
    starts
}

/// The shortest beginning of `first` that sorts after `last` (`last` < `first`): where a
/// run beginning at `first` is said to begin.
pub(crate) fn separator<'a>(last: &str, first: &'a str) -> &'a str {
    first
        .char_indices()
        .map(|(at, c)| &first[..at + c.len_utf8()])
        .find(|prefix| *prefix > last)
        .unwrap_or(first)
}

/// Where the run holding `key` begins, among the runs' beginnings `firsts` (sorted): the
/// last one not after it, or the first. `None` when there are no runs.
pub fn shard_of<'a, S: AsRef<str>>(firsts: &'a [S], key: &str) -> Option<&'a str> {
    let after = firsts.partition_point(|f| f.as_ref() <= key);
    firsts.get(after.saturating_sub(1)).map(AsRef::as_ref)
}

/// The file name of the run that begins at `first`: its ASCII lowercase letters and
/// digits as they are, any other character as `_<hex>_` (`1.30` is `1_2e_30`), so that names
/// are safe in a URL and a file system, and two keys never share one.
pub fn shard_name(first: &str) -> String {
    let mut name = String::with_capacity(first.len());
    for c in first.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_distinct() {
        assert_eq!(shard_name("nftabl"), "nftabl");
        assert_eq!(shard_name("1.30"), "1_2e_30");
        assert_eq!(shard_name("feature gate"), "feature_20_gate");
        assert_eq!(shard_name("straße"), "stra_df_e");
        assert_ne!(shard_name("a_5f_"), shard_name("a_"));
    }

    #[test]
    fn separators_are_short_and_between() {
        assert_eq!(separator("contain", "contan"), "contan");
        assert_eq!(separator("contain", "controller"), "contr");
        assert_eq!(separator("kube", "kube-proxi"), "kube-");
        assert_eq!(separator("a", "b"), "b");
        assert_eq!(separator("straße", "strb"), "strb");
        assert_eq!(separator("stra", "straße"), "straß");
    }

    #[test]
    fn a_key_is_in_the_last_run_beginning_before_it() {
        let firsts = ["ab", "ka", "kub"];
        assert_eq!(shard_of(&firsts, "aa"), Some("ab"));
        assert_eq!(shard_of(&firsts, "ab"), Some("ab"));
        assert_eq!(shard_of(&firsts, "k"), Some("ab"));
        assert_eq!(shard_of(&firsts, "kub"), Some("kub"));
        assert_eq!(shard_of(&firsts, "zzz"), Some("kub"));
        assert_eq!(shard_of::<&str>(&[], "a"), None);
    }

    #[test]
    fn runs_are_cut_by_content_and_size() {
        let keys: Vec<String> = (0..5000).map(|n| format!("k{n:05}")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let sizes = vec![50; keys.len()];
        let starts = cut(&keys, &sizes, &TERMS);
        assert_eq!(starts[0], 0);
        for run in starts.windows(2) {
            let bytes = (run[1] - run[0]) * 50;
            assert!(bytes <= TERMS.max, "{run:?}");
            assert!(bytes >= TERMS.min || bytes + 50 > TERMS.max, "{run:?}");
        }
        assert!(
            (250 * 1024 / TERMS.max..250 * 1024 / TERMS.min).contains(&starts.len()),
            "250 KB in runs of min to max bytes: {}",
            starts.len()
        );
        // One key more: the runs before it and those after the next cut by content stay.
        let mut more = keys.clone();
        more.insert(2500, "k02499a");
        let mut more_sizes = sizes.clone();
        more_sizes.push(50);
        let after = cut(&more, &more_sizes, &TERMS);
        let firsts = |s: &[usize], k: &[&str]| -> Vec<String> {
            s.iter().map(|&n| k[n].to_string()).collect()
        };
        let (old, new) = (firsts(&starts, &keys), firsts(&after, &more));
        let changed = old.iter().filter(|f| !new.contains(f)).count()
            + new.iter().filter(|f| !old.contains(f)).count();
        assert!(changed <= 2, "{changed} runs moved");
    }
}
