//! The nesting guard: before a page reaches the HTML parsers, tags that
//! would nest deeper than a limit are left out (their text kept), so no
//! recursive walk over the parsed page can overflow a thread's stack.
//!
//! The depth is the one the HTML parser will build, estimated in one pass
//! over the tags: an end tag closes only an element that is open (a stray
//! `</span>` closes nothing), `<div/>` opens a div as it does in a browser
//! (the slash only closes elements inside `<svg>` and `<math>`), and the
//! elements the parser closes by itself (`<p>`, `<li>`, `<td>` …) are not
//! counted. The estimate may run deeper than the parser's tree, never
//! shallower, so a hostile page cannot get past it.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements that never hold others (`<br>`, `<img>` …), or whose end the
/// parser supplies when the next one starts (`<p>`, `<li>`, `<td>` …): a
/// run of them makes siblings, not a deeper tree, so they are not counted.
const NOT_NESTING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt",
    "rp", "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "!doctype",
];

/// Elements an end tag of another name does not close past (HTML's
/// "special" category, and the scope markers among them): `</b>` inside a
/// `<div>` opened after the `<b>` is ignored by the parser, so here too.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "details",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "html",
    "iframe",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "template",
    "ul",
    "xmp",
    "svg",
    "math",
];

/// Elements whose content is raw text: no tags inside them.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"];

/// `html` with the tags that would nest deeper than `max` left out (their
/// text kept), and how many were; one pass, so a hostile page costs no more
/// than its length times `max`.
pub fn cap_depth(html: &str, max: usize) -> (Cow<'_, str>, usize) {
    let mut open: Vec<String> = Vec::new();
    let mut foreign = 0usize; // open <svg> and <math>: there `/>` closes
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` accounted for in `out`
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut flattened = 0;
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|k| i + k) {
        let rest = &html[at..];
        let skip_to = |end: &str, from: usize| html[from..].find(end).map_or(html.len(), |k| from + k + end.len());
        if rest.starts_with("<!--") {
            i = skip_to("-->", at + 4);
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[1..close];
        let next = at + close + 1;
        i = next;
        let end_tag = tag.starts_with('/');
        let name = tag_name(tag);
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if !end_tag && foreign == 0 && RAW_TEXT.contains(&name.as_str()) {
            i = skip_to(&format!("</{name}"), next);
            continue;
        }
        let self_closed = !end_tag && foreign > 0 && tag.ends_with('/');
        if self_closed {
            continue;
        }
        let drop = if end_tag {
            match dropped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => {
                    if let Some(k) = closed_by(&open, &name) {
                        foreign -= open[k..].iter().filter(|n| is_foreign(n)).count();
                        open.truncate(k);
                    }
                    false
                }
            }
        } else if open.len() >= max {
            *dropped.entry(name).or_default() += 1;
            flattened += 1;
            true
        } else {
            foreign += usize::from(is_foreign(&name));
            open.push(name);
            false
        };
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..at]);
            copied = next;
        }
    }
    match out {
        None => (Cow::Borrowed(html), 0),
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            (Cow::Owned(buf), flattened)
        }
    }
}

/// The lowercased name of a tag's text between `<` and `>` (`/Div class=x` → `div`).
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Where in `open` the element an end tag `</name>` closes sits, if any:
/// the nearest open one of that name, not past an element the parser would
/// not close for it.
fn closed_by(open: &[String], name: &str) -> Option<usize> {
    let name_is_special = SPECIAL.contains(&name);
    for (k, element) in open.iter().enumerate().rev() {
        if element == name {
            return Some(k);
        }
        // A block's end tag closes the inline elements left open inside it,
        // an inline's end tag does not close a block opened after it.
        let barrier = if name_is_special { is_scope_marker(element) } else { SPECIAL.contains(&element.as_str()) };
        if barrier {
            return None;
        }
    }
    None
}

/// Elements that bound the search of a block's end tag (HTML's scope markers).
fn is_scope_marker(element: &str) -> bool {
    matches!(element, "applet" | "caption" | "html" | "table" | "marquee" | "object" | "template" | "svg" | "math")
}

/// Whether `name` starts foreign content, where `/>` closes an element.
fn is_foreign(name: &str) -> bool {
    matches!(name, "svg" | "math")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_its_text_kept() {
        let deep = format!("{}<p>Deep text.</p>{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let (capped, flattened) = cap_depth(&deep, 256);
        assert_eq!(flattened, 20_000 - 256);
        assert!(capped.contains("Deep text.") && capped.matches("<div>").count() == 256);
        assert_eq!(capped.matches("</div>").count(), 256, "the dropped tags' end tags go too");
    }

    #[test]
    fn a_slash_does_not_close_a_div() {
        let page = "<div/>".repeat(1_000);
        let (capped, flattened) = cap_depth(&page, 256);
        assert_eq!((flattened, capped.matches("<div/>").count()), (1_000 - 256, 256));
    }

    #[test]
    fn stray_end_tags_close_nothing() {
        // `</span>` cannot close the divs opened after its span, nor `</i>` an i never opened.
        let hostile = "<span><div><div></span></i>".repeat(500);
        let (_, flattened) = cap_depth(&hostile, 256);
        assert!(flattened > 500, "flattened {flattened}");
    }

    #[test]
    fn block_end_tags_close_inline_elements_left_open() {
        let page = "<div><b><i>text</div>".repeat(1_000);
        assert_eq!(cap_depth(&page, 256).1, 0);
    }

    #[test]
    fn svg_shapes_close_themselves() {
        let icons = format!("<svg>{}</svg>", "<path d='M0 0'/>".repeat(1_000)).repeat(50);
        let page = format!("<html><body>{icons}<div><p>Story.</p></div></body></html>");
        let (same, n) = cap_depth(&page, 256);
        assert_eq!((same.as_ref(), n), (page.as_str(), 0));
    }

    #[test]
    fn siblings_the_parser_closes_are_not_nesting() {
        let page = format!("<ul>{}</ul><table>{}</table>", "<li>item".repeat(2_000), "<tr><td>cell".repeat(2_000));
        assert_eq!(cap_depth(&page, 256).1, 0);
    }

    #[test]
    fn scripts_and_comments_hold_no_tags() {
        let page = format!("<script>{}</script><!--{}-->", "<div>".repeat(1_000), "<div>".repeat(1_000));
        assert_eq!(cap_depth(&page, 256).1, 0);
    }
}
