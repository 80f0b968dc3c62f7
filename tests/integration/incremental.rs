//! Incremental rebuilds give byte-for-byte the site a clean build gives:
//! random edits, renames and deletions on a fixture archive, each followed by
//! a rebuild, compared with a clean build of the same files. And the oracle
//! behind it: no page's view changes without its fingerprint changing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dateline::archive::Archive;
use dateline::build::{self, BuildOptions, Changes, NoProgress, Pipeline};
use dateline::config::{Config, SitePaths};
use dateline::content::{self, markdown::RawHtml};
use dateline::pages::{self, PageKey};
use dateline::render::prints::Prints;
use dateline::render::views::Views;

use crate::support::{Site, tree};

/// A small deterministic generator (xorshift), so failures replay.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const COUNTRIES: &[&str] = &["Mali", "Niger", "Chad", "France", "United States", "South Korea", "Yemen"];
const PEOPLE: &[&str] = &["Leon E. Panetta", "Kim Kwan-jin", "Jim Smith", "Ann Lee", "Omar Ali"];
const TOPICS: &[&str] = &["terrorism", "defense", "trade", "elections"];

fn article_text(rng: &mut Rng, n: usize) -> String {
    let pick_some = |rng: &mut Rng, from: &[&str]| {
        let mut v: Vec<&str> = (0..rng.below(3) + 1).map(|_| from[rng.below(from.len())]).collect();
        v.dedup();
        v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
    };
    format!(
        "---\ntitle: \"Story {n} {}\"\ndate: {}-{:02}-{:02}\ncountries: [{}]\npeople: [{}]\ntopics: [{}]\n---\nBody {} of story {n}.\n",
        rng.next() % 1000,
        // Three years: three shards of the search index.
        2011 + rng.below(3),
        rng.below(3) + 9,
        rng.below(28) + 1,
        pick_some(rng, COUNTRIES),
        pick_some(rng, PEOPLE),
        pick_some(rng, TOPICS),
        rng.next() % 1000,
    )
}

/// Every output file and its bytes (the marker left out), the search index's included.
fn output_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(dir);
    files.retain(|k, _| k != ".dateline-output");
    if cfg!(feature = "search") {
        assert!(files.keys().any(|k| k.starts_with("pagefind/")), "the search index is compared too");
    }
    files
}

fn assert_same_tree(incremental: &Path, clean: &Path, step: usize, what: &str) {
    let (a, b) = (output_tree(incremental), output_tree(clean));
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "step {step} ({what}): only incremental {only_a:?}, only clean {only_b:?}"
    );
    for (k, v) in &a {
        assert!(
            v == &b[k],
            "step {step} ({what}): {k} differs from a clean build:\n{}\n---\n{}",
            String::from_utf8_lossy(&v[..v.len().min(300)]),
            String::from_utf8_lossy(&b[k][..b[k].len().min(300)])
        );
    }
}

#[test]
fn random_edits_renames_and_deletions_rebuild_to_what_a_clean_build_makes() {
    let site = Site::new();
    site.file("dateline.yaml", "page_size: 3\nfeed_size: 4\nrelated: 2\n");
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let mut files: Vec<String> = Vec::new();
    for n in 0..14 {
        let rel = format!("content/s{n}.md");
        site.file(&rel, &article_text(&mut rng, n));
        files.push(rel);
    }
    let paths = site.paths();
    let mut pipeline = Pipeline::new(paths.clone(), site.config(), BuildOptions::default());
    pipeline.build(&NoProgress).unwrap();
    let clean_paths = SitePaths::new(site.root(), Some(Path::new("clean")));
    let mut next_id = 100;
    for step in 0..90 {
        let mut touched: Vec<PathBuf> = Vec::new();
        let what;
        match rng.below(11) {
            0 | 1 if !files.is_empty() => {
                let f = files[rng.below(files.len())].clone();
                let text = fs::read_to_string(site.root().join(&f)).unwrap().replacen(
                    "Body",
                    &format!("Body (edit {step})"),
                    1,
                );
                site.file(&f, &text);
                touched.push(site.root().join(&f));
                what = "body edit";
            }
            2 if !files.is_empty() => {
                let f = files[rng.below(files.len())].clone();
                site.file(&f, &article_text(&mut rng, next_id));
                next_id += 1;
                touched.push(site.root().join(&f));
                what = "new title, date and terms";
            }
            3 if files.len() > 2 => {
                let f = files.remove(rng.below(files.len()));
                site.remove(&f);
                touched.push(site.root().join(&f));
                what = "deletion";
            }
            4 if !files.is_empty() => {
                let i = rng.below(files.len());
                let to = format!("content/moved/r{next_id}.md");
                next_id += 1;
                fs::create_dir_all(site.root().join("content/moved")).unwrap();
                fs::rename(site.root().join(&files[i]), site.root().join(&to)).unwrap();
                touched.push(site.root().join(&files[i]));
                touched.push(site.root().join(&to));
                files[i] = to;
                what = "rename";
            }
            5 => {
                let f = format!("content/n{next_id}.md");
                site.file(&f, &article_text(&mut rng, next_id));
                next_id += 1;
                touched.push(site.root().join(&f));
                files.push(f);
                what = "new article";
            }
            6 if !files.is_empty() => {
                let f = files[rng.below(files.len())].clone();
                let text = fs::read_to_string(site.root().join(&f)).unwrap();
                let person = rng.pick(PEOPLE);
                let renamed = text.replacen(&format!("\"{person}\""), "\"Someone New\"", 1);
                site.file(&f, &renamed);
                touched.push(site.root().join(&f));
                what = "person renamed";
            }
            7 => {
                let (page_size, feed_size) = (rng.below(3) + 2, rng.below(4) + 2);
                let title = rng.pick(&["Archive", "The Wire", "Dispatches"]);
                let yaml = format!("title: {title}\npage_size: {page_size}\nfeed_size: {feed_size}\nrelated: 2\n");
                site.file("dateline.yaml", &yaml);
                touched.push(site.root().join("dateline.yaml"));
                what = "settings";
            }
            8 => {
                // A site template over the default one, changed or removed.
                let overrides = [
                    ("templates/article.html", include_str!("../../templates/article.html")),
                    (
                        "templates/partials/article_list.html",
                        include_str!("../../templates/partials/article_list.html"),
                    ),
                ];
                let (rel, default) = overrides[rng.below(overrides.len())];
                if rng.below(3) == 0 && site.root().join(rel).exists() {
                    site.remove(rel);
                } else {
                    site.file(rel, &default.replacen("<h", &format!("<!-- site {} --><h", rng.next() % 100), 1));
                }
                touched.push(site.root().join(rel));
                what = "template";
            }
            9 if !files.is_empty() => {
                let f = files[rng.below(files.len())].clone();
                let text = fs::read_to_string(site.root().join(&f)).unwrap();
                let toggled = match text.strip_prefix("---\ndraft: true\n") {
                    Some(rest) => format!("---\n{rest}"),
                    None => text.replacen("---\n", "---\ndraft: true\n", 1),
                };
                site.file(&f, &toggled);
                touched.push(site.root().join(&f));
                what = "draft toggled";
            }
            _ => {
                site.file("static/extra.css", &format!("/* {} */", rng.next()));
                touched.push(site.root().join("static/extra.css"));
                what = "static file";
            }
        }
        let changes = Changes::from_paths(&paths, touched.iter().map(PathBuf::as_path)).expect("relevant change");
        let report = pipeline.rebuild(&changes, &NoProgress).unwrap();
        assert!(!report.has_errors(), "step {step}: {:?}", report.diagnostics);
        assert!(
            report.rendered < report.pages
                || step == 0
                || ["static file", "settings", "template"].contains(&what)
                || report.pages < 20,
            "step {step}: {what} re-rendered every page"
        );
        let _ = fs::remove_dir_all(site.root().join("clean"));
        build::build_site(&clean_paths, &site.config(), &BuildOptions::default(), &NoProgress).unwrap();
        assert_same_tree(&site.out(), &site.root().join("clean"), step, what);
    }
}

#[test]
fn a_body_edit_renders_only_the_pages_that_show_the_article() {
    let site = Site::new();
    for n in 0..40 {
        site.story(&format!("s{n}"), &format!("Story {n}"), &format!("2012-10-{:02}", n % 28 + 1), "countries: [Mali]");
    }
    site.story("lonely", "Lonely", "2011-01-01", "countries: [Chad]");
    let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
    let full = pipeline.build(&NoProgress).unwrap();
    site.article("lonely", "title: Lonely\ndate: 2011-01-01\ncountries: [Chad]", "A new body.");
    let changes = Changes::from_paths(&site.paths(), [site.root().join("content/lonely.md").as_path()]).unwrap();
    let report = pipeline.rebuild(&changes, &NoProgress).unwrap();
    // The article, its neighbours (they link it), and the lists showing its
    // card: a home page, Chad's page and feed, its month.
    assert!(report.rendered <= 8, "rendered {} of {} pages", report.rendered, full.pages);
    assert!(report.changed_files.contains(&"2011/01/lonely/index.html".to_string()));
    assert!(
        !report.changed_files.iter().any(|f| f.contains("mali") || f.starts_with("2012/")),
        "{:?}",
        report.changed_files
    );
}

#[test]
fn deleting_the_last_article_of_a_term_removes_its_page() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    site.story("b", "B", "2012-11-01", "countries: [Chad]");
    let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
    pipeline.build(&NoProgress).unwrap();
    assert!(site.exists("/countries/chad/"));
    site.remove("content/b.md");
    let changes = Changes::from_paths(&site.paths(), [site.root().join("content/b.md").as_path()]).unwrap();
    let report = pipeline.rebuild(&changes, &NoProgress).unwrap();
    assert!(!site.exists("/countries/chad/") && !site.out().join("countries/chad").exists());
    assert!(!site.exists("/2012/11/"));
    assert!(report.changed_files.iter().any(|f| f == "countries/chad/index.html"));
}

#[test]
fn a_template_change_re_renders_the_pages_that_use_it() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
    pipeline.build(&NoProgress).unwrap();
    site.file(
        "templates/term.html",
        "{% extends \"default/term.html\" %}{% block title %}TERM {{ term.name }}{% endblock title %}",
    );
    let changes = Changes::from_paths(&site.paths(), [site.root().join("templates/term.html").as_path()]).unwrap();
    let report = pipeline.rebuild(&changes, &NoProgress).unwrap();
    assert!(site.page("/countries/mali/").contains("<title>TERM Mali</title>"));
    assert!(
        report
            .changed_files
            .iter()
            .all(|f| f.starts_with("countries/mali") || f.starts_with("people/") || f.starts_with("topics/")),
        "{:?}",
        report.changed_files
    );
}

#[test]
fn a_broken_template_or_config_is_reported_until_fixed_and_content_edits_still_show() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
    pipeline.build(&NoProgress).unwrap();
    let errors = |report: &build::BuildReport| -> Vec<String> {
        report.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
    };
    let rebuild = |pipeline: &mut Pipeline, files: &[&str]| {
        let paths: Vec<_> = files.iter().map(|f| site.root().join(f)).collect();
        let changes = Changes::from_paths(&site.paths(), paths.iter().map(|p| p.as_path())).unwrap();
        pipeline.rebuild(&changes, &NoProgress).unwrap()
    };

    // One batch breaks a template and edits an article: the edit is not lost.
    site.file(
        "templates/term.html",
        "{% extends \"default/term.html\" %}{% block title %}{{ term.name {% endblock title %}",
    );
    site.story("a", "A second title", "2012-10-01", "countries: [Mali]");
    let report = rebuild(&mut pipeline, &["templates/term.html", "content/a.md"]);
    assert!(errors(&report).iter().any(|e| e.contains("term.html")), "{:?}", errors(&report));
    assert!(site.page("/2012/10/a/").contains("A second title"), "the edit is published with the last good templates");

    // A later content-only batch still says the template is broken.
    site.story("a", "A third title", "2012-10-01", "countries: [Mali]");
    let report = rebuild(&mut pipeline, &["content/a.md"]);
    assert!(errors(&report).iter().any(|e| e.contains("term.html")), "{:?}", errors(&report));

    // A broken dateline.yaml, likewise, until fixed.
    site.file("dateline.yaml", "page_size: [\n");
    assert!(errors(&rebuild(&mut pipeline, &["dateline.yaml"])).iter().any(|e| e.contains("dateline.yaml")));
    site.story("a", "A fourth title", "2012-10-01", "countries: [Mali]");
    let report = rebuild(&mut pipeline, &["content/a.md"]);
    assert!(errors(&report).iter().any(|e| e.contains("dateline.yaml")), "{:?}", errors(&report));
    site.remove("dateline.yaml");
    let report = rebuild(&mut pipeline, &["dateline.yaml"]);
    assert!(!errors(&report).iter().any(|e| e.contains("dateline.yaml")), "{:?}", errors(&report));

    // Fixing the template clears the error and renders the pages that use it.
    site.file(
        "templates/term.html",
        "{% extends \"default/term.html\" %}{% block title %}FIXED {{ term.name }}{% endblock title %}",
    );
    let report = rebuild(&mut pipeline, &["templates/term.html"]);
    assert!(errors(&report).is_empty(), "{:?}", errors(&report));
    assert!(site.page("/countries/mali/").contains("<title>FIXED Mali</title>"));
}

#[test]
fn pages_left_by_an_earlier_run_go_once_a_broken_first_build_is_fixed() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    site.story("b", "B", "2012-11-01", "countries: [Chad]");
    site.build_ok();
    // While dateline was not running: one article deleted, one broken.
    site.remove("content/b.md");
    site.article("a", "title: A\ndate: 2012-13-01", "Body.");
    let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
    let report = pipeline.build(&NoProgress).unwrap();
    assert!(report.diagnostics.iter().any(|d| d.is_error()));
    assert!(site.exists("/2012/11/b/"), "with errors, nothing is deleted");
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    let changes = Changes::from_paths(&site.paths(), [site.root().join("content/a.md").as_path()]).unwrap();
    let report = pipeline.rebuild(&changes, &NoProgress).unwrap();
    assert!(!report.diagnostics.iter().any(|d| d.is_error()));
    assert!(!site.exists("/2012/11/b/") && !site.exists("/countries/chad/"), "{:?}", report.changed_files);
}

/// A page's view as JSON, to tell whether its inputs changed.
fn view_json(views: &Views<'_>, key: PageKey) -> String {
    match key {
        PageKey::Home(n) => serde_json::to_string(&views.home(n)),
        PageKey::Article(id) => serde_json::to_string(&views.article(id)),
        PageKey::TermList(t, o) => serde_json::to_string(&views.term_list(t, o)),
        PageKey::Term(t, id, n) => serde_json::to_string(&views.term(t, id, n)),
        PageKey::TermFeed(t, id) => serde_json::to_string(&views.term_feed(t, id)),
        PageKey::Year(y) => serde_json::to_string(&views.year(y)),
        PageKey::Month(y, m, n) => serde_json::to_string(&views.month(y, m, n)),
        PageKey::Feed => serde_json::to_string(&views.site_feed()),
        PageKey::Sitemap(p) => serde_json::to_string(&views.sitemap(p)),
        PageKey::Search => serde_json::to_string(&views.search()),
        PageKey::SearchFacets => serde_json::to_string(&views.search_facets()),
        PageKey::Robots | PageKey::NotFound => Ok(String::new()),
    }
    .unwrap()
}

#[test]
fn no_view_changes_without_its_fingerprint_changing() {
    let settings = |rng: &mut Rng| Config {
        page_size: rng.below(3) + 2,
        feed_size: rng.below(3) + 2,
        related: rng.below(3) + 1,
        title: rng.pick(&["Archive", "The Wire"]).to_string(),
        base_url: rng.pick(&["http://localhost/", "https://example.org/sub/"]).to_string(),
        ..Config::default()
    };
    let mut rng = Rng(0xdead_beef_0042);
    let mut config = settings(&mut rng);
    let mut texts: Vec<String> = (0..16).map(|n| article_text(&mut rng, n)).collect();
    let parse = |texts: &[String]| -> Vec<Arc<content::Article>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Arc::new(content::parse(Path::new(&format!("content/a{i}.md")), t, RawHtml::Escape).unwrap()))
            .collect()
    };
    let snapshot = |archive: &Archive, config: &Config| -> BTreeMap<String, (String, u64)> {
        assert_eq!(
            pages::sitemap_len(archive),
            pages::sitemap_paths(archive).len(),
            "the count the sitemaps' split uses"
        );
        let views = Views::new(archive, config);
        let prints = Prints::new(archive, config);
        pages::site_pages(archive, config.page_size, config.search_enabled())
            .into_iter()
            .map(|p| (p.file.clone(), (view_json(&views, p.key), prints.page(&p))))
            .collect()
    };
    let mut old = snapshot(&Archive::build(parse(&texts), config.related), &config);
    let mut checked = 0;
    for round in 0..80 {
        let i = rng.below(texts.len());
        match rng.below(4) {
            0 => texts[i] = texts[i].replacen("Body", &format!("Body (change {round})"), 1),
            1 => texts[i] = texts[i].replacen("Story", "Retitled story", 1),
            2 => texts[i] = article_text(&mut rng, i + 1000),
            // The settings each view reads (page and feed sizes, related
            // count, title, base URL) must reach its fingerprint too.
            _ => config = settings(&mut rng),
        }
        let new = snapshot(&Archive::build(parse(&texts), config.related), &config);
        for (file, (json, print)) in &new {
            if let Some((old_json, old_print)) = old.get(file) {
                checked += 1;
                assert!(old_json == json || old_print != print, "{file}: its view changed but its fingerprint did not");
            }
        }
        old = new;
    }
    assert!(checked > 1000, "only {checked} page comparisons");
}

#[cfg(feature = "search")]
#[test]
fn only_the_search_shards_whose_articles_changed_are_indexed_again() {
    let site = Site::new();
    site.story("old", "Old convoy", "2011-05-01", "countries: [Chad]");
    site.story("new", "New convoy", "2012-05-01", "countries: [Mali]");
    let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
    let first = pipeline.build(&NoProgress).unwrap();
    assert_eq!((first.shards, first.shards_indexed), (2, 2), "{first}");
    let old_shard = tree(&site.out().join("pagefind/2011"));
    assert!(!old_shard.is_empty());

    site.story("new", "New convoy, edited", "2012-05-01", "countries: [Mali]");
    let changes = Changes::from_paths(&site.paths(), [site.root().join("content/new.md").as_path()]).unwrap();
    let edit = pipeline.rebuild(&changes, &NoProgress).unwrap();
    assert_eq!(edit.shards_indexed, 1, "{edit}");
    assert!(tree(&site.out().join("pagefind/2011")) == old_shard, "the other year's shard is left as it was");

    // A later `dateline build` (a new process) finds nothing to index...
    assert_eq!(site.build_ok().shards_indexed, 0);
    // ...unless a shard's files are not all there.
    let fragment = fs::read_dir(site.out().join("pagefind/2011/fragment")).unwrap().next().unwrap().unwrap().path();
    fs::remove_file(&fragment).unwrap();
    let repaired = site.build_ok();
    assert_eq!(repaired.shards_indexed, 1, "{repaired}");
    assert!(fragment.is_file());
}
