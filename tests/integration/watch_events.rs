//! The watch loop on real files: editor save patterns, bursts, deletion and
//! re-creation, folder renames and raw sources dropped in the inbox, each
//! followed to the page it should change.

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use dateline::build::{BuildOptions, NoProgress, Pipeline};
use dateline::extract::{Extractor, Vocabularies};
use dateline::ingest::IngestOptions;
use dateline::watch::{self, Inbox, Update};

use crate::support::Site;

/// A watch loop running on a site in the background.
struct Watching {
    stop: Arc<AtomicBool>,
    updates: mpsc::Receiver<String>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watching {
    fn start(site: &Site) -> Watching {
        let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
        pipeline.build(&NoProgress).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, updates) = mpsc::channel();
        let flag = Arc::clone(&stop);
        let inbox = Inbox {
            options: IngestOptions { content: site.paths().content, ..IngestOptions::default() },
            extractor: Extractor::new(&Vocabularies::defaults()),
        };
        let thread = std::thread::spawn(move || {
            watch::run(&mut pipeline, Some(inbox), &flag, &mut |u| {
                let line = match u {
                    Update::Rebuilt(r) => {
                        format!("rebuilt {} {}", r.rendered, r.diagnostics.iter().filter(|d| d.is_error()).count())
                    }
                    Update::Ingested(r) => format!("ingested {}", r.inputs.len()),
                    Update::WatchError(e) => format!("error {e}"),
                    Update::Watching => "watching".to_string(),
                };
                let _ = tx.send(line);
            })
            .unwrap();
        });
        let ready = updates.recv_timeout(Duration::from_secs(10)).expect("the loop starts");
        assert_eq!(ready, "watching", "the first update says the watches are in place");
        Watching { stop, updates, thread: Some(thread) }
    }

    /// Waits until `check` holds, failing after a while.
    fn wait(&self, what: &str, check: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !check() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The number of rebuilds reported so far (drains the channel).
    fn rebuilds(&self) -> usize {
        self.updates.try_iter().filter(|l| l.starts_with("rebuilt")).count()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn page_has(site: &Site, url: &str, text: &str) -> bool {
    fs::read_to_string(site.out_file(url)).is_ok_and(|p| p.contains(text))
}

#[test]
fn editor_saves_through_a_temporary_file_and_a_rename() {
    let site = Site::new();
    site.story("a", "Before", "2012-10-01", "");
    let w = Watching::start(&site);
    // Vim with backupcopy=no: probe file 4913, swap file, write a temp, rename over.
    fs::write(site.root().join("content/4913"), "").unwrap();
    fs::remove_file(site.root().join("content/4913")).unwrap();
    fs::write(site.root().join("content/.a.md.swp"), "swap").unwrap();
    fs::write(site.root().join("content/a.md~"), "backup").unwrap();
    fs::write(site.root().join("content/a.md.tmp123"), "---\ntitle: After\ndate: 2012-10-01\n---\nx\n").unwrap();
    fs::rename(site.root().join("content/a.md.tmp123"), site.root().join("content/a.md")).unwrap();
    w.wait("the page to show the saved title", || page_has(&site, "/2012/10/a/", "<h1>After</h1>"));
    let updates: Vec<String> = w.updates.try_iter().collect();
    assert!(
        updates.iter().all(|l| !l.starts_with("rebuilt") || l.ends_with(" 0")),
        "no swap, backup or temp file was read as an article: {updates:?}"
    );
}

#[test]
fn a_deleted_and_recreated_file_comes_back() {
    let site = Site::new();
    site.story("a", "First", "2012-10-01", "countries: [Mali]");
    site.story("b", "Other", "2012-10-02", "");
    let w = Watching::start(&site);
    site.remove("content/a.md");
    w.wait("the page and its term page to go", || !site.exists("/2012/10/a/") && !site.exists("/countries/mali/"));
    site.story("a", "Second", "2012-10-01", "countries: [Mali]");
    w.wait("the page to come back", || page_has(&site, "/2012/10/a/", "Second") && site.exists("/countries/mali/"));
}

#[test]
fn a_burst_of_files_becomes_few_rebuilds() {
    let site = Site::new();
    site.story("seed", "Seed", "2012-10-01", "");
    let w = Watching::start(&site);
    let _ = w.rebuilds();
    for n in 0..300 {
        site.story(&format!("burst/b{n}"), &format!("Burst {n}"), "2012-11-01", "countries: [Chad]");
    }
    w.wait("all 300 articles to be built", || page_has(&site, "/countries/chad/", "300 articles"));
    std::thread::sleep(Duration::from_millis(200));
    let rebuilds = w.rebuilds();
    assert!(rebuilds <= 30, "300 files gave {rebuilds} rebuilds");
}

#[test]
fn a_renamed_folder_is_read_again() {
    let site = Site::new();
    site.story("old/a", "In a folder", "2012-10-01", "");
    let w = Watching::start(&site);
    fs::rename(site.root().join("content/old"), site.root().join("content/new")).unwrap();
    site.story("new/b", "Added after", "2012-10-03", "");
    w.wait("both articles after the rename", || site.exists("/2012/10/a/") && site.exists("/2012/10/b/"));
    assert!(page_has(&site, "/2012/10/a/", "In a folder"));
}

#[test]
fn a_raw_source_dropped_in_the_inbox_is_ingested_and_published() {
    let site = Site::new();
    site.story("a", "Existing", "2012-10-01", "");
    fs::create_dir_all(site.root().join("sources")).unwrap();
    let w = Watching::start(&site);
    site.file(
        "sources/new.txt",
        "Aid reaches northern Mali\n\nBy Jane Doe\n\nBAMAKO, Oct. 25, 2012 - Aid convoys reached Gao on Thursday, Malian officials said.\n",
    );
    w.wait("the ingested article and its country page", || {
        site.exists("/2012/10/aid-reaches-northern-mali/") && site.exists("/countries/mali/")
    });
    assert!(Path::new(&site.root().join("content/2012/10/aid-reaches-northern-mali.md")).is_file());
}

#[test]
fn a_broken_file_keeps_the_last_good_page_until_fixed() {
    let site = Site::new();
    site.story("a", "Good", "2012-10-01", "");
    let w = Watching::start(&site);
    site.article("a", "title: [broken", "x");
    w.wait("an error report", || w.updates.try_iter().any(|l| l.starts_with("rebuilt") && !l.ends_with(" 0")));
    assert!(page_has(&site, "/2012/10/a/", "Good"), "the last good page stays");
    site.story("a", "Fixed", "2012-10-01", "");
    w.wait("the fix", || page_has(&site, "/2012/10/a/", "Fixed"));
}

#[test]
fn a_template_change_shows_on_the_pages_that_use_it() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    fs::create_dir_all(site.root().join("templates")).unwrap();
    let w = Watching::start(&site);
    site.file(
        "templates/article.html",
        "{% extends \"default/article.html\" %}{% block title %}NEW {{ article.title }}{% endblock title %}",
    );
    w.wait("the new template", || page_has(&site, "/2012/10/a/", "<title>NEW A</title>"));
}

#[test]
fn an_input_folder_created_after_start_is_watched_and_read() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    assert!(!site.root().join("templates").exists());
    let w = Watching::start(&site);
    site.file(
        "templates/article.html",
        "{% extends \"default/article.html\" %}{% block title %}NEW {{ article.title }}{% endblock title %}",
    );
    w.wait("the new folder's template", || page_has(&site, "/2012/10/a/", "<title>NEW A</title>"));
    site.file(
        "templates/article.html",
        "{% extends \"default/article.html\" %}{% block title %}NEWER {{ article.title }}{% endblock title %}",
    );
    w.wait("an edit inside it", || page_has(&site, "/2012/10/a/", "<title>NEWER A</title>"));
}
