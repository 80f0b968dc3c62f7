//! Dates and datelines: any text parses or is refused, never a panic.
#![no_main]
use dateline::content::PubDate;
use dateline::ingest::dateline as datelines;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(d) = PubDate::parse(&text) {
        let again = PubDate::parse(&d.rfc3339()).expect("its own output parses");
        assert_eq!(again.sort_key(), d.sort_key());
    }
    if let Some(d) = datelines::parse(&text) {
        assert!(d.text_start <= text.len() && text.is_char_boundary(d.text_start));
    }
    let _ = datelines::parse_alone(&text);
    let _ = datelines::parse_date_prefix(&text);
});
