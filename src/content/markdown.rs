//! An article body, Markdown → HTML, with the raw-HTML policy for untrusted
//! text and heading ids.
//!
//! pulldown-cmark has no safe mode: raw HTML and `javascript:` links pass
//! through verbatim. Scraped articles are untrusted, so by default raw HTML
//! is turned into text (as Hugo does) and links with a script scheme are dropped.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::slug::Slug;

/// What to do with raw HTML inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RawHtml {
    /// Show it as text (the default).
    Escape,
    /// Pass it through (`unsafe_html: true`, for trusted authors).
    Allow,
}

/// A rendered body and the plain text of its first paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The first paragraph as plain text, for an excerpt when there is no summary.
    pub first_paragraph: String,
}

/// Renders a Markdown body.
pub fn render(markdown: &str, raw_html: RawHtml) -> Rendered {
    // CommonMark replaces NUL with U+FFFD; a NUL in a page breaks some tools.
    let cleaned;
    let markdown = if markdown.contains('\0') {
        cleaned = markdown.replace('\0', "\u{FFFD}");
        cleaned.as_str()
    } else {
        markdown
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event<'_>> = Vec::new();
    // Links and images whose start was dropped: their end must go too.
    let mut dropped_ends: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Html(text) | Event::InlineHtml(text) if raw_html == RawHtml::Escape => {
                events.push(Event::Text(text));
            }
            Event::Start(Tag::Link { ref dest_url, .. }) if is_script_url(dest_url) => {
                depth += 1;
                dropped_ends.push(depth);
            }
            Event::Start(Tag::Image { ref dest_url, .. }) if is_script_url(dest_url) => {
                depth += 1;
                dropped_ends.push(depth);
            }
            Event::Start(tag) => {
                if matches!(tag, Tag::Link { .. } | Tag::Image { .. }) {
                    depth += 1;
                }
                events.push(Event::Start(tag));
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if dropped_ends.last() == Some(&depth) {
                    dropped_ends.pop();
                } else {
                    events.push(Event::End(end));
                }
                depth -= 1;
            }
            other => events.push(other),
        }
    }
    add_heading_ids(&mut events);
    let first_paragraph = first_paragraph_text(&events);
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    Rendered { html: html_out, first_paragraph }
}

/// Whether a link target would run script or embed a document when followed.
pub fn is_script_url(url: &str) -> bool {
    // Browsers ignore whitespace and control characters inside the scheme
    // (`java\tscript:`), so do the same before comparing.
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':' && c != '/' && c != '?' && c != '#')
        .flat_map(char::to_lowercase)
        .collect();
    let has_colon =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).nth(scheme.chars().count()) == Some(':');
    has_colon && matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file")
}

fn add_heading_ids(events: &mut [Event<'_>]) {
    let mut used: Vec<String> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let (id, _) = Slug::from_name(&text).first_free(|s| used.iter().any(|u| u == s.as_str()));
            let id = id.to_string();
            used.push(id.clone());
            if let Event::Start(Tag::Heading { level, classes, attrs, .. }) =
                std::mem::replace(&mut events[i], Event::SoftBreak)
            {
                events[i] = Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes, attrs });
            }
            i = j;
        }
        i += 1;
    }
}

fn first_paragraph_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md, RawHtml::Escape).html
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let out = html("Hi <script>alert(1)</script>\n\n<div onclick=\"x()\">b</div>\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn raw_html_passes_when_allowed() {
        assert!(render("<b>x</b>", RawHtml::Allow).html.contains("<b>x</b>"));
    }

    #[test]
    fn script_links_are_dropped_but_their_text_stays() {
        let out = html("[click](javascript:alert(1)) and [ok](https://example.org) ![i](data:text/html;base64,xx)");
        assert!(!out.contains("javascript"), "{out}");
        assert!(!out.contains("data:"), "{out}");
        assert!(out.contains("click"), "{out}");
        assert!(out.contains(r#"<a href="https://example.org">ok</a>"#), "{out}");
    }

    #[test]
    fn disguised_schemes_are_caught() {
        assert!(is_script_url("JaVaScRiPt:alert(1)"));
        assert!(is_script_url(" java\tscript:alert(1)"));
        assert!(!is_script_url("/javascript:x"));
        assert!(!is_script_url("https://example.org/javascript:"));
    }

    #[test]
    fn headings_get_unique_ids() {
        let out = html("## Mali today\n\n## Mali today\n");
        assert!(out.contains(r#"<h2 id="mali-today">"#), "{out}");
        assert!(out.contains(r#"<h2 id="mali-today-2">"#), "{out}");
    }

    #[test]
    fn smart_punctuation_and_first_paragraph() {
        let r = render("\"Hi\" -- there\nnow\n\nSecond.", RawHtml::Escape);
        assert_eq!(r.first_paragraph, "“Hi” – there now");
    }
}
