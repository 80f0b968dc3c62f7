//! Changed paths → [`Changes`]: what a rebuild has to look at again.

use std::path::{Path, PathBuf};

use crate::config::{Input, SitePaths};
use crate::content;

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
