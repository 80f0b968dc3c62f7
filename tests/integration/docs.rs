//! The README's template reference names every field a template can see:
//! each view of a built site is serialized and each of its keys looked up.

use std::collections::BTreeSet;

use dateline::archive::Archive;
use dateline::config::Config;
use dateline::pages::{PageKey, SitemapPart, TermOrder};
use dateline::render::views::Views;

use crate::support::Site;

fn keys(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn every_template_variable_is_documented_in_the_readme() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]\npeople: [Jim Smith]\ntopics: [defense]\nregion: Sahel");
    site.story("b", "B", "2012-11-01", "countries: [Mali]");
    let paths = site.paths();
    let config = Config::default();
    let (files, _) = dateline::content::list_files(&paths);
    let articles = files
        .iter()
        .map(|f| {
            std::sync::Arc::new(
                dateline::content::load_file(&paths, f, dateline::content::markdown::RawHtml::Escape).unwrap(),
            )
        })
        .collect();
    let archive = Archive::build(articles, 5);
    let views = Views::new(&archive, &config);
    let mut found = BTreeSet::new();
    let mut add = |v: serde_json::Value| keys(&v, &mut found);
    add(serde_json::to_value(views.site()).unwrap());
    add(serde_json::to_value(views.home(1)).unwrap());
    add(serde_json::to_value(views.article(0)).unwrap());
    let tax = dateline::archive::Taxonomy::Countries;
    add(serde_json::to_value(views.term_list(tax, TermOrder::Name)).unwrap());
    add(serde_json::to_value(views.term(tax, 0, 1)).unwrap());
    add(serde_json::to_value(views.year(2012)).unwrap());
    add(serde_json::to_value(views.month(2012, 10, 1)).unwrap());
    add(serde_json::to_value(views.site_feed()).unwrap());
    add(serde_json::to_value(views.sitemap(SitemapPart::Single)).unwrap());
    add(serde_json::to_value(views.search()).unwrap());
    let _ = PageKey::Robots;
    found.remove("region"); // an `extra` field of this fixture, not a view field
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let reference = &readme[readme.find("### Variables each template receives").expect("the reference section")..];
    let missing: Vec<&String> = found.iter().filter(|k| !reference.contains(&format!("`{k}`"))).collect();
    assert!(missing.is_empty(), "README's template reference lacks {missing:?}");
    assert!(found.len() > 40, "only {} fields seen", found.len());
}
