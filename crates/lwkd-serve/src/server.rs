//! The HTTP/1.1 server under `lwkd serve`, small on purpose: it reads one GET or HEAD
//! request per connection and answers it, each connection on a thread of its own. It holds
//! what a local preview server meets: an accept loop that outlives running out of file
//! descriptors (it waits and accepts again), a cap on live connections (503 beyond it),
//! and limits on the request line (414) and the header block (431), read under a deadline
//! so that a slow client only holds its own thread.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest request line read; longer is 414 URI Too Long.
pub(crate) const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The most header bytes and lines read; more is 431.
pub(crate) const MAX_HEADER_BYTES: usize = 32 * 1024;
const MAX_HEADER_LINES: usize = 100;
/// Connections answered at once (live-reload streams hand theirs over and do not count).
const MAX_CONNECTIONS: usize = 256;
/// How long a client may take to send its request head.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// A request head as read: `GET`, `/2022/20220209?x`.
pub(crate) struct Request {
    pub method: String,
    pub target: String,
    pub stream: TcpStream,
}

/// An answer; `Connection: close` always: one request per connection.
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

pub(crate) enum Body {
    Bytes(Vec<u8>),
    File(std::fs::File, u64),
}

impl Response {
    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: Body::Bytes(body),
        }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::bytes(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }

    /// Writes the response; a HEAD request gets the head alone, with the body's length.
    pub fn write_to(self, stream: &mut TcpStream, head_only: bool) -> std::io::Result<()> {
        let length = match &self.body {
            Body::Bytes(bytes) => bytes.len() as u64,
            Body::File(_, len) => *len,
        };
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Length: {length}\r\nConnection: close\r\n",
            self.status,
            reason(self.status)
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut out = std::io::BufWriter::new(stream);
        out.write_all(head.as_bytes())?;
        if !head_only {
            match self.body {
                Body::Bytes(bytes) => out.write_all(&bytes)?,
                Body::File(file, len) => drop(std::io::copy(&mut file.take(len), &mut out)?),
            }
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// A listening socket and its accept loop; stops (and waits for the loop) when dropped.
pub(crate) struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Answers each request on `listener` with `handle`, on the connection's thread.
    pub fn start(
        listener: TcpListener,
        handle: impl Fn(Request) + Send + Sync + 'static,
    ) -> std::io::Result<Server> {
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stopping);
        let handle = Arc::new(handle);
        let acceptor = std::thread::Builder::new()
            .name("lwkd-accept".into())
            .spawn(move || accept_loop(&listener, &stop, handle))?;
        Ok(Server {
            addr,
            stopping,
            acceptor: Some(acceptor),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wakes the blocking accept.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn accept_loop(
    listener: &TcpListener,
    stopping: &AtomicBool,
    handle: Arc<dyn Fn(Request) + Send + Sync>,
) {
    let live = Arc::new(AtomicUsize::new(0));
    while !stopping.load(Ordering::SeqCst) {
        let mut stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // Out of file descriptors (EMFILE) or memory: wait for some to be freed and go on;
            // whatever else one accept meets is that connection's problem.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        if live.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = Response::text(
                503,
                "Service Unavailable: too many connections; try again\n",
            )
            .write_to(&mut stream, false);
            continue;
        }
        live.fetch_add(1, Ordering::SeqCst);
        let (handle, count) = (Arc::clone(&handle), Arc::clone(&live));
        let spawned = std::thread::Builder::new()
            .name("lwkd-http".into())
            .spawn(move || {
                serve_connection(stream, &*handle);
                count.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            live.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn serve_connection(mut stream: TcpStream, handle: &dyn Fn(Request)) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    match read_head(&stream) {
        Ok((method, target)) => handle(Request {
            method,
            target,
            stream,
        }),
        Err(Some(status)) => {
            let message = match status {
                414 => "URI Too Long: the request line is over 8 KiB\n",
                431 => "Request Header Fields Too Large: over 32 KiB or 100 lines of headers\n",
                408 => "Request Timeout\n",
                _ => "Bad Request\n",
            };
            let _ = Response::text(status, message).write_to(&mut stream, false);
            // Unread request bytes would make closing reset the connection before the
            // client reads the answer.
            let _ = stream.shutdown(Shutdown::Write);
            let _ = std::io::copy(&mut (&stream).take(1 << 20), &mut std::io::sink());
        }
        Err(None) => {}
    }
}

/// Reads the request line and headers within the limits and the deadline; the method and
/// target, or the status to refuse with (`None`: the client went away).
fn read_head(stream: &TcpStream) -> Result<(String, String), Option<u16>> {
    let start = Instant::now();
    let mut reader = BufReader::with_capacity(4096, stream);
    let mut line = Vec::new();
    let mut read_line = |limit: usize, line: &mut Vec<u8>| -> Result<bool, Option<u16>> {
        line.clear();
        let left = HEAD_DEADLINE
            .checked_sub(start.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or(Some(408))?;
        let _ = stream.set_read_timeout(Some(left));
        let n = (&mut reader)
            .take(limit as u64 + 1)
            .read_until(b'\n', line)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => Some(408),
                _ => None,
            })?;
        Ok(n > limit)
    };
    if read_line(MAX_REQUEST_LINE, &mut line)? {
        return Err(Some(414));
    }
    if line.is_empty() {
        return Err(None);
    }
    let text = String::from_utf8_lossy(&line).into_owned();
    let mut parts = text.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(Some(400));
    };
    let (method, target) = (method.to_string(), target.to_string());
    let mut header_bytes = 0;
    for _ in 0..=MAX_HEADER_LINES {
        let too_long = read_line(MAX_HEADER_BYTES - header_bytes, &mut line)?;
        header_bytes += line.len();
        if too_long || header_bytes >= MAX_HEADER_BYTES {
            return Err(Some(431));
        }
        if line.is_empty() {
            return Err(None);
        }
        if line == b"\r\n" || line == b"\n" {
            return Ok((method, target));
        }
    }
    Err(Some(431))
}
