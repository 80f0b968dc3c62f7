//! The default theme embedded in the binary (one table), the site's
//! overrides, and which template each page kind uses.
//!
//! Defaults are registered as `default/NAME`, and Tera falls back to that
//! prefix, so a site's `templates/NAME` replaces the default of that name and
//! can still `{% extends "default/NAME" %}` to change one block.

use crate::pages::PageKind;

/// Prefix under which the embedded defaults are registered.
pub const DEFAULT_PREFIX: &str = "default/";

/// Every default template: name and text. A test checks this table against
/// the `templates/` folder, so the two cannot drift.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("partials/article_list.html", include_str!("../../templates/partials/article_list.html")),
    ("partials/pager.html", include_str!("../../templates/partials/pager.html")),
    ("partials/term_groups.html", include_str!("../../templates/partials/term_groups.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("taxonomy.html", include_str!("../../templates/taxonomy.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("year.html", include_str!("../../templates/year.html")),
    ("month.html", include_str!("../../templates/month.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("search-facets.json", include_str!("../../templates/search-facets.json")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// Static files of the default theme, written unless the site's `static/` has its own.
pub const DEFAULT_STATIC: &[(&str, &str)] = &[("style.css", include_str!("../../static/style.css"))];

/// The template a page kind is rendered with, and the name its view has in it.
pub fn template_for(kind: PageKind) -> (&'static str, &'static str) {
    match kind {
        PageKind::Home => ("index.html", "home"),
        PageKind::Article => ("article.html", "article"),
        PageKind::TermList => ("taxonomy.html", "taxonomy"),
        PageKind::Term => ("term.html", "term"),
        PageKind::Feed => ("atom.xml", "feed"),
        PageKind::Year => ("year.html", "year"),
        PageKind::Month => ("month.html", "month"),
        PageKind::Sitemap => ("sitemap.xml", "sitemap"),
        PageKind::Robots => ("robots.txt", "robots"),
        PageKind::NotFound => ("404.html", "not_found"),
        PageKind::Search => ("search.html", "search"),
        PageKind::SearchFacets => ("search-facets.json", "facets"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_exactly_the_files_in_templates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = DEFAULT_TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }
}
