//! A normalized article → the bytes of its content file: front matter in
//! the one format `content` reads, then the body as Markdown.
//!
//! Everything taken from a source is escaped so that scraped `<script>`,
//! `*`, `[` or a leading `#` reads as text, never as markup. The same input
//! always gives the same bytes, so re-ingesting a source is a no-op.

use crate::content::meta::FrontMatterOut;
use crate::frontmatter;
use crate::ingest::text::Block;

/// Characters that can start Markdown or HTML markup anywhere in a line.
const INLINE_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '$'];

/// Escapes text so Markdown renders it literally.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if INLINE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    // At the start of a line, `#`, `>`, `-`, `+`, `=`, and `1.`/`1)` start blocks.
    let first = out.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=' | '>')) {
        out.insert(0, '\\');
    } else if let Some(digits) = out.find(|c: char| !c.is_ascii_digit())
        && digits > 0
        && out[digits..].starts_with(['.', ')'])
    {
        out.insert(digits, '\\');
    }
    out
}

/// The Markdown body of an article.
pub fn body_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Paragraph(text) => {
                out.push_str(&escape_markdown(text));
                out.push('\n');
            }
            Block::Table(rows) => {
                // A fenced block shows a table of figures as laid out; the
                // fence is longer than any run of backticks inside.
                let fence = "`".repeat(rows.iter().map(|r| longest_run(r, '`')).max().unwrap_or(0).max(2) + 1);
                out.push_str(&fence);
                out.push_str("text\n");
                for row in rows {
                    out.push_str(row);
                    out.push('\n');
                }
                out.push_str(&fence);
                out.push('\n');
            }
        }
    }
    out
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// The whole content file.
pub fn content_file(front: &FrontMatterOut, body: &str) -> Result<String, frontmatter::YamlError> {
    let yaml = frontmatter::to_yaml(front)?;
    Ok(frontmatter::join(&yaml, &format!("\n{body}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::{RawHtml, render};

    #[test]
    fn scraped_markup_renders_as_text() {
        for text in [
            "<script>alert(1)</script>",
            "*bold* and _it_",
            "[link](javascript:x)",
            "# Not a heading",
            "1. not a list",
            "> not a quote",
            "a | b",
            "`code`",
            "&amp; entity",
            "- dash",
        ] {
            let md = escape_markdown(text);
            let html = render(&md, RawHtml::Allow).html;
            let shown = html.trim().trim_start_matches("<p>").trim_end_matches("</p>");
            let expected = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert_eq!(shown, expected, "{text:?} became {html:?}");
        }
    }

    #[test]
    fn tables_are_fenced() {
        let md = body_markdown(&[
            Block::Paragraph("Results:".into()),
            Block::Table(vec!["Shr   12 cts".into(), "Net   1,234".into()]),
        ]);
        assert_eq!(md, "Results:\n\n```text\nShr   12 cts\nNet   1,234\n```\n");
    }
}
