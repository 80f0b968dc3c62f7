//! Evaluates `dateline ingest` on trafilatura's evaluation pages
//! (`../shared/corpora/trafilatura-eval`, unpacked; `eval/pages.sh` does it):
//!
//! ```sh
//! cargo run --release --example evaluate_pages -- DIR [--show-misses N] [--only FIELD]
//! ```
//! `DIR` holds `pages/<file>` and `gold.json`. Scored as trafilatura's own
//! `tests/eval_common.py` does: whitespace normalised, a `with` snippet found
//! in the extracted text is a true positive (else a false negative), a
//! `without` snippet found a false positive; precision, recall and F1 over
//! all snippets of all pages. An extraction that fails finds nothing.
//! Title, author and date are compared exactly after trimming (dates as
//! YYYY-MM-DD), on the pages whose gold gives them.

// The evaluation test includes two of these files, each with this module.
#[allow(clippy::duplicate_mod)]
#[path = "support/mod.rs"]
pub mod support;

use std::collections::BTreeMap;
use std::path::Path;

use dateline::extract::{Extractor, Vocabularies};
use dateline::ingest::Analysis;
pub use support::Options;
use support::{Misses, share};

/// One page's gold.
#[derive(serde::Deserialize)]
pub struct Gold {
    /// The page's file.
    pub file: String,
    #[serde(default)]
    /// Snippets of the main text.
    pub with: Vec<String>,
    #[serde(default)]
    /// Snippets of chrome.
    pub without: Vec<String>,
    #[serde(default)]
    /// The headline.
    pub title: Option<String>,
    #[serde(default)]
    /// The author(s).
    pub author: Option<serde_json::Value>,
    #[serde(default)]
    /// The publication day.
    pub date: Option<String>,
}

/// What one run measured.
#[derive(Debug, Default)]
pub struct Report {
    /// Pages read.
    pub pages: usize,
    /// Pages ingest refused.
    pub failures: usize,
    /// Snippet counts: true positives, false positives, false negatives.
    pub tp: usize,
    /// See `tp`.
    pub fp: usize,
    /// See `tp`.
    pub fn_: usize,
    /// (right, scored) for title, author, date.
    pub title: (usize, usize),
    /// Author.
    pub author: (usize, usize),
    /// Date.
    pub date: (usize, usize),
}

impl Report {
    /// Snippet precision.
    pub fn p(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    /// Snippet recall.
    pub fn r(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    /// Snippet F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "pages: {} ({} refused)", self.pages, self.failures)?;
        writeln!(f, "snippets: F1 {:.3} (P {:.3} R {:.3})", self.f1(), self.p(), self.r())?;
        writeln!(f, "title: {:.3} ({}/{})", share(self.title), self.title.0, self.title.1)?;
        writeln!(f, "author: {:.3} ({}/{})", share(self.author), self.author.0, self.author.1)?;
        write!(f, "date: {:.3} ({}/{})", share(self.date), self.date.0, self.date.1)
    }
}

/// Runs of whitespace as one space.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The snippet counts of one page's extracted text.
pub fn snippets(text: &str, with: &[String], without: &[String]) -> (usize, usize, usize) {
    let text = squash(text);
    let found = |s: &String| text.contains(&squash(s));
    let tp = with.iter().filter(|s| found(s)).count();
    (tp, without.iter().filter(|s| found(s)).count(), with.len() - tp)
}

fn gold_author(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.trim().to_string()),
        serde_json::Value::Array(items) => {
            Some(items.iter().filter_map(|v| v.as_str()).map(str::trim).collect::<Vec<_>>().join("; "))
        }
        _ => None,
    }
}

/// Scores every page of `dir`.
pub fn evaluate(dir: &Path, options: &Options) -> Result<Report, String> {
    let text = std::fs::read_to_string(dir.join("gold.json")).map_err(|e| format!("gold.json: {e}"))?;
    let gold: BTreeMap<String, Gold> = serde_json::from_str(&text).map_err(|e| format!("gold.json: {e}"))?;
    let extractor = Extractor::new(&Vocabularies::defaults());
    let mut report = Report::default();
    let mut misses = Misses::default();
    for g in gold.values() {
        report.pages += 1;
        let analysis = std::fs::read(dir.join("pages").join(&g.file))
            .map_err(|e| e.to_string())
            .and_then(|bytes| support::analyze_page(&bytes, jiff::civil::date(2000, 1, 1), &extractor));
        match analysis {
            Ok(a) => score_page(g, &a, &mut report, &mut misses),
            Err(e) => {
                report.failures += 1;
                report.fn_ += g.with.len();
                misses.add("refused", 0.0, format!("{}: {e}", g.file));
            }
        }
    }
    misses.print(options);
    Ok(report)
}

fn score_page(g: &Gold, a: &Analysis, report: &mut Report, misses: &mut Misses) {
    let mut miss = |field: &str, line: String| misses.add(field, 0.0, line);
    let extracted = format!("{}\n{}", a.title, support::story_text(&a.layout.blocks));
    let (tp, fp, fn_) = snippets(&extracted, &g.with, &g.without);
    report.tp += tp;
    report.fp += fp;
    report.fn_ += fn_;
    if fp + fn_ > 0 {
        let squashed = squash(&extracted);
        let kept: Vec<&String> = g.without.iter().filter(|s| squashed.contains(&squash(s))).collect();
        let lost: Vec<&String> = g.with.iter().filter(|s| !squashed.contains(&squash(s))).collect();
        miss("text", format!("{}: {tp} found, {fn_} missed {lost:?}, {fp} chrome kept {kept:?}", g.file));
    }
    if let Some(t) = g.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        report.title.1 += 1;
        let right = squash(t) == squash(&a.title);
        report.title.0 += usize::from(right);
        if !right {
            miss("title", format!("{}: {:?} ≠ {t:?}", g.file, a.title));
        }
    }
    if let Some(author) = g.author.as_ref().and_then(gold_author).filter(|s| !s.is_empty()) {
        report.author.1 += 1;
        let ours = a.layout.authors.join("; ");
        let right = squash(&ours) == squash(&author);
        report.author.0 += usize::from(right);
        if !right {
            miss("author", format!("{}: {ours:?} ≠ {author:?}", g.file));
        }
    }
    if let Some(d) = g.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        report.date.1 += 1;
        let right = a.date.to_string() == d;
        report.date.0 += usize::from(right);
        if !right {
            miss("date", format!("{}: {} ≠ {d} ({})", g.file, a.date, a.date_why));
        }
    }
}

fn main() {
    support::run("evaluate_pages", evaluate);
}
