use lwkd_content::walk_within;

use crate::error::BuildError;
use crate::output::{output_path, OutputFile};
use crate::renderer::{EditionChanges, Partial, Renderer};
use crate::site::Site;

/// Files copied as they are: the site's `static/` folder, then the content's own files
/// (images, favicons, CNAME of a Jekyll root), which win over `static/` on a clash.
pub struct Assets;

impl Renderer for Assets {
    fn name(&self) -> &'static str {
        "assets"
    }

    fn render(&self, site: &Site) -> Result<Vec<OutputFile>, BuildError> {
        let mut files = Vec::new();
        let static_dir = &site.config.static_dir;
        if static_dir.is_dir() {
            // The site's own folder, like its templates: a bad entry there stops the build.
            let (found, problems) = walk_within(static_dir, static_dir, |_, _| false).map_err(|e| BuildError::Output { path: static_dir.clone(), message: e.to_string() })?;
            if let Some(problem) = problems.first() {
                return Err(BuildError::Output { path: problem.path.clone(), message: problem.message.clone() });
            }
            for path in found {
                let rel = path.strip_prefix(static_dir).expect("walked below static_dir");
                files.push(OutputFile::copy(output_path(rel), &path));
            }
        }
        let content_paths: std::collections::HashSet<&str> =
            site.content.passthrough.iter().map(|p| p.output_path.as_str()).collect();
        files.retain(|f| !content_paths.contains(f.path.as_str()));
        // A `cname` in site.toml wins over a CNAME file in the content (the GitHub Pages
        // renderer writes it).
        let cname_set = site.config.cname.is_some();
        files.extend(
            site.content
                .passthrough
                .iter()
                .filter(|p| !(cname_set && p.output_path == "CNAME"))
                .map(|p| OutputFile::copy(p.output_path.clone(), &p.source)),
        );
        Ok(files)
    }

    /// Static files and the content's own files never change in an edition-by-edition
    /// rebuild: a change to one reloads everything.
    fn render_changed(&self, _site: &Site, _changes: &EditionChanges) -> Option<Result<Partial, BuildError>> {
        Some(Ok(Partial { files: Vec::new(), paths: None }))
    }
}
