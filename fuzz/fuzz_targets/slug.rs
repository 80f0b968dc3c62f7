//! Slugs: any name gives a non-empty slug of `a-z`, `0-9` and `-` that
//! cannot be a path trick.
#![no_main]
use dateline::slug::Slug;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = String::from_utf8_lossy(data);
    let slug = Slug::from_name(&name);
    let s = slug.as_str();
    assert!(!s.is_empty() && s.len() <= 80);
    assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s:?}");
    assert!(s != "." && s != "..");
    assert_eq!(Slug::from_name(&name), slug, "stable");
});
