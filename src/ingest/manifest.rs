//! What ingest wrote into a content folder, kept so that it can tell a file
//! it may refresh (bytes it wrote itself) from one a person edited (never
//! overwritten without `--force`), and a lock so that one ingest at a time
//! writes there.
//!
//! The manifest (`content/.dateline-ingest.tsv`) is a journal: a line is
//! appended *before* each file is written, so a run killed at any moment
//! leaves every file it touched either as it was (and recorded earlier) or
//! as it was about to be (and recorded now): all versions recorded count as
//! ingest's own. A run that finishes compacts it to one line a file. Which
//! source a file holds comes from the file itself (its `source` field), so
//! a lost manifest is rebuilt, not a reason to write a second copy.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::disk::{self, Durability};

/// The manifest's file name, inside `content/` (hidden, so the build skips it).
pub const MANIFEST: &str = ".dateline-ingest.tsv";

/// The lock file's name, inside `content/`. The lock is the operating
/// system's (released when the process ends, however it ends), not the
/// file's existence, so a killed run cannot leave it stuck.
pub const LOCK: &str = ".dateline-ingest.lock";

const HEADER: &str = "# Written by `dateline ingest`: content file, fingerprint of bytes ingest wrote, source. Safe to delete: ingest then finds each file's source in the file itself, and keeps (as if edited by hand) files it cannot tell it wrote.\n";

/// What ingest knows of one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Fingerprints of every version ingest wrote (or was about to write), oldest first.
    pub fingerprints: Vec<u64>,
    /// The source it came from.
    pub source: String,
}

impl Entry {
    /// Whether bytes with this fingerprint are ingest's own.
    pub fn wrote(&self, fingerprint: u64) -> bool {
        self.fingerprints.contains(&fingerprint)
    }
}

/// Why the manifest could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// It exists but cannot be read.
    #[error(
        "cannot read {path}: {source}; fix its permissions, or delete it (ingest rebuilds it from the content files)"
    )]
    Read {
        /// The manifest.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The lock could not be taken or the journal written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Exclusive use of a content folder by this ingest, until dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the content folder's lock, calling `waiting` first if another
/// ingest holds it (then waiting for it to finish).
pub fn lock(content: &Path, waiting: impl FnOnce()) -> Result<Lock, ManifestError> {
    let path = content.join(LOCK);
    let error = |source| ManifestError::Write { path: path.clone(), source };
    std::fs::create_dir_all(content).map_err(error)?;
    let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(error)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock().map_err(error)?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(error(e)),
    }
    Ok(Lock { _file: file })
}

/// Content file (relative to `content/`, `/`-separated) → what ingest wrote there.
#[derive(Debug, Default)]
pub struct Manifest {
    /// The entries.
    pub files: HashMap<String, Entry>,
    journal: Option<File>,
}

impl Manifest {
    /// Reads the manifest of a content folder (empty if there is none).
    pub fn load(content: &Path) -> Result<Manifest, ManifestError> {
        let path = content.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(ManifestError::Read { path, source }),
        };
        let mut files: HashMap<String, Entry> = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            // A line cut short by a crash has too few fields and is skipped.
            let mut parts = line.splitn(3, '\t');
            let (Some(file), Some(print), Some(source)) = (parts.next(), parts.next(), parts.next()) else { continue };
            if print == "-" {
                files.remove(file);
                continue;
            }
            let Ok(print) = u64::from_str_radix(print, 16) else { continue };
            let entry = files
                .entry(file.to_string())
                .or_insert_with(|| Entry { fingerprints: Vec::new(), source: source.to_string() });
            if entry.source != source {
                *entry = Entry { fingerprints: Vec::new(), source: source.to_string() };
            }
            if !entry.fingerprints.contains(&print) {
                entry.fingerprints.push(print);
            }
        }
        Ok(Manifest { files, journal: None })
    }

    /// Notes, before the file is written, that `file` gets bytes with this
    /// fingerprint from `source`: appended to the journal at once.
    pub fn record(&mut self, content: &Path, file: &str, fingerprint: u64, source: &str) -> Result<(), ManifestError> {
        let entry = self
            .files
            .entry(file.to_string())
            .or_insert_with(|| Entry { fingerprints: Vec::new(), source: source.into() });
        if entry.source != source {
            *entry = Entry { fingerprints: Vec::new(), source: source.to_string() };
        }
        if !entry.fingerprints.contains(&fingerprint) {
            entry.fingerprints.push(fingerprint);
        }
        self.append(content, &format!("{file}\t{fingerprint:016x}\t{}\n", one_line(source)))
    }

    /// Notes that ingest removed `file` (a source whose date moved it).
    pub fn forget(&mut self, content: &Path, file: &str) -> Result<(), ManifestError> {
        if let Some(entry) = self.files.remove(file) {
            self.append(content, &format!("{file}\t-\t{}\n", one_line(&entry.source)))?;
        }
        Ok(())
    }

    /// Settles what each file now holds (`current`: file → fingerprint of
    /// its bytes, for files this run wrote or found unchanged) and rewrites
    /// the manifest with one line a file, atomically and durably.
    pub fn compact(&mut self, content: &Path, current: &HashMap<String, u64>) -> Result<(), ManifestError> {
        for (file, print) in current {
            if let Some(entry) = self.files.get_mut(file) {
                entry.fingerprints = vec![*print];
            }
        }
        let mut rows: Vec<_> = self.files.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut text = String::from(HEADER);
        for (file, entry) in rows {
            for print in &entry.fingerprints {
                text.push_str(&format!("{file}\t{print:016x}\t{}\n", one_line(&entry.source)));
            }
        }
        self.journal = None;
        let path = content.join(MANIFEST);
        disk::write_if_changed(&path, text.as_bytes(), Durability::Durable)
            .map(|_| ())
            .map_err(|source| ManifestError::Write { path, source })
    }

    fn append(&mut self, content: &Path, line: &str) -> Result<(), ManifestError> {
        let path = content.join(MANIFEST);
        let error = |source| ManifestError::Write { path: path.clone(), source };
        if self.journal.is_none() {
            let fresh = !path.exists();
            let mut file = File::options().create(true).append(true).open(&path).map_err(error)?;
            if fresh {
                file.write_all(HEADER.as_bytes()).map_err(error)?;
            }
            self.journal = Some(file);
        }
        // One write a line: a kill lands before or after it, not inside.
        self.journal.as_mut().map_or(Ok(()), |f| f.write_all(line.as_bytes())).map_err(error)
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_recorded_counts_until_a_run_settles_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::load(dir.path()).unwrap();
        m.record(dir.path(), "2012/10/a.md", 1, "sources/a.txt").unwrap();
        m.record(dir.path(), "2012/10/a.md", 2, "sources/a.txt").unwrap();
        m.record(dir.path(), "2012/10/b.md", 3, "sources/b.txt").unwrap();
        m.forget(dir.path(), "2012/10/b.md").unwrap();
        drop(m); // as if killed: nothing but the journal is left
        let mut m = Manifest::load(dir.path()).unwrap();
        assert!(m.files["2012/10/a.md"].wrote(1) && m.files["2012/10/a.md"].wrote(2));
        assert!(!m.files.contains_key("2012/10/b.md"));
        m.compact(dir.path(), &HashMap::from([("2012/10/a.md".to_string(), 2)])).unwrap();
        let m = Manifest::load(dir.path()).unwrap();
        assert_eq!(m.files["2012/10/a.md"].fingerprints, [2]);
    }

    #[test]
    fn a_line_cut_short_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), "a.md\t0000000000000001\tsrc\nb.md\t00000").unwrap();
        let m = Manifest::load(dir.path()).unwrap();
        assert_eq!(m.files.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_manifest_is_an_error_not_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(MANIFEST)).unwrap();
        let e = Manifest::load(dir.path()).unwrap_err();
        assert!(e.to_string().contains("delete it"), "{e}");
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path(), || panic!("nobody holds it yet")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let _lock = lock(&path, || tx.send("waiting").unwrap()).unwrap();
        });
        assert_eq!(rx.recv().unwrap(), "waiting");
        drop(first);
        second.join().unwrap();
    }
}
