use lwkd_output::OutputFile;
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

/// What GitHub Pages reads besides the pages: `/404.html` (served for any missing path, so
/// it is themed and its links are absolute), `/.nojekyll` (publish the files as they are,
/// no Jekyll run), `/CNAME` when `site.toml` sets `cname`, and `/robots.txt` naming the
/// sitemap.
pub struct GithubPages;

impl Renderer for GithubPages {
    fn name(&self) -> &'static str {
        "github-pages"
    }

    /// It shows the settings and the theme only, which edits to editions
    /// ([`Scope::Changed`]) never change.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        if scope == Scope::Changed {
            return Ok(());
        }
        let config = &site.config;
        let not_found = site.context(&format!("Page not found · {}", config.title));
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            config.absolute_url("/sitemap.xml")
        );
        site.render_page(sink, "404.html", "404.html", not_found)?;
        let mut files = vec![
            OutputFile::bytes(".nojekyll", ""),
            OutputFile::bytes("robots.txt", robots),
        ];
        if let Some(cname) = &config.cname {
            files.push(OutputFile::bytes("CNAME", format!("{}\n", cname.trim())));
        }
        sink.files(files)
    }
}
