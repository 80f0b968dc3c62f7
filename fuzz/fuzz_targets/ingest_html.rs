//! Saved web pages: any page gives an article or a reason, never a panic or a hang.
#![no_main]
use dateline::ingest::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = html::parse(&text);
});
