//! Exact output: the default theme's pages and the messages the binary
//! prints, checked against reviewed snapshots in `snapshots/` (insta). A
//! change to a template or a message shows up here as a diff to review
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test` and `git diff`).

use assert_cmd::Command;

use crate::support::Site;

/// A small archive touching every part of an article page and a term page.
#[cfg(feature = "search")]
fn archive() -> Site {
    let site = Site::new();
    site.file("dateline.yaml", "title: The Wire Archive\nbase_url: https://example.org/\n");
    site.article(
        "2012/10/mali",
        "title: Countering al-Qaida in Mali\ndate: 2012-10-24\nauthor: Jim Garamone\nagency: American Forces Press Service\ndateline: Washington\ncountries: [Mali]\ncountries_named: [Mali, Algeria]\npeople: [Leon E. Panetta]\ntopics: [terrorism]",
        "WASHINGTON, Oct. 24, 2012 – Al-Qaida is establishing a presence in *Mali*.\n\nDefense Secretary Leon E. Panetta said so <script>alert(1)</script>.",
    );
    site.article(
        "2012/11/algeria",
        "title: Talks in Algiers\ndate: 2012-11-02\ncountries: [Algeria]\ncountries_named: [Algeria, Mali]\npeople: [Leon E. Panetta]\ntopics: [diplomacy]",
        "Officials met in Algiers.",
    );
    site.build_ok();
    site
}

// The pages link the search page and the build reports its index, so these
// two snapshots are of the default build, with search.
#[cfg(feature = "search")]
#[test]
fn default_theme_pages() {
    let site = archive();
    for (name, url) in [
        ("article", "/2012/10/mali/"),
        ("country", "/countries/mali/"),
        ("person_list", "/people/"),
        ("home", "/"),
        ("month", "/2012/10/"),
        ("feed", "/atom.xml"),
        ("sitemap", "/sitemap.xml"),
    ] {
        insta::assert_snapshot!(format!("page_{name}"), site.page(url));
    }
}

fn dateline(site: &Site, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("dateline").unwrap().current_dir(site.root()).args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (out.status.code(), without_timings(&stderr))
}

/// Messages with the wall time and rates (which vary from run to run) blanked.
fn without_timings(text: &str) -> String {
    text.lines()
        .map(|line| {
            let words: Vec<&str> = line.split(' ').collect();
            let blanked: Vec<&str> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let unit = words.get(i + 1).map(|u| u.trim_start_matches('(').trim_end_matches([')', ',']));
                    let timed = matches!(unit, Some("s" | "ms" | "inputs/s" | "pages/s"));
                    let number = w.trim_start_matches('(');
                    match (timed && number.parse::<f64>().is_ok(), number.len() < w.len()) {
                        (true, true) => "([n]",
                        (true, false) => "[n]",
                        _ => w,
                    }
                })
                .collect();
            blanked.join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(feature = "search")]
#[test]
fn build_messages_for_broken_articles() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    site.article("b", "title: B\ndate: nope", "x");
    site.article("c", "title: [unclosed\ndate: 2012-10-02", "x");
    site.article("d", "date: 2012-10-03", "no title");
    site.story("e", "E", "2012-10-01", "slug: a");
    let (code, stderr) = dateline(&site, &["build"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!(stderr);
}

#[test]
fn ingest_messages_for_refused_sources() {
    let site = Site::new();
    site.file("raw/no-date.txt", "Headline Here\n\nA story with no date anywhere in it.\n");
    site.file("raw/empty.txt", "");
    site.file("raw/only-title.txt", "Just a headline\n");
    site.file("raw/picture.png", "not an article");
    site.file("raw/broken.md", "---\ntitle: B\ndate: nope\n---\nx\n");
    site.file(
        "raw/ok.txt",
        "Talks resume in Mali\n\nBAMAKO, Mali, Oct. 24, 2012 – Talks resumed on Wednesday in the capital.\n",
    );
    let (code, stderr) = dateline(&site, &["ingest", "raw", "--default-date", "nope"]);
    assert_eq!(code, Some(2));
    insta::assert_snapshot!("ingest_bad_default_date", stderr);
    let (code, stderr) = dateline(&site, &["ingest", "raw"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("ingest_refused", stderr);
}
