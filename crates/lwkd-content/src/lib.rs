//! `lwkd-content` is the content loader: it walks a content directory (plain, or a Jekyll
//! site root), reads front matter and dates as leniently as Jekyll does, and cuts each
//! edition into sections and items ([`markdown`]). An [`Edition`] keeps where its Markdown
//! is in its file, not the text, which [`Edition::read_body`] reads again. It knows nothing
//! of KEPs, SIGs, templates or output; problems are [`Diagnostic`]s, never panics.

pub mod date;
mod diagnostic;
mod edition;
pub mod front_matter;
pub mod page;
mod source;
mod week;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use diagnostic::{Diagnostic, Severity};
pub use edition::{
    expand_permalink, BodyError, BodyPlace, Edition, EditionBody, EditionHead, ParsedEdition,
};
pub use lwkd_markdown as markdown;
pub use lwkd_markdown::{Heading, Item, Punctuation, Section, SectionKind};
pub use page::{read_page, Page};
pub use source::{discover, is_edition_file, walk_within, ContentFiles, PassthroughFile};
pub use week::{title_week_ending, week_ending};

/// How to read editions.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Jekyll-style permalink pattern, e.g. `/:year/:year:month:day`.
    pub permalink: String,
    /// Keep editions marked `draft: true`.
    pub drafts: bool,
}

/// Everything read from a content directory.
#[derive(Debug, Default)]
pub struct Content {
    /// Sorted oldest first.
    pub editions: Vec<Edition>,
    pub passthrough: Vec<PassthroughFile>,
    /// A Jekyll root's pages ([`page`]), by output path.
    pub pages: Vec<Page>,
    /// Warnings and errors, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Content {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether two editions claimed one URL and one was skipped. Which one wins depends on
    /// all of them, so an incremental rebuild reloads everything then.
    pub fn has_url_collisions(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.message.contains(URL_TAKEN))
    }
}

const URL_TAKEN: &str = "is already taken by";

/// Loads every edition below `dir` in parallel. Only a missing or unreadable directory is
/// an `Err`; a bad edition is a diagnostic and the others still load.
pub fn load(dir: &Path, options: &LoadOptions) -> std::io::Result<Content> {
    let files = discover(dir)?;
    let parsed: Vec<ParsedEdition> = files
        .editions
        .par_iter()
        .map(|path| read_edition(path, options))
        .collect();
    let mut content = Content::assemble(files.passthrough, parsed, options);
    content.read_pages(&files.pages);
    content.diagnostics.extend(files.diagnostics);
    Ok(content)
}

impl Content {
    /// Reads and renders `pages` (from [`discover`]); one that cannot be read is an error
    /// for that page alone.
    pub fn read_pages(&mut self, pages: &[PassthroughFile]) {
        for file in pages {
            match read_page(&file.source, file.output_path.clone()) {
                Ok(page) => self.pages.extend(page),
                Err(problem) => self.diagnostics.push(problem),
            }
        }
    }

    /// The content of a directory from its editions read one by one (in any order) and its
    /// other files: drafts left out unless asked for, sorted, URL collisions reported.
    pub fn assemble(
        passthrough: Vec<PassthroughFile>,
        parsed: Vec<ParsedEdition>,
        options: &LoadOptions,
    ) -> Content {
        let mut content = Content {
            passthrough,
            ..Content::default()
        };
        for p in parsed {
            content.diagnostics.extend(p.diagnostics);
            content
                .editions
                .extend(p.edition.filter(|e| options.drafts || !e.draft));
        }
        content
            .editions
            .sort_by(|a, b| (a.published, &a.source).cmp(&(b.published, &b.source)));
        drop_url_collisions(&mut content);
        content
    }
}

/// Reads one edition file; an unreadable file is an error diagnostic.
pub fn read_edition(path: &Path, options: &LoadOptions) -> ParsedEdition {
    match std::fs::read(path) {
        Ok(bytes) => parse_edition(path, &bytes, options),
        Err(e) => unreadable(path, &e),
    }
}

/// [`read_edition`], with the edition's Markdown from the text read.
pub fn read_edition_with_body(
    path: &Path,
    options: &LoadOptions,
) -> (ParsedEdition, Option<EditionBody>) {
    match std::fs::read(path) {
        Ok(bytes) => parse_edition_with_body(path, &bytes, options),
        Err(e) => (unreadable(path, &e), None),
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> ParsedEdition {
    let why = format!("cannot read this edition: {e}");
    ParsedEdition {
        edition: None,
        diagnostics: vec![Diagnostic::error(path, None, why)],
    }
}

/// [`parse_edition`], with the edition's Markdown from `bytes` (what its items' are read from).
pub fn parse_edition_with_body(
    path: &Path,
    bytes: &[u8],
    options: &LoadOptions,
) -> (ParsedEdition, Option<EditionBody>) {
    let parsed = parse_edition(path, bytes, options);
    let body = parsed
        .edition
        .as_ref()
        .map(|e| e.body_of(&file_text(bytes)));
    (parsed, body)
}

/// The text of an edition file's bytes, as it is parsed: a byte that is not UTF-8 as
/// \u{FFFD}. Checked as UTF-8 first, which is several times faster than the lossy
/// conversion on text that is.
pub fn file_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Parses the bytes of the edition file at `path`.
pub fn parse_edition(path: &Path, bytes: &[u8], options: &LoadOptions) -> ParsedEdition {
    match std::str::from_utf8(bytes) {
        Ok(text) => Edition::parse(path, text, &options.permalink),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let mut parsed = Edition::parse(path, &text, &options.permalink);
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            let why = "holds bytes that are not UTF-8, shown as \u{FFFD}; save the file as UTF-8";
            parsed
                .diagnostics
                .insert(0, Diagnostic::warning(path, Some(line), why));
            parsed
        }
    }
}

/// Two editions at one URL would overwrite each other; keep the first, report the second.
fn drop_url_collisions(content: &mut Content) {
    let mut first_at: HashMap<String, PathBuf> = HashMap::new();
    let mut diagnostics = Vec::new();
    content.editions.retain(|e| match first_at.get(&e.url) {
        Some(first) => {
            diagnostics.push(Diagnostic::error(
                &e.source,
                Some(1),
                format!("its URL {} {URL_TAKEN} {}; change its `date` or the permalink; this edition was skipped", e.url, first.display()),
            ));
            false
        }
        None => {
            first_at.insert(e.url.clone(), e.source.clone());
            true
        }
    });
    content.diagnostics.extend(diagnostics);
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn options() -> LoadOptions {
        LoadOptions {
            permalink: "/:year/:slug".into(),
            drafts: true,
        }
    }

    /// What every parse must give, whatever the input: an edition whose page lies below
    /// the site, or an error that says why not, on a line of the file.
    fn holds(text_lines: usize, parsed: &ParsedEdition) -> Result<(), TestCaseError> {
        for d in &parsed.diagnostics {
            prop_assert!(
                d.line.is_none_or(|l| (1..=text_lines + 1).contains(&l)),
                "{d}"
            );
        }
        match &parsed.edition {
            Some(e) => {
                let parts: Vec<&str> = e.url.strip_prefix('/').unwrap_or("..").split('/').collect();
                prop_assert!(
                    parts
                        .iter()
                        .all(|p| !matches!(*p, "" | "." | "..") && !p.contains(['\\', '\0'])),
                    "{}",
                    e.url
                );
            }
            None => prop_assert!(parsed.diagnostics.iter().any(Diagnostic::is_error)),
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_bytes_load_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let parsed = parse_edition(Path::new("2024-04-07-x.md"), &bytes, &options());
            holds(bytes.split(|b| *b == b'\n').count(), &parsed)?;
        }

        #[test]
        fn any_front_matter_loads_without_a_panic(key in "[a-z_]{1,8}", value in "\\PC{0,40}", slug in "(\\.\\.|\\.|/|\\\\|[a-z]|\\PC){0,12}", toml in any::<bool>()) {
            let (fence, assign) = if toml { ("+++", "=") } else { ("---", ":") };
            let slug = format!("{slug:?}");
            let text = format!("{fence}\ntitle {assign} \"T\"\n{key} {assign} {value}\nslug {assign} {slug}\n{fence}\n\nbody\n");
            let parsed = parse_edition(Path::new("2024-04-07-x.md"), text.as_bytes(), &options());
            holds(text.lines().count(), &parsed)?;
        }
    }
}
