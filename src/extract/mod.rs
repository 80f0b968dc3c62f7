//! Article text → its countries, people and topics, each with the phrases
//! that produced it (for `--explain`).
//!
//! Pure and fast: the automata are built once in [`Extractor::new`], then
//! each article is one pass per matcher. Used by `ingest` only: the build
//! takes entities from front matter and never extracts.

pub mod countries;
pub mod people;
pub mod phrases;
pub mod topics;

use std::collections::BTreeMap;

use countries::{Countries, Form};
use people::PeopleAliases;
use topics::Topics;

/// What an article is made of, as extraction needs it.
#[derive(Debug, Clone, Copy)]
pub struct Story<'a> {
    /// Headline.
    pub title: &'a str,
    /// Body as plain text (paragraphs separated by blank lines).
    pub body: &'a str,
    /// Dateline city as written, if any.
    pub dateline_city: Option<&'a str>,
    /// Region after the dateline city (`Ore.`, `Mali`).
    pub dateline_region: Option<&'a str>,
    /// Bylines, which are not mentioned people.
    pub authors: &'a [String],
}

/// One extracted entity and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Canonical name.
    pub name: String,
    /// How it was found (`"Malian" ×2`, `dateline Bamako`, `Defense Secretary Leon E. Panetta`).
    pub evidence: Vec<String>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entities {
    /// Countries, the dateline's first, then by first mention.
    pub countries: Vec<Found>,
    /// People, by first mention.
    pub people: Vec<Found>,
    /// Topics, strongest first.
    pub topics: Vec<Found>,
}

/// The compiled vocabularies.
pub struct Extractor {
    countries: Countries,
    topics: Topics,
    aliases: PeopleAliases,
}

/// Vocabularies a site may supply.
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    /// Topic → phrases (the default, or the site's merged in).
    pub topics: BTreeMap<String, Vec<String>>,
    /// Canonical person → variants, from `people.yaml`.
    pub people: Vec<(String, Vec<String>)>,
}

impl Vocabularies {
    /// The embedded defaults: the default topics and no people aliases.
    pub fn defaults() -> Vocabularies {
        let topics = crate::frontmatter::parse(topics::DEFAULT_TOPICS).unwrap_or_default();
        Vocabularies { topics, people: Vec::new() }
    }
}

impl Extractor {
    /// Builds every matcher once.
    pub fn new(vocabularies: &Vocabularies) -> Extractor {
        Extractor {
            countries: Countries::new(),
            topics: Topics::new(&vocabularies.topics),
            aliases: PeopleAliases::new(vocabularies.people.clone()),
        }
    }

    /// The country gazetteer (for datelines and evaluation).
    pub fn countries(&self) -> &Countries {
        &self.countries
    }

    /// Extracts the entities of one article.
    pub fn extract(&self, story: &Story<'_>) -> Entities {
        Entities {
            countries: self.countries_of(story),
            people: self.people_of(story),
            topics: self
                .topics
                .find(story.title, story.body)
                .into_iter()
                .map(|t| Found {
                    name: t.topic,
                    evidence: vec![format!("{} (score {})", t.phrases.join(", "), t.score)],
                })
                .collect(),
        }
    }

    fn countries_of(&self, story: &Story<'_>) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        let mut note = |name: &str, why: String| match found.iter_mut().find(|f| f.name == name) {
            Some(f) => {
                if !f.evidence.contains(&why) {
                    f.evidence.push(why);
                }
            }
            None => found.push(Found { name: name.to_string(), evidence: vec![why] }),
        };
        if let Some(city) = story.dateline_city
            && let Some(country) = self.countries.of_dateline(city, story.dateline_region)
        {
            let place = story.dateline_region.map_or(city.to_string(), |r| format!("{city}, {r}"));
            note(country, format!("dateline {place}"));
        }
        let mut counts: Vec<(String, String, usize)> = Vec::new();
        for text in [story.title, story.body] {
            for m in self.countries.mentions(text) {
                let form = match m.form {
                    Form::Name => "",
                    Form::Demonym => " (demonym)",
                };
                let label = format!("“{}”{form}", m.phrase);
                match counts.iter_mut().find(|(c, l, _)| *c == m.country && *l == label) {
                    Some(entry) => entry.2 += 1,
                    None => counts.push((m.country, label, 1)),
                }
            }
        }
        for (country, label, n) in counts {
            note(&country, if n > 1 { format!("{label} ×{n}") } else { label });
        }
        found
    }

    fn people_of(&self, story: &Story<'_>) -> Vec<Found> {
        // Only country words: many surnames are also city names (Houston, Santos, Lincoln).
        let is_place = |w: &str| self.countries.is_country_word(w);
        let text = format!("{}\n\n{}", story.title, story.body);
        let mut found: Vec<Found> = Vec::new();
        for p in people::find(&text, story.authors, &is_place) {
            let name = self.aliases.canonical(&p.name).to_string();
            let mut evidence = p.evidence;
            if name != p.name {
                evidence.push(format!("people.yaml: {} → {name}", p.name));
            }
            if p.mentions > 1 {
                evidence.push(format!("{} mentions", p.mentions));
            }
            match found.iter_mut().find(|f| f.name == name) {
                Some(f) => f.evidence.extend(evidence),
                None => found.push(Found { name, evidence }),
            }
        }
        found
    }
}
