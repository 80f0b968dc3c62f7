//! The live loop: file events → batches of changed paths → `ingest` for raw
//! sources dropped in the inbox, [`Pipeline::rebuild`] for the rest.
//!
//! Only batches: debouncing, editor quirks and the choice of what to do live
//! here; what a path is comes from `SitePaths::classify`, and the rebuild is
//! the same code `build` runs. The output folder is never watched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::build::{BuildError, BuildReport, Changes, NoProgress, Pipeline};
use crate::config::Input;
use crate::extract::Extractor;
use crate::ingest::{self, IngestOptions, IngestReport};

/// How long events are gathered into one batch. Long enough to merge an
/// editor's write-then-rename and a `git checkout`'s burst, short enough for
/// the 50 ms edit-to-page budget (`bench/watch.py` measures the whole path).
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// More changed articles than this in one batch are read as a whole folder.
const RESCAN_ABOVE: usize = 2_000;

/// What the loop reports after each batch.
#[derive(Debug)]
pub enum Update {
    /// The watches are in place: changes from now on are seen.
    Watching,
    /// Raw sources from the inbox were ingested.
    Ingested(IngestReport),
    /// The site was brought up to date.
    Rebuilt(BuildReport),
    /// The watcher itself reported a problem (it keeps going).
    WatchError(String),
}

/// Why watching could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The file watcher could not be set up.
    #[error("cannot watch {path}: {source}{hint}")]
    Notify {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: notify::Error,
        /// What to do about it.
        hint: &'static str,
    },
    /// A rebuild failed in a way that stops the loop (the output folder).
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// The inbox: where raw sources arrive and how to ingest them.
pub struct Inbox {
    /// Settings for ingest (the content folder and so on).
    pub options: IngestOptions,
    /// The compiled vocabularies.
    pub extractor: Extractor,
}

/// Watches the site until `stop` is set, rebuilding after each batch of
/// changes and handing every report to `on_update`.
pub fn run(
    pipeline: &mut Pipeline,
    mut inbox: Option<Inbox>,
    stop: &AtomicBool,
    on_update: &mut dyn FnMut(Update),
) -> Result<(), WatchError> {
    let paths = pipeline.paths().clone();
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 2), tx).map_err(|source| WatchError::Notify {
        path: paths.root.clone(),
        source,
        hint: "",
    })?;
    // Folders, never single files: an editor that saves by renaming would
    // leave a watch on a single file pointing at a deleted inode.
    let watch = |debouncer: &mut notify_debouncer_full::Debouncer<_, _>, dir: &Path, mode| {
        debouncer.watch(dir, mode).map_err(|source| WatchError::Notify {
            path: dir.to_path_buf(),
            hint: if matches!(source.kind, notify::ErrorKind::MaxFilesWatch) {
                " (the system's limit of watched folders is reached: raise it with `sysctl fs.inotify.max_user_watches=524288`)"
            } else {
                ""
            },
            source,
        })
    };
    watch(&mut debouncer, &paths.root, RecursiveMode::NonRecursive)?;
    let mut watched: Vec<PathBuf> = Vec::new();
    let inputs = [&paths.content, &paths.templates, &paths.static_dir, &paths.sources];
    for dir in inputs {
        if dir.is_dir() && !dir.starts_with(&paths.out) {
            watch(&mut debouncer, dir, RecursiveMode::Recursive)?;
            watched.push(dir.clone());
        }
    }
    on_update(Update::Watching);

    while !stop.load(Ordering::Relaxed) {
        let first = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(batch) => batch,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // Take everything already waiting: a burst becomes one rebuild.
        let mut batches = vec![first];
        while let Ok(more) = rx.try_recv() {
            batches.push(more);
        }
        let mut changed: Vec<PathBuf> = Vec::new();
        for batch in batches {
            match batch {
                Ok(events) => {
                    for event in events {
                        if is_relevant(&event.kind) {
                            changed.extend(event.paths.iter().cloned());
                        }
                    }
                }
                Err(errors) => {
                    for e in errors {
                        on_update(Update::WatchError(e.to_string()));
                    }
                }
            }
        }
        changed.sort();
        changed.dedup();

        // An input folder created after start (templates/ made now) gets
        // watched, and the files it already holds are changes like any other.
        for dir in inputs {
            if !watched.contains(dir) && dir.is_dir() && changed.iter().any(|p| p == dir) {
                watch(&mut debouncer, dir, RecursiveMode::Recursive)?;
                watched.push(dir.clone());
                let files = walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok);
                changed.extend(files.filter(|e| e.file_type().is_file()).map(walkdir::DirEntry::into_path));
            }
        }

        let mut sources = Vec::new();
        let mut vocabulary_changed = false;
        for path in &changed {
            match paths.classify(path) {
                Some(Input::Source) if path.is_file() => sources.push(path.clone()),
                Some(Input::Vocabulary) => vocabulary_changed = true,
                _ => {}
            }
        }
        if vocabulary_changed && let Some(inbox) = inbox.as_mut() {
            match ingest::load_vocabularies(&paths) {
                Ok(v) => inbox.extractor = Extractor::new(&v),
                Err(d) => on_update(Update::WatchError(d.to_string())),
            }
        }
        if !sources.is_empty()
            && let Some(inbox) = inbox.as_ref()
        {
            let report = ingest::ingest(&sources, &paths, &inbox.options, &inbox.extractor, &NoProgress);
            // What ingest wrote is rebuilt in this same batch, not after its own events.
            for input in &report.inputs {
                if let ingest::Outcome::Written(to) = &input.outcome {
                    changed.push(to.clone());
                }
            }
            on_update(Update::Ingested(report));
        }

        let content_paths = changed.iter().filter(|p| paths.classify(p) == Some(Input::Content)).count();
        let Some(mut changes) = Changes::from_paths(&paths, changed.iter().map(PathBuf::as_path)) else { continue };
        if content_paths > RESCAN_ABOVE {
            changes.content_rescan = true;
        }
        let report = pipeline.rebuild(&changes, &NoProgress)?;
        on_update(Update::Rebuilt(report));
    }
    debouncer.stop();
    Ok(())
}

/// Create, modify and remove events. The build opens every file it reads,
/// and on Linux notify reports those opens: rebuilding on them would never stop.
fn is_relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, RenameMode};

    #[test]
    fn only_changes_count_not_reads() {
        assert!(is_relevant(&EventKind::Create(CreateKind::File)));
        assert!(is_relevant(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(is_relevant(&EventKind::Modify(ModifyKind::Name(RenameMode::To))));
        assert!(!is_relevant(&EventKind::Access(AccessKind::Read)));
        assert!(!is_relevant(&EventKind::Access(AccessKind::Open(notify::event::AccessMode::Any))));
    }
}
