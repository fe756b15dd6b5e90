//! An item's Markdown split into what a reader reads (prose) and where its links point
//! (URLs): `SIG Node` in prose names a SIG, while `sig-release` inside a testgrid URL does not.

use std::sync::LazyLock;

use regex::Regex;

/// Link destinations (`](url)`, `](<url>)`) and bare URLs.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\]\(\s*<?[^)\s>]+|https?://[^\s<>()\[\]"'`*]+"#).expect("valid regex")
});

pub struct Markup<'a> {
    /// The Markdown as written.
    pub markdown: &'a str,
    /// The Markdown with every URL blanked out by spaces, so byte offsets still match.
    pub prose: String,
    pub urls: Vec<&'a str>,
}

impl<'a> Markup<'a> {
    pub fn new(markdown: &'a str) -> Markup<'a> {
        let mut prose = markdown.as_bytes().to_vec();
        let mut urls = Vec::new();
        // Matches only: capture groups would run a slower engine on every link.
        let may_link = markdown.contains("](") || markdown.contains("http");
        for m in may_link
            .then(|| URL.find_iter(markdown))
            .into_iter()
            .flatten()
        {
            let url = match m.as_str().strip_prefix("](") {
                // `<?` takes the `<` only when a destination character follows it.
                Some(dest) => match dest.trim_start() {
                    angled if angled.len() > 1 && angled.starts_with('<') => &angled[1..],
                    dest => dest,
                },
                None => m.as_str(),
            };
            let start = m.end() - url.len();
            prose[start..m.end()].fill(b' ');
            urls.push(&markdown[start..m.end()]);
        }
        // Only whole URLs (of whole UTF-8 characters) were replaced by ASCII spaces.
        let prose = String::from_utf8(prose).expect("blanking keeps UTF-8 valid");
        Markup {
            markdown,
            prose,
            urls,
        }
    }
}

/// The sentence of `text` that contains `needle` (ignoring case), or the start of the
/// text when none does: what a mention shows of its context.
pub fn sentence_with(text: &str, needle: &str) -> String {
    const LIMIT: usize = 320;
    let needle = needle.to_lowercase();
    let sentence = sentences(text)
        .find(|s| !needle.is_empty() && s.to_lowercase().contains(&needle))
        .unwrap_or(text);
    shorten(sentence.trim(), LIMIT)
}

/// Splits after `.`, `!` or `?` followed by white space (so `1.24` stays whole), unless a
/// lower-case word follows: `client-side vs. server-side dry runs` is one sentence.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let next_word_lower = |i: usize| {
        (bytes[i..].iter())
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(u8::is_ascii_lowercase)
    };
    let mut ends: Vec<usize> = (1..bytes.len())
        .filter(|&i| matches!(bytes[i - 1], b'.' | b'!' | b'?') && bytes[i].is_ascii_whitespace())
        .filter(|&i| !next_word_lower(i))
        .collect();
    ends.push(text.len());
    ends.into_iter().map(move |end| {
        let s = &text[start..end];
        start = end;
        s
    })
}

fn shorten(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_string();
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = text[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", &text[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_blanked_in_prose() {
        let md = "See [master-blocking](https://testgrid.k8s.io/sig-release-master-blocking) and <https://x.io/a>, SIG Node.";
        let m = Markup::new(md);
        assert_eq!(m.prose.len(), md.len());
        assert!(!m.prose.contains("testgrid") && !m.prose.contains("x.io"));
        assert!(m.prose.contains("[master-blocking]") && m.prose.contains("SIG Node."));
        assert_eq!(
            m.urls,
            [
                "https://testgrid.k8s.io/sig-release-master-blocking",
                "https://x.io/a"
            ]
        );
    }

    #[test]
    fn relative_links_are_urls_too() {
        let m = Markup::new("[earlier](/2022/20220209#kep-3136)");
        assert_eq!(m.urls, ["/2022/20220209#kep-3136"]);
    }

    #[test]
    fn picks_the_sentence_with_the_needle() {
        let text = "Release 1.24 is coming. SIG Node wants help with KEP-3136. Thanks!";
        assert_eq!(
            sentence_with(text, "kep-3136"),
            "SIG Node wants help with KEP-3136."
        );
        assert_eq!(sentence_with(text, "absent"), text);
        // A lower-case word after the dot goes on with the sentence (2020-02-02).
        let text =
            "`--dry-run` takes a parameter to let you try client-side vs. server-side dry runs";
        assert_eq!(sentence_with(text, "server-side dry run"), text);
        assert!(sentence_with(&"word ".repeat(100), "x").ends_with('…'));
    }
}
