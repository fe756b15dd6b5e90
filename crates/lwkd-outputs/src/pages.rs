//! A Jekyll root's pages (Markdown with front matter outside `_posts/`, such as the LWKD
//! repository's `template.md`): each rendered with the theme's `page.html` at the path
//! Jekyll gives it (`/template.html`, linked as `/template`).

use lwkd_render::site_paths::prefix_site_paths;
use lwkd_render::{BuildError, Site};
use lwkd_render::{Renderer, Scope, Sink};

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

    /// Pages are not editions: edits to editions ([`Scope::Changed`]) leave them as they
    /// are, and a change to one loads the site again.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        if scope == Scope::Changed {
            return Ok(());
        }
        site.content.pages.iter().try_for_each(|page| {
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
            site.render_page(sink, &page.output_path, "page.html", context)
        })
    }
}
