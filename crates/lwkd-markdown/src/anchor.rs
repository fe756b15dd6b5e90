//! Heading ids exactly as Jekyll 4 gives them (kramdown with its GFM parser), so deep links
//! into lwkd.info keep working: the heading's text, lowercased, with everything but word
//! characters, `-` and spaces dropped, each space turned into `-`, repeats suffixed `-1`, `-2`.
//! Checked against `jekyll build` output, e.g. `### [enhancements#2800: KEP-2799: ...](url)`
//! gets `enhancements2800-kep-2799-...`.

use std::collections::HashMap;

/// Hands out the ids of one document, remembering those already given.
#[derive(Debug, Default)]
pub struct AnchorSet {
    seen: HashMap<String, usize>,
}

impl AnchorSet {
    /// The id for a heading whose text (markup removed) is `text`.
    pub fn id_for(&mut self, text: &str) -> String {
        let base = slug(text);
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{}", *count - 1)
        }
    }
}

/// kramdown-parser-gfm's rule without the repeat counter.
pub fn slug(text: &str) -> String {
    // Sized up front: growing a String char by char was most of the cost of a heading.
    let mut slug = String::with_capacity(text.len());
    let mut keep = |c: char| match c {
        ' ' | '\t' => slug.push('-'),
        c if c == '-' || c == '_' || c.is_alphanumeric() => slug.push(c),
        _ => {}
    };
    for c in text.chars() {
        // ASCII, nearly all of it, lowercases to one char without Unicode's tables.
        if c.is_ascii() {
            keep(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut keep);
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected ids below were read off `jekyll build` (Jekyll 4, kramdown GFM) output.
    #[test]
    fn ids_match_jekyll() {
        let mut a = AnchorSet::default();
        assert_eq!(
            a.id_for(
                "enhancements#2800: KEP-2799: Reduction of Secret-based Service Account Tokens"
            ),
            "enhancements2800-kep-2799-reduction-of-secret-based-service-account-tokens"
        );
        assert_eq!(
            a.id_for("1.24 Release: kubectl is great (v1.2)!"),
            "124-release-kubectl-is-great-v12"
        );
        assert_eq!(
            a.id_for("Développeur ünïcode — test & more_stuff"),
            "développeur-ünïcode--test--more_stuff"
        );
        assert_eq!(a.id_for("123"), "123");
    }

    #[test]
    fn repeats_are_numbered() {
        let mut a = AnchorSet::default();
        assert_eq!(a.id_for("Other Merges"), "other-merges");
        assert_eq!(a.id_for("Other Merges"), "other-merges-1");
        assert_eq!(a.id_for("Other Merges"), "other-merges-2");
    }
}
