//! `dateline serve` and `dateline watch`: watches placed first, then a first
//! build, then the watch loop with its reports printed and, for `serve`,
//! passed on to the server.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use dateline::build::{BuildReport, Pipeline};
use dateline::config::SitePaths;
use dateline::diagnostic::{Diagnostic, printable_path};
use dateline::extract::Extractor;
use dateline::ingest::{self, IngestOptions, Outcome};
use dateline::serve::{ServeOptions, Server};
use dateline::watch::{Inbox, Update, Watcher};

use crate::cli::{Cli, ServeArgs, WatchArgs};
use crate::settings::{self, Site};
use crate::{print_diagnostics, progress_bar};

/// Sets `stop` on Ctrl-C (and SIGTERM), so the loop ends between rebuilds.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = std::thread::Builder::new().name("dateline-signals".into()).spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
        runtime.block_on(async {
            let _ = tokio::signal::ctrl_c().await;
        });
        flag.store(true, Ordering::Relaxed);
    });
    stop
}

fn inbox(paths: &SitePaths, quiet: bool) -> Option<Inbox> {
    let vocabularies = match ingest::load_vocabularies(paths) {
        Ok(v) => v,
        Err(d) => {
            eprintln!("{d}");
            if !quiet {
                eprintln!("the inbox is not watched until this is fixed");
            }
            return None;
        }
    };
    Some(Inbox {
        options: IngestOptions { content: paths.content.clone(), ..IngestOptions::default() },
        extractor: Extractor::new(&vocabularies),
    })
}

fn print_update(update: &Update, paths: &SitePaths, quiet: bool) {
    match update {
        Update::Ingested(report) => {
            for input in &report.inputs {
                let shown = printable_path(paths.display(&input.input));
                match &input.outcome {
                    Outcome::Failed(problems) => {
                        for problem in problems {
                            let shown =
                                Diagnostic { path: paths.display(&problem.path).to_path_buf(), ..problem.clone() };
                            eprintln!("{shown}");
                        }
                    }
                    Outcome::Skipped(why) if !quiet => eprintln!("{shown}: skipped: {why}"),
                    Outcome::Written(to) if !quiet => {
                        eprintln!("ingested {shown} → {}", printable_path(paths.display(to)))
                    }
                    _ => {}
                }
            }
        }
        Update::Rebuilt(report) => {
            print_diagnostics(&report.diagnostics, quiet);
            if !quiet {
                eprintln!(
                    "rebuilt in {:.0} ms: {} of {} pages rendered, {} files written, {} removed",
                    report.elapsed.as_secs_f64() * 1000.0,
                    report.rendered,
                    report.pages,
                    report.written,
                    report.removed
                );
            }
        }
        Update::WatchError(e) => eprintln!("watch: {e}"),
        Update::Shown(_) => {}
    }
}

/// Builds the whole site once; `None` (after saying why) when the settings
/// are broken.
fn first_build(cli: &Cli, site: Result<Site, Diagnostic>) -> anyhow::Result<Option<(Pipeline, BuildReport)>> {
    let Site { paths, config, options } = match site {
        Ok(site) => site,
        Err(d) => {
            eprintln!("{d}");
            return Ok(None);
        }
    };
    let mut pipeline = Pipeline::new(paths, config, options);
    let report = pipeline.build(&progress_bar::Bar::new(cli.quiet))?;
    print_diagnostics(&report.diagnostics, cli.quiet);
    Ok(Some((pipeline, report)))
}

/// The problems of a report as the overlay shows them, or `None` if it has no errors.
fn overlay_text(report: &BuildReport) -> Option<String> {
    report.has_errors().then(|| {
        report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect::<Vec<_>>().join("\n\n")
    })
}

/// The address to open in a browser for a server bound to `addr`: an
/// unspecified address (`0.0.0.0`, `::`) is reached as `localhost`.
fn preview_url(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_unspecified() => format!("http://localhost:{}/", addr.port()),
        std::net::IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        std::net::IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    }
}

pub fn serve(cli: &Cli, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let bound = match Server::bind(&ServeOptions { bind: args.bind, port: args.port, ..ServeOptions::default() }) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let addr = bound.addr();
    if !addr.ip().is_loopback() {
        eprintln!("warning: listening on {} — other machines on the network can read this site", addr.ip());
    }
    let url = preview_url(addr);
    // The preview is built into a private folder, never into public/: its
    // pages carry this server's address, and public/ holds only what
    // `dateline build` made. The folder goes when serve stops.
    let private = tempfile::Builder::new().prefix("dateline-serve-").tempdir()?;
    let paths = settings::site_paths(cli, Some(private.path()), Some(&args.inbox))?;
    let watcher = Watcher::start(&paths)?;
    eprintln!("watching {} for changes", printable_path(&paths.root));
    let site = settings::site(paths.clone(), &args.publish, Some(url.clone()));
    let Some((mut pipeline, report)) = first_build(cli, site)? else {
        return Ok(ExitCode::FAILURE);
    };
    let server = Server::serve(bound, &paths.out)?;
    server.problems(overlay_text(&report));
    eprintln!("{report}");
    if args.open {
        let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        if std::process::Command::new(opener).arg(&url).spawn().is_err() {
            eprintln!("could not open a browser; visit {url}");
        }
    }
    let stop = stop_on_ctrl_c();
    let inbox = inbox(&paths, cli.quiet);
    eprintln!("serving {} at {url} — Ctrl-C to stop", printable_path(&paths.root));
    // Pages announced ahead of their rebuild's end are not announced twice.
    let mut shown: Vec<String> = Vec::new();
    let result = watcher.run(&mut pipeline, inbox, &stop, &mut |update| {
        print_update(&update, &paths, cli.quiet);
        match &update {
            Update::Shown(files) => {
                server.changed(files);
                shown.clone_from(files);
            }
            Update::Rebuilt(report) => {
                let rest: Vec<String> = report.changed_files.iter().filter(|f| !shown.contains(f)).cloned().collect();
                server.changed(&rest);
                server.problems(overlay_text(report));
                shown.clear();
            }
            _ => {}
        }
    });
    server.stop();
    result?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

pub fn watch(cli: &Cli, args: &WatchArgs) -> anyhow::Result<ExitCode> {
    let paths = settings::site_paths(cli, Some(&args.build.out), Some(&args.inbox))?;
    let watcher = Watcher::start(&paths)?;
    eprintln!("watching {} for changes", printable_path(&paths.root));
    let Some((mut pipeline, report)) =
        first_build(cli, settings::site(paths.clone(), &args.build.publish, args.build.base_url.clone()))?
    else {
        return Ok(ExitCode::FAILURE);
    };
    eprintln!("{report}");
    let stop = stop_on_ctrl_c();
    let inbox = inbox(&paths, cli.quiet);
    eprintln!("rebuilding {} as files change — Ctrl-C to stop", printable_path(paths.display(&paths.out)));
    watcher.run(&mut pipeline, inbox, &stop, &mut |update| print_update(&update, &paths, cli.quiet))?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_urls_name_a_reachable_host() {
        assert_eq!(preview_url("127.0.0.1:1111".parse().unwrap()), "http://127.0.0.1:1111/");
        assert_eq!(preview_url("[::]:1111".parse().unwrap()), "http://localhost:1111/");
        assert_eq!(preview_url("0.0.0.0:80".parse().unwrap()), "http://localhost:80/");
        assert_eq!(preview_url("[::1]:1111".parse().unwrap()), "http://[::1]:1111/");
    }
}
