//! Topics from a vocabulary (topic → phrases): the default in
//! `data/topics.yaml`, or a site's own `topics.yaml` replacing or extending it.
//!
//! Phrases match case-insensitively on word boundaries. A topic needs
//! [`MIN_HITS`] hits (a hit in the headline counts twice), so a single passing
//! word does not tag an article.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::extract::phrases::{Case, PhraseSet};

/// The default vocabulary.
pub const DEFAULT_TOPICS: &str = include_str!("data/topics.yaml");

/// Hits a topic needs before an article is tagged with it.
pub const MIN_HITS: usize = 2;

/// A vocabulary file: either a plain `topic: [phrases]` map, which replaces
/// the default, or `{extends_default: true, topics: {…}}`, which adds to it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum VocabularyFile {
    /// `extends_default` and `topics`.
    Structured {
        /// Add to the default instead of replacing it.
        #[serde(default)]
        extends_default: bool,
        /// Topic → phrases.
        topics: BTreeMap<String, Vec<String>>,
    },
    /// Topic → phrases, replacing the default.
    Plain(BTreeMap<String, Vec<String>>),
}

/// A topic found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicHit {
    /// Topic name.
    pub topic: String,
    /// Weighted hits (headline hits count twice).
    pub score: usize,
    /// The phrases that matched, as written.
    pub phrases: Vec<String>,
}

/// The compiled vocabulary.
pub struct Topics {
    names: Vec<String>,
    set: PhraseSet<usize>,
}

impl Topics {
    /// Compiles a vocabulary.
    pub fn new(vocabulary: &BTreeMap<String, Vec<String>>) -> Topics {
        let names: Vec<String> = vocabulary.keys().cloned().collect();
        let entries = vocabulary
            .values()
            .enumerate()
            .flat_map(|(i, phrases)| {
                phrases.iter().filter(|p| !p.trim().is_empty()).map(move |p| (p.trim().to_string(), i))
            })
            .collect();
        Topics { names, set: PhraseSet::new(entries, Case::Insensitive) }
    }

    /// Merges a site's file into the default vocabulary as the file asks.
    pub fn merge(default: BTreeMap<String, Vec<String>>, site: VocabularyFile) -> BTreeMap<String, Vec<String>> {
        match site {
            VocabularyFile::Plain(topics) | VocabularyFile::Structured { extends_default: false, topics } => topics,
            VocabularyFile::Structured { extends_default: true, topics } => {
                let mut merged = default;
                for (topic, phrases) in topics {
                    let list = merged.entry(topic).or_default();
                    for p in phrases {
                        if !list.iter().any(|q| q.eq_ignore_ascii_case(&p)) {
                            list.push(p);
                        }
                    }
                }
                merged
            }
        }
    }

    /// The topics of an article, strongest first.
    pub fn find(&self, title: &str, body: &str) -> Vec<TopicHit> {
        let mut scores: Vec<(usize, Vec<String>)> = vec![(0, Vec::new()); self.names.len()];
        for (text, weight) in [(title, 2), (body, 1)] {
            for hit in self.set.find(text) {
                let (score, phrases) = &mut scores[*hit.value];
                *score += weight;
                let phrase = &text[hit.start..hit.end];
                if !phrases.iter().any(|p| p.eq_ignore_ascii_case(phrase)) {
                    phrases.push(phrase.to_string());
                }
            }
        }
        let mut found: Vec<TopicHit> = scores
            .into_iter()
            .enumerate()
            .filter(|(_, (score, _))| *score >= MIN_HITS)
            .map(|(i, (score, phrases))| TopicHit { topic: self.names[i].clone(), score, phrases })
            .collect();
        found.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.topic.cmp(&b.topic)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs.iter().map(|(t, ps)| (t.to_string(), ps.iter().map(|p| p.to_string()).collect())).collect()
    }

    #[test]
    fn one_passing_word_does_not_tag() {
        let topics = Topics::new(&vocab(&[("terrorism", &["terrorist", "al-Qaida"]), ("trade", &["tariff"])]));
        let found = topics.find("Mali talks", "Al-Qaida grows. The terrorist group. A tariff.");
        assert_eq!(found.iter().map(|t| t.topic.as_str()).collect::<Vec<_>>(), ["terrorism"]);
        assert_eq!(found[0].phrases, ["Al-Qaida", "terrorist"]);
    }

    #[test]
    fn a_headline_hit_counts_twice() {
        let topics = Topics::new(&vocab(&[("trade", &["tariffs"])]));
        assert_eq!(topics.find("New tariffs", "nothing").len(), 1);
    }

    #[test]
    fn the_default_vocabulary_parses_and_is_broad() {
        let default: BTreeMap<String, Vec<String>> = crate::frontmatter::parse(DEFAULT_TOPICS).unwrap();
        assert!((40..=80).contains(&default.len()), "{} topics", default.len());
    }

    #[test]
    fn site_files_replace_or_extend() {
        let default = vocab(&[("trade", &["tariff"])]);
        let plain: VocabularyFile = crate::frontmatter::parse("space: [rocket, launch]").unwrap();
        assert_eq!(Topics::merge(default.clone(), plain).len(), 1);
        let extending: VocabularyFile =
            crate::frontmatter::parse("extends_default: true\ntopics:\n  space: [rocket]\n  trade: [quota]").unwrap();
        let merged = Topics::merge(default, extending);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged["trade"], ["tariff", "quota"]);
    }
}
