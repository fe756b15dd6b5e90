//! Live reload: the build state every open page follows over Server-Sent Events, and the
//! script that pages get at response time (built files stay clean). After a rebuild pages
//! reload, or only swap their stylesheets when nothing but CSS changed; while a build has
//! errors they show them in an overlay instead.

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

use crate::server::Response;

/// Where pages listen for build events.
pub(crate) const EVENTS_PATH: &str = "/__lwkd/events";

const SCRIPT: &str = include_str!("live.js");

/// A comment line keeps idle streams open through proxies and finds closed tabs.
const KEEPALIVE: Duration = Duration::from_secs(15);

#[derive(Default)]
pub(crate) struct LiveReload {
    inner: Mutex<Inner>,
    /// Event streams open now.
    open: Arc<AtomicUsize>,
}

/// The most live-reload streams open at once: each holds a thread and a connection.
pub(crate) const MAX_STREAMS: usize = 64;

#[derive(Default)]
struct Inner {
    state: BuildState,
    streams: Vec<Sender<String>>,
}

/// What the last build left, as pages see it.
#[derive(Default, Clone)]
struct BuildState {
    /// Bumped each time a new build is swapped in.
    generation: u64,
    /// Only stylesheets changed since the previous generation.
    css_only: bool,
    /// Only the search index changed since the previous generation.
    search_only: bool,
    /// Errors of the last build, `path:line: message`; empty when it was clean.
    errors: Vec<String>,
}

impl BuildState {
    fn event(&self) -> String {
        let data = serde_json::json!({ "generation": self.generation, "css_only": self.css_only, "search_only": self.search_only, "errors": self.errors });
        format!("data: {data}\n\n")
    }
}

impl LiveReload {
    /// A new build was swapped in; `errors` are those of its content, if any.
    pub(crate) fn built(&self, css_only: bool, errors: Vec<String>) {
        self.publish(|state| {
            state.generation += 1;
            state.css_only = css_only;
            state.search_only = false;
            state.errors = errors;
        });
    }

    /// A new search index was swapped in: search pages reload, the others stay.
    pub(crate) fn search_built(&self) {
        self.publish(|state| {
            state.generation += 1;
            state.css_only = false;
            state.search_only = true;
        });
    }

    /// A build failed and wrote nothing: the last good generation stays.
    pub(crate) fn failed(&self, errors: Vec<String>) {
        self.publish(|state| state.errors = errors);
    }

    /// The state and streams; nothing panics while holding them, and if something did the
    /// data would still be whole (each change is one assignment), so a poisoned lock is used.
    fn locked(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn publish(&self, change: impl FnOnce(&mut BuildState)) {
        let mut inner = self.locked();
        change(&mut inner.state);
        let event = inner.state.event();
        inner
            .streams
            .retain(|stream| stream.send(event.clone()).is_ok());
    }

    pub(crate) fn generation(&self) -> u64 {
        self.locked().state.generation
    }

    /// Ends every event stream (at shutdown).
    pub(crate) fn close(&self) {
        self.locked().streams.clear();
    }

    /// Answers `GET /__lwkd/events` with a stream that starts with the current state, on a
    /// thread of its own so that open tabs never hold up other requests. Beyond
    /// [`MAX_STREAMS`] open ones, and for HEAD, the answer and the connection come back.
    pub(crate) fn subscribe(
        &self,
        mut stream: TcpStream,
        head_only: bool,
    ) -> Option<(Response, TcpStream)> {
        if head_only {
            return Some((
                Response::bytes(200, "text/event-stream", Vec::new()),
                stream,
            ));
        }
        let open = Arc::clone(&self.open);
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
            open.fetch_sub(1, Ordering::SeqCst);
            return Some((
                Response::text(
                    503,
                    "Service Unavailable: too many live-reload streams are open; close some tabs\n",
                )
                .with_header("Retry-After", "5"),
                stream,
            ));
        }
        let (tx, rx) = channel();
        {
            let mut inner = self.locked();
            // `rx` is alive right here: the send cannot fail.
            let _ = tx.send(inner.state.event());
            inner.streams.push(tx);
        }
        // This connection's thread becomes the stream's: it writes its own head.
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
        let mut send = |text: &str| {
            stream
                .write_all(text.as_bytes())
                .and_then(|()| stream.flush())
        };
        if send(head).is_ok() {
            loop {
                let text = match rx.recv_timeout(KEEPALIVE) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                if send(&text).is_err() {
                    break;
                }
            }
        }
        open.fetch_sub(1, Ordering::SeqCst);
        None
    }
}

/// `html` with the live-reload script before `</body>` (or at the end), told which
/// generation of the site it belongs to.
pub(crate) fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let script = format!("<script data-generation=\"{generation}\" data-events=\"{EVENTS_PATH}\">\n{SCRIPT}</script>\n");
    let at = find_last_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = std::str::from_utf8(&inject(b"<html><body><p>x</p></BODY></html>", 7))
            .unwrap()
            .to_string();
        let script = html.find("<script data-generation=\"7\"").unwrap();
        assert!(
            script > html.find("<p>x</p>").unwrap() && script < html.find("</BODY>").unwrap(),
            "{html}"
        );
        let bare = String::from_utf8(inject(b"<p>no body</p>", 1)).unwrap();
        assert!(bare.starts_with("<p>no body</p><script"), "{bare}");
    }

    #[test]
    fn events_carry_generation_and_errors_as_json() {
        let live = LiveReload::default();
        live.built(false, vec![]);
        live.failed(vec!["content/a.md:3: error: \"bad\"".into()]);
        let event = live.inner.lock().unwrap().state.event();
        let json: serde_json::Value =
            serde_json::from_str(event.strip_prefix("data: ").unwrap().trim()).unwrap();
        assert_eq!(json["generation"], 1);
        assert_eq!(json["errors"][0], "content/a.md:3: error: \"bad\"");
    }
}
