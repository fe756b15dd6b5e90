use std::collections::BTreeMap;

use lwkd_content::walk_within;
use lwkd_theme::{Origin, STATIC};

use lwkd_output::{output_path, OutputFile};
use lwkd_render::BuildError;
use lwkd_render::Site;
use lwkd_render::{Renderer, Scope, Sink};

/// Files copied as they are: the theme's `static/` files (the built-in stylesheet and favicon
/// under the site theme's own), then the site's `static/` folder, then the content's own files
/// (images, favicons, CNAME of a Jekyll root); on a clash the later wins.
pub struct Assets;

impl Renderer for Assets {
    fn name(&self) -> &'static str {
        "assets"
    }

    /// Static files and the content's own files never change under [`Scope::Changed`]
    /// (edits to editions): a change to one loads the site again.
    fn render(&self, site: &Site, scope: Scope, sink: &dyn Sink) -> Result<(), BuildError> {
        if scope == Scope::Changed {
            return Ok(());
        }
        // By output path, so a later source replaces an earlier one's file.
        let mut files: BTreeMap<String, OutputFile> = BTreeMap::new();
        for (rel, file) in site.theme.files().under(STATIC) {
            let out = match &file.origin {
                Origin::BuiltIn(bytes) => OutputFile::bytes(rel, *bytes),
                Origin::Site(path) => OutputFile::copy(rel, path),
            };
            files.insert(out.path.clone(), out);
        }
        let static_dir = &site.config.static_dir;
        if static_dir.is_dir() {
            // The site's own folder, like its templates: a bad entry there stops the build.
            let (found, problems) =
                walk_within(static_dir, static_dir, |_, _| false).map_err(|e| {
                    BuildError::Make {
                        path: static_dir.clone(),
                        source: e.into(),
                    }
                })?;
            if let Some(problem) = problems.first() {
                return Err(BuildError::StaticFile {
                    path: problem.path.clone(),
                    message: problem.message.clone(),
                });
            }
            for path in found {
                let rel = output_path(
                    path.strip_prefix(static_dir)
                        .expect("walked below static_dir"),
                );
                files.insert(rel.clone(), OutputFile::copy(rel, &path));
            }
        }
        for p in &site.content.passthrough {
            files.insert(
                p.output_path.clone(),
                OutputFile::copy(p.output_path.clone(), &p.source),
            );
        }
        // A `cname` in site.toml wins over a CNAME file (the GitHub Pages renderer writes it).
        if site.config.cname.is_some() {
            files.remove("CNAME");
        }
        sink.files(files.into_values().collect())
    }
}
