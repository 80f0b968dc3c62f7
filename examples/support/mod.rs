//! What the evaluation examples share: their command line, the analysis of
//! one saved page, and the printing of the worst misses per field.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use dateline::extract::Extractor;
use dateline::ingest::{self, Analysis, Fallback, SourceKind, text::Block};

/// Options of a run.
pub struct Options {
    /// How many misses per field to print.
    pub show_misses: usize,
    /// Only this field's misses.
    pub only: Option<String>,
}

impl Options {
    /// Whether misses of `field` are printed.
    pub fn shows(&self, field: &str) -> bool {
        self.show_misses > 0 && self.only.as_deref().is_none_or(|o| o == field)
    }
}

/// `NAME DIR [--show-misses N] [--only FIELD]`: runs `evaluate` on DIR and
/// prints its report, exiting 2 on bad usage and 1 when it fails.
pub fn run<R: std::fmt::Display>(name: &str, evaluate: impl Fn(&Path, &Options) -> Result<R, String>) {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: {name} DIR [--show-misses N] [--only FIELD]");
        std::process::exit(2);
    };
    let mut options = Options { show_misses: 0, only: None };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--show-misses" => options.show_misses = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--only" => options.only = args.next(),
            other => {
                eprintln!("unknown option {other}");
                std::process::exit(2);
            }
        }
    }
    match evaluate(Path::new(&dir), &options) {
        Ok(report) => println!("{report}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

/// The misses of a run, printed worst first, a few per field.
#[derive(Default)]
pub struct Misses(Vec<(String, f64, String)>);

impl Misses {
    /// A miss of `field` scoring `score` (lower is worse).
    pub fn add(&mut self, field: &str, score: f64, text: String) {
        self.0.push((field.to_string(), score, text));
    }

    /// Prints at most `per_field` misses of each field the options show.
    pub fn print(mut self, options: &Options) {
        self.0.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut shown: BTreeMap<String, usize> = BTreeMap::new();
        for (field, _, text) in self.0 {
            let n = shown.entry(field.clone()).or_default();
            if *n < options.show_misses && options.shows(&field) {
                eprintln!("[{field}] {text}");
            }
            *n += 1;
        }
    }
}

/// right / scored.
pub fn share(x: (usize, usize)) -> f64 {
    x.0 as f64 / x.1.max(1) as f64
}

/// A saved page through dateline's HTML ingest, dated `fallback` when the
/// page gives no date.
pub fn analyze_page(bytes: &[u8], fallback: jiff::civil::Date, extractor: &Extractor) -> Result<Analysis, String> {
    let (text, _, _) = ingest::decode::decode_html(bytes).map_err(|e| e.to_string())?;
    analyze_html(&text, fallback, extractor)
}

/// A page already decoded, through dateline's HTML ingest.
pub fn analyze_html(html: &str, fallback: jiff::civil::Date, extractor: &Extractor) -> Result<Analysis, String> {
    ingest::analyze(html, SourceKind::Html, Fallback::DefaultDate(fallback), extractor).map_err(|e| e.to_string())
}

/// The story's text, one block a line.
pub fn story_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.clone(),
            Block::Table(rows) => rows.join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
