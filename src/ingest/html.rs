//! A saved web page → the same parts a text source has: headline, bylines,
//! date, dateline and paragraphs, without navigation, ads or comments.
//!
//! The main text and the page's metadata (JSON-LD, Open Graph and
//! `article:*` meta, `<time>`, the URL) come from trafilatura (the Rust
//! port of go-trafilatura), chosen by measurement on the dev corpora (see
//! `eval/compare/`); with its readability fallback and precision focus.
//! The headline, bylines, dateline and chrome are then read with the same
//! rules as text sources, and every date is checked for plausibility.

use trafilatura::{ExtractionFocus, Options};

use crate::ingest::dateline::{self, PartialDate};
use crate::ingest::nesting::cap_depth;
use crate::ingest::text::{Block, Layout};
use crate::ingest::{byline, chrome, lead, page_date};

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
    /// The page's canonical URL, if it names one.
    pub url: Option<String>,
}

/// Ruby annotations (the reading over a kanji): extraction drops them with
/// the text after them, which is the sentence's.
const RUBY_ANNOTATIONS: &[&str] = &["rt", "rp", "rtc"];

/// Extracts the article of an HTML page.
pub fn parse(html: &str) -> Result<(Layout, PageMeta), String> {
    let (capped, flattened) = cap_depth(html, MAX_DEPTH);
    let mut doc = trafilatura::dom::Document::parse(capped.as_ref());
    let marks = PageMarks::read(&doc);
    let related = drop_related_lists(&mut doc);
    // Trafilatura removes them with the text that follows ("<ruby>子<rt>こ</rt></ruby>どもへの"
    // became "子"): removed here first, that text kept.
    doc.strip_elements(doc.root(), true, RUBY_ANNOTATIONS);
    let lead = lead::find(&doc);
    let page_text = doc.body().map(|body| squash(&doc.text_content(body))).unwrap_or_default();
    let mut options = Options::default().with_fallback(true).with_focus(ExtractionFocus::FavorPrecision);
    options.max_tree_size = Some(MAX_ELEMENTS);
    let result =
        trafilatura::extract_document(doc, &options).map_err(|e| format!("no article found in the page: {e}"))?;
    let meta = &result.metadata;
    let mut layout = Layout::default();
    if flattened > 0 {
        layout.notes.push(format!("{flattened} tags nested deeper than {MAX_DEPTH} levels were read as text"));
    }
    for heading in related {
        layout.notes.push(format!("dropped (other stories after the heading {heading:?})"));
    }
    // Trafilatura takes a part of `<title>` holding a period for the site name
    // when the page names none ("… 10. Oktober 2019 – TALENT Schweiz"); such a
    // "site" equal to the title is the title, neither site nor agency. A real
    // site name equal to the title (a home page's) stays, and the page is refused.
    let (sitename, meta_title) = (squash(&meta.sitename), squash(&meta.title));
    let read_from_title = sitename.contains('.') && sitename.eq_ignore_ascii_case(&meta_title);
    let site = Some(sitename).filter(|s| !s.is_empty() && !read_from_title);
    let mut title = headline(&meta_title, &marks.headlines, site.as_deref());
    // Trafilatura finds no title in some `<title>`s ("Briefe - 26 Oktober 2010 -
    // Blog - …"): the page's own title then, rather than no article at all.
    if title.is_empty() {
        title = headline(&marks.page_title, &[], site.as_deref());
    }
    if !title.is_empty() {
        layout.notes.push(format!("headline: {title:?}"));
        layout.title = Some(title);
    }
    read_bylines(&mut layout, &squash(&meta.author), &marks.bylines, site.as_deref());
    let mut paragraphs = paragraphs_of(&result.content_html);
    for p in &mut paragraphs {
        if let Some(mended) = respace(p, &page_text) {
            *p = mended;
        }
    }
    drop_repeated_header(&mut layout, &mut paragraphs);
    // The wire that wrote it, else the site that published it.
    layout.agency = layout.agency.take().or(site);
    if let Some(first) = paragraphs.first()
        && let Some(d) = dateline::parse(first)
    {
        // The dateline stays in the text, as printed; the field names it.
        layout.notes.push(format!("dateline: {:?}", d.raw));
        layout.dateline = Some(d);
    }
    // After the dateline is read: a standfirst comes before the dateline's paragraph.
    // Only beside a story: a page whose extraction found none stays refused.
    if !paragraphs.is_empty()
        && let Some(lead) = lead.filter(|l| !lead::is_kept(l, &paragraphs) && layout.title.as_deref() != Some(l))
    {
        layout.notes.push(format!("lead from the page's markup (extraction dropped it): {lead:?}"));
        paragraphs.insert(0, lead);
    }
    drop_chrome(&mut layout, &mut paragraphs);
    drop_trailing_links(&mut layout, &mut paragraphs, &marks.link_texts);
    layout.blocks = paragraphs.into_iter().map(Block::Paragraph).collect();

    // Ours first (publication dates only, checked); else trafilatura's.
    let published = match marks.date {
        Some(found) => {
            layout.notes.push(format!("date from {}", found.from));
            Some(found.date)
        }
        None => meta.date.map(|d| {
            use chrono::Datelike;
            PartialDate { year: i16::try_from(d.year()).ok(), month: d.month() as i8, day: d.day() as i8 }
        }),
    };
    let url = Some(meta.url.clone()).filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    Ok((layout, PageMeta { published, url }))
}

/// What the page's markup says before extraction takes it apart: its
/// `<h1>`s and `<title>`, its publication date, and the bylines it marks up.
struct PageMarks {
    headlines: Vec<String>,
    /// The text of `<title>`.
    page_title: String,
    date: Option<page_date::Found>,
    bylines: Vec<String>,
    /// The text of every link of three words or twelve characters or more: the titles of other stories.
    link_texts: std::collections::HashSet<String>,
}

impl PageMarks {
    fn read(doc: &trafilatura::dom::Document) -> PageMarks {
        let headlines: Vec<String> = doc
            .query_selector_all(doc.root(), "h1")
            .into_iter()
            .map(|id| squash(&doc.text_content(id)))
            .filter(|t| !t.is_empty())
            .collect();
        let canonical = ["link[rel=\"canonical\" i]", "meta[property=\"og:url\" i]"].iter().find_map(|sel| {
            let id = doc.query_selector(doc.root(), sel)?;
            doc.get_attribute(id, "href").or_else(|| doc.get_attribute(id, "content"))
        });
        let today = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        let date = page_date::published(doc, canonical.as_deref(), today);
        // Bylines the page marks up, for pages whose metadata names no author.
        let bylines: Vec<String> = doc
            .query_selector_all(
                doc.root(),
                "[rel=\"author\"], [itemprop=\"author\"], [class*=\"byline\" i], [class*=\"author-name\" i]",
            )
            .into_iter()
            .map(|id| squash(&doc.text_content(id)))
            .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 16)
            .collect();
        let page_title =
            doc.query_selector(doc.root(), "title").map(|id| squash(&doc.text_content(id))).unwrap_or_default();
        let link_texts = doc
            .query_selector_all(doc.root(), "a")
            .into_iter()
            .map(|id| squash(&doc.text_content(id)))
            .filter(|t| t.split_whitespace().count() >= 3 || t.chars().count() >= 12)
            .collect();
        PageMarks { headlines, page_title, date, bylines, link_texts }
    }
}

/// Removes each list of other stories a page marks with a heading
/// (`<h3 class="relatedpoststitle">Você pode gostar...</h3>` and the teasers
/// after it): the heading and every element after it in its container.
/// Teasers are whole paragraphs, so extraction would keep them otherwise.
/// Returns the headings' text.
fn drop_related_lists(doc: &mut trafilatura::dom::Document) -> Vec<String> {
    let headings = doc.query_selector_all(doc.root(), "h2, h3, h4, h5, h6");
    let mut dropped = Vec::new();
    for heading in headings {
        let text = squash(&doc.text_content(heading));
        let marked =
            [doc.class_name(heading), doc.id_attr(heading)].iter().any(|a| a.to_lowercase().contains("related"));
        if !(marked || chrome::is_related_label(&text)) || text.split_whitespace().count() > 8 {
            continue;
        }
        if !is_attached(doc, heading) {
            continue; // inside a list already dropped
        }
        let mut next = doc.next_element_sibling(heading);
        while let Some(id) = next {
            next = doc.next_element_sibling(id);
            doc.remove(id, false);
        }
        doc.remove(heading, false);
        dropped.push(text);
    }
    dropped
}

/// A paragraph with the spaces extraction lost put back: trafilatura drops
/// the space before a link inside a list item ("ahead of<strong>Adarius
/// Taylor</strong>" reads "ofAdarius"). A word glued at a lower-case or comma
/// to a capitalised word is split where the page's own text has the two
/// apart and never together (so `iPhone`, `McAleenan` and `LeBron` stay).
fn respace(paragraph: &str, page_text: &str) -> Option<String> {
    let mut out = String::with_capacity(paragraph.len() + 8);
    let mut changed = false;
    for (n, word) in paragraph.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        match glued_at(word) {
            Some(at)
                if !page_text.contains(word) && page_text.contains(&format!("{} {}", &word[..at], &word[at..])) =>
            {
                out.push_str(&word[..at]);
                out.push(' ');
                out.push_str(&word[at..]);
                changed = true;
            }
            _ => out.push_str(word),
        }
    }
    changed.then_some(out)
}

/// Where a word might be two glued together: the first capitalised word
/// (upper then lower case) right after a lower-case letter or a comma.
fn glued_at(word: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    chars.windows(3).find_map(|w| {
        let [(_, before), (at, upper), (_, after)] = [w[0], w[1], w[2]];
        ((before.is_lowercase() || before == ',') && upper.is_uppercase() && after.is_lowercase()).then_some(at)
    })
}

/// Whether a node still hangs from the document's root.
fn is_attached(doc: &trafilatura::dom::Document, mut id: trafilatura::dom::NodeId) -> bool {
    let root = doc.root();
    while id != root {
        match doc.parent(id) {
            Some(parent) => id = parent,
            None => return false,
        }
    }
    true
}

/// Authors and agency from the page's metadata (`byline`), else from the
/// first byline the page marks up.
fn read_bylines(layout: &mut Layout, byline: &str, marked_bylines: &[String], site: Option<&str>) {
    if !byline.is_empty() {
        // Page metadata gives the names joined by ";", an outlet often among them.
        let (authors, agency) = byline::names_from(byline, site);
        layout.authors = authors;
        layout.agency = agency;
        layout.notes.push(format!("byline from the page: {byline:?}"));
    }
    if !layout.authors.is_empty() {
        return;
    }
    for marked in marked_bylines {
        let (authors, agency) = match byline::byline(marked) {
            Some(found) => found,
            None => byline::names_from(marked, site),
        };
        if !authors.is_empty() {
            layout.notes.push(format!("byline marked in the page: {marked:?}"));
            layout.authors = authors;
            layout.agency = layout.agency.take().or(agency);
            return;
        }
    }
}

/// The byline and headline often repeat at the top of the text: dropped,
/// a byline read on the way when the page named no author.
fn drop_repeated_header(layout: &mut Layout, paragraphs: &mut Vec<String>) {
    while let Some(first) = paragraphs.first() {
        let is_title = layout.title.as_deref() == Some(first.as_str());
        let is_byline = first.starts_with("By ") && first.split_whitespace().count() <= 8;
        if !(is_title || is_byline) {
            break;
        }
        if is_byline
            && layout.authors.is_empty()
            && let Some((authors, agency)) = byline::byline(first)
        {
            layout.authors = authors;
            layout.agency = layout.agency.take().or(agency);
        }
        layout.notes.push(format!("dropped (headline or byline repeated in the text): {first:?}"));
        paragraphs.remove(0);
    }
}

/// Drops what extraction kept of the page around the story, each with a
/// note: lists after a section label, sign-offs and calls to action at the
/// end, share rows and repeated paragraphs anywhere.
fn drop_chrome(layout: &mut Layout, paragraphs: &mut Vec<String>) {
    // Lists of tags and other stories close a page: the label and all after it go.
    let tail_start = paragraphs.len().saturating_sub(8).max(1);
    if let Some(at) = (tail_start..paragraphs.len()).find(|&i| chrome::is_section_label(&paragraphs[i])) {
        for p in paragraphs.drain(at..) {
            layout.notes.push(format!("dropped (a list after the story): {p:?}"));
        }
    }
    while paragraphs.last().is_some_and(|p| {
        chrome::sign_off(p).is_some()
            || chrome::is_call_to_action(p, 20)
            || chrome::is_dangling_label(p)
            || chrome::is_copyright(p)
    }) {
        if let Some(p) = paragraphs.pop() {
            layout.notes.push(format!("dropped (end of page): {p:?}"));
        }
    }
    // The site's own promotions close a story, before any sign-off or tags.
    let promos_from = paragraphs.len().saturating_sub(4).max(1);
    let mut seen = std::collections::HashSet::new();
    let mut index = 0;
    paragraphs.retain(|p| {
        index += 1;
        let why = if chrome::is_call_to_action(p, 8) || chrome::is_share_row(p) || chrome::is_see_also(p) {
            "chrome in the story"
        } else if chrome::is_image_credit(p) {
            "a picture's credit"
        } else if chrome::is_timestamp(p) {
            "a timestamp"
        } else if index > promos_from && chrome::is_channel_promo(p) {
            "the site's promotion"
        } else if p.split_whitespace().count() >= 4 && !seen.insert(p.clone()) {
            "the same paragraph again"
        } else {
            return true;
        };
        layout.notes.push(format!("dropped ({why}): {p:?}"));
        false
    });
}

/// How many paragraphs that are each a whole link make a list of other stories.
const LINK_LIST_MIN: usize = 2;

/// Drops the list of other stories that closes many pages with no heading
/// to mark it: the story's last paragraphs, when at least two of them in a
/// row are each the whole text of a link in the page.
fn drop_trailing_links(
    layout: &mut Layout,
    paragraphs: &mut Vec<String>,
    link_texts: &std::collections::HashSet<String>,
) {
    let run = paragraphs.iter().rev().take_while(|p| link_texts.contains(p.as_str())).count();
    if run < LINK_LIST_MIN || run == paragraphs.len() {
        return;
    }
    let from = paragraphs.len() - run;
    for p in paragraphs.drain(from..) {
        layout.notes.push(format!("dropped (links to other stories at the end): {p:?}"));
    }
}

/// Elements that end a paragraph of the extracted HTML.
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
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "figure",
    "figcaption",
    "section",
    "article",
    "dd",
    "dt",
    "dl",
    "hr",
    "header",
    "footer",
];

/// The paragraphs of the extracted article's HTML (as an HTML serializer
/// writes it: tags, and only `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&nbsp;` escaped).
fn paragraphs_of(html: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            current.push_str(rest);
            break;
        };
        current.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        // Inline tags join what touches them: `<em>Reuters</em>)` stays `Reuters)`.
        if BLOCKS.contains(&name.as_str()) {
            paragraphs.push(std::mem::take(&mut current));
        }
        rest = &rest[open + close + 1..];
    }
    paragraphs.push(current);
    paragraphs.iter().map(|p| squash(&unescape(p))).filter(|p| !p.is_empty()).collect()
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Runs of whitespace as one space, trimmed.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The headline as the page shows it: the `<h1>` that says what the
/// metadata title says (which often carries the site's name or an SEO
/// variant), or the page's only headline-like `<h1>`, else the metadata
/// title without the site's name.
fn headline(meta_title: &str, headlines: &[String], site: Option<&str>) -> String {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let stripped = strip_site_suffix(meta_title, site);
    let stripped = if site.is_some_and(|s| same(s, &stripped)) { String::new() } else { stripped };
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 1).map(str::to_lowercase).collect()
    };
    let wanted = words(&stripped);
    let candidates: Vec<&String> = headlines
        .iter()
        .filter(|h| (2..=40).contains(&h.split_whitespace().count()) && !site.is_some_and(|s| same(s, h)))
        .collect();
    let contains_title = candidates
        .iter()
        .map(|h| {
            let have = words(h);
            (wanted.iter().filter(|w| have.contains(w)).count() as f64 / wanted.len().max(1) as f64, *h)
        })
        .filter(|(score, h)| *score >= 0.6 && h.len() <= 3 * stripped.len().max(20))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
    if let Some((_, h)) = contains_title {
        return h.clone();
    }
    match candidates.as_slice() {
        [only] if only.split_whitespace().count() >= 3 => (*only).clone(),
        _ if !stripped.is_empty() => stripped,
        _ => candidates.first().map(|h| (*h).clone()).unwrap_or_default(),
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
        assert!(all.contains("BAMAKO, Mali (AP) — Talks"), "the dateline stays in the text");
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
    fn spaces_lost_before_links_in_list_items_come_back() {
        let page = r#"<html><body><article><h1>Browns grades</h1><p>The Browns beat the Steelers on Thursday night, and the defence was the story of a game that ended in a brawl.</p>
            <ul><li><a href="/a"><strong>Sione Takitaki</strong></a> played 6 snaps on defense, staying ahead of <a href="/b"><strong>Adarius Taylor</strong></a> on the depth chart, and the iPhone crowd noticed.</li>
            <li>Since the injury a couple of weeks ago, <a href="/c"><strong>Chad Thomas</strong></a> has filled in and played well above expectations all season.</li></ul></article></body></html>"#;
        let (layout, _) = parse(page).unwrap();
        let all: String = layout.blocks.iter().map(|b| format!("{b:?}\n")).collect();
        assert!(all.contains("ahead of Adarius Taylor") && all.contains("ago, Chad Thomas"), "{all}");
        assert!(all.contains("iPhone"), "a word the page itself glues stays: {all}");
        assert_eq!(glued_at("ofAdarius"), Some(2));
        assert_eq!(glued_at("McAleenan"), Some(2), "a candidate; the page's text keeps it whole");
        assert_eq!(glued_at("NATO"), None);
    }

    #[test]
    fn the_sites_promotions_at_the_end_are_dropped() {
        let story = "Talks between the government and the rebels resumed on Monday in the capital. ".repeat(6);
        let page = format!(
            "<html><body><article><h1>Mali talks</h1><p>{story}</p><p>{story}</p>\
             <p>Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook.</p></article></body></html>"
        );
        let (layout, _) = parse(&page).unwrap();
        let all: String = layout.blocks.iter().map(|b| format!("{b:?}\n")).collect();
        assert!(all.contains("Talks between") && !all.contains("Follow The Gleaner"), "{all}");
    }

    #[test]
    fn links_to_other_stories_closing_the_page_are_dropped() {
        let links: std::collections::HashSet<String> =
            ["Council votes on new budget", "Mayor opens the harbour festival", "The council's full report"]
                .map(String::from)
                .into();
        let run = |paragraphs: &[&str]| {
            let mut paragraphs: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
            drop_trailing_links(&mut Layout::default(), &mut paragraphs, &links);
            paragraphs
        };
        let story = "The bridge closes on Monday, the council said.";
        assert_eq!(run(&[story, "Council votes on new budget", "Mayor opens the harbour festival"]), [story]);
        // One link alone may be the story's source; a page of nothing but links is left to the other checks.
        assert_eq!(run(&[story, "The council's full report"]), [story, "The council's full report"]);
        assert_eq!(run(&["Council votes on new budget", "Mayor opens the harbour festival"]).len(), 2);
        // Links inside the story are not a closing list.
        let middle = [story, "Council votes on new budget", "Mayor opens the harbour festival", story];
        assert_eq!(run(&middle).len(), 4);
    }

    #[test]
    fn lists_of_other_stories_under_a_heading_are_dropped() {
        let story = "Talks between the government and the rebels resumed on Monday in the capital. ".repeat(6);
        let teaser = |n: u32| {
            format!(
                "<article><p>Teaser {n} about another matter entirely, long enough to pass for a paragraph of a story, and then some more words.</p></article>"
            )
        };
        for heading in [r#"<h3 class="relatedpoststitle">Você pode gostar...</h3>"#, "<h2>You may also like</h2>"] {
            let page = format!(
                "<html><body><article><h1>Mali talks</h1><p>{story}</p><p>{story}</p></article>\
                 <section><p>Kept after the heading's container.</p>{heading}{}{}</section></body></html>",
                teaser(1),
                teaser(2)
            );
            let (layout, _) = parse(&page).unwrap();
            let all: String = layout.blocks.iter().map(|b| format!("{b:?}\n")).collect();
            assert!(all.contains("Talks between") && !all.contains("Teaser"), "{heading}: {all}");
            assert!(layout.notes.iter().any(|n| n.contains("other stories after the heading")), "{:?}", layout.notes);
        }
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
    fn paragraphs_of_the_extracted_html() {
        assert_eq!(
            paragraphs_of("<p>(<em>Reuters</em>) — A &amp; B</p><p>Second<br>line</p><ul><li>One</li></ul>"),
            ["(Reuters) — A & B", "Second", "line", "One"]
        );
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
