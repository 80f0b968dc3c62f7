//! Raw scraped bytes through decoding, layout and extraction: whatever comes
//! in, ingest analyses it or says why not, and what it emits parses back.
#![no_main]
use std::sync::OnceLock;

use dateline::extract::{Extractor, Vocabularies};
use dateline::ingest;
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let extractor = EXTRACTOR.get_or_init(|| Extractor::new(&Vocabularies::defaults()));
    let Ok((text, _)) = ingest::decode::decode(data) else { return };
    let reference = Some(jiff::civil::date(2012, 10, 24));
    if let Ok(a) = ingest::analyze(&text, false, reference, true, extractor) {
        let body = ingest::emit::body_markdown(&a.layout.blocks);
        let md = dateline::content::markdown::render(&body, dateline::content::markdown::RawHtml::Allow);
        assert!(!md.html.contains("<script"), "scraped text became markup");
    }
});
