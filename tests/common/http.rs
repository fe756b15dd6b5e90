//! A static file server on 127.0.0.1 for browser tests: what GitHub Pages does with a built
//! site (`/dir/` serves `/dir/index.html`), so root-absolute links and `fetch` work, which
//! they do not over `file://`.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};

/// Serves `root` on a free port for the rest of the test process; returns `http://127.0.0.1:N`.
pub fn serve_dir(root: &Path) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = match file_for(&root, request.url()) {
                Some(path) => {
                    let mime = mime_guess::from_path(&path).first_or_octet_stream();
                    let header = tiny_http::Header::from_bytes("Content-Type", mime.essence_str()).expect("valid header");
                    tiny_http::Response::from_data(std::fs::read(&path).unwrap_or_default()).with_header(header).boxed()
                }
                None => tiny_http::Response::from_string("not found").with_status_code(404).boxed(),
            };
            let _ = request.respond(response);
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// The file a URL path names under `root`, as GitHub Pages resolves it.
fn file_for(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.split('/').any(|part| part == "..") {
        return None;
    }
    let mut file = root.join(decoded.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}
