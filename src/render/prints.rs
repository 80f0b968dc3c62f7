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

use crate::archive::{Archive, PerTaxonomy, Taxonomy, TermId};
use crate::config::Config;
use crate::pages::{self, Page, PageKey, SearchShard, SitemapPart};

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
    /// Name, slug and article count of each term, per taxonomy.
    terms: PerTaxonomy<Vec<u64>>,
    /// Name and slug of each term (what a link to it shows), per taxonomy.
    term_links: PerTaxonomy<Vec<u64>>,
    /// What a term's page shows about all its articles (months, datelines, roles).
    term_extras: PerTaxonomy<Vec<u64>>,
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

impl<'a> Prints<'a> {
    /// Fingerprints the per-article and per-term parts of `archive`.
    pub fn new(archive: &'a Archive, config: &'a Config) -> Prints<'a> {
        use rayon::prelude::*;
        let cards: Vec<u64> = archive
            .entries
            .par_iter()
            // Everything a card shows comes from the article's text, plus its
            // address (made of its final slug and its date, in the text).
            .map(|e| hash_of((e.article.fingerprint, &e.slug)))
            .collect();
        let years: Vec<&i16> = archive.calendar.years.keys().collect();
        let site = hash_of((config, years, env!("CARGO_PKG_VERSION")));
        let term_links: PerTaxonomy<Vec<u64>> = PerTaxonomy::from_fn(|tax| {
            archive.terms_of(tax).terms.iter().map(|t| hash_of((&t.name, &t.slug))).collect()
        });
        let terms: PerTaxonomy<Vec<u64>> = PerTaxonomy::from_fn(|tax| {
            let links = &term_links[tax];
            archive.terms_of(tax).terms.iter().zip(links).map(|(t, link)| hash_of((link, t.articles.len()))).collect()
        });
        let feed_entries = archive
            .entries
            .par_iter()
            .enumerate()
            .map(|(id, e)| {
                let mut h = DefaultHasher::new();
                (cards[id], &e.article.meta.date).hash(&mut h);
                for tax in Taxonomy::ALL {
                    for &t in &e.terms[tax] {
                        term_links[tax][t].hash(&mut h);
                    }
                }
                h.finish()
            })
            .collect();
        let term_extras = PerTaxonomy::from_fn(|tax| {
            archive
                .terms_of(tax)
                .terms
                .par_iter()
                .map(|t| {
                    let mut h = DefaultHasher::new();
                    for &a in &t.articles {
                        let m = &archive.entries[a].article.meta;
                        (m.date.year(), m.date.month(), &m.dateline, m.roles.get(&t.name)).hash(&mut h);
                    }
                    h.finish()
                })
                .collect()
        });
        Prints { archive, config, cards, feed_entries, site, terms, term_links, term_extras }
    }

    fn hash_cards(&self, ids: &[usize], h: &mut DefaultHasher) {
        ids.len().hash(h);
        for &id in ids {
            self.cards[id].hash(h);
        }
    }

    /// The fingerprint of the search records of `ids`: each record holds an
    /// article's text, URL, date and term names, as its feed entry does.
    pub fn search_records(&self, ids: impl IntoIterator<Item = usize>) -> u64 {
        let mut h = DefaultHasher::new();
        self.site.hash(&mut h);
        for id in ids {
            self.feed_entries[id].hash(&mut h);
        }
        h.finish()
    }

    /// What an article page shows besides its own text: its terms, its
    /// neighbours and related articles.
    fn hash_article(&self, id: usize, h: &mut DefaultHasher) {
        let a = self.archive;
        let e = &a.entries[id];
        // Body, summary, source and extra fields all come from the article's text.
        self.cards[id].hash(h);
        for tax in Taxonomy::ALL {
            for &t in &e.terms[tax] {
                self.term_links[tax][t].hash(h);
            }
            0xfeu8.hash(h);
        }
        (id + 1 < a.entries.len()).then(|| self.cards[id + 1]).hash(h);
        id.checked_sub(1).map(|i| self.cards[i]).hash(h);
        self.hash_cards(&a.related[id], h);
    }

    /// What a term page shows: its articles, dates, variants, co-occurring
    /// terms, for a country the articles that only name it, and for a person
    /// how many articles name them in passing.
    fn hash_term(&self, tax: Taxonomy, id: TermId, n: usize, h: &mut DefaultHasher) {
        let (a, per) = (self.archive, self.config.page_size);
        let term = a.term(tax, id);
        (self.terms[tax][id], self.term_extras[tax][id], &term.variants, n).hash(h);
        if tax == Taxonomy::Countries
            && let Some(named) = a.also_named.get(id)
        {
            named.len().hash(h);
            if n == 1 {
                self.hash_cards(&named[..named.len().min(per)], h);
            }
        }
        if tax == Taxonomy::People {
            a.in_passing.get(id).map_or(0, Vec::len).hash(h);
        }
        let date = |i: Option<&usize>| i.map(|&i| &a.entries[i].article.meta.date);
        (date(term.articles.first()), date(term.articles.last())).hash(h);
        pages::page_count(term.articles.len(), per).hash(h);
        self.hash_cards(pages::page_slice(&term.articles, n, per), h);
        for list in &a.co_terms[tax][id] {
            for c in list {
                (self.term_links[c.taxonomy][c.term], c.shared).hash(h);
            }
            0xfeu8.hash(h);
        }
    }

    /// What a sitemap lists: every page's address, and articles' days.
    fn hash_sitemap(&self, part: SitemapPart, h: &mut DefaultHasher) {
        let a = self.archive;
        match part {
            SitemapPart::Index => pages::sitemap_len(a).hash(h),
            SitemapPart::Single | SitemapPart::Part(_) => {
                for e in &a.entries {
                    // An article's address is its month and final slug.
                    (&e.slug, &e.article.meta.date.date).hash(h);
                }
                self.term_links.hash(h);
                for (y, ms) in &a.calendar.years {
                    (y, ms.keys().collect::<Vec<_>>()).hash(h);
                }
            }
        }
    }

    /// The fingerprint of a shard of the search index: its name and records.
    pub fn search_shard(&self, shard: &SearchShard) -> u64 {
        hash_of((&shard.name, self.search_records(shard.ids.iter().copied())))
    }

    /// The fingerprint of one page.
    pub fn page(&self, page: &Page) -> u64 {
        let a = self.archive;
        let per = self.config.page_size;
        let mut h = DefaultHasher::new();
        (self.site, &page.file).hash(&mut h);
        match page.key {
            PageKey::Home(n) => {
                (n, pages::page_count(a.entries.len(), per)).hash(&mut h);
                pages::page_slice(&self.cards, n, per).hash(&mut h);
                if n == 1 {
                    a.entries.len().hash(&mut h);
                    self.terms.hash(&mut h);
                    for (y, months) in &a.calendar.years {
                        (y, months.values().map(Vec::len).sum::<usize>()).hash(&mut h);
                    }
                }
            }
            PageKey::Article(id) => self.hash_article(id, &mut h),
            PageKey::TermList(tax, order) => {
                (tax, order, &self.terms[tax]).hash(&mut h);
            }
            PageKey::Term(tax, id, n) => self.hash_term(tax, id, n, &mut h),
            PageKey::TermFeed(tax, id) => {
                let term = a.term(tax, id);
                self.term_links[tax][id].hash(&mut h);
                for &i in &term.articles[..term.articles.len().min(self.config.feed_size)] {
                    self.feed_entries[i].hash(&mut h);
                }
            }
            PageKey::Feed => {
                let n = a.entries.len().min(self.config.feed_size);
                self.feed_entries[..n].hash(&mut h);
            }
            PageKey::Year(y) => {
                // The neighbouring years are the calendar's keys, covered by `site`.
                a.calendar
                    .years
                    .get(&y)
                    .map(|ms| ms.iter().map(|(m, ids)| (*m, ids.len())).collect::<Vec<_>>())
                    .hash(&mut h);
            }
            PageKey::Month(y, m, n) => {
                // The neighbouring months are the calendar's keys, covered by `site` and here.
                let ids = a.calendar.month(y, m);
                (y, m, n, ids.len(), pages::page_count(ids.len(), per)).hash(&mut h);
                self.hash_cards(pages::page_slice(ids, n, per), &mut h);
                a.calendar
                    .years
                    .values()
                    .map(|ms| ms.keys().copied().collect::<Vec<_>>())
                    .collect::<Vec<_>>()
                    .hash(&mut h);
            }
            PageKey::Sitemap(part) => self.hash_sitemap(part, &mut h),
            // The search page names the index's shards.
            PageKey::Search => pages::search_shards(a).iter().map(|s| &s.name).collect::<Vec<_>>().hash(&mut h),
            PageKey::SearchFacets => {
                self.terms.hash(&mut h);
                for months in a.calendar.years.values() {
                    months.values().map(Vec::len).sum::<usize>().hash(&mut h);
                }
            }
            PageKey::Robots | PageKey::NotFound => {}
        }
        h.finish()
    }
}
