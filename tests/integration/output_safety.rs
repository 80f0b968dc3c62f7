//! The output folder: refused when it would touch a person's files; only
//! changed files are written; pages no longer produced are removed.

use std::fs;
use std::path::Path;
use std::time::Duration;

use dateline::build::{self, BuildOptions, NoProgress};
use dateline::config::SitePaths;

use crate::support::Site;

fn build_into(site: &Site, out: &str) -> Result<(), String> {
    let paths = SitePaths::new(site.root(), Some(Path::new(out)));
    build::build_site(&paths, &site.config(), &BuildOptions::default(), &NoProgress)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn refuses_the_site_root_and_its_input_folders() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    fs::create_dir_all(site.root().join("templates")).unwrap();
    fs::create_dir_all(site.root().join("static")).unwrap();
    for out in [".", "content", "templates", "static", "content/public", ".."] {
        let err = build_into(&site, out).expect_err(out);
        assert!(err.contains("refusing"), "{out}: {err}");
    }
    assert!(site.root().join("content/a.md").is_file());
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_create() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    site.file("mysite/notes.txt", "precious");
    let err = build_into(&site, "mysite").unwrap_err();
    assert!(err.contains("not created by dateline"), "{err}");
    assert_eq!(fs::read_to_string(site.root().join("mysite/notes.txt")).unwrap(), "precious");
    assert!(build_into(&site, "fresh").is_ok(), "a new folder is fine");
    assert!(site.root().join("fresh/.dateline-output").is_file());
}

#[test]
fn unchanged_pages_are_not_rewritten() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    site.story("b", "B", "2012-10-02", "countries: [Chad]");
    site.build_ok();
    let chad = site.out_file("/countries/chad/");
    // An old time on the file: a rewrite of any kind would move it.
    let before = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    fs::File::options().write(true).open(&chad).unwrap().set_modified(before).unwrap();
    site.story("a", "A changed", "2012-10-01", "countries: [Mali]");
    let report = site.build_ok();
    assert_eq!(fs::metadata(&chad).unwrap().modified().unwrap(), before, "Chad's page did not change");
    assert!(report.written > 0 && report.unchanged > 0, "{report}");
    let again = site.build_ok();
    assert_eq!(again.written, 0, "{again}");
}

#[test]
fn pages_no_longer_produced_are_removed_with_their_empty_folders() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    site.story("b", "B", "2012-11-02", "countries: [Chad]");
    site.build_ok();
    assert!(site.exists("/countries/chad/") && site.exists("/2012/11/b/"));
    site.remove("content/b.md");
    let report = site.build_ok();
    assert!(!site.exists("/countries/chad/"), "the term page goes with its last article");
    assert!(!site.out().join("countries/chad").exists(), "and its folder");
    assert!(!site.exists("/2012/11/"));
    assert!(report.removed >= 3, "{report}");
    assert!(site.exists("/countries/mali/"));
}
