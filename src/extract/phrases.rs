//! Whole-word phrase matching over a text with one Aho-Corasick automaton:
//! all patterns in one pass, however many there are.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Whether matching ignores ASCII case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `U.S.` must be written `U.S.`; `us` is a pronoun.
    Sensitive,
    /// `Interest Rates` and `interest rates` are the same phrase.
    Insensitive,
}

/// A phrase found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'v, V> {
    /// Byte offset of the match.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// What the phrase stands for.
    pub value: &'v V,
}

/// A set of phrases, each standing for a value.
pub struct PhraseSet<V> {
    automaton: AhoCorasick,
    values: Vec<V>,
}

impl<V> PhraseSet<V> {
    /// Builds the automaton. Where phrases overlap the longest wins
    /// (`Papua New Guinea` over `Guinea`, `Nigeria` over `Niger`).
    pub fn new(entries: Vec<(String, V)>, case: Case) -> PhraseSet<V> {
        let (phrases, values): (Vec<String>, Vec<V>) = entries.into_iter().unzip();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(case == Case::Insensitive)
            .build(&phrases)
            .expect("phrase sets are small enough for the automaton");
        PhraseSet { automaton, values }
    }

    /// Whole-word matches in `text`: a match may not touch a letter or digit
    /// on either side (`Niger` is not found in `Nigerian`, `America` not in `Americana`).
    pub fn find<'s>(&'s self, text: &'s str) -> impl Iterator<Item = Hit<'s, V>> + 's {
        self.automaton.find_iter(text).filter_map(move |m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let phrase_ends_with_dot = text[..m.end()].ends_with('.');
            let bad_before = before.is_some_and(|c| c.is_alphanumeric());
            // "U.S." may be followed by anything; other phrases not by a letter.
            let bad_after = !phrase_ends_with_dot && after.is_some_and(|c| c.is_alphanumeric());
            (!bad_before && !bad_after).then(|| Hit {
                start: m.start(),
                end: m.end(),
                value: &self.values[m.pattern().as_usize()],
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_whole_words_win() {
        let set = PhraseSet::new(
            vec![
                ("Niger".into(), 1),
                ("Nigeria".into(), 2),
                ("Guinea".into(), 3),
                ("Papua New Guinea".into(), 4),
                ("U.S.".into(), 5),
            ],
            Case::Sensitive,
        );
        let found: Vec<i32> =
            set.find("Nigeria, Niger, Nigerian, Papua New Guinea, U.S.-led, USA").map(|h| *h.value).collect();
        assert_eq!(found, [2, 1, 4, 5]);
    }

    #[test]
    fn case_insensitive_sets() {
        let set = PhraseSet::new(vec![("interest rates".into(), ())], Case::Insensitive);
        assert_eq!(set.find("Interest Rates rose; interest rates fell").count(), 2);
    }
}
