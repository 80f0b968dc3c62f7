//! `content/**/*.md` → [`Article`]s: the only step of the build that reads
//! articles, and the only place their YAML is interpreted.
//!
//! Reading and parsing run in parallel; every problem of every file is
//! collected, and the files that are fine still come through.

pub mod article;
pub mod date;
pub mod markdown;
pub mod meta;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use article::Article;
pub use date::PubDate;
pub use meta::ArticleMeta;

use crate::config::SitePaths;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::fingerprint;
use crate::frontmatter::{self, Split, SplitError};
use crate::slug::Slug;
use markdown::RawHtml;

/// The longest excerpt shown in lists, in characters.
const EXCERPT_CHARS: usize = 300;

/// Lists the Markdown files under `content/`, sorted, with problems met on the
/// way (unreadable folders, symlink loops).
pub fn list_files(paths: &SitePaths) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !paths.content.is_dir() {
        problems.push(Diagnostic::error(paths.display(&paths.content), "the content folder does not exist").help(
            "put articles under content/ (e.g. content/2012/10/my-story.md), or run `dateline ingest` on raw sources",
        ));
        return (files, problems);
    }
    let listing = crate::walk::visible_files(&paths.content);
    files.extend(listing.files.into_iter().filter(|f| is_markdown(f)));
    for (at, why) in listing.problems {
        problems.push(Diagnostic::warning(paths.display(&at), why));
    }
    (files, problems)
}

/// Whether `path` names an article file.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
}

/// Reads and parses one article file.
pub fn load_file(paths: &SitePaths, file: &Path, raw_html: RawHtml) -> Result<Article, Vec<Diagnostic>> {
    load_file_cached(paths, file, raw_html, None).map(Arc::unwrap_or_clone)
}

/// Like [`load_file`], but reuses `cached` when the file's bytes still have
/// its fingerprint.
pub fn load_file_cached(
    paths: &SitePaths,
    file: &Path,
    raw_html: RawHtml,
    cached: Option<&Arc<Article>>,
) -> Result<Arc<Article>, Vec<Diagnostic>> {
    let shown = paths.display(file);
    let bytes = std::fs::read(file).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            "the file disappeared while the build was reading it".to_string()
        } else {
            format!("cannot read the file: {e}")
        };
        vec![Diagnostic::error(shown, message)]
    })?;
    let print = print_of(&bytes, raw_html);
    if let Some(article) = cached.filter(|a| a.fingerprint == print) {
        return Ok(Arc::clone(article));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = position_of(&bytes[..e.valid_up_to()]);
        vec![
            Diagnostic::error(shown, "the file is not valid UTF-8")
                .at(line, column)
                .help("save it as UTF-8; `dateline ingest` converts Windows-1252 and Latin-1 text"),
        ]
    })?;
    parse_printed(shown, text, raw_html, print).map(Arc::new)
}

/// What an article's pages depend on in its file: the bytes, and whether raw
/// HTML in them is kept.
fn print_of(bytes: &[u8], raw_html: RawHtml) -> u64 {
    fingerprint(bytes) ^ (raw_html == RawHtml::Allow) as u64
}

/// Parses the text of one article; `path` is how it is named in messages and pages.
pub fn parse(path: &Path, text: &str, raw_html: RawHtml) -> Result<Article, Vec<Diagnostic>> {
    parse_printed(path, text, raw_html, print_of(text.as_bytes(), raw_html))
}

fn parse_printed(path: &Path, text: &str, raw_html: RawHtml, fingerprint: u64) -> Result<Article, Vec<Diagnostic>> {
    let (meta, split) = parse_front_matter(path, text)?;
    let rendered = markdown::render(split.body, raw_html);
    let excerpt = truncate_words(meta.summary.as_deref().unwrap_or(&rendered.first_paragraph), EXCERPT_CHARS);
    let slug = slug_of(path, &meta);
    Ok(Article { path: path.to_path_buf(), slug, meta, body_html: rendered.html, excerpt, fingerprint })
}

/// The front matter of an article file, checked, and the file cut at its fences.
pub fn parse_front_matter<'t>(path: &Path, text: &'t str) -> Result<(ArticleMeta, Split<'t>), Vec<Diagnostic>> {
    let split = frontmatter::split(text).map_err(|e| {
        let help = match e {
            SplitError::NoOpening => "start the file with a line `---`, then `title:` and `date:` lines, then `---`",
            SplitError::NoClosing => "end the front matter with a line holding only `---`",
        };
        vec![Diagnostic::error(path, e.to_string()).at(1, 1).help(help)]
    })?;
    Ok((meta::parse_meta(split.yaml, path, split.yaml_line)?, split))
}

/// An article's slug: its `slug:` field, else its file name.
pub fn slug_of(path: &Path, meta: &ArticleMeta) -> Slug {
    let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    meta.slug.clone().unwrap_or_else(|| Slug::from_name(&stem))
}

/// 1-based line and column just after `prefix`.
fn position_of(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..]).chars().count() + 1;
    (line, column)
}

/// Cuts `text` to at most `max` characters at a word boundary, adding `…`.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_an_article() {
        let a = parse(
            Path::new("content/2012/10/mali.md"),
            "---\ntitle: Mali\ndate: 2012-10-24\n---\nFirst *para*.\n\nSecond.\n",
            RawHtml::Escape,
        )
        .unwrap();
        assert_eq!(a.slug.as_str(), "mali");
        assert_eq!(a.excerpt, "First para.");
        assert!(a.body_html.contains("<em>para</em>"));
    }

    #[test]
    fn slug_field_wins_over_file_name() {
        let a = parse(
            Path::new("x/whatever.md"),
            "---\ntitle: T\ndate: 2012-10-24\nslug: My Story\n---\n",
            RawHtml::Escape,
        )
        .unwrap();
        assert_eq!(a.slug.as_str(), "my-story");
    }

    #[test]
    fn missing_front_matter_is_explained() {
        let errs = parse(Path::new("a.md"), "Just text\n", RawHtml::Escape).unwrap_err();
        assert_eq!(errs[0].line, Some(1));
        assert!(errs[0].help.as_deref().unwrap().contains("---"));
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position_of(b"ab\ncd"), (2, 3));
        assert_eq!(position_of("é".as_bytes()), (1, 2));
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate_words("one two three", 9), "one two…");
        assert_eq!(truncate_words("short", 9), "short");
    }
}
