//! How text becomes terms. `search.js` splits a query by the same rules (its `WORD` and
//! `term`); the browser test in `tests/search.rs` and the unit tests below hold both to them.

/// The terms of `text`, in order, repeats included.
///
/// A word is a run of letters and digits, with a dot kept between two digits so that a
/// version such as `1.30` stays one word. A term is a word lowercased, with a plural `s`
/// dropped (`gates` and `gate` are one term) and at least two characters long.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).filter_map(term)
}

/// Calls `each` with every term of `text` in turn, without allocating one string a word:
/// what indexing runs on every word of the site.
pub(crate) fn for_each_term(text: &str, mut each: impl FnMut(&str)) {
    let mut term = String::new();
    for word in words(text) {
        if term_into(word, &mut term) {
            each(&term);
        }
    }
}

/// The words of `text` as slices of it.
fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.by_ref().find(|&(_, c)| c.is_alphanumeric())?;
        let (mut end, mut previous) = (start + first.len_utf8(), first);
        while let Some(&(at, c)) = chars.peek() {
            let in_version = c == '.' && previous.is_ascii_digit() && text[at + 1..].starts_with(|n: char| n.is_ascii_digit());
            if !(c.is_alphanumeric() || in_version) {
                break;
            }
            chars.next();
            (end, previous) = (at + c.len_utf8(), c);
        }
        Some(&text[start..end])
    })
}

/// The term a word stands for, if it is long enough to be one.
fn term(word: &str) -> Option<String> {
    let mut term = String::new();
    term_into(word, &mut term).then_some(term)
}

/// Puts the term `word` stands for into `term`; false when it is too short to be one.
fn term_into(word: &str, term: &mut String) -> bool {
    term.clear();
    let length = if word.is_ascii() {
        term.push_str(word);
        term.make_ascii_lowercase();
        term.len()
    } else {
        // Whole-word lowercasing: a final Σ lowercases unlike one inside a word.
        term.push_str(&word.to_lowercase());
        term.chars().count()
    };
    // `status`, `class` and `this` are not plurals.
    if length > 3 && term.ends_with('s') && !["ss", "us", "is"].iter().any(|end| term.ends_with(end)) {
        term.pop();
    }
    length >= 2
}

/// The file a term's postings live in: its first two characters, each kept when it is an
/// ASCII letter or digit and `_` otherwise, so that every key is a safe file name.
pub fn shard_key(term: &str) -> String {
    term.chars().take(2).map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        terms(text).collect()
    }

    #[test]
    fn words_versions_and_plurals() {
        assert_eq!(all("KEP-3136: nftables kube-proxy in 1.30.0."), ["kep", "3136", "nftable", "kube", "proxy", "in", "1.30.0"]);
        assert_eq!(all("Feature gates; the gate's status, a class. A b 1.x"), ["feature", "gate", "the", "gate", "status", "class"]);
        assert_eq!(all("Straße über naïve"), ["straße", "über", "naïve"]);
        assert_eq!(all("..., --- 1. .5"), Vec::<String>::new());
    }

    #[test]
    fn keys_are_file_names() {
        assert_eq!(shard_key("nftable"), "nf");
        assert_eq!(shard_key("1.30"), "1_");
        assert_eq!(shard_key("über"), "_b");
    }
}
