//! Feeds and sitemaps parse as XML, and every internal link resolves to a
//! file the build wrote.

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::support::{Site, links};

/// Parses `xml` fully; returns (element names, text of each `loc`/`id` element).
fn parse_xml(xml: &str) -> (Vec<String>, Vec<String>) {
    let mut reader = Reader::from_str(xml);
    let mut names = Vec::new();
    let mut texts = Vec::new();
    let mut current = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = e.name().as_ref().to_string();
                names.push(current.clone());
            }
            Ok(Event::Empty(e)) => names.push(e.name().as_ref().to_string()),
            Ok(Event::Text(t)) if current == "loc" || current == "id" => texts.push(t.to_string()),
            Ok(Event::End(_)) => current.clear(),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at {}: {e}\n{xml}", reader.buffer_position()),
        }
    }
    (names, texts)
}

fn fixture() -> Site {
    let site = Site::new();
    site.file("dateline.yaml", "base_url: https://example.org/news/\ntitle: \"Tom & Jerry's <Archive>\"\n");
    site.story(
        "a",
        "Mali & Niger: \\\"talks\\\" <resume>",
        "2012-10-01",
        "author: Jim Garamone\ncountries: [Mali, Niger]\npeople: [Leon E. Panetta]",
    );
    site.story("b", "Second", "2012-10-02T09:30:00+09:00", "countries: [Mali]");
    site
}

#[test]
fn the_site_feed_and_term_feeds_are_well_formed_atom() {
    let site = fixture();
    site.build_ok();
    for url in ["/atom.xml", "/countries/mali/atom.xml", "/people/leon-e-panetta/atom.xml"] {
        let xml = site.page(url);
        let (names, ids) = parse_xml(&xml);
        assert_eq!(names[0], "feed", "{url}");
        assert!(names.contains(&"entry".to_string()), "{url} has entries");
        assert!(ids.iter().all(|id| id.starts_with("https://example.org/news/")), "{url}: {ids:?}");
    }
    let feed = site.page("/atom.xml");
    assert!(feed.contains("<published>2012-10-02T09:30:00+09:00</published>"));
    assert!(feed.contains("<author><name>Jim Garamone</name></author>"));
    let mali = site.page("/countries/mali/atom.xml");
    assert_eq!(mali.matches("<entry>").count(), 2);
    assert_eq!(site.page("/people/leon-e-panetta/atom.xml").matches("<entry>").count(), 1);
}

#[test]
fn the_sitemap_lists_every_page_with_absolute_urls() {
    let site = fixture();
    site.build_ok();
    let (names, locs) = parse_xml(&site.page("/sitemap.xml"));
    assert_eq!(names[0], "urlset");
    for expected in [
        "https://example.org/news/",
        "https://example.org/news/2012/10/a/",
        "https://example.org/news/countries/mali/",
        "https://example.org/news/2012/10/",
    ] {
        assert!(locs.iter().any(|l| l == expected), "sitemap lacks {expected}: {locs:?}");
    }
    assert!(site.page("/robots.txt").contains("Sitemap: https://example.org/news/sitemap.xml"));
}

#[test]
fn every_internal_link_resolves_to_a_written_file() {
    let site = fixture();
    site.file("dateline.yaml", "base_url: https://example.org/news/\npage_size: 1\n");
    site.build_ok();
    let files: HashSet<String> = site.all_files().into_iter().collect();
    let mut checked = 0;
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(site.out().join(file)).unwrap();
        for link in links(&html) {
            if link.starts_with('#') {
                continue;
            }
            let link = link.split('?').next().unwrap_or_default().to_string();
            let Some(path) = link.strip_prefix("/news/") else {
                assert!(link.starts_with("https://"), "{file} has a link outside the site root: {link}");
                continue;
            };
            let target =
                if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
            assert!(files.contains(&target), "{file} links {link}, which was not written");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}
