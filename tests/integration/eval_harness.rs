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
    let options =
        evaluate::Options { default_date: Some(jiff::civil::date(1987, 6, 1)), limit: 120, show_misses: 0, dump: None };
    let r = evaluate::evaluate(&dir, options).expect("the harness runs");
    assert!(r.stories >= 100, "{} stories", r.stories);
    assert_eq!(r.failures, 0);
    // Measured on the whole sample: countries F1 0.879, people R 0.915, title 1.0, dateline 0.955.
    assert!(r.countries.f1() >= 0.80, "country F1 {:.3}", r.countries.f1());
    assert!(r.people.r() >= 0.75 && r.people.p() >= 0.6, "people P {:.3} R {:.3}", r.people.p(), r.people.r());
    assert!(r.titles.0 as f64 >= 0.97 * r.titles.1 as f64, "titles {:?}", r.titles);
    assert!(r.datelines.0 as f64 >= 0.9 * r.datelines.1 as f64, "datelines {:?}", r.datelines);
    assert!(r.dates.0 as f64 >= 0.95 * r.dates.1 as f64, "dates {:?}", r.dates);
}
