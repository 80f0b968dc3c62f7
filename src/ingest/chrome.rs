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

/// A label at the end of a page that introduces nothing (`No comments:`,
/// `Share:`): a few words ending with a colon, with no story after them.
pub fn is_dangling_label(line: &str) -> bool {
    let line = line.trim();
    line.ends_with(':') && (1..=4).contains(&line.split_whitespace().count())
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
