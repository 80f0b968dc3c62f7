//! Archive → every page the site has, each with its address.
//!
//! Decides *which* pages exist (one per article, term, list page, month,
//! feed…) and where each lives, not how it looks (`render`) or how the bytes
//! reach the disk (`output`). The one owner of addresses: links, output
//! files and the URLs the preview serves are all made from a [`SitePath`],
//! built only from slugs, numbers and fixed names, so none can leave the
//! output folder.

use std::fmt;

use crate::archive::{Archive, Entry, Taxonomy, TermId};
use crate::config::Config;
use crate::content::date::month_dir;

/// URLs per sitemap file: the sitemaps.org limit.
pub const SITEMAP_LIMIT: usize = 50_000;

/// Folder of the search index inside the output.
pub const SEARCH_DIR: &str = "pagefind";

/// Most articles one shard of the search index holds. Re-indexing one
/// shard is what a one-article rebuild waits for (Pagefind adds a shard's
/// records one at a time), and Pagefind's memory per shard grows with its
/// size; a browser fetches a little of every shard per query, so they
/// should not be tiny either. 200 measured against 500: cold builds as
/// fast, a quarter less peak memory, the watch rebuild halved
/// (`bench/build.py`).
pub const SEARCH_SHARD_MAX: usize = 200;

/// Where a page lives below the site root: a folder served by its
/// `index.html` (`2012/10/mali/`, or `""` for the home page) or a file
/// (`atom.xml`). The one type every link, output file and served URL is
/// made from, so the three cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SitePath(String);

impl SitePath {
    /// A folder page; `dir` is empty or ends in `/`.
    fn folder(dir: String) -> SitePath {
        debug_assert!(dir.is_empty() || dir.ends_with('/'), "{dir}");
        SitePath(dir)
    }

    /// A file below the root (`atom.xml`, `pagefind/2012/pagefind.js`).
    fn file(name: String) -> SitePath {
        SitePath(name)
    }

    /// The page an output file serves: `2012/10/x/index.html` → `2012/10/x/`.
    pub fn of_output_file(file: &str) -> SitePath {
        SitePath(file.strip_suffix("index.html").unwrap_or(file).to_string())
    }

    /// The file written for it, relative to the output folder.
    pub fn output_file(&self) -> String {
        if self.is_folder() { format!("{}index.html", self.0) } else { self.0.clone() }
    }

    /// Whether it is a folder page.
    fn is_folder(&self) -> bool {
        self.0.is_empty() || self.0.ends_with('/')
    }

    /// A file inside this folder page (`countries/mali/` → `countries/mali/atom.xml`).
    fn join(&self, name: &str) -> SitePath {
        SitePath(format!("{}{name}", self.0))
    }

    /// The path as text, without a leading `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Turns [`SitePath`]s into links under the configured base URL.
#[derive(Debug, Clone)]
pub struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    /// From the configured base URL.
    pub fn new(config: &Config) -> Urls {
        Urls { base_path: config.base_path().to_string(), base_url: config.base_url.clone() }
    }

    /// A root-relative link (`/archive/2012/10/mali/`), which works under a subpath.
    pub fn link(&self, path: &SitePath) -> String {
        format!("{}{path}", self.base_path)
    }

    /// An absolute URL, for feeds, sitemaps and canonical links.
    pub fn absolute(&self, path: &SitePath) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The root-relative URL a server answers for an output file (`/2012/10/x/`),
    /// with the site at the root.
    pub fn served(file: &str) -> String {
        format!("/{}", SitePath::of_output_file(file))
    }
}

/// A part of the search index, built and kept on its own: the articles of
/// one year, cut into chunks of at most [`SEARCH_SHARD_MAX`] from its
/// oldest, so a new article changes the shard of its year (the last chunk,
/// when it is the newest) and no other.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchShard {
    /// `2012`, then `2012-2`, `2012-3` for the further chunks of a big year.
    pub name: String,
    /// Its articles, oldest first.
    pub ids: Vec<usize>,
}

impl SearchShard {
    /// Its folder in the output, `pagefind/2012/`.
    pub fn dir(&self) -> SitePath {
        SitePath::folder(format!("{SEARCH_DIR}/{}/", self.name))
    }
}

/// The shards of the search index, newest first (the first is the one a
/// search page loads first).
pub fn search_shards(archive: &Archive) -> Vec<SearchShard> {
    search_shards_of(archive, SEARCH_SHARD_MAX)
}

fn search_shards_of(archive: &Archive, max: usize) -> Vec<SearchShard> {
    let mut shards = Vec::new();
    for (year, months) in archive.calendar.years.iter().rev() {
        let oldest_first: Vec<usize> = months.values().flat_map(|ids| ids.iter().rev().copied()).collect();
        let chunks: Vec<&[usize]> = oldest_first.chunks(max.max(1)).collect();
        for (n, chunk) in chunks.iter().enumerate().rev() {
            let name = if n == 0 { format!("{year:04}") } else { format!("{year:04}-{}", n + 1) };
            shards.push(SearchShard { name, ids: chunk.to_vec() });
        }
    }
    shards
}

/// How a taxonomy's list page orders its terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermOrder {
    /// Alphabetical (`/countries/`).
    Name,
    /// Most articles first (`/countries/by-count/`).
    Count,
}

/// One sitemap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SitemapPart {
    /// The only sitemap (`sitemap.xml`), when every URL fits in one.
    Single,
    /// The index of parts (`sitemap.xml`) when they do not.
    Index,
    /// Part n, 1-based (`sitemap-1.xml`).
    Part(usize),
}

/// A page of the site, meaningful within one archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKey {
    /// The home page's n-th page (1-based) of latest articles.
    Home(usize),
    /// An article page.
    Article(usize),
    /// A taxonomy's list of terms.
    TermList(Taxonomy, TermOrder),
    /// A term's n-th page (1-based) of articles.
    Term(Taxonomy, TermId, usize),
    /// A term's Atom feed.
    TermFeed(Taxonomy, TermId),
    /// A year's page.
    Year(i16),
    /// A month's n-th page (1-based).
    Month(i16, i8, usize),
    /// The site's Atom feed.
    Feed,
    /// A sitemap file.
    Sitemap(SitemapPart),
    /// `robots.txt`.
    Robots,
    /// `404.html`.
    NotFound,
    /// The search page.
    Search,
    /// The values of the search page's filters, with counts (`search/facets.json`).
    SearchFacets,
}

/// The kind of a page, which decides its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// Home pages.
    Home,
    /// Article pages.
    Article,
    /// Taxonomy list pages.
    TermList,
    /// Term pages.
    Term,
    /// Atom feeds.
    Feed,
    /// Year pages.
    Year,
    /// Month pages.
    Month,
    /// Sitemaps.
    Sitemap,
    /// robots.txt.
    Robots,
    /// The 404 page.
    NotFound,
    /// The search page.
    Search,
    /// The search page's filter values.
    SearchFacets,
}

impl PageKind {
    /// Every kind of page.
    pub const ALL: [PageKind; 12] = [
        PageKind::Home,
        PageKind::Article,
        PageKind::TermList,
        PageKind::Term,
        PageKind::Feed,
        PageKind::Year,
        PageKind::Month,
        PageKind::Sitemap,
        PageKind::Robots,
        PageKind::NotFound,
        PageKind::Search,
        PageKind::SearchFacets,
    ];
}

impl PageKey {
    /// What kind of page this is.
    pub fn kind(&self) -> PageKind {
        match self {
            PageKey::Home(_) => PageKind::Home,
            PageKey::Article(_) => PageKind::Article,
            PageKey::TermList(..) => PageKind::TermList,
            PageKey::Term(..) => PageKind::Term,
            PageKey::TermFeed(..) | PageKey::Feed => PageKind::Feed,
            PageKey::Year(_) => PageKind::Year,
            PageKey::Month(..) => PageKind::Month,
            PageKey::Sitemap(_) => PageKind::Sitemap,
            PageKey::Robots => PageKind::Robots,
            PageKey::NotFound => PageKind::NotFound,
            PageKey::Search => PageKind::Search,
            PageKey::SearchFacets => PageKind::SearchFacets,
        }
    }
}

/// A page and the file it is written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Which page.
    pub key: PageKey,
    /// Output file, relative to the output folder (`2012/10/mali/index.html`).
    pub file: String,
}

impl Page {
    /// The page `key` at `path`.
    pub fn new(key: PageKey, path: SitePath) -> Page {
        Page { key, file: path.output_file() }
    }

    /// Where it lives below the site root (`2012/10/mali/`, `atom.xml`).
    pub fn path(&self) -> SitePath {
        SitePath::of_output_file(&self.file)
    }
}

/// How many pages `count` items need at `per_page` a page (at least one).
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// Page `n` (1-based) of `items` at `per_page` a page: what the page shows,
/// and what its fingerprint covers.
pub fn page_slice<T>(items: &[T], n: usize, per_page: usize) -> &[T] {
    let start = (n.saturating_sub(1) * per_page).min(items.len());
    &items[start..(start + per_page).min(items.len())]
}

/// Page `n` (1-based) of a list whose first page is `first`
/// (`countries/mali/` → `countries/mali/page/2/`).
pub fn paged_path(first: &SitePath, n: usize) -> SitePath {
    if n <= 1 { first.clone() } else { first.join(&format!("page/{n}/")) }
}

/// The home page.
pub fn home_path() -> SitePath {
    SitePath::folder(String::new())
}

/// An article's page: `2012/10/mali/`, its final slug in its month.
pub fn article_path(entry: &Entry) -> SitePath {
    let date = &entry.article.meta.date;
    SitePath::folder(format!("{}/{}/", month_dir(date.year(), date.month()), entry.slug))
}

/// A term's page folder: `countries/mali/`.
pub fn term_path(archive: &Archive, taxonomy: Taxonomy, term: TermId) -> SitePath {
    SitePath::folder(format!("{}/{}/", taxonomy.key(), archive.term(taxonomy, term).slug))
}

/// A term's Atom feed: `countries/mali/atom.xml`.
pub fn term_feed_path(archive: &Archive, taxonomy: Taxonomy, term: TermId) -> SitePath {
    term_path(archive, taxonomy, term).join("atom.xml")
}

/// A taxonomy list page.
pub fn term_list_path(taxonomy: Taxonomy, order: TermOrder) -> SitePath {
    SitePath::folder(match order {
        TermOrder::Name => format!("{}/", taxonomy.key()),
        TermOrder::Count => format!("{}/by-count/", taxonomy.key()),
    })
}

/// A year page: `2012/`.
pub fn year_path(year: i16) -> SitePath {
    SitePath::folder(format!("{year:04}/"))
}

/// A month page: `2012/10/`.
pub fn month_path(year: i16, month: i8) -> SitePath {
    SitePath::folder(format!("{}/", month_dir(year, month)))
}

/// The site's Atom feed.
pub fn feed_path() -> SitePath {
    SitePath::file("atom.xml".to_string())
}

/// A sitemap file.
pub fn sitemap_path(part: SitemapPart) -> SitePath {
    SitePath::file(match part {
        SitemapPart::Single | SitemapPart::Index => "sitemap.xml".to_string(),
        SitemapPart::Part(n) => format!("sitemap-{n}.xml"),
    })
}

/// The search page.
pub fn search_path() -> SitePath {
    SitePath::folder("search/".to_string())
}

/// The search page's filter values.
pub fn search_facets_path() -> SitePath {
    search_path().join("facets.json")
}

/// Every URL the sitemap lists, as paths below the site root, in a fixed
/// order, with the publication day of article pages.
pub fn sitemap_paths(archive: &Archive) -> Vec<(SitePath, Option<jiff::civil::Date>)> {
    let mut paths = vec![home_path()];
    paths.extend(archive.entries.iter().map(article_path));
    for tax in Taxonomy::ALL {
        paths.push(term_list_path(tax, TermOrder::Name));
        paths.extend((0..archive.terms_of(tax).terms.len()).map(|t| term_path(archive, tax, t)));
    }
    for (year, months) in &archive.calendar.years {
        paths.push(year_path(*year));
        paths.extend(months.keys().map(|m| month_path(*year, *m)));
    }
    let dates = std::iter::once(None).chain(archive.entries.iter().map(|e| Some(e.article.meta.date.date)));
    paths.into_iter().zip(dates.chain(std::iter::repeat(None))).collect()
}

/// How many URLs [`sitemap_paths`] lists, without building them.
pub fn sitemap_len(archive: &Archive) -> usize {
    1 + archive.entries.len()
        + Taxonomy::ALL.iter().map(|&t| 1 + archive.terms_of(t).terms.len()).sum::<usize>()
        + archive.calendar.years.values().map(|months| 1 + months.len()).sum::<usize>()
}

/// An article's page.
pub fn article_page(archive: &Archive, id: usize) -> Page {
    Page::new(PageKey::Article(id), article_path(&archive.entries[id]))
}

/// Every page of the site, in a fixed order.
pub fn site_pages(archive: &Archive, per_page: usize, search: bool) -> Vec<Page> {
    let mut pages = Vec::new();
    for n in 1..=page_count(archive.entries.len(), per_page) {
        pages.push(Page::new(PageKey::Home(n), paged_path(&home_path(), n)));
    }
    pages.extend((0..archive.entries.len()).map(|id| article_page(archive, id)));
    let mut add = |key: PageKey, path: SitePath| pages.push(Page::new(key, path));
    for tax in Taxonomy::ALL {
        for order in [TermOrder::Name, TermOrder::Count] {
            add(PageKey::TermList(tax, order), term_list_path(tax, order));
        }
        for (id, term) in archive.terms_of(tax).terms.iter().enumerate() {
            let first = term_path(archive, tax, id);
            for n in 1..=page_count(term.articles.len(), per_page) {
                add(PageKey::Term(tax, id, n), paged_path(&first, n));
            }
            add(PageKey::TermFeed(tax, id), term_feed_path(archive, tax, id));
        }
    }
    for (year, months) in &archive.calendar.years {
        add(PageKey::Year(*year), year_path(*year));
        for (month, ids) in months {
            let first = month_path(*year, *month);
            for n in 1..=page_count(ids.len(), per_page) {
                add(PageKey::Month(*year, *month, n), paged_path(&first, n));
            }
        }
    }
    add(PageKey::Feed, feed_path());
    let urls = sitemap_len(archive);
    if urls <= SITEMAP_LIMIT {
        add(PageKey::Sitemap(SitemapPart::Single), sitemap_path(SitemapPart::Single));
    } else {
        add(PageKey::Sitemap(SitemapPart::Index), sitemap_path(SitemapPart::Index));
        for n in 1..=urls.div_ceil(SITEMAP_LIMIT) {
            add(PageKey::Sitemap(SitemapPart::Part(n)), sitemap_path(SitemapPart::Part(n)));
        }
    }
    add(PageKey::Robots, SitePath::file("robots.txt".to_string()));
    add(PageKey::NotFound, SitePath::file("404.html".to_string()));
    if search {
        add(PageKey::Search, search_path());
        add(PageKey::SearchFacets, search_facets_path());
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_shards_are_years_cut_from_their_oldest() {
        let calendar =
            crate::archive::Calendar::build([(0, 2013, 1), (1, 2012, 12), (2, 2012, 3), (3, 2012, 3), (4, 2012, 1)]);
        let archive = Archive { calendar, ..Archive::build(Vec::new(), 0) };
        let shards = search_shards_of(&archive, 2);
        let got: Vec<(&str, &[usize])> = shards.iter().map(|s| (s.name.as_str(), s.ids.as_slice())).collect();
        assert_eq!(got, [("2013", &[0][..]), ("2012-2", &[2, 1][..]), ("2012", &[4, 3][..])]);
        assert_eq!(shards[1].dir().as_str(), "pagefind/2012-2/");
    }

    #[test]
    fn pagination_paths() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        let mali = SitePath::folder("countries/mali/".to_string());
        assert_eq!(paged_path(&mali, 1), mali);
        assert_eq!(paged_path(&mali, 2).as_str(), "countries/mali/page/2/");
        assert_eq!(paged_path(&home_path(), 3).output_file(), "page/3/index.html");
    }

    #[test]
    fn output_files_and_served_urls_come_from_one_path() {
        assert_eq!(home_path().output_file(), "index.html");
        assert_eq!(feed_path().output_file(), "atom.xml");
        assert_eq!(search_facets_path().as_str(), "search/facets.json");
        assert_eq!(SitePath::of_output_file("2012/10/x/index.html").as_str(), "2012/10/x/");
        assert_eq!(Urls::served("index.html"), "/");
        assert_eq!(Urls::served("2012/10/x/index.html"), "/2012/10/x/");
        assert_eq!(Urls::served("atom.xml"), "/atom.xml");
        assert_eq!(month_path(2012, 3).as_str(), "2012/03/");
    }
}
