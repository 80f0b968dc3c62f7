//! The standfirst a page prints between its headline and its story (lead,
//! teaser, deck), read from the markup before extraction: trafilatura drops
//! it with the page's header or as a teaser, though readers and the page's
//! own summary take it for the story's first paragraph.
//!
//! Two signs mark it: the page's description (`<meta name="description">`,
//! Open Graph, Twitter) printed as a paragraph, or a paragraph right after
//! the headline whose class or id names it a lead.

use std::collections::HashMap;

use trafilatura::dom::{Document, NodeId};

use crate::ingest::html::squash;

/// Elements whose text is a paragraph of its own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "blockquote",
    "figcaption",
    "figure",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "ul",
    "ol",
    "table",
    "tr",
    "form",
    "body",
];

/// Elements whose text no reader sees.
const UNSEEN: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe", "textarea", "select", "button"];

/// Where a lead never is: inside a link, a menu, an aside, a footer, a caption or a form.
/// (A paragraph holding a link is still one; a paragraph that is mostly link text is not.)
const NOT_LEAD: &[&str] = &["a", "nav", "aside", "footer", "figure", "figcaption", "form", "label"];

/// Words a class, id or `itemprop` names a standfirst with, in the
/// languages of the pages we read (French "chapo", Czech "perex", Spanish
/// "entradilla" and "bajada", German "vorspann").
const LEAD_LABELS: &[&str] = &[
    "lead",
    "intro",
    "teaser",
    "standfirst",
    "deck",
    "dek",
    "excerpt",
    "summary",
    "subtitle",
    "subheadline",
    "subhead",
    "abstract",
    "preface",
    "description",
    "chapo",
    "chapeau",
    "perex",
    "entradilla",
    "bajada",
    "vorspann",
];

/// Elements deeper than this are not read for a lead (the walk recurses).
const MAX_WALK_DEPTH: usize = 512;

/// How many distinct descriptions are looked for (each is searched for in
/// every paragraph, and a hostile page may hold thousands of meta tags).
const MAX_DESCRIPTIONS: usize = 4;

/// How many paragraphs after the headline a labelled lead may come.
const LABELLED_WITHIN: usize = 12;

/// The text of one paragraph of the page, as a reader sees it.
#[derive(Debug)]
struct TextBlock {
    text: String,
    /// Class, id and `itemprop` words of the block and of its two nearest containers.
    labels: Vec<String>,
    /// Inside a menu, aside, footer, caption or form, or mostly link text.
    in_chrome: bool,
    /// How many of the letters of `text` (not counting spaces) are inside links.
    link_letters: usize,
    /// Part of the page's headline.
    in_headline: bool,
}

/// The page's standfirst, if it prints one: the paragraph holding the
/// page's description, else a paragraph labelled a lead right after the
/// headline.
pub fn find(doc: &Document) -> Option<String> {
    let blocks = text_blocks(doc);
    by_description(&descriptions(doc), &blocks).or_else(|| by_label(&blocks))
}

/// Whether extraction kept the lead already (or a part of it).
pub fn is_kept(lead: &str, paragraphs: &[String]) -> bool {
    let key = prefix(lead, 60);
    paragraphs.iter().any(|p| p.contains(key) || (p.len() >= 40 && lead.contains(prefix(p, 60))))
}

/// The paragraph that prints a description, the first in the page.
fn by_description(descriptions: &[String], blocks: &[TextBlock]) -> Option<String> {
    descriptions.iter().find_map(|description| {
        let key = prefix(description, 60);
        blocks
            .iter()
            .find(|b| {
                !b.in_chrome
                    && !b.in_headline
                    && b.text.len() < description.len() * 3 + 50
                    && b.text.split_whitespace().count() >= 6
                    && b.text.contains(key)
            })
            .map(|b| b.text.clone())
    })
}

/// The first paragraph labelled a lead shortly after the headline.
fn by_label(blocks: &[TextBlock]) -> Option<String> {
    let headline = blocks.iter().position(|b| b.in_headline)?;
    blocks[headline + 1..]
        .iter()
        .filter(|b| !b.in_headline)
        .take(LABELLED_WITHIN)
        .find(|b| {
            !b.in_chrome
                && b.text.split_whitespace().count() >= 8
                && b.labels.iter().any(|l| LEAD_LABELS.contains(&l.as_str()))
        })
        .map(|b| b.text.clone())
}

/// The page's descriptions of itself of at least six words, without a
/// trailing ellipsis (a description cut short still starts as the lead).
fn descriptions(doc: &Document) -> Vec<String> {
    let selector = "meta[name=\"description\" i], meta[property=\"og:description\" i], \
                    meta[name=\"twitter:description\" i], meta[property=\"twitter:description\" i]";
    doc.query_selector_all(doc.root(), selector)
        .into_iter()
        .filter_map(|id| doc.get_attribute(id, "content"))
        .map(|content| {
            let text = squash(&content);
            text.trim_end_matches("...").trim_end_matches('…').trim_end().to_string()
        })
        .filter(|d| d.split_whitespace().count() >= 6)
        .fold(Vec::new(), |mut kept: Vec<String>, d| {
            if !kept.contains(&d) && kept.len() < MAX_DESCRIPTIONS {
                kept.push(d);
            }
            kept
        })
}

/// Every paragraph of the page's body with text, in reading order.
fn text_blocks(doc: &Document) -> Vec<TextBlock> {
    let Some(body) = doc.body() else {
        return Vec::new();
    };
    let mut walk = Walk { doc, path: Vec::new(), blocks: Vec::new(), index: HashMap::new(), last: None };
    walk.visit(body);
    walk.blocks
        .into_iter()
        .map(|b| {
            let mostly_links = b.link_letters * 2 > letters(&b.text);
            TextBlock { text: squash(&b.text), in_chrome: b.in_chrome || mostly_links, ..b }
        })
        .filter(|b| !b.text.is_empty())
        .collect()
}

/// A depth-first walk that files each text under its nearest block.
struct Walk<'d> {
    doc: &'d Document,
    path: Vec<NodeId>,
    blocks: Vec<TextBlock>,
    index: HashMap<NodeId, usize>,
    /// The block the last text went to.
    last: Option<usize>,
}

impl Walk<'_> {
    fn visit(&mut self, id: NodeId) {
        let doc = self.doc;
        if doc.is_text(id) {
            self.file_text(&doc.text_content(id));
            return;
        }
        // Bounded too: the parser re-opens formatting elements (`<b>` across blocks), which `cap_depth` does not model.
        if !doc.is_element(id) || UNSEEN.contains(&doc.tag_name(id)) || self.path.len() >= MAX_WALK_DEPTH {
            return;
        }
        if doc.tag_name(id) == "br" {
            self.file_text(" ");
            return;
        }
        self.path.push(id);
        for child in doc.child_nodes(id) {
            self.visit(child);
        }
        self.path.pop();
    }

    fn file_text(&mut self, text: &str) {
        let doc = self.doc;
        let Some(at) = self.path.iter().rposition(|&n| BLOCKS.contains(&doc.tag_name(n))) else {
            return;
        };
        let block = self.path[at];
        let index = match self.index.get(&block) {
            Some(&i) => i,
            None => {
                let labels = self.path[at.saturating_sub(2)..=at].iter().flat_map(|&n| label_words(doc, n)).collect();
                let container = &self.path[..=at];
                let in_chrome = container.iter().any(|&n| NOT_LEAD.contains(&doc.tag_name(n)));
                let in_headline = container.iter().any(|&n| doc.tag_name(n) == "h1");
                self.blocks.push(TextBlock { text: String::new(), labels, in_chrome, link_letters: 0, in_headline });
                self.index.insert(block, self.blocks.len() - 1);
                self.blocks.len() - 1
            }
        };
        let in_link = self.path[at..].iter().any(|&n| doc.tag_name(n) == "a");
        // Text after a nested block ("Intro<p>Para</p>Tail") is a new line of its block.
        let resumed = self.last.is_some_and(|last| last != index);
        self.last = Some(index);
        let block = &mut self.blocks[index];
        if resumed && !block.text.is_empty() {
            block.text.push(' ');
        }
        block.text.push_str(text);
        if in_link {
            block.link_letters += letters(text);
        }
    }
}

/// The words of an element's class, id and `itemprop`, lower case, split
/// at punctuation and camel case (`article__lead`, `articleLead`), with
/// each pair joined too (`sub-title`).
fn label_words(doc: &Document, id: NodeId) -> Vec<String> {
    let attributes = [doc.class_name(id), doc.id_attr(id), doc.get_attribute(id, "itemprop").unwrap_or_default()];
    let mut words = Vec::new();
    for attribute in &attributes {
        let mut parts: Vec<String> = Vec::new();
        for piece in attribute.split(|c: char| !c.is_ascii_alphanumeric()) {
            let mut word = String::new();
            let mut previous_lower = false;
            for c in piece.chars() {
                if c.is_ascii_uppercase() && previous_lower {
                    parts.push(std::mem::take(&mut word));
                }
                previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                word.push(c.to_ascii_lowercase());
            }
            if !word.is_empty() {
                parts.push(word);
            }
        }
        for pair in parts.windows(2) {
            words.push(format!("{}{}", pair[0], pair[1]));
        }
        words.extend(parts);
    }
    words
}

/// How many characters of a text are not whitespace.
fn letters(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The first `n` characters of a text.
fn prefix(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(at, _)| &text[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead_of(html: &str) -> Option<String> {
        find(&Document::parse(html))
    }

    #[test]
    fn the_paragraph_printing_the_description_is_the_lead() {
        let html = r#"<html><head><meta name="description" content="The council voted on Tuesday to close the old bridge for good..."></head>
            <body><h1>Bridge closes</h1><div class="x"><p>The council voted on Tuesday to close the old bridge for good, citing repairs.</p></div>
            <p>Body text.</p></body></html>"#;
        assert_eq!(
            lead_of(html).as_deref(),
            Some("The council voted on Tuesday to close the old bridge for good, citing repairs.")
        );
    }

    #[test]
    fn a_description_printed_only_in_a_link_or_aside_is_not_a_lead() {
        let html = r#"<html><head><meta property="og:description" content="The council voted on Tuesday to close the old bridge"></head>
            <body><h1>Bridge closes</h1><aside><p>The council voted on Tuesday to close the old bridge</p></aside>
            <a href="/x"><span>The council voted on Tuesday to close the old bridge</span></a></body></html>"#;
        assert_eq!(lead_of(html), None);
    }

    #[test]
    fn a_paragraph_labelled_a_lead_after_the_headline_is_the_lead() {
        let html = r#"<html><body><h1>Bridge closes</h1><p class="byline">By A. Writer</p>
            <div class="articleLead"><p>The council voted to close the old bridge for good on Tuesday.</p></div>
            <p>Body text that follows the lead.</p></body></html>"#;
        assert_eq!(lead_of(html).as_deref(), Some("The council voted to close the old bridge for good on Tuesday."));
    }

    #[test]
    fn a_label_word_inside_another_word_is_not_a_lead_label() {
        let html = r#"<html><body><h1>Bridge closes</h1>
            <div class="leaderboard"><p>The council voted to close the old bridge for good on Tuesday.</p></div>
            </body></html>"#;
        assert_eq!(lead_of(html), None);
    }

    #[test]
    fn a_lead_already_extracted_is_kept_not_repeated() {
        let lead = "The council voted to close the old bridge for good on Tuesday, citing repairs.";
        assert!(is_kept(
            lead,
            &["The council voted to close the old bridge for good on Tuesday, citing repairs.".into()]
        ));
        assert!(!is_kept(lead, &["Repairs would have cost more than a new bridge, the mayor said.".into()]));
        // Extraction kept the lead's first sentence as a paragraph of its own.
        assert!(is_kept(lead, &["The council voted to close the old bridge for good on Tuesday,".into()]));
    }

    #[test]
    fn label_words_split_at_punctuation_and_camel_case() {
        let doc = Document::parse(r#"<p class="c-article__subTitle" id="sub-headline">x</p>"#);
        let p = doc.query_selector(doc.root(), "p").expect("a p");
        let words = label_words(&doc, p);
        assert!(words.contains(&"subheadline".to_string()), "{words:?}");
        assert!(words.contains(&"title".to_string()), "{words:?}");
        assert!(words.contains(&"subtitle".to_string()), "{words:?}");
    }

    #[test]
    fn line_breaks_and_nested_blocks_separate_words() {
        let html = r#"<html><body><h1>Bridge closes</h1>
            <div class="lead">The council voted<br>to close the old bridge<p>for good on Tuesday.</p>citing costly repairs</div>
            </body></html>"#;
        let lead = lead_of(html).expect("a lead");
        assert_eq!(lead, "The council voted to close the old bridge citing costly repairs");
    }

    #[test]
    fn only_the_first_distinct_descriptions_are_looked_for() {
        // Each twice in a row, as pages repeat them in og: and twitter: tags.
        let metas: String = (0..10)
            .map(|i| {
                format!(r#"<meta name="description" content="Description number {i} of this page, long enough">"#)
                    .repeat(2)
            })
            .collect();
        let doc = Document::parse(&format!("<html><head>{metas}</head><body></body></html>"));
        let found = descriptions(&doc);
        assert_eq!(found.len(), MAX_DESCRIPTIONS);
        assert!(found[1].starts_with("Description number 1 "), "{found:?}");
    }
}
