//! The typed values templates see, one per page kind, built from the archive
//! and nothing else.
//!
//! A page's view is its whole input besides the template: templates cannot
//! look anything up. That is what makes a page a pure function of its view,
//! and the README's template reference is checked against these structs.

use serde::Serialize;

use crate::archive::{Archive, Entry, PerTaxonomy, Taxonomy, TermId};
use crate::config::Config;
use crate::pages::{self, SitePath, SitemapPart, TermOrder, Urls};
use crate::render::timeline::{self, MonthCount};

/// What every page knows about the site.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// Path part of the base URL, ending in `/`: prefix for static files.
    pub base_path: String,
    /// Language code.
    pub language: String,
    /// Link to the site feed.
    pub feed_url: String,
    /// Link to the search page (empty when built without search).
    pub search_url: String,
    /// The taxonomies, for navigation.
    pub taxonomies: Vec<TaxonomyLink>,
    /// Years with articles, newest first (no counts: every page shows this,
    /// so it holds nothing that changes when one article does).
    pub years: Vec<Link>,
    /// `dateline` and its version.
    pub generator: String,
}

/// A taxonomy in navigation.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyLink {
    /// `countries`.
    pub key: &'static str,
    /// `Countries`.
    pub title: &'static str,
    /// `country`.
    pub singular: &'static str,
    /// Link to its list page.
    pub url: String,
}

/// A named link with a count (a term, a year, a month).
#[derive(Debug, Clone, Serialize)]
pub struct CountLink {
    /// What it is called.
    pub name: String,
    /// Where it goes.
    pub url: String,
    /// How many articles it holds (or shares, for connections).
    pub count: usize,
}

/// A plain link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text.
    pub name: String,
    /// Target.
    pub url: String,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCard {
    /// Headline.
    pub title: String,
    /// Link to the article.
    pub url: String,
    /// `2012-10-24` or RFC 3339; format with the `date` filter.
    pub date: String,
    /// Dateline city.
    pub dateline: Option<String>,
    /// Agency.
    pub agency: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Summary or first paragraph, plain text.
    pub excerpt: String,
}

/// Links between the pages of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page's number, 1-based.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// The previous page, if any.
    pub prev_url: Option<String>,
    /// The next page, if any.
    pub next_url: Option<String>,
    /// Numbered links around the current page, plus the first and last.
    pub links: Vec<PagerLink>,
}

/// One numbered link of a pager; `number` 0 stands for a gap (`…`).
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// Page number, or 0 for a gap.
    pub number: usize,
    /// Link (empty for a gap).
    pub url: String,
    /// Whether it is the page being shown.
    pub current: bool,
}

/// The article page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Headline, link, date, dateline, agency, bylines, excerpt.
    #[serde(flatten)]
    pub card: ArticleCard,
    /// Absolute URL.
    pub permalink: String,
    /// The summary from front matter, if any.
    pub summary: Option<String>,
    /// Where the text came from.
    pub source: Option<String>,
    /// `source` when it is an http(s) URL, safe to link to.
    pub source_url: Option<String>,
    /// The body, HTML (already safe: print with `| safe`).
    pub body: String,
    /// Its terms, per taxonomy.
    pub terms: Vec<LinkGroup>,
    /// The next older article.
    pub previous: Option<Link>,
    /// The next newer article.
    pub next: Option<Link>,
    /// Articles sharing the most terms.
    pub related: Vec<ArticleCard>,
    /// Front-matter fields dateline does not know.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Terms of one taxonomy, as links (article pages).
#[derive(Debug, Clone, Serialize)]
pub struct LinkGroup {
    /// `countries`.
    pub key: &'static str,
    /// `Countries`.
    pub title: &'static str,
    /// The terms.
    pub terms: Vec<Link>,
}

/// Terms of one taxonomy, with counts.
#[derive(Debug, Clone, Serialize)]
pub struct TermGroup {
    /// `countries`.
    pub key: &'static str,
    /// `Countries`.
    pub title: &'static str,
    /// The terms, with their article counts (shared counts on term pages).
    pub terms: Vec<CountLink>,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Latest articles on this page.
    pub articles: Vec<ArticleCard>,
    /// Pagination.
    pub pager: Pager,
    /// Number of published articles.
    pub article_count: usize,
    /// The most used terms of each taxonomy (first page only).
    pub top_terms: Vec<TermGroup>,
    /// Years with their article counts, newest first (first page only).
    pub years: Vec<CountLink>,
}

/// A taxonomy's list page.
#[derive(Debug, Clone, Serialize)]
pub struct TermListView {
    /// Which taxonomy.
    pub taxonomy: TaxonomyLink,
    /// `name` or `count`.
    pub order: &'static str,
    /// Link to the same list by name.
    pub by_name_url: String,
    /// Link to the same list by count.
    pub by_count_url: String,
    /// Every term with its article count.
    pub terms: Vec<CountLink>,
    /// The same terms grouped by initial letter (by-name order only; empty by count).
    pub groups: Vec<LetterGroup>,
}

/// Terms whose names start with one letter.
#[derive(Debug, Clone, Serialize)]
pub struct LetterGroup {
    /// `A`…`Z`, or `#` for names that start otherwise.
    pub letter: String,
    /// Its terms, by name.
    pub terms: Vec<CountLink>,
}

/// A term's page.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    /// Which taxonomy.
    pub taxonomy: TaxonomyLink,
    /// Display name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Link to the term's first page.
    pub url: String,
    /// Link to the term's Atom feed.
    pub feed_url: String,
    /// Number of articles.
    pub count: usize,
    /// Date of the oldest article.
    pub first_date: String,
    /// Date of the newest article.
    pub last_date: String,
    /// Other spellings merged into it.
    pub variants: Vec<String>,
    /// This page's articles, newest first.
    pub articles: Vec<ArticleCard>,
    /// Pagination.
    pub pager: Pager,
    /// Terms that appear most often with it, per taxonomy: each with the
    /// number of shared articles and a link to the search for both.
    pub connections: Vec<ConnectionGroup>,
    /// Articles per month, first to last month (empty months included).
    pub timeline: Vec<MonthCount>,
    /// The timeline as an inline SVG chart (print with `| safe`).
    pub timeline_svg: String,
    /// Datelines (cities) of its articles, most frequent first.
    pub datelines: Vec<CountName>,
    /// For a country: how many articles name it without being about it.
    pub also_named_count: usize,
    /// Those articles (cards, newest first; on the first page, at most a page of them).
    pub also_named: Vec<ArticleCard>,
    /// Titles seen before a person's name (`Defense Secretary`), most frequent first.
    pub roles: Vec<CountName>,
    /// For a person: how many of `count` articles name them only in passing.
    pub in_passing_count: usize,
    /// `count` less those named only in passing.
    pub about_count: usize,
}

/// A name and how often it was seen.
#[derive(Debug, Clone, Serialize)]
pub struct CountName {
    /// The name.
    pub name: String,
    /// How often.
    pub count: usize,
}

/// Terms of one taxonomy that go with a term.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionGroup {
    /// `countries`.
    pub key: &'static str,
    /// `Countries`.
    pub title: &'static str,
    /// The connected terms.
    pub terms: Vec<Connection>,
}

/// A term that appears with another.
#[derive(Debug, Clone, Serialize)]
pub struct Connection {
    /// Its name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Articles carrying both.
    pub count: usize,
    /// The search page filtered by both terms (empty without search).
    pub search_url: String,
}

/// A year's page.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i16,
    /// Articles that year.
    pub count: usize,
    /// Months with articles, in calendar order.
    pub months: Vec<CountLink>,
    /// The previous year with articles.
    pub previous: Option<Link>,
    /// The next year with articles.
    pub next: Option<Link>,
}

/// A month's page.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    /// The year.
    pub year: i16,
    /// The month number, 1–12.
    pub month: i8,
    /// `October 2012`.
    pub name: String,
    /// Link to the year.
    pub year_url: String,
    /// Articles that month.
    pub count: usize,
    /// This page's articles, newest first.
    pub articles: Vec<ArticleCard>,
    /// Pagination.
    pub pager: Pager,
    /// The previous month with articles.
    pub previous: Option<Link>,
    /// The next month with articles.
    pub next: Option<Link>,
}

/// An Atom feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    /// Feed title.
    pub title: String,
    /// Absolute URL of the feed itself.
    pub feed_url: String,
    /// Absolute URL of the page it follows.
    pub page_url: String,
    /// RFC 3339 date of the newest entry.
    pub updated: String,
    /// Newest entries first.
    pub entries: Vec<FeedEntry>,
}

/// An entry of a feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// Headline.
    pub title: String,
    /// Absolute URL (also the entry's id).
    pub url: String,
    /// RFC 3339 publication date.
    pub published: String,
    /// Bylines.
    pub authors: Vec<String>,
    /// Summary or first paragraph, plain text.
    pub summary: String,
    /// Term names, as categories.
    pub categories: Vec<String>,
}

/// The search page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// Link to the script of the index's newest shard (`pagefind/2012/pagefind.js`;
    /// empty when there is nothing to search).
    pub script_url: String,
    /// Links to the folders of the other shards, merged into the first.
    pub merge: Vec<String>,
    /// Link to the filters' values with their counts (`search/facets.json`).
    pub facets_url: String,
    /// The filters results can be narrowed by: `topic`, `country`, `person`, `year`.
    pub filters: Vec<SearchFilter>,
}

/// The values of each of the search page's filters, with article counts.
#[derive(Debug, Clone, Serialize)]
pub struct SearchFacets {
    /// Topics.
    pub topic: Vec<(String, usize)>,
    /// Countries.
    pub country: Vec<(String, usize)>,
    /// People.
    pub person: Vec<(String, usize)>,
    /// Years, newest first.
    pub year: Vec<(String, usize)>,
}

/// One filter of the search page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchFilter {
    /// Its name in the index and in the page's query string (`country`).
    pub key: &'static str,
    /// Its label (`Country`).
    pub title: &'static str,
}

/// A sitemap file.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapView {
    /// Whether this is a sitemap index (then `parts` is set, else `urls`).
    pub is_index: bool,
    /// Page URLs with an optional last-modified date.
    pub urls: Vec<SitemapUrl>,
    /// Absolute URLs of the sitemap parts (index only).
    pub parts: Vec<String>,
}

/// One sitemap entry.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// `YYYY-MM-DD`, for article pages.
    pub lastmod: Option<String>,
}

use crate::content::date::month_name;

/// The letter a name is filed under: its first letter, transliterated and
/// upper-cased (`Élysée` under E), or `#`.
fn initial(name: &str) -> char {
    // The transliteration, not the term's slug: a name with no letters gets a
    // made-up slug (`n-1a2b3c4d`) that must not file it under N.
    match slug::slugify(name).chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// The most frequent values, with counts; ties by name.
fn top_counts<'s>(values: impl Iterator<Item = &'s str>, limit: usize) -> Vec<CountName> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut list: Vec<CountName> =
        counts.into_iter().map(|(name, count)| CountName { name: name.to_string(), count }).collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    list.truncate(limit);
    list
}

/// Percent-encodes a query-string value.
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Builds views from one archive.
pub struct Views<'a> {
    archive: &'a Archive,
    config: &'a Config,
    urls: Urls,
    /// Every article id, newest first: the home page's list.
    all: Vec<usize>,
    /// What a term's pages show about all its articles, made on first use:
    /// a term with 50,000 articles has 1,000 pages that share it.
    summaries: PerTaxonomy<Vec<std::sync::OnceLock<TermSummary>>>,
}

/// A term's timeline, datelines and roles.
struct TermSummary {
    timeline: Vec<MonthCount>,
    timeline_svg: String,
    datelines: Vec<CountName>,
    roles: Vec<CountName>,
}

/// The name a term is filed under: a person's surname first (`Panetta,
/// Leon E.`, particles kept with it: `van Gogh`), other terms as they are.
fn sort_name(taxonomy: Taxonomy, name: &str) -> String {
    if taxonomy != Taxonomy::People {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let suffix = |w: &str| matches!(w.trim_end_matches('.'), "Jr" | "Sr" | "II" | "III" | "IV");
    let end = words.iter().rposition(|w| !suffix(w)).unwrap_or(0);
    let mut start = end;
    while start > 0 && words[start - 1].chars().next().is_some_and(char::is_lowercase) {
        start -= 1; // `van`, `de la`
    }
    if start == 0 || !words[0].chars().next().is_some_and(char::is_alphabetic) {
        return name.to_string();
    }
    format!("{} {}", words[start..].join(" "), words[..start].join(" "))
}

/// How many terms per taxonomy the home page shows.
const HOME_TOP_TERMS: usize = 12;

impl<'a> Views<'a> {
    /// Views over `archive` with `config`'s URLs and page sizes.
    pub fn new(archive: &'a Archive, config: &'a Config) -> Views<'a> {
        let summaries = PerTaxonomy::from_fn(|t| {
            (0..archive.terms_of(t).terms.len()).map(|_| std::sync::OnceLock::new()).collect()
        });
        Views { archive, config, urls: Urls::new(config), all: (0..archive.entries.len()).collect(), summaries }
    }

    /// The link helper.
    pub fn urls(&self) -> &Urls {
        &self.urls
    }

    /// What every page knows about the site.
    pub fn site(&self) -> SiteView {
        let years = self
            .archive
            .calendar
            .years
            .keys()
            .rev()
            .map(|y| Link { name: y.to_string(), url: self.urls.link(&pages::year_path(*y)) })
            .collect();
        SiteView {
            title: self.config.title.clone(),
            description: self.config.description.clone(),
            base_url: self.config.base_url.clone(),
            base_path: self.config.base_path().to_string(),
            language: self.config.language.clone(),
            feed_url: self.urls.link(&pages::feed_path()),
            search_url: if self.config.search_enabled() {
                self.urls.link(&pages::search_path())
            } else {
                String::new()
            },
            taxonomies: Taxonomy::ALL.iter().map(|t| self.taxonomy_link(*t)).collect(),
            years,
            generator: format!("dateline {}", env!("CARGO_PKG_VERSION")),
        }
    }

    fn taxonomy_link(&self, taxonomy: Taxonomy) -> TaxonomyLink {
        TaxonomyLink {
            key: taxonomy.key(),
            title: taxonomy.title(),
            singular: taxonomy.singular(),
            url: self.urls.link(&pages::term_list_path(taxonomy, TermOrder::Name)),
        }
    }

    /// An article as a list item.
    pub fn card(&self, id: usize) -> ArticleCard {
        let entry = &self.archive.entries[id];
        let meta = &entry.article.meta;
        ArticleCard {
            title: meta.title.clone(),
            url: self.urls.link(&pages::article_path(entry)),
            date: meta.date.to_string(),
            dateline: meta.dateline.clone(),
            agency: meta.agency.clone(),
            authors: meta.authors.clone(),
            excerpt: entry.article.excerpt.clone(),
        }
    }

    fn cards(&self, ids: &[usize]) -> Vec<ArticleCard> {
        ids.iter().map(|&id| self.card(id)).collect()
    }

    fn term_link(&self, taxonomy: Taxonomy, term: TermId, count: usize) -> CountLink {
        CountLink {
            name: self.archive.term(taxonomy, term).name.clone(),
            url: self.urls.link(&pages::term_path(self.archive, taxonomy, term)),
            count,
        }
    }

    fn article_link(&self, id: usize) -> Link {
        let entry: &Entry = &self.archive.entries[id];
        Link { name: entry.article.meta.title.clone(), url: self.urls.link(&pages::article_path(entry)) }
    }

    /// Page `n` of `ids` (1-based), and its pager with pages under `dir`.
    fn paginate<'i>(&self, ids: &'i [usize], first: &SitePath, n: usize) -> (&'i [usize], Pager) {
        let per = self.config.page_size;
        let total = pages::page_count(ids.len(), per);
        let url = |k: usize| self.urls.link(&pages::paged_path(first, k));
        let mut links = Vec::new();
        let mut last_shown = 0;
        for k in 1..=total {
            if k == 1 || k == total || k.abs_diff(n) <= 2 {
                if last_shown + 1 < k {
                    links.push(PagerLink { number: 0, url: String::new(), current: false });
                }
                links.push(PagerLink { number: k, url: url(k), current: k == n });
                last_shown = k;
            }
        }
        let pager = Pager {
            current: n,
            total,
            prev_url: (n > 1).then(|| url(n - 1)),
            next_url: (n < total).then(|| url(n + 1)),
            links,
        };
        (pages::page_slice(ids, n, per), pager)
    }

    /// The article page of article `id`.
    pub fn article(&self, id: usize) -> ArticleView {
        let entry = &self.archive.entries[id];
        let meta = &entry.article.meta;
        let terms = Taxonomy::ALL
            .iter()
            .map(|&tax| LinkGroup {
                key: tax.key(),
                title: tax.title(),
                terms: entry.terms[tax]
                    .iter()
                    .map(|&t| Link {
                        name: self.archive.term(tax, t).name.clone(),
                        url: self.urls.link(&pages::term_path(self.archive, tax, t)),
                    })
                    .collect(),
            })
            .collect();
        ArticleView {
            card: self.card(id),
            permalink: self.urls.absolute(&pages::article_path(entry)),
            summary: meta.summary.clone(),
            source: meta.source.clone(),
            source_url: meta.source.clone().filter(|s| s.starts_with("https://") || s.starts_with("http://")),
            body: entry.article.body_html.clone(),
            terms,
            previous: (id + 1 < self.archive.entries.len()).then(|| self.article_link(id + 1)),
            next: id.checked_sub(1).map(|newer| self.article_link(newer)),
            related: self.cards(&self.archive.related[id]),
            extra: meta.extra.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }

    /// Page `n` of the home page.
    pub fn home(&self, n: usize) -> HomeView {
        let all = &self.all;
        let (ids, pager) = self.paginate(all, &pages::home_path(), n);
        // Counts change with every article; only the first page shows them,
        // so adding one article does not change every page of the list.
        let first = n == 1;
        let top_terms = if !first {
            Vec::new()
        } else {
            Taxonomy::ALL
                .iter()
                .map(|&tax| {
                    let index = self.archive.terms_of(tax);
                    let mut ids: Vec<TermId> = (0..index.terms.len()).collect();
                    ids.sort_by(|&a, &b| {
                        index.terms[b].articles.len().cmp(&index.terms[a].articles.len()).then(a.cmp(&b))
                    });
                    ids.truncate(HOME_TOP_TERMS);
                    TermGroup {
                        key: tax.key(),
                        title: tax.title(),
                        terms: ids.into_iter().map(|t| self.term_link(tax, t, index.terms[t].articles.len())).collect(),
                    }
                })
                .collect()
        };
        let years = if !first {
            Vec::new()
        } else {
            self.archive
                .calendar
                .years
                .iter()
                .rev()
                .map(|(y, months)| CountLink {
                    name: y.to_string(),
                    url: self.urls.link(&pages::year_path(*y)),
                    count: months.values().map(Vec::len).sum(),
                })
                .collect()
        };
        HomeView { articles: self.cards(ids), pager, article_count: all.len(), top_terms, years }
    }

    /// For a country, the articles that name it without being about it.
    fn also_named(&self, taxonomy: Taxonomy, id: TermId) -> &[usize] {
        match taxonomy {
            Taxonomy::Countries => self.archive.also_named.get(id).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// A taxonomy's list page.
    pub fn term_list(&self, taxonomy: Taxonomy, order: TermOrder) -> TermListView {
        let index = self.archive.terms_of(taxonomy);
        let mut ids: Vec<TermId> = (0..index.terms.len()).collect();
        match order {
            // By transliterated name, so "Élysée" files under E with "Egypt",
            // and all names without a letter together under `#`, first.
            // People as an index of names has them: by surname, shown as written.
            TermOrder::Name => ids.sort_by_cached_key(|&t| {
                let name = sort_name(taxonomy, &index.terms[t].name);
                (initial(&name), crate::slug::Slug::from_name(&name), index.terms[t].slug.clone())
            }),
            TermOrder::Count => {
                ids.sort_by(|&a, &b| index.terms[b].articles.len().cmp(&index.terms[a].articles.len()).then(a.cmp(&b)))
            }
        }
        let terms: Vec<CountLink> =
            ids.into_iter().map(|t| self.term_link(taxonomy, t, index.terms[t].articles.len())).collect();
        let mut groups: Vec<LetterGroup> = Vec::new();
        if order == TermOrder::Name {
            for t in &terms {
                let letter = initial(&sort_name(taxonomy, &t.name)).to_string();
                match groups.last_mut() {
                    Some(g) if g.letter == letter => g.terms.push(t.clone()),
                    _ => groups.push(LetterGroup { letter, terms: vec![t.clone()] }),
                }
            }
        }
        TermListView {
            taxonomy: self.taxonomy_link(taxonomy),
            order: match order {
                TermOrder::Name => "name",
                TermOrder::Count => "count",
            },
            by_name_url: self.urls.link(&pages::term_list_path(taxonomy, TermOrder::Name)),
            by_count_url: self.urls.link(&pages::term_list_path(taxonomy, TermOrder::Count)),
            terms,
            groups,
        }
    }

    /// Page `n` of a term's page.
    pub fn term(&self, taxonomy: Taxonomy, id: TermId, n: usize) -> TermView {
        let term = self.archive.term(taxonomy, id);
        let dir = pages::term_path(self.archive, taxonomy, id);
        let (ids, pager) = self.paginate(&term.articles, &dir, n);
        let date_of =
            |a: Option<&usize>| a.map(|&a| self.archive.entries[a].article.meta.date.to_string()).unwrap_or_default();
        let connections = self.archive.co_terms[taxonomy][id]
            .iter()
            .zip(Taxonomy::ALL)
            .map(|(list, tax)| ConnectionGroup {
                key: tax.key(),
                title: tax.title(),
                terms: list
                    .iter()
                    .map(|c| {
                        let other = self.archive.term(c.taxonomy, c.term);
                        Connection {
                            name: other.name.clone(),
                            url: self.urls.link(&pages::term_path(self.archive, c.taxonomy, c.term)),
                            count: c.shared,
                            search_url: self.search_link(&[(taxonomy, &term.name), (c.taxonomy, &other.name)]),
                        }
                    })
                    .collect(),
            })
            .collect();
        let summary = self.summaries[taxonomy][id].get_or_init(|| {
            let entries = &self.archive.entries;
            let timeline = timeline::month_counts(term.articles.iter().map(|&a| &entries[a].article.meta.date));
            let timeline_svg = timeline::svg(&timeline, &term.name);
            let datelines =
                top_counts(term.articles.iter().filter_map(|&a| entries[a].article.meta.dateline.as_deref()), 12);
            let roles = if taxonomy == Taxonomy::People {
                let roles = term
                    .articles
                    .iter()
                    .filter_map(|&a| entries[a].article.meta.roles.get(&term.name).map(String::as_str));
                top_counts(roles, 8)
            } else {
                Vec::new()
            };
            TermSummary { timeline, timeline_svg, datelines, roles }
        });
        let (timeline, timeline_svg) = (summary.timeline.clone(), summary.timeline_svg.clone());
        let (datelines, roles) = (summary.datelines.clone(), summary.roles.clone());
        let in_passing = match taxonomy {
            Taxonomy::People => self.archive.in_passing.get(id).map_or(0, Vec::len),
            _ => 0,
        };
        TermView {
            taxonomy: self.taxonomy_link(taxonomy),
            name: term.name.clone(),
            slug: term.slug.to_string(),
            url: self.urls.link(&dir),
            feed_url: self.urls.link(&pages::term_feed_path(self.archive, taxonomy, id)),
            count: term.articles.len(),
            first_date: date_of(term.articles.last()),
            last_date: date_of(term.articles.first()),
            variants: term.variants.clone(),
            articles: self.cards(ids),
            pager,
            also_named_count: self.also_named(taxonomy, id).len(),
            also_named: if n == 1 {
                self.cards(
                    &self.also_named(taxonomy, id)[..self.also_named(taxonomy, id).len().min(self.config.page_size)],
                )
            } else {
                Vec::new()
            },
            connections,
            timeline,
            timeline_svg,
            datelines,
            roles,
            in_passing_count: in_passing,
            about_count: term.articles.len() - in_passing,
        }
    }

    /// The search page filtered by these terms, or "" without search.
    fn search_link(&self, terms: &[(Taxonomy, &str)]) -> String {
        if !self.config.search_enabled() {
            return String::new();
        }
        let query: Vec<String> =
            terms.iter().map(|(tax, name)| format!("{}={}", tax.singular(), percent_encode(name))).collect();
        format!("{}?{}", self.urls.link(&pages::search_path()), query.join("&"))
    }

    /// A year's page.
    pub fn year(&self, year: i16) -> YearView {
        let years = &self.archive.calendar.years;
        let months = years.get(&year).cloned().unwrap_or_default();
        let link = |y: &i16| Link { name: y.to_string(), url: self.urls.link(&pages::year_path(*y)) };
        YearView {
            year,
            count: months.values().map(Vec::len).sum(),
            months: months
                .iter()
                .map(|(m, ids)| CountLink {
                    name: month_name(*m).to_string(),
                    url: self.urls.link(&pages::month_path(year, *m)),
                    count: ids.len(),
                })
                .collect(),
            previous: years.range(..year).next_back().map(|(y, _)| link(y)),
            next: years.range(year + 1..).next().map(|(y, _)| link(y)),
        }
    }

    /// Page `n` of a month's page.
    pub fn month(&self, year: i16, month: i8, n: usize) -> MonthView {
        let ids = self.archive.calendar.month(year, month);
        let (page_ids, pager) = self.paginate(ids, &pages::month_path(year, month), n);
        let all: Vec<(i16, i8)> =
            self.archive.calendar.years.iter().flat_map(|(y, ms)| ms.keys().map(move |m| (*y, *m))).collect();
        let at = all.iter().position(|&ym| ym == (year, month));
        let link = |&(y, m): &(i16, i8)| Link {
            name: format!("{} {y}", month_name(m)),
            url: self.urls.link(&pages::month_path(y, m)),
        };
        MonthView {
            year,
            month,
            name: format!("{} {year}", month_name(month)),
            year_url: self.urls.link(&pages::year_path(year)),
            count: ids.len(),
            articles: self.cards(page_ids),
            pager,
            previous: at.and_then(|i| i.checked_sub(1)).and_then(|i| all.get(i)).map(link),
            next: at.and_then(|i| all.get(i + 1)).map(link),
        }
    }

    /// The site feed.
    pub fn site_feed(&self) -> FeedView {
        let ids: Vec<usize> = (0..self.archive.entries.len().min(self.config.feed_size)).collect();
        self.feed(self.config.title.clone(), &pages::feed_path(), &pages::home_path(), &ids)
    }

    /// A term's feed.
    pub fn term_feed(&self, taxonomy: Taxonomy, id: TermId) -> FeedView {
        let term = self.archive.term(taxonomy, id);
        let ids = &term.articles[..term.articles.len().min(self.config.feed_size)];
        let (feed, page) =
            (pages::term_feed_path(self.archive, taxonomy, id), pages::term_path(self.archive, taxonomy, id));
        self.feed(format!("{} · {}", term.name, self.config.title), &feed, &page, ids)
    }

    fn feed(&self, title: String, feed_path: &SitePath, page_path: &SitePath, ids: &[usize]) -> FeedView {
        let entries: Vec<FeedEntry> = ids
            .iter()
            .map(|&id| {
                let entry = &self.archive.entries[id];
                let meta = &entry.article.meta;
                FeedEntry {
                    title: meta.title.clone(),
                    url: self.urls.absolute(&pages::article_path(entry)),
                    published: meta.date.rfc3339(),
                    authors: meta.authors.clone(),
                    summary: entry.article.excerpt.clone(),
                    categories: Taxonomy::ALL
                        .iter()
                        .flat_map(|&tax| entry.terms[tax].iter().map(move |&t| (tax, t)))
                        .map(|(tax, t)| self.archive.term(tax, t).name.clone())
                        .collect(),
                }
            })
            .collect();
        // The feed is as new as its newest entry, so unchanged content gives unchanged bytes.
        let updated = ids
            .first()
            .map(|&id| self.archive.entries[id].article.meta.date.rfc3339())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        FeedView {
            title,
            feed_url: self.urls.absolute(feed_path),
            page_url: self.urls.absolute(page_path),
            updated,
            entries,
        }
    }

    /// The search page.
    pub fn search(&self) -> SearchView {
        let mut filters: Vec<SearchFilter> = Taxonomy::ALL
            .iter()
            .map(|t| SearchFilter {
                key: t.singular(),
                title: match t {
                    Taxonomy::Topics => "Topic",
                    Taxonomy::Countries => "Country",
                    Taxonomy::People => "Person",
                },
            })
            .collect();
        filters.push(SearchFilter { key: "year", title: "Year" });
        // The newest shard is loaded first; the others are merged into it.
        let dirs: Vec<String> = pages::search_shards(self.archive).iter().map(|s| self.urls.link(&s.dir())).collect();
        let script_url = dirs.first().map(|d| format!("{d}pagefind.js")).unwrap_or_default();
        let facets_url = self.urls.link(&pages::search_facets_path());
        SearchView { script_url, merge: dirs.into_iter().skip(1).collect(), facets_url, filters }
    }

    /// The values of the search page's filters, each with its article count,
    /// most used first: loaded by the page when a filter is first used, so
    /// thousands of names cost nothing until then.
    pub fn search_facets(&self) -> SearchFacets {
        let values = |tax: Taxonomy| {
            let mut values: Vec<(String, usize)> =
                self.archive.terms_of(tax).terms.iter().map(|t| (t.name.clone(), t.articles.len())).collect();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            values
        };
        let years = self.archive.calendar.years.iter().rev();
        SearchFacets {
            topic: values(Taxonomy::Topics),
            country: values(Taxonomy::Countries),
            person: values(Taxonomy::People),
            year: years.map(|(y, ms)| (y.to_string(), ms.values().map(Vec::len).sum())).collect(),
        }
    }

    /// A sitemap file.
    pub fn sitemap(&self, part: SitemapPart) -> SitemapView {
        let paths = pages::sitemap_paths(self.archive);
        let url = |(path, day): &(SitePath, Option<jiff::civil::Date>)| SitemapUrl {
            loc: self.urls.absolute(path),
            lastmod: day.map(|d| d.to_string()),
        };
        match part {
            SitemapPart::Single => {
                SitemapView { is_index: false, urls: paths.iter().map(url).collect(), parts: vec![] }
            }
            SitemapPart::Index => SitemapView {
                is_index: true,
                urls: vec![],
                parts: (1..=paths.len().div_ceil(pages::SITEMAP_LIMIT))
                    .map(|n| self.urls.absolute(&pages::sitemap_path(SitemapPart::Part(n))))
                    .collect(),
            },
            SitemapPart::Part(n) => SitemapView {
                is_index: false,
                urls: paths.iter().skip((n - 1) * pages::SITEMAP_LIMIT).take(pages::SITEMAP_LIMIT).map(url).collect(),
                parts: vec![],
            },
        }
    }
}

#[cfg(test)]
mod sort_name_tests {
    use super::*;

    #[test]
    fn people_are_filed_by_surname() {
        assert_eq!(sort_name(Taxonomy::People, "Leon E. Panetta"), "Panetta Leon E.");
        assert_eq!(sort_name(Taxonomy::People, "Ludwig van Beethoven"), "van Beethoven Ludwig");
        assert_eq!(sort_name(Taxonomy::People, "Martin Luther King Jr."), "King Jr. Martin Luther");
        assert_eq!(sort_name(Taxonomy::People, "Madonna"), "Madonna");
        assert_eq!(sort_name(Taxonomy::People, "50 Cent"), "50 Cent");
        assert_eq!(sort_name(Taxonomy::Countries, "South Korea"), "South Korea");
    }
}
