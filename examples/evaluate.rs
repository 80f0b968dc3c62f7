//! Evaluates `dateline ingest` against a corpus with its publisher's gold
//! labels (Reuters-21578 as prepared in `../shared/corpora/reuters21578/`).
//!
//! ```sh
//! cargo run --release --example evaluate -- DIR [--default-date 1987-06-01] [--limit N] [--show-misses N] [--split TEST]
//! ```
//! `DIR` holds `articles/NEWID.txt` and `gold.jsonl`. Prints precision, recall
//! and F1 for countries, precision and recall for coded people, accuracy for
//! title, date (±1 day, as the README of the corpus advises) and dateline,
//! and the analysis rate on one core. Code → name mappings are in `eval/`.
//!
//! Scoring choices, stated so figures can be read right:
//! - Countries: gold PLACES codes map to names through `eval/reuters-places.tsv`;
//!   `West Germany` and `Germany` count as one (the gazetteer files West German
//!   cities under today's Germany).
//! - People: only predictions that map to one of the corpus's coded people count
//!   for precision (everyone else has no gold); a prediction maps to a code when
//!   its surname matches and its first name, if any, agrees.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline::extract::{Extractor, Vocabularies};
use dateline::ingest::{self, Analysis, Fallback, SourceKind};

#[derive(serde::Deserialize)]
struct Gold {
    id: u64,
    has_body: bool,
    title: Option<String>,
    date: String,
    dateline: Option<String>,
    places: Vec<String>,
    people: Vec<String>,
    /// The Lewis split (`TRAIN`, `TEST`, `NOT-USED`).
    #[serde(default)]
    lewissplit: String,
}

/// True and false positives and negatives.
#[derive(Default)]
pub struct Score {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Score {
    /// Precision.
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn table(path: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("mapping file");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t').map(|(a, b)| (a.trim().to_string(), b.trim().to_string())))
        .collect()
}

fn same_country(name: &str) -> &str {
    if name == "West Germany" { "Germany" } else { name }
}

fn fold(s: &str) -> String {
    s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The code a predicted person maps to, if any.
fn person_code<'a>(name: &str, people: &'a [(String, String)]) -> Option<&'a str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let surname = words.last()?.to_lowercase();
    people.iter().find_map(|(code, full)| {
        // The table writes initials and nicknames too: `E. Gerald Corrigan`, `Robert (Bob) Hawke`.
        let gold: Vec<&str> = full.split_whitespace().filter(|w| !w.ends_with('.')).collect();
        let same_surname = gold.last().is_some_and(|s| s.to_lowercase() == surname);
        let given = |g: &str| g.trim_matches(['(', ')']).to_lowercase() == words[0].to_lowercase();
        let first_agrees =
            words.len() < 2 || gold.len() < 2 || gold[..gold.len() - 1].iter().any(|g| given(g)) || words[0].len() <= 2;
        (same_surname && first_agrees).then_some(code.as_str())
    })
}

/// What to evaluate and how.
pub struct Options {
    /// Year for datelines without one (else each file's time).
    pub default_date: Option<jiff::civil::Date>,
    /// Stop after this many gold lines.
    pub limit: usize,
    /// How many country mismatches to keep for printing.
    pub show_misses: usize,
    /// Where to write per-entity rows for analysis.
    pub dump: Option<std::fs::File>,
    /// Only stories of this Lewis split (`TEST`), when set.
    pub split: Option<String>,
}

/// The figures of one evaluation.
#[derive(Default)]
pub struct Report {
    /// Stories with a body that were read.
    pub stories: usize,
    /// Stories ingest could not analyse.
    pub failures: usize,
    /// Country scores.
    pub countries: Score,
    /// Coded-people scores of the people each story is about (`people_about`).
    pub people: Score,
    /// Coded-people scores of every person named (`people`).
    pub people_named: Score,
    /// (right, total) for titles, dates (±1 day) and datelines.
    pub titles: (usize, usize),
    /// See `titles`.
    pub dates: (usize, usize),
    /// See `titles`.
    pub datelines: (usize, usize),
    /// Stories analysed per second on one core.
    pub per_sec: f64,
    /// Examples of country mismatches.
    pub misses: Vec<String>,
}

/// Evaluates ingest on the corpus in `dir` (`articles/` and `gold.jsonl`).
pub fn evaluate(dir: &Path, options: Options) -> Result<Report, String> {
    let Options { default_date, limit, show_misses, mut dump, split } = options;
    let gold_text = std::fs::read_to_string(dir.join("gold.jsonl"))
        .map_err(|e| format!("cannot read {}: {e}", dir.join("gold.jsonl").display()))?;
    let places = table("eval/reuters-places.tsv");
    let people_codes: Vec<(String, String)> = {
        // "Robert (Bob) Hawke" → "Robert Bob Hawke"; "King Fahd (Ibn Abdulaziz)" → "King Fahd".
        let clean = |n: &str| {
            let n = n.replace("(Bob)", "Bob");
            n.split('(').next().unwrap_or(&n).trim().to_string()
        };
        let mut v: Vec<_> = table("eval/reuters-people.tsv").into_iter().map(|(c, n)| (c, clean(&n))).collect();
        v.sort();
        v
    };
    let extractor = Extractor::new(&Vocabularies::defaults());

    let mut report = Report::default();
    let mut analysis_time = std::time::Duration::ZERO;
    for line in gold_text.lines().take(limit) {
        let gold: Gold = serde_json::from_str(line).expect("gold line");
        if !gold.has_body || split.as_ref().is_some_and(|s| !s.eq_ignore_ascii_case(&gold.lewissplit)) {
            continue;
        }
        let path = dir.join("articles").join(format!("{}.txt", gold.id));
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok((text, _)) = ingest::decode::decode(&bytes) else { continue };
        let fallback = fallback_for(&path, default_date);
        report.stories += 1;
        let started = Instant::now();
        let result = ingest::analyze(&text, SourceKind::Text, fallback, &extractor);
        analysis_time += started.elapsed();
        let Ok(a) = result else {
            report.failures += 1;
            if report.failures <= show_misses {
                eprintln!(
                    "not analysed: {} ({})",
                    gold.id,
                    result.as_ref().err().map(ToString::to_string).unwrap_or_default()
                );
            }
            if let (Some(out), Err(e)) = (dump.as_mut(), &result) {
                use std::io::Write;
                let _ = writeln!(out, "F\t{}\t{e}", gold.id);
            }
            continue;
        };
        if let Some(out) = dump.as_mut() {
            write_salience(out, &gold, &a, &text, &places, &extractor);
        }
        // Countries.
        let predicted: HashSet<&str> = a.entities.countries.iter().map(|f| same_country(&f.name)).collect();
        let expected: HashSet<&str> =
            gold.places.iter().filter_map(|c| places.get(c)).map(|n| same_country(n)).collect();
        report.countries.tp += predicted.intersection(&expected).count();
        report.countries.fp += predicted.difference(&expected).count();
        report.countries.fn_ += expected.difference(&predicted).count();
        if report.misses.len() < show_misses && predicted != expected {
            report.misses.push(format!("{}: predicted {:?}, gold {:?}", gold.id, predicted, expected));
        }
        if let Some(out) = dump.as_mut() {
            let body = a.layout.body_text();
            let story = a.layout.story(&a.title, &body, Some(a.date.year()));
            write_coded_people(out, &gold, &a, &people_codes, &extractor.people_prominence(&story), story.body);
        }
        // People with a code: those the story is about, and every one named.
        let codes = |found: &[dateline::extract::Found]| -> HashSet<&str> {
            found.iter().filter_map(|f| person_code(&f.name, &people_codes)).collect()
        };
        let predicted_codes = codes(&a.entities.people_about);
        let gold_codes: HashSet<&str> = gold.people.iter().map(String::as_str).collect();
        let named_codes = codes(&a.entities.people);
        if let Some(out) = dump.as_mut() {
            write_missed_people(out, &gold, &a, gold_codes.difference(&named_codes));
        }
        report.people_named.tp += named_codes.intersection(&gold_codes).count();
        report.people_named.fp += named_codes.difference(&gold_codes).count();
        report.people_named.fn_ += gold_codes.difference(&named_codes).count();
        report.people.tp += predicted_codes.intersection(&gold_codes).count();
        report.people.fp += predicted_codes.difference(&gold_codes).count();
        report.people.fn_ += gold_codes.difference(&predicted_codes).count();
        score_fields(&gold, &a, &mut report, dump.as_mut());
    }
    report.per_sec = report.stories as f64 / analysis_time.as_secs_f64().max(1e-9);
    Ok(report)
}

/// Title, date and dateline of one story.
fn score_fields(gold: &Gold, a: &Analysis, report: &mut Report, dump: Option<&mut std::fs::File>) {
    if let Some(t) = &gold.title {
        report.titles.1 += 1;
        report.titles.0 += usize::from(fold(t) == fold(&a.title));
        if fold(t) != fold(&a.title)
            && let Some(out) = dump
        {
            use std::io::Write;
            let _ = writeln!(out, "T\t{}\t{}\t{}", gold.id, t, a.title);
        }
    }
    report.dates.1 += 1;
    if let Ok(g) = dateline::content::PubDate::parse(&gold.date) {
        let diff = a.date.since(g.date).map(|s| s.get_days().abs()).unwrap_or(99);
        report.dates.0 += usize::from(diff <= 1);
    }
    if let Some(d) = &gold.dateline {
        report.datelines.1 += 1;
        report.datelines.0 += usize::from(a.dateline_city.as_deref().is_some_and(|c| fold(c) == fold(d)));
    }
}

/// Where an undated story's day comes from: `--default-date`, else the file's time.
fn fallback_for(path: &Path, default_date: Option<jiff::civil::Date>) -> Fallback {
    let file_time = || {
        let t = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
        Some(jiff::Timestamp::try_from(t).ok()?.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
    };
    match (default_date, file_time()) {
        (Some(d), _) => Fallback::DefaultDate(d),
        (None, Some(d)) => Fallback::FileTime(d),
        (None, None) => Fallback::None,
    }
}

/// `--dump`: each country's salience features, and whether the gold has it.
fn write_salience(
    out: &mut std::fs::File,
    gold: &Gold,
    a: &Analysis,
    text: &str,
    places: &HashMap<String, String>,
    extractor: &Extractor,
) {
    use std::io::Write;
    let body = a.layout.body_text();
    let story = a.layout.story(&a.title, &body, Some(a.date.year()));
    let gold_names: HashSet<&str> = gold.places.iter().filter_map(|c| places.get(c)).map(|n| same_country(n)).collect();
    let all = extractor.country_salience(&story);
    for (name, s) in &all {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            gold.id,
            name,
            gold_names.contains(same_country(name)) as u8,
            s.dateline as u8,
            s.title,
            s.lead,
            s.rest,
            s.names,
            s.demonyms,
            s.located,
            all.len(),
            text.split_whitespace().count(),
            s.listed,
            s.official
        );
    }
}

/// `--dump`: each person found who has a Reuters code, with the evidence.
fn write_coded_people(
    out: &mut std::fs::File,
    gold: &Gold,
    a: &Analysis,
    people_codes: &[(String, String)],
    prominence: &[(String, dateline::extract::Prominence)],
    body: &str,
) {
    use std::io::Write;
    for f in &a.entities.people {
        if let Some(code) = person_code(&f.name, people_codes) {
            let in_gold = gold.people.iter().any(|g| g == code) as u8;
            let p = prominence.iter().find(|(n, _)| *n == f.name).map(|(_, p)| *p).unwrap_or_default();
            let _ = writeln!(
                out,
                "P\t{}\t{code}\t{in_gold}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                gold.id,
                p.title as u8,
                p.opening as u8,
                p.mentions,
                a.entities.people.len(),
                {
                    let surname = f.name.rsplit(' ').next().unwrap_or("");
                    let at = body.find(surname).unwrap_or(0);
                    let from = body.floor_char_boundary(at.saturating_sub(60));
                    let to = body.ceil_char_boundary((at + 60).min(body.len()));
                    body[from..to].replace(['\n', '\t'], " ")
                },
                f.name,
                f.evidence.join(" | ")
            );
        }
    }
}

/// `--dump`: each coded person of the gold not found, with who was.
fn write_missed_people<'c>(
    out: &mut std::fs::File,
    gold: &Gold,
    a: &Analysis,
    missed: impl Iterator<Item = &'c &'c str>,
) {
    use std::io::Write;
    let found: Vec<&str> = a.entities.people.iter().map(|f| f.name.as_str()).collect();
    for code in missed {
        let _ = writeln!(out, "M\t{}\t{code}\t{found:?}", gold.id);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut default_date = None;
    let mut limit = usize::MAX;
    let mut show_misses = 0;
    let mut dump: Option<std::fs::File> = None;
    let mut split = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--default-date" => {
                default_date = args.next().and_then(|d| dateline::content::PubDate::parse(&d).ok()).map(|d| d.date)
            }
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX),
            "--dump-countries" => dump = args.next().map(|p| std::fs::File::create(p).expect("dump file")),
            "--show-misses" => show_misses = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--split" => split = args.next(),
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: evaluate DIR [--default-date YYYY-MM-DD] [--limit N] [--show-misses N] [--split TEST]");
        std::process::exit(2);
    };
    let options = Options { default_date, limit, show_misses, dump, split };
    let report = match evaluate(&dir, options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let Report { stories, failures, countries, people, people_named, titles, dates, datelines, per_sec, misses } =
        report;
    println!("Reuters-21578, Distribution 1.0 — {} stories with a body ({failures} not analysed)", stories);
    println!(
        "countries   P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
        countries.p(),
        countries.r(),
        countries.f1(),
        countries.tp,
        countries.fp,
        countries.fn_
    );
    println!(
        "people      P {:.3}  R {:.3}          (coded people, people_about: tp {}, fp {}, fn {})",
        people.p(),
        people.r(),
        people.tp,
        people.fp,
        people.fn_
    );
    println!(
        "  named     P {:.3}  R {:.3}          (coded people, every one named: tp {}, fp {}, fn {})",
        people_named.p(),
        people_named.r(),
        people_named.tp,
        people_named.fp,
        people_named.fn_
    );
    println!("title       {:.3}  ({}/{})", ratio(titles.0, titles.1), titles.0, titles.1);
    println!("date ±1 day {:.3}  ({}/{})", ratio(dates.0, dates.1), dates.0, dates.1);
    println!("dateline    {:.3}  ({}/{})", ratio(datelines.0, datelines.1), datelines.0, datelines.1);
    println!("speed       {per_sec:.0} stories/s on one core (analysis only, files already read)");
    for m in misses {
        println!("  miss {m}");
    }
}
