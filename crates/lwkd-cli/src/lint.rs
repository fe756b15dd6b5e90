//! `lwkd lint`: editions checked against LWKD's STYLESHEET.md (the rules of lwkd-lint),
//! printed as `path:line:col: rule: message` lines or as GitHub Actions annotations.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lwkd_config::{ConfigError, SiteConfig};
use lwkd_lint::RulesError;
use lwkd_taxonomy::{Facts, Taxonomy};

use crate::{LintArgs, LintFormat};

/// Why `lwkd lint` cannot start.
#[derive(Debug, thiserror::Error)]
enum LintSetupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{}: {source}", file.display())]
    Rules {
        file: PathBuf,
        #[source]
        source: RulesError,
    },
    /// The content folder could not be listed (the message names it).
    #[error(transparent)]
    ContentDir(std::io::Error),
}

/// Lints the editions `args` names (every edition of the content folder by default).
pub(crate) fn run(args: &LintArgs) -> ExitCode {
    let setup = args
        .site
        .config()
        .map_err(LintSetupError::from)
        .and_then(|config| {
            let rules = lwkd_lint::Rules::configured(&config.lint).map_err(|source| {
                LintSetupError::Rules {
                    file: config.root.join(lwkd_config::CONFIG_FILE),
                    source,
                }
            })?;
            let files = if args.files.is_empty() {
                lwkd_content::discover(&config.content_dir)
                    .map_err(LintSetupError::ContentDir)?
                    .editions
            } else {
                args.files.clone()
            };
            let (upstream, _) = lwkd_render::read_upstream(&config, None);
            let facts = Facts::new(upstream);
            let deadlines = deadline_index(&config, &files, &facts);
            Ok((rules, files, facts, deadlines))
        });
    let (rules, files, facts, deadlines) = match setup {
        Ok(setup) => setup,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut errors, mut warnings, mut unreadable) = (0, 0, 0);
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{}: cannot read: {e}", file.display());
                unreadable += 1;
                continue;
            }
        };
        let mut findings = lwkd_lint::lint(&text, &rules, &facts);
        if let Some(head) = lwkd_content::EditionHead::read(file, &text) {
            findings.extend(lwkd_lint::week_ending_findings(&head, &text, &rules));
        }
        if let Some((taxonomy, urls)) = &deadlines {
            if let Some(url) = std::fs::canonicalize(file).ok().and_then(|p| urls.get(&p)) {
                findings.extend(lwkd_lint::next_deadline_findings(
                    taxonomy, url, &text, &rules,
                ));
            }
        }
        findings.sort_by_key(|f| (f.line, f.col, f.rule));
        for f in findings {
            match f.severity {
                lwkd_lint::Severity::Error => errors += 1,
                lwkd_lint::Severity::Warning => warnings += 1,
            }
            match args.format {
                LintFormat::Text => println!(
                    "{}:{}:{}: {}: {}",
                    file.display(),
                    f.line,
                    f.col,
                    f.rule.name(),
                    f.message
                ),
                // Workflow commands: properties and message escaped as GitHub documents it.
                LintFormat::Github => println!(
                    "::{} file={},line={},col={},title={}::{}",
                    f.severity,
                    escape_property(&file.display().to_string()),
                    f.line,
                    f.col,
                    f.rule.name(),
                    f.message
                        .replace('%', "%25")
                        .replace('\r', "%0D")
                        .replace('\n', "%0A")
                ),
            }
        }
    }
    eprintln!(
        "linted {} editions: {errors} errors, {warnings} warnings",
        files.len() - unreadable
    );
    if errors > 0 || unreadable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// For `next-deadline`: the taxonomy of the content folder with the files linted among its
/// editions (a cycle is known from the editions before), and each file's edition URL. `None`
/// without official schedules, the only thing the rule compares with.
fn deadline_index(
    config: &SiteConfig,
    files: &[PathBuf],
    facts: &Facts,
) -> Option<(Taxonomy, HashMap<PathBuf, String>)> {
    if facts.upstream().schedules.is_empty() {
        return None;
    }
    let options = lwkd_content::LoadOptions {
        permalink: config.permalink.clone(),
        drafts: true,
    };
    let mut editions = lwkd_content::load(&config.content_dir, &options)
        .map(|c| c.editions)
        .unwrap_or_default();
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let known: HashSet<_> = editions
        .iter()
        .filter_map(|e| canonical(&e.source))
        .collect();
    for file in files {
        if canonical(file).is_some_and(|p| !known.contains(&p)) {
            let parsed = lwkd_content::read_edition(file, &options);
            editions.extend(parsed.edition);
        }
    }
    editions.sort_by(|a, b| (a.published, &a.source).cmp(&(b.published, &b.source)));
    let urls = editions
        .iter()
        .filter_map(|e| Some((canonical(&e.source)?, e.url.clone())))
        .collect();
    // An edition that changed since it was read is linted without the rule.
    let taxonomy = Taxonomy::index(&editions, facts.upstream()).ok()?;
    Some((taxonomy, urls))
}

fn escape_property(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}
