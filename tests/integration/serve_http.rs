//! The preview server over real HTTP on loopback: content types, folders,
//! the site's 404 page, path escapes in every encoding, the event stream,
//! and the reload script kept out of the built files.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use dateline::serve::{RELOAD_LIST_MAX, ServeOptions, Server};

use crate::support::{Site, http_get};

/// Sends a raw request line; returns (status, headers+body as text).
fn get(port: u16, target: &str) -> (u16, String) {
    let (status, response) = http_get(port, target).expect("the server answers");
    (status, String::from_utf8_lossy(&response).to_string())
}

fn served_site() -> (Site, Server) {
    let site = Site::new();
    site.story("a", "Served story", "2012-10-01", "countries: [Mali]");
    site.file("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.file("secret.txt", "outside the output folder");
    site.build_ok();
    let server = Server::start(&site.out(), &ServeOptions::default()).unwrap();
    (site, server)
}

#[test]
fn pages_are_served_with_their_content_types_and_the_reload_script() {
    let (site, server) = served_site();
    let port = server.addr().port();
    let (status, page) = get(port, "/2012/10/a/");
    assert_eq!(status, 200);
    assert!(page.contains("content-type: text/html; charset=utf-8"));
    assert!(page.contains("Served story") && page.contains("/__dateline/events"));
    assert!(
        !std::fs::read_to_string(site.out_file("/2012/10/a/")).unwrap().contains("__dateline"),
        "never in the files"
    );
    for (path, kind) in [
        ("/style.css", "text/css"),
        ("/atom.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/logo.svg", "image/svg+xml"),
        ("/robots.txt", "text/plain"),
    ] {
        let (status, text) = get(port, path);
        assert_eq!(status, 200, "{path}");
        assert!(text.contains(&format!("content-type: {kind}")), "{path}: {text}");
    }
    let (status, text) = get(port, "/countries/mali");
    assert_eq!(status, 301);
    assert!(text.contains("location: /countries/mali/"));
}

#[test]
fn missing_paths_get_the_site_404_page_with_status_404() {
    let (_site, server) = served_site();
    let (status, text) = get(server.addr().port(), "/no/such/page/");
    assert_eq!(status, 404);
    assert!(text.contains("Page not found"), "{text}");
}

#[test]
fn no_path_escapes_the_output_folder() {
    let (_site, server) = served_site();
    let port = server.addr().port();
    for attempt in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/a/../../secret.txt",
        "/..%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/.dateline-output",
        "//../secret.txt",
        "/%252e%252e/secret.txt",
    ] {
        let (status, text) = get(port, attempt);
        assert!(!text.contains("outside the output folder"), "{attempt} escaped");
        assert!(status == 404 || status == 400, "{attempt}: {status}");
    }
}

#[test]
fn the_event_stream_sends_changes_and_problems() {
    let (_site, server) = served_site();
    let mut stream = TcpStream::connect(("127.0.0.1", server.addr().port())).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut head = [0u8; 512];
    let n = stream.read(&mut head).unwrap();
    // The handler subscribes before it answers: from here no event is missed.
    assert!(String::from_utf8_lossy(&head[..n]).contains("text/event-stream"));
    server.changed(&["2012/10/a/index.html".to_string()]);
    server.problems(Some("content/a.md:2:7: error: bad".to_string()));
    let mut got = String::new();
    let mut buf = [0u8; 4096];
    let mut read_until = |got: &mut String, done: &dyn Fn(&str) -> bool| {
        while !done(got) {
            let n = stream.read(&mut buf).expect("events arrive");
            assert!(n > 0, "the stream closed after {got:?}");
            got.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    };
    read_until(&mut got, &|g| g.contains("event: problems") && g.contains("/2012/10/a/"));
    assert!(got.contains("event: reload") && got.contains("content/a.md:2:7"));

    // A change to more pages than a message lists reloads every page.
    let many: Vec<String> = (0..=RELOAD_LIST_MAX).map(|i| format!("2012/10/s{i}/index.html")).collect();
    server.changed(&many);
    got.clear();
    read_until(&mut got, &|g| g.contains("\"all\":true") || g.contains("\"all\":false"));
    assert!(got.contains(r#"{"all":true,"css":false,"pages":[]}"#), "{got}");
}

#[test]
fn a_port_in_use_gets_a_clear_message() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::new();
    let err = Server::start(&site.out(), &ServeOptions { port, ..ServeOptions::default() }).err().expect("refused");
    assert!(err.to_string().contains("already in use") && err.to_string().contains("--port"), "{err}");
}

/// `GET target` with the given `Host` header; the status.
fn status_with_host(port: u16, target: &str, host: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut head = [0u8; 64];
    let n = stream.read(&mut head).unwrap();
    String::from_utf8_lossy(&head[..n]).split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[test]
fn a_foreign_host_is_refused_so_dns_rebinding_reads_nothing() {
    let (_site, server) = served_site();
    let port = server.addr().port();
    for target in ["/", "/2012/10/a/", "/__dateline/events"] {
        assert_eq!(status_with_host(port, target, "evil.example"), 421, "{target}");
        assert_eq!(status_with_host(port, target, &format!("evil.example:{port}")), 421, "{target}");
        assert_eq!(status_with_host(port, target, "127.0.0.1.evil.example"), 421, "{target}");
    }
    for own in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), "localhost".to_string()] {
        assert_eq!(status_with_host(port, "/2012/10/a/", &own), 200, "{own}");
    }
}

#[test]
fn a_doubled_slash_never_redirects_off_site() {
    let (_site, server) = served_site();
    let (status, text) = get(server.addr().port(), "//countries/mali");
    assert_eq!(status, 301);
    assert!(text.contains("location: /countries/mali/\r\n"), "{text}");
}

#[test]
fn a_silent_connection_is_closed_and_an_open_page_stays_connected() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    site.build_ok();
    let timeout = Duration::from_millis(600);
    let server =
        Server::start(&site.out(), &ServeOptions { idle_timeout: timeout, ..ServeOptions::default() }).unwrap();
    let port = server.addr().port();
    // A client that connects and says nothing is dropped after the timeout.
    // Timed from before the connection: the server's clock starts at accept.
    let started = std::time::Instant::now();
    let mut silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    silent.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(silent.read(&mut buf).unwrap_or(0), 0, "the server closed it");
    assert!(started.elapsed() >= timeout && started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());

    // A page's event stream gets keep-alives and outlives several timeouts.
    let mut live = TcpStream::connect(("127.0.0.1", port)).unwrap();
    live.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(live, "GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let until = std::time::Instant::now() + timeout * 4;
    let mut got = String::new();
    while std::time::Instant::now() < until {
        let n = live.read(&mut buf).unwrap();
        assert!(n > 0, "the event stream was closed: {got:?}");
        got.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(got.contains("text/event-stream"), "{got}");
    assert_eq!(status_with_host(port, "/2012/10/a/", "127.0.0.1"), 200);
}
