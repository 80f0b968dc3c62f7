//! Search index, first step: the words a token of text is found by, as
//! Pagefind's browser side looks them up. A token is normalized to its
//! letters and digits in lower case and stemmed for the site's language; a
//! form with diacritics ("café") is kept beside its plain form ("cafe"), and
//! a compound token ("al-Assad", "iPhone", "sysconfig.is_build") also gives
//! its parts, which share the token's weight.
//!
//! These are Pagefind 1.6's rules (its `fossick::splitting`), kept in step
//! by the test that compares our bundle with Pagefind's own
//! (`bundle::tests`), with one exception: Pagefind also indexes each emoji
//! of a token as a word of its own (by its `\p{Emoji}` test and emoji
//! table: also ©, ®, ‼, ✈), and keeps a record whose only words are emoji;
//! we do neither. News text has almost none, and a query for one is not
//! worth a Unicode table here.

use convert_case::{Case, Casing};
use hashbrown::{HashMap, HashSet};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Katakana runs are indexed by every suffix up to this many characters.
const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
/// A dotted tail ("is_python_build" in "sysconfig.is_python_build") is cut here.
const MAX_DOTTED_TAIL_CHARS: usize = 64;

/// One word to index for a token.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexWord {
    /// The normalized, stemmed form a query looks up.
    pub stem: String,
    /// The token's form with its diacritics, when `stem` dropped them.
    pub original: Option<String>,
    /// A part of a compound token: it gets a share of the token's weight.
    pub compound_part: bool,
}

/// The words of one token: those its text and metadata are found by, and
/// (text only) the tails of a dotted token.
#[derive(Debug, Default)]
pub struct TokenWords {
    /// Found in the text and in metadata.
    pub words: Vec<IndexWord>,
    /// Found in the text only.
    pub tails: Vec<IndexWord>,
}

/// The words of tokens in one language, each token analysed once: news text
/// repeats its words, so most tokens of a shard are looked up, not stemmed.
pub struct Words {
    stemmer: Option<Stemmer>,
    /// Characters besides letters and digits that a word keeps (`_`).
    word_characters: Vec<char>,
    cache: HashMap<String, TokenWords>,
}

impl Words {
    /// Words for `language` (an ISO 639-1 code, maybe with a region: `en-GB`)
    /// that keep `word_characters` besides letters and digits.
    pub fn new(language: &str, word_characters: &[char]) -> Self {
        Words { stemmer: stemmer(language), word_characters: word_characters.to_vec(), cache: HashMap::new() }
    }

    /// The words `token` (text between whitespace) is found by.
    pub fn of(&mut self, token: &str) -> &TokenWords {
        let (stemmer, keep) = (self.stemmer.as_ref(), self.word_characters.as_slice());
        self.cache.entry_ref(token).or_insert_with(|| {
            let words = indexable_words(token, stemmer, keep);
            let tails = dotted_tails(token, stemmer, keep, &words);
            TokenWords { words, tails }
        })
    }
}

fn indexable_words(raw: &str, stemmer: Option<&Stemmer>, keep: &[char]) -> Vec<IndexWord> {
    let mut results = Vec::new();
    let normalized = normalize_word(raw, keep);
    if !normalized.is_empty() {
        results.push(stem_word(&normalized, stemmer, false));
    }
    for suffix in katakana_suffixes(raw) {
        let plain = strip_diacritics(suffix);
        results.push(IndexWord {
            stem: plain.clone().unwrap_or_else(|| suffix.to_string()),
            original: plain.map(|_| suffix.to_string()),
            compound_part: true,
        });
    }
    let possibly_compound = raw.chars().any(|c| !c.is_alphanumeric()) || raw.chars().skip(1).any(char::is_uppercase);
    if !possibly_compound {
        return results;
    }
    let parts = raw.replace(|c: char| c.is_ascii_punctuation(), " ").to_case(Case::Lower);
    let parts = parts.split_whitespace().collect::<Vec<_>>().join(" ");
    if !normalized.is_empty() && (parts.contains(char::is_whitespace) || !normalized.starts_with(&parts)) {
        // Only parts of two or more bytes, as Pagefind does.
        for part in parts.split_whitespace().filter(|w| w.len() > 1) {
            results.push(stem_word(part, stemmer, true));
        }
    }
    results
}

/// The compound tails after each dot of a token, not already among `existing`.
fn dotted_tails(raw: &str, stemmer: Option<&Stemmer>, keep: &[char], existing: &[IndexWord]) -> Vec<IndexWord> {
    let mut tails: Vec<IndexWord> = Vec::new();
    if !raw.contains('.') {
        return tails;
    }
    // A set, so a hostile token of many distinct dotted parts costs linear time.
    let mut seen: HashSet<String> = existing.iter().map(|w| w.stem.clone()).collect();
    for (i, _) in raw.match_indices('.') {
        let rest = &raw[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let compound = tail.chars().any(|c| !c.is_alphanumeric()) || tail.chars().skip(1).any(char::is_uppercase);
        if !compound {
            // A plain tail is already indexed, as the last compound part.
            continue;
        }
        let normalized = normalize_word(tail, keep);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = stem_word(&normalized, stemmer, true);
        if seen.insert(word.stem.clone()) {
            tails.push(word);
        }
    }
    tails
}

/// Letters, digits and `keep` characters of `raw`, in lower case.
fn normalize_word(raw: &str, keep: &[char]) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars().filter(|c| c.is_alphanumeric() || keep.contains(c)) {
        let c = c.to_ascii_lowercase();
        if c.is_uppercase() {
            // A non-ASCII capital can lower to several characters.
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn stem_word(normalized: &str, stemmer: Option<&Stemmer>, compound_part: bool) -> IndexWord {
    let plain = strip_diacritics(normalized);
    let base = plain.as_deref().unwrap_or(normalized);
    let stem = match stemmer {
        Some(s) => s.stem(base).into_owned(),
        None => base.to_string(),
    };
    IndexWord { stem, original: plain.map(|_| normalized.to_string()), compound_part }
}

/// `word` without its diacritics, or `None` when it has none. The kana
/// voiced sound marks stay: they tell words apart (バンド "band", ハンド "hand").
fn strip_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word.nfd().filter(|&c| !is_combining_mark(c) || kana_mark(c)).collect();
    // Hangul and the rest stay decomposed, so a half-typed syllable is a prefix.
    let normalized = if stripped.chars().any(kana_mark) { stripped.nfc().collect() } else { stripped };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        is_combining_mark(c) || {
            let mut decomposes = false;
            decompose_canonical(c, |part| decomposes = decomposes || part != c);
            decomposes
        }
    })
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana run: word segmenters leave such runs whole,
/// and a query's prefix match then finds a word inside one.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut suffixes: Vec<&str> = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        // A set: a long run has as many suffixes as characters.
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// The stemmer Pagefind's browser side uses for `language`, if it has one.
fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(token: &str) -> Vec<String> {
        let mut words = Words::new("en", &['_']);
        let found = words.of(token);
        found.words.iter().chain(&found.tails).map(|w| w.stem.clone()).collect()
    }

    #[test]
    fn a_word_is_lowered_and_stemmed() {
        assert_eq!(stems("Elections,"), ["elect"]);
    }

    #[test]
    fn compound_tokens_give_their_parts() {
        assert_eq!(stems("al-Assad"), ["alassad", "al", "assad"]);
        // "i" is too short to be a part of its own.
        assert_eq!(stems("iPhone"), ["iphon", "phone"]);
    }

    #[test]
    fn diacritics_are_kept_beside_the_plain_form() {
        let mut words = Words::new("fr", &[]);
        let found = words.of("Café").words[0].clone();
        assert_eq!(found.original.as_deref(), Some("café"));
        assert_eq!(found.stem, words.of("cafe").words[0].stem);
        assert_eq!(words.of("cafe").words[0].original, None);
    }

    #[test]
    fn dotted_tails_are_indexed_once_each() {
        assert_eq!(
            stems("sysconfig.is_python_build"),
            ["sysconfigis_python_build", "sysconfig", "is", "python", "build", "is_python_build"]
        );
        // Distinct tails of a long hostile token: each kept once, in linear time.
        let token: String = (0..20_000).map(|i| format!("x{i}_y.")).collect();
        let mut words = Words::new("en", &['_']);
        let found = words.of(&token);
        assert_eq!(found.tails.len(), 19_999);
    }

    #[test]
    fn no_stemmer_for_an_unknown_language() {
        let mut words = Words::new("xx", &[]);
        assert_eq!(words.of("Running").words[0].stem, "running");
    }
}
