//! `dateline.yaml` → [`Config`], and [`SitePaths`]: where a site's folders are.
//!
//! Every setting has a default, so a folder holding only `content/` builds.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::frontmatter;

/// The name of the site configuration file at the site root.
pub const CONFIG_FILE: &str = "dateline.yaml";

/// Where the site's inputs and output live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePaths {
    /// The site root (holds `dateline.yaml`).
    pub root: PathBuf,
    /// `content/`: normalized articles.
    pub content: PathBuf,
    /// `templates/`: the site's template overrides.
    pub templates: PathBuf,
    /// `static/`: copied to the output as is.
    pub static_dir: PathBuf,
    /// The output folder (`public/` by default).
    pub out: PathBuf,
    /// The inbox of raw sources that `watch` and `serve` ingest (`sources/`).
    pub sources: PathBuf,
}

/// What a changed file is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    /// An article under `content/`.
    Content,
    /// A template under `templates/`.
    Template,
    /// A file under `static/`.
    Static,
    /// `dateline.yaml`.
    Config,
    /// `topics.yaml` or `people.yaml`.
    Vocabulary,
    /// A raw article in the inbox.
    Source,
}

impl SitePaths {
    /// The standard layout under `root`, writing to `out` (relative to `root` unless absolute).
    pub fn new(root: &Path, out: Option<&Path>) -> SitePaths {
        let out = out.map_or_else(|| root.join("public"), |o| root.join(o));
        SitePaths {
            root: root.to_path_buf(),
            content: root.join("content"),
            templates: root.join("templates"),
            static_dir: root.join("static"),
            out,
            sources: root.join("sources"),
        }
    }

    /// The standard layout under `root` as the command line gives it (often
    /// `.`): the root is resolved once to an absolute path without symbolic
    /// links, because file events name absolute paths, and `out` (relative
    /// to the root unless absolute) is made absolute and free of `..`.
    pub fn resolve(root: &Path, out: Option<&Path>) -> Result<SitePaths, SiteRootError> {
        let resolved =
            std::fs::canonicalize(root).map_err(|source| SiteRootError { root: root.to_path_buf(), source })?;
        if !resolved.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder");
            return Err(SiteRootError { root: root.to_path_buf(), source });
        }
        let mut paths = SitePaths::new(&resolved, out);
        paths.out = normalize(&paths.out);
        Ok(paths)
    }

    /// The same layout with the inbox at `inbox` (relative to the root unless absolute).
    pub fn with_inbox(mut self, inbox: &Path) -> SitePaths {
        self.sources = normalize(&self.root.join(inbox));
        self
    }

    /// What `path` is to the site, or `None` for files the site does not read
    /// (the output folder, hidden files, editor backups and swap files).
    pub fn classify(&self, path: &Path) -> Option<Input> {
        if path.starts_with(&self.out) || is_editor_litter(path) {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        if rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
            return None;
        }
        if path.starts_with(&self.content) {
            return Some(Input::Content);
        }
        if path.starts_with(&self.templates) {
            return Some(Input::Template);
        }
        if path.starts_with(&self.static_dir) {
            return Some(Input::Static);
        }
        if path.starts_with(&self.sources) {
            return Some(Input::Source);
        }
        match rel.to_str() {
            Some(CONFIG_FILE) => Some(Input::Config),
            Some("topics.yaml" | "people.yaml") => Some(Input::Vocabulary),
            _ => None,
        }
    }

    /// `path` relative to the site root for messages, or as given when outside it.
    pub fn display<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}

/// Why the site folder cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("cannot use {} as the site folder: {source}; run dateline inside the site folder or pass --root DIR", root.display())]
pub struct SiteRootError {
    /// The folder as given.
    pub root: PathBuf,
    /// The cause.
    pub source: std::io::Error,
}

/// `path` without `.` and `..` parts (lexically: `a/b/../c` → `a/c`).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Files editors write beside the one being edited: swap and backup files
/// (`.x.swp`, `x~`, `#x#`, Vim's `4913` probe, JetBrains' `___jb_tmp___`).
pub fn is_editor_litter(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else { return false };
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".kate-swp")
        || name.ends_with(".bck")
        || name.contains("___jb_")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || name == "4913"
        || name == ".DS_Store"
}

/// Site settings from `dateline.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in every page header and in feeds.
    pub title: String,
    /// One line about the archive, for the home page and feeds.
    pub description: String,
    /// Absolute URL the site is served from, ending in `/` (may include a subpath).
    pub base_url: String,
    /// The `lang` of pages and feeds.
    pub language: String,
    /// Articles per list page (home, term and month pages).
    pub page_size: usize,
    /// Entries per Atom feed.
    pub feed_size: usize,
    /// How many related articles an article page shows.
    pub related: usize,
    /// Pass raw HTML in Markdown bodies through instead of escaping it. Only
    /// for sites whose authors are trusted.
    pub unsafe_html: bool,
    /// Write the full-text search index and page (about 1 s per 1,000 articles).
    pub search: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "News archive".to_string(),
            description: String::new(),
            base_url: DEFAULT_BASE_URL.to_string(),
            language: "en".to_string(),
            page_size: 50,
            feed_size: 20,
            related: 5,
            unsafe_html: false,
            search: true,
        }
    }
}

/// Used when `dateline.yaml` sets no `base_url`; feeds and the sitemap need an absolute URL.
pub const DEFAULT_BASE_URL: &str = "http://localhost/";

impl Config {
    /// Reads `dateline.yaml` from the site root; a missing file means all defaults.
    pub fn load(paths: &SitePaths) -> Result<Config, Diagnostic> {
        let path = paths.root.join(CONFIG_FILE);
        let shown = paths.display(&path).to_path_buf();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Diagnostic::error(&shown, format!("cannot read the site configuration: {e}"))),
        };
        Config::parse(&text).map_err(|d| Diagnostic { path: shown, ..d })
    }

    /// Parses the text of a `dateline.yaml` (an empty file is all defaults).
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let config: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            frontmatter::parse(text).map_err(|e| {
                Diagnostic::error(CONFIG_FILE, e.message).at(e.line, e.column).help(
                    "known settings: title, description, base_url, language, page_size, feed_size, related, unsafe_html, search",
                )
            })?
        };
        config.validated(text)
    }

    fn validated(mut self, text: &str) -> Result<Config, Diagnostic> {
        let at = |key: &str, d: Diagnostic| match frontmatter::locate_key(text, key) {
            Some((line, col)) => d.at(line, col),
            None => d,
        };
        self.base_url = normalize_base_url(&self.base_url).map_err(|msg| {
            at("base_url", Diagnostic::error(CONFIG_FILE, msg))
                .help("write an absolute URL such as `base_url: https://example.org/archive/`")
        })?;
        if !is_language_tag(&self.language) {
            return Err(at(
                "language",
                Diagnostic::error(CONFIG_FILE, format!("`language` {:?} is not a language tag", self.language)),
            )
            .help(format!(
                "write a code such as `language: en` or `language: pt-BR` (letters, digits and '-', at most {MAX_LANGUAGE_TAG} characters)"
            )));
        }
        for (key, value) in [("page_size", self.page_size), ("feed_size", self.feed_size)] {
            if value == 0 {
                return Err(at(key, Diagnostic::error(CONFIG_FILE, format!("`{key}` must be at least 1"))));
            }
        }
        Ok(self)
    }

    /// Reads `dateline.yaml` with the base URL overridden by `base_url`
    /// (`--base-url`, or the preview's address): the one place the
    /// command line's choice beats the file's.
    pub fn load_with(paths: &SitePaths, base_url: Option<&str>) -> Result<Config, Diagnostic> {
        let mut config = Config::load(paths)?;
        if let Some(url) = base_url {
            config.base_url = normalize_base_url(url).map_err(|m| Diagnostic::error("--base-url", m))?;
        }
        Ok(config)
    }

    /// Whether the site gets a search index and page: asked for, and compiled in.
    pub fn search_enabled(&self) -> bool {
        self.search && cfg!(feature = "search")
    }

    /// The path part of `base_url`, always starting and ending with `/`: what
    /// every internal link starts with.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        let path_start = self.base_url[after_scheme..].find('/').map_or(self.base_url.len(), |i| after_scheme + i);
        &self.base_url[path_start..]
    }
}

/// Checks that `url` is an absolute http(s) URL and gives it a trailing slash.
/// Longest `language` accepted: the search index names files with the tag
/// and cuts names from hex digests after the tag's length plus 8 (at least
/// 20 digits), and `en`, `pt-BR` or `zh-Hant-TW` fit.
pub const MAX_LANGUAGE_TAG: usize = 12;

/// Whether `language` is a language tag the site can use (`en`, `pt-BR`):
/// it names search index files and goes into `<html lang>`.
pub fn is_language_tag(language: &str) -> bool {
    !language.is_empty()
        && language.len() <= MAX_LANGUAGE_TAG
        && language.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`base_url` must start with http:// or https://, found {url:?}"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("`base_url` has no host: {url:?}"));
    }
    if url.contains(['?', '#', '"', '<', '>', ' ', '\\']) {
        return Err(format!("`base_url` must be a plain URL without query, fragment or quotes: {url:?}"));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_and_editor_litter_ignored() {
        let p = SitePaths::new(Path::new("/site"), None);
        assert_eq!(p.classify(Path::new("/site/content/2012/a.md")), Some(Input::Content));
        assert_eq!(p.classify(Path::new("/site/templates/base.html")), Some(Input::Template));
        assert_eq!(p.classify(Path::new("/site/static/style.css")), Some(Input::Static));
        assert_eq!(p.classify(Path::new("/site/dateline.yaml")), Some(Input::Config));
        assert_eq!(p.classify(Path::new("/site/people.yaml")), Some(Input::Vocabulary));
        assert_eq!(p.classify(Path::new("/site/sources/x.txt")), Some(Input::Source));
        for ignored in [
            "/site/public/index.html",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/#a.md#",
            "/site/.git/HEAD",
            "/site/README.md",
        ] {
            assert_eq!(p.classify(Path::new(ignored)), None, "{ignored}");
        }
    }

    #[test]
    fn the_root_is_resolved_once_so_absolute_event_paths_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        let paths = SitePaths::resolve(&site.join("../site/."), Some(Path::new("out/../public"))).unwrap();
        let real = std::fs::canonicalize(&site).unwrap();
        assert_eq!(paths.root, real);
        assert_eq!(paths.out, real.join("public"));
        assert_eq!(paths.classify(&real.join("content/a.md")), Some(Input::Content));
        assert!(SitePaths::resolve(&dir.path().join("missing"), None).unwrap_err().to_string().contains("--root"));
    }

    #[test]
    fn empty_file_means_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn subpath_base_url_gives_base_path() {
        let c = Config::parse("base_url: https://example.org/archive").unwrap();
        assert_eq!(c.base_url, "https://example.org/archive/");
        assert_eq!(c.base_path(), "/archive/");
        assert_eq!(Config::default().base_path(), "/");
    }

    #[test]
    fn unknown_settings_are_errors_with_position() {
        let d = Config::parse("title: X\npage_sise: 3\n").unwrap_err();
        assert_eq!(d.line, Some(2), "{d}");
        assert!(d.message.contains("page_sise"), "{d}");
    }

    #[test]
    fn bad_base_url_points_at_the_key() {
        let d = Config::parse("title: X\nbase_url: example.org\n").unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(11)), "{d}");
    }

    #[test]
    fn a_language_that_is_no_tag_points_at_the_key() {
        let d = Config::parse("title: X\nlanguage: en/../../x\n").unwrap_err();
        assert_eq!(d.line, Some(2), "{d}");
        assert!(Config::parse("language: pt-BR").is_ok());
        assert!(Config::parse("language: a-very-long-tag").is_err());
    }

    #[test]
    fn zero_page_size_is_refused() {
        assert!(Config::parse("page_size: 0").is_err());
    }
}
