//! The static files phase: `static/` and the default theme's files it does
//! not replace, copied into the output when new or changed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Outcome, Pipeline};
use crate::diagnostic::Diagnostic;
use crate::output;
use crate::render::templates;

impl Pipeline {
    /// Copies `static/` (and the default theme's files it does not replace).
    /// Returns the static files now in the output (each with its source, `None`
    /// for the theme's), and what was written.
    pub(super) fn sync_statics(
        &self,
        previous: Option<&BTreeMap<String, Option<PathBuf>>>,
        changed: &[PathBuf],
        full: bool,
        pages: &HashSet<&str>,
    ) -> (BTreeMap<String, Option<PathBuf>>, Outcome) {
        let mut problems = Vec::new();
        let mut wanted: BTreeMap<String, Option<PathBuf>> = BTreeMap::new();
        for (rel, source) in self.static_files(&mut problems) {
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
        (wanted, Outcome { written, problems })
    }
}

impl Pipeline {
    /// The files of the site's `static/` folder, as (output path, source
    /// file), sorted; where the walk could not go becomes a warning.
    fn static_files(&self, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
        let dir = &self.paths.static_dir;
        if !dir.is_dir() {
            return Vec::new();
        }
        let listing = crate::walk::visible_files(dir);
        for (at, why) in listing.problems {
            problems.push(Diagnostic::warning(self.paths.display(&at), why));
        }
        listing
            .files
            .into_iter()
            .filter_map(|f| Some((f.strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/"), f)))
            .collect()
    }
}
