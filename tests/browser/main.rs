//! Live reload in a real browser: headless Chromium, driven through
//! chromedriver (WebDriver) by fantoccini, against `dateline serve` on
//! loopback. Edits to a site's files must show up in the open page by
//! themselves, and a broken file must show an overlay that goes away when
//! it is fixed.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test
//! is skipped with a message, unless `DATELINE_REQUIRE_BROWSER=1` (set by
//! `.ci/run`), which makes a missing browser a failure.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Kills a child process when dropped, so a failing test leaves nothing running.
struct Running(Child);
impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn browser_available() -> bool {
    let found = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !found {
        assert!(
            std::env::var_os("DATELINE_REQUIRE_BROWSER").is_none(),
            "DATELINE_REQUIRE_BROWSER is set but {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!("skipped: no {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)");
    }
    found
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The status code of `GET url` (plain HTTP/1.1 on loopback).
fn status_of(port: u16, path: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Like an editor: write a temporary file, then rename it over the old one.
    let tmp = path.with_extension("md.swp");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, &path).unwrap();
}

fn article(person: &str, body: &str) -> String {
    format!("---\ntitle: Talks on Mali\ndate: 2012-10-24\ncountries: [Mali]\npeople: [{person}]\n---\n{body}\n")
}

/// `dateline serve` started as the README shows it (in the site folder),
/// with the lines it prints.
struct Served {
    _child: Running,
    port: u16,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Served {
    /// Waits for a printed line that `matches`, failing after a deadline
    /// even when the server prints nothing at all.
    fn wait_line(&self, what: &str, matches: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if matches(&line) => return,
                Ok(_) => {}
                Err(_) => panic!("dateline serve printed no line for {what}"),
            }
        }
    }
}

/// Starts `dateline serve` in `root` on a free port; returns it once it serves.
fn start_server(root: &Path) -> Served {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(root)
        .args(["serve", "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dateline runs");
    let mut child = Running(child);
    let stderr = child.0.stderr.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    // Read on a thread, so the deadline holds and the server never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let served = Served { _child: child, port, lines };
    served.wait_line("serving", |l| l.starts_with("serving "));
    served
}

fn start_chromedriver() -> (Running, u16) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (Running(child), port)
}

async fn connect(driver_port: u16, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--disable-quic", format!("--user-data-dir={}", profile.display())]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("a WebDriver session")
}

/// Polls `check` until it is true or `what` times out.
async fn wait_for<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn js(client: &Client, script: &str) -> serde_json::Value {
    client.execute(script, vec![]).await.unwrap_or(serde_json::Value::Null)
}

#[test]
fn edits_reload_the_open_page_and_errors_show_an_overlay() {
    if !browser_available() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    let root: PathBuf = site.path().to_path_buf();
    write(&root, "content/talks.md", &article("Jim Smith", "Officials met in Bamako."));
    write(&root, "content/other.md", "---\ntitle: Other news\ndate: 2012-10-20\n---\nNothing new.\n");
    let server = start_server(&root);
    let port = server.port;
    let (_driver, driver_port) = start_chromedriver();
    let profile = tempfile::tempdir().unwrap();

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = connect(driver_port, profile.path()).await;
        let page = format!("http://127.0.0.1:{port}/2012/10/talks/");
        client.goto(&page).await.unwrap();
        wait_for("the page", || async { client.source().await.unwrap_or_default().contains("Officials met in Bamako.") }).await;
        // Wait until the page's live-reload channel is open before editing.
        wait_for("the event stream to open", || async {
            js(&client, "return document.documentElement.dataset.datelineLive === '1'").await == true
        })
        .await;

        // 1. The body changes: the page reloads by itself and shows it.
        js(&client, "window.__dateline_marker = 1").await;
        write(&root, "content/talks.md", &article("Jim Smith", "Officials met again in Gao."));
        wait_for("the page to reload with the new text", || async {
            js(&client, "return window.__dateline_marker === undefined && document.body.innerText.includes('Officials met again in Gao.')").await == true
        })
        .await;

        // 2. A person's name changes: reload, new person page, old one gone.
        js(&client, "window.__dateline_marker = 2").await;
        write(&root, "content/talks.md", &article("Ann Lee", "Officials met again in Gao."));
        wait_for("the page to show the new person", || async {
            js(&client, "return window.__dateline_marker === undefined && document.body.innerText.includes('Ann Lee')").await == true
        })
        .await;
        assert!(!client.source().await.unwrap().contains("Jim Smith"));
        assert_eq!(status_of(port, "/people/ann-lee/"), 200);
        assert_eq!(status_of(port, "/people/jim-smith/"), 404);

        // 3. Broken front matter: an overlay names the file and line; the page stays.
        write(&root, "content/talks.md", "---\ntitle: [unclosed\ndate: 2012-10-24\n---\nx\n");
        wait_for("the error overlay", || async {
            js(&client, "var o = document.getElementById('dateline-error'); return !!o && o.textContent.includes('content/talks.md:')").await
                == true
        })
        .await;
        assert!(client.source().await.unwrap().contains("Officials met again in Gao."), "the last good page stays");
        write(&root, "content/talks.md", &article("Ann Lee", "Fixed and back."));
        wait_for("the overlay to go and the fix to show", || async {
            js(&client, "return !document.getElementById('dateline-error') && document.body.innerText.includes('Fixed and back.')").await == true
        })
        .await;

        // 4. A stylesheet change is applied without reloading the page.
        js(&client, "window.__dateline_marker = 3").await;
        write(&root, "static/style.css", "body { background: rgb(1, 2, 3); }");
        wait_for("the new stylesheet without a reload", || async {
            js(&client, "return window.__dateline_marker === 3 && getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'").await
                == true
        })
        .await;

        let _ = client.find(Locator::Css("h1")).await.unwrap();
        client.close().await.unwrap();
    });
}

#[test]
fn the_search_page_finds_articles_and_filters_narrow_them() {
    if !browser_available() {
        return;
    }
    use dateline::build::{BuildOptions, NoProgress, build_site};
    use dateline::config::{Config, SitePaths};
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    // Two years: two shards of the index, merged by the search page.
    let story = |name: &str, year: u16, title: &str, country: &str, body: &str| {
        write(
            root,
            &format!("content/{name}.md"),
            &format!("---\ntitle: {title}\ndate: {year}-10-{}\ncountries: [{country}]\n---\n{body}\n", 10 + name.len()),
        );
    };
    story("a", 2012, "Convoy reaches Gao", "Mali", "An aid convoy reached Gao carrying grain and medicine.");
    story("bb", 2011, "Convoy stopped at border", "Niger", "A second aid convoy was stopped at the border with grain.");
    story("ccc", 2012, "Budget talks resume", "France", "Ministers resumed budget talks in Paris.");
    story("dddd", 2011, "Convoy leaves Niamey", "Niger", "A third convoy left Niamey.");
    let paths = SitePaths::new(root, None);
    let report = build_site(&paths, &Config::default(), &BuildOptions::default(), &NoProgress).unwrap();
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    assert_eq!(report.shards, 2, "{report}");
    let server = dateline::serve::Server::start(&paths.out, &dateline::serve::ServeOptions::default()).unwrap();
    let port = server.addr().port();
    let (_driver, driver_port) = start_chromedriver();
    let profile = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = connect(driver_port, profile.path()).await;
        client.goto(&format!("http://127.0.0.1:{port}/search/")).await.unwrap();
        let search = client.find(Locator::Css("#q")).await.unwrap();
        search.send_keys("convoy").await.unwrap();
        wait_for("three results for 'convoy', from both years", || async {
            js(&client, "return document.querySelectorAll('#results li').length").await == 3
        })
        .await;
        let text = js(&client, "return document.getElementById('results').innerText").await;
        let text = text.as_str().unwrap_or_default();
        assert!(text.contains("Convoy reaches Gao") && text.contains("Convoy stopped at border"), "{text}");
        assert!(js(&client, "return document.querySelectorAll('#results mark').length > 0").await == true, "the hit is highlighted");
        // A country filter narrows the results to Mali's.
        // The country filter offers its values as one types.
        let country = client.find(Locator::Css("input[data-filter=country]")).await.unwrap();
        country.click().await.unwrap();
        wait_for("the country values to be offered", || async {
            js(&client, "return Array.from(document.querySelectorAll('#facet-country option')).map(o => o.value).join(',')").await
                == "Niger,France,Mali"
        })
        .await;
        country.send_keys("Mali").await.unwrap();
        js(&client, "document.querySelector('input[data-filter=country]').dispatchEvent(new Event('change', {bubbles: true})); return 1").await;
        wait_for("one result for 'convoy' in Mali", || async {
            js(&client, "return document.querySelectorAll('#results li').length === 1 && document.getElementById('results').innerText.includes('Convoy reaches Gao')").await == true
        })
        .await;
        assert!(client.current_url().await.unwrap().as_str().contains("country=Mali"), "the filter is in the address, so it can be linked");
        // Filters of both shards combine: Niger and 2011 are in the older shard only.
        client.goto(&format!("http://127.0.0.1:{port}/search/?q=convoy&country=Niger&year=2011")).await.unwrap();
        wait_for("two results for 'convoy' in Niger in 2011", || async {
            js(&client, "var t = document.getElementById('results').innerText; return document.querySelectorAll('#results li').length === 2 && t.includes('Convoy leaves Niamey') && !t.includes('Gao')").await == true
        })
        .await;
        client.close().await.unwrap();
    });
}

#[test]
fn an_article_added_while_serving_is_found_by_the_open_search_page() {
    if !browser_available() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(root, "content/a.md", "---\ntitle: Convoy reaches Gao\ndate: 2012-10-11\n---\nAn aid convoy reached Gao.\n");
    let server = start_server(root);
    let (_driver, driver_port) = start_chromedriver();
    let profile = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = connect(driver_port, profile.path()).await;
        client.goto(&format!("http://127.0.0.1:{}/search/?q=locusts", server.port)).await.unwrap();
        wait_for("no result yet", || async {
            js(&client, "return document.getElementById('status').innerText").await == "0 articles"
        })
        .await;
        wait_for("the event stream to open", || async {
            js(&client, "return document.documentElement.dataset.datelineLive === '1'").await == true
        })
        .await;
        write(
            root,
            "content/b.md",
            "---\ntitle: Locusts reach Niger\ndate: 2012-10-12\n---\nSwarms of locusts reached Niger.\n",
        );
        wait_for("the new article among the results, without touching the page", || async {
            js(&client, "return document.getElementById('results').innerText.includes('Locusts reach Niger')").await
                == true
        })
        .await;
        client.close().await.unwrap();
    });
}
