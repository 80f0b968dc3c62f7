//! The bad-input suite: hostile and broken files. Each gets a clear message
//! naming the file, the rest of the archive still builds, the exit status
//! says it failed, and nothing runs script or leaves the output folder.

use std::fs;

use crate::support::Site;

/// Builds a site holding one good article and `rel` with `bytes`; returns
/// the report and checks the good article was still built.
fn build_with(rel: &str, bytes: &[u8]) -> (Site, dateline::build::BuildReport) {
    let site = Site::new();
    site.story("good", "Good story", "2012-10-01", "countries: [Mali]");
    let path = site.root().join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
    let report = site.build();
    assert!(site.page("/2012/10/good/").contains("Good story"), "{rel}: the rest of the archive is built");
    (site, report)
}

fn error_for<'a>(report: &'a dateline::build::BuildReport, file: &str) -> &'a dateline::diagnostic::Diagnostic {
    report
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.path.to_string_lossy().ends_with(file))
        .unwrap_or_else(|| panic!("no error naming {file}: {:#?}", report.diagnostics))
}

#[test]
fn empty_whitespace_and_binary_files_are_named() {
    for (name, bytes) in [
        ("empty.md", &b""[..]),
        ("blank.md", b"  \n\t\n   "),
        ("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"),
        ("latin1.md", b"---\ntitle: Caf\xe9\ndate: 2012-10-01\n---\nx"),
    ] {
        let (_site, report) = build_with(&format!("content/{name}"), bytes);
        let d = error_for(&report, name);
        assert!(d.line.is_some(), "{name}: {d}");
        assert!(report.has_errors());
    }
}

#[test]
fn nul_bytes_and_control_characters_do_not_break_pages() {
    let (site, report) =
        build_with("content/nulbytes.md", b"---\ntitle: \"A\\0B\\x07C\"\ndate: 2012-10-02\n---\nBody\0with NUL.\n");
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let page = site.page("/2012/10/nulbytes/");
    assert!(
        page.contains("<h1>A B C</h1>") || page.contains("<h1>ABC</h1>"),
        "control characters dropped from the title"
    );
    assert!(!page.contains('\0'));
}

#[test]
fn a_fifty_megabyte_article_builds() {
    let paragraph = "Officials met in Bamako to discuss the crisis in the north. ".repeat(20);
    let body: String =
        std::iter::repeat_n(format!("{paragraph}\n\n"), 50 * 1024 * 1024 / (paragraph.len() + 2)).collect();
    let text = format!("---\ntitle: Huge\ndate: 2012-10-03\n---\n{body}");
    let (site, report) = build_with("content/huge.md", text.as_bytes());
    assert!(!report.has_errors());
    assert!(fs::metadata(site.out_file("/2012/10/huge/")).unwrap().len() > 50_000_000);
}

#[test]
fn ten_thousand_levels_of_nesting_build() {
    let lists: String = (0..10_000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    let quotes = format!("{}deep\n", ">".repeat(10_000));
    let text = format!("---\ntitle: Deep\ndate: 2012-10-04\n---\n{lists}\n\n{quotes}");
    let (site, report) = build_with("content/deep.md", text.as_bytes());
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    assert!(site.exists("/2012/10/deep/"));
}

#[test]
fn yaml_alias_bombs_and_duplicate_keys_are_refused() {
    let bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\ntitle: Bomb\ndate: 2012-10-05\n---\nx\n";
    let (_site, report) = build_with("content/bomb.md", bomb.as_bytes());
    error_for(&report, "bomb.md");
    let (_site, report) = build_with("content/dup.md", b"---\ntitle: One\ntitle: Two\ndate: 2012-10-05\n---\nx\n");
    let d = error_for(&report, "dup.md");
    assert!(d.message.contains("duplicate"), "{d}");
}

#[test]
fn a_title_of_a_hundred_thousand_characters_gets_a_short_path() {
    let title = "Long ".repeat(20_000);
    let text = format!("---\ntitle: \"{title}\"\ndate: 2012-10-06\nslug: \"{title}\"\n---\nx\n");
    let (site, report) = build_with("content/long.md", text.as_bytes());
    assert!(!report.has_errors());
    let files = site.all_files();
    let page = files.iter().find(|f| f.starts_with("2012/10/long")).expect("a page");
    assert!(page.len() < 120, "{page}");
}

#[test]
fn names_that_slug_to_nothing_or_to_tricks_stay_inside_the_output() {
    let text = "---\ntitle: \"../../etc/passwd\"\ndate: 2012-10-07\nslug: \"../../../x\"\ncountries: [\"!!!\", \"..\", \"con\", \"nul\", \"a/b\\\\c\", \"😀😀\"]\npeople: [\"/etc/passwd\", \"C:\\\\Windows\"]\n---\nx\n";
    let (site, report) = build_with("content/tricks.md", text.as_bytes());
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    for file in site.all_files() {
        assert!(!file.contains(".."), "{file}");
        for part in file.split('/') {
            assert!(!matches!(part, "con" | "nul" | "." | ".."), "{file}");
        }
    }
    assert!(!site.root().join("x").exists() && !site.root().join("etc").exists());
    let countries = site.page("/countries/");
    assert!(countries.contains("!!!") && countries.contains("😀😀"), "every name still gets a page");
}

#[test]
fn impossible_dates_are_refused_with_their_position() {
    for date in ["0000-00-00", "2012-02-30", "99999-01-01"] {
        let text = format!("---\ntitle: Dated\ndate: {date}\n---\nx\n");
        let (_site, report) = build_with("content/dated.md", text.as_bytes());
        let d = error_for(&report, "dated.md");
        assert_eq!(d.line, Some(3), "{date}: {d}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_is_reported_and_skipped() {
    let site = Site::new();
    site.story("good", "Good story", "2012-10-01", "");
    fs::create_dir_all(site.root().join("content/loop")).unwrap();
    std::os::unix::fs::symlink(site.root().join("content"), site.root().join("content/loop/back")).unwrap();
    let report = site.build();
    assert!(site.exists("/2012/10/good/"));
    assert!(report.diagnostics.iter().any(|d| d.message.contains("loop")), "{:?}", report.diagnostics);
}

#[test]
fn a_file_that_vanishes_while_being_read_is_named() {
    let site = Site::new();
    let gone = site.root().join("content/gone.md");
    let err =
        dateline::content::load_file(&site.paths(), &gone, dateline::content::markdown::RawHtml::Escape).unwrap_err();
    assert!(err[0].message.contains("disappeared"), "{}", err[0]);
    assert!(err[0].path.ends_with("content/gone.md"));
}

#[test]
fn the_binary_exits_1_on_bad_input_and_names_the_file() {
    let site = Site::new();
    site.story("good", "Good", "2012-10-01", "");
    site.file("content/bad.md", "---\ntitle: Bad\ndate: 2012-13-01\n---\n");
    let out =
        assert_cmd::Command::cargo_bin("dateline").unwrap().current_dir(site.root()).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("content/bad.md:3:7"));
}
