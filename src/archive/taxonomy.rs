//! Taxonomies (topics, countries, people) and their terms: which names exist,
//! their slugs, and the articles that carry each.

use std::collections::HashMap;

use serde::Serialize;

use crate::content::ArticleMeta;
use crate::slug::Slug;

/// One of the three ways articles are classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Taxonomy {
    /// What the story is about (`terrorism`).
    Topics,
    /// Countries it concerns (`Mali`).
    Countries,
    /// People named in it (`Leon E. Panetta`).
    People,
}

impl Taxonomy {
    /// All taxonomies, in display order.
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Topics, Taxonomy::Countries, Taxonomy::People];

    /// The URL segment and front-matter field: `countries`.
    pub fn key(self) -> &'static str {
        match self {
            Taxonomy::Topics => "topics",
            Taxonomy::Countries => "countries",
            Taxonomy::People => "people",
        }
    }

    /// A heading: `Countries`.
    pub fn title(self) -> &'static str {
        match self {
            Taxonomy::Topics => "Topics",
            Taxonomy::Countries => "Countries",
            Taxonomy::People => "People",
        }
    }

    /// One of them: `country`.
    pub fn singular(self) -> &'static str {
        match self {
            Taxonomy::Topics => "topic",
            Taxonomy::Countries => "country",
            Taxonomy::People => "person",
        }
    }

    /// The names an article's front matter gives for this taxonomy.
    pub fn names(self, meta: &ArticleMeta) -> &[String] {
        match self {
            Taxonomy::Topics => &meta.topics,
            Taxonomy::Countries => &meta.countries,
            Taxonomy::People => &meta.people,
        }
    }
}

/// One value per taxonomy, looked up by [`Taxonomy`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PerTaxonomy<T>([T; 3]);

impl<T> PerTaxonomy<T> {
    /// The value `f` gives each taxonomy.
    pub fn from_fn(f: impl FnMut(Taxonomy) -> T) -> PerTaxonomy<T> {
        PerTaxonomy(Taxonomy::ALL.map(f))
    }

    /// Each value turned by `f`.
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> PerTaxonomy<U> {
        PerTaxonomy::from_fn(|tax| f(&self[tax]))
    }

    /// The values, in the order of [`Taxonomy::ALL`].
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<'a, T> IntoIterator for &'a PerTaxonomy<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> std::ops::Index<Taxonomy> for PerTaxonomy<T> {
    type Output = T;
    fn index(&self, taxonomy: Taxonomy) -> &T {
        &self.0[taxonomy as usize]
    }
}

impl<T> std::ops::IndexMut<Taxonomy> for PerTaxonomy<T> {
    fn index_mut(&mut self, taxonomy: Taxonomy) -> &mut T {
        &mut self.0[taxonomy as usize]
    }
}

/// Index of a term within its taxonomy.
pub type TermId = usize;

/// A term and the articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Display name (the most used spelling).
    pub name: String,
    /// URL slug, unique within the taxonomy.
    pub slug: Slug,
    /// Articles, newest first (ascending ids).
    pub articles: Vec<usize>,
    /// Other spellings merged into this term (differing only in case).
    pub variants: Vec<String>,
}

/// All terms of one taxonomy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermIndex {
    /// Terms, ordered by name key (case-insensitive), which is also the order
    /// slug suffixes were handed out in.
    pub terms: Vec<Term>,
    by_slug: HashMap<Slug, TermId>,
}

/// Two names that slugged alike and were given distinct slugs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlugClash {
    /// The name that kept the plain slug.
    pub kept: String,
    /// The name that got a suffix.
    pub renamed: String,
    /// The suffixed slug.
    pub slug: Slug,
    /// An article carrying the renamed name, to point the warning at.
    pub article: usize,
}

impl TermIndex {
    /// Builds the index from each article's names (article ids are the
    /// positions in `names_per_article`, newest first). Also returns each
    /// article's term ids and the slug clashes met.
    pub fn build(names_per_article: &[&[String]]) -> (TermIndex, Vec<Vec<TermId>>, Vec<SlugClash>) {
        TermIndex::build_joining(names_per_article, false)
    }

    /// [`TermIndex::build`]; with `join_surnames` (people), a name of one
    /// word joins the one longer name it ends (`Trump` → `Donald Trump`), so
    /// one person has one page; a surname two names end stays its own.
    pub fn build_joining(
        names_per_article: &[&[String]],
        join_surnames: bool,
    ) -> (TermIndex, Vec<Vec<TermId>>, Vec<SlugClash>) {
        // Names repeat (a few countries are in most articles): normalize each
        // distinct spelling once, then group spellings case-insensitively.
        let mut spelling_ids: HashMap<&str, usize> = HashMap::new();
        let mut spellings: Vec<&str> = Vec::new();
        let mut uses_of_spelling: Vec<Vec<usize>> = Vec::new();
        let mut spelling_of_article: Vec<Vec<usize>> = Vec::with_capacity(names_per_article.len());
        for (id, names) in names_per_article.iter().enumerate() {
            let mut mine = Vec::with_capacity(names.len());
            for name in names.iter() {
                let s = *spelling_ids.entry(name.as_str()).or_insert_with(|| {
                    spellings.push(name.as_str());
                    uses_of_spelling.push(Vec::new());
                    spellings.len() - 1
                });
                uses_of_spelling[s].push(id);
                mine.push(s);
            }
            spelling_of_article.push(mine);
        }
        let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
        for (s, spelling) in spellings.iter().enumerate() {
            groups.entry(name_key(spelling)).or_default().push(s);
        }
        if join_surnames {
            join_lone_surnames(&mut groups);
        }
        let mut keys: Vec<&String> = groups.keys().collect();
        keys.sort();
        let mut index = TermIndex::default();
        let mut clashes = Vec::new();
        let mut term_of_spelling = vec![0; spellings.len()];
        for key in keys {
            let members = &groups[key];
            // A joined surname never names the group: the full name does.
            let full: Vec<usize> = members.iter().copied().filter(|&s| spellings[s].contains(' ')).collect();
            let naming = if full.is_empty() { members.clone() } else { full };
            let name = most_used_spelling(naming.iter().map(|&s| (spellings[s], uses_of_spelling[s].len())));
            let mut variants: Vec<String> =
                members.iter().map(|&s| spellings[s].to_string()).filter(|n| *n != name).collect();
            variants.sort();
            let base = Slug::from_name(&name);
            let (slug, n) =
                base.first_free(|s| RESERVED_TERM_SLUGS.contains(&s.as_str()) || index.by_slug.contains_key(s));
            let mut articles: Vec<usize> = members.iter().flat_map(|&s| uses_of_spelling[s].iter().copied()).collect();
            articles.sort_unstable();
            articles.dedup();
            if n > 1 && !RESERVED_TERM_SLUGS.contains(&base.as_str()) {
                let kept = index.terms[index.by_slug[&base]].name.clone();
                clashes.push(SlugClash { kept, renamed: name.clone(), slug: slug.clone(), article: articles[0] });
            }
            let id = index.terms.len();
            index.by_slug.insert(slug.clone(), id);
            for &s in members {
                term_of_spelling[s] = id;
            }
            index.terms.push(Term { name, slug, articles, variants });
        }
        let per_article = spelling_of_article
            .into_iter()
            .map(|mine| {
                // Two spellings of one term in one article count once; the
                // article keeps its own order of terms.
                let mut ids: Vec<TermId> = Vec::with_capacity(mine.len());
                for id in mine.into_iter().map(|s| term_of_spelling[s]) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                ids
            })
            .collect();
        (index, per_article, clashes)
    }

    /// The term with this slug.
    pub fn by_slug(&self, slug: &Slug) -> Option<TermId> {
        self.by_slug.get(slug).copied()
    }
}

/// Term slugs that would shadow a list page of the taxonomy's folder (`/countries/by-count/`).
const RESERVED_TERM_SLUGS: &[&str] = &["by-count"];

/// Moves each one-word group into the one multi-word group whose last word it is.
fn join_lone_surnames(groups: &mut HashMap<String, Vec<usize>>) {
    let mut by_last: HashMap<String, Vec<String>> = HashMap::new();
    for key in groups.keys().filter(|k| k.contains(' ')) {
        if let Some(last) = key.rsplit(' ').next() {
            by_last.entry(last.to_string()).or_default().push(key.clone());
        }
    }
    let lone: Vec<String> = groups.keys().filter(|k| !k.contains(' ')).cloned().collect();
    for key in lone {
        if let Some([full]) = by_last.get(&key).map(Vec::as_slice)
            && let Some(members) = groups.remove(&key)
        {
            groups.entry(full.clone()).or_default().extend(members);
        }
    }
}

/// Names that differ only in case or spacing are the same term.
fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The spelling used by the most articles; ties go to the alphabetically first.
fn most_used_spelling<'a>(uses: impl Iterator<Item = (&'a str, usize)>) -> String {
    let mut best: Option<(&str, usize)> = None;
    for (name, count) in uses {
        if best.is_none_or(|(b, c)| count > c || (count == c && name < b)) {
            best = Some((name, count));
        }
    }
    best.map(|(n, _)| n.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&[&str]]) -> Vec<Vec<String>> {
        list.iter().map(|l| l.iter().map(|s| s.to_string()).collect()).collect()
    }

    #[test]
    fn a_lone_surname_joins_the_one_full_name_it_ends() {
        let owned = names(&[&["Trump"], &["Donald Trump"], &["Trump", "Smith"], &["Jim Smith"], &["Ann Smith"]]);
        let refs: Vec<&[String]> = owned.iter().map(|v| v.as_slice()).collect();
        let (index, per_article, _) = TermIndex::build_joining(&refs, true);
        let trump = index.terms.iter().position(|t| t.name == "Donald Trump").unwrap();
        assert_eq!(index.terms[trump].articles, [0, 1, 2]);
        assert_eq!(index.terms[trump].variants, ["Trump"]);
        assert!(per_article[0].contains(&trump));
        assert!(index.terms.iter().any(|t| t.name == "Smith"), "two Smiths: the surname alone is neither");
        let (plain, _, _) = TermIndex::build_joining(&refs, false);
        assert!(plain.terms.iter().any(|t| t.name == "Trump"), "only people join");
    }

    #[test]
    fn case_variants_merge_and_the_common_spelling_wins() {
        let owned = names(&[&["Mali"], &["MALI", "Niger"], &["Mali"]]);
        let refs: Vec<&[String]> = owned.iter().map(|v| v.as_slice()).collect();
        let (index, per_article, clashes) = TermIndex::build(&refs);
        assert_eq!(index.terms.len(), 2);
        let mali = &index.terms[index.by_slug(&Slug::from_name("mali")).unwrap()];
        assert_eq!(mali.name, "Mali");
        assert_eq!(mali.articles, [0, 1, 2]);
        assert_eq!(mali.variants, ["MALI"]);
        assert_eq!(per_article[1].len(), 2);
        assert!(clashes.is_empty());
    }

    #[test]
    fn a_term_named_like_a_list_page_gets_another_slug() {
        let owned = names(&[&["By Count"]]);
        let refs: Vec<&[String]> = owned.iter().map(|v| v.as_slice()).collect();
        let (index, _, clashes) = TermIndex::build(&refs);
        assert_eq!(index.terms[0].slug.as_str(), "by-count-2");
        assert!(clashes.is_empty(), "nothing to warn about: no other term has the slug");
    }

    #[test]
    fn two_spellings_in_one_article_count_once() {
        let owned = names(&[&["Côte d'Ivoire", "Mali", "CÔTE D'IVOIRE"]]);
        let refs: Vec<&[String]> = owned.iter().map(|v| v.as_slice()).collect();
        let (index, per_article, _) = TermIndex::build(&refs);
        assert_eq!(index.terms.len(), 2);
        let ivory = index.by_slug(&Slug::from_name("Côte d'Ivoire")).unwrap();
        let mali = index.by_slug(&Slug::from_name("Mali")).unwrap();
        assert_eq!(per_article[0], [ivory, mali], "once each, in the article's order");
    }

    #[test]
    fn different_names_with_one_slug_get_two_terms() {
        let owned = names(&[&["Lee Jae-myung"], &["Lee Jae Myung"]]);
        let refs: Vec<&[String]> = owned.iter().map(|v| v.as_slice()).collect();
        let (index, _, clashes) = TermIndex::build(&refs);
        let slugs: Vec<_> = index.terms.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["lee-jae-myung", "lee-jae-myung-2"]);
        assert_eq!(clashes.len(), 1);
        assert_eq!(clashes[0].renamed, "Lee Jae-myung");
    }
}
