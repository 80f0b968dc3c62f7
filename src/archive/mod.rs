//! Articles → [`Archive`]: the whole archive as one immutable value, with
//! final URLs, terms, calendar buckets and relations.
//!
//! Pure: no files, no clock. Rebuilt from scratch whenever the archive's shape
//! changes (sorting and grouping 10,000 articles takes milliseconds); the one
//! patch, [`Archive::replace_contents`], only swaps an article whose path,
//! date and names stay the same, and a test checks it against clean builds.

pub mod calendar;
pub mod relations;
pub mod taxonomy;

use std::collections::HashSet;
use std::sync::Arc;

use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::slug::Slug;
pub use calendar::Calendar;
pub use relations::CoTerm;
pub use taxonomy::{PerTaxonomy, Taxonomy, Term, TermId, TermIndex};

/// How many co-occurring terms of each taxonomy a term page lists.
pub const CO_TERMS: usize = 10;

/// Article slugs that would shadow a page of the month folder (`/2012/10/page/2/`).
const RESERVED_ARTICLE_SLUGS: &[&str] = &["page"];

/// An article placed in the archive.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The parsed article.
    pub article: Arc<Article>,
    /// Its final slug in its month: the asked one, or with a suffix after a
    /// clash (`pages::article_path` makes its address of it).
    pub slug: Slug,
    /// Its terms, per taxonomy (indexes into [`Archive::terms`]).
    pub terms: PerTaxonomy<Vec<TermId>>,
}

/// The archive: articles newest first, terms, calendar and relations.
#[derive(Debug, Clone, PartialEq)]
pub struct Archive {
    /// Published articles, newest first; an article's id is its index here.
    pub entries: Vec<Entry>,
    /// Terms of each taxonomy, indexed by [`Taxonomy::index`].
    pub terms: PerTaxonomy<TermIndex>,
    /// Year and month buckets.
    pub calendar: Calendar,
    /// Related articles of each article.
    pub related: Vec<Vec<usize>>,
    /// Co-occurring terms of each term, per taxonomy.
    pub co_terms: PerTaxonomy<Vec<PerTaxonomy<Vec<CoTerm>>>>,
    /// For each country term, the articles (newest first) that name the
    /// country but are not about it (their `countries_named`).
    pub also_named: Vec<Vec<usize>>,
    /// For each person term, the articles (newest first) that name the person
    /// only in passing (not in their `people_about`).
    pub in_passing: Vec<Vec<usize>>,
    /// Problems worth a warning (slug clashes).
    pub warnings: Vec<Diagnostic>,
}

impl Archive {
    /// Puts a new version of an article in place when nothing the archive's
    /// structure depends on changed (its path, slug, date, draft flag and
    /// names): the result is the value `build` would return for the new set,
    /// without rebuilding. Returns `false` (changing nothing) when the
    /// structure is affected, so the caller must build.
    pub fn replace_contents(&mut self, article: Arc<Article>) -> bool {
        let Some(entry) = self.entries.iter_mut().find(|e| e.article.path == article.path) else { return false };
        let old = &entry.article;
        let same_shape = old.slug == article.slug
            && old.meta.date == article.meta.date
            && old.meta.draft == article.meta.draft
            && old.meta.countries_named == article.meta.countries_named
            && old.meta.people_about == article.meta.people_about
            && Taxonomy::ALL.iter().all(|t| t.names(&old.meta) == t.names(&article.meta));
        if same_shape {
            entry.article = article;
        }
        same_shape
    }

    /// Places articles (drafts already removed) into an archive.
    pub fn build(mut articles: Vec<Arc<Article>>, related_limit: usize) -> Archive {
        // Paths compare as text: component-wise Path comparison is slow, and the order only needs to be fixed.
        articles
            .sort_by_cached_key(|a| (std::cmp::Reverse(a.meta.date.sort_key()), a.path.to_string_lossy().into_owned()));
        let mut warnings = Vec::new();
        let slugs = assign_slugs(&articles, &mut warnings);

        let mut terms: PerTaxonomy<TermIndex> = Default::default();
        let mut terms_of: Vec<PerTaxonomy<Vec<TermId>>> = vec![Default::default(); articles.len()];
        for tax in Taxonomy::ALL {
            let names: Vec<&[String]> = articles.iter().map(|a| tax.names(&a.meta)).collect();
            let (index, per_article, clashes) = TermIndex::build_joining(&names, tax == Taxonomy::People);
            for clash in clashes {
                warnings.push(
                    Diagnostic::warning(
                        &articles[clash.article].path,
                        format!(
                            "{} “{}” and “{}” make the same slug; “{}” gets /{}/{}/",
                            tax.key(),
                            clash.kept,
                            clash.renamed,
                            clash.renamed,
                            tax.key(),
                            clash.slug
                        ),
                    )
                    .help("if they are the same, spell them the same (or merge them in people.yaml)"),
                );
            }
            for (id, ids) in per_article.into_iter().enumerate() {
                terms_of[id][tax] = ids;
            }
            terms[tax] = index;
        }

        let calendar =
            Calendar::build(articles.iter().enumerate().map(|(id, a)| (id, a.meta.date.year(), a.meta.date.month())));
        let related = relations::related_articles(&terms_of, &terms, related_limit);
        let co_terms = PerTaxonomy::from_fn(|tax| relations::co_occurring(tax, &terms_of, &terms, CO_TERMS));
        let also_named = also_named(&articles, &terms_of, terms_of_countries(&terms));
        let in_passing = in_passing(&articles, &terms_of, &terms[Taxonomy::People]);
        let entries = articles
            .into_iter()
            .zip(slugs)
            .zip(terms_of)
            .map(|((article, slug), terms)| Entry { article, slug, terms })
            .collect();
        Archive { entries, terms, calendar, related, co_terms, also_named, in_passing, warnings }
    }

    /// The terms of one taxonomy.
    pub fn terms_of(&self, taxonomy: Taxonomy) -> &TermIndex {
        &self.terms[taxonomy]
    }

    /// A term by taxonomy and id.
    pub fn term(&self, taxonomy: Taxonomy, id: TermId) -> &Term {
        &self.terms[taxonomy].terms[id]
    }
}

fn terms_of_countries(terms: &PerTaxonomy<TermIndex>) -> &TermIndex {
    &terms[Taxonomy::Countries]
}

/// Each term's id by its name and variants, folded to lower case.
fn ids_by_name(index: &TermIndex) -> std::collections::HashMap<String, TermId> {
    let mut by_name = std::collections::HashMap::new();
    for (id, term) in index.terms.iter().enumerate() {
        for name in std::iter::once(&term.name).chain(&term.variants) {
            by_name.insert(name.to_lowercase(), id);
        }
    }
    by_name
}

/// The articles that name each person only in passing.
fn in_passing(articles: &[Arc<Article>], terms_of: &[PerTaxonomy<Vec<TermId>>], people: &TermIndex) -> Vec<Vec<usize>> {
    let by_name = ids_by_name(people);
    let mut passing = vec![Vec::new(); people.terms.len()];
    for (article, (a, terms)) in articles.iter().zip(terms_of).enumerate() {
        let Some(about) = &a.meta.people_about else { continue };
        let about: HashSet<TermId> = about.iter().filter_map(|n| by_name.get(&n.to_lowercase()).copied()).collect();
        for &t in &terms[Taxonomy::People] {
            if !about.contains(&t) {
                passing[t].push(article);
            }
        }
    }
    passing
}

/// The articles that name each country without being about it.
fn also_named(
    articles: &[Arc<Article>],
    terms_of: &[PerTaxonomy<Vec<TermId>>],
    countries: &TermIndex,
) -> Vec<Vec<usize>> {
    let by_name = ids_by_name(countries);
    let mut named = vec![Vec::new(); countries.terms.len()];
    for (article, (a, terms)) in articles.iter().zip(terms_of).enumerate() {
        for name in &a.meta.countries_named {
            if let Some(&t) = by_name.get(&name.to_lowercase())
                && !terms[Taxonomy::Countries].contains(&t)
                && named[t].last() != Some(&article)
            {
                named[t].push(article);
            }
        }
    }
    named
}

/// Gives each article a slug unique within its month; on a clash the article
/// later in path order gets a suffix, so adding an article never renames an
/// older one whose path sorts first.
fn assign_slugs(articles: &[Arc<Article>], warnings: &mut Vec<Diagnostic>) -> Vec<Slug> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_cached_key(|&a| articles[a].path.to_string_lossy().into_owned());
    let mut taken: HashSet<(i16, i8, Slug)> = HashSet::new();
    let mut slugs = vec![None; articles.len()];
    for id in order {
        let article = &articles[id];
        let (year, month) = (article.meta.date.year(), article.meta.date.month());
        let base = article.slug.clone();
        let (slug, n) = base
            .first_free(|s| RESERVED_ARTICLE_SLUGS.contains(&s.as_str()) || taken.contains(&(year, month, s.clone())));
        if n > 1 && !RESERVED_ARTICLE_SLUGS.contains(&base.as_str()) {
            warnings.push(
                Diagnostic::warning(&article.path, format!("another article of {year:04}-{month:02} already has the slug “{base}”; this one is published as “{slug}”"))
                    .help("give one of them its own `slug:` in the front matter"),
            );
        }
        taken.insert((year, month, slug.clone()));
        slugs[id] = Some(slug);
    }
    slugs.into_iter().map(|s| s.unwrap_or_else(|| Slug::from_name(""))).collect()
}
