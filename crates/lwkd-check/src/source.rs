//! Tracing a broken link on an edition page back to the Markdown line it was written on.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::page::Page;
use crate::BrokenLink;

/// Fills in `source` for every broken link on a page that names its Markdown file: the
/// line where the link appears as written (or, for a site path the renderer put the base
/// path in front of, as the Markdown had it). `broken` is in page order, so the second
/// broken link to the same target is matched with its second appearance.
pub fn locate(
    broken: &mut [BrokenLink],
    pages: &BTreeMap<String, Page>,
    content_dir: &Path,
    base_path: &str,
) {
    // Each file is read and indexed once, however many of its links are broken.
    let mut files: HashMap<PathBuf, Option<SourceIndex>> = HashMap::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for link in broken.iter_mut() {
        let Some(source) = pages.get(&link.page).and_then(|p| p.source.as_deref()) else {
            continue;
        };
        let Some(file) = below(content_dir, source) else {
            continue;
        };
        let index = files
            .entry(file.clone())
            .or_insert_with(|| std::fs::read_to_string(&file).ok().map(SourceIndex::new));
        let nth = seen
            .entry((link.page.clone(), link.link.clone()))
            .or_default();
        if let Some(line) = index
            .as_ref()
            .and_then(|i| i.line_of(&written_forms(&link.link, base_path), *nth))
        {
            link.source = Some((file, line));
        }
        *nth += 1;
    }
}

/// The file `source` (a page's `lwkd-source`, written by the build) names in `content_dir`,
/// only when it lies there: a page is no authority on which files `check` may read.
pub(crate) fn below(content_dir: &Path, source: &str) -> Option<PathBuf> {
    let relative = Path::new(source);
    if !relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    let file = content_dir.join(relative);
    let real_dir = content_dir.canonicalize().ok()?;
    file.canonicalize()
        .ok()
        .filter(|real| real.starts_with(&real_dir))
        .map(|_| file)
}

/// The ways `link` may have been written in Markdown.
fn written_forms(link: &str, base_path: &str) -> Vec<String> {
    let mut forms = vec![link.to_string()];
    if base_path != "/" {
        if let Some(rest) = link.strip_prefix(base_path) {
            forms.push(format!("/{rest}"));
        }
    }
    let decoded: Vec<String> = forms
        .iter()
        .map(|f| {
            percent_encoding::percent_decode_str(f)
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|d| !forms.contains(d))
        .collect();
    forms.extend(decoded);
    forms
}

/// Where a link may be written: `[text](target)`, `[ref]: target`, `href="target"`,
/// `src="target"`.
const LINK_MARKERS: [&str; 4] = ["](", "]: ", "href=\"", "src=\""];

/// A Markdown file read once: where each link target is written and where each line starts,
/// so that finding a broken link's line costs a lookup, not a scan of the file.
struct SourceIndex {
    text: String,
    /// Byte offset of each line's start.
    line_starts: Vec<usize>,
    /// Each target as written after a [`LINK_MARKERS`] marker, with the offsets, in order.
    targets: HashMap<String, Vec<usize>>,
}

impl SourceIndex {
    fn new(text: String) -> SourceIndex {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut targets: HashMap<String, Vec<usize>> = HashMap::new();
        for marker in LINK_MARKERS {
            for (at, _) in text.match_indices(marker) {
                let rest = text[at + marker.len()..].trim_start_matches([' ', '<']);
                let end = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '>'))
                    .unwrap_or(rest.len());
                targets.entry(rest[..end].to_string()).or_default().push(at);
            }
        }
        for offsets in targets.values_mut() {
            offsets.sort_unstable();
        }
        SourceIndex {
            text,
            line_starts,
            targets,
        }
    }

    /// 1-based line of the `nth` appearance (or the last, if fewer) of the first of `forms`
    /// written as a link target; failing that, of the first found anywhere in the text.
    fn line_of(&self, forms: &[String], nth: usize) -> Option<usize> {
        let as_target = forms
            .iter()
            .find_map(|form| self.targets.get(form.as_str()).map(Vec::as_slice));
        let anywhere = || -> Option<Vec<usize>> {
            forms.iter().find_map(|form| {
                let offsets: Vec<usize> = self
                    .text
                    .match_indices(form.as_str())
                    .map(|(i, _)| i)
                    .collect();
                (!offsets.is_empty()).then_some(offsets)
            })
        };
        let found;
        let offsets = match as_target {
            Some(offsets) => offsets,
            None => {
                found = anywhere()?;
                &found
            }
        };
        let offset = *offsets.get(nth).or(offsets.last())?;
        Some(self.line_starts.partition_point(|&start| start <= offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_outside_the_content_folder_are_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        std::fs::create_dir_all(content.join("_posts")).unwrap();
        std::fs::write(content.join("_posts/a.md"), "x").unwrap();
        std::fs::write(tmp.path().join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.md"), content.join("link.md")).unwrap();
        assert_eq!(
            below(&content, "_posts/a.md"),
            Some(content.join("_posts/a.md"))
        );
        for outside in [
            "../secret.md",
            "/etc/passwd",
            "_posts/../../secret.md",
            "link.md",
            "missing.md",
        ] {
            assert_eq!(below(&content, outside), None, "{outside}");
        }
    }

    #[test]
    fn finds_the_line_as_written() {
        let md = "---\ntitle: T\n---\n\n## News\n\nSee [the chart](/2018/images/a%20b.png) and\n[the metric](apiserver_request_total).\n";
        assert_eq!(
            SourceIndex::new(md.into()).line_of(&written_forms("apiserver_request_total", "/"), 0),
            Some(8)
        );
        assert_eq!(
            SourceIndex::new(md.into())
                .line_of(&written_forms("/lwkd/2018/images/a%20b.png", "/lwkd/"), 0),
            Some(7)
        );
        assert_eq!(
            SourceIndex::new(md.into()).line_of(&written_forms("elsewhere", "/"), 0),
            None
        );
    }

    #[test]
    fn a_repeated_link_is_matched_in_order() {
        let md = "a [`metric`](metric) b\nc\nd [y](metric)\n";
        assert_eq!(
            SourceIndex::new(md.into()).line_of(&written_forms("metric", "/"), 0),
            Some(1)
        );
        assert_eq!(
            SourceIndex::new(md.into()).line_of(&written_forms("metric", "/"), 1),
            Some(3)
        );
        assert_eq!(
            SourceIndex::new(md.into()).line_of(&written_forms("metric", "/"), 2),
            Some(3)
        );
    }
}

/// No source text or link makes the lookup panic, and a line it gives is one of the text's.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_text_and_link_give_a_line_of_the_text_or_none(
            text in "([\\[\\]()<>\" :=a-z/%#\n]|\\PC|href=\"|src=\"|\\]\\(|\\]: ){0,60}",
            link in "[a-z/%#.:]{0,8}|\\PC{0,4}",
            nth in 0usize..4,
        ) {
            let lines = text.split('\n').count();
            let index = SourceIndex::new(text);
            if let Some(line) = index.line_of(&written_forms(&link, "/base/"), nth) {
                prop_assert!((1..=lines).contains(&line), "line {line} of {lines}");
            }
        }
    }
}
