//! Broken input: every problem reported with file, line and column, the rest
//! still built, and nothing that was fine lost.

use std::fs;

use crate::support::Site;

#[test]
fn every_broken_front_matter_is_reported_with_file_line_and_column() {
    let site = Site::new();
    site.story("good", "Good story", "2012-10-01", "countries: [Mali]");
    site.article("bad-yaml", "title: Broken\ndate: 2012-10-02\ncountries: [Mali", "x");
    site.article("bad-date", "title: Bad date\ndate: 2012-02-30", "x");
    site.article("no-title", "date: 2012-10-03", "x");
    site.file("content/no-fences.md", "Just some text without front matter.\n");
    let report = site.build();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    let at = |file: &str| {
        errors.iter().find(|d| d.path.ends_with(file)).unwrap_or_else(|| panic!("no error for {file}: {errors:#?}"))
    };
    let yaml = at("bad-yaml.md");
    assert!(yaml.line.unwrap() >= 4 && yaml.column.is_some(), "{yaml}");
    let date = at("bad-date.md");
    assert_eq!((date.line, date.column), (Some(3), Some(7)), "{date}");
    assert!(date.help.as_deref().unwrap().contains("2012-10-24"));
    assert!(at("no-title.md").message.contains("`title` is missing"));
    assert_eq!(at("no-fences.md").line, Some(1));
    assert_eq!(errors.len(), 4);
    assert!(report.has_errors());
    assert!(site.page("/2012/10/good/").contains("Good story"), "the good article is still built");
    let shown = yaml.to_string();
    assert!(shown.starts_with("content/bad-yaml.md:"), "paths are relative to the site root: {shown}");
}

#[test]
fn an_article_that_breaks_keeps_its_previous_page() {
    let site = Site::new();
    site.story("a", "First version", "2012-10-01", "");
    site.story("b", "Other", "2012-10-02", "");
    site.build_ok();
    site.article("a", "title: [broken", "x");
    let report = site.build();
    assert!(report.has_errors());
    assert!(site.page("/2012/10/a/").contains("First version"), "nothing is deleted while a file is broken");
    site.story("a", "Fixed version", "2012-10-01", "");
    site.build_ok();
    assert!(site.page("/2012/10/a/").contains("Fixed version"));
}

#[test]
fn a_broken_template_is_reported_with_its_position_and_the_old_site_stays() {
    let site = Site::new();
    site.story("a", "Story", "2012-10-01", "");
    site.build_ok();
    let before = fs::read(site.out_file("/2012/10/a/")).unwrap();
    site.file("templates/article.html", "{% extends \"default/article.html\" %}\n{% block title %}{{ article.title | nosuchfilter }}{% endblock title %}\n");
    let report = site.build();
    let error = report.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert!(error.path.ends_with("templates/article.html"), "{error}");
    assert_eq!(error.line, Some(2), "{error}");
    assert_eq!(fs::read(site.out_file("/2012/10/a/")).unwrap(), before);
}

#[test]
fn a_template_error_at_render_time_names_the_template_line() {
    let site = Site::new();
    site.story("a", "Story", "2012-10-01", "countries: [Mali, Chad]");
    site.file(
        "templates/term.html",
        "{% extends \"default/term.html\" %}\n{% block title %}\n{{ term.no_such_field }}{% endblock title %}\n",
    );
    let report = site.build();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "reported once, not once per page: {errors:#?}");
    assert!(errors[0].path.ends_with("templates/term.html") && errors[0].line == Some(3), "{}", errors[0]);
    assert!(site.exists("/2012/10/a/"), "pages of other templates are still written");
}

#[test]
fn invalid_utf8_is_reported_at_its_position() {
    let site = Site::new();
    site.story("good", "Good", "2012-10-01", "");
    let mut bytes = b"---\ntitle: A\ndate: 2012-10-01\n---\nCaf".to_vec();
    bytes.extend_from_slice(&[0xE9, b'\n']);
    fs::write(site.root().join("content/latin1.md"), bytes).unwrap();
    let report = site.build();
    let d = report.diagnostics.iter().find(|d| d.path.ends_with("latin1.md")).expect("reported");
    assert_eq!((d.line, d.column), (Some(5), Some(4)), "{d}");
    assert!(site.exists("/2012/10/good/"));
}

#[test]
fn a_bad_config_stops_with_its_position() {
    let site = Site::new();
    site.file("dateline.yaml", "title: X\npage_sise: 3\n");
    let err = dateline::config::Config::load(&site.paths()).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.to_string().starts_with("dateline.yaml:2:"), "{err}");
}
