//! The site's templates: read from `templates/`, and which pages a change
//! to them reaches.

use std::collections::HashSet;

use crate::config::SitePaths;
use crate::diagnostic::Diagnostic;
use crate::pages::PageKind;
use crate::render::{SiteTemplate, templates};

/// The page kinds a change to these templates can affect. The base layout
/// and partials reach every HTML page; an unknown name reaches everything.
pub(super) fn kinds_using(changed: &[String]) -> HashSet<PageKind> {
    use PageKind::*;
    let html = [Home, Article, TermList, Term, Year, Month, NotFound, Search];
    let mut kinds = HashSet::new();
    for name in changed {
        let direct: Vec<PageKind> =
            PageKind::ALL.into_iter().filter(|k| templates::template_for(*k).0 == name).collect();
        if !direct.is_empty() {
            kinds.extend(direct);
        } else if name == "base.html" || name.starts_with("partials/") {
            kinds.extend(html);
        } else {
            kinds.extend(PageKind::ALL);
        }
    }
    kinds
}

/// Reads the site's `templates/` folder.
pub(super) fn read_site_templates(paths: &SitePaths, diagnostics: &mut Vec<Diagnostic>) -> Vec<SiteTemplate> {
    let root = &paths.templates;
    if !root.is_dir() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let listing = crate::walk::visible_files(root);
    for (at, why) in listing.problems {
        diagnostics.push(Diagnostic::warning(paths.display(&at), why));
    }
    for file in listing.files {
        let name = file.strip_prefix(root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        let shown = paths.display(&file).to_path_buf();
        match std::fs::read_to_string(&file) {
            Ok(text) => found.push(SiteTemplate { name, path: shown, text }),
            Err(e) => diagnostics.push(Diagnostic::error(shown, format!("cannot read template: {e}"))),
        }
    }
    found
}
