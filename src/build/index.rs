//! The search phase: the index's shards, each built (in parallel) and
//! written only when the fingerprint of its records changed.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Outcome, Pipeline};
use crate::archive::Archive;
use crate::pages;
use crate::render::prints::Prints;

/// The file in each shard's folder that says what the shard was built from
/// (the fingerprint of its records) and which files it has, so a later
/// `dateline build` keeps a shard whose records did not change.
const SHARD_RECORD: &str = ".dateline-shard";

/// First line of a shard record; the version keeps an older binary's
/// records (whose fingerprints may be computed differently) from matching.
const RECORD_HEADER: &str = concat!("dateline-shard ", env!("CARGO_PKG_VERSION"));

/// A shard of the search index as it is in the output.
#[derive(Debug, Clone)]
pub(super) struct IndexedShard {
    /// Its name (`2012`).
    pub name: String,
    /// Fingerprint of its records, `None` when building it failed (tried again next time).
    pub print: Option<u64>,
    /// Its files, relative to the output folder.
    pub files: Vec<String>,
}

impl Pipeline {
    /// Brings the search index up to date with `archive`: shards whose
    /// records are as they were in `previous` are kept as they are.
    pub(super) fn index_search(
        &self,
        archive: &Archive,
        prints: &Prints<'_>,
        previous: &[IndexedShard],
    ) -> (Vec<IndexedShard>, usize, Outcome) {
        if !self.config.search_enabled() {
            return (Vec::new(), 0, Outcome::default());
        }
        let before: HashMap<&str, &IndexedShard> = previous.iter().map(|s| (s.name.as_str(), s)).collect();
        let shards = pages::search_shards(archive);
        let results: Vec<(IndexedShard, bool, Outcome)> = shards
            .par_iter()
            .map(|shard| {
                let print = prints.search_shard(shard);
                // Known from this process, or (first build) from the output folder.
                let old = match before.get(shard.name.as_str()) {
                    Some(old) => Some((*old).clone()),
                    None => self.read_record(shard),
                };
                match old {
                    Some(old) if old.print == Some(print) => (old, false, Outcome::default()),
                    _ => {
                        let (indexed, outcome) = self.index_shard(archive, shard, print, old.as_ref());
                        (indexed, true, outcome)
                    }
                }
            })
            .collect();
        let mut outcome = Outcome::default();
        let mut indexed = Vec::with_capacity(results.len());
        let mut built = 0;
        for (shard, fresh, mut done) in results {
            outcome.written.append(&mut done.written);
            outcome.problems.append(&mut done.problems);
            built += usize::from(fresh);
            indexed.push(shard);
        }
        (indexed, built, outcome)
    }

    /// Builds one shard and writes its files; on failure its old files stay.
    #[cfg(feature = "search")]
    fn index_shard(
        &self,
        archive: &Archive,
        shard: &pages::SearchShard,
        print: u64,
        old: Option<&IndexedShard>,
    ) -> (IndexedShard, Outcome) {
        use crate::diagnostic::Diagnostic;
        let urls = pages::Urls::new(&self.config);
        let mut outcome = Outcome::default();
        let failed = |outcome: Outcome| {
            let files = old.map(|o| o.files.clone()).unwrap_or_default();
            (IndexedShard { name: shard.name.clone(), print: None, files }, outcome)
        };
        let files = match crate::search::build_shard(archive, &urls, &self.config.language, shard) {
            Ok(files) => files,
            Err(e) => {
                outcome.problems.push(Diagnostic::error(shard.dir().as_str(), e.to_string()));
                return failed(outcome);
            }
        };
        // The shard record lists its files sorted, so it reads the same each build.
        let mut names: Vec<String> = files.iter().map(|(rel, _)| rel.clone()).collect();
        names.sort_unstable();
        for (rel, bytes) in files {
            match crate::output::write(&self.paths.out, &rel, &bytes) {
                Ok(true) => outcome.written.push(rel),
                Ok(false) => {}
                Err(e) => outcome.problems.push(Diagnostic::error(&rel, e.to_string())),
            }
        }
        if !outcome.problems.is_empty() {
            return failed(outcome);
        }
        let indexed = IndexedShard { name: shard.name.clone(), print: Some(print), files: names };
        let record = format!("{}\n", record_text(&indexed));
        let at = format!("{}{SHARD_RECORD}", shard.dir());
        match crate::output::write(&self.paths.out, &at, record.as_bytes()) {
            Ok(true) => outcome.written.push(at.clone()),
            Ok(false) => {}
            Err(e) => outcome.problems.push(Diagnostic::error(&at, e.to_string())),
        }
        let mut indexed = indexed;
        indexed.files.push(at);
        (indexed, outcome)
    }

    /// The shard as a record in the output folder describes it, if the
    /// record is there, is this version's, and every file it lists exists.
    fn read_record(&self, shard: &pages::SearchShard) -> Option<IndexedShard> {
        let at = format!("{}{SHARD_RECORD}", shard.dir());
        let text = std::fs::read_to_string(self.paths.out.join(&at)).ok()?;
        let mut lines = text.lines();
        let print = lines.next()?.strip_prefix(RECORD_HEADER)?.strip_prefix(' ')?;
        let print = u64::from_str_radix(print, 16).ok()?;
        let mut files: Vec<String> = lines.map(str::to_string).collect();
        let inside =
            |f: &String| f.starts_with(shard.dir().as_str()) && crate::output::target(&self.paths.out, f).is_ok();
        if !files.iter().all(|f| inside(f) && self.paths.out.join(f).is_file()) {
            return None;
        }
        files.push(at);
        Some(IndexedShard { name: shard.name.clone(), print: Some(print), files })
    }

    #[cfg(not(feature = "search"))]
    fn index_shard(
        &self,
        _archive: &Archive,
        shard: &pages::SearchShard,
        _print: u64,
        _old: Option<&IndexedShard>,
    ) -> (IndexedShard, Outcome) {
        (IndexedShard { name: shard.name.clone(), print: None, files: Vec::new() }, Outcome::default())
    }
}

/// What a shard record holds: the header with the fingerprint, then one file a line.
#[cfg(feature = "search")]
fn record_text(shard: &IndexedShard) -> String {
    let mut text = format!("{RECORD_HEADER} {:016x}", shard.print.unwrap_or_default());
    for file in &shard.files {
        text.push('\n');
        text.push_str(file);
    }
    text
}
