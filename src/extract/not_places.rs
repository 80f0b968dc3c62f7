//! Country words that do not name the country as a place of the story: a
//! currency (`Canadian dlr bond`, `Swiss francs`, `N.Z. dollar`), a
//! company's name (`IBM Australia Credit Ltd`, `Bell Canada Inc`) or a
//! ticker (`Union Carbide <UK>`). The gazetteer does not count them as mentions.

/// Currency words that are nouns only, so they follow a country's name or
/// its demonym alike (`Hong Kong dollar`, `Australian dlrs`).
const CURRENCY_NOUNS: &[&str] = &[
    "dollar",
    "dollars",
    "dlr",
    "dlrs",
    "franc",
    "francs",
    "yen",
    "peso",
    "pesos",
    "lira",
    "lire",
    "guilder",
    "guilders",
    "krona",
    "kronor",
    "krone",
    "kroner",
    "rupee",
    "rupees",
    "ringgit",
    "yuan",
    "renminbi",
    "escudo",
    "escudos",
    "peseta",
    "pesetas",
    "drachma",
    "drachmas",
    "schilling",
    "schillings",
    "shilling",
    "shillings",
    "rouble",
    "roubles",
    "ruble",
    "rubles",
    "dinar",
    "dinars",
    "riyal",
    "riyals",
    "rial",
    "rials",
    "baht",
    "rupiah",
    "zloty",
    "zlotys",
    "forint",
    "forints",
    "naira",
    "cedi",
    "cedis",
    "rand",
    "sterling",
];

/// Currency words that are also verbs or other nouns (`South Korea won`,
/// `the Kenyan won the marathon`): a currency only after the demonyms of
/// the states that print it (`Korean won`, `German marks`, `Egyptian pounds`).
const AFTER_DEMONYM: &[(&str, &[&str])] = &[
    ("won", &["korean"]),
    ("mark", &["german", "finnish"]),
    ("marks", &["german", "finnish"]),
    ("pound", &["british", "egyptian", "lebanese", "syrian", "sudanese", "irish", "cypriot"]),
    ("pounds", &["british", "egyptian", "lebanese", "syrian", "sudanese", "irish", "cypriot"]),
];

/// Whether the country word `start..end` of `text` names a currency.
pub fn names_a_currency(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    if !after.starts_with(' ') {
        return false;
    }
    let next: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    let word = text[start..end].to_lowercase();
    CURRENCY_NOUNS.contains(&next.as_str())
        || AFTER_DEMONYM
            .iter()
            .any(|(currency, demonyms)| *currency == next && demonyms.iter().any(|d| word.ends_with(d)))
}

/// Legal designators that end a company's name.
const COMPANY_DESIGNATORS: &[&str] = &[
    "Ltd",
    "Limited",
    "Inc",
    "Incorporated",
    "Corp",
    "Corporation",
    "Co",
    "Plc",
    "PLC",
    "plc",
    "Bhd",
    "Pty",
    "AG",
    "SA",
    "NV",
    "BV",
    "GmbH",
    "SpA",
    "ASA",
    "Oyj",
    "KK",
];

/// How many capitalised words may stand between the country word and the
/// designator (`China Development Finance Co`).
const COMPANY_WORDS_BETWEEN: usize = 3;

/// Whether the country word ending at `end` is part of a company's name:
/// a designator follows it after at most a few capitalised words, all
/// joined by single spaces (`Japan's Mitsubishi Corp` is a Japanese firm,
/// not a company called Japan …).
pub fn in_a_company_name(text: &str, end: usize) -> bool {
    let mut rest = &text[end..];
    for _ in 0..=COMPANY_WORDS_BETWEEN {
        let Some(after) = rest.strip_prefix(' ') else { return false };
        let len = after.find(|c: char| !c.is_alphanumeric() && c != '-').unwrap_or(after.len());
        let word = &after[..len];
        if COMPANY_DESIGNATORS.contains(&word) {
            return true;
        }
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        rest = &after[len..];
    }
    false
}

/// Whether the country word at `start..end` is a stock ticker (`<UK>`).
pub fn is_a_ticker(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with('<') && text[end..].starts_with('>')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(text: &str, word: &str) -> bool {
        let start = text.find(word).expect("the word");
        names_a_currency(text, start, start + word.len())
    }

    #[test]
    fn money_named_by_a_country_is_a_currency() {
        assert!(currency("OKB ISSUES 100 MLN CANADIAN DLR BOND", "CANADIAN"));
        assert!(currency("It fell against the Swiss franc.", "Swiss"));
        assert!(currency("a 40 mln N.Z. dlr certificate", "N.Z."));
        assert!(currency("The Korean won rose.", "Korean"));
        assert!(currency("bought West German marks", "German"));
    }

    #[test]
    fn a_country_before_a_verb_or_a_noun_is_not_a_currency() {
        assert!(!currency("South Korea won the match.", "Korea"));
        assert!(!currency("Israel pounded the town.", "Israel"));
        assert!(!currency("The Kenyan won the marathon.", "Kenyan"));
        assert!(!currency("The American won in straight sets.", "American"));
        assert!(!currency("Canadian dollarization", "Canadian"));
        assert!(!currency("the Brazilian real estate market", "Brazilian"));
        assert!(!currency("Canada's dollar", "Canada"));
    }

    #[test]
    fn a_country_word_in_a_company_name_is_not_a_place() {
        let company = |text: &str, word: &str| in_a_company_name(text, text.find(word).expect("the word") + word.len());
        assert!(company("IBM Australia Credit Ltd is issuing a bond", "Australia"));
        assert!(company("National Australia Bank Ltd said", "Australia"));
        assert!(company("Oversea-Chinese Banking Corp Ltd", "Chinese"));
        assert!(company("China Development Finance Co (H.K.) Ltd", "China"));
        assert!(!company("Japan's Mitsubishi Corp said", "Japan"));
        assert!(!company("exports to Japan rose, Sony Corp said", "Japan"));
        assert!(!company("the Bank of Japan Governor Sumita Satoshi Kogyo Co", "Japan"));
        assert!(!company("in Canada. Co-operation", "Canada"));
    }

    #[test]
    fn a_ticker_is_not_a_place() {
        let text = "UNION CARBIDE <UK> FILES DEBT OFFER IN UK";
        assert!(is_a_ticker(text, 15, 17));
        assert!(!is_a_ticker(text, 39, 41));
    }
}
