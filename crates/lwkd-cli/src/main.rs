//! `lwkd`, the command line. It only parses arguments and wires the crates together: the
//! loader, indexer and renderer do the work; this file (with `lint.rs` and
//! `new_edition.rs`, one command each) decides exit codes and what is printed. Exit status: 0 ok, 1 content errors (the rest was built), 2 usage, config or
//! template errors (the previous output untouched).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use chrono::{Local, NaiveDate};
use clap::{Args, Parser, Subcommand};
use lwkd_check::{CheckOptions, ExternalOptions};
use lwkd_config::{ConfigError, SiteConfig};
use lwkd_render::{BuildError, BuildReport};
use lwkd_upstream::UpstreamDirs;

use crate::new_edition::{week_ending, write_new_edition, NewEditionError};

mod lint;
mod new_edition;

// A build makes and drops hundreds of thousands of small strings from two threads; mimalloc
// spends a third of the time glibc's malloc does on them (perf, real archive).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "lwkd",
    version,
    about = "Static site generator for Last Week in Kubernetes Development"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory.
    Build(BuildArgs),
    /// Build, serve the site locally, rebuild on every change and reload open pages.
    Serve(ServeArgs),
    /// Check every internal link and #anchor of the built site (and external links with --external).
    Check(CheckArgs),
    /// Write the next edition (for the week ending next Sunday) from the theme's template.
    New(NewArgs),
    /// Check editions against LWKD's STYLESHEET.md (every edition, or the files named).
    Lint(LintArgs),
    /// The theme built into lwkd.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

#[derive(Args)]
struct LintArgs {
    /// Editions to check [default: every edition in the content directory].
    files: Vec<PathBuf>,
    /// `path:line:col: rule: message` lines, or GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    format: LintFormat,
    #[command(flatten)]
    site: BuildArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LintFormat {
    Text,
    Github,
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Write the built-in theme out (templates, edition.md, static/) to change it; a site's
    /// themes/<name>/ overrides the built-in theme file by file, so keep only what you change.
    Eject(EjectArgs),
}

#[derive(Args)]
struct EjectArgs {
    /// Where to write it [default: themes/<theme> in --root, the folder site.toml's `theme` names].
    dir: Option<PathBuf>,
    /// Site root holding site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// `lwkd check`: the build's flags say which site (output, base URL, content for line
/// numbers); `--drafts` has no effect here.
#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: BuildArgs,
    /// Also fetch links to other sites (concurrently, with a timeout; answers cached in .lwkd-cache/).
    #[arg(long)]
    external: bool,
    /// Seconds one external request may take.
    #[arg(long, default_value_t = 10, requires = "external")]
    timeout: u64,
}

#[derive(Args)]
struct NewArgs {
    /// Site root holding site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// A day of the edition's week (YYYY-MM-DD); the edition is for the Sunday that week ends on.
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Stands in for today's date (for tests).
    #[arg(long, hide = true, env = "LWKD_TODAY")]
    today: Option<NaiveDate>,
    /// A folder with a checkout of kubernetes/sig-release as `sig-release/` (as for build):
    /// the Release Schedule names the next official deadline. Overrides `[upstream]` in site.toml.
    #[arg(long, value_name = "DIR")]
    upstream: Option<PathBuf>,
}

#[derive(Args)]
struct ServeArgs {
    /// Port to listen on; 0 picks a free one (the URL is printed).
    #[arg(long, default_value_t = lwkd_serve::DEFAULT_PORT)]
    port: u16,
    /// Address to listen on; 127.0.0.1 keeps the site on this machine.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    #[command(flatten)]
    build: BuildArgs,
}

/// Where the site is and what to override from its `site.toml`.
#[derive(Args, Clone)]
struct BuildArgs {
    /// Site root holding site.toml, themes/ and static/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Editions: a directory of Markdown files or a Jekyll site root with _posts/.
    #[arg(long)]
    content: Option<PathBuf>,
    /// Output directory.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute URL the site is published at, e.g. https://user.github.io/lwkd/.
    #[arg(long)]
    base_url: Option<String>,
    /// Also build editions marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// A folder with checkouts (full or sparse) of kubernetes/enhancements, community and
    /// sig-release, as `enhancements/`, `community/` and `sig-release/`: the KEPs', SIGs' and
    /// release schedules' own facts. Overrides `[upstream]` in site.toml.
    #[arg(long, value_name = "DIR")]
    upstream: Option<PathBuf>,
}

impl BuildArgs {
    /// `site.toml` with the command line's overrides applied. Paths given on the command
    /// line are relative to the current directory, as a shell user expects.
    fn config(&self) -> Result<SiteConfig, ConfigError> {
        let mut config = SiteConfig::load(&self.root)?;
        if let Some(content) = &self.content {
            config.set_content_dir(content.clone())?;
        }
        if let Some(out) = &self.out {
            config.output_dir = out.clone();
        }
        if let Some(url) = &self.base_url {
            config.set_base_url(url);
        }
        config.drafts |= self.drafts;
        if let Some(dir) = &self.upstream {
            config.upstream = UpstreamDirs::under(dir);
        }
        Ok(config)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Serve(args) => serve(args),
        Command::Check(args) => check(&args),
        Command::New(args) => new_edition(&args),
        Command::Theme(ThemeCommand::Eject(args)) => eject(&args),
        Command::Lint(args) => lint::run(&args),
    }
}

fn eject(args: &EjectArgs) -> ExitCode {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => match SiteConfig::load(&args.root) {
            Ok(config) => config.theme_dir,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match lwkd_theme::eject(&dir) {
        Ok(written) => {
            eprintln!("wrote the built-in theme's {} files to {}; delete those you do not change, they stay built in", written.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn check(args: &CheckArgs) -> ExitCode {
    if args.external && !lwkd_check::EXTERNAL_LINKS {
        eprintln!("error: --external: {}", lwkd_check::NO_EXTERNAL_LINKS);
        return ExitCode::from(2);
    }
    let config = match args.site.config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let external = args.external.then(|| ExternalOptions {
        timeout: Duration::from_secs(args.timeout),
        cache: Some(config.root.join(".lwkd-cache/external-links.json")),
        ..ExternalOptions::default()
    });
    let options = CheckOptions {
        out_dir: config.output_dir.clone(),
        base_url: config.base_url.clone(),
        content_dir: Some(config.content_dir.clone()),
        ignore: config.check_ignore.clone(),
        external,
    };
    match lwkd_check::check(&options) {
        Ok(report) => {
            for broken in &report.broken {
                println!("{broken}");
            }
            // Deadlines the archive announced on another day than the official schedule's:
            // warnings, which leave the exit status alone.
            match lwkd_check::deadline_warnings(&options.out_dir, options.content_dir.as_deref()) {
                Ok(warnings) => warnings.iter().for_each(|w| eprintln!("{w}")),
                Err(e) => eprintln!("warning: {e}"),
            }
            eprintln!(
                "checked {} links on {} pages: {} broken, {} ignored{}",
                report.links,
                report.pages,
                report.broken.len(),
                report.ignored,
                if args.external {
                    format!(", {} external fetched", report.external_fetched)
                } else {
                    String::new()
                }
            );
            if report.broken.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn new_edition(args: &NewArgs) -> ExitCode {
    let config = match SiteConfig::load(&args.root) {
        Ok(mut config) => {
            if let Some(dir) = &args.upstream {
                config.upstream = UpstreamDirs::under(dir);
            }
            config
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let day = args
        .date
        .or(args.today)
        .unwrap_or_else(|| Local::now().date_naive());
    let Some(sunday) = week_ending(day) else {
        eprintln!("error: --date {day}: the Sunday that week ends on is past the last date lwkd can write; pick an earlier date");
        return ExitCode::from(2);
    };
    match write_new_edition(&config, sunday) {
        Ok(written) => {
            if let Some(why) = written.no_deadline {
                eprintln!("note: the Release Schedule's Next Deadline is left to fill: {why}");
            }
            println!("{}", written.path.display());
            ExitCode::SUCCESS
        }
        Err(e @ NewEditionError::Exists(_)) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    keep_freed_memory();
    let options = lwkd_serve::ServeOptions {
        bind: args.bind,
        port: args.port,
    };
    let build = args.build;
    let started =
        lwkd_serve::LiveServer::start(options, move || build.config()).and_then(|server| {
            let ctrl_c = lwkd_serve::CtrlC::catch()?;
            println!("serving {} (Ctrl-C to stop)", server.url());
            ctrl_c.wait();
            eprintln!("stopping");
            server.stop();
            Ok(())
        });
    match started {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Keeps the memory the process frees instead of handing it back to the system a second
/// later (mimalloc's default): each rebuild in `lwkd serve` would fault it all in again,
/// which made one rebuild in five take 15-25 ms instead of 6 (a line inserted into an
/// edition of the real archive, saves 2 s apart). The server keeps its peak size instead.
/// `mi_option_purge_delay` in mimalloc.h (v2 and v3); libmimalloc-sys names no constant for it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time; -1 means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Hands the memory a build frees back to the system 30 ms later instead of a second: a
/// large build frees hundreds of MB from one stage to the next and makes as much again, and
/// the freed pages held for a second added to its peak (70 of 1,330 MiB at a hundred times
/// the archive, synthetic). At once (0 ms) took 4 s more of that build's 16; 10 ms, 20 more
/// of the real archive's 240.
fn return_freed_memory_soon() {
    // SAFETY: setting an option is allowed at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 30) }
}

/// Opts out of transparent huge pages, which mimalloc asks for on the memory it maps: a huge
/// page is resident whole however little of it is used, and a build's memory is many
/// short-lived objects (a 100x build peaked at 1,155-1,165 MB with them, 1,090-1,130
/// without, no slower). Where the system has none, or off Linux, this changes nothing.
fn decline_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn build(args: &BuildArgs) -> ExitCode {
    return_freed_memory_soon();
    decline_huge_pages();
    match args
        .config()
        .map_err(BuildError::from)
        .and_then(lwkd_outputs::build)
    {
        Ok(report) => report_build(&report),
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("nothing was written; the previous output is as it was");
            ExitCode::from(2)
        }
    }
}

fn report_build(report: &BuildReport) -> ExitCode {
    for note in &report.upstream_notes {
        eprintln!("{note}");
    }
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    let t = &report.timings;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "built {} editions, {} files in {:.0} ms (load {:.0}, index {:.0}, render+write {:.0}, swap {:.0})",
        report.editions,
        report.files,
        ms(t.load + t.index + t.render + t.write),
        ms(t.load),
        ms(t.index),
        ms(t.render),
        ms(t.write)
    );
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number is mimalloc's purge delay: it holds that option's default (1 s in
    /// mimalloc v3) until `lwkd serve` sets it to "never".
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reading and setting options is allowed at any time.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(
            default, 1000,
            "option {MI_OPTION_PURGE_DELAY} is not mimalloc's purge_delay"
        );
        keep_freed_memory();
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            -1
        );
    }

    /// A build asks for no transparent huge pages.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_build_declines_transparent_huge_pages() {
        decline_huge_pages();
        assert_eq!(
            rustix::thread::transparent_huge_pages_are_disabled().ok(),
            Some(true)
        );
    }
}
