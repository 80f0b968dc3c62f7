//! Replays the fuzzers' inputs (`fuzz/seeds/`, the minimized corpus kept in
//! `fuzz/corpus.tar.gz`, and any crash kept in `fuzz/regressions/`) through the
//! same code the fuzz targets drive, so every input ever found stays a test.

use std::path::Path;

use dateline::content::{self, PubDate, markdown::RawHtml};
use dateline::extract::{Extractor, Vocabularies};
use dateline::ingest::{self, Fallback, SourceKind, dateline as datelines, html};
use dateline::slug::Slug;

/// The committed corpus, unpacked once per test run.
fn corpus() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let archive = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus.tar.gz");
        let status = std::process::Command::new("tar").arg("xzf").arg(&archive).arg("-C").arg(dir.path()).status();
        assert!(status.is_ok_and(|s| s.success()), "cannot unpack {}", archive.display());
        dir
    })
    .path()
}

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut all = Vec::new();
    let dirs =
        [root.join("seeds").join(target), corpus().join("corpus").join(target), root.join("regressions").join(target)];
    for (n, dir) in dirs.into_iter().enumerate() {
        let before = all.len();
        for entry in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
        {
            all.push(std::fs::read(entry.path()).unwrap());
        }
        // Seeds and corpus must be there (regressions may be none): a moved
        // folder would otherwise turn this into a test of nothing.
        assert!(n == 2 || all.len() > before, "no {target} inputs in {}", dir.display());
    }
    all
}

#[test]
fn front_matter_inputs_never_panic() {
    for data in inputs("frontmatter") {
        let text = String::from_utf8_lossy(&data);
        for raw in [RawHtml::Escape, RawHtml::Allow] {
            if let Ok(a) = content::parse(Path::new("content/f.md"), &text, raw) {
                assert!(!a.meta.title.is_empty());
            }
        }
        let _ = dateline::config::Config::parse(&text);
    }
}

#[test]
fn ingest_inputs_never_panic_and_never_become_markup() {
    let extractor = Extractor::new(&Vocabularies::defaults());
    for data in inputs("ingest_text") {
        let Ok((text, _)) = ingest::decode::decode(&data) else { continue };
        if let Ok(a) =
            ingest::analyze(&text, SourceKind::Text, Fallback::DefaultDate(jiff::civil::date(2012, 10, 24)), &extractor)
        {
            let body = ingest::emit::body_markdown(&a.layout.blocks);
            assert!(!content::markdown::render(&body, RawHtml::Allow).html.contains("<script"));
        }
    }
    for data in inputs("ingest_html") {
        let _ = html::parse(&String::from_utf8_lossy(&data));
    }
}

#[test]
fn slug_and_date_inputs_keep_their_invariants() {
    for data in inputs("slug") {
        let s = Slug::from_name(&String::from_utf8_lossy(&data));
        assert!(
            !s.as_str().is_empty()
                && s.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
    }
    for data in inputs("dates") {
        let text = String::from_utf8_lossy(&data);
        if let Ok(d) = PubDate::parse(&text) {
            assert_eq!(PubDate::parse(&d.rfc3339()).unwrap().sort_key(), d.sort_key());
        }
        let _ = datelines::parse(&text);
        let _ = datelines::parse_date_prefix(&text);
    }
}
