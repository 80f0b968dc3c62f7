//! The pages phase: the fingerprint of every page's inputs, then rendering
//! and writing, in parallel, only the pages whose fingerprint changed.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{Built, Outcome, Pipeline, Progress};
use crate::archive::Archive;
use crate::diagnostic::Diagnostic;
use crate::pages::{self, Page, PageKind};
use crate::render::{self, prints::Prints, views::Views};

/// One page's result: its file, and whether its bytes changed (or why it failed).
pub(super) type PageResult = (String, Result<bool, Diagnostic>);

/// What the pages phase leaves for the next build and the report.
pub(super) struct RenderedPages {
    /// Every page of the site, in `pages::site_pages` order.
    pub list: Vec<Page>,
    /// Each page's fingerprint, `None` where rendering failed (tried again next time).
    pub prints: Vec<Option<u64>>,
    /// How many pages were rendered.
    pub rendered: usize,
    /// Files written and problems met.
    pub outcome: Outcome,
}

impl Pipeline {
    /// Renders and writes the pages of articles `ids` ahead of the rest of a
    /// rebuild: the page being edited is the one on screen, and it shows
    /// while the pages that list the article are still being compared.
    pub(super) fn render_first(&self, archive: &Archive, ids: &[usize]) -> Vec<PageResult> {
        let renderer = self.renderer.as_ref().expect("templates compiled before rendering");
        let views = Views::new(archive, &self.config);
        let site = render::site_value(&views);
        ids.iter()
            .map(|&id| {
                let page = pages::article_page(archive, id);
                (page.file.clone(), self.render_one(renderer, &views, &site, &page))
            })
            .collect()
    }

    /// Renders and writes the pages whose fingerprint changed since
    /// `previous` (all of them without one), and those of `forced` kinds;
    /// `done` are pages already rendered this run (by [`Pipeline::render_first`]).
    pub(super) fn render_pages(
        &self,
        archive: &Archive,
        prints: &Prints<'_>,
        previous: Option<&Built>,
        forced: &HashSet<PageKind>,
        done: Vec<PageResult>,
        progress: &dyn Progress,
    ) -> RenderedPages {
        let list = pages::site_pages(archive, self.config.page_size, self.config.search_enabled());
        let new_prints: Vec<u64> = list.par_iter().map(|p| prints.page(p)).collect();
        // The previous print of each page: by position when the page list is
        // the same (the usual edit), else by file name.
        let old_prints: Vec<Option<u64>> = match previous {
            None => vec![None; list.len()],
            Some(b) if b.pages == list => b.prints.clone(),
            Some(b) => {
                let by_file: HashMap<&str, Option<u64>> =
                    b.pages.iter().zip(&b.prints).map(|(p, print)| (p.file.as_str(), *print)).collect();
                list.iter().map(|p| by_file.get(p.file.as_str()).copied().flatten()).collect()
            }
        };
        let already: HashSet<&str> = done.iter().map(|(file, _)| file.as_str()).collect();
        let dirty: Vec<&Page> = list
            .iter()
            .zip(&new_prints)
            .zip(&old_prints)
            .filter(|((page, print), old)| forced.contains(&page.key.kind()) || **old != Some(**print))
            .map(|((page, _), _)| page)
            .filter(|page| !already.contains(page.file.as_str()))
            .collect();
        tracing::debug!(dirty = dirty.len(), "pages compared");

        let renderer = self.renderer.as_ref().expect("templates compiled before rendering");
        let views = Views::new(archive, &self.config);
        let site = render::site_value(&views);
        progress.start("Rendering", dirty.len());
        let mut results: Vec<PageResult> = dirty
            .par_iter()
            .map(|page| {
                let result = self.render_one(renderer, &views, &site, page);
                progress.advance(1);
                (page.file.clone(), result)
            })
            .collect();
        progress.finish();
        let rendered = results.len() + done.len();
        results.extend(done);

        let mut outcome = Outcome::default();
        let mut failed: HashSet<String> = HashSet::new();
        let mut seen = HashSet::new();
        for (file, result) in results {
            match result {
                Ok(true) => outcome.written.push(file),
                Ok(false) => {}
                Err(problem) => {
                    failed.insert(file);
                    // A broken template fails every page that uses it; say so once.
                    if seen.insert((problem.path.clone(), problem.line, problem.column, problem.message.clone())) {
                        outcome.problems.push(problem);
                    }
                }
            }
        }
        let prints =
            list.iter().zip(new_prints).map(|(page, print)| (!failed.contains(&page.file)).then_some(print)).collect();
        RenderedPages { list, prints, rendered, outcome }
    }

    fn render_one(
        &self,
        renderer: &render::Renderer,
        views: &Views<'_>,
        site: &tera::Value,
        page: &Page,
    ) -> Result<bool, Diagnostic> {
        renderer.render(views, site, page).and_then(|text| {
            crate::output::write(&self.paths.out, &page.file, text.as_bytes())
                .map_err(|e| Diagnostic::error(&page.file, e.to_string()))
        })
    }
}
