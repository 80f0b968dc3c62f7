//! The pages a build writes: articles, terms, lists, calendar, home, and
//! the links between them.

use crate::support::{Site, count, links};

#[test]
fn a_person_mentioned_in_two_articles_gets_one_page_listing_both() {
    let site = Site::new();
    site.story("a", "First story", "2012-10-24", "people: [Leon E. Panetta]");
    site.story("b", "Second story", "2012-11-02", "people: [Leon E. Panetta]");
    site.story("c", "Unrelated", "2012-11-03", "people: [Someone Else]");
    site.build_ok();
    let page = site.page("/people/leon-e-panetta/");
    assert!(page.contains("2 articles"), "count is shown");
    assert!(page.contains("First story") && page.contains("Second story"));
    assert!(!page.contains("Unrelated"));
    assert!(page.find("Second story").unwrap() < page.find("First story").unwrap(), "newest first");
    assert!(page.contains("October 24, 2012") && page.contains("November 2, 2012"), "first and last date");
}

#[test]
fn term_pages_paginate_at_the_configured_size() {
    let site = Site::new();
    site.file("dateline.yaml", "page_size: 2\n");
    for day in 1..=5 {
        site.story(&format!("s{day}"), &format!("Story {day}"), &format!("2012-10-0{day}"), "countries: [Mali]");
    }
    site.build_ok();
    let first = site.page("/countries/mali/");
    assert!(first.contains("Story 5") && first.contains("Story 4") && !first.contains("Story 3"));
    assert!(first.contains(r#"href="/countries/mali/page/2/""#));
    let third = site.page("/countries/mali/page/3/");
    assert!(third.contains("Story 1") && !third.contains("Story 2"));
    assert!(!site.exists("/countries/mali/page/4/"));
    assert!(site.exists("/page/3/"), "the home page paginates too");
    assert!(!site.exists("/page/4/"));
    assert!(site.exists("/2012/10/page/3/"), "month pages paginate too");
}

#[test]
fn list_pages_count_terms_and_sort_by_name_or_count() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali, Niger]");
    site.story("b", "B", "2012-10-02", "countries: [Niger]");
    site.story("c", "C", "2012-10-03", "countries: [Niger, Chad]");
    site.build_ok();
    let by_name = site.page("/countries/");
    let pos = |page: &str, name: &str| page.find(&format!(">{name}</a>")).unwrap_or_else(|| panic!("{name} missing"));
    assert!(pos(&by_name, "Chad") < pos(&by_name, "Mali") && pos(&by_name, "Mali") < pos(&by_name, "Niger"));
    assert!(by_name.contains(r#"<a href="/countries/niger/">Niger</a> <span class="count">3</span>"#));
    let by_count = site.page("/countries/by-count/");
    assert!(pos(&by_count, "Niger") < pos(&by_count, "Chad"));
}

#[test]
fn term_pages_show_the_terms_that_co_occur_most() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]\npeople: [Leon E. Panetta]");
    site.story("b", "B", "2012-10-02", "countries: [Mali]\npeople: [Leon E. Panetta, Kim Kwan-jin]");
    site.story("c", "C", "2012-10-03", "countries: [Yemen]\npeople: [Kim Kwan-jin]");
    site.build_ok();
    let mali = site.page("/countries/mali/");
    let connections = &mali[mali.find("Often with Mali").expect("connections section")..];
    assert!(connections.contains(r#"<a href="/people/leon-e-panetta/">Leon E. Panetta</a> <span class="count" title="shared articles">2</span>"#), "{connections}");
    assert!(connections.contains(
        r#"<a href="/people/kim-kwan-jin/">Kim Kwan-jin</a> <span class="count" title="shared articles">1</span>"#
    ));
    assert!(!connections.contains(">Yemen<"), "Yemen never appears with Mali");
}

#[test]
fn slugs_are_ascii_and_names_that_slug_alike_get_two_pages_with_a_warning() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [São Tomé and Príncipe]\npeople: [Lee Jae-myung]");
    site.story("b", "B", "2012-10-02", "people: [Lee Jae Myung]");
    let report = site.build_ok();
    assert!(site.exists("/countries/sao-tome-and-principe/"));
    assert!(site.page("/countries/sao-tome-and-principe/").contains("São Tomé and Príncipe"));
    assert!(site.exists("/people/lee-jae-myung/") && site.exists("/people/lee-jae-myung-2/"));
    let warning = report.diagnostics.iter().find(|d| d.message.contains("same slug")).expect("a warning");
    assert!(!warning.is_error());
}

#[test]
fn spellings_differing_only_in_case_are_one_term() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    site.story("b", "B", "2012-10-02", "countries: [MALI]");
    site.story("c", "C", "2012-10-03", "countries: [Mali]");
    site.build_ok();
    let page = site.page("/countries/mali/");
    assert!(page.contains("<h1>Mali</h1>") && page.contains("3 articles"));
    assert!(page.contains("Also written: MALI"));
}

#[test]
fn two_articles_with_one_slug_in_a_month_both_get_pages() {
    let site = Site::new();
    site.story("x/report", "Report one", "2012-10-01", "");
    site.story("y/report", "Report two", "2012-10-09", "");
    let report = site.build_ok();
    assert!(site.page("/2012/10/report/").contains("Report one"));
    assert!(site.page("/2012/10/report-2/").contains("Report two"));
    assert!(report.diagnostics.iter().any(|d| d.path.ends_with("y/report.md")));
}

#[test]
fn articles_link_to_their_neighbours_and_related_articles() {
    let site = Site::new();
    site.story("a", "Oldest", "2012-10-01", "countries: [Mali, Niger]");
    site.story("b", "Middle", "2012-10-02", "countries: [Chad]");
    site.story("c", "Newest", "2012-10-03", "countries: [Mali, Niger]");
    site.build_ok();
    let middle = site.page("/2012/10/b/");
    assert!(middle.contains(r#"<a rel="prev" href="/2012/10/a/"><span>Previous</span>Oldest</a>"#));
    assert!(middle.contains(r#"<a rel="next" href="/2012/10/c/"><span>Next</span>Newest</a>"#));
    let newest = site.page("/2012/10/c/");
    let related = &newest[newest.find("<h2>Related</h2>").expect("related section")..];
    assert!(related.contains("Oldest") && !related.contains(">Middle<"));
}

#[test]
fn year_and_month_pages_group_articles() {
    let site = Site::new();
    site.story("a", "October story", "2012-10-24", "");
    site.story("b", "November story", "2012-11-02", "");
    site.story("c", "Next year", "2013-01-15T09:30:00+09:00", "");
    site.build_ok();
    let year = site.page("/2012/");
    assert!(year.contains(r#"<a href="/2012/10/">October</a> <span class="count">1</span>"#));
    assert!(year.contains(r#"href="/2013/""#), "links the next year");
    let month = site.page("/2012/11/");
    assert!(month.contains("November story") && !month.contains("October story"));
    assert!(site.page("/2013/01/").contains("Next year"));
}

#[test]
fn drafts_are_left_out() {
    let site = Site::new();
    site.story("a", "Published", "2012-10-01", "countries: [Mali]");
    site.story("b", "Secret draft", "2012-10-02", "countries: [Chad]\ndraft: true");
    site.build_ok();
    assert!(!site.exists("/2012/10/b/"));
    assert!(!site.exists("/countries/chad/"));
    assert!(!site.page("/").contains("Secret draft"));
}

#[test]
fn a_subpath_base_url_prefixes_every_internal_link() {
    let site = Site::new();
    site.file("dateline.yaml", "base_url: https://example.org/archive/\n");
    site.story("a", "A", "2012-10-01", "countries: [Mali]\npeople: [Leon E. Panetta]\ntopics: [defense]");
    site.build_ok();
    for url in ["/", "/2012/10/a/", "/countries/mali/", "/countries/", "/2012/", "/2012/10/", "/404.html"] {
        let page = site.page(url);
        for link in links(&page) {
            if link.starts_with('/') {
                assert!(link.starts_with("/archive/"), "{url} links {link} outside the subpath");
            }
        }
    }
    assert!(site.page("/atom.xml").contains("https://example.org/archive/2012/10/a/"));
}

#[test]
fn templates_can_be_overridden_one_block_at_a_time_and_see_extra_fields() {
    let site = Site::new();
    site.article("a", "title: A\ndate: 2012-10-01\nregion: Sahel", "Body.");
    site.file(
        "templates/article.html",
        r#"{% extends "default/article.html" %}{% block title %}CUSTOM {{ article.title }} in {{ article.extra.region }}{% endblock title %}"#,
    );
    site.build_ok();
    let page = site.page("/2012/10/a/");
    assert!(page.contains("<title>CUSTOM A in Sahel</title>"));
    assert!(page.contains("<h1>A</h1>"), "the rest of the default template remains");
    assert_eq!(count(&site.page("/"), "CUSTOM"), 0, "other pages are untouched");
}

#[test]
fn a_folder_with_only_content_builds_with_defaults() {
    let site = Site::new();
    site.story("a", "Only story", "2012-10-01", "");
    site.build_ok();
    for url in [
        "/",
        "/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/404.html",
        "/style.css",
        "/topics/",
        "/countries/",
        "/people/",
    ] {
        assert!(site.exists(url), "{url} is missing");
    }
    assert!(site.page("/").contains("Only story"));
}

#[test]
fn static_files_are_copied_and_override_the_default_stylesheet() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    site.file("static/style.css", "body{color:red}");
    site.file("static/img/logo.svg", "<svg/>");
    site.build_ok();
    assert_eq!(std::fs::read_to_string(site.out_file("/style.css")).unwrap(), "body{color:red}");
    assert!(site.exists("/img/logo.svg"));
}

#[test]
fn term_pages_show_a_timeline_datelines_and_search_links_for_connections() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]\ndateline: Bamako\npeople: [Jim Smith]");
    site.story("b", "B", "2012-10-20", "countries: [Mali]\ndateline: Bamako\npeople: [Jim Smith]");
    site.story(
        "c",
        "C",
        "2013-01-05",
        "countries: [Mali]\ndateline: Gao\nroles: {Jim Smith: Defense Minister}\npeople: [Jim Smith]",
    );
    site.build_ok();
    let mali = site.page("/countries/mali/");
    assert!(mali.contains(r#"<svg class="timeline""#));
    assert!(
        mali.contains("<title>Oct 2012: 2</title>")
            && mali.contains("<title>Nov 2012: 0</title>")
            && mali.contains("<title>Jan 2013: 1</title>")
    );
    assert!(mali.contains("<td>2012-10</td><td>2</td>"), "a text alternative lists the months");
    assert!(
        mali.contains("Bamako <span class=\"count\">2</span>") && mali.contains("Gao <span class=\"count\">1</span>")
    );
    if cfg!(feature = "search") {
        assert!(
            mali.contains(r#"href="/search/?country=Mali&amp;person=Jim%20Smith""#),
            "connections link to the filtered search"
        );
    }
    assert!(site.page("/people/jim-smith/").contains("Titles seen: Defense Minister"));
    let list = site.page("/countries/");
    assert!(list.contains(r#"<section class="letter-group" id="letter-M">"#), "list pages are grouped by letter");
}

#[test]
fn search_false_leaves_out_the_index_the_page_and_every_link_to_it() {
    let site = Site::new();
    site.file("dateline.yaml", "search: false\n");
    site.story("a", "A", "2012-10-01", "countries: [Mali]\npeople: [Jim Smith]");
    site.build_ok();
    assert!(!site.exists("/search/"));
    assert!(!site.out().join("pagefind").exists());
    for url in ["/", "/countries/mali/", "/2012/10/a/"] {
        assert!(!site.page(url).contains("/search/"), "{url} links to a search page that is not there");
    }
}

#[test]
fn names_without_letters_are_filed_once_under_hash_and_people_under_their_surname() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "people: [\"N'Golo Kanté\", \"★\", Nancy Pelosi, 50 Cent]");
    site.build_ok();
    let list = site.page("/people/");
    assert_eq!(count(&list, r#"id="letter-#""#), 1, "one # group: {list}");
    let hash = &list[list.find(r#"id="letter-#""#).unwrap()..list.find(r#"id="letter-K""#).expect("a K group")];
    assert!(hash.contains(">50 Cent</a>") && hash.contains(">★</a>"), "{hash}");
    let k = &list[list.find(r#"id="letter-K""#).unwrap()..list.find(r#"id="letter-P""#).expect("a P group")];
    assert!(k.contains(">N&#39;Golo Kanté</a>"), "filed under the surname, shown as written: {k}");
    assert!(list[list.find(r#"id="letter-P""#).unwrap()..].contains(">Nancy Pelosi</a>"));
}

#[test]
fn a_country_page_lists_the_articles_about_it_then_those_that_only_name_it() {
    let site = Site::new();
    site.story("about", "Talks in Bamako", "2012-10-01", "countries: [Mali]\ncountries_named: [Mali, France]");
    site.story("named", "Paris budget", "2012-10-02", "countries: [France]\ncountries_named: [France, Mali]");
    site.build_ok();
    let mali = site.page("/countries/mali/");
    let about = mali.find("Talks in Bamako").expect("the article about Mali");
    let named = mali.find("Also named in 1 article").expect("the group of those that name it");
    assert!(about < named && mali[named..].contains("Paris budget"), "{mali}");
    assert!(
        !site.page("/countries/france/").contains("Also named in 2"),
        "an article about France is not counted again"
    );
}

#[test]
fn a_person_page_counts_the_articles_that_name_them_only_in_passing() {
    let site = Site::new();
    site.story(
        "about",
        "Baker in Paris",
        "2012-10-01",
        "people: [James Baker, Paul Volcker]\npeople_about: [James Baker]",
    );
    site.story("both", "Volcker speaks", "2012-10-02", "people: [Paul Volcker, James Baker]");
    site.build_ok();
    let volcker = site.page("/people/paul-volcker/");
    assert!(volcker.contains("2 articles (1 about them, 1 naming them in passing)"), "{volcker}");
    assert!(volcker.contains("Baker in Paris") && volcker.contains("Volcker speaks"), "both are listed");
    let baker = site.page("/people/james-baker/");
    assert!(baker.contains("2 articles") && !baker.contains("in passing"), "{baker}");
    site.story("aside", "Markets calm", "2012-10-03", "people: [Ann Lee, Tom Roe]\npeople_about: [Ann Lee]");
    site.build_ok();
    assert!(site.page("/people/tom-roe/").contains("1 article (all naming them in passing)"));
}
