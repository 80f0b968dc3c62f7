//! `dateline serve` and `dateline watch` started as the README shows them:
//! the built binary, run in the site folder, with no options. Edits show up
//! (also one saved while the first build runs), and `public/` is never
//! touched by `serve`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{Site, http_get, tree};

/// The binary running in the background, its stderr lines (with their
/// arrival times) read on a thread so it never blocks on a full pipe.
struct Live {
    child: Child,
    lines: mpsc::Receiver<(Instant, String)>,
    seen: Vec<String>,
}

impl Live {
    fn start(dir: &Path, args: &[&str]) -> Live {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .current_dir(dir)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dateline runs");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send((Instant::now(), line));
            }
        });
        Live { child, lines, seen: Vec::new() }
    }

    /// Waits for the next line that `matches`; returns it and when it arrived.
    fn wait_line(&mut self, what: &str, matches: impl Fn(&str) -> bool) -> (Instant, String) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok((at, line)) => {
                    self.seen.push(line.clone());
                    if matches(&line) {
                        return (at, line);
                    }
                }
                Err(_) => panic!("no line for {what}; it printed: {:#?}", self.seen),
            }
        }
    }

    /// Ctrl-C, then waits for a clean exit.
    fn interrupt(mut self) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
        let status = self.child.wait().unwrap();
        while let Ok((_, line)) = self.lines.recv_timeout(Duration::from_secs(10)) {
            self.seen.push(line);
        }
        assert!(status.success(), "{status}; it printed: {:#?}", self.seen);
        assert_eq!(self.seen.last().map(String::as_str), Some("stopped"), "{:#?}", self.seen);
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A site big enough that its first build takes a while.
fn big_site(n: usize) -> Site {
    let site = Site::new();
    for i in 0..n {
        site.story(
            &format!("s{i:04}"),
            &format!("Story {i}"),
            &format!("2012-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            "countries: [Mali]",
        );
    }
    site
}

fn body_of(port: u16, url: &str) -> String {
    let (status, body) = http_get(port, url).expect("the server answers");
    assert_eq!(status, 200, "{url}");
    String::from_utf8_lossy(&body).to_string()
}

#[test]
fn serve_in_the_site_folder_shows_edits_and_never_touches_public() {
    let site = big_site(1500);
    let built = Command::new(env!("CARGO_BIN_EXE_dateline")).current_dir(site.root()).arg("build").output().unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let public_before = tree(&site.out());

    // Exactly as the README says: `cd site && dateline serve`.
    let mut live = Live::start(site.root(), &["serve"]);
    live.wait_line("the watches", |l| l.starts_with("watching "));
    // Saved while the first build runs.
    site.story("s1499", "Saved while serve was starting", "2012-08-04", "countries: [Mali]");
    let edited = Instant::now();
    let (built_at, report) = live.wait_line("the first build's report", |l| l.contains(" articles → "));
    assert!(edited < built_at, "the edit was meant to land during the first build: {report}");
    let (_, serving) = live.wait_line("the server", |l| l.starts_with("serving "));
    assert!(serving.contains("http://127.0.0.1:1111/"), "{serving}");
    let port = 1111;
    // The edit's events are replayed after the first build: one rebuild at least.
    live.wait_line("the replayed edit", |l| l.starts_with("rebuilt in "));
    assert!(body_of(port, "/2012/08/s1499/").contains("<h1>Saved while serve was starting</h1>"));

    site.story("s0007", "Edited while serving", "2012-08-08", "countries: [Mali]");
    live.wait_line("the rebuild", |l| l.starts_with("rebuilt in ") && !l.contains(": 0 of"));
    let page = body_of(port, "/2012/08/s0007/");
    assert!(page.contains("<h1>Edited while serving</h1>"), "{page}");
    assert!(page.contains("http://127.0.0.1:1111/2012/08/s0007/"), "serve's own address as base URL");
    live.interrupt();

    assert!(tree(&site.out()) == public_before, "public/ is byte for byte what `dateline build` made");
}

#[test]
fn watch_in_the_site_folder_rebuilds_public() {
    let site = big_site(3);
    let mut live = Live::start(site.root(), &["watch"]);
    live.wait_line("the watches", |l| l.starts_with("watching "));
    live.wait_line("ready", |l| l.starts_with("rebuilding public as files change"));
    assert!(site.page("/2012/01/s0000/").contains("<h1>Story 0</h1>"));
    site.story("s0000", "Edited under watch", "2012-01-01", "countries: [Mali]");
    live.wait_line("the rebuild", |l| l.starts_with("rebuilt in ") && !l.contains(": 0 of"));
    assert!(site.page("/2012/01/s0000/").contains("<h1>Edited under watch</h1>"));
    live.interrupt();
}

#[test]
fn watch_with_a_relative_root_from_another_folder() {
    let site = big_site(2);
    std::fs::create_dir(site.root().join("elsewhere")).unwrap();
    let mut live = Live::start(&site.root().join("elsewhere"), &["--root", "../", "watch"]);
    live.wait_line("ready", |l| l.starts_with("rebuilding public as files change"));
    site.story("s0001", "Seen through a relative root", "2012-02-02", "");
    live.wait_line("the rebuild", |l| l.starts_with("rebuilt in ") && !l.contains(": 0 of"));
    assert!(site.page("/2012/02/s0001/").contains("<h1>Seen through a relative root</h1>"));
    live.interrupt();
}
