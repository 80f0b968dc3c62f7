//! Archive → a client-side full-text search index (Pagefind), written under
//! `pagefind/` in the output: a sink after rendering, like the pages.
//!
//! The index is cut into shards (`pages::search_shards`), each a Pagefind
//! bundle of its own that the search page merges in the browser, so each is
//! built in bounded memory, in parallel, and again only when its records
//! changed.
//!
//! Records are made from the archive, not by re-reading the HTML: the text
//! of each article with its title, date and dateline as metadata, its
//! topics, countries, people and year as filters, and its date to sort by.
//! The browser then loads only the index chunks a query needs.

use std::collections::BTreeMap;

mod bundle;
mod engine;
mod gzip;
mod words;

use crate::archive::{Archive, Taxonomy};
use crate::pages::{self, Urls};
use bundle::Record;
use engine::Engine;

/// One file of the index: path relative to the output folder, and bytes.
pub type IndexFile = (String, Vec<u8>);

/// Why the index could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the search index: {0}")]
pub struct SearchError(String);

/// Gzip level of the index files. In `examples/search_profile.rs` on 1,000
/// generated articles, the whole shard took 0.44 ms a record at 6 against
/// 0.55 at 9 (Pagefind's), for the same 2.6 MB to a tenth; level 1 was no
/// faster and wrote 0.9 MB where 6 wrote 0.7 for 200 records.
const COMPRESSION_LEVEL: u32 = 6;

/// Pages whose fragments share one file (Pagefind's fragment groups): a
/// fragment file per article was a quarter of a cold build's files. Four
/// measured about a tenth faster than one in interleaved cold builds of
/// 3,000 articles; a result then fetches its neighbours' fragments too
/// (about 4 KB more), and a list sorted by date fetches a file per four.
const FRAGMENT_GROUP: usize = 4;

/// Builds the index of one shard: a Pagefind bundle of its own under the
/// shard's folder, which the search page merges with the others.
pub fn build_shard(
    archive: &Archive,
    urls: &Urls,
    language: &str,
    shard: &pages::SearchShard,
) -> Result<Vec<IndexFile>, SearchError> {
    let engine = Engine::for_language(language)?;
    let records: Vec<Record> = shard.ids.iter().map(|&id| record(archive, urls, id)).collect();
    let index = bundle::build(&records, engine.format(), FRAGMENT_GROUP, COMPRESSION_LEVEL);
    let dir = shard.dir();
    let entry = ("pagefind-entry.json".to_string(), engine.entry(&index));
    Ok(index
        .files
        .into_iter()
        .chain(std::iter::once(entry))
        .chain(engine.files.iter().cloned())
        .map(|(name, bytes)| (format!("{dir}{name}"), bytes))
        .collect())
}

/// The record of one article.
fn record(archive: &Archive, urls: &Urls, id: usize) -> Record {
    let entry = &archive.entries[id];
    let meta = &entry.article.meta;
    let mut m = BTreeMap::new();
    m.insert("title".to_string(), meta.title.clone());
    m.insert("date".to_string(), meta.date.date.to_string());
    if let Some(d) = &meta.dateline {
        m.insert("dateline".to_string(), d.clone());
    }
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for tax in Taxonomy::ALL {
        let names: Vec<String> = entry.terms[tax].iter().map(|&t| archive.term(tax, t).name.clone()).collect();
        if !names.is_empty() {
            filters.insert(tax.singular().to_string(), names);
        }
    }
    filters.insert("year".to_string(), vec![meta.date.year().to_string()]);
    let sort = BTreeMap::from([("date".to_string(), meta.date.rfc3339())]);
    let content = format!("{}\n\n{}", meta.title, plain_text(&entry.article.body_html));
    Record { url: urls.link(&pages::article_path(entry)), content, meta: m, filters, sort }
}

/// Tags inside a line of text: they part no words (`<em>Reuters</em>'s`, `H<sub>2</sub>O`).
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
];

/// The text of an HTML fragment: tags dropped (a block's ending parts words),
/// the entities the renderer writes decoded, runs of whitespace one space
/// (one pass: this runs over every article of every shard built).
pub fn plain_text(html: &str) -> String {
    const ENTITIES: [(&str, char); 6] =
        [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&#x27;", '\''), ("&amp;", '&')];
    let mut out = String::with_capacity(html.len());
    let (mut in_tag, mut space, mut parts_words) = (false, false, false);
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        let text = match c {
            '<' if !in_tag => {
                in_tag = true;
                let name = rest[1..].trim_start_matches('/');
                let name = &name[..name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len())];
                parts_words = !INLINE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
                None
            }
            '>' if in_tag => {
                in_tag = false;
                space |= parts_words;
                None
            }
            _ if in_tag => None,
            c if c.is_whitespace() => {
                space = true;
                None
            }
            '&' => match ENTITIES.iter().find(|(name, _)| rest.starts_with(name)) {
                Some((name, decoded)) => {
                    len = name.len();
                    Some(*decoded)
                }
                None => Some('&'),
            },
            c => Some(c),
        };
        if let Some(c) = text {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        rest = &rest[len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(plain_text("<p>A &amp; B</p>\n<p>&lt;script&gt; <em>x</em></p>"), "A & B <script> x");
        assert_eq!(plain_text(" <p>&amp;lt; &copy;\u{a0} a&#39;b</p> "), "&lt; &copy; a'b");
        assert_eq!(plain_text("<p><em>Reuters</em>'s H<sub>2</sub>O</p><p>Next</p>"), "Reuters's H2O Next");
        assert_eq!(plain_text("<li>one</li><li>two<br>three</li>"), "one two three");
    }
}
