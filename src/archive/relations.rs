//! What connects articles and terms: related articles and co-occurring terms.
//!
//! Both are counts of shared terms. A term carried by a large share of the
//! archive says little about relatedness, so for such a term only the
//! articles nearest in time are compared: the work stays linear, and an edit
//! only reaches the articles around it.

use crate::archive::taxonomy::{PerTaxonomy, Taxonomy, TermId, TermIndex};

/// A term with more articles than this is "common": only the
/// [`COMMON_NEIGHBOURS`] articles on each side of an article in its list
/// count as sharing it.
pub const COMMON_TERM: usize = 128;

/// Neighbours on each side compared through a common term.
pub const COMMON_NEIGHBOURS: usize = 10;

/// The part of a posting list (ascending ids) that `a` is compared with.
fn candidates(posting: &[usize], a: usize) -> &[usize] {
    if posting.len() <= COMMON_TERM {
        return posting;
    }
    let at = posting.partition_point(|&b| b < a);
    let start = at.saturating_sub(COMMON_NEIGHBOURS);
    let end = (at + COMMON_NEIGHBOURS + 1).min(posting.len());
    &posting[start..end]
}

/// The up-to-`limit` articles sharing the most terms with each article.
/// Ties go to the article closest in the archive's order, then the newer.
pub fn related_articles(
    terms_of: &[PerTaxonomy<Vec<TermId>>],
    indexes: &PerTaxonomy<TermIndex>,
    limit: usize,
) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let n = terms_of.len();
    (0..n)
        .into_par_iter()
        // Each split allocates a dense score table of n counters; keep splits coarse.
        .with_min_len(256)
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(score, touched), a| {
                for tax in Taxonomy::ALL {
                    for &t in &terms_of[a][tax] {
                        for &b in candidates(&indexes[tax].terms[t].articles, a) {
                            if b != a {
                                if score[b] == 0 {
                                    touched.push(b);
                                }
                                score[b] += 1;
                            }
                        }
                    }
                }
                // Keep the best `limit` in one pass: (shared, distance, id).
                let mut best: Vec<(u32, usize, usize)> = Vec::with_capacity(limit + 1);
                let better = |x: &(u32, usize, usize), y: &(u32, usize, usize)| (y.0, x.1, x.2) < (x.0, y.1, y.2);
                for &b in touched.iter() {
                    let candidate = (score[b], a.abs_diff(b), b);
                    score[b] = 0;
                    if best.len() == limit && best.last().is_none_or(|worst| !better(&candidate, worst)) {
                        continue;
                    }
                    let at = best.iter().position(|x| better(&candidate, x)).unwrap_or(best.len());
                    best.insert(at, candidate);
                    best.truncate(limit);
                }
                touched.clear();
                best.into_iter().map(|(_, _, b)| b).collect()
            },
        )
        .collect()
}

/// A term of another (or the same) taxonomy and how many articles it shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoTerm {
    /// Its taxonomy.
    pub taxonomy: Taxonomy,
    /// Its id there.
    pub term: TermId,
    /// Articles carrying both.
    pub shared: usize,
}

/// For every term of `of`, the terms of each taxonomy that appear most often
/// with it (at most `limit` per taxonomy), most shared first, then by name.
pub fn co_occurring(
    of: Taxonomy,
    terms_of: &[PerTaxonomy<Vec<TermId>>],
    indexes: &PerTaxonomy<TermIndex>,
    limit: usize,
) -> Vec<PerTaxonomy<Vec<CoTerm>>> {
    use rayon::prelude::*;
    let sizes = indexes.map(|index| index.terms.len());
    indexes[of]
        .terms
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .map_init(
            || sizes.map(|&n| (vec![0u32; n], Vec::<TermId>::new())),
            |scratch, (id, term)| {
                for &a in &term.articles {
                    for tax in Taxonomy::ALL {
                        let (counts, touched) = &mut scratch[tax];
                        for &t in &terms_of[a][tax] {
                            if !(tax == of && t == id) {
                                if counts[t] == 0 {
                                    touched.push(t);
                                }
                                counts[t] += 1;
                            }
                        }
                    }
                }
                let mut out: PerTaxonomy<Vec<CoTerm>> = Default::default();
                for tax in Taxonomy::ALL {
                    let (counts, touched) = &mut scratch[tax];
                    let names = &indexes[tax].terms;
                    let mut list: Vec<CoTerm> = touched
                        .iter()
                        .map(|&t| CoTerm { taxonomy: tax, term: t, shared: counts[t] as usize })
                        .collect();
                    for &t in touched.iter() {
                        counts[t] = 0;
                    }
                    touched.clear();
                    let order = |x: &CoTerm, y: &CoTerm| {
                        y.shared.cmp(&x.shared).then_with(|| names[x.term].name.cmp(&names[y.term].name))
                    };
                    if list.len() > limit && limit > 0 {
                        list.select_nth_unstable_by(limit - 1, order);
                    }
                    list.truncate(limit);
                    list.sort_unstable_by(order);
                    list.shrink_to_fit();
                    out[tax] = list;
                }
                out
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_terms_compare_only_neighbours() {
        let posting: Vec<usize> = (0..1000).collect();
        let c = candidates(&posting, 500);
        assert_eq!(c.len(), 2 * COMMON_NEIGHBOURS + 1);
        assert!(c.contains(&500));
        assert_eq!(candidates(&posting, 0)[0], 0);
        assert_eq!(*candidates(&posting, 999).last().unwrap(), 999);
        let small: Vec<usize> = (0..COMMON_TERM).collect();
        assert_eq!(candidates(&small, 3).len(), COMMON_TERM);
    }
}
