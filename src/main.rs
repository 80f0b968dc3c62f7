//! The `dateline` binary: parses the command line, runs one library
//! function per command, prints its report and maps problems to exit codes
//! (0 fine, 1 problems in the site, 2 bad usage).

mod cli;
mod live;
mod progress_bar;
mod settings;

use std::process::ExitCode;

/// Many small, short-lived allocations (index words, page DOMs) across
/// threads: jemalloc measured faster than glibc's malloc at the same memory
/// (mimalloc as fast, with 45% more memory); see the README.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use anyhow::Context as _;
use clap::Parser as _;

use cli::{BuildArgs, Cli, Command, IngestArgs};
use dateline::build;
use dateline::diagnostic::Diagnostic;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = if cli.verbose { tracing::Level::DEBUG } else { tracing::Level::WARN };
    // dateline's own messages; the libraries' (trafilatura warns about every
    // page's broken JSON-LD) only with -v.
    let others = if cli.verbose { tracing::Level::DEBUG } else { tracing::Level::ERROR };
    let filter = tracing_subscriber::filter::Targets::new().with_target("dateline", level).with_default(others);
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_target(false))
        .with(filter)
        .init();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Build(args) => build(cli, args),
        Command::Ingest(args) => ingest(cli, args),
        Command::Serve(args) => live::serve(cli, args),
        Command::Watch(args) => live::watch(cli, args),
    }
}

fn ingest(cli: &Cli, args: &IngestArgs) -> anyhow::Result<ExitCode> {
    use dateline::extract::Extractor;
    use dateline::ingest::{self, IngestOptions, Outcome};
    let paths = settings::site_paths(cli, None, None)?;
    let default_date = match args.default_date.as_deref().map(dateline::content::PubDate::parse).transpose() {
        Ok(d) => d.map(|d| d.date),
        Err(e) => {
            eprintln!("error: --default-date: {e}; write it as 1987-01-01");
            return Ok(ExitCode::from(2));
        }
    };
    let vocabularies = match ingest::load_vocabularies(&paths) {
        Ok(v) => v,
        Err(d) => {
            eprintln!("{d}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let extractor = Extractor::new(&vocabularies);
    let options = IngestOptions {
        content: paths.root.join(&args.content),
        dry_run: args.dry_run,
        force: args.force,
        explain: args.explain,
        default_date,
    };
    let progress = progress_bar::Bar::new(cli.quiet);
    let report = ingest::ingest(&args.paths, &paths, &options, &extractor, &progress);
    for input in &report.inputs {
        let shown = input.input.display();
        match &input.outcome {
            Outcome::Written(to) if args.explain || cli.verbose || args.dry_run => {
                eprintln!("{shown} → {}", to.display())
            }
            Outcome::Unchanged(to) if args.explain || cli.verbose => {
                eprintln!("{shown} = {} (unchanged)", to.display())
            }
            Outcome::Skipped(why) if !cli.quiet => eprintln!("{shown}: skipped: {why}"),
            Outcome::Failed(problems) => {
                for problem in problems {
                    eprintln!("{problem}");
                }
            }
            _ => {}
        }
        for warning in &input.warnings {
            eprintln!("{shown}: warning: {warning}");
        }
        if args.explain {
            for line in &input.explanation {
                eprintln!("    {line}");
            }
        }
    }
    if !cli.quiet {
        eprintln!("{}", report.summary());
    }
    Ok(if report.failed() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn build(cli: &Cli, args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let paths = settings::site_paths(cli, Some(&args.out), None)?;
    let site = match settings::site(paths, &args.publish, args.base_url.clone()) {
        Ok(site) => site,
        Err(d) => {
            eprintln!("{d}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let (paths, progress) = (&site.paths, progress_bar::Bar::new(cli.quiet));
    let report = build::build_site(paths, &site.config, &site.options, &progress)
        .with_context(|| format!("building {}", paths.root.display()))?;
    print_diagnostics(&report.diagnostics, cli.quiet);
    if !cli.quiet {
        eprintln!("{report}");
    }
    Ok(if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) {
    for d in diagnostics {
        if d.is_error() || !quiet {
            eprintln!("{d}");
        }
    }
}
