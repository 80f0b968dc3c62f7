//! Ingest never loses work: re-runs are no-ops, edited files are kept, two
//! sources never share a file, bad inputs do not stop the batch, and scraped
//! text cannot become markup.

use std::fs;

use crate::ingest_layouts::{content_file, ingest};
use crate::support::Site;

fn story(title: &str, city: &str, extra: &str) -> String {
    format!(
        "{title}\n\nBy Jane Doe\n\n{city}, Oct. 24, 2012 - Officials met on Wednesday to discuss the plan, a spokesman said. {extra}\n\nA second paragraph follows.\n"
    )
}

#[test]
fn re_ingesting_a_source_gives_the_same_file() {
    let site = Site::new();
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", ""));
    assert!(ingest(&site, &["sources"]).status.success());
    let first = content_file(&site, "talks-resume-in-mali");
    let out = ingest(&site, &["sources"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0 written, 1 unchanged"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(content_file(&site, "talks-resume-in-mali"), first);
}

#[test]
fn a_file_edited_by_hand_is_kept_unless_forced() {
    let site = Site::new();
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", ""));
    assert!(ingest(&site, &["sources"]).status.success());
    let path = site.root().join("content/2012/10/talks-resume-in-mali.md");
    let edited = fs::read_to_string(&path).unwrap().replace("Officials met", "Officials (edited) met");
    fs::write(&path, &edited).unwrap();
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", "The source changed."));
    let out = ingest(&site, &["sources"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("edited by hand") && stderr.contains("--force"), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited, "the person's edit is kept");
    assert!(ingest(&site, &["sources", "--force"]).status.success());
    let forced = fs::read_to_string(&path).unwrap();
    assert!(forced.contains("The source changed.") && !forced.contains("(edited)"));
}

#[test]
fn a_changed_source_refreshes_a_file_nobody_edited() {
    let site = Site::new();
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", ""));
    assert!(ingest(&site, &["sources"]).status.success());
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", "Correction appended."));
    assert!(ingest(&site, &["sources"]).status.success());
    assert!(content_file(&site, "talks-resume-in-mali").contains("Correction appended."));
}

#[test]
fn two_sources_with_one_headline_get_two_files() {
    let site = Site::new();
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", "From source A."));
    site.file("sources/b.txt", &story("Talks resume in Mali", "BAMAKO", "From source B."));
    assert!(ingest(&site, &["sources"]).status.success());
    let a = fs::read_to_string(site.root().join("content/2012/10/talks-resume-in-mali.md")).unwrap();
    let b = fs::read_to_string(site.root().join("content/2012/10/talks-resume-in-mali-2.md")).unwrap();
    assert!(a.contains("From source A.") && b.contains("From source B."));
    assert!(ingest(&site, &["sources"]).status.success());
    assert!(
        fs::read_to_string(site.root().join("content/2012/10/talks-resume-in-mali.md"))
            .unwrap()
            .contains("From source A."),
        "stable on re-run"
    );
}

#[test]
fn one_bad_input_does_not_stop_the_batch() {
    let site = Site::new();
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", ""));
    site.file(
        "sources/b.txt",
        "no headline, just one long line of text that never ends and has no dateline or date at all in it whatsoever",
    );
    site.file("sources/c.txt", &story("Aid arrives in Chad", "N'DJAMENA", ""));
    let out = ingest(&site, &["sources", "--default-date", "2012-10-24"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.txt: error:"), "{stderr}");
    assert!(stderr.contains("2 written") && stderr.contains("1 failed"), "{stderr}");
    assert!(stderr.contains("inputs/s"), "throughput is reported: {stderr}");
}

#[test]
fn dry_run_writes_nothing() {
    let site = Site::new();
    site.file("sources/a.txt", &story("Talks resume in Mali", "BAMAKO", ""));
    let out = ingest(&site, &["sources", "--dry-run"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 would be written"));
    assert!(!site.root().join("content/2012").exists());
}

#[test]
fn scraped_markup_cannot_change_the_page() {
    let site = Site::new();
    site.file(
        "sources/x.txt",
        &story(
            "Alert <script>alert(1)</script> *now*",
            "BAMAKO",
            "Click [here](javascript:alert(2)) or <img src=x onerror=alert(3)>. 1. Not a list *either*.",
        ),
    );
    assert!(ingest(&site, &["sources"]).status.success());
    site.build_ok();
    let html = fs::read_to_string(site.out().join("2012/10/alert-script-alert-1-script-now/index.html")).unwrap();
    assert!(
        !html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("href=\"javascript"),
        "{html}"
    );
    assert!(html.contains("*now*") && html.contains("[here](javascript:alert(2))"), "shown as written: {html}");
}

#[test]
fn lines_repeated_across_a_batch_are_site_chrome() {
    let site = Site::new();
    for (i, city) in ["BAMAKO", "DAKAR", "NIAMEY", "ACCRA"].iter().enumerate() {
        site.file(&format!("sources/{i}.txt"), &format!("Example Site - Your trusted news portal\n\nStory number {i} headline\n\n{city}, Oct. 2{i}, 2012 - Officials met on Wednesday to discuss the plan, a spokesman said.\n\nShare this article with friends and family today\n"));
    }
    assert!(ingest(&site, &["sources", "--explain"]).status.success());
    let file = content_file(&site, "story-number-2-headline");
    assert!(!file.contains("Example Site") && !file.contains("Share this"), "{file}");
}

#[test]
fn explain_names_the_phrase_behind_each_entity() {
    let site = Site::new();
    site.file(
        "sources/a.txt",
        &story(
            "Talks resume in Mali with France",
            "BAMAKO",
            "Malian troops and French officials attended, Defense Minister Yamoussa Camara said.",
        ),
    );
    let out = ingest(&site, &["sources", "--explain"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "country: Mali ← dateline BAMAKO",
        "“Malian” (demonym)",
        "country: France ← “France”; “French” (demonym)",
        "person: Yamoussa Camara ← Defense Minister Yamoussa Camara",
        "date: 2012-10-24 (from the dateline)",
        "byline: \"By Jane Doe\"",
    ] {
        assert!(stderr.contains(needle), "--explain lacks {needle:?}:\n{stderr}");
    }
}
