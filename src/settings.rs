//! The one conversion from the command line to checked settings (as
//! ripgrep's `HiArgs`): the site's folders resolved once, `dateline.yaml`
//! read with the command line's overrides. Every command starts here and
//! nothing after it looks at the arguments' paths again.

use std::path::Path;

use dateline::build::BuildOptions;
use dateline::config::{Config, SitePaths};
use dateline::diagnostic::Diagnostic;

use crate::cli::{Cli, InboxArgs, PublishArgs};

/// A site ready to build: where everything is and how to publish it.
pub(crate) struct Site {
    /// Its folders, absolute.
    pub paths: SitePaths,
    /// `dateline.yaml` with the overrides applied.
    pub config: Config,
    /// The choices the pipeline keeps across rebuilds.
    pub options: BuildOptions,
}

/// The site's folders from `--root` (the current folder by default), with
/// the output at `out` and the inbox at `inbox` (both relative to the root
/// unless absolute).
pub(crate) fn site_paths(cli: &Cli, out: Option<&Path>, inbox: Option<&InboxArgs>) -> anyhow::Result<SitePaths> {
    let paths = SitePaths::resolve(&cli.root, out)?;
    Ok(match inbox {
        Some(inbox) => paths.with_inbox(&inbox.inbox),
        None => paths,
    })
}

/// The site at `paths` as the command line asks to publish it: drafts or
/// not, under `base_url` (`--base-url`, or the preview's own address) over
/// `dateline.yaml`'s.
pub(crate) fn site(paths: SitePaths, publish: &PublishArgs, base_url: Option<String>) -> Result<Site, Diagnostic> {
    let options = BuildOptions { drafts: publish.drafts, base_url };
    let config = Config::load_with(&paths, options.base_url.as_deref())?;
    Ok(Site { paths, config, options })
}
