//! The preview server under load on loopback: many clients, hundreds of open
//! live-reload connections, slow and hostile requests, and files rewritten
//! while they are read. Every request gets a right answer; none stalls the rest.
//! (The 30-second, 100-connection `wrk` run is `bench/load.sh`.)

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use dateline::serve::{ServeOptions, Server};

use crate::support::{Site, http_get};

fn request(port: u16, target: &str) -> std::io::Result<(u16, usize)> {
    http_get(port, target).map(|(status, response)| (status, response.len()))
}

#[test]
fn many_clients_and_live_connections_while_files_change() {
    let site = Site::new();
    for n in 0..40 {
        site.story(&format!("s{n}"), &format!("Story {n}"), &format!("2012-10-{:02}", n % 28 + 1), "countries: [Mali]");
    }
    site.build_ok();
    let server = Server::start(&site.out(), &ServeOptions::default()).unwrap();
    let port = server.addr().port();

    // Hundreds of open live-reload connections, and a client that never finishes its request.
    let mut streams: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(s, "GET /__dateline/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
            s
        })
        .collect();
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(slow, "GET /2012/10/s1/ HT").unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let workers: Vec<_> = (0..16)
        .map(|w| {
            let (stop, served, failures) = (Arc::clone(&stop), Arc::clone(&served), Arc::clone(&failures));
            std::thread::spawn(move || {
                let mut i = w;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let target = match i % 4 {
                        0 => "/".to_string(),
                        1 => format!("/2012/10/s{}/", i % 40),
                        2 => "/countries/mali/".to_string(),
                        _ => "/style.css".to_string(),
                    };
                    match request(port, &target) {
                        Ok((200, len)) if len > 100 => {
                            served.fetch_add(1, Ordering::Relaxed);
                        }
                        other => failures.lock().unwrap().push(format!("{target}: {other:?}")),
                    }
                }
            })
        })
        .collect();
    // Meanwhile pages are rewritten (atomically, as builds do) and reloads announced.
    let started = Instant::now();
    let mut round = 0;
    while started.elapsed() < Duration::from_secs(3) {
        round += 1;
        site.story("s1", &format!("Story 1 edit {round}"), "2012-10-02", "countries: [Mali]");
        site.build_ok();
        server.changed(&["2012/10/s1/index.html".to_string()]);
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let failures = failures.lock().unwrap();
    assert!(failures.is_empty(), "{} failed requests, e.g. {:?}", failures.len(), &failures[..failures.len().min(5)]);
    // How many were served is a figure for `bench/load.sh`, not a test; that
    // every worker got answers is.
    assert!(served.load(Ordering::Relaxed) >= 16, "every worker was answered");

    // Hostile requests get an answer and leave the server serving.
    let long = format!("/{}", "a".repeat(100_000));
    let (status, _) = request(port, &long).unwrap_or((0, 0));
    assert!(status >= 400, "a 100 KB URL: {status}");
    assert_eq!(request(port, "/2012/10/s2/").unwrap().0, 200);

    // Every live connection got the last reload.
    server.changed(&["index.html".to_string()]);
    let mut got = 0;
    for s in streams.iter_mut() {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = vec![0u8; 1 << 16];
        let mut text = String::new();
        while !text.contains("\"pages\":[\"/\"]") {
            let n = s.read(&mut buf).expect("the reload arrives");
            assert!(n > 0, "connection closed");
            text.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        got += 1;
    }
    assert_eq!(got, streams.len());
    drop(slow);
}
