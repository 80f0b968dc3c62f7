//! The build end to end: content → archive → pages → rendered → output.
//!
//! [`Pipeline`] keeps what a rebuild can reuse (parsed articles by file
//! fingerprint), so `watch` calls the same code as `build`: a full build is a
//! rebuild from an empty pipeline.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::archive::Archive;
use crate::config::{Config, SitePaths};
use crate::content::{self, Article, markdown::RawHtml};
use crate::diagnostic::Diagnostic;
use crate::output::{self, OutputError};
use crate::pages;
use crate::render::{self, Renderer, SiteTemplate, templates, views::Views};

/// Choices for one build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Publish articles marked `draft: true` too.
    pub drafts: bool,
}

/// Receives progress of long phases; the binary draws it, tests ignore it.
pub trait Progress: Sync {
    /// A phase with `total` steps starts.
    fn start(&self, _phase: &str, _total: usize) {}
    /// `n` more steps are done.
    fn advance(&self, _n: usize) {}
    /// The phase is over.
    fn finish(&self) {}
}

/// Progress that goes nowhere.
pub struct NoProgress;
impl Progress for NoProgress {}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Published articles.
    pub articles: usize,
    /// Pages and feeds produced (static files not included).
    pub pages: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files left alone because their bytes were already right.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Every problem found (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildReport {
    /// Whether any problem was an error (exit code 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{} → {} in {:.2} s ({} files written, {} unchanged, {} removed)",
            plural(self.articles, "article", "articles"),
            plural(self.pages, "page", "pages"),
            self.elapsed.as_secs_f64(),
            self.written,
            self.unchanged,
            self.removed
        )?;
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            write!(f, "; {} — see above", plural(errors, "error", "errors"))?;
        }
        Ok(())
    }
}

/// A failure that stops the build before it writes anything useful.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The output folder is unsafe or could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// One file's parse: its fingerprint and article, or its problems.
type Loaded = Result<(u64, Arc<Article>), Vec<Diagnostic>>;

/// The build, with what it can reuse between runs.
pub struct Pipeline {
    paths: SitePaths,
    config: Config,
    options: BuildOptions,
    /// Parsed articles by file, with the fingerprint of the bytes they came from.
    cache: HashMap<PathBuf, (u64, Arc<Article>)>,
}

impl Pipeline {
    /// A pipeline with nothing cached.
    pub fn new(paths: SitePaths, config: Config, options: BuildOptions) -> Pipeline {
        Pipeline { paths, config, options, cache: HashMap::new() }
    }

    /// The site's paths.
    pub fn paths(&self) -> &SitePaths {
        &self.paths
    }

    /// Builds the whole site into the output folder.
    pub fn build(&mut self, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
        let started = Instant::now();
        output::claim_out_dir(&self.paths, &[])?;
        let mut diagnostics = Vec::new();

        let articles = self.load_articles(&mut diagnostics, progress);
        tracing::debug!(elapsed = ?started.elapsed(), "articles read");
        let published: Vec<Arc<Article>> =
            articles.into_iter().filter(|a| self.options.drafts || !a.meta.draft).collect();
        let archive = Archive::build(published, self.config.related);
        diagnostics.extend(archive.warnings.iter().cloned());
        tracing::debug!(elapsed = ?started.elapsed(), "archive built");

        let renderer = match Renderer::new(&read_site_templates(&self.paths, &mut diagnostics)) {
            Ok(r) => r,
            Err(mut problems) => {
                // Nothing can be rendered: leave the previous site exactly as it was.
                diagnostics.append(&mut problems);
                return Ok(BuildReport {
                    articles: archive.entries.len(),
                    elapsed: started.elapsed(),
                    diagnostics,
                    ..Default::default()
                });
            }
        };
        let page_list = pages::site_pages(&archive, self.config.page_size);
        let views = Views::new(&archive, &self.config);
        let site = render::site_value(&views);

        let written = AtomicUsize::new(0);
        progress.start("Rendering", page_list.len());
        let results: Vec<Result<(), Diagnostic>> = page_list
            .par_iter()
            .map(|page| {
                let text = renderer.render(&views, &site, page)?;
                let changed = output::write(&self.paths.out, &page.file, text.as_bytes())
                    .map_err(|e| Diagnostic::error(&page.file, e.to_string()))?;
                if changed {
                    written.fetch_add(1, Ordering::Relaxed);
                }
                progress.advance(1);
                Ok(())
            })
            .collect();
        progress.finish();
        tracing::debug!(elapsed = ?started.elapsed(), "pages rendered and written");
        let mut seen = HashSet::new();
        for problem in results.into_iter().filter_map(Result::err) {
            // A broken template fails every page that uses it; say so once.
            if seen.insert((problem.path.clone(), problem.line, problem.column, problem.message.clone())) {
                diagnostics.push(problem);
            }
        }

        let mut keep: HashSet<String> = page_list.iter().map(|p| p.file.clone()).collect();
        let static_written = self.copy_static(&keep, &mut diagnostics)?;
        let (static_files, static_count) = static_written;
        keep.extend(static_files);

        let has_errors = diagnostics.iter().any(Diagnostic::is_error);
        // With errors, pages of broken articles are kept rather than deleted:
        // fixing the file brings them back, and nothing is lost meanwhile.
        let removed = if has_errors { 0 } else { output::remove_stale(&self.paths.out, &keep)? };
        let written = written.into_inner() + static_count;
        Ok(BuildReport {
            articles: archive.entries.len(),
            pages: page_list.len(),
            written,
            unchanged: keep.len().saturating_sub(written),
            removed,
            elapsed: started.elapsed(),
            diagnostics,
        })
    }

    /// Reads every article, reusing the parse of files whose bytes did not change.
    fn load_articles(&mut self, diagnostics: &mut Vec<Diagnostic>, progress: &dyn Progress) -> Vec<Arc<Article>> {
        let raw_html = if self.config.unsafe_html { RawHtml::Allow } else { RawHtml::Escape };
        let (files, mut problems) = content::list_files(&self.paths);
        diagnostics.append(&mut problems);
        progress.start("Reading", files.len());
        let cache = &self.cache;
        let paths = &self.paths;
        let loaded: Vec<(PathBuf, Loaded)> = files
            .par_iter()
            .map(|file| {
                let result = content::load_file_cached(paths, file, raw_html, cache.get(file).map(|(p, a)| (*p, a)));
                progress.advance(1);
                (file.clone(), result)
            })
            .collect();
        progress.finish();
        let mut cache = HashMap::with_capacity(loaded.len());
        let mut articles = Vec::with_capacity(loaded.len());
        for (file, result) in loaded {
            match result {
                Ok((print, article)) => {
                    articles.push(Arc::clone(&article));
                    cache.insert(file, (print, article));
                }
                Err(mut problems) => diagnostics.append(&mut problems),
            }
        }
        self.cache = cache;
        articles
    }

    /// Copies `static/` (and the default theme's files it does not replace);
    /// returns the output paths and how many were written.
    fn copy_static(
        &self,
        pages: &HashSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(Vec<String>, usize), BuildError> {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let site_files = output::static_files(&self.paths.static_dir);
        for (name, text) in templates::DEFAULT_STATIC {
            if !site_files.iter().any(|(rel, _)| rel == name) {
                files.push((name.to_string(), text.as_bytes().to_vec()));
            }
        }
        let mut written = 0;
        let mut names = Vec::new();
        for (rel, source) in site_files {
            if pages.contains(&rel) {
                diagnostics.push(
                    Diagnostic::warning(
                        self.paths.display(&source),
                        format!("a generated page is written to {rel}; this static file is not copied"),
                    )
                    .help("rename or move the static file"),
                );
                continue;
            }
            match std::fs::read(&source) {
                Ok(bytes) => files.push((rel, bytes)),
                Err(e) => diagnostics
                    .push(Diagnostic::error(self.paths.display(&source), format!("cannot read static file: {e}"))),
            }
        }
        for (rel, bytes) in files {
            if output::write(&self.paths.out, &rel, &bytes)? {
                written += 1;
            }
            names.push(rel);
        }
        Ok((names, written))
    }
}

/// Reads the site's `templates/` folder.
fn read_site_templates(paths: &SitePaths, diagnostics: &mut Vec<Diagnostic>) -> Vec<SiteTemplate> {
    let root = &paths.templates;
    if !root.is_dir() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let name = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let shown = paths.display(entry.path()).to_path_buf();
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => found.push(SiteTemplate { name, path: shown, text }),
            Err(e) => diagnostics.push(Diagnostic::error(shown, format!("cannot read template: {e}"))),
        }
    }
    found
}

/// Builds the site at `paths` once (what `dateline build` does).
pub fn build_site(
    paths: &SitePaths,
    config: &Config,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    Pipeline::new(paths.clone(), config.clone(), options.clone()).build(progress)
}
