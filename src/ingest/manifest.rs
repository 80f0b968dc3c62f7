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

    /// Source → the file it was last written to (the first by name, should
    /// an old manifest list several): one pass, for looking up many sources.
    pub fn file_by_source(&self) -> HashMap<&str, &str> {
        let mut index: HashMap<&str, &str> = HashMap::with_capacity(self.files.len());
        for (file, entry) in &self.files {
            index.entry(entry.source.as_str()).and_modify(|f| *f = (*f).min(file.as_str())).or_insert(file.as_str());
        }
        index
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
