//! The evaluation harness (examples/evaluate.rs) on the corpus sample in
//! `../shared/corpora/reuters21578/sample`: it runs, and its figures stay
//! above floors well under the measured ones, so a regression in ingest
//! shows here. Skipped when the corpus is absent.

#[path = "../../examples/evaluate.rs"]
#[allow(dead_code)]
mod evaluate;

#[test]
fn the_harness_scores_the_sample_slice() {
    let Some(dir) = crate::support::corpus("reuters21578/sample") else { return };
    let options = evaluate::Options {
        default_date: Some(jiff::civil::date(1987, 6, 1)),
        limit: 120,
        show_misses: 0,
        dump: None,
        split: None,
    };
    let r = evaluate::evaluate(&dir, options).expect("the harness runs");
    assert!(r.stories >= 100, "{} stories", r.stories);
    assert_eq!(r.failures, 0);
    // Measured on the whole sample: countries F1 0.915, people P 0.889 R 0.889, title 1.0, dateline 0.955.
    assert!(r.countries.f1() >= 0.85, "country F1 {:.3}", r.countries.f1());
    assert!(r.people.r() >= 0.75 && r.people.p() >= 0.6, "people P {:.3} R {:.3}", r.people.p(), r.people.r());
    assert!(r.titles.0 as f64 >= 0.97 * r.titles.1 as f64, "titles {:?}", r.titles);
    assert!(r.datelines.0 as f64 >= 0.9 * r.datelines.1 as f64, "datelines {:?}", r.datelines);
    assert!(r.dates.0 as f64 >= 0.95 * r.dates.1 as f64, "dates {:?}", r.dates);
}

#[path = "../../examples/evaluate_news.rs"]
#[allow(dead_code)]
mod evaluate_news;

#[path = "../../examples/evaluate_pages.rs"]
#[allow(dead_code)]
mod evaluate_pages;

/// Unpacks a corpus tarball into a temporary folder.
fn unpack(tarball: &std::path::Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("tar").arg("-xzf").arg(tarball).arg("-C").arg(dir.path()).status();
    assert!(status.unwrap().success(), "tar -xzf {}", tarball.display());
    dir
}

#[test]
fn the_news_harness_scores_a_slice_of_the_hand_annotated_pages() {
    let Some(tarball) = crate::support::corpus("news-gold-dev/news-gold-dev.tar.gz") else { return };
    let unpacked = unpack(&tarball);
    let from = unpacked.path().join("news-gold-dev");
    // The first 24 pages of the gold, unpacked beside their gold lines.
    let slice = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(slice.path().join("pages")).unwrap();
    let gold = std::fs::read_to_string(from.join("gold.jsonl")).unwrap();
    let lines: Vec<&str> = gold.lines().take(24).collect();
    for line in &lines {
        let id = serde_json::from_str::<serde_json::Value>(line).unwrap()["id"].as_str().unwrap().to_string();
        let name = format!("pages/{id}.html.gz");
        std::fs::copy(from.join(&name), slice.path().join(&name)).unwrap();
    }
    let pages = slice.path().join("pages");
    let gunzip = std::process::Command::new("sh").arg("-c").arg("gunzip -q *.html.gz").current_dir(&pages).status();
    assert!(gunzip.unwrap().success(), "gunzip");
    std::fs::write(slice.path().join("gold.jsonl"), lines.join("\n")).unwrap();
    let options = evaluate_news::Options { show_misses: 0, only: None };
    let r = evaluate_news::evaluate(slice.path(), &options).expect("the harness runs");
    eprintln!("{r}");
    assert_eq!((r.pages, r.failures), (24, 0));
    // Floors well under what the slice measures (printed above).
    assert!(r.text_f1() >= 0.85, "text F1 {:.3}", r.text_f1());
    assert!(r.people.p() >= 0.75 && r.people.r() >= 0.5, "people P {:.3} R {:.3}", r.people.p(), r.people.r());
    assert!(
        r.countries.p() >= 0.8 && r.countries.r() >= 0.75,
        "countries {:.3} {:.3}",
        r.countries.p(),
        r.countries.r()
    );
    assert!(r.title.0 * 10 >= r.title.1 * 8, "title {:?}", r.title);
    assert!(r.date.0 * 10 >= r.date.1 * 8, "date {:?}", r.date);
}

#[test]
fn the_pages_harness_scores_a_slice_of_trafilaturas_evaluation_pages() {
    let Some(tarball) = crate::support::corpus("trafilatura-eval/trafilatura-eval-dev.tar.gz") else { return };
    let unpacked = unpack(&tarball);
    let dir = unpacked.path().join("trafilatura-eval-dev");
    // A slice: the gold of the first 60 pages, the pages left where they are.
    let gold: std::collections::BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let slice: std::collections::BTreeMap<&String, &serde_json::Value> = gold.iter().take(60).collect();
    std::fs::write(dir.join("gold.json"), serde_json::to_string(&slice).unwrap()).unwrap();
    let options = evaluate_pages::Options { show_misses: 0, only: None };
    let r = evaluate_pages::evaluate(&dir, &options).expect("the harness runs");
    eprintln!("{r}");
    assert_eq!(r.pages, 60);
    assert!(r.failures <= 3, "{} refused", r.failures);
    assert!(r.f1() >= 0.8, "snippet F1 {:.3} (P {:.3} R {:.3})", r.f1(), r.p(), r.r());
    assert!(r.title.0 * 10 >= r.title.1 * 6, "title {:?}", r.title);
}
