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

use crate::archive::{Archive, Taxonomy};
use crate::pages::{self, Urls};

/// One file of the index: path relative to the output folder, and bytes.
pub type IndexFile = (String, Vec<u8>);

/// Why the index could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the search index: {0}")]
pub struct SearchError(String);

/// Files Pagefind writes for its ready-made interfaces, which the search
/// page does not use (about 430 KB a shard).
const UNUSED_FILES: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Builds the index of one shard: a Pagefind bundle of its own under the
/// shard's folder, which the search page merges with the others.
pub fn build_shard(
    archive: &Archive,
    urls: &Urls,
    language: &str,
    shard: &pages::SearchShard,
) -> Result<Vec<IndexFile>, SearchError> {
    let started = std::time::Instant::now();
    let records: Vec<Record> = shard.ids.iter().map(|&id| record(archive, urls, id)).collect();
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| SearchError(e.to_string()))?;
    let language = language.to_string();
    let dir = shard.dir().to_string();
    runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder().force_language(language.clone()).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| SearchError(e.to_string()))?;
        for r in records {
            index
                .add_custom_record(r.url, r.content, language.clone(), Some(r.meta), Some(r.filters), Some(r.sort))
                .await
                .map_err(|e| SearchError(e.to_string()))?;
        }
        tracing::debug!(shard = %dir, elapsed = ?started.elapsed(), "search records added");
        let files = index.get_files().await.map_err(|e| SearchError(e.to_string()))?;
        tracing::debug!(shard = %dir, elapsed = ?started.elapsed(), "search shard built");
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(name, _)| !UNUSED_FILES.contains(&name.as_str()))
            .map(|(name, bytes)| (format!("{dir}{name}"), bytes))
            .collect())
    })
}

struct Record {
    url: String,
    content: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
    sort: BTreeMap<String, String>,
}

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

/// The text of an HTML fragment: tags dropped, the common entities decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(plain_text("<p>A &amp; B</p>\n<p>&lt;script&gt; <em>x</em></p>"), "A & B <script> x");
    }
}
