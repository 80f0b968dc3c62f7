//! `Site`: a temporary site folder with articles written inline, built
//! through the library, with helpers to read what came out.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use dateline::build::{self, BuildOptions, BuildReport, NoProgress};
use dateline::config::{Config, SitePaths};

/// A site in a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `content/NAME.md` with the given front-matter lines and body.
    pub fn article(&self, name: &str, front_matter: &str, body: &str) -> &Site {
        self.file(&format!("content/{name}.md"), &format!("---\n{front_matter}\n---\n{body}\n"))
    }

    /// Writes a minimal valid article with a title, date and extra lines.
    pub fn story(&self, name: &str, title: &str, date: &str, extra: &str) -> &Site {
        self.article(name, &format!("title: \"{title}\"\ndate: {date}\n{extra}"), &format!("Body of {title}."))
    }

    /// Writes any file below the site root.
    pub fn file(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Site {
        fs::remove_file(self.root().join(rel)).unwrap();
        self
    }

    pub fn paths(&self) -> SitePaths {
        SitePaths::new(self.root(), None)
    }

    pub fn config(&self) -> Config {
        Config::load(&self.paths()).expect("valid dateline.yaml")
    }

    /// Builds into `public/` through the library.
    pub fn build(&self) -> BuildReport {
        build::build_site(&self.paths(), &self.config(), &BuildOptions::default(), &NoProgress).expect("build runs")
    }

    /// Builds and fails the test on any error diagnostic.
    pub fn build_ok(&self) -> BuildReport {
        let report = self.build();
        let errors: Vec<String> = report.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "unexpected errors:\n{}", errors.join("\n"));
        report
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// The output file for a URL path (`/countries/mali/` → its index.html).
    pub fn out_file(&self, url: &str) -> PathBuf {
        let rel = url.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') {
            self.out().join(rel).join("index.html")
        } else {
            self.out().join(rel)
        }
    }

    pub fn exists(&self, url: &str) -> bool {
        self.out_file(url).is_file()
    }

    /// The text of the page at a URL path; panics with the list of pages if missing.
    pub fn page(&self, url: &str) -> String {
        let file = self.out_file(url);
        fs::read_to_string(&file)
            .unwrap_or_else(|_| panic!("no page at {url} ({}); pages: {:?}", file.display(), self.all_files()))
    }

    /// Every output file, relative, sorted.
    pub fn all_files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.out())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(self.out()).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        files.sort();
        files
    }
}

/// The values of every `href="…"` and `src="…"` in a page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Every file under `dir`, by path relative to it (with `/`), and its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `GET target` over plain HTTP/1.1 on loopback: the status and the whole
/// response (head and body).
pub fn http_get(port: u16, target: &str) -> std::io::Result<(u16, Vec<u8>)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    write!(stream, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let head = String::from_utf8_lossy(&response[..response.len().min(64)]).to_string();
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Ok((status, response))
}

/// A file or folder under `../shared/corpora/`, or `None` after saying it
/// is absent. With `DATELINE_REQUIRE_CORPORA` set (as `.ci/run` sets it),
/// an absent corpus fails the test instead of skipping it.
pub fn corpus(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora").join(rel);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("DATELINE_REQUIRE_CORPORA").is_none(),
        "DATELINE_REQUIRE_CORPORA is set but {} is missing",
        path.display()
    );
    eprintln!("skipped: {} is not there", path.display());
    None
}
