//! `dateline serve` and `dateline watch`: a first build, then the watch loop
//! with its reports printed and, for `serve`, passed on to the server.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use dateline::build::{BuildOptions, BuildReport, Pipeline};
use dateline::config::SitePaths;
use dateline::extract::Extractor;
use dateline::ingest::{self, IngestOptions, Outcome};
use dateline::serve::{ServeOptions, Server};
use dateline::watch::{self, Inbox, Update};

use crate::cli::{Cli, ServeArgs, WatchArgs};
use crate::{load_config, print_diagnostics, progress};

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

fn print_update(update: &Update, quiet: bool) {
    match update {
        Update::Ingested(report) => {
            for input in &report.inputs {
                match &input.outcome {
                    Outcome::Failed(why) => eprintln!("{}: error: {why}", input.input.display()),
                    Outcome::Skipped(why) if !quiet => eprintln!("{}: skipped: {why}", input.input.display()),
                    Outcome::Written(to) if !quiet => {
                        eprintln!("ingested {} → {}", input.input.display(), to.display())
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
        Update::Watching => {}
    }
}

/// Loads the settings and builds the whole site once; `None` (after saying
/// why) when the settings are broken.
fn first_build(
    cli: &Cli,
    paths: &SitePaths,
    base_url: Option<String>,
    drafts: bool,
) -> anyhow::Result<Option<(Pipeline, BuildReport)>> {
    let config = match load_config(paths, base_url.as_deref()) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{d}");
            return Ok(None);
        }
    };
    let options = BuildOptions { drafts };
    let mut pipeline = Pipeline::new(paths.clone(), config, options).with_base_url_override(base_url);
    let report = pipeline.build(&progress::Bar::new(cli.quiet))?;
    print_diagnostics(&report.diagnostics, cli.quiet);
    Ok(Some((pipeline, report)))
}

/// The problems of a report as the overlay shows them, or `None` if it has no errors.
fn overlay_text(report: &BuildReport) -> Option<String> {
    report.has_errors().then(|| {
        report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect::<Vec<_>>().join("\n\n")
    })
}

pub fn serve(cli: &Cli, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let mut paths = SitePaths::new(&cli.root, Some(&args.out));
    paths.sources = cli.root.join(&args.inbox);
    let server = match Server::start(&paths.out, &ServeOptions { bind: args.bind, port: args.port }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let addr = server.addr();
    if !addr.ip().is_loopback() {
        eprintln!("warning: listening on {} — other machines on the network can read this site", addr.ip());
    }
    let host = if addr.ip().is_unspecified() { "localhost".to_string() } else { addr.ip().to_string() };
    let url = if addr.ip().is_ipv6() {
        format!("http://[{host}]:{}/", addr.port())
    } else {
        format!("http://{host}:{}/", addr.port())
    };
    let Some((mut pipeline, report)) = first_build(cli, &paths, Some(url.clone()), args.drafts)? else {
        return Ok(ExitCode::FAILURE);
    };
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
    let served = paths.display(&paths.out).display().to_string();
    let result = watch::run(&mut pipeline, inbox, &stop, &mut |update| {
        print_update(&update, cli.quiet);
        // Said once edits will be seen, so a script may start editing then.
        if let Update::Watching = update {
            eprintln!("serving {served} at {url} — Ctrl-C to stop");
        }
        if let Update::Rebuilt(report) = &update {
            server.changed(&report.changed_files);
            server.problems(overlay_text(report));
        }
    });
    server.stop();
    result?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}

pub fn watch(cli: &Cli, args: &WatchArgs) -> anyhow::Result<ExitCode> {
    let mut paths = SitePaths::new(&cli.root, Some(&args.build.out));
    paths.sources = cli.root.join(&args.inbox);
    let Some((mut pipeline, report)) = first_build(cli, &paths, args.build.base_url.clone(), args.build.drafts)? else {
        return Ok(ExitCode::FAILURE);
    };
    eprintln!("{report}");
    let stop = stop_on_ctrl_c();
    let inbox = inbox(&paths, cli.quiet);
    watch::run(&mut pipeline, inbox, &stop, &mut |update| {
        print_update(&update, cli.quiet);
        if let Update::Watching = update {
            eprintln!("watching {} — Ctrl-C to stop", paths.root.display());
        }
    })?;
    eprintln!("stopped");
    Ok(ExitCode::SUCCESS)
}
