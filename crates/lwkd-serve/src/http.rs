//! Answers one request: GET and HEAD only, files found by [`SiteFiles`], the live-reload
//! script injected into HTML when the server has live reload, the site's `404.html` for
//! anything else.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::files::{Resolution, SiteFiles};
use crate::live::{inject, LiveReload, EVENTS_PATH};
use crate::server::{Body, Request, Response};

pub(crate) fn respond(request: Request, site: &SiteFiles, live: Option<&LiveReload>) {
    let Request {
        method,
        target,
        mut stream,
    } = request;
    let head_only = method == "HEAD";
    let events = live.filter(|_| {
        matches!(method.as_str(), "GET" | "HEAD") && target.split('?').next() == Some(EVENTS_PATH)
    });
    let response = match events {
        Some(live) => match live.subscribe(stream, head_only) {
            None => return,
            Some((answer, back)) => {
                stream = back;
                answer
            }
        },
        None => answer(&method, &target, site, live),
    };
    // Every reload must show the latest build; a client that went away is no error of ours.
    let _ = response
        .with_header("Cache-Control", "no-store")
        .write_to(&mut stream, head_only);
}

/// The answer to any request but a live-reload subscription.
fn answer(method: &str, target: &str, site: &SiteFiles, live: Option<&LiveReload>) -> Response {
    if !matches!(method, "GET" | "HEAD") {
        return Response::text(
            405,
            "Method Not Allowed: this server only reads files (GET, HEAD)\n",
        )
        .with_header("Allow", "GET, HEAD");
    }
    match site.resolve(target) {
        Resolution::File(path) => file(&path, 200, live),
        Resolution::Redirect(location) => {
            Response::bytes(301, "text/plain; charset=utf-8", Vec::new())
                .with_header("Location", &location)
        }
        Resolution::BadRequest => Response::text(400, "Bad Request: this path is not allowed\n"),
        Resolution::NotFound => not_found(site, live),
    }
}

fn not_found(site: &SiteFiles, live: Option<&LiveReload>) -> Response {
    match site.not_found_page() {
        Some(page) => file(&page, 404, live),
        None => {
            let page = b"<!doctype html>\n<title>Not Found</title>\n<h1>Not Found</h1>\n<p>No page at this address. (The site has no 404.html of its own.)</p>\n";
            html(page, 404, live)
        }
    }
}

/// A file of the site; HTML is read whole (to add the live-reload script), the rest streamed.
fn file(path: &Path, status: u16, live: Option<&LiveReload>) -> Response {
    let content_type = content_type(path);
    let opened = File::open(path).and_then(|mut f| {
        if content_type.starts_with("text/html") {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes)?;
            Ok(html(&bytes, status, live))
        } else {
            let len = f.metadata()?.len();
            Ok(Response {
                status,
                headers: vec![("Content-Type", content_type.clone())],
                body: Body::File(f, len),
            })
        }
    });
    // Gone between resolving and opening: a rebuild just removed it.
    opened.unwrap_or_else(|_| Response::text(404, "Not Found\n"))
}

fn html(bytes: &[u8], status: u16, live: Option<&LiveReload>) -> Response {
    let bytes = match live {
        Some(live) => inject(bytes, live.generation()),
        None => bytes.to_vec(),
    };
    Response::bytes(status, "text/html; charset=utf-8", bytes)
}

/// The type from the extension, with a charset for text so non-ASCII renders right.
pub(crate) fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A built site (`index.html`, `404.html`, an edition, a folder with and one without an
    /// index, a stylesheet) and, beside it, a secret linked from inside.
    fn site() -> (tempfile::TempDir, SiteFiles) {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for (path, text) in [
            ("index.html", "<body>home</body>"),
            ("404.html", "<body>gone</body>"),
            ("2022/20220209.html", "<body>edition</body>"),
            ("keps/3136/index.html", "<body>kep</body>"),
            ("images/a.png", "png"),
            ("style.css", "body {}"),
        ] {
            std::fs::create_dir_all(out.join(path).parent().unwrap()).unwrap();
            std::fs::write(out.join(path), text).unwrap();
        }
        std::fs::write(tmp.path().join("secret.html"), "SECRET").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.html"), out.join("leak.html")).unwrap();
        let site = SiteFiles::new(out, "/".into());
        (tmp, site)
    }

    /// Targets made of the site's paths, traversal in every encoding, and odd characters.
    fn target() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "/|//|\\\\|\\.|\\.\\.|%2e%2e|%2E%2e%2f|%2f|%5c|%00|%ff|%c0%ae|%|%%|\\?|#|;",
            "(index|404|leak|secret|style|2022|20220209|keps|3136|images|a)(\\.(html|css|png))?",
            "\\PC{0,4}",
        ];
        proptest::collection::vec(piece, 0..10).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn any_request_is_answered_from_inside_the_site(
            method in "GET|HEAD|POST|get|OPTIONS|\\PC{0,6}",
            target in target(),
            live in any::<bool>(),
        ) {
            let (_tmp, site) = site();
            let live = live.then(LiveReload::default);
            let response = answer(&method, &target, &site, live.as_ref());
            prop_assert!([200, 301, 400, 404, 405].contains(&response.status), "{}", response.status);
            if !matches!(method.as_str(), "GET" | "HEAD") {
                prop_assert_eq!(response.status, 405);
            }
            match response.body {
                Body::Bytes(bytes) => {
                    prop_assert!(!String::from_utf8_lossy(&bytes).contains("SECRET"));
                }
                Body::File(mut file, len) => {
                    let mut text = String::new();
                    file.read_to_string(&mut text).unwrap();
                    prop_assert_eq!(text.len() as u64, len);
                    prop_assert!(!text.contains("SECRET"));
                }
            }
        }
    }

    #[test]
    fn content_types_of_the_sites_files() {
        for (file, expected) in [
            ("a/b.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("feed.xml", "text/xml; charset=utf-8"),
            ("deadlines.ics", "text/calendar; charset=utf-8"),
            ("data/keps.json", "application/json; charset=utf-8"),
            ("favicon.svg", "image/svg+xml; charset=utf-8"),
            ("images/a.png", "image/png"),
            ("search/search.js", "text/javascript; charset=utf-8"),
            ("search/text/2022/20220209.txt", "text/plain; charset=utf-8"),
            ("CNAME", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), expected, "{file}");
        }
    }
}
