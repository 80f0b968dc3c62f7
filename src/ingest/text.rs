//! Plain-text layouts of scraped stories → their parts: headline, bylines,
//! agency, dateline, paragraphs.
//!
//! Handles the layouts wire services and agency sites use: a header (banner,
//! agency line, headline, "By …" line) then a dateline opening the first
//! paragraph (`WASHINGTON, Oct. 24, 2012 –`, Reuters' `CITY, March 26 -`,
//! AP's `CITY (AP) —`); paragraphs split by blank lines or, on the wire, by
//! indentation; chrome before and after the story dropped.

use crate::ingest::chrome;
use crate::ingest::dateline::{self, Dateline, PartialDate};

/// A block of the story body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of prose, on one line.
    Paragraph(String),
    /// Lines whose layout matters (a table of figures).
    Table(Vec<String>),
}

/// What a plain-text source is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The headline.
    pub title: Option<String>,
    /// Bylines, without "By".
    pub authors: Vec<String>,
    /// The agency, from an agency line, the byline, the dateline or the sign-off.
    pub agency: Option<String>,
    /// The dateline.
    pub dateline: Option<Dateline>,
    /// A date on a line of its own in the header.
    pub header_date: Option<PartialDate>,
    /// The story.
    pub blocks: Vec<Block>,
    /// What was recognised and dropped, for `--explain`.
    pub notes: Vec<String>,
}

impl Layout {
    /// The story as plain text, blocks separated by blank lines (what extraction reads).
    pub fn body_text(&self) -> String {
        let blocks: Vec<String> = self
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.clone(),
                Block::Table(rows) => rows.join("\n"),
            })
            .collect();
        blocks.join("\n\n")
    }
}

/// How far into a file a dateline is looked for.
const HEADER_LINES: usize = 40;

use crate::ingest::byline::AGENCY_WORDS;

/// Splits a plain-text source into its parts.
pub fn parse(text: &str) -> Layout {
    let lines: Vec<&str> = text.lines().collect();
    let mut layout = Layout::default();
    let found = lines.iter().take(HEADER_LINES).enumerate().find_map(|(i, l)| dateline::parse(l).map(|d| (i, d)));
    let (header_end, body_lines): (usize, Vec<String>) = match found {
        Some((i, d)) => {
            let mut body = vec![lines[i][d.text_start..].to_string()];
            body.extend(lines[i + 1..].iter().map(|l| l.to_string()));
            layout.notes.push(format!("dateline: {:?} on line {}", d.raw, i + 1));
            layout.dateline = Some(d);
            (i, body)
        }
        None => {
            let start = first_prose_line(&lines).unwrap_or(lines.len());
            (start, lines[start..].iter().map(|l| l.to_string()).collect())
        }
    };
    read_header(&lines[..header_end], &mut layout);
    if let Some(agency) = layout.dateline.as_ref().and_then(|d| d.agency.clone()) {
        layout.agency.get_or_insert(expand_agency(&agency));
    }
    let mut blocks = split_blocks(&body_lines);
    drop_chrome(&mut blocks, &mut layout);
    layout.blocks = blocks;
    layout
}

/// The first line that reads like a story's prose, for sources without a dateline.
fn first_prose_line(lines: &[&str]) -> Option<usize> {
    lines.iter().take(HEADER_LINES).position(|l| {
        let words = l.split_whitespace().count();
        let ends_like_prose = l.trim_end().ends_with(['.', '"', '”', '’', ':']);
        (words >= 14 && ends_like_prose) || words >= 30 || (words >= 7 && ends_like_prose)
    })
}

fn read_header(header: &[&str], layout: &mut Layout) {
    let lines: Vec<&str> = header.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let mut candidates: Vec<&str> = Vec::new();
    let mut byline_at = None;
    // Where an agency line follows a candidate: a headline's credit.
    let mut agency_at = None;
    // Candidates after the last date line: a blog's banner stands above the
    // post's date, its headline below.
    let mut after_date = 0;
    let mut skip_next = false;
    for (i, line) in lines.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let next = lines.get(i + 1).copied().unwrap_or("");
        if layout.authors.is_empty()
            && is_name_line(line)
            && AUTHOR_ROLES.contains(&next.split_whitespace().next().unwrap_or(""))
        {
            layout.notes.push(format!("author line: {line:?} ({next})"));
            layout.authors = vec![line.to_string()];
            skip_next = true;
            continue;
        }
        if chrome::is_doubled(line) {
            layout.notes.push(format!("dropped (logo text): {line:?}"));
        } else if chrome::is_call_to_action(line, 20) {
            layout.notes.push(format!("dropped (call to action): {line:?}"));
        } else if let Some((authors, agency)) = byline(line) {
            layout.notes.push(format!("byline: {line:?}"));
            // `by Jeff Foust — November 18, 2019`: the date the byline carries.
            if let Some(date) = [" — ", " – ", " - ", " | "]
                .iter()
                .find_map(|sep| line.split_once(sep))
                .and_then(|(_, tail)| date_line(tail))
            {
                layout.header_date.get_or_insert(date);
            }
            layout.authors = authors;
            if let Some(a) = agency {
                layout.agency.get_or_insert(a);
            }
            byline_at = Some(candidates.len());
        } else if let Some(from) = attribution(line) {
            layout.notes.push(format!("attribution line: {line:?}"));
            layout.agency.get_or_insert(from);
            agency_at.get_or_insert(candidates.len());
        } else if let Some(date) = date_line(line) {
            if layout.header_date.is_none() {
                layout.notes.push(format!("date line: {line:?}"));
            }
            layout.header_date.get_or_insert(date);
            after_date = candidates.len();
        } else if is_record_line(line) {
            layout.notes.push(format!("dropped (a record line of the page): {line:?}"));
        } else if let Some(place) = dateline::parse_alone(line).filter(|_| layout.dateline.is_none()) {
            layout.notes.push(format!("dateline on its own line: {line:?}"));
            layout.dateline = Some(place);
        } else if is_agency_line(line, lines.iter().filter(|l| *l == line).count() > 1, byline_at.is_some()) {
            if layout.agency.is_none() {
                layout.notes.push(format!("agency line: {line:?}"));
                layout.agency = Some(line.to_string());
                agency_at.get_or_insert(candidates.len());
            }
        } else {
            candidates.push(line);
        }
    }
    if let Some(title) = choose_headline(&candidates, byline_at, agency_at, after_date, layout.dateline.is_some()) {
        layout.notes.push(format!("headline: {title:?}"));
        layout.title = Some(headline_case(title));
    }
}

/// The headline among the header's remaining lines: the line just above the
/// byline (`byline_at`), or else just above an agency line (`agency_at`;
/// banners and section labels stand further up); without either, the
/// headline-like line nearest the story (section labels, credits and
/// salutations above it are passed over).
fn choose_headline<'l>(
    candidates: &[&'l str],
    byline_at: Option<usize>,
    agency_at: Option<usize>,
    after_date: usize,
    has_dateline: bool,
) -> Option<&'l str> {
    let title_cased = |l: &&str| {
        let words: Vec<&str> = l.split_whitespace().filter(|w| w.len() > 3).collect();
        words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count() * 3 >= words.len() * 2
    };
    let credited =
        byline_at.filter(|&at| at > 0).or(agency_at.filter(|&at| at > 0 && looks_like_headline(candidates[at - 1])));
    match credited {
        Some(at) => Some(candidates[at - 1]),
        // Without a dateline the story's start is a guess, so take the first
        // line set like a headline rather than the nearest.
        _ if !has_dateline => {
            let below_date = &candidates[after_date.min(candidates.len())..];
            let pool = if below_date.iter().any(|l| looks_like_headline(l)) { below_date } else { candidates };
            pool.iter()
                .copied()
                .find(|l| looks_like_headline(l) && title_cased(l))
                .or_else(|| pool.iter().rev().copied().find(|l| looks_like_headline(l)))
                .or_else(|| candidates.first().copied())
        }
        _ => candidates
            .iter()
            .rev()
            .copied()
            .find(|l| looks_like_headline(l))
            .or_else(|| candidates.iter().copied().find(|l| l.split_whitespace().count() >= 2))
            .or(candidates.first().copied()),
    }
}

/// Lines that credit or label rather than headline.
const NOT_HEADLINES: &[&str] = &[
    "compiled from",
    "courtesy",
    "source:",
    "photo",
    "release no",
    "related",
    "for immediate release",
    "immediate release",
    "news release",
    "press release",
    "posted",
    "updated",
    "published",
    "filed under",
    "tags:",
    "category",
];

/// Three to twenty words, not ending like a sentence or a salutation, not a credit.
fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let lower = line.to_lowercase();
    (3..=20).contains(&words)
        && !line.ends_with(['.', ':', ';', ','])
        && !NOT_HEADLINES.iter().any(|p| lower.starts_with(p))
}

/// `Compiled from U.S. Forces Iraq News Releases`: who the story comes
/// from, for the agency field.
fn attribution(line: &str) -> Option<String> {
    let rest = line.strip_prefix("Compiled from ").or_else(|| line.strip_prefix("Compiled by "))?;
    let words = rest.split_whitespace().count();
    ((1..=10).contains(&words) && !line.ends_with(['.', '!', '?'])).then(|| rest.trim().to_string())
}

pub(crate) use crate::ingest::byline::byline;

/// `text` after a clock time, an AM/PM and a time zone at its start.
fn skip_time(text: &str) -> &str {
    let mut rest = text;
    let first = rest.split_whitespace().next().unwrap_or("");
    let is_clock = first.split_once(':').is_some_and(|(h, m)| {
        !h.is_empty()
            && h.len() <= 2
            && h.bytes().all(|b| b.is_ascii_digit())
            && m.len() >= 2
            && m[..2].bytes().all(|b| b.is_ascii_digit())
    });
    if !is_clock {
        return text;
    }
    rest = rest[first.len()..].trim_start();
    for _ in 0..2 {
        let word = rest.split_whitespace().next().unwrap_or("");
        let lower = word.trim_matches(',').to_lowercase();
        let zone = word.len() >= 2 && word.len() <= 4 && word.trim_matches(',').chars().all(|c| c.is_ascii_uppercase());
        if matches!(lower.as_str(), "am" | "pm" | "a.m." | "p.m.") || zone {
            rest = rest[word.len()..].trim_start();
        }
    }
    rest.trim_start_matches([',', '|', '-']).trim_start()
}

/// A record line of a page's header or footer (`Story ID: 353412`, `Web
/// Views: 42`, `Location: ORZYSZ, PL`): a short capitalised label, a
/// colon, a short value.
fn is_record_line(line: &str) -> bool {
    let Some((label, value)) = line.split_once(": ") else { return false };
    let label_words: Vec<&str> = label.split_whitespace().collect();
    (1..=3).contains(&label_words.len())
        && label_words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && (1..=4).contains(&value.split_whitespace().count())
        && !value.trim_end().ends_with(['.', '!', '?'])
}

/// A header line that is only a date (`Oct. 24, 2012`, `Posted: October 24, 2012`, `2012-10-24`).
fn date_line(line: &str) -> Option<PartialDate> {
    let line = line.trim();
    let body = [
        "Date Posted:",
        "Date Taken:",
        "Posted:",
        "Posted",
        "Published:",
        "Published",
        "Updated:",
        "Updated",
        "Released:",
        "Date:",
        "Posted on",
        "Published on",
    ]
    .iter()
    .find_map(|p| line.strip_prefix(p))
    .unwrap_or(line)
    .trim();
    // A time before the date: `11:11 PM EST Nov 19, 2019`.
    let body = skip_time(body);
    if let Ok(d) = crate::content::PubDate::parse(body.split_whitespace().next().unwrap_or("")) {
        return Some(PartialDate { year: Some(d.year()), month: d.month(), day: d.date.day() });
    }
    // US order with dots or slashes: 05.22.2013, 5/22/2013.
    let numeric: Vec<&str> = body.split(['.', '/']).collect();
    if let [m, d, y] = numeric.as_slice()
        && let (Ok(m), Ok(d), Ok(y)) = (m.parse::<i8>(), d.parse::<i8>(), y.parse::<i16>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
        && (1800..=2200).contains(&y)
    {
        return Some(PartialDate { year: Some(y), month: m, day: d });
    }
    let (date, used) = dateline::parse_date_prefix(body).or_else(|| {
        // "Wednesday, October 24, 2012"
        let after_day = body.split_once(", ")?.1;
        dateline::parse_date_prefix(after_day).map(|(d, u)| (d, u + body.len() - after_day.len()))
    })?;
    let rest = body[used..].trim();
    (date.year.is_some() && rest.split_whitespace().count() <= 3).then_some(date)
}

fn is_agency_name(text: &str) -> bool {
    let last = text.split_whitespace().last().unwrap_or("");
    AGENCY_WORDS.contains(&last) || matches!(text, "AP" | "AFP" | "Associated Press" | "Agence France-Presse" | "UPI")
}

/// An agency line: short, no sentence punctuation, and named like an agency
/// or repeated in the header (agency sites print it above and below the headline).
fn is_agency_line(line: &str, repeated_in_header: bool, after_byline: bool) -> bool {
    let words = line.split_whitespace().count();
    if words == 0 || words > 8 || line.ends_with(['.', '?', '!', ':']) {
        return false;
    }
    let capitalized =
        line.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || w.len() <= 3);
    // "Bureau of Public Affairs, Office of the Spokesman": an issuing office.
    let office =
        line.split(|c: char| !c.is_alphabetic()).any(|w| matches!(w, "Bureau" | "Office" | "Ministry" | "Agency"));
    capitalized && ((words <= 6 && (is_agency_name(line) || repeated_in_header || after_byline)) || office)
}

/// Roles that, on the line after a name, make that name the author
/// (`John Kerry` / `Secretary of State` on a press statement).
const AUTHOR_ROLES: &[&str] = &[
    "Secretary",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Ambassador",
    "Director",
    "Deputy",
    "Assistant",
    "Under",
    "Special",
    "Senior",
    "Chief",
    "Editor",
    "Correspondent",
    "Reporter",
    "Staff",
    "Writer",
];

/// A line that is only a name: two to four capitalized words, no punctuation but initials.
fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-'))
        })
        && !is_agency_name(line)
}

fn expand_agency(name: &str) -> String {
    match name.trim() {
        "AP" => "Associated Press".to_string(),
        "AFP" => "Agence France-Presse".to_string(),
        "Reuter" | "Reuters" => "Reuters".to_string(),
        other => other.to_string(),
    }
}

/// Headlines in capitals (`BAHIA COCOA REVIEW`) become title case; others stay.
pub fn headline_case(title: &str) -> String {
    let letters: Vec<char> = title.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.is_empty() || upper * 10 < letters.len() * 9 {
        return title.to_string();
    }
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "via", "with",
        "from",
    ];
    title
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            // Tickers and codes in angle brackets or with digits stay as written.
            if w.starts_with('<') || w.chars().any(|c| c.is_ascii_digit()) || (w.contains('.') && w.len() <= 5) {
                return w.to_string();
            }
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut out = String::new();
            let mut start = true;
            for c in lower.chars() {
                if start {
                    out.extend(c.to_uppercase())
                } else {
                    out.push(c)
                }
                start = matches!(c, '-' | '/' | '(' | '"');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits body lines into blocks: blank lines always separate; an indented
/// line starts a new paragraph (the wire's layout); runs of lines with
/// column gaps are kept as a table.
fn split_blocks(lines: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut table: Vec<String> = Vec::new();
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        let text = para.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            blocks.push(Block::Paragraph(text));
        }
        para.clear();
    };
    let flush_table = |table: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if table.len() >= 2 {
            blocks.push(Block::Table(std::mem::take(table)));
        } else if let Some(line) = table.pop() {
            blocks.push(Block::Paragraph(line.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
    };
    for line in lines {
        if line.trim().is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_table(&mut table, &mut blocks);
            continue;
        }
        if is_table_row(line) {
            flush_para(&mut para, &mut blocks);
            table.push(line.trim_end().to_string());
            continue;
        }
        flush_table(&mut table, &mut blocks);
        // The wire's sign-off (" Reuter") stands on its own line, barely indented.
        if chrome::sign_off(line).is_some() {
            flush_para(&mut para, &mut blocks);
            blocks.push(Block::Paragraph(line.trim().to_string()));
            continue;
        }
        let indented = line.starts_with("  ") || line.starts_with('\t');
        if indented && !para.is_empty() {
            flush_para(&mut para, &mut blocks);
        }
        para.push(line);
    }
    flush_para(&mut para, &mut blocks);
    flush_table(&mut table, &mut blocks);
    blocks
}

/// A line of a table of figures: a gap of three or more spaces after text.
fn is_table_row(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.contains("   ") && trimmed.split_whitespace().count() >= 2 && trimmed.chars().any(|c| c.is_ascii_digit())
}

/// Drops chrome at the end of the story (sign-offs, calls to action,
/// labels with nothing after them) and short calls to action anywhere in it.
fn drop_chrome(blocks: &mut Vec<Block>, layout: &mut Layout) {
    while let Some(Block::Paragraph(last)) = blocks.last() {
        if let Some(agency) = chrome::sign_off(last) {
            if let Some(a) = agency {
                layout.agency.get_or_insert_with(|| a.to_string());
            }
        } else if !(chrome::is_call_to_action(last, 20) || chrome::is_dangling_label(last) || is_record_line(last)) {
            break;
        }
        layout.notes.push(format!("dropped (end of page): {last:?}"));
        blocks.pop();
    }
    blocks.retain(|b| match b {
        Block::Paragraph(p) if chrome::is_call_to_action(p, 8) => {
            layout.notes.push(format!("dropped (chrome in the story): {p:?}"));
            false
        }
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Layout {
        parse(text)
    }

    #[test]
    fn agency_site_layout() {
        let l = layout(
            "Site Network for Jobs - JOIN NOW\n\n\nNews Service\n\nBig Headline Here\n\nBy Jane Doe\nNews Service\n\nWASHINGTON, Oct. 24, 2012 – First para.\n\nSecond para.\n\nJoin the mailing list\n",
        );
        assert_eq!(l.title.as_deref(), Some("Big Headline Here"));
        assert_eq!(l.authors, ["Jane Doe"]);
        assert_eq!(l.agency.as_deref(), Some("News Service"));
        assert_eq!(l.dateline.as_ref().unwrap().city, "WASHINGTON");
        assert_eq!(l.blocks, [Block::Paragraph("First para.".into()), Block::Paragraph("Second para.".into())]);
    }

    #[test]
    fn a_blog_repost_alone_gives_its_own_headline_and_no_blog_chrome() {
        let l = layout(
            "War on Terrorism\n\nFriday, May 28, 2010\n\nIraqis Arrest 5 Terrorism Suspects\n\nCompiled from U.S. Forces Iraq News Releases\n\nMay 28, 2010 - Iraqi security forces arrested four terrorism suspects today during three combined operations.\n\nNo comments:\n\nPost a Comment\n",
        );
        assert_eq!(l.title.as_deref(), Some("Iraqis Arrest 5 Terrorism Suspects"));
        assert_eq!(l.agency.as_deref(), Some("U.S. Forces Iraq News Releases"));
        assert_eq!(l.blocks.len(), 1, "{:?}", l.blocks);
        let l = layout(
            "War on Terrorism\n\nMonday, August 08, 2011\n\nStatement from the Secretary of Defense\n\n\"I am deeply saddened by the loss of many outstanding Americans in uniform earlier in Afghanistan.\"\n\nNo comments:\n",
        );
        assert_eq!(l.title.as_deref(), Some("Statement from the Secretary of Defense"));
        assert!(l.notes.iter().any(|n| n.contains("No comments:")), "every dropped line is named: {:?}", l.notes);
    }

    #[test]
    fn reuters_layout() {
        let l = layout(
            "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout\nthe week in the zone.\n    The dry period means\nlate arrivals.\n Reuter\n",
        );
        assert_eq!(l.title.as_deref(), Some("Bahia Cocoa Review"));
        assert_eq!(l.agency.as_deref(), Some("Reuters"));
        assert_eq!(l.blocks.len(), 2, "{:?}", l.blocks);
        assert_eq!(l.blocks[0], Block::Paragraph("Showers continued throughout the week in the zone.".into()));
    }

    #[test]
    fn reuters_byline_names_author_and_agency() {
        let l = layout(
            "U.S. TRADE DEFICIT WIDENS\n\nBy Peter Torday, Reuters\n\nWASHINGTON, March 2 - The deficit widened.\n",
        );
        assert_eq!(l.authors, ["Peter Torday"]);
        assert_eq!(l.agency.as_deref(), Some("Reuters"));
        assert_eq!(l.title.as_deref(), Some("U.S. Trade Deficit Widens"));
    }

    #[test]
    fn ap_layout() {
        let l = layout("Mali army retakes town\n\nBAMAKO, Mali (AP) — Malian troops retook the town on Sunday.\n");
        assert_eq!(l.agency.as_deref(), Some("Associated Press"));
        assert_eq!(l.title.as_deref(), Some("Mali army retakes town"));
    }

    #[test]
    fn headline_nearest_the_story_among_page_furniture() {
        let l = layout(
            "Dept of Defense Dept of Defense\n\nDoD News\n\nBookmark and Share\n\nNews Article\n\nForces Detain Insurgents in Operations\n\nCompiled from Joint Command News Releases\n\nWASHINGTON, March 23, 2011 – Forces detained several suspects today.\n",
        );
        assert_eq!(l.title.as_deref(), Some("Forces Detain Insurgents in Operations"));
        let l = layout(
            "Site Logo\n\nHagel Directs DOD to Implement Guidance\n\nWASHINGTON, UNITED STATES\n\n05.22.2013\n\nCourtesy Story\n\nDefense Secretary Chuck Hagel has directed the department to implement the guidance outlined today.\n",
        );
        assert_eq!(l.title.as_deref(), Some("Hagel Directs DOD to Implement Guidance"));
        assert_eq!(l.dateline.as_ref().map(|d| d.city.as_str()), Some("WASHINGTON"));
        assert_eq!(l.header_date, Some(PartialDate { year: Some(2013), month: 5, day: 22 }));
    }

    #[test]
    fn several_authors() {
        assert_eq!(byline("By Jane Doe and John Roe").unwrap().0, ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn tables_keep_their_layout() {
        let l = layout(
            "EARNINGS\n\nNEW YORK, March 3 - Results:\n    Shr    12 cts vs 15 cts\n    Net    1,234 vs 2,345\n",
        );
        assert!(matches!(&l.blocks[1], Block::Table(rows) if rows.len() == 2), "{:?}", l.blocks);
    }

    #[test]
    fn headline_case_keeps_tickers() {
        assert_eq!(
            headline_case("STANDARD OIL <SRD> TO FORM FINANCIAL UNIT"),
            "Standard Oil <SRD> to Form Financial Unit"
        );
        assert_eq!(headline_case("Mali talks stall"), "Mali talks stall");
    }

    #[test]
    fn header_date_lines() {
        assert_eq!(date_line("Oct. 24, 2012"), Some(PartialDate { year: Some(2012), month: 10, day: 24 }));
        assert_eq!(
            date_line("Wednesday, October 24, 2012"),
            Some(PartialDate { year: Some(2012), month: 10, day: 24 })
        );
        assert_eq!(date_line("2012-10-24"), Some(PartialDate { year: Some(2012), month: 10, day: 24 }));
        assert_eq!(date_line("October 24, 2012, officials met in Bamako to discuss"), None);
        assert_eq!(date_line("05.22.2013"), Some(PartialDate { year: Some(2013), month: 5, day: 22 }));
    }
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Adm.", "Sgt.", "Sen.", "Rep.", "Gov.", "St.",
    "Jr.", "Sr.", "Inc.", "Co.", "Corp.", "Ltd.", "No.", "vs.", "U.S.", "U.N.", "U.K.", "D.C.", "Jan.", "Feb.", "Aug.",
    "Sept.", "Oct.", "Nov.", "Dec.", "Ariz.", "Calif.", "Fla.", "Ill.", "Mass.", "Mich.", "Pa.", "Va.", "Wash.",
    "e.g.", "i.e.", "a.m.", "p.m.", "Prof.", "Rev.", "Brig.", "Cmdr.",
];

/// The lead: the first sentence of the story, with the second when the
/// first is short; at most about 60 words.
pub fn lead(paragraph: &str) -> String {
    // The dateline opens the paragraph, not the summary: `WASHINGTON, Oct.
    // 24, 2012 –`, or a date alone, `Feb. 10, 2009 -`.
    let paragraph = match dateline::parse(paragraph) {
        Some(d) => &paragraph[d.text_start..],
        None => match dateline::parse_date_prefix(paragraph) {
            Some((date, used)) if date.year.is_some() => {
                let rest = paragraph[used..].trim_start();
                ["--", "–", "—", "-"].iter().find_map(|d| rest.strip_prefix(d)).map_or(paragraph, str::trim_start)
            }
            _ => paragraph,
        },
    };
    let mut sentences = Vec::new();
    let mut start = 0;
    let words: Vec<(usize, &str)> = paragraph.match_indices(|c: char| !c.is_whitespace()).map(|(i, _)| i).fold(
        Vec::new(),
        |mut acc: Vec<(usize, &str)>, i| {
            if i == 0 || paragraph[..i].ends_with(char::is_whitespace) {
                let end = paragraph[i..].find(char::is_whitespace).map_or(paragraph.len(), |e| i + e);
                acc.push((i, &paragraph[i..end]));
            }
            acc
        },
    );
    for (k, (i, word)) in words.iter().enumerate() {
        let core = word.trim_end_matches(['"', '”', '’', '\'', ')']);
        let ends = core.ends_with(['.', '!', '?'])
            && !ABBREVIATIONS.contains(&core)
            && !(core.len() == 2 && core.ends_with('.'));
        let next_starts = words
            .get(k + 1)
            .is_none_or(|(_, w)| w.chars().next().is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘')));
        if ends && next_starts {
            let end = i + word.len();
            sentences.push(paragraph[start..end].trim().to_string());
            start = end;
            if sentences.len() == 2 {
                break;
            }
        }
    }
    if start < paragraph.len() && sentences.len() < 2 {
        let rest = paragraph[start..].trim();
        if !rest.is_empty() {
            sentences.push(rest.to_string());
        }
    }
    let mut out = sentences.first().cloned().unwrap_or_default();
    if out.split_whitespace().count() < 15
        && let Some(second) = sentences.get(1)
        && out.split_whitespace().count() + second.split_whitespace().count() <= 60
    {
        out = format!("{out} {second}");
    }
    if out.split_whitespace().count() > 60 {
        out = out.split_whitespace().take(60).collect::<Vec<_>>().join(" ") + "…";
    }
    out
}

#[cfg(test)]
mod lead_tests {
    use super::lead;

    #[test]
    fn first_sentence_or_two() {
        assert_eq!(
            lead(
                "Al-Qaida is establishing a presence in Mali, and the U.S. is working with partners to deal with it, Defense Secretary Leon E. Panetta said here today. Second sentence."
            ),
            "Al-Qaida is establishing a presence in Mali, and the U.S. is working with partners to deal with it, Defense Secretary Leon E. Panetta said here today."
        );
        assert_eq!(
            lead("Prices rose. Traders said demand from Japan was strong."),
            "Prices rose. Traders said demand from Japan was strong."
        );
    }
}

#[cfg(test)]
mod press_statement_tests {
    use super::*;

    #[test]
    fn a_press_statement_names_its_author_office_and_place() {
        let l = parse(
            "On the Occasion of National Day\n\nPress Statement\nJohn Kerry\nSecretary of State\nWashington, DC\nJune 19, 2015\n\nOn behalf of President Obama and the people of the United States, I congratulate you.\n",
        );
        assert_eq!(l.title.as_deref(), Some("On the Occasion of National Day"));
        assert_eq!(l.authors, ["John Kerry"]);
        assert_eq!(
            l.dateline.as_ref().map(|d| (d.city.as_str(), d.region.as_deref())),
            Some(("Washington", Some("DC")))
        );
        assert_eq!(l.header_date, Some(PartialDate { year: Some(2015), month: 6, day: 19 }));
        let l = parse(
            "Video Message to Posts Worldwide\n\nMedia Note\nBureau of Public Affairs, Office of the Spokesman\nWashington, DC\nJuly 2, 2009\n\nA video of the Secretary delivering a message is available for viewing today.\n",
        );
        assert_eq!(l.title.as_deref(), Some("Video Message to Posts Worldwide"));
    }
}

#[cfg(test)]
mod layouts_seen_on_news_sites {
    use super::*;

    #[test]
    fn an_indian_wire_dateline_with_a_colon_and_its_sign_off() {
        let l = parse(
            "Pollution curbs extended\n\nNEW DELHI: The city extended its curbs on construction on Tuesday as air quality stayed severe, officials said.\n\nSchools will stay closed until Friday.\n\nPTI\n",
        );
        assert_eq!(l.dateline.as_ref().map(|d| d.city.as_str()), Some("NEW DELHI"));
        assert_eq!(l.agency.as_deref(), Some("Press Trust of India"));
        assert_eq!(l.blocks.len(), 2, "{:?}", l.blocks);
    }

    #[test]
    fn a_byline_with_its_date() {
        let l = parse(
            "Startup plans lunar lander\n\nby Jeff Foust — November 18, 2019\n\nWASHINGTON — A startup unveiled plans on Monday for a lunar lander it hopes to fly in 2022, its chief executive said.\n",
        );
        assert_eq!(l.authors, ["Jeff Foust"]);
        assert_eq!(l.header_date, Some(PartialDate { year: Some(2019), month: 11, day: 18 }));
    }

    #[test]
    fn a_press_release_dateline() {
        let l = parse(
            "Company opens new plant\n\nBAAR, Switzerland, Oct. 12, 2017 /PRNewswire/ -- The company opened a new plant on Thursday, it said in a statement released in the morning.\n",
        );
        let d = l.dateline.as_ref().expect("a dateline");
        assert_eq!(d.city, "BAAR");
        assert_eq!(d.date, Some(PartialDate { year: Some(2017), month: 10, day: 12 }));
        assert_eq!(l.agency.as_deref(), Some("PRNewswire"));
    }

    #[test]
    fn a_published_line_under_the_headline_is_not_the_headline() {
        let l = parse(
            "Council approves new budget\n\nPublished 11:11 PM EST Nov 19, 2019\n\nThe city council approved a new budget on Tuesday after a long debate over police funding and schools.\n",
        );
        assert_eq!(l.title.as_deref(), Some("Council approves new budget"));
        assert_eq!(l.header_date, Some(PartialDate { year: Some(2019), month: 11, day: 19 }));
    }

    #[test]
    fn dvids_record_lines_are_not_the_story() {
        let l = parse(
            "Soldiers train in Poland\n\nDate Posted: 11.19.2019\nStory ID: 353412\nWeb Views: 42\n\nSoldiers from the brigade trained with Polish troops this week near the border, officers said.\n\nDate Taken: 11.18.2019\nLocation: ORZYSZ, PL\n",
        );
        assert_eq!(l.header_date, Some(PartialDate { year: Some(2019), month: 11, day: 19 }));
        let text = format!("{:?}", l.blocks);
        assert!(!text.contains("Story ID") && !text.contains("Web Views") && !text.contains("Date Taken"), "{text}");
    }

    #[test]
    fn a_lead_never_starts_with_the_date() {
        assert_eq!(
            lead("Feb. 10, 2009 - Iraqi forces arrested 21 suspects today."),
            "Iraqi forces arrested 21 suspects today."
        );
        assert_eq!(
            lead("WASHINGTON, Oct. 24, 2012 – Al-Qaida is establishing a presence in Mali."),
            "Al-Qaida is establishing a presence in Mali."
        );
    }
}
