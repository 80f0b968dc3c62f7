//! The build end to end: content → archive → pages → rendered → output.
//!
//! [`Pipeline`] keeps what a rebuild can reuse: parsed articles by file
//! fingerprint, the compiled templates, the last archive and a fingerprint
//! of every page's inputs. A full build is a rebuild from an empty pipeline,
//! so `watch` runs the same code as `build`, only for fewer pages.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::archive::Archive;
use crate::config::{Config, Input, SitePaths};
use crate::content::{self, Article, markdown::RawHtml};
use crate::diagnostic::Diagnostic;
use crate::output::{self, OutputError};
use crate::pages::{self, Page, PageKind};
use crate::render::{self, Renderer, SiteTemplate, prints::Prints, templates, views::Views};

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
    /// Pages and feeds the site has (static files not included).
    pub pages: usize,
    /// Pages rendered this time (all of them in a full build).
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files left alone because their bytes were already right.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
    /// Output files written or removed, relative to the output folder.
    pub changed_files: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
    /// Every problem known now (errors and warnings), including those of
    /// files not touched by this rebuild.
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
type Loaded = Result<Arc<Article>, Vec<Diagnostic>>;

/// What the last build left, for the next one to compare with.
struct Built {
    archive: Archive,
    /// The site's pages, in `pages::site_pages` order.
    pages: Vec<Page>,
    /// Fingerprint of the inputs each page was rendered from (`None` if its
    /// rendering failed, so it is tried again).
    prints: Vec<Option<u64>>,
    /// Files no longer produced but kept because the build had errors.
    kept: Vec<String>,
    /// Static output path → source file (None for the default theme's).
    statics: BTreeMap<String, Option<PathBuf>>,
    /// Files of the search index.
    search_files: Vec<String>,
    /// Fingerprint of the records the index was made from.
    search_print: Option<u64>,
}

/// What changed since the last build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Content files changed, added or removed.
    pub content: Vec<PathBuf>,
    /// Something under `content/` changed that is not a single file (a
    /// folder renamed): read the whole folder again.
    pub content_rescan: bool,
    /// A template changed: these template names (relative to `templates/`).
    pub templates: Vec<String>,
    /// Static files changed, added or removed.
    pub statics: Vec<PathBuf>,
    /// `dateline.yaml` changed.
    pub config: bool,
}

impl Changes {
    /// Sorts changed paths by what they are to the site; returns `None` if
    /// none of them matters.
    pub fn from_paths<'a>(paths: &SitePaths, changed: impl IntoIterator<Item = &'a Path>) -> Option<Changes> {
        let mut changes = Changes::default();
        let mut any = false;
        for path in changed {
            match paths.classify(path) {
                Some(Input::Content) => {
                    any = true;
                    if content::is_markdown(path) {
                        changes.content.push(path.to_path_buf());
                    } else if path.extension().is_none() {
                        // A folder (or a file without extension) moved: rescan.
                        changes.content_rescan = true;
                    }
                }
                Some(Input::Template) => {
                    any = true;
                    let name = path.strip_prefix(&paths.templates).unwrap_or(path).to_string_lossy().replace('\\', "/");
                    changes.templates.push(name);
                }
                Some(Input::Static) => {
                    any = true;
                    changes.statics.push(path.to_path_buf());
                }
                Some(Input::Config) => {
                    any = true;
                    changes.config = true;
                }
                Some(Input::Vocabulary | Input::Source) | None => {}
            }
        }
        changes.content.sort();
        changes.content.dedup();
        any.then_some(changes)
    }
}

/// The build, with what it can reuse between runs.
pub struct Pipeline {
    paths: SitePaths,
    config: Config,
    /// `--base-url` given on the command line, which beats `dateline.yaml`.
    base_url_override: Option<String>,
    options: BuildOptions,
    /// Parsed articles by file (sorted, so the archive sees them in a fixed
    /// order), with the fingerprint of the bytes they came from.
    cache: BTreeMap<PathBuf, Arc<Article>>,
    /// Problems of each content file, kept until the file is fixed.
    problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Problems met listing `content/` (a missing folder, a symlink loop).
    listing: Vec<Diagnostic>,
    /// Why `dateline.yaml` or the templates could not be used, kept until they
    /// are fixed: meanwhile the last good settings and templates build the site.
    settings_problems: Vec<Diagnostic>,
    template_problems: Vec<Diagnostic>,
    /// Templates changed since the last good compile: the pages using them
    /// re-render once the templates compile again.
    pending_templates: Vec<String>,
    renderer: Option<Renderer>,
    built: Option<Built>,
}

impl Pipeline {
    /// A pipeline with nothing cached.
    pub fn new(paths: SitePaths, config: Config, options: BuildOptions) -> Pipeline {
        Pipeline {
            paths,
            config,
            base_url_override: None,
            options,
            cache: BTreeMap::new(),
            problems: BTreeMap::new(),
            listing: Vec::new(),
            settings_problems: Vec::new(),
            template_problems: Vec::new(),
            pending_templates: Vec::new(),
            renderer: None,
            built: None,
        }
    }

    /// Keeps `base_url` over the configured one when `dateline.yaml` is reloaded.
    pub fn with_base_url_override(mut self, base_url: Option<String>) -> Pipeline {
        self.base_url_override = base_url;
        self
    }

    /// The site's paths.
    pub fn paths(&self) -> &SitePaths {
        &self.paths
    }

    /// The settings in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Builds the whole site into the output folder, as if nothing had been built before.
    pub fn build(&mut self, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
        self.built = None;
        self.renderer = None;
        self.run(&Changes::default(), progress)
    }

    /// Brings the output up to date after `changes`, rendering only the pages
    /// whose inputs changed. The result is the same as a full build's.
    pub fn rebuild(&mut self, changes: &Changes, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
        self.run(changes, progress)
    }

    fn run(&mut self, changes: &Changes, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
        let started = Instant::now();
        if self.built.is_none() {
            output::claim_out_dir(&self.paths)?;
        }

        if changes.config {
            match self.reload_config() {
                Ok(changed) => {
                    self.settings_problems.clear();
                    if changed {
                        self.built = None;
                        self.renderer = None;
                        self.cache.clear();
                    }
                }
                // Keep building with the last good settings, and say why
                // until the file is fixed.
                Err(d) => self.settings_problems = vec![d],
            }
        }

        // Templates: compile when first needed or when one changed. A broken
        // template keeps the last good ones in use (content edits still
        // show); with none to fall back on, nothing is rendered.
        let mut forced_kinds: HashSet<PageKind> = HashSet::new();
        if self.renderer.is_none() || !changes.templates.is_empty() {
            self.pending_templates.extend(changes.templates.iter().cloned());
            let mut problems = Vec::new();
            let site_templates = read_site_templates(&self.paths, &mut problems);
            match Renderer::new(&site_templates) {
                Ok(r) => {
                    if self.renderer.is_some() {
                        forced_kinds = kinds_using(&self.pending_templates);
                    }
                    self.pending_templates.clear();
                    self.renderer = Some(r);
                }
                Err(mut errs) => problems.append(&mut errs),
            }
            self.template_problems = problems;
            if self.renderer.is_none() {
                let articles = self.built.as_ref().map_or(0, |b| b.archive.entries.len());
                let diagnostics = self.current_problems();
                return Ok(BuildReport { articles, elapsed: started.elapsed(), diagnostics, ..Default::default() });
            }
        }

        // Content.
        let full = self.built.is_none();
        if full || changes.content_rescan {
            self.load_all(progress);
        } else {
            self.load_some(&changes.content);
        }
        let mut previous = self.built.take();
        // An edit that leaves every path, slug, date and name as it was only
        // swaps articles in the last archive; anything else builds it anew.
        let reused = match previous.as_mut() {
            Some(b) if !full && !changes.content_rescan && !changes.config => {
                changes.content.iter().all(|path| match self.cache.get(path) {
                    Some(article) => b.archive.replace_contents(Arc::clone(article)),
                    None => false,
                })
            }
            _ => false,
        };
        let archive = match previous.as_mut() {
            Some(b) if reused => std::mem::replace(&mut b.archive, Archive::build(Vec::new(), 0)),
            _ => {
                let articles: Vec<Arc<Article>> =
                    self.cache.values().filter(|a| self.options.drafts || !a.meta.draft).cloned().collect();
                Archive::build(articles, self.config.related)
            }
        };
        tracing::debug!(elapsed = ?started.elapsed(), "archive built");

        // Which pages to render: those whose inputs changed.
        let page_list = pages::site_pages(&archive, self.config.page_size, self.config.search_enabled());
        let prints = Prints::new(&archive, &self.config);
        tracing::debug!(elapsed = ?started.elapsed(), "pages listed, articles fingerprinted");
        let new_prints: Vec<u64> = page_list.par_iter().map(|p| prints.page(p)).collect();
        let search_print = self.config.search_enabled().then(|| prints.search_records(0..archive.entries.len()));
        // The previous print of each page: by position when the page list is
        // the same (the usual edit), else by file name.
        let old_prints: Vec<Option<u64>> = match &previous {
            None => vec![None; page_list.len()],
            Some(b) if b.pages == page_list => b.prints.clone(),
            Some(b) => {
                let by_file: HashMap<&str, Option<u64>> =
                    b.pages.iter().zip(&b.prints).map(|(p, print)| (p.file.as_str(), *print)).collect();
                page_list.iter().map(|p| by_file.get(p.file.as_str()).copied().flatten()).collect()
            }
        };
        let dirty: Vec<(&Page, u64)> = page_list
            .iter()
            .zip(new_prints.iter().copied())
            .zip(&old_prints)
            .filter(|((page, print), old)| forced_kinds.contains(&page.key.kind()) || **old != Some(*print))
            .map(|(pair, _)| pair)
            .collect();
        tracing::debug!(elapsed = ?started.elapsed(), "pages compared");

        let renderer = self.renderer.as_ref().expect("templates compiled above");
        let views = Views::new(&archive, &self.config);
        let site = render::site_value(&views);
        progress.start("Rendering", dirty.len());
        let results: Vec<(String, Result<bool, Diagnostic>)> = dirty
            .par_iter()
            .map(|(page, _)| {
                let result = renderer.render(&views, &site, page).and_then(|text| {
                    output::write(&self.paths.out, &page.file, text.as_bytes())
                        .map_err(|e| Diagnostic::error(&page.file, e.to_string()))
                });
                progress.advance(1);
                (page.file.clone(), result)
            })
            .collect();
        progress.finish();
        tracing::debug!(elapsed = ?started.elapsed(), "pages rendered and written");

        let mut render_problems = Vec::new();
        let mut failed: HashSet<String> = HashSet::new();
        let mut changed_files = Vec::new();
        let mut written = 0;
        let mut seen = HashSet::new();
        for (file, result) in results {
            match result {
                Ok(true) => {
                    written += 1;
                    changed_files.push(file);
                }
                Ok(false) => {}
                Err(problem) => {
                    failed.insert(file);
                    // A broken template fails every page that uses it; say so once.
                    if seen.insert((problem.path.clone(), problem.line, problem.column, problem.message.clone())) {
                        render_problems.push(problem);
                    }
                }
            }
        }

        // The search index, when its records changed.
        let mut search_problems = Vec::new();
        let search_files: Vec<String> = if search_print.is_none() {
            Vec::new()
        } else if !full && let Some(prev) = previous.as_ref().filter(|p| p.search_print == search_print) {
            prev.search_files.clone()
        } else {
            let (files, written_files, problems) = self.write_search_index(&archive);
            search_problems = problems;
            written += written_files.len();
            changed_files.extend(written_files);
            files
        };
        tracing::debug!(elapsed = ?started.elapsed(), "search index");
        // A failed index is tried again on the next rebuild.
        let search_print = search_print.filter(|_| search_problems.is_empty());

        // Static files.
        let mut page_files: HashSet<&str> = page_list.iter().map(|p| p.file.as_str()).collect();
        page_files.extend(search_files.iter().map(String::as_str));
        let (statics, static_written, mut static_problems) =
            self.sync_statics(previous.as_ref().map(|b| &b.statics), &changes.statics, full, &page_files);
        written += static_written.len();
        changed_files.extend(static_written);

        let mut diagnostics = self.current_problems();
        diagnostics.extend(archive.warnings.iter().cloned());
        diagnostics.append(&mut render_problems);
        diagnostics.append(&mut static_problems);
        diagnostics.append(&mut search_problems);
        let has_errors = diagnostics.iter().any(Diagnostic::is_error);

        // Files no longer produced. With errors they are kept rather than
        // deleted: fixing the file brings them back, and nothing is lost meanwhile.
        // A full build finds them on disk (left by an earlier run); a rebuild
        // knows them from the last one.
        let file_count = page_list.len() + statics.len() + search_files.len();
        let stale: Vec<String> = if full {
            let mut keep: HashSet<String> = page_list.iter().map(|p| p.file.clone()).collect();
            keep.extend(statics.keys().cloned());
            keep.extend(search_files.iter().cloned());
            output::stale_files(&self.paths.out, &keep)
        } else if let Some(prev) = &previous {
            let mut stale: Vec<&str> = prev.kept.iter().map(String::as_str).collect();
            if prev.pages != page_list {
                stale.extend(prev.pages.iter().map(|p| p.file.as_str()).filter(|f| !page_files.contains(f)));
            }
            stale.extend(prev.statics.keys().map(String::as_str).filter(|f| !statics.contains_key(*f)));
            stale.extend(prev.search_files.iter().map(String::as_str).filter(|f| !page_files.contains(f)));
            stale.retain(|f| !statics.contains_key(*f) && !page_files.contains(f));
            stale.into_iter().map(str::to_string).collect()
        } else {
            Vec::new()
        };
        let mut removed = 0;
        let mut kept = Vec::new();
        if has_errors {
            kept = stale;
        } else {
            for file in stale {
                if output::remove(&self.paths.out, &file)? {
                    removed += 1;
                    changed_files.push(file);
                }
            }
        }
        let prints: Vec<Option<u64>> = page_list
            .iter()
            .zip(new_prints)
            .map(|(page, print)| (!failed.contains(&page.file)).then_some(print))
            .collect();
        let report = BuildReport {
            articles: archive.entries.len(),
            pages: page_list.len(),
            rendered: dirty.len(),
            written,
            unchanged: file_count.saturating_sub(written),
            removed,
            changed_files,
            elapsed: started.elapsed(),
            diagnostics,
        };
        drop(page_files);
        self.built = Some(Built { archive, pages: page_list, prints, kept, statics, search_files, search_print });
        Ok(report)
    }

    /// Every problem of the content files as they are now.
    fn current_problems(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.settings_problems.clone();
        all.extend(self.template_problems.iter().cloned());
        all.extend(self.listing.iter().cloned());
        all.extend(self.problems.values().flatten().cloned());
        all
    }

    /// Re-reads `dateline.yaml`; returns whether the settings changed.
    fn reload_config(&mut self) -> Result<bool, Diagnostic> {
        let mut config = Config::load(&self.paths)?;
        if let Some(url) = &self.base_url_override {
            config = config.with_base_url(url).map_err(|m| Diagnostic::error("--base-url", m))?;
        }
        let changed = config != self.config;
        self.config = config;
        Ok(changed)
    }

    fn raw_html(&self) -> RawHtml {
        if self.config.unsafe_html { RawHtml::Allow } else { RawHtml::Escape }
    }

    /// Reads every article, reusing the parse of files whose bytes did not change.
    fn load_all(&mut self, progress: &dyn Progress) {
        let raw_html = self.raw_html();
        let (files, listing) = content::list_files(&self.paths);
        self.listing = listing;
        progress.start("Reading", files.len());
        let cache = &self.cache;
        let paths = &self.paths;
        let loaded: Vec<(PathBuf, Loaded)> = files
            .par_iter()
            .map(|file| {
                let result = content::load_file_cached(paths, file, raw_html, cache.get(file));
                progress.advance(1);
                (file.clone(), result)
            })
            .collect();
        progress.finish();
        let mut cache = BTreeMap::new();
        self.problems.clear();
        for (file, result) in loaded {
            match result {
                Ok(entry) => {
                    cache.insert(file, entry);
                }
                Err(problems) => {
                    self.problems.insert(file, problems);
                }
            }
        }
        self.cache = cache;
    }

    /// Re-reads the given content files (a file that is gone leaves the archive).
    fn load_some(&mut self, files: &[PathBuf]) {
        let raw_html = self.raw_html();
        for file in files {
            self.problems.remove(file);
            if !file.is_file() {
                self.cache.remove(file);
                continue;
            }
            match content::load_file_cached(&self.paths, file, raw_html, self.cache.get(file)) {
                Ok(entry) => {
                    self.cache.insert(file.clone(), entry);
                }
                Err(problems) => {
                    // The last good version stays out of the archive, as in a
                    // full build; its page is kept on disk until the file is fixed.
                    self.cache.remove(file);
                    self.problems.insert(file.clone(), problems);
                }
            }
        }
    }

    /// Builds the search index and writes its files; returns them, those
    /// written, and problems.
    #[cfg(feature = "search")]
    fn write_search_index(&self, archive: &Archive) -> (Vec<String>, Vec<String>, Vec<Diagnostic>) {
        let urls = render::views::Urls::new(&self.config);
        match crate::search::build_index(archive, &urls, &self.config.language) {
            Ok(files) => {
                let mut written = Vec::new();
                let mut problems = Vec::new();
                let names = files.iter().map(|(rel, _)| rel.clone()).collect();
                for (rel, bytes) in files {
                    match output::write(&self.paths.out, &rel, &bytes) {
                        Ok(true) => written.push(rel),
                        Ok(false) => {}
                        Err(e) => problems.push(Diagnostic::error(&rel, e.to_string())),
                    }
                }
                (names, written, problems)
            }
            Err(e) => (Vec::new(), Vec::new(), vec![Diagnostic::error("search index", e.to_string())]),
        }
    }

    #[cfg(not(feature = "search"))]
    fn write_search_index(&self, _archive: &Archive) -> (Vec<String>, Vec<String>, Vec<Diagnostic>) {
        (Vec::new(), Vec::new(), Vec::new())
    }

    /// Copies `static/` (and the default theme's files it does not replace).
    /// Returns the static files now in the output, those written, and problems.
    fn sync_statics(
        &self,
        previous: Option<&BTreeMap<String, Option<PathBuf>>>,
        changed: &[PathBuf],
        full: bool,
        pages: &HashSet<&str>,
    ) -> (BTreeMap<String, Option<PathBuf>>, Vec<String>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut wanted: BTreeMap<String, Option<PathBuf>> = BTreeMap::new();
        let site_files = output::static_files(&self.paths.static_dir);
        for (rel, source) in site_files {
            if pages.contains(rel.as_str()) {
                problems.push(
                    Diagnostic::warning(
                        self.paths.display(&source),
                        format!("a generated page is written to {rel}; this static file is not copied"),
                    )
                    .help("rename or move the static file"),
                );
                continue;
            }
            wanted.insert(rel, Some(source));
        }
        for (name, _) in templates::DEFAULT_STATIC {
            wanted.entry(name.to_string()).or_insert(None);
        }
        let changed: HashSet<&Path> = changed.iter().map(PathBuf::as_path).collect();
        let mut written = Vec::new();
        for (rel, source) in &wanted {
            let is_new = previous.is_none_or(|p| p.get(rel) != Some(source));
            let touched = source.as_deref().is_some_and(|s| changed.contains(s));
            if !(full || is_new || touched) {
                continue;
            }
            let bytes = match source {
                Some(path) => match std::fs::read(path) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        problems
                            .push(Diagnostic::error(self.paths.display(path), format!("cannot read static file: {e}")));
                        continue;
                    }
                },
                None => templates::DEFAULT_STATIC
                    .iter()
                    .find(|(n, _)| n == rel)
                    .map(|(_, text)| text.as_bytes().to_vec())
                    .unwrap_or_default(),
            };
            match output::write(&self.paths.out, rel, &bytes) {
                Ok(true) => written.push(rel.clone()),
                Ok(false) => {}
                Err(e) => problems.push(Diagnostic::error(rel, e.to_string())),
            }
        }
        (wanted, written, problems)
    }
}

/// The page kinds a change to these templates can affect. The base layout
/// and partials reach every HTML page; an unknown name reaches everything.
fn kinds_using(changed: &[String]) -> HashSet<PageKind> {
    use PageKind::*;
    let html = [Home, Article, TermList, Term, Year, Month, NotFound, Search];
    let mut kinds = HashSet::new();
    for name in changed {
        let direct: Vec<PageKind> =
            [Home, Article, TermList, Term, Feed, Year, Month, Sitemap, Robots, NotFound, Search]
                .into_iter()
                .filter(|k| templates::template_for(*k).0 == name)
                .collect();
        if !direct.is_empty() {
            kinds.extend(direct);
        } else if name == "base.html" || name.starts_with("partials/") {
            kinds.extend(html);
        } else {
            kinds.extend([Home, Article, TermList, Term, Feed, Year, Month, Sitemap, Robots, NotFound, Search]);
        }
    }
    kinds
}

/// Reads the site's `templates/` folder.
fn read_site_templates(paths: &SitePaths, diagnostics: &mut Vec<Diagnostic>) -> Vec<SiteTemplate> {
    let root = &paths.templates;
    if !root.is_dir() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file()
            || entry.file_name().to_string_lossy().starts_with('.')
            || crate::config::is_editor_litter(entry.path())
        {
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
