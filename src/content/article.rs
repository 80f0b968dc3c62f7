//! `Article`: one content file, parsed, validated and with its body rendered.

use std::path::PathBuf;

use crate::content::meta::ArticleMeta;
use crate::slug::Slug;

/// One article as the build sees it. Everything here depends only on the
/// file's bytes and the raw-HTML setting, so it can be cached per file.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file, relative to the site root (`content/2012/10/mali.md`).
    pub path: PathBuf,
    /// The slug it asks for: its `slug` field, or its file name. The archive
    /// may add a suffix when two articles of a month ask for the same one.
    pub slug: Slug,
    /// Its front matter.
    pub meta: ArticleMeta,
    /// The body as HTML.
    pub body_html: String,
    /// The summary, or the first paragraph when there is none: for lists and feeds.
    pub excerpt: String,
    /// Fingerprint of the text it was parsed from (and the raw-HTML setting):
    /// everything above is a function of it.
    pub fingerprint: u64,
}
