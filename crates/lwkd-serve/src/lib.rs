//! `lwkd-serve` owns `lwkd serve`: a local HTTP server over the built output (its own small
//! HTTP/1.1 server, a thread per connection, GitHub Pages' path rules, never a byte from outside the output
//! directory), a watcher that rebuilds the site through lwkd-render when its content, theme,
//! static files or `site.toml` change, and live reload over Server-Sent Events with an
//! in-browser overlay for build errors. Requests read the output directory as it is on disk
//! and never wait for a rebuild: the renderer replaces a full build by one directory swap and
//! an incremental one file by file, each file whole, and a failed build writes nothing.

mod files;
mod http;
mod live;
mod live_site;
mod rebuild;
mod server;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use lwkd_config::{ConfigError, SiteConfig};

use crate::files::SiteFiles;
use crate::live::LiveReload;
pub use crate::live_site::LiveSite;
use crate::rebuild::{Rebuilder, Watch};
use crate::server::Server;

/// The port `lwkd serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// Where to listen. Port 0 takes any free port; [`LiveServer::url`] tells which.
#[derive(Debug, Clone, Copy)]
pub struct ServeOptions {
    pub bind: IpAddr,
    pub port: u16,
}

/// Why `lwkd serve` could not start; the CLI exits 2 on each.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: the port is already in use (another `lwkd serve`?); stop it or pick another port with --port N")]
    PortInUse { addr: SocketAddr },
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: SocketAddr, message: String },
    #[error(transparent)]
    Config(ConfigError),
    #[error("cannot watch {path} for changes: {message}")]
    Watch {
        path: std::path::PathBuf,
        message: String,
    },
    #[error("cannot handle Ctrl-C: {0}")]
    Signal(String),
}

/// A running server: the HTTP workers, the watcher and the rebuilds it triggers.
pub struct LiveServer {
    http: Workers,
    watch: Watch,
    live: Arc<LiveReload>,
}

impl LiveServer {
    /// Listens, builds the site once, then serves it and rebuilds on every change.
    /// `load_config` is called before each build, so edits to `site.toml` take effect; the
    /// output directory and base path stay those of the first call.
    pub fn start(
        options: ServeOptions,
        load_config: impl Fn() -> Result<SiteConfig, ConfigError> + Send + 'static,
    ) -> Result<LiveServer, ServeError> {
        let config = load_config().map_err(ServeError::Config)?;
        let listener = listen(SocketAddr::new(options.bind, options.port))?;
        let live = Arc::new(LiveReload::default());
        let mut rebuilder =
            Rebuilder::new(load_config, config.output_dir.clone(), Arc::clone(&live));
        rebuilder.rebuild(&[]);
        let watch = rebuild::watch(&config, rebuilder)?;
        let site = SiteFiles::new(config.output_dir.clone(), config.base_path().to_string());
        let http = Workers::start(listener, site, Some(Arc::clone(&live)))?;
        Ok(LiveServer { http, watch, live })
    }

    /// The site's address, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        self.http.url()
    }

    /// Stops watching (a rebuild in progress finishes first), closes the live-reload
    /// streams and waits for the workers to finish their requests.
    pub fn stop(self) {
        self.watch.stop();
        self.live.close();
        drop(self.http);
    }
}

/// A built site served as it is on disk, by the rules of `lwkd serve` (GitHub Pages paths,
/// the site's `404.html`, nothing from outside the directory) but without building, watching
/// or live reload: for opening an output directory in a browser, as the tests do. Stops when
/// dropped.
pub struct FileServer {
    http: Workers,
}

impl FileServer {
    /// Serves `output_dir` published under `base_path` (`/` or `/lwkd/`).
    pub fn start(
        output_dir: PathBuf,
        base_path: &str,
        options: ServeOptions,
    ) -> Result<FileServer, ServeError> {
        let http = Workers::start(
            listen(SocketAddr::new(options.bind, options.port))?,
            SiteFiles::new(output_dir, base_path.to_string()),
            None,
        )?;
        Ok(FileServer { http })
    }

    /// The site's address, e.g. `http://127.0.0.1:1111/`.
    pub fn url(&self) -> String {
        self.http.url()
    }
}

/// The server answering a listening socket's requests; stops when dropped.
struct Workers {
    server: Server,
    base_path: String,
}

impl Workers {
    fn start(
        listener: TcpListener,
        site: SiteFiles,
        live: Option<Arc<LiveReload>>,
    ) -> Result<Workers, ServeError> {
        let base_path = site.base_path().to_string();
        let addr = listener.local_addr().map_err(|e| ServeError::Listen {
            addr: SocketAddr::from(([0, 0, 0, 0], 0)),
            message: e.to_string(),
        })?;
        let server = Server::start(listener, move |request| {
            http::respond(request, &site, live.as_deref())
        })
        .map_err(|e| ServeError::Listen {
            addr,
            message: e.to_string(),
        })?;
        Ok(Workers { server, base_path })
    }
}

fn listen(addr: SocketAddr) -> Result<TcpListener, ServeError> {
    TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse { addr },
        _ => ServeError::Listen {
            addr,
            message: e.to_string(),
        },
    })
}

impl Workers {
    fn url(&self) -> String {
        format!("http://{}{}", self.server.addr(), self.base_path)
    }
}

/// Ctrl-C (SIGINT), caught from [`CtrlC::catch`] on: it no longer stops the process, and
/// [`CtrlC::wait`] returns when it is pressed. Caught before the server says Ctrl-C stops
/// it, so that one pressed as soon as it says so stops it cleanly.
pub struct CtrlC(std::sync::mpsc::Receiver<()>);

impl CtrlC {
    pub fn catch() -> Result<CtrlC, ServeError> {
        let (tx, rx) = std::sync::mpsc::channel();
        ctrlc::set_handler(move || {
            let _ = tx.send(());
        })
        .map_err(|e| ServeError::Signal(e.to_string()))?;
        Ok(CtrlC(rx))
    }

    /// Blocks until the user presses Ctrl-C.
    pub fn wait(self) {
        let _ = self.0.recv();
    }
}
