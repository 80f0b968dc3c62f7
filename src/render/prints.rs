//! A fingerprint of each page's inputs, cheap enough to compute for every
//! page on every rebuild: a page whose fingerprint did not change needs no
//! rendering. Each fingerprint covers exactly what the page's view in
//! `views` is built from; the oracle test in `tests/integration/incremental.rs`
//! checks that no view changes without its fingerprint changing.
//!
//! Fingerprints are compared only within one process, so the std hasher's
//! per-build stability is enough.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use crate::archive::{Archive, Taxonomy};
use crate::config::Config;
use crate::pages::{self, Page, PageKey, SitemapPart};

/// Per-article fingerprints, computed once per archive.
pub struct Prints<'a> {
    archive: &'a Archive,
    config: &'a Config,
    /// What a list item (card) of each article shows.
    cards: Vec<u64>,
    /// What a feed entry of each article shows.
    feed_entries: Vec<u64>,
    /// Inputs common to every page (site settings, navigation).
    site: u64,
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

impl<'a> Prints<'a> {
    /// Fingerprints the per-article parts of `archive`.
    pub fn new(archive: &'a Archive, config: &'a Config) -> Prints<'a> {
        use rayon::prelude::*;
        let cards: Vec<u64> = archive
            .entries
            .par_iter()
            .map(|e| {
                let m = &e.article.meta;
                hash_of((&m.title, &e.path, m.date.to_string(), &m.dateline, &m.agency, &m.authors, &e.article.excerpt))
            })
            .collect();
        let feed_entries = archive
            .entries
            .par_iter()
            .enumerate()
            .map(|(id, e)| {
                let categories: Vec<&str> = Taxonomy::ALL
                    .iter()
                    .flat_map(|&tax| e.terms[tax.index()].iter().map(move |&t| archive.term(tax, t).name.as_str()))
                    .collect();
                hash_of((cards[id], e.article.meta.date.rfc3339(), categories))
            })
            .collect();
        let years: Vec<&i16> = archive.calendar.years.keys().collect();
        let site = hash_of((config, years, env!("CARGO_PKG_VERSION")));
        Prints { archive, config, cards, feed_entries, site }
    }

    fn cards_of(&self, ids: &[usize]) -> Vec<u64> {
        ids.iter().map(|&id| self.cards[id]).collect()
    }

    /// The fingerprint of one page.
    pub fn page(&self, page: &Page) -> u64 {
        let a = self.archive;
        let per = self.config.page_size;
        let mut h = DefaultHasher::new();
        (self.site, &page.file).hash(&mut h);
        match page.key {
            PageKey::Home(n) => {
                let all: Vec<usize> = (0..a.entries.len()).collect();
                let slice = page_slice(&all, n, per);
                (n, pages::page_count(all.len(), per), self.cards_of(slice)).hash(&mut h);
                if n == 1 {
                    a.entries.len().hash(&mut h);
                    for tax in Taxonomy::ALL {
                        for t in &a.terms_of(tax).terms {
                            (&t.name, &t.slug, t.articles.len()).hash(&mut h);
                        }
                    }
                    for (y, months) in &a.calendar.years {
                        (y, months.values().map(Vec::len).sum::<usize>()).hash(&mut h);
                    }
                }
            }
            PageKey::Article(id) => {
                let e = &a.entries[id];
                let m = &e.article.meta;
                (self.cards[id], &e.article.body_html, &m.summary, &m.source).hash(&mut h);
                serde_json::to_string(&m.extra).unwrap_or_default().hash(&mut h);
                for tax in Taxonomy::ALL {
                    for &t in &e.terms[tax.index()] {
                        let term = a.term(tax, t);
                        (&term.name, &term.slug).hash(&mut h);
                    }
                    0xfeu8.hash(&mut h);
                }
                let link = |i: usize| (&a.entries[i].article.meta.title, &a.entries[i].path);
                (id + 1 < a.entries.len()).then(|| link(id + 1)).hash(&mut h);
                id.checked_sub(1).map(link).hash(&mut h);
                self.cards_of(&a.related[id]).hash(&mut h);
            }
            PageKey::TermList(tax, order) => {
                (tax, order).hash(&mut h);
                for t in &a.terms_of(tax).terms {
                    (&t.name, &t.slug, t.articles.len()).hash(&mut h);
                }
            }
            PageKey::Term(tax, id, n) => {
                let term = a.term(tax, id);
                (&term.name, &term.slug, term.articles.len(), &term.variants, n).hash(&mut h);
                let date = |i: Option<&usize>| i.map(|&i| a.entries[i].article.meta.date.to_string());
                (date(term.articles.first()), date(term.articles.last())).hash(&mut h);
                (pages::page_count(term.articles.len(), per), self.cards_of(page_slice(&term.articles, n, per)))
                    .hash(&mut h);
                for list in &a.co_terms[tax.index()][id] {
                    for c in list {
                        let other = a.term(c.taxonomy, c.term);
                        (&other.name, &other.slug, c.shared).hash(&mut h);
                    }
                    0xfeu8.hash(&mut h);
                }
            }
            PageKey::TermFeed(tax, id) => {
                let term = a.term(tax, id);
                (&term.name, &term.slug).hash(&mut h);
                let ids = &term.articles[..term.articles.len().min(self.config.feed_size)];
                ids.iter().map(|&i| self.feed_entries[i]).collect::<Vec<_>>().hash(&mut h);
            }
            PageKey::Feed => {
                let n = a.entries.len().min(self.config.feed_size);
                self.feed_entries[..n].hash(&mut h);
            }
            PageKey::Year(y) => {
                let years = &a.calendar.years;
                years.get(&y).map(|ms| ms.iter().map(|(m, ids)| (*m, ids.len())).collect::<Vec<_>>()).hash(&mut h);
                (years.range(..y).next_back().map(|(y, _)| *y), years.range(y + 1..).next().map(|(y, _)| *y))
                    .hash(&mut h);
            }
            PageKey::Month(y, m, n) => {
                let ids = a.calendar.month(y, m);
                (y, m, n, ids.len(), pages::page_count(ids.len(), per), self.cards_of(page_slice(ids, n, per)))
                    .hash(&mut h);
                let all: Vec<(i16, i8)> =
                    a.calendar.years.iter().flat_map(|(y, ms)| ms.keys().map(move |m| (*y, *m))).collect();
                let at = all.iter().position(|&ym| ym == (y, m));
                (at.and_then(|i| i.checked_sub(1)).and_then(|i| all.get(i)), at.and_then(|i| all.get(i + 1)))
                    .hash(&mut h);
            }
            PageKey::Sitemap(part) => {
                let paths = pages::sitemap_paths(a);
                match part {
                    SitemapPart::Index => paths.len().hash(&mut h),
                    SitemapPart::Single | SitemapPart::Part(_) => {
                        paths.hash(&mut h);
                        a.entries.iter().map(|e| e.article.meta.date.date.to_string()).collect::<Vec<_>>().hash(&mut h);
                    }
                }
            }
            PageKey::Robots | PageKey::NotFound => {}
        }
        h.finish()
    }
}

/// Page `n` (1-based) of `ids` at `per` a page.
fn page_slice(ids: &[usize], n: usize, per: usize) -> &[usize] {
    let start = ((n - 1) * per).min(ids.len());
    &ids[start..(start + per).min(ids.len())]
}
