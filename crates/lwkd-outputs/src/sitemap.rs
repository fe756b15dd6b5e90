use std::collections::HashMap;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use lwkd_output::OutputFile;
use lwkd_render::paths::canonical_url;
use lwkd_render::BuildError;
use lwkd_render::Site;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// `/sitemap.xml`, the last step of a build: every HTML page among `paths` (the files the
/// outputs made, so a new kind of page is listed without a change here), edition pages
/// with their date as `lastmod`. `404.html` is not a page to index.
pub fn sitemap(site: &Site, paths: &[&str]) -> Result<OutputFile, BuildError> {
    let dates: HashMap<&str, String> = site
        .content
        .editions
        .iter()
        .map(|e| (e.url.trim_start_matches('/'), e.date.to_string()))
        .collect();
    let mut pages: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .collect();
    pages.sort_unstable();
    let xml = write_urlset(&pages, |page| {
        (
            site.config.absolute_url(&canonical_url(page)),
            dates.get(page).cloned(),
        )
    })
    .map_err(|e| BuildError::Make {
        path: SITEMAP.into(),
        source: e.into(),
    })?;
    Ok(OutputFile::bytes(SITEMAP, xml))
}

/// Where [`sitemap`] goes.
const SITEMAP: &str = "sitemap.xml";

fn write_urlset(
    pages: &[&str],
    entry: impl Fn(&str) -> (String, Option<String>),
) -> std::io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("urlset")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            for page in pages {
                let (loc, lastmod) = entry(page);
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&loc))?;
                    if let Some(date) = &lastmod {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(date))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut xml = writer.into_inner();
    xml.push(b'\n');
    Ok(xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sitemap is handed output paths without their leading `/`.
    #[test]
    fn pages_are_listed_at_their_canonical_url() {
        assert_eq!(canonical_url("index.html"), "");
        assert_eq!(canonical_url("2018/index.html"), "2018/");
        assert_eq!(canonical_url("2018/20180114.html"), "2018/20180114");
        assert_eq!(canonical_url("keps/reindex.html"), "keps/reindex");
    }
}
