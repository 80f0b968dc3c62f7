//! Bytes a browser transfers to show the first results of one search on a
//! built site: `cargo run --release --example search_transfer -- SITE_OUT QUERY`.
//! Serves SITE_OUT on loopback, opens `/search/` in headless Chromium
//! (Debian's chromium + chromedriver), types QUERY, waits for results, and
//! sums the transfer sizes the browser recorded until the first result
//! showed, split into the page itself and the search index.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(query)) = (args.next().map(PathBuf::from), args.next()) else {
        eprintln!("usage: search_transfer SITE_OUT QUERY");
        std::process::exit(2);
    };
    let server = dateline::serve::Server::start(&out, &dateline::serve::ServeOptions::default()).expect("serve");
    let port = server.addr().port();
    let driver_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut driver = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={driver_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver");
    while std::net::TcpStream::connect(("127.0.0.1", driver_port)).is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let profile = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), serde_json::json!({"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", format!("--user-data-dir={}", profile.path().display())]}));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new()).capabilities(caps).connect(&format!("http://127.0.0.1:{driver_port}")).await.unwrap();
        client.goto(&format!("http://127.0.0.1:{port}/search/")).await.unwrap();
        client.find(Locator::Css("#q")).await.unwrap().send_keys(&query).await.unwrap();
        let started = Instant::now();
        // When the first result showed, on the page's own clock (the page goes
        // on merging older shards in the background after that).
        let shown_at = loop {
            let seen = client
                .execute("return [document.querySelectorAll('#results li').length, performance.now()]", vec![])
                .await
                .unwrap();
            if seen[0].as_u64().unwrap_or(0) > 0 || started.elapsed() > Duration::from_secs(30) {
                break seen[1].as_f64().unwrap_or(f64::MAX);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let report = client
            .execute(
                "var shown = arguments[0];\
                 var nav = performance.getEntriesByType('navigation')[0];\
                 var res = performance.getEntriesByType('resource').filter(function (r) { return r.responseEnd <= shown; });\
                 var index = res.filter(function (r) { return r.name.includes('/pagefind/'); });\
                 var other = res.filter(function (r) { return !r.name.includes('/pagefind/') && !r.name.includes('__dateline'); });\
                 function sum(list) { return list.reduce(function (a, r) { return a + r.transferSize; }, 0); }\
                 return { page: nav.transferSize + sum(other), index: sum(index), total: nav.transferSize + sum(other) + sum(index),\
                          files: index.map(function (r) { return [r.transferSize, new URL(r.name).pathname]; }),\
                          results: document.querySelectorAll('#results li').length, status: document.getElementById('status').textContent };",
                vec![serde_json::json!(shown_at)],
            )
            .await
            .unwrap();
        println!(
            "until the first result: page and theme {} bytes; search index {} bytes in {} files; total {} bytes ({} results, {:?})",
            report["page"], report["index"], report["files"].as_array().map_or(0, Vec::len), report["total"], report["results"], report["status"].as_str().unwrap_or("")
        );
        for file in report["files"].as_array().into_iter().flatten() {
            println!("  {:>9}  {}", file[0], file[1].as_str().unwrap_or(""));
        }
        client.close().await.unwrap();
    });
    let _ = driver.kill();
    let _ = driver.wait();
}
