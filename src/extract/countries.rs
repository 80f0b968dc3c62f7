//! Countries named in a story: names, aliases (`U.S.`, `Britain`),
//! demonyms (`South Korean`, `French`) and the dateline city, each mapped to
//! a canonical English short name, with the usual traps guarded.
//!
//! The tables are `data/countries.tsv`, `data/cities.tsv` and
//! `data/us_states.tsv`, embedded in the binary.
//!
//! Traps and what is done about them:
//! - `Georgia`: counted only with a sign of the country (Tbilisi, "Republic
//!   of Georgia", a Georgian dateline); otherwise it is taken for the US state.
//! - `Jordan`, `Chad`, `Georgia` as given names: skipped
//!   when written next to another capitalized name (`Michael Jordan`, `Chad Smith`).
//! - `Turkey` the bird: skipped before or after a food word (`Turkey dinner`,
//!   `roast Turkey`); lower-case `turkey` never matches (matching is case-sensitive).
//! - `Niger` inside `Nigeria`/`Nigerian`, `Guinea` inside `Papua New Guinea`,
//!   `Sudan` in `South Sudan`: whole words and the longest name win.
//! - `New Mexico`, `Latin America`, `Indian Ocean`, `American Indian`, …:
//!   blocked phrases that name no country.
//!
//! Left as they are: `Congo` alone (taken as the data file says), `Korea` alone,
//! and a country named only inside an organisation's name (`Bank of Japan` → Japan).

use std::collections::HashMap;

use crate::extract::countries_ru::RussianForms;
use crate::extract::not_places::{in_a_company_name, is_a_ticker, names_a_currency};
use crate::extract::phrases::{Case, PhraseSet};

const COUNTRIES: &str = include_str!("data/countries.tsv");
const CITIES: &str = include_str!("data/cities.tsv");
const US_STATES: &str = include_str!("data/us_states.tsv");
const REGIONS: &str = include_str!("data/regions.tsv");

/// Phrases that contain a country's name but name no country.
const BLOCKED: &[&str] = &[
    "New Mexico",
    "Inner Mongolia",
    "Inner Mongolian",
    "Gulf of Mexico",
    "Latin America",
    "Latin American",
    "Latin Americans",
    "South America",
    "South American",
    "Central America",
    "Central American",
    "North America",
    "North American",
    "Americas",
    "American Indian",
    "American Indians",
    "Native American",
    "Native Americans",
    "Indian Ocean",
    "West Indian",
    "West Indies",
    "New Guinea",
    "Guinea pig",
    "Georgia Tech",
    "Turkey Point",
    "Jordan River",
    "Dutch Harbor",
    "French fries",
    "French toast",
    "Swiss cheese",
    "Chinese checkers",
    "Turkish delight",
    "Panama hat",
    "Brussels sprouts",
    "New England",
    "New Jersey",
    "New Wales",
    "New South Wales",
    "Irish Sea",
    "China Sea",
    "Mexican standoff",
    "Persian Gulf",
    "Arabian Sea",
    "Korean War",
    "Vietnam War",
    "Vietnam veteran",
    "Vietnam veterans",
    "Turks and Caicos",
    "American Samoa",
    "Great Dane",
    "North Pole",
    "South Pole",
];

/// Country names that are also given names or surnames.
const NAME_LIKE: &[&str] = &["Jordan", "Chad", "Georgia"];

/// Words that make a capitalized `Turkey` the bird.
const FOOD_WORDS: &[&str] = &[
    "dinner",
    "dinners",
    "sandwich",
    "sandwiches",
    "meat",
    "breast",
    "farm",
    "farms",
    "farmer",
    "farmers",
    "hunt",
    "hunting",
    "hunters",
    "roast",
    "roasted",
    "wild",
    "Thanksgiving",
    "stuffing",
    "gravy",
    "bacon",
    "leg",
    "legs",
];

/// How a country was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Its name or an alias (`Mali`, `U.S.`).
    Name,
    /// An adjective or people noun (`Malian`, `French`).
    Demonym,
}

#[derive(Debug, Clone, Copy)]
enum Pattern {
    Country(usize, Form),
    Blocked,
}

/// A country found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Canonical country name.
    pub country: String,
    /// The words as written.
    pub phrase: String,
    /// Name or demonym.
    pub form: Form,
    /// Byte offset in the text.
    pub at: usize,
}

/// The country gazetteer.
pub struct Countries {
    names: Vec<String>,
    kinds: Vec<String>,
    set: PhraseSet<Pattern>,
    cities: HashMap<String, (String, usize)>,
    regions: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    russian: RussianForms,
}

fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

fn list<'a>(field: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    field.copied().unwrap_or("").split('|').map(str::trim).filter(|s| !s.is_empty())
}

impl Countries {
    /// Loads the embedded tables.
    pub fn new() -> Countries {
        let mut names = Vec::new();
        let mut kinds = Vec::new();
        let mut entries: Vec<(String, Pattern)> = Vec::new();
        let mut by_name = HashMap::new();
        for row in rows(COUNTRIES) {
            let id = names.len();
            let name = row[0].trim().to_string();
            by_name.insert(name.to_lowercase(), id);
            entries.push((name.clone(), Pattern::Country(id, Form::Name)));
            for alias in list(row.get(2)) {
                by_name.entry(alias.to_lowercase()).or_insert(id);
                entries.push((alias.to_string(), Pattern::Country(id, Form::Name)));
            }
            for demonym in list(row.get(3)) {
                entries.push((demonym.to_string(), Pattern::Country(id, Form::Demonym)));
            }
            // Possessives of a name ending in s (`Philippines'`) need no entry: the apostrophe is a boundary.
            names.push(name);
            kinds.push(row.get(4).map_or("state", |k| k.trim()).to_string());
        }
        entries.push(("Northern Ireland".to_string(), Pattern::Country(by_name["united kingdom"], Form::Name)));
        entries.extend(BLOCKED.iter().map(|b| (b.to_string(), Pattern::Blocked)));
        let mut cities = HashMap::new();
        for row in rows(CITIES) {
            let Some(&country) = row.get(1).and_then(|c| by_name.get(&c.trim().to_lowercase())) else { continue };
            let city = row[0].trim().to_string();
            cities.insert(fold(&city), (city.clone(), country));
            for alias in list(row.get(2)) {
                cities.entry(fold(alias)).or_insert((city.clone(), country));
            }
        }
        let us = by_name["united states"];
        let mut regions: HashMap<String, usize> = rows(US_STATES)
            .flat_map(|row| {
                [row[0].trim().to_lowercase(), row.get(1).map_or(String::new(), |s| s.trim().to_lowercase())]
            })
            .filter(|s| !s.is_empty())
            .map(|s| (s, us))
            .collect();
        for row in rows(REGIONS) {
            let Some(&country) = row.get(1).and_then(|c| by_name.get(&c.trim().to_lowercase())) else { continue };
            regions.insert(row[0].trim().to_lowercase(), country);
        }
        Countries {
            names,
            kinds,
            set: PhraseSet::new(entries, Case::Sensitive),
            cities,
            regions,
            by_name,
            russian: RussianForms::new(),
        }
    }

    /// Whether `name` is a country (in any known spelling) — for telling places from people.
    pub fn is_country_word(&self, word: &str) -> bool {
        self.set.find(word).any(|h| h.start == 0 && h.end == word.len())
    }

    /// A dateline city → (its usual spelling, its country).
    pub fn city(&self, city: &str) -> Option<(&str, &str)> {
        self.cities.get(&fold(city)).map(|(name, c)| (name.as_str(), self.names[*c].as_str()))
    }

    /// Whether `name` is a US state or another federation's province or
    /// state (`Nova Scotia`, `New South Wales`), in any known spelling.
    pub fn is_region(&self, name: &str) -> bool {
        self.regions.contains_key(&name.trim().to_lowercase())
    }

    /// The country of a dateline: its region when that is a country, a US
    /// state (`PORTLAND, Ore.`) or a province (`HALIFAX, Nova Scotia`), else its city; in a story written while the
    /// place was part of a state since dissolved (`MOSCOW` in 1987), that state.
    pub fn of_dateline(&self, city: &str, region: Option<&str>, year: Option<i16>) -> Option<&str> {
        let today = self.of_dateline_today(city, region)?;
        let former = FORMER_STATES
            .iter()
            .find(|(successor, _, last)| *successor == today && year.is_some_and(|y| y <= *last))
            .map(|(_, state, _)| *state);
        Some(former.unwrap_or(today))
    }

    /// The country a dateline's place is in today.
    fn of_dateline_today(&self, city: &str, region: Option<&str>) -> Option<&str> {
        if let Some(region) = region {
            let r = region.trim().to_lowercase();
            match (self.by_name.get(&r), self.regions.get(&r)) {
                // "Georgia" is a country and a US state: the city decides.
                (Some(_), Some(&federation)) => {
                    return self.city(city).map(|(_, c)| c).or(Some(self.names[federation].as_str()));
                }
                (Some(&i), None) | (None, Some(&i)) => return Some(self.names[i].as_str()),
                (None, None) => {}
            }
        }
        self.city(city).map(|(_, country)| country)
    }

    /// Every country mention in `text`, traps removed.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut georgia_pending = Vec::new();
        for hit in self.set.find(text) {
            let Pattern::Country(id, form) = *hit.value else { continue };
            let phrase = &text[hit.start..hit.end];
            if NAME_LIKE.contains(&phrase) && next_to_a_name(text, hit.start, hit.end) {
                continue;
            }
            if phrase == "Turkey" && near_food_word(text, hit.start, hit.end) {
                continue;
            }
            if names_a_currency(text, hit.start, hit.end)
                || in_a_company_name(text, hit.end)
                || is_a_ticker(text, hit.start, hit.end)
            {
                continue;
            }
            let mention = Mention { country: self.names[id].clone(), phrase: phrase.to_string(), form, at: hit.start };
            if phrase == "Georgia" && self.kinds[id] == "state" {
                georgia_pending.push(mention);
                continue;
            }
            out.push(mention);
        }
        if !georgia_pending.is_empty()
            && (text.contains("Tbilisi")
                || text.contains("Republic of Georgia")
                || text.contains("Georgian")
                || text.contains("former Soviet"))
        {
            out.extend(georgia_pending);
        }
        for m in self.russian.mentions(text) {
            let Some(&id) = self.by_name.get(&m.country.to_lowercase()) else { continue };
            let form = if m.adjective { Form::Demonym } else { Form::Name };
            out.push(Mention {
                country: self.names[id].clone(),
                phrase: text[m.start..m.end].to_string(),
                form,
                at: m.start,
            });
        }
        out.sort_by_key(|m| m.at);
        out
    }
}

/// Today's countries that were part of a state since dissolved: the
/// successor, the former state (a row of `countries.tsv`), and the last
/// full year the place was part of it. Serbia, Montenegro and Kosovo stay
/// with "Yugoslavia" through the Federal Republic and the state union of
/// Serbia and Montenegro (an alias of that row) until 2006; Kosovo then with
/// Serbia until its independence in 2008 (the first row that fits the year
/// wins). Germany is not
/// here: the gazetteer files West and East German cities alike under today's Germany.
const FORMER_STATES: &[(&str, &str, i16)] = &[
    ("Russia", "Soviet Union", 1991),
    ("Ukraine", "Soviet Union", 1991),
    ("Belarus", "Soviet Union", 1991),
    ("Moldova", "Soviet Union", 1991),
    ("Lithuania", "Soviet Union", 1990),
    ("Latvia", "Soviet Union", 1990),
    ("Estonia", "Soviet Union", 1990),
    ("Georgia", "Soviet Union", 1991),
    ("Armenia", "Soviet Union", 1991),
    ("Azerbaijan", "Soviet Union", 1991),
    ("Kazakhstan", "Soviet Union", 1991),
    ("Uzbekistan", "Soviet Union", 1991),
    ("Turkmenistan", "Soviet Union", 1991),
    ("Kyrgyzstan", "Soviet Union", 1991),
    ("Tajikistan", "Soviet Union", 1991),
    ("Serbia", "Yugoslavia", 2005),
    ("Montenegro", "Yugoslavia", 2005),
    ("Kosovo", "Yugoslavia", 2005),
    ("Kosovo", "Serbia", 2007),
    ("Croatia", "Yugoslavia", 1990),
    ("Slovenia", "Yugoslavia", 1990),
    ("Bosnia and Herzegovina", "Yugoslavia", 1991),
    ("North Macedonia", "Yugoslavia", 1990),
    ("Czech Republic", "Czechoslovakia", 1992),
    ("Slovakia", "Czechoslovakia", 1992),
];

impl Default for Countries {
    fn default() -> Self {
        Countries::new()
    }
}

/// Folds a city for lookup: case, accents of common letters, and `Saint`/`St.`.
fn fold(city: &str) -> String {
    let lower: String = city
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '’' => '\'',
            c => c,
        })
        .collect();
    lower.replace("saint ", "st. ").replace("st ", "st. ")
}

/// Whether the word at `start..end` stands next to another capitalized word
/// that is not the start of a sentence (`Michael Jordan`, `Chad Smith`).
fn next_to_a_name(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches(' ');
    let next_word: &str = after.split(|c: char| !c.is_alphabetic() && c != '-').next().unwrap_or("");
    let followed = text[end..].starts_with(' ')
        && next_word.chars().next().is_some_and(char::is_uppercase)
        && !is_function_word(next_word);
    let before = text[..start].trim_end_matches(' ');
    let prev_word = before.rsplit(|c: char| !c.is_alphabetic() && c != '.').next().unwrap_or("");
    let preceded = text[..start].ends_with(' ')
        && !before.ends_with(['.', ',', ';', ':', '(', '"', '“'])
        && prev_word.chars().next().is_some_and(char::is_uppercase)
        && !is_function_word(prev_word);
    followed || preceded
}

fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "In"
            | "On"
            | "At"
            | "To"
            | "From"
            | "And"
            | "But"
            | "Of"
            | "For"
            | "With"
            | "By"
            | "As"
            | "A"
            | "An"
            | "King"
            | "Queen"
            | "President"
            | "Prime"
            | "Foreign"
            | "Defense"
            | "Army"
            | "Government"
            | "Central"
            | "Bank"
            | "Ministry"
    )
}

fn near_food_word(text: &str, start: usize, end: usize) -> bool {
    let next = text[end..].split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphabetic());
    let prev = text[..start].split_whitespace().next_back().unwrap_or("").trim_matches(|c: char| !c.is_alphabetic());
    FOOD_WORDS.contains(&next) || FOOD_WORDS.contains(&prev) || FOOD_WORDS.contains(&prev.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let c = Countries::new();
        let mut v: Vec<String> = c.mentions(text).into_iter().map(|m| m.country).collect();
        v.dedup();
        v
    }

    #[test]
    fn a_country_naming_its_money_is_not_a_mention() {
        assert_eq!(found("It raised 48 mln U.S. dollars and 20 mln Canadian dlrs for Chile."), ["Chile"]);
    }

    #[test]
    fn names_aliases_and_demonyms() {
        assert_eq!(found("the U.S. and Britain"), ["United States", "United Kingdom"]);
        assert_eq!(found("South Korean Minister"), ["South Korea"]);
        assert_eq!(found("the French Ministry"), ["France"]);
        assert_eq!(found("Malian troops"), ["Mali"]);
        assert_eq!(found("as America has done"), ["United States"]);
    }

    #[test]
    fn niger_is_not_found_inside_nigeria() {
        assert_eq!(found("Nigeria and Nigerian officials"), ["Nigeria"]);
        assert_eq!(found("Niger's capital"), ["Niger"]);
    }

    #[test]
    fn guinea_variants() {
        assert_eq!(found("Papua New Guinea"), ["Papua New Guinea"]);
        assert_eq!(found("Equatorial Guinea"), ["Equatorial Guinea"]);
        assert_eq!(found("Guinea-Bissau"), ["Guinea-Bissau"]);
        assert_eq!(found("Conakry, Guinea"), ["Guinea"]);
    }

    #[test]
    fn georgia_the_state_is_not_the_country() {
        assert!(found("Atlanta, Georgia, saw rain").is_empty());
        assert_eq!(found("Georgia's president spoke in Tbilisi"), ["Georgia"]);
    }

    #[test]
    fn given_names_are_not_countries() {
        assert!(found("said Michael Jordan and Chad Smith").is_empty());
        assert_eq!(found("troops in Chad, and Jordan's king"), ["Chad", "Jordan"]);
    }

    #[test]
    fn turkey_the_bird() {
        assert!(found("Turkey dinner prices rose before Thanksgiving").is_empty());
        assert_eq!(found("talks with Turkey resumed"), ["Turkey"]);
        assert!(found("a turkey farm").is_empty());
    }

    #[test]
    fn new_mexico_and_continents_are_not_countries() {
        assert!(found("New Mexico and Latin America").is_empty());
        assert!(found("a mine in Inner Mongolia").is_empty(), "a Chinese region, not the country");
        assert_eq!(found("New Mexico and Mexico"), ["Mexico"]);
    }

    #[test]
    fn a_dateline_in_a_state_since_dissolved_gives_that_state() {
        let c = Countries::new();
        assert_eq!(c.of_dateline("MOSCOW", None, Some(1987)), Some("Soviet Union"));
        assert_eq!(c.of_dateline("MOSCOW", None, Some(2019)), Some("Russia"));
        assert_eq!(c.of_dateline("BELGRADE", None, Some(1987)), Some("Yugoslavia"));
        assert_eq!(c.of_dateline("BELGRADE", None, Some(2012)), Some("Serbia"));
        assert_eq!(c.of_dateline("PRISTINA", None, Some(1999)), Some("Yugoslavia"));
        assert_eq!(c.of_dateline("PRISTINA", None, Some(2007)), Some("Serbia"));
        assert_eq!(c.of_dateline("PRISTINA", None, Some(2019)), Some("Kosovo"));
        assert_eq!(c.of_dateline("HALIFAX", Some("Nova Scotia"), Some(2019)), Some("Canada"));
        assert_eq!(c.of_dateline("PERTH", Some("W.A."), Some(2019)), Some("Australia"));
        assert!(c.is_region("Nova Scotia") && c.is_region("Ore.") && !c.is_region("Nova"));
        assert_eq!(c.of_dateline("MOSCOW", None, None), Some("Russia"));
        assert_eq!(c.of_dateline("PARIS", None, Some(1987)), Some("France"));
    }

    #[test]
    fn dateline_cities_and_regions() {
        let c = Countries::new();
        assert_eq!(c.of_dateline("WASHINGTON", None, None), Some("United States"));
        assert_eq!(c.of_dateline("PORTLAND", Some("Ore."), None), Some("United States"));
        assert_eq!(c.of_dateline("BAMAKO", Some("Mali"), None), Some("Mali"));
        assert_eq!(c.of_dateline("SEOUL", None, None), Some("South Korea"));
        assert_eq!(c.city("NEW YORK").map(|x| x.0), Some("New York"));
        assert_eq!(c.of_dateline("TBILISI", Some("Georgia"), None), Some("Georgia"));
        assert_eq!(c.of_dateline("ATLANTA", Some("Georgia"), None), Some("United States"));
        assert_eq!(c.of_dateline("SMALLTOWN", Some("Ga."), None), Some("United States"));
    }
}
