//! A saved web page → the same parts a text source has: headline, bylines,
//! date, dateline and paragraphs, without navigation, ads or comments.
//!
//! Extraction is dom_smoothie's port of Mozilla's Readability (the scoring
//! Firefox's reader view uses); dateline, byline and chrome rules are the
//! same as for text sources.

use dom_smoothie::{Config, Readability, TextMode};

use crate::ingest::chrome;
use crate::ingest::dateline::{self, PartialDate};
use crate::ingest::text::{self, Block, Layout};

/// Elements parsed at most, so a hostile page cannot make extraction crawl.
const MAX_ELEMENTS: usize = 200_000;

/// Elements nested deeper than this are read as their text: extraction
/// time grows with the square of the depth (20,000 levels took 33 s), and
/// real pages stay well under a hundred.
pub const MAX_DEPTH: usize = 256;

/// What a page gave beyond the layout: its own date and URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Publication date from the page's metadata.
    pub published: Option<PartialDate>,
    /// The full timestamp, as the page wrote it.
    pub published_raw: Option<String>,
    /// The page's canonical URL, if it names one.
    pub url: Option<String>,
}

/// Extracts the article of an HTML page.
pub fn parse(html: &str) -> Result<(Layout, PageMeta), String> {
    let (capped, flattened) = cap_depth(html, MAX_DEPTH);
    let html = capped.as_ref();
    let config = Config { text_mode: TextMode::Formatted, max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let url = canonical_url(html);
    let mut reader =
        Readability::new(html, url.as_deref(), Some(config)).map_err(|e| format!("cannot read the page: {e}"))?;
    let article = reader.parse().map_err(|e| format!("no article found in the page: {e}"))?;
    let mut layout = Layout::default();
    if flattened > 0 {
        layout.notes.push(format!("{flattened} tags nested deeper than {MAX_DEPTH} levels were read as text"));
    }
    let site = article.site_name.clone().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let title = strip_site_suffix(article.title.trim(), site.as_deref());
    if !title.is_empty() {
        layout.notes.push(format!("headline from the page: {title:?}"));
        layout.title = Some(title);
    }
    if let Some(byline) = article.byline.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        // Page metadata often gives the names without "By"; read them as the
        // text layout reads a byline, agency and all.
        let names = byline.strip_prefix("By ").or_else(|| byline.strip_prefix("by ")).unwrap_or(byline);
        if let Some((authors, agency)) = text::byline(&format!("By {names}")) {
            layout.authors = authors;
            layout.agency = agency;
        }
        layout.notes.push(format!("byline from the page: {byline:?}"));
    }

    let mut paragraphs: Vec<String> = article
        .text_content
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    // The byline and headline often repeat at the top of the text.
    while let Some(first) = paragraphs.first() {
        let is_title = layout.title.as_deref() == Some(first.as_str());
        let is_byline = first.starts_with("By ") && first.split_whitespace().count() <= 8;
        if !(is_title || is_byline) {
            break;
        }
        if is_byline
            && layout.authors.is_empty()
            && let Some((authors, agency)) = text::byline(first)
        {
            layout.authors = authors;
            layout.agency = layout.agency.take().or(agency);
        }
        paragraphs.remove(0);
    }
    // The wire that wrote it, else the site that published it.
    layout.agency = layout.agency.take().or(site);
    if let Some(first) = paragraphs.first_mut()
        && let Some(d) = dateline::parse(first)
    {
        layout.notes.push(format!("dateline: {:?}", d.raw));
        *first = first[d.text_start..].to_string();
        layout.dateline = Some(d);
    }
    while paragraphs.last().is_some_and(|p| {
        chrome::sign_off(p).is_some() || chrome::is_call_to_action(p, 20) || chrome::is_dangling_label(p)
    }) {
        if let Some(p) = paragraphs.pop() {
            layout.notes.push(format!("dropped (end of page): {p:?}"));
        }
    }
    paragraphs.retain(|p| {
        let chrome = chrome::is_call_to_action(p, 8);
        if chrome {
            layout.notes.push(format!("dropped (chrome in the story): {p:?}"));
        }
        !chrome
    });
    layout.blocks = paragraphs.into_iter().map(Block::Paragraph).collect();

    let published_raw = article.published_time.clone().filter(|s| !s.trim().is_empty());
    let published = published_raw.as_deref().and_then(|t| {
        let day = t.get(..10)?;
        crate::content::PubDate::parse(day).ok().map(|d| PartialDate {
            year: Some(d.year()),
            month: d.month(),
            day: d.date.day(),
        })
    });
    Ok((layout, PageMeta { published, published_raw, url }))
}

/// Elements whose end tag may be left out (`<p>`, `<li>`, `<td>` …): the
/// parser closes them itself, so they are not counted as nesting.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt",
    "rp", "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "!doctype",
];

/// `html` with the tags that would nest deeper than `max` left out (their
/// text kept), and how many were; one pass, so a hostile page costs no more
/// than its length.
pub fn cap_depth(html: &str, max: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` accounted for in `out`
    let mut dropped: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut flattened = 0;
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|k| i + k) {
        let rest = &html[at..];
        // Comments, and the raw text of scripts and styles, hold no tags.
        let skip_to = |end: &str, from: usize| html[from..].find(end).map_or(html.len(), |k| from + k + end.len());
        if rest.starts_with("<!--") {
            i = skip_to("-->", at + 4);
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[1..close];
        let end_tag = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let mut next = at + close + 1;
        if name.is_empty() || SELF_CLOSING.contains(&name.as_str()) || tag.ends_with('/') {
            i = next;
            continue;
        }
        if !end_tag && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            next = skip_to(&format!("</{name}"), next);
            i = next;
            continue;
        }
        let drop = if end_tag {
            match dropped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => {
                    depth = depth.saturating_sub(1);
                    false
                }
            }
        } else if depth >= max {
            *dropped.entry(name).or_default() += 1;
            flattened += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..at]);
            copied = next;
        }
        i = next;
        if i >= bytes.len() {
            break;
        }
    }
    match out {
        None => (std::borrow::Cow::Borrowed(html), 0),
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            (std::borrow::Cow::Owned(buf), flattened)
        }
    }
}

/// Drops a site name after the headline (`Mali talks stall | Example News`).
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        if let Some(i) = title.rfind(sep) {
            let tail = &title[i + sep.len()..];
            let is_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s))
                || (sep == " | " && tail.split_whitespace().count() <= 5);
            if is_site && i > 0 {
                return title[..i].trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `<link rel="canonical" href="…">` or `<meta property="og:url" content="…">`.
fn canonical_url(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let value_after = |marker: &str, attr: &str| -> Option<String> {
        let at = lower.find(marker)?;
        let tag_start = lower[..at].rfind('<')?;
        let tag_end = at + lower[at..].find('>')?;
        let tag = &html[tag_start..tag_end];
        let tag_lower = &lower[tag_start..tag_end];
        let a = tag_lower.find(&format!("{attr}=\""))? + attr.len() + 2;
        let end = a + tag[a..].find('"')?;
        Some(tag[a..end].to_string())
    };
    let url = value_after("rel=\"canonical\"", "href").or_else(|| value_after("property=\"og:url\"", "content"))?;
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Mali talks stall | Example News</title>
<link rel="canonical" href="https://news.example.org/2012/10/mali">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2012-10-24T09:30:00+09:00">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sports">Sports</a></nav>
<div class="ad">Buy now! Great deals!</div>
<article><h1>Mali talks stall</h1><p class="byline">By Jane Doe</p>
<p>BAMAKO, Mali (AP) — Talks between the government and rebels stalled on Wednesday, officials said, as fighting continued in the north of the country and aid groups warned of a growing crisis.</p>
<p>The United Nations Security Council is considering a resolution to send an African-led force to the region, diplomats said after a closed meeting in New York.</p>
<p>Defense Secretary Leon E. Panetta said the United States would work with regional partners to keep al-Qaida from gaining a safe haven in the Sahel.</p></article>
<aside class="comments"><h3>Comments</h3><p>First!</p></aside>
<footer>Subscribe to our newsletter</footer></body></html>"#;

    #[test]
    fn extracts_the_article_and_its_metadata() {
        let (layout, meta) = parse(PAGE).unwrap();
        assert_eq!(layout.title.as_deref(), Some("Mali talks stall"));
        assert_eq!(layout.authors, ["Jane Doe"]);
        assert_eq!(layout.dateline.as_ref().map(|d| d.city.as_str()), Some("BAMAKO"));
        assert_eq!(meta.published, Some(PartialDate { year: Some(2012), month: 10, day: 24 }));
        assert_eq!(meta.url.as_deref(), Some("https://news.example.org/2012/10/mali"));
        let text: Vec<String> = layout.blocks.iter().map(|b| format!("{b:?}")).collect();
        let all = text.join("\n");
        assert!(all.contains("Talks between the government"), "{all}");
        assert!(!all.contains("BAMAKO"), "the dateline is taken out of the text");
        assert!(!all.contains("Buy now") && !all.contains("First!") && !all.contains("Sports"), "{all}");
    }

    #[test]
    fn a_byline_naming_a_wire_gives_the_agency_not_an_author() {
        let page = PAGE
            .replace(r#"<meta name="author" content="Jane Doe">"#, "")
            .replace("By Jane Doe<", "By Jane Doe and John Roe, Reuters<");
        let (layout, _) = parse(&page).unwrap();
        assert_eq!(layout.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(layout.agency.as_deref(), Some("Reuters"), "the wire, over the site's name");
        let (layout, _) = parse(PAGE).unwrap();
        assert_eq!(layout.agency.as_deref(), Some("Example News"), "without a wire, the site");
    }

    #[test]
    fn tags_nested_too_deep_are_read_as_text_in_time() {
        let deep = format!("{}<p>Deep text.</p>{}", "<div>".repeat(200_000), "</div>".repeat(200_000));
        let (capped, flattened) = cap_depth(&deep, MAX_DEPTH);
        assert_eq!(flattened, 200_000 - MAX_DEPTH);
        assert!(capped.contains("Deep text.") && capped.matches("<div>").count() == MAX_DEPTH);
        let page = format!(
            "<html><body>{}<article><h1>Deep</h1><p>{}</p></article>{}</body></html>",
            "<div>".repeat(200_000),
            "A story that is long enough to be an article. ".repeat(20),
            "</div>".repeat(200_000)
        );
        let (layout, _) = parse(&page).unwrap();
        assert!(layout.notes.iter().any(|n| n.contains("read as text")), "{:?}", layout.notes);
        let (same, n) = cap_depth(PAGE, MAX_DEPTH);
        assert_eq!((same.as_ref(), n), (PAGE, 0), "a real page is left as it is");
    }

    #[test]
    fn site_suffixes_are_stripped() {
        assert_eq!(strip_site_suffix("Mali talks | Example News", None), "Mali talks");
        assert_eq!(
            strip_site_suffix("Troops - and allies - advance", Some("Example")),
            "Troops - and allies - advance"
        );
    }
}
