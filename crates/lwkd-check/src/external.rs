//! Links to other sites: fetched concurrently, each with a timeout, and remembered in a
//! cache file so a second run within the cache's lifetime asks no server again.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// How external links are checked.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// For one whole request, redirects included.
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// JSON file of earlier answers; `None` to ask every time.
    pub cache: Option<PathBuf>,
    /// How long a good answer is trusted. Failures are always asked again.
    pub cache_for: Duration,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            concurrency: 16,
            cache: None,
            cache_for: Duration::from_secs(24 * 3600),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Answer {
    /// `None` when it worked, else what went wrong.
    problem: Option<String>,
    /// Seconds since the Unix epoch.
    checked_at: u64,
}

/// Checks `urls`; returns the broken ones with what is wrong, and how many were asked
/// (not answered from the cache).
pub fn check(urls: &[String], options: &ExternalOptions) -> (BTreeMap<String, String>, usize) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let mut cache = options
        .cache
        .as_ref()
        .map_or_else(BTreeMap::new, read_cache);
    let fresh = |answer: &Answer| {
        answer.problem.is_none()
            && now.saturating_sub(answer.checked_at) < options.cache_for.as_secs()
    };
    let to_ask: Vec<&String> = urls
        .iter()
        .filter(|u| !cache.get(*u).is_some_and(fresh))
        .collect();

    let fetcher = Fetcher::new(options.timeout);
    let answers = Mutex::new(Vec::with_capacity(to_ask.len()));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency.clamp(1, to_ask.len().max(1)) {
            scope.spawn(|| {
                while let Some(url) = to_ask.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let problem = fetcher.ask(url);
                    answers.lock().expect("no panics while held").push((
                        (*url).clone(),
                        Answer {
                            problem,
                            checked_at: now,
                        },
                    ));
                }
            });
        }
    });
    let asked = to_ask.len();
    cache.extend(answers.into_inner().expect("threads joined"));
    if let Some(path) = &options.cache {
        write_cache(path, &cache);
    }
    let broken = urls
        .iter()
        .filter_map(|u| cache.get(u)?.problem.clone().map(|p| (u.clone(), p)))
        .collect();
    (broken, asked)
}

/// Asks servers over HTTP(S): ureq and its TLS stack, built only with the `external` feature.
#[cfg(feature = "external")]
struct Fetcher(ureq::Agent);

#[cfg(feature = "external")]
impl Fetcher {
    fn new(timeout: Duration) -> Fetcher {
        Fetcher(
            ureq::Agent::config_builder()
                .timeout_global(Some(timeout))
                .http_status_as_error(false)
                .user_agent(concat!("lwkd-check/", env!("CARGO_PKG_VERSION")))
                .build()
                .into(),
        )
    }

    /// `None` when the server answers 2xx or 3xx (after following redirects).
    fn ask(&self, url: &str) -> Option<String> {
        match self.0.get(url).call() {
            Ok(response)
                if response.status().is_client_error() || response.status().is_server_error() =>
            {
                Some(format!("HTTP {}", response.status()))
            }
            Ok(_) => None,
            Err(e) => Some(e.to_string()),
        }
    }
}

/// Without the `external` feature no link can be fetched: each is told so (the CLI refuses
/// `--external` before it gets here).
#[cfg(not(feature = "external"))]
struct Fetcher;

#[cfg(not(feature = "external"))]
impl Fetcher {
    fn new(_timeout: Duration) -> Fetcher {
        Fetcher
    }

    fn ask(&self, _url: &str) -> Option<String> {
        Some(crate::NO_EXTERNAL_LINKS.to_string())
    }
}

fn read_cache(path: &PathBuf) -> BTreeMap<String, Answer> {
    // A missing or damaged cache only costs requests.
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write_cache(path: &PathBuf, cache: &BTreeMap<String, Answer>) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(json) = serde_json::to_vec_pretty(cache) {
        let _ = std::fs::write(path, json);
    }
}
