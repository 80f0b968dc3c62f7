//! The build end to end: content → archive → pages → rendered → output.
//!
//! [`Pipeline`] keeps what a rebuild can reuse: parsed articles by file
//! fingerprint, the compiled templates, the last archive, a fingerprint of
//! every page's inputs and of every search shard's records. A full build is
//! a rebuild from an empty pipeline, so `watch` runs the same code as
//! `build`, only for fewer pages. `run` is the plan; each phase lives in
//! its own file (`read`, `render`, `index`, `statics`) and reports an
//! [`Outcome`].

mod changes;
mod index;
mod read;
mod render;
mod statics;
mod templates;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use changes::Changes;
use index::IndexedShard;

use crate::archive::Archive;
use crate::config::{Config, SitePaths};
use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::output::{self, OutputError};
use crate::pages::Page;
use crate::render::{Renderer, prints::Prints};

/// Choices for one build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Publish articles marked `draft: true` too.
    pub drafts: bool,
    /// The base URL to publish under, over `dateline.yaml`'s (`--base-url`,
    /// or the preview server's address); kept when the settings are reloaded.
    pub base_url: Option<String>,
}

pub use crate::progress::{NoProgress, Progress};

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Published articles.
    pub articles: usize,
    /// Pages and feeds the site has (static files not included).
    pub pages: usize,
    /// Pages rendered this time (all of them in a full build).
    pub rendered: usize,
    /// Shards of the search index.
    pub shards: usize,
    /// Shards indexed this time (those whose articles changed).
    pub shards_indexed: usize,
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
        if self.shards > 0 {
            write!(f, "; search index: {} of {} shards rebuilt", self.shards_indexed, self.shards)?;
        }
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
    /// The search index's shards.
    shards: Vec<IndexedShard>,
}

/// What one phase did to the output folder.
#[derive(Debug, Default)]
struct Outcome {
    /// Files written because their bytes changed, relative to the output folder.
    written: Vec<String>,
    /// Problems met.
    problems: Vec<Diagnostic>,
}

/// The build, with what it can reuse between runs.
pub struct Pipeline {
    paths: SitePaths,
    config: Config,
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
        self.run(&Changes::default(), progress, &mut |_| {})
    }

    /// Brings the output up to date after `changes`, rendering only the pages
    /// whose inputs changed. The result is the same as a full build's.
    pub fn rebuild(&mut self, changes: &Changes, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
        self.run(changes, progress, &mut |_| {})
    }

    /// [`Pipeline::rebuild`], handing `first` the files of the edited
    /// articles' pages as soon as they are written, before the rest.
    pub fn rebuild_showing_first(
        &mut self,
        changes: &Changes,
        progress: &dyn Progress,
        first: &mut dyn FnMut(&[String]),
    ) -> Result<BuildReport, BuildError> {
        self.run(changes, progress, first)
    }

    /// The plan: settings → templates → content → archive → pages →
    /// search index → static files → stale files. Each phase reports what
    /// it wrote and the problems it met in one [`Outcome`].
    fn run(
        &mut self,
        changes: &Changes,
        progress: &dyn Progress,
        first: &mut dyn FnMut(&[String]),
    ) -> Result<BuildReport, BuildError> {
        let started = Instant::now();
        if self.built.is_none() {
            output::claim_out_dir(&self.paths)?;
        }
        self.apply_settings(changes);
        let Some(forced_kinds) = self.compile_templates(changes) else {
            let articles = self.built.as_ref().map_or(0, |b| b.archive.entries.len());
            let diagnostics = self.current_problems();
            return Ok(BuildReport { articles, elapsed: started.elapsed(), diagnostics, ..Default::default() });
        };
        let full = self.built.is_none();
        self.read_content(changes, full, progress);
        let mut previous = self.built.take();
        let (archive, edited) = self.place_articles(changes, full, previous.as_mut());
        tracing::debug!(elapsed = ?started.elapsed(), "archive built");

        let done = self.render_first(&archive, &edited);
        let shown: Vec<String> = done.iter().filter(|(_, r)| matches!(r, Ok(true))).map(|(f, _)| f.clone()).collect();
        if !shown.is_empty() {
            first(&shown);
        }
        let prints = Prints::new(&archive, &self.config);
        let previous_shards = previous.as_ref().map_or(&[][..], |b| b.shards.as_slice());
        // Pages and the search index are made from the archive alone, so they
        // are made at once: each leaves the cores idle at times (a page
        // kind's serial parts, the last shard), and the other fills them.
        let (pages, (shards, shards_indexed, indexed)) = rayon::join(
            || {
                let pages = self.render_pages(&archive, &prints, previous.as_ref(), &forced_kinds, done, progress);
                tracing::debug!(elapsed = ?started.elapsed(), "pages rendered and written");
                pages
            },
            || {
                let index = self.index_search(&archive, &prints, previous_shards);
                tracing::debug!(elapsed = ?started.elapsed(), "search index");
                index
            },
        );
        drop(prints);

        let mut produced: HashSet<&str> = pages.list.iter().map(|p| p.file.as_str()).collect();
        produced.extend(shards.iter().flat_map(|s| s.files.iter().map(String::as_str)));
        let (statics, copied) =
            self.sync_statics(previous.as_ref().map(|b| &b.statics), &changes.statics, full, &produced);

        let mut diagnostics = self.current_problems();
        diagnostics.extend(archive.warnings.iter().cloned());
        let mut changed_files = Vec::new();
        for outcome in [pages.outcome, indexed, copied] {
            diagnostics.extend(outcome.problems);
            changed_files.extend(outcome.written);
        }
        let written = changed_files.len();
        let has_errors = diagnostics.iter().any(Diagnostic::is_error);

        // Files no longer produced.
        let (stale, unreadable) = self.stale_files(previous.as_ref(), full, &pages.list, &produced, &statics);
        diagnostics.extend(unreadable.into_iter().map(|(at, why)| Diagnostic::warning(self.paths.display(&at), why)));
        let file_count = produced.len() + statics.len();
        drop(produced);
        let (kept, removed) = self.remove_stale(stale, has_errors, &mut changed_files)?;
        let report = BuildReport {
            articles: archive.entries.len(),
            pages: pages.list.len(),
            rendered: pages.rendered,
            shards: shards.len(),
            shards_indexed,
            written,
            unchanged: file_count.saturating_sub(written),
            removed,
            changed_files,
            elapsed: started.elapsed(),
            diagnostics,
        };
        self.built = Some(Built { archive, pages: pages.list, prints: pages.prints, kept, statics, shards });
        Ok(report)
    }

    /// Removes the files no longer produced, adding them to `changed`;
    /// with errors they are kept rather than deleted: fixing the file brings
    /// them back, and nothing is lost meanwhile. Returns those kept and how
    /// many went.
    fn remove_stale(
        &self,
        stale: Vec<String>,
        has_errors: bool,
        changed: &mut Vec<String>,
    ) -> Result<(Vec<String>, usize), BuildError> {
        if has_errors {
            return Ok((stale, 0));
        }
        let mut removed = 0;
        for file in stale {
            if output::remove(&self.paths.out, &file)? {
                removed += 1;
                changed.push(file);
            }
        }
        Ok((Vec::new(), removed))
    }

    /// The archive after `changes`: the last one with the edited articles
    /// swapped in when every path, slug, date and name stayed as it was
    /// (returning their ids, whose pages can be shown first), else a new one.
    fn place_articles(&self, changes: &Changes, full: bool, previous: Option<&mut Built>) -> (Archive, Vec<usize>) {
        if let Some(b) = previous
            && !full
            && !changes.content_rescan
            && !changes.config
        {
            let swapped = changes.content.iter().all(|path| match self.cache.get(path) {
                Some(article) => b.archive.replace_contents(Arc::clone(article)),
                None => false,
            });
            if swapped {
                let paths: HashSet<&std::path::Path> =
                    changes.content.iter().filter_map(|p| self.cache.get(p)).map(|a| a.path.as_path()).collect();
                let edited = b
                    .archive
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| paths.contains(e.article.path.as_path()))
                    .map(|(id, _)| id)
                    .collect();
                return (std::mem::replace(&mut b.archive, Archive::build(Vec::new(), 0)), edited);
            }
        }
        let articles: Vec<Arc<Article>> =
            self.cache.values().filter(|a| self.options.drafts || !a.meta.draft).cloned().collect();
        (Archive::build(articles, self.config.related), Vec::new())
    }

    /// Output files the last build made that this one no longer makes. A
    /// full build finds them on disk (left by an earlier run); a rebuild
    /// knows them from the last one.
    fn stale_files(
        &self,
        previous: Option<&Built>,
        full: bool,
        pages: &[Page],
        produced: &HashSet<&str>,
        statics: &BTreeMap<String, Option<PathBuf>>,
    ) -> (Vec<String>, Vec<(PathBuf, String)>) {
        if full {
            let mut keep: HashSet<String> = produced.iter().map(|f| f.to_string()).collect();
            keep.extend(statics.keys().cloned());
            return output::stale_files(&self.paths.out, &keep);
        }
        let Some(prev) = previous else { return (Vec::new(), Vec::new()) };
        let mut stale: Vec<&str> = prev.kept.iter().map(String::as_str).collect();
        if prev.pages != pages {
            stale.extend(prev.pages.iter().map(|p| p.file.as_str()));
        }
        stale.extend(prev.statics.keys().map(String::as_str));
        stale.extend(prev.shards.iter().flat_map(|s| s.files.iter().map(String::as_str)));
        stale.retain(|f| !statics.contains_key(*f) && !produced.contains(f));
        stale.sort_unstable();
        stale.dedup();
        (stale.into_iter().map(str::to_string).collect(), Vec::new())
    }
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
