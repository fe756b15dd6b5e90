//! `lwkd-theme` owns lwkd's default theme as the binary carries it: the page templates, the
//! new-edition template, the stylesheet and the favicon (the repository's `themes/default/`
//! and `static/`, embedded at compile time), and the rule that lays a site's own theme folder
//! over it file by file, as mdBook does: a file the site has wins, every other file is the
//! built-in one. So an installed `lwkd` builds a styled site from any folder, and a site that
//! changes one template keeps only that template. [`eject`] writes the built-in files out to
//! be customised; [`unindented`] is a template as it is compiled, without the indentation
//! kept for its readers.
//!
//! Layout of a theme, built in or a site's `themes/<name>/`: `templates/*.html` (tera),
//! `edition.md` (what `lwkd new` fills in) and `static/` (copied to the output as it is).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir, DirEntry};

mod unindent;
pub use unindent::unindented;

/// The folder of tera templates inside a theme.
pub const TEMPLATES: &str = "templates/";
/// The folder of files copied to the output as they are.
pub const STATIC: &str = "static/";
/// The template `lwkd new` fills in.
pub const EDITION_TEMPLATE: &str = "edition.md";

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../themes/default");
static DEFAULT_STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../static");

/// Where one file of the theme comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    BuiltIn(&'static [u8]),
    Site(PathBuf),
}

/// One file of the theme, at its path inside the theme (`templates/base.html`).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub path: String,
    pub origin: Origin,
}

impl ThemeFile {
    pub fn read(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match &self.origin {
            Origin::BuiltIn(bytes) => Ok(Cow::Borrowed(bytes)),
            Origin::Site(path) => std::fs::read(path).map(Cow::Owned),
        }
    }

    pub fn read_to_string(&self) -> std::io::Result<String> {
        String::from_utf8(self.read()?.into_owned())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
    }

    /// Where it is, for messages: the site's file, or the built-in file by its theme path.
    pub fn location(&self) -> String {
        match &self.origin {
            Origin::BuiltIn(_) => format!("(lwkd's built-in theme) {}", self.path),
            Origin::Site(path) => path.display().to_string(),
        }
    }
}

/// Every file of a theme, by path inside the theme, sorted.
#[derive(Debug, Clone)]
pub struct ThemeFiles {
    files: BTreeMap<String, ThemeFile>,
}

impl ThemeFiles {
    /// The default theme alone.
    pub fn built_in() -> ThemeFiles {
        let mut files = BTreeMap::new();
        for (prefix, dir) in [("", &DEFAULT_THEME), (STATIC, &DEFAULT_STATIC)] {
            let mut stack = vec![dir];
            while let Some(dir) = stack.pop() {
                for entry in dir.entries() {
                    match entry {
                        DirEntry::Dir(d) => stack.push(d),
                        DirEntry::File(f) => {
                            let path = format!("{prefix}{}", slashed(f.path()));
                            files.insert(
                                path.clone(),
                                ThemeFile {
                                    path,
                                    origin: Origin::BuiltIn(f.contents()),
                                },
                            );
                        }
                    }
                }
            }
        }
        ThemeFiles { files }
    }

    /// The default theme with the files of the site's `theme_dir` laid over it. A missing
    /// `theme_dir` is the default theme alone; hidden files and editors' `~` backups are not
    /// part of a theme.
    pub fn overlaid(theme_dir: &Path) -> std::io::Result<ThemeFiles> {
        let mut theme = ThemeFiles::built_in();
        if !theme_dir.is_dir() {
            return Ok(theme);
        }
        let visible = |e: &walkdir::DirEntry| {
            e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
        };
        for entry in walkdir::WalkDir::new(theme_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(visible)
        {
            let entry = entry.map_err(std::io::Error::other)?;
            if entry.file_type().is_file() && !entry.file_name().to_string_lossy().ends_with('~') {
                let path = slashed(
                    entry
                        .path()
                        .strip_prefix(theme_dir)
                        .expect("walked below theme_dir"),
                );
                theme.files.insert(
                    path.clone(),
                    ThemeFile {
                        path,
                        origin: Origin::Site(entry.into_path()),
                    },
                );
            }
        }
        Ok(theme)
    }

    pub fn get(&self, path: &str) -> Option<&ThemeFile> {
        self.files.get(path)
    }

    /// The files under a folder of the theme (`TEMPLATES`, `STATIC`), each with its path
    /// inside that folder.
    pub fn under<'a>(
        &'a self,
        folder: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files
            .range(folder.to_string()..)
            .map_while(move |(path, file)| path.strip_prefix(folder).map(|rel| (rel, file)))
    }

    pub fn iter(&self) -> impl Iterator<Item = &ThemeFile> {
        self.files.values()
    }
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why [`eject`] wrote nothing.
#[derive(Debug)]
pub enum EjectError {
    /// These files are there already; nothing was written, so none of them is lost.
    Exists(Vec<PathBuf>),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::fmt::Display for EjectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EjectError::Exists(paths) => {
                let shown: Vec<String> = paths
                    .iter()
                    .take(5)
                    .map(|p| p.display().to_string())
                    .collect();
                let more = if paths.len() > 5 {
                    format!(" and {} more", paths.len() - 5)
                } else {
                    String::new()
                };
                write!(f, "{}{more}: already there; nothing was written. Eject into another folder, or move these away first", shown.join(", "))
            }
            EjectError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for EjectError {}

/// Writes every file of the built-in theme below `dir` and returns their paths. Writes
/// nothing when any of them exists already.
pub fn eject(dir: &Path) -> Result<Vec<PathBuf>, EjectError> {
    let theme = ThemeFiles::built_in();
    let targets: Vec<(PathBuf, &ThemeFile)> =
        theme.iter().map(|f| (dir.join(&f.path), f)).collect();
    let existing: Vec<PathBuf> = targets
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| p.clone())
        .collect();
    if !existing.is_empty() {
        return Err(EjectError::Exists(existing));
    }
    for (path, file) in &targets {
        let io = |source| EjectError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(path.parent().expect("a file below dir")).map_err(io)?;
        let bytes = file.read().map_err(io)?;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut out| out.write_all(&bytes))
            .map_err(io)?;
    }
    Ok(targets.into_iter().map(|(p, _)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path)
    }

    /// The built-in theme is the repository's theme and static folders, byte for byte.
    #[test]
    fn built_in_files_are_the_repositorys() {
        let theme = ThemeFiles::built_in();
        for (inside, in_repo) in [
            ("templates/base.html", "themes/default/templates/base.html"),
            (
                "templates/edition.html",
                "themes/default/templates/edition.html",
            ),
            ("edition.md", "themes/default/edition.md"),
            ("static/style.css", "static/style.css"),
            ("static/favicon.svg", "static/favicon.svg"),
        ] {
            let file = theme
                .get(inside)
                .unwrap_or_else(|| panic!("{inside} is built in"));
            assert_eq!(
                file.read().unwrap().as_ref(),
                std::fs::read(repo(in_repo)).unwrap(),
                "{inside}"
            );
        }
        let templates = std::fs::read_dir(repo("themes/default/templates"))
            .unwrap()
            .count();
        assert_eq!(theme.under(TEMPLATES).count(), templates);
    }

    #[test]
    fn a_site_file_wins_and_the_others_stay_built_in() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
        std::fs::write(tmp.path().join("templates/base.html"), "mine").unwrap();
        std::fs::write(tmp.path().join("templates/extra.html"), "new").unwrap();
        std::fs::write(tmp.path().join("templates/.base.html.swp"), "x").unwrap();
        std::fs::write(tmp.path().join("templates/base.html~"), "x").unwrap();
        let theme = ThemeFiles::overlaid(tmp.path()).unwrap();
        assert_eq!(
            theme
                .get("templates/base.html")
                .unwrap()
                .read()
                .unwrap()
                .as_ref(),
            b"mine"
        );
        assert!(matches!(
            theme.get("templates/edition.html").unwrap().origin,
            Origin::BuiltIn(_)
        ));
        assert_eq!(
            theme.under(TEMPLATES).count(),
            ThemeFiles::built_in().under(TEMPLATES).count() + 1,
            "extra.html, no swap or backup file"
        );
        assert!(theme
            .get("templates/base.html")
            .unwrap()
            .location()
            .ends_with("templates/base.html"));
    }

    #[test]
    fn a_missing_theme_folder_is_the_built_in_theme() {
        let theme = ThemeFiles::overlaid(Path::new("/nonexistent/themes/default")).unwrap();
        assert!(theme.iter().all(|f| matches!(f.origin, Origin::BuiltIn(_))));
        assert!(theme.get(EDITION_TEMPLATE).is_some());
    }

    #[test]
    fn eject_writes_every_file_once_and_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("theme");
        let written = eject(&dir).unwrap();
        assert_eq!(written.len(), ThemeFiles::built_in().iter().count());
        assert_eq!(
            std::fs::read(dir.join("static/style.css")).unwrap(),
            std::fs::read(repo("static/style.css")).unwrap()
        );
        std::fs::write(dir.join("edition.md"), "edited").unwrap();
        let again = eject(&dir).unwrap_err();
        assert!(
            matches!(&again, EjectError::Exists(paths) if paths.len() == written.len()),
            "{again}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("edition.md")).unwrap(),
            "edited"
        );
    }
}
