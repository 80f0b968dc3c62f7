//! The nesting guard: before a page reaches the HTML parsers, tags that
//! would nest deeper than a limit are left out (their text kept), so the
//! parsed tree stays shallow and extraction stays fast (its time grows with
//! the square of the depth).
//!
//! The depth is estimated in one pass over the tags the way the HTML parser
//! reads them: an end tag closes only an element that is open and not past
//! a block (a stray `</span>` closes nothing; `</body>` and `</form>` close
//! no children), `<div/>` opens a div (the slash closes only inside `<svg>`
//! and `<math>`, and only outside their HTML islands), and the elements the
//! parser closes by itself (`<p>`, `<li>`, `<td>` …) are not counted. The
//! parser can still build deeper than this estimate where it re-opens
//! formatting elements after a block (`<div><b id=1>x</div>` repeated), so
//! every recursive walk over a parsed page keeps its own bound too
//! (trafilatura's at 500 levels, `lead`'s at 512).

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements that never hold others (`<br>`, `<img>` …), or whose end the
/// parser supplies when the next one starts (`<p>`, `<li>`, `<td>` …): a
/// run of them makes siblings, not a deeper tree, so they are not counted.
const NOT_NESTING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot", "colgroup", "area", "base", "br",
    "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "basefont", "bgsound",
    "keygen", "frame", "image",
];

/// Elements an end tag of another name does not close past (HTML's
/// "special" category, and the scope markers among them): `</b>` inside a
/// `<div>` opened after the `<b>` is ignored by the parser, so here too
/// (and the headings, see [`is_special`]).
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

/// Elements of `<svg>` and `<math>` whose content is HTML again.
const INTEGRATION_POINTS: &[&str] =
    &["foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"];

/// HTML start tags that end `<svg>` or `<math>` content where they appear in it (and the headings).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// An open element: its name, and whether it is in `<svg>`/`<math>` content.
struct Open {
    name: String,
    foreign: bool,
}

/// `html` with the tags that would nest deeper than `max` left out (their
/// text kept), and how many were; one pass, so a hostile page costs no more
/// than its length times `max`.
pub fn cap_depth(html: &str, max: usize) -> (Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` accounted for in `out`
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut flattened = 0;
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|k| i + k) {
        if html[at..].starts_with("<!--") {
            i = comment_end(html, at + 4);
            continue;
        }
        let after = bytes.get(at + 1).copied().unwrap_or(b' ');
        if after == b'!' || after == b'?' {
            // A doctype, `<![if !supportLists]>`, CDATA: no element.
            i = html[at..].find('>').map_or(html.len(), |k| at + k + 1);
            continue;
        }
        let end_tag = after == b'/';
        let name_at = at + 1 + usize::from(end_tag);
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1; // `a < b`, `<<`: text, not a tag
            continue;
        }
        let Some(close) = tag_end(bytes, name_at) else { break };
        let tag = &html[at + 1..close];
        let next = close + 1;
        i = next;
        let name = tag_name(tag);
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        let in_foreign = in_foreign_content(&open);
        if end_tag {
            if let Some(n) = dropped.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                copy_up_to(html, &mut out, &mut copied, at, next);
            } else {
                close_element(&mut open, &name);
            }
            continue;
        }
        if matches!(name.as_str(), "html" | "head" | "body") {
            continue; // one of each: a repeated one merges into the first
        }
        if !in_foreign && RAW_TEXT.contains(&name.as_str()) {
            i = find_ignoring_case(html, next, &format!("</{name}")).unwrap_or(html.len());
            continue;
        }
        if in_foreign && (BREAKOUT.contains(&name.as_str()) || is_heading(&name)) {
            while in_foreign_content(&open) {
                open.pop();
            }
        }
        let in_foreign = in_foreign_content(&open);
        let foreign = in_foreign || matches!(name.as_str(), "svg" | "math");
        if foreign && tag.ends_with('/') {
            continue; // `<path/>`, `<svg/>`: closed at once
        }
        if open.len() >= max {
            *dropped.entry(name).or_default() += 1;
            flattened += 1;
            copy_up_to(html, &mut out, &mut copied, at, next);
        } else {
            open.push(Open { name, foreign });
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

/// Whether the next tag is read as `<svg>`/`<math>` content: the current
/// element is foreign and not one of their HTML islands.
fn in_foreign_content(open: &[Open]) -> bool {
    open.last().is_some_and(|e| e.foreign && !INTEGRATION_POINTS.contains(&e.name.as_str()))
}

/// Leaves the tag at `at..next` out of the copy being made.
fn copy_up_to(html: &str, out: &mut Option<String>, copied: &mut usize, at: usize, next: usize) {
    let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
    buf.push_str(&html[*copied..at]);
    *copied = next;
}

/// Applies an end tag `</name>` to the open elements, as the parser does.
fn close_element(open: &mut Vec<Open>, name: &str) {
    match name {
        // Neither closes anything: the parser only notes where the body ended.
        "body" | "html" | "br" => {}
        // `</form>` takes the form out of the stack and leaves its children open.
        "form" => {
            if let Some(k) = open.iter().rposition(|e| e.name == "form") {
                open.remove(k);
            }
        }
        _ => {
            if let Some(k) = closed_by(open, name) {
                open.truncate(k);
            }
        }
    }
}

/// Where a comment whose text starts at `from` ends: `<!-->` and `<!--->`
/// end at once, others at `-->` or `--!>`.
fn comment_end(html: &str, from: usize) -> usize {
    let rest = &html[from..];
    if rest.starts_with('>') {
        return from + 1;
    }
    if rest.starts_with("->") {
        return from + 2;
    }
    let ends = [rest.find("-->").map(|k| k + 3), rest.find("--!>").map(|k| k + 4)];
    ends.into_iter().flatten().min().map_or(html.len(), |k| from + k)
}

/// The index of the `>` that ends the tag whose name starts at `from`; a
/// `>` inside a quoted attribute value (`title="a > b"`) does not.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut last = b' '; // the last byte outside a quote that is not a space
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Some(k),
            None if (b == b'"' || b == b'\'') && last == b'=' => quote = Some(b),
            None if !b.is_ascii_whitespace() => last = b,
            None => {}
        }
    }
    None
}

/// Where `needle` (lower case, ASCII) starts in `html` from `from` on, whatever its case.
fn find_ignoring_case(html: &str, from: usize, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    html.as_bytes()[from..].windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|k| from + k)
}

/// The lowercased name of a tag's text between `<` and `>` (`/Div class=x` → `div`).
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Where in `open` the element an end tag `</name>` closes sits, if any:
/// the nearest open one of that name (any heading for a heading), not past
/// an element the parser would not close for it.
fn closed_by(open: &[Open], name: &str) -> Option<usize> {
    let name_is_special = is_special(name);
    for (k, element) in open.iter().enumerate().rev() {
        if element.name == name || (is_heading(name) && is_heading(&element.name)) {
            return Some(k);
        }
        // A block's end tag closes the inline elements left open inside it,
        // an inline's end tag does not close a block opened after it.
        let barrier = if name_is_special { is_scope_marker(&element.name) } else { is_special(&element.name) };
        if barrier {
            return None;
        }
    }
    None
}

/// Whether `name` is one of HTML's "special" elements.
fn is_special(name: &str) -> bool {
    SPECIAL.contains(&name) || is_heading(name)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements that bound the search of a block's end tag (HTML's scope markers).
fn is_scope_marker(element: &str) -> bool {
    matches!(element, "applet" | "caption" | "html" | "table" | "marquee" | "object" | "template" | "svg" | "math")
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

    #[test]
    fn tags_the_scanner_could_misread_do_not_switch_it_off() {
        let deep = "<div>".repeat(1_000);
        for trap in [
            "<TITLE>Upper case</TITLE>",
            "<SCRIPT>var a = 1;</SCRIPT>",
            "<p title=\"><!--\">quoted</p>",
            "<p title=\"><script>\">quoted</p>",
            "<!--> an empty comment",
            "<!---> another",
            "<!-- ends --!> early",
            "a < b and << c",
        ] {
            let page = format!("{trap}{deep}");
            assert_eq!(cap_depth(&page, 256).1, 1_000 - 256, "after {trap:?}");
        }
    }

    #[test]
    fn end_tags_that_close_no_children_do_not_lower_the_count() {
        for unit in ["<form><div></form>", "<body><div></body>", "<h1><div><h2></h1>", "<rt>", "<optgroup>"] {
            let page = unit.repeat(1_000);
            assert!(cap_depth(&page, 256).1 > 0, "{unit} repeated got through");
        }
        // A page of forms one after another is not deep.
        assert_eq!(cap_depth(&"<form><input></form>".repeat(1_000), 256).1, 0);
    }

    #[test]
    fn foreign_content_ends_where_the_parser_ends_it() {
        for page in [
            format!("<svg/>{}", "<div/>".repeat(1_000)),
            format!("<svg><p>{}", "<div/>".repeat(1_000)),
            format!("<svg><foreignObject>{}", "<div/>".repeat(1_000)),
        ] {
            assert!(cap_depth(&page, 256).1 > 0, "{}", &page[..30]);
        }
    }

    #[test]
    fn word_conditional_comments_are_not_elements() {
        let page = "<p><![if !supportLists]>1.<![endif]>Item</p>".repeat(1_000);
        assert_eq!(cap_depth(&page, 256).1, 0);
    }
}
