//! Command-line options (clap derive types). No logic lives here.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// dateline: a static site generator for news archives.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, propagate_version = true)]
pub struct Cli {
    /// The site folder (holds content/, templates/, static/, dateline.yaml).
    #[arg(long, short = 'r', global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Only print errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print more about what happens.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the archive in content/ into a static site.
    Build(BuildArgs),
    /// Normalize raw articles (.txt, .html, .md; files or folders) into content/.
    Ingest(IngestArgs),
    /// Build, serve the site on this machine and reload open pages as files change.
    Serve(ServeArgs),
    /// Build, then rebuild into the output folder as files change (no server).
    Watch(WatchArgs),
}

/// Options of `dateline watch`: those of `build`, plus the inbox.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Where and how to build.
    #[command(flatten)]
    pub build: BuildArgs,
    /// Where raw articles arrive.
    #[command(flatten)]
    pub inbox: InboxArgs,
}

/// The inbox of `watch` and `serve`.
#[derive(Debug, Args)]
pub struct InboxArgs {
    /// Folder of raw articles to ingest as they arrive, relative to the site root.
    #[arg(long, default_value = "sources", value_name = "DIR")]
    pub inbox: PathBuf,
}

/// What every building command publishes.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Also publish articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `dateline serve`. It builds into a private folder, never
/// into the output folder `build` writes.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but 127.0.0.1 lets other machines read the site.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// What to publish.
    #[command(flatten)]
    pub publish: PublishArgs,
    /// Where raw articles arrive.
    #[command(flatten)]
    pub inbox: InboxArgs,
}

/// Options of `dateline ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files and folders of raw articles (folders are read recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where normalized articles go, relative to the site root.
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub content: PathBuf,
    /// Show what would be written without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite content files even when someone edited them after ingest.
    #[arg(long)]
    pub force: bool,
    /// Print, per article, which phrase produced each field and entity.
    #[arg(long)]
    pub explain: bool,
    /// Date for datelines without a year (`Feb 26`) and undated sources,
    /// instead of each file's modification time, e.g. 1987-01-01.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub default_date: Option<String>,
}

/// Options of `dateline build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder, relative to the site root.
    #[arg(long, short, default_value = "public", value_name = "DIR")]
    pub out: PathBuf,
    /// Absolute URL the site will be served from (overrides dateline.yaml), e.g. https://example.org/archive/
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// What to publish.
    #[command(flatten)]
    pub publish: PublishArgs,
}
