//! dateline: a static site generator for news archives.
//!
//! Raw scraped articles are normalized into front-matter Markdown
//! (`ingest`), then built into a static archive with a page per topic,
//! country and person (`build`). See `ARCHITECTURE.md` for the map; the
//! modules below are declared in pipeline order.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod diagnostic;
pub mod disk;

pub mod extract;
pub mod fingerprint;
pub mod frontmatter;
pub mod ingest;
pub mod progress;
pub mod slug;

pub mod archive;
pub mod build;
pub mod content;
pub mod output;
pub mod pages;
pub mod render;
#[cfg(feature = "search")]
pub mod search;
pub mod serve;
pub mod walk;
pub mod watch;
