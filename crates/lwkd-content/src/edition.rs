//! One LWKD edition, read from one file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::date::{file_name_date, read_front_matter_date};
use crate::diagnostic::Diagnostic;
use crate::front_matter;
use crate::markdown::{self, Heading, Item, Punctuation, Section};

/// A weekly edition, ready to render and to index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edition {
    /// The file it was read from.
    pub source: PathBuf,
    pub title: String,
    /// The date that decides the URL: front matter `date`, else the file name's.
    pub date: NaiveDate,
    /// Date and time of publication, for feeds (midnight when only a date is known).
    pub published: NaiveDateTime,
    pub slug: String,
    /// Site path of the page, e.g. `/2022/20220209.html`; never includes the base URL.
    pub url: String,
    pub draft: bool,
    /// Every front matter key, the unknown ones included, for templates.
    pub front_matter: BTreeMap<String, serde_json::Value>,
    /// Where its Markdown is in the file: read again when a page needs it.
    pub body: BodyPlace,
    /// How its punctuation is printed: its HTML is rendered so.
    pub punctuation: Punctuation,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
}

/// Where an edition's Markdown is: its file's text from byte `start` on, line `line`. An
/// edition does not hold it (at a hundred times the archive, every edition's Markdown was
/// 185 MiB of a build's 1 GiB): [`Edition::read_body`] reads the file again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyPlace {
    pub start: usize,
    pub line: usize,
    /// The blake3 hash of the file's text as parsed: a file changed since holds another edition.
    pub digest: [u8; 32],
}

/// An edition's Markdown, as written, to render and to read its items' from.
pub struct EditionBody {
    pub markdown: String,
    pub line: usize,
    pub punctuation: Punctuation,
}

impl EditionBody {
    /// Its HTML, rendered on each call.
    pub fn html(&self) -> String {
        markdown::render_with(&self.markdown, self.line, self.punctuation).html
    }

    /// The Markdown of one of the edition's items, as written.
    pub fn markdown_of(&self, item: &Item) -> &str {
        &self.markdown[item.markdown.start as usize..item.markdown.end as usize]
    }
}

/// Why an edition's Markdown could not be read again.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("{}: cannot read this edition again: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: changed while the site was built; build again", path.display())]
    Changed { path: PathBuf },
}

/// An edition read, or why it could not be, with the warnings met on the way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedEdition {
    pub edition: Option<Edition>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Edition {
    /// Reads one edition from its text, with smart punctuation. Never panics on bad input:
    /// problems come back as diagnostics, and `edition` is `None` only when nothing sensible
    /// can be built.
    pub fn parse(path: &Path, text: &str, permalink: &str) -> ParsedEdition {
        Edition::parse_with(path, text, permalink, Punctuation::Smart)
    }

    /// [`Edition::parse`], its punctuation printed as `punctuation` says.
    pub fn parse_with(
        path: &Path,
        text: &str,
        permalink: &str,
        punctuation: Punctuation,
    ) -> ParsedEdition {
        let mut diagnostics = Vec::new();
        let split = match front_matter::split(text) {
            Ok(split) => split,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    path,
                    Some(e.line),
                    format!("{}; this edition was skipped", e.message),
                ));
                return ParsedEdition {
                    edition: None,
                    diagnostics,
                };
            }
        };
        let fm = split.front_matter;
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let Some(EditionHead { title, published }) = read_head(path, &fm, &mut diagnostics) else {
            return ParsedEdition {
                edition: None,
                diagnostics,
            };
        };
        let date = published.date();
        let stem = file_name
            .strip_suffix(".md")
            .or_else(|| file_name.strip_suffix(".markdown"))
            .unwrap_or(file_name);
        let slug = fm.text("slug").unwrap_or_else(|| stem.to_string());
        if let Err(why) = check_slug(&slug) {
            let line = fm.line_of("slug").or(Some(1));
            diagnostics.push(Diagnostic::error(
                path,
                line,
                format!(
                    "slug {slug:?} {why}; use letters, digits and `-`; this edition was skipped"
                ),
            ));
            return ParsedEdition {
                edition: None,
                diagnostics,
            };
        }
        let url = expand_permalink(permalink, date, &slug);
        if !is_site_path(&url) {
            let why = format!("its URL {url:?} (from the permalink {permalink:?}) is not a path below the site; fix the permalink in site.toml; this edition was skipped");
            diagnostics.push(Diagnostic::error(path, Some(1), why));
            return ParsedEdition {
                edition: None,
                diagnostics,
            };
        }
        let outline = markdown::outline_with(split.body, split.body_line, punctuation);
        let edition = Edition {
            source: path.to_path_buf(),
            url,
            title,
            date,
            published,
            slug,
            draft: fm.bool("draft"),
            front_matter: fm.fields,
            body: BodyPlace {
                start: split.body.as_ptr() as usize - text.as_ptr() as usize,
                line: split.body_line,
                digest: *blake3::hash(text.as_bytes()).as_bytes(),
            },
            punctuation,
            headings: outline.headings,
            sections: outline.sections,
        };
        ParsedEdition {
            edition: Some(edition),
            diagnostics,
        }
    }

    pub fn year(&self) -> i32 {
        self.date.year()
    }

    /// Its Markdown, from `text`, the text of its file as parsed; `None` when `text` is not it.
    pub fn body_in(&self, text: &str) -> Option<EditionBody> {
        (*blake3::hash(text.as_bytes()).as_bytes() == self.body.digest).then(|| self.body_of(text))
    }

    /// Its Markdown, from `text`, the very text it was parsed from.
    pub(crate) fn body_of(&self, text: &str) -> EditionBody {
        EditionBody {
            markdown: text[self.body.start..].to_string(),
            line: self.body.line,
            punctuation: self.punctuation,
        }
    }

    /// Its Markdown, read again from its file, when the file still holds this edition.
    pub fn read_body(&self) -> Result<EditionBody, BodyError> {
        let path = || self.source.clone();
        let bytes = std::fs::read(&self.source).map_err(|source| BodyError::Read {
            path: path(),
            source,
        })?;
        self.body_in(&crate::file_text(&bytes))
            .ok_or_else(|| BodyError::Changed { path: path() })
    }
}

/// Why `slug` cannot name a page: it becomes one part of the page's path, so it must not
/// climb out of its folder (`..`), start another (`/`, `\`, `C:`), or hold control characters.
fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.trim().is_empty() {
        Err("is empty")
    } else if slug.contains("..") {
        Err("contains `..`, which would climb out of the site's folders")
    } else if slug.contains(['/', '\\']) {
        Err("contains a `/` or `\\`, which would start another folder")
    } else if slug.as_bytes().get(1) == Some(&b':') && slug.as_bytes()[0].is_ascii_alphabetic() {
        Err("starts like a drive letter (`C:`)")
    } else if slug.contains(char::is_control) {
        Err("contains a control character")
    } else {
        Ok(())
    }
}

/// Whether `url` is a page path below the site root: `/`-separated parts that are neither
/// empty, `.` nor `..`, with no `\` or control characters.
fn is_site_path(url: &str) -> bool {
    let Some(rel) = url.strip_prefix('/') else {
        return false;
    };
    rel.split('/').all(|part| {
        !matches!(part, "" | "." | "..") && !part.contains('\\') && !part.contains(char::is_control)
    })
}

/// Expands a Jekyll-style permalink (`/:year/:year:month:day`) into the page's site path.
/// A pattern ending in `/` gives `.../index.html`; one without an extension gets `.html`,
/// as Jekyll writes it.
pub fn expand_permalink(pattern: &str, date: NaiveDate, slug: &str) -> String {
    let path = pattern
        .replace(":year", &format!("{:04}", date.year()))
        .replace(":month", &format!("{:02}", date.month()))
        .replace(":i_month", &date.month().to_string())
        .replace(":day", &format!("{:02}", date.day()))
        .replace(":i_day", &date.day().to_string())
        .replace(":slug", slug)
        .replace(":title", slug);
    if path.ends_with('/') {
        format!("{path}index.html")
    } else if path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        path
    } else {
        format!("{path}.html")
    }
}

/// What an edition's front matter (or its file's name) says before its Markdown is read: its
/// title and when it was published. `lwkd lint` reads no more of an edition than this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionHead {
    pub title: String,
    /// Front matter `date`, else the file name's; midnight when only a date is known.
    pub published: NaiveDateTime,
}

impl EditionHead {
    /// The head of the edition at `path` whose file's text is `text`, as [`Edition::parse`]
    /// reads it; `None` when its front matter does not read or it has no date.
    pub fn read(path: &Path, text: &str) -> Option<EditionHead> {
        let split = front_matter::split(text).ok()?;
        read_head(path, &split.front_matter, &mut Vec::new())
    }

    /// The date that decides the URL.
    pub fn date(&self) -> NaiveDate {
        self.published.date()
    }
}

/// The [`EditionHead`] of the edition at `path` from its front matter `fm`; what was repaired
/// or is missing goes to `diagnostics`, and `None` when it has no date at all.
fn read_head(
    path: &Path,
    fm: &front_matter::FrontMatter,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EditionHead> {
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let from_name = file_name_date(file_name);

    let published = match fm.text("date") {
        Some(value) => match read_front_matter_date(&value) {
            Some(read) => {
                if let Some(why) = read.repaired {
                    diagnostics.push(Diagnostic::warning(path, fm.line_of("date"), why));
                }
                Some(read.datetime)
            }
            None => {
                let fallback = from_name.map_or("no date at all".to_string(), |d| {
                    format!("the file name's date {d}")
                });
                diagnostics.push(Diagnostic::warning(
                    path,
                    fm.line_of("date"),
                    format!("date {value:?} has no YYYY-MM-DD part; using {fallback}"),
                ));
                from_name.map(|d| d.and_time(chrono::NaiveTime::MIN))
            }
        },
        None => from_name.map(|d| d.and_time(chrono::NaiveTime::MIN)),
    };
    let Some(published) = published else {
        diagnostics.push(Diagnostic::error(
            path,
            Some(1),
            "edition has no date: add `date: YYYY-MM-DD` to its front matter or name the file YYYY-MM-DD-slug.md; this edition was skipped",
        ));
        return None;
    };
    let date = published.date();
    let title = fm.text("title").unwrap_or_else(|| {
        diagnostics.push(Diagnostic::warning(
            path,
            Some(1),
            "edition has no `title`; using \"Week Ending <date>\"",
        ));
        format!("Week Ending {}", date.format("%B %-d, %Y"))
    });
    Some(EditionHead { title, published })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> ParsedEdition {
        Edition::parse(Path::new(name), text, "/:year/:year:month:day")
    }

    #[test]
    fn front_matter_date_decides_the_url() {
        let p = parse("2022-02-06-update.md", "---\ntitle: Week Ending February 6, 2022\ndate: 2022-02-09 05:20:00 -0000\nslug: 2022-02-06-update\n---\n\n## News\n");
        let e = p.edition.unwrap();
        assert_eq!(e.url, "/2022/20220209.html");
        assert!(p.diagnostics.is_empty());
        assert_eq!(e.sections[0].heading.as_ref().unwrap().line, 7);
    }

    /// An edition's head, read alone, is what parsing the whole edition gives: on every
    /// file of the real archive (its missing and broken dates included).
    #[test]
    fn the_head_read_alone_is_the_parsed_editions() {
        for entry in std::fs::read_dir(lwkd_testdata::posts()).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let parsed = Edition::parse(&path, &text, "/:year/:year:month:day").edition;
            assert_eq!(
                EditionHead::read(&path, &text),
                parsed.map(|e| EditionHead {
                    title: e.title,
                    published: e.published
                }),
                "{}",
                path.display()
            );
        }
    }

    /// An edition reads its Markdown from its file, as long as the file holds it.
    #[test]
    fn the_markdown_is_read_again_from_the_file_and_only_while_it_holds_the_edition() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2022-02-06-update.md");
        let text = "---\ntitle: T\n---\n## News\n\n[KEP-3136](https://x.io) is *beta*.\n";
        std::fs::write(&path, text).unwrap();
        let e = Edition::parse(&path, text, "/:year/:year:month:day")
            .edition
            .unwrap();
        let body = e.read_body().unwrap();
        assert_eq!(
            body.markdown,
            "## News\n\n[KEP-3136](https://x.io) is *beta*.\n"
        );
        let item = &e.sections[0].items[0];
        assert_eq!(
            body.markdown_of(item),
            "[KEP-3136](https://x.io) is *beta*."
        );
        assert!(body.html().contains("<em>beta</em>"), "{}", body.html());
        // Saved again with another word: the edition read is not the file's any more.
        std::fs::write(&path, text.replace("beta", "GA!!")).unwrap();
        let changed = e.read_body().err().unwrap().to_string();
        assert!(
            changed.contains("2022-02-06-update.md: changed while the site was built"),
            "{changed}"
        );
        std::fs::remove_file(&path).unwrap();
        let gone = e.read_body().err().unwrap();
        assert!(matches!(gone, BodyError::Read { .. }), "{gone}");
    }

    #[test]
    fn file_name_is_the_fallback() {
        let e = parse(
            "2018-01-14-update.md",
            "---\nlayout: post\ntitle: T\n---\nx\n",
        )
        .edition
        .unwrap();
        assert_eq!(e.url, "/2018/20180114.html");
        assert_eq!(e.slug, "2018-01-14-update");
    }

    #[test]
    fn rolled_over_day_warns_on_the_date_line() {
        let p = parse(
            "2022-02-27-update.md",
            "---\nlayout: post\ntitle: T\ndate: 2022-02-29 07:10:00 -0000\n---\nx\n",
        );
        assert_eq!(p.edition.unwrap().url, "/2022/20220301.html");
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, Some(4));
        assert!(!p.diagnostics[0].is_error());
    }

    #[test]
    fn unusable_date_falls_back_with_a_warning() {
        let p = parse(
            "2023-05-07-update.md",
            "---\ntitle: T\ndate: soon\n---\nx\n",
        );
        assert_eq!(p.edition.unwrap().url, "/2023/20230507.html");
        assert!(p.diagnostics[0].message.contains("2023-05-07"));
    }

    #[test]
    fn no_date_anywhere_is_an_error() {
        let p = parse("notes.md", "---\ntitle: T\n---\nx\n");
        assert!(p.edition.is_none());
        assert!(p.diagnostics[0].is_error());
    }

    #[test]
    fn a_slug_that_would_leave_its_folder_is_an_error_on_its_line() {
        for slug in [
            "../../victim.d",
            "/etc/passwd",
            "a/b",
            "a\\\\b",
            "C:x",
            "..",
            "x\\u0007y",
            "",
        ] {
            let p = Edition::parse(
                Path::new("2024-04-07-x.md"),
                &format!("---\ntitle: T\nslug: \"{slug}\"\n---\nx\n"),
                "/:year/:slug",
            );
            assert!(p.edition.is_none(), "{slug:?}");
            assert_eq!(
                (p.diagnostics[0].line, p.diagnostics[0].is_error()),
                (Some(3), true),
                "{slug:?}"
            );
        }
        let p = Edition::parse(
            Path::new("2024-04-07-x.md"),
            "---\ntitle: T\nslug: my-week.v2\n---\nx\n",
            "/:year/:slug",
        );
        assert_eq!(p.edition.unwrap().url, "/2024/my-week.v2");
    }

    #[test]
    fn permalink_patterns() {
        let d = NaiveDate::from_ymd_opt(2024, 4, 7).unwrap();
        assert_eq!(
            expand_permalink("/:year/:year:month:day", d, "s"),
            "/2024/20240407.html"
        );
        assert_eq!(
            expand_permalink("/:year/:month/:slug/", d, "s"),
            "/2024/04/s/index.html"
        );
        assert_eq!(expand_permalink("/:year/:slug.htm", d, "s"), "/2024/s.htm");
    }
}
