//! The `dateline` binary: parses the command line, runs one library
//! function per command, prints its report and maps problems to exit codes
//! (0 fine, 1 problems in the site, 2 bad usage).

mod cli;
mod progress;

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

use cli::{BuildArgs, Cli, Command};
use dateline::build::{self, BuildOptions};
use dateline::config::{Config, SitePaths};
use dateline::diagnostic::Diagnostic;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let level = if cli.verbose { tracing::Level::DEBUG } else { tracing::Level::WARN };
    tracing_subscriber::fmt().with_max_level(level).with_writer(std::io::stderr).with_target(false).init();
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
    }
}

fn build(cli: &Cli, args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let paths = SitePaths::new(&cli.root, Some(&args.out));
    let config = match load_config(&paths, args.base_url.as_deref()) {
        Ok(config) => config,
        Err(d) => {
            eprintln!("{d}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let options = BuildOptions { drafts: args.drafts };
    let progress = progress::Bar::new(cli.quiet);
    let report = build::build_site(&paths, &config, &options, &progress)
        .with_context(|| format!("building {}", paths.root.display()))?;
    print_diagnostics(&report.diagnostics, cli.quiet);
    if !cli.quiet {
        eprintln!("{report}");
    }
    Ok(if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn load_config(paths: &SitePaths, base_url: Option<&str>) -> Result<Config, Diagnostic> {
    let config = Config::load(paths)?;
    match base_url {
        Some(url) => config.with_base_url(url).map_err(|msg| Diagnostic::error("--base-url", msg)),
        None => Ok(config),
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) {
    for d in diagnostics {
        if d.is_error() || !quiet {
            eprintln!("{d}");
        }
    }
}
