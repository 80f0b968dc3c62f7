//! Main-text quality and speed of each candidate engine on the dev corpora:
//! the Zyte benchmark's shingle F1 on news-gold-dev, trafilatura's snippet
//! F1 on trafilatura-eval-dev. Scoring is dateline's evaluation examples'.

#[path = "../../../examples/evaluate_news.rs"]
#[allow(dead_code)]
mod news;
#[path = "../../../examples/evaluate_pages.rs"]
#[allow(dead_code)]
mod pages;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

type Engine = fn(&str) -> String;

fn dom_smoothie_text(html: &str) -> String {
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    dom_smoothie::Readability::new(html, None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn rs_trafilatura_text(html: &str) -> String {
    rs_trafilatura::extract(html).map(|r| r.content_text).unwrap_or_default()
}

fn trafilatura_text(html: &str) -> String {
    trafilatura::extract(html, &trafilatura::Options::default()).map(|r| r.content_text).unwrap_or_default()
}

fn trafilatura_fallback_text(html: &str) -> String {
    let opts = trafilatura::Options::default().with_fallback(true);
    trafilatura::extract(html, &opts).map(|r| r.content_text).unwrap_or_default()
}

fn trafilatura_precision_text(html: &str) -> String {
    let opts = trafilatura::Options::default().with_focus(trafilatura::ExtractionFocus::FavorPrecision);
    trafilatura::extract(html, &opts).map(|r| r.content_text).unwrap_or_default()
}

fn dateline_text(html: &str) -> String {
    let extractor = dateline::extract::Extractor::new(&dateline::extract::Vocabularies::defaults());
    news::support::analyze_html(html, jiff::civil::date(2000, 1, 1), &extractor)
        .map(|a| news::support::story_text(&a.layout.blocks))
        .unwrap_or_default()
}

/// trafilatura-rs's own metadata, scored like dateline's: (title, date) right of scored.
fn trafilatura_metadata(root: &Path) {
    let opts = trafilatura::Options::default();
    let (mut title, mut date, mut authors) = ((0, 0), (0, 0), (0, 0));
    for line in std::fs::read_to_string(root.join("news-gold-dev/gold.jsonl")).unwrap().lines() {
        let g: news::Gold = serde_json::from_str(line).unwrap();
        let html = std::fs::read_to_string(root.join(format!("news-gold-dev/pages/{}.html", g.id))).unwrap();
        let Ok(r) = trafilatura::extract(&html, &opts) else { continue };
        if let Some(t) = &g.title {
            title.1 += 1;
            title.0 += usize::from(news::fold(t) == news::fold(&r.metadata.title));
        }
        if let Some(d) = g.date.as_deref().and_then(|d| d.parse::<jiff::civil::Date>().ok()) {
            date.1 += 1;
            let ours = r.metadata.date.map(|d| d.to_string()).and_then(|d| d.parse::<jiff::civil::Date>().ok());
            date.0 += usize::from(ours.is_some_and(|o| o.since(d).map(|s| s.get_days().abs() <= 1).unwrap_or(false)));
        }
        authors.1 += 1;
        let ours: Vec<String> = r.metadata.author.split(';').map(news::person_key).filter(|a| !a.is_empty()).collect();
        let gold: Vec<String> = g.authors.iter().map(|a| news::person_key(a)).collect();
        authors.0 += usize::from(ours.iter().all(|a| gold.contains(a)) && gold.iter().all(|a| ours.contains(a)));
    }
    println!("trafilatura 0.6 metadata on news pages: title {title:?}, date {date:?}, authors {authors:?}");
    let gold: BTreeMap<String, pages::Gold> =
        serde_json::from_str(&std::fs::read_to_string(root.join("trafilatura-eval-dev/gold.json")).unwrap()).unwrap();
    let (mut title, mut date) = ((0, 0), (0, 0));
    for g in gold.values() {
        let Ok(bytes) = std::fs::read(root.join("trafilatura-eval-dev/pages").join(&g.file)) else { continue };
        let Ok((html, _, _)) = dateline::ingest::decode::decode_html(&bytes) else { continue };
        let Ok(r) = trafilatura::extract(&html, &opts) else { continue };
        if let Some(t) = g.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            title.1 += 1;
            title.0 += usize::from(pages::squash(t) == pages::squash(&r.metadata.title));
        }
        if let Some(d) = g.date.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            date.1 += 1;
            date.0 += usize::from(r.metadata.date.map(|x| x.to_string()).as_deref() == Some(d));
        }
    }
    println!("trafilatura 0.6 metadata on trafilatura pages: title {title:?}, date {date:?}");
}

fn main() {
    let root = std::env::args().nth(1).expect("usage: compare-extractors CORPORA");
    let root = Path::new(&root);
    if std::env::args().nth(2).as_deref() == Some("--dump") {
        dump_html(&std::fs::read_to_string(std::env::args().nth(3).unwrap()).unwrap());
        return;
    }
    if std::env::args().nth(2).as_deref() == Some("--metadata") {
        trafilatura_metadata(root);
        return;
    }
    let engines: [(&str, Engine); 6] = [
        ("dateline (today)", dateline_text),
        ("dom_smoothie 0.19", dom_smoothie_text),
        ("rs-trafilatura 0.2", rs_trafilatura_text),
        ("trafilatura 0.6", trafilatura_text),
        ("trafilatura+fallback", trafilatura_fallback_text),
        ("trafilatura precise", trafilatura_precision_text),
    ];
    let news: Vec<(String, String)> = std::fs::read_to_string(root.join("news-gold-dev/gold.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<news::Gold>(l).unwrap())
        .map(|g| (std::fs::read_to_string(root.join(format!("news-gold-dev/pages/{}.html", g.id))).unwrap(), g.article_body))
        .collect();
    let gold: BTreeMap<String, pages::Gold> =
        serde_json::from_str(&std::fs::read_to_string(root.join("trafilatura-eval-dev/gold.json")).unwrap()).unwrap();
    let pages: Vec<(String, pages::Gold)> = gold
        .into_values()
        .filter_map(|g| {
            let bytes = std::fs::read(root.join("trafilatura-eval-dev/pages").join(&g.file)).ok()?;
            let (text, _, _) = dateline::ingest::decode::decode_html(&bytes).ok()?;
            Some((text, g))
        })
        .collect();
    println!("{:20} {:>9} {:>7} {:>7} {:>10} {:>7} {:>7} {:>10}", "engine", "news F1", "P", "R", "pages F1", "P", "R", "ms/page");
    for (name, engine) in engines {
        let mut time = Duration::ZERO;
        let (mut ps, mut rs) = (Vec::new(), Vec::new());
        for (html, body) in &news {
            let started = Instant::now();
            let text = engine(html);
            time += started.elapsed();
            let c = news::shingle_match(body, &text);
            if c.tp + c.fp > 0.0 {
                ps.push(c.p());
            }
            if c.tp + c.fn_ > 0.0 {
                rs.push(c.r());
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let (np, nr) = (mean(&ps), mean(&rs));
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (html, g) in &pages {
            let started = Instant::now();
            let text = engine(html);
            time += started.elapsed();
            let (a, b, c) = pages::snippets(&text, &g.with, &g.without);
            tp += a;
            fp += b;
            fn_ += c;
        }
        let (pp, pr) = (tp as f64 / (tp + fp).max(1) as f64, tp as f64 / (tp + fn_).max(1) as f64);
        let ms = time.as_secs_f64() * 1000.0 / (news.len() + pages.len()) as f64;
        println!(
            "{name:20} {:>9.3} {np:>7.3} {nr:>7.3} {:>10.3} {pp:>7.3} {pr:>7.3} {ms:>10.2}",
            news::f1(np, nr),
            news::f1(pp, pr)
        );
    }
}

#[allow(dead_code)]
pub fn dump_html(html: &str) {
    let opts = trafilatura::Options::default().with_fallback(true).with_focus(trafilatura::ExtractionFocus::FavorPrecision);
    let r = trafilatura::extract(html, &opts).unwrap();
    println!("{}", r.content_html);
}
