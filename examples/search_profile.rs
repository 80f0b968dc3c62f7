//! Where Pagefind's time and memory go for dateline's records, by shard
//! size: `cargo run --release --example search_profile -- SITE [SIZE...]`.
//! Reads SITE's archive, then for each SIZE indexes its newest SIZE
//! articles as one shard and prints the time to add the records, to build
//! the files, the files' count and bytes, and the peak memory the shard
//! added (Linux: the peak is reset through /proc/self/clear_refs).

use std::time::Instant;

use dateline::archive::Archive;
use dateline::config::{Config, SitePaths};
use dateline::content::{self, markdown::RawHtml};
use dateline::pages::SearchShard;
use dateline::pages::Urls;

fn rss_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(site) = args.next() else {
        eprintln!("usage: search_profile SITE [SIZE...]");
        std::process::exit(2);
    };
    let sizes: Vec<usize> = args.map(|a| a.parse().expect("a number of articles")).collect();
    let sizes = if sizes.is_empty() { vec![500, 1000, 2000, 4000] } else { sizes };
    tracing_subscriber::fmt().with_max_level(tracing::Level::DEBUG).with_writer(std::io::stderr).init();
    let paths = SitePaths::resolve(site.as_ref(), None).expect("a site folder");
    let (files, _) = content::list_files(&paths);
    let articles: Vec<_> =
        files.iter().filter_map(|f| content::load_file_cached(&paths, f, RawHtml::Escape, None).ok()).collect();
    let archive = Archive::build(articles, 0);
    let config = Config::default();
    let urls = Urls::new(&config);
    println!("{:>6} {:>9} {:>8} {:>9} {:>10} {:>12}", "size", "seconds", "ms/rec", "files", "MB", "peak +MB");
    for size in sizes {
        let shard = SearchShard { name: format!("p{size}"), ids: (0..size.min(archive.entries.len())).collect() };
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = rss_kb("VmRSS:");
        let started = Instant::now();
        let files = dateline::search::build_shard(&archive, &urls, "en", &shard).expect("index");
        let secs = started.elapsed().as_secs_f64();
        let peak = rss_kb("VmHWM:").saturating_sub(before);
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        println!(
            "{:>6} {:>9.2} {:>8.3} {:>9} {:>10.1} {:>12.1}",
            shard.ids.len(),
            secs,
            secs * 1000.0 / shard.ids.len() as f64,
            files.len(),
            bytes as f64 / 1e6,
            peak as f64 / 1024.0
        );
    }
}
