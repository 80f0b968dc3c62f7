//! Evaluates `dateline ingest` on saved news pages with hand-made gold
//! (`../shared/corpora/news-gold-dev`, unpacked; `eval/news.sh` does it):
//!
//! ```sh
//! cargo run --release --example evaluate_news -- DIR [--show-misses N] [--only FIELD]
//! ```
//! `DIR` holds `pages/<id>.html` (or `.html.gz` unpacked first) and `gold.jsonl`.
//! Scored as the corpus README says: main text with the Zyte benchmark's
//! shingle F1 (4-word shingles of `\w+` tokens, per-page normalised counts,
//! mean precision and recall); title equal after folding case and space;
//! date within one day; authors the same set of names; dateline the same
//! city; people and countries precision and recall over all names, people
//! folded (titles, initials, middle names dropped) and a lone surname
//! matching the one full name it ends.

// The evaluation test includes two of these files, each with this module.
#[allow(clippy::duplicate_mod)]
#[path = "support/mod.rs"]
pub mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline::extract::{Extractor, Vocabularies};
use dateline::ingest::Analysis;
pub use support::Options;
use support::{Misses, share};

/// One page's gold.
#[derive(serde::Deserialize)]
pub struct Gold {
    /// The page's id (its file name).
    pub id: String,
    #[serde(rename = "articleBody")]
    /// The story's text.
    pub article_body: String,
    /// The headline.
    pub title: Option<String>,
    /// The authors.
    pub authors: Vec<String>,
    /// The publication day.
    pub date: Option<String>,
    /// The dateline's city.
    pub dateline: Option<String>,
    /// Every person named.
    pub people: Vec<String>,
    /// Every country named.
    pub countries: Vec<String>,
}

/// True and false positives and negatives.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// True positives.
    pub tp: f64,
    /// False positives.
    pub fp: f64,
    /// False negatives.
    pub fn_: f64,
}

impl Counts {
    /// Precision.
    pub fn p(&self) -> f64 {
        if self.tp + self.fp == 0.0 { 0.0 } else { self.tp / (self.tp + self.fp) }
    }
    /// Recall.
    pub fn r(&self) -> f64 {
        if self.tp + self.fn_ == 0.0 { 0.0 } else { self.tp / (self.tp + self.fn_) }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// F1 of a precision and a recall.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// What one run measured.
#[derive(Debug, Default)]
pub struct Report {
    /// Pages read.
    pub pages: usize,
    /// Pages ingest refused.
    pub failures: usize,
    /// Main text: mean shingle precision and recall.
    pub text_p: f64,
    /// See `text_p`.
    pub text_r: f64,
    /// (right, scored) for title, date, authors, dateline.
    pub title: (usize, usize),
    /// Date within a day.
    pub date: (usize, usize),
    /// Same set of authors.
    pub authors: (usize, usize),
    /// Same dateline city.
    pub dateline: (usize, usize),
    /// People over all pages.
    pub people: Counts,
    /// Countries over all pages.
    pub countries: Counts,
    /// Pages a second, analysis only (one thread).
    pub pages_per_second: f64,
}

impl Report {
    /// Main-text F1.
    pub fn text_f1(&self) -> f64 {
        f1(self.text_p, self.text_r)
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "pages: {} ({} refused)", self.pages, self.failures)?;
        writeln!(f, "main text: F1 {:.3} (P {:.3} R {:.3})", self.text_f1(), self.text_p, self.text_r)?;
        writeln!(f, "title: {:.3} ({}/{})", share(self.title), self.title.0, self.title.1)?;
        writeln!(f, "date within a day: {:.3} ({}/{})", share(self.date), self.date.0, self.date.1)?;
        writeln!(f, "authors: {:.3} ({}/{})", share(self.authors), self.authors.0, self.authors.1)?;
        writeln!(f, "dateline: {:.3} ({}/{})", share(self.dateline), self.dateline.0, self.dateline.1)?;
        let (p, c) = (self.people, self.countries);
        writeln!(f, "people: P {:.3} R {:.3} F1 {:.3}", p.p(), p.r(), f1(p.p(), p.r()))?;
        writeln!(f, "countries: P {:.3} R {:.3} F1 {:.3}", c.p(), c.r(), f1(c.p(), c.r()))?;
        write!(f, "speed: {:.0} pages/s on one thread (decode and analysis)", self.pages_per_second)
    }
}

/// The benchmark's tokens: runs of word characters.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

/// Per-page shingle counts, normalised to sum to one.
pub fn shingle_match(gold: &str, pred: &str) -> Counts {
    fn shingles(text: &str) -> HashMap<Vec<&str>, f64> {
        let t = tokens(text);
        let mut counts: HashMap<Vec<&str>, f64> = HashMap::new();
        let n = 4;
        for i in 0..t.len().saturating_sub(n - 1).max(1) {
            let s = t[i..(i + n).min(t.len())].to_vec();
            if !s.is_empty() {
                *counts.entry(s).or_default() += 1.0;
            }
        }
        counts
    }
    let (g, p) = (shingles(gold), shingles(pred));
    let mut c = Counts::default();
    for key in g.keys().chain(p.keys().filter(|k| !g.contains_key(*k))) {
        let (gc, pc) = (g.get(key).copied().unwrap_or(0.0), p.get(key).copied().unwrap_or(0.0));
        c.tp += gc.min(pc);
        c.fp += (pc - gc).max(0.0);
        c.fn_ += (gc - pc).max(0.0);
    }
    let sum = c.tp + c.fp + c.fn_;
    if sum > 0.0 {
        c = Counts { tp: c.tp / sum, fp: c.fp / sum, fn_: c.fn_ / sum };
    }
    c
}

/// Case, accents, punctuation and spacing folded.
pub fn fold(text: &str) -> String {
    let decomposed: String = text
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect();
    decomposed
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person's name as compared: folded, titles, initials, suffixes and middle names dropped.
pub fn person_key(name: &str) -> String {
    const DROP: &[&str] =
        &["mr", "mrs", "ms", "dr", "sir", "jr", "sr", "ii", "iii", "iv", "president", "gen", "lt", "col"];
    let words: Vec<String> =
        fold(name).split(' ').filter(|w| w.len() > 1 && !DROP.contains(w)).map(str::to_string).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{first} {last}"),
    }
}

/// Matches predicted against gold names: exact keys, then a lone surname on
/// either side against the one name of the other side that it ends.
pub fn match_people(gold: &[String], pred: &[String]) -> Counts {
    let g: Vec<String> = dedup(gold.iter().map(|n| person_key(n)));
    let p: Vec<String> = dedup(pred.iter().map(|n| person_key(n)));
    let mut used_g = vec![false; g.len()];
    let mut used_p = vec![false; p.len()];
    for (i, pn) in p.iter().enumerate() {
        if let Some(j) = g.iter().position(|gn| gn == pn) {
            used_g[j] = true;
            used_p[i] = true;
        }
    }
    let ends = |full: &str, lone: &str| !lone.contains(' ') && full.rsplit(' ').next() == Some(lone);
    for i in 0..p.len() {
        if used_p[i] {
            continue;
        }
        let candidates: Vec<usize> =
            (0..g.len()).filter(|&j| !used_g[j] && (ends(&g[j], &p[i]) || ends(&p[i], &g[j]))).collect();
        if let [j] = candidates.as_slice() {
            used_g[*j] = true;
            used_p[i] = true;
        }
    }
    let tp = used_p.iter().filter(|u| **u).count() as f64;
    Counts { tp, fp: p.len() as f64 - tp, fn_: g.len() as f64 - tp }
}

fn dedup(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

fn match_sets(gold: &[String], pred: &[String]) -> Counts {
    let g: Vec<String> = dedup(gold.iter().cloned());
    let p: Vec<String> = dedup(pred.iter().cloned());
    let tp = p.iter().filter(|x| g.contains(x)).count() as f64;
    Counts { tp, fp: p.len() as f64 - tp, fn_: g.len() as f64 - tp }
}

/// The `--default-date` pages without a date get: far from any gold date,
/// so a page whose date is not found counts as wrong rather than refused.
const FALLBACK_DATE: jiff::civil::Date = jiff::civil::date(2000, 1, 1);

fn page_file(dir: &Path, id: &str) -> PathBuf {
    dir.join("pages").join(format!("{id}.html"))
}

/// Scores every page of `dir`.
pub fn evaluate(dir: &Path, options: &Options) -> Result<Report, String> {
    let gold_text = std::fs::read_to_string(dir.join("gold.jsonl")).map_err(|e| format!("gold.jsonl: {e}"))?;
    let extractor = Extractor::new(&Vocabularies::defaults());
    let mut report = Report::default();
    let mut text = TextScores::default();
    let mut misses = Misses::default();
    let mut elapsed = std::time::Duration::ZERO;
    for line in gold_text.lines() {
        let gold: Gold = serde_json::from_str(line).map_err(|e| format!("gold line: {e}"))?;
        let bytes = std::fs::read(page_file(dir, &gold.id)).map_err(|e| format!("page {}: {e}", gold.id))?;
        report.pages += 1;
        let started = Instant::now();
        let analysis = support::analyze_page(&bytes, FALLBACK_DATE, &extractor);
        elapsed += started.elapsed();
        match analysis {
            Ok(a) => {
                text.score(&gold, &a, &mut misses);
                score_fields(&gold, &a, &mut report, &mut misses);
                score_entities(&gold, &a, &mut report, &mut misses);
            }
            Err(e) => {
                report.failures += 1;
                misses.add("refused", 0.0, format!("{}: {e}", gold.id));
                // Nothing extracted: precision is undefined, recall zero.
                text.r.push(0.0);
                report.people.add(match_people(&gold.people, &[]));
                report.countries.add(match_sets(&gold.countries, &[]));
            }
        }
    }
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    report.text_p = mean(&text.p);
    report.text_r = mean(&text.r);
    report.pages_per_second = report.pages as f64 / elapsed.as_secs_f64().max(1e-9);
    misses.print(options);
    Ok(report)
}

/// Each page's main-text precision and recall.
#[derive(Default)]
struct TextScores {
    p: Vec<f64>,
    r: Vec<f64>,
}

impl TextScores {
    fn score(&mut self, gold: &Gold, a: &Analysis, misses: &mut Misses) {
        let body = support::story_text(&a.layout.blocks);
        let c = shingle_match(&gold.article_body, &body);
        if c.tp + c.fp > 0.0 {
            self.p.push(c.p());
        }
        if c.tp + c.fn_ > 0.0 {
            self.r.push(c.r());
        }
        if std::env::var_os("DATELINE_DUMP_TEXT").is_some_and(|v| v == gold.id.as_str()) {
            eprintln!("--- extracted:\n{body}\n--- gold:\n{}", gold.article_body);
        }
        if f1(c.p(), c.r()) < 0.9 {
            misses.add("text", f1(c.p(), c.r()), format!("{} P {:.2} R {:.2}", gold.id, c.p(), c.r()));
        }
    }
}

/// Title, date, authors and dateline.
fn score_fields(gold: &Gold, a: &Analysis, report: &mut Report, misses: &mut Misses) {
    if let Some(t) = &gold.title {
        report.title.1 += 1;
        let right = fold(t) == fold(&a.title);
        report.title.0 += usize::from(right);
        if !right {
            misses.add("title", 0.0, format!("{}: {:?} ≠ {:?}", gold.id, a.title, t));
        }
    }
    if let Some(d) = gold.date.as_deref().and_then(|d| d.parse::<jiff::civil::Date>().ok()) {
        report.date.1 += 1;
        let days = a.date.since(d).map(|s| s.get_days().abs()).unwrap_or(i32::MAX);
        report.date.0 += usize::from(days <= 1);
        if days > 1 {
            misses.add("date", 0.0, format!("{}: {} ≠ {d} ({})", gold.id, a.date, a.date_why));
        }
    }
    let authors: Vec<String> = a.layout.authors.iter().map(|n| person_key(n)).collect();
    let gold_authors: Vec<String> = gold.authors.iter().map(|n| person_key(n)).collect();
    let same = |x: &[String], y: &[String]| x.iter().all(|n| y.contains(n)) && y.iter().all(|n| x.contains(n));
    report.authors.1 += 1;
    report.authors.0 += usize::from(same(&authors, &gold_authors));
    if !same(&authors, &gold_authors) {
        misses.add("authors", 0.0, format!("{}: {:?} ≠ {:?}", gold.id, a.layout.authors, gold.authors));
    }
    report.dateline.1 += 1;
    let right = a.dateline_city.as_deref().map(fold) == gold.dateline.as_deref().map(fold);
    report.dateline.0 += usize::from(right);
    if !right {
        misses.add("dateline", 0.0, format!("{}: {:?} ≠ {:?}", gold.id, a.dateline_city, gold.dateline));
    }
}

/// People and the countries named.
fn score_entities(gold: &Gold, a: &Analysis, report: &mut Report, misses: &mut Misses) {
    let people: Vec<String> = a.entities.people.iter().map(|f| f.name.clone()).collect();
    let pc = match_people(&gold.people, &people);
    report.people.add(pc);
    if pc.fp > 0.0 || pc.fn_ > 0.0 {
        let g: Vec<String> = gold.people.iter().map(|n| person_key(n)).collect();
        let o: Vec<String> = people.iter().map(|n| person_key(n)).collect();
        let ends = |full: &str, lone: &str| {
            full == lone
                || (!lone.contains(' ') && full.rsplit(' ').next() == Some(lone))
                || (!full.contains(' ') && lone.rsplit(' ').next() == Some(full))
        };
        let extra: Vec<&String> =
            people.iter().zip(&o).filter(|(_, k)| !g.iter().any(|x| ends(x, k))).map(|(n, _)| n).collect();
        let missed: Vec<&String> =
            gold.people.iter().zip(&g).filter(|(_, k)| !o.iter().any(|x| ends(x, k))).map(|(n, _)| n).collect();
        misses.add("people", 0.0, format!("{}: extra {extra:?}\n    missed {missed:?}", &gold.id[..8]));
    }
    // The gold lists every country the text names.
    let countries: Vec<String> = a.entities.countries_named.iter().map(|f| f.name.clone()).collect();
    let cc = match_sets(&gold.countries, &countries);
    report.countries.add(cc);
    if cc.fp > 0.0 || cc.fn_ > 0.0 {
        misses.add("countries", 0.0, format!("{}: ours {countries:?}\n    gold {:?}", gold.id, gold.countries));
    }
}

fn main() {
    support::run("evaluate_news", evaluate);
}
