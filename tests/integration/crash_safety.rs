//! `kill -9` at random moments of `build`, `ingest` and `watch` leaves every
//! file either as it was or as it should become, never half-written.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{Site, tree};

/// Every visible file under `dir` and its bytes (our temporary files are hidden).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(dir);
    files.retain(|rel, _| !rel.rsplit('/').next().unwrap_or(rel).starts_with('.'));
    files
}

fn restore(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    let _ = fs::remove_dir_all(dir);
    for (rel, bytes) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// Each file now is byte for byte its old or its new version.
fn assert_old_or_new(dir: &Path, old: &BTreeMap<String, Vec<u8>>, new: &BTreeMap<String, Vec<u8>>, what: &str) {
    for (rel, bytes) in snapshot(dir) {
        let ok = old.get(&rel) == Some(&bytes) || new.get(&rel) == Some(&bytes);
        assert!(ok, "{what}: {rel} is neither its old nor its new version ({} bytes)", bytes.len());
    }
}

/// A small deterministic sequence of delays.
fn delays(n: usize, max_ms: u64) -> Vec<Duration> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            Duration::from_millis(x % max_ms)
        })
        .collect()
}

fn kill_after(mut cmd: Command, delay: Duration) {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

fn dateline(root: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.current_dir(root).arg("-q");
    cmd
}

fn write_articles(site: &Site, version: &str) {
    for n in 0..120 {
        site.story(
            &format!("s{n}"),
            &format!("Story {n} {version}"),
            &format!("2012-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
            "countries: [Mali, Chad]\npeople: [Jim Smith]",
        );
    }
}

#[test]
fn killing_build_leaves_whole_files() {
    let site = Site::new();
    write_articles(&site, "old");
    site.build_ok();
    let old = snapshot(&site.out());
    write_articles(&site, "new");
    let clean = site.root().join("clean");
    let status = dateline(site.root()).args(["build", "--out", "clean"]).status().unwrap();
    assert!(status.success());
    let new = snapshot(&clean);
    for (i, delay) in delays(8, 400).into_iter().enumerate() {
        restore(&site.out(), &old);
        fs::write(site.out().join(".dateline-output"), "ours").unwrap();
        kill_after(
            {
                let mut c = dateline(site.root());
                c.arg("build");
                c
            },
            delay,
        );
        assert_old_or_new(&site.out(), &old, &new, &format!("build killed after {delay:?} (run {i})"));
    }
}

#[test]
fn killing_ingest_leaves_whole_content_files_and_manifest() {
    let site = Site::new();
    let source = |n: usize, v: &str| {
        format!(
            "Talks number {n} open\n\nBy Jane Doe\n\nBAMAKO, Oct. {}, 2012 - Officials met ({v}) to discuss the plan, a spokesman said.\n",
            n % 28 + 1
        )
    };
    for n in 0..150 {
        site.file(&format!("sources/s{n}.txt"), &source(n, "first"));
    }
    assert!(dateline(site.root()).args(["ingest", "sources"]).status().unwrap().success());
    let content = site.root().join("content");
    let old = snapshot(&content);
    let old_manifest = fs::read(content.join(".dateline-ingest.tsv")).unwrap();
    for n in 0..150 {
        site.file(&format!("sources/s{n}.txt"), &source(n, "second"));
    }
    assert!(dateline(site.root()).args(["ingest", "sources"]).status().unwrap().success());
    let new = snapshot(&content);
    assert_ne!(old, new);
    for (i, delay) in delays(8, 300).into_iter().enumerate() {
        restore(&content, &old);
        fs::write(content.join(".dateline-ingest.tsv"), &old_manifest).unwrap();
        kill_after(
            {
                let mut c = dateline(site.root());
                c.args(["ingest", "sources"]);
                c
            },
            delay,
        );
        assert_old_or_new(&content, &old, &new, &format!("ingest killed after {delay:?} (run {i})"));
        // Whatever was interrupted, the next run completes the work.
        assert!(dateline(site.root()).args(["ingest", "sources"]).status().unwrap().success());
        assert_eq!(snapshot(&content), new, "a re-run after the kill finishes the job (run {i})");
    }
}

#[test]
fn killing_watch_mid_rebuild_leaves_whole_files() {
    use std::io::BufRead;
    let site = Site::new();
    write_articles(&site, "old");
    assert!(dateline(site.root()).arg("build").status().unwrap().success());
    let old = snapshot(&site.out());
    // One change that rewrites every article page in one rebuild.
    let template = "{% extends \"default/article.html\" %}{% block title %}NEW {{ article.title }}{% endblock title %}";
    site.file("templates/article.html", template);
    assert!(dateline(site.root()).args(["build", "--out", "clean"]).status().unwrap().success());
    let new = snapshot(&site.root().join("clean"));
    fs::remove_dir_all(site.root().join("templates")).unwrap();
    let pages: Vec<_> = (0..120).map(|n| site.out_file(&format!("/2012/{:02}/s{n}/", n % 12 + 1))).collect();

    // A kill can land after the rebuild ended; try until one lands mid-write.
    for attempt in 0..10 {
        restore(&site.out(), &old);
        fs::write(site.out().join(".dateline-output"), "ours").unwrap();
        let mut watcher = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .current_dir(site.root())
            .arg("watch")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Its stderr is read to the end, so it never dies of a closed pipe instead of the kill.
        let (ready_tx, ready) = std::sync::mpsc::channel();
        let stderr = watcher.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.starts_with("rebuilding") {
                    let _ = ready_tx.send(());
                }
            }
        });
        ready.recv_timeout(Duration::from_secs(60)).expect("watch starts");
        site.file("templates/article.html", template);
        // Kill as soon as the rebuild has written its first new page.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while !pages.iter().any(|p| fs::read_to_string(p).is_ok_and(|p| p.contains("<title>NEW "))) {
            assert!(std::time::Instant::now() < deadline, "the rebuild never started");
            std::hint::spin_loop();
        }
        let _ = watcher.kill();
        let _ = watcher.wait();
        assert_old_or_new(&site.out(), &old, &new, &format!("watch killed mid-rebuild (attempt {attempt})"));
        fs::remove_dir_all(site.root().join("templates")).unwrap();
        let now = snapshot(&site.out());
        let still_old = pages.iter().any(|p| {
            let rel = p.strip_prefix(site.out()).unwrap().to_string_lossy().to_string();
            now.get(&rel) == old.get(&rel)
        });
        if still_old {
            return; // some pages new, some old: the kill landed mid-rebuild
        }
    }
    panic!("no kill landed mid-rebuild in 10 attempts; give the rebuild more pages");
}
