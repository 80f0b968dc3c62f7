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
use dateline::watch::{Inbox, Update, Watcher};

use crate::support::Site;

/// A watch loop running on a site in the background.
struct Watching {
    stop: Arc<AtomicBool>,
    updates: mpsc::Receiver<String>,
    /// Updates received so far, oldest first.
    seen: std::cell::RefCell<Vec<String>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watching {
    /// Watches placed, then the first build, then the loop: as `serve` does.
    fn start(site: &Site) -> Watching {
        let watcher = Watcher::start(&site.paths()).unwrap();
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
            watcher
                .run(&mut pipeline, Some(inbox), &flag, &mut |u| {
                    let line = match u {
                        Update::Rebuilt(r) => format!(
                            "rebuilt {} {} {}",
                            r.rendered,
                            r.diagnostics.iter().filter(|d| d.is_error()).count(),
                            r.articles
                        ),
                        Update::Ingested(r) => format!("ingested {}", r.inputs.len()),
                        Update::Shown(files) => format!("shown {}", files.join(" ")),
                        Update::WatchError(e) => format!("error {e}"),
                    };
                    let _ = tx.send(line);
                })
                .unwrap();
        });
        Watching { stop, updates, seen: Default::default(), thread: Some(thread) }
    }

    /// Waits, update by update, until `check` holds after one (or already
    /// holds); fails after a while.
    fn wait(&self, what: &str, check: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !check() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.updates.recv_timeout(left) {
                Ok(line) => self.seen.borrow_mut().push(line),
                Err(_) => panic!("timed out waiting for {what}; updates: {:?}", self.seen.borrow()),
            }
        }
    }

    /// Waits for a rebuild report matching `check`; returns every update up to it.
    fn wait_rebuilt(&self, what: &str, check: impl Fn(&Rebuilt) -> bool) -> Vec<String> {
        self.wait(what, || self.seen.borrow().iter().filter_map(|l| Rebuilt::parse(l)).any(|r| check(&r)));
        self.seen.borrow().clone()
    }
}

/// A rebuild as the test loop reports it.
struct Rebuilt {
    rendered: usize,
    errors: usize,
    articles: usize,
}

impl Rebuilt {
    fn parse(line: &str) -> Option<Rebuilt> {
        let mut n = line.strip_prefix("rebuilt ")?.split(' ').map(|x| x.parse::<usize>().unwrap());
        Some(Rebuilt { rendered: n.next()?, errors: n.next()?, articles: n.next()? })
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
    // The report comes after the page is written: wait for it, then read them all.
    let updates = w.wait_rebuilt("the rebuild that rendered it", |r| r.rendered > 0);
    let rebuilds: Vec<Rebuilt> = updates.iter().filter_map(|l| Rebuilt::parse(l)).collect();
    assert!(!rebuilds.is_empty());
    assert!(
        rebuilds.iter().all(|r| r.errors == 0 && r.articles == 1),
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
    for n in 0..300 {
        site.story(&format!("burst/b{n}"), &format!("Burst {n}"), "2012-11-01", "countries: [Chad]");
    }
    w.wait("all 300 articles to be built", || page_has(&site, "/countries/chad/", "300 articles"));
    let updates = w.wait_rebuilt("the rebuild with all of them", |r| r.articles == 301);
    let rebuilds = updates.iter().filter_map(|l| Rebuilt::parse(l)).count();
    assert!(rebuilds <= 30, "300 files gave {rebuilds} rebuilds: {updates:?}");
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
    w.wait_rebuilt("an error report", |r| r.errors > 0);
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

#[test]
fn an_edit_saved_before_the_loop_runs_is_replayed() {
    let site = Site::new();
    site.story("a", "Before", "2012-10-01", "");
    // As `serve` starts: watches first, then the first build, which reads
    // the old text; the edit lands after that read and before the loop.
    let watcher = Watcher::start(&site.paths()).unwrap();
    let mut pipeline = Pipeline::new(site.paths(), site.config(), BuildOptions::default());
    pipeline.build(&NoProgress).unwrap();
    assert!(page_has(&site, "/2012/10/a/", "<h1>Before</h1>"));
    site.story("a", "Saved during the first build", "2012-10-01", "");
    let stop = AtomicBool::new(false);
    watcher
        .run(&mut pipeline, None, &stop, &mut |u| {
            if matches!(u, Update::Rebuilt(_)) && page_has(&site, "/2012/10/a/", "Saved during the first build") {
                stop.store(true, Ordering::Relaxed);
            }
        })
        .unwrap();
    assert!(page_has(&site, "/2012/10/a/", "<h1>Saved during the first build</h1>"));
}

#[test]
fn content_deleted_and_restored_is_watched_again() {
    let site = Site::new();
    site.story("a", "First", "2012-10-01", "");
    let w = Watching::start(&site);
    let content = site.root().join("content");
    let backup = site.root().join("backup");
    fs::rename(&content, &backup).unwrap();
    w.wait_rebuilt("the archive without content/", |r| r.articles == 0);
    // `cp -r backup content`, then an edit inside the new folder.
    fs::create_dir(&content).unwrap();
    fs::copy(backup.join("a.md"), content.join("a.md")).unwrap();
    w.wait("the restored article", || page_has(&site, "/2012/10/a/", "<h1>First</h1>"));
    site.story("a", "Edited after the restore", "2012-10-01", "");
    w.wait("the edit in the restored folder", || page_has(&site, "/2012/10/a/", "<h1>Edited after the restore</h1>"));
}

#[cfg(unix)]
#[test]
fn content_replaced_by_a_symbolic_link_is_followed() {
    let site = Site::new();
    site.story("a", "On main", "2012-10-01", "");
    site.file("other/b.md", "---\ntitle: On the other branch\ndate: 2012-10-02\n---\nx\n");
    let w = Watching::start(&site);
    let content = site.root().join("content");
    fs::remove_dir_all(&content).unwrap();
    std::os::unix::fs::symlink(site.root().join("other"), &content).unwrap();
    w.wait("the linked folder's article, and the old one gone", || {
        page_has(&site, "/2012/10/b/", "On the other branch") && !site.exists("/2012/10/a/")
    });
    site.file("other/b.md", "---\ntitle: Edited through the link\ndate: 2012-10-02\n---\nx\n");
    w.wait("an edit in the linked folder", || page_has(&site, "/2012/10/b/", "<h1>Edited through the link</h1>"));
}

#[test]
fn a_file_whose_modification_time_alone_changes_is_rebuilt() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    let w = Watching::start(&site);
    let file = fs::File::options().write(true).open(site.root().join("content/a.md")).unwrap();
    // What `touch` and editors that only set the time do: a metadata-only event.
    file.set_modified(std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)).unwrap();
    let updates = w.wait_rebuilt("a rebuild after the touch", |_| true);
    assert!(updates.iter().any(|l| l.starts_with("rebuilt")), "{updates:?}");
}

#[test]
fn the_edited_article_page_is_shown_before_the_rest_of_its_rebuild() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    site.story("b", "B", "2012-10-02", "countries: [Mali]");
    let w = Watching::start(&site);
    site.article("a", "title: A\ndate: 2012-10-01\ncountries: [Mali]", "A new body.");
    let updates = w.wait_rebuilt("the rebuild", |r| r.rendered > 1);
    let shown = updates.iter().position(|l| l == "shown 2012/10/a/index.html");
    let rebuilt = updates.iter().position(|l| l.starts_with("rebuilt"));
    assert!(shown.is_some() && shown < rebuilt, "{updates:?}");
}
