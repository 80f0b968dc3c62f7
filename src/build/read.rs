//! The reading phases: settings, templates and content files, each kept
//! between runs with its problems until the file is fixed.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::templates::{kinds_using, read_site_templates};
use super::{Changes, Loaded, Pipeline, Progress};
use crate::config::Config;
use crate::content::{self, markdown::RawHtml};
use crate::diagnostic::Diagnostic;
use crate::pages::PageKind;
use crate::render::Renderer;

impl Pipeline {
    /// Re-reads `dateline.yaml` when it changed. Broken settings keep the
    /// last good ones in use, and are reported until fixed; new settings
    /// start the build over.
    pub(super) fn apply_settings(&mut self, changes: &Changes) {
        if !changes.config {
            return;
        }
        match self.reload_config() {
            Ok(changed) => {
                self.settings_problems.clear();
                if changed {
                    self.built = None;
                    self.renderer = None;
                    self.cache.clear();
                }
            }
            Err(d) => self.settings_problems = vec![d],
        }
    }

    /// Compiles the templates when first needed or when one changed; returns
    /// the page kinds to render again whatever their fingerprints, or `None`
    /// when no templates compile (and none compiled before). A broken
    /// template keeps the last good ones in use, so content edits still show.
    pub(super) fn compile_templates(&mut self, changes: &Changes) -> Option<HashSet<PageKind>> {
        let mut forced_kinds = HashSet::new();
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
        }
        self.renderer.is_some().then_some(forced_kinds)
    }

    /// Reads the articles: all of them (reusing parses of unchanged files)
    /// on a full build or a rescan, else only the changed ones.
    pub(super) fn read_content(&mut self, changes: &Changes, full: bool, progress: &dyn Progress) {
        if full || changes.content_rescan {
            self.load_all(progress);
        } else {
            self.load_some(&changes.content);
        }
    }

    /// Every problem of the content files as they are now.
    pub(super) fn current_problems(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.settings_problems.clone();
        all.extend(self.template_problems.iter().cloned());
        all.extend(self.listing.iter().cloned());
        all.extend(self.problems.values().flatten().cloned());
        all
    }

    /// Re-reads `dateline.yaml`; returns whether the settings changed.
    fn reload_config(&mut self) -> Result<bool, Diagnostic> {
        let config = Config::load_with(&self.paths, self.options.base_url.as_deref())?;
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
}
