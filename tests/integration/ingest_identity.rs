//! One source, one article, always the same: alone or in any batch, after
//! `kill -9` at any moment, with two ingests at once, or with the manifest
//! gone. And the encodings pages declare, and what a source publishes of
//! where it came from.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use dateline::config::SitePaths;
use dateline::extract::Extractor;
use dateline::ingest::{self, IngestOptions, Outcome};
use dateline::progress::NoProgress;

use crate::ingest_layouts::ingest as ingest_cli;
use crate::support::{Site, corpus};

/// Ingests `inputs` into the site's content folder through the library.
fn ingest_into(site: &Site, inputs: &[PathBuf]) -> ingest::IngestReport {
    let paths = SitePaths::resolve(site.root(), None).unwrap();
    let vocabularies = ingest::load_vocabularies(&paths).unwrap();
    let options = IngestOptions { content: paths.content.clone(), ..IngestOptions::default() };
    ingest::ingest(inputs, &paths, &options, &Extractor::new(&vocabularies), &NoProgress)
}

/// Every content file (relative path) and its text.
fn articles(site: &Site) -> BTreeMap<String, String> {
    let content = site.root().join("content");
    walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let rel = e.path().strip_prefix(&content).unwrap().to_string_lossy().to_string();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The `source` field of a content file.
fn source_of(text: &str) -> String {
    let split = dateline::frontmatter::split(text).unwrap();
    dateline::content::meta::parse_meta(split.yaml, Path::new("x.md"), 2).unwrap().source.unwrap_or_default()
}

/// Copies `files` into `sources/` of a new site (with the repo's people.yaml), ingests each alone
/// into a site of its own and all together into another, and compares.
fn assert_alone_equals_together(files: &[PathBuf]) {
    let people = Path::new(env!("CARGO_MANIFEST_DIR")).join("people.yaml");
    let new_site = |chosen: &[PathBuf]| {
        let site = Site::new();
        fs::copy(&people, site.root().join("people.yaml")).unwrap();
        fs::create_dir_all(site.root().join("sources")).unwrap();
        for f in chosen {
            fs::copy(f, site.root().join("sources").join(f.file_name().unwrap())).unwrap();
        }
        site
    };
    let together = new_site(files);
    let report = ingest_into(&together, &[together.root().join("sources")]);
    let written = report.inputs.iter().filter(|i| matches!(i.outcome, Outcome::Written(_))).count();
    assert!(written * 10 >= files.len() * 9, "most sources become articles: {written} of {}", files.len());
    let all = articles(&together);
    for file in files {
        let alone = new_site(std::slice::from_ref(file));
        ingest_into(&alone, &[alone.root().join("sources")]);
        for (rel, text) in articles(&alone) {
            assert_eq!(all.get(&rel), Some(&text), "{} alone gave {rel}, unlike the batch", file.display());
        }
    }
}

#[test]
fn each_demo_source_gives_the_same_article_alone_and_in_the_batch() {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    let mut files: Vec<PathBuf> = fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 20);
    assert_alone_equals_together(&files);
}

#[test]
fn each_news_page_gives_the_same_article_alone_and_in_the_batch() {
    let Some(tarball) = corpus("news-gold-dev/news-gold-dev.tar.gz") else { return };
    let dir = tempfile::tempdir().unwrap();
    assert!(Command::new("tar").arg("-xzf").arg(&tarball).arg("-C").arg(dir.path()).status().unwrap().success());
    let pages = dir.path().join("news-gold-dev/pages");
    assert!(Command::new("sh").arg("-c").arg("gunzip -q *.html.gz").current_dir(&pages).status().unwrap().success());
    let mut files: Vec<PathBuf> = fs::read_dir(&pages).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 90, "{} pages", files.len());
    assert_alone_equals_together(&files);
}

#[test]
fn a_syndicated_story_keeps_every_paragraph_in_every_copy() {
    let site = Site::new();
    let paragraphs: Vec<String> = (1..=7)
        .map(|n| {
            format!("Paragraph {n} of the wire story says what officials told reporters on Wednesday in the capital.")
        })
        .collect();
    for (n, banner) in ["The Daily Planet", "Gazette of the North", "Evening Courier"].iter().enumerate() {
        site.file(
            &format!("sources/copy{n}.txt"),
            &format!(
                "{banner}\n\nTalks resume over border dispute\n\nBy Jane Doe\n\nBAMAKO, Oct. 24, 2012 - {}\n\nSubscribe to {banner}\n",
                paragraphs.join("\n\n")
            ),
        );
    }
    ingest_into(&site, &[site.root().join("sources")]);
    let all = articles(&site);
    assert_eq!(all.len(), 3);
    for (rel, text) in &all {
        for p in &paragraphs {
            assert!(text.contains(p.as_str()), "{rel} lost {p:?}");
        }
        assert!(!text.contains("Subscribe"), "{rel}");
    }
}

/// 240 sources, four of which share a headline (so slugs get suffixes).
fn write_sources(site: &Site, version: &str) {
    for n in 0..240 {
        let title = if n % 60 == 0 { "Talks resume".to_string() } else { format!("Talks number {n} open") };
        site.file(
            &format!("sources/s{n:03}.txt"),
            &format!(
                "{title}\n\nBy Jane Doe\n\nBAMAKO, Oct. {}, 2012 - Officials met ({version}) to discuss plan {n}, a spokesman said.\n",
                n % 28 + 1
            ),
        );
    }
}

fn dateline_cmd(site: &Site) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.current_dir(site.root()).args(["-q", "ingest", "sources"]).stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// Every source has exactly one article; no temporary file is left.
fn assert_each_source_once(site: &Site, sources: usize) {
    let all = articles(site);
    let mut by_source: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for (rel, text) in &all {
        by_source.entry(source_of(text)).or_default().push(rel);
    }
    let doubled: Vec<_> = by_source.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(doubled.is_empty(), "sources with several articles: {doubled:?}");
    assert_eq!(by_source.len(), sources, "{} articles for {sources} sources", all.len());
    let temporaries: Vec<_> = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| dateline::disk::is_temporary(&e.file_name().to_string_lossy()))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(temporaries.is_empty(), "{temporaries:?}");
}

/// Runs ingest, killing it at `delays` (milliseconds), then once to the end;
/// returns whether some kill landed while it was writing.
fn kill_loop(site: &Site, delays: &[u64], total: usize) -> bool {
    let mut mid_run = false;
    for &ms in delays {
        let mut child = dateline_cmd(site).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(ms)); // the moment of the kill, not a wait for anything
        let _ = child.kill();
        let _ = child.wait();
        let journal = fs::read_to_string(site.root().join("content/.dateline-ingest.tsv")).unwrap_or_default();
        let lines = journal.lines().filter(|l| !l.starts_with('#')).count();
        mid_run |= lines > 0 && lines != total;
    }
    assert!(dateline_cmd(site).status().unwrap().success());
    mid_run
}

#[test]
fn kill_9_at_random_moments_then_a_full_run_gives_every_source_once() {
    let delays = [35, 80, 5, 150, 60, 220, 110, 300];
    let site = Site::new();
    write_sources(&site, "first");
    let landed = kill_loop(&site, &delays, 240);
    assert_each_source_once(&site, 240);

    // A re-ingest of changed sources, killed the same way, with one file edited by hand.
    let edited_path = site.root().join("content/2012/10/talks-number-7-open.md");
    let edited = fs::read_to_string(&edited_path).unwrap().replace("Officials met", "Officials (edited) met");
    fs::write(&edited_path, &edited).unwrap();
    write_sources(&site, "second");
    let landed_again = kill_loop(&site, &delays, 480);
    assert!(landed || landed_again, "no kill landed while ingest was writing; lengthen the delays");
    assert_each_source_once(&site, 240);
    assert_eq!(fs::read_to_string(&edited_path).unwrap(), edited, "the hand edit survives");
    let out = ingest_cli(&site, &["sources"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0 written, 239 unchanged, 1 skipped"), "only the edited file is kept as edited: {stderr}");
    assert!(articles(&site).values().filter(|t| t.contains("(second)")).count() == 239);
}

#[test]
fn two_ingests_at_once_write_every_source_once() {
    let site = Site::new();
    write_sources(&site, "first");
    fs::create_dir_all(site.root().join("a")).unwrap();
    fs::create_dir_all(site.root().join("b")).unwrap();
    for n in 0..240 {
        let half = if n % 2 == 0 { "a" } else { "b" };
        fs::rename(site.root().join(format!("sources/s{n:03}.txt")), site.root().join(format!("{half}/s{n:03}.txt")))
            .unwrap();
    }
    let run = |dir: &str| {
        Command::new(env!("CARGO_BIN_EXE_dateline"))
            .current_dir(site.root())
            .args(["-q", "ingest", dir])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (run("a"), run("b"));
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_each_source_once(&site, 240);
    let manifest = fs::read_to_string(site.root().join("content/.dateline-ingest.tsv")).unwrap();
    assert_eq!(manifest.lines().filter(|l| !l.starts_with('#')).count(), 240, "the manifest lists them all");
}

#[test]
fn a_deleted_manifest_duplicates_nothing() {
    let site = Site::new();
    write_sources(&site, "first");
    assert!(dateline_cmd(&site).status().unwrap().success());
    fs::remove_file(site.root().join("content/.dateline-ingest.tsv")).unwrap();
    let out = ingest_cli(&site, &["sources"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0 written, 240 unchanged"), "{stderr}");
    assert_each_source_once(&site, 240);
}

#[test]
fn a_page_is_read_in_the_encoding_it_declares() {
    let site = Site::new();
    let page = "<html><head><meta charset=\"Shift_JIS\"><title>東京で会談</title></head><body><article><h1>東京で会談</h1><p>東京で両国の外相が会談し、協力の強化で一致した。会談は二時間に及び、経済と安全保障について話し合った。</p><p>外相らは来月にも再び会う予定だと述べた。</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(page);
    let path = site.root().join("sources/tokyo.html");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, &bytes).unwrap();
    let out = ingest_cli(&site, &["sources", "--default-date", "2019-11-20"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all = articles(&site);
    let text = all.values().next().expect("one article");
    assert!(text.contains("title: 東京で会談") && text.contains("協力の強化"), "{text}");
}

#[test]
fn a_source_from_outside_the_site_publishes_no_local_path() {
    let site = Site::new();
    let outside = tempfile::tempdir().unwrap();
    let dump = outside.path().join("dump");
    fs::create_dir_all(&dump).unwrap();
    fs::write(
        dump.join("a.txt"),
        "Talks resume in Mali\n\nBAMAKO, Oct. 24, 2012 - Officials met on Wednesday, a spokesman said.\n",
    )
    .unwrap();
    assert!(ingest_cli(&site, &[dump.to_str().unwrap()]).status.success());
    let text = articles(&site).into_values().next().unwrap();
    assert_eq!(source_of(&text), "dump/a.txt");
}

#[test]
fn a_headline_of_invisible_characters_is_no_headline() {
    let site = Site::new();
    site.file(
        "sources/zw.html",
        "<html><head><title>&#8203;</title></head><body><article><h1>&#8203;&#8203;</h1><p>A story that is long enough to be an article on its own, with a second sentence that adds more.</p></article></body></html>",
    );
    let out = ingest_cli(&site, &["sources", "--default-date", "2019-11-20"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no headline"), "{stderr}");
    assert!(articles(&site).is_empty());
}
