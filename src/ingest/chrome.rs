//! Site chrome: lines that belong to the page around a story, not to it.
//!
//! General rules, never a list of one site's sentences, and each judged on
//! the source alone (so a source gives the same article in any batch):
//! short call-to-action lines ("Join the mailing list", "… - JOIN NOW"),
//! logo text, wire sign-offs, and labels left with nothing after them at
//! the end of a page ("No comments:"). Where the story starts and ends is
//! the layouts' business (`text`, `html`).

/// Phrases that make a short line a call to action.
const CALLS_TO_ACTION: &[&str] = &[
    "join now",
    "join the mailing list",
    "join our mailing list",
    "mailing list",
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "login",
    "register now",
    "apply now",
    "learn more",
    "follow us",
    "share this",
    "share on",
    "click here",
    "read more",
    "download the app",
    "download our app",
    "newsletter",
    "advertisement",
    "sponsored content",
    "all rights reserved",
    "back to top",
    "skip to content",
    "skip to main content",
    "print this",
    "email this",
    "related articles",
    "related stories",
    "recommended for you",
    "leave a comment",
    "post a comment",
    "add a comment",
    "cookie policy",
    "accept cookies",
    "privacy policy",
    "terms of use",
    "view comments",
    "most popular",
    "trending now",
];

/// Sign-off lines that close a wire story, and the agency each reveals.
const SIGN_OFFS: &[(&str, Option<&str>)] = &[
    ("reuter", Some("Reuters")),
    ("reuters", Some("Reuters")),
    ("ap", Some("Associated Press")),
    ("pti", Some("Press Trust of India")),
    ("ians", Some("Indo-Asian News Service")),
    ("afp", Some("Agence France-Presse")),
    ("-30-", None),
    ("###", None),
    ("# # #", None),
    ("-end-", None),
    ("(end)", None),
    ("end", None),
];

/// Whether `line` is a call to action: short, and built around one of the
/// phrases above. `max_words` is stricter in the middle of a story.
pub fn is_call_to_action(line: &str, max_words: usize) -> bool {
    let words = line.split_whitespace().count();
    if words == 0 || words > max_words {
        return false;
    }
    let lower = line.to_lowercase();
    // Page furniture: a logo's alternative text, a sign-in form's placeholder.
    let furniture = lower.ends_with(" logo") || (line.contains('@') && words <= 6);
    furniture || CALLS_TO_ACTION.iter().any(|cta| contains_phrase(&lower, cta))
}

/// Where a site sends its readers, in a promotion closing a story.
const CHANNELS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "telegram",
    "youtube",
    "whatsapp",
    "tiktok",
    "newsletter",
    "podcast",
    "app",
    "apps",
    "edition",
    "e-edition",
    "ios",
    "android",
];

/// Verbs addressed to the reader, first in a promotion (`Follow The Gleaner
/// on Twitter`, `Síguenos en Telegram`), in the languages of the pages we read.
const READER_VERBS: &[&str] = &[
    "follow",
    "subscribe",
    "sign",
    "download",
    "join",
    "get",
    "watch",
    "listen",
    "síguenos",
    "siguenos",
    "suscríbete",
    "únete",
    "mira",
    "folgen",
    "abonnieren",
    "abonnez-vous",
    "suivez-nous",
];

/// A promotion of the site's own channels (`Subscribe now to our eNATION
/// edition for the full story.`, `¡Mira lo que tiene nuestro canal de
/// YouTube!`): a short line that names a channel and either opens with a
/// verb to the reader or speaks of "our" channel.
pub fn is_channel_promo(line: &str) -> bool {
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 30 || !words.iter().any(|w| CHANNELS.contains(&w.as_str())) {
        return false;
    }
    let addressed = READER_VERBS.contains(&words[0].as_str());
    let ours = words
        .iter()
        .any(|w| matches!(w.as_str(), "our" | "nuestro" | "nuestra" | "unser" | "unseren" | "notre" | "nos"));
    addressed || ours
}

/// Names on a row of share buttons (`Whatsapp Facebook Pint Baixar`).
const SHARE_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "whatsapp",
    "pinterest",
    "pint",
    "pin",
    "linkedin",
    "reddit",
    "email",
    "e-mail",
    "mail",
    "telegram",
    "print",
    "share",
    "tweet",
    "tumblr",
    "messenger",
    "copy",
    "link",
    "flipboard",
    "sms",
    "vk",
    "xing",
    "compartir",
    "partager",
    "teilen",
    "condividi",
    "compartilhar",
    "baixar",
    "download",
    "comments",
    "comment",
];

/// A row of share buttons: two to eight words, nearly all of them networks or sharing words.
pub fn is_share_row(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == '|' || c == '·')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    let shared = words.iter().filter(|w| SHARE_WORDS.contains(&w.as_str())).count();
    (2..=8).contains(&words.len()) && shared * 4 >= words.len() * 3
}

/// Labels after which a page lists tags, topics or other stories, never more story.
const SECTION_LABELS: &[&str] = &[
    "tags",
    "tagged",
    "tags:",
    "topics",
    "related",
    "related topics",
    "related stories",
    "related articles",
    "read more",
    "see also",
    "more stories",
    "more from",
    "filed under",
    "categories",
    "you may also like",
    "recommended",
    "most popular",
    "trending",
    "more on this story",
    "latest news",
    "comments",
    // The same labels in the other languages of the pages we read.
    "weitere themen",
    "weitere artikel",
    "ähnliche artikel",
    "ähnliche beiträge",
    "verwandte artikel",
    "empfohlene beiträge",
    "videos zum thema",
    "mehr zum thema",
    "beiträge aus dem forum",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "kommentare",
    "schlagwörter",
    "schlagworte",
    "artículos relacionados",
    "más noticias",
    "etiquetas",
    "articles similaires",
    "sur le même sujet",
    "artigos relacionados",
];

/// A label that opens the lists at the end of a page (`Tags`, `Related stories`).
pub fn is_section_label(line: &str) -> bool {
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    SECTION_LABELS.contains(&lower.as_str())
}

/// Headings over lists of other stories, beyond the section labels, in the
/// languages of the pages we read.
const RELATED_HEADINGS: &[&str] = &[
    "you may also like",
    "you might also like",
    "you may like",
    "related posts",
    "related news",
    "more from this section",
    "você pode gostar",
    "você também pode gostar",
    "veja também",
    "notícias relacionadas",
    "te puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "vous aimerez aussi",
    "à lire aussi",
    "das könnte sie auch interessieren",
    "potrebbe interessarti",
    "articoli correlati",
    "читайте также",
];

/// A heading over a list of other stories (`Related stories`, `Você pode gostar...`).
pub fn is_related_label(heading: &str) -> bool {
    let lower = heading.trim().trim_end_matches(['.', '…', ':', '!']).trim().to_lowercase();
    is_section_label(&lower) || RELATED_HEADINGS.contains(&lower.as_str())
}

/// Labels that send the reader to another story, in the languages of the pages we read.
const SEE_ALSO: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "more:",
    "watch:",
    "listen:",
    "vea también",
    "ver también",
    "lee también",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "zum weiterlesen",
    "auch interessant",
    "leia também",
    "leia mais",
    "veja também",
    "leggi anche",
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "czytaj też",
    "czytaj także",
    "читайте также",
];

/// A pointer to another story (`Read more: Looted colonial art`, `VEA TAMBIÉN: …`).
pub fn is_see_also(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    line.split_whitespace().count() <= 25
        && SEE_ALSO.iter().any(|label| {
            lower
                .strip_prefix(label)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(" :") || label.ends_with(':'))
        })
}

/// A copyright notice (`© 2019 Example`, `copyright Inexhibit 2019`).
pub fn is_copyright(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    (lower.starts_with('©') || lower.starts_with("copyright") || lower.starts_with("(c) "))
        && line.split_whitespace().count() <= 20
}

/// A label at the end of a page that introduces nothing (`No comments:`,
/// `Share:`): a few words ending with a colon, with no story after them.
pub fn is_dangling_label(line: &str) -> bool {
    let line = line.trim();
    line.ends_with(':') && (1..=4).contains(&line.split_whitespace().count())
}

/// A line that is nothing but a date or a time (`23.10.2018`, `3:59 PM`,
/// `2019-11-19 14:02`): a page's timestamp, which no story prints as a paragraph.
pub fn is_timestamp(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    !tokens.is_empty()
        && tokens.len() <= 4
        && tokens.iter().any(|t| is_numeric_date(t) || is_clock_time(t))
        && tokens.iter().all(|t| {
            is_numeric_date(t)
                || is_clock_time(t)
                || ["am", "pm", "uhr", "h", "|", "-", "–"].contains(&t.to_lowercase().as_str())
        })
}

/// `23.10.2018`, `10/23/2018`, `2018-10-23` (a trailing comma allowed).
fn is_numeric_date(token: &str) -> bool {
    let token = token.trim_end_matches(',');
    [['.', '.'], ['/', '/'], ['-', '-']].iter().any(|[a, _]| {
        let parts: Vec<&str> = token.split(*a).collect();
        let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && (matches!(lengths.as_slice(), [1 | 2, 1 | 2, 2 | 4] | [4, 2, 2]))
    })
}

/// `14:02`, `3:59`, `14:02:31`.
fn is_clock_time(token: &str) -> bool {
    let parts: Vec<&str> = token.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts[0].len() <= 2
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts[0].parse::<u8>().is_ok_and(|h| h <= 23 || (h == 24 && parts[1..].iter().all(|p| *p == "00")))
        && parts[1..].iter().all(|p| p.parse::<u8>().is_ok_and(|m| m <= 59))
}

/// A line that says the same thing twice (`Department of Defense Department
/// of Defense`): a logo and its text, scraped together.
pub fn is_doubled(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 4 && words.len().is_multiple_of(2) && words[..words.len() / 2] == words[words.len() / 2..]
}

/// The sign-off a line is (`Reuter`, `-30-`), with the agency it names.
pub fn sign_off(line: &str) -> Option<Option<&'static str>> {
    let lower = line.trim().to_lowercase();
    SIGN_OFFS.iter().find(|(s, _)| *s == lower).map(|(_, agency)| *agency)
}

/// Picture agencies and libraries, as captions credit them.
const PICTURE_SOURCES: &[&str] = &[
    "getty images",
    "istock",
    "istockphoto",
    "shutterstock",
    "fotolia",
    "adobe stock",
    "imago",
    "picture alliance",
    "picture-alliance",
    "dpa",
    "afp",
    "ap photo",
    "reuters",
    "bestimage",
    "unsplash",
    "pixabay",
    "alamy",
];

/// Labels that open a picture's credit line, in the languages of the pages we read.
const CREDIT_LABELS: &[&str] = &[
    "foto:",
    "fotos:",
    "bild:",
    "bilder:",
    "bildquelle:",
    "quelle:",
    "photo:",
    "photos:",
    "credit:",
    "credits:",
    "crédits photos",
    "crédit photo",
    "titelbild",
    "beitragsbild",
    "foto de",
    "©",
];

/// A picture's credit left in the text (`Getty Images`, `AFP / MARCO
/// BERTORELLO`, `Quelle: jorisvo / Fotolia.com`, `Titelbild:`): a short line
/// that opens with a credit label or names a picture agency with nothing
/// more than names beside it.
pub fn is_image_credit(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if words == 0 || words > 6 || line.trim_end().ends_with(['.', '!', '?']) {
        return false;
    }
    let lower = line.trim().to_lowercase();
    if CREDIT_LABELS.iter().any(|label| lower.starts_with(label)) {
        return true;
    }
    // Beside the agency only names: "What the Reuters poll shows" is a heading.
    let Some(source) = PICTURE_SOURCES.iter().find(|source| contains_phrase(&lower, source)) else { return false };
    let credit_words = ["photo", "photos", "foto", "fotos", "image", "images", "bild", "bilder"];
    line.split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | ',' | ':' | '©' | '(' | ')' | '-'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let word = w.to_lowercase();
            source.split(' ').any(|part| word.contains(part))
                || credit_words.contains(&word.as_str())
                || w.chars().next().is_some_and(char::is_uppercase)
        })
}

fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    haystack.match_indices(phrase).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_lines_of_only_a_date_or_a_time() {
        for line in ["23.10.2018", "3:59 PM", "2019-11-19 14:02", "10/23/2018", "14:02 Uhr"] {
            assert!(is_timestamp(line), "{line}");
        }
        for line in [
            "2018",
            "1:0",
            "Published 23.10.2018",
            "3.5 million",
            "12:30 to 14:00 at the hall",
            "1.2.3",
            "99:99",
            "12:75",
        ] {
            assert!(!is_timestamp(line), "{line}");
        }
    }

    #[test]
    fn calls_to_action_are_short_lines_with_a_cta_phrase() {
        assert!(is_call_to_action("The Largest Career Network for Defense and Intelligence Jobs - JOIN NOW", 20));
        assert!(is_call_to_action("Join the mailing list", 8));
        assert!(is_call_to_action("Subscribe to our newsletter", 8));
        assert!(!is_call_to_action(
            "Officials said they would subscribe to the plan only if the council approved it first.",
            8
        ));
        assert!(!is_call_to_action("The rejoin nowhere", 8), "whole words only");
    }

    #[test]
    fn page_furniture_is_chrome() {
        assert!(is_call_to_action("Defense Visual Information Distribution Service Logo", 20));
        assert!(is_call_to_action("(e.g. yourname@email.com)", 20));
        assert!(is_doubled("United States Department of Defense United States Department of Defense"));
        assert!(!is_doubled("Talks resume in Mali today"));
    }

    #[test]
    fn share_rows_section_labels_and_copyright() {
        assert!(is_share_row("Whatsapp Facebook Pint Baixar"));
        assert!(is_share_row("Share on Facebook | Tweet | Email"));
        assert!(!is_share_row("Facebook shares fell on Monday"));
        assert!(is_section_label("Tags") && is_section_label("Related stories:"));
        assert!(!is_section_label("Tags were found on the suitcases."));
        assert!(is_section_label("Weitere Themen") && is_section_label("Kommentare:"));
        for credit in ["Getty Images", "AFP / MARCO BERTORELLO", "Quelle: jorisvo / Fotolia.com", "Titelbild:"] {
            assert!(is_image_credit(credit), "{credit}");
        }
        assert!(!is_image_credit("Reuters reported the deal on Monday."));
        assert!(!is_image_credit("What the Reuters poll shows") && !is_image_credit("Where dpa stands"));
        assert!(!is_image_credit("The photo was taken by a reader and sent to us in the morning"));
        assert!(!is_section_label("Weitere Themen der Sitzung waren die Finanzen und der Haushalt."));
        assert!(is_copyright("copyright Inexhibit 2019 - ISSN: 2283-5474") && is_copyright("© 2019 Example News"));
        assert!(is_channel_promo("Follow The Gleaner on Twitter and Instagram @JamaicaGleaner"));
        assert!(is_channel_promo("Subscribe now to our eNATION edition for the full story."));
        assert!(is_channel_promo("¡Mira lo que tiene nuestro canal de YouTube!"));
        assert!(!is_channel_promo("Trump said he would follow up on Twitter after the meeting."));
        assert!(!is_channel_promo("The company said its app had 2 million users."));
        assert!(is_related_label("Você pode gostar...") && is_related_label("Related Stories"));
        assert!(!is_related_label("Related to the strike, a vote") && !is_related_label("Reaction"));
        assert!(is_see_also("Read more: Looted colonial art") && is_see_also("VEA TAMBIÉN: Entre heces y guaricha"));
        assert!(!is_see_also("Read more books, the minister said."));
    }

    #[test]
    fn labels_left_at_the_end_are_chrome() {
        assert!(is_dangling_label("No comments:"));
        assert!(is_dangling_label("Share this story:"));
        assert!(!is_dangling_label("The minister said the plan had three parts:"));
        assert!(!is_dangling_label("No comments"));
    }

    #[test]
    fn sign_offs_name_their_agency() {
        assert_eq!(sign_off(" Reuter"), Some(Some("Reuters")));
        assert_eq!(sign_off("-30-"), Some(None));
        assert_eq!(sign_off("Reuters said"), None);
    }
}
