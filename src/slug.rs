//! `Slug`: the URL-safe form of a name or title. ASCII `a-z`, `0-9` and `-`,
//! never empty, never a reserved device name, and the same for the same input
//! on every run, so URLs stay stable.
//!
//! Because a `Slug` can only be made here, code that joins one into a path
//! never has to check for `..`, `/` or a drive letter.

use std::fmt;

use serde::Serialize;

use crate::fingerprint::fingerprint;

/// Longest slug we emit, in bytes; long titles are cut at a word boundary so
/// paths stay well under file-system name limits (255 bytes).
const MAX_LEN: usize = 80;

/// Names Windows refuses as file or folder names, whatever the extension; a
/// static host on Windows could not serve a page under them.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A URL path segment: ASCII lower-case letters, digits and single dashes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// The slug of a display name: `São Tomé and Príncipe` → `sao-tome-and-principe`.
    ///
    /// A name with nothing to transliterate (`!!!`) gets `n-` and a hash of the
    /// name, so two such names still get two pages.
    pub fn from_name(name: &str) -> Slug {
        // A possessive is one word in a URL: "Obama's Guidance" → obamas-guidance.
        let name = name.replace("'s", "s").replace("’s", "s");
        let mut s = slug::slugify(&name);
        if s.len() > MAX_LEN {
            let cut = s[..MAX_LEN].rfind('-').filter(|&i| i > MAX_LEN / 2).unwrap_or(MAX_LEN);
            s.truncate(cut);
            while s.ends_with('-') {
                s.pop();
            }
        }
        if s.is_empty() {
            s = format!("n-{:08x}", fingerprint(name.as_bytes()) as u32);
        }
        if RESERVED.contains(&s.as_str()) {
            s.push_str("-0");
        }
        Slug(s)
    }

    /// This slug with a numeric suffix, for the second and later names that slug alike.
    pub fn with_suffix(&self, n: usize) -> Slug {
        Slug(format!("{}-{n}", self.0))
    }

    /// This slug, or the first of `slug-2`, `slug-3`, … that `taken` does not
    /// refuse; with the number used (1 for the slug itself). The one rule for
    /// names that slug alike, wherever they meet.
    pub fn first_free(&self, mut taken: impl FnMut(&Slug) -> bool) -> (Slug, usize) {
        let mut n = 1;
        let mut slug = self.clone();
        while taken(&slug) {
            n += 1;
            slug = self.with_suffix(n);
        }
        (slug, n)
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Slug;

    #[track_caller]
    fn check(name: &str, expected: &str) {
        assert_eq!(Slug::from_name(name).as_str(), expected, "name: {name:?}");
    }

    #[test]
    fn transliterates_and_lowercases() {
        check("Kim Kwan-jin", "kim-kwan-jin");
        check("São Tomé and Príncipe", "sao-tome-and-principe");
        check("Leon E. Panetta", "leon-e-panetta");
        check("Côte d'Ivoire", "cote-d-ivoire");
        check("Obama’s Guidance", "obamas-guidance");
    }

    #[test]
    fn never_empty_nor_a_path_trick() {
        for name in ["!!!", "", "..", "/", "\\", "   "] {
            let s = Slug::from_name(name);
            assert!(s.as_str().starts_with("n-"), "{name:?} gave {s}");
            assert!(s.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
        assert_ne!(Slug::from_name("!!!"), Slug::from_name("???"));
    }

    #[test]
    fn device_names_are_avoided() {
        check("CON", "con-0");
        check("nul", "nul-0");
    }

    #[test]
    fn long_names_are_cut_at_a_dash() {
        let long = "word ".repeat(100);
        let s = Slug::from_name(&long);
        assert!(s.as_str().len() <= 80);
        assert!(s.as_str().ends_with("word"));
    }

    #[test]
    fn suffixes_are_appended() {
        assert_eq!(Slug::from_name("Mali").with_suffix(2).as_str(), "mali-2");
        let taken = ["mali", "mali-2"];
        let (free, n) = Slug::from_name("Mali").first_free(|s| taken.contains(&s.as_str()));
        assert_eq!((free.as_str(), n), ("mali-3", 3));
    }
}
