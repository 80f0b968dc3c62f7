//! Front matter and Markdown of a content file: any bytes must give an
//! article or diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for raw in [dateline::content::markdown::RawHtml::Escape, dateline::content::markdown::RawHtml::Allow] {
        if let Ok(article) = dateline::content::parse(std::path::Path::new("content/f.md"), &text, raw) {
            assert!(!article.meta.title.is_empty());
            assert!(!article.slug.as_str().is_empty());
        }
    }
    let _ = dateline::config::Config::parse(&text);
});
