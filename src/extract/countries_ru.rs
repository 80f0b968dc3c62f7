//! Countries named in Russian: a name (`Вьетнам`, `в России`) or an
//! adjective (`индийская кухня`, `во французской`) in any of its case
//! forms, read as a stem and an ending (Russian declines both), so the
//! table (`data/countries_ru.tsv`) holds one stem a word, not every form.

use std::collections::HashMap;

const TABLE: &str = include_str!("data/countries_ru.tsv");

/// Endings of a name whose stem ends in `и` (`Росси|я`, `Франци|и`).
const AFTER_I: &[&str] = &["я", "и", "ю", "ей", "ею"];
/// Endings of a name whose stem ends in another vowel (`Кита|й`, `Кита|е`).
const AFTER_VOWEL: &[&str] = &["й", "я", "е", "ю", "ем"];
/// Endings of a name whose stem ends in a consonant, masculine, feminine and
/// plural alike (`Вьетнам|е`, `Украин|ы`, `Беларус|ью`, `Нидерланд|ах`).
const AFTER_CONSONANT: &[&str] =
    &["", "а", "я", "ы", "и", "е", "у", "ю", "ой", "ою", "ом", "ем", "ей", "ах", "ам", "ов", "ь", "ью"];
/// Endings of an adjective (`индийск|ая`, `китайск|ими`).
const ADJECTIVE: &[&str] = &[
    "ий", "ый", "ой", "ая", "ое", "ие", "ые", "ого", "ому", "им", "ым", "их", "ых", "ими", "ыми", "ую", "ом", "ее",
    "ей",
];

/// Things named with a country's adjective that are not of that country
/// (`болгарский перец` is a bell pepper, `турецкий горох` a chickpea,
/// `шведский стол` a buffet): the adjective stem and the stems of the next
/// word that make the idiom.
const FOOD_IDIOMS: &[(&str, &[&str])] = &[
    ("болгарск", &["перец", "перц"]),
    ("греческ", &["йогурт", "орех"]),
    ("китайск", &["капуст"]),
    ("бразильск", &["орех"]),
    ("турецк", &["горох", "горош"]),
    ("голландск", &["соус"]),
    ("шведск", &["стол"]),
    ("американск", &["горк"]),
    ("тайск", &["массаж"]),
];

/// Words after any country adjective that make it name something else: a
/// language (`на русском языке`), a sea, or money (`американского доллара`).
const NOT_THE_COUNTRY: &[&str] =
    &["язык", "океан", "доллар", "франк", "рубл", "юан", "фунт", "крон", "иен", "йен", "песо", "лир", "марк", "вон"];

/// The Russian forms of the countries, by stem.
pub struct RussianForms {
    /// Capitalised name stems (`Росси`) → country.
    names: HashMap<&'static str, &'static str>,
    /// Lower-case adjective stems (`индийск`) → country.
    adjectives: HashMap<&'static str, &'static str>,
}

/// A Russian word that names a country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RussianMention {
    /// The country, as `countries.tsv` names it.
    pub country: &'static str,
    /// Whether it is the adjective (a demonym), not the name.
    pub adjective: bool,
    /// Byte range of the word in the text.
    pub start: usize,
    /// End of the word.
    pub end: usize,
}

impl RussianForms {
    /// Reads the embedded table.
    pub fn new() -> RussianForms {
        let mut names = HashMap::new();
        let mut adjectives = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut columns = line.split('\t');
            let (Some(country), Some(name_stems), Some(adjective_stems)) =
                (columns.next(), columns.next(), columns.next())
            else {
                continue;
            };
            for stem in name_stems.split('|').filter(|s| !s.is_empty()) {
                names.insert(stem, country);
            }
            for stem in adjective_stems.split('|').filter(|s| !s.is_empty()) {
                adjectives.insert(stem, country);
            }
        }
        RussianForms { names, adjectives }
    }

    /// The countries the Cyrillic words of `text` name, in order.
    pub fn mentions(&self, text: &str) -> Vec<RussianMention> {
        if !text.chars().any(is_cyrillic) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut start = None;
        for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (start, is_cyrillic(c)) {
                (None, true) => start = Some(at),
                (Some(from), false) => {
                    start = None;
                    if let Some(m) = self.word(&text[from..at], from).filter(|m| !names_something_else(text, m)) {
                        out.push(m);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The country one word names, trying each split into a stem and an ending.
    fn word(&self, word: &str, at: usize) -> Option<RussianMention> {
        // Endings of up to three letters: the word itself, then without its last one, two, three.
        let cuts = std::iter::once(word.len()).chain(word.char_indices().rev().take(3).map(|(i, _)| i));
        for cut in cuts.filter(|&cut| cut > 0) {
            let (stem, ending) = word.split_at(cut);
            let mention = |country, adjective| RussianMention { country, adjective, start: at, end: at + word.len() };
            if let Some(&country) = self.names.get(stem).filter(|_| name_endings(stem).contains(&ending)) {
                return Some(mention(country, false));
            }
            let (stem, ending) = (stem.to_lowercase(), ending.to_lowercase());
            if let Some(&country) = self.adjectives.get(stem.as_str()).filter(|_| ADJECTIVE.contains(&ending.as_str()))
            {
                return Some(mention(country, true));
            }
        }
        None
    }
}

impl Default for RussianForms {
    fn default() -> Self {
        RussianForms::new()
    }
}

/// The endings a name stem takes: none for an abbreviation or a name that
/// does not decline (`США`, `Марокко`), else by the stem's last letter.
fn name_endings(stem: &str) -> &'static [&'static str] {
    let last = stem.chars().last().unwrap_or(' ');
    if stem.chars().all(char::is_uppercase) || last == 'о' {
        &[""]
    } else if last == 'и' {
        AFTER_I
    } else if "аеёиоуыэюя".contains(last) {
        AFTER_VOWEL
    } else {
        AFTER_CONSONANT
    }
}

/// Whether the adjective `m` opens the name of a food (`болгарский перец`),
/// a language, a sea or a currency rather than naming the country.
fn names_something_else(text: &str, m: &RussianMention) -> bool {
    if !m.adjective {
        return false;
    }
    let word = text[m.start..m.end].to_lowercase();
    let next = text[m.end..].trim_start().split(|c: char| !is_cyrillic(c)).next().unwrap_or("").to_lowercase();
    NOT_THE_COUNTRY.iter().any(|w| next.starts_with(w))
        || FOOD_IDIOMS
            .iter()
            .any(|(stem, foods)| word.starts_with(stem) && foods.iter().any(|food| next.starts_with(food)))
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries(text: &str) -> Vec<(&'static str, bool)> {
        RussianForms::new().mentions(text).into_iter().map(|m| (m.country, m.adjective)).collect()
    }

    #[test]
    fn names_in_every_case() {
        assert_eq!(
            countries("Три года прожила во Вьетнаме, а в России не все блюда можно найти."),
            [("Vietnam", false), ("Russia", false)]
        );
        assert_eq!(
            countries("Из Китая и Франции, с Беларусью, в США, в Марокко"),
            [("China", false), ("France", false), ("Belarus", false), ("United States", false), ("Morocco", false)]
        );
    }

    #[test]
    fn adjectives_in_every_case_and_gender() {
        assert_eq!(
            countries("индийская курица карри, китайские скорпионы, Итальянской пастой"),
            [("India", true), ("China", true), ("Italy", true)]
        );
    }

    #[test]
    fn other_words_on_the_same_letters_are_not_countries() {
        // "кита" (a whale's), "инди" (indie), "Кубок" (a cup), "русло" (a riverbed).
        assert!(countries("У кита инди Кубок русло турник").is_empty());
        // Foods named after a country they are not of.
        assert_eq!(countries("болгарский перец и Болгарские власти"), [("Bulgaria", true)]);
        // A language, a sea and money named after a country.
        let named = countries("на русском языке, в Индийском океане, курс американского доллара");
        assert!(named.is_empty(), "{named:?}");
        assert_eq!(countries("договор с Польшей"), [("Poland", false)]);
    }

    #[test]
    fn every_country_of_the_table_is_in_the_gazetteer() {
        let gazetteer = crate::extract::countries::Countries::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let country = line.split('\t').next().unwrap_or_default();
            assert!(gazetteer.is_country_word(country), "{country} is not a row of countries.tsv");
        }
    }
}
