//! Listing an input folder: its visible files, sorted, and the problems met
//! on the way (a symbolic link loop, a folder that cannot be read).
//!
//! One walker for `content/`, `templates/`, `static/` and ingest's inputs,
//! so they agree on what is hidden (any path part starting with `.`, and
//! editors' swap and backup files) and none drops a problem silently.

use std::path::{Path, PathBuf};

use crate::config::is_editor_litter;

/// What a walk found.
#[derive(Debug, Default)]
pub struct Listing {
    /// Visible files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Where the walk could not go, and why (in words for the user).
    pub problems: Vec<(PathBuf, String)>,
}

/// The visible files under `root` (following symbolic links), sorted.
pub fn visible_files(root: &Path) -> Listing {
    let mut listing = Listing::default();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && !is_editor_litter(e.path()) => listing.files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let at = e.path().unwrap_or(root).to_path_buf();
                let why = if e.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_string()
                } else {
                    format!("cannot read: {}", e.io_error().map_or_else(|| e.to_string(), ToString::to_string))
                };
                listing.problems.push((at, why));
            }
        }
    }
    listing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_parts_and_editor_litter_are_left_out_and_loops_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in ["b.md", "a/c.md", ".git/x.md", "a/.vscode/settings.json", "a/c.md~", "a/.c.md.swp"] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        let listing = visible_files(root);
        let rel: Vec<_> = listing.files.iter().map(|f| f.strip_prefix(root).unwrap().to_path_buf()).collect();
        assert_eq!(rel, [Path::new("a/c.md"), Path::new("b.md")]);
        #[cfg(unix)]
        assert!(
            listing.problems.iter().any(|(p, why)| p.ends_with("a/loop") && why.contains("loop")),
            "{:?}",
            listing.problems
        );
    }
}
