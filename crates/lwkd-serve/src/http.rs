//! Answers one request: GET and HEAD only, files found by [`SiteFiles`], the live-reload
//! script injected into HTML when the server has live reload, the site's `404.html` for
//! anything else.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use tiny_http::{Header, Method, Request, Response, ResponseBox};

use crate::files::{Resolution, SiteFiles};
use crate::live::{inject, LiveReload, EVENTS_PATH};

pub(crate) fn respond(request: Request, site: &SiteFiles, live: Option<&LiveReload>) {
    let response = if !matches!(request.method(), Method::Get | Method::Head) {
        text(405, "Method Not Allowed: this server only reads files (GET, HEAD)\n").with_header(header("Allow", "GET, HEAD"))
    } else if let Some(live) = live.filter(|_| request.url().split('?').next() == Some(EVENTS_PATH)) {
        return live.subscribe(request);
    } else {
        match site.resolve(request.url()) {
            Resolution::File(path) => file(&path, 200, live),
            Resolution::Redirect(location) => Response::empty(301).with_header(header("Location", &location)).boxed(),
            Resolution::BadRequest => text(400, "Bad Request: this path is not allowed\n"),
            Resolution::NotFound => not_found(site, live),
        }
    };
    // Every reload must show the latest build; a client that went away is no error of ours.
    let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
}

fn not_found(site: &SiteFiles, live: Option<&LiveReload>) -> ResponseBox {
    match site.not_found_page() {
        Some(page) => file(&page, 404, live),
        None => {
            let page = b"<!doctype html>\n<title>Not Found</title>\n<h1>Not Found</h1>\n<p>No page at this address. (The site has no 404.html of its own.)</p>\n";
            html(page, 404, live)
        }
    }
}

/// A file of the site; HTML is read whole (to add the live-reload script), the rest streamed.
fn file(path: &Path, status: u16, live: Option<&LiveReload>) -> ResponseBox {
    let content_type = content_type(path);
    let opened = File::open(path).and_then(|mut f| {
        if content_type.starts_with("text/html") {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes)?;
            Ok(html(&bytes, status, live))
        } else {
            Ok(Response::from_file(f).with_status_code(status).with_header(header("Content-Type", &content_type)).boxed())
        }
    });
    // Gone between resolving and opening: a rebuild just removed it.
    opened.unwrap_or_else(|_| text(404, "Not Found\n"))
}

fn html(bytes: &[u8], status: u16, live: Option<&LiveReload>) -> ResponseBox {
    let bytes = match live {
        Some(live) => inject(bytes, live.generation()),
        None => bytes.to_vec(),
    };
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .boxed()
}

fn text(status: u16, body: &str) -> ResponseBox {
    Response::from_string(body).with_status_code(status).with_header(header("Content-Type", "text/plain; charset=utf-8")).boxed()
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("valid header")
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
    use super::*;

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
