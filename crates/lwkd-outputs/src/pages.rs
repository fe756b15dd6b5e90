//! A Jekyll root's pages (Markdown with front matter outside `_posts/`, such as the LWKD
//! repository's `template.md`): each rendered with the theme's `page.html` at the path
//! Jekyll gives it (`/template.html`, linked as `/template`).

use lwkd_output::OutputFile;
use lwkd_render::site_paths::prefix_site_paths;
use lwkd_render::{BuildError, Site};
use lwkd_render::{EditionChanges, Partial, Renderer};

pub struct JekyllPages;

#[derive(serde::Serialize)]
struct PageView<'a> {
    title: &'a str,
    /// Its site path, `/template.html`.
    url: String,
    html: &'a str,
}

impl Renderer for JekyllPages {
    fn name(&self) -> &'static str {
        "pages"
    }

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        site.content
            .pages
            .iter()
            .map(|page| {
                let html =
                    prefix_site_paths(&page.html, site.config.base_path().trim_end_matches('/'))?;
                let mut context = site.context(&page.title);
                context.insert(
                    "page",
                    &PageView {
                        title: &page.title,
                        url: format!("/{}", page.output_path),
                        html: &html,
                    },
                );
                site.render_page(&page.output_path, "page.html", context)
            })
            .collect()
    }

    /// Pages are not editions: an edition's change leaves them as they are, and a change
    /// to one reloads everything.
    fn render_changed(
        &self,
        _site: &Site,
        _changes: &EditionChanges,
    ) -> Option<Result<Partial, BuildError>> {
        Some(Ok(Partial {
            files: Vec::new(),
            paths: None,
        }))
    }
}
