//! Bytes a browser transfers to show the first results of one search on a
//! built site: `cargo run --release --example search_transfer -- SITE_OUT QUERY`.
//! Serves SITE_OUT on loopback behind a counting relay, opens `/search/` in
//! headless Chromium (Debian's chromium + chromedriver), types QUERY, and
//! reports the bytes the relay carried to the browser until the first result
//! showed (headers included; Pagefind fetches its index from a web worker,
//! which the page's own resource timings do not see, so the count is taken
//! on the wire).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

/// Relays connections from a port of its own to `server`, counting the
/// bytes sent back to the client.
fn counting_relay(server: u16) -> (u16, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let sent = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&sent);
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(upstream) = TcpStream::connect(("127.0.0.1", server)) else { continue };
            let (mut c_read, mut u_write) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c_read, &mut u_write);
            });
            let (mut u_read, mut c_write, counter) = (upstream, client, Arc::clone(&counter));
            std::thread::spawn(move || {
                let mut buf = [0u8; 16 * 1024];
                while let Ok(n) = u_read.read(&mut buf) {
                    if n == 0 || c_write.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    counter.fetch_add(n as u64, Ordering::SeqCst);
                }
            });
        }
    });
    (port, sent)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(query)) = (args.next().map(PathBuf::from), args.next()) else {
        eprintln!("usage: search_transfer SITE_OUT QUERY");
        std::process::exit(2);
    };
    let server = dateline::serve::Server::start(&out, &dateline::serve::ServeOptions::default()).expect("serve");
    let (port, sent) = counting_relay(server.addr().port());
    let driver_port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut driver = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={driver_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver");
    while TcpStream::connect(("127.0.0.1", driver_port)).is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let profile = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), serde_json::json!({"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", format!("--user-data-dir={}", profile.path().display())]}));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new()).capabilities(caps).connect(&format!("http://127.0.0.1:{driver_port}")).await.unwrap();
        client.goto(&format!("http://127.0.0.1:{port}/search/")).await.unwrap();
        let page = sent.load(Ordering::SeqCst);
        client.find(Locator::Css("#q")).await.unwrap().send_keys(&query).await.unwrap();
        let started = Instant::now();
        // The page goes on merging older shards after the first results show.
        let results = loop {
            let n = client.execute("return document.querySelectorAll('#results li').length", vec![]).await.unwrap();
            if n.as_u64().unwrap_or(0) > 0 || started.elapsed() > Duration::from_secs(30) {
                break n.as_u64().unwrap_or(0);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let total = sent.load(Ordering::SeqCst);
        let status = client.execute("return document.getElementById('status').textContent", vec![]).await.unwrap();
        println!(
            "until the first result: {total} bytes on the wire ({page} for the page and its theme, {} for the search); {results} results shown, {:?}",
            total - page,
            status.as_str().unwrap_or("")
        );
        client.close().await.unwrap();
    });
    let _ = driver.kill();
    let _ = driver.wait();
}
