//! The preview server: files of the output folder over HTTP, a live-reload
//! channel (Server-Sent Events), and an error overlay. HTTP only: it gets
//! build reports from the caller and never builds anything itself.
//!
//! The reload script is added to HTML responses here, so it never reaches
//! the files a site publishes.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tokio::sync::{broadcast, oneshot};

use crate::pages::Urls;

/// The most changed pages a reload message lists one by one.
pub const RELOAD_LIST_MAX: usize = 500;

/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__dateline/events";

/// The script added to every HTML page served: reloads the page when it
/// changed, swaps stylesheets in place, shows build errors over the page.
const RELOAD_SCRIPT: &str = r#"<script>(function(){
var es=new EventSource("/__dateline/events"),box=null;
es.onopen=function(){document.documentElement.dataset.datelineLive="1";};
function show(t){if(!box){box=document.createElement("pre");box.id="dateline-error";box.setAttribute("style","position:fixed;inset:0;margin:0;z-index:2147483647;background:rgba(40,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2em;white-space:pre-wrap;overflow:auto");document.body.appendChild(box);}box.textContent="dateline: the last change did not build; this page is the last good one.\n\n"+t;}
function hide(){if(box){box.remove();box=null;}}
es.addEventListener("reload",function(e){var d=JSON.parse(e.data),p=location.pathname;
if(d.all||d.pages.indexOf(p)>=0||d.pages.indexOf(decodeURI(p))>=0){location.reload();return;}
if(d.css){document.querySelectorAll('link[rel="stylesheet"]').forEach(function(l){var u=new URL(l.href);u.searchParams.set("v",Date.now());l.href=u.href;});}});
es.addEventListener("problems",function(e){show(e.data);});
es.addEventListener("ok",function(){hide();});
})();</script>"#;

/// How long a connection may stay silent (no byte read or written) before
/// it is closed. Open pages keep their event stream alive with a comment
/// every 15 s (or half the timeout, if shorter), so only abandoned or
/// stalled connections reach it.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// How the server listens.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind (127.0.0.1 unless asked otherwise).
    pub bind: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// How long a silent connection stays open ([`IDLE_TIMEOUT`] by default).
    pub idle_timeout: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions { bind: IpAddr::from([127, 0, 0, 1]), port: 0, idle_timeout: IDLE_TIMEOUT }
    }
}

/// A bound port not yet serving: binding first gives a clear error at once
/// (port in use) while the first build runs; browsers that connect meanwhile
/// wait in the queue instead of seeing a half-written site.
pub struct Bound {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    idle_timeout: Duration,
}

impl Bound {
    /// The address bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port is taken.
    #[error("port {port} on {bind} is already in use; stop the other server or pick another port with --port")]
    PortInUse {
        /// The address.
        bind: IpAddr,
        /// The port.
        port: u16,
    },
    /// Another failure to listen or to start the runtime.
    #[error("cannot start the preview server on {bind}:{port}: {source}")]
    Io {
        /// The address.
        bind: IpAddr,
        /// The port.
        port: u16,
        /// The cause.
        source: std::io::Error,
    },
}

/// A message to open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// These URL paths changed (`all` for every page); `css` if a stylesheet did.
    Reload {
        /// URL paths, `/2012/10/mali/`.
        pages: Vec<String>,
        /// Every page should reload (a template changed).
        all: bool,
        /// A stylesheet changed.
        css: bool,
    },
    /// The last rebuild found problems (text to show over the page).
    Problems(String),
    /// Problems are fixed.
    Ok,
}

struct Shared {
    out: PathBuf,
    keep_alive: Duration,
    messages: broadcast::Sender<Message>,
    /// The problems now, sent to pages that connect while the site is broken.
    problems: Mutex<Option<String>>,
}

/// A running preview server.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Binds the address of `options` without serving yet.
    pub fn bind(options: &ServeOptions) -> Result<Bound, ServeError> {
        let (bind, port) = (options.bind, options.port);
        let listener = std::net::TcpListener::bind((bind, port)).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortInUse { bind, port }
            } else {
                ServeError::Io { bind, port, source }
            }
        })?;
        listener.set_nonblocking(true).map_err(|source| ServeError::Io { bind, port, source })?;
        let addr = listener.local_addr().map_err(|source| ServeError::Io { bind, port, source })?;
        Ok(Bound { listener, addr, idle_timeout: options.idle_timeout })
    }

    /// Binds and starts serving `out` on its own thread.
    pub fn start(out: &Path, options: &ServeOptions) -> Result<Server, ServeError> {
        Server::serve(Server::bind(options)?, out)
    }

    /// Starts serving `out` on a bound port, on its own thread.
    pub fn serve(bound: Bound, out: &Path) -> Result<Server, ServeError> {
        let Bound { listener, addr, idle_timeout } = bound;
        let io_error = |source| ServeError::Io { bind: addr.ip(), port: addr.port(), source };
        let (messages, _) = broadcast::channel(64);
        let shared = Arc::new(Shared {
            out: out.to_path_buf(),
            // Often enough that an open page's stream never looks idle.
            keep_alive: (idle_timeout / 2).min(Duration::from_secs(15)),
            messages,
            problems: Mutex::new(None),
        });
        let (shutdown, shutdown_rx) = oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(io_error)?;
        let app = router(Arc::clone(&shared));
        let thread = std::thread::Builder::new()
            .name("dateline-serve".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                    let listener = timeout::Listener::new(listener, idle_timeout);
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async move {
                            let _ = shutdown_rx.await;
                        })
                        .await;
                });
            })
            .map_err(io_error)?;
        Ok(Server { addr, shared, shutdown: Some(shutdown), thread: Some(thread) })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Tells open pages what changed: output files, relative to the output
    /// folder. Past [`RELOAD_LIST_MAX`] pages (a template edit) every page
    /// reloads, rather than each tab receiving the whole site's URL list.
    pub fn changed(&self, files: &[String]) {
        let css = files.iter().any(|f| f.ends_with(".css"));
        let mut pages: Vec<String> = files.iter().filter(|f| !f.ends_with(".css")).map(|f| Urls::served(f)).collect();
        // An open search page holds the old index: a new one reloads it.
        if files.iter().any(|f| f.starts_with("pagefind/")) {
            pages.push(format!("/{}", crate::pages::search_path()));
        }
        let all = pages.len() > RELOAD_LIST_MAX;
        if all {
            pages.clear();
        }
        if all || !pages.is_empty() || css {
            let _ = self.shared.messages.send(Message::Reload { pages, all, css });
        }
    }

    /// Shows `problems` over open pages, or clears them with `None`.
    pub fn problems(&self, problems: Option<String>) {
        let mut now = self.shared.problems.lock().unwrap_or_else(|e| e.into_inner());
        if *now == problems {
            return;
        }
        now.clone_from(&problems);
        let _ = self.shared.messages.send(match problems {
            Some(text) => Message::Problems(text),
            None => Message::Ok,
        });
    }

    /// Stops serving and waits for open connections to close.
    pub fn stop(mut self) {
        self.shutdown_now();
    }

    fn shutdown_now(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown_now();
    }
}

/// Idle timeouts for every connection: a silent client cannot hold a
/// socket (and a file descriptor) for ever.
mod timeout {
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::time::Duration;

    use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::time::{Instant, Sleep};

    /// Accepts connections and wraps each in [`Idle`].
    pub struct Listener {
        inner: TcpListener,
        timeout: Duration,
    }

    impl Listener {
        pub fn new(inner: TcpListener, timeout: Duration) -> Listener {
            Listener { inner, timeout }
        }
    }

    impl axum::serve::Listener for Listener {
        type Io = Idle;
        type Addr = std::net::SocketAddr;

        async fn accept(&mut self) -> (Idle, std::net::SocketAddr) {
            loop {
                match self.inner.accept().await {
                    Ok((stream, addr)) => {
                        let _ = stream.set_nodelay(true);
                        return (Idle::new(stream, self.timeout), addr);
                    }
                    // Out of file descriptors and the like: give the
                    // timeouts a moment to free some, then go on.
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                }
            }
        }

        fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
            self.inner.local_addr()
        }
    }

    /// A connection that fails with `TimedOut` once nothing was read or
    /// written for `timeout`.
    pub struct Idle {
        stream: TcpStream,
        timeout: Duration,
        deadline: Pin<Box<Sleep>>,
    }

    impl Idle {
        fn new(stream: TcpStream, timeout: Duration) -> Idle {
            Idle { stream, timeout, deadline: Box::pin(tokio::time::sleep(timeout)) }
        }

        fn active(&mut self) {
            let next = Instant::now() + self.timeout;
            self.deadline.as_mut().reset(next);
        }

        fn expired(&mut self, cx: &mut Context<'_>) -> bool {
            self.deadline.as_mut().poll(cx).is_ready()
        }
    }

    fn timed_out() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::TimedOut, "connection idle for too long")
    }

    impl AsyncRead for Idle {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            let before = buf.filled().len();
            match Pin::new(&mut self.stream).poll_read(cx, buf) {
                Poll::Ready(Ok(())) => {
                    if buf.filled().len() > before {
                        self.active();
                    }
                    Poll::Ready(Ok(()))
                }
                Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
                other => other,
            }
        }
    }

    impl AsyncWrite for Idle {
        fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
            match Pin::new(&mut self.stream).poll_write(cx, data) {
                Poll::Ready(Ok(n)) => {
                    self.active();
                    Poll::Ready(Ok(n))
                }
                Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
                other => other,
            }
        }

        fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Pin::new(&mut self.stream).poll_flush(cx)
        }

        fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Pin::new(&mut self.stream).poll_shutdown(cx)
        }
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(files)
        .layer(axum::middleware::from_fn(check_host))
        .with_state(shared)
}

/// The `Host` names a request may carry. A web page on another site can
/// point its own domain at 127.0.0.1 (DNS rebinding) and read what this
/// server answers; its requests still name that domain, so only names that
/// cannot be rebound are answered: `localhost` (and `*.localhost`, which
/// browsers resolve to loopback themselves) and IP addresses (the bound one
/// among them, whatever `--bind` says), as webpack-dev-server and Vite do.
fn host_allowed(host: &str) -> bool {
    {
        let name = match host.strip_prefix('[') {
            // [::1]:1111
            Some(rest) => match rest.split_once(']') {
                Some((ip, port)) if port.is_empty() || port.starts_with(':') => {
                    return ip.parse::<std::net::Ipv6Addr>().is_ok();
                }
                _ => return false,
            },
            None => host.rsplit_once(':').map_or(host, |(name, _port)| name),
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        name == "localhost" || name.ends_with(".localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
    }
}

async fn check_host(request: Request<Body>, next: axum::middleware::Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    match host {
        Some(host) if host_allowed(host) => next.run(request).await,
        Some(_) => (
            StatusCode::MISDIRECTED_REQUEST,
            "this preview server answers only requests addressed to localhost or an IP address\n",
        )
            .into_response(),
        None => (StatusCode::BAD_REQUEST, "a Host header is required\n").into_response(),
    }
}

async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.messages.subscribe();
    let current = shared.problems.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let first = current.map(Message::Problems);
    let stream = stream::unfold((first, receiver), |(pending, mut receiver)| async move {
        if let Some(message) = pending {
            return Some((Ok(to_event(&message)), (None, receiver)));
        }
        let message = match receiver.recv().await {
            Ok(message) => message,
            // A page that fell behind reloads to catch up.
            Err(broadcast::error::RecvError::Lagged(_)) => Message::Reload { pages: vec![], all: true, css: false },
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(to_event(&message)), (None, receiver)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(shared.keep_alive))
}

fn to_event(message: &Message) -> Event {
    match message {
        Message::Reload { pages, all, css } => Event::default()
            .event("reload")
            .data(serde_json::json!({ "pages": pages, "all": all, "css": css }).to_string()),
        Message::Problems(text) => Event::default().event("problems").data(text.clone()),
        Message::Ok => Event::default().event("ok").data("ok"),
    }
}

async fn files(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "method not allowed").into_response();
    }
    let head = request.method() == Method::HEAD;
    let raw = request.uri().path();
    let Some(relative) = safe_relative(raw) else {
        return not_found(&shared.out, head).await;
    };
    let mut path = shared.out.join(&relative);
    if path.is_dir() {
        if !raw.ends_with('/') {
            // One leading slash: `//countries` must not become a
            // protocol-relative redirect to another host.
            let location = format!("/{}/", raw.trim_start_matches('/'));
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)], "").into_response();
        }
        path = path.join("index.html");
    }
    match read_inside(&shared.out, &path).await {
        Ok(bytes) => respond(StatusCode::OK, &path, bytes, head),
        Err(why) => unserved(&shared.out, why, head).await,
    }
}

/// The request path as a relative path inside the output folder, or `None`
/// if it tries to leave it (`..` in any encoding, backslashes, NUL) or to
/// reach a hidden file.
pub fn safe_relative(raw: &str) -> Option<PathBuf> {
    let decoded = percent_decode(raw)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut out = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.starts_with('.') => return None,
            p => out.push(p),
        }
    }
    out.components().all(|c| matches!(c, Component::Normal(_))).then_some(out)
}

/// Decodes `%XX` escapes; `None` for malformed ones or invalid UTF-8.
/// Decoding twice is not done: `%252e` stays `%2e`, a literal file name.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a file could not be served.
enum Unserved {
    /// It does not exist, or leaves the output folder: a 404.
    Missing,
    /// It exists but could not be read (permissions, I/O): a 500 naming the cause.
    Unreadable(std::io::Error),
}

/// Reads `path` if, with symbolic links resolved, it is still inside `root`.
async fn read_inside(root: &Path, path: &Path) -> Result<Vec<u8>, Unserved> {
    let missing_or = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => Unserved::Missing,
        _ => Unserved::Unreadable(e),
    };
    let root = tokio::fs::canonicalize(root).await.map_err(Unserved::Unreadable)?;
    let real = tokio::fs::canonicalize(path).await.map_err(missing_or)?;
    if !real.starts_with(&root) || !real.is_file() {
        return Err(Unserved::Missing);
    }
    tokio::fs::read(real).await.map_err(missing_or)
}

/// The answer for a file that could not be served.
async fn unserved(out: &Path, why: Unserved, head: bool) -> Response {
    match why {
        Unserved::Missing => not_found(out, head).await,
        Unserved::Unreadable(e) => {
            tracing::warn!(error = %e, "cannot read a file to serve");
            let body = format!("cannot read this file: {e}\n");
            (StatusCode::INTERNAL_SERVER_ERROR, if head { String::new() } else { body }).into_response()
        }
    }
}

async fn not_found(out: &Path, head: bool) -> Response {
    let page = out.join("404.html");
    match read_inside(out, &page).await {
        Ok(bytes) => respond(StatusCode::NOT_FOUND, &page, bytes, head),
        Err(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn respond(status: StatusCode, path: &Path, mut bytes: Vec<u8>, head: bool) -> Response {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        bytes = inject(bytes);
    }
    let length = bytes.len();
    let body = if head { Body::empty() } else { Body::from(bytes) };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(v) = HeaderValue::from_str(&length.to_string()) {
        headers.insert(header::CONTENT_LENGTH, v);
    }
    response
}

/// Adds the reload script before `</body>` (or at the end). Works on bytes:
/// the script is ASCII, so a page in any ASCII-based encoding stays intact.
fn inject(bytes: Vec<u8>) -> Vec<u8> {
    const END: &[u8] = b"</body>";
    let at = bytes.windows(END.len()).rposition(|w| w == END).unwrap_or(bytes.len());
    let mut out = Vec::with_capacity(bytes.len() + RELOAD_SCRIPT.len());
    out.extend_from_slice(&bytes[..at]);
    out.extend_from_slice(RELOAD_SCRIPT.as_bytes());
    out.extend_from_slice(&bytes[at..]);
    out
}

/// The content type of a file, from its extension.
pub fn content_type(path: &Path) -> &'static str {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    if name == "atom.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    match path.extension().map(|e| e.to_string_lossy().to_lowercase()).as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_any_encoding_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/a/../../x",
            "/..%2fx",
            "/%2e%2e%2fx",
            "/a\\..\\x",
            "/a%5c..%5cx",
            "/.dateline-output",
            "/%00",
            "/%zz",
            "/%c0%ae%c0%ae/x",
        ] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
        assert_eq!(safe_relative("/2012/10/mali/"), Some(PathBuf::from("2012/10/mali")));
        assert_eq!(safe_relative("/people/s%C3%A3o/"), Some(PathBuf::from("people/são")));
        assert_eq!(safe_relative("/%252e%252e/x"), Some(PathBuf::from("%2e%2e/x")), "decoded once only");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("countries/mali/atom.xml")), "application/atom+xml; charset=utf-8");
        assert_eq!(content_type(Path::new("sitemap.xml")), "application/xml; charset=utf-8");
        assert_eq!(content_type(Path::new("style.css")), "text/css; charset=utf-8");
    }

    #[test]
    fn the_script_goes_before_the_closing_body() {
        let out = String::from_utf8(inject(b"<html><body>x</body></html>".to_vec())).unwrap();
        assert!(out.contains("x<script>") && out.ends_with("</script></body></html>"));
    }

    #[test]
    fn a_page_that_is_not_utf8_keeps_its_bytes() {
        let page = b"<html><body>caf\xe9</body></html>".to_vec();
        let out = inject(page);
        assert!(out.starts_with(b"<html><body>caf\xe9<script>") && out.ends_with(b"</script></body></html>"));
    }

    #[test]
    fn only_hosts_that_cannot_be_rebound_are_answered() {
        for good in
            ["127.0.0.1:1111", "localhost:1111", "LOCALHOST", "app.localhost:80", "[::1]:1111", "192.168.1.5:1111"]
        {
            assert!(host_allowed(good), "{good}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "[::1]x",
            "[evil]:1",
        ] {
            assert!(!host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn urls_of_output_files() {
        assert_eq!(Urls::served("index.html"), "/");
        assert_eq!(Urls::served("2012/10/x/index.html"), "/2012/10/x/");
        assert_eq!(Urls::served("atom.xml"), "/atom.xml");
    }
}
