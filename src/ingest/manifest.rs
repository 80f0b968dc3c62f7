//! What ingest wrote: for each content file, the fingerprint of the bytes it
//! wrote and the source they came from, in `content/.dateline-ingest.tsv`.
//!
//! This is how ingest tells a file it may refresh (untouched since it wrote
//! it) from one a person edited (never overwritten without `--force`), and
//! how a source keeps its file when re-ingested.

use std::collections::HashMap;
use std::path::Path;

use crate::disk::{self, Durability};

/// The manifest's file name, inside `content/` (hidden, so the build skips it).
pub const MANIFEST: &str = ".dateline-ingest.tsv";

/// One file ingest wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Fingerprint of the bytes written.
    pub fingerprint: u64,
    /// The source it came from.
    pub source: String,
}

/// Content file (relative to `content/`, `/`-separated) → what ingest wrote there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The entries.
    pub files: HashMap<String, Entry>,
}

impl Manifest {
    /// Reads the manifest of a content folder (empty if there is none).
    pub fn load(content: &Path) -> Manifest {
        let text = std::fs::read_to_string(content.join(MANIFEST)).unwrap_or_default();
        let files = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut parts = line.splitn(3, '\t');
                let file = parts.next()?.to_string();
                let fingerprint = u64::from_str_radix(parts.next()?, 16).ok()?;
                let source = parts.next()?.to_string();
                Some((file, Entry { fingerprint, source }))
            })
            .collect();
        Manifest { files }
    }

    /// The file a source was last written to.
    pub fn file_of(&self, source: &str) -> Option<&str> {
        self.files.iter().filter(|(_, e)| e.source == source).map(|(f, _)| f.as_str()).min()
    }

    /// Writes the manifest atomically and durably.
    pub fn save(&self, content: &Path) -> std::io::Result<()> {
        let mut rows: Vec<_> = self.files.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut text = String::from(
            "# Written by `dateline ingest`: content file, fingerprint of the bytes ingest wrote, source. Safe to delete (ingest then treats existing files as edited by hand).\n",
        );
        for (file, entry) in rows {
            text.push_str(&format!(
                "{file}\t{:016x}\t{}\n",
                entry.fingerprint,
                entry.source.replace(['\t', '\n'], " ")
            ));
        }
        disk::write_if_changed(&content.join(MANIFEST), text.as_bytes(), Durability::Durable).map(|_| ())
    }
}
